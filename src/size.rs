//! Enterprise size (大/中/小/微) per 《中小企业划型标准规定》(工信部联企业〔2011〕300号)
//! with the 2017 statistical mapping of industry codes (国统字〔2017〕213号).
//!
//! The answer is the set of sizes still possible: exact when every indicator the
//! industry uses is known, narrowed when the known ones already settle part of it
//! (any indicator below the small bound makes a 微型企业), and all four when the
//! industry is unknown or not covered by the standard. A coarse code (a section such as
//! F or H, a division such as G59) is classified under every row it may fall under: the
//! size is known when all those rows give the same class for the figures given, and
//! otherwise only the classes some row still allows are possible. A coarse code that also
//! spans industries the standard does not cover (G holds 53, K holds 704, Q holds 84)
//! leaves the size unknown.

use crate::codes::Industry;
use crate::format::{grouped, plain, yuan_en, yuan_zh};

pub const LARGE: u8 = 1;
pub const MEDIUM: u8 = 2;
pub const SMALL: u8 = 4;
pub const MICRO: u8 = 8;
pub const ANY: u8 = 15;
/// Size names, indexed by tier (0 = large … 3 = micro).
pub const NAMES: [(&str, &str, &str); 4] =
    [("large", "大型企业", "Large"), ("medium", "中型企业", "Medium"), ("small", "小型企业", "Small"), ("micro", "微型企业", "Micro")];

/// The indicators of the standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Indicator {
    /// X, 从业人员 (persons).
    Employees,
    /// Y, 营业收入 (万元 in the table).
    Revenue,
    /// Z, 资产总额 (万元 in the table).
    Assets,
}

impl Indicator {
    pub fn attribute(self) -> &'static str {
        match self {
            Indicator::Employees => "employees",
            Indicator::Revenue => "revenue",
            Indicator::Assets => "total_assets",
        }
    }
    fn describe(self, v: f64, en: bool) -> String {
        match (self, en) {
            (Indicator::Employees, false) => format!("从业人员{}人", plain(v)),
            (Indicator::Employees, true) => format!("{} employees", grouped(v)),
            (Indicator::Revenue, false) => format!("营业收入{}", yuan_zh(v)),
            (Indicator::Revenue, true) => format!("operating revenue {}", yuan_en(v)),
            (Indicator::Assets, false) => format!("资产总额{}", yuan_zh(v)),
            (Indicator::Assets, true) => format!("total assets {}", yuan_en(v)),
        }
    }
    /// The indicator's name as the standard writes it (zh) or in English.
    pub fn name(self, en: bool) -> &'static str {
        match (self, en) {
            (Indicator::Employees, false) => "从业人员",
            (Indicator::Revenue, false) => "营业收入",
            (Indicator::Assets, false) => "资产总额",
            (Indicator::Employees, true) => "employees",
            (Indicator::Revenue, true) => "operating revenue",
            (Indicator::Assets, true) => "total assets",
        }
    }
}

use Indicator::{Assets as Z, Employees as X, Revenue as Y};

/// One row of the standard: the industry group and, per indicator, the lower bounds of
/// 大型, 中型 and 小型 (persons, or 万元 for money).
pub struct Group {
    pub zh: &'static str,
    pub en: &'static str,
    pub bounds: &'static [(Indicator, [f64; 3])],
}

/// The sixteen rows of the table in 工信部联企业〔2011〕300号.
pub const GROUPS: [Group; 16] = [
    Group { zh: "农、林、牧、渔业", en: "Agriculture, forestry, animal husbandry and fishery", bounds: &[(Y, [20000.0, 500.0, 50.0])] },
    Group { zh: "工业", en: "Industry", bounds: &[(X, [1000.0, 300.0, 20.0]), (Y, [40000.0, 2000.0, 300.0])] },
    Group { zh: "建筑业", en: "Construction", bounds: &[(Y, [80000.0, 6000.0, 300.0]), (Z, [80000.0, 5000.0, 300.0])] },
    Group { zh: "批发业", en: "Wholesale", bounds: &[(X, [200.0, 20.0, 5.0]), (Y, [40000.0, 5000.0, 1000.0])] },
    Group { zh: "零售业", en: "Retail", bounds: &[(X, [300.0, 50.0, 10.0]), (Y, [20000.0, 500.0, 100.0])] },
    Group { zh: "交通运输业", en: "Transport", bounds: &[(X, [1000.0, 300.0, 20.0]), (Y, [30000.0, 3000.0, 200.0])] },
    Group { zh: "仓储业", en: "Warehousing", bounds: &[(X, [200.0, 100.0, 20.0]), (Y, [30000.0, 1000.0, 100.0])] },
    Group { zh: "邮政业", en: "Postal services", bounds: &[(X, [1000.0, 300.0, 20.0]), (Y, [30000.0, 2000.0, 100.0])] },
    Group { zh: "住宿业", en: "Accommodation", bounds: &[(X, [300.0, 100.0, 10.0]), (Y, [10000.0, 2000.0, 100.0])] },
    Group { zh: "餐饮业", en: "Catering", bounds: &[(X, [300.0, 100.0, 10.0]), (Y, [10000.0, 2000.0, 100.0])] },
    Group { zh: "信息传输业", en: "Information transmission", bounds: &[(X, [2000.0, 100.0, 10.0]), (Y, [100000.0, 1000.0, 100.0])] },
    Group { zh: "软件和信息技术服务业", en: "Software and IT services", bounds: &[(X, [300.0, 100.0, 10.0]), (Y, [10000.0, 1000.0, 50.0])] },
    Group { zh: "房地产开发经营", en: "Real estate development", bounds: &[(Y, [200000.0, 1000.0, 100.0]), (Z, [10000.0, 5000.0, 2000.0])] },
    Group { zh: "物业管理", en: "Property management", bounds: &[(X, [1000.0, 300.0, 100.0]), (Y, [5000.0, 1000.0, 500.0])] },
    Group { zh: "租赁和商务服务业", en: "Leasing and business services", bounds: &[(X, [300.0, 100.0, 10.0]), (Z, [120000.0, 8000.0, 100.0])] },
    Group { zh: "其他未列明行业", en: "Other industries not listed", bounds: &[(X, [300.0, 100.0, 10.0])] },
];

const AGRI: usize = 0;
const INDUSTRY: usize = 1;
const CONSTRUCTION: usize = 2;
const WHOLESALE: usize = 3;
const RETAIL: usize = 4;
const TRANSPORT: usize = 5;
const WAREHOUSE: usize = 6;
const POSTAL: usize = 7;
const HOTEL: usize = 8;
const CATERING: usize = 9;
const INFO: usize = 10;
const SOFTWARE: usize = 11;
const REAL_ESTATE: usize = 12;
const PROPERTY: usize = 13;
const LEASING: usize = 14;
const OTHER: usize = 15;

/// Where an industry code places an enterprise in the standard.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// One row of the table, with a note where the mapping is unconfirmed.
    Group(usize, Option<(&'static str, &'static str)>),
    /// The standard does not cover this industry.
    NotCovered(&'static str, &'static str),
    /// The code spans several rows; `uncovered` when it also spans industries the
    /// standard does not cover.
    TooCoarse(Vec<usize>, bool),
}

/// Places an industry code in the table (国统字〔2017〕213号 mapping).
pub fn place(ind: &Industry) -> Placement {
    use Placement::*;
    let d = ind.digits();
    let div: Option<u8> = d.get(..2).and_then(|s| s.parse().ok());
    let uncovered_fin = NotCovered("金融业不适用该标准（另有金融业划型标准）", "finance has its own size standard");
    let uncovered = NotCovered("该行业不在《中小企业划型标准规定》适用范围内", "this industry is not covered by the SME size standard");
    match (ind.section(), div) {
        ('A', Some(5)) => Group(AGRI, Some(("05 农、林、牧、渔专业及辅助性活动是否归入农、林、牧、渔业尚未确认", "whether division 05 counts as agriculture is unconfirmed"))),
        ('A', _) => Group(AGRI, None),
        ('B' | 'C' | 'D', _) => Group(INDUSTRY, None),
        ('E', _) => Group(CONSTRUCTION, None),
        ('F', Some(51)) => Group(WHOLESALE, None),
        ('F', Some(_)) => Group(RETAIL, None),
        ('F', None) => TooCoarse(vec![WHOLESALE, RETAIL], false),
        ('G', Some(53)) => uncovered,
        ('G', Some(54..=58)) => Group(TRANSPORT, None),
        ('G', Some(59)) if d.starts_with("591") => Group(TRANSPORT, Some(("装卸搬运（591）归入交通运输业尚未确认", "counting handling (591) as transport is unconfirmed"))),
        ('G', Some(59)) if d.len() > 2 => Group(WAREHOUSE, None),
        ('G', Some(59)) => TooCoarse(vec![TRANSPORT, WAREHOUSE], false),
        ('G', Some(_)) => Group(POSTAL, None),
        ('G', None) => TooCoarse(vec![TRANSPORT, WAREHOUSE, POSTAL], true),
        ('H', Some(61)) => Group(HOTEL, None),
        ('H', Some(_)) => Group(CATERING, None),
        ('H', None) => TooCoarse(vec![HOTEL, CATERING], false),
        ('I', Some(63 | 64)) => Group(INFO, None),
        ('I', Some(_)) => Group(SOFTWARE, None),
        ('I', None) => TooCoarse(vec![INFO, SOFTWARE], false),
        ('J', _) => uncovered_fin,
        ('K', _) if d.starts_with("701") => Group(REAL_ESTATE, None),
        ('K', _) if d.starts_with("702") => Group(PROPERTY, None),
        ('K', _) if d.starts_with("703") || d.starts_with("709") => Group(OTHER, None),
        ('K', _) if d.starts_with("704") => uncovered,
        ('K', _) => TooCoarse(vec![REAL_ESTATE, PROPERTY, OTHER], true),
        ('L', _) => Group(LEASING, None),
        ('M' | 'N' | 'O' | 'R', _) => Group(OTHER, None),
        ('Q', Some(85)) => Group(OTHER, None),
        ('Q', Some(_)) => uncovered,
        ('Q', None) => TooCoarse(vec![OTHER], true),
        _ => uncovered, // P, S, T
    }
}

/// Why the size is what it is: the facts the basis text is written from.
#[derive(Debug, Clone, PartialEq)]
pub enum Ground {
    NoIndustry,
    NotCovered(Industry, &'static str, &'static str),
    /// A coarse code: the rows it may fall under, whether it also spans uncovered
    /// industries, the known indicator values and the unanswered ones.
    Coarse { industry: Industry, groups: Vec<usize>, uncovered: bool, known: Vec<(Indicator, f64)>, missing: Vec<Indicator> },
    /// A row of the table, an unconfirmed-mapping note, the known indicator values.
    Row { group: usize, note: Option<(&'static str, &'static str)>, known: Vec<(Indicator, f64)>, missing: Vec<Indicator> },
}

/// The size finding: which sizes are still possible, which answers would settle it,
/// and its ground (the basis text is written only when asked for).
#[derive(Debug, Clone, PartialEq)]
pub struct SizeFinding {
    /// Bit set of possible sizes (LARGE | MEDIUM | SMALL | MICRO).
    pub possible: u8,
    /// Unanswered attributes that would narrow the answer.
    pub missing: Vec<&'static str>,
    pub ground: Ground,
}

impl SizeFinding {
    /// The size when exactly one is possible.
    pub fn value(&self) -> Option<usize> {
        (self.possible.count_ones() == 1).then(|| self.possible.trailing_zeros() as usize)
    }

    /// The basis in words: "小型企业 — 工业：从业人员80人，营业收入6000万元".
    pub fn basis(&self, en: bool) -> String {
        let t = |zh: String, e: String| if en { e } else { zh };
        match &self.ground {
            Ground::NoIndustry => t("未填写所属行业，无法按划型标准判定规模".into(), "industry not given: size cannot be classified".into()),
            Ground::NotCovered(ind, zh, e) => t(format!("行业 {}：{zh}，规模未知", ind.describe(false)), format!("industry {}: {e}; size unknown", ind.describe(true))),
            Ground::Coarse { industry, groups, uncovered, known, missing } => {
                let names: Vec<&str> = groups.iter().map(|g| if en { GROUPS[*g].en } else { GROUPS[*g].zh }).collect();
                let rows = names.join(if en { ", " } else { "、" });
                let figures = if known.is_empty() {
                    t("未填写规模指标".into(), "no size figures given".into())
                } else {
                    known.iter().map(|(i, v)| i.describe(*v, en)).collect::<Vec<_>>().join(if en { ", " } else { "，" })
                };
                let classes: Vec<&str> = (0..4).filter(|t| self.possible & (1 << t) != 0).map(|t| if en { NAMES[t].2 } else { NAMES[t].1 }).collect();
                match self.value() {
                    Some(tier) => t(
                        format!("{} — 行业代码 {} 涵盖{rows}，{figures}在其中每一类的标准下均为{}", NAMES[tier].1, industry.as_str(), NAMES[tier].1),
                        format!("{} — industry code {} spans {rows}; {figures} is {} under each of them", NAMES[tier].2, industry.as_str(), NAMES[tier].2.to_lowercase()),
                    ),
                    None if *uncovered => t(
                        format!("行业代码 {} 过粗，涵盖{rows}以及不适用划型标准的行业，请选择更具体的行业", industry.as_str()),
                        format!("industry code {} is too coarse: it spans {rows} and industries the size standard does not cover; choose a finer code", industry.as_str()),
                    ),
                    None => {
                        let missing_names: Vec<&str> = missing.iter().map(|i| i.name(en)).collect();
                        let more = if missing_names.is_empty() { String::new() } else { t(format!("或填写{}", missing_names.join("、")), format!(" or give the {}", missing_names.join(" and "))) };
                        t(
                            format!("规模未定 — 行业代码 {} 涵盖{rows}，{figures}：可能为{}；请选择更具体的行业{more}", industry.as_str(), classes.join("或")),
                            format!("size not settled — industry code {} spans {rows}; {figures}: could be {}; choose a finer code{more}", industry.as_str(), classes.join(" or ")),
                        )
                    }
                }
            }
            Ground::Row { group, note, known, missing } => {
                let g = &GROUPS[*group];
                let parts: Vec<String> = known.iter().map(|(i, v)| i.describe(*v, en)).collect();
                let figures = if parts.is_empty() {
                    t("未填写规模指标".into(), "no size figures given".into())
                } else {
                    parts.join(if en { ", " } else { "，" })
                };
                let mut text = format!("{}{}{figures}", if en { g.en } else { g.zh }, if en { ": " } else { "：" });
                let missing_names: Vec<&str> = missing.iter().map(|i| i.name(en)).collect();
                match self.value() {
                    Some(tier) => {
                        text = format!("{} — {text}", if en { NAMES[tier].2 } else { NAMES[tier].1 });
                        if !missing.is_empty() {
                            text.push_str(&t(
                                format!("（已低于小型企业下限，{}无论多少均为微型企业）", missing_names.join("、")),
                                format!(" (already below the small-enterprise bound, so micro whatever the {})", missing_names.join(" and ")),
                            ));
                        }
                    }
                    None => {
                        let names: Vec<&str> = (0..4).filter(|t| self.possible & (1 << t) != 0).map(|t| if en { NAMES[t].2 } else { NAMES[t].1 }).collect();
                        text = t(
                            format!("规模未定 — {text}；还需填写{}（可能为{}）", missing_names.join("、"), names.join("或")),
                            format!("size not settled — {text}; still needed: {} (could be {})", missing_names.join(", "), names.join(" or ")),
                        );
                    }
                }
                if let Some((nz, ne)) = note {
                    text.push_str(&t(format!("。注意：{nz}"), format!(". Note: {ne}")));
                }
                text
            }
        }
    }
}

fn tier(v: f64, bounds: [f64; 3], money: bool) -> usize {
    let v = if money { v / 10000.0 } else { v };
    bounds.iter().position(|b| v >= *b).unwrap_or(3)
}

/// One row's finding: possible sizes, known values, unanswered indicators, settled.
struct RowFinding {
    possible: u8,
    known: Vec<(Indicator, f64)>,
    missing: Vec<Indicator>,
    settled: bool,
}

fn classify_row(group: usize, value_of: impl Fn(Indicator) -> Option<f64>) -> RowFinding {
    let mut lowest_known = 0usize; // the lowest tier (largest index) any known indicator gives
    let (mut known, mut missing) = (Vec::new(), Vec::new());
    for &(kind, bounds) in GROUPS[group].bounds {
        match value_of(kind) {
            Some(v) => {
                lowest_known = lowest_known.max(tier(v, bounds, kind != X));
                known.push((kind, v));
            }
            None => missing.push(kind),
        }
    }
    let settled = missing.is_empty() || lowest_known == 3;
    let possible = if settled { 1 << lowest_known } else { (ANY << lowest_known) & ANY };
    RowFinding { possible, known, missing, settled }
}

/// Classifies from the industry and the three indicators (money in yuan).
pub fn classify(industry: Option<&Industry>, employees: Option<f64>, revenue: Option<f64>, assets: Option<f64>) -> SizeFinding {
    let unknown = |ground, missing| SizeFinding { possible: ANY, missing, ground };
    let Some(ind) = industry else {
        return unknown(Ground::NoIndustry, vec!["industry"]);
    };
    let value_of = |i: Indicator| match i {
        X => employees,
        Y => revenue,
        Z => assets,
    };
    match place(ind) {
        Placement::Group(group, note) => {
            let r = classify_row(group, value_of);
            let missing = if r.settled { vec![] } else { r.missing.iter().map(|i| i.attribute()).collect() };
            SizeFinding { possible: r.possible, missing, ground: Ground::Row { group, note, known: r.known, missing: r.missing } }
        }
        Placement::NotCovered(zh, en) => unknown(Ground::NotCovered(*ind, zh, en), vec![]),
        Placement::TooCoarse(groups, uncovered) => {
            // Every row the code may fall under; the classes any of them still allows.
            let rows: Vec<RowFinding> = groups.iter().map(|&g| classify_row(g, value_of)).collect();
            let possible = if uncovered { ANY } else { rows.iter().fold(0, |acc, r| acc | r.possible) };
            let (mut known, mut missing_ind): (Vec<(Indicator, f64)>, Vec<Indicator>) = (Vec::new(), Vec::new());
            for r in &rows {
                for k in &r.known {
                    if !known.iter().any(|(i, _)| *i == k.0) {
                        known.push(*k);
                    }
                }
                for m in &r.missing {
                    if !r.settled && !missing_ind.contains(m) {
                        missing_ind.push(*m);
                    }
                }
            }
            known.sort_by_key(|(i, _)| *i as u8);
            missing_ind.sort_by_key(|i| *i as u8);
            let settled = possible.count_ones() == 1;
            // A finer code helps unless every row the code spans reads the same bounds.
            let same_rows = groups.iter().all(|&g| GROUPS[g].bounds == GROUPS[groups[0]].bounds);
            let missing = if settled {
                vec![]
            } else if uncovered {
                vec!["industry"] // no figure can settle it: the code may name an uncovered industry
            } else {
                let mut m = if same_rows && !uncovered { vec![] } else { vec!["industry"] };
                m.extend(missing_ind.iter().map(|i| i.attribute()));
                m
            };
            SizeFinding { possible, missing, ground: Ground::Coarse { industry: *ind, groups, uncovered, known, missing: missing_ind } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(code: &str, x: Option<f64>, y_wan: Option<f64>, z_wan: Option<f64>) -> SizeFinding {
        classify(Industry::parse(code).as_ref(), x, y_wan.map(|v| v * 1e4), z_wan.map(|v| v * 1e4))
    }

    fn exact(code: &str, x: Option<f64>, y: Option<f64>, z: Option<f64>) -> &'static str {
        let f = size(code, x, y, z);
        f.value().map(|t| NAMES[t].0).unwrap_or("unknown")
    }

    /// Every row of the table, on both sides of every bound: (code, indicators, bounds).
    #[test]
    fn every_group_on_both_sides_of_every_bound() {
        let rows: [(&str, usize); 16] = [
            ("A01", AGRI), ("C39", INDUSTRY), ("E47", CONSTRUCTION), ("F51", WHOLESALE), ("F52", RETAIL),
            ("G54", TRANSPORT), ("G599", WAREHOUSE), ("G60", POSTAL), ("H61", HOTEL), ("H62", CATERING),
            ("I63", INFO), ("I65", SOFTWARE), ("K7010", REAL_ESTATE), ("K702", PROPERTY), ("L72", LEASING), ("M73", OTHER),
        ];
        for (code, g) in rows {
            assert_eq!(place(&Industry::parse(code).unwrap()), Placement::Group(g, None), "{code}");
            let bounds = GROUPS[g].bounds;
            for t in 0..3 {
                // All indicators exactly at the tier's lower bound: that tier (a bound belongs to the higher tier).
                let at = |k: Indicator| bounds.iter().find(|b| b.0 == k).map(|b| b.1[t]);
                assert_eq!(exact(code, at(X), at(Y), at(Z)), NAMES[t].0, "{code} at bound of tier {t}");
                // Any one indicator just below the bound drops a tier.
                for (i, (k, _)) in bounds.iter().enumerate() {
                    let below = |kk: Indicator| {
                        bounds.iter().find(|b| b.0 == kk).map(|b| if kk == *k { b.1[t] - if kk == X { 1.0 } else { 0.01 } } else { b.1[t] })
                    };
                    assert_eq!(exact(code, below(X), below(Y), below(Z)), NAMES[t + 1].0, "{code} indicator {i} just below tier {t}");
                }
            }
        }
    }

    #[test]
    fn known_indicators_can_settle_micro_alone() {
        let f = size("C", Some(15.0), None, None);
        assert_eq!(f.value(), Some(3));
        assert!(f.missing.is_empty());
        assert!(f.basis(false).contains("微型企业"), "{}", f.basis(false));
        // 80 employees only: small, medium… no: at most small (X<300), revenue decides small or micro.
        let f = size("C", Some(80.0), None, None);
        assert_eq!(f.possible, SMALL | MICRO);
        assert_eq!(f.missing, vec!["revenue"]);
    }

    #[test]
    fn the_issue_example_reads_as_expected() {
        let f = size("C39", Some(80.0), Some(6000.0), None);
        assert_eq!(f.basis(false), "小型企业 — 工业：从业人员80人，营业收入6000万元");
    }

    #[test]
    fn uncovered_and_coarse_industries_are_unknown_with_reason() {
        for code in ["J66", "G53", "P83", "S91", "K704", "Q84"] {
            let f = size(code, Some(5.0), Some(1.0), Some(1.0));
            assert_eq!(f.possible, ANY, "{code}");
            assert!(f.basis(false).contains("不在") || f.basis(false).contains("金融业"), "{code}: {}", f.basis(false));
        }
        // Codes that also span uncovered industries (G holds 53, K holds 704, Q holds 84):
        // no figure settles them, only a finer code.
        for code in ["G", "K", "K70", "Q"] {
            let f = size(code, Some(5.0), Some(1.0), Some(1.0));
            assert_eq!(f.possible, ANY, "{code}");
            assert_eq!(f.missing, vec!["industry"], "{code}");
            assert!(f.basis(false).contains("过粗") && f.basis(true).contains("too coarse"), "{code}: {}", f.basis(false));
        }
        assert_eq!(size("", None, None, None).missing, vec!["industry"]);
    }

    /// The issue's examples, and lists that keep only the classes still possible.
    #[test]
    fn coarse_codes_are_classified_under_every_row_they_span() {
        let f = size("H", Some(100.0), Some(2000.0), None);
        assert_eq!(f.value(), Some(1), "H, 100 persons, 2000万: 中型 under both 住宿业 and 餐饮业");
        assert!(f.missing.is_empty());
        assert_eq!(f.basis(false), "中型企业 — 行业代码 H 涵盖住宿业、餐饮业，从业人员100人，营业收入2000万元在其中每一类的标准下均为中型企业");
        assert!(!f.basis(true).chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{}", f.basis(true));
        let f = size("F", Some(3.0), None, None);
        assert_eq!(f.value(), Some(3), "F, 3 persons: 微型 under both 批发业 and 零售业");
        assert!(f.missing.is_empty());
        assert_eq!(size("G59", Some(10.0), None, None).value(), Some(3), "G59, 10 persons: 微型 under 交通运输业 and 仓储业");
        // F, 100 persons, 3000万: 批发业 小型 (Y < 5000), 零售业 中型 — both, and nothing else.
        let f = size("F", Some(100.0), Some(3000.0), None);
        assert_eq!(f.possible, MEDIUM | SMALL);
        assert_eq!(f.missing, vec!["industry"]);
        assert!(f.basis(false).contains("中型企业或小型企业") && f.basis(true).contains("Medium or Small"), "{}", f.basis(false));
        // F, 8 persons, no revenue: 零售业 微型 (X < 10), 批发业 小型 or 微型 (revenue decides).
        let f = size("F", Some(8.0), None, None);
        assert_eq!(f.possible, SMALL | MICRO);
        assert_eq!(f.missing, vec!["industry", "revenue"]);
        // H's two rows read the same bounds: a finer code cannot help, only the revenue.
        let f = size("H", Some(150.0), None, None);
        assert_eq!(f.possible, MEDIUM | SMALL | MICRO);
        assert_eq!(f.missing, vec!["revenue"]);
        // I, no figures: every class, and the industry and both figures would narrow it.
        let f = size("I", None, None, None);
        assert_eq!(f.possible, ANY);
        assert_eq!(f.missing, vec!["industry", "employees", "revenue"]);
    }

    /// For each coarse code, each row it covers, figures on both sides of every bound of
    /// that row (with the other figures at the same bound, and with them left out): the
    /// coarse code allows exactly the classes its rows allow, and is known only when
    /// they all agree.
    #[test]
    fn coarse_codes_on_both_sides_of_every_bound_of_every_row() {
        // (coarse code, a fine code for each row it covers)
        let table: [(&str, &[&str]); 4] = [("F", &["F51", "F52"]), ("G59", &["G5910", "G5920"]), ("H", &["H61", "H62"]), ("I", &["I63", "I65"])];
        let mut cases = 0;
        for (coarse, fines) in table {
            let rows: Vec<usize> = fines
                .iter()
                .map(|c| match place(&Industry::parse(c).unwrap()) {
                    Placement::Group(g, _) => g,
                    other => panic!("{c}: {other:?}"),
                })
                .collect();
            assert_eq!(place(&Industry::parse(coarse).unwrap()), Placement::TooCoarse(rows.clone(), false), "{coarse}");
            for &g in &rows {
                let bounds = GROUPS[g].bounds;
                for t in 0..3 {
                    for (k, b) in bounds {
                        let step = if *k == X { 1.0 } else { 0.01 };
                        for v in [b[t] - step, b[t]] {
                            for others_given in [true, false] {
                                let fig = |kk: Indicator| {
                                    if kk == *k {
                                        Some(v)
                                    } else if others_given {
                                        bounds.iter().find(|bb| bb.0 == kk).map(|bb| bb.1[t])
                                    } else {
                                        None
                                    }
                                };
                                let (x, y, z) = (fig(X), fig(Y), fig(Z));
                                let fine: Vec<SizeFinding> = fines.iter().map(|c| size(c, x, y, z)).collect();
                                let union = fine.iter().fold(0, |a, f| a | f.possible);
                                let got = size(coarse, x, y, z);
                                let what = format!("{coarse} row {} tier {t} {k:?}={v} others_given={others_given}", GROUPS[g].zh);
                                assert_eq!(got.possible, union, "{what}");
                                let agree = fine.iter().all(|f| f.value().is_some() && f.value() == fine[0].value());
                                assert_eq!(got.value().is_some(), agree, "{what}");
                                assert_eq!(got.missing.is_empty(), agree, "{what}: {:?}", got.missing);
                                cases += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(cases > 100, "{cases}");
    }

    #[test]
    fn unconfirmed_mappings_carry_a_note() {
        let f = size("A05", None, Some(40.0), None);
        assert_eq!(f.value(), Some(3));
        assert!(f.basis(false).contains("尚未确认"));
        assert!(size("G591", Some(25.0), Some(250.0), None).basis(true).contains("unconfirmed"));
    }
}

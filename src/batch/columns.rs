//! From a register's header row to profile fields: which column is which attribute
//! (English ids, the questionnaire's Chinese labels, and the names an official's export
//! uses: 所在地, 行业代码, 从业人员, 营业收入（万元）…), and each cell to an [`Input`] value
//! of the attribute's type. A cell that cannot be read as its type is passed on as text,
//! so that the core reports it with its usual code (`wrong_type`, `invalid_date`, …).

use crate::date::Date;
use crate::error::{Code, Error};
use crate::profile::Input;
use crate::schema::{Schema, Ty};
use std::collections::HashMap;

/// The columns carried through to the output, in output order.
pub const CARRIED: [&str; 3] = ["id", "name", "credit_code"];

/// Header names (normalized: trimmed, lower-case, unit suffix cut off) of the carried
/// columns and of the core attributes, besides each attribute's id and labels.
const ALIASES: &[(&str, &[&str])] = &[
    ("id", &["id", "编号", "企业编号", "序号"]),
    ("name", &["name", "名称", "企业名称", "市场主体名称", "纳税人名称", "单位名称"]),
    ("credit_code", &["credit_code", "uscc", "统一社会信用代码", "社会信用代码", "信用代码"]),
    ("region", &["所在地", "地区代码", "所在地区代码", "行政区划代码", "区划代码", "注册地", "所在地代码", "住所所在地"]),
    ("industry", &["行业代码", "行业", "所属行业", "国民经济行业代码", "行业门类"]),
    ("employees", &["从业人员", "从业人数", "从业人员数", "职工人数", "员工人数", "从业人员期末人数"]),
    ("revenue", &["营业收入", "上年营业收入", "营业收入总额"]),
    ("total_assets", &["资产总额", "资产总计"]),
    ("taxable_income", &["应纳税所得额", "上年应纳税所得额"]),
    ("established", &["成立日期", "注册日期", "成立时间"]),
    ("entity_type", &["市场主体类型", "主体类型", "企业类型"]),
    ("qualifications", &["资质", "资质认定", "企业资质"]),
    ("taxpayer", &["纳税人类型", "纳税人资格", "增值税纳税人类型"]),
    ("monthly_sales", &["月销售额"]),
];

/// What one column holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Role {
    /// A profile attribute (schema slot), and the factor from the file's unit to yuan.
    Attr { slot: usize, scale: f64 },
    /// A carried column (index into [`CARRIED`]).
    Carry(usize),
    /// A column nothing reads (reported once, at the header).
    Ignored,
}

/// The header row, mapped.
#[derive(Debug, Clone)]
pub struct Columns {
    /// The header names as in the file.
    pub names: Vec<String>,
    pub roles: Vec<Role>,
}

/// The factor from a unit of money to yuan: 元 1, 万元/万 10,000, 亿元/亿 100,000,000
/// (in a header's brackets, or after a number in a cell).
pub fn unit_factor(unit: &str) -> Option<f64> {
    match unit.trim().to_lowercase().as_str() {
        "万元" | "万" | "wan" | "10k yuan" => Some(10_000.0),
        "元" | "yuan" | "rmb" | "cny" => Some(1.0),
        "亿元" | "亿" => Some(100_000_000.0),
        _ => None,
    }
}

/// Text with full-width digits, letters and punctuation folded to ASCII (`names::fold_width`).
fn fold(s: &str) -> String {
    s.chars().map(crate::names::fold_width).collect()
}

/// Header text without BOM, spaces and a trailing unit in brackets; the unit's factor
/// to yuan if the brackets name one (万元 → 10000, 元 → 1).
pub fn normalize(header: &str) -> (String, Option<f64>) {
    let mut h = header.trim_start_matches('\u{feff}').trim().to_lowercase();
    let mut scale = None;
    for (open, close) in [('（', '）'), ('(', ')'), ('[', ']'), ('【', '】')] {
        if h.ends_with(close) {
            if let Some(i) = h.rfind(open) {
                let unit = h[i + open.len_utf8()..h.len() - close.len_utf8()].trim().to_string();
                scale = unit_factor(&unit).or(scale);
                h.truncate(i);
                h = h.trim().to_string();
            }
        }
    }
    (h.split_whitespace().collect::<Vec<_>>().join(" "), scale)
}

/// Every name a column may have (normalized) → its role: the carried columns, the
/// aliases, each attribute's id and its labels.
pub fn name_table(schema: &Schema) -> HashMap<String, Role> {
    let mut t = HashMap::new();
    for (i, c) in CARRIED.iter().enumerate() {
        t.insert(c.to_string(), Role::Carry(i));
    }
    for (id, names) in ALIASES {
        let role = match CARRIED.iter().position(|c| c == id) {
            Some(i) => Some(Role::Carry(i)),
            None => schema.slot(id).map(|slot| Role::Attr { slot, scale: 1.0 }),
        };
        if let Some(role) = role {
            for n in *names {
                t.entry(n.to_string()).or_insert(role);
            }
        }
    }
    for (slot, a) in schema.attrs.iter().enumerate().filter(|(_, a)| !a.def.derived) {
        for n in [a.def.id.clone(), normalize(&a.def.label).0, normalize(&a.def.label_en).0] {
            if !n.is_empty() {
                t.entry(n).or_insert(Role::Attr { slot, scale: 1.0 });
            }
        }
    }
    t
}

impl Columns {
    /// Maps a header row. `default_scale` is the factor for amount columns whose header
    /// names no unit (1 for yuan, 10000 for `--unit wan`). Returns the warnings too:
    /// unknown and repeated columns (ignored), and core columns that are absent.
    pub fn new(schema: &Schema, headers: &[String], default_scale: f64) -> (Columns, Vec<Error>) {
        let mut roles = Vec::with_capacity(headers.len());
        let mut warnings = Vec::new();
        let table = name_table(schema);
        for h in headers {
            let (name, unit) = normalize(h);
            let role = match table.get(&name).copied() {
                Some(Role::Attr { slot, .. }) => {
                    let yuan = schema.attrs[slot].def.unit.as_deref() == Some("yuan");
                    Role::Attr { slot, scale: if yuan { unit.unwrap_or(default_scale) } else { 1.0 } }
                }
                Some(r) => r,
                None => {
                    if !name.is_empty() {
                        warnings.push(Error::new(Code::UnknownField, h.trim(), format!("未知列“{}”，已忽略", h.trim()), format!("unknown column '{}', ignored", h.trim())));
                    }
                    Role::Ignored
                }
            };
            let repeated = role != Role::Ignored
                && roles.iter().any(|r: &Role| match (r, &role) {
                    (Role::Attr { slot: a, .. }, Role::Attr { slot: b, .. }) => a == b,
                    (a, b) => a == b,
                });
            if repeated {
                warnings.push(Error::new(Code::DuplicateId, h.trim(), format!("列“{}”与前面的列重复，已忽略", h.trim()), format!("column '{}' repeats an earlier one, ignored", h.trim())));
                roles.push(Role::Ignored);
            } else {
                roles.push(role);
            }
        }
        for core in ["region", "industry"] {
            let slot = schema.slot(core);
            if !roles.iter().any(|r| matches!(r, Role::Attr { slot: s, .. } if Some(*s) == slot)) {
                warnings.push(Error::new(Code::UnknownField, core, format!("没有“{core}”列：每家企业的该项都按未填处理"), format!("no '{core}' column: it is unanswered for every enterprise")));
            }
        }
        (Columns { names: headers.iter().map(|h| h.trim_start_matches('\u{feff}').trim().to_string()).collect(), roles }, warnings)
    }

    /// The header name of the column holding `field` (a field such as
    /// `qualifications[1]` counts as its attribute), if there is one.
    pub fn column_of(&self, schema: &Schema, field: &str) -> Option<&str> {
        let base = field.split('[').next().unwrap_or(field);
        let slot = schema.slot(base)?;
        self.roles.iter().position(|r| matches!(r, Role::Attr { slot: s, .. } if *s == slot)).map(|i| self.names[i].as_str())
    }
}

/// A cell as a file gives it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A spreadsheet date (already a calendar date).
    Date(Date),
}

/// A date as officials write it: 2021-06-30, 2021/6/30, 2021.6.30, 2021年6月30日,
/// 20210630, in full-width digits too, or a date-time whose date part is one of those.
fn loose_date(s: &str) -> Option<Date> {
    let s = fold(s);
    let s = s.trim();
    let s = s.split(['T', ' ']).next().unwrap_or(s);
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return Date::from_ymd(s[..4].parse().ok()?, s[4..6].parse().ok()?, s[6..].parse().ok()?);
    }
    let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    if parts.len() != 3 || parts[0].len() != 4 {
        return None;
    }
    let y = parts[0].parse().ok()?;
    Date::from_ymd(y, parts[1].parse().ok()?, parts[2].parse().ok()?)
}

/// A number as a register writes it: thousands separators, spaces and full-width digits
/// allowed, and a unit after it; returns the number and the unit's text (trimmed, maybe
/// empty): `6,000.5万元` → (6000.5, "万元"), `８０人` → (80, "人").
fn loose_number(s: &str) -> Option<(f64, String)> {
    let cleaned: String = fold(s).chars().filter(|c| !matches!(c, ',' | ' ' | '\u{a0}')).collect();
    let end = cleaned.char_indices().find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))).map_or(cleaned.len(), |(i, _)| i);
    let n: f64 = cleaned[..end].parse().ok()?;
    n.is_finite().then(|| (n, cleaned[end..].trim().to_string()))
}

/// A number cell of an attribute with `unit` (`yuan`, `persons`, none) and the column's
/// factor to yuan: a money unit written after the number (万元, 亿) replaces the
/// column's; a head count may say 人 or 名. `None` when the unit does not fit.
fn number_cell(text: &str, unit: Option<&str>, scale: f64) -> Option<f64> {
    let (n, suffix) = loose_number(text)?;
    if suffix.is_empty() {
        return Some(n * scale);
    }
    match unit {
        Some("yuan") => unit_factor(&suffix).map(|f| n * f),
        Some("persons") if matches!(suffix.as_str(), "人" | "名") => Some(n),
        _ => None,
    }
}

/// What a register's 市场主体类型 says, as the profile's `entity_type`: companies
/// (有限责任公司, 股份有限公司, with any bracketed remark), 个人独资企业 and 合伙企业 are
/// enterprises; 个体工商户 is an individual business. A cooperative is neither: an error
/// that says so. `None`: not a form this knows (the core reports `unknown_value`).
fn register_entity_type(text: &str) -> Option<Result<&'static str, Error>> {
    let base = normalize(&fold(text)).0;
    if base.contains("合作社") {
        return Some(Err(Error::new(
            Code::UnknownValue,
            "entity_type",
            format!("“{}”不是目录所知的市场主体类型：目录的措施只区分企业和个体工商户，农民专业合作社不在其列", text.trim()),
            format!("'{}' is not a type of business the catalogue knows: its measures tell only enterprises and individual businesses (个体工商户) apart, and a farmers' cooperative is neither", text.trim()),
        )));
    }
    if base.starts_with("个体") {
        return Some(Ok("individual_business"));
    }
    // A branch (分公司, 分支机构) is not an enterprise of its own: left to the core's error.
    if base.contains("分公司") || base.contains("分支") {
        return None;
    }
    (base.ends_with("公司") || base.ends_with("企业")).then_some(Ok("enterprise"))
}

/// A region cell: a code (full-width digits too) as it is — the core checks it — or a
/// place name (厦门市湖里区, 湖里区, 厦门) that names exactly one division
/// (`names::regions::exact`); a name that names none or several is an error saying so.
pub fn region_code(text: &str) -> Result<String, Error> {
    let folded = fold(text);
    let t = folded.trim();
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(t.to_string());
    }
    let hits = crate::names::regions::exact(t, false);
    match hits.as_slice() {
        [one] => Ok(one.code.clone()),
        [] => Err(Error::new(
            Code::UnknownRegion,
            "region",
            format!("“{}”不是6位行政区划代码，也不是能找到的地名（区县名称只收录福建、湖南、广东、海南、青海五省）", text.trim()),
            format!("'{}' is neither a 6-digit region code nor a place name found (counties are listed for Fujian, Hunan, Guangdong, Hainan and Qinghai only)", text.trim()),
        )),
        many => {
            let zh: Vec<String> = many.iter().map(|h| h.label.clone()).collect();
            let en: Vec<String> = many.iter().map(|h| format!("{} {}", h.name_en, h.code)).collect();
            Err(Error::new(
                Code::UnknownRegion,
                "region",
                format!("地名“{}”不唯一，可能是：{}；请填写6位行政区划代码或更完整的名称", text.trim(), zh.join("、")),
                format!("the place name '{}' is ambiguous, it may be: {}; give the 6-digit code or a fuller name", text.trim(), en.join("; ")),
            ))
        }
    }
}

/// Per attribute slot: every way a register writes a choice (its id, its Chinese and
/// English labels, with or without a bracketed remark) → the choice id.
pub type Choices = Vec<HashMap<String, String>>;

pub fn choice_table(schema: &Schema) -> Choices {
    schema
        .attrs
        .iter()
        .map(|a| {
            let mut t = HashMap::new();
            for c in &a.def.values {
                for n in [c.id.clone(), c.label.clone(), normalize(&c.label).0, normalize(&c.label_en).0] {
                    t.entry(n).or_insert_with(|| c.id.clone());
                }
            }
            t
        })
        .collect()
}

/// A choice given by its id or its label (Chinese or English, brackets optional).
fn choice_id(choices: &HashMap<String, String>, s: &str) -> Option<String> {
    choices.get(s).or_else(|| choices.get(&normalize(s).0)).cloned()
}

const NONE_WORDS: [&str; 6] = ["无", "没有", "以上都没有", "none", "-", "—"];

/// A cell as the value of one attribute, `Ok(None)` when empty (unanswered); `Err`
/// for what only the register's forms can explain (an ambiguous place name, a
/// cooperative as 市场主体类型). Anything else unreadable is passed on as text for the
/// core to report with its usual code.
pub fn cell_input(attr: &crate::schema::Attribute, choices: &HashMap<String, String>, cell: &Cell, scale: f64) -> Result<Option<Input>, Error> {
    let text = match cell {
        Cell::Empty => return Ok(None),
        Cell::Text(t) => {
            let t = t.trim();
            if t.is_empty() {
                return Ok(None);
            }
            Some(t)
        }
        _ => None,
    };
    Ok(Some(match attr.ty {
        Ty::Number | Ty::Integer => match (cell, text) {
            (Cell::Number(n), _) => Input::Number(n * scale),
            (_, Some(t)) => number_cell(t, attr.def.unit.as_deref(), scale).map_or_else(|| Input::String(t.to_string()), Input::Number),
            (Cell::Bool(b), _) => Input::Bool(*b),
            _ => Input::String(cell_text(cell)),
        },
        Ty::Bool => match (cell, text) {
            (Cell::Bool(b), _) => Input::Bool(*b),
            (Cell::Number(n), _) if *n == 0.0 || *n == 1.0 => Input::Bool(*n == 1.0),
            (_, Some(t)) => match fold(t).to_lowercase().as_str() {
                "true" | "yes" | "y" | "1" | "是" | "有" | "√" => Input::Bool(true),
                "false" | "no" | "n" | "0" | "否" | "无" | "×" => Input::Bool(false),
                _ => Input::String(t.to_string()),
            },
            _ => scalar(cell),
        },
        Ty::Date => match (cell, text) {
            (Cell::Date(d), _) => Input::String(d.to_string()),
            (_, Some(t)) => Input::String(loose_date(t).map_or_else(|| t.to_string(), |d| d.to_string())),
            // A number such as 20180501: a date written without separators.
            (Cell::Number(n), _) => match loose_date(&cell_text(cell)) {
                Some(d) if n.fract() == 0.0 => Input::String(d.to_string()),
                _ => Input::Number(*n),
            },
            (Cell::Bool(b), _) => Input::Bool(*b),
            _ => return Ok(None),
        },
        Ty::Region => match (cell, text) {
            (Cell::Number(n), _) if n.fract() == 0.0 && n.abs() < 1e15 => Input::String(format!("{}", *n as i64)),
            (_, Some(t)) => Input::String(region_code(t)?),
            (Cell::Number(n), _) => Input::Number(*n),
            (Cell::Bool(b), _) => Input::Bool(*b),
            _ => Input::String(cell_text(cell)),
        },
        Ty::Industry => match (cell, text) {
            (Cell::Number(n), _) if n.fract() == 0.0 && n.abs() < 1e15 => Input::String(format!("{}", *n as i64)),
            (_, Some(t)) => Input::String(fold(t).trim().to_ascii_uppercase()),
            (Cell::Number(n), _) => Input::Number(*n),
            (Cell::Bool(b), _) => Input::Bool(*b),
            _ => Input::String(cell_text(cell)),
        },
        Ty::Enum => match text {
            Some(t) => match choice_id(choices, t) {
                Some(id) => Input::String(id),
                None => match (attr.def.id.as_str(), register_entity_type(t)) {
                    ("entity_type", Some(mapped)) => Input::String(mapped?.to_string()),
                    _ => Input::String(t.to_string()),
                },
            },
            None => scalar(cell),
        },
        Ty::Set => match text {
            Some(t) if NONE_WORDS.contains(&t.to_lowercase().as_str()) => Input::Array(Vec::new()),
            Some(t) => Input::Array(
                t.split([';', '；', '、', ',', '，'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| Input::String(choice_id(choices, s).unwrap_or_else(|| s.to_string())))
                    .collect(),
            ),
            None => scalar(cell),
        },
    }))
}

fn scalar(cell: &Cell) -> Input {
    match cell {
        Cell::Number(n) => Input::Number(*n),
        Cell::Bool(b) => Input::Bool(*b),
        other => Input::String(cell_text(other)),
    }
}

/// A cell as text (carried columns, messages).
pub fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => t.trim().to_string(),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        Cell::Number(n) => n.to_string(),
        Cell::Bool(b) => b.to_string(),
        Cell::Date(d) => d.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_with_units() {
        assert_eq!(normalize("\u{feff} 营业收入（万元） "), ("营业收入".to_string(), Some(10_000.0)));
        assert_eq!(normalize("Revenue (yuan)"), ("revenue".to_string(), Some(1.0)));
        assert_eq!(normalize("从业人员(人)"), ("从业人员".to_string(), None));
    }

    #[test]
    fn loose_dates() {
        assert_eq!(loose_date("2021/6/30").map(|d| d.to_string()).as_deref(), Some("2021-06-30"));
        assert_eq!(loose_date("2021年6月30日").map(|d| d.to_string()).as_deref(), Some("2021-06-30"));
        assert_eq!(loose_date("2023-02-29"), None);
        assert_eq!(loose_date("20180501").map(|d| d.to_string()).as_deref(), Some("2018-05-01"));
        assert_eq!(loose_date("２０１８／０５／０１").map(|d| d.to_string()).as_deref(), Some("2018-05-01"));
        assert_eq!(loose_date("20180231"), None);
        assert_eq!(loose_number("1,234.5"), Some((1234.5, String::new())));
    }

    #[test]
    fn numbers_with_units() {
        let yuan = Some("yuan");
        assert_eq!(number_cell("6,000.5万元", yuan, 1.0), Some(60_005_000.0));
        assert_eq!(number_cell("1500万", yuan, 1.0), Some(15_000_000.0));
        assert_eq!(number_cell("0.3亿", yuan, 1.0), Some(30_000_000.0));
        // A unit in the cell replaces the column's (营业收入（万元）: 1500 → 15,000,000).
        assert_eq!(number_cell("800元", yuan, 10_000.0), Some(800.0));
        assert_eq!(number_cell("1500", yuan, 10_000.0), Some(15_000_000.0));
        assert_eq!(number_cell("８０人", Some("persons"), 1.0), Some(80.0));
        assert_eq!(number_cell("80人", yuan, 1.0), None);
        assert_eq!(number_cell("80万", Some("persons"), 1.0), None);
        assert_eq!(number_cell("about 80", Some("persons"), 1.0), None);
    }

    #[test]
    fn cells_of_each_type() {
        let cat = crate::builtin().expect("the built-in catalogue validates");
        let choices = choice_table(&cat.schema);
        let read = |id: &str, cell: Cell, scale: f64| {
            let slot = cat.schema.slot(id).unwrap();
            cell_input(&cat.schema.attrs[slot], &choices[slot], &cell, scale)
        };
        let text = |s: &str| Cell::Text(s.to_string());
        // A spreadsheet number 20180501 in a date column is a date without separators.
        assert_eq!(read("established", Cell::Number(20180501.0), 1.0), Ok(Some(Input::String("2018-05-01".into()))));
        assert_eq!(read("established", Cell::Number(43000.5), 1.0), Ok(Some(Input::Number(43000.5))));
        assert_eq!(read("region", text("３５０２０６"), 1.0), Ok(Some(Input::String("350206".into()))));
        assert_eq!(read("region", text("厦门市湖里区"), 1.0), Ok(Some(Input::String("350206".into()))));
        assert!(matches!(read("region", text("长沙"), 1.0), Err(e) if e.code == Code::UnknownRegion && e.message.contains("430121")));
        assert_eq!(read("industry", text("ｃ３９"), 1.0), Ok(Some(Input::String("C39".into()))));
        assert_eq!(read("entity_type", text("股份有限公司"), 1.0), Ok(Some(Input::String("enterprise".into()))));
        assert_eq!(read("revenue", text("1500万"), 1.0), Ok(Some(Input::Number(15_000_000.0))));
        assert_eq!(read("employees", text("80人"), 1.0), Ok(Some(Input::Number(80.0))));
        assert_eq!(read("revenue", text(""), 1.0), Ok(None));
    }

    #[test]
    fn register_entity_types() {
        for t in ["有限责任公司", "股份有限公司", "有限责任公司（自然人投资或控股）", "有限责任公司(外商投资、非独资)", "个人独资企业", "合伙企业", "合伙企业（有限合伙）"] {
            assert_eq!(register_entity_type(t), Some(Ok("enterprise")), "{t}");
        }
        assert_eq!(register_entity_type("个体工商户"), Some(Ok("individual_business")));
        assert!(matches!(register_entity_type("农民专业合作社"), Some(Err(e)) if e.code == Code::UnknownValue && e.message.contains("合作社")));
        assert_eq!(register_entity_type("有限责任公司分公司"), None);
        assert_eq!(register_entity_type("事业单位"), None);
    }
}

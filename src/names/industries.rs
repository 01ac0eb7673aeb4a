//! GB/T 4754-2017 industries by words: the 1,971 codes and names of the project reference
//! (`src/data/industries.tsv`, an UNCONFIRMED transcription: good for finding a code, not
//! for rejecting one), everyday words that are not in the names (`src/data/industry-words.tsv`),
//! and English where this project has English names (sections and the divisions the size
//! standard needs, in src/codes.rs); the rest of the list is Chinese only.

use super::{normalize, Search};
use crate::codes::{Industry, FINER_CODES, SECTIONS};
use crate::size::{place, Placement, GROUPS};
use serde::Serialize;
use std::sync::OnceLock;

const DATA: &str = include_str!("../data/industries.tsv");
const WORDS: &str = include_str!("../data/industry-words.tsv");

struct Entry {
    code: String,
    name: &'static str,
}

struct Word {
    words: Vec<&'static str>,
    codes: Vec<&'static str>,
    english: Vec<&'static str>,
}

fn entries() -> &'static [Entry] {
    static TABLE: OnceLock<Vec<Entry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut out: Vec<Entry> = Vec::with_capacity(2000);
        let (mut section, mut division, mut group) = (String::new(), String::new(), String::new());
        let mut group_name = "";
        for line in DATA.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let class = line.starts_with('\t');
            let mut f = line.trim_start_matches('\t').split('\t');
            let (digits, name) = (f.next().unwrap_or(""), f.next().unwrap_or(""));
            let code = if class {
                format!("{group}{digits}")
            } else if digits.bytes().all(|b| b.is_ascii_uppercase()) {
                section = digits.to_string();
                section.clone()
            } else if digits.len() == 2 {
                division = format!("{section}{digits}");
                division.clone()
            } else {
                group = format!("{division}{digits}");
                group.clone()
            };
            let name = if class && name == "=" { group_name } else { name };
            if !class && code.len() == 4 {
                group_name = name;
            }
            out.push(Entry { code, name });
        }
        out
    })
}

fn words() -> &'static [Word] {
    static WORDS_TABLE: OnceLock<Vec<Word>> = OnceLock::new();
    WORDS_TABLE.get_or_init(|| {
        WORDS
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                let mut f = l.split('\t');
                let words = f.next().unwrap_or("").split('|').collect();
                let codes = f.next().unwrap_or("").split(' ').filter(|c| !c.is_empty()).collect();
                let english = f.next().unwrap_or("").split('|').filter(|c| !c.is_empty()).collect();
                Word { words, codes, english }
            })
            .collect()
    })
}

/// The Chinese name of a code of the reference list.
pub fn name(code: &str) -> Option<&'static str> {
    entries().iter().find(|e| e.code == code).map(|e| e.name)
}

/// The English name this project has for a code (sections, and the finer codes the size
/// standard needs), if any.
pub fn name_en(code: &str) -> Option<&'static str> {
    FINER_CODES.iter().find(|c| c.0 == code).map(|c| c.2).or_else(|| {
        (code.len() == 1).then(|| SECTIONS.iter().find(|s| s.0.to_string() == code).map(|s| s.4)).flatten()
    })
}

/// An industry found, with what it means for the size standard.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IndustryHit {
    pub code: String,
    pub name: String,
    pub name_en: Option<String>,
    /// `section` 门类, `division` 大类, `group` 中类, `class` 小类.
    pub level: &'static str,
    /// The code and name as the visitor sees them in `lang`: "C398 电子元件及电子专用材料制造".
    pub label: String,
    /// 门类 › 大类 › 中类 › 小类, codes with names, in `lang` where English names exist.
    pub path: String,
    /// Which row of the SME size standard applies, in `lang`.
    pub size: String,
    /// The everyday word that led here (奶茶), when it was not in the name.
    pub via: Option<String>,
}

fn level(code: &str) -> &'static str {
    match code.len() {
        1 => "section",
        3 => "division",
        4 => "group",
        _ => "class",
    }
}

fn label(code: &str, en: bool) -> String {
    let zh = name(code).unwrap_or("");
    match (en, name_en(code)) {
        (true, Some(e)) => format!("{code} {e}"),
        _ => format!("{code} {zh}"),
    }
}

/// What the code means for the size standard (工信部联企业〔2011〕300号 with the 2017 mapping).
pub fn size_row(code: &str, en: bool) -> String {
    let Some(ind) = Industry::parse(code) else { return String::new() };
    match place(&ind) {
        Placement::Group(g, note) => {
            let row = &GROUPS[g];
            let by: Vec<&str> = row
                .bounds
                .iter()
                .map(|(i, _)| i.name(en))
                .collect();
            let note = note.map(|(z, e)| if en { format!(" ({e})") } else { format!("（{z}）") }).unwrap_or_default();
            if en {
                format!("size by the row '{}' of the SME standard: {}{note}", row.en, by.join(" and "))
            } else {
                format!("企业规模按划型标准“{}”一行判定：看{}{note}", row.zh, by.join("和"))
            }
        }
        Placement::NotCovered(zh, e) => if en { format!("size: {e}") } else { format!("企业规模：{zh}") },
        Placement::TooCoarse(rows, uncovered) => {
            let names: Vec<&str> = rows.iter().map(|g| if en { GROUPS[*g].en } else { GROUPS[*g].zh }).collect();
            match (uncovered, en) {
                (true, true) => format!("size: depends on the finer industry ({}, or one the standard does not cover); choose one below it", names.join(", ")),
                (true, false) => format!("企业规模：取决于更细的行业（{}，或不适用划型标准的行业），请选择其下的具体行业", names.join("、")),
                (false, true) => format!("size: known only where the rows it spans ({}) agree for the figures given; a finer industry settles it", names.join(", ")),
                (false, false) => format!("企业规模：按其涵盖的各行（{}）分别判定，结果一致时即可确定；选择更具体的行业可确定", names.join("、")),
            }
        }
    }
}

/// A code named in full: label, path and size row. `None` for a code the list lacks.
pub fn describe(code: &str, en: bool) -> Option<IndustryHit> {
    let code = code.trim().to_ascii_uppercase();
    let n = name(&code)?;
    let path: Vec<String> = [1, 3, 4, 5].iter().filter(|&&l| l <= code.len()).map(|&l| label(&code[..l], en)).collect();
    Some(IndustryHit {
        name: n.to_string(),
        name_en: name_en(&code).map(str::to_string),
        level: level(&code),
        label: label(&code, en),
        path: path.join(" › "),
        size: size_row(&code, en),
        via: None,
        code,
    })
}

const MAX_HITS: usize = 20;

/// Finds industries by a code (C398), words of the names (电子元件, 软件), everyday words
/// (奶茶, 五金店, 民宿, 外贸) or, where English names exist, English words, best first.
pub fn search(query: &str, en: bool) -> Search<IndustryHit> {
    // A label as shown ("C398 电子元件及电子专用材料制造") is searched by its code.
    let trimmed = query.trim();
    let lead = trimmed.split(char::is_whitespace).next().unwrap_or("");
    let q = normalize(if lead.len() < trimmed.len() && Industry::parse(lead).is_some() { lead } else { query });
    let mut scored: Vec<(u32, String, Option<String>)> = Vec::new();
    let mut note = None;
    let code_like = q.len() <= 5
        && q.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && q[1..].bytes().all(|b| b.is_ascii_digit());
    if q.is_empty() {
    } else if code_like {
        let upper = q.to_ascii_uppercase();
        for e in entries().iter().filter(|e| e.code.starts_with(&upper)) {
            let s = if e.code == upper { 5000 } else { 4000 - 100 * (e.code.len() - upper.len()) as u32 };
            scored.push((s, e.code.clone(), None));
        }
    } else if q.is_ascii() {
        let terms: Vec<String> = query.to_ascii_lowercase().split(|c: char| !c.is_ascii_alphanumeric() && c != '&').filter(|w| !w.is_empty()).map(str::to_string).collect();
        let matches = |text: &str| {
            let ws: Vec<&str> = text.split(|c: char| !c.is_ascii_alphanumeric() && c != '&').filter(|w| !w.is_empty()).collect();
            terms.iter().all(|t| ws.iter().any(|w| w.to_ascii_lowercase().starts_with(t.as_str())))
        };
        // The everyday word typed as it is kept ranks first; one it only begins, after the names.
        for w in words() {
            if let Some(e) = w.english.iter().find(|e| matches(e)) {
                let s = if normalize(e) == q { 5000 } else { 2500 };
                for (i, c) in w.codes.iter().enumerate() {
                    scored.push((s - i as u32, c.to_string(), Some(e.to_string())));
                }
            }
        }
        for e in entries() {
            if let Some(n) = name_en(&e.code).filter(|n| matches(n)) {
                // The fewer other words a name has, the closer it is.
                let s = if normalize(n) == q { 4000 } else { 3000 - 10 * n.split(' ').count() as u32 };
                scored.push((s, e.code.clone(), None));
            }
        }
        note = Some(if en {
            "The GB/T 4754-2017 list is in Chinese: English finds the sections, the divisions the size standard needs and some everyday words. For a finer class type Chinese words (电子, 软件) or a code (C39).".to_string()
        } else {
            "行业分类只有中文名称：英文只能找到门类、部分大类和常用词。请输入中文（如 电子、软件）或代码（如 C39）。".to_string()
        });
    } else {
        // An everyday word within what was typed (奶茶, 开了个奶茶店) ranks first; a word
        // that only holds what was typed (软件 in 软件公司) after the names.
        for w in words() {
            let whole = w.words.iter().find(|word| q.contains(&word.to_ascii_lowercase()));
            let part = w.words.iter().find(|word| q.chars().count() >= 2 && word.to_ascii_lowercase().contains(&q));
            if let Some((word, s)) = whole.map(|w| (w, 5000)).or_else(|| part.map(|w| (w, 1500))) {
                for (i, c) in w.codes.iter().enumerate() {
                    scored.push((s - i as u32, c.to_string(), Some(word.to_string())));
                }
            }
        }
        for e in entries() {
            let s = if e.name == q {
                4000
            } else if e.name.starts_with(&q) {
                3000
            } else if e.name.contains(&q) {
                2000
            } else {
                continue;
            };
            scored.push((s, e.code.clone(), None));
            // A group found by its name brings its classes (电子元件 → C398 → C3981…).
            if e.code.len() == 4 {
                for c in entries().iter().filter(|c| c.code.len() == 5 && c.code.starts_with(&e.code)) {
                    scored.push((s - 1, c.code.clone(), None));
                }
            }
        }
        if scored.len() < 5 {
            // Few names hold the words as typed: also names holding most of their pairs of characters.
            let chars: Vec<char> = q.chars().collect();
            let pairs: Vec<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
            if !pairs.is_empty() {
                for e in entries() {
                    let n = pairs.iter().filter(|p| e.name.contains(p.as_str())).count();
                    if n * 5 >= pairs.len() * 3 {
                        scored.push((1000 + 10 * n as u32, e.code.clone(), None));
                        if e.code.len() == 4 {
                            for c in entries().iter().filter(|c| c.code.len() == 5 && c.code.starts_with(&e.code)) {
                                scored.push((999 + 10 * n as u32, c.code.clone(), None));
                            }
                        }
                    }
                }
            }
        }
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut seen: Vec<String> = Vec::new();
    let hits: Vec<IndustryHit> = scored
        .into_iter()
        .filter(|(_, c, _)| !seen.contains(c) && { seen.push(c.clone()); true })
        .filter_map(|(_, c, via)| describe(&c, en).map(|h| IndustryHit { via, ..h }))
        .take(MAX_HITS)
        .collect();
    if hits.is_empty() && !q.is_empty() && note.is_none() {
        note = Some(if en {
            format!("Nothing found for '{}': try a shorter word of the industry (电子, 软件, 餐饮) or a code (C39).", query.trim())
        } else {
            format!("没有找到“{}”：请换一个更短的词（如 电子、软件、餐饮）或输入行业代码（如 C39）。", query.trim())
        });
    } else if !hits.is_empty() && !q.is_ascii() {
        note = None;
    }
    Search { query: query.trim().to_string(), hits, note }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(q: &str, en: bool) -> Vec<String> {
        search(q, en).hits.into_iter().map(|h| h.code).collect()
    }

    #[test]
    fn the_table_is_the_reference() {
        assert_eq!(entries().len(), 1971);
        assert_eq!(entries().iter().filter(|e| e.code.len() == 5).count(), 1381);
        assert_eq!(name("C398"), Some("电子元件及电子专用材料制造"));
        assert_eq!(name("A0190"), Some("其他农业"), "a group of one class names the class as the group");
        assert_eq!(name("C3741"), Some("飞机制造"));
        // Every code parses, and every everyday word leads to codes of the list.
        for e in entries() {
            assert!(Industry::parse(&e.code).is_some(), "{}", e.code);
        }
        for w in words() {
            for c in &w.codes {
                assert!(name(c).is_some(), "{c} of {:?}", w.words);
            }
        }
    }

    #[test]
    fn electronic_components_find_c398_and_its_classes() {
        let found = codes("电子元件", false);
        assert_eq!(found[0], "C398");
        for class in ["C3981", "C3982", "C3983", "C3984", "C3985", "C3989"] {
            assert!(found.contains(&class.to_string()), "{class} in {found:?}");
        }
        let c398 = describe("C398", false).unwrap();
        assert_eq!(c398.path, "C 制造业 › C39 计算机、通信和其他电子设备制造业 › C398 电子元件及电子专用材料制造");
        assert_eq!(c398.size, "企业规模按划型标准“工业”一行判定：看从业人员和营业收入");
        let class = describe("C3981", true).unwrap();
        assert!(class.path.starts_with("C Manufacturing › C39 "), "{}", class.path);
        assert_eq!(class.size, "size by the row 'Industry' of the SME standard: employees and operating revenue");
    }

    #[test]
    fn software_finds_its_classes() {
        let found = codes("软件", false);
        assert_eq!(&found[..2], ["I65", "I651"]);
        for class in ["I6511", "I6512", "I6513", "I6519"] {
            assert!(found.contains(&class.to_string()), "{class} in {found:?}");
        }
        assert!(describe("I6513", false).unwrap().size.contains("软件和信息技术服务业"));
    }

    #[test]
    fn everyday_words_reach_classes() {
        for (q, code) in [("奶茶", "H6239"), ("奶茶店", "H6239"), ("五金店", "F5281"), ("民宿", "H6130"), ("外贸", "F5181"), ("开了个奶茶店", "H6239")] {
            let hits = search(q, false).hits;
            assert_eq!(hits[0].code, code, "{q}");
            assert!(hits[0].via.is_some(), "{q}");
        }
        let milk_tea = describe("H6239", false).unwrap();
        assert_eq!(milk_tea.path, "H 住宿和餐饮业 › H62 餐饮业 › H623 饮料及冷饮服务 › H6239 其他饮料及冷饮服务");
        assert!(milk_tea.size.contains("餐饮业"));
        assert!(describe("F5281", false).unwrap().size.contains("零售业"));
        assert!(describe("F5181", false).unwrap().size.contains("批发业"));
        assert!(describe("H6130", false).unwrap().size.contains("住宿业"));
    }

    #[test]
    fn english_where_english_names_exist() {
        assert_eq!(codes("software", true)[0], "I65");
        assert_eq!(codes("Manufacturing", true)[0], "C");
        assert_eq!(codes("milk tea", true)[0], "H6239");
        assert_eq!(codes("hardware store", true)[0], "F5281");
        let none = search("electronic components", true);
        assert!(none.hits.is_empty());
        assert!(none.note.unwrap().contains("in Chinese"));
        assert_eq!(describe("I65", true).unwrap().label, "I65 Software and IT services");
        assert_eq!(describe("C398", true).unwrap().label, "C398 电子元件及电子专用材料制造", "no English name: the Chinese one");
    }

    #[test]
    fn codes_and_words_not_verbatim() {
        assert_eq!(codes("C398", false)[0], "C398");
        assert_eq!(codes("c39", false)[0], "C39");
        assert_eq!(codes("C398 电子元件及电子专用材料制造", false)[0], "C398", "a label as shown");
        assert_eq!(codes("I65 Software and IT services", true)[0], "I65");
        let near = codes("电子元件制造", false);
        assert_eq!(near[0], "C3989", "the name that holds the words");
        assert!(near[..3].contains(&"C398".to_string()), "most pairs of characters in the name: {near:?}");
        assert!(search("zzzz9", false).hits.is_empty());
        assert!(search("没有这种行业啊", false).note.is_some());
        // Codes the size standard does not cover, or too coarse to place, say so.
        assert!(describe("J66", false).unwrap().size.contains("金融业"));
        assert!(describe("F", false).unwrap().size.contains("批发业、零售业"));
    }
}

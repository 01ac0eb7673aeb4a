//! Reading the source documents (the seeds) that the catalogue quotes: cleaning their
//! encoding noise and cutting them into numbered articles, so that the catalogue check
//! can prove every article is present and quoted verbatim.
//!
//! Native only: the wasm package carries the compiled catalogue, not the sources.

/// One numbered article as the source document has it, after cleaning.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SourceArticle {
    /// Its number in the document: （三） → 3, `7、` → 7.
    pub number: u32,
    /// The section heading it stands under (`一、…`, Fujian adds `（一）…`), or "".
    pub section: String,
    /// The article's whole text, lines joined (page breaks inside a sentence removed).
    pub text: String,
    /// Fujian's task table gives the responsible units in their own column.
    pub units: String,
}

/// Cleans a source document's encoding noise. Hunan's 2020 text is a traditional-character
/// rendering with pinyin after some characters (`進(jìn)`) and stray `?` marks: those are
/// removed and the text converted to simplified characters. Other documents are returned
/// unchanged.
pub fn clean(doc_key: &str, raw: &str) -> String {
    if doc_key == "hunan-2020" {
        let without_pinyin = strip_pinyin(raw).replace('?', "");
        zhconv::zhconv(&without_pinyin, zhconv::Variant::ZhHans)
    } else {
        raw.to_string()
    }
}

/// Removes pinyin annotations: a parenthesised run of lower-case Latin letters (with
/// tone marks) directly after a character. Parentheses holding anything else stay.
fn strip_pinyin(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('(') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(')') {
            Some(close) if close > 0 && after[..close].chars().all(is_pinyin_letter) => {
                rest = &after[close + 1..];
            }
            _ => {
                out.push('(');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c)
}

/// Parses a Chinese numeral from 一 to 九十九 (一, 十, 十一, 二十, 二十六).
pub fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| (i / 3) as u32 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// `（三）` or `(三)` at the start of a line → (3, length in bytes of the marker).
fn parenthesised_number(line: &str) -> Option<(u32, usize)> {
    let inner = line.strip_prefix('（').or_else(|| line.strip_prefix('('))?;
    let close = inner.find(['）', ')'])?;
    let n = chinese_number(&inner[..close])?;
    Some((n, line.len() - inner.len() + close + inner[close..].chars().next()?.len_utf8()))
}

/// A section heading such as `三、持续优化中小企业发展环境`.
fn is_section_heading(line: &str) -> bool {
    line.split_once('、').is_some_and(|(n, _)| chinese_number(n).is_some())
}

/// `7、…` at the start of a line → 7.
fn arabic_number(line: &str) -> Option<u32> {
    let (n, _) = line.split_once('、')?;
    if n.is_empty() || n.len() > 3 {
        return None;
    }
    n.parse().ok()
}

/// Cuts a cleaned source document into its numbered articles, in document order.
/// Documents without numbered articles (the MIIT interpretation) give none.
pub fn articles(doc_key: &str, cleaned: &str) -> Vec<SourceArticle> {
    match doc_key {
        "fujian-xiamen" => task_table_articles(cleaned),
        "hunan-2020" => line_articles(cleaned, |l| arabic_number(l)),
        "hainan-2024" | "qinghai-2022" => {
            line_articles(cleaned, |l| parenthesised_number(l).map(|(n, _)| n))
        }
        _ => Vec::new(),
    }
}

/// Articles that start on a line with a number marker and run on (across page breaks)
/// until the next article, the next section heading, or a closing paragraph.
fn line_articles(text: &str, number_of: impl Fn(&str) -> Option<u32>) -> Vec<SourceArticle> {
    let mut out: Vec<SourceArticle> = Vec::new();
    let mut section = String::new();
    let mut open = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            continue;
        }
        if let Some(number) = number_of(line) {
            out.push(SourceArticle {
                number,
                section: section.clone(),
                text: line.to_string(),
                units: String::new(),
            });
            open = true;
        } else if is_section_heading(line) {
            section = line.to_string();
            open = false;
        } else if open {
            let last = out.last_mut().expect("an open article exists");
            // A page break splits a sentence; a finished article ends with its units note.
            if last.text.ends_with('）') || last.text.ends_with(')') {
                if !line.starts_with('（') && !line.starts_with('(') {
                    open = false;
                    continue;
                }
            }
            last.text.push_str(line);
        }
    }
    out
}

/// Fujian's task table: a line holding only the number, then the measure, then the
/// responsible units; section (`一、`) and subsection (`（一）`) headings between rows.
fn task_table_articles(text: &str) -> Vec<SourceArticle> {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut out = Vec::new();
    let (mut section, mut subsection) = (String::new(), String::new());
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Ok(number) = line.parse::<u32>() {
            out.push(SourceArticle {
                number,
                section: if subsection.is_empty() {
                    section.clone()
                } else {
                    format!("{section} {subsection}")
                },
                text: lines.get(i + 1).unwrap_or(&"").to_string(),
                units: lines.get(i + 2).unwrap_or(&"").to_string(),
            });
            i += 3;
            continue;
        }
        if is_section_heading(line) {
            section = line.to_string();
            subsection.clear();
        } else if parenthesised_number(line).is_some() {
            subsection = line.to_string();
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        let cases = [("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("二十", 20), ("二十六", 26)];
        for (s, n) in cases {
            assert_eq!(chinese_number(s), Some(n), "{s}");
        }
        assert_eq!(chinese_number("百"), None);
        assert_eq!(chinese_number(""), None);
    }

    #[test]
    fn pinyin_is_removed_but_other_parentheses_stay() {
        let raw = "促進(jìn)中小企業(yè)發(fā)展。(牽頭單位:省工業(yè)和信息化廳)?";
        assert_eq!(clean("hunan-2020", raw), "促进中小企业发展。(牵头单位:省工业和信息化厅)");
    }

    #[test]
    fn other_documents_are_not_touched() {
        assert_eq!(clean("hainan-2024", "(一)健全 (abc)"), "(一)健全 (abc)");
    }

    #[test]
    fn page_breaks_inside_an_article_are_joined() {
        let text = "一、节\n\n(一)第一条。(责任单位：省直各有关单\n\n位，各市人民政府）\n\n二、下一节\n\n（二）第二条。";
        let got = articles("hainan-2024", text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].text, "(一)第一条。(责任单位：省直各有关单位，各市人民政府）");
        assert_eq!(got[0].section, "一、节");
        assert_eq!(got[1].number, 2);
        assert_eq!(got[1].section, "二、下一节");
    }
}

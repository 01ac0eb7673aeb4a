//! The catalogue's TOML source files, read natively with line numbers for every error,
//! and checked against the source documents they quote (verbatim text, every numbered
//! article present). This is what `policy-matcher check` and the tests run.

use crate::catalogue::{self, squeeze, Catalogue, Loc};
use crate::error::{Code, Error};
use crate::model::{AttributesFile, Bundle, DocumentFile};
use crate::sources;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One TOML file's text, for mapping locations to lines.
struct SourceFile {
    name: String,
    text: String,
}

impl SourceFile {
    /// Line (1-based) of the `n`-th line starting with `header`, from `from`.
    fn nth_header(&self, header: &str, n: usize, from: usize, until: usize) -> Option<usize> {
        self.text.lines().enumerate().skip(from).take(until.saturating_sub(from)).filter(|(_, l)| l.trim() == header).nth(n).map(|(i, _)| i)
    }

    fn next_header(&self, header: &str, from: usize) -> usize {
        self.text.lines().enumerate().skip(from + 1).find(|(_, l)| l.trim() == header).map_or(usize::MAX, |(i, _)| i)
    }

    /// The line of a location: the article/benefit/attribute block, then the key in it.
    fn line_of(&self, loc: &Loc) -> Option<u32> {
        let mut start = 0;
        let mut end = usize::MAX;
        if let Some((name, i)) = loc.table {
            start = self.nth_header(&format!("[[{name}]]"), i, 0, usize::MAX)?;
            end = self.text.lines().enumerate().skip(start + 1).find(|(_, l)| l.trim_start().starts_with('[')).map_or(usize::MAX, |(i, _)| i);
        }
        if let Some(a) = loc.attribute {
            start = self.nth_header("[[attribute]]", a, 0, usize::MAX)?;
            end = self.text.lines().enumerate().skip(start + 1).find(|(_, l)| l.trim_start().starts_with('[')).map_or(usize::MAX, |(i, _)| i);
        }
        if let Some(a) = loc.article {
            start = self.nth_header("[[article]]", a, 0, usize::MAX)?;
            end = self.next_header("[[article]]", start);
        }
        if let Some(b) = loc.benefit {
            start = self.nth_header("[[article.benefit]]", b, start, end)?;
            end = end.min(self.next_header("[[article.benefit]]", start));
        }
        let key = loc.key.rsplit('.').next().unwrap_or("");
        let key_line = (!key.is_empty())
            .then(|| {
                self.text.lines().enumerate().skip(start).take(end.saturating_sub(start)).find(|(_, l)| {
                    let t = l.trim_start();
                    t.strip_prefix(key).is_some_and(|r| r.trim_start().starts_with('=')) || t == format!("[{key}]") || t.ends_with(&format!(".{key}]"))
                })
            })
            .flatten()
            .map(|(i, _)| i);
        Some(key_line.unwrap_or(start) as u32 + 1)
    }
}

fn toml_error(name: &str, text: &str, e: toml::de::Error) -> Error {
    let line = e.span().map(|s| text[..s.start.min(text.len())].lines().count().max(1) as u32);
    let msg = e.message().to_string();
    Error::new(Code::CatalogueSyntax, "", format!("无法读取：{msg}"), format!("cannot read: {msg}")).at(name, line)
}

/// The catalogue folder read from disk: the bundle, and the files for locating errors.
pub struct Sources {
    pub dir: PathBuf,
    files: Vec<SourceFile>,
    pub bundle: Bundle,
}

/// Reads attributes.toml and every other *.toml in `dir`.
pub fn read_dir(dir: &Path) -> Result<Sources, Vec<Error>> {
    let mut errors = Vec::new();
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| Error::new(Code::CatalogueSyntax, "", format!("无法打开：{e}"), format!("cannot open: {e}")).at(&p.display().to_string(), None));
    let attr_path = dir.join("attributes.toml");
    let mut attr_text = String::new();
    let attributes = match read(&attr_path) {
        Ok(t) => {
            let parsed = match toml::from_str::<AttributesFile>(&t) {
                Ok(a) => Some(a),
                Err(e) => {
                    errors.push(toml_error(&attr_path.display().to_string(), &t, e));
                    None
                }
            };
            attr_text = t;
            parsed
        }
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir).map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "toml") && !p.ends_with("attributes.toml"));
    paths.sort();
    let mut files = Vec::new();
    let mut documents = Vec::new();
    for p in paths {
        let name = p.display().to_string();
        match read(&p) {
            Ok(text) => match toml::from_str::<DocumentFile>(&text) {
                Ok(d) => {
                    documents.push(d);
                    files.push(SourceFile { name, text });
                }
                Err(e) => errors.push(toml_error(&name, &text, e)),
            },
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Kept for locating errors in attributes.toml by line, like the documents'.
    files.insert(0, SourceFile { name: attr_path.display().to_string(), text: attr_text });
    Ok(Sources { dir: dir.to_path_buf(), files, bundle: Bundle { attributes, documents, extends: None, build_errors: vec![] } })
}

impl Sources {
    fn locate(&self, loc: &Loc) -> (Option<String>, Option<u32>) {
        let file = match loc.doc {
            Some(d) => self.files.get(d + 1),
            None => self.files.first(),
        };
        match file {
            Some(f) => (Some(f.name.clone()), f.line_of(loc)),
            None => (None, None),
        }
    }

    /// Compiles and validates the catalogue, then checks it against its source documents.
    pub fn check(&self) -> Result<Catalogue, Vec<Error>> {
        let locate = |loc: &Loc| self.locate(loc);
        let cat = catalogue::compile(&self.bundle, None, &locate)?;
        let mut errors = Vec::new();
        for (di, doc) in self.bundle.documents.iter().enumerate() {
            let d = &doc.document;
            let loc = |ai: Option<usize>, key| Loc { doc: Some(di), article: ai, key, ..Loc::default() };
            let err = |loc: Loc, code, zh: String, en: String| {
                let (file, line) = self.locate(&loc);
                let mut e = Error::new(code, loc.path(), zh, en);
                e.file = file;
                e.line = line;
                e
            };
            if d.source.is_empty() {
                errors.push(err(loc(None, "document.source"), Code::CatalogueField, "须注明来源文件 source".into(), "the source file is missing".into()));
                continue;
            }
            let raw = match std::fs::read_to_string(self.dir.join(&d.source)) {
                Ok(r) => r,
                Err(e) => {
                    errors.push(err(loc(None, "document.source"), Code::CatalogueField, format!("无法打开来源文件：{e}"), format!("cannot open the source file: {e}")));
                    continue;
                }
            };
            let cleaned = squeeze(&sources::clean(&d.key, &raw));
            let source_articles = sources::articles(&d.key, &sources::clean(&d.key, &raw));
            for (ai, a) in doc.article.iter().enumerate() {
                // A numbered article must quote its own article of the source: text found
                // elsewhere in the document (two articles' numbers swapped) is an error too.
                let own = a.number.and_then(|n| source_articles.iter().find(|s| s.number == n));
                // A section may name its section and subsection, apart in the source.
                let sections = a.section.split_whitespace().map(|s| ("section", s));
                let quoted = [("text", a.text.as_str()), ("heading", a.heading.as_str())];
                let units = a.units.iter().map(|u| ("units", u.as_str()));
                for (key, value) in quoted.into_iter().chain(sections).chain(units) {
                    let needle = squeeze(value);
                    if !needle.is_empty() && !cleaned.contains(&needle) {
                        let at = first_difference(&cleaned, &needle);
                        errors.push(err(loc(Some(ai), key), Code::TextNotInSource, format!("{key} 未在来源中逐字找到（自第{at}个字起不一致）：{value}"), format!("{key} is not verbatim in the source (differs from character {at})")));
                    } else if let (false, Some(own)) = (needle.is_empty(), own) {
                        let scope = match key {
                            "section" => squeeze(&own.section),
                            "units" => squeeze(&format!("{}{}", own.text, own.units)),
                            _ => squeeze(&own.text),
                        };
                        if !scope.contains(&needle) {
                            let n = own.number;
                            errors.push(err(loc(Some(ai), key), Code::TextNotInSource, format!("{key} 在来源中，但不在第{n}条（条目编号与原文不符？）：{value}"), format!("{key} is in the source but not in its article {n} (a wrong number?)")));
                        }
                    }
                }
            }
            let numbered: BTreeSet<u32> = sources::articles(&d.key, &sources::clean(&d.key, &raw)).iter().map(|a| a.number).collect();
            let have: BTreeSet<u32> = doc.article.iter().filter_map(|a| a.number).collect();
            for n in numbered.difference(&have) {
                errors.push(err(loc(None, "article"), Code::ArticleMissing, format!("来源第{n}条未收录"), format!("article {n} of the source is missing")));
            }
            for n in have.difference(&numbered) {
                errors.push(err(loc(None, "article"), Code::ArticleMissing, format!("来源中没有第{n}条"), format!("the source has no article {n}")));
            }
        }
        if errors.is_empty() { Ok(cat) } else { Err(errors) }
    }
}

/// How many characters of the longest prefix of `needle` that occurs in `hay`, plus one:
/// where an official should look for the typo.
fn first_difference(hay: &str, needle: &str) -> usize {
    let chars: Vec<char> = needle.chars().collect();
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi + 1) / 2;
        let prefix: String = chars[..mid].iter().collect();
        if hay.contains(&prefix) { lo = mid } else { hi = mid - 1 }
    }
    lo + 1
}

//! The questionnaire in one language, and the catalogue's documents and counts.

use crate::catalogue::{Catalogue, Kind};
use crate::schema::Ty;
use super::types::DocumentRef;
use serde::Serialize;

impl Catalogue {
    /// The questionnaire in one language: steps with their questions and options.
    pub fn questions(&self, lang: &str) -> Questionnaire {
        let en = lang.starts_with("en");
        let pick = |zh: &str, e: &str| if en { e.to_string() } else { zh.to_string() };
        let steps = self
            .steps
            .iter()
            .map(|s| StepOut {
                id: s.id.clone(),
                title: pick(&s.title, &s.title_en),
                questions: self
                    .schema
                    .attrs
                    .iter()
                    .filter(|a| !a.def.derived && a.def.step.as_deref() == Some(s.id.as_str()))
                    .map(|a| {
                        let options = match a.ty {
                            Ty::Enum | Ty::Set => a.def.values.iter().map(|v| Opt { value: v.id.clone(), label: pick(&v.label, &v.label_en) }).collect(),
                            Ty::Region => region_options(en),
                            Ty::Industry => industry_options(en),
                            _ => Vec::new(),
                        };
                        QuestionOut {
                            id: a.def.id.clone(),
                            ty: a.def.ty.clone(),
                            label: pick(&a.def.label, &a.def.label_en),
                            hint: pick(&a.def.hint, &a.def.hint_en),
                            unit: a.def.unit.clone(),
                            allow_negative: a.def.allow_negative,
                            options,
                        }
                    })
                    .collect(),
            })
            .collect();
        Questionnaire {
            lang: if en { "en" } else { "zh-CN" },
            steps,
            categories: self.categories.iter().map(|c| Opt { value: c.id.clone(), label: pick(&c.id, &c.label_en) }).collect(),
            benefit_types: self.benefit_types.iter().map(|t| Opt { value: t.id.clone(), label: pick(&t.label, &t.label_en) }).collect(),
        }
    }

    /// Documents, counts and the content hash.
    pub fn info(&self) -> CatalogueInfo {
        let documents = self
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| DocInfo {
                document: DocumentRef::from(d),
                articles: self.articles.iter().filter(|a| a.doc == i).count(),
            })
            .collect();
        CatalogueInfo {
            documents,
            counts: Counts {
                articles: self.articles.len(),
                benefits: self.articles.iter().map(|a| a.benefits.len()).sum(),
                tasks: self.articles.iter().filter(|a| a.kind == Kind::Task).count(),
                attributes: self.schema.attrs.len(),
            },
            hash: self.hash.clone(),
            build_errors: self.build_errors.clone(),
        }
    }
}

fn region_options(en: bool) -> Vec<Opt> {
    let mut out = Vec::new();
    for (p, zh, e) in crate::codes::PROVINCES {
        out.push(Opt { value: format!("{:06}", p * 10000), label: if en { e.to_string() } else { zh.to_string() } });
        for (c, czh, ce) in crate::codes::CITIES.iter().filter(|c| c.0 / 10000 == p) {
            let label = if en { format!("{e} — {ce}") } else { format!("{zh} — {czh}") };
            out.push(Opt { value: format!("{c:06}"), label });
        }
    }
    out
}

fn industry_options(en: bool) -> Vec<Opt> {
    let mut out = Vec::new();
    for (letter, _, _, zh, e) in crate::codes::SECTIONS {
        out.push(Opt { value: letter.to_string(), label: format!("{letter} {}", if en { e } else { zh }) });
        for (code, fzh, fe) in crate::codes::FINER_CODES.iter().filter(|c| c.0.starts_with(letter)) {
            out.push(Opt { value: code.to_string(), label: format!("{code} {}", if en { fe } else { fzh }) });
        }
    }
    out
}

#[derive(Debug, Clone, Serialize)]
pub struct Opt {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionOut {
    pub id: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub label: String,
    pub hint: String,
    pub unit: Option<String>,
    pub allow_negative: bool,
    pub options: Vec<Opt>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepOut {
    pub id: String,
    pub title: String,
    pub questions: Vec<QuestionOut>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Questionnaire {
    pub lang: &'static str,
    pub steps: Vec<StepOut>,
    pub categories: Vec<Opt>,
    pub benefit_types: Vec<Opt>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocInfo {
    #[serde(flatten)]
    pub document: DocumentRef,
    pub articles: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub articles: usize,
    pub benefits: usize,
    pub tasks: usize,
    pub attributes: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CatalogueInfo {
    pub documents: Vec<DocInfo>,
    pub counts: Counts,
    pub hash: String,
    pub build_errors: Vec<String>,
}

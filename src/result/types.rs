//! The plain data `matchProfile` and `measure` return: every field here is part of the
//! JSON contract (the CLI prints it, the wasm boundary hands it to JS unchanged).

use super::estimate::Estimate;
use super::standing::{Group, Standing, ValidityStatus};
use super::summary::Summary;
use crate::catalogue::Document;
use crate::model::{AmountDef, CheckDef};
use serde::Serialize;

/// Text in both languages.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text { zh: zh.into(), en: en.into() }
    }
}

/// A measure's (or benefit's) verdict on its conditions alone; where it is shown is
/// its [`Standing`], which also weighs validity and jurisdiction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Eligible,
    Possible,
    Ineligible,
    Task,
}

#[derive(Debug, Clone, Serialize)]
pub struct ValidityOut {
    pub status: ValidityStatus,
    pub from: Option<String>,
    pub until: Option<String>,
    pub note: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note_en: String,
    /// The period the source ties the measure to, where it states no end date.
    pub period_from: Option<String>,
    pub period_until: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub period_note: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub period_note_en: String,
}

/// One condition of a benefit: what it asks, what the profile gave, the verdict, and
/// all of that as one sentence about the visitor.
#[derive(Debug, Clone, Serialize)]
pub struct Reason {
    pub attribute: String,
    pub label: Text,
    pub required: Text,
    pub given: Option<Text>,
    pub verdict: &'static str,
    pub sentence: Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct AmountOut {
    #[serde(flatten)]
    pub def: AmountDef,
    /// The amount in words.
    pub text: Text,
    /// The most one enterprise can receive, where the text settles it (a lump sum, a
    /// cap not given per event or project, a per-person amount with a total cap).
    pub max_total_yuan: Option<f64>,
}

/// How to apply: what the catalogue says, else whom to ask. Never invented.
#[derive(Debug, Clone, Serialize, Default)]
pub struct ApplyOut {
    pub how: Option<Text>,
    #[serde(rename = "where")]
    pub where_: Option<Text>,
    pub url: Option<String>,
    pub phone: Option<String>,
    pub deadline: Option<Text>,
    /// The responsible units, as the source lists them (Chinese names).
    pub units: Vec<String>,
    /// Their English names, in the same order (the document's `units_en` glossary).
    pub units_en: Vec<String>,
    /// "申请方式以{单位}通知为准" where the catalogue says nothing of how.
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BenefitOut {
    pub id: String,
    pub title: String,
    pub title_en: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub status: Status,
    pub standing: Standing,
    pub group: Group,
    pub quote: String,
    pub amount: Option<AmountOut>,
    pub estimate: Option<Estimate>,
    pub estimate_note: Option<Text>,
    pub estimate_needs: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclusive: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub apply: Option<ApplyOut>,
    pub validity: ValidityOut,
    pub reasons: Vec<Reason>,
    pub missing: Vec<String>,
    pub checks: Vec<CheckDef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentRef {
    pub key: String,
    pub title: String,
    pub title_en: String,
    pub issuer: String,
    pub number: String,
    pub date: String,
    pub level: String,
    pub jurisdiction: String,
    pub contacts_note: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub contacts_note_en: String,
}

impl From<&Document> for DocumentRef {
    fn from(d: &Document) -> Self {
        let d = &d.def;
        DocumentRef {
            key: d.key.clone(),
            title: d.title.clone(),
            title_en: d.title_en.clone(),
            issuer: d.issuer.clone(),
            number: d.number.clone(),
            date: d.date.clone(),
            level: d.level.clone(),
            jurisdiction: d.jurisdiction.clone(),
            contacts_note: d.contacts_note.clone(),
            contacts_note_en: d.contacts_note_en.clone(),
        }
    }
}

/// One measure (article) with its standing, group, estimate and how to apply.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureOut {
    pub id: String,
    pub document: DocumentRef,
    pub number: Option<u32>,
    pub section: String,
    pub heading: String,
    pub title: String,
    pub title_en: String,
    pub kind: &'static str,
    pub status: Status,
    pub standing: Standing,
    pub group: Group,
    pub estimate: Option<Estimate>,
    pub estimate_note: Option<Text>,
    pub estimate_needs: Vec<String>,
    pub categories: Vec<String>,
    pub units: Vec<String>,
    /// The units' English names, in the same order.
    pub units_en: Vec<String>,
    pub apply: ApplyOut,
    pub text: String,
    pub validity: ValidityOut,
    pub benefits: Vec<BenefitOut>,
    pub missing: Vec<String>,
    /// What would make it eligible, or why nothing can (not eligible measures only).
    pub to_qualify: Option<super::qualify::ToQualify>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SizeOut {
    pub value: &'static str,
    pub possible: Vec<&'static str>,
    pub basis: Text,
    pub missing: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FlagOut {
    pub value: Option<bool>,
    pub basis: Text,
    pub missing: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DerivedOut {
    pub size: SizeOut,
    pub small_low_profit: FlagOut,
}

/// What `matchProfile` returns.
#[derive(Debug, Clone, Serialize)]
pub struct MatchOutput {
    pub as_of: String,
    pub errors: Vec<crate::error::Error>,
    pub derived: DerivedOut,
    pub summary: Summary,
    pub results: Vec<MeasureOut>,
    /// The questions still worth asking, best first.
    pub next_questions: Vec<super::ranking::NextQuestion>,
}

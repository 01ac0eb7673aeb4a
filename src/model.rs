//! The catalogue as its files spell it: the serde model shared by the TOML source files
//! (read natively, with line numbers) and the JSON bundle (embedded in the wasm package,
//! or a site's own catalogue given to `loadCatalogue`).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `attributes.toml`: the questions, steps, categories and benefit types.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AttributesFile {
    #[serde(default)]
    pub step: Vec<StepDef>,
    #[serde(default)]
    pub attribute: Vec<AttributeDef>,
    #[serde(default)]
    pub category: Vec<CategoryDef>,
    #[serde(default)]
    pub benefit_type: Vec<BenefitTypeDef>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StepDef {
    pub id: String,
    pub title: String,
    pub title_en: String,
}

/// One question of the profile schema (or a derived fact).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AttributeDef {
    pub id: String,
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub step: Option<String>,
    pub label: String,
    pub label_en: String,
    #[serde(default)]
    pub hint: String,
    #[serde(default)]
    pub hint_en: String,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub allow_negative: bool,
    #[serde(default)]
    pub values: Vec<ChoiceDef>,
    #[serde(default)]
    pub derived: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceDef {
    pub id: String,
    pub label: String,
    pub label_en: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryDef {
    pub id: String,
    pub label_en: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitTypeDef {
    pub id: String,
    pub label: String,
    pub label_en: String,
    /// What the visitor receives, for grouping results: `money | tax | financing |
    /// service | promise` (政府承诺与营商环境: protects or serves every enterprise
    /// without an application).
    #[serde(default)]
    pub group: String,
}

/// How to apply, where a source (or a site's own catalogue) says so. Every field is
/// optional; Chinese with an `_en` twin. Never invented: where it is silent, results
/// say "申请方式以{责任单位}通知为准".
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ApplyDef {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub how: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub how_en: String,
    #[serde(default, rename = "where", skip_serializing_if = "String::is_empty")]
    pub where_: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub where_en: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub deadline: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub deadline_en: String,
}

/// One document's file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentFile {
    pub document: DocumentDef,
    #[serde(default)]
    pub attribute: Vec<AttributeDef>,
    #[serde(default)]
    pub article: Vec<ArticleDef>,
}

/// The facts of a source document. `"unknown"` where the source is silent.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct DocumentDef {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub title_en: String,
    pub issuer: String,
    pub number: String,
    pub date: String,
    pub jurisdiction: String,
    pub level: String,
    pub valid_from: String,
    pub valid_until: String,
    #[serde(default)]
    pub validity_note: String,
    /// English of `validity_note` (required where it is not empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub validity_note_en: String,
    /// The period the source ties its measures to (an annual work plan's year), where
    /// it states no end date of its own: `YYYY-MM-DD`, both or neither.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_until: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub period_note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub period_note_en: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub contacts_note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contacts_note_en: String,
    /// The English name of every responsible unit the document's articles list
    /// (`units`): one glossary per document, Chinese name → English name.
    /// (Values are JSON so that the map shares its code with `notes`: the check requires
    /// each to be a non-empty string.)
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub units_en: BTreeMap<String, serde_json::Value>,
    /// Further notes: only keys ending in `_note` are accepted.
    #[serde(flatten)]
    pub notes: BTreeMap<String, serde_json::Value>,
}

/// One article (numbered) or unit (unnumbered documents) of a document.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ArticleDef {
    #[serde(default)]
    pub number: Option<u32>,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub section: String,
    #[serde(default)]
    pub heading: String,
    pub title: String,
    pub title_en: String,
    pub text: String,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub units: Vec<String>,
    pub kind: String,
    /// How to apply for the article's benefits (see [`ApplyDef`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apply: Option<ApplyDef>,
    #[serde(default)]
    pub benefit: Vec<BenefitDef>,
    #[serde(flatten)]
    pub notes: BTreeMap<String, serde_json::Value>,
}

/// One thing an enterprise can obtain, with its conditions and amount.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct BenefitDef {
    pub id: String,
    pub title: String,
    pub title_en: String,
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub quote: String,
    #[serde(default)]
    pub when: Option<String>,
    #[serde(default)]
    pub checks: Vec<CheckDef>,
    #[serde(default)]
    pub valid_from: Option<String>,
    #[serde(default)]
    pub valid_until: Option<String>,
    #[serde(default)]
    pub validity_note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub validity_note_en: String,
    /// The period this benefit concerns, where the source ties it to one (a deferral
    /// of one quarter's taxes); overrides the document's period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_until: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub period_note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub period_note_en: String,
    #[serde(default)]
    pub amount: Option<AmountDef>,
    /// Benefits sharing this id are not combined (不重复享受, 就高不就低): totals take
    /// the larger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclusive: Option<String>,
    /// How to apply for this benefit, where it differs from the article's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apply: Option<ApplyDef>,
    #[serde(flatten)]
    pub notes: BTreeMap<String, serde_json::Value>,
}

/// Something the visitor must verify that no question settles.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CheckDef {
    pub zh: String,
    pub en: String,
}

/// A benefit's amount, structured where the text gives a figure.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AmountDef {
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yuan: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_yuan: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_max_yuan: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_percent: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_years: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
    /// The number or integer attribute the amount multiplies (a head count, the number
    /// of events, a loan principal), asked of the visitor for an estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// English for `per` ("project" for 项目): the English amount text never shows Chinese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_en: Option<String>,
    #[serde(default)]
    pub quote: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note_en: String,
}

/// The whole catalogue as one JSON document: what the wasm package embeds and what
/// `loadCatalogue` accepts. `attributes` may be left out to use the built-in schema;
/// `"extends": "builtin"` keeps the built-in documents and adds these.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    #[serde(default)]
    pub attributes: Option<AttributesFile>,
    #[serde(default)]
    pub documents: Vec<DocumentFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    /// Files the build could not read (syntax errors), reported by `catalogueInfo`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub build_errors: Vec<String>,
}

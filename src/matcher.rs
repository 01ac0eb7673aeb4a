//! Matching a profile against the catalogue, and the plain data the API returns:
//! results with their reasons, the derived facts, the next questions worth asking;
//! also the questionnaire, the catalogue summary and single measures.

use crate::catalogue::{Benefit, Catalogue, Document, Kind, Validity};
use crate::plan::Scratch;
use crate::date::Date;
use crate::error::{Code, Error};
use crate::eval;
use crate::model::{AmountDef, CheckDef};
use crate::profile::{self, Input};
use crate::schema::{Facts, Ty, Value};
use crate::size;
use serde::Serialize;
use std::collections::BTreeMap;

/// Text in both languages.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text { zh: zh.into(), en: en.into() }
    }
}

/// A measure's (or benefit's) standing for this profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Eligible,
    Possible,
    Ineligible,
    Task,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValidityStatus {
    /// In force on the as-of date: both ends known and around it, or within the period
    /// the source ties the measure to.
    Current,
    /// The source states no end and no period that settles it.
    Unknown,
    /// Not yet in force.
    Upcoming,
    /// The period the source ties it to (a work plan's year) is over and the source
    /// does not say whether it continues: ask the responsible unit.
    Lapsed,
    /// Its stated end date has passed.
    Expired,
}

impl ValidityStatus {
    /// Whether a measure with this validity can be taken up on the as-of date.
    pub fn available(self) -> bool {
        matches!(self, ValidityStatus::Current | ValidityStatus::Unknown)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ValidityOut {
    pub status: ValidityStatus,
    pub from: Option<String>,
    pub until: Option<String>,
    pub note: String,
    /// The period the source ties the measure to, where it states no end date.
    pub period_from: Option<String>,
    pub period_until: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub period_note: String,
}

/// A validity's standing on `as_of` (rule in catalogue/README.md, "Validity"): a
/// stated end date decides; without one, a period that is over means *lapsed*.
pub fn validity_status(v: &Validity, as_of: Date) -> ValidityStatus {
    match (v.from, v.until, v.period) {
        (Some(f), _, _) if as_of < f => ValidityStatus::Upcoming,
        (_, Some(u), _) if as_of > u => ValidityStatus::Expired,
        (Some(_), Some(_), _) => ValidityStatus::Current,
        (_, None, Some((_, pu))) if as_of > pu => ValidityStatus::Lapsed,
        (_, _, Some((pf, _))) if as_of >= pf => ValidityStatus::Current,
        _ => ValidityStatus::Unknown,
    }
}

fn validity(v: &Validity, as_of: Date) -> ValidityOut {
    ValidityOut {
        status: validity_status(v, as_of),
        from: v.from.map(|d| d.to_string()),
        until: v.until.map(|d| d.to_string()),
        note: v.note.clone(),
        period_from: v.period.map(|p| p.0.to_string()),
        period_until: v.period.map(|p| p.1.to_string()),
        period_note: v.period_note.clone(),
    }
}

/// One condition of a benefit: what it asks, what the profile gave, the verdict.
#[derive(Debug, Clone, Serialize)]
pub struct Reason {
    pub attribute: String,
    pub label: Text,
    pub required: Text,
    pub given: Option<Text>,
    pub verdict: &'static str,
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

fn max_total(a: &AmountDef) -> Option<f64> {
    match a.kind.as_str() {
        "lump_sum" => a.yuan,
        "up_to" if a.per.is_none() => a.max_yuan,
        "per_person" => a.total_max_yuan,
        _ => None,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct BenefitOut {
    pub id: String,
    pub title: String,
    pub title_en: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub status: Status,
    pub quote: String,
    pub amount: Option<AmountOut>,
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
        }
    }
}

/// One measure (article) with its standing; `status` and `benefits[].status` are absent
/// from `measure(id)` records.
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
    pub categories: Vec<String>,
    pub units: Vec<String>,
    pub text: String,
    pub validity: ValidityOut,
    pub benefits: Vec<BenefitOut>,
    pub missing: Vec<String>,
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
    pub errors: Vec<Error>,
    pub derived: DerivedOut,
    pub results: Vec<MeasureOut>,
    pub next_questions: Vec<String>,
}

fn amount_text(a: &AmountDef) -> Text {
    use crate::format::{plain, yuan_en, yuan_zh};
    let per_zh = a.per.as_deref().map(|p| format!("每{p}")).unwrap_or_default();
    let per_en = a.per_en.as_deref().or(a.per.as_deref()).map(|p| format!(" per {p}")).unwrap_or_default();
    let (zh, en) = match a.kind.as_str() {
        "lump_sum" => (format!("一次性{}", yuan_zh(a.yuan.unwrap_or(0.0))), format!("one-off {}", yuan_en(a.yuan.unwrap_or(0.0)))),
        "up_to" => (format!("{per_zh}最高{}", yuan_zh(a.max_yuan.unwrap_or(0.0))), format!("up to {}{per_en}", yuan_en(a.max_yuan.unwrap_or(0.0)))),
        "per_person" => {
            let (mut zh, mut en) = match (a.yuan, a.max_yuan) {
                (Some(y), _) => (format!("每人{}", yuan_zh(y)), format!("{} per person", yuan_en(y))),
                (None, Some(m)) => (format!("每人不超过{}", yuan_zh(m)), format!("up to {} per person", yuan_en(m))),
                _ => (String::new(), String::new()),
            };
            if let Some(t) = a.total_max_yuan {
                zh.push_str(&format!("，总额不超过{}", yuan_zh(t)));
                en.push_str(&format!(", at most {} in total", yuan_en(t)));
            }
            (zh, en)
        }
        "interest_rate" => {
            let p = plain(a.percent.unwrap_or(0.0));
            match a.max_years {
                Some(y) => (format!("年化{p}%贴息，最长{}年", plain(y)), format!("{p}% a year interest subsidy, for up to {} years", plain(y))),
                None => (format!("年化{p}%贴息"), format!("{p}% a year interest subsidy")),
            }
        }
        "fee_rate_cap" => {
            let p = plain(a.max_percent.unwrap_or(0.0));
            (format!("费率{p}%（含）以下"), format!("fee rate at most {p}%"))
        }
        "full_cost" => ("全额补贴".into(), "the full cost".into()),
        "share" => {
            let p = plain(a.percent.unwrap_or(0.0));
            (format!("不低于{p}%"), format!("at least {p}%"))
        }
        _ => (a.quote.clone(), String::new()),
    };
    let en = if en.is_empty() { a.note_en.clone() } else { en };
    Text::new(zh, en)
}

/// The status a plan verdict stands for.
pub fn status(v: crate::plan::Verdict) -> Status {
    match v {
        0 => Status::Eligible,
        1 => Status::Possible,
        2 => Status::Ineligible,
        _ => Status::Task,
    }
}

/// Reads and derives a profile's facts.
pub fn facts(cat: &Catalogue, input: &Input) -> (Facts, profile::Derived, Vec<Error>) {
    let (mut facts, errors) = profile::read(&cat.schema, input);
    let derived = profile::derive(&cat.schema, &mut facts);
    (facts, derived, errors)
}

/// The fast path: each measure's verdict (see [`status`]), in catalogue order,
/// without explanations. Reuse `scratch` and `out` across profiles.
pub fn decide(cat: &Catalogue, facts: &[Value], as_of: Date, scratch: &mut Scratch, out: &mut Vec<crate::plan::Verdict>) {
    cat.plan.decide(facts, as_of, scratch, out);
}

impl Catalogue {
    /// Which unanswered attributes an unknown atom stands for (derived → their inputs).
    fn missing_for(&self, slot: usize, derived: &profile::Derived) -> Vec<String> {
        match self.schema.attrs[slot].def.id.as_str() {
            "size" => derived.size.missing.iter().map(|s| s.to_string()).collect(),
            "small_low_profit" => derived.small_low_profit.missing.iter().map(|s| s.to_string()).collect(),
            id => vec![id.to_string()],
        }
    }

    fn benefit_out(&self, b: &Benefit, status: Status, facts: &[Value], derived: &profile::Derived, as_of: Date) -> BenefitOut {
        let mut reasons = Vec::new();
        let mut missing: Vec<String> = Vec::new();
        for (atom, negated) in b.cond.atoms() {
            let attr = &self.schema.attrs[atom.slot];
            let mut verdict = eval::atom(atom, facts, as_of);
            if negated {
                verdict = verdict.not();
            }
            let given = attr.value_text(&facts[atom.slot], false).map(|zh| Text::new(zh, attr.value_text(&facts[atom.slot], true).unwrap_or_default()));
            reasons.push(Reason {
                attribute: attr.def.id.clone(),
                label: Text::new(attr.label(false), attr.label(true)),
                required: Text::new(eval::requirement(atom, attr, negated, as_of, false), eval::requirement(atom, attr, negated, as_of, true)),
                given,
                verdict: verdict.as_str(),
            });
        }
        // Only what could still change the verdict is missing: not an unknown atom in a
        // branch already settled (an `or` met by another branch).
        let mut open = Vec::new();
        eval::open_atoms(&b.cond, facts, as_of, &mut open);
        for atom in open {
            for m in self.missing_for(atom.slot, derived) {
                if !missing.contains(&m) {
                    missing.push(m);
                }
            }
        }
        if status == Status::Ineligible {
            missing.clear();
        }
        BenefitOut {
            id: b.def.id.clone(),
            title: b.def.title.clone(),
            title_en: b.def.title_en.clone(),
            ty: b.def.ty.clone(),
            status,
            quote: b.def.quote.clone(),
            amount: b.def.amount.as_ref().map(|a| AmountOut { def: a.clone(), text: amount_text(a), max_total_yuan: max_total(a) }),
            validity: validity(&b.validity, as_of),
            reasons,
            missing,
            checks: b.def.checks.clone(),
        }
    }

    fn measure_out(&self, index: usize, facts: &[Value], derived: &profile::Derived, as_of: Date, scratch: &mut Scratch) -> MeasureOut {
        let a = &self.articles[index];
        let doc = &self.documents[a.doc];
        let verdicts = self.plan.benefit_verdicts(index, facts, as_of, scratch);
        let benefits: Vec<BenefitOut> = a.benefits.iter().zip(&verdicts).map(|(b, v)| self.benefit_out(b, status(*v), facts, derived, as_of)).collect();
        let status = match a.kind {
            Kind::Task => Status::Task,
            Kind::Benefit => verdicts.iter().min().map_or(Status::Ineligible, |v| status(*v)),
        };
        let mut missing: Vec<String> = Vec::new();
        for b in benefits.iter().filter(|b| b.status == Status::Possible) {
            for m in &b.missing {
                if !missing.contains(m) {
                    missing.push(m.clone());
                }
            }
        }
        MeasureOut {
            id: a.id.clone(),
            document: DocumentRef::from(doc),
            number: a.def.number,
            section: a.def.section.clone(),
            heading: a.def.heading.clone(),
            title: a.def.title.clone(),
            title_en: a.def.title_en.clone(),
            kind: if a.kind == Kind::Task { "task" } else { "benefit" },
            status,
            categories: a.def.categories.clone(),
            units: a.def.units.clone(),
            text: a.def.text.clone(),
            validity: validity(&doc.validity, as_of),
            benefits,
            missing,
        }
    }

    /// Matches a profile: every measure with its reasons, best first.
    pub fn match_profile(&self, input: &Input, as_of: Date) -> MatchOutput {
        let (facts, derived, errors) = facts(self, input);
        let mut scratch = Scratch::default();
        let mut results: Vec<MeasureOut> = (0..self.articles.len()).map(|i| self.measure_out(i, &facts, &derived, as_of, &mut scratch)).collect();
        // Best first: status, then validity, then catalogue order (the sort is stable).
        results.sort_by_key(|r| (r.status, r.validity.status));
        let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for (order, r) in results.iter().enumerate() {
            for m in &r.missing {
                let e = counts.entry(m.as_str()).or_insert((0, order));
                e.0 += 1;
            }
        }
        let mut next: Vec<(&str, (usize, usize))> = counts.into_iter().collect();
        next.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
        let size_value = derived.size.value().map_or("unknown", |t| size::NAMES[t].0);
        let possible = (0..4).filter(|t| derived.size.possible & (1 << t) != 0).map(|t| size::NAMES[t].0).collect();
        MatchOutput {
            as_of: as_of.to_string(),
            errors,
            derived: DerivedOut {
                size: SizeOut { value: size_value, possible, basis: Text::new(derived.size.basis(false), derived.size.basis(true)), missing: derived.size.missing.clone() },
                small_low_profit: FlagOut {
                    value: derived.small_low_profit.value,
                    basis: Text::new(derived.small_low_profit.basis(false), derived.small_low_profit.basis(true)),
                    missing: derived.small_low_profit.missing.clone(),
                },
            },
            next_questions: next.into_iter().map(|(k, _)| k.to_string()).collect(),
            results,
        }
    }

    /// One measure's record (statuses as for an empty profile), or an error.
    pub fn measure(&self, id: &str, as_of: Date) -> Result<MeasureOut, Error> {
        let index = self.articles.iter().position(|a| a.id == id).ok_or_else(|| Error::new(Code::UnknownMeasure, "id", format!("没有标识为“{id}”的措施"), format!("no measure has the id '{id}'")))?;
        let (facts, derived, _) = facts(self, &Input::Object(vec![]));
        Ok(self.measure_out(index, &facts, &derived, as_of, &mut Scratch::default()))
    }

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

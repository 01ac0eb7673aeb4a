//! Matching a profile against the catalogue, and the plain data the API returns.
//!
//! - [`types`]: the output records (measures, benefits, reasons, derived facts);
//! - [`standing`]: validity on the as-of date, where each measure stands, its group;
//! - [`estimate`]: what a benefit is worth to this visitor, and totals;
//! - [`reasons`]: each condition as a sentence about the visitor;
//! - [`summary`]: counts, the total and one sentence;
//! - [`apply`]: how to apply, or whom to ask;
//! - [`questionnaire`]: the questions and the catalogue's documents;
//! - [`ranking`]: which question to ask next;
//! - [`qualify`]: what would make a measure eligible, or why nothing can.
//!
//! Also reachable as `policy_matcher::matcher` (its former name).

pub mod apply;
pub mod estimate;
pub mod qualify;
pub mod questionnaire;
pub mod ranking;
pub mod reasons;
pub mod standing;
pub mod summary;
pub mod types;

pub use estimate::Estimate;
pub use questionnaire::*;
pub use standing::{validity_status, Group, Standing, ValidityStatus};
pub use summary::{Counts as StandingCounts, Summary, SummaryEstimate};
pub use types::*;

use crate::catalogue::{Benefit, Catalogue, Kind};
use crate::date::Date;
use crate::error::{Code, Error};
use crate::eval;
use crate::plan::Scratch;
use crate::profile::{self, Input};
use crate::schema::{Facts, Value};
use crate::size;

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

fn push_unique(into: &mut Vec<String>, items: &[String]) {
    for m in items {
        if !into.contains(m) {
            into.push(m.clone());
        }
    }
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

    /// The group of a benefit type (service for an unknown one).
    fn group_of(&self, ty: &str) -> Group {
        self.benefit_types.iter().find(|t| t.id == ty).map_or(Group::Service, |t| Group::parse(&t.group))
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
            let value = &facts[atom.slot];
            let given = attr.value_text(value, false).map(|zh| Text::new(zh, attr.value_text(value, true).unwrap_or_default()));
            reasons.push(Reason {
                attribute: attr.def.id.clone(),
                label: Text::new(attr.label(false), attr.label(true)),
                required: Text::new(eval::requirement(atom, attr, negated, as_of, false), eval::requirement(atom, attr, negated, as_of, true)),
                given,
                verdict: verdict.as_str(),
                sentence: reasons::sentence(atom, attr, negated, verdict, value, as_of),
            });
        }
        // Only what could still change the verdict is missing: not an unknown atom in a
        // branch already settled (an `or` met by another branch).
        let mut open = Vec::new();
        eval::open_atoms(&b.cond, facts, as_of, &mut open);
        for atom in open {
            push_unique(&mut missing, &self.missing_for(atom.slot, derived));
        }
        if status == Status::Ineligible {
            missing.clear();
        }
        let validity = standing::validity(&b.validity, as_of);
        let group = self.group_of(&b.def.ty);
        let est = estimate::estimate(b.def.amount.as_ref(), group, &self.schema, facts);
        BenefitOut {
            id: b.def.id.clone(),
            title: b.def.title.clone(),
            title_en: b.def.title_en.clone(),
            ty: b.def.ty.clone(),
            status,
            standing: standing::benefit_standing(status, validity.status),
            group,
            quote: b.def.quote.clone(),
            amount: b.def.amount.as_ref().map(|a| AmountOut { def: a.clone(), text: estimate::amount_text(a), max_total_yuan: estimate::max_total(a) }),
            estimate: est.estimate,
            estimate_note: est.note,
            estimate_needs: est.needs,
            exclusive: b.def.exclusive.clone(),
            apply: None,
            validity,
            reasons,
            missing,
            checks: b.def.checks.clone(),
        }
    }

    /// Whether the document's jurisdiction excludes the profile's region.
    fn elsewhere(&self, doc: usize, facts: &[Value]) -> bool {
        let area = self.documents[doc].jurisdiction;
        match self.schema.slot("region").map(|s| &facts[s]) {
            Some(Value::Region(r)) if area != crate::codes::Region::NATIONAL => r.within(area) == Some(false),
            _ => false,
        }
    }

    fn measure_out(&self, index: usize, facts: &[Value], derived: &profile::Derived, as_of: Date, scratch: &mut Scratch) -> MeasureOut {
        let a = &self.articles[index];
        let doc = &self.documents[a.doc];
        let verdicts = self.plan.benefit_verdicts(index, facts, as_of, scratch);
        let mut benefits: Vec<BenefitOut> = a.benefits.iter().zip(&verdicts).map(|(b, v)| self.benefit_out(b, status(*v), facts, derived, as_of)).collect();
        let status = match a.kind {
            Kind::Task => Status::Task,
            Kind::Benefit => verdicts.iter().min().map_or(Status::Ineligible, |v| status(*v)),
        };
        let standing = match a.kind {
            // Another region's measures and tasks are not the visitor's business.
            _ if self.elsewhere(a.doc, facts) => Standing::Elsewhere,
            Kind::Task => Standing::Task,
            Kind::Benefit => benefits.iter().map(|b| b.standing).min().unwrap_or(Standing::Ineligible),
        };
        let counted: Vec<&BenefitOut> = benefits.iter().filter(|b| standing::counts_for(standing, b.standing)).collect();
        let group = if a.kind == Kind::Task { Group::Task } else { counted.iter().map(|b| b.group).min().unwrap_or(Group::Service) };
        let est = estimate::total(counted.iter().filter_map(|b| b.estimate.as_ref().map(|e| estimate::Part { estimate: e, exclusive: b.exclusive.as_deref() })));
        let mut needs = Vec::new();
        for b in &counted {
            push_unique(&mut needs, &b.estimate_needs);
        }
        let without: Vec<&&BenefitOut> = counted.iter().filter(|b| b.estimate.is_none() && b.estimate_note.is_some()).collect();
        let note = match (&est, without.first()) {
            (_, None) => None,
            (None, Some(b)) => b.estimate_note.clone(),
            (Some(_), Some(_)) => Some(Text::new(format!("另有 {} 项未计入金额", without.len()), format!("{} more not included in the amount", without.len()))),
        };
        let mut missing: Vec<String> = Vec::new();
        for b in benefits.iter().filter(|b| b.status == Status::Possible) {
            push_unique(&mut missing, &b.missing);
        }
        let units_en = doc.units_en(&a.def.units);
        for (b, def) in benefits.iter_mut().zip(&a.benefits) {
            b.apply = def.def.apply.as_ref().map(|d| apply::block(Some(d), &a.def.units, &units_en));
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
            standing,
            group,
            estimate: est,
            estimate_note: note,
            estimate_needs: needs,
            categories: a.def.categories.clone(),
            units: a.def.units.clone(),
            apply: apply::block(a.def.apply.as_ref(), &a.def.units, &units_en),
            units_en,
            text: a.def.text.clone(),
            validity: standing::validity(&doc.validity, as_of),
            benefits,
            missing,
            to_qualify: self.to_qualify(index, status, facts, derived, as_of),
        }
    }

    /// What the measures that fit now are worth together, as `summary.estimate` gives
    /// it (`None` where no benefit that fits has a figure): the benefits that fit (eligible,
    /// their validity available) of the benefit measures not elsewhere, totalled across
    /// measures by [`estimate::total`]. `eligible` holds the articles whose fast verdict is
    /// eligible (the only ones with a benefit that can fit), e.g. from [`decide`].
    pub fn fits_estimate(&self, eligible: impl IntoIterator<Item = usize>, facts: &[Value], as_of: Date, scratch: &mut Scratch) -> Option<Estimate> {
        let mut estimates: Vec<(Estimate, Option<&str>)> = Vec::new();
        for index in eligible {
            let a = &self.articles[index];
            if a.kind != Kind::Benefit || self.elsewhere(a.doc, facts) {
                continue;
            }
            let verdicts = self.plan.benefit_verdicts(index, facts, as_of, scratch);
            for (b, v) in a.benefits.iter().zip(&verdicts) {
                if standing::benefit_standing(status(*v), standing::validity_status(&b.validity, as_of)) != Standing::Fits {
                    continue;
                }
                if let Some(e) = estimate::estimate(b.def.amount.as_ref(), self.group_of(&b.def.ty), &self.schema, facts).estimate {
                    estimates.push((e, b.def.exclusive.as_deref()));
                }
            }
        }
        estimate::total(estimates.iter().map(|(e, x)| estimate::Part { estimate: e, exclusive: *x }))
    }

    /// The questions still worth asking, best first (see [`ranking`]).
    fn next_questions(&self, facts: &[Value], as_of: Date, results: &[MeasureOut]) -> Vec<ranking::NextQuestion> {
        let open: Vec<ranking::OpenMeasure> = results
            .iter()
            .filter(|r| r.standing == Standing::MightFit && !r.missing.is_empty())
            .filter_map(|r| {
                let article = self.articles.iter().position(|a| a.id == r.id)?;
                Some(ranking::OpenMeasure { article, weight: ranking::weight(r.group, r.estimate.as_ref().map(|e| e.high)), missing: &r.missing })
            })
            .collect();
        let mut needs = Vec::new();
        for r in results.iter().filter(|r| r.standing.open()) {
            push_unique(&mut needs, &r.estimate_needs);
        }
        ranking::rank(self, facts, as_of, &open, &needs)
    }

    /// Matches a profile: every measure with its reasons, best first — by standing,
    /// then group (money → tax → financing → service → promise), then the estimate's
    /// high end (largest first, none last), then catalogue order.
    pub fn match_profile(&self, input: &Input, as_of: Date) -> MatchOutput {
        let (facts, derived, errors) = facts(self, input);
        let mut scratch = Scratch::default();
        let mut results: Vec<MeasureOut> = (0..self.articles.len()).map(|i| self.measure_out(i, &facts, &derived, as_of, &mut scratch)).collect();
        results.sort_by(|a, b| {
            let high = |r: &MeasureOut| r.estimate.as_ref().map_or(-1.0, |e| e.high);
            (a.standing, a.group).cmp(&(b.standing, b.group)).then(high(b).total_cmp(&high(a)))
        });
        let next_questions = self.next_questions(&facts, as_of, &results);
        let fields: Vec<String> = next_questions.iter().map(|q| q.field.clone()).collect();
        let summary = summary::summarise(&results, &fields);
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
            summary,
            next_questions,
            results,
        }
    }

    /// One measure's record (statuses as for an empty profile), or an error.
    pub fn measure(&self, id: &str, as_of: Date) -> Result<MeasureOut, Error> {
        let index = self.articles.iter().position(|a| a.id == id).ok_or_else(|| Error::new(Code::UnknownMeasure, "id", format!("没有标识为“{id}”的措施"), format!("no measure has the id '{id}'")))?;
        let (facts, derived, _) = facts(self, &Input::Object(vec![]));
        Ok(self.measure_out(index, &facts, &derived, as_of, &mut Scratch::default()))
    }
}

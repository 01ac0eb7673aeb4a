//! Which question to ask next: the unanswered questions ranked by what answering them
//! settles. Over the measures still open to the visitor (might fit, available) that an
//! answer could still change, each question is tried with every representative answer
//! (bool: yes/no; a choice: each choice; a set: none, each one alone, all; a number or
//! date: each threshold a condition on it names, and one on either side; region and
//! industry: the areas and codes the conditions name, and one outside them) on a copy of
//! the facts, derived facts (size, 小型微利企业) derived again, and decided by the fast
//! plan. A measure is settled by an answer when it no longer waits on any answer
//! (eligible, ineligible, or possible only pending an official's review).
//!
//! A question's `value` is the expected weighted number of measures its answer settles,
//! every representative answer counted alike, each measure weighted by what the visitor
//! receives ([`weight`]: money above tax and financing above services above promises, plus
//! the estimate's order of magnitude where there is one); a question that settles nothing
//! alone but that open measures wait on keeps a small value (a thousandth of their weight),
//! so that it is still asked; `settles` is how many open measures some answer to it settles.
//! Questions only an estimate needs follow, with `settles` 0 and `value` 0.
//!
//! A founding date given as a year alone is a span of days: where every day of it decides
//! the open measures alike, the date is not asked again; where one still depends on the
//! month, the date is listed again with `refine: "month"` (`"day"` for a year and month),
//! its answers tried within the span only.

use super::standing::Group;
use crate::catalogue::Catalogue;
use crate::codes::{Industry, Region};
use crate::condition::Test;
use crate::date::Date;
use crate::plan::{Scratch, Verdict, OPEN};
use crate::profile;
use crate::schema::{Ty, Value};
use crate::size;
use serde::Serialize;

/// One question worth asking, best first.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NextQuestion {
    /// The attribute to ask for.
    pub field: String,
    /// How many open measures some answer to it settles.
    pub settles: usize,
    /// The ranking score: the expected weighted number of measures an answer settles.
    pub value: f64,
    /// For a founding date given as a year (or a year and month) that still decides an
    /// open measure: the part to add, `month` (or `day`). Absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refine: Option<&'static str>,
}

/// An open measure, as the ranking sees it.
pub struct OpenMeasure<'a> {
    /// Its index in the catalogue's articles.
    pub article: usize,
    pub weight: f64,
    /// The questions it waits on (derived facts already turned into their inputs).
    pub missing: &'a [String],
}

/// How much settling a measure is worth: its group, then the estimate's magnitude.
pub fn weight(group: Group, estimate_high: Option<f64>) -> f64 {
    let base = match group {
        Group::Money => 4.0,
        Group::Tax | Group::Financing => 3.0,
        Group::Service => 2.0,
        Group::Promise => 1.0,
        Group::Task => 0.0,
    };
    // The estimate's order of magnitude in units of 10,000 yuan: 10,000 yuan adds about
    // 0.1, a million 2 (whole orders, and a straight line within each, so that no
    // logarithm from libm is linked into the wasm).
    base + estimate_high.map_or(0.0, |h| {
        let mut x = 1.0 + h.max(0.0) / 10_000.0;
        let mut orders = 0.0;
        while x >= 10.0 {
            x /= 10.0;
            orders += 1.0;
        }
        orders + (x - 1.0) / 9.0
    })
}

/// A stable insertion sort: the lists here are short, and the standard library's sorts
/// would add kilobytes to the wasm for each type they sort.
pub(crate) fn small_sort<T>(v: &mut [T], before: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && before(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Size-standard bounds per indicator (persons, or yuan), and the 小型微利企业 limits.
fn derived_bounds(id: &str) -> Vec<f64> {
    let indicator = match id {
        "employees" => size::Indicator::Employees,
        "revenue" => size::Indicator::Revenue,
        "total_assets" => size::Indicator::Assets,
        _ => return Vec::new(),
    };
    let scale = if indicator == size::Indicator::Employees { 1.0 } else { 10_000.0 };
    let mut out: Vec<f64> = size::GROUPS.iter().flat_map(|g| g.bounds.iter()).filter(|(i, _)| *i == indicator).flat_map(|(_, b)| b.iter().map(move |v| v * scale)).collect();
    out.push(match id {
        "employees" => 300.0,
        "total_assets" => 50_000_000.0,
        _ => return out,
    });
    out
}

/// Codes that fall in different rows of the size standard.
const INDUSTRY_SAMPLES: [&str; 8] = ["A01", "C39", "E47", "F51", "F52", "H62", "I65", "M73"];

/// The representative answers to one question.
fn representatives(cat: &Catalogue, slot: usize, as_of: Date, given: &Value) -> Vec<Value> {
    let attr = &cat.schema.attrs[slot];
    let tests: Vec<&Test> = cat.articles.iter().flat_map(|a| a.benefits.iter()).flat_map(|b| b.cond.atoms()).filter(|(a, _)| a.slot == slot).map(|(a, _)| &a.test).collect();
    let n = attr.def.values.len();
    let mut out = Vec::new();
    match attr.ty {
        Ty::Bool => out.extend([Value::Bool(true), Value::Bool(false)]),
        Ty::Enum => out.extend((0..n).map(|i| Value::Bits(1 << i))),
        Ty::Set => {
            out.push(Value::Bits(0));
            out.extend((0..n).map(|i| Value::Bits(1 << i)));
            out.push(Value::Bits(if n >= 64 { u64::MAX } else { (1u64 << n) - 1 }));
        }
        Ty::Number | Ty::Integer => {
            let mut points = derived_bounds(&attr.def.id);
            points.extend(tests.iter().filter_map(|t| if let Test::Num(_, c) = t { Some(*c) } else { None }));
            let mut values: Vec<f64> = vec![0.0];
            for v in points.into_iter().flat_map(|p| [p - 1.0, p, p + 1.0]) {
                if (attr.def.allow_negative || v >= 0.0) && !values.contains(&v) {
                    values.push(v);
                }
            }
            out.extend(values.into_iter().map(Value::Num));
        }
        Ty::Date => {
            let mut days = vec![as_of.0, as_of.shift(-30, 0, 0).0];
            for t in &tests {
                if let Test::Date(_, d) = t {
                    let d = d.resolve(as_of).0;
                    for day in [d - 1, d, d + 1] {
                        if !days.contains(&day) {
                            days.push(day);
                        }
                    }
                }
            }
            // A year (or year and month) already given: only the days it may be.
            if let Value::DateSpan(lo, hi) = *given {
                days.retain(|d| (lo.0..=hi.0).contains(d));
                for d in [lo.0, hi.0] {
                    if !days.contains(&d) {
                        days.push(d);
                    }
                }
            }
            out.extend(days.into_iter().map(|d| Value::Date(Date(d))));
        }
        Ty::Region => {
            let mut regions: Vec<Region> = ["110000", "650000"].iter().filter_map(|c| Region::parse(c)).collect();
            for t in &tests {
                if let Test::Within(r) = t {
                    if !regions.contains(r) {
                        regions.push(*r);
                    }
                }
            }
            out.extend(regions.into_iter().map(Value::Region));
        }
        Ty::Industry => {
            let mut codes: Vec<Industry> = INDUSTRY_SAMPLES.iter().filter_map(|c| Industry::parse(c)).collect();
            for t in &tests {
                if let Test::Under(i) = t {
                    if !codes.contains(i) {
                        codes.push(*i);
                    }
                }
            }
            out.extend(codes.into_iter().map(Value::Industry));
        }
    }
    out
}

/// Ranks the questions the open measures wait on; `estimate_needs` (questions only an
/// estimate needs) follow with nothing settled.
pub fn rank(cat: &Catalogue, facts: &[Value], as_of: Date, open: &[OpenMeasure], estimate_needs: &[String]) -> Vec<NextQuestion> {
    let mut scratch = Scratch::default();
    let mut now: Vec<Verdict> = Vec::new();
    cat.plan.decide_open(facts, as_of, &mut scratch, &mut now);
    // The open measures an answer could still change.
    let waiting: Vec<&OpenMeasure> = open.iter().filter(|m| now.get(m.article) == Some(&OPEN) && !m.missing.is_empty()).collect();
    let mut fields: Vec<(usize, &str)> = Vec::new();
    for m in &waiting {
        for f in m.missing {
            if let Some(slot) = cat.schema.slot(f) {
                if !fields.iter().any(|(s, _)| *s == slot) {
                    fields.push((slot, f.as_str()));
                }
            }
        }
    }
    small_sort(&mut fields, |a, b| a.0 < b.0);
    let mut ranked: Vec<NextQuestion> = Vec::with_capacity(fields.len() + estimate_needs.len());
    let mut hyp = facts.to_vec();
    let mut out: Vec<Verdict> = Vec::new();
    let mut settled = vec![false; waiting.len()];
    for (slot, field) in fields {
        let reps = representatives(cat, slot, as_of, &facts[slot]);
        settled.iter_mut().for_each(|s| *s = false);
        let mut total = 0.0;
        for v in &reps {
            hyp.copy_from_slice(facts);
            hyp[slot] = *v;
            profile::derive(&cat.schema, &mut hyp);
            cat.plan.decide_open(&hyp, as_of, &mut scratch, &mut out);
            for (k, m) in waiting.iter().enumerate() {
                if out[m.article] != OPEN {
                    total += m.weight;
                    settled[k] = true;
                }
            }
        }
        let expected = if reps.is_empty() { 0.0 } else { total / reps.len() as f64 };
        let waits: f64 = waiting.iter().filter(|m| m.missing.iter().any(|f| f == field)).map(|m| m.weight).sum();
        // Three decimals (truncated) keep the JSON short and the same in the CLI and wasm.
        let value = (((expected + waits / 1000.0) * 1000.0) as i64) as f64 / 1000.0;
        // A year given: the month is asked for; a year and month: the day.
        let refine = match facts[slot] {
            Value::DateSpan(lo, hi) if lo.ymd().1 == hi.ymd().1 => Some("day"),
            Value::DateSpan(..) => Some("month"),
            _ => None,
        };
        ranked.push(NextQuestion { field: field.to_string(), settles: settled.iter().filter(|s| **s).count(), value, refine });
    }
    // Best first; the questionnaire's order among equals (the sort is stable).
    small_sort(&mut ranked, |a, b| a.value > b.value);
    for f in estimate_needs {
        if !ranked.iter().any(|q| &q.field == f) {
            ranked.push(NextQuestion { field: f.clone(), settles: 0, value: 0.0, refine: None });
        }
    }
    ranked
}

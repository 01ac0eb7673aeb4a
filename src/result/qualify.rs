//! What would change the answer: for a measure that is not eligible, the smallest change
//! that would make it so — the questions still to answer, the threshold to cross, the
//! qualification to obtain, what only the responsible unit can confirm — or, where a fact
//! that cannot change rules it out (region, founding date, industry, the kind of entity,
//! the enterprise's size), why not, never as a suggestion.
//!
//! Each benefit's condition is walked for the cheapest way to make it true (an `and`
//! needs every part, an `or` its cheapest branch); the benefit with the cheapest change
//! wins: no fact that cannot change first, then the fewest facts to change, then the
//! fewest questions.

use super::reasons;
use super::types::{Status, Text};
use crate::catalogue::{Benefit, Catalogue};
use crate::condition::{Atom, Cond, DateOperand, Op, Test};
use crate::date::Date;
use crate::eval::{self, Tri};
use crate::profile;
use crate::schema::{Attribute, Ty, Value};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// A question still to answer.
    Answer,
    /// A figure to reach (or stay within).
    Threshold,
    /// A qualification to obtain (专精特新, 高新技术企业…).
    Obtain,
    /// Another condition the enterprise would have to meet.
    Meet,
    /// Conditions met; the responsible unit decides.
    Review,
    /// A fact that cannot change rules it out.
    Fixed,
}

#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub kind: StepKind,
    pub attribute: Option<String>,
    pub text: Text,
}

/// The smallest change that would make a measure eligible, or why none can.
#[derive(Debug, Clone, Serialize)]
pub struct ToQualify {
    /// The benefit the change reaches.
    pub benefit: String,
    /// False when a fact that cannot change rules the measure out.
    pub reachable: bool,
    pub steps: Vec<Step>,
    /// The steps as one sentence.
    pub text: Text,
}

/// Facts a visitor cannot change: where the enterprise is, when it was founded, its
/// industry, its kind of entity, and its size (derived from them and past figures).
fn fixed(attr: &Attribute) -> bool {
    matches!(attr.def.id.as_str(), "region" | "established" | "industry" | "entity_type" | "size")
}

/// A past year's figure (上年营业收入): it can be reached only in a later year.
fn past_year(attr: &Attribute) -> bool {
    attr.def.label.starts_with("上年")
}

#[derive(Default)]
struct Fix<'c> {
    /// Atoms to make hold, with whether the requirement is their negation.
    change: Vec<(&'c Atom, bool)>,
    unknown: Vec<(&'c Atom, bool)>,
    fixed: usize,
    /// Where the cheapest way is ruled out by a fact that cannot change: the other ways
    /// of an `or`, also ruled out (so that "why not" names them all).
    others: Vec<Fix<'c>>,
}

impl Fix<'_> {
    fn cost(&self) -> (usize, usize, usize) {
        (self.fixed, self.change.len(), self.unknown.len())
    }
}

/// The cheapest way to make `c` evaluate to `want`.
fn fix<'c>(cat: &Catalogue, c: &'c Cond, want: bool, facts: &[Value], as_of: Date) -> Fix<'c> {
    match c {
        Cond::Atom(a) => {
            let mut out = Fix::default();
            match eval::atom(a, facts, as_of) {
                Tri::Unknown => out.unknown.push((a, !want)),
                t if (t == Tri::True) == want => {}
                _ => {
                    out.fixed = usize::from(fixed(&cat.schema.attrs[a.slot]));
                    out.change.push((a, !want));
                }
            }
            out
        }
        Cond::Not(inner) => fix(cat, inner, !want, facts, as_of),
        Cond::All(cs) | Cond::Any(cs) => {
            let every = matches!(c, Cond::All(_)) == want;
            let parts = cs.iter().map(|x| fix(cat, x, want, facts, as_of));
            if every {
                parts.fold(Fix::default(), |mut acc, p| {
                    acc.fixed += p.fixed;
                    acc.change.extend(p.change);
                    acc.unknown.extend(p.unknown);
                    acc.others.extend(p.others);
                    acc
                })
            } else {
                let mut parts: Vec<Fix> = parts.collect();
                super::ranking::small_sort(&mut parts, |a, b| a.cost() < b.cost());
                let mut parts = parts.into_iter();
                let mut best = parts.next().unwrap_or_default();
                if best.fixed > 0 {
                    best.others.extend(parts.filter(|p| p.fixed > 0));
                }
                best
            }
        }
    }
}

fn t(zh: String, en: String) -> Text {
    Text::new(zh, en)
}

/// "成立3年内" for a founding date tested against the as-of date, where it reads so.
fn within_years(a: &Atom, attr: &Attribute, negated: bool) -> Option<(i32, bool)> {
    match (&a.test, attr.def.id.as_str()) {
        (Test::Date(op, DateOperand::AsOf { years, months: 0, days: 0 }), "established") if *years < 0 => match (op, negated) {
            (Op::Ge | Op::Gt, false) | (Op::Lt | Op::Le, true) => Some((-years, true)),
            (Op::Lt | Op::Le, false) | (Op::Ge | Op::Gt, true) => Some((-years, false)),
            _ => None,
        },
        _ => None,
    }
}

fn step(cat: &Catalogue, a: &Atom, negated: bool, facts: &[Value], derived: &profile::Derived, as_of: Date) -> Step {
    let attr = &cat.schema.attrs[a.slot];
    let id = attr.def.id.clone();
    let value = &facts[a.slot];
    let phrase = |en| reasons::phrase(a, attr, negated, as_of, en);
    if matches!(value, Value::Unknown) {
        let asks = cat.missing_for(a.slot, derived);
        let labels = |en: bool| asks.iter().filter_map(|f| cat.schema.get(f)).map(|x| format!("“{}”", x.label(en))).collect::<Vec<_>>();
        let (zh, en) = if asks.is_empty() {
            (format!("需{}，目前无法判断", phrase(false)), format!("Requires {}, which cannot be told yet", phrase(true)))
        } else {
            (format!("请回答{}", labels(false).join("、")), format!("Answer {}", labels(true).join(", ")))
        };
        return Step { kind: StepKind::Answer, attribute: Some(asks.first().cloned().unwrap_or(id)), text: t(zh, en) };
    }
    if fixed(attr) {
        let (zh, en) = match within_years(a, attr, negated) {
            Some((n, true)) => (format!("仅限成立{n}年内的企业"), format!("Only for enterprises founded within the last {n} year{}", if n == 1 { "" } else { "s" })),
            Some((n, false)) => (format!("仅限成立满{n}年的企业"), format!("Only for enterprises founded at least {n} year{} ago", if n == 1 { "" } else { "s" })),
            None => (format!("仅限{}的企业", phrase(false)), format!("Only for enterprises with {}", phrase(true))),
        };
        let given = attr.value_text(value, false).unwrap_or_default();
        let given_en = attr.value_text(value, true).unwrap_or_default();
        return Step { kind: StepKind::Fixed, attribute: Some(id), text: t(format!("{zh}（您的{}为{given}，无法更改）", attr.label(false)), format!("{en} (yours: {given_en}, which cannot change)")) };
    }
    match &a.test {
        Test::Num(op, c) => {
            let op = if negated { match op { Op::Lt => Op::Ge, Op::Le => Op::Gt, Op::Gt => Op::Le, Op::Ge => Op::Lt, Op::Eq => Op::Ne, Op::Ne => Op::Eq } } else { *op };
            let (vz, ve) = match op {
                Op::Ge => ("需达到", "must reach"),
                Op::Gt => ("需超过", "must exceed"),
                Op::Le => ("需不超过", "must be at most"),
                Op::Lt => ("需低于", "must be below"),
                Op::Eq => ("需为", "must be"),
                Op::Ne => ("不能为", "must not be"),
            };
            let given = attr.value_text(value, false).unwrap_or_default();
            let given_en = attr.value_text(value, true).unwrap_or_default();
            let (mut zh, mut en) = (
                format!("{}{vz}{}；您填写的是{given}", attr.label(false), attr.number_text(*c, false)),
                format!("{} {ve} {}; you gave {given_en}", attr.label(true), attr.number_text(*c, true)),
            );
            if past_year(attr) {
                zh.push_str("（上年数据已定，今后年度达到后可申请）");
                en.push_str(" (last year's figure cannot change; a later year's may qualify)");
            }
            Step { kind: StepKind::Threshold, attribute: Some(id), text: t(zh, en) }
        }
        Test::Has(bits) | Test::HasAny(bits) if attr.ty == Ty::Set && !negated => {
            let or = |en| attr.choice_labels(*bits, en).iter().map(|l| format!("“{l}”")).collect::<Vec<_>>().join(if en { " or " } else { "或" });
            Step { kind: StepKind::Obtain, attribute: Some(id), text: t(format!("取得{}认定后可申请", or(false)), format!("Eligible once recognised as {}", or(true))) }
        }
        _ => Step { kind: StepKind::Meet, attribute: Some(id), text: reasons::sentence(a, attr, negated, Tri::False, value, as_of) },
    }
}

/// The sentence with its first letter in lower case (the English texts start in ASCII).
fn lower_first(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_lowercase();
    }
    out
}

fn join(steps: &[Step]) -> Text {
    Text::new(steps.iter().map(|s| s.text.zh.as_str()).collect::<Vec<_>>().join("；"), steps.iter().map(|s| s.text.en.as_str()).collect::<Vec<_>>().join("; "))
}

impl Catalogue {
    /// The smallest change that would make an article eligible; `None` for an eligible
    /// measure or a task.
    pub(crate) fn to_qualify(&self, index: usize, status: Status, facts: &[Value], derived: &profile::Derived, as_of: Date) -> Option<ToQualify> {
        if !matches!(status, Status::Possible | Status::Ineligible) {
            return None;
        }
        let a = &self.articles[index];
        // The cheapest benefit; among equals, one without an official's review.
        let mut best: Option<(&Benefit, Fix)> = None;
        for b in &a.benefits {
            let f = fix(self, &b.cond, true, facts, as_of);
            let key = (f.cost(), !b.def.checks.is_empty());
            if best.as_ref().map_or(true, |(x, g)| key < (g.cost(), !x.def.checks.is_empty())) {
                best = Some((b, f));
            }
        }
        let (b, f) = best?;
        let mut steps: Vec<Step> = Vec::new();
        if f.fixed > 0 {
            // Why not: only the facts that cannot change, on every way there is.
            let why = |f: &Fix, steps: &mut Vec<Step>, or: bool| {
                for (i, (atom, neg)) in f.change.iter().filter(|(x, _)| fixed(&self.schema.attrs[x.slot])).enumerate() {
                    let mut s = step(self, atom, *neg, facts, derived, as_of);
                    if or && i == 0 {
                        s.text = t(format!("或{}", s.text.zh), format!("or {}", lower_first(&s.text.en)));
                    }
                    if !steps.iter().any(|x| x.text == s.text) {
                        steps.push(s);
                    }
                }
            };
            why(&f, &mut steps, false);
            for other in &f.others {
                why(other, &mut steps, true);
            }
        } else {
            for (atom, neg) in f.change.iter().chain(&f.unknown) {
                let s = step(self, atom, *neg, facts, derived, as_of);
                if !steps.iter().any(|x| x.text == s.text) {
                    steps.push(s);
                }
            }
            if !b.def.checks.is_empty() {
                let zh: Vec<&str> = b.def.checks.iter().map(|c| c.zh.as_str()).collect();
                let en: Vec<&str> = b.def.checks.iter().map(|c| c.en.as_str()).collect();
                steps.push(Step {
                    kind: StepKind::Review,
                    attribute: None,
                    text: t(format!("需由主管部门审核：{}", zh.join("；")), format!("The responsible unit must confirm: {}", en.join("; "))),
                });
            }
        }
        let text = join(&steps);
        Some(ToQualify { benefit: b.def.id.clone(), reachable: f.fixed == 0, steps, text })
    }
}

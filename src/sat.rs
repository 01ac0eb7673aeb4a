//! Proves at build time that a benefit's condition can be met by some profile and
//! refused by another: tries every combination of the values that matter (each
//! constant the condition names, and its neighbours).
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::codes::{Industry, Region};
use crate::condition::{Cond, Test};
use crate::date::Date;
use crate::eval::{self, Tri};
use crate::schema::{Schema, Ty, Value};
use std::collections::BTreeMap;

pub enum Verdict {
    Fine,
    NeverTrue,
    AlwaysTrue,
}

/// Combinations tried at most; a condition with more is not judged.
const LIMIT: usize = 100_000;

fn candidates(slot_tests: &[&Test], ty: Ty, values: usize, as_of: Date) -> Vec<Value> {
    let mut out = Vec::new();
    match ty {
        Ty::Number | Ty::Integer => {
            out.push(Value::Num(0.0));
            for t in slot_tests {
                if let Test::Num(_, c) = t {
                    out.extend([c - 1.0, *c, c + 1.0].map(Value::Num));
                }
            }
        }
        Ty::Date => {
            for t in slot_tests {
                if let Test::Date(_, d) = t {
                    let d = d.resolve(as_of);
                    out.extend([Date(d.0 - 1), d, Date(d.0 + 1)].map(Value::Date));
                }
            }
        }
        Ty::Enum => out.extend((0..values.min(64)).map(|i| Value::Bits(1u64 << i))),
        Ty::Set => {
            out.push(Value::Bits(0));
            out.push(Value::Bits(if values >= 64 { u64::MAX } else { (1u64 << values) - 1 }));
            out.extend((0..values.min(64)).map(|i| Value::Bits(1u64 << i)));
        }
        Ty::Bool => out.extend([Value::Bool(true), Value::Bool(false)]),
        Ty::Region => {
            out.extend(["110000", "650000"].iter().filter_map(|c| Region::parse(c)).map(Value::Region));
            for t in slot_tests {
                if let Test::Within(r) = t {
                    out.push(Value::Region(*r));
                }
            }
        }
        Ty::Industry => {
            out.extend(["A01", "T97"].iter().filter_map(|c| Industry::parse(c)).map(Value::Industry));
            for t in slot_tests {
                if let Test::Under(i) = t {
                    out.push(Value::Industry(*i));
                }
            }
        }
    }
    out
}

/// Judges whether a condition is satisfiable and refusable.
pub fn check(cond: &Cond, schema: &Schema) -> Verdict {
    let as_of = Date::from_ymd(2025, 1, 1).unwrap_or(Date(0));
    let mut by_slot: BTreeMap<usize, Vec<&Test>> = BTreeMap::new();
    for (a, _) in cond.atoms() {
        by_slot.entry(a.slot).or_default().push(&a.test);
    }
    let slots: Vec<(usize, Vec<Value>)> = by_slot
        .iter()
        .filter_map(|(slot, tests)| {
            let attr = schema.attrs.get(*slot)?;
            Some((*slot, candidates(tests, attr.ty, attr.def.values.len(), as_of)))
        })
        .collect();
    if slots.len() != by_slot.len() {
        return Verdict::Fine; // an atom outside the schema: nothing to prove here
    }
    let total = slots.iter().try_fold(1usize, |acc, (_, c)| acc.checked_mul(c.len().max(1)));
    if total.map_or(true, |t| t > LIMIT) {
        return Verdict::Fine;
    }
    let (mut can_true, mut can_false) = (false, false);
    let mut facts = schema.empty_facts();
    let mut idx = vec![0usize; slots.len()];
    loop {
        for ((slot, cands), &i) in slots.iter().zip(&idx) {
            if let Some(f) = facts.get_mut(*slot) {
                *f = cands.get(i).copied().unwrap_or(Value::Unknown);
            }
        }
        match eval::cond(cond, &facts, as_of) {
            Tri::True => can_true = true,
            Tri::False => can_false = true,
            Tri::Unknown => {}
        }
        if can_true && can_false {
            return Verdict::Fine;
        }
        // Next combination (an odometer over the candidates of each slot).
        let mut carried = true;
        for (i, (_, cands)) in idx.iter_mut().zip(&slots) {
            *i += 1;
            if *i < cands.len() {
                carried = false;
                break;
            }
            *i = 0;
        }
        if carried {
            return if can_true { Verdict::AlwaysTrue } else { Verdict::NeverTrue };
        }
    }
}

//! Three-valued (Kleene) evaluation of compiled conditions over a profile's facts:
//! a test of an unanswered attribute is unknown, not false.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::condition::{Atom, Cond, Op, Test};
use crate::date::Date;
use crate::schema::{Attribute, Value};

/// A Kleene truth value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tri {
    False,
    Unknown,
    True,
}

impl Tri {
    fn from_opt(b: Option<bool>) -> Tri {
        match b {
            Some(true) => Tri::True,
            Some(false) => Tri::False,
            None => Tri::Unknown,
        }
    }
    pub fn not(self) -> Tri {
        match self {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Tri::True => "met",
            Tri::False => "not_met",
            Tri::Unknown => "unknown",
        }
    }
}

/// Whether a bit set of possible values lies inside `allowed`: all in → true, none in →
/// false, some in → unknown (a derived size still undecided).
fn bits_in(possible: u64, allowed: u64) -> Tri {
    if possible & !allowed == 0 {
        Tri::True
    } else if possible & allowed == 0 {
        Tri::False
    } else {
        Tri::Unknown
    }
}

/// Evaluates one atom against one value.
pub fn test(t: &Test, v: &Value, as_of: Date) -> Tri {
    match (t, v) {
        (_, Value::Unknown) => Tri::Unknown,
        (Test::Num(op, c), Value::Num(x)) => Tri::from_opt(Some(op.holds(*x, *c))),
        (Test::Date(op, d), Value::Date(x)) => Tri::from_opt(Some(op.holds(*x, d.resolve(as_of)))),
        // A year or month only: decided when every day it may be gives the same answer.
        (Test::Date(op, d), Value::DateSpan(lo, hi)) => {
            let t = d.resolve(as_of);
            match op {
                Op::Eq | Op::Ne if *lo <= t && t <= *hi && lo != hi => Tri::Unknown,
                Op::Eq | Op::Ne => Tri::from_opt(Some(op.holds(*lo, t))),
                _ if op.holds(*lo, t) == op.holds(*hi, t) => Tri::from_opt(Some(op.holds(*lo, t))),
                _ => Tri::Unknown,
            }
        }
        (Test::OneOf(allowed), Value::Bits(b)) => bits_in(*b, *allowed),
        (Test::Has(bit), Value::Bits(b)) => Tri::from_opt(Some(b & bit != 0)),
        (Test::HasAny(bits), Value::Bits(b)) => Tri::from_opt(Some(b & bits != 0)),
        (Test::Within(area), Value::Region(r)) => Tri::from_opt(r.within(*area)),
        (Test::Under(prefix), Value::Industry(i)) => Tri::from_opt(i.under(prefix)),
        (Test::Is(want), Value::Bool(b)) => Tri::from_opt(Some(b == want)),
        _ => Tri::Unknown, // type-checked at compile time; unreachable for valid facts
    }
}

pub fn atom(a: &Atom, facts: &[Value], as_of: Date) -> Tri {
    // a slot outside the facts (a schema/catalogue mismatch) is unknown, never a panic
    test(&a.test, facts.get(a.slot).unwrap_or(&Value::Unknown), as_of)
}

/// Evaluates a condition with short-circuiting Kleene `and`/`or`.
pub fn cond(c: &Cond, facts: &[Value], as_of: Date) -> Tri {
    match c {
        Cond::Atom(a) => atom(a, facts, as_of),
        Cond::Not(inner) => cond(inner, facts, as_of).not(),
        Cond::All(cs) => group(cs.iter().map(|c| cond(c, facts, as_of)), Tri::False),
        Cond::Any(cs) => group(cs.iter().map(|c| cond(c, facts, as_of)), Tri::True),
    }
}

/// The atoms whose answer could still change an unknown condition: the unknown atoms
/// of its unknown subtrees. A subtree already settled (an `or` with a true branch, an
/// `and` with a false one) asks for nothing, so neither does a settled condition.
pub fn open_atoms<'c>(c: &'c Cond, facts: &[Value], as_of: Date, out: &mut Vec<&'c Atom>) {
    if cond(c, facts, as_of) != Tri::Unknown {
        return;
    }
    match c {
        Cond::Atom(a) => out.push(a),
        Cond::Not(inner) => open_atoms(inner, facts, as_of, out),
        Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| open_atoms(c, facts, as_of, out)),
    }
}

/// Combines verdicts for `and` (`stop` = false) or `or` (`stop` = true): the first
/// `stop` decides; otherwise any unknown makes the group unknown.
pub fn group(verdicts: impl Iterator<Item = Tri>, stop: Tri) -> Tri {
    let mut acc = stop.not();
    for t in verdicts {
        if t == stop {
            return stop;
        }
        if t == Tri::Unknown {
            acc = Tri::Unknown;
        }
    }
    acc
}

/// What an atom requires, in words: ("月销售额 ≤ 15万元", "Monthly sales ≤ 150,000 yuan").
pub fn requirement(a: &Atom, attr: &Attribute, negated: bool, as_of: Date, en: bool) -> String {
    let label = attr.label(en);
    let or = if en { " or " } else { "或" };
    let body = match &a.test {
        Test::Num(op, c) => format!("{label} {} {}", op.symbol(), attr.number_text(*c, en)),
        Test::Date(op, d) => format!("{label} {} {}", op.symbol(), d.resolve(as_of)),
        Test::OneOf(bits) if en => format!("{label}: {}", attr.choice_labels(*bits, en).join(or)),
        Test::OneOf(bits) => format!("{label}为{}", attr.choice_labels(*bits, en).join(or)),
        Test::Has(bit) if en => format!("{label} includes {}", attr.choice_labels(*bit, en).join(or)),
        Test::Has(bit) => format!("{label}包括{}", attr.choice_labels(*bit, en).join(or)),
        Test::HasAny(bits) if en => format!("{label} includes {}", attr.choice_labels(*bits, en).join(or)),
        Test::HasAny(bits) => format!("{label}包括{}", attr.choice_labels(*bits, en).join(or)),
        Test::Within(r) if en => format!("{label} within {}", r.describe(en)),
        Test::Within(r) => format!("{label}位于{}", r.describe(en)),
        Test::Under(i) if en => format!("{label} under {}", i.describe(en)),
        Test::Under(i) => format!("{label}属于{}", i.describe(en)),
        Test::Is(b) => format!("{label}{}{}", if en { ": " } else { "：" }, attr.value_text(&Value::Bool(*b), en).unwrap_or_default()),
    };
    match (negated, en) {
        (false, _) => body,
        (true, false) => format!("不满足：{body}"),
        (true, true) => format!("not: {body}"),
    }
}

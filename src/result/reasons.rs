//! Reasons as sentences about the visitor, one per condition kind, in Chinese and
//! English: "您填写的从业人员数为80人，符合“从业人员数不超过300人”" /
//! "需具有“专精特新中小企业”；您未选择该项".

use super::types::Text;
use crate::condition::{Atom, Op, Test};
use crate::date::Date;
use crate::eval::Tri;
use crate::schema::{Attribute, Ty, Value};

fn num_op(op: Op, date: bool, en: bool) -> &'static str {
    match (op, date, en) {
        (Op::Eq, _, false) => "为",
        (Op::Ne, _, false) => "不为",
        (Op::Lt, false, false) => "低于",
        (Op::Le, false, false) => "不超过",
        (Op::Gt, false, false) => "高于",
        (Op::Ge, false, false) => "不低于",
        (Op::Lt, true, false) => "早于",
        (Op::Le, true, false) => "不晚于",
        (Op::Gt, true, false) => "晚于",
        (Op::Ge, true, false) => "不早于",
        (Op::Eq, false, true) => "of",
        (Op::Ne, false, true) => "other than",
        (Op::Lt, false, true) => "below",
        (Op::Le, false, true) => "at most",
        (Op::Gt, false, true) => "above",
        (Op::Ge, false, true) => "at least",
        (Op::Eq, true, true) => "on",
        (Op::Ne, true, true) => "not on",
        (Op::Lt, true, true) => "before",
        (Op::Le, true, true) => "on or before",
        (Op::Gt, true, true) => "after",
        (Op::Ge, true, true) => "on or after",
    }
}

fn negate(op: Op) -> Op {
    match op {
        Op::Eq => Op::Ne,
        Op::Ne => Op::Eq,
        Op::Lt => Op::Ge,
        Op::Le => Op::Gt,
        Op::Gt => Op::Le,
        Op::Ge => Op::Lt,
    }
}

/// Choices as "‘a’或‘b’" (inner quotes: the sentence quotes the whole requirement).
fn quoted(items: Vec<&str>, en: bool) -> String {
    let q: Vec<String> = items.iter().map(|s| format!("‘{s}’")).collect();
    q.join(if en { " or " } else { "或" })
}

/// Choices as "a、b或c" / "a, b or c".
fn listed(items: Vec<&str>, en: bool) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{}{}{last}", rest.join(if en { ", " } else { "、" }), if en { " or " } else { "或" }),
    }
}

/// What an atom requires, as a phrase: "从业人员数不超过300人", "具有“专精特新中小企业”",
/// "位于海南省（460000）"; English "Number of employees at most 300 persons".
pub fn phrase(a: &Atom, attr: &Attribute, negated: bool, as_of: Date, en: bool) -> String {
    let label = attr.label(en);
    let yes = !negated;
    match (&a.test, en) {
        (Test::Num(op, c), _) => {
            let op = if yes { *op } else { negate(*op) };
            format!("{label}{}{}{}", if en { " " } else { "" }, num_op(op, false, en), if en { format!(" {}", attr.number_text(*c, en)) } else { attr.number_text(*c, en) })
        }
        (Test::Date(op, d), _) => {
            let op = if yes { *op } else { negate(*op) };
            let sep = if en { " " } else { "" };
            format!("{label}{sep}{}{sep}{}", num_op(op, true, en), d.resolve(as_of))
        }
        (Test::OneOf(bits), false) => format!("{label}{}{}", if yes { "为" } else { "不为" }, listed(attr.choice_labels(*bits, en), en)),
        (Test::OneOf(bits), true) => format!("{label}{} {}", if yes { ":" } else { " not" }, listed(attr.choice_labels(*bits, en), en)),
        (Test::Has(bits), false) => format!("{}具有{}", if yes { "" } else { "不" }, quoted(attr.choice_labels(*bits, en), en)),
        (Test::Has(bits), true) => format!("{}holding {}", if yes { "" } else { "not " }, quoted(attr.choice_labels(*bits, en), en)),
        (Test::HasAny(bits), false) => format!("{}具有{}{}", if yes { "" } else { "不" }, quoted(attr.choice_labels(*bits, en), en), if yes { "之一" } else { "中的任何一项" }),
        (Test::HasAny(bits), true) => format!("{} {}", if yes { "holding one of" } else { "holding none of" }, quoted(attr.choice_labels(*bits, en), en)),
        (Test::Within(r), false) => format!("{}位于{}", if yes { "" } else { "不" }, r.describe(en)),
        (Test::Within(r), true) => format!("{}located in {}", if yes { "" } else { "not " }, r.describe(en)),
        (Test::Under(i), false) => format!("{}属于{}", if yes { "" } else { "不" }, i.describe(en)),
        (Test::Under(i), true) => format!("{}in the industry {}", if yes { "" } else { "not " }, i.describe(en)),
        (Test::Is(b), _) => {
            let want = attr.value_text(&Value::Bool(*b == yes), en).unwrap_or_default();
            if en { format!("answering ‘{want}’ to ‘{label}’") } else { format!("对‘{label}’的回答为‘{want}’") }
        }
    }
}

/// One condition as a sentence about the visitor.
pub fn sentence(a: &Atom, attr: &Attribute, negated: bool, verdict: Tri, value: &Value, as_of: Date) -> Text {
    Text::new(one(a, attr, negated, verdict, value, as_of, false), one(a, attr, negated, verdict, value, as_of, true))
}

fn one(a: &Atom, attr: &Attribute, negated: bool, verdict: Tri, value: &Value, as_of: Date, en: bool) -> String {
    let label = attr.label(en);
    let req = phrase(a, attr, negated, as_of, en);
    let given = attr.value_text(value, en);
    let is_set_test = matches!(a.test, Test::Has(_) | Test::HasAny(_));
    let is_bool = attr.ty == Ty::Bool;
    let derived = attr.def.derived;
    match (verdict, given, en) {
        (Tri::Unknown, _, false) if derived => format!("需{req}；还需您补充相关回答才能判断"),
        (Tri::Unknown, _, true) if derived => format!("Requires {req}; more answers are needed to tell"),
        (Tri::Unknown, _, false) => format!("需{req}；您尚未回答“{label}”"),
        (Tri::Unknown, _, true) => format!("Requires {req}; you have not answered “{label}”"),
        (_, None, false) => format!("需{req}；您尚未回答“{label}”"),
        (_, None, true) => format!("Requires {req}; you have not answered “{label}”"),
        (Tri::True, Some(g), false) if is_bool => format!("您对“{label}”的回答为“{g}”，符合要求"),
        (Tri::True, Some(g), true) if is_bool => format!("You answered “{g}” to “{label}”, as required"),
        (Tri::True, Some(g), false) if is_set_test => format!("您选择了{g}，符合“{req}”"),
        (Tri::True, Some(g), true) if is_set_test => format!("You chose {g}, which meets “{req}”"),
        (Tri::True, Some(g), false) if derived => format!("按您的回答，{label}为{g}，符合“{req}”"),
        (Tri::True, Some(g), true) if derived => format!("From your answers, {label}: {g}, which meets “{req}”"),
        (Tri::True, Some(g), false) => format!("您填写的{label}为{g}，符合“{req}”"),
        (Tri::True, Some(g), true) => format!("Your answer for “{label}” is {g}, which meets “{req}”"),
        (Tri::False, Some(g), false) if is_bool => format!("需{req}；您的回答为“{g}”"),
        (Tri::False, Some(g), true) if is_bool => format!("Requires {req}; you answered “{g}”"),
        (Tri::False, Some(_), false) if is_set_test && !negated => format!("需{req}；您未选择该项"),
        (Tri::False, Some(_), true) if is_set_test && !negated => format!("Requires {req}; you did not choose it"),
        (Tri::False, Some(g), false) if derived => format!("需{req}；按您的回答，{label}为{g}"),
        (Tri::False, Some(g), true) if derived => format!("Requires {req}; from your answers, {label}: {g}"),
        (Tri::False, Some(g), false) => format!("需{req}；您填写的{label}为{g}"),
        (Tri::False, Some(g), true) => format!("Requires {req}; your answer for “{label}” is {g}"),
    }
}

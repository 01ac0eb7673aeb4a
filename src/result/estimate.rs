//! What a benefit is worth to this visitor, in yuan: a range `low..high` with its
//! formula, or `None` with the reason (no figure in the source, a figure that is not
//! money received, or an answer still missing — then which one). Caps give `0..cap`,
//! never the cap as what the visitor gets; benefits sharing an `exclusive` id are not
//! added up: the larger counts.

use super::standing::Group;
use super::types::Text;
use crate::format::{plain, yuan_en, yuan_zh};
use crate::model::AmountDef;
use crate::schema::{Schema, Value};
use serde::Serialize;
use std::collections::BTreeMap;

/// An estimate in yuan with the formula that gives it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Estimate {
    pub low: f64,
    pub high: f64,
    pub formula: Text,
}

/// The estimate of one benefit, or why there is none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    pub estimate: Option<Estimate>,
    pub note: Option<Text>,
    /// The attributes an estimate still needs the visitor to answer.
    pub needs: Vec<String>,
}

fn note(zh: impl Into<String>, en: impl Into<String>) -> Option<Text> {
    Some(Text::new(zh, en))
}

/// The amount in words ("每场最高30万元" / "up to 300,000 yuan per 场").
pub fn amount_text(a: &AmountDef) -> Text {
    let per_zh = a.per.as_deref().map(|p| format!("每{p}")).unwrap_or_default();
    let per_en = a.per.as_deref().map(|p| format!(" per {}", unit_en(a, p))).unwrap_or_default();
    let (zh, en) = match a.kind.as_str() {
        "lump_sum" => (format!("一次性{}", yuan_zh(a.yuan.unwrap_or(0.0))), format!("one-off {}", yuan_en(a.yuan.unwrap_or(0.0)))),
        "up_to" => (format!("{per_zh}最高{}", yuan_zh(a.max_yuan.unwrap_or(0.0))), format!("up to {}{per_en}", yuan_en(a.max_yuan.unwrap_or(0.0)))),
        "threshold" => (format!("{per_zh}{}（含）以下", yuan_zh(a.max_yuan.unwrap_or(0.0))), format!("up to {}{per_en} (a threshold)", yuan_en(a.max_yuan.unwrap_or(0.0)))),
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
    let en = if en.is_empty() { if a.note_en.is_empty() { "amount as stated in the source (no figure)".to_string() } else { a.note_en.clone() } } else { en };
    Text::new(zh, en)
}

/// The English word for a unit of `per` (the catalogue writes them in Chinese).
/// English for the amount's `per` unit: its `per_en`, else the word for a common unit.
fn unit_en<'a>(a: &'a AmountDef, per: &'a str) -> &'a str {
    a.per_en.as_deref().unwrap_or_else(|| per_word(per))
}

/// English for a `per` unit the catalogue gives no `per_en` for.
fn per_word(p: &str) -> &str {
    match p {
        "场" => "event",
        "项目" | "项" => "project",
        "人" => "person",
        "月" => "month",
        "年" => "year",
        "次" => "time",
        _ => "unit",
    }
}

/// The most one enterprise can receive, where the text alone settles it.
pub fn max_total(a: &AmountDef) -> Option<f64> {
    match a.kind.as_str() {
        "lump_sum" => a.yuan,
        "up_to" if a.per.is_none() => a.max_yuan,
        "per_person" => a.total_max_yuan,
        _ => None,
    }
}

/// The value of an amount's `base` attribute in the profile: `Ok(n)`, or `Err(id)`
/// when it is unanswered.
fn base_value(a: &AmountDef, schema: &Schema, facts: &[Value]) -> Option<Result<f64, String>> {
    let id = a.base.as_deref()?;
    let slot = schema.slot(id)?;
    Some(match facts[slot] {
        Value::Num(n) => Ok(n.max(0.0)),
        _ => Err(id.to_string()),
    })
}

fn missing(schema: &Schema, id: String) -> Outcome {
    let label = schema.get(&id).map(|a| (a.label(false).to_string(), a.label(true).to_string())).unwrap_or_default();
    Outcome {
        estimate: None,
        note: note(format!("需要您填写“{}”才能估算金额", label.0), format!("An estimate needs your answer to “{}”", label.1)),
        needs: vec![id],
    }
}

fn range(low: f64, high: f64, zh: String, en: String) -> Outcome {
    Outcome { estimate: Some(Estimate { low, high, formula: Text::new(zh, en) }), note: None, needs: vec![] }
}

/// A count as read: "3人" / "3 persons"; "2场" / "2 events".
fn count(n: f64, per: &str, word: &str) -> (String, String) {
    (format!("{}{per}", plain(n)), format!("{} {word}{}", plain(n), if n == 1.0 { "" } else { "s" }))
}

/// The estimate of one benefit for this visitor.
pub fn estimate(amount: Option<&AmountDef>, group: Group, schema: &Schema, facts: &[Value]) -> Outcome {
    let no_figure = || Outcome { estimate: None, note: note("原文未载金额", "The source states no amount"), needs: vec![] };
    let Some(a) = amount else {
        return if matches!(group, Group::Money | Group::Tax) { no_figure() } else { Outcome::default() };
    };
    let base = base_value(a, schema, facts);
    let per = a.per.as_deref().unwrap_or("人");
    match a.kind.as_str() {
        "lump_sum" => {
            let y = a.yuan.unwrap_or(0.0);
            range(y, y, format!("一次性{}", yuan_zh(y)), format!("a one-off {}", yuan_en(y)))
        }
        "up_to" => {
            let m = a.max_yuan.unwrap_or(0.0);
            match (a.per.as_deref(), base) {
                (None, _) => range(0.0, m, format!("最高{}（上限，实际金额由主管部门核定）", yuan_zh(m)), format!("up to {} (a cap; the department decides the amount)", yuan_en(m))),
                (Some(_), Some(Ok(n))) => {
                    let (czh, cen) = count(n, per, unit_en(a, per));
                    range(0.0, m * n, format!("每{per}最高{} × {czh} = 最高{}（上限）", yuan_zh(m), yuan_zh(m * n)), format!("up to {} per {} × {cen} = at most {} (a cap)", yuan_en(m), unit_en(a, per), yuan_en(m * n)))
                }
                (Some(_), Some(Err(id))) => missing(schema, id),
                (Some(_), None) => Outcome { estimate: None, note: note(format!("按{per}计，原文未载次数"), format!("Paid per {}; the source does not say how many", unit_en(a, per))), needs: vec![] },
            }
        }
        "per_person" => {
            let total = a.total_max_yuan;
            match base {
                Some(Ok(n)) => {
                    let (czh, cen) = count(n, "人", "person");
                    let (each, fixed) = match (a.yuan, a.max_yuan) {
                        (Some(y), _) => (y, true),
                        (None, m) => (m.unwrap_or(0.0), false),
                    };
                    let raw = each * n;
                    let high = total.map_or(raw, |t| raw.min(t));
                    let low = if fixed { high } else { 0.0 };
                    let cap_zh = total.map(|t| format!("，总额不超过{}", yuan_zh(t))).unwrap_or_default();
                    let cap_en = total.map(|t| format!(", at most {} in total", yuan_en(t))).unwrap_or_default();
                    let (each_zh, each_en) = if fixed { (format!("每人{}", yuan_zh(each)), format!("{} per person", yuan_en(each))) } else { (format!("每人不超过{}", yuan_zh(each)), format!("up to {} per person", yuan_en(each))) };
                    let (res_zh, res_en) = if fixed { (yuan_zh(high), yuan_en(high)) } else { (format!("最高{}", yuan_zh(high)), format!("at most {}", yuan_en(high))) };
                    range(low, high, format!("{each_zh} × {czh}{cap_zh} = {res_zh}"), format!("{each_en} × {cen}{cap_en} = {res_en}"))
                }
                Some(Err(id)) => missing(schema, id),
                None => match total {
                    Some(t) => range(0.0, t, format!("总额不超过{}（上限）", yuan_zh(t)), format!("at most {} in total (a cap)", yuan_en(t))),
                    None => Outcome { estimate: None, note: note("按人数计，原文未载人数依据", "Paid per person; no head count to multiply"), needs: vec![] },
                },
            }
        }
        "interest_rate" => {
            let p = a.percent.unwrap_or(0.0);
            match base {
                Some(Ok(principal)) => {
                    let years = a.max_years.unwrap_or(1.0);
                    let high = principal * p / 100.0 * years;
                    let (yzh, yen) = match a.max_years {
                        Some(y) => (format!("最长{}年", plain(y)), format!("at most {} years", plain(y))),
                        None => ("1年（原文未载年限，按每年计）".to_string(), "1 year (the source states no term; per year)".to_string()),
                    };
                    range(0.0, high, format!("贷款本金{} × 年化{}% × {yzh} = 最多{}", yuan_zh(principal), plain(p), yuan_zh(high)), format!("loan principal {} × {}% a year × {yen} = at most {}", yuan_en(principal), plain(p), yuan_en(high)))
                }
                Some(Err(id)) => missing(schema, id),
                None => Outcome { estimate: None, note: note("贴息按贷款本金计，原文未载本金", "The subsidy is a rate on the loan principal, which is not known"), needs: vec![] },
            }
        }
        "fee_rate_cap" => Outcome { estimate: None, note: note("费率上限是这项服务的条件，不是企业获得的金额", "A cap on the fee you pay is a condition of the service, not money you receive"), needs: vec![] },
        "share" => Outcome { estimate: None, note: note("比例或预留份额，不是企业获得的金额", "A share or reservation, not money you receive"), needs: vec![] },
        "full_cost" => Outcome { estimate: None, note: note("按实际费用全额补贴，原文未载金额", "The actual cost is covered in full; the source states no amount"), needs: vec![] },
        "threshold" => Outcome {
            estimate: None,
            note: if a.note.is_empty() { note("原文只给出门槛，未载比率，不估算金额", "The source gives a threshold but no rate: no amount is estimated") } else { note(a.note.clone(), a.note_en.clone()) },
            needs: vec![],
        },
        _ => no_figure(),
    }
}

/// One benefit's part in a total: its estimate and its `exclusive` id.
pub struct Part<'a> {
    pub estimate: &'a Estimate,
    pub exclusive: Option<&'a str>,
}

/// Adds estimates up, taking only the larger among those sharing an `exclusive` id.
pub fn total<'a>(parts: impl IntoIterator<Item = Part<'a>>) -> Option<Estimate> {
    let mut alone: Vec<&Estimate> = Vec::new();
    let mut shared: BTreeMap<&str, Vec<&Estimate>> = BTreeMap::new();
    for p in parts {
        match p.exclusive {
            Some(x) => shared.entry(x).or_default().push(p.estimate),
            None => alone.push(p.estimate),
        }
    }
    let mut picked: Vec<(Estimate, bool)> = alone.into_iter().map(|e| (e.clone(), false)).collect();
    for (_, group) in shared {
        // Not combined: the larger counts, its floor the largest floor among them.
        let best = group.iter().max_by(|a, b| a.high.total_cmp(&b.high)).copied();
        if let Some(best) = best {
            let low = group.iter().map(|e| e.low).fold(0.0, f64::max).min(best.high);
            picked.push((Estimate { low, high: best.high, formula: best.formula.clone() }, group.len() > 1));
        }
    }
    if picked.is_empty() {
        return None;
    }
    let low = picked.iter().map(|p| p.0.low).sum();
    let high = picked.iter().map(|p| p.0.high).sum();
    let join = |en: bool| {
        picked
            .iter()
            .map(|(e, x)| {
                let f = if en { &e.formula.en } else { &e.formula.zh };
                match (x, en) {
                    (false, _) => f.clone(),
                    (true, false) => format!("{f}（不重复享受，取较高者）"),
                    (true, true) => format!("{f} (not combined: the larger counts)"),
                }
            })
            .collect::<Vec<_>>()
            .join(if en { "; " } else { "；" })
    };
    Some(Estimate { low, high, formula: Text::new(join(false), join(true)) })
}

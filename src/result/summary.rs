//! The result in one paragraph: how many measures fit now, might fit, are past; what
//! the ones that fit are worth together; how many questions are still open; and one
//! sentence saying so ("可申请 6 项，其中 3 项可估算金额，合计约 12万–115万元；……").

use super::estimate::{total, Part};
use super::standing::{Standing, ValidityStatus};
use super::types::{MeasureOut, Text};
use crate::format::{grouped, plain, yuan_zh};
use serde::Serialize;

/// How many measures stand where.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub fits: usize,
    pub might_fit: usize,
    pub upcoming: usize,
    pub lapsed: usize,
    pub expired: usize,
    pub ineligible: usize,
    pub elsewhere: usize,
    pub task: usize,
}

impl Counts {
    fn add(&mut self, s: Standing) {
        *match s {
            Standing::Fits => &mut self.fits,
            Standing::MightFit => &mut self.might_fit,
            Standing::Upcoming => &mut self.upcoming,
            Standing::Lapsed => &mut self.lapsed,
            Standing::Expired => &mut self.expired,
            Standing::Ineligible => &mut self.ineligible,
            Standing::Elsewhere => &mut self.elsewhere,
            Standing::Task => &mut self.task,
        } += 1;
    }
}

/// What the measures that fit now are worth together.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct SummaryEstimate {
    pub low: f64,
    pub high: f64,
    /// Measures that fit now with an estimate, and without one.
    pub with_figure: usize,
    pub without_figure: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub counts: Counts,
    pub estimate: SummaryEstimate,
    /// The questions that could still turn a measure that might fit into one that fits.
    pub open_questions: Vec<String>,
    /// Measures that fit now and are applied for (not commitments), and commitments
    /// (group `promise`) that fit or might fit: shown apart, usually without an application.
    pub to_apply: usize,
    pub promises: usize,
    /// Measures that might fit and wait on the visitor's answers; those that wait only
    /// on a check by the department.
    pub might_fit_answers: usize,
    pub might_fit_review: usize,
    pub sentence: Text,
    /// Said when most of the measures for the visitor's region (all, before the region
    /// is answered) are past (lapsed or expired) on the as-of date: the honest answer
    /// for old documents.
    pub past_sentence: Option<Text>,
}

/// A range of yuan for a sentence: "12万–115万元", "最多约30万元"; "¥120,000–¥1.15 million".
pub fn range_zh(low: f64, high: f64) -> String {
    let (l, h) = (yuan_zh(low), yuan_zh(high));
    // "12万–115万元": the first unit said once only where both ends share it.
    let unit = |s: &str| s.chars().rev().nth(1).filter(|c| matches!(c, '万' | '亿'));
    if low == high {
        format!("约{h}")
    } else if low == 0.0 {
        format!("最多约{h}")
    } else if unit(&l).is_some() && unit(&l) == unit(&h) {
        format!("约{}–{h}", l.trim_end_matches('元'))
    } else {
        format!("约{l}–{h}")
    }
}

/// "¥1.5 million", "¥120,000".
pub fn yuan_short_en(v: f64) -> String {
    if v.abs() >= 1e9 {
        format!("¥{} billion", plain((v / 1e9 * 100.0).round() / 100.0))
    } else if v.abs() >= 1e6 {
        format!("¥{} million", plain((v / 1e6 * 100.0).round() / 100.0))
    } else {
        format!("¥{}", grouped(v.round()))
    }
}

pub fn range_en(low: f64, high: f64) -> String {
    if low == high {
        format!("about {}", yuan_short_en(high))
    } else if low == 0.0 {
        format!("up to about {}", yuan_short_en(high))
    } else {
        format!("about {}–{}", yuan_short_en(low), yuan_short_en(high))
    }
}

/// Summarises the results (already ordered); `next` is the questions in the order
/// the results ask them.
pub fn summarise(results: &[MeasureOut], next: &[String]) -> Summary {
    let mut counts = Counts::default();
    for r in results {
        counts.add(r.standing);
    }
    let fits: Vec<&MeasureOut> = results.iter().filter(|r| r.standing == Standing::Fits).collect();
    // Benefits are totalled across measures, so that an `exclusive` id shared by two
    // measures still counts once.
    let parts = fits.iter().flat_map(|r| r.benefits.iter().filter(|b| b.standing == Standing::Fits)).filter_map(|b| b.estimate.as_ref().map(|e| Part { estimate: e, exclusive: b.exclusive.as_deref() }));
    let sum = total(parts);
    let with_figure = fits.iter().filter(|r| r.estimate.is_some()).count();
    let estimate = SummaryEstimate { low: sum.as_ref().map_or(0.0, |e| e.low), high: sum.as_ref().map_or(0.0, |e| e.high), with_figure, without_figure: fits.len() - with_figure };
    let promise = |r: &&MeasureOut| r.group == super::standing::Group::Promise;
    let to_apply = fits.iter().filter(|r| !promise(r)).count();
    let promises = results.iter().filter(|r| r.standing.open()).filter(promise).count();
    let might: Vec<&MeasureOut> = results.iter().filter(|r| r.standing == Standing::MightFit).filter(|r| !promise(r)).collect();
    let open_questions: Vec<String> = next.iter().filter(|q| might.iter().any(|r| r.missing.contains(q))).cloned().collect();
    let might_fit_answers = might.iter().filter(|r| !r.missing.is_empty()).count();
    let might_fit_review = might.len() - might_fit_answers;

    // Measures of the visitor's region (all, before the region is known) with something
    // to obtain, every benefit of which is past, or not yet in force.
    let benefit_measures: Vec<&MeasureOut> = results.iter().filter(|r| r.kind == "benefit" && r.standing != Standing::Elsewhere).collect();
    let all_benefits = |r: &&&MeasureOut, f: fn(ValidityStatus) -> bool| r.benefits.iter().all(|b| f(b.validity.status));
    let past = benefit_measures.iter().filter(|r| all_benefits(r, |s| matches!(s, ValidityStatus::Lapsed | ValidityStatus::Expired))).count();
    let upcoming = benefit_measures.iter().filter(|r| all_benefits(r, |s| s == ValidityStatus::Upcoming)).count();

    let mut zh = String::new();
    let mut en = String::new();
    if to_apply > 0 {
        zh.push_str(&format!("可申请 {to_apply} 项"));
        en.push_str(&format!("You can apply for {to_apply} measure{}", if to_apply == 1 { "" } else { "s" }));
        if with_figure > 0 {
            zh.push_str(&format!("，其中 {with_figure} 项可估算金额，合计{}", range_zh(estimate.low, estimate.high)));
            en.push_str(&format!("; {with_figure} can be estimated, {} in total", range_en(estimate.low, estimate.high)));
        }
    } else if !benefit_measures.is_empty() && past + upcoming == benefit_measures.len() {
        // nothing is in force on this date: say that, not "answer more"
        let n = benefit_measures.len();
        zh.push_str(&format!("在评估日，适用于您所在地区的 {n} 项措施都不在有效期内（"));
        en.push_str(&format!("On this date none of the {n} measures for your region is in force ("));
        match (past, upcoming) {
            (p, 0) => {
                zh.push_str(&format!("{p} 项已过期或所属年度已过）"));
                en.push_str(&format!("{p} past)"));
            }
            (0, u) => {
                zh.push_str(&format!("{u} 项尚未施行）"));
                en.push_str(&format!("{u} not yet in force)"));
            }
            (p, u) => {
                zh.push_str(&format!("{p} 项已过期或所属年度已过，{u} 项尚未施行）"));
                en.push_str(&format!("{p} past, {u} not yet in force)"));
            }
        }
    } else {
        zh.push_str("按目前的回答，暂无确定可申请的措施");
        en.push_str("From your answers so far, no measure fits for certain");
    }
    if might_fit_answers > 0 {
        let q = open_questions.len();
        zh.push_str(&format!("；另有 {might_fit_answers} 项需要您再回答 {q} 个问题"));
        en.push_str(&format!("; {might_fit_answers} more need{} {q} more answer{}", if might_fit_answers == 1 { "s" } else { "" }, if q == 1 { "" } else { "s" }));
    }
    if might_fit_review > 0 {
        zh.push_str(&format!("；{might_fit_review} 项需由主管部门审核"));
        en.push_str(&format!("; {might_fit_review} depend{} on the department's review", if might_fit_review == 1 { "s" } else { "" }));
    }
    if promises > 0 {
        zh.push_str(&format!("；另有 {promises} 项政府承诺与营商环境措施，一般无需申请"));
        en.push_str(&format!("; {promises} more {} government commitment{} that usually need no application", if promises == 1 { "is a" } else { "are" }, if promises == 1 { "" } else { "s" }));
    }
    zh.push('。');
    en.push('.');

    let past_sentence = (past * 2 > benefit_measures.len()).then(|| {
        Text::new(
            format!("适用于您所在地区的 {} 项措施中，有 {past} 项在评估日已过期或所属年度已过：文件多发布于数年前。可切换评估日期，查看文件发布时的情况。", benefit_measures.len()),
            format!("Of the {} measures for your region, {past} are past on this date (expired, or their plan year is over): the documents are several years old. Switch the date to see them as they stood when published.", benefit_measures.len()),
        )
    });
    Summary { counts, estimate, open_questions, to_apply, promises, might_fit_answers, might_fit_review, sentence: Text::new(zh, en), past_sentence }
}

//! The API around matching: the questionnaire, single measures, catalogue info, and
//! the shape of results (ordering, explanations, validity, derived facts).

use policy_matcher::matcher::{Group, Standing, Status, ValidityStatus};
use policy_matcher::{builtin, Date, Input};
use serde_json::json;

#[test]
fn the_questionnaire_asks_every_question_once_in_both_languages() {
    let cat = builtin().unwrap();
    let (zh, en) = (cat.questions("zh-CN"), cat.questions("en"));
    assert_eq!(zh.steps.len(), en.steps.len());
    let asked: Vec<&str> = zh.steps.iter().flat_map(|s| s.questions.iter().map(|q| q.id.as_str())).collect();
    let askable = cat.schema.attrs.iter().filter(|a| !a.def.derived).count();
    assert_eq!(asked.len(), askable, "each non-derived attribute in exactly one step");
    for (s_zh, s_en) in zh.steps.iter().zip(&en.steps) {
        for (q_zh, q_en) in s_zh.questions.iter().zip(&s_en.questions) {
            assert_eq!(q_zh.id, q_en.id);
            assert!(!q_zh.label.is_empty() && !q_en.label.is_empty() && q_zh.label != q_en.label, "{}", q_zh.id);
        }
    }
    let region = &zh.steps[0].questions[0];
    assert!(region.options.iter().any(|o| o.value == "350200" && o.label.contains("厦门")));
}

#[test]
fn a_measure_is_found_by_id_and_an_unknown_id_is_an_error() {
    let cat = builtin().unwrap();
    let today = Date::parse("2025-01-01").unwrap();
    let m = cat.measure("fujian-xiamen/8", today).unwrap();
    assert_eq!(m.document.jurisdiction, "350000");
    assert!(m.text.contains("一次性100万元"));
    let amount = m.benefits.iter().find_map(|b| b.amount.as_ref()).unwrap();
    assert_eq!(amount.def.yuan, Some(1_000_000.0));
    assert_eq!(amount.max_total_yuan, Some(1_000_000.0));
    assert_eq!(cat.measure("fujian-xiamen/99", today).unwrap_err().code.as_str(), "unknown_measure");
}

#[test]
fn info_reports_documents_counts_and_a_stable_hash() {
    let info = builtin().unwrap().info();
    let keys: Vec<&str> = info.documents.iter().map(|d| d.document.key.as_str()).collect();
    for k in ["hainan-2024", "hunan-2020", "qinghai-2022", "fujian-xiamen", "miit-2020", "guangdong-2020"] {
        assert!(keys.contains(&k), "{k}");
    }
    assert_eq!(info.counts.articles, info.documents.iter().map(|d| d.articles).sum::<usize>());
    assert_eq!(info.hash.len(), 16);
    assert_eq!(info.hash, builtin().unwrap().info().hash);
}

#[test]
fn results_are_best_first_and_explain_themselves() {
    let cat = builtin().unwrap();
    let profile = json!({ "region": "350203", "industry": "C39", "employees": 30, "revenue": 12e6, "total_assets": 8e6, "entity_type": "enterprise" });
    let out = cat.match_profile(&Input::from(&profile), Date::parse("2025-06-01").unwrap());
    let keys: Vec<(Standing, Group)> = out.results.iter().map(|r| (r.standing, r.group)).collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "sorted by standing, then group");
    assert_eq!(out.derived.size.value, "small");
    // Hiring subsidy (fujian-xiamen/30): size met, the hiring question unanswered.
    let r = out.results.iter().find(|r| r.id == "fujian-xiamen/30").unwrap();
    assert_eq!(r.status, Status::Possible);
    let b = &r.benefits[0];
    let size = b.reasons.iter().find(|x| x.attribute == "size").unwrap();
    assert_eq!(size.verdict, "met");
    assert!(b.reasons.iter().any(|x| x.verdict == "unknown" && b.missing.contains(&x.attribute)));
    assert!(out.next_questions.iter().any(|q| r.missing.contains(&q.field)));
    // Out-of-region documents are refused on the region, with that reason given.
    let hainan = out.results.iter().find(|r| r.id.starts_with("hainan-2024/") && r.kind == "benefit").unwrap();
    assert_eq!(hainan.status, Status::Ineligible);
    assert_eq!(hainan.standing, Standing::Elsewhere, "another jurisdiction: not shown as 不符合");
    assert_eq!(hainan.benefits[0].reasons[0].verdict, "not_met");
    assert!(hainan.benefits[0].reasons[0].required.zh.contains("海南省"));
}

#[test]
fn validity_follows_the_as_of_date() {
    let cat = builtin().unwrap();
    let at = |id: &str, d: &str| {
        let out = cat.match_profile(&Input::from(&json!({})), Date::parse(d).unwrap());
        let r = out.results.iter().find(|r| r.id == id).unwrap();
        (r.validity.status, r.benefits[0].validity.status)
    };
    // An annual work plan states no dates: its year is a period, before which the
    // measure is upcoming and after which it has lapsed (not expired), on the day after
    // the year's last day.
    assert_eq!(at("hainan-2024/7", "2023-12-31").0, ValidityStatus::Upcoming);
    assert_eq!(at("hainan-2024/7", "2024-01-01").0, ValidityStatus::Current);
    assert_eq!(at("hainan-2024/7", "2024-12-31").0, ValidityStatus::Current);
    assert_eq!(at("hainan-2024/7", "2025-01-01").0, ValidityStatus::Lapsed);
    assert_eq!(at("hunan-2020/1", "2020-12-31").0, ValidityStatus::Current);
    assert_eq!(at("hunan-2020/1", "2021-01-01").0, ValidityStatus::Lapsed);
    // A stated start date: upcoming the day before, then in force with no known end.
    assert_eq!(at("qinghai-2022/1", "2022-02-26").0, ValidityStatus::Upcoming);
    assert_eq!(at("qinghai-2022/1", "2022-02-27").0, ValidityStatus::Unknown);
    // A stated end date (qinghai-2022/2's VAT exemption ends 2022-12-31): the day itself
    // still counts, the day after it has expired.
    assert_eq!(at("qinghai-2022/2", "2022-12-31").1, ValidityStatus::Current);
    assert_eq!(at("qinghai-2022/2", "2023-01-01").1, ValidityStatus::Expired);
    // A benefit tied to a past period (2021 Q4 taxes) has lapsed as soon as it is in force.
    let out = cat.match_profile(&Input::from(&json!({})), Date::parse("2022-03-01").unwrap());
    let deferral = out.results.iter().find(|r| r.id == "qinghai-2022/2").unwrap().benefits.iter().find(|b| b.id == "manufacturing-tax-deferral").unwrap();
    assert_eq!(deferral.validity.status, ValidityStatus::Lapsed);
    assert_eq!(deferral.validity.period_until.as_deref(), Some("2021-12-31"));
}

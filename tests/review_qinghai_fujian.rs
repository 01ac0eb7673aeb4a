//! Second independent review of qinghai-2022 and fujian-xiamen (2026-11-29, record in
//! catalogue/reviews/2026-11-29-qinghai-fujian.md): each finding that does not change a
//! measure's status (those are fixtures) is a test here that fails on the mistake it found.

use policy_matcher::{builtin, Date, Input};
use serde_json::{json, Value};

const BANK_ZH: &str = "是否提供融资（贷款、担保或投资）及其额度、期限和费率，由金融机构按其规定审核决定。";

fn run(profile: Value, as_of: &str) -> Value {
    let cat = builtin().expect("the built-in catalogue validates");
    let out = cat.match_profile(&Input::from(&profile), Date::parse(as_of).unwrap());
    serde_json::to_value(&out).unwrap()
}

fn benefit<'a>(out: &'a Value, measure: &str, id: &str) -> &'a Value {
    out["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["id"] == measure)
        .flat_map(|r| r["benefits"].as_array().unwrap().iter())
        .find(|b| b["id"] == id)
        .unwrap_or_else(|| panic!("{measure} {id} missing"))
}

/// qinghai-2022/6: the text only says a reward policy for quoting on the regional equity
/// market is to be drawn up (制定…奖励政策). No reward or amount is shown as if it existed;
/// the benefit is the market's boards, a service, and the check says the policy is pending.
#[test]
fn qinghai_regional_equity_market_shows_no_reward_that_is_still_to_be_drafted() {
    let out = run(json!({ "region": "630102", "entity_type": "enterprise", "industry": "C39", "employees": 30, "revenue": 12e6 }), "2022-06-01");
    let b = benefit(&out, "qinghai-2022/6", "regional-equity-market");
    assert_eq!(b["type"], "service");
    assert!(b["amount"].is_null(), "no amount for a reward policy still to be drawn up: {}", b["amount"]);
    assert_eq!(b["status"], "possible");
    let checks = b["checks"].to_string();
    assert!(checks.contains("奖励政策") && checks.contains("制定"), "the check names the pending reward policy: {checks}");
}

/// qinghai-2022/20: the 民营企业骨干人才培育工程 names its own group (rule 3), so it is offered to a
/// private enterprise of any size and not to a state-owned SME; the leading-entrepreneur programme
/// keeps the title's SME scope.
#[test]
fn qinghai_private_enterprise_programme_follows_its_own_group() {
    let large = |private: bool| {
        json!({ "region": "630105", "industry": "C32", "employees": 1200, "revenue": 3e9, "total_assets": 5e9,
                "entity_type": "enterprise", "privately_owned_enterprise": private })
    };
    let out = run(large(true), "2022-06-01");
    assert_eq!(benefit(&out, "qinghai-2022/20", "private-enterprise-staff-training")["status"], "possible");
    assert_eq!(benefit(&out, "qinghai-2022/20", "entrepreneur-training")["status"], "ineligible");
    let out = run(large(false), "2022-06-01");
    assert_eq!(benefit(&out, "qinghai-2022/20", "private-enterprise-staff-training")["status"], "ineligible");
    let small_state_owned = json!({ "region": "630105", "industry": "C32", "employees": 50, "revenue": 3e7,
                                    "entity_type": "enterprise", "privately_owned_enterprise": false });
    let out = run(small_state_owned, "2022-06-01");
    assert_eq!(benefit(&out, "qinghai-2022/20", "private-enterprise-staff-training")["status"], "ineligible");
    assert_eq!(benefit(&out, "qinghai-2022/20", "entrepreneur-training")["status"], "possible");
}

/// fujian-xiamen/3 and /26: an interest subsidy on a loan that a bank still has to grant carries the
/// bank check (rule 4), like the loans and guarantees of the same file.
#[test]
fn fujian_interest_subsidies_on_loans_a_bank_grants_carry_the_bank_check() {
    let out = run(json!({ "region": "350203", "industry": "C39", "employees": 30, "revenue": 12e6, "total_assets": 8e6,
                          "entity_type": "enterprise", "provincial_key_tech_renovation_loan": true }), "2025-06-01");
    for (m, id) in [("fujian-xiamen/3", "tech-renovation-loan-interest"), ("fujian-xiamen/26", "small-loan-interest")] {
        let b = benefit(&out, m, id);
        assert_eq!(b["checks"][0]["zh"], BANK_ZH, "{m} {id}");
        assert_eq!(b["status"], "possible", "{m} {id}");
    }
}

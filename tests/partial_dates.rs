//! A founding date known to its year (or year and month) only: three-valued evaluation
//! decides every condition that all the days it may be answer alike (成立3年内 for a
//! company founded in 2023, judged in mid-2025) and leaves the others unknown, asking for
//! the month only then.

use policy_matcher::{builtin, match_profile, Date, Input};
use serde_json::{json, Value};

const MEASURE: &str = "fujian-xiamen/31"; // established >= as_of - 3 years, among others

fn run(established: &str) -> Value {
    let cat = builtin().unwrap();
    let profile = json!({
        "region": "350206", "entity_type": "enterprise", "industry": "C398", "employees": 30,
        "revenue": 5000000, "hires_with_1y_contract_6m_insurance": true, "established": established,
    });
    serde_json::to_value(match_profile(cat, &Input::from(&profile), Some("2025-06-01"), Date::parse("2025-06-01").unwrap())).unwrap()
}

fn verdict_on_established(out: &Value) -> Option<String> {
    let m = out["results"].as_array()?.iter().find(|r| r["id"] == MEASURE)?;
    let b = m["benefits"].as_array()?.iter().find(|b| b["reasons"].as_array().is_some_and(|r| r.iter().any(|x| x["attribute"] == "established")))?;
    let r = b["reasons"].as_array()?.iter().find(|x| x["attribute"] == "established")?;
    r["verdict"].as_str().map(str::to_string)
}

#[test]
fn a_year_decides_most_founding_conditions() {
    // as_of 2025-06-01 - 3 years = 2022-06-01.
    for (established, verdict) in [("2023", "met"), ("2023-03", "met"), ("2020", "not_met"), ("2022-05", "not_met"), ("2022", "unknown"), ("2022-06", "met"), ("2023-03-15", "met")] {
        let out = run(established);
        assert!(out["errors"].as_array().unwrap().is_empty(), "{established}: {:?}", out["errors"]);
        assert_eq!(verdict_on_established(&out).as_deref(), Some(verdict), "{established}");
    }
    // Undecided by the year alone: the founding date is still asked for.
    let out = run("2022");
    let m = out["results"].as_array().unwrap().iter().find(|r| r["id"] == MEASURE).unwrap();
    assert!(m["missing"].as_array().unwrap().iter().any(|f| f == "established"), "{:?}", m["missing"]);
    assert!(!run("2023")["results"].as_array().unwrap().iter().find(|r| r["id"] == MEASURE).unwrap()["missing"]
        .as_array().unwrap().iter().any(|f| f == "established"));
}

#[test]
fn partial_dates_are_checked() {
    for bad in ["20", "2023-13", "2023-1", "202a", "2023-02-30", "2023-"] {
        let out = run(bad);
        assert_eq!(out["errors"][0]["code"], "invalid_date", "{bad}");
    }
    let out = run("2022");
    let m = out["results"].as_array().unwrap().iter().find(|r| r["id"] == MEASURE).unwrap();
    let given = m["benefits"][0]["reasons"].as_array().unwrap().iter().find(|x| x["attribute"] == "established").and_then(|r| r["given"]["zh"].as_str().map(str::to_string));
    assert!(given.is_some_and(|g| g.contains("2022")), "the year is shown as given");
}

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

fn run_at(established: &str, as_of: &str) -> Value {
    let cat = builtin().unwrap();
    let profile = json!({
        "region": "350206", "entity_type": "enterprise", "industry": "C398", "employees": 30,
        "revenue": 5000000, "hires_with_1y_contract_6m_insurance": true, "established": established,
    });
    serde_json::to_value(match_profile(cat, &Input::from(&profile), Some(as_of), Date::parse(as_of).unwrap())).unwrap()
}

/// The founding date among the next questions: (settles, refine).
fn asked_again(out: &Value) -> Option<(u64, Option<String>)> {
    let q = out["next_questions"].as_array()?.iter().find(|q| q["field"] == "established")?;
    Some((q["settles"].as_u64()?, q["refine"].as_str().map(str::to_string)))
}

#[test]
fn the_month_is_asked_only_when_the_year_does_not_decide() {
    // The catalogue's 成立3年内 condition (established >= as_of - 3 years) on MEASURE.
    assert!(include_str!("../catalogue/fujian-xiamen.toml").contains("established >= as_of - 3 years"), "the catalogue keeps its 成立3年内 condition");
    // Judged on 2025-06-01 the limit is 2022-06-01: the year 2022 does not decide, the month does.
    let out = run_at("2022", "2025-06-01");
    assert_eq!(verdict_on_established(&out).as_deref(), Some("unknown"));
    let (settles, refine) = asked_again(&out).expect("the founding date is asked again");
    assert_eq!(refine.as_deref(), Some("month"));
    assert!(settles >= 1, "the month settles {MEASURE}");
    // The month given: decided, not asked again.
    for month in ["2022-05", "2022-07"] {
        assert_eq!(asked_again(&run_at(month, "2025-06-01")), None, "{month}");
    }
    // A year on either side of the limit decides; no month is asked.
    for year in ["2021", "2023"] {
        let out = run_at(year, "2025-06-01");
        assert_ne!(verdict_on_established(&out).as_deref(), Some("unknown"), "{year}");
        assert_eq!(asked_again(&out), None, "{year}");
    }
    // The same year judged on 2025-01-01 (limit 2022-01-01): every day of 2022 is within 3 years.
    let out = run_at("2022", "2025-01-01");
    assert_eq!(verdict_on_established(&out).as_deref(), Some("met"));
    assert_eq!(asked_again(&out), None);
    // Judged mid-month (limit 2022-06-15), a year and month may still leave the day open.
    let out = run_at("2022-06", "2025-06-15");
    assert_eq!(asked_again(&out).and_then(|q| q.1).as_deref(), Some("day"));
    // A full date is never refined.
    assert_eq!(asked_again(&run_at("2022-06-01", "2025-06-01")), None);
}

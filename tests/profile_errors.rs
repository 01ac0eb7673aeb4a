//! Invalid profiles never panic: each yields errors with a stable code, the field, and
//! a message in Chinese and English, and matching goes on with the valid answers.
mod common;

use policy_matcher::{builtin, match_profile, Date, Input};
use serde_json::Value;

fn cases() -> Vec<Value> {
    let text = include_str!("fixtures/invalid/profiles.json");
    serde_json::from_str(text).unwrap()
}

#[test]
fn every_invalid_profile_gives_its_errors_and_still_matches() {
    let cat = builtin().unwrap();
    let today = Date::parse("2025-01-01").unwrap();
    let mut failures = Vec::new();
    for case in cases() {
        let out = serde_json::to_value(match_profile(cat, &Input::from(&case["profile"]), case["as_of"].as_str(), today)).unwrap();
        for m in common::mismatches(&out, &case["expect"]) {
            failures.push(format!("{}: {m}", case["name"]));
        }
        assert_eq!(out["results"].as_array().unwrap().len(), cat.articles.len());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn nan_and_infinity_are_errors() {
    let cat = builtin().unwrap();
    let today = Date::parse("2025-01-01").unwrap();
    for (field, v) in [("revenue", f64::NAN), ("employees", f64::INFINITY)] {
        let input = Input::Object(vec![(field.to_string(), Input::Number(v))]);
        let out = match_profile(cat, &input, None, today);
        assert_eq!(out.errors.len(), 1);
        assert_eq!(out.errors[0].code.as_str(), "not_a_number");
        assert_eq!(out.errors[0].field, field);
    }
}

#[test]
fn a_valid_answer_beside_an_invalid_one_is_still_used() {
    let cat = builtin().unwrap();
    let today = Date::parse("2025-01-01").unwrap();
    let input = Input::from(&serde_json::json!({ "industry": "C39", "employees": 10, "revenue": "many" }));
    let out = match_profile(cat, &input, None, today);
    assert_eq!(out.derived.size.value, "micro", "10 employees in industry settle 微型 even without revenue");
}

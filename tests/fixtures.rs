//! Data-driven tests: every fixture profile gives the results its file expects.
mod common;

use policy_matcher::{builtin, match_profile, Date, Input};

#[test]
fn every_fixture_gives_its_expected_results() {
    let cat = builtin().expect("the built-in catalogue validates");
    let today = Date::parse("2026-01-01").unwrap();
    let mut failures = Vec::new();
    for (name, fixture) in common::fixtures() {
        let out = match_profile(cat, &Input::from(&fixture["profile"]), fixture["as_of"].as_str(), today);
        let json = serde_json::to_value(&out).unwrap();
        assert_eq!(json["results"].as_array().unwrap().len(), cat.articles.len(), "{name}: one result per measure");
        for m in common::mismatches(&json, &fixture["expect"]) {
            failures.push(format!("{name}: {m}"));
        }
    }
    assert!(failures.is_empty(), "fixture mismatches:\n{}", failures.join("\n"));
}

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

/// The published JSON Schema lists exactly the questions, and every fixture profile
/// conforms to it (each field known, of the declared type).
#[test]
fn fixture_profiles_conform_to_the_published_json_schema() {
    let cat = builtin().unwrap();
    let schema = policy_matcher::json_schema::profile(&cat.schema);
    let props = schema["properties"].as_object().unwrap();
    assert_eq!(props.len(), cat.schema.attrs.iter().filter(|a| !a.def.derived).count());
    assert!(props.contains_key("qualifications") && !props.contains_key("size"));
    for (name, fixture) in common::fixtures() {
        for (key, value) in fixture["profile"].as_object().unwrap() {
            let p = props.get(key).unwrap_or_else(|| panic!("{name}: {key} not in the schema"));
            let ok = match p.get("type").and_then(|t| t.get(0)).and_then(|t| t.as_str()) {
                Some("string") => value.is_string(),
                Some("integer") => value.is_u64(),
                Some("number") => value.is_number(),
                Some("boolean") => value.is_boolean(),
                Some("array") => value.as_array().unwrap().iter().all(|v| p["items"]["enum"].as_array().unwrap().contains(v)),
                _ => p["enum"].as_array().unwrap().contains(value),
            };
            assert!(ok, "{name}: {key} = {value} does not fit {p}");
        }
    }
}

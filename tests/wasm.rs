//! The wasm boundary under node (wasm-bindgen-test): the shared fixtures give the same
//! results through JS values, bad input never throws, and the module keeps working.
#![cfg(target_arch = "wasm32")]

mod common;

use js_sys::{Reflect, JSON};
use policy_matcher::wasm;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

fn js(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

fn to_json(v: &JsValue) -> serde_json::Value {
    serde_json::from_str(&String::from(JSON::stringify(v).unwrap())).unwrap()
}

fn options(as_of: &str) -> JsValue {
    js(&serde_json::json!({ "as_of": as_of }).to_string())
}

#[wasm_bindgen_test]
fn every_fixture_gives_its_expected_results_through_js() {
    let fixtures: Vec<(String, serde_json::Value)> = serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/fixtures.json"))).unwrap();
    assert!(fixtures.len() >= 10);
    let mut failures = Vec::new();
    for (name, f) in fixtures {
        let out = wasm::match_profile(js(&f["profile"].to_string()), Some(options(f["as_of"].as_str().unwrap())));
        for m in common::mismatches(&to_json(&out), &f["expect"]) {
            failures.push(format!("{name}: {m}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn nan_undefined_and_junk_never_throw_and_the_module_keeps_working() {
    let profile = js(r#"{"employees": 5}"#);
    Reflect::set(&profile, &"revenue".into(), &JsValue::from_f64(f64::NAN)).unwrap();
    Reflect::set(&profile, &"region".into(), &JsValue::UNDEFINED).unwrap();
    let out = to_json(&wasm::match_profile(profile, None));
    assert_eq!(out["errors"][0]["code"], "not_a_number");
    assert_eq!(out["errors"][0]["field"], "revenue");
    assert_eq!(out["errors"].as_array().unwrap().len(), 1, "undefined means unanswered");

    for junk in [JsValue::from_f64(3.0), JsValue::from_str("x"), js("[1]"), js(r#"{"industry": {"a": 1}}"#)] {
        let out = to_json(&wasm::match_profile(junk, Some(js("42"))));
        assert!(!out["errors"].as_array().unwrap().is_empty());
    }
    let bad_date = to_json(&wasm::match_profile(js("{}"), Some(options("yesterday"))));
    assert_eq!(bad_date["errors"][0]["code"], "invalid_as_of");

    let ok = to_json(&wasm::match_profile(js(r#"{"region": "350200", "industry": "C39", "employees": 80, "revenue": 60000000}"#), Some(options("2025-06-01"))));
    assert!(ok["errors"].as_array().unwrap().is_empty());
    assert_eq!(ok["derived"]["size"]["value"], "small");
}

#[wasm_bindgen_test]
fn catalogue_info_measure_and_questions() {
    let info = to_json(&wasm::catalogue_info());
    assert_eq!(info["documents"].as_array().unwrap().len(), 6);
    assert!(info["counts"]["articles"].as_u64().unwrap() >= 130);
    assert_eq!(info["hash"].as_str().unwrap().len(), 16);
    let m = to_json(&wasm::measure("fujian-xiamen/30".into()));
    assert_eq!(m["id"], "fujian-xiamen/30");
    assert!(wasm::measure("nope/1".into()).is_null());
    let q = to_json(&wasm::questions("en".into()));
    assert_eq!(q["lang"], "en");
    assert!(q["steps"].as_array().unwrap().len() >= 5);
}

#[wasm_bindgen_test]
fn load_catalogue_returns_errors_as_data() {
    let out = wasm::load_catalogue(JsValue::from_str("{ not json"));
    let errors = to_json(&Reflect::get(&out, &"errors".into()).unwrap());
    assert_eq!(errors[0]["code"], "catalogue_syntax");
    assert!(Reflect::get(&out, &"catalogue".into()).unwrap().is_null());
    let out = wasm::load_catalogue(JsValue::from_f64(1.0));
    assert!(Reflect::get(&out, &"catalogue".into()).unwrap().is_null());
    // The built-in catalogue still answers afterwards.
    assert!(to_json(&wasm::catalogue_info())["counts"]["articles"].as_u64().unwrap() > 0);
}

#[wasm_bindgen_test]
fn a_result_too_large_for_js_is_an_error_object_not_null() {
    let big = serde_json::json!({ "text": "x".repeat(1000) });
    let out = wasm::to_js_within(&big, 100);
    let out = to_json(&out);
    assert_eq!(out["errors"][0]["code"], "too_large");
    assert!(out["errors"][0]["message_en"].as_str().unwrap().contains("too large to hand to JavaScript"));
    let fine = to_json(&wasm::to_js_within(&big, 2000));
    assert_eq!(fine["text"].as_str().unwrap().len(), 1000);
}

#[wasm_bindgen_test]
fn non_string_arguments_are_checked_not_trapped() {
    assert!(wasm::measure(JsValue::from_f64(123.0)).is_null());
    assert!(wasm::measure(JsValue::UNDEFINED).is_null());
    assert_eq!(to_json(&wasm::questions(JsValue::from_f64(42.0)))["lang"], "zh-CN");
    assert_eq!(to_json(&wasm::questions(JsValue::NULL))["lang"], "zh-CN");
    let out = to_json(&wasm::match_profile(JsValue::from_f64(1.0), Some(js(r#"{"as_of": 20250601}"#))));
    let codes: Vec<&str> = out["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["not_an_object", "invalid_as_of"]);
}

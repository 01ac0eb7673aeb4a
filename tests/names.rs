//! Names, not codes: region and industry search through the CLI (the same JSON the wasm
//! `searchRegions` / `searchIndustries` return), and region codes checked to their city
//! and county digits when a profile is read.

use policy_matcher::{builtin, match_profile, Date, Input};
use serde_json::{json, Value};
use std::process::Command;

fn cli(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_policy-matcher")).args(args).output().expect("the CLI runs");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn first_code(v: &Value) -> &str {
    v["hits"][0]["code"].as_str().unwrap_or("")
}

#[test]
fn the_cli_finds_regions_by_name_pinyin_and_code() {
    for q in ["厦门", "厦门市"] {
        let v = cli(&["region", q]);
        assert_eq!(v["hits"][0]["label"], "福建省厦门市 350200", "{q}");
    }
    for q in ["湖里区", "厦门市湖里区", "湖里", "350206"] {
        let v = cli(&["region", q]);
        assert_eq!(v["hits"][0]["label"], "福建省厦门市湖里区 350206", "{q}");
    }
    let v = cli(&["region", "--en", "Huli"]);
    assert_eq!(v["hits"][0]["label"], "Huli District, Xiamen, Fujian 350206");
    let v = cli(&["region", "--en", "Huli", "Xiamen"]);
    assert_eq!(first_code(&v), "350206", "words after --en are one query");
    let v = cli(&["region", "--en", "Xiamen"]);
    assert_eq!(v["hits"][0]["label"], "Xiamen, Fujian 350200");
    let v = cli(&["region", "nowhere"]);
    assert_eq!(v["hits"].as_array().map(Vec::len), Some(0));
    assert!(v["note"].as_str().is_some_and(|n| n.contains("6位")));
}

#[test]
fn the_cli_finds_industries_by_words() {
    let v = cli(&["industry", "电子元件"]);
    assert_eq!(first_code(&v), "C398");
    assert_eq!(v["hits"][0]["path"], "C 制造业 › C39 计算机、通信和其他电子设备制造业 › C398 电子元件及电子专用材料制造");
    assert!(v["hits"][0]["size"].as_str().unwrap().contains("工业"));
    let v = cli(&["industry", "民宿"]);
    assert_eq!((first_code(&v), v["hits"][0]["via"].as_str()), ("H6130", Some("民宿")));
    let v = cli(&["industry", "--en", "milk", "tea"]);
    assert_eq!(first_code(&v), "H6239");
    assert!(v["note"].as_str().is_some_and(|n| n.contains("in Chinese")));
}

#[test]
fn region_codes_are_checked_to_their_city_and_county() {
    let cat = builtin().unwrap();
    let today = Date::parse("2025-01-01").unwrap();
    let errors = |region: &str| -> Vec<String> {
        let out = match_profile(cat, &Input::from(&json!({ "region": region })), None, today);
        out.errors.iter().map(|e| e.code.as_str().to_string()).collect()
    };
    // A district of Xiamen, a district of Beijing (counties outside the five provinces are
    // not listed, so only their city is checked), a city, a province.
    for ok in ["350206", "110105", "511100", "350000"] {
        assert!(errors(ok).is_empty(), "{ok}: {:?}", errors(ok));
    }
    // No district 99 in Xiamen; no city 99 in Fujian; a development zone the statistics
    // number 430371 is not a division; no province 99.
    for bad in ["350299", "359900", "430371", "990000"] {
        assert_eq!(errors(bad), ["unknown_region"], "{bad}");
    }
}

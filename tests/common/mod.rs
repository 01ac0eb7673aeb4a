//! The fixture format shared by the native tests, the wasm tests and (in JS) the
//! browser tests: `tests/fixtures/*.json`, each a profile with the results expected.
#![allow(dead_code)]

use serde_json::Value;

/// Every fixture file: (file name, parsed JSON). Native only; wasm tests embed theirs.
#[cfg(not(target_arch = "wasm32"))]
pub fn fixtures() -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
        .expect("tests/fixtures exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).expect("readable fixture");
            (e.file_name().to_string_lossy().into_owned(), serde_json::from_str(&text).expect("fixture is JSON"))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 10, "expected the shared fixtures, found {}", out.len());
    out
}

/// Compares a `matchProfile` output with a fixture's `expect`; returns every mismatch.
pub fn mismatches(output: &Value, expect: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let status_of = |id: &str| -> Option<String> {
        output["results"].as_array()?.iter().find(|r| r["id"] == id).map(|r| r["status"].as_str().unwrap_or("").to_string())
    };
    for status in ["eligible", "possible", "ineligible", "task"] {
        for id in expect[status].as_array().into_iter().flatten() {
            let id = id.as_str().unwrap_or("");
            match status_of(id) {
                Some(s) if s == status => {}
                Some(s) => out.push(format!("{id}: expected {status}, got {s}")),
                None => out.push(format!("{id}: no such measure")),
            }
        }
    }
    // Where each measure is shown (`standing`): { "fits": [ids], "lapsed": [ids], … }.
    if let Some(standings) = expect["standing"].as_object() {
        for (standing, ids) in standings {
            for id in ids.as_array().into_iter().flatten() {
                let got = output["results"].as_array().and_then(|rs| rs.iter().find(|r| &r["id"] == id)).map(|r| r["standing"].clone());
                match got {
                    Some(g) if g == standing.as_str() => {}
                    other => out.push(format!("{id}: expected standing {standing}, got {other:?}")),
                }
            }
        }
    }
    // A measure's estimate: [low, high] in yuan, or null (then `estimate_needs` may be
    // given as { "id": { "needs": [...] } }).
    if let Some(estimates) = expect["estimates"].as_object() {
        for (id, want) in estimates {
            let Some(r) = output["results"].as_array().and_then(|rs| rs.iter().find(|r| r["id"] == id.as_str())) else {
                out.push(format!("{id}: no such measure"));
                continue;
            };
            let got = &r["estimate"];
            let same = match (want.as_array(), got.is_null()) {
                (Some(w), false) => w.len() == 2 && w[0].as_f64() == got["low"].as_f64() && w[1].as_f64() == got["high"].as_f64(),
                (None, true) => want.get("needs").is_none_or(|n| n == &r["estimate_needs"]),
                _ => false,
            };
            if !same {
                out.push(format!("{id}: expected estimate {want}, got {got} (needs {})", r["estimate_needs"]));
            }
        }
    }
    // The summary: counts per standing (those given), the estimate over what fits, and
    // how many questions are open.
    let summary = &expect["summary"];
    for (key, want) in summary["counts"].as_object().into_iter().flatten() {
        if &output["summary"]["counts"][key] != want {
            out.push(format!("summary.counts.{key}: expected {want}, got {}", output["summary"]["counts"][key]));
        }
    }
    for (key, want) in summary["estimate"].as_object().into_iter().flatten() {
        if output["summary"]["estimate"][key].as_f64() != want.as_f64() {
            out.push(format!("summary.estimate.{key}: expected {want}, got {}", output["summary"]["estimate"][key]));
        }
    }
    for key in ["to_apply", "promises", "might_fit_answers", "might_fit_review"] {
        if let Some(n) = summary[key].as_u64() {
            if output["summary"][key].as_u64() != Some(n) {
                out.push(format!("summary.{key}: expected {n}, got {}", output["summary"][key]));
            }
        }
    }
    if let Some(n) = summary["open_questions"].as_u64() {
        let got = output["summary"]["open_questions"].as_array().map_or(0, |a| a.len() as u64);
        if got != n {
            out.push(format!("summary.open_questions: expected {n}, got {got}"));
        }
    }
    if let Some(past) = summary["past_sentence"].as_bool() {
        if output["summary"]["past_sentence"].is_null() == past {
            out.push(format!("summary.past_sentence: expected {}", if past { "one" } else { "none" }));
        }
    }
    if let Some(size) = expect["size"].as_str() {
        let got = &output["derived"]["size"]["value"];
        if got != size {
            out.push(format!("size: expected {size}, got {got}"));
        }
    }
    if let Some(slp) = expect.get("small_low_profit") {
        if &output["derived"]["small_low_profit"]["value"] != slp {
            out.push(format!("small_low_profit: expected {slp}, got {}", output["derived"]["small_low_profit"]["value"]));
        }
    }
    let codes: Vec<(String, String)> = output["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| (e["code"].as_str().unwrap_or("").to_string(), e["field"].as_str().unwrap_or("").to_string()))
        .collect();
    match expect["errors"].as_array() {
        Some(want) => {
            let want: Vec<(String, String)> = want.iter().map(|e| (e["code"].as_str().unwrap_or("").to_string(), e["field"].as_str().unwrap_or("").to_string())).collect();
            if want != codes {
                out.push(format!("errors: expected {want:?}, got {codes:?}"));
            }
        }
        None if !codes.is_empty() => out.push(format!("unexpected errors: {codes:?}")),
        None => {}
    }
    for e in output["errors"].as_array().into_iter().flatten() {
        if e["message"].as_str().unwrap_or("").is_empty() || e["message_en"].as_str().unwrap_or("").is_empty() {
            out.push(format!("error without a message in both languages: {e}"));
        }
    }
    out
}

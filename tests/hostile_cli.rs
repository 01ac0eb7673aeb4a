//! The hostile profile fixtures (tests/fixtures/hostile/*.profile.json, raw JSON text:
//! a BOM, `1e400`, nesting past the limit, too many keys, …) through the CLI's reader,
//! and through the CLI itself: each gives exactly the errors listed in expected.json
//! (tests/node/hostile.test.mjs checks that the wasm package gives the same output).

use policy_matcher::{builtin, json_input, match_profile, Date};
use std::collections::BTreeMap;
use std::path::Path;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");

fn expected() -> BTreeMap<String, Vec<(String, String)>> {
    serde_json::from_str(&std::fs::read_to_string(Path::new(DIR).join("expected.json")).unwrap()).unwrap()
}

#[test]
fn every_hostile_fixture_gives_its_errors_and_only_those() {
    let cat = builtin().unwrap();
    let today = Date::parse("2025-06-01").unwrap();
    let expected = expected();
    let mut seen = 0;
    for entry in std::fs::read_dir(DIR).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".profile.json") else { continue };
        seen += 1;
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let input = json_input::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let out = match_profile(cat, &input, None, today);
        let got: Vec<(String, String)> = out.errors.iter().map(|e| (e.code.as_str().to_string(), e.field.clone())).collect();
        assert_eq!(Some(&got), expected.get(stem), "{name}");
        for e in &out.errors {
            assert!(!e.message.is_empty() && !e.message_en.is_empty(), "{name}: {e}");
        }
    }
    assert_eq!(seen, expected.len());
}

#[test]
fn the_cli_reads_them_alike() {
    let bin = env!("CARGO_BIN_EXE_policy-matcher");
    for name in ["bom", "infinite-numbers", "nesting-10000", "too-many-keys"] {
        let path = Path::new(DIR).join(format!("{name}.profile.json"));
        let out = std::process::Command::new(bin).args(["match", "--as-of", "2025-06-01"]).arg(&path).output().unwrap();
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let got: Vec<(String, String)> = v["errors"].as_array().unwrap().iter().map(|e| (e["code"].as_str().unwrap().to_string(), e["field"].as_str().unwrap().to_string())).collect();
        assert_eq!(Some(&got), expected().get(name), "{name}");
    }
    // Nesting of a million levels is read without overflowing the stack.
    let deep = format!("{{\"industry\": {}{}}}", "[".repeat(1_000_000), "]".repeat(1_000_000));
    let mut child = std::process::Command::new(bin).args(["match", "-"]).stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn().unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), deep.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"code\":\"too_large\",\"field\":\"industry\""));
    // What is not JSON still is not.
    let mut child = std::process::Command::new(bin).args(["match", "-"]).stdin(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), b"{\"employees\": 5,}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not JSON"));
}

//! Bundles catalogue/*.toml into one JSON document that the library embeds. Only the
//! syntax is read here; `policy-matcher check` and the tests validate the content with
//! file and line. A file that does not parse is left out and named in `build_errors`,
//! so that one broken file never stops the build of the checker that reports it.

use std::fs;
use std::path::Path;

fn main() {
    let dir = Path::new("catalogue");
    println!("cargo:rerun-if-changed=catalogue");
    let mut build_errors = Vec::new();
    let mut read = |path: &Path| -> Option<serde_json::Value> {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(path).map_err(|e| e.to_string());
        match text.and_then(|t| toml::from_str::<serde_json::Value>(&t).map_err(|e| e.to_string())) {
            Ok(v) => Some(v),
            Err(e) => {
                let msg = format!("{}: {}", path.display(), e.replace('\n', " "));
                println!("cargo:warning={msg}");
                build_errors.push(msg);
                None
            }
        }
    };
    let attributes = read(&dir.join("attributes.toml"));
    let mut files: Vec<_> = fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "toml") && !p.ends_with("attributes.toml"));
    files.sort();
    let documents: Vec<serde_json::Value> = files.iter().filter_map(|p| read(p)).collect();
    let bundle = serde_json::json!({ "attributes": attributes, "documents": documents, "build_errors": build_errors });
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalogue.json");
    fs::write(out, serde_json::to_string(&bundle).expect("JSON values serialize")).expect("OUT_DIR is writable");
    bundle_fixtures();
}

/// The shared test fixtures as one JSON array `[[name, fixture], …]`, for the wasm tests,
/// which cannot read files.
fn bundle_fixtures() {
    let dir = Path::new("tests/fixtures");
    println!("cargo:rerun-if-changed=tests/fixtures");
    let mut files: Vec<_> = fs::read_dir(dir).map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    let all: Vec<serde_json::Value> = files
        .iter()
        .filter_map(|p| {
            let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(p).ok()?).ok()?;
            Some(serde_json::json!([p.file_name()?.to_string_lossy(), v]))
        })
        .collect();
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("fixtures.json");
    fs::write(out, serde_json::Value::Array(all).to_string()).expect("OUT_DIR is writable");
}

//! Benchmark and budget: decisions for the whole catalogue per profile, natively.
//! `cargo bench --bench decide` prints profiles per second and fails when below the
//! budget (BUDGET_PROFILES_PER_SEC, default 1,000,000).
use policy_matcher::{builtin, matcher, Date, Input};
use std::time::Instant;

fn main() {
    let cat = builtin().expect("catalogue validates");
    let as_of = Date::parse("2025-06-01").unwrap();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut facts = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten().filter(|e| e.path().extension().is_some_and(|x| x == "json")) {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap();
        facts.push(matcher::facts(cat, &Input::from(&v["profile"])).0);
    }
    let mut out = Vec::with_capacity(cat.articles.len());
    let mut scratch = Default::default();
    let mut sink = 0usize;
    // Warm up, then time.
    for f in facts.iter().cycle().take(10_000) {
        matcher::decide(cat, f, as_of, &mut scratch, &mut out);
    }
    // Under `cargo test --all-targets` (no --bench flag) this is only a smoke run.
    let n = if std::env::args().any(|a| a == "--bench") { 2_000_000 } else { 1_000 };
    let start = Instant::now();
    for f in facts.iter().cycle().take(n) {
        matcher::decide(cat, f, as_of, &mut scratch, &mut out);
        sink += out.len();
    }
    let secs = start.elapsed().as_secs_f64();
    let rate = n as f64 / secs;
    let budget: f64 = std::env::var("BUDGET_PROFILES_PER_SEC").ok().and_then(|s| s.parse().ok()).unwrap_or(1_000_000.0);
    if n < 1_000_000 {
        println!("decide: smoke run under cargo test ({n} profiles, no budget; run `cargo bench --bench decide` to measure)");
        return;
    }
    println!("decide: {} measures, {} benefits; {:.0} profiles/s ({:.3} µs per profile) [budget ≥ {budget:.0}] ({sink})", cat.articles.len(), cat.articles.iter().map(|a| a.benefits.len()).sum::<usize>(), rate, 1e6 / rate);
    if rate < budget {
        eprintln!("decide: below budget");
        std::process::exit(1);
    }
}

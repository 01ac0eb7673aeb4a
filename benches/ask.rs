//! Benchmark: what ranking the next questions costs per `matchProfile`, natively.
//! `cargo bench --bench ask` prints, over the fixture profiles and over the same
//! profiles cut down to their region (the start of a visit, where the most questions
//! are open), the full `match_profile` time and the ranking's share of it.
use policy_matcher::result::{ranking, Standing};
use policy_matcher::{builtin, matcher, Catalogue, Date, Input};
use std::time::Instant;

fn time(n: usize, mut f: impl FnMut()) -> f64 {
    for _ in 0..n.min(20) {
        f();
    }
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    start.elapsed().as_secs_f64() / n as f64 * 1e6
}

/// Ranking alone for one profile, µs.
fn rank_only(cat: &Catalogue, input: &Input, as_of: Date, n: usize) -> f64 {
    let out = cat.match_profile(input, as_of);
    let (facts, _, _) = matcher::facts(cat, input);
    let open: Vec<ranking::OpenMeasure> = out
        .results
        .iter()
        .filter(|r| r.standing == Standing::MightFit && !r.missing.is_empty())
        .map(|r| ranking::OpenMeasure { article: cat.articles.iter().position(|a| a.id == r.id).unwrap(), weight: ranking::weight(r.group, r.estimate.as_ref().map(|e| e.high)), missing: &r.missing })
        .collect();
    time(n, || {
        std::hint::black_box(ranking::rank(cat, &facts, as_of, &open, &[]));
    })
}

fn main() {
    let cat = builtin().expect("catalogue validates");
    let bench = std::env::args().any(|a| a == "--bench");
    let n = if bench { 300 } else { 2 };
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut cases: Vec<(String, Date, serde_json::Value)> = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten().filter(|e| e.path().extension().is_some_and(|x| x == "json")) {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap();
        let as_of = Date::parse(v["as_of"].as_str().unwrap_or("2025-06-01")).unwrap();
        cases.push((e.file_name().to_string_lossy().into_owned(), as_of, v["profile"].clone()));
    }
    cases.sort_by(|a, b| a.0.cmp(&b.0));
    for (label, cut) in [("full fixture profiles", false), ("region only (a visit's start)", true)] {
        let (mut whole, mut rank, mut worst) = (0.0, 0.0, 0.0f64);
        for (_, as_of, p) in &cases {
            let p = if cut { serde_json::json!({ "region": p["region"] }) } else { p.clone() };
            let input = Input::from(&p);
            let w = time(n, || {
                std::hint::black_box(cat.match_profile(&input, *as_of));
            });
            let r = rank_only(cat, &input, *as_of, n);
            whole += w;
            rank += r;
            worst = worst.max(r);
        }
        let k = cases.len() as f64;
        if bench {
            println!("ask, {label}: matchProfile {:.0} µs per profile, of which ranking {:.0} µs (worst {:.0} µs)", whole / k, rank / k, worst);
        }
    }
    if !bench {
        println!("ask: smoke run under cargo test (run `cargo bench --bench ask` to measure)");
    }
}

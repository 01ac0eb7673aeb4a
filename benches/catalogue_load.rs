//! Benchmark: loading (parsing, validating, compiling) a site catalogue, per MB, for
//! generated catalogues of 0.1 to 10 MB. `cargo bench --bench catalogue_load` prints
//! the time per MB for each size; it should stay flat (validation is linear).
//! `BENCH_MAX_MB` caps the sizes tried (default 10).
#[path = "../tests/support/site_gen.rs"]
mod site_gen;

use std::time::Instant;

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let max_mb: f64 = std::env::var("BENCH_MAX_MB").ok().and_then(|s| s.parse().ok()).unwrap_or(10.0);
    let sizes: &[f64] = if bench { &[0.1, 0.3, 1.0, 3.0, 10.0] } else { &[0.1] };
    for &mb in sizes.iter().filter(|&&mb| mb <= max_mb) {
        let json = site_gen::site((mb * 1e6) as usize);
        let actual = json.len() as f64 / 1e6;
        let runs = if mb < 1.0 { 5 } else { 1 };
        let mut best = f64::MAX;
        for _ in 0..runs {
            let start = Instant::now();
            let cat = policy_matcher::load_catalogue(&json);
            best = best.min(start.elapsed().as_secs_f64());
            if let Err(e) = cat {
                eprintln!("catalogue_load: the generated catalogue does not load: {}", e[0]);
                std::process::exit(1);
            }
        }
        println!("catalogue_load: {actual:6.2} MB in {:8.1} ms = {:7.1} ms per MB", best * 1e3, best * 1e3 / actual);
    }
    if !bench {
        println!("catalogue_load: smoke run under cargo test (run `cargo bench --bench catalogue_load` to measure)");
    }
}

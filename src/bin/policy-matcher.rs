//! The native command line over the same core as the wasm package.
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("source") if args.len() >= 2 => {
            let key = &args[1];
            let path = args.get(2).cloned().unwrap_or_else(|| format!("catalogue/sources/{key}.txt"));
            let raw = match std::fs::read_to_string(&path) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("{path}: {e}");
                    return ExitCode::from(2);
                }
            };
            let cleaned = policy_matcher::sources::clean(key, &raw);
            let arts = policy_matcher::sources::articles(key, &cleaned);
            if arts.is_empty() {
                println!("{cleaned}");
            } else {
                println!("{}", serde_json::to_string_pretty(&arts).unwrap());
            }
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: policy-matcher source KEY [FILE]");
            ExitCode::from(2)
        }
    }
}

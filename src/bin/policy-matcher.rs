//! The native command line, over the same core as the wasm package.
//!
//! ```text
//! policy-matcher match [--as-of YYYY-MM-DD] FILE|-   match a profile (JSON) → JSON
//! policy-matcher check [DIR]                         validate catalogue/ (file:line errors)
//! policy-matcher info | measure ID | questions [LANG] | schema
//! policy-matcher source KEY [FILE]                   a source document, cleaned and cut into articles
//! policy-matcher bundle FILE.toml...                 document files → a site catalogue JSON for loadCatalogue
//! policy-matcher region [--en] QUERY...              regions by name, pinyin or code → JSON
//! policy-matcher industry [--en] QUERY...            industries by words or code → JSON
//! ```
#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use policy_matcher::{builtin, sources, source_files, Date};
    use std::io::Read;
    use std::process::ExitCode;

    const USAGE: &str = "usage: policy-matcher match [--as-of YYYY-MM-DD] FILE|-
           policy-matcher check [DIR]
           policy-matcher info
           policy-matcher measure ID
           policy-matcher questions [zh-CN|en]
       policy-matcher schema
           policy-matcher source KEY [FILE]
       policy-matcher bundle FILE.toml...
           policy-matcher region [--en] QUERY...
           policy-matcher industry [--en] QUERY...";

    fn today() -> Date {
        let ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0.0, |d| d.as_millis() as f64);
        Date::from_unix_millis(ms)
    }

    fn print<T: serde::Serialize>(v: &T) -> ExitCode {
        match serde_json::to_string(v) {
            Ok(s) => {
                println!("{s}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e.to_string()),
        }
    }

    fn fail(msg: &str) -> ExitCode {
        eprintln!("policy-matcher: {msg}");
        ExitCode::from(2)
    }

    fn catalogue() -> Result<&'static policy_matcher::Catalogue, ExitCode> {
        builtin().map_err(|errors| {
            for e in errors {
                eprintln!("{e}");
            }
            fail("the built-in catalogue does not validate; run `policy-matcher check`")
        })
    }

    fn run(args: &[String]) -> Result<ExitCode, ExitCode> {
        match args.first().map(String::as_str) {
            Some("match") => {
                let mut as_of = None;
                let mut file = None;
                let mut it = args[1..].iter();
                while let Some(a) = it.next() {
                    match a.as_str() {
                        "--as-of" => as_of = Some(it.next().ok_or_else(|| fail("--as-of needs a date"))?.clone()),
                        _ if file.is_none() => file = Some(a.clone()),
                        _ => return Err(fail(USAGE)),
                    }
                }
                let file = file.ok_or_else(|| fail(USAGE))?;
                let mut text = String::new();
                if file == "-" {
                    std::io::stdin().read_to_string(&mut text).map_err(|e| fail(&e.to_string()))?;
                } else {
                    text = std::fs::read_to_string(&file).map_err(|e| fail(&format!("{file}: {e}")))?;
                }
                // The same limits and field errors as the wasm package (a BOM ignored,
                // `1e400` infinite, deep nesting and long arrays `too_large`).
                let input = policy_matcher::json_input::parse(&text).map_err(|e| fail(&format!("{file}: not JSON: {e}")))?;
                Ok(print(&policy_matcher::match_profile(catalogue()?, &input, as_of.as_deref(), today())))
            }
            Some("check") => {
                let dir = args.get(1).map_or("catalogue", String::as_str);
                let result = source_files::read_dir(std::path::Path::new(dir)).and_then(|s| s.check());
                match result {
                    Ok(cat) => {
                        let info = cat.info();
                        println!("ok: {} documents, {} articles ({} tasks), {} benefits, {} attributes; hash {}", info.documents.len(), info.counts.articles, info.counts.tasks, info.counts.benefits, info.counts.attributes, info.hash);
                        Ok(ExitCode::SUCCESS)
                    }
                    Err(errors) => {
                        for e in &errors {
                            println!("{e}");
                        }
                        println!("{} errors", errors.len());
                        Ok(ExitCode::from(1))
                    }
                }
            }
            Some("info") => Ok(print(&catalogue()?.info())),
            Some("schema") => Ok(print(&policy_matcher::json_schema::profile(&catalogue()?.schema))),
            Some("measure") if args.len() == 2 => match catalogue()?.measure(&args[1], today()) {
                Ok(m) => Ok(print(&m)),
                Err(e) => Err(fail(&e.to_string())),
            },
            Some(kind @ ("region" | "industry")) if args.len() >= 2 => {
                let en = args[1] == "--en";
                let query = args[if en { 2 } else { 1 }..].join(" ");
                Ok(if kind == "region" {
                    print(&policy_matcher::names::regions::search(&query, en))
                } else {
                    print(&policy_matcher::names::industries::search(&query, en))
                })
            }
            Some("questions") => Ok(print(&catalogue()?.questions(args.get(1).map_or("zh-CN", String::as_str)))),
            Some("bundle") if args.len() >= 2 => {
                let mut documents = Vec::new();
                for file in &args[1..] {
                    let text = std::fs::read_to_string(file).map_err(|e| fail(&format!("{file}: {e}")))?;
                    documents.push(toml::from_str(&text).map_err(|e| fail(&format!("{file}: {e}")))?);
                }
                let bundle = policy_matcher::model::Bundle { attributes: None, documents, extends: None, build_errors: vec![] };
                let json = serde_json::to_string(&bundle).map_err(|e| fail(&e.to_string()))?;
                if let Err(errors) = policy_matcher::load_catalogue(&json) {
                    for e in &errors {
                        eprintln!("{e}");
                    }
                    return Err(fail("the bundle does not validate"));
                }
                println!("{json}");
                Ok(ExitCode::SUCCESS)
            }
            Some("source") if args.len() >= 2 => {
                let key = &args[1];
                let path = args.get(2).cloned().unwrap_or_else(|| format!("catalogue/sources/{key}.txt"));
                let raw = std::fs::read_to_string(&path).map_err(|e| fail(&format!("{path}: {e}")))?;
                let cleaned = sources::clean(key, &raw);
                let articles = sources::articles(key, &cleaned);
                if articles.is_empty() {
                    println!("{cleaned}");
                    Ok(ExitCode::SUCCESS)
                } else {
                    Ok(print(&articles))
                }
            }
            _ => Err(fail(USAGE)),
        }
    }

    pub fn main() -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        run(&args).unwrap_or_else(|code| code)
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// The CLI is native only; a wasm build of the crate's targets gets an empty one.
#[cfg(target_arch = "wasm32")]
fn main() {}

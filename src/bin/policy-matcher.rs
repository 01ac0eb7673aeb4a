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
//! policy-matcher batch [options] INPUT|- [-o OUTPUT]   match a register (CSV, JSON Lines, XLSX) row by row
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
       policy-matcher industry [--en] QUERY...
       policy-matcher batch [--as-of YYYY-MM-DD] [--catalogue FILE.json] [--format jsonl|csv|xlsx]
                            [--by-measure DIR] [--unit yuan|wan] [--input-format csv|jsonl|xlsx]
                            [--region CODE|NAME] [--threads N] INPUT|- [-o OUTPUT]";

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
            Some("batch") => batch(&args[1..]),
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

    /// `policy-matcher batch`: see README "Batch matching".
    fn batch(args: &[String]) -> Result<ExitCode, ExitCode> {
        use policy_matcher::batch::{run, Format, OutFormat};
        use std::io::IsTerminal;
        let (mut as_of, mut catalogue_file, mut format, mut by_measure, mut unit, mut input_format, mut threads, mut input, mut output) =
            (None, None, None, None, None, None, None, None, None);
        let mut region = None;
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let mut value = |name: &str| it.next().cloned().ok_or_else(|| fail(&format!("{name} needs a value\n{USAGE}")));
            match a.as_str() {
                "--as-of" => as_of = Some(value("--as-of")?),
                "--catalogue" => catalogue_file = Some(value("--catalogue")?),
                "--format" => format = Some(OutFormat::parse(&value("--format")?).ok_or_else(|| fail("--format is jsonl, csv or xlsx"))?),
                "--by-measure" => by_measure = Some(value("--by-measure")?),
                "--unit" => unit = Some(value("--unit")?),
                "--region" => region = Some(value("--region")?),
                "--input-format" => {
                    input_format = Some(match value("--input-format")?.as_str() {
                        "csv" => Format::Csv,
                        "jsonl" => Format::Jsonl,
                        "xlsx" => Format::Xlsx,
                        _ => return Err(fail("--input-format is csv, jsonl or xlsx")),
                    })
                }
                "--threads" => threads = Some(value("--threads")?.parse::<usize>().map_err(|_| fail("--threads needs a number"))?),
                "-o" | "--output" => output = Some(value("-o")?),
                _ if input.is_none() && (a == "-" || !a.starts_with('-')) => input = Some(a.clone()),
                _ => return Err(fail(USAGE)),
            }
        }
        let input = input.ok_or_else(|| fail(USAGE))?;
        let cat: &policy_matcher::Catalogue = match &catalogue_file {
            None => catalogue()?,
            Some(f) => {
                let text = std::fs::read_to_string(f).map_err(|e| fail(&format!("{f}: {e}")))?;
                match policy_matcher::load_catalogue(&text) {
                    Ok(c) => Box::leak(Box::new(c)),
                    Err(errors) => {
                        for e in &errors {
                            eprintln!("{f}: {e}");
                        }
                        return Err(fail(&format!("{f}: the catalogue does not validate")));
                    }
                }
            }
        };
        let as_of = match as_of {
            None => today(),
            Some(s) => Date::parse(&s).ok_or_else(|| fail(&format!("--as-of {s}: not a valid YYYY-MM-DD date")))?,
        };
        let mut opts = run::Options::new(as_of);
        opts.scale = match unit.as_deref() {
            None | Some("yuan") => 1.0,
            Some("wan") => 10_000.0,
            Some(u) => return Err(fail(&format!("--unit {u}: use yuan or wan"))),
        };
        if let Some(n) = threads {
            opts.threads = n.max(1);
            opts.in_flight = 4 * opts.threads;
        }
        opts.format = format.or_else(|| output.as_deref().and_then(|o| OutFormat::parse(o.rsplit('.').next().unwrap_or("")))).unwrap_or(OutFormat::Jsonl);
        opts.by_measure = by_measure.map(std::path::PathBuf::from);
        opts.region = region;
        opts.progress = std::io::stderr().is_terminal();
        // The input, and its format: named, by extension, or by its first bytes.
        let (source, format) = if input == "-" {
            let mut stdin = std::io::stdin();
            let mut head = vec![0u8; 8];
            let n = stdin.read(&mut head).map_err(|e| fail(&e.to_string()))?;
            head.truncate(n);
            let format = input_format.unwrap_or_else(|| Format::sniff(&head));
            (run::Source::Stream(Box::new(std::io::Cursor::new(head).chain(stdin))), format)
        } else {
            let mut file = std::fs::File::open(&input).map_err(|e| fail(&format!("{input}: {e}")))?;
            let size = file.metadata().map_or(0, |m| m.len());
            let format = match input_format.or_else(|| Format::from_name(&input)) {
                Some(f) => f,
                None => {
                    let mut head = [0u8; 8];
                    let n = file.read(&mut head).map_err(|e| fail(&format!("{input}: {e}")))?;
                    file = std::fs::File::open(&input).map_err(|e| fail(&format!("{input}: {e}")))?;
                    Format::sniff(&head[..n])
                }
            };
            (run::Source::File(file, size), format)
        };
        let started = std::time::Instant::now();
        let summary = match (opts.format, output) {
            (OutFormat::Xlsx, Some(path)) => run::run(cat, format, source, run::Sink::XlsxFile(path.into()), &opts),
            (OutFormat::Xlsx, None) => return Err(fail("--format xlsx needs -o FILE.xlsx")),
            (_, Some(path)) => {
                let file = std::fs::File::create(&path).map_err(|e| fail(&format!("{path}: {e}")))?;
                let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
                run::run(cat, format, source, run::Sink::Writer(&mut w), &opts)
            }
            (_, None) => {
                let mut w = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
                run::run(cat, format, source, run::Sink::Writer(&mut w), &opts)
            }
        }
        .map_err(|e| fail(&e))?;
        eprintln!("{}", summary.text(started.elapsed().as_secs_f64()));
        Ok(ExitCode::from(summary.exit_code()))
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

//! `policy-matcher batch`: every row's outcome equals `matchProfile` on that row alone;
//! CSV, JSON Lines and XLSX give the same; Chinese headers and units; bad rows reported
//! with their line and column while the rest is processed; push lists equal to matching
//! row by row; the same output for 1 and N threads; the CLI's exit code and summary.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use policy_matcher::batch::run::{self, Options, Sink, Source, Summary};
use policy_matcher::batch::{Format, OutFormat};
use policy_matcher::{builtin, Catalogue, Date, Input};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::PathBuf;

const AS_OF: &str = "2024-06-01";

fn cat() -> &'static Catalogue {
    builtin().expect("the built-in catalogue validates")
}

fn opts() -> Options {
    let mut o = Options::new(Date::parse(AS_OF).unwrap());
    o.threads = 2;
    o.chunk_rows = 5;
    o.in_flight = 3;
    o
}

/// Runs a batch over bytes; returns the output text and the summary.
fn batch(bytes: &[u8], format: Format, opts: &Options) -> (String, Summary) {
    let mut out: Vec<u8> = Vec::new();
    let summary = run::run(cat(), format, Source::Stream(Box::new(Cursor::new(bytes.to_vec()))), Sink::Writer(&mut out), opts).expect("the batch runs");
    (String::from_utf8(out).expect("UTF-8 output"), summary)
}

fn jsonl_rows(text: &str) -> Vec<Value> {
    text.lines().map(|l| serde_json::from_str(l).expect("each output line is JSON")).collect()
}

fn tmp(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Profiles to match: every fixture's, and a grid over regions, industries, sizes,
/// qualifications and a few measure-specific facts (deterministic).
fn profiles() -> Vec<Value> {
    let mut out: Vec<Value> = common::fixtures().into_iter().map(|(_, f)| f["profile"].clone()).collect();
    let regions = ["350203", "460100", "430102", "630102", "440305", "110105", "350000"];
    let industries = ["C39", "I65", "F52", "H61", "C", "K70", "A01"];
    let quals: [&[&str]; 4] = [&[], &["high_tech"], &["specialized_sme", "little_giant"], &["innovative_sme", "tech_sme"]];
    let mut n = 0u64;
    for r in regions {
        for i in industries {
            n += 1;
            let employees = (n * 37) % 900 + 1;
            let mut p = json!({ "region": r, "industry": i, "employees": employees, "revenue": (employees * 350_000) as f64, "total_assets": (employees * 200_000) as f64 });
            let o = p.as_object_mut().unwrap();
            if n % 2 == 0 {
                o.insert("qualifications".into(), json!(quals[(n / 2 % 4) as usize]));
            }
            if n % 3 == 0 {
                o.insert("entity_type".into(), json!(if n % 6 == 0 { "individual_business" } else { "enterprise" }));
                o.insert("established".into(), json!(format!("20{:02}-0{}-15", 10 + n % 14, 1 + n % 9)));
            }
            if n % 5 == 0 {
                o.insert("taxable_income".into(), json!(((n * 91_000) % 5_000_000) as f64 - 500_000.0));
                o.insert("hires_registered_unemployed_youth_16_24".into(), json!(n % 10 == 0));
            }
            out.push(p);
        }
    }
    out
}

/// The built-in catalogue with every benefit's `checks` removed: a benefit that is
/// eligible here but only possible in the real catalogue is held back by its checks
/// alone (a department reviews it: 需主管部门审核).
fn unchecked() -> &'static Catalogue {
    static CAT: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
    CAT.get_or_init(|| {
        fn strip(v: &mut Value) {
            match v {
                Value::Object(m) => {
                    if let Some(c) = m.get_mut("checks") {
                        *c = json!([]);
                    }
                    m.values_mut().for_each(strip);
                }
                Value::Array(a) => a.iter_mut().for_each(strip),
                _ => {}
            }
        }
        let mut v: Value = serde_json::from_str(policy_matcher::BUILTIN_JSON).unwrap();
        strip(&mut v);
        policy_matcher::load_catalogue(&v.to_string()).expect("the catalogue without checks validates")
    })
}

/// Whether an article's document is restricted to a jurisdiction (not national).
fn regional(id: &str) -> bool {
    let a = cat().articles.iter().find(|a| a.id == id).unwrap();
    cat().documents[a.doc].def.jurisdiction != "000000"
}

/// What the batch should say for one profile, from `matchProfile` on it alone; a row
/// without a usable region (none, or one in error) is not `possible` for a measure of a
/// regional document, nor for one whose decision waits on the region (`held_back` counts
/// those); `review`: possible measures with a benefit that holds but whose checks hold it
/// back (status possible, nothing missing, checks given).
fn expected(profile: &Value) -> Value {
    let out = policy_matcher::match_profile(cat(), &Input::from(profile), Some(AS_OF), Date::parse(AS_OF).unwrap());
    let out = serde_json::to_value(&out).unwrap();
    let order = |id: &str| cat().articles.iter().position(|a| a.id == id).unwrap();
    let mut results: Vec<&Value> = out["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "benefit" && matches!(r["validity"]["status"].as_str(), Some("current" | "unknown")))
        .collect();
    results.sort_by_key(|r| order(r["id"].as_str().unwrap()));
    let eligible: Vec<Value> = results.iter().filter(|r| r["status"] == "eligible").map(|r| r["id"].clone()).collect();
    let errors: Vec<Value> = out["errors"].as_array().unwrap().iter().map(|e| json!([e["code"], e["field"]])).collect();
    let region_unknown = !profile.get("region").is_some_and(Value::is_string) || errors.iter().any(|e| e[1] == "region");
    let held = |r: &Value| region_unknown && (regional(r["id"].as_str().unwrap()) || r["missing"].as_array().unwrap().iter().any(|m| m == "region"));
    let possible_results: Vec<&Value> = results.iter().copied().filter(|r| r["status"] == "possible").collect();
    let held_back = possible_results.iter().filter(|r| held(r)).count();
    let possible_results: Vec<&Value> = possible_results.into_iter().filter(|r| !held(r)).collect();
    let possible: serde_json::Map<String, Value> = possible_results.iter().map(|r| (r["id"].as_str().unwrap().to_string(), r["missing"].clone())).collect();
    let bare = serde_json::to_value(policy_matcher::match_profile(unchecked(), &Input::from(profile), Some(AS_OF), Date::parse(AS_OF).unwrap())).unwrap();
    let bare_results = bare["results"].as_array().unwrap();
    let review: Vec<Value> = possible_results
        .iter()
        .filter(|r| {
            let b2 = &bare_results.iter().find(|b| b["id"] == r["id"]).unwrap()["benefits"];
            r["benefits"].as_array().unwrap().iter().zip(b2.as_array().unwrap()).any(|(b, b2)| !b["checks"].as_array().unwrap().is_empty() && b["status"] == "possible" && b2["status"] == "eligible")
        })
        .map(|r| r["id"].clone())
        .collect();
    // The estimated total: `summary.estimate`, null where nothing that fits has a figure.
    let est = &out["summary"]["estimate"];
    let (low, high) = if est["with_figure"] == 0 { (Value::Null, Value::Null) } else { (est["low"].clone(), est["high"].clone()) };
    json!({ "size": out["derived"]["size"]["value"], "eligible": eligible, "possible": possible, "review": review, "held_back": held_back, "note": region_unknown, "estimate": [low, high], "errors": errors })
}

/// The Chinese question label of an attribute id.
fn label_of(id: &str) -> String {
    cat().schema.get(id).unwrap().def.label.clone()
}

fn observed(row: &Value) -> Value {
    let errors: Vec<Value> = row["errors"].as_array().unwrap().iter().map(|e| json!([e["code"], e["field"]])).collect();
    // The labels of what is missing are the questions for the ids, measure by measure.
    let possible = row["possible"].as_object().unwrap();
    let labels = row["missing_labels"].as_object().unwrap();
    assert_eq!(possible.keys().collect::<Vec<_>>(), labels.keys().collect::<Vec<_>>());
    for (id, missing) in possible {
        let want: Vec<Value> = missing.as_array().unwrap().iter().map(|m| Value::from(label_of(m.as_str().unwrap()))).collect();
        assert_eq!(labels[id].as_array().unwrap(), &want, "labels of {id}");
    }
    // A row without a usable region says why some measures are not listed (`note`).
    json!({ "size": row["size"], "eligible": row["eligible"], "possible": row["possible"], "review": row["review"], "held_back": row["held_back"], "note": !row["note"].is_null(), "estimate": [row["estimate_low"], row["estimate_high"]], "errors": errors })
}

#[test]
fn every_row_agrees_with_matching_it_alone() {
    let profiles = profiles();
    let input: String = profiles.iter().map(|p| format!("{p}\n")).collect();
    let (text, summary) = batch(input.as_bytes(), Format::Jsonl, &opts());
    let rows = jsonl_rows(&text);
    assert_eq!(rows.len(), profiles.len());
    assert_eq!(summary.stats.rows, profiles.len() as u64);
    let mut with_possible_missing = 0;
    for (i, (row, profile)) in rows.iter().zip(&profiles).enumerate() {
        assert_eq!(row["line"], i as u64 + 1);
        assert_eq!(observed(row), expected(profile), "line {} ({profile})", i + 1);
        with_possible_missing += row["possible"].as_object().unwrap().values().filter(|m| !m.as_array().unwrap().is_empty()).count();
    }
    assert!(rows.iter().any(|r| !r["eligible"].as_array().unwrap().is_empty()), "some rows fit something");
    assert!(rows.iter().any(|r| r["estimate_high"].as_f64().is_some_and(|h| h > 0.0)), "some rows have an estimated total");
    assert!(rows.iter().any(|r| r["estimate_high"].is_null()), "some rows have none");
    assert!(with_possible_missing > 0, "some possible measures say what is missing");
}

/// The profiles as a register export: Chinese headers, amounts in 万元, labels for choices.
fn register_csv(profiles: &[Value]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["企业名称", "统一社会信用代码", "所在地", "行业代码", "从业人员", "营业收入（万元）", "资产总额（万元）", "应纳税所得额（万元）", "成立日期", "市场主体类型", "资质", "纳税人类型", "hires_registered_unemployed_youth_16_24"]).unwrap();
    let label = |attr: &str, id: &str| cat().schema.get(attr).unwrap().def.values.iter().find(|v| v.id == id).map(|v| v.label.clone()).unwrap_or_else(|| id.to_string());
    for (i, p) in profiles.iter().enumerate() {
        let s = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let wan = |k: &str| p.get(k).and_then(Value::as_f64).map_or(String::new(), |v| (v / 10_000.0).to_string());
        let quals = match p.get("qualifications").and_then(Value::as_array) {
            None => String::new(),
            Some(q) if q.is_empty() => "无".into(),
            Some(q) => q.iter().map(|x| label("qualifications", x.as_str().unwrap())).collect::<Vec<_>>().join(if i % 2 == 0 { "、" } else { ";" }),
        };
        let established = s("established").replace('-', "/");
        w.write_record([
            format!("企业{i}"),
            format!("9135{i:06}"),
            s("region"),
            s("industry"),
            p.get("employees").map_or(String::new(), |v| v.to_string()),
            wan("revenue"),
            wan("total_assets"),
            wan("taxable_income"),
            established,
            p.get("entity_type").and_then(Value::as_str).map_or(String::new(), |e| label("entity_type", e)),
            quals,
            p.get("taxpayer").and_then(Value::as_str).map_or(String::new(), |e| label("taxpayer", e)),
            p.get("hires_registered_unemployed_youth_16_24").map_or(String::new(), |v| if v == true { "是".into() } else { "否".into() }),
        ])
        .unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// Profiles with only the fields the register CSV carries.
fn register_profiles() -> Vec<Value> {
    let keep = ["region", "industry", "employees", "revenue", "total_assets", "taxable_income", "established", "entity_type", "qualifications", "taxpayer", "hires_registered_unemployed_youth_16_24"];
    profiles().into_iter().map(|p| Value::Object(p.as_object().unwrap().iter().filter(|(k, _)| keep.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect())).collect()
}

#[test]
fn chinese_csv_with_bom_and_units_equals_the_json_lines() {
    let profiles = register_profiles();
    let csv_text = format!("\u{feff}{}", register_csv(&profiles));
    let (text, summary) = batch(csv_text.as_bytes(), Format::Csv, &opts());
    assert!(summary.file.warnings.is_empty(), "every header is known: {:?}", summary.file.warnings);
    let rows = jsonl_rows(&text);
    assert_eq!(rows.len(), profiles.len());
    for (i, (row, profile)) in rows.iter().zip(&profiles).enumerate() {
        assert_eq!(row["line"], i as u64 + 2, "CSV lines count the header");
        assert_eq!(row["name"], format!("企业{i}"));
        assert_eq!(row["credit_code"], format!("9135{i:06}"));
        assert_eq!(observed(row), expected(profile), "CSV line {} ({profile})", i + 2);
    }
    // The same file with plain amounts in yuan, read with --unit wan semantics off/on.
    let yuan_headers = csv_text.replace("营业收入（万元）", "营业收入").replace("资产总额（万元）", "资产总额").replace("应纳税所得额（万元）", "应纳税所得额");
    let mut wan = opts();
    wan.scale = 10_000.0;
    let (text_wan, _) = batch(yuan_headers.as_bytes(), Format::Csv, &wan);
    assert_eq!(text_wan, text, "--unit wan reads unlabelled amounts as 万元");
    let (text_yuan, _) = batch(yuan_headers.as_bytes(), Format::Csv, &opts());
    assert_ne!(text_yuan, text, "without --unit wan the same figures are yuan, and sizes change");
}

#[test]
fn xlsx_in_and_out_round_trip() {
    let profiles = register_profiles();
    let csv_text = register_csv(&profiles);
    // The register as a workbook: numbers as numbers, dates as real spreadsheet dates.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(csv_text.as_bytes());
    for (r, rec) in reader.records().enumerate() {
        for (c, field) in rec.unwrap().iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if field.is_empty() {
                continue;
            }
            if r > 0 && (4..=7).contains(&c) {
                ws.write_number(r, c, field.parse::<f64>().unwrap()).unwrap();
            } else if r > 0 && c == 8 {
                let d = rust_xlsxwriter::ExcelDateTime::parse_from_str(&field.replace('/', "-")).unwrap();
                ws.write_datetime_with_format(r, c, &d, &date_format).unwrap();
            } else {
                ws.write_string(r, c, field).unwrap();
            }
        }
    }
    let xlsx = book.save_to_buffer().unwrap();
    let (from_xlsx, summary) = batch(&xlsx, Format::Xlsx, &opts());
    let (from_csv, _) = batch(csv_text.as_bytes(), Format::Csv, &opts());
    assert_eq!(summary.stats.rows, profiles.len() as u64);
    assert_eq!(from_xlsx, from_csv, "a workbook gives what the same CSV gives (spreadsheet rows = CSV lines)");

    // XLSX out: the same fields as the CSV output.
    let dir = tmp("batch-xlsx-out");
    let path = dir.join("results.xlsx");
    let mut o = opts();
    o.format = OutFormat::Xlsx;
    run::run(cat(), Format::Csv, Source::Stream(Box::new(Cursor::new(csv_text.clone().into_bytes()))), Sink::XlsxFile(path.clone()), &o).unwrap();
    let mut c = opts();
    c.format = OutFormat::Csv;
    let (csv_out, _) = batch(csv_text.as_bytes(), Format::Csv, &c);
    let csv_rows: Vec<Vec<String>> = csv::Reader::from_reader(csv_out.trim_start_matches('\u{feff}').as_bytes()).records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    let xlsx_rows: Vec<Vec<String>> = range.rows().skip(1).map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(range.rows().next().unwrap().iter().map(|c| c.to_string()).collect::<Vec<_>>(), policy_matcher::batch::write::RESULT_COLUMNS);
    assert_eq!(xlsx_rows, csv_rows);
}

#[test]
fn bad_rows_are_reported_with_line_and_column_and_the_rest_is_processed() {
    let text = "\u{feff}名称,所在地,行业代码,从业人员,营业收入,资质,成立日期,备注\n\
        好企业,350203,C39,80,60000000,高新技术企业,2019-05-01,\n\
        类型错,350203,C39,八十,60000000,,2019-05-01,\n\
        代码错,999999,Z99,10,100,,2019-05-01,\n\
        \"引号坏,350203,C39,10,100,,2019-05-01,\n\
        少一列,350203,C39,10,100,,\n\
        选项错,350203,C39,10,100,金牌企业,2023-02-29,\n\
        \n\
        最后一家,460100,I65,40,8000000,专精特新中小企业;创新型中小企业,2020/1/2,\n";
    let (out, summary) = batch(text.as_bytes(), Format::Csv, &opts());
    let rows = jsonl_rows(&out);
    let by_line: BTreeMap<u64, &Value> = rows.iter().map(|r| (r["line"].as_u64().unwrap(), r)).collect();
    assert_eq!(by_line.keys().copied().collect::<Vec<_>>(), vec![2, 3, 4, 5, 6, 7, 9], "every row is in the output, blank lines skipped");
    let errors = |line: u64| -> Vec<(String, String, Value)> {
        by_line[&line]["errors"].as_array().unwrap().iter().map(|e| (e["code"].as_str().unwrap().to_string(), e["field"].as_str().unwrap().to_string(), e["column"].clone())).collect()
    };
    assert!(errors(2).is_empty());
    assert_eq!(errors(3), vec![("wrong_type".into(), "employees".into(), json!("从业人员"))]);
    assert_eq!(errors(4), vec![("unknown_region".into(), "region".into(), json!("所在地")), ("unknown_industry".into(), "industry".into(), json!("行业代码"))]);
    assert_eq!(errors(5)[0].0, "not_an_object", "the unmatched quote is this row's error");
    assert!(by_line[&5]["errors"][0]["message_en"].as_str().unwrap().contains("quote"));
    assert_eq!(by_line[&5]["size"], Value::Null);
    assert_eq!(errors(6)[0].0, "not_an_object", "a row with a missing column is not guessed at");
    assert!(by_line[&6]["errors"][0]["message_en"].as_str().unwrap().contains("7 fields, the header has 8"));
    assert_eq!(errors(7), vec![("invalid_date".into(), "established".into(), json!("成立日期")), ("unknown_value".into(), "qualifications[0]".into(), json!("资质"))]);
    for line in [2, 3, 4, 7, 9] {
        assert!(by_line[&line]["errors"].as_array().unwrap().iter().all(|e| e["line"] == line));
    }
    // A row with a bad field is still matched on the rest (as matchProfile does).
    assert_eq!(by_line[&3]["size"], "unknown");
    assert!(!by_line[&3]["possible"].as_object().unwrap().is_empty());
    assert_eq!(by_line[&9]["size"], "small");
    assert!(!by_line[&9]["eligible"].as_array().unwrap().is_empty(), "the row after the bad ones is matched");
    assert_eq!((summary.stats.rows, summary.stats.with_errors, summary.stats.unreadable), (7, 5, 2));
    assert_eq!(summary.exit_code(), 1);
    let warnings: Vec<(&str, &str)> = summary.file.warnings.iter().map(|w| (w.code.as_str(), w.field.as_str())).collect();
    assert_eq!(warnings, vec![("unknown_field", "备注")], "an unknown column is reported once, at the header");
    assert_eq!(summary.file.warnings[0].line, Some(1));
}

#[test]
fn json_lines_bad_lines_and_chinese_keys() {
    let text = "{\"region\":\"350203\",\"industry\":\"C39\",\"employees\":80,\"营业收入（万元）\":6000,\"id\":\"A-1\"}\n\
        not json\n\
        [1,2]\n\
        {\"region\":350203,\"employees\":-1,\"colour\":\"red\"}\n";
    let (out, summary) = batch(text.as_bytes(), Format::Jsonl, &opts());
    let rows = jsonl_rows(&out);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["id"], "A-1");
    assert_eq!(observed(&rows[0]), expected(&json!({"region":"350203","industry":"C39","employees":80,"revenue":60_000_000.0})), "a 万元 key is scaled");
    assert_eq!(rows[1]["errors"][0]["code"], "not_an_object");
    assert_eq!(rows[1]["errors"][0]["line"], 2);
    assert_eq!(rows[2]["errors"][0]["code"], "not_an_object");
    let codes: Vec<&str> = rows[3]["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert_eq!(codes, vec!["wrong_type", "negative", "unknown_field"]);
    assert_eq!(rows[3]["errors"][2]["column"], "colour");
    assert_eq!(summary.stats.with_errors, 3);
}

#[test]
fn empty_files_and_header_only_files() {
    for (bytes, format) in [(&b""[..], Format::Csv), (&b"\xef\xbb\xbf"[..], Format::Csv), (&b""[..], Format::Jsonl)] {
        let (out, summary) = batch(bytes, format, &opts());
        assert_eq!(out, "");
        assert_eq!(summary.stats.rows, 0);
        assert_eq!(summary.file.errors.len(), 1, "an empty file is an error of the file");
        assert_eq!(summary.exit_code(), 1);
    }
    let (out, summary) = batch("所在地,行业代码\n".as_bytes(), Format::Csv, &opts());
    assert_eq!((out.as_str(), summary.stats.rows, summary.exit_code()), ("", 0, 0), "a header without rows is no error");
    let (_, summary) = batch("名称,从业人员\nA,3\n".as_bytes(), Format::Csv, &opts());
    let missing: Vec<&str> = summary.file.warnings.iter().map(|w| w.field.as_str()).collect();
    assert_eq!(missing, vec!["region", "industry"], "absent core columns are said once");
}

#[test]
fn push_lists_equal_matching_each_row_alone() {
    let profiles = register_profiles();
    let csv_text = register_csv(&profiles);
    let dir = tmp("batch-by-measure");
    let mut o = opts();
    o.by_measure = Some(dir.clone());
    let (_, summary) = batch(csv_text.as_bytes(), Format::Csv, &o);
    // Expected lists from matchProfile, row by row.
    let mut want: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    for (i, p) in profiles.iter().enumerate() {
        let e = expected(p);
        let carried = |status: &str, missing: String, labels: String, review: &str| vec![(i + 2).to_string(), String::new(), format!("企业{i}"), format!("9135{i:06}"), status.to_string(), missing, labels, review.to_string()];
        for id in e["eligible"].as_array().unwrap() {
            want.entry(id.as_str().unwrap().into()).or_default().push(carried("eligible", String::new(), String::new(), ""));
        }
        for (id, missing) in e["possible"].as_object().unwrap() {
            let m: Vec<&str> = missing.as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
            let labels: Vec<String> = m.iter().map(|x| label_of(x)).collect();
            let review = if e["review"].as_array().unwrap().iter().any(|r| r == id) { "需主管部门审核" } else { "" };
            want.entry(id.clone()).or_default().push(carried("possible", m.join(";"), labels.join("；"), review));
        }
    }
    let index = std::fs::read_to_string(dir.join("index.csv")).unwrap();
    let mut index_rows = csv::Reader::from_reader(index.trim_start_matches('\u{feff}').as_bytes());
    let (mut listed, mut reviewed, mut labelled) = (0, 0, 0);
    for rec in index_rows.records() {
        let rec = rec.unwrap();
        let id = &rec[0];
        if &rec[4] != "yes" {
            assert!(!want.contains_key(id), "{id} is not listed but some row fits it");
            assert!(!dir.join(policy_matcher::batch::write::measure_file(id)).exists());
            continue;
        }
        listed += 1;
        let text = std::fs::read_to_string(dir.join(&rec[7])).unwrap();
        assert!(text.starts_with('\u{feff}'), "push lists open in Excel as UTF-8");
        let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let got: Vec<Vec<String>> = r.records().map(|x| x.unwrap().iter().map(String::from).collect()).collect();
        let expected_rows = want.remove(id).unwrap_or_default();
        reviewed += expected_rows.iter().filter(|r| !r[7].is_empty()).count();
        labelled += expected_rows.iter().filter(|r| !r[6].is_empty()).count();
        assert_eq!(got, expected_rows, "push list of {id}");
        let count = |s: &str| expected_rows.iter().filter(|r| r[4] == s).count().to_string();
        assert_eq!((&rec[5], &rec[6]), (count("eligible").as_str(), count("possible").as_str()), "index counts of {id}");
    }
    assert!(want.is_empty(), "every measure some row fits has a list: {:?}", want.keys().collect::<Vec<_>>());
    assert!(listed > 50);
    assert!(reviewed > 0 && labelled > 0, "some push-list rows are marked for review ({reviewed}) and some name questions ({labelled})");
    assert_eq!(summary.stats.rows, profiles.len() as u64);
}

#[test]
fn one_thread_and_many_give_the_same_output() {
    let profiles = register_profiles();
    let csv_text = register_csv(&profiles);
    let mut outputs = Vec::new();
    for (threads, chunk_rows, format) in [(1, 1000, OutFormat::Jsonl), (4, 3, OutFormat::Jsonl), (3, 1, OutFormat::Jsonl), (1, 1000, OutFormat::Csv), (4, 2, OutFormat::Csv)] {
        let mut o = opts();
        o.threads = threads;
        o.chunk_rows = chunk_rows;
        o.in_flight = 2;
        o.format = format;
        outputs.push((format, batch(csv_text.as_bytes(), Format::Csv, &o).0));
    }
    assert_eq!(outputs[0].1, outputs[1].1);
    assert_eq!(outputs[0].1, outputs[2].1);
    assert_eq!(outputs[3].1, outputs[4].1);
    let header = "\u{feff}line,id,name,credit_code,size,eligible,possible,missing_labels,review,estimate_low,estimate_high,note,errors";
    assert!(outputs[3].1.starts_with(&format!("{header}\r\n")) || outputs[3].1.starts_with(&format!("{header}\n")));
}

#[test]
fn the_cli_reads_stdin_and_says_how_many_rows_failed() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let input = "所在地,行业代码,从业人员,营业收入\n350203,C39,80,6000\n350203,C39,abc,6000\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_policy-matcher"))
        .args(["batch", "--as-of", AS_OF, "--unit", "wan", "--format", "csv", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "a bad row makes exit code 1");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("2 rows, 1 with errors (0 unreadable)"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "no progress bar when stderr is not a terminal");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[1].starts_with("2,,,,small,"), "6000 万元 with 80 employees in 工业 is small: {}", lines[1]);
    assert!(lines[2].contains("从业人员: [wrong_type]"), "{}", lines[2]);

    let bad = Command::new(env!("CARGO_BIN_EXE_policy-matcher")).args(["batch", "--as-of", "2024-13-01", "-"]).stdin(Stdio::null()).output().unwrap();
    assert_eq!(bad.status.code(), Some(2), "a bad option stops before reading");
}

#[path = "../examples/gen_enterprises.rs"]
#[allow(dead_code)]
mod gen_enterprises;

/// The benchmark's generated register, small: every row agrees with matching it alone,
/// and its CSV form (Chinese headers, 万元, labels) gives the same as its JSON Lines form.
#[test]
fn the_benchmark_register_agrees_row_by_row() {
    let n = 400;
    let mut jsonl = Vec::new();
    gen_enterprises::generate(n, true, &mut jsonl);
    let mut csv_bytes = Vec::new();
    gen_enterprises::generate(n, false, &mut csv_bytes);
    let (from_jsonl, summary) = batch(&jsonl, Format::Jsonl, &opts());
    let (from_csv, _) = batch(&csv_bytes, Format::Csv, &opts());
    let rows = jsonl_rows(&from_jsonl);
    let csv_rows = jsonl_rows(&from_csv);
    assert_eq!((rows.len(), csv_rows.len()), (n as usize, n as usize));
    assert!(summary.stats.with_errors < 10, "about one row in a thousand is bad");
    for ((line, row), csv_row) in String::from_utf8(jsonl).unwrap().lines().zip(&rows).zip(&csv_rows) {
        let mut profile: Value = serde_json::from_str(line).unwrap();
        let o = profile.as_object_mut().unwrap();
        let name = o.remove("name").unwrap();
        let code = o.remove("统一社会信用代码").unwrap();
        assert_eq!((&row["name"], &row["credit_code"]), (&name, &code));
        assert_eq!(observed(row), expected(&profile), "{line}");
        assert_eq!(observed(csv_row)["eligible"], observed(row)["eligible"], "CSV and JSON Lines agree: {line}");
        assert_eq!(observed(csv_row)["possible"], observed(row)["possible"], "CSV and JSON Lines agree: {line}");
        assert_eq!(csv_row["line"].as_u64().unwrap(), row["line"].as_u64().unwrap() + 1);
    }
}

#[test]
fn the_pages_xlsx_download_holds_the_csv_results() {
    let profiles = register_profiles();
    let mut o = opts();
    o.format = OutFormat::Csv;
    let (csv_out, _) = batch(register_csv(&profiles).as_bytes(), Format::Csv, &o);
    let xlsx = policy_matcher::batch::write::csv_to_xlsx(csv_out.as_bytes()).unwrap();
    use calamine::Reader;
    let mut wb = calamine::Xlsx::new(Cursor::new(xlsx)).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    let from_xlsx: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    let from_csv: Vec<Vec<String>> = csv::ReaderBuilder::new().has_headers(false).from_reader(csv_out.trim_start_matches('\u{feff}').as_bytes()).records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    assert_eq!(from_xlsx, from_csv);
    assert!(matches!(range.get((1, 0)), Some(calamine::Data::Float(_))), "line numbers are numbers");
}

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
    // The CSV's missing_labels are the questions for the JSON's missing ids; review the JSON's.
    let json_rows = jsonl_rows(&outputs[0].1);
    let mut r = csv::Reader::from_reader(outputs[3].1.trim_start_matches('\u{feff}').as_bytes());
    let mut labelled = 0;
    for (rec, row) in r.records().map(Result::unwrap).zip(&json_rows) {
        let mut want: Vec<String> = row["possible"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(_, m)| !m.as_array().unwrap().is_empty())
            .map(|(id, m)| format!("{id}：{}", m.as_array().unwrap().iter().map(|x| label_of(x.as_str().unwrap())).collect::<Vec<_>>().join("；")))
            .collect();
        labelled += want.len();
        // (serde_json's map is sorted by id; the CSV is in catalogue order.)
        want.sort();
        let mut got: Vec<String> = rec[7].split(" | ").filter(|x| !x.is_empty()).map(String::from).collect();
        got.sort();
        assert_eq!(got, want, "line {}", &rec[0]);
        let review: Vec<&str> = row["review"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
        assert_eq!(&rec[8], if review.is_empty() { String::new() } else { format!("需主管部门审核：{}", review.join(";")) });
    }
    assert!(labelled > 0);
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

/// The rows of a push list (without its header), by measure id.
fn push_lists(dir: &std::path::Path) -> BTreeMap<String, Vec<Vec<String>>> {
    let index = std::fs::read_to_string(dir.join("index.csv")).unwrap();
    let mut out = BTreeMap::new();
    for rec in csv::Reader::from_reader(index.trim_start_matches('\u{feff}').as_bytes()).records() {
        let rec = rec.unwrap();
        if &rec[4] == "yes" {
            let text = std::fs::read_to_string(dir.join(&rec[7])).unwrap();
            let rows = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes()).records().map(|x| x.unwrap().iter().map(String::from).collect()).collect();
            out.insert(rec[0].to_string(), rows);
        }
    }
    out
}

#[test]
fn rows_without_a_usable_region_stay_off_regional_push_lists() {
    // name, region cell, the JSON profile's region (None: absent), whether it is usable.
    let rows: [(&str, &str, Option<&str>, bool); 9] = [
        ("甲", "350206", Some("350206"), true),
        ("乙", "999999", Some("999999"), false),
        ("丙", "", None, false),
        ("丁", "长沙", None, false),
        ("戊", "厦门市湖里区", Some("350206"), true),
        ("己", "湖里区", Some("350206"), true),
        ("庚", "厦门", Some("350200"), true),
        ("辛", "青海省西宁市", Some("630100"), true),
        ("壬", "没有这个地方", None, false),
    ];
    let mut csv_text = String::from("企业名称,所在地,行业代码,从业人员,营业收入,资产总额,市场主体类型\n");
    for (name, cell, _, _) in &rows {
        csv_text.push_str(&format!("{name},{cell},C39,80,60000000,30000000,企业\n"));
    }
    let dir = tmp("batch-no-region");
    let mut o = opts();
    o.by_measure = Some(dir.clone());
    let (text, summary) = batch(csv_text.as_bytes(), Format::Csv, &o);
    let out = jsonl_rows(&text);
    assert_eq!(summary.stats.region_unknown, rows.iter().filter(|r| !r.3).count() as u64);
    assert!(summary.text(1.0).contains("--region"), "the summary says how to give a region");
    let regional_ids: Vec<&str> = cat().articles.iter().filter(|a| regional(&a.id)).map(|a| a.id.as_str()).collect();
    for ((name, cell, region, usable), row) in rows.iter().zip(&out) {
        let mut profile = json!({ "industry": "C39", "employees": 80, "revenue": 60_000_000.0, "total_assets": 30_000_000.0, "entity_type": "enterprise" });
        if let Some(r) = region {
            profile["region"] = json!(r);
        }
        let mut want = expected(&profile);
        let got = observed(row);
        if !usable && region.is_none() && !cell.is_empty() {
            // A name that names none or several divisions: unknown_region at 所在地, saying which.
            let e = &row["errors"][0];
            assert_eq!((e["code"].as_str(), e["column"].as_str()), (Some("unknown_region"), Some("所在地")), "{name}");
            if *cell == "长沙" {
                let m = e["message"].as_str().unwrap();
                assert!(m.contains("不唯一") && m.contains("430100") && m.contains("430121"), "{m}");
            }
            want["errors"] = json!([["unknown_region", "region"]]);
        }
        assert_eq!(got, want, "{name} ({cell})");
        assert_eq!(row["note"].is_null(), *usable, "{name}: the note says why measures are left off");
        if !usable {
            // Left off every regional measure, though matching alone would list it as possible.
            assert!(row["held_back"].as_u64().unwrap() > 0, "{name}");
            let listed: Vec<&str> = row["possible"].as_object().unwrap().keys().map(String::as_str).chain(row["eligible"].as_array().unwrap().iter().map(|v| v.as_str().unwrap())).collect();
            assert!(listed.iter().all(|id| !regional_ids.contains(id)), "{name}: {listed:?}");
            let alone = serde_json::to_value(policy_matcher::match_profile(cat(), &Input::from(&profile), Some(AS_OF), Date::parse(AS_OF).unwrap())).unwrap();
            let regional_possible = alone["results"].as_array().unwrap().iter().filter(|r| r["status"] == "possible" && regional(r["id"].as_str().unwrap())).count();
            assert!(regional_possible > 0, "without the rule, {name} would be possible for regional measures");
        }
    }
    // On the push lists: the rows without a usable region on no regional list; the others
    // (Xiamen's and Xining's) on their own province's lists only.
    let lists = push_lists(&dir);
    let lines_without: Vec<String> = rows.iter().enumerate().filter(|(_, r)| !r.3).map(|(i, _)| (i + 2).to_string()).collect();
    let mut on_fujian = 0;
    for (id, list) in &lists {
        for r in list {
            if regional(id) {
                assert!(!lines_without.contains(&r[0]), "line {} is on {id}", r[0]);
            }
            let i: usize = r[0].parse::<usize>().unwrap() - 2;
            let jurisdiction = &cat().documents[cat().articles.iter().find(|a| &a.id == id).unwrap().doc].def.jurisdiction;
            if let (Some(region), true) = (rows[i].2, regional(id)) {
                assert_eq!(&region[..2], &jurisdiction[..2], "line {} ({region}) on {id}", r[0]);
            }
            on_fujian += usize::from(id.starts_with("fujian") && i == 0);
        }
    }
    assert!(on_fujian > 0, "the Huli row is on Fujian's lists");
}

#[test]
fn a_default_region_fills_rows_without_one() {
    let csv_text = "企业名称,所在地,行业代码,从业人员,营业收入\n甲,,C39,80,60000000\n乙,630102,C39,80,60000000\n丙,999999,C39,80,60000000\n";
    let base = json!({ "industry": "C39", "employees": 80, "revenue": 60_000_000.0 });
    let with = |region: &str| {
        let mut p = base.clone();
        p["region"] = json!(region);
        p
    };
    for region in ["350206", "湖里区", "厦门市湖里区", "３５０２０６"] {
        let mut o = opts();
        o.region = Some(region.to_string());
        let (text, summary) = batch(csv_text.as_bytes(), Format::Csv, &o);
        let out = jsonl_rows(&text);
        assert_eq!(observed(&out[0]), expected(&with("350206")), "an empty region takes --region {region}");
        assert_eq!(observed(&out[1]), expected(&with("630102")), "a row's own region stays");
        assert_eq!(observed(&out[2]), expected(&with("999999")), "a region in error is reported, not replaced");
        assert_eq!(summary.stats.region_unknown, 1);
        // JSON Lines: a profile without a region takes it too.
        let (text, _) = batch(format!("{base}\n").as_bytes(), Format::Jsonl, &o);
        assert_eq!(observed(&jsonl_rows(&text)[0]), expected(&with("350206")));
    }
    // A register without a region column, as a county exports it.
    let mut o = opts();
    o.region = Some("350206".into());
    let (text, summary) = batch("企业名称,行业代码,从业人员,营业收入\n丁公司,C39,80,60000000\n".as_bytes(), Format::Csv, &o);
    assert_eq!(observed(&jsonl_rows(&text)[0]), expected(&with("350206")));
    assert_eq!(summary.stats.region_unknown, 0);
    // A --region that is not one region stops the run before any row, saying why.
    for (bad, says) in [("999999", "unknown_region"), ("长沙", "430121"), ("没有这个地方", "unknown_region")] {
        let mut o = opts();
        o.region = Some(bad.into());
        let mut out = Vec::new();
        let err = run::run(cat(), Format::Csv, Source::Stream(Box::new(Cursor::new(csv_text.as_bytes().to_vec()))), Sink::Writer(&mut out), &o).err().expect("a bad --region is refused");
        assert!(err.contains(says), "{bad}: {err}");
    }
}

#[test]
fn register_forms_read_as_their_json_profiles() {
    // Each register row, and the JSON profile it stands for.
    let cases: Vec<([&str; 7], Value)> = vec![
        (["350206", "C39", "80人", "6,000.5万元", "0.3亿", "2018年5月1日", "有限责任公司"], json!({"region":"350206","industry":"C39","employees":80,"revenue":60_005_000.0,"total_assets":30_000_000.0,"established":"2018-05-01","entity_type":"enterprise"})),
        (["350206", "C39", "1,200", "1500万", "800万元", "20180501", "股份有限公司"], json!({"region":"350206","industry":"C39","employees":1200,"revenue":15_000_000.0,"total_assets":8_000_000.0,"established":"2018-05-01","entity_type":"enterprise"})),
        (["３５０２０６", "ｃ３９", "８０", "６０００００００", "３００００００", "２０１８／０５／０１", "有限责任公司（自然人投资或控股）"], json!({"region":"350206","industry":"C39","employees":80,"revenue":60_000_000.0,"total_assets":3_000_000.0,"established":"2018-05-01","entity_type":"enterprise"})),
        (["460100", "F52", "5名", "200万", "50万", "2022/3/9", "个人独资企业"], json!({"region":"460100","industry":"F52","employees":5,"revenue":2_000_000.0,"total_assets":500_000.0,"established":"2022-03-09","entity_type":"enterprise"})),
        (["630102", "I65", "12", "3,000,000元", "1000000", "2020.1.2", "合伙企业（有限合伙）"], json!({"region":"630102","industry":"I65","employees":12,"revenue":3_000_000.0,"total_assets":1_000_000.0,"established":"2020-01-02","entity_type":"enterprise"})),
        (["350206", "F52", "3", "60万", "10万", "20230601", "个体工商户"], json!({"region":"350206","industry":"F52","employees":3,"revenue":600_000.0,"total_assets":100_000.0,"established":"2023-06-01","entity_type":"individual_business"})),
    ];
    let mut csv_text = String::from("企业名称,所在地,行业代码,从业人员,营业收入,资产总额,成立日期,市场主体类型\n");
    let mut jsonl = String::new();
    for (i, (cells, _)) in cases.iter().enumerate() {
        let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
        let mut record = vec![format!("企业{i}")];
        record.extend(cells.iter().map(|c| c.to_string()));
        w.write_record(&record).unwrap();
        csv_text.push_str(&String::from_utf8(w.into_inner().unwrap()).unwrap());
        // The same cells as JSON Lines text values under the Chinese keys.
        let keys = ["所在地", "行业代码", "从业人员", "营业收入", "资产总额", "成立日期", "市场主体类型"];
        let obj: serde_json::Map<String, Value> = keys.iter().zip(cells).map(|(k, v)| (k.to_string(), json!(v))).collect();
        jsonl.push_str(&format!("{}\n", Value::Object(obj)));
    }
    let (text, summary) = batch(csv_text.as_bytes(), Format::Csv, &opts());
    assert_eq!(summary.stats.with_errors, 0, "{text}");
    let (jtext, _) = batch(jsonl.as_bytes(), Format::Jsonl, &opts());
    for ((cells, profile), (row, jrow)) in cases.iter().zip(jsonl_rows(&text).iter().zip(&jsonl_rows(&jtext))) {
        assert_eq!(observed(row), expected(profile), "CSV {cells:?}");
        assert_eq!(observed(jrow), expected(profile), "JSON Lines {cells:?}");
    }
    // The entity type decides something for the individual business's row, so reading it
    // as an enterprise (or not at all) would show.
    let mut as_enterprise = cases[5].1.clone();
    as_enterprise["entity_type"] = json!("enterprise");
    let mut unanswered = cases[5].1.clone();
    unanswered.as_object_mut().unwrap().remove("entity_type");
    assert_ne!(expected(&as_enterprise), expected(&cases[5].1));
    assert_ne!(expected(&unanswered), expected(&cases[5].1));

    // A cooperative is no type the catalogue knows; a branch or another form is
    // unknown_value too; a unit that does not fit the column is wrong_type. The rest of
    // the row is read.
    let csv_text = "企业名称,所在地,行业代码,从业人员,营业收入,市场主体类型\n合作社,350206,A01,10,500000,农民专业合作社\n分公司,350206,C39,10,500000,有限责任公司分公司\n单位,350206,C39,10人,50万人,有限责任公司\n";
    let (text, summary) = batch(csv_text.as_bytes(), Format::Csv, &opts());
    let out = jsonl_rows(&text);
    assert_eq!(summary.stats.with_errors, 3);
    let e = &out[0]["errors"][0];
    assert_eq!((e["code"].as_str(), e["field"].as_str(), e["column"].as_str()), (Some("unknown_value"), Some("entity_type"), Some("市场主体类型")));
    assert!(e["message"].as_str().unwrap().contains("合作社") && e["message_en"].as_str().unwrap().contains("cooperative"), "{e}");
    assert_eq!(observed(&out[0])["possible"], expected(&json!({"region":"350206","industry":"A01","employees":10,"revenue":500_000.0}))["possible"]);
    assert_eq!(out[1]["errors"][0]["code"], "unknown_value");
    assert_eq!((out[2]["errors"][0]["code"].as_str(), out[2]["errors"][0]["column"].as_str()), (Some("wrong_type"), Some("营业收入")));
}

#[test]
fn the_cli_takes_a_default_region() {
    use std::process::Command;
    let dir = tmp("batch-cli-region");
    let input = dir.join("r.csv");
    std::fs::write(&input, "企业名称,行业代码,从业人员,营业收入\n丁公司,C39,80,60000000\n").unwrap();
    let run = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_policy-matcher")).args(["batch", "--as-of", AS_OF]).args(extra).arg(&input).output().unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let (code, stdout, stderr) = run(&[]);
    assert_eq!(code, Some(0));
    assert!(stderr.contains("1 rows have no usable region"), "{stderr}");
    assert!(!jsonl_rows(&stdout)[0]["note"].is_null());
    let (code, stdout, stderr) = run(&["--region", "湖里区"]);
    assert_eq!(code, Some(0));
    assert!(!stderr.contains("no usable region"), "{stderr}");
    assert!(stderr.contains("every enterprise is taken to be in 350206"), "{stderr}");
    assert_eq!(observed(&jsonl_rows(&stdout)[0]), expected(&json!({"region":"350206","industry":"C39","employees":80,"revenue":60_000_000.0})));
    let (code, _, stderr) = run(&["--region", "长沙"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("430121"), "{stderr}");
}

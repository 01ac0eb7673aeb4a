//! The batch page's wasm boundary (feature `batch-wasm`, built into `pkg-batch/`): it
//! only converts — the file's bytes in, chunks of CSV text out through a callback, a
//! summary at the end. Reading, matching and formatting are `crate::batch`, the same
//! code as `policy-matcher batch`. Runs in a Web Worker, so it may take its time.

use crate::batch::read::{read_csv, read_jsonl, read_xlsx, Chunk, FileReport, Format};
use crate::batch::row::{Matcher, RowResult, RowScratch};
use crate::batch::write::{self, csv_header, format_chunk, measure_file, OutFormat, Stats, BOM, MEASURE_COLUMNS, RESULT_COLUMNS};
use crate::error::Error;
use crate::{builtin, Date};
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;

fn set(o: &Object, key: &str, v: &JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(key), v);
}

fn option(options: &JsValue, key: &str) -> Option<String> {
    if !options.is_object() {
        return None;
    }
    Reflect::get(options, &JsValue::from_str(key)).ok().and_then(|v| v.as_string())
}

fn text(bytes: &[u8]) -> JsValue {
    JsValue::from_str(&String::from_utf8_lossy(bytes))
}

fn errors(list: &[Error]) -> JsValue {
    serde_json::to_string(list).ok().and_then(|s| js_sys::JSON::parse(&s).ok()).unwrap_or_else(|| Array::new().into())
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
export interface BatchOptions { /** YYYY-MM-DD; default today */ as_of?: string; /** amounts without a unit in their header: 'yuan' (default) or 'wan' (万元) */ unit?: 'yuan' | 'wan'; /** the region of rows that give none: a 6-digit code or a place name naming one division */ region?: string; chunk_rows?: number }
export interface BatchChunk { rows: number; position: number; results: string; measures: Array<[string, string]> }
export interface BatchMeasure { id: string; title: string; file: string; eligible: number; possible: number }
export interface BatchSummary {
  as_of: string; format: 'csv' | 'jsonl' | 'xlsx'; rows: number; with_errors: number; unreadable: number;
  eligible_pairs: number; possible_pairs: number; region_unknown: number; errors: PmError[]; warnings: PmError[];
  results_header: string; measure_header: string; index_csv: string; measures: BatchMeasure[];
}
"#;

/// Matches every row of a register file (CSV, JSON Lines or XLSX, told apart by the
/// file name, else by its first bytes). Calls `on_chunk` after each chunk of rows with
/// the per-enterprise CSV lines and the push-list lines of that chunk, in file order;
/// returns the summary (with the CSV headers and the push lists' index). Never throws.
#[wasm_bindgen(js_name = runBatch, unchecked_return_type = "BatchSummary")]
pub fn run_batch(
    bytes: &[u8],
    file_name: &str,
    #[wasm_bindgen(unchecked_param_type = "BatchOptions")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "(chunk: BatchChunk) => void")] on_chunk: &Function,
) -> JsValue {
    let out = Object::new();
    let cat = match builtin() {
        Ok(c) => c,
        Err(e) => {
            set(&out, "errors", &errors(e));
            return out.into();
        }
    };
    let today = Date::from_unix_millis(js_sys::Date::now());
    let (as_of, as_of_error) = crate::resolve_as_of(option(&options, "as_of").as_deref(), today);
    let scale = if option(&options, "unit").as_deref() == Some("wan") { 10_000.0 } else { 1.0 };
    let chunk_rows = Reflect::get(&options, &"chunk_rows".into()).ok().and_then(|v| v.as_f64()).map_or(2000, |n| n.clamp(1.0, 100_000.0) as usize);
    let format = Format::from_name(file_name).unwrap_or_else(|| Format::sniff(&bytes[..bytes.len().min(8)]));
    // A default region that is not one known region: nothing is matched, the error says why.
    let (matcher, region_error) = match option(&options, "region").filter(|r| !r.trim().is_empty()) {
        None => (Matcher::new(cat, as_of, scale), None),
        Some(r) => match Matcher::new(cat, as_of, scale).with_region(&r) {
            Ok(m) => (m, None),
            Err(e) => (Matcher::new(cat, as_of, scale), Some(e)),
        },
    };
    let mut stats = Stats::default();
    let mut rows_done = 0u64;
    let mut sink = |chunk: Chunk| {
        let mut scratch = RowScratch::default();
        let rows: Vec<RowResult> = chunk.rows.iter().map(|r| matcher.row(r, chunk.columns.as_deref(), &mut scratch)).collect();
        let f = format_chunk(cat, &rows, OutFormat::Csv, true);
        stats.add(&f.stats);
        rows_done += rows.len() as u64;
        let msg = Object::new();
        set(&msg, "rows", &JsValue::from_f64(rows_done as f64));
        set(&msg, "position", &JsValue::from_f64(chunk.position as f64));
        set(&msg, "results", &text(&f.main));
        let measures = Array::new();
        for (i, bytes) in &f.measures {
            measures.push(&Array::of2(&JsValue::from_str(&cat.articles[*i as usize].id), &text(bytes)));
        }
        set(&msg, "measures", &measures);
        on_chunk.call1(&JsValue::NULL, &msg).is_ok()
    };
    let report: FileReport = if region_error.is_some() { FileReport::default() } else { match format {
        Format::Csv => read_csv(bytes, &cat.schema, scale, chunk_rows, &mut sink),
        Format::Jsonl => read_jsonl(bytes, chunk_rows, &mut sink),
        Format::Xlsx => read_xlsx(std::io::Cursor::new(bytes), &cat.schema, scale, chunk_rows, &mut sink),
    } };
    let mut file_errors = report.errors.clone();
    file_errors.extend(as_of_error);
    file_errors.extend(region_error);
    set(&out, "as_of", &JsValue::from_str(&as_of.to_string()));
    set(&out, "format", &JsValue::from_str(match format {
        Format::Csv => "csv",
        Format::Jsonl => "jsonl",
        Format::Xlsx => "xlsx",
    }));
    for (k, v) in [("rows", stats.rows), ("with_errors", stats.with_errors), ("unreadable", stats.unreadable), ("eligible_pairs", stats.eligible_pairs), ("possible_pairs", stats.possible_pairs), ("region_unknown", stats.region_unknown)] {
        set(&out, k, &JsValue::from_f64(v as f64));
    }
    set(&out, "errors", &errors(&file_errors));
    set(&out, "warnings", &errors(&report.warnings));
    let mut results_header = BOM.to_vec();
    results_header.extend(csv_header(&RESULT_COLUMNS));
    set(&out, "results_header", &text(&results_header));
    let mut measure_header = BOM.to_vec();
    measure_header.extend(csv_header(&MEASURE_COLUMNS));
    set(&out, "measure_header", &text(&measure_header));
    set(&out, "index_csv", &text(&write::index_csv(cat, &matcher.listed, as_of, &stats)));
    let measures = Array::new();
    for (i, a) in cat.articles.iter().enumerate().filter(|(i, _)| matcher.listed[*i]) {
        let m = Object::new();
        let [e, p] = stats.per_article.get(i).copied().unwrap_or([0, 0]);
        set(&m, "id", &JsValue::from_str(&a.id));
        set(&m, "title", &JsValue::from_str(if a.def.title.is_empty() { &a.def.heading } else { &a.def.title }));
        set(&m, "file", &JsValue::from_str(&measure_file(&a.id)));
        set(&m, "eligible", &JsValue::from_f64(e as f64));
        set(&m, "possible", &JsValue::from_f64(p as f64));
        measures.push(&m);
    }
    set(&out, "measures", &measures);
    out.into()
}

/// The per-enterprise results CSV (as `runBatch` produced it) as an XLSX workbook, or
/// null if it cannot be converted (more rows than a sheet holds). Never throws.
#[wasm_bindgen(js_name = resultsXlsx)]
pub fn results_xlsx(csv: &[u8]) -> Option<Vec<u8>> {
    write::csv_to_xlsx(csv).ok()
}

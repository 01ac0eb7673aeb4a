//! Output: one line (JSON Lines) or record (CSV) per input row, the per-measure push
//! lists and their index. Formatting works on a chunk at a time so that workers can do
//! it in parallel; writing the bytes out in order is the caller's.
//!
//! The estimated total per enterprise (`estimate_low`, `estimate_high`, yuan) is
//! `matchProfile`'s `summary.estimate`; empty (null) where nothing that fits has a figure.

use super::row::RowResult;
use crate::catalogue::Catalogue;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// An output format for the per-enterprise results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutFormat {
    Jsonl,
    Csv,
    Xlsx,
}

impl OutFormat {
    pub fn parse(s: &str) -> Option<OutFormat> {
        match s {
            "jsonl" => Some(OutFormat::Jsonl),
            "csv" => Some(OutFormat::Csv),
            "xlsx" => Some(OutFormat::Xlsx),
            _ => None,
        }
    }
}

/// The UTF-8 byte-order mark at the start of every CSV written, so that Excel opens
/// the Chinese text as UTF-8.
pub const BOM: &[u8] = b"\xef\xbb\xbf";

/// Columns of the per-enterprise CSV/XLSX.
pub const RESULT_COLUMNS: [&str; 13] = ["line", "id", "name", "credit_code", "size", "eligible", "possible", "missing_labels", "review", "estimate_low", "estimate_high", "note", "errors"];

/// The per-enterprise columns written to XLSX as numbers: `line`, `estimate_low`, `estimate_high`.
pub const NUMBER_COLUMNS: [usize; 3] = [0, 9, 10];

/// Columns of a per-measure push list: `missing` holds attribute ids, `missing_labels`
/// the questionnaire's Chinese questions for them (缺少信息), `review` says 需主管部门审核
/// where a benefit's condition holds but a department reviews it first (its checks).
pub const MEASURE_COLUMNS: [&str; 8] = ["line", "id", "name", "credit_code", "status", "missing", "missing_labels", "review"];

/// The `review` mark of a measure that a department or institution reviews first.
pub const REVIEW: &str = "需主管部门审核";

/// The Chinese question labels of attribute ids, joined with `；`.
pub fn labels(cat: &Catalogue, ids: &[&str]) -> String {
    ids.iter().map(|id| cat.schema.get(id).map_or(*id, |a| a.def.label.as_str())).collect::<Vec<_>>().join("；")
}

/// The row's note, in Chinese and English, when its region is unknown: what was left
/// off and why (empty otherwise).
pub fn region_note(r: &RowResult) -> (String, String) {
    if !r.region_unknown || !r.readable() {
        return (String::new(), String::new());
    }
    (
        format!("所在地未填、无效或无法确定：限定地区（或须按所在地判断）的措施不列入本企业的结果和推送名单（{} 项）；可在表中填写所在地，或用 --region 指定全表的默认所在地", r.held_back),
        format!("region missing, invalid or not determined: measures restricted to a region (or decided by it) are left off this enterprise's results and push lists ({}); fill in the region, or give the whole register one with --region", r.held_back),
    )
}

/// Columns of the push lists' index.
pub const INDEX_COLUMNS: [&str; 8] = ["measure", "document", "title", "validity", "listed", "eligible", "possible", "file"];

struct Ids<'a>(&'a Catalogue, &'a [u32]);
impl Serialize for Ids<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.1.len()))?;
        for i in self.1 {
            seq.serialize_element(&self.0.articles[*i as usize].id)?;
        }
        seq.end()
    }
}

struct Possible<'a, 'c>(&'a Catalogue, &'a [(u32, Vec<&'c str>)]);
impl Serialize for Possible<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.1.len()))?;
        for (i, missing) in self.1 {
            map.serialize_entry(&self.0.articles[*i as usize].id, missing)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct JsonRow<'a, 'c> {
    line: u64,
    id: &'a Option<String>,
    name: &'a Option<String>,
    credit_code: &'a Option<String>,
    size: Option<&'static str>,
    eligible: Ids<'a>,
    /// measure id → the attributes whose answers would decide it
    possible: Possible<'a, 'c>,
    /// possible measures that a department reviews first (需主管部门审核)
    review: Ids<'a>,
    /// yuan; null where nothing that fits has a figure
    estimate_low: Option<f64>,
    estimate_high: Option<f64>,
    /// measures left off because the region is unknown (see `note`)
    held_back: u32,
    note: Option<Note>,
    errors: &'a [super::row::RowError],
}

#[derive(Serialize)]
struct Note {
    zh: String,
    en: String,
}

/// One JSON Lines line (with its newline).
pub fn jsonl_line(cat: &Catalogue, r: &RowResult, out: &mut Vec<u8>) {
    let row = JsonRow {
        line: r.line,
        id: &r.carried[0],
        name: &r.carried[1],
        credit_code: &r.carried[2],
        size: r.size,
        eligible: Ids(cat, &r.eligible),
        possible: Possible(cat, &r.possible),
        review: Ids(cat, &r.review),
        estimate_low: r.estimate.map(|e| e.0),
        estimate_high: r.estimate.map(|e| e.1),
        held_back: r.held_back,
        note: Some(region_note(r)).filter(|n| !n.0.is_empty()).map(|(zh, en)| Note { zh, en }),
        errors: &r.errors,
    };
    if serde_json::to_writer(&mut *out, &row).is_ok() {
        out.push(b'\n');
    }
}

/// The per-enterprise record's fields as text: lists joined with `;`, a possible
/// measure followed by what is missing in brackets, errors as `column: [code] message`.
pub fn result_fields(cat: &Catalogue, r: &RowResult) -> [String; 13] {
    let eligible: Vec<&str> = r.eligible.iter().map(|i| cat.articles[*i as usize].id.as_str()).collect();
    let possible: Vec<String> = r
        .possible
        .iter()
        .map(|(i, m)| {
            let id = &cat.articles[*i as usize].id;
            if m.is_empty() { id.clone() } else { format!("{id}({})", m.join(",")) }
        })
        .collect();
    let missing_labels: Vec<String> =
        r.possible.iter().filter(|(_, m)| !m.is_empty()).map(|(i, m)| format!("{}：{}", cat.articles[*i as usize].id, labels(cat, m))).collect();
    let review: Vec<&str> = r.review.iter().map(|i| cat.articles[*i as usize].id.as_str()).collect();
    let errors: Vec<String> = r
        .errors
        .iter()
        .map(|e| match &e.column {
            Some(c) => format!("{c}: [{}] {}", e.code.as_str(), e.message),
            None => format!("[{}] {}", e.code.as_str(), e.message),
        })
        .collect();
    [
        r.line.to_string(),
        r.carried[0].clone().unwrap_or_default(),
        r.carried[1].clone().unwrap_or_default(),
        r.carried[2].clone().unwrap_or_default(),
        r.size.unwrap_or("").to_string(),
        eligible.join(";"),
        possible.join(";"),
        missing_labels.join(" | "),
        if review.is_empty() { String::new() } else { format!("{REVIEW}：{}", review.join(";")) },
        r.estimate.map_or(String::new(), |e| e.0.to_string()),
        r.estimate.map_or(String::new(), |e| e.1.to_string()),
        region_note(r).0,
        errors.join(" | "),
    ]
}

/// A CSV writer into memory, without a header (the caller writes it once).
pub fn csv_buffer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new())
}

/// The bytes of a CSV header line.
pub fn csv_header(columns: &[&str]) -> Vec<u8> {
    let mut w = csv_buffer();
    let _ = w.write_record(columns);
    w.into_inner().unwrap_or_default()
}

/// The push-list rows of one chunk: per listed measure, its CSV lines.
pub type MeasureLines = Vec<(u32, Vec<u8>)>;

/// What a chunk of results comes to: the per-enterprise bytes (CSV or JSON Lines; empty
/// for XLSX, written from the rows), the push-list lines, and counts.
#[derive(Debug, Default)]
pub struct Formatted {
    pub main: Vec<u8>,
    pub measures: MeasureLines,
    pub stats: Stats,
}

/// Counts over rows, and per article how many rows fit / possibly fit.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    pub rows: u64,
    /// Rows with at least one error (read or not).
    pub with_errors: u64,
    /// Rows that could not be read at all.
    pub unreadable: u64,
    pub eligible_pairs: u64,
    pub possible_pairs: u64,
    /// Readable rows without a usable region (left off the push lists of measures
    /// restricted to a jurisdiction).
    pub region_unknown: u64,
    #[serde(skip)]
    pub per_article: Vec<[u64; 2]>,
}

impl Stats {
    pub fn add(&mut self, o: &Stats) {
        self.rows += o.rows;
        self.with_errors += o.with_errors;
        self.unreadable += o.unreadable;
        self.eligible_pairs += o.eligible_pairs;
        self.possible_pairs += o.possible_pairs;
        self.region_unknown += o.region_unknown;
        if self.per_article.len() < o.per_article.len() {
            self.per_article.resize(o.per_article.len(), [0, 0]);
        }
        for (a, b) in self.per_article.iter_mut().zip(&o.per_article) {
            a[0] += b[0];
            a[1] += b[1];
        }
    }
}

/// Formats a chunk of results (`by_measure`: also the push-list lines).
pub fn format_chunk(cat: &Catalogue, results: &[RowResult], format: OutFormat, by_measure: bool) -> Formatted {
    let mut f = Formatted { stats: Stats { per_article: vec![[0, 0]; cat.articles.len()], ..Stats::default() }, ..Formatted::default() };
    match format {
        OutFormat::Jsonl => {
            for r in results {
                jsonl_line(cat, r, &mut f.main);
            }
        }
        OutFormat::Csv => {
            let mut w = csv_buffer();
            for r in results {
                let _ = w.write_record(result_fields(cat, r));
            }
            f.main = w.into_inner().unwrap_or_default();
        }
        OutFormat::Xlsx => {}
    }
    let mut lists: Vec<Option<csv::Writer<Vec<u8>>>> = Vec::new();
    if by_measure {
        lists.resize_with(cat.articles.len(), || None);
    }
    for r in results {
        let s = &mut f.stats;
        s.rows += 1;
        s.with_errors += u64::from(!r.errors.is_empty());
        s.unreadable += u64::from(!r.readable());
        s.eligible_pairs += r.eligible.len() as u64;
        s.possible_pairs += r.possible.len() as u64;
        s.region_unknown += u64::from(r.readable() && r.region_unknown);
        for i in &r.eligible {
            s.per_article[*i as usize][0] += 1;
        }
        for (i, _) in &r.possible {
            s.per_article[*i as usize][1] += 1;
        }
        if by_measure {
            let carried = |k: usize| r.carried[k].as_deref().unwrap_or("");
            let line = r.line.to_string();
            for i in &r.eligible {
                let w = lists[*i as usize].get_or_insert_with(csv_buffer);
                let _ = w.write_record([line.as_str(), carried(0), carried(1), carried(2), "eligible", "", "", ""]);
            }
            for (i, missing) in &r.possible {
                let w = lists[*i as usize].get_or_insert_with(csv_buffer);
                let review = if r.review.contains(i) { REVIEW } else { "" };
                let _ = w.write_record([line.as_str(), carried(0), carried(1), carried(2), "possible", &missing.join(";"), &labels(cat, missing), review]);
            }
        }
    }
    f.measures = lists.into_iter().enumerate().filter_map(|(i, w)| Some((i as u32, w?.into_inner().ok()?))).collect();
    f
}

/// The push list's file name for a measure id (`hainan-2024/5` → `hainan-2024_5.csv`).
pub fn measure_file(id: &str) -> String {
    let safe: String = id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    format!("{safe}.csv")
}

/// The index of the push lists (CSV bytes with BOM): every measure of the catalogue,
/// its validity on the as-of date, whether it is listed (a benefit available then), the
/// counts, and its file.
pub fn index_csv(cat: &Catalogue, listed: &[bool], as_of: crate::Date, stats: &Stats) -> Vec<u8> {
    let mut w = csv_buffer();
    let _ = w.write_record(INDEX_COLUMNS);
    for (i, a) in cat.articles.iter().enumerate() {
        let doc = &cat.documents[a.doc];
        let validity = serde_json::to_value(crate::matcher::validity_status(&doc.validity, as_of)).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        let [e, p] = stats.per_article.get(i).copied().unwrap_or([0, 0]);
        let listed = listed[i];
        let kind = if a.kind == crate::catalogue::Kind::Task { "task" } else if listed { "yes" } else { "no" };
        let title = if a.def.title.is_empty() { a.def.heading.clone() } else { a.def.title.clone() };
        let _ = w.write_record([
            a.id.as_str(),
            doc.def.key.as_str(),
            title.as_str(),
            validity.as_str(),
            kind,
            &if listed { e.to_string() } else { String::new() },
            &if listed { p.to_string() } else { String::new() },
            &if listed { measure_file(&a.id) } else { String::new() },
        ]);
    }
    let mut out = BOM.to_vec();
    out.extend(w.into_inner().unwrap_or_default());
    out
}

/// The per-enterprise results CSV (as written, BOM included) as an XLSX workbook: one
/// sheet, `line` as a number, every other field as text. Used by the batch page, which
/// converts its CSV download on request; all of it is held in memory meanwhile.
pub fn csv_to_xlsx(csv_bytes: &[u8]) -> Result<Vec<u8>, String> {
    let bytes = csv_bytes.strip_prefix(BOM).unwrap_or(csv_bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (r, record) in reader.records().enumerate() {
        let record = record.map_err(|e| e.to_string())?;
        let row = u32::try_from(r).ok().filter(|r| *r < 1_048_576).ok_or("XLSX holds at most 1,048,576 rows")?;
        for (c, field) in record.iter().enumerate() {
            let col = u16::try_from(c).map_err(|e| e.to_string())?;
            match (r, c, field.parse::<f64>()) {
                (1.., c, Ok(n)) if NUMBER_COLUMNS.contains(&c) => ws.write_number(row, col, n).map(|_| ()),
                (_, _, _) if field.is_empty() => Ok(()),
                _ => ws.write_string(row, col, field).map(|_| ()),
            }
            .map_err(|e| e.to_string())?;
        }
    }
    book.save_to_buffer().map_err(|e| e.to_string())
}

//! Reading a register file into chunks of raw rows, streaming: CSV through the `csv`
//! crate, JSON Lines line by line, XLSX through calamine's cell reader (the first sheet,
//! cell by cell; the workbook's shared-string table is loaded whole, as the format
//! requires, and the zip needs a seekable source). Each row keeps its line number
//! (the CSV line where the record starts, the JSONL line, the spreadsheet row).

use super::columns::{Cell, Columns};
use crate::error::{Code, Error};
use crate::schema::Schema;
use std::io::{BufRead, Read, Seek};
use std::sync::Arc;

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Jsonl,
    Xlsx,
}

impl Format {
    /// By file name (`.csv`, `.jsonl`/`.ndjson`/`.json`, `.xlsx`).
    pub fn from_name(name: &str) -> Option<Format> {
        let lower = name.to_ascii_lowercase();
        let ext = lower.rsplit('.').next().unwrap_or("");
        match ext {
            "csv" | "txt" => Some(Format::Csv),
            "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            _ => None,
        }
    }

    /// By the first bytes: a zip (`PK`) is XLSX, a `{` JSON Lines, anything else CSV.
    pub fn sniff(head: &[u8]) -> Format {
        let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
        let first = head.iter().find(|b| !b.is_ascii_whitespace());
        if head.starts_with(b"PK\x03\x04") {
            Format::Xlsx
        } else if first == Some(&b'{') {
            Format::Jsonl
        } else {
            Format::Csv
        }
    }
}

/// One row as read, before it becomes a profile.
#[derive(Debug, Clone)]
pub enum Raw {
    /// The cells of a CSV or XLSX row, one per header column.
    Cells(Vec<Cell>),
    /// One JSON Lines line.
    Json(String),
    /// A row that cannot be read as a record (its fields do not line up with the
    /// header, it is not text): the error says why.
    Broken(Error),
}

#[derive(Debug, Clone)]
pub struct RawRow {
    pub line: u64,
    pub raw: Raw,
}

/// A run of rows, numbered in file order, with the header they belong to.
#[derive(Debug, Clone)]
pub struct Chunk {
    pub seq: u64,
    pub rows: Vec<RawRow>,
    pub columns: Option<Arc<Columns>>,
    /// Bytes of the input read so far (for progress; 0 where unknown).
    pub position: u64,
}

/// What the reader says about the file as a whole: the header's warnings (unknown
/// columns, core columns absent) and file-level errors (empty, not a workbook).
#[derive(Debug, Clone, Default)]
pub struct FileReport {
    pub warnings: Vec<Error>,
    pub errors: Vec<Error>,
    pub rows: u64,
}

fn broken(line: u64, zh: String, en: String) -> RawRow {
    RawRow { line, raw: Raw::Broken(Error::new(Code::NotAnObject, "", zh, en)) }
}

/// Text of one CSV field: UTF-8, or else GB18030 (what Excel on a Chinese Windows
/// saves as "CSV"), decoded rather than refused.
fn field_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// Pushes chunks of `chunk_rows` rows to `sink` until the input ends or `sink` says
/// stop (returns false). `position` reports progress in bytes where it can be known.
struct Chunker<'s> {
    seq: u64,
    rows: Vec<RawRow>,
    chunk_rows: usize,
    columns: Option<Arc<Columns>>,
    sink: &'s mut dyn FnMut(Chunk) -> bool,
    stopped: bool,
    report: FileReport,
}

impl Chunker<'_> {
    fn push(&mut self, row: RawRow, position: u64) {
        self.report.rows += 1;
        self.rows.push(row);
        if self.rows.len() >= self.chunk_rows {
            self.flush(position);
        }
    }
    fn flush(&mut self, position: u64) {
        if self.rows.is_empty() || self.stopped {
            return;
        }
        let rows = std::mem::replace(&mut self.rows, Vec::with_capacity(self.chunk_rows));
        let chunk = Chunk { seq: self.seq, rows, columns: self.columns.clone(), position };
        self.seq += 1;
        if !(self.sink)(chunk) {
            self.stopped = true;
        }
    }
    fn empty_file(&mut self) {
        self.report.errors.push(Error::new(Code::NotAnObject, "", "文件为空：没有表头，也没有数据行", "the file is empty: no header row and no data rows"));
    }
}

/// What [`QuoteGuard`] puts in place of a line whose quote never closes.
const UNMATCHED: &[u8] = b"\x00\x01pm-unmatched-quote";
/// What [`QuoteGuard`] puts in place of a blank line: the CSV reader skips blank lines
/// without counting them, which would shift the line numbers of every row after one.
const BLANK: &[u8] = b"\x00\x01pm-blank";

/// Keeps one unmatched quote from swallowing the rest of a file. A quoted field may span
/// lines, so a line with an odd number of `"` opens a record that goes on until a line
/// that closes it; if none does within `MAX_SPAN` lines, the opening line alone is the
/// bad row: it is replaced by a marker line (so line numbers stay right, and the CSV
/// reader reports it) and reading resumes on the next line. The CSV itself is still
/// parsed by the `csv` crate; this only bounds how far a broken quote reaches.
struct QuoteGuard<R> {
    inner: R,
    pending: std::collections::VecDeque<Vec<u8>>,
    out: Vec<u8>,
    at: usize,
}

const MAX_SPAN: usize = 32;

fn odd_quotes(line: &[u8]) -> bool {
    line.iter().filter(|b| **b == b'"').count() % 2 == 1
}

impl<R: BufRead> QuoteGuard<R> {
    fn new(inner: R) -> Self {
        QuoteGuard { inner, pending: Default::default(), out: Vec::with_capacity(1 << 16), at: 0 }
    }
    fn line(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        if let Some(l) = self.pending.pop_front() {
            return Ok(Some(l));
        }
        let mut l = Vec::new();
        Ok((self.inner.read_until(b'\n', &mut l)? > 0).then_some(l))
    }
    /// Refills `out` with the next record's lines (several lines per call in the common case).
    fn refill(&mut self) -> std::io::Result<()> {
        self.out.clear();
        self.at = 0;
        while self.out.len() < 1 << 15 {
            if self.pending.is_empty() {
                // The common case: lines straight from the input, quotes balanced.
                let start = self.out.len();
                if self.inner.read_until(b'\n', &mut self.out)? == 0 {
                    return Ok(());
                }
                if self.out[start..].iter().all(u8::is_ascii_whitespace) {
                    let ending = self.out[start..].ends_with(b"\r\n");
                    self.out.truncate(start);
                    self.out.extend_from_slice(BLANK);
                    self.out.extend_from_slice(if ending { b"\r\n" } else { b"\n" });
                    continue;
                }
                if !odd_quotes(&self.out[start..]) {
                    continue;
                }
                let first = self.out.split_off(start);
                self.pending.push_front(first);
            }
            let Some(first) = self.line()? else { return Ok(()) };
            if first.iter().all(u8::is_ascii_whitespace) {
                self.out.extend_from_slice(BLANK);
                self.out.push(b'\n');
                continue;
            }
            if !odd_quotes(&first) {
                self.out.extend_from_slice(&first);
                continue;
            }
            let mut group = vec![first];
            let mut open = true;
            while open && group.len() < MAX_SPAN {
                match self.line()? {
                    Some(l) => {
                        open = !odd_quotes(&l);
                        group.push(l);
                    }
                    None => break,
                }
            }
            if open {
                let first = group.remove(0);
                let ending: &[u8] = if first.ends_with(b"\r\n") { b"\r\n" } else { b"\n" };
                self.out.extend_from_slice(UNMATCHED);
                self.out.extend_from_slice(ending);
                for l in group.into_iter().rev() {
                    self.pending.push_front(l);
                }
            } else {
                for l in group {
                    self.out.extend_from_slice(&l);
                }
            }
        }
        Ok(())
    }
}

impl<R: BufRead> Read for QuoteGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at >= self.out.len() {
            self.refill()?;
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Reads a CSV file (with a header row; `,` separated; UTF-8 with or without BOM, or GB18030).
pub fn read_csv<R: BufRead>(reader: R, schema: &Schema, default_scale: f64, chunk_rows: usize, sink: &mut dyn FnMut(Chunk) -> bool) -> FileReport {
    let mut csv = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(QuoteGuard::new(reader));
    let mut c = Chunker { seq: 0, rows: Vec::new(), chunk_rows, columns: None, sink, stopped: false, report: FileReport::default() };
    let mut record = csv::ByteRecord::new();
    let mut width = 0;
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let pos = record.position().map_or(0, |p| p.byte());
                let line = record.position().map_or(0, |p| p.line());
                if record.len() == 1 && &record[0] == BLANK {
                    continue;
                }
                if c.columns.is_none() {
                    let headers: Vec<String> = record.iter().map(field_text).collect();
                    let (cols, warnings) = Columns::new(schema, &headers, default_scale);
                    width = headers.len();
                    c.report.warnings = warnings.into_iter().map(|e| at_line(e, line)).collect();
                    c.columns = Some(Arc::new(cols));
                    continue;
                }
                let n = record.len();
                if n == 1 && &record[0] == UNMATCHED {
                    c.push(broken(line, format!("第{line}行的引号没有配对，该行未读取"), format!("line {line} has a quote that is never closed: row not read")), pos);
                    continue;
                }
                let extra_empty = n > width && record.iter().skip(width).all(|f| f.iter().all(u8::is_ascii_whitespace));
                if n == width || extra_empty {
                    let cells = record.iter().take(width).map(|f| if f.is_empty() { Cell::Empty } else { Cell::Text(field_text(f)) }).collect();
                    c.push(RawRow { line, raw: Raw::Cells(cells) }, pos);
                } else {
                    let quotes = record.iter().any(|f| f.contains(&b'"') || f.contains(&b'\n'));
                    let hint_zh = if quotes { "（引号未配对？）" } else { "" };
                    let hint_en = if quotes { " (an unmatched quote?)" } else { "" };
                    c.push(broken(line, format!("第{line}行有{n}个字段，表头有{width}列{hint_zh}：该行未读取"), format!("line {line} has {n} fields, the header has {width} columns{hint_en}: row not read")), pos);
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                let pos = e.position().map_or(0, |p| p.byte());
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    c.report.errors.push(Error::new(Code::NotAnObject, "", format!("读取中断：{e}"), format!("reading stopped: {e}")));
                    break;
                }
                c.push(broken(line, format!("第{line}行无法读取：{e}"), format!("line {line} cannot be read: {e}")), pos);
            }
        }
        if c.stopped {
            break;
        }
    }
    if c.columns.is_none() {
        c.empty_file();
    }
    let pos = csv.position().byte();
    c.flush(pos);
    c.report
}

/// Reads JSON Lines: one profile object per line (blank lines skipped).
pub fn read_jsonl<R: BufRead>(mut reader: R, chunk_rows: usize, sink: &mut dyn FnMut(Chunk) -> bool) -> FileReport {
    let mut c = Chunker { seq: 0, rows: Vec::new(), chunk_rows, columns: None, sink, stopped: false, report: FileReport::default() };
    let mut buf = Vec::new();
    let mut line = 0u64;
    let mut pos = 0u64;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(n) => {
                line += 1;
                pos += n as u64;
                let bytes = if line == 1 { buf.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&buf) } else { &buf[..] };
                if bytes.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let row = match std::str::from_utf8(bytes) {
                    Ok(s) => RawRow { line, raw: Raw::Json(s.trim_end().to_string()) },
                    Err(_) => broken(line, format!("第{line}行不是 UTF-8 文本"), format!("line {line} is not UTF-8 text")),
                };
                c.push(row, pos);
            }
            Err(e) => {
                c.report.errors.push(Error::new(Code::NotAnObject, "", format!("读取中断：{e}"), format!("reading stopped: {e}")));
                break;
            }
        }
        if c.stopped {
            break;
        }
    }
    if line == 0 {
        c.empty_file();
    }
    c.flush(pos);
    c.report
}

fn xlsx_cell(v: &calamine::DataRef<'_>) -> Cell {
    use calamine::DataRef as D;
    match v {
        D::Int(i) => Cell::Number(*i as f64),
        D::Float(f) => Cell::Number(*f),
        D::String(s) => Cell::Text(s.clone()),
        D::SharedString(s) => Cell::Text(s.to_string()),
        D::Bool(b) => Cell::Bool(*b),
        // Serial days since 1899-12-30 (the 1900 date system; 1904 workbooks are rare).
        D::DateTime(d) => Cell::Date(crate::date::Date((d.as_f64().floor() as i32).saturating_sub(25_569))),
        D::DateTimeIso(s) | D::DurationIso(s) => Cell::Text(s.clone()),
        D::Error(e) => Cell::Text(format!("#{e:?}")),
        D::Empty => Cell::Empty,
    }
}

/// Reads the first worksheet of an XLSX workbook; its first non-empty row is the header.
pub fn read_xlsx<RS: Read + Seek>(reader: RS, schema: &Schema, default_scale: f64, chunk_rows: usize, sink: &mut dyn FnMut(Chunk) -> bool) -> FileReport {
    use calamine::Reader;
    let mut c = Chunker { seq: 0, rows: Vec::new(), chunk_rows, columns: None, sink, stopped: false, report: FileReport::default() };
    let fail = |c: &mut Chunker, e: String| {
        c.report.errors.push(Error::new(Code::NotAnObject, "", format!("无法读取 XLSX 工作簿：{e}"), format!("cannot read the XLSX workbook: {e}")));
    };
    let mut book: calamine::Xlsx<RS> = match calamine::Xlsx::new(reader) {
        Ok(b) => b,
        Err(e) => {
            fail(&mut c, e.to_string());
            return c.report;
        }
    };
    let Some(sheet) = book.sheet_names().first().cloned() else {
        c.empty_file();
        return c.report;
    };
    let mut cells = match book.worksheet_cells_reader(&sheet) {
        Ok(r) => r,
        Err(e) => {
            fail(&mut c, e.to_string());
            return c.report;
        }
    };
    let mut width = 0usize;
    let mut current: Option<(u32, Vec<Cell>)> = None;
    let finish_row = |c: &mut Chunker, row: u32, values: Vec<Cell>, width: &mut usize| {
        let line = row as u64 + 1;
        if c.columns.is_none() {
            let headers: Vec<String> = values.iter().map(super::columns::cell_text).collect();
            let (cols, warnings) = Columns::new(schema, &headers, default_scale);
            *width = headers.len();
            c.report.warnings = warnings.into_iter().map(|e| at_line(e, line)).collect();
            c.columns = Some(Arc::new(cols));
        } else if values.iter().any(|v| *v != Cell::Empty) {
            let mut values = values;
            values.resize(*width, Cell::Empty);
            c.push(RawRow { line, raw: Raw::Cells(values) }, 0);
        }
    };
    loop {
        match cells.next_cell() {
            Ok(Some(cell)) => {
                let (row, col) = cell.get_position();
                let value = xlsx_cell(cell.get_value());
                if current.as_ref().is_some_and(|(r, _)| *r != row) {
                    let (r, values) = current.take().unwrap_or_default();
                    finish_row(&mut c, r, values, &mut width);
                    if c.stopped {
                        return c.report;
                    }
                }
                let (_, values) = current.get_or_insert_with(|| (row, Vec::new()));
                let col = col as usize;
                // Cells beyond the header are ignored (the header row itself takes them all).
                if c.columns.is_none() || col < width {
                    if values.len() <= col {
                        values.resize(col + 1, Cell::Empty);
                    }
                    values[col] = value;
                }
            }
            Ok(None) => break,
            Err(e) => {
                fail(&mut c, e.to_string());
                break;
            }
        }
    }
    if let Some((r, values)) = current.take() {
        finish_row(&mut c, r, values, &mut width);
    }
    if c.columns.is_none() {
        c.empty_file();
    }
    c.flush(0);
    c.report
}

/// The error, located at a line of the input.
pub fn at_line(mut e: Error, line: u64) -> Error {
    e.line = Some(line.min(u32::MAX as u64) as u32);
    e
}

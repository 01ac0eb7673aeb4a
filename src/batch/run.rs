//! The native pipeline: one thread reads chunks of rows, a pool of worker threads
//! matches and formats them, and the calling thread writes them out in input order.
//! At most `in_flight` chunks exist at once (a token is taken per chunk read and given
//! back when it is written), so memory stays the same whatever the row count; the
//! output is the same for any number of threads.

use super::read::{read_csv, read_jsonl, read_xlsx, Chunk, FileReport, Format};
use super::row::{Matcher, RowResult, RowScratch};
use super::write::{self, csv_header, format_chunk, measure_file, OutFormat, Stats, BOM, MEASURE_COLUMNS, RESULT_COLUMNS};
use crate::catalogue::Catalogue;
use crate::date::Date;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};

/// How to run a batch.
#[derive(Debug, Clone)]
pub struct Options {
    pub as_of: Date,
    /// Factor from the file's amounts to yuan where a header names no unit (10000 for `--unit wan`).
    pub scale: f64,
    pub format: OutFormat,
    pub threads: usize,
    pub chunk_rows: usize,
    /// Chunks read but not yet written, at most.
    pub in_flight: usize,
    /// Where to write the per-measure push lists and their index.
    pub by_measure: Option<PathBuf>,
    /// The region of rows that give none (`--region`): a code or a place name.
    pub region: Option<String>,
    /// Show a progress bar on stderr (the CLI sets it when stderr is a terminal).
    pub progress: bool,
}

impl Options {
    pub fn new(as_of: Date) -> Options {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        Options { as_of, scale: 1.0, format: OutFormat::Jsonl, threads, chunk_rows: 2048, in_flight: 4 * threads.max(1), by_measure: None, region: None, progress: false }
    }
}

/// Where the rows come from.
pub enum Source {
    /// A stream (stdin, a pipe): XLSX from it is read into memory first, as the zip
    /// format needs seeking.
    Stream(Box<dyn Read + Send>),
    /// A file, with its size for progress.
    File(File, u64),
}

/// Where the per-enterprise results go.
pub enum Sink<'w> {
    /// CSV or JSON Lines bytes (stdout, a file, a buffer in tests).
    Writer(&'w mut dyn Write),
    /// An XLSX file (the format needs a file to finish the zip).
    XlsxFile(PathBuf),
}

/// How a batch went.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub stats: Stats,
    pub file: FileReport,
}

impl Summary {
    /// The closing lines, in both languages.
    pub fn text(&self, seconds: f64) -> String {
        let s = &self.stats;
        let mut out = String::new();
        for e in self.file.errors.iter().chain(&self.file.warnings) {
            out.push_str(&format!("{e}\n"));
        }
        let rate = if seconds > 0.0 { s.rows as f64 / seconds } else { 0.0 };
        if s.region_unknown > 0 {
            out.push_str(&format!(
                "{n} 行没有可用的所在地（未填、无效或地名不唯一）：这些企业不列入限定地区措施的推送名单（可用 --region 指定全表的默认所在地）\n{n} rows have no usable region (missing, invalid or an ambiguous name): they are left off the push lists of measures restricted to a region (--region gives the whole register one)\n",
                n = s.region_unknown
            ));
        }
        out.push_str(&format!(
            "{} 行，{} 行有错误（其中 {} 行无法读取）；符合 {} 项次，可能符合 {} 项次；用时 {:.2} 秒\n{} rows, {} with errors ({} unreadable); {} eligible and {} possible (enterprise, measure) pairs; {:.2} s, {:.0} rows/s",
            s.rows, s.with_errors, s.unreadable, s.eligible_pairs, s.possible_pairs, seconds, s.rows, s.with_errors, s.unreadable, s.eligible_pairs, s.possible_pairs, seconds, rate
        ));
        out
    }

    /// The process exit code: 0 when every row was clean, 1 when some rows (or the file) had errors.
    pub fn exit_code(&self) -> u8 {
        u8::from(self.stats.with_errors > 0 || !self.file.errors.is_empty())
    }
}

/// A finished chunk on its way to the writer.
struct Done<'c> {
    seq: u64,
    rows: Vec<RowResult<'c>>,
    formatted: write::Formatted,
    position: u64,
}

/// The push lists being written: one CSV per listed measure.
struct Lists {
    dir: PathBuf,
    files: Vec<Option<BufWriter<File>>>,
}

impl Lists {
    fn create(dir: &Path, matcher: &Matcher) -> std::io::Result<Lists> {
        std::fs::create_dir_all(dir)?;
        let mut files = Vec::new();
        let header = csv_header(&MEASURE_COLUMNS);
        for (a, listed) in matcher.cat.articles.iter().zip(&matcher.listed) {
            files.push(if *listed {
                let mut f = BufWriter::new(File::create(dir.join(measure_file(&a.id)))?);
                f.write_all(BOM)?;
                f.write_all(&header)?;
                Some(f)
            } else {
                None
            });
        }
        Ok(Lists { dir: dir.to_path_buf(), files })
    }
}

struct Xlsx {
    book: rust_xlsxwriter::Workbook,
    path: PathBuf,
    row: u32,
}

impl Xlsx {
    fn new(path: PathBuf) -> Result<Xlsx, String> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet_with_constant_memory();
        for (c, h) in RESULT_COLUMNS.iter().enumerate() {
            ws.write_string(0, c as u16, *h).map_err(|e| e.to_string())?;
        }
        Ok(Xlsx { book, path, row: 1 })
    }
    fn rows(&mut self, cat: &Catalogue, rows: &[RowResult]) -> Result<(), String> {
        let ws = self.book.worksheet_from_index(0).map_err(|e| e.to_string())?;
        for r in rows {
            if self.row >= 1_048_576 {
                return Err("XLSX holds at most 1,048,576 rows: use --format csv or jsonl".into());
            }
            for (c, v) in write::result_fields(cat, r).iter().enumerate() {
                if c == 0 {
                    ws.write_number(self.row, 0, r.line as f64).map_err(|e| e.to_string())?;
                } else if let (true, Ok(n)) = (write::NUMBER_COLUMNS.contains(&c), v.parse::<f64>()) {
                    ws.write_number(self.row, c as u16, n).map_err(|e| e.to_string())?;
                } else if !v.is_empty() {
                    ws.write_string(self.row, c as u16, v).map_err(|e| e.to_string())?;
                }
            }
            self.row += 1;
        }
        Ok(())
    }
}

/// Runs a batch: reads `source` as `format`, writes results to `sink` (and the push
/// lists if asked), and returns the summary. `Err` only for what stops the whole run
/// (an output that cannot be written); bad rows and a bad file are in the summary.
pub fn run(cat: &Catalogue, format: Format, source: Source, sink: Sink, opts: &Options) -> Result<Summary, String> {
    let mut matcher = Matcher::new(cat, opts.as_of, opts.scale);
    if let Some(region) = &opts.region {
        matcher = matcher.with_region(region).map_err(|e| format!("--region {region}: {e}"))?;
    }
    let threads = opts.threads.max(1);
    let in_flight = opts.in_flight.max(1);
    let chunk_rows = opts.chunk_rows.max(1);
    let total = match &source {
        Source::File(_, n) => *n,
        Source::Stream(_) => 0,
    };
    let mut lists = match &opts.by_measure {
        Some(dir) => Some(Lists::create(dir, &matcher).map_err(|e| format!("{}: {e}", dir.display()))?),
        None => None,
    };
    let (mut writer, mut xlsx) = match sink {
        Sink::Writer(w) => (Some(w), None),
        Sink::XlsxFile(p) => (None, Some(Xlsx::new(p)?)),
    };
    if let Some(w) = writer.as_mut() {
        if opts.format == OutFormat::Csv {
            w.write_all(BOM).and_then(|_| w.write_all(&csv_header(&RESULT_COLUMNS))).map_err(|e| e.to_string())?;
        }
    }
    let bar = if opts.progress {
        let bar = if total > 0 { indicatif::ProgressBar::new(total) } else { indicatif::ProgressBar::new_spinner() };
        let template = if total > 0 { "{bar:40} {bytes}/{total_bytes} · {msg} · {elapsed}" } else { "{spinner} {msg} · {elapsed}" };
        if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };

    let stop = AtomicBool::new(false);
    let (work_tx, work_rx) = sync_channel::<Chunk>(in_flight);
    let work_rx: Arc<Mutex<Receiver<Chunk>>> = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = sync_channel::<Done>(in_flight);
    let (token_tx, token_rx) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        let _ = token_tx.send(());
    }
    let mut token_tx = Some(token_tx);
    let mut stats = Stats::default();
    let mut failure: Option<String> = None;

    let report = std::thread::scope(|s| {
        let stop = &stop;
        let reader = s.spawn(move || {
            let mut send = |chunk: Chunk| !stop.load(Ordering::Relaxed) && token_rx.recv().is_ok() && work_tx.send(chunk).is_ok();
            let schema = &cat.schema;
            match (format, source) {
                (Format::Csv, Source::File(f, _)) => read_csv(BufReader::with_capacity(1 << 16, f), schema, opts.scale, chunk_rows, &mut send),
                (Format::Csv, Source::Stream(r)) => read_csv(BufReader::with_capacity(1 << 16, r), schema, opts.scale, chunk_rows, &mut send),
                (Format::Jsonl, Source::File(f, _)) => read_jsonl(BufReader::with_capacity(1 << 16, f), chunk_rows, &mut send),
                (Format::Jsonl, Source::Stream(r)) => read_jsonl(BufReader::with_capacity(1 << 16, r), chunk_rows, &mut send),
                (Format::Xlsx, Source::File(f, _)) => read_xlsx(BufReader::new(f), schema, opts.scale, chunk_rows, &mut send),
                (Format::Xlsx, Source::Stream(mut r)) => {
                    let mut bytes = Vec::new();
                    match r.read_to_end(&mut bytes) {
                        Ok(_) => read_xlsx(Cursor::new(bytes), schema, opts.scale, chunk_rows, &mut send),
                        Err(e) => FileReport { errors: vec![crate::Error::new(crate::Code::NotAnObject, "", format!("读取中断：{e}"), format!("reading stopped: {e}"))], ..FileReport::default() },
                    }
                }
            }
        });
        for _ in 0..threads {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            let matcher = &matcher;
            let by_measure = opts.by_measure.is_some();
            let format = opts.format;
            s.spawn(move || {
                let mut scratch = RowScratch::default();
                loop {
                    let next = work_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok(chunk)) = next else { break };
                    let columns = chunk.columns.as_deref();
                    let rows: Vec<RowResult> = chunk.rows.iter().map(|r| matcher.row(r, columns, &mut scratch)).collect();
                    let formatted = format_chunk(cat, &rows, format, by_measure);
                    let rows = if format == OutFormat::Xlsx { rows } else { Vec::new() };
                    if done_tx.send(Done { seq: chunk.seq, rows, formatted, position: chunk.position }).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
        let mut next = 0u64;
        for done in done_rx.iter() {
            pending.insert(done.seq, done);
            while let Some(d) = pending.remove(&next) {
                next += 1;
                if failure.is_none() {
                    let r = write_chunk(cat, &d, writer.as_deref_mut(), xlsx.as_mut(), lists.as_mut());
                    if let Err(e) = r {
                        failure = Some(e);
                        stop.store(true, Ordering::Relaxed);
                        token_tx = None; // the reader stops taking chunks
                    }
                }
                stats.add(&d.formatted.stats);
                bar.set_position(d.position);
                bar.set_message(format!("{} rows", stats.rows));
                if let Some(t) = &token_tx {
                    let _ = t.send(());
                }
            }
        }
        reader.join().unwrap_or_default()
    });
    bar.finish_and_clear();
    let mut report = report;
    // With --region, a register without a region column is not unanswered there.
    if let Some(code) = &matcher.default_region {
        for w in report.warnings.iter_mut().filter(|w| w.code == crate::Code::UnknownField && w.field == "region") {
            w.message = format!("没有“region”列：每家企业的所在地按 --region {code} 处理");
            w.message_en = format!("no 'region' column: every enterprise is taken to be in {code} (--region)");
        }
    }
    if let Some(e) = failure {
        return Err(e);
    }
    if let Some(w) = writer {
        w.flush().map_err(|e| e.to_string())?;
    }
    if let Some(mut x) = xlsx {
        x.book.save(&x.path).map_err(|e| format!("{}: {e}", x.path.display()))?;
    }
    if let Some(lists) = lists {
        for f in lists.files.into_iter().flatten() {
            f.into_inner().map_err(|e| e.to_string())?.sync_all().ok();
        }
        let index = write::index_csv(cat, &matcher.listed, opts.as_of, &stats);
        std::fs::write(lists.dir.join("index.csv"), index).map_err(|e| format!("{}: {e}", lists.dir.display()))?;
    }
    Ok(Summary { stats, file: report })
}

fn write_chunk<W: Write + ?Sized>(cat: &Catalogue, d: &Done, writer: Option<&mut W>, xlsx: Option<&mut Xlsx>, lists: Option<&mut Lists>) -> Result<(), String> {
    if let Some(w) = writer {
        w.write_all(&d.formatted.main).map_err(|e| e.to_string())?;
    }
    if let Some(x) = xlsx {
        x.rows(cat, &d.rows)?;
    }
    if let Some(lists) = lists {
        for (i, bytes) in &d.formatted.measures {
            if let Some(f) = lists.files[*i as usize].as_mut() {
                f.write_all(bytes).map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(())
}

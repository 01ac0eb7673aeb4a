//! One row through the core: the row's cells (or JSON object) become a profile
//! [`Input`], read and derived by `matcher::facts`, decided by `matcher::decide`; for a
//! measure that possibly fits, what is missing is the open atoms of its open benefits,
//! exactly as `matchProfile` explains them.

use super::columns::{cell_input, cell_text, Columns, Role};
use super::read::{at_line, Raw, RawRow};
use crate::catalogue::{Catalogue, Kind};
use crate::condition::{Atom, Cond};
use crate::date::Date;
use crate::error::{Code, Error};
use crate::eval::{self, Tri};
use crate::matcher::{self, validity_status};
use crate::plan::{Scratch, Verdict};
use crate::profile::{Derived, Input};
use crate::schema::Value;
use crate::size;
use serde::Serialize;
use std::collections::HashMap;

/// The atoms whose answer could still change an unknown condition, and its verdict, in
/// one pass: `eval::open_atoms` without evaluating each subtree again (it collects the
/// same atoms: the unknown atoms of the unknown subtrees of an unknown condition).
fn open_atoms<'c>(c: &'c Cond, facts: &[Value], as_of: Date, out: &mut Vec<&'c Atom>) -> Tri {
    let mark = out.len();
    let t = match c {
        Cond::Atom(a) => {
            let t = eval::atom(a, facts, as_of);
            if t == Tri::Unknown {
                out.push(a);
            }
            t
        }
        Cond::Not(inner) => open_atoms(inner, facts, as_of, out).not(),
        Cond::All(cs) | Cond::Any(cs) => {
            let stop = if matches!(c, Cond::All(_)) { Tri::False } else { Tri::True };
            let mut acc = stop.not();
            for c in cs {
                match open_atoms(c, facts, as_of, out) {
                    t if t == stop => {
                        acc = stop;
                        break;
                    }
                    Tri::Unknown => acc = Tri::Unknown,
                    _ => {}
                }
            }
            acc
        }
    };
    if t != Tri::Unknown {
        out.truncate(mark);
    }
    t
}

/// A row's error: the core's error, with the line and the column (as the file names it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowError {
    pub code: Code,
    pub field: String,
    pub column: Option<String>,
    pub line: u64,
    pub message: String,
    pub message_en: String,
}

impl RowError {
    pub fn new(e: Error, line: u64, column: Option<String>) -> RowError {
        RowError { code: e.code, field: e.field, column, line, message: e.message, message_en: e.message_en }
    }
}

/// One row's outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct RowResult<'c> {
    pub line: u64,
    /// id, name, 统一社会信用代码, where the file has them.
    pub carried: [Option<String>; 3],
    /// The size class (`large` … `micro`, or `unknown`); `None` if the row could not be read.
    pub size: Option<&'static str>,
    /// Articles (catalogue index) that fit, in catalogue order.
    pub eligible: Vec<u32>,
    /// Articles that possibly fit, each with the attributes whose answer would decide it.
    pub possible: Vec<(u32, Vec<&'c str>)>,
    /// The estimated total in yuan (low, high) of what fits now, as `matchProfile`'s
    /// `summary.estimate`; `None` where nothing that fits has a figure.
    pub estimate: Option<(f64, f64)>,
    pub errors: Vec<RowError>,
}

impl RowResult<'_> {
    /// Whether the row was read at all (else it only has errors).
    pub fn readable(&self) -> bool {
        self.size.is_some()
    }
}

/// Matches rows against one catalogue on one date.
pub struct Matcher<'c> {
    pub cat: &'c Catalogue,
    pub as_of: Date,
    /// Per article: listed in results and push lists — a benefit measure whose validity
    /// lets it be taken up on `as_of` (current or unknown; not upcoming, lapsed, expired).
    pub listed: Vec<bool>,
    /// For JSON Lines keys: every name a column may have → its role.
    names: HashMap<String, Role>,
    choices: super::columns::Choices,
    default_scale: f64,
}

/// Per-thread scratch for [`Matcher::row`].
#[derive(Default)]
pub struct RowScratch {
    plan: Scratch,
    verdicts: Vec<Verdict>,
}

impl<'c> Matcher<'c> {
    pub fn new(cat: &'c Catalogue, as_of: Date, default_scale: f64) -> Matcher<'c> {
        let listed = cat.articles.iter().map(|a| a.kind == Kind::Benefit && validity_status(&cat.documents[a.doc].validity, as_of).available()).collect();
        Matcher { cat, as_of, listed, names: super::columns::name_table(&cat.schema), choices: super::columns::choice_table(&cat.schema), default_scale }
    }

    /// Matches one raw row; `columns` is the header (CSV, XLSX).
    pub fn row(&self, row: &RawRow, columns: Option<&Columns>, scratch: &mut RowScratch) -> RowResult<'c> {
        let line = row.line;
        let mut carried: [Option<String>; 3] = Default::default();
        match &row.raw {
            Raw::Broken(e) => self.unreadable(line, e.clone(), carried),
            Raw::Cells(cells) => {
                let Some(columns) = columns else {
                    return self.unreadable(line, Error::new(Code::NotAnObject, "", "没有表头", "no header row"), carried);
                };
                let mut fields = Vec::with_capacity(cells.len());
                for (cell, role) in cells.iter().zip(&columns.roles) {
                    match *role {
                        Role::Attr { slot, scale } => {
                            let attr = &self.cat.schema.attrs[slot];
                            if let Some(v) = cell_input(attr, &self.choices[slot], cell, scale) {
                                fields.push((attr.def.id.clone(), v));
                            }
                        }
                        Role::Carry(i) => carried[i] = Some(cell_text(cell)).filter(|s| !s.is_empty()),
                        Role::Ignored => {}
                    }
                }
                self.matched(line, &Input::Object(fields), carried, |field| columns.column_of(&self.cat.schema, field).map(str::to_string), scratch)
            }
            Raw::Json(text) => {
                let value: serde_json::Value = match serde_json::from_str(text) {
                    Ok(v) => v,
                    Err(e) => return self.unreadable(line, Error::new(Code::NotAnObject, "", format!("第{line}行不是 JSON：{e}"), format!("line {line} is not JSON: {e}")), carried),
                };
                let serde_json::Value::Object(map) = &value else {
                    return self.matched(line, &Input::from(&value), carried, |_| None, scratch);
                };
                // Keys may be column names too (营业收入（万元）); carried keys are taken out.
                let mut fields = Vec::with_capacity(map.len());
                let mut keys: Vec<(String, String)> = Vec::new();
                for (key, v) in map {
                    let role = self.names.get(key.as_str()).copied().or_else(|| self.names.get(&super::columns::normalize(key).0).copied());
                    match role {
                        Some(Role::Carry(i)) => {
                            carried[i] = match v {
                                serde_json::Value::String(s) => Some(s.clone()),
                                serde_json::Value::Null => None,
                                other => Some(other.to_string()),
                            }
                        }
                        Some(Role::Attr { slot, .. }) => {
                            let attr = &self.cat.schema.attrs[slot];
                            let scale = if attr.def.unit.as_deref() == Some("yuan") { super::columns::normalize(key).1.unwrap_or(self.default_scale) } else { 1.0 };
                            let mut input = Input::from(v);
                            if let Input::Number(n) = &mut input {
                                *n *= scale;
                            }
                            if *key != attr.def.id {
                                keys.push((attr.def.id.clone(), key.clone()));
                            }
                            fields.push((attr.def.id.clone(), input));
                        }
                        _ => fields.push((key.clone(), Input::from(v))),
                    }
                }
                let column = |field: &str| {
                    let base = field.split('[').next().unwrap_or(field);
                    Some(keys.iter().find(|(id, _)| id == base).map_or_else(|| base.to_string(), |(_, k)| k.clone()))
                };
                self.matched(line, &Input::Object(fields), carried, column, scratch)
            }
        }
    }

    fn unreadable(&self, line: u64, e: Error, carried: [Option<String>; 3]) -> RowResult<'c> {
        RowResult { line, carried, size: None, eligible: Vec::new(), possible: Vec::new(), estimate: None, errors: vec![RowError::new(e, line, None)] }
    }

    /// Matches a profile: the fast decision for every measure, then what is missing for
    /// those that possibly fit.
    pub fn matched(&self, line: u64, input: &Input, carried: [Option<String>; 3], column: impl Fn(&str) -> Option<String>, scratch: &mut RowScratch) -> RowResult<'c> {
        let (facts, derived, errors) = matcher::facts(self.cat, input);
        matcher::decide(self.cat, &facts, self.as_of, &mut scratch.plan, &mut scratch.verdicts);
        let mut eligible = Vec::new();
        let mut possible = Vec::new();
        for (i, v) in scratch.verdicts.iter().enumerate() {
            if !self.listed[i] {
                continue;
            }
            match v {
                0 => eligible.push(i as u32),
                1 => possible.push((i as u32, self.missing(i, &facts, &derived))),
                _ => {}
            }
        }
        // The same total as `summary.estimate`: over every measure that fits (the
        // benefits' own validity decides, as in `matchProfile`).
        let fits = scratch.verdicts.iter().enumerate().filter(|(_, v)| **v == 0).map(|(i, _)| i);
        let estimate = self.cat.fits_estimate(fits, &facts, self.as_of, &mut scratch.plan).map(|e| (e.low, e.high));
        let errors = errors.into_iter().map(|e| {
            let col = column(&e.field);
            RowError::new(at_line(e, line), line, col)
        }).collect();
        RowResult { line, carried, size: Some(derived.size.value().map_or("unknown", |t| size::NAMES[t].0)), eligible, possible, estimate, errors }
    }

    /// What would decide a measure that possibly fits: the open attributes of its
    /// benefits that possibly fit (derived facts stand for their inputs).
    fn missing(&self, article: usize, facts: &[Value], derived: &Derived) -> Vec<&'c str> {
        let mut out: Vec<&'c str> = Vec::new();
        let mut open = Vec::new();
        for b in &self.cat.articles[article].benefits {
            // Eligible, capped by checks (nothing to ask) or ineligible: nothing open.
            open.clear();
            open_atoms(&b.cond, facts, self.as_of, &mut open);
            for atom in &open {
                let id = self.cat.schema.attrs[atom.slot].def.id.as_str();
                let inputs: &[&'static str] = match id {
                    "size" => &derived.size.missing,
                    "small_low_profit" => &derived.small_low_profit.missing,
                    _ => &[],
                };
                if inputs.is_empty() && id != "size" && id != "small_low_profit" {
                    if !out.contains(&id) {
                        out.push(id);
                    }
                }
                for m in inputs {
                    if let Some(a) = self.cat.schema.get(m) {
                        let m = a.def.id.as_str();
                        if !out.contains(&m) {
                            out.push(m);
                        }
                    }
                }
            }
        }
        out
    }
}

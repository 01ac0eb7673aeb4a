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
    /// Of `possible`, those with a benefit whose condition holds but that a department
    /// or institution reviews first (the benefit's `checks`): 需主管部门审核.
    pub review: Vec<u32>,
    /// Whether the row has no usable region (none given, none by `--region`, or one in
    /// error): measures restricted to a jurisdiction are then left off its results.
    pub region_unknown: bool,
    /// How many measures that would otherwise be `possible` were left off for that reason.
    pub held_back: u32,
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
    /// Per article: its document is restricted to a jurisdiction (not national).
    pub restricted: Vec<bool>,
    /// The region of a row that gives none (`--region`): a code, checked by the caller.
    pub default_region: Option<String>,
    region_slot: Option<usize>,
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
        let restricted = cat.articles.iter().map(|a| cat.documents[a.doc].jurisdiction != crate::codes::Region::NATIONAL).collect();
        Matcher {
            cat,
            as_of,
            listed,
            restricted,
            default_region: None,
            region_slot: cat.schema.slot("region"),
            names: super::columns::name_table(&cat.schema),
            choices: super::columns::choice_table(&cat.schema),
            default_scale,
        }
    }

    /// Sets the region of rows that give none (`--region`): a 6-digit code or a place
    /// name naming one division; `Err` (the core's or the name's error) when it is not
    /// a known region.
    pub fn with_region(mut self, region: &str) -> Result<Matcher<'c>, Error> {
        let code = super::columns::region_code(region)?;
        if crate::codes::Region::parse(&code).is_none() {
            return Err(Error::new(Code::UnknownRegion, "region", format!("“{}”不是有效的6位行政区划代码", region.trim()), format!("'{}' is not a valid 6-digit region code", region.trim())));
        }
        self.default_region = Some(code);
        Ok(self)
    }

    /// Adds the default region to a row's fields if it gives none.
    fn fill_region(&self, fields: &mut Vec<(String, Input)>) {
        if let (Some(code), Some(slot)) = (&self.default_region, self.region_slot) {
            let id = &self.cat.schema.attrs[slot].def.id;
            if !fields.iter().any(|(k, v)| k == id && !matches!(v, Input::Null)) {
                fields.push((id.clone(), Input::String(code.clone())));
            }
        }
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
                let mut early = Vec::new();
                for (cell, role) in cells.iter().zip(&columns.roles) {
                    match *role {
                        Role::Attr { slot, scale } => {
                            let attr = &self.cat.schema.attrs[slot];
                            match cell_input(attr, &self.choices[slot], cell, scale) {
                                Ok(Some(v)) => fields.push((attr.def.id.clone(), v)),
                                Ok(None) => {}
                                // Stays unanswered, and not filled by the default region.
                                Err(e) => {
                                    fields.push((attr.def.id.clone(), Input::Null));
                                    early.push(e);
                                }
                            }
                        }
                        Role::Carry(i) => carried[i] = Some(cell_text(cell)).filter(|s| !s.is_empty()),
                        Role::Ignored => {}
                    }
                }
                self.fill_region(&mut fields);
                self.matched(line, &Input::Object(fields), early, carried, |field| columns.column_of(&self.cat.schema, field).map(str::to_string), scratch)
            }
            Raw::Json(text) => {
                let value: serde_json::Value = match serde_json::from_str(text) {
                    Ok(v) => v,
                    Err(e) => return self.unreadable(line, Error::new(Code::NotAnObject, "", format!("第{line}行不是 JSON：{e}"), format!("line {line} is not JSON: {e}")), carried),
                };
                let serde_json::Value::Object(map) = &value else {
                    return self.matched(line, &Input::from(&value), Vec::new(), carried, |_| None, scratch);
                };
                // Keys may be column names too (营业收入（万元）); carried keys are taken out.
                let mut fields = Vec::with_capacity(map.len());
                let mut early = Vec::new();
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
                            // Text is read as a register's cell is (units, dates, names);
                            // other JSON values as they are.
                            let input = match v {
                                serde_json::Value::String(t) => match cell_input(attr, &self.choices[slot], &super::columns::Cell::Text(t.clone()), scale) {
                                    Ok(Some(input)) => input,
                                    Ok(None) => Input::Null,
                                    Err(e) => {
                                        early.push(e);
                                        Input::Null
                                    }
                                },
                                serde_json::Value::Number(_) => match Input::from(v) {
                                    Input::Number(n) => Input::Number(n * scale),
                                    other => other,
                                },
                                _ => Input::from(v),
                            };
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
                // A region in error is not replaced by the default (it is reported).
                if !early.iter().any(|e: &Error| e.field == "region") {
                    self.fill_region(&mut fields);
                }
                self.matched(line, &Input::Object(fields), early, carried, column, scratch)
            }
        }
    }

    fn unreadable(&self, line: u64, e: Error, carried: [Option<String>; 3]) -> RowResult<'c> {
        RowResult { line, carried, size: None, eligible: Vec::new(), possible: Vec::new(), review: Vec::new(), region_unknown: true, held_back: 0, estimate: None, errors: vec![RowError::new(e, line, None)] }
    }

    /// Matches a profile: the fast decision for every measure, then what is missing for
    /// those that possibly fit. `early`: errors found reading the row's cells (they
    /// come before the core's).
    ///
    /// A row without a usable region is not `possible` for a measure restricted to a
    /// jurisdiction, nor for one whose decision waits on the region: knowing nothing of
    /// where it is, it would be on every province's push list.
    pub fn matched(&self, line: u64, input: &Input, early: Vec<Error>, carried: [Option<String>; 3], column: impl Fn(&str) -> Option<String>, scratch: &mut RowScratch) -> RowResult<'c> {
        let (facts, derived, core_errors) = matcher::facts(self.cat, input);
        matcher::decide(self.cat, &facts, self.as_of, &mut scratch.plan, &mut scratch.verdicts);
        let region_unknown = self.region_slot.is_some_and(|s| !matches!(facts[s], Value::Region(_)));
        let mut eligible = Vec::new();
        let mut possible = Vec::new();
        let mut review = Vec::new();
        let mut held_back = 0;
        for (i, v) in scratch.verdicts.iter().enumerate() {
            if !self.listed[i] {
                continue;
            }
            match v {
                0 => eligible.push(i as u32),
                1 => {
                    let (missing, reviewed) = self.missing(i, &facts, &derived);
                    if region_unknown && (self.restricted[i] || missing.contains(&"region")) {
                        held_back += 1;
                        continue;
                    }
                    if reviewed {
                        review.push(i as u32);
                    }
                    possible.push((i as u32, missing));
                }
                _ => {}
            }
        }
        let errors = early.into_iter().chain(core_errors);
        // The same total as `summary.estimate`: over every measure that fits (the
        // benefits' own validity decides, as in `matchProfile`).
        let fits = scratch.verdicts.iter().enumerate().filter(|(_, v)| **v == 0).map(|(i, _)| i);
        let estimate = self.cat.fits_estimate(fits, &facts, self.as_of, &mut scratch.plan).map(|e| (e.low, e.high));
        let errors = errors.map(|e| {
            let col = column(&e.field);
            RowError::new(at_line(e, line), line, col)
        }).collect();
        RowResult { line, carried, size: Some(derived.size.value().map_or("unknown", |t| size::NAMES[t].0)), eligible, possible, review, region_unknown, held_back, estimate, errors }
    }


    /// What would decide a measure that possibly fits: the open attributes of its
    /// benefits that possibly fit (derived facts stand for their inputs).
    /// Also says whether a benefit's condition holds but its checks hold it at
    /// `possible` (a department or institution reviews it first: 需主管部门审核).
    fn missing(&self, article: usize, facts: &[Value], derived: &Derived) -> (Vec<&'c str>, bool) {
        let mut out: Vec<&'c str> = Vec::new();
        let mut open = Vec::new();
        let mut reviewed = false;
        for b in &self.cat.articles[article].benefits {
            // Eligible, capped by checks (nothing to ask) or ineligible: nothing open.
            open.clear();
            let t = open_atoms(&b.cond, facts, self.as_of, &mut open);
            reviewed |= t == Tri::True && !b.def.checks.is_empty();
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
        (out, reviewed)
    }
}

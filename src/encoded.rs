//! The encoded profile: the answers as numbers in one flat array, so that the wasm
//! package's `decideProfile` can hand a whole profile over in one call instead of one
//! JS→wasm crossing per field (the package's JS encoder, `js/decide.js`, writes it into
//! a buffer in wasm memory). The layout comes from the schema ([`layout`]); reading it
//! back uses the same checks as [`profile::read`](crate::profile::read), so an encoded
//! profile gives exactly the facts its object gives. The encoder only encodes what it
//! can read plainly (known fields, numbers, booleans, short ASCII strings, short arrays
//! of them); anything else goes the per-field way.
//!
//! The words, all `f64`:
//! - the `as_of` option: `-1` for none (today), else a text;
//! - then, per answered field: its slot, then by the slot's [`Kind`]: a number; `0`/`1`;
//!   a text; or an item count and that many texts.
//!
//! A text is its length `L` (0..=[`MAX_TEXT`]) and `L` ASCII codes. Words that do not
//! follow this (a wrong slot, a code past 127, a short array) make the whole profile
//! [`Malformed`]: the caller then takes the per-field path. Never panics.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::catalogue::Catalogue;
use crate::date::Date;
use crate::plan::{Scratch, Verdict};
use crate::profile::{self, Input};
use crate::schema::{Facts, Schema, Ty, Value};

/// The longest text the encoder writes (longer strings take the per-field path).
pub const MAX_TEXT: usize = 64;
/// The most items of a set the encoder writes.
pub const MAX_ITEMS: usize = 64;
/// The buffer's size in words: far more than any plainly answered profile needs.
pub const CAPACITY: usize = 4096;

/// How a field is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A JS number, any (NaN, negative, fractional are checked here).
    Number,
    /// A JS boolean.
    Bool,
    /// A JS string: a date, a region or industry code, a choice.
    Text,
    /// A JS array of strings: choices.
    Set,
}

fn kind(ty: Ty) -> Kind {
    match ty {
        Ty::Number | Ty::Integer => Kind::Number,
        Ty::Bool => Kind::Bool,
        Ty::Date | Ty::Region | Ty::Industry | Ty::Enum => Kind::Text,
        Ty::Set => Kind::Set,
    }
}

/// What the encoder needs to know: each answerable field's slot and kind.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Layout {
    pub capacity: usize,
    /// [`limits::MAX_KEYS`](crate::limits::MAX_KEYS): a profile with more keys is too large.
    pub max_keys: usize,
    pub max_text: usize,
    pub max_items: usize,
    /// How many statuses a decision gives (the catalogue's measures).
    pub measures: usize,
    /// `[id, slot, kind]` per field a profile may answer (derived facts are not answers).
    pub fields: Vec<(String, usize, Kind)>,
}

pub fn layout(cat: &Catalogue) -> Layout {
    let fields = layout_fields(&cat.schema);
    Layout { capacity: CAPACITY, max_keys: crate::limits::MAX_KEYS, max_text: MAX_TEXT, max_items: MAX_ITEMS, measures: cat.articles.len(), fields }
}

fn layout_fields(schema: &Schema) -> Vec<(String, usize, Kind)> {
    schema.attrs.iter().enumerate().filter(|(_, a)| !a.def.derived).map(|(slot, a)| (a.def.id.clone(), slot, kind(a.ty))).collect()
}

/// The words do not follow the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Malformed;

/// Reads words one at a time.
struct Words<'a> {
    words: &'a [f64],
    at: usize,
}

impl<'a> Words<'a> {
    fn next(&mut self) -> Result<f64, Malformed> {
        let w = self.words.get(self.at).copied().ok_or(Malformed)?;
        self.at += 1;
        Ok(w)
    }

    /// A whole number in `0..=max`.
    fn count(&mut self, max: usize) -> Result<usize, Malformed> {
        let w = self.next()?;
        if w >= 0.0 && w <= max as f64 && w.fract() == 0.0 { Ok(w as usize) } else { Err(Malformed) }
    }

    /// A text, into `buf`.
    fn text<'b>(&mut self, buf: &'b mut [u8; MAX_TEXT]) -> Result<&'b str, Malformed> {
        let len = self.count(MAX_TEXT)?;
        let buf = buf.get_mut(..len).ok_or(Malformed)?;
        for b in buf.iter_mut() {
            *b = self.count(127)? as u8;
        }
        std::str::from_utf8(buf).map_err(|_| Malformed)
    }

    fn done(&self) -> bool {
        self.at >= self.words.len()
    }
}

/// The `as_of` option in the words: `None` for none, else its text (in `buf`).
fn as_of<'b>(words: &mut Words, buf: &'b mut [u8; MAX_TEXT]) -> Result<Option<&'b str>, Malformed> {
    if words.words.first() == Some(&-1.0) {
        words.at = 1;
        return Ok(None);
    }
    words.text(buf).map(Some)
}

/// Reads encoded answers into `facts` (reset first), with [`profile::read`]'s checks:
/// an answer that fails them leaves its fact unknown, as an error would. Returns the
/// `as_of` text, if any, through `f`.
pub fn read<R>(schema: &Schema, words: &[f64], facts: &mut Facts, f: impl FnOnce(Option<&str>) -> R) -> Result<R, Malformed> {
    facts.clear();
    facts.resize(schema.attrs.len(), Value::Unknown);
    let mut words = Words { words, at: 0 };
    let mut date_buf = [0u8; MAX_TEXT];
    let as_of = as_of(&mut words, &mut date_buf)?;
    let mut buf = [0u8; MAX_TEXT];
    let mut seen = 0u128; // slots answered so far; a slot twice is malformed (an object has a key once)
    while !words.done() {
        let slot = words.count(schema.attrs.len().saturating_sub(1))?;
        let attr = schema.attr(slot).filter(|a| !a.def.derived).ok_or(Malformed)?;
        if slot < 128 {
            if seen & (1 << slot) != 0 {
                return Err(Malformed);
            }
            seen |= 1 << slot;
        }
        let field = attr.def.id.as_str();
        let value = match kind(attr.ty) {
            Kind::Number => profile::value(schema, slot, field, &Input::Number(words.next()?)).ok(),
            Kind::Bool => Some(Value::Bool(words.count(1)? == 1)),
            Kind::Text => profile::text_value(attr, words.text(&mut buf)?),
            Kind::Set => {
                let n = words.count(MAX_ITEMS)?;
                let mut bits = Some(0);
                for _ in 0..n {
                    let choice = attr.choice_bit(words.text(&mut buf)?);
                    bits = bits.zip(choice).map(|(a, b)| a | b);
                }
                bits.map(Value::Bits)
            }
        };
        if let (Some(v), Some(fact)) = (value, facts.get_mut(slot)) {
            *fact = v;
        }
    }
    profile::derive(schema, facts);
    Ok(f(as_of))
}

/// What deciding an encoded profile reuses from one profile to the next, so that the
/// hot path allocates nothing once warm.
#[derive(Debug, Default)]
pub struct Decider {
    facts: Facts,
    scratch: Scratch,
    out: Vec<Verdict>,
}

impl Decider {
    /// Each measure's verdict for an encoded profile, as
    /// [`matcher::decide`](crate::matcher::decide) gives them for its object.
    /// `today` is asked for only when there is no valid `as_of` (in wasm it is a call
    /// out to JS), as [`resolve_as_of`](crate::resolve_as_of) would use it.
    pub fn decide(&mut self, cat: &Catalogue, words: &[f64], today: impl FnOnce() -> Date) -> Result<&[Verdict], Malformed> {
        let as_of = read(&cat.schema, words, &mut self.facts, |as_of| match as_of.and_then(Date::parse) {
            Some(d) => d,
            None => crate::resolve_as_of(as_of, today()).0,
        })?;
        crate::matcher::decide(cat, &self.facts, as_of, &mut self.scratch, &mut self.out);
        Ok(&self.out)
    }
}

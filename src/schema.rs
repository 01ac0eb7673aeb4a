//! The attribute schema: every fact a condition can test, its type and its question
//! text. Each attribute owns one slot of a [`Facts`] vector, so evaluation indexes
//! instead of looking names up.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::codes::{Industry, Region};
use crate::date::Date;
use crate::format::{grouped, plain, yuan_en, yuan_zh};
use crate::model::AttributeDef;
use std::collections::HashMap;

/// The type of an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Region,
    Industry,
    Integer,
    Number,
    Date,
    Enum,
    Set,
    Bool,
}

impl Ty {
    pub fn parse(s: &str) -> Option<Ty> {
        Some(match s {
            "region" => Ty::Region,
            "industry" => Ty::Industry,
            "integer" => Ty::Integer,
            "number" => Ty::Number,
            "date" => Ty::Date,
            "enum" => Ty::Enum,
            "set" => Ty::Set,
            "bool" => Ty::Bool,
            _ => return None,
        })
    }
}

/// One attribute: its definition as written, and its parsed type.
#[derive(Debug, Clone)]
pub struct Attribute {
    pub def: AttributeDef,
    pub ty: Ty,
}

impl Attribute {
    /// The bit of a choice (enum/set), by id.
    pub fn choice_bit(&self, id: &str) -> Option<u64> {
        self.def.values.iter().position(|v| v.id == id).and_then(|i| 1u64.checked_shl(u32::try_from(i).ok()?))
    }

    pub fn label(&self, en: bool) -> &str {
        if en { &self.def.label_en } else { &self.def.label }
    }

    /// The labels of the choices in a bit set.
    pub fn choice_labels(&self, bits: u64, en: bool) -> Vec<&str> {
        self.def
            .values
            .iter()
            .enumerate()
            .filter(|(i, _)| u32::try_from(*i).ok().and_then(|i| 1u64.checked_shl(i)).is_some_and(|bit| bits & bit != 0))
            .map(|(_, v)| if en { v.label_en.as_str() } else { v.label.as_str() })
            .collect()
    }

    /// A number in this attribute's unit, as people read it.
    pub fn number_text(&self, v: f64, en: bool) -> String {
        match (self.def.unit.as_deref(), en) {
            (Some("yuan"), false) => yuan_zh(v),
            (Some("yuan"), true) => yuan_en(v),
            (Some("persons"), false) => format!("{}人", plain(v)),
            (Some("persons"), true) => format!("{} persons", grouped(v)),
            (_, false) => plain(v),
            (_, true) => grouped(v),
        }
    }

    /// A value of this attribute as people read it.
    pub fn value_text(&self, v: &Value, en: bool) -> Option<String> {
        let or = if en { " or " } else { "或" };
        Some(match *v {
            Value::Unknown => return None,
            Value::Num(n) => self.number_text(n, en),
            Value::Date(d) => d.to_string(),
            Value::DateSpan(a, b) => {
                let s = a.to_string();
                if b.ymd().1 == 12 && a.ymd().1 == 1 { s[..4].to_string() } else { s[..7].to_string() }
            }
            Value::Bits(b) if self.ty == Ty::Set => {
                let labels = self.choice_labels(b, en);
                if labels.is_empty() {
                    if en { "none".into() } else { "无".into() }
                } else {
                    labels.join(if en { ", " } else { "、" })
                }
            }
            Value::Bits(b) => self.choice_labels(b, en).join(or),
            Value::Bool(b) => match (b, en) {
                (true, false) => "是".into(),
                (false, false) => "否".into(),
                (true, true) => "yes".into(),
                (false, true) => "no".into(),
            },
            Value::Region(r) => r.describe(en),
            Value::Industry(i) => i.describe(en),
        })
    }
}

/// A known value of an attribute. Enum and set values are bit sets over the choices;
/// a derived enum (size) may hold several bits: the values still possible.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Unknown,
    Num(f64),
    Date(Date),
    /// A date known to its year or month only (`2021`, `2021-06`): its first and last day.
    DateSpan(Date, Date),
    Bits(u64),
    Bool(bool),
    Region(Region),
    Industry(Industry),
}

/// A profile's facts, one slot per attribute of the schema.
pub type Facts = Vec<Value>;

/// All attributes, in questionnaire order, with an index by id.
#[derive(Debug, Clone, Default)]
pub struct Schema {
    pub attrs: Vec<Attribute>,
    index: HashMap<String, usize>,
}

impl Schema {
    /// Adds an attribute; returns false when the id is taken.
    pub fn add(&mut self, attr: Attribute) -> bool {
        if self.index.contains_key(&attr.def.id) {
            return false;
        }
        self.index.insert(attr.def.id.clone(), self.attrs.len());
        self.attrs.push(attr);
        true
    }

    pub fn slot(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn get(&self, id: &str) -> Option<&Attribute> {
        self.slot(id).and_then(|i| self.attrs.get(i))
    }

    /// The attribute in a slot.
    pub fn attr(&self, slot: usize) -> Option<&Attribute> {
        self.attrs.get(slot)
    }

    /// Facts with nothing known.
    pub fn empty_facts(&self) -> Facts {
        vec![Value::Unknown; self.attrs.len()]
    }
}

//! The limits on input, shared by the wasm boundary (which checks them on JS values
//! before converting anything) and the CLI's JSON reader (which checks them while
//! parsing), so that the same input gives the same `too_large` errors everywhere.
//!
//! A profile has about twenty fields, each a number, a short string or a short list;
//! the limits leave ample room for that and for a site's own questions, and keep what a
//! rejected input can make the wasm module allocate to well under a few MB (wasm memory
//! never shrinks, so a check after the allocation would come too late).
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::error::{Code, Error};

/// Keys in one object.
pub const MAX_KEYS: usize = 256;
/// Elements in one array.
pub const MAX_ARRAY: usize = 256;
/// Length of one string or key, in UTF-16 code units (a JS string's `length`).
pub const MAX_STRING: usize = 1_000;
/// Nesting of arrays and objects (the profile itself is level 1).
pub const MAX_DEPTH: usize = 32;
/// Values in the whole input (every object, array, string, number, … counts one).
pub const MAX_VALUES: usize = 10_000;
/// Code units of all strings and keys of the whole input together.
pub const MAX_TEXT: usize = 100_000;
/// A site catalogue's JSON text, in bytes (UTF-8).
pub const MAX_CATALOGUE_BYTES: usize = 16 * 1024 * 1024;
/// Benefits of one article: each quote is searched for in the article's whole text, so
/// this bound keeps validation linear in the catalogue's size (the largest article of
/// the built-in catalogue has 7).
pub const MAX_BENEFITS: usize = 64;
/// The JSON text of one result handed to JS, in bytes: below every engine's string
/// limit (V8: 2^29 − 24 UTF-16 units), so a result is never lost as `null`.
pub const MAX_OUTPUT_BYTES: usize = 256 * 1024 * 1024;

/// Which limit an input broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Keys,
    Array,
    String,
    Depth,
    /// [`MAX_VALUES`] or [`MAX_TEXT`]: one limit, so that which one an input breaks
    /// first never depends on the order its fields are read in.
    Total,
    Catalogue,
    Benefits,
    Output,
}

impl Limit {
    pub fn max(self) -> usize {
        match self {
            Limit::Keys => MAX_KEYS,
            Limit::Array => MAX_ARRAY,
            Limit::String => MAX_STRING,
            Limit::Depth => MAX_DEPTH,
            Limit::Total => MAX_VALUES,
            Limit::Catalogue => MAX_CATALOGUE_BYTES,
            Limit::Benefits => MAX_BENEFITS,
            Limit::Output => MAX_OUTPUT_BYTES,
        }
    }

    /// The `too_large` error for a value at `field` ("" for the input as a whole).
    pub fn error(self, field: &str) -> Error {
        let max = self.max();
        let (zh, en) = match self {
            Limit::Keys => (format!("对象的字段过多（上限 {max} 个）"), format!("an object has too many keys (limit {max})")),
            Limit::Array => (format!("数组过长（上限 {max} 项）"), format!("an array is too long (limit {max} elements)")),
            Limit::String => (format!("文本过长（上限 {max} 个字符）"), format!("a string is too long (limit {max} UTF-16 units)")),
            Limit::Depth => (format!("嵌套过深（上限 {max} 层）"), format!("nesting is too deep (limit {max} levels)")),
            Limit::Total => (
                format!("输入总量过大（合计上限 {MAX_VALUES} 项数据、{MAX_TEXT} 个字符）"),
                format!("the input is too large in all (limits: {MAX_VALUES} values, {MAX_TEXT} UTF-16 units of text)"),
            ),
            Limit::Catalogue => (format!("目录过大（上限 {max} 字节）"), format!("the catalogue is too large (limit {max} bytes)")),
            Limit::Benefits => (format!("一个条目的惠企事项过多（上限 {max} 项，请拆分条目）"), format!("an article has too many benefits (limit {max}; split the article)")),
            Limit::Output => (format!("结果过大，无法交给 JavaScript（上限 {max} 字节）"), format!("the result is too large to hand to JavaScript (limit {max} bytes)")),
        };
        Error::new(Code::TooLarge, field, zh, en)
    }
}

/// What a whole input has used of [`MAX_VALUES`] and [`MAX_TEXT`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Budget {
    pub values: usize,
    pub text: usize,
}

impl Budget {
    /// Counts one value, with `text` code units of string or key; the limit broken, if any.
    pub fn take(&mut self, text: usize) -> Result<(), Limit> {
        self.values += 1;
        self.text = self.text.saturating_add(text);
        if self.values > MAX_VALUES || self.text > MAX_TEXT {
            Err(Limit::Total)
        } else {
            Ok(())
        }
    }
}

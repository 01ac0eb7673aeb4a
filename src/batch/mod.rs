//! Batch matching over an enterprise register (政策找企业 at register scale): rows of
//! CSV, JSON Lines or XLSX become profiles, each is decided against the whole catalogue,
//! and the outcome is written per enterprise and per measure (push lists).
//!
//! - [`columns`]: header row → profile fields (Chinese headers, units), cells → values;
//! - [`read`]: files → chunks of raw rows with their line numbers, streaming;
//! - [`row`]: one row through the core (`matcher::facts`, `matcher::decide`, missing);
//! - [`write`]: per-enterprise JSON Lines/CSV, push lists and their index;
//! - [`run`] (native): the reader / worker pool / ordered writer pipeline.
//!
//! The browser's batch page uses the same modules through `wasm_batch`.

pub mod columns;
pub mod read;
pub mod row;
#[cfg(not(target_arch = "wasm32"))]
pub mod run;
pub mod write;

pub use read::Format;
pub use row::{Matcher, RowError, RowResult};
pub use write::OutFormat;

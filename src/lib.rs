//! policy-matcher: matches an enterprise's answers against a catalogue of Chinese SME
//! support measures. See DESIGN.md for the data flow.

#[cfg(not(target_arch = "wasm32"))]
pub mod sources;

//! policy-matcher: matches an enterprise's answers against a catalogue of Chinese SME
//! support measures (中小企业惠企政策). A pure core (everything here but `wasm`), a
//! thin wasm boundary, and a native CLI over the same core. See DESIGN.md.

#[cfg(any(not(target_arch = "wasm32"), feature = "batch-wasm"))]
pub mod batch;
pub mod catalogue;
pub mod codes;
pub mod condition;
pub mod date;
pub mod error;
pub mod encoded;
pub mod eval;
pub mod format;
pub mod json_input;
pub mod json_schema;
pub mod limits;
pub mod result;
/// The former name of [`result`].
pub use result as matcher;
pub mod model;
/// Names, not codes: natively (CLI, tests), in the separate names wasm module
/// (`--features names-module`) and in the batch page's wasm (`batch-wasm`: a register's
/// region column may hold place names), never in the core wasm, to keep it within its budget.
#[cfg(any(not(target_arch = "wasm32"), feature = "names-module", feature = "batch-wasm"))]
pub mod names;
pub mod plan;
pub mod profile;
pub mod region_codes;
pub mod sat;
pub mod schema;
pub mod size;

#[cfg(not(target_arch = "wasm32"))]
pub mod source_files;
#[cfg(not(target_arch = "wasm32"))]
pub mod sources;
#[cfg(all(target_arch = "wasm32", not(feature = "names-module")))]
pub mod wasm;
#[cfg(all(target_arch = "wasm32", feature = "names-module"))]
pub mod wasm_names;
#[cfg(all(target_arch = "wasm32", feature = "batch-wasm"))]
pub mod wasm_batch;

pub use catalogue::Catalogue;
pub use date::Date;
pub use error::{Code, Error};
pub use result::MatchOutput;
pub use profile::Input;

use std::sync::OnceLock;

/// The catalogue bundle compiled from catalogue/*.toml by build.rs.
pub const BUILTIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/catalogue.json"));

/// The built-in bundle, parsed once.
pub fn builtin_bundle() -> Option<&'static model::Bundle> {
    static BUNDLE: OnceLock<Option<model::Bundle>> = OnceLock::new();
    BUNDLE.get_or_init(|| catalogue::parse_bundle(BUILTIN_JSON).ok()).as_ref()
}

/// The built-in catalogue, compiled once; its errors if it does not validate.
pub fn builtin() -> Result<&'static Catalogue, &'static [Error]> {
    static CAT: OnceLock<Result<Catalogue, Vec<Error>>> = OnceLock::new();
    CAT.get_or_init(|| match catalogue::parse_bundle(BUILTIN_JSON) {
        Ok(b) => catalogue::compile(&b, None, &|_| (None, None)),
        Err(e) => Err(vec![e]),
    })
    .as_ref()
    .map_err(|e| e.as_slice())
}

/// Loads a site's own catalogue from JSON, validated like the built-in one. It may
/// leave out `attributes` (the built-in schema is used) and may say
/// `"extends": "builtin"` to keep the built-in documents.
/// At most [`limits::MAX_CATALOGUE_BYTES`] of JSON text (else `too_large`).
pub fn load_catalogue(json: &str) -> Result<Catalogue, Vec<Error>> {
    if json.len() > limits::MAX_CATALOGUE_BYTES {
        return Err(vec![limits::Limit::Catalogue.error("")]);
    }
    let bundle = catalogue::parse_bundle(json).map_err(|e| vec![e])?;
    catalogue::compile(&bundle, builtin_bundle(), &|_| (None, None))
}

/// Resolves the `as_of` option: a valid date, or today with an `invalid_as_of` error.
pub fn resolve_as_of(as_of: Option<&str>, today: Date) -> (Date, Option<Error>) {
    match as_of {
        None => (today, None),
        Some(s) => match Date::parse(s) {
            Some(d) => (d, None),
            None => (
                today,
                Some(Error::new(Code::InvalidAsOf, "as_of", format!("评估日期“{s}”无效，已按今天（{today}）计算"), format!("as_of '{s}' is not a valid YYYY-MM-DD date; today ({today}) was used"))),
            ),
        },
    }
}

/// Matches a profile, with the `as_of` option resolved: what both the CLI and the
/// wasm `matchProfile` return.
pub fn match_profile(cat: &Catalogue, profile: &Input, as_of: Option<&str>, today: Date) -> MatchOutput {
    let (date, err) = resolve_as_of(as_of, today);
    let mut out = cat.match_profile(profile, date);
    out.errors.extend(err);
    out
}

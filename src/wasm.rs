//! The wasm boundary: the only module that knows about `wasm_bindgen` and `js_sys`.
//! It converts JS values in and plain objects out, and decides nothing itself.
//!
//! No JS exception ever unwinds through Rust frames: every JS operation that can run a
//! caller's code (a getter, a Proxy trap, a revoked Proxy) goes through a `catch`
//! import and becomes an `unreadable` error, every argument is taken as a `JsValue`
//! and checked here, and every [limit](crate::limits) is checked on the JS side of a
//! value (its key count, `length`) before anything is copied into wasm memory.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::catalogue::Catalogue;
use crate::error::{Code, Error};
use crate::limits::{Budget, Limit, MAX_ARRAY, MAX_CATALOGUE_BYTES, MAX_DEPTH, MAX_KEYS, MAX_OUTPUT_BYTES, MAX_STRING};
use crate::profile::Input;
use crate::{builtin, Date};
use js_sys::{Array, JsString, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `Object.keys`: a Proxy's `ownKeys` or `getOwnPropertyDescriptor` trap may throw.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(v: &JsValue) -> Result<Array, JsValue>;
    /// `Reflect.get`: a getter or a Proxy's `get` trap may throw.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    /// `Array.isArray`: throws for a revoked Proxy.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(v: &JsValue) -> Result<bool, JsValue>;
}

/// A JS string's length in UTF-16 units, read without copying it.
fn js_len(s: &JsValue) -> usize {
    s.unchecked_ref::<JsString>().length() as usize
}

/// A JS string of at most `max` UTF-16 units, copied; `None` for anything else.
fn short_string(v: &JsValue, max: usize) -> Option<String> {
    if v.is_string() && js_len(v) <= max {
        v.as_string()
    } else {
        None
    }
}

/// Converts a JS value into an [`Input`], seeing what JSON cannot carry (NaN,
/// undefined, functions). A value past a limit becomes [`Input::TooLarge`] unread, one
/// that throws when read [`Input::Unreadable`]; `Err` when the whole input is past the
/// total-size limit. `depth` is the value's nesting level (the profile itself is 1).
fn to_input(v: &JsValue, depth: usize, budget: &mut Budget) -> Result<Input, Limit> {
    let leaf = |budget: &mut Budget, input: Input| budget.take(0).map(|_| input);
    if v.is_null() {
        leaf(budget, Input::Null)
    } else if v.is_undefined() {
        leaf(budget, Input::Other("undefined"))
    } else if let Some(b) = v.as_bool() {
        leaf(budget, Input::Bool(b))
    } else if let Some(n) = v.as_f64() {
        leaf(budget, Input::Number(n))
    } else if v.is_string() {
        let units = js_len(v);
        match short_string(v, MAX_STRING) {
            Some(s) => budget.take(units).map(|_| Input::String(s)),
            None => leaf(budget, Input::TooLarge(Limit::String)),
        }
    } else if v.is_function() {
        leaf(budget, Input::Other("function"))
    } else if v.is_bigint() {
        leaf(budget, Input::Other("bigint"))
    } else if v.is_symbol() {
        leaf(budget, Input::Other("symbol"))
    } else if !v.is_object() {
        leaf(budget, Input::Other("unknown"))
    } else if depth > MAX_DEPTH {
        leaf(budget, Input::TooLarge(Limit::Depth))
    } else {
        match is_array(v) {
            Err(_) => leaf(budget, Input::Unreadable),
            Ok(true) => array(v, depth, budget),
            Ok(false) => object(v, depth, budget),
        }
    }
}

fn array(v: &JsValue, depth: usize, budget: &mut Budget) -> Result<Input, Limit> {
    // The length first: a sparse array of length 10^8 is refused before any reading.
    let len = match reflect_get(v, &JsValue::from_str("length")).map(|l| l.as_f64()) {
        Ok(Some(n)) if n >= 0.0 && n.fract() == 0.0 => n,
        Ok(_) | Err(_) => return budget.take(0).map(|_| Input::Unreadable),
    };
    if len > MAX_ARRAY as f64 {
        return budget.take(0).map(|_| Input::TooLarge(Limit::Array));
    }
    budget.take(0)?;
    let mut items = Vec::with_capacity(len as usize);
    for i in 0..len as u32 {
        items.push(match reflect_get(v, &JsValue::from(i)) {
            Ok(x) => to_input(&x, depth + 1, budget)?,
            Err(_) => {
                budget.take(0)?;
                Input::Unreadable
            }
        });
    }
    Ok(Input::Array(items))
}

fn object(v: &JsValue, depth: usize, budget: &mut Budget) -> Result<Input, Limit> {
    // The key count and the keys' lengths first, before reading any value.
    let Ok(keys) = object_keys(v) else {
        return budget.take(0).map(|_| Input::Unreadable);
    };
    let n = keys.length() as usize;
    if n > MAX_KEYS {
        return budget.take(0).map(|_| Input::TooLarge(Limit::Keys));
    }
    let mut names = Vec::with_capacity(n);
    let mut units = 0;
    for key in keys.iter() {
        if !key.is_string() {
            continue;
        }
        let len = js_len(&key);
        if len > MAX_STRING {
            return budget.take(0).map(|_| Input::TooLarge(Limit::String));
        }
        units += len;
        names.push(key);
    }
    budget.take(units)?;
    let mut fields = Vec::with_capacity(names.len());
    for key in names {
        let value = match reflect_get(v, &key) {
            Ok(x) => to_input(&x, depth + 1, budget)?,
            Err(_) => {
                budget.take(0)?;
                Input::Unreadable
            }
        };
        if let Some(name) = key.as_string() {
            fields.push((name, value));
        }
    }
    Ok(Input::Object(fields))
}

/// A profile as an [`Input`]: the whole of it `too_large` past the total-size limit.
fn profile_input(v: &JsValue) -> Input {
    to_input(v, 1, &mut Budget::default()).unwrap_or_else(Input::TooLarge)
}

/// Serializes through JSON text: one JSON.parse is faster than building objects field
/// by field, and the result is the CLI's output to the byte. A result too large for a
/// JS string is an object `{ errors: [too_large] }`, never `null`.
fn to_js<T: serde::Serialize>(v: &T) -> JsValue {
    to_js_within(v, MAX_OUTPUT_BYTES)
}

/// [`to_js`] with another output limit (for tests).
#[doc(hidden)]
pub fn to_js_within<T: serde::Serialize>(v: &T, max_bytes: usize) -> JsValue {
    match serde_json::to_string(v) {
        Ok(s) if s.len() <= max_bytes => match JSON::parse(&s) {
            Ok(js) => js,
            Err(_) => errors_only(&[Limit::Output.error("")]),
        },
        _ => errors_only(&[Limit::Output.error("")]),
    }
}

fn today() -> Date {
    Date::from_unix_millis(js_sys::Date::now())
}

fn invalid_as_of(zh: &str, en: &str) -> Error {
    let today = today();
    Error::new(Code::InvalidAsOf, "as_of", format!("评估日期{zh}，已按今天（{today}）计算"), format!("as_of {en}; today ({today}) was used"))
}

/// The `as_of` option: absent, a string (checked later as a date), or an error — a
/// present value that is not a string (a number, a Date, a Proxy) is never ignored.
fn option_as_of(options: &Option<JsValue>) -> Result<Option<String>, Error> {
    let Some(options) = options.as_ref().filter(|o| !o.is_undefined() && !o.is_null()) else {
        return Ok(None);
    };
    if !options.is_object() {
        return Err(Error::new(Code::WrongType, "options", "选项应为对象，如 { as_of: \"2025-06-01\" }", "the options must be an object, e.g. { as_of: \"2025-06-01\" }"));
    }
    match reflect_get(options, &JsValue::from_str("as_of")) {
        Err(_) => Err(invalid_as_of("无法读取", "could not be read")),
        Ok(v) if v.is_undefined() || v.is_null() => Ok(None),
        Ok(v) => match short_string(&v, MAX_STRING) {
            Some(s) => Ok(Some(s)),
            None if v.is_string() => Err(invalid_as_of("过长", "is too long")),
            None => Err(invalid_as_of("应为“年-月-日”文本", "must be a YYYY-MM-DD string")),
        },
    }
}

/// An object `{ errors: [...] }` for when the built-in catalogue cannot be used.
fn errors_only(errors: &[Error]) -> JsValue {
    #[derive(serde::Serialize)]
    struct Errors<'a> {
        errors: &'a [Error],
    }
    serde_json::to_string(&Errors { errors }).ok().and_then(|s| JSON::parse(&s).ok()).unwrap_or_else(|| Object::new().into())
}

fn with_builtin(f: impl FnOnce(&Catalogue) -> JsValue) -> JsValue {
    match builtin() {
        Ok(cat) => f(cat),
        Err(errors) => errors_only(errors),
    }
}

fn match_with(cat: &Catalogue, profile: &JsValue, options: &Option<JsValue>) -> JsValue {
    let input = profile_input(profile);
    match option_as_of(options) {
        Ok(as_of) => to_js(&crate::match_profile(cat, &input, as_of.as_deref(), today())),
        Err(e) => {
            let mut out = crate::match_profile(cat, &input, None, today());
            out.errors.push(e);
            to_js(&out)
        }
    }
}

/// A measure id: a string of sensible length, else none (no measure has it).
fn measure_with(cat: &Catalogue, id: &JsValue) -> JsValue {
    match short_string(id, MAX_STRING).map(|id| cat.measure(&id, today())) {
        Some(Ok(m)) => to_js(&m),
        _ => JsValue::NULL,
    }
}

/// The questionnaire's language: `en…` for English, anything else (not a string,
/// absent) Chinese.
fn lang_of(lang: &JsValue) -> String {
    short_string(lang, 64).unwrap_or_else(|| "zh-CN".to_string())
}

/// The encoded path (`crate::encoded`): the buffer the package's JS encoder writes a
/// profile into, and what deciding it reuses. One for every catalogue: a call decides
/// one profile and its statuses are copied out before the next.
struct Encoded {
    input: Vec<f64>,
    decider: crate::encoded::Decider,
}

thread_local! {
    static ENCODED: std::cell::RefCell<Encoded> =
        std::cell::RefCell::new(Encoded { input: vec![0.0; crate::encoded::CAPACITY], decider: Default::default() });
}

/// Where the encoder writes: the address of `CAPACITY` f64 words in wasm memory.
fn encoded_input() -> usize {
    ENCODED.with(|e| e.try_borrow_mut().map(|mut e| e.input.as_mut_ptr() as usize).unwrap_or(0))
}

/// Decides the profile encoded in the first `len` words of the buffer: the address of
/// the statuses (one byte per measure, as many as `decideLayout().measures`), or 0 when
/// the words are malformed (the caller then takes the per-field path).
fn decide_encoded_with(cat: &Catalogue, len: usize) -> usize {
    ENCODED.with(|e| {
        let Ok(mut e) = e.try_borrow_mut() else { return 0 };
        let Encoded { input, decider } = &mut *e;
        match input.get(..len).map(|words| decider.decide(cat, words, today)) {
            Some(Ok(out)) if out.len() == cat.articles.len() => out.as_ptr() as usize,
            _ => 0,
        }
    })
}

fn decide_with(cat: &Catalogue, profile: &JsValue, options: &Option<JsValue>) -> Vec<u8> {
    let as_of = option_as_of(options).ok().flatten();
    let (as_of, _) = crate::resolve_as_of(as_of.as_deref(), today());
    let (facts, _, _) = crate::matcher::facts(cat, &profile_input(profile));
    let mut out = Vec::with_capacity(cat.articles.len());
    crate::matcher::decide(cat, &facts, as_of, &mut Default::default(), &mut out);
    out
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** The enterprise profile: every field optional; unanswered = absent. Amounts in yuan. */
export interface Profile {
  region?: string; industry?: string; employees?: number; revenue?: number; total_assets?: number;
  taxable_income?: number; established?: string; entity_type?: 'enterprise' | 'individual_business';
  qualifications?: Array<'innovative_sme' | 'specialized_sme' | 'little_giant' | 'single_champion' | 'high_tech' | 'tech_sme' | 'above_designated_size'>;
  taxpayer?: 'small_scale' | 'general'; monthly_sales?: number;
  /** Measure-specific facts listed by questions() under the step "specifics". */
  [attribute: string]: unknown;
}
export interface MatchOptions { /** YYYY-MM-DD; default today. */ as_of?: string }
export interface Text { zh: string; en: string }
/** The stable error codes (README, "Errors"). */
export type ErrorCode = 'not_an_object' | 'unknown_field' | 'wrong_type' | 'not_a_number' | 'negative' | 'not_an_integer' | 'invalid_date'
  | 'unknown_region' | 'unknown_industry' | 'unknown_value' | 'invalid_as_of' | 'unknown_measure' | 'too_large' | 'unreadable'
  | 'catalogue_syntax' | 'catalogue_field' | 'duplicate_id' | 'condition_syntax' | 'condition_type' | 'unknown_reference'
  | 'quote_not_found' | 'text_not_in_source' | 'article_missing' | 'condition_trivial';
export interface PmError { code: ErrorCode; field: string; message: string; message_en: string; file?: string; line?: number }
export type Status = 'eligible' | 'possible' | 'ineligible' | 'task';
export type Standing = 'fits' | 'might_fit' | 'upcoming' | 'lapsed' | 'expired' | 'ineligible' | 'elsewhere' | 'task';
export type Group = 'money' | 'tax' | 'financing' | 'service' | 'promise' | 'task';
/** Yuan; a cap gives low 0. */
export interface Estimate { low: number; high: number; formula: Text }
export interface Apply { how: Text | null; where: Text | null; url: string | null; phone: string | null; deadline: Text | null; units: string[]; units_en: string[]; note: Text | null }
export interface Summary { counts: Record<Standing, number>; estimate: { low: number; high: number; with_figure: number; without_figure: number };
  open_questions: string[]; to_apply: number; promises: number; might_fit_answers: number; might_fit_review: number; sentence: Text; past_sentence: Text | null }
export interface Validity { status: 'current' | 'unknown' | 'upcoming' | 'lapsed' | 'expired'; from: string | null; until: string | null; note: string; note_en?: string; period_note?: string; period_note_en?: string }
export interface Reason { attribute: string; label: Text; required: Text; given: Text | null; verdict: 'met' | 'not_met' | 'unknown'; sentence: Text }
export interface Amount { kind: string; yuan?: number; max_yuan?: number; total_max_yuan?: number; percent?: number; max_percent?: number; max_years?: number; per?: string; quote: string; note?: string; note_en?: string; text: Text; max_total_yuan: number | null }
export interface BenefitResult { id: string; title: string; title_en: string; type: string; status: Status; standing: Standing; group: Group; quote: string; amount: Amount | null;
  estimate: Estimate | null; estimate_note: Text | null; estimate_needs: string[]; exclusive?: string; apply?: Apply; validity: Validity; reasons: Reason[]; missing: string[]; checks: Text[] }
export interface DocumentRef { key: string; title: string; title_en: string; issuer: string; number: string; date: string; level: string; jurisdiction: string; contacts_note: string; contacts_note_en?: string }
export interface MeasureResult { id: string; document: DocumentRef; number: number | null; section: string; heading: string; title: string; title_en: string; kind: 'benefit' | 'task'; status: Status;
  standing: Standing; group: Group; estimate: Estimate | null; estimate_note: Text | null; estimate_needs: string[]; categories: string[]; units: string[]; units_en: string[]; apply: Apply; text: string; validity: Validity; benefits: BenefitResult[]; missing: string[];
  /** Not eligible measures: the smallest change that would make it eligible, or why none can (reachable false). */
  to_qualify: ToQualify | null }
export interface ToQualify { benefit: string; reachable: boolean; steps: { kind: 'answer' | 'threshold' | 'obtain' | 'meet' | 'review' | 'fixed'; attribute: string | null; text: Text }[]; text: Text }
export interface NextQuestion { field: string; settles: number; value: number;
  /** A founding date given as a year (a year and month) that still decides: the part to add. */
  refine?: 'month' | 'day' }
export interface MatchOutput {
  as_of: string; errors: PmError[];
  derived: { size: { value: 'large' | 'medium' | 'small' | 'micro' | 'unknown'; possible: string[]; basis: Text; missing: string[] };
             small_low_profit: { value: boolean | null; basis: Text; missing: string[] } };
  summary: Summary; results: MeasureResult[];
  /** Questions still worth asking, best first: how many open measures an answer settles, and the ranking score. */
  next_questions: NextQuestion[];
}
export interface Option { value: string; label: string }
export interface Question { id: string; type: 'region' | 'industry' | 'integer' | 'number' | 'date' | 'enum' | 'set' | 'bool'; label: string; hint: string; unit: 'yuan' | 'persons' | null; allow_negative: boolean; options: Option[] }
export interface Questionnaire { lang: 'zh-CN' | 'en'; steps: Array<{ id: string; title: string; questions: Question[] }>; categories: Option[]; benefit_types: Option[] }
export interface CatalogueInfo { documents: Array<DocumentRef & { articles: number }>; counts: { articles: number; benefits: number; tasks: number; attributes: number }; hash: string; build_errors: string[] }
export interface LoadResult { errors: PmError[]; catalogue: CatalogueHandle | null }
"#;

/// Matches a profile against the built-in catalogue. Never throws: problems with the
/// profile come back in `errors`. `options.as_of` is a `YYYY-MM-DD` date (default today).
#[wasm_bindgen(js_name = matchProfile, unchecked_return_type = "MatchOutput")]
pub fn match_profile(#[wasm_bindgen(unchecked_param_type = "Profile")] profile: JsValue, #[wasm_bindgen(unchecked_param_type = "MatchOptions")] options: Option<JsValue>) -> JsValue {
    with_builtin(|cat| match_with(cat, &profile, &options))
}

/// Each measure's status only, in catalogue order (0 eligible, 1 possible,
/// 2 ineligible, 3 task), reading the profile field by field: what the package's
/// `decideProfile` (js/decide.js, appended to the bindings by scripts/build.sh) falls
/// back to for anything its encoder does not read plainly.
#[wasm_bindgen(js_name = decideProfileFields)]
pub fn decide_profile(#[wasm_bindgen(unchecked_param_type = "Profile")] profile: JsValue, #[wasm_bindgen(unchecked_param_type = "MatchOptions")] options: Option<JsValue>) -> Vec<u8> {
    builtin().map(|cat| decide_with(cat, &profile, &options)).unwrap_or_default()
}

/// The encoded path's layout for the built-in catalogue (`crate::encoded::Layout`).
#[wasm_bindgen(js_name = decideLayout, skip_typescript)]
pub fn decide_layout() -> JsValue {
    with_builtin(|cat| to_js(&crate::encoded::layout(cat)))
}

/// The address of the encoded path's input buffer in wasm memory (0 if unavailable).
#[wasm_bindgen(js_name = decideInput, skip_typescript)]
pub fn decide_input() -> usize {
    encoded_input()
}

/// The wasm memory (for the encoder's views of the buffer).
#[wasm_bindgen(js_name = decideMemory, skip_typescript)]
pub fn decide_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Decides the encoded profile in the buffer against the built-in catalogue: the
/// address of the statuses, or 0 (malformed words, or no catalogue).
#[wasm_bindgen(js_name = decideEncoded, skip_typescript)]
pub fn decide_encoded(len: usize) -> usize {
    builtin().map(|cat| decide_encoded_with(cat, len)).unwrap_or(0)
}

/// Documents, counts and content hash of the built-in catalogue.
#[wasm_bindgen(js_name = catalogueInfo, unchecked_return_type = "CatalogueInfo")]
pub fn catalogue_info() -> JsValue {
    with_builtin(|cat| to_js(&cat.info()))
}

/// One measure's full record, or null.
#[wasm_bindgen(unchecked_return_type = "MeasureResult | null")]
pub fn measure(#[wasm_bindgen(unchecked_param_type = "string")] id: JsValue) -> JsValue {
    with_builtin(|cat| measure_with(cat, &id))
}

/// The profile contract as JSON Schema (also in the package as `profile.schema.json`).
#[wasm_bindgen(js_name = profileSchema)]
pub fn profile_schema() -> JsValue {
    with_builtin(|cat| to_js(&crate::json_schema::profile(&cat.schema)))
}

/// The questionnaire (steps, questions, options) in `zh-CN` or `en`.
#[wasm_bindgen(unchecked_return_type = "Questionnaire")]
pub fn questions(#[wasm_bindgen(unchecked_param_type = "string")] lang: JsValue) -> JsValue {
    with_builtin(|cat| to_js(&cat.questions(&lang_of(&lang))))
}

/// A site's own catalogue, loaded from JSON and validated like the built-in one.
#[wasm_bindgen(js_name = CatalogueHandle)]
pub struct CatalogueHandle {
    cat: Catalogue,
}

#[wasm_bindgen(js_class = CatalogueHandle)]
impl CatalogueHandle {
    #[wasm_bindgen(js_name = matchProfile, unchecked_return_type = "MatchOutput")]
    pub fn match_profile(&self, #[wasm_bindgen(unchecked_param_type = "Profile")] profile: JsValue, #[wasm_bindgen(unchecked_param_type = "MatchOptions")] options: Option<JsValue>) -> JsValue {
        match_with(&self.cat, &profile, &options)
    }
    #[wasm_bindgen(js_name = decideProfileFields)]
    pub fn decide_profile(&self, #[wasm_bindgen(unchecked_param_type = "Profile")] profile: JsValue, #[wasm_bindgen(unchecked_param_type = "MatchOptions")] options: Option<JsValue>) -> Vec<u8> {
        decide_with(&self.cat, &profile, &options)
    }
    #[wasm_bindgen(js_name = decideLayout, skip_typescript)]
    pub fn decide_layout(&self) -> JsValue {
        to_js(&crate::encoded::layout(&self.cat))
    }
    #[wasm_bindgen(js_name = decideEncoded, skip_typescript)]
    pub fn decide_encoded(&self, len: usize) -> usize {
        decide_encoded_with(&self.cat, len)
    }
    #[wasm_bindgen(js_name = catalogueInfo, unchecked_return_type = "CatalogueInfo")]
    pub fn catalogue_info(&self) -> JsValue {
        to_js(&self.cat.info())
    }
    #[wasm_bindgen(unchecked_return_type = "MeasureResult | null")]
    pub fn measure(&self, #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue) -> JsValue {
        measure_with(&self.cat, &id)
    }
    #[wasm_bindgen(unchecked_return_type = "Questionnaire")]
    pub fn questions(&self, #[wasm_bindgen(unchecked_param_type = "string")] lang: JsValue) -> JsValue {
        to_js(&self.cat.questions(&lang_of(&lang)))
    }
}

/// Loads a catalogue from JSON text: `{ errors, catalogue }`, where `catalogue` is a
/// [`CatalogueHandle`] when there are no errors, else null. Never throws.
#[wasm_bindgen(js_name = loadCatalogue, unchecked_return_type = "LoadResult")]
pub fn load_catalogue(#[wasm_bindgen(unchecked_param_type = "string")] json: JsValue) -> JsValue {
    // The length first: a string past the limit is never copied into wasm memory.
    let result = match short_string(&json, MAX_CATALOGUE_BYTES) {
        Some(text) => crate::load_catalogue(&text),
        None if json.is_string() => Err(vec![Limit::Catalogue.error("")]),
        None => Err(vec![Error::new(Code::CatalogueSyntax, "", "目录应为 JSON 文本", "the catalogue must be JSON text")]),
    };
    let out = Object::new();
    let (errors, handle) = match result {
        Ok(cat) => (Vec::new(), JsValue::from(CatalogueHandle { cat })),
        Err(errors) => (errors, JsValue::NULL),
    };
    let _ = Reflect::set(&out, &"errors".into(), &to_js(&errors));
    let _ = Reflect::set(&out, &"catalogue".into(), &handle);
    out.into()
}

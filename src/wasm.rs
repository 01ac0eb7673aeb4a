//! The wasm boundary: the only module that knows about `wasm_bindgen` and `js_sys`.
//! It converts JS values in and plain objects out, and decides nothing itself.

use crate::catalogue::Catalogue;
use crate::error::{Code, Error};
use crate::profile::Input;
use crate::{builtin, Date};
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;

/// Converts a JS value into an [`Input`], seeing what JSON cannot carry (NaN,
/// undefined, functions). Nesting deeper than a profile needs is cut off.
fn to_input(v: &JsValue, depth: u8) -> Input {
    if v.is_null() {
        Input::Null
    } else if v.is_undefined() {
        Input::Other("undefined")
    } else if let Some(b) = v.as_bool() {
        Input::Bool(b)
    } else if let Some(n) = v.as_f64() {
        Input::Number(n)
    } else if let Some(s) = v.as_string() {
        Input::String(s)
    } else if depth > 6 {
        Input::Other("deeply nested value")
    } else if Array::is_array(v) {
        Input::Array(Array::from(v).iter().map(|x| to_input(&x, depth + 1)).collect())
    } else if v.is_function() {
        Input::Other("function")
    } else if v.is_bigint() {
        Input::Other("bigint")
    } else if v.is_symbol() {
        Input::Other("symbol")
    } else if v.is_object() {
        Input::Object(
            Object::keys(&Object::from(v.clone()))
                .iter()
                .filter_map(|key| {
                    let value = Reflect::get(v, &key).ok()?;
                    Some((key.as_string()?, to_input(&value, depth + 1)))
                })
                .collect(),
        )
    } else {
        Input::Other("unknown")
    }
}

/// Serializes through JSON text: one JSON.parse is faster than building objects field
/// by field, and the result is the CLI's output to the byte.
fn to_js<T: serde::Serialize>(v: &T) -> JsValue {
    serde_json::to_string(v).ok().and_then(|s| JSON::parse(&s).ok()).unwrap_or(JsValue::NULL)
}

fn today() -> Date {
    Date::from_unix_millis(js_sys::Date::now())
}

fn option_str(options: &Option<JsValue>, key: &str) -> Option<String> {
    let options = options.as_ref().filter(|o| o.is_object())?;
    Reflect::get(options, &JsValue::from_str(key)).ok().and_then(|v| v.as_string())
}

/// An object `{ errors: [...] }` for when the built-in catalogue cannot be used.
fn errors_only(errors: &[Error]) -> JsValue {
    #[derive(serde::Serialize)]
    struct Errors<'a> {
        errors: &'a [Error],
    }
    to_js(&Errors { errors })
}

fn with_builtin(f: impl FnOnce(&Catalogue) -> JsValue) -> JsValue {
    match builtin() {
        Ok(cat) => f(cat),
        Err(errors) => errors_only(errors),
    }
}

fn match_with(cat: &Catalogue, profile: &JsValue, options: &Option<JsValue>) -> JsValue {
    let as_of = option_str(options, "as_of");
    to_js(&crate::match_profile(cat, &to_input(profile, 0), as_of.as_deref(), today()))
}

fn measure_with(cat: &Catalogue, id: &str) -> JsValue {
    match cat.measure(id, today()) {
        Ok(m) => to_js(&m),
        Err(_) => JsValue::NULL,
    }
}

fn decide_with(cat: &Catalogue, profile: &JsValue, options: &Option<JsValue>) -> Vec<u8> {
    let (as_of, _) = crate::resolve_as_of(option_str(options, "as_of").as_deref(), today());
    let (facts, _, _) = crate::matcher::facts(cat, &to_input(profile, 0));
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
export interface PmError { code: string; field: string; message: string; message_en: string; file?: string; line?: number }
export type Status = 'eligible' | 'possible' | 'ineligible' | 'task';
export type Standing = 'fits' | 'might_fit' | 'upcoming' | 'lapsed' | 'expired' | 'ineligible' | 'elsewhere' | 'task';
export type Group = 'money' | 'tax' | 'financing' | 'service' | 'promise' | 'task';
/** Yuan; a cap gives low 0. */
export interface Estimate { low: number; high: number; formula: Text }
export interface Apply { how: Text | null; where: Text | null; url: string | null; phone: string | null; deadline: Text | null; units: string[]; note: Text | null }
export interface Summary { counts: Record<Standing, number>; estimate: { low: number; high: number; with_figure: number; without_figure: number };
  open_questions: string[]; to_apply: number; promises: number; might_fit_answers: number; might_fit_review: number; sentence: Text; past_sentence: Text | null }
export interface Validity { status: 'current' | 'unknown' | 'upcoming' | 'lapsed' | 'expired'; from: string | null; until: string | null; note: string }
export interface Reason { attribute: string; label: Text; required: Text; given: Text | null; verdict: 'met' | 'not_met' | 'unknown'; sentence: Text }
export interface Amount { kind: string; yuan?: number; max_yuan?: number; total_max_yuan?: number; percent?: number; max_percent?: number; max_years?: number; per?: string; quote: string; note?: string; note_en?: string; text: Text; max_total_yuan: number | null }
export interface BenefitResult { id: string; title: string; title_en: string; type: string; status: Status; standing: Standing; group: Group; quote: string; amount: Amount | null;
  estimate: Estimate | null; estimate_note: Text | null; estimate_needs: string[]; exclusive?: string; apply?: Apply; validity: Validity; reasons: Reason[]; missing: string[]; checks: Text[] }
export interface DocumentRef { key: string; title: string; title_en: string; issuer: string; number: string; date: string; level: string; jurisdiction: string; contacts_note: string }
export interface MeasureResult { id: string; document: DocumentRef; number: number | null; section: string; heading: string; title: string; title_en: string; kind: 'benefit' | 'task'; status: Status;
  standing: Standing; group: Group; estimate: Estimate | null; estimate_note: Text | null; estimate_needs: string[]; categories: string[]; units: string[]; apply: Apply; text: string; validity: Validity; benefits: BenefitResult[]; missing: string[];
  /** Not eligible measures: the smallest change that would make it eligible, or why none can (reachable false). */
  to_qualify: ToQualify | null }
export interface ToQualify { benefit: string; reachable: boolean; steps: { kind: 'answer' | 'threshold' | 'obtain' | 'meet' | 'review' | 'fixed'; attribute: string | null; text: Text }[]; text: Text }
export interface NextQuestion { field: string; settles: number; value: number }
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
/// 2 ineligible, 3 task): the fast path for bulk use and benchmarks.
#[wasm_bindgen(js_name = decideProfile)]
pub fn decide_profile(#[wasm_bindgen(unchecked_param_type = "Profile")] profile: JsValue, #[wasm_bindgen(unchecked_param_type = "MatchOptions")] options: Option<JsValue>) -> Vec<u8> {
    builtin().map(|cat| decide_with(cat, &profile, &options)).unwrap_or_default()
}

/// Documents, counts and content hash of the built-in catalogue.
#[wasm_bindgen(js_name = catalogueInfo, unchecked_return_type = "CatalogueInfo")]
pub fn catalogue_info() -> JsValue {
    with_builtin(|cat| to_js(&cat.info()))
}

/// One measure's full record, or null.
#[wasm_bindgen(unchecked_return_type = "MeasureResult | null")]
pub fn measure(id: &str) -> JsValue {
    with_builtin(|cat| measure_with(cat, id))
}

/// The profile contract as JSON Schema (also in the package as `profile.schema.json`).
#[wasm_bindgen(js_name = profileSchema)]
pub fn profile_schema() -> JsValue {
    with_builtin(|cat| to_js(&crate::json_schema::profile(&cat.schema)))
}

/// The questionnaire (steps, questions, options) in `zh-CN` or `en`.
#[wasm_bindgen(unchecked_return_type = "Questionnaire")]
pub fn questions(lang: &str) -> JsValue {
    with_builtin(|cat| to_js(&cat.questions(lang)))
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
    #[wasm_bindgen(js_name = decideProfile)]
    pub fn decide_profile(&self, #[wasm_bindgen(unchecked_param_type = "Profile")] profile: JsValue, #[wasm_bindgen(unchecked_param_type = "MatchOptions")] options: Option<JsValue>) -> Vec<u8> {
        decide_with(&self.cat, &profile, &options)
    }
    #[wasm_bindgen(js_name = catalogueInfo, unchecked_return_type = "CatalogueInfo")]
    pub fn catalogue_info(&self) -> JsValue {
        to_js(&self.cat.info())
    }
    #[wasm_bindgen(unchecked_return_type = "MeasureResult | null")]
    pub fn measure(&self, id: &str) -> JsValue {
        measure_with(&self.cat, id)
    }
    #[wasm_bindgen(unchecked_return_type = "Questionnaire")]
    pub fn questions(&self, lang: &str) -> JsValue {
        to_js(&self.cat.questions(lang))
    }
}

/// Loads a catalogue from JSON text: `{ errors, catalogue }`, where `catalogue` is a
/// [`CatalogueHandle`] when there are no errors, else null. Never throws.
#[wasm_bindgen(js_name = loadCatalogue, unchecked_return_type = "LoadResult")]
pub fn load_catalogue(#[wasm_bindgen(unchecked_param_type = "string")] json: JsValue) -> JsValue {
    let result = match json.as_string() {
        Some(text) => crate::load_catalogue(&text),
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

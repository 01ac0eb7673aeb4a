//! The wasm boundary of the names module (`--features names-module`): region and
//! industry search by what the visitor types, built as its own small wasm
//! (pkg/policy_matcher_names_bg.wasm) so that the matcher's wasm stays within its budget.
//! Arguments arrive as JsValue and are checked here: a query or code that is not a string
//! finds nothing, a language other than "en" is Chinese; nothing throws.

use wasm_bindgen::prelude::*;

// JSON.parse bound directly (not through js-sys, which costs this small module ~10 KB).
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
}

fn to_js<T: serde::Serialize>(v: &T) -> JsValue {
    serde_json::to_string(v).ok().and_then(|s| json_parse(&s).ok()).unwrap_or(JsValue::NULL)
}

fn text_arg(v: &JsValue) -> String {
    v.as_string().unwrap_or_default()
}

fn is_en(lang: &JsValue) -> bool {
    lang.as_string().is_some_and(|l| l.trim().eq_ignore_ascii_case("en"))
}

#[wasm_bindgen(typescript_custom_section)]
const NAME_TYPES: &str = r#"
export interface RegionName { code: string; name: string; name_en: string; label: string; level: 'province' | 'city' | 'county'; named: boolean }
export interface IndustryName { code: string; name: string; name_en: string | null; level: 'section' | 'division' | 'group' | 'class'; label: string; path: string; size: string; via: string | null }
export interface NameSearch<T> { query: string; hits: T[]; note: string | null }
"#;

/// Regions by name (厦门, 厦门市湖里区, 湖里), pinyin (Xiamen, Huli) or code, best first.
#[wasm_bindgen(js_name = searchRegions, unchecked_return_type = "NameSearch<RegionName>")]
pub fn search_regions(#[wasm_bindgen(unchecked_param_type = "string")] query: JsValue, #[wasm_bindgen(unchecked_param_type = "'zh-CN' | 'en'")] lang: JsValue) -> JsValue {
    to_js(&crate::names::regions::search(&text_arg(&query), is_en(&lang)))
}

/// Industries by GB/T 4754-2017 words (电子元件, 软件), everyday words (奶茶) or code.
#[wasm_bindgen(js_name = searchIndustries, unchecked_return_type = "NameSearch<IndustryName>")]
pub fn search_industries(#[wasm_bindgen(unchecked_param_type = "string")] query: JsValue, #[wasm_bindgen(unchecked_param_type = "'zh-CN' | 'en'")] lang: JsValue) -> JsValue {
    to_js(&crate::names::industries::search(&text_arg(&query), is_en(&lang)))
}

/// A region code's full name ("福建省厦门市湖里区 350206"), or null for an unknown code.
#[wasm_bindgen(js_name = describeRegion, unchecked_return_type = "RegionName | null")]
pub fn describe_region(#[wasm_bindgen(unchecked_param_type = "string")] code: JsValue, #[wasm_bindgen(unchecked_param_type = "'zh-CN' | 'en'")] lang: JsValue) -> JsValue {
    crate::names::regions::describe(&text_arg(&code), is_en(&lang)).map_or(JsValue::NULL, |n| to_js(&n))
}

/// An industry code's name, path and size row, or null for a code the list lacks.
#[wasm_bindgen(js_name = describeIndustry, unchecked_return_type = "IndustryName | null")]
pub fn describe_industry(#[wasm_bindgen(unchecked_param_type = "string")] code: JsValue, #[wasm_bindgen(unchecked_param_type = "'zh-CN' | 'en'")] lang: JsValue) -> JsValue {
    crate::names::industries::describe(&text_arg(&code), is_en(&lang)).map_or(JsValue::NULL, |n| to_js(&n))
}

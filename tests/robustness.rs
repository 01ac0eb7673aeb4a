//! Input that must come back as errors with stable codes, never as a panic or a crash
//! (across the wasm boundary a panic or a stack overflow is a trap).

use policy_matcher::load_catalogue;
use serde_json::json;

/// A site catalogue of one document with one benefit whose condition is `when`.
fn site(when: &str) -> String {
    json!({ "documents": [{
        "document": { "key": "x", "title": "测试", "issuer": "测试局", "number": "unknown", "date": "2024-01-01", "jurisdiction": "350000",
                      "level": "provincial", "valid_from": "2024-01-01", "valid_until": "2025-01-01" },
        "article": [{ "number": 1, "title": "补贴", "title_en": "Grant", "text": "对企业给予补贴。", "kind": "benefit",
                      "benefit": [{ "id": "b", "title": "补贴", "title_en": "Grant", "type": "subsidy", "quote": "给予补贴", "when": when }] }] }] })
    .to_string()
}

fn codes(json: &str) -> Vec<&'static str> {
    match load_catalogue(json) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(|e| e.code.as_str()).collect(),
    }
}

#[test]
fn deeply_nested_conditions_are_a_syntax_error_not_a_stack_overflow() {
    // Reasonable nesting still compiles.
    assert_eq!(codes(&site("not (not (employees < 10))")), Vec::<&str>::new());
    let nested = |n: usize| format!("{}employees < 10{}", "(".repeat(n), ")".repeat(n));
    assert_eq!(codes(&site(&nested(20))), Vec::<&str>::new());
    // Thousands of levels overflowed the stack (in wasm: "Maximum call stack size exceeded").
    assert_eq!(codes(&site(&nested(100_000))), ["condition_syntax"]);
    assert_eq!(codes(&site(&format!("{}employees < 10", "not ".repeat(100_000)))), ["condition_syntax"]);
    assert_eq!(codes(&site(&format!("{}employees < 10", "not (".repeat(50_000)))), ["condition_syntax"]);
}

/// The fields of an object in the order given (as a JS object's insertion order is).
fn object(fields: &[(&str, policy_matcher::Input)]) -> policy_matcher::Input {
    policy_matcher::Input::Object(fields.iter().map(|(k, v)| (k.to_string(), v.clone())).collect())
}

#[test]
fn errors_come_in_the_same_order_whatever_the_order_of_the_fields() {
    use policy_matcher::{builtin, match_profile, Date, Input};
    let cat = builtin().unwrap();
    let today = Date::parse("2024-06-01").unwrap();
    let fields = [("revenue", Input::Number(-1.0)), ("zzz", Input::Number(1.0)), ("employees", Input::Number(2.5)), ("aaa", Input::Bool(true))];
    let forward = object(&fields);
    let mut reversed = fields.to_vec();
    reversed.reverse();
    let backward = object(&reversed);
    // What the CLI builds from the JSON text (serde_json's map sorts the keys).
    let cli = Input::from(&json!({ "revenue": -1, "zzz": 1, "employees": 2.5, "aaa": true }));
    let order = |input: &Input| -> Vec<String> { match_profile(cat, input, None, today).errors.into_iter().map(|e| e.field).collect() };
    // Questionnaire order (employees before revenue), then unknown fields by name.
    assert_eq!(order(&forward), ["employees", "revenue", "aaa", "zzz"]);
    assert_eq!(order(&backward), order(&forward));
    assert_eq!(order(&cli), order(&forward));
}

/// A site catalogue with its own attributes, changed by `edit`.
fn site_with_attributes(edit: impl FnOnce(&mut policy_matcher::model::AttributesFile)) -> String {
    let mut attrs = policy_matcher::builtin_bundle().unwrap().attributes.clone().unwrap();
    edit(&mut attrs);
    let mut site: serde_json::Value = serde_json::from_str(&site("size in [small, micro]")).unwrap();
    site["attributes"] = serde_json::to_value(&attrs).unwrap();
    site.to_string()
}

fn attr<'a>(attrs: &'a mut policy_matcher::model::AttributesFile, id: &str) -> &'a mut policy_matcher::model::AttributeDef {
    attrs.attribute.iter_mut().find(|a| a.id == id).unwrap()
}

#[test]
fn core_attributes_a_site_redefines_must_keep_their_meaning() {
    assert_eq!(codes(&site_with_attributes(|_| {})), Vec::<&str>::new());
    // Sizes listed smallest first: the derived size (bits in large…micro order) made a
    // large enterprise eligible for `size in [small, micro]`.
    let reordered = site_with_attributes(|a| attr(a, "size").values.reverse());
    assert_eq!(codes(&reordered), ["catalogue_field"]);
    // A core attribute with another type is never matched (region as a yes/no).
    assert!(codes(&site_with_attributes(|a| attr(a, "region").ty = "bool".into())).contains(&"catalogue_field"));
    // A derived fact the matcher does not compute would never be known, nor asked.
    assert_eq!(codes(&site_with_attributes(|a| attr(a, "monthly_sales").derived = true)), ["catalogue_field"]);
    // The size, if not derived, would be asked of the visitor and then overwritten.
    assert_eq!(codes(&site_with_attributes(|a| {
        let s = attr(a, "size");
        s.derived = false;
        s.step = Some("size".into());
    })), ["catalogue_field"]);
}

#[test]
fn a_condition_already_met_by_one_branch_asks_for_nothing_more() {
    use policy_matcher::{builtin, match_profile, Date};
    let cat = builtin().unwrap();
    // fujian-xiamen/31: hires… and (entity_type == individual_business or (enterprise and
    // size in [small, micro] and established >= as_of - 3 years)). An individual business
    // that hires meets it; industry and established cannot change that.
    let profile = policy_matcher::Input::from(&json!({ "region": "350203", "entity_type": "individual_business", "hires_with_1y_contract_6m_insurance": true }));
    let out = match_profile(cat, &profile, None, Date::parse("2024-06-01").unwrap());
    let m = out.results.iter().find(|r| r.id == "fujian-xiamen/31").unwrap();
    let b = m.benefits.iter().find(|b| b.id == "startup-employment-subsidy").unwrap();
    assert!(b.reasons.iter().any(|r| r.attribute == "established" && r.verdict == "unknown"), "the reasons still show every condition");
    assert_eq!(b.missing, Vec::<String>::new());
    assert_eq!(m.missing, Vec::<String>::new());
    // An enterprise leaves the individual branch false: then size and established decide.
    let profile = policy_matcher::Input::from(&json!({ "region": "350203", "entity_type": "enterprise", "hires_with_1y_contract_6m_insurance": true }));
    let out = match_profile(cat, &profile, None, Date::parse("2024-06-01").unwrap());
    let m = out.results.iter().find(|r| r.id == "fujian-xiamen/31").unwrap();
    assert_eq!(m.missing, ["industry", "established"]);
}

#[test]
fn repeated_steps_categories_types_and_choices_are_duplicate_ids() {
    let dup = |edit: fn(&mut policy_matcher::model::AttributesFile)| codes(&site_with_attributes(edit));
    // A repeated step asked each of its questions twice; a repeated choice was offered twice.
    assert_eq!(dup(|a| a.step.push(a.step[0].clone())), ["duplicate_id"]);
    assert_eq!(dup(|a| a.category.push(a.category[0].clone())), ["duplicate_id"]);
    assert_eq!(dup(|a| a.benefit_type.push(a.benefit_type[0].clone())), ["duplicate_id"]);
    assert_eq!(dup(|a| {
        let t = attr(a, "taxpayer");
        t.values.push(t.values[0].clone());
    }), ["duplicate_id"]);
}

//! Site catalogues at the boundary (issue 11): a size limit, errors located where they
//! are, no panic on a 65th choice, one error per mistake, and nothing silently read
//! as something else (a JSON array, `1e400`).

#[path = "support/site_gen.rs"]
mod site_gen;

use policy_matcher::{load_catalogue, Error};
use serde_json::{json, Value};

/// A site catalogue of one document with one benefit whose condition is `when`.
fn site(when: &str) -> Value {
    json!({ "documents": [{
        "document": { "key": "x", "title": "测试", "issuer": "测试局", "number": "unknown", "date": "2024-01-01", "jurisdiction": "350000",
                      "level": "provincial", "valid_from": "2024-01-01", "valid_until": "2025-01-01" },
        "article": [{ "number": 1, "title": "补贴", "title_en": "Grant", "text": "对企业给予补贴。", "kind": "benefit",
                      "benefit": [{ "id": "b", "title": "补贴", "title_en": "Grant", "type": "subsidy", "quote": "给予补贴", "when": when }] }] }] })
}

fn errors(json: &str) -> Vec<Error> {
    load_catalogue(json).err().unwrap_or_default()
}

fn codes_fields(json: &str) -> Vec<(&'static str, String)> {
    errors(json).into_iter().map(|e| (e.code.as_str(), e.field)).collect()
}

#[test]
fn a_json_array_is_not_a_catalogue() {
    let doc = site("employees < 10");
    assert!(load_catalogue(&doc.to_string()).is_ok());
    // serde reads a struct from an array of its fields in order: that loaded.
    let array = json!([null, doc["documents"]]).to_string();
    assert_eq!(codes_fields(&array), [("catalogue_field", String::new())]);
    assert_eq!(codes_fields("\n\n  [1]"), [("catalogue_field", String::new())]);
    assert_eq!(errors("\n\n  [1]")[0].line, Some(3));
}

#[test]
fn numbers_beyond_f64_are_errors_not_infinity() {
    for when in ["revenue < 1e400", &format!("revenue < {}", "9".repeat(400)), &format!("revenue < {}万", "9".repeat(305))] {
        let e = errors(&site(when).to_string());
        assert_eq!(e.len(), 1, "{when}: {e:?}");
        assert_eq!(e[0].code.as_str(), "condition_syntax", "{when}");
        assert_eq!(e[0].field, "documents[0].article[0].benefit[0].when");
    }
    // In an amount, as JSON text: serde_json refuses the number.
    let mut s = site("employees < 10");
    s["documents"][0]["article"][0]["benefit"][0]["amount"] = json!({ "kind": "lump_sum", "yuan": 1, "quote": "给予补贴" });
    let text = s.to_string().replace("\"yuan\":1", "\"yuan\":1e400");
    assert_eq!(errors(&text)[0].code.as_str(), "catalogue_syntax");
}

#[test]
fn a_bom_is_ignored_and_the_size_is_limited() {
    let doc = site("employees < 10").to_string();
    assert!(load_catalogue(&format!("\u{feff}{doc}")).is_ok());
    let big = format!("{doc}{}", " ".repeat(policy_matcher::limits::MAX_CATALOGUE_BYTES));
    assert_eq!(codes_fields(&big), [("too_large", String::new())]);
    // Just under the limit still loads (a generated catalogue, padded).
    let gen = site_gen::site(100_000);
    assert!(load_catalogue(&gen).is_ok());
}

#[test]
fn a_condition_in_error_is_not_also_trivial() {
    // `employees < small` does not type-check; the jurisdiction test left over is not judged.
    assert_eq!(codes_fields(&site("employees <= small").to_string()), [("condition_type", "documents[0].article[0].benefit[0].when".to_string())]);
    assert_eq!(codes_fields(&site("headcount > 5").to_string()), [("condition_type", "documents[0].article[0].benefit[0].when".to_string())]);
    assert_eq!(codes_fields(&site("employees = 5").to_string()), [("condition_syntax", "documents[0].article[0].benefit[0].when".to_string())]);
    // A condition that parses and is trivial still is.
    assert_eq!(codes_fields(&site("employees < 0 and employees > 0").to_string()), [("condition_trivial", "documents[0].article[0].benefit[0].when".to_string())]);
}

#[test]
fn a_65_value_enum_or_set_is_an_error_and_not_kept() {
    for ty in ["enum", "set"] {
        let values: Vec<Value> = (0..65).map(|i| json!({ "id": format!("v{i}"), "label": format!("值{i}"), "label_en": format!("v{i}") })).collect();
        let mut s = site("many has v64");
        if ty == "enum" {
            s = site("many in [v63, v64]");
        }
        s["documents"][0]["attribute"] = json!([{ "id": "many", "type": ty, "step": "specifics", "label": "多", "label_en": "many", "values": values }]);
        let got = codes_fields(&s.to_string());
        // The attribute's error, then the condition naming it: an unknown attribute
        // (it was not kept), not a panic on the 65th bit.
        assert_eq!(got, [("catalogue_field", "documents[0].attribute[0].values".to_string()), ("condition_type", "documents[0].article[0].benefit[0].when".to_string())], "{ty}");
        assert!(errors(&s.to_string())[1].message_en.contains("unknown attribute 'many'"));
    }
    // 64 values are fine, the 64th included.
    let values: Vec<Value> = (0..64).map(|i| json!({ "id": format!("v{i}"), "label": format!("值{i}"), "label_en": format!("v{i}") })).collect();
    let mut s = site("many has v63");
    s["documents"][0]["attribute"] = json!([{ "id": "many", "type": "set", "step": "specifics", "label": "多", "label_en": "many", "values": values }]);
    let cat = load_catalogue(&s.to_string()).map_err(|e| e[0].to_string()).unwrap();
    let profile = policy_matcher::Input::Object(vec![("many".into(), policy_matcher::Input::Array(vec![policy_matcher::Input::String("v63".into())])), ("region".into(), policy_matcher::Input::String("350100".into()))]);
    let out = policy_matcher::match_profile(&cat, &profile, Some("2024-06-01"), policy_matcher::Date::parse("2024-06-01").unwrap());
    assert!(out.errors.is_empty(), "{:?}", out.errors);
}

#[test]
fn errors_are_located_in_extends_and_in_builtin_documents() {
    let mut s = site("employees < 10");
    s["extends"] = json!("elsewhere");
    assert_eq!(codes_fields(&s.to_string()), [("catalogue_field", "extends".to_string())]);
    // A site that extends the built-in documents but drops a question they use: the
    // errors stand in the built-in documents, not in the site's attributes or documents.
    let mut attrs = policy_matcher::builtin_bundle().unwrap().attributes.clone().unwrap();
    attrs.attribute.retain(|a| a.id != "qualifications");
    let mut s = site("employees < 10");
    s["extends"] = json!("builtin");
    s["attributes"] = serde_json::to_value(&attrs).unwrap();
    let e = errors(&s.to_string());
    assert!(!e.is_empty());
    for err in &e {
        assert!(err.field.starts_with("builtin.documents["), "{err}");
        assert_eq!(err.file, None);
    }
    // Without attributes at all: the missing key is the bundle's own.
    let bundle = policy_matcher::model::Bundle { attributes: None, documents: vec![], extends: None, build_errors: vec![] };
    let e = policy_matcher::catalogue::compile(&bundle, None, &|_| (None, None)).unwrap_err();
    assert_eq!(e[0].field, "attributes");
}

#[test]
fn generated_catalogues_of_every_size_load() {
    for bytes in [2_000, 20_000, 200_000] {
        let json = site_gen::site(bytes);
        let cat = load_catalogue(&json).map_err(|e| e[0].to_string()).unwrap();
        assert!(cat.articles.len() > 1);
    }
}

#[test]
fn an_article_with_too_many_benefits_is_too_large() {
    let mut s = site("employees < 10");
    let one = s["documents"][0]["article"][0]["benefit"][0].clone();
    let many: Vec<Value> = (0..=policy_matcher::limits::MAX_BENEFITS).map(|i| { let mut b = one.clone(); b["id"] = json!(format!("b{i}")); b }).collect();
    s["documents"][0]["article"][0]["benefit"] = json!(many[..policy_matcher::limits::MAX_BENEFITS]);
    assert!(load_catalogue(&s.to_string()).is_ok());
    s["documents"][0]["article"][0]["benefit"] = json!(many);
    assert_eq!(codes_fields(&s.to_string()), [("too_large", "documents[0].article[0].benefit".to_string())]);
}

#[test]
fn every_error_code_is_documented_and_typed() {
    let readme = include_str!("../README.md");
    let types = include_str!("../src/wasm.rs");
    for code in policy_matcher::Code::ALL {
        let c = code.as_str();
        assert!(readme.contains(&format!("| `{c}` |")), "README's table lacks {c}");
        assert!(types.contains(&format!("'{c}'")), "the TypeScript ErrorCode lacks {c}");
    }
}

#[test]
fn a_record_given_as_an_array_is_an_error_not_read_by_position() {
    let ok = site("employees < 10");
    // Each record as an array of its fields in order: serde read these too.
    let mut doc_as_array = ok.clone();
    let d = &ok["documents"][0];
    doc_as_array["documents"][0] = json!([d["document"], [], d["article"]]);
    let mut document_as_array = ok.clone();
    document_as_array["documents"][0]["document"] = json!(["x", "测试"]);
    let mut benefit_as_array = ok.clone();
    benefit_as_array["documents"][0]["article"][0]["benefit"] = json!([["b", "补贴"]]);
    let mut amount_as_array = ok.clone();
    amount_as_array["documents"][0]["article"][0]["benefit"][0]["amount"] = json!(["lump_sum"]);
    for (json, field) in [
        (doc_as_array, "documents[0]"),
        (document_as_array, "documents[0].document"),
        (benefit_as_array, "documents[0].article[0].benefit[0]"),
        (amount_as_array, "documents[0].article[0].benefit[0].amount"),
    ] {
        let pretty = serde_json::to_string_pretty(&json).unwrap();
        let e = errors(&pretty);
        assert_eq!((e.len(), e[0].code.as_str(), e[0].field.as_str()), (1, "catalogue_field", field), "{e:?}");
        // The line of the offending `[`: after the key for a record-valued key.
        let key = field.rsplit('.').next().unwrap();
        if !key.ends_with(']') {
            let line = pretty.lines().position(|l| l.contains(&format!("\"{key}\": ["))).map(|i| i as u32 + 1);
            assert_eq!(e[0].line, line, "{field}");
        }
    }
    // Notes may hold lists of lists; lists of strings stay lists.
    let mut noted = ok.clone();
    noted["documents"][0]["article"][0]["source_note"] = json!([["第一段", "第二段"]]);
    noted["documents"][0]["article"][0]["categories"] = json!([]);
    assert!(load_catalogue(&noted.to_string()).is_ok(), "{:?}", errors(&noted.to_string()));
    // A string holding brackets and quotes does not confuse the scan.
    let mut tricky = ok.clone();
    tricky["documents"][0]["document"]["title"] = json!("测试 [[\"x\\\"]] {");
    assert!(load_catalogue(&tricky.to_string()).is_ok(), "{:?}", errors(&tricky.to_string()));
}

//! Property tests over the entry points the wasm package and the CLI expose (they cover
//! what coverage-guided fuzzing covered, on the stable toolchain, in `cargo test`):
//! arbitrary profiles (as values and as JSON text), arbitrary and generated site
//! catalogues. Never a panic, the same input gives the same output, and every error is
//! structured (a known code, a field, both messages).
#![cfg(not(target_arch = "wasm32"))]

use policy_matcher::{builtin, json_input, load_catalogue, match_profile, Date, Error, Input};
use proptest::prelude::*;
use serde_json::json;

const FIELDS: [&str; 14] = [
    "region", "industry", "employees", "revenue", "total_assets", "taxable_income", "established", "entity_type",
    "qualifications", "taxpayer", "monthly_sales", "size", "nonsense", "",
];

fn known_code(e: &Error) -> bool {
    // The README's table: every code serializes as its stable snake_case name.
    let s = e.code.as_str();
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') && serde_json::to_value(e.code).ok() == Some(json!(s))
}

fn structured(errors: &[Error]) -> Result<(), TestCaseError> {
    for e in errors {
        prop_assert!(known_code(e), "{e}");
        prop_assert!(!e.message.is_empty() && !e.message_en.is_empty(), "{e}");
    }
    Ok(())
}

fn leaf() -> impl Strategy<Value = Input> {
    prop_oneof![
        Just(Input::Null),
        any::<bool>().prop_map(Input::Bool),
        any::<f64>().prop_map(Input::Number),
        prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(-0.0), Just(1e300), -1e9..1e12f64].prop_map(Input::Number),
        "[a-zA-Z0-9_\\-]{0,12}".prop_map(Input::String),
        prop_oneof![Just("350200"), Just("C39"), Just("high_tech"), Just("2020-02-29"), Just("individual_business"), Just("general")].prop_map(|s| Input::String(s.into())),
        any::<String>().prop_map(Input::String),
        prop_oneof![Just("undefined"), Just("function"), Just("symbol")].prop_map(Input::Other),
        Just(Input::Unreadable),
    ]
}

fn value() -> impl Strategy<Value = Input> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Input::Array),
            prop::collection::vec((prop::sample::select(FIELDS.to_vec()).prop_map(String::from), inner), 0..6).prop_map(Input::Object),
        ]
    })
}

fn profile() -> impl Strategy<Value = Input> {
    prop_oneof![
        1 => value(),
        4 => prop::collection::vec((prop::sample::select(FIELDS.to_vec()).prop_map(String::from), value()), 0..12).prop_map(Input::Object),
    ]
}

/// An Input as JSON text (what it can carry).
fn to_json(v: &Input) -> serde_json::Value {
    match v {
        Input::Bool(b) => json!(b),
        Input::Number(n) if n.is_finite() => json!(n),
        Input::String(s) => json!(s),
        Input::Array(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
        Input::Object(fields) => serde_json::Value::Object(fields.iter().map(|(k, v)| (k.clone(), to_json(v))).collect()),
        _ => serde_json::Value::Null,
    }
}

proptest! {
    // A debug-build match explains every measure (~0.1 s): few cases, many fields each.
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn any_profile_gives_structured_errors_and_the_same_output_twice(p in profile(), as_of in prop::option::of("[0-9\\-]{0,12}")) {
        let cat = builtin().unwrap();
        let today = Date::parse("2025-06-01").unwrap();
        let a = match_profile(cat, &p, as_of.as_deref(), today);
        let b = match_profile(cat, &p, as_of.as_deref(), today);
        prop_assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
        structured(&a.errors)?;
    }

    #[test]
    fn json_text_reads_as_serde_does_within_the_limits(p in profile()) {
        let text = to_json(&p).to_string();
        let ours = json_input::parse(&text).unwrap();
        let serde: serde_json::Value = serde_json::from_str(&text).unwrap();
        // serde_json's map sorts the keys; errors come in questionnaire order either way.
        let cat = builtin().unwrap();
        let today = Date::parse("2025-06-01").unwrap();
        let x = serde_json::to_string(&match_profile(cat, &ours, None, today)).unwrap();
        let y = serde_json::to_string(&match_profile(cat, &Input::from(&serde), None, today)).unwrap();
        prop_assert_eq!(x, y);
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_text_is_json_or_an_error_never_a_panic(text in any::<String>(), bytes in prop::collection::vec(prop::sample::select(b"{}[],:\"\\01e-+.tfnaul \n".to_vec()), 0..64)) {
        let _ = json_input::parse(&text);
        let s = String::from_utf8(bytes).unwrap();
        let a = json_input::parse(&s);
        prop_assert_eq!(a, json_input::parse(&s));
        let _ = load_catalogue(&text);
        if let Err(errors) = load_catalogue(&s) {
            structured(&errors)?;
        }
    }
}

/// Condition text from the grammar's pieces, mostly well-formed, sometimes not.
fn condition() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        (prop::sample::select(vec!["employees", "revenue", "total_assets", "monthly_sales", "nonsense"]), prop::sample::select(vec!["<", "<=", ">", ">=", "==", "!=", "="]), prop_oneof![Just("1e400".to_string()), (-5i64..100_000).prop_map(|n| n.to_string()), Just("15万".to_string()), Just("9".repeat(320))]).prop_map(|(a, o, v)| format!("{a} {o} {v}")),
        prop::sample::select(vec!["size in [small, micro]", "size in [tiny]", "qualifications has high_tech", "qualifications has_any [little_giant, high_tech]", "industry under C39", "industry under Z", "region within 350200", "region within 990000", "established >= as_of - 3 years", "small_low_profit", "region in [small]", "many has v63", "many in [v0]"]).prop_map(String::from),
        "[a-z_ ()\\[\\],<=>!0-9]{0,20}",
    ];
    atom.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            (inner.clone(), prop::sample::select(vec!["and", "or"]), inner.clone()).prop_map(|(a, op, b)| format!("{a} {op} {b}")),
            inner.clone().prop_map(|a| format!("not ({a})")),
            inner.prop_map(|a| format!("({a}")),
        ]
    })
}

fn catalogue() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((condition(), prop::sample::select(vec!["给予补贴", "补贴", "", "不在原文"]), prop::option::of(1u32..5)), 1..6),
        0usize..70,
        prop::sample::select(vec!["enum", "set", "bool", "integer", "nope"]),
        prop::option::of(prop::sample::select(vec!["builtin", "other"])),
        prop::sample::select(vec!["350000", "350200", "000000", "990000"]),
    )
        .prop_map(|(benefits, nvalues, ty, extends, jurisdiction)| {
            let values: Vec<_> = (0..nvalues).map(|i| json!({ "id": format!("v{i}"), "label": format!("值{i}"), "label_en": format!("v{i}") })).collect();
            let benefits: Vec<_> = benefits
                .iter()
                .enumerate()
                .map(|(i, (when, quote, amount))| {
                    let mut b = json!({ "id": format!("b{i}"), "title": "补贴", "title_en": "Grant", "type": "subsidy", "quote": quote, "when": when });
                    if let Some(y) = amount {
                        b["amount"] = json!({ "kind": "lump_sum", "yuan": y, "quote": quote });
                    }
                    b
                })
                .collect();
            let level = match jurisdiction { "000000" => "national", j if j.ends_with("0000") => "provincial", _ => "municipal" };
            let mut site = json!({ "documents": [{
                "document": { "key": "gen", "title": "测试", "issuer": "测试局", "number": "unknown", "date": "2024-01-01", "jurisdiction": jurisdiction,
                              "level": level, "valid_from": "2024-01-01", "valid_until": "2025-01-01" },
                "attribute": [{ "id": "many", "type": ty, "step": "specifics", "label": "多", "label_en": "many", "values": values }],
                "article": [{ "number": 1, "title": "补贴", "title_en": "Grant", "text": "对企业给予补贴。", "kind": "benefit", "benefit": benefits }] }] });
            if let Some(e) = extends {
                site["extends"] = json!(e);
            }
            site.to_string()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn generated_catalogues_load_or_give_structured_errors(json in catalogue(), p in profile()) {
        let first = load_catalogue(&json);
        let again = load_catalogue(&json);
        match (&first, &again) {
            (Err(a), Err(b)) => {
                prop_assert_eq!(a, b);
                structured(a)?;
                for e in a {
                    prop_assert!(e.field.is_empty() || e.field == "extends" || e.field.starts_with("documents[") || e.field.starts_with("builtin.documents[") || e.field.starts_with("attributes"), "{}", e);
                }
            }
            (Ok(cat), Ok(_)) => {
                // A loaded catalogue matches any profile without panicking, deterministically.
                let today = Date::parse("2024-06-01").unwrap();
                let x = serde_json::to_string(&match_profile(cat, &p, None, today)).unwrap();
                let y = serde_json::to_string(&match_profile(cat, &p, None, today)).unwrap();
                prop_assert_eq!(x, y);
            }
            _ => prop_assert!(false, "not deterministic"),
        }
    }
}

//! The profile contract as JSON Schema (draft 2020-12), generated from the attribute
//! schema so it can never drift from what `matchProfile` accepts. Published in the
//! package as `profile.schema.json`.

use crate::schema::{Schema, Ty};
use serde_json::{json, Map, Value};

/// The JSON Schema of an enterprise profile. `null` is allowed everywhere: it means
/// "not answered", like an absent field.
pub fn profile(schema: &Schema) -> Value {
    let mut properties = Map::new();
    for a in schema.attrs.iter().filter(|a| !a.def.derived) {
        let d = &a.def;
        let ids: Vec<&str> = d.values.iter().map(|v| v.id.as_str()).collect();
        let mut p = match a.ty {
            Ty::Region => json!({ "type": ["string", "null"], "pattern": "^[0-9]{6}$" }),
            Ty::Industry => json!({ "type": ["string", "null"], "pattern": "^[A-Ta-t]([0-9]{2,4})?$" }),
            Ty::Integer => json!({ "type": ["integer", "null"] }),
            Ty::Number => json!({ "type": ["number", "null"] }),
            Ty::Date => json!({ "type": ["string", "null"], "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$", "description": "YYYY-MM-DD, or YYYY-MM / YYYY when only the month or year is known" }),
            Ty::Enum => json!({ "enum": ids.iter().map(|i| json!(i)).chain([Value::Null]).collect::<Vec<_>>() }),
            Ty::Set => json!({ "type": ["array", "null"], "items": { "enum": ids }, "uniqueItems": true }),
            Ty::Bool => json!({ "type": ["boolean", "null"] }),
        };
        let obj = p.as_object_mut().expect("built as an object");
        if matches!(a.ty, Ty::Integer | Ty::Number) && !d.allow_negative {
            obj.insert("minimum".into(), json!(0));
        }
        obj.insert("title".into(), json!(d.label));
        obj.insert("description".into(), json!(d.label_en));
        let mut extra = vec![("x-step", json!(d.step)), ("x-unit", json!(d.unit))];
        if !d.hint.is_empty() {
            extra.push(("x-hint", json!(d.hint)));
            extra.push(("x-hint-en", json!(d.hint_en)));
        }
        if !d.values.is_empty() {
            extra.push(("x-options", json!(d.values.iter().map(|v| json!({ "value": v.id, "label": v.label, "label_en": v.label_en })).collect::<Vec<_>>())));
        }
        for (k, v) in extra {
            if !v.is_null() {
                obj.insert(k.into(), v);
            }
        }
        properties.insert(d.id.clone(), p);
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "policy-matcher/profile.schema.json",
        "title": "企业信息 / Enterprise profile",
        "description": "Every field is optional: an unanswered question is absent (or null). Amounts are in yuan.",
        "type": "object",
        "additionalProperties": false,
        "properties": properties,
    })
}

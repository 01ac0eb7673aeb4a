//! Generated site catalogues (JSON for `loadCatalogue`) of a given size, shared by the
//! catalogue benchmark and the tests. Half the bytes are many small articles whose
//! benefits test distinct numbers (many distinct atoms), half one long article quoted
//! by many benefits (many quotes of one text): the two shapes that made validation
//! quadratic.
#![allow(dead_code)]

use serde_json::{json, Value};

fn document(articles: Vec<Value>) -> Value {
    json!({
        "document": { "key": "gen", "title": "生成的测试文件", "issuer": "测试局", "number": "unknown", "date": "2024-01-01",
                      "jurisdiction": "350000", "level": "provincial", "valid_from": "2024-01-01", "valid_until": "2030-12-31" },
        "article": articles,
    })
}

fn benefit(id: usize, quote: &str, when: &str) -> Value {
    json!({ "id": format!("b{id}"), "title": "补贴", "title_en": "Grant", "type": "subsidy", "quote": quote, "when": when })
}

/// A valid site catalogue of about `bytes` bytes of JSON.
pub fn site(bytes: usize) -> String {
    let half = bytes / 2;
    let mut articles = Vec::new();
    // Small articles, each with its own numbers.
    let mut size = 0;
    let mut n = 0;
    while size < half {
        n += 1;
        let text = format!("第{n}项：从业人员少于{n}人的企业，给予补贴{n}元。");
        let b = benefit(0, &format!("给予补贴{n}元"), &format!("employees < {n} and revenue >= {n}"));
        let a = json!({ "number": n, "title": "补贴", "title_en": "Grant", "text": text, "kind": "benefit", "benefit": [b] });
        size += a.to_string().len();
        articles.push(a);
    }
    // One long article, a quote per paragraph.
    let filler = "企业应当按照规定如实申报，相关部门依法依规审核并及时拨付资金。".repeat(8);
    let (mut text, mut benefits, mut k) = (String::new(), Vec::new(), 0);
    while size < bytes {
        k += 1;
        let sentence = format!("第{k}段：符合条件的企业给予一次性奖励{k}万元。");
        text.push_str(&sentence);
        text.push_str(&filler);
        text.push('\n');
        let b = benefit(k, &sentence, &format!("employees >= {k}"));
        size += sentence.len() + filler.len() + b.to_string().len();
        benefits.push(b);
    }
    if !benefits.is_empty() {
        articles.push(json!({ "number": n + 1, "title": "奖励", "title_en": "Awards", "text": text, "kind": "benefit", "benefit": benefits }));
    }
    json!({ "documents": [document(articles)] }).to_string()
}

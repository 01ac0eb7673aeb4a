//! Generated site catalogues (JSON for `loadCatalogue`) of a given size, shared by the
//! catalogue benchmark and the tests. Half the bytes are many small articles whose
//! benefits test distinct numbers (many distinct atoms), half one long article quoted
//! by many benefits (many quotes of one text): the two shapes that made validation
//! quadratic.
#![allow(dead_code)]

use serde_json::{json, Value};

/// `policy_matcher::limits::MAX_BENEFITS` (spelled out, so that the benchmark also
/// builds against versions from before the limit, for before/after figures).
const MAX_BENEFITS: usize = 64;

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
    site_shaped(bytes, bytes / 2)
}

/// `small` bytes of small articles, the rest long ones.
pub fn site_shaped(bytes: usize, small: usize) -> String {
    let half = small;
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
    // Long articles, a quote per paragraph, as many as an article may have.
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
        if benefits.len() == MAX_BENEFITS || size >= bytes {
            n += 1;
            let benefits = std::mem::take(&mut benefits);
            articles.push(json!({ "number": n, "title": "奖励", "title_en": "Awards", "text": std::mem::take(&mut text), "kind": "benefit", "benefit": benefits }));
        }
    }
    json!({ "documents": [document(articles)] }).to_string()
}

//! `to_qualify`: for each measure not eligible, the smallest change that would make it
//! eligible — a question to answer, a threshold to cross, a qualification to obtain, an
//! official's review — or why nothing can (a fact that cannot change), in zh and en.
use policy_matcher::result::qualify::{StepKind, ToQualify};
use policy_matcher::result::{MatchOutput, Status};
use policy_matcher::{builtin, load_catalogue, Catalogue, Date, Input};
use serde_json::{json, Value};

mod common;

fn site() -> Catalogue {
    let text = "本市对企业给予支持。";
    let article = |id: &str, when: &str, checks: Value| {
        json!({ "id": format!("site/{id}"), "title": id, "title_en": id, "text": text, "kind": "benefit", "units": ["市工信局"],
                "benefit": [{ "id": id, "title": id, "title_en": id, "type": "subsidy", "quote": "本市对企业", "when": when, "checks": checks }] })
    };
    let bundle = json!({
        "documents": [{
            "document": { "key": "site", "title": "测试", "title_en": "Test", "issuer": "某市", "number": "unknown", "number_note": "测试",
                          "date": "2025-01-01", "jurisdiction": "350200", "level": "municipal", "valid_from": "2025-01-01", "valid_until": "2025-12-31",
                          "units_en": { "市工信局": "Municipal Bureau of Industry and Information Technology", "市财政局": "Municipal Finance Bureau" } },
            "attribute": [{ "id": "hires", "type": "integer", "step": "specifics", "unit": "persons", "label": "招用人数", "label_en": "People hired" }],
            "article": [
                article("young", "established >= as_of - 3 years", json!([])),
                article("big", "revenue >= 2000万", json!([])),
                article("few", "employees <= 50", json!([])),
                article("ssme", "qualifications has specialized_sme", json!([])),
                article("hires", "hires >= 1", json!([])),
                article("reviewed", "revenue >= 100万", json!([{ "zh": "由市工信局认定", "en": "The bureau decides" }])),
                article("either", "employees <= 10 or established >= as_of - 3 years", json!([])),
            ],
        }]
    });
    load_catalogue(&bundle.to_string()).unwrap_or_else(|e| panic!("{e:?}"))
}

fn run(cat: &Catalogue, profile: Value) -> MatchOutput {
    cat.match_profile(&Input::from(&profile), Date::parse("2025-06-01").unwrap())
}

fn tq<'a>(out: &'a MatchOutput, id: &str) -> &'a ToQualify {
    let r = out.results.iter().find(|r| r.id == id).unwrap_or_else(|| panic!("{id}"));
    r.to_qualify.as_ref().unwrap_or_else(|| panic!("{id} has no to_qualify ({:?})", r.status))
}

fn kinds(t: &ToQualify) -> Vec<StepKind> {
    t.steps.iter().map(|s| s.kind).collect()
}

const XIAMEN: fn() -> Value = || json!({ "region": "350206", "industry": "C39", "employees": 80, "revenue": 15e6, "total_assets": 8e6, "established": "2010-03-01", "qualifications": [] });

#[test]
fn each_kind_of_change_is_named_in_both_languages() {
    let cat = site();
    let out = run(&cat, XIAMEN());
    // A threshold to cross, with what the visitor gave; a past year's figure is not
    // suggested to change, a later year's may qualify.
    let big = tq(&out, "site/big");
    assert!(big.reachable);
    assert_eq!(kinds(big), [StepKind::Threshold]);
    assert!(big.text.zh.contains("营业收入需达到2000万元；您填写的是1500万元"), "{}", big.text.zh);
    assert!(big.text.zh.contains("今后年度"), "{}", big.text.zh);
    assert!(big.text.en.contains("must reach") && big.text.en.contains("20,000,000"), "{}", big.text.en);
    let few = tq(&out, "site/few");
    assert_eq!(kinds(few), [StepKind::Threshold]);
    assert!(few.text.zh.contains("需不超过50人；您填写的是80人"), "{}", few.text.zh);
    // A qualification to obtain.
    let ssme = tq(&out, "site/ssme");
    assert_eq!(kinds(ssme), [StepKind::Obtain]);
    assert!(ssme.text.zh.starts_with("取得“专精特新") && ssme.text.zh.ends_with("认定后可申请"), "{}", ssme.text.zh);
    assert!(ssme.text.en.starts_with("Eligible once recognised as"), "{}", ssme.text.en);
    // A question still to answer.
    let hires = tq(&out, "site/hires");
    assert_eq!(kinds(hires), [StepKind::Answer]);
    assert_eq!(hires.steps[0].attribute.as_deref(), Some("hires"));
    assert_eq!(hires.text.zh, "请回答“招用人数”");
    assert_eq!(hires.text.en, "Answer “People hired”");
    // Conditions met: only the responsible unit's review is left.
    let reviewed = tq(&out, "site/reviewed");
    assert_eq!(kinds(reviewed), [StepKind::Review]);
    assert!(reviewed.text.zh.contains("由市工信局认定") && reviewed.text.en.contains("The bureau decides"));
    // The founding date cannot change: why not, never a suggestion.
    let young = tq(&out, "site/young");
    assert!(!young.reachable);
    assert_eq!(kinds(young), [StepKind::Fixed]);
    assert!(young.text.zh.starts_with("仅限成立3年内的企业"), "{}", young.text.zh);
    assert!(young.text.en.starts_with("Only for enterprises founded within the last 3 years"), "{}", young.text.en);
    // Of two ways, the one that can be taken: fewer employees, not a younger company.
    let either = tq(&out, "site/either");
    assert!(either.reachable);
    assert_eq!(kinds(either), [StepKind::Threshold]);
    assert_eq!(either.steps[0].attribute.as_deref(), Some("employees"));
}

#[test]
fn eligible_measures_have_none_and_another_region_is_not_a_suggestion() {
    let cat = site();
    let mut p = XIAMEN();
    p["revenue"] = json!(30e6);
    let out = run(&cat, p);
    let big = out.results.iter().find(|r| r.id == "site/big").unwrap();
    assert_eq!(big.status, Status::Eligible);
    assert!(big.to_qualify.is_none());
    let mut p = XIAMEN();
    p["region"] = json!("460100");
    let out = run(&cat, p);
    let t = tq(&out, "site/big");
    assert!(!t.reachable);
    assert_eq!(kinds(t), [StepKind::Fixed]);
    assert_eq!(t.steps[0].attribute.as_deref(), Some("region"));
    assert!(t.text.zh.contains("无法更改"), "{}", t.text.zh);
}

/// On every fixture: a change the visitor can make never touches a fact that cannot
/// change, and a measure ruled out names only such facts.
#[test]
fn fixtures_never_suggest_changing_what_cannot_change() {
    let cat = builtin().unwrap();
    let fixed = ["region", "established", "industry", "entity_type", "size"];
    let mut seen = [0usize; 6];
    for (name, fixture) in common::fixtures() {
        let out = cat.match_profile(&Input::from(&fixture["profile"]), Date::parse(fixture["as_of"].as_str().unwrap()).unwrap());
        for r in &out.results {
            let Some(t) = &r.to_qualify else {
                assert!(!matches!(r.status, Status::Possible | Status::Ineligible), "{name}: {} lacks to_qualify", r.id);
                continue;
            };
            assert!(!t.steps.is_empty() && !t.text.zh.is_empty() && !t.text.en.is_empty(), "{name}: {}", r.id);
            for s in &t.steps {
                let on_fixed = s.attribute.as_deref().is_some_and(|a| fixed.contains(&a));
                if t.reachable {
                    assert!(s.kind == StepKind::Answer || !on_fixed, "{name}: {} suggests changing {:?}", r.id, s.attribute);
                } else {
                    assert!(s.kind == StepKind::Fixed && on_fixed, "{name}: {}: {:?}", r.id, s.kind);
                }
                seen[s.kind as usize] += 1;
            }
        }
    }
    // Every kind but a threshold (no fixture misses a measure on a figure) occurs.
    let kinds = [StepKind::Answer, StepKind::Obtain, StepKind::Meet, StepKind::Review, StepKind::Fixed];
    assert!(kinds.iter().all(|k| seen[*k as usize] > 0), "{seen:?}");
}

/// When every way is ruled out, "why not" names each: 创业带动就业补贴 is for individual
/// businesses or enterprises within 3 years of founding; the exporter is neither.
#[test]
fn every_way_ruled_out_is_named() {
    let cat = builtin().unwrap();
    let (_, fixture) = common::fixtures().into_iter().find(|(n, _)| n.starts_with("fujian-xiamen-electronics-exporter")).unwrap();
    let out = cat.match_profile(&Input::from(&fixture["profile"]), Date::parse(fixture["as_of"].as_str().unwrap()).unwrap());
    let t = tq(&out, "fujian-xiamen/31");
    assert!(!t.reachable);
    assert_eq!(kinds(t), [StepKind::Fixed, StepKind::Fixed]);
    assert!(t.text.zh.contains("个体工商户") && t.text.zh.contains("；或仅限成立3年内的企业"), "{}", t.text.zh);
    assert!(t.text.en.contains("; or only for enterprises founded within the last 3 years"), "{}", t.text.en);
}

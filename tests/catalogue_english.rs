//! Issue 13 (qinghai-2022, fujian-xiamen): the audit's findings, each as a test that fails
//! on the mistake it found. Written against the JSON a visitor's page receives, so the test
//! reads what is shown, not the catalogue files.

use policy_matcher::{builtin, Date, Input};
use serde_json::{json, Value};

const BANK_ZH: &str = "是否提供融资（贷款、担保或投资）及其额度、期限和费率，由金融机构按其规定审核决定。";

fn run(profile: Value, as_of: &str) -> Value {
    let cat = builtin().expect("the built-in catalogue validates");
    let out = cat.match_profile(&Input::from(&profile), Date::parse(as_of).unwrap());
    serde_json::to_value(&out).unwrap()
}

fn benefits(out: &Value) -> impl Iterator<Item = (&str, &Value)> {
    out["results"].as_array().unwrap().iter().flat_map(|r| {
        let id = r["id"].as_str().unwrap();
        r["benefits"].as_array().unwrap().iter().map(move |b| (id, b))
    })
}

fn benefit<'a>(out: &'a Value, measure: &str, id: &str) -> &'a Value {
    benefits(out).find(|(m, b)| *m == measure && b["id"] == id).unwrap_or_else(|| panic!("{measure} {id} missing")).1
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c) || ('\u{f900}'..='\u{faff}').contains(&c))
}

/// Every amount of the whole catalogue reads in English without Chinese and is never
/// empty ("per 项目", "per 场" and blank texts were the audit's findings).
#[test]
fn english_amount_texts_have_no_han_and_are_not_empty() {
    let out = run(json!({}), "2025-06-01");
    let mut seen = 0;
    let mut bad = Vec::new();
    for (m, b) in benefits(&out) {
        let Some(text) = b["amount"]["text"].as_object() else { continue };
        seen += 1;
        let (zh, en) = (text["zh"].as_str().unwrap(), text["en"].as_str().unwrap());
        if zh.trim().is_empty() || en.trim().is_empty() || has_han(en) {
            bad.push(format!("{m} {}: zh {zh:?} / en {en:?}", b["id"]));
        }
    }
    assert!(seen >= 20, "amounts seen: {seen}");
    assert!(bad.is_empty(), "amount texts:\n{}", bad.join("\n"));
    assert_eq!(benefit(&out, "fujian-xiamen/5", "tech-innovation-project-support")["amount"]["text"]["en"], "up to 3,000,000 yuan per project");
    assert_eq!(benefit(&out, "fujian-xiamen/14", "matching-event-award")["amount"]["text"]["en"], "up to 300,000 yuan per event");
    // qinghai-2022/7: the English says what 按照有关政策给予补贴 says, not the rail exclusion.
    assert_eq!(benefit(&out, "qinghai-2022/7", "chain-utility-subsidy")["amount"]["text"]["en"], "A subsidy under the relevant policies");
}

/// In qinghai-2022 and fujian-xiamen every loan or guarantee carries the same check that the
/// financial institution decides, so none is ever `eligible` (the credit platform and the
/// financing matching lacked it).
#[test]
fn financing_benefits_carry_the_bank_check_and_are_never_eligible() {
    // A profile that meets every size and fact condition of these benefits.
    let fits = |region: &str| {
        json!({ "region": region, "industry": "C39", "employees": 30, "revenue": 12e6, "total_assets": 8e6,
                "entity_type": "enterprise", "qualifications": ["specialized_sme", "little_giant"],
                "receivables_from_chain_core_enterprise": true })
    };
    let mut count = 0;
    for (region, doc, as_of) in [("630102", "qinghai-2022/", "2022-06-01"), ("350203", "fujian-xiamen/", "2025-06-01")] {
        let out = run(fits(region), as_of);
        for (m, b) in benefits(&out).filter(|(m, b)| m.starts_with(doc) && (b["type"] == "loan" || b["type"] == "guarantee")) {
            count += 1;
            assert_eq!(b["checks"][0]["zh"], BANK_ZH, "{m} {}", b["id"]);
            assert_ne!(b["status"], "eligible", "{m} {}: the bank decides, never eligible", b["id"]);
        }
        for (m, id) in [("qinghai-2022/4", "credit-financing-platform"), ("fujian-xiamen/25", "financing-matching")] {
            if m.starts_with(doc) {
                let b = benefit(&out, m, id);
                assert_eq!(b["checks"][0]["zh"], BANK_ZH, "{m} {id}");
                assert_eq!(b["status"], "possible", "{m} {id}");
            }
        }
    }
    assert!(count >= 12, "loan/guarantee benefits checked: {count}");
}

/// A 个体工商户 is sized like an enterprise (300号 第七条) but cannot take up what by its
/// nature needs an enterprise: the same facts give `ineligible` for an individual business
/// and not for an enterprise, so the entity condition is what decides.
#[test]
fn individual_businesses_are_not_offered_enterprise_only_benefits() {
    let enterprise_only: [(&str, &str); 21] = [
        ("qinghai-2022/1", "central-funds-specialized"),
        ("qinghai-2022/2", "small-low-profit-income-tax"),
        ("qinghai-2022/2", "rd-super-deduction"),
        ("qinghai-2022/2", "accelerated-depreciation"),
        ("qinghai-2022/2", "sci-tech-import"),
        ("qinghai-2022/3", "specialized-sme-tax-file"),
        ("qinghai-2022/4", "guarantee-institution-award"),
        ("qinghai-2022/5", "specialized-sme-credit"),
        ("qinghai-2022/5", "specialized-sme-credit-insurance"),
        ("qinghai-2022/6", "listing-incubation"),
        ("qinghai-2022/6", "regional-equity-market"),
        ("qinghai-2022/11", "rd-platform-priority"),
        ("qinghai-2022/12", "first-recognition-award"),
        ("qinghai-2022/16", "service-coordinator"),
        ("qinghai-2022/16", "site-visit"),
        ("fujian-xiamen/7", "factor-needs"),
        ("fujian-xiamen/8", "little-giant-award"),
        ("fujian-xiamen/9", "little-giant-services"),
        ("fujian-xiamen/21", "upgrade-guidance"),
        ("fujian-xiamen/28", "capital-matching-meetings"),
        ("fujian-xiamen/20", "simplified-registration"), // the other way round: individual businesses only
    ];
    let profile = |region: &str, entity: &str| {
        json!({ "region": region, "industry": "C33", "employees": 8, "revenue": 2e6, "total_assets": 1e6,
                "taxable_income": 1e5, "entity_type": entity,
                "qualifications": ["innovative_sme", "specialized_sme", "little_giant", "single_champion"],
                "incurs_rd_expenses": true, "acquires_fixed_assets": true, "imports_sci_tech_goods": true,
                "financing_guarantee_institution": true, "qinghai_specialized_sme_reserve": true })
    };
    for (region, as_of) in [("630102", "2022-06-01"), ("350203", "2025-06-01")] {
        let ind = run(profile(region, "individual_business"), as_of);
        let ent = run(profile(region, "enterprise"), as_of);
        for (m, id) in enterprise_only.iter().filter(|(m, _)| m.starts_with(if region == "630102" { "qinghai" } else { "fujian" })) {
            let (i, e) = (&benefit(&ind, m, id)["status"], &benefit(&ent, m, id)["status"]);
            if *id == "simplified-registration" {
                assert_eq!((i.as_str(), e.as_str()), (Some("possible"), Some("ineligible")), "{m} {id}");
            } else {
                assert_eq!(i, "ineligible", "{m} {id}: an individual business");
                assert_ne!(e, "ineligible", "{m} {id}: an enterprise with the same facts");
            }
        }
    }
}

/// fujian-xiamen/42 concerns 政府采购工程项目 only: its result says so, and a software company
/// is not offered it; /43 says what the text says (purchasers encouraged, the share may be raised).
#[test]
fn fujian_procurement_says_construction_and_advance_payments_are_not_promised() {
    let out = run(json!({ "region": "350203", "industry": "I65", "employees": 50, "revenue": 2e7, "entity_type": "enterprise" }), "2025-06-01");
    for id in ["reserved-below-4m", "reserved-share-above-4m"] {
        let b = benefit(&out, "fujian-xiamen/42", id);
        assert!(b["title"].as_str().unwrap().contains("工程"), "{id}");
        assert!(b["title_en"].as_str().unwrap().contains("construction"), "{id}");
        assert_eq!(b["status"], "ineligible", "{id}: a software company does not carry out construction works");
    }
    let b = benefit(&out, "fujian-xiamen/43", "procurement-advance-payment");
    let (zh, en) = (b["amount"]["text"]["zh"].as_str().unwrap(), b["amount"]["text"]["en"].as_str().unwrap());
    assert!(!zh.contains("不低于50") && !en.contains("at least 50"), "{zh} / {en}");
    assert!(zh.contains("可提高至50%以上") && en.contains("may be raised") && en.contains("encouraged"), "{zh} / {en}");
    assert_eq!(b["status"], "possible");
}

/// Questions only an official can answer, and opportunities, are not asked (rules 5 and 6):
/// the questionnaire no longer has them, and the measures that used them say in a check who
/// decides or what taking them up involves.
#[test]
fn official_only_facts_and_opportunities_are_checks_not_questions() {
    let cat = builtin().unwrap();
    let schema = policy_matcher::json_schema::profile(&cat.schema);
    let props = schema["properties"].as_object().unwrap();
    for gone in [
        "industrial_chain_extender", "industry_backbone_enterprise", "first_set_major_equipment", "attends_listed_trade_fairs",
        "little_giant_newly_recognised", "organises_supply_demand_matching_event", "attends_minhuo_huaxiaxing",
        "attends_fupin_global_emerging_market_fair", "attends_selected_industry_overseas_fair", "converting_individual_to_enterprise",
        "seeks_direct_financing", "recruits_outside_in_employer_consortium", "uses_existing_stock_land",
        "project_in_filed_unapproved_reclaimed_sea", "participates_consumer_goods_trade_in", "bids_government_procurement",
    ] {
        assert!(!props.contains_key(gone), "{gone} is still asked");
    }
    // An enterprise that fits on size alone: each such measure is possible with its check, not eligible.
    let q = run(json!({ "region": "630102", "industry": "C33", "employees": 45, "revenue": 25e6, "entity_type": "enterprise", "privately_owned_enterprise": true }), "2022-06-01");
    let f = run(json!({ "region": "350203", "industry": "C39", "employees": 30, "revenue": 12e6, "entity_type": "enterprise", "qualifications": ["little_giant"] }), "2025-06-01");
    for (out, m, id, word) in [
        (&q, "qinghai-2022/7", "chain-utility-subsidy", "认定"),
        (&q, "qinghai-2022/11", "rd-platform-priority", "认定"),
        (&q, "qinghai-2022/11", "first-set-equipment-grant", "认定"),
        (&q, "qinghai-2022/21", "trade-fair-subsidy", "展会"),
        (&f, "fujian-xiamen/8", "little-giant-award", "新认定"),
        (&f, "fujian-xiamen/16", "minhuo-huaxiaxing-fees", "闽货华夏行"),
        (&f, "fujian-xiamen/35", "stock-land-transition", "存量土地"),
    ] {
        let b = benefit(out, m, id);
        assert_eq!(b["status"], "possible", "{m} {id}");
        assert!(b["missing"].as_array().unwrap().is_empty(), "{m} {id}: nothing left to ask");
        assert!(b["checks"].as_array().unwrap().iter().any(|c| c["zh"].as_str().unwrap().contains(word)), "{m} {id}: a check about {word}");
    }
    // qinghai-2022/4: the fund's equity stakes in guarantee institutions are not offered as a loan (nor at all).
    assert!(benefits(&q).all(|(_, b)| b["id"] != "guarantee-fund-equity"));
}

/// Second review: Qinghai's procurement reservations (art. 22) are taken up the same way as
/// Fujian's (rule 6): by bidding, the purchaser deciding whether a project suits SMEs — so an
/// SME sees them as possible with that check, never as already obtained.
#[test]
fn procurement_reservations_are_bids_the_purchaser_decides() {
    let out = run(json!({ "region": "630102", "industry": "F52", "employees": 6, "revenue": 96e4, "entity_type": "enterprise" }), "2022-06-01");
    for id in ["small-projects-reserved", "budget-share-reserved"] {
        let b = benefit(&out, "qinghai-2022/22", id);
        assert_eq!(b["status"], "possible", "{id}");
        assert!(b["checks"][0]["zh"].as_str().unwrap().contains("采购人"), "{id}");
    }
    // The buyer–supplier matchmaking service needs no bid: still eligible.
    assert_eq!(benefit(&out, "qinghai-2022/22", "procurement-matching")["status"], "eligible");
}

/// Issue 8 (English results): every responsible unit, contacts note and validity note the
/// visitor can see has its English — the units from the document's `units_en` glossary, in
/// the order of the Chinese, without Chinese characters.
#[test]
fn units_contacts_and_validity_notes_are_in_english_wherever_the_chinese_is() {
    let out = run(json!({}), "2025-06-01");
    let mut units = 0;
    for r in out["results"].as_array().unwrap() {
        let id = r["id"].as_str().unwrap();
        let (zh, en) = (r["units"].as_array().unwrap(), r["units_en"].as_array().unwrap());
        assert_eq!(zh.len(), en.len(), "{id}: units_en pairs with units");
        assert_eq!(r["apply"]["units_en"], r["units_en"], "{id}: the apply block names the same units");
        for (z, e) in zh.iter().zip(en) {
            let e = e.as_str().unwrap();
            units += 1;
            assert!(!e.trim().is_empty() && !has_han(e) && e != z.as_str().unwrap(), "{id}: {z} → {e:?}");
        }
        if let Some(note) = r["apply"]["note"]["en"].as_str() {
            assert!(!has_han(note), "{id}: {note}");
        }
        let d = &r["document"];
        if !d["contacts_note"].as_str().unwrap().is_empty() {
            let en = d["contacts_note_en"].as_str().unwrap_or_else(|| panic!("{id}: contacts_note_en"));
            assert!(!has_han(en), "{id}: {en}");
        }
        for v in std::iter::once(&r["validity"]).chain(r["benefits"].as_array().unwrap().iter().map(|b| &b["validity"])) {
            for (zh, en) in [("note", "note_en"), ("period_note", "period_note_en")] {
                if v[zh].as_str().is_some_and(|s| !s.is_empty()) {
                    let e = v[en].as_str().unwrap_or_else(|| panic!("{id}: {en} missing beside {zh}"));
                    assert!(!e.trim().is_empty() && !has_han(e), "{id}: {en} {e:?}");
                }
            }
        }
    }
    assert!(units >= 200, "units seen: {units}");
    // The standard names, e.g. Qinghai's finance department and Xiamen's industry bureau.
    let r = out["results"].as_array().unwrap().iter().find(|r| r["id"] == "fujian-xiamen/1").unwrap();
    assert!(r["units_en"].as_array().unwrap().iter().any(|u| u == "Xiamen Municipal Bureau of Industry and Information Technology"), "{}", r["units_en"]);
}

/// The check requires the English: a site catalogue naming a unit without its English name,
/// or a contacts or validity note without English, is refused with the field named.
#[test]
fn a_unit_or_note_without_english_is_a_catalogue_error() {
    let site = json!({
        "extends": "builtin",
        "documents": [{
            "document": { "key": "site", "title": "测试", "title_en": "Test", "issuer": "某市", "number": "unknown", "number_note": "测试",
                          "date": "2025-01-01", "jurisdiction": "350200", "level": "municipal", "valid_from": "2025-01-01", "valid_until": "unknown",
                          "validity_note": "原文未载截止日期", "validity_note_en": "The text gives no end date.",
                          "contacts_note": "请联系市工信局", "contacts_note_en": "Contact the municipal industry bureau.",
                          "units_en": { "市工信局": "Xiamen Municipal Bureau of Industry and Information Technology" } },
            "article": [{ "number": 1, "title": "补贴", "title_en": "Grant", "text": "对企业给予补贴。", "kind": "benefit", "units": ["市工信局"],
                          "benefit": [{ "id": "b", "title": "补贴", "title_en": "Grant", "type": "subsidy", "quote": "给予补贴" }] }]
        }]
    });
    let cat = policy_matcher::load_catalogue(&site.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
    let out = serde_json::to_value(cat.match_profile(&Input::from(&json!({ "region": "350203" })), Date::parse("2025-06-01").unwrap())).unwrap();
    let r = out["results"].as_array().unwrap().iter().find(|r| r["id"] == "site/1").unwrap();
    assert_eq!(r["units_en"], json!(["Xiamen Municipal Bureau of Industry and Information Technology"]));
    assert_eq!(r["validity"]["note_en"], "The text gives no end date.");
    assert_eq!(r["document"]["contacts_note_en"], "Contact the municipal industry bureau.");
    for (path, field) in [
        (&["units_en"][..], "documents[0].article[0].units"),
        (&["validity_note_en"][..], "documents[0].validity_note_en"),
        (&["contacts_note_en"][..], "documents[0].document.contacts_note_en"),
    ] {
        let mut bad = site.clone();
        bad["documents"][0]["document"].as_object_mut().unwrap().remove(path[0]);
        let errs = policy_matcher::load_catalogue(&bad.to_string()).unwrap_err();
        assert!(errs.iter().any(|e| e.field == field), "{field}: {errs:?}");
    }
}

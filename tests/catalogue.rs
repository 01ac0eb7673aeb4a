//! The catalogue's own validation: it passes on the shipped files, it counts the
//! articles in the source documents themselves, and it catches each kind of mistake
//! with file and line.

use policy_matcher::{builtin, load_catalogue, source_files, sources};
use std::path::{Path, PathBuf};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/catalogue");

#[test]
fn the_shipped_catalogue_validates_against_its_sources() {
    let src = source_files::read_dir(Path::new(DIR)).unwrap_or_else(|e| panic!("{e:?}"));
    if let Err(errors) = src.check() {
        panic!("{}", errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"));
    }
    let info = builtin().expect("the embedded bundle validates too").info();
    assert!(info.build_errors.is_empty(), "{:?}", info.build_errors);
}

#[test]
fn every_numbered_article_of_every_source_is_in_the_catalogue() {
    let cat = builtin().unwrap();
    let expected = [("hainan-2024", 22), ("hunan-2020", 23), ("qinghai-2022", 26), ("fujian-xiamen", 50)];
    let mut total = 0;
    for (key, count) in expected {
        let raw = std::fs::read_to_string(format!("{DIR}/sources/{key}.txt")).unwrap();
        let numbers: Vec<u32> = sources::articles(key, &sources::clean(key, &raw)).iter().map(|a| a.number).collect();
        assert_eq!(numbers, (1..=count).collect::<Vec<u32>>(), "{key}: the source's own numbering");
        for n in 1..=count {
            assert!(cat.articles.iter().any(|a| a.id == format!("{key}/{n}")), "{key}/{n} missing");
        }
        total += count;
    }
    assert_eq!(total, 121);
    for key in ["miit-2020", "guangdong-2020"] {
        assert!(cat.articles.iter().filter(|a| a.id.starts_with(&format!("{key}/"))).count() >= 3, "{key} items");
    }
}

#[test]
fn the_sources_are_the_shared_seeds_unchanged() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.exists() {
        eprintln!("../shared/seeds not present: comparison skipped");
        return;
    }
    let pairs = [("000", "hainan-2024"), ("001", "hunan-2020"), ("002", "qinghai-2022"), ("003", "fujian-xiamen"), ("004", "miit-2020-guangdong-2020")];
    for entry in std::fs::read_dir(&seeds).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let (_, key) = pairs.iter().find(|(p, _)| name.starts_with(p)).expect("a known seed");
        assert_eq!(std::fs::read(entry.path()).unwrap(), std::fs::read(format!("{DIR}/sources/{key}.txt")).unwrap(), "{name}");
    }
}

#[test]
fn hunan_text_is_clean_simplified_chinese() {
    let cat = builtin().unwrap();
    for a in cat.articles.iter().filter(|a| a.id.starts_with("hunan-2020/")) {
        for bad in ["進", "業", "發", "(jìn)", "(yè)", "?"] {
            assert!(!a.def.text.contains(bad), "{}: contains {bad}", a.id);
        }
    }
}

#[test]
fn tasks_are_never_reported_as_eligible_or_possible() {
    let cat = builtin().unwrap();
    let today = policy_matcher::Date::parse("2024-06-01").unwrap();
    let profiles = [
        serde_json::json!({}),
        serde_json::json!({ "region": "460100", "industry": "C39", "employees": 50, "revenue": 5e7, "qualifications": ["specialized_sme"] }),
    ];
    for p in profiles {
        let out = cat.match_profile(&policy_matcher::Input::from(&p), today);
        for r in out.results.iter().filter(|r| r.kind == "task") {
            assert_eq!(r.status, policy_matcher::matcher::Status::Task, "{}", r.id);
        }
        assert!(out.results.iter().any(|r| r.kind == "task"));
    }
}

/// Rule 1 of catalogue/README.md ("Task or benefit"): the close calls it records are
/// encoded as it says, so a later edit cannot flip one silently.
#[test]
fn rule_1_recorded_task_or_benefit_decisions_hold() {
    let cat = builtin().unwrap();
    let out = cat.match_profile(&policy_matcher::Input::from(&serde_json::json!({})), policy_matcher::Date::parse("2024-06-01").unwrap());
    let kind = |id: &str| out.results.iter().find(|r| r.id == id).map(|r| r.kind.clone()).unwrap_or_else(|| panic!("{id} is not in the catalogue"));
    for (id, expected) in [
        ("hainan-2024/4", "benefit"),
        ("hainan-2024/13", "benefit"),
        ("hainan-2024/16", "benefit"),
        ("hainan-2024/15", "task"),
        ("hunan-2020/12", "task"),
        ("hunan-2020/18", "task"),
        ("hunan-2020/15", "benefit"),
        ("guangdong-2020/digital-economy", "task"),
        ("guangdong-2020/manufacturing-innovation", "task"),
    ] {
        assert_eq!(kind(id), expected, "{id}: catalogue/README.md rule 1 records it as a {expected}");
    }
}

/// A copy of the catalogue folder with one file changed by `edit`.
fn broken_copy(file: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    static COPIES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COPIES.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("pm-cat-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    for e in std::fs::read_dir(DIR).unwrap().flatten().chain(std::fs::read_dir(format!("{DIR}/sources")).unwrap().flatten()) {
        if e.path().is_file() {
            let rel = e.path().strip_prefix(DIR).unwrap().to_path_buf();
            std::fs::copy(e.path(), dir.join(rel)).unwrap();
        }
    }
    let p = dir.join(file);
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, edit(&text)).unwrap();
    dir
}

fn errors_of(dir: &Path) -> Vec<policy_matcher::Error> {
    match source_files::read_dir(dir).and_then(|s| s.check()) {
        Ok(_) => Vec::new(),
        Err(e) => e,
    }
}

fn line_of(text: &str, needle: &str) -> u32 {
    text.lines().position(|l| l.contains(needle)).expect("needle present") as u32 + 1
}

#[test]
fn each_kind_of_mistake_is_reported_with_file_and_line() {
    let original = std::fs::read_to_string(format!("{DIR}/qinghai-2022.toml")).unwrap();
    // A condition on an attribute that does not exist.
    let first_when = original.lines().find(|l| l.trim_start().starts_with("when = \"")).unwrap().to_string();
    let dir = broken_copy("qinghai-2022.toml", |t| t.replacen(&first_when, "when = \"headcount < 5\"", 1));
    let errs = errors_of(&dir);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].code.as_str(), "condition_type");
    assert!(errs[0].file.as_deref().unwrap().ends_with("qinghai-2022.toml"));
    assert_eq!(errs[0].line, Some(line_of(&original, &first_when)));

    // A condition no enterprise can meet.
    let dir = broken_copy("qinghai-2022.toml", |t| t.replacen(&first_when, "when = \"employees < 5 and employees > 10\"", 1));
    let errs = errors_of(&dir);
    assert_eq!(errs.iter().map(|e| e.code.as_str()).collect::<Vec<_>>(), ["condition_trivial"]);

    // A syntax error in the condition.
    let dir = broken_copy("qinghai-2022.toml", |t| t.replacen(&first_when, "when = \"size in [small, micro\"", 1));
    assert_eq!(errors_of(&dir)[0].code.as_str(), "condition_syntax");

    // One character of the verbatim text changed.
    let dir = broken_copy("qinghai-2022.toml", |t| t.replace("强化财政资金支持力度", "强化财政资金支持力气"));
    let errs = errors_of(&dir);
    assert!(errs.iter().any(|e| e.code.as_str() == "text_not_in_source" && e.line.is_some()), "{errs:?}");

    // An article removed.
    let dir = broken_copy("qinghai-2022.toml", |t| {
        let start = t.find("number = 26").unwrap();
        let header = t[..start].rfind("[[article]]").unwrap();
        t[..header].to_string()
    });
    let errs = errors_of(&dir);
    assert!(errs.iter().any(|e| e.code.as_str() == "article_missing" && e.message_en.contains("26")), "{errs:?}");

    // Broken TOML.
    let dir = broken_copy("qinghai-2022.toml", |t| t.replacen("[document]", "[document", 1));
    let errs = errors_of(&dir);
    assert_eq!(errs[0].code.as_str(), "catalogue_syntax");
    assert_eq!(errs[0].line, Some(line_of(&original, "[document]")));

    // A duplicated article number.
    let dir = broken_copy("qinghai-2022.toml", |t| t.replacen("number = 2\n", "number = 1\n", 1));
    assert!(errors_of(&dir).iter().any(|e| e.code.as_str() == "duplicate_id"));
}

#[test]
fn a_site_catalogue_loads_from_json_or_comes_back_with_errors() {
    let site = serde_json::json!({
        "extends": "builtin",
        "documents": [{
            "document": { "key": "xiamen-local", "title": "厦门市测试措施", "issuer": "厦门市工业和信息化局", "number": "unknown", "number_note": "示例",
                          "date": "2025-01-01", "jurisdiction": "350200", "level": "municipal", "valid_from": "2025-01-01", "valid_until": "2025-12-31" },
            "article": [{ "number": 1, "title": "测试补贴", "title_en": "Test subsidy", "text": "对小微企业给予补贴。", "kind": "benefit", "categories": ["财税"],
                          "benefit": [{ "id": "grant", "title": "补贴", "title_en": "Grant", "type": "subsidy", "quote": "给予补贴", "when": "size in [small, micro]" }] }]
        }]
    });
    let cat = load_catalogue(&site.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(cat.articles.len(), builtin().unwrap().articles.len() + 1);

    let mut bad = site.clone();
    bad["documents"][0]["article"][0]["benefit"][0]["when"] = "size in [tiny]".into();
    let errs = load_catalogue(&bad.to_string()).unwrap_err();
    assert_eq!(errs[0].code.as_str(), "condition_type");
    assert_eq!(errs[0].field, "documents[0].article[0].benefit[0].when");
    assert!(!errs[0].message.is_empty() && !errs[0].message_en.is_empty());

    assert_eq!(load_catalogue("{ not json").unwrap_err()[0].code.as_str(), "catalogue_syntax");

    // A city's document called provincial, and a percentage over 100.
    let mut wrong = site.clone();
    wrong["documents"][0]["document"]["level"] = "provincial".into();
    wrong["documents"][0]["article"][0]["benefit"][0]["amount"] = serde_json::json!({ "kind": "share", "percent": 130, "quote": "给予补贴" });
    let errs = load_catalogue(&wrong.to_string()).unwrap_err();
    let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["documents[0].document.level", "documents[0].article[0].benefit[0].amount"], "{errs:?}");
}

#[test]
fn an_article_quoting_another_numbered_article_is_reported() {
    // Articles 1 and 2 with their numbers swapped: every text is still verbatim in the
    // source and every number present, so only the per-number comparison sees it.
    let dir = broken_copy("qinghai-2022.toml", |t| t.replacen("number = 1\n", "number = X\n", 1).replacen("number = 2\n", "number = 1\n", 1).replacen("number = X\n", "number = 2\n", 1));
    let errs = errors_of(&dir);
    assert!(!errs.is_empty());
    assert!(errs.iter().all(|e| e.code.as_str() == "text_not_in_source" && e.file.as_deref().is_some_and(|f| f.ends_with("qinghai-2022.toml"))), "{errs:?}");
    assert!(errs.iter().any(|e| e.message_en.contains("not in its article 1")), "{errs:?}");
}

#[test]
fn a_mistake_in_attributes_toml_is_reported_with_its_line() {
    let original = std::fs::read_to_string(format!("{DIR}/attributes.toml")).unwrap();
    let dir = broken_copy("attributes.toml", |t| t.replacen("type = \"integer\"", "type = \"integr\"", 1));
    let errs = errors_of(&dir);
    let e = errs.iter().find(|e| e.message_en.contains("unknown type 'integr'")).unwrap_or_else(|| panic!("{errs:?}"));
    assert!(e.file.as_deref().is_some_and(|f| f.ends_with("attributes.toml")));
    assert_eq!(e.line, Some(line_of(&original, "type = \"integer\"")));
}

#[test]
fn a_repeated_step_is_reported_at_its_line() {
    let original = std::fs::read_to_string(format!("{DIR}/attributes.toml")).unwrap();
    let dir = broken_copy("attributes.toml", |t| t.replacen("[[step]]\nid = \"activity\"", "[[step]]\nid = \"location\"", 1));
    let errs = errors_of(&dir);
    let e = errs.iter().find(|e| e.code.as_str() == "duplicate_id").unwrap_or_else(|| panic!("{errs:?}"));
    assert_eq!(e.field, "attributes.step[1].id");
    assert_eq!(e.line, Some(line_of(&original, "id = \"activity\"")));
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F))
}

/// Every `amount` object in a measure's JSON record (wherever the record puts it).
fn amounts<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                if k == "amount" && x.is_object() {
                    out.push(x);
                }
                amounts(x, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| amounts(x, out)),
        _ => {}
    }
}

/// Catalogue rule 7 (issue 13): the English text of every amount in the whole catalogue
/// has no Han character and is never empty — units (`per_en`) and notes (`note_en`) included.
#[test]
fn english_amount_texts_have_no_han_and_are_not_empty() {
    let cat = builtin().unwrap();
    let today = policy_matcher::Date::parse("2024-06-01").unwrap();
    let (mut seen, mut bad) = (0, Vec::new());
    for a in &cat.articles {
        let json = serde_json::to_value(cat.measure(&a.id, today).unwrap()).unwrap();
        let mut found = Vec::new();
        amounts(&json, &mut found);
        assert_eq!(found.len(), a.benefits.iter().filter(|b| b.def.amount.is_some()).count(), "{}: every amount is in the record", a.id);
        for am in found {
            seen += 1;
            let en = am["text"]["en"].as_str().unwrap_or("");
            if en.trim().is_empty() || has_han(en) {
                bad.push(format!("{}: English amount text {en:?} (zh {:?})", a.id, am["text"]["zh"]));
            }
            for key in ["note_en", "per_en"] {
                if let Some(s) = am[key].as_str().filter(|s| has_han(s)) {
                    bad.push(format!("{}: {key} {s:?} has Chinese", a.id));
                }
            }
            if am["note"].as_str().is_some_and(|s| !s.trim().is_empty()) && am["note_en"].as_str().unwrap_or("").trim().is_empty() {
                bad.push(format!("{}: a note without note_en", a.id));
            }
        }
    }
    assert!(seen > 20, "amounts seen: {seen}");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // The test sees what the visitor sees: a unit without per_en shows the Chinese unit.
    assert!(has_han("per 项目") && !has_han("up to 300,000 yuan per project"));
}

/// Catalogue rule 4 (issue 13): a bank, guarantee institution or fund decides every
/// financing benefit, in the same words everywhere.
#[test]
fn loan_and_guarantee_benefits_carry_the_bank_check() {
    const ZH: &str = "是否提供融资（贷款、担保或投资）及其额度、期限和费率，由金融机构按其规定审核决定。";
    const EN: &str = "Whether financing (a loan, guarantee or investment) is granted, and its amount, term and cost, is decided by the financial institution under its own rules.";
    let cat = builtin().unwrap();
    let mut bad = Vec::new();
    let mut seen = 0;
    for a in &cat.articles {
        for b in a.benefits.iter().filter(|b| b.def.ty == "loan" || b.def.ty == "guarantee") {
            seen += 1;
            if !b.def.checks.iter().any(|c| c.zh == ZH && c.en == EN) {
                bad.push(format!("{}#{}", a.id, b.def.id));
            }
        }
    }
    assert!(seen >= 10, "{seen}");
    assert!(bad.is_empty(), "without the bank check:\n{}", bad.join("\n"));
    // A benefit with a check is never eligible: the visitor sees at most "possible".
    let out = cat.match_profile(&policy_matcher::Input::from(&serde_json::json!({ "region": "430100", "industry": "C34", "employees": 80, "revenue": 5e7, "entity_type": "enterprise" })), policy_matcher::Date::parse("2020-06-01").unwrap());
    let r = out.results.iter().find(|r| r.id == "hunan-2020/6").unwrap();
    let renewal = r.benefits.iter().find(|b| b.id == "loan-renewal").unwrap();
    assert_eq!(renewal.status, policy_matcher::matcher::Status::Possible);
}

/// Catalogue rule 2 (issue 13): a benefit that by its nature needs an enterprise — a title
/// or category of enterprise, listing or equity financing, enterprise income tax — never
/// fits an individual business, however small.
#[test]
fn enterprise_only_benefits_never_match_an_individual_business() {
    const MARKERS: [&str; 20] = [
        "上市", "挂牌", "科技型中小企业", "高新技术企业", "高企", "专精特新", "小巨人", "单项冠军", "创新型中小企业", "小升规",
        "规模以上", "规上", "所得税", "小型微利", "加计扣除", "龙头企业", "白名单", "股权融资", "路演", "雏鹰",
    ];
    const QUALIFICATIONS: [&str; 8] = ["innovative_sme", "specialized_sme", "little_giant", "single_champion", "high_tech", "tech_sme", "above_designated_size", "small_low_profit"];
    let cat = builtin().unwrap();
    let mut enterprise_only = Vec::new();
    for a in &cat.articles {
        for b in &a.benefits {
            let words = format!("{} {}", b.def.title, b.def.quote);
            let when = b.def.when.as_deref().unwrap_or("");
            if MARKERS.iter().any(|m| words.contains(m)) || QUALIFICATIONS.iter().any(|q| when.contains(q)) {
                enterprise_only.push((a, b));
            }
        }
    }
    assert!(enterprise_only.len() >= 15, "{}", enterprise_only.len());
    let mut bad = Vec::new();
    for (a, b) in &enterprise_only {
        let doc = &cat.documents[a.doc];
        let region = if doc.def.jurisdiction == "000000" { "110101".to_string() } else { doc.def.jurisdiction.clone() };
        // A micro individual business in the document's region that answers yes to every
        // qualification: only the entity type can keep it out.
        let profile = serde_json::json!({
            "region": region, "entity_type": "individual_business", "industry": "H62", "employees": 6, "revenue": 8e5, "total_assets": 3e5,
            "taxable_income": 1e5, "qualifications": ["innovative_sme", "specialized_sme", "little_giant", "single_champion", "high_tech", "tech_sme", "above_designated_size"],
        });
        let date = policy_matcher::Date::parse(&doc.def.date).or(policy_matcher::Date::parse("2024-06-01")).unwrap();
        let out = cat.match_profile(&policy_matcher::Input::from(&profile), date);
        let r = out.results.iter().find(|r| r.id == a.id).unwrap();
        let got = r.benefits.iter().find(|x| x.id == b.def.id).unwrap();
        if got.status != policy_matcher::matcher::Status::Ineligible {
            bad.push(format!("{}#{} ({}): {:?} — needs `entity_type == enterprise`", a.id, b.def.id, b.def.title, got.status));
        }
    }
    assert!(bad.is_empty(), "enterprise-only benefits open to an individual business:\n{}", bad.join("\n"));
}

/// Catalogue rule 7 (issue 13, hainan-2024/19): an English title promises nothing free
/// unless the Chinese title or the quoted words say 免 (免费, 免收, 免征 …).
#[test]
fn english_titles_promise_free_only_where_the_chinese_does() {
    fn says_free(en: &str) -> bool {
        let lower = en.to_lowercase();
        lower.match_indices("free").any(|(i, _)| {
            let before = lower[..i].chars().last();
            let after = &lower[i + 4..];
            before.is_none_or(|c| !c.is_alphanumeric() && c != '-') && !after.starts_with(" trade") && !after.starts_with("-trade") && !after.chars().next().is_some_and(|c| c.is_alphanumeric())
        })
    }
    assert!(says_free("Free job postings") && says_free("opened free of charge"));
    assert!(!says_free("Hainan Free Trade Port policies") && !says_free("contact-free tax filing") && !says_free("freedom"));
    let cat = builtin().unwrap();
    let mut bad = Vec::new();
    for a in &cat.articles {
        for b in &a.benefits {
            if says_free(&b.def.title_en) && !b.def.title.contains('免') && !b.def.quote.contains('免') {
                bad.push(format!("{}#{}: {:?} — the Chinese ({:?}) says nothing free", a.id, b.def.id, b.def.title_en, b.def.quote));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Catalogue rules 5 and 6 (issue 13): no question asks what only an official can say
/// (membership of a list the authorities keep, 首台（套）, a title “newly recognised” for an
/// award year) or whether the visitor means to take up an opportunity (拟/计划/有意…).
#[test]
fn no_question_asks_what_only_an_official_knows_or_what_the_visitor_may_choose() {
    const OFFICIAL: [&str; 6] = ["重点产业链", "延链", "补链", "骨干企业", "首台", "新认定"];
    const INTENT: [&str; 6] = ["拟", "计划", "有意", "打算", "筹备", "需求"];
    let cat = builtin().unwrap();
    let mut bad = Vec::new();
    for a in cat.schema.attrs.iter().filter(|a| !a.def.derived) {
        let label = a.label(false);
        for m in OFFICIAL {
            if label.contains(m) {
                bad.push(format!("{} ({label}): only an official can say “{m}” — write a check (rule 5)", a.def.id));
            }
        }
        for m in INTENT {
            if label.contains(m) {
                bad.push(format!("{} ({label}): asks an intention “{m}” — an opportunity is not a question (rule 6)", a.def.id));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

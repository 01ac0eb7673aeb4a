//! The encoded profile (src/encoded.rs), natively: arbitrary words never panic (they are
//! malformed or decide like some profile), and words written the way js/decide.js writes
//! them give the same facts and verdicts as the profile object read field by field.
use policy_matcher::encoded::{self, Decider, Kind};
use policy_matcher::{builtin, matcher, Date, Input};
use serde_json::{json, Value};

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

/// What js/decide.js writes for a plain profile (numbers, booleans, short ASCII strings,
/// arrays of them), or `None` where it would take the per-field path.
fn encode(layout: &encoded::Layout, profile: &Value, as_of: Option<&str>) -> Option<Vec<f64>> {
    let mut w = Vec::new();
    let text = |w: &mut Vec<f64>, s: &str| -> Option<()> {
        if s.len() > encoded::MAX_TEXT || !s.is_ascii() {
            return None;
        }
        w.push(s.len() as f64);
        w.extend(s.bytes().map(f64::from));
        Some(())
    };
    match as_of {
        None => w.push(-1.0),
        Some(s) => text(&mut w, s)?,
    }
    for (key, v) in profile.as_object()? {
        let (_, slot, kind) = layout.fields.iter().find(|f| f.0 == *key)?;
        if v.is_null() {
            continue;
        }
        w.push(*slot as f64);
        match (kind, v) {
            (Kind::Number, Value::Number(n)) => w.push(n.as_f64()?),
            (Kind::Bool, Value::Bool(b)) => w.push(f64::from(u8::from(*b))),
            (Kind::Text, Value::String(s)) => text(&mut w, s)?,
            (Kind::Set, Value::Array(items)) if items.len() <= encoded::MAX_ITEMS => {
                w.push(items.len() as f64);
                for item in items {
                    text(&mut w, item.as_str()?)?;
                }
            }
            _ => return None,
        }
    }
    Some(w)
}

#[test]
fn encoded_words_decide_like_the_profile_object() {
    let cat = builtin().unwrap();
    let layout = encoded::layout(cat);
    let today = || Date::parse("2025-06-01").unwrap();
    let mut decider = Decider::default();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut profiles: Vec<(Value, Option<String>)> = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten().filter(|e| e.path().extension().is_some_and(|x| x == "json")) {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap();
        profiles.push((v["profile"].clone(), v["as_of"].as_str().map(String::from)));
    }
    // Odd values the per-field checks refuse: each must leave its fact unknown here too.
    for odd in [json!({"employees": -5}), json!({"employees": 1.5}), json!({"region": "999999"}), json!({"industry": "c39"}),
        json!({"established": "2021-02-30"}), json!({"established": "2021"}), json!({"entity_type": "other"}),
        json!({"qualifications": ["high_tech", "bogus"]}), json!({"qualifications": []}), json!({}), json!({"region": "350203", "employees": 0})] {
        profiles.push((odd, Some("2024-06-01".into())));
    }
    profiles.push((json!({"region": "350203"}), Some("not a date".into())));
    profiles.push((json!({"region": "350203"}), None));
    let mut encoded_count = 0;
    let mut scratch = Default::default();
    let mut want = Vec::new();
    for (profile, as_of) in &profiles {
        let Some(words) = encode(&layout, profile, as_of.as_deref()) else { continue };
        encoded_count += 1;
        let (date, _) = policy_matcher::resolve_as_of(as_of.as_deref(), today());
        let (facts, _, _) = matcher::facts(cat, &Input::from(profile));
        matcher::decide(cat, &facts, date, &mut scratch, &mut want);
        let got = decider.decide(cat, &words, today).unwrap().to_vec();
        assert_eq!(got, want, "{profile} as of {as_of:?}");
        let mut read = Vec::new();
        encoded::read(&cat.schema, &words, &mut read, |_| ()).unwrap();
        assert_eq!(read, facts, "{profile}");
    }
    assert!(encoded_count >= profiles.len() / 2, "{encoded_count} of {}", profiles.len());
}

#[test]
fn arbitrary_words_never_panic() {
    let cat = builtin().unwrap();
    let mut decider = Decider::default();
    let mut rng = Rng(0x9E3779B97F4A7C15);
    let specials = [-1.0, 0.0, 1.0, 2.0, 64.0, 65.0, 127.0, 128.0, 0.5, f64::NAN, f64::INFINITY, -0.0, 1e300, 4096.0];
    let (mut ok, mut malformed) = (0, 0);
    for _ in 0..20_000 {
        let len = (rng.next() % 40) as usize;
        let words: Vec<f64> = (0..len)
            .map(|_| match rng.next() % 3 {
                0 => specials[(rng.next() % specials.len() as u64) as usize],
                1 => (rng.next() % 40) as f64,
                _ => f64::from_bits(rng.next()),
            })
            .collect();
        match decider.decide(cat, &words, || Date::parse("2025-06-01").unwrap()) {
            Ok(out) => {
                assert_eq!(out.len(), cat.articles.len());
                ok += 1;
            }
            Err(_) => malformed += 1,
        }
    }
    assert!(ok > 0 && malformed > 0, "{ok} decided, {malformed} malformed");
}

//! The fast decision plan agrees with the plain condition tree on many generated
//! profiles, so the speed-up changes no verdict.

use policy_matcher::eval::{self, Tri};
use policy_matcher::schema::Ty;
use policy_matcher::{builtin, matcher, Date, Input};
use serde_json::{json, Map, Value};

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

fn profile(rng: &mut Rng) -> Value {
    let cat = builtin().unwrap();
    let mut p = Map::new();
    for a in cat.schema.attrs.iter().filter(|a| !a.def.derived) {
        if rng.next() % 3 == 0 {
            continue; // unanswered
        }
        let v = match a.ty {
            Ty::Region => json!(rng.pick(&["350200", "350203", "350000", "460100", "630100", "430100", "440300", "110000"])),
            Ty::Industry => json!(rng.pick(&["C", "C39", "F52", "I65", "J66", "G", "A01", "H62", "K702"])),
            Ty::Integer => json!(rng.pick(&[0, 5, 19, 20, 80, 299, 300, 1000, 5000])),
            Ty::Number => json!(rng.pick(&[0.0, 80000.0, 150000.0, 3_000_000.0, 6e7, 2e8, 5e9])),
            Ty::Date => json!(rng.pick(&["2010-05-01", "2021-01-01", "2023-06-30", "2024-02-29"])),
            Ty::Bool => json!(rng.next() % 2 == 0),
            Ty::Enum => json!(rng.pick(&a.def.values).id),
            Ty::Set => json!(a.def.values.iter().filter(|_| rng.next() % 3 == 0).map(|v| v.id.clone()).collect::<Vec<_>>()),
        };
        p.insert(a.def.id.clone(), v);
    }
    Value::Object(p)
}

#[test]
fn plan_and_tree_agree_on_generated_profiles() {
    let cat = builtin().unwrap();
    let mut rng = Rng(0x9E3779B97F4A7C15);
    let mut scratch = Default::default();
    let mut out = Vec::new();
    for round in 0..2000 {
        let as_of = *rng.pick(&[Date::parse("2020-06-01").unwrap(), Date::parse("2024-06-01").unwrap()]);
        let (facts, _, errors) = matcher::facts(cat, &Input::from(&profile(&mut rng)));
        assert!(errors.is_empty(), "{errors:?}");
        matcher::decide(cat, &facts, as_of, &mut scratch, &mut out);
        for (i, a) in cat.articles.iter().enumerate() {
            let tree = a
                .benefits
                .iter()
                .map(|b| match eval::cond(&b.cond, &facts, as_of) {
                    Tri::True if b.def.checks.is_empty() => 0,
                    Tri::True | Tri::Unknown => 1,
                    Tri::False => 2,
                })
                .min()
                .unwrap_or(3);
            assert_eq!(out[i], tree, "round {round}, {}", a.id);
        }
    }
}

/// The bit-mask path (runs of at most 64 atoms) and the literal-by-literal one (longer
/// runs) agree, for `decide` and for `decide_open` (whose open verdict is: possible, and
/// some benefit's condition unknown).
#[test]
fn masks_and_literals_agree_and_open_means_unknown() {
    let cat = builtin().unwrap();
    let literal = cat.plan.without_masks();
    let mut rng = Rng(0x2545F4914F6CDD1D);
    let (mut scratch, mut a, mut b) = (Default::default(), Vec::new(), Vec::new());
    let mut open_seen = 0;
    for round in 0..2000 {
        let as_of = *rng.pick(&[Date::parse("2020-06-01").unwrap(), Date::parse("2024-06-01").unwrap()]);
        let (facts, _, _) = matcher::facts(cat, &Input::from(&profile(&mut rng)));
        cat.plan.decide(&facts, as_of, &mut scratch, &mut a);
        literal.decide(&facts, as_of, &mut scratch, &mut b);
        assert_eq!(a, b, "round {round}: decide");
        cat.plan.decide_open(&facts, as_of, &mut scratch, &mut a);
        literal.decide_open(&facts, as_of, &mut scratch, &mut b);
        assert_eq!(a, b, "round {round}: decide_open");
        for (i, art) in cat.articles.iter().enumerate() {
            let unknown = art.benefits.iter().any(|b| eval::cond(&b.cond, &facts, as_of) == Tri::Unknown);
            let eligible = art.benefits.iter().any(|b| b.def.checks.is_empty() && eval::cond(&b.cond, &facts, as_of) == Tri::True);
            let want_open = !art.benefits.is_empty() && unknown && !eligible;
            assert_eq!(a[i] == policy_matcher::plan::OPEN, want_open, "round {round}, {}", art.id);
            open_seen += usize::from(want_open);
        }
    }
    assert!(open_seen > 0);
}


//! Translates the built-in catalogue's compiled conditions (every benefit's `Cond`,
//! including its document's jurisdiction guard) into the rule formats a web team would
//! use instead of policy-matcher, for the side-by-side benchmark in `bench/`:
//!
//! - `jsonlogic.json`: one JSON Logic rule per measure (json-logic-js, json-logic-engine),
//!   evaluating to its status 0 eligible / 1 possible / 2 ineligible (3 for a task);
//! - `json-rules-engine.json`: json-rules-engine rules, an `eligible` and a `possible`
//!   rule per measure (its status: eligible if the first fires, else possible if the
//!   second does, else ineligible), with the statuses before any fires (tasks: 3);
//! - `plain.mjs`: generated plain JavaScript, the hand-written baseline: one function per
//!   benefit computing the Kleene value (0 false, 1 unknown, 2 true) with short-circuits,
//!   and each document's jurisdiction checked once for all its measures;
//! - `catalogue.json`: the measures and the attributes (for the profile generator);
//! - `derive.json`: the size-standard table (工信部联企业〔2011〕300号, from `size::GROUPS`)
//!   for the derivation of `size` every alternative shares (bench/derive.mjs).
//!
//! Three-valued logic in JSON Logic and json-rules-engine, which only have booleans, is
//! encoded exactly by two boolean conditions per Kleene condition: T(c) "c is certainly
//! true" and P(c) "c is possibly true" (not certainly false). T(a and b) = T(a) and T(b),
//! P(a and b) = P(a) and P(b) (likewise for `or`), T(not a) = not P(a), P(not a) = not
//! T(a); an atom is T when its attribute is answered and the test holds, P when it is
//! unanswered or the test holds (or, for a region, industry or size still open, could
//! hold). A measure is eligible when T holds for one of its benefits without `checks`,
//! possible when P holds for one, ineligible otherwise: exactly `decideProfile`.
//!
//! Relative dates (`established >= as_of - 3 years`) are resolved for the `--as-of` date
//! (one date per run, as the widget uses). Usage:
//!   cargo run --release --example export-rules -- --as-of 2025-06-01 --out DIR
use policy_matcher::catalogue::Kind;
use policy_matcher::condition::{Atom, Cond, Op, Test};
use policy_matcher::schema::Attribute;
use policy_matcher::{builtin, size, Catalogue, Date};
use serde_json::{json, Value as J};
use std::fmt::Write as _;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let as_of = Date::parse(&arg("--as-of").unwrap_or_else(|| "2025-06-01".into())).expect("--as-of YYYY-MM-DD");
    let out = arg("--out").unwrap_or_else(|| "target/bench-rules".into());
    let cat = builtin().unwrap_or_else(|e| panic!("the built-in catalogue does not validate: {e:?}"));
    let x = Exporter { cat, as_of };
    std::fs::create_dir_all(&out).expect("create the output folder");
    let write = |name: &str, text: String| std::fs::write(format!("{out}/{name}"), text).expect("write");
    write("catalogue.json", serde_json::to_string_pretty(&x.catalogue()).unwrap());
    write("jsonlogic.json", serde_json::to_string(&x.json_logic()).unwrap());
    write("json-rules-engine.json", serde_json::to_string(&x.rules_engine()).unwrap());
    write("plain.mjs", x.plain_js());
    let table = json!({ "size_groups": x.catalogue()["size_groups"], "size_names": x.catalogue()["size_names"] });
    write("derive.json", serde_json::to_string(&table).unwrap());
    eprintln!("export-rules: {} measures, {} benefits, as of {as_of} → {out}/", cat.articles.len(), cat.articles.iter().map(|a| a.benefits.len()).sum::<usize>());
}

struct Exporter {
    cat: &'static Catalogue,
    as_of: Date,
}

fn region_depth(code: u32) -> usize {
    match code {
        0 => 0,
        c if c % 10000 == 0 => 2,
        c if c % 100 == 0 => 4,
        _ => 6,
    }
}

/// What one atom asks, in engine-neutral terms.
enum Ask {
    /// A number or an ISO date string compared with a constant.
    Cmp(Op, J),
    /// An enum answer is one of these.
    OneOf(Vec<String>),
    /// The derived size (the list of sizes still possible) lies within these.
    SizeIn(Vec<String>, Vec<String>),
    /// A set answer holds at least one of these.
    HasAny(Vec<String>),
    /// A code string starts with `prefix` (true); equals one of `open` (unknown: the
    /// answer is coarser than the prefix and may or may not lie in it).
    Prefix { prefix: String, open: Vec<String> },
    Is(bool),
}

impl Exporter {
    fn attr(&self, a: &Atom) -> &Attribute {
        &self.cat.schema.attrs[a.slot]
    }

    fn ids(attr: &Attribute, bits: u64) -> Vec<String> {
        attr.def.values.iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0).map(|(_, v)| v.id.clone()).collect()
    }

    fn ask(&self, a: &Atom) -> Ask {
        let attr = self.attr(a);
        match &a.test {
            Test::Num(op, c) => Ask::Cmp(*op, json!(c)),
            Test::Date(op, d) => Ask::Cmp(*op, json!(d.resolve(self.as_of).to_string())),
            Test::OneOf(bits) if attr.def.id == "size" => {
                let all = attr.def.values.iter().map(|v| v.id.clone());
                let (inside, outside): (Vec<String>, Vec<String>) = all.partition(|id| Self::ids(attr, *bits).contains(id));
                Ask::SizeIn(inside, outside)
            }
            Test::OneOf(bits) => Ask::OneOf(Self::ids(attr, *bits)),
            Test::Has(bits) | Test::HasAny(bits) => Ask::HasAny(Self::ids(attr, *bits)),
            Test::Within(area) => {
                let code = format!("{:06}", area.code());
                let depth = region_depth(area.code());
                let mut open: Vec<String> = [2, 4]
                    .iter()
                    .filter(|d| **d < depth)
                    .map(|d| format!("{:0<6}", &code[..*d]))
                    .filter(|c| region_depth(c.parse().unwrap()) < depth)
                    .collect();
                open.dedup();
                Ask::Prefix { prefix: code[..depth].to_string(), open }
            }
            Test::Under(ind) => {
                let p = ind.as_str();
                let open = [1, 3, 4].iter().filter(|n| **n < p.len()).map(|n| p[..*n].to_string()).collect();
                Ask::Prefix { prefix: p.to_string(), open }
            }
            Test::Is(b) => Ask::Is(*b),
        }
    }

    fn catalogue(&self) -> J {
        let attributes: Vec<J> = self
            .cat
            .schema
            .attrs
            .iter()
            .map(|a| {
                json!({
                    "id": a.def.id, "type": a.def.ty, "derived": a.def.derived, "allow_negative": a.def.allow_negative,
                    "values": a.def.values.iter().map(|v| v.id.clone()).collect::<Vec<_>>(),
                    "step": a.def.step,
                })
            })
            .collect();
        let articles: Vec<J> = self
            .cat
            .articles
            .iter()
            .map(|a| {
                json!({
                    "id": a.id, "document": self.cat.documents[a.doc].def.key, "task": a.kind == Kind::Task,
                    "benefits": a.benefits.iter().map(|b| json!({ "id": b.def.id, "capped": !b.def.checks.is_empty() })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let groups: Vec<J> = size::GROUPS
            .iter()
            .map(|g| json!({ "zh": g.zh, "en": g.en, "bounds": g.bounds.iter().map(|(i, b)| json!([i.attribute(), b])).collect::<Vec<_>>() }))
            .collect();
        let documents: Vec<J> = self.cat.documents.iter().map(|d| json!({ "key": d.def.key, "jurisdiction": format!("{:06}", d.jurisdiction.code()) })).collect();
        json!({ "as_of": self.as_of.to_string(), "documents": documents, "attributes": attributes, "articles": articles, "size_groups": groups, "size_names": size::NAMES.iter().map(|n| n.0).collect::<Vec<_>>() })
    }

    // ---- JSON Logic ----

    fn jl_atom(&self, a: &Atom, certain: bool) -> J {
        let id = &self.attr(a).def.id;
        let v = json!({ "var": id });
        // Strict comparisons: json-logic-engine's `==` takes 0 and false for null, and
        // throws on an array.
        let known = json!({ "!==": [v, null] });
        let unknown = json!({ "===": [v, null] });
        let cmp = |op: Op, c: &J| {
            let name = match op {
                Op::Eq => "===",
                Op::Ne => "!==",
                Op::Lt => "<",
                Op::Le => "<=",
                Op::Gt => ">",
                Op::Ge => ">=",
            };
            json!({ name: [v, c] })
        };
        let any_in = |items: &[String], list: &J| -> J {
            let tests: Vec<J> = items.iter().map(|i| json!({ "in": [i, list] })).collect();
            if tests.len() == 1 { tests[0].clone() } else { json!({ "or": tests }) }
        };
        // (the test when answered, what else makes it possibly true)
        let (test, open): (J, Option<J>) = match self.ask(a) {
            Ask::Cmp(op, c) => (cmp(op, &c), None),
            Ask::OneOf(ids) => (json!({ "in": [v, ids] }), None),
            Ask::SizeIn(inside, _) => {
                let each = json!({ "in": [{ "var": "" }, inside] });
                if certain {
                    (json!({ "all": [v, each] }), None)
                } else {
                    return json!({ "or": [unknown, { "some": [v, each] }] });
                }
            }
            Ask::HasAny(ids) => (any_in(&ids, &v), None),
            Ask::Prefix { prefix, open } => {
                let starts = json!({ "===": [{ "substr": [v, 0, prefix.chars().count()] }, prefix] });
                (starts, (!open.is_empty()).then(|| json!({ "in": [v, open] })))
            }
            Ask::Is(b) => (json!({ "===": [v, b] }), None),
        };
        if certain {
            json!({ "and": [known, test] })
        } else {
            let mut parts = vec![unknown, test];
            parts.extend(open);
            json!({ "or": parts })
        }
    }

    fn jl(&self, c: &Cond, certain: bool) -> J {
        match c {
            Cond::Atom(a) => self.jl_atom(a, certain),
            Cond::Not(inner) => json!({ "!": self.jl(inner, !certain) }),
            Cond::All(cs) if cs.len() == 1 => self.jl(&cs[0], certain),
            Cond::Any(cs) if cs.len() == 1 => self.jl(&cs[0], certain),
            Cond::All(cs) => json!({ "and": cs.iter().map(|c| self.jl(c, certain)).collect::<Vec<_>>() }),
            Cond::Any(cs) => json!({ "or": cs.iter().map(|c| self.jl(c, certain)).collect::<Vec<_>>() }),
        }
    }

    fn json_logic(&self) -> Vec<J> {
        let or = |mut v: Vec<J>| if v.len() == 1 { v.remove(0) } else { json!({ "or": v }) };
        self.cat
            .articles
            .iter()
            .map(|a| {
                if a.kind == Kind::Task {
                    return json!(3);
                }
                let sure: Vec<J> = a.benefits.iter().filter(|b| b.def.checks.is_empty()).map(|b| self.jl(&b.cond, true)).collect();
                let maybe = or(a.benefits.iter().map(|b| self.jl(&b.cond, false)).collect());
                if sure.is_empty() {
                    json!({ "if": [maybe, 1, 2] })
                } else {
                    json!({ "if": [or(sure), 0, maybe, 1, 2] })
                }
            })
            .collect()
    }

    // ---- json-rules-engine ----
    // Built-in operators where they fit; custom ones (registered by bench/engines.mjs):
    // `absent` (unanswered), `present`, `startsWith`, and `dateLt`/`dateLe`/`dateGt`/`dateGe`
    // (ISO date strings; the built-in numeric operators would parse "2022-06-01" as 2022).

    fn re_atom(&self, a: &Atom, certain: bool) -> J {
        let fact = self.attr(a).def.id.clone();
        let cond = |op: &str, value: J| json!({ "fact": fact, "operator": op, "value": value });
        let absent = cond("absent", J::Null);
        let present = cond("present", J::Null);
        let any = |mut v: Vec<J>| if v.len() == 1 { v.remove(0) } else { json!({ "any": v }) };
        let all = |mut v: Vec<J>| if v.len() == 1 { v.remove(0) } else { json!({ "all": v }) };
        let (test, open): (J, Vec<J>) = match self.ask(a) {
            Ask::Cmp(op, c) => {
                let date = c.is_string();
                let name = match (op, date) {
                    (Op::Eq, _) => "equal",
                    (Op::Ne, _) => "notEqual",
                    (Op::Lt, false) => "lessThan",
                    (Op::Le, false) => "lessThanInclusive",
                    (Op::Gt, false) => "greaterThan",
                    (Op::Ge, false) => "greaterThanInclusive",
                    (Op::Lt, true) => "dateLt",
                    (Op::Le, true) => "dateLe",
                    (Op::Gt, true) => "dateGt",
                    (Op::Ge, true) => "dateGe",
                };
                (cond(name, c), vec![])
            }
            Ask::OneOf(ids) => (cond("in", json!(ids)), vec![]),
            // Certainly within: none of the sizes outside is still possible; possibly:
            // one inside is.
            Ask::SizeIn(inside, outside) => {
                let none_outside = all(outside.iter().map(|s| cond("doesNotContain", json!(s))).collect());
                return if certain {
                    all(vec![present, none_outside])
                } else {
                    let mut v = vec![absent];
                    v.extend(inside.iter().map(|s| cond("contains", json!(s))));
                    any(v)
                };
            }
            Ask::HasAny(ids) => (any(ids.iter().map(|s| cond("contains", json!(s))).collect()), vec![]),
            Ask::Prefix { prefix, open } => (cond("startsWith", json!(prefix)), if open.is_empty() { vec![] } else { vec![cond("in", json!(open))] }),
            Ask::Is(b) => (cond("equal", json!(b)), vec![]),
        };
        if certain {
            all(vec![present, test])
        } else {
            let mut v = vec![absent, test];
            v.extend(open);
            any(v)
        }
    }

    fn re(&self, c: &Cond, certain: bool) -> J {
        match c {
            Cond::Atom(a) => self.re_atom(a, certain),
            Cond::Not(inner) => json!({ "not": self.re(inner, !certain) }),
            Cond::All(cs) if cs.len() == 1 => self.re(&cs[0], certain),
            Cond::Any(cs) if cs.len() == 1 => self.re(&cs[0], certain),
            Cond::All(cs) => json!({ "all": cs.iter().map(|c| self.re(c, certain)).collect::<Vec<_>>() }),
            Cond::Any(cs) => json!({ "any": cs.iter().map(|c| self.re(c, certain)).collect::<Vec<_>>() }),
        }
    }

    /// `{ initial, rules }`: the statuses before any rule fires (3 for a task, 2 otherwise)
    /// and the rules.
    fn rules_engine(&self) -> J {
        // The root of a rule must be all/any/not: wrap in `any`.
        let root = |v: Vec<J>| json!({ "any": v });
        let mut rules = Vec::new();
        for (i, a) in self.cat.articles.iter().enumerate() {
            if a.kind == Kind::Task {
                continue;
            }
            let sure: Vec<J> = a.benefits.iter().filter(|b| b.def.checks.is_empty()).map(|b| self.re(&b.cond, true)).collect();
            if !sure.is_empty() {
                rules.push(json!({ "name": format!("{}:eligible", a.id), "conditions": root(sure), "event": { "type": "eligible", "params": { "measure": i } } }));
            }
            let maybe: Vec<J> = a.benefits.iter().map(|b| self.re(&b.cond, false)).collect();
            rules.push(json!({ "name": format!("{}:possible", a.id), "conditions": root(maybe), "event": { "type": "possible", "params": { "measure": i } } }));
        }
        let initial: Vec<u8> = self.cat.articles.iter().map(|a| if a.kind == Kind::Task { 3 } else { 2 }).collect();
        json!({ "initial": initial, "rules": rules })
    }

    // ---- plain JavaScript ----

    fn js_atom(&self, a: &Atom) -> String {
        // The profile's answers are in `f`, the derived facts in `d`.
        let attr = self.attr(a);
        let v = format!("{}[{}]", if attr.def.derived { "d" } else { "f" }, serde_json::to_string(&attr.def.id).unwrap());
        let q = |s: &str| serde_json::to_string(s).unwrap();
        let list = |ids: &[String]| serde_json::to_string(ids).unwrap();
        let known = |test: String| format!("({v} == null ? 1 : {test} ? 2 : 0)");
        match self.ask(a) {
            Ask::Cmp(op, c) => {
                let sym = match op {
                    Op::Eq => "===",
                    Op::Ne => "!==",
                    Op::Lt => "<",
                    Op::Le => "<=",
                    Op::Gt => ">",
                    Op::Ge => ">=",
                };
                known(format!("{v} {sym} {c}"))
            }
            Ask::OneOf(ids) => known(format!("({})", ids.iter().map(|i| format!("{v} === {}", q(i))).collect::<Vec<_>>().join(" || "))),
            Ask::SizeIn(inside, _) => format!("({v} == null ? 1 : within({v}, {}))", list(&inside)),
            Ask::HasAny(ids) => known(format!("({})", ids.iter().map(|i| format!("{v}.includes({})", q(i))).collect::<Vec<_>>().join(" || "))),
            Ask::Prefix { prefix, open } => {
                let open_test = if open.is_empty() { "0".to_string() } else { format!("({}) ? 1 : 0", open.iter().map(|o| format!("{v} === {}", q(o))).collect::<Vec<_>>().join(" || ")) };
                format!("({v} == null ? 1 : {v}.startsWith({}) ? 2 : {open_test})", q(&prefix))
            }
            Ask::Is(b) => known(format!("{v} === {b}")),
        }
    }

    /// Statements that set `var` to the Kleene value of `c` (0, 1, 2), short-circuiting.
    fn js_cond(&self, c: &Cond, var: &str, n: &mut usize, out: &mut String) {
        match c {
            Cond::Atom(a) => writeln!(out, "  {var} = {};", self.js_atom(a)).unwrap(),
            Cond::Not(inner) => {
                self.js_cond(inner, var, n, out);
                writeln!(out, "  {var} = 2 - {var};").unwrap();
            }
            Cond::All(cs) | Cond::Any(cs) if cs.len() == 1 => self.js_cond(&cs[0], var, n, out),
            Cond::All(cs) | Cond::Any(cs) => {
                *n += 1;
                let (label, t) = (format!("g{n}"), format!("t{n}"));
                let (start, stop) = if matches!(c, Cond::All(_)) { (2, 0) } else { (0, 2) };
                writeln!(out, "  {var} = {start};\n  {label}: {{\n  let {t};").unwrap();
                for child in cs {
                    self.js_cond(child, &t, n, out);
                    writeln!(out, "  if ({t} === {stop}) {{ {var} = {stop}; break {label}; }}\n  if ({t} === 1) {var} = 1;").unwrap();
                }
                writeln!(out, "  }}").unwrap();
            }
        }
    }

    fn plain_js(&self) -> String {
        let mut s = String::new();
        s.push_str("// Generated by `cargo run --example export-rules` from the built-in catalogue: the\n// hand-written baseline. Kleene values: 0 false, 1 unknown, 2 true. Do not edit.\n\n");
        s.push_str("// The derived size (the sizes still possible) within `allowed`: all → 2, none → 0, some → 1.\nfunction within(possible, allowed) {\n  let all = true, any = false;\n  for (const x of possible) { if (allowed.includes(x)) any = true; else all = false; }\n  return all ? 2 : any ? 1 : 0;\n}\n\n");
        let cat = self.cat;
        let region_slot = cat.schema.slot("region");
        // Benefit functions, without the document's guard (checked once per document).
        let mut n = 0;
        let mut names = Vec::new(); // per article: [(fn name, capped)]
        let mut guards = Vec::new(); // per document: the guard atom's expression
        for d in &cat.documents {
            guards.push(match region_slot {
                Some(slot) if d.jurisdiction.code() != 0 => Some(self.js_atom(&Atom { slot, test: Test::Within(d.jurisdiction) })),
                _ => None,
            });
        }
        for (ai, a) in cat.articles.iter().enumerate() {
            let mut fns = Vec::new();
            for (bi, b) in a.benefits.iter().enumerate() {
                let guarded = guards[a.doc].is_some();
                let body = match (&b.cond, guarded) {
                    (Cond::All(parts), true) => {
                        let guard = Cond::Atom(Atom { slot: region_slot.unwrap(), test: Test::Within(cat.documents[a.doc].jurisdiction) });
                        assert_eq!(parts.first(), Some(&guard), "{}: the jurisdiction guard comes first", b.def.id);
                        Cond::All(parts[1..].to_vec())
                    }
                    (_, true) => panic!("{}: a guarded benefit's condition is a conjunction", b.def.id),
                    (c, _) => c.clone(),
                };
                let name = format!("m{ai}b{bi}");
                writeln!(s, "// {} {}", a.id, b.def.id).unwrap();
                writeln!(s, "function {name}(f, d) {{\n  let r;").unwrap();
                match &body {
                    Cond::All(parts) if parts.is_empty() => writeln!(s, "  r = 2;").unwrap(),
                    c => self.js_cond(c, "r", &mut n, &mut s),
                }
                writeln!(s, "  return r;\n}}").unwrap();
                fns.push((name, !b.def.checks.is_empty()));
            }
            names.push(fns);
        }
        writeln!(s, "\nexport const MEASURES = {};\n", cat.articles.len()).unwrap();
        s.push_str("/** Decides every measure for profile `f` with its derived facts `d` (size,\n * small_low_profit) into `out` (0 eligible, 1 possible, 2 ineligible, 3 task). */\nexport function decide(f, d, out) {\n  let g, s, t;\n");
        let mut i = 0;
        while i < cat.articles.len() {
            let doc = cat.articles[i].doc;
            let end = (i..cat.articles.len()).find(|j| cat.articles[*j].doc != doc).unwrap_or(cat.articles.len());
            writeln!(s, "  // {}", cat.documents[doc].def.key).unwrap();
            let guard = guards[doc].clone().unwrap_or_else(|| "2".into());
            writeln!(s, "  g = {guard};\n  if (g === 0) {{").unwrap();
            for j in i..end {
                writeln!(s, "    out[{j}] = {};", if cat.articles[j].kind == Kind::Task { 3 } else { 2 }).unwrap();
            }
            s.push_str("  } else {\n");
            for (j, (a, fns)) in cat.articles.iter().zip(&names).enumerate().take(end).skip(i) {
                if a.kind == Kind::Task {
                    writeln!(s, "    out[{j}] = 3;").unwrap();
                    continue;
                }
                s.push_str("    s = 2;\n");
                for (k, (name, capped)) in fns.iter().enumerate() {
                    let guard_open = if k > 0 { "if (s !== 0) " } else { "" };
                    if *capped {
                        writeln!(s, "    {guard_open}{{ t = {name}(f, d); if (t !== 0) s = 1; }}").unwrap();
                    } else {
                        writeln!(s, "    {guard_open}{{ t = {name}(f, d); if (t === 2) s = 0; else if (t === 1 && s === 2) s = 1; }}").unwrap();
                    }
                }
                writeln!(s, "    out[{j}] = g === 1 && s === 0 ? 1 : s;").unwrap();
            }
            s.push_str("  }\n");
            i = end;
        }
        s.push_str("  return out;\n}\n");
        s
    }
}

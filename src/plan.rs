//! The decision plan: every benefit's condition laid out in one contiguous array (prefix
//! order, each group knowing where it ends, so `and`/`or` short-circuit), over a table of
//! distinct atoms evaluated at most once per profile, and each document's articles behind
//! one guard (its jurisdiction), so a profile from elsewhere is refused at once. Once a
//! run's guard lets a profile through, all the atoms the run tests are evaluated in one
//! pass into bit sets, and each plain conjunction is then decided by a few word
//! operations on its masks; articles whose benefits have identical conditions (a class)
//! are decided once per profile. This is the hot path that decides the whole catalogue
//! in about 0.2 µs per profile (README, "Size and speed").

use crate::catalogue::{Article, Kind};
use crate::condition::{Atom, Cond, DateOperand, Test};
use crate::date::Date;
use crate::eval::{self, Tri};
use crate::schema::Value;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Node {
    Atom(u32),
    /// An atom under `not`.
    NotAtom(u32),
    Not,
    /// A group whose children follow, up to (not including) node `end`.
    All { end: u32 },
    Any { end: u32 },
}

#[derive(Debug, Clone, Default)]
pub struct Plan {
    atoms: Vec<Atom>,
    nodes: Vec<Node>,
    /// The conjunctions' literals, each an atom's index shifted left by one, the low bit
    /// set when the atom is negated.
    literals: Vec<u32>,
    /// Per benefit: its nodes, whether checks cap it at `possible`, and whether it is a
    /// plain conjunction of atoms (most are), decided by a tight loop.
    benefits: Vec<BenefitPlan>,
    /// Per article: its benefits' range, or `None` for a task.
    articles: Vec<Option<(u32, u32)>>,
    /// Per article: its class, or [`NO_CLASS`] for a task. Articles whose benefits have
    /// the same conditions and caps, in the same order, share a class and are decided
    /// once per profile (one call for an eligibility several articles repeat).
    classes: Vec<u32>,
    /// Per class: the benefits of its first article.
    class_benefits: Vec<(u32, u32)>,
    /// Runs of articles of one document that share a first condition (the document's
    /// jurisdiction): when it fails, the whole run is refused at once.
    runs: Vec<Run>,
    /// While building: the distinct atoms' indices, by a hash key (atoms whose keys
    /// collide are told apart by `==`).
    index: HashMap<(usize, u8, u64), Vec<u32>>,
}

#[derive(Debug, Clone, Copy)]
struct BenefitPlan {
    root: u32,
    end: u32,
    capped: bool,
    /// A plain conjunction of atoms (most are): its literals' range in
    /// [`Plan::literals`], decided by a tight loop; `None` for any other shape.
    conjunction: Option<(u32, u32)>,
    /// The conjunction as bit masks over its run's atoms (positive, negated literals),
    /// where the run tests at most 64 atoms: decided with a few word operations.
    masks: Option<(u64, u64)>,
}

#[derive(Debug, Clone, Default)]
struct Run {
    start: usize,
    end: usize,
    guard: Option<u32>,
    /// The run's verdicts when the guard fails: ineligible, tasks stay tasks.
    refused: Vec<Verdict>,
    /// Every atom the run's benefits test: evaluated in one pass once the guard lets the
    /// run through, so that the conjunctions then read verdicts without a branch per atom.
    atoms: Vec<u32>,
}

/// Per-profile scratch: the memos of atom and article-class verdicts.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    memo: Vec<u8>,
    classes: Vec<Verdict>,
}

/// A literal's verdict byte by its negation bit and its atom's: `not` is 2 − v (an
/// unset 3 never reaches it), looked up rather than branched on.
const LITERAL: [[u8; 4]; 2] = [[0, 1, 2, 3], [2, 1, 0, 3]];

/// A run's atom verdicts as bit sets (bit i: the run's i-th atom).
#[derive(Debug, Default)]
struct Bits {
    f: u64,
    u: u64,
    t: u64,
}

/// The class of a task.
const NO_CLASS: u32 = u32::MAX;
/// An article class not yet decided for this profile.
const UNDECIDED: Verdict = u8::MAX;

const UNSET: u8 = 3;

fn tri_byte(t: Tri) -> u8 {
    match t {
        Tri::False => 0,
        Tri::Unknown => 1,
        Tri::True => 2,
    }
}

fn byte_tri(b: u8) -> Tri {
    match b {
        0 => Tri::False,
        2 => Tri::True,
        _ => Tri::Unknown,
    }
}

/// The status of a benefit or article, as a small number: 0 eligible, 1 possible,
/// 2 ineligible, 3 task (the order "best first").
pub type Verdict = u8;

/// [`Plan::decide_open`]: possible, and an answer could still change it.
pub const OPEN: Verdict = 4;

/// A hash key of an atom: equal atoms have equal keys (`-0` and `0` may not, and then
/// merely stay two atoms).
fn atom_key(a: &Atom) -> (usize, u8, u64) {
    let (tag, v) = match &a.test {
        Test::Num(op, x) => (*op as u8, x.to_bits()),
        Test::Date(op, DateOperand::Fixed(d)) => (8 + *op as u8, u64::from(d.0 as u32)),
        Test::Date(op, DateOperand::AsOf { years, months, days }) => {
            (16 + *op as u8, (u64::from(*years as u16) << 32) | (u64::from(*months as u16) << 16) | u64::from(*days as u16))
        }
        Test::OneOf(b) => (24, *b),
        Test::Has(b) => (25, *b),
        Test::HasAny(b) => (26, *b),
        Test::Within(r) => (27, u64::from(r.code())),
        Test::Under(i) => (28, i.as_str().bytes().fold(0u64, |k, b| (k << 8) | u64::from(b))),
        Test::Is(b) => (29, u64::from(*b)),
    };
    (a.slot, tag, v)
}

impl Plan {
    pub fn build(articles: &[Article]) -> Plan {
        let mut plan = Plan::default();
        for a in articles {
            if a.kind == Kind::Task {
                plan.articles.push(None);
                continue;
            }
            let first = plan.benefits.len() as u32;
            for b in &a.benefits {
                let root = plan.nodes.len() as u32;
                plan.lay_out(&b.cond);
                let end = plan.nodes.len() as u32;
                let leaves = &plan.nodes[root as usize..end as usize];
                let literals = match leaves.split_first() {
                    Some((Node::All { .. }, rest)) => rest,
                    Some((Node::Atom(_) | Node::NotAtom(_), [])) => leaves,
                    _ => &[],
                };
                let literals: Option<Vec<u32>> = literals
                    .iter()
                    .map(|n| match *n {
                        Node::Atom(a) => Some(a << 1),
                        Node::NotAtom(a) => Some((a << 1) | 1),
                        _ => None,
                    })
                    .collect();
                let conjunction = literals.filter(|l| !l.is_empty()).map(|l| {
                    let start = plan.literals.len() as u32;
                    plan.literals.extend(l);
                    (start, plan.literals.len() as u32)
                });
                plan.benefits.push(BenefitPlan { root, end, capped: !b.def.checks.is_empty(), conjunction, masks: None });
            }
            plan.articles.push(Some((first, plan.benefits.len() as u32)));
        }
        plan.runs = plan.runs_of(articles);
        plan.classes_of();
        plan.masks_of();
        plan.index = HashMap::new();
        plan
    }

    /// Groups the articles into classes by their benefits' conditions (node by node,
    /// groups' ends relative to the group) and caps.
    fn classes_of(&mut self) {
        let mut index: HashMap<(usize, u8, u64), Vec<u32>> = HashMap::new();
        let mut keys: Vec<Vec<u64>> = Vec::new();
        let mut run_of = vec![0; self.articles.len()];
        for (r, run) in self.runs.iter().enumerate() {
            run_of[run.start..run.end].iter_mut().for_each(|x| *x = r as u64);
        }
        for (a, run) in run_of.into_iter().enumerate() {
            let Some((first, end)) = self.articles[a] else {
                self.classes.push(NO_CLASS);
                continue;
            };
            // A class stays within a run: its benefits' masks are over the run's atoms.
            let mut key = vec![run];
            for b in &self.benefits[first as usize..end as usize] {
                key.push(u64::from(b.capped) << 63 | u64::from(b.end - b.root));
                for (i, n) in self.nodes[b.root as usize..b.end as usize].iter().enumerate() {
                    let here = b.root + i as u32;
                    key.push(match *n {
                        Node::Atom(x) => u64::from(x),
                        Node::NotAtom(x) => 1 << 32 | u64::from(x),
                        Node::Not => 2 << 32,
                        Node::All { end } => 3 << 32 | u64::from(end - here),
                        Node::Any { end } => 4 << 32 | u64::from(end - here),
                    });
                }
            }
            // The atom index's map type (one less generic map in the wasm): a hash of
            // the key, its candidates told apart by comparing keys.
            let hash = key.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, w| (h ^ w).wrapping_mul(0x100_0000_01b3));
            let bucket = index.entry((0, 0, hash)).or_default();
            let class = match bucket.iter().find(|&&c| keys.get(c as usize) == Some(&key)) {
                Some(&c) => c,
                None => {
                    let c = keys.len() as u32;
                    keys.push(key);
                    bucket.push(c);
                    self.class_benefits.push((first, end));
                    c
                }
            };
            self.classes.push(class);
        }
    }

    /// Each conjunction's literals as masks over its run's atoms, where the run tests at
    /// most 64 atoms.
    fn masks_of(&mut self) {
        for run in &self.runs {
            if run.atoms.len() > 64 {
                continue;
            }
            for (first, end) in self.articles[run.start..run.end].iter().flatten() {
                for b in &mut self.benefits[*first as usize..*end as usize] {
                    let Some((start, end)) = b.conjunction else { continue };
                    let (mut pos, mut neg) = (0u64, 0u64);
                    for &lit in &self.literals[start as usize..end as usize] {
                        let i = run.atoms.iter().position(|a| *a == lit >> 1).unwrap_or(0);
                        if lit & 1 == 0 {
                            pos |= 1 << i;
                        } else {
                            neg |= 1 << i;
                        }
                    }
                    b.masks = Some((pos, neg));
                }
            }
        }
    }

    /// The atom every benefit of the article starts with under a top-level `and`, if any.
    fn first_atom(&self, article: usize) -> Option<Option<u32>> {
        let (first, end) = self.articles[article]?;
        let mut common = None;
        for b in first..end {
            let root = self.benefits[b as usize].root as usize;
            let atom = match (self.nodes[root], self.nodes.get(root + 1)) {
                (Node::All { .. }, Some(Node::Atom(a))) => Some(*a),
                (Node::Atom(a), _) => Some(a),
                _ => None,
            };
            if b == first {
                common = atom;
            } else if common != atom {
                common = None;
            }
        }
        Some(common)
    }

    /// Splits the articles into runs: consecutive articles of one document whose benefits
    /// all start with the same atom (tasks join any run).
    fn runs_of(&self, articles: &[Article]) -> Vec<Run> {
        let mut runs: Vec<Run> = Vec::new();
        let mut has_benefit = false;
        for (i, a) in articles.iter().enumerate() {
            let first = self.first_atom(i);
            let same_doc = i > 0 && articles[i - 1].doc == a.doc;
            let run = runs.last_mut().filter(|_| same_doc);
            match (run, first) {
                (Some(run), None) => run.end = i + 1,
                (Some(run), Some(Some(g))) if !has_benefit || run.guard == Some(g) => {
                    run.guard = Some(g);
                    run.end = i + 1;
                    has_benefit = true;
                }
                _ => {
                    has_benefit = first.is_some();
                    let guard = first.flatten();
                    runs.push(Run { start: i, end: i + 1, guard, refused: Vec::new(), atoms: Vec::new() });
                }
            }
        }
        for run in &mut runs {
            run.refused = (run.start..run.end).map(|i| if self.articles[i].is_none() { 3 } else { 2 }).collect();
            for (first, end) in self.articles[run.start..run.end].iter().flatten() {
                for b in &self.benefits[*first as usize..*end as usize] {
                    for n in &self.nodes[b.root as usize..b.end as usize] {
                        if let Node::Atom(a) | Node::NotAtom(a) = *n {
                            if !run.atoms.contains(&a) {
                                run.atoms.push(a);
                            }
                        }
                    }
                }
            }
        }
        runs
    }

    /// The atom's index in the table, added if new: a hash lookup (a linear search
    /// here made loading a site catalogue quadratic: 9 s for 2 MB in wasm).
    fn atom_index(&mut self, a: &Atom) -> u32 {
        let bucket = self.index.entry(atom_key(a)).or_default();
        for &i in bucket.iter() {
            if self.atoms.get(i as usize) == Some(a) {
                return i;
            }
        }
        let i = self.atoms.len() as u32;
        bucket.push(i);
        self.atoms.push(a.clone());
        i
    }

    fn lay_out(&mut self, c: &Cond) {
        match c {
            Cond::Atom(a) => {
                let i = self.atom_index(a);
                self.nodes.push(Node::Atom(i));
            }
            Cond::Not(inner) => match &**inner {
                Cond::Atom(a) => {
                    let i = self.atom_index(a);
                    self.nodes.push(Node::NotAtom(i));
                }
                other => {
                    self.nodes.push(Node::Not);
                    self.lay_out(other);
                }
            },
            Cond::All(cs) | Cond::Any(cs) if cs.len() == 1 => self.lay_out(&cs[0]),
            Cond::All(cs) | Cond::Any(cs) => {
                let at = self.nodes.len();
                self.nodes.push(Node::All { end: 0 });
                // A group of the same kind inside a group is flattened into it.
                for child in cs {
                    match (c, child) {
                        (Cond::All(_), Cond::All(inner)) | (Cond::Any(_), Cond::Any(inner)) => inner.iter().for_each(|g| self.lay_out(g)),
                        _ => self.lay_out(child),
                    }
                }
                let end = self.nodes.len() as u32;
                self.nodes[at] = if matches!(c, Cond::All(_)) { Node::All { end } } else { Node::Any { end } };
            }
        }
    }

    #[inline]
    fn atom(&self, a: u32, facts: &[Value], as_of: Date, memo: &mut [u8]) -> Tri {
        let m = &mut memo[a as usize];
        if *m == UNSET {
            let atom = &self.atoms[a as usize];
            // An unanswered fact makes any test unknown: no call for it.
            *m = match facts.get(atom.slot) {
                Some(Value::Unknown) => 1,
                _ => tri_byte(eval::atom(atom, facts, as_of)),
            };
        }
        byte_tri(*m)
    }

    /// Evaluates the subtree at node `i`: its verdict and the node after it.
    fn eval(&self, i: usize, facts: &[Value], as_of: Date, memo: &mut [u8]) -> (Tri, usize) {
        match self.nodes[i] {
            Node::Atom(a) => (self.atom(a, facts, as_of, memo), i + 1),
            Node::NotAtom(a) => (self.atom(a, facts, as_of, memo).not(), i + 1),
            Node::Not => {
                let (t, next) = self.eval(i + 1, facts, as_of, memo);
                (t.not(), next)
            }
            Node::All { end } | Node::Any { end } => {
                let is_all = matches!(self.nodes[i], Node::All { .. });
                let (stop, mut acc) = if is_all { (Tri::False, Tri::True) } else { (Tri::True, Tri::False) };
                let mut j = i + 1;
                while j < end as usize {
                    let (t, next) = self.eval(j, facts, as_of, memo);
                    if t == stop {
                        return (stop, end as usize);
                    }
                    if t == Tri::Unknown {
                        acc = Tri::Unknown;
                    }
                    j = next;
                }
                (acc, end as usize)
            }
        }
    }

    fn benefit(&self, b: usize, facts: &[Value], as_of: Date, memo: &mut [u8]) -> Verdict {
        let p = self.benefits[b];
        match self.condition(b, facts, as_of, memo) {
            Tri::True if !p.capped => 0,
            Tri::True | Tri::Unknown => 1,
            Tri::False => 2,
        }
    }

    /// A benefit's condition alone (checks not weighed).
    fn condition(&self, b: usize, facts: &[Value], as_of: Date, memo: &mut [u8]) -> Tri {
        let p = self.benefits[b];
        match p.conjunction {
            // `and` over literals: the least verdict (false 0 < unknown 1 < true 2) wins,
            // and the first false settles it.
            Some((start, end)) => {
                let mut acc = 2;
                for &lit in &self.literals[start as usize..end as usize] {
                    let m = &mut memo[(lit >> 1) as usize];
                    if *m == UNSET {
                        *m = tri_byte(eval::atom(&self.atoms[(lit >> 1) as usize], facts, as_of));
                    }
                    // Negation of a Kleene value as a byte: 2 − v.
                    let v = if lit & 1 == 0 { *m } else { 2 - *m };
                    if v == 0 {
                        return Tri::False;
                    }
                    acc = acc.min(v);
                }
                byte_tri(acc)
            }
            None => self.eval(p.root as usize, facts, as_of, memo).0,
        }
    }

    /// [`Plan::condition`] once every atom of the benefit is in the memo: a
    /// conjunction is the least of its literals (false 0 < unknown 1 < true 2), read
    /// without a branch per literal.
    fn condition_ready(&self, b: usize, facts: &[Value], as_of: Date, memo: &mut [u8]) -> Tri {
        match self.benefits[b].conjunction {
            Some((start, end)) => {
                let mut acc = 2u8;
                for &lit in &self.literals[start as usize..end as usize] {
                    let m = memo[(lit >> 1) as usize];
                    debug_assert!(m != UNSET);
                    acc = acc.min(LITERAL[(lit & 1) as usize][(m & 3) as usize]);
                }
                byte_tri(acc)
            }
            None => self.eval(self.benefits[b].root as usize, facts, as_of, memo).0,
        }
    }

    /// Decides every article for one profile, in catalogue order, into `out`.
    pub fn decide(&self, facts: &[Value], as_of: Date, scratch: &mut Scratch, out: &mut Vec<Verdict>) {
        self.decide_with(facts, as_of, scratch, out, false);
    }

    /// Like [`Plan::decide`], but a `possible` article that still waits on an answer
    /// (some benefit's condition unknown, none eligible) is [`OPEN`]; a `possible` one
    /// that only official checks hold back stays 1. For ranking questions.
    pub fn decide_open(&self, facts: &[Value], as_of: Date, scratch: &mut Scratch, out: &mut Vec<Verdict>) {
        self.decide_with(facts, as_of, scratch, out, true);
    }

    fn decide_with(&self, facts: &[Value], as_of: Date, scratch: &mut Scratch, out: &mut Vec<Verdict>, open: bool) {
        scratch.memo.clear();
        scratch.memo.resize(self.atoms.len(), UNSET);
        scratch.classes.clear();
        scratch.classes.resize(self.class_benefits.len(), UNDECIDED);
        out.clear();
        for run in &self.runs {
            if let Some(g) = run.guard {
                if self.atom(g, facts, as_of, &mut scratch.memo) == Tri::False {
                    out.extend_from_slice(&run.refused);
                    continue;
                }
            }
            let mut atoms_ready = false;
            let mut bits = Bits::default();
            for &class in &self.classes[run.start..run.end] {
                let Some(verdict) = scratch.classes.get_mut(class as usize) else {
                    out.push(3); // a task
                    continue;
                };
                if *verdict == UNDECIDED {
                    if !atoms_ready {
                        for (i, &a) in run.atoms.iter().enumerate() {
                            let t = self.atom(a, facts, as_of, &mut scratch.memo);
                            if i < 64 {
                                let bit = 1u64 << i;
                                match t {
                                    Tri::False => bits.f |= bit,
                                    Tri::Unknown => bits.u |= bit,
                                    Tri::True => bits.t |= bit,
                                }
                            }
                        }
                        atoms_ready = true;
                    }
                    *verdict = self.article(Some(self.class_benefits[class as usize]), facts, as_of, &mut scratch.memo, &bits, open);
                }
                out.push(*verdict);
            }
        }
    }

    /// An article's verdict: the best of its benefits (an eligible one settles it);
    /// with `open`, [`OPEN`] for a `possible` one that still waits on an answer.
    fn article(&self, a: Option<(u32, u32)>, facts: &[Value], as_of: Date, memo: &mut [u8], bits: &Bits, open: bool) -> Verdict {
        let Some((first, end)) = a else { return 3 };
        let (mut best, mut unknown) = (2, false);
        for b in first..end {
            let t = match self.benefits[b as usize].masks {
                // False when a positive literal's atom is false or a negated one's true;
                // else unknown when any literal's atom is unknown; else true.
                Some((pos, neg)) if (pos & bits.f) | (neg & bits.t) != 0 => Tri::False,
                Some((pos, neg)) if (pos | neg) & bits.u != 0 => Tri::Unknown,
                Some(_) => Tri::True,
                None => self.condition_ready(b as usize, facts, as_of, memo),
            };
            let v = match t {
                Tri::True if !self.benefits[b as usize].capped => 0,
                Tri::True | Tri::Unknown => 1,
                Tri::False => 2,
            };
            unknown |= t == Tri::Unknown;
            best = best.min(v);
            if best == 0 {
                break;
            }
        }
        if open && best == 1 && unknown { OPEN } else { best }
    }

    /// This plan without its bit masks: every conjunction read literal by literal, as
    /// for a run of more than 64 atoms (for tests: both ways must agree).
    #[doc(hidden)]
    pub fn without_masks(&self) -> Plan {
        let mut plan = self.clone();
        plan.benefits.iter_mut().for_each(|b| b.masks = None);
        plan
    }

    /// Decides the benefits of one article (for explanations), in order.
    pub fn benefit_verdicts(&self, article: usize, facts: &[Value], as_of: Date, scratch: &mut Scratch) -> Vec<Verdict> {
        scratch.memo.clear();
        scratch.memo.resize(self.atoms.len(), UNSET);
        match self.articles[article] {
            None => Vec::new(),
            Some((first, end)) => (first..end).map(|b| self.benefit(b as usize, facts, as_of, &mut scratch.memo)).collect(),
        }
    }
}

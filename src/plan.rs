//! The decision plan: every benefit's condition laid out in one contiguous array (prefix
//! order, each group knowing where it ends, so `and`/`or` short-circuit), over a table of
//! distinct atoms evaluated at most once per profile, and each document's articles behind
//! one guard (its jurisdiction), so a profile from elsewhere is refused at once. This is
//! the hot path that decides the whole catalogue in about half a microsecond per profile.

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
    /// Per benefit: its nodes, whether checks cap it at `possible`, and whether it is a
    /// plain conjunction of atoms (most are), decided by a tight loop.
    benefits: Vec<BenefitPlan>,
    /// Per article: its benefits' range, or `None` for a task.
    articles: Vec<Option<(u32, u32)>>,
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
    conjunction: bool,
}

#[derive(Debug, Clone, Default)]
struct Run {
    start: usize,
    end: usize,
    guard: Option<u32>,
    /// The run's verdicts when the guard fails: ineligible, tasks stay tasks.
    refused: Vec<Verdict>,
}

/// Per-profile scratch: the memo of atom verdicts.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    memo: Vec<u8>,
}

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
                let conjunction = match leaves.split_first() {
                    Some((Node::All { .. }, rest)) => rest.iter().all(|n| matches!(n, Node::Atom(_) | Node::NotAtom(_))),
                    Some((Node::Atom(_) | Node::NotAtom(_), [])) => true,
                    _ => false,
                };
                plan.benefits.push(BenefitPlan { root, end, capped: !b.def.checks.is_empty(), conjunction });
            }
            plan.articles.push(Some((first, plan.benefits.len() as u32)));
        }
        plan.runs = plan.runs_of(articles);
        plan.index = HashMap::new();
        plan
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
                    runs.push(Run { start: i, end: i + 1, guard, refused: Vec::new() });
                }
            }
        }
        for run in &mut runs {
            run.refused = (run.start..run.end).map(|i| if self.articles[i].is_none() { 3 } else { 2 }).collect();
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
            *m = tri_byte(eval::atom(&self.atoms[a as usize], facts, as_of));
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
        let verdict = if p.conjunction {
            // `and` over atoms: the least verdict (false < unknown < true) wins.
            let mut acc = Tri::True;
            for node in &self.nodes[p.root as usize..p.end as usize] {
                let t = match *node {
                    Node::Atom(a) => self.atom(a, facts, as_of, memo),
                    Node::NotAtom(a) => self.atom(a, facts, as_of, memo).not(),
                    _ => continue, // the group node itself
                };
                if t == Tri::False {
                    acc = Tri::False;
                    break;
                }
                if t == Tri::Unknown {
                    acc = Tri::Unknown;
                }
            }
            acc
        } else {
            self.eval(p.root as usize, facts, as_of, memo).0
        };
        verdict
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
        out.clear();
        for run in &self.runs {
            if let Some(g) = run.guard {
                if self.atom(g, facts, as_of, &mut scratch.memo) == Tri::False {
                    out.extend_from_slice(&run.refused);
                    continue;
                }
            }
            for a in &self.articles[run.start..run.end] {
                out.push(self.article(*a, facts, as_of, &mut scratch.memo, open));
            }
        }
    }

    /// An article's verdict: the best of its benefits (an eligible one settles it);
    /// with `open`, [`OPEN`] for a `possible` one that still waits on an answer.
    fn article(&self, a: Option<(u32, u32)>, facts: &[Value], as_of: Date, memo: &mut [u8], open: bool) -> Verdict {
        let Some((first, end)) = a else { return 3 };
        let (mut best, mut unknown) = (2, false);
        for b in first..end {
            let t = self.condition(b as usize, facts, as_of, memo);
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

//! The decision plan: every benefit's condition laid out in one contiguous array (prefix
//! order, each group knowing where it ends, so `and`/`or` short-circuit), over a table of
//! distinct atoms evaluated at most once per profile. This is the hot path that decides
//! the whole catalogue in well under a microsecond per profile.

use crate::catalogue::{Article, Kind};
use crate::condition::{Atom, Cond};
use crate::date::Date;
use crate::eval::{self, Tri};
use crate::schema::Value;

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
    /// Per benefit: its root node, and whether checks cap it at `possible`.
    benefits: Vec<(u32, bool)>,
    /// Per article: its benefits' range, or `None` for a task.
    articles: Vec<Option<(u32, u32)>>,
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
                plan.benefits.push((root, !b.def.checks.is_empty()));
            }
            plan.articles.push(Some((first, plan.benefits.len() as u32)));
        }
        plan
    }

    fn atom_index(&mut self, a: &Atom) -> u32 {
        match self.atoms.iter().position(|x| x == a) {
            Some(i) => i as u32,
            None => {
                self.atoms.push(a.clone());
                (self.atoms.len() - 1) as u32
            }
        }
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
        let (root, capped) = self.benefits[b];
        match self.eval(root as usize, facts, as_of, memo).0 {
            Tri::True if !capped => 0,
            Tri::True | Tri::Unknown => 1,
            Tri::False => 2,
        }
    }

    /// Decides every article for one profile, in catalogue order, into `out`.
    pub fn decide(&self, facts: &[Value], as_of: Date, scratch: &mut Scratch, out: &mut Vec<Verdict>) {
        scratch.memo.clear();
        scratch.memo.resize(self.atoms.len(), UNSET);
        out.clear();
        for a in &self.articles {
            out.push(match *a {
                None => 3,
                Some((first, end)) => {
                    // The best of its benefits; an eligible one settles it.
                    let mut best = 2;
                    for b in first..end {
                        best = best.min(self.benefit(b as usize, facts, as_of, &mut scratch.memo));
                        if best == 0 {
                            break;
                        }
                    }
                    best
                }
            });
        }
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

    /// How many distinct atoms and nodes the plan holds.
    pub fn size(&self) -> (usize, usize) {
        (self.atoms.len(), self.nodes.len())
    }
}

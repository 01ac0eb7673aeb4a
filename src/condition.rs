//! The condition language of the catalogue (`when = "size in [small, micro] and …"`):
//! parsed and type-checked against the schema once, into a tree whose leaves test one
//! slot of the facts. The grammar is in catalogue/README.md.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::codes::{Industry, Region};
use crate::date::Date;
use crate::schema::{Schema, Ty};

/// A compiled condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    Atom(Atom),
    Not(Box<Cond>),
    All(Vec<Cond>),
    Any(Vec<Cond>),
}

/// One test of one attribute.
#[derive(Debug, Clone, PartialEq)]
pub struct Atom {
    pub slot: usize,
    pub test: Test,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "≠",
            Op::Lt => "<",
            Op::Le => "≤",
            Op::Gt => ">",
            Op::Ge => "≥",
        }
    }

    pub fn holds<T: PartialOrd>(self, a: T, b: T) -> bool {
        match self {
            Op::Eq => a == b,
            Op::Ne => a != b,
            Op::Lt => a < b,
            Op::Le => a <= b,
            Op::Gt => a > b,
            Op::Ge => a >= b,
        }
    }
}

/// A date operand: fixed, or relative to the as-of date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DateOperand {
    Fixed(Date),
    AsOf { years: i32, months: i32, days: i32 },
}

impl DateOperand {
    pub fn resolve(self, as_of: Date) -> Date {
        match self {
            DateOperand::Fixed(d) => d,
            DateOperand::AsOf { years, months, days } => as_of.shift(years, months, days),
        }
    }
}

/// What an atom tests.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    Num(Op, f64),
    Date(Op, DateOperand),
    /// The value is one of these choices (enum).
    OneOf(u64),
    /// The set holds this choice.
    Has(u64),
    /// The set holds at least one of these choices.
    HasAny(u64),
    Within(Region),
    Under(Industry),
    Is(bool),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Num(f64, String),
    Date(Date),
    Op(Op),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Plus,
    Minus,
}

/// A condition error: where (character offset) and what, in Chinese and English.
#[derive(Debug, Clone, PartialEq)]
pub struct CondError {
    pub syntax: bool,
    pub at: usize,
    pub zh: String,
    pub en: String,
}

fn syntax(at: usize, zh: impl Into<String>, en: impl Into<String>) -> CondError {
    CondError { syntax: true, at, zh: zh.into(), en: en.into() }
}

fn types(at: usize, zh: impl Into<String>, en: impl Into<String>) -> CondError {
    CondError { syntax: false, at, zh: zh.into(), en: en.into() }
}

fn lex(src: &str) -> Result<Vec<(usize, Tok)>, CondError> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(&c) = chars.get(i) else { break };
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let tok = match c {
            '(' => Tok::LParen,
            ')' => Tok::RParen,
            '[' => Tok::LBracket,
            ']' => Tok::RBracket,
            ',' => Tok::Comma,
            '+' => Tok::Plus,
            '-' => Tok::Minus,
            '=' | '!' | '<' | '>' => {
                let next = chars.get(i + 1).copied();
                let (op, len) = match (c, next) {
                    ('=', Some('=')) => (Op::Eq, 2),
                    ('!', Some('=')) => (Op::Ne, 2),
                    ('<', Some('=')) => (Op::Le, 2),
                    ('>', Some('=')) => (Op::Ge, 2),
                    ('<', _) => (Op::Lt, 1),
                    ('>', _) => (Op::Gt, 1),
                    _ => return Err(syntax(i, format!("无法识别的符号“{c}”（相等请写 ==）"), format!("unexpected '{c}' (write == for equality)"))),
                };
                i += len;
                out.push((start, Tok::Op(op)));
                continue;
            }
            d if d.is_ascii_digit() => {
                let mut j = run_end(&chars, i, |c| c.is_ascii_digit() || c == '.' || c == '_' || c == '-');
                let raw: String = chars.get(i..j).unwrap_or_default().iter().collect();
                if raw.contains('-') {
                    let d = Date::parse(&raw).ok_or_else(|| syntax(i, format!("“{raw}”不是有效日期（YYYY-MM-DD）"), format!("'{raw}' is not a valid YYYY-MM-DD date")))?;
                    i = j;
                    out.push((start, Tok::Date(d)));
                    continue;
                }
                let digits = raw.replace('_', "");
                let mut v: f64 = digits.parse().map_err(|_| syntax(i, format!("“{raw}”不是数字"), format!("'{raw}' is not a number")))?;
                if let Some(&s) = chars.get(j) {
                    if s == '万' {
                        v *= 1e4;
                        j += 1;
                    } else if s == '亿' {
                        v *= 1e8;
                        j += 1;
                    }
                }
                // 400 digits parse as infinity: a limit no profile can reach or pass.
                if !v.is_finite() {
                    return Err(syntax(i, format!("数字“{raw}”超出范围"), format!("the number '{raw}' is out of range")));
                }
                i = j;
                out.push((start, Tok::Num(v, digits)));
                continue;
            }
            a if a.is_ascii_alphabetic() || a == '_' => {
                let j = run_end(&chars, i, |c| c.is_ascii_alphanumeric() || c == '_');
                let word: String = chars.get(i..j).unwrap_or_default().iter().collect();
                i = j;
                out.push((start, Tok::Ident(word)));
                continue;
            }
            other => {
                return Err(syntax(i, format!("无法识别的字符“{other}”（条件用英文标识符书写）"), format!("unexpected character '{other}'")));
            }
        };
        i += 1;
        out.push((start, tok));
    }
    Ok(out)
}

struct Parser<'a> {
    toks: Vec<(usize, Tok)>,
    pos: usize,
    end: usize,
    schema: &'a Schema,
    /// How many `not`s and parentheses enclose the current position.
    depth: usize,
}

/// The deepest nesting of `not` and parentheses a condition may have. The parser, the
/// evaluator and the plan all recurse on nesting, so an unbounded depth (a site's
/// catalogue with thousands of `(`) would overflow the stack, which in wasm is a trap.
pub const MAX_DEPTH: usize = 32;

const KEYWORDS: [&str; 8] = ["and", "or", "not", "in", "has", "has_any", "within", "under"];

/// The keyword tests and the attribute type each takes, with what it is for.
const KEYWORD_TYPES: [(&str, Ty, &str, &str); 5] = [
    ("in", Ty::Enum, "仅用于单选", "choices only"),
    ("has", Ty::Set, "仅用于多选", "lists only"),
    ("has_any", Ty::Set, "仅用于多选", "lists only"),
    ("within", Ty::Region, "仅用于地区", "regions only"),
    ("under", Ty::Industry, "仅用于行业", "industries only"),
];

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.1)
    }
    fn at(&self) -> usize {
        self.toks.get(self.pos).map_or(self.end, |t| t.0)
    }
    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).map(|t| t.1.clone());
        self.pos += 1;
        t
    }
    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Some(Tok::Ident(x)) if x == w)
    }
    fn expect(&mut self, tok: Tok, zh: &str, en: &str) -> Result<(), CondError> {
        let at = self.at();
        if self.next() == Some(tok) {
            Ok(())
        } else {
            Err(syntax(at, format!("此处应为{zh}"), format!("expected {en} here")))
        }
    }

    fn or(&mut self) -> Result<Cond, CondError> {
        self.chain("or", Self::and, Cond::Any)
    }

    fn and(&mut self) -> Result<Cond, CondError> {
        self.chain("and", Self::unary, Cond::All)
    }

    /// `operand (word operand)*`, grouped by `group` when there is more than one.
    fn chain(&mut self, word: &str, operand: fn(&mut Self) -> Result<Cond, CondError>, group: fn(Vec<Cond>) -> Cond) -> Result<Cond, CondError> {
        let mut parts = vec![operand(self)?];
        while self.is_word(word) {
            self.pos += 1;
            parts.push(operand(self)?);
        }
        Ok(match parts.pop() {
            Some(only) if parts.is_empty() => only,
            Some(last) => {
                parts.push(last);
                group(parts)
            }
            None => group(parts),
        })
    }

    fn unary(&mut self) -> Result<Cond, CondError> {
        let nests = self.is_word("not") || self.peek() == Some(&Tok::LParen);
        if nests {
            if self.depth >= MAX_DEPTH {
                return Err(syntax(self.at(), format!("条件嵌套过深（not 与括号合计不超过{MAX_DEPTH}层）"), format!("the condition nests too deeply (at most {MAX_DEPTH} levels of not and parentheses)")));
            }
            self.depth += 1;
        }
        let result = if self.is_word("not") {
            self.pos += 1;
            self.unary().map(|c| Cond::Not(Box::new(c)))
        } else if self.peek() == Some(&Tok::LParen) {
            self.pos += 1;
            self.or().and_then(|inner| self.expect(Tok::RParen, "右括号“)”", "')'").map(|_| inner))
        } else {
            self.predicate()
        };
        if nests {
            self.depth -= 1;
        }
        result
    }

    fn predicate(&mut self) -> Result<Cond, CondError> {
        let at = self.at();
        let name = match self.next() {
            Some(Tok::Ident(w)) if !KEYWORDS.contains(&w.as_str()) => w,
            _ => return Err(syntax(at, "此处应为属性名", "expected an attribute name here")),
        };
        let slot = self.schema.slot(&name).ok_or_else(|| types(at, format!("未知属性“{name}”"), format!("unknown attribute '{name}'")))?;
        let Some(attr) = self.schema.attr(slot) else {
            return Err(types(at, format!("未知属性“{name}”"), format!("unknown attribute '{name}'")));
        };
        let ty = attr.ty;
        let op_at = self.at();
        let ty_err = |what_zh: &str, what_en: &str| {
            types(op_at, format!("属性“{name}”的类型不支持{what_zh}"), format!("attribute '{name}' does not support {what_en}"))
        };
        let test = match self.peek().cloned() {
            Some(Tok::Op(op)) => {
                self.pos += 1;
                let v_at = self.at();
                match (ty, self.next()) {
                    (Ty::Number | Ty::Integer, Some(Tok::Num(v, _))) => Test::Num(op, v),
                    (Ty::Number | Ty::Integer, Some(Tok::Minus)) => match self.next() {
                        Some(Tok::Num(v, _)) => Test::Num(op, -v),
                        _ => return Err(syntax(v_at, "此处应为数字", "expected a number")),
                    },
                    (Ty::Date, Some(Tok::Date(d))) => Test::Date(op, DateOperand::Fixed(d)),
                    (Ty::Date, Some(Tok::Ident(w))) if w == "as_of" => Test::Date(op, self.as_of_offset()?),
                    (Ty::Enum, Some(Tok::Ident(w))) if matches!(op, Op::Eq | Op::Ne) => {
                        let bit = self.choice(slot, &w, v_at)?;
                        let atom = Cond::Atom(Atom { slot, test: Test::OneOf(bit) });
                        return Ok(if op == Op::Ne { Cond::Not(Box::new(atom)) } else { atom });
                    }
                    (Ty::Bool, Some(Tok::Ident(w))) if matches!(op, Op::Eq | Op::Ne) && (w == "true" || w == "false") => {
                        Test::Is((w == "true") == (op == Op::Eq))
                    }
                    (_, None) => return Err(syntax(v_at, "此处缺少比较值", "a value is missing here")),
                    (Ty::Region | Ty::Industry | Ty::Set, _) => return Err(ty_err("比较运算（地区用 within，行业用 under，多选用 has）", "comparison (use within, under or has)")),
                    _ => return Err(types(v_at, format!("“{name}”不能与此值比较"), format!("'{name}' cannot be compared with this value"))),
                }
            }
            Some(Tok::Ident(w)) if KEYWORD_TYPES.iter().any(|k| k.0 == w) => {
                self.pos += 1;
                let Some(&(_, want, zh, en)) = KEYWORD_TYPES.iter().find(|k| k.0 == w) else {
                    return Err(syntax(op_at, "此处应为运算符", "expected an operator"));
                };
                if ty != want {
                    return Err(ty_err(&format!("{w}（{zh}）"), &format!("'{w}' ({en})")));
                }
                let v_at = self.at();
                match (w.as_str(), self.next()) {
                    ("in", Some(Tok::LBracket)) => Test::OneOf(self.choice_list(slot)?),
                    ("has_any", Some(Tok::LBracket)) => Test::HasAny(self.choice_list(slot)?),
                    ("has", Some(Tok::Ident(v))) => Test::Has(self.choice(slot, &v, v_at)?),
                    ("within", Some(Tok::Num(_, raw))) => Test::Within(Region::parse(&raw).ok_or_else(|| types(v_at, format!("“{raw}”不是有效的行政区划代码"), format!("'{raw}' is not a valid region code")))?),
                    ("under", Some(Tok::Ident(code))) => Test::Under(Industry::parse(&code).ok_or_else(|| types(v_at, format!("“{code}”不是有效的行业代码"), format!("'{code}' is not a valid industry code")))?),
                    ("in" | "has_any", _) => return Err(syntax(v_at, "此处应为“[”", "expected '['")),
                    ("has", _) => return Err(syntax(v_at, "此处应为取值", "expected a value")),
                    ("within", _) => return Err(syntax(v_at, "此处应为6位行政区划代码", "expected a 6-digit region code")),
                    _ => return Err(syntax(v_at, "此处应为行业代码", "expected an industry code")),
                }
            }
            _ if ty == Ty::Bool => Test::Is(true),
            _ => return Err(syntax(op_at, format!("属性“{name}”后应为运算符"), format!("expected an operator after '{name}'"))),
        };
        Ok(Cond::Atom(Atom { slot, test }))
    }

    fn as_of_offset(&mut self) -> Result<DateOperand, CondError> {
        let sign = match self.peek() {
            Some(Tok::Plus) => 1,
            Some(Tok::Minus) => -1,
            _ => return Ok(DateOperand::AsOf { years: 0, months: 0, days: 0 }),
        };
        self.pos += 1;
        let at = self.at();
        let n = match self.next() {
            Some(Tok::Num(v, _)) if v.fract() == 0.0 && v < 10000.0 => sign * v as i32,
            _ => return Err(syntax(at, "此处应为整数", "expected a whole number")),
        };
        let at = self.at();
        match self.next() {
            Some(Tok::Ident(u)) if u == "years" || u == "year" => Ok(DateOperand::AsOf { years: n, months: 0, days: 0 }),
            Some(Tok::Ident(u)) if u == "months" || u == "month" => Ok(DateOperand::AsOf { years: 0, months: n, days: 0 }),
            Some(Tok::Ident(u)) if u == "days" || u == "day" => Ok(DateOperand::AsOf { years: 0, months: 0, days: n }),
            _ => Err(syntax(at, "此处应为 years、months 或 days", "expected years, months or days")),
        }
    }

    /// A choice of the attribute in `slot`, by id.
    fn choice(&self, slot: usize, value: &str, at: usize) -> Result<u64, CondError> {
        let Some(attr) = self.schema.attr(slot) else {
            return Err(types(at, format!("没有取值“{value}”"), format!("no value '{value}'")));
        };
        attr.choice_bit(value).ok_or_else(|| types(at, format!("“{}”没有取值“{value}”", attr.def.id), format!("'{}' has no value '{value}'", attr.def.id)))
    }

    /// The choices of a list after its `[`, up to and with its `]`.
    fn choice_list(&mut self, slot: usize) -> Result<u64, CondError> {
        let mut bits = 0;
        loop {
            let at = self.at();
            match self.next() {
                Some(Tok::Ident(v)) => bits |= self.choice(slot, &v, at)?,
                _ => return Err(syntax(at, "此处应为取值", "expected a value")),
            }
            match self.next() {
                Some(Tok::Comma) => continue,
                Some(Tok::RBracket) => return Ok(bits),
                _ => return Err(syntax(self.at(), "此处应为“,”或“]”", "expected ',' or ']'")),
            }
        }
    }
}

/// The end of the run of characters from `i` on that satisfy `keep`.
fn run_end(chars: &[char], i: usize, keep: impl Fn(char) -> bool) -> usize {
    chars.get(i..).map_or(i, |rest| i + rest.iter().take_while(|c| keep(**c)).count())
}

/// Parses and type-checks a condition against the schema.
pub fn parse(src: &str, schema: &Schema) -> Result<Cond, CondError> {
    let toks = lex(src)?;
    if toks.is_empty() {
        return Err(syntax(0, "条件为空", "the condition is empty"));
    }
    let mut p = Parser { toks, pos: 0, end: src.chars().count(), schema, depth: 0 };
    let cond = p.or()?;
    if p.pos < p.toks.len() {
        return Err(syntax(p.at(), "条件在此处多出内容（缺少 and/or？）", "unexpected text here (missing and/or?)"));
    }
    Ok(cond)
}

impl Cond {
    /// Every atom, in reading order, with whether it stands under an odd number of `not`s.
    pub fn atoms(&self) -> Vec<(&Atom, bool)> {
        fn walk<'c>(c: &'c Cond, neg: bool, out: &mut Vec<(&'c Atom, bool)>) {
            match c {
                Cond::Atom(a) => out.push((a, neg)),
                Cond::Not(inner) => walk(inner, !neg, out),
                Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| walk(c, neg, out)),
            }
        }
        let mut out = Vec::new();
        walk(self, false, &mut out);
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::builtin;

    fn check(src: &str) -> Result<Cond, CondError> {
        parse(src, &builtin().expect("catalogue").schema)
    }

    #[test]
    fn the_documented_forms_parse() {
        for src in [
            "size in [small, micro] and region within 350200",
            "taxpayer == small_scale and monthly_sales <= 15万",
            "qualifications has little_giant",
            "qualifications has_any [specialized_sme, little_giant]",
            "industry under C39",
            "established >= as_of - 3 years",
            "entity_type == individual_business or (entity_type == enterprise and size in [small, micro])",
            "not industry under J",
            "small_low_profit",
            "taxable_income > -1",
            "established < 2024-01-01",
        ] {
            assert!(check(src).is_ok(), "{src}: {:?}", check(src));
        }
        assert_eq!(check("monthly_sales <= 15万"), Ok(Cond::Atom(Atom { slot: builtin().unwrap().schema.slot("monthly_sales").unwrap(), test: Test::Num(Op::Le, 150000.0) })));
    }

    #[test]
    fn each_mistake_says_where_and_what() {
        let cases: [(&str, bool, usize, &str); 10] = [
            ("size in [small, tiny]", false, 16, "no value 'tiny'"),
            ("region in [small]", false, 7, "'in' (choices only)"),
            ("industry under C51", false, 15, "not a valid industry code"),
            ("region within 990000", false, 14, "not a valid region code"),
            ("employees = 5", true, 10, "write =="),
            ("employees <=", true, 12, "a value is missing"),
            ("employees <= small", false, 13, "cannot be compared"),
            ("size in [small", true, 14, "expected ',' or ']'"),
            ("employees > 5 employees > 6", true, 14, "missing and/or"),
            ("headcount > 5", false, 0, "unknown attribute"),
        ];
        for (src, is_syntax, at, en) in cases {
            let e = check(src).unwrap_err();
            assert!(e.en.contains(en), "{src}: {e:?}");
            assert_eq!((e.syntax, e.at), (is_syntax, at), "{src}: {e:?}");
            assert!(!e.zh.is_empty());
        }
    }
}

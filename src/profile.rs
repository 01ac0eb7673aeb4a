//! The enterprise profile: a JSON-like value checked against the schema into facts,
//! with every problem reported as an error (the field is then treated as unanswered).
//! Then the derived facts (size, 小型微利企业) are filled in.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::codes::{Industry, Region};
use crate::date::Date;
use crate::error::{Code, Error};
use crate::limits::Limit;
use crate::schema::{Attribute, Facts, Schema, Ty, Value};
use crate::size::{self, SizeFinding};

/// A JSON-like input value. The wasm boundary builds it from JS values directly, so
/// that `NaN` and `undefined` are seen (JSON cannot carry them).
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Input>),
    Object(Vec<(String, Input)>),
    /// Anything else a JS caller can pass (a function, a symbol, a BigInt …), by type name.
    Other(&'static str),
    /// A value beyond one of the [`limits`](crate::limits), left unread.
    TooLarge(Limit),
    /// A value whose reading threw (a getter, a proxy trap, a revoked proxy).
    Unreadable,
}

impl From<&serde_json::Value> for Input {
    fn from(v: &serde_json::Value) -> Self {
        use serde_json::Value as J;
        match v {
            J::Null => Input::Null,
            J::Bool(b) => Input::Bool(*b),
            J::Number(n) => Input::Number(n.as_f64().unwrap_or(f64::NAN)),
            J::String(s) => Input::String(s.clone()),
            J::Array(a) => Input::Array(a.iter().map(Input::from).collect()),
            J::Object(o) => Input::Object(o.iter().map(|(k, v)| (k.clone(), Input::from(v))).collect()),
        }
    }
}

impl Input {
    fn type_name(&self) -> &'static str {
        match self {
            Input::Null => "null",
            Input::Bool(_) => "boolean",
            Input::Number(_) => "number",
            Input::String(_) => "string",
            Input::Array(_) => "array",
            Input::Object(_) => "object",
            Input::Other(t) => t,
            Input::TooLarge(_) => "too large value",
            Input::Unreadable => "unreadable value",
        }
    }

    /// Whether the value holds, at any depth, a value past the nesting limit.
    pub fn too_deep(&self) -> bool {
        match self {
            Input::TooLarge(Limit::Depth) => true,
            Input::Array(items) => items.iter().any(Input::too_deep),
            Input::Object(fields) => fields.iter().any(|(_, v)| v.too_deep()),
            _ => false,
        }
    }

    /// The error a value left unread stands for, if it is one.
    fn unread_error(&self, field: &str) -> Option<Error> {
        match self {
            Input::TooLarge(limit) => Some(limit.error(field)),
            Input::Unreadable => Some(Error::new(
                Code::Unreadable,
                field,
                format!("“{field}”无法读取（读取时出错，如 getter 或 Proxy 抛出异常）"),
                format!("'{field}' could not be read (reading it threw, e.g. a getter or a Proxy)"),
            )),
            _ => None,
        }
    }
}

/// The derived facts; their basis text is written only when asked for.
#[derive(Debug, Clone)]
pub struct Derived {
    pub size: SizeFinding,
    pub small_low_profit: SmallLowProfit,
}

/// 小型微利企业 (财政部 税务总局公告2023年第12号): 应纳税所得额 ≤ 300万元, 从业人数 ≤ 300,
/// 资产总额 ≤ 5000万元, all at once; an enterprise income-tax notion, so never a 个体工商户.
#[derive(Debug, Clone)]
pub struct SmallLowProfit {
    pub value: Option<bool>,
    individual: bool,
    /// Each test: attribute, the value given, the limit.
    tests: [(&'static str, Option<f64>, f64); 3],
    /// Unanswered attributes that would settle it.
    pub missing: Vec<&'static str>,
}

impl SmallLowProfit {
    fn new(individual: bool, taxable_income: Option<f64>, employees: Option<f64>, assets: Option<f64>) -> Self {
        let tests = [("taxable_income", taxable_income, 3_000_000.0), ("employees", employees, 300.0), ("total_assets", assets, 50_000_000.0)];
        let any_fail = tests.iter().any(|(_, v, limit)| v.is_some_and(|x| x > *limit));
        let missing: Vec<&'static str> = tests.iter().filter(|t| t.1.is_none()).map(|t| t.0).collect();
        let value = if individual || any_fail { Some(false) } else if missing.is_empty() { Some(true) } else { None };
        let missing = if value.is_some() { Vec::new() } else { missing };
        SmallLowProfit { value, individual, tests, missing }
    }

    /// The basis in words, with the test and what the reference leaves unconfirmed.
    pub fn basis(&self, en: bool) -> String {
        use crate::format::{yuan_en, yuan_zh};
        if self.individual {
            return if en {
                "an individual business pays no enterprise income tax, so it is not a small low-profit enterprise".into()
            } else {
                "个体工商户不缴纳企业所得税，不属于小型微利企业".into()
            };
        }
        let parts: Vec<String> = self
            .tests
            .iter()
            .map(|(id, v, limit)| {
                let (name_zh, name_en) = match *id {
                    "taxable_income" => ("应纳税所得额", "taxable income"),
                    "employees" => ("从业人数", "employees"),
                    _ => ("资产总额", "total assets"),
                };
                let (lz, le) = if *id == "employees" { (format!("{limit}人"), format!("{limit}")) } else { (yuan_zh(*limit), yuan_en(*limit)) };
                match (v, en) {
                    (None, false) => format!("{name_zh}未填"),
                    (None, true) => format!("{name_en} not given"),
                    (Some(x), false) => format!("{name_zh}{}{lz}", if x <= limit { "不超过" } else { "超过" }),
                    (Some(x), true) => format!("{name_en} {} {le}", if x <= limit { "within" } else { "above" }),
                }
            })
            .collect();
        let verdict = match (self.value, en) {
            (Some(true), false) => "符合小型微利企业标准",
            (Some(false), false) => "不符合小型微利企业标准",
            (None, false) => "尚不能判定是否为小型微利企业",
            (Some(true), true) => "meets the small low-profit enterprise test",
            (Some(false), true) => "does not meet the small low-profit enterprise test",
            (None, true) => "cannot yet tell whether it is a small low-profit enterprise",
        };
        if en {
            format!("{verdict}: {} (test: MOF/STA announcement 2023 No. 12, all three at once, in an industry the state does not restrict or prohibit — check this yourself; whether the figures are quarterly averages is unconfirmed)", parts.join(", "))
        } else {
            format!("{verdict}：{}（标准：财政部 税务总局公告2023年第12号，三项同时满足，且从事国家非限制和禁止行业，请自行核实行业；各指标按全年季度平均值计算一说尚未确认）", parts.join("，"))
        }
    }
}

fn wrong_type(field: &str, want_zh: &str, want_en: &str, got: &Input) -> Error {
    if let Some(e) = got.unread_error(field) {
        return e;
    }
    Error::new(
        Code::WrongType,
        field,
        format!("“{field}”应为{want_zh}，收到的是 {}", got.type_name()),
        format!("'{field}' must be {want_en}, got {}", got.type_name()),
    )
}

fn number(field: &str, v: &Input, allow_negative: bool, integer: bool) -> Result<f64, Error> {
    let Input::Number(n) = v else {
        return Err(wrong_type(field, "数字", "a number", v));
    };
    if !n.is_finite() {
        return Err(Error::new(Code::NotANumber, field, "请填写一个有效数字", "enter a valid number (not NaN or infinity)"));
    }
    if *n < 0.0 && !allow_negative {
        return Err(Error::new(Code::Negative, field, "不能为负数", "must not be negative"));
    }
    if integer && n.fract() != 0.0 {
        return Err(Error::new(Code::NotAnInteger, field, "请填写整数（人数不能有小数）", "enter a whole number"));
    }
    Ok(*n)
}

fn string<'v>(field: &str, v: &'v Input, want_zh: &str, want_en: &str) -> Result<&'v str, Error> {
    match v {
        Input::String(s) => Ok(s),
        _ => Err(wrong_type(field, want_zh, want_en, v)),
    }
}

/// A date answer: a whole date, or a year or month alone (its first and last day).
pub(crate) fn date_value(s: &str) -> Option<Value> {
    match (Date::parse(s), Date::parse_span(s)) {
        (Some(d), _) => Some(Value::Date(d)),
        (None, Some((first, last))) => Some(Value::DateSpan(first, last)),
        _ => None,
    }
}

/// A text answer (a date, a region or industry code, a choice) as its fact, or `None`
/// when it is not one: [`value`]'s checks, shared with the encoded path
/// ([`crate::encoded`]).
pub(crate) fn text_value(attr: &Attribute, s: &str) -> Option<Value> {
    match attr.ty {
        Ty::Date => date_value(s),
        Ty::Region => Region::parse(s).map(Value::Region),
        Ty::Industry => Industry::parse(s).map(Value::Industry),
        Ty::Enum => attr.choice_bit(s).map(Value::Bits),
        Ty::Number | Ty::Integer | Ty::Bool | Ty::Set => None,
    }
}

/// Checks one answer against its attribute.
pub(crate) fn value(schema: &Schema, slot: usize, field: &str, v: &Input) -> Result<Value, Error> {
    let Some(attr) = schema.attr(slot) else {
        return Err(Error::new(Code::UnknownField, field, format!("未知字段“{field}”"), format!("unknown field '{field}'")));
    };
    let unknown_choice = |s: &str| {
        let ids: Vec<&str> = attr.def.values.iter().map(|c| c.id.as_str()).collect();
        Error::new(Code::UnknownValue, field, format!("“{s}”不是可选项（可选：{}）", ids.join("、")), format!("'{s}' is not one of: {}", ids.join(", ")))
    };
    Ok(match attr.ty {
        Ty::Number => Value::Num(number(field, v, attr.def.allow_negative, false)?),
        Ty::Integer => Value::Num(number(field, v, attr.def.allow_negative, true)?),
        Ty::Bool => match v {
            Input::Bool(b) => Value::Bool(*b),
            _ => return Err(wrong_type(field, "是或否（true/false）", "true or false", v)),
        },
        Ty::Date => {
            let s = string(field, v, "日期文本", "a date string", )?;
            match text_value(attr, s) {
                Some(d) => d,
                None => return Err(Error::new(Code::InvalidDate, field, format!("“{s}”不是有效日期，请按“年-月-日”填写，如 2021-06-30；记不清可只填年份或年月，如 2021 或 2021-06"), format!("'{s}' is not a real date; use YYYY-MM-DD, e.g. 2021-06-30, or the year or year and month alone (2021, 2021-06)"))),
            }
        }
        Ty::Region => {
            let s = string(field, v, "6位行政区划代码文本", "a 6-digit code string")?;
            text_value(attr, s).ok_or_else(|| Error::new(Code::UnknownRegion, field, format!("“{s}”不是有效的6位行政区划代码（如 350200）"), format!("'{s}' is not a valid 6-digit region code (e.g. 350200)")))?
        }
        Ty::Industry => {
            let s = string(field, v, "行业代码文本", "an industry code string")?;
            text_value(attr, s).ok_or_else(|| Error::new(Code::UnknownIndustry, field, format!("“{s}”不是有效的行业代码（门类字母加0、2、3或4位数字，如 C 或 C39）"), format!("'{s}' is not a valid GB/T 4754-2017 code (a section letter, optionally 2–4 digits, e.g. C or C39)")))?
        }
        Ty::Enum => {
            let s = string(field, v, "选项文本", "a choice string")?;
            text_value(attr, s).ok_or_else(|| unknown_choice(s))?
        }
        Ty::Set => {
            let Input::Array(items) = v else {
                return Err(wrong_type(field, "选项数组", "an array of choices", v));
            };
            let mut bits = 0;
            for (i, item) in items.iter().enumerate() {
                let f = format!("{field}[{i}]");
                let s = string(&f, item, "选项文本", "a choice string")?;
                bits |= attr.choice_bit(s).ok_or_else(|| {
                    let mut e = unknown_choice(s);
                    e.field = f.clone();
                    e
                })?;
            }
            Value::Bits(bits)
        }
    })
}

/// Reads a profile into facts. Errors are collected; a field in error stays unknown.
pub fn read(schema: &Schema, input: &Input) -> (Facts, Vec<Error>) {
    let mut facts = schema.empty_facts();
    let mut errors = Vec::new();
    let Input::Object(fields) = input else {
        if let Some(e) = input.unread_error("") {
            errors.push(e);
        } else if *input != Input::Null && *input != Input::Other("undefined") {
            errors.push(Error::new(Code::NotAnObject, "", format!("企业信息应为对象（JSON object），收到的是 {}", input.type_name()), format!("the profile must be an object, got {}", input.type_name())));
        }
        return (facts, errors);
    };
    // Errors in questionnaire order, then unknown fields by name: the same whatever
    // order the fields came in (a JS object's insertion order, or serde_json's sorted
    // map in the CLI), so the wasm package and the CLI give the same JSON.
    let mut ordered: Vec<((usize, &str), Error)> = Vec::new();
    for (key, v) in fields {
        if matches!(v, Input::Null | Input::Other("undefined")) {
            continue; // unanswered
        }
        match schema.slot(key).filter(|s| schema.attr(*s).is_some_and(|a| !a.def.derived)) {
            None => ordered.push(((usize::MAX, key), Error::new(Code::UnknownField, key.as_str(), format!("未知字段“{key}”"), format!("unknown field '{key}'")))),
            // Nesting past the limit anywhere in the field: the field is too large.
            Some(slot) if v.too_deep() => ordered.push(((slot, key), Limit::Depth.error(key))),
            Some(slot) => match value(schema, slot, key, v) {
                Ok(val) => {
                    if let Some(f) = facts.get_mut(slot) {
                        *f = val;
                    }
                }
                Err(e) => ordered.push(((slot, key), e)),
            },
        }
    }
    ordered.sort_by(|a, b| a.0.cmp(&b.0));
    errors.extend(ordered.into_iter().map(|(_, e)| e));
    (facts, errors)
}

fn num(schema: &Schema, facts: &Facts, id: &str) -> Option<f64> {
    match schema.slot(id).and_then(|s| facts.get(s).copied()) {
        Some(Value::Num(n)) => Some(n),
        _ => None,
    }
}

/// Computes the derived facts and writes them into their slots.
pub fn derive(schema: &Schema, facts: &mut Facts) -> Derived {
    let industry = match schema.slot("industry").and_then(|s| facts.get(s).copied()) {
        Some(Value::Industry(i)) => Some(i),
        _ => None,
    };
    let employees = num(schema, facts, "employees");
    let assets = num(schema, facts, "total_assets");
    let size = size::classify(industry.as_ref(), employees, num(schema, facts, "revenue"), assets);
    if let Some(slot) = schema.slot("size") {
        if let Some(f) = facts.get_mut(slot) {
            *f = if size.possible == size::ANY { Value::Unknown } else { Value::Bits(size.possible as u64) };
        }
    }
    let individual = match (schema.get("entity_type"), schema.slot("entity_type").and_then(|s| facts.get(s).copied())) {
        (Some(a), Some(Value::Bits(b))) => a.choice_bit("individual_business") == Some(b),
        _ => false,
    };
    let small_low_profit = SmallLowProfit::new(individual, num(schema, facts, "taxable_income"), employees, assets);
    if let Some(slot) = schema.slot("small_low_profit") {
        if let Some(f) = facts.get_mut(slot) {
            *f = small_low_profit.value.map_or(Value::Unknown, Value::Bool);
        }
    }
    Derived { size, small_low_profit }
}

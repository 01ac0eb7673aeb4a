//! From a register's header row to profile fields: which column is which attribute
//! (English ids, the questionnaire's Chinese labels, and the names an official's export
//! uses: 所在地, 行业代码, 从业人员, 营业收入（万元）…), and each cell to an [`Input`] value
//! of the attribute's type. A cell that cannot be read as its type is passed on as text,
//! so that the core reports it with its usual code (`wrong_type`, `invalid_date`, …).

use crate::date::Date;
use crate::error::{Code, Error};
use crate::profile::Input;
use crate::schema::{Schema, Ty};
use std::collections::HashMap;

/// The columns carried through to the output, in output order.
pub const CARRIED: [&str; 3] = ["id", "name", "credit_code"];

/// Header names (normalized: trimmed, lower-case, unit suffix cut off) of the carried
/// columns and of the core attributes, besides each attribute's id and labels.
const ALIASES: &[(&str, &[&str])] = &[
    ("id", &["id", "编号", "企业编号", "序号"]),
    ("name", &["name", "名称", "企业名称", "市场主体名称", "纳税人名称", "单位名称"]),
    ("credit_code", &["credit_code", "uscc", "统一社会信用代码", "社会信用代码", "信用代码"]),
    ("region", &["所在地", "地区代码", "所在地区代码", "行政区划代码", "区划代码", "注册地", "所在地代码", "住所所在地"]),
    ("industry", &["行业代码", "行业", "所属行业", "国民经济行业代码", "行业门类"]),
    ("employees", &["从业人员", "从业人数", "从业人员数", "职工人数", "员工人数", "从业人员期末人数"]),
    ("revenue", &["营业收入", "上年营业收入", "营业收入总额"]),
    ("total_assets", &["资产总额", "资产总计"]),
    ("taxable_income", &["应纳税所得额", "上年应纳税所得额"]),
    ("established", &["成立日期", "注册日期", "成立时间"]),
    ("entity_type", &["市场主体类型", "主体类型", "企业类型"]),
    ("qualifications", &["资质", "资质认定", "企业资质"]),
    ("taxpayer", &["纳税人类型", "纳税人资格", "增值税纳税人类型"]),
    ("monthly_sales", &["月销售额"]),
];

/// What one column holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Role {
    /// A profile attribute (schema slot), and the factor from the file's unit to yuan.
    Attr { slot: usize, scale: f64 },
    /// A carried column (index into [`CARRIED`]).
    Carry(usize),
    /// A column nothing reads (reported once, at the header).
    Ignored,
}

/// The header row, mapped.
#[derive(Debug, Clone)]
pub struct Columns {
    /// The header names as in the file.
    pub names: Vec<String>,
    pub roles: Vec<Role>,
}

/// Header text without BOM, spaces and a trailing unit in brackets; the unit's factor
/// to yuan if the brackets name one (万元 → 10000, 元 → 1).
pub fn normalize(header: &str) -> (String, Option<f64>) {
    let mut h = header.trim_start_matches('\u{feff}').trim().to_lowercase();
    let mut scale = None;
    for (open, close) in [('（', '）'), ('(', ')'), ('[', ']'), ('【', '】')] {
        if h.ends_with(close) {
            if let Some(i) = h.rfind(open) {
                let unit = h[i + open.len_utf8()..h.len() - close.len_utf8()].trim().to_string();
                scale = match unit.as_str() {
                    "万元" | "万" | "wan" | "10k yuan" => Some(10_000.0),
                    "元" | "yuan" | "rmb" | "cny" => Some(1.0),
                    _ => scale,
                };
                h.truncate(i);
                h = h.trim().to_string();
            }
        }
    }
    (h.split_whitespace().collect::<Vec<_>>().join(" "), scale)
}

/// Every name a column may have (normalized) → its role: the carried columns, the
/// aliases, each attribute's id and its labels.
pub fn name_table(schema: &Schema) -> HashMap<String, Role> {
    let mut t = HashMap::new();
    for (i, c) in CARRIED.iter().enumerate() {
        t.insert(c.to_string(), Role::Carry(i));
    }
    for (id, names) in ALIASES {
        let role = match CARRIED.iter().position(|c| c == id) {
            Some(i) => Some(Role::Carry(i)),
            None => schema.slot(id).map(|slot| Role::Attr { slot, scale: 1.0 }),
        };
        if let Some(role) = role {
            for n in *names {
                t.entry(n.to_string()).or_insert(role);
            }
        }
    }
    for (slot, a) in schema.attrs.iter().enumerate().filter(|(_, a)| !a.def.derived) {
        for n in [a.def.id.clone(), normalize(&a.def.label).0, normalize(&a.def.label_en).0] {
            if !n.is_empty() {
                t.entry(n).or_insert(Role::Attr { slot, scale: 1.0 });
            }
        }
    }
    t
}

impl Columns {
    /// Maps a header row. `default_scale` is the factor for amount columns whose header
    /// names no unit (1 for yuan, 10000 for `--unit wan`). Returns the warnings too:
    /// unknown and repeated columns (ignored), and core columns that are absent.
    pub fn new(schema: &Schema, headers: &[String], default_scale: f64) -> (Columns, Vec<Error>) {
        let mut roles = Vec::with_capacity(headers.len());
        let mut warnings = Vec::new();
        let table = name_table(schema);
        for h in headers {
            let (name, unit) = normalize(h);
            let role = match table.get(&name).copied() {
                Some(Role::Attr { slot, .. }) => {
                    let yuan = schema.attrs[slot].def.unit.as_deref() == Some("yuan");
                    Role::Attr { slot, scale: if yuan { unit.unwrap_or(default_scale) } else { 1.0 } }
                }
                Some(r) => r,
                None => {
                    if !name.is_empty() {
                        warnings.push(Error::new(Code::UnknownField, h.trim(), format!("未知列“{}”，已忽略", h.trim()), format!("unknown column '{}', ignored", h.trim())));
                    }
                    Role::Ignored
                }
            };
            let repeated = role != Role::Ignored
                && roles.iter().any(|r: &Role| match (r, &role) {
                    (Role::Attr { slot: a, .. }, Role::Attr { slot: b, .. }) => a == b,
                    (a, b) => a == b,
                });
            if repeated {
                warnings.push(Error::new(Code::DuplicateId, h.trim(), format!("列“{}”与前面的列重复，已忽略", h.trim()), format!("column '{}' repeats an earlier one, ignored", h.trim())));
                roles.push(Role::Ignored);
            } else {
                roles.push(role);
            }
        }
        for core in ["region", "industry"] {
            let slot = schema.slot(core);
            if !roles.iter().any(|r| matches!(r, Role::Attr { slot: s, .. } if Some(*s) == slot)) {
                warnings.push(Error::new(Code::UnknownField, core, format!("没有“{core}”列：每家企业的该项都按未填处理"), format!("no '{core}' column: it is unanswered for every enterprise")));
            }
        }
        (Columns { names: headers.iter().map(|h| h.trim_start_matches('\u{feff}').trim().to_string()).collect(), roles }, warnings)
    }

    /// The header name of the column holding `field` (a field such as
    /// `qualifications[1]` counts as its attribute), if there is one.
    pub fn column_of(&self, schema: &Schema, field: &str) -> Option<&str> {
        let base = field.split('[').next().unwrap_or(field);
        let slot = schema.slot(base)?;
        self.roles.iter().position(|r| matches!(r, Role::Attr { slot: s, .. } if *s == slot)).map(|i| self.names[i].as_str())
    }
}

/// A cell as a file gives it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A spreadsheet date (already a calendar date).
    Date(Date),
}

/// A date as officials write it: 2021-06-30, 2021/6/30, 2021.6.30, 2021年6月30日, or a
/// date-time whose date part is one of those.
fn loose_date(s: &str) -> Option<Date> {
    let s = s.split(['T', ' ']).next().unwrap_or(s);
    let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    if parts.len() != 3 || parts[0].len() != 4 {
        return None;
    }
    let y = parts[0].parse().ok()?;
    Date::from_ymd(y, parts[1].parse().ok()?, parts[2].parse().ok()?)
}

/// A number as a register writes it: thousands separators and spaces allowed.
fn loose_number(s: &str) -> Option<f64> {
    let cleaned: String = s.chars().filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{a0}')).collect();
    cleaned.parse().ok()
}

/// Per attribute slot: every way a register writes a choice (its id, its Chinese and
/// English labels, with or without a bracketed remark) → the choice id.
pub type Choices = Vec<HashMap<String, String>>;

pub fn choice_table(schema: &Schema) -> Choices {
    schema
        .attrs
        .iter()
        .map(|a| {
            let mut t = HashMap::new();
            for c in &a.def.values {
                for n in [c.id.clone(), c.label.clone(), normalize(&c.label).0, normalize(&c.label_en).0] {
                    t.entry(n).or_insert_with(|| c.id.clone());
                }
            }
            t
        })
        .collect()
}

/// A choice given by its id or its label (Chinese or English, brackets optional).
fn choice_id(choices: &HashMap<String, String>, s: &str) -> Option<String> {
    choices.get(s).or_else(|| choices.get(&normalize(s).0)).cloned()
}

const NONE_WORDS: [&str; 6] = ["无", "没有", "以上都没有", "none", "-", "—"];

/// A cell as the value of one attribute, `None` when empty (unanswered).
pub fn cell_input(attr: &crate::schema::Attribute, choices: &HashMap<String, String>, cell: &Cell, scale: f64) -> Option<Input> {
    let text = match cell {
        Cell::Empty => return None,
        Cell::Text(t) => {
            let t = t.trim();
            if t.is_empty() {
                return None;
            }
            Some(t)
        }
        _ => None,
    };
    Some(match attr.ty {
        Ty::Number | Ty::Integer => match (cell, text) {
            (Cell::Number(n), _) => Input::Number(n * scale),
            (_, Some(t)) => loose_number(t).map_or_else(|| Input::String(t.to_string()), |n| Input::Number(n * scale)),
            (Cell::Bool(b), _) => Input::Bool(*b),
            _ => Input::String(cell_text(cell)),
        },
        Ty::Bool => match (cell, text) {
            (Cell::Bool(b), _) => Input::Bool(*b),
            (Cell::Number(n), _) if *n == 0.0 || *n == 1.0 => Input::Bool(*n == 1.0),
            (_, Some(t)) => match t.to_lowercase().as_str() {
                "true" | "yes" | "y" | "1" | "是" | "有" | "√" => Input::Bool(true),
                "false" | "no" | "n" | "0" | "否" | "无" | "×" => Input::Bool(false),
                _ => Input::String(t.to_string()),
            },
            _ => scalar(cell),
        },
        Ty::Date => match (cell, text) {
            (Cell::Date(d), _) => Input::String(d.to_string()),
            (_, Some(t)) => Input::String(loose_date(t).map_or_else(|| t.to_string(), |d| d.to_string())),
            (Cell::Number(n), _) => Input::Number(*n),
            (Cell::Bool(b), _) => Input::Bool(*b),
            _ => return None,
        },
        Ty::Region | Ty::Industry => match (cell, text) {
            (Cell::Number(n), _) if n.fract() == 0.0 && n.abs() < 1e15 => Input::String(format!("{}", *n as i64)),
            (_, Some(t)) if attr.ty == Ty::Industry => Input::String(t.to_ascii_uppercase()),
            (_, Some(t)) => Input::String(t.to_string()),
            (Cell::Number(n), _) => Input::Number(*n),
            (Cell::Bool(b), _) => Input::Bool(*b),
            _ => Input::String(cell_text(cell)),
        },
        Ty::Enum => match text {
            Some(t) => Input::String(choice_id(choices, t).unwrap_or_else(|| t.to_string())),
            None => scalar(cell),
        },
        Ty::Set => match text {
            Some(t) if NONE_WORDS.contains(&t.to_lowercase().as_str()) => Input::Array(Vec::new()),
            Some(t) => Input::Array(
                t.split([';', '；', '、', ',', '，'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| Input::String(choice_id(choices, s).unwrap_or_else(|| s.to_string())))
                    .collect(),
            ),
            None => scalar(cell),
        },
    })
}

fn scalar(cell: &Cell) -> Input {
    match cell {
        Cell::Number(n) => Input::Number(*n),
        Cell::Bool(b) => Input::Bool(*b),
        other => Input::String(cell_text(other)),
    }
}

/// A cell as text (carried columns, messages).
pub fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => t.trim().to_string(),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        Cell::Number(n) => n.to_string(),
        Cell::Bool(b) => b.to_string(),
        Cell::Date(d) => d.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_with_units() {
        assert_eq!(normalize("\u{feff} 营业收入（万元） "), ("营业收入".to_string(), Some(10_000.0)));
        assert_eq!(normalize("Revenue (yuan)"), ("revenue".to_string(), Some(1.0)));
        assert_eq!(normalize("从业人员(人)"), ("从业人员".to_string(), None));
    }

    #[test]
    fn loose_dates() {
        assert_eq!(loose_date("2021/6/30").map(|d| d.to_string()).as_deref(), Some("2021-06-30"));
        assert_eq!(loose_date("2021年6月30日").map(|d| d.to_string()).as_deref(), Some("2021-06-30"));
        assert_eq!(loose_date("2023-02-29"), None);
        assert_eq!(loose_number("1,234.5"), Some(1234.5));
    }
}

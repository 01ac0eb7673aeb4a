//! The compiled catalogue: documents, articles and benefits with their conditions
//! compiled against the schema. `compile` validates a [`Bundle`] and reports every
//! error with the field path (and, through a locator, the file and line).
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::codes::Region;
use crate::condition::{self, Atom, Cond, Test};
use crate::date::Date;
use crate::error::{Code, Error};
use crate::model::*;
use crate::schema::{Attribute, Schema, Ty};
use crate::plan::Plan;
use crate::sat;
use std::collections::HashSet;

/// A validity period; `None` where the source is silent. `period` is the span the
/// source ties the measure to without stating an end date of its own (an annual work
/// plan's year, one past quarter's taxes): once it is over the measure has *lapsed*.
#[derive(Debug, Clone, PartialEq)]
pub struct Validity {
    pub from: Option<Date>,
    pub until: Option<Date>,
    pub note: String,
    pub note_en: String,
    pub period: Option<(Date, Date)>,
    pub period_note: String,
    pub period_note_en: String,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub def: DocumentDef,
    pub jurisdiction: Region,
    pub validity: Validity,
}

impl Document {
    /// The English names of `units` from the document's glossary (the Chinese name
    /// where the glossary lacks one, which the check reports).
    pub fn units_en(&self, units: &[String]) -> Vec<String> {
        units.iter().map(|u| self.def.units_en.get(u).and_then(|v| v.as_str()).unwrap_or(u).to_string()).collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Benefit,
    Task,
}

#[derive(Debug, Clone)]
pub struct Article {
    pub id: String,
    pub doc: usize,
    pub def: ArticleDef,
    pub kind: Kind,
    pub benefits: Vec<Benefit>,
}

#[derive(Debug, Clone)]
pub struct Benefit {
    pub def: BenefitDef,
    /// The jurisdiction and the `when` condition together.
    pub cond: Cond,
    pub validity: Validity,
}

/// A validated catalogue, ready to match profiles against.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub schema: Schema,
    pub steps: Vec<StepDef>,
    pub categories: Vec<CategoryDef>,
    pub benefit_types: Vec<BenefitTypeDef>,
    pub documents: Vec<Document>,
    pub articles: Vec<Article>,
    /// FNV-1a 64 of the bundle's canonical JSON, in hex.
    pub hash: String,
    pub build_errors: Vec<String>,
    /// The conditions laid out for fast decisions.
    pub plan: Plan,
}

/// Which part of a bundle a location is in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Scope {
    /// The bundle's own attributes and documents.
    #[default]
    Own,
    /// The built-in documents a site catalogue `extends`: `builtin.documents[i]`.
    Builtin,
    /// A top-level key of the bundle itself (`extends`, `attributes`).
    Bundle,
}

/// Where a catalogue value stands, for error messages.
#[derive(Debug, Clone, Copy, Default)]
pub struct Loc<'a> {
    pub scope: Scope,
    /// `None`: attributes.toml; `Some(i)`: the i-th document (of the scope).
    pub doc: Option<usize>,
    pub attribute: Option<usize>,
    pub article: Option<usize>,
    pub benefit: Option<usize>,
    /// Another table array of attributes.toml (`step`, `category`, `benefit_type`) and
    /// the index of the entry in it.
    pub table: Option<(&'a str, usize)>,
    pub key: &'a str,
}

impl Loc<'_> {
    /// The JSON-style path: `documents[2].article[5].benefit[0].when`.
    pub fn path(&self) -> String {
        let mut p = match (self.scope, self.doc) {
            (Scope::Bundle, _) => return self.key.to_string(),
            (Scope::Builtin, Some(d)) => format!("builtin.documents[{d}]"),
            (Scope::Builtin, None) => "builtin.attributes".to_string(),
            (Scope::Own, Some(d)) => format!("documents[{d}]"),
            (Scope::Own, None) => "attributes".to_string(),
        };
        let mut push = |name: &str, i: Option<usize>| {
            if let Some(i) = i {
                p.push_str(&format!(".{name}[{i}]"));
            }
        };
        if let Some((name, i)) = self.table {
            push(name, Some(i));
        }
        push("attribute", self.attribute);
        push("article", self.article);
        push("benefit", self.benefit);
        if !self.key.is_empty() {
            p.push('.');
            p.push_str(self.key);
        }
        p
    }
}

/// Maps a location to a file and line (native TOML sources); JSON has none.
pub type Locator<'a> = &'a dyn Fn(&Loc) -> (Option<String>, Option<u32>);

struct Ctx<'a> {
    errors: Vec<Error>,
    locate: Locator<'a>,
}

impl Ctx<'_> {
    fn err(&mut self, loc: Loc, code: Code, zh: impl Into<String>, en: impl Into<String>) {
        // The locator knows the bundle's own files only.
        let (file, line) = if loc.scope == Scope::Own { (self.locate)(&loc) } else { (None, None) };
        let mut e = Error::new(code, loc.path(), zh, en);
        e.file = file;
        e.line = line;
        self.errors.push(e);
    }
}

fn is_snake(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') && id.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
}

fn is_slug(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Parses a date field that may say "unknown".
fn date_field(ctx: &mut Ctx, loc: Loc, v: &str) -> Option<Date> {
    if v == "unknown" {
        return None;
    }
    let d = Date::parse(v);
    if d.is_none() {
        ctx.err(loc, Code::CatalogueField, format!("“{v}”不是 YYYY-MM-DD 日期，也不是 \"unknown\""), format!("'{v}' is neither a YYYY-MM-DD date nor \"unknown\""));
    }
    d
}

fn fnv1a(s: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

/// The attributes the code itself reads or fills (profile.rs, size.rs, the
/// jurisdiction condition): their type, and for `size` the choices in the order of
/// `size::NAMES`, since the derived size is written as those bits. A site's own
/// attributes that differ would match silently wrong (a large enterprise eligible for
/// `size in [small, micro]` when the sizes are listed smallest first).
const CORE: [(&str, &[Ty], bool); 8] = [
    ("region", &[Ty::Region], false),
    ("industry", &[Ty::Industry], false),
    ("employees", &[Ty::Integer, Ty::Number], false),
    ("revenue", &[Ty::Number, Ty::Integer], false),
    ("total_assets", &[Ty::Number, Ty::Integer], false),
    ("taxable_income", &[Ty::Number, Ty::Integer], false),
    ("size", &[Ty::Enum], true),
    ("small_low_profit", &[Ty::Bool], true),
];

fn check_core<'a>(ctx: &mut Ctx, loc: &dyn Fn(&'a str) -> Loc<'a>, def: &AttributeDef, ty: Ty) {
    let core = CORE.iter().find(|c| c.0 == def.id);
    if let Some((id, types, _)) = core {
        if !types.contains(&ty) {
            ctx.err(loc("type"), Code::CatalogueField, format!("核心属性“{id}”的类型不能为“{}”", def.ty), format!("the core attribute '{id}' cannot have type '{}'", def.ty));
        }
    }
    if def.id == "size" {
        let ids: Vec<&str> = def.values.iter().map(|v| v.id.as_str()).collect();
        let want: Vec<&str> = crate::size::NAMES.iter().map(|n| n.0).collect();
        if ids != want {
            ctx.err(loc("values"), Code::CatalogueField, format!("属性“size”的取值须依次为 {}", want.join("、")), format!("the values of 'size' must be {}, in this order", want.join(", ")));
        }
    }
    // Only the facts profile.rs derives may be derived: any other would never be known.
    let derivable = core.is_some_and(|c| c.2);
    if def.derived != derivable {
        let (zh, en) = if derivable {
            (format!("属性“{}”由程序推算，须标注 derived = true", def.id), format!("'{}' is computed by the matcher and must say derived = true", def.id))
        } else {
            (format!("属性“{}”不能标注 derived（只有 size 与 small_low_profit 由程序推算）", def.id), format!("'{}' cannot be derived (only size and small_low_profit are computed)", def.id))
        };
        ctx.err(loc("derived"), Code::CatalogueField, zh, en);
    }
}

fn add_attributes(ctx: &mut Ctx, schema: &mut Schema, steps: &HashSet<&str>, defs: &[AttributeDef], (scope, doc): (Scope, Option<usize>)) {
    for (i, def) in defs.iter().enumerate() {
        let loc = |key| Loc { scope, doc, attribute: Some(i), key, ..Loc::default() };
        if !is_snake(&def.id) {
            ctx.err(loc("id"), Code::CatalogueField, format!("属性标识“{}”应为小写 snake_case", def.id), format!("attribute id '{}' must be lower-case snake_case", def.id));
        }
        let Some(ty) = Ty::parse(&def.ty) else {
            ctx.err(loc("type"), Code::CatalogueField, format!("未知类型“{}”", def.ty), format!("unknown type '{}'", def.ty));
            continue;
        };
        // Choices are bits of a u64: a 65th could never be told apart (and shifting by
        // 64 overflows), so such an attribute is not kept.
        if matches!(ty, Ty::Enum | Ty::Set) && (def.values.is_empty() || def.values.len() > 64) {
            ctx.err(loc("values"), Code::CatalogueField, "单选/多选属性须有1至64个取值", "enum and set attributes need 1 to 64 values");
            continue;
        }
        // A repeated choice would be offered twice, and only its first bit ever set.
        let mut seen = HashSet::new();
        for v in &def.values {
            if !seen.insert(v.id.as_str()) {
                ctx.err(loc("values"), Code::DuplicateId, format!("属性“{}”的取值“{}”重复", def.id, v.id), format!("attribute '{}' lists the value '{}' twice", def.id, v.id));
            }
        }
        if !def.derived {
            match &def.step {
                Some(s) if steps.contains(s.as_str()) => {}
                Some(s) => ctx.err(loc("step"), Code::UnknownReference, format!("未知步骤“{s}”"), format!("unknown step '{s}'")),
                None => ctx.err(loc("step"), Code::CatalogueField, "问题须指定所属步骤 step", "a question needs a step"),
            }
        }
        if def.label.trim().is_empty() || def.label_en.trim().is_empty() {
            ctx.err(loc("label"), Code::CatalogueField, "问题须有中英文表述 label 与 label_en", "a question needs label and label_en");
        }
        check_core(ctx, &loc, def, ty);
        if !schema.add(Attribute { def: def.clone(), ty }) {
            ctx.err(loc("id"), Code::DuplicateId, format!("属性“{}”重复定义", def.id), format!("attribute '{}' is defined twice", def.id));
        }
    }
}

fn check_notes(ctx: &mut Ctx, loc: Loc, notes: &std::collections::BTreeMap<String, serde_json::Value>) {
    for key in notes.keys() {
        if !key.ends_with("_note") {
            ctx.err(Loc { key, ..loc }, Code::CatalogueField, format!("未知字段“{key}”（附加说明字段须以 _note 结尾）"), format!("unknown field '{key}' (extra notes must end in _note)"));
        }
    }
}

/// The dates and notes of a validity, as a document or benefit spells them.
struct ValiditySpec<'a> {
    from: &'a str,
    until: &'a str,
    note: &'a str,
    note_en: &'a str,
    period_from: Option<&'a str>,
    period_until: Option<&'a str>,
    period_note: &'a str,
    period_note_en: &'a str,
}

fn validity(ctx: &mut Ctx, loc: Loc, v: ValiditySpec) -> Validity {
    let from_d = date_field(ctx, Loc { key: "valid_from", ..loc }, v.from);
    let until_d = date_field(ctx, Loc { key: "valid_until", ..loc }, v.until);
    if (v.from == "unknown" || v.until == "unknown") && v.note.trim().is_empty() {
        ctx.err(Loc { key: "validity_note", ..loc }, Code::CatalogueField, "有效期未知时须在 validity_note 中说明", "an unknown validity needs a validity_note");
    }
    if let (Some(a), Some(b)) = (from_d, until_d) {
        if a > b {
            ctx.err(Loc { key: "valid_until", ..loc }, Code::CatalogueField, "有效期截止早于起始", "valid_until is before valid_from");
        }
    }
    for (key, zh, en) in [("validity_note_en", v.note, v.note_en), ("period_note_en", v.period_note, v.period_note_en)] {
        if !zh.trim().is_empty() && en.trim().is_empty() {
            ctx.err(Loc { key, ..loc }, Code::CatalogueField, format!("说明须有英文（{key}）"), format!("a note needs its English ({key})"));
        }
    }
    let period = match (v.period_from, v.period_until) {
        (None, None) => None,
        (Some(f), Some(u)) => {
            let pf = date_field(ctx, Loc { key: "period_from", ..loc }, f);
            let pu = date_field(ctx, Loc { key: "period_until", ..loc }, u);
            if v.period_note.trim().is_empty() {
                ctx.err(Loc { key: "period_note", ..loc }, Code::CatalogueField, "设定所属期间时须在 period_note 中说明依据", "a period needs a period_note giving its basis");
            }
            match (pf, pu) {
                (Some(a), Some(b)) if a <= b => Some((a, b)),
                (Some(_), Some(_)) => {
                    ctx.err(Loc { key: "period_until", ..loc }, Code::CatalogueField, "所属期间的截止早于起始", "period_until is before period_from");
                    None
                }
                _ => {
                    ctx.err(Loc { key: "period_from", ..loc }, Code::CatalogueField, "所属期间须为 YYYY-MM-DD 日期", "a period is two YYYY-MM-DD dates");
                    None
                }
            }
        }
        _ => {
            ctx.err(Loc { key: "period_from", ..loc }, Code::CatalogueField, "period_from 与 period_until 须同时给出", "period_from and period_until go together");
            None
        }
    };
    Validity {
        from: from_d,
        until: until_d,
        note: v.note.to_string(),
        note_en: v.note_en.to_string(),
        period,
        period_note: v.period_note.to_string(),
        period_note_en: v.period_note_en.to_string(),
    }
}

/// White space removed: the form in which quotes, article text and source text are
/// compared (page breaks and spacing are not part of the wording).
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether a non-empty quote stands in the text, white space aside. `squeezed` is the
/// text already [`squeeze`]d (once per article, not once per quote: an article with
/// many quotes was quadratic).
fn quoted_in(squeezed: &str, quote: &str) -> bool {
    !quote.trim().is_empty() && squeezed.contains(&squeeze(quote))
}

fn check_amount(ctx: &mut Ctx, loc: Loc, a: &AmountDef, text: &str, schema: &Schema) {
    if let Some(base) = &a.base {
        match schema.get(base).map(|a| a.ty) {
            Some(Ty::Number | Ty::Integer) => {}
            Some(_) => ctx.err(Loc { key: "amount.base", ..loc }, Code::CatalogueField, format!("金额基数“{base}”须为数值或整数属性"), format!("the amount base '{base}' must be a number or integer attribute")),
            None => ctx.err(Loc { key: "amount.base", ..loc }, Code::UnknownReference, format!("未知属性“{base}”"), format!("unknown attribute '{base}'")),
        }
    }
    let need: &[(&str, bool)] = match a.kind.as_str() {
        "threshold" => &[("max_yuan", a.max_yuan.is_some())],
        "lump_sum" => &[("yuan", a.yuan.is_some())],
        "up_to" => &[("max_yuan", a.max_yuan.is_some())],
        "per_person" => &[("yuan 或 max_yuan", a.yuan.is_some() || a.max_yuan.is_some())],
        "interest_rate" => &[("percent", a.percent.is_some())],
        "fee_rate_cap" => &[("max_percent", a.max_percent.is_some())],
        "share" => &[("percent", a.percent.is_some())],
        "full_cost" | "text" => &[],
        other => {
            ctx.err(Loc { key: "amount.kind", ..loc }, Code::CatalogueField, format!("未知金额类型“{other}”"), format!("unknown amount kind '{other}'"));
            &[]
        }
    };
    for (field, ok) in need {
        if !ok {
            ctx.err(Loc { key: "amount", ..loc }, Code::CatalogueField, format!("金额类型 {} 须填写 {field}", a.kind), format!("amount kind {} needs {field}", a.kind));
        }
    }
    for v in [a.yuan, a.max_yuan, a.total_max_yuan, a.percent, a.max_percent, a.max_years].into_iter().flatten() {
        if !v.is_finite() || v <= 0.0 {
            ctx.err(Loc { key: "amount", ..loc }, Code::CatalogueField, "金额数值须为正数", "amount figures must be positive");
        }
    }
    if [a.percent, a.max_percent].into_iter().flatten().any(|p| p > 100.0) {
        ctx.err(Loc { key: "amount", ..loc }, Code::CatalogueField, "百分比不能超过100", "a percentage cannot exceed 100");
    }
    if !quoted_in(text, &a.quote) {
        ctx.err(Loc { key: "amount.quote", ..loc }, Code::QuoteNotFound, format!("金额原文“{}”未在条文中找到", a.quote), format!("the amount quote '{}' is not in the article text", a.quote));
    }
}

/// An `apply` table: each Chinese field with its English twin, a web address that is
/// one, a phone number of digits.
fn check_apply(ctx: &mut Ctx, loc: Loc, a: &ApplyDef) {
    for (key, zh, en) in [("apply.how", &a.how, &a.how_en), ("apply.where", &a.where_, &a.where_en), ("apply.deadline", &a.deadline, &a.deadline_en)] {
        if zh.trim().is_empty() != en.trim().is_empty() {
            ctx.err(Loc { key, ..loc }, Code::CatalogueField, "办理信息须同时有中文与英文（*_en）", "apply fields need both Chinese and English (*_en)");
        }
    }
    if !a.url.is_empty() && !(a.url.starts_with("https://") || a.url.starts_with("http://")) {
        ctx.err(Loc { key: "apply.url", ..loc }, Code::CatalogueField, "网址须以 https:// 或 http:// 开头", "url must start with https:// or http://");
    }
    if !a.phone.is_empty() && !a.phone.chars().all(|c| c.is_ascii_digit() || " -+()".contains(c)) {
        ctx.err(Loc { key: "apply.phone", ..loc }, Code::CatalogueField, "电话只能包含数字、空格、+、-、括号", "phone may hold only digits, spaces, +, - and parentheses");
    }
}

/// The groups a benefit type can belong to (`[[benefit_type]] group`).
pub const GROUPS: [&str; 5] = ["money", "tax", "financing", "service", "promise"];

/// Validates and compiles a bundle. `base` supplies the attributes (and, with
/// `"extends": "builtin"`, the documents) that a site's own catalogue builds on.
pub fn compile(bundle: &Bundle, base: Option<&Bundle>, locate: Locator) -> Result<Catalogue, Vec<Error>> {
    let mut ctx = Ctx { errors: Vec::new(), locate };
    let attrs_file = match (&bundle.attributes, base.and_then(|b| b.attributes.as_ref())) {
        (Some(a), _) | (None, Some(a)) => a.clone(),
        (None, None) => {
            ctx.err(Loc { scope: Scope::Bundle, key: "attributes", ..Loc::default() }, Code::CatalogueField, "缺少属性定义 attributes", "the attributes are missing");
            return Err(ctx.errors);
        }
    };
    let mut docs: Vec<&DocumentFile> = Vec::new();
    match bundle.extends.as_deref() {
        None => {}
        Some("builtin") => docs.extend(base.map(|b| b.documents.iter()).into_iter().flatten()),
        Some(other) => ctx.err(Loc { scope: Scope::Bundle, key: "extends", ..Loc::default() }, Code::CatalogueField, format!("extends 只能为 \"builtin\"，而非“{other}”"), format!("extends must be \"builtin\", not '{other}'")),
    }
    let own_start = docs.len();
    docs.extend(bundle.documents.iter());
    // Locations count the bundle's own documents from 0, and the built-in ones apart.
    let doc_loc = |i: usize| if i >= own_start { (Scope::Own, Some(i - own_start)) } else { (Scope::Builtin, Some(i)) };

    // Steps, categories and benefit types are named by id: a repeated one would show
    // twice (a repeated step asks each of its questions twice).
    for (key, ids) in [
        ("step", attrs_file.step.iter().map(|x| x.id.as_str()).collect::<Vec<_>>()),
        ("category", attrs_file.category.iter().map(|x| x.id.as_str()).collect()),
        ("benefit_type", attrs_file.benefit_type.iter().map(|x| x.id.as_str()).collect()),
    ] {
        let mut seen = HashSet::new();
        for (i, id) in ids.into_iter().enumerate() {
            if !seen.insert(id) {
                ctx.err(Loc { table: Some((key, i)), key: "id", ..Loc::default() }, Code::DuplicateId, format!("{key}“{id}”重复定义"), format!("{key} '{id}' is defined twice"));
            }
        }
    }
    let mut schema = Schema::default();
    let steps: HashSet<&str> = attrs_file.step.iter().map(|s| s.id.as_str()).collect();
    add_attributes(&mut ctx, &mut schema, &steps, &attrs_file.attribute, (Scope::Own, None));
    for (i, d) in docs.iter().enumerate() {
        add_attributes(&mut ctx, &mut schema, &steps, &d.attribute, doc_loc(i));
    }
    for required in ["region", "industry", "employees", "revenue", "total_assets", "size", "small_low_profit"] {
        if schema.slot(required).is_none() {
            ctx.err(Loc { key: "attribute", ..Loc::default() }, Code::CatalogueField, format!("缺少核心属性“{required}”"), format!("the core attribute '{required}' is missing"));
        }
    }
    let region_slot = schema.slot("region");
    let categories: HashSet<&str> = attrs_file.category.iter().map(|c| c.id.as_str()).collect();
    let types: HashSet<&str> = attrs_file.benefit_type.iter().map(|c| c.id.as_str()).collect();
    for (i, t) in attrs_file.benefit_type.iter().enumerate() {
        if !GROUPS.contains(&t.group.as_str()) {
            ctx.err(Loc { table: Some(("benefit_type", i)), key: "group", ..Loc::default() }, Code::CatalogueField, format!("惠企类型“{}”的 group 须为 {}", t.id, GROUPS.join("、")), format!("benefit type '{}' needs a group: {}", t.id, GROUPS.join(", ")));
        }
    }

    let mut documents = Vec::new();
    let mut articles = Vec::new();
    let mut keys = HashSet::new();
    let mut ids = HashSet::new();
    for (di, file) in docs.iter().enumerate() {
        let d = &file.document;
        let (scope, doc) = doc_loc(di);
        let dl = Loc { scope, doc, ..Loc::default() };
        let dk = |key| Loc { key, ..dl };
        if !is_slug(&d.key) || !keys.insert(d.key.clone()) {
            ctx.err(dk("document.key"), Code::DuplicateId, format!("文件标识“{}”无效或重复", d.key), format!("document key '{}' is invalid or repeated", d.key));
        }
        check_notes(&mut ctx, dk("document"), &d.notes);
        for (key, v) in [("document.title", &d.title), ("document.issuer", &d.issuer), ("document.number", &d.number)] {
            if v.trim().is_empty() {
                ctx.err(dk(key), Code::CatalogueField, "不能为空（原文未载请写 \"unknown\"）", "must not be empty (write \"unknown\" where the source is silent)");
            }
        }
        date_field(&mut ctx, dk("document.date"), &d.date);
        let jurisdiction = if d.jurisdiction == "000000" {
            Region::NATIONAL
        } else {
            Region::parse(&d.jurisdiction).unwrap_or_else(|| {
                ctx.err(dk("document.jurisdiction"), Code::UnknownRegion, format!("“{}”不是有效的行政区划代码", d.jurisdiction), format!("'{}' is not a valid region code", d.jurisdiction));
                Region::NATIONAL
            })
        };
        // The level must match the jurisdiction's code: 000000, a province, or below.
        let expected = match d.jurisdiction.as_str() {
            "000000" => "national",
            j if j.ends_with("0000") => "provincial",
            _ => "municipal",
        };
        if !["national", "provincial", "municipal"].contains(&d.level.as_str()) {
            ctx.err(dk("document.level"), Code::CatalogueField, "level 须为 national、provincial 或 municipal", "level must be national, provincial or municipal");
        } else if d.level != expected {
            ctx.err(dk("document.level"), Code::CatalogueField, format!("管辖区域 {} 对应的层级应为 {expected}", d.jurisdiction), format!("jurisdiction {} is {expected}, not {}", d.jurisdiction, d.level));
        }
        let doc_validity = validity(
            &mut ctx,
            dk("document"),
            ValiditySpec {
                from: &d.valid_from,
                until: &d.valid_until,
                note: &d.validity_note,
                note_en: &d.validity_note_en,
                period_from: d.period_from.as_deref(),
                period_until: d.period_until.as_deref(),
                period_note: &d.period_note,
                period_note_en: &d.period_note_en,
            },
        );
        if !d.contacts_note.trim().is_empty() && d.contacts_note_en.trim().is_empty() {
            ctx.err(dk("document.contacts_note_en"), Code::CatalogueField, "contacts_note 须有英文（contacts_note_en）", "contacts_note needs its English (contacts_note_en)");
        }
        let doc_index = documents.len();
        documents.push(Document { def: d.clone(), jurisdiction, validity: doc_validity.clone() });

        for (ai, a) in file.article.iter().enumerate() {
            let al = Loc { article: Some(ai), ..dl };
            let ak = |key| Loc { key, ..al };
            let id = match (&a.number, &a.id) {
                (Some(n), None) => format!("{}/{n}", d.key),
                (None, Some(id)) if id.strip_prefix(&format!("{}/", d.key)).is_some_and(is_slug) => id.clone(),
                _ => {
                    ctx.err(ak("number"), Code::CatalogueField, format!("条目须有 number，或以“{}/”开头的 id（二者只能有一）", d.key), format!("an article needs a number, or an id starting with '{}/' (not both)", d.key));
                    format!("{}/#{ai}", d.key)
                }
            };
            if !ids.insert(id.clone()) {
                ctx.err(ak("number"), Code::DuplicateId, format!("条目“{id}”重复"), format!("article '{id}' appears twice"));
            }
            check_notes(&mut ctx, ak(""), &a.notes);
            if let Some(apply) = &a.apply {
                check_apply(&mut ctx, al, apply);
            }
            for u in &a.units {
                if d.units_en.get(u).and_then(|v| v.as_str()).is_none_or(|en| en.trim().is_empty()) {
                    ctx.err(ak("units"), Code::CatalogueField, format!("责任单位“{u}”须在 document.units_en 中有英文名"), format!("the unit '{u}' needs its English name in document.units_en"));
                }
            }
            if a.text.trim().is_empty() || a.title.trim().is_empty() || a.title_en.trim().is_empty() {
                ctx.err(ak("text"), Code::CatalogueField, "条目须有 text、title 与 title_en", "an article needs text, title and title_en");
            }
            for c in &a.categories {
                if !categories.contains(c.as_str()) {
                    ctx.err(ak("categories"), Code::UnknownReference, format!("未知类别“{c}”"), format!("unknown category '{c}'"));
                }
            }
            let kind = match a.kind.as_str() {
                "benefit" => Kind::Benefit,
                "task" => Kind::Task,
                other => {
                    ctx.err(ak("kind"), Code::CatalogueField, format!("kind 须为 benefit 或 task，而非“{other}”"), format!("kind must be benefit or task, not '{other}'"));
                    Kind::Task
                }
            };
            if kind == Kind::Task && !a.benefit.is_empty() {
                ctx.err(ak("kind"), Code::CatalogueField, "政府工作任务（task）不应列出惠企事项", "a task lists no benefits");
            }
            if kind == Kind::Benefit && a.benefit.is_empty() {
                ctx.err(ak("kind"), Code::CatalogueField, "惠企条目（benefit）须至少列出一项 [[article.benefit]]", "a benefit article needs at least one [[article.benefit]]");
            }
            let mut benefit_ids = HashSet::new();
            let mut benefits = Vec::new();
            let text = squeeze(&a.text);
            // Each quote is searched for in the whole text: past the limit, not at all.
            let too_many = a.benefit.len() > crate::limits::MAX_BENEFITS;
            if too_many {
                let e = crate::limits::Limit::Benefits.error("");
                ctx.err(ak("benefit"), e.code, e.message, e.message_en);
            }
            for (bi, b) in a.benefit.iter().enumerate().take(if too_many { 0 } else { usize::MAX }) {
                let bl = Loc { benefit: Some(bi), ..al };
                let bk = |key| Loc { key, ..bl };
                if !is_slug(&b.id) || !benefit_ids.insert(b.id.as_str()) {
                    ctx.err(bk("id"), Code::DuplicateId, format!("惠企事项标识“{}”无效或重复", b.id), format!("benefit id '{}' is invalid or repeated", b.id));
                }
                check_notes(&mut ctx, bk(""), &b.notes);
                if !types.contains(b.ty.as_str()) {
                    ctx.err(bk("type"), Code::UnknownReference, format!("未知惠企类型“{}”", b.ty), format!("unknown benefit type '{}'", b.ty));
                }
                if !quoted_in(&text, &b.quote) {
                    ctx.err(bk("quote"), Code::QuoteNotFound, format!("原文摘录“{}”未在条文中找到", b.quote), format!("the quote '{}' is not in the article text", b.quote));
                }
                if let Some(amount) = &b.amount {
                    check_amount(&mut ctx, bl, amount, &text, &schema);
                }
                if let Some(apply) = &b.apply {
                    check_apply(&mut ctx, bl, apply);
                }
                if b.exclusive.as_deref().is_some_and(|x| !is_slug(x)) {
                    ctx.err(bk("exclusive"), Code::CatalogueField, "exclusive 须为小写标识", "exclusive must be a lower-case id");
                }
                for c in &b.checks {
                    if c.zh.trim().is_empty() || c.en.trim().is_empty() {
                        ctx.err(bk("checks"), Code::CatalogueField, "核实事项须有中英文", "a check needs zh and en");
                    }
                }
                let own_dates = b.valid_from.is_some() || b.valid_until.is_some();
                let own_period = b.period_from.is_some() || b.period_until.is_some();
                let v = if own_dates || own_period {
                    if own_dates && b.validity_note.trim().is_empty() {
                        ctx.err(bk("validity_note"), Code::CatalogueField, "单独设定有效期时须在 validity_note 中说明依据", "a benefit's own validity needs a validity_note giving its basis");
                    }
                    let (period_from, period_until, period_note, period_note_en) = if own_period {
                        (b.period_from.as_deref(), b.period_until.as_deref(), b.period_note.as_str(), b.period_note_en.as_str())
                    } else {
                        (d.period_from.as_deref(), d.period_until.as_deref(), d.period_note.as_str(), d.period_note_en.as_str())
                    };
                    let (note, note_en) = if own_dates { (b.validity_note.as_str(), b.validity_note_en.as_str()) } else { (d.validity_note.as_str(), d.validity_note_en.as_str()) };
                    validity(
                        &mut ctx,
                        bl,
                        ValiditySpec {
                            from: b.valid_from.as_deref().unwrap_or(&d.valid_from),
                            until: b.valid_until.as_deref().unwrap_or(&d.valid_until),
                            note,
                            note_en,
                            period_from,
                            period_until,
                            period_note,
                            period_note_en,
                        },
                    )
                } else {
                    doc_validity.clone()
                };
                let mut parts = Vec::new();
                if let (Some(slot), false) = (region_slot, jurisdiction == Region::NATIONAL) {
                    parts.push(Cond::Atom(Atom { slot, test: Test::Within(jurisdiction) }));
                }
                let mut parsed = true;
                if let Some(src) = &b.when {
                    match condition::parse(src, &schema) {
                        Ok(c) => parts.push(c),
                        Err(e) => {
                            parsed = false;
                            let code = if e.syntax { Code::ConditionSyntax } else { Code::ConditionType };
                            ctx.err(bk("when"), code, format!("条件第{}个字符处：{}", e.at + 1, e.zh), format!("condition, character {}: {}", e.at + 1, e.en));
                        }
                    }
                }
                let cond = Cond::All(parts);
                // A condition in error is not judged: what is left of it would be.
                match if parsed { sat::check(&cond, &schema) } else { sat::Verdict::Fine } {
                    sat::Verdict::Fine => {}
                    sat::Verdict::NeverTrue => ctx.err(bk("when"), Code::ConditionTrivial, "没有任何企业能满足此条件", "no profile can satisfy this condition"),
                    sat::Verdict::AlwaysTrue => ctx.err(bk("when"), Code::ConditionTrivial, "所有企业都满足此条件（须能排除至少一类企业）", "every profile satisfies this condition (it must refuse some)"),
                }
                benefits.push(Benefit { def: b.clone(), cond, validity: v });
            }
            articles.push(Article { id, doc: doc_index, def: a.clone(), kind, benefits });
        }
    }
    if !ctx.errors.is_empty() {
        return Err(ctx.errors);
    }
    let canonical = serde_json::to_string(bundle).unwrap_or_default();
    Ok(Catalogue {
        schema,
        steps: attrs_file.step.clone(),
        categories: attrs_file.category.clone(),
        benefit_types: attrs_file.benefit_type.clone(),
        documents,
        hash: fnv1a(&canonical),
        build_errors: bundle.build_errors.clone(),
        plan: Plan::build(&articles),
        articles,
    })
}

/// Parses a bundle from JSON text, with the serde error as a catalogue error.
/// Keys whose value is a record (an object) in the catalogue format.
const RECORD_KEYS: [&str; 4] = ["document", "attributes", "amount", "apply"];

/// Where a record is given as a JSON array, which serde would read field by field in
/// order: the path and line. The format has no list of lists, the values of
/// [`RECORD_KEYS`] are records, and notes (`*_note`) may hold anything. One pass.
fn array_for_record(json: &str) -> Option<(String, u32)> {
    enum Frame {
        Obj { key: String, free: bool },
        Arr { index: usize, free: bool },
    }
    let path = |stack: &[Frame]| {
        let mut p = String::new();
        for f in stack {
            match f {
                Frame::Obj { key, .. } => {
                    if !p.is_empty() {
                        p.push('.');
                    }
                    p.push_str(key);
                }
                Frame::Arr { index, .. } => p.push_str(&format!("[{index}]")),
            }
        }
        p
    };
    let b = json.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let (mut i, mut line, mut want_key) = (0, 1u32, false);
    while let Some(&c) = b.get(i) {
        match c {
            b'\n' => line += 1,
            b'"' => {
                let start = i + 1;
                i += 1;
                while let Some(&d) = b.get(i) {
                    match d {
                        b'\\' => i += 1,
                        b'"' => break,
                        _ => {}
                    }
                    i += 1;
                }
                if want_key {
                    if let Some(Frame::Obj { key, .. }) = stack.last_mut() {
                        *key = json.get(start..i).unwrap_or_default().to_string();
                    }
                    want_key = false;
                }
            }
            b'{' | b'[' => {
                let (free, record) = match stack.last() {
                    None => (false, c == b'['),
                    Some(Frame::Arr { free, .. }) => (*free, c == b'[' && !*free),
                    Some(Frame::Obj { key, free }) => (*free || key.ends_with("_note"), c == b'[' && !*free && RECORD_KEYS.contains(&key.as_str())),
                };
                if record {
                    return Some((path(&stack), line));
                }
                stack.push(if c == b'{' { Frame::Obj { key: String::new(), free } } else { Frame::Arr { index: 0, free } });
                want_key = c == b'{';
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Arr { index, .. }) => *index += 1,
                Some(Frame::Obj { .. }) => want_key = true,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    None
}

/// A leading BOM is ignored; the text must be one JSON object, and every record in it
/// an object (serde would also take an array of the fields in order).
pub fn parse_bundle(json: &str) -> Result<Bundle, Error> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let first = json.trim_start_matches([' ', '\t', '\n', '\r']).as_bytes().first();
    if first.is_some_and(|&b| b != b'{') {
        let line = json.len() - json.trim_start_matches([' ', '\t', '\n', '\r']).len();
        let line = json.get(..line).map_or(0, |ws| ws.matches('\n').count()) as u32 + 1;
        return Err(Error::new(Code::CatalogueField, "", "目录须为一个 JSON 对象（{ \"documents\": [...] }）", "the catalogue must be a JSON object ({ \"documents\": [...] })").at("catalogue.json", Some(line)));
    }
    if let Some((path, line)) = array_for_record(json) {
        let at = if path.is_empty() { "目录".to_string() } else { path.clone() };
        return Err(Error::new(Code::CatalogueField, path.as_str(), format!("{at} 须为 JSON 对象，而非数组"), format!("{} must be a JSON object, not an array", if path.is_empty() { "the catalogue" } else { &path })).at("catalogue.json", Some(line)));
    }
    serde_json::from_str(json).map_err(|e| {
        let code = if e.is_syntax() || e.is_eof() { Code::CatalogueSyntax } else { Code::CatalogueField };
        Error::new(code, "", format!("目录 JSON 无法读取：{e}"), format!("the catalogue JSON cannot be read: {e}")).at("catalogue.json", Some(e.line() as u32))
    })
}

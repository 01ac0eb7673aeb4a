//! How to apply: the catalogue's `apply` tables (article, then benefit) and the
//! responsible units. Where the catalogue says nothing of how, the block says
//! "申请方式以{单位}通知为准": phone numbers and web addresses are never invented.

use super::types::{ApplyOut, Text};
use crate::model::ApplyDef;

fn text(zh: &str, en: &str) -> Option<Text> {
    (!zh.trim().is_empty()).then(|| Text::new(zh, if en.trim().is_empty() { zh } else { en }))
}

fn some(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.to_string())
}

/// The block for a measure (`def` = the article's table) or a benefit.
pub fn block(def: Option<&ApplyDef>, units: &[String], units_en: &[String]) -> ApplyOut {
    let d = def.cloned().unwrap_or_default();
    let how = text(&d.how, &d.how_en);
    let note = how.is_none().then(|| {
        if units.is_empty() {
            Text::new("申请方式以主管部门通知为准", "As the responsible department announces")
        } else {
            Text::new(format!("申请方式以{}通知为准", units.join("、")), format!("As announced by {}", units_en.join(", ")))
        }
    });
    ApplyOut {
        how,
        where_: text(&d.where_, &d.where_en),
        url: some(&d.url),
        phone: some(&d.phone),
        deadline: text(&d.deadline, &d.deadline_en),
        units: units.to_vec(),
        units_en: units_en.to_vec(),
        note,
    }
}

//! Where a measure stands for the visitor on the as-of date: its validity, then its
//! [`Standing`] (fits now, might fit, past, elsewhere…) and its [`Group`] (what the
//! visitor receives), which together order the results.

use super::types::{Status, ValidityOut};
use crate::catalogue::Validity;
use crate::date::Date;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValidityStatus {
    /// In force on the as-of date: both ends known and around it, or within the period
    /// the source ties the measure to.
    Current,
    /// The source states no end and no period that settles it.
    Unknown,
    /// Not yet in force.
    Upcoming,
    /// The period the source ties it to (a work plan's year) is over and the source
    /// does not say whether it continues: ask the responsible unit.
    Lapsed,
    /// Its stated end date has passed.
    Expired,
}

impl ValidityStatus {
    /// Whether a measure with this validity can be taken up on the as-of date.
    pub fn available(self) -> bool {
        matches!(self, ValidityStatus::Current | ValidityStatus::Unknown)
    }
}

/// A validity's standing on `as_of` (rule in catalogue/README.md, "Validity"): a
/// stated end date decides; without one, a period that is over means *lapsed*, and
/// without a stated start, a period not yet begun (next year's work plan) *upcoming*.
pub fn validity_status(v: &Validity, as_of: Date) -> ValidityStatus {
    match (v.from, v.until, v.period) {
        (Some(f), _, _) if as_of < f => ValidityStatus::Upcoming,
        (None, _, Some((pf, _))) if as_of < pf => ValidityStatus::Upcoming,
        (_, Some(u), _) if as_of > u => ValidityStatus::Expired,
        (Some(_), Some(_), _) => ValidityStatus::Current,
        (_, None, Some((_, pu))) if as_of > pu => ValidityStatus::Lapsed,
        (_, _, Some((pf, _))) if as_of >= pf => ValidityStatus::Current,
        _ => ValidityStatus::Unknown,
    }
}

pub(crate) fn validity(v: &Validity, as_of: Date) -> ValidityOut {
    ValidityOut {
        status: validity_status(v, as_of),
        from: v.from.map(|d| d.to_string()),
        until: v.until.map(|d| d.to_string()),
        note: v.note.clone(),
        note_en: v.note_en.clone(),
        period_from: v.period.map(|p| p.0.to_string()),
        period_until: v.period.map(|p| p.1.to_string()),
        period_note: v.period_note.clone(),
        period_note_en: v.period_note_en.clone(),
    }
}

/// Where a measure is shown, best first. `fits`/`might_fit` only while its validity is
/// available; a measure that would fit but is past goes to `upcoming`, `lapsed` or
/// `expired`; `elsewhere` is a measure (or a government task) of a jurisdiction that
/// excludes the visitor's region, whatever its other conditions say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Fits,
    MightFit,
    Upcoming,
    Lapsed,
    Expired,
    Ineligible,
    Elsewhere,
    Task,
}

impl Standing {
    pub const ALL: [Standing; 8] = [Standing::Fits, Standing::MightFit, Standing::Upcoming, Standing::Lapsed, Standing::Expired, Standing::Ineligible, Standing::Elsewhere, Standing::Task];

    /// Whether the visitor can take it up now (fits or might fit).
    pub fn open(self) -> bool {
        matches!(self, Standing::Fits | Standing::MightFit)
    }
}

/// A benefit's standing: its verdict, then its validity.
pub fn benefit_standing(status: Status, validity: ValidityStatus) -> Standing {
    match (status, validity) {
        (Status::Task, _) => Standing::Task,
        (Status::Ineligible, _) => Standing::Ineligible,
        (_, ValidityStatus::Upcoming) => Standing::Upcoming,
        (_, ValidityStatus::Lapsed) => Standing::Lapsed,
        (_, ValidityStatus::Expired) => Standing::Expired,
        (Status::Eligible, _) => Standing::Fits,
        (Status::Possible, _) => Standing::MightFit,
    }
}

/// Whether a benefit counts towards a measure of this standing: for a measure that
/// fits, only the benefits that fit; for one that might fit, those that fit or might;
/// otherwise those of the same standing (all of them for ineligible and elsewhere).
pub fn counts_for(measure: Standing, benefit: Standing) -> bool {
    match measure {
        Standing::Fits | Standing::MightFit => benefit <= measure,
        Standing::Ineligible | Standing::Elsewhere | Standing::Task => true,
        _ => benefit == measure,
    }
}

/// What the visitor receives, in the order results are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Money,
    Tax,
    Financing,
    Service,
    Promise,
    Task,
}

impl Group {
    /// The group a `[[benefit_type]] group` names (validated by the catalogue).
    pub fn parse(s: &str) -> Group {
        match s {
            "money" => Group::Money,
            "tax" => Group::Tax,
            "financing" => Group::Financing,
            "promise" => Group::Promise,
            _ => Group::Service,
        }
    }
}

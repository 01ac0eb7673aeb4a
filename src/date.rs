//! Calendar dates as day numbers, for validity periods and conditions such as
//! "established within 3 years of as_of". Proleptic Gregorian, days since 1970-01-01.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

/// A calendar date as a day number (days since 1970-01-01).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub i32);

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

impl Date {
    /// The date of a year, month and day, if it exists.
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Date> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) || !(1000..=9999).contains(&y) {
            return None;
        }
        // Howard Hinnant's days_from_civil.
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m as i32 + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Date(era * 146097 + doe - 719468))
    }

    /// Parses `YYYY-MM-DD`, rejecting impossible dates such as 2023-02-29.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
        };
        Date::from_ymd(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }

    /// Parses a year (`YYYY`) or a year and month (`YYYY-MM`), as a visitor may remember a
    /// founding date: the first and the last day it may be.
    pub fn parse_span(s: &str) -> Option<(Date, Date)> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| s.get(r).filter(|p| p.bytes().all(|c| c.is_ascii_digit())).and_then(|p| p.parse::<u32>().ok());
        match b.len() {
            4 => {
                let y = digits(0..4)? as i32;
                Some((Date::from_ymd(y, 1, 1)?, Date::from_ymd(y, 12, 31)?))
            }
            7 if b.get(4) == Some(&b'-') => {
                let (y, m) = (digits(0..4)? as i32, digits(5..7)?);
                let first = Date::from_ymd(y, m, 1)?;
                let last = (28..=31).rev().find_map(|d| Date::from_ymd(y, m, d))?;
                Some((first, last))
            }
            _ => None,
        }
    }

    /// Year, month and day.
    pub fn ymd(self) -> (i32, u32, u32) {
        // i64: no overflow for any day number (the year of Date(i32::MAX) is about 5.9 million).
        let z = self.0 as i64 + 719468;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
        (y as i32, m, d)
    }

    /// The date moved by whole years, months and days; a day past the end of the
    /// target month is clamped (2024-02-29 minus 1 year is 2023-02-28).
    /// Years outside 1000–9999 are clamped to that range (dates are only read there).
    pub fn shift(self, years: i32, months: i32, days: i32) -> Date {
        let (y, m, d) = self.ymd();
        let total = y as i64 * 12 + (m as i64 - 1) + years as i64 * 12 + months as i64;
        // Clamp the year before the day, so that the day fits the year actually used
        // (9996-02-29 plus 4 years is 9999-02-28, not the unshifted date).
        let ny = total.div_euclid(12).clamp(1000, 9999) as i32;
        let nm = total.rem_euclid(12) as u32 + 1;
        let nd = d.min(days_in_month(ny, nm));
        let base = Date::from_ymd(ny, nm, nd).unwrap_or(self);
        Date(base.0.saturating_add(days))
    }

    /// Today's date from a Unix time in milliseconds.
    pub fn from_unix_millis(ms: f64) -> Date {
        Date((ms / 86_400_000.0).floor() as i32)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_impossible_dates() {
        for s in ["1970-01-01", "2000-02-29", "2024-12-31", "2026-11-22", "1999-03-01"] {
            assert_eq!(Date::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(Date::parse("1970-01-01"), Some(Date(0)));
        for s in ["2023-02-29", "2024-13-01", "2024-04-31", "2024-1-01", "20240101", "abcd-ef-gh", "2024-00-10"] {
            assert_eq!(Date::parse(s), None, "{s}");
        }
    }

    #[test]
    fn shifting_clamps_to_month_end() {
        let d = Date::parse("2024-02-29").unwrap();
        assert_eq!(d.shift(-1, 0, 0).to_string(), "2023-02-28");
        assert_eq!(d.shift(-3, 0, 0).to_string(), "2021-02-28");
        assert_eq!(Date::parse("2025-03-31").unwrap().shift(0, -1, 0).to_string(), "2025-02-28");
        assert_eq!(Date::parse("2025-01-01").unwrap().shift(0, 0, -1).to_string(), "2024-12-31");
    }

    #[test]
    fn shifting_past_the_year_range_clamps_without_panicking() {
        // The day was fitted to the unclamped year (10000 is leap, 9999 is not), so the
        // shift came back as the date itself.
        assert_eq!(Date::parse("9996-02-29").unwrap().shift(4, 0, 0).to_string(), "9999-02-28");
        assert_eq!(Date::parse("1004-02-29").unwrap().shift(-8, 0, 0).to_string(), "1000-02-28");
        // Overflowed (a panic in debug builds).
        let d = Date::parse("2024-06-01").unwrap();
        assert_eq!(d.shift(i32::MAX, 0, 0).to_string(), "9999-06-01");
        assert!(d.shift(i32::MAX, i32::MAX, 0).to_string().starts_with("9999-"));
        assert_eq!(d.shift(i32::MIN, 0, 0).to_string(), "1000-06-01");
        assert_eq!(d.shift(0, 0, i32::MAX), Date(i32::MAX));
        let _ = Date(i32::MAX).ymd();
        let _ = Date(i32::MIN).to_string();
    }
}

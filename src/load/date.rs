//! The dates graded accepts, from the command line and from files alike: `YYYY-MM-DD` within one
//! window. Far-off dates are typing slips (20226-11-24), and keeping every date in the window
//! keeps all date arithmetic (plans run years ahead of the start) well inside what dates can hold.

use chrono::NaiveDate;

/// The earliest date graded accepts.
pub const FIRST: NaiveDate = ymd(1900, 1, 1);
/// The latest date graded accepts.
pub const LAST: NaiveDate = ymd(2200, 12, 31);
/// How many days after today a row may be logged, `--force` or not: one, for a person whose
/// time zone is already in tomorrow.
pub const LOG_AHEAD_DAYS: i64 = 1;

const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => panic!("a valid date"),
    }
}

/// Parses a `YYYY-MM-DD` date inside the window; the error says which rule it broke.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let t = s.trim();
    let d = plain_date(t)
        .or_else(|| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
        .ok_or_else(|| format!("`{s}` is not a date (use YYYY-MM-DD, e.g. 2026-11-24)"))?;
    in_window(d)
}

/// The common case read directly, `2026-11-24` (a log holds thousands of them); anything else
/// goes to chrono's parser.
fn plain_date(t: &str) -> Option<NaiveDate> {
    let b = t.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

/// `d` when it lies in the window.
pub fn in_window(d: NaiveDate) -> Result<NaiveDate, String> {
    if (FIRST..=LAST).contains(&d) {
        Ok(d)
    } else {
        Err(format!(
            "{d} is outside the dates graded accepts ({FIRST} to {LAST})"
        ))
    }
}

/// The latest date a row may be logged on when today is `today`.
pub fn latest_loggable(today: NaiveDate) -> NaiveDate {
    today + chrono::Duration::days(LOG_AHEAD_DAYS)
}

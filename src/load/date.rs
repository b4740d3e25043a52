//! The dates graded accepts, from the command line and from files alike: `YYYY-MM-DD` within one
//! window. Far-off dates are typing slips (20226-11-24), and keeping every date in the window
//! keeps all date arithmetic (plans run years ahead of the start) well inside what dates can hold.

use chrono::{Datelike, NaiveDate, Weekday};

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
    // A plain date (nearly every one) has nothing around it to trim.
    let d = plain_date(s)
        .or_else(|| {
            let t = s.trim();
            plain_date(t).or_else(|| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
        })
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

/// A date as a person gives it on the command line: a calendar date, or a day said relative to
/// today. Read by [`parse_day`]; it becomes a date with [`Day::resolve`], once today is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Day {
    /// `2026-11-24`: already checked against the window.
    On(NaiveDate),
    /// `today`.
    Today,
    /// `yesterday`.
    Yesterday,
    /// `mon`, `Monday` ...: the latest such day, today included (on a Monday, `mon` is today;
    /// the Monday before is `-7`).
    Latest(Weekday),
    /// `-3`: that many days before today (`-0` is today).
    Ago(u32),
}

/// The relative forms, for messages and help.
pub const RELATIVE_FORMS: &str = "today, yesterday, a weekday (mon ... sun: the latest one, today included) or -N for N days ago (-3, or 3 days ago)";

/// Reads a date as a person says it: `YYYY-MM-DD` (inside the window, with [`parse_date`]'s
/// messages), `today`, `yesterday`, a weekday name (`mon`, `Monday`, any case), or `-N` or `N days ago`.
pub fn parse_day(s: &str) -> Result<Day, String> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    if t.starts_with(|c: char| c.is_ascii_digit()) && !lower.ends_with("ago") {
        return parse_date(t).map(Day::On);
    }
    match lower.as_str() {
        "today" => return Ok(Day::Today),
        "yesterday" => return Ok(Day::Yesterday),
        _ => {}
    }
    // `-3`, or as said: `3 days ago`.
    let ago = lower.strip_prefix('-').or_else(|| {
        let n = lower.strip_suffix("ago")?.trim_end();
        n.strip_suffix("days")
            .or(n.strip_suffix("day"))
            .map(str::trim_end)
    });
    if let Some(n) = ago
        && !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit())
    {
        return n.parse().map(Day::Ago).map_err(|_| {
            format!("`{s}` is too many days ago: graded accepts dates from {FIRST} on")
        });
    }
    if let Some(w) = weekday(&lower) {
        return Ok(Day::Latest(w));
    }
    Err(format!(
        "`{s}` is not a date: use YYYY-MM-DD (2026-11-24), {RELATIVE_FORMS}"
    ))
}

/// A weekday's English name, short or long, any case (`mon`, `Tues`, `THURSDAY`).
pub fn weekday(s: &str) -> Option<Weekday> {
    let s = s.trim().to_ascii_lowercase();
    match s.as_str() {
        "tues" => Some(Weekday::Tue),
        "weds" => Some(Weekday::Wed),
        "thur" | "thurs" => Some(Weekday::Thu),
        _ => s.parse().ok(),
    }
}

impl Day {
    /// The date this day names when today is `today`, inside the window.
    pub fn resolve(self, today: NaiveDate) -> Result<NaiveDate, String> {
        let back = |days: i64| {
            today
                .checked_sub_signed(chrono::Duration::days(days))
                .ok_or_else(|| format!("{days} days before {today} is not a date"))
        };
        let d = match self {
            Day::On(d) => return Ok(d),
            Day::Today => today,
            Day::Yesterday => back(1)?,
            Day::Latest(w) => back(i64::from(
                (7 + today.weekday().num_days_from_monday() - w.num_days_from_monday()) % 7,
            ))?,
            Day::Ago(n) => back(i64::from(n))?,
        };
        in_window(d)
    }
}

/// The week `graded week` shows, as a person says it: `next`, `last`, `this`, or any [`Day`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Week {
    /// The week holding this day.
    Holding(Day),
    /// `next`, `last` or `this`: weeks after this one (-1, 0, 1).
    From(i8),
}

/// Reads `graded week`'s argument: `next`, `last`, `this`, or a date as [`parse_day`] reads it.
pub fn parse_week(s: &str) -> Result<Week, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "next" => Ok(Week::From(1)),
        "last" => Ok(Week::From(-1)),
        "this" => Ok(Week::From(0)),
        _ => parse_day(s).map(Week::Holding).map_err(|e| {
            if s.trim().starts_with(|c: char| c.is_ascii_digit()) {
                e
            } else {
                format!("`{s}` is not a week: use next, last, this, a date (YYYY-MM-DD), {RELATIVE_FORMS}")
            }
        }),
    }
}

impl Week {
    /// A date in the week, inside the window.
    pub fn resolve(self, today: NaiveDate) -> Result<NaiveDate, String> {
        match self {
            Week::Holding(d) => d.resolve(today),
            Week::From(n) => in_window(today + chrono::Duration::weeks(i64::from(n))),
        }
    }
}

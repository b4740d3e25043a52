//! The person's time zone: an IANA zone of the time zone database bundled with jiff. Every
//! conversion graded makes (a session's local time, today's date, an event's instants) and the
//! calendar's VTIMEZONE (`export::ics_text`, from the zone's own transition list) read this one
//! database, so a calendar can never disagree with the plan about an offset.
//!
//! graded computes in chrono's types, so [`Zone`] is a [`chrono::TimeZone`] backed by
//! `jiff::tz::TimeZone`. The glue is hand-written: no crate bridges jiff's zones into chrono.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use chrono::{Days, FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, NaiveTime};
use jiff::tz::{AmbiguousOffset, TimeZone, TimeZoneDatabase};

/// The bundled database, named explicitly: never the machine's `/usr/share/zoneinfo`, so the
/// same workspace gives the same plan and calendar on every machine.
fn db() -> &'static TimeZoneDatabase {
    static DB: OnceLock<TimeZoneDatabase> = OnceLock::new();
    DB.get_or_init(TimeZoneDatabase::bundled)
}

/// The days the clocks may change on, by year: each year listed the first time it is asked for.
type ChangingDays = std::sync::Arc<std::sync::Mutex<BTreeMap<i32, Vec<NaiveDate>>>>;

/// An IANA time zone, e.g. `America/New_York`, with the local days its clocks change on
/// (listed a year at a time, the first time they are asked for).
#[derive(Clone)]
pub struct Zone(TimeZone, ChangingDays);

impl Zone {
    /// The zone with this IANA name (any ASCII case; an alias such as `US/Eastern` too), or
    /// `None` when the database has no such zone.
    pub fn get(name: &str) -> Option<Zone> {
        db().get(name)
            .ok()
            .filter(|tz| tz.iana_name().is_some())
            .map(|tz| Zone(tz, Default::default()))
    }

    /// Whether the clocks may change on local day `date`: a time skipped or repeated can only
    /// fall on such a day. From the zone's transitions between graded's first and last dates
    /// (each with the days either side, whatever the offset), listed once per year asked about:
    /// asking the database about every session of a long plan cost more than the rest of
    /// placing it, and listing all of graded's three centuries cost more than a year's plan.
    pub fn changes_on(&self, date: NaiveDate) -> bool {
        use chrono::Datelike;
        let mut years = self.1.lock().unwrap_or_else(|e| e.into_inner());
        years
            .entry(date.year())
            .or_insert_with(|| self.changing_days(date.year()))
            .binary_search(&date)
            .is_ok()
    }

    /// The days of `year` the clocks may change on: those of a transition (its UTC date) and
    /// the days either side, so a transition a day outside the year counts too.
    fn changing_days(&self, year: i32) -> Vec<NaiveDate> {
        use chrono::Datelike;
        // graded's dates (`load::date`'s window).
        let first = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN);
        let last = NaiveDate::from_ymd_opt(2200, 12, 31).unwrap_or(NaiveDate::MAX);
        let (Some(from), Some(to)) = (
            NaiveDate::from_ymd_opt(year, 1, 1).and_then(|d| d.checked_sub_days(Days::new(2))),
            NaiveDate::from_ymd_opt(year, 12, 31).and_then(|d| d.succ_opt()),
        ) else {
            return vec![];
        };
        let start = timestamp(from.max(first).and_time(NaiveTime::MIN));
        let mut days: Vec<NaiveDate> = self
            .0
            .following(start)
            .map(|t| naive_utc(t.timestamp()).date())
            .take_while(|d| *d <= last.min(to))
            .flat_map(|d| [d.pred_opt(), Some(d), d.succ_opt()])
            .flatten()
            .filter(|d| d.year() == year)
            .collect();
        days.sort_unstable();
        days.dedup();
        days
    }

    /// Its IANA name, as the database spells it (`america/new_york` reads as `America/New_York`).
    pub fn name(&self) -> &str {
        self.0.iana_name().unwrap_or("UTC")
    }

    /// The zone itself, for its transitions and abbreviations.
    pub fn jiff(&self) -> &TimeZone {
        &self.0
    }

    /// Every zone name the database knows, sorted.
    pub fn names() -> Vec<String> {
        let mut names: Vec<String> = db().available().map(|n| n.as_str().to_owned()).collect();
        names.sort();
        names
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Zone {}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not an IANA time zone.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an IANA time zone")]
pub struct UnknownZone(pub String);

impl std::str::FromStr for Zone {
    type Err = UnknownZone;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Zone::get(s).ok_or_else(|| UnknownZone(s.to_owned()))
    }
}

/// The offset of a [`Zone`] at an instant (chrono keeps the zone with each date-time, so that
/// arithmetic on it finds the new instant's offset).
#[derive(Clone)]
pub struct ZoneOffset {
    zone: Zone,
    fixed: FixedOffset,
}

impl chrono::Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.fixed, self.zone)
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.fixed, f)
    }
}

impl Zone {
    fn offset(&self, o: jiff::tz::Offset) -> ZoneOffset {
        // IANA offsets are within ±15 h; chrono's bound is a day.
        let seconds = o.seconds().clamp(-86_399, 86_399);
        ZoneOffset {
            zone: self.clone(),
            fixed: FixedOffset::east_opt(seconds).unwrap_or(FixedOffset::east_opt(0).expect("0")),
        }
    }
}

/// A UTC date-time as a jiff instant (outside jiff's years -9999..=9999, the nearest end: the
/// zone's rule there is its last or first one anyway).
pub fn timestamp(utc: NaiveDateTime) -> jiff::Timestamp {
    let utc = utc.and_utc();
    let nanos = utc.timestamp_subsec_nanos().min(999_999_999);
    jiff::Timestamp::new(utc.timestamp(), nanos.try_into().unwrap_or(0)).unwrap_or(
        if utc.timestamp() < 0 {
            jiff::Timestamp::MIN
        } else {
            jiff::Timestamp::MAX
        },
    )
}

/// A jiff instant as a UTC date-time.
pub fn naive_utc(t: jiff::Timestamp) -> NaiveDateTime {
    chrono::DateTime::from_timestamp(t.as_second(), t.subsec_nanosecond().unsigned_abs())
        .unwrap_or_default()
        .naive_utc()
}

/// A local date-time as jiff's civil one (clamped to jiff's years like [`timestamp`]).
fn civil(local: NaiveDateTime) -> jiff::civil::DateTime {
    use chrono::{Datelike, Timelike};
    let Ok(year) = i16::try_from(local.year()) else {
        return if local.year() < 0 {
            jiff::civil::DateTime::MIN
        } else {
            jiff::civil::DateTime::MAX
        };
    };
    let small = |v: u32| i8::try_from(v).unwrap_or(0);
    jiff::civil::DateTime::new(
        year,
        small(local.month()),
        small(local.day()),
        small(local.hour()),
        small(local.minute()),
        small(local.second()),
        local.nanosecond().min(999_999_999).try_into().unwrap_or(0),
    )
    .unwrap_or(if year < 0 {
        jiff::civil::DateTime::MIN
    } else {
        jiff::civil::DateTime::MAX
    })
}

impl chrono::TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Self {
        offset.zone.clone()
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<ZoneOffset> {
        self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<ZoneOffset> {
        match self.0.to_ambiguous_timestamp(civil(*local)).offset() {
            AmbiguousOffset::Unambiguous { offset } => MappedLocalTime::Single(self.offset(offset)),
            // The clocks jump over this time.
            AmbiguousOffset::Gap { .. } => MappedLocalTime::None,
            // The clocks go back over it: the earlier instant (the offset before) first.
            AmbiguousOffset::Fold { before, after } => {
                MappedLocalTime::Ambiguous(self.offset(before), self.offset(after))
            }
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        self.offset(self.0.to_offset(timestamp(*utc)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, LocalResult, Offset, TimeZone};

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn ny() -> Zone {
        Zone::get("America/New_York").unwrap()
    }

    #[test]
    fn every_skipped_or_repeated_local_time_falls_on_a_day_the_clocks_change() {
        // Zones with an hour's jump, half an hour's (Lord Howe), a jump at midnight (Havana),
        // a whole day skipped (Apia, 30 December 2011) and none at all.
        for name in [
            "America/New_York",
            "Australia/Lord_Howe",
            "America/Havana",
            "Pacific/Apia",
            "Asia/Kolkata",
        ] {
            let zone = Zone::get(name).unwrap();
            let mut day = NaiveDate::from_ymd_opt(2009, 1, 1).unwrap();
            let (mut changing, mut caught) = (0, 0);
            while day.year() < 2027 {
                let odd = (0..48).any(|k| {
                    let t = NaiveTime::from_hms_opt(k / 2, (k % 2) * 30, 0).unwrap();
                    !matches!(
                        zone.offset_from_local_datetime(&day.and_time(t)),
                        LocalResult::Single(_)
                    )
                });
                if odd {
                    caught += 1;
                    assert!(zone.changes_on(day), "{name} {day}");
                }
                changing += usize::from(zone.changes_on(day));
                day = day.succ_opt().unwrap();
            }
            if name == "Asia/Kolkata" {
                assert_eq!((caught, changing), (0, 0), "{name} never changes");
            } else {
                assert!(caught > 10, "{name}: {caught} days with a jump");
            }
        }
    }

    #[test]
    fn names_are_read_in_any_case_and_spelled_as_the_database_spells_them() {
        assert_eq!(
            Zone::get("america/new_york").unwrap().name(),
            "America/New_York"
        );
        assert_eq!(Zone::get("UTC").unwrap().name(), "UTC");
        assert_eq!(Zone::get("US/Eastern").unwrap().name(), "US/Eastern");
        for bad in [
            "Mars/Base",
            "",
            "Etc/Unknown",
            "+05:00",
            "EST5EDT,M3.2.0,M11.1.0",
        ] {
            assert!(Zone::get(bad).is_none(), "{bad}");
        }
        assert!("Europe/London".parse::<Zone>().is_ok());
        assert!(Zone::names().iter().any(|n| n == "Australia/Lord_Howe"));
    }

    #[test]
    fn local_times_resolve_like_a_clock_single_skipped_or_repeated() {
        let ny = ny();
        let single = ny.from_local_datetime(&at("2026-11-25 07:00")).unwrap();
        assert_eq!(single.offset().fix().local_minus_utc(), -5 * 3600);
        assert!(matches!(
            ny.from_local_datetime(&at("2027-03-14 02:30")),
            LocalResult::None
        ));
        let LocalResult::Ambiguous(first, second) = ny.from_local_datetime(&at("2026-11-01 01:30"))
        else {
            panic!("the hour repeats");
        };
        assert!(first < second);
        assert_eq!(first.offset().fix().local_minus_utc(), -4 * 3600);
        assert_eq!(second.offset().fix().local_minus_utc(), -5 * 3600);
    }

    #[test]
    fn arithmetic_on_a_zoned_time_finds_the_new_instants_offset() {
        let ny = ny();
        let before = ny.from_local_datetime(&at("2026-11-01 00:30")).unwrap();
        let after = before + chrono::Duration::hours(3);
        assert_eq!(after.naive_local(), at("2026-11-01 02:30"));
        assert_eq!(after.offset().fix().local_minus_utc(), -5 * 3600);
    }

    #[test]
    fn instants_outside_jiffs_years_take_the_nearest_end() {
        let far = NaiveDate::from_ymd_opt(20_000, 1, 1)
            .unwrap()
            .and_time(NaiveTime::MIN);
        let ny = ny();
        assert_eq!(
            ny.offset_from_utc_datetime(&far).fix().local_minus_utc(),
            -5 * 3600
        );
        assert!(matches!(
            ny.from_local_datetime(&far),
            LocalResult::Single(_)
        ));
        let t = at("2026-11-25 12:00");
        assert_eq!(naive_utc(timestamp(t)), t);
    }
}

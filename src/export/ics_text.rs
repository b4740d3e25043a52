//! Low-level iCalendar (RFC 5545) text helpers: TEXT escaping, octet-aware
//! line folding, unfolding, date-time formatting and VTIMEZONE generation.
//!
//! Everything here is a pure function: no IO and no clock.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use ical::parser::ical::component::{
    IcalTimeZone, IcalTimeZoneTransition, IcalTimeZoneTransitionType,
};
use ical::property::Property;

/// Maximum length of a physical content line in octets, excluding the CRLF.
const MAX_LINE_OCTETS: usize = 75;

/// Escapes a value for an RFC 5545 TEXT property (SUMMARY, DESCRIPTION, TZNAME, ...).
///
/// `\` becomes `\\`, `;` becomes `\;`, `,` becomes `\,`, and every newline
/// (`\r\n`, `\n` or a lone `\r`) becomes the two characters `\n`. Other ASCII
/// control characters (including DEL) are dropped; TAB is kept.
#[must_use]
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_ascii_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds unfolded iCalendar content so that no physical line exceeds 75 octets.
///
/// Each input line (terminated by CRLF; a bare LF is also accepted) is split
/// into chunks of at most 75 UTF-8 bytes, never inside a multi-byte character.
/// Continuation lines start with a single space, which counts toward the 75.
/// Every output line, including the last, ends with CRLF.
#[must_use]
pub fn fold_octets(unfolded: &str) -> String {
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 24 + 2);
    for line in unfolded.lines() {
        let mut rest = line;
        let mut budget = MAX_LINE_OCTETS;
        loop {
            if rest.len() <= budget {
                out.push_str(rest);
                out.push_str("\r\n");
                break;
            }
            let mut cut = budget;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let (head, tail) = rest.split_at(cut);
            out.push_str(head);
            out.push_str("\r\n ");
            rest = tail;
            budget = MAX_LINE_OCTETS - 1;
        }
    }
    out
}

/// Unfolds iCalendar content by removing every CRLF that is followed by a
/// space or a TAB (together with that one whitespace character).
#[must_use]
pub fn unfold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find("\r\n") {
        let after = &rest[pos + 2..];
        if after.starts_with([' ', '\t']) {
            out.push_str(&rest[..pos]);
            rest = &after[1..];
        } else {
            out.push_str(&rest[..pos + 2]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Formats a local (wall-clock) date-time as an iCalendar DATE-TIME without
/// a zone designator, e.g. `20261125T070000`.
#[must_use]
pub fn format_local(dt: NaiveDateTime) -> String {
    dt.format("%Y%m%dT%H%M%S").to_string()
}

/// Formats a UTC instant as an iCalendar UTC DATE-TIME, e.g. `20261125T120000Z`.
#[must_use]
pub fn format_utc(dt: DateTime<Utc>) -> String {
    dt.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The part of a zone's state at an instant that a VTIMEZONE observance records.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Observance {
    /// Total offset from UTC in seconds (standard + DST).
    total: i32,
    /// Whether a daylight-saving (non-zero DST) offset is in effect.
    daylight: bool,
    /// The abbreviation, e.g. `EST`.
    abbreviation: Option<String>,
}

impl Observance {
    fn at(tz: Tz, instant: NaiveDateTime) -> Self {
        let offset = tz.offset_from_utc_datetime(&instant);
        Self {
            total: offset.fix().local_minus_utc(),
            daylight: offset.dst_offset() != TimeDelta::zero(),
            abbreviation: offset.abbreviation().map(str::to_owned),
        }
    }

    fn kind(&self) -> IcalTimeZoneTransitionType {
        if self.daylight {
            IcalTimeZoneTransitionType::DAYLIGHT
        } else {
            IcalTimeZoneTransitionType::STANDARD
        }
    }
}

/// Formats a UTC offset in seconds as `±HHMM`, or `±HHMMSS` when the seconds are non-zero.
fn format_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs / 60 % 60, abs % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

fn text_property(name: &str, value: String) -> Property {
    Property {
        name: name.to_owned(),
        params: None,
        value: Some(value),
    }
}

fn observance_component(
    kind: IcalTimeZoneTransitionType,
    start_local: NaiveDateTime,
    from: i32,
    to: &Observance,
) -> IcalTimeZoneTransition {
    let mut component = IcalTimeZoneTransition::new(kind);
    component.properties = vec![
        text_property("DTSTART", format_local(start_local)),
        text_property("TZOFFSETFROM", format_offset(from)),
        text_property("TZOFFSETTO", format_offset(to.total)),
    ];
    if let Some(name) = &to.abbreviation {
        component
            .properties
            .push(text_property("TZNAME", escape_text(name)));
    }
    component
}

/// Finds every change of offset, DST flag or abbreviation of `tz` in the UTC
/// range `[start, end)`. Returns `(first UTC instant of the new observance,
/// observance before, observance after)` in chronological order.
fn transitions(
    tz: Tz,
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> Vec<(NaiveDateTime, Observance, Observance)> {
    let step = TimeDelta::hours(1);
    let mut found = Vec::new();
    let mut t = start;
    let mut current = Observance::at(tz, t);
    while t < end {
        let Some(next) = t.checked_add_signed(step) else {
            break;
        };
        let next_obs = Observance::at(tz, next);
        if next_obs != current {
            // Bisect to the second: `lo` is in the old observance, `hi` in the new one.
            let (mut lo, mut hi) = (t, next);
            while hi - lo > TimeDelta::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if Observance::at(tz, mid) == current {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            found.push((hi, current, next_obs.clone()));
        }
        current = next_obs;
        t = next;
    }
    found
}

/// Builds a VTIMEZONE for `tz` that resolves every local time from `from` to
/// `to` (inclusive) exactly as the IANA database bundled with chrono-tz does.
///
/// The zone's real transitions from January 1 of the year before `from` to the
/// end of `to`'s year are listed one by one (no RRULEs), each with DTSTART in
/// the local time of the previous offset, after an initial observance starting
/// 1970-01-01 (or earlier if the window starts earlier). A zone without
/// transitions gets a single STANDARD observance. The output is deterministic.
#[must_use]
pub fn vtimezone(tz: Tz, from: NaiveDate, to: NaiveDate) -> IcalTimeZone {
    let (first, last) = (from.min(to), from.max(to));
    let window_start = NaiveDate::from_ymd_opt(first.year() - 1, 1, 1)
        .unwrap_or(first)
        .and_time(chrono::NaiveTime::MIN);
    // Scan one day past the end of `last`'s year (in UTC) so that every local
    // time of Dec 31 is covered whatever the offset.
    let window_end = NaiveDate::from_ymd_opt(last.year() + 1, 1, 2)
        .unwrap_or(last)
        .and_time(chrono::NaiveTime::MIN);

    let initial = Observance::at(tz, window_start);
    let changes = transitions(tz, window_start, window_end);

    let epoch = DateTime::UNIX_EPOCH.naive_utc();
    let initial_start = epoch.min(window_start + TimeDelta::seconds(initial.total.into()));
    let initial_kind = if changes.is_empty() {
        IcalTimeZoneTransitionType::STANDARD
    } else {
        initial.kind()
    };

    let mut zone = IcalTimeZone::new();
    zone.properties
        .push(text_property("TZID", tz.name().to_owned()));
    zone.transitions.push(observance_component(
        initial_kind,
        initial_start,
        initial.total,
        &initial,
    ));
    for (instant, before, after) in &changes {
        let start_local = *instant + TimeDelta::seconds(before.total.into());
        zone.transitions.push(observance_component(
            after.kind(),
            start_local,
            before.total,
            after,
        ));
    }
    zone
}

#[cfg(test)]
mod tests {
    use super::*;
    use ical::generator::Emitter;

    /// One observance as read back from generated VTIMEZONE text.
    #[derive(Debug, Clone, PartialEq, Eq)]
    struct Parsed {
        kind: String,
        dtstart: String,
        from: String,
        to: String,
        name: Option<String>,
    }

    fn parse_observances(zone: &IcalTimeZone) -> Vec<Parsed> {
        let text = unfold(&zone.generate());
        let mut out = Vec::new();
        let mut cur: Option<Parsed> = None;
        for line in text.split("\r\n") {
            if let Some(kind) = line.strip_prefix("BEGIN:") {
                if kind != "VTIMEZONE" {
                    cur = Some(Parsed {
                        kind: kind.to_owned(),
                        dtstart: String::new(),
                        from: String::new(),
                        to: String::new(),
                        name: None,
                    });
                }
            } else if line.starts_with("END:") {
                out.extend(cur.take());
            } else if let (Some(p), Some((k, v))) = (cur.as_mut(), line.split_once(':')) {
                match k {
                    "DTSTART" => p.dtstart = v.to_owned(),
                    "TZOFFSETFROM" => p.from = v.to_owned(),
                    "TZOFFSETTO" => p.to = v.to_owned(),
                    "TZNAME" => p.name = Some(v.to_owned()),
                    _ => {}
                }
            }
        }
        out
    }

    fn obs(kind: &str, dtstart: &str, from: &str, to: &str, name: &str) -> Parsed {
        Parsed {
            kind: kind.to_owned(),
            dtstart: dtstart.to_owned(),
            from: from.to_owned(),
            to: to.to_owned(),
            name: Some(name.to_owned()),
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn parse_offset(s: &str) -> i32 {
        let sign = if s.starts_with('-') { -1 } else { 1 };
        let digits = &s[1..];
        let h: i32 = digits[0..2].parse().unwrap();
        let m: i32 = digits[2..4].parse().unwrap();
        let sec: i32 = digits.get(4..6).map_or(0, |x| x.parse().unwrap());
        sign * (h * 3600 + m * 60 + sec)
    }

    /// Resolves a UTC instant with the VTIMEZONE the way a client does (latest
    /// observance onset at or before the instant) and compares with chrono-tz,
    /// hour by hour across every local time from `from` to `to`.
    fn assert_vtimezone_matches_chrono_tz(tz: Tz, from: NaiveDate, to: NaiveDate) {
        let observances = parse_observances(&vtimezone(tz, from, to));
        let onsets: Vec<(NaiveDateTime, i32)> = observances
            .iter()
            .map(|o| {
                let local = NaiveDateTime::parse_from_str(&o.dtstart, "%Y%m%dT%H%M%S").unwrap();
                let onset = local - TimeDelta::seconds(parse_offset(&o.from).into());
                (onset, parse_offset(&o.to))
            })
            .collect();
        assert!(
            onsets.windows(2).all(|w| w[0].0 < w[1].0),
            "{tz}: onsets must be strictly increasing: {observances:?}"
        );
        let mut t = from.and_time(chrono::NaiveTime::MIN) - TimeDelta::days(1);
        let end = to.and_time(chrono::NaiveTime::MIN) + TimeDelta::days(2);
        while t < end {
            let expected = tz.offset_from_utc_datetime(&t).fix().local_minus_utc();
            let got = onsets
                .iter()
                .rev()
                .find(|(onset, _)| *onset <= t)
                .map(|(_, off)| *off);
            assert_eq!(got, Some(expected), "{tz} at {t}Z");
            t += TimeDelta::minutes(30);
        }
    }

    #[test]
    fn commas_semicolons_and_backslashes_are_escaped_with_a_backslash() {
        assert_eq!(
            escape_text(r"sets, reps; C:\rehab"),
            r"sets\, reps\; C:\\rehab"
        );
    }

    #[test]
    fn every_kind_of_newline_becomes_a_literal_backslash_n() {
        assert_eq!(escape_text("a\r\nb\nc\rd\n\ne"), r"a\nb\nc\nd\n\ne");
    }

    #[test]
    fn other_control_characters_are_dropped_but_tab_and_unicode_are_kept() {
        assert_eq!(
            escape_text("a\u{0}b\u{7}c\u{1b}d\u{7f}e\tf ü 😀"),
            "abcde\tf ü 😀"
        );
    }

    #[test]
    fn a_leading_equals_sign_and_colons_and_quotes_pass_through_unchanged() {
        assert_eq!(escape_text("=1+1: \"ok\""), "=1+1: \"ok\"");
        assert_eq!(escape_text("=HYPERLINK(a,b)"), r"=HYPERLINK(a\,b)");
    }

    fn assert_folded_well(unfolded: &str) {
        let folded = fold_octets(unfolded);
        assert!(folded.ends_with("\r\n"));
        let mut lines: Vec<&[u8]> = folded.as_bytes().split(|&b| b == b'\n').collect();
        assert_eq!(lines.pop(), Some(&b""[..]));
        for (i, line) in lines.into_iter().enumerate() {
            let line = line.strip_suffix(b"\r").expect("every line ends with CRLF");
            assert!(line.len() <= 75, "line {i} has {} octets", line.len());
            assert!(!line.contains(&b'\r'), "no bare CR in line {i}");
            assert!(
                std::str::from_utf8(line).is_ok(),
                "line {i} is not valid UTF-8"
            );
        }
        assert_eq!(unfold(&folded), unfolded);
    }

    #[test]
    fn a_200_character_ascii_line_folds_into_lines_of_at_most_75_octets() {
        let line = format!("DESCRIPTION:{}\r\n", "x".repeat(188));
        assert_eq!(line.len(), 202);
        assert_folded_well(&line);
        let folded = fold_octets(&line);
        let lengths: Vec<usize> = folded.split_terminator("\r\n").map(str::len).collect();
        assert_eq!(lengths, vec![75, 75, 52]);
        let continuations = folded.split_terminator("\r\n").skip(1);
        assert!(
            continuations
                .into_iter()
                .all(|l| l.starts_with(' ') && !l.starts_with("  "))
        );
    }

    #[test]
    fn emoji_and_japanese_text_folds_on_character_boundaries_only() {
        let desc = "腰の痛みが0-2なら次の段階へ進む 🏋️‍♀️💪😀 ".repeat(8);
        for prefix in [
            "DESCRIPTION:",
            "DESCRIPTION:a",
            "DESCRIPTION:ab",
            "DESCRIPTION:abc",
        ] {
            let content =
                format!("BEGIN:VEVENT\r\n{prefix}{desc}\r\nSUMMARY:短い\r\nEND:VEVENT\r\n");
            assert_folded_well(&content);
        }
    }

    #[test]
    fn short_lines_are_untouched_and_a_missing_final_crlf_is_added() {
        assert_eq!(fold_octets("A:1\r\nB:2"), "A:1\r\nB:2\r\n");
        assert_eq!(fold_octets("A:1\r\n"), "A:1\r\n");
        let exactly_75 = format!("X:{}", "y".repeat(73));
        assert_eq!(fold_octets(&exactly_75), format!("{exactly_75}\r\n"));
    }

    #[test]
    fn unfold_removes_space_and_tab_folds_but_keeps_real_line_breaks() {
        assert_eq!(
            unfold("A:ab\r\n cd\r\n\tef\r\nB:2\r\n"),
            "A:abcdef\r\nB:2\r\n"
        );
        assert_eq!(unfold("A:x\r\n  y\r\n"), "A:x y\r\n");
    }

    #[test]
    fn refolding_the_ical_crates_character_folds_respects_octets() {
        let prop = text_property("DESCRIPTION", escape_text(&"ü😀, ".repeat(60)));
        let char_folded = prop.generate();
        let unfolded = unfold(&char_folded);
        assert_eq!(unfolded.matches("\r\n").count(), 1);
        assert_folded_well(&unfolded);
    }

    #[test]
    fn local_and_utc_times_use_the_basic_ical_format() {
        let dt = date(2026, 11, 25).and_hms_opt(7, 0, 0).unwrap();
        assert_eq!(format_local(dt), "20261125T070000");
        assert_eq!(
            format_utc(dt.and_utc() + TimeDelta::hours(5)),
            "20261125T120000Z"
        );
    }

    #[test]
    fn offsets_are_formatted_with_sign_and_optional_seconds() {
        assert_eq!(format_offset(0), "+0000");
        assert_eq!(format_offset(-5 * 3600), "-0500");
        assert_eq!(format_offset(5 * 3600 + 45 * 60), "+0545");
        assert_eq!(format_offset(-(3600 + 15 * 60 + 7)), "-011507");
    }

    #[test]
    fn new_york_has_the_2026_fall_back_and_2027_spring_forward_observances() {
        let zone = vtimezone(
            chrono_tz::America::New_York,
            date(2026, 11, 24),
            date(2027, 3, 31),
        );
        assert_eq!(
            zone.properties,
            vec![text_property("TZID", "America/New_York".into())]
        );
        let observances = parse_observances(&zone);
        assert!(observances.contains(&obs("STANDARD", "20261101T020000", "-0400", "-0500", "EST")));
        assert!(observances.contains(&obs("DAYLIGHT", "20270314T020000", "-0500", "-0400", "EDT")));
        // Window 2025-01-01 .. end of 2027: initial + 6 transitions, no RRULE anywhere.
        assert_eq!(observances.len(), 7);
        assert_eq!(
            observances[0],
            obs("STANDARD", "19700101T000000", "-0500", "-0500", "EST")
        );
        assert!(!zone.generate().contains("RRULE"));
        assert_vtimezone_matches_chrono_tz(
            chrono_tz::America::New_York,
            date(2026, 11, 24),
            date(2027, 3, 31),
        );
    }

    #[test]
    fn tokyo_and_utc_get_a_single_standard_observance() {
        let tokyo = parse_observances(&vtimezone(
            chrono_tz::Asia::Tokyo,
            date(2026, 1, 1),
            date(2027, 6, 1),
        ));
        assert_eq!(
            tokyo,
            vec![obs("STANDARD", "19700101T000000", "+0900", "+0900", "JST")]
        );
        let utc = parse_observances(&vtimezone(
            chrono_tz::UTC,
            date(2026, 1, 1),
            date(2026, 1, 1),
        ));
        assert_eq!(
            utc,
            vec![obs("STANDARD", "19700101T000000", "+0000", "+0000", "UTC")]
        );
    }

    #[test]
    fn london_switches_between_gmt_and_bst_at_one_utc() {
        let london = chrono_tz::Europe::London;
        let observances =
            parse_observances(&vtimezone(london, date(2026, 11, 24), date(2027, 3, 31)));
        assert!(observances.contains(&obs("STANDARD", "20261025T020000", "+0100", "+0000", "GMT")));
        assert!(observances.contains(&obs("DAYLIGHT", "20270328T010000", "+0000", "+0100", "BST")));
        assert_vtimezone_matches_chrono_tz(london, date(2026, 11, 24), date(2027, 3, 31));
    }

    #[test]
    fn sydney_has_daylight_time_over_the_southern_summer() {
        let sydney = chrono_tz::Australia::Sydney;
        let observances =
            parse_observances(&vtimezone(sydney, date(2026, 11, 24), date(2027, 3, 31)));
        assert!(observances.contains(&obs(
            "DAYLIGHT",
            "20261004T020000",
            "+1000",
            "+1100",
            "AEDT"
        )));
        assert!(observances.contains(&obs(
            "STANDARD",
            "20270404T030000",
            "+1100",
            "+1000",
            "AEST"
        )));
        assert_vtimezone_matches_chrono_tz(sydney, date(2026, 11, 24), date(2027, 3, 31));
    }

    #[test]
    fn unusual_zones_resolve_like_chrono_tz_for_every_half_hour() {
        use chrono_tz::{Africa, America, Asia, Australia, Europe, Pacific};
        for tz in [
            Australia::Lord_Howe,
            America::St_Johns,
            Asia::Kathmandu,
            Africa::Casablanca,
            Europe::Dublin,
            Pacific::Chatham,
            America::Sao_Paulo,
        ] {
            assert_vtimezone_matches_chrono_tz(tz, date(2025, 6, 1), date(2027, 12, 31));
        }
    }

    #[test]
    fn reversed_or_single_day_windows_still_work_and_output_is_deterministic() {
        let ny = chrono_tz::America::New_York;
        let a = vtimezone(ny, date(2027, 3, 31), date(2026, 11, 24)).generate();
        let b = vtimezone(ny, date(2026, 11, 24), date(2027, 3, 31)).generate();
        assert_eq!(a, b);
        assert_vtimezone_matches_chrono_tz(ny, date(2027, 3, 14), date(2027, 3, 14));
    }

    #[test]
    fn windows_before_1970_start_the_initial_observance_earlier() {
        let ny = chrono_tz::America::New_York;
        let observances = parse_observances(&vtimezone(ny, date(1960, 6, 1), date(1960, 12, 1)));
        assert_eq!(observances[0].dtstart, "19581231T190000");
        assert_vtimezone_matches_chrono_tz(ny, date(1960, 6, 1), date(1960, 12, 1));
    }
}

//! `profile.toml` <-> [`Profile`].

use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::Deserialize;
use toml::Spanned;

use super::error::{DataError, from_toml};
use crate::model::{AdjustKind, Adjustment, GateName, Lift, Pain, Profile, Units, red_flag};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    id: Option<String>,
    program: Spanned<String>,
    start: Spanned<toml::Value>,
    injury_date: Spanned<toml::Value>,
    rest_pain: Spanned<i64>,
    #[serde(default)]
    red_flags: Vec<Spanned<String>>,
    screened: Option<Spanned<toml::Value>>,
    #[serde(default)]
    lifts: Vec<RawLift>,
    units: Spanned<String>,
    days: Spanned<Vec<Spanned<String>>>,
    time: Spanned<String>,
    timezone: Spanned<String>,
    #[serde(default = "default_minutes")]
    session_minutes: Spanned<i64>,
    morning_reminder: Option<Spanned<String>>,
    name: Option<Spanned<String>>,
    clinician: Option<Spanned<String>>,
    #[serde(default)]
    adjust: Vec<Spanned<RawAdjust>>,
}

/// One `[[adjust]]` table: exactly one of `lift` + `max_pct`, `replace` + `with`, `hold_stage`
/// (+ `until`), `gate` + `value`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAdjust {
    lift: Option<Spanned<String>>,
    max_pct: Option<Spanned<f64>>,
    replace: Option<Spanned<String>>,
    with: Option<Spanned<String>>,
    hold_stage: Option<Spanned<String>>,
    gate: Option<Spanned<String>>,
    value: Option<Spanned<i64>>,
    by: Option<Spanned<String>>,
    reason: Option<Spanned<String>>,
    made: Spanned<toml::Value>,
    until: Option<Spanned<toml::Value>>,
}

/// Only the spans of the `[[adjust]]` tables and of their fields, to point a program check at
/// the field's own line and column.
#[derive(Deserialize)]
struct RawAdjustSpans {
    #[serde(default)]
    adjust: Vec<Spanned<std::collections::BTreeMap<String, Spanned<toml::Value>>>>,
}

fn default_minutes() -> Spanned<i64> {
    Spanned::new(0..0, 45)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLift {
    name: Spanned<String>,
    weight: Spanned<f64>,
    #[serde(default = "one")]
    reps: Spanned<i64>,
}

fn one() -> Spanned<i64> {
    Spanned::new(0..0, 1)
}

/// Parses a weekday: `mon`, `Monday`, `tue` ...
pub fn parse_weekday(s: &str) -> Option<Weekday> {
    super::date::weekday(s)
}

/// Parses `HH:MM`.
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
}

pub use super::date::parse_date;

/// Reads a clock time as a person types it: 24-hour `07:00`, `19:30`, `7:00`, or 12-hour with
/// am/pm (`7am`, `7:30pm`, `7.30 pm`, `12am` is midnight). A bare hour (`7`) is refused: it
/// could be morning or evening.
pub fn parse_clock(s: &str) -> Result<NaiveTime, String> {
    let t = s.trim().to_ascii_lowercase().replace('.', ":");
    let refuse = || {
        format!(
            "`{}` is not a time: write 07:00 or 19:30 (24-hour), or 7am, 7:30pm",
            s.trim()
        )
    };
    let (clock, half) = match t
        .strip_suffix("am")
        .or_else(|| t.strip_suffix("a.m"))
        .map(|c| (c, Some(false)))
        .or_else(|| t.strip_suffix("pm").map(|c| (c, Some(true))))
    {
        Some((c, h)) => (c.trim_end(), h),
        None => (t.as_str(), None),
    };
    let (h, m) = match clock.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return Err(refuse()),
        None if half.is_some() => (clock, "00"),
        None if clock.chars().all(|c| c.is_ascii_digit()) && !clock.is_empty() => {
            return Err(format!(
                "`{}` is not a time: say which, {clock}am or {clock}pm (or 24-hour, {:02}:00)",
                s.trim(),
                clock.parse::<u32>().unwrap_or(0).min(23)
            ));
        }
        None => return Err(refuse()),
    };
    let digits = |x: &str| !x.is_empty() && x.len() <= 2 && x.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || !digits(m) {
        return Err(refuse());
    }
    let (h, m): (u32, u32) = (
        h.parse().map_err(|_| refuse())?,
        m.parse().map_err(|_| refuse())?,
    );
    let h = match half {
        Some(pm) if (1..=12).contains(&h) => h % 12 + if pm { 12 } else { 0 },
        Some(_) => return Err(format!("`{}`: with am or pm the hour is 1-12", s.trim())),
        None => h,
    };
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(refuse)
}

/// Reads a session length in minutes as a person types it: `60`, `60 min`, `60 minutes`,
/// `1h`, `1 hour`, `1h30`, `1 h 30 min`, `90m`.
pub fn parse_minutes(s: &str) -> Result<u32, String> {
    let t = s.trim().to_ascii_lowercase();
    let refuse = || {
        format!(
            "`{}` is not a session length: give minutes (60, 60 min) or hours (1h, 1h30)",
            s.trim()
        )
    };
    let mut total = 0u32;
    let mut rest = t.as_str();
    let mut seen_hours = false;
    let mut any = false;
    while !rest.trim().is_empty() {
        rest = rest.trim_start();
        let n_end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if n_end == 0 {
            return Err(refuse());
        }
        let n: u32 = rest[..n_end].parse().map_err(|_| refuse())?;
        rest = rest[n_end..].trim_start();
        let unit_end = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let unit = &rest[..unit_end];
        rest = &rest[unit_end..];
        match unit {
            "h" | "hr" | "hrs" | "hour" | "hours" if !seen_hours && !any => {
                total += n.checked_mul(60).ok_or_else(refuse)?;
                seen_hours = true;
            }
            "m" | "min" | "mins" | "minute" | "minutes" => total += n,
            // `1h30`: the minutes after the hours.
            "" if seen_hours || !any => total += n,
            _ => return Err(refuse()),
        }
        any = true;
        if !seen_hours && !rest.trim().is_empty() {
            return Err(refuse());
        }
    }
    if !any {
        return Err(refuse());
    }
    Ok(total)
}

/// Reads training days as a person types them: names or abbreviations separated by commas
/// or spaces (`mon,wed,fri`, `Mon Wed Fri Sat`), ranges (`mon-fri`; `fri-mon` runs over the
/// weekend), `weekdays` and `weekends`. Each day once, Monday first.
pub fn parse_days(list: &str) -> Result<Vec<Weekday>, String> {
    let mut days = Vec::new();
    for word in list
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        let day = |d: &str| {
            parse_weekday(d).ok_or_else(|| {
                format!("`{d}` is not a weekday (mon, tue, wed, thu, fri, sat, sun)")
            })
        };
        match word.to_ascii_lowercase().as_str() {
            "weekdays" => days.extend([
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ]),
            "weekends" | "weekend" => days.extend([Weekday::Sat, Weekday::Sun]),
            _ => match word.split_once(['-', '\u{2013}']) {
                Some((a, b)) => {
                    let (mut d, last) = (day(a)?, day(b)?);
                    if d == last {
                        return Err(format!("`{word}` starts and ends on the same day"));
                    }
                    loop {
                        days.push(d);
                        if d == last {
                            break;
                        }
                        d = d.succ();
                    }
                }
                None => days.push(day(word)?),
            },
        }
    }
    days.sort_by_key(|d| d.num_days_from_monday());
    days.dedup();
    if days.is_empty() {
        return Err("no training days; give at least one, e.g. mon,wed,fri".into());
    }
    Ok(days)
}

/// Pounds in a kilogram.
pub const LB_PER_KG: f64 = 2.204_622_6;

/// Reads a pre-injury lift as a person types it, in the profile's `units`: a weight (`235`,
/// `235 lb`, `100kg`: another unit is converted, to 0.1), or a set as weight x reps or
/// reps x weight (`205x5`, `5x225`, `5 x 100 kg`: the reps are the number from 1 to 12 when the
/// other is larger). `name` only words the messages. The lift is checked as a `--lift` is.
pub fn parse_lift_amount(name: &str, s: &str, units: Units) -> Result<Lift, String> {
    let lower = s.trim().to_ascii_lowercase();
    let mut text = lower.replace(['\u{d7}', '*'], "x");
    let mut given = None;
    // Longest spellings first, so `lbs` is not read as `lb` + `s`.
    for (word, u) in [
        ("kilograms", Units::Kg),
        ("kilogram", Units::Kg),
        ("kilos", Units::Kg),
        ("kgs", Units::Kg),
        ("kg", Units::Kg),
        ("pounds", Units::Lb),
        ("pound", Units::Lb),
        ("lbs", Units::Lb),
        ("lb", Units::Lb),
        ("#", Units::Lb),
    ] {
        if text.contains(word) {
            if given.is_some_and(|g| g != u) {
                return Err(format!("`{s}` gives two units: write the weight in one"));
            }
            given = Some(u);
            text = text.replace(word, " ");
        }
    }
    let number = |t: &str| -> Result<f64, String> {
        t.trim().parse::<f64>().ok().filter(|x| x.is_finite()).ok_or_else(|| {
            format!(
                "`{s}` is not a weight: give a number ({example}, {example} {u}), or a recent set, weight x reps ({example}x5)",
                example = if units == Units::Kg { 100 } else { 225 },
                u = units.as_str()
            )
        })
    };
    let parts: Vec<&str> = text.split('x').collect();
    let (weight, reps) = match parts.as_slice() {
        [w] => (number(w)?, 1),
        [a, b] => {
            let (a, b) = (number(a)?, number(b)?);
            let rep = |x: f64| x.fract() == 0.0 && (1.0..=12.0).contains(&x);
            match (rep(a), rep(b)) {
                (true, false) => (b, a as u32),
                (false, true) | (true, true) => (a, b as u32),
                (false, false) => {
                    return Err(format!(
                        "`{s}`: a set is weight x reps, with 1-12 reps (205x5; 5x205 reads the same)"
                    ));
                }
            }
        }
        _ => return Err(format!("`{s}`: one weight, or one set (205x5)")),
    };
    let weight = match (given, units) {
        (Some(Units::Kg), Units::Lb) => (weight * LB_PER_KG * 10.0).round() / 10.0,
        (Some(Units::Lb), Units::Kg) => (weight / LB_PER_KG * 10.0).round() / 10.0,
        _ => weight,
    };
    check_lift(name.trim(), weight, reps)
}

/// What a lift was read as, in words: `squat: 225 lb x 5, an estimated 1RM of 262 lb`.
pub fn lift_in_words(l: &Lift, units: Units) -> String {
    let u = units.as_str();
    if l.reps <= 1 {
        format!("{}: {} {u}", l.name, l.weight)
    } else {
        format!(
            "{}: {} {u} x {}, an estimated 1RM of {:.0} {u}",
            l.name,
            l.weight,
            l.reps,
            l.one_rep_max()
        )
    }
}

/// Reads `--lift NAME=WEIGHT` in the profile's units, the weight as [`parse_lift_amount`]
/// reads it (`squat=235`, `squat=100kg`, `squat=205x5`, `bench 185`).
pub fn parse_lift_in(s: &str, units: Units) -> Result<Lift, String> {
    // `squat=235`, `squat: 235`, or the name then the weight: `bench 185`, `bench 5x185`.
    let split = s.split_once(['=', ':']).or_else(|| {
        let at = s.find(|c: char| c.is_ascii_digit())?;
        let (name, rest) = s.split_at(at);
        (!name.trim().is_empty() && name.ends_with(char::is_whitespace)).then_some((name, rest))
    });
    let (name, rest) = split.ok_or_else(|| {
        format!("`{s}` is not a lift with its weight (squat=235, bench 185, squat=205x5)")
    })?;
    if name.trim().contains(char::is_whitespace) {
        return Err(format!(
            "`{}`: a lift's name is one word (bench, squat, front-squat)",
            name.trim()
        ));
    }
    parse_lift_amount(name, rest, units)
}

/// A lift too light to load from half its 1RM with an empty barbell [BBM].
pub fn too_light(lift: &Lift, units: Units) -> Option<String> {
    let orm = lift.one_rep_max();
    (orm < 2.0 * units.bar()).then(|| {
        format!(
            "{} 1RM of about {orm:.0} {u} is below twice the empty bar ({} {u}): barbell work could not start at 50% or less",
            lift.name,
            units.bar(),
            u = units.as_str()
        )
    })
}

fn check_lift(name: &str, weight: f64, reps: u32) -> Result<Lift, String> {
    if name.is_empty() {
        return Err("a lift needs a name (squat, deadlift, bench ...)".into());
    }
    if !(weight.is_finite() && weight > 0.0 && weight <= 2000.0) {
        return Err(format!(
            "{name} weight {weight} must be above 0 (and at most 2000)"
        ));
    }
    if !(1..=12).contains(&reps) {
        return Err(format!(
            "{name} reps {reps} must be 1-12 (a 1RM estimated from more reps is unreliable)"
        ));
    }
    Ok(Lift {
        name: name.to_lowercase(),
        weight,
        reps,
    })
}

/// Parses and checks a profile; `path` is used in error messages.
pub fn parse(path: &str, text: &str) -> Result<Profile, DataError> {
    let raw: RawProfile = toml::from_str(text).map_err(|e| from_toml(path, text, &e))?;
    let err = |span: std::ops::Range<usize>, field: &str, problem: String, hint: &str| {
        DataError::new(path, field, problem)
            .at(text, span.start)
            .hint(hint)
    };
    let date = |v: &Spanned<toml::Value>, field: &str| -> Result<NaiveDate, DataError> {
        let s = match v.get_ref() {
            toml::Value::Datetime(d) => d.to_string(),
            toml::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        parse_date(&s).map_err(|problem| {
            err(
                v.span(),
                field,
                problem,
                "write dates as YYYY-MM-DD, e.g. 2026-11-24",
            )
        })
    };
    let start = date(&raw.start, "start")?;
    let injury_date = date(&raw.injury_date, "injury_date")?;
    if start < injury_date {
        return Err(err(
            raw.start.span(),
            "start",
            format!("start {start} is before the injury date {injury_date}"),
            "the program starts on or after the day of the injury",
        ));
    }
    let screened = raw
        .screened
        .as_ref()
        .map(|s| date(s, "screened"))
        .transpose()?
        .unwrap_or(start);
    let rest_pain = Pain::try_from(*raw.rest_pain.get_ref()).map_err(|e| {
        err(
            raw.rest_pain.span(),
            "rest_pain",
            e.to_string(),
            "rest_pain is the pain at rest at intake, 0-10: the first baseline",
        )
    })?;
    let mut red_flags = Vec::new();
    for f in &raw.red_flags {
        let Some(symptom) = red_flag::Symptom::parse(f.get_ref()) else {
            return Err(err(
                f.span(),
                "red_flags",
                format!("unknown red flag `{}`", f.get_ref()),
                &format!("valid ids: {}", red_flag::all_ids()),
            ));
        };
        red_flags.push(symptom);
    }
    let units = match raw.units.get_ref().as_str() {
        "lb" => Units::Lb,
        "kg" => Units::Kg,
        other => {
            return Err(err(
                raw.units.span(),
                "units",
                format!("unknown units `{other}`"),
                "use \"lb\" or \"kg\"",
            ));
        }
    };
    let mut days = Vec::new();
    for d in raw.days.get_ref() {
        let day = parse_weekday(d.get_ref()).ok_or_else(|| {
            err(
                d.span(),
                "days",
                format!("`{}` is not a weekday", d.get_ref()),
                "use mon, tue, wed, thu, fri, sat, sun",
            )
        })?;
        if !days.contains(&day) {
            days.push(day);
        }
    }
    if days.is_empty() {
        return Err(err(
            raw.days.span(),
            "days",
            "no training days".into(),
            "give at least one day, e.g. days = [\"mon\", \"wed\", \"fri\"]",
        ));
    }
    days.sort_by_key(|d| d.num_days_from_monday());
    let time = parse_time(raw.time.get_ref()).ok_or_else(|| {
        err(
            raw.time.span(),
            "time",
            format!("`{}` is not a time", raw.time.get_ref()),
            "use 24-hour HH:MM, e.g. \"07:00\"",
        )
    })?;
    let timezone = super::zone::parse_zone(raw.timezone.get_ref()).map_err(|problem| {
        err(
            raw.timezone.span(),
            "timezone",
            problem,
            "use an IANA name like \"America/New_York\" or \"Europe/London\"",
        )
    })?;
    let minutes = *raw.session_minutes.get_ref();
    if !(10..=240).contains(&minutes) {
        return Err(err(
            raw.session_minutes.span(),
            "session_minutes",
            format!("{minutes} minutes is outside 10-240"),
            "a session lasts 10 to 240 minutes",
        ));
    }
    let morning_reminder = match &raw.morning_reminder {
        None => crate::model::profile::DEFAULT_MORNING_REMINDER,
        Some(t) => parse_time(t.get_ref()).ok_or_else(|| {
            err(
                t.span(),
                "morning_reminder",
                format!("`{}` is not a time", t.get_ref()),
                "the next-morning reminder's local time, 24-hour HH:MM, e.g. \"08:00\"",
            )
        })?,
    };
    let mut adjust = Vec::new();
    for (i, a) in raw.adjust.iter().enumerate() {
        adjust.push(parse_adjust(path, text, i, a, &date)?);
    }
    let mut lifts = Vec::new();
    for (i, l) in raw.lifts.iter().enumerate() {
        let raw_reps = *l.reps.get_ref();
        let reps = u32::try_from(raw_reps).unwrap_or(0);
        let lift = check_lift(l.name.get_ref(), *l.weight.get_ref(), reps).map_err(|p| {
            let (span, field, p) = if (1..=12).contains(&raw_reps) {
                (l.weight.span(), "weight", p)
            } else {
                (
                    l.reps.span(),
                    "reps",
                    format!("{} reps {raw_reps} must be 1-12", l.name.get_ref()),
                )
            };
            err(
                span,
                &format!("lifts[{i}].{field}"),
                p,
                "a pre-injury lift is a name, a weight above 0 and reps 1-12",
            )
        })?;
        if let Some(problem) = too_light(&lift, units) {
            return Err(err(
                l.weight.span(),
                &format!("lifts[{i}].weight"),
                problem,
                "ask a physical therapist for a dumbbell progression instead",
            ));
        }
        if lifts.iter().any(|x: &Lift| x.name == lift.name) {
            return Err(err(
                l.name.span(),
                &format!("lifts[{i}].name"),
                format!("`{}` is given twice", lift.name),
                "keep one entry per lift",
            ));
        }
        lifts.push(lift);
    }
    let program = raw.program.get_ref().trim().to_string();
    let looks_like_file = program.ends_with(".toml") || program.contains(['/', '\\']);
    if !looks_like_file
        && !super::program::BUILT_IN
            .iter()
            .any(|(id, _)| *id == program)
    {
        let known: Vec<&str> = super::program::BUILT_IN.iter().map(|(id, _)| *id).collect();
        return Err(err(
            raw.program.span(),
            "program",
            format!("unknown program `{program}`"),
            &format!(
                "use one of {}, or a path to a program .toml file",
                known.join(", ")
            ),
        ));
    }
    let person = |v: &Option<Spanned<String>>, field: &str| -> Result<Option<String>, DataError> {
        v.as_ref()
            .map(|v| {
                check_person(v.get_ref())
                    .map_err(|problem| err(v.span(), field, problem, PERSON_HINT))
            })
            .transpose()
            .map(Option::flatten)
    };
    let name = person(&raw.name, "name")?;
    let clinician = person(&raw.clinician, "clinician")?;
    // Every other string (an id, an adjustment's exercise or stage, a lift's name) is plain
    // text too; an adjustment's reason may run over lines.
    super::plain::check(path, text, &["reason"], None)?;
    Ok(Profile {
        id: raw
            .id
            .unwrap_or_else(|| workspace_id(&program, start, injury_date)),
        program,
        start,
        injury_date,
        rest_pain,
        red_flags,
        screened,
        lifts,
        units,
        days,
        time,
        timezone,
        session_minutes: minutes as u32,
        morning_reminder,
        name,
        clinician,
        adjust,
    })
}

/// How a `name` or `clinician` is written.
pub const PERSON_HINT: &str = "a name as it should be printed, e.g. \"Alex Kim\" or \"Dr Lee, PT\": one line, at most 80 characters";

/// Checks a person's name (the profile's `name` or `clinician`, a note's author): trimmed, one
/// line of at most 80 characters with no control characters; empty means none.
pub fn check_person(s: &str) -> Result<Option<String>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.chars().any(char::is_control) {
        return Err(format!(
            "`{}` has a line break or a control character",
            t.escape_debug()
        ));
    }
    if t.chars().count() > 80 {
        return Err(format!(
            "`{}...` is longer than 80 characters",
            t.chars().take(20).collect::<String>()
        ));
    }
    Ok(Some(t.to_string()))
}

/// Reads a date field of the profile, pointing at it when it does not read.
type DateOf<'a> = dyn Fn(&Spanned<toml::Value>, &str) -> Result<NaiveDate, DataError> + 'a;

fn parse_adjust(
    path: &str,
    text: &str,
    i: usize,
    a: &Spanned<RawAdjust>,
    date: &DateOf<'_>,
) -> Result<Adjustment, DataError> {
    let err = |span: std::ops::Range<usize>, field: &str, problem: String, hint: &str| {
        DataError::new(path, format!("adjust[{i}].{field}"), problem)
            .at(text, span.start)
            .hint(hint)
    };
    let r = a.get_ref();
    let made = date(&r.made, &format!("adjust[{i}].made"))?;
    let until = r
        .until
        .as_ref()
        .map(|u| date(u, &format!("adjust[{i}].until")))
        .transpose()?;
    let kinds = [
        r.lift.is_some() || r.max_pct.is_some(),
        r.replace.is_some() || r.with.is_some(),
        r.hold_stage.is_some(),
        r.gate.is_some() || r.value.is_some(),
    ];
    let one =
        "an adjustment is one of: lift + max_pct, replace + with, hold_stage + until, gate + value";
    if kinds.iter().filter(|k| **k).count() != 1 {
        return Err(err(
            a.span(),
            "kind",
            "not exactly one kind of adjustment".into(),
            one,
        ));
    }
    let need = |v: &Option<Spanned<String>>, field: &str| -> Result<String, DataError> {
        match v {
            Some(s) if !s.get_ref().trim().is_empty() => Ok(s.get_ref().trim().to_string()),
            Some(s) => Err(err(s.span(), field, format!("{field} is empty"), one)),
            None => Err(err(a.span(), field, format!("{field} is missing"), one)),
        }
    };
    let kind = if kinds[0] {
        let lift = need(&r.lift, "lift")?.to_lowercase();
        let Some(pct) = &r.max_pct else {
            return Err(err(a.span(), "max_pct", "max_pct is missing".into(), one));
        };
        let p = *pct.get_ref();
        if !(p.is_finite() && p > 0.0 && p <= 100.0) {
            return Err(err(
                pct.span(),
                "max_pct",
                format!("{p}% is not a percentage above 0 and at most 100"),
                "max_pct is the highest load as % of the pre-injury 1RM, e.g. 70",
            ));
        }
        AdjustKind::MaxPct { lift, pct: p }
    } else if kinds[1] {
        AdjustKind::Swap {
            from: need(&r.replace, "replace")?,
            to: need(&r.with, "with")?,
        }
    } else if kinds[2] {
        if until.is_none() {
            return Err(err(
                a.span(),
                "until",
                "a held stage needs `until`, the first day it may advance".into(),
                one,
            ));
        }
        AdjustKind::HoldStage {
            stage: need(&r.hold_stage, "hold_stage")?,
        }
    } else {
        let name = need(&r.gate, "gate")?;
        let gate = GateName::parse(&name).ok_or_else(|| {
            err(
                r.gate.as_ref().map_or(a.span(), |g| g.span()),
                "gate",
                format!("unknown gate `{name}`"),
                &gate_names(),
            )
        })?;
        let Some(v) = &r.value else {
            return Err(err(a.span(), "value", "value is missing".into(), one));
        };
        let (lo, hi) = gate.range();
        let value = u8::try_from(*v.get_ref())
            .ok()
            .filter(|x| (lo..=hi).contains(x))
            .ok_or_else(|| {
                err(
                    v.span(),
                    "value",
                    format!(
                        "{} = {} is outside {lo}-{hi}, the limits of the clinical rules",
                        gate.as_str(),
                        v.get_ref()
                    ),
                    "an adjustment may only make a gate stricter (docs/EVIDENCE.md)",
                )
            })?;
        AdjustKind::Gate { gate, value }
    };
    if let Some(u) = until
        && u < made
    {
        return Err(err(
            r.until.as_ref().map_or(a.span(), |u| u.span()),
            "until",
            format!("until {u} is before the day it was made, {made}"),
            "an adjustment lasts from the day it is made",
        ));
    }
    let by = match &r.by {
        Some(b) => need(&r.by, "by")
            .map_err(|e| e.hint("who made it, e.g. \"Dr Lee, PT\""))
            .and_then(|s| {
                if s.chars().any(char::is_control) {
                    Err(err(
                        b.span(),
                        "by",
                        "a name on one line, without control characters".into(),
                        "who made it, e.g. \"Dr Lee, PT\"",
                    ))
                } else {
                    Ok(s)
                }
            })?,
        None => crate::model::adjust::BY_YOU.to_string(),
    };
    let reason = r
        .reason
        .as_ref()
        .map(|s| s.get_ref().trim().to_string())
        .filter(|s| !s.is_empty());
    Ok(Adjustment {
        kind,
        by,
        reason,
        made,
        until,
    })
}

/// The gates `--gate` takes, as a hint.
pub fn gate_names() -> String {
    let names: Vec<&str> = GateName::ALL.iter().map(|g| g.as_str()).collect();
    format!("gates: {}", names.join(", "))
}

/// Why an adjustment does not fit the program and profile: (field, problem, hint). An
/// adjustment may only name the program's lifts, exercises, stages and gates, never loosen a
/// gate, and a replacement carries no load (so it may not be an exercise with a lift).
pub fn adjust_problem(
    a: &Adjustment,
    program: &crate::model::Program,
    profile: &Profile,
) -> Option<(&'static str, String, String)> {
    let exercises = || program.stages.iter().flat_map(|s| s.exercises.iter());
    match &a.kind {
        AdjustKind::MaxPct { lift, .. } => {
            let lifts: Vec<String> = {
                let mut v: Vec<String> = exercises()
                    .filter_map(|e| e.lift.as_deref().map(str::to_string))
                    .collect();
                v.sort();
                v.dedup();
                v
            };
            if !lifts.contains(lift) {
                return Some((
                    "lift",
                    format!("program `{}` loads no lift `{lift}`", program.id),
                    format!(
                        "its lifts: {}",
                        if lifts.is_empty() {
                            "none".to_string()
                        } else {
                            lifts.join(", ")
                        }
                    ),
                ));
            }
            if profile.lift(lift).is_none() {
                return Some((
                    "lift",
                    format!("the profile has no pre-injury `{lift}`"),
                    "add the lift to the profile first".into(),
                ));
            }
        }
        AdjustKind::Swap { from, to } => {
            let ids = || {
                let mut v: Vec<&str> = exercises().map(|e| &*e.id).collect();
                v.sort_unstable();
                v.dedup();
                v.join(", ")
            };
            let find = |id: &str| exercises().find(|e| &*e.id == id);
            if find(from).is_none() {
                return Some((
                    "replace",
                    format!("program `{}` has no exercise `{from}`", program.id),
                    format!("its exercises: {}", ids()),
                ));
            }
            let Some(t) = find(to) else {
                return Some((
                    "with",
                    format!("program `{}` has no exercise `{to}`", program.id),
                    format!("its exercises: {}", ids()),
                ));
            };
            if from == to {
                return Some((
                    "with",
                    format!("`{to}` would replace itself"),
                    "name another exercise".into(),
                ));
            }
            if let Some(l) = &t.lift {
                return Some((
                    "with",
                    format!("`{to}` is loaded from the {l}: a replacement carries no load"),
                    "replace with an exercise without a barbell load (bird-dog, side-bridge ...)"
                        .into(),
                ));
            }
            // Only ever more cautious: the replacement comes from the same stage as the
            // exercise it replaces, or an earlier one, never a later (harder) one [SYNTH].
            let first_stage = |id: &str| {
                program
                    .stages
                    .iter()
                    .position(|s| s.exercises.iter().any(|e| &*e.id == id))
            };
            if let (Some(f), Some(w)) = (first_stage(from), first_stage(to))
                && w > f
            {
                let earlier: Vec<&str> = program.stages[..=f]
                    .iter()
                    .flat_map(|s| s.exercises.iter())
                    .filter(|e| e.lift.is_none() && &*e.id != from)
                    .map(|e| &*e.id)
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect();
                return Some((
                    "with",
                    format!(
                        "`{to}` first comes in stage {} ({}), after `{from}`'s stage {} ({}): a \
                         swap may only make the plan more cautious",
                        w + 1,
                        program.stages[w].name,
                        f + 1,
                        program.stages[f].name
                    ),
                    format!(
                        "replace it with an exercise of stage {} or earlier: {}",
                        f + 1,
                        earlier.join(", ")
                    ),
                ));
            }
        }
        AdjustKind::HoldStage { stage } => {
            if !program
                .stages
                .iter()
                .any(|s| &*s.id == stage || s.kind.as_str() == stage)
            {
                let ids: Vec<String> = program
                    .stages
                    .iter()
                    .map(|s| format!("{} ({})", s.id, s.kind.as_str()))
                    .collect();
                return Some((
                    "hold_stage",
                    format!("program `{}` has no stage `{stage}`", program.id),
                    format!("its stages: {}", ids.join(", ")),
                ));
            }
        }
        AdjustKind::Gate { gate, value } => {
            if let Some((s, v)) = program
                .stages
                .iter()
                .filter_map(|s| gate.of(&s.gates).map(|v| (s, v)))
                .find(|(_, v)| value > v)
            {
                return Some((
                    "value",
                    format!(
                        "{} = {value} is looser than the program's {v} in {}",
                        gate.as_str(),
                        s.name
                    ),
                    "an adjustment may only make a gate stricter".into(),
                ));
            }
        }
    }
    None
}

/// Checks every adjustment of a profile read from `text` against its program (see
/// [`adjust_problem`]), pointing at the field's line and column (the table's, for a field it
/// does not spell out).
pub fn check_adjust(
    path: &str,
    text: &str,
    profile: &Profile,
    program: &crate::model::Program,
) -> Result<(), DataError> {
    for (i, a) in profile.adjust.iter().enumerate() {
        if let Some((field, problem, hint)) = adjust_problem(a, program, profile) {
            let offset = toml::from_str::<RawAdjustSpans>(text)
                .ok()
                .and_then(|r| {
                    r.adjust.get(i).map(|t| {
                        t.get_ref()
                            .get(field)
                            .map_or(t.span().start, |f| f.span().start)
                    })
                })
                .unwrap_or(0);
            return Err(
                DataError::new(path, format!("adjust[{i}].{field}"), problem)
                    .at(text, offset)
                    .hint(hint),
            );
        }
    }
    Ok(())
}

/// The `[[adjust]]` tables as TOML, each after a blank line.
pub fn adjust_toml(all: &[Adjustment]) -> String {
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut out = String::new();
    for a in all {
        out += "\n[[adjust]]\n";
        match &a.kind {
            AdjustKind::MaxPct { lift, pct } => {
                out += &format!("lift = {}\nmax_pct = {pct}\n", q(lift));
            }
            AdjustKind::Swap { from, to } => {
                out += &format!("replace = {}\nwith = {}\n", q(from), q(to));
            }
            AdjustKind::HoldStage { stage } => out += &format!("hold_stage = {}\n", q(stage)),
            AdjustKind::Gate { gate, value } => {
                out += &format!("gate = {}\nvalue = {value}\n", q(gate.as_str()));
            }
        }
        if let Some(u) = a.until {
            out += &format!("until = {u}\n");
        }
        out += &format!("by = {}\n", q(&a.by));
        if let Some(r) = &a.reason {
            out += &format!("reason = {}\n", q(r));
        }
        out += &format!("made = {}\n", a.made);
    }
    out
}

/// `text` (a profile as read) with its adjustments replaced by `all`: the text before the
/// first `[[adjust]]` table is kept byte for byte when the adjustments are its last tables (as
/// graded writes them); otherwise the whole profile is written anew by [`to_toml`]. Either way
/// the result reads back as `profile` with `all`.
pub fn with_adjust(text: &str, profile: &Profile, all: &[Adjustment]) -> String {
    let want = Profile {
        adjust: all.to_vec(),
        ..profile.clone()
    };
    let head = match text.find("\n[[adjust]]") {
        Some(i) => &text[..i + 1],
        None => text,
    };
    let mut spliced = head.trim_end_matches('\n').to_string();
    spliced.push('\n');
    spliced += &adjust_toml(all);
    if parse("profile.toml", &spliced).is_ok_and(|p| p == want) {
        spliced
    } else {
        to_toml(&want)
    }
}

/// A stable workspace id from the intake (FNV-1a): the same intake gives the same calendar UIDs.
pub fn workspace_id(program: &str, start: NaiveDate, injury: NaiveDate) -> String {
    format!(
        "{:016x}",
        crate::model::fnv1a(format!("{program}|{start}|{injury}").as_bytes())
    )
}

/// Writes a profile as commented TOML.
pub fn to_toml(p: &Profile) -> String {
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    let days: Vec<String> = p
        .days
        .iter()
        .map(|d| q(&d.to_string().to_lowercase()))
        .collect();
    let flags: Vec<String> = p.red_flags.iter().map(|f| q(f.id())).collect();
    let line = |kv: String, comment: &str| {
        if comment.is_empty() {
            format!("{kv}\n")
        } else {
            format!("{kv:<34}# {comment}\n")
        }
    };
    let mut out = String::from(
        "# graded profile: your intake. `graded plan` checks every field when it reads it.\n# General guidance, not a diagnosis.\n",
    );
    out += &line(
        format!("id = {}", q(&p.id)),
        "workspace identity: keeps calendar events stable",
    );
    out += &line(
        format!("program = {}", q(&p.program)),
        "a built-in id or a program file",
    );
    out += &line(format!("start = {}", p.start), "first day of the program");
    out += &line(format!("injury_date = {}", p.injury_date), "");
    out += &line(
        format!("rest_pain = {}", p.rest_pain),
        "0-10 at intake: the first baseline",
    );
    out += &line(
        format!("red_flags = [{}]", flags.join(", ")),
        "red-flag ids answered yes",
    );
    out += &line(format!("screened = {}", p.screened), "date of that screen");
    out += &line(
        format!("units = {}", q(p.units.as_str())),
        "\"lb\" or \"kg\"",
    );
    out += &line(format!("days = [{}]", days.join(", ")), "");
    out += &line(
        format!("time = {}", q(&p.time.format("%H:%M").to_string())),
        "24-hour local start time",
    );
    out += &line(
        format!("timezone = {}", q(p.timezone.name())),
        "IANA time zone",
    );
    out += &line(format!("session_minutes = {}", p.session_minutes), "");
    out += &line(
        format!(
            "morning_reminder = {}",
            q(&p.morning_reminder.format("%H:%M").to_string())
        ),
        "calendar reminder to log next-morning pain",
    );
    if let Some(n) = &p.name {
        out += &line(
            format!("name = {}", q(n)),
            "your name, on the report and the history CSV",
        );
    }
    if let Some(c) = &p.clinician {
        out += &line(
            format!("clinician = {}", q(c)),
            "your physical therapist or clinician",
        );
    }
    for l in &p.lifts {
        out.push_str(&format!(
            "\n[[lifts]]\nname = {}\nweight = {}\nreps = {}\n",
            q(&l.name),
            l.weight,
            l.reps
        ));
    }
    out += &adjust_toml(&p.adjust);
    out
}

//! What the phone changed: an event graded wrote, read back from the server (a
//! `calendar-multiget` answer), parsed with the `ical` crate and compared field by field with
//! what graded sent. Pure: the text comes in, the fields and their differences go out.
//!
//! The server is not trusted: an object that does not parse, holds no event or several, names
//! another UID, or is larger than graded reads is [`Unreadable`], with the reason, and nothing
//! of it is used.

use serde::{Deserialize, Serialize};

/// The most bytes of one event graded reads back (graded's own are about 2 KiB).
pub const MAX_EVENT: usize = 64 * 1024;

/// The fields of one event graded compares, as the `ical` crate reads them (values as written,
/// escapes kept; a date-time with its parameters: `TZID=Europe/Berlin:20261125T070000`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFields {
    /// UID.
    pub uid: String,
    /// DTSTART, parameters first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// DTEND, parameters first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// SUMMARY.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// DESCRIPTION.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// STATUS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// SEQUENCE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence: Option<u32>,
}

/// A field graded compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// DTSTART.
    Start,
    /// DTEND.
    End,
    /// SUMMARY.
    Summary,
    /// DESCRIPTION (the notes).
    Description,
    /// STATUS.
    Status,
    /// SEQUENCE.
    Sequence,
}

impl Field {
    /// How a person calls it.
    pub fn name(self) -> &'static str {
        match self {
            Field::Start => "start",
            Field::End => "end",
            Field::Summary => "title",
            Field::Description => "notes",
            Field::Status => "status",
            Field::Sequence => "sequence",
        }
    }
}

/// One field that differs: what graded sent, what the server holds now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// Which field.
    pub field: Field,
    /// What graded sent (`None`: it sent none).
    pub sent: Option<String>,
    /// What the server holds (`None`: it holds none).
    pub now: Option<String>,
}

/// Why an event read back is not used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    /// Larger than [`MAX_EVENT`].
    #[error("larger than the {MAX_EVENT} bytes graded reads of one event ({0} bytes)")]
    TooLarge(usize),
    /// Not iCalendar the `ical` crate reads.
    #[error("not iCalendar graded can read ({0})")]
    Malformed(String),
    /// No VEVENT in it.
    #[error("no event in it")]
    NoEvent,
    /// More than one VEVENT (a repeating event with exceptions, or several events).
    #[error("{0} events in it where graded wrote one (made to repeat?)")]
    Several(usize),
    /// Another UID than graded's.
    #[error("it holds the event `{0}`, not graded's")]
    WrongUid(String),
    /// Not in the server's answer at all.
    #[error("the server did not send it back")]
    Missing,
}

/// Reads one calendar object: exactly one calendar with exactly one VEVENT whose UID is `uid`.
pub fn read_event(ics: &str, uid: &str) -> Result<EventFields, Unreadable> {
    if ics.len() > MAX_EVENT {
        return Err(Unreadable::TooLarge(ics.len()));
    }
    // Unfolded here (RFC 5545 §3.1): the `ical` crate trims each folded line's end, so a
    // space just before a fold would be lost (`warning sign here` read as `warning signhere`,
    // `2 3` as `23`).
    let unfolded = ics
        .replace("\r\n ", "")
        .replace("\r\n\t", "")
        .replace("\n ", "")
        .replace("\n\t", "");
    let calendars = ical::IcalParser::new(std::io::BufReader::new(unfolded.as_bytes()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Unreadable::Malformed(e.to_string()))?;
    let events: Vec<&ical::parser::ical::component::IcalEvent> =
        calendars.iter().flat_map(|c| c.events.iter()).collect();
    let event = match events.as_slice() {
        [] => return Err(Unreadable::NoEvent),
        [one] => *one,
        many => return Err(Unreadable::Several(many.len())),
    };
    let prop = |name: &str| event.properties.iter().find(|p| p.name == name);
    let value = |name: &str| prop(name).and_then(|p| p.value.clone());
    let stamp = |name: &str| {
        prop(name).map(|p| {
            let params: Vec<String> = p
                .params
                .iter()
                .flatten()
                .map(|(k, v)| format!("{k}={}", v.join(",")))
                .collect();
            let value = p.value.clone().unwrap_or_default();
            if params.is_empty() {
                value
            } else {
                format!("{}:{value}", params.join(";"))
            }
        })
    };
    let found = value("UID").unwrap_or_default();
    if found != uid {
        return Err(Unreadable::WrongUid(
            crate::text::visible(&found).into_owned(),
        ));
    }
    Ok(EventFields {
        uid: found,
        start: stamp("DTSTART"),
        end: stamp("DTEND"),
        summary: value("SUMMARY"),
        description: value("DESCRIPTION"),
        status: value("STATUS"),
        sequence: value("SEQUENCE").and_then(|s| s.trim().parse().ok()),
    })
}

/// The fields that differ between what graded sent and what the server holds, in the order
/// of [`Field`].
pub fn differences(sent: &EventFields, now: &EventFields) -> Vec<Difference> {
    let pairs = [
        (Field::Start, &sent.start, &now.start),
        (Field::End, &sent.end, &now.end),
        (Field::Summary, &sent.summary, &now.summary),
        (Field::Description, &sent.description, &now.description),
        (Field::Status, &sent.status, &now.status),
    ];
    let mut out: Vec<Difference> = pairs
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(field, a, b)| Difference {
            field,
            sent: a.clone(),
            now: b.clone(),
        })
        .collect();
    if sent.sequence != now.sequence {
        out.push(Difference {
            field: Field::Sequence,
            sent: sent.sequence.map(|n| n.to_string()),
            now: now.sequence.map(|n| n.to_string()),
        });
    }
    out
}

/// A difference as a person reads it: `start 20261127T070000 → 20261128T180000`; the notes,
/// long, are only named. Made visible: the server chose the text.
pub fn describe(d: &Difference) -> String {
    let shown = |v: &Option<String>| match v {
        Some(v) => {
            let v = v.rsplit(':').next().unwrap_or(v);
            crate::text::visible(v).into_owned()
        }
        None => "(none)".to_string(),
    };
    match d.field {
        Field::Description => "notes edited".to_string(),
        Field::Summary => format!(
            "title `{}` → `{}`",
            crate::text::visible(d.sent.as_deref().unwrap_or("")),
            crate::text::visible(d.now.as_deref().unwrap_or(""))
        ),
        f => format!("{} {} → {}", f.name(), shown(&d.sent), shown(&d.now)),
    }
}

/// A TEXT value as the `ical` crate gives it (escapes kept, RFC 5545 §3.3.11) made plain:
/// `\n` a line break, `\,` `\;` `\\` the character itself.
pub fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// When an event read back starts, on the person's clock (`zone`): a DTSTART in that zone is
/// taken as it is, one in UTC (`…Z`) or in another zone converted, a floating one taken as
/// local. An all-day date or a time graded cannot read is refused, with the reason.
pub fn local_start(
    start: Option<&str>,
    zone: &crate::model::Zone,
) -> Result<chrono::NaiveDateTime, String> {
    use chrono::TimeZone as _;
    let start = start.ok_or("it has no start")?;
    let (params, value) = start.rsplit_once(':').unwrap_or(("", start));
    if params.split(';').any(|p| p == "VALUE=DATE") || value.len() == 8 {
        return Err("it was made an all-day event".into());
    }
    let bad = || {
        format!(
            "`{}` is not a date and time graded reads",
            crate::text::visible(value)
        )
    };
    let (naive, utc) = match value.strip_suffix('Z') {
        Some(v) => (v, true),
        None => (value, false),
    };
    let t = chrono::NaiveDateTime::parse_from_str(naive, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
    let tzid = params.split(';').find_map(|p| p.strip_prefix("TZID="));
    let instant = if utc {
        t
    } else {
        match tzid {
            None => return Ok(t),
            Some(id) if id == zone.name() => return Ok(t),
            Some(id) => {
                let other = crate::model::Zone::get(id).ok_or_else(|| {
                    format!("its time zone `{}` is unknown", crate::text::visible(id))
                })?;
                other
                    .from_local_datetime(&t)
                    .earliest()
                    .ok_or_else(bad)?
                    .naive_utc()
            }
        }
    };
    Ok(zone.from_utc_datetime(&instant).naive_local())
}

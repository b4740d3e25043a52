//! The time zones graded accepts: IANA names only (`America/New_York`, or `UTC`). An
//! abbreviation such as `EST` names a fixed offset with no daylight saving, so a calendar built
//! on it is an hour off for half the year; a city (`New York`, `london`) is not a name at all.
//! Both are refused with the IANA names they most likely mean.

use crate::model::Zone;

/// Abbreviations and old names people type, with the IANA zones they most often mean.
#[rustfmt::skip]
const ALIASES: &[(&str, &[&str])] = &[
    ("EST", &["America/New_York", "America/Toronto"]), ("EDT", &["America/New_York", "America/Toronto"]),
    ("ET", &["America/New_York"]), ("EST5EDT", &["America/New_York"]), ("EASTERN", &["America/New_York"]),
    ("CST", &["America/Chicago", "Asia/Shanghai"]), ("CDT", &["America/Chicago"]), ("CT", &["America/Chicago"]),
    ("CST6CDT", &["America/Chicago"]), ("CENTRAL", &["America/Chicago"]),
    ("MST", &["America/Denver", "America/Phoenix"]), ("MDT", &["America/Denver"]), ("MT", &["America/Denver"]),
    ("MST7MDT", &["America/Denver"]), ("MOUNTAIN", &["America/Denver"]), ("NAVAJO", &["America/Denver"]),
    ("PST", &["America/Los_Angeles", "America/Vancouver"]), ("PDT", &["America/Los_Angeles", "America/Vancouver"]),
    ("PT", &["America/Los_Angeles"]), ("PST8PDT", &["America/Los_Angeles"]), ("PACIFIC", &["America/Los_Angeles"]),
    ("AKST", &["America/Anchorage"]), ("AKDT", &["America/Anchorage"]), ("HST", &["Pacific/Honolulu"]),
    ("AST", &["America/Halifax"]), ("ADT", &["America/Halifax"]), ("NST", &["America/St_Johns"]), ("NDT", &["America/St_Johns"]),
    ("GMT", &["Europe/London", "UTC"]), ("BST", &["Europe/London"]), ("GB", &["Europe/London"]), ("GB-EIRE", &["Europe/London"]),
    ("IST", &["Europe/Dublin", "Asia/Kolkata"]), ("EIRE", &["Europe/Dublin"]),
    ("WET", &["Europe/Lisbon"]), ("WEST", &["Europe/Lisbon"]), ("PORTUGAL", &["Europe/Lisbon"]),
    ("CET", &["Europe/Paris", "Europe/Berlin"]), ("CEST", &["Europe/Paris", "Europe/Berlin"]), ("MET", &["Europe/Paris", "Europe/Berlin"]),
    ("EET", &["Europe/Athens", "Europe/Helsinki"]), ("EEST", &["Europe/Athens", "Europe/Helsinki"]),
    ("MSK", &["Europe/Moscow"]), ("W-SU", &["Europe/Moscow"]), ("POLAND", &["Europe/Warsaw"]), ("TURKEY", &["Europe/Istanbul"]),
    ("ICELAND", &["Atlantic/Reykjavik"]), ("EGYPT", &["Africa/Cairo"]), ("LIBYA", &["Africa/Tripoli"]),
    ("SAST", &["Africa/Johannesburg"]), ("CAT", &["Africa/Maputo"]), ("EAT", &["Africa/Nairobi"]), ("WAT", &["Africa/Lagos"]),
    ("ISRAEL", &["Asia/Jerusalem"]), ("IRAN", &["Asia/Tehran"]), ("PKT", &["Asia/Karachi"]),
    ("JST", &["Asia/Tokyo"]), ("JAPAN", &["Asia/Tokyo"]), ("KST", &["Asia/Seoul"]), ("ROK", &["Asia/Seoul"]),
    ("PRC", &["Asia/Shanghai"]), ("ROC", &["Asia/Taipei"]), ("HKT", &["Asia/Hong_Kong"]), ("HONGKONG", &["Asia/Hong_Kong"]),
    ("SGT", &["Asia/Singapore"]), ("SINGAPORE", &["Asia/Singapore"]), ("WIB", &["Asia/Jakarta"]), ("PHT", &["Asia/Manila"]),
    ("AEST", &["Australia/Sydney", "Australia/Brisbane"]), ("AEDT", &["Australia/Sydney", "Australia/Melbourne"]),
    ("ACST", &["Australia/Adelaide", "Australia/Darwin"]), ("ACDT", &["Australia/Adelaide"]), ("AWST", &["Australia/Perth"]),
    ("NZST", &["Pacific/Auckland"]), ("NZDT", &["Pacific/Auckland"]), ("NZ", &["Pacific/Auckland"]), ("NZ-CHAT", &["Pacific/Chatham"]),
    ("CUBA", &["America/Havana"]), ("JAMAICA", &["America/Jamaica"]), ("KWAJALEIN", &["Pacific/Kwajalein"]),
    ("BRT", &["America/Sao_Paulo"]), ("ART", &["America/Argentina/Buenos_Aires"]),
    ("Z", &["UTC"]), ("ZULU", &["UTC"]), ("UCT", &["UTC"]), ("UNIVERSAL", &["UTC"]), ("GREENWICH", &["UTC"]),
    ("GMT0", &["UTC"]), ("GMT+0", &["UTC"]), ("GMT-0", &["UTC"]),
];

/// Large cities that share another city's zone, so have no IANA name of their own.
#[rustfmt::skip]
const CITIES: &[(&str, &str)] = &[
    ("BOSTON", "America/New_York"), ("WASHINGTON", "America/New_York"), ("MIAMI", "America/New_York"),
    ("ATLANTA", "America/New_York"), ("PHILADELPHIA", "America/New_York"), ("MONTREAL", "America/Toronto"),
    ("DALLAS", "America/Chicago"), ("HOUSTON", "America/Chicago"), ("SAN FRANCISCO", "America/Los_Angeles"),
    ("SEATTLE", "America/Los_Angeles"), ("SAN DIEGO", "America/Los_Angeles"), ("MUNICH", "Europe/Berlin"),
    ("FRANKFURT", "Europe/Berlin"), ("MILAN", "Europe/Rome"), ("BARCELONA", "Europe/Madrid"),
    ("MANCHESTER", "Europe/London"), ("EDINBURGH", "Europe/London"), ("MUMBAI", "Asia/Kolkata"),
    ("DELHI", "Asia/Kolkata"), ("NEW DELHI", "Asia/Kolkata"), ("BANGALORE", "Asia/Kolkata"),
    ("BEIJING", "Asia/Shanghai"), ("OSAKA", "Asia/Tokyo"), ("CAPE TOWN", "Africa/Johannesburg"),
];

/// Reads a time zone: an IANA name, in any case (`america/new_york` is America/New_York), or
/// `UTC`. Anything else is refused, with the IANA names it most likely means.
pub fn parse_zone(s: &str) -> Result<Zone, String> {
    let t = s.trim();
    if t.eq_ignore_ascii_case("utc") {
        return Ok(Zone::get("UTC").expect("the bundled database has UTC"));
    }
    if t.contains('/')
        && let Some(zone) = Zone::get(t)
    {
        return Ok(zone);
    }
    let guesses = suggest(t);
    let why = if alias(t).is_some() {
        format!("`{t}` names a fixed offset or an old alias; an IANA name follows daylight saving")
    } else {
        "IANA names are Area/City".to_string()
    };
    Err(match guesses.as_slice() {
        [] => format!(
            "`{s}` is not an IANA time zone name: use Area/City, like America/New_York, Europe/London or Asia/Tokyo (or UTC)"
        ),
        _ => format!(
            "`{s}` is not an IANA time zone name: did you mean {}? ({why})",
            or_list(&guesses)
        ),
    })
}

/// The zones an abbreviation or old name stands for.
fn alias(s: &str) -> Option<&'static [&'static str]> {
    let upper = s.trim().to_ascii_uppercase();
    ALIASES
        .iter()
        .find(|(a, _)| *a == upper)
        .map(|(_, zones)| *zones)
}

/// The IANA names a person most likely meant by `s`: an abbreviation's or an old name's zones,
/// or the zones of a city (`New York`, `new_york`, `london`, `america/new york`).
pub fn suggest(s: &str) -> Vec<String> {
    if let Some(zones) = alias(s) {
        return zones.iter().map(|z| (*z).to_string()).collect();
    }
    let key = |n: &str| {
        n.trim()
            .to_ascii_lowercase()
            .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("_")
    };
    let want = key(s);
    if want.is_empty() {
        return Vec::new();
    }
    if let Some((_, zone)) = CITIES.iter().find(|(city, _)| key(city) == want) {
        return vec![(*zone).to_string()];
    }
    let mut out: Vec<String> = Zone::names()
        .into_iter()
        .filter(|n| n.contains('/') && !n.starts_with("Etc/"))
        .filter(|n| key(n) == want || n.rsplit('/').next().is_some_and(|city| key(city) == want))
        .collect();
    // The current names first: `America/...` before the old `US/...` links.
    out.sort_by_key(|n| legacy(n));
    out.truncate(3);
    out
}

/// An old link kept for compatibility (`US/Eastern`, `Canada/Pacific`).
fn legacy(name: &str) -> bool {
    ["US/", "Canada/", "Brazil/", "Chile/", "Mexico/"]
        .iter()
        .any(|p| name.starts_with(p))
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

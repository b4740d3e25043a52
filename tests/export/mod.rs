//! Exporters on one hand-built plan (insta snapshots), the iCalendar read back with the `ical`
//! parser, update semantics across re-exports, and the FHIR Bundle through a real validator.

mod atomic;
mod bad_output;
mod dst;
mod fhir;
mod history_csv;
mod library;
mod reexport;
mod reminders;
pub(crate) mod snapshots;
mod streamed;
mod therapist;
mod wrap;

/// Parses an .ics with the `ical` crate: (UID, DTSTART, SEQUENCE, STATUS) per event.
pub fn read_back(ics: &str) -> Vec<(String, String, String, String)> {
    let reader = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
    let cals: Vec<_> = reader
        .collect::<Result<_, _>>()
        .expect("the ical parser reads it");
    assert_eq!(cals.len(), 1, "one calendar");
    cals[0]
        .events
        .iter()
        .map(|e| {
            let get = |n: &str| {
                e.properties
                    .iter()
                    .find(|p| p.name == n)
                    .and_then(|p| p.value.clone())
                    .unwrap_or_default()
            };
            (get("UID"), get("DTSTART"), get("SEQUENCE"), get("STATUS"))
        })
        .collect()
}

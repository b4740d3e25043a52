//! Exporters on one hand-built plan (insta snapshots), the iCalendar read back with the `ical`
//! parser, and update semantics across re-exports.

mod atomic;
mod reexport;
mod snapshots;

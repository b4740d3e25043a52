//! CalDAV sync (issue 13, design in `docs/CALDAV.md`): the plan's calendar kept in step on a
//! server. This module holds the WebDAV pieces; the sync itself builds on the calendar diff
//! ([`crate::engine::calendar`]) and the one iCalendar writer ([`crate::export::ics_text`]).

pub mod config;
pub mod dav;
pub mod multistatus;
pub mod plan;
pub mod readback;

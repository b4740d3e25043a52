//! CalDAV sync: the WebDAV answers read back (issue 13, `docs/CALDAV.md`).

mod config;
mod faults;
mod multistatus;
mod plan;
mod radicale;

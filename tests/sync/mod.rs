//! CalDAV sync: the WebDAV answers read back (issue 13, `docs/CALDAV.md`).

mod multistatus;
mod plan;
mod radicale;

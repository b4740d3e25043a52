//! CalDAV sync: the WebDAV answers read back (issue 13, `docs/CALDAV.md`).

mod canned;
mod config;
mod e2e;
mod faults;
mod guarded;
mod multistatus;
mod phone;
mod phone_log;
mod plan;
mod proxy;
mod radicale;
mod readback;
mod redirect;
mod server;

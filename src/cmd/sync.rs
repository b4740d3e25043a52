//! `graded sync`: the plan's sessions kept in step on a CalDAV calendar (`docs/CALDAV.md`).

use std::process::ExitCode;

use anyhow::anyhow;

use super::{Ctx, Usage};
use crate::cli::SyncArgs;
use crate::export::ics::{PlanIcs, diff};
use crate::load::workspace::read_optional;
use crate::sync::config::{PASSWORD_ENV, SYNC_TOML, SyncConfig};
use crate::sync::dav::{Client, check_url};
use crate::sync::plan::{SyncState, Tally, execute, left_alone};

/// What graded sent to the server (beside `calendar.json`, the file export's).
pub const CALDAV_STATE: &str = "caldav.json";

/// Runs `graded sync`.
pub fn run(ctx: &Ctx, a: SyncArgs) -> anyhow::Result<ExitCode> {
    let dir = ctx.workspace()?;
    if a.setup {
        let (Some(url), Some(username)) = (a.url, a.username) else {
            return Err(Usage("graded sync --setup needs --url and --username".into()).into());
        };
        check_url(&url, a.insecure_http)?;
        let mut config = SyncConfig {
            url,
            username,
            password_cmd: a.password_cmd,
        };
        let password = config.password(std::env::var(PASSWORD_ENV).ok())?;
        let client = Client::new(&config.username, &password, a.insecure_http);
        config.url = calendar_url(&client, &config.url)?;
        let _lock = ctx.lock()?;
        config.write(dir)?;
        println!(
            "Wrote {} (no password in it): graded syncs to {}.",
            dir.join(SYNC_TOML).display(),
            config.url
        );
        return Ok(ExitCode::SUCCESS);
    }
    let config = SyncConfig::read(dir)?.ok_or_else(|| {
        anyhow!(
            "no {SYNC_TOML} in {}: run {} sync --setup first",
            dir.display(),
            ctx.graded()
        )
    })?;
    check_url(&config.url, a.insecure_http)?;
    let password = config.password(std::env::var(PASSWORD_ENV).ok())?;
    let client = Client::new(&config.username, &password, a.insecure_http);
    let built = ctx.build(None)?;
    let lock = ctx.lock()?;
    let path = dir.join(CALDAV_STATE);
    let mut state: SyncState = match read_optional(&path)? {
        None => SyncState::default(),
        Some(t) => serde_json::from_str(&t)
            .map_err(|e| anyhow!("{}: unreadable sync state: {e}", path.display()))?,
    };
    // Past sessions stay as they were: only today's and later events are sent or cancelled.
    let calendar = diff(
        &state.sent,
        &built.course.plan,
        &built.data.profile,
        Some(ctx.today),
    );
    let doc = built.doc();
    let ics = PlanIcs {
        alarm: (!a.no_alarm).then_some(a.alarm),
        calendar: &calendar,
    };
    let steps = execute(
        &client,
        &config.url,
        &mut state,
        &calendar,
        |slot| ics.event_object(&doc, slot),
        a.force,
        a.dry_run,
        |s| Ok(lock.write(&path, &serde_json::to_vec_pretty(s)?)?),
    )?;
    let tally = Tally::of(&steps);
    for line in left_alone(&steps, &calendar) {
        println!("{line}");
    }
    if a.dry_run {
        println!("Would sync {}: {tally} (nothing sent).", config.url);
    } else {
        println!("Synced {}: {tally}.", config.url);
    }
    Ok(ExitCode::SUCCESS)
}

/// The calendar to sync to, from the URL given: the URL itself when it is a calendar; else, in
/// the account's calendar home, the calendar named `graded`, created when there is none.
fn calendar_url(client: &Client, url: &str) -> anyhow::Result<String> {
    if client.is_calendar(url)? {
        return Ok(url.to_string());
    }
    let home = client.calendar_home(url)?;
    let calendars = client.calendars(&home)?;
    let named = |c: &&crate::sync::dav::Calendar| {
        c.displayname.as_deref() == Some("graded")
            || c.url.trim_end_matches('/').ends_with("/graded")
    };
    if let Some(c) = calendars.iter().find(named) {
        return Ok(c.url.clone());
    }
    let graded = format!("{}/graded/", home.trim_end_matches('/'));
    client.mkcalendar(&graded, "graded")?;
    println!("Created the calendar `graded` at {graded}.");
    Ok(graded)
}

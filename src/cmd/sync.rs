//! `graded sync`: the plan's sessions kept in step on a CalDAV calendar (`docs/CALDAV.md`).

use std::process::ExitCode;

use anyhow::anyhow;

use super::ask;
use super::{Ctx, Usage};
use crate::cli::SyncArgs;
use graded::engine::calendar::{CalendarDiff, EventKind, uid_day};
use graded::engine::moving::{MoveCheck, check_move};
use graded::export::ics::PlanIcs;
use graded::load::session_move::{self as moves_csv, MOVES};
use graded::load::workspace::read_optional;
use graded::model::{Correction, CorrectionKind, SessionMove};
use graded::sync::config::{
    ConfigError, PASSWORD_ENV, SYNC_TOML, SyncConfig, password_cmd_timeout,
};
use graded::sync::dav::{
    Calendar, Client, check_origin, check_url, origin_of, percent_decode, same_resource, well_known,
};
use graded::sync::plan::{
    CALDAV_STATE, Read, ReadBack, Step, SyncState, Tally, execute, left_alone, read_back,
    read_back_lines,
};
use graded::sync::readback::{Field, local_start};
use graded::text::visible;

/// Reads `caldav.json` (empty when there is none).
fn read_state(path: &std::path::Path) -> anyhow::Result<SyncState> {
    Ok(match read_optional(path)? {
        None => SyncState::default(),
        Some(t) => serde_json::from_str(&t)
            .map_err(|e| anyhow!("{}: unreadable sync state: {e}", path.display()))?,
    })
}

/// Runs `graded sync`. The workspace lock is held only to read the course and the state, and
/// for each save of the state (read again under it, only the step just done merged in): never
/// while waiting on the network, so a `graded log` meanwhile is not kept waiting.
pub fn run(ctx: &Ctx, a: SyncArgs) -> anyhow::Result<ExitCode> {
    let dir = ctx.workspace()?;
    if a.setup {
        return setup(ctx, a);
    }
    if let Some(day) = a.undo_move {
        return undo_move(ctx, day);
    }
    let config = SyncConfig::read(dir)?.ok_or_else(|| {
        anyhow!(
            "no {SYNC_TOML} in {}: run {} sync --setup first",
            dir.display(),
            ctx.graded()
        )
    })?;
    check_url(&config.url, a.insecure_http)?;
    // The calendar must be where the password may go, checked before the password is had.
    check_origin(config.origin(), &config.url, a.insecure_http)
        .map_err(|e| anyhow!("{}: {e}", dir.join(SYNC_TOML).display()))?;
    let password = config.password(std::env::var(PASSWORD_ENV).ok())?;
    let client =
        Client::new(&config.username, &password, a.insecure_http).with_origin(config.origin());
    let path = dir.join(CALDAV_STATE);
    // Past sessions stay as they were: only today's and later events are sent or cancelled.
    let today = Some(ctx.today);
    let (first, mut state) = {
        let _lock = ctx.lock()?;
        let state = read_state(&path)?;
        (
            ctx.build_with_calendar(None, &state.sent, today, true)?,
            state,
        )
    };
    // First what the phone changed: the events edited on the server since graded wrote them,
    // read back (nothing is written yet); a session moved there is checked and, when taken,
    // recorded before the plan is built again.
    let before = first.course.calendar();
    let listed = execute(
        &client,
        &config.url,
        &mut state,
        before,
        |_| String::new(),
        a.force,
        true,
        |_, _| Ok(()),
    )?;
    let reads = if a.force {
        Vec::new()
    } else {
        read_back(&client, &config.url, &state, &listed)?
    };
    take_moves(ctx, &first, before, &reads, &mut state, a.dry_run)?;
    // Then what the phone logged: the forms filled in, logged as `graded log` logs them; each
    // event logged (or found logged already) is then answered from the plan.
    let forms = super::sync_logs::take(ctx, before, &reads, a.dry_run)?;
    for f in forms.iter().filter(|f| f.answers()) {
        if let Some(r) = reads.iter().find(|r| r.uid == f.uid) {
            write_over(&mut state, r);
        }
    }
    let moved_any = !reads.is_empty();
    // A move taken or refused changes what the person does: the notice goes with it.
    let said_moves = reads
        .iter()
        .any(|r| matches!(&r.read, ReadBack::Changed(d) if is_move(d, before, r)));
    // What was read back may have changed the plan (a move recorded) and what to write over
    // (the phone's version): the course and its calendar diff, built again.
    let rebuilt;
    let built = if moved_any {
        let _lock = ctx.lock()?;
        rebuilt = ctx.build_with_calendar(None, &state.sent, today, true)?;
        &rebuilt
    } else {
        &first
    };
    let calendar = built.course.calendar();
    let doc = built.doc();
    let ics = PlanIcs {
        alarm: (!a.no_alarm).then_some(a.alarm),
        calendar,
    };
    let steps = execute(
        &client,
        &config.url,
        &mut state,
        calendar,
        |slot| ics.event_object(&doc, slot),
        a.force,
        a.dry_run,
        |uid, s| {
            // What is on disk now (another sync may have saved meanwhile), this step merged in.
            let lock = ctx.lock()?;
            let mut disk = read_state(&path)?;
            s.merge_uid(uid, &mut disk);
            Ok(lock.write(&path, &serde_json::to_vec_pretty(&disk)?)?)
        },
    )?;
    let tally = Tally::of(&steps);
    // An event whose form was read is named below with what became of it, not twice.
    let others: Vec<Step> = steps
        .iter()
        .filter(|s| !forms.iter().any(|f| f.uid == s.uid))
        .cloned()
        .collect();
    for line in left_alone(&others, calendar) {
        outln!("{line}");
    }
    // What the phone logged, with what the engine made of it.
    let logged = super::sync_logs::lines(
        &forms,
        (before, &first.course.plan),
        &built.course.plan,
        a.dry_run,
    );
    for line in &logged {
        outln!("{line}");
    }
    // What was read back and neither taken as a move nor read as a form: named, left alone.
    let unread: Vec<Read> = reads
        .into_iter()
        .filter(|r| !matches!(&r.read, ReadBack::Changed(d) if is_move(d, before, r)))
        .filter(|r| !forms.iter().any(|f| f.uid == r.uid))
        .collect();
    for line in read_back_lines(&unread, before) {
        outln!("{line}");
    }

    let url = visible(&config.url);
    // For cron and timers: nothing to say when nothing changed either way.
    let changed = tally.created + tally.updated + tally.cancelled + tally.left_alone;
    if a.quiet && changed + tally.unrecorded == 0 && !moved_any {
        return Ok(ExitCode::SUCCESS);
    }
    if a.dry_run {
        outln!("Would sync {url}: {tally} (nothing sent).");
    } else {
        outln!("Synced {url}: {tally}.");
    }
    // A log from the phone that stopped the program (two reds in a week) is said as `graded
    // log` says it, with its exit code.
    let stopped = built.course.plan.stopped && !first.course.plan.stopped;
    if stopped {
        outln!(
            "The program is stopped: run {} status, and see a clinician before training again.",
            ctx.graded()
        );
    }
    if said_moves || !logged.is_empty() {
        outln!("{}", graded::model::NOTICE);
    }
    Ok(if stopped {
        ExitCode::from(super::EXIT_STOPPED)
    } else {
        ExitCode::SUCCESS
    })
}

/// Whether what was read back of `r` is a session moved on the phone: a session's event whose
/// start changed.
fn is_move(d: &[graded::sync::readback::Difference], diff: &CalendarDiff, r: &Read) -> bool {
    diff.slots[r.slot].kind == EventKind::Session
        && diff.slots[r.slot].session.is_some()
        && d.iter().any(|x| x.field == Field::Start)
}

/// The sessions moved on the phone: each checked against the plan ([`check_move`]) and, when
/// taken, recorded in `moves.csv` (dated, from the calendar); when refused, named with the
/// reason. Either way the event is then written again from the plan (its new day, or put
/// back), with If-Match the phone's ETag and a SEQUENCE above the phone's: `state` is set so
/// that the diff sends it. With `dry_run`, said, and nothing recorded. Whether a move was recorded (the plan
/// must then be built again).
fn take_moves(
    ctx: &Ctx,
    built: &super::Built,
    diff: &CalendarDiff,
    reads: &[Read],
    state: &mut SyncState,
    dry_run: bool,
) -> anyhow::Result<bool> {
    let profile = &built.data.profile;
    let plan = &built.course.plan;
    let mut taken = Vec::new();
    for r in reads {
        let ReadBack::Changed(d) = &r.read else {
            continue;
        };
        if !is_move(d, diff, r) {
            continue;
        }
        let slot = &diff.slots[r.slot];
        let title = visible(&slot.summary).into_owned();
        let now = d
            .iter()
            .find(|x| x.field == Field::Start)
            .and_then(|x| x.now.as_deref());
        let Some(named) = uid_day(&r.uid) else {
            continue;
        };
        let verdict = local_start(now, &profile.timezone)
            .map_err(|e| e.to_string())
            .and_then(|to| {
                check_move(plan, named, to, ctx.today)
                    .map(|c| (to, c))
                    .map_err(|e| e.to_string())
            });
        let would = if dry_run { "would be " } else { "" };
        match verdict {
            Ok((to, MoveCheck::Taken(_))) => {
                outln!(
                    "moved on the phone: {title}: {} {} to {} {}, {would}taken: the sessions \
                     after it re-planned",
                    slot.day,
                    slot.time.format("%H:%M"),
                    to.date(),
                    to.time().format("%H:%M")
                );
                taken.push(SessionMove {
                    line: 0,
                    recorded: ctx.today,
                    session: named,
                    to: to.date(),
                    time: to.time(),
                    source: "calendar".into(),
                    correction: None,
                });
            }
            Ok((_, MoveCheck::Already)) => {}
            Err(why) => outln!(
                "moved on the phone: {title}: not taken ({why}); the event {} on {} {}",
                if dry_run {
                    "would be put back"
                } else {
                    "is put back"
                },
                slot.day,
                slot.time.format("%H:%M")
            ),
        }
        write_over(state, r);
    }
    if taken.is_empty() || dry_run {
        return Ok(false);
    }
    let dir = ctx.workspace()?;
    let mpath = dir.join(MOVES);
    let lock = ctx.lock()?;
    let mut all = moves_csv::read(dir)?;
    all.extend(taken);
    lock.write(&mpath, moves_csv::to_csv(&all).as_bytes())?;
    Ok(true)
}

/// The event `r` read back is to be written again from the plan, over the phone's version:
/// its ETag, a SEQUENCE above the phone's (in memory: a dry run then counts the event as one
/// it would update, and saves nothing).
fn write_over(state: &mut SyncState, r: &Read) {
    let phone_seq = match &r.read {
        ReadBack::Changed(d) => d
            .iter()
            .find(|x| x.field == Field::Sequence)
            .and_then(|x| x.now.as_deref()?.parse::<u32>().ok()),
        _ => None,
    };
    if let Some(e) = state.sent.events.get_mut(&r.uid) {
        e.hash = String::new();
        e.sequence = e.sequence.max(phone_seq.unwrap_or(0));
    }
    if let Some(remote) = state.remote.get_mut(&r.uid) {
        remote.etag = r.etag.clone();
    }
}

/// `graded sync --undo-move DAY`: the move in force of the session planned on `day`, struck
/// out (kept in `moves.csv` with its correction). The next sync puts the session back.
fn undo_move(ctx: &Ctx, day: chrono::NaiveDate) -> anyhow::Result<ExitCode> {
    let dir = ctx.workspace()?;
    let mpath = dir.join(MOVES);
    let lock = ctx.lock()?;
    let mut all = moves_csv::read(dir)?;
    let Some(m) = all
        .iter_mut()
        .rev()
        .find(|m| m.session == day && m.in_force())
    else {
        anyhow::bail!(
            "no move of the session planned on {day} in {}",
            mpath.display()
        );
    };
    m.correction = Some(Correction {
        kind: CorrectionKind::Withdrawn,
        date: ctx.today,
        reason: String::new(),
    });
    let (to, time) = (m.to, m.time);
    lock.write(&mpath, moves_csv::to_csv(&all).as_bytes())?;
    outln!(
        "Took back the move of the session planned on {day} (to {to} {}); the next sync puts \
         it back on the plan's day.",
        time.format("%H:%M")
    );
    outln!("{}", graded::model::NOTICE);
    Ok(ExitCode::SUCCESS)
}

/// `graded sync --setup`: the URL, user name and password source from the flags, asked on a
/// terminal for what they leave out (named in one message without one); the password checked
/// and the calendar found (picked on a terminal); `sync.toml` written.
fn setup(ctx: &Ctx, a: SyncArgs) -> anyhow::Result<ExitCode> {
    let dir = ctx.workspace()?;
    let env_password = std::env::var(PASSWORD_ENV).ok().filter(|p| !p.is_empty());
    if !ctx.interactive {
        let mut missing = Vec::new();
        if a.url.is_none() {
            missing.push("  --url URL            e.g. --url https://caldav.fastmail.com/dav/");
        }
        if a.username.is_none() {
            missing.push("  --username NAME      e.g. --username me@fastmail.com");
        }
        if a.password_cmd.is_none() && env_password.is_none() {
            missing.push(
                "  --password-cmd CMD   e.g. --password-cmd 'pass show caldav' (or set \
                 GRADED_CALDAV_PASSWORD)",
            );
        }
        if !missing.is_empty() {
            return Err(Usage(format!(
                "graded sync --setup: missing {} (no terminal to ask on: pass every one, or run \
                 it on a terminal to be asked):\n{}",
                if missing.len() == 1 {
                    "1 flag".to_string()
                } else {
                    format!("{} flags", missing.len())
                },
                missing.join("\n")
            ))
            .into());
        }
    }
    let insecure = a.insecure_http;
    let url = match a.url {
        Some(u) => u,
        None => ask::until(
            "The calendar's URL, or the server's (e.g. https://caldav.fastmail.com/dav/)",
            None,
            |s| check_url(s, insecure).map(|_| s.to_string()),
        )?,
    };
    // A URL given on the command line that is no URL, or plain HTTP to another machine, is
    // a wrong value: a usage error (exit 2), like any other.
    check_url(&url, insecure).map_err(|e| Usage(format!("--url: {e}")))?;
    let username = match a.username {
        Some(u) => u,
        None => ask::until("User name (often the e-mail address)", None, |s| {
            if s.is_empty() {
                Err("a user name, please")
            } else {
                Ok(s.to_string())
            }
        })?,
    };
    let ask_cmd = || -> anyhow::Result<Option<String>> {
        ask::say(&format!(
            "graded never stores the password: give a command that prints it (it runs on \
             every sync), or leave this empty and set {PASSWORD_ENV} before each sync."
        ));
        let c = ask::line("Password command (e.g. pass show caldav)", None)?;
        Ok((!c.is_empty()).then_some(c))
    };
    let password_cmd = match (a.password_cmd, &env_password) {
        (Some(c), _) => Some(c),
        (None, Some(_)) => None,
        (None, None) => ask_cmd()?,
    };
    let origin = origin_of(&url).map_or_else(|| url.clone(), |o| o.to_string());
    let mut config = SyncConfig {
        origin: Some(origin),
        url,
        username,
        password_cmd,
    };
    // On a terminal, a password command that fails is asked again; the URL and the user name
    // given stay.
    let password = loop {
        match config.password_from(env_password.clone(), "you gave", password_cmd_timeout()) {
            Ok(p) => break p,
            Err(e @ (ConfigError::PasswordCmd { .. } | ConfigError::NoPassword))
                if ctx.interactive =>
            {
                ask::say(&format!("  {e}"));
                config.password_cmd = ask_cmd()?;
            }
            Err(e) => return Err(e.into()),
        }
    };
    let client = Client::new(&config.username, &password, insecure).with_origin(config.origin());
    config.url = calendar_url(ctx, &client, &config.url, a.calendar.as_deref())?;
    // Whatever discovery gave, it is checked as sync.toml will be read back.
    check_url(&config.url, insecure)?;
    client.may_send(&config.url)?;
    let _lock = ctx.lock()?;
    config.write(dir)?;
    outln!(
        "Wrote {} (no password in it): graded syncs to {}.",
        dir.join(SYNC_TOML).display(),
        visible(&config.url)
    );
    Ok(ExitCode::SUCCESS)
}

/// The name graded's own calendar gets.
const GRADED: &str = "graded";

/// A calendar's name as a person sees it: its display name, else the last segment of its URL.
/// Made visible: the server chose it.
fn shown(c: &Calendar) -> String {
    let name = c
        .displayname
        .clone()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| {
            percent_decode(c.url.trim_end_matches('/').rsplit('/').next().unwrap_or(""))
        });
    visible(&name).into_owned()
}

/// Whether `c` is the one `name` (a display name, a URL or a path) names.
fn names(c: &Calendar, name: &str) -> bool {
    shown(c).eq_ignore_ascii_case(name)
        || same_resource(&c.url, name)
        || percent_decode(c.url.trim_end_matches('/'))
            .ends_with(&format!("/{}", name.trim_matches('/')))
}

/// The calendar to sync to, from the URL given: the URL itself when it is a calendar. Else the
/// account's calendars are found: the one `--calendar` names; on a terminal, the one the
/// person picks (or `graded`, created); else the calendar named `graded`, created when there
/// is none.
fn calendar_url(
    ctx: &Ctx,
    client: &Client,
    url: &str,
    wanted: Option<&str>,
) -> anyhow::Result<String> {
    if well_known(url).is_none() && client.is_calendar(url)? {
        // A calendar's own URL names the calendar: a --calendar beside it is a contradiction,
        // not something to ignore.
        if let Some(name) = wanted.filter(|w| w.trim_end_matches('/') != url.trim_end_matches('/'))
        {
            anyhow::bail!(
                "{url} is itself a calendar, so --calendar {name} has nothing to pick from; \
                 give the server's URL with --calendar, or the calendar's URL alone"
            );
        }
        return Ok(url.to_string());
    }
    let home = client.calendar_home(url)?;
    // A calendar listed where the password may not go (another origin), or at a URL graded
    // would refuse (a user name or password in it, control characters), is left out, named.
    let mut calendars: Vec<Calendar> = Vec::new();
    for c in client.calendars(&home)? {
        if !c.takes_events {
            continue;
        }
        match check_url(&c.url, client.insecure_http()).and_then(|_| client.may_send(&c.url)) {
            Ok(_) => calendars.push(c),
            Err(e) => errln!("left out the calendar `{}`: {e}", shown(&c)),
        }
    }
    let create = || -> anyhow::Result<String> {
        let graded = format!("{}/{GRADED}/", home.trim_end_matches('/'));
        client.mkcalendar(&graded, GRADED)?;
        outln!("Created the calendar `{GRADED}` at {}.", visible(&graded));
        Ok(graded)
    };
    let graded = calendars.iter().find(|c| names(c, GRADED));
    if let Some(name) = wanted {
        return match calendars.iter().find(|c| names(c, name)) {
            Some(c) => Ok(c.url.clone()),
            None if name.eq_ignore_ascii_case(GRADED) => create(),
            None => {
                let list: Vec<String> = calendars
                    .iter()
                    .map(|c| format!("  {}  {}", shown(c), visible(&c.url)))
                    .collect();
                Err(anyhow!(
                    "no calendar named `{name}` at {}; the calendars there:\n{}\n(or \
                     --calendar {GRADED} to create graded's own)",
                    visible(&home),
                    if list.is_empty() {
                        "  (none)".to_string()
                    } else {
                        list.join("\n")
                    }
                ))
            }
        };
    }
    if !ctx.interactive || calendars.is_empty() {
        return match graded {
            Some(c) => Ok(c.url.clone()),
            None => create(),
        };
    }
    // On a terminal: graded's own first (found, or to be created), then the others.
    let mut items: Vec<(String, String)> = Vec::new();
    let mut order: Vec<Option<&Calendar>> = Vec::new();
    match graded {
        Some(c) => {
            items.push((shown(c), visible(&c.url).into_owned()));
            order.push(Some(c));
        }
        None => {
            items.push((
                format!("new {GRADED}"),
                format!("create a calendar named {GRADED} for the plan"),
            ));
            order.push(None);
        }
    }
    for c in calendars.iter().filter(|c| Some(*c) != graded) {
        items.push((shown(c), visible(&c.url).into_owned()));
        order.push(Some(c));
    }
    let listed: Vec<(&str, &str)> = items
        .iter()
        .map(|(n, w)| (n.as_str(), w.as_str()))
        .collect();
    ask::say(&format!(
        "The calendars at {} (graded only ever touches the events it created):",
        visible(&home)
    ));
    let picked = ask::choose(
        "Which calendar (number or name)",
        &listed,
        |s| Err(format!("`{s}`: give a number from 1 to {}", listed.len())),
        |i| i,
    )?;
    match order[picked] {
        Some(c) => Ok(c.url.clone()),
        None => create(),
    }
}

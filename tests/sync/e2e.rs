//! `graded sync` end to end against real servers: each scenario is one function taking a
//! [`Server`], run against Radicale and Xandikos alike (the macro at the end), the real binary
//! doing the sync and `curl` reading the server back.
//!
//! Xandikos has no authentication (it is meant to sit behind a reverse proxy), so the wrong
//! password scenario runs against Radicale only.

use std::collections::BTreeMap;

use graded::sync::dav::percent_decode;

use super::proxy::Proxy;
use super::server::{PASSWORD, Server, USER, curl_etags, curl_events, curl_put};
use crate::harness::{Env, Output};

/// `graded sync --setup` with `url`, the test user, the password command `cmd`, and `extra`.
fn setup_with(env: &Env, url: &str, cmd: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "sync",
        "--setup",
        "--url",
        url,
        "--username",
        USER,
        "--password-cmd",
        cmd,
    ];
    args.extend_from_slice(extra);
    env.run(&args)
}

/// A workspace (the example `init`, today 2026-11-24) set up to sync to `url`.
pub(super) fn set_up(url: &str) -> Env {
    let env = Env::initialised();
    env.run(&["sync"]).code(1).stderr_has("sync --setup");
    let cmd = Server::password_cmd(env.tmp.path());
    setup_with(&env, url, &cmd, &[]).ok().stdout_has(url);
    let toml = env.read("sync.toml");
    assert!(
        !toml.contains(PASSWORD) && toml.contains("password_cmd"),
        "{toml}"
    );
    env
}

/// The counts of `Synced URL: 3 created, 5 updated, 1 cancelled, 40 unchanged.`: created,
/// updated, cancelled, unchanged.
pub(super) fn tally(out: &Output) -> [usize; 4] {
    let line = out
        .stdout
        .lines()
        .find(|l| l.starts_with("Synced ") || l.starts_with("Would sync "))
        .unwrap_or_else(|| panic!("no tally in {}", out.stdout));
    let counts = line.rsplit_once(": ").unwrap().1;
    let counts = counts
        .trim_end_matches('.')
        .trim_end_matches(" (nothing sent)");
    let mut n = [0; 4];
    for (i, word) in ["created", "updated", "cancelled", "unchanged"]
        .iter()
        .enumerate()
    {
        n[i] = counts
            .split(", ")
            .find_map(|p| p.strip_suffix(word))
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {word} in {line}"));
    }
    n
}

/// A sync on `day`: exits 0 and says which calendar.
pub(super) fn sync_on(env: &Env, day: &str, calendar: &str) -> Output {
    env.run_at(day, &["sync"])
        .ok()
        .stdout_has(&format!("Synced {calendar}: "))
}

/// The VEVENT of a calendar object (after its VTIMEZONE).
pub(super) fn vevent(body: &str) -> &str {
    &body[body.find("BEGIN:VEVENT").expect("a VEVENT")..]
}

/// An event's property, read from its VEVENT.
pub(super) fn prop<'a>(body: &'a str, name: &str) -> &'a str {
    vevent(body)
        .lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
        .unwrap_or_else(|| panic!("no {name} in {body}"))
        .trim_end()
}

/// The local day an event starts (`DTSTART;TZID=...:20261125T070000` gives `20261125`).
pub(super) fn day_of(body: &str) -> &str {
    let line = vevent(body)
        .lines()
        .find(|l| l.starts_with("DTSTART"))
        .expect("DTSTART");
    &line[line.rfind(':').unwrap() + 1..][..8]
}

/// The ETag the server lists for the resource `name` (hrefs compared decoded).
pub(super) fn etag_of<'a>(etags: &'a BTreeMap<String, String>, name: &str) -> Option<&'a str> {
    let decoded = percent_decode(name);
    etags
        .iter()
        .find(|(href, _)| percent_decode(href.rsplit('/').next().unwrap()) == decoded)
        .map(|(_, e)| e.as_str())
}

/// The server holds exactly what `caldav.json` says graded put there: every UID once, at the
/// name and with the ETag graded recorded; nothing else of graded's.
pub(super) fn state_matches_server(env: &Env, calendar: &str) -> BTreeMap<String, String> {
    let state: serde_json::Value = serde_json::from_str(&env.read("caldav.json")).unwrap();
    let remote = state["remote"].as_object().unwrap();
    let events = curl_events(calendar);
    let etags = curl_etags(calendar);
    assert_eq!(
        remote.keys().collect::<Vec<_>>(),
        events.keys().collect::<Vec<_>>(),
        "the server holds exactly the events graded recorded"
    );
    for (uid, r) in remote {
        let name = r["name"].as_str().unwrap();
        assert_eq!(r["etag"].as_str(), etag_of(&etags, name), "{uid}");
    }
    events
}

/// First sync: a dry run sends nothing; the sync creates every event from today on (the same
/// UIDs as the iCalendar export); a second sync sends nothing (the ETags stay as they were).
fn first_sync_and_an_idempotent_second(server: Server) {
    let calendar = server.new_calendar("graded");
    let env = set_up(&calendar);
    let dry = env.run(&["sync", "--dry-run"]).ok();
    let [created, 0, 0, 0] = tally(&dry) else {
        panic!("{}", dry.stdout)
    };
    assert!(dry.stdout.contains("(nothing sent)"), "{}", dry.stdout);
    assert!(curl_etags(&calendar).is_empty(), "a dry run sends nothing");

    let first = sync_on(&env, "2026-11-24", &calendar);
    assert_eq!(tally(&first), [created, 0, 0, 0], "{}", first.stdout);
    let events = state_matches_server(&env, &calendar);
    assert_eq!(events.len(), created);
    // The same events as the iCalendar export (everything starts today or later).
    let ics = env.path("plan.ics");
    env.run(&["plan", "--format", "ics", "-o", ics.to_str().unwrap()])
        .ok();
    let mut exported: Vec<String> =
        crate::export::read_back(&std::fs::read_to_string(&ics).unwrap())
            .into_iter()
            .map(|(uid, ..)| uid)
            .collect();
    exported.sort();
    assert_eq!(exported, events.keys().cloned().collect::<Vec<_>>());
    for body in events.values() {
        assert_eq!(prop(body, "STATUS"), "CONFIRMED", "{body}");
        assert_eq!(prop(body, "SEQUENCE"), "0", "{body}");
    }

    let etags = curl_etags(&calendar);
    let again = sync_on(&env, "2026-11-24", &calendar);
    assert_eq!(tally(&again), [0, 0, 0, created], "{}", again.stdout);
    assert_eq!(
        curl_etags(&calendar),
        etags,
        "nothing written the second time"
    );
}

/// Logs the sessions of 25, 27 and 28 November, the last one red (pain 7), as in the export's
/// re-plan test.
fn a_red_week(env: &Env) {
    env.log_session("2026-11-25", 1, 1, Some(1));
    env.log_session("2026-11-27", 1, 1, Some(1));
    env.log_session("2026-11-28", 7, 7, None);
}

/// A red session re-plans the sessions ahead: they are updated in place (same UIDs, SEQUENCE
/// up), nothing is duplicated, and a sync after that sends nothing.
fn a_red_session_re_plans(server: Server) {
    let calendar = server.new_calendar("graded");
    let env = set_up(&calendar);
    let [created, ..] = tally(&sync_on(&env, "2026-11-24", &calendar));
    let before = curl_events(&calendar);
    a_red_week(&env);
    let out = sync_on(&env, "2026-11-29", &calendar);
    let [new, updated, cancelled, unchanged] = tally(&out);
    assert!(updated > 0, "the red session re-planned: {}", out.stdout);
    assert_eq!(cancelled, 0, "a regression drops nothing: {}", out.stdout);
    let after = state_matches_server(&env, &calendar);
    assert_eq!(after.len(), created + new, "no duplicates");
    let raised = after
        .iter()
        .filter(|(uid, body)| {
            before.get(*uid).is_some_and(|b| {
                prop(body, "SEQUENCE").parse::<u32>().unwrap()
                    > prop(b, "SEQUENCE").parse::<u32>().unwrap()
            })
        })
        .count();
    assert_eq!(raised, updated, "each update raised SEQUENCE on the server");
    // The past stays as it was, but for the last week's sessions logged in graded: each
    // event (and its reminder, once the morning is in) says only that, its title unchanged
    // (the scores stay off the server).
    let logged = ["20261125", "20261127", "20261128"];
    for (uid, body) in &after {
        if day_of(body) >= "20261129" {
            continue;
        }
        let was = &before[uid];
        let shows =
            logged.contains(&&uid[..8]) && (uid.contains("-s1-") || &uid[..8] != "20261128");
        if shows {
            let now = super::phone_log::unfolded(body);
            assert_eq!(
                prop(&now, "SUMMARY"),
                prop(&super::phone_log::unfolded(was), "SUMMARY")
            );
            assert!(
                prop(&now, "DESCRIPTION")
                    .starts_with("Logged in graded: graded status shows how it went.\\n"),
                "{uid}: {body}"
            );
        } else {
            assert_eq!(body, was, "{uid} is in the past");
        }
    }
    let etags = curl_etags(&calendar);
    let again = sync_on(&env, "2026-11-29", &calendar);
    assert_eq!(
        tally(&again),
        [0, 0, 0, new + updated + unchanged],
        "{}",
        again.stdout
    );
    assert_eq!(curl_etags(&calendar), etags);
}

/// Logs a session on `date` with a fever, a red flag that stops the program (exit 3).
fn log_fever(env: &Env, date: &str) {
    env.log_fever(date).code(3);
}

/// A stop (a red flag): every event ahead is sent again as CANCELLED, SEQUENCE up.
fn a_stop_cancels_every_future_session(server: Server) {
    let calendar = server.new_calendar("graded");
    let env = set_up(&calendar);
    sync_on(&env, "2026-11-24", &calendar);
    log_fever(&env, "2026-11-25");
    let out = sync_on(&env, "2026-11-25", &calendar);
    let [0, _, cancelled, _] = tally(&out) else {
        panic!("{}", out.stdout)
    };
    let events = state_matches_server(&env, &calendar);
    // A UID starts with its session's date (a reminder's too, though it falls the day after).
    let (ahead, kept): (Vec<_>, Vec<_>) =
        events.iter().partition(|(uid, _)| &uid[..8] > "20261125");
    assert!(!ahead.is_empty());
    assert_eq!(cancelled, ahead.len(), "{}", out.stdout);
    for (_, body) in ahead {
        assert_eq!(prop(body, "STATUS"), "CANCELLED", "{body}");
        assert_eq!(prop(body, "SEQUENCE"), "1", "{body}");
    }
    // Today's session (logged) and its reminder stay as they were.
    for (_, body) in kept {
        assert_eq!(prop(body, "STATUS"), "CONFIRMED", "{body}");
    }
    let again = sync_on(&env, "2026-11-25", &calendar);
    assert_eq!(tally(&again)[..3], [0, 0, 0], "{}", again.stdout);
}

/// The person moves a session on the phone (a PUT from another client): the next sync leaves
/// it alone and names it, the rest goes on; `--force` then writes over it.
fn a_phone_edit_is_left_alone(server: Server) {
    let calendar = server.new_calendar("graded");
    let env = set_up(&calendar);
    sync_on(&env, "2026-11-24", &calendar);
    let events = curl_events(&calendar);
    let (uid, body) = events
        .iter()
        .filter(|(uid, _)| uid.contains("-s1-"))
        .nth(2)
        .unwrap();
    let title = prop(body, "SUMMARY").to_string();
    let shown = title.replace("\\,", ",");
    let day = day_of(body);
    let date = format!("{}-{}-{}", &day[..4], &day[4..6], &day[6..]);
    let state: serde_json::Value = serde_json::from_str(&env.read("caldav.json")).unwrap();
    let url = format!(
        "{calendar}{}",
        state["remote"][uid]["name"].as_str().unwrap()
    );
    let phone = body.replace(&format!("SUMMARY:{title}"), "SUMMARY:Moved on my phone");
    curl_put(&url, &phone);

    // A stop cancels every session ahead, but not the one the phone changed.
    log_fever(&env, "2026-11-25");
    let out = sync_on(&env, "2026-11-25", &calendar)
        .stdout_has(", 1 left alone (edited on the server)")
        .stdout_has(&format!(
            "left alone: {date} {shown}: edited on the phone or another client since graded \
             wrote it, so graded did not cancel it (--force to overwrite)"
        ));
    let [_, _, cancelled, _] = tally(&out);
    let now = curl_events(&calendar);
    assert!(
        now[uid].contains("SUMMARY:Moved on my phone"),
        "{}",
        now[uid]
    );
    assert_eq!(
        now.values()
            .filter(|b| prop(b, "STATUS") == "CANCELLED")
            .count(),
        cancelled
    );
    // Left alone again on the next sync; then --force writes over it.
    sync_on(&env, "2026-11-25", &calendar).stdout_has("left alone: ");
    let forced = env.run_at("2026-11-25", &["sync", "--force"]).ok();
    assert_eq!(tally(&forced)[2], 1, "{}", forced.stdout);
    assert!(!forced.stdout.contains("left alone"), "{}", forced.stdout);
    let now = state_matches_server(&env, &calendar);
    assert_eq!(prop(&now[uid], "STATUS"), "CANCELLED");
    assert!(!now[uid].contains("Moved on my phone"));
}

/// `caldav.json` lost (or a copy of the workspace without it): the events already on the
/// server are graded's, but graded has no record of writing them and cannot see an edit, so it
/// writes over none of them, names each, and says how to write over them (`--force`).
fn a_lost_sync_state_writes_over_nothing(server: Server) {
    let calendar = server.new_calendar("graded");
    let env = set_up(&calendar);
    sync_on(&env, "2026-11-24", &calendar);
    let events = curl_events(&calendar);
    let (uid, body) = events.iter().find(|(uid, _)| uid.contains("-s1-")).unwrap();
    let state: serde_json::Value = serde_json::from_str(&env.read("caldav.json")).unwrap();
    let url = format!(
        "{calendar}{}",
        state["remote"][uid]["name"].as_str().unwrap()
    );
    let title = prop(body, "SUMMARY").to_string();
    curl_put(
        &url,
        &body.replace(&format!("SUMMARY:{title}"), "SUMMARY:Moved on my phone"),
    );
    let before = curl_etags(&calendar);
    std::fs::remove_file(env.dir().join("caldav.json")).unwrap();

    let dry = env.run_at("2026-11-24", &["sync", "--dry-run"]).ok();
    let out = sync_on(&env, "2026-11-24", &calendar)
        .stdout_has(&format!(
            ", {} left alone (on the server, not in graded's records)",
            before.len()
        ))
        .stdout_has("already on the server, but this workspace has no record of writing it");
    assert_eq!(tally(&out), [0, 0, 0, 0], "{}", out.stdout);
    assert_eq!(
        dry.stdout
            .lines()
            .filter(|l| l.starts_with("left alone: "))
            .count(),
        before.len()
    );
    assert_eq!(curl_etags(&calendar), before, "nothing sent");
    assert!(curl_events(&calendar)[uid].contains("SUMMARY:Moved on my phone"));

    // --force writes over them all; the sync after that is graded's as before.
    env.run_at("2026-11-24", &["sync", "--force"]).ok();
    let now = state_matches_server(&env, &calendar);
    assert!(!now[uid].contains("Moved on my phone"));
    let again = sync_on(&env, "2026-11-24", &calendar);
    assert_eq!(tally(&again)[3], now.len(), "{}", again.stdout);
}

/// The server stopped: the sync exits 1 naming the URL, the state untouched; started again,
/// the next sync finishes the job.
fn a_stopped_server_then_the_next_sync(mut server: Server) {
    let calendar = server.new_calendar("graded");
    let env = set_up(&calendar);
    let [created, ..] = tally(&sync_on(&env, "2026-11-24", &calendar));
    a_red_week(&env);
    let state = env.read("caldav.json");
    server.stop();
    env.run_at("2026-11-29", &["sync"])
        .code(1)
        .stderr_has("cannot reach")
        .stderr_has(&calendar);
    assert_eq!(env.read("caldav.json"), state);
    server.restart();
    let [new, updated, ..] = tally(&sync_on(&env, "2026-11-29", &calendar));
    assert!(updated > 0);
    assert_eq!(
        state_matches_server(&env, &calendar).len(),
        created + new,
        "no duplicates"
    );
}

/// Cut in the middle of a sync (through a proxy): the third PUT reaches the server but its
/// answer is lost, and the server is gone from then on. graded exits 1 naming the URL,
/// `caldav.json` records exactly the two PUTs it heard back, and the next sync finishes: every
/// event once, the one written without graded hearing so written over under its own name.
fn cut_in_the_middle_of_a_sync(server: Server) {
    let calendar = server.new_calendar("graded");
    let proxy = Proxy::new(server.port);
    let through = calendar.replace(&server.origin, &proxy.origin);
    let env = set_up(&through);
    proxy.cut_at_put(3);
    let out = env.run(&["sync"]).code(1).stderr_has(&through);
    assert!(
        out.stderr.contains("cannot reach"),
        "a lost answer is a network fault: {}",
        out.stderr
    );
    assert_eq!(proxy.puts(), 3);
    // The server holds three events; graded recorded the two it heard back, each with the ETag
    // the server has.
    let held = curl_events(&calendar);
    assert_eq!(held.len(), 3, "{:?}", held.keys());
    let state: serde_json::Value = serde_json::from_str(&env.read("caldav.json")).unwrap();
    let remote = state["remote"].as_object().unwrap();
    assert_eq!(remote.len(), 2);
    let etags = curl_etags(&calendar);
    for r in remote.values() {
        let name = r["name"].as_str().unwrap();
        assert_eq!(r["etag"].as_str(), etag_of(&etags, name), "{name}");
    }

    // Still down: exit 1 again, the state untouched.
    let kept = env.read("caldav.json");
    env.run(&["sync"]).code(1).stderr_has(&through);
    assert_eq!(env.read("caldav.json"), kept);

    // Back: the next sync completes to exactly the plan.
    proxy.heal();
    let dry = env.run(&["sync", "--dry-run"]).ok();
    let [created, 0, 0, 2] = tally(&dry) else {
        panic!("{}", dry.stdout)
    };
    let out = sync_on(
        &env,
        "2026-11-24",
        &calendar.replace(&server.origin, &proxy.origin),
    );
    assert_eq!(tally(&out), [created, 0, 0, 2], "{}", out.stdout);
    let events = state_matches_server(&env, &calendar);
    assert_eq!(events.len(), created + 2, "every event once");
    let puts = proxy.puts();
    let again = sync_on(&env, "2026-11-24", &through);
    assert_eq!(tally(&again), [0, 0, 0, created + 2], "{}", again.stdout);
    assert_eq!(proxy.puts(), puts, "not one PUT the second time");
}

/// Radicale checks passwords: a wrong one is refused at setup (exit 1, sync.toml kept) and at
/// sync (exit 1 naming the URL, the state untouched).
fn a_wrong_password(server: Server) {
    assert!(server.checks_passwords());
    let calendar = server.new_calendar("graded");
    let env = set_up(&calendar);
    sync_on(&env, "2026-11-24", &calendar);
    let toml = env.read("sync.toml");
    setup_with(&env, &calendar, "echo wrong", &[])
        .code(1)
        .stderr_has("401")
        .stderr_has(&calendar);
    assert_eq!(env.read("sync.toml"), toml);
    let state = env.read("caldav.json");
    let cmd = toml
        .lines()
        .find_map(|l| l.strip_prefix("password_cmd = "))
        .unwrap();
    env.write("sync.toml", &toml.replace(cmd, "\"echo wrong\""));
    env.run(&["sync"])
        .code(1)
        .stderr_has("refused the user name or password (401)")
        .stderr_has(&calendar);
    assert_eq!(env.read("caldav.json"), state);
}

/// `--setup` with the server's bare address: discovery (through `/.well-known/caldav`) finds no
/// calendar named graded and creates one; again, it is found, not created twice; `--calendar`
/// picks another by name, and one that is not there is refused with the list; a calendar's own
/// URL with `--calendar` naming another is refused.
fn setup_finds_or_creates_the_graded_calendar(server: Server) {
    let env = Env::initialised();
    let cmd = Server::password_cmd(env.tmp.path());
    let setup = |extra: &[&str]| setup_with(&env, &server.origin, &cmd, extra);
    let graded = format!("{}graded/", server.home());
    setup(&[])
        .ok()
        .stdout_has(&format!("Created the calendar `graded` at {graded}"));
    assert!(env.read("sync.toml").contains(&graded));
    let again = setup(&[]).ok();
    assert!(!again.stdout.contains("Created"), "{}", again.stdout);
    let found = server.client().discover(&server.root()).unwrap();
    assert_eq!(found.len(), server.calendars_at_start() + 1, "{found:?}");
    let [created, ..] = tally(&sync_on(&env, "2026-11-24", &graded));
    assert!(created > 0);

    // Another calendar, by its name.
    let rehab = format!("{}rehab/", server.home());
    server.client().mkcalendar(&rehab, "Rehab").unwrap();
    setup(&["--calendar", "Rehab"]).ok();
    assert!(
        env.read("sync.toml").contains(&rehab),
        "{}",
        env.read("sync.toml")
    );
    let toml = env.read("sync.toml");
    setup(&["--calendar", "Holidays"])
        .code(1)
        .stderr_has("no calendar named `Holidays`")
        .stderr_has(&rehab)
        .stderr_has(&graded);
    assert_eq!(env.read("sync.toml"), toml, "kept");

    // A calendar's own URL with --calendar naming another: refused, not ignored.
    let by_url = |extra: &[&str]| setup_with(&env, &graded, &cmd, extra);
    by_url(&["--calendar", "Rehab"])
        .code(1)
        .stderr_has(&format!("{graded} is itself a calendar"))
        .stderr_has("--calendar Rehab");
    assert_eq!(env.read("sync.toml"), toml, "kept");
    by_url(&[]).ok();
    assert!(env.read("sync.toml").contains(&graded));
}

/// `--setup` on a terminal with no flags: it asks for the URL, the user name and the password
/// command, lists the calendars it found and takes the one picked by number.
fn setup_on_a_terminal_asks_and_lists_the_calendars(server: Server) {
    use crate::cli::prompts::{answer, expect, finish, spawn};
    let rehab = format!("{}rehab/", server.home());
    server.client().mkcalendar(&rehab, "Rehab").unwrap();
    let env = Env::initialised();
    let cmd = Server::password_cmd(env.tmp.path());
    let mut p = spawn(&env, 100, &["sync", "--setup"]);
    expect(&mut p, "The calendar's URL, or the server's");
    answer(&mut p, "ftp://nowhere");
    expect(&mut p, "must start with https://");
    answer(&mut p, &server.origin);
    expect(&mut p, "User name");
    answer(&mut p, USER);
    expect(&mut p, "Password command");
    answer(&mut p, &cmd);
    let list = expect(&mut p, "Which calendar (number or name)");
    assert!(list.contains("1. new graded"), "{list}");
    let n = list
        .lines()
        .find(|l| l.contains(&rehab))
        .and_then(|l| l.trim().split('.').next())
        .unwrap_or_else(|| panic!("{rehab} not listed: {list}"))
        .to_string();
    answer(&mut p, "9");
    expect(&mut p, "give a number from 1 to");
    answer(&mut p, &n);
    let (rest, code) = finish(p);
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains(&format!("graded syncs to {rehab}")), "{rest}");
    let toml = env.read("sync.toml");
    assert!(toml.contains(&rehab) && !toml.contains(PASSWORD), "{toml}");
    sync_on(&env, "2026-11-24", &rehab);
}

/// Without a terminal, `--setup` names every missing flag in one message (exit 2).
#[test]
fn setup_without_a_terminal_names_every_missing_flag() {
    let env = Env::initialised();
    let out = env.run(&["sync", "--setup"]).code(2);
    for flag in [
        "missing 3 flags",
        "--url URL",
        "--username NAME",
        "--password-cmd CMD",
    ] {
        assert!(out.stderr.contains(flag), "{flag}: {}", out.stderr);
    }
    env.run(&[
        "sync",
        "--setup",
        "--username",
        USER,
        "--password-cmd",
        "true",
    ])
    .code(2)
    .stderr_has("missing 1 flag")
    .stderr_has("--url URL");
    assert!(!env.dir().join("sync.toml").exists());
    // A --url that is no URL, or plain HTTP to another machine: a wrong value, exit 2.
    for (url, says) in [
        ("not a url", "`not a url` is not a usable URL"),
        ("ftp://example.com/dav/", "is not a usable URL"),
        ("http://example.com/dav/", "is plain HTTP"),
    ] {
        setup_with(&env, url, "echo x", &[])
            .code(2)
            .stderr_has(says);
    }
    assert!(!env.dir().join("sync.toml").exists());
}

/// Each scenario as a test against each server.
#[macro_export]
macro_rules! against {
    ($server:ident: $($scenario:ident),* $(,)?) => {
        mod $server {
            $(
                #[test]
                fn $scenario() {
                    if let Some(s) = super::Server::$server() {
                        super::$scenario(s);
                    }
                }
            )*
        }
    };
}

against!(radicale:
    first_sync_and_an_idempotent_second,
    a_red_session_re_plans,
    a_stop_cancels_every_future_session,
    a_phone_edit_is_left_alone,
    a_lost_sync_state_writes_over_nothing,
    a_stopped_server_then_the_next_sync,
    cut_in_the_middle_of_a_sync,
    a_wrong_password,
    setup_finds_or_creates_the_graded_calendar,
    setup_on_a_terminal_asks_and_lists_the_calendars,
);

against!(xandikos:
    first_sync_and_an_idempotent_second,
    a_red_session_re_plans,
    a_stop_cancels_every_future_session,
    a_phone_edit_is_left_alone,
    a_lost_sync_state_writes_over_nothing,
    a_stopped_server_then_the_next_sync,
    cut_in_the_middle_of_a_sync,
    setup_finds_or_creates_the_graded_calendar,
    setup_on_a_terminal_asks_and_lists_the_calendars,
);

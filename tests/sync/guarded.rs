//! Issue 18: a sync that cannot be turned against the person, through the real binary and
//! canned servers ([`super::canned`]): the password goes only to the origin given at setup, a
//! URL with credentials is refused without printing them, the password command has a time
//! limit and is never quoted, an interrupted first sync finishes by itself, hrefs are matched
//! whole, the workspace lock is not held across the network, and what a server says reaches
//! the terminal made visible.

use std::process::{Command, Stdio};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use super::canned::{FakeCalendar, Seen, ok207, serve};
use crate::harness::{Env, Output};

/// `graded sync --setup --url URL --username alice --password-cmd 'echo pw'` and `extra`.
fn setup(env: &Env, url: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "sync",
        "--setup",
        "--url",
        url,
        "--username",
        "alice",
        "--password-cmd",
        "echo pw",
    ];
    args.extend_from_slice(extra);
    env.run(&args)
}

/// A server answering the discovery of `/dav/` (principal, then home), the home listing
/// `listing` (`<d:response>`s), MKCALENDAR of `/dav/calendars/alice/graded/`.
fn discovery(listing: String) -> (String, std::sync::Arc<std::sync::Mutex<Vec<Seen>>>) {
    serve("127.0.0.1", move |s| {
        match (s.method.as_str(), s.path.as_str()) {
            ("PROPFIND", "/dav/") => ok207(
                "<d:response><d:href>/dav/</d:href><d:propstat><d:prop><d:current-user-principal>\
             <d:href>/dav/principals/alice/</d:href></d:current-user-principal></d:prop>\
             <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>",
            ),
            ("PROPFIND", "/dav/principals/alice/") => ok207(
                "<d:response><d:href>/dav/principals/alice/</d:href><d:propstat><d:prop>\
             <c:calendar-home-set><d:href>/dav/calendars/alice/</d:href></c:calendar-home-set>\
             </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>",
            ),
            ("PROPFIND", "/dav/calendars/alice/") => ok207(&listing),
            ("MKCALENDAR", "/dav/calendars/alice/graded/") => {
                Some(("201 Created".into(), String::new(), String::new()))
            }
            _ => Some(("404 Not Found".into(), String::new(), String::new())),
        }
    })
}

/// A calendar in a home listing: its href and display name.
fn calendar_entry(href: &str, name: &str) -> String {
    format!(
        "<d:response><d:href>{href}</d:href><d:propstat><d:prop><d:resourcetype><d:collection/>\
         <c:calendar/></d:resourcetype><d:displayname>{name}</d:displayname></d:prop>\
         <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
    )
}

/// The port of `http://HOST:PORT`.
fn port(origin: &str) -> &str {
    origin.rsplit(':').next().unwrap()
}

#[test]
fn a_calendar_listed_on_another_origin_is_left_out_and_never_sent_the_password() {
    // The other server: on this machine, another port; reached as localhost and as 127.0.0.1.
    let (elsewhere, there) = serve("localhost", |_| {
        ok207("<d:response><d:href>/cal/</d:href></d:response>")
    });
    let p2 = port(&elsewhere).to_string();
    let listing = format!(
        "{}{}",
        calendar_entry(&format!("http://localhost:{p2}/cal/"), "graded"),
        calendar_entry(&format!("http://127.0.0.1:{p2}/cal/"), "Work")
    );
    let (origin, _) = discovery(listing);
    let env = Env::initialised();
    let out = setup(&env, &format!("{origin}/dav/"), &[])
        .ok()
        .stderr_has(&format!(
            "left out the calendar `graded`: http://localhost:{p2}/cal/ is not on {origin}, \
             the server given at setup"
        ))
        .stderr_has(&format!("http://127.0.0.1:{p2}/cal/ is not on {origin}"))
        .stdout_has(&format!(
            "Created the calendar `graded` at {origin}/dav/calendars/alice/graded/"
        ));
    let toml = env.read("sync.toml");
    assert!(
        toml.contains(&format!("url = \"{origin}/dav/calendars/alice/graded/\"")),
        "{toml}"
    );
    assert!(toml.contains(&format!("origin = \"{origin}\"")), "{toml}");
    assert!(!out.stdout.contains(&p2), "{}", out.stdout);
    // Picked by name, it is not there to pick.
    setup(&env, &format!("{origin}/dav/"), &["--calendar", "Work"])
        .code(1)
        .stderr_has("no calendar named `Work`");

    // sync.toml edited by hand to point elsewhere: refused before anything is sent.
    for url in [
        format!("http://localhost:{p2}/cal/"),
        format!("http://127.0.0.1:{p2}/cal/"),
    ] {
        env.write(
            "sync.toml",
            &toml.replace(&format!("{origin}/dav/calendars/alice/graded/"), &url),
        );
        env.run(&["sync"])
            .code(1)
            .stderr_has(&format!("{url} is not on {origin}"));
    }
    assert!(
        there.lock().unwrap().is_empty(),
        "nothing sent to the other origin"
    );
}

#[test]
fn a_url_with_a_password_in_it_is_refused_and_never_printed() {
    let env = Env::initialised();
    let out = setup(&env, "http://alice:secret@127.0.0.1:9/cal/", &[])
        .code(2)
        .stderr_has("`http://***@127.0.0.1:9/cal/` has a user name or password in it");
    assert!(!out.stderr.contains("secret") && !out.stdout.contains("secret"));
    assert!(!env.dir().join("sync.toml").exists());

    // Written into sync.toml by hand: refused, named, not printed.
    let calendar = FakeCalendar::default();
    let (url, seen) = calendar.start();
    setup(&env, &url, &[]).ok();
    let toml = env.read("sync.toml");
    env.write(
        "sync.toml",
        &toml.replace("url = \"http://", "url = \"http://alice:secret@"),
    );
    let out = env
        .run(&["sync"])
        .code(1)
        .stderr_has("url `http://***@127.0.0.1:")
        .stderr_has("has a user name or password in it");
    assert!(!out.stderr.contains("secret") && !out.stdout.contains("secret"));
    let before = seen.lock().unwrap().len();

    // Handed back by a server (a redirect): not followed, not printed.
    let (origin, _) = serve("127.0.0.1", |s| {
        let port = s
            .headers
            .lines()
            .find_map(|l| l.strip_prefix("host: "))
            .unwrap()
            .trim()
            .to_string();
        Some((
            "307 Temporary Redirect".into(),
            format!("Location: http://alice:secret@{port}/elsewhere/\r\n"),
            String::new(),
        ))
    });
    let out = setup(&Env::initialised(), &format!("{origin}/cal/"), &[]).code(1);
    assert!(
        out.stderr.contains("http://***@127.0.0.1:"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("secret"), "{}", out.stderr);
    assert_eq!(seen.lock().unwrap().len(), before);
}

#[test]
fn the_password_command_has_a_time_limit_and_its_group_is_killed() {
    let calendar = FakeCalendar::default();
    let (url, seen) = calendar.start();
    let env = Env::initialised();
    setup(&env, &url, &[]).ok();
    let pidfile = env.path("child.pid");
    let toml = env.read("sync.toml").replace(
        "password_cmd = \"echo pw\"",
        &format!(
            "password_cmd = \"sleep 300 & echo $! > '{}'; wait\"",
            pidfile.display()
        ),
    );
    env.write("sync.toml", &toml);
    let started = Instant::now();
    let out = assert_cmd::Command::cargo_bin("graded")
        .unwrap()
        .arg("--dir")
        .arg(env.dir())
        .args(["--today", "2026-11-24", "sync"])
        .env("GRADED_PASSWORD_CMD_TIMEOUT", "0.5")
        .env_remove("GRADED_CALDAV_PASSWORD")
        .timeout(Duration::from_secs(15))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        stderr.contains(
            "the password command in sync.toml did not finish within 0.5 s, and was stopped"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("sleep 300"), "{stderr}");
    // The command's own child was killed with it.
    let pid = std::fs::read_to_string(&pidfile).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    // Gone, or a zombie no one has reaped yet (killed all the same).
    let alive = std::fs::read_to_string(format!("/proc/{}/stat", pid.trim())).is_ok_and(|stat| {
        stat.rsplit(") ")
            .next()
            .is_some_and(|s| !s.starts_with('Z'))
    });
    assert!(!alive, "the background sleep {pid} is still running");
    assert!(FakeCalendar::puts(&seen).is_empty());
}

#[test]
fn a_password_typed_as_the_command_is_never_printed_back() {
    let env = Env::initialised();
    let calendar = FakeCalendar::default();
    let (url, _) = calendar.start();
    let out = env.run(&[
        "sync",
        "--setup",
        "--url",
        &url,
        "--username",
        "alice",
        "--password-cmd",
        "s3cret-pass",
    ]);
    let out = out.code(1).stderr_has(
        "the password command you gave failed: the shell found no such command (exit 127)",
    );
    assert!(!out.stderr.contains("s3cret-pass"), "{}", out.stderr);
}

#[test]
fn setup_on_a_terminal_asks_again_for_a_password_command_that_fails() {
    use crate::cli::prompts::{answer, expect, finish, spawn};
    let calendar = FakeCalendar::default();
    let (url, _) = calendar.start();
    let env = Env::initialised();
    let mut p = spawn(&env, 100, &["sync", "--setup"]);
    expect(&mut p, "The calendar's URL, or the server's");
    answer(&mut p, "http://me:hunter2@127.0.0.1:9/cal/");
    let said = expect(&mut p, "has a user name or password in it");
    expect(&mut p, "The calendar's URL, or the server's");
    answer(&mut p, &url);
    expect(&mut p, "User name");
    answer(&mut p, "alice");
    expect(&mut p, "Password command");
    answer(&mut p, "s3cret-pass");
    let failed = expect(
        &mut p,
        "the password command you gave failed: the shell found no such command (exit 127)",
    );
    // Asked again; the URL and the user name kept.
    expect(&mut p, "Password command");
    answer(&mut p, "echo pw");
    let (rest, code) = finish(p);
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains(&format!("graded syncs to {url}")), "{rest}");
    // Never printed back (the terminal echoes nothing here: what shows is graded's).
    assert!(!failed.contains("s3cret-pass"), "{failed}");
    assert!(!said.contains("hunter2"), "{said}");
    assert!(
        !rest.contains("s3cret-pass") && !rest.contains("hunter2"),
        "{rest}"
    );
    let toml = env.read("sync.toml");
    assert!(toml.contains("password_cmd = \"echo pw\""), "{toml}");
}

/// A workspace and the resource names its first sync PUTs (to a calendar of its own).
fn names_graded_puts() -> (Env, Vec<String>) {
    let calendar = FakeCalendar::default();
    let (url, seen) = calendar.start();
    let env = Env::initialised();
    setup(&env, &url, &[]).ok();
    env.run(&["sync"]).ok();
    std::fs::remove_file(env.dir().join("caldav.json")).unwrap();
    let names = FakeCalendar::puts(&seen)
        .iter()
        .map(|s| s.path.rsplit('/').next().unwrap().to_string())
        .collect();
    (env, names)
}

#[test]
fn events_listed_under_another_path_are_not_graded_s() {
    let (env, names) = names_graded_puts();
    assert!(names.len() > 10);
    // Another user's calendar listing graded's names: not this calendar's members.
    let calendar = FakeCalendar::default();
    let mut extra = String::new();
    for n in &names {
        for href in [format!("/bob/cal/{n}"), format!("/cal/sub/{n}")] {
            extra.push_str(&format!(
                "<d:response><d:href>{href}</d:href><d:propstat><d:prop><d:getetag>\"bob\"\
                 </d:getetag><d:resourcetype/></d:prop><d:status>HTTP/1.1 200 OK</d:status>\
                 </d:propstat></d:response>"
            ));
        }
    }
    *calendar.extra.lock().unwrap() = extra;
    let (url, seen) = calendar.start();
    setup(&env, &url, &[]).ok();
    let out = env
        .run(&["sync"])
        .ok()
        .stdout_has(&format!("{} created, 0 updated", names.len()));
    assert!(!out.stdout.contains("left alone"), "{}", out.stdout);
    let puts = FakeCalendar::puts(&seen);
    assert_eq!(puts.len(), names.len());
    assert!(puts.iter().all(|s| s.headers.contains("if-none-match: *")));
}

#[test]
fn a_sync_killed_during_its_very_first_put_is_finished_by_the_next() {
    let calendar = FakeCalendar::default();
    let (url, seen) = calendar.start();
    let env = Env::initialised();
    setup(&env, &url, &[]).ok();
    calendar.hold_next_put.store(true, Ordering::SeqCst);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("graded"))
        .arg("--dir")
        .arg(env.dir())
        .args(["--today", "2026-11-24", "sync"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while FakeCalendar::puts(&seen).is_empty() {
        assert!(Instant::now() < deadline, "no PUT");
        std::thread::sleep(Duration::from_millis(20));
    }
    // The server wrote it; graded dies before it hears so.
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(calendar.events.lock().unwrap().len(), 1);

    let out = env.run(&["sync"]).ok();
    assert!(!out.stdout.contains("left alone"), "{}", out.stdout);
    let total = calendar.events.lock().unwrap().len();
    assert!(
        out.stdout.contains(&format!("{total} created, 0 updated")),
        "{}",
        out.stdout
    );
    // The one written before the kill, written over at the ETag listed.
    let puts = FakeCalendar::puts(&seen);
    let first = &puts[0].path;
    assert!(
        puts[1..]
            .iter()
            .any(|s| &s.path == first && s.headers.contains("if-match: \"e0\"")),
        "{puts:?}"
    );
    let state = env.read("caldav.json");
    assert!(!state.contains("pending"), "{state}");
    let again = env.run(&["sync"]).ok();
    assert!(
        again.stdout.contains(&format!(
            "0 created, 0 updated, 0 cancelled, {total} unchanged"
        )),
        "{}",
        again.stdout
    );
}

#[test]
fn a_log_written_while_a_slow_sync_runs_does_not_wait_for_it() {
    let calendar = FakeCalendar::default();
    let (url, seen) = calendar.start();
    let env = Env::initialised();
    setup(&env, &url, &[]).ok();
    calendar.put_delay_ms.store(300, Ordering::SeqCst);
    let child = Command::new(assert_cmd::cargo::cargo_bin("graded"))
        .arg("--dir")
        .arg(env.dir())
        .args(["--today", "2026-11-24", "sync"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while FakeCalendar::puts(&seen).len() < 3 {
        assert!(Instant::now() < deadline, "no PUT");
        std::thread::sleep(Duration::from_millis(20));
    }
    env.run(&[
        "--lock-wait",
        "3",
        "log",
        "--pain-during",
        "1",
        "--pain-after",
        "1",
        "--rpe",
        "5",
    ])
    .ok();
    let mid = FakeCalendar::puts(&seen).len();
    calendar.put_delay_ms.store(0, Ordering::SeqCst);
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let total = calendar.events.lock().unwrap().len();
    assert!(
        mid < total,
        "the log was written while the sync was mid-way"
    );
    assert!(stdout.contains(&format!("{total} created")), "{stdout}");
    assert!(env.read("log.csv").contains("2026-11-24,session,done"));
    // Every PUT recorded; the next sync brings the calendar in step with the log.
    let state: serde_json::Value = serde_json::from_str(&env.read("caldav.json")).unwrap();
    assert_eq!(state["remote"].as_object().unwrap().len(), total);
    env.run(&["sync"]).ok().stdout_has("Synced ");
    env.run(&["sync"])
        .ok()
        .stdout_has(", 0 updated, 0 cancelled, ");
}

#[test]
fn a_malformed_listing_says_what_is_wrong_once() {
    let (origin, _) = serve("127.0.0.1", |_| {
        Some((
            "207 Multi-Status".into(),
            String::new(),
            "<D:multistatus xmlns:D=\"DAV:\"><D:response>".into(),
        ))
    });
    let env = Env::initialised();
    env.write(
        "sync.toml",
        &format!("url = \"{origin}/cal/\"\nusername = \"alice\"\npassword_cmd = \"echo pw\"\n"),
    );
    let out = env.run(&["sync"]).code(1);
    assert_eq!(
        out.stderr,
        format!(
            "error: {origin}/cal/: malformed WebDAV answer: the document ends inside <response>\n"
        )
    );
}

#[test]
fn a_sync_whose_reader_has_gone_does_not_panic() {
    let calendar = FakeCalendar::default();
    let (url, _) = calendar.start();
    let env = Env::initialised();
    setup(&env, &url, &[]).ok();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("graded"))
        .arg("--dir")
        .arg(env.dir())
        .args(["--today", "2026-11-24", "sync", "--dry-run"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before graded writes a byte.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn what_a_server_lists_reaches_the_terminal_made_visible() {
    let evil = "\u{1b}]0;pwned\u{7}\u{1b}[2J";
    let listing = format!(
        "{}{}",
        calendar_entry(&format!("/dav/calendars/alice/x{evil}/"), "graded"),
        calendar_entry("/dav/calendars/alice/work/", &format!("Work{evil}")),
    );
    let (origin, _) = discovery(listing);
    let env = Env::initialised();
    let out = setup(&env, &format!("{origin}/dav/"), &[])
        .ok()
        .stderr_has("left out the calendar `graded`")
        .stderr_has("holds control characters")
        .stderr_has("\\u{1b}]0;pwned\\u{7}");
    let toml = env.read("sync.toml");
    for text in [&out.stdout, &out.stderr, &toml] {
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
    }
    assert!(
        toml.contains(&format!("url = \"{origin}/dav/calendars/alice/graded/\"")),
        "{toml}"
    );
    let out = setup(&env, &format!("{origin}/dav/"), &["--calendar", "Holidays"]).code(1);
    assert!(out.stderr.contains("Work\\u{1b}]0;pwned"), "{}", out.stderr);
    assert!(!out.stderr.contains('\u{1b}'));
}

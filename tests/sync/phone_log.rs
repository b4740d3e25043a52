//! Issue 23 end to end: the phone as the logbook. `curl` stands in for the phone, filling in
//! the form line of a session event or a next-morning reminder (a PUT with `If-Match`), against
//! Radicale and Xandikos started by the tests: a session and its morning logged from the
//! calendar and judged; a red stepping the plan back; a form that cannot be read, and a line
//! that reads like a warning sign, named and left; a conflict with graded's own log; a sync cut
//! in the middle and the next one finishing with nothing logged twice.

use std::collections::BTreeMap;

use super::e2e::{day_of, prop, set_up, state_matches_server, sync_on, tally};
use super::phone::{phone_put, where_is};
use super::proxy::Proxy;
use super::server::{Server, curl};
use crate::harness::Env;

/// `body` unfolded (RFC 5545 §3.1), as the phone reads it.
pub(super) fn unfolded(body: &str) -> String {
    body.replace("\r\n ", "")
        .replace("\r\n\t", "")
        .replace("\n ", "")
        .replace("\n\t", "")
}

/// An event's DESCRIPTION, unescaped.
fn notes(body: &str) -> String {
    let body = unfolded(body);
    prop(&body, "DESCRIPTION")
        .replace("\\n", "\n")
        .replace("\\,", ",")
        .replace("\\;", ";")
}

/// The event `uid` with its form line `form` filled in as `filled` (and SEQUENCE as it was:
/// a phone editing notes often leaves it), PUT as the phone would.
fn fill(env: &Env, calendar: &str, uid: &str, form: &str, filled: &str) {
    let (url, etag) = where_is(env, calendar, uid);
    let body = unfolded(&curl(&[&url]));
    assert!(body.contains(form), "no form `{form}` in {body}");
    phone_put(&url, &body.replacen(form, filled, 1), &etag);
}

/// [`fill`], then a sync on `day` (which exits 0).
fn phone_logs(
    env: &Env,
    calendar: &str,
    uid: &str,
    form: &str,
    filled: &str,
    day: &str,
) -> crate::harness::Output {
    fill(env, calendar, uid, form, filled);
    sync_on(env, day, calendar)
}

const SESSION_FORM: &str = "pain during / after: _ / _   effort: _";
const MORNING_FORM: &str = "morning pain: _   stiffness: _ min";

/// The session events on the server, by day (YYYYMMDD): day, UID, body.
fn sessions(events: &BTreeMap<String, String>) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = events
        .iter()
        .filter(|(uid, body)| uid.contains("-s1-") && prop(body, "STATUS") != "CANCELLED")
        .map(|(uid, body)| (day_of(body).to_string(), uid.clone(), body.clone()))
        .collect();
    out.sort();
    out
}

/// `20261125` as `2026-11-25`.
fn dashed(day: &str) -> String {
    format!("{}-{}-{}", &day[..4], &day[4..6], &day[6..])
}

/// The day after `day` (YYYYMMDD), dashed.
fn morning_of(day: &str) -> String {
    let d = chrono::NaiveDate::parse_from_str(day, "%Y%m%d").unwrap() + chrono::Duration::days(1);
    d.to_string()
}

/// The log's rows, without the header.
fn rows(env: &Env) -> Vec<String> {
    env.read("log.csv")
        .lines()
        .skip(1)
        .map(String::from)
        .collect()
}

/// The first session on the calendar after a first sync on 2026-11-24: its day and UID.
fn first_session(env: &Env, calendar: &str) -> (String, String) {
    sync_on(env, "2026-11-24", calendar);
    let (day, uid, body) = sessions(&state_matches_server(env, calendar))
        .into_iter()
        .next()
        .unwrap();
    assert!(notes(&body).contains(SESSION_FORM), "{body}");
    (day, uid)
}

/// A session and then its morning filled in on the phone: each logged as `graded log` logs it,
/// marked from the calendar, judged, and answered on the event; the next sync sends nothing
/// and logs nothing again.
fn a_session_and_its_morning_logged_from_the_phone(server: Server) {
    let calendar = server.new_calendar("graded");
    let env = set_up(&calendar);
    let (day, uid) = first_session(&env, &calendar);
    let date = dashed(&day);
    fill(
        &env,
        &calendar,
        &uid,
        SESSION_FORM,
        "pain during / after: 2 / 3   effort: 4",
    );
    let title = "Rehab: Walking and cycling (stage 1), session 1";
    // A dry run says what it would log, and logs nothing.
    let dry = env.run_at(&date, &["sync", "--dry-run"]).ok();
    assert!(
        dry.stdout.starts_with(&format!(
            "would be logged from the phone: {date} {title}: pain during / after 2 / 3, effort \
             4\n"
        )),
        "{}",
        dry.stdout
    );
    assert!(!env.dir().join("log.csv").exists() || rows(&env).is_empty());
    let out = sync_on(&env, &date, &calendar);
    assert!(
        out.stdout.starts_with(&format!(
            "logged from the phone: {date} {title}: pain during / after 2 / 3, effort 4: \
             logged, waiting for the morning score\n"
        )),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .ends_with(&format!("{}\n", graded::model::NOTICE))
    );
    assert_eq!(
        rows(&env),
        [format!("{date},session,done,2,3,,,4,,,,,calendar")]
    );
    let events = state_matches_server(&env, &calendar);
    let answered = &events[&uid];
    assert_eq!(
        prop(&unfolded(answered), "SUMMARY"),
        format!(
            "{}: logged\\, waiting for the morning score",
            title.replace(',', "\\,")
        )
    );
    assert!(
        notes(answered).starts_with(
            "Logged: pain during / after 2 / 3, effort 4 (from the calendar).\nDecided: \
             logged, waiting for the morning score (graded status says why and what comes \
             next).\n"
        ),
        "{answered}"
    );
    let again = sync_on(&env, &date, &calendar);
    assert_eq!(tally(&again)[..3], [0, 0, 0], "{}", again.stdout);

    // The next morning: its reminder filled in.
    let morning = morning_of(&day);
    let reminder = uid.replace("-s1-", "-m1-");
    let out = phone_logs(
        &env,
        &calendar,
        &reminder,
        MORNING_FORM,
        "morning pain: 1   stiffness: 10 min",
        &morning,
    );
    assert!(
        out.stdout.starts_with(&format!(
            "logged from the phone: {morning} {title}, the morning after: morning pain 1, \
             stiffness 10 min: green, hold\n"
        )),
        "{}",
        out.stdout
    );
    assert_eq!(
        rows(&env),
        [format!("{date},session,done,2,3,1,10,4,,,,,calendar")]
    );
    let events = state_matches_server(&env, &calendar);
    assert_eq!(
        prop(&unfolded(&events[&reminder]), "SUMMARY"),
        "Rehab: morning back pain 1/10 logged: green\\, hold"
    );
    assert_eq!(
        prop(&unfolded(&events[&uid]), "SUMMARY"),
        format!("{}: green\\, hold", title.replace(',', "\\,"))
    );
    let status = env.run_at(&morning, &["status"]).ok();
    assert!(status.stdout.contains("green"), "{}", status.stdout);
    let again = sync_on(&env, &morning, &calendar);
    assert_eq!(tally(&again)[..3], [0, 0, 0], "{}", again.stdout);
    assert!(!again.stdout.contains("logged"), "{}", again.stdout);
    assert_eq!(rows(&env).len(), 1, "nothing logged twice");
}

/// A red logged from the phone steps the plan back, as one logged in graded does: the answer
/// says so, the sessions ahead re-plan.
fn a_red_from_the_phone_steps_the_plan_back(server: Server) {
    let calendar = server.new_calendar("graded");
    let env = set_up(&calendar);
    // Two green sessions step the dose up; then the phone's red takes it back down.
    env.log_session("2026-11-24", 1, 1, Some(1));
    env.log_session("2026-11-25", 1, 1, Some(1));
    sync_on(&env, "2026-11-26", &calendar);
    let ahead = sessions(&state_matches_server(&env, &calendar));
    let (day, uid, _) = ahead
        .iter()
        .find(|(d, ..)| d.as_str() >= "20261126")
        .cloned()
        .unwrap();
    let date = dashed(&day);
    let before = env.run_at(&date, &["week"]).ok().stdout;
    let out = phone_logs(
        &env,
        &calendar,
        &uid,
        SESSION_FORM,
        "pain during / after: 7 7   effort: 6",
        &date,
    );
    assert!(
        out.stdout.contains(&format!(
            "logged from the phone: {date} Rehab: Walking and cycling (stage 1), session 3: \
             pain during / after 7 / 7, effort 6: red, regress\n"
        )),
        "{}",
        out.stdout
    );
    let [_, updated, ..] = tally(&out);
    assert!(updated > 1, "the sessions ahead re-planned: {}", out.stdout);
    let log = env.read("log.csv");
    assert!(
        log.ends_with(&format!("{date},session,done,7,7,,,6,,,,,calendar\n")),
        "{log}"
    );
    let after = env.run_at(&date, &["week"]).ok().stdout;
    assert_ne!(before, after, "the week re-planned");
    let events = state_matches_server(&env, &calendar);
    assert!(
        prop(&unfolded(&events[&uid]), "SUMMARY").ends_with(": red\\, regress"),
        "{}",
        events[&uid]
    );
}

/// A form graded cannot read for certain, and a line that reads like a warning sign: each
/// named with the reason, nothing logged, the event left as the phone has it (so the next sync
/// names it again until it is fixed).
fn a_form_that_cannot_be_read_is_named_and_left(server: Server) {
    let calendar = server.new_calendar("graded");
    let env = set_up(&calendar);
    let (day, uid) = first_session(&env, &calendar);
    let date = dashed(&day);
    let title = "Rehab: Walking and cycling (stage 1), session 1";
    fill(
        &env,
        &calendar,
        &uid,
        SESSION_FORM,
        "pain during / after: 2-3   effort: 4",
    );
    let held = curl(&[&where_is(&env, &calendar, &uid).0]);
    let out = sync_on(&env, &date, &calendar);
    assert!(
        out.stdout.starts_with(&format!(
            "not logged from the phone: {date} {title}: `pain during / after: 2-3   effort: \
             4`: not read without guessing; write the two pain scores as 2 / 3, 2/3 or 2 3; \
             fix it on the phone, or log it with graded log --date {date}; the event is left \
             as it is\n"
        )),
        "{}",
        out.stdout
    );
    assert!(rows(&env).is_empty());
    assert_eq!(curl(&[&where_is(&env, &calendar, &uid).0]), held);

    // Fixed on the phone, with a warning sign added: still nothing logged.
    let out = phone_logs(
        &env,
        &calendar,
        &uid,
        "pain during / after: 2-3   effort: 4",
        "pain during / after: 2 / 3   effort: 4\\nmy left foot went numb on the bike",
        &date,
    );
    assert!(
        out.stdout.starts_with(&format!(
            "not logged from the phone: {date} {title}: the notes say `my left foot went numb \
             on the bike`, which reads like a warning sign; a calendar is never where one is \
             logged: run graded log --symptom ID now (graded screen lists them), or call a \
             clinician; the event is left as it is\n"
        )),
        "{}",
        out.stdout
    );
    assert!(rows(&env).is_empty());
}

/// A session logged in graded and, otherwise, on the phone: graded's row kept, the difference
/// named, the event answered with graded's.
fn a_conflict_keeps_graded_s_entry(server: Server) {
    let calendar = server.new_calendar("graded");
    let env = set_up(&calendar);
    let (day, uid) = first_session(&env, &calendar);
    let date = dashed(&day);
    env.log_session(&date, 1, 1, None);
    let logged = env.read("log.csv");
    let out = phone_logs(
        &env,
        &calendar,
        &uid,
        SESSION_FORM,
        "pain during / after: 3/4   effort: 7",
        &date,
    );
    assert!(
        out.stdout.contains(&format!(
            "logged both in graded and on the phone: {date} Rehab: Walking and cycling (stage \
             1), session 1: the phone says pain during / after 3 / 4, effort 7, graded has \
             pain during / after 1 / 1, effort 4: graded's is kept (to change it: graded log --amend \
             --date {date})\n"
        )),
        "{}",
        out.stdout
    );
    assert_eq!(env.read("log.csv"), logged);
    let events = state_matches_server(&env, &calendar);
    assert!(
        notes(&events[&uid]).starts_with("Logged in graded: graded status shows how it went.\n"),
        "{}",
        events[&uid]
    );
    let again = sync_on(&env, &date, &calendar);
    assert_eq!(tally(&again)[..3], [0, 0, 0], "{}", again.stdout);
}

/// A sync cut at its first PUT after it logged the phone's session: the row is in the log, the
/// answer not (or not heard). The next sync finishes the job and logs nothing twice.
fn a_cut_sync_finishes_without_logging_twice(server: Server) {
    let calendar = server.new_calendar("graded");
    let proxy = Proxy::new(server.port);
    let through = calendar.replace(&server.origin, &proxy.origin);
    let env = set_up(&through);
    sync_on(&env, "2026-11-24", &through);
    let (day, uid, _) = sessions(&state_matches_server(&env, &calendar))
        .into_iter()
        .next()
        .unwrap();
    let date = dashed(&day);
    fill(
        &env,
        &calendar,
        &uid,
        SESSION_FORM,
        "pain during / after: 1 / 2   effort: 3",
    );
    proxy.cut_at_put(1);
    env.run_at(&date, &["sync"])
        .code(1)
        .stderr_has("cannot reach");
    let once = format!("{date},session,done,1,2,,,3,,,,,calendar");
    assert_eq!(rows(&env), std::slice::from_ref(&once));
    proxy.heal();
    let out = sync_on(&env, &date, &through);
    assert!(!out.stdout.contains("logged both"), "{}", out.stdout);
    assert_eq!(rows(&env), [once], "nothing logged twice");
    let events = state_matches_server(&env, &calendar);
    assert!(
        prop(&unfolded(&events[&uid]), "SUMMARY").ends_with("waiting for the morning score"),
        "{}",
        events[&uid]
    );
    let again = sync_on(&env, &date, &through);
    assert_eq!(tally(&again)[..3], [0, 0, 0], "{}", again.stdout);
}

/// A session moved and filled in on the phone at once: the move is dealt with (here, taken),
/// the form is not read and is named; nothing is logged.
fn a_moved_and_filled_event_is_moved_not_logged(server: Server) {
    let calendar = server.new_calendar("graded");
    let env = set_up(&calendar);
    sync_on(&env, "2026-11-24", &calendar);
    let all = sessions(&state_matches_server(&env, &calendar));
    let days: Vec<&str> = all.iter().map(|(d, ..)| d.as_str()).collect();
    let (day, uid, _) = all
        .iter()
        .skip(1)
        .find(|(d, ..)| !days.contains(&super::phone::next_day(d).as_str()))
        .cloned()
        .unwrap();
    let to = super::phone::next_day(&day);
    let (url, etag) = where_is(&env, &calendar, &uid);
    let body = unfolded(&curl(&[&url])).replacen(SESSION_FORM, "pain during / after: 1 / 1", 1);
    phone_put(&url, &super::phone::moved(&body, &to, "1800"), &etag);
    let out = sync_on(&env, "2026-11-24", &calendar);
    assert!(
        out.stdout
            .contains(", taken: the sessions after it re-planned\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(&format!(
            "not logged from the phone: {} Rehab: ",
            dashed(&day)
        )) && out.stdout.contains(": moved and filled in at once; the move is dealt with above and the form is not read: log the session with graded log --date DAY\n"),
        "{}",
        out.stdout
    );
    assert!(!env.dir().join("log.csv").exists());
}

crate::against!(radicale:
    a_moved_and_filled_event_is_moved_not_logged,
    a_session_and_its_morning_logged_from_the_phone,
    a_red_from_the_phone_steps_the_plan_back,
    a_form_that_cannot_be_read_is_named_and_left,
    a_conflict_keeps_graded_s_entry,
    a_cut_sync_finishes_without_logging_twice,
);

crate::against!(xandikos:
    a_moved_and_filled_event_is_moved_not_logged,
    a_session_and_its_morning_logged_from_the_phone,
    a_red_from_the_phone_steps_the_plan_back,
    a_form_that_cannot_be_read_is_named_and_left,
    a_conflict_keeps_graded_s_entry,
    a_cut_sync_finishes_without_logging_twice,
);

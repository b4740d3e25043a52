//! End to end: export the calendar, log a red session, export again. Unchanged slots keep their
//! UID and SEQUENCE, changed ones raise SEQUENCE, dropped ones come back as CANCELLED.

use std::collections::BTreeMap;

use crate::harness::Env;

/// UID -> (DTSTART, SEQUENCE, STATUS), read with the `ical` parser.
fn events(ics: &str) -> BTreeMap<String, (String, u32, String)> {
    super::read_back(ics)
        .into_iter()
        .map(|(uid, start, seq, status)| (uid, (start, seq.parse().expect("sequence"), status)))
        .collect()
}

#[test]
fn export_then_a_red_session_then_re_export_updates_instead_of_duplicating() {
    let env = Env::initialised();
    let first = env.path("first.ics");
    let second = env.path("second.ics");
    env.run_at(
        "2026-11-24",
        &[
            "plan",
            "--format",
            "ics",
            "-o",
            first.to_str().expect("utf8"),
        ],
    )
    .ok();
    let before = events(&std::fs::read_to_string(&first).expect("read"));
    // The same export again is byte for byte the same.
    let again = env.path("again.ics");
    env.run_at(
        "2026-11-24",
        &[
            "plan",
            "--format",
            "ics",
            "-o",
            again.to_str().expect("utf8"),
        ],
    )
    .ok();
    assert_eq!(
        std::fs::read(&first).expect("read"),
        std::fs::read(&again).expect("read")
    );

    for (day, during) in [
        ("2026-11-25", "1"),
        ("2026-11-27", "1"),
        ("2026-11-28", "7"),
    ] {
        env.run_at(
            day,
            &[
                "log",
                "--date",
                day,
                "--pain-during",
                during,
                "--pain-after",
                during,
            ],
        )
        .ok();
    }
    env.run_at(
        "2026-11-29",
        &["log", "--next-morning", "1", "--date", "2026-11-26"],
    )
    .ok();
    env.run_at(
        "2026-11-29",
        &["log", "--next-morning", "1", "--date", "2026-11-28"],
    )
    .ok();
    env.run_at(
        "2026-11-29",
        &[
            "plan",
            "--format",
            "ics",
            "-o",
            second.to_str().expect("utf8"),
        ],
    )
    .ok();
    let after = events(&std::fs::read_to_string(&second).expect("read"));

    // Every UID exported before is still there (updated or cancelled), none twice.
    assert!(before.keys().all(|k| after.contains_key(k)));
    let first_uid = "20261125-s1-";
    let (uid, (start, seq, status)) = after
        .iter()
        .find(|(k, _)| k.starts_with(first_uid))
        .expect("first slot");
    assert_eq!(
        (start.as_str(), status.as_str()),
        ("20261125T070000", "CONFIRMED")
    );
    assert_eq!(
        *seq, 0,
        "logging a session as planned leaves its event alone ({uid})"
    );
    let changed = after
        .iter()
        .filter(|(k, v)| before.get(*k).is_some_and(|b| b.1 < v.1))
        .count();
    let unchanged = after
        .iter()
        .filter(|(k, v)| before.get(*k).is_some_and(|b| b.1 == v.1))
        .count();
    assert!(
        changed > 0,
        "the red session re-planned the slots ahead: their SEQUENCE rises"
    );
    assert!(
        unchanged >= 3,
        "the sessions logged as planned keep SEQUENCE 0 ({unchanged} unchanged)"
    );
    assert_eq!(
        after.values().filter(|v| v.2 == "CANCELLED").count(),
        0,
        "a regression re-plans, it drops nothing"
    );

    // A red flag stops the program: every slot still ahead is cancelled, SEQUENCE raised.
    env.log_fever("2026-11-30").code(3);
    let third = env.path("third.ics");
    env.run_at(
        "2026-11-30",
        &[
            "plan",
            "--format",
            "ics",
            "-o",
            third.to_str().expect("utf8"),
        ],
    )
    .ok();
    let stopped = events(&std::fs::read_to_string(&third).expect("read"));
    assert_eq!(
        stopped.len(),
        after.len(),
        "cancelled events are kept, not dropped"
    );
    let cancelled: Vec<_> = stopped.iter().filter(|(_, v)| v.2 == "CANCELLED").collect();
    assert!(!cancelled.is_empty());
    for (k, v) in &cancelled {
        assert!(
            v.0.as_str() > "20261130",
            "only slots ahead are cancelled: {k}"
        );
        assert_eq!(v.1, after[*k].1 + 1, "a cancelled slot raises SEQUENCE");
    }
    // Each session's next-morning reminder went the same way as its session: the same UID on
    // every export, and cancelled with it.
    for (k, v) in &stopped {
        if let Some((date, id)) = k.split_once("-s1-") {
            let reminder = &stopped[&format!("{date}-m1-{id}")];
            assert_eq!(
                reminder.2, v.2,
                "{k}: the reminder's STATUS follows its session"
            );
        }
    }
    let reminders = |e: &BTreeMap<String, (String, u32, String)>| {
        e.keys().filter(|k| k.contains("-m1-")).count()
    };
    assert_eq!(
        reminders(&before),
        before.len() / 2,
        "one reminder per session"
    );
    assert!(before.keys().all(|k| stopped.contains_key(k)));
    assert!(reminders(&stopped) > 0);
}

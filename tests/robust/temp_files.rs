//! A write killed half way leaves `.NAME.tmp-PID.RANDOM` (tempfile's six letters or digits after
//! graded's prefix); the next write removes it: only graded's own (that name, or `.NAME.tmp-PID`
//! as older graded named them; a regular file, this user's), and only when no live write can be
//! using it.

use super::{dead_pid, example_csv_to, temp_files};
use crate::harness::Env;

#[test]
fn a_stale_temporary_log_from_a_killed_write_is_removed_by_the_next_write() {
    let env = Env::initialised();
    let dir = env.dir();
    let stale = [
        format!(".log.csv.tmp-{}.x7Qa2Z", dead_pid()),
        format!(".log.csv.tmp-{}", dead_pid()),
    ];
    for s in &stale {
        std::fs::write(dir.join(s), "2026-11-25,session,done,9,9,,,,,health data\n")
            .expect("write");
    }
    // Not graded's own: another file's temporary, a name that is not a pid, random letters
    // that are not tempfile's, a link.
    let others = [
        format!(".calendar.json.tmp-{}.x7Qa2Z", dead_pid()),
        ".log.csv.tmp-12ab.x7Qa2Z".to_string(),
        "notes.log.csv.tmp-1.x7Qa2Z".to_string(),
        format!(".log.csv.tmp-{}.x7-a2Z", dead_pid()),
        format!(".log.csv.tmp-{}.", dead_pid()),
    ];
    for o in &others {
        std::fs::write(dir.join(o), "keep").expect("write");
    }
    let link = format!(".log.csv.tmp-{}.L1nk00", dead_pid());
    std::os::unix::fs::symlink(env.path("elsewhere"), dir.join(&link)).expect("symlink");
    env.run_at(
        "2026-11-25",
        &["log", "--pain-during", "1", "--pain-after", "1"],
    )
    .ok();
    let left = temp_files(&dir);
    for s in &stale {
        assert!(!left.contains(s), "the stale temporary {s} stays: {left:?}");
    }
    for o in others.iter().chain([&link]) {
        assert!(left.contains(o), "{o} was removed: {left:?}");
    }
    assert!(!env.read("log.csv").contains("health data"));
}

/// Beside an `-o` file no lock is held: a temporary of a live process is left alone, one of a
/// process that is gone is removed.
#[test]
fn beside_an_output_file_only_temporaries_of_processes_that_are_gone_are_removed() {
    let env = Env::new();
    let dead = format!(".plan.csv.tmp-{}.x7Qa2Z", dead_pid());
    let live = format!(".plan.csv.tmp-{}.x7Qa2Z", std::process::id());
    for n in [&dead, &live] {
        std::fs::write(env.path(n), "old plan").expect("write");
    }
    let out = env.path("plan.csv");
    example_csv_to(&out).ok();
    let left = temp_files(env.tmp.path());
    assert_eq!(left, vec![live], "only the live process's temporary stays");
}

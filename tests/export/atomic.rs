//! Writes are atomic: an interrupted write leaves the old log readable.

use graded::load::session_log::{parse, to_csv};
use graded::load::workspace::{write_atomic, write_atomic_with};
use graded::model::{LogEntry, Pain, SessionLog};

use crate::engine::d;

fn sample(n: usize) -> SessionLog {
    SessionLog {
        entries: (0..n)
            .map(|i| LogEntry {
                pain_during: Some(Pain::of(1)),
                pain_after: Some(Pain::of(2)),
                note: format!("row {i}, \"quoted\"; =x"),
                ..LogEntry::session(d("2026-11-25") + chrono::Duration::days(i as i64))
            })
            .collect(),
        moves: vec![],
    }
}

#[test]
fn a_write_interrupted_part_way_leaves_the_old_log_readable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("log.csv");
    write_atomic(&path, &to_csv(&sample(3)), true).expect("first write");
    let before = std::fs::read(&path).expect("read");
    let bigger = to_csv(&sample(4000));
    // Crash half way: the temporary file holds half the new bytes, and the rename never happens.
    let r = write_atomic_with(&path, &bigger, true, |tmp| {
        let f = std::fs::OpenOptions::new().write(true).open(tmp)?;
        f.set_len(bigger.len() as u64 / 2)?;
        Err(std::io::Error::new(
            std::io::ErrorKind::Interrupted,
            "simulated crash",
        ))
    });
    assert!(r.is_err());
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the old log is byte for byte intact"
    );
    let log = parse(
        "log.csv",
        &String::from_utf8(before).expect("utf8"),
        d("2026-11-24"),
    )
    .expect("still parses");
    assert_eq!(log.entries.len(), 3);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("ls")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary file is left behind: {leftovers:?}"
    );
}

/// The temporary file is named so that a later write can tell it is graded's and whose it was
/// (`.NAME.tmp-PID.` and tempfile's six random letters or digits), and it is private already.
#[test]
fn the_temporary_file_names_its_target_and_process_and_is_private() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("log.csv");
    let mut seen = None;
    write_atomic_with(&path, b"x", true, |tmp| {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(tmp)?.permissions().mode() & 0o777, 0o600);
        }
        seen = Some(tmp.to_path_buf());
        Ok(())
    })
    .expect("write");
    let tmp = seen.expect("the hook ran");
    assert_eq!(tmp.parent(), Some(dir.path()), "beside its target");
    let name = tmp.file_name().expect("name").to_str().expect("utf8");
    let random = name
        .strip_prefix(&format!(".log.csv.tmp-{}.", std::process::id()))
        .unwrap_or_else(|| panic!("{name}"));
    assert!(
        random.len() == 6 && random.bytes().all(|b| b.is_ascii_alphanumeric()),
        "{name}"
    );
    assert!(!tmp.exists(), "renamed over the target");
}

#[cfg(unix)]
#[test]
fn written_files_are_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("log.csv");
    write_atomic(&path, b"x", true).expect("write");
    assert_eq!(
        std::fs::metadata(&path).expect("stat").permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn logging_keeps_every_byte_the_person_wrote_and_only_touches_its_own_row() {
    // Out of order, CRLF, a quoted note with a comma, and a BOM: all kept.
    let original = "\u{feff}date,kind,status,pain_during,pain_after,next_morning,stiffness_min,rpe,symptoms,note\r\n\
                    2026-11-27,session,done,1,2,,,5,,\"felt ok, tight\"\r\n\r\n\
                    2026-11-25,session,done, 2,2,1,,4,,first\r\n";
    let old = parse("log.csv", original, d("2026-11-24")).expect("parses");
    let mut new = old.clone();
    new.entries[0].next_morning = Some(Pain::of(1));
    new.entries.push(LogEntry {
        pain_during: Some(Pain::NONE),
        pain_after: Some(Pain::of(1)),
        ..LogEntry::session(d("2026-11-28"))
    });
    let text = graded::load::session_log::update_text(original, &old, &new)
        .expect("updates")
        .text;
    assert_eq!(
        text,
        "\u{feff}date,kind,status,pain_during,pain_after,next_morning,stiffness_min,rpe,symptoms,note\r\n\
         2026-11-27,session,done,1,2,1,,5,,\"felt ok, tight\"\r\n\r\n\
         2026-11-25,session,done, 2,2,1,,4,,first\r\n\
         2026-11-28,session,done,0,1,,,,,\r\n"
    );
    assert_eq!(
        parse("log.csv", &text, d("2026-11-24"))
            .expect("parses")
            .entries
            .len(),
        3
    );
}

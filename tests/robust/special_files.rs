//! A FIFO, a device or a directory where graded expects a file is refused at once (exit 1), not
//! waited on; the workspace lock is waited for a bounded time and names its holder; a `--dir`
//! that is a link keeps its target's mode.

use std::io::Write;
use std::time::Duration;

use super::{graded_at, mkfifo, run_bounded};
use crate::harness::{Env, INIT};

const LIMIT: Duration = Duration::from_secs(60);

#[test]
fn a_fifo_as_the_log_is_refused_without_blocking() {
    let env = Env::initialised();
    mkfifo(&env.dir().join("log.csv"));
    for args in [
        &["status"][..],
        &["log", "--pain-during", "1", "--pain-after", "1"],
    ] {
        run_bounded(graded_at(&env.dir(), &env.today).args(args), LIMIT)
            .code(1)
            .stderr_has("log.csv: a FIFO (named pipe), not a regular file");
    }
}

#[test]
fn a_fifo_as_the_profile_is_refused_without_blocking() {
    let env = Env::new();
    std::fs::create_dir_all(env.dir()).expect("mkdir");
    mkfifo(&env.dir().join("profile.toml"));
    run_bounded(graded_at(&env.dir(), &env.today).arg("plan"), LIMIT)
        .code(1)
        .stderr_has("profile.toml: a FIFO");
}

#[test]
fn a_fifo_or_a_device_as_a_program_file_is_refused_without_blocking() {
    let env = Env::initialised();
    let fifo = env.path("program.toml");
    mkfifo(&fifo);
    run_bounded(
        graded_at(&env.dir(), &env.today)
            .args(["--program"])
            .arg(&fifo)
            .arg("plan"),
        LIMIT,
    )
    .code(1)
    .stderr_has("a FIFO");
    run_bounded(
        graded_at(&env.dir(), &env.today)
            .args(["programs", "validate"])
            .arg(&fifo),
        LIMIT,
    )
    .code(1)
    .stderr_has("a FIFO");
    // /dev/zero would be read for ever.
    run_bounded(
        graded_at(&env.dir(), &env.today).args(["programs", "validate", "/dev/zero"]),
        LIMIT,
    )
    .code(1)
    .stderr_has("a character device");
}

#[test]
fn a_directory_as_the_log_or_the_profile_is_refused() {
    let env = Env::initialised();
    std::fs::create_dir(env.dir().join("log.csv")).expect("mkdir");
    env.run(&["status"])
        .code(1)
        .stderr_has("log.csv: a directory, not a regular file");
    let env = Env::new();
    std::fs::create_dir_all(env.dir().join("profile.toml")).expect("mkdir");
    env.run(&["status"])
        .code(1)
        .stderr_has("profile.toml: a directory");
}

/// Another graded holding the lock: a writer waits `--lock-wait` seconds, then says who holds
/// it; nothing is written.
#[test]
fn a_held_lock_is_waited_for_a_bounded_time_and_its_holder_is_named() {
    let env = Env::initialised();
    let mut held = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(env.dir().join(".lock"))
        .expect("lock file");
    held.lock().expect("lock");
    held.set_len(0).expect("truncate");
    held.write_all(b"4242\n").expect("pid");
    let before = crate::cli::files(&env.dir());
    env.run(&[
        "--lock-wait",
        "0",
        "log",
        "--pain-during",
        "1",
        "--pain-after",
        "1",
    ])
    .code(1)
    .stderr_has("locked by process 4242");
    env.run(&["--lock-wait", "0", "screen", "--no-red-flags"])
        .code(1)
        .stderr_has("locked by process 4242");
    assert_eq!(crate::cli::files(&env.dir()), before);
    // Readers do not need the lock.
    env.run(&["status"]).ok();
    held.unlock().expect("unlock");
    env.run(&["log", "--pain-during", "1", "--pain-after", "1"])
        .ok();
    let pid = std::fs::read_to_string(env.dir().join(".lock")).expect("read");
    assert!(
        pid.trim().parse::<u32>().is_ok_and(|p| p != 4242),
        "the lock file names the last holder: {pid:?}"
    );
    // The pid is written over the last one, padded to one width; a longer file is cut to it.
    assert_eq!(pid.len(), 11, "{pid:?}");
    std::fs::write(
        env.dir().join(".lock"),
        "written by hand, longer than a pid\n",
    )
    .expect("lock");
    env.run(&["screen", "--no-red-flags"]).ok();
    let pid = std::fs::read_to_string(env.dir().join(".lock")).expect("read");
    assert!(
        pid.len() == 11 && pid.trim().parse::<u32>().is_ok(),
        "the lock file holds only the last holder: {pid:?}"
    );
}

/// `--dir` given as a link: the workspace is used through it and the directory it points at
/// keeps its mode.
#[test]
fn a_workspace_given_as_a_link_does_not_change_its_targets_mode() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let real = env.path("real");
    std::fs::create_dir(&real).expect("mkdir");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    std::os::unix::fs::symlink(&real, env.dir()).expect("symlink");
    env.run(INIT).ok();
    env.run(&["log", "--pain-during", "1", "--pain-after", "1"])
        .ok();
    assert_eq!(crate::cli::mode(&real), 0o755);
    assert_eq!(crate::cli::mode(&real.join("profile.toml")), 0o600);
    assert_eq!(crate::cli::mode(&real.join("log.csv")), 0o600);
    assert!(
        std::fs::symlink_metadata(env.dir())
            .expect("stat")
            .file_type()
            .is_symlink()
    );
}

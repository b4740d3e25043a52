//! Issue 18: `-o` never writes over the workspace's own files, however the path reaches them
//! (directly, through `..`, through a symbolic link, through `/proc`), and with `--example` too:
//! a usage error (exit 2) naming the file, and every file as it was.

use std::path::Path;

use crate::cli::files;
use crate::harness::{Env, Output};

/// A workspace with a session logged and a custom program file beside its profile.
fn workspace() -> Env {
    let env = Env::initialised();
    env.run_at(
        "2026-11-25",
        &[
            "log",
            "--pain-during",
            "1",
            "--pain-after",
            "2",
            "--rpe",
            "5",
        ],
    )
    .ok();
    env
}

/// Runs `args` and asserts the usage error `expected` (whole) and an untouched workspace.
#[track_caller]
fn refused(env: &Env, args: &[&str], expected: &str) -> Output {
    let before = files(&env.dir());
    let out = env.run(args).code(2);
    assert_eq!(out.stderr, format!("error: {expected}\n"));
    assert_eq!(out.stdout, "");
    assert_eq!(files(&env.dir()), before, "the workspace changed");
    out
}

fn real(p: &Path) -> String {
    std::fs::canonicalize(p)
        .expect("exists")
        .display()
        .to_string()
}

#[test]
fn plan_csv_onto_the_log_is_refused_and_every_session_stays() {
    let env = workspace();
    let log = env.dir().join("log.csv");
    let o = log.display().to_string();
    refused(
        &env,
        &["plan", "--format", "csv", "-o", &o],
        &format!(
            "-o {o}: that is the workspace's log; graded never writes an export over the \
             workspace's own files: give another file name"
        ),
    );
    assert!(env.read("log.csv").contains("2026-11-25,session,done,1,2"));
}

#[test]
fn a_link_to_the_profile_is_refused() {
    let env = workspace();
    let link = env.path("out.json");
    std::os::unix::fs::symlink(env.dir().join("profile.toml"), &link).expect("symlink");
    let o = link.display().to_string();
    refused(
        &env,
        &["export", "--format", "fhir", "-o", &o],
        &format!(
            "-o {o}: that is the workspace's profile, {}; graded never writes an export over \
             the workspace's own files: give another file name",
            real(&env.dir().join("profile.toml"))
        ),
    );
    assert!(super::temp_files(&env.dir()).is_empty());
}

#[test]
fn dot_dot_and_proc_paths_are_followed_to_the_file_they_name() {
    let env = workspace();
    let ws = env.dir().display().to_string();
    for o in [
        format!("{ws}/../ws/./calendar.json"),
        format!("/proc/self/root{ws}/log.csv"),
        format!("{ws}/.lock"),
        format!("{ws}/sync.toml"),
        format!("{ws}/caldav.json"),
    ] {
        let out = env.run(&["history", "--format", "csv", "-o", &o]).code(2);
        assert!(
            out.stderr
                .starts_with(&format!("error: -o {o}: that is the workspace's ")),
            "{o}: {}",
            out.stderr
        );
    }
    assert!(env.read("log.csv").contains("2026-11-25,session,done,1,2"));
}

#[test]
fn the_program_file_the_profile_names_is_refused() {
    let env = Env::new();
    let program = env.path("my-program.toml");
    std::fs::copy(
        crate::harness::root().join("programs/mid-back-strain.toml"),
        &program,
    )
    .expect("copy");
    let mut init: Vec<&str> = crate::harness::INIT.to_vec();
    let p = program.display().to_string();
    init[2] = &p;
    env.run(&init).ok();
    let before = std::fs::read(&program).expect("read");
    let out = env.run(&["plan", "--format", "json", "-o", &p]).code(2);
    assert_eq!(
        out.stderr,
        format!(
            "error: -o {p}: that is the workspace's program file; graded never writes an export \
             over the workspace's own files: give another file name\n"
        )
    );
    assert_eq!(std::fs::read(&program).expect("read"), before);
}

#[test]
fn share_checks_every_file_before_writing_any() {
    let env = workspace();
    let out_dir = env.path("share");
    std::fs::create_dir(&out_dir).expect("mkdir");
    // The last file share writes is a link to the log.
    std::os::unix::fs::symlink(env.dir().join("log.csv"), out_dir.join("README.txt"))
        .expect("symlink");
    let o = out_dir.display().to_string();
    let out = env.run(&["share", "-o", &o]).code(2);
    assert!(
        out.stderr.starts_with(&format!(
            "error: -o {o}/README.txt: that is the workspace's log, "
        )),
        "{}",
        out.stderr
    );
    let written: Vec<String> = std::fs::read_dir(&out_dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written, ["README.txt"], "share wrote before checking");
    assert!(env.read("log.csv").contains("2026-11-25,session,done,1,2"));
}

#[test]
fn the_example_still_guards_the_workspace_graded_dir_names() {
    let env = workspace();
    let log = env.dir().join("log.csv");
    let mut cmd = assert_cmd::Command::cargo_bin("graded").expect("binary");
    let out = cmd
        .args(["--example", "plan", "--format", "csv", "-o"])
        .arg(&log)
        .env("GRADED_DIR", env.dir())
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("that is the workspace's log"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(env.read("log.csv").contains("2026-11-25,session,done,1,2"));
}

#[test]
fn other_files_in_and_beside_the_workspace_are_written_as_before() {
    let env = workspace();
    for o in [
        env.dir().join("plan.csv"),
        env.path("log.csv"),
        env.path("profile.toml"),
    ] {
        env.run(&["plan", "--format", "csv", "-o", &o.display().to_string()])
            .ok();
        assert!(
            std::fs::read_to_string(&o)
                .expect("written")
                .starts_with("date,weekday,"),
            "{}",
            o.display()
        );
    }
}

//! Issue 4's bad output paths: a clear error, exit 1, and nothing half-written.

use crate::harness::{Env, graded};

#[test]
fn an_output_path_that_is_a_directory_is_refused() {
    let env = Env::new();
    let dir = env.path("out");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let out = graded(&[
        "--example",
        "plan",
        "--format",
        "csv",
        "-o",
        dir.to_str().expect("utf8"),
    ])
    .code(1);
    assert!(out.stderr.contains("is a directory"), "{}", out.stderr);
}

#[test]
fn an_output_file_in_a_missing_directory_is_refused() {
    let env = Env::new();
    let file = env.path("missing/plan.ics");
    let out = graded(&[
        "--example",
        "plan",
        "--format",
        "ics",
        "-o",
        file.to_str().expect("utf8"),
    ])
    .code(1);
    assert!(out.stderr.contains("does not exist"), "{}", out.stderr);
    assert!(!env.path("missing").exists());
}

#[test]
fn an_output_directory_that_is_a_file_is_refused_and_left_alone() {
    let env = Env::new();
    let file = env.path("notes.txt");
    std::fs::write(&file, "mine").expect("write");
    let out = graded(&["--example", "share", "-o", file.to_str().expect("utf8")]).code(1);
    assert!(out.stderr.contains("not a directory"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "mine");
    let nested = env.path("notes.txt/plan.csv");
    graded(&[
        "--example",
        "plan",
        "--format",
        "csv",
        "-o",
        nested.to_str().expect("utf8"),
    ])
    .code(1);
}

#[test]
fn share_writes_eight_files_and_says_what_it_wrote_in_one_aligned_list() {
    let env = Env::initialised();
    let dir = env.path("share");
    let out = env.run(&["share", "-o", dir.to_str().expect("utf8")]).ok();
    for f in [
        "plan.csv",
        "history.csv",
        "plan.ics",
        "plan.json",
        "report.html",
        "handout.html",
        "bundle.fhir.json",
        "README.txt",
    ] {
        assert!(dir.join(f).is_file(), "{f}");
        assert!(out.stdout.contains(f), "{}", out.stdout);
    }
    // One line per file; the sizes line up under the longest name.
    let listed: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains(" bytes  "))
        .collect();
    assert_eq!(listed.len(), 8, "{}", out.stdout);
    // The therapist's file comes first and says so; the README says who gets what, and the
    // notice once.
    assert!(listed[0].contains("history.csv") && listed[0].contains("physical therapist"));
    let readme = std::fs::read_to_string(dir.join("README.txt")).expect("read");
    assert!(readme.contains("history.csv") && readme.contains("General guidance"));
    assert!(readme.contains("handout.html"), "{readme}");
    assert_eq!(readme.matches("General guidance").count(), 1, "{readme}");
    let column: Vec<usize> = listed
        .iter()
        .map(|l| l.find(" bytes").expect("bytes"))
        .collect();
    assert!(column.windows(2).all(|w| w[0] == w[1]), "{}", out.stdout);
    assert!(
        std::fs::read_to_string(dir.join("plan.csv"))
            .expect("read")
            .starts_with('\u{feff}'),
        "a BOM for Excel"
    );
}

//! The speed goals as ratios, measured in pairs: each command is run right after the bare Rust
//! binary that prints one line (its floor: starting a process at all), over and over, and each
//! pair gives one ratio; the table shows the median ratio and the median time. A shared machine
//! drifts by 10-50% over a minute, and a pair is a few milliseconds apart, so the ratios hold
//! where separately measured medians do not. `cargo bench --bench ratios` prints the table the
//! README's Speed section shows (`-- --rounds N` for more or fewer pairs; 61 by default).
//!
//! The commands are those of `benches/commands.rs` (criterion), on the same workspaces: 1 and
//! 10 years of daily sessions with a weekly screen and every next-morning score. Last, the
//! example's iCalendar against the Python `icalendar` library writing the same events.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{BIN, LOG, VIEWS, bare, workspace};

/// One run of `cmd`, its output read through a pipe as a person's terminal or a file would
/// take it: the wall time from start to exit.
fn timed(cmd: &mut Command) -> Duration {
    let t = Instant::now();
    let out = cmd.stderr(Stdio::null()).output().expect("runs");
    let took = t.elapsed();
    assert!(out.status.success(), "{cmd:?}: {out:?}");
    took
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// `rounds` pairs (the bare binary, then `cmd`), after one of each to warm up: the median
/// ratio and the median time of `cmd` in milliseconds. `before` runs ahead of each `cmd`,
/// untimed (restoring the log that `graded log` writes to).
fn paired(
    bare: &Path,
    rounds: usize,
    mut cmd: impl FnMut() -> Command,
    before: &dyn Fn(),
) -> (f64, f64) {
    let (mut ratios, mut times) = (Vec::new(), Vec::new());
    for round in 0..=rounds {
        let floor = timed(&mut Command::new(bare));
        before();
        let took = timed(&mut cmd());
        if round > 0 {
            ratios.push(took.as_secs_f64() / floor.as_secs_f64());
            times.push(took.as_secs_f64() * 1000.0);
        }
    }
    (median(ratios), median(times))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rounds = args
        .iter()
        .position(|a| a == "--rounds")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(61);
    let tmp = tempfile::tempdir().expect("tempdir");
    let bare = bare(tmp.path());
    let floor = median(
        (0..rounds)
            .map(|_| timed(&mut Command::new(&bare)).as_secs_f64() * 1000.0)
            .collect(),
    );
    println!(
        "bare binary: {floor:.2} ms (median of {rounds}); each figure: median time, median ratio of {rounds} pairs\n"
    );
    let (ratio, ms) = paired(
        &bare,
        rounds,
        || {
            let mut c = Command::new(BIN);
            c.arg("--version");
            c
        },
        &|| {},
    );
    println!("| command | 1 year | 10 years |\n|---|---:|---:|");
    println!("| `graded --version` | {ms:.1} ms ({ratio:.2}x) | |");
    // `log` after `week`, as the goals name them; each shown as its command line.
    let (first, rest) = VIEWS.split_at(3);
    let views: Vec<&[&str]> = first
        .iter()
        .map(|(_, v)| *v)
        .chain([LOG])
        .chain(rest.iter().map(|(_, v)| *v))
        .collect();
    let spaces: Vec<_> = [1i64, 10]
        .into_iter()
        .map(|years| {
            let dir = tmp.path().join(format!("ws{years}"));
            let today = workspace(&dir, years);
            let saved = tmp.path().join(format!("log{years}.csv"));
            std::fs::copy(dir.join("log.csv"), &saved).expect("log saved");
            (dir, today, saved)
        })
        .collect();
    for view in views {
        let mut row = format!("| `{}` |", view.join(" "));
        for (dir, today, saved) in &spaces {
            let restore = || {
                std::fs::copy(saved, dir.join("log.csv")).expect("log restored");
            };
            let (ratio, ms) = paired(
                &bare,
                rounds,
                || {
                    let mut c = Command::new(BIN);
                    c.arg("--dir")
                        .arg(dir)
                        .arg("--today")
                        .arg(today.to_string())
                        .args(view);
                    c
                },
                &restore,
            );
            row.push_str(&format!(" {ms:.1} ms ({ratio:.1}x) |"));
        }
        println!("{row}");
    }
    icalendar_yardstick(tmp.path(), rounds);
}

/// The iCalendar goal: the example's calendar written by graded, and the same events written by
/// the Python `icalendar` library (`benches/icalendar_same_events.py`), each a whole process,
/// in pairs. The Python is `GRADED_BENCH_PYTHON`, else the real clients' venv
/// (`../shared/realclients/install.sh`), else `python3`; without `icalendar` it says so.
fn icalendar_yardstick(tmp: &Path, rounds: usize) {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/benches/icalendar_same_events.py"
    );
    let python = std::env::var("GRADED_BENCH_PYTHON").unwrap_or_else(|_| {
        let venv = "/opt/realclients/venv/bin/python";
        if Path::new(venv).exists() {
            venv
        } else {
            "python3"
        }
        .to_string()
    });
    let example = || {
        let mut c = Command::new(BIN);
        c.args(["--example", "plan", "--format", "ics"]);
        c
    };
    let ics = tmp.join("example.ics");
    let events = tmp.join("events.json");
    std::fs::write(&ics, example().output().expect("graded runs").stdout).expect("ics saved");
    let extracted = Command::new(&python)
        .arg(script)
        .arg("extract")
        .arg(&ics)
        .output();
    match extracted {
        Ok(out) if out.status.success() => {
            std::fs::write(&events, out.stdout).expect("events saved")
        }
        _ => {
            println!(
                "\nThe example's iCalendar against Python `icalendar`: not measured ({python} cannot import icalendar; ../shared/realclients/install.sh installs it, or set GRADED_BENCH_PYTHON)"
            );
            return;
        }
    }
    let write = || {
        let mut c = Command::new(&python);
        c.arg(script).arg("write").arg(&events);
        c
    };
    let (mut ratios, mut ours, mut theirs) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..=rounds {
        let a = timed(&mut example());
        let b = timed(&mut write());
        if round > 0 {
            ratios.push(b.as_secs_f64() / a.as_secs_f64());
            ours.push(a.as_secs_f64() * 1000.0);
            theirs.push(b.as_secs_f64() * 1000.0);
        }
    }
    println!(
        "\nThe example's iCalendar (`graded --example plan --format ics`, 90 events): {:.1} ms; Python `icalendar` writing the same events: {:.0} ms; {:.0}x (median of {rounds} pairs)",
        median(ours),
        median(theirs),
        median(ratios)
    );
}

//! Criterion benchmarks: replaying a long log and planning the next 52 weeks (issue 3 asks for
//! under 5 ms at 3,650 sessions, growing linearly with the log's length).

use std::hint::black_box;

use chrono::{Duration, NaiveDate};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use graded::engine::build_plan;
use graded::load::program::built_in;
use graded::model::{LogEntry, Pain, Profile, SessionLog};

/// A log of `n` daily sessions with a realistic mix of scores (deterministic).
fn log(n: usize, start: NaiveDate) -> SessionLog {
    let entries = (0..n)
        .map(|i| {
            let pain = [0u8, 1, 2, 1, 0, 3, 2, 4, 1, 0, 6, 1][i % 12];
            LogEntry {
                pain_during: Some(Pain::of(pain)),
                pain_after: Some(Pain::of(pain.saturating_sub(1))),
                next_morning: Some(Pain::of(pain / 2)),
                rpe: Some(6),
                ..LogEntry::session(start + Duration::days(i as i64))
            }
        })
        .collect();
    SessionLog {
        entries,
        moves: vec![],
    }
}

fn replay_and_plan(c: &mut Criterion) {
    let program = built_in("mid-back-strain").expect("built-in");
    let profile = Profile::example();
    let mut group = c.benchmark_group("replay_and_plan_52_weeks");
    for n in [365usize, 1825, 3650] {
        let l = log(n, profile.start);
        let today = profile.start + Duration::days(n as i64);
        group.bench_with_input(BenchmarkId::from_parameter(n), &l, |b, l| {
            b.iter(|| {
                build_plan(
                    black_box(&program),
                    black_box(&profile),
                    black_box(l),
                    today,
                    Some(52),
                )
            })
        });
    }
    group.finish();
}

criterion_group!(benches, replay_and_plan);
criterion_main!(benches);

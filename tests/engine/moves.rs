//! Issue 23: a session moved on the calendar is input data, like the log; the pure pass takes
//! it (the session on its new day and time, the sessions after re-flowed under the stage's
//! rules) and `check_move` refuses a move into the past or onto a day holding a session.

use chrono::{Datelike, NaiveDate, NaiveTime};
use graded::engine::build_plan;
use graded::engine::moving::{MoveCheck, MoveRefusal, check_move};
use graded::model::{Correction, CorrectionKind, SessionLog, SessionMove, SlotStatus};

use super::{d, profile, program};

fn moved(session: &str, to: &str, time: &str) -> SessionMove {
    SessionMove {
        line: 0,
        recorded: d("2026-11-24"),
        session: d(session),
        to: d(to),
        time: NaiveTime::parse_from_str(time, "%H:%M").unwrap(),
        source: "calendar".into(),
        correction: None,
    }
}

fn planned(log: &SessionLog) -> Vec<(NaiveDate, NaiveTime, Option<NaiveDate>)> {
    let (plan, _) = build_plan(&program(), &profile(), log, d("2026-11-24"), Some(4));
    plan.sessions
        .iter()
        .filter(|s| s.status == SlotStatus::Planned)
        .map(|s| (s.date, s.time, s.moved_from))
        .collect()
}

#[test]
fn a_move_is_taken_and_the_sessions_after_it_re_flow_under_the_stage_rules() {
    let before = planned(&SessionLog::default());
    // The first session after the first whose next day holds none, to that day at 18:00.
    let k = (1..before.len())
        .find(|&i| {
            before
                .iter()
                .all(|(day, ..)| *day != before[i].0.succ_opt().unwrap())
        })
        .unwrap();
    let (from, _, _) = before[k];
    let to = from.succ_opt().unwrap();
    let log = SessionLog {
        entries: vec![],
        moves: vec![moved(&from.to_string(), &to.to_string(), "18:00")],
    };
    let after = planned(&log);
    assert_eq!(after[..k], before[..k], "the sessions before it stay");
    assert_eq!(
        after[k],
        (to, NaiveTime::from_hms_opt(18, 0, 0).unwrap(), Some(from))
    );
    assert!(
        after.iter().all(|(day, ..)| *day != from),
        "none left on {from}"
    );
    let (p, prof) = (program(), profile());
    let (plan, _) = build_plan(&p, &prof, &log, d("2026-11-24"), Some(4));
    let sessions: Vec<_> = plan
        .sessions
        .iter()
        .filter(|s| s.status == SlotStatus::Planned)
        .collect();
    for w in sessions.windows(2) {
        assert!(w[0].date < w[1].date, "in order, one a day");
        let stage = &p.stages[w[1].stage - 1];
        if stage.hard && w[0].stage == w[1].stage {
            assert!((w[1].date - w[0].date).num_days() >= 2, "{:?}", w[1].date);
        }
    }
    for s in &sessions {
        let week = s.date.iso_week();
        let n = sessions
            .iter()
            .filter(|o| o.date.iso_week() == week)
            .count();
        assert!(
            n <= usize::from(p.stages[s.stage - 1].sessions_per_week),
            "{}",
            s.date
        );
    }
    // Taken back: the plan is the plan without it.
    let mut undone = log.clone();
    undone.moves[0].correction = Some(Correction {
        kind: CorrectionKind::Withdrawn,
        date: d("2026-11-25"),
        reason: String::new(),
    });
    assert_eq!(planned(&undone), before);
}

#[test]
fn a_move_into_the_past_or_onto_a_session_is_refused_with_the_reason() {
    let (plan, _) = build_plan(
        &program(),
        &profile(),
        &SessionLog::default(),
        d("2026-11-24"),
        Some(4),
    );
    let s = |i: usize| &plan.sessions[i];
    let at = |day: NaiveDate, h: u32| day.and_hms_opt(h, 0, 0).unwrap();
    let today = d("2026-11-24");
    assert_eq!(
        check_move(&plan, s(1).date, at(s(2).date, 18), today),
        Err(MoveRefusal::Occupied { day: s(2).date })
    );
    assert_eq!(
        check_move(&plan, s(1).date, at(d("2026-11-20"), 7), today),
        Err(MoveRefusal::Past {
            to: d("2026-11-20")
        })
    );
    assert_eq!(
        check_move(
            &plan,
            d("2026-11-24") - chrono::Duration::days(30),
            at(today, 7),
            today
        ),
        Err(MoveRefusal::NotAhead)
    );
    assert_eq!(
        check_move(&plan, s(1).date, s(1).date.and_time(s(1).time), today),
        Ok(MoveCheck::Already)
    );
    let free = (1..7)
        .map(|n| s(1).date + chrono::Duration::days(n))
        .find(|day| plan.sessions.iter().all(|o| o.date != *day))
        .unwrap();
    assert_eq!(
        check_move(&plan, s(1).date, at(free, 18), today),
        Ok(MoveCheck::Taken(1))
    );
    assert!(free.weekday() != s(1).date.weekday());
}

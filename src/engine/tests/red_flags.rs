//! Red flags and triage (`rules/red_flags.rs`) [NG59][IFOMPT][SYNTH]: what stops the program at
//! intake, a red flag recorded with a session or a screen, a stop's triage that never drops
//! until a clinician's clearance, the clearance that resumes the program, the weekly screen,
//! and the retired symptom ids.

use crate::engine::Rule;
use crate::engine::{Decision, Outcome, State, build_plan};
use crate::model::{EntryKind, LogEntry, Pain, Profile, SessionLog, SlotStatus, Triage, red_flag};
use rstest::rstest;

use super::{d, flagged, profile, program, run, session, sym};

#[rstest]
#[case::ng59_emergency_saddle_numbness(&["saddle-numbness"], Triage::Emergency)]
#[case::ng59_emergency_chest_pain(&["chest-pain"], Triage::Emergency)]
#[case::ng59_urgent_fever(&["fever"], Triage::Urgent)]
#[case::ng59_urgent_one_limb_nerve(&["one-limb-nerve"], Triage::Urgent)]
#[case::ng59_soon_inflammatory(&["inflammatory"], Triage::Soon)]
#[case::ifompt_cancer_history_with_a_nerve_symptom_is_an_emergency(
    &["cancer-history", "one-limb-nerve"],
    Triage::Emergency
)]
fn ng59_any_red_flag_symptom_stops_at_once_with_its_triage(
    #[case] flags: &[&str],
    #[case] triage: Triage,
) {
    let p = program();
    let mut s = State::new(&profile());
    let j = s.apply(&p, &profile(), &flagged("2026-11-25", flags));
    assert_eq!(
        (j.outcome, j.decision, j.triage),
        (Outcome::Stop, Decision::Stop, Some(triage))
    );
    let j = s.apply(&p, &profile(), &session("2026-11-27", 0, 0, Some(0)));
    assert_eq!(
        j.decision,
        Decision::Stop,
        "stays stopped until a clearance"
    );
}

/// What stops the program before the first session: an emergency or urgent flag in the
/// profile [NG59], or rest pain of 7/10 or more at intake (see a clinician first) [SYNTH].
#[rstest]
#[case::ng59_emergency_at_intake(&["saddle-numbness"], 2, Some(Triage::Emergency))]
#[case::ng59_urgent_at_intake(&["fever"], 2, Some(Triage::Urgent))]
#[case::synth_rest_pain_of_7_at_intake_starts_no_plan(&[], 7, Some(Triage::Soon))]
#[case::synth_rest_pain_of_6_at_intake_still_starts(&[], 6, None)]
fn ng59_synth_what_stops_the_program_before_the_first_session(
    #[case] flags: &[&str],
    #[case] rest_pain: u8,
    #[case] want: Option<Triage>,
) {
    let mut prof = profile();
    prof.red_flags = flags.iter().map(|f| sym(f)).collect();
    prof.rest_pain = Pain::of(rest_pain);
    let (plan, replay) = build_plan(
        &program(),
        &prof,
        &SessionLog::default(),
        d("2026-11-24"),
        None,
    );
    assert_eq!(replay.state.stopped.as_ref().map(|s| s.triage), want);
    match want {
        Some(_) => assert!(plan.stopped && plan.sessions.is_empty()),
        None => assert!(
            !plan.stopped
                && plan
                    .sessions
                    .iter()
                    .any(|s| s.status == SlotStatus::Planned)
        ),
    }
}

#[test]
fn synth_rest_pain_of_7_at_intake_advises_a_clinician_and_a_clearance_starts_the_plan() {
    let mut prof = profile();
    prof.rest_pain = Pain::of(7);
    let (_, replay) = build_plan(
        &program(),
        &prof,
        &SessionLog::default(),
        d("2026-11-24"),
        None,
    );
    let stop = replay.state.stopped.expect("stopped before the start");
    assert_eq!(stop.triage, Triage::Soon);
    assert!(stop.cause.contains("rest pain 7/10"), "{}", stop.cause);
    // A clearance starts it.
    let log = SessionLog {
        entries: vec![LogEntry {
            kind: EntryKind::Resume,
            note: "Dr Lee, GP".into(),
            ..LogEntry::session(d("2026-11-26"))
        }],
        moves: vec![],
    };
    let (plan, replay) = build_plan(&program(), &prof, &log, d("2026-11-26"), Some(2));
    assert!(replay.state.stopped.is_none());
    assert!(
        plan.sessions
            .iter()
            .any(|s| s.status == SlotStatus::Planned)
    );
}

// A red flag's level never drops until a clearance [SYNTH] ----------------------------------

#[rstest]
#[case::synth_emergency_then_urgent_stays_emergency("chest-pain", "fever", Triage::Emergency)]
#[case::synth_urgent_then_soon_stays_urgent("night-pain", "inflammatory", Triage::Urgent)]
#[case::synth_soon_then_emergency_rises_to_emergency(
    "no-improvement",
    "bladder-bowel",
    Triage::Emergency
)]
fn synth_a_later_milder_flag_adds_its_advice_and_never_replaces_a_stronger_one(
    #[case] first: &str,
    #[case] second: &str,
    #[case] want: Triage,
) {
    let p = program();
    let mut s = State::new(&profile());
    s.apply(&p, &profile(), &flagged("2026-11-25", &[first]));
    let screen = LogEntry {
        kind: EntryKind::Screen,
        ..flagged("2026-11-27", &[second])
    };
    let j = s.apply(&p, &profile(), &screen);
    assert_eq!(j.triage, Some(want));
    let stop = s.stopped.as_ref().expect("stopped");
    assert_eq!(stop.triage, want);
    assert_eq!(red_flag::ids(&stop.flags, ","), format!("{first},{second}"));
    // Any later row keeps the strongest.
    let j = s.apply(&p, &profile(), &session("2026-11-28", 0, 0, Some(0)));
    assert_eq!((j.decision, j.triage), (Decision::Stop, Some(want)));
}

#[test]
fn synth_a_clearance_resets_the_triage() {
    let p = program();
    let mut s = State::new(&profile());
    s.apply(&p, &profile(), &flagged("2026-11-25", &["chest-pain"]));
    s.apply(
        &p,
        &profile(),
        &LogEntry {
            kind: EntryKind::Resume,
            note: "ED discharge, Dr Ray".into(),
            ..LogEntry::session(d("2026-11-27"))
        },
    );
    let j = s.apply(&p, &profile(), &flagged("2026-11-28", &["fever"]));
    assert_eq!(j.triage, Some(Triage::Urgent));
}

#[test]
fn synth_resume_with_clearance_restarts_progression() {
    let p = program();
    let mut s = State::new(&profile());
    s.apply(&p, &profile(), &flagged("2026-11-25", &["fever"]));
    let resume = LogEntry {
        kind: EntryKind::Resume,
        note: "Dr Lee, GP".into(),
        ..LogEntry::session(d("2026-11-27"))
    };
    assert_eq!(s.apply(&p, &profile(), &resume).decision, Decision::Start);
    assert!(s.stopped.is_none());
    let got = run(
        &mut s,
        &[
            session("2026-11-28", 1, 1, Some(1)),
            session("2026-11-30", 1, 1, Some(1)),
        ],
    );
    assert_eq!(got, [Decision::Hold, Decision::Advance]);
}

#[test]
fn ng59_an_s_flag_at_intake_pauses_progression_until_a_clearance() {
    let p = program();
    let mut prof = profile();
    prof.red_flags = vec![sym("inflammatory")];
    let mut s = State::new(&prof);
    let got: Vec<Decision> = [
        session("2026-11-25", 1, 1, Some(1)),
        session("2026-11-27", 1, 1, Some(1)),
    ]
    .iter()
    .map(|e| s.apply(&p, &profile(), e).decision)
    .collect();
    assert_eq!(got, [Decision::Hold, Decision::Hold]);
    assert_eq!(s.step, 0);
    let resume = LogEntry {
        kind: EntryKind::Resume,
        note: "Dr Lee".into(),
        ..LogEntry::session(d("2026-11-28"))
    };
    s.apply(&p, &profile(), &resume);
    let got: Vec<Decision> = [
        session("2026-11-28", 1, 1, Some(1)),
        session("2026-11-30", 1, 1, Some(1)),
    ]
    .iter()
    .map(|e| s.apply(&p, &profile(), e).decision)
    .collect();
    assert_eq!(got, [Decision::Hold, Decision::Advance]);
}

#[rstest]
#[case::a_screen(EntryKind::Screen)]
#[case::a_clearance(EntryKind::Resume)]
fn a_screen_or_clearance_on_a_training_day_keeps_that_days_session(#[case] kind: EntryKind) {
    // Wed 25 Nov is the first training day; a row of another kind that morning takes nothing
    // from it (it used to be marked missed, and the calendar cancelled it).
    let row = LogEntry {
        kind,
        note: "Dr Lee, GP".into(),
        ..LogEntry::session(d("2026-11-25"))
    };
    let log = SessionLog {
        entries: vec![row],
        moves: vec![],
    };
    for today in ["2026-11-25", "2026-11-24"] {
        let (plan, replay) = build_plan(&program(), &profile(), &log, d(today), Some(1));
        let first = plan.sessions.first().expect("a session");
        assert_eq!(
            (first.date, first.status),
            (d("2026-11-25"), SlotStatus::Planned),
            "today {today}"
        );
        assert_eq!(replay.judged.len(), 1, "the row is judged");
    }
}

// The weekly screen [NG59][SYNTH] --------------------------------------------------------------

/// v3: a red-flag screen more than 21 days old holds progression until it is done; the screen
/// lets the next green advance [NG59][SYNTH].
#[test]
fn screen_synth_an_overdue_screen_holds_and_a_screen_lifts_the_hold() {
    let p = program();
    let prof = Profile::example();
    let mut s = State::new(&prof);
    s.screened = d("2026-11-24");
    let days = ["2026-12-16", "2026-12-17"];
    let j: Vec<_> = days
        .iter()
        .map(|day| s.apply(&p, &prof, &session(day, 0, 0, Some(0))))
        .collect();
    assert_eq!(j[1].decision, Decision::Hold, "{:?}", j[1].reasons);
    assert!(j[1].reasons.iter().any(|r| r.rule == Rule::ScreenOverdue));
    let screen = LogEntry {
        kind: EntryKind::Screen,
        ..LogEntry::session(d("2026-12-18"))
    };
    s.apply(&p, &prof, &screen);
    let next = s.apply(&p, &prof, &session("2026-12-19", 0, 0, Some(0)));
    assert!(!next.reasons.iter().any(|r| r.rule == Rule::ScreenOverdue));
}

/// v3: a screen with no red flags while stopped is never an all-clear [SYNTH].
#[test]
fn screen_synth_a_screen_while_stopped_keeps_the_stop_and_its_advice() {
    let p = program();
    let prof = profile();
    let mut s = State::new(&prof);
    let mut chest = session("2026-11-25", 1, 1, None);
    chest.symptoms = vec![sym("chest-pain")];
    s.apply(&p, &prof, &chest);
    let screen = LogEntry {
        kind: EntryKind::Screen,
        ..LogEntry::session(d("2026-11-26"))
    };
    let j = s.apply(&p, &prof, &screen);
    assert_eq!(j.decision, Decision::Stop);
    assert_eq!(j.triage, Some(Triage::Emergency));
    assert!(s.stopped().is_some());
    let said = j.reasons[0].to_string();
    assert!(said.contains("stays stopped"), "{said}");
    assert!(said.contains("EMERGENCY"), "{said}");
}

// The revised screen: retired and moved symptom ids [NG59] -----------------------------------

#[test]
fn ng59_cough_or_sneeze_pain_is_recorded_and_no_longer_stops() {
    let p = program();
    let mut s = State::new(&profile());
    let j = s.apply(&p, &profile(), &flagged("2026-11-25", &["cough-sneeze"]));
    assert_ne!(j.decision, Decision::Stop);
    assert_eq!(j.outcome, Outcome::Green);
    assert!(
        j.reasons
            .iter()
            .any(|r| r.rule == Rule::RecordedSymptom
                && r.text.to_string().contains("one-limb-nerve")),
        "{:?}",
        j.reasons
    );
    assert!(s.stopped.is_none());
    assert!(red_flag::find("cough-sneeze").is_none());
}

#[test]
fn ng59_breathing_pain_is_urgent_and_breathless_no_longer_asks_about_it() {
    use crate::model::red_flag::find;
    assert_eq!(
        find("breathing-pain").map(|f| f.triage),
        Some(Triage::Urgent)
    );
    let b = find("breathless").expect("breathless");
    assert_eq!(b.triage, Triage::Emergency);
    assert!(!b.question.contains("breathing in"), "{}", b.question);
}

#[test]
fn ng59_an_old_log_and_profile_holding_cough_sneeze_still_load() {
    let text = "date,kind,status,pain_during,pain_after,next_morning,stiffness_min,rpe,symptoms,note\n\
                2026-11-25,session,done,1,1,1,,4,cough-sneeze,\n";
    let log = crate::load::session_log::parse("log.csv", text, d("2026-11-24")).expect("reads");
    assert_eq!(log.entries[0].symptoms, [sym("cough-sneeze")]);
    let mut prof = profile();
    prof.red_flags = vec![sym("cough-sneeze")];
    let toml = crate::load::profile::to_toml(&prof);
    let back = crate::load::profile::parse("profile.toml", &toml).expect("reads");
    assert_eq!(back.red_flags, [sym("cough-sneeze")]);
    let (plan, replay) = build_plan(&program(), &back, &log, d("2026-11-26"), Some(1));
    assert!(replay.state.stopped.is_none() && !replay.state.paused);
    assert!(!plan.stopped);
}

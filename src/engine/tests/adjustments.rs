//! A therapist's adjustments (`rules/adjustments.rs`, `graded adjust`) [SYNTH]: each only makes
//! a session or a dose more cautious, on the dates it is in force, with a reason naming who
//! made it; a gate adjustment splits the Course's gate spans where it begins and ends.

use crate::engine::{Decision, Outcome, State};
use crate::model::{AdjustKind, Adjustment, GateName, Profile};
use rstest::rstest;

use super::{d, profile, program, session};

fn by_lee(kind: AdjustKind, made: &str, until: Option<&str>) -> Adjustment {
    Adjustment {
        kind,
        by: "Dr Lee, PT".into(),
        reason: None,
        made: d(made),
        until: until.map(d),
    }
}

fn with(adjust: Vec<Adjustment>) -> Profile {
    Profile {
        adjust,
        ..profile()
    }
}

fn gate(gate: GateName, value: u8, made: &str) -> Adjustment {
    by_lee(AdjustKind::Gate { gate, value }, made, None)
}

#[rstest]
#[case::green_max_2_makes_pain_3_amber(
    GateName::GreenMax,
    2,
    "2026-11-24",
    3,
    Some(1),
    Outcome::Amber
)]
#[case::green_max_2_keeps_pain_2_green(
    GateName::GreenMax,
    2,
    "2026-11-24",
    2,
    Some(1),
    Outcome::Green
)]
#[case::amber_max_4_makes_pain_5_red(GateName::AmberMax, 4, "2026-11-24", 5, Some(1), Outcome::Red)]
#[case::next_morning_max_1_makes_a_morning_of_2_amber(
    GateName::NextMorningMax,
    1,
    "2026-11-24",
    1,
    Some(2),
    Outcome::Amber
)]
#[case::next_morning_max_1_keeps_a_morning_of_1_green(
    GateName::NextMorningMax,
    1,
    "2026-11-24",
    1,
    Some(1),
    Outcome::Green
)]
#[case::morning_rise_1_makes_a_morning_one_above_usual_red(
    GateName::MorningRise,
    1,
    "2026-11-24",
    1,
    Some(3),
    Outcome::Red
)]
#[case::not_yet_made_changes_nothing(
    GateName::GreenMax,
    2,
    "2026-11-26",
    3,
    Some(1),
    Outcome::Green
)]
fn synth_a_stricter_gate_judges_the_session_on_the_days_it_is_in_force(
    #[case] g: GateName,
    #[case] value: u8,
    #[case] made: &str,
    #[case] pain: u8,
    #[case] morning: Option<u8>,
    #[case] want: Outcome,
) {
    let prof = with(vec![gate(g, value, made)]);
    let mut s = State::new(&prof);
    let j = s.apply(
        &program(),
        &prof,
        &session("2026-11-25", pain, pain, morning),
    );
    assert_eq!(j.outcome, want, "{:?}", j.reasons);
    let named = j.reasons.iter().any(|r| {
        r.text.to_string().contains("Dr Lee, PT:") && r.text.to_string().contains("[adjust #1]")
    });
    assert_eq!(named, made <= "2026-11-25", "{:?}", j.reasons);
}

/// The mobility stage's last step, started long ago: two greens would leave it.
fn mobility_done(prof: &Profile) -> State {
    let mut s = State::new(prof);
    s.stage = 1;
    s.step = program().stages[1].steps() - 1;
    s.stage_start = d("2026-11-01");
    s
}

#[rstest]
#[case::held_before_its_day(Some("2026-12-01"), Decision::Hold)]
#[case::free_on_its_day(Some("2026-11-27"), Decision::Advance)]
#[case::not_held(None, Decision::Advance)]
fn synth_a_held_stage_is_not_left_before_its_day(
    #[case] until: Option<&str>,
    #[case] want: Decision,
) {
    let p = program();
    let stage = p.stages[1].id.to_string();
    let prof = with(
        until
            .map(|u| {
                vec![by_lee(
                    AdjustKind::HoldStage { stage },
                    "2026-11-20",
                    Some(u),
                )]
            })
            .unwrap_or_default(),
    );
    let mut s = mobility_done(&prof);
    s.apply(&p, &prof, &session("2026-11-25", 1, 1, Some(1)));
    let j = s.apply(&p, &prof, &session("2026-11-27", 1, 1, Some(1)));
    assert_eq!(j.decision, want, "{:?}", j.reasons);
    if want == Decision::Hold {
        assert_eq!(s.stage, 1);
        assert!(j.reasons.iter().any(|r| {
            r.text
                .to_string()
                .contains("it is held (Dr Lee, PT: stay in")
        }));
    }
}

#[rstest]
#[case::capped_while_in_force("2027-01-04", 60.0, Some(140.0))]
#[case::below_the_bar_no_load("2027-01-04", 15.0, None)]
#[case::uncapped_after_its_day("2027-01-20", 60.0, None)]
fn synth_a_max_pct_caps_a_lift_on_the_days_it_is_in_force(
    #[case] date: &str,
    #[case] pct: f64,
    #[case] most: Option<f64>,
) {
    let p = program();
    let load_stage = p
        .stages
        .iter()
        .position(|s| s.max_pct_1rm.is_some())
        .expect("a load stage");
    let cap = by_lee(
        AdjustKind::MaxPct {
            lift: "squat".into(),
            pct,
        },
        "2026-11-24",
        Some("2027-01-15"),
    );
    let plain = profile();
    let prof = with(vec![cap]);
    let mut s = State::new(&prof);
    s.stage = load_stage;
    s.step = p.stages[load_stage].steps() - 1;
    let mut t = State::new(&plain);
    t.stage = load_stage;
    t.step = s.step;
    let squat = |st: &State, pr: &Profile| {
        st.exercises(&p, pr, d(date))
            .into_iter()
            .find(|e| e.lift.as_deref() == Some("squat"))
            .and_then(|e| e.load)
    };
    let (capped, open) = (squat(&s, &prof), squat(&t, &plain));
    assert!(open.is_some());
    match most {
        Some(m) => assert!(capped.is_some_and(|l| l <= m), "{capped:?}"),
        None if date > "2027-01-15" => assert_eq!(capped, open),
        None => assert_eq!(capped, None),
    }
}

/// The gates sessions are judged under, in the Course: a span per stage visit, split where a
/// gate adjustment begins and ends (the report draws its bands from them).
#[test]
fn gate_spans_split_where_a_gate_adjustment_begins_and_ends() {
    use crate::engine::course::{GateSpan, Visit, gate_spans};
    use crate::model::Pain;
    let program = program();
    let mut profile = Profile::example();
    profile.adjust = vec![Adjustment {
        kind: AdjustKind::Gate {
            gate: GateName::GreenMax,
            value: 1,
        },
        made: d("2026-11-26"),
        until: Some(d("2026-11-30")),
        by: "Dr Lee, PT".into(),
        reason: None,
    }];
    let visits = [
        Visit {
            stage: 0,
            start: d("2026-11-24"),
            end: None,
        },
        Visit {
            stage: 1,
            start: d("2026-11-29"),
            end: None,
        },
    ];
    let spans = gate_spans(&program, &profile, &visits);
    let got: Vec<(chrono::NaiveDate, usize, u8)> = spans
        .iter()
        .map(|GateSpan { from, gates }| {
            let stage = usize::from(*from >= d("2026-11-29"));
            (*from, stage, gates.green_max.get())
        })
        .collect();
    let program_green = |s: usize| program.stages[s].gates.green_max.get();
    assert_eq!(
        got,
        [
            (d("2026-11-24"), 0, program_green(0)),
            (d("2026-11-26"), 0, 1),
            (d("2026-11-29"), 1, 1),
            (d("2026-12-01"), 1, program_green(1)),
        ]
    );
    assert!(Pain::of(1) < program.stages[0].gates.green_max);
}

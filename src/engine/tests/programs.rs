//! Not a rule file's: the built-in programs' content (walking in every stage, hinges that take
//! turns, one effort scale, the morning question) and the plan's first day
//! [WALKBACK][SYNTH][INTENSITY][RPE]. No rule in `engine/rules/` decides them; they check the
//! programs and the plan the rules run on.

use crate::engine::build_plan;
use crate::load::program::BUILT_IN;

use super::{built_in, d, low_back_all_green, profile, program};

#[test]
fn walkback_every_stage_of_every_program_keeps_walking() {
    for (id, _) in BUILT_IN {
        let p = built_in(id);
        for stage in &p.stages {
            assert!(
                stage.exercises.iter().any(|e| e.id.starts_with("walk")),
                "{id}: {} has no walk",
                stage.id
            );
        }
    }
}

#[test]
fn synth_the_low_back_hinges_take_turns_across_sessions() {
    let plan = low_back_all_green();
    let hinges: Vec<Vec<&str>> = plan
        .sessions
        .iter()
        .filter(|s| s.stage == 4)
        .map(|s| {
            s.exercises
                .iter()
                .filter(|e| &*e.id == "deadlift" || &*e.id == "rdl")
                .map(|e| &*e.id)
                .collect()
        })
        .collect();
    assert!(hinges.len() > 4);
    for pair in hinges.windows(2) {
        assert_eq!(pair[0].len(), 1, "one hinge a session: {pair:?}");
        assert_ne!(pair[0], pair[1], "the hinges alternate: {pair:?}");
    }
}

#[test]
fn synth_the_layoff_programs_morning_question_tells_soreness_from_pain() {
    let q = built_in("return-after-layoff").morning_question;
    assert!(q.contains("soreness") && q.contains("not pain"), "{q}");
    for (id, _) in BUILT_IN {
        assert!(built_in(id).morning_question.contains("soreness"), "{id}");
    }
}

#[test]
fn intensity_rpe_one_effort_scale_and_notes_that_match_their_doses() {
    for (id, text) in BUILT_IN {
        assert!(!text.contains("6-20"), "{id}: one effort scale, RPE 0-10");
        let p = built_in(id);
        for stage in &p.stages {
            let pcts: Vec<f64> = stage
                .exercises
                .iter()
                .flat_map(|e| e.doses.iter().filter_map(|d| d.pct_1rm))
                .collect();
            let (lo, hi) = pcts
                .iter()
                .fold((f64::MAX, 0.0f64), |(a, b), &x| (a.min(x), b.max(x)));
            // Every "N% of" the 1RM in a stage's notes lies within that stage's own doses.
            let pieces: Vec<&str> = stage.notes.split("% of").collect();
            for piece in &pieces[..pieces.len() - 1] {
                let digits: String = piece
                    .chars()
                    .rev()
                    .take_while(|c| c.is_ascii_digit() || *c == '.')
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                if let Ok(n) = digits.parse::<f64>() {
                    assert!(
                        !pcts.is_empty() && (lo..=hi).contains(&n),
                        "{id} {}: the notes say {n}% but the doses run {lo}-{hi}%",
                        stage.id
                    );
                }
            }
        }
    }
}

#[test]
fn nothing_is_planned_before_the_start_even_when_today_is_earlier() {
    let (plan, _) = build_plan(
        &program(),
        &profile(),
        &Default::default(),
        d("2026-01-05"),
        Some(2),
    );
    assert!(
        plan.sessions.iter().all(|x| x.date >= profile().start),
        "{:?}",
        plan.sessions.first().map(|x| x.date)
    );
    assert!(!plan.sessions.is_empty());
}

//! Reviews at 4, 8 and 12 weeks (`rules/review.rs`) [MCID][NHS-4W][COURSE]: no 2-point or 30%
//! improvement in morning pain since intake, or morning pain left at 12 weeks, or still the
//! first stage at 4 weeks (not clearly better), pauses progression until a clinician has seen
//! the person.

use crate::engine::Rule;
use crate::engine::{Judged, State};
use rstest::rstest;

use super::{profile, program, session};

/// Sessions on `days` from `stage` with `reviews_done`, each with pain `pain` during and
/// after and `morning` the next morning: the review that pauses progression, with the
/// review's name in its words (`None`: none does).
#[rstest]
#[case::mcid_nhs_4w_no_two_point_or_thirty_percent_improvement_by_four_weeks_advises_a_clinician(
    0,
    0,
    &["2026-12-14", "2026-12-16", "2026-12-18", "2026-12-21", "2026-12-23"],
    1,
    2,
    Some((Rule::ReviewNoImprovement, "4-week"))
)]
#[case::mcid_improvement_of_thirty_percent_passes_the_four_week_review(
    0,
    0,
    &["2026-12-18", "2026-12-21", "2026-12-23"],
    0,
    1,
    None
)]
#[case::mcid_nhs_4w_review_at_8_weeks(
    1,
    1,
    &["2027-01-19"],
    1,
    2,
    Some((Rule::ReviewNoImprovement, "8-week"))
)]
#[case::course_review_at_12_weeks(
    1,
    2,
    &["2027-02-16"],
    1,
    2,
    Some((Rule::ReviewNoImprovement, "12-week"))
)]
// v3: four weeks stuck in the first stage is "not clearly better", whatever the points.
#[case::nhs_4w_still_in_the_first_stage_at_4_weeks_is_not_clearly_better(
    0,
    0,
    &["2026-12-24"],
    0,
    0,
    Some((Rule::ReviewNotClearlyBetter, "4-week"))
)]
#[case::nhs_4w_out_of_the_first_stage_by_4_weeks_the_review_finds_nothing_to_say(
    1,
    0,
    &["2026-12-24"],
    0,
    0,
    None
)]
fn mcid_nhs_4w_course_reviews_pause_progression_when_pain_persists(
    #[case] stage: usize,
    #[case] reviews_done: u32,
    #[case] days: &[&str],
    #[case] pain: u8,
    #[case] morning: u8,
    #[case] want: Option<(Rule, &str)>,
) {
    let p = program();
    let mut s = State::new(&profile());
    s.stage = stage;
    s.reviews_done = reviews_done;
    let judged: Vec<Judged> = days
        .iter()
        .map(|day| s.apply(&p, &profile(), &session(day, pain, pain, Some(morning))))
        .collect();
    let last = judged.last().expect("judged");
    assert_eq!(
        (s.paused, s.review_flag),
        (want.is_some(), want.is_some()),
        "{:?}",
        last.reasons
    );
    if let Some((rule, which)) = want {
        assert!(
            last.reasons
                .iter()
                .any(|r| r.rule == rule && r.text.to_string().contains(which)),
            "{:?}",
            last.reasons
        );
    }
}

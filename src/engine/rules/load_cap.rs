//! The weekly load cap's last guard [GABBETT]: whatever the other rules decided (a step up, a
//! lighter week ending, a raised estimate set, a therapist's cap lifted), no lift is planned
//! more than the stage's weekly cap above the lightest load of it planned or lifted in the 7
//! days before. Loads climb slowly enough for the tissue to keep up with them.

use crate::engine::dosage::{round_down, share_of};
use crate::model::{PlannedSession, Profile, SlotStatus, Stage};

/// The weekly load cap of a stage that names none: 10% [GABBETT].
pub const DEFAULT_WEEKLY_LOAD_CAP_PCT: f64 = 10.0;

/// The most a stage's loads may rise in 7 days, in % [GABBETT].
pub fn weekly_cap_pct(stage: &Stage) -> f64 {
    stage
        .weekly_load_cap_pct
        .unwrap_or(DEFAULT_WEEKLY_LOAD_CAP_PCT)
}

/// Brings each lift of `s` down to at most `cap_pct` above its lightest load among the
/// sessions planned before it (`earlier`, oldest first) in the 7 days before (the same weekday
/// a week ago among them: a load is never more than the cap above the one of a week before),
/// missed and skipped ones aside, and records that most as the lift's weekly ceiling [GABBETT].
pub fn within_the_weekly_cap(
    earlier: &[PlannedSession],
    s: &mut PlannedSession,
    cap_pct: f64,
    profile: &Profile,
) {
    // Most sessions (walking, mobility) lift nothing: nothing to look back at.
    if s.exercises.iter().all(|e| e.lift.is_none()) {
        return;
    }
    let recent: Vec<&PlannedSession> = earlier
        .iter()
        .rev()
        .take_while(|p| (s.date - p.date).num_days() <= 7)
        .filter(|p| !matches!(p.status, SlotStatus::Missed | SlotStatus::Skipped))
        .collect();
    for e in s.exercises.iter_mut().filter(|e| e.lift.is_some()) {
        let (Some(load), Some(lightest)) = (
            e.load,
            recent
                .iter()
                .flat_map(|p| &p.exercises)
                .filter(|x| x.id == e.id)
                .filter_map(|x| x.load)
                .reduce(f64::min),
        ) else {
            continue;
        };
        let most = round_down(lightest * (1.0 + cap_pct / 100.0), profile.units)
            .unwrap_or(lightest)
            .max(lightest);
        e.weekly_ceiling = Some(most);
        if load > most + 1e-9 {
            e.load = Some(most);
            // The share of the 1RM follows the load it now is.
            let one_rm = e.lift.as_deref().and_then(|l| profile.lift(l));
            e.pct_1rm = one_rm.map(|l| share_of(most, l.one_rep_max()));
        }
    }
}

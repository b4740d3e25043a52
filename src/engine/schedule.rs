//! Which of the person's training days a stage uses.

use chrono::Weekday;

/// Picks the weekdays for a stage: `per_week` of the person's `days` (all of them when there
/// are fewer), spread as evenly as possible around the week; for a hard stage no two days are
/// consecutive, Sunday to Monday included [ACSM]. Deterministic: ties go to the earliest days.
pub fn pattern(days: &[Weekday], per_week: u8, hard: bool) -> Vec<Weekday> {
    let mut idx: Vec<u32> = days.iter().map(|d| d.num_days_from_monday()).collect();
    idx.sort_unstable();
    idx.dedup();
    let n = idx.len();
    let mut best: Option<(usize, u32, u32, Vec<u32>)> = None;
    for mask in 1u32..(1 << n) {
        let chosen: Vec<u32> = (0..n)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| idx[i])
            .collect();
        if chosen.len() > usize::from(per_week) {
            continue;
        }
        let gaps: Vec<u32> = chosen
            .iter()
            .enumerate()
            .map(|(i, d)| {
                if i + 1 < chosen.len() {
                    chosen[i + 1] - d
                } else {
                    chosen[0] + 7 - d
                }
            })
            .collect();
        let min_gap = if chosen.len() == 1 {
            7
        } else {
            *gaps.iter().min().expect("non-empty")
        };
        if hard && min_gap < 2 {
            continue;
        }
        // Prefer more sessions, then a larger smallest gap, then earlier days.
        let key_sum: u32 = chosen.iter().sum();
        let better = match &best {
            None => true,
            Some((len, gap, sum, _)) => {
                (chosen.len(), min_gap, u32::MAX - key_sum) > (*len, *gap, u32::MAX - *sum)
            }
        };
        if better {
            best = Some((chosen.len(), min_gap, key_sum, chosen));
        }
    }
    best.map(|(_, _, _, c)| {
        c.into_iter()
            .map(|d| Weekday::try_from(d as u8).expect("0-6"))
            .collect()
    })
    .unwrap_or_default()
}

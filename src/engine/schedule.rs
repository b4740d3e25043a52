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
    // Each choice of days is a bit mask over `idx`, its days read off in week order: no list
    // is made for the 127 choices a seven-day week has.
    let chosen = |mask: u32| (0..n).filter(move |i| mask & (1 << i) != 0).map(|i| idx[i]);
    let mut best: Option<(u32, u32, u32, u32)> = None;
    for mask in 1u32..(1 << n) {
        let len = mask.count_ones();
        if len > u32::from(per_week) {
            continue;
        }
        // The smallest gap between one chosen day and the next, Sunday to Monday included.
        let (mut first, mut prev, mut min_gap) = (None, 0, u32::MAX);
        for d in chosen(mask) {
            match first {
                None => first = Some(d),
                Some(_) => min_gap = min_gap.min(d - prev),
            }
            prev = d;
        }
        let min_gap = match first {
            Some(f) if len > 1 => min_gap.min(f + 7 - prev),
            _ => 7,
        };
        if hard && min_gap < 2 {
            continue;
        }
        // Prefer more sessions, then a larger smallest gap, then earlier days.
        let key_sum: u32 = chosen(mask).sum();
        let better = match best {
            None => true,
            Some((l, gap, sum, _)) => (len, min_gap, u32::MAX - key_sum) > (l, gap, u32::MAX - sum),
        };
        if better {
            best = Some((len, min_gap, key_sum, mask));
        }
    }
    best.map(|(_, _, _, mask)| {
        chosen(mask)
            .map(|d| Weekday::try_from(d as u8).expect("0-6"))
            .collect()
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Weekday::*;

    /// The rule's cases: the person's days (in any order, some twice), the stage's sessions a
    /// week and whether it is hard, and the days it takes.
    #[test]
    fn the_days_a_stage_takes() {
        let all = [Mon, Tue, Wed, Thu, Fri, Sat, Sun];
        let weekdays = [Mon, Tue, Wed, Thu, Fri];
        let cases: &[(&[Weekday], u8, bool, &[Weekday])] = &[
            (&all, 1, false, &[Mon]),
            (&all, 2, false, &[Mon, Thu]),
            (&all, 2, true, &[Mon, Thu]),
            (&all, 3, true, &[Mon, Wed, Fri]),
            // Four hard days of seven would put two side by side: three.
            (&all, 4, true, &[Mon, Wed, Fri]),
            // Not hard, four days: no spread gives a gap above one, so the earliest.
            (&all, 4, false, &[Mon, Tue, Wed, Thu]),
            (&all, 7, false, &all),
            (&all, 0, false, &[]),
            (&weekdays, 3, true, &[Mon, Wed, Fri]),
            (&weekdays, 2, false, &[Mon, Thu]),
            // Sunday to Monday counts as side by side.
            (&[Sat, Sun, Mon], 2, true, &[Mon, Sat]),
            (&[Sun, Mon], 2, true, &[Mon]),
            // Fewer days than asked for: all of them, each once.
            (&[Fri, Mon, Fri], 3, false, &[Mon, Fri]),
            (&[], 3, true, &[]),
        ];
        for &(days, per_week, hard, want) in cases {
            assert_eq!(
                pattern(days, per_week, hard),
                want,
                "{days:?} {per_week} {hard}"
            );
        }
    }
}

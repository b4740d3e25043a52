//! Effort and load: the RPE (reps in reserve) table [RPE], one scale throughout (RPE 0-10).
//!
//! A set of `reps` at RPE `r` leaves `10 - r` reps in reserve, so it is as hard as `reps + 10 - r`
//! reps taken to failure. The table gives the share of the 1RM that many reps to failure take
//! (the widely used reps-in-reserve chart after Helms et al. 2016 and Zourdos et al. 2016;
//! approximate, and the same numbers as docs/EVIDENCE.md "RPE table").

/// % of the 1RM for 1, 1.5, 2, ... 16 reps to failure (index = (reps to failure - 1) * 2).
const PCT_BY_HALF_REP: [f64; 31] = [
    100.0, 97.8, 95.5, 93.9, 92.2, 90.7, 89.2, 87.8, 86.3, 85.0, 83.7, 82.4, 81.1, 79.9, 78.6,
    77.4, 76.2, 75.1, 73.9, 72.3, 70.7, 69.4, 68.0, 66.7, 65.3, 64.0, 62.6, 61.3, 60.0, 58.7, 57.4,
];

/// Most reps a table look-up takes.
pub const MAX_REPS: u32 = 12;
/// Lowest RPE the table covers (below it a set is warm-up effort).
pub const MIN_RPE: f64 = 6.0;

/// The % of the 1RM at which `reps` reps are done at RPE `rpe` (6-10, in half points), or
/// `None` outside the table (more than 12 reps, RPE below 6).
pub fn pct_1rm(reps: u32, rpe: f64) -> Option<f64> {
    if reps == 0 || reps > MAX_REPS || !(MIN_RPE..=10.0).contains(&rpe) {
        return None;
    }
    let half_steps = (f64::from(reps - 1) * 2.0 + (10.0 - rpe) * 2.0).round() as usize;
    PCT_BY_HALF_REP.get(half_steps).copied()
}

/// The 1RM estimated from a submaximal set: `load` for `reps` at RPE `rpe` [RPE]. RPE below the
/// table counts as 6 (an easier set gives a lower, safer estimate).
pub fn estimated_1rm(load: f64, reps: u32, rpe: f64) -> Option<f64> {
    pct_1rm(reps, rpe.max(MIN_RPE)).map(|pct| load * 100.0 / pct)
}

/// The effort `reps` at `pct` % of the 1RM take, in half points: the lowest RPE the table
/// allows it at (what the set feels like to someone at full strength), or `None` past RPE 10.
pub fn expected(reps: u32, pct: f64) -> Option<f64> {
    (12..=20)
        .map(|h| f64::from(h) / 2.0)
        .find(|&r| pct_1rm(reps, r).is_some_and(|p| p + 1e-9 >= pct))
}

/// The most reps of a rep spec: `5` -> 5, `8-12` -> 12, `6-4-2` -> 6 (the hardest set it allows).
pub fn most_reps(spec: &str) -> Option<u32> {
    spec.split('-').filter_map(|p| p.trim().parse().ok()).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_triple_at_90_percent_is_rpe_9_or_more() {
        // docs/EVIDENCE.md [RPE]: a triple at 90% of a true max is RPE 9 or more.
        assert!(pct_1rm(3, 9.0).unwrap() < 90.0);
        assert!(pct_1rm(3, 9.5).unwrap() > 90.0);
        assert_eq!(pct_1rm(1, 10.0), Some(100.0));
        assert_eq!(pct_1rm(3, 7.0), Some(83.7));
        assert_eq!(pct_1rm(5, 7.0), Some(78.6));
        assert_eq!(pct_1rm(13, 7.0), None);
        assert_eq!(pct_1rm(3, 5.0), None);
    }

    #[test]
    fn the_table_falls_with_reps_and_with_lower_effort() {
        for reps in 1..MAX_REPS {
            for rpe in [6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0, 9.5, 10.0] {
                let here = pct_1rm(reps, rpe).unwrap();
                assert!(pct_1rm(reps + 1, rpe).unwrap() < here);
                if rpe > 6.0 {
                    assert!(pct_1rm(reps, rpe - 0.5).unwrap() < here);
                }
            }
        }
    }

    #[test]
    fn an_estimate_from_a_triple_at_rpe_8() {
        let e = estimated_1rm(200.0, 3, 8.0).unwrap();
        assert_eq!(expected(3, 85.1), Some(8.0));
        assert_eq!(expected(3, 84.0), Some(7.5));
        assert_eq!(expected(1, 101.0), None);
        assert!((e - 231.75).abs() < 0.1, "{e}");
        assert_eq!(most_reps("8-12"), Some(12));
        assert_eq!(most_reps("6-4-2"), Some(6));
    }
}

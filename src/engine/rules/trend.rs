//! The weekly trend [PMM]: the mean morning pain (and stiffness) of the last 7 days, compared
//! with the 7 before at every session, so the first session of a week is judged like any other
//! (a rise holds), and over three such windows (rising two weeks running, in pain or in
//! stiffness, pauses progression: see a clinician soon) [PMM][SYNTH].

use chrono::NaiveDate;
use serde::Serialize;

use super::{Judged, Reason, Rule, State};
use crate::model::{LogEntry, Pain};

/// One session's morning, for the week-to-week rule [PMM].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct Morning {
    date: NaiveDate,
    pain: Option<f64>,
    stiffness: Option<f64>,
}

/// How many days of mornings the trend keeps: three 7-day windows.
const KEPT_DAYS: i64 = 21;

/// A weekly rise in mean morning pain that counts: the smallest change a person notices [MCID].
const PAIN_RISE: f64 = 1.0;
/// A weekly rise in mean morning stiffness that counts, in minutes [SYNTH].
const STIFFNESS_RISE: f64 = 10.0;

/// `(before, now)` when both are known and `now` is at least `by` above `before`.
fn rose(before: Option<f64>, now: Option<f64>, by: f64) -> Option<(f64, f64)> {
    before.zip(now).filter(|(a, b)| *b >= a + by - 1e-9)
}

impl State {
    /// The row's next-morning score and stiffness go into its week and the usual morning pain.
    pub(super) fn track_mornings(&mut self, entry: &LogEntry) {
        self.add_week(
            entry.date,
            entry.next_morning.as_slice(),
            entry.stiffness_min,
        );
        if let Some(m) = entry.next_morning {
            self.mornings.push(m);
            if self.mornings.len() > super::BASELINE_MORNINGS {
                self.mornings.remove(0);
            }
        }
    }

    /// Weekly morning pain rising two weeks running pauses progression (see a clinician soon).
    pub(super) fn pause_on_rising_trend(&mut self, date: NaiveDate, judged: &mut Judged) {
        if !self.paused
            && let Some(why) = self.rising_two_weeks(date)
        {
            let reason = Reason::new(Rule::WeeklyTrendRising, why);
            self.paused = true;
            self.pause = Some(reason.clone());
            judged.reasons.push(reason);
        }
    }

    pub(super) fn add_week(&mut self, date: NaiveDate, pains: &[Pain], stiffness: Option<u32>) {
        // Kept: the mornings less than `KEPT_DAYS` before `date` (one date compared per
        // morning, not a day count worked out for each).
        if let Some(cutoff) = date.checked_sub_days(chrono::Days::new(KEPT_DAYS as u64)) {
            self.recent.retain(|m| m.date > cutoff);
        }
        let pain = (!pains.is_empty())
            .then(|| pains.iter().map(|&p| f64::from(p)).sum::<f64>() / pains.len() as f64);
        self.recent.push(Morning {
            date,
            pain,
            stiffness: stiffness.map(f64::from),
        });
    }

    /// Mean morning pain and stiffness of the `weeks` 7-day windows ending on `date`, oldest
    /// first, when each window holds a session and the last holds two or more (one session
    /// does not decide).
    pub(super) fn week_means(
        &self,
        date: NaiveDate,
        weeks: usize,
    ) -> Option<Vec<(Option<f64>, Option<f64>)>> {
        let mean = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
        let mut out = Vec::with_capacity(weeks);
        for k in (0..weeks as i64).rev() {
            let inside: Vec<&Morning> = self
                .recent
                .iter()
                .filter(|m| {
                    let ago = (date - m.date).num_days();
                    ago >= 7 * k && ago < 7 * (k + 1)
                })
                .collect();
            if inside.is_empty() || (k == 0 && inside.len() < 2) {
                return None;
            }
            let pain: Vec<f64> = inside.iter().filter_map(|m| m.pain).collect();
            let stiff: Vec<f64> = inside.iter().filter_map(|m| m.stiffness).collect();
            out.push((mean(&pain), mean(&stiff)));
        }
        Some(out)
    }

    /// Weekly mean morning pain (or stiffness) higher than the week before: hold [PMM]. The
    /// pain-monitoring model watches the mornings, not the pain during harder sessions; a rise
    /// counts from 1 point (the smallest change a person notices [MCID]) or 10 minutes.
    pub(super) fn worse_than_last_week(&self, date: NaiveDate) -> Option<String> {
        let m = self.week_means(date, 2)?;
        if let Some((a, b)) = rose(m[0].0, m[1].0, PAIN_RISE) {
            return Some(format!(
                "Weekly mean morning pain {b:.1} is {PAIN_RISE:.0} point or more above last week's {a:.1}: hold."
            ));
        }
        if let Some((a, b)) = rose(m[0].1, m[1].1, STIFFNESS_RISE) {
            return Some(format!(
                "Weekly mean morning stiffness {b:.0} min is {STIFFNESS_RISE:.0} min or more above last week's {a:.0} min: hold."
            ));
        }
        None
    }

    /// Weekly mean morning pain (by a point or more each week) or stiffness (by 10 minutes or
    /// more each week) higher two weeks running: pause progression and see a physio or
    /// clinician soon (S) [PMM][SYNTH].
    pub(super) fn rising_two_weeks(&self, date: NaiveDate) -> Option<String> {
        let m = self.week_means(date, 3)?;
        if let (Some((a, b)), Some((_, c))) = (
            rose(m[0].0, m[1].0, PAIN_RISE),
            rose(m[1].0, m[2].0, PAIN_RISE),
        ) {
            return Some(format!(
                "Weekly mean morning pain rose two weeks running ({a:.1}, {b:.1}, {c:.1}): progression pauses; \
                 see a physio or clinician soon."
            ));
        }
        let ((a, b), (_, c)) = (
            rose(m[0].1, m[1].1, STIFFNESS_RISE)?,
            rose(m[1].1, m[2].1, STIFFNESS_RISE)?,
        );
        Some(format!(
            "Weekly mean morning stiffness rose two weeks running ({a:.0}, {b:.0}, {c:.0} min): \
             progression pauses; see a physio or clinician soon."
        ))
    }
}

//! The weekly trend [PMM]: the mean morning pain (and stiffness) of each week, compared with
//! the week before (a rise holds) and over three weeks (rising two weeks running pauses
//! progression: see a clinician soon) [SYNTH].

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{Judged, Reason, Rule, State};
use crate::model::{LogEntry, Pain};

/// Pain and stiffness sums of one ISO week, for the week-to-week rule [PMM].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct WeekStats {
    /// year * 100 + ISO week.
    key: i32,
    pain_sum: f64,
    pain_n: u32,
    stiffness_sum: f64,
    stiffness_n: u32,
    sessions: u32,
}

fn week_key(date: NaiveDate) -> i32 {
    let iso = date.iso_week();
    iso.year() * 100 + iso.week() as i32
}

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
        let mornings: Vec<Pain> = entry.next_morning.into_iter().collect();
        self.add_week(entry.date, &mornings, entry.stiffness_min);
        if let Some(m) = entry.next_morning {
            self.mornings.push(m);
            if self.mornings.len() > 3 {
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
        let key = week_key(date);
        if self.weeks.last().is_none_or(|w| w.key != key) {
            self.weeks.push(WeekStats {
                key,
                pain_sum: 0.0,
                pain_n: 0,
                stiffness_sum: 0.0,
                stiffness_n: 0,
                sessions: 0,
            });
            if self.weeks.len() > 3 {
                self.weeks.remove(0);
            }
        }
        let w = self.weeks.last_mut().expect("pushed");
        w.sessions += 1;
        for &p in pains {
            w.pain_sum += f64::from(p);
            w.pain_n += 1;
        }
        if let Some(s) = stiffness {
            w.stiffness_sum += f64::from(s);
            w.stiffness_n += 1;
        }
    }

    /// Weekly mean pain (or stiffness) of the weeks ending with `date`'s, oldest first, when they
    /// are consecutive weeks and this one has two sessions or more (one session does not decide).
    pub(super) fn week_means(
        &self,
        date: NaiveDate,
        weeks: usize,
    ) -> Option<Vec<(Option<f64>, Option<f64>)>> {
        if self.weeks.len() < weeks {
            return None;
        }
        let recent = &self.weeks[self.weeks.len() - weeks..];
        let cur = recent.last().expect("weeks >= 1");
        if cur.key != week_key(date) || cur.sessions < 2 {
            return None;
        }
        for (i, w) in recent.iter().enumerate() {
            let back = (weeks - 1 - i) as i64;
            if w.key != week_key(date - chrono::Duration::days(7 * back)) {
                return None;
            }
        }
        let mean = |s: f64, n: u32| (n > 0).then(|| s / f64::from(n));
        Some(
            recent
                .iter()
                .map(|w| {
                    (
                        mean(w.pain_sum, w.pain_n),
                        mean(w.stiffness_sum, w.stiffness_n),
                    )
                })
                .collect(),
        )
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

    /// Weekly mean morning pain higher two weeks running (by a point or more each week): pause
    /// progression and see a physio or clinician soon (S) [PMM][SYNTH].
    pub(super) fn rising_two_weeks(&self, date: NaiveDate) -> Option<String> {
        let m = self.week_means(date, 3)?;
        let ((a, b), (_, c)) = (
            rose(m[0].0, m[1].0, PAIN_RISE)?,
            rose(m[1].0, m[2].0, PAIN_RISE)?,
        );
        Some(format!(
            "Weekly mean morning pain rose two weeks running ({a:.1}, {b:.1}, {c:.1}): progression pauses; \
             see a physio or clinician soon."
        ))
    }
}

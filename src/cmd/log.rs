//! `graded log`: records a session (or its next-morning pain) under the workspace lock, then
//! says what the engine made of it.

use std::process::ExitCode;

use chrono::Duration;

use super::{Ctx, EXIT_STOPPED, Usage, ask};
use crate::cli::LogArgs;
use graded::load::session_log::parse_rpe;
use graded::model::{
    Correction, CorrectionKind, EntryKind, LogEntry, Pain, SessionStatus, Symptom, red_flag,
};

/// Records red-flag symptoms reported outside a session (as a screen row): never dropped.
fn record_symptoms(
    ctx: &Ctx,
    date: chrono::NaiveDate,
    symptoms: &[Symptom],
    note: &str,
) -> anyhow::Result<ExitCode> {
    let ((), loaded) = ctx.edit_log(|log, _| {
        log.entries.push(LogEntry {
            kind: EntryKind::Screen,
            symptoms: symptoms.to_vec(),
            note: note.to_string(),
            ..LogEntry::session(date)
        });
        Ok(())
    })?;
    super::stopped_by(ctx, &loaded, symptoms, date)
}

/// Runs `graded log`.
pub fn run(ctx: &Ctx, a: LogArgs) -> anyhow::Result<ExitCode> {
    if a.note.as_deref().is_some_and(|n| n.chars().count() > 500) {
        return Err(Usage("--note: at most 500 characters".into()).into());
    }
    if a.amend || a.undo {
        return super::correct::run(ctx, &a);
    }
    // The next-morning score goes to a session already logged: alone (with its stiffness).
    // Correcting a row's scores together is `--amend`.
    if a.next_morning.is_some() {
        let with = [
            (a.pain_during.is_some(), "--pain-during"),
            (a.pain_after.is_some(), "--pain-after"),
            (!a.rpe.is_empty(), "--rpe"),
            (a.skipped, "--skipped"),
            (a.partial, "--partial"),
        ];
        if let Some((_, flag)) = with.iter().find(|(given, _)| *given) {
            return Err(Usage(format!(
                "--next-morning adds the morning score to a session already logged and cannot be used with {flag}; to correct a logged session's scores together, add --amend"
            ))
            .into());
        }
    } else if let Some(flag) = [
        (a.stiffness_min.is_some(), "--stiffness-min"),
        (a.soreness.is_some(), "--soreness"),
    ]
    .into_iter()
    .find_map(|(given, flag)| given.then_some(flag))
    {
        return Err(Usage(format!(
            "{flag} goes with --next-morning N (or with --amend, to correct it)"
        ))
        .into());
    }
    let given = a.date.map(|d| ctx.day(Some(d))).transpose()?;
    if a.symptoms.iter().any(|f| f.id() == "no-improvement") {
        let injury = ctx.load()?.profile.injury_date;
        let days = (given.unwrap_or(ctx.today) - injury).num_days();
        red_flag::answerable(&a.symptoms, days).map_err(|e| Usage(format!("--symptom {e}")))?;
    }
    if let Some(morning) = a.next_morning {
        return next_morning(ctx, &a, given, morning);
    }
    let date = given.unwrap_or(ctx.today);
    if date > ctx.today && !a.force {
        return Err(Usage(format!(
            "{date} is in the future (today is {}); pass --force to log it anyway",
            ctx.today
        ))
        .into());
    }
    // On a terminal, the morning score still missing (the earlier session's) comes first: it
    // is the 24-hour response that judges that session [PMM][24H].
    let morning = match ctx.interactive {
        true => missing_morning(ctx, date)?,
        false => None,
    };
    let skipped = a.skipped;
    if skipped && (a.pain_during.is_some() || a.pain_after.is_some() || !a.rpe.is_empty()) {
        return Err(Usage(
            "a skipped session has no pain or effort scores: drop --skipped, or the scores".into(),
        )
        .into());
    }
    // A red-flag symptom on its own is recorded at once, whatever else is missing.
    if !a.symptoms.is_empty()
        && !skipped
        && a.pain_during.is_none()
        && a.pain_after.is_none()
        && !ctx.interactive
    {
        return record_symptoms(
            ctx,
            date,
            &a.symptoms,
            a.note.as_deref().unwrap_or_default(),
        );
    }
    let (pain_during, pain_after) = if skipped {
        (None, None)
    } else {
        let d = match (a.pain_during, ctx.interactive) {
            (Some(p), _) => Some(p),
            (None, true) => Some(ask::pain("Worst pain during the session (0-10)")?),
            (None, false) => {
                return Err(Usage("missing --pain-during N (0-10), or --skipped".into()).into());
            }
        };
        let af = match (a.pain_after, ctx.interactive) {
            (Some(p), _) => Some(p),
            (None, true) => Some(ask::pain("Pain right after (0-10)")?),
            (None, false) => return Err(Usage("missing --pain-after N (0-10)".into()).into()),
        };
        (d, af)
    };
    // One session RPE, each lift once: the same rule as the log's `rpe` column.
    let (session_rpe, lift_rpe) =
        parse_rpe(&a.rpe.join(";")).map_err(|e| Usage(format!("--rpe: {e}")))?;
    let rpe = match (session_rpe, ctx.interactive && !skipped) {
        (Some(r), _) => Some(r),
        (None, true) if lift_rpe.is_empty() => Some(ask::rpe(
            "Effort, RPE 0-10 (3-4: you can talk, not sing; 10: nothing left)",
        )?),
        _ => None,
    };
    // Where the session holds barbell lifts, each lift's own RPE decides its next load: asked
    // for each one not given (Enter skips) [RPE][BBM].
    let mut lift_rpe = lift_rpe;
    if ctx.interactive && !skipped {
        for (lift, name, load) in barbell_lifts(ctx, date)? {
            if lift_rpe.iter().any(|(l, _)| *l == lift) {
                continue;
            }
            let question =
                format!("{name} at {load}: the RPE of your top set, 0-10 (Enter to skip)");
            let answer = ask::until(&question, Some(""), |s| {
                if s.trim().is_empty() {
                    return Ok(None);
                }
                parse_rpe(&format!("{lift}={}", s.trim()))
                    .map(|(_, l)| l.into_iter().next().map(|(_, r)| r))
                    .map_err(|e| format!("`{s}`: {e}"))
            })?;
            if let Some(r) = answer {
                lift_rpe.push((lift, r));
            }
        }
    }
    let mut symptoms = a.symptoms.clone();
    if ctx.interactive && symptoms.is_empty() {
        symptoms = ask::new_symptoms()?;
    }
    let entry = LogEntry {
        status: if skipped {
            SessionStatus::Skipped
        } else if a.partial {
            SessionStatus::Partial
        } else {
            SessionStatus::Done
        },
        pain_during,
        pain_after,
        rpe,
        lift_rpe: lift_rpe.clone(),
        symptoms,
        note: a.note.clone().unwrap_or_default(),
        ..LogEntry::session(date)
    };
    // The session is judged while the row is written (the answer waits for the disk).
    let judge = |(): &(), loaded: &super::Loaded| judged(ctx, loaded, date, "Logged");
    let ((), answer, _) = ctx.edit_log_then(
        |log, loaded| {
            if date < loaded.profile.start {
                return Err(Usage(format!(
                    "{date} is before the program start {}: nothing to log there",
                    loaded.profile.start
                ))
                .into());
            }
            if !a.force
                && log
                    .entries
                    .iter()
                    .any(|e| e.kind == EntryKind::Session && e.date == date && e.in_force())
            {
                return Err(Usage(format!(
                    "a session is already logged on {date}; pass --force to log a second one"
                ))
                .into());
            }
            if let Some(why) = graded::load::session_log::unknown_lift(&entry, &loaded.profile) {
                return Err(Usage(why).into());
            }
            if let Some(m) = &morning {
                m.write(log);
            }
            log.entries.push(entry.clone());
            Ok(())
        },
        judge,
    )?;
    if let Some(m) = &morning {
        outln!("{}", m.said());
    }
    say(&answer)
}

/// A morning score asked on a terminal for an earlier session still missing it.
struct Morning {
    /// The session's date.
    session: chrono::NaiveDate,
    /// Back pain on waking.
    pain: Pain,
    /// Muscle soreness after training, when given (never judged).
    soreness: Option<Pain>,
}

impl Morning {
    /// Writes the scores to every session of that day still missing its morning [24H].
    fn write(&self, log: &mut graded::model::SessionLog) {
        log.fill_morning(self.session, self.pain, None, self.soreness);
    }

    /// What was recorded, in a line.
    fn said(&self) -> String {
        let sore = self
            .soreness
            .map_or(String::new(), |s| format!(", muscle soreness {s}/10"));
        format!(
            "Recorded the morning after {}: back pain {}/10{sore}.",
            self.session.format("%a %d %b %Y"),
            self.pain
        )
    }
}

/// On a terminal: the morning score of the latest session before `date` still missing it and
/// still asked for ([`morning_still_asked`](graded::engine::standing::morning_still_asked)),
/// asked with the soreness beside it; Enter skips.
fn missing_morning(ctx: &Ctx, date: chrono::NaiveDate) -> anyhow::Result<Option<Morning>> {
    let loaded = ctx.load()?;
    let Some(session) = loaded
        .log
        .entries
        .iter()
        .filter(|e| {
            e.kind == EntryKind::Session
                && e.in_force()
                && e.status != SessionStatus::Skipped
                && graded::engine::standing::morning_still_asked(e.date, date)
        })
        .map(|e| (e.date, e.next_morning.is_none()))
        .max()
        .filter(|&(_, missing)| missing)
        .map(|(d, _)| d)
    else {
        return Ok(None);
    };
    let question = format!(
        "The morning after your session of {}: {} (Enter to skip)",
        session.format("%a %d %b"),
        loaded.program.morning_question
    );
    let Some(pain) = ask::until(&question, Some(""), optional_pain)? else {
        return Ok(None);
    };
    let soreness = ask::until(
        "Muscle soreness after training that morning (DOMS), 0-10, kept apart from back pain (Enter if none noted)",
        Some(""),
        optional_pain,
    )?;
    Ok(Some(Morning {
        session,
        pain,
        soreness,
    }))
}

/// A pain score, or none for an empty answer.
fn optional_pain(s: &str) -> Result<Option<Pain>, String> {
    match s.trim() {
        "" => Ok(None),
        s => ask::pain_answer(s).map(Some),
    }
}

fn next_morning(
    ctx: &Ctx,
    a: &LogArgs,
    given: Option<chrono::NaiveDate>,
    morning: Pain,
) -> anyhow::Result<ExitCode> {
    let today = given.unwrap_or(ctx.today);
    // The session is judged while the row is written (the answer waits for the disk); not
    // when symptoms came with the score: the stop they may make is the answer then.
    let judge = |target: &Option<chrono::NaiveDate>, loaded: &super::Loaded| {
        a.symptoms
            .is_empty()
            .then(|| judged(ctx, loaded, target.expect("a session was found"), "Logged"))
    };
    let (_, answer, loaded) = ctx.edit_log_then(|log, _| {
        let idx = match given {
            // `--date D` names the morning (the session of the day before D); or, when that
            // session has its morning and D's own session still lacks one whose morning has
            // come, the session of D, as people say it ("Friday's morning").
            Some(d) => {
                let on = |day: chrono::NaiveDate| {
                    log.entries
                        .iter()
                        .rposition(|e| e.kind == EntryKind::Session && e.date == day && e.in_force())
                };
                let waits = |i: usize| {
                    let e = &log.entries[i];
                    e.next_morning.is_none() && e.status != SessionStatus::Skipped
                };
                match (on(d - Duration::days(1)), on(d)) {
                    (Some(i), _) if waits(i) => Some(i),
                    (_, Some(i)) if waits(i) && d < ctx.today => Some(i),
                    (before, _) => before,
                }
            }
            None => log.entries.iter().rposition(|e| {
                e.kind == EntryKind::Session
                    && e.status != SessionStatus::Skipped
                    && e.next_morning.is_none()
                    && e.in_force()
            }),
        };
        // Symptoms are recorded even when no session waits for its morning score.
        if !a.symptoms.is_empty() {
            log.entries.push(LogEntry {
                kind: EntryKind::Screen,
                symptoms: a.symptoms.clone(),
                ..LogEntry::session(today)
            });
        }
        let Some(idx) = idx else {
            if !a.symptoms.is_empty() {
                return Ok(None);
            }
            return Err(Usage(match given {
                Some(d) => format!(
                    "no session logged on {} (the day before {d}) to add next-morning pain to",
                    d - Duration::days(1)
                ),
                None => "no session is waiting for its next-morning pain".into(),
            })
            .into());
        };
        let e = &mut log.entries[idx];
        let date = e.date;
        if let Some(had) = e.next_morning {
            if !a.force {
                return Err(Usage(format!(
                    "the session on {date} already has next-morning pain {had}; to correct it: graded log --amend --date {date} --next-morning {morning} (or pass --force)",
                ))
                .into());
            }
            // A score replaced is kept, as any correction is: the row struck out, the
            // corrected copy right after it.
            let mut corrected = LogEntry {
                line: 0,
                next_morning: Some(morning),
                correction: Some(Correction {
                    kind: CorrectionKind::Amended,
                    date: ctx.today,
                    reason: String::new(),
                }),
                ..e.clone()
            };
            if a.stiffness_min.is_some() {
                corrected.stiffness_min = a.stiffness_min;
            }
            if a.soreness.is_some() {
                corrected.soreness = a.soreness;
            }
            e.correction = Some(Correction {
                kind: CorrectionKind::Replaced,
                date: ctx.today,
                reason: format!("next-morning pain {had} replaced by {morning} (--force)"),
            });
            log.entries.insert(idx + 1, corrected);
            return Ok(Some(date));
        }
        // One morning follows every session of that day [24H].
        if log
            .fill_morning(date, morning, a.stiffness_min, a.soreness)
            .is_empty()
        {
            return Err(Usage(format!(
                "the session on {date} was logged as skipped: it has no next-morning pain"
            ))
            .into());
        }
        Ok(Some(date))
    }, judge)?;
    match answer {
        Some(answer) => say(&answer),
        None => super::stopped_by(ctx, &loaded, &a.symptoms, today),
    }
}

/// What the engine made of the session on `date`, and, when it moved the projected finish,
/// from when to when and why (as `graded status` says it:
/// [`graded::engine::course::course_with_finish_move`], one pass).
fn judged(
    ctx: &Ctx,
    loaded: &super::Loaded,
    date: chrono::NaiveDate,
    verb: &str,
) -> graded::export::answer::Answer {
    let course = graded::engine::course::course_with_finish_move(
        &loaded.program,
        &loaded.profile,
        &loaded.log,
        ctx.today,
        Some(1),
    );
    graded::export::answer::session_moving(&course, &loaded.program, date, verb)
}

/// Prints the answer: exit 3 when the program is stopped.
fn say(answer: &graded::export::answer::Answer) -> anyhow::Result<ExitCode> {
    out!("{}", answer.text);
    Ok(if answer.stopped {
        ExitCode::from(EXIT_STOPPED)
    } else {
        ExitCode::SUCCESS
    })
}

/// The barbell lifts of the session planned on `date` (or the next one planned from it): the
/// lift, the exercise's name and its load in words.
fn barbell_lifts(
    ctx: &Ctx,
    date: chrono::NaiveDate,
) -> anyhow::Result<Vec<(String, String, String)>> {
    let loaded = ctx.load()?;
    let course = loaded.course(date, Some(1));
    let Some(session) = course
        .plan
        .sessions
        .iter()
        .find(|s| s.date >= date && s.status == graded::model::SlotStatus::Planned)
    else {
        return Ok(vec![]);
    };
    let units = loaded.profile.units.as_str();
    Ok(session
        .exercises
        .iter()
        .filter_map(|e| {
            let lift = e.lift.as_deref()?;
            let load = e.load?;
            Some((
                lift.to_string(),
                graded::text::visible(&e.name).into_owned(),
                format!("{} {units}", graded::model::plan::fmt_load(load)),
            ))
        })
        .collect())
}

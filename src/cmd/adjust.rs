//! `graded adjust`: a therapist's changes to the program, kept as `[[adjust]]` in profile.toml.
//! Each is checked like a program (names, ranges, never looser than the program or the clinical
//! limits) before anything is written; a refused one leaves the profile byte for byte unchanged.

use std::process::ExitCode;

use chrono::Duration;

use super::{Ctx, Usage};
use crate::cli::AdjustArgs;
use graded::load::profile as load_profile;
use graded::load::workspace::{PROFILE, read_required};
use graded::model::adjust::BY_YOU;
use graded::model::{AdjustKind, Adjustment, GateName, Profile};

/// Runs `graded adjust`.
pub fn run(ctx: &Ctx, a: AdjustArgs) -> anyhow::Result<ExitCode> {
    let kinds = [
        a.lift.is_some(),
        a.swap.is_some(),
        a.hold_stage.is_some(),
        a.gate.is_some(),
    ]
    .into_iter()
    .filter(|k| *k)
    .count();
    if kinds > 1 {
        return Err(Usage(
            "one adjustment at a time: --lift/--max-pct, --swap, --hold-stage/--days or --gate"
                .into(),
        )
        .into());
    }
    if kinds == 0 && a.remove.is_none() {
        if a.by.is_some() || a.reason.is_some() || a.until.is_some() {
            return Err(Usage(
                "--by, --reason and --until go with an adjustment: --lift/--max-pct, --swap, --hold-stage/--days or --gate"
                    .into(),
            )
            .into());
        }
        let loaded = ctx.load()?;
        outln!("{}", graded::text::visible(&list(&loaded.profile)));
        return Ok(ExitCode::SUCCESS);
    }
    let dir = ctx.workspace()?.to_path_buf();
    let path = dir.join(PROFILE);
    let lock = ctx.lock()?;
    let loaded = ctx.load()?;
    let text = read_required(&path)?;
    let profile = &loaded.profile;
    let mut all = profile.adjust.clone();
    let done = if let Some(n) = a.remove {
        if n == 0 || n > all.len() {
            return Err(Usage(if all.is_empty() {
                format!("--remove {n}: there are no adjustments")
            } else {
                format!(
                    "--remove {n}: the adjustments are numbered 1 to {} (see `graded adjust`)",
                    all.len()
                )
            })
            .into());
        }
        // An adjustment already in force on a logged day is ended, not erased: the record
        // keeps the dose prescribed at the time, and a capped load climbs back at the weekly
        // cap from the load last lifted, never in one jump [GABBETT][SYNTH].
        let a = &all[n - 1];
        let used = loaded
            .log
            .entries
            .iter()
            .any(|e| e.in_force() && e.date >= a.made && a.in_force(e.date));
        if used || a.made < ctx.today {
            let last = match a.kind {
                // A held stage may advance from `until` on.
                graded::model::AdjustKind::HoldStage { .. } => ctx.today,
                _ => (ctx.today - chrono::Duration::days(1)).max(a.made),
            };
            let ended = &mut all[n - 1];
            ended.until = Some(ended.until.map_or(last, |u| u.min(last)));
            format!(
                "Ended #{n}: {}. It stays in the record: the sessions done under it keep their \
                 dose, and a capped load climbs back by at most the weekly cap.",
                all[n - 1].label(n)
            )
        } else {
            let gone = all.remove(n - 1);
            format!("Removed #{n}: {}.", gone.label(n))
        }
    } else {
        let new = adjustment(ctx, &a)?;
        if let Some((field, problem, hint)) =
            load_profile::adjust_problem(&new, &loaded.program, profile)
        {
            let flag = match field {
                "lift" => "--lift",
                "replace" | "with" => "--swap",
                "hold_stage" => "--hold-stage",
                _ => "--gate",
            };
            return Err(Usage(format!("{flag}: {problem}; {hint}")).into());
        }
        all.push(new);
        let n = all.len();
        format!("Added #{n}: {}.", all[n - 1].label(n))
    };
    let out = load_profile::with_adjust(&text, profile, &all);
    lock.write(&path, out.as_bytes())?;
    drop(lock);
    outln!("{}", graded::text::visible(&done));
    let changed = Profile {
        adjust: all,
        ..profile.clone()
    };
    outln!("{}", graded::text::visible(&list(&changed)));
    Ok(ExitCode::SUCCESS)
}

/// The adjustment the flags describe, checked on its own (ranges, dates, names of gates).
fn adjustment(ctx: &Ctx, a: &AdjustArgs) -> anyhow::Result<Adjustment> {
    let made = ctx.today;
    let until = a
        .until
        .map(|d| d.resolve(made))
        .transpose()
        .map_err(Usage)?;
    if let Some(u) = until
        && u < made
    {
        return Err(Usage(format!("--until {u} is before today ({made})")).into());
    }
    let text = |flag: &str, v: &Option<String>| -> Result<Option<String>, Usage> {
        match v.as_deref().map(str::trim) {
            None => Ok(None),
            Some("") => Err(Usage(format!("{flag} is empty"))),
            Some(s) if s.chars().any(char::is_control) => Err(Usage(format!(
                "{flag}: one line of text, without control characters"
            ))),
            Some(s) => Ok(Some(s.to_string())),
        }
    };
    let by = text("--by", &a.by)?.unwrap_or_else(|| BY_YOU.to_string());
    let reason = text("--reason", &a.reason)?;
    let mut until = until;
    let kind = if let (Some(lift), Some(pct)) = (&a.lift, a.max_pct) {
        if !(pct.is_finite() && pct > 0.0 && pct <= 100.0) {
            return Err(Usage(format!(
                "--max-pct {pct}: a percentage of the pre-injury 1RM above 0 and at most 100"
            ))
            .into());
        }
        AdjustKind::MaxPct {
            lift: lift.trim().to_lowercase(),
            pct,
        }
    } else if let Some(swap) = &a.swap {
        let Some((from, to)) = swap.split_once('=') else {
            return Err(Usage(format!(
                "--swap `{swap}` is not FROM=TO (e.g. back-extension=bird-dog)"
            ))
            .into());
        };
        AdjustKind::Swap {
            from: from.trim().to_string(),
            to: to.trim().to_string(),
        }
    } else if let (Some(stage), Some(days)) = (&a.hold_stage, a.days) {
        if !(1..=365).contains(&days) {
            return Err(Usage(format!("--days {days}: hold a stage for 1 to 365 days")).into());
        }
        until = Some(made + Duration::days(days));
        AdjustKind::HoldStage {
            stage: stage.trim().to_string(),
        }
    } else if let Some(g) = &a.gate {
        let Some((name, value)) = g.split_once('=') else {
            return Err(Usage(format!(
                "--gate `{g}` is not NAME=VALUE (e.g. next-morning-max=2)"
            ))
            .into());
        };
        let gate = GateName::parse(name).ok_or_else(|| {
            Usage(format!(
                "--gate: unknown gate `{}` ({})",
                name.trim(),
                load_profile::gate_names()
            ))
        })?;
        let (lo, hi) = gate.range();
        let value = value
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|v| (lo..=hi).contains(v))
            .ok_or_else(|| {
                Usage(format!(
                    "--gate {}={}: give {lo}-{hi}; an adjustment only makes a gate stricter, never looser than the clinical limits (docs/EVIDENCE.md)",
                    gate.as_str(),
                    value.trim()
                ))
            })?;
        AdjustKind::Gate { gate, value }
    } else {
        return Err(Usage("--lift needs --max-pct, --hold-stage needs --days".into()).into());
    };
    Ok(Adjustment {
        kind,
        by,
        reason,
        made,
        until,
    })
}

/// The adjustments, numbered, as `graded adjust` and `graded status` list them.
pub fn list(profile: &Profile) -> String {
    if profile.adjust.is_empty() {
        return "No adjustments: the program as written. Add one with `graded adjust --lift squat --max-pct 70` (see `graded adjust --help`).".into();
    }
    let mut out = String::from("Adjustments (removed with `graded adjust --remove N`):");
    for (i, a) in profile.adjust.iter().enumerate() {
        out += &format!(
            "\n  #{}  {} ({})",
            i + 1,
            a.what(),
            graded::text::visible(&a.made_by())
        );
    }
    out
}

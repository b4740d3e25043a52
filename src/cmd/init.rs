//! `graded init`: writes profile.toml, from flags or, on a terminal, by asking.

use std::process::ExitCode;

use std::path::Path;

use anyhow::Context as _;
use chrono::NaiveDate;
use dialoguer::theme::SimpleTheme;

use super::{Ctx, EXIT_STOPPED, Usage, ask, check_lifts};
use crate::cli::InitArgs;
use crate::engine::progression::INTAKE_REST_PAIN_STOP;
use crate::load::profile::{
    parse, parse_date, parse_lift, parse_time, parse_weekday, to_toml, too_light, workspace_id,
};
use crate::load::workspace::{PROFILE, ensure_dir, read_optional};
use crate::model::{Lift, Pain, Profile, Program, Symptom, Triage, Units, red_flag};
use crate::text::notice;

fn missing(flag: &str, example: &str) -> anyhow::Error {
    Usage(format!(
        "missing {flag} (e.g. {example}); run on a terminal to be asked, or pass every flag"
    ))
    .into()
}

/// Runs `graded init`.
pub fn run(ctx: &Ctx, a: InitArgs) -> anyhow::Result<ExitCode> {
    let dir = ctx.workspace()?.to_path_buf();
    let path = dir.join(PROFILE);
    if path.exists() && !a.force {
        anyhow::bail!(
            "{} already exists; pass --force to overwrite it (your log is kept)",
            path.display()
        );
    }
    let (program, prog) = program_answer(ctx, &dir)?;
    let profile = profile_answers(ctx, &a, &path, program, &prog)?;
    check_lifts(&prog, &profile, "the profile").map_err(|e| Usage(format!("{e:#}")))?;
    // Round-trip through the loader: what is written is what will be read.
    let text = to_toml(&profile);
    parse(&path.display().to_string(), &text).context("the profile does not check")?;
    write(ctx, &path, &prog, &profile, &text)
}

/// The program (`--program`, asked, or the default) and, for a file, its absolute path.
fn program_answer(ctx: &Ctx, dir: &Path) -> anyhow::Result<(String, Program)> {
    let program = match (&ctx.program, ctx.interactive) {
        (Some(p), _) => p.clone(),
        (None, true) => dialoguer::Input::with_theme(&SimpleTheme)
            .with_prompt("Program (see `graded programs list`)")
            .default("mid-back-strain".to_string())
            .interact_text()?,
        (None, false) => "mid-back-strain".to_string(),
    };
    let prog = ctx.load_program(&program, Some(dir))?;
    let program = if program.ends_with(".toml") {
        std::fs::canonicalize(&program)
            .map(|p| p.display().to_string())
            .unwrap_or(program)
    } else {
        program
    };
    Ok((program, prog))
}

/// The profile from the flags, asking on a terminal for what they leave out.
fn profile_answers(
    ctx: &Ctx,
    a: &InitArgs,
    path: &Path,
    program: String,
    prog: &Program,
) -> anyhow::Result<Profile> {
    let ask = ctx.interactive;
    let (injury_date, start) = dates_answer(ctx, a)?;
    let rest_pain = rest_pain_answer(a, ask)?;
    let red_flags = red_flags_answer(a, ask)?;
    let days = days_answer(a, ask)?;
    let time = time_answer(a, ask)?;
    let timezone = timezone_answer(a, ask)?;
    let units = units_answer(a, ask)?;
    let lifts = lifts_answer(a, ask, units, prog)?;
    Ok(Profile {
        id: identity(path, &program, start, injury_date),
        program,
        start,
        injury_date,
        rest_pain,
        red_flags,
        screened: ctx.today,
        lifts,
        units,
        days,
        time,
        timezone,
        session_minutes: a.minutes.unwrap_or(45),
        morning_reminder: a
            .reminder_time
            .unwrap_or(crate::model::profile::DEFAULT_MORNING_REMINDER),
    })
}

/// The injury date and the first day of the program (on or after it).
fn dates_answer(ctx: &Ctx, a: &InitArgs) -> anyhow::Result<(NaiveDate, NaiveDate)> {
    let date_prompt = |label: &str, default: NaiveDate| -> anyhow::Result<NaiveDate> {
        let s: String = dialoguer::Input::with_theme(&SimpleTheme)
            .with_prompt(label)
            .default(default.to_string())
            .validate_with(|s: &String| parse_date(s).map(|_| ()))
            .interact_text()?;
        Ok(parse_date(&s).expect("validated"))
    };
    let injury_date = match (a.injury_date, ctx.interactive) {
        (Some(d), _) => d,
        (None, true) => date_prompt("Date of the injury", ctx.today)?,
        (None, false) => return Err(missing("--injury-date", "--injury-date 2026-11-18")),
    };
    let start = match (a.start, ctx.interactive) {
        (Some(d), _) => d,
        (None, true) => date_prompt("First day of the program", ctx.today.max(injury_date))?,
        (None, false) => ctx.today.max(injury_date),
    };
    if start < injury_date {
        return Err(Usage(format!("--start {start} is before --injury-date {injury_date}: the program starts on or after the injury")).into());
    }
    Ok((injury_date, start))
}

/// Pain at rest now.
fn rest_pain_answer(a: &InitArgs, ask: bool) -> anyhow::Result<Pain> {
    Ok(match (a.rest_pain, ask) {
        (Some(p), _) => p,
        (None, true) => ask::pain("Pain at rest now, 0 (none) to 10 (worst imaginable)")?,
        (None, false) => return Err(missing("--rest-pain", "--rest-pain 2")),
    })
}

/// The intake red-flag screen's yes answers.
fn red_flags_answer(a: &InitArgs, ask: bool) -> anyhow::Result<Vec<Symptom>> {
    if a.no_red_flags {
        Ok(vec![])
    } else if !a.red_flags.is_empty() {
        Ok(a.red_flags.clone())
    } else if ask {
        ask::red_flags()
    } else {
        Err(missing("--no-red-flags or --red-flag ID", "--no-red-flags"))
    }
}

/// The training days, each once, Monday first.
fn days_answer(a: &InitArgs, ask: bool) -> anyhow::Result<Vec<chrono::Weekday>> {
    let days = match (&a.days, ask) {
        (Some(d), _) => d.clone(),
        (None, true) => dialoguer::Input::<String>::with_theme(&SimpleTheme)
            .with_prompt("Training days")
            .default("mon,wed,fri,sat".into())
            .validate_with(|s: &String| {
                if s.split(',').all(|d| parse_weekday(d).is_some()) {
                    Ok(())
                } else {
                    Err("comma-separated days: mon,wed,fri")
                }
            })
            .interact_text()?
            .split(',')
            .map(str::to_string)
            .collect(),
        (None, false) => return Err(missing("--days", "--days mon,wed,fri,sat")),
    };
    let mut weekdays = Vec::new();
    for d in days.iter().filter(|d| !d.trim().is_empty()) {
        let w = parse_weekday(d).ok_or_else(|| {
            Usage(format!(
                "--days: `{d}` is not a weekday (mon, tue, wed, thu, fri, sat, sun)"
            ))
        })?;
        if !weekdays.contains(&w) {
            weekdays.push(w);
        }
    }
    if weekdays.is_empty() {
        return Err(Usage(
            "--days: no training days; give at least one, e.g. --days mon,wed,fri".into(),
        )
        .into());
    }
    weekdays.sort_by_key(|d| d.num_days_from_monday());
    Ok(weekdays)
}

/// The session start time.
fn time_answer(a: &InitArgs, ask: bool) -> anyhow::Result<chrono::NaiveTime> {
    let time_s = match (&a.time, ask) {
        (Some(t), _) => t.clone(),
        (None, true) => dialoguer::Input::<String>::with_theme(&SimpleTheme)
            .with_prompt("Session start time (24-hour)")
            .default("07:00".into())
            .validate_with(|s: &String| parse_time(s).map(|_| ()).ok_or("HH:MM, e.g. 07:00"))
            .interact_text()?,
        (None, false) => "07:00".into(),
    };
    Ok(parse_time(&time_s).ok_or_else(|| {
        Usage(format!(
            "--time: `{time_s}` is not a time (24-hour HH:MM, e.g. 07:00)"
        ))
    })?)
}

/// The IANA time zone (asked with the machine's as the default).
fn timezone_answer(a: &InitArgs, ask: bool) -> anyhow::Result<chrono_tz::Tz> {
    let tz_s = match (&a.tz, ask) {
        (Some(t), _) => t.clone(),
        (None, true) => dialoguer::Input::<String>::with_theme(&SimpleTheme)
            .with_prompt("Time zone (IANA name)")
            .default(system_zone().unwrap_or_else(|| "America/New_York".into()))
            .validate_with(|s: &String| {
                s.parse::<chrono_tz::Tz>()
                    .map(|_| ())
                    .map_err(|_| "an IANA name like Europe/London")
            })
            .interact_text()?,
        (None, false) => return Err(missing("--tz", "--tz America/New_York")),
    };
    Ok(tz_s.parse().map_err(|_| {
        Usage(format!(
            "--tz: `{tz_s}` is not an IANA time zone (e.g. America/New_York, Europe/London)"
        ))
    })?)
}

/// Pounds or kilograms.
fn units_answer(a: &InitArgs, ask: bool) -> anyhow::Result<Units> {
    let units_s = match (&a.units, ask) {
        (Some(u), _) => u.clone(),
        (None, true) => {
            let i = dialoguer::Select::with_theme(&SimpleTheme)
                .with_prompt("Units")
                .items(["lb", "kg"])
                .default(0)
                .interact()?;
            ["lb", "kg"][i].to_string()
        }
        (None, false) => return Err(missing("--units", "--units lb")),
    };
    match units_s.as_str() {
        "lb" => Ok(Units::Lb),
        "kg" => Ok(Units::Kg),
        other => Err(Usage(format!("--units: `{other}` is not lb or kg")).into()),
    }
}

/// The pre-injury lifts from `--lift`, asking on a terminal for each one the program needs.
fn lifts_answer(
    a: &InitArgs,
    ask: bool,
    units: Units,
    prog: &Program,
) -> anyhow::Result<Vec<Lift>> {
    let mut lifts: Vec<Lift> = Vec::new();
    for l in &a.lifts {
        let lift = parse_lift(l).map_err(|e| Usage(format!("--lift: {e}")))?;
        if let Some(problem) = too_light(&lift, units) {
            return Err(Usage(format!("--lift: {problem}")).into());
        }
        if lifts.iter().any(|x| x.name == lift.name) {
            return Err(Usage(format!("--lift: `{}` is given twice", lift.name)).into());
        }
        lifts.push(lift);
    }
    if ask {
        for need in crate::load::program::required_lifts(prog) {
            if lifts.iter().all(|l| l.name != need) {
                let s: String = dialoguer::Input::with_theme(&SimpleTheme)
                    .with_prompt(format!(
                        "Pre-injury {need}: WEIGHT or WEIGHTxREPS in {}",
                        units.as_str()
                    ))
                    .validate_with(|s: &String| parse_lift(&format!("{need}={s}")).map(|_| ()))
                    .interact_text()?;
                lifts.push(parse_lift(&format!("{need}={s}")).map_err(Usage)?);
            }
        }
    }
    Ok(lifts)
}

/// Writes the checked profile, unless an emergency or urgent red flag stops the intake.
fn write(
    ctx: &Ctx,
    path: &Path,
    prog: &Program,
    profile: &Profile,
    text: &str,
) -> anyhow::Result<ExitCode> {
    let red_flags = &profile.red_flags;
    let triage = red_flag::worst_triage(red_flags);
    if let Some(t @ (Triage::Emergency | Triage::Urgent)) = triage {
        eprintln!(
            "{}\n\nRed flags: {}\nNo plan was made and nothing was written.\n{}",
            crate::text::para(t.advice()),
            crate::model::red_flag::ids(red_flags, ", "),
            notice().trim_end()
        );
        return Ok(ExitCode::from(EXIT_STOPPED));
    }
    ensure_dir(ctx.workspace()?)?;
    ctx.lock()?.write(path, text.as_bytes())?;
    announce(path, prog, profile, triage)
}

/// Says what was written and what follows: a red flag's pause, a rest-pain stop, or next steps.
fn announce(
    path: &Path,
    prog: &Program,
    profile: &Profile,
    triage: Option<Triage>,
) -> anyhow::Result<ExitCode> {
    outln!(
        "Wrote {} (program {}, start {}).",
        path.display(),
        prog.id,
        profile.start
    );
    if let Some(t) = triage {
        outln!(
            "\n{}\n{}",
            crate::text::para(t.advice()),
            crate::text::para(&format!(
                "The plan is made, but progression pauses until a clinician has seen you about: {}.",
                red_flag::in_words(&profile.red_flags)
            ))
        );
    }
    let rest_pain = profile.rest_pain;
    if rest_pain >= INTAKE_REST_PAIN_STOP {
        outln!(
            "\n{}\n\n{}",
            crate::text::para(crate::engine::progression::SEE_A_CLINICIAN_FIRST),
            crate::text::para(&format!(
                "Rest pain of {rest_pain}/10 is too much to start a graded program on: no plan starts. \
                 See a clinician first; once they clear you, record it with `graded resume --cleared-by ...` and the plan begins."
            ))
        );
        out!("{}", notice());
        return Ok(ExitCode::from(EXIT_STOPPED));
    }
    out!(
        "Next: `graded plan` for the whole plan, `graded week` for this week.\n{}",
        notice()
    );
    Ok(ExitCode::SUCCESS)
}

/// The workspace identity behind calendar UIDs: kept across `init --force` so re-exports still
/// update the same events; new workspaces get a fresh one (time, process and place), so two
/// people's calendars never share UIDs. The engine only ever reads it.
fn identity(path: &Path, program: &str, start: NaiveDate, injury: NaiveDate) -> String {
    let existing = read_optional(path).ok().flatten().and_then(|t| {
        let v: toml::Table = toml::from_str(&t).ok()?;
        v.get("id")?.as_str().map(str::to_string)
    });
    existing.unwrap_or_else(|| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let seed = format!(
            "{}|{nanos}|{}|{}",
            workspace_id(program, start, injury),
            std::process::id(),
            path.display()
        );
        format!("{:016x}", crate::model::fnv1a(seed.as_bytes()))
    })
}

/// The machine's IANA zone, as a default to propose: `TZ`, `/etc/timezone`, or the zone
/// `/etc/localtime` links to.
fn system_zone() -> Option<String> {
    let valid = |s: String| {
        s.trim()
            .parse::<chrono_tz::Tz>()
            .ok()
            .map(|tz| tz.name().to_string())
    };
    std::env::var("TZ")
        .ok()
        .map(|t| t.trim_start_matches(':').to_string())
        .and_then(valid)
        .or_else(|| {
            std::fs::read_to_string("/etc/timezone")
                .ok()
                .and_then(valid)
        })
        .or_else(|| {
            let target = std::fs::read_link("/etc/localtime").ok()?;
            let text = target.to_string_lossy().into_owned();
            valid(text.split("zoneinfo/").nth(1)?.to_string())
        })
}

//! `graded init`: writes profile.toml, from flags or, on a terminal, by asking.

use std::process::ExitCode;

use std::path::Path;

use anyhow::Context as _;
use chrono::NaiveDate;

use super::{Ctx, EXIT_STOPPED, Usage, ask, check_lifts};
use crate::cli::InitArgs;
use graded::engine::rules::INTAKE_REST_PAIN_STOP;
use graded::load::date::parse_day;
use graded::load::profile::{
    lift_in_words, parse, parse_clock, parse_days, parse_lift_amount, parse_lift_in, parse_minutes,
    to_toml, too_light, workspace_id,
};
use graded::load::program::{BUILT_IN, built_in};
use graded::load::workspace::{PROFILE, ensure_dir, read_optional};
use graded::load::zone::parse_zone;
use graded::model::{Lift, Pain, Profile, Program, Symptom, Triage, Units, Zone, red_flag};
use graded::text::notice;

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
    if !ctx.interactive {
        all_given(&a, &prog)?;
    }
    let mut profile = profile_answers(ctx, &a, &path, program, &prog)?;
    check_lifts(&prog, &profile, "the profile").map_err(|e| Usage(format!("{e:#}")))?;
    // A therapist's adjustments only make the plan more cautious: `init --force` keeps every
    // one that still fits, and says what it kept and what it could not.
    let carried = carried_adjustments(&path, &prog, &mut profile);
    // Round-trip through the loader: what is written is what will be read.
    let text = to_toml(&profile);
    parse(&path.display().to_string(), &text).context("the profile does not check")?;
    write(ctx, &path, &prog, &profile, &text, &carried)
}

/// Moves the adjustments of the profile `init --force` replaces into `profile` when they fit
/// its program and lifts; what was kept and what was not, in words (empty when there were
/// none). An old profile that does not read is named: its adjustments cannot be carried.
fn carried_adjustments(path: &Path, prog: &Program, profile: &mut Profile) -> String {
    let Some(text) = read_optional(path).ok().flatten() else {
        return String::new();
    };
    let old = match parse(&path.display().to_string(), &text) {
        Ok(old) => old,
        Err(_) if text.contains("[[adjust]]") => {
            return graded::text::para(
                "The old profile did not read, so its [[adjust]] entries were not carried \
                 over: add them again with `graded adjust`.",
            );
        }
        Err(_) => return String::new(),
    };
    let mut out = String::new();
    for a in old.adjust {
        let said = format!("{} ({})", a.what(), graded::text::visible(&a.made_by()));
        match graded::load::profile::adjust_problem(&a, prog, profile) {
            None => {
                out += &format!("Kept from the old profile: {said}.\n");
                profile.adjust.push(a);
            }
            Some((_, problem, _)) => {
                out += &format!("Not kept: {said}: {problem}.\n");
            }
        }
    }
    out
}

/// Without a terminal to ask on, every flag without a default must be given: the ones missing
/// are named in one message (exit 2), each with an example.
fn all_given(a: &InitArgs, prog: &Program) -> Result<(), Usage> {
    let mut missing: Vec<(String, String)> = Vec::new();
    let mut need = |absent: bool, flag: &str, example: &str| {
        if absent {
            missing.push((flag.to_string(), example.to_string()));
        }
    };
    need(
        a.injury_date.is_none(),
        "--injury-date DATE",
        "--injury-date 2026-11-18",
    );
    need(
        a.rest_pain.is_none(),
        "--rest-pain N",
        "--rest-pain 2 (0-10)",
    );
    need(
        !a.no_red_flags && a.red_flags.is_empty(),
        "--no-red-flags or --red-flag ID",
        "--no-red-flags (ids: graded screen --help)",
    );
    need(a.days.is_none(), "--days DAYS", "--days mon,wed,fri,sat");
    need(a.tz.is_none(), "--tz ZONE", "--tz America/New_York");
    need(a.units.is_none(), "--units UNITS", "--units lb (or kg)");
    // The name before `=`, `:` or the weight (a weight that does not read is refused later).
    let given: Vec<String> = lift_words(&a.lifts)
        .iter()
        .filter_map(|l| l.split(['=', ':', ' ']).next())
        .map(|n| n.trim().to_lowercase())
        .collect();
    for lift in graded::load::program::required_lifts(prog) {
        if !given.contains(&lift) {
            let example =
                format!("--lift {lift}=225 (or a recent set, weight x reps: {lift}=205x5)");
            missing.push((format!("--lift {lift}=WEIGHT"), example));
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    let width = missing.iter().map(|(f, _)| f.len()).max().unwrap_or(0);
    let lines: Vec<String> = missing
        .iter()
        .map(|(f, e)| format!("  {f:<width$}  e.g. {e}"))
        .collect();
    Err(Usage(format!(
        "missing {} (no terminal to ask on: pass every one, or run `graded init` on a terminal to be asked):\n{}",
        match missing.len() {
            1 => "1 flag".to_string(),
            n => format!("{n} flags"),
        },
        lines.join("\n")
    )))
}

/// The program (`--program`, chosen from the list, or the default) and, for a file, its
/// absolute path.
fn program_answer(ctx: &Ctx, dir: &Path) -> anyhow::Result<(String, Program)> {
    let program = match (&ctx.program, ctx.interactive) {
        (Some(p), _) => p.clone(),
        (None, true) => return ask_program(ctx, dir),
        (None, false) => "mid-back-strain".to_string(),
    };
    let prog = ctx.load_program(&program, Some(dir))?;
    Ok((absolute(program), prog))
}

/// A program file's absolute path (a built-in id as it is).
fn absolute(program: String) -> String {
    if program.ends_with(".toml") {
        std::fs::canonicalize(&program)
            .map(|p| p.display().to_string())
            .unwrap_or(program)
    } else {
        program
    }
}

/// Lists the built-in programs, one line each, and asks for one (or a program file) until it
/// loads.
fn ask_program(ctx: &Ctx, dir: &Path) -> anyhow::Result<(String, Program)> {
    let built: Vec<Program> = BUILT_IN
        .iter()
        .map(|(id, _)| built_in(id))
        .collect::<Result<_, _>>()?;
    let items: Vec<(&str, &str)> = built
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    ask::say("Programs (`graded programs show ID` shows one):");
    let spec = ask::choose(
        "Program: its number, its id, or a program file (.toml)",
        &items,
        |s| {
            let p = ctx
                .load_program(s, Some(dir))
                .map_err(|e| format!("{e:#}"))?;
            Ok((s.to_string(), Some(p)))
        },
        |i| (items[i].0.to_string(), None),
    )?;
    match spec {
        (id, None) => {
            let prog = built.into_iter().find(|p| *p.id == *id).expect("listed");
            Ok((id, prog))
        }
        (file, Some(prog)) => Ok((absolute(file), prog)),
    }
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
    let red_flags = red_flags_answer(a, ask, (ctx.today - injury_date).num_days())?;
    let days = days_answer(a, ask)?;
    let time = time_answer(a, ask)?;
    // Asked with the session time (flags that set the time leave the reminder at its default).
    let morning_reminder = reminder_answer(a, ask && a.time.is_none())?;
    let timezone = timezone_answer(a, ask)?;
    let units = units_answer(a, ask)?;
    let session_minutes = minutes_answer(a, ask)?;
    let lifts = lifts_answer(a, ask, units, prog)?;
    // Never required: asked (Enter skips) only when the program is asked too (no --program),
    // so that a script or an init given its program is never held up by them.
    let full = ask && ctx.program.is_none();
    let person =
        |v: &Option<String>, flag: &str, question: &str| -> anyhow::Result<Option<String>> {
            match v {
                Some(v) => graded::load::profile::check_person(v)
                    .map_err(|e| Usage(format!("--{flag}: {e}")).into()),
                None if full => ask::until(question, Some(""), graded::load::profile::check_person),
                None => Ok(None),
            }
        };
    let name = person(
        &a.name,
        "name",
        "Your name, for the report and the history CSV (optional: Enter skips)",
    )?;
    let clinician = person(
        &a.clinician,
        "clinician",
        "Your physical therapist or clinician, e.g. Dr Lee, PT (optional: Enter skips)",
    )?;
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
        session_minutes,
        morning_reminder,
        name,
        clinician,
        adjust: vec![],
    })
}

/// The injury date and the first day of the program (on or after it).
fn dates_answer(ctx: &Ctx, a: &InitArgs) -> anyhow::Result<(NaiveDate, NaiveDate)> {
    let date_prompt = |label: &str, default: Option<NaiveDate>| -> anyhow::Result<NaiveDate> {
        let default = default.map(|d| d.to_string());
        ask::until(label, default.as_deref(), |s| {
            parse_day(s).and_then(|d| d.resolve(ctx.today))
        })
    };
    let injury_date = match (a.injury_date, ctx.interactive) {
        (Some(d), _) => ctx.day(Some(d))?,
        (None, true) => date_prompt(
            "Date of the injury (YYYY-MM-DD, yesterday, a weekday such as mon, or -N days)",
            None,
        )?,
        (None, false) => return Err(missing("--injury-date", "--injury-date 2026-11-18")),
    };
    let start = match (a.start, ctx.interactive) {
        (Some(d), _) => ctx.day(Some(d))?,
        (None, true) => date_prompt("First day of the program", Some(ctx.today.max(injury_date)))?,
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

/// The intake red-flag screen's yes answers, `days` after the injury.
fn red_flags_answer(a: &InitArgs, ask: bool, days: i64) -> anyhow::Result<Vec<Symptom>> {
    if a.no_red_flags {
        Ok(vec![])
    } else if !a.red_flags.is_empty() {
        red_flag::answerable(&a.red_flags, days).map_err(|e| Usage(format!("--red-flag {e}")))?;
        Ok(a.red_flags.clone())
    } else if ask {
        ask::intake_red_flags(days)
    } else {
        Err(missing("--no-red-flags or --red-flag ID", "--no-red-flags"))
    }
}

/// The training days, each once, Monday first.
fn days_answer(a: &InitArgs, ask: bool) -> anyhow::Result<Vec<chrono::Weekday>> {
    match (&a.days, ask) {
        (Some(d), _) => Ok(parse_days(&d.join(",")).map_err(|e| Usage(format!("--days: {e}")))?),
        (None, true) => ask::until(
            "Training days (mon,wed,fri,sat or mon-fri)",
            Some("mon,wed,fri,sat"),
            parse_days,
        ),
        (None, false) => Err(missing("--days", "--days mon,wed,fri,sat")),
    }
}

/// The session start time.
fn time_answer(a: &InitArgs, ask: bool) -> anyhow::Result<chrono::NaiveTime> {
    match (&a.time, ask) {
        (Some(t), _) => Ok(parse_clock(t).map_err(|e| Usage(format!("--time: {e}")))?),
        (None, true) => ask::until(
            "Session start time (07:00, 7am)",
            Some("07:00"),
            parse_clock,
        ),
        (None, false) => Ok(parse_clock("07:00").expect("a time")),
    }
}

/// When the calendar reminds the person, the morning after a session, to log the pain.
fn reminder_answer(a: &InitArgs, ask: bool) -> anyhow::Result<chrono::NaiveTime> {
    let default = graded::model::profile::DEFAULT_MORNING_REMINDER;
    match (a.reminder_time, ask) {
        (Some(t), _) => Ok(t),
        (None, true) => ask::until(
            "Next-morning reminder to log your pain (08:00, 8am)",
            Some(&default.format("%H:%M").to_string()),
            parse_clock,
        ),
        (None, false) => Ok(default),
    }
}

/// The IANA time zone (asked with the machine's as the default): abbreviations and cities are
/// refused with the IANA names they likely mean.
fn timezone_answer(a: &InitArgs, ask: bool) -> anyhow::Result<Zone> {
    match (&a.tz, ask) {
        (Some(t), _) => Ok(parse_zone(t).map_err(|e| Usage(format!("--tz: {e}")))?),
        (None, true) => ask::until(
            "Time zone (IANA name, e.g. America/New_York)",
            Some(&system_zone()),
            parse_zone,
        ),
        (None, false) => Err(missing("--tz", "--tz America/New_York")),
    }
}

/// Pounds or kilograms.
fn units_answer(a: &InitArgs, ask: bool) -> anyhow::Result<Units> {
    let read = |s: &str| match s.trim().to_ascii_lowercase().as_str() {
        "lb" | "lbs" | "pounds" => Ok(Units::Lb),
        "kg" | "kgs" | "kilograms" => Ok(Units::Kg),
        other => Err(format!("`{other}` is not lb or kg")),
    };
    match (&a.units, ask) {
        (Some(u), _) => Ok(read(u).map_err(|e| Usage(format!("--units: {e}")))?),
        (None, true) => ask::choose(
            "Units for weights",
            &[("lb", "pounds"), ("kg", "kilograms")],
            read,
            |i| [Units::Lb, Units::Kg][i],
        ),
        (None, false) => Err(missing("--units", "--units lb")),
    }
}

/// The length of a session, 10-240 minutes (45 unless asked or given).
fn minutes_answer(a: &InitArgs, ask: bool) -> anyhow::Result<u32> {
    let read = |s: &str| match parse_minutes(s) {
        Ok(m) if (10..=240).contains(&m) => Ok(m),
        Ok(m) => Err(format!(
            "`{}` is {m} minutes: a session is 10-240 minutes",
            s.trim()
        )),
        Err(e) => Err(e),
    };
    match (&a.minutes, ask) {
        (Some(m), _) => Ok(read(m).map_err(|e| Usage(format!("--minutes: {e}")))?),
        (None, true) => ask::until("Session length (45, 60 min, 1h)", Some("45"), read),
        (None, false) => Ok(45),
    }
}

/// A lift typed at a prompt, checked as a `--lift` is; what it was read as is said back.
fn ask_lift(
    question: &str,
    name: &str,
    units: Units,
    optional: bool,
) -> anyhow::Result<Option<Lift>> {
    let lift = ask::until(question, optional.then_some(""), |s| {
        if optional && s.is_empty() {
            return Ok(None);
        }
        // `squat 225` answers the squat's question as well as `225` does.
        let amount = s
            .get(..name.len())
            .filter(|w| w.eq_ignore_ascii_case(name))
            .map_or(s, |_| s[name.len()..].trim_start_matches([' ', '=', ':']));
        let lift = parse_lift_amount(name, amount, units)?;
        match too_light(&lift, units) {
            Some(problem) => Err(problem),
            None => Ok(Some(lift)),
        }
    })?;
    if let Some(l) = &lift {
        ask::say(&format!("  {}", lift_in_words(l, units)));
    }
    Ok(lift)
}

/// The pre-injury lifts from `--lift`, asking on a terminal for each one the program scales
/// from (those it needs, then those it uses when they are there) and for any others.
fn lifts_answer(
    a: &InitArgs,
    ask: bool,
    units: Units,
    prog: &Program,
) -> anyhow::Result<Vec<Lift>> {
    let mut lifts: Vec<Lift> = Vec::new();
    for l in lift_words(&a.lifts) {
        let lift = parse_lift_in(&l, units).map_err(|e| Usage(format!("--lift: {e}")))?;
        if let Some(problem) = too_light(&lift, units) {
            return Err(Usage(format!("--lift: {problem}")).into());
        }
        if lifts.iter().any(|x| x.name == lift.name) {
            return Err(Usage(format!("--lift: `{}` is given twice", lift.name)).into());
        }
        lifts.push(lift);
    }
    // Lifts given as flags answer the question: only one the program needs is still asked.
    let asked_all = ask && a.lifts.is_empty();
    if !ask {
        return Ok(lifts);
    }
    let u = units.as_str();
    let example = if units == Units::Kg { 100 } else { 225 };
    let required = graded::load::program::required_lifts(prog);
    for need in &required {
        if lifts.iter().all(|l| l.name != *need) {
            let q = format!(
                "Pre-injury {need} in {u}: your best weight ({example}) or a recent set, weight x reps ({example}x5)"
            );
            lifts.extend(ask_lift(&q, need, units, false)?);
        }
    }
    if !asked_all {
        return Ok(lifts);
    }
    for maybe in optional_lifts(prog) {
        if !required.contains(&maybe) && lifts.iter().all(|l| l.name != maybe) {
            let q = format!(
                "Pre-injury {maybe} in {u} ({example} or {example}x5), if you did it; Enter to skip"
            );
            lifts.extend(ask_lift(&q, &maybe, units, true)?);
        }
    }
    loop {
        let other = ask::line(
            "Any other pre-injury lift to keep in the profile (bench 185, bench=5x155); Enter for none",
            None,
        )?;
        if other.is_empty() {
            break;
        }
        match parse_lift_in(&other, units).and_then(|l| match too_light(&l, units) {
            Some(problem) => Err(problem),
            None if lifts.iter().any(|x| x.name == l.name) => {
                Err(format!("`{}` is already given", l.name))
            }
            None => Ok(l),
        }) {
            Ok(l) => {
                ask::say(&format!("  {}", lift_in_words(&l, units)));
                lifts.push(l);
            }
            Err(e) => ask::say(&format!("  {e}")),
        }
    }
    Ok(lifts)
}

/// The `--lift` values, each lift whole: `--lift bench 185` comes as two words; a word that is
/// a number, a set, a unit or an `x` continues the lift before it, any other starts one.
fn lift_words(given: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in given {
        let lower = w.trim().to_ascii_lowercase();
        let continues = lower.starts_with(|c: char| c.is_ascii_digit() || c == '.')
            || matches!(
                lower.as_str(),
                "x" | "kg" | "kgs" | "lb" | "lbs" | "pounds" | "kilograms" | "kilos"
            );
        match out.last_mut() {
            Some(last) if continues && !w.contains('=') => {
                last.push(' ');
                last.push_str(w);
            }
            _ => out.push(w.clone()),
        }
    }
    out
}

/// The lifts a program scales from only when the profile has them.
fn optional_lifts(program: &Program) -> Vec<String> {
    let mut lifts: Vec<String> = program
        .stages
        .iter()
        .flat_map(|s| &s.exercises)
        .filter(|e| e.optional)
        .filter_map(|e| e.lift.as_deref().map(str::to_string))
        .collect();
    lifts.sort();
    lifts.dedup();
    lifts
}

/// Writes the checked profile, unless an emergency or urgent red flag stops the intake.
fn write(
    ctx: &Ctx,
    path: &Path,
    prog: &Program,
    profile: &Profile,
    text: &str,
    carried: &str,
) -> anyhow::Result<ExitCode> {
    let red_flags = &profile.red_flags;
    let triage = red_flag::worst_triage(red_flags);
    if let Some(t @ (Triage::Emergency | Triage::Urgent)) = triage {
        errln!(
            "{}\n\n{}No plan was made and nothing was written.\n{}",
            graded::text::para(t.advice()),
            graded::text::para(&format!(
                "Red flags: {}.",
                graded::model::red_flag::in_words(red_flags)
            )),
            notice().trim_end()
        );
        return Ok(ExitCode::from(EXIT_STOPPED));
    }
    ensure_dir(ctx.workspace()?)?;
    ctx.lock()?.write(path, text.as_bytes())?;
    announce(ctx, path, prog, profile, triage, carried)
}

/// Says what was written and what follows: a red flag's pause, a rest-pain stop, or next steps.
fn announce(
    ctx: &Ctx,
    path: &Path,
    prog: &Program,
    profile: &Profile,
    triage: Option<Triage>,
    carried: &str,
) -> anyhow::Result<ExitCode> {
    outln!(
        "Wrote {} (program {}, start {}).",
        path.display(),
        prog.id,
        profile.start
    );
    out!("{}", recap(prog, profile));
    out!("{carried}");
    if let Some(t) = triage {
        outln!(
            "\n{}\n{}",
            graded::text::para(t.advice()),
            graded::text::para(&format!(
                "The plan is made, but progression pauses until a clinician has seen you about: {}.",
                red_flag::in_words(&profile.red_flags)
            ))
        );
    }
    let rest_pain = profile.rest_pain;
    if rest_pain >= INTAKE_REST_PAIN_STOP {
        outln!(
            "\n{}\n\n{}",
            graded::text::para(graded::engine::rules::SEE_A_CLINICIAN_FIRST),
            graded::text::para(&format!(
                "Rest pain of {rest_pain}/10 is too much to start a graded program on: no plan starts. \
                 See a clinician first; once they clear you, record it with `{} resume --cleared-by ...` and the plan begins.",
                ctx.graded()
            ))
        );
        out!("{}", notice());
        return Ok(ExitCode::from(EXIT_STOPPED));
    }
    // The commands stay whole on their lines, to be copied.
    let graded = ctx.graded();
    let (plan, week) = (
        format!("`{graded} plan` for the whole plan,"),
        format!("`{graded} week` for this week."),
    );
    let next = if plan.len() + week.len() + 7 <= 78 {
        format!("Next: {plan} {week}")
    } else {
        format!("Next: {plan}\n      {week}")
    };
    out!("{next}\n{}", notice());
    Ok(ExitCode::SUCCESS)
}

/// What was set, a line each, to read over before the first session: the program and its
/// start, the days and time, the zone, the units and lifts, the morning reminder.
fn recap(prog: &Program, p: &Profile) -> String {
    let days: Vec<String> = p.days.iter().map(|d| d.to_string()).collect();
    let u = p.units.as_str();
    let lifts: Vec<String> = p.lifts.iter().map(|l| lift_in_words(l, p.units)).collect();
    let rows = [
        (
            "Program",
            format!(
                "{} ({}), from {}",
                graded::text::visible(&prog.name),
                prog.id,
                p.start.format("%a %d %b %Y")
            ),
        ),
        (
            "Sessions",
            format!(
                "{} at {}, {} min each",
                days.join(", "),
                p.time.format("%H:%M"),
                p.session_minutes
            ),
        ),
        ("Time zone", p.timezone.name().to_string()),
        (
            "Lifts",
            if lifts.is_empty() {
                format!("none (weights in {u})")
            } else {
                lifts.join("; ")
            },
        ),
        (
            "Reminder",
            format!(
                "{} the morning after each session, to log your pain",
                p.morning_reminder.format("%H:%M")
            ),
        ),
    ];
    let mut out = String::new();
    for (label, value) in rows {
        out += &format!(
            "  {:<10} {}\n",
            format!("{label}:"),
            graded::text::visible(&value)
        );
    }
    out
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
        format!("{:016x}", graded::model::fnv1a(seed.as_bytes()))
    })
}

/// The machine's IANA zone, as a default to propose: `TZ`, `/etc/timezone`, or the zone
/// `/etc/localtime` links to; UTC when none names an IANA zone.
fn system_zone() -> String {
    // `TZ=:America/New_York`, `TZ=/usr/share/zoneinfo/America/New_York` and a link's target
    // all name the zone after `zoneinfo/` or as they stand.
    let valid = |s: &str| {
        let s = s.trim().trim_start_matches(':');
        let name = s.split_once("zoneinfo/").map_or(s, |(_, n)| n);
        parse_zone(name).ok().map(|tz| tz.name().to_string())
    };
    std::env::var("TZ")
        .ok()
        .and_then(|t| valid(&t))
        .or_else(|| {
            std::fs::read_to_string("/etc/timezone")
                .ok()
                .and_then(|t| valid(&t))
        })
        .or_else(|| valid(&std::fs::read_link("/etc/localtime").ok()?.to_string_lossy()))
        .unwrap_or_else(|| "UTC".to_string())
}

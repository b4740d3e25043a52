//! `programs/*.toml` -> [`Program`]. Built-in programs are embedded with `include_str!`.

use serde::Deserialize;
use toml::Spanned;

use super::error::{DataError, from_toml};
use crate::model::{Dose, Exercise, Gates, Library, Pain, Program, Stage, StageKind, rpe};

/// The built-in programs: (id, TOML text).
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "mid-back-strain",
        include_str!("../../programs/mid-back-strain.toml"),
    ),
    (
        "low-back-strain",
        include_str!("../../programs/low-back-strain.toml"),
    ),
    (
        "return-after-layoff",
        include_str!("../../programs/return-after-layoff.toml"),
    ),
];

/// Loads a program named by a built-in id or a file path; a relative path is taken from `base`
/// when given (the workspace, for a profile's program).
pub fn from_spec(spec: &str, base: Option<&std::path::Path>) -> Result<Program, super::LoadError> {
    let looks_like_file = spec.ends_with(".toml") || spec.contains(['/', '\\']);
    if !looks_like_file {
        return Ok(built_in(spec)?);
    }
    let path = match base {
        Some(b) if std::path::Path::new(spec).is_relative() => b.join(spec),
        _ => std::path::PathBuf::from(spec),
    };
    let text = super::workspace::read_required(&path)?;
    Ok(parse(&path.display().to_string(), &text)?)
}

/// Loads a built-in program by id.
pub fn built_in(id: &str) -> Result<Program, DataError> {
    if !BUILT_IN.iter().any(|(i, _)| *i == id) {
        let known: Vec<&str> = BUILT_IN.iter().map(|(i, _)| *i).collect();
        return Err(
            DataError::new("", "program", format!("unknown program `{id}`")).hint(format!(
                "built-in programs: {}; or pass --program FILE",
                known.join(", ")
            )),
        );
    }
    // Generated from its TOML, checked as a program file is ([`super::built_in`]).
    Ok(super::built_in::program(id, super::library::built_in())
        .expect("every built-in program is generated"))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProgram {
    id: String,
    name: String,
    #[serde(default)]
    description: String,
    condition: Option<String>,
    #[serde(default)]
    source: Vec<String>,
    #[serde(default)]
    gates: RawGates,
    morning_question: Option<String>,
    stages: Spanned<Vec<RawStage>>,
    /// The program's own exercise entries, beside the built-in library.
    #[serde(default)]
    library: Vec<super::library::RawEntry>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
struct RawGates {
    green_max: Option<Spanned<i64>>,
    amber_max: Option<Spanned<i64>>,
    morning_rise_red: Option<Spanned<i64>>,
    greens_to_step: Option<Spanned<i64>>,
    reds_to_stop: Option<Spanned<i64>>,
    red_window_days: Option<Spanned<i64>>,
    gap_days: Option<Spanned<i64>>,
    review_after_days: Option<Spanned<i64>>,
    source: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStage {
    id: String,
    name: String,
    kind: Spanned<StageKind>,
    #[serde(default)]
    hard: bool,
    sessions_per_week: Spanned<i64>,
    min_days: Option<Spanned<i64>>,
    weekly_load_cap_pct: Option<Spanned<f64>>,
    max_pct_1rm: Option<Spanned<f64>>,
    deload_every_weeks: Option<Spanned<i64>>,
    deload_volume_pct: Option<Spanned<i64>>,
    exit_morning_max: Option<Spanned<i64>>,
    #[serde(default)]
    gates: RawGates,
    #[serde(default)]
    source: Vec<String>,
    #[serde(default)]
    notes: String,
    exercises: Spanned<Vec<RawExercise>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExercise {
    id: Spanned<String>,
    name: String,
    lift: Option<String>,
    #[serde(default)]
    optional: bool,
    alternate: Option<String>,
    #[serde(default)]
    source: Vec<String>,
    doses: Spanned<Vec<RawDose>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDose {
    sets: Option<Spanned<i64>>,
    reps: Option<Spanned<RawReps>>,
    hold_s: Option<Spanned<i64>>,
    minutes: Option<Spanned<i64>>,
    pct_1rm: Option<Spanned<f64>>,
    rpe_cap: Option<Spanned<i64>>,
    #[serde(default)]
    estimate_1rm: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawReps {
    Count(i64),
    Text(String),
}

/// Checks spanned values against the source text.
struct Checker<'a> {
    path: &'a str,
    text: &'a str,
}

impl Checker<'_> {
    fn err<T>(&self, span: &Spanned<T>, field: &str, problem: String, hint: &str) -> DataError {
        DataError::new(self.path, field, problem)
            .at(self.text, span.span().start)
            .hint(hint)
    }

    fn int(&self, v: &Spanned<i64>, field: &str, lo: i64, hi: i64) -> Result<i64, DataError> {
        let x = *v.get_ref();
        if x < lo || x > hi {
            return Err(self.err(
                v,
                field,
                format!("{x} is outside {lo}-{hi}"),
                &format!("use a whole number from {lo} to {hi}"),
            ));
        }
        Ok(x)
    }

    /// An optional whole number, within `lo..=hi` when it is given.
    fn opt_int(
        &self,
        v: &Option<Spanned<i64>>,
        field: &str,
        lo: i64,
        hi: i64,
    ) -> Result<Option<i64>, DataError> {
        v.as_ref().map(|s| self.int(s, field, lo, hi)).transpose()
    }

    /// An optional pain threshold: a [`Pain`] score when it is given.
    fn pain(&self, v: &Option<Spanned<i64>>, field: &str) -> Result<Option<Pain>, DataError> {
        v.as_ref()
            .map(|s| {
                Pain::try_from(*s.get_ref()).map_err(|e| {
                    self.err(
                        s,
                        field,
                        e.to_string(),
                        "pain thresholds use the 0-10 NPRS scale [MCID]",
                    )
                })
            })
            .transpose()
    }

    fn pct(&self, v: &Spanned<f64>, field: &str) -> Result<f64, DataError> {
        let x = *v.get_ref();
        if !(x > 0.0 && x <= 100.0) {
            return Err(self.err(
                v,
                field,
                format!("{x}% is not in 0-100"),
                "a percentage of the pre-injury 1RM is above 0 and at most 100",
            ));
        }
        Ok(x)
    }

    /// Effort wins over percentage [RPE]: a loaded dose names its RPE cap, and its % of the 1RM
    /// is one its reps can be done at within that cap (docs/EVIDENCE.md "RPE table").
    fn effort(
        &self,
        pct: &Spanned<f64>,
        reps: Option<&str>,
        rpe_cap: Option<u8>,
        field: &str,
    ) -> Result<(), DataError> {
        let p = *pct.get_ref();
        let Some(cap) = rpe_cap else {
            return Err(self.err(
                pct,
                &format!("{field}.rpe_cap"),
                format!("a load of {p}% of the 1RM has no rpe_cap"),
                "give every loaded dose an rpe_cap: effort wins over percentage [RPE]",
            ));
        };
        let Some(n) = reps.and_then(rpe::most_reps) else {
            return Ok(());
        };
        let allowed = rpe::pct_1rm(n.min(rpe::MAX_REPS), f64::from(cap).max(rpe::MIN_RPE));
        if let Some(allowed) = allowed
            && p > allowed + 0.5
        {
            return Err(DataError::new(self.path, format!("{field}.pct_1rm"), format!(
                "{n} reps at {p}% of the 1RM is harder than RPE {cap}: at RPE {cap}, {n} reps is about {allowed}% [RPE]"))
                .at(self.text, pct.span().start)
                .hint(format!("lower pct_1rm to {allowed} or less, use fewer reps, or raise rpe_cap (docs/EVIDENCE.md, RPE table)")));
        }
        Ok(())
    }

    fn gates(&self, raw: &RawGates, base: &Gates, field: &str) -> Result<Gates, DataError> {
        let f = |name: &str| format!("{field}.{name}");
        let count = |v: &Option<Spanned<i64>>,
                     name: &str,
                     d: u32,
                     lo: i64,
                     hi: i64|
         -> Result<u32, DataError> {
            Ok(self.opt_int(v, &f(name), lo, hi)?.map_or(d, |x| x as u32))
        };
        let g = Gates {
            green_max: self
                .pain(&raw.green_max, &f("green_max"))?
                .unwrap_or(base.green_max),
            amber_max: self
                .pain(&raw.amber_max, &f("amber_max"))?
                .unwrap_or(base.amber_max),
            // A rise in points, a difference of two scores and no `Pain` itself: at most the
            // scale's span (and not 0, below).
            morning_rise_red: self
                .opt_int(
                    &raw.morning_rise_red,
                    &f("morning_rise_red"),
                    0,
                    i64::from(Pain::MAX.get()),
                )?
                .map_or(base.morning_rise_red, |x| x as u8),
            // At least 2: with 1, a green right after a red would move the dose up [2FOR2].
            greens_to_step: count(
                &raw.greens_to_step,
                "greens_to_step",
                base.greens_to_step,
                2,
                20,
            )?,
            reds_to_stop: count(&raw.reds_to_stop, "reds_to_stop", base.reds_to_stop, 1, 20)?,
            red_window_days: count(
                &raw.red_window_days,
                "red_window_days",
                base.red_window_days,
                1,
                60,
            )?,
            gap_days: count(&raw.gap_days, "gap_days", base.gap_days, 1, 60)?,
            review_after_days: count(
                &raw.review_after_days,
                "review_after_days",
                base.review_after_days,
                7,
                365,
            )?,
            source: raw
                .source
                .clone()
                .map_or_else(|| base.source.clone(), Into::into),
        };
        if g.green_max > g.amber_max {
            let span = raw.green_max.as_ref().or(raw.amber_max.as_ref());
            let problem = format!(
                "green_max {} is above amber_max {}",
                g.green_max, g.amber_max
            );
            let hint = "green must be at or below amber (default: green 0-3, amber 4-5 [TRAFFIC])";
            return Err(match span {
                Some(s) => self.err(s, &f("green_max"), problem, hint),
                None => DataError::new(self.path, f("green_max"), problem).hint(hint),
            });
        }
        if g.morning_rise_red == 0 {
            let s = raw.morning_rise_red.as_ref().expect("0 only when set");
            return Err(self.err(
                s,
                &f("morning_rise_red"),
                "0 would make every session red".into(),
                "the evidence uses 2 points [MCID] (docs/EVIDENCE.md)",
            ));
        }
        Ok(g)
    }
}

/// The largest program file read: 1 MiB (the built-in programs are about 11 KB).
pub const MAX_BYTES: usize = 1 << 20;
/// The most exercises a stage may have (the built-in programs have at most 8).
pub const MAX_EXERCISES: usize = 100;
/// The most doses (progression steps) an exercise may have (the built-in programs have 6).
pub const MAX_DOSES: usize = 50;
/// The most characters of any text in a program: a name, a dose, a note (the built-in
/// programs' longest is 449).
pub const MAX_CHARS: usize = 2000;
/// The fields of a program whose text may run over several lines (and hold tabs).
const MULTILINE: &[&str] = &["description", "notes"];

/// Parses and checks a program; `path` is used in error messages.
pub fn parse(path: &str, text: &str) -> Result<Program, DataError> {
    parse_with(path, text, super::library::built_in())
}

/// The plain-text check of every string of a program, as [`parse`] does it.
pub fn check_plain(path: &str, text: &str) -> Result<(), DataError> {
    super::plain::check(path, text, MULTILINE, Some(MAX_CHARS))
}

/// [`parse`] with `library` as the built-in library (the one its TOML gives, when the built-in
/// values are generated).
pub(crate) fn parse_with(path: &str, text: &str, library: &Library) -> Result<Program, DataError> {
    if text.len() > MAX_BYTES {
        return Err(DataError::new(
            path,
            "",
            format!(
                "the file is {} bytes; a program is at most {MAX_BYTES} bytes (1 MiB)",
                text.len()
            ),
        )
        .hint(
            "a program has five stages of a few exercises each; the built-in ones are about 11 KB",
        ));
    }
    let raw: RawProgram = toml::from_str(text).map_err(|e| from_toml(path, text, &e))?;
    check_plain(path, text)?;
    let c = Checker { path, text };
    let base = c.gates(&raw.gates, &Gates::default(), "gates")?;
    let raw_stages = raw.stages.get_ref();
    if raw_stages.len() != StageKind::ORDER.len() {
        return Err(c.err(
            &raw.stages,
            "stages",
            format!("{} stages; a program has exactly 5", raw_stages.len()),
            "give the five stages in order: aerobic, mobility, strength, load, return",
        ));
    }
    let stages = raw_stages
        .iter()
        .zip(StageKind::ORDER)
        .enumerate()
        .map(|(si, (rs, want))| c.stage(si, rs, want, &base))
        .collect::<Result<Vec<_>, _>>()?;
    c.stage_to_stage_rises(&stages, raw_stages)?;
    let library = c.library(&raw, library)?;
    Ok(Program {
        id: raw.id,
        name: raw.name,
        description: raw.description,
        condition: raw
            .condition
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty()),
        source: raw.source,
        morning_question: raw
            .morning_question
            .unwrap_or_else(|| crate::model::program::MORNING_QUESTION.to_string()),
        stages,
        library,
    })
}

impl Checker<'_> {
    /// The built-in library with the program's own `[[library]]` entries; every exercise of
    /// every stage must have an entry.
    fn library(&self, raw: &RawProgram, built_in: &Library) -> Result<Library, DataError> {
        let mut lib = built_in.clone();
        super::library::add(self.path, self.text, "library", &raw.library, &mut lib)?;
        for (si, rs) in raw.stages.get_ref().iter().enumerate() {
            for (ei, re) in rs.exercises.get_ref().iter().enumerate() {
                if !lib.contains(re.id.get_ref()) {
                    return Err(self.err(
                        &re.id,
                        &format!("stages[{si}].exercises[{ei}].id"),
                        format!("exercise `{}` is not in the exercise library", re.id.get_ref()),
                        "use an id of the library (`graded exercises --all` lists them), or add a [[library]] entry with this id to the program: purpose, setup, cues, feel, not_feel, stop_if, mistakes, easier, harder, without_equipment and a figure",
                    ));
                }
            }
        }
        Ok(lib)
    }

    /// One stage: its kind in order, its settings, its exercises and the load stage's lifts.
    fn stage(
        &self,
        si: usize,
        rs: &RawStage,
        want: StageKind,
        base: &Gates,
    ) -> Result<Stage, DataError> {
        let sf = format!("stages[{si}]");
        let kind = *rs.kind.get_ref();
        if kind != want {
            return Err(self.err(
                &rs.kind,
                &format!("{sf}.kind"),
                format!(
                    "stage {} is `{}`, expected `{}`",
                    si + 1,
                    kind.as_str(),
                    want.as_str()
                ),
                "the five stages come in order: aerobic, mobility, strength, load, return",
            ));
        }
        let mut stage = self.stage_settings(rs, kind, base, &sf)?;
        stage.exercises = self.exercises(rs, &stage, &sf)?;
        if kind == StageKind::Load {
            self.load_stage_lifts(rs, &stage.exercises, &sf)?;
        }
        Ok(stage)
    }

    /// A stage's own settings and gates, checked; its exercises are left empty.
    fn stage_settings(
        &self,
        rs: &RawStage,
        kind: StageKind,
        base: &Gates,
        sf: &str,
    ) -> Result<Stage, DataError> {
        let f = |name: &str| format!("{sf}.{name}");
        let gates = self.gates(&rs.gates, base, &f("gates"))?;
        let spw = self.int(&rs.sessions_per_week, &f("sessions_per_week"), 1, 7)? as u8;
        let min_days = self
            .opt_int(&rs.min_days, &f("min_days"), 0, 365)?
            .unwrap_or(0) as u32;
        let weekly_load_cap_pct_raw = rs
            .weekly_load_cap_pct
            .as_ref()
            .map(|v| self.pct(v, &f("weekly_load_cap_pct")))
            .transpose()?;
        // A stage that loads a lift and gives no cap of its own rises at most 10% a week [GABBETT].
        let loads_a_lift = rs
            .exercises
            .get_ref()
            .iter()
            .any(|e| e.doses.get_ref().iter().any(|d| d.pct_1rm.is_some()));
        let weekly_load_cap_pct = weekly_load_cap_pct_raw.or(loads_a_lift.then_some(10.0));
        let max_pct_1rm = rs
            .max_pct_1rm
            .as_ref()
            .map(|v| self.pct(v, &f("max_pct_1rm")))
            .transpose()?;
        let deload_every_weeks = self
            .opt_int(&rs.deload_every_weeks, &f("deload_every_weeks"), 2, 52)?
            .map(|x| x as u32);
        let deload_volume_pct = self
            .opt_int(&rs.deload_volume_pct, &f("deload_volume_pct"), 10, 100)?
            .map_or(60, |x| x as u32);
        let exit_morning_max = self.pain(&rs.exit_morning_max, &f("exit_morning_max"))?;
        Ok(Stage {
            id: rs.id.as_str().into(),
            name: rs.name.as_str().into(),
            kind,
            hard: rs.hard,
            sessions_per_week: spw,
            min_days,
            weekly_load_cap_pct,
            max_pct_1rm,
            deload_every_weeks,
            deload_volume_pct,
            exit_morning_max,
            gates,
            source: rs.source.clone(),
            notes: rs.notes.as_str().into(),
            exercises: Vec::new(),
        })
    }

    /// A stage's exercises: at least one, ids unique, each with as many doses as the first.
    fn exercises(
        &self,
        rs: &RawStage,
        stage: &Stage,
        sf: &str,
    ) -> Result<Vec<Exercise>, DataError> {
        let raw_ex = rs.exercises.get_ref();
        if raw_ex.is_empty() {
            return Err(self.err(
                &rs.exercises,
                &format!("{sf}.exercises"),
                format!("stage `{}` has no exercises", rs.id),
                "add at least one [[stages.exercises]] with its doses",
            ));
        }
        if raw_ex.len() > MAX_EXERCISES {
            return Err(self.err(
                &rs.exercises,
                &format!("{sf}.exercises"),
                format!(
                    "stage `{}` has {} exercises; a stage has at most {MAX_EXERCISES}",
                    rs.id,
                    raw_ex.len()
                ),
                "split the stage's work into fewer exercises (the built-in programs have at most 8)",
            ));
        }
        let steps = raw_ex[0].doses.get_ref().len();
        let mut exercises = Vec::new();
        let mut ids = std::collections::HashSet::new();
        for (ei, re) in raw_ex.iter().enumerate() {
            let ef = format!("{sf}.exercises[{ei}]");
            let doses_raw = re.doses.get_ref();
            if doses_raw.len() > MAX_DOSES {
                return Err(self.err(
                    &re.doses,
                    &format!("{ef}.doses"),
                    format!(
                        "exercise `{}` has {} doses; an exercise has at most {MAX_DOSES}",
                        re.id.get_ref(),
                        doses_raw.len()
                    ),
                    "one dose per progression step (the built-in programs have 6)",
                ));
            }
            if doses_raw.is_empty() {
                return Err(self.err(
                    &re.doses,
                    &format!("{ef}.doses"),
                    format!("exercise `{}` has an empty step list", re.id.get_ref()),
                    "give one dose per progression step, e.g. doses = [{ sets = 2, reps = 8 }]",
                ));
            }
            if doses_raw.len() != steps {
                return Err(self.err(
                    &re.doses,
                    &format!("{ef}.doses"),
                    format!(
                        "{} doses, but the stage's first exercise has {steps}",
                        doses_raw.len()
                    ),
                    "every exercise of a stage has one dose per step",
                ));
            }
            if !ids.insert(re.id.get_ref().as_str()) {
                return Err(self.err(
                    &re.id,
                    &format!("{ef}.id"),
                    format!("duplicate exercise id `{}`", re.id.get_ref()),
                    "ids are unique within a stage",
                ));
            }
            exercises.push(self.exercise(re, stage, &ef)?);
        }
        Ok(exercises)
    }

    /// One exercise: its doses, and no step rising more than the stage's weekly cap.
    fn exercise(&self, re: &RawExercise, stage: &Stage, ef: &str) -> Result<Exercise, DataError> {
        let doses_raw = re.doses.get_ref();
        let doses = doses_raw
            .iter()
            .enumerate()
            .map(|(di, rd)| self.dose(rd, re, stage.max_pct_1rm, &format!("{ef}.doses[{di}]")))
            .collect::<Result<Vec<_>, _>>()?;
        // The load may not rise by more than the weekly cap from one step to the next [GABBETT].
        if let Some(cap) = stage.weekly_load_cap_pct {
            for (di, w) in doses.windows(2).enumerate() {
                if let (Some(a), Some(b)) = (w[0].pct_1rm, w[1].pct_1rm)
                    && b > a * (1.0 + cap / 100.0) + 1e-9
                {
                    let s = doses_raw[di + 1].pct_1rm.as_ref().expect("set");
                    return Err(self.err(
                        s,
                        &format!("{ef}.doses[{}].pct_1rm", di + 1),
                        format!("{b}% rises more than the weekly cap of {cap}% from {a}%"),
                        "make the step smaller or raise weekly_load_cap_pct [GABBETT]",
                    ));
                }
            }
        }
        Ok(Exercise {
            id: re.id.get_ref().as_str().into(),
            name: re.name.as_str().into(),
            lift: re.lift.as_deref().map(Into::into),
            optional: re.optional,
            alternate: re.alternate.clone(),
            source: re.source.clone(),
            doses,
        })
    }

    /// One dose: numbers in range, load under the stage cap, from a lift, within its RPE cap.
    fn dose(
        &self,
        rd: &RawDose,
        re: &RawExercise,
        max_pct_1rm: Option<f64>,
        df: &str,
    ) -> Result<Dose, DataError> {
        let opt = |v: &Option<Spanned<i64>>, n: &str, hi: i64| {
            self.opt_int(v, &format!("{df}.{n}"), 1, hi)
                .map(|x| x.map(|x| x as u32))
        };
        let reps = rd.reps.as_ref().map(|s| self.reps(s, df)).transpose()?;
        let pct_1rm = rd
            .pct_1rm
            .as_ref()
            .map(|v| self.pct(v, &format!("{df}.pct_1rm")))
            .transpose()?;
        if let (Some(p), Some(cap)) = (pct_1rm, max_pct_1rm)
            && p > cap
        {
            let s = rd.pct_1rm.as_ref().expect("set");
            return Err(self.err(
                s,
                &format!("{df}.pct_1rm"),
                format!("{p}% is above the stage's max_pct_1rm {cap}%"),
                "lower the dose or raise the stage cap",
            ));
        }
        if pct_1rm.is_some() && re.lift.is_none() {
            let s = rd.pct_1rm.as_ref().expect("set");
            return Err(self.err(
                s,
                &format!("{df}.pct_1rm"),
                format!(
                    "exercise `{}` has a % of 1RM but no lift to scale from",
                    re.id.get_ref()
                ),
                "add lift = \"squat\" (or another pre-injury lift) to the exercise",
            ));
        }
        let rpe_cap = self
            .opt_int(&rd.rpe_cap, &format!("{df}.rpe_cap"), 0, 10)?
            .map(|x| x as u8);
        if let Some(s) = &rd.pct_1rm {
            self.effort(s, reps.as_deref(), rpe_cap, df)?;
        }
        if rd.estimate_1rm && (pct_1rm.is_none() || reps.is_none()) {
            return Err(DataError::new(
                self.path,
                format!("{df}.estimate_1rm"),
                "an estimate set needs a load and reps",
            )
            .at(self.text, re.doses.span().start)
            .hint("give the set pct_1rm, reps and rpe_cap: its RPE estimates the 1RM [RPE]"));
        }
        let dose = Dose {
            sets: opt(&rd.sets, "sets", 20)?,
            reps: reps.map(Into::into),
            hold_s: opt(&rd.hold_s, "hold_s", 600)?,
            minutes: opt(&rd.minutes, "minutes", 240)?,
            pct_1rm,
            rpe_cap,
            estimate_1rm: rd.estimate_1rm,
        };
        if dose == Dose::default() {
            return Err(DataError::new(self.path, df, "empty dose")
                .at(self.text, re.doses.span().start)
                .hint("give at least one of sets, reps, hold_s, minutes, pct_1rm"));
        }
        Ok(dose)
    }

    /// A dose's reps: a count from 1 to 100, a range or a pyramid.
    fn reps(&self, s: &Spanned<RawReps>, df: &str) -> Result<String, DataError> {
        let hint = "use a count like 8, a range like \"8-12\" or a pyramid like \"6-4-2\"";
        match s.get_ref() {
            RawReps::Count(n) if (1..=100).contains(n) => Ok(n.to_string()),
            RawReps::Count(n) => Err(self.err(
                s,
                &format!("{df}.reps"),
                format!("{n} reps is outside 1-100"),
                hint,
            )),
            RawReps::Text(t) if valid_reps(t) => Ok(t.clone()),
            RawReps::Text(t) => Err(self.err(
                s,
                &format!("{df}.reps"),
                format!("`{t}` is not a rep count"),
                hint,
            )),
        }
    }

    /// The load stage scales a required exercise from a lift and starts at most at 50% [BBM].
    fn load_stage_lifts(
        &self,
        rs: &RawStage,
        exercises: &[Exercise],
        sf: &str,
    ) -> Result<(), DataError> {
        if !exercises.iter().any(|e| e.lift.is_some() && !e.optional) {
            return Err(self.err(&rs.exercises, &format!("{sf}.exercises"), "the load stage has no lift to scale from".into(),
                "give at least one exercise a lift = \"squat\" (or another pre-injury lift) and a pct_1rm per dose"));
        }
        for (ei, (e, re)) in exercises.iter().zip(rs.exercises.get_ref()).enumerate() {
            if let (Some(p), Some(span)) =
                (e.doses[0].pct_1rm, re.doses.get_ref()[0].pct_1rm.as_ref())
                && p > 50.0
            {
                return Err(self.err(
                    span,
                    &format!("{sf}.exercises[{ei}].doses[0].pct_1rm"),
                    format!("the load stage starts `{}` at {p}% of the 1RM", e.id),
                    "start barbell work at 50% of the pre-injury 1RM or less [BBM]",
                ));
            }
        }
        Ok(())
    }

    /// From one stage to the next, a lift's load rises no more than the weekly cap [GABBETT].
    fn stage_to_stage_rises(
        &self,
        stages: &[Stage],
        raw_stages: &[RawStage],
    ) -> Result<(), DataError> {
        for si in 1..stages.len() {
            let Some(cap) = stages[si].weekly_load_cap_pct else {
                continue;
            };
            for (ei, e) in stages[si].exercises.iter().enumerate() {
                let (Some(lift), Some(first)) = (e.lift.as_deref(), e.doses[0].pct_1rm) else {
                    continue;
                };
                let before = stages[..si].iter().rev().find_map(|p| {
                    p.exercises
                        .iter()
                        .find(|x| x.lift.as_deref() == Some(lift))
                        .and_then(|x| x.doses.last()?.pct_1rm)
                });
                if let Some(b) = before
                    && first > b * (1.0 + cap / 100.0) + 1e-9
                {
                    let span = raw_stages[si].exercises.get_ref()[ei].doses.get_ref()[0]
                        .pct_1rm
                        .as_ref()
                        .expect("set");
                    return Err(self.err(span, &format!("stages[{si}].exercises[{ei}].doses[0].pct_1rm"),
                        format!("{first}% rises more than the weekly cap of {cap}% from the previous stage's {b}%"),
                        "start the stage nearer the previous stage's last load [GABBETT]"));
                }
            }
        }
        Ok(())
    }
}

/// `8`, `8-12`, `6-4-2`: positive numbers joined by dashes.
fn valid_reps(t: &str) -> bool {
    !t.is_empty()
        && t.split('-')
            .all(|p| p.parse::<u32>().is_ok_and(|n| (1..=100).contains(&n)))
}

/// The lifts a program scales from and must find in the profile (non-optional ones).
pub fn required_lifts(program: &Program) -> Vec<String> {
    let mut lifts: Vec<String> = program
        .stages
        .iter()
        .flat_map(|s| &s.exercises)
        .filter(|e| !e.optional)
        .filter_map(|e| e.lift.as_deref().map(str::to_string))
        .collect();
    lifts.sort();
    lifts.dedup();
    lifts
}

//! All clap definitions, nothing else.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};

/// graded: a pain-gated, graded return to lifting after a mild back strain.
///
/// General guidance, not a diagnosis.
#[derive(Debug, Parser)]
#[command(name = "graded", version, about, long_about = None, propagate_version = true, after_help = EXAMPLES)]
pub struct Cli {
    /// The options every command takes, as given before the command or after it.
    #[command(flatten)]
    pub globals: Globals,

    /// The command
    #[command(subcommand)]
    pub command: Command,
}

// The options every command takes: before the command (`graded --dir D status`) or after it
// (`graded status --dir D`), where the later one wins. clap's `global = true` would copy them
// into all 22 commands on every start, a fifth of `graded --version`; instead the one command
// that runs makes its own (`With`). (Plain comments: a doc comment here would become every
// command's description.)
#[derive(Debug, Args)]
pub struct Globals {
    /// Workspace directory holding profile.toml and log.csv [default: ~/.local/share/graded on
    /// Linux, ~/Library/Application Support/graded on macOS, %APPDATA%\graded\data on Windows]
    #[arg(long, env = "GRADED_DIR", value_name = "DIR", value_hint = ValueHint::DirPath, help_heading = GLOBAL)]
    pub dir: Option<PathBuf>,

    /// Use the built-in example profile and an empty log; nothing is written to disk
    #[arg(long, help_heading = GLOBAL)]
    pub example: bool,

    /// Replace today's date everywhere, for reproducible output (YYYY-MM-DD, or yesterday,
    /// mon, -3 ... from the clock's today)
    #[arg(long, env = "GRADED_TODAY", value_name = "DATE", value_parser = parse_day, allow_hyphen_values = true, help_heading = GLOBAL)]
    pub today: Option<Day>,

    /// Program: a built-in id (mid-back-strain) or a TOML file; overrides the profile's
    #[arg(long, value_name = "ID|FILE", value_parser = program_ids(), hide_possible_values = true, help_heading = GLOBAL)]
    pub program: Option<String>,

    /// Seconds to wait for another graded to finish with the workspace before giving up
    #[arg(long, env = "GRADED_LOCK_WAIT", value_name = "SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(0..=3600), help_heading = GLOBAL)]
    pub lock_wait: u64,

    /// Colour: auto (on a terminal, unless NO_COLOR is set), always or never
    #[arg(long, value_enum, default_value_t, value_name = "WHEN", ignore_case = true, help_heading = GLOBAL)]
    pub color: ColorChoice,
}

/// The global options' ids, as clap names them.
pub const GLOBAL_IDS: [&str; 6] = ["dir", "example", "today", "program", "lock_wait", "color"];

impl Cli {
    /// The command line `matches` as parsed: the global options given after the command
    /// (at any depth: `graded programs show --dir D`) replace those given before it. The
    /// matches are taken apart, not copied (clap's `from_arg_matches` clones them at each
    /// level: a tenth of a short command's instructions).
    pub fn from_matches(mut matches: clap::ArgMatches) -> Result<Cli, clap::Error> {
        let mut later = Vec::new();
        let mut at = &matches;
        while let Some((_, sub)) = at.subcommand() {
            later.extend(Given::of(sub)?);
            at = sub;
        }
        let mut cli = <Cli as clap::FromArgMatches>::from_arg_matches_mut(&mut matches)?;
        for given in later {
            given.apply(&mut cli.globals);
        }
        Ok(cli)
    }
}

/// The global options given on the command line at one level of commands (not a default or
/// the environment, which the root already read): their values, and which were given, in the
/// order of [`GLOBAL_IDS`].
struct Given {
    globals: Globals,
    given: [bool; 6],
}

impl Given {
    fn of(m: &clap::ArgMatches) -> Result<Option<Given>, clap::Error> {
        let given =
            GLOBAL_IDS.map(|id| m.value_source(id) == Some(clap::parser::ValueSource::CommandLine));
        if !given.contains(&true) {
            return Ok(None);
        }
        let globals = <Globals as clap::FromArgMatches>::from_arg_matches(m)?;
        Ok(Some(Given { globals, given }))
    }

    /// Replaces each option of `into` given here.
    fn apply(self, into: &mut Globals) {
        let (g, [dir, example, today, program, lock_wait, color]) = (self.globals, self.given);
        if dir {
            into.dir = g.dir;
        }
        if example {
            into.example = g.example;
        }
        if today {
            into.today = g.today;
        }
        if program {
            into.program = g.program;
        }
        if lock_wait {
            into.lock_wait = g.lock_wait;
        }
        if color {
            into.color = g.color;
        }
    }
}

/// Adds the global options to a command being made, marked global there so that its own
/// commands take them too (`graded programs show --dir D`).
fn with_globals(cmd: clap::Command) -> clap::Command {
    Globals::augment_args(cmd).mut_args(|a| {
        let global = GLOBAL_IDS.contains(&a.get_id().as_str());
        a.global(global)
    })
}

/// A command's arguments after the global options, which it takes too: made, as its own are,
/// only when the command runs (`defer`), and before them, as clap would copy them.
#[derive(Debug)]
pub struct With<T>(pub T);

impl<T: Args> Args for With<T> {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        T::augment_args(with_globals(cmd))
    }
    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

impl<T: clap::FromArgMatches> clap::FromArgMatches for With<T> {
    fn from_arg_matches(m: &clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(m).map(With)
    }
    fn from_arg_matches_mut(m: &mut clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(m).map(With)
    }
    fn update_from_arg_matches(&mut self, m: &clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(m)
    }
}

pub use graded::load::date::{Day, Week, parse_day, parse_week};

/// The heading global options are listed under in every command's help, after its own.
const GLOBAL: &str = "Global options";

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set
    #[default]
    Auto,
    /// Always, even in a pipe or with NO_COLOR
    Always,
    /// Never
    Never,
}

/// The command line `main` parses with. Each subcommand's arguments, the global options
/// among them, are made only when that subcommand is used (`defer`): `graded --version` and
/// `graded status` do not build the other twenty commands.
pub fn command() -> clap::Command {
    // `programs` is made with its three commands (so `graded help programs show` works); it
    // takes the global options when it is made in full (it runs, or its help is shown), and
    // they pass on to those three.
    <Cli as clap::CommandFactory>::command().mut_subcommands(|c| {
        if c.get_name() == "programs" {
            c.defer(with_globals)
        } else {
            c
        }
    })
}

/// The arguments of a command that takes none of the global options (`completions`,
/// `sources`, `man`): it accepts them, as every command does, but its help leaves them out.
#[derive(Debug)]
pub struct NoGlobals<T>(pub T);

impl<T: Args> Args for NoGlobals<T> {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        With::<T>::augment_args(cmd).mut_args(|a| {
            let global = a.is_global_set();
            a.hide(global)
        })
    }
    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

impl<T: clap::FromArgMatches> clap::FromArgMatches for NoGlobals<T> {
    fn from_arg_matches(m: &clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(m).map(NoGlobals)
    }
    fn from_arg_matches_mut(m: &mut clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(m).map(NoGlobals)
    }
    fn update_from_arg_matches(&mut self, m: &clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(m)
    }
}

/// A text argument whose usual values are listed for completion and help, while any text
/// still reaches the command (a program file, say) to be checked there.
fn suggesting(values: Vec<PossibleValue>) -> impl TypedValueParser<Value = String> {
    #[derive(Clone)]
    struct Suggesting(Vec<PossibleValue>);
    impl TypedValueParser for Suggesting {
        type Value = String;
        fn parse_ref(
            &self,
            cmd: &clap::Command,
            arg: Option<&clap::Arg>,
            value: &std::ffi::OsStr,
        ) -> Result<String, clap::Error> {
            clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
        }
        fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
            Some(Box::new(self.0.iter().cloned()))
        }
    }
    Suggesting(values)
}

/// The built-in program ids, for completion.
fn program_ids() -> impl TypedValueParser<Value = String> {
    suggesting(
        graded::load::program::BUILT_IN
            .iter()
            .map(|(id, _)| PossibleValue::new(*id))
            .collect(),
    )
}

/// The IANA zone names, for completion (checked by `init`).
fn zone_names() -> impl TypedValueParser<Value = String> {
    // Six hundred names are read from the zone database only for the completion scripts:
    // every other run parses `--tz` without them (`init` checks the zone itself).
    let names = if COMPLETIONS.load(std::sync::atomic::Ordering::Relaxed) {
        graded::model::Zone::names()
    } else {
        Vec::new()
    };
    suggesting(names.into_iter().map(PossibleValue::new).collect())
}

/// Set while the command line is built for `graded completions`: value lists that cost time
/// to make are made only then.
pub static COMPLETIONS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The weekdays, for completion (checked by `init`).
fn weekday_names() -> impl TypedValueParser<Value = String> {
    suggesting(
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .into_iter()
            .map(PossibleValue::new)
            .collect(),
    )
}

/// A red-flag id (`--red-flag`, `--symptom`), checked as `parse_red_flag` checks it, with the
/// screen's ids and questions listed for completion and help.
#[derive(Clone)]
pub struct RedFlagParser;

impl TypedValueParser for RedFlagParser {
    type Value = graded::model::Symptom;
    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<graded::model::Symptom, clap::Error> {
        parse_red_flag.parse_ref(cmd, arg, value)
    }
    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            graded::model::red_flag::RED_FLAGS
                .iter()
                .map(|f| PossibleValue::new(f.id).help(f.question)),
        ))
    }
}

/// Parses a red-flag id (`--red-flag`, `--symptom`).
pub fn parse_red_flag(s: &str) -> Result<graded::model::Symptom, String> {
    graded::model::red_flag::check(s.trim())
}

/// Parses a clock time as people type it: `08:00`, `8am`, `7:30pm`.
pub fn parse_clock(s: &str) -> Result<chrono::NaiveTime, String> {
    graded::load::profile::parse_clock(s)
}

/// Checks one `--rpe`: the session's effort (`7`) or a lift's in half points (`squat=7.5`).
pub fn parse_rpe(s: &str) -> Result<String, String> {
    graded::load::session_log::parse_rpe(s.trim()).map(|_| s.trim().to_lowercase())
}

/// Subcommands.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Write profile.toml: the intake (asks on a terminal for what the flags leave out)
    Init(With<InitArgs>),
    /// The whole plan, week by week (or as CSV, iCalendar, JSON, Markdown)
    Plan(With<PlanArgs>),
    /// One week in detail
    Week(With<WeekArgs>),
    /// List, show or validate programs
    #[command(
        subcommand,
        after_help = "Examples:
  graded programs list
  graded programs show mid-back-strain
  graded programs validate my-program.toml"
    )]
    Programs(ProgramsCommand),
    /// Log a session, or the next-morning pain of the last one
    Log(With<LogArgs>),
    /// Where you stand: stage, step, latest decision and why, the next session
    Status(With<StatusArgs>),
    /// Every logged session with its outcome, decision and reason
    History(With<HistoryArgs>),
    /// Record a clinician's clearance after a stop (it repeats the red-flag screen)
    Resume(With<ResumeArgs>),
    /// Record a physical therapist's or clinician's note, with its date, in the log
    Note(With<NoteArgs>),
    /// Repeat the red-flag screen
    Screen(With<ScreenArgs>),
    /// A therapist's changes to the program, without writing TOML: only ever more cautious
    Adjust(With<AdjustArgs>),
    /// Write the files to send into a directory: history.csv for your physical therapist, report.html to read, plan.ics for your calendar, bundle.fhir.json for a clinic's system...
    Share(With<ShareArgs>),
    /// An HTML progress report to read or print (two pages), for you and your physical therapist
    Report(With<ReportArgs>),
    /// A printable home-exercise sheet: figures, setup, cues and doses (the coming week's
    /// stages, or one stage)
    Handout(With<HandoutArgs>),
    /// The course for a clinic's record system: an HL7 FHIR R4 Bundle (JSON)
    Export(With<ExportArgs>),
    /// Keep a CalDAV calendar in step with the plan (docs/CALDAV.md)
    Sync(With<SyncArgs>),
    /// How to do each exercise: your program's exercises stage by stage, or one in full
    Exercises(With<ExercisesArgs>),
    /// The evidence behind the rules: every source key, or one key's reference and uses
    Sources(NoGlobals<SourcesArgs>),
    /// Print shell completions
    Completions(NoGlobals<CompletionsArgs>),
    /// Print graded's manual page (roff), made from these very definitions
    Man(NoGlobals<ManArgs>),
}

/// `graded --help`'s examples.
const EXAMPLES: &str = "Examples:
  graded init                       the intake (asks on a terminal)
  graded plan                       the whole plan
  graded log --pain-during 2 --pain-after 3 --rpe 6
  graded log --next-morning 2
  graded status
  graded --example --today 2026-11-24 plan
Each command's --help has more.";

/// `graded init --help`'s examples.
const INIT_EXAMPLES: &str = "Examples:
  graded init                       on a terminal: asks for each answer
  graded init --injury-date 2026-11-18 --rest-pain 2 --no-red-flags \\
      --days mon,wed,fri,sat --tz America/New_York --units lb --lift squat=235
  graded init --days \"Mon Wed Fri Sat\" --time 7am --minutes \"60 min\" --lift \"bench 185\" ...
  graded --dir ~/rehab init --injury-date yesterday ...   another workspace
Without a terminal every answer is a flag; those missing are named together.";

/// `graded screen --help`'s examples and the red-flag ids with their questions.
fn screen_help() -> String {
    let ids: Vec<String> = graded::model::red_flag::RED_FLAGS
        .iter()
        .map(|f| format!("  {:<22} {}", f.id, f.question))
        .collect();
    format!(
        "Examples:\n  graded screen                        asks each question, on a terminal\n  graded screen --no-red-flags\n  graded screen --red-flag fever --red-flag night-pain\n\nRed-flag ids (for screen --red-flag, init --red-flag and log --symptom):\n{}",
        ids.join("\n")
    )
}

// `graded init`.
#[derive(Debug, Args, Default)]
#[command(after_help = INIT_EXAMPLES)]
pub struct InitArgs {
    /// First day of the program: YYYY-MM-DD, today, mon, -3 ... [default: today]
    #[arg(long, value_parser = parse_day, value_name = "DATE", allow_hyphen_values = true)]
    pub start: Option<Day>,
    /// Day of the injury: YYYY-MM-DD, yesterday, a weekday (the latest), -N days ago
    #[arg(long, value_parser = parse_day, value_name = "DATE", allow_hyphen_values = true)]
    pub injury_date: Option<Day>,
    /// Pain at rest now, 0-10
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub rest_pain: Option<graded::model::Pain>,
    /// Training days: mon,wed,fri,sat, Mon Wed Fri Sat, mon-fri, weekdays
    #[arg(long, num_args = 1.., value_delimiter = ',', value_name = "DAYS", value_parser = weekday_names(), hide_possible_values = true)]
    pub days: Option<Vec<String>>,
    /// Session start time: 07:00, 19:30, 7am, 7:30pm
    #[arg(long, value_name = "TIME")]
    pub time: Option<String>,
    /// IANA time zone (America/New_York; not an abbreviation such as EST)
    #[arg(long, value_name = "ZONE", value_parser = zone_names(), hide_possible_values = true)]
    pub tz: Option<String>,
    /// Units: lb or kg
    #[arg(long, value_name = "UNITS", value_parser = PossibleValuesParser::new(["lb", "kg"]), ignore_case = true)]
    pub units: Option<String>,
    /// Session length, 10-240 minutes: 60, "60 min", 1h, 1h30 [default: 45]
    #[arg(long, value_name = "MIN")]
    pub minutes: Option<String>,
    /// Local time of the calendar's next-morning reminder to log pain: 08:00, 8am [default: 08:00]
    #[arg(long, value_name = "TIME", value_parser = parse_clock)]
    pub reminder_time: Option<chrono::NaiveTime>,
    /// A pre-injury lift: NAME=WEIGHT or NAME WEIGHT (squat=235, bench 185, squat=100kg) or a
    /// set, weight x reps or reps x weight (squat=205x5); repeatable
    #[arg(long = "lift", value_name = "NAME=WEIGHT", num_args = 1..=4)]
    pub lifts: Vec<String>,
    /// A red flag answered yes (repeatable; the ids and their questions: `graded screen --help`)
    #[arg(long = "red-flag", value_name = "ID", value_parser = RedFlagParser, hide_possible_values = true)]
    pub red_flags: Vec<graded::model::Symptom>,
    /// None of the red flags apply
    #[arg(long, conflicts_with = "red_flags")]
    pub no_red_flags: bool,
    /// Your name as it should appear on the report and the history CSV (optional)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Your physical therapist or clinician, e.g. "Dr Lee, PT" (optional)
    #[arg(long, value_name = "NAME")]
    pub clinician: Option<String>,
    /// Overwrite an existing profile
    #[arg(long)]
    pub force: bool,
}

/// Output formats of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum PlanFormat {
    /// Weekly tables
    #[default]
    Table,
    /// CSV of the planned doses, one row per exercise, for a spreadsheet (the scores a physical
    /// therapist reads are in `graded history --format csv`)
    Csv,
    /// iCalendar events for calendar apps
    Ics,
    /// JSON
    Json,
    /// A Markdown message
    Markdown,
}

// Options shared by the exports.
#[derive(Debug, Args, Clone, Default)]
pub struct OutputArgs {
    /// Write to FILE instead of standard output (`-` is standard output)
    #[arg(short, long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub output: Option<PathBuf>,
    /// CSV: start with a byte-order mark so Excel reads UTF-8
    #[arg(long)]
    pub excel: bool,
}

// `graded plan`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  graded plan                            the plan from 4 weeks back to the end
  graded plan --weeks 2                  this week and the next
  graded plan --format ics -o plan.ics   a calendar to import (re-export to update it)
  graded plan -f csv --excel -o plan.csv
  graded --example --today 2026-11-24 plan")]
pub struct PlanArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t, ignore_case = true)]
    pub format: PlanFormat,
    /// Weeks ahead to plan [default: until return to lifting]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=156))]
    pub weeks: Option<u32>,
    /// Calendar reminder, minutes before each session
    #[arg(long, value_name = "MIN", default_value_t = 30, value_parser = clap::value_parser!(u32).range(0..=10080))]
    pub alarm: u32,
    /// No calendar reminder
    #[arg(long)]
    pub no_alarm: bool,
    /// Every past week, from the start (tables, Markdown and the calendar show the last 4
    /// weeks and everything ahead by default; CSV and JSON hold every week)
    #[arg(long)]
    pub all: bool,
    /// Output options
    #[command(flatten)]
    pub out: OutputArgs,
}

// `graded week`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  graded week             this week
  graded week next        next week (also: last, this)
  graded week 2026-12-09  the week holding that date (also: mon, yesterday, -7)
  graded week --how       with every exercise explained in full")]
pub struct WeekArgs {
    /// The week: next, last, this, or a date in it (YYYY-MM-DD, today, yesterday, mon, -3)
    /// [default: this week]
    #[arg(value_parser = parse_week, value_name = "WHEN", allow_hyphen_values = true)]
    pub when: Option<Week>,
    /// Each session's exercises in full: setup, every cue, when to stop, mistakes
    #[arg(long)]
    pub how: bool,
}

// `graded exercises`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  graded exercises                  your program's exercises, stage by stage
  graded exercises --all            every exercise in the library
  graded exercises show cat-camel   how to do one, with its dose in your plan
  graded --example exercises show bird-dog")]
pub struct ExercisesArgs {
    /// Every exercise in the library, not only your program's
    #[arg(long)]
    pub all: bool,
    /// Show one exercise
    #[command(subcommand)]
    pub command: Option<ExercisesCommand>,
}

// `graded exercises show`.
#[derive(Debug, Subcommand)]
pub enum ExercisesCommand {
    /// One exercise in full: why, setup, how, what to feel, when to stop, mistakes, versions
    #[command(after_help = "Examples:
  graded exercises show cat-camel
  graded --example exercises show curl-up")]
    Show {
        /// The exercise's id (`graded exercises` lists them)
        id: String,
    },
}

// `graded programs`.
#[derive(Debug, Subcommand)]
pub enum ProgramsCommand {
    /// The built-in programs
    #[command(after_help = "Example:\n  graded programs list")]
    List,
    /// A program's stages, steps and doses
    #[command(
        after_help = "Examples:\n  graded programs show low-back-strain\n  graded programs show ./my-program.toml"
    )]
    Show {
        /// Program id or file
        #[arg(value_parser = program_ids(), hide_possible_values = true, value_hint = ValueHint::FilePath)]
        id: String,
    },
    /// Check a program file
    #[command(after_help = "Example:\n  graded programs validate my-program.toml other.toml")]
    Validate {
        /// The files
        #[arg(required = true, value_hint = ValueHint::FilePath)]
        files: Vec<PathBuf>,
    },
}

// `graded log`.
#[derive(Debug, Args, Default)]
#[command(after_help = "Examples:
  graded log --pain-during 2 --pain-after 3 --rpe 6        today's session
  graded log --date yesterday --pain-during 1 --pain-after 1 --rpe 5
  graded log --date mon --skipped                          Monday's, skipped
  graded log --next-morning 2                              the morning after
  graded log --symptom fever                               a warning sign (ids: graded screen --help)
  graded log                                               asks, on a terminal
Dates: YYYY-MM-DD, today, yesterday, a weekday (the latest, today included) or -N days (-3).")]
#[command(group = clap::ArgGroup::new("correcting").args(["amend", "undo"]))]
pub struct LogArgs {
    /// Date of the session: YYYY-MM-DD, today, yesterday, a weekday (mon: the latest, today
    /// included) or -N days (-3) [default: today]; with --amend or --undo, the date of the entry
    /// to correct [default: the latest entry]
    #[arg(long, value_parser = parse_day, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<Day>,
    /// Worst pain during the session, 0-10
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub pain_during: Option<graded::model::Pain>,
    /// Pain right after, 0-10
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub pain_after: Option<graded::model::Pain>,
    /// Effort, RPE 0-10: the session's (7), or one lift's in half points (squat=7.5); repeatable
    #[arg(long, value_parser = parse_rpe, value_name = "N|LIFT=N", allow_hyphen_values = true)]
    pub rpe: Vec<String>,
    /// The session was skipped
    #[arg(long, conflicts_with = "partial")]
    pub skipped: bool,
    /// Only part of the session was done
    #[arg(long)]
    pub partial: bool,
    /// A red-flag symptom (repeatable; the ids and their questions: `graded screen --help`)
    #[arg(long = "symptom", value_name = "ID", value_parser = RedFlagParser, hide_possible_values = true)]
    pub symptoms: Vec<graded::model::Symptom>,
    /// With --amend: the entry reports no red-flag symptoms
    #[arg(long, requires = "amend", conflicts_with = "symptoms")]
    pub no_symptoms: bool,
    /// With --amend: the session was done in full (not partial or skipped)
    #[arg(long, requires = "amend", conflicts_with_all = ["skipped", "partial"])]
    pub done: bool,
    /// A note
    #[arg(long, value_name = "TEXT", value_hint = ValueHint::Other)]
    pub note: Option<String>,
    /// Add next-morning pain (0-10) to a session: the latest missing it, or with --date the
    /// session that morning followed (--date tue, or the session's own date, --date mon)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub next_morning: Option<graded::model::Pain>,
    /// Morning stiffness in minutes (with --next-morning, or --amend)
    #[arg(long, value_name = "M")]
    pub stiffness_min: Option<u32>,
    /// Muscle soreness after training (DOMS), 0-10, with --next-morning (or --amend): kept
    /// beside the morning's back pain, never judged
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub soreness: Option<graded::model::Pain>,
    /// Allow a second session on one date, or a date in the future
    #[arg(long)]
    pub force: bool,
    /// Correct an entry: the given fields replace its own (the latest entry, or that of
    /// --date); the entry as it was stays in the log, marked replaced
    #[arg(long, conflicts_with_all = ["undo", "force"])]
    pub amend: bool,
    /// Withdraw the latest entry (or that of --date); it stays in the log, marked withdrawn,
    /// and is no longer judged
    #[arg(long, conflicts_with_all = [
        "pain_during", "pain_after", "rpe", "skipped", "partial", "done", "symptoms",
        "no_symptoms", "note", "next_morning", "stiffness_min", "soreness", "force",
    ])]
    pub undo: bool,
    /// With --amend or --undo: make the change without asking (for scripts; needed without a
    /// terminal)
    #[arg(long, requires = "correcting")]
    pub yes: bool,
    /// With --amend or --undo: why, kept in the log; needed to take back a red-flag symptom
    #[arg(long, value_name = "TEXT", requires = "correcting")]
    pub reason: Option<String>,
}

/// Status formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum StatusFormat {
    /// Text
    #[default]
    Text,
    /// One JSON object
    Json,
}

// `graded status`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  graded status
  graded status --format json
  graded status --how          the next session's exercises explained in full
  graded --color never status")]
pub struct StatusArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t, ignore_case = true)]
    pub format: StatusFormat,
    /// The next session's exercises in full: setup, every cue, when to stop, mistakes
    #[arg(long)]
    pub how: bool,
}

/// History formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum HistoryFormat {
    /// A table
    #[default]
    Table,
    /// CSV for your physical therapist: one self-describing table (scores with their scales,
    /// your context on every row)
    Csv,
    /// JSON
    Json,
}

// `graded history`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  graded history                  the last 8 weeks as a table
  graded history --all
  graded history -f csv --excel -o history.csv")]
pub struct HistoryArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t, ignore_case = true)]
    pub format: HistoryFormat,
    /// The table shows every row (by default the last 8 weeks; CSV and JSON hold every row)
    #[arg(long)]
    pub all: bool,
    /// Output options
    #[command(flatten)]
    pub out: OutputArgs,
}

// `graded resume`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  graded resume --cleared-by \"Dr Lee, GP\"       asks the screen (and the rest pain after a rest-pain stop)
  graded resume --cleared-by \"Dr Lee, GP\" --no-red-flags --rest-pain 3
  graded resume --cleared-by \"Sam Roe, physical therapist\" --no-red-flags --date yesterday")]
pub struct ResumeArgs {
    /// Who cleared you (name and role, e.g. "Dr Lee, GP")
    #[arg(long, value_name = "TEXT", value_hint = ValueHint::Other)]
    pub cleared_by: String,
    /// Your pain at rest now, 0-10: it becomes the baseline (needed after a stop for rest pain
    /// of 7/10 or more; asked on a terminal)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub rest_pain: Option<graded::model::Pain>,
    /// Every clearance repeats the red-flag screen: a red flag answered yes (repeatable; the
    /// ids: `graded screen --help`)
    #[arg(long = "red-flag", value_name = "ID", value_parser = RedFlagParser, hide_possible_values = true)]
    pub red_flags: Vec<graded::model::Symptom>,
    /// The clearance's red-flag screen: none of the red flags apply
    #[arg(long, conflicts_with = "red_flags")]
    pub no_red_flags: bool,
    /// Date of the clearance: YYYY-MM-DD, yesterday, mon, -3 ... [default: today]
    #[arg(long, value_parser = parse_day, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<Day>,
}

// `graded note`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  graded note --clinician \"Dr Lee, PT\" \"Lighter squats this week; back in 2 weeks.\"
  graded note --date yesterday \"Hip hinge drill added\"    by the profile's clinician")]
pub struct NoteArgs {
    /// The note, in the therapist's words
    #[arg(value_name = "TEXT", value_hint = ValueHint::Other)]
    pub text: String,
    /// Who wrote it (e.g. "Dr Lee, PT") [default: the profile's clinician]
    #[arg(long, value_name = "NAME", value_hint = ValueHint::Other)]
    pub clinician: Option<String>,
    /// Date of the note: YYYY-MM-DD, yesterday, mon, -3 ... [default: today]
    #[arg(long, value_parser = parse_day, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<Day>,
}

// `graded adjust`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  graded adjust --lift squat --max-pct 70 --until 2027-01-15 --by \"Dr Lee, PT\"
  graded adjust --swap back-extension=bird-dog --reason \"extension still sore\"
  graded adjust --hold-stage strength --days 7
  graded adjust --gate next-morning-max=2
  graded adjust                    lists them, numbered
  graded adjust --remove 1
Gates: green-max (0-3), amber-max (0-5), morning-rise (1-2), next-morning-max (0-5); never looser than the program's.")]
pub struct AdjustArgs {
    /// The lift whose load `--max-pct` caps (squat, deadlift ...)
    #[arg(long, value_name = "LIFT", requires = "max_pct", value_hint = ValueHint::Other)]
    pub lift: Option<String>,
    /// No load of `--lift` above this % of its pre-injury 1RM (above 0, at most 100)
    #[arg(
        long,
        value_name = "PCT",
        requires = "lift",
        allow_hyphen_values = true
    )]
    pub max_pct: Option<f64>,
    /// Do one exercise instead of another: FROM=TO, both the program's exercise ids; TO keeps
    /// FROM's sets, reps, hold and minutes and carries no load
    #[arg(long, value_name = "FROM=TO", value_hint = ValueHint::Other)]
    pub swap: Option<String>,
    /// No advance out of this stage (its id or kind: strength) for `--days` days from today
    #[arg(long, value_name = "STAGE", requires = "days", value_hint = ValueHint::Other)]
    pub hold_stage: Option<String>,
    /// How many days `--hold-stage` holds, 1-365
    #[arg(
        long,
        value_name = "N",
        requires = "hold_stage",
        allow_hyphen_values = true
    )]
    pub days: Option<i64>,
    /// A stricter gate: NAME=VALUE (green-max, amber-max, morning-rise, next-morning-max)
    #[arg(long, value_name = "NAME=VALUE", value_hint = ValueHint::Other)]
    pub gate: Option<String>,
    /// The last day a cap, swap or gate is in force (YYYY-MM-DD, ...) [default: open-ended]
    #[arg(long, value_parser = parse_day, value_name = "DATE", allow_hyphen_values = true, conflicts_with = "hold_stage")]
    pub until: Option<Day>,
    /// Who made it (name and role: "Dr Lee, PT") [default: you]
    #[arg(long, value_name = "TEXT", value_hint = ValueHint::Other)]
    pub by: Option<String>,
    /// Why, in a few words
    #[arg(long, value_name = "TEXT", value_hint = ValueHint::Other)]
    pub reason: Option<String>,
    /// List the adjustments, numbered (also with no flags)
    #[arg(long, conflicts_with_all = ["lift", "max_pct", "swap", "hold_stage", "days", "gate", "until", "by", "reason", "remove"])]
    pub list: bool,
    /// Remove adjustment N (its number in the list)
    #[arg(long, value_name = "N", conflicts_with_all = ["lift", "max_pct", "swap", "hold_stage", "days", "gate", "until", "by", "reason"])]
    pub remove: Option<usize>,
}

// `graded screen`. Its examples list every red flag's id and question: formatted when the
// command is made (only when it runs or its help is shown), not on every start.
#[derive(Debug, Args)]
#[command(after_help = screen_help())]
pub struct ScreenArgs {
    /// A red flag answered yes (repeatable): one of the ids below
    #[arg(long = "red-flag", value_name = "ID", value_parser = RedFlagParser)]
    pub red_flags: Vec<graded::model::Symptom>,
    /// None of the red flags apply
    #[arg(long, conflicts_with = "red_flags")]
    pub no_red_flags: bool,
    /// Date of the screen: YYYY-MM-DD, yesterday, mon, -3 ... [default: today]
    #[arg(long, value_parser = parse_day, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<Day>,
}

// `graded share`.
#[derive(Debug, Args)]
#[command(after_help = "Example:
  graded share -o for-my-physio")]
pub struct ShareArgs {
    /// The directory to write into (created if missing)
    #[arg(short, long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub output: PathBuf,
    /// CSV without the byte-order mark (by default the shared CSVs carry one so Excel reads UTF-8)
    #[arg(long)]
    pub no_bom: bool,
}

// `graded report`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  graded report                   writes report.html
  graded report -o - > out.html
  graded report --all             every row in the decisions table")]
pub struct ReportArgs {
    /// Write to FILE (`-` for standard output)
    #[arg(short, long, value_name = "FILE", default_value = "report.html", value_hint = ValueHint::FilePath)]
    pub output: PathBuf,
    /// Every decision and the whole course in the charts (by default the last 8 weeks of
    /// decisions and 26 weeks of charts; the stage timeline always shows the whole course)
    #[arg(long)]
    pub all: bool,
}

// `graded handout`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  graded handout                      writes handout.html: this week's exercises
  graded handout --stage strength     one stage's
  graded handout -o - > sheet.html")]
pub struct HandoutArgs {
    /// Write to FILE (`-` for standard output)
    #[arg(short, long, value_name = "FILE", default_value = "handout.html", value_hint = ValueHint::FilePath)]
    pub output: PathBuf,
    /// The stage to show (its id, as `graded programs show` lists) [default: the coming week's]
    #[arg(long, value_name = "ID")]
    pub stage: Option<String>,
}

/// Formats of `graded export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// An HL7 FHIR R4 transaction Bundle: Patient, Condition, CarePlan, Observations
    Fhir,
}

// `graded export`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  graded export --format fhir -o bundle.fhir.json
  graded export --format fhir --all -o everything.fhir.json
  graded export --format fhir | python3 -m json.tool | less")]
pub struct ExportArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum, ignore_case = true)]
    pub format: ExportFormat,
    /// Write to FILE instead of standard output (`-` is standard output)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Every row since the start (by default the rows of the last 26 weeks, and every row
    /// since a stop still in force; the plan, its stages and stops are always in)
    #[arg(long)]
    pub all: bool,
}

// `graded sync`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  graded sync --setup                                  asks (on a terminal) for what it needs
  graded sync --setup --url https://caldav.fastmail.com/dav/ --username me@fastmail.com --password-cmd 'pass show fastmail'
  graded sync --setup --url https://caldav.icloud.com --username me@icloud.com --calendar Rehab --password-cmd 'pass show icloud'
  graded sync --dry-run           what a sync would do, nothing sent
  graded sync                     creates, updates and cancels the plan's events")]
pub struct SyncArgs {
    /// Write sync.toml (calendar URL, user name, password command) and stop
    #[arg(long)]
    pub setup: bool,
    /// With --setup: the calendar's URL, or the server's (https://caldav.icloud.com): its
    /// calendars are then found, one picked on a terminal
    #[arg(long, value_name = "URL", requires = "setup")]
    pub url: Option<String>,
    /// With --setup and a server URL: the calendar to use, by name or URL [default: the one
    /// named graded, created when there is none]
    #[arg(long, value_name = "NAME", requires = "setup")]
    pub calendar: Option<String>,
    /// With --setup: the account's user name
    #[arg(long, value_name = "NAME", requires = "setup")]
    pub username: Option<String>,
    /// With --setup: a command printing the password, run on every sync [default: the
    /// GRADED_CALDAV_PASSWORD environment variable]
    #[arg(long, value_name = "COMMAND", requires = "setup")]
    pub password_cmd: Option<String>,
    /// Show what a sync would do; send nothing
    #[arg(long, conflicts_with = "setup")]
    pub dry_run: bool,
    /// Overwrite events edited on the server since graded wrote them
    #[arg(long, conflicts_with = "setup")]
    pub force: bool,
    /// Allow plain http:// to another machine (the password crosses unencrypted)
    #[arg(long)]
    pub insecure_http: bool,
    /// Print nothing when nothing changed on either side (for cron or a systemd user timer);
    /// faults still go to standard error with exit 1
    #[arg(long, conflicts_with = "setup")]
    pub quiet: bool,
    /// Take back the move of the session planned on this day (YYYY-MM-DD), taken from the
    /// calendar: kept in moves.csv, struck out; the next sync puts the session back
    #[arg(long, value_name = "DAY", conflicts_with_all = ["setup", "dry_run", "force"])]
    pub undo_move: Option<chrono::NaiveDate>,
    /// Calendar reminder, minutes before each session
    #[arg(long, value_name = "MIN", default_value_t = 30, value_parser = clap::value_parser!(u32).range(0..=10080))]
    pub alarm: u32,
    /// No calendar reminder
    #[arg(long)]
    pub no_alarm: bool,
}

// `graded completions`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  graded completions bash > ~/.local/share/bash-completion/completions/graded
  graded completions zsh > ~/.zfunc/_graded
  graded completions fish > ~/.config/fish/completions/graded.fish")]
pub struct CompletionsArgs {
    /// The shell
    #[arg(ignore_case = true)]
    pub shell: clap_complete::Shell,
}

// `graded man`: no arguments of its own.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  graded man > graded.1 && man ./graded.1
  graded man | man -l -
  graded man > ~/.local/share/man/man1/graded.1")]
pub struct ManArgs {}

// `graded sources`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  graded sources
  graded sources PMM")]
pub struct SourcesArgs {
    /// A source key: PMM, pmm or [PMM] [default: list every key]
    #[arg(value_name = "KEY")]
    pub key: Option<String>,
}

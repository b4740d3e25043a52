//! All clap definitions, nothing else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// graded: a pain-gated, graded return to lifting after a mild back strain.
///
/// General guidance, not a diagnosis.
#[derive(Debug, Parser)]
#[command(name = "graded", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Workspace directory holding profile.toml and log.csv [default: the platform data directory]
    #[arg(long, global = true, env = "GRADED_DIR", value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Use the built-in example profile and an empty log; nothing is written to disk
    #[arg(long, global = true)]
    pub example: bool,

    /// Replace today's date everywhere (YYYY-MM-DD), for reproducible output
    #[arg(long, global = true, env = "GRADED_TODAY", value_name = "DATE", value_parser = parse_date)]
    pub today: Option<chrono::NaiveDate>,

    /// Program: a built-in id (mid-back-strain) or a TOML file; overrides the profile's
    #[arg(long, global = true, value_name = "ID|FILE")]
    pub program: Option<String>,

    /// Seconds to wait for another graded to finish with the workspace before giving up
    #[arg(long, global = true, env = "GRADED_LOCK_WAIT", value_name = "SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub lock_wait: u64,

    /// The command
    #[command(subcommand)]
    pub command: Command,
}

pub use crate::load::date::parse_date;

/// Parses a red-flag id (`--red-flag`, `--symptom`).
pub fn parse_red_flag(s: &str) -> Result<crate::model::Symptom, String> {
    crate::model::red_flag::check(s.trim())
}

/// Checks one `--rpe`: the session's effort (`7`) or a lift's in half points (`squat=7.5`).
pub fn parse_rpe(s: &str) -> Result<String, String> {
    crate::load::session_log::parse_rpe(s.trim()).map(|_| s.trim().to_lowercase())
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write profile.toml: the intake (asks on a terminal for what the flags leave out)
    Init(InitArgs),
    /// The whole plan, week by week (or as CSV, iCalendar, JSON, Markdown)
    Plan(PlanArgs),
    /// One week in detail
    Week(WeekArgs),
    /// List, show or validate programs
    #[command(subcommand)]
    Programs(ProgramsCommand),
    /// Log a session, or the next-morning pain of the last one
    Log(LogArgs),
    /// Where you stand: stage, step, latest decision and why, the next session
    Status(StatusArgs),
    /// Every logged session with its outcome, decision and reason
    History(HistoryArgs),
    /// Record a clinician's clearance after a stop
    Resume(ResumeArgs),
    /// Repeat the red-flag screen
    Screen(ScreenArgs),
    /// Write plan.csv, history.csv, plan.ics, plan.json, report.html and bundle.fhir.json into a directory
    Share(ShareArgs),
    /// A one-page HTML progress report for a physical therapist
    Report(ReportArgs),
    /// The course for a clinic's record system: an HL7 FHIR R4 Bundle (JSON)
    Export(ExportArgs),
    /// The evidence behind the rules: every source key, or one key's reference and uses
    Sources(SourcesArgs),
    /// Print shell completions
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
}

/// `graded init`.
#[derive(Debug, Args, Default)]
pub struct InitArgs {
    /// First day of the program
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub start: Option<chrono::NaiveDate>,
    /// Day of the injury
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub injury_date: Option<chrono::NaiveDate>,
    /// Pain at rest now, 0-10
    #[arg(long, value_name = "N")]
    pub rest_pain: Option<crate::model::Pain>,
    /// Training days, comma-separated (mon,wed,fri,sat)
    #[arg(long, value_delimiter = ',', value_name = "DAYS")]
    pub days: Option<Vec<String>>,
    /// Session start time, 24-hour HH:MM
    #[arg(long, value_name = "HH:MM")]
    pub time: Option<String>,
    /// IANA time zone (America/New_York)
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Units: lb or kg
    #[arg(long, value_name = "UNITS")]
    pub units: Option<String>,
    /// Session length in minutes
    #[arg(long, value_name = "MIN")]
    pub minutes: Option<u32>,
    /// A pre-injury lift: NAME=WEIGHT or NAME=WEIGHTxREPS (repeatable)
    #[arg(long = "lift", value_name = "NAME=WEIGHT")]
    pub lifts: Vec<String>,
    /// A red flag answered yes (repeatable; ids from `graded screen --help`)
    #[arg(long = "red-flag", value_name = "ID", value_parser = parse_red_flag)]
    pub red_flags: Vec<crate::model::Symptom>,
    /// None of the red flags apply
    #[arg(long, conflicts_with = "red_flags")]
    pub no_red_flags: bool,
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
    /// CSV for a physical therapist or a spreadsheet
    Csv,
    /// iCalendar events for calendar apps
    Ics,
    /// JSON
    Json,
    /// A Markdown message
    Markdown,
}

/// Options shared by the exports.
#[derive(Debug, Args, Clone, Default)]
pub struct OutputArgs {
    /// Write to FILE instead of standard output (`-` is standard output)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// CSV: start with a byte-order mark so Excel reads UTF-8
    #[arg(long)]
    pub excel: bool,
}

/// `graded plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t)]
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

/// `graded week`.
#[derive(Debug, Args)]
pub struct WeekArgs {
    /// A date in the week [default: today]
    #[arg(value_parser = parse_date, value_name = "DATE")]
    pub date: Option<chrono::NaiveDate>,
}

/// `graded programs`.
#[derive(Debug, Subcommand)]
pub enum ProgramsCommand {
    /// The built-in programs
    List,
    /// A program's stages, steps and doses
    Show {
        /// Program id or file
        id: String,
    },
    /// Check a program file
    Validate {
        /// The files
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// `graded log`.
#[derive(Debug, Args, Default)]
pub struct LogArgs {
    /// Date of the session [default: today]
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub date: Option<chrono::NaiveDate>,
    /// Worst pain during the session, 0-10
    #[arg(long, value_name = "N")]
    pub pain_during: Option<crate::model::Pain>,
    /// Pain right after, 0-10
    #[arg(long, value_name = "N")]
    pub pain_after: Option<crate::model::Pain>,
    /// Effort, RPE 0-10: the session's (7), or one lift's in half points (squat=7.5); repeatable
    #[arg(long, value_parser = parse_rpe, value_name = "N|LIFT=N")]
    pub rpe: Vec<String>,
    /// The session was skipped
    #[arg(long, conflicts_with = "partial")]
    pub skipped: bool,
    /// Only part of the session was done
    #[arg(long)]
    pub partial: bool,
    /// A red-flag symptom (repeatable)
    #[arg(long = "symptom", value_name = "ID", value_parser = parse_red_flag)]
    pub symptoms: Vec<crate::model::Symptom>,
    /// A note
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Add next-morning pain (0-10) to the session of the day before --date (default: the latest missing it)
    #[arg(long, value_name = "N", conflicts_with_all = ["pain_during", "pain_after", "rpe", "skipped", "partial"])]
    pub next_morning: Option<crate::model::Pain>,
    /// Morning stiffness in minutes (with --next-morning)
    #[arg(long, value_name = "M", requires = "next_morning")]
    pub stiffness_min: Option<u32>,
    /// Allow a second session on one date, or a date in the future
    #[arg(long)]
    pub force: bool,
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

/// `graded status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: StatusFormat,
}

/// History formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum HistoryFormat {
    /// A table
    #[default]
    Table,
    /// CSV
    Csv,
    /// JSON
    Json,
}

/// `graded history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: HistoryFormat,
    /// The table shows every row (by default the last 8 weeks; CSV and JSON hold every row)
    #[arg(long)]
    pub all: bool,
    /// Output options
    #[command(flatten)]
    pub out: OutputArgs,
}

/// `graded resume`.
#[derive(Debug, Args)]
pub struct ResumeArgs {
    /// Who cleared you (name and role, e.g. "Dr Lee, GP")
    #[arg(long, value_name = "TEXT")]
    pub cleared_by: String,
    /// Date of the clearance [default: today]
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub date: Option<chrono::NaiveDate>,
}

/// `graded screen`.
#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// A red flag answered yes (repeatable)
    #[arg(long = "red-flag", value_name = "ID", value_parser = parse_red_flag)]
    pub red_flags: Vec<crate::model::Symptom>,
    /// None of the red flags apply
    #[arg(long, conflicts_with = "red_flags")]
    pub no_red_flags: bool,
    /// Date of the screen [default: today]
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub date: Option<chrono::NaiveDate>,
}

/// `graded share`.
#[derive(Debug, Args)]
pub struct ShareArgs {
    /// The directory to write into (created if missing)
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// CSV without the byte-order mark (by default the shared CSVs carry one so Excel reads UTF-8)
    #[arg(long)]
    pub no_bom: bool,
}

/// `graded report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Write to FILE (`-` for standard output)
    #[arg(short, long, value_name = "FILE", default_value = "report.html")]
    pub output: PathBuf,
    /// Every decision and the whole course in the charts (by default the last 8 weeks of
    /// decisions and 26 weeks of charts; the stage timeline always shows the whole course)
    #[arg(long)]
    pub all: bool,
}

/// Formats of `graded export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// An HL7 FHIR R4 transaction Bundle: Patient, Condition, CarePlan, Observations
    Fhir,
}

/// `graded export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum)]
    pub format: ExportFormat,
    /// Write to FILE instead of standard output (`-` is standard output)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `graded sources`.
#[derive(Debug, Args)]
pub struct SourcesArgs {
    /// A source key: PMM, pmm or [PMM] [default: list every key]
    #[arg(value_name = "KEY")]
    pub key: Option<String>,
}

//! One file per subcommand: load -> engine -> export. `Ctx` resolves the workspace and today.

/// `print!` through [`crate::cmd::output::write_output`]: a closed pipe (`graded log | head`) ends
/// quietly instead of panicking.
macro_rules! out {
    ($($t:tt)*) => {
        $crate::cmd::output::write_output(None, format!($($t)*).as_bytes())?
    };
}

/// `println!` through [`crate::cmd::output::write_output`].
macro_rules! outln {
    ($($t:tt)*) => {
        $crate::cmd::output::write_output(None, (format!($($t)*) + "\n").as_bytes())?
    };
}

/// `eprintln!` that never panics: with standard error closed the words are lost, the exit code
/// is not.
macro_rules! errln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}

pub mod adjust;
pub mod ask;
pub mod correct;
pub mod exercises;
pub mod export;
pub mod handout;
pub mod history;
pub mod init;
pub mod log;
pub mod man;
pub mod note;
pub mod output;
pub mod plan;
pub mod programs;
pub mod report;
pub mod resume;
pub mod screen;
pub mod share;
pub mod sources;
pub mod status;
pub mod sync;
mod sync_logs;
pub mod week;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::NaiveDate;

use crate::cli::{Cli, Command};
use graded::engine::Course;
use graded::engine::calendar::CalendarState;
use graded::export::Document;
use graded::export::table::Style;
use graded::load::date::{LOG_AHEAD_DAYS, latest_loggable};
use graded::load::workspace::{LOG, Lock, PROFILE, lock, read_optional};
use graded::load::{LoadError, profile as load_profile, program as load_program, session_log};
use graded::model::{Profile, Program, SessionLog};

/// A usage error (a wrong or missing flag or value): exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Usage(pub String);

/// Exit code: the program is stopped or a red flag needs care (a result, not an error).
pub const EXIT_STOPPED: u8 = 3;

/// Tells the person that `recorded` red flags stopped the program, with the advice of the
/// strongest triage in force ([`graded::export::answer::stopped_by`]). Exit code 3.
pub fn stopped_by(
    ctx: &Ctx,
    loaded: &Loaded,
    recorded: &[graded::model::Symptom],
    date: NaiveDate,
) -> anyhow::Result<ExitCode> {
    let course = loaded.course(ctx.today, Some(1));
    out!(
        "{}",
        graded::export::answer::stopped_by(&course, recorded, date)
    );
    Ok(ExitCode::from(EXIT_STOPPED))
}

/// Past weeks the plan's tables, Markdown and calendar show unless `--all`.
pub const PLAN_WEEKS_BACK: i64 = 4;

/// Weeks of rows the history table shows unless `--all`.
pub const HISTORY_WEEKS: i64 = 8;

/// The Monday `weeks` weeks before the week of `today`: where the views of a long course start
/// unless `--all` (a terminal full of years of rows helps no one).
pub fn recent(today: NaiveDate, weeks: i64) -> NaiveDate {
    graded::model::plan::week_start(today) - chrono::Duration::weeks(weeks)
}

/// What every command needs: where the workspace is and what day it is.
pub struct Ctx {
    /// Workspace directory (`None` with `--example`).
    pub dir: Option<PathBuf>,
    /// `--example`.
    pub example: bool,
    /// Today (`--today` or the clock).
    pub today: NaiveDate,
    /// `--program`.
    pub program: Option<String>,
    /// Terminal styling.
    pub style: Style,
    /// Standard input is a terminal (prompts allowed).
    pub interactive: bool,
    /// How long to wait for the workspace lock.
    pub lock_wait: std::time::Duration,
    /// `--dir` as given on the command line (not from `GRADED_DIR`): the hints that name a
    /// next command repeat it, so they reach the same workspace.
    pub dir_flag: Option<PathBuf>,
    /// The workspace `-o` may not write into, `--example` or not (the one `--dir`, `GRADED_DIR`
    /// or the data directory names).
    pub guarded: Option<PathBuf>,
    /// The profile as read to find today (its text, what it parses to): loading reuses it while
    /// the file reads the same, so a command parses the profile once.
    pub read_profile: Option<(String, Profile)>,
}

impl Ctx {
    /// `graded` and the `--dir` this run was given, to start a hint with (`graded --dir D`).
    pub fn graded(&self) -> String {
        match &self.dir_flag {
            Some(d) => format!("graded --dir {}", shell_word(&d.display().to_string())),
            None => "graded".to_string(),
        }
    }
}

/// `s` as one shell word: as it is when plain, else in single quotes.
pub fn shell_word(s: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c);
    if !s.is_empty() && s.chars().all(plain) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// The file that remembers what was exported to calendars.
pub const CALENDAR_STATE: &str = "calendar.json";

/// Everything loaded for a workspace.
pub struct Loaded {
    /// The profile.
    pub profile: Profile,
    /// The program.
    pub program: Program,
    /// The log.
    pub log: SessionLog,
    /// The log file's text as read (empty when there is none): writes splice into exactly this.
    pub log_text: String,
}

/// A change to the log made under the workspace lock, its new text worked out, not yet
/// written ([`Ctx::edit_log`]).
struct Edit {
    /// The workspace lock, held until the edit is dropped.
    lock: Lock,
    /// The log file.
    path: PathBuf,
    /// The log's new text and where its written rows stand.
    update: session_log::Update,
    /// What was loaded, with the changed log and its new text.
    loaded: Loaded,
}

impl Edit {
    /// Writes the log's new text and reads back every row written.
    fn write(&self) -> Result<(), LoadError> {
        let start = self.loaded.profile.start;
        session_log::write(
            &self.lock,
            &self.path,
            &self.update,
            &self.loaded.log,
            start,
        )
    }
}

impl Loaded {
    /// The course of this log as of `today`: the single pass every view renders (a command
    /// that has just written a row reads its verdict here too).
    /// Without the first day's projection, which only the report shows ([`Built::with_first_day`]).
    pub fn course(&self, today: NaiveDate, weeks: Option<u32>) -> graded::engine::Course {
        graded::engine::course::course_today(&self.program, &self.profile, &self.log, today, weeks)
    }
}

/// The plan and the replay, built once.
pub struct Built {
    /// Loaded data.
    pub data: Loaded,
    /// The course, computed once.
    pub course: Course,
}

impl Built {
    /// With the plan as projected on the first day, for the report.
    pub fn with_first_day(mut self) -> Built {
        self.course = self
            .course
            .with_first_day(&self.data.program, &self.data.profile);
        self
    }

    /// The exporters' view.
    pub fn doc(&self) -> Document<'_> {
        Document {
            course: &self.course,
            program: &self.data.program,
            profile: &self.data.profile,
        }
    }
}

/// The platform data directory (`~/.local/share/graded` on Linux).
fn default_dir() -> anyhow::Result<PathBuf> {
    directories::ProjectDirs::from("", "", "graded")
        .map(|d| d.data_dir().to_path_buf())
        .context("no home directory found: pass --dir DIR or set GRADED_DIR")
}

impl Ctx {
    /// The workspace directory; an error with `--example` (nothing is written).
    pub fn workspace(&self) -> anyhow::Result<&Path> {
        match &self.dir {
            Some(d) => Ok(d),
            None => anyhow::bail!(
                "--example writes nothing to disk; drop --example to use your workspace"
            ),
        }
    }

    /// `path` (an `-o`), checked: never one of the workspace's own files
    /// ([`output::refuse_workspace_file`]).
    pub fn out<'a>(&self, path: Option<&'a Path>) -> Result<Option<&'a Path>, Usage> {
        let (Some(p), Some(ws)) = (path, &self.guarded) else {
            return Ok(path);
        };
        // The program file the profile names, when it is a file (read as the loader reads it).
        let program = read_optional(&ws.join(PROFILE))
            .ok()
            .flatten()
            .and_then(|t| t.parse::<toml::Table>().ok())
            .and_then(|t| t.get("program")?.as_str().map(str::to_string))
            .filter(|p| p.ends_with(".toml") || p.contains(['/', '\\']))
            .map(|p| ws.join(p));
        output::refuse_workspace_file(p, ws, program.as_deref())?;
        Ok(path)
    }

    /// Takes the workspace lock (waiting up to `--lock-wait`): every write to the workspace
    /// goes through it.
    pub fn lock(&self) -> anyhow::Result<Lock> {
        Ok(lock(self.workspace()?, self.lock_wait)?)
    }

    /// The date a command-line day names (today when none is given); a relative day that
    /// falls outside the window is a usage error.
    pub fn day(&self, d: Option<graded::load::date::Day>) -> Result<NaiveDate, Usage> {
        d.map_or(Ok(self.today), |d| d.resolve(self.today).map_err(Usage))
    }

    /// Loads a program: a built-in id, or a file path (relative to `base` when given).
    pub fn load_program(&self, spec: &str, base: Option<&Path>) -> anyhow::Result<Program> {
        Ok(load_program::from_spec(spec, base)?)
    }

    /// Loads the profile, its program (or `--program`) and the log.
    pub fn load(&self) -> anyhow::Result<Loaded> {
        if self.example {
            let profile = Profile::example();
            let spec = self
                .program
                .clone()
                .unwrap_or_else(|| profile.program.clone());
            let program = self.load_program(&spec, None)?;
            check_lifts(&program, &profile, "the example profile")?;
            return Ok(Loaded {
                profile,
                program,
                log: SessionLog::default(),
                log_text: String::new(),
            });
        }
        let dir = self.workspace()?;
        let ppath = dir.join(PROFILE);
        let text = read_optional(&ppath)?.ok_or_else(|| LoadError::NoProfile {
            dir: dir.to_path_buf(),
        })?;
        let profile = match &self.read_profile {
            Some((read, profile)) if *read == text => profile.clone(),
            _ => load_profile::parse(&ppath.display().to_string(), &text)?,
        };
        // `--program` is relative to where graded runs; the profile's, to the workspace.
        let program = match &self.program {
            Some(spec) => self.load_program(spec, None)?,
            None => self
                .load_program(&profile.program, Some(dir))
                .with_context(|| {
                    format!(
                        "loading the program `{}` named in {}",
                        profile.program,
                        ppath.display()
                    )
                })?,
        };
        check_lifts(&program, &profile, &ppath.display().to_string())?;
        load_profile::check_adjust(&ppath.display().to_string(), &text, &profile, &program)?;
        let lpath = dir.join(LOG);
        let log_text = read_optional(&lpath)?.unwrap_or_default();
        let log = if log_text.is_empty() {
            SessionLog::default()
        } else {
            let path = lpath.display().to_string();
            let log = session_log::parse(&path, &log_text, profile.start)?;
            session_log::check_corrections(&path, &log, self.today)?;
            log
        };
        let mut log = log;
        log.moves = graded::load::session_move::read(dir)?;
        Ok(Loaded {
            profile,
            program,
            log,
            log_text,
        })
    }

    /// Loads the log under the lock, lets `change` edit it, writes it back atomically.
    /// A log that does not read is never written.
    pub fn edit_log<T>(
        &self,
        change: impl FnOnce(&mut SessionLog, &Loaded) -> anyhow::Result<T>,
    ) -> anyhow::Result<(T, Loaded)> {
        let (out, edit) = self.edited(change)?;
        edit.write()?;
        Ok((out, edit.loaded))
    }

    /// [`edit_log`](Self::edit_log), with `meanwhile` run on the changed log (and what `change`
    /// returned) while another thread writes the file, syncs it to disk and reads its rows
    /// back: `graded log` works out its answer in the time the disk takes. What `meanwhile`
    /// made is handed back only once the rows are on disk; a failed write returns the error,
    /// and what it made is dropped unseen.
    pub fn edit_log_then<T, R>(
        &self,
        change: impl FnOnce(&mut SessionLog, &Loaded) -> anyhow::Result<T>,
        meanwhile: impl FnOnce(&T, &Loaded) -> R,
    ) -> anyhow::Result<(T, R, Loaded)> {
        let (out, edit) = self.edited(change)?;
        let made = std::thread::scope(|s| {
            let writer = std::thread::Builder::new().spawn_scoped(s, || edit.write());
            let made = meanwhile(&out, &edit.loaded);
            let written = match writer {
                Ok(writer) => writer
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread to be had: written here, after.
                Err(_) => edit.write(),
            };
            written.map(|()| made)
        })?;
        Ok((out, made, edit.loaded))
    }

    /// Takes the lock, loads, lets `change` edit a copy of the log and works out the log's new
    /// text: the edit, ready to write (a change the loader would refuse is refused here).
    fn edited<T>(
        &self,
        change: impl FnOnce(&mut SessionLog, &Loaded) -> anyhow::Result<T>,
    ) -> anyhow::Result<(T, Edit)> {
        let dir = self.workspace()?.to_path_buf();
        if !dir.join(PROFILE).exists() {
            return Err(LoadError::NoProfile { dir }.into());
        }
        let lock = self.lock()?;
        let mut loaded = self.load()?;
        // A change adds a row or a few, never removes one: the copy has room for them, so
        // adding today's row does not move a year of rows to grow.
        let mut log = SessionLog {
            entries: Vec::with_capacity(loaded.log.entries.len() + 8),
            moves: loaded.log.moves.clone(),
        };
        log.entries.extend_from_slice(&loaded.log.entries);
        let out = change(&mut log, &loaded)?;
        // Rows the loader would refuse are never written (it keeps the log readable).
        if let Some(e) = log.entries.iter().find(|e| e.date < loaded.profile.start) {
            return Err(Usage(format!(
                "{} is before the program start {}: nothing is logged before it",
                e.date, loaded.profile.start
            ))
            .into());
        }
        let latest = latest_loggable(self.today);
        // Rows added (not read from the file) may not be dated far ahead.
        if let Some(e) = log
            .entries
            .iter()
            .filter(|e| e.line == 0)
            .find(|e| e.date > latest)
        {
            return Err(Usage(format!(
                "{} is more than {LOG_AHEAD_DAYS} day after today ({}): nothing is logged that far ahead, --force or not",
                e.date, self.today
            ))
            .into());
        }
        // Splice into exactly the text that was parsed (read once, under the lock).
        let update = session_log::update_text(&loaded.log_text, &loaded.log, &log)
            .map_err(LoadError::Data)?;
        loaded.log_text.clone_from(&update.text);
        loaded.log = log;
        let path = dir.join(LOG);
        Ok((
            out,
            Edit {
                lock,
                path,
                update,
                loaded,
            },
        ))
    }

    /// Loads and plans.
    pub fn build(&self, weeks: Option<u32>) -> anyhow::Result<Built> {
        let data = self.load()?;
        let course = data.course(self.today, weeks);
        Ok(Built { data, course })
    }

    /// Loads and plans, with the calendar diff on top of `previous` from `from` on, computed
    /// once with the course ([`Course::with_calendar`]).
    pub fn build_with_calendar(
        &self,
        weeks: Option<u32>,
        previous: &CalendarState,
        from: Option<NaiveDate>,
        talks_back: bool,
    ) -> anyhow::Result<Built> {
        let data = self.load()?;
        let course =
            data.course(self.today, weeks)
                .with_calendar(previous, &data.profile, from, talks_back);
        Ok(Built { data, course })
    }

    /// Reads the calendar export state of the workspace (empty for `--example`).
    pub fn calendar_state(&self) -> anyhow::Result<CalendarState> {
        let Some(dir) = self.dir.as_deref().filter(|_| !self.example) else {
            return Ok(CalendarState::default());
        };
        let path = dir.join(CALENDAR_STATE);
        match read_optional(&path)? {
            None => Ok(CalendarState::default()),
            Some(t) => serde_json::from_str(&t).map_err(|e| {
                graded::load::DataError::new(path.display().to_string(), "", format!("unreadable calendar state: {e}"))
                    .line(e.line())
                    .hint("delete the file to start calendar numbering afresh (re-imports may then duplicate events)")
                    .into()
            }),
        }
    }

    /// Saves the calendar state after an export (not for `--example`), under the workspace lock.
    pub fn save_calendar_state(&self, state: &CalendarState) -> anyhow::Result<()> {
        if let Some(dir) = self.dir.as_deref().filter(|_| !self.example) {
            self.lock()?.write(
                &dir.join(CALENDAR_STATE),
                &serde_json::to_vec_pretty(state)?,
            )?;
        }
        Ok(())
    }
}

/// Every non-optional lift the program scales from must be in the profile.
fn check_lifts(program: &Program, profile: &Profile, path: &str) -> anyhow::Result<()> {
    for lift in load_program::required_lifts(program) {
        if profile.lift(&lift).is_none() {
            return Err(graded::load::DataError::new(path, "lifts", format!("program `{}` scales loads from a pre-injury `{lift}`, which the profile lacks", program.id))
                .hint(format!("add it: graded init --force ... --lift {lift}=WEIGHT, or a [[lifts]] entry with name = \"{lift}\""))
                .into());
        }
    }
    Ok(())
}

/// Runs a parsed command line.
/// Today in the person's time zone (the profile's, else the machine's): a session logged late in
/// the evening in New York belongs to that day even on a machine set to UTC. With the profile
/// read (its text and what it parses to), for [`Ctx::load`] to reuse.
fn today_at(
    now: chrono::DateTime<chrono::Utc>,
    dir: Option<&Path>,
    example: bool,
) -> (NaiveDate, Option<(String, Profile)>) {
    let read = if example {
        None
    } else {
        dir.and_then(|d| {
            let path = d.join(PROFILE);
            let text = read_optional(&path).ok()??;
            load_profile::parse(&path.display().to_string(), &text)
                .ok()
                .map(|p| (text, p))
        })
    };
    let tz = if example {
        Some(Profile::example().timezone)
    } else {
        read.as_ref().map(|(_, p)| p.timezone.clone())
    };
    let today = match tz {
        Some(tz) => now.with_timezone(&tz).date_naive(),
        None => now.with_timezone(&chrono::Local).date_naive(),
    };
    (today, read)
}

/// Runs a parsed command line at the instant `now` (`--today` replaces the date everywhere).
pub fn run(cli: Cli, now: chrono::DateTime<chrono::Utc>) -> anyhow::Result<ExitCode> {
    let guarded = cli.globals.dir.clone().or_else(|| default_dir().ok());
    let dir = if cli.globals.example {
        None
    } else {
        Some(match cli.globals.dir.clone() {
            Some(d) => d,
            None => default_dir()?,
        })
    };
    let columns = output::columns(output::Stream::Stdout);
    let width = columns.map_or(80, |w| w.clamp(40, 400) as u16);
    let color = match cli.globals.color {
        crate::cli::ColorChoice::Always => true,
        crate::cli::ColorChoice::Never => false,
        crate::cli::ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    // A relative `--today` (yesterday, -3) counts from the clock's today.
    let (clock_today, read_profile) = today_at(now, dir.as_deref(), cli.globals.example);
    let today = match cli.globals.today {
        Some(d) => d
            .resolve(clock_today)
            .map_err(|e| Usage(format!("--today: {e}")))?,
        None => clock_today,
    };
    // The tables' colours obey NO_COLOR on their own; `--color always` overrides it.
    crossterm::style::force_color_output(color);
    let ctx = Ctx {
        dir: dir.clone(),
        example: cli.globals.example,
        today,
        program: cli.globals.program,
        style: Style {
            color,
            width,
            terminal: columns.is_some(),
        },
        interactive: std::io::stdin().is_terminal() && std::io::stderr().is_terminal(),
        lock_wait: std::time::Duration::from_secs(cli.globals.lock_wait),
        dir_flag: cli.globals.dir.clone().filter(|d| {
            std::env::var_os("GRADED_DIR").is_none_or(|e| Path::new(&e) != d.as_path())
        }),
        guarded,
        read_profile,
    };
    match cli.command {
        Command::Programs(a) => programs::run(&ctx, a),
        Command::Sources(a) => sources::run(a.0),
        Command::Man(_) => man::run(),
        Command::Init(a) => init::run(&ctx, a.0),
        Command::Plan(a) => plan::run(&ctx, a.0),
        Command::Week(a) => week::run(&ctx, a.0),
        Command::Log(a) => log::run(&ctx, a.0),
        Command::Status(a) => status::run(&ctx, a.0),
        Command::History(a) => history::run(&ctx, a.0),
        Command::Resume(a) => resume::run(&ctx, a.0),
        Command::Note(a) => note::run(&ctx, a.0),
        Command::Screen(a) => screen::run(&ctx, a.0),
        Command::Adjust(a) => adjust::run(&ctx, a.0),
        Command::Share(a) => share::run(&ctx, a.0),
        Command::Report(a) => report::run(&ctx, a.0),
        Command::Handout(a) => handout::run(&ctx, a.0),
        Command::Export(a) => export::run(&ctx, a.0),
        Command::Sync(a) => sync::run(&ctx, a.0),
        Command::Exercises(a) => exercises::run(&ctx, a.0),
        Command::Completions(a) => {
            let shell = a.0.shell;
            crate::cli::COMPLETIONS.store(true, std::sync::atomic::Ordering::Relaxed);
            let mut cmd = crate::cli::command();
            // Written like every other output: a reader that closes early is not an error.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "graded", &mut script);
            output::write_output(None, &script)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

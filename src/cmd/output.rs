//! Where a command's bytes go: a file (written atomically) or standard output; a closed pipe
//! (`graded plan | head`) ends quietly.

use anyhow::Context as _;
use std::io::Write;
use std::path::Path;

use super::Usage;
use graded::load::workspace::write_atomic;

/// Where an output goes.
enum Target {
    /// Standard output (`-`, `/dev/stdout`).
    Stdout,
    /// A stream opened and written as it is, never replaced: a FIFO, a terminal, `/dev/null`,
    /// anything under `/dev` or `/proc` (and a symbolic link to one of those).
    Stream,
    /// A regular file (or one not there yet), written atomically.
    File,
}

fn target(p: &Path) -> anyhow::Result<Target> {
    if ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]
        .iter()
        .any(|s| p.as_os_str() == *s)
    {
        return Ok(Target::Stdout);
    }
    if p.starts_with("/dev") || p.starts_with("/proc") {
        return Ok(Target::Stream);
    }
    match std::fs::metadata(p) {
        Ok(m) if m.is_dir() => anyhow::bail!(
            "{} is a directory; give a file name, e.g. {}",
            p.display(),
            p.join("plan.csv").display()
        ),
        #[cfg(unix)]
        Ok(m)
            if {
                use std::os::unix::fs::FileTypeExt;
                m.file_type().is_fifo() || m.file_type().is_char_device()
            } =>
        {
            Ok(Target::Stream)
        }
        // Block devices, sockets and dangling links are refused where files are written.
        _ => {
            if let Some(parent) = p.parent().filter(|d| !d.as_os_str().is_empty())
                && !parent.is_dir()
            {
                anyhow::bail!(
                    "{}: the directory {} does not exist",
                    p.display(),
                    parent.display()
                );
            }
            Ok(Target::File)
        }
    }
}

/// Where a path leads once links and `..` are followed: the file itself when it exists, else its
/// directory's real path with its name (`None` when neither can be found).
fn resolved(p: &Path) -> Option<std::path::PathBuf> {
    if let Ok(real) = std::fs::canonicalize(p) {
        return Some(real);
    }
    let parent = p
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(std::fs::canonicalize(parent).ok()?.join(p.file_name()?))
}

/// Refuses an output path that leads (directly, through a link, or through `..`) onto one of
/// the workspace's own files: the profile, the log, the program file the profile names, the
/// calendar and sync records, the lock, or a temporary file of theirs. `-o` writes exports; it
/// never replaces what graded keeps (a usage error, exit 2, naming the file).
pub fn refuse_workspace_file(
    out: &Path,
    workspace: &Path,
    program: Option<&Path>,
) -> Result<(), Usage> {
    let (Some(target), Ok(ws)) = (resolved(out), std::fs::canonicalize(workspace)) else {
        return Ok(());
    };
    let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let own = WORKSPACE_FILES
        .iter()
        .filter(|_| target.parent() == Some(ws.as_path()))
        .find(|(f, _)| name == *f || name.starts_with(&format!(".{f}.tmp-")))
        .map(|(_, what)| *what);
    let program = program.and_then(|p| std::fs::canonicalize(p).ok());
    let what = match own {
        Some(what) => what,
        None if program.as_deref() == Some(target.as_path()) => "program file",
        None => return Ok(()),
    };
    let via = if std::path::absolute(out).is_ok_and(|a| a == target) {
        String::new()
    } else {
        format!(", {}", graded::text::visible(&target.display().to_string()))
    };
    Err(Usage(format!(
        "-o {}: that is the workspace's {what}{via}; graded never writes an export over the \
         workspace's own files: give another file name",
        graded::text::visible(&out.display().to_string()),
    )))
}

/// The files a workspace holds, each with what it is: what `-o` never writes over.
pub const WORKSPACE_FILES: &[(&str, &str)] = &[
    (graded::load::workspace::PROFILE, "profile"),
    (graded::load::workspace::LOG, "log"),
    (graded::load::workspace::LOCK, "lock file"),
    (super::CALENDAR_STATE, "record of calendar exports"),
    (graded::sync::plan::CALDAV_STATE, "record of what sync sent"),
    (graded::sync::config::SYNC_TOML, "sync settings"),
];

/// Writes bytes to `path`, or to standard output for `None` or `-`: the one place output is
/// written. A regular file (or a new one) is written atomically and private (0600): it holds
/// health data. A FIFO, a terminal or a device is written directly and never replaced; a
/// directory, a block device or a socket is refused. A closed pipe or reader is not an error.
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    let quiet_pipe = |r: std::io::Result<()>| match r {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r,
    };
    match path.map(target).transpose()? {
        None | Some(Target::Stdout) => {
            let mut out = std::io::stdout().lock();
            Ok(quiet_pipe(out.write_all(bytes).and_then(|()| out.flush()))?)
        }
        Some(Target::Stream) => {
            let p = path.expect("a path");
            let written = std::fs::OpenOptions::new()
                .write(true)
                .open(p)
                .and_then(|mut f| f.write_all(bytes).and_then(|()| f.flush()));
            quiet_pipe(written).map_err(|e| graded::load::LoadError::io(p, e))?;
            Ok(())
        }
        Some(Target::File) => Ok(write_atomic(path.expect("a path"), bytes, true)?),
    }
}

/// Writes what `exporter` renders of `doc` where [`write_output`] writes bytes: to standard
/// output or a stream as it renders (a long export reaches its reader while the rest is still
/// being written), to a file atomically once rendered whole.
pub fn write_export(
    path: Option<&Path>,
    doc: &graded::export::Document<'_>,
    exporter: &dyn graded::export::Exporter,
) -> anyhow::Result<()> {
    // A closed reader, as the writer saw it or as serde_json passed it on.
    let closed = |e: &anyhow::Error| {
        let kind = e
            .downcast_ref::<std::io::Error>()
            .map(|e| e.kind())
            .or_else(|| {
                e.downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        kind == Some(std::io::ErrorKind::BrokenPipe)
    };
    use std::io::IsTerminal;
    let streamed = match path.map(target).transpose()? {
        None | Some(Target::Stdout) => {
            let mut out = std::io::stdout().lock();
            let tty = out.is_terminal();
            render(tty, doc, exporter, &mut out)
        }
        Some(Target::Stream) => {
            let p = path.expect("a path");
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(p)
                .map_err(|e| graded::load::LoadError::io(p, e))?;
            render(f.is_terminal(), doc, exporter, &mut f).with_context(|| p.display().to_string())
        }
        Some(Target::File) => {
            return Ok(write_atomic(
                path.expect("a path"),
                &exporter.export(doc)?,
                true,
            )?);
        }
    };
    match streamed {
        Err(e) if closed(&e) => Ok(()),
        r => r,
    }
}

/// Writes what `exporter` renders of `doc` to `w`. The one place that decides how an export
/// meets a terminal: on a `terminal`, an export not made for one (CSV, Markdown, JSON) has its
/// control characters shown, never obeyed ([`graded::text::Shown`]); to a file or a pipe its
/// bytes go as they are (a spreadsheet reads them).
fn render(
    terminal: bool,
    doc: &graded::export::Document<'_>,
    exporter: &dyn graded::export::Exporter,
    w: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    if !terminal || exporter.for_terminal() {
        return exporter.write_to(doc, w);
    }
    let mut shown = graded::text::Shown::new(w);
    exporter.write_to(doc, &mut shown)?;
    Ok(shown.finish()?)
}

/// A standard stream a person may be looking at.
#[derive(Debug, Clone, Copy)]
pub enum Stream {
    /// Standard output: the tables.
    Stdout,
    /// Standard error: the questions.
    Stderr,
}

/// The width of the terminal `stream` is, in columns: `COLUMNS` when set (a person's override),
/// else what the terminal says; `None` when `stream` is not a terminal.
pub fn columns(stream: Stream) -> Option<usize> {
    use std::io::IsTerminal;
    let (tty, size) = match stream {
        Stream::Stdout => (
            std::io::stdout().is_terminal(),
            terminal_size::terminal_size_of(std::io::stdout()),
        ),
        Stream::Stderr => (
            std::io::stderr().is_terminal(),
            terminal_size::terminal_size_of(std::io::stderr()),
        ),
    };
    if !tty {
        return None;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .or_else(|| size.map(|(w, _)| usize::from(w.0)))
}

//! Typed load errors. Every data error names the file, the line and column, and the field.

use std::fmt;
use std::path::PathBuf;

/// A problem in a user's file, pointing at the exact place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    /// The file (or `<built-in>/name`).
    pub path: String,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub column: usize,
    /// The field (`stages[3].exercises[0].doses[2].pct_1rm`), empty when not one field.
    pub field: String,
    /// What is wrong.
    pub problem: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl DataError {
    /// A new error with no location yet.
    pub fn new(
        path: impl Into<String>,
        field: impl Into<String>,
        problem: impl Into<String>,
    ) -> Self {
        DataError {
            path: path.into(),
            line: 0,
            column: 0,
            field: field.into(),
            problem: problem.into(),
            hint: None,
        }
    }

    /// Sets the line and column from a byte offset into `text`.
    pub fn at(mut self, text: &str, offset: usize) -> Self {
        let (line, column) = line_col(text, offset);
        self.line = line;
        self.column = column;
        self
    }

    /// Sets the line only.
    pub fn line(mut self, line: usize) -> Self {
        self.line = line;
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}", self.path)?;
            if self.line > 0 {
                write!(f, ":{}", self.line)?;
                if self.column > 0 {
                    write!(f, ":{}", self.column)?;
                }
            }
            write!(f, ": ")?;
        }
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        write!(f, "{}", self.problem)?;
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DataError {}

/// Anything that can go wrong loading or saving workspace data.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Bad content in a file.
    #[error(transparent)]
    Data(#[from] DataError),
    /// The file system said no. The OS error is part of the message and not chained as a
    /// source, so `{e:#}` prints it once.
    #[error("{}: {}", path.display(), describe(error))]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        error: std::io::Error,
    },
    /// Something other than a regular file where graded reads or writes one.
    #[error("{}: {what}, not a regular file; graded reads and writes only regular files", path.display())]
    NotRegular {
        /// The file.
        path: PathBuf,
        /// What it is (`a FIFO`, `a directory` ...).
        what: &'static str,
    },
    /// Something other than a directory where graded needs one.
    #[error("{}: {what}, not a directory", path.display())]
    NotADirectory {
        /// The path.
        path: PathBuf,
        /// What it is.
        what: &'static str,
    },
    /// Another graded holds the workspace lock for longer than graded waits.
    #[error("{}: the workspace is locked by {holder} (waited {waited_s} s); try again when it has finished (the lock goes with the process that holds it)", path.display())]
    Locked {
        /// The lock file.
        path: PathBuf,
        /// Who holds it (`process 1234`, or `another graded process`).
        holder: String,
        /// How long graded waited, in seconds.
        waited_s: u64,
    },
    /// No profile in the workspace yet.
    #[error("no profile in {} (run `graded init`, or try `graded --example plan`)", dir.display())]
    NoProfile {
        /// The workspace.
        dir: PathBuf,
    },
}

/// An OS error in plain words: the system's own message, or for an error made from its kind
/// alone (which would print as `entity not found`), the usual wording.
fn describe(e: &std::io::Error) -> String {
    match (e.raw_os_error(), e.kind()) {
        (None, std::io::ErrorKind::NotFound) => "no such file or directory".to_string(),
        (None, std::io::ErrorKind::PermissionDenied) => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

impl LoadError {
    /// An IO error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        LoadError::Io {
            path: path.into(),
            error: source,
        }
    }
}

/// Turns a toml parse error into a located data error.
pub fn from_toml(path: &str, text: &str, err: &toml::de::Error) -> DataError {
    let message = err.message().trim();
    let mut e = DataError::new(path, "", message.to_string());
    if let Some(span) = err.span() {
        e = e.at(text, span.start);
        // Name the field: the key at the start of the line the error points into.
        let line = text[..span.start.min(text.len())]
            .rsplit('\n')
            .next()
            .unwrap_or("");
        let key = line.split('=').next().unwrap_or("").trim();
        if line.contains('=')
            && !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            e.field = key.to_string();
        }
    }
    e.hint(if message.contains("unknown field") {
        "remove or rename the field; docs/FORMATS.md lists every valid field"
    } else if message.contains("invalid type") {
        "give the value the type docs/FORMATS.md shows (a number without quotes, text in quotes, a date as YYYY-MM-DD)"
    } else if message.contains("missing field") {
        "add the field; docs/FORMATS.md lists every required field"
    } else {
        "check the TOML syntax at that place: quotes, brackets, commas and `key = value` pairs"
    })
}

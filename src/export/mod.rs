//! Exporters: one per format behind one trait; each returns bytes, and [`write_output`] writes
//! them to a file (atomically) or to standard output.

pub mod csv;
pub mod history;
pub mod html;
pub mod ics;
pub mod ics_text;
pub mod json;
pub mod markdown;
pub mod table;

use std::io::Write;
use std::path::Path;

use crate::engine::Replay;
use crate::load::workspace::write_atomic;
use crate::model::{Plan, Profile, Program};

/// Everything an exporter may show.
pub struct Document<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// The replayed log.
    pub replay: &'a Replay,
    /// The program.
    pub program: &'a Program,
    /// The profile.
    pub profile: &'a Profile,
}

/// One output format.
pub trait Exporter {
    /// Renders the document.
    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>>;
}

/// Writes bytes to `path`, or to standard output for `None` or `-`. Files are written
/// atomically and private (0600): they hold health data. A closed pipe is not an error.
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match path {
        Some(p) if p.as_os_str() != "-" => {
            if p.is_dir() {
                anyhow::bail!(
                    "{} is a directory; give a file name, e.g. {}",
                    p.display(),
                    p.join("plan.csv").display()
                );
            }
            if let Some(parent) = p.parent().filter(|d| !d.as_os_str().is_empty())
                && !parent.is_dir()
            {
                anyhow::bail!(
                    "{}: the directory {} does not exist",
                    p.display(),
                    parent.display()
                );
            }
            write_atomic(p, bytes, true)?;
            Ok(())
        }
        _ => {
            let mut out = std::io::stdout().lock();
            match out.write_all(bytes).and_then(|()| out.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => Ok(r?),
            }
        }
    }
}

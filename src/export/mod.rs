//! Exporters: one per format behind one trait; each renders the computed course to bytes and
//! nothing else (no files, no clock; what they say, the engine decided). The shell writes the bytes
//! (the binary's `cmd::output::write_output`).

pub mod answer;
pub mod csv;
pub mod exercises;
pub mod fhir;
pub mod figure;
pub mod handout;
pub mod history;
pub mod html;
pub mod ics;
pub mod ics_text;
pub mod json;
pub mod markdown;
pub mod pretty;
pub mod status;
pub mod table;

use std::io::Write as _;

use crate::engine::Course;
use crate::model::{Profile, Program};

/// Everything an exporter may show: the course, computed once, with the program and profile it
/// was computed from.
pub struct Document<'a> {
    /// The course.
    pub course: &'a Course,
    /// The program.
    pub program: &'a Program,
    /// The profile.
    pub profile: &'a Profile,
}

/// A reason as every view shows it, its words and its rule with the sources
/// (`... (rule: two reds [SYNTH])`), or nothing when there is none.
pub fn why(reason: Option<&crate::engine::Reason>) -> String {
    reason.map(ToString::to_string).unwrap_or_default()
}

/// The sessions a view shows: those on or after `from` (every one without it). The course
/// keeps them all; a view only chooses where to start.
pub fn shown_from(
    sessions: &[crate::model::PlannedSession],
    from: Option<chrono::NaiveDate>,
) -> &[crate::model::PlannedSession] {
    match from {
        Some(from) => &sessions[sessions.partition_point(|s| s.date < from)..],
        None => sessions,
    }
}

/// One output format.
pub trait Exporter {
    /// Renders the document.
    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>>;

    /// Whether the export is made for a terminal: a table or status text, whose text is made
    /// [`crate::text::visible`] as it is laid out and whose colours are its own escape
    /// sequences. Any other export (CSV, Markdown, JSON) holds its text as it is, and shown on a
    /// terminal passes through [`crate::text::Shown`] (the binary's `cmd::output::write_export`).
    fn for_terminal(&self) -> bool {
        false
    }

    /// Writes the same bytes as [`Exporter::export`] to `w`. The long exports (the CSVs and
    /// JSONs of every session) write as they render, so a pipe's reader has the first rows
    /// while the rest are still being written; the others render, then write.
    fn write_to(&self, doc: &Document<'_>, w: &mut dyn std::io::Write) -> anyhow::Result<()> {
        w.write_all(&self.export(doc)?)?;
        Ok(())
    }
}

/// A long export that writes as it renders: [`Exporter::export`] renders into memory,
/// [`Exporter::write_to`] through a 64 KiB buffer.
pub(crate) trait Streamed {
    /// About how many bytes the export takes (reserved once for [`Exporter::export`]).
    fn size(&self, doc: &Document<'_>) -> usize;

    /// Writes the export to `w` as it renders.
    fn render<W: std::io::Write>(&self, doc: &Document<'_>, w: &mut W) -> anyhow::Result<()>;
}

impl<T: Streamed> Exporter for T {
    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
        let mut out = Vec::with_capacity(self.size(doc));
        self.render(doc, &mut out)?;
        Ok(out)
    }

    fn write_to(&self, doc: &Document<'_>, w: &mut dyn std::io::Write) -> anyhow::Result<()> {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, w);
        self.render(doc, &mut out)?;
        out.flush()?;
        Ok(())
    }
}

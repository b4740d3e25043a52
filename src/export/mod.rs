//! Exporters: one per format behind one trait; each renders the computed course to bytes and
//! nothing else (no files, no clock, no engine calls). The shell writes the bytes
//! (`crate::cmd::output::write_output`).

pub mod csv;
pub mod fhir;
pub mod history;
pub mod html;
pub mod ics;
pub mod ics_text;
pub mod json;
pub mod markdown;
pub mod status;
pub mod table;

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

/// One output format.
pub trait Exporter {
    /// Renders the document.
    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>>;
}

//! `docs/EVIDENCE.md`, built into the binary: every source key (`[PMM]`, `[GABBETT]`, ...) with
//! its full reference and the rules that use it, and the RPE table. Parsed once; the tests prove
//! the document parses, that every key the programs and the code cite has a section, and that
//! the RPE table is whole and monotone.

use std::sync::LazyLock;

/// The document as written in the repository.
pub const TEXT: &str = include_str!("../docs/EVIDENCE.md");

/// Where the document lives in the repository, for messages that point a reader at it.
pub const PATH: &str = "docs/EVIDENCE.md";

/// One source: a `### [KEY] Title` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The key without brackets (`PMM`).
    pub key: String,
    /// The one-line title.
    pub title: String,
    /// The full reference (the `Reference:` paragraph, without the label).
    pub reference: String,
    /// The rules that rest on it (the `Used by:` list).
    pub used_by: Vec<String>,
    /// Any further paragraphs (`Note: ...`), as written.
    pub notes: Vec<String>,
}

/// Approximate %1RM by reps (rows, 1..) and RPE (columns, highest first).
#[derive(Debug, Clone, PartialEq)]
pub struct RpeTable {
    /// The RPE of each column, in the document's order (10, 9.5, ... 6).
    pub rpe: Vec<f64>,
    /// `pct[reps - 1][column]`: the percentage of the 1RM.
    pub pct: Vec<Vec<f64>>,
}

impl RpeTable {
    /// The approximate %1RM of a set of `reps` at `rpe`; `None` outside the table.
    pub fn pct_1rm(&self, reps: u32, rpe: f64) -> Option<f64> {
        let row = self.pct.get(usize::try_from(reps).ok()?.checked_sub(1)?)?;
        let col = self.rpe.iter().position(|r| (r - rpe).abs() < 1e-9)?;
        row.get(col).copied()
    }
}

/// The parsed document.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// The sources, in the document's order.
    pub sources: Vec<Source>,
    /// The RPE table.
    pub rpe: RpeTable,
}

impl Evidence {
    /// A source by key, ignoring case and brackets: `pmm`, `PMM` and `[PMM]` are one key.
    pub fn find(&self, key: &str) -> Option<&Source> {
        let k = normalise(key);
        self.sources.iter().find(|s| s.key == k)
    }

    /// Every key, in the document's order.
    pub fn keys(&self) -> Vec<&str> {
        self.sources.iter().map(|s| s.key.as_str()).collect()
    }
}

/// The built-in document, parsed on first use. The test suite parses the same text, so a
/// malformed document fails the tests, never a person's run.
pub fn evidence() -> &'static Evidence {
    static PARSED: LazyLock<Evidence> =
        LazyLock::new(|| parse(TEXT).unwrap_or_else(|e| panic!("{PATH}: {e}")));
    &PARSED
}

/// `[pmm]` -> `PMM`.
pub fn normalise(key: &str) -> String {
    let k = key.trim();
    let k = k.strip_prefix('[').unwrap_or(k);
    let k = k.strip_suffix(']').unwrap_or(k);
    k.trim().to_ascii_uppercase()
}

/// A problem in the document, at a line (1-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct EvidenceError {
    /// The line.
    pub line: usize,
    /// What is wrong, and what is expected.
    pub problem: String,
}

fn err<T>(line: usize, problem: impl Into<String>) -> Result<T, EvidenceError> {
    Err(EvidenceError {
        line,
        problem: problem.into(),
    })
}

/// What part of a source section a line belongs to.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    Reference,
    UsedBy,
    Note,
}

/// Parses the document: the `### [KEY] Title` sections (each with a `Reference:` paragraph and
/// a `Used by:` list, ending at the next heading) and the table under `## RPE table`.
pub fn parse(text: &str) -> Result<Evidence, EvidenceError> {
    let lines: Vec<(usize, &str)> = text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
    let mut sources: Vec<Source> = Vec::new();
    let mut rpe = None;
    let mut i = 0;
    while i < lines.len() {
        let (n, line) = lines[i];
        if let Some(rest) = line.strip_prefix("### [") {
            let Some((key, title)) = rest.split_once(']') else {
                return err(
                    n,
                    "a source heading is `### [KEY] Title`; the `]` is missing",
                );
            };
            let ok = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-';
            if key.is_empty() || !key.chars().all(ok) {
                return err(
                    n,
                    format!("`{key}` is not a key: use capitals, digits and `-` (e.g. NHS-4W)"),
                );
            }
            if sources.iter().any(|s| s.key == key) {
                return err(n, format!("[{key}] has a second section"));
            }
            let end = lines[i + 1..]
                .iter()
                .position(|(_, l)| l.starts_with('#'))
                .map_or(lines.len(), |p| i + 1 + p);
            sources.push(section(key, title.trim(), n, &lines[i + 1..end])?);
            i = end;
        } else if line.trim() == "## RPE table" {
            let end = lines[i + 1..]
                .iter()
                .position(|(_, l)| l.starts_with('#'))
                .map_or(lines.len(), |p| i + 1 + p);
            rpe = Some(rpe_table(n, &lines[i + 1..end])?);
            i = end;
        } else {
            i += 1;
        }
    }
    if sources.is_empty() {
        return err(1, "no `### [KEY] Title` source section");
    }
    let Some(rpe) = rpe else {
        return err(1, "no `## RPE table` section");
    };
    Ok(Evidence { sources, rpe })
}

/// One source section's body.
fn section(
    key: &str,
    title: &str,
    heading: usize,
    body: &[(usize, &str)],
) -> Result<Source, EvidenceError> {
    if title.is_empty() {
        return err(heading, format!("[{key}] has no title after the key"));
    }
    let mut s = Source {
        key: key.to_string(),
        title: title.to_string(),
        reference: String::new(),
        used_by: Vec::new(),
        notes: Vec::new(),
    };
    let mut part = None;
    // A blank line ends a paragraph; the `Used by:` list runs on until a line that is neither
    // an item nor an item's continuation.
    let mut para_open = false;
    for &(n, line) in body {
        let t = line.trim();
        if t.is_empty() {
            para_open = false;
            continue;
        }
        let join = |buf: &mut String, text: &str| {
            if !buf.is_empty() {
                buf.push(' ');
            }
            buf.push_str(text);
        };
        if let Some(r) = t.strip_prefix("Reference:") {
            if !s.reference.is_empty() {
                return err(n, format!("[{key}] has a second `Reference:`"));
            }
            s.reference = r.trim().to_string();
            part = Some(Part::Reference);
            para_open = true;
        } else if let Some(r) = t.strip_prefix("Used by:") {
            if part == Some(Part::UsedBy) || !s.used_by.is_empty() {
                return err(n, format!("[{key}] has a second `Used by:`"));
            }
            if !r.trim().is_empty() {
                s.used_by.push(r.trim().to_string());
            }
            part = Some(Part::UsedBy);
            para_open = !s.used_by.is_empty();
        } else if let Some(item) = t.strip_prefix("- ") {
            if part != Some(Part::UsedBy) {
                return err(
                    n,
                    format!("[{key}]: a list belongs under `Used by:` (or make it a paragraph)"),
                );
            }
            s.used_by.push(item.trim().to_string());
            para_open = true;
        } else if para_open {
            match part {
                Some(Part::Reference) => join(&mut s.reference, t),
                Some(Part::UsedBy) => join(s.used_by.last_mut().expect("an item is open"), t),
                Some(Part::Note) => join(s.notes.last_mut().expect("a note is open"), t),
                None => unreachable!("a paragraph is open only after a label"),
            }
        } else {
            if part.is_none() {
                return err(
                    n,
                    format!("[{key}]'s first paragraph is `Reference: ...` (the full citation)"),
                );
            }
            s.notes.push(t.to_string());
            part = Some(Part::Note);
            para_open = true;
        }
    }
    if s.reference.is_empty() {
        return err(
            heading,
            format!("[{key}] has no `Reference:` paragraph (the full citation)"),
        );
    }
    if s.used_by.is_empty() {
        return err(
            heading,
            format!("[{key}] has no `Used by:` list (the rules that rest on it)"),
        );
    }
    Ok(s)
}

/// The Markdown table under `## RPE table`: `| reps | RPE 10 | RPE 9.5 | ...`, then one row per
/// rep count from 1, each with a percentage in every column.
fn rpe_table(heading: usize, body: &[(usize, &str)]) -> Result<RpeTable, EvidenceError> {
    let cells = |l: &str| -> Vec<String> {
        l.trim()
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().to_string())
            .collect()
    };
    let mut rows = body.iter().filter(|(_, l)| l.trim_start().starts_with('|'));
    let Some(&(hn, header)) = rows.next() else {
        return err(heading, "the RPE table is missing under `## RPE table`");
    };
    let head = cells(header);
    if head.first().map(String::as_str) != Some("reps") {
        return err(hn, "the RPE table's first column is `reps`");
    }
    let mut rpe = Vec::new();
    for c in &head[1..] {
        match c.strip_prefix("RPE ").and_then(|v| v.parse::<f64>().ok()) {
            Some(v) => rpe.push(v),
            None => return err(hn, format!("`{c}` is not an `RPE N` column heading")),
        }
    }
    if rpe.is_empty() {
        return err(hn, "the RPE table has no RPE column");
    }
    match rows.next() {
        Some((_, l)) if l.contains("---") => {}
        Some(&(n, _)) => return err(n, "the RPE table's second line is the `|---|` separator"),
        None => return err(hn, "the RPE table has no rows"),
    }
    let mut pct = Vec::new();
    for &(n, l) in rows {
        let c = cells(l);
        let want = pct.len() + 1;
        if c[0].parse::<usize>().ok() != Some(want) {
            return err(
                n,
                format!(
                    "the rows count reps from 1: expected {want}, found `{}`",
                    c[0]
                ),
            );
        }
        if c.len() != rpe.len() + 1 {
            return err(
                n,
                format!(
                    "{want} reps: {} values for {} RPE columns",
                    c.len() - 1,
                    rpe.len()
                ),
            );
        }
        let mut row = Vec::new();
        for v in &c[1..] {
            match v.parse::<f64>() {
                Ok(p) if (0.0..=100.0).contains(&p) => row.push(p),
                _ => return err(n, format!("`{v}` is not a percentage from 0 to 100")),
            }
        }
        pct.push(row);
    }
    if pct.is_empty() {
        return err(hn, "the RPE table has no rows");
    }
    Ok(RpeTable { rpe, pct })
}

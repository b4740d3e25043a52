//! `graded sources [KEY]`: the evidence behind the rules, from the built-in docs/EVIDENCE.md.

use std::process::ExitCode;

use super::Usage;
use crate::cli::SourcesArgs;
use graded::evidence::{PATH, Source, evidence};
use graded::text::{bullet, notice, para};

/// Runs `graded sources`: every key with its title, or one key's section.
pub fn run(a: SourcesArgs) -> anyhow::Result<ExitCode> {
    let ev = evidence();
    let text = match a.key {
        None => list(&ev.sources),
        Some(key) => match ev.find(&key) {
            Some(s) => show(s),
            None => {
                return Err(Usage(format!(
                    "unknown source key `{key}`; valid keys: {}",
                    ev.keys().join(", ")
                ))
                .into());
            }
        },
    };
    out!("{text}");
    Ok(ExitCode::SUCCESS)
}

/// The keys, one per line, with their titles.
fn list(sources: &[Source]) -> String {
    let width = sources.iter().map(|s| s.key.len() + 2).max().unwrap_or(0);
    let mut out = para(&format!(
        "The sources behind graded's rules ({PATH}). Every reason graded gives ends with the \
         keys of its sources, in brackets."
    ));
    out.push_str("\n\n");
    for s in sources {
        let key = format!("[{}]", s.key);
        out.push_str(&format!("  {key:<width$}  {}\n", s.title));
    }
    out.push('\n');
    out.push_str(&para(
        "Show one with `graded sources KEY` (e.g. `graded sources PMM`): its full reference and \
         the rules that use it.",
    ));
    out.push_str("\n\n");
    out.push_str(&notice());
    out
}

/// One source: title, reference, the rules that use it, notes.
fn show(s: &Source) -> String {
    let mut out = para(&format!("[{}] {}", s.key, s.title));
    out.push_str("\n\n");
    out.push_str(&para(&format!("Reference: {}", s.reference)));
    out.push_str("\n\nUsed by:\n");
    for u in &s.used_by {
        out.push_str(&bullet(u));
    }
    for n in &s.notes {
        out.push('\n');
        out.push_str(&para(n));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&para(&format!(
        "From {PATH}; `graded sources` lists every key."
    )));
    out.push_str("\n\n");
    out.push_str(&notice());
    out
}

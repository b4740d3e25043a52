//! The progress report: one self-contained HTML page (inline CSS and SVG, no script).

use super::{Document, Exporter};
use crate::model::NOTICE;

/// The HTML report.
pub struct Report;

/// Escapes text for HTML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

impl Exporter for Report {
    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
        let mut h = String::new();
        h.push_str("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>graded report</title></head><body>");
        h.push_str(&format!(
            "<h1>{}</h1><p>{}</p>",
            esc(&doc.program.name),
            esc(NOTICE)
        ));
        h.push_str("<table><tr><th>Date</th><th>Outcome</th><th>Decision</th><th>Reason</th></tr>");
        for j in &doc.replay.judged {
            let reasons: Vec<String> = j.reasons.iter().map(|r| esc(&r.to_string())).collect();
            h.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                j.entry.date,
                j.outcome.as_str(),
                j.decision.as_str(),
                reasons.join(" ")
            ));
        }
        h.push_str("</table></body></html>\n");
        Ok(h.into_bytes())
    }
}

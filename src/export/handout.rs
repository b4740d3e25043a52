//! The home-exercise handout: for each stage shown, its exercises with their figure, setup,
//! cues, what to feel, when to stop and their dose, on at most two printed pages a stage (A4 or
//! Letter), in the report's style.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{Document, Exporter};
use crate::model::{NOTICE, PlannedSession};

const STYLE: &str = include_str!("html/style.css");
const HANDOUT_STYLE: &str = include_str!("html/handout.css");

/// The handout: the stages of the coming week's sessions, or one named stage.
pub struct Handout {
    /// A stage id to show instead of the coming week's.
    pub stage: Option<String>,
}

/// The sessions the handout draws doses from: per stage shown, its first session from today.
fn stages<'a>(doc: &'a Document<'_>, stage: Option<&str>) -> Vec<&'a PlannedSession> {
    let plan = &doc.course.plan;
    let ahead = plan.sessions.iter().filter(|s| s.date >= plan.today);
    let mut out: Vec<&PlannedSession> = Vec::new();
    match stage {
        Some(id) => out.extend(ahead.filter(|s| &*s.stage_id == id).take(1)),
        None => {
            let days = plan.coming_week();
            for s in ahead.filter(|s| days.contains(&s.date)) {
                if !out.iter().any(|o| o.stage == s.stage) {
                    out.push(s);
                }
            }
        }
    }
    out
}

impl Handout {
    fn page(&self, doc: &Document<'_>) -> anyhow::Result<Markup> {
        let sessions = stages(doc, self.stage.as_deref());
        if sessions.is_empty() {
            anyhow::bail!(match &self.stage {
                Some(id) => format!(
                    "no session of stage `{id}` lies ahead in the plan: the handout gives the doses of sessions to come"
                ),
                None => "no session lies ahead in the coming week (a stopped program plans none)"
                    .to_string(),
            });
        }
        let unit = doc.course.plan.unit;
        let lib = &doc.program.library;
        Ok(html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { "Home exercises: " (doc.program.name) }
                    style { (PreEscaped(STYLE)) (PreEscaped(HANDOUT_STYLE)) }
                }
                body.handout {
                    @for s in &sessions {
                        main.stage {
                            p.kicker { "Home exercises · " (doc.program.name) }
                            h1 { "Stage " (s.stage) ": " (s.stage_name) }
                            p.rule {
                                "From " (s.date.format("%a %d %b %Y")) ", step " (s.step) ". "
                                strong { "Stop the session if your back pain goes above " (s.stop_above) "/10" }
                                " and log it (graded log). Stop at once and seek care for new numbness, tingling or weakness in a leg, numbness in the groin or saddle area, or a change in bladder or bowel control."
                            }
                            div.cards {
                                @for x in &s.exercises {
                                    @if let Some(e) = lib.get(&x.id) {
                                        section.card {
                                            div.fig { (PreEscaped(super::figure::svg(&e.figure, &e.name))) div.cap { span { "start" } span { "end" } } }
                                            div.text {
                                                h2 { (e.name) " " code { (e.id) } }
                                                p.dose { (x.dose_text(unit)) }
                                                p { b { "Why: " } (e.purpose) }
                                                p { b { "Setup: " } (e.setup) }
                                                ol { @for c in &e.cues { li { (c) } } }
                                                p { b { "Feel: " } (e.feel) " " b { "Not: " } (e.not_feel) }
                                                p { b { "Stop if " } (e.stop_if.join("; ")) "." }
                                                p { b { "Avoid: " } (e.mistakes.join(" ")) }
                                                p { b { "Easier: " } (e.easier.text) " " b { "Harder: " } (e.harder.text) }
                                                p { b { "No equipment? " } (e.without_equipment) }
                                            }
                                        }
                                    } @else {
                                        section.card { div.text { h2 { (x.name) } p.dose { (x.dose_text(unit)) } } }
                                    }
                                }
                            }
                            p.notice { (NOTICE) }
                        }
                    }
                }
            }
        })
    }
}

impl Exporter for Handout {
    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
        Ok(self.page(doc)?.into_string().into_bytes())
    }
}

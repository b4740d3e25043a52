//! The therapist's changes (`graded adjust`): a short list under the header, each with what it
//! changes, who made it, when and why, and whether it is in force on the report's day. Nothing
//! when the program is as written.

use maud::{Markup, html};

use super::course::Course;
use crate::model::adjust::BY_YOU;

/// The list, or nothing.
pub(super) fn section(c: &Course<'_>) -> Markup {
    let p = c.doc.profile;
    let today = c.doc.course.plan.today;
    if p.adjust.is_empty() {
        return html! {};
    }
    let heading = if p.adjust.iter().any(|a| a.by != BY_YOU) {
        "Your therapist's changes"
    } else {
        "Your changes to the program"
    };
    html! {
        section #changes {
            h2 { (heading) }
            ol {
                @for a in &p.adjust {
                    li {
                        (a.what()) " (" (a.made_by()) ")"
                        @if !a.in_force(today) {
                            @if today < a.made { " · not yet in force" } @else { " · ended" }
                        }
                    }
                }
            }
        }
    }
}

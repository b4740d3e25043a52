//! The page names the person and their therapist, fills every stage visit's "Ended by" and
//! "Why", lists every source key it shows with its reference, and reads as plain English.

use super::{next_day, report};
use crate::harness::{Env, INIT};

#[test]
fn report_names_the_people_lists_its_sources_and_fills_every_visit() {
    let env = Env::new();
    env.run(&[INIT, &["--name", "Alex Kim", "--clinician", "Dr Lee, PT"]].concat())
        .ok();
    // An amber session: the header's latest decision says "after an amber session".
    env.log_session("2026-11-24", 4, 4, Some(1));
    let page = report(&env, &next_day("2026-11-25"));
    assert!(page.contains("For <strong>Alex Kim</strong>"), "no name");
    assert!(page.contains("<strong>Dr Lee, PT</strong>"), "no clinician");
    assert!(page.contains("after an amber session"), "article");
    assert!(
        !page.contains(" a amber") && !page.contains(" 1 sessions") && !page.contains(" 1 days")
    );
    // Every key shown in brackets has its reference in the Sources section.
    let sources = &page[page
        .find("<section id=\"sources\">")
        .expect("a Sources section")..];
    let shown = &page[..page.find("<section id=\"sources\">").expect("sources")];
    let ev = graded::evidence::evidence();
    for key in ev.keys() {
        if shown.contains(&format!("[{key}]")) {
            let src = ev.find(key).expect("key");
            assert!(
                sources.contains(&format!("<dt>[{key}]</dt>")),
                "{key} is shown but not listed"
            );
            let head: String = src.reference.chars().take(30).collect();
            assert!(
                sources.contains(&graded::export::html::esc(&head)),
                "{key}: no reference"
            );
        }
    }
    // No empty "Ended by" or "Why" cell in the stage table.
    let table = &page[page
        .find("<table class=\"stages stack\">")
        .expect("stages table")..];
    let table = &table[..table.find("</table>").expect("end")];
    assert!(
        !table.contains("<td class=\"why\" data-label=\"Why\"></td>"),
        "{table}"
    );
}

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

#[test]
fn the_header_names_a_red_flag_logged_since_the_latest_screen_and_its_clearance() {
    let env = Env::initialised();
    env.run_at("2026-11-30", &["screen", "--no-red-flags"]).ok();
    env.log_fever("2026-12-02").code(3);
    let header = |page: &str| {
        let from = page
            .find("<dt>Red-flag screen</dt>")
            .expect("the screen row");
        let to = from + page[from..].find("</dd>").expect("its end");
        page[from..to].to_string()
    };
    assert_eq!(
        header(&report(&env, "2026-12-02")),
        "<dt>Red-flag screen</dt>\n<dd>At intake (24 Nov 2026): no red flags<br>Latest repeat \
         (30 Nov 2026): no red flags<br>Red flag logged (2 Dec 2026): fever (urgent) · stopped \
         until a clinician's clearance"
    );
    env.run_at(
        "2026-12-03",
        &["resume", "--cleared-by", "Dr Lee, GP", "--no-red-flags"],
    )
    .ok();
    assert_eq!(
        header(&report(&env, "2026-12-04")),
        "<dt>Red-flag screen</dt>\n<dd>At intake (24 Nov 2026): no red flags<br>Latest repeat \
         (3 Dec 2026): no red flags · 2 repeats in all<br>Red flag logged (2 Dec 2026): fever \
         (urgent) · cleared on 3 Dec 2026 by Dr Lee, GP"
    );
    // The clearance repeated the screen; a later screen of its own that finds no red flag is
    // the latest word.
    env.run_at("2026-12-07", &["screen", "--no-red-flags"]).ok();
    assert_eq!(
        header(&report(&env, "2026-12-07")),
        "<dt>Red-flag screen</dt>\n<dd>At intake (24 Nov 2026): no red flags<br>Latest repeat \
         (7 Dec 2026): no red flags · 3 repeats in all"
    );
}

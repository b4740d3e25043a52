//! `graded history` whole, and the reasons views give for a move: each shows its rule and
//! sources, as every reason does.

use crate::report::{report, six_weeks_with_a_stop};

/// Six weeks with an amber hold, a red regression and a stop: the whole history view, pinned.
#[test]
fn history_of_six_weeks_with_a_stop_matches_the_golden_file() {
    let (env, today) = six_weeks_with_a_stop();
    let out = env.run_at(&today, &["history"]).ok();
    insta::with_settings!({ snapshot_path => "../expected", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("cli_history_six_weeks_with_a_stop", out.stdout);
    });
}

/// The report says every reason with its source keys, the stage timeline's too (they were
/// dropped on the way to its table).
#[test]
fn every_why_in_the_report_shows_its_sources() {
    let (env, today) = six_weeks_with_a_stop();
    let page = report(&env, &today);
    let whys: Vec<&str> = page
        .split("data-label=\"Why\">")
        .skip(1)
        .map(|cell| &cell[..cell.find("</td>").expect("a cell")])
        .filter(|cell| *cell != "Not reached yet.")
        .collect();
    assert!(whys.len() >= 3, "{whys:?}");
    for why in whys {
        assert!(why.contains("<span class=\"src\">["), "no sources: {why}");
    }
}

//! The whole page for the fixed log, pinned; and the same page twice is the same bytes.

use super::{FIXED_TODAY, fixed_log, report};

#[test]
fn report_page_for_a_fixed_log_matches_the_snapshot() {
    let env = fixed_log();
    let page = report(&env, FIXED_TODAY);
    insta::with_settings!({ snapshot_path => "../expected", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("report_fixed_log", page);
    });
}

#[test]
fn report_is_the_same_bytes_on_a_second_run() {
    let env = fixed_log();
    let first = report(&env, FIXED_TODAY);
    let second = report(&env, FIXED_TODAY);
    assert!(first == second, "the page changed between two runs");
}

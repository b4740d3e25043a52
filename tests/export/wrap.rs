//! The terminal wrap: breaks at spaces only, counts display columns, never splits a word.

use graded::text::wrap;
use rstest::rstest;

#[rstest]
#[case::whitespace_runs_and_line_ends_collapse("a  b\n\tc", 10, &["a b c"])]
#[case::a_word_that_fits_exactly_stays_on_the_line("abc def", 7, &["abc def"])]
#[case::the_next_word_goes_down_a_line("abc def", 6, &["abc", "def"])]
#[case::a_word_longer_than_the_width_stays_whole("a abcdefghij b", 4, &["a", "abcdefghij", "b"])]
#[case::a_hyphenated_word_is_not_broken_at_its_hyphen("pain-free week", 6, &["pain-free", "week"])]
#[case::wide_characters_count_two_columns("日本 語", 4, &["日本", "語"])]
#[case::control_characters_are_shown_not_obeyed("a\u{1b}[2J b", 20, &["a\\u{1b}[2J b"])]
#[case::nothing_to_wrap_is_no_lines(" \n ", 10, &[])]
fn wrap_breaks_at_spaces_by_display_width(
    #[case] text: &str,
    #[case] width: usize,
    #[case] want: &[&str],
) {
    assert_eq!(wrap(text, width), want);
}

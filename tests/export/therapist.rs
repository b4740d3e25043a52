//! The therapist's files after eight weeks: the Markdown summary counts what the history
//! holds, and no spreadsheet sum, average or filter over history.csv counts a struck row.

use crate::harness::Env;

/// Eight weeks of the example person written straight into log.csv: 28 sessions done, one
/// skipped, and a session withdrawn on the last day (it read 8/10 during), returned with the
/// day after it.
pub fn eight_weeks() -> (Env, String) {
    let env = Env::initialised();
    let mut log = String::from(
        "date,kind,status,pain_during,pain_after,next_morning,stiffness_min,rpe,symptoms,note,correction\n",
    );
    let mut d = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let mut n = 0;
    use chrono::Datelike;
    while n < 29 {
        if matches!(
            d.weekday(),
            chrono::Weekday::Mon
                | chrono::Weekday::Wed
                | chrono::Weekday::Fri
                | chrono::Weekday::Sat
        ) {
            if n == 10 {
                log.push_str(&format!("{d},session,skipped,,,,,,,,\n"));
            } else {
                log.push_str(&format!("{d},session,done,1,2,1,,4,,,\n"));
            }
            n += 1;
        }
        d += chrono::Duration::days(1);
    }
    log.push_str(&format!(
        "{d},session,done,8,2,,,5,,,withdrawn {d}: logged on the wrong day\n"
    ));
    env.write("log.csv", &log);
    (env, (d + chrono::Duration::days(1)).to_string())
}

fn table(csv: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let header = rdr
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    (header, rdr.records().map(|r| r.expect("row")).collect())
}

#[test]
fn the_markdown_summary_counts_every_session_of_the_history_not_the_weeks_shown() {
    let (env, today) = eight_weeks();
    let md = env
        .run_at(&today, &["plan", "--format", "markdown"])
        .ok()
        .stdout;
    let (header, rows) = table(
        &env.run_at(&today, &["history", "--format", "csv"])
            .ok()
            .stdout,
    );
    let col = |n: &str| header.iter().position(|h| h == n).expect(n);
    let count = |status: &str| {
        rows.iter()
            .filter(|r| &r[col("kind")] == "session" && &r[col("status")] == status)
            .count()
    };
    assert_eq!((count("done"), count("skipped")), (28, 1));
    let line = md
        .lines()
        .find(|l| l.starts_with("- As of"))
        .expect("the counts");
    assert!(
        line.starts_with(&format!("- As of {today}: 28 sessions done, 1 skipped, ")),
        "{line}"
    );
}

#[test]
fn a_spreadsheet_sum_average_or_filter_over_history_csv_never_counts_a_struck_row() {
    let (env, today) = eight_weeks();
    let (header, rows) = table(
        &env.run_at(&today, &["history", "--format", "csv"])
            .ok()
            .stdout,
    );
    let col = |n: &str| header.iter().position(|h| h == n).expect(n);
    // What a spreadsheet does: every number in the score columns, every row whose kind or
    // status says session or done.
    let numbers = |c: &str| {
        rows.iter()
            .filter_map(|r| r[col(c)].parse::<f64>().ok())
            .collect::<Vec<_>>()
    };
    let during = numbers("pain_during_0_10");
    assert_eq!(during.len(), 28, "the 28 sessions done, not the struck one");
    assert!(during.iter().all(|&p| p == 1.0), "{during:?}");
    assert_eq!(numbers("pain_after_0_10").len(), 28);
    assert_eq!(numbers("rpe_0_10").len(), 28);
    assert_eq!(
        rows.iter().filter(|r| &r[col("kind")] == "session").count(),
        29,
        "28 done and 1 skipped"
    );
    assert_eq!(
        rows.iter().filter(|r| &r[col("status")] == "done").count(),
        28
    );
    // The audit trail stays, in words, where the therapist looks for why.
    let struck = rows.last().expect("the struck row");
    assert_eq!(&struck[col("kind")], "withdrawn session");
    assert_eq!(
        &struck[col("reasons")],
        &format!(
            "Not judged: withdrawn on {}: logged on the wrong day. It read: session done; pain 8/10 during, 2/10 after; RPE 5.",
            chrono::NaiveDate::parse_from_str(&struck[col("date")], "%Y-%m-%d")
                .expect("date")
                .format("%a %d %b %Y")
        )
    );
    assert!(struck[col("correction")].starts_with("withdrawn "));
}

#[test]
fn eight_weeks_of_history_in_a_pipe_keep_a_row_to_a_line_or_two() {
    let (env, today) = eight_weeks();
    let out = env.run_at(&today, &["history"]).ok().stdout;
    // 30 rows (29 sessions and the struck one): at 80 columns this was ~500 lines.
    let lines = out.lines().count();
    assert!(lines <= 2 * 30 + 10, "{lines} lines\n{out}");
    assert!(
        out.lines().any(|l| l.contains(
            "1 of 2 green sessions in a row at this dose: hold. (rule: 2-for-2 [2FOR2])"
        )),
        "{out}"
    );
}

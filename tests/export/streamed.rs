//! The long exports write to standard output as they render, in parts of 64 KiB: the bytes
//! are the same as the file `-o` writes once rendered whole.

use crate::harness::Env;

#[test]
fn a_long_export_streamed_to_stdout_is_the_file_byte_for_byte() {
    let env = Env::initialised();
    // A year and a half of daily sessions, every next morning scored, a weekly screen.
    let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let mut log = String::from(
        "date,kind,status,pain_during,pain_after,next_morning,stiffness_min,rpe,symptoms,note\n",
    );
    for i in 0..540 {
        let d = start + chrono::Duration::days(i);
        let p = [0u8, 1, 2, 1, 0, 3, 2, 1][i as usize % 8];
        log.push_str(&format!(
            "{d},session,done,{p},{p},{},,5,,\"day {i}, \"\"ok\"\"\"\n",
            p / 2
        ));
        if i % 7 == 6 {
            log.push_str(&format!("{d},screen,done,,,,,,,\n"));
        }
    }
    env.write("log.csv", &log);
    let today = (start + chrono::Duration::days(540)).to_string();
    for args in [
        ["history", "--format", "csv"],
        ["history", "--format", "json"],
        ["plan", "--format", "csv"],
        ["plan", "--format", "json"],
    ] {
        let file = env.path(&format!("{}.{}", args[0], args[2]));
        let streamed = env.run_at(&today, &args).ok().stdout;
        let mut to_file = args.to_vec();
        to_file.extend(["-o", file.to_str().expect("utf-8")]);
        env.run_at(&today, &to_file).ok();
        let written = std::fs::read_to_string(&file).expect("written");
        assert!(
            streamed.len() > 4 * 65536,
            "{args:?}: {} bytes",
            streamed.len()
        );
        assert!(streamed == written, "{args:?}: stdout and the file differ");
    }
}

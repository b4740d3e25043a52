//! The page parsed as HTML: every logged score is one plotted point (or counted in a weekly
//! point for a long log), every chart is an accessible image with a text alternative, and
//! nothing on the page loads from anywhere.

use std::sync::OnceLock;

use chrono::{Datelike, Duration, Weekday};
use graded::export::html::Report;
use graded::export::{Document, Exporter};
use graded::model::plan::program_week;
use graded::model::{LogEntry, Pain, Profile, SessionLog, SessionStatus, SlotStatus};
use scraper::{Html, Selector};

use super::{FIXED, FIXED_TODAY, fixed_log, report, six_weeks_with_a_stop};
use crate::engine::{d, program};
use crate::harness::{Env, graded};

/// Elements matching a CSS selector.
fn count(page: &Html, selector: &str) -> usize {
    page.select(&Selector::parse(selector).expect("selector"))
        .count()
}

/// The sum of `data-n` over the elements matching a selector.
fn sum_n(page: &Html, selector: &str) -> usize {
    page.select(&Selector::parse(selector).expect("selector"))
        .map(|e| {
            e.value()
                .attr("data-n")
                .expect("a weekly point says how many values it stands for")
                .parse::<usize>()
                .expect("data-n is a number")
        })
        .sum()
}

/// Logged scores per series (during, after, next morning), from `history --format json`.
fn logged_scores(env: &Env, today: &str) -> [usize; 3] {
    let history: serde_json::Value =
        serde_json::from_str(&env.run_at(today, &["history", "--format", "json"]).stdout)
            .expect("history json");
    let rows = history["sessions"].as_array().expect("rows");
    ["pain_during", "pain_after", "next_morning"].map(|k| {
        rows.iter()
            .filter(|r| r["kind"] == "session" && r[k].is_number())
            .count()
    })
}

/// The six weeks with a stop, built once for the tests that need it.
pub fn six_weeks_page() -> &'static (Env, String, String) {
    static SIX: OnceLock<(Env, String, String)> = OnceLock::new();
    SIX.get_or_init(|| {
        let (env, today) = six_weeks_with_a_stop();
        let page = report(&env, &today);
        (env, today, page)
    })
}

#[test]
fn plotted_pain_points_equal_the_logged_scores() {
    let env = fixed_log();
    let page = Html::parse_document(&report(&env, FIXED_TODAY));
    let expected = [
        FIXED.iter().filter(|s| s.pains.is_some()).count(),
        FIXED.iter().filter(|s| s.pains.is_some()).count(),
        FIXED.iter().filter(|s| s.morning.is_some()).count(),
    ];
    assert_eq!(expected, [6, 6, 5], "the fixed log as written");
    assert_eq!(
        logged_scores(&env, FIXED_TODAY),
        expected,
        "the log as stored"
    );
    let plotted = ["pain-during", "pain-after", "pain-morning"]
        .map(|k| count(&page, &format!("svg#pain-chart [data-kind=\"{k}\"]")));
    assert_eq!(plotted, expected);
    assert_eq!(
        count(&page, "[data-kind$=\"-week\"]"),
        0,
        "a short log is not aggregated"
    );
    // One row per logged session in the text alternative, and in the decisions table.
    assert_eq!(count(&page, "#pain details tbody tr"), FIXED.len());
    assert_eq!(count(&page, "table.decisions tbody tr"), FIXED.len());
}

#[test]
fn six_weeks_with_a_hold_a_regression_and_a_stop_plot_every_score_and_say_why() {
    let (env, today, page) = six_weeks_page();
    let html = Html::parse_document(page);
    let plotted = ["pain-during", "pain-after", "pain-morning"]
        .map(|k| count(&html, &format!("svg#pain-chart [data-kind=\"{k}\"]")));
    assert_eq!(plotted, logged_scores(env, today));
    assert!(plotted[0] > 20, "{plotted:?}");
    for words in [
        "Program stopped on",
        "URGENT",
        "fever",
        ">regress<",
        ">stop<",
        ">amber<",
        "one step back within a stage",
    ] {
        assert!(page.contains(words), "the page lacks {words:?}");
    }
    // The timeline: three stages ended by advancing, the fourth by the stop.
    let ends: Vec<String> = html
        .select(&Selector::parse("table.stages tbody tr td:nth-child(4)").expect("selector"))
        .map(|td| td.text().collect::<String>().trim().to_string())
        .collect();
    assert_eq!(
        ends[..4],
        ["advance", "advance", "advance", "stop"],
        "{ends:?}"
    );
    assert_eq!(
        count(&html, "[data-kind=\"stage-expected\"]"),
        0,
        "nothing is expected after a stop"
    );
    assert!(page.contains("No sessions: the program is stopped"));
}

#[test]
fn every_chart_is_an_image_with_a_title_a_description_and_a_table() {
    let (_, _, page) = six_weeks_page();
    let html = Html::parse_document(page);
    let charts: Vec<_> = html
        .select(&Selector::parse("svg.chart").expect("selector"))
        .collect();
    assert_eq!(charts.len(), 4, "pain, stages, loads, adherence");
    for svg in charts {
        let id = svg.value().attr("id").expect("id");
        assert_eq!(svg.value().attr("role"), Some("img"), "{id}");
        let labelled = svg
            .value()
            .attr("aria-labelledby")
            .expect("aria-labelledby");
        for part in labelled.split_whitespace() {
            let text: String = html
                .select(&Selector::parse(&format!("#{part}")).expect("selector"))
                .flat_map(|e| e.text())
                .collect();
            assert!(text.trim().len() > 10, "{id}: #{part} says {text:?}");
        }
        assert!(count(&html, &format!("svg#{id} > title")) == 1, "{id}");
        assert!(count(&html, &format!("svg#{id} > desc")) == 1, "{id}");
        let section = svg
            .ancestors()
            .filter_map(scraper::ElementRef::wrap)
            .find(|e| e.value().name() == "section")
            .expect("in a section");
        assert!(
            section
                .select(&Selector::parse("table").expect("selector"))
                .count()
                > 0,
            "{id} has a table of its data"
        );
    }
    // Meaning never rides on colour alone: three marker shapes, lettered bands, outcome words.
    assert!(page.contains(r#"class="band-label""#) && page.contains(">G<") && page.contains(">R<"));
    assert!(count(&html, "table.decisions td:nth-child(4)") > 0);
}

#[test]
fn the_page_is_self_contained_and_printable() {
    let (_, _, page) = six_weeks_page();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.contains("<script"), "no script");
    assert!(
        !page.contains("@import") && !page.contains("@font-face"),
        "no fonts"
    );
    assert!(page.contains("Content-Security-Policy") && page.contains("default-src 'none'"));
    for (i, _) in page.match_indices("http") {
        assert!(
            page[i..].starts_with("http://www.w3.org/2000/svg")
                || page[i..].starts_with("http-equiv"),
            "a URL on the page: {}",
            &page[i..(i + 60).min(page.len())]
        );
    }
    for css in ["@page", "@media print", "break-inside: avoid"] {
        assert!(page.contains(css), "the style sheet lacks {css}");
    }
    assert!(page.contains(graded::model::NOTICE));
}

#[test]
fn an_empty_log_says_so_and_shows_the_plan_ahead() {
    let path = tempfile::tempdir().expect("tempdir");
    let file = path.path().join("r.html");
    let out = graded(&[
        "--example",
        "--today",
        "2026-11-24",
        "report",
        "-o",
        file.to_str().expect("utf-8"),
    ])
    .ok();
    assert!(out.stdout.contains("Wrote"));
    let page = std::fs::read_to_string(&file).expect("written");
    let html = Html::parse_document(&page);
    assert!(page.contains("No pain scores logged yet"));
    assert!(page.contains("No sessions logged yet"));
    assert_eq!(count(&html, "[data-kind^=\"pain-\"]"), 0);
    assert_eq!(
        count(&html, "#coming-week tbody tr"),
        4,
        "Wed, Fri, Sat, Mon"
    );
    assert_eq!(count(&html, "[data-kind=\"stage-planned\"]"), 5);
    assert_eq!(count(&html, "[data-kind=\"stage-expected\"]"), 5);
    assert!(
        count(&html, "[data-kind=\"load-planned\"]") > 10,
        "the loads planned ahead"
    );
    assert_eq!(count(&html, "[data-kind=\"load-done\"]"), 0);
}

/// The report page of a course, rendered in the process.
fn page_of(
    course: &graded::engine::Course,
    program: &graded::model::Program,
    profile: &Profile,
) -> String {
    let doc = Document {
        course,
        program,
        profile,
    };
    String::from_utf8(Report::default().export(&doc).expect("exports")).expect("utf-8")
}

/// Runs `check` on the document of a year's log (see [`a_year`]) on the day after it ends.
fn a_year_report(check: impl FnOnce(&Document<'_>, &SessionLog, chrono::NaiveDate)) {
    let program = program();
    let profile = Profile::example();
    let log = a_year();
    let today = d("2027-11-26");
    let course = graded::engine::course(&program, &profile, &log, today, None);
    let doc = Document {
        course: &course,
        program: &program,
        profile: &profile,
    };
    check(&doc, &log, today);
}

/// A year of Monday, Wednesday and Friday sessions: mostly green, an amber every 13th, a red
/// every 29th (never two within a week), a skipped one every 17th.
fn a_year() -> SessionLog {
    let mut entries = Vec::new();
    let mut date = d("2026-11-25");
    let mut i = 0;
    while date < d("2027-11-25") {
        if matches!(date.weekday(), Weekday::Mon | Weekday::Wed | Weekday::Fri) {
            i += 1;
            let (during, after, morning) = match i {
                i if i % 29 == 0 => (6, 5, 3),
                i if i % 13 == 0 => (4, 4, 0),
                i if i % 2 == 0 => (1, 2, 1),
                _ => (0, 1, 0),
            };
            let mut e = LogEntry::session(date);
            if i % 17 == 0 {
                e.status = SessionStatus::Skipped;
            } else {
                e.pain_during = Some(Pain::of(during));
                e.pain_after = Some(Pain::of(after));
                e.next_morning = Some(Pain::of(morning));
            }
            entries.push(e);
        }
        date += Duration::days(1);
    }
    SessionLog {
        entries,
        moves: vec![],
    }
}

#[test]
fn a_year_long_log_is_shown_as_weekly_points_that_account_for_every_score() {
    let program = program();
    let profile = Profile::example();
    let log = a_year();
    let today = d("2027-11-26");
    let course = graded::engine::course(&program, &profile, &log, today, None);
    let plan = &course.plan;
    let page = page_of(&course, &program, &profile);
    let html = Html::parse_document(&page);
    let scored = log
        .entries
        .iter()
        .filter(|e| e.pain_during.is_some())
        .count();
    assert!(scored > 140, "{scored} sessions");
    for kind in ["pain-during", "pain-after", "pain-morning"] {
        assert_eq!(
            count(&html, &format!("[data-kind=\"{kind}\"]")),
            0,
            "{kind}"
        );
        let weekly = format!("svg#pain-chart [data-kind=\"{kind}-week\"]");
        assert_eq!(sum_n(&html, &weekly), scored, "{kind}");
        let points = count(&html, &weekly);
        assert!(
            (50..=54).contains(&points),
            "{kind}: {points} weekly points"
        );
    }
    // Loads and adherence account for the plan's sessions too.
    let loaded = plan
        .sessions
        .iter()
        .filter(|s| matches!(s.status, SlotStatus::Done | SlotStatus::Planned))
        .filter(|s| s.exercises.iter().any(|e| e.load.is_some()))
        .count();
    let load_points = count(
        &html,
        "[data-kind^=\"load-done\"], [data-kind^=\"load-planned\"]",
    );
    if loaded > 120 {
        assert_eq!(
            sum_n(
                &html,
                "[data-kind^=\"load-done\"], [data-kind^=\"load-planned\"]"
            ),
            loaded
        );
        assert!(load_points < loaded);
    } else {
        assert_eq!(load_points, loaded);
    }
    let current = program_week(profile.start, today);
    let due = plan.sessions.iter().filter(|s| s.week <= current).count();
    assert_eq!(sum_n(&html, "[data-kind^=\"adherence-\"]"), due);
    assert!(page.len() < 400_000, "{} bytes", page.len());
}

#[test]
fn a_long_log_shows_recent_decisions_and_says_where_the_rest_are() {
    a_year_report(|doc, log, _| {
        let rows = |report: Report| {
            let page = String::from_utf8(report.export(doc).expect("exports")).expect("utf-8");
            (
                count(&Html::parse_document(&page), "table.decisions tbody tr"),
                page,
            )
        };
        let since = d("2027-10-04");
        let shown = log.entries.iter().filter(|e| e.date >= since).count();
        let earlier = log.entries.len() - shown;
        let (recent, page) = rows(Report {
            since: Some(since),
            charts_since: None,
        });
        assert_eq!(recent, shown);
        assert!(
            page.contains(&format!("{earlier} earlier rows are not shown")),
            "the page says how many rows it leaves out"
        );
        assert!(page.contains("graded report --all"));
        let (all, page) = rows(Report::default());
        assert_eq!(all, log.entries.len());
        assert!(!page.contains("earlier rows are not shown"));
    });
}

#[test]
fn a_long_course_charts_its_recent_weeks_and_says_where_the_rest_are() {
    a_year_report(|doc, log, today| {
        let report = Report::recent(today);
        let from = report.charts_since.expect("a window");
        let page = String::from_utf8(report.export(doc).expect("exports")).expect("utf-8");
        let html = Html::parse_document(&page);
        assert!(
            page.contains("charts show the weeks since"),
            "the page says so"
        );
        assert!(page.contains("graded report --all"));
        // Every score from the window's first day is charted, none before it.
        let scored = log
            .entries
            .iter()
            .filter(|e| e.date >= from && e.pain_during.is_some())
            .count();
        assert!(scored > 0);
        let charted = sum_n(&html, "svg#pain-chart [data-kind=\"pain-during-week\"]")
            + sum_n(&html, "svg#pain-chart [data-kind=\"pain-during\"]");
        assert_eq!(charted, scored);
        // Adherence shows the window's weeks only; the stage timeline still starts at week 1.
        let weeks = count(&html, "#adherence details table tbody tr");
        assert!(
            (26..=27).contains(&weeks),
            "{weeks} weeks of adherence shown"
        );
        // The whole course when asked.
        let all =
            String::from_utf8(Report::default().export(doc).expect("exports")).expect("utf-8");
        assert!(!all.contains("charts show the weeks since"));
        assert!(
            count(
                &Html::parse_document(&all),
                "#adherence details table tbody tr"
            ) > 50
        );
    });
}

/// The weekly cap line draws the ceiling the engine held each load under (its stage's cap
/// above the lightest load of the 7 days before [GABBETT]), in a stage naming no cap of its own
/// too: it once drew its own reading (the stage's named cap above a week-old load) and nothing
/// for a stage that names none, where the engine still caps at 10%.
#[test]
fn the_weekly_cap_line_is_the_ceiling_the_engine_held_each_load_under() {
    let mut program = program();
    for s in &mut program.stages {
        s.weekly_load_cap_pct = None;
    }
    let profile = Profile::example();
    let log = SessionLog::default();
    let course = graded::engine::course(&program, &profile, &log, d("2026-11-24"), None);
    // The engine's ceilings on the squat, as % of its 1RM (no higher than the stage's), in the
    // order the chart draws them.
    let one_rm = profile.lift("squat").expect("a squat").one_rep_max();
    let mut ceilings: Vec<f64> = course
        .plan
        .sessions
        .iter()
        .flat_map(|s| s.exercises.iter().map(move |e| (s.stage, e)))
        .filter(|(_, e)| e.load.is_some())
        .filter_map(|(stage, e)| {
            let most = program.stages[stage - 1].max_pct_1rm.unwrap_or(100.0);
            e.weekly_ceiling.map(|c| (c / one_rm * 100.0).min(most))
        })
        .collect();
    ceilings.dedup();
    assert!(ceilings.len() > 3, "{ceilings:?}");
    let page = page_of(&course, &program, &profile);
    let html = Html::parse_document(&page);
    // The chart's scale, from two load markers: each is drawn at its load's % of the 1RM
    // (`M{x},{y}a...`, its load in its title: `... Back squat 115 lb (49% of 1RM), planned`).
    let markers: Vec<(f64, f64)> = html
        .select(&Selector::parse("[data-kind=\"load-planned\"]").expect("selector"))
        .map(|m| {
            let d = m.value().attr("d").expect("a path");
            let y: f64 = d[1..d.find('a').expect("an arc")]
                .split(',')
                .nth(1)
                .and_then(|y| y.parse().ok())
                .expect("y");
            let title: String = m.text().collect();
            let load: f64 = title
                .split(" lb")
                .next()
                .and_then(|t| t.rsplit(' ').next())
                .and_then(|l| l.parse().ok())
                .expect("a load");
            (load / one_rm * 100.0, y)
        })
        .collect();
    let (lo, hi) = (markers[0], *markers.last().expect("markers"));
    assert!(hi.0 > lo.0 + 10.0, "{markers:?}");
    let y_of = |pct: f64| lo.1 + (pct - lo.0) * (hi.1 - lo.1) / (hi.0 - lo.0);
    let line = html
        .select(&Selector::parse("g.cap polyline.cap-line").expect("selector"))
        .next()
        .expect("a weekly cap line");
    // One level of the line per ceiling, in order, at the ceiling's height.
    let mut levels: Vec<f64> = line
        .value()
        .attr("points")
        .expect("points")
        .split(' ')
        .map(|p| {
            p.split(',')
                .nth(1)
                .and_then(|y| y.parse().ok())
                .expect("x,y")
        })
        .collect();
    levels.dedup();
    assert_eq!(levels.len(), ceilings.len(), "{levels:?} {ceilings:?}");
    for (level, ceiling) in levels.iter().zip(&ceilings) {
        assert!(
            (level - y_of(*ceiling)).abs() < 0.3,
            "{levels:?} {ceilings:?}"
        );
    }
    assert!(page.contains("weekly cap: +10% on the lightest load of the 7 days before [GABBETT]"));
}

/// "Planned at the start" is the plan as it stood on the first day: an adjustment a therapist
/// makes weeks later (here an open-ended load cap) is not in it. It once rewrote those dates.
#[test]
fn a_later_adjustment_leaves_the_plan_planned_at_the_start_as_it_was() {
    let planned_at_the_start = |page: &str| -> Vec<String> {
        Html::parse_document(page)
            .select(&Selector::parse("[data-kind=\"stage-planned\"] title").expect("selector"))
            .map(|t| t.text().collect())
            .collect()
    };
    let env = Env::initialised();
    let before = planned_at_the_start(&report(&env, "2027-01-11"));
    assert_eq!(before.len(), 5, "{before:?}");
    env.cap_squat("2027-01-11", "60", &["--by", "Dr Lee, PT"]);
    assert_eq!(planned_at_the_start(&report(&env, "2027-01-11")), before);
}

//! Each exporter pinned on one hand-built plan; the .ics read back with the `ical` parser; UIDs,
//! SEQUENCE and cancellations across re-exports.

use chrono::NaiveTime;
use graded::engine::{Replay, State};
use graded::export::csv::PlanCsv;
use graded::export::ics::{CalendarState, PlanIcs, diff};
use graded::export::json::PlanJson;
use graded::export::markdown::PlanMarkdown;
use graded::export::table::{PlanTable, Style, WeekTable};
use graded::export::{Document, Exporter};
use graded::model::{
    Gates, Pain, Plan, PlannedExercise, PlannedSession, Profile, SlotStatus, Units,
};

use crate::engine::{d, program};

fn exercise(
    id: &str,
    name: &str,
    sets: Option<u32>,
    reps: Option<&str>,
    load: Option<f64>,
    pct: Option<f64>,
) -> PlannedExercise {
    PlannedExercise {
        id: id.into(),
        name: name.into(),
        sets,
        reps: reps.map(Into::into),
        hold_s: None,
        duration_min: None,
        load,
        pct_1rm: pct,
        rpe_cap: Some(7),
        lift: load.map(|_| "squat".into()),
        estimate_1rm: false,
        weekly_ceiling: None,
    }
}

fn session(
    date: &str,
    stage: usize,
    name: &str,
    session: u32,
    status: SlotStatus,
    exercises: Vec<PlannedExercise>,
) -> PlannedSession {
    PlannedSession {
        date: d(date),
        time: NaiveTime::from_hms_opt(7, 0, 0).expect("time"),
        week: 1,
        stage,
        stage_id: format!("stage-{stage}").into(),
        stage_name: name.into(),
        step: 1,
        session,
        deload: false,
        status,
        outcome: None,
        logged: None,
        exercises,
        stop_above: Pain::of(5),
        gates: Gates::default(),
        notes: "Brace; move slowly, \"no\" heroics, then walk 🚶.\nSecond line.".into(),
        adjusted: vec![],
        moved_from: None,
    }
}

/// A small plan with awkward text: a formula-like name, commas, semicolons, quotes, emoji,
/// a newline, and sessions on both sides of the 2027-03-14 daylight-saving change.
pub fn hand_built() -> Plan {
    Plan {
        program_id: "mid-back-strain".into(),
        program_name: "Mid-back strain: back to lifting".into(),
        workspace_id: "test".into(),
        timezone: "America/New_York".into(),
        unit: Units::Lb,
        session_minutes: 45,
        today: d("2027-03-12"),
        stopped: false,
        completion: None,
        pause: None,
        stall: None,
        sessions: vec![
            session(
                "2027-03-10",
                2,
                "Mobility",
                3,
                SlotStatus::Done,
                vec![exercise(
                    "cat-camel",
                    "Cat-camel, slow; \"gentle\"",
                    Some(1),
                    Some("8"),
                    None,
                    None,
                )],
            ),
            session(
                "2027-03-11",
                2,
                "Mobility",
                4,
                SlotStatus::Missed,
                vec![exercise(
                    "open-book",
                    "=HYPERLINK(\"http://x\")",
                    Some(2),
                    Some("6-4-2"),
                    None,
                    None,
                )],
            ),
            session(
                "2027-03-12",
                4,
                "Load tolerance",
                1,
                SlotStatus::Planned,
                vec![exercise(
                    "back-squat",
                    "Back squat 🏋",
                    Some(3),
                    Some("5"),
                    Some(115.0),
                    Some(50.0),
                )],
            ),
            session(
                "2027-03-15",
                4,
                "Load tolerance",
                2,
                SlotStatus::Planned,
                vec![exercise(
                    "back-squat",
                    "Back squat 🏋",
                    Some(3),
                    Some("5"),
                    Some(125.0),
                    Some(55.0),
                )],
            ),
        ],
    }
}

fn render(e: &dyn Exporter, plan: &Plan) -> String {
    let program = program();
    let profile = Profile::example();
    let replay = Replay {
        judged: vec![],
        state: State::new(&profile),
    };
    let course = graded::engine::Course::from_parts(plan.clone(), replay, &program, &profile);
    let doc = Document {
        course: &course,
        program: &program,
        profile: &profile,
    };
    String::from_utf8(e.export(&doc).expect("exports")).expect("utf8")
}

/// The calendar of `plan` on top of `previous`, rendered.
fn ics(plan: &Plan, previous: &CalendarState, alarm: Option<u32>) -> String {
    let calendar = diff(previous, plan, &Profile::example(), None, false);
    render(
        &PlanIcs {
            alarm,
            calendar: &calendar,
        },
        plan,
    )
}

/// The state after exporting `plan` on top of `previous`.
fn next_state(previous: &CalendarState, plan: &Plan) -> CalendarState {
    diff(previous, plan, &Profile::example(), None, false).next
}

macro_rules! snap {
    ($name:expr, $value:expr) => {
        insta::with_settings!({ snapshot_path => "../expected", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

#[test]
fn plan_csv_snapshot() {
    snap!(
        "export_plan_csv",
        render(&PlanCsv { excel: false }, &hand_built())
    );
}

#[test]
fn plan_csv_for_excel_starts_with_a_bom_and_guards_formulas() {
    let csv = render(&PlanCsv { excel: true }, &hand_built());
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
    assert!(csv.split("\r\n").count() > 4, "CRLF line ends");
}

#[test]
fn plan_ics_snapshot() {
    snap!(
        "export_plan_ics",
        ics(&hand_built(), &CalendarState::default(), Some(30))
    );
}

#[test]
fn plan_json_snapshot() {
    snap!("export_plan_json", render(&PlanJson, &hand_built()));
}

#[test]
fn plan_markdown_snapshot() {
    snap!(
        "export_plan_markdown",
        render(&PlanMarkdown { from: None }, &hand_built())
    );
}

#[test]
fn plan_table_snapshot() {
    snap!(
        "export_plan_table",
        render(
            &PlanTable {
                style: Style::default(),
                from: None,
            },
            &hand_built()
        )
    );
}

#[test]
fn week_table_snapshot() {
    snap!(
        "export_week_table",
        render(
            &WeekTable {
                date: d("2027-03-12"),
                style: Style::default(),
                how: false,
            },
            &hand_built()
        )
    );
}

use super::read_back;

#[test]
fn the_ical_parser_reads_back_every_event_uid_and_local_start() {
    let text = ics(&hand_built(), &CalendarState::default(), None);
    let events = read_back(&text);
    // Each session and, the next morning at 08:00, its reminder to log pain, in time order.
    let got: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e.0.as_str(), e.1.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("20270310-s1-test@graded", "20270310T070000"),
            ("20270311-s1-test@graded", "20270311T070000"),
            ("20270310-m1-test@graded", "20270311T080000"),
            ("20270312-s1-test@graded", "20270312T070000"),
            ("20270311-m1-test@graded", "20270312T080000"),
            ("20270312-m1-test@graded", "20270313T080000"),
            ("20270315-s1-test@graded", "20270315T070000"),
            ("20270315-m1-test@graded", "20270316T080000"),
        ]
    );
    assert!(!text.contains("VALARM"), "--no-alarm");
    assert!(
        text.lines().all(|l| l.len() <= 76),
        "folded at 75 octets (+CR)"
    );
}

#[test]
fn a_hand_edited_workspace_id_is_escaped_in_the_uid_and_cannot_add_a_content_line() {
    let mut plan = hand_built();
    plan.workspace_id = "a,b;c\\d\r\nX-INJECTED:1".into();
    let text = ics(&plan, &CalendarState::default(), Some(30));
    assert!(!text.contains("\r\nX-INJECTED"), "{text}");
    let events = read_back(&text);
    assert_eq!(events.len(), 8);
    assert_eq!(events[0].0, r"20270310-s1-a\,b\;c\\d\nX-INJECTED:1@graded");
    assert_eq!(events[2].0, r"20270310-m1-a\,b\;c\\d\nX-INJECTED:1@graded");
}

#[test]
fn re_exports_keep_uids_raise_sequence_of_changed_slots_and_cancel_dropped_ones() {
    let first = hand_built();
    let state = next_state(&CalendarState::default(), &first);
    // Same plan again: identical output.
    let again = ics(&first, &state, Some(30));
    assert!(read_back(&again).iter().all(|e| e.2 == "0"));
    // A red session regresses: the 12 March dose changes and the 15 March slot is dropped.
    let mut second = first.clone();
    second.sessions[2].exercises[0].load = Some(105.0);
    second.sessions.pop();
    let text = ics(&second, &state, Some(30));
    let events = read_back(&text);
    let by_uid = |u: &str| events.iter().find(|e| e.0 == u).cloned().expect("uid kept");
    assert_eq!(
        by_uid("20270310-s1-test@graded").2,
        "0",
        "unchanged slot keeps SEQUENCE"
    );
    assert_eq!(
        by_uid("20270312-s1-test@graded").2,
        "1",
        "changed slot raises SEQUENCE"
    );
    let dropped = by_uid("20270315-s1-test@graded");
    assert_eq!((dropped.2.as_str(), dropped.3.as_str()), ("1", "CANCELLED"));
    // A reminder follows its session: cancelled with it, kept when only the dose changed.
    let dropped = by_uid("20270315-m1-test@graded");
    assert_eq!(
        (dropped.1.as_str(), dropped.2.as_str(), dropped.3.as_str()),
        ("20270316T080000", "1", "CANCELLED")
    );
    assert_eq!(by_uid("20270312-m1-test@graded").2, "0");
    // And once more with the new state: nothing changes further.
    let state2 = next_state(&state, &second);
    assert_eq!(next_state(&state2, &second), state2);
}

#[test]
fn a_programs_own_gates_reach_the_calendar_and_the_markdown() {
    // A program may tighten the gates; the exports say the program's numbers, not the defaults.
    let mut plan = hand_built();
    let strict = Gates {
        green_max: Pain::of(2),
        amber_max: Pain::of(4),
        morning_rise_red: 1,
        ..Gates::default()
    };
    for s in &mut plan.sessions {
        s.gates = strict.clone();
        s.stop_above = Pain::of(4);
    }
    let text = graded::export::ics::description(&plan, &program().library, &plan.sessions[0]);
    assert!(
        text.contains("up to 2/10 is fine") && text.contains("3-4 holds") && text.contains("5+"),
        "{text}"
    );
    assert!(!text.contains("3/10 is fine"), "{text}");
    let md = render(&PlanMarkdown { from: None }, &plan);
    assert!(md.contains("up to 2/10 is fine"), "{md}");
}

#[test]
fn each_event_alone_is_the_same_bytes_as_in_the_whole_export() {
    // A re-plan drops the last session: the calendar holds live and cancelled events.
    let plan = hand_built();
    let previous = next_state(&CalendarState::default(), &plan);
    let mut shorter = plan.clone();
    shorter.sessions.pop();
    let profile = Profile::example();
    let calendar = diff(&previous, &shorter, &profile, None, false);
    assert!(calendar.slots.iter().any(|s| s.session.is_none()));
    let exporter = PlanIcs {
        alarm: Some(15),
        calendar: &calendar,
    };
    let program = program();
    let replay = Replay {
        judged: vec![],
        state: State::new(&profile),
    };
    let course = graded::engine::Course::from_parts(shorter.clone(), replay, &program, &profile);
    let doc = Document {
        course: &course,
        program: &program,
        profile: &profile,
    };
    let whole = String::from_utf8(exporter.export(&doc).unwrap()).unwrap();
    for slot in &calendar.slots {
        let object = exporter.event_object(&doc, slot);
        assert!(
            object.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"),
            "{object}"
        );
        assert!(
            object.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"),
            "{object}"
        );
        assert_eq!(object.matches("BEGIN:VEVENT").count(), 1);
        let event =
            &object[object.find("BEGIN:VEVENT").unwrap()..object.len() - "END:VCALENDAR\r\n".len()];
        assert!(
            whole.contains(event),
            "the export's own bytes for {}:\n{event}",
            slot.uid
        );
        // A calendar object of its own: the ical parser reads it back, one event, its UID.
        let events = read_back(&object);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].0, slot.uid);
    }
}

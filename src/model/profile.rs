//! The person's intake: `profile.toml` in the workspace (see `load::profile`).

use super::Zone;
use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::Serialize;

/// Weight units; loads round to 5 lb or 2.5 kg with a 45 lb or 20 kg bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Units {
    /// Pounds.
    Lb,
    /// Kilograms.
    Kg,
}

impl Units {
    /// `lb` or `kg`.
    pub fn as_str(self) -> &'static str {
        match self {
            Units::Lb => "lb",
            Units::Kg => "kg",
        }
    }

    /// Smallest load increment a gym can load (two plates).
    pub fn step(self) -> f64 {
        match self {
            Units::Lb => 5.0,
            Units::Kg => 2.5,
        }
    }

    /// The empty barbell.
    pub fn bar(self) -> f64 {
        match self {
            Units::Lb => 45.0,
            Units::Kg => 20.0,
        }
    }
}

/// A pre-injury lift: `weight` for `reps`, from which a 1RM is estimated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lift {
    /// `squat`, `deadlift`, `bench` ...
    pub name: String,
    /// Weight lifted, in the profile's units.
    pub weight: f64,
    /// Reps done at that weight (1 = a true 1RM).
    pub reps: u32,
}

impl Lift {
    /// Estimated 1RM (Epley; the weight itself for a single).
    pub fn one_rep_max(&self) -> f64 {
        if self.reps <= 1 {
            self.weight
        } else {
            self.weight * (1.0 + f64::from(self.reps) / 30.0)
        }
    }
}

/// A checked profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    /// Workspace identity: the stable part of every calendar UID.
    pub id: String,
    /// Built-in program id, or a path to a program file.
    pub program: String,
    /// First day of the program.
    pub start: NaiveDate,
    /// Day of the injury.
    pub injury_date: NaiveDate,
    /// Pain at rest at intake, 0-10: the first baseline [SYNTH].
    pub rest_pain: super::Pain,
    /// Red flags answered yes at intake (ids from docs/EVIDENCE.md).
    pub red_flags: Vec<super::Symptom>,
    /// Date of the intake screen.
    pub screened: NaiveDate,
    /// Pre-injury lifts.
    pub lifts: Vec<Lift>,
    /// lb or kg.
    pub units: Units,
    /// Training days, Monday first.
    pub days: Vec<Weekday>,
    /// Session start time, local.
    pub time: NaiveTime,
    /// IANA time zone.
    #[serde(serialize_with = "tz_name")]
    pub timezone: Zone,
    /// Session length in minutes.
    pub session_minutes: u32,
    /// Local time of the calendar's next-morning reminder to log pain (default 08:00).
    pub morning_reminder: NaiveTime,
    /// The person's name as they want it on the report and the history CSV (optional).
    pub name: Option<String>,
    /// Their physical therapist or clinician, e.g. `Dr Lee, PT` (optional).
    pub clinician: Option<String>,
    /// Adjustments to the program, in the order made (`graded adjust`): each only makes the
    /// plan more cautious [SYNTH].
    pub adjust: Vec<super::Adjustment>,
}

/// The next-morning reminder's time when the profile names none.
pub const DEFAULT_MORNING_REMINDER: NaiveTime = match NaiveTime::from_hms_opt(8, 0, 0) {
    Some(t) => t,
    None => panic!("a valid time"),
};

impl Profile {
    /// The lift with this name.
    pub fn lift(&self, name: &str) -> Option<&Lift> {
        self.lifts.iter().find(|l| l.name == name)
    }

    /// The session's local start time on `date`. A time that does not exist that day (the clocks
    /// jump over it) moves forward by the jump, e.g. 02:30 becomes 03:30, as a watch would.
    pub fn local_time(&self, date: NaiveDate) -> chrono::NaiveTime {
        self.local(date, self.time)
    }

    /// The next-morning reminder's local time on `date`, moved like a session's (see
    /// [`Profile::local_time`]).
    pub fn reminder_time(&self, date: NaiveDate) -> chrono::NaiveTime {
        self.local(date, self.morning_reminder)
    }

    /// When the next-morning score of a session on `date` is asked for: the morning after it,
    /// at the reminder's local time. The calendar's reminder and FHIR's dating of the score
    /// both take it from here.
    pub fn morning_after(&self, date: NaiveDate) -> (NaiveDate, chrono::NaiveTime) {
        let morning = date.succ_opt().unwrap_or(date);
        (morning, self.reminder_time(morning))
    }

    /// `time` on `date` as a watch shows it: a time the clocks jump over moves forward by the
    /// jump.
    fn local(&self, date: NaiveDate, time: NaiveTime) -> chrono::NaiveTime {
        use chrono::TimeZone;
        if !self.timezone.changes_on(date) {
            return time;
        }
        let naive = date.and_time(time);
        match self.timezone.from_local_datetime(&naive) {
            chrono::LocalResult::None => {
                let before = self
                    .timezone
                    .offset_from_utc_datetime(&(naive - chrono::Duration::hours(12)));
                let instant = naive
                    - chrono::Duration::seconds(i64::from(
                        chrono::Offset::fix(&before).local_minus_utc(),
                    ));
                self.timezone.from_utc_datetime(&instant).time()
            }
            _ => time,
        }
    }

    /// The built-in example: the seed case of docs/EVIDENCE.md.
    pub fn example() -> Profile {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).expect("valid date");
        Profile {
            id: "example".into(),
            program: "mid-back-strain".into(),
            start: d(11, 24),
            injury_date: d(11, 18),
            rest_pain: super::Pain::of(2),
            red_flags: vec![],
            screened: d(11, 24),
            lifts: vec![Lift {
                name: "squat".into(),
                weight: 235.0,
                reps: 1,
            }],
            units: Units::Lb,
            days: vec![Weekday::Mon, Weekday::Wed, Weekday::Fri, Weekday::Sat],
            time: NaiveTime::from_hms_opt(7, 0, 0).expect("valid time"),
            timezone: Zone::get("America/New_York").expect("a bundled zone"),
            session_minutes: 45,
            morning_reminder: DEFAULT_MORNING_REMINDER,
            name: None,
            clinician: None,
            adjust: vec![],
        }
    }
}

fn tz_name<S: serde::Serializer>(tz: &Zone, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(tz.name())
}

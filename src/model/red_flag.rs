//! The red-flag screen of docs/EVIDENCE.md (NICE NG59; Verhagen 2016; Finucane 2020 [IFOMPT]).

use serde::Serialize;

/// How urgently a red flag must be seen to. Ordered: `Soon < Urgent < Emergency`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Triage {
    /// S: stop progressing; see a clinician or physio soon.
    Soon,
    /// U: see a clinician within 24 hours.
    Urgent,
    /// E: call emergency services or go to the emergency department now.
    Emergency,
}

impl Triage {
    /// The one-letter code docs/EVIDENCE.md uses.
    pub fn code(self) -> char {
        match self {
            Triage::Soon => 'S',
            Triage::Urgent => 'U',
            Triage::Emergency => 'E',
        }
    }

    /// The lower-case word used in JSON (`soon`, `urgent`, `emergency`).
    pub fn word(self) -> &'static str {
        match self {
            Triage::Soon => "soon",
            Triage::Urgent => "urgent",
            Triage::Emergency => "emergency",
        }
    }

    /// What the person must do, in plain words.
    pub fn advice(self) -> &'static str {
        match self {
            Triage::Emergency => {
                "EMERGENCY: call emergency services (911 / 999 / 112) or go to the emergency \
                 department now. Do not exercise."
            }
            Triage::Urgent => {
                "URGENT: see a doctor or clinician within 24 hours. Do not continue the program \
                 until you have been seen."
            }
            Triage::Soon => {
                "SEE A CLINICIAN SOON: stop progressing and book a doctor or physical therapist \
                 appointment in the next few days."
            }
        }
    }
}

/// One question of the red-flag screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RedFlag {
    /// Stable id used on the command line and in the log.
    pub id: &'static str,
    /// The question: "do you have ...".
    pub question: &'static str,
    /// Its triage.
    pub triage: Triage,
}

use Triage::{Emergency as E, Soon as S, Urgent as U};

/// The full screen, in docs/EVIDENCE.md's order.
#[rustfmt::skip]
pub const RED_FLAGS: &[RedFlag] = &[
    RedFlag { id: "saddle-numbness", question: "New numbness or tingling in the groin, genitals, buttocks or inner thighs?", triage: E },
    RedFlag { id: "bladder-bowel", question: "New trouble passing urine, leaking, or loss of bowel control?", triage: E },
    RedFlag { id: "both-legs", question: "Weakness, numbness or tingling in both legs, or unsteady walking?", triage: E },
    RedFlag { id: "chest-pain", question: "Chest pain, pressure or tightness (or pain spreading to the arm, neck or jaw) that comes with sweating, nausea, faintness or breathlessness?", triage: E },
    RedFlag { id: "tearing-pain", question: "Sudden severe tearing pain through the chest to between the shoulder blades?", triage: E },
    RedFlag { id: "breathless", question: "Sudden breathlessness, coughing blood, racing heart or fainting?", triage: E },
    RedFlag { id: "breathing-pain", question: "Sharp pain on breathing in that has not eased (without breathlessness)?", triage: U },
    RedFlag { id: "major-trauma", question: "Pain that began after a serious accident or fall?", triage: E },
    RedFlag { id: "fever", question: "Fever, chills or feeling generally unwell?", triage: U },
    RedFlag { id: "cancer-history", question: "A history of cancer?", triage: U },
    RedFlag { id: "immune", question: "Weakened immune system, injecting drugs, recent infection or spinal procedure?", triage: U },
    RedFlag { id: "one-limb-nerve", question: "New weakness, numbness or tingling in one limb, or band-like pain around the trunk?", triage: U },
    RedFlag { id: "night-pain", question: "Constant pain not eased by rest or position, worse at night or waking you?", triage: U },
    RedFlag { id: "weight-loss", question: "Unexplained weight loss, a lump or a change in back shape?", triage: U },
    RedFlag { id: "steroids-osteoporosis", question: "Long-term oral steroids or known osteoporosis?", triage: U },
    RedFlag { id: "no-improvement", question: "No clear improvement after 4 weeks?", triage: S },
    RedFlag { id: "inflammatory", question: "Back pain over 3 months with 30+ min morning stiffness that eases with exercise?", triage: S },
];

/// The flags about a person's history, asked at intake and not again each week: they cannot
/// newly appear from one week to the next (a history of cancer, long-term steroids or
/// osteoporosis, a serious accident, longer-standing inflammatory back pain) [NG59][SYNTH].
pub const HISTORY: &[&str] = &[
    "cancer-history",
    "steroids-osteoporosis",
    "major-trauma",
    "inflammatory",
];

/// The weekly re-screen, `days` after the injury: every flag that can newly appear (not the
/// [`HISTORY`] ones), each with its [`question`] (the 4-week review only from 4 weeks on).
pub fn weekly(days: i64) -> impl Iterator<Item = (&'static RedFlag, &'static str)> {
    RED_FLAGS
        .iter()
        .filter(|f| !HISTORY.contains(&f.id))
        .filter_map(move |f| question(f, days).map(|q| (f, q)))
}

/// Days after the injury from which the 4-week review (`no-improvement`) can be answered.
pub const REVIEW_AFTER_DAYS: i64 = 28;

/// A question as a screen asks it, `days` after the injury (the intake's and the weekly one):
/// `no-improvement` asks about the time since the injury, and only once 4 weeks have passed
/// (before that it can only be no) [NHS-4W]; the others as they are written.
pub fn question(f: &RedFlag, days: i64) -> Option<&'static str> {
    match f.id {
        "no-improvement" if days < REVIEW_AFTER_DAYS => None,
        "no-improvement" => Some("4 weeks or more since the injury without clear improvement?"),
        _ => Some(f.question),
    }
}

/// A symptom id that older versions asked about as a red flag and that no longer stops the
/// program: old logs and profiles that hold it still load, and show it as a recorded symptom
/// with this note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retired {
    /// The id as it stands in old files.
    pub id: &'static str,
    /// Why it no longer stops the program, and what to log instead.
    pub note: &'static str,
}

/// Ids retired from the screen (NICE NG59 does not list cough or sneeze pain).
pub const RETIRED: &[Retired] = &[Retired {
    id: "cough-sneeze",
    note: "pain worse on coughing or sneezing is common in ordinary back strains and is no \
           longer a stopping flag; if it comes with numbness, tingling or weakness in a leg or \
           arm, log `one-limb-nerve`",
}];

/// A retired id, by id.
pub fn retired(id: &str) -> Option<&'static Retired> {
    RETIRED.iter().find(|r| r.id == id)
}

/// A symptom as recorded in a log or a profile: a red flag of the screen, or an id retired
/// from it (still read from old files, never stopping the program). Checked once, when read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symptom {
    /// A red flag of the screen.
    Flag(&'static RedFlag),
    /// An id the screen no longer asks about.
    Retired(&'static Retired),
}

impl Symptom {
    /// The symptom with this id, if it is a flag or a retired one.
    pub fn parse(id: &str) -> Option<Symptom> {
        find(id)
            .map(Symptom::Flag)
            .or_else(|| retired(id).map(Symptom::Retired))
    }

    /// Its id, as files and the command line spell it.
    pub fn id(self) -> &'static str {
        match self {
            Symptom::Flag(f) => f.id,
            Symptom::Retired(r) => r.id,
        }
    }

    /// The red flag, unless it is retired.
    pub fn flag(self) -> Option<&'static RedFlag> {
        match self {
            Symptom::Flag(f) => Some(f),
            Symptom::Retired(_) => None,
        }
    }
}

impl std::fmt::Display for Symptom {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl serde::Serialize for Symptom {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// Symptoms as their ids joined by `sep` (`fever;night-pain`).
pub fn ids(symptoms: &[Symptom], sep: &str) -> String {
    let mut out = String::new();
    write_ids(&mut out, symptoms, sep);
    out
}

/// Appends [`ids`] to `out`.
pub fn write_ids(out: &mut String, symptoms: &[Symptom], sep: &str) {
    for (i, s) in symptoms.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(s.id());
    }
}

/// Nerve-symptom flags: with any of them, `cancer-history` becomes an emergency (docs/EVIDENCE.md).
const NERVE_FLAGS: &[&str] = &[
    "saddle-numbness",
    "bladder-bowel",
    "both-legs",
    "one-limb-nerve",
];

/// Looks a red flag up by id.
pub fn find(id: &str) -> Option<&'static RedFlag> {
    RED_FLAGS.iter().find(|f| f.id == id)
}

/// The highest triage among the given symptoms (retired ones have none).
pub fn worst_triage(symptoms: &[Symptom]) -> Option<Triage> {
    let nerve = symptoms.iter().any(|s| NERVE_FLAGS.contains(&s.id()));
    symptoms
        .iter()
        .filter_map(|s| s.flag())
        .map(|f| {
            if f.id == "cancer-history" && nerve {
                Triage::Emergency
            } else {
                f.triage
            }
        })
        .max()
}

/// Checks a red-flag id given by a person: a flag of the screen, or a message that says why not
/// (a retired id says what to log instead).
pub fn check(id: &str) -> Result<Symptom, String> {
    if let Some(f) = find(id) {
        return Ok(Symptom::Flag(f));
    }
    Err(match retired(id) {
        Some(r) => format!("`{id}` is no longer a red flag: {}", r.note),
        None => {
            let close = close_to(id);
            if close.is_empty() {
                format!(
                    "unknown red flag `{id}`; valid ids: {} (each with its question: `graded screen --help`)",
                    all_ids()
                )
            } else {
                let width = close.iter().map(|f| f.id.len()).max().unwrap_or(0);
                let lines: Vec<String> = close
                    .iter()
                    .map(|f| format!("  {:<width$}  {}", f.id, f.question))
                    .collect();
                format!(
                    "unknown red flag `{id}`; did you mean {}?\n{}\n(every id with its question: `graded screen --help`)",
                    if close.len() == 1 {
                        "this one"
                    } else {
                        "one of these"
                    },
                    lines.join("\n")
                )
            }
        }
    })
}

/// The red flags a mistyped or worded id may mean, in the screen's order: an id one or two
/// letters off (`fevr`), or a word of the id or of the question (`numbness`: the saddle, both
/// legs, one limb).
pub fn close_to(id: &str) -> Vec<&'static RedFlag> {
    let typed = id.trim().to_lowercase().replace([' ', '_'], "-");
    let near: Vec<&'static RedFlag> = RED_FLAGS
        .iter()
        .filter(|f| edits(&typed, f.id) <= 2)
        .collect();
    if !near.is_empty() {
        return near;
    }
    // Words too common in the questions to say which one is meant.
    const COMMON: &[&str] = &["pain", "new", "the", "and", "with", "that", "from", "not"];
    let words: Vec<&str> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 3 && !COMMON.contains(w))
        .collect();
    RED_FLAGS
        .iter()
        .filter(|f| {
            words.iter().any(|w| {
                let question = f.question.to_lowercase();
                f.id.split('-')
                    .any(|p| p == *w || edits(p, w) <= 1 && w.len() >= 5)
                    || question
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|q| q == *w || (w.len() >= 5 && q.starts_with(*w)))
            })
        })
        .collect()
}

/// The edit distance of two short words (Levenshtein).
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            prev = here;
        }
    }
    row[b.len()]
}

/// Red flags in plain words: each question as a phrase (`back pain over 3 months ...`), joined
/// by `; `; a retired id stays as it is.
pub fn in_words(symptoms: &[Symptom]) -> String {
    symptoms
        .iter()
        .map(|s| match s.flag() {
            Some(f) => {
                let q = f.question.trim_end_matches('?');
                let mut c = q.chars();
                c.next()
                    .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            }
            None => s.id().to_string(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// All valid ids, comma-separated, for error messages.
pub fn all_ids() -> String {
    RED_FLAGS
        .iter()
        .map(|f| f.id)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether every one of `flags` can be answered `days` after the injury: "no clear
/// improvement after 4 weeks" cannot be true sooner [NHS-4W]. The error names the flag and
/// the day it can be answered from; the caller names its option.
pub fn answerable(flags: &[Symptom], days: i64) -> Result<(), String> {
    match flags.iter().find(|f| f.id() == "no-improvement") {
        Some(_) if days < REVIEW_AFTER_DAYS => Err(format!(
            "no-improvement: it is {days} days since the injury; \"no clear improvement after 4 \
             weeks\" can only be answered from {REVIEW_AFTER_DAYS} days on (if things are getting \
             worse, see a clinician)"
        )),
        _ => Ok(()),
    }
}

/// Words that, in a line a person wrote in a calendar event's notes, read like a warning sign
/// (the screen's questions in everyday words). A calendar is never where one is logged: such a
/// line stops the event from being read, and the person is sent to `graded log --symptom` or a
/// clinician (issue 23).
const WARNING_WORDS: &[&str] = &[
    "numb",
    "tingl",
    "pins and needles",
    "weak",
    "bladder",
    "bowel",
    "urin",
    "incontinen",
    "leak",
    "saddle",
    "groin",
    "genital",
    "fever",
    "chills",
    "unwell",
    "chest",
    "breath",
    "faint",
    "cough",
    "blood",
    "racing heart",
    "night",
    "waking",
    "weight loss",
    "lump",
    "accident",
    "fell",
    "a fall",
    "tearing",
    "red flag",
    "symptom",
    "unsteady",
    "can't feel",
    "cannot feel",
    "shooting",
    "down my leg",
    "down the leg",
    "sciatica",
];

/// The warning word a line holds, if any: one of [`WARNING_WORDS`] at the start of a word,
/// case and punctuation aside (`urin` in "urine", not in "during").
pub fn looks_like_warning(line: &str) -> Option<&'static str> {
    let words: String = line
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .fold(String::new(), |acc, w| acc + " " + w);
    WARNING_WORDS
        .iter()
        .copied()
        .find(|w| words.contains(&format!(" {w}")))
}

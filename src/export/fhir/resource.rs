//! The FHIR R4 shapes graded writes: element names and order as R4 gives them; empty lists and
//! absent values are left out, as FHIR requires. Only the elements graded fills are here.

use std::borrow::Cow;

use serde::Serialize;

/// A Bundle: its type and its entries.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Bundle<E> {
    pub(super) resource_type: &'static str,
    #[serde(rename = "type")]
    pub(super) kind: &'static str,
    /// The entries, written as they are made (see `Entries`).
    pub(super) entry: E,
}

/// One entry: where it lives in the Bundle, the resource, and the request that files it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Entry<'a> {
    pub(super) full_url: String,
    pub(super) resource: Resource<'a>,
    pub(super) request: Request,
}

/// A transaction entry's request (`PUT Observation/<id>`).
#[derive(Serialize)]
pub(super) struct Request {
    pub(super) method: &'static str,
    pub(super) url: String,
}

/// The resources graded writes, each tagged with its `resourceType`.
#[derive(Serialize)]
#[serde(tag = "resourceType")]
pub(super) enum Resource<'a> {
    Patient(Patient<'a>),
    Condition(Condition<'a>),
    CarePlan(CarePlan<'a>),
    Observation(Observation<'a>),
}

/// The person: only what the profile holds (the workspace's identity, and the name when the
/// profile gives one).
#[derive(Serialize)]
pub(super) struct Patient<'a> {
    pub(super) id: String,
    pub(super) identifier: [Identifier<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) name: Vec<HumanName<'a>>,
}

/// A person's name as they gave it: `text` only (graded never splits a name into given and
/// family parts it cannot tell apart).
#[derive(Serialize)]
pub(super) struct HumanName<'a> {
    #[serde(rename = "use")]
    pub(super) kind: &'static str,
    pub(super) text: Cow<'a, str>,
}

/// An Identifier: a system and a value.
#[derive(Serialize)]
pub(super) struct Identifier<'a> {
    pub(super) system: &'static str,
    pub(super) value: Cow<'a, str>,
}

/// The strain the program is for, as the person reported it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Condition<'a> {
    pub(super) id: String,
    pub(super) clinical_status: Concept<'a>,
    pub(super) verification_status: Concept<'a>,
    pub(super) code: Concept<'a>,
    pub(super) subject: Ref,
    pub(super) onset_date_time: String,
    pub(super) note: Vec<Annotation<'a>>,
}

/// The program as a plan: its status, stages and notes.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct CarePlan<'a> {
    pub(super) id: String,
    pub(super) status: &'static str,
    pub(super) intent: &'static str,
    pub(super) title: Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) description: Option<Cow<'a, str>>,
    pub(super) subject: Ref,
    pub(super) period: Period,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) addresses: Vec<Ref>,
    pub(super) activity: Vec<Activity<'a>>,
    pub(super) note: Vec<Annotation<'a>>,
}

/// One stage of the plan, with its visits as progress notes.
#[derive(Serialize)]
pub(super) struct Activity<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) progress: Vec<Annotation<'a>>,
    pub(super) detail: Detail<'a>,
}

/// A stage: its name, status, dates and contents.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Detail<'a> {
    pub(super) code: Concept<'a>,
    pub(super) status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) status_reason: Option<Concept<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) scheduled_period: Option<Period>,
    pub(super) description: Cow<'a, str>,
}

/// One recorded score, effort, symptom, or the record of a log row.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Observation<'a> {
    pub(super) id: String,
    pub(super) based_on: [Ref; 1],
    pub(super) status: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) category: Vec<Concept<'a>>,
    pub(super) code: Concept<'a>,
    pub(super) subject: Ref,
    pub(super) effective_date_time: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) performer: Vec<Ref>,
    #[serde(flatten)]
    pub(super) value: Value<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) note: Vec<Annotation<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) has_member: Vec<Ref>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) component: Vec<Component<'a>>,
}

/// `value[x]` of an Observation or a component (the variant names the element).
/// `value[x]` of an Observation or a component.
#[derive(Serialize)]
pub(super) enum Value<'a> {
    #[serde(rename = "valueQuantity")]
    Quantity(Quantity),
    #[serde(rename = "valueCodeableConcept")]
    Concept(Concept<'a>),
    #[serde(rename = "valueBoolean")]
    Boolean(bool),
    #[serde(rename = "valueString")]
    String(Cow<'a, str>),
}

/// An Observation's component: a code and its value.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Component<'a> {
    pub(super) code: Concept<'a>,
    #[serde(flatten)]
    pub(super) value: Value<'a>,
}

/// A Quantity in UCUM units (`{score}`, `min`).
#[derive(Serialize)]
pub(super) struct Quantity {
    pub(super) value: Number,
    pub(super) unit: &'static str,
    pub(super) system: &'static str,
    pub(super) code: &'static str,
}

/// A whole number, or a decimal (an RPE in half points).
#[derive(Serialize)]
#[serde(untagged)]
pub(super) enum Number {
    Whole(u32),
    Decimal(f64),
}

/// A CodeableConcept: codings and words.
/// A CodeableConcept.
#[derive(Serialize, Default)]
pub(super) struct Concept<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) coding: Vec<Coding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) text: Option<Cow<'a, str>>,
}

/// One code of a code system, with its words.
#[derive(Serialize)]
pub(super) struct Coding {
    pub(super) system: &'static str,
    pub(super) code: &'static str,
    pub(super) display: &'static str,
}

/// A Reference (the `urn:uuid:` fullUrl of an entry).
#[derive(Serialize, Clone)]
pub(super) struct Ref {
    pub(super) reference: String,
}

/// An Annotation: a note, by the person or by graded.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Annotation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) author_reference: Option<Ref>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) author_string: Option<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) time: Option<String>,
    pub(super) text: Cow<'a, str>,
}

/// A Period of dates (either end may be open).
#[derive(Serialize, Default)]
pub(super) struct Period {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) end: Option<String>,
}

impl Concept<'_> {
    /// One coding, and the same words as text.
    pub(super) fn code(
        system: &'static str,
        code: &'static str,
        display: &'static str,
    ) -> Concept<'static> {
        Concept {
            coding: vec![Coding {
                system,
                code,
                display,
            }],
            text: Some(Cow::Borrowed(display)),
        }
    }

    /// Text only (no code fits, or none is certain).
    pub(super) fn text<'t>(text: impl Into<Cow<'t, str>>) -> Concept<'t> {
        Concept {
            coding: vec![],
            text: Some(text.into()),
        }
    }
}

impl<'a> Concept<'a> {
    /// The same concept with other words as its text.
    pub(super) fn worded(mut self, text: impl Into<Cow<'a, str>>) -> Concept<'a> {
        self.text = Some(text.into());
        self
    }
}

impl Annotation<'_> {
    /// A note by graded itself (`time`: the day it is about, if any).
    pub(super) fn graded(
        time: Option<String>,
        text: impl Into<Cow<'static, str>>,
    ) -> Annotation<'static> {
        Annotation {
            author_reference: None,
            author_string: Some(Cow::Borrowed("graded")),
            time,
            text: text.into(),
        }
    }
}

impl Resource<'_> {
    /// Its resource type and id.
    pub(super) fn kind_and_id(&self) -> (&'static str, &str) {
        match self {
            Resource::Patient(r) => ("Patient", &r.id),
            Resource::Condition(r) => ("Condition", &r.id),
            Resource::CarePlan(r) => ("CarePlan", &r.id),
            Resource::Observation(r) => ("Observation", &r.id),
        }
    }
}

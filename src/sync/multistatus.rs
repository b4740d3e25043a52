//! WebDAV `multistatus` answers (RFC 4918 §13, RFC 4791 for the CalDAV properties), read with
//! a namespace-aware XML parser: the prefixes a server picks (`D:`, `d:`, a default namespace)
//! do not matter, only the namespace URIs do.
//!
//! The answer is read into a small element tree first, then the properties graded asks for
//! are picked out of each `response`: a malformed document is an error, an unknown property
//! is ignored.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};

/// The WebDAV namespace.
pub const DAV: &str = "DAV:";
/// The CalDAV namespace.
pub const CALDAV: &str = "urn:ietf:params:xml:ns:caldav";

/// Why a multistatus answer could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed WebDAV answer: {0}")]
pub struct XmlError(pub String);

/// One XML element: its namespace URI (empty when unbound), local name, children and text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    /// Namespace URI.
    pub ns: String,
    /// Local name.
    pub name: String,
    /// Attributes by local name (namespace declarations left out).
    pub attributes: Vec<(String, String)>,
    /// Child elements in document order.
    pub children: Vec<Element>,
    /// The text directly inside it (entities resolved, CDATA included).
    pub text: String,
}

impl Element {
    /// Whether it is `{ns}name`.
    pub fn is(&self, ns: &str, name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    /// The first child `{ns}name`.
    pub fn child(&self, ns: &str, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.is(ns, name))
    }

    /// Every child `{ns}name`.
    pub fn children_named<'a>(
        &'a self,
        ns: &'a str,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.is(ns, name))
    }

    /// An attribute's value, by local name.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The text, trimmed.
    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }
}

/// Parses a whole XML document into its root element.
pub fn parse_tree(xml: &str) -> Result<Element, XmlError> {
    let mut reader = NsReader::from_str(xml);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let err = |e: &dyn std::fmt::Display, pos: u64| XmlError(format!("{e} (at byte {pos})"));
    loop {
        let pos = reader.buffer_position();
        let (resolved, event) = reader.read_resolved_event().map_err(|e| err(&e, pos))?;
        let ns = match resolved {
            ResolveResult::Bound(ns) => ns.0.to_string(),
            ResolveResult::Unbound => String::new(),
            ResolveResult::Unknown(prefix) => {
                return Err(XmlError(format!(
                    "undeclared namespace prefix {prefix:?} (at byte {pos})"
                )));
            }
        };
        match event {
            Event::Start(e) => {
                if root.is_some() {
                    return Err(XmlError("content after the root element".into()));
                }
                stack.push(element(ns, &e).map_err(|e| err(&e, pos))?);
            }
            Event::Empty(e) => {
                let el = element(ns, &e).map_err(|e| err(&e, pos))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None if root.is_none() => root = Some(el),
                    None => return Err(XmlError("content after the root element".into())),
                }
            }
            Event::End(_) => {
                // quick-xml checks that end tags match their start tags.
                let el = stack
                    .pop()
                    .ok_or_else(|| XmlError("unbalanced end tag".into()))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&c.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let c = r.resolve_char_ref().map_err(|e| err(&e, pos))?;
                let name = r.xml10_content();
                let s = match c {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_xml_entity(&name)
                        .ok_or_else(|| {
                            XmlError(format!("unknown entity &{name}; (at byte {pos})"))
                        })?
                        .to_string(),
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&s);
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(XmlError(format!(
            "the document ends inside <{}>",
            stack.last().map(|e| e.name.as_str()).unwrap_or_default()
        )));
    }
    root.ok_or_else(|| XmlError("no root element".into()))
}

/// An element from its start tag: namespace, local name, attributes (by local name).
fn element(ns: String, start: &BytesStart<'_>) -> Result<Element, quick_xml::Error> {
    let mut attributes = Vec::new();
    for a in start.attributes() {
        let a = a?;
        if a.key.as_namespace_binding().is_some() {
            continue;
        }
        let key = a.key.local_name().as_ref().to_string();
        attributes.push((
            key,
            a.normalized_value(XmlVersion::Implicit1_0)?.into_owned(),
        ));
    }
    Ok(Element {
        ns,
        name: start.local_name().as_ref().to_string(),
        attributes,
        ..Element::default()
    })
}

/// The code of an HTTP status line (`HTTP/1.1 200 OK` is 200).
pub fn status_code(line: &str) -> Option<u16> {
    let mut words = line.split_whitespace();
    let proto = words.next()?;
    if !proto.starts_with("HTTP/") {
        return None;
    }
    words.next()?.parse().ok()
}

/// The properties graded reads, from the `propstat`s whose status is 2xx.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Props {
    /// `{DAV:}getetag`, as the server sent it (quotes included: it goes back in `If-Match`).
    pub etag: Option<String>,
    /// `{DAV:}resourcetype`'s children, as `(namespace, name)`.
    pub resourcetype: Vec<(String, String)>,
    /// `{DAV:}displayname`.
    pub displayname: Option<String>,
    /// `{DAV:}current-user-principal`'s href.
    pub current_user_principal: Option<String>,
    /// `{caldav}calendar-home-set`'s hrefs.
    pub calendar_home_set: Vec<String>,
    /// `{caldav}supported-calendar-component-set`: the component names (`VEVENT`, `VTODO`).
    pub components: Vec<String>,
    /// `{caldav}calendar-data` (REPORT answers).
    pub calendar_data: Option<String>,
}

impl Props {
    /// Whether the resource is a calendar collection.
    pub fn is_calendar(&self) -> bool {
        self.resourcetype
            .iter()
            .any(|(ns, n)| ns == CALDAV && n == "calendar")
    }

    /// Whether the resource is a collection.
    pub fn is_collection(&self) -> bool {
        self.resourcetype
            .iter()
            .any(|(ns, n)| ns == DAV && n == "collection")
    }

    /// Whether the calendar takes events: it says so, or it does not say (RFC 4791 §5.2.3:
    /// absent means any component).
    pub fn takes_events(&self) -> bool {
        self.components.is_empty() || self.components.iter().any(|c| c == "VEVENT")
    }
}

/// One `{DAV:}response`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Response {
    /// The first `href`, as the server wrote it (a path or an absolute URL, percent-encoded).
    pub href: String,
    /// The response's own status, when it has one instead of propstats (404 for a member gone).
    pub status: Option<u16>,
    /// The properties found (2xx propstats only).
    pub props: Props,
}

/// Reads a `{DAV:}multistatus` document.
pub fn parse_multistatus(xml: &str) -> Result<Vec<Response>, XmlError> {
    let root = parse_tree(xml)?;
    if !root.is(DAV, "multistatus") {
        return Err(XmlError(format!(
            "expected a DAV: multistatus, found <{}> in {:?}",
            root.name, root.ns
        )));
    }
    root.children_named(DAV, "response").map(response).collect()
}

fn response(el: &Element) -> Result<Response, XmlError> {
    let href = el
        .child(DAV, "href")
        .map(|h| h.trimmed().to_string())
        .filter(|h| !h.is_empty())
        .ok_or_else(|| XmlError("a response without an href".into()))?;
    let status = match el.child(DAV, "status") {
        Some(s) => Some(
            status_code(s.trimmed())
                .ok_or_else(|| XmlError(format!("bad status line {:?}", s.trimmed())))?,
        ),
        None => None,
    };
    let mut props = Props::default();
    for ps in el.children_named(DAV, "propstat") {
        let line = ps
            .child(DAV, "status")
            .map(|s| s.trimmed())
            .ok_or_else(|| XmlError(format!("a propstat without a status for {href}")))?;
        let code =
            status_code(line).ok_or_else(|| XmlError(format!("bad status line {line:?}")))?;
        if !(200..300).contains(&code) {
            continue;
        }
        let Some(prop) = ps.child(DAV, "prop") else {
            continue;
        };
        for p in &prop.children {
            read_prop(p, &mut props);
        }
    }
    Ok(Response {
        href,
        status,
        props,
    })
}

fn hrefs(el: &Element) -> impl Iterator<Item = String> + '_ {
    el.children_named(DAV, "href")
        .map(|h| h.trimmed().to_string())
        .filter(|h| !h.is_empty())
}

fn read_prop(p: &Element, props: &mut Props) {
    let text = || Some(p.trimmed().to_string()).filter(|t| !t.is_empty());
    match (p.ns.as_str(), p.name.as_str()) {
        (DAV, "getetag") => props.etag = text(),
        (DAV, "displayname") => props.displayname = text(),
        (DAV, "resourcetype") => {
            props.resourcetype = p
                .children
                .iter()
                .map(|c| (c.ns.clone(), c.name.clone()))
                .collect()
        }
        (DAV, "current-user-principal") => props.current_user_principal = hrefs(p).next(),
        (CALDAV, "calendar-home-set") => props.calendar_home_set = hrefs(p).collect(),
        (CALDAV, "supported-calendar-component-set") => {
            props.components = p
                .children_named(CALDAV, "comp")
                .filter_map(|c| c.attribute("name").map(str::to_string))
                .collect()
        }
        // calendar-data keeps its text as sent: it is an iCalendar object.
        (CALDAV, "calendar-data") => {
            props.calendar_data = Some(p.text.clone()).filter(|t| !t.trim().is_empty())
        }
        _ => {}
    }
}

//! A canned CalDAV server on localhost, enough for `graded sync` (issue 18): a handler per
//! request, every request recorded (method, path, whether it carried the password, headers,
//! body), each connection served on its own thread. [`FakeCalendar`] answers like one calendar
//! collection (PROPFIND lists what was PUT, PUT stores), with a delay per PUT, PUTs that are
//! never answered, and extra entries in its listing.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request as the server saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub method: String,
    pub path: String,
    /// Whether it carried `Authorization: Basic`.
    pub authorized: bool,
    /// The header lines, lowercase.
    pub headers: String,
    pub body: String,
}

/// An answer: status line (`207 Multi-Status`), extra header lines (each ending `\r\n`), body.
/// `None`: no answer at all, the connection held open.
pub type Reply = Option<(String, String, String)>;

/// Serves `handler` on `127.0.0.1:0`; the origin (`http://HOST:PORT`, `host` as given) and the
/// requests seen.
pub fn serve(
    host: &str,
    handler: impl Fn(&Seen) -> Reply + Send + Sync + 'static,
) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let origin = format!("http://{host}:{}", listener.local_addr().unwrap().port());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let handler = Arc::new(handler);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let (log, handler) = (log.clone(), handler.clone());
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                if reader.read_line(&mut request).unwrap_or(0) == 0 {
                    return;
                }
                let mut headers = String::new();
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    let lower = line.to_ascii_lowercase();
                    if let Some(v) = lower.strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap();
                    }
                    headers.push_str(&lower);
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let mut parts = request.split(' ');
                let seen = Seen {
                    method: parts.next().unwrap_or("").into(),
                    path: parts.next().unwrap_or("").into(),
                    authorized: headers.contains("authorization: basic "),
                    headers,
                    body: String::from_utf8_lossy(&body).into_owned(),
                };
                log.lock().unwrap().push(seen.clone());
                let Some((status, extra, body)) = handler(&seen) else {
                    // Held open until the client goes away.
                    let _ = reader.read_to_end(&mut Vec::new());
                    return;
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\n{extra}Content-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            });
        }
    });
    (origin, seen)
}

/// `<d:multistatus>` around `inner`.
pub fn multistatus(inner: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">{inner}</d:multistatus>"#
    )
}

/// A `207 Multi-Status` reply.
pub fn ok207(inner: &str) -> Reply {
    Some(("207 Multi-Status".into(), String::new(), multistatus(inner)))
}

/// One calendar collection at `/cal/`, held in memory.
#[derive(Clone, Default)]
pub struct FakeCalendar {
    /// Path -> (ETag, body).
    pub events: Arc<Mutex<BTreeMap<String, (String, String)>>>,
    /// Extra `<d:response>`s in every listing.
    pub extra: Arc<Mutex<String>>,
    /// Milliseconds each PUT waits before it is answered.
    pub put_delay_ms: Arc<AtomicU64>,
    /// The next PUT is stored but never answered (then this is cleared).
    pub hold_next_put: Arc<AtomicBool>,
    /// The body of every `REPORT` answer instead of the events asked for (a hostile server).
    pub report_body: Arc<Mutex<Option<String>>>,
    counter: Arc<AtomicU64>,
}

impl FakeCalendar {
    /// Its answer to `seen`.
    pub fn reply(&self, seen: &Seen) -> Reply {
        match seen.method.as_str() {
            "PROPFIND" if seen.path == "/cal/" => {
                let mut inner = String::from(
                    "<d:response><d:href>/cal/</d:href><d:propstat><d:prop><d:resourcetype>\
                     <d:collection/><c:calendar/></d:resourcetype><d:displayname>graded\
                     </d:displayname></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>\
                     </d:response>",
                );
                if seen.headers.contains("depth: 1") {
                    for (path, (etag, _)) in self.events.lock().unwrap().iter() {
                        inner.push_str(&format!(
                            "<d:response><d:href>{path}</d:href><d:propstat><d:prop>\
                             <d:getetag>{etag}</d:getetag><d:resourcetype/></d:prop>\
                             <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
                        ));
                    }
                    inner.push_str(&self.extra.lock().unwrap());
                }
                ok207(&inner)
            }
            "PUT" if seen.path.starts_with("/cal/") => {
                let mut events = self.events.lock().unwrap();
                let exists = events.contains_key(&seen.path);
                let create_only = seen.headers.contains("if-none-match: *");
                let if_match = seen
                    .headers
                    .lines()
                    .find_map(|l| l.strip_prefix("if-match: "))
                    .map(str::trim);
                let refused = (create_only && exists)
                    || if_match.is_some_and(|m| {
                        events.get(&seen.path).is_none_or(|(e, _)| e.as_str() != m)
                    });
                if refused {
                    return Some((
                        "412 Precondition Failed".into(),
                        String::new(),
                        String::new(),
                    ));
                }
                let n = self.counter.fetch_add(1, Ordering::SeqCst);
                let etag = format!("\"e{n}\"");
                events.insert(seen.path.clone(), (etag.clone(), seen.body.clone()));
                drop(events);
                if self.hold_next_put.swap(false, Ordering::SeqCst) {
                    return None;
                }
                std::thread::sleep(Duration::from_millis(
                    self.put_delay_ms.load(Ordering::SeqCst),
                ));
                Some((
                    if exists {
                        "204 No Content"
                    } else {
                        "201 Created"
                    }
                    .into(),
                    format!("ETag: {etag}\r\n"),
                    String::new(),
                ))
            }
            "REPORT" if seen.path == "/cal/" => {
                if let Some(body) = self.report_body.lock().unwrap().clone() {
                    return Some(("207 Multi-Status".into(), String::new(), body));
                }
                let events = self.events.lock().unwrap();
                let mut inner = String::new();
                for href in seen.body.split("<D:href>").skip(1) {
                    let href = href.split("</D:href>").next().unwrap();
                    match events.get(href) {
                        Some((etag, body)) => inner.push_str(&format!(
                            "<d:response><d:href>{href}</d:href><d:propstat><d:prop>\
                             <d:getetag>{etag}</d:getetag><c:calendar-data>{}</c:calendar-data>\
                             </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>\
                             </d:response>",
                            body.replace('&', "&amp;").replace('<', "&lt;")
                        )),
                        None => inner.push_str(&format!(
                            "<d:response><d:href>{href}</d:href><d:status>HTTP/1.1 404 Not \
                             Found</d:status></d:response>"
                        )),
                    }
                }
                ok207(&inner)
            }
            _ => Some(("404 Not Found".into(), String::new(), String::new())),
        }
    }

    /// Replaces the event at `path` as another client would (a new ETag).
    pub fn edit(&self, path: &str, body: String) {
        let n = self.counter.fetch_add(1, Ordering::SeqCst);
        self.events
            .lock()
            .unwrap()
            .insert(path.to_string(), (format!("\"p{n}\""), body));
    }

    /// Served on localhost: the calendar's URL and the requests seen.
    pub fn start(&self) -> (String, Arc<Mutex<Vec<Seen>>>) {
        let me = self.clone();
        let (origin, seen) = serve("127.0.0.1", move |s| me.reply(s));
        (format!("{origin}/cal/"), seen)
    }

    /// The PUTs seen.
    pub fn puts(seen: &Mutex<Vec<Seen>>) -> Vec<Seen> {
        seen.lock()
            .unwrap()
            .iter()
            .filter(|s| s.method == "PUT")
            .cloned()
            .collect()
    }
}

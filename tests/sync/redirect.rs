//! Redirects and `/.well-known/caldav` (RFC 6764), from canned localhost servers that record
//! what they were sent: graded follows redirects itself (the method, body and password kept)
//! only to the same host or a sibling host of the same site over HTTPS, and asks a bare host's
//! well-known URL first.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use graded::sync::dav::{Client, DavError, MAX_REDIRECTS, Put, may_follow, well_known};

/// One request as the server saw it: method, path, whether it carried the password, body.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    method: String,
    path: String,
    authorized: bool,
    /// Whether it carried `If-None-Match: *`.
    create_only: bool,
    body: String,
}

type Route = (&'static str, String, String, String);

/// A server answering `(method, path) -> (status line, extra headers, body)`, 404 otherwise;
/// its origin (`http://HOST:PORT` with `host`) and what it was sent.
fn routed(host: &str, routes: Vec<Route>) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let origin = format!("http://{host}:{}", listener.local_addr().unwrap().port());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let routes = Arc::new(Mutex::new(routes));
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            reader.read_line(&mut request).unwrap();
            let mut length = 0;
            let mut authorized = false;
            let mut create_only = false;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                let lower = line.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
                authorized |= lower.starts_with("authorization: basic ");
                create_only |= lower.trim_end() == "if-none-match: *";
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let mut parts = request.split(' ');
            let (method, path) = (parts.next().unwrap(), parts.next().unwrap());
            log.lock().unwrap().push(Seen {
                method: method.into(),
                path: path.into(),
                authorized,
                create_only,
                body: String::from_utf8(body).unwrap(),
            });
            let routes = routes.lock().unwrap();
            let (status, headers, body) = routes
                .iter()
                .find(|(m, p, ..)| *m == method && p == path)
                .map_or(("404 Not Found", "", ""), |(_, _, h, b)| {
                    let status = h.lines().next().unwrap();
                    let rest = h.split_once('\n').map_or("", |(_, r)| r);
                    (status, rest, b.as_str())
                });
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\n{headers}Content-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (origin, seen)
}

/// A route: `method path` answered `status` with `headers` (each `Name: value\r\n`) and `body`.
fn route(method: &'static str, path: &str, status: &str, headers: &str, body: &str) -> Route {
    (
        method,
        path.into(),
        format!("{status}\n{headers}"),
        body.into(),
    )
}

fn multistatus(inner: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">{inner}</d:multistatus>"#
    )
}

fn discovery_routes(principal_at: &str) -> Vec<Route> {
    vec![
        route(
            "PROPFIND",
            principal_at,
            "207 Multi-Status",
            "",
            &multistatus(
                "<d:response><d:href>/dav/</d:href><d:propstat><d:prop><d:current-user-principal>\
                 <d:href>/dav/principals/alice/</d:href></d:current-user-principal></d:prop>\
                 <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>",
            ),
        ),
        route(
            "PROPFIND",
            "/dav/principals/alice/",
            "207 Multi-Status",
            "",
            &multistatus(
                "<d:response><d:href>/dav/principals/alice/</d:href><d:propstat><d:prop>\
                 <c:calendar-home-set><d:href>/dav/calendars/alice/</d:href></c:calendar-home-set>\
                 </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>",
            ),
        ),
        route(
            "PROPFIND",
            "/dav/calendars/alice/",
            "207 Multi-Status",
            "",
            &multistatus(
                "<d:response><d:href>/dav/calendars/alice/</d:href><d:propstat><d:prop>\
                 <d:resourcetype><d:collection/></d:resourcetype></d:prop>\
                 <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>\
                 <d:response><d:href>/dav/calendars/alice/home/</d:href><d:propstat><d:prop>\
                 <d:resourcetype><d:collection/><c:calendar/></d:resourcetype>\
                 <d:displayname>Home</d:displayname></d:prop>\
                 <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>",
            ),
        ),
    ]
}

fn client() -> Client {
    Client::new("alice", "secret", false)
}

#[test]
fn a_bare_host_is_asked_at_its_well_known_url_first_and_the_redirect_followed_as_propfind() {
    let mut routes = discovery_routes("/dav/");
    routes.push(route(
        "PROPFIND",
        "/.well-known/caldav",
        "301 Moved Permanently",
        "Location: /dav/\r\n",
        "",
    ));
    let (origin, seen) = routed("localhost", routes);
    assert_eq!(
        well_known(&origin).as_deref(),
        Some(format!("{origin}/.well-known/caldav").as_str())
    );
    let found = client().discover(&origin).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].url, format!("{origin}/dav/calendars/alice/home/"));
    assert_eq!(found[0].displayname.as_deref(), Some("Home"));
    let seen = seen.lock().unwrap().clone();
    let asked: Vec<(&str, &str)> = seen
        .iter()
        .map(|s| (s.method.as_str(), s.path.as_str()))
        .collect();
    assert_eq!(
        asked,
        [
            ("PROPFIND", "/.well-known/caldav"),
            // A 301 to a PROPFIND is followed as a PROPFIND (ureq alone would send a GET).
            ("PROPFIND", "/dav/"),
            ("PROPFIND", "/dav/principals/alice/"),
            ("PROPFIND", "/dav/calendars/alice/"),
        ]
    );
    assert!(seen.iter().all(|s| s.authorized), "the password every time");
    assert!(
        seen[1].body.contains("current-user-principal"),
        "the body sent again"
    );
}

#[test]
fn a_server_without_the_well_known_url_is_asked_at_the_url_itself() {
    let (origin, seen) = routed("localhost", discovery_routes("/"));
    let found = client().discover(&format!("{origin}/")).unwrap();
    assert_eq!(found.len(), 1);
    let paths: Vec<String> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|s| s.path.clone())
        .collect();
    assert_eq!(paths[..2], ["/.well-known/caldav", "/"]);
    // A URL with a path is asked as it is.
    assert_eq!(well_known(&format!("{origin}/dav/")), None);
    assert_eq!(
        well_known("https://caldav.icloud.com"),
        Some("https://caldav.icloud.com/.well-known/caldav".into())
    );
}

#[test]
fn a_put_redirected_on_the_same_host_is_sent_again_with_its_body_and_precondition() {
    let (origin, seen) = routed(
        "localhost",
        vec![
            route(
                "PUT",
                "/cal/x.ics",
                "308 Permanent Redirect",
                "Location: /moved/x.ics\r\n",
                "",
            ),
            route("PUT", "/moved/x.ics", "201 Created", "ETag: \"e1\"\r\n", ""),
        ],
    );
    let etag = client()
        .put(
            &format!("{origin}/cal/x.ics"),
            "BEGIN:VCALENDAR\r\n",
            &Put::Create,
        )
        .unwrap();
    assert_eq!(etag.as_deref(), Some("\"e1\""));
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    assert!(seen.iter().all(|s| s.method == "PUT"
        && s.authorized
        && s.create_only
        && s.body == "BEGIN:VCALENDAR\r\n"));
}

#[test]
fn a_redirect_to_another_host_is_refused_and_nothing_is_sent_there() {
    let (elsewhere, there) = routed("127.0.0.1", vec![]);
    let (origin, _) = routed(
        "localhost",
        vec![route(
            "PROPFIND",
            "/cal/",
            "307 Temporary Redirect",
            &format!("Location: {elsewhere}/cal/\r\n"),
            "",
        )],
    );
    let e = client().members(&format!("{origin}/cal/")).unwrap_err();
    assert!(matches!(e, DavError::Redirect { .. }), "{e:?}");
    let text = e.to_string();
    assert!(
        text.starts_with(&format!(
            "{origin}/cal/ sends graded to {elsewhere}/cal/: another site"
        )),
        "{text}"
    );
    assert!(text.contains("does not send the password there"), "{text}");
    assert!(
        there.lock().unwrap().is_empty(),
        "nothing sent to the other host"
    );
}

#[test]
fn a_calendar_home_on_another_site_is_refused() {
    // The principal says the calendars are on another host (iCloud does this within
    // icloud.com): not within the same site, the password is not sent there.
    let (elsewhere, there) = routed("127.0.0.1", vec![]);
    let mut routes = discovery_routes("/dav/");
    routes[1] = route(
        "PROPFIND",
        "/dav/principals/alice/",
        "207 Multi-Status",
        "",
        &multistatus(&format!(
            "<d:response><d:href>/dav/principals/alice/</d:href><d:propstat><d:prop>\
             <c:calendar-home-set><d:href>{elsewhere}/cals/</d:href></c:calendar-home-set>\
             </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
        )),
    );
    let (origin, _) = routed("localhost", routes);
    let e = client().discover(&format!("{origin}/dav/")).unwrap_err();
    assert!(
        e.to_string().starts_with(&format!(
            "{origin}/dav/principals/alice/ sends graded to {elsewhere}/cals/: another site"
        )),
        "{e}"
    );
    assert!(there.lock().unwrap().is_empty());
}

#[test]
fn redirects_that_never_end_are_a_fault_naming_the_url() {
    let (origin, seen) = routed(
        "localhost",
        vec![route(
            "PROPFIND",
            "/cal/",
            "302 Found",
            "Location: /cal/\r\n",
            "",
        )],
    );
    let e = client().members(&format!("{origin}/cal/")).unwrap_err();
    assert!(matches!(e, DavError::TooManyRedirects { .. }), "{e:?}");
    assert!(e.to_string().contains(&format!("{origin}/cal/")), "{e}");
    assert_eq!(seen.lock().unwrap().len(), MAX_REDIRECTS + 1);
}

#[test]
fn the_password_follows_a_redirect_only_within_the_same_site_over_https() {
    let ok = |from: &str, to: &str| may_follow(from, to, false);
    // iCloud sends each account to its own partition host.
    assert_eq!(
        ok(
            "https://caldav.icloud.com/",
            "https://p42-caldav.icloud.com/123/principal/"
        ),
        Ok(())
    );
    assert_eq!(
        ok(
            "https://caldav.fastmail.com/dav/",
            "https://caldav.fastmail.com/dav/principals/user/me/"
        ),
        Ok(())
    );
    assert_eq!(
        ok(
            "https://cloud.example.co.uk/x",
            "https://dav.example.co.uk/y"
        ),
        Ok(())
    );
    for (from, to) in [
        (
            "https://caldav.icloud.com/",
            "https://icloud.com.evil.example/",
        ),
        ("https://caldav.icloud.com/", "https://evil.com/"),
        // A step down from HTTPS.
        (
            "https://caldav.icloud.com/",
            "http://p42-caldav.icloud.com/",
        ),
        // Right under a public suffix: neighbours are other people's sites.
        ("https://example.co.uk/", "https://evil.co.uk/"),
        // A two-label host has no parent site to share.
        ("https://icloud.com/", "https://evil.com/"),
        // Plain HTTP to another machine.
        ("http://localhost:1/", "http://caldav.example.com/"),
        // The same machine, another port: another server (issue 18).
        ("http://127.0.0.1:5232/", "http://127.0.0.1:5233/"),
        ("http://127.0.0.1:5232/", "http://localhost:5233/"),
        ("http://localhost:5232/", "http://localhost:5233/"),
        (
            "https://caldav.icloud.com/",
            "https://caldav.icloud.com:8443/",
        ),
        (
            "https://caldav.icloud.com/",
            "https://p42-caldav.icloud.com:8443/",
        ),
        // A user name or password in the URL.
        (
            "https://caldav.icloud.com/",
            "https://me:pw@caldav.icloud.com/",
        ),
    ] {
        assert!(ok(from, to).is_err(), "{from} -> {to}");
    }
    // Same host, plain HTTP on this machine: the tests' servers.
    assert_eq!(ok("http://localhost:1/a", "http://localhost:1/b"), Ok(()));
    // The default port written or not.
    assert_eq!(
        ok(
            "https://caldav.icloud.com/",
            "https://caldav.icloud.com:443/x"
        ),
        Ok(())
    );
}

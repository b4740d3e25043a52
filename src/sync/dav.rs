//! A small blocking WebDAV/CalDAV client (RFC 4918, RFC 4791) over `ureq` with rustls: the
//! requests `graded sync` makes, each fault a message naming the URL and what to do.
//!
//! HTTPS only, except to this machine (`localhost`, `127.0.0.1`, `::1`) or when the person asks
//! for plain HTTP (`--insecure-http`): the password goes in every request.

use std::time::Duration;

use base64::Engine as _;
use ureq::http::{self, Method, Request, StatusCode};

use super::multistatus::{Response, XmlError, parse_multistatus};

/// Connect timeout.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Whole-request timeout.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The most graded reads of one answer (a calendar of a few hundred events is far less).
const MAX_BODY: u64 = 16 * 1024 * 1024;

/// What went wrong talking to the server; every message names the URL.
#[derive(Debug, thiserror::Error)]
pub enum DavError {
    /// Not a URL graded can use.
    #[error("`{url}` is not a usable URL: {detail}")]
    BadUrl { url: String, detail: String },
    /// Plain HTTP to another machine.
    #[error(
        "{url} is plain HTTP: the password would cross the network unencrypted; use https:// \
         (or --insecure-http if you really mean it)"
    )]
    Insecure { url: String },
    /// Connection refused, name not found, connection dropped.
    #[error("cannot reach {url}: {detail}; check the URL and the network, then try again")]
    Unreachable { url: String, detail: String },
    /// No answer in time.
    #[error("{url} did not answer in time ({detail}); sync again later")]
    Timeout { url: String, detail: String },
    /// The TLS handshake failed (certificate not valid for the host, expired, unknown CA).
    #[error("TLS failed with {url}: {detail}; the server needs a valid certificate")]
    Tls { url: String, detail: String },
    /// 401.
    #[error(
        "{url} refused the user name or password (401); check the user name and what the \
         password command (or GRADED_CALDAV_PASSWORD) gives"
    )]
    Unauthorized { url: String },
    /// 403.
    #[error("{url}: this account may not do that (403 Forbidden)")]
    Forbidden { url: String },
    /// 404.
    #[error("nothing at {url} (404); check the calendar URL (graded sync --setup)")]
    NotFound { url: String },
    /// 412: the resource changed since graded read it (or exists when creating).
    #[error("{url} changed on the server since graded last wrote it (412 Precondition Failed)")]
    Precondition { url: String },
    /// 507.
    #[error("{url}: the server is out of space (507 Insufficient Storage)")]
    InsufficientStorage { url: String },
    /// Any other unexpected status.
    #[error("{url} answered {code} {reason}")]
    Status {
        url: String,
        code: u16,
        reason: String,
    },
    /// An answer that is not the expected XML. (The field is not named `source`: thiserror
    /// would make it the error's source, and the message, printed with its sources, would say
    /// it twice.)
    #[error("{url}: {error}")]
    Xml { url: String, error: XmlError },
    /// A redirect (or a discovered principal or calendar home) graded will not follow with the
    /// password.
    #[error(
        "{url} sends graded to {to}: {why}; graded does not send the password there (if you \
         trust it, give that URL to graded sync --setup)"
    )]
    Redirect {
        url: String,
        to: String,
        why: String,
    },
    /// A URL with a user name or password in it (`https://me:secret@host/`): shown with them
    /// replaced by `***`.
    #[error(
        "`{url}` has a user name or password in it; give the URL without them (the user name \
         goes in --username, the password comes from --password-cmd)"
    )]
    Credentials { url: String },
    /// A URL outside the origin given at setup (or a sibling host of its site over HTTPS).
    #[error(
        "{url} is not on {origin}, the server given at setup ({why}); graded does not send the \
         password there (if you trust it, give that URL to graded sync --setup)"
    )]
    Elsewhere {
        url: String,
        origin: String,
        why: String,
    },
    /// An answer larger than graded reads (a hostile or broken server).
    #[error(
        "{url}: the answer is larger than the {limit} bytes graded reads; nothing of it was used"
    )]
    TooLarge { url: String, limit: u64 },
    /// Redirects that do not end.
    #[error("{url}: more than {MAX_REDIRECTS} redirects; check the URL")]
    TooManyRedirects { url: String },
}

/// The most redirects graded follows for one request.
pub const MAX_REDIRECTS: usize = 5;

/// The precondition of a PUT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Put {
    /// Create only: `If-None-Match: *`.
    Create,
    /// Update only what graded last wrote: `If-Match: <etag>`.
    Update(String),
    /// Overwrite whatever is there (`--force`).
    Force,
}

/// A member of a collection: its href (as the server wrote it) and its ETag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The href, as the server wrote it.
    pub href: String,
    /// The ETag (quotes included), when the server gave one.
    pub etag: Option<String>,
}

/// A calendar found under a calendar home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// Its absolute URL.
    pub url: String,
    /// Its name as the person sees it.
    pub displayname: Option<String>,
    /// Whether it takes events.
    pub takes_events: bool,
}

/// A WebDAV client for one account.
pub struct Client {
    agent: ureq::Agent,
    authorization: String,
    insecure_http: bool,
    /// The origin the password is for ([`Client::with_origin`]; else the first URL asked).
    origin: std::sync::OnceLock<String>,
}

/// Whether the URL's host is this machine.
fn is_local(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "::1" | "[::1]")
}

/// Checks that `url` is absolute and HTTPS (or plain HTTP to this machine, or allowed).
pub fn check_url(url: &str, insecure_http: bool) -> Result<http::Uri, DavError> {
    let shown = crate::text::visible(&redact(url)).into_owned();
    let bad = |detail: &str| DavError::BadUrl {
        url: shown.clone(),
        detail: detail.into(),
    };
    if has_userinfo(url) {
        return Err(DavError::Credentials { url: shown });
    }
    if url.chars().any(char::is_control) {
        return Err(bad("it holds control characters"));
    }
    let uri: http::Uri = url
        .parse()
        .map_err(|e: http::uri::InvalidUri| bad(&e.to_string()))?;
    let host = uri.host().ok_or_else(|| bad("no host"))?;
    match uri.scheme_str() {
        Some("https") => Ok(uri),
        Some("http") if insecure_http || is_local(host) => Ok(uri),
        Some("http") => Err(DavError::Insecure { url: shown }),
        _ => Err(bad("it must start with https://")),
    }
}

/// The authority of a URL (between `scheme://` and the path), or `None`.
fn authority(url: &str) -> Option<(usize, &str)> {
    let i = url.find("://")? + 3;
    let rest = &url[i..];
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some((i, &rest[..end]))
}

/// Whether a URL has a user name or password in it (`https://me:secret@host/`).
pub fn has_userinfo(url: &str) -> bool {
    authority(url).is_some_and(|(_, a)| a.contains('@'))
}

/// The URL with any user name and password replaced by `***` (`https://***@host/`): what
/// messages show.
pub fn redact(url: &str) -> String {
    match authority(url) {
        Some((i, a)) if a.contains('@') => {
            let host = &a[a.rfind('@').map_or(0, |k| k + 1)..];
            format!("{}***@{host}{}", &url[..i], &url[i + a.len()..])
        }
        _ => url.to_string(),
    }
}

/// A URL's origin: scheme, host (lowercase) and port (the scheme's default when not written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// `http` or `https`.
    pub scheme: String,
    /// The host, lowercase.
    pub host: String,
    /// The port.
    pub port: u16,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}://{}:{}", self.scheme, self.host, self.port)
    }
}

/// The origin of a URL, when it has one.
pub fn origin_of(url: &str) -> Option<Origin> {
    if has_userinfo(url) {
        return None;
    }
    let uri: http::Uri = url.parse().ok()?;
    let scheme = uri.scheme_str()?.to_ascii_lowercase();
    let port = uri.port_u16().or(match scheme.as_str() {
        "https" => Some(443),
        "http" => Some(80),
        _ => None,
    })?;
    Some(Origin {
        host: uri.host()?.to_ascii_lowercase(),
        scheme,
        port,
    })
}

/// The absolute URL of `href` (an absolute URL, an absolute path, or a path relative to
/// `base`), as the server wrote it.
pub fn resolve(base: &str, href: &str) -> String {
    if href.starts_with("http://") || href.starts_with("https://") {
        return href.to_string();
    }
    let (origin, path) = match base.find("://").map(|i| i + 3) {
        Some(i) => match base[i..].find('/') {
            Some(j) => (&base[..i + j], &base[i + j..]),
            None => (base, "/"),
        },
        None => ("", base),
    };
    if href.starts_with('/') {
        format!("{origin}{href}")
    } else {
        let dir = &path[..path.rfind('/').map_or(0, |k| k + 1)];
        format!("{origin}{dir}{href}")
    }
}

/// The path of a URL (what a server's hrefs are compared with).
pub fn path_of(url: &str) -> &str {
    match url.find("://").map(|i| i + 3) {
        Some(i) => url[i..].find('/').map_or("/", |j| &url[i + j..]),
        None => url,
    }
}

/// The resource name an event is PUT under: its UID with `.ics`, every octet outside RFC 3986's
/// unreserved characters percent-encoded (`@` is `%40`), the way servers list it back.
pub fn resource_name(uid: &str) -> String {
    let mut name = String::with_capacity(uid.len() + 8);
    for b in uid.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            name.push(char::from(b));
        } else {
            name.push_str(&format!("%{b:02X}"));
        }
    }
    name.push_str(".ics");
    name
}

/// `%XX` escapes decoded (invalid ones kept as they are): hrefs compared as servers mean them,
/// whichever octets each chose to escape.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| char::from(c).to_digit(16);
        if b[i] == b'%'
            && let (Some(h), Some(l)) = (
                b.get(i + 1).and_then(|&c| hex(c)),
                b.get(i + 2).and_then(|&c| hex(c)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The name (decoded) of `href` in `collection` when `href` is directly inside it: the whole
/// decoded path of the href is the collection's path, a `/`, and one segment. An href on
/// another origin (an absolute URL) is in no collection of this one.
pub fn member_name(collection: &str, href: &str) -> Option<String> {
    if href.contains("://")
        && collection.contains("://")
        && origin_of(href) != origin_of(collection)
    {
        return None;
    }
    // Segment by segment, each decoded: an escaped `/` (`%2F`) stays inside its segment.
    let segments = |p: &str| -> Vec<String> {
        p.trim_end_matches('/')
            .split('/')
            .map(percent_decode)
            .collect()
    };
    let dir = segments(path_of(collection));
    let mut path = segments(path_of(href));
    let name = path.pop().filter(|n| !n.is_empty())?;
    (path == dir).then_some(name)
}

/// Whether two hrefs or URLs name the same resource: the same path once decoded.
pub fn same_resource(a: &str, b: &str) -> bool {
    percent_decode(path_of(a)) == percent_decode(path_of(b))
}

const PROPFIND_ETAGS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/><D:getetag/></D:prop></D:propfind>"#;

/// The most events one `calendar-multiget` REPORT asks for.
pub const MULTIGET_BATCH: usize = 25;
/// The most bytes of one `calendar-multiget` answer graded reads: 25 of graded's events are
/// about 60 KiB; a phone's edits add little.
pub const MULTIGET_BODY: u64 = 1024 * 1024;

const MULTIGET_HEAD: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop>"#;

const PROPFIND_PRINCIPAL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<D:propfind xmlns:D="DAV:"><D:prop><D:current-user-principal/></D:prop></D:propfind>"#;

const PROPFIND_HOME: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:calendar-home-set/></D:prop></D:propfind>"#;

const PROPFIND_CALENDARS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:resourcetype/><D:displayname/><C:supported-calendar-component-set/></D:prop></D:propfind>"#;

impl Client {
    /// A client for `username` and `password`; `insecure_http` allows plain HTTP anywhere.
    pub fn new(username: &str, password: &str, insecure_http: bool) -> Client {
        Client::with_timeout(username, password, insecure_http, REQUEST_TIMEOUT)
    }

    /// [`Client::new`] with another whole-request timeout (the tests' silent server).
    pub fn with_timeout(
        username: &str,
        password: &str,
        insecure_http: bool,
        timeout: Duration,
    ) -> Client {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // Redirects are followed by `send`: ureq would drop the Authorization header across
            // hosts (iCloud sends discovery to pNN-caldav.icloud.com) and turn a PROPFIND into a
            // GET on a 301 or 302.
            .max_redirects(0)
            .allow_non_standard_methods(true)
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_global(Some(timeout))
            .user_agent(concat!("graded/", env!("CARGO_PKG_VERSION")))
            .build();
        let token =
            base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"));
        Client {
            agent: ureq::Agent::new_with_config(config),
            authorization: format!("Basic {token}"),
            insecure_http,
            origin: std::sync::OnceLock::new(),
        }
    }

    /// The client with the origin the password is for: the URL given at setup. Every request
    /// goes there or to a sibling host of its site over HTTPS ([`may_follow`]), whatever sent
    /// graded elsewhere (a redirect, a principal, a calendar home, a listing, `sync.toml`).
    /// Without it, the first URL the client is asked to reach is the origin.
    pub fn with_origin(self, origin: &str) -> Client {
        let _ = self.origin.set(origin.to_string());
        self
    }

    /// Whether plain HTTP is allowed anywhere (`--insecure-http`).
    pub fn insecure_http(&self) -> bool {
        self.insecure_http
    }

    /// The origin the password is for, when set.
    pub fn origin(&self) -> Option<&str> {
        self.origin.get().map(String::as_str)
    }

    /// Whether the password may go to `url` ([`check_origin`]).
    pub fn may_send(&self, url: &str) -> Result<(), DavError> {
        let origin = self.origin.get_or_init(|| url.to_string());
        check_origin(origin, url, self.insecure_http)
    }

    /// Sends one request, following redirects (each checked by [`may_follow`]: the password
    /// goes only where it may); returns the status, the ETag header, the body and the URL that
    /// answered.
    fn send(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Result<Answer, DavError> {
        self.send_limited(method, url, headers, body, MAX_BODY)
    }

    /// [`Client::send`], reading at most `limit` bytes of the answer.
    fn send_limited(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: &str,
        limit: u64,
    ) -> Result<Answer, DavError> {
        let mut at = url.to_string();
        for _ in 0..=MAX_REDIRECTS {
            let (status, location, etag, text) =
                self.send_once(method, &at, headers, body, limit)?;
            let Some(location) = location.filter(|_| status.is_redirection()) else {
                return Ok(Answer {
                    status,
                    etag,
                    body: text,
                    url: at,
                });
            };
            let to = resolve(&at, &location);
            if let Err(why) = may_follow(&at, &to, self.insecure_http) {
                return Err(DavError::Redirect {
                    url: at,
                    to: crate::text::visible(&redact(&to)).into_owned(),
                    why,
                });
            }
            at = to;
        }
        Err(DavError::TooManyRedirects {
            url: url.to_string(),
        })
    }

    /// One request, no redirect followed: status, Location, ETag, body.
    fn send_once(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: &str,
        limit: u64,
    ) -> Result<(StatusCode, Option<String>, Option<String>, String), DavError> {
        check_url(url, self.insecure_http)?;
        // The one gate every request passes: the password goes only where it may.
        self.may_send(url)?;
        let method = Method::from_bytes(method.as_bytes()).expect("a valid method name");
        let mut req = Request::builder()
            .method(method)
            .uri(url)
            .header("Authorization", &self.authorization);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = req
            .body(body.as_bytes().to_vec())
            .map_err(|e| DavError::BadUrl {
                url: url.to_string(),
                detail: e.to_string(),
            })?;
        let mut resp = self.agent.run(req).map_err(|e| transport(url, e))?;
        let status = resp.status();
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let (location, etag) = (header("Location"), header("ETag"));
        let text = resp
            .body_mut()
            .with_config()
            .limit(limit)
            .read_to_string()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => DavError::TooLarge {
                    url: url.to_string(),
                    limit,
                },
                e => transport(url, e),
            })?;
        Ok((status, location, etag, text))
    }

    /// `PROPFIND` with `depth`; the multistatus answer's responses.
    pub fn propfind(&self, url: &str, depth: u8, body: &str) -> Result<Vec<Response>, DavError> {
        Ok(self.propfind_at(url, depth, body)?.1)
    }

    /// [`Client::propfind`], with the URL that answered (after redirects): hrefs in the answer
    /// are relative to it.
    pub fn propfind_at(
        &self,
        url: &str,
        depth: u8,
        body: &str,
    ) -> Result<(String, Vec<Response>), DavError> {
        let depth = depth.to_string();
        let headers = [
            ("Depth", depth.as_str()),
            ("Content-Type", "application/xml; charset=utf-8"),
        ];
        let a = self.send("PROPFIND", url, &headers, body)?;
        if a.status.as_u16() != 207 {
            return Err(status_error(&a.url, a.status));
        }
        let responses = parse_multistatus(&a.body).map_err(|error| DavError::Xml {
            url: a.url.clone(),
            error,
        })?;
        Ok((a.url, responses))
    }

    /// The members of a collection (not the collection itself, not sub-collections, nothing
    /// whose path is not directly inside the collection's: a listing may name anything), with
    /// their ETags: `PROPFIND Depth: 1`.
    pub fn members(&self, collection: &str) -> Result<Vec<Member>, DavError> {
        Ok(self
            .propfind(collection, 1, PROPFIND_ETAGS)?
            .into_iter()
            .filter(|r| r.status.is_none_or(|s| (200..300).contains(&s)))
            .filter(|r| !r.props.is_collection())
            .filter(|r| member_name(collection, &r.href).is_some())
            .map(|r| Member {
                href: r.href,
                etag: r.props.etag,
            })
            .collect())
    }

    /// `PUT` an iCalendar object with a precondition; the new ETag when the server gives one.
    pub fn put(&self, url: &str, ics: &str, pre: &Put) -> Result<Option<String>, DavError> {
        let mut headers = vec![("Content-Type", "text/calendar; charset=utf-8")];
        match pre {
            Put::Create => headers.push(("If-None-Match", "*")),
            Put::Update(etag) => headers.push(("If-Match", etag.as_str())),
            Put::Force => {}
        }
        let a = self.send("PUT", url, &headers, ics)?;
        if !a.status.is_success() {
            return Err(status_error(url, a.status));
        }
        Ok(a.etag)
    }

    /// The events named `names` (resource names, as graded PUT them) in the calendar at
    /// `collection` (a URL ending in `/`), read with a `calendar-multiget` REPORT (RFC 4791
    /// §7.9): by name (decoded), the server's response with its ETag and calendar data. At
    /// most [`MULTIGET_BATCH`] events go in one REPORT, and at most [`MULTIGET_BODY`] bytes of
    /// each answer are read: a bigger answer is an error naming the URL
    /// ([`DavError::TooLarge`]), nothing of it used. Only the responses for the names asked,
    /// directly inside the collection, are kept; anything else the server adds is dropped.
    pub fn multiget(
        &self,
        collection: &str,
        names: &[String],
    ) -> Result<Vec<(String, Response)>, DavError> {
        let mut out = Vec::new();
        let dir = path_of(collection);
        for batch in names.chunks(MULTIGET_BATCH) {
            let mut body = String::from(MULTIGET_HEAD);
            for name in batch {
                body.push_str("<D:href>");
                body.push_str(&quick_xml::escape::escape(format!("{dir}{name}")));
                body.push_str("</D:href>");
            }
            body.push_str("</C:calendar-multiget>");
            let headers = [
                ("Depth", "1"),
                ("Content-Type", "application/xml; charset=utf-8"),
            ];
            let a = self.send_limited("REPORT", collection, &headers, &body, MULTIGET_BODY)?;
            if a.status.as_u16() != 207 {
                return Err(status_error(&a.url, a.status));
            }
            let responses = parse_multistatus(&a.body).map_err(|error| DavError::Xml {
                url: a.url.clone(),
                error,
            })?;
            let asked: Vec<String> = batch.iter().map(|n| percent_decode(n)).collect();
            for r in responses {
                if let Some(name) = member_name(collection, &r.href).filter(|n| asked.contains(n)) {
                    out.push((name, r));
                }
            }
        }
        Ok(out)
    }

    /// `GET`: the body and the ETag.
    pub fn get(&self, url: &str) -> Result<(String, Option<String>), DavError> {
        let a = self.send("GET", url, &[], "")?;
        if !a.status.is_success() {
            return Err(status_error(url, a.status));
        }
        Ok((a.body, a.etag))
    }

    /// `DELETE`, only if the ETag is still `etag` when given.
    pub fn delete(&self, url: &str, etag: Option<&str>) -> Result<(), DavError> {
        let headers: Vec<(&str, &str)> = etag.map(|e| ("If-Match", e)).into_iter().collect();
        let a = self.send("DELETE", url, &headers, "")?;
        if !a.status.is_success() {
            return Err(status_error(url, a.status));
        }
        Ok(())
    }

    /// `MKCALENDAR` with a display name (RFC 4791 §5.3.1), for events.
    pub fn mkcalendar(&self, url: &str, displayname: &str) -> Result<(), DavError> {
        let name = quick_xml::escape::escape(displayname);
        let body = format!(
            r#"<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>{name}</D:displayname><C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>"#
        );
        let headers = [("Content-Type", "application/xml; charset=utf-8")];
        let a = self.send("MKCALENDAR", url, &headers, &body)?;
        if a.status.as_u16() != 201 {
            return Err(status_error(url, a.status));
        }
        Ok(())
    }

    /// Discovery: the calendars of the account `url` belongs to (current-user-principal, then
    /// calendar-home-set, then the home's members that are calendars).
    pub fn discover(&self, url: &str) -> Result<Vec<Calendar>, DavError> {
        self.calendars(&self.calendar_home(url)?)
    }

    /// The calendar home of the account `url` belongs to: current-user-principal (asked first
    /// at `/.well-known/caldav` when `url` is a bare host, RFC 6764), then calendar-home-set.
    pub fn calendar_home(&self, url: &str) -> Result<String, DavError> {
        let no = |url: &str, what: &str| DavError::Xml {
            url: url.to_string(),
            error: XmlError(format!("the server did not say {what}")),
        };
        let principal_at = |url: &str| -> Result<String, DavError> {
            let (at, responses) = self.propfind_at(url, 0, PROPFIND_PRINCIPAL)?;
            let principal = responses
                .into_iter()
                .find_map(|r| r.props.current_user_principal)
                .ok_or_else(|| no(&at, "who the user is (current-user-principal)"))?;
            self.followed(&at, resolve(&at, &principal))
        };
        let principal = match well_known(url) {
            // Where the well-known URL leads, when it leads anywhere; else the URL itself.
            Some(wk) => match principal_at(&wk) {
                Ok(p) => p,
                Err(DavError::Redirect { url, to, why }) => {
                    return Err(DavError::Redirect { url, to, why });
                }
                Err(_) => principal_at(url)?,
            },
            None => principal_at(url)?,
        };
        let (at, responses) = self.propfind_at(&principal, 0, PROPFIND_HOME)?;
        let home = responses
            .into_iter()
            .find_map(|r| r.props.calendar_home_set.into_iter().next())
            .ok_or_else(|| no(&at, "where the calendars are (calendar-home-set)"))?;
        self.followed(&at, resolve(&at, &home))
    }

    /// `to`, found in an answer from `at` (a principal, a calendar home: iCloud gives a home on
    /// `pNN-caldav.icloud.com`), when graded may send the password there ([`may_follow`]).
    fn followed(&self, at: &str, to: String) -> Result<String, DavError> {
        match may_follow(at, &to, self.insecure_http) {
            Ok(()) => self.may_send(&to).map(|()| to),
            Err(why) => Err(DavError::Redirect {
                url: at.to_string(),
                to: crate::text::visible(&redact(&to)).into_owned(),
                why,
            }),
        }
    }

    /// The calendars in a calendar home.
    pub fn calendars(&self, home: &str) -> Result<Vec<Calendar>, DavError> {
        let (at, responses) = self.propfind_at(home, 1, PROPFIND_CALENDARS)?;
        Ok(responses
            .into_iter()
            .filter(|r| r.props.is_calendar())
            .map(|r| Calendar {
                url: resolve(&at, &r.href),
                takes_events: r.props.takes_events(),
                displayname: r.props.displayname,
            })
            .collect())
    }

    /// Whether `url` is a calendar collection (`PROPFIND Depth: 0`).
    pub fn is_calendar(&self, url: &str) -> Result<bool, DavError> {
        Ok(self
            .propfind(url, 0, PROPFIND_CALENDARS)?
            .iter()
            .any(|r| r.props.is_calendar()))
    }
}

/// What one request (redirects followed) gave.
struct Answer {
    status: StatusCode,
    etag: Option<String>,
    body: String,
    /// The URL that answered.
    url: String,
}

/// `https://host/.well-known/caldav` when `url` is a bare host (no path, or `/`): where RFC 6764
/// says a client asks first.
pub fn well_known(url: &str) -> Option<String> {
    let i = url.find("://")? + 3;
    let rest = &url[i..];
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    (path.is_empty() || path == "/").then(|| format!("{}{authority}/.well-known/caldav", &url[..i]))
}

/// Labels that, second from the right, mark a public suffix (`co.uk`, `com.au`): a host right
/// under one of them is a site of its own, not a sibling of its neighbours.
const PUBLIC_SECOND_LEVEL: &[&str] = &[
    "ac", "co", "com", "edu", "gob", "go", "gov", "ne", "net", "or", "org",
];

/// Whether the password for `origin` (the server given at setup) may go to `url`
/// ([`may_follow`] from the origin); the error names both, made visible.
pub fn check_origin(origin: &str, url: &str, insecure_http: bool) -> Result<(), DavError> {
    may_follow(origin, url, insecure_http).map_err(|why| DavError::Elsewhere {
        url: crate::text::visible(&redact(url)).into_owned(),
        origin: origin_of(origin).map_or_else(
            || crate::text::visible(&redact(origin)).into_owned(),
            |o| o.to_string(),
        ),
        why,
    })
}

/// Whether graded sends the password to `to`, having been sent there from `from` (a redirect,
/// a principal, a calendar home or calendar found in an answer from `from`, or `from` the
/// origin given at setup): `to` must be a URL graded may use (HTTPS, or plain HTTP to this
/// machine or with `--insecure-http`, no user name or password in it), never a step down from
/// HTTPS to HTTP, and either on the same origin as `from` (scheme, host AND port: another port
/// on the same machine is another server) or, over HTTPS, on a sibling host of the same site
/// on the same port: under the parent domain of `from`'s host (`caldav.icloud.com` may send
/// graded to `p42-caldav.icloud.com`, never to `example.com`). Why not, when not.
pub fn may_follow(from: &str, to: &str, insecure_http: bool) -> Result<(), String> {
    check_url(to, insecure_http).map_err(|e| match e {
        DavError::Insecure { .. } => "plain HTTP".to_string(),
        DavError::Credentials { .. } => "a user name or password in the URL".to_string(),
        e => e.to_string(),
    })?;
    if from.starts_with("https://") && !to.starts_with("https://") {
        return Err("a step down from HTTPS to plain HTTP".into());
    }
    let (Some(a), Some(b)) = (origin_of(from), origin_of(to)) else {
        return Err("no host".into());
    };
    if a == b {
        return Ok(());
    }
    if a.host == b.host {
        return Err(format!("another port or scheme than {a}"));
    }
    let parent = a.host.split_once('.').map_or("", |(_, p)| p);
    let labels: Vec<&str> = parent.split('.').collect();
    let site = labels.len() >= 2
        && !(labels.len() == 2 && PUBLIC_SECOND_LEVEL.contains(&labels[0]))
        && a.host.parse::<std::net::IpAddr>().is_err();
    if site && b.scheme == "https" && b.port == a.port && b.host.ends_with(&format!(".{parent}")) {
        return Ok(());
    }
    Err(format!("another site than {}", a.host))
}

/// The fault for an unexpected status.
pub fn status_error(url: &str, status: StatusCode) -> DavError {
    let url = url.to_string();
    match status.as_u16() {
        401 => DavError::Unauthorized { url },
        403 => DavError::Forbidden { url },
        404 => DavError::NotFound { url },
        412 => DavError::Precondition { url },
        507 => DavError::InsufficientStorage { url },
        code => DavError::Status {
            url,
            code,
            reason: status.canonical_reason().unwrap_or("").to_string(),
        },
    }
}

/// The fault for a transport error.
fn transport(url: &str, e: ureq::Error) -> DavError {
    let url = url.to_string();
    let detail = e.to_string();
    match e {
        ureq::Error::Timeout(_) => DavError::Timeout { url, detail },
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => DavError::Tls { url, detail },
        ureq::Error::Io(ref io) if io.kind() == std::io::ErrorKind::TimedOut => {
            DavError::Timeout { url, detail }
        }
        // rustls's own errors reach ureq wrapped in an io::Error.
        ureq::Error::Io(ref io)
            if io
                .get_ref()
                .is_some_and(|inner| inner.is::<rustls::Error>()) =>
        {
            DavError::Tls { url, detail }
        }
        ureq::Error::BadUri(_) => DavError::BadUrl { url, detail },
        _ => DavError::Unreachable { url, detail },
    }
}

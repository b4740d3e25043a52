//! Multistatus answers as real servers write them: the RFC 4791 examples, Radicale's (a default
//! `DAV:` namespace), sabre/dav's (Nextcloud: `d:` and `cal:` prefixes, 404 propstats).

use graded::sync::multistatus::{CALDAV, DAV, parse_multistatus, parse_tree, status_code};

/// RFC 4791 §7.8.1 (calendar-query REPORT), shortened to two events.
const RFC4791_REPORT: &str = r#"<?xml version="1.0" encoding="utf-8" ?>
<D:multistatus xmlns:D="DAV:"
           xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:response>
    <D:href>http://cal.example.com/bernard/work/abcd2.ics</D:href>
    <D:propstat>
      <D:prop>
        <D:getetag>"fffff-abcd2"</D:getetag>
        <C:calendar-data>BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:00959BC664CA650E933C892C@example.com
SUMMARY:Event #2 &amp; more
END:VEVENT
END:VCALENDAR
</C:calendar-data>
      </D:prop>
      <D:status>HTTP/1.1 200 OK</D:status>
    </D:propstat>
  </D:response>
  <D:response>
    <D:href>http://cal.example.com/bernard/work/abcd3.ics</D:href>
    <D:propstat>
      <D:prop>
        <D:getetag>"fffff-abcd3"</D:getetag>
        <C:calendar-data><![CDATA[BEGIN:VCALENDAR
END:VCALENDAR
]]></C:calendar-data>
      </D:prop>
      <D:status>HTTP/1.1 200 OK</D:status>
    </D:propstat>
  </D:response>
</D:multistatus>
"#;

/// Radicale 3: the default namespace is `DAV:`, CalDAV under `C:`; the principal discovery.
const RADICALE_PRINCIPAL: &str = r#"<?xml version='1.0' encoding='utf-8'?>
<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><response><href>/</href><propstat><prop><current-user-principal><href>/alice/</href></current-user-principal></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>"#;

const RADICALE_HOME: &str = r#"<?xml version='1.0' encoding='utf-8'?>
<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><response><href>/alice/</href><propstat><prop><C:calendar-home-set><href>/alice/</href></C:calendar-home-set></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>"#;

/// sabre/dav (Nextcloud) listing a calendar home at Depth 1: the home, a calendar that takes
/// events, a task list, and a property it does not have (404 propstat).
const SABRE_HOME: &str = r#"<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:cal="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
 <d:response>
  <d:href>/remote.php/dav/calendars/alice/</d:href>
  <d:propstat>
   <d:prop>
    <d:resourcetype><d:collection/></d:resourcetype>
   </d:prop>
   <d:status>HTTP/1.1 200 OK</d:status>
  </d:propstat>
  <d:propstat>
   <d:prop>
    <d:displayname/>
    <cal:supported-calendar-component-set/>
   </d:prop>
   <d:status>HTTP/1.1 404 Not Found</d:status>
  </d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/calendars/alice/personal/</d:href>
  <d:propstat>
   <d:prop>
    <d:resourcetype><d:collection/><cal:calendar/></d:resourcetype>
    <d:displayname>Personal</d:displayname>
    <cal:supported-calendar-component-set><cal:comp name="VEVENT"/></cal:supported-calendar-component-set>
    <d:getetag>"ignored-for-collections"</d:getetag>
   </d:prop>
   <d:status>HTTP/1.1 200 OK</d:status>
  </d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/calendars/alice/tasks/</d:href>
  <d:propstat>
   <d:prop>
    <d:resourcetype><d:collection/><cal:calendar/></d:resourcetype>
    <d:displayname>Tasks &#x26; chores</d:displayname>
    <cal:supported-calendar-component-set><cal:comp name="VTODO"/></cal:supported-calendar-component-set>
   </d:prop>
   <d:status>HTTP/1.1 200 OK</d:status>
  </d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/calendars/alice/gone.ics</d:href>
  <d:status>HTTP/1.1 404 Not Found</d:status>
 </d:response>
</d:multistatus>"#;

#[test]
fn rfc4791_report_reads_hrefs_etags_and_calendar_data() {
    let r = parse_multistatus(RFC4791_REPORT).unwrap();
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].href, "http://cal.example.com/bernard/work/abcd2.ics");
    assert_eq!(r[0].props.etag.as_deref(), Some("\"fffff-abcd2\""));
    assert_eq!(r[0].status, None);
    let data = r[0].props.calendar_data.as_deref().unwrap();
    assert!(
        data.starts_with("BEGIN:VCALENDAR\nVERSION:2.0\n"),
        "{data:?}"
    );
    assert!(
        data.contains("SUMMARY:Event #2 & more\n"),
        "entities resolved: {data:?}"
    );
    assert_eq!(
        r[1].props.calendar_data.as_deref(),
        Some("BEGIN:VCALENDAR\nEND:VCALENDAR\n")
    );
    assert_eq!(r[1].props.etag.as_deref(), Some("\"fffff-abcd3\""));
}

#[test]
fn radicale_discovery_with_a_default_namespace() {
    let p = parse_multistatus(RADICALE_PRINCIPAL).unwrap();
    assert_eq!(p[0].href, "/");
    assert_eq!(
        p[0].props.current_user_principal.as_deref(),
        Some("/alice/")
    );
    let h = parse_multistatus(RADICALE_HOME).unwrap();
    assert_eq!(h[0].props.calendar_home_set, ["/alice/"]);
}

#[test]
fn sabre_home_lists_calendars_and_skips_404_propstats() {
    let r = parse_multistatus(SABRE_HOME).unwrap();
    assert_eq!(r.len(), 4);
    // The home: a collection, not a calendar; its 404 properties are not read as empty ones.
    assert!(r[0].props.is_collection() && !r[0].props.is_calendar());
    assert_eq!(r[0].props.displayname, None);
    let personal = &r[1].props;
    assert!(personal.is_calendar() && personal.takes_events());
    assert_eq!(personal.displayname.as_deref(), Some("Personal"));
    assert_eq!(personal.components, ["VEVENT"]);
    let tasks = &r[2].props;
    assert!(tasks.is_calendar() && !tasks.takes_events());
    assert_eq!(
        tasks.displayname.as_deref(),
        Some("Tasks & chores"),
        "character reference"
    );
    assert_eq!(r[3].status, Some(404));
    assert_eq!(r[3].props, Default::default());
}

#[test]
fn prefixes_do_not_matter_only_namespaces() {
    let tree = parse_tree(r#"<x:multistatus xmlns:x="DAV:" xmlns:y="urn:ietf:params:xml:ns:caldav"><y:calendar/></x:multistatus>"#).unwrap();
    assert!(tree.is(DAV, "multistatus"));
    assert!(tree.children[0].is(CALDAV, "calendar"));
    // The same local name in another namespace is not a DAV: element.
    let other = parse_multistatus(r#"<multistatus xmlns="urn:example"/>"#).unwrap_err();
    assert!(
        other.to_string().contains("expected a DAV: multistatus"),
        "{other}"
    );
}

#[test]
fn malformed_answers_are_errors_not_empty_lists() {
    for (xml, says) in [
        ("", "no root element"),
        (
            "<html><body>Bad Gateway</body></html>",
            "expected a DAV: multistatus",
        ),
        (
            r#"<D:multistatus xmlns:D="DAV:"><D:response>"#,
            "ends inside",
        ),
        (
            r#"<D:multistatus xmlns:D="DAV:"></D:response>"#,
            "malformed",
        ),
        (
            r#"<D:multistatus xmlns:D="DAV:"><X:response/></D:multistatus>"#,
            "undeclared",
        ),
        (
            r#"<D:multistatus xmlns:D="DAV:"><D:response/></D:multistatus>"#,
            "without an href",
        ),
        (
            r#"<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href><D:status>teapot</D:status></D:response></D:multistatus>"#,
            "bad status line",
        ),
        (
            "<D:multistatus xmlns:D=\"DAV:\">&bogus;</D:multistatus>",
            "bogus",
        ),
    ] {
        let e = parse_multistatus(xml).expect_err(xml);
        assert!(e.to_string().contains(says), "{xml:?}: {e}");
    }
}

#[test]
fn status_lines() {
    assert_eq!(status_code("HTTP/1.1 200 OK"), Some(200));
    assert_eq!(status_code("  HTTP/1.1 404 Not Found "), Some(404));
    assert_eq!(status_code("HTTP/2 507 Insufficient Storage"), Some(507));
    assert_eq!(status_code("200 OK"), None);
    assert_eq!(status_code("HTTP/1.1 OK"), None);
}

#[test]
fn resource_names_and_hrefs() {
    use graded::sync::dav::{path_of, percent_decode, resolve, resource_name, same_resource};
    assert_eq!(
        resource_name("20261126-s1-ab12@graded"),
        "20261126-s1-ab12%40graded.ics"
    );
    assert_eq!(percent_decode("/a/x%40y%2fz%zz%4"), "/a/x@y/z%zz%4");
    assert!(same_resource(
        "http://h:1/alice/cal/x%40graded.ics",
        "/alice/cal/x@graded.ics"
    ));
    assert!(!same_resource("/alice/cal/x.ics", "/alice/other/x.ics"));
    assert_eq!(path_of("https://h.example/dav/"), "/dav/");
    assert_eq!(path_of("https://h.example"), "/");
    assert_eq!(
        resolve("https://h.example/dav/cal/", "/p/alice/"),
        "https://h.example/p/alice/"
    );
    assert_eq!(
        resolve("https://h.example/dav/cal/", "x.ics"),
        "https://h.example/dav/cal/x.ics"
    );
    assert_eq!(
        resolve("https://h.example/dav/", "https://o.example/y"),
        "https://o.example/y"
    );
}

#[test]
fn urls_https_unless_this_machine() {
    use graded::sync::dav::{DavError, check_url};
    assert!(check_url("https://caldav.fastmail.com/dav/", false).is_ok());
    assert!(check_url("http://localhost:5232/", false).is_ok());
    assert!(check_url("http://127.0.0.1:5232/", false).is_ok());
    assert!(check_url("http://[::1]:5232/", false).is_ok());
    let e = check_url("http://nas.local/dav/", false).unwrap_err();
    assert!(
        matches!(e, DavError::Insecure { .. }) && e.to_string().contains("http://nas.local/dav/")
    );
    assert!(check_url("http://nas.local/dav/", true).is_ok());
    assert!(matches!(
        check_url("ftp://x/", false),
        Err(DavError::BadUrl { .. })
    ));
    assert!(matches!(
        check_url("/just/a/path", false),
        Err(DavError::BadUrl { .. })
    ));
}

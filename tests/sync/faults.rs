//! The faults a real server rarely shows on demand (507, 403, a malformed multistatus, a
//! server that never answers), from a canned HTTP server on localhost: each names the URL.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use graded::sync::dav::{Client, DavError, Put};

/// Serves `status` and `body` to every request on a free port; the base URL.
fn canned(status: &'static str, body: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut length = 0usize;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
            let mut sink = vec![0; length];
            let _ = reader.read_exact(&mut sink);
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    format!("http://127.0.0.1:{port}/cal/")
}

fn client() -> Client {
    Client::new("u", "p", false)
}

#[test]
fn insufficient_storage_forbidden_and_other_statuses() {
    let url = canned("507 Insufficient Storage", "");
    let e = client()
        .put(&format!("{url}x.ics"), "BEGIN:VCALENDAR\r\n", &Put::Create)
        .unwrap_err();
    assert!(matches!(e, DavError::InsufficientStorage { .. }), "{e}");
    assert!(
        e.to_string().contains(&format!("{url}x.ics")) && e.to_string().contains("out of space"),
        "{e}"
    );

    let url = canned("403 Forbidden", "");
    let e = client().members(&url).unwrap_err();
    assert!(
        matches!(e, DavError::Forbidden { .. }) && e.to_string().contains(&url),
        "{e}"
    );

    let url = canned("500 Internal Server Error", "");
    let e = client().members(&url).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("{url} answered 500 Internal Server Error")
    );

    // A PROPFIND answered 200 (not 207): not a multistatus.
    let url = canned("200 OK", "<html/>");
    assert!(matches!(
        client().members(&url),
        Err(DavError::Status { code: 200, .. })
    ));
}

#[test]
fn a_malformed_multistatus_names_the_url() {
    let url = canned(
        "207 Multi-Status",
        "<D:multistatus xmlns:D=\"DAV:\"><D:response>",
    );
    let e = client().members(&url).unwrap_err();
    assert!(matches!(e, DavError::Xml { .. }), "{e}");
    assert!(
        e.to_string()
            .starts_with(&format!("{url}: malformed WebDAV answer")),
        "{e}"
    );
}

#[test]
fn a_server_that_never_answers_times_out() {
    // Accepts the connection, then says nothing: the whole-request timeout ends it.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/cal/", listener.local_addr().unwrap());
    let hold = std::thread::spawn(move || {
        let (s, _) = listener.accept().unwrap();
        std::thread::sleep(Duration::from_millis(1500));
        drop(s);
    });
    let quick = Client::with_timeout("u", "p", false, Duration::from_millis(500));
    let e = quick.members(&url).unwrap_err();
    assert!(matches!(e, DavError::Timeout { .. }), "{e:?}");
    assert!(e.to_string().contains(&url), "{e}");
    hold.join().unwrap();
}

#[test]
fn a_tls_failure_is_named_as_one() {
    // An https:// URL to a server that answers in plain text: the handshake fails.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "https://localhost:{}/cal/",
        listener.local_addr().unwrap().port()
    );
    std::thread::spawn(move || {
        for s in listener.incoming() {
            let Ok(mut s) = s else { return };
            let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
        }
    });
    let e = Client::with_timeout("u", "p", false, Duration::from_secs(5))
        .members(&url)
        .unwrap_err();
    assert!(matches!(e, DavError::Tls { .. }), "{e:?}");
    assert!(
        e.to_string().starts_with(&format!("TLS failed with {url}")),
        "{e}"
    );
}

//! Real CalDAV servers for the end-to-end tests, behind one handle: Radicale (PyPI `radicale`,
//! htpasswd users) and Xandikos (Debian's `xandikos`, which has no authentication of its own:
//! it is meant to sit behind a reverse proxy, so it takes any user name and password). Each is
//! started on a free port in a temporary directory, can be stopped and started again on the
//! same port and storage, and is read back with `curl`, an independent client.
//!
//! A missing server is skipped visibly (on stderr, past the harness's capture) when `CI` is
//! unset; under CI it fails.

use std::io::Write as _;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use graded::sync::dav::Client;

/// The test user.
pub const USER: &str = "alice";
/// Its password.
pub const PASSWORD: &str = "correct horse";

/// Which server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Radicale, with htpasswd users.
    Radicale,
    /// Xandikos, no authentication.
    Xandikos,
}

/// A server of its own; killed when dropped.
pub struct Server {
    /// Which one.
    pub kind: Kind,
    child: Option<Child>,
    pub port: u16,
    /// `http://127.0.0.1:PORT`
    pub origin: String,
    /// The storage (and Radicale's htpasswd file), removed after the server stops.
    dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

fn found(kind: Kind) -> bool {
    let probe = match kind {
        Kind::Radicale => Command::new("python3")
            .args(["-c", "import radicale"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status(),
        Kind::Xandikos => Command::new("xandikos")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status(),
    };
    probe.is_ok_and(|s| s.success())
}

fn install_hint(kind: Kind) -> &'static str {
    match kind {
        Kind::Radicale => "python3 -m pip install radicale",
        Kind::Xandikos => "apt-get install xandikos",
    }
}

/// `None` (said on stderr) without `CI`; a panic under `CI`.
fn skip_or_fail(kind: Kind, why: &str) -> Option<Server> {
    let hint = install_hint(kind);
    match std::env::var_os("CI") {
        None => {
            let _ = writeln!(
                std::io::stderr(),
                "\nSKIPPED a {kind:?} test: {why} ({hint}); under CI this test fails instead"
            );
            None
        }
        Some(ci) => panic!("CI={ci:?} but {why}: install it ({hint})"),
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Server {
    /// Radicale, `None` to skip.
    pub fn radicale() -> Option<Server> {
        Server::start(Kind::Radicale)
    }

    /// Xandikos, `None` to skip.
    pub fn xandikos() -> Option<Server> {
        Server::start(Kind::Xandikos)
    }

    /// Starts `kind`, `None` to skip (not installed, not under CI).
    pub fn start(kind: Kind) -> Option<Server> {
        if !found(kind) {
            return skip_or_fail(kind, &format!("{kind:?} is not installed"));
        }
        // A free port: bound by the OS, released, then given to the server (retried if taken).
        for _ in 0..5 {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("users"), format!("{USER}:{PASSWORD}\n")).unwrap();
            let port = free_port();
            let mut server = Server {
                kind,
                child: None,
                port,
                origin: format!("http://127.0.0.1:{port}"),
                dir,
            };
            if server.try_start() {
                return Some(server);
            }
        }
        skip_or_fail(kind, "the server did not start")
    }

    fn command(&self) -> Command {
        let storage = self.dir.path().join("collections");
        let port = self.port.to_string();
        match self.kind {
            Kind::Radicale => {
                let mut c = Command::new("python3");
                c.args(["-m", "radicale", "--config", ""])
                    .arg("--storage-filesystem-folder")
                    .arg(&storage)
                    .args(["--server-hosts", &format!("127.0.0.1:{port}")])
                    .args([
                        "--auth-type",
                        "htpasswd",
                        "--auth-htpasswd-encryption",
                        "plain",
                    ])
                    .arg("--auth-htpasswd-filename")
                    .arg(self.dir.path().join("users"))
                    .args(["--logging-level", "warning"]);
                c
            }
            Kind::Xandikos => {
                // --defaults: the principal /user/, its calendar home /user/calendars/ and a
                // calendar `calendar` in it, as a fresh account has.
                let mut c = Command::new("xandikos");
                c.arg("--defaults")
                    .arg("-d")
                    .arg(&storage)
                    .args(["-l", "127.0.0.1", "-p", &port]);
                c
            }
        }
    }

    /// Starts the server process on this port and storage; whether it listens.
    fn try_start(&mut self) -> bool {
        let mut child = self
            .command()
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                self.child = Some(child);
                return true;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        let _ = writeln!(
            std::io::stderr(),
            "{:?} on port {} did not start: {}",
            self.kind,
            self.port,
            String::from_utf8_lossy(&out.stderr)
        );
        false
    }

    /// Stops (kills) the server; its storage stays.
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Starts it again on the same port and storage.
    pub fn restart(&mut self) {
        self.stop();
        assert!(self.try_start(), "{:?} did not start again", self.kind);
    }

    /// Whether the server checks passwords (Xandikos has no authentication).
    pub fn checks_passwords(&self) -> bool {
        self.kind == Kind::Radicale
    }

    /// The root URL (`http://127.0.0.1:PORT/`): what a person gives to discover.
    pub fn root(&self) -> String {
        format!("{}/", self.origin)
    }

    /// The account's calendar home.
    pub fn home(&self) -> String {
        match self.kind {
            Kind::Radicale => format!("{}/{USER}/", self.origin),
            Kind::Xandikos => format!("{}/user/calendars/", self.origin),
        }
    }

    /// The calendars there are before graded makes any (Xandikos's `--defaults` makes one).
    pub fn calendars_at_start(&self) -> usize {
        match self.kind {
            Kind::Radicale => 0,
            Kind::Xandikos => 1,
        }
    }

    /// A client logged in as the test user.
    pub fn client(&self) -> Client {
        Client::new(USER, PASSWORD, false)
    }

    /// A new calendar `name` in the home (MKCALENDAR); its URL.
    pub fn new_calendar(&self, name: &str) -> String {
        let url = format!("{}{name}/", self.home());
        self.client().mkcalendar(&url, name).unwrap();
        url
    }

    /// A password file and a `password_cmd` reading it (like `pass show`), in `dir`.
    pub fn password_cmd(dir: &Path) -> String {
        let secret = dir.join("secret");
        std::fs::write(&secret, PASSWORD).unwrap();
        format!("cat '{}'", secret.display())
    }
}

/// `curl` as the test user: an independent client's view of the server.
pub fn curl(args: &[&str]) -> String {
    let out = Command::new("curl")
        // A server that stops answering fails the test, it does not hang the suite.
        .args([
            "-sS",
            "--fail",
            "--max-time",
            "60",
            "-u",
            &format!("{USER}:{PASSWORD}"),
        ])
        .args(args)
        .output()
        .expect("curl");
    assert!(
        out.status.success(),
        "curl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `curl -X PUT` of an iCalendar object (a phone's edit).
pub fn curl_put(url: &str, ics: &str) {
    curl(&[
        "-X",
        "PUT",
        "-H",
        "Content-Type: text/calendar",
        "--data-binary",
        ics,
        url,
    ]);
}

/// What the calendar holds, read by `curl` (`PROPFIND Depth: 1`): by href as the server wrote
/// it, the ETag of every event (not the collection). The answer is read with graded's
/// multistatus parser, itself tested on the RFCs' samples (`tests/sync/multistatus.rs`).
pub fn curl_etags(calendar: &str) -> std::collections::BTreeMap<String, String> {
    let xml = curl(&[
        "-X",
        "PROPFIND",
        "-H",
        "Depth: 1",
        "-H",
        "Content-Type: application/xml",
        "--data",
        r#"<propfind xmlns="DAV:"><prop><getetag/></prop></propfind>"#,
        calendar,
    ]);
    let responses = graded::sync::multistatus::parse_multistatus(&xml).unwrap();
    responses
        .into_iter()
        .filter(|r| !r.href.ends_with('/'))
        .filter_map(|r| Some((r.href, r.props.etag?)))
        .collect()
}

/// Every event in the calendar, read by `curl` in one `calendar-query` REPORT (RFC 4791 7.8;
/// a GET per event, hundreds of requests in a row, has stalled Xandikos): by UID, the body.
pub fn curl_events(calendar: &str) -> std::collections::BTreeMap<String, String> {
    let xml = curl(&[
        "-X",
        "REPORT",
        "-H",
        "Depth: 1",
        "-H",
        "Content-Type: application/xml",
        "--data",
        r#"<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop><C:filter><C:comp-filter name="VCALENDAR"/></C:filter></C:calendar-query>"#,
        calendar,
    ]);
    let mut out = std::collections::BTreeMap::new();
    for r in graded::sync::multistatus::parse_multistatus(&xml).unwrap() {
        let Some(body) = r.props.calendar_data else {
            continue;
        };
        let url = graded::sync::dav::resolve(calendar, &r.href);
        let uid = body
            .lines()
            .find_map(|l| l.strip_prefix("UID:"))
            .unwrap_or_else(|| panic!("{url}: no UID in {body}"))
            .trim_end()
            .to_string();
        assert!(
            out.insert(uid.clone(), body).is_none(),
            "{uid} twice in the calendar"
        );
    }
    out
}

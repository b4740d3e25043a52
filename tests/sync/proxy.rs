//! A tiny localhost HTTP proxy in front of a real server, to cut a sync in the middle: it passes
//! requests one by one (each on its own upstream connection), counts the PUTs, and once told
//! to, lets a given PUT reach the server but drops its answer (the server wrote it, graded never
//! hears so), and from then on closes every connection at once, as a server that died would.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

#[derive(Debug, Default)]
struct State {
    /// PUTs passed on so far.
    puts: usize,
    /// Drop the answer of the PUT with this number (1-based), then go down.
    cut_at: Option<usize>,
    /// Every connection closed at once.
    down: bool,
}

/// The proxy; it runs as long as the test.
pub struct Proxy {
    /// `http://127.0.0.1:PORT`
    pub origin: String,
    state: Arc<Mutex<State>>,
}

/// One HTTP/1.1 message head and body read from `r` (the body by Content-Length; requests
/// only carry one that way); `None` at the end of the stream.
fn read_request(r: &mut impl BufRead) -> Option<(Vec<String>, Vec<u8>)> {
    let mut head = Vec::new();
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if line == "\r\n" {
            break;
        }
        head.push(line);
    }
    let length = head
        .iter()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse::<usize>().unwrap_or(0))
        })
        .unwrap_or(0);
    let mut body = vec![0; length];
    r.read_exact(&mut body).ok()?;
    Some((head, body))
}

/// `head` with its Connection header replaced by `Connection: close`.
fn closing(head: &[String]) -> Vec<u8> {
    let mut out = Vec::new();
    for l in head
        .iter()
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
    {
        out.extend_from_slice(l.as_bytes());
    }
    out.extend_from_slice(b"Connection: close\r\n\r\n");
    out
}

impl Proxy {
    /// A proxy to `127.0.0.1:upstream`, passing everything.
    pub fn new(upstream: u16) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { return };
                let state = shared.clone();
                std::thread::spawn(move || serve(client, upstream, &state));
            }
        });
        Proxy { origin, state }
    }

    /// The PUT numbered `n` from now (1 = the next) reaches the server, its answer is dropped,
    /// and the proxy goes down.
    pub fn cut_at_put(&self, n: usize) {
        let mut s = self.state.lock().unwrap();
        s.cut_at = Some(s.puts + n);
    }

    /// Passes everything again.
    pub fn heal(&self) {
        let mut s = self.state.lock().unwrap();
        s.cut_at = None;
        s.down = false;
    }

    /// The PUTs passed on so far (the cut one included).
    pub fn puts(&self) -> usize {
        self.state.lock().unwrap().puts
    }
}

/// One client connection: one request, passed on and answered (or cut), then closed.
fn serve(client: TcpStream, upstream: u16, state: &Mutex<State>) {
    if state.lock().unwrap().down {
        let _ = client.shutdown(Shutdown::Both);
        return;
    }
    let mut reader = BufReader::new(client.try_clone().unwrap());
    let Some((head, body)) = read_request(&mut reader) else {
        return;
    };
    let cut = {
        let mut s = state.lock().unwrap();
        if s.down {
            let _ = client.shutdown(Shutdown::Both);
            return;
        }
        if head[0].starts_with("PUT ") {
            s.puts += 1;
            if s.cut_at == Some(s.puts) {
                s.down = true;
                true
            } else {
                false
            }
        } else {
            false
        }
    };
    let Ok(mut up) = TcpStream::connect(("127.0.0.1", upstream)) else {
        let _ = client.shutdown(Shutdown::Both);
        return;
    };
    up.write_all(&closing(&head)).unwrap();
    up.write_all(&body).unwrap();
    let mut answer = Vec::new();
    let _ = up.read_to_end(&mut answer);
    if cut {
        // The server did it; graded never hears.
        let _ = client.shutdown(Shutdown::Both);
        return;
    }
    // The answer with `Connection: close`, so the client opens a new connection next time.
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(answer.len(), |i| i + 4);
    let head: Vec<String> = String::from_utf8_lossy(&answer[..split])
        .split_inclusive("\r\n")
        .filter(|l| *l != "\r\n")
        .map(str::to_string)
        .collect();
    let mut client = client;
    let _ = client.write_all(&closing(&head));
    let _ = client.write_all(&answer[split..]);
    let _ = client.shutdown(Shutdown::Both);
}

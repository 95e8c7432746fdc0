//! `concord serve`: the real binary on a free port of 127.0.0.1, stopped by the test.

use crate::TestSite;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The server process; killed when dropped, whatever the test does.
struct Served {
    child: Child,
    addr: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(site: &TestSite) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
        .arg("--root")
        .arg(site.root())
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(url) = line.strip_prefix("Serving at http://") {
                let addr = url.split('/').next().unwrap_or("").to_string();
                let _ = tx.send(addr);
            }
        }
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("server did not start within 20 s");
    Served { child, addr }
}

/// A raw HTTP/1.0 GET: the status code and the body.
fn get(addr: &str, path: &str) -> (u16, String) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut stream = loop {
        match TcpStream::connect(addr) {
            Ok(s) => break s,
            Err(e) if Instant::now() > deadline => panic!("connect {addr}: {e}"),
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    };
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn serves_pages_and_answers_404_to_unknown_and_traversal_paths() {
    let site = TestSite::fixture("basic");
    let served = serve(&site);
    let (status, body) = get(&served.addr, "/");
    assert_eq!(status, 200);
    assert!(body.contains("First story of the day"));
    let (status, body) = get(&served.addr, "/2024/01/alder-birch-ferry/");
    assert_eq!(status, 200, "{body}");
    assert_eq!(get(&served.addr, "/style.css").0, 200);
    let (status, body) = get(&served.addr, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"));
    for attack in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/..%2f..%2fetc/passwd",
        "//etc/passwd",
    ] {
        assert_eq!(get(&served.addr, attack).0, 404, "{attack}");
    }
    assert!(
        !site.public().exists(),
        "serve never writes the output folder"
    );
}

#[test]
fn serves_a_sub_path_base_url_as_a_static_host_would() {
    let site = TestSite::fixture("basic");
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/archive/\"\n",
    );
    let served = serve(&site);
    let (status, body) = get(&served.addr, "/archive/");
    assert_eq!(status, 200);
    assert!(body.contains("href=\"/archive/style.css\""));
    assert_eq!(get(&served.addr, "/archive/style.css").0, 200);
    assert_eq!(get(&served.addr, "/style.css").0, 404);
}

//! Publishing: link check, base URL from the environment, and the built site served the way a
//! static host serves it, at a sub-path and at a domain root.

use crate::{TestSite, stderr, stdout, tree};
use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

#[test]
fn check_links_fails_before_publishing_and_keeps_the_old_site() {
    let site = TestSite::fixture("basic");
    site.build(&["--check-links"]);
    let before = tree(&site.public());
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<a href=\"{{ site.base_path }}nowhere/\">x</a><a href=\"#missing\">y</a>{% endblock content %}",
    );
    let out = site.run(&["build", "--check-links"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("broken link: 404.html: /nowhere/ (no such file)"),
        "{err}"
    );
    assert!(
        err.contains("#missing (no element with id \"missing\")"),
        "{err}"
    );
    assert_eq!(
        before,
        tree(&site.public()),
        "the published site is untouched"
    );
}

#[test]
fn base_url_comes_from_the_environment_and_is_logged() {
    let site = TestSite::fixture("basic");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_concord"))
        .arg("--root")
        .arg(site.root())
        .arg("build")
        .env("CONCORD_BASE_URL", "https://preview.example.net/pr-7/")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("for https://preview.example.net/pr-7/"));
    assert!(site.page("index.html").contains("href=\"/pr-7/style.css\""));
}

#[test]
fn output_names_no_local_path_and_no_localhost() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let root = site.root().to_string_lossy().into_owned();
    for (path, bytes) in tree(&site.public()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(&root), "{path} names the build folder");
        assert!(
            !text.contains("localhost") && !text.contains("127.0.0.1"),
            "{path}"
        );
    }
}

/// Serves `dir` under `prefix` on 127.0.0.1 like a static host; stops when dropped.
struct StaticHost {
    server: std::sync::Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
    addr: String,
}

impl StaticHost {
    fn start(dir: PathBuf, prefix: &'static str) -> StaticHost {
        let server = std::sync::Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let addr = server.server_addr().to_ip().unwrap().to_string();
        let s = server.clone();
        let thread = std::thread::spawn(move || {
            for request in s.incoming_requests() {
                let url = request.url().split('?').next().unwrap_or("").to_string();
                let file = url.strip_prefix(prefix).map(|rest| {
                    let decoded = percent_encoding::percent_decode_str(rest)
                        .decode_utf8_lossy()
                        .into_owned();
                    let p = dir.join(decoded);
                    if p.is_dir() { p.join("index.html") } else { p }
                });
                let response = match file.filter(|f| f.is_file() && !url.contains("..")) {
                    Some(f) => tiny_http::Response::from_data(std::fs::read(f).unwrap()),
                    None => {
                        tiny_http::Response::from_data(b"not found".to_vec()).with_status_code(404)
                    }
                };
                let _ = request.respond(response);
            }
        });
        StaticHost {
            server,
            thread: Some(thread),
            addr,
        }
    }

    fn get(&self, path: &str) -> (u16, Vec<u8>) {
        let mut stream = std::net::TcpStream::connect(&self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        std::io::Write::write_all(
            &mut stream,
            format!("GET {path} HTTP/1.0\r\nHost: {}\r\n\r\n", self.addr).as_bytes(),
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let head_end = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(0);
        let head = String::from_utf8_lossy(&response[..head_end]);
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (
            status,
            response[(head_end + 4).min(response.len())..].to_vec(),
        )
    }
}

impl Drop for StaticHost {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Builds the example site (the repository root) at `base_url`, serves it under `prefix`, and
/// fetches the home page and every page and asset it links to.
fn serve_example_and_follow_links(base_url: &str, prefix: &'static str) {
    let out = tempfile::tempdir().unwrap();
    let site_out = out.path().join("site");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_concord"))
        .arg("--root")
        .arg(env!("CARGO_MANIFEST_DIR"))
        .args([
            "build",
            "--check-links",
            "--quiet",
            "--base-url",
            base_url,
            "--output",
        ])
        .arg(&site_out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let host = StaticHost::start(site_out, prefix);
    let (status, home) = host.get(prefix);
    assert_eq!(status, 200);
    let home = String::from_utf8(home).unwrap();
    let mut links: Vec<String> = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for piece in home.split(attr).skip(1) {
            let link = &piece[..piece.find('"').unwrap()];
            let link = link.split('#').next().unwrap().to_string();
            if !link.is_empty() && !links.contains(&link) {
                links.push(link);
            }
        }
    }
    let mut fetched = 0;
    for link in &links {
        // An absolute link (canonical) is followed by its path.
        let path = match link.split_once("://") {
            Some((_, rest)) => rest[rest.find('/').unwrap_or(rest.len())..].to_string(),
            None => link.clone(),
        };
        assert!(path.starts_with(prefix), "{link} is not under {prefix}");
        let (status, _) = host.get(&path);
        assert_eq!(status, 200, "{link}");
        fetched += 1;
    }
    assert!(fetched > 20, "only {fetched} links followed");
    assert!(links.iter().any(|l| l.ends_with("style.css")));
    assert!(links.iter().any(|l| l.contains("/organisations/")));
}

#[test]
fn example_site_served_under_a_sub_path_has_no_dead_link_from_home() {
    serve_example_and_follow_links("https://example.org/archive/", "/archive/");
}

#[test]
fn example_site_served_at_a_domain_root_has_no_dead_link_from_home() {
    serve_example_and_follow_links("https://example.org/", "/");
}

/// Rebuilding into an existing site links the files whose bytes did not change (same file,
/// same modification time, so rsync-style deploys skip them) and writes the others.
#[cfg(unix)]
#[test]
fn a_rebuild_keeps_unchanged_files_and_writes_changed_ones() {
    use std::os::unix::fs::MetadataExt;
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let inode = |rel: &str| std::fs::metadata(site.public().join(rel)).unwrap().ino();
    let unchanged = "2024/01/alder-birch-ferry/index.html";
    let changed = "2024/01/birch-bank-loan/index.html";
    let (kept, replaced) = (inode(unchanged), inode(changed));
    let before = tree(&site.public());
    let path = site.root().join("content/2024/01/birch-bank-loan.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("to build a quay", "to build a longer quay"),
    )
    .unwrap();
    site.build(&[]);
    assert_eq!(inode(unchanged), kept, "an unchanged page is the same file");
    assert_ne!(inode(changed), replaced, "a changed page is a new file");
    assert!(site.page(changed).contains("a longer quay"));
    let after = tree(&site.public());
    assert_eq!(before.len(), after.len());
    site.assert_no_working_folder();
}

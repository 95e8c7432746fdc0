//! `concord serve`: builds the site into a temporary folder and serves it on 127.0.0.1, the way
//! a static host would (sub-path `base_url`s included). It never reads outside that folder.

use concord::Options;
use concord::config::BaseUrl;
use std::fs::File;
use std::path::{Path, PathBuf};
use tiny_http::{Header, Response, Server};

/// Maps a request URL to a file path relative to the served folder, or `None` for anything that
/// is outside the site's base path or tries to climb out of the folder (`..`, encoded or not).
pub fn resolve(base_path: &str, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let rest = if path.len() + 1 == base_path.len() && base_path.starts_with(path) {
        ""
    } else {
        path.strip_prefix(base_path)?
    };
    let decoded = percent_encoding::percent_decode_str(rest)
        .decode_utf8()
        .ok()?;
    let mut rel = PathBuf::new();
    for segment in decoded.split('/') {
        if segment.is_empty() {
            continue;
        }
        if segment == "."
            || segment == ".."
            || segment.contains(['\\', '\0', ':'])
            || segment.starts_with('.')
        {
            return None;
        }
        rel.push(segment);
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        rel.push("index.html");
    }
    Some(rel)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

/// Builds once and serves until the process is stopped.
pub fn run(root: PathBuf, bind: &str, port: u16) -> Result<(), String> {
    let (_, base) = concord::load_config(&Options {
        root: root.clone(),
        ..Options::default()
    })
    .map_err(|e| e.to_string())?;
    let server =
        Server::http((bind, port)).map_err(|e| format!("cannot listen on {bind}:{port}: {e}"))?;
    let port = server.server_addr().to_ip().map_or(port, |a| a.port());
    let local = BaseUrl::parse(&format!("http://{bind}:{port}{}", base.path))?;
    let work = tempfile::Builder::new()
        .prefix("concord-serve-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    let served = work.path().join("site");
    let options = Options {
        root,
        output: Some(served.clone()),
        base_url: Some(local.permalink("")),
        drafts: true,
        check_links: false,
    };
    match concord::build(&options) {
        Ok(report) => println!(
            "Built {} articles in {:.2} s",
            report.articles,
            report.elapsed.as_secs_f64()
        ),
        Err(e) => {
            if let concord::Error::Content(problems) = &e {
                for p in problems {
                    eprintln!("{p}");
                }
            }
            return Err(e.to_string());
        }
    }
    println!("Serving at {} (Ctrl-C to stop)", local.permalink(""));
    for request in server.incoming_requests() {
        let target = resolve(&local.path, request.url()).map(|rel| served.join(rel));
        let target = target.map(|t| if t.is_dir() { t.join("index.html") } else { t });
        let response = match target
            .as_ref()
            .and_then(|t| File::open(t).ok().map(|f| (t, f)))
        {
            Some((path, file)) if path.is_file() => {
                let mut response = Response::from_file(file);
                if let Some(h) = header("Content-Type", content_type(path)) {
                    response = response.with_header(h);
                }
                request.respond(response)
            }
            _ => {
                let body = std::fs::read(served.join("404.html")).unwrap_or_default();
                let mut response = Response::from_data(body).with_status_code(404);
                if let Some(h) = header("Content-Type", "text/html; charset=utf-8") {
                    response = response.with_header(h);
                }
                request.respond(response)
            }
        };
        if let Err(e) = response {
            eprintln!("warning: could not answer a request: {e}");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::resolve;
    use std::path::PathBuf;

    #[test]
    fn resolves_pages_under_the_base_path() {
        assert_eq!(resolve("/", "/"), Some(PathBuf::from("index.html")));
        assert_eq!(
            resolve("/", "/2023/10/x/"),
            Some(PathBuf::from("2023/10/x/index.html"))
        );
        assert_eq!(
            resolve("/", "/style.css?v=1"),
            Some(PathBuf::from("style.css"))
        );
        assert_eq!(
            resolve("/archive/", "/archive"),
            Some(PathBuf::from("index.html"))
        );
        assert_eq!(
            resolve("/archive/", "/archive/a%20b.txt"),
            Some(PathBuf::from("a b.txt"))
        );
        assert_eq!(resolve("/archive/", "/other/"), None);
    }

    #[test]
    fn refuses_traversal_in_every_spelling() {
        for url in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a/%2E%2E/%2e%2e/x",
            "/..%2fetc",
            "/%2fetc/passwd/..",
            "/a\\..\\b",
            "/C:/x",
            "/.hidden",
            "/%00",
        ] {
            assert_eq!(resolve("/", url), None, "{url}");
        }
    }
}

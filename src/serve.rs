//! `concord serve`: builds the site into a temporary folder and serves it on 127.0.0.1, the way
//! a static host would (sub-path `base_url`s included), never reading outside that folder. It
//! watches `content/`, `templates/`, `static/` and `site.toml`, rebuilds on a change, and tells
//! open pages to reload through server-sent events (a small script injected into HTML pages in
//! serve mode only). A failed rebuild keeps the last good site, prints the problems, and shows
//! them over the page; the next good save recovers. Ctrl-C removes the temporary folder.

use concord::config::BaseUrl;
use concord::{Cache, Options};
use notify::{RecursiveMode, Watcher};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;
use tiny_http::{Header, Request, Response, Server};

/// How long no change must come before a rebuild starts.
const QUIET: Duration = Duration::from_millis(20);

/// Where pages listen for rebuilds, below the base path.
const EVENTS: &str = "__concord/events";

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
            || (segment.starts_with('.') && segment != ".well-known")
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

/// The `Content-Type` of a served file, from its extension (`mime_guess`'s table); text is
/// UTF-8, as Concord writes it.
fn content_type(path: &Path) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "javascript" | "xml" | "json");
    if text && mime.get_param("charset").is_none() {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

/// What open pages are told: the number of the last good build, and the problems of the last
/// build if it failed.
#[derive(Default)]
struct Status {
    generation: u64,
    problem: Option<String>,
}

#[derive(Default)]
struct Shared {
    status: Mutex<Status>,
    changed: Condvar,
    /// Held while files are written into the served folder: by a rebuild, or by the search index.
    writing: Mutex<()>,
    /// The search index a rebuild left for later, with the number of that rebuild; the newest
    /// replaces one not yet started.
    search: Mutex<(u64, Option<concord::search::SearchJob>)>,
    /// What each bundle of the index in the served folder holds (its records' digest), as the
    /// build or the search thread that wrote it last left it: an unchanged part is not built
    /// again.
    search_written: Mutex<concord::search::Digests>,
    search_ready: Condvar,
}

impl Shared {
    fn status(&self) -> std::sync::MutexGuard<'_, Status> {
        self.status
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn written_parts(&self) -> std::sync::MutexGuard<'_, concord::search::Digests> {
        self.search_written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The script injected before `</body>` of every HTML page in serve mode.
fn reload_script(base_path: &str) -> String {
    // The address as a JSON string, with `<` escaped, so no base_url can end the script.
    let events = serde_json::to_string(&format!("{base_path}{EVENTS}"))
        .unwrap_or_else(|_| "\"\"".into())
        .replace('<', "\\u003c");
    format!(
        r#"<script>(function () {{
  var seen = null, overlay = null;
  var events = new EventSource({events});
  events.addEventListener("reload", function (e) {{
    if (seen !== null && seen !== e.data) location.reload();
    seen = e.data;
  }});
  events.addEventListener("problem", function (e) {{
    var text = JSON.parse(e.data);
    if (!text) {{ if (overlay) overlay.remove(); overlay = null; return; }}
    if (!overlay) {{
      overlay = document.createElement("div");
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;background:#2b0b0b;color:#ffe9e9;font:14px/1.5 ui-monospace,monospace;padding:1rem 1.25rem;border-top:4px solid #ff6b6b;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }}
    overlay.textContent = "concord serve: the last build failed; this page shows the last good one.\n\n" + text;
  }});
}})();</script>
"#
    )
}

/// Builds into `options.output`, prints the outcome, and updates what pages are told. The cache
/// makes a rebuild after a small change redo only what the change needs.
fn rebuild(options: &Options, shared: &Shared, cache: &mut Cache, timings: bool) {
    let writing = shared
        .writing
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let built = concord::build_with(options, Some(cache));
    let mut search = shared.search.lock().unwrap_or_else(PoisonError::into_inner);
    if let Ok(report) = &built
        && (report.search_written.is_some() || report.search_later.is_some())
    {
        // This build's index replaces any made for an earlier build, written or not yet.
        search.0 += 1;
        search.1 = None;
    }
    if let Ok(report) = &built
        && let Some(parts) = &report.search_written
    {
        *shared.written_parts() = parts.clone();
    }
    drop(writing);
    match built {
        Ok(mut report) => {
            outln!(
                "Built {} articles in {:.0} ms ({} files written)",
                report.articles,
                report.elapsed.as_secs_f64() * 1000.0,
                report.files_written
            );
            if timings {
                crate::diagnostics::print_timings(&report.timings);
            }
            if let Some(job) = report.search_later.take() {
                search.1 = Some(job);
            }
            let mut status = shared.status();
            status.generation += 1;
            status.problem = None;
        }
        Err(e) => {
            let text = match &e {
                concord::Error::Content(problems) => problems
                    .iter()
                    .filter(|p| p.is_error())
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n"),
                other => format!("error: {other}"),
            };
            errln!("{text}\nThe last good build is still served; fix and save to rebuild.");
            shared.status().problem = Some(text);
        }
    }
    if search.1.is_some() {
        shared.search_ready.notify_all();
    }
    drop(search);
    shared.changed.notify_all();
}

/// Builds the search index each rebuild leaves for later, on its own thread, so the next edit
/// need not wait for it: the pages of a rebuild show at once and the index follows. An index
/// is written only if no rebuild started writing since the one it was made for.
fn index_for_search(shared: Arc<Shared>) {
    std::thread::spawn(move || {
        loop {
            let (generation, job) = {
                let mut search = shared.search.lock().unwrap_or_else(PoisonError::into_inner);
                while search.1.is_none() {
                    search = shared
                        .search_ready
                        .wait(search)
                        .unwrap_or_else(PoisonError::into_inner);
                }
                (search.0, search.1.take())
            };
            let Some(job) = job else { continue };
            let started = std::time::Instant::now();
            let unchanged = shared.written_parts().clone();
            let built = match job.build_in_background(&unchanged) {
                Ok(built) => built,
                Err(e) => {
                    errln!("error: {e}");
                    continue;
                }
            };
            let _writing = shared
                .writing
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let current = shared
                .search
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .0;
            if current != generation {
                continue;
            }
            let bundles: Vec<String> = built.iter().map(|part| part.bundle.clone()).collect();
            match write_parts(&shared, &job, built) {
                Ok(files) => outln!(
                    "Search index updated in {:.0} ms ({}; {files} files written)",
                    started.elapsed().as_secs_f64() * 1000.0,
                    if bundles.is_empty() {
                        "no part changed".to_string()
                    } else {
                        bundles.join(", ")
                    }
                ),
                Err(e) => errln!("error: {e}"),
            }
        }
    });
}

/// Writes the parts of the index a job built, and remembers what each holds. Parts the job did
/// not build are those the folder holds already (their digest was unchanged).
fn write_parts(
    shared: &Shared,
    job: &concord::search::SearchJob,
    built: Vec<concord::search::Built>,
) -> concord::Result<usize> {
    let mut written = shared.written_parts();
    concord::write::replace_parts(job.out(), &job.bundles(), built, &mut written)
}

/// Whether a changed path is one the site is built from.
fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components();
    match parts.next().and_then(|c| c.as_os_str().to_str()) {
        Some("content" | "templates" | "static") => true,
        Some("site.toml") => parts.next().is_none(),
        _ => false,
    }
}

/// The folders a site is built from, watched recursively. The site root itself is watched
/// alone (for `site.toml`, and these folders appearing), never recursively: it may hold large
/// folders that are none of Concord's business (`target/`, `.git/`, the output folder).
const SOURCE_DIRS: [&str; 3] = ["content", "templates", "static"];

/// Watches the site and rebuilds after each burst of changes (20 ms of quiet: an editor's save
/// or a `git checkout` is a burst of events a few ms apart). When the burst only changed the
/// contents of content files, the rebuild looks at those alone ([`Cache::only_changed`]).
fn watch(
    root: &Path,
    options: Options,
    shared: Arc<Shared>,
    mut cache: Cache,
    timings: bool,
) -> Result<(), String> {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let (tx, rx) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher =
        notify::recommended_watcher(tx).map_err(|e| format!("cannot watch the site: {e}"))?;
    let watch_error =
        |path: &Path, e: notify::Error| format!("cannot watch {}: {e}", path.display());
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| watch_error(&root, e))?;
    for dir in SOURCE_DIRS
        .map(|d| root.join(d))
        .iter()
        .filter(|d| d.is_dir())
    {
        watcher
            .watch(dir, RecursiveMode::Recursive)
            .map_err(|e| watch_error(dir, e))?;
    }
    std::thread::spawn(move || {
        let mut watcher = watcher;
        while let Ok(first) = rx.recv() {
            let mut burst = Burst::default();
            if !burst.add(&root, first) {
                continue;
            }
            while let Ok(next) = rx.recv_timeout(QUIET) {
                burst.add(&root, next);
            }
            // A source folder created after the start is watched from now on.
            for path in &burst.folders {
                let _ = watcher.watch(path, RecursiveMode::Recursive);
            }
            cache.only_changed(burst.contents_only());
            rebuild(&options, &shared, &mut cache, timings);
        }
    });
    Ok(())
}

/// What one burst of file-system events changed in the site's sources.
#[derive(Debug, Default)]
struct Burst {
    /// The content files whose contents (or times) changed, relative to the site root.
    contents: std::collections::HashSet<String>,
    /// Whether anything else may have changed below `content/`: a file added, removed or
    /// renamed, or an event lost.
    anything: bool,
    /// Folders that appeared at the site root.
    folders: Vec<PathBuf>,
}

impl Burst {
    /// Adds an event; returns whether it concerns the site's sources.
    fn add(&mut self, root: &Path, event: notify::Result<notify::Event>) -> bool {
        use notify::EventKind::{Access, Modify};
        use notify::event::ModifyKind::{Data, Metadata};
        let Ok(event) = event else {
            self.anything = true;
            return true;
        };
        if event.need_rescan() {
            self.anything = true;
        }
        if matches!(event.kind, Access(_)) || !event.paths.iter().any(|p| is_source(root, p)) {
            return event.need_rescan();
        }
        for path in &event.paths {
            if path.parent() == Some(root) && path.is_dir() {
                self.folders.push(path.clone());
            }
            let Ok(rel) = path.strip_prefix(root) else {
                continue;
            };
            if !rel.starts_with("content") {
                continue;
            }
            let rel = concord::paths::slash_relative(path, root);
            match event.kind {
                Modify(Data(_) | Metadata(_)) if path.is_file() => {
                    self.contents.insert(rel);
                }
                _ => self.anything = true,
            }
        }
        true
    }

    /// The content files changed, when nothing but their contents changed ([`Cache::only_changed`]).
    fn contents_only(self) -> Option<std::collections::HashSet<String>> {
        (!self.anything).then_some(self.contents)
    }
}

/// Streams server-sent events to one page until it goes away: the current build number at
/// once, then every change, with a comment every 15 s to keep the connection open.
fn events(request: Request, shared: &Shared) {
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n";
    if out.write_all(head.as_bytes()).is_err() {
        return;
    }
    let mut sent: Option<(u64, Option<String>)> = None;
    loop {
        let message = {
            let mut status = shared.status();
            while sent
                .as_ref()
                .is_some_and(|(g, p)| *g == status.generation && *p == status.problem)
            {
                let (next, timeout) = shared
                    .changed
                    .wait_timeout(status, Duration::from_secs(15))
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                status = next;
                if timeout.timed_out() {
                    break;
                }
            }
            let now = (status.generation, status.problem.clone());
            if sent.as_ref() == Some(&now) {
                ": keep-alive\n\n".to_string()
            } else {
                let problem = serde_json::to_string(&now.1.clone().unwrap_or_default())
                    .unwrap_or_else(|_| "\"\"".into());
                let text = format!(
                    "event: reload\ndata: {}\n\nevent: problem\ndata: {problem}\n\n",
                    now.0
                );
                sent = Some(now);
                text
            }
        };
        if out.write_all(message.as_bytes()).is_err() || out.flush().is_err() {
            return;
        }
    }
}

/// Answers one request from the served folder.
fn answer(request: Request, served: &Path, base: &BaseUrl, shared: &Shared) {
    if request.url().split('?').next() == Some(&format!("{}{EVENTS}", base.path)) {
        return events(request, shared);
    }
    let target = resolve(&base.path, request.url()).map(|rel| served.join(rel));
    let target = target.map(|t| if t.is_dir() { t.join("index.html") } else { t });
    let found = target.filter(|t| t.is_file());
    let (path, status) = match found {
        Some(path) => (path, 200),
        None => (served.join("404.html"), 404),
    };
    let kind = &content_type(&path);
    let response = if kind.starts_with("text/html") {
        // Bytes, not text: a static page in Latin-1 is served as the build publishes it.
        let mut html = std::fs::read(&path).unwrap_or_default();
        let script = reload_script(&base.path);
        let at = html
            .windows(7)
            .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
            .unwrap_or(html.len());
        html.splice(at..at, script.bytes());
        request.respond(with_type(
            Response::from_data(html).with_status_code(status),
            kind,
        ))
    } else {
        match File::open(&path) {
            Ok(file) => request.respond(with_type(Response::from_file(file), kind)),
            Err(_) => request.respond(Response::empty(404)),
        }
    };
    if let Err(e) = response {
        errln!("warning: could not answer a request: {e}");
    }
}

fn with_type<R: std::io::Read>(response: Response<R>, kind: &str) -> Response<R> {
    match header("Content-Type", kind) {
        Some(h) => response.with_header(h),
        None => response,
    }
}

/// Opens `url` in the desktop's browser, if there is one.
fn open_browser(url: &str) {
    if let Err(e) = opener::open_browser(url) {
        errln!("warning: could not open a browser ({e}); open {url} yourself");
    }
}

/// Answers each request on a thread of its own, at most [`MAX_REQUESTS`] at once (more get 503),
/// until the server stops.
fn answer_requests(server: &Server, served: PathBuf, local: BaseUrl, shared: &Arc<Shared>) {
    let served = Arc::new(served);
    let local = Arc::new(local);
    let busy = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    for request in server.incoming_requests() {
        use std::sync::atomic::Ordering;
        if busy.load(Ordering::Relaxed) >= MAX_REQUESTS {
            let _ = request.respond(Response::from_string("busy, try again").with_status_code(503));
            continue;
        }
        let (served, local, shared, busy) = (
            Arc::clone(&served),
            Arc::clone(&local),
            Arc::clone(shared),
            Arc::clone(&busy),
        );
        busy.fetch_add(1, Ordering::Relaxed);
        let counted = Arc::clone(&busy);
        let spawned = std::thread::Builder::new().spawn(move || {
            answer(request, &served, &local, &shared);
            busy.fetch_sub(1, Ordering::Relaxed);
        });
        if let Err(e) = spawned {
            // The system gave no thread: that request's connection is closed unanswered.
            counted.fetch_sub(1, Ordering::Relaxed);
            errln!("warning: could not answer a request: {e}");
        }
    }
}

/// Requests answered at once (each open page keeps one for its reload events); more get 503.
const MAX_REQUESTS: usize = 128;

/// The name every temporary site of `serve` starts with, followed by the process id.
const SERVE_PREFIX: &str = "concord-serve-";

/// Stops serving at once: says so, removes the temporary site for at most 0.6 s (a large one
/// may take longer; the next `serve` removes what is left), and exits.
fn stop(work: &Path) {
    outln!("\nStopping…");
    let _ = std::io::stdout().flush();
    let (done, finished) = std::sync::mpsc::channel();
    let work = work.to_path_buf();
    std::thread::spawn(move || {
        let _ = std::fs::remove_dir_all(&work);
        let _ = done.send(());
    });
    let removed = finished.recv_timeout(Duration::from_millis(600)).is_ok();
    outln!(
        "{}",
        if removed {
            "Stopped."
        } else {
            "Stopped; the next `concord serve` removes the rest of the temporary site."
        }
    );
    std::process::exit(0);
}

/// Removes, in the background, the temporary sites of `serve` processes that no longer run
/// (killed before they could clean up).
fn remove_stale_sites() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    let stale: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(SERVE_PREFIX)) else {
                return false;
            };
            let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
            pid.is_some_and(|pid| pid != std::process::id() && !process_runs(pid))
        })
        .map(|e| e.path())
        .collect();
    if !stale.is_empty() {
        std::thread::spawn(move || {
            for dir in stale {
                let _ = std::fs::remove_dir_all(dir);
            }
        });
    }
}

/// Whether a process with this id runs (Linux: it has a /proc entry). Elsewhere it is assumed
/// to run, so nothing of a live process is ever removed.
fn process_runs(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

/// Builds, serves and rebuilds until Ctrl-C (or SIGTERM, or SIGHUP).
pub fn run(root: PathBuf, bind: &str, port: u16, open: bool, timings: bool) -> Result<(), String> {
    let (_, base) = concord::load_config(&Options {
        root: root.clone(),
        ..Options::default()
    })
    .map_err(|e| e.to_string())?;
    let server =
        Server::http((bind, port)).map_err(|e| {
            format!(
                "cannot listen on {bind}:{port}: {e}; if another program uses that port, try --port {} or --port 0 (any free port)",
                port.wrapping_add(1).max(1024)
            )
        })?;
    let port = server.server_addr().to_ip().map_or(port, |a| a.port());
    let local = BaseUrl::parse(&format!("http://{bind}:{port}{}", base.path))?;
    remove_stale_sites();
    let work = tempfile::Builder::new()
        .prefix(&format!("{SERVE_PREFIX}{}-", std::process::id()))
        .tempdir()
        .map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    let work_path = work.path().to_path_buf();
    // Ctrl-C, SIGTERM and SIGHUP alike (ctrlc's `termination` feature), and SIGQUIT.
    #[cfg(unix)]
    {
        let work_path = work_path.clone();
        let mut quit = signal_hook::iterator::Signals::new([signal_hook::consts::SIGQUIT])
            .map_err(|e| format!("cannot handle SIGQUIT: {e}"))?;
        std::thread::spawn(move || {
            if quit.forever().next().is_some() {
                stop(&work_path);
            }
        });
    }
    ctrlc::set_handler(move || stop(&work_path))
        .map_err(|e| format!("cannot handle Ctrl-C: {e}"))?;
    let served = work.path().join("site");
    let options = Options {
        root: root.clone(),
        output: Some(served.clone()),
        base_url: Some(local.permalink("")),
        drafts: true,
        check_links: false,
        keep_going: false,
        strict: false,
        progress: None,
        defer_search: true,
    };
    let shared = Arc::new(Shared::default());
    let mut cache = Cache::default();
    index_for_search(Arc::clone(&shared));
    rebuild(&options, &shared, &mut cache, timings);
    watch(&root, options, Arc::clone(&shared), cache, timings)?;
    outln!("Serving at {} (Ctrl-C to stop)", local.permalink(""));
    if open {
        open_browser(&local.permalink(""));
    }
    answer_requests(&server, served, local, &shared);
    drop(work);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Burst, content_type, resolve};
    use std::path::{Path, PathBuf};

    #[test]
    fn a_burst_of_content_edits_names_its_files_and_anything_else_names_none() {
        use notify::event::{CreateKind, DataChange, ModifyKind, RemoveKind};
        use notify::{Event, EventKind};
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        for rel in [
            "content/2024/a.txt",
            "content/2024/b.txt",
            "templates/base.html",
        ] {
            std::fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
            std::fs::write(root.join(rel), "x").unwrap();
        }
        let event = |kind, rel: &str| Ok(Event::new(kind).add_path(root.join(rel)));
        let written = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let burst = |events: Vec<notify::Result<Event>>| {
            let mut burst = Burst::default();
            for e in events {
                burst.add(root, e);
            }
            burst.contents_only()
        };
        let only = burst(vec![
            event(written, "content/2024/a.txt"),
            event(written, "content/2024/a.txt"),
            event(written, "content/2024/b.txt"),
            event(written, "templates/base.html"),
        ])
        .expect("contents only");
        let mut named: Vec<String> = only.into_iter().collect();
        named.sort();
        assert_eq!(named, ["content/2024/a.txt", "content/2024/b.txt"]);
        // A template alone: no content file changed.
        assert_eq!(
            burst(vec![event(written, "templates/base.html")]),
            Some(Default::default())
        );
        // A file added or removed, or an event lost: anything may have changed.
        let created = EventKind::Create(CreateKind::File);
        let removed = EventKind::Remove(RemoveKind::File);
        assert_eq!(burst(vec![event(created, "content/2024/a.txt")]), None);
        assert_eq!(burst(vec![event(removed, "content/2024/c.txt")]), None);
        assert_eq!(
            burst(vec![
                event(written, "content/2024/a.txt"),
                Err(notify::Error::generic("queue overflow")),
            ]),
            None
        );
        // Events outside the sources are not the site's.
        let mut outside = Burst::default();
        assert!(!outside.add(root, event(written, "public/index.html")));
    }

    #[test]
    fn content_types_come_from_the_extension_and_text_is_utf_8() {
        let of = |name: &str| content_type(Path::new(name));
        assert_eq!(of("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(of("style.css"), "text/css; charset=utf-8");
        assert!(
            of("search.js").contains("javascript; charset=utf-8"),
            "{}",
            of("search.js")
        );
        assert_eq!(of("favicon.svg"), "image/svg+xml");
        assert!(
            of("feed.xml").ends_with("xml; charset=utf-8"),
            "{}",
            of("feed.xml")
        );
        assert_eq!(of("pagefind/wasm.en.pagefind"), "application/octet-stream");
        assert_eq!(
            of("pagefind/fragment/en_1.pf_fragment"),
            "application/octet-stream"
        );
    }

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

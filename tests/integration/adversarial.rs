//! Regression tests for the failures of an adversarial pass over the release binary (one test
//! per item of the issue "Never lose a file, never publish a torn site, never run a reader's
//! script"), each reproducing the failure. All content is invented.

use crate::{TestSite, stderr, stdout, tree};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn native(date: &str, headline: &str, body: &str) -> String {
    format!("date {date}\n{headline}\n\n{body}\n\nSource: Harbour Daily   Editor: Ana Ruiz\n")
}

/// A site of `n` small articles.
fn archive(n: usize) -> TestSite {
    let site = TestSite::empty();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://news.example.net/\"\n",
    );
    for i in 0..n {
        site.write(
            &format!("content/2020/{:02}/story-{i}.txt", i % 12 + 1),
            native(
                &format!("2020-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
                &format!("Port story number {i}"),
                &format!("The Port of Alder and the Birch Port Authority met for talk {i}."),
            ),
        );
    }
    site
}

fn code(out: &std::process::Output) -> i32 {
    let code = out.status.code().unwrap_or(-1);
    assert_ne!(code, 101, "panicked:\n{}", stderr(out));
    code
}

/// 1. Two builds into one output folder: the second fails at once, naming who holds it.
#[test]
fn a_second_build_into_a_locked_output_fails_naming_the_holder() {
    let site = archive(3);
    let lock = concord::write::lock_output(&site.public()).unwrap();
    let out = site.run(&["build"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains(&format!(
            "another concord build (process {}) is writing this output folder",
            std::process::id()
        )),
        "{}",
        stderr(&out)
    );
    drop(lock);
    site.build(&[]);
}

/// 1. Real builds racing: never a torn site, and the folder is never refused afterwards.
#[test]
fn racing_builds_never_publish_a_torn_site() {
    let site = archive(400);
    site.build(&[]);
    let files = tree(&site.public()).len();
    for _ in 0..4 {
        let spawn = || {
            Command::new(env!("CARGO_BIN_EXE_concord"))
                .arg("--root")
                .arg(site.root())
                .arg("build")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        let codes: Vec<i32> = [a, b]
            .into_iter()
            .map(|c| code(&c.wait_with_output().unwrap()))
            .collect();
        assert!(codes.contains(&0), "{codes:?}");
        assert!(codes.iter().all(|c| *c == 0 || *c == 2), "{codes:?}");
        assert_eq!(tree(&site.public()).len(), files, "a torn site");
        site.assert_no_working_folder();
    }
    site.build(&[]);
}

/// 2. Script URLs in Markdown never come out live, in pages or feeds.
#[test]
fn markdown_script_urls_are_inert_everywhere() {
    let site = TestSite::empty();
    let links = [
        "[a](javascript:alert(1))",
        "[b](vbscript:msgbox(1))",
        "[c](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[d](&#106;avascript:alert(1))",
        "[e](javascript&colon;alert(1))",
        "![f](javascript:alert(1))",
        "<javascript:alert(1)>",
        "[g][r]\n\n[r]: JaVaScRiPt:alert(1)",
    ];
    site.write(
        "content/2024/01/x.md",
        format!(
            "+++\ntitle = \"Links\"\ndate = 2024-01-01\n+++\n\n{}\n\n[ok](https://example.net/) [rel](/archive/)\n",
            links.join("\n\n")
        ),
    );
    let out = site.build(&[]);
    assert!(stderr(&out).contains("made inert"), "{}", stderr(&out));
    for (path, bytes) in tree(&site.public()) {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        for attribute in ["href=\"", "src=\""] {
            for value in text.split(attribute).skip(1) {
                let value = value.split('"').next().unwrap_or("");
                assert!(
                    concord::markdown::safe_url(value),
                    "{path}: {attribute}{value}"
                );
            }
        }
    }
    let page = site.page("2024/01/x/index.html");
    assert!(page.contains("href=\"https://example.net/\""));
}

/// 3. A folder Concord did not build is never replaced, even with an index.html in it.
#[test]
fn a_folder_concord_did_not_build_is_refused_and_untouched() {
    let site = archive(1);
    let home = site.root().join("home");
    for (rel, text) in [
        ("index.html", "<p>my page</p>"),
        (".ssh/id_ed25519", "secret"),
        ("Documents/notes.txt", "mine"),
    ] {
        let path = home.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let before = tree(&home);
    let out = site.run(&["build", "--output", home.to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("Concord did not build (it has no .concord-site file)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&home), before);
    // A site Concord built carries the marker and is replaced by the next build.
    site.build(&[]);
    assert!(site.public().join(".concord-site").is_file());
    site.build(&[]);
}

/// 4. A FIFO as site.toml is refused at once, never waited on.
#[cfg(unix)]
#[test]
fn a_fifo_site_toml_is_refused_at_once() {
    let site = TestSite::empty();
    std::fs::remove_file(site.root().join("site.toml")).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(site.root().join("site.toml"))
            .status()
            .unwrap()
            .success()
    );
    let started = Instant::now();
    let out = site.run(&["check"]);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("site.toml: not a regular file (a FIFO)"),
        "{}",
        stderr(&out)
    );
}

/// 5. Control characters never make a feed invalid XML, and check says they were removed.
#[test]
fn control_characters_are_removed_with_a_warning() {
    let site = TestSite::empty();
    site.write(
        "content/2024/02/x.txt",
        "date 2024-02-02\nPorts\u{8} sign \u{ffff}a pact\n\nThe Alder\u{1} Port Authority met.\n\nSource: Wire\u{7}   Editor: Ana\n",
    );
    let out = site.build(&[]);
    assert!(
        stderr(&out).contains("content/2024/02/x.txt:2:1: warning: 4 control characters removed"),
        "{}",
        stderr(&out)
    );
    // The search index's files are compressed (Pagefind's own format, made from the same
    // cleaned text): every other file is text and checked.
    let text_files = tree(&site.public())
        .into_iter()
        .filter(|(path, _)| !path.starts_with("pagefind/") || path.ends_with(".js"));
    for (path, bytes) in text_files {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.chars().any(concord::markdown::is_forbidden_char),
            "{path}"
        );
    }
    assert!(
        site.page("feed.xml")
            .contains("<title>Ports sign a pact</title>")
    );
}

/// 6. `--output public/.` is the folder `public`, and no working copy is left behind.
#[test]
fn an_output_written_with_a_trailing_dot_is_that_folder() {
    let site = archive(2);
    site.build(&[]);
    let out = site.run(&[
        "build",
        "--output",
        &format!("{}/public/.", site.root().display()),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    site.assert_no_working_folder();
    assert!(site.public().join("index.html").is_file());
    assert!(!site.public().join(".concord-new").exists());
}

/// 7. Two file names that are not UTF-8 stay two articles, the same way every run.
#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_are_each_published_once() {
    use std::os::unix::ffi::OsStrExt;
    let site = TestSite::empty();
    let folder = site.root().join("content/2024/03");
    std::fs::create_dir_all(&folder).unwrap();
    for (name, body) in [
        (&b"caf\xe9.txt"[..], "First."),
        (&b"caf\xe8.txt"[..], "Second."),
    ] {
        let path = folder.join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(path, native("2024-03-03", body, body)).unwrap();
    }
    site.build(&[]);
    let first = tree(&site.public());
    let pages: Vec<&String> = first
        .iter()
        .map(|(p, _)| p)
        .filter(|p| p.starts_with("2024/03/caf"))
        .collect();
    assert_eq!(pages.len(), 2, "{pages:?}");
    site.build(&[]);
    assert_eq!(tree(&site.public()), first, "the same every run");
}

/// 8. Escape sequences in content are shown escaped by `check`, never sent to the terminal.
#[test]
fn escape_sequences_in_content_never_reach_the_terminal() {
    let site = TestSite::empty();
    site.write(
        "content/a.txt",
        "date 2024-13-01 \u{1b}]0;owned\u{7}\u{1b}[2J\nT\n",
    );
    let out = site.run(&["check"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
}

/// 9. A closed pipe ends the output quietly: no panic, the command's own exit code.
#[test]
fn a_closed_pipe_is_a_normal_end() {
    let site = archive(300);
    for args in [&["check", "--json"][..], &["build"][..]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
            .arg("--root")
            .arg(site.root())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert_ne!(status.code(), Some(101), "{args:?} panicked");
        assert!(status.success(), "{args:?}: {status:?}");
    }
}

/// 10. A 300-character slug or headline gives a short file name, and `new` succeeds.
#[test]
fn over_long_names_are_shortened_stably() {
    let site = TestSite::empty();
    let long = "alder-birch-".repeat(25);
    site.write(
        "content/2024/04/x.txt",
        format!("+++\nslug = \"{long}\"\n+++\ndate 2024-04-04\nLong\n\nText.\n\nSource: S\n"),
    );
    site.build(&[]);
    let month: Vec<String> = std::fs::read_dir(site.public().join("2024/04"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(month.iter().all(|n| n.len() <= 80), "{month:?}");
    let headline = "Ports of Alder and Birch sign ".repeat(10);
    let out = site.run(&["new", &headline, "--date", "2024-04-05"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).trim().rsplit('/').next().unwrap().len() <= 84);
}

/// 13. The reload script carries the base path as a JSON string.
#[test]
fn a_hostile_base_url_cannot_run_script_in_serve() {
    let site = TestSite::fixture("basic");
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://x.example/a\\\"-alert(1)-\\\"</script>/\"\n",
    );
    let served = crate::serve::serve(&site);
    let (_, page) = crate::serve::get(&served.addr, "/a%22-alert(1)-%22%3C/script%3E/");
    let script = page.split("new EventSource(").nth(1).unwrap_or_default();
    let argument = script.split(");").next().unwrap_or_default();
    assert!(
        argument.starts_with('"') && argument.contains("\\\"-alert(1)-\\\"\\u003c/script>"),
        "{argument}"
    );
}

/// 14. A remote image is reported by check.
#[test]
fn a_remote_image_is_reported() {
    let site = TestSite::empty();
    site.write(
        "content/2024/05/x.md",
        "+++\ntitle = \"Image\"\ndate = 2024-05-05\n+++\n\n![port](https://cdn.example.net/port.jpg)\n",
    );
    let out = site.run(&["check"]);
    assert!(
        stderr(&out).contains(
            "content/2024/05/x.md:6:1: warning: the image https://cdn.example.net/port.jpg loads from another host"
        ),
        "{}",
        stderr(&out)
    );
}

/// 15. A symbolic link as the output folder keeps pointing at the published site.
#[cfg(unix)]
#[test]
fn a_symlinked_output_publishes_into_its_target() {
    let site = archive(2);
    let target = site.root().join("www");
    std::fs::create_dir_all(&target).unwrap();
    std::os::unix::fs::symlink(&target, site.public()).unwrap();
    site.build(&[]);
    assert!(
        std::fs::symlink_metadata(site.public())
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(target.join("index.html").is_file());
    site.write(
        "content/2021/01/new.txt",
        native("2021-01-01", "A newer story", "Text."),
    );
    site.build(&[]);
    assert!(
        std::fs::read_to_string(target.join("index.html"))
            .unwrap()
            .contains("A newer story")
    );
}

/// 16. serve serves what the build publishes: a Latin-1 page and `.well-known/`.
#[test]
fn serve_serves_latin1_pages_and_well_known() {
    let site = TestSite::fixture("basic");
    site.write("static/latin.html", b"<p>caf\xe9</p></body>".as_slice());
    site.write(
        "static/.well-known/security.txt",
        "Contact: mailto:a@b.example\n",
    );
    let served = crate::serve::serve(&site);
    let (status, body) = crate::serve::get(&served.addr, "/latin.html");
    assert_eq!(status, 200);
    assert!(body.contains("caf"), "{body}");
    let (status, body) = crate::serve::get(&served.addr, "/.well-known/security.txt");
    assert_eq!(status, 200);
    assert!(body.contains("Contact:"));
}

/// 17. A symbolic link as content/ is followed without a warning.
#[cfg(unix)]
#[test]
fn a_symlinked_content_folder_is_followed_quietly() {
    let site = archive(2);
    let real = site.root().join("real-content");
    std::fs::rename(site.root().join("content"), &real).unwrap();
    std::os::unix::fs::symlink(&real, site.root().join("content")).unwrap();
    let out = site.build(&[]);
    assert!(!stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert!(stdout(&out).contains("Built 2 articles"));
}

/// 18. Front-matter errors name their line; an empty title is an error.
#[test]
fn front_matter_errors_name_their_line() {
    let site = TestSite::empty();
    site.write(
        "content/a.txt",
        "+++\nsource = \"S\"\ndate = \"2024-02-31\"\n+++\nHeadline\n\nText.\n",
    );
    site.write(
        "content/b.txt",
        "+++\nsource = \"S\"\nslug = \"!!!\"\n+++\ndate 2024-02-01\nHeadline\n\nText.\n",
    );
    site.write(
        "content/c.txt",
        "+++\ntitle = \"\"\n+++\ndate 2024-02-01\nHeadline\n\nText.\n",
    );
    let out = site.run(&["build"]);
    let err = stderr(&out);
    assert!(
        err.contains("content/a.txt:3:1: error: impossible date"),
        "{err}"
    );
    assert!(
        err.contains("content/b.txt:3:1: error: slug \"!!!\""),
        "{err}"
    );
    assert!(
        err.contains("content/c.txt:2:1: error: the front matter's title is empty"),
        "{err}"
    );
}

/// 19. A static file in the place of a generated folder is named in the error.
#[test]
fn a_static_file_clashing_with_a_generated_folder_is_named() {
    let site = archive(1);
    site.write("static/archive", "not a folder");
    let out = site.run(&["build"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("static/archive: this static file takes the place of the generated archive/"),
        "{}",
        stderr(&out)
    );
    site.assert_no_working_folder();
}

/// 11. Many open pages neither crash serve nor stop it answering.
///
/// Each page holds a connection for its reload events; serve's handlers are bounded, and a
/// thread it cannot start is no panic.
#[test]
fn serve_keeps_answering_with_many_open_pages() {
    use std::io::Write;
    let site = TestSite::fixture("basic");
    let mut served = crate::serve::serve(&site);
    let mut pages = Vec::new();
    for _ in 0..140 {
        let mut stream = std::net::TcpStream::connect(&served.addr).unwrap();
        write!(stream, "GET /__concord/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        pages.push(stream);
    }
    std::thread::sleep(Duration::from_millis(500));
    let (status, _) = crate::serve::get(&served.addr, "/");
    assert!(status == 200 || status == 503, "{status}");
    assert!(
        served.child.try_wait().unwrap().is_none(),
        "serve is still running"
    );
    drop(pages);
    // A closed page's handler notices at its next keep-alive (every 15 s) and frees its place.
    let deadline = Instant::now() + Duration::from_secs(40);
    while crate::serve::get(&served.addr, "/").0 != 200 {
        assert!(Instant::now() < deadline, "serve did not recover");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// 12. A feed entry lists at most twenty of its article's organisations as categories.
///
/// Every organisation has a feed holding that entry, so the feeds would otherwise grow with the
/// square of the number; the article's page lists them all.
#[test]
fn feed_entries_list_at_most_twenty_categories() {
    let site = TestSite::empty();
    site.write("site.toml", "title = \"Test\"\n[search]\nenabled = false\n");
    let names: Vec<String> = (1..=60).map(|i| format!("\"Alder Bank {i}\"")).collect();
    site.write(
        "content/2024/01/many.txt",
        format!(
            "+++\norganisations = [{}]\n+++\ndate 2024-01-01\nSixty banks meet\n\nThe banks met.\n\nSource: S\n",
            names.join(", ")
        ),
    );
    site.build(&[]);
    for feed in ["feed.xml", "organisations/alder-bank-60/feed.xml"] {
        let xml = site.page(feed);
        assert_eq!(xml.matches("<category ").count(), 20, "{feed}: {xml}");
        assert!(xml.contains("<category term=\"Alder Bank 1\"/>"), "{xml}");
    }
    let page = site.page("2024/01/many/index.html");
    assert!(page.contains("Alder Bank 60"), "{page}");
}

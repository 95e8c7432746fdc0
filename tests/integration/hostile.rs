//! Hostile and broken input: each case gets a clear message naming the file (and line where
//! there is one), never a panic, and never a file written outside the output folder.

use crate::{TestSite, stderr, stdout, tree};

/// Builds and returns (exit code, stderr); a panic would show as code 101.
fn build(site: &TestSite) -> (i32, String) {
    let out = site.run(&["build"]);
    let code = out.status.code().unwrap_or(-1);
    assert_ne!(code, 101, "panicked:\n{}", stderr(&out));
    (code, stderr(&out))
}

fn one_article(text: impl AsRef<[u8]>) -> TestSite {
    let site = TestSite::empty();
    site.write("content/a.txt", text);
    site
}

#[test]
fn empty_and_whitespace_only_files_are_errors() {
    for text in ["", "  \n\t\n \r\n"] {
        let (code, err) = build(&one_article(text));
        assert_eq!(code, 1);
        assert!(
            err.contains("content/a.txt:1:1: error: empty article"),
            "{err}"
        );
    }
}

#[test]
fn binary_and_invalid_utf8_files_are_errors() {
    let (code, err) = build(&one_article(b"\x89PNG\r\n\x1a\n\0\0\0IHDR".as_slice()));
    assert_eq!(code, 1);
    assert!(
        err.contains("content/a.txt: error: this looks like a binary file"),
        "{err}"
    );
    // Not UTF-8 is not an error: the encoding is detected and named in a warning.
    let site = one_article(b"date 2023-01-01\nCaf\xe9 pact\n\nThe caf\xe9 opened.\n".as_slice());
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("content/a.txt: warning: not UTF-8: decoded as windows-1252"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bom_crlf_and_lone_cr_build() {
    let site = one_article("\u{feff}date 2023-01-01\r\nTitle\r\rBody one.\r\n\r\nSource: S\r\n");
    assert_eq!(build(&site).0, 0);
    assert!(site.page("2023/01/a/index.html").contains("<h1>Title</h1>"));
}

#[test]
fn missing_impossible_and_far_future_dates() {
    let (code, err) = build(&one_article("Title only\n\nBody.\n"));
    assert_eq!(code, 1);
    assert!(
        err.contains("content/a.txt:1:1: error: the first line must be the date"),
        "{err}"
    );
    for date in ["2023-02-30", "2023-13-01"] {
        let (code, err) = build(&one_article(format!("date {date}\nT\n\nB\n")));
        assert_eq!(code, 1);
        assert!(
            err.contains(&format!(
                "content/a.txt:1:1: error: impossible date \"{date}\""
            )),
            "{err}"
        );
    }
    let (code, err) = build(&one_article("date 2999-01-01\nT\n\nB\n\nSource: S\n"));
    assert_eq!(code, 0);
    assert!(
        err.contains("warning: date 2999-01-01 is more than a year in the future"),
        "{err}"
    );
}

#[test]
#[ignore = "stress test, slow on a debug binary: CI runs it in release (cargo test --release --test integration -- --ignored)"]
fn a_five_megabyte_line_and_twenty_thousand_paragraphs_build() {
    let long_line = "Harwick Port Authority (HPA) and word ".repeat(140_000);
    assert!(long_line.len() > 5_000_000);
    let site = one_article(format!(
        "date 2023-01-01\nLong\n\n{long_line}\n\nSource: S\n"
    ));
    let many: String = (0..20_000)
        .map(|i| format!("Paragraph {i} of the Valmora Chamber of Commerce.\n\n"))
        .collect();
    site.write(
        "content/b.txt",
        format!("date 2023-01-02\nMany\n\n{many}Source: S\n"),
    );
    assert_eq!(build(&site).0, 0);
    let many_page = site.page("2023/01/b/index.html");
    assert_eq!(many_page.matches("<p>Paragraph ").count(), 20_000);
}

#[test]
fn deeply_nested_markdown_builds() {
    let site = TestSite::empty();
    let quotes = ">".repeat(5_000);
    let lists: String = (0..2_000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect();
    site.write(
        "content/deep.md",
        format!("+++\ntitle = \"Deep\"\ndate = 2023-01-01\n+++\n{quotes} quoted\n\n{lists}"),
    );
    assert_eq!(build(&site).0, 0);
    assert!(
        site.page("2023/01/deep/index.html")
            .contains("<blockquote>")
    );
}

#[test]
fn front_matter_slugs_never_escape_the_output_folder() {
    let site = TestSite::empty();
    for (i, slug) in ["../../escape", "a/b", "c\\\\d", "e\\u0000f"]
        .iter()
        .enumerate()
    {
        site.write(
            &format!("content/s{i}.txt"),
            format!(
                "+++\nslug = \"{slug}\"\n+++\ndate 2023-01-0{}\nT{i}\n\nB\n\nSource: S\n",
                i + 1
            ),
        );
    }
    site.write(
        "content/u.txt",
        "+++\nslug = \"香港\"\n+++\ndate 2023-01-09\nU\n\nB\n",
    );
    let (code, err) = build(&site);
    assert_eq!(code, 1, "the all-Unicode slug is rejected");
    assert!(
        err.contains("content/u.txt:2:1: error: slug \"香港\" has no letters or digits"),
        "{err}"
    );
    std::fs::remove_file(site.root().join("content/u.txt")).unwrap();
    assert_eq!(build(&site).0, 0);
    for slug in ["escape", "a-b", "c-d", "e-f"] {
        assert!(
            site.public()
                .join(format!("2023/01/{slug}/index.html"))
                .exists(),
            "{slug}"
        );
    }
    let outside: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        outside.len(),
        3,
        "only content/, public/ and site.toml: {outside:?}"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed_and_a_loop_does_not_hang() {
    let site = one_article("date 2023-01-01\nT\n\nB\n\nSource: S\n");
    let secret = tempfile::tempdir().unwrap();
    std::fs::write(
        secret.path().join("secret.txt"),
        "date 2023-01-01\nSECRET\n\nB\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(secret.path(), site.root().join("content/outside")).unwrap();
    std::os::unix::fs::symlink(
        site.root().join("content"),
        site.root().join("content/loop"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        secret.path().join("secret.txt"),
        site.root().join("content/link.txt"),
    )
    .unwrap();
    let (code, err) = build(&site);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("content/outside: warning: symbolic link not followed"),
        "{err}"
    );
    assert!(
        err.contains("content/link.txt: warning: symbolic link not followed"),
        "{err}"
    );
    for (path, bytes) in tree(&site.public()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("SECRET"),
            "{path}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_socket_is_skipped_and_a_file_over_the_limit_is_an_error() {
    // A socket is never opened: a warning says it was skipped.
    let site = TestSite::empty();
    let _listener =
        std::os::unix::net::UnixListener::bind(site.root().join("content/a.txt")).unwrap();
    let out = site.run(&["build"]);
    assert!(
        stderr(&out).contains("content/a.txt: warning: a socket is not an article; skipped"),
        "{}",
        stderr(&out)
    );
    // A file larger than [build] max_article_bytes is an error for that file.
    let site = one_article("date 2023-01-01\nTitle\n\nA body longer than forty bytes, surely.\n");
    site.write(
        "site.toml",
        "title = \"T\"\n[build]\nmax_article_bytes = 40\n",
    );
    let (code, err) = build(&site);
    assert_eq!(code, 1);
    assert!(
        err.contains("content/a.txt: error: cannot read: 63 bytes, more than the limit of 40"),
        "{err}"
    );
}

#[test]
#[ignore = "stress test, slow on a debug binary: CI runs it in release (cargo test --release --test integration -- --ignored)"]
fn ten_thousand_organisations_on_one_article() {
    let site = TestSite::empty();
    let mut toml = String::from("title = \"T\"\n[organisations]\n");
    let mut body = String::new();
    for i in 0..10_000 {
        toml.push_str(&format!("\"Harbour Board {i}\" = [\"HB{i}X\"]\n"));
        body.push_str(&format!("Harbour Board {i} met HB{i}X. "));
    }
    site.write("site.toml", toml);
    site.write(
        "content/a.txt",
        format!("date 2023-01-01\nBusy day\n\n{body}\n\nSource: S\n"),
    );
    let out = site.run(&["check", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["articles"][0]["organisations"]
            .as_array()
            .unwrap()
            .len(),
        10_000
    );
    assert_eq!(build(&site).0, 0);
    assert!(
        site.public()
            .join("organisations/harbour-board-9999/index.html")
            .exists()
    );
}

#[test]
fn hostile_names_and_titles_are_escaped_and_never_evaluated() {
    let nasty = r#"<script>alert(1)</script> " ' & ]]> </script> {{ site.title }} {% if true %}X{% endif %}"#;
    let site = TestSite::empty();
    site.write(
        "content/a.txt",
        format!("+++\norganisations = [{nasty:?}]\n+++\ndate 2023-01-01\n{nasty}\n\n{nasty}\n\nSource: {nasty}\n"),
    );
    assert_eq!(build(&site).0, 0);
    for (path, bytes) in tree(&site.public()) {
        let text = String::from_utf8_lossy(&bytes);
        if !path.ends_with(".html") {
            continue;
        }
        assert!(!text.contains("<script>"), "{path}: raw <script>");
        assert!(!text.contains("alert(1)</script>"), "{path}");
        assert!(!text.contains("]]> </script>"), "{path}");
        assert!(
            !text.contains("=\"<") && !text.contains("\" '"),
            "{path}: attribute broken"
        );
    }
    let page = site.page("2023/01/a/index.html");
    assert!(
        page.contains("{{ site.title }} {% if true %}X{% endif %}"),
        "template syntax is text"
    );
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || page.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
}

#[test]
fn check_reports_the_same_problems_without_writing() {
    let site = one_article("date 2023-13-01\nT\n");
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("1 error,"), "{}", stdout(&out));
    assert!(!site.public().exists());
}

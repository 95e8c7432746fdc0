//! The first hour of a new user: each friction of the issue "Newcomer polish", driven through
//! the binary.

use crate::{TestSite, stderr, stdout};
use std::process::Command;

fn concord(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// 1, 2. init writes no theme (unless --theme) and a site.toml with nothing invented; a copied
/// template of another version is pointed out by check; the placeholder base_url is warned about.
#[test]
fn init_writes_site_toml_and_an_example_and_no_theme() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let out = concord(&["init", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut written: Vec<String> = stdout(&out)
        .lines()
        .filter_map(|l| l.trim().strip_prefix("wrote "))
        .map(|p| p.replace(site.to_str().unwrap(), "[SITE]"))
        .map(|p| {
            // The example is dated today: only its folder changes from day to day.
            let parts: Vec<&str> = p.split('/').collect();
            if parts.len() == 5 && parts[1] == "content" {
                format!("[SITE]/content/YYYY/MM/{}", parts[4])
            } else {
                p
            }
        })
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "[SITE]/content/YYYY/MM/joint-trade-office.txt",
            "[SITE]/site.toml"
        ]
    );
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    assert!(
        !toml.contains("Harwick") && !toml.contains("Valmora"),
        "{toml}"
    );
    let root = site.to_str().unwrap();
    let build = concord(&["--root", root, "build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(
        stderr(&build).contains("warning: base_url is still the placeholder https://example.org/"),
        "{}",
        stderr(&build)
    );
    // --theme copies the theme, marked with the version; an older copy is pointed out.
    let themed = dir.path().join("themed");
    let out = concord(&["init", "--theme", themed.to_str().unwrap()]);
    assert!(out.status.success());
    let base = themed.join("templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    assert!(text.starts_with("{# Copied from the concord "), "{text}");
    let themed_root = themed.to_str().unwrap();
    let clean = concord(&["--root", themed_root, "check"]);
    assert!(!stderr(&clean).contains("templates/"), "{}", stderr(&clean));
    let older = text
        .replacen(env!("CARGO_PKG_VERSION"), "0.0.1", 1)
        .replace("<main", "<main data-old");
    std::fs::write(&base, older).unwrap();
    let check = concord(&["--root", themed_root, "check"]);
    assert!(
        stderr(&check)
            .contains("templates/base.html:1:1: warning: copied from the concord 0.0.1 theme"),
        "{}",
        stderr(&check)
    );
    let feed = concord(&["--root", themed_root, "build"]);
    assert!(feed.status.success(), "{}", stderr(&feed));
    assert!(
        std::fs::read_to_string(themed.join("public/feed.xml"))
            .unwrap()
            .starts_with("<?xml")
    );
}

/// 3. `new` refuses a folder that is no site, takes --slug, names non-Latin and long headlines.
#[test]
fn new_works_on_a_site_only_and_names_any_headline() {
    let nowhere = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_concord"))
        .current_dir(nowhere.path())
        .args(["new", "Ports sign a pact"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("concord init"), "{}", stderr(&out));
    assert!(!nowhere.path().join("content").exists());
    let site = TestSite::empty();
    for (args, expected) in [
        (
            &["new", "上海与香港加强合作", "--date", "2024-05-01"][..],
            "content/2024/05/article-",
        ),
        (
            &[
                "new",
                "Ports sign a pact",
                "--slug",
                "port-pact",
                "--date",
                "2024-05-01",
            ][..],
            "content/2024/05/port-pact.txt",
        ),
    ] {
        let out = site.run(args);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).contains(expected), "{}", stdout(&out));
    }
    let check = site.run(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

/// 4. Drafts are marked as drafts where they are shown.
#[test]
fn drafts_carry_a_badge_in_the_preview() {
    let site = TestSite::fixture("basic");
    site.build(&["--drafts"]);
    let home = site.page("index.html");
    assert!(
        home.contains("<span class=\"badge\">Draft</span>"),
        "{home}"
    );
}

/// 5, 9. Places is in the navigation; "and N more" links to the article.
#[test]
fn places_are_in_the_navigation_and_more_organisations_link_to_the_article() {
    let site = TestSite::empty();
    let names: Vec<String> = (1..=10).map(|i| format!("\"Alder Bank {i}\"")).collect();
    site.write(
        "content/2024/01/many.txt",
        format!(
            "+++\norganisations = [{}]\n+++\ndate 2024-01-01\nMany banks meet\n\nThe banks met.\n\nSource: S\n",
            names.join(", ")
        ),
    );
    site.build(&[]);
    let home = site.page("index.html");
    assert!(
        home.contains("<li><a href=\"/places/\">Places</a></li>"),
        "{home}"
    );
    assert!(
        home.contains("<li class=\"more\"><a href=\"/2024/01/many/#about-heading\">and "),
        "{home}"
    );
}

/// 6. site.toml errors speak plainly, suggest the key, and accept [organizations].
#[test]
fn site_toml_errors_speak_plainly() {
    let site = TestSite::empty();
    site.write("site.toml", "titel = \"T\"\n");
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown key `titel`: did you mean `title`?"),
        "{}",
        stderr(&out)
    );
    site.write("site.toml", "paginate_by = \"20\"\n");
    let out = site.run(&["check"]);
    assert!(stderr(&out).contains("a whole number"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("usize"));
    site.write("site.toml", "[organizations]\n\"Alder Bank\" = [\"AB\"]\n");
    assert!(site.run(&["check"]).status.success());
}

/// 7. Outside a site, commands suggest `concord init`; a busy port suggests another.
#[test]
fn outside_a_site_and_on_a_busy_port_the_way_out_is_named() {
    let nowhere = tempfile::tempdir().unwrap();
    for command in ["build", "check"] {
        let out = Command::new(env!("CARGO_BIN_EXE_concord"))
            .current_dir(nowhere.path())
            .arg(command)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("concord init"), "{}", stderr(&out));
    }
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let site = TestSite::fixture("basic");
    let out = site.run(&["serve", "--port", &port]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--port 0"), "{}", stderr(&out));
}

/// 8. --check-links says what it checked; counts are in good grammar.
#[test]
fn check_links_reports_what_it_checked() {
    let site = TestSite::fixture("basic");
    let out = site.build(&["--check-links"]);
    let printed = stdout(&out);
    assert!(
        printed.contains("Checked ") && printed.contains("none broken"),
        "{printed}"
    );
    assert!(printed.contains("(1 draft skipped)"), "{printed}");
}

/// 10. One way to say where the site is.
#[test]
fn init_takes_the_folder_once_and_completions_take_no_root() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    let out = concord(&["--root", a.to_str().unwrap(), "init", b.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("give the folder once"),
        "{}",
        stderr(&out)
    );
    let out = concord(&["--root", a.to_str().unwrap(), "init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(a.join("site.toml").is_file());
    let out = concord(&["--root", "x", "completions", "bash"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(concord(&["completions", "bash"]).status.success());
}

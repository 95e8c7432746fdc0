//! Building whole sites and reading the written files.

use crate::{TestSite, stderr, stdout, tree};

#[test]
fn index_lists_newest_first_and_paginates() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let home = site.page("index.html");
    let first = home.find("First story of the day").expect("same-day a");
    let second = home.find("Second story of the day").expect("same-day b");
    let markdown = home
        .find("Markdown &lt;em&gt;note")
        .expect("2024-02-12 on page 1");
    assert!(
        first < second,
        "same date: ordered by path (same-day-a before same-day-b)"
    );
    assert!(second < markdown, "2024-02-15 before 2024-02-12");
    assert!(site.page("page/2/index.html").contains("Zürich and Alder"));
    assert!(home.contains("Page 1 of 3"), "7 articles by 3 a page");
    let page3 = site.page("page/3/index.html");
    assert!(
        page3.contains("Alder and Birch open a ferry line"),
        "oldest on the last page"
    );
    assert!(page3.contains("href=\"/page/2/\""));
    assert!(!site.public().join("page/4").exists());
    assert!(
        !site.public().join("page/1").exists(),
        "page 1 is the home page itself"
    );
}

#[test]
fn article_page_has_metadata_and_organisation_links() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let page = site.page("2024/01/alder-birch-ferry/index.html");
    assert!(page.contains("<h1>Alder and Birch open a ferry line</h1>"));
    assert!(page.contains("<time datetime=\"2024-01-05\">5 January 2024</time>"));
    assert!(page.contains("<dd>Tide News</dd>"));
    assert!(page.contains("<dd>Ana Ruiz</dd>"));
    assert!(page.contains("href=\"/organisations/alder-port-authority/\""));
    assert!(page.contains("href=\"/organisations/birch-harbour-board/\""));
    assert!(page.contains("href=\"/\""), "links back to the index");
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://example.org/2024/01/alder-birch-ferry/\">"
    ));
    assert!(
        !page.contains("Source: Tide News"),
        "the trailer is metadata, not body"
    );
}

#[test]
fn organisation_pages_merge_forms_across_articles() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    // "BHB" alone in one article is linked to the name defined in another.
    let bhb = site.page("organisations/birch-harbour-board/index.html");
    assert!(bhb.contains("Alder and Birch open a ferry line"));
    assert!(bhb.contains("Birch Harbour Board borrows for new quay"));
    // The site's alias table: "Alder Port" and "APA" are the Alder Port Authority.
    let apa = site.page("organisations/alder-port-authority/index.html");
    for title in [
        "Zürich and Alder",
        "First story of the day",
        "Alder and Birch open",
    ] {
        assert!(apa.contains(title), "{title} missing from the APA page");
    }
    let list = site.page("organisations/index.html");
    assert!(
        list.contains("Alder Port Authority</a> <span class=\"count\">3 articles,"),
        "{list}"
    );
    assert!(
        list.contains("Cedar Trade Council"),
        "front matter organisations count"
    );
    assert!(
        !site.public().join("organisations/apa").exists(),
        "one page per organisation"
    );
}

#[test]
fn organisation_listing_paginates_like_the_index() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    assert!(
        !site
            .public()
            .join("organisations/alder-port-authority/page/1")
            .exists()
    );
    let page = site.page("organisations/alder-port-authority/index.html");
    assert!(
        !page.contains("Page 1 of"),
        "3 articles fit on one page of 3"
    );
    site.write("site.toml", "title = \"T\"\npaginate_by = 2\n[organisations]\n\"Alder Port Authority\" = [\"APA\", \"Alder Port\"]\n");
    site.build(&[]);
    let page2 = site.page("organisations/alder-port-authority/page/2/index.html");
    assert!(page2.contains("Alder and Birch open a ferry line"));
    assert!(page2.contains("Page 2 of 2"));
}

#[test]
fn text_is_escaped_everywhere_and_never_evaluated() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    for page in [
        site.page("2024/02/script-title/index.html"),
        site.page("page/2/index.html"),
    ] {
        assert!(!page.contains("<script>"), "raw script tag in output");
        assert!(!page.contains("<b>Bold"), "raw tag from the trailer");
        assert!(page.contains("&lt;script&gt;alert("), "escaped title");
    }
    let article = site.page("2024/02/script-title/index.html");
    assert!(
        article.contains("{{ not_a_variable }} {% if x %}"),
        "template syntax is text"
    );
    assert!(
        article.contains("O&#39;Brien") || article.contains("O&#x27;Brien"),
        "{article}"
    );
    let md = site.page("2024/02/notes/index.html");
    assert!(
        !md.contains("<iframe"),
        "raw HTML in Markdown is escaped by default"
    );
    assert!(md.contains("<em>emphasis</em>"));
    assert!(md.contains("Markdown &lt;em&gt;note&lt;/em&gt;"));
}

#[test]
fn markdown_raw_html_passes_when_the_site_opts_in() {
    let site = TestSite::fixture("basic");
    site.write(
        "site.toml",
        "title = \"T\"\n[markdown]\nunsafe_html = true\n",
    );
    site.write(
        "content/2024/02/raw.md",
        "+++\ntitle = \"Raw\"\ndate = 2024-02-20\n+++\n\n<table><tr><td onclick=\"alert(1)\">cell</td></tr></table>\n\n<script>alert(2)</script>\n",
    );
    site.build(&[]);
    // Markup passes; script, event handlers and frames from other places never do.
    let page = site.page("2024/02/raw/index.html");
    assert!(page.contains("<td>cell</td>"), "{page}");
    assert!(!page.contains("alert"), "{page}");
    assert!(!site.page("2024/02/notes/index.html").contains("<iframe"));
}

#[test]
fn sub_path_base_url_prefixes_every_link() {
    let site = TestSite::fixture("basic");
    site.build(&["--base-url", "https://example.org/archive/"]);
    let home = site.page("index.html");
    assert!(home.contains("href=\"/archive/style.css\""));
    assert!(home.contains("href=\"/archive/2024/02/same-day-a/\""));
    assert!(home.contains("href=\"/archive/organisations/\""));
    assert!(home.contains("<link rel=\"canonical\" href=\"https://example.org/archive/\">"));
    for (path, bytes) in tree(&site.public()) {
        if !path.ends_with(".html") {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        for href in text
            .split("href=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
        {
            assert!(
                href.starts_with("/archive/")
                    || href.starts_with("https://example.org/archive/")
                    || href.starts_with("#"),
                "{path}: link {href} escapes the sub-path"
            );
        }
    }
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::fixture("basic");
    let out = site.build(&[]);
    assert!(!site.public().join("2024/02/draft-note").exists());
    assert!(
        !site
            .page("index.html")
            .contains("A draft nobody should see")
    );
    assert!(stdout(&out).contains("1 draft skipped"));
    site.build(&["--drafts"]);
    assert!(site.public().join("2024/02/draft-note/index.html").exists());
}

#[test]
fn other_files_are_warned_about_and_hidden_ones_skipped() {
    let site = TestSite::fixture("basic");
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(
        err.contains("content/2024/02/photo.jpg: warning: not an article"),
        "{err}"
    );
    assert!(!err.contains(".hidden.txt"));
    assert!(!site.public().join("2024/02/hidden").exists());
}

#[test]
fn bare_site_builds_with_embedded_theme_and_site_templates_replace_it() {
    let site = TestSite::empty();
    site.write(
        "content/a.txt",
        "date 2023-01-01\nOnly article\n\nText.\n\nSource: S\n",
    );
    site.build(&[]);
    assert!(site.page("index.html").contains("Only article"));
    assert!(site.page("style.css").contains("prefers-color-scheme"));
    assert!(site.page("404.html").contains("Page not found"));
    site.write(
        "templates/index.html",
        "CUSTOM {% for a in articles %}[{{ a.title }}]{% endfor %}",
    );
    site.write("static/style.css", "/* mine */");
    site.build(&[]);
    assert_eq!(site.page("index.html"), "CUSTOM [Only article]");
    assert_eq!(site.page("style.css"), "/* mine */");
    assert!(
        site.page("2023/01/a/index.html")
            .contains("<h1>Only article</h1>"),
        "others stay embedded"
    );
}

#[test]
fn two_builds_are_byte_identical_and_stale_files_disappear() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let first = tree(&site.public());
    site.build(&[]);
    assert_eq!(first, tree(&site.public()));
    std::fs::remove_file(site.root().join("content/2024/02/zurich.txt")).unwrap();
    site.build(&[]);
    assert!(!site.public().join("2024/02/zurich").exists());
    site.assert_no_working_folder();
}

#[test]
fn output_folder_can_be_chosen() {
    let site = TestSite::fixture("basic");
    site.build(&["--output", "out/site"]);
    assert!(site.root().join("out/site/index.html").exists());
    assert!(!site.public().exists());
}

#[test]
fn check_json_is_the_documented_model() {
    let site = TestSite::empty();
    site.write(
        "content/seed.txt",
        " date 2023-10-20 \nPort of Alder and Birch Exchange sign pact\n\nThe Birch Stock Exchange (BSE) met the Port of Alder on Thursday.\nThe Birch Stock Exchange met the Port of Alder\n\nThe Birch Stock Exchange (BSE) met the Port of Alder on Thursday.\n\nBSE said it was pleased.\n\n\n\nSource: Tide   Editor: Xu Lin\n",
    );
    let out = site.run(&["check", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = &json["articles"][0];
    assert_eq!(a["path"], "content/seed.txt");
    assert_eq!(a["slug"], "seed");
    assert_eq!(a["url"], "/2023/10/seed/");
    assert_eq!(a["date"], "2023-10-20");
    assert_eq!(a["title"], "Port of Alder and Birch Exchange sign pact");
    assert_eq!(a["source"], "Tide");
    assert_eq!(a["editor"], "Xu Lin");
    assert_eq!(
        a["caption"],
        "The Birch Stock Exchange met the Port of Alder"
    );
    assert_eq!(a["cleanup"]["dropped"][0]["why"], "repeated lead");
    assert_eq!(a["cleanup"]["dropped"][0]["line"], 7);
    assert!(a["word_count"].as_u64().unwrap() > 10);
    assert!(
        a["summary"]
            .as_str()
            .unwrap()
            .starts_with("The Birch Stock Exchange (BSE) met")
    );
    // The port the exchange met is a body too ("Port of Alder", the first in the headline).
    let org = a["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "Birch Stock Exchange")
        .unwrap();
    assert_eq!(org["slug"], "birch-stock-exchange");
    assert_eq!(
        org["mentions"],
        serde_json::json!(["Birch Stock Exchange", "BSE"])
    );
    assert_eq!(json["problems"], serde_json::json!([]));
}

#[test]
fn check_json_says_what_proposed_each_organisation_and_why_it_was_kept_or_turned_down() {
    let site = TestSite::empty();
    let config = |min: &str| {
        format!(
            "title = \"T\"\n[extract]\nmin_confidence = {min}\n[organisations]\n\"Harwick Ferry Line\" = []\n"
        )
    };
    site.write(
        "content/a.txt",
        "date 2024-05-01\nFerry pact\n\nThe Harwick Ferry Line and the Alder Port Board signed a pact.\n\nSource: Tide\n",
    );
    let orgs = |site: &TestSite| {
        let out = site.run(&["check", "--json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["articles"][0].clone()
    };
    site.write("site.toml", config("0.0"));
    let a = orgs(&site);
    let table = &a["organisations"][0];
    assert_eq!(table["name"], "Harwick Ferry Line");
    assert_eq!(table["evidence"], serde_json::json!(["site"]));
    assert_eq!(
        table["decision"],
        "kept: the site's [organisations] table names it"
    );
    let found = &a["organisations"][1];
    assert_eq!(found["name"], "Alder Port Board");
    assert_eq!(found["evidence"], serde_json::json!(["text"]));
    let confidence = found["confidence"].as_f64().unwrap();
    assert_eq!(
        found["decision"],
        format!("kept: confidence {confidence:.3} ≥ threshold 0.000")
    );
    // A threshold above every model confidence turns the found name down; the table's stays.
    site.write("site.toml", config("0.999"));
    let a = orgs(&site);
    assert_eq!(a["organisations"].as_array().unwrap().len(), 1);
    let rejected = &a["rejected_organisations"][0];
    assert_eq!(rejected["name"], "Alder Port Board");
    assert_eq!(
        rejected["decision"],
        format!("turned down: confidence {confidence:.3} < threshold 0.999")
    );
}

#[test]
fn check_writes_nothing() {
    let site = TestSite::fixture("basic");
    let out = site.run(&["check"]);
    assert!(out.status.success());
    assert!(
        stdout(&out).contains("Checked 8 articles: 0 errors, 2 warnings"),
        "{}",
        stdout(&out)
    );
    assert!(!site.public().exists());
}

#[test]
fn check_json_carries_places_partners_and_people() {
    let site = TestSite::empty();
    site.write(
        "site.toml",
        "title = \"T\"\n[extract]\nplaces = { \"Alderport\" = [] }\nexclude = [\"Alder Trade Council\"]\n",
    );
    site.write(
        "content/a.txt",
        "date 2024-05-01\nAlderport and Singapore sign a port pact\n\nAlderport Mayor Ana Ruiz and Jonas Berg, chairman of the Singapore Port Board, signed the pact. The Alder Trade Council welcomed it.\n\nSource: Tide\n",
    );
    let out = site.run(&["check", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = &json["articles"][0];
    assert_eq!(a["partners"], serde_json::json!(["Alderport", "Singapore"]));
    let places: Vec<&str> = a["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        places,
        ["Alderport", "Singapore"],
        "Singapore inside the board's name is not counted twice"
    );
    let people: Vec<(&str, &str)> = a["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap(),
                p["role"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        people,
        [
            ("Ana Ruiz", "Alderport Mayor"),
            ("Jonas Berg", "chairman of the Singapore Port Board")
        ]
    );
    let orgs: Vec<&str> = a["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        orgs,
        ["Singapore Port Board"],
        "the excluded name is left out"
    );
}

#[test]
fn init_then_build_then_new_then_check() {
    let dir = tempfile::tempdir().unwrap();
    let site_dir = dir.path().join("my-site");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_concord"))
            .args(args)
            .output()
            .unwrap()
    };
    let root = site_dir.to_str().unwrap();
    let out = run(&["init", root]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The theme built into the binary is used: init copies it only with --theme.
    assert!(!site_dir.join("templates").exists());
    let out = run(&["--root", root, "build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site_dir.join("public/organisations/index.html").is_file());
    assert!(
        !run(&["init", root]).status.success(),
        "refuses a non-empty folder"
    );
    let out = run(&[
        "--root",
        root,
        "new",
        "Valmora opens a ferry office",
        "--date",
        "2025-04-02",
        "--source",
        "Harbour Daily",
        "--editor",
        "Ana Ruiz",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = stdout(&out).trim().to_string();
    assert!(
        path.ends_with("content/2025/04/valmora-opens-a-ferry-office.txt"),
        "{path}"
    );
    let check = run(&["--root", root, "check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(stdout(&check).contains("Checked 2 articles: 0 errors, 0 warnings"));
    let again = run(&[
        "--root",
        root,
        "new",
        "Valmora opens a ferry office",
        "--date",
        "2025-04-02",
    ]);
    assert_eq!(again.status.code(), Some(2), "refuses to overwrite");
}

#[test]
fn completions_and_version() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_concord"))
            .args(args)
            .output()
            .unwrap()
    };
    let bash = run(&["completions", "bash"]);
    assert!(bash.status.success());
    assert!(stdout(&bash).contains("concord"));
    assert!(stdout(&bash).contains("serve"));
    let version = run(&["--version"]);
    assert_eq!(
        stdout(&version).trim(),
        format!("concord {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn off_a_terminal_a_build_prints_no_progress_and_one_summary_line() {
    let site = TestSite::fixture("basic");
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(!err.contains('\r') && !err.contains("reading"), "{err}");
    let printed = stdout(&out);
    let summary: Vec<&str> = printed.lines().collect();
    assert_eq!(summary.len(), 1, "{summary:?}");
    assert!(
        summary[0].starts_with("Built 7 articles and "),
        "{summary:?}"
    );
}

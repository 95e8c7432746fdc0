//! The reading rules the README promises, guarded by snapshots: `tests/fixtures/rules/` holds
//! one small invented article per group of rules, and each article's reading (organisations
//! with their mentions, places, partners, people with their roles) is compared with its
//! snapshot in `snapshots/`. Removing a rule, or an entry of a list the README names, changes a
//! reading and fails here. After a deliberate change: `cargo insta review` (or run with
//! `INSTA_UPDATE=always` and read the diff) — CI never updates a snapshot.

use crate::{TestSite, stderr};

/// A reading as a few stable lines.
fn reading(article: &serde_json::Value) -> String {
    let names = |key: &str| -> Vec<String> {
        article[key]
            .as_array()
            .into_iter()
            .flatten()
            .map(|o| {
                let mut line = o["name"].as_str().unwrap_or("").to_string();
                if let Some(role) = o["role"].as_str() {
                    line.push_str(&format!(" ({role})"));
                }
                let others: Vec<&str> = o["mentions"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|m| m.as_str())
                    .filter(|m| Some(*m) != o["name"].as_str())
                    .collect();
                if !others.is_empty() {
                    line.push_str(&format!(" = {}", others.join(" | ")));
                }
                line
            })
            .collect()
    };
    let mut out = String::new();
    for key in ["organisations", "places", "people"] {
        out.push_str(&format!("{key}:\n"));
        for line in names(key) {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out.push_str(&format!("partners: {}\n", article["partners"]));
    out.push_str(&format!("summary: {}\n", article["summary"]));
    out
}

#[test]
fn every_documented_reading_rule_reads_as_its_snapshot() {
    let site = TestSite::fixture("rules");
    let out = site.run(&["check", "--json"]);
    let model: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&out)));
    let articles = model["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 10, "one snapshot for each fixture article");
    for article in articles {
        let path = article["path"].as_str().unwrap();
        let stem = path.trim_start_matches("content/").trim_end_matches(".txt");
        insta::assert_snapshot!(format!("rules-{stem}"), reading(article));
    }
}

/// The page's `<title>` and `<main>`: what a page type shows (the header and footer are the
/// same on every page).
fn title_and_main(page: &str) -> String {
    let title = page
        .split("<title>")
        .nth(1)
        .and_then(|s| s.split("</title>").next())
        .unwrap_or("");
    let main = page
        .split("<main")
        .nth(1)
        .and_then(|s| s.split("</main>").next())
        .unwrap_or("");
    format!("<title>{title}</title>\n<main{main}</main>\n")
}

#[test]
fn every_page_type_renders_as_its_snapshot() {
    let site = TestSite::fixture("basic");
    site.build(&["--quiet"]);
    for (name, rel) in [
        ("home", "index.html"),
        ("home-page-2", "page/2/index.html"),
        ("article", "2024/01/alder-birch-ferry/index.html"),
        ("organisations", "organisations/index.html"),
        (
            "organisation",
            "organisations/alder-port-authority/index.html",
        ),
        ("partners", "partners/index.html"),
        ("places", "places/index.html"),
        ("place", "places/zurich/index.html"),
        ("people", "people/index.html"),
        ("archive", "archive/index.html"),
        ("archive-year", "archive/2024/index.html"),
        ("archive-month", "archive/2024/01/index.html"),
        ("search", "search/index.html"),
        ("not-found", "404.html"),
    ] {
        insta::assert_snapshot!(format!("page-{name}"), title_and_main(&site.page(rel)));
    }
}

//! An editor's corrections in an article's front matter always win over what was read.
//! All names are invented.

use crate::{TestSite, stderr};

fn read(site: &TestSite, path: &str) -> serde_json::Value {
    let out = site.run(&["check", "--json"]);
    let model: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&out)));
    model["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["path"] == path)
        .cloned()
        .unwrap_or_else(|| panic!("no {path}"))
}

fn names(list: &serde_json::Value) -> Vec<String> {
    let mut names: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

const BODY: &str = "date 2024-03-01\nAlder and Birch ports sign a pact\n\n\
    The Alder Port Authority (APA) and the Birch Harbour Board signed a pact in Alder on Monday, \
    said Mayor Ines Varga.\n\nThe Valmora Chamber of Commerce welcomed it.\n\n";

/// An article of `BODY` with its own last paragraph (identical texts would be one story).
fn article(front: &str, own: &str) -> String {
    format!("{front}{BODY}{own}\n\nSource: Harbour Daily\n")
}

#[test]
fn front_matter_organisations_replace_add_and_remove() {
    let site = TestSite::empty();
    site.write("content/plain.txt", article("", "Plain."));
    let plain = read(&site, "content/plain.txt");
    let found = names(&plain["organisations"]);
    assert!(
        found.contains(&"Alder Port Authority".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"Valmora Chamber of Commerce".to_string()),
        "{found:?}"
    );

    site.write(
        "content/only.txt",
        article(
            "+++\norganisations = [\"Birch Harbour Board\"]\n+++\n",
            "Only.",
        ),
    );
    assert_eq!(
        names(&read(&site, "content/only.txt")["organisations"]),
        ["Birch Harbour Board"],
        "organisations replaces what was read"
    );

    site.write(
        "content/fixed.txt",
        article(
            "+++\norganisations_remove = [\"APA\", \"valmora chamber of commerce\"]\norganisations_add = [\"Alder Ferry Company\"]\n+++\n",
            "Fixed.",
        ),
    );
    let fixed = names(&read(&site, "content/fixed.txt")["organisations"]);
    assert!(!fixed.iter().any(|n| n.contains("Alder Port")), "{fixed:?}");
    assert!(!fixed.iter().any(|n| n.contains("Valmora")), "{fixed:?}");
    assert!(
        fixed.contains(&"Alder Ferry Company".to_string()),
        "{fixed:?}"
    );
    assert!(
        fixed.contains(&"Birch Harbour Board".to_string()),
        "{fixed:?}"
    );
    // The correction stays in its article: the other articles keep what was read.
    assert_eq!(
        names(&read(&site, "content/plain.txt")["organisations"]),
        found
    );
}

#[test]
fn front_matter_people_places_and_partners_win() {
    let site = TestSite::empty();
    site.write(
        "content/a.txt",
        article(
            "+++\npeople_remove = [\"Ines Varga\"]\npeople_add = [\"Tomas Berg\"]\nplaces = [\"Valmora\"]\npartners = [\"Birch\", \"Alder\"]\n+++\n",
            "A.",
        ),
    );
    let a = read(&site, "content/a.txt");
    assert_eq!(names(&a["people"]), ["Tomas Berg"]);
    assert_eq!(names(&a["places"]), ["Valmora"]);
    assert_eq!(a["partners"], serde_json::json!(["Alder", "Birch"]));
    site.write("content/b.txt", article("+++\npartners = []\n+++\n", "B."));
    assert!(read(&site, "content/b.txt")["partners"].is_null());
}

#[test]
fn partners_with_one_name_is_an_error_naming_its_line() {
    let site = TestSite::empty();
    site.write(
        "content/a.txt",
        article("+++\nsource = \"S\"\npartners = [\"Alder\"]\n+++\n", "C."),
    );
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("content/a.txt:3:1: error: partners names the two cooperating parties"),
        "{}",
        stderr(&out)
    );
}

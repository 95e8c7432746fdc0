//! An editor's corrections in an article's front matter always win over what was read.
//! All names are invented.

use crate::{TestSite, stderr, stdout};

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

#[test]
fn site_toml_exclude_patterns_and_the_site_name_win() {
    let site = TestSite::empty();
    site.write(
        "site.toml",
        "title = \"T\"\n[organisations]\n\"Inkora Freedom Party\" = []\n[extract]\nexclude = [\"* Tourism Bureau of *\", \"Nobody Matches This\"]\n",
    );
    site.write(
        "content/a.txt",
        "date 2024-03-01\nParty leader visits Alder\n\n\
         Chairman Ines Varga's Inkora Freedom Party opened an office in Alder, and the \
         Northern Tourism Bureau of Alder (NTBA) welcomed it.\n\nSource: Harbour Daily\n",
    );
    let a = read(&site, "content/a.txt");
    let found = names(&a["organisations"]);
    assert!(
        found.contains(&"Inkora Freedom Party".to_string()),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|n| n.contains("Varga") || n.contains("Tourism")),
        "{found:?}"
    );
    let out = site.run(&["check"]);
    assert!(
        stderr(&out).contains(
            "site.toml: warning: [extract] exclude \"Nobody Matches This\" removes nothing in this archive"
        ),
        "{}",
        stderr(&out)
    );
    // The review shows what each exclude entry removed.
    let out = site.run(&["review", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let pattern = rows
        .iter()
        .find(|r| r["kind"] == "exclude" && r["name"] == "* Tourism Bureau of *")
        .expect("a row for the pattern");
    assert!(
        pattern["variants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v.as_str().unwrap().contains("Tourism Bureau of Alder")),
        "{pattern}"
    );
}

/// One party name ("Verdant") in two places' articles, a site table that splits it by place,
/// and people and place corrections.
fn write_one_name_two_bodies(site: &TestSite) {
    site.write(
        "site.toml",
        "title = \"T\"\n\
         [places]\nNorthland = [\"North Land\"]\nSouthmere = []\n\
         [organisations.\"Verdant Party (Northland)\"]\naliases = [\"Verdant\"]\nwhen = { places = [\"Northland\"] }\n\
         [organisations.\"Verdant Party (Southmere)\"]\naliases = [\"Verdant\"]\nwhen = { places = [\"Southmere\"] }\n\
         [organisations.\"Gull Party (Nowhere)\"]\naliases = [\"Gull\"]\nwhen = { places = [\"Nowhere\"] }\n\
         [people]\n\"Ines Varga-Lind\" = [\"Ines Varga\"]\n\
         [extract]\nexclude_people = [\"Tomas *\", \"Nobody Here\"]\nexclude_places = [\"Paris\"]\n",
    );
    site.write(
        "content/a.txt",
        "date 2024-03-01\nVerdant wins in the north\n\n\
         Verdant won the vote in North Land on Monday, said Ines Varga, the party's leader.\n\n\
         Source: Harbour Daily\n",
    );
    site.write(
        "content/b.txt",
        "date 2024-04-01\nVerdant loses in the south\n\n\
         Verdant lost the vote in Southmere on Sunday, said Tomas Ruiz, a spokesman, after a \
         visit to Paris.\n\nSource: Harbour Daily\n",
    );
    site.write(
        "content/c.txt",
        "date 2024-05-01\nVerdant meets\n\nVerdant and Gull held a meeting on Friday.\n\n\
         Source: Harbour Daily\n",
    );
}

#[test]
fn site_toml_splits_one_name_by_place_and_corrects_people_and_places() {
    let site = TestSite::empty();
    write_one_name_two_bodies(&site);
    let a = read(&site, "content/a.txt");
    let b = read(&site, "content/b.txt");
    let c = read(&site, "content/c.txt");
    let orgs = names(&a["organisations"]);
    assert!(
        orgs.contains(&"Verdant Party (Northland)".to_string()),
        "{orgs:?}"
    );
    let orgs = names(&b["organisations"]);
    assert!(
        orgs.contains(&"Verdant Party (Southmere)".to_string()),
        "{orgs:?}"
    );
    // Where no condition holds, the name stays as the text writes it.
    let orgs = names(&c["organisations"]);
    assert!(orgs.contains(&"Verdant".to_string()), "{orgs:?}");
    assert!(names(&a["places"]).contains(&"Northland".to_string()));
    assert!(
        names(&a["people"]).contains(&"Ines Varga-Lind".to_string()),
        "{:?}",
        names(&a["people"])
    );
    let people = names(&b["people"]);
    assert!(!people.iter().any(|p| p.contains("Tomas")), "{people:?}");
    let places = names(&b["places"]);
    assert!(!places.contains(&"Paris".to_string()), "{places:?}");
    assert!(places.contains(&"Southmere".to_string()), "{places:?}");

    let out = site.run(&["check"]);
    let err = stderr(&out);
    assert!(
        err.contains("[extract] exclude_people: Nobody Here removes nothing"),
        "{err}"
    );
    assert!(!err.contains("exclude_people: Tomas"), "{err}");
    assert!(
        err.contains("[organisations.\"Gull Party (Nowhere)\"] tags no article"),
        "{err}"
    );
    // Two pages, one for each body, and the review shows what the people exclude removed.
    site.build(&[]);
    let public = site.public();
    assert!(
        public
            .join("organisations/verdant-party-northland/index.html")
            .exists()
    );
    assert!(
        public
            .join("organisations/verdant-party-southmere/index.html")
            .exists()
    );
    let out = site.run(&["review", "--json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let row = rows
        .iter()
        .find(|r| r["kind"] == "exclude" && r["name"] == "exclude_people: Tomas *")
        .expect("a row for the people exclude");
    assert_eq!(row["variants"][0], "Tomas Ruiz", "{row}");
}

#[test]
fn review_lists_what_needs_a_look_first_in_every_form() {
    let site = TestSite::empty();
    site.write(
        "content/2024/01/a.txt",
        "date 2024-01-10\nPorts meet\n\nThe Alder Port Authority (APA) and the Birch Harbour Board met. \
         The Alder Port Authority and Valmora signed a pact.\n\nSource: Harbour Daily\n",
    );
    site.write(
        "content/2024/02/b.txt",
        "date 2024-02-10\nPorts meet again\n\nThe Alder Port Authority (APA) met the Kestrel Ferry Company in Alder.\n\nSource: Harbour Daily\n",
    );
    let out = site.run(&["review", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let scores: Vec<u64> = rows.iter().map(|r| r["score"].as_u64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let apa = rows
        .iter()
        .find(|r| r["name"] == "Alder Port Authority")
        .expect("a row for the port authority");
    assert_eq!(apa["kind"], "organisation");
    assert_eq!(apa["count"], 2);
    assert_eq!(apa["first"], "2024-01-10");
    assert_eq!(apa["last"], "2024-02-10");
    assert!(
        apa["example"]
            .as_str()
            .unwrap()
            .contains("Alder Port Authority")
    );
    // --since shows only what is new.
    let out = site.run(&["review", "--json", "--since", "2024-02-01"]);
    let new: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        new.iter()
            .all(|r| r["first"].as_str().unwrap() >= "2024-02-01")
    );
    assert!(new.iter().any(|r| r["name"] == "Kestrel Ferry Company"));
    assert!(!new.iter().any(|r| r["name"] == "Alder Port Authority"));
    // A terminal table, and a page to click through.
    let out = site.run(&["review"]);
    assert!(stdout(&out).starts_with("score  kind"), "{}", stdout(&out));
    let dir = site.root().join("review-page");
    let out = site.run(&["review", "--html", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(
        page.contains("<a href=\"/organisations/alder-port-authority/\">Alder Port Authority</a>"),
        "{page}"
    );
    assert!(!site.public().exists(), "review never builds the site");
}

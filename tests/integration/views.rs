//! The views that summarise lists: timelines on term pages, "appears with", the home page's
//! glance, and indexes that stay small. All names are invented.

use crate::TestSite;

const FIRST: [&str; 20] = [
    "Amber", "Basalt", "Cobalt", "Dune", "Ember", "Fern", "Garnet", "Heath", "Iris", "Juniper",
    "Kelp", "Linden", "Moss", "Nettle", "Onyx", "Pine", "Quartz", "Reed", "Sage", "Thyme",
];
const SECOND: [&str; 20] = [
    "Bay", "Brook", "Cliff", "Cove", "Dale", "Fall", "Field", "Ford", "Gate", "Glen", "Hill",
    "Holm", "Lake", "Marsh", "Mead", "Moor", "Ridge", "Shore", "Vale", "Wood",
];

/// The name of invented body `k` (400 of them): "Amber Bay Development Commission".
fn body(k: usize) -> String {
    format!(
        "{} {} Development Commission",
        FIRST[k % 20],
        SECOND[(k / 20) % 20]
    )
}

/// A site of `n` articles over 2016–2024, each about one of `orgs` invented bodies and the
/// Alder Port Authority, in Alder or Birch.
fn site(n: usize, orgs: usize) -> TestSite {
    let site = TestSite::empty();
    site.write(
        "site.toml",
        "title = \"Views\"\nbase_url = \"https://example.org/news/\"\npaginate_by = 5\n\
         [places]\nAlder = []\nBirch = []\n",
    );
    for i in 0..n {
        let year = 2016 + (i * 7) % 9;
        let month = 1 + i % 12;
        let body = body(i % orgs);
        site.write(
            &format!("content/a{i:04}.txt"),
            format!(
                "date {year}-{month:02}-{:02}\nPact {i} between Alder and Birch\n\n\
                 The Alder Port Authority and the {body} signed pact {i} in Alder on Monday.\n\n\
                 The Birch delegation welcomed it.\n\nSource: Harbour Daily\n",
                1 + i % 27
            ),
        );
    }
    site
}

/// The `href`s of `page` that start with `prefix`.
fn hrefs(page: &str, prefix: &str) -> Vec<String> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.starts_with(prefix))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_term_page_has_a_timeline_whose_bars_land_on_their_year() {
    let site = site(60, 6);
    site.build(&[]);
    let page = site.page("organisations/alder-port-authority/index.html");
    assert!(page.contains("<svg viewBox="), "no timeline");
    assert!(page.contains("Articles per year"));
    // The same numbers as a table, and one bar a year from 2016 to 2024.
    for year in 2016..=2024 {
        assert!(
            page.contains(&format!("<td>{year}</td>"))
                || page.contains(&format!(">{year}</a></td>"))
        );
    }
    let bars = hrefs(&page, "/news/organisations/alder-port-authority/");
    let bars: Vec<&String> = bars.iter().filter(|h| h.contains("#y")).collect();
    assert!(bars.len() >= 9, "{bars:?}");
    for href in bars {
        let (path, anchor) = href.split_once('#').unwrap();
        let file = format!("{}index.html", &path["/news/".len()..]);
        let target = site.page(&file);
        assert!(
            target.contains(&format!("id=\"{anchor}\"")),
            "{href}: no such anchor in {file}"
        );
    }
    // Who appears with it: the numbered bodies, counted; the places.
    assert!(page.contains("Appears with"));
    assert!(page.contains("Amber Bay Development Commission</a> <span class=\"count\">10</span>"));
    assert!(page.contains("/news/places/alder/"));
    // Later pages of the list have no timeline.
    assert!(
        !site
            .page("organisations/alder-port-authority/page/2/index.html")
            .contains("<svg")
    );
}

#[test]
fn the_home_page_shows_the_archive_at_a_glance() {
    let site = site(30, 3);
    site.build(&[]);
    let home = site.page("index.html");
    assert!(home.contains("At a glance"));
    assert!(home.contains("30 articles from"));
    assert!(home.contains("Most active organisations in 2024"));
    // Its bars go to the date archive.
    let years = hrefs(&home, "/news/archive/20");
    assert!(!years.is_empty());
    for href in years {
        let file = format!("{}index.html", &href["/news/".len()..]);
        assert!(site.public().join(&file).exists(), "{href}");
    }
    assert!(!site.page("page/2/index.html").contains("At a glance"));
}

#[test]
fn the_names_by_count_page_of_an_index_on_one_page_links_its_letters_into_the_index() {
    // About 50 organisations: one index page with letter headings, and a by-count page.
    let site = site(60, 50);
    site.build(&["--check-links"]);
    let index = site.page("organisations/index.html");
    assert!(index.contains("href=\"#letter-a\""));
    let by_count = site.page("organisations/index/by-count/index.html");
    assert!(
        by_count.contains("href=\"/news/organisations/#letter-a\""),
        "the A–Z bar leads back into the index page"
    );
    assert!(!by_count.contains("href=\"#letter-"));
}

#[test]
fn a_long_index_is_split_by_letter_and_no_index_page_grows_past_100_kb() {
    let site = site(700, 350);
    site.build(&[]);
    let index = site.page("organisations/index.html");
    assert!(index.contains("Most articles"));
    assert!(index.contains("href=\"/news/organisations/index/by-count/\""));
    let by_count = site.page("organisations/index/by-count/index.html");
    assert!(by_count.contains("Organisations: by number of articles"));
    assert!(by_count.find("Alder Port Authority").unwrap() < by_count.find("Amber Bay").unwrap());
    assert!(index.contains("choose a letter above"));
    let letters = hrefs(&index, "/news/organisations/index/");
    assert!(
        letters.contains(&"/news/organisations/index/b/".to_string()),
        "{letters:?}"
    );
    let b = site.page("organisations/index/b/index.html");
    assert!(b.contains("Basalt Bay Development Commission"));
    assert!(b.contains("aria-current=\"page\">B</a>"));
    assert!(
        !b.contains("Alder Port Authority</a>"),
        "A's names are on A's page"
    );
    for entry in walkdir::WalkDir::new(site.public().join("organisations")) {
        let entry = entry.unwrap();
        if entry.file_name() == "index.html" {
            let size = entry.metadata().unwrap().len();
            assert!(size < 100_000, "{}: {size} bytes", entry.path().display());
        }
    }
    // A short index keeps its names on the page, under letter headings.
    let places = site.page("places/index.html");
    assert!(places.contains("id=\"letter-a\""));
    assert!(places.contains("href=\"#letter-a\""));
}

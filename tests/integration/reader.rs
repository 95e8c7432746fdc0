//! The reader's archive: date archives, feeds, sitemap, places, partners, people, article
//! neighbours and search, each checked in the written files.

use crate::TestSite;

/// Three articles about two invented cities, two of them naming the same port authority.
fn harbour_site() -> TestSite {
    let site = TestSite::empty();
    site.write(
        "site.toml",
        "title = \"Harbour News\"\nbase_url = \"https://news.example/harbour/\"\npaginate_by = 2\nfeed_limit = 2\n\
         [extract]\nplaces = { \"Harwick\" = [], \"Valmora\" = [] }\n",
    )
    .write(
        "content/2023/05/port-pact.txt",
        " date 2023-05-02 \nHarwick and Valmora sign a port pact\n\n\
         The Harwick Port Authority (HPA) and the Valmora Maritime Board signed a pact on Tuesday, \
         the first agreement between Harwick and Valmora on shipping.\n\n\
         \"This is a good day for both ports,\" said Harwick Mayor Elin Brandt.\n\n\
         Source: Harbour Daily   Editor: Ana Ruiz\n",
    )
    .write(
        "content/2023/06/pilot-boats.txt",
        " date 2023-06-10 \nPort authority orders pilot boats & tugs\n\n\
         The Harwick Port Authority (HPA) ordered four pilot boats for the new route to Valmora.\n\n\
         Source: Harbour Daily\n",
    )
    .write(
        "content/2024/01/ferry.txt",
        " date 2024-01-15 \nFerry timetable published\n\n\
         The HPA published the winter ferry timetable between Harwick and Valmora.\n\n\
         Source: Coast Wire\n",
    );
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", crate::stderr(&out));
    site
}

#[test]
fn date_archives_list_years_and_months_newest_first() {
    let site = harbour_site();
    let archive = site.page("archive/index.html");
    let y2024 = archive
        .find("href=\"/harbour/archive/2024/\"")
        .expect("2024");
    let y2023 = archive
        .find("href=\"/harbour/archive/2023/\"")
        .expect("2023");
    assert!(y2024 < y2023, "newest year first");
    assert!(archive.contains("June 2023"), "months are named");
    let year = site.page("archive/2023/index.html");
    assert!(year.contains("Port authority orders pilot boats"));
    assert!(year.contains("Harwick and Valmora sign a port pact"));
    assert!(!year.contains("Ferry timetable"), "2024 is not in 2023");
    let month = site.page("archive/2023/05/index.html");
    assert!(month.contains("Harwick and Valmora sign a port pact"));
    assert!(!month.contains("pilot boats"));
}

#[test]
fn feeds_are_atom_with_absolute_urls_and_the_newest_date() {
    let site = harbour_site();
    let feed = site.page("feed.xml");
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert!(feed.contains("<updated>2024-01-15T00:00:00Z</updated>"));
    assert!(feed.contains("<id>https://news.example/harbour/2024/01/ferry/</id>"));
    assert_eq!(feed.matches("<entry>").count(), 2, "feed_limit = 2");
    assert!(
        feed.contains("Port authority orders pilot boats &amp; tugs"),
        "text is escaped"
    );
    let org_feed = site.page("organisations/harwick-port-authority/feed.xml");
    assert!(org_feed.contains("<title>Harwick Port Authority · Harbour News</title>"));
    assert!(org_feed.contains(
        "<link rel=\"alternate\" type=\"text/html\" href=\"https://news.example/harbour/organisations/harwick-port-authority/\"/>"
    ));
    let org_page = site.page("organisations/harwick-port-authority/index.html");
    assert!(org_page.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Harwick Port Authority\" href=\"/harbour/organisations/harwick-port-authority/feed.xml\">"
    ));
    assert!(
        site.page("index.html")
            .contains("href=\"/harbour/feed.xml\"")
    );
}

#[test]
fn sitemap_and_robots_name_every_page_absolutely() {
    let site = harbour_site();
    let sitemap = site.page("sitemap.xml");
    for loc in [
        "https://news.example/harbour/",
        "https://news.example/harbour/2023/05/port-pact/",
        "https://news.example/harbour/archive/2023/05/",
        "https://news.example/harbour/organisations/harwick-port-authority/",
        "https://news.example/harbour/partners/harwick-valmora/",
        "https://news.example/harbour/search/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{loc}</loc>")),
            "{loc} missing"
        );
    }
    assert!(sitemap.contains("<lastmod>2023-05-02</lastmod>"));
    assert!(
        !sitemap.contains("404"),
        "the error page is not a page to index"
    );
    assert!(
        site.page("robots.txt")
            .contains("Sitemap: https://news.example/harbour/sitemap.xml")
    );
}

#[test]
fn partner_place_and_people_pages_list_their_articles() {
    let site = harbour_site();
    let partners = site.page("partners/index.html");
    assert!(partners.contains("Harwick – Valmora"));
    let pair = site.page("partners/harwick-valmora/index.html");
    assert!(pair.contains("Harwick and Valmora sign a port pact"));
    let place = site.page("places/valmora/index.html");
    assert!(place.contains("Ferry timetable published"));
    assert!(
        site.page("places/index.html")
            .contains("/harbour/places/harwick/")
    );
    let people = site.page("people/index.html");
    assert!(people.contains("Elin Brandt"));
    let person = site.page("people/elin-brandt/index.html");
    assert!(person.to_lowercase().contains("mayor"), "the role is shown");
    assert!(person.contains("Harwick and Valmora sign a port pact"));
}

#[test]
fn article_page_links_its_neighbours_tags_and_related_articles() {
    let site = harbour_site();
    let page = site.page("2023/06/pilot-boats/index.html");
    assert!(
        page.contains("rel=\"prev\" href=\"/harbour/2023/05/port-pact/\""),
        "older"
    );
    assert!(
        page.contains("rel=\"next\" href=\"/harbour/2024/01/ferry/\""),
        "newer"
    );
    assert!(
        page.contains("href=\"/harbour/archive/2023/06/\""),
        "breadcrumbs"
    );
    assert!(page.contains("Related articles"));
    let related = &page[page.find("Related articles").unwrap()..];
    let ferry = related.find("Ferry timetable").expect("shares the HPA");
    let pact = related.find("sign a port pact").expect("shares the HPA");
    assert!(ferry < pact, "newest first among equals");
    let pact_page = site.page("2023/05/port-pact/index.html");
    assert!(pact_page.contains("href=\"/harbour/people/elin-brandt/\""));
    assert!(pact_page.contains("href=\"/harbour/partners/harwick-valmora/\""));
    assert!(pact_page.contains("href=\"/harbour/places/valmora/\""));
    assert!(
        !pact_page.contains("rel=\"prev\""),
        "the oldest has no older"
    );
}

#[test]
fn a_source_an_article_only_credits_is_listed_as_who_reported_it() {
    let site = TestSite::empty();
    site.write(
        "site.toml",
        "title = \"Harbour News\"\nbase_url = \"https://news.example/\"\n\
         [organisations]\n\"Harbour Wire\" = []\n\"Harwick Port Authority\" = [\"HPA\"]\n",
    )
    .write(
        "content/2023/05/port-pact.txt",
        " date 2023-05-02 \nPort signs a pact\n\n\
         HARWICK, May 2 (Harbour Wire) -- The Harwick Port Authority (HPA) signed a pact, it \
         told Harbour Wire.\n\nSource: Harbour Wire\n",
    );
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", crate::stderr(&out));
    let page = site.page("2023/05/port-pact/index.html");
    let tags = &page[page.find("In this article").expect("tags")..];
    let organisations = &tags[..tags.find("Reported by").expect("a credits row")];
    assert!(organisations.contains(">Harwick Port Authority</a>"));
    assert!(
        !organisations.contains(">Harbour Wire</a>"),
        "{organisations}"
    );
    let credits = &tags[tags.find("Reported by").unwrap()..];
    let credits = &credits[..credits.find("</dd>").unwrap()];
    assert!(
        credits.contains("href=\"/organisations/harbour-wire/\">Harbour Wire</a>"),
        "{credits}"
    );
    assert!(!credits.contains("Harwick Port Authority"));
}

#[test]
fn search_index_is_pagefinds_bundle_and_the_page_works_without_script() {
    let site = harbour_site();
    let bundle = site.public().join("pagefind");
    for file in ["pagefind.js", "pagefind-worker.js", "wasm.en.pagefind"] {
        assert!(bundle.join(file).is_file(), "{file}");
    }
    let entry = std::fs::read_to_string(bundle.join("pagefind-entry.json")).unwrap();
    assert!(entry.contains("\"page_count\":3"), "{entry}");
    assert!(!site.public().join("search/index.json").exists());
    let page = site.page("search/index.html");
    assert!(page.contains("data-base=\"/harbour/\" data-bundles=\"pagefind/\">"));
    assert!(page.contains("src=\"/harbour/search.js\""));
    assert!(
        page.contains("<option value=\"Coast Wire\">"),
        "sources to filter by"
    );
    assert!(
        page.contains("<option value=\"2023\">"),
        "years to filter by"
    );
    assert!(
        page.contains("href=\"/harbour/archive/2023/\"")
            && page.contains("href=\"/harbour/organisations/\""),
        "the archive and the organisations without JS"
    );
    assert!(site.public().join("search.js").is_file());
    // Each organisation's (place's, person's, pair's) page searches within its articles.
    assert!(
        site.page("organisations/harwick-port-authority/index.html")
            .contains("href=\"/harbour/search/?organisation=Harwick%20Port%20Authority\"")
    );
    assert!(
        site.page("places/valmora/index.html")
            .contains("href=\"/harbour/search/?place=Valmora\"")
    );

    // Summaries only: a smaller index, still a whole one.
    site.write(
        "site.toml",
        "title = \"Harbour News\"\nbase_url = \"https://news.example/harbour/\"\n[search]\nfull_text = false\n",
    );
    assert!(site.build(&[]).status.success());
    assert!(bundle.join("pagefind-entry.json").is_file());

    // No search at all: no index, and the page says what to do instead.
    site.write(
        "site.toml",
        "title = \"Harbour News\"\nbase_url = \"https://news.example/harbour/\"\n[search]\nenabled = false\n",
    );
    assert!(site.build(&[]).status.success());
    assert!(!bundle.exists());
    let page = site.page("search/index.html");
    assert!(page.contains("This site has no search"));
    assert!(!page.contains("search.js"));
    assert!(
        !site
            .page("organisations/harwick-port-authority/index.html")
            .contains("/search/?")
    );
}

#[test]
fn every_listing_page_has_a_unique_title_and_canonical_link() {
    let site = harbour_site();
    let mut titles = std::collections::BTreeMap::new();
    for (rel, bytes) in crate::tree(&site.public()) {
        if !rel.ends_with(".html") || rel == "404.html" {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let title = html
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .unwrap()
            .to_string();
        assert!(html.contains("<link rel=\"canonical\" href=\"https://news.example/harbour/"));
        if let Some(other) = titles.insert(title.clone(), rel.clone()) {
            panic!("{rel} and {other} share the title {title:?}");
        }
    }
    assert!(titles.len() > 15, "{titles:?}");
}

#[test]
fn a_site_without_a_host_is_warned_about_feeds() {
    let site = TestSite::empty();
    site.write(
        "content/a.txt",
        " date 2024-01-01 \nA\n\nBody.\n\nSource: S\n",
    );
    let out = site.build(&[]);
    assert!(out.status.success());
    assert!(crate::stderr(&out).contains("base_url has no scheme and host"));
}

#[test]
fn a_larger_archives_index_comes_in_parts_with_a_router() {
    let site = harbour_site();
    let bundle = site.public().join("pagefind");
    // The newest article in an index of their own, asked first; each older one in a part of its
    // own, and a router that says which older part holds a word.
    site.write(
        "site.toml",
        "title = \"Harbour News\"\nbase_url = \"https://news.example/harbour/\"\n[search]\nnewest_first = 1\n",
    );
    assert!(site.build(&[]).status.success());
    let pages = |entry: &std::path::Path| {
        let entry = std::fs::read_to_string(entry).unwrap();
        let json: serde_json::Value = serde_json::from_str(&entry).unwrap();
        json["languages"]["en"]["page_count"].as_u64().unwrap()
    };
    assert_eq!(pages(&bundle.join("pagefind-entry.json")), 1);
    assert_eq!(pages(&bundle.join("older/2/pagefind-entry.json")), 1);
    assert_eq!(pages(&bundle.join("older/1/pagefind-entry.json")), 1);
    assert_eq!(pages(&bundle.join("router/pagefind-entry.json")), 2);
    for other in ["older/1/", "router/"] {
        let has = |name: &str| bundle.join(other).join(name).exists();
        assert!(
            !has("pagefind.js") && !has("wasm.en.pagefind"),
            "{other}: merged, no script of its own"
        );
    }
    let older = std::fs::read_dir(bundle.join("older/1/fragment"))
        .unwrap()
        .count();
    assert_eq!(older, 1, "the oldest article's text is in the oldest part");
    assert!(site.page("search/index.html").contains(
        "data-base=\"/harbour/\" data-bundles=\"pagefind/ pagefind/older/2/ pagefind/older/1/\" data-router=\"pagefind/router/\""
    ));
    assert!(
        !bundle.join("older/pagefind-entry.json").exists(),
        "no index of the older layout"
    );
}

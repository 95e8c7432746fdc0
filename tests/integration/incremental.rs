//! Rebuilds with a cache (what `serve` does): after every kind of change, the site written by a
//! rebuild is byte for byte the one a fresh build writes, and a small change writes few files.

use crate::{TestSite, tree};
use concord::{Cache, Options, Report};
use std::path::Path;

const ORGANISATIONS: [&str; 4] = [
    "Harbour Development Bank (HDB)",
    "Northgate Rail Company",
    "Alder Port Authority",
    "Willow Valley University",
];

fn article(n: usize) -> String {
    let org = ORGANISATIONS[n % ORGANISATIONS.len()];
    let other = ORGANISATIONS[(n / 2) % ORGANISATIONS.len()];
    format!(
        " date 2023-{:02}-{:02} \nStory number {n} about the ferry\n\n{org} and {other} agreed on plan {n} on Monday.\n\nThe plan covers {n} new berths and a training scheme.\n\nWork starts next spring.\n\nSource: Tide News   Editor: Ana Lis\n",
        1 + n % 3,
        1 + n % 27,
    )
}

fn site() -> TestSite {
    let site = TestSite::empty();
    site.write(
        "site.toml",
        "title = \"Rebuilds\"\nbase_url = \"https://example.org/\"\npaginate_by = 4\nfeed_limit = 3\n\n[search]\nfull_text = true\n",
    );
    for n in 0..30 {
        site.write(&format!("content/a{n:02}.txt"), article(n));
    }
    site
}

fn options(root: &Path, out: &str) -> Options {
    Options {
        root: root.to_path_buf(),
        output: Some(root.join(out)),
        ..Options::default()
    }
}

/// Rebuilds into `cached` with the cache, builds `fresh` from nothing, and asserts both trees
/// are the same. Returns the rebuild's report.
fn rebuild_matches_fresh(site: &TestSite, cache: &mut Cache, what: &str) -> Report {
    let report = concord::build_with(&options(site.root(), "cached"), Some(cache))
        .unwrap_or_else(|e| panic!("{what}: rebuild failed: {e}"));
    let fresh_dir = site.root().join("fresh");
    let _ = std::fs::remove_dir_all(&fresh_dir);
    concord::build(&options(site.root(), "fresh")).unwrap();
    let (cached, fresh) = (tree(&site.root().join("cached")), tree(&fresh_dir));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&cached), names(&fresh), "{what}: different files");
    for ((name, a), (_, b)) in cached.iter().zip(&fresh) {
        assert!(a == b, "{what}: {name} differs from a fresh build's");
    }
    report
}

fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let path = site.root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} lacks {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Dates every file below `dir` an hour back, so a rebuild trusts their stamps.
fn settle(dir: &Path) {
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let file = std::fs::File::options()
                .append(true)
                .open(entry.path())
                .unwrap();
            file.set_modified(an_hour_ago).unwrap();
        }
    }
}

/// Edits of one field each: what changes, in which file, from what to what.
const EDITS: [(&str, &str, &str, &str); 8] = [
    (
        "the title",
        "content/a09.txt",
        "Story number 9",
        "Tale number 9",
    ),
    (
        "the date, same month",
        "content/a11.txt",
        "2023-03-12",
        "2023-03-20",
    ),
    (
        "the date, another year",
        "content/a12.txt",
        "2023-01-13",
        "2021-06-13",
    ),
    (
        "the source",
        "content/a13.txt",
        "Source: Tide News",
        "Source: Port Post",
    ),
    (
        "a known organisation added",
        "content/a14.txt",
        "Work starts",
        "Northgate Rail Company says work starts",
    ),
    (
        "a new organisation",
        "content/a15.txt",
        "Work starts",
        "The Cedar Shipping Company says work starts",
    ),
    (
        "an organisation removed",
        "content/a15.txt",
        "The Cedar Shipping Company says work starts",
        "Work starts",
    ),
    (
        "a draft",
        "content/a16.txt",
        " date 2023-",
        "+++\ndraft = true\n+++\n date 2023-",
    ),
];

#[test]
fn every_kind_of_change_rebuilds_to_what_a_fresh_build_writes() {
    let site = site();
    let mut cache = Cache::default();
    let first = rebuild_matches_fresh(&site, &mut cache, "first build");
    assert!(first.files_written > 50);

    edit(
        &site,
        "content/a05.txt",
        "training scheme",
        "training course",
    );
    let report = rebuild_matches_fresh(&site, &mut cache, "a word of the body");
    // The article's page and the search index's files that hold it: its fragment, the index
    // chunk of the words, the metadata, the entry file naming them (Pagefind names files by
    // their contents, so the old fragment is removed: the tree equals a fresh build's), and the
    // part file that lists them.
    assert_eq!(report.files_written, 6, "a word of the body");

    edit(
        &site,
        "content/a07.txt",
        "agreed on plan 7",
        "signed plan 7",
    );
    let report = rebuild_matches_fresh(&site, &mut cache, "the summary");
    assert!(report.files_written < 30, "the summary: {report:?}");

    for (what, rel, from, to) in EDITS {
        edit(&site, rel, from, to);
        rebuild_matches_fresh(&site, &mut cache, what);
    }

    site.write("content/new.txt", article(40));
    rebuild_matches_fresh(&site, &mut cache, "an article added");
    std::fs::remove_file(site.root().join("content/a03.txt")).unwrap();
    rebuild_matches_fresh(&site, &mut cache, "an article removed");

    site.write("content/a20.txt", "no date here\n");
    assert!(concord::build_with(&options(site.root(), "cached"), Some(&mut cache)).is_err());
    site.write(
        "content/a20.txt",
        article(20).replace("plan 20", "plan twenty"),
    );
    rebuild_matches_fresh(&site, &mut cache, "an error, then its fix");

    site.write(
        "templates/404.html",
        "<!doctype html><title>{{ page_title }}</title><p>Lost at sea.</p>",
    );
    rebuild_matches_fresh(&site, &mut cache, "a template");
    site.write("static/extra.css", "body { color: black }");
    rebuild_matches_fresh(&site, &mut cache, "a static file");
    edit(
        &site,
        "site.toml",
        "title = \"Rebuilds\"",
        "title = \"Rebuilt\"",
    );
    rebuild_matches_fresh(&site, &mut cache, "the configuration");

    // Stamps taken within 2 s of a write are not trusted (the file may change again within its
    // time tick): once the files are older, a rebuild with no change writes nothing.
    settle(site.root());
    rebuild_matches_fresh(&site, &mut cache, "files settled");
    let report = rebuild_matches_fresh(&site, &mut cache, "nothing");
    assert_eq!(report.files_written, 0, "nothing changed");
}

#[test]
fn every_correction_rebuilds_to_what_a_fresh_build_writes() {
    let site = site();
    let mut cache = Cache::default();
    rebuild_matches_fresh(&site, &mut cache, "first build");
    let steps: [(&str, &str); 5] = [
        (
            "an exclude",
            "\n[extract]\nexclude = [\"Northgate Rail *\"]\n",
        ),
        (
            "an alias",
            "\n[organisations]\n\"Alder Port Authority\" = [\"Alder Port\"]\n",
        ),
        (
            "a split by source",
            "\n[organisations.\"Harbour Development Bank (Tide)\"]\naliases = [\"HDB\"]\nwhen = { sources = [\"Tide News\"] }\n",
        ),
        (
            "a person's canonical name",
            "\n[people]\n\"Ana Lis-Varga\" = [\"Ana Lis\"]\n",
        ),
        (
            "people and places excluded",
            "\n[extract]\nexclude_people = [\"Nobody *\"]\nexclude_places = [\"Paris\"]\n",
        ),
    ];
    let base = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    for (what, table) in steps {
        site.write("site.toml", format!("{base}{table}"));
        rebuild_matches_fresh(&site, &mut cache, what);
    }
    edit(
        &site,
        "content/a05.txt",
        " date 2023-",
        "+++\norganisations_remove = [\"Harbour Development Bank\"]\npeople_add = [\"Ola Brand\"]\n+++\n date 2023-",
    );
    rebuild_matches_fresh(&site, &mut cache, "a front-matter correction");
}

#[test]
fn a_duplicate_left_out_comes_back_whole_when_its_twin_is_removed() {
    let site = site();
    // The same story under a second path: collate publishes the first path only.
    site.write("content/z-twin.txt", article(5));
    // Settled files: the rebuild keeps the twin from the cache instead of reading it again.
    settle(&site.root().join("content"));
    let mut cache = Cache::default();
    rebuild_matches_fresh(&site, &mut cache, "with the twin left out");
    std::fs::remove_file(site.root().join("content/a05.txt")).unwrap();
    rebuild_matches_fresh(&site, &mut cache, "the twin published");
    let page =
        std::fs::read_to_string(site.root().join("cached/2023/03/z-twin/index.html")).unwrap();
    assert!(page.contains("organisations/"), "tagged: {page}");
}

#[test]
fn told_which_files_changed_a_rebuild_looks_at_those_alone() {
    let site = site();
    let mut cache = Cache::default();
    let build = |cache: &mut Cache| {
        concord::build_with(&options(site.root(), "cached"), Some(cache)).unwrap();
    };
    build(&mut cache);
    let page = |n: usize| {
        let month = 1 + n % 3;
        std::fs::read_to_string(
            site.root()
                .join(format!("cached/2023/{month:02}/a{n:02}/index.html")),
        )
        .unwrap()
    };
    // Two files change; the caller (serve, from the file system's events) names one of them.
    site.write("content/a00.txt", article(0).replace("berths", "moorings"));
    site.write("content/a01.txt", article(1).replace("berths", "slipways"));
    cache.only_changed(Some(["content/a00.txt".to_string()].into()));
    build(&mut cache);
    assert!(page(0).contains("moorings"));
    assert!(
        !page(1).contains("slipways"),
        "a file not named is not looked at"
    );
    // Told nothing, a rebuild looks at every file.
    cache.only_changed(None);
    build(&mut cache);
    assert!(page(1).contains("slipways"));
    // A file named that the last walk did not find (added): the folder is walked again.
    site.write("content/a99.txt", article(99));
    cache.only_changed(Some(["content/a99.txt".to_string()].into()));
    build(&mut cache);
    assert!(page(99).contains("plan 99"));
    // Each build takes what it was told once: the next looks at every file again.
    site.write("content/a02.txt", article(2).replace("berths", "jetties"));
    build(&mut cache);
    assert!(page(2).contains("jetties"));
}

/// Builds (no cache: what `concord build` does) into `built`, and from nothing into `fresh`;
/// asserts both trees are the same and returns how many parts of the search index the build
/// took from its folder, of how many.
fn build_matches_fresh(site: &TestSite, what: &str) -> (usize, usize) {
    let report = concord::build(&options(site.root(), "built"))
        .unwrap_or_else(|e| panic!("{what}: build failed: {e}"));
    let fresh_dir = site.root().join("fresh");
    let _ = std::fs::remove_dir_all(&fresh_dir);
    concord::build(&options(site.root(), "fresh")).unwrap();
    assert!(
        tree(&site.root().join("built")) == tree(&fresh_dir),
        "{what}: not what a fresh build writes"
    );
    let parts = report
        .search_written
        .expect("the build wrote the index")
        .len();
    (report.search_parts_taken, parts)
}

#[test]
fn a_build_into_its_last_output_takes_the_search_index_parts_whose_articles_did_not_change() {
    let site = TestSite::empty();
    site.write(
        "site.toml",
        "title = \"Parts\"\nbase_url = \"https://example.org/\"\n\n[search]\nnewest_first = 8\n",
    );
    for n in 0..32 {
        site.write(&format!("content/a{n:02}.txt"), article(n));
    }
    // 32 articles: three older parts of eight, the newest eight, the router.
    assert_eq!(build_matches_fresh(&site, "first build"), (0, 5));
    assert_eq!(build_matches_fresh(&site, "nothing changed"), (5, 5));
    edit(
        &site,
        "content/a05.txt",
        "training scheme",
        "training course",
    );
    let (taken, parts) = build_matches_fresh(&site, "a word of one article");
    assert_eq!(
        (taken, parts),
        (4, 5),
        "its part is indexed again, nothing else"
    );
    // A 33rd article, the newest: the newest eight become the fourth older part (taken from
    // the folder); the new newest part and the router are indexed.
    site.write(
        "content/b.txt",
        " date 2024-02-01 \nThe newest story\n\nA ferry sails.\n\nSource: Tide News\n",
    );
    assert_eq!(build_matches_fresh(&site, "a new article"), (4, 6));
    // A file of the index that is not what its part file says: that part is indexed again.
    let built = site.root().join("built");
    let entry = built.join("pagefind/older/2/pagefind-entry.json");
    std::fs::write(&entry, "{}").unwrap();
    assert_eq!(build_matches_fresh(&site, "a file changed"), (5, 6));
    assert_ne!(std::fs::read(&entry).unwrap(), b"{}");
}

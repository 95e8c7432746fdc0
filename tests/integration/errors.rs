//! Bad input: each case fails with a message naming the file and line, and writes nothing.

use crate::{TestSite, stderr, tree};

fn failing_build(site: &TestSite) -> (i32, String) {
    let out = site.run(&["build"]);
    (out.status.code().unwrap_or(-1), stderr(&out))
}

#[test]
fn impossible_date_names_file_and_line() {
    let site = TestSite::empty();
    site.write(
        "content/2023/bad.txt",
        "\n date 2023-02-30 \nHeadline\n\nBody\n",
    );
    let (code, err) = failing_build(&site);
    assert_eq!(code, 1);
    assert!(
        err.contains("content/2023/bad.txt:2:2: error: impossible date"),
        "{err}"
    );
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn every_error_is_reported_in_one_run() {
    let site = TestSite::empty();
    site.write("content/a.txt", "no date here\n");
    site.write("content/b.txt", "date 2023-01-01\n\n\n");
    site.write("content/c.txt", "Headline first\ndate 2023-01-01\n");
    site.write("content/d.md", "+++\ntitle = 3\n+++\n");
    let (code, err) = failing_build(&site);
    assert_eq!(code, 1);
    assert!(
        err.contains("content/a.txt:1:1: error: the first line must be the date"),
        "{err}"
    );
    assert!(err.contains("content/b.txt:"), "{err}");
    assert!(err.contains("headline"), "{err}");
    assert!(
        err.contains("content/c.txt:1:1: error: the first line must be the date"),
        "{err}"
    );
    assert!(
        err.contains("content/d.md:2:1: error: invalid front matter"),
        "{err}"
    );
    assert!(err.contains("4 errors in the content"), "{err}");
}

#[test]
fn a_front_matter_slug_that_clashes_names_both_files() {
    let site = TestSite::empty();
    // An automatic slug gives way to a chosen one (it is renamed); two chosen ones cannot.
    site.write(
        "content/2023/01/news.txt",
        "+++\nslug = \"news\"\n+++\ndate 2023-01-01\nA\n\nx\n",
    );
    site.write(
        "content/2023/01/other.txt",
        "+++\nslug = \"news\"\n+++\ndate 2023-01-09\nB\n\ny\n",
    );
    let (code, err) = failing_build(&site);
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "content/2023/01/other.txt: error: the slug \"news\" set in front matter gives the URL 2023/01/news/, which content/2023/01/news.txt already has"
        ),
        "{err}"
    );
}

#[test]
fn failed_build_leaves_the_previous_output_untouched() {
    let site = TestSite::fixture("basic");
    site.run(&["build"]);
    let before = tree(&site.public());
    site.write("content/2024/02/broken.txt", "date 2024-99-01\nBroken\n");
    let (code, _) = failing_build(&site);
    assert_eq!(code, 1);
    assert_eq!(before, tree(&site.public()));
}

#[test]
fn bad_site_toml_exits_2_naming_the_key() {
    let site = TestSite::empty();
    site.write("site.toml", "title = \"T\"\npagniate_by = 5\n");
    let (code, err) = failing_build(&site);
    assert_eq!(code, 2);
    assert!(
        err.contains("site.toml: line 2: unknown key `pagniate_by`: did you mean `paginate_by`?"),
        "{err}"
    );
    site.write("site.toml", "title = \"T\"\nbase_url = \"example.org\"\n");
    let (code, err) = failing_build(&site);
    assert_eq!(code, 2);
    assert!(err.contains("must start with https://"), "{err}");
}

#[test]
fn missing_site_toml_says_what_to_do() {
    let site = TestSite::empty();
    std::fs::remove_file(site.root().join("site.toml")).unwrap();
    let (code, err) = failing_build(&site);
    assert_eq!(code, 2);
    assert!(err.contains("--root"), "{err}");
}

#[test]
fn output_folder_that_is_the_site_is_refused() {
    let site = TestSite::fixture("basic");
    let out = site.run(&["build", "--output", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("refusing"), "{}", stderr(&out));
    assert!(
        site.root()
            .join("content/2024/01/alder-birch-ferry.txt")
            .exists()
    );
}

#[test]
fn broken_template_fails_with_its_name() {
    let site = TestSite::fixture("basic");
    site.write("templates/article.html", "{% if %}");
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("template"), "{}", stderr(&out));
    assert!(!site.public().exists());
}

#[test]
fn check_exits_1_on_errors_and_0_on_warnings_only() {
    let site = TestSite::empty();
    site.write("content/a.txt", "date 2023-01-01\nNo trailer\n\nBody.\n");
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("warning: no `Source"),
        "{}",
        stderr(&out)
    );
    site.write("content/b.txt", "date 2023-13-01\nX\n");
    assert_eq!(site.run(&["check"]).status.code(), Some(1));
}

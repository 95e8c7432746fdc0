//! `concord init` and `concord new`: a new site that builds at once, and a new article in the
//! native format. Nothing here overwrites a file.

use crate::assets;
use crate::error::{Error, Result};
use crate::model::slug_or_hash;
use chrono::NaiveDate;
use std::fs;
use std::path::{Path, PathBuf};

/// The `site.toml` `init` writes: every setting, with what it does.
const SITE_TOML: &str = r#"# Concord site settings. Every key is optional; unknown keys are an error.

# The site's name, in every page's header and <title>.
title = "My cooperation archive"
# One sentence about the archive, for search engines and the feed.
description = "News of cities, ports and institutions working together."
# Where the site will be published. Feeds, the sitemap and canonical links need the host;
# a sub-path such as "https://news.example.org/archive/" works too. `concord build` warns
# while this is still the placeholder host below.
base_url = "https://example.org/"
# The articles' language (BCP 47).
language = "en"
# Articles per listing page, and entries per Atom feed.
paginate_by = 20
feed_limit = 20
# Where `concord build` writes the site, relative to this file.
output_dir = "public"

# Canonical organisation name = [other names the articles use]. Always wins over what
# Concord finds in the text.
[organisations]
# "Hong Kong Stock Exchange" = ["HKEX", "HKEx"]

[extract]
# Use the built-in table of well-known organisations (UN, WTO, central banks, exchanges...).
builtin_organisations = true
# Names never taken as organisations.
exclude = []
# Places the built-in gazetteer does not know: "Name" = ["other name"].
places = {}

[search]
# Index every article's full text (false: titles, summaries and names only).
full_text = true
# The newest this many articles get an index of their own, searched first, so the first results
# of a large archive come as fast as a small one's (0: one index).
newest_first = 2000

[build]
# Turn import warnings (encoding guessed, URL renamed, duplicate left out, date taken from
# the path, special file skipped) into errors.
strict = false

# Old addresses that should keep working: "/old/path.html" = "2023/10/new-slug/".
# Each writes a small redirect page at the old address.
[redirects]
"#;

/// The example article `init` writes, dated `date`.
fn example_article(date: NaiveDate) -> String {
    format!(
        " date {} \n\
         Harwick and Valmora open a joint trade office\n\
         \n\
         The Harwick Chamber of Commerce (HCC) and the Valmora Chamber of Commerce opened a joint \
         trade office on Monday, the first shared office of the two port cities.\n\
         \n\
         \"Our members asked for one door to both markets,\" said HCC president Ines Varga.\n\
         \n\
         The office will advise companies from both cities on customs, shipping and permits.\n\
         \n\
         Source: Concord   Editor: Your Name\n",
        date.format("%Y-%m-%d")
    )
}

/// What `concord init` writes.
#[derive(Debug, Clone, Copy, Default)]
pub struct InitOptions {
    /// Add the missing files to a folder that is not empty (never replacing a file).
    pub force: bool,
    /// Write only `site.toml`: no example article.
    pub bare: bool,
    /// Also copy the built-in theme (templates and static files) into the site, to customise.
    /// Without it the site uses the theme built into the binary, and gets its fixes.
    pub theme: bool,
}

/// Writes a new site into `dir`: `site.toml`, and one example article unless `bare` or the
/// folder's `content/` already holds articles (an archive is never given an invented story),
/// and the theme's files only when asked. Refuses a folder that exists and is not empty,
/// unless `force`, and even then never overwrites an existing file.
/// Returns the files written, relative to `dir`.
pub fn init(dir: &Path, options: InitOptions, today: NaiveDate) -> Result<Vec<PathBuf>> {
    let refuse = |message: String| Error::Output {
        path: dir.to_path_buf(),
        message,
    };
    if dir.exists() {
        if !dir.is_dir() {
            return Err(refuse("exists and is not a folder".into()));
        }
        let empty = fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .next()
            .is_none();
        if !empty && !options.force {
            return Err(refuse(
                "is not empty; choose an empty folder, or pass --force to add the missing files (an archive's content/ is kept as it is)"
                    .into(),
            ));
        }
    }
    let mut files: Vec<(PathBuf, Vec<u8>)> =
        vec![(PathBuf::from("site.toml"), SITE_TOML.as_bytes().to_vec())];
    if !options.bare && !holds_articles(&dir.join("content")) {
        files.push((
            PathBuf::from(format!(
                "content/{}/joint-trade-office.txt",
                today.format("%Y/%m")
            )),
            example_article(today).into_bytes(),
        ));
    }
    if options.theme {
        files.extend(theme_files());
    }
    let mut written = Vec::new();
    for (rel, bytes) in files {
        if create_new(&dir.join(&rel), &bytes)? {
            written.push(rel);
        }
    }
    Ok(written)
}

/// The built-in theme as files: `templates/…` and `static/…`.
fn theme_files() -> impl Iterator<Item = (PathBuf, Vec<u8>)> {
    let templates = assets::TEMPLATES.iter().map(|(name, text)| {
        let copied = format!("{}{text}", assets::copied_template_line());
        (Path::new("templates").join(name), copied.into_bytes())
    });
    let statics = assets::STATIC
        .iter()
        .map(|(name, bytes)| (Path::new("static").join(name), bytes.to_vec()));
    templates.chain(statics)
}

/// Whether a content folder holds any article (`*.txt`, `*.md`) at any depth.
fn holds_articles(content: &Path) -> bool {
    walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(std::result::Result::ok)
        .any(|e| {
            e.file_type().is_file()
                && matches!(
                    e.path().extension().and_then(|x| x.to_str()),
                    Some("txt" | "md")
                )
        })
}

/// Writes `bytes` to a file that must not exist yet. Returns false if it already existed.
fn create_new(path: &Path, bytes: &[u8]) -> Result<bool> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut file) => {
            file.write_all(bytes).map_err(|e| Error::io(path, e))?;
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// What `concord new` needs to know.
#[derive(Debug, Clone)]
pub struct NewArticle<'a> {
    pub headline: &'a str,
    /// The file name to use, instead of one made from the headline.
    pub slug: Option<&'a str>,
    pub date: NaiveDate,
    pub source: Option<&'a str>,
    pub editor: Option<&'a str>,
}

/// Writes `content/YYYY/MM/<slug>.txt` in the native format below `root` and returns its path
/// relative to `root`. Refuses to overwrite a file.
pub fn new_article(root: &Path, article: &NewArticle) -> Result<PathBuf> {
    let headline = article
        .headline
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if headline.is_empty() {
        return Err(Error::Output {
            path: PathBuf::from("content"),
            message: "the headline is empty".to_string(),
        });
    }
    // A headline with no Latin letters (Chinese, say) is named by a stable hash, as build does.
    let slug = match article.slug {
        Some(given) => {
            let slug = crate::model::slugify(given);
            if slug.is_empty() {
                return Err(Error::Output {
                    path: PathBuf::from("content"),
                    message: format!("--slug {given:?} has no letters or digits a URL can use"),
                });
            }
            slug
        }
        None => slug_or_hash("article", &headline),
    };
    let rel = PathBuf::from(format!(
        "content/{}/{slug}.txt",
        article.date.format("%Y/%m")
    ));
    let trailer = match (article.source, article.editor) {
        (Some(s), Some(e)) => format!("Source: {s}   Editor: {e}"),
        (Some(s), None) => format!("Source: {s}"),
        (None, Some(e)) => format!("Editor: {e}"),
        (None, None) => "Source: (who published it)   Editor: (who edited it)".to_string(),
    };
    let text = format!(
        " date {} \n{headline}\n\nWrite the lead paragraph here: who did what, where and when.\n\nThen the rest of the article, one paragraph after each blank line.\n\n{trailer}\n",
        article.date.format("%Y-%m-%d")
    );
    if !create_new(&root.join(&rel), text.as_bytes())? {
        return Err(Error::Output {
            path: rel,
            message: "already exists; choose another headline or edit that file".into(),
        });
    }
    Ok(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 9).unwrap()
    }

    #[test]
    fn init_refuses_a_non_empty_folder_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        assert!(init(dir.path(), InitOptions::default(), day()).is_err());
        fs::write(dir.path().join("site.toml"), "title = \"Mine\"").unwrap();
        let force = InitOptions {
            force: true,
            theme: true,
            ..InitOptions::default()
        };
        let written = init(dir.path(), force, day()).unwrap();
        assert!(!written.contains(&PathBuf::from("site.toml")));
        assert_eq!(
            fs::read_to_string(dir.path().join("site.toml")).unwrap(),
            "title = \"Mine\""
        );
        assert!(dir.path().join("templates/base.html").is_file());
        assert!(
            dir.path()
                .join("content/2026/03/joint-trade-office.txt")
                .is_file()
        );
    }

    #[test]
    fn init_never_adds_an_example_to_an_archive_and_bare_writes_only_site_toml() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("content/2014/08")).unwrap();
        fs::write(
            dir.path().join("content/2014/08/real.txt"),
            "date 2014-08-01\nReal\n",
        )
        .unwrap();
        let force = InitOptions {
            force: true,
            ..InitOptions::default()
        };
        let written = init(dir.path(), force, day()).unwrap();
        assert_eq!(written, [PathBuf::from("site.toml")]);
        let fresh = tempfile::tempdir().unwrap();
        let bare = InitOptions {
            bare: true,
            ..InitOptions::default()
        };
        assert_eq!(
            init(fresh.path(), bare, day()).unwrap(),
            [PathBuf::from("site.toml")]
        );
        let site = crate::config::SiteConfig::parse(SITE_TOML).unwrap();
        assert!(site.extract.places.is_empty());
    }

    #[test]
    fn new_writes_a_native_article_once() {
        let dir = tempfile::tempdir().unwrap();
        let article = NewArticle {
            slug: None,
            headline: "  Ports sign  a pact ",
            date: day(),
            source: Some("Wire"),
            editor: None,
        };
        let rel = new_article(dir.path(), &article).unwrap();
        assert_eq!(rel, PathBuf::from("content/2026/03/ports-sign-a-pact.txt"));
        let text = fs::read_to_string(dir.path().join(&rel)).unwrap();
        assert!(text.starts_with(" date 2026-03-09 \nPorts sign a pact\n\n"));
        assert!(text.ends_with("Source: Wire\n"));
        assert!(new_article(dir.path(), &article).is_err());
        let blank = NewArticle {
            headline: "   ",
            ..article.clone()
        };
        assert!(new_article(dir.path(), &blank).is_err());
        let chinese = NewArticle {
            headline: "上海与香港加强合作",
            ..article.clone()
        };
        let rel = new_article(dir.path(), &chinese).unwrap();
        assert!(
            rel.to_string_lossy().contains("/article-"),
            "{}",
            rel.display()
        );
        let long = "Ports sign a pact ".repeat(20);
        let long = NewArticle {
            headline: &long,
            ..article
        };
        let rel = new_article(dir.path(), &long).unwrap();
        assert!(rel.file_name().unwrap().len() <= crate::model::MAX_SLUG + 4);
    }
}

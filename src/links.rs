//! Link check: every internal link, `src` and `#fragment` of a written site must resolve.
//!
//! Runs on the freshly written folder before it replaces the published one, so a site with a
//! broken link never goes out. Cost: linear in the size of the HTML (each page is scanned once
//! for its links and once for its ids).

use crate::config::BaseUrl;
use crate::paths::{lexical_normalise, slash_relative};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// One link that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The page holding the link, relative to the site folder.
    pub page: String,
    /// The link as written.
    pub target: String,
    pub why: String,
}

impl std::fmt::Display for BrokenLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} ({})", self.page, self.target, self.why)
    }
}

/// The values of one attribute (`href`, `src`, `id`) in the tags of an HTML text; text between
/// tags is skipped, so an escaped `src="x"` in an article is not a link.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open..open + close];
        for quote in ['"', '\''] {
            let needle = format!(" {name}={quote}");
            let mut t = tag;
            while let Some(i) = t.find(&needle) {
                t = &t[i + needle.len()..];
                if let Some(end) = t.find(quote) {
                    values.push(&t[..end]);
                    t = &t[end..];
                }
            }
        }
        rest = &rest[open + close..];
    }
    values
}

fn unescape(value: &str) -> String {
    html_escape::decode_html_entities(value).into_owned()
}

/// Every broken internal link of the site in `dir`, published at `base`.
/// What a link check looked at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Checked {
    pub pages: usize,
    /// `href` and `src` values checked.
    pub links: usize,
    /// Of those, the ones with a `#fragment`, checked against the target's ids.
    pub fragments: usize,
}

pub fn check(dir: &Path, base: &BaseUrl) -> Vec<BrokenLink> {
    check_counted(dir, base).0
}

/// [`check`], with what it looked at.
pub fn check_counted(dir: &Path, base: &BaseUrl) -> (Vec<BrokenLink>, Checked) {
    let links = std::sync::atomic::AtomicUsize::new(0);
    let fragments = std::sync::atomic::AtomicUsize::new(0);
    let pages: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect();
    let texts: HashMap<PathBuf, String> = pages
        .par_iter()
        .filter_map(|p| std::fs::read_to_string(p).ok().map(|t| (p.clone(), t)))
        .collect();
    let ids: HashMap<&PathBuf, HashSet<String>> = texts
        .iter()
        .map(|(p, t)| (p, attributes(t, "id").into_iter().map(unescape).collect()))
        .collect();
    let mut broken: Vec<BrokenLink> = pages
        .par_iter()
        .flat_map_iter(|page| {
            let text = texts.get(page).map(String::as_str).unwrap_or("");
            let rel_page = slash_relative(page, dir);
            let mut found = Vec::new();
            for raw in attributes(text, "href")
                .into_iter()
                .chain(attributes(text, "src"))
            {
                let link = unescape(raw);
                links.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if link.contains('#') {
                    fragments.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                if let Some(why) = resolve(dir, page, &link, base, &ids) {
                    found.push(BrokenLink {
                        page: rel_page.clone(),
                        target: link,
                        why,
                    });
                }
            }
            found
        })
        .collect();
    broken.sort_by(|a, b| (&a.page, &a.target).cmp(&(&b.page, &b.target)));
    let checked = Checked {
        pages: pages.len(),
        links: links.into_inner(),
        fragments: fragments.into_inner(),
    };
    (broken, checked)
}

/// Why `link` on `page` is broken, or `None` when it resolves (or leaves the site).
fn resolve(
    dir: &Path,
    page: &Path,
    link: &str,
    base: &BaseUrl,
    ids: &HashMap<&PathBuf, HashSet<String>>,
) -> Option<String> {
    let (path_part, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (link, None),
    };
    let path_part = path_part.split('?').next().unwrap_or("");
    let site_root = base.permalink("");
    let target: PathBuf = if path_part.is_empty() {
        page.to_path_buf()
    } else if let Some(rest) = path_part
        .strip_prefix(&site_root)
        .filter(|_| !base.origin.is_empty())
        .or_else(|| path_part.strip_prefix(&base.path))
    {
        dir.join(
            percent_encoding::percent_decode_str(rest)
                .decode_utf8_lossy()
                .as_ref(),
        )
    } else if path_part.contains(':') || path_part.starts_with("//") {
        return (path_part.starts_with("file:") || path_part.contains("localhost"))
            .then(|| "points at this machine".to_string());
    } else if path_part.starts_with('/') {
        return Some(format!("outside the site's base path {}", base.path));
    } else {
        let from = page.parent().unwrap_or(dir);
        lexical_normalise(
            &from.join(
                percent_encoding::percent_decode_str(path_part)
                    .decode_utf8_lossy()
                    .as_ref(),
            ),
        )
    };
    if !target.starts_with(dir) {
        return Some("outside the site".to_string());
    }
    let file = if target.is_dir() || path_part.ends_with('/') {
        target.join("index.html")
    } else {
        target
    };
    if !file.is_file() {
        return Some("no such file".to_string());
    }
    if let Some(fragment) = fragment.filter(|f| !f.is_empty())
        && file.extension().is_some_and(|x| x == "html")
        && !ids.get(&file).is_some_and(|set| set.contains(fragment))
    {
        return Some(format!("no element with id {fragment:?}"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        dir
    }

    #[test]
    fn finds_missing_pages_files_and_fragments() {
        let base = BaseUrl::parse("https://example.org/archive/").unwrap();
        let dir = site(&[
            (
                "index.html",
                r##"<a href="/archive/a/">a</a> <a href="/archive/b/">b</a> <img src="/archive/x.png">
                <a href="#main">skip</a><main id="main"></main><a href="a/#top">t</a>
                <a href="https://other.org/">ext</a><a href="/elsewhere/">out</a>
                <link rel="canonical" href="https://example.org/archive/"><a href="mailto:x@y">m</a>"##,
            ),
            (
                "a/index.html",
                r#"<a href="../">up</a><a href="../a/?q=1">self</a>"#,
            ),
        ]);
        let broken: Vec<String> = check(dir.path(), &base)
            .iter()
            .map(|b| b.target.clone())
            .collect();
        assert_eq!(
            broken,
            ["/archive/b/", "/archive/x.png", "/elsewhere/", "a/#top"]
        );
    }
}

//! Files for machines: Atom feeds, the sitemap and robots.txt.
//!
//! Cost: a feed holds at most `feed_limit` entries, each with at most [`ENTRY_CATEGORIES`]
//! categories, so all feeds together are O(organisations · feed_limit); the sitemap is one line
//! per page, split into files of 50,000 as the protocol asks.

use crate::config::BaseUrl;
use crate::index::Archive;
use chrono::NaiveDate;
use serde::Serialize;

/// `feed` in `atom.xml`.
#[derive(Serialize)]
pub struct FeedView<'a> {
    pub title: String,
    /// Absolute URL of the feed itself; also its id.
    pub self_url: String,
    /// Absolute URL of the page the feed follows.
    pub page_url: String,
    /// The newest entry's date (never the build time, so unchanged content gives the same file).
    pub updated: String,
    pub entries: Vec<FeedEntry<'a>>,
}

/// One entry of an Atom feed.
#[derive(Serialize)]
pub struct FeedEntry<'a> {
    pub title: &'a str,
    /// Absolute URL; also the entry's id, stable for as long as the article keeps its date and slug.
    pub url: String,
    pub updated: String,
    pub summary: &'a str,
    pub source: Option<&'a str>,
    /// The article's author, when a byline or the front matter names one.
    pub author: Option<&'a str>,
    /// The first [`ENTRY_CATEGORIES`] of the article's organisations.
    pub organisations: Vec<&'a str>,
}

/// The most organisations an entry lists as its categories (the first ones, in the article's
/// order; its page lists them all). News names a few to a few dozen: the cap bounds a feed's
/// size when one article names thousands, each of which has a feed with that entry.
pub const ENTRY_CATEGORIES: usize = 20;

/// An RFC 3339 timestamp for a date: midnight UTC.
pub fn timestamp(date: NaiveDate) -> String {
    date.format("%Y-%m-%dT00:00:00Z").to_string()
}

/// The feed of the first `limit` of `articles` (indexes, newest first).
pub fn feed_view<'a>(
    archive: &'a Archive,
    articles: &[usize],
    limit: usize,
    title: String,
    page_rel: &str,
    feed_rel: &str,
    base: &BaseUrl,
) -> FeedView<'a> {
    let entries: Vec<FeedEntry<'a>> = articles
        .iter()
        .take(limit)
        .map(|&i| {
            let a = &archive.articles[i];
            FeedEntry {
                title: &a.title,
                url: base.permalink(&a.relative_url()),
                updated: timestamp(a.date),
                summary: &a.summary,
                source: a.source.as_deref(),
                author: a.author.as_deref(),
                organisations: a
                    .tags
                    .organisations
                    .iter()
                    .take(ENTRY_CATEGORIES)
                    .map(|m| archive.organisations[m.id].name.as_str())
                    .collect(),
            }
        })
        .collect();
    let updated = articles
        .first()
        .map(|&i| timestamp(archive.articles[i].date))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    FeedView {
        title,
        self_url: base.permalink(feed_rel),
        page_url: base.permalink(page_rel),
        updated,
        entries,
    }
}

/// A page for the sitemap: its path below the base and when it last changed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SitemapEntry {
    pub rel_url: String,
    pub lastmod: Option<NaiveDate>,
}

/// The sitemap protocol's limit of URLs per file.
pub const SITEMAP_LIMIT: usize = 50_000;

/// `sitemap` in `sitemap.xml`: the pages of one file (`urls`), or, for the index of a site of
/// more than [`SITEMAP_LIMIT`] pages, the files it names (`files`).
#[derive(Serialize, Debug, Default, PartialEq, Eq)]
pub struct SitemapView {
    pub urls: Vec<SitemapUrl>,
    pub files: Vec<String>,
}

/// One page of a sitemap: its absolute URL and the date it last changed.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct SitemapUrl {
    pub loc: String,
    pub lastmod: Option<String>,
}

/// The sitemap files: `sitemap.xml`, and when there are more than [`SITEMAP_LIMIT`] pages, the
/// numbered files it indexes (`sitemap-1.xml`, …), each rendered from the `sitemap.xml` template.
/// Entries are sorted so the files are byte-identical build to build.
pub fn sitemaps(mut entries: Vec<SitemapEntry>, base: &BaseUrl) -> Vec<(String, SitemapView)> {
    entries.sort();
    let urlset = |chunk: &[SitemapEntry]| SitemapView {
        urls: chunk
            .iter()
            .map(|e| SitemapUrl {
                loc: base.permalink(&e.rel_url),
                lastmod: e.lastmod.map(|d| d.format("%Y-%m-%d").to_string()),
            })
            .collect(),
        files: Vec::new(),
    };
    if entries.len() <= SITEMAP_LIMIT {
        return vec![("sitemap.xml".to_string(), urlset(&entries))];
    }
    let mut files = Vec::new();
    let mut index = SitemapView::default();
    for (n, chunk) in entries.chunks(SITEMAP_LIMIT).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        index.files.push(base.permalink(&name));
        files.push((name, urlset(chunk)));
    }
    files.push(("sitemap.xml".to_string(), index));
    files
}

/// `robots.txt`: everything may be crawled; the sitemap is named.
pub fn robots(base: &BaseUrl) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        base.permalink("sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> BaseUrl {
        BaseUrl::parse("https://example.org/news/").unwrap()
    }

    /// The sitemap files as the default theme's `sitemap.xml` template writes them.
    fn rendered(entries: Vec<SitemapEntry>) -> Vec<(String, String)> {
        let sources = crate::assets::TEMPLATES
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        let tera = super::super::templates_from(&sources).unwrap();
        sitemaps(entries, &base())
            .into_iter()
            .map(|(name, view)| {
                let mut context = tera::Context::new();
                context.insert("sitemap", &view);
                (name, tera.render("sitemap.xml", &context).unwrap())
            })
            .collect()
    }

    #[test]
    fn sitemap_is_sorted_absolute_and_escaped() {
        let entries = vec![
            SitemapEntry {
                rel_url: "b/".into(),
                lastmod: None,
            },
            SitemapEntry {
                rel_url: "a&b/".into(),
                lastmod: NaiveDate::from_ymd_opt(2023, 10, 20),
            },
        ];
        let files = rendered(entries);
        assert_eq!(files.len(), 1);
        let xml = &files[0].1;
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset "));
        assert!(xml.ends_with("</url>\n</urlset>\n"), "{xml}");
        let a = xml.find("https://example.org/news/a&amp;b/").unwrap();
        let b = xml.find("https://example.org/news/b/").unwrap();
        assert!(a < b);
        assert!(xml.contains("<lastmod>2023-10-20</lastmod>"));
    }

    #[test]
    fn large_sitemaps_are_split_under_an_index() {
        let entries = (0..SITEMAP_LIMIT + 1)
            .map(|n| SitemapEntry {
                rel_url: format!("{n}/"),
                lastmod: None,
            })
            .collect();
        let files = rendered(entries);
        let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(names, ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]);
        assert!(files[2].1.contains("<sitemapindex"));
        assert!(
            files[2]
                .1
                .contains("https://example.org/news/sitemap-2.xml")
        );
        assert_eq!(files[1].1.matches("<url>").count(), 1);
        assert!(
            files[2].1.ends_with("</sitemap>\n</sitemapindex>\n"),
            "{}",
            files[2].1
        );
    }

    #[test]
    fn robots_names_the_sitemap() {
        assert!(robots(&base()).contains("Sitemap: https://example.org/news/sitemap.xml"));
    }
}

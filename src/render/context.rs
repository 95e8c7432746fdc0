//! Borrowed, serialisable views of the model: what templates see.

use crate::config::{BaseUrl, SiteConfig};
use crate::index::Archive;
use crate::model::{Article, Organisation};
use serde::Serialize;

/// `site` in every template.
#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    /// Absolute URL of the home page.
    pub url: String,
    /// Root-relative path of the home page (`/` or `/archive/`); prefix for every link.
    pub base_path: &'a str,
}

impl<'a> SiteView<'a> {
    pub fn new(config: &'a SiteConfig, base: &'a BaseUrl) -> Self {
        SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            url: base.permalink(""),
            base_path: &base.path,
        }
    }
}

/// A link to an organisation.
#[derive(Serialize, Clone)]
pub struct OrganisationLink<'a> {
    pub name: &'a str,
    pub url: String,
}

/// An article as listings show it.
#[derive(Serialize, Clone)]
pub struct ArticleSummary<'a> {
    pub title: &'a str,
    pub url: String,
    /// `2023-10-20`, for `datetime` attributes.
    pub date: String,
    /// `20 October 2023`, for readers.
    pub date_display: String,
    pub summary: &'a str,
    pub source: Option<&'a str>,
    /// At most [`LISTED_ORGANISATIONS`]: listings stay small however many an article names.
    pub organisations: Vec<OrganisationLink<'a>>,
    /// How many organisations the listing leaves out.
    pub more_organisations: usize,
}

/// Organisations shown with an article in listings (the article page shows all of them).
/// Without this cap, an article naming k organisations makes each of their k pages list k
/// links: O(k²).
pub const LISTED_ORGANISATIONS: usize = 8;

/// Links to an article's organisations, the first `limit` of them.
pub fn organisation_links<'a>(
    article: &'a Article,
    archive: &'a Archive,
    base: &BaseUrl,
    limit: usize,
) -> Vec<OrganisationLink<'a>> {
    article
        .organisations
        .iter()
        .take(limit)
        .map(|m| {
            let org = &archive.organisations[m.id];
            OrganisationLink {
                name: &org.name,
                url: base.link(&org.relative_url()),
            }
        })
        .collect()
}

impl<'a> ArticleSummary<'a> {
    pub fn new(article: &'a Article, archive: &'a Archive, base: &BaseUrl) -> Self {
        ArticleSummary {
            title: &article.title,
            url: base.link(&article.relative_url()),
            date: article.date.format("%Y-%m-%d").to_string(),
            date_display: article.date.format("%-d %B %Y").to_string(),
            summary: &article.summary,
            source: article.source.as_deref(),
            organisations: organisation_links(article, archive, base, LISTED_ORGANISATIONS),
            more_organisations: article
                .organisations
                .len()
                .saturating_sub(LISTED_ORGANISATIONS),
        }
    }
}

/// `article` on an article page: the summary fields and the full text.
#[derive(Serialize)]
pub struct ArticleView<'a> {
    #[serde(flatten)]
    pub summary: ArticleSummary<'a>,
    /// Every organisation (the summary's list is capped).
    pub all_organisations: Vec<OrganisationLink<'a>>,
    pub editor: Option<&'a str>,
    pub caption: Option<&'a str>,
    pub body_html: &'a str,
    pub word_count: usize,
    pub reading_minutes: usize,
}

/// Page navigation for a paginated listing.
#[derive(Serialize)]
pub struct Pager {
    pub current: usize,
    pub total: usize,
    pub previous_url: Option<String>,
    pub next_url: Option<String>,
}

/// An organisation, as the list of organisations and its own page show it.
#[derive(Serialize)]
pub struct OrganisationView<'a> {
    pub name: &'a str,
    pub aliases: &'a [String],
    pub url: String,
    pub count: usize,
}

impl<'a> OrganisationView<'a> {
    pub fn new(org: &'a Organisation, count: usize, base: &BaseUrl) -> Self {
        OrganisationView {
            name: &org.name,
            aliases: &org.aliases,
            url: base.link(&org.relative_url()),
            count,
        }
    }
}

//! Borrowed, serialisable views of the model: what templates see.

use crate::config::{BaseUrl, SiteConfig};
use crate::index::{Archive, Term};
use crate::model::{Article, Organisation, TaggedArticle};
use chrono::NaiveDate;
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
    /// Root-relative URL of the site-wide Atom feed.
    pub feed_url: String,
    /// Whether the site has a search index (`[search] enabled`).
    pub search: bool,
}

impl<'a> SiteView<'a> {
    pub fn new(config: &'a SiteConfig, base: &'a BaseUrl) -> Self {
        SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            url: base.permalink(""),
            base_path: &base.path,
            feed_url: base.link("feed.xml"),
            search: config.search.enabled,
        }
    }
}

/// A named link: an organisation, a place, a pair of partners, an article.
#[derive(Serialize, Clone)]
pub struct Link<'a> {
    pub name: &'a str,
    pub url: String,
}

/// A person named in an article, with the role that article gives.
#[derive(Serialize)]
pub struct PersonLink<'a> {
    pub name: &'a str,
    pub role: Option<&'a str>,
    pub url: String,
}

/// A date as templates need it: `2023-10-20` for `datetime`, `20 October 2023` for readers.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct DateView {
    pub iso: String,
    pub display: String,
}

/// English month names, for dates shown to readers.
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl DateView {
    /// Formatted by hand: this runs for every summary of every listing, and chrono's general
    /// formatter measured as a few per cent of a build.
    pub fn new(date: NaiveDate) -> Self {
        use chrono::Datelike;
        let (y, m, d) = (date.year(), date.month(), date.day());
        DateView {
            iso: format!("{y:04}-{m:02}-{d:02}"),
            display: format!("{d} {} {y}", MONTH_NAMES[date.month0() as usize]),
        }
    }
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
    pub organisations: Vec<Link<'a>>,
    /// How many organisations the listing leaves out.
    pub more_organisations: usize,
    /// A draft (shown only by `serve` and `build --drafts`): marked as such.
    pub draft: bool,
    /// The id of the place where a year (or month) of a timeline's listing starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
}

/// Organisations shown with an article in listings (the article page shows all of them).
/// Without this cap, an article naming k organisations makes each of their k pages list k
/// links: O(k²).
pub const LISTED_ORGANISATIONS: usize = 8;

/// Related articles shown on an article page.
pub const RELATED_ARTICLES: usize = 5;

/// Links to an article's organisations, the first `limit` of them: those it is about, or (with
/// `credited`) those it only credits as a source ("told Reuters", "(Xinhua)").
pub fn organisation_links<'a>(
    article: &'a TaggedArticle,
    archive: &'a Archive,
    base: &BaseUrl,
    limit: usize,
    credited: bool,
) -> Vec<Link<'a>> {
    article
        .tags
        .organisations
        .iter()
        .filter(|m| m.credit == credited)
        .take(limit)
        .map(|m| {
            let org = &archive.organisations[m.id];
            Link {
                name: &org.name,
                url: base.link(&org.relative_url()),
            }
        })
        .collect()
}

impl<'a> ArticleSummary<'a> {
    /// Without organisations: for lists that show only titles and dates (related articles).
    pub fn brief(article: &'a Article, base: &BaseUrl) -> Self {
        let date = DateView::new(article.date);
        ArticleSummary {
            title: &article.title,
            url: base.link(&article.relative_url()),
            date: date.iso,
            date_display: date.display,
            summary: &article.summary,
            source: article.source.as_deref(),
            organisations: Vec::new(),
            more_organisations: 0,
            draft: article.draft,
            anchor: None,
        }
    }

    pub fn new(article: &'a TaggedArticle, archive: &'a Archive, base: &BaseUrl) -> Self {
        ArticleSummary {
            organisations: organisation_links(article, archive, base, LISTED_ORGANISATIONS, false),
            more_organisations: article
                .tags
                .organisations
                .iter()
                .filter(|m| !m.credit)
                .count()
                .saturating_sub(LISTED_ORGANISATIONS),
            ..ArticleSummary::brief(article, base)
        }
    }
}

/// Where an article sits in the date archive, for its breadcrumbs.
#[derive(Serialize)]
pub struct Breadcrumbs {
    pub year: String,
    pub year_url: String,
    /// `October 2023`.
    pub month: String,
    pub month_url: String,
}

/// `article` on an article page: the summary fields, the full text and its neighbours.
#[derive(Serialize)]
pub struct ArticleView<'a> {
    #[serde(flatten)]
    pub summary: ArticleSummary<'a>,
    /// Every organisation it is about (the summary's list is capped).
    pub all_organisations: Vec<Link<'a>>,
    /// The organisations it only credits as a source: who reported it, not what it is about.
    pub credits: Vec<Link<'a>>,
    pub places: Vec<Link<'a>>,
    pub partners: Option<Link<'a>>,
    pub people: Vec<PersonLink<'a>>,
    pub editor: Option<&'a str>,
    /// Who wrote it (a byline, or the front matter's `author`).
    pub author: Option<&'a str>,
    /// Where it was filed (a dateline).
    pub dateline: Option<&'a str>,
    pub caption: Option<&'a str>,
    pub body_html: std::borrow::Cow<'a, str>,
    pub word_count: usize,
    pub reading_minutes: usize,
    pub breadcrumbs: Breadcrumbs,
    /// The next older article.
    pub previous: Option<Link<'a>>,
    /// The next newer article.
    pub next: Option<Link<'a>>,
    pub related: Vec<ArticleSummary<'a>>,
}

impl<'a> ArticleView<'a> {
    /// The view of `archive.articles[i]`.
    pub fn new(archive: &'a Archive, i: usize, base: &BaseUrl) -> Self {
        let article = &archive.articles[i];
        let filed = &archive.terms[i];
        let link = |a: &'a Article| Link {
            name: &a.title,
            url: base.link(&a.relative_url()),
        };
        let year = article.date.format("%Y").to_string();
        let month_path = article.date.format("%Y/%m").to_string();
        ArticleView {
            summary: ArticleSummary::new(article, archive, base),
            all_organisations: organisation_links(article, archive, base, usize::MAX, false),
            credits: organisation_links(article, archive, base, usize::MAX, true),
            places: article
                .tags
                .places
                .iter()
                .zip(&filed.places)
                .map(|(p, &t)| Link {
                    name: &p.name,
                    url: base.link(&format!("places/{}/", archive.places.terms[t].slug)),
                })
                .collect(),
            partners: filed.partners.map(|t| {
                let term = &archive.partners.terms[t];
                Link {
                    name: &term.name,
                    url: base.link(&format!("partners/{}/", term.slug)),
                }
            }),
            people: article
                .tags
                .people
                .iter()
                .zip(&filed.people)
                .map(|(p, &t)| PersonLink {
                    name: &p.name,
                    role: p.role.as_deref(),
                    url: base.link(&format!("people/{}/", archive.people.terms[t].slug)),
                })
                .collect(),
            editor: article.editor.as_deref(),
            author: article.author.as_deref(),
            dateline: article.dateline.as_deref(),
            caption: article.caption.as_deref(),
            body_html: article.body_html(),
            word_count: article.word_count,
            reading_minutes: article.reading_minutes(),
            breadcrumbs: Breadcrumbs {
                year_url: base.link(&format!("archive/{year}/")),
                year,
                month: article.date.format("%B %Y").to_string(),
                month_url: base.link(&format!("archive/{month_path}/")),
            },
            previous: archive.articles.get(i + 1).map(|a| link(a)),
            next: i.checked_sub(1).map(|j| link(&archive.articles[j])),
            related: archive
                .related(i, RELATED_ARTICLES)
                .into_iter()
                .map(|j| ArticleSummary::brief(&archive.articles[j], base))
                .collect(),
        }
    }
}

/// Page navigation for a paginated listing.
#[derive(Serialize)]
pub struct Pager {
    pub current: usize,
    pub total: usize,
    pub previous_url: Option<String>,
    pub next_url: Option<String>,
}

/// A term (organisation, place, pair of partners, person) as its own page and the list of all
/// terms of its kind show it.
#[derive(Serialize)]
pub struct TermView<'a> {
    pub name: &'a str,
    pub url: String,
    pub count: usize,
    /// Other names of an organisation.
    pub aliases: &'a [String],
    /// A person's latest role.
    pub role: Option<&'a str>,
    /// Root-relative URL of the term's own Atom feed (organisations have one).
    pub feed_url: Option<String>,
    /// An organisation's index in the archive's table.
    #[serde(skip)]
    pub org: Option<usize>,
}

impl<'a> TermView<'a> {
    pub fn organisation(org: &'a Organisation, count: usize, base: &BaseUrl) -> Self {
        let url = org.relative_url();
        TermView {
            name: &org.name,
            feed_url: Some(base.link(&format!("{url}feed.xml"))),
            url: base.link(&url),
            count,
            aliases: &org.aliases,
            role: None,
            org: None,
        }
    }

    /// A place, pair of partners or person living under `dir` (`places/`).
    pub fn term(term: &'a Term, dir: &str, base: &BaseUrl) -> Self {
        TermView {
            name: &term.name,
            url: base.link(&format!("{dir}{}/", term.slug)),
            count: term.articles.len(),
            aliases: &[],
            role: term.role.as_deref(),
            feed_url: None,
            org: None,
        }
    }
}

/// What a list of terms is, for `taxonomy.html` and `term.html`.
#[derive(Serialize, Clone, Copy)]
pub struct Kind {
    /// `Organisations`.
    pub title: &'static str,
    /// `organisation`.
    pub singular: &'static str,
    /// Root-relative folder below the base: `organisations/`.
    pub dir: &'static str,
    /// One sentence under the list's heading.
    pub intro: &'static str,
    /// The search index's filter for one of these ([`crate::search::record`]).
    pub filter: &'static str,
}

pub const ORGANISATIONS: Kind = Kind {
    title: "Organisations",
    singular: "organisation",
    dir: "organisations/",
    intro: "Organisations the articles are about, found in the text.",
    filter: "organisation",
};
pub const PLACES: Kind = Kind {
    title: "Places",
    singular: "place",
    dir: "places/",
    intro: "Cities, regions and countries the articles name.",
    filter: "place",
};
pub const PARTNERS: Kind = Kind {
    title: "Partners",
    singular: "pair of partners",
    dir: "partners/",
    intro: "Pairs of places cooperating with each other.",
    filter: "partners",
};
pub const PEOPLE: Kind = Kind {
    title: "People",
    singular: "person",
    dir: "people/",
    intro: "People named in the articles, with their latest role.",
    filter: "person",
};

/// A year or month of the date archive, as `archive.html` lists it.
#[derive(Serialize)]
pub struct PeriodLink {
    pub name: String,
    pub url: String,
    pub count: usize,
}

/// A year with its months, for `archive.html`.
#[derive(Serialize)]
pub struct YearView {
    #[serde(flatten)]
    pub year: PeriodLink,
    pub months: Vec<PeriodLink>,
}

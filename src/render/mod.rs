//! Render stage: the archive → every output file, handed one by one to a sink (the writer), so
//! the whole site is never held in memory. Never touches the disk itself.
//!
//! Cost, for n articles: each article page is rendered once, with O(1) related-article work
//! (see [`Archive::related`]); each listing page serialises only its own slice of summaries, so
//! every paginated listing (home, organisations, places, partners, people, years, months) is
//! linear in the articles it lists and all of them together in the mentions; feeds hold at most
//! `feed_limit` entries; the search index and sitemap are one line per article or page.

pub mod context;
pub mod feeds;

use crate::assets;
use crate::config::{BaseUrl, SiteConfig};
use crate::error::{Error, Result};
use crate::index::Archive;
use context::{
    ArticleSummary, ArticleView, Kind, Pager, PeriodLink, SearchEntry, SiteView, TermView, YearView,
};
use feeds::SitemapEntry;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use tera::{Context, Tera};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Relative to the output folder, `/`-separated.
    pub rel_path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go, as soon as each is ready; called from many threads.
pub type Sink<'a> = &'a (dyn Fn(Output) -> Result<()> + Sync);

/// Loads the embedded templates, then the site's `templates/` on top (same name replaces).
pub fn load_templates(site_templates: &Path) -> Result<Tera> {
    let mut sources: BTreeMap<String, String> = assets::TEMPLATES
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    if site_templates.is_dir() {
        for entry in walkdir::WalkDir::new(site_templates).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::Template {
                name: site_templates.display().to_string(),
                message: e.to_string(),
            })?;
            if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.')
            {
                continue;
            }
            let rel = crate::paths::slash_relative(entry.path(), site_templates);
            let text =
                std::fs::read_to_string(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            sources.insert(rel, text);
        }
    }
    let mut tera = Tera::new();
    tera.add_raw_templates(sources.iter())
        .map_err(|e| Error::Template {
            name: "templates/".to_string(),
            message: e.to_string(),
        })?;
    Ok(tera)
}

/// What every page of one render shares.
struct Renderer<'a> {
    tera: &'a Tera,
    archive: &'a Archive,
    base: &'a BaseUrl,
    config: &'a SiteConfig,
    base_context: Context,
    sink: Sink<'a>,
    /// Every HTML page written, for the sitemap.
    sitemap: Mutex<Vec<SitemapEntry>>,
}

/// The date of the newest of `articles` (indexes, newest first).
fn newest(archive: &Archive, articles: &[usize]) -> Option<chrono::NaiveDate> {
    articles.first().map(|&i| archive.articles[i].date)
}

impl Renderer<'_> {
    fn render(&self, template: &str, rel_path: String, context: Context) -> Result<()> {
        let mut full = self.base_context.clone();
        full.extend(context);
        let text = self
            .tera
            .render(template, &full)
            .map_err(|e| Error::Template {
                name: template.to_string(),
                message: format!("{e} (while rendering {rel_path})"),
            })?;
        (self.sink)(Output {
            rel_path,
            bytes: text.into_bytes(),
        })
    }

    /// Renders an HTML page at `rel_url` (`""`, `2023/10/x/`) and lists it in the sitemap.
    fn page(
        &self,
        template: &str,
        rel_url: &str,
        title: &str,
        lastmod: Option<chrono::NaiveDate>,
        mut context: Context,
    ) -> Result<()> {
        context.insert("page_title", title);
        context.insert("canonical", &self.base.permalink(rel_url));
        self.render(template, format!("{rel_url}index.html"), context)?;
        self.sitemap
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(SitemapEntry {
                rel_url: rel_url.to_string(),
                lastmod,
            });
        Ok(())
    }

    /// A listing of `items` (article indexes, newest first) split into pages under `dir` (`""`
    /// or `organisations/x/`): `dir/index.html`, `dir/page/2/index.html`, …
    /// O(items): each page serialises only its own slice.
    fn listing(
        &self,
        template: &str,
        dir: &str,
        title: &str,
        items: &[usize],
        extra: &Context,
    ) -> Result<()> {
        let per_page = self.config.paginate_by;
        let total = items.len().div_ceil(per_page).max(1);
        let page_dir = |n: usize| {
            if n == 1 {
                dir.to_string()
            } else {
                format!("{dir}page/{n}/")
            }
        };
        let lastmod = newest(self.archive, items);
        (1..=total).into_par_iter().try_for_each(|n| {
            let start = (n - 1) * per_page;
            let slice = &items[start.min(items.len())..(start + per_page).min(items.len())];
            // Built per page, not kept for the whole build: holding every summary at once
            // costs more memory (~58 MiB at 100,000 articles) than rebuilding them costs time.
            let summaries: Vec<ArticleSummary> = slice
                .iter()
                .map(|&i| ArticleSummary::new(&self.archive.articles[i], self.archive, self.base))
                .collect();
            let page_title = if n == 1 {
                title.to_string()
            } else {
                format!("{title} (page {n} of {total})")
            };
            let mut context = extra.clone();
            context.insert("articles", &summaries);
            context.insert(
                "pager",
                &Pager {
                    current: n,
                    total,
                    previous_url: (n > 1).then(|| self.base.link(&page_dir(n - 1))),
                    next_url: (n < total).then(|| self.base.link(&page_dir(n + 1))),
                },
            );
            self.page(template, &page_dir(n), &page_title, lastmod, context)
        })
    }

    /// The Atom feed of `items` at `feed_rel`, following the page at `page_rel`.
    fn feed(&self, title: String, items: &[usize], page_rel: &str, feed_rel: &str) -> Result<()> {
        let view = feeds::feed_view(
            self.archive,
            items,
            self.config.feed_limit,
            title,
            page_rel,
            feed_rel,
            self.base,
        );
        let mut context = Context::new();
        context.insert("feed", &view);
        self.render("atom.xml", feed_rel.to_string(), context)
    }

    /// The list of all terms of a kind, and a paginated page for each term.
    fn taxonomy(&self, kind: Kind, terms: &[(TermView, &[usize])]) -> Result<()> {
        let lastmod = self.archive.articles.first().map(|a| a.date);
        let mut context = Context::new();
        context.insert("kind", &kind);
        let views: Vec<&TermView> = terms.iter().map(|(v, _)| v).collect();
        context.insert("terms", &views);
        self.page("taxonomy.html", kind.dir, kind.title, lastmod, context)?;
        terms.par_iter().try_for_each(|(view, items)| {
            let mut extra = Context::new();
            extra.insert("kind", &kind);
            extra.insert("term", view);
            let dir = &view.url[self.base.path.len()..];
            self.listing("term.html", dir, view.name, items, &extra)
        })
    }

    fn article(&self, i: usize) -> Result<()> {
        let article = &self.archive.articles[i];
        let mut context = Context::new();
        context.insert("article", &ArticleView::new(self.archive, i, self.base));
        self.page(
            "article.html",
            &article.relative_url(),
            &article.title,
            Some(article.date),
            context,
        )
    }

    /// `archive/`, and a listing for every year and month.
    fn date_archive(&self) -> Result<()> {
        let archive = self.archive;
        let all: Vec<usize> = (0..archive.articles.len()).collect();
        let month_name = |year: i32, month: u32| {
            chrono::NaiveDate::from_ymd_opt(year, month, 1)
                .map(|d| d.format("%B %Y").to_string())
                .unwrap_or_default()
        };
        let years: Vec<YearView> = archive
            .years
            .iter()
            .map(|y| YearView {
                year: PeriodLink {
                    name: y.year.to_string(),
                    url: self.base.link(&format!("archive/{}/", y.year)),
                    count: y.articles.len(),
                },
                months: y
                    .months
                    .iter()
                    .map(|(m, range)| PeriodLink {
                        name: month_name(y.year, *m),
                        url: self.base.link(&format!("archive/{}/{m:02}/", y.year)),
                        count: range.len(),
                    })
                    .collect(),
            })
            .collect();
        let mut context = Context::new();
        context.insert("years", &years);
        self.page(
            "archive.html",
            "archive/",
            "Archive",
            newest(archive, &all),
            context,
        )?;
        years
            .par_iter()
            .zip(&archive.years)
            .try_for_each(|(view, y)| {
                let mut extra = Context::new();
                extra.insert("heading", &view.year.name);
                extra.insert("periods", &view.months);
                let dir = format!("archive/{}/", y.year);
                self.listing(
                    "period.html",
                    &dir,
                    &view.year.name,
                    &all[y.articles.clone()],
                    &extra,
                )?;
                view.months
                    .par_iter()
                    .zip(&y.months)
                    .try_for_each(|(month, (m, range))| {
                        let mut extra = Context::new();
                        extra.insert("heading", &month.name);
                        extra.insert("year", &view.year);
                        let dir = format!("archive/{}/{m:02}/", y.year);
                        self.listing(
                            "period.html",
                            &dir,
                            &month.name,
                            &all[range.clone()],
                            &extra,
                        )
                    })
            })
    }

    /// `search/index.json` and the page that reads it.
    fn search(&self) -> Result<()> {
        let archive = self.archive;
        let full_text = self.config.search.full_text;
        let entries: Vec<SearchEntry> = archive
            .articles
            .iter()
            .map(|a| SearchEntry {
                t: &a.title,
                d: a.date.format("%Y-%m-%d").to_string(),
                u: self.base.link(&a.relative_url()),
                s: &a.summary,
                o: a.organisations
                    .iter()
                    .map(|m| archive.organisations[m.id].name.as_str())
                    .collect(),
                p: a.partners
                    .as_ref()
                    .map(|(x, y)| crate::index::partners_name(x, y)),
                x: full_text.then_some(a.text.as_str()),
            })
            .collect();
        let json = serde_json::to_vec(&entries).map_err(|e| Error::Template {
            name: "search/index.json".into(),
            message: e.to_string(),
        })?;
        (self.sink)(Output {
            rel_path: "search/index.json".into(),
            bytes: json,
        })?;
        let mut context = Context::new();
        context.insert("search_index_url", &self.base.link("search/index.json"));
        context.insert(
            "years",
            &archive.years.iter().map(|y| y.year).collect::<Vec<_>>(),
        );
        self.page("search.html", "search/", "Search", None, context)
    }
}

/// Renders the whole site into `sink`: listings, articles, organisations, places, partners,
/// people, date archives, feeds, search, sitemap, robots.txt and 404.
pub fn render_site(
    tera: &Tera,
    archive: &Archive,
    config: &SiteConfig,
    base: &BaseUrl,
    sink: Sink,
) -> Result<()> {
    let mut base_context = Context::new();
    base_context.insert("site", &SiteView::new(config, base));
    let r = Renderer {
        tera,
        archive,
        base,
        config,
        base_context,
        sink,
        sitemap: Mutex::new(Vec::new()),
    };
    let all: Vec<usize> = (0..archive.articles.len()).collect();
    r.listing("index.html", "", &config.title, &all, &Context::new())?;
    r.feed(config.title.clone(), &all, "", "feed.xml")?;
    (0..archive.articles.len())
        .into_par_iter()
        .try_for_each(|i| r.article(i))?;

    let organisations: Vec<(TermView, &[usize])> = archive
        .organisations
        .iter()
        .zip(&archive.by_organisation)
        .filter(|(_, items)| !items.is_empty())
        .map(|(org, items)| {
            (
                TermView::organisation(org, items.len(), base),
                items.as_slice(),
            )
        })
        .collect();
    r.taxonomy(context::ORGANISATIONS, &organisations)?;
    archive
        .organisations
        .par_iter()
        .zip(&archive.by_organisation)
        .filter(|(_, items)| !items.is_empty())
        .try_for_each(|(org, items)| {
            let dir = org.relative_url();
            r.feed(
                format!("{} · {}", org.name, config.title),
                items,
                &dir,
                &format!("{dir}feed.xml"),
            )
        })?;
    for (kind, taxonomy) in [
        (context::PLACES, &archive.places),
        (context::PARTNERS, &archive.partners),
        (context::PEOPLE, &archive.people),
    ] {
        let terms: Vec<(TermView, &[usize])> = taxonomy
            .terms
            .iter()
            .map(|t| (TermView::term(t, kind.dir, base), t.articles.as_slice()))
            .collect();
        r.taxonomy(kind, &terms)?;
    }
    r.date_archive()?;
    r.search()?;

    let mut context = Context::new();
    context.insert("page_title", "Page not found");
    context.insert("canonical", &base.permalink("404.html"));
    r.render("404.html", "404.html".into(), context)?;

    let entries = r
        .sitemap
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for (name, xml) in feeds::sitemaps(entries, base) {
        sink(Output {
            rel_path: name,
            bytes: xml.into_bytes(),
        })?;
    }
    sink(Output {
        rel_path: "robots.txt".into(),
        bytes: feeds::robots(base).into_bytes(),
    })
}

/// Renders the whole site into memory: for tests and tools that want every file at once.
pub fn render_to_vec(
    tera: &Tera,
    archive: &Archive,
    config: &SiteConfig,
    base: &BaseUrl,
) -> Result<Vec<Output>> {
    let outputs = Mutex::new(Vec::new());
    render_site(tera, archive, config, base, &|o| {
        outputs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(o);
        Ok(())
    })?;
    let mut outputs = outputs
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    outputs.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    Ok(outputs)
}

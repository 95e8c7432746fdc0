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
pub mod views;

use crate::assets;
use crate::config::{BaseUrl, SiteConfig};
use crate::error::{Error, Result};
use crate::index::Archive;
use context::{ArticleSummary, ArticleView, Kind, Pager, PeriodLink, SiteView, TermView, YearView};
use feeds::SitemapEntry;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use tera::{Context, Tera};

pub use crate::model::{Output, Sink};

/// The embedded templates' sources with the site's `templates/` on top (same name replaces).
pub fn template_sources(site_templates: &Path) -> Result<BTreeMap<String, String>> {
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
    Ok(sources)
}

/// Parses templates (by name).
pub fn templates_from(sources: &BTreeMap<String, String>) -> Result<Tera> {
    let mut tera = Tera::new();
    tera.add_raw_templates(sources.iter())
        .map_err(|e| Error::Template {
            name: "templates/".to_string(),
            message: e.to_string(),
        })?;
    Ok(tera)
}

/// What changed between two archives of the same layout (see [`Archive::same_layout`]), so a
/// rebuild renders only the pages that show a changed article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Articles (indexes into the new archive) whose own page must be rendered again: those
    /// that changed, and those that link to one whose title, date or summary changed
    /// (neighbours and related articles).
    pages: Vec<usize>,
    /// For each article: whether what other pages show of it changed (its title, date, summary,
    /// source, organisations or partners): in listings, feeds and the search index.
    listed: Vec<bool>,
    /// Whether any article's text changed (the search index may hold the full text).
    any_text: bool,
    /// Whether any article's date changed (the sitemap's `lastmod`s are dates).
    any_date: bool,
}

impl Changes {
    /// What changed from `old` to `new`, or `None` when their layouts differ (then every page
    /// may differ). O(n) comparisons of shared articles (by pointer first), plus O(window) for
    /// each changed article to find the pages relating to it.
    pub fn between(old: &Archive, new: &Archive) -> Option<Changes> {
        if !old.same_layout(new) {
            return None;
        }
        let changed: Vec<usize> = (0..new.articles.len())
            .filter(|&i| {
                let (a, b) = (&old.articles[i], &new.articles[i]);
                !(std::sync::Arc::ptr_eq(&a.article, &b.article)
                    && std::sync::Arc::ptr_eq(&a.tags, &b.tags))
                    && a != b
            })
            .collect();
        // Redirect pages are written only by a whole build.
        if changed
            .iter()
            .any(|&i| old.articles[i].aliases != new.articles[i].aliases)
        {
            return None;
        }
        let mut listed = vec![false; new.articles.len()];
        let mut pages: Vec<usize> = changed.clone();
        for &i in &changed {
            let (a, b) = (&old.articles[i], &new.articles[i]);
            let ids = |x: &crate::model::TaggedArticle| -> Vec<usize> {
                x.tags.organisations.iter().map(|m| m.id).collect()
            };
            if a.title != b.title
                || a.date != b.date
                || a.summary != b.summary
                || a.source != b.source
                || a.author != b.author
                || a.tags.partners != b.tags.partners
                || ids(a) != ids(b)
            {
                listed[i] = true;
                pages.extend(i.checked_sub(1));
                pages.extend((i + 1 < listed.len()).then_some(i + 1));
                pages.extend(
                    new.may_relate(i)
                        .into_iter()
                        .filter(|&k| new.related(k, context::RELATED_ARTICLES).contains(&i)),
                );
            }
        }
        pages.sort_unstable();
        pages.dedup();
        let any_text = changed
            .iter()
            .any(|&i| old.articles[i].text != new.articles[i].text);
        let any_date = changed
            .iter()
            .any(|&i| old.articles[i].date != new.articles[i].date);
        Some(Changes {
            pages,
            listed,
            any_text,
            any_date,
        })
    }

    fn lists_changed(&self, items: &[usize]) -> bool {
        items.iter().any(|&i| self.listed[i])
    }
}

/// Room reserved for a rendered page: more than most pages of the theme need.
const PAGE_BYTES: usize = 48 * 1024;

/// What every page of one render shares.
struct Renderer<'a> {
    tera: &'a Tera,
    archive: &'a Archive,
    base: &'a BaseUrl,
    config: &'a SiteConfig,
    base_context: Context,
    sink: Sink<'a>,
    /// Every HTML page of the site, for the sitemap.
    sitemap: Mutex<Vec<SitemapEntry>>,
    /// When set, only the pages these changes touch are rendered.
    only: Option<&'a Changes>,
}

/// The folder of page `n` of a listing under `dir`: `dir` itself, then `dir/page/n/`.
fn page_dir(dir: &str, n: usize) -> String {
    if n == 1 {
        dir.to_string()
    } else {
        format!("{dir}page/{n}/")
    }
}

/// The date of the newest of `articles` (indexes, newest first).
fn newest(archive: &Archive, articles: &[usize]) -> Option<chrono::NaiveDate> {
    articles.first().map(|&i| archive.articles[i].date)
}

impl Renderer<'_> {
    fn render(&self, template: &str, rel_path: String, context: Context) -> Result<()> {
        let mut full = self.base_context.clone();
        full.extend(context);
        // Sized for a page at once rather than grown from the template's own size (copies, and
        // fresh pages the kernel must zero): about 2% less user time at 10,000 articles.
        let mut bytes = Vec::with_capacity(PAGE_BYTES);
        self.tera
            .render_to(template, &full, &mut bytes)
            .map_err(|e| Error::Template {
                name: template.to_string(),
                message: format!("{e} (while rendering {rel_path})"),
            })?;
        // Text is cleaned when it is read; this keeps any other way in (a template, a site
        // title) from making a feed or sitemap invalid XML.
        if rel_path.ends_with(".xml")
            && let Ok(text) = std::str::from_utf8(&bytes)
            && let std::borrow::Cow::Owned(clean) = crate::markdown::without_forbidden(text)
        {
            bytes = clean.into_bytes();
        }
        (self.sink)(Output {
            rel_path,
            bytes,
            from_previous: false,
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
        self.in_sitemap(rel_url, lastmod);
        Ok(())
    }

    /// A page that shows only the layout (the lists of terms and of years, the search form):
    /// rendered in a full render; in a partial one only listed in the sitemap. `context` is
    /// made only when the page is rendered.
    fn layout_page(
        &self,
        template: &str,
        rel_url: &str,
        title: &str,
        lastmod: Option<chrono::NaiveDate>,
        context: impl FnOnce() -> Context,
    ) -> Result<()> {
        if self.wanted(None) {
            self.page(template, rel_url, title, lastmod, context())
        } else {
            self.in_sitemap(rel_url, lastmod);
            Ok(())
        }
    }

    fn in_sitemap(&self, rel_url: &str, lastmod: Option<chrono::NaiveDate>) {
        if !self.sitemap_wanted() {
            return;
        }
        self.sitemap
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(SitemapEntry {
                rel_url: rel_url.to_string(),
                lastmod,
            });
    }

    /// Whether the sitemap is written: pages and their dates, so when the layout or a date changed.
    fn sitemap_wanted(&self) -> bool {
        self.only.is_none_or(|changes| changes.any_date)
    }

    /// Whether a page showing `items` (or, with `None`, only the layout) is rendered: always in
    /// a full render; in a partial one, when one of them changed how it is listed.
    fn wanted(&self, items: Option<&[usize]>) -> bool {
        match (self.only, items) {
            (None, _) => true,
            (Some(changes), Some(items)) => changes.lists_changed(items),
            (Some(_), None) => false,
        }
    }

    /// A listing of `items` (article indexes, newest first) split into pages under `dir` (`""`
    /// or `organisations/x/`): `dir/index.html`, `dir/page/2/index.html`, …
    /// O(items): each page serialises only its own slice.
    /// With `step`, the first article of each year (or month) carries its anchor (`y2019`).
    /// With `step` or `summarised`, page 1 shows a summary of the whole list (a timeline), so
    /// it depends on every item.
    #[allow(clippy::too_many_arguments)]
    fn listing(
        &self,
        template: &str,
        dir: &str,
        title: &str,
        items: &[usize],
        extra: &Context,
        step: Option<views::Step>,
        summarised: bool,
    ) -> Result<()> {
        let per_page = self.config.paginate_by;
        let total = items.len().div_ceil(per_page).max(1);
        let page_dir = |n: usize| page_dir(dir, n);
        let lastmod = newest(self.archive, items);
        (1..=total).into_par_iter().try_for_each(|n| {
            let start = (n - 1) * per_page;
            let slice = &items[start.min(items.len())..(start + per_page).min(items.len())];
            let depends = if n == 1 && (step.is_some() || summarised) {
                items
            } else {
                slice
            };
            if !self.wanted(Some(depends)) {
                self.in_sitemap(&page_dir(n), lastmod);
                return Ok(());
            }
            // Built per page, not kept for the whole build: holding every summary at once
            // costs more memory (~58 MiB at 100,000 articles) than rebuilding them costs time.
            let summaries: Vec<ArticleSummary> = slice
                .iter()
                .enumerate()
                .map(|(k, &i)| {
                    let mut summary =
                        ArticleSummary::new(&self.archive.articles[i], self.archive, self.base);
                    if let Some(step) = step {
                        let date = self.archive.articles[i].date;
                        let position = start + k;
                        let anchor = step.anchor(date);
                        if position == 0
                            || step.anchor(self.archive.articles[items[position - 1]].date)
                                != anchor
                        {
                            summary.anchor = Some(anchor);
                        }
                    }
                    summary
                })
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
        if !self.wanted(Some(&items[..items.len().min(self.config.feed_limit)])) {
            return Ok(());
        }
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
        let entries: Vec<views::IndexEntry> = terms
            .iter()
            .map(|(v, items)| views::IndexEntry::new(v, items, self.archive))
            .collect();
        let (index, letter_pages) = views::term_index(entries, kind.dir, self.base);
        self.layout_page("taxonomy.html", kind.dir, kind.title, lastmod, || {
            let mut context = Context::new();
            context.insert("kind", &kind);
            context.insert("index", &index);
            // Every term, as themes made before the A–Z index read them.
            let views: Vec<&TermView> = terms.iter().map(|(v, _)| v).collect();
            context.insert("terms", &views);
            if kind.dir == context::PARTNERS.dir {
                context.insert("network", &views::network(self.archive, self.base));
            }
            context
        })?;
        // The letter and by-count pages' A–Z bar leads back into the index page.
        let index = index.elsewhere(&self.base.link(kind.dir));
        letter_pages
            .par_iter()
            .try_for_each(|(name, dir, entries)| {
                let chunks: Vec<&[views::IndexEntry]> =
                    entries.chunks(views::LETTER_PAGE).collect();
                let total = chunks.len();
                chunks.iter().enumerate().try_for_each(|(k, chunk)| {
                    let n = k + 1;
                    let title = if total > 1 {
                        format!("{}: {name} (page {n} of {total})", kind.title)
                    } else {
                        format!("{}: {name}", kind.title)
                    };
                    self.layout_page("taxonomy.html", &page_dir(dir, n), &title, lastmod, || {
                        let mut context = Context::new();
                        context.insert("kind", &kind);
                        context.insert("index", &index);
                        context.insert("letter", name);
                        context.insert("entries", chunk);
                        context.insert("terms", chunk);
                        context.insert(
                            "pager",
                            &Pager {
                                current: n,
                                total,
                                previous_url: (n > 1)
                                    .then(|| self.base.link(&page_dir(dir, n - 1))),
                                next_url: (n < total)
                                    .then(|| self.base.link(&page_dir(dir, n + 1))),
                            },
                        );
                        context
                    })
                })
            })?;
        terms
            .par_iter()
            .try_for_each(|(view, items)| self.term_page(kind, view, items))
    }

    /// One term's pages: its timeline, what appears with it, its articles.
    fn term_page(&self, kind: Kind, view: &TermView, items: &[usize]) -> Result<()> {
        let mut extra = Context::new();
        extra.insert("kind", &kind);
        extra.insert("term", view);
        extra.insert(
            "search_url",
            &self.base.link(&format!(
                "search/?{}={}",
                kind.filter,
                percent_encoding::utf8_percent_encode(
                    view.name,
                    percent_encoding::NON_ALPHANUMERIC
                )
            )),
        );
        let dir = &view.url[self.base.path.len()..];
        let per_page = self.config.paginate_by;
        let link = |anchor: &str, position: usize| {
            format!(
                "{}#{anchor}",
                self.base.link(&page_dir(dir, position / per_page + 1))
            )
        };
        let timeline = views::timeline(self.archive, items, &link);
        let step = timeline.as_ref().map(|_| {
            let date = |i: usize| self.archive.articles[i].date;
            views::Step::for_span(date(items[items.len() - 1]), date(items[0]))
        });
        extra.insert("timeline", &timeline);
        extra.insert(
            "together",
            &views::together(self.archive, items, view.org, self.base),
        );
        self.listing("term.html", dir, view.name, items, &extra, step, false)
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
        self.layout_page(
            "archive.html",
            "archive/",
            "Archive",
            newest(archive, &all),
            || {
                let mut context = Context::new();
                context.insert("years", &years);
                context
            },
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
                    None,
                    false,
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
                            None,
                            false,
                        )
                    })
            })
    }

    /// Each article's page (with `only`, the changed ones; the others stay in the sitemap).
    fn articles(&self) -> Result<()> {
        match self.only {
            None => (0..self.archive.articles.len())
                .into_par_iter()
                .try_for_each(|i| self.article(i))?,
            Some(changes) => {
                changes
                    .pages
                    .par_iter()
                    .try_for_each(|&i| self.article(i))?;
                if self.sitemap_wanted() {
                    let mut rest = vec![true; self.archive.articles.len()];
                    for &i in &changes.pages {
                        rest[i] = false;
                    }
                    for (i, a) in self.archive.articles.iter().enumerate() {
                        if rest[i] {
                            self.in_sitemap(&a.relative_url(), Some(a.date));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The organisation index, each organisation's pages and its feed.
    fn organisations(&self) -> Result<()> {
        let organisations: Vec<(TermView, &[usize])> = self
            .archive
            .organisations
            .iter()
            .zip(&self.archive.by_organisation)
            .enumerate()
            .filter(|(_, (_, items))| !items.is_empty())
            .map(|(id, (org, items))| {
                (
                    TermView {
                        org: Some(id),
                        ..TermView::organisation(org, items.len(), self.base)
                    },
                    items.as_slice(),
                )
            })
            .collect();
        self.taxonomy(context::ORGANISATIONS, &organisations)?;
        self.archive
            .organisations
            .par_iter()
            .zip(&self.archive.by_organisation)
            .filter(|(_, items)| !items.is_empty())
            .try_for_each(|(org, items)| {
                let dir = org.relative_url();
                self.feed(
                    format!("{} · {}", org.name, self.config.title),
                    items,
                    &dir,
                    &format!("{dir}feed.xml"),
                )
            })?;
        Ok(())
    }

    /// The indexes and pages of places, partner pairs and people.
    fn terms(&self) -> Result<()> {
        for (kind, taxonomy) in [
            (context::PLACES, &self.archive.places),
            (context::PARTNERS, &self.archive.partners),
            (context::PEOPLE, &self.archive.people),
        ] {
            let terms: Vec<(TermView, &[usize])> = taxonomy
                .terms
                .iter()
                .map(|t| {
                    (
                        TermView::term(t, kind.dir, self.base),
                        t.articles.as_slice(),
                    )
                })
                .collect();
            self.taxonomy(kind, &terms)?;
        }
        Ok(())
    }

    /// The search page (its lists of years and sources depend on every article); the index it
    /// reads is [`crate::search`]'s.
    fn search_page(&self) -> Result<()> {
        let archive = self.archive;
        let any_listed = self
            .only
            .is_none_or(|changes| changes.listed.contains(&true));
        if !any_listed {
            self.in_sitemap("search/", None);
            return Ok(());
        }
        self.page("search.html", "search/", "Search", None, {
            let mut context = Context::new();
            context.insert(
                "years",
                &archive.years.iter().map(|y| y.year).collect::<Vec<_>>(),
            );
            let sources: std::collections::BTreeSet<&str> = archive
                .articles
                .iter()
                .filter_map(|a| a.source.as_deref())
                .collect();
            context.insert("sources", &sources);
            let mut bundles = crate::search::bundles(archive.articles.len(), &self.config.search);
            let router = bundles.pop_if(|b| b == crate::search::ROUTER);
            context.insert("bundles", &bundles);
            context.insert("router", &router);
            context
        })
    }
}

/// What rendering measured.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// How long the search index took, when it was built (beside the pages, on its own thread).
    pub search_index: Option<std::time::Duration>,
    /// What each bundle of that index holds ([`crate::search::Part::digest`]).
    pub search_parts: crate::search::Digests,
    /// How many of those parts were taken from the index the site folder held (their records
    /// unchanged), not indexed again.
    pub search_parts_taken: usize,
}

/// Renders the whole site into `sink`: the pages ([`render_pages`]) and, beside them, the search
/// index. With `only`, renders just the files those changes touch, and no search index: the
/// caller builds it ([`crate::search::SearchJob`]) when [`search_index_wanted`] says so.
/// `earlier`, the site folder as the last build left it, may hold parts of the index this one
/// has (their records unchanged): those are taken from it, not indexed again.
pub fn render_site(
    tera: &Tera,
    archive: &Archive,
    config: &SiteConfig,
    base: &BaseUrl,
    only: Option<&Changes>,
    earlier: Option<&Path>,
    sink: Sink,
) -> Result<Rendered> {
    let indexed = || -> Result<Rendered> {
        if only.is_some() || !search_index_wanted(config, None) {
            return Ok(Rendered::default());
        }
        let started = std::time::Instant::now();
        let written = Mutex::new((crate::search::Digests::new(), 0));
        crate::search::index_into(
            &archive.articles,
            &archive.organisations,
            &config.search,
            &config.language,
            earlier,
            &|built| {
                {
                    let mut written = written
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    written.0.insert(built.bundle, built.digest);
                    written.1 += usize::from(built.taken);
                }
                built.files.into_iter().try_for_each(sink)
            },
        )?;
        let (parts, taken) = written
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Ok(Rendered {
            search_index: Some(started.elapsed()),
            search_parts: parts,
            search_parts_taken: taken,
        })
    };
    let (searched, pages) = rayon::join(indexed, || {
        render_pages(tera, archive, config, base, only, sink)
    });
    pages?;
    searched
}

/// Whether the search index is to be built: always in a whole render, and after these changes
/// when any article changed.
pub fn search_index_wanted(config: &SiteConfig, only: Option<&Changes>) -> bool {
    config.search.enabled && only.is_none_or(|changes| !changes.pages.is_empty())
}

/// Renders the pages of the site into `sink`: listings, articles, organisations, places,
/// partners, people, date archives, feeds, the search page, sitemap, robots.txt and 404. With
/// `only`, renders just the files those changes touch: the rest are as the last render left them.
fn render_pages(
    tera: &Tera,
    archive: &Archive,
    config: &SiteConfig,
    base: &BaseUrl,
    only: Option<&Changes>,
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
        only,
    };
    let all: Vec<usize> = (0..archive.articles.len()).collect();
    let mut home = Context::new();
    home.insert("glance", &views::glance(archive, base));
    r.listing("index.html", "", &config.title, &all, &home, None, true)?;
    r.feed(config.title.clone(), &all, "", "feed.xml")?;
    r.articles()?;
    r.organisations()?;
    r.terms()?;
    r.date_archive()?;
    r.search_page()?;

    if r.wanted(None) {
        let mut context = Context::new();
        context.insert("page_title", "Page not found");
        context.insert("canonical", &base.permalink("404.html"));
        r.render("404.html", "404.html".into(), context)?;
    }

    let whole = r.wanted(None);
    if whole || only.is_some_and(|changes| changes.any_date) {
        let entries = std::mem::take(
            &mut *r
                .sitemap
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        for (name, sitemap) in feeds::sitemaps(entries, base) {
            let mut context = Context::new();
            context.insert("sitemap", &sitemap);
            r.render("sitemap.xml", name, context)?;
        }
    }
    if whole {
        sink(Output {
            rel_path: "robots.txt".into(),
            bytes: feeds::robots(base).into_bytes(),
            from_previous: false,
        })?;
        for output in redirects(archive, config, base) {
            sink(output)?;
        }
    }
    Ok(())
}

/// The redirect pages: one for each `[redirects]` entry of site.toml and each `aliases` entry
/// of an article's front matter, at the old address, pointing at the new one.
fn redirects(archive: &Archive, config: &SiteConfig, base: &BaseUrl) -> Vec<Output> {
    let site = config.redirects.iter().map(|(from, to)| {
        let to = if to.starts_with("https://") || to.starts_with("http://") {
            to.clone()
        } else {
            base.permalink(to.trim_start_matches('/'))
        };
        (from.as_str(), to)
    });
    let articles = archive.articles.iter().flat_map(|a| {
        let to = base.permalink(&a.relative_url());
        a.aliases
            .iter()
            .map(move |from| (from.as_str(), to.clone()))
    });
    site.chain(articles)
        .filter_map(|(from, to)| {
            let rel = redirect_path(from)?;
            Some(Output {
                rel_path: rel,
                bytes: redirect_page(&to).into_bytes(),
                from_previous: false,
            })
        })
        .collect()
}

/// Where the redirect for an old address is written: `news/1.html` as it is, a folder-like
/// address (`/old/x/`, `/old/x`) as its `index.html`. `None` for an address that climbs out.
fn redirect_path(from: &str) -> Option<String> {
    let segments: Vec<&str> = from
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    if segments.iter().any(|s| *s == ".." || s.contains('\\')) {
        return None;
    }
    let path = segments.join("/");
    let is_file = segments
        .last()
        .is_some_and(|last| last.contains('.') && !from.ends_with('/'));
    Some(match (is_file, path.is_empty()) {
        (true, _) => path,
        (false, true) => "index.html".to_string(),
        (false, false) => format!("{path}/index.html"),
    })
}

/// A page that sends the browser (and search engines, through the canonical link) to `to`.
fn redirect_page(to: &str) -> String {
    let to = crate::markdown::escape_html(to);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved</title>\n<link rel=\"canonical\" href=\"{to}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{to}\">{to}</a>.</p>\n</body>\n</html>\n"
    )
}

/// Renders the whole site into memory: for tests and tools that want every file at once.
pub fn render_to_vec(
    tera: &Tera,
    archive: &Archive,
    config: &SiteConfig,
    base: &BaseUrl,
) -> Result<Vec<Output>> {
    let outputs = Mutex::new(Vec::new());
    render_site(tera, archive, config, base, None, None, &|o| {
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

//! Render stage: the archive → every output file, in memory. Never touches the disk.
//!
//! Cost: each article is rendered once; each listing page serialises only its own slice of
//! summaries, so pagination is linear in the number of articles (no page re-reads a whole list).

pub mod context;

use crate::assets;
use crate::config::{BaseUrl, SiteConfig};
use crate::error::{Error, Result};
use crate::index::Archive;
use context::{ArticleSummary, ArticleView, OrganisationView, Pager, SiteView};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;
use tera::{Context, Tera};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Relative to the output folder, `/`-separated.
    pub rel_path: String,
    pub bytes: Vec<u8>,
}

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
}

impl Renderer<'_> {
    fn render(&self, template: &str, rel_path: String, context: Context) -> Result<Output> {
        let mut full = self.base_context.clone();
        full.extend(context);
        let html = self
            .tera
            .render(template, &full)
            .map_err(|e| Error::Template {
                name: template.to_string(),
                message: format!("{e} (while rendering {rel_path})"),
            })?;
        Ok(Output {
            rel_path,
            bytes: html.into_bytes(),
        })
    }

    /// Page context keys every page has: a unique title and a canonical URL.
    fn page_context(&self, title: &str, rel_url: &str) -> Context {
        let mut context = Context::new();
        context.insert("page_title", title);
        context.insert("canonical", &self.base.permalink(rel_url));
        context
    }

    /// A listing of `items` (article indexes) split into pages under `dir` (`""` or
    /// `organisations/x/`): `dir/index.html`, `dir/page/2/index.html`, …
    fn listing(
        &self,
        template: &str,
        dir: &str,
        title: &str,
        items: &[usize],
        extra: &Context,
    ) -> Result<Vec<Output>> {
        let per_page = self.config.paginate_by;
        let total = items.len().div_ceil(per_page).max(1);
        let page_dir = |n: usize| {
            if n == 1 {
                dir.to_string()
            } else {
                format!("{dir}page/{n}/")
            }
        };
        (1..=total)
            .into_par_iter()
            .map(|n| {
                let start = (n - 1) * per_page;
                let slice = &items[start.min(items.len())..(start + per_page).min(items.len())];
                // Built per page, not kept for the whole build: holding every summary at once
                // costs more memory (~58 MiB at 100,000 articles) than rebuilding them costs time.
                let summaries: Vec<ArticleSummary> = slice
                    .iter()
                    .map(|&i| {
                        ArticleSummary::new(&self.archive.articles[i], self.archive, self.base)
                    })
                    .collect();
                let page_title = if n == 1 {
                    title.to_string()
                } else {
                    format!("{title} (page {n} of {total})")
                };
                let mut context = self.page_context(&page_title, &page_dir(n));
                context.extend(extra.clone());
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
                self.render(template, format!("{}index.html", page_dir(n)), context)
            })
            .collect()
    }
}

/// Renders the whole site: home listing, article pages, organisation pages, 404.
pub fn render_site(
    tera: &Tera,
    archive: &Archive,
    config: &SiteConfig,
    base: &BaseUrl,
) -> Result<Vec<Output>> {
    let mut base_context = Context::new();
    base_context.insert("site", &SiteView::new(config, base));
    let r = Renderer {
        tera,
        archive,
        base,
        config,
        base_context,
    };
    let mut outputs = Vec::new();

    let all: Vec<usize> = (0..archive.articles.len()).collect();
    outputs.extend(r.listing("index.html", "", &config.title, &all, &Context::new())?);

    let articles: Vec<Output> = archive
        .articles
        .par_iter()
        .map(|article| {
            let view = ArticleView {
                summary: ArticleSummary::new(article, archive, base),
                all_organisations: context::organisation_links(article, archive, base, usize::MAX),
                editor: article.editor.as_deref(),
                caption: article.caption.as_deref(),
                body_html: &article.body_html,
                word_count: article.word_count,
                reading_minutes: article.reading_minutes(),
            };
            let rel = article.relative_url();
            let mut context = r.page_context(&article.title, &rel);
            context.insert("article", &view);
            r.render("article.html", format!("{rel}index.html"), context)
        })
        .collect::<Result<_>>()?;
    outputs.extend(articles);

    let entries: Vec<OrganisationView> = archive
        .organisations
        .iter()
        .zip(&archive.by_organisation)
        .filter(|(_, items)| !items.is_empty())
        .map(|(org, items)| OrganisationView::new(org, items.len(), base))
        .collect();
    let mut context = r.page_context("Organisations", "organisations/");
    context.insert("organisations", &entries);
    outputs.push(r.render(
        "organisations.html",
        "organisations/index.html".into(),
        context,
    )?);

    let per_org: Vec<Vec<Output>> = archive
        .organisations
        .par_iter()
        .zip(&archive.by_organisation)
        .filter(|(_, items)| !items.is_empty())
        .map(|(org, items)| {
            let mut extra = Context::new();
            extra.insert(
                "organisation",
                &OrganisationView::new(org, items.len(), base),
            );
            r.listing(
                "organisation.html",
                &org.relative_url(),
                &org.name,
                items,
                &extra,
            )
        })
        .collect::<Result<_>>()?;
    outputs.extend(per_org.into_iter().flatten());

    let context = r.page_context("Page not found", "404.html");
    outputs.push(r.render("404.html", "404.html".into(), context)?);
    Ok(outputs)
}

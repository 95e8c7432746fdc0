//! Concord: a static site generator for news archives about bilateral cooperation.
//!
//! The pipeline, one module a stage:
//! [`walk`] → [`parse`] (with [`markdown`]) → [`extract`] → [`index`] → [`render`] → [`write`].
//! [`load`] runs the stages up to the index, [`build`] runs them all. The library never prints:
//! it returns a [`Report`] or an [`Error`], and the binary decides what to show.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod assets;
pub mod config;
pub mod error;
pub mod extract;
pub mod index;
pub mod links;
pub mod markdown;
pub mod model;
pub mod parse;
pub mod paths;
pub mod render;
pub mod scaffold;
pub mod walk;
pub mod write;

pub use config::SiteConfig;
pub use error::{Error, Problem, Result, Severity};

use config::BaseUrl;
use index::Archive;
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What to load and how: the site root and the command-line overrides.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The site folder (holding `site.toml`).
    pub root: PathBuf,
    /// Overrides `output_dir`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url`.
    pub base_url: Option<String>,
    /// Include articles marked `draft = true`.
    pub drafts: bool,
    /// Verify every internal link of the written site before publishing it.
    pub check_links: bool,
    /// Told how far the build is, from any thread (a progress bar listens).
    pub progress: Option<Progress>,
}

/// How far a build is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressEvent {
    /// A stage begins; `total` is how many steps it has, when known.
    Stage {
        name: &'static str,
        total: Option<u64>,
    },
    /// One more step of the current stage is done.
    Step,
}

/// A listener for [`ProgressEvent`]s.
#[derive(Clone)]
pub struct Progress(pub std::sync::Arc<dyn Fn(ProgressEvent) + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress(..)")
    }
}

impl Options {
    fn report(&self, event: ProgressEvent) {
        if let Some(progress) = &self.progress {
            (progress.0)(event);
        }
    }
}

/// How long each stage of a build took, in pipeline order: the numbers `build --timings` prints.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    /// (stage, time it took, resident memory in KiB at its end where the OS tells).
    pub stages: Vec<(&'static str, Duration, Option<u64>)>,
    last: Option<Instant>,
}

impl Timings {
    fn start() -> Timings {
        Timings {
            stages: Vec::new(),
            last: Some(Instant::now()),
        }
    }

    /// Ends the stage running since the previous call (or the start) and names it.
    fn stage(&mut self, name: &'static str) {
        let now = Instant::now();
        let since = self.last.unwrap_or(now);
        self.stages.push((name, now - since, resident_kib()));
        self.last = Some(now);
    }
}

/// The process's resident memory in KiB (Linux: `VmRSS` of /proc/self/status).
fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A site read and indexed: everything needed to render it, and every problem found on the way.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub base: BaseUrl,
    pub archive: Archive,
    /// Errors and warnings, sorted by path and line.
    pub problems: Vec<Problem>,
    /// Articles left out because they are drafts.
    pub drafts_skipped: usize,
    /// Time spent in each stage so far.
    pub timings: Timings,
}

impl Site {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }
}

/// Reads the configuration, applying the command-line overrides.
pub fn load_config(options: &Options) -> Result<(SiteConfig, BaseUrl)> {
    let mut config = SiteConfig::load(&options.root)?;
    if let Some(url) = &options.base_url {
        config.base_url = url.clone();
    }
    if let Some(out) = &options.output {
        config.output_dir = out.clone();
    }
    let base = BaseUrl::parse(&config.base_url).map_err(|message| Error::Config {
        path: if options.base_url.is_some() {
            PathBuf::from("--base-url")
        } else {
            options.root.join("site.toml")
        },
        message,
    })?;
    Ok((config, base))
}

/// Walks, parses, extracts and indexes the site. Content problems do not stop it: they are
/// collected in [`Site::problems`] (articles with errors are left out of the archive).
pub fn load(options: &Options) -> Result<Site> {
    let mut timings = Timings::start();
    let (config, base) = load_config(options)?;
    let (files, mut problems) = walk::walk_content(&options.root, &options.root.join("content"));
    timings.stage("walk");
    let unsafe_html = config.markdown.unsafe_html;
    options.report(ProgressEvent::Stage {
        name: "reading",
        total: Some(files.len() as u64),
    });
    let parsed: Vec<parse::Parsed> = files
        .par_iter()
        .map(|file| match std::fs::read(&file.abs_path) {
            Ok(bytes) => {
                let parsed = parse::parse_file(&file.rel_path, &bytes, file.format, unsafe_html);
                options.report(ProgressEvent::Step);
                parsed
            }
            Err(e) => parse::Parsed {
                article: None,
                problems: vec![
                    Problem::error(&file.rel_path, None, format!("cannot read: {e}"))
                        .with_hint("check the file's permissions"),
                ],
            },
        })
        .collect();
    let mut articles = Vec::with_capacity(parsed.len());
    for p in parsed {
        problems.extend(p.problems);
        articles.extend(p.article);
    }
    problems.extend(index::slug_clashes(&articles));
    timings.stage("parse");
    let before = articles.len();
    for draft in articles.iter().filter(|a| a.draft) {
        problems.push(
            Problem::warning(&draft.path, None, "draft: left out of the build").with_hint(
                "remove draft = true to publish it, or build with --drafts to preview it",
            ),
        );
    }
    if !options.drafts {
        articles.retain(|a| !a.draft);
    }
    let drafts_skipped = before - articles.len();
    options.report(ProgressEvent::Stage {
        name: "finding organisations, places and people",
        total: None,
    });
    let organisations = extract::extract(&mut articles, &config);
    timings.stage("extract");
    problems.sort_by(|a, b| (&a.path, a.line, a.severity).cmp(&(&b.path, b.line, b.severity)));
    let archive = Archive::new(articles, organisations);
    timings.stage("index");
    Ok(Site {
        root: options.root.clone(),
        archive,
        config,
        base,
        problems,
        drafts_skipped,
        timings,
    })
}

/// What a build did.
#[derive(Debug)]
pub struct Report {
    pub articles: usize,
    pub organisations: usize,
    pub files_written: usize,
    pub output: PathBuf,
    pub base_url: String,
    pub drafts_skipped: usize,
    /// Warnings only: a build with errors returns [`Error::Content`].
    pub warnings: Vec<Problem>,
    pub elapsed: Duration,
    /// Time spent in each stage.
    pub timings: Timings,
}

/// Builds the site into its output folder. On any error the previous output is left untouched.
pub fn build(options: &Options) -> Result<Report> {
    let started = Instant::now();
    let mut site = load(options)?;
    if site.has_errors() {
        return Err(Error::Content(site.problems));
    }
    let out = output_dir(&site.root, &site.config.output_dir);
    write::check_output_dir(&site.root, &out)?;
    let tera = render::load_templates(&site.root.join("templates"))?;
    site.timings.stage("templates");
    let base = site.base.clone();
    let verify = |dir: &Path| -> Result<()> {
        let broken = links::check(dir, &base);
        if broken.is_empty() {
            Ok(())
        } else {
            Err(Error::BrokenLinks(
                broken.iter().map(ToString::to_string).collect(),
            ))
        }
    };
    let verify: Option<write::Verify> = if options.check_links {
        Some(&verify)
    } else {
        None
    };
    options.report(ProgressEvent::Stage {
        name: "writing pages",
        total: None,
    });
    let files_written = write::write_site(&out, &site.root.join("static"), verify, |sink| {
        let counted = |output: render::Output| {
            options.report(ProgressEvent::Step);
            sink(output)
        };
        let rendered =
            render::render_site(&tera, &site.archive, &site.config, &site.base, &counted);
        site.timings.stage("render + write");
        rendered
    })?;
    site.timings.stage(if options.check_links {
        "check links + publish"
    } else {
        "publish"
    });
    Ok(Report {
        articles: site.archive.articles.len(),
        organisations: site
            .archive
            .by_organisation
            .iter()
            .filter(|a| !a.is_empty())
            .count(),
        files_written,
        output: out,
        base_url: site.base.permalink(""),
        drafts_skipped: site.drafts_skipped,
        warnings: {
            let mut warnings = site.problems;
            if site.base.origin.is_empty() {
                warnings.push(
                    Problem::warning(
                        "site.toml",
                        None,
                        "base_url has no scheme and host, so feeds, the sitemap and robots.txt carry relative URLs, which feed readers and search engines reject",
                    )
                    .with_hint("set base_url = \"https://your.host/\" in site.toml, or build with --base-url"),
                );
            }
            warnings
        },
        elapsed: started.elapsed(),
        timings: site.timings,
    })
}

/// The output folder: as given when absolute, else relative to the site root.
pub fn output_dir(root: &Path, configured: &Path) -> PathBuf {
    if configured.is_absolute() {
        configured.to_path_buf()
    } else {
        root.join(configured)
    }
}

/// The machine-readable model `check --json` prints. A stable interface: add fields, never rename.
#[derive(Debug, Serialize)]
pub struct CheckModel<'a> {
    pub articles: Vec<ArticleModel<'a>>,
    pub problems: &'a [Problem],
}

#[derive(Debug, Serialize)]
pub struct ArticleModel<'a> {
    pub path: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub date: String,
    pub title: &'a str,
    pub source: Option<&'a str>,
    pub editor: Option<&'a str>,
    pub summary: &'a str,
    pub word_count: usize,
    pub draft: bool,
    pub caption: Option<&'a str>,
    pub cleanup: &'a model::Cleanup,
    pub organisations: Vec<OrganisationModel<'a>>,
    pub places: &'a [model::NamedMention],
    /// The two cooperating parties, alphabetically, or null.
    pub partners: Option<[&'a str; 2]>,
    pub people: &'a [model::Person],
}

#[derive(Debug, Serialize)]
pub struct OrganisationModel<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub mentions: &'a [String],
}

impl Site {
    /// The model of every article in path order, with the problems.
    pub fn check_model(&self) -> CheckModel<'_> {
        let mut articles: Vec<&model::Article> = self.archive.articles.iter().collect();
        articles.sort_by(|a, b| a.path.cmp(&b.path));
        CheckModel {
            articles: articles
                .into_iter()
                .map(|a| ArticleModel {
                    path: &a.path,
                    slug: &a.slug,
                    url: self.base.permalink(&a.relative_url()),
                    date: a.date.format("%Y-%m-%d").to_string(),
                    title: &a.title,
                    source: a.source.as_deref(),
                    editor: a.editor.as_deref(),
                    summary: &a.summary,
                    word_count: a.word_count,
                    draft: a.draft,
                    caption: a.caption.as_deref(),
                    cleanup: &a.cleanup,
                    organisations: a
                        .organisations
                        .iter()
                        .map(|m| {
                            let org = &self.archive.organisations[m.id];
                            OrganisationModel {
                                name: &org.name,
                                slug: &org.slug,
                                mentions: &m.mentions,
                            }
                        })
                        .collect(),
                    places: &a.places,
                    partners: a.partners.as_ref().map(|(x, y)| [x.as_str(), y.as_str()]),
                    people: &a.people,
                })
                .collect(),
            problems: &self.problems,
        }
    }
}

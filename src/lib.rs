//! Concord: a static site generator for news archives about bilateral cooperation.
//!
//! The pipeline, one module a stage, each handing the next a typed value:
//! [`walk`] (source files) → [`parse`] (with [`markdown`]: a [`model::Article`] with its
//! [`model::Text`]) → [`collate`] (URLs and duplicates) → [`extract`] (each article's
//! [`model::Tags`] and the organisation table) → [`index`] (the [`Archive`] of
//! [`model::TaggedArticle`]s, names filed as term ids) → [`render`] → [`write`].
//! [`load`] runs the stages up to the index, [`build`] runs them all; [`build_with`] given a
//! [`Cache`] redoes only what changed since the last build (what `serve` does) — what a stage may
//! keep is [`cache`]'s concern, asked through `cache::Reuse`. The library never prints: it
//! returns a [`Report`] or an [`Error`], and the binary decides what to show.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod assets;
pub mod cache;
pub mod collate;
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
pub mod review;
pub mod scaffold;
pub mod search;
pub mod walk;
pub mod write;

pub use cache::Cache;
pub use config::SiteConfig;
pub use error::{Error, Problem, Result, Severity};

use config::BaseUrl;
use index::Archive;
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
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
    /// Publish the site without the articles that have errors (each is listed as left out).
    pub keep_going: bool,
    /// Import warnings (encoding guessed, URL renamed, duplicate, date from path, special file)
    /// are errors; `[build] strict` in site.toml says the same.
    pub strict: bool,
    /// Told how far the build is, from any thread (a progress bar listens).
    pub progress: Option<Progress>,
    /// In a rebuild of a few files ([`build_with`]), leave the search index for the caller to
    /// build after the pages are out ([`Report::search_later`]): what `serve` does.
    pub defer_search: bool,
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
        self.stage_ended(name, Instant::now());
    }

    /// Records a stage that ran beside the others (its time is within theirs).
    fn beside(&mut self, name: &'static str, took: Duration) {
        self.stages.push((name, took, None));
    }

    /// Ends the stage running since the previous call at `now`, and names it.
    fn stage_ended(&mut self, name: &'static str, now: Instant) {
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
    /// URLs renamed, duplicates left out, near-duplicates reported.
    pub collation: collate::Collation,
    /// For each `[extract] exclude` entry (and `exclude_people: X`, `exclude_places: X`): the
    /// names it removed.
    pub exclusions: std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
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
    load_with(options, None)
}

/// One content file on its way through a load: kept from the last build or read afresh.
struct Entry {
    rel_path: String,
    stamp: Option<cache::FileStamp>,
    problems: Vec<Problem>,
    article: Option<Arc<model::Article>>,
    /// Its reading, once read, when it is published.
    reading: Option<extract::Reading>,
    /// What the reading found, once tagged.
    tags: Option<Arc<model::Tags>>,
    /// Read and parsed by this load (not kept from the last build).
    fresh: bool,
}

impl Entry {
    /// What to keep of it for the next build (a file with a stamp only).
    fn into_kept(self) -> Option<(String, cache::CachedFile)> {
        Some((
            self.rel_path,
            cache::CachedFile {
                stamp: self.stamp?,
                problems: self.problems,
                article: self.article,
                reading: self.reading,
                tags: self.tags,
            },
        ))
    }
}

/// [`load`], reusing and refreshing `cache` when given (see [`cache`]): only files whose stamp
/// changed are read, parsed and read for names; when no article's names changed, the
/// organisation table is kept and only the changed articles are tagged.
pub fn load_with(options: &Options, cache: Option<&mut Cache>) -> Result<Site> {
    load_reusing(options, &mut cache::Reuse::of(cache))
}

/// The stages of a load, in order: walk → parse → collate → read (names, then the organisation
/// table, then each article's tags) → index. `reuse` says what the last build left that a stage
/// may keep.
fn load_reusing(options: &Options, reuse: &mut cache::Reuse) -> Result<Site> {
    let mut timings = Timings::start();
    let (config, base) = load_config(options)?;
    reuse.begin(&config, options.drafts);

    let (files, mut problems) = reuse.walk(&options.root, &options.root.join("content"));
    problems.extend(assets::stale_templates(&options.root));
    timings.stage("walk");

    let mut entries = parse_entries(options, &config, &files, reuse);
    problems.extend(entries.iter().flat_map(|e| e.problems.iter().cloned()));
    timings.stage("parse");

    let (collation, collated, left_out) = collate::collate(
        entries
            .iter_mut()
            .filter_map(|e| e.article.as_mut())
            .filter(|a| options.drafts || !a.draft)
            .collect(),
    );
    problems.extend(collated);
    timings.stage("collate");
    let published =
        |a: &model::Article| (options.drafts || !a.draft) && !left_out.contains(&a.path);
    let (draft_warnings, drafts_skipped) = drafts(&entries, options.drafts);
    problems.extend(draft_warnings);

    options.report(ProgressEvent::Stage {
        name: "finding organisations, places and people",
        total: None,
    });
    let (organisations, stale, exclusions) =
        extract_entries(&mut entries, &config, &published, reuse);
    problems.extend(stale);
    timings.stage("extract");

    if options.strict || config.build.strict {
        problems = problems.into_iter().map(Problem::strict).collect();
    }
    problems.sort_by(|a, b| (&a.path, a.line, a.severity).cmp(&(&b.path, b.line, b.severity)));
    let articles: Vec<model::TaggedArticle> = entries
        .iter()
        .filter_map(|e| {
            Some(model::TaggedArticle {
                article: e.article.clone().filter(|a| published(a))?,
                tags: e.tags.clone()?,
            })
        })
        .collect();
    reuse.remember(entries.into_iter().filter_map(Entry::into_kept));
    let archive = Archive::new(articles, organisations);
    timings.stage("index");
    Ok(Site {
        root: options.root.clone(),
        archive,
        config,
        base,
        problems,
        collation,
        exclusions,
        drafts_skipped,
        timings,
    })
}

/// The parse stage: each content file read and parsed, or kept from the last build when it did
/// not change.
fn parse_entries(
    options: &Options,
    config: &SiteConfig,
    files: &[walk::SourceFile],
    reuse: &mut cache::Reuse,
) -> Vec<Entry> {
    options.report(ProgressEvent::Stage {
        name: "reading",
        total: Some(files.len() as u64),
    });
    let read: Vec<(Option<cache::FileStamp>, Option<parse::Parsed>)> = files
        .par_iter()
        .map(|file| {
            let (stamp, unchanged) = reuse.stamp(&file.rel_path, &file.abs_path);
            let parsed = (!unchanged).then(|| parse_file(file, config));
            options.report(ProgressEvent::Step);
            (stamp, parsed)
        })
        .collect();
    files
        .iter()
        .zip(read)
        .map(|(file, (stamp, parsed))| {
            let kept = if parsed.is_none() {
                reuse.take(&file.rel_path)
            } else {
                None
            };
            match kept {
                Some(kept) => Entry {
                    rel_path: file.rel_path.clone(),
                    stamp,
                    problems: kept.problems,
                    article: kept.article,
                    reading: kept.reading,
                    tags: kept.tags,
                    fresh: false,
                },
                None => {
                    let parsed = parsed.unwrap_or_else(|| parse_file(file, config));
                    Entry {
                        rel_path: file.rel_path.clone(),
                        stamp,
                        problems: parsed.problems,
                        article: parsed.article.map(Arc::new),
                        reading: None,
                        tags: None,
                        fresh: true,
                    }
                }
            }
        })
        .collect()
}

/// A warning for each draft, and how many are left out (none with `--drafts`).
fn drafts(entries: &[Entry], include: bool) -> (Vec<Problem>, usize) {
    let drafts: Vec<&model::Article> = entries
        .iter()
        .filter_map(|e| e.article.as_deref())
        .filter(|a| a.draft)
        .collect();
    let warnings = drafts
        .iter()
        .map(|draft| {
            Problem::warning(&draft.path, None, "draft: left out of the build").with_hint(
                "remove draft = true to publish it, or build with --drafts to preview it",
            )
        })
        .collect();
    (warnings, if include { 0 } else { drafts.len() })
}

/// Reads and parses one content file: only a regular file, and at most `max_article_bytes`.
fn parse_file(file: &walk::SourceFile, config: &SiteConfig) -> parse::Parsed {
    let limit = config.build.max_article_bytes;
    match paths::read_regular_file(&file.abs_path, limit) {
        Ok(bytes) => parse::parse_file(
            &file.rel_path,
            &bytes,
            file.format,
            config.markdown.unsafe_html,
        ),
        Err(e) => parse::Parsed {
            article: None,
            problems: vec![
                Problem::error(&file.rel_path, None, format!("cannot read: {e}")).with_hint(
                    if e.kind() == std::io::ErrorKind::FileTooLarge {
                        "split the file, or raise [build] max_article_bytes in site.toml"
                    } else {
                        "check the file's permissions and type; only regular files are read"
                    },
                ),
            ],
        },
    }
}

/// The read stage: each published article of `entries` read for its names, the organisation
/// table made from them, and each article tagged with its organisations, places and people.
/// Returns the table, warnings for stale corrections and what each exclusion removed. What the
/// last build read is kept for unchanged files, and its table (then only the fresh articles are
/// tagged) when the articles' names are those it was made from.
fn extract_entries(
    entries: &mut [Entry],
    config: &SiteConfig,
    published: &(dyn Fn(&model::Article) -> bool + Sync),
    reuse: &mut cache::Reuse,
) -> (
    Vec<model::Organisation>,
    Vec<Problem>,
    std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
) {
    let reader = reuse.reader(config);
    let is_published = |e: &Entry| e.article.as_deref().is_some_and(published);
    // An unchanged file the last build did not publish (a duplicate whose twin is gone, a
    // draft under --drafts) was never read: it is read now, as a changed one is.
    for e in entries.iter_mut() {
        if !e.fresh && e.reading.is_none() && is_published(e) {
            e.fresh = true;
        }
    }
    entries.par_iter_mut().filter(|e| e.fresh).for_each(|e| {
        e.reading = match &e.article {
            Some(a) if published(a) => Some(reader.read(a)),
            _ => None,
        };
    });
    let count = entries.iter().filter(|e| is_published(e)).count();
    // The table depends only on the published articles' declared organisations and names.
    let last = reuse.take_table();
    let same_sources = |table_count: usize| {
        table_count == count
            && entries.iter().filter(|e| e.fresh).all(|e| {
                reuse.previous(&e.rel_path).is_some_and(|old| {
                    old.reading.as_ref().map(|r| &r.names) == e.reading.as_ref().map(|r| &r.names)
                        && old.article.as_ref().map(|a| &a.declared_organisations)
                            == e.article.as_ref().map(|a| &a.declared_organisations)
                })
            })
    };
    let (table, tagger, retag_all) = match last {
        Some((table, tagger, n)) if same_sources(n) => (table, tagger, false),
        old => {
            let sources: Vec<(&[String], &extract::organisations::Names)> = entries
                .iter()
                .filter_map(|e| {
                    Some((
                        e.article.as_ref()?.declared_organisations.as_slice(),
                        &e.reading.as_ref()?.names,
                    ))
                })
                .collect();
            let (table, tagger) = extract::organisations::organisation_table(
                &sources,
                &config.organisation_aliases(),
                &config.extract,
            );
            let same = old.is_some_and(|(t, g, _)| t == table && g == tagger);
            (table, tagger, !same)
        }
    };
    let keep = reuse.keeps();
    entries
        .par_iter_mut()
        .filter(|e| e.reading.is_some() && (e.fresh || retag_all))
        .for_each(|e| {
            let reading = if keep {
                e.reading.clone()
            } else {
                e.reading.take()
            };
            if let (Some(article), Some(reading)) = (&e.article, reading) {
                e.tags = Some(Arc::new(reader.tag(article, reading, &tagger)));
            }
        });
    let stale = extract::stale_corrections(
        config,
        &tagger,
        &reader,
        entries
            .iter()
            .filter(|e| is_published(e))
            .filter_map(|e| e.tags.as_deref()),
    );
    let mut exclusions = tagger.excluded.clone();
    exclusions.extend(reader.exclusions(config));
    reuse.keep_table(&table, tagger, count);
    (table, stale, exclusions)
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
    /// Files left out because of their errors (`--keep-going`).
    pub left_out: usize,
    /// What `--check-links` looked at, when it ran.
    pub links_checked: Option<links::Checked>,
    /// Warnings only: a build with errors returns [`Error::Content`].
    pub warnings: Vec<Problem>,
    pub elapsed: Duration,
    /// Time spent in each stage.
    pub timings: Timings,
    /// The search index this rebuild left for later ([`Options::defer_search`]): run it.
    pub search_later: Option<search::SearchJob>,
    /// The search index this build wrote itself, when it did: what each bundle holds.
    pub search_written: Option<search::Digests>,
    /// How many parts of that index were taken from the index the output folder held (their
    /// records unchanged) instead of being indexed again.
    pub search_parts_taken: usize,
}

/// Builds the site into its output folder. On any error the previous output is left untouched.
pub fn build(options: &Options) -> Result<Report> {
    build_with(options, None)
}

/// [`build`], reusing and refreshing `cache` when given (see [`cache`]). When the cache holds the
/// site last written to the same folder, from the same templates and static files, and the
/// archive's layout did not change, only the files a change touches are rendered, and each is
/// replaced in place (atomically, one file at a time); otherwise the whole site is written
/// into a new folder that replaces the old one.
pub fn build_with(options: &Options, cache: Option<&mut Cache>) -> Result<Report> {
    let started = Instant::now();
    let reuse = &mut cache::Reuse::of(cache);
    let mut site = load_reusing(options, reuse)?;
    let left_out = stop_or_leave_out(&mut site, options.keep_going)?;
    let out = write::resolve_output(&output_dir(&site.root, &site.config.output_dir));
    write::check_output_dir(&site.root, &out)?;
    let templates = render::template_sources(&site.root.join("templates"))?;
    let tera = render::templates_from(&templates)?;
    let statics = reuse.statics(&site.root.join("static"));
    site.timings.stage("templates");
    let changes = reuse.changes(
        !options.check_links,
        &out,
        &templates,
        &statics,
        &site.archive,
    );
    if reuse.keeps() {
        site.timings.stage("compare");
    }
    options.report(ProgressEvent::Stage {
        name: "writing pages",
        total: None,
    });
    let checked = Mutex::new(None);
    let wrote = match &changes {
        Some(changes) => write_changes(options, &mut site, &tera, &out, changes)?,
        None => write_site(options, &mut site, &tera, &out, &checked)?,
    };
    let report = Report {
        articles: site.archive.articles.len(),
        organisations: site.archive.organisation_pages(),
        files_written: wrote.files,
        output: out.clone(),
        base_url: site.base.permalink(""),
        drafts_skipped: site.drafts_skipped,
        left_out,
        links_checked: checked
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
        warnings: with_base_url_warnings(site.problems, &site.base),
        elapsed: started.elapsed(),
        timings: site.timings,
        search_later: wrote.search_later,
        search_written: wrote.search_written,
        search_parts_taken: wrote.search_parts_taken,
    };
    reuse.keep_written(cache::Written {
        out,
        archive: site.archive,
        templates,
        statics,
    });
    Ok(report)
}

/// Renders and writes the whole site into a new folder that replaces `out`.
fn write_site(
    options: &Options,
    site: &mut Site,
    tera: &tera::Tera,
    out: &Path,
    checked: &Mutex<Option<links::Checked>>,
) -> Result<Wrote> {
    let (count, rendered, searched) = write_whole_site(options, site, tera, out, checked)?;
    site.timings.stage_ended("render + write", rendered);
    if let Some(took) = searched.search_index {
        site.timings.beside("∥ search index", took);
    }
    site.timings.stage(if options.check_links {
        "check links + publish"
    } else {
        "publish"
    });
    Ok(Wrote {
        files: count,
        search_later: None,
        search_written: searched.search_index.map(|_| searched.search_parts),
        search_parts_taken: searched.search_parts_taken,
    })
}

/// A site with errors: an error, or with `keep_going` those articles left out (their errors
/// become warnings). Returns how many files were left out.
fn stop_or_leave_out(site: &mut Site, keep_going: bool) -> Result<usize> {
    if !site.has_errors() {
        return Ok(0);
    }
    if !keep_going {
        return Err(Error::Content(std::mem::take(&mut site.problems)));
    }
    let paths: std::collections::HashSet<&str> = site
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| p.path.as_str())
        .collect();
    let left_out = paths.len();
    site.problems = std::mem::take(&mut site.problems)
        .into_iter()
        .map(Problem::left_out)
        .collect();
    Ok(left_out)
}

/// What writing the site did.
struct Wrote {
    files: usize,
    search_later: Option<search::SearchJob>,
    search_written: Option<search::Digests>,
    search_parts_taken: usize,
}

/// Renders only what `changes` touch and replaces those files in place; then the search index,
/// now or (with [`Options::defer_search`]) left for the caller.
fn write_changes(
    options: &Options,
    site: &mut Site,
    tera: &tera::Tera,
    out: &Path,
    changes: &render::Changes,
) -> Result<Wrote> {
    let outputs = Mutex::new(Vec::new());
    render::render_site(
        tera,
        &site.archive,
        &site.config,
        &site.base,
        Some(changes),
        None,
        &|output| {
            outputs
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(output);
            Ok(())
        },
    )?;
    site.timings.stage("render");
    let outputs = outputs
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut wrote = Wrote {
        files: write::update_files(out, &outputs)?,
        search_later: None,
        search_written: None,
        search_parts_taken: 0,
    };
    site.timings.stage("write changed files");
    if render::search_index_wanted(&site.config, Some(changes)) {
        let job = search::SearchJob {
            articles: site.archive.articles.clone(),
            organisations: site.archive.organisations.clone(),
            config: site.config.search.clone(),
            language: site.config.language.clone(),
            out: out.to_path_buf(),
        };
        if options.defer_search {
            wrote.search_later = Some(job);
        } else {
            let mut parts = search::Digests::new();
            let built = job.build(&parts)?;
            wrote.search_parts_taken = built.iter().filter(|b| b.taken).count();
            wrote.files += write::replace_parts(job.out(), &job.bundles(), built, &mut parts)?;
            wrote.search_written = Some(parts);
            site.timings.stage("search index");
        }
    }
    Ok(wrote)
}

/// The site's warnings, and those about `base_url` (a placeholder, or no scheme and host).
fn with_base_url_warnings(mut warnings: Vec<Problem>, base: &config::BaseUrl) -> Vec<Problem> {
    if base.is_placeholder() {
        warnings.push(
            Problem::warning(
                "site.toml",
                None,
                format!(
                    "base_url is still the placeholder {}: feeds, the sitemap and canonical links point there",
                    base.permalink("")
                ),
            )
            .with_hint("set base_url in site.toml to the address the site will have, or build with --base-url"),
        );
    }
    if base.origin.is_empty() {
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
}

/// Renders every file of the site into a new folder that replaces `out` when all is written
/// (and, with `--check-links`, verified). Returns the number of files written, when the
/// last was (before the check and the swap) and what rendering measured.
fn write_whole_site(
    options: &Options,
    site: &Site,
    tera: &tera::Tera,
    out: &Path,
    checked: &Mutex<Option<links::Checked>>,
) -> Result<(usize, Instant, render::Rendered)> {
    let base = site.base.clone();
    let verify = |dir: &Path| -> Result<()> {
        let (broken, counted) = links::check_counted(dir, &base);
        *checked
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(counted);
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
    let mut rendered = Instant::now();
    let mut measured = render::Rendered::default();
    // The site as the last build left it: its search index's unchanged parts are taken over.
    let earlier = out.is_dir().then_some(out);
    let count = write::write_site(out, &site.root.join("static"), verify, |sink| {
        let counted = |output: render::Output| {
            options.report(ProgressEvent::Step);
            sink(output)
        };
        let result = render::render_site(
            tera,
            &site.archive,
            &site.config,
            &site.base,
            None,
            earlier,
            &counted,
        );
        rendered = Instant::now();
        measured = result?;
        Ok(())
    })?;
    Ok((count, rendered, measured))
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
    /// `renamed`, `duplicates`, `near_duplicates`: what collating the archive decided.
    #[serde(flatten)]
    pub collation: &'a collate::Collation,
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
    /// From a byline, or the front matter's `author`.
    pub author: Option<&'a str>,
    /// The place of a dateline the clean-up took off the lead.
    pub dateline: Option<&'a str>,
    pub summary: &'a str,
    pub word_count: usize,
    pub draft: bool,
    pub caption: Option<&'a str>,
    pub cleanup: &'a model::Cleanup,
    pub organisations: Vec<OrganisationModel<'a>>,
    /// Candidates the decision model turned down, with their confidence: no tag, no page.
    pub rejected_organisations: Vec<OrganisationModel<'a>>,
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
    /// The decision model's confidence, 0–1 (1 for the site's table and front matter).
    pub confidence: f64,
    /// Only credited as a source ("told Reuters"): tagged, but relates no articles. Written
    /// only when true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub credit: bool,
    /// What proposed it: "site", "builtin", "declared", "defined" (a `Full Name (ACRONYM)`),
    /// "text" (a head noun or a context cue), "initials".
    pub evidence: Vec<&'static str>,
    /// Why it was kept or turned down ([`extract::decide::decision`]).
    pub decision: String,
}

impl Site {
    fn organisation_models<'a>(
        &'a self,
        mentions: &'a [model::OrganisationMention],
        kept: bool,
    ) -> Vec<OrganisationModel<'a>> {
        let threshold = extract::decide::threshold(&self.config.extract);
        mentions
            .iter()
            .map(|m| {
                let org = &self.archive.organisations[m.id];
                let confidence = f64::from(m.confidence) / 1000.0;
                OrganisationModel {
                    name: &org.name,
                    slug: &org.slug,
                    mentions: &m.mentions,
                    confidence,
                    credit: m.credit,
                    evidence: extract::decide::evidence_names(m.evidence),
                    decision: extract::decide::decision(m.evidence, confidence, threshold, kept),
                }
            })
            .collect()
    }

    /// The model of every article in path order, with the problems.
    pub fn check_model(&self) -> CheckModel<'_> {
        let mut articles: Vec<&model::TaggedArticle> = self.archive.articles.iter().collect();
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
                    author: a.author.as_deref(),
                    dateline: a.dateline.as_deref(),
                    summary: &a.summary,
                    word_count: a.word_count,
                    draft: a.draft,
                    caption: a.caption.as_deref(),
                    cleanup: &a.cleanup,
                    organisations: self.organisation_models(&a.tags.organisations, true),
                    rejected_organisations: self
                        .organisation_models(&a.tags.rejected_organisations, false),
                    places: &a.tags.places,
                    partners: a
                        .tags
                        .partners
                        .as_ref()
                        .map(|(x, y)| [x.as_str(), y.as_str()]),
                    people: &a.tags.people,
                })
                .collect(),
            problems: &self.problems,
            collation: &self.collation,
        }
    }
}

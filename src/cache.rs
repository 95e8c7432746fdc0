//! What a build keeps for the next one, so `serve` redoes only the work a change needs.
//!
//! With a [`Cache`], [`crate::build_with`] reads and parses only the content files whose size or
//! modification time changed, reads the names of only those articles, keeps the organisation
//! table when no article's names changed (then only the changed articles are tagged), and, when
//! the archive's layout is the same, renders only the pages that show a changed article
//! ([`crate::render::Changes`]). Anything else (the configuration, a template, a static file,
//! another output folder) makes the next build a full one. Without a cache a build does all of
//! it, as `concord build` does.

use crate::config::SiteConfig;
use crate::error::Problem;
use crate::extract::{Reader, Reading, organisations::Tagger};
use crate::index::Archive;
use crate::model::{Article, Organisation};
use crate::render::Changes;
use crate::walk::SourceFile;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// What a build keeps for the next. Start with `Cache::default()` and pass the same one to every
/// build of a site.
#[derive(Default)]
pub struct Cache {
    /// The configuration and `--drafts` everything below was made with.
    pub(crate) settings: Option<(SiteConfig, bool)>,
    /// Each content file as the last build left it, by its relative path.
    pub(crate) files: HashMap<String, CachedFile>,
    pub(crate) reader: Option<Arc<Reader>>,
    /// The organisation table and its tagger, and how many articles it was built from.
    pub(crate) table: Option<(Vec<Organisation>, Tagger, usize)>,
    /// The site the last build wrote.
    pub(crate) written: Option<Written>,
    /// The content files the last walk found, and its problems.
    pub(crate) walked: Option<(Arc<[SourceFile]>, Vec<Problem>)>,
    /// What the caller knows changed since the last build ([`Cache::only_changed`]).
    pub(crate) touched: Option<HashSet<String>>,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("files", &self.files.len())
            .field("written", &self.written.as_ref().map(|w| &w.out))
            .finish_non_exhaustive()
    }
}

impl Cache {
    /// Tells the next build what changed since the last one. `Some(paths)`: only the contents of
    /// these content files (relative to the site root, `/`-separated, as `content/2024/01/a.txt`)
    /// — no file was added, removed or renamed — so the build neither walks `content/` again nor
    /// looks at any other content file (`serve` knows this from the file system's events).
    /// `None`: anything may have changed, and the build looks at every file.
    pub fn only_changed(&mut self, paths: Option<HashSet<String>>) {
        self.touched = paths;
    }

    /// Forgets everything when the settings differ from the ones the cache was made with.
    pub(crate) fn keep_if_same(&mut self, config: &SiteConfig, drafts: bool) {
        if self
            .settings
            .as_ref()
            .is_none_or(|(c, d)| c != config || *d != drafts)
        {
            *self = Cache {
                settings: Some((config.clone(), drafts)),
                ..Cache::default()
            };
        }
    }
}

/// A content file as the last build left it.
pub(crate) struct CachedFile {
    pub stamp: FileStamp,
    pub problems: Vec<Problem>,
    /// The article, tagged when it was published.
    pub article: Option<Arc<Article>>,
    /// Its reading, when it was published.
    pub reading: Option<Reading>,
    /// What its reading found, when it was tagged.
    pub tags: Option<Arc<crate::model::Tags>>,
}

/// What tells a changed file: its size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileStamp {
    len: u64,
    modified: Option<SystemTime>,
    /// Whether the stamp was taken long enough after the modification that a later write must
    /// show a later time. File systems keep times in ticks (a few ms on Linux, up to 2 s on
    /// FAT), so a file written again within the tick it was read in keeps its time: such a
    /// "racy" stamp never vouches for a file (Git's index has the same rule).
    settled: bool,
}

/// How long after its modification a file's stamp is trusted.
const SETTLE: std::time::Duration = std::time::Duration::from_secs(2);

impl FileStamp {
    pub fn of(path: &Path) -> Option<FileStamp> {
        let meta = std::fs::metadata(path).ok()?;
        let modified = meta.modified().ok();
        Some(FileStamp {
            len: meta.len(),
            modified,
            settled: modified
                .and_then(|m| m.elapsed().ok())
                .is_some_and(|age| age >= SETTLE),
        })
    }

    /// Whether a file stamped `earlier` is unchanged now that it is stamped `self`.
    pub fn unchanged_since(&self, earlier: &FileStamp) -> bool {
        earlier.settled && self.len == earlier.len && self.modified == earlier.modified
    }

    /// Whether every file of a tree is unchanged (see [`FileStamp::of_tree`]).
    pub fn tree_unchanged(
        now: &BTreeMap<PathBuf, Option<FileStamp>>,
        earlier: &BTreeMap<PathBuf, Option<FileStamp>>,
    ) -> bool {
        now.len() == earlier.len()
            && now.iter().zip(earlier).all(|((p, a), (q, b))| {
                p == q
                    && match (a, b) {
                        (Some(a), Some(b)) => a.unchanged_since(b),
                        _ => false,
                    }
            })
    }

    /// The stamps of every file below `dir` (none when it does not exist).
    pub fn of_tree(dir: &Path) -> BTreeMap<PathBuf, Option<FileStamp>> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| !e.file_type().is_dir())
            .map(|e| (e.path().to_path_buf(), FileStamp::of(e.path())))
            .collect()
    }
}

/// The site the last build wrote, and what it was made from besides the content.
pub(crate) struct Written {
    pub out: PathBuf,
    pub archive: Archive,
    pub templates: BTreeMap<String, String>,
    pub statics: BTreeMap<PathBuf, Option<FileStamp>>,
}

/// One load's (or build's) use of a [`Cache`], or of none: which files changed since the last
/// build, what of them and of the organisation table can be kept, which pages a change touches,
/// and what to keep for the next build. The stages ask it; only this module touches the cache.
pub(crate) struct Reuse<'c> {
    cache: Option<&'c mut Cache>,
    /// The files the last load left, not yet claimed by this one.
    previous: HashMap<String, CachedFile>,
    /// The only content files that changed since the last build, when the caller knows.
    touched: Option<HashSet<String>>,
}

impl<'c> Reuse<'c> {
    /// Reuse of `cache`; with none, every stage does all its work.
    pub fn of(cache: Option<&'c mut Cache>) -> Reuse<'c> {
        Reuse {
            cache,
            previous: HashMap::new(),
            touched: None,
        }
    }

    /// Starts a load with these settings: a cache made with others is forgotten.
    pub fn begin(&mut self, config: &SiteConfig, drafts: bool) {
        if let Some(cache) = self.cache.as_deref_mut() {
            cache.keep_if_same(config, drafts);
            self.previous = std::mem::take(&mut cache.files);
        }
    }

    /// The content files below `content` and the walk's problems: the last walk's when the
    /// caller said only some files' contents changed since ([`Cache::only_changed`]) and the
    /// last walk found them all; otherwise a new walk's.
    pub fn walk(&mut self, root: &Path, content: &Path) -> (Arc<[SourceFile]>, Vec<Problem>) {
        let Some(cache) = self.cache.as_deref_mut() else {
            let (files, problems) = crate::walk::walk_content(root, content);
            return (files.into(), problems);
        };
        self.touched = cache.touched.take();
        if let (Some(touched), Some((files, problems))) = (&self.touched, &cache.walked)
            && touched
                .iter()
                .all(|t| files.iter().any(|f| f.rel_path == *t))
        {
            return (Arc::clone(files), problems.clone());
        }
        self.touched = None;
        let (files, problems) = crate::walk::walk_content(root, content);
        let walked: (Arc<[SourceFile]>, _) = (files.into(), problems);
        cache.walked = Some(walked.clone());
        walked
    }

    /// Whether what this build does is kept for the next.
    pub fn keeps(&self) -> bool {
        self.cache.is_some()
    }

    /// A content file's stamp (taken only when kept for the next build), and whether the file
    /// is unchanged since the last build read it.
    pub fn stamp(&self, rel_path: &str, abs_path: &Path) -> (Option<FileStamp>, bool) {
        if !self.keeps() {
            return (None, false);
        }
        if let Some(touched) = &self.touched
            && !touched.contains(rel_path)
            && let Some(kept) = self.previous.get(rel_path)
        {
            return (Some(kept.stamp), true);
        }
        let stamp = FileStamp::of(abs_path);
        let unchanged = self
            .previous
            .get(rel_path)
            .zip(stamp)
            .is_some_and(|(kept, now)| now.unchanged_since(&kept.stamp));
        (stamp, unchanged)
    }

    /// What the last build made of an unchanged file, claimed by this load.
    pub fn take(&mut self, rel_path: &str) -> Option<CachedFile> {
        self.previous.remove(rel_path)
    }

    /// What the last build made of a file that changed (not claimed: it is read afresh).
    pub fn previous(&self, rel_path: &str) -> Option<&CachedFile> {
        self.previous.get(rel_path)
    }

    /// The reader: the last build's (its gazetteer is built once), or a new one.
    pub fn reader(&mut self, config: &SiteConfig) -> Arc<Reader> {
        let new = || Arc::new(Reader::new(config));
        match self.cache.as_deref_mut() {
            Some(cache) => Arc::clone(cache.reader.get_or_insert_with(new)),
            None => new(),
        }
    }

    /// The last build's organisation table and tagger, and how many articles made it.
    pub fn take_table(&mut self) -> Option<(Vec<Organisation>, Tagger, usize)> {
        self.cache.as_deref_mut()?.table.take()
    }

    /// Keeps this build's organisation table for the next.
    pub fn keep_table(&mut self, table: &[Organisation], tagger: Tagger, articles: usize) {
        if let Some(cache) = self.cache.as_deref_mut() {
            cache.table = Some((table.to_vec(), tagger, articles));
        }
    }

    /// Keeps what this load made of each file for the next build.
    pub fn remember(&mut self, files: impl Iterator<Item = (String, CachedFile)>) {
        if let Some(cache) = self.cache.as_deref_mut() {
            let mut kept = HashMap::with_capacity(files.size_hint().1.unwrap_or(0));
            kept.extend(files);
            cache.files = kept;
        }
    }

    /// The stamps of the static files (taken only when kept for the next build).
    pub fn statics(&self, dir: &Path) -> BTreeMap<PathBuf, Option<FileStamp>> {
        if self.keeps() {
            FileStamp::of_tree(dir)
        } else {
            BTreeMap::new()
        }
    }

    /// The pages `archive` changes since the last build wrote `out` — when `partial` allows a
    /// partial build and the last build wrote the same folder, which still exists, from the same
    /// templates and static files, and the archive's layout is the same ([`Changes::between`]);
    /// otherwise none: write it all.
    pub fn changes(
        &mut self,
        partial: bool,
        out: &Path,
        templates: &BTreeMap<String, String>,
        statics: &BTreeMap<PathBuf, Option<FileStamp>>,
        archive: &Archive,
    ) -> Option<Changes> {
        let written = self.cache.as_deref_mut()?.written.take()?;
        let same_site = partial
            && written.out == out
            && out.is_dir()
            && written.templates == *templates
            && FileStamp::tree_unchanged(statics, &written.statics);
        same_site
            .then(|| Changes::between(&written.archive, archive))
            .flatten()
    }

    /// Keeps what this build wrote for the next.
    pub fn keep_written(&mut self, written: Written) {
        if let Some(cache) = self.cache.as_deref_mut() {
            cache.written = Some(written);
        }
    }
}

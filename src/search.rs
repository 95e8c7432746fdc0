//! The search index: one [Pagefind](https://pagefind.app) record per article, made from the
//! archive in memory (never by re-reading written pages), written under [`BUNDLE`].
//!
//! Pagefind splits the index into chunks, so a browser loads only the words a query needs and the
//! excerpts of the results it shows. Each record holds:
//! - the text (the article's full text, or only its summary with `[search] full_text = false`);
//! - metadata, searched and weighted above the text (the search page sets the weights): the
//!   title, the organisations with every form articles write them in (so "HKEX" finds the Hong
//!   Kong Stock Exchange), the people, places, partner pair and source; and the date, shown;
//! - filters: organisation, partners, place, person, year, source;
//! - a sort key: the date.

use crate::config::SearchConfig;
use crate::error::{Error, Result};
use crate::model::Output;
use crate::model::{Organisation, TaggedArticle};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use serde::{Deserialize, Serialize};
use siphasher::sip128::{Hasher128, SipHasher13};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hasher;
use std::path::Path;

/// The folder of the site the index is written to (Pagefind's own default name): the newest
/// articles' part, or the whole archive's index when it has one part.
pub const BUNDLE: &str = "pagefind/";

/// The folder of the older articles' parts, each a bundle of its own, numbered from the oldest:
/// `pagefind/older/1/` holds the oldest `[search] newest_first` articles, `pagefind/older/2/`
/// the next, …. A part, once full, keeps its articles as the archive grows, so neither a build
/// nor `serve` need index it again.
pub const OLDER: &str = "pagefind/older/";

/// The folder of the router: a small bundle with one record per older part, holding every word
/// of that part once, so the search page asks it which older parts hold the words typed and
/// loads only those.
pub const ROUTER: &str = "pagefind/router/";

/// The file each bundle holds beside Pagefind's: the digest of the records it was built from
/// ([`Part::digest`]) and a hash of each of its files. A later build, or `serve`, that has the
/// same records for a part takes its files from the folder (each checked against its hash)
/// instead of indexing them again.
pub const PART_FILE: &str = "concord-part.json";

/// The version of Pagefind this build of Concord indexes with (a test checks it against the
/// bundle Pagefind writes): part of every digest, so a part indexed by another Pagefind is never
/// taken for this one's.
const PAGEFIND_VERSION: &str = "1.6.0";

/// The folders below [`BUNDLE`] that hold bundles of their own.
pub const NESTED: [&str; 2] = [OLDER, ROUTER];

/// The folder of the `n`th older part (from 1, the oldest).
pub fn older_part(n: usize) -> String {
    format!("{OLDER}{n}/")
}

/// How many older parts an archive of `articles` articles has: as many full parts of
/// `[search] newest_first` articles, counted from the oldest, as leave at least one article to
/// the newest part (which holds from one to `newest_first`).
fn older_parts(articles: usize, config: &SearchConfig) -> usize {
    match config.newest_first {
        0 => 0,
        size => articles.saturating_sub(1) / size,
    }
}

/// The index's bundles for an archive of `articles` articles, in the order the search page asks
/// them: the newest articles' ([`BUNDLE`]), then the older parts, newest first, then the
/// [`ROUTER`] over them — when there are more than `[search] newest_first` articles.
pub fn bundles(articles: usize, config: &SearchConfig) -> Vec<String> {
    let older = older_parts(articles, config);
    let mut bundles = vec![BUNDLE.to_string()];
    if older > 0 {
        bundles.extend((1..=older).rev().map(older_part));
        bundles.push(ROUTER.to_string());
    }
    bundles
}

/// The files of Pagefind's bundle the search page uses; its own ready-made interfaces are left
/// out (the theme's search page is built on its JavaScript API), and so are the script and the
/// WebAssembly of a bundle other than [`BUNDLE`]: the search page merges it into that one's
/// (Pagefind's `mergeIndex`), which runs them.
fn wanted(name: &str, bundle: &str) -> bool {
    let program = name.ends_with(".js") || name.starts_with("wasm.");
    !(name.starts_with("pagefind-ui.")
        || name.starts_with("pagefind-modular-ui.")
        || name.starts_with("pagefind-component-ui.")
        || name.starts_with("pagefind-highlight.")
        || name.starts_with("playground/")
        || (program && bundle != BUNDLE))
}

/// One article as the index holds it.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Record {
    /// The article's folder below the site root (`/2023/10/slug/`): the search page adds the
    /// base path.
    pub url: String,
    pub content: String,
    pub meta: BTreeMap<String, String>,
    pub filters: BTreeMap<String, Vec<String>>,
    pub sort: BTreeMap<String, String>,
}

/// The record of one article; `organisations` is the archive's table its mentions point into.
pub fn record(
    organisations: &[Organisation],
    article: &TaggedArticle,
    config: &SearchConfig,
) -> Record {
    let iso = article.date.format("%Y-%m-%d").to_string();
    let mut meta = BTreeMap::new();
    let mut filters: BTreeMap<String, Vec<String>> = BTreeMap::new();
    meta.insert("title".to_string(), article.title.clone());
    meta.insert("date".to_string(), iso.clone());
    filters.insert("year".into(), vec![iso[..4].to_string()]);
    // Every form of each organisation: the name, the site's aliases, what this article writes.
    let mut names = Vec::new();
    let mut forms = BTreeSet::new();
    for mention in &article.tags.organisations {
        let org = &organisations[mention.id];
        names.push(org.name.clone());
        forms.insert(org.name.as_str());
        forms.extend(org.aliases.iter().map(String::as_str));
        forms.extend(mention.mentions.iter().map(String::as_str));
    }
    if !names.is_empty() {
        meta.insert("organisations".into(), join(forms));
        filters.insert("organisation".into(), names);
    }
    let people: Vec<String> = article.tags.people.iter().map(|p| p.name.clone()).collect();
    if !people.is_empty() {
        meta.insert("people".into(), people.join(" · "));
        filters.insert("person".into(), people);
    }
    let places: Vec<String> = article.tags.places.iter().map(|p| p.name.clone()).collect();
    if !places.is_empty() {
        meta.insert("places".into(), places.join(" · "));
        filters.insert("place".into(), places);
    }
    if let Some((a, b)) = &article.tags.partners {
        let pair = crate::index::partners_name(a, b);
        meta.insert("partners".into(), pair.clone());
        filters.insert("partners".into(), vec![pair]);
    }
    if let Some(source) = &article.source {
        meta.insert("source".into(), source.clone());
        filters.insert("source".into(), vec![source.clone()]);
    }
    let content = if config.full_text {
        // The text without its headline: the title is indexed (and weighted) as metadata, and
        // excerpts then come from the body.
        article.text.after_headline().trim_start().to_string()
    } else {
        article.summary.clone()
    };
    Record {
        url: format!("/{}", article.relative_url()),
        content,
        meta,
        filters,
        sort: BTreeMap::from([("date".to_string(), iso)]),
    }
}

fn join<'a>(forms: impl IntoIterator<Item = &'a str>) -> String {
    forms.into_iter().collect::<Vec<_>>().join(" · ")
}

/// One part of the index: the [`bundles`] folder it is written to and its records.
#[derive(Debug)]
pub struct Part {
    pub bundle: String,
    pub records: Vec<Record>,
}

impl Part {
    /// What the records are, in a number that stays the same from one run of Concord to the
    /// next (SipHash 1-3, 128 bits, over every field with its length): the same records in the
    /// same language, for the same versions of Concord and Pagefind, give the same digest, so a
    /// part whose digest did not change need not be indexed again.
    pub fn digest(&self, language: &str) -> Digest {
        let mut feed = Feed(SipHasher13::new());
        feed.text(concat!("concord ", env!("CARGO_PKG_VERSION")));
        feed.text(PAGEFIND_VERSION);
        feed.text(language);
        feed.count(self.records.len());
        for record in &self.records {
            feed.text(&record.url);
            feed.text(&record.content);
            feed.map(&record.meta, |feed, value| feed.text(value));
            feed.map(&record.filters, |feed, values| {
                feed.count(values.len());
                values.iter().for_each(|v| feed.text(v));
            });
            feed.map(&record.sort, |feed, value| feed.text(value));
        }
        feed.0.finish128().as_u128()
    }
}

/// A hasher fed with lengths before contents, so no two different sequences feed the same bytes.
struct Feed(SipHasher13);

impl Feed {
    fn count(&mut self, n: usize) {
        self.0.write_u64(n as u64);
    }

    fn text(&mut self, text: &str) {
        self.count(text.len());
        self.0.write(text.as_bytes());
    }

    fn map<V>(&mut self, map: &BTreeMap<String, V>, value: impl Fn(&mut Self, &V)) {
        self.count(map.len());
        for (key, v) in map {
            self.text(key);
            value(self, v);
        }
    }
}

/// A hash of a file's bytes, in hex (for [`PART_FILE`]).
fn file_hash(bytes: &[u8]) -> String {
    let mut hasher = SipHasher13::new();
    hasher.write(bytes);
    format!("{:032x}", hasher.finish128().as_u128())
}

/// What a part's records are ([`Part::digest`]).
pub type Digest = u128;

/// The digest of the records of each bundle of an index ([`Part::digest`]).
pub type Digests = HashMap<String, Digest>;

/// What a bundle's [`PART_FILE`] says.
#[derive(Debug, Serialize, Deserialize)]
struct PartFile {
    /// [`Part::digest`], in hex.
    digest: String,
    /// Each file of the bundle, below its folder, with [`file_hash`] of its bytes.
    files: BTreeMap<String, String>,
}

/// `files`, the files of `bundle`'s part (the entry file last), and then its [`PART_FILE`].
fn with_part_file(mut files: Vec<Output>, bundle: &str, digest: Digest) -> Vec<Output> {
    let part = PartFile {
        digest: format!("{digest:032x}"),
        files: files
            .iter()
            .map(|f| {
                let name = f.rel_path.strip_prefix(bundle).unwrap_or(&f.rel_path);
                (name.to_string(), file_hash(&f.bytes))
            })
            .collect(),
    };
    let json = serde_json::to_vec_pretty(&part).unwrap_or_default();
    files.push(Output {
        rel_path: format!("{bundle}{PART_FILE}"),
        bytes: json,
        from_previous: false,
    });
    files
}

/// The parts of the index a site folder holds, by digest, as their [`PART_FILE`]s say.
#[derive(Debug, Default)]
struct Earlier {
    folder: std::path::PathBuf,
    parts: HashMap<Digest, Vec<(String, PartFile)>>,
}

impl Earlier {
    /// The parts in `folder`'s bundles; a bundle without a readable part file is not one.
    fn read(folder: &Path) -> Earlier {
        let mut bundles = vec![BUNDLE.to_string(), ROUTER.to_string()];
        if let Ok(entries) = std::fs::read_dir(folder.join(OLDER)) {
            bundles.extend(
                entries
                    .filter_map(std::result::Result::ok)
                    .map(|e| format!("{OLDER}{}/", e.file_name().to_string_lossy())),
            );
        }
        bundles.sort();
        let mut parts: HashMap<Digest, Vec<(String, PartFile)>> = HashMap::new();
        for bundle in bundles {
            let Ok(bytes) = std::fs::read(folder.join(&bundle).join(PART_FILE)) else {
                continue;
            };
            let Ok(part) = serde_json::from_slice::<PartFile>(&bytes) else {
                continue;
            };
            if let Ok(digest) = Digest::from_str_radix(&part.digest, 16) {
                parts.entry(digest).or_default().push((bundle, part));
            }
        }
        Earlier {
            folder: folder.to_path_buf(),
            parts,
        }
    }

    /// The files of a part with this digest, for `bundle`, when the folder holds them: from the
    /// same bundle, or from another (the newest part of an archive that grew is an older part
    /// now), so long as that one holds every file `bundle` needs. Each file must have the hash
    /// its part file gives.
    fn files(&self, digest: Digest, bundle: &str) -> Option<Vec<Output>> {
        let usable = |from: &str| from == bundle || from == BUNDLE || bundle != BUNDLE;
        self.parts
            .get(&digest)?
            .iter()
            .filter(|(from, _)| usable(from))
            .find_map(|(from, part)| {
                use rayon::prelude::*;
                if !part.files.keys().all(|name| a_file_name(name)) {
                    return None;
                }
                let mut files = part
                    .files
                    .par_iter()
                    .filter(|(name, _)| wanted(name, bundle))
                    .map(|(name, hash)| {
                        let bytes = std::fs::read(self.folder.join(from).join(name)).ok()?;
                        (file_hash(&bytes) == *hash).then(|| Output {
                            rel_path: format!("{bundle}{name}"),
                            bytes,
                            from_previous: from == bundle,
                        })
                    })
                    .collect::<Option<Vec<Output>>>()?;
                entry_last(&mut files);
                Some(files)
            })
    }
}

/// Whether a part file's `name` is one Pagefind writes in a bundle: a relative path of ASCII
/// letters, digits, `.`, `_` and `-`, in folders, never `..` (a part file names nothing outside its
/// folder, whatever it says).
fn a_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
        })
}

/// Puts the entry file, which names the others, last: written last, a reader never finds it
/// ahead of them.
fn entry_last(outputs: &mut [Output]) {
    outputs.sort_by(|a, b| {
        let key = |o: &Output| {
            (
                o.rel_path.ends_with("pagefind-entry.json"),
                o.rel_path.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
}

/// A part of the index, built: where it goes, the digest of its records, and its files.
#[derive(Debug)]
pub struct Built {
    pub bundle: String,
    pub digest: Digest,
    /// Whether its files were taken from the index already in the site folder (not indexed).
    pub taken: bool,
    pub files: Vec<Output>,
}

/// The parts of the index of these articles (an archive's, newest first), in [`bundles`] order.
pub fn parts(
    articles: &[TaggedArticle],
    organisations: &[Organisation],
    config: &SearchConfig,
) -> Vec<Part> {
    use rayon::prelude::*;
    let bundles = bundles(articles.len(), config);
    let records: Vec<Record> = articles
        .par_iter()
        .map(|a| record(organisations, a, config))
        .collect();
    let older = older_parts(articles.len(), config);
    if older == 0 {
        return vec![Part {
            bundle: BUNDLE.to_string(),
            records,
        }];
    }
    // The newest part, then full parts down to the oldest.
    let (newest, rest) = records.split_at(records.len() - older * config.newest_first);
    let mut parts = vec![Part {
        bundle: BUNDLE.to_string(),
        records: newest.to_vec(),
    }];
    parts.extend(
        bundles[1..=older]
            .iter()
            .zip(rest.chunks(config.newest_first))
            .map(|(bundle, records)| Part {
                bundle: bundle.clone(),
                records: records.to_vec(),
            }),
    );
    let router = parts[1..].par_iter().map(route).collect();
    parts.push(Part {
        bundle: ROUTER.to_string(),
        records: router,
    });
    parts
}

/// The router's record of an older part: every word its records are searched by (text and
/// metadata), once each, every value of every filter its records carry (so a search by
/// organisation or year is routed too), and the filter `route` naming the part. Pagefind reads the words as it
/// reads them in the part (the same splitting, stemming and prefix matching), so the router
/// answers a query for every part that holds all its words — a part whose articles hold them
/// only between them too, which the part itself then turns down.
fn route(part: &Part) -> Record {
    // Millions of words go in, a few ten thousand stay: a hash set, sorted once at the end.
    let mut words = rustc_hash::FxHashSet::default();
    let mut filters: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for record in &part.records {
        words.extend(record.content.split_whitespace());
        for (field, value) in &record.meta {
            if field != "date" {
                words.extend(value.split_whitespace());
            }
        }
        for (filter, values) in &record.filters {
            filters
                .entry(filter)
                .or_default()
                .extend(values.iter().map(String::as_str));
        }
    }
    let mut filters: BTreeMap<String, Vec<String>> = filters
        .into_iter()
        .map(|(f, values)| {
            (
                f.to_string(),
                values.into_iter().map(String::from).collect(),
            )
        })
        .collect();
    filters.insert("route".to_string(), vec![part.bundle.clone()]);
    let mut words: Vec<&str> = words.into_iter().collect();
    words.sort_unstable();
    Record {
        url: format!("/{}", part.bundle),
        content: words.join(" "),
        meta: BTreeMap::new(),
        filters,
        sort: BTreeMap::new(),
    }
}

/// Builds these parts one after another, but not those whose digest `unchanged` gives for their
/// bundle (the index already written holds them). A part whose records the index in the site
/// folder `earlier` holds ([`PART_FILE`]) is taken from there, not indexed again. Returns them in
/// the order of `parts`.
pub fn build_parts(
    parts: Vec<Part>,
    language: &str,
    unchanged: &Digests,
    earlier: Option<&Path>,
) -> Result<Vec<Built>> {
    let built = std::sync::Mutex::new(Vec::new());
    build_parts_into(parts, language, unchanged, earlier, 1, &|position, part| {
        built
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((position, part));
        Ok(())
    })?;
    let mut built = built
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    built.sort_by_key(|(position, _)| *position);
    Ok(built.into_iter().map(|(_, part)| part).collect())
}

/// [`build_parts`], handing each part to `each` (with its position in `parts`) as soon as it is
/// built, from any thread, so no more than the parts being built are held in memory. With
/// `side_by_side` above one, that many parts are indexed at once, each on a thread of its own.
pub fn build_parts_into(
    parts: Vec<Part>,
    language: &str,
    unchanged: &Digests,
    earlier: Option<&Path>,
    side_by_side: usize,
    each: &(dyn Fn(usize, Built) -> Result<()> + Sync),
) -> Result<()> {
    let earlier = earlier.map(Earlier::read).unwrap_or_default();
    let wanted: Vec<(usize, Digest, Part)> = parts
        .into_iter()
        .enumerate()
        .map(|(position, part)| (position, part.digest(language), part))
        .filter(|(_, digest, part)| unchanged.get(&part.bundle) != Some(digest))
        .collect();
    let build = |(position, digest, part): (usize, Digest, Part)| -> Result<()> {
        let taken = earlier.files(digest, &part.bundle);
        let taken_files = taken.is_some();
        let files = match taken {
            Some(files) => files,
            None => index_records(part.records, language, &part.bundle)?,
        };
        let built = Built {
            files: with_part_file(files, &part.bundle, digest),
            taken: taken_files,
            bundle: part.bundle,
            digest,
        };
        each(position, built)
    };
    let threads = side_by_side.clamp(1, wanted.len().max(1));
    if threads == 1 {
        return wanted.into_iter().try_for_each(build);
    }
    // Side by side, each part on a thread of its own that is no rayon worker: Pagefind runs
    // rayon inside its async calls, so a part indexed on a rayon worker would let that worker,
    // waiting in Pagefind, take up another part's job and start a second runtime on a thread
    // already driving one (a panic: "Cannot start a runtime from within a runtime"). A thread
    // of our own only waits for Pagefind's rayon jobs; it never takes one of ours.
    let queue = std::sync::Mutex::new(wanted.into_iter());
    let failed = std::sync::Mutex::new(None);
    let next = || {
        if failed.lock().map_or(true, |f| f.is_some()) {
            return None;
        }
        queue.lock().ok()?.next()
    };
    std::thread::scope(|scope| {
        for k in 0..threads {
            let (next, build, failed) = (&next, &build, &failed);
            let spawned = std::thread::Builder::new()
                .name(format!("concord-index-{k}"))
                .spawn_scoped(scope, move || {
                    while let Some(part) = next() {
                        if let Err(e) = build(part) {
                            let mut failed = failed
                                .lock()
                                .unwrap_or_else(std::sync::PoisonError::into_inner);
                            failed.get_or_insert(e);
                        }
                    }
                });
            if let Err(e) = spawned {
                failed
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .get_or_insert(Error::Search(format!("cannot start a thread: {e}")));
            }
        }
    });
    match failed
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
    {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// How many parts of the index a whole build indexes at once (each parallel inside Pagefind
/// too): two halve the wall time the index takes on two cores, and hold two parts' Pagefind
/// state in memory.
const PARTS_SIDE_BY_SIDE: usize = 2;

/// The whole index of these articles, collected: what the tests compare ([`index_into`] is what
/// a build uses).
#[cfg(test)]
pub fn index(
    articles: &[TaggedArticle],
    organisations: &[Organisation],
    config: &SearchConfig,
    language: &str,
    earlier: Option<&Path>,
) -> Result<Vec<Built>> {
    build_parts(
        parts(articles, organisations, config),
        language,
        &Digests::new(),
        earlier,
    )
}

/// Builds the index of these articles (an archive's, newest first): each of its [`bundles`]
/// (built side by side, or taken from the index of the site folder `earlier` where that holds
/// the same records), handing each part to `each` as soon as it is built ([`build_parts_into`]);
/// the same articles always give the same bytes. What a build writing the whole site does.
pub fn index_into(
    articles: &[TaggedArticle],
    organisations: &[Organisation],
    config: &SearchConfig,
    language: &str,
    earlier: Option<&Path>,
    each: &(dyn Fn(Built) -> Result<()> + Sync),
) -> Result<()> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    build_parts_into(
        parts(articles, organisations, config),
        language,
        &Digests::new(),
        earlier,
        cores.min(PARTS_SIDE_BY_SIDE),
        &|_, built| each(built),
    )
}

/// The search index of a rebuild, left for after its pages are written (what `serve` does: an
/// edit shows at once, the index follows). [`SearchJob::build`] makes its files, and the caller
/// writes them into [`SearchJob::out`] with `write::replace_bundle`.
#[derive(Debug)]
pub struct SearchJob {
    pub(crate) articles: Vec<TaggedArticle>,
    pub(crate) organisations: Vec<Organisation>,
    pub(crate) config: SearchConfig,
    pub(crate) language: String,
    pub(crate) out: std::path::PathBuf,
}

/// Lowers the calling thread's scheduling priority to the least (Linux: nice 19, per thread),
/// so work done on it yields the CPU to anything else the process does. Elsewhere it does
/// nothing.
pub fn lower_this_threads_priority() {
    #[cfg(target_os = "linux")]
    {
        let _ = rustix::process::setpriority_process(Some(rustix::thread::gettid()), 19);
    }
}

impl SearchJob {
    /// Builds the index's parts (the long part; nothing is written), but not those whose
    /// records have the digest `unchanged` gives for their bundle; a part the folder's index
    /// holds elsewhere (the newest part become an older one) is taken from there.
    pub fn build(&self, unchanged: &Digests) -> Result<Vec<Built>> {
        build_parts(
            parts(&self.articles, &self.organisations, &self.config),
            &self.language,
            unchanged,
            Some(&self.out),
        )
    }

    /// [`SearchJob::build`] at the lowest priority, on threads of its own (Pagefind's parallel
    /// parts included), so it slows no rebuild running at the same time.
    pub fn build_in_background(&self, unchanged: &Digests) -> Result<Vec<Built>> {
        lower_this_threads_priority();
        let pool = rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("concord-search-{i}"))
            .start_handler(|_| lower_this_threads_priority())
            .build()
            .map_err(|e| Error::Search(e.to_string()))?;
        pool.install(|| self.build(unchanged))
    }

    /// The bundles this job's index has.
    pub fn bundles(&self) -> Vec<String> {
        bundles(self.articles.len(), &self.config)
    }

    /// The output folder the index belongs in (written with [`crate::write::replace_bundle`]).
    pub fn out(&self) -> &std::path::Path {
        &self.out
    }
}

/// Builds the index of these records (in this order) and returns its files, under `bundle`.
pub fn index_records(records: Vec<Record>, language: &str, bundle: &str) -> Result<Vec<Output>> {
    let failed = |e: &dyn std::fmt::Display| Error::Search(e.to_string());
    // Pagefind's interface is async; a runtime on this thread (and its blocking pool) runs it.
    // Its blocking threads run at the priority of the thread that asks (see
    // `lower_this_threads_priority`).
    let background = is_background();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .on_thread_start(move || {
            if background {
                lower_this_threads_priority();
            }
        })
        .build()
        .map_err(|e| failed(&e))?;
    let language = pagefind_language(language);
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .force_language(language.clone())
            .build();
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| failed(&e))?;
        for r in records {
            index
                .add_custom_record(
                    r.url,
                    r.content,
                    language.clone(),
                    Some(r.meta),
                    Some(r.filters),
                    Some(r.sort),
                )
                .await
                .map_err(|e| failed(&e))?;
        }
        let files = index.get_files().await.map_err(|e| failed(&e))?;
        let mut outputs: Vec<Output> = files
            .into_iter()
            .filter_map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                wanted(&name, bundle).then(|| Output {
                    rel_path: format!("{bundle}{name}"),
                    bytes: f.contents,
                    from_previous: false,
                })
            })
            .collect();
        entry_last(&mut outputs);
        Ok(outputs)
    })
}

/// Whether the calling thread runs at the lowest priority ([`lower_this_threads_priority`]).
fn is_background() -> bool {
    #[cfg(target_os = "linux")]
    {
        rustix::process::getpriority_process(Some(rustix::thread::gettid()))
            .is_ok_and(|nice| nice >= 19)
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// Pagefind's language code for a BCP 47 tag: its primary subtag, lower case (`zh-Hant` → `zh`).
fn pagefind_language(tag: &str) -> String {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_lowercase();
    if primary.is_empty() {
        "en".to_string()
    } else {
        primary
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record_of(text: &str) -> Record {
        Record {
            url: "/2024/01/a/".into(),
            content: text.into(),
            meta: BTreeMap::from([("title".to_string(), "A title".to_string())]),
            filters: BTreeMap::from([("year".to_string(), vec!["2024".to_string()])]),
            sort: BTreeMap::from([("date".to_string(), "2024-01-02".to_string())]),
        }
    }

    #[test]
    fn the_bundle_holds_the_script_the_index_and_no_ready_made_interface() {
        let files =
            index_records(vec![record_of("Lanterns over the harbour")], "en", BUNDLE).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.rel_path.as_str()).collect();
        assert!(names.contains(&"pagefind/pagefind.js"), "{names:?}");
        assert!(names.contains(&"pagefind/wasm.en.pagefind"), "{names:?}");
        assert!(
            names.iter().any(|n| n.ends_with(".pf_fragment")),
            "{names:?}"
        );
        assert!(names.iter().any(|n| n.ends_with(".pf_index")), "{names:?}");
        assert!(names.iter().any(|n| n.ends_with(".pf_filter")), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("-ui")), "{names:?}");
        assert_eq!(names.last(), Some(&"pagefind/pagefind-entry.json"));
    }

    #[test]
    fn the_same_records_give_the_same_bytes_and_other_text_other_bytes() {
        let records = || {
            (0..40)
                .map(|n| Record {
                    url: format!("/2024/01/a{n}/"),
                    ..record_of(&format!("Story {n} of the ferry and the bridge"))
                })
                .collect::<Vec<_>>()
        };
        let first = index_records(records(), "en", BUNDLE).unwrap();
        assert_eq!(first, index_records(records(), "en", BUNDLE).unwrap());
        let mut changed = records();
        changed[3].content = "A wholly different word: lighthouse".into();
        assert_ne!(first, index_records(changed, "en", BUNDLE).unwrap());
    }

    #[test]
    fn a_record_holds_the_text_the_names_in_every_form_and_the_filters() {
        use crate::model::{NamedMention, Organisation, Person};
        let organisations = vec![Organisation {
            name: "Harbour Clearing House".into(),
            slug: "harbour-clearing-house".into(),
            aliases: vec!["HCH".into()],
        }];
        let mut a = crate::index::tests::article("ferry", "2024-03-09", &[0]);
        let fields = crate::index::tests::fields(&mut a);
        fields.title = "Ferry deal".into();
        fields.text = "Ferry deal\n\nThe Clearing House signed with Ana Lis in Harwick.".into();
        fields.source = Some("Tide News".into());
        let tags = crate::index::tests::tags(&mut a);
        tags.organisations[0].mentions = vec!["the Clearing House".into()];
        tags.people = vec![Person {
            name: "Ana Lis".into(),
            role: None,
            mentions: vec![],
        }];
        tags.places = vec![NamedMention {
            name: "Harwick".into(),
            mentions: vec![],
        }];
        tags.partners = Some(("Harwick".into(), "Alder".into()));
        let full = record(&organisations, &a, &SearchConfig::default());
        assert_eq!(full.url, "/2024/03/ferry/");
        assert_eq!(
            full.content,
            "The Clearing House signed with Ana Lis in Harwick."
        );
        assert_eq!(full.meta["title"], "Ferry deal");
        assert_eq!(full.meta["date"], "2024-03-09");
        assert_eq!(
            full.meta["organisations"],
            "HCH · Harbour Clearing House · the Clearing House"
        );
        assert_eq!(full.filters["organisation"], ["Harbour Clearing House"]);
        assert_eq!(full.filters["person"], ["Ana Lis"]);
        assert_eq!(full.filters["place"], ["Harwick"]);
        assert_eq!(full.filters["partners"], ["Alder – Harwick"]);
        assert_eq!(full.filters["source"], ["Tide News"]);
        assert_eq!(full.filters["year"], ["2024"]);
        assert_eq!(full.sort["date"], "2024-03-09");
        let summary_only = SearchConfig {
            full_text: false,
            ..SearchConfig::default()
        };
        assert_eq!(record(&organisations, &a, &summary_only).content, a.summary);
    }

    #[test]
    fn the_newest_articles_get_a_part_of_their_own_and_the_older_ones_parts_and_a_router() {
        let config = SearchConfig {
            newest_first: 2,
            ..SearchConfig::default()
        };
        assert_eq!(bundles(2, &config), [BUNDLE]);
        assert_eq!(bundles(3, &config), [BUNDLE, "pagefind/older/1/", ROUTER]);
        assert_eq!(
            bundles(6, &config),
            [BUNDLE, "pagefind/older/2/", "pagefind/older/1/", ROUTER]
        );
        let one = SearchConfig {
            newest_first: 0,
            ..config.clone()
        };
        assert_eq!(bundles(3, &one), [BUNDLE]);
        let articles = seven_articles();
        let built = index(&articles, &[], &config, "en", None).unwrap();
        assert_eq!(
            built.iter().map(|b| b.bundle.as_str()).collect::<Vec<_>>(),
            [
                BUNDLE,
                "pagefind/older/3/",
                "pagefind/older/2/",
                "pagefind/older/1/",
                ROUTER
            ]
        );
        let files: Vec<Output> = built.into_iter().flat_map(|b| b.files).collect();
        let pages = |entry: &str| -> u64 {
            let file = files.iter().find(|f| f.rel_path == entry).unwrap();
            let json: serde_json::Value = serde_json::from_slice(&file.bytes).unwrap();
            json["languages"]["en"]["page_count"].as_u64().unwrap()
        };
        assert_eq!(pages("pagefind/pagefind-entry.json"), 1);
        assert_eq!(pages("pagefind/older/3/pagefind-entry.json"), 2);
        assert_eq!(pages("pagefind/older/1/pagefind-entry.json"), 2);
        assert_eq!(pages("pagefind/router/pagefind-entry.json"), 3);
        // The other bundles are merged into the newest one's Pagefind, which runs its program.
        let has = |name: &str| files.iter().any(|f| f.rel_path == name);
        assert!(has("pagefind/pagefind.js") && has("pagefind/wasm.en.pagefind"));
        for other in ["pagefind/older/1/", ROUTER] {
            assert!(!has(&format!("{other}pagefind.js")));
            assert!(!has(&format!("{other}wasm.en.pagefind")));
            assert!(!has(&format!("{other}pagefind-worker.js")));
        }
        // Each bundle's entry file comes after every other file of Pagefind's in that bundle,
        // and the part file, which lists them all, after the entry file.
        let (mut seen, mut listed) = (Vec::new(), Vec::new());
        for file in &files {
            let bundle = file.rel_path.rsplit_once('/').unwrap().0;
            assert!(
                !listed.contains(&bundle),
                "{} after its part file",
                file.rel_path
            );
            if file.rel_path.ends_with(PART_FILE) {
                assert!(seen.contains(&bundle), "{} before its entry", file.rel_path);
                listed.push(bundle);
                continue;
            }
            assert!(!seen.contains(&bundle), "{} after its entry", file.rel_path);
            if file.rel_path.ends_with("pagefind-entry.json") {
                seen.push(bundle);
            }
        }
        assert_eq!(listed.len(), 5, "every bundle has its part file");
        let whole = index(&articles, &[], &one, "en", None).unwrap();
        assert_eq!(whole.len(), 1);
        assert!(!whole[0].files.iter().any(|f| f.rel_path.starts_with(OLDER)));
    }

    /// Seven articles, newest first, as an archive holds them.
    fn seven_articles() -> Vec<TaggedArticle> {
        [
            ("g", "2024-12-01"),
            ("f", "2024-11-01"),
            ("e", "2024-09-01"),
            ("d", "2024-07-01"),
            ("c", "2024-05-01"),
            ("b", "2024-03-01"),
            ("a", "2023-01-01"),
        ]
        .iter()
        .map(|(path, date)| crate::index::tests::article(path, date, &[]))
        .collect()
    }

    #[test]
    fn a_part_is_built_again_only_when_its_articles_change() {
        let config = SearchConfig {
            newest_first: 2,
            ..SearchConfig::default()
        };
        let articles = seven_articles();
        // A part whose records are unchanged is not built again; a changed one is.
        let digests = |parts: &[Part]| -> Digests {
            parts
                .iter()
                .map(|p| (p.bundle.clone(), p.digest("en")))
                .collect()
        };
        let mut parts = parts(&articles, &[], &config);
        let unchanged = digests(&parts);
        parts[0].records[0].content.push_str(" Lighthouse.");
        let again = build_parts(parts, "en", &unchanged, None).unwrap();
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].bundle, BUNDLE);
        assert_ne!(again[0].digest, unchanged[BUNDLE]);
        // A new article changes the newest part only: the older parts keep their articles; when
        // the newest part was full, it becomes an older part (and the router changes).
        let changed = |before: &[TaggedArticle], after: &[TaggedArticle]| {
            let before = digests(&super::parts(before, &[], &config));
            let mut changed: Vec<String> = digests(&super::parts(after, &[], &config))
                .into_iter()
                .filter(|(bundle, digest)| before.get(bundle) != Some(digest))
                .map(|(bundle, _)| bundle)
                .collect();
            changed.sort();
            changed
        };
        let mut grown = articles.clone();
        grown.insert(0, crate::index::tests::article("h", "2025-01-01", &[]));
        assert_eq!(changed(&articles, &grown), [BUNDLE]);
        assert_eq!(
            changed(&articles[1..], &articles),
            [BUNDLE, "pagefind/older/3/", ROUTER]
        );
    }

    #[test]
    fn the_router_holds_each_word_of_a_part_once_and_names_the_part() {
        let records = vec![
            Record {
                meta: BTreeMap::from([
                    ("title".to_string(), "Ferry deal".to_string()),
                    ("date".to_string(), "2024-01-02".to_string()),
                ]),
                ..record_of("The ferry sails at dawn")
            },
            record_of("the ferry returns at dusk"),
        ];
        let part = Part {
            bundle: older_part(4),
            records,
        };
        let routed = route(&part);
        assert_eq!(
            routed.content,
            "A Ferry The at dawn deal dusk ferry returns sails the title"
        );
        assert_eq!(routed.filters["route"], ["pagefind/older/4/"]);
        assert_eq!(routed.filters["year"], ["2024"], "each value once");
        assert!(!routed.filters.contains_key("part"));
        assert!(routed.sort.is_empty());
    }

    /// Writes built parts into `folder` as a build does.
    fn write_into(folder: &Path, built: &[Built]) {
        for file in built.iter().flat_map(|b| &b.files) {
            let path = folder.join(&file.rel_path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &file.bytes).unwrap();
        }
    }

    #[test]
    fn a_part_the_folder_holds_is_taken_from_it_when_its_records_are_the_same() {
        let config = SearchConfig {
            newest_first: 2,
            ..SearchConfig::default()
        };
        let articles = seven_articles();
        let folder = tempfile::tempdir().unwrap();
        let fresh = index(&articles, &[], &config, "en", None).unwrap();
        write_into(folder.path(), &fresh);
        // The same records: every part comes from the folder, byte for byte what indexing gives.
        let earlier = Earlier::read(folder.path());
        assert_eq!(earlier.parts.len(), 5);
        for part in &fresh {
            let taken = earlier.files(part.digest, &part.bundle).unwrap();
            // Each marked as the folder's own file, for the writer to link.
            assert!(taken.iter().all(|f| f.from_previous), "{}", part.bundle);
            let contents = |f: &Output| (f.rel_path.clone(), f.bytes.clone());
            let built: Vec<_> = part
                .files
                .iter()
                .filter(|f| !f.rel_path.ends_with(PART_FILE))
                .map(contents)
                .collect();
            assert_eq!(
                taken.iter().map(contents).collect::<Vec<_>>(),
                built,
                "{}",
                part.bundle
            );
        }
        let again = index(&articles, &[], &config, "en", Some(folder.path())).unwrap();
        let bytes = |built: &[Built]| -> Vec<(String, Vec<u8>)> {
            let mut files: Vec<_> = built
                .iter()
                .flat_map(|b| &b.files)
                .map(|f| (f.rel_path.clone(), f.bytes.clone()))
                .collect();
            files.sort();
            files
        };
        assert_eq!(bytes(&again), bytes(&fresh));
        // Another language is another index.
        let other = parts(&articles, &[], &config);
        assert!(earlier.files(other[0].digest("de"), BUNDLE).is_none());
        // A file that is not what the part file says it is: the part is indexed again.
        let entry = folder.path().join("pagefind/older/2/pagefind-entry.json");
        std::fs::write(&entry, b"{}").unwrap();
        let older_2 = fresh
            .iter()
            .find(|b| b.bundle == "pagefind/older/2/")
            .unwrap();
        let earlier = Earlier::read(folder.path());
        assert!(earlier.files(older_2.digest, &older_2.bundle).is_none());
        assert!(earlier.files(fresh[0].digest, BUNDLE).is_some());
        // A missing file likewise.
        std::fs::remove_file(folder.path().join("pagefind/pagefind.js")).unwrap();
        assert!(
            Earlier::read(folder.path())
                .files(fresh[0].digest, BUNDLE)
                .is_none()
        );
        // A part file that names a file outside its folder is not followed, whatever its hash.
        let secret = folder.path().join("secret.txt");
        std::fs::write(&secret, b"not the index's").unwrap();
        let router = fresh.iter().find(|b| b.bundle == ROUTER).unwrap();
        let part_file = folder.path().join(ROUTER).join(PART_FILE);
        let mut part: PartFile =
            serde_json::from_slice(&std::fs::read(&part_file).unwrap()).unwrap();
        part.files
            .insert("../../secret.txt".into(), file_hash(b"not the index's"));
        std::fs::write(&part_file, serde_json::to_vec(&part).unwrap()).unwrap();
        assert!(
            Earlier::read(folder.path())
                .files(router.digest, ROUTER)
                .is_none()
        );
    }

    #[test]
    fn a_part_file_names_only_files_inside_its_folder() {
        for name in [
            "pagefind-entry.json",
            "fragment/en_1a2b.pf_fragment",
            "wasm.en.pagefind",
        ] {
            assert!(a_file_name(name), "{name}");
        }
        for name in [
            "",
            "../x",
            "a/../../x",
            "/etc/passwd",
            "a//b",
            "./x",
            "a\\..\\b",
            "x y",
        ] {
            assert!(!a_file_name(name), "{name}");
        }
    }

    #[test]
    fn the_newest_part_of_a_smaller_archive_is_taken_as_an_older_part_of_the_grown_one() {
        let config = SearchConfig {
            newest_first: 2,
            ..SearchConfig::default()
        };
        let articles = seven_articles();
        let folder = tempfile::tempdir().unwrap();
        // Six articles: the newest part holds two, which become older part 3 at seven.
        let before = index(&articles[1..], &[], &config, "en", None).unwrap();
        write_into(folder.path(), &before);
        let grown = parts(&articles, &[], &config);
        let older_3 = grown
            .iter()
            .find(|p| p.bundle == "pagefind/older/3/")
            .unwrap();
        let digest = older_3.digest("en");
        assert_eq!(digest, before[0].digest, "the same records");
        let taken = Earlier::read(folder.path())
            .files(digest, "pagefind/older/3/")
            .unwrap();
        let names: Vec<&str> = taken.iter().map(|f| f.rel_path.as_str()).collect();
        assert!(names.iter().all(|n| n.starts_with("pagefind/older/3/")));
        assert_eq!(names.last(), Some(&"pagefind/older/3/pagefind-entry.json"));
        assert!(
            !names.contains(&"pagefind/older/3/pagefind.js"),
            "{names:?}"
        );
        let indexed = index_records(older_3.records.clone(), "en", "pagefind/older/3/").unwrap();
        assert_eq!(taken, indexed);
        // An older part has no program: it cannot stand for the newest part.
        let older_1 = &before
            .iter()
            .find(|b| b.bundle == "pagefind/older/1/")
            .unwrap();
        assert!(
            Earlier::read(folder.path())
                .files(older_1.digest, BUNDLE)
                .is_none()
        );
    }

    #[test]
    fn the_pagefind_version_in_every_digest_is_the_one_that_indexes() {
        let files = index_records(vec![record_of("Lanterns")], "en", BUNDLE).unwrap();
        let entry = files
            .iter()
            .find(|f| f.rel_path == "pagefind/pagefind-entry.json")
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&entry.bytes).unwrap();
        assert_eq!(json["version"], PAGEFIND_VERSION, "update PAGEFIND_VERSION");
    }

    #[test]
    fn languages_are_primary_subtags() {
        assert_eq!(pagefind_language("zh-Hant"), "zh");
        assert_eq!(pagefind_language("EN_gb"), "en");
        assert_eq!(pagefind_language(""), "en");
    }
}

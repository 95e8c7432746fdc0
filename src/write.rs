//! Write stage: outputs and static files → the output folder, all or nothing.
//!
//! The site is written into a fresh sibling folder (`.NAME.concord-new`) and swapped in only
//! when every file is written, so a failed build leaves the previous site exactly as it was,
//! and files that no longer belong to the site disappear. A file whose bytes are those of the
//! previous site's is not written again but hard-linked from it: cheaper than creating a new
//! file, and it keeps its modification time, so deploy tools that compare times (rsync) upload
//! only what changed.
//!
//! Only a folder Concord wrote is ever replaced: each build leaves a marker file,
//! [`MARKER`], and a non-empty folder without it is refused. One build at a time writes an
//! output folder: a lock file beside it ([`lock_output`]) makes a second build fail at once,
//! naming the process that holds it. An output folder that is a mount point (a Docker volume,
//! a CI cache) cannot be swapped, so its contents are replaced instead: the new site is written
//! inside it, then moved into place entry by entry.

use crate::assets;
use crate::error::{Error, Result};
use crate::model::{Output, Sink};
use crate::paths::{lexical_normalise, slash_relative};
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Makes a path absolute and removes `.` and `..` without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    if path.is_absolute() {
        lexical_normalise(path)
    } else {
        lexical_normalise(&std::env::current_dir().unwrap_or_default().join(path))
    }
}

/// The file every built site holds, so that a later build knows the folder is Concord's.
pub const MARKER: &str = ".concord-site";

/// The output folder to write: absolute, without `.` or `..`, and, when it is a symbolic link,
/// the folder it points to (so the link keeps pointing at the published site).
pub fn resolve_output(out: &Path) -> PathBuf {
    let out = normalise(out);
    match fs::symlink_metadata(&out) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(&out).unwrap_or(out),
        _ => out,
    }
}

/// Holds the output folder for one build; released when dropped.
#[derive(Debug)]
pub struct OutputLock {
    _file: fs::File,
    path: PathBuf,
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Takes the output folder for this build: an exclusive lock on `.NAME.concord-lock` beside it.
/// When another build holds it, fails at once saying which process does.
pub fn lock_output(out: &Path) -> Result<OutputLock> {
    use std::io::{Read, Seek, Write};
    let (parent, name) = parent_and_name(out);
    fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let path = parent.join(format!(".{name}.concord-lock"));
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    if let Err(e) = file.try_lock() {
        let mut holder = String::new();
        let _ = file.read_to_string(&mut holder);
        let holder = holder.trim();
        return Err(Error::Output {
            path: out.to_path_buf(),
            message: match e {
                fs::TryLockError::WouldBlock => format!(
                    "another concord build{} is writing this output folder; wait for it to finish, or build into another --output",
                    if holder.is_empty() {
                        String::new()
                    } else {
                        format!(" (process {holder})")
                    }
                ),
                fs::TryLockError::Error(e) => format!("cannot lock {}: {e}", path.display()),
            },
        });
    }
    let _ = file.set_len(0);
    let _ = file.rewind();
    let _ = write!(file, "{}", std::process::id());
    Ok(OutputLock { _file: file, path })
}

fn parent_and_name(out: &Path) -> (PathBuf, String) {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".to_string());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    (parent.to_path_buf(), name)
}

/// Refuses output folders whose replacement would destroy the site or more.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<()> {
    let root = fs::canonicalize(root).unwrap_or_else(|_| normalise(root));
    let out_norm = match (out.parent(), out.file_name()) {
        (Some(parent), Some(name)) if parent.exists() => fs::canonicalize(parent)
            .map(|p| p.join(name))
            .unwrap_or_else(|_| normalise(out)),
        _ => normalise(out),
    };
    let refuse = |why: &str| {
        Err(Error::Output {
            path: out.to_path_buf(),
            message: format!("refusing to use this as the output folder: {why}"),
        })
    };
    if out_norm.parent().is_none() {
        return refuse("it is the file system root");
    }
    if root.starts_with(&out_norm) {
        return refuse("it is the site itself or a folder that contains it");
    }
    for own in ["content", "templates", "static"] {
        if out_norm.starts_with(root.join(own)) {
            return refuse(&format!("it is inside the site's {own}/ folder"));
        }
    }
    if out_norm.exists() {
        if !out_norm.is_dir() {
            return refuse("it exists and is not a folder");
        }
        let empty = fs::read_dir(&out_norm)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty && !out_norm.join(MARKER).is_file() {
            return refuse(&format!(
                "it is a folder that Concord did not build (it has no {MARKER} file), and a build replaces everything in it; choose another --output, or empty it yourself (a site built by an older Concord: remove it once)"
            ));
        }
    }
    Ok(())
}

/// Working folders of an output folder: (new, old). Siblings of it, or inside it when it is a
/// mount point (it cannot be swapped, and a rename across file systems fails).
fn work_dirs(out: &Path) -> (PathBuf, PathBuf) {
    if is_mount_point(out) {
        return (out.join(".concord-new"), out.join(".concord-old"));
    }
    let (parent, name) = parent_and_name(out);
    (
        parent.join(format!(".{name}.concord-new")),
        parent.join(format!(".{name}.concord-old")),
    )
}

/// Whether `out` is a folder on another file system than its parent's (a mount point).
fn is_mount_point(out: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let parent = out.parent().filter(|p| !p.as_os_str().is_empty());
        if let (Ok(this), Some(Ok(above))) = (fs::metadata(out), parent.map(fs::metadata)) {
            return this.is_dir() && this.dev() != above.dev();
        }
    }
    let _ = out;
    false
}

/// Removes a folder and everything in it, if it exists. The files of each folder, and then the
/// folders of each depth, are removed in parallel: a site is tens of thousands of small files,
/// and removing them one by one measured as slow as writing them.
fn remove_if_present(path: &Path) -> Result<()> {
    if fs::symlink_metadata(path).is_err() {
        return Ok(());
    }
    let mut by_depth: Vec<Vec<PathBuf>> = Vec::new();
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in walkdir::WalkDir::new(path).follow_links(false) {
        let entry = entry.map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))?;
        if entry.file_type().is_dir() {
            if by_depth.len() <= entry.depth() {
                by_depth.resize(entry.depth() + 1, Vec::new());
            }
            by_depth[entry.depth()].push(entry.into_path());
        } else {
            files.push(entry.into_path());
        }
    }
    let remove_each = |paths: &[PathBuf], remove: fn(&Path) -> std::io::Result<()>| {
        paths.par_iter().try_for_each(|path| match remove(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
            _ => Ok(()),
        })
    };
    remove_each(&files, |file| fs::remove_file(file))?;
    for level in by_depth.iter().rev() {
        remove_each(level, |dir| fs::remove_dir(dir))?;
    }
    Ok(())
}

/// A check of the newly written folder that must pass before it is published.
pub type Verify<'a> = &'a dyn Fn(&Path) -> Result<()>;

/// Writes the site into `out`, replacing what was there only if everything was written.
/// `produce` hands each rendered file to the sink it is given, which writes it at once (from
/// any thread), so the site is never held in memory. `site_static` (if it exists) is copied on
/// top of the embedded static files. `verify`, when given, checks the new folder before it
/// replaces the old one. Returns the number of files written.
pub fn write_site(
    out: &Path,
    site_static: &Path,
    verify: Option<Verify>,
    produce: impl FnOnce(Sink) -> Result<()>,
) -> Result<usize> {
    let _lock = lock_output(out)?;
    let (new_dir, old_dir) = work_dirs(out);
    // Left over from an interrupted build.
    remove_if_present(&new_dir)?;
    remove_if_present(&old_dir)?;
    let previous = out.is_dir().then_some(out);
    let result = fill(&new_dir, previous, site_static, produce)
        .and_then(|count| match verify {
            Some(verify) => verify(&new_dir).map(|()| count),
            None => Ok(count),
        })
        .and_then(|count| whole(&new_dir).map(|()| count));
    let count = match result {
        Ok(count) => count,
        Err(e) => {
            let _ = fs::remove_dir_all(&new_dir);
            return Err(in_output(e, &new_dir, out));
        }
    };
    if new_dir.starts_with(out) {
        replace_contents(&new_dir, out, &old_dir)?;
    } else {
        swap_in(&new_dir, out, &old_dir)?;
    }
    remove_if_present(&old_dir)?;
    remove_if_present(&new_dir)?;
    Ok(count)
}

/// Checks a written site before it is published: its marker and home page are there.
fn whole(dir: &Path) -> Result<()> {
    for needed in [MARKER, "index.html"] {
        if !dir.join(needed).is_file() {
            return Err(Error::Output {
                path: dir.to_path_buf(),
                message: format!("the new site has no {needed}; it was not published"),
            });
        }
    }
    Ok(())
}

/// An error about a file of the working folder, told as the output file it was to become.
fn in_output(error: Error, work: &Path, out: &Path) -> Error {
    match error {
        Error::Io { path, source } => match path.strip_prefix(work) {
            Ok(rel) => Error::Io {
                path: out.join(rel),
                source,
            },
            Err(_) => Error::Io { path, source },
        },
        other => other,
    }
}

/// Publishes `new_dir` (inside `out`, a mount point) by moving `out`'s other entries into
/// `old_dir` (also inside) and then `new_dir`'s entries up into `out`: not one atomic step, but
/// a failure before the first move leaves the old site, and the end is the whole new site.
fn replace_contents(new_dir: &Path, out: &Path, old_dir: &Path) -> Result<()> {
    let keep = |p: &Path| p == new_dir || p == old_dir;
    fs::create_dir_all(old_dir).map_err(|e| Error::io(old_dir, e))?;
    let entries = |dir: &Path| -> Result<Vec<PathBuf>> {
        let mut paths: Vec<PathBuf> = fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .filter_map(std::result::Result::ok)
            .map(|e| e.path())
            .collect();
        paths.sort();
        Ok(paths)
    };
    for old in entries(out)?.into_iter().filter(|p| !keep(p)) {
        let to = old_dir.join(old.file_name().unwrap_or_default());
        fs::rename(&old, &to).map_err(|e| Error::io(&old, e))?;
    }
    for new in entries(new_dir)? {
        let to = out.join(new.file_name().unwrap_or_default());
        fs::rename(&new, &to).map_err(|e| Error::io(&to, e))?;
    }
    Ok(())
}

/// Puts `new_dir` in the place of `out`. On Linux the two folders are exchanged in one atomic
/// step (`renameat2(RENAME_EXCHANGE)`), so there is no moment without a site, whenever the
/// process is stopped; the old site is then in `new_dir`. Elsewhere (or on file systems without
/// the exchange) `out` is first moved to `old_dir`.
fn swap_in(new_dir: &Path, out: &Path, old_dir: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    if out.exists() {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, new_dir, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    if out.exists() {
        fs::rename(out, old_dir).map_err(|e| Error::io(out, e))?;
    }
    if let Err(e) = fs::rename(new_dir, out) {
        let _ = fs::rename(old_dir, out);
        let _ = fs::remove_dir_all(new_dir);
        return Err(Error::io(out, e));
    }
    Ok(())
}

/// Replaces files of the site in `out` in place, each atomically (written beside it, then
/// renamed over it), skipping those whose bytes are already there. For `serve`'s rebuilds of a
/// few files: unlike [`write_site`], a failure part-way leaves the files written so far.
/// Returns the number of files replaced.
pub fn update_files(out: &Path, outputs: &[Output]) -> Result<usize> {
    let mut written = 0;
    for output in outputs {
        let path = out.join(&output.rel_path);
        if output.from_previous || holds(&path, &output.bytes) {
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let temporary = path.with_file_name(format!(".{name}.concord-new"));
        write_file(&temporary, &output.bytes, None, false)?;
        fs::rename(&temporary, &path).map_err(|e| Error::io(&path, e))?;
        written += 1;
    }
    Ok(written)
}

/// Writes one bundle of the search index (`outputs`, all under `bundle`, one of
/// [`crate::search::bundles`]) as [`update_files`] does, then removes the index files of the old
/// bundle that the new one does not hold (Pagefind names them by their contents:
/// `*.pf_fragment`, `*.pf_index`, `*.pf_filter`, `*.pf_meta`; no other file is touched, nor
/// another bundle in a folder below). Returns the number of files written.
pub fn replace_bundle(out: &Path, bundle: &str, outputs: &[Output]) -> Result<usize> {
    // A file named by its contents that is there holds them: only the others are compared.
    let changed: Vec<Output> = outputs
        .iter()
        .filter(|o| {
            let path = out.join(&o.rel_path);
            !(named_by_contents(&path) && path.is_file())
        })
        .cloned()
        .collect();
    let written = update_files(out, &changed)?;
    let keep: std::collections::HashSet<PathBuf> =
        outputs.iter().map(|o| out.join(&o.rel_path)).collect();
    remove_index_files(out, bundle, |path| {
        named_by_contents(path) && !keep.contains(path)
    })?;
    Ok(written)
}

/// Whether Pagefind names the file at `path` by its contents (`*.pf_fragment`, `*.pf_index`,
/// `*.pf_filter`, `*.pf_meta`).
fn named_by_contents(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.starts_with("pf_"))
}

/// Removes the files of the search index's `bundle` (a folder of `out`) that `remove` names, but
/// not those of the bundles in folders below it ([`crate::search::NESTED`]). Returns the folders
/// it went through, deepest last.
fn remove_index_files(
    out: &Path,
    bundle: &str,
    remove: impl Fn(&Path) -> bool,
) -> Result<Vec<PathBuf>> {
    let nested: Vec<PathBuf> = crate::search::NESTED
        .iter()
        .filter(|n| n.starts_with(bundle) && **n != bundle)
        .map(|n| out.join(n))
        .collect();
    let mut folders = Vec::new();
    for entry in walkdir::WalkDir::new(out.join(bundle))
        .into_iter()
        .filter_entry(|e| !nested.iter().any(|n| e.path() == n))
        .filter_map(|e| e.ok())
    {
        let path = entry.path();
        if entry.file_type().is_dir() {
            folders.push(path.to_path_buf());
        } else if entry.file_type().is_file() && remove(path) {
            fs::remove_file(path).map_err(|e| Error::io(path, e))?;
        }
    }
    Ok(folders)
}

/// Removes the older parts of the search index (and its router) that `bundles`, the index's
/// bundles now, no longer has: an archive that shrank. Only the index's files go (Pagefind's and
/// the part file), and the folders
/// left empty.
fn remove_stale_bundles(out: &Path, bundles: &[String]) -> Result<()> {
    use crate::search::{OLDER, ROUTER};
    let mut stale: Vec<String> = Vec::new();
    if let Ok(entries) = fs::read_dir(out.join(OLDER)) {
        stale.extend(
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .map(|e| format!("{OLDER}{}/", e.file_name().to_string_lossy())),
        );
    }
    if out.join(ROUTER).is_dir() {
        stale.push(ROUTER.to_string());
    }
    for bundle in stale.iter().filter(|b| !bundles.contains(b)) {
        let folders = remove_index_files(out, bundle, |path| {
            named_by_contents(path)
                || path
                    .file_name()
                    .is_some_and(|n| n == "pagefind-entry.json" || n == crate::search::PART_FILE)
        })?;
        // Deepest first; a folder that still holds anything stays.
        for folder in folders.iter().rev() {
            let _ = fs::remove_dir(folder);
        }
    }
    let _ = fs::remove_dir(out.join(OLDER));
    Ok(())
}

/// Writes the built parts of the search index ([`replace_bundle`] each) into `out`, whose index
/// now has these `bundles`, and records in `written` the digest of each part the folder now
/// holds (a part is forgotten while it is being written); then removes the parts the index no
/// longer has. Returns the number of files written.
pub fn replace_parts(
    out: &Path,
    bundles: &[String],
    built: Vec<crate::search::Built>,
    written: &mut crate::search::Digests,
) -> Result<usize> {
    written.retain(|bundle, _| bundles.contains(bundle));
    let mut files = 0;
    for part in built {
        written.remove(&part.bundle);
        files += replace_bundle(out, &part.bundle, &part.files)?;
        written.insert(part.bundle, part.digest);
    }
    remove_stale_bundles(out, bundles)?;
    Ok(files)
}

/// Whether the file at `path` holds exactly `bytes` (sizes compared first).
fn holds(path: &Path, bytes: &[u8]) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && fs::read(path).is_ok_and(|old| old == bytes)
}

/// Writes `bytes` at `path`, creating its folder; when the file `same` (of the previous site)
/// holds those bytes, hard-links it instead. `read_from_same`: the bytes were read from `same`
/// and checked already ([`Output::from_previous`]), so it is linked without reading it again.
fn write_file(path: &Path, bytes: &[u8], same: Option<&Path>, read_from_same: bool) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    if let Some(old) = same
        && (read_from_same || holds(old, bytes))
        && fs::hard_link(old, path).is_ok()
    {
        return Ok(());
    }
    fs::write(path, bytes).map_err(|e| Error::io(path, e))
}

fn fill(
    dir: &Path,
    previous: Option<&Path>,
    site_static: &Path,
    produce: impl FnOnce(Sink) -> Result<()>,
) -> Result<usize> {
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut statics: std::collections::BTreeMap<String, Vec<u8>> = assets::STATIC
        .iter()
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect();
    if site_static.is_dir() {
        for entry in walkdir::WalkDir::new(site_static).sort_by_file_name() {
            let entry = entry.map_err(|e| {
                Error::io(
                    e.path().unwrap_or(site_static),
                    std::io::Error::other(e.to_string()),
                )
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = slash_relative(entry.path(), site_static);
            let bytes = fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            statics.insert(rel, bytes);
        }
    }
    let write = |rel: &str, bytes: &[u8], from_previous: bool| {
        write_file(
            &dir.join(rel),
            bytes,
            previous.map(|p| p.join(rel)).as_deref(),
            from_previous,
        )
    };
    for (rel, bytes) in &statics {
        write(rel, bytes, false)?;
    }
    write(
        MARKER,
        concat!("concord ", env!("CARGO_PKG_VERSION"), "\n").as_bytes(),
        false,
    )?;
    let written = AtomicUsize::new(statics.len());
    produce(&|output: Output| {
        if let Some(clash) = static_clash(&statics, &output.rel_path) {
            return Err(Error::Output {
                path: site_static.join(clash),
                message: format!(
                    "this static file takes the place of the generated {}; rename or move it",
                    output.rel_path
                ),
            });
        }
        write(&output.rel_path, &output.bytes, output.from_previous)?;
        written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    })?;
    Ok(written.into_inner())
}

/// A static file that stands where a generated file's folder must be (`static/archive` and
/// `archive/index.html`).
fn static_clash<'a>(
    statics: &'a std::collections::BTreeMap<String, Vec<u8>>,
    rel: &str,
) -> Option<&'a str> {
    rel.match_indices('/')
        .map(|(at, _)| &rel[..at])
        .find_map(|folder| statics.get_key_value(folder).map(|(k, _)| k.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_the_site_its_folders_parents_and_root() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        fs::create_dir_all(root.join("content")).unwrap();
        for bad in [
            root.to_path_buf(),
            root.join("content"),
            root.join("content/sub"),
            root.join("static"),
            root.join("templates"),
            root.parent().unwrap().to_path_buf(),
            PathBuf::from("/"),
        ] {
            assert!(check_output_dir(root, &bad).is_err(), "{}", bad.display());
        }
        assert!(check_output_dir(root, &root.join("public")).is_ok());
    }

    #[test]
    fn refuses_a_folder_that_is_not_a_built_site() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("docs");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("notes.txt"), "keep me").unwrap();
        assert!(check_output_dir(site.path(), &out).is_err());
    }

    #[test]
    fn a_mount_point_gets_its_contents_replaced() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("volume");
        fs::create_dir_all(out.join("old-folder")).unwrap();
        fs::write(out.join("index.html"), "old").unwrap();
        fs::write(out.join("old-folder/x.html"), "old").unwrap();
        let (new_dir, old_dir) = (out.join(".concord-new"), out.join(".concord-old"));
        fs::create_dir_all(new_dir.join("2024")).unwrap();
        fs::write(new_dir.join("index.html"), "new").unwrap();
        fs::write(new_dir.join("2024/y.html"), "new").unwrap();
        replace_contents(&new_dir, &out, &old_dir).unwrap();
        remove_if_present(&old_dir).unwrap();
        remove_if_present(&new_dir).unwrap();
        let mut names: Vec<_> = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["2024", "index.html"]);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
    }

    #[test]
    fn swap_replaces_old_files_and_cleans_up() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        let page = |p: &str| Output {
            rel_path: p.into(),
            bytes: b"x".to_vec(),
            from_previous: false,
        };
        let none = Path::new("/nonexistent");
        write_site(&out, none, None, |sink| {
            sink(page("index.html"))?;
            sink(page("old/index.html"))
        })
        .unwrap();
        let count = write_site(&out, none, None, |sink| sink(page("index.html"))).unwrap();
        assert_eq!(count, 1 + assets::STATIC.len());
        assert!(out.join("index.html").exists());
        assert!(!out.join("old").exists());
        assert!(out.join("style.css").exists());
        let names: Vec<_> = fs::read_dir(site.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["public"]);
    }

    #[test]
    #[cfg(unix)]
    fn a_file_read_from_the_previous_site_is_linked_from_it_and_others_are_compared() {
        use std::os::unix::fs::MetadataExt;
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        let none = Path::new("/nonexistent");
        let file = |rel: &str, bytes: &[u8], from_previous| Output {
            rel_path: rel.into(),
            bytes: bytes.to_vec(),
            from_previous,
        };
        write_site(&out, none, None, |sink| {
            sink(file("index.html", b"home", false))?;
            sink(file("same.txt", b"old", false))?;
            sink(file("taken.txt", b"old", false))?;
            sink(file("changed.txt", b"old", false))
        })
        .unwrap();
        let inode = |rel: &str| fs::metadata(out.join(rel)).unwrap().ino();
        let before = [inode("same.txt"), inode("taken.txt"), inode("changed.txt")];
        write_site(&out, none, None, |sink| {
            sink(file("index.html", b"home", false))?;
            sink(file("same.txt", b"old", false))?;
            // Not read again: the writer takes the flag's word for it.
            sink(file("taken.txt", b"new", true))?;
            sink(file("changed.txt", b"new", false))
        })
        .unwrap();
        assert_eq!(inode("same.txt"), before[0]);
        assert_eq!(inode("taken.txt"), before[1]);
        assert_eq!(fs::read(out.join("taken.txt")).unwrap(), b"old");
        assert_ne!(inode("changed.txt"), before[2]);
        assert_eq!(fs::read(out.join("changed.txt")).unwrap(), b"new");
    }

    #[test]
    fn a_bundle_is_replaced_without_touching_the_bundles_below_it() {
        use crate::search::BUNDLE;
        let site = tempfile::tempdir().unwrap();
        let out = site.path();
        let file = |rel: &str, bytes: &[u8]| Output {
            rel_path: rel.into(),
            bytes: bytes.to_vec(),
            from_previous: false,
        };
        for rel in [
            "pagefind/fragment/old.pf_fragment",
            "pagefind/older/1/fragment/kept.pf_fragment",
            "pagefind/router/index/kept.pf_index",
            "pagefind/notes.txt",
        ] {
            fs::create_dir_all(out.join(rel).parent().unwrap()).unwrap();
            fs::write(out.join(rel), "old").unwrap();
        }
        let written = replace_bundle(
            out,
            BUNDLE,
            &[
                file("pagefind/fragment/new.pf_fragment", b"new"),
                file("pagefind/pagefind-entry.json", b"{}"),
            ],
        )
        .unwrap();
        assert_eq!(written, 2);
        assert!(out.join("pagefind/fragment/new.pf_fragment").is_file());
        assert!(!out.join("pagefind/fragment/old.pf_fragment").exists());
        assert!(
            out.join("pagefind/older/1/fragment/kept.pf_fragment")
                .is_file()
        );
        assert!(out.join("pagefind/router/index/kept.pf_index").is_file());
        assert!(
            out.join("pagefind/notes.txt").is_file(),
            "not Pagefind's: kept"
        );
        // An older part replaced in its turn: its own stale file goes.
        let part = "pagefind/older/1/";
        replace_bundle(
            out,
            part,
            &[file("pagefind/older/1/index/a.pf_index", b"a")],
        )
        .unwrap();
        assert!(
            !out.join("pagefind/older/1/fragment/kept.pf_fragment")
                .exists()
        );
        assert!(out.join("pagefind/fragment/new.pf_fragment").is_file());
    }

    #[test]
    fn parts_the_index_no_longer_has_go_and_nothing_else() {
        use crate::search::{BUNDLE, Built, Digests, ROUTER};
        let site = tempfile::tempdir().unwrap();
        let out = site.path();
        for rel in [
            "pagefind/pagefind-entry.json",
            "pagefind/older/1/pagefind-entry.json",
            "pagefind/older/2/pagefind-entry.json",
            "pagefind/older/2/index/a.pf_index",
            "pagefind/older/2/notes.txt",
            "pagefind/older/3/fragment/b.pf_fragment",
            "pagefind/older/3/concord-part.json",
            "pagefind/router/pagefind-entry.json",
            "pagefind/router/concord-part.json",
        ] {
            fs::create_dir_all(out.join(rel).parent().unwrap()).unwrap();
            fs::write(out.join(rel), "old").unwrap();
        }
        let mut written = Digests::from([
            ("pagefind/older/2/".to_string(), 7),
            (BUNDLE.to_string(), 8),
        ]);
        let built = vec![Built {
            bundle: BUNDLE.to_string(),
            digest: 9,
            taken: false,
            files: vec![Output {
                rel_path: "pagefind/pagefind-entry.json".into(),
                bytes: b"{}".to_vec(),
                from_previous: false,
            }],
        }];
        // The archive shrank: the newest part and one older part, and the router.
        let bundles = [BUNDLE, "pagefind/older/1/", ROUTER].map(String::from);
        replace_parts(out, &bundles, built, &mut written).unwrap();
        assert_eq!(written, Digests::from([(BUNDLE.to_string(), 9)]));
        assert!(out.join("pagefind/older/1/pagefind-entry.json").is_file());
        assert!(out.join("pagefind/router/pagefind-entry.json").is_file());
        assert!(!out.join("pagefind/older/2/pagefind-entry.json").exists());
        assert!(!out.join("pagefind/older/2/index").exists());
        assert!(
            out.join("pagefind/older/2/notes.txt").is_file(),
            "not Pagefind's: kept"
        );
        assert!(!out.join("pagefind/older/3").exists());
        // One part again: the router and every older part go.
        replace_parts(out, &[BUNDLE.to_string()], vec![], &mut written).unwrap();
        assert!(!out.join("pagefind/router").exists());
        assert!(!out.join("pagefind/older/1").exists());
        assert!(out.join("pagefind/pagefind-entry.json").is_file());
    }
}

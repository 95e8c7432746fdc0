//! Walk stage: finds the article files below `content/`, in a deterministic order.

use crate::error::Problem;
use crate::parse::Format;
use crate::paths::slash_relative;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One article file found below `content/`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root, `/`-separated: how messages and the model name it.
    pub rel_path: String,
    pub abs_path: PathBuf,
    pub format: Format,
}

/// Lists `*.txt` and `*.md` files below `content_dir`, sorted by path. Hidden files and folders
/// are skipped; other files, symbolic links and unreadable folders are reported as problems.
pub fn walk_content(root: &Path, content_dir: &Path) -> (Vec<SourceFile>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let rel = |path: &Path| slash_relative(path, root);
    if !content_dir.is_dir() {
        problems.push(
            Problem::error(&rel(content_dir), None, "the content folder does not exist")
                .with_hint("create content/ and put the articles (*.txt, *.md) in it"),
        );
        return (files, problems);
    }
    let walker = WalkDir::new(content_dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().map(rel).unwrap_or_else(|| "content".to_string());
                problems.push(Problem::error(&path, None, format!("cannot read: {e}")));
                continue;
            }
        };
        let path = entry.path();
        // content/ itself may be a symbolic link to the archive: it is followed, and fine.
        if entry.file_type().is_dir() || entry.depth() == 0 {
            continue;
        }
        if let Some(problem) = not_a_regular_file(&entry, &rel(path)) {
            problems.push(problem);
            continue;
        }
        let format = match path.extension().and_then(|e| e.to_str()) {
            Some("txt") => Format::Native,
            Some("md") => Format::Markdown,
            _ => {
                problems.push(
                    Problem::warning(&rel(path), None, "not an article (*.txt or *.md); ignored")
                        .with_hint("move other files to static/, or rename the file"),
                );
                continue;
            }
        };
        let rel_path = rel(path);
        // Only an escaped name (`%XX`) can read like another file's.
        if rel_path.contains('%')
            && let Some(twin) = files.iter().find(|f| f.rel_path == rel_path)
        {
            problems.push(
                Problem::error(
                    &rel_path,
                    None,
                    format!(
                        "this file's name and {}'s read the same (a name that is not UTF-8)",
                        twin.abs_path.display()
                    ),
                )
                .with_hint("rename one of them, in UTF-8"),
            );
            continue;
        }
        files.push(SourceFile {
            rel_path,
            abs_path: path.to_path_buf(),
            format,
        });
    }
    (files, problems)
}

/// The warning for an entry that is not a regular file (a symbolic link, a FIFO, a socket…),
/// which is skipped without being opened; `None` for a regular file.
fn not_a_regular_file(entry: &walkdir::DirEntry, rel: &str) -> Option<Problem> {
    if entry.path_is_symlink() {
        let message = if entry.path().exists() {
            "symbolic link not followed; skipped"
        } else {
            "broken symbolic link; skipped"
        };
        return Some(
            Problem::warning(rel, None, message)
                .with_hint("copy the article into content/ instead of linking to it")
                .with_kind("special-file"),
        );
    }
    (!entry.file_type().is_file()).then(|| {
        Problem::warning(
            rel,
            None,
            format!(
                "{} is not an article; skipped without opening it",
                crate::paths::file_kind(&entry.file_type())
            ),
        )
        .with_hint("only regular files are read from content/; remove it from there")
        .with_kind("special-file")
    })
}

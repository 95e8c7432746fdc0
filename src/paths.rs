//! Path helpers shared by the stages that name files: walk, render, write and the link check.

use std::path::{Component, Path, PathBuf};

/// `path` relative to `base`, with `/` separators whatever the platform: how messages, the model
/// and the output name files. A path outside `base` is given whole.
pub fn slash_relative(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Removes `.` and `..` from a path without touching the file system.
pub fn lexical_normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_use_slashes_and_normalising_drops_dots() {
        assert_eq!(
            slash_relative(Path::new("/s/content/a/b.txt"), Path::new("/s")),
            "content/a/b.txt"
        );
        assert_eq!(
            lexical_normalise(Path::new("/s/a/./b/../c")),
            PathBuf::from("/s/a/c")
        );
    }
}

//! Path helpers shared by the stages that name files: walk, render, write and the link check.

use std::path::{Component, Path, PathBuf};

/// `path` relative to `base`, with `/` separators whatever the platform: how messages, the model
/// and the output name files. A path outside `base` is given whole. A name that is not UTF-8
/// keeps its other bytes as `%XX`, so two such names never become one.
pub fn slash_relative(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| name_text(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/")
}

/// A file name as text: itself when it is UTF-8, else its UTF-8 runs with every other byte
/// written `%XX`.
pub fn name_text(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, str> {
    if let Some(text) = name.to_str() {
        return std::borrow::Cow::Borrowed(text);
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for byte in chunk.invalid() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
        std::borrow::Cow::Owned(out)
    }
    #[cfg(not(unix))]
    name.to_string_lossy()
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

/// Reads a file that must be a regular file of at most `max` bytes. Anything else — a FIFO, a
/// socket, a device, a folder — is refused without blocking on it: it is opened non-blocking,
/// and its type is checked on the open handle (so a file swapped after a check cannot slip in).
pub fn read_regular_file(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, ErrorKind, Read};
    let mut open = std::fs::OpenOptions::new();
    open.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        open.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = open.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            format!("not a regular file ({})", file_kind(&meta.file_type())),
        ));
    }
    if meta.len() > max {
        return Err(Error::new(
            ErrorKind::FileTooLarge,
            format!("{} bytes, more than the limit of {max}", meta.len()),
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(Error::new(
            ErrorKind::FileTooLarge,
            format!("more than the limit of {max} bytes"),
        ));
    }
    Ok(bytes)
}

/// What kind of file a non-regular file is, in words.
pub fn file_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_file() {
        "a file"
    } else {
        "not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_stay_apart() {
        use std::os::unix::ffi::OsStrExt;
        let a = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        let b = std::ffi::OsStr::from_bytes(b"caf\xe8.txt");
        assert_eq!(name_text(a), "caf%E9.txt");
        assert_ne!(name_text(a), name_text(b));
    }

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

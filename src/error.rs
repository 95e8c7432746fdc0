//! Problems found in a site (collected, then reported together) and the errors that stop a build.

use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

/// How bad a problem is: errors fail `build` and `check`, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One thing wrong with one input file, with the line when it is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    /// 1-based line number, when the problem sits on one line.
    pub line: Option<usize>,
    pub severity: Severity,
    pub message: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// What kind of import decision a warning reports (`encoding`, `renamed-url`, `duplicate`…):
    /// the warnings `--strict` turns into errors, counted by kind in reports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
}

impl Problem {
    pub fn error(path: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        Problem {
            path: path.to_string(),
            line,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
            kind: None,
        }
    }

    pub fn warning(path: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(path, line, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Marks the problem as an import decision of this kind (see [`Problem::kind`]).
    pub fn with_kind(mut self, kind: &'static str) -> Self {
        self.kind = Some(kind);
        self
    }

    /// Under `--strict`, an import decision is an error: the file is left out or the build stops.
    pub fn strict(mut self) -> Self {
        if self.kind.is_some() {
            self.severity = Severity::Error;
        }
        self
    }

    /// Under `--keep-going`, an error leaves its article out of the build instead of stopping it.
    pub fn left_out(mut self) -> Self {
        if self.is_error() {
            self.severity = Severity::Warning;
            self.message = format!("left out of the build: {}", self.message);
            self.kind = Some("left-out");
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// `content/2024/03/strike.txt:4: error: invalid date … (hint: …)`, the form editors jump to.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.line {
            Some(line) => write!(f, "{}:{line}: {severity}: {}", self.path, self.message)?,
            None => write!(f, "{}: {severity}: {}", self.path, self.message)?,
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Why a command could not finish. Content problems are collected first, so one run reports all of them.
#[derive(Debug)]
pub enum Error {
    /// `site.toml` is missing, unreadable or invalid, or a command-line override is.
    Config { path: PathBuf, message: String },
    /// One or more articles have errors; the list also holds the warnings.
    Content(Vec<Problem>),
    /// A template failed to parse or render.
    Template { name: String, message: String },
    /// Reading or writing a file failed.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The output folder is one that must never be replaced.
    Output { path: PathBuf, message: String },
    /// `--check-links` found links that lead nowhere; the site was not published.
    BrokenLinks(Vec<String>),
    /// The search index could not be built.
    Search(String),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The documented exit code: 1 for content errors, 2 for configuration and usage errors.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Content(_) => 1,
            Error::Config { .. } | Error::Output { .. } => 2,
            Error::Template { .. }
            | Error::Io { .. }
            | Error::BrokenLinks(_)
            | Error::Search(_) => 1,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config { path, message } => write!(f, "{}: {message}", path.display()),
            Error::Content(problems) => {
                let errors = problems.iter().filter(|p| p.is_error()).count();
                write!(
                    f,
                    "{errors} error{} in the content; nothing was written",
                    if errors == 1 { "" } else { "s" }
                )
            }
            Error::Template { name, message } => write!(f, "template {name}: {message}"),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Output { path, message } => write!(f, "{}: {message}", path.display()),
            Error::Search(message) => write!(
                f,
                "cannot build the search index: {message}; nothing was written (to build without it, set enabled = false under [search] in site.toml)"
            ),
            Error::BrokenLinks(links) => write!(
                f,
                "{} broken link{}; the previous site was left in place",
                links.len(),
                if links.len() == 1 { "" } else { "s" }
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// The 1-based line of a byte offset in `text`.
pub fn line_of_offset(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

//! Problems as people read them, in the style of rustc: `path:line:column: severity: message`
//! (the form editors jump to), the offending line with a marker under it, and the hint. Colour
//! only on a terminal: anstream drops it for pipes and files and honours `NO_COLOR`.

use anstyle::{AnsiColor, Style};
use concord::{Problem, Severity};
use std::collections::HashMap;
use std::path::Path;

/// The widest part of a line shown under a problem, in characters.
const SHOWN: usize = 120;

/// Prints how long each stage of a build took, and the memory in use after it, to stderr.
pub fn print_timings(timings: &concord::Timings) {
    for (stage, took, rss) in &timings.stages {
        let rss = rss.map_or(String::new(), |kib| {
            format!("  {:7.1} MiB resident", kib as f64 / 1024.0)
        });
        errln!("{stage:>22}  {:8.1} ms{rss}", took.as_secs_f64() * 1000.0);
    }
}

/// `1 article`, `2 articles`.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// `3013 renamed-url, 12 encoding`: the warnings that carry a kind, counted, most first.
pub fn count_by_kind(problems: &[Problem]) -> Option<String> {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for kind in problems
        .iter()
        .filter(|p| !p.is_error())
        .filter_map(|p| p.kind)
    {
        *counts.entry(kind).or_default() += 1;
    }
    let mut counts: Vec<(&str, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    (!counts.is_empty()).then(|| {
        counts
            .iter()
            .map(|(kind, n)| format!("{n} {kind}"))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// Prints every problem to stderr, reading each file once for the lines it shows.
pub fn print(root: &Path, problems: &[Problem]) {
    let mut sources: HashMap<&str, Option<String>> = HashMap::new();
    for problem in problems {
        let source = sources.entry(problem.path.as_str()).or_insert_with(|| {
            // Only a regular file is opened: a problem may be about a FIFO or a device.
            let bytes = concord::paths::read_regular_file(&root.join(&problem.path), 64 << 20);
            bytes.ok().map(|b| String::from_utf8_lossy(&b).into_owned())
        });
        errln!("{}", render(problem, source.as_deref()));
    }
}

/// Text from a file or a file name made safe for a terminal: control characters (an escape
/// sequence could set the window title, clear the screen or fake output) are shown escaped.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(char::is_control) {
        std::borrow::Cow::Owned(
            text.chars()
                .map(|c| {
                    if c.is_control() {
                        c.escape_default().to_string()
                    } else {
                        c.to_string()
                    }
                })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// One problem, with colour codes (anstream removes them where they do not belong).
pub fn render(problem: &Problem, source: Option<&str>) -> String {
    let safe = Problem {
        path: printable(&problem.path).into_owned(),
        message: printable(&problem.message).into_owned(),
        hint: problem.hint.as_deref().map(|h| printable(h).into_owned()),
        ..problem.clone()
    };
    let problem = &safe;
    let (label, colour) = match problem.severity {
        Severity::Error => ("error", AnsiColor::Red),
        Severity::Warning => ("warning", AnsiColor::Yellow),
    };
    let severity = Style::new().bold().fg_color(Some(colour.into()));
    let bold = Style::new().bold();
    let frame = Style::new().bold().fg_color(Some(AnsiColor::Blue.into()));
    let line_text = problem.line.and_then(|n| {
        source?
            .split('\n')
            .nth(n.checked_sub(1)?)
            .map(|l| l.trim_start_matches('\u{feff}').trim_end())
    });
    let indent = line_text.map_or(0, |t| t.chars().take_while(|c| c.is_whitespace()).count());
    let location = match problem.line {
        Some(n) => format!("{}:{n}:{}", problem.path, indent + 1),
        None => problem.path.clone(),
    };
    let mut out = format!(
        "{location}: {severity}{label}{severity:#}: {bold}{}{bold:#}",
        problem.message
    );
    let gutter = problem.line.map_or(1, |n| n.to_string().len());
    if let (Some(n), Some(text)) = (problem.line, line_text) {
        let shown: String = text
            .chars()
            .take(SHOWN)
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        let shown = printable(&shown).into_owned();
        let width = shown.chars().count().saturating_sub(indent).max(1);
        let pad = " ".repeat(gutter);
        out.push_str(&format!(
            "\n{frame}{pad} |{frame:#}\n{frame}{n} |{frame:#} {shown}\n{frame}{pad} |{frame:#} {}{severity}{}{severity:#}",
            " ".repeat(indent),
            "^".repeat(width)
        ));
    }
    if let Some(hint) = &problem.hint {
        out.push_str(&format!(
            "\n{frame}{} ={frame:#} {bold}hint{bold:#}: {hint}",
            " ".repeat(gutter)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> String {
        anstream::adapter::strip_str(text).to_string()
    }

    #[test]
    fn shows_the_line_with_a_marker_and_the_hint() {
        let problem = Problem::error("content/a.txt", Some(2), "impossible date \"2024-13-01\"")
            .with_hint("write the first line as `date YYYY-MM-DD`");
        let text = plain(&render(
            &problem,
            Some("Headline\n  date 2024-13-01 \nBody"),
        ));
        assert_eq!(
            text,
            "content/a.txt:2:3: error: impossible date \"2024-13-01\"\n  |\n2 |   date 2024-13-01\n  |   ^^^^^^^^^^^^^^^\n  = hint: write the first line as `date YYYY-MM-DD`"
        );
    }

    #[test]
    fn escape_sequences_from_content_are_shown_not_obeyed() {
        let problem = Problem::error("content/\u{1b}]0;pwned\u{7}.txt", Some(1), "bad \u{1b}[2J");
        let text = render(&problem, Some("\u{1b}[31mred\u{1b}]0;title\u{7}"));
        assert!(!text.contains("\u{1b}]"), "{text:?}");
        assert!(!text.contains("\u{1b}[2J"), "{text:?}");
        assert!(!text.contains('\u{7}'), "{text:?}");
        assert!(text.contains("\\u{1b}[2J"), "{text:?}");
    }

    #[test]
    fn without_a_line_or_source_it_is_one_line() {
        let problem = Problem::warning("content/photo.jpg", None, "not an article");
        assert_eq!(
            plain(&render(&problem, None)),
            "content/photo.jpg: warning: not an article"
        );
        let problem = Problem::error("content/gone.txt", Some(4), "cannot read");
        assert_eq!(
            plain(&render(&problem, None)),
            "content/gone.txt:4:1: error: cannot read"
        );
    }
}

//! Parse stage: one source file's bytes → an [`Article`] (still untagged), or the problems that stop it.
//!
//! Two formats: the native plain-text format (`*.txt`) and Markdown with TOML front matter (`*.md`).
//! Native text is cleaned up the way a careful editor would (BOM, line endings, stray spaces,
//! a repeated lead, a photo caption, the `Source:`/`Editor:` trailer), and every decision is recorded
//! in [`Cleanup`] so that `check --json` can show it.

use crate::error::{Problem, line_of_offset};
use crate::extract::vocabulary::is_given_name;
use crate::markdown;
use crate::model::{
    Article, Body, Cleanup, Corrections, Dropped, ListCorrection, Text, slug_or_hash, slugify,
};
use chrono::NaiveDate;
use serde::Deserialize;

mod dates;
mod noise;

/// Which of the two formats a file is in, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Native,
    Markdown,
}

/// What parsing one file gave: the article when there was no error, and every problem seen.
#[derive(Debug, Default)]
pub struct Parsed {
    pub article: Option<Article>,
    pub problems: Vec<Problem>,
}

/// Summaries are cut at a word boundary before this many characters.
const SUMMARY_CHARS: usize = 220;

/// Parses one file. `path` is relative to the site root and is used in messages and the model.
pub fn parse_file(path: &str, bytes: &[u8], format: Format, unsafe_html: bool) -> Parsed {
    let mut parsed = Parsed::default();
    let text = match decode(path, bytes) {
        Ok((text, warnings)) => {
            parsed.problems = warnings;
            text
        }
        Err(problem) => {
            parsed.problems.push(problem);
            return parsed;
        }
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let mut ctx = Ctx {
        path,
        problems: &mut parsed.problems,
        keys: Vec::new(),
    };
    parsed.article = match format {
        Format::Native => parse_native(&mut ctx, &lines),
        Format::Markdown => parse_markdown(&mut ctx, &lines, unsafe_html),
    };
    if parsed.problems.iter().any(Problem::is_error) {
        parsed.article = None;
    }
    if let Some(article) = &parsed.article
        && article.date > far_future()
    {
        parsed.problems.push(
            Problem::warning(
                path,
                None,
                format!("date {} is more than a year in the future", article.date),
            )
            .with_hint("check the date line for a typo"),
        );
    }
    parsed
}

/// A year from today. Only warnings depend on the clock, never the output.
fn far_future() -> NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(days + 366)))
        .unwrap_or(NaiveDate::MAX)
}

struct Ctx<'a> {
    path: &'a str,
    problems: &'a mut Vec<Problem>,
    /// The front matter's keys with their lines, so errors about a value name its line.
    keys: Vec<(String, usize)>,
}

impl Ctx<'_> {
    /// The line of a front-matter key, when the article has one.
    fn key_line(&self, key: &str) -> Option<usize> {
        self.keys
            .iter()
            .find(|(k, _)| k == key)
            .map(|&(_, line)| line)
    }

    fn error(&mut self, line: Option<usize>, message: impl Into<String>, hint: &str) {
        self.problems
            .push(Problem::error(self.path, line, message).with_hint(hint));
    }
    fn warning(&mut self, line: Option<usize>, message: impl Into<String>) {
        self.problems
            .push(Problem::warning(self.path, line, message));
    }
}

/// Bytes → text with `\n` line endings and no BOM. UTF-8 is taken as it is; a file in another
/// encoding (GB18030, Big5, Shift_JIS, Windows-125x, Latin-1: all common in scraped archives) is
/// decoded by detection with a warning naming the encoding chosen, and bytes it cannot decode
/// become U+FFFD with a warning. A file with NUL bytes and no UTF-16 mark is binary: an error.
fn decode(path: &str, bytes: &[u8]) -> Result<(String, Vec<Problem>), Problem> {
    let mut warnings = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) if !text.contains('\0') => std::borrow::Cow::Borrowed(text),
        _ => {
            let bom = encoding_rs::Encoding::for_bom(bytes).map(|(e, _)| e);
            if bom.is_none() && bytes.contains(&0) {
                return Err(Problem::error(
                    path,
                    None,
                    "this looks like a binary file (it contains NUL bytes)",
                )
                .with_hint("articles must be text; move other files out of content/"));
            }
            let encoding = bom.unwrap_or_else(|| {
                let mut detector =
                    chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                detector.feed(bytes, true);
                detector.guess(None, chardetng::Utf8Detection::Deny)
            });
            let (text, used, had_errors) = encoding.decode(bytes);
            if used != encoding_rs::UTF_8 {
                warnings.push(
                    Problem::warning(
                        path,
                        None,
                        format!("not UTF-8: decoded as {}", used.name()),
                    )
                    .with_hint(format!(
                        "check the text reads right; to silence this, save the file as UTF-8 (e.g. `iconv -f {} -t UTF-8`)",
                        used.name()
                    ))
                    .with_kind("encoding"),
                );
            }
            if had_errors {
                let line = text.find('\u{fffd}').map(|at| line_of_offset(&text, at));
                warnings.push(
                    Problem::warning(
                        path,
                        line,
                        format!(
                            "bytes that are not valid {} were replaced with U+FFFD",
                            used.name()
                        ),
                    )
                    .with_hint(
                        "the file may be damaged or mix encodings; check the marked characters",
                    )
                    .with_kind("encoding"),
                );
            }
            text
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if let Some(at) = markdown::may_hold_forbidden(&text)
        .then(|| text.find(markdown::is_forbidden_char))
        .flatten()
    {
        let count = text
            .chars()
            .filter(|&c| markdown::is_forbidden_char(c))
            .count();
        warnings.push(
            Problem::warning(
                path,
                Some(line_of_offset(&text, at)),
                format!(
                    "{count} control character{} removed (XML and HTML do not allow them)",
                    if count == 1 { "" } else { "s" }
                ),
            )
            .with_hint("a scraper's stray bytes; check the text around the marked line"),
        );
        return Ok((markdown::without_forbidden(&text).into_owned(), warnings));
    }
    Ok((text, warnings))
}

/// Trims a line and turns tabs and non-breaking or other odd spaces into plain spaces.
fn clean_line(line: &str) -> String {
    // Most lines are already clean ASCII: printable bytes and single inner spaces.
    let bytes = line.as_bytes();
    let clean_ascii = bytes.iter().all(|&b| (0x20..0x7f).contains(&b))
        && bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !bytes.windows(2).any(|w| w == b"  ");
    if clean_ascii {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut last_space = true;
    for c in line
        .chars()
        .filter(|&c| c == '\t' || !markdown::is_forbidden_char(c))
    {
        let c = if c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}' {
            ' '
        } else {
            c
        };
        if c == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The keys a front matter may set. Unknown keys are an error (they are usually typos).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Option<String>,
    date: Option<toml::Value>,
    slug: Option<String>,
    organisations: Option<Vec<String>>,
    #[serde(default)]
    draft: bool,
    source: Option<String>,
    editor: Option<String>,
    author: Option<String>,
    summary: Option<String>,
    /// Old site paths of this article: each gets a redirect page.
    #[serde(default)]
    aliases: Vec<String>,
    /// `organisations` replaces what was read; these add to it and take from it.
    #[serde(default)]
    organisations_add: Vec<String>,
    #[serde(default)]
    organisations_remove: Vec<String>,
    people: Option<Vec<String>>,
    #[serde(default)]
    people_add: Vec<String>,
    #[serde(default)]
    people_remove: Vec<String>,
    places: Option<Vec<String>>,
    #[serde(default)]
    places_add: Vec<String>,
    #[serde(default)]
    places_remove: Vec<String>,
    partners: Option<Vec<String>>,
}

impl FrontMatter {
    /// The organisations the front matter names, and its corrections of what is read.
    fn corrections(&self) -> (Vec<String>, Corrections) {
        let list = |set: &Option<Vec<String>>, add: &[String], remove: &[String]| ListCorrection {
            set: set.clone(),
            add: add.to_vec(),
            remove: remove.to_vec(),
        };
        let declared = self
            .organisations
            .iter()
            .flatten()
            .chain(&self.organisations_add)
            .cloned()
            .collect();
        (
            declared,
            Corrections {
                organisations_only: self.organisations.is_some(),
                organisations_remove: self.organisations_remove.clone(),
                people: list(&self.people, &self.people_add, &self.people_remove),
                places: list(&self.places, &self.places_add, &self.places_remove),
                partners: self.partners.clone(),
            },
        )
    }
}

/// Splits off a `+++` … `+++` TOML block at the very top. Returns it and the index of the first
/// line after it; `Ok(None)` when there is none.
fn front_matter(ctx: &mut Ctx, lines: &[&str]) -> Result<Option<(FrontMatter, usize)>, ()> {
    if lines.first().map(|l| l.trim()) != Some("+++") {
        return Ok(None);
    }
    let Some(close) = lines.iter().skip(1).position(|l| l.trim() == "+++") else {
        ctx.error(
            Some(1),
            "front matter opened with +++ is never closed",
            "end the TOML block with a line holding only +++",
        );
        return Err(());
    };
    let close = close + 1;
    ctx.keys = lines[1..close]
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let key = l.split('=').next()?.trim().trim_matches('"');
            (l.contains('=') && !key.is_empty()).then(|| (key.to_string(), i + 2))
        })
        .collect();
    let toml_text = lines[1..close].join("\n");
    match toml::from_str::<FrontMatter>(&toml_text) {
        Ok(mut fm) => {
            // TOML escapes (`\u0008`) can spell characters the text itself may not hold.
            for value in [
                &mut fm.title,
                &mut fm.source,
                &mut fm.editor,
                &mut fm.author,
                &mut fm.summary,
            ]
            .into_iter()
            .flatten()
            {
                *value = markdown::without_forbidden(value).into_owned();
            }
            for name in fm.organisations.iter_mut().flatten() {
                *name = markdown::without_forbidden(name).into_owned();
            }
            if fm
                .partners
                .as_ref()
                .is_some_and(|p| !matches!(p.len(), 0 | 2))
            {
                ctx.error(
                    ctx.key_line("partners"),
                    "partners names the two cooperating parties, or none",
                    "write partners = [\"Alder\", \"Birch\"], or partners = [] to say the article has none",
                );
                return Err(());
            }
            Ok(Some((fm, close + 1)))
        }
        Err(e) => {
            let line = e.span().map(|s| line_of_offset(&toml_text, s.start) + 1);
            ctx.error(
                line,
                format!("invalid front matter: {}", e.message().trim_end()),
                "keys allowed: title, date, slug, draft, source, editor, author, summary, aliases, organisations (and _add, _remove), people (and _add, _remove), places (and _add, _remove), partners",
            );
            Err(())
        }
    }
}

/// The date of a front matter `date`, written as a TOML date or a string.
fn front_matter_date(ctx: &mut Ctx, value: &toml::Value) -> Option<NaiveDate> {
    let line = ctx.key_line("date");
    let text = match value {
        toml::Value::Datetime(dt) => dt.to_string(),
        toml::Value::String(s) => s.clone(),
        other => {
            ctx.error(
                line,
                format!("front matter date must be a date, not {}", other.type_str()),
                "write date = 2023-10-20",
            );
            return None;
        }
    };
    match read_date(text.get(..10).unwrap_or(&text)) {
        Some(Ok(date)) => Some(date),
        Some(Err(message)) => {
            ctx.error(line, message, "write date = 2023-10-20");
            None
        }
        None => {
            ctx.error(
                line,
                format!("cannot read front matter date {text:?}"),
                "write date = 2023-10-20",
            );
            None
        }
    }
}

/// Reads a date line. `None`: the line is not a date line at all; `Some(Err)`: it is one, but
/// the date is impossible or unreadable.
///
/// Accepted: an optional `date` or `Date:` label, then `2023-10-20`, `2023/10/20`, `2023.10.20`,
/// `October 20, 2023`, `Oct. 20, 2023`, `20 October 2023` or `20 Oct 2023`.
///
/// Read by hand on purpose: scraped archives write `20th October`, `Sept. 3`, `Friday, 20 Oct`
/// and one-digit months, which chrono's `parse_from_str` formats reject; chrono still decides
/// whether the date exists (`from_ymd_opt`), which gives the "impossible date" error.
pub fn read_date(line: &str) -> Option<Result<NaiveDate, String>> {
    let line = clean_line(line);
    let lower = line.to_lowercase();
    let (labelled, rest) = match lower.strip_prefix("date") {
        Some(rest) if rest.starts_with([' ', ':']) => {
            (true, rest.trim_start_matches([' ', ':']).trim())
        }
        _ => (false, lower.as_str()),
    };
    let found = dates::numeric_date(rest).or_else(|| dates::worded_date(rest));
    match found {
        Some((y, m, d)) => Some(
            NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("impossible date {:?}", rest)),
        ),
        None if labelled => Some(Err(format!("cannot read the date {:?}", rest))),
        None => None,
    }
}

/// A trailer line `Source: X   Editor: Y` (either half may be missing), read into its two values.
pub fn read_trailer(line: &str) -> Option<(Option<String>, Option<String>)> {
    let line = clean_line(line);
    let lower = line.to_ascii_lowercase();
    if !(lower.starts_with("source:") || lower.starts_with("editor:")) {
        return None;
    }
    let value = |label: &str, others: &str| -> Option<String> {
        let start = lower.find(label)? + label.len();
        let end = lower[start..]
            .find(others)
            .map_or(line.len(), |i| start + i);
        let value = line[start..end].trim();
        (!value.is_empty()).then(|| value.to_string())
    };
    Some((value("source:", "editor:"), value("editor:", "source:")))
}

/// A paragraph of native text with the line it starts on.
#[derive(Debug, Clone)]
struct Paragraph {
    line: usize,
    /// Each source line of the paragraph, cleaned, with its line number.
    lines: Vec<(usize, String)>,
}

impl Paragraph {
    fn text(&self) -> String {
        self.lines
            .iter()
            .map(|(_, l)| l.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn parse_native(ctx: &mut Ctx, lines: &[&str]) -> Option<Article> {
    let (fm, start) = match front_matter(ctx, lines) {
        Ok(Some((fm, start))) => (fm, start),
        Ok(None) => (FrontMatter::default(), 0),
        Err(()) => return None,
    };
    let mut cleanup = Cleanup::default();
    let numbered = numbered_lines(lines, start, &mut cleanup);
    let fm_date = match &fm.date {
        Some(value) => Some(front_matter_date(ctx, value)?),
        None => None,
    };
    let mut rest = numbered
        .iter()
        .filter_map(|(n, l)| l.as_ref().map(|l| (*n, l)));
    let (date, (headline_line, headline)) =
        date_and_headline(ctx, &mut rest, fm_date, &mut cleanup)?;
    let mut paragraphs = paragraphs_after(&numbered, headline_line);
    let (mut source, mut editor) = take_trailer(&mut paragraphs, &mut cleanup);
    let story = take_story(&mut paragraphs, &mut cleanup);
    if source.is_none() {
        source = story.agency;
    }
    source = fm.source.clone().or(source);
    editor = fm.editor.clone().or(editor);
    if cleanup.trailer_line.is_none()
        && cleanup.agency_credit_line.is_none()
        && fm.source.is_none()
        && fm.editor.is_none()
    {
        ctx.warning(None, "no `Source: …   Editor: …` trailer at the end");
    }
    let texts: Vec<String> = paragraphs.iter().map(Paragraph::text).collect();
    if texts.is_empty() {
        ctx.warning(
            Some(headline_line),
            "the article has a headline but no body text",
        );
    }
    let title = title_of(ctx, &fm, headline.clone())?;
    let summary = fm.summary.clone().unwrap_or_else(|| {
        texts
            .first()
            .map(|t| shorten(t, SUMMARY_CHARS))
            .unwrap_or_default()
    });
    let text = Text::new(
        &title,
        story
            .caption
            .as_deref()
            .map(noise::without_agency_and_maker),
        texts.iter().map(String::as_str),
    );
    let slug = article_slug(ctx, fm.slug.as_deref(), cleanup.date_from_path)?;
    let corrections = fm.corrections();
    Some(Article {
        slug,
        explicit_slug: fm.slug.is_some(),
        renamed_from: None,
        path: ctx.path.to_string(),
        date,
        title,
        source,
        editor,
        author: fm.author.clone().or(story.author),
        dateline: story.dateline,
        aliases: fm.aliases.clone(),
        summary,
        body: Body::Paragraphs,
        caption: story.caption,
        word_count: texts.iter().map(|t| t.split_whitespace().count()).sum(),
        draft: fm.draft,
        declared_organisations: corrections.0,
        corrections: corrections.1,
        text,
        cleanup,
    })
}

/// The title: the front matter's, else the headline; none (an error) when the front matter's
/// is empty.
fn title_of(ctx: &mut Ctx, fm: &FrontMatter, headline: String) -> Option<String> {
    if fm.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        ctx.error(
            ctx.key_line("title"),
            "the front matter's title is empty",
            "give a title, or remove the key to use the headline",
        );
        return None;
    }
    Some(fm.title.clone().unwrap_or(headline))
}

/// The `Source: …   Editor: …` trailer on the last line, taken off the paragraphs.
fn take_trailer(
    paragraphs: &mut Vec<Paragraph>,
    cleanup: &mut Cleanup,
) -> (Option<String>, Option<String>) {
    let Some(last) = paragraphs.last_mut() else {
        return (None, None);
    };
    let Some((line_no, (source, editor))) = last
        .lines
        .last()
        .and_then(|(n, text)| Some((*n, read_trailer(text)?)))
    else {
        // `… in 53 countries. (Harbour Wire)`: an agency credit closing the story is its source.
        if let Some((line_no, text)) = last.lines.last_mut()
            && let Some((at, agency)) = closing_credit(text)
        {
            cleanup.trailer_line = Some(*line_no);
            text.truncate(at);
            return (Some(agency), None);
        }
        return (None, None);
    };
    cleanup.trailer_line = Some(line_no);
    last.lines.pop();
    if last.lines.is_empty() {
        paragraphs.pop();
    }
    (source, editor)
}

/// Numbered, cleaned lines from `start` on (HTML entities decoded, stray tags removed, white
/// space folded); blank lines are kept as `None`, to split paragraphs.
fn numbered_lines(
    lines: &[&str],
    start: usize,
    cleanup: &mut Cleanup,
) -> Vec<(usize, Option<String>)> {
    lines
        .iter()
        .enumerate()
        .skip(start)
        .map(|(i, l)| {
            let l = match noise::strip_markup(l) {
                Some(stripped) => {
                    cleanup.markup_lines.push(i + 1);
                    clean_line(&stripped)
                }
                None => clean_line(l),
            };
            (i + 1, (!l.is_empty()).then_some(l))
        })
        .collect()
}

/// Reads the date line (or takes the front matter's date, or the date in the file's path) and
/// the headline after it. `None` after an error.
fn date_and_headline<'a>(
    ctx: &mut Ctx,
    rest: &mut impl Iterator<Item = (usize, &'a String)>,
    fm_date: Option<NaiveDate>,
    cleanup: &mut Cleanup,
) -> Option<(NaiveDate, (usize, &'a String))> {
    let mut cursor = rest.next();
    let Some((line_no, line)) = cursor else {
        ctx.error(
            Some(1),
            "empty article: no date and no headline",
            "an article starts with `date YYYY-MM-DD`, then its headline",
        );
        return None;
    };
    let date = match read_date(line) {
        Some(Ok(d)) => {
            cursor = rest.next();
            fm_date.unwrap_or(d)
        }
        Some(Err(message)) => {
            ctx.error(
                Some(line_no),
                message,
                "write the first line as `date YYYY-MM-DD`",
            );
            return None;
        }
        None => match fm_date.or_else(|| date_from_path(ctx.path)) {
            Some(date) => {
                if fm_date.is_none() {
                    cleanup.date_from_path = true;
                    ctx.problems.push(
                        Problem::warning(
                            ctx.path,
                            Some(line_no),
                            format!("no date line: the date {date} was taken from the file's path"),
                        )
                        .with_hint("add a first line such as `date 2023-10-20` to state it")
                        .with_kind("date-from-path"),
                    );
                }
                date
            }
            None => {
                ctx.error(
                    Some(line_no),
                    format!(
                        "the first line must be the date, found {:?}",
                        shorten(line, 60)
                    ),
                    "start the article with a line such as `date 2023-10-20`, or put the date in the path (2023/10/20/… or 2023-10-20-….txt)",
                );
                return None;
            }
        },
    };
    let Some((headline_line, headline)) = cursor else {
        ctx.error(
            Some(line_no),
            "missing headline after the date",
            "put the headline on the line after the date",
        );
        return None;
    };
    if read_trailer(headline).is_some() {
        ctx.error(
            Some(headline_line),
            "missing headline: the line after the date is the Source/Editor trailer",
            "put the headline on the line after the date",
        );
        return None;
    }
    Some((date, (headline_line, headline)))
}

/// The date in a file's path, as Jekyll and Zola write it: `…/2023/10/20/slug.txt` or
/// `…/2023-10-20-slug.txt`.
pub fn date_from_path(path: &str) -> Option<NaiveDate> {
    let stem = path.rsplit('/').next()?;
    let date = |y: &str, m: &str, d: &str| -> Option<NaiveDate> {
        let ok = y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len());
        ok.then(|| NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))?
    };
    if stem.len() > 10 && stem.is_char_boundary(10) {
        let (head, tail) = stem.split_at(10);
        if tail.starts_with(['-', '_', '.']) {
            let parts: Vec<&str> = head.split('-').collect();
            if let [y, m, d] = parts[..]
                && let Some(found) = date(y, m, d)
            {
                return Some(found);
            }
        }
    }
    let folders: Vec<&str> = path.split('/').collect();
    folders
        .windows(4)
        .rev()
        .find_map(|w| date(w[0], w[1], w[2]))
}

/// Paragraphs after the headline, split on blank lines.
fn paragraphs_after(numbered: &[(usize, Option<String>)], headline_line: usize) -> Vec<Paragraph> {
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut current: Option<Paragraph> = None;
    for (n, line) in numbered.iter().filter(|(n, _)| *n > headline_line) {
        match line {
            Some(text) => current
                .get_or_insert_with(|| Paragraph {
                    line: *n,
                    lines: Vec::new(),
                })
                .lines
                .push((*n, text.clone())),
            None => paragraphs.extend(current.take()),
        }
    }
    paragraphs.extend(current.take());
    paragraphs
}

/// What was found around the story when the noise was taken off.
#[derive(Debug, Default)]
struct Story {
    caption: Option<String>,
    author: Option<String>,
    dateline: Option<String>,
    agency: Option<String>,
}

/// Takes what is not the story off the paragraphs, recording each decision: page furniture
/// anywhere (credits, share bars, related links, distribution notes), then above the lead
/// (bylines, slug lines, a dateline on its own line), a caption under it, a repeated lead, and
/// the lead's dateline prefix.
fn take_story(paragraphs: &mut Vec<Paragraph>, cleanup: &mut Cleanup) -> Story {
    let mut story = Story::default();
    drop_furniture(paragraphs, cleanup, &mut story);
    take_preamble(paragraphs, cleanup, &mut story);
    take_caption_above(paragraphs, cleanup, &mut story);
    let caption = take_caption(paragraphs, cleanup);
    story.caption = story.caption.take().or(caption);
    drop_repeated_lead(paragraphs, cleanup);
    if let Some(first) = paragraphs.first()
        && let Some(agency) = agency_credit(&first.text())
    {
        cleanup.agency_credit_line = Some(first.line);
        story.agency = Some(agency);
    }
    if let Some(first) = paragraphs.first_mut()
        && let Some((line_no, lead)) = first.lines.first_mut()
        && let Some(found) = noise::dateline(lead)
        && found.length < lead.len()
    {
        cleanup.dateline_line = Some(*line_no);
        story.dateline = story
            .dateline
            .take()
            .or(Some(found.place).filter(|p| !p.is_empty()));
        *lead = lead[found.length..].to_string();
    }
    story
}

fn drop_line(cleanup: &mut Cleanup, line: usize, why: &str) {
    cleanup.dropped.push(Dropped {
        line,
        why: why.to_string(),
    });
}

/// The longest line that can be page furniture (a caption closed by its credit is the longest).
const FURNITURE_BYTES: usize = 480;

/// Drops lines that are page furniture wherever they stand: photo credits and staff credits,
/// share bars, "Related:" labels (with the link lines of their paragraph), distribution notes.
/// A positional caption (`(L) … (R)`) in the first paragraphs becomes the caption.
fn drop_furniture(paragraphs: &mut Vec<Paragraph>, cleanup: &mut Cleanup, story: &mut Story) {
    for (index, paragraph) in paragraphs.iter_mut().enumerate() {
        let mut related = false;
        paragraph.lines.retain(|(line, text)| {
            // Furniture is a short line; a paragraph of prose is not looked at twice.
            if !related && (text.len() > FURNITURE_BYTES || !noise::may_be_furniture(text)) {
                return true;
            }
            let why = if noise::is_related_label(text) {
                related = true;
                "related links"
            } else if related && !text.ends_with(['.', '!', '?']) {
                "related links"
            } else if noise::is_credit(text) {
                "credit"
            } else if noise::is_share_residue(text) {
                "share buttons"
            } else if noise::is_issued_on_behalf(text) {
                "issued on behalf"
            } else if (noise::is_positional_caption(text) || noise::ends_with_credit(text))
                && index < 3
            {
                add_caption(story, cleanup, *line, text);
                return false;
            } else {
                return true;
            };
            drop_line(cleanup, *line, why);
            false
        });
        if let Some((first, _)) = paragraph.lines.first() {
            paragraph.line = *first;
        }
    }
    paragraphs.retain(|p| !p.lines.is_empty());
}

/// Takes bylines, lone name lines, slug lines and a dateline standing alone off the top of the
/// story, while the top line is one of them and a story follows.
fn take_preamble(paragraphs: &mut Vec<Paragraph>, cleanup: &mut Cleanup, story: &mut Story) {
    while paragraphs.len() > 1 || paragraphs.first().is_some_and(|p| p.lines.len() > 1) {
        let Some((line, text)) = paragraphs.first().and_then(|p| p.lines.first()).cloned() else {
            return;
        };
        let author = noise::byline(&text).or_else(|| noise::lone_name(&text, is_given_name));
        if let Some(author) = author {
            if story.author.is_none() {
                cleanup.byline_line = Some(line);
                story.author = Some(author);
            }
            drop_line(cleanup, line, "byline");
        } else if let Some(found) = noise::dateline(&text).filter(|d| d.length == text.len()) {
            cleanup.dateline_line = Some(line);
            story.dateline = Some(found.place);
            drop_line(cleanup, line, "dateline");
        } else if noise::is_slug_line(&text) {
            drop_line(cleanup, line, "slug line");
        } else {
            return;
        }
        let first = &mut paragraphs[0];
        first.lines.remove(0);
        match first.lines.first() {
            Some((next, _)) => first.line = *next,
            None => {
                paragraphs.remove(0);
            }
        }
    }
}

/// The agency of a dateline credit at the start of a lead: `BEIJING, Oct. 27 (Xinhua) -- …`,
/// `LONDON (Reuters) - …`. Only a bracket within the first 80 characters, followed by a dash.
pub fn agency_credit(lead: &str) -> Option<String> {
    let open = lead.find('(')?;
    if open > 80 {
        return None;
    }
    let close = open + lead[open..].find(')')?;
    let agency = lead[open + 1..close].trim();
    let after = lead[close + 1..].trim_start();
    let dash = ["--", "-", "—", "–"].iter().any(|d| after.starts_with(d));
    (dash && agency_like(agency)).then(|| agency.to_string())
}

/// Whether bracketed text can be an agency's name: at most 40 bytes, opening with a capital,
/// without digits.
fn agency_like(agency: &str) -> bool {
    !agency.is_empty()
        && agency.len() <= 40
        && agency.chars().next().is_some_and(char::is_uppercase)
        && !agency.chars().any(|c| c.is_ascii_digit())
}

/// Marks that end a sentence of prose (a stop, or a quotation closing after one).
const SENTENCE_STOPS: [char; 5] = ['.', '!', '?', '"', '”'];

/// Marks a line of prose may end with; a caption ends with none of them.
const CLOSING_MARKS: [char; 10] = ['.', '!', '?', '"', '”', '’', '\'', ':', ';', ')'];

/// An agency credited in brackets after the story's last sentence (`… countries. (China
/// Daily)`): where the credit starts (the text before it, trimmed, keeps its stop) and the
/// agency. A name of at most four words, opening with a capital, without digits.
fn closing_credit(line: &str) -> Option<(usize, String)> {
    let open = line.strip_suffix(')')?.rfind('(')?;
    let before = line[..open].trim_end();
    let agency = line[open + 1..line.len() - 1].trim();
    let name_like =
        agency_like(agency) && agency.split_whitespace().count() <= 4 && !agency.contains(':');
    (name_like && before.ends_with(SENTENCE_STOPS)).then(|| (before.len(), agency.to_string()))
}

/// Lower-cased words of a text, for comparing lines.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A photo caption: a short line without closing punctuation, right after the lead (in its
/// paragraph or as the next one), most of whose words restate the lead.
fn is_caption(line: &str, lead: &str) -> bool {
    let ends_sentence = line.ends_with(CLOSING_MARKS);
    // Only real words count (three letters or more): "a", "of", "n" say nothing.
    let line_words: Vec<String> = words(line)
        .into_iter()
        .filter(|w| w.chars().count() >= 3)
        .collect();
    if ends_sentence || line_words.len() < 3 || line_words.len() > 40 {
        return false;
    }
    let lead_words: std::collections::HashSet<String> = words(lead).into_iter().collect();
    let shared = line_words
        .iter()
        .filter(|w| lead_words.contains(*w))
        .count();
    shared * 10 >= line_words.len() * 7
}

/// A photo's caption above the story: a first paragraph of one short line (at most 20 words)
/// that ends without a stop ("The plains of Alder on the day of the fair"), before a paragraph
/// of prose. (A first paragraph that ends with a stop is the story's, however it opens.)
fn take_caption_above(paragraphs: &mut Vec<Paragraph>, cleanup: &mut Cleanup, story: &mut Story) {
    let [first, next, ..] = paragraphs.as_slice() else {
        return;
    };
    let [(line, text)] = first.lines.as_slice() else {
        return;
    };
    let next = next.text();
    let unpunctuated = !text.ends_with(CLOSING_MARKS);
    let prose = next.ends_with(SENTENCE_STOPS) && next.len() > text.len();
    if !unpunctuated || !prose || text.split_whitespace().count() > 20 {
        return;
    }
    let (line, text) = (*line, text.clone());
    paragraphs.remove(0);
    add_caption(story, cleanup, line, &text);
}

/// A photo caption (of `line`) for the story: the first is the caption; a second photo's
/// follows it there, never the story's lead (the caption is read with the story).
fn add_caption(story: &mut Story, cleanup: &mut Cleanup, line: usize, text: &str) {
    match &mut story.caption {
        Some(caption) => {
            caption.push(' ');
            caption.push_str(text);
        }
        None => {
            cleanup.caption_line = Some(line);
            story.caption = Some(text.to_string());
        }
    }
}

fn take_caption(paragraphs: &mut Vec<Paragraph>, cleanup: &mut Cleanup) -> Option<String> {
    let first = paragraphs.first_mut()?;
    if first.lines.len() >= 2 {
        let lead = first.lines[0].1.clone();
        if let Some(pos) = first.lines[1..]
            .iter()
            .position(|(_, l)| is_caption(l, &lead))
        {
            let (line_no, caption) = first.lines.remove(pos + 1);
            cleanup.caption_line = Some(line_no);
            return Some(caption);
        }
        return None;
    }
    let lead = first.text();
    if paragraphs.len() >= 2
        && paragraphs[1].lines.len() == 1
        && is_caption(&paragraphs[1].lines[0].1, &lead)
    {
        let removed = paragraphs.remove(1);
        cleanup.caption_line = Some(removed.line);
        return removed.lines.into_iter().next().map(|(_, l)| l);
    }
    None
}

fn drop_repeated_lead(paragraphs: &mut Vec<Paragraph>, cleanup: &mut Cleanup) {
    if paragraphs.len() >= 2 && words(&paragraphs[0].text()) == words(&paragraphs[1].text()) {
        let repeated = paragraphs.remove(1);
        cleanup.dropped.push(Dropped {
            line: repeated.line,
            why: "repeated lead".to_string(),
        });
    }
}

/// The slug from the front matter (sanitised) or else from the file name (without the date
/// prefix of a `2023-10-20-slug.txt` name when the date was taken from it).
fn article_slug(ctx: &mut Ctx, given: Option<&str>, date_from_path: bool) -> Option<String> {
    if let Some(given) = given {
        let slug = slugify(given);
        if slug.is_empty() {
            ctx.error(
                ctx.key_line("slug"),
                format!("slug {given:?} has no letters or digits a URL can use"),
                "use lowercase ASCII letters, digits and hyphens",
            );
            return None;
        }
        if slug != given {
            ctx.warning(
                ctx.key_line("slug"),
                format!("slug {given:?} was changed to {slug:?}"),
            );
        }
        return Some(slug);
    }
    let stem = ctx.path.rsplit('/').next().unwrap_or(ctx.path);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    let stem = match stem.get(11..) {
        Some(rest) if date_from_path && !rest.is_empty() && date_from_path_stem(stem) => rest,
        _ => stem,
    };
    Some(slug_or_hash("article", stem))
}

/// Whether a file stem starts with a `YYYY-MM-DD-` date.
fn date_from_path_stem(stem: &str) -> bool {
    date_from_path(&format!("{stem}.txt")).is_some() && stem.as_bytes().get(4) == Some(&b'-')
}

/// Shortens text at a word boundary to at most `max` characters, adding `…` when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';')
    )
}

fn parse_markdown(ctx: &mut Ctx, lines: &[&str], unsafe_html: bool) -> Option<Article> {
    let (fm, start) = match front_matter(ctx, lines) {
        Ok(Some(found)) => found,
        Ok(None) => {
            ctx.error(
                Some(1),
                "a Markdown article must start with a +++ TOML front matter",
                "start with +++, title = \"…\", date = 2023-10-20, +++",
            );
            return None;
        }
        Err(()) => return None,
    };
    let Some(title) = fm.title.clone().filter(|t| !t.trim().is_empty()) else {
        ctx.error(
            Some(1),
            "the front matter has no title",
            "add title = \"…\"",
        );
        return None;
    };
    let Some(date_value) = &fm.date else {
        ctx.error(
            Some(1),
            "the front matter has no date",
            "add date = 2023-10-20",
        );
        return None;
    };
    let date = front_matter_date(ctx, date_value)?;
    let corrections = fm.corrections();
    let body = lines[start.min(lines.len())..].join("\n");
    let rendered = markdown::render(&body, unsafe_html);
    warn_of_links(ctx, lines, &rendered);
    let summary = fm
        .summary
        .clone()
        .unwrap_or_else(|| shorten(&rendered.first_paragraph, SUMMARY_CHARS));
    Some(Article {
        slug: article_slug(ctx, fm.slug.as_deref(), false)?,
        explicit_slug: fm.slug.is_some(),
        renamed_from: None,
        path: ctx.path.to_string(),
        date,
        text: Text::new(&title, None, [rendered.text.as_str()]),
        title: clean_line(&title),
        source: fm.source,
        editor: fm.editor,
        author: fm.author,
        dateline: None,
        aliases: fm.aliases,
        summary,
        body: Body::Html(rendered.html),
        caption: None,
        word_count: rendered.text.split_whitespace().count(),
        draft: fm.draft,
        declared_organisations: corrections.0,
        corrections: corrections.1,
        cleanup: Cleanup::default(),
    })
}

/// Warnings for the links made inert and the images loaded from another host, at their lines.
fn warn_of_links(ctx: &mut Ctx, lines: &[&str], rendered: &markdown::Rendered) {
    let line_of = |url: &str| lines.iter().position(|l| l.contains(url)).map(|i| i + 1);
    for url in &rendered.unsafe_urls {
        ctx.problems.push(
            Problem::warning(
                ctx.path,
                line_of(url),
                format!(
                    "link to {:?} made inert: only http, https, mailto and relative URLs are kept",
                    shorten(url, 60)
                ),
            )
            .with_hint("a script URL in an article could run in readers' browsers"),
        );
    }
    for url in &rendered.remote_images {
        ctx.problems.push(
            Problem::warning(
                ctx.path,
                line_of(url),
                format!("the image {url} loads from another host"),
            )
            .with_hint("copy it into static/ and link it there: pages load nothing from other hosts unless an article does"),
        );
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn native(text: &str) -> Parsed {
        parse_file("content/a.txt", text.as_bytes(), Format::Native, false)
    }

    fn ok(text: &str) -> Article {
        let parsed = native(text);
        parsed
            .article
            .unwrap_or_else(|| panic!("no article: {:?}", parsed.problems))
    }

    fn first_error(text: &str) -> Problem {
        native(text)
            .problems
            .into_iter()
            .find(Problem::is_error)
            .expect("an error")
    }

    pub(crate) fn article_fixture() -> Article {
        ok(" date 2023-10-20 \nHeadline\n\nBody text.\n\nSource: S")
    }

    const SEED_LIKE: &str = " date 2023-10-20 \nTwo cities sign a port pact\n\nThe Port of Alder and the Port of Birch signed a pact on Monday.\nThe Port of Alder and the Port of Birch sign a pact\n\nThe Port of Alder and the Port of Birch signed a pact on Monday.\n\nSecond paragraph.\n\n\n\nSource: Harbour Daily   Editor: Li Ming\n";

    #[test]
    fn reads_date_headline_paragraphs_and_trailer() {
        let a = ok(SEED_LIKE);
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2023, 10, 20).unwrap());
        assert_eq!(a.title, "Two cities sign a port pact");
        assert_eq!(a.source.as_deref(), Some("Harbour Daily"));
        assert_eq!(a.editor.as_deref(), Some("Li Ming"));
        assert_eq!(a.slug, "a");
    }

    #[test]
    fn repeated_lead_is_kept_once_and_recorded() {
        let a = ok(SEED_LIKE);
        assert_eq!(a.body_html().matches("signed a pact on Monday").count(), 1);
        assert_eq!(
            a.cleanup.dropped,
            vec![Dropped {
                line: 7,
                why: "repeated lead".into()
            }]
        );
    }

    #[test]
    fn caption_line_after_the_lead_becomes_the_caption() {
        let a = ok(SEED_LIKE);
        assert_eq!(
            a.caption.as_deref(),
            Some("The Port of Alder and the Port of Birch sign a pact")
        );
        assert_eq!(a.cleanup.caption_line, Some(5));
        assert!(!a.body_html().contains("sign a pact</p>"));
    }

    #[test]
    fn captions_above_the_story_are_its_caption_not_its_summary() {
        let a = ok(
            "date 2023-10-20\nH\n\nTwo mayors in Alder on Monday. Image: Ana Ruiz.\n\n\
             The Birch ferry at dawn on May 2, 2020. Image: Tomo Vellick.\n\n\
             The councils of Alder and Birch agreed a ferry link on Monday.\n",
        );
        assert_eq!(
            a.caption.as_deref(),
            Some(
                "Two mayors in Alder on Monday. Image: Ana Ruiz. The Birch ferry at dawn on May \
                 2, 2020. Image: Tomo Vellick."
            )
        );
        assert!(
            a.summary.starts_with("The councils of Alder"),
            "{}",
            a.summary
        );
        assert!(!a.body_html().contains("ferry at dawn"));
        // A short line without a stop above the story.
        let above = "The Alder ferry on the day of the fair";
        let a = ok(&format!(
            "date 2023-10-20\nH\n\n{above}\n\nThe councils of Alder and Birch agreed a ferry \
             link on Monday.\n"
        ));
        assert_eq!(a.caption.as_deref(), Some(above));
        assert!(
            a.summary.starts_with("The councils of Alder"),
            "{}",
            a.summary
        );
        // A story's first paragraph stays: it ends with a stop, in capitals or not.
        for first in ["The ferry opened.", "ferries opened in 2008."] {
            let a = ok(&format!(
                "date 2023-10-20\nH\n\n{first}\n\nThe councils agreed a link on Monday, and \
                 more.\n"
            ));
            assert_eq!(a.caption, None);
            assert!(a.summary.starts_with(first), "{}", a.summary);
        }
    }

    #[test]
    fn a_hard_wrapped_paragraph_is_not_a_caption() {
        let a = ok(
            "date 2023-10-20\nH\n\nThe council met on Monday and\nagreed to fund three new bus lines.\n",
        );
        assert_eq!(a.caption, None);
        assert!(a.body_html().contains("met on Monday and agreed"));
    }

    #[test]
    fn trailer_halves_and_spacing_variants() {
        assert_eq!(
            read_trailer("Source: SHINE   Editor: Xu Fang"),
            Some((Some("SHINE".into()), Some("Xu Fang".into())))
        );
        assert_eq!(
            read_trailer("Source: Xinhua"),
            Some((Some("Xinhua".into()), None))
        );
        assert_eq!(
            read_trailer("Editor: Yang Yi"),
            Some((None, Some("Yang Yi".into())))
        );
        assert_eq!(
            read_trailer("Source:China Daily Editor:Wu\tLi"),
            Some((Some("China Daily".into()), Some("Wu Li".into())))
        );
        assert_eq!(read_trailer("The source: a memo"), None);
    }

    #[test]
    fn a_credit_closing_the_story_is_its_source() {
        assert_eq!(
            closing_credit("Alder has 99 sister cities. (Harbour Wire)"),
            Some((
                "Alder has 99 sister cities.".len(),
                "Harbour Wire".to_string()
            ))
        );
        for line in [
            "Alder has 99 sister cities (Harbour Wire)",
            "Alder signed. (Photo: Jane Doe)",
            "Exports rose. (See table 2)",
            "Exports rose. (in US dollars)",
            "Exports rose (2019).",
        ] {
            assert_eq!(closing_credit(line), None, "{line}");
        }
    }

    #[test]
    fn agency_credit_becomes_the_source_without_a_trailer() {
        assert_eq!(
            agency_credit("JAKARTA, Feb. 22 (Xinhua) -- The chief said."),
            Some("Xinhua".into())
        );
        assert_eq!(
            agency_credit("LONDON (Reuters) - Shares rose."),
            Some("Reuters".into())
        );
        assert_eq!(agency_credit("The bank (founded 1999) - said"), None);
        assert_eq!(
            agency_credit("The Alder Port Authority (APA) opened a line."),
            None
        );
        let a = ok("date 2023-02-22\nH\n\nJAKARTA, Feb. 22 (Xinhua) -- ASEAN met.\n");
        assert_eq!(a.source.as_deref(), Some("Xinhua"));
        assert_eq!(a.cleanup.agency_credit_line, Some(4));
        let a = ok("date 2023-02-22\nH\n\nJAKARTA (Xinhua) -- ASEAN met.\n\nSource: Post\n");
        assert_eq!(a.source.as_deref(), Some("Post"), "the trailer wins");
    }

    #[test]
    fn far_future_dates_are_a_warning() {
        let parsed = native("date 2999-01-01\nH\n\nBody.\n\nSource: S\n");
        assert!(parsed.article.is_some());
        assert!(
            parsed.problems[0].message.contains("future"),
            "{:?}",
            parsed.problems
        );
        assert!(
            native("date 2020-01-01\nH\n\nBody.\n\nSource: S\n")
                .problems
                .is_empty()
        );
    }

    #[test]
    fn missing_trailer_is_a_warning_not_an_error() {
        let parsed = native("date 2023-10-20\nH\n\nBody.\n");
        assert!(parsed.article.is_some());
        assert!(
            parsed
                .problems
                .iter()
                .any(|p| p.message.contains("trailer"))
        );
    }

    #[test]
    fn date_line_variants() {
        let d = NaiveDate::from_ymd_opt(2023, 10, 20).unwrap();
        for line in [
            " date 2023-10-20 ",
            "DATE 2023-10-20",
            "Date: 2023-10-20",
            "2023-10-20",
            "2023/10/20",
            "October 20, 2023",
            "Oct. 20, 2023",
            "20 Oct 2023",
            "Friday, October 20, 2023",
            "date\t2023-10-20\u{a0}",
        ] {
            assert_eq!(read_date(line), Some(Ok(d)), "{line:?}");
        }
        assert_eq!(read_date("Shanghai and Hong Kong"), None);
        assert_eq!(read_date("May the ports cooperate"), None);
    }

    #[test]
    fn impossible_dates_are_errors_with_the_line() {
        for text in [
            "date 2023-02-30\nH\n",
            "date 2023-13-01\nH\n",
            "\n\ndate soon\nH\n",
        ] {
            let problem = first_error(text);
            assert!(problem.line.is_some(), "{problem}");
        }
        assert_eq!(first_error("\n\ndate 2023-02-30\nH\n").line, Some(3));
    }

    #[test]
    fn missing_date_and_missing_headline_are_errors() {
        assert!(
            first_error("Just a headline\n\nBody")
                .message
                .contains("date")
        );
        assert!(
            first_error("date 2023-10-20\n\n\n")
                .message
                .contains("headline")
        );
        assert!(
            first_error("date 2023-10-20\nSource: X\n")
                .message
                .contains("headline")
        );
        assert!(first_error("").message.contains("empty"));
        assert!(first_error("  \n \t\n").message.contains("empty"));
    }

    #[test]
    fn bom_crlf_and_lone_cr_are_handled() {
        let a = ok(
            "\u{feff} date 2023-10-20 \r\nHeadline\r\n\r\nBody one.\r\rBody two.\r\n\r\nSource: X",
        );
        assert_eq!(a.title, "Headline");
        assert_eq!(a.body_html(), "<p>Body one.</p>\n<p>Body two.</p>\n");
        assert_eq!(a.source.as_deref(), Some("X"));
    }

    #[test]
    fn body_is_escaped_never_interpreted() {
        let a = ok(
            "date 2023-10-20\n<script>alert(1)</script>\n\n*not markdown* <x-tag>x</x-tag> & \"q\" <b>bold</b>\n",
        );
        assert!(
            a.body_html()
                .contains("*not markdown* &lt;x-tag&gt;x&lt;/x-tag&gt; &amp; &quot;q&quot; bold"),
            "{}",
            a.body_html()
        );
        assert_eq!(a.title, "<script>alert(1)</script>");
    }

    fn encoded(encoding: &'static encoding_rs::Encoding, text: &str) -> Parsed {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable);
        parse_file("c/a.txt", &bytes, Format::Native, false)
    }

    #[test]
    fn legacy_encodings_are_detected_and_named() {
        for (encoding, headline, body) in [
            (
                encoding_rs::WINDOWS_1252,
                "Zürich and Málaga sign a café pact",
                "The cities’ mayors met in Zürich on Monday – a “historic” day for both façades, said the délégation.",
            ),
            (
                encoding_rs::GB18030,
                "上海与香港加强合作",
                "上海证券交易所与香港交易所周一签署合作协议，双方将在金融科技、绿色金融和人才培养等领域开展合作。",
            ),
            (
                encoding_rs::BIG5,
                "台北與高雄簽署港口合作備忘錄",
                "台北港與高雄港週一簽署合作備忘錄，雙方將在航運、物流及人才培訓等方面加強交流與合作。",
            ),
        ] {
            let parsed = encoded(
                encoding,
                &format!("date 2023-10-20\n{headline}\n\n{body}\n\nSource: S"),
            );
            let article = parsed
                .article
                .unwrap_or_else(|| panic!("{:?}", parsed.problems));
            assert_eq!(article.title, headline);
            let warning = &parsed.problems[0];
            assert_eq!(warning.kind, Some("encoding"));
            // chardetng names GB18030 text by its GBK subset; the WHATWG GBK decoder reads both.
            let name = if encoding == encoding_rs::GB18030 {
                "GBK"
            } else {
                encoding.name()
            };
            assert!(
                warning.message.contains(name),
                "{} for {}",
                warning.message,
                encoding.name()
            );
        }
    }

    #[test]
    fn undecodable_bytes_become_replacement_characters_with_a_warning() {
        let parsed = parse_file(
            "c/a.txt",
            &encoding_rs::UTF_16LE
                .encode("x")
                .0
                .iter()
                .chain(b"\xff\xfed\x00a\x00t\x00e\x00 \x002\x000\x002\x003\x00-\x001\x000\x00-\x002\x000\x00\n\x00H\x00\x00\xd8\n\x00")
                .copied()
                .skip(1)
                .collect::<Vec<u8>>(),
            Format::Native,
            false,
        );
        assert!(
            parsed.problems.iter().any(|p| p.message.contains("U+FFFD")),
            "{:?}",
            parsed.problems
        );
    }

    #[test]
    fn binary_file_is_rejected() {
        let parsed = parse_file("c/a.txt", b"\x89PNG\0\0", Format::Native, false);
        assert!(parsed.problems[0].message.contains("binary"));
    }

    #[test]
    fn front_matter_overrides_native_fields() {
        let a = ok(
            "+++\ntitle = \"Better\"\nslug = \"custom-slug\"\norganisations = [\"Birch Bank\"]\ndraft = true\neditor = \"E\"\n+++\ndate 2023-10-20\nHeadline\n\nBody.\n\nSource: S   Editor: X",
        );
        assert_eq!(a.title, "Better");
        assert_eq!(a.slug, "custom-slug");
        assert_eq!(a.declared_organisations, ["Birch Bank"]);
        assert!(a.draft);
        assert_eq!(a.editor.as_deref(), Some("E"));
        assert_eq!(a.source.as_deref(), Some("S"));
    }

    #[test]
    fn front_matter_date_can_replace_the_date_line() {
        let a = ok("+++\ndate = 2021-05-04\n+++\nHeadline\n\nBody.\n");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2021, 5, 4).unwrap());
        assert_eq!(a.title, "Headline");
    }

    #[test]
    fn bad_front_matter_names_its_line() {
        let p = first_error("+++\ntitle = \"ok\"\ntitel = \"typo\"\n+++\ndate 2023-10-20\nH\n");
        assert_eq!(p.line, Some(3));
        assert!(p.message.contains("titel"), "{p}");
        let p = first_error("+++\ntitle = \"never closed\"\n");
        assert!(p.message.contains("never closed"));
    }

    #[test]
    fn unsafe_front_matter_slug_is_sanitised() {
        let a = ok("+++\nslug = \"../../etc/passwd\"\n+++\ndate 2023-10-20\nH\n");
        assert_eq!(a.slug, "etc-passwd");
        assert!(
            first_error("+++\nslug = \"香港\"\n+++\ndate 2023-10-20\nH\n")
                .message
                .contains("slug")
        );
    }

    #[test]
    fn summary_is_the_first_paragraph_shortened_at_a_word() {
        let long = "word ".repeat(100);
        let a = ok(&format!("date 2023-10-20\nH\n\n{long}\n\nSecond."));
        assert!(a.summary.ends_with("word…"), "{}", a.summary);
        assert!(a.summary.chars().count() <= SUMMARY_CHARS + 1);
        assert_eq!(a.word_count, 101);
    }

    #[test]
    fn markdown_needs_title_and_date() {
        let md = |t: &str| parse_file("c/a.md", t.as_bytes(), Format::Markdown, false);
        assert!(md("# Title\n").problems[0].message.contains("front matter"));
        assert!(
            md("+++\ndate = 2023-01-01\n+++\n").problems[0]
                .message
                .contains("title")
        );
        assert!(
            md("+++\ntitle = \"T\"\n+++\n").problems[0]
                .message
                .contains("date")
        );
        let a = md("+++\ntitle = \"T\"\ndate = 2023-01-02\nsummary = \"S\"\n+++\nHello *world*\n")
            .article
            .unwrap();
        assert_eq!(a.body_html(), "<p>Hello <em>world</em></p>\n");
        assert_eq!(a.summary, "S");
    }
}

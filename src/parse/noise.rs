//! Scrape noise: what a scraped page leaves around the story that is not the story. Bylines,
//! datelines, slug lines, "Issued on behalf of" notes, photo credits, share-button and "Related:"
//! residue, HTML entities and stray tags. Each recogniser looks at one line; the parser decides
//! where a line may be noise (above the lead, under it, anywhere) and records every decision.
//!
//! The word lists are data, named for what they mean; the shapes are general (a line of capitals,
//! a `PLACE, Month day (Agency) --` prefix), never one article's sentence.

use super::dates::{numeric_date, worded_date};
use crate::extract::text::FUNCTION_WORDS;
use crate::extract::vocabulary::MONTHS;

/// HTML elements whose tags a scraper leaves in text; any other `<…>` is kept as written.
const HTML_TAGS: &[&str] = &[
    "a", "b", "br", "div", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "li", "ol", "p", "span", "strong", "sub", "sup", "table", "td", "th", "tr", "u", "ul",
];

/// Labels that open a photo credit line: `Photo: Xinhua`, `Image by …`, `File photo`.
const CREDIT_LABELS: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "photo credit",
    "image",
    "images",
    "picture",
    "pictures",
    "file photo",
    "video",
    "graphic",
    "credit",
];

/// Words a share bar is made of: a line of nothing else is page furniture.
const SHARE_WORDS: &[&str] = &[
    "share",
    "shares",
    "tweet",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "whatsapp",
    "email",
    "e-mail",
    "mail",
    "print",
    "pinterest",
    "reddit",
    "wechat",
    "weibo",
    "telegram",
    "copy",
    "link",
    "this",
    "on",
    "via",
    "save",
    "comment",
    "comments",
    "article",
    "story",
];

/// Labels that open a list of links to other stories.
const RELATED_LABELS: &[&str] = &[
    "related",
    "related:",
    "related articles",
    "related stories",
    "related news",
    "related coverage",
    "read more",
    "read also",
    "see also",
    "more on this",
    "also read",
];

/// Openings of a wire's staff credits at the end of a story: `Reporting by …; Editing by …`.
const STAFF_CREDITS: &[&str] = &[
    "reporting by",
    "additional reporting by",
    "writing by",
    "editing by",
    "compiled by",
    "translated by",
];

/// Openings of a press-release distribution note.
const ISSUED_ON_BEHALF: &[&str] = &[
    "issued on behalf of",
    "the following is issued on behalf of",
    "this press release is issued on behalf of",
    "distributed on behalf of",
];

/// HTML entities decoded and known tags removed; `None` when the line has neither.
pub fn strip_markup(line: &str) -> Option<String> {
    // Bytes, not chars: this runs on every line of every article.
    if !line.bytes().any(|b| b == b'<' || b == b'&') {
        return None;
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        match tag_length(after) {
            Some(len) => {
                out.push(' ');
                rest = &after[len..];
            }
            None => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    let decoded = html_escape::decode_html_entities(&out).into_owned();
    (decoded != line).then_some(decoded)
}

/// The length of a known HTML tag at the start of `text` (`<br>`, `</p>`, `<img src="…"/>`).
fn tag_length(text: &str) -> Option<usize> {
    let close = text.find('>')?;
    let inner = text[1..close].trim_start_matches('/').trim_end_matches('/');
    if inner.contains('<') {
        return None;
    }
    let name: String = inner
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let rest = &inner[name.len()..];
    (HTML_TAGS.contains(&name.as_str())
        && (rest.is_empty() || rest.starts_with(char::is_whitespace)))
    .then_some(close + 1)
}

/// Whether a line ends like a sentence.
fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', '"', '”', '’', ':', ';'])
}

/// The first `chars` characters of a line, lower-cased: enough to test a label, without
/// lower-casing a whole paragraph (these tests run on every line of every article).
fn lower_prefix(line: &str, chars: usize) -> String {
    let bytes = line.as_bytes();
    let ascii = bytes.len().min(chars);
    if bytes[..ascii].is_ascii() {
        return line[..ascii].to_ascii_lowercase();
    }
    line.chars()
        .take(chars)
        .flat_map(char::to_lowercase)
        .collect()
}

fn starts_with_label(lower: &str, labels: &[&str]) -> bool {
    labels.iter().any(|label| {
        lower.strip_prefix(label).is_some_and(|rest| {
            rest.is_empty() || rest.starts_with([' ', ':', ',', '/', '-', '—', '–', ')'])
        })
    })
}

/// A byline: `By Jane Doe`, `BY JANE DOE, Staff Reporter`. Returns the author's name.
pub fn byline(line: &str) -> Option<String> {
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
        .or_else(|| line.strip_prefix("by "))?;
    if line.chars().count() > 80 || line.ends_with(['.', '!', '?']) && !line.ends_with(" Jr.") {
        return None;
    }
    let name = rest
        .split([',', '|', '(', ';'])
        .next()?
        .trim()
        .trim_end_matches(" and")
        .trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let name_like = (1..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || *w == "and");
    name_like.then(|| title_case_if_shouting(name))
}

/// A lone name on a line of its own above the lead: `Klara Gajduskova`. Two to four capitalised
/// words, the first a known given name, nothing else on the line.
pub fn lone_name(line: &str, is_given_name: impl Fn(&str) -> bool) -> Option<String> {
    if ends_sentence(line) || line.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let capitalised = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
    };
    ((2..=4).contains(&words.len())
        && words.iter().all(capitalised)
        && is_given_name(words[0].trim_end_matches('.')))
    .then(|| line.to_string())
}

/// A slug line in capitals above the story: `CHINA-EU/TRADE`, `ROMANIA: PRESS DIGEST`.
pub fn is_slug_line(line: &str) -> bool {
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3
        && line.split_whitespace().count() <= 10
        && !line.chars().any(char::is_lowercase)
        && !ends_sentence(line)
}

/// A note that a press release is distributed for someone: never the story.
pub fn is_issued_on_behalf(line: &str) -> bool {
    starts_with_label(&lower_prefix(line, 48), ISSUED_ON_BEHALF)
}

/// A photo credit (`Photo: Xinhua`, `(Photo: CFP)`, `File photo`) or a wire's staff credits.
pub fn is_credit(line: &str) -> bool {
    let lower = lower_prefix(line, 32);
    let unbracketed = lower.trim_start_matches(['(', '[']);
    (opens_a_credit(unbracketed) && line.chars().count() <= 120)
        || starts_with_label(&lower, STAFF_CREDITS)
}

/// Whether a line opens with a credit's label and then what a credit has after it: nothing, a
/// colon, slash, comma, dash or bracket (`Photo: Xinhua`, `Photo/CFP`, `File photo`), or a word
/// of credits (`Photo by Ana Ruiz`, `Image courtesy of …`, `Photo provided to …`, `Photo taken
/// on May 5 shows …`). A label word
/// that opens a sentence or a name ("Credit Suisse said …", "Video games maker …", "Pictures
/// show …") does not make the line a credit.
fn opens_a_credit(lower: &str) -> bool {
    const AFTER_A_SPACE: [&str; 10] = [
        "by ",
        "via ",
        "courtesy",
        "credit",
        "source",
        "provided",
        "taken",
        "shows",
        "copyright",
        "©",
    ];
    CREDIT_LABELS.iter().any(|label| {
        lower.strip_prefix(label).is_some_and(|rest| {
            let rest_after_space = rest.trim_start_matches(' ');
            rest.is_empty()
                || rest.starts_with(CREDIT_SEPARATORS)
                || (rest.starts_with(' ')
                    && (rest_after_space.starts_with(CREDIT_SEPARATORS)
                        || AFTER_A_SPACE
                            .iter()
                            .any(|w| rest_after_space.starts_with(w))))
        })
    })
}

/// What separates a credit's label from the credit.
const CREDIT_SEPARATORS: [char; 9] = [':', ',', '/', '-', '—', '–', ')', ']', '|'];

/// A caption closed by its credit: `The convention floor on Friday. Image: Jane Doe.`,
/// `Mayors meet in Alder (Photo: CFP)`.
pub fn ends_with_credit(line: &str) -> bool {
    static PATTERNS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let tail_start = line.char_indices().rev().nth(60).map_or(0, |(at, _)| at);
    let tail = &line[tail_start..];
    if !tail.contains([':', '/']) && !tail.contains(" by ") {
        return false;
    }
    let tail = tail.to_lowercase();
    let patterns = PATTERNS.get_or_init(|| {
        CREDIT_LABELS
            .iter()
            .flat_map(|label| {
                [". ", "("].into_iter().flat_map(move |open| {
                    [":", "/", " by "].map(|close| format!("{open}{label}{close}"))
                })
            })
            .collect()
    });
    line.split_whitespace().count() <= 60
        && (patterns.iter().any(|p| tail.contains(p.as_str()))
            || agency_and_maker_at(line).is_some())
}

/// A caption without the agency and photographer that close it ([`agency_and_maker_at`]):
/// what is read for names (the photographer is no subject of the story).
pub fn without_agency_and_maker(caption: &str) -> &str {
    agency_and_maker_at(caption).map_or(caption, |at| caption[..at].trim_end())
}

/// Where a line is closed, without a stop, by an agency and a photographer (or a second agency)
/// in brackets: `… in Alder on May 3. (Harbour Wire/Ana Ruiz)`, `… [HARBOUR WIRE/TIDE POST]`.
fn agency_and_maker_at(line: &str) -> Option<usize> {
    let open = line
        .strip_suffix([')', ']'])
        .and_then(|inner| inner.rfind(['(', '[']))?;
    let credit = &line[open + 1..line.len() - 1];
    let named = |part: &str| {
        let part = part.trim();
        !part.is_empty()
            && part.chars().count() <= 30
            && part
                .split_whitespace()
                .all(|w| w.starts_with(char::is_uppercase))
            && part
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\''))
    };
    (line[..open].split_whitespace().count() >= 4
        && credit
            .split_once('/')
            .is_some_and(|(agency, maker)| named(agency) && named(maker)))
    .then_some(open)
}

/// A caption that names who is where in a photo: `(L) … (R)`, `(from left)`, `(1st L)`.
pub fn is_positional_caption(line: &str) -> bool {
    const MARKS: [&str; 9] = [
        "(l)",
        "(r)",
        "(from left",
        "(front",
        "(1st l",
        "(2nd l",
        "(1st r",
        "(2nd r",
        "(c",
    ];
    let mut left = false;
    let mut right = false;
    for (at, _) in line.match_indices('(') {
        let head = lower_prefix(&line[at..], 11);
        left |= head.starts_with("(l)");
        right |= head.starts_with("(r)");
        let centre =
            head.starts_with("(c)") || head.starts_with("(center") || head.starts_with("(centre");
        if centre || MARKS[2..8].iter().any(|m| head.starts_with(m)) {
            return true;
        }
    }
    left && right
}

/// Whether a line can be page furniture at all: short, or opening with a furniture label, or
/// holding a bracket or a credit's colon or slash near its end. A quick test that spares the
/// paragraphs of prose the others.
pub fn may_be_furniture(line: &str) -> bool {
    if line.len() <= 120 || line.contains('(') {
        return true;
    }
    let tail = &line.as_bytes()[line.len().saturating_sub(80)..];
    if tail.iter().any(|&b| b == b':' || b == b'/') {
        return true;
    }
    let head = lower_prefix(line, 48);
    let head = head.trim_start_matches(['(', '[']);
    [
        RELATED_LABELS,
        CREDIT_LABELS,
        STAFF_CREDITS,
        ISSUED_ON_BEHALF,
    ]
    .iter()
    .any(|labels| starts_with_label(head, labels))
}

/// A line left by share buttons: `Share this: Facebook Twitter Email`.
pub fn is_share_residue(line: &str) -> bool {
    if line.len() > 120 {
        return false;
    }
    let words: Vec<String> = line
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '/' | ':' | '·' | '•'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    !words.is_empty()
        && words.len() <= 8
        && words.iter().any(|w| w.starts_with("share") || w == "tweet")
        && words.iter().all(|w| SHARE_WORDS.contains(&w.as_str()))
}

/// The label of a list of links to other stories: `Related:`, `Read more: …`.
pub fn is_related_label(line: &str) -> bool {
    line.len() <= 640
        && starts_with_label(&lower_prefix(line, 24), RELATED_LABELS)
        && line.chars().count() <= 160
}

/// A dateline at the start of a lead: where (and when, and from whom) the story was filed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The place, as a name (`Hong Kong` for `HONG KONG`); empty when only a date and an agency
    /// are given.
    pub place: String,
    /// The byte length of the prefix to remove, separator and spaces included.
    pub length: usize,
}

/// Dashes that close a dateline.
const DASHES: [&str; 4] = ["--", "—", "–", "-"];

/// `BEIJING, May 5 (Xinhua) --`, `HONG KONG, June 19 –`, `BUCHAREST 1996-12-06 -`,
/// `London (Reuters) -`: a place in capitals (or any place followed by a date or an agency),
/// then a dash, within the first 80 characters. A line that is only `BUCHAREST 1996-12-06`
/// is a dateline too (its length is the whole line).
pub fn dateline(lead: &str) -> Option<Dateline> {
    // Most leads have no dateline: without a dash or colon near the start, a long one cannot
    // (unless a date closed by a full stop ends it: `Alder, 11 May 2017. …`).
    let head = &lead.as_bytes()[..lead.len().min(100)];
    let separated = head.iter().any(|&b| matches!(b, b'-' | b':' | 0xe2));
    let dated = dated_sentence(lead);
    if !separated && dated.is_none() && lead.len() > 48 {
        return None;
    }
    let window: String = lead.chars().take(90).collect();
    let closed = dated.or_else(|| dash_at(&window).or_else(|| shouted_colon(&window)));
    let (prefix, mut length) = match closed {
        Some((at, dash)) => {
            let after = &lead[at + dash.len()..];
            let spaces = after.len() - after.trim_start().len();
            (&lead[..at], at + dash.len() + spaces)
        }
        None => (lead, lead.len()),
    };
    // `… – 23 February 2024: …`, `… - (ACN Newswire) - …`, `…, August 24. /TASS/. …`: a date
    // or an agency after the dash is the dateline's too.
    if closed.is_some() {
        length += dateline_tail(&lead[length..]);
    }
    let prefix = prefix.trim_end();
    let (before_agency, agency) = match prefix.strip_suffix(')') {
        Some(open) => {
            let at = open.rfind('(')?;
            (open[..at].trim_end(), Some(&open[at + 1..]))
        }
        // `Riyadh, December 09, 2022, SPA`, `LONDON, June 15 AAP`: an agency in capitals after
        // the date.
        None => [prefix.rsplit_once(", "), prefix.rsplit_once(' ')]
            .into_iter()
            .flatten()
            .find(|(before, agency)| {
                (2..=6).contains(&agency.len())
                    && agency.bytes().all(|b| b.is_ascii_uppercase())
                    && split_date(before).1.is_some()
            })
            .map_or((prefix, None), |(before, agency)| (before, Some(agency))),
    };
    let (place, date) = split_date(before_agency);
    let place = place.trim_end_matches([',', ' ']);
    let city = place.split(',').next().unwrap_or(place);
    let shouting = city.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !city.chars().any(char::is_lowercase);
    // `In Alder, 11 May 2017.` opens a sentence; `The Hague, …` is a place.
    let first_word = place.split_whitespace().next().unwrap_or("").to_lowercase();
    let name_like = !place.is_empty()
        && (first_word == "the" || !FUNCTION_WORDS.contains(first_word.as_str()))
        // Each part opens and ends with a capital (`Frankfurt am Main`; not `Talks ended on`);
        // places filed from together are joined by slashes (`HONG KONG/BEIJING`).
        && place.split([',', '/']).all(|part| {
            let mut words = part.split_whitespace();
            let capital = |w: Option<&str>| w.is_none_or(|w| w.starts_with(char::is_uppercase));
            capital(words.next()) && capital(words.next_back())
        })
        && place.chars().count() <= 40
        && place.split_whitespace().count() <= 4
        && place.chars().next().is_some_and(char::is_uppercase)
        && place
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '’' | '-' | ',' | '/'));
    let whole_line = length == lead.len();
    // `Alder, Valmora —`: a place written as an address (two or three parts, each of
    // capitalised words) before a dash is where the story was filed, in any case.
    let parts: Vec<&str> = place.split(", ").collect();
    let address = (2..=3).contains(&parts.len())
        && parts.iter().all(|part| {
            !part.is_empty()
                && part
                    .split_whitespace()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        });
    let credible = if whole_line {
        shouting && date.is_some()
    } else {
        shouting || address || date.is_some() || agency.is_some_and(|a| !a.is_empty())
    };
    // `March 30 (Harbour Wire) --`: a date and an agency, filed from no place named.
    let dated_by_agency =
        place.is_empty() && date.is_some() && agency.is_some_and(|a| !a.is_empty()) && !whole_line;
    ((name_like && credible) || dated_by_agency).then(|| Dateline {
        place: title_case_if_shouting(place),
        length,
    })
}

/// `Alder, Valmora, 11 May 2017. …`: a place and a date, closed by a full stop within the first
/// 60 bytes — a dateline without a dash. Where the stop is, as [`dash_at`] gives a dash.
fn dated_sentence(lead: &str) -> Option<(usize, &'static str)> {
    let at = lead.find(". ").filter(|&at| at <= 60)?;
    let (place, date) = split_date(&lead[..at]);
    (date.is_some() && !place.trim().is_empty()).then_some((at, "."))
}

/// The byte length of what may follow a dateline's dash and still be the dateline's, or 0: a
/// date and its colon (`23 February 2024: `), or an agency in brackets or slashes closed by a
/// dash or a full stop (`(ACN Newswire) - `, `/TASS/. `), with the spaces after it.
fn dateline_tail(text: &str) -> usize {
    let window = &text[..text.char_indices().nth(40).map_or(text.len(), |(at, _)| at)];
    let length = if let Some(colon) = window.find(": ") {
        let date = text[..colon].to_lowercase();
        if numeric_date(&date).is_some() || worded_date(&date).is_some() {
            colon + 2
        } else {
            0
        }
    } else {
        0
    };
    if length > 0 {
        return length;
    }
    let agency_end = match text.chars().next() {
        Some('(') => window.find(')').map(|at| at + 1),
        Some('/') => window[1..].find('/').map(|at| at + 2),
        _ => None,
    };
    let Some(end) = agency_end.filter(|&end| end > 2) else {
        return 0;
    };
    let after = &text[end..];
    let closer = DASHES
        .iter()
        .chain(&["."])
        .filter_map(|d| after.trim_start().strip_prefix(d))
        .next();
    closer.map_or(0, |rest| {
        let rest = rest.trim_start();
        text.len() - rest.len()
    })
}

/// The first dateline dash in `text`: a `--`, an em or en dash, or a hyphen with spaces round it.
fn dash_at(text: &str) -> Option<(usize, &'static str)> {
    let mut best: Option<(usize, &'static str)> = None;
    for dash in DASHES {
        let found = if dash == "-" {
            text.find(" - ").map(|at| at + 1)
        } else {
            text.find(dash)
        };
        if let Some(at) = found
            && best.is_none_or(|(b, _)| at < b)
        {
            best = Some((at, dash));
        }
    }
    best
}

/// `GUANGZHOU: …`: a place in capitals closed by a colon, as some papers write datelines.
fn shouted_colon(text: &str) -> Option<(usize, &'static str)> {
    let at = text.find(": ")?;
    let place = &text[..at];
    (at <= 30 && place.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .then_some(())
        .filter(|()| !place.chars().any(char::is_lowercase))
        .map(|()| (at, ":"))
}

/// Splits a trailing date off a dateline's place: `HONG KONG, June 19`, `BUCHAREST 1996-12-06`,
/// `Singapore, 29 August 2012`, `HONG KONG, Jan 16, 2018`.
fn split_date(text: &str) -> (&str, Option<&str>) {
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    let clean = |w: &str| w.trim_matches([',', '.']).to_lowercase();
    if let Some(&(at, last)) = words.last()
        && numeric_date(last.trim_end_matches(',')).is_some()
    {
        return (&text[..at], Some(&text[at..]));
    }
    // A date with its year: the last three or four words (a weekday may open it).
    for n in [4, 3] {
        if words.len() > n || (words.len() == n && n == 4) {
            let at = words[words.len() - n].0;
            let date = text[at..].trim_end_matches([',', '.']).to_lowercase();
            if worded_date(&date).is_some() {
                return (&text[..at], Some(&text[at..]));
            }
        }
    }
    if words.len() >= 2 {
        let (at, month) = words[words.len() - 2];
        let day = clean(words[words.len() - 1].1);
        let is_month = MONTHS
            .iter()
            .any(|m| m.starts_with(&clean(month)) && clean(month).len() >= 3);
        if is_month && !day.is_empty() && day.len() <= 2 && day.bytes().all(|b| b.is_ascii_digit())
        {
            return (&text[..at], Some(&text[at..]));
        }
    }
    (text, None)
}

/// `HONG KONG` → `Hong Kong`, `TOKYO, Japan` → `Tokyo, Japan`; a part already in mixed case is
/// kept as written, and so is the whole when its first part is (`Abu Dhabi, UAE`).
pub fn title_case_if_shouting(name: &str) -> String {
    if name
        .split(", ")
        .next()
        .is_some_and(|first| first.chars().any(char::is_lowercase))
    {
        return name.to_string();
    }
    name.split(", ")
        .map(title_case_part)
        .collect::<Vec<_>>()
        .join(", ")
}

fn title_case_part(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    name.split(' ')
        .map(|word| {
            let mut out = String::with_capacity(word.len());
            let mut start = true;
            for c in word.chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                start = matches!(c, '-' | '\'' | '’' | '.' | '/');
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_decoded_and_known_tags_removed() {
        assert_eq!(
            strip_markup("Trade &amp; ports<br>grow&nbsp;fast &#8217;"),
            Some("Trade & ports grow\u{a0}fast ’".to_string())
        );
        assert_eq!(
            strip_markup("<p>Port of Alder</p>"),
            Some(" Port of Alder ".to_string())
        );
        assert_eq!(strip_markup("a < b and c > d"), None);
        assert_eq!(strip_markup("AT&T signs"), None);
        assert_eq!(strip_markup("plain"), None);
    }

    #[test]
    fn bylines_give_the_author() {
        assert_eq!(byline("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(
            byline("BY JANE DOE, Staff Reporter").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(byline("By the end of the year, trade doubled."), None);
        assert_eq!(byline("Byron Bay hosts a forum"), None);
    }

    #[test]
    fn a_lone_name_needs_a_given_name_first() {
        let given = |w: &str| ["Klara", "Ines"].contains(&w);
        assert!(lone_name("Klara Gajduskova", given).is_some());
        assert!(lone_name("Harbour Council", given).is_none());
        assert!(lone_name("Ines Varga said the plan works.", given).is_none());
    }

    #[test]
    fn datelines_in_their_common_shapes() {
        let lead = "BEIJING, May 5 (Xinhua) -- The two ports signed a pact.";
        let d = dateline(lead).unwrap();
        assert_eq!(d.place, "Beijing");
        assert_eq!(&lead[d.length..], "The two ports signed a pact.");
        let d = dateline("HONG KONG, June 19 – Officials met.").unwrap();
        assert_eq!(d.place, "Hong Kong");
        let d = dateline("BUCHAREST 1996-12-06 - Talks began.").unwrap();
        assert_eq!(d.place, "Bucharest");
        let d = dateline("London (Reuters) - Shares rose.").unwrap();
        assert_eq!(d.place, "London");
        let lead = "ALDER/BIRCH (Harbour Wire) - Shares rose.";
        let d = dateline(lead).unwrap();
        assert_eq!(d.place, "Alder/Birch");
        assert_eq!(&lead[d.length..], "Shares rose.");
        let d = dateline("ORRIN FALLS/ALDER, May 5 - Shares rose.").unwrap();
        assert_eq!(d.place, "Orrin Falls/Alder");
        let d = dateline("GUANGZHOU: Leaders of 11 regions met.").unwrap();
        assert_eq!(d.place, "Guangzhou");
        let d = dateline("TOKYO, Japan -- Aid rose.").unwrap();
        assert_eq!(d.place, "Tokyo, Japan");
        let d = dateline("Alder, Valmora — The two ports signed a pact.").unwrap();
        assert_eq!(d.place, "Alder, Valmora");
        let d = dateline("Orrin Falls, Valmora, Kestria - Talks began.").unwrap();
        assert_eq!(d.place, "Orrin Falls, Valmora, Kestria");
        let lead = "Alder, Valmora, 11 May 2017. The two ports signed a pact.";
        let d = dateline(lead).unwrap();
        assert_eq!(d.place, "Alder, Valmora");
        assert_eq!(&lead[d.length..], "The two ports signed a pact.");
        let lead = "Alder, VL – 23 February 2024: Harbour Bank, a lender, signed.";
        let d = dateline(lead).unwrap();
        assert_eq!(d.place, "Alder, VL");
        assert_eq!(&lead[d.length..], "Harbour Bank, a lender, signed.");
        let lead = "ALDER, Jan 16, 2018 - (Harbour Wire) - The ports met.";
        assert_eq!(&lead[dateline(lead).unwrap().length..], "The ports met.");
        let lead = "ALDER, August 24. /HWA/. The ports met.";
        assert_eq!(&lead[dateline(lead).unwrap().length..], "The ports met.");
        let lead = "ALDER -- (Harbour Wire) said the ports met.";
        assert_eq!(
            &lead[dateline(lead).unwrap().length..],
            "(Harbour Wire) said the ports met."
        );
        let lead = "March 30 (Harbour Wire) -- Talks began.";
        let d = dateline(lead).unwrap();
        assert_eq!((d.place.as_str(), &lead[d.length..]), ("", "Talks began."));
        let d = dateline("Alder, December 09, 2022, HWA -- Talks began.").unwrap();
        assert_eq!(d.place, "Alder");
        let lead = "ALDER, June 15 HWA - Talks began.";
        let d = dateline(lead).unwrap();
        assert_eq!(d.place, "Alder");
        assert_eq!(&lead[d.length..], "Talks began.");
        let d = dateline("Singapore, 29 August 2012 - Talks began.").unwrap();
        assert_eq!(d.place, "Singapore");
        let d = dateline("HONG KONG, Jan 16, 2018 – Talks began.").unwrap();
        assert_eq!(d.place, "Hong Kong");
        let d = dateline("BUCHAREST 1996-12-06").unwrap();
        assert_eq!(d.length, "BUCHAREST 1996-12-06".len());
    }

    #[test]
    fn ordinary_leads_have_no_dateline() {
        for lead in [
            "The Port of Alder - the largest on the coast - signed a pact.",
            "Officials said on Monday -- in a statement -- that talks went well.",
            "Alder and Birch signed a pact.",
            "HONG KONG",
            "In 2019 - a record year - exports rose.",
            "Alder, Birch and Cedar - three ports - signed a pact.",
            "Alder, Valmora",
            "In Alder, 11 May 2017. The ports met.",
            "Talks ended on 11 May 2017. The ports met.",
            "Alder and Birch, May 2017. The ports met.",
            "March 30 -- the day the ports met.",
            "(Harbour Wire) -- Talks began.",
            "Alder/birch trade - a pact - grew.",
            "Imports/Exports - a pact - grew.",
        ] {
            assert_eq!(dateline(lead), None, "{lead}");
        }
    }

    #[test]
    fn credits_captions_residue_and_notes() {
        assert!(is_credit("Photo: Xinhua"));
        assert!(is_credit("(Photo/CFP)"));
        assert!(is_credit("File photo"));
        assert!(is_credit("Reporting by Jane Doe; Editing by Ines Varga"));
        assert!(!is_credit("Photographers gathered at the port."));
        assert!(is_credit("Photo by Ana Ruiz"));
        assert!(is_credit("Image courtesy of the Alder Port Authority"));
        assert!(is_credit("Photo | Harbour Wire"));
        assert!(is_credit("Photo — Harbour Wire"));
        assert!(is_credit("[Photo provided to Harbour Daily]"));
        assert!(is_credit(
            "Photo taken on May 5 shows the Alder ferry terminal."
        ));
        // A label word that opens a sentence or a name is no credit.
        assert!(!is_credit(
            "Credit Suisse said on Monday it would cut jobs."
        ));
        assert!(!is_credit("Video games maker Alder Soft grew 5 percent."));
        assert!(!is_credit(
            "Pictures of the new terminal were shown to reporters."
        ));
        assert!(ends_with_credit(
            "The far end of the hall, shortly after opening Friday. Image: Jane Doe."
        ));
        assert!(ends_with_credit("Mayors meet in Alder (Photo: CFP)"));
        assert!(ends_with_credit(
            "Mayor Ines Varga greets a delegation in Alder, May 3, 2023. (Harbour Wire/Ana Ruiz)"
        ));
        assert!(ends_with_credit(
            "A ferry in the port of Alder, taken on May 31, 2017 [HARBOUR WIRE/TIDE POST]"
        ));
        // Not an exchange rate, a short label, or a bracket inside a sentence.
        assert!(!ends_with_credit(
            "The currency rose against the dollar (USD/CNY 7.1)"
        ));
        assert!(!ends_with_credit("Port (Alder/Birch)"));
        assert_eq!(
            without_agency_and_maker("A ferry in the port of Alder. (Harbour Wire/Ana Ruiz)"),
            "A ferry in the port of Alder."
        );
        assert_eq!(
            without_agency_and_maker("A ferry in the port of Alder."),
            "A ferry in the port of Alder."
        );
        assert!(!ends_with_credit(
            "The route (Alder/Birch) opened on Monday with four ferries."
        ));
        assert!(!ends_with_credit(
            "The image of the port improved, officials said."
        ));
        assert!(is_positional_caption(
            "Mayor A (L) shakes hands with Mayor B (R) in Alder."
        ));
        assert!(is_share_residue("Share this: Facebook Twitter Email"));
        assert!(is_share_residue("Share"));
        assert!(!is_share_residue("Shares rose on Monday."));
        assert!(is_related_label("Related:"));
        assert!(is_related_label("Read more: Alder port grows"));
        assert!(!is_related_label("Relatedly, the port grew."));
        assert!(is_issued_on_behalf(
            "The following is issued on behalf of the Alder Port Authority"
        ));
        assert!(is_slug_line("CHINA-EU/TRADE"));
        assert!(!is_slug_line("Alder signs pact"));
    }
}

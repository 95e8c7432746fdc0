//! Tokens for the extractors: words with their offsets, capitals, and the punctuation around them.
//!
//! A "name run" is what every extractor starts from: capitalised words in one clause, allowing
//! small linking words inside ("Bank of China", "Securities and Futures Commission").

use super::vocabulary::{
    Words, is_family_first_name, is_given_name, is_head, is_head_first, is_title_word,
    is_trade_head, with_lowercase,
};
use rustc_hash::FxHashSet as HashSet;

/// One word of the text, without the punctuation around it (abbreviations keep their dot).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    /// Byte offsets in the text.
    pub start: usize,
    pub end: usize,
    /// Starts with an upper-case letter (or is a digit-led ordinal such as "18th").
    pub capitalised: bool,
    /// First word of a sentence or paragraph.
    pub sentence_start: bool,
    /// Punctuation (comma, bracket, quote, colon…) stands between this word and the one before.
    pub break_before: bool,
    /// Punctuation follows the word.
    pub break_after: bool,
    /// A comma, and only a comma, follows the word.
    pub comma_after: bool,
    /// First word of a paragraph (after a blank line, or of the text).
    pub paragraph_start: bool,
    /// The word alone in brackets: "(Chongqing)".
    pub bracketed: bool,
    /// The word alone in double quotes: "\"Cowboy\"".
    pub quoted: bool,
}

/// Abbreviations whose final dot does not end a sentence. (`words.toml`: `text.abbreviations`)
static ABBREVIATIONS: Words = Words::new("text.abbreviations");

/// Legal forms that close a company's name ("Ltd", "Inc.", "Co.", "AG"), compared lower-case
/// without their dot; a name may carry or drop them ("Deutsche Boerse AG" is "Deutsche Boerse").
/// (`words.toml`: `text.legal_forms`)
pub static LEGAL_FORMS: Words = Words::new("text.legal_forms");

/// Legal forms written in lower case after a name ("Harwick plc"). (`words.toml`:
/// `text.lower_case_legal_forms`)
static LOWER_CASE_LEGAL_FORMS: Words = Words::new("text.lower_case_legal_forms");

/// Whether a word is a legal form ("Ltd.", "Inc", "Co."), or its possessive ("Ltd.'s").
pub fn is_legal_form(word: &str) -> bool {
    let word = possessive_stem(word).unwrap_or(word);
    LEGAL_FORMS.contains_lowercase(word.trim_end_matches('.'))
}

/// Whether a legal form ends a company's name even before "of": "Alder Holdings PLC of London",
/// but "Morgan Guaranty Trust Co. of New York" is a name.
pub fn closes_a_name(word: &str) -> bool {
    is_legal_form(word) && !word.trim_end_matches('.').eq_ignore_ascii_case("co")
}

/// Whether token `j` is a legal form that continues the name before it across a comma ("Co.,
/// Ltd", "Co., Ltd.").
pub fn legal_form_after_a_comma(tokens: &[Token], j: usize) -> bool {
    j > 0
        && tokens[j].capitalised
        && tokens[j - 1].capitalised
        && tokens[j - 1].comma_after
        && is_legal_form(tokens[j].text)
}

/// Whether a token is a legal form written with its dot ("Ltd.", "Co.").
fn ends_with_legal_dot(word: &str) -> bool {
    word.ends_with('.') && is_legal_form(word)
}

/// Bodies named for what they work on. (`words.toml`: `text.on_bodies`)
pub static ON_BODIES: Words = Words::new("text.on_bodies");

/// Lower-case particles joined to a name's capitalised rest by a hyphen. (`words.toml`:
/// `text.hyphened_particles`)
static HYPHENED_PARTICLES: Words = Words::new("text.hyphened_particles");

/// Whether `word` is a particle, a hyphen and a capitalised rest ("al-Assad", "el-Sisi"): a
/// name's word, written with a lower-case first letter.
pub fn particle_and_name(word: &str) -> bool {
    word.split_once('-').is_some_and(|(particle, rest)| {
        rest.starts_with(char::is_uppercase)
            && rest.chars().any(char::is_lowercase)
            && HYPHENED_PARTICLES.contains(particle)
    })
}

/// Participles that make "Word-participle" an adjective. (`words.toml`:
/// `text.compound_participles`)
static COMPOUND_PARTICIPLES: Words = Words::new("text.compound_participles");

/// Participles that make the word before their hyphen a place. (`words.toml`:
/// `text.place_participles`)
static PLACE_PARTICIPLES: Words = Words::new("text.place_participles");

/// Whether `word` ends in a hyphen and one of [`COMPOUND_PARTICIPLES`] ("Shanghai-listed"): an
/// adjective.
fn ends_in_participle(word: &str) -> bool {
    word.rsplit_once('-')
        .is_some_and(|(_, participle)| COMPOUND_PARTICIPLES.contains(participle))
}

/// The word before the hyphen of a capitalised "Word-based", "Word-born", "Word-headquartered"
/// (one of [`PLACE_PARTICIPLES`]): the place it says, if it says one.
pub fn place_before_participle(word: &str) -> Option<&str> {
    let (place, participle) = word.rsplit_once('-')?;
    (PLACE_PARTICIPLES.contains(participle)
        && place.starts_with(char::is_uppercase)
        && place.chars().all(char::is_alphabetic))
    .then_some(place)
}

/// Words that may stand uncapitalised inside a name. (`words.toml`: `text.linkers`)
pub static LINKERS: Words = Words::new("text.linkers");

/// Function words and other common words that are capitalised only when they begin a sentence.
/// (`words.toml`: `text.function_words`)
pub static FUNCTION_WORDS: Words = Words::new("text.function_words");

/// Whether a word, in lower case, stands capitalised only because it opens a sentence: a
/// function word or one of `vocabulary.sentence_starters` ("The", "Across", "Officials").
pub fn opens_sentences(lower: &str) -> bool {
    FUNCTION_WORDS.contains(lower) || super::vocabulary::SENTENCE_STARTERS.contains(lower)
}

/// Where the body begins in an article's text (a [`crate::model::Text`] as a string): headlines
/// are in title case or compressed, so the rules that learn names read the body only.
pub fn body_start(text: &str) -> usize {
    crate::model::Text::after_headline_in(text)
}

/// The blocks of an article's text (headline, caption, paragraphs) end at these offsets.
pub fn block_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.match_indices(crate::model::Text::BREAK)
        .map(|(i, _)| i)
}

/// The tokens of the body: those after the headline (see [`body_start`]).
pub fn body_tokens<'t, 'a>(text: &str, toks: &'t [Token<'a>]) -> &'t [Token<'a>] {
    let body_start = body_start(text);
    &toks[toks.partition_point(|t| t.start < body_start)..]
}

/// The phrase after its opening article, "a", "an" or "the" in lower case ("a three-day event"
/// → "three-day event"), if it opens with one.
pub fn after_article(phrase: &str) -> Option<&str> {
    ["a ", "an ", "the "]
        .iter()
        .find_map(|article| phrase.strip_prefix(article))
}

pub use super::vocabulary::possessive_stem;

/// The words an article writes in lower case (not opening with a capital): a capitalised word
/// among them is a common word capitalised by position or weight ("magic … Carnival of Magic").
pub fn lower_case_words<'a>(toks: &[Token<'a>]) -> HashSet<&'a str> {
    toks.iter()
        .filter(|t| !t.text.starts_with(char::is_uppercase) && !particle_and_name(t.text))
        .map(|t| t.text)
        .collect()
}

/// The token's word in lower case.
pub fn lower(t: &Token) -> String {
    t.text.to_lowercase()
}

/// The word right before `text[at..]`, when one space parts them.
pub fn word_before(text: &str, at: usize) -> Option<&str> {
    text[..at]
        .strip_suffix(' ')
        .and_then(|before| before.rsplit([' ', '\n']).next())
}

/// Byte spans, sorted, asked whether any overlaps or holds a given one in O(log n): pairwise
/// tests over an article's thousands of mentions made reading it quadratic.
pub struct Spans {
    /// The spans, by start.
    spans: Vec<(usize, usize)>,
    /// `reach[k]`: the furthest end among `spans[..=k]`.
    reach: Vec<usize>,
}

impl Spans {
    pub fn new(spans: &[(usize, usize)]) -> Spans {
        let mut spans = spans.to_vec();
        spans.sort_unstable();
        let reach = spans
            .iter()
            .scan(0, |far, &(_, end)| {
                *far = end.max(*far);
                Some(*far)
            })
            .collect();
        Spans { spans, reach }
    }

    /// The furthest end among the spans that start before `at` (or at it, with `at_too`).
    fn reach_from(&self, at: usize, at_too: bool) -> Option<usize> {
        let n = self
            .spans
            .partition_point(|&(s, _)| s < at || (at_too && s == at));
        n.checked_sub(1).map(|k| self.reach[k])
    }

    /// Whether a span overlaps `(start, end)`: one starting before `end` reaches past `start`.
    pub fn overlaps(&self, (start, end): (usize, usize)) -> bool {
        self.reach_from(end, false).is_some_and(|far| far > start)
    }

    /// Whether a span holds `(start, end)`: one starting at or before `start` reaches `end`.
    pub fn holds(&self, (start, end): (usize, usize)) -> bool {
        self.reach_from(start, true).is_some_and(|far| far >= end)
    }

    /// Whether a longer span holds `(start, end)`: one starting before it, or at its start and
    /// reaching past its end.
    pub fn holds_longer(&self, (start, end): (usize, usize)) -> bool {
        (start > 0 && self.holds((start - 1, end))) || self.holds((start, end + 1))
    }
}

/// What the bracket opening at byte `open` of `text` holds, up to its `)`, when no other `(`
/// comes first: `None` for a bracket never closed or holding another. Only the text up to the
/// next bracket is read, so asking this of every `(` of a text in turn reads it about once.
pub fn bracketed(text: &str, open: usize) -> Option<&str> {
    let inside = &text[open + 1..];
    let end = inside.find(['(', ')'])?;
    inside[end..].starts_with(')').then(|| &inside[..end])
}

/// Whether `text[start..end]` stands as whole words (no letter or digit glued on either side).
pub fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Splits text into tokens.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    // About one token per six bytes of news text: one allocation for most articles.
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut sentence_start = true;
    let mut paragraph_start = true;
    let mut pending_break = true;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        // Paragraph breaks end sentences.
        if bytes[i] == b'\n' {
            if text[i + 1..].starts_with('\n') {
                sentence_start = true;
                paragraph_start = true;
            }
            end_line(&mut out);
            pending_break = true;
            i += 1;
            continue;
        }
        if let Some(len) = whitespace_at(text, i) {
            i += len;
            continue;
        }
        let mut chunk_end = i;
        while chunk_end < text.len() && whitespace_at(text, chunk_end).is_none() {
            chunk_end += utf8_len(bytes[chunk_end]);
        }
        let chunk_end = i + glued_words_end(&text[i..chunk_end]);
        let chunk = &text[i..chunk_end];
        let lead = chunk.len() - chunk.trim_start_matches(is_punct).len();
        let mut word = &chunk[lead..];
        let mut trail = word.len() - word.trim_end_matches(is_punct).len();
        // Keep the dot of an abbreviation ("Co.", "U.S.") as part of the word.
        let bare = &word[..word.len() - trail];
        let keeps_dot = word[bare.len()..].starts_with('.')
            && (ABBREVIATIONS.contains(bare.to_lowercase().as_str())
                || (bare.contains('.') && bare.chars().all(|c| c.is_alphabetic() || c == '.'))
                || (bare.chars().count() == 1 && bare.chars().all(char::is_uppercase)));
        if keeps_dot {
            trail -= 1;
        }
        word = &word[..word.len() - trail];
        let trailing = &chunk[lead + word.len()..];
        if !word.is_empty() {
            let first = word.chars().next().unwrap_or(' ');
            // "Harbour Holdings Ltd. Officials said": a legal form's dot ends the sentence (and
            // the name) when a capitalised word other than another legal form follows.
            if out.last().is_some_and(|t| ends_with_legal_dot(t.text))
                && first.is_uppercase()
                && !is_legal_form(word)
            {
                sentence_start = true;
            }
            // "Harwick plc": a legal form in lower case right after a name's word is one too.
            let lower_case_form = lead == 0
                && out.last().is_some_and(|t| t.capitalised && !t.break_after)
                && LOWER_CASE_LEGAL_FORMS.contains(possessive_stem(word).unwrap_or(word));
            out.push(Token {
                text: word,
                start: i + lead,
                end: i + lead + word.len(),
                capitalised: capitalised(word, first) || lower_case_form,
                sentence_start,
                break_before: pending_break || lead > 0,
                break_after: !trailing.is_empty(),
                comma_after: trailing == ",",
                paragraph_start,
                bracketed: chunk[..lead].ends_with('(') && trailing.starts_with(')'),
                quoted: chunk[..lead].ends_with(['"', '“']) && matches!(trailing, "\"" | "”"),
            });
            sentence_start = false;
            paragraph_start = false;
            pending_break = false;
        }
        if trailing.contains(['.', '!', '?'])
            || (word.is_empty() && chunk.contains(['.', '!', '?']))
        {
            sentence_start = true;
        }
        if !trailing.is_empty() || word.is_empty() {
            pending_break = true;
        }
        i = chunk_end;
    }
    mend_nicknames(&mut out);
    out
}

/// A line's end parts the words on either side of it, as punctuation does (a headline with no
/// full stop is no part of the sentence after it).
fn end_line(out: &mut [Token]) {
    if let Some(last) = out.last_mut() {
        last.break_after = true;
    }
}

/// Whether a word (whose first character is `first`) can be a name's word: capitalised
/// ("Shanghai-listed" is an adjective), a digit-led ordinal or name ("18th", "7-Eleven"), or a
/// lower-case particle hyphened to a name ("al-Hadi").
fn capitalised(word: &str, first: char) -> bool {
    (first.is_uppercase() && !ends_in_participle(word))
        || (first.is_ascii_digit()
            && word.len() > 1
            && word.chars().any(char::is_alphabetic)
            && !measure_word(word))
        || (first.is_lowercase() && particle_and_name(word))
}

/// A number with a unit or a count joined by a hyphen, written in lower case: "600-megawatt",
/// "240-km", "20-member" describe what follows and are no name's word ("7-Eleven" and "18th"
/// still are).
fn measure_word(word: &str) -> bool {
    word.rsplit_once('-')
        .is_some_and(|(_, unit)| unit.starts_with(|c: char| c.is_lowercase()))
}

/// Where the first word of a chunk without white space ends when punctuation glues a second
/// word to it ("Monday:—Valmora", "Co.,Ltd", "Alder–Birch"): after a dash, or a colon, semicolon,
/// comma, bracket or quote followed by a letter, the chunk is two. Hyphens, apostrophes,
/// ampersands, dots and a slash stay inside words ("Alder-Birch", "U.S.", "AT&T", "km/h").
fn glued_words_end(chunk: &str) -> usize {
    // Most chunks hold none of these bytes (0xE2 leads the dashes and curly quotes).
    if !chunk
        .bytes()
        .any(|b| matches!(b, b':' | b';' | b',' | b'(' | b')' | b'"' | 0xE2))
    {
        return chunk.len();
    }
    let mut seen_word = false;
    let mut chars = chunk.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c.is_alphanumeric() {
            seen_word = true;
            continue;
        }
        let hard = matches!(c, '\u{2014}' | '\u{2013}')
            || (matches!(c, ':' | ';' | ',' | '(' | ')' | '"' | '“' | '”')
                && chars.peek().is_some_and(|&(_, n)| {
                    n.is_alphabetic() || matches!(n, '\u{2014}' | '\u{2013}' | '(' | '"' | '“')
                }));
        if seen_word && hard {
            // The punctuation run belongs to the first word (it breaks after it).
            let mut end = at + c.len_utf8();
            while let Some(&(next_at, n)) = chars.peek() {
                if n.is_alphanumeric() {
                    break;
                }
                end = next_at + n.len_utf8();
                chars.next();
            }
            return end;
        }
    }
    chunk.len()
}

/// The tokens of each paragraph, in order.
pub fn paragraphs<'t, 'a>(toks: &'t [Token<'a>]) -> impl Iterator<Item = &'t [Token<'a>]> {
    toks.chunk_by(|_, next| !next.paragraph_start)
}

/// The length of the white-space character at byte `i`, if there is one. ASCII is decided
/// from the byte alone; this runs for every byte of every article.
fn whitespace_at(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        // The ASCII characters `char::is_whitespace` accepts (vertical tab included).
        return matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r').then_some(1);
    }
    let c = text[i..].chars().next()?;
    c.is_whitespace().then(|| c.len_utf8())
}

/// The length of the UTF-8 sequence a leading byte starts.
fn utf8_len(b: u8) -> usize {
    match b {
        0..0x80 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

fn is_punct(c: char) -> bool {
    !(c.is_alphanumeric() || c == '&' || c == '\'' || c == '’' || c == '-') || c == '\u{2014}'
}

/// A run of capitalised words within one clause, with linking words inside: `tokens[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub start: usize,
    pub end: usize,
}

/// Tokens' words joined by single spaces ("Bank of Valmora").
pub fn join_words(toks: &[Token]) -> String {
    toks.iter().map(|t| t.text).collect::<Vec<_>>().join(" ")
}

/// Every maximal name run. A run never crosses punctuation, never starts a new sentence inside,
/// and neither starts nor ends with a linking word.
pub fn name_runs(tokens: &[Token]) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !tokens[i].capitalised {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        let mut j = i + 1;
        while j < tokens.len() {
            let t = &tokens[j];
            let legal_form = legal_form_after_a_comma(tokens, j);
            // "Alder (Kestrel) Research Institute": a place in brackets inside a name, not an
            // acronym ("Alder Bank (AB) Governor").
            let in_brackets = t.bracketed
                && t.capitalised
                && t.text.chars().filter(|c| c.is_uppercase()).count() == 1
                && tokens
                    .get(j + 1)
                    .is_some_and(|n| n.capitalised && !n.sentence_start);
            let after_brackets = tokens[j - 1].bracketed && j - 1 > start;
            if (t.break_before
                && !legal_form
                && !in_brackets
                && !after_brackets
                && !continues_a_portfolio(tokens, start, j))
                || t.sentence_start
            {
                break;
            }
            if t.capitalised {
                j += 1;
                end = j;
                continue;
            }
            // "the" links only after another linking word ("Bank of the Republic"); "on" only
            // after a body that takes it ("Committee on Harbour Relations"), before a name that
            // is not a date ("the Council on Monday").
            let linker_ok = if t.text == "the" {
                !tokens[j - 1].capitalised && LINKERS.contains(tokens[j - 1].text)
            } else if t.text == "on" {
                ON_BODIES.contains(tokens[j - 1].text.to_lowercase().as_str())
                    && tokens.get(j + 1).is_some_and(|n| {
                        n.capitalised
                            && n.text.chars().any(char::is_lowercase)
                            && !super::vocabulary::is_month_or_weekday(&n.text.to_lowercase())
                    })
            } else {
                LINKERS.contains(t.text)
            };
            // "Harwick No. 2 Middle School": a number after "No." inside a name.
            let numbered = matches!(tokens[j - 1].text, "No." | "No")
                && tokens[j - 1].capitalised
                && t.text.bytes().all(|b| b.is_ascii_digit())
                && !t.break_after
                && tokens
                    .get(j + 1)
                    .is_some_and(|n| n.capitalised && !n.sentence_start);
            if (linker_ok || numbered) && !tokens[j - 1].break_after {
                j += 1;
                continue;
            }
            // "Khabarovsk Regional Clinical Hospital No. 1 launched": the number closes a
            // body's name after its head.
            if j >= start + 2 && numbered_tail(&tokens[start..=j]) == 2 {
                end = j + 1;
            }
            break;
        }
        runs.push(Run { start, end });
        i = end.max(i + 1);
    }
    runs
}

/// How many words end `words` as a body's number after its head: 2 for "Hospital No. 1"
/// ("No." or "No", then digits), else 0.
pub fn numbered_tail(words: &[Token]) -> usize {
    match words {
        [.., head, no, n]
            if is_head(head.text)
                && matches!(no.text, "No." | "No")
                && !head.break_after
                && !no.break_after
                && !n.text.is_empty()
                && n.text.bytes().all(|b| b.is_ascii_digit()) =>
        {
            2
        }
        _ => 0,
    }
}

/// The capitalised words in double quotes right after token `i`, one to five of them, as
/// `[a, b)`: `JSC "Valmora Railways"` gives "Valmora Railways".
pub fn quoted_name_after(text: &str, toks: &[Token], i: usize) -> Option<(usize, usize)> {
    let a = i + 1;
    let first = toks.get(a)?;
    if !matches!(text[toks[i].end..first.start].trim(), "\"" | "\u{201c}") {
        return None;
    }
    let mut b = a + 1;
    while b < toks.len() && b - a < 5 && !toks[b - 1].break_after {
        b += 1;
    }
    let closed = text[toks[b - 1].end..].starts_with(['"', '\u{201d}']);
    let words = &toks[a..b];
    (closed
        && words
            .iter()
            .all(|t| t.capitalised || matches!(t.text, "of" | "and" | "&"))
        && words.last().is_some_and(|t| t.capitalised)
        && !words[1..].iter().any(|t| t.sentence_start))
    .then_some((a, b))
}

/// Reads a nickname in quotes as a word of the name around it: William "Cowboy" Cowley is one
/// name, its quotes no break between words (the name's text keeps them).
fn mend_nicknames(toks: &mut [Token]) {
    let nicknames: Vec<usize> = (1..toks.len()).filter(|&j| nickname_at(toks, j)).collect();
    for j in nicknames {
        toks[j - 1].break_after = false;
        toks[j].break_before = false;
        toks[j].break_after = false;
        toks[j + 1].break_before = false;
    }
}

/// Whether token `j` is one capitalised word alone in quotes between two capitalised words of
/// one clause, a nickname inside a person's name: William "Cowboy" Cowley.
fn nickname_at(tokens: &[Token], j: usize) -> bool {
    let t = &tokens[j];
    t.quoted
        && t.capitalised
        && j > 0
        && tokens[j - 1].capitalised
        && !tokens[j - 1].break_after
        && !t.sentence_start
        && tokens
            .get(j + 1)
            .is_some_and(|n| n.capitalised && !n.sentence_start && !n.quoted && !n.bracketed)
}

/// Nouns whose "of"/"for" complement may be a list of portfolios ("Ministry of Agriculture,
/// Forestry and Fisheries", "Minister for Trade, Tourism and Investment"). (`words.toml`:
/// `text.portfolio_heads`)
static PORTFOLIO_HEADS: Words = Words::new("text.portfolio_heads");

/// Whether the comma before token `j` lies inside a list of portfolios that the run from
/// `start` opened with a portfolio noun and "of"/"for" (`portfolios.txt`), and the list goes on
/// to end in "and" and a portfolio: "Department for Business, Innovation and Skills" is one
/// name, "Ministry of Finance, Trade Minister Alba" and "Ministry of Finance, Birch Bank" are not.
fn continues_a_portfolio(tokens: &[Token], start: usize, j: usize) -> bool {
    if !tokens[j - 1].comma_after || tokens[j].sentence_start {
        return false;
    }
    // Before the comma: a portfolio noun, "of" or "for", then portfolios and conjunctions only.
    let Some(link) = portfolio_list_opener(tokens, start, j) else {
        return false;
    };
    if link == start
        || link + 1 == j
        || !PORTFOLIO_HEADS.contains(tokens[link - 1].text.to_lowercase().as_str())
    {
        return false;
    }
    // After it: items of portfolios apart by commas, until "and" and a last portfolio.
    let mut after_conjunction = false;
    for (k, t) in tokens.iter().enumerate().skip(j).take(PORTFOLIO_LIST_WORDS) {
        if k > j && (t.sentence_start || (t.break_before && !tokens[k - 1].comma_after)) {
            return false;
        }
        if is_conjunction(t) {
            after_conjunction = true;
        } else if is_portfolio(t) {
            if after_conjunction {
                return true;
            }
        } else {
            return false;
        }
    }
    false
}

/// A list of portfolios is short: it is read at most this many words each side of a comma, so
/// a hostile text of one endless list stays linear.
const PORTFOLIO_LIST_WORDS: usize = 30;

/// A capitalised portfolio word (`portfolios.txt`): "Agriculture", "Trade".
pub(crate) fn is_portfolio(t: &Token) -> bool {
    t.capitalised && with_lowercase(t.text, super::vocabulary::is_portfolio_word)
}

fn is_conjunction(t: &Token) -> bool {
    matches!(t.text, "and" | "&")
}

/// The "of" or "for" that opens the list of portfolios ending just before `end` ("… of
/// Agriculture, Forestry and"): walking back over portfolios and conjunctions, at most
/// [`PORTFOLIO_LIST_WORDS`] words and never before `start`.
pub(crate) fn portfolio_list_opener(tokens: &[Token], start: usize, end: usize) -> Option<usize> {
    (start.max(end.saturating_sub(PORTFOLIO_LIST_WORDS))..end)
        .rev()
        .find(|&k| !is_portfolio(&tokens[k]) && !is_conjunction(&tokens[k]))
        .filter(|&k| matches!(tokens[k].text, "of" | "for"))
}

// Where a body's name ends and its holder's begins.

/// Words that head a name only before "of", and a body only where it acts ("Port").
/// (`words.toml`: `organisations.heads_before_of`)
pub static HEADS_BEFORE_OF: Words = Words::new("organisations.heads_before_of");

/// Small words inside a person's name ("de la", "van der"). (`words.toml`:
/// `people.name_particles`)
pub static NAME_PARTICLES: Words = Words::new("people.name_particles");

/// Whether the segment `[s, e)` of a run is a head of [`HEADS_BEFORE_OF`] before "of": "Port
/// of Alder" names the port's authority or company where it acts ("the Port of Alder signed
/// …"); where it is a place ("ships docked at the Port of Alder") the organisation reader
/// turns it away.
pub fn head_before_of(run: &[Token], s: usize, e: usize) -> bool {
    let first = s + usize::from(run[s].text.eq_ignore_ascii_case("the"));
    e == first + 1
        && HEADS_BEFORE_OF.contains(run[first].text)
        && run.get(e).is_some_and(|t| t.text == "of")
}

/// Where a person's name opens at the end of `words` that first name a body, with no title
/// between: "Alder Trade Council John Smith", "Bank of Valmora Li Wei", "Redfern Mining Carlos
/// de la Cruz". The name is two to four words, opened by a given name or a family name first
/// ([`is_family_first_name`]), its words capitalised or a name's particles ("de la"), none a
/// head noun; the words before it name a body ([`names_a_body`]) and end capitalised but not
/// with a title ("… Bank Governor Zhou Xiaochuan" is a titled name), and no place reads across
/// the two ("University of North Carolina Greensboro").
pub fn holders_name(words: &[Token], is_place: &dyn Fn(&str) -> bool) -> Option<usize> {
    let n = words.len();
    (n.saturating_sub(4).max(2)..n.saturating_sub(1)).find(|&k| {
        let name = &words[k..];
        words[k - 1].capitalised
            && !with_lowercase(words[k - 1].text, is_title_word)
            && (is_given_name(words[k].text) || is_family_first_name(name.iter().map(|t| t.text)))
            && name.last().is_some_and(|t| t.capitalised)
            && name.iter().all(|t| {
                (t.capitalised || NAME_PARTICLES.contains(t.text))
                    && !is_head(t.text)
                    && !is_head_first(t.text)
            })
            && names_a_body(&words[..k])
            && (k.saturating_sub(2)..k)
                .all(|j| (k + 1..=n.min(k + 2)).all(|e| !is_place(&join_words(&words[j..e]))))
    })
}

/// Whether capitalised `words` name a body: a head noun among them ("Alder Trade Council", "Bank
/// of Valmora", "Port of Alder"), or a trade closing them ("Redfern Mining").
pub fn names_a_body(words: &[Token]) -> bool {
    words
        .iter()
        .enumerate()
        .any(|(i, t)| is_head(t.text) || is_head_first(t.text) || head_before_of(words, i, i + 1))
        || words.last().is_some_and(|t| is_trade_head(t.text))
}

/// Words before "of", "in" or "with" whose object only a company can be, each with its
/// preposition ("shares of", "stake in", "merger with"). (`words.toml`: `cues.ownership`)
static OWNERSHIP: Words = Words::new("cues.ownership");

/// Prepositions of place: "at the …", "officials in Lamara". (`words.toml`:
/// `organisations.locatives`)
pub(super) static LOCATIVES: Words = Words::new("organisations.locatives");

/// Whether token `i` (`l`, in lower case) and the next make an ownership phrase ("shares in",
/// "stake in", "merger with"): what follows is a company, not a place ("Shares in Caledonian
/// rose").
pub fn owns_what_follows(toks: &[Token], i: usize, l: &str) -> bool {
    !toks[i].break_after
        && toks.get(i + 1).is_some_and(|link| {
            OWNERSHIP.iter().any(|phrase| {
                phrase.strip_prefix(l).and_then(|r| r.strip_prefix(' ')) == Some(link.text)
            })
        })
}

/// Titles only a state or a city gives, and words that make such a title a party's. (`words.toml`:
/// `cues.state_titles`, `cues.party_title_words`)
static STATE_TITLES: Words = Words::new("cues.state_titles");
static PARTY_TITLE_WORDS: Words = Words::new("cues.party_title_words");

/// Whether the capitalised words opening `toks` (up to four) hold a state's title and no
/// party's word: "Transport Minister Jonas Petr", not "Shadow Foreign Minister Ana Lind".
pub fn holds_a_state_title(toks: &[Token]) -> bool {
    let mut state = false;
    for (k, t) in toks.iter().take(4).enumerate() {
        if !t.capitalised || (k > 0 && t.break_before) {
            break;
        }
        let l = lower(t);
        if PARTY_TITLE_WORDS.contains(&l) {
            return false;
        }
        state |= STATE_TITLES.contains(&l);
    }
    state
}

/// Whether `toks` open with a state's title in lower case before a name, after other title
/// words in lower case: "mayor Zhou Lin", "vice mayor Zhou Lin", "deputy mayor Ana Lind".
pub fn holds_a_lower_case_state_title(toks: &[Token]) -> bool {
    let Some(k) = toks
        .iter()
        .take(3)
        .position(|t| STATE_TITLES.contains(t.text))
    else {
        return false;
    };
    toks[..k]
        .iter()
        .all(|t| !t.capitalised && !t.break_after && is_title_word(t.text))
        && !toks[k].break_after
        && toks.get(k + 1).is_some_and(|n| n.capitalised)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bracket_holds_what_stands_before_its_close_unless_another_opens_first() {
        let text = "Alder Bank (AB) and (Birch (BB) Port) and (never";
        let open = |n: usize| text.match_indices('(').nth(n).map(|(i, _)| i).unwrap();
        assert_eq!(bracketed(text, open(0)), Some("AB"));
        assert_eq!(bracketed(text, open(1)), None);
        assert_eq!(bracketed(text, open(2)), Some("BB"));
        assert_eq!(bracketed(text, open(3)), None);
        assert_eq!(bracketed("()", 0), Some(""));
    }

    fn run_texts(text: &str) -> Vec<String> {
        let toks = tokens(text);
        name_runs(&toks)
            .into_iter()
            .map(|r| text[toks[r.start].start..toks[r.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn a_list_of_portfolios_after_of_or_for_is_one_run() {
        assert_eq!(
            run_texts("in the UK, the Department for Business, Innovation and Skills said."),
            ["UK", "Department for Business, Innovation and Skills"]
        );
        assert_eq!(
            run_texts(
                "Alba Kestrel, Minister of Commerce and Industry, Consumer Affairs, Food and Public Distribution and Textiles, and Mr. Ode Varn, Minister for Trade, Tourism and Investment of Alder, signed."
            ),
            [
                "Alba Kestrel",
                "Minister of Commerce and Industry, Consumer Affairs, Food and Public Distribution and Textiles",
                "Mr. Ode Varn",
                "Minister for Trade, Tourism and Investment of Alder"
            ]
        );
        // A list that does not end in "and" and a portfolio, or that names a body or a person.
        assert_eq!(
            run_texts(
                "the Ministry of Finance, Trade Minister Alba Varn and the Ministry of Finance, Birch Bank and Industry."
            ),
            [
                "Ministry of Finance",
                "Trade Minister Alba Varn and the Ministry of Finance",
                "Birch Bank and Industry"
            ]
        );
    }

    #[test]
    fn a_number_with_a_unit_opens_no_name() {
        assert_eq!(
            run_texts("the 600-megawatt Tern Bay farm, the 18th Alder Forum, 7-Eleven."),
            ["Tern Bay", "18th Alder Forum", "7-Eleven"]
        );
    }

    #[test]
    fn a_number_after_no_stays_in_a_name() {
        assert_eq!(
            run_texts("A teacher at Harwick No. 2 Middle School met No. 3 staff."),
            ["A", "Harwick No. 2 Middle School", "No."]
        );
    }

    #[test]
    fn a_quoted_nickname_inside_a_name_stays_in_it() {
        assert_eq!(
            run_texts(
                "Later William \"Cowboy\" Cowley met Ana \u{201c}Junior\u{201d} Ruiz joined."
            ),
            [
                "Later William \"Cowboy\" Cowley",
                "Ana \u{201c}Junior\u{201d} Ruiz"
            ]
        );
        // A quote that opens a name, closes a sentence or holds more than one word breaks.
        assert_eq!(
            run_texts("the \"Kestrel\" Alder, Alder said \"Birch Bank\" Kestrel Varn \"Ruiz\"."),
            [
                "Kestrel",
                "Alder",
                "Alder",
                "Birch Bank",
                "Kestrel Varn",
                "Ruiz"
            ]
        );
    }

    #[test]
    fn runs_stop_at_punctuation_and_keep_inner_linkers() {
        assert_eq!(
            run_texts(
                "Mayor Gong Zheng met the People's Bank of China (PBOC), and the Securities and Futures Commission."
            ),
            [
                "Mayor Gong Zheng",
                "People's Bank of China",
                "PBOC",
                "Securities and Futures Commission"
            ]
        );
    }

    #[test]
    fn a_particle_hyphened_to_a_capitalised_rest_is_a_capitalised_word() {
        let toks = tokens("Tarek al-Hadi met el-Souri and a well-known as-yet unnamed al-farm.");
        let capitalised: Vec<&str> = toks
            .iter()
            .filter(|t| t.capitalised)
            .map(|t| t.text)
            .collect();
        assert_eq!(capitalised, ["Tarek", "al-Hadi", "el-Souri"]);
        let lower = lower_case_words(&toks);
        assert!(!lower.contains("al-Hadi") && lower.contains("al-farm"));
    }

    #[test]
    fn abbreviations_keep_their_dot_and_do_not_end_sentences() {
        let toks = tokens("The U.S. Federal Reserve and Foo Co. Ltd agreed. Next sentence");
        let texts: Vec<&str> = toks.iter().map(|t| t.text).collect();
        assert_eq!(texts[1], "U.S.");
        assert!(!toks[2].sentence_start);
        assert!(
            toks.iter()
                .find(|t| t.text == "Next")
                .unwrap()
                .sentence_start
        );
        assert_eq!(
            run_texts("The U.S. Federal Reserve said"),
            ["The U.S. Federal Reserve"]
        );
    }

    #[test]
    fn punctuation_inside_a_chunk_parts_two_words() {
        assert_eq!(
            run_texts("On Monday:—Valmora University opened; the Alder Bank(AB) agreed"),
            ["On Monday", "Valmora University", "Alder Bank", "AB"]
        );
        let toks = tokens("Foo Co.,Ltd and the Alder–Birch link: U.S.-made, AT&T, 3:30, km/h");
        let texts: Vec<&str> = toks.iter().map(|t| t.text).collect();
        assert_eq!(
            texts,
            [
                "Foo",
                "Co.",
                "Ltd",
                "and",
                "the",
                "Alder",
                "Birch",
                "link",
                "U.S.-made",
                "AT&T",
                "3:30",
                "km/h"
            ]
        );
        assert!(toks[6].break_before && toks[2].break_before);
    }

    #[test]
    fn a_legal_forms_dot_ends_the_name_before_a_new_capitalised_word() {
        assert_eq!(
            run_texts(
                "signed by Harbour Holdings Ltd. Officials said. Alder Shipping Co. Ltd. agreed"
            ),
            [
                "Harbour Holdings Ltd.",
                "Officials",
                "Alder Shipping Co. Ltd."
            ]
        );
    }

    #[test]
    fn a_word_in_brackets_inside_a_name_stays_in_it_an_acronym_does_not() {
        assert_eq!(
            run_texts("the Alder (Kestrel) Research Institute and Birch Bank (BB) Governor Li"),
            [
                "Alder (Kestrel) Research Institute and Birch Bank",
                "BB",
                "Governor Li"
            ]
        );
    }

    #[test]
    fn on_links_a_body_to_what_it_works_on_but_not_to_a_date() {
        assert_eq!(
            run_texts(
                "the National Committee on Harbour Relations met the Alder Council on Monday"
            ),
            [
                "National Committee on Harbour Relations",
                "Alder Council",
                "Monday"
            ]
        );
        assert_eq!(
            run_texts("Alder Bank on Birch Street"),
            ["Alder Bank", "Birch Street"]
        );
    }

    #[test]
    fn sentence_start_begins_a_new_run() {
        assert_eq!(
            run_texts("met Bank of Alder.\nThe Birch Council"),
            ["Bank of Alder", "The Birch Council"]
        );
    }
}

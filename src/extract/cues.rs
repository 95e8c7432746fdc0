//! Organisations the text names by their context rather than by a head noun: "Nathan Law of
//! Demosisto", "DAB's Starry Lee", "the secularist magazine MicroMega", "Instituto Gonzaga, a
//! catholic school", "Environment Canada spokesperson Julie Hahn", "told LA Weekly", "The
//! Guardian reported", and a publisher in a source list (`"Headline" — Toronto Star, August
//! 15, 2008`).
//!
//! Each cue is a pattern news writing uses for bodies that can act; the name it points at must
//! still pass the same checks as any other: not a place, a person, a date, a job title, an
//! adjective or a common word. Names found here join the archive's table like headed names, so
//! their later mentions anywhere in the archive are tagged.
//!
//! Cost: one pass over the tokens of each paragraph, each cue looking at a bounded window.

use super::text::{
    self, FUNCTION_WORDS, Token, closes_a_name, lower, opens_sentences, possessive_stem,
};
use super::vocabulary::{
    DETERMINERS, NOT_ORGANISATIONS, NUMBER_WORDS, ONE_WORD_BODIES, SPEECH, adjective_like,
    is_common_word, is_compound_bank, is_family_first_name, is_given_name, is_head,
    is_month_or_weekday, is_peoples_name, is_portfolio_word, is_romanised_given_name,
    is_title_word,
};
use super::vocabulary::{Words, with_lowercase};
use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

/// Common nouns for organisations that name one right after them. (`words.toml`:
/// `cues.descriptors`)
static DESCRIPTORS: Words = Words::new("cues.descriptors");

/// Plural descriptors that introduce a list. (`words.toml`: `cues.plural_descriptors`)
static PLURAL_DESCRIPTORS: Words = Words::new("cues.plural_descriptors");

/// Lower-case job words between an organisation and its person. (`words.toml`: `cues.role_cues`)
static ROLE_CUES: Words = Words::new("cues.role_cues");

/// Words for a publication or broadcaster written right after its name: "the Nation
/// newspaper". (`words.toml`: `cues.publications`)
static PUBLICATIONS: Words = Words::new("cues.publications");

/// Words for a company's part after its name, and for a body after its name and "the".
/// (`words.toml`: `cues.parts_after`, `cues.kinds_after_the`)
static PARTS_AFTER: Words = Words::new("cues.parts_after");
static KINDS_AFTER_THE: Words = Words::new("cues.kinds_after_the");

/// Verbs a publication is the subject of. (`words.toml`: `cues.reporting`)
static REPORTING: Words = Words::new("cues.reporting");

/// Verbs an acronym is the subject of when it names a body that acts. (`words.toml`: `cues.acts`)
static ACTS: Words = Words::new("cues.acts");

/// Words that may follow a complete name in running text (besides punctuation). (`words.toml`:
/// `cues.followers`)
static FOLLOWERS: Words = Words::new("cues.followers");

fn is_acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// Two or three capitalised words ending at token `k` that read as a person's name: a common
/// given name first ("Frederick Fung", "Carlo De Benedetti"), a romanised given name last
/// ("Cheng Chung-tai") or a family name first ("Wang Jianguo").
fn person_ending_at(toks: &[Token], k: usize) -> bool {
    let joined = |i: usize| toks[i].capitalised && !toks[i].break_before;
    if k < 1 || !toks[k].capitalised || !joined(k) || !toks[k - 1].capitalised {
        return false;
    }
    if is_given_name(toks[k - 1].text)
        || is_romanised_given_name(toks[k].text)
        || is_family_first_name([toks[k - 1].text, toks[k].text])
    {
        return true;
    }
    k >= 2
        && joined(k - 1)
        && toks[k - 2].capitalised
        && (is_given_name(toks[k - 2].text)
            || is_family_first_name([toks[k - 2].text, toks[k - 1].text, toks[k].text]))
}

/// A person's name starting at token `k`, after any capitalised titles ("Shadow Home Secretary
/// Yvette Cooper").
fn person_starting_at(toks: &[Token], k: usize) -> bool {
    // The title phrase ends with its last title word among the next few joined capitals.
    let joined = (k..toks.len().min(k + 5))
        .take_while(|&m| toks[m].capitalised && (m == k || !toks[m].break_before))
        .collect::<Vec<_>>();
    let start = joined
        .iter()
        .rev()
        .find(|&&m| is_title_word(&lower(&toks[m])))
        .map_or(k, |&m| m + 1);
    start + 1 < toks.len() && joined.contains(&(start + 1)) && person_ending_at(toks, start + 1)
}

/// The capitalised name starting at token `k` (after an optional "the"): `[a, b)`, small
/// linking words inside, ending after a possessive. `None` when no capitalised word is there.
fn name_after(toks: &[Token], mut k: usize) -> Option<(usize, usize)> {
    if toks
        .get(k)
        .is_some_and(|t| matches!(t.text, "the" | "The") && !t.break_after)
    {
        k += 1;
    }
    let first = toks.get(k)?;
    if !first.capitalised {
        return None;
    }
    let mut b = k + 1;
    // A possessive ends the name ("Hitwise UK's Lifestyle category") unless a head noun follows
    // ("New People's Party").
    let continues = |b: usize| {
        possessive_stem(toks[b - 1].text).is_none()
            || toks
                .get(b)
                .is_some_and(|t| is_head(t.text) && !t.break_before)
    };
    while b < toks.len() && b - k < 6 && continues(b) {
        let t = &toks[b];
        if (t.break_before && !text::legal_form_after_a_comma(toks, b)) || t.sentence_start {
            break;
        }
        if t.capitalised {
            b += 1;
            continue;
        }
        // "Civic Passion and Alvin Yeung": "and" does not join a person to the name, nor the
        // owner of another ("Petrovald and Kestrel's Nordoil").
        // "Portos de Marevia": a name particle links as "of" does.
        let linked = (matches!(t.text, "and" | "&" | "of" | "for")
            || text::NAME_PARTICLES.contains(t.text))
            && !t.break_after
            && toks.get(b + 1).is_some_and(|n| n.capitalised)
            && !(t.text == "and"
                && (is_given_name(toks[b + 1].text)
                    || owns_a_name(toks, b + 1)
                    || (b + 2 < toks.len() && person_ending_at(toks, b + 2))
                    // "The FBI and Europol said": an acronym is a whole name ("… and Co" is
                    // its legal form).
                    || (is_acronym(toks[b - 1].text) && !text::is_legal_form(toks[b + 1].text))));
        // "Alder Holdings PLC of London": the legal form closes the name.
        if !linked || (t.text == "of" && closes_a_name(toks[b - 1].text)) {
            break;
        }
        b += 2;
    }
    Some((k, b))
}

/// Whether token `k` is a possessive that owns the capitalised name after it ("Kestrel's
/// Nordoil"), not one a head noun continues ("People's Party").
fn owns_a_name(toks: &[Token], k: usize) -> bool {
    possessive_stem(toks[k].text).is_some()
        && !toks[k].break_after
        && toks
            .get(k + 1)
            .is_some_and(|n| n.capitalised && !is_head(n.text))
}

/// The capitalised name ending at token `k`: `[a, k + 1)`, back to a break or a sentence start,
/// across "&", "of" and "for" between capitalised words ("Harbour Exchanges & Clearing").
fn name_before(toks: &[Token], k: usize) -> (usize, usize) {
    let mut a = k;
    while a > 0 && k - a < 6 && !toks[a].break_before && !toks[a].sentence_start {
        let prev = &toks[a - 1];
        let linked = a >= 2
            && matches!(prev.text, "&" | "of" | "for")
            && !prev.break_before
            && toks[a - 2].capitalised;
        if prev.capitalised {
            a -= 1;
        } else if linked {
            a -= 2;
        } else {
            break;
        }
    }
    (a, k + 1)
}

/// Whether a complete name can end before token `b`: punctuation, the end, a legal form, a
/// small word, a modal, a verb in the past tense or a price's move ("rose", "fell").
fn ends_name(toks: &[Token], b: usize) -> bool {
    let Some(next) = toks.get(b) else {
        return true;
    };
    let l = lower(next);
    toks[b - 1].break_after
        || closes_a_name(toks[b - 1].text)
        || FUNCTION_WORDS.contains(l.as_str())
        || FOLLOWERS.contains(l.as_str())
        || PRICE_MOVES.contains(l.as_str())
        || (l.len() > 4 && l.ends_with("ed"))
}

/// Checks tokens `[a, b)` of `para` as an organisation's name and returns it as written.
fn plausible(
    para: &str,
    toks: &[Token],
    mut a: usize,
    b: usize,
    is_place: &dyn Fn(&str) -> bool,
) -> Option<String> {
    while a < b {
        let l = lower(&toks[a]);
        let common = l == "the" || (toks[a].sentence_start && text::opens_sentences(&l));
        if !common {
            break;
        }
        a += 1;
    }
    if a >= b {
        return None;
    }
    let written = &para[toks[a].start..toks[b - 1].end];
    // A possessive that owns nothing (the name ends there: "Shares of Sainsbury's fell",
    // "Standard & Poor's said") is part of the name.
    let name = if ends_name(toks, b) {
        written
    } else {
        possessive_stem(written).unwrap_or(written)
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = words.first()?.to_lowercase();
    let last = words.last()?.to_lowercase();
    let person_like = (2..=3).contains(&words.len()) && is_given_name(words[0]);
    let single_ok = |w: &str| {
        is_acronym(w)
            || (w.chars().count() >= 4
                && !is_given_name(w)
                && !adjective_like(w, is_place)
                && (!is_head(w) || is_compound_bank(w))
                && !FUNCTION_WORDS.contains(w.to_lowercase().as_str()))
    };
    let rejected = is_place(name)
        || person_like
        || is_month_or_weekday(&first)
        || NOT_ORGANISATIONS.contains(last.as_str())
        || words.iter().any(|w| {
            let l = w.to_lowercase();
            is_title_word(&l) || is_month_or_weekday(&l)
        })
        || !name.chars().any(char::is_alphabetic)
        || (words.len() == 1 && !single_ok(words[0]))
        // "Hong Kong Island", "American Samoa": places and peoples' adjectives only.
        || words
            .iter()
            .all(|w| is_place(w) || is_peoples_name(w, is_place) || LINK_WORDS.contains(w));
    (!rejected).then(|| name.to_string())
}

/// Small words joining the places and peoples' adjectives of a place's name ("Bosnia and
/// Herzegovina"). (`words.toml`: `cues.link_words`)
static LINK_WORDS: Words = Words::new("cues.link_words");

/// Surnames of people named in the text ("Trump" after "Donald Trump" or "President Trump",
/// "Zhang" in "Zhang Wei"): a possessive of one is a person's, not an organisation's.
fn surnames_in<'a>(toks: &[Token<'a>]) -> HashSet<&'a str> {
    let pairs = toks
        .windows(2)
        .filter(|w| w[1].capitalised && !w[1].break_before);
    let given_first = pairs
        .clone()
        .filter(|w| {
            is_given_name(w[0].text)
                || (is_title_word(&lower(&w[0]))
                    && !is_title_word(&lower(&w[1]))
                    && !is_head(w[1].text))
        })
        .map(|w| possessive_stem(w[1].text).unwrap_or(w[1].text));
    let family_first = pairs
        .filter(|w| is_family_first_name([w[0].text, w[1].text]))
        .map(|w| w[0].text);
    given_first.chain(family_first).collect()
}

/// Organisation names the context points at, as written, in a body split into tokens
/// (offsets into `body`).
pub(super) fn cued_names_in(
    body: &str,
    body_tokens: &[Token],
    is_place: &dyn Fn(&str) -> bool,
) -> Vec<String> {
    let mut names = Vec::new();
    let mut spans = Vec::new();
    // One-word subjects taken up by "it" that open their sentences (`taken_up_subject`).
    let mut openers = Vec::new();
    for toks in text::paragraphs(body_tokens) {
        let (from, to) = (toks[0].start, toks[toks.len() - 1].end);
        if body[from..to].contains(['"', '“']) {
            cited_publisher(body, from, toks, is_place, &mut names);
            for i in 0..toks.len() {
                if BEFORE_QUOTED_NAMES.contains(toks[i].text)
                    && let Some((a, b)) = text::quoted_name_after(body, toks, i)
                    && let Some(name) = plausible(body, toks, a, b, is_place)
                {
                    names.push(name);
                }
            }
        }
        let mut surnames: Option<HashSet<&str>> = None;
        for i in 0..toks.len() {
            if !may_cue(toks, i) {
                continue;
            }
            // Lower-case cue words are compared as written, and one capitalised only because
            // it opens a sentence ("Shares of Birch Foods fell") in lower case.
            let opening;
            let l = if !toks[i].capitalised {
                toks[i].text
            } else if toks[i].sentence_start {
                opening = lower(&toks[i]);
                opening.as_str()
            } else {
                ""
            };
            affiliation_cues(toks, i, l, &mut surnames, &mut spans);
            descriptor_cues(body, toks, i, l, &mut spans);
            apposition_cues(body, toks, i, l, is_place, &mut spans);
            coordination_cues(toks, i, l, &mut spans);
            role_and_publication_cues(toks, i, l, &mut spans);
            part_cues(toks, i, l, &mut spans);
            ownership_cues(toks, i, l, &mut spans);
            if one_word_body(toks, i) {
                names.push(
                    possessive_stem(toks[i].text)
                        .unwrap_or(toks[i].text)
                        .to_string(),
                );
            }
            if taken_up_subject(toks, i) {
                if toks[i].sentence_start {
                    openers.extend(plausible(body, toks, i, i + 1, is_place));
                } else {
                    // The word may end a longer name: "Standard & Poor's said on Monday it …",
                    // "the University of Birchley said it …".
                    spans.push(name_before(toks, i));
                }
            }
            for (a, b) in spans.drain(..) {
                if let Some(name) = plausible(body, toks, a, b, is_place) {
                    names.push(name);
                }
            }
        }
        names.extend(club_names(toks, is_place));
    }
    if !openers.is_empty() {
        let inside: HashSet<&str> = body_tokens
            .iter()
            .filter(|t| t.capitalised && !t.sentence_start)
            .map(|t| possessive_stem(t.text).unwrap_or(t.text))
            .collect();
        names.extend(
            openers
                .into_iter()
                .filter(|w| inside.contains(w.as_str()) && !is_common_word(&w.to_lowercase())),
        );
    }
    // "Tomas Varn … a spokeswoman for Varn said": one word the article writes as a person's
    // surname is the person's wherever a cue stands before it.
    if names.iter().any(|n| !n.contains(' ')) {
        let surnames = surnames_in(body_tokens);
        names.retain(|n| n.contains(' ') || !surnames.contains(n.as_str()));
    }
    names
}

/// Words before a company's name in quotes: JSC "Valmora Railways". (`words.toml`:
/// `cues.before_quoted_names`)
pub(super) static BEFORE_QUOTED_NAMES: Words = Words::new("cues.before_quoted_names");

/// Forms that open a sports club's name: before any name ("FC Basel") or only before a place's
/// ("Real Madrid", "AC Milan"). (`words.toml`: `cues.club_forms_before`,
/// `cues.club_forms_before_a_place`)
static CLUB_FORMS_BEFORE: Words = Words::new("cues.club_forms_before");
static CLUB_FORMS_BEFORE_A_PLACE: Words = Words::new("cues.club_forms_before_a_place");

/// Forms that close a sports club's name after any name ("Alder FC", "Kelso Rovers",
/// "Castleford United"). (`words.toml`: `cues.club_forms_after`)
static CLUB_FORMS_AFTER: Words = Words::new("cues.club_forms_after");

/// Plural nouns after a city that name an event or an agreement, not a team ("Beijing Olympics",
/// "Minsk Accords"). (`words.toml`: `cues.city_plural_things`)
static CITY_PLURAL_THINGS: Words = Words::new("cues.city_plural_things");

/// Sports clubs named by their form or as a city's team, in the capitalised segments of a
/// paragraph's name runs: "FC Basel", "Real Madrid", "Alder FC", "Manchester United", and a
/// city with a capitalised plural ("Boston Bruins", "St. Louis Eagles").
fn club_names(toks: &[Token], is_place: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut names = Vec::new();
    for run in text::name_runs(toks) {
        // Segments of capitalised words: "Swiss Super League for FC Basel" has two.
        let mut from = run.start;
        for k in run.start..=run.end {
            if k < run.end && toks[k].capitalised && !(k > from && toks[k].break_before) {
                continue;
            }
            let mut seg = &toks[from..k.max(from)];
            from = k + usize::from(k < run.end && !toks[k].capitalised);
            // "The Kelso Rovers", "Both Kelso Rovers and …": a word capitalised because it
            // opens the sentence is no club's.
            if seg.first().is_some_and(|t| {
                t.text == "The" || (t.sentence_start && opens_sentences(&lower(t)))
            }) {
                seg = &seg[1..];
            }
            if let Some(name) = club_name(seg, is_place) {
                names.push(name);
            }
        }
    }
    names
}

/// Whether these capitalised words are a sports club's whole name ("FC Porto", "Kelso Rovers").
pub(super) fn is_club_name(seg: &[Token], is_place: &dyn Fn(&str) -> bool) -> bool {
    club_name(seg, is_place).is_some_and(|name| name == text::join_words(seg))
}

/// The club a segment of capitalised words names, if it is one (see [`club_names`]).
fn club_name(seg: &[Token], is_place: &dyn Fn(&str) -> bool) -> Option<String> {
    // "Kelso Rovers", "Birch Rovers FC", "Kelso Rovers' new ground", "Kelso Rovers chairman
    // Tom Hale": the name ends at its last closing form after any name, at the segment's end
    // or before a person's name or title ("Vell Intercollegiate Athletic Conference" is
    // another name).
    let stem = |t: &Token<'_>| -> String {
        let word = possessive_stem(t.text).unwrap_or(t.text);
        word.trim_end_matches(['\'', '’']).to_string()
    };
    if let Some(k) = seg
        .iter()
        .rposition(|t| CLUB_FORMS_AFTER.contains(&stem(t)))
        .filter(|&k| {
            (1..4).contains(&k)
                && seg
                    .get(k + 1)
                    .is_none_or(|n| is_given_name(n.text) || with_lowercase(n.text, is_title_word))
        })
    {
        return Some(format!("{} {}", text::join_words(&seg[..k]), stem(&seg[k])));
    }
    let (first, last) = (seg.first()?, seg.last()?);
    if !(2..=4).contains(&seg.len()) {
        return None;
    }
    let opens = CLUB_FORMS_BEFORE.contains(first.text)
        || (CLUB_FORMS_BEFORE_A_PLACE.contains(first.text)
            && is_place(&text::join_words(&seg[1..])));
    let head = &seg[..seg.len() - 1];
    let plural = last.text.to_lowercase();
    let team = matches!(
        super::places::kind_of(&text::join_words(head)),
        Some(super::places::Kind::City | super::places::Kind::MinorCity)
    ) && plural.len() > 4
        && plural.ends_with('s')
        && !plural.ends_with("ss")
        && possessive_stem(last.text).is_none()
        && !is_head(last.text)
        && !NOT_ORGANISATIONS.contains(plural.trim_end_matches('s'))
        && !CITY_PLURAL_THINGS.contains(plural.as_str())
        && !adjective_like(last.text, is_place);
    (opens || team).then(|| text::join_words(seg))
}

/// Whether word `i` can be a cue: every cue is a capitalised word, or a lower-case one next to a
/// capitalised word or to one of a few linking words (most words are passed over, unallocated).
fn may_cue(toks: &[Token], i: usize) -> bool {
    let near_name = (i > 0 && toks[i - 1].capitalised)
        || toks.get(i + 1).is_some_and(|n| {
            n.capitalised
                || matches!(
                    n.text,
                    "the" | "called" | "named" | "such" | "as" | "including" | "included" | "like"
                )
        });
    // "Kestrel Ventures is a state-owned company": the article after a name's copula.
    let after_copula =
        i >= 2 && toks[i - 2].capitalised && matches!(toks[i - 1].text, "is" | "was");
    // "the Keidanren business federation": a word between the name and the kind.
    let kind_after_a_word =
        i >= 2 && toks[i - 2].capitalised && KINDS_AFTER_THE.contains(toks[i].text);
    // "shares of Birch Foods", "bought by Kestrel Ventures": a linking word between the cue
    // and the name.
    let linked_to_name = toks
        .get(i + 1)
        .is_some_and(|n| matches!(n.text, "of" | "in" | "with" | "by" | "at"))
        && toks
            .get(i + 2)
            .is_some_and(|n| n.capitalised || n.text == "the");
    toks[i].capitalised || near_name || after_copula || kind_after_a_word || linked_to_name
}

/// Professions whose place of work after "at" or "with" is an organisation. (`words.toml`:
/// `cues.working_at`)
static WORKING_AT: Words = Words::new("cues.working_at");

/// A person's affiliation: "Nathan Law of Demosisto", "DAB's Ben Chan", "an economist at
/// Kestrel Capital".
fn affiliation_cues<'a>(
    toks: &[Token<'a>],
    i: usize,
    l: &str,
    surnames: &mut Option<HashSet<&'a str>>,
    spans: &mut Vec<(usize, usize)>,
) {
    let t = &toks[i];
    // "Nathan Law of Demosisto", "Alvin Yeung from the Civic Party".
    if matches!(l, "of" | "from")
        && i >= 2
        && !t.break_before
        && person_ending_at(toks, i - 1)
        && let Some((a, b)) = name_after(toks, i + 1)
        && ends_name(toks, b)
    {
        spans.push((a, b));
    }
    // "an economist at Kestrel Capital", "Analysts with Alder Securities said".
    if (WORKING_AT.contains(l) || (t.sentence_start && WORKING_AT.contains(lower(t).as_str())))
        && !t.break_after
        && toks
            .get(i + 1)
            .is_some_and(|n| matches!(n.text, "at" | "with") && !n.break_after)
        && let Some((a, b)) = name_after(toks, i + 2)
        && ends_name(toks, b)
        && !person_ending_at(toks, b - 1)
    {
        // "Traders at Olvana Commodities and Brightfield Grain": people of two places of work,
        // each a name of two capitalised words or more ("Johnson and Johnson" is one).
        let pieces = coordinated(toks, a, b);
        let two = l.ends_with('s')
            && pieces.len() == 2
            && pieces
                .iter()
                .all(|&(a, b)| b - a >= 2 && toks[a..b].iter().all(|t| t.capitalised));
        if two {
            spans.extend(pieces);
        } else {
            spans.push((a, b));
        }
    }
    // "DAB's Ben Chan", "Labour's Shadow Home Secretary Yvette Cooper"; not a state's or a
    // city's officer ("Valdoria's Transport Minister Jonas Petr").
    if t.capitalised
        && !t.break_after
        && let Some(stem) = possessive_stem(t.text)
        && person_starting_at(toks, i + 1)
        && !text::holds_a_state_title(&toks[i + 1..])
        && !surnames
            .get_or_insert_with(|| surnames_in(toks))
            .contains(stem)
    {
        let (a, b) = name_before(toks, i);
        spans.push((a, b));
    }
}

/// A descriptor before the names it describes: "the magazine MicroMega", "groups such as …".
fn descriptor_cues(body: &str, toks: &[Token], i: usize, l: &str, spans: &mut Vec<(usize, usize)>) {
    let t = &toks[i];
    // "the magazine MicroMega", "US team Cloud9 and Immortals", "the group called the
    // Sea Org".
    if DESCRIPTORS.contains(l) {
        let named = match toks.get(i + 1).map(lower).as_deref() {
            _ if t.break_after => named_between_commas(body, toks, i).then_some(i + 1),
            Some("called" | "named") => Some(i + 2),
            _ => Some(i + 1),
        };
        if let Some(k) = named
            && let Some((a, b)) = name_after(toks, k)
        {
            for (a, b) in coordinated(toks, a, b) {
                spans.push((a, b));
            }
        }
    }
    // "groups such as X, Y and Z", "companies including X", "other banks, including X and Y".
    if PLURAL_DESCRIPTORS.contains(l) && (!t.break_after || t.comma_after) {
        let mut k = i + 1;
        if toks.get(k).is_some_and(|n| n.text == "such") && !toks[k].break_after {
            k += 1;
        }
        if toks.get(k).is_some_and(|n| {
            matches!(n.text, "as" | "including" | "included" | "like")
                && (!n.break_before || (k == i + 1 && t.comma_after))
        }) {
            for (a, b) in listed(toks, k + 1) {
                spans.push((a, b));
            }
        }
    }
    // "The companies, Cemlux SA, Portera Cementi and Grandbeton, appealed", "three aid
    // agencies, Oxbridge Relief, Hope Without Borders and the Kasumbe Red Crescent,": a list of
    // two or more in apposition to the plural after a determiner or a number (and at most one
    // word between); "the state railways VDR and Kelsland Rail": the list right after it.
    if PLURAL_DESCRIPTORS.contains(l)
        && determined(toks, i, |d| {
            d == "the" || d == "both" || NUMBER_WORDS.contains(d)
        })
        && toks.get(i + 1).is_some_and(|n| {
            let between = body[t.end..n.start].trim();
            n.capitalised && (between == "," || between.is_empty())
        })
    {
        let names = listed(toks, i + 1);
        if names.len() >= 2 {
            spans.extend(names);
        }
    }
}

/// Whether the descriptor at token `i`, determined, is followed by a name set apart by commas:
/// "The regulator, TRA, said", "The port operator, Terminal Sul, said", "its reinsurance unit,
/// Marlowe Re,"; after an owner's possessive too, where the name may end the sentence ("Chile's
/// antitrust regulator, the Fiscalia Nacional Economica.").
fn named_between_commas(body: &str, toks: &[Token], i: usize) -> bool {
    let determiner = |d: &str| matches!(d, "the" | "its" | "their") || possessive_stem(d).is_some();
    determined(toks, i, determiner)
        && toks
            .get(i + 1)
            .is_some_and(|n| body[toks[i].end..n.start].trim() == ",")
        && name_after(toks, i + 1).is_some_and(|(_, b)| {
            toks[b - 1].break_after && body[toks[b - 1].end..].trim_start().starts_with([',', '.'])
        })
}

/// A name the descriptor after it describes, in apposition or after a copula: "Instituto
/// Gonzaga, a catholic school in Milan", "Kestrel Ventures is an Alder-based investment company".
fn apposition_cues(
    body: &str,
    toks: &[Token],
    i: usize,
    l: &str,
    is_place: &dyn Fn(&str) -> bool,
    spans: &mut Vec<(usize, usize)>,
) {
    let t = &toks[i];
    // "Instituto Gonzaga, a catholic school in Milan", "Birch Foods, the Alder-based brewer",
    // "Olvana Power, Alder's main power producer", and with a copula: "Kestrel Ventures is an
    // Alder-based investment company".
    let apposed = i >= 1
        && toks[i - 1].capitalised
        && toks[i - 1].break_after
        && body[toks[i - 1].end..t.start].trim() == ",";
    let copula = i >= 2
        && matches!(toks[i - 1].text, "is" | "was")
        && !toks[i - 1].break_before
        && !t.break_before
        && toks[i - 2].capitalised;
    // A place's possessive determines the descriptor as "the" does: "KenGen, Kenya's main power
    // producer".
    let determiner = matches!(l, "a" | "an" | "the")
        || (t.capitalised && possessive_stem(t.text).is_some_and(is_place));
    // Any name's possessive determines a part of it: "Atomstroyexport, Rosatom's engineering
    // arm, is …".
    let owned_part = apposed
        && t.capitalised
        && possessive_stem(t.text).is_some()
        && described(toks, i + 1, &PARTS_AFTER);
    // "Eurojust, the EU's agency for …": a name's possessive after "the" is the owner's.
    let owner_between = l == "the"
        && toks
            .get(i + 1)
            .is_some_and(|n| n.capitalised && !t.break_after && possessive_stem(n.text).is_some());
    let described_from = if owner_between { i + 2 } else { i + 1 };
    if (determiner && (apposed || copula) && described(toks, described_from, &DESCRIPTORS))
        || owned_part
    {
        let i = if copula { i - 1 } else { i };
        let (a, b) = name_before(toks, i - 1);
        if !person_ending_at(toks, b - 1) {
            spans.push((a, b));
        }
    }
}

/// The second of two bodies that act together: "Kenya Power and Lighting Company and Olvana
/// Electric Power will operate the line", "the Alder Port Authority and Kestrel Shipping said".
/// The first ends with a head noun and the second is the subject of a verb that follows it; it
/// is two or more words (or an acronym) and not a person's name.
fn coordination_cues(toks: &[Token], i: usize, l: &str, spans: &mut Vec<(usize, usize)>) {
    if l != "and" || i < 2 || toks[i].break_after || toks[i - 1].break_after {
        return;
    }
    let left = &toks[i - 1];
    if !left.capitalised || !is_head(left.text) || left.break_before || !toks[i - 2].capitalised {
        return;
    }
    let Some((a, b)) = name_after(toks, i + 1) else {
        return;
    };
    let acts = !toks[b - 1].break_after
        && toks
            .get(b)
            .is_some_and(|n| !n.capitalised && FOLLOWERS.contains(n.text));
    let sized = b - a >= 2 || is_acronym(toks[a].text);
    // One plain name: not a person ("… Party and Ana Lind of Kestrel Union were defeated"), nor
    // two names linked.
    let plain = !toks[a..b]
        .iter()
        .any(|t| matches!(t.text, "and" | "&" | "of" | "for"))
        && !is_given_name(toks[a].text)
        && !person_ending_at(toks, b - 1);
    if acts && sized && plain {
        spans.push((a, b));
    }
}

/// Verbs whose object (or, after "by", whose subject) is a company. (`words.toml`:
/// `cues.acquiring`)
static ACQUIRING: Words = Words::new("cues.acquiring");

/// Verbs of a share price after "X shares". (`words.toml`: `cues.price_moves`)
static PRICE_MOVES: Words = Words::new("cues.price_moves");

/// A body owned, held, merged or bought: "shares of Birch Foods", "a 20 percent stake in Kestrel
/// Ventures", "a unit of Alder Holdings", "its merger with Harbour Lines", "acquired by Olvana
/// Media"; a company whose shares moved: "Birch Foods shares rose" (one word only inside a
/// sentence or as an acronym: "Property shares fell" is a sector).
fn ownership_cues(toks: &[Token], i: usize, l: &str, spans: &mut Vec<(usize, usize)>) {
    if ACQUIRING.contains(l) && !toks[i].break_after {
        let by = toks
            .get(i + 1)
            .is_some_and(|n| n.text == "by" && !n.break_after);
        if let Some((a, b)) = name_after(toks, i + 1 + usize::from(by))
            && ends_name(toks, b)
            && !person_ending_at(toks, b - 1)
        {
            spans.push((a, b));
        }
    }
    if matches!(l, "shares" | "stock")
        && i >= 1
        && toks[i - 1].capitalised
        && !toks[i - 1].break_after
        && !toks[i].break_after
        && toks
            .get(i + 1)
            .is_some_and(|v| PRICE_MOVES.contains(v.text))
    {
        let (a, b) = name_before(toks, i - 1);
        let one_word_ok = b - a > 1 || !toks[a].sentence_start || is_acronym(toks[a].text);
        // "Class A shares", "H shares": a class of shares, not a company.
        let share_class = toks[b - 1].text.chars().count() == 1;
        if one_word_ok && !share_class && !person_ending_at(toks, b - 1) {
            spans.push((a, b));
        }
    }
    if text::owns_what_follows(toks, i, l)
        && !toks[i + 1].break_after
        && let Some((a, b)) = name_after(toks, i + 2)
        && ends_name(toks, b)
        && !person_ending_at(toks, b - 1)
    {
        spans.push((a, b));
    }
}

/// People who speak for a body, before "for" and its name ("a spokeswoman for Veltrana").
/// (`words.toml`: `cues.speaking_for`)
static SPEAKING_FOR: Words = Words::new("cues.speaking_for");

/// A company's titles between the company and its officer. (`words.toml`: `cues.company_titles`)
static COMPANY_TITLES: Words = Words::new("cues.company_titles");

/// The number of tokens of the longest company title starting at token `i` ("Chief Executive
/// Officer", "chief executive"), its words joined and all capitalised or all in lower case.
fn company_title_at(toks: &[Token], i: usize) -> Option<usize> {
    // The titles' first words, to turn most tokens away without lowering them.
    static FIRST_WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let first_words = FIRST_WORDS.get_or_init(|| {
        COMPANY_TITLES
            .entries()
            .iter()
            .filter_map(|t| t.split(' ').next())
            .collect()
    });
    if !with_lowercase(toks[i].text, |w| first_words.contains(w)) {
        return None;
    }
    let capitalised = toks[i].capitalised;
    let mut phrase = String::new();
    let mut longest = None;
    for (n, tok) in toks[i..].iter().take(3).enumerate() {
        if tok.capitalised != capitalised
            || (n > 0 && (tok.break_before || toks[i + n - 1].break_after))
        {
            break;
        }
        if n > 0 {
            phrase.push(' ');
        }
        phrase.push_str(&lower(tok));
        if COMPANY_TITLES.contains(&phrase) {
            longest = Some(n + 1);
        }
    }
    longest
}

/// "the sale of its Dorrance Valve unit", "the group's Kestrel Foods subsidiary": a company's
/// part named before the word for it, after its owner's word; "the IG Metall union said": a
/// body before the word for it, after "the".
fn part_cues(toks: &[Token], i: usize, l: &str, spans: &mut Vec<(usize, usize)>) {
    let t = &toks[i];
    let after_the = KINDS_AFTER_THE.contains(l);
    // "the Keidanren business federation", "the Unite trade union": one word in lower case
    // may say what kind.
    let k = if after_the
        && i >= 3
        && !toks[i - 1].capitalised
        && !toks[i - 1].break_before
        && !FUNCTION_WORDS.contains(toks[i - 1].text)
    {
        i - 1
    } else {
        i
    };
    if (PARTS_AFTER.contains(l) || after_the)
        && k >= 2
        && toks[k - 1].capitalised
        && !toks[k - 1].break_after
        && !toks[k].break_before
        && !t.break_before
    {
        let (mut a, b) = name_before(toks, k - 1);
        // "The Keidanren federation urged …": "the" opening the sentence.
        let opening_the = after_the && toks[a].text == "The" && a + 1 < b;
        if opening_the {
            a += 1;
        }
        let owner = opening_the
            || a.checked_sub(1).map(|p| &toks[p]).is_some_and(|p| {
                !toks[a].break_before
                    && (matches!(p.text, "its" | "their")
                        || (after_the && p.text == "the")
                        || (!p.capitalised && possessive_stem(p.text).is_some()))
            });
        if owner && !person_ending_at(toks, k - 1) {
            spans.push((a, b));
        }
    }
}

/// A role word between body and person ("Environment Canada spokesperson Julie Hahn"), a
/// publication told or reporting ("told LA Weekly", "The Guardian cited").
fn role_and_publication_cues(toks: &[Token], i: usize, l: &str, spans: &mut Vec<(usize, usize)>) {
    let t = &toks[i];
    // "Tesvik CEO Ana Lind", "Malvoro chief executive Peter Quill": a company's title.
    if i >= 1
        && toks[i - 1].capitalised
        && !toks[i - 1].break_after
        && !t.break_before
        && let Some(len) = company_title_at(toks, i)
        && person_starting_at(toks, i + len)
    {
        spans.push(name_before(toks, i - 1));
    }
    // "chief executive of Tesvik", "a spokeswoman for Veltrana": the body a company's officer
    // or a spokesperson speaks for.
    if !t.break_after
        && let Some((len, link)) = if SPEAKING_FOR.contains(l) {
            Some((1, "for"))
        } else {
            company_title_at(toks, i).map(|len| (len, "of"))
        }
        && toks
            .get(i + len)
            .is_some_and(|n| n.text == link && !n.break_after)
        && let Some((a, b)) = name_after(toks, i + len + 1)
        && ends_name(toks, b)
        && !person_ending_at(toks, b - 1)
        // "CEO of the Refugee Council Ana Ruiz told …": a title with no determiner before it
        // is the speaker's, whose name ends the run; where the body ends is not known.
        && !(toks
            .get(b)
            .is_some_and(|v| !v.break_before && SPEECH.contains(lower(v).as_str()))
            && (i == 0 || !DETERMINERS.contains(lower(&toks[i - 1]).as_str())))
    {
        spans.push((a, b));
    }
    // "Environment Canada spokesperson Julie Hahn".
    if ROLE_CUES.contains(l)
        && i >= 1
        && !t.capitalised
        && !t.break_before
        && toks[i - 1].capitalised
        && person_starting_at(toks, i + 1)
    {
        let (a, b) = name_before(toks, i - 1);
        spans.push((a, b));
    }
    // "told LA Weekly", "told the Guardian".
    if l == "told"
        && let Some((a, b)) = name_after(toks, i + 1)
        && ends_name(toks, b)
        && (b - a > 1 || a > i + 1 || is_acronym(toks[a].text))
        && !person_ending_at(toks, b - 1)
    {
        spans.push((a, b));
    }
    // "told Valor Economico newspaper", "the Nation newspaper reported": a publication's name
    // before the word for what it is.
    if PUBLICATIONS.contains(l)
        && i >= 1
        && toks[i - 1].capitalised
        && !toks[i - 1].break_after
        && !t.break_before
        && !person_ending_at(toks, i - 1)
    {
        spans.push(name_before(toks, i - 1));
    }
    // "ADQ announced …", "the FBI said": an acronym alone as the subject of an act.
    if t.capitalised
        && is_acronym(t.text)
        && !t.break_after
        && (i == 0 || t.break_before || !toks[i - 1].capitalised)
        && toks.get(i + 1).is_some_and(|v| ACTS.contains(v.text))
    {
        spans.push((i, i + 1));
    }
    // "The Guardian cited …".
    if t.text == "The"
        && let Some((a, b)) = name_after(toks, i)
        && toks
            .get(b)
            .is_some_and(|v| !v.break_before && REPORTING.contains(lower(v).as_str()))
    {
        spans.push((a, b));
    }
}

/// "Veltrana said on Tuesday it would …", "Norbex announced its results": one capitalised word
/// as the subject of an act, taken up by "it" or "its" in the same sentence, is a body (a
/// person is "he" or "she"; a place the gazetteer knows is left out by `plausible`). At a
/// sentence's start any noun is capitalised ("Analysts said it was early"), so there the word
/// must also stand capitalised inside a sentence of the article (`cued_names_in` checks).
fn taken_up_subject(toks: &[Token], i: usize) -> bool {
    let t = &toks[i];
    t.capitalised
        && !is_acronym(t.text)
        && !t.break_after
        && (i == 0
            || t.sentence_start
            || t.break_before
            || !toks[i - 1].capitalised
            // "Then Quillor said …": a sentence's first word that is capitalised only there.
            || (toks[i - 1].sentence_start && text::opens_sentences(&lower(&toks[i - 1]))))
        // "The government in Lamara said it …": after a preposition of place the subject is
        // what stands before it.
        && !(i > 0 && text::LOCATIVES.contains(toks[i - 1].text))
        && toks
            .get(i + 1)
            .is_some_and(|v| ACTS.contains(v.text) && !v.break_after)
        && taken_up_by_it(toks, i + 2)
}

/// "Congress passed …", "the Senate voted", "Kelsland's Parliament approved", "the Bundestag's
/// committee": one of [`ONE_WORD_BODIES`] alone — no capitalised word before it but "The" or an
/// owner's possessive, none after it, not after "a", "his", "this" — and where a name ends
/// ("Treasury bonds", "Cabinet ministers", "the Parliament of Kelsland" are left to other
/// rules).
fn one_word_body(toks: &[Token], i: usize) -> bool {
    let t = &toks[i];
    let word = possessive_stem(t.text).unwrap_or(t.text);
    if !t.capitalised || !ONE_WORD_BODIES.contains(word) {
        return false;
    }
    let alone_before = i == 0 || t.break_before || {
        let p = &toks[i - 1];
        if p.capitalised {
            p.text == "The" || possessive_stem(p.text).is_some()
        } else {
            !DETERMINERS.contains(p.text) || p.text == "the"
        }
    };
    let owns = word.len() < t.text.len();
    alone_before
        && (t.break_after
            || owns
            || toks
                .get(i + 1)
                .is_none_or(|n| !n.capitalised && n.text != "of" && ends_name(toks, i + 1)))
}

/// Words that may stand between an act and the "it" that takes up its subject ("said on
/// Tuesday it", "said last week that it"). (`words.toml`: `cues.before_it`)
static BEFORE_IT: Words = Words::new("cues.before_it");

/// Whether "it" or "its" stands at token `k` or a few words after it in the same sentence, with
/// only [`BEFORE_IT`] words, weekdays and months between.
fn taken_up_by_it(toks: &[Token], k: usize) -> bool {
    for (j, t) in toks.iter().enumerate().skip(k).take(4) {
        if j > k && (t.break_before || t.sentence_start) {
            return false;
        }
        if matches!(t.text, "it" | "its") {
            return true;
        }
        let l = lower(t);
        if !(BEFORE_IT.contains(l.as_str()) || is_month_or_weekday(&l)) || t.break_after {
            return false;
        }
    }
    false
}

/// The names joined by "and" in `[a, b)`, each `[a, b)`; a person's name among them is left out.
fn coordinated(toks: &[Token], a: usize, b: usize) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    let mut piece = a;
    // "Chamber of Commerce and Industry": portfolios joined inside an "of" complement are one
    // name's.
    let portfolios_after = |piece: usize, k: usize| {
        toks[piece..k].iter().any(|t| t.text == "of")
            && toks[k + 1..b]
                .iter()
                .take_while(|t| t.text != "and")
                .all(|t| is_portfolio_word(&lower(t)))
    };
    for k in a..=b {
        if k == b || (toks[k].text == "and" && !portfolios_after(piece, k)) {
            if k > piece && !person_ending_at(toks, k - 1) {
                pieces.push((piece, k));
            }
            piece = k + 1;
        }
    }
    pieces
}

/// A list of names from token `k`: "The Ontario Ghostbusters, Doctor Who Society of Canada, and
/// Klingon Assault Group".
fn listed(toks: &[Token], mut k: usize) -> Vec<(usize, usize)> {
    let mut names = Vec::new();
    while let Some((a, b)) = name_after(toks, k) {
        names.extend(coordinated(toks, a, b));
        let separated = toks[b - 1].break_after;
        k = b;
        if toks.get(k).is_some_and(|t| t.text == "and") {
            k += 1;
        } else if !separated || names.len() > 12 {
            break;
        }
    }
    names
}

/// Whether a determiner (a lower-cased word `determiner` accepts) stands before token `i`,
/// right before it or with one word in lower case between ("the regulator", "the port
/// operator", "three aid agencies").
fn determined(toks: &[Token], i: usize, determiner: impl Fn(&str) -> bool) -> bool {
    (1..=2).any(|back| {
        i >= back
            && determiner(&lower(&toks[i - back]))
            && (i - back + 1..i).all(|m| !toks[m].capitalised && !toks[m].break_after)
    })
}

/// One of `descriptors` after "a"/"an"/"the" at token `k`, behind at most four words that
/// describe it (no small word but "and" among them, a possessive in lower case only first),
/// ending its phrase: "a catholic school in Milan", "a company that", "an Alder-based
/// investment and holding company", "the group's trading unit".
fn described(toks: &[Token], k: usize, descriptors: &Words) -> bool {
    (k..toks.len().min(k + 5))
        .take_while(|&m| {
            let l = lower(&toks[m]);
            (m == k || !toks[m].break_before)
                && (l == "and" || !FUNCTION_WORDS.contains(l.as_str()))
                && (possessive_stem(toks[m].text).is_none() || (m == k && !toks[m].capitalised))
        })
        .any(|m| {
            // A capitalised "Union" names a body; only a lower-case word describes one.
            !toks[m].capitalised
                && descriptors.contains(toks[m].text)
                && (toks[m].break_after
                    || toks.get(m + 1).is_none_or(|n| {
                        matches!(
                            lower(n).as_str(),
                            "in" | "of"
                                | "for"
                                | "that"
                                | "which"
                                | "based"
                                | "from"
                                | "at"
                                | "with"
                        )
                    }))
        })
}

/// A publisher in a source list: `"Headline" — Toronto Star, August 15, 2008`.
fn cited_publisher(
    para: &str,
    from: usize,
    toks: &[Token],
    is_place: &dyn Fn(&str) -> bool,
    names: &mut Vec<String>,
) {
    let line = &para[from..toks[toks.len() - 1].end];
    let Some(dash) = ["” — ", "\" — ", "” - ", "\" - "]
        .iter()
        .find_map(|sep| line.find(sep).map(|i| from + i + sep.len()))
    else {
        return;
    };
    let Some(a) = toks.iter().position(|t| t.start >= dash) else {
        return;
    };
    let Some(k) = (a..toks.len().min(a + 6)).find(|&k| toks[k].break_after) else {
        return;
    };
    let after = para[toks[k].end..].trim_start_matches([',', ' ']);
    let dated = after.starts_with(|c: char| c.is_ascii_digit())
        || after
            .split_whitespace()
            .next()
            .is_some_and(|w| is_month_or_weekday(&w.to_lowercase()));
    if para[toks[k].end..].starts_with(',')
        && dated
        && toks[a].capitalised
        && let Some(name) = plausible(para, toks, a, k + 1, is_place)
    {
        names.push(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cued(text: &str) -> Vec<String> {
        let is_place = |w: &str| {
            [
                "Hong Kong",
                "Canada",
                "Milan",
                "Brazil",
                "US",
                "Shanghai",
                "Texas",
                "China",
            ]
            .contains(&w)
        };
        cued_names_in(text, &text::tokens(text), &is_place)
    }

    #[test]
    fn the_body_a_spokesperson_or_a_companys_officer_speaks_for() {
        assert_eq!(
            cued(
                "A spokeswoman for Veltrana declined to comment. Ana Ruiz, chief executive of \
                 Norbex, said jobs would come. The chairman of Quillor said so too."
            ),
            ["Veltrana", "Norbex", "Quillor"]
        );
        // A title with no determiner before it is the speaker's, whose name ends the run.
        assert!(cued("CEO of the Birch Council Enver Solomon told reporters.").is_empty());
        // A surname the article gives a person elsewhere is the person's.
        assert!(
            cued("President Tomas Varn met them. A spokeswoman for Varn said talks went well.")
                .is_empty()
        );
    }

    #[test]
    fn a_company_named_in_quotes_after_its_form() {
        assert_eq!(
            cued(
                "JSC \"Valmora Railways\" and the National Company \u{201c}Kestrel Temir Zholy\u{201d} signed. \
                 OJSC \"Birch Neft\" joined."
            ),
            ["Valmora Railways", "Kestrel Temir Zholy", "Birch Neft"]
        );
        // Not a quote that opens a sentence or a phrase, nor one after another word.
        assert!(
            cued("The company said \"Valmora Railways will grow\" and called it \"Kestrel\".")
                .is_empty()
        );
    }

    #[test]
    fn a_sports_club_by_its_form_or_as_a_citys_team() {
        let is_place = |w: &str| ["Alder", "Milan", "Shanghai"].contains(&w);
        let clubs = |text: &str| -> Vec<String> { club_names(&text::tokens(text), &is_place) };
        assert_eq!(
            clubs("He left FC Vellis for AC Milan, then Alder United and Birch Rovers FC."),
            ["FC Vellis", "AC Milan", "Alder United", "Birch Rovers FC"]
        );
        // "Rovers", "Wanderers", "Athletic", "United" close a club's name after any name.
        assert_eq!(
            clubs(
                "Kelso Rovers drew with Vellby Wanderers; Orrin Athletic lost to league leaders \
                 Castleford United."
            ),
            [
                "Kelso Rovers",
                "Vellby Wanderers",
                "Orrin Athletic",
                "Castleford United"
            ]
        );
        // Without the word that opens the sentence, the possessive or a name after it.
        assert_eq!(
            clubs("Both Kelso Rovers and Orrin Athletic's fans came. Kelso Rovers' ground filled."),
            ["Kelso Rovers", "Orrin Athletic", "Kelso Rovers"]
        );
        assert_eq!(
            clubs("The chairman of Kelso Rovers Tom Hale left."),
            ["Kelso Rovers"]
        );
        assert!(clubs("It joined the Vell Intercollegiate Athletic Conference.").is_empty());
        // "AC" needs a place; a city's plural is a team unless it is an event.
        assert!(clubs("The AC Vellis met.").is_empty());
        assert_eq!(
            clubs("The Shanghai Sharks beat the Shanghai Olympics team."),
            ["Shanghai Sharks"]
        );
        assert!(clubs("Shanghai Residents and Shanghai Stocks rose.").is_empty());
    }

    #[test]
    fn a_person_of_or_from_an_organisation() {
        assert_eq!(
            cued("Cheng Chung-tai of Civic Passion and Alvin Yeung from the Civic Party won."),
            ["Civic Passion", "Civic Party"]
        );
        assert_eq!(cued("Leung Kwok-hung of LSD were elected."), ["LSD"]);
        // Places, adjectives and phrases that run on are not organisations.
        assert!(cued("Michael Tien of Hong Kong spoke.").is_empty());
        assert!(cued("Edward Yiu of the Architectural, Surveying constituency won.").is_empty());
        assert!(cued("Shiu Ka-chun of the Social Welfare constituency won.").is_empty());
    }

    #[test]
    fn a_list_after_a_plural_and_a_comma_and_a_bank_of_one_word() {
        assert_eq!(
            cued("Analysts said other banks, including Harbank and Orvel Trust, would follow."),
            ["Harbank", "Orvel Trust"]
        );
        // A head alone is no name; portfolios joined inside a complement are one name's.
        assert!(cued("Lenders, including the Bank, would follow.").is_empty());
        assert_eq!(
            cued(
                "Groups including the Alder Business Federation and the Kestrel Chamber of \
                 Commerce and Industry welcomed it."
            ),
            [
                "Alder Business Federation",
                "Kestrel Chamber of Commerce and Industry"
            ]
        );
    }

    #[test]
    fn a_companys_part_named_before_the_word_for_it() {
        assert_eq!(
            cued(
                "It sold its Dorrance Valve unit to a rival. The group's Kestrel Foods \
                 subsidiary grew."
            ),
            ["Dorrance Valve", "Kestrel Foods"]
        );
        // A union after "the": "the IG Metall union said".
        assert_eq!(
            cued("Workers struck, the Kelmet union said. It was made by the Velfilm studio."),
            ["Kelmet", "Velfilm"]
        );
        // One word in lower case may say what kind; "The" may open the sentence.
        assert_eq!(
            cued("The Velrenko business federation urged it, the Kelmet trade union said."),
            ["Velrenko", "Kelmet"]
        );
        // Not without the owner's word before it.
        assert!(cued("The Pacific unit rose. A Kestrel Foods subsidiary grew.").is_empty());
        assert!(cued("The Pacific unit rose. Kelmet union members struck.").is_empty());
        // A name in apposition to a part, a possessive in lower case first.
        assert_eq!(
            cued("Ostrava Grain, the group's trading unit, said so."),
            ["Ostrava Grain"]
        );
    }

    #[test]
    fn a_states_one_word_body_alone_where_a_name_ends() {
        assert_eq!(
            cued(
                "Congress passed the bill. The Senate voted on Tuesday, and the Treasury said \
                 so. Kelsland's Parliament approved it; the Bundestag's committee met."
            ),
            ["Congress", "Senate", "Treasury", "Parliament", "Bundestag"]
        );
        // Not before a noun, of or another name, nor after "a" or "his".
        assert!(
            cued(
                "Treasury bonds fell. Cabinet ministers met. The Parliament of Kelsland sat. \
                 The Senate Finance Committee met. His Cabinet resigned. A Senate was formed."
            )
            .is_empty()
        );
    }

    #[test]
    fn an_organisation_s_person() {
        assert_eq!(cued("Later, DAB's Ben Chan won."), ["DAB"]);
        assert_eq!(
            cued("Labour's Shadow Home Secretary Mary Cooper said so."),
            ["Labour"]
        );
        // A person's possessive, a place's and a month's are not.
        assert!(cued("Donald Trump met him. Trump's Mary Smith said no.").is_empty());
        assert!(cued("Canada's Julie Hahn said no.").is_empty());
        assert!(cued("It was March's Mary Smith.").is_empty());
        // A state's or a city's officer is not a body's, unless a party gives the title.
        assert!(cued("Valdoria's Transport Minister Jonas Petr said so.").is_empty());
        assert!(cued("Later, Arvika's Mayor Lena Holm said so.").is_empty());
        assert_eq!(
            cued("Labour's Shadow Foreign Minister Mary Cooper said so."),
            ["Labour"]
        );
    }

    #[test]
    fn a_descriptor_marks_names_in_apposition_with_particles_or_places_in_them() {
        // Places and peoples' names only are no body; a place with a word that only looks
        // like an adjective may be ("Andes Digital").
        assert_eq!(
            cued("It hired the developer Andes Digital. The company Canadian Brazil grew."),
            ["Andes Digital"]
        );
        // A name particle links as "of" does.
        assert_eq!(
            cued("It works through its agency Portos de Marevia."),
            ["Portos de Marevia"]
        );
        // A name between commas after "the" and a descriptor; not a clause ("Ana Lind said").
        assert_eq!(
            cued("The regulator, TRA, said so. The port operator, Terminal Sul, grew."),
            ["TRA", "Terminal Sul"]
        );
        assert!(cued("The company, Ana Lind said, grew. A bank, Orrin, fell.").is_empty());
        // After an owner's possessive, and at a sentence's end.
        assert_eq!(
            cued("It needs Kelsland's antitrust regulator, the Fiscalia Nacional Economica."),
            ["Fiscalia Nacional Economica"]
        );
        assert_eq!(
            cued("Kelsland's antitrust authority, the KNDC, must approve it."),
            ["KNDC"]
        );
        // A list in apposition to a plural (a word may stand between it and "the" or a
        // number), or right after it: two names or more.
        assert_eq!(
            cued(
                "Three aid agencies, Oxbridge Relief and the Kasumbe Red Crescent, warned. It \
                 is owned by the state railways VDR and Kelsland Rail."
            ),
            [
                "Oxbridge Relief",
                "Kasumbe Red Crescent",
                "VDR",
                "Kelsland Rail"
            ]
        );
        assert!(cued("The rival banks Orrin Savings fell.").is_empty());
        assert_eq!(
            cued("The companies, Cemlux SA, Portera Cementi and Grandbeton, appealed."),
            ["Cemlux SA", "Portera Cementi", "Grandbeton"]
        );
        assert_eq!(
            cued("Both banks, Orrin Savings and Kelby, fell."),
            ["Orrin Savings", "Kelby"]
        );
        assert!(
            cued("Among the banks, Orrin Savings fell. Rival banks, Ana Lind said, fell.")
                .is_empty()
        );
    }

    #[test]
    fn a_descriptor_before_or_after_the_name() {
        assert_eq!(
            cued("The secularist magazine MicroMega described it."),
            ["MicroMega"]
        );
        assert_eq!(
            cued("The finals saw US team Cloud9 and Immortals, from Brazil."),
            ["Cloud9", "Immortals"]
        );
        // Not the owner of another name after "and".
        assert_eq!(
            cued("State oil company Petrovald and Kestrel's Nordoil signed."),
            ["Petrovald"]
        );
        assert_eq!(
            cued("Instituto Gonzaga, a catholic school in Milan, paid."),
            ["Instituto Gonzaga"]
        );
        assert_eq!(
            cued("Contracts awarded by the state railway Ferrovia Alta were cut."),
            ["Ferrovia Alta"]
        );
        assert_eq!(
            cued("He told Kestrel Economico newspaper and Ana Lind magazine it fell."),
            ["Kestrel Economico"]
        );
        assert_eq!(
            cued("Olvana Power, Brazil's main power producer, said. Rivals, China's own, fell."),
            ["Olvana Power"]
        );
        assert_eq!(
            cued(
                "Kestrel Lighting Company and Olvana Electric Power will run it. The Alder Port \
                 Authority and Ana Lind said so. Birch Bank and Olvana agreed. The Labour \
                 Party and Ana Lind of Kestrel Union were defeated."
            ),
            // "Kestrel Union" by its member ("Ana Lind of …"), not as a second body.
            ["Olvana Electric Power", "Kestrel Union"]
        );
        assert_eq!(
            cued("He left the elite group called the Sea Org."),
            ["Sea Org"]
        );
        assert_eq!(
            cued(
                "Other groups included The Ontario Ghostbusters, Doctor Who Society, and Klingon Assault Group."
            ),
            [
                "Ontario Ghostbusters",
                "Doctor Who Society",
                "Klingon Assault Group"
            ]
        );
        assert_eq!(
            cued("Volunteer organization Comic Corps of Canada collects comics."),
            ["Comic Corps of Canada"]
        );
    }

    #[test]
    fn a_descriptor_in_apposition_or_after_a_copula() {
        assert!(cued("Mary Smith, a company director, spoke.").is_empty());
        assert_eq!(
            cued("Kestrel Ventures, the Texas-based food and drinks giant, paid."),
            ["Kestrel Ventures"]
        );
        assert_eq!(
            cued("Later KVH is an Alder-based investment and holding company."),
            ["KVH"]
        );
        assert_eq!(
            cued("He said Birchwood was a state-owned utility in Texas."),
            ["Birchwood"]
        );
        assert_eq!(
            cued("Velmares, a research institute in Alder, helped chains such as Korvo."),
            ["Velmares", "Korvo"]
        );
        // Any name's possessive determines a part of it; a title is no part.
        assert_eq!(
            cued("Ostrex, Kelvar's engineering arm, built it. Ana Lind, Kelvar's chief, said so."),
            ["Ostrex"]
        );
        // The descriptor must end the phrase, and no small word but "and" stands inside it.
        assert!(cued("Zhao, the founder of a company, spoke.").is_empty());
        assert!(cued("Mary Smith is a company director.").is_empty());
        assert!(cued("Wang, the fund's manager, spoke.").is_empty());
        assert_eq!(
            cued("It was signed by Alder Exchanges & Clearing, the operator of the market."),
            ["Alder Exchanges & Clearing"]
        );
        // A capitalised head names a body of its own: "the Caucasus" is described by nothing.
        assert!(
            cued("It spans Central Asia, the Caucasus, the Eurasian Economic Union and more.")
                .is_empty()
        );
        assert!(cued("The company said on Monday that it would.").is_empty());
        // A name's possessive after "the" is the owner's; "its" and "their" determine too.
        assert_eq!(
            cued("Justorex, the EU's agency for judicial cooperation, helped."),
            ["Justorex"]
        );
        assert_eq!(
            cued("The insurer said its reinsurance unit, Marlowe Re, raised prices."),
            ["Marlowe Re"]
        );
        assert!(cued("Ana Lind, the EU's agency head, spoke.").is_empty());
        assert_eq!(cued("Orvane, a shipping consultancy, said so."), ["Orvane"]);
    }

    #[test]
    fn a_role_word_between_organisation_and_person() {
        assert_eq!(
            cued("Environment Canada spokesperson Julie Hahn said so."),
            ["Environment Canada"]
        );
        assert!(cued("Shanghai spokesperson Julie Hahn said so.").is_empty());
        assert!(cued("Chinese officials Julie Hahn and others.").is_empty());
    }

    #[test]
    fn a_companys_title_between_company_and_officer() {
        assert_eq!(cued("Profits rose, Tesvik CEO Ana Lind said."), ["Tesvik"]);
        assert_eq!(
            cued("Sales fell, Malvoro chief executive Peter Quill said."),
            ["Malvoro"]
        );
        assert_eq!(
            cued("He met Dunmore Lane Chief Executive Officer Mary Tolan there."),
            ["Dunmore Lane"]
        );
        // A place's officer, a title not followed by a person, a mixed-case title: no cue.
        assert!(cued("Profits rose, Shanghai Chairman Ana Lind said.").is_empty());
        assert!(cued("Profits rose, Tesvik CEO pay fell.").is_empty());
        assert!(cued("Profits rose, Tesvik Chief executive Ana Lind said.").is_empty());
    }

    #[test]
    fn an_acronym_that_acts() {
        assert_eq!(cued("On Monday the KVH said it would pay."), ["KVH"]);
        assert_eq!(cued("KVH announced a deal."), ["KVH"]);
        // A place, a job title, or an acronym inside a longer name is not one.
        assert!(cued("The US said no.").is_empty());
        assert!(cued("The CEO said no.").is_empty());
        assert!(cued("Then Kestrel KVH said no.").is_empty());
        assert!(cued("The KVH index rose.").is_empty());
    }

    #[test]
    fn one_word_that_acts_and_is_taken_up_by_it() {
        assert_eq!(
            cued(
                "In May, Norbex announced its results. Then Quillor said last week that it would sell."
            ),
            ["Norbex", "Quillor"]
        );
        // At a sentence's start the word must also stand capitalised inside a sentence.
        assert_eq!(
            cued("Veltrana said on Tuesday it would expand. The plan pleased Veltrana."),
            ["Veltrana"]
        );
        assert!(cued("Veltrana said on Tuesday it would expand.").is_empty());
        assert!(cued("Analysts said it was early. Most analysts agreed.").is_empty());
        // No "it" taking it up, or "it" too far or in another sentence: nothing.
        assert!(cued("In May, Veltrana said the deal was done.").is_empty());
        assert!(cued("In May, Veltrana said the new plant in Alder would make it.").is_empty());
        assert!(cued("In May, Veltrana said so. It was late.").is_empty());
        // After a preposition of place the word is where the subject is, not the subject.
        assert!(cued("The government in Lamara said its troops would stay.").is_empty());
        assert!(cued("Officials from Tolvaro said it was late.").is_empty());
        // A surname of a person the article names (after a given name or a job title, or
        // family name first) is not a body.
        assert!(cued("Ana Kestrel came. In May, Kestrel said it was fine.").is_empty());
        assert!(cued("Zhang Wei came. In May, Zhang said it was an honour.").is_empty());
        assert!(cued("Mayor Kowalczyk came. In May, Kowalczyk said it was fine.").is_empty());
        // The word may end a longer name, joined by "&", "of" or "for".
        assert_eq!(
            cued(
                "On Monday, Harrow & Vale's said it would review the rating. Officials said \
                 the University of Birchley said it would open a campus."
            ),
            ["Harrow & Vale's", "University of Birchley"]
        );
    }

    #[test]
    fn a_possessive_that_owns_nothing_is_part_of_the_name() {
        assert_eq!(cued("Shares of Merrow's fell 2 percent."), ["Merrow's"]);
        // One that owns what follows is not ("DAB's Ben Chan": `an_organisation_s_person`).
        assert_eq!(cued("Later, DAB's Ben Chan won."), ["DAB"]);
    }

    #[test]
    fn a_company_whose_shares_moved() {
        assert_eq!(
            cued(
                "Harlow Oil shares rose 2 dlrs. Later Quorex shares fell. Property shares \
                 slipped, Class B shares rose and Hong Kong shares jumped. ABX shares sank."
            ),
            ["Harlow Oil", "Quorex", "ABX"]
        );
    }

    #[test]
    fn a_legal_form_after_a_comma_stays_in_the_cued_name() {
        assert_eq!(
            cued("Shares of Brightline Co., Ltd. fell. A stake in Harwick Co.,Ltd grew."),
            ["Brightline Co., Ltd.", "Harwick Co.,Ltd"]
        );
    }

    #[test]
    fn a_company_bought() {
        assert_eq!(
            cued(
                "Westmark agreed to acquire Pelham Aviation for 1 billion dlrs. The unit was \
                 bought by Kestrel Ventures in May. She bought Christmas presents, acquired \
                 John Smith's papers and purchased land. The acquisition of Harlow Mills closed."
            ),
            ["Pelham Aviation", "Kestrel Ventures", "Harlow Mills"]
        );
        // "buy" and "purchase" in every tense, as "acquire": a name before a follower, never
        // one that runs into a noun ("Treasury notes") or a person.
        assert_eq!(
            cued(
                "Vorwick agreed to buy Castlebar for 300 mln dlrs. Traders are buying Treasury \
                 notes. Kestrel is purchasing Harwick Pumps, which makes valves. It will buy \
                 Ana Lopez lunch."
            ),
            ["Castlebar", "Harwick Pumps"]
        );
    }

    #[test]
    fn a_body_owned_held_or_merged() {
        assert_eq!(
            cued("It bought shares of Birch Foods and a stake in the Kestrel Ventures group."),
            ["Birch Foods"]
        );
        assert_eq!(
            cued("The firm, a unit of Alder Holdings, agreed to its merger with Harbour Lines."),
            ["Alder Holdings", "Harbour Lines"]
        );
        // A cue word capitalised because it opens the sentence.
        assert_eq!(
            cued("Shares of Birch Foods dropped. Stake in Kestrel Ventures: sold."),
            ["Birch Foods", "Kestrel Ventures"]
        );
        // A price's move or a modal after the name ends it as a past tense in -ed does.
        assert_eq!(
            cued("Shares of Kestrel Freight Lines rose. A stake in Alder Mining could grow."),
            ["Kestrel Freight Lines", "Alder Mining"]
        );
        // A place, a person, or a name that runs on is not one.
        assert!(cued("It took a stake in Shanghai and shares of Mary Smith.").is_empty());
        assert!(cued("It took a stake in Kestrel projects.").is_empty());
        // A legal form closes the name before where the company is.
        assert_eq!(
            cued("It is a unit of Alder Holdings PLC of Milan, which agreed."),
            ["Alder Holdings PLC"]
        );
    }

    #[test]
    fn where_an_economist_or_analyst_works() {
        assert_eq!(
            cued(
                "Analysts at Kestrel Economics said so. A strategist with Alder Securities agreed."
            ),
            ["Kestrel Economics", "Alder Securities"]
        );
        // A place or a person is not one, nor a profession without "at" or "with".
        assert!(
            cued("An economist at Milan said it. Analysts expect Birch Foods to gain.").is_empty()
        );
        assert!(cued("A professor at Mary Smith's school said so.").is_empty());
        // Professionals of two firms; a firm named by two words and "and" is one.
        assert_eq!(
            cued(
                "Traders at Olvana Commodities and Brightfield Grain said so. Analysts at \
                 Harrow and Vale said so too."
            ),
            ["Olvana Commodities", "Brightfield Grain", "Harrow and Vale"]
        );
    }

    #[test]
    fn publications_told_reporting_and_cited() {
        assert_eq!(cued("Whitmore told LA Weekly that he left."), ["LA Weekly"]);
        assert_eq!(cued("The Guardian cited examples."), ["Guardian"]);
        // An acronym is a whole name: "and" after it links no longer one (the two reporting
        // are left to other rules); "and" between words links.
        assert!(cued("The KBI and Velpol reported the arrests.").is_empty());
        assert_eq!(
            cued("The Harrow and Vale Gazette reported it."),
            ["Harrow and Vale Gazette"]
        );
        assert!(cued("He told Mary Smith that he left.").is_empty());
        assert!(cued("He told Smith that he left.").is_empty());
        assert!(cued("The Pope said so.").is_empty());
        assert_eq!(
            cued("\"Report found on street\" — Toronto Star, August 15, 2008"),
            ["Toronto Star"]
        );
    }
}

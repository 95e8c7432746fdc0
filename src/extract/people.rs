//! People: named persons, with the role the text gives them.
//!
//! A person is a run of one to four capitalised words that is not an organisation, a place or a
//! date, and that the text marks as a person in one of the ways news does:
//! - a title before the name: "Shanghai Mayor Gong Zheng", "Premier Wen Jiabao", "Dr Ana Ruiz";
//! - an appositive after it: "Shih May-lung, chairperson of the Board …";
//! - a verb of speech next to it: "Li said", "said Charles Li";
//! - the surname standing alone later in the text: "… Kristin Wilkins … Wilkins added".
//!
//! The role is the title before the name (with the words that qualify it: "Chinese Foreign
//! Minister"), or else the appositive up to the next comma or full stop.
//! A shorter name that ends a longer one in the same article ("Li" after "Charles Li") is the
//! same person.
//!
//! Cost: linear in the text.

use super::text::{self, FUNCTION_WORDS, NAME_PARTICLES, Token, lower};
use super::vocabulary::{
    DETERMINERS, KIN_NOUNS, NUMBER_WORDS, PLACE_NOUNS, PLACE_OPENERS, SPEECH, THING_NOUNS,
    TITLE_MODIFIERS, is_common_word, is_family_first_name, is_given_name, is_given_name_word,
    is_head, is_head_first, is_month_or_weekday, is_organisation_plural, is_peoples_name,
    is_portfolio_word, is_romanised_given_name, is_title_word, is_trade_head,
};
use super::vocabulary::{Words, with_lowercase};
use crate::model::Person;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Words that never belong to a person's name. (`words.toml`: `people.not_name`)
static NOT_NAME: Words = Words::new("people.not_name");

/// Forms of address that, written in capitals, are something else: "MS Baltic Star" is a
/// ship, "DR Congo" a country. (`words.toml`: `people.no_titles_in_capitals`)
static NO_TITLES_IN_CAPITALS: Words = Words::new("people.no_titles_in_capitals");

fn is_title(t: &Token) -> bool {
    !NO_TITLES_IN_CAPITALS.contains(t.text) && with_lowercase(t.text, is_title_word)
}

/// A word that can be part of a person's name.
fn name_word(
    t: &Token,
    is_place: &dyn Fn(&str) -> bool,
    is_org_word: &dyn Fn(&str) -> bool,
) -> bool {
    // Most words are lower case: decided before anything is allocated.
    if !t.capitalised
        || !t.text.chars().next().is_some_and(char::is_alphabetic)
        || t.text.chars().any(|c| c.is_ascii_digit())
    {
        return false;
    }
    with_lowercase(t.text, |l| name_word_written(t, l, is_place, is_org_word))
}

/// [`name_word`] of a capitalised word `t`, `l` in lower case.
fn name_word_written(
    t: &Token,
    l: &str,
    is_place: &dyn Fn(&str) -> bool,
    is_org_word: &dyn Fn(&str) -> bool,
) -> bool {
    // "ETF", "MOUs": an acronym, or its plural.
    let (mut letters, mut upper, mut last) = (0, 0, ' ');
    for c in t.text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        upper += usize::from(c.is_uppercase());
        last = c;
    }
    let singular = if last == 's' { letters - 1 } else { letters };
    let acronym = singular >= 2 && upper == singular && !t.text.contains('.');
    // "Twenty-three": a number.
    let number = NUMBER_WORDS.contains(l.split('-').next().unwrap_or(""));
    if acronym
        || number
        || NOT_NAME.contains(l)
        || is_month_or_weekday(l)
        // "Hebei Province": a place's noun, not a name.
        || PLACE_NOUNS.contains(l)
    {
        return false;
    }
    // "Nutrition", "Collections", "Scientology": abstract nouns, not names.
    let abstract_noun = l.chars().count() > 6
        && [
            "tion", "tions", "sion", "ment", "ments", "ness", "ity", "ology", "ship",
        ]
        .iter()
        .any(|suffix| l.ends_with(suffix));
    let ruled_out = abstract_noun
        || (t.sentence_start && FUNCTION_WORDS.contains(l))
        || matches!(l, "the" | "i" | "i'm" | "i’m")
        // "Alder's", "the Attorney General's office": a place's or a title's possessive.
        || ["'s", "’s"].iter().any(|s| {
            t.text.strip_suffix(s).is_some_and(|stem| {
                is_place(stem) || (with_lowercase(stem, is_title_word) && !is_given_name(stem))
            })
        })
        || (is_title(t) && !is_given_name(t.text))
        || (is_place(t.text) && !is_given_name(t.text))
        || t.text
            .split(['-', '–'])
            .any(|part| part.len() < t.text.len() && is_place(part))
        || is_org_word(t.text)
        // "Pan-democrat", "Co-operation": a hyphenated word, not a romanised name.
        || (t.text.split_once('-').is_some_and(|(_, tail)| {
            tail.len() > 5 && tail.chars().all(|c| c.is_lowercase())
        }) && !is_romanised_given_name(t.text));
    !ruled_out
}

/// People found in `text`; `excluded` are byte spans (organisation mentions) no name may overlap.
pub fn find_people(
    text: &str,
    toks: &[text::Token],
    excluded: &[(usize, usize)],
    is_place: &dyn Fn(&str) -> bool,
    is_org_word: &dyn Fn(&str) -> bool,
) -> Vec<Person> {
    let lower_case = text::lower_case_words(toks);
    choose_people(
        text,
        people_candidates(text, toks, &lower_case, is_place, is_org_word),
        excluded,
        &|_| false,
    )
}

/// Regnal numbers. (`words.toml`: `people.regnal_numbers`)
static REGNAL_NUMBERS: Words = Words::new("people.regnal_numbers");

pub fn people_candidates(
    text: &str,
    toks: &[text::Token],
    lower_case: &HashSet<&str>,
    is_place: &dyn Fn(&str) -> bool,
    is_org_word: &dyn Fn(&str) -> bool,
) -> Vec<Candidate> {
    // Names are read in the body; the headline is only where they are matched.
    let body_start = text::body_start(text);
    // Capitalised words standing alone (not next to another capitalised word, no determiner
    // before: "the Columbia", "their own Polaroid" are things), computed once so each
    // candidate looks up in O(1).
    // A word the article also writes in lower case is a common word ("the state of magic …
    // Carnival of Magic"), not a surname standing alone.
    let standalone: HashSet<&str> = toks
        .iter()
        .enumerate()
        .filter(|&(k, t)| {
            t.capitalised
                && (k + 1 >= toks.len() || !toks[k + 1].capitalised || toks[k + 1].break_before)
                && (k == 0 || !toks[k - 1].capitalised || toks[k].break_before)
                && (k == 0 || !DETERMINERS.contains(lower(&toks[k - 1]).as_str()))
                && !lower_case.contains(t.text.to_lowercase().as_str())
        })
        .map(|(_, t)| t.text)
        .collect();
    let mut people: Vec<Candidate> = Vec::new();
    for run in text::name_runs(toks) {
        // Sub-runs of capitalised words, split at linking words ("Premier X and Chief Executive Y").
        let mut i = run.start;
        while i < run.end {
            let mut j = i;
            // A name particle between two capitalised words stays in a person's name
            // ("Charles de Gaulle", "Mohammed bin Salman"); any other linking word splits.
            // A comma inside a run (a list of portfolios) ends a sub-run too.
            while j < run.end
                && (j == i || !toks[j].break_before)
                && (toks[j].capitalised
                    || (j > i
                        && NAME_PARTICLES.contains(toks[j].text)
                        && (j + 1..run.end.min(j + 3))
                            .find(|&m| !NAME_PARTICLES.contains(toks[m].text))
                            .is_some_and(|m| toks[m].capitalised)))
            {
                j += 1;
            }
            // "Nonpartisan Paul Tse and …": a sentence's first word that the article also
            // writes in lower case, before a given name, is a common word capitalised by its
            // place, not a title or a name's.
            let from = if j - i >= 3
                && toks[i].sentence_start
                && !is_title(&toks[i])
                && !is_given_name(toks[i].text)
                && is_given_name(toks[i + 1].text)
                && lower_case.contains(lower(&toks[i]).as_str())
            {
                i + 1
            } else {
                i
            };
            if j > i {
                consider(
                    text,
                    toks,
                    &standalone,
                    from,
                    j,
                    body_start,
                    is_place,
                    is_org_word,
                    &mut people,
                );
            }
            i = j + 1;
        }
    }
    coordinate_evidence(text, lower_case, &mut people);
    people
}

/// The capitalised words that stand alone right before a verb of speech ("Jafari said"), the
/// article never writing them in lower case ("He said", "It added" are no one's): surnames
/// the article quotes (`lower_case`: the words it writes in lower case). O(tokens).
pub fn quoted_surnames<'a>(toks: &[Token<'a>], lower_case: &HashSet<&str>) -> HashSet<&'a str> {
    toks.windows(3)
        .filter(|w| {
            let [before, word, verb] = w else {
                return false;
            };
            word.capitalised
                && word.text.chars().any(char::is_lowercase)
                && (!before.capitalised || before.break_after || word.sentence_start)
                && !word.break_after
                && SPEECH.contains(verb.text)
                && !lower_case.contains(word.text.to_lowercase().as_str())
                && !FUNCTION_WORDS.contains(word.text.to_lowercase().as_str())
        })
        .map(|w| w[1].text)
        .collect()
}

/// "Kevin Drake and Solon Bixler", "Kevin Drake, Solon Bixler": a name of two or three words
/// listed with a person's is a person's too — unless it ends in a word the article also writes
/// in lower case ("Chick Corea and Weather Report": a band; "report" is a common noun).
fn coordinate_evidence(text: &str, lower_case: &HashSet<&str>, people: &mut [Candidate]) {
    for k in 1..people.len() {
        let (left, right) = people.split_at_mut(k);
        let (a, b) = (&mut left[k - 1], &mut right[0]);
        let between = text.get(a.span.1..b.span.0).unwrap_or("");
        // A comma only continues a list after the person: before one it ends a role
        // ("Minister for Export Growth, Damien O'Connor").
        let listed = matches!(between, " and " | ", and ") || (between == ", " && a.evidence);
        if !listed || a.evidence == b.evidence {
            continue;
        }
        let cued = if a.evidence { a.cued } else { b.cued };
        let unmarked = if a.evidence { b } else { a };
        let words: Vec<&str> = unmarked.person.name.split_whitespace().collect();
        let common_last = words
            .last()
            .is_some_and(|w| lower_case.contains(w.to_lowercase().as_str()));
        if (2..=3).contains(&words.len()) && !common_last {
            unmarked.evidence = true;
            unmarked.cued = cued;
        }
    }
}

/// The people among `candidates` in `text`: those not overlapping `excluded` (organisation
/// mentions) nor the opening words of one ("Gannet Federal" of "Gannet Federal Savings and Loan
/// Association" said), one a name, with evidence, short names merged into full ones. A name
/// the article's places include is a person's only with more than its shape to go on
/// ("Lincoln Park", "Sandy Hook" are places; "Jennifer Park said" is a person).
pub fn choose_people(
    text: &str,
    candidates: Vec<Candidate>,
    excluded: &[(usize, usize)],
    is_found_place: &dyn Fn(&str) -> bool,
) -> Vec<Person> {
    let overlaps = text::Spans::new(excluded);
    let openings = openings(text, excluded);
    let people = candidates
        .into_iter()
        .filter(|c| !overlaps.overlaps(c.span))
        .filter(|c| !opens_an_organisation(text, c.span, &openings));
    // One candidate a name: the first role found, evidence from any sighting.
    let mut by_name: HashMap<String, usize> = HashMap::default();
    let mut unique: Vec<Candidate> = Vec::new();
    for c in people {
        match by_name.get(&c.person.name) {
            Some(&k) => {
                let kept = &mut unique[k];
                if kept.person.role.is_none() {
                    kept.person.role = c.person.role;
                }
                kept.evidence |= c.evidence;
                kept.cued |= c.cued;
            }
            None => {
                by_name.insert(c.person.name.clone(), unique.len());
                unique.push(c);
            }
        }
    }
    let mut people: Vec<Person> = unique
        .into_iter()
        .filter(|c| c.evidence && (c.cued || !is_found_place(&c.person.name)))
        .map(|c| c.person)
        .collect();
    merge_short_names(&mut people);
    // A lone surname that joined no full name, with no title, is too little to go on.
    people.retain(|p| p.name.contains(' ') || p.role.is_some());
    // "D.C.": initials alone name no one.
    people.retain(|p| {
        p.name
            .split_whitespace()
            .any(|w| !(w.contains('.') && w.chars().all(|c| c == '.' || c.is_uppercase())))
    });
    people
}

/// The people a byline names ("By Ana Ruiz", "By Ana Ruiz and Tomo Vellick"), with the role
/// "author": each of two to four name words, none a title, a body's head, a place or a word
/// that is no name ("Staff Reporter", "Xinhua News Agency" name no one).
pub fn byline_people(author: &str, is_place: &dyn Fn(&str) -> bool) -> Vec<Person> {
    author
        .split(" and ")
        .flat_map(|part| part.split(['&', ',']))
        .map(str::trim)
        .filter(|name| {
            let words: Vec<&str> = name.split_whitespace().collect();
            (2..=4).contains(&words.len())
                && words.iter().all(|w| {
                    let l = w.to_lowercase();
                    w.chars().next().is_some_and(char::is_uppercase)
                        && w.chars().any(char::is_lowercase)
                        && w.chars().all(|c| c.is_alphabetic() || "-'’.".contains(c))
                        && !is_title_word(&l)
                        && !super::vocabulary::is_head(w)
                        && !NOT_NAME.contains(l.as_str())
                        && !is_month_or_weekday(&l)
                        && !is_place(w)
                })
                && !is_place(name)
        })
        .map(|name| Person {
            name: name.to_string(),
            role: Some("author".to_string()),
            mentions: vec![name.to_string()],
        })
        .collect()
}

/// Every opening of the organisation mentions at `orgs` in `text` that ends before a space
/// ("Gannet Federal", "Gannet Federal Savings", … of "Gannet Federal Savings and Loan
/// Association"), for [`opens_an_organisation`].
fn openings<'t>(text: &'t str, orgs: &[(usize, usize)]) -> HashSet<&'t str> {
    let mentions: HashSet<&str> = orgs.iter().map(|&(a, b)| &text[a..b]).collect();
    mentions
        .into_iter()
        .flat_map(|m| m.match_indices(' ').map(move |(space, _)| &m[..space]))
        .collect()
}

/// Whether the name at `span` of `text` is the first two words or more of an organisation
/// mention (`openings`: [`openings`]) and opens with no given name, or with one before a common
/// word: the body's short form, not a person ("Kelvin Mutual" of "Kelvin Mutual Assurance";
/// "Walt Disney" of "Walt Disney Company" stays a person).
fn opens_an_organisation(text: &str, span: (usize, usize), openings: &HashSet<&str>) -> bool {
    let name = &text[span.0..span.1];
    let mut words = name.split_whitespace();
    if words.clone().count() < 2
        || (words.next().is_some_and(is_given_name)
            && !words.any(|w| with_lowercase(w, is_common_word)))
    {
        return false;
    }
    openings.contains(name)
}

/// A capitalised word describing someone ("Scientologist", "Pan-democrat", "Republican"),
/// not a first name ("Farouk").
fn looks_like_descriptor(word: &str) -> bool {
    let l = word.to_lowercase();
    l.contains('-')
        || ["ist", "ian", "ent", "ant", "ite", "ese", "ish"]
            .iter()
            .any(|suffix| l.ends_with(suffix))
}

/// Capitalised only because it starts the sentence: a function word, or an -ing/-ed/-ly word.
fn looks_common(word: &str) -> bool {
    let l = word.to_lowercase();
    text::opens_sentences(&l)
        || (l.len() > 4 && (l.ends_with("ing") || l.ends_with("ed") || l.ends_with("ly")))
}

/// A possible person, where the text names it, and whether the text marks it as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    person: Person,
    span: (usize, usize),
    evidence: bool,
    /// Evidence beyond the name's shape: a title before it, speech, "by", a life or a
    /// relative, a list with such a person (an appositive after it is not: "Mof-Ávvi, a
    /// former kingdom").
    cued: bool,
}

impl Candidate {
    /// Whether the candidate is one word that names a place ("the city of Alder, head of …"
    /// reads like an appositive role): a smaller city's name is read inside people's names
    /// ("Wang Jinhua"), never alone. A given name that is also a place ("Florence") stays.
    pub fn is_a_place_alone(&self, is_place: &dyn Fn(&str) -> bool) -> bool {
        let name = self.person.name.as_str();
        !name.contains(char::is_whitespace) && is_place(name) && !is_given_name(name)
    }
}

#[allow(clippy::too_many_arguments)]
fn consider(
    text: &str,
    toks: &[Token],
    standalone: &HashSet<&str>,
    start: usize,
    end: usize,
    body_start: usize,
    is_place: &dyn Fn(&str) -> bool,
    is_org_word: &dyn Fn(&str) -> bool,
    people: &mut Vec<Candidate>,
) {
    // "Bandar Seri Begawan": a run that is a known place's name is no title and name.
    if end > start + 1 && is_place(&text[toks[start].start..toks[end - 1].end]) {
        return;
    }
    // The title: everything up to the last title word, when a name follows it.
    // A title word that is also a given name opening the run ("Dean Kamen") is a name.
    // A modifier ("Trade", "Vice", "Former") is a title only with the title it modifies:
    // "Valmora Trade Expo" has none.
    // A regnal number or "Jr." after it names no one: "Martin Luther King Jr." has no title.
    let last_title = (start..end).rev().find(|&k| {
        is_title(&toks[k])
            && !TITLE_MODIFIERS.contains(lower(&toks[k]).as_str())
            && (k + 1..end).any(|m| !REGNAL_NUMBERS.contains(toks[m].text))
            && !(k == start && is_given_name(toks[k].text))
    });
    let Some(((a, b), role_from)) = person_span(
        text,
        toks,
        (start, end),
        last_title,
        body_start,
        is_place,
        is_org_word,
    ) else {
        return;
    };
    let name = &text[toks[a].start..toks[b - 1].end];
    let possessive = text::possessive_stem(name);
    let name = possessive.unwrap_or(name);
    let before = a.checked_sub(1).map(|k| &toks[k]);
    // "lived in Beverly Hills", "a farm near Lincoln Park": a name of two or more words right
    // after "in" or "near" is a place's (a person's is read there only as an owner: "in Ana
    // Ruiz's book").
    if b - a >= 2
        && a == start
        && possessive.is_none()
        && before.is_some_and(|t| matches!(t.text, "in" | "near"))
    {
        return;
    }
    let speech = spoken(toks, start, (a, b));
    // "founded by Dean Kamen", "saved by Thibaut Courtois".
    let agent = (2..=3).contains(&(b - a)) && a == start && before.is_some_and(|t| t.text == "by");
    // The title and complement before the name ("Minister of Commerce Wang Wentao").
    let role = role_of(text, toks, start, (a, b), last_title)
        .or_else(|| role_from.map(|k| text[toks[k].start..toks[a - 1].end].to_string()));
    let words = b - a;
    let single = words == 1;
    let (given, romanised) = name_shape(toks, (a, b));
    // "Brightline Foods said", "Tesvik Shipping said": a plural that ends many organisations'
    // names, or a trade's word, closes a company's name; "Democratic Governors said": a plural
    // title names a group of people — unless a given name opens it ("Lee Majors").
    let last = toks[b - 1].text;
    if words >= 2 && !given && ((!romanised && closes_a_company(last)) || plural_title(last)) {
        return;
    }
    // "Harlan Marine Systems": three capitalised words or more that end in such a plural are a
    // company's even after a given name ("Lee Majors" is two).
    if words >= 3 && is_organisation_plural(last) && toks[a..b].iter().all(|t| t.capitalised) {
        return;
    }
    // Evidence around the name: a relative, a life, the next sentence's pronoun.
    let life = (2..=4).contains(&words)
        && (kin_after(toks, b)
            || life_after(&text[toks[b - 1].end..])
            || (a == start
                && (kin_before(text, toks, a)
                    || (toks[a].sentence_start && next_sentence_he_or_she(toks, b)))));
    let evidenced = role.is_some() || speech || given || romanised || agent || life;
    // "Agriculture, Forestry and …": a portfolio is no one's name.
    // "Currently he is an analyst": a sentence's opening adverb is no one's name.
    if single
        && (!evidenced
            || (toks[a].sentence_start && role.is_none())
            || (toks[a].sentence_start
                && looks_common(toks[a].text)
                && !is_given_name(toks[a].text))
            || is_portfolio_word(&lower(&toks[a])))
    {
        return;
    }
    let (mentions, confirmed) = words_alone(toks, (a, b), name, standalone);
    let evidence = evidenced || confirmed;
    let cued = last_title.is_some() || role_from.is_some() || speech || agent || life;
    people.push(Candidate {
        person: Person {
            name: name.to_string(),
            role,
            mentions,
        },
        span: (toks[a].start, toks[b - 1].end),
        evidence,
        cued,
    });
}

/// Whether the name `toks[a..b]` is a thing's or a group's by its last noun, or a people's by
/// its adjective ([`person_span`] says why).
fn names_a_thing_or_a_people(
    toks: &[Token],
    (a, b): (usize, usize),
    is_place: &dyn Fn(&str) -> bool,
) -> bool {
    let last = lower(&toks[b - 1]);
    let given_first = is_given_name(toks[a].text);
    let also_a_surname = SURNAME_THING_NOUNS.contains(last.as_str()); // "President Park"
    let thing = THING_NOUNS.contains(last.as_str())
        && (b - a >= 2 || !also_a_surname)
        && (!given_first || !also_a_surname);
    let peoples_inside = b - a >= 3
        && toks[a + 1..b - 1]
            .iter()
            .any(|t| !is_given_name(t.text) && is_peoples_name(t.text, is_place));
    thing
        || peoples_inside
        || (!given_first && b - a >= 2 && is_peoples_name(toks[a].text, is_place))
}

/// Whether a verb of speech stands next to the name `toks[a..b]` (the run starts at `start`):
/// "Ana Ruiz said", "said Ana Ruiz", "according to Ana Ruiz" — but not "…, dealers said.
/// Slaughter Steers - Choice …": a verb before the name stands in its sentence.
fn spoken(toks: &[Token], start: usize, (a, b): (usize, usize)) -> bool {
    let before = a.checked_sub(1).map(|k| &toks[k]);
    let according = a == start
        && a >= 2
        && toks[a - 1].text == "to"
        && toks[a - 2].text.eq_ignore_ascii_case("according");
    toks.get(b)
        .is_some_and(|t| SPEECH.contains(lower(t).as_str()))
        || before.is_some_and(|t| {
            SPEECH.contains(lower(t).as_str()) && a == start && !toks[a].sentence_start
        })
        || according
}

/// Whether the words `toks[a..b]` read as a person's name by their shape: (a given name first,
/// a romanised name). "Alice Mak" starts with a given name; "Cheng Chung-tai" ends with a
/// romanised given name; "Li Wei", "Nguyen Van Minh" start with a family name and go on in
/// romanised syllables.
fn name_shape(toks: &[Token], (a, b): (usize, usize)) -> (bool, bool) {
    let words = b - a;
    let given = (2..=3).contains(&words)
        && (is_given_name(toks[a].text)
            || (!toks[a].sentence_start && is_given_name_word(toks[a].text)));
    let romanised = (words == 2 && is_romanised_given_name(toks[b - 1].text))
        || is_family_first_name(toks[a..b].iter().map(|t| t.text));
    (given, romanised)
}

/// The name's mentions — the whole name and each of its words standing alone elsewhere (the
/// surname: last or, in Chinese order, first) — and whether they confirm it as a person's: the
/// last word of a two-word name alone ("Kristin Wilkins … Wilkins added"; "Thanksgiving break"
/// is no mention of a "Thanksgiving Day"), or any word of a longer one opening with a given name
/// ("Charles Li Xiaojia … Li said"; not "Space Shuttle Atlantis … Atlantis was moved").
fn words_alone(
    toks: &[Token],
    (a, b): (usize, usize),
    name: &str,
    standalone: &HashSet<&str>,
) -> (Vec<String>, bool) {
    let mut mentions = vec![name.to_string()];
    for word in toks[a..b].iter().map(|t| t.text) {
        if b - a >= 2 && standalone.contains(word) && !mentions.iter().any(|m| m == word) {
            mentions.push(word.to_string());
        }
    }
    let confirmed = mentions.len() > 1
        && ((b - a == 2 && standalone.contains(toks[b - 1].text)) || is_given_name(toks[a].text));
    (mentions, confirmed)
}

/// A relative, a companion or a person's calling named right before token `a`: "his father
/// John Citrone", "a daughter, Nadja Beauford", "physicist Luigi Galvani"; "married to" is not
/// one.
fn kin_before(text: &str, toks: &[Token], a: usize) -> bool {
    let Some(k) = a.checked_sub(1) else {
        return false;
    };
    let between = &text[toks[k].end..toks[a].start];
    let word = toks[k].text.to_lowercase();
    !toks[k].capitalised
        && matches!(between, " " | ", ")
        && (KIN_NOUNS.contains(word.as_str()) || is_calling(&word))
}

/// Whether a lower-case word names a person's calling, or people's, by its ending: "physicist",
/// "journalist", "biologist", "physician", "musician", "photographer", "photographers"; or is a
/// title's plural ("lawmakers", "ministers", "midfielders": the singular before a name is its
/// role, read elsewhere).
fn is_calling(word: &str) -> bool {
    // "photographers Nat Finkelstein, …": the plural names each of a list.
    let singular = word.strip_suffix('s');
    let word = singular.unwrap_or(word);
    (word.len() >= 6
        && ["ist", "ician", "grapher"]
            .iter()
            .any(|ending| word.ends_with(ending)))
        || singular.is_some_and(|w| is_title_word(w) && !TITLE_MODIFIERS.contains(w))
}

/// Whether the sentence after the one that ends at or after token `b` opens with "He", "She",
/// "His" or "Her": said of a name that opens its sentence, it refers to a person ("Ana Ruiz
/// joined the board in 2019. She …"); a body is "it". Looks at most 80 words ahead.
fn next_sentence_he_or_she(toks: &[Token], b: usize) -> bool {
    toks.iter()
        .skip(b)
        .take(80)
        .find(|t| t.sentence_start)
        .is_some_and(|t| matches!(t.text, "He" | "She" | "His" | "Her"))
}

/// A relative of the name's right after it: "Ana Ruiz's husband".
fn kin_after(toks: &[Token], b: usize) -> bool {
    text::possessive_stem(toks[b - 1].text).is_some()
        && !toks[b - 1].break_after
        && toks.get(b).is_some_and(|t| KIN_NOUNS.contains(t.text))
}

/// What follows a name gives a person's life: years or a birth in brackets ("(1821-1902)",
/// "(born 22 October 1988)", "(c. 1240 – c. 1300)") or an age between commas ("Ana Ruiz, 45,").
fn life_after(rest: &str) -> bool {
    let year_span = |s: &str| {
        let s = s.trim_start_matches("c.").trim_start();
        let digits = s.chars().take_while(char::is_ascii_digit).count();
        (3..=4).contains(&digits)
            && s[digits..]
                .trim_start()
                .starts_with(['-', '\u{2013}', '\u{2014}'])
    };
    if let Some(inside) = rest.trim_start_matches(' ').strip_prefix('(') {
        let inside = inside.trim_start();
        return ["born ", "b. ", "died ", "d. ", "née "]
            .iter()
            .any(|p| inside.starts_with(p))
            || year_span(inside);
    }
    if let Some(after) = rest.strip_prefix(", ") {
        let after = after.strip_prefix("aged ").unwrap_or(after);
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        return (1..=3).contains(&digits) && after[digits..].starts_with(',');
    }
    false
}

/// The first word of the name in the sub-run after its title (`name_start`): not a possessor
/// ("FTU's Alice Mak"), a capitalised common word opening a sentence, or a descriptor before a
/// given name ("Scientologist Tom Cruise").
fn first_name_word(
    toks: &[Token],
    name_start: usize,
    end: usize,
    titled: bool,
    is_place: &dyn Fn(&str) -> bool,
    is_org_word: &dyn Fn(&str) -> bool,
) -> usize {
    let mut a = name_start;
    while a < end && !name_word(&toks[a], is_place, is_org_word) {
        a += 1;
    }
    // "FTU's Alice Mak", "New People Party's Regina Ip": the possessor is not part of the name.
    if let Some(k) = (a..end.saturating_sub(1))
        .rev()
        .find(|&k| toks[k].text.ends_with("'s") || toks[k].text.ends_with("’s"))
    {
        a = k + 1;
    }
    // "… of the Alder Trade Council John Smith": a person's name after a body's name.
    if let Some(k) = text::holders_name(&toks[a..end], is_place) {
        a += k;
    }
    // A sentence's first word is capitalised anyway: "Though", "Prompted", "Hoping" are no names
    // ("Ahmed", "Mohamed" are).
    if a < end
        && toks[a].sentence_start
        && a + 1 < end
        && looks_common(toks[a].text)
        && !is_given_name(toks[a].text)
    {
        a += 1;
    }
    // "Scientologist Tom Cruise", "Administrator Charles Bolden": a descriptor before a given name.
    // "Overall Tom Reyes …", "Afterwards Ana Ruiz …": so is a common word capitalised because
    // it opens the sentence.
    if !titled
        && end - a >= 3
        && !is_given_name(toks[a].text)
        && is_given_name(toks[a + 1].text)
        && (looks_like_descriptor(toks[a].text)
            || (toks[a].sentence_start && is_common_word(&lower(&toks[a]))))
    {
        a += 1;
    }
    a
}

/// Whether `toks[k]` is a particle inside the name opening at `a`, in a sub-run ending at `end`:
/// "Ursula van der Berg" (one or two particles between name words).
fn is_particle(toks: &[Token], a: usize, end: usize, k: usize) -> bool {
    k > a
        && NAME_PARTICLES.contains(toks[k].text)
        && (k + 1..end.min(k + 3))
            .find(|&m| !NAME_PARTICLES.contains(toks[m].text))
            .is_some_and(|m| toks[m].capitalised)
}

/// Whether `toks[k]` is a regnal number or generational suffix after the name opening at `a`:
/// "King Hassan II", "Kestrel Varn Jr.".
fn is_regnal(toks: &[Token], a: usize, k: usize) -> bool {
    k > a && REGNAL_NUMBERS.contains(toks[k].text)
}

/// Where the name opening at `a` ends within its sub-run (which ends at `end`): after its name
/// words, particles, regnal number, or a possessive.
fn name_end(
    toks: &[Token],
    a: usize,
    end: usize,
    is_place: &dyn Fn(&str) -> bool,
    is_org_word: &dyn Fn(&str) -> bool,
) -> usize {
    let particle = |k: usize| is_particle(toks, a, end, k);
    let regnal = |k: usize| is_regnal(toks, a, k);
    // "Michael Jordan", "Anna Georgia": a place's name as the surname after a given name.
    let surname_place = |k: usize| {
        k == a + 1 && k + 1 == end && is_given_name(toks[a].text) && is_place(toks[k].text)
    };
    let mut b = a;
    while b < end
        && (name_word(&toks[b], is_place, is_org_word)
            || particle(b)
            || regnal(b)
            || surname_place(b))
    {
        b += 1;
        // "Warhol's Polaroids": a possessive ends the name.
        if toks[b - 1].text.ends_with("'s") || toks[b - 1].text.ends_with("’s") {
            break;
        }
    }
    b
}

/// Singular words for a trade that end companies' names. (`words.toml`: `people.industry_words`)
static INDUSTRY_WORDS: Words = Words::new("people.industry_words");

/// Whether a name's last word closes a company's name: a plural that ends many organisations'
/// names ("Foods"), a trade that heads one ("Shipping", [`is_trade_head`]) or another trade's
/// word ("Trading").
fn closes_a_company(word: &str) -> bool {
    is_organisation_plural(word) || is_trade_head(word) || INDUSTRY_WORDS.contains(word)
}

/// Whether a word is a job title in the plural ("Governors", "Senators", "Ministers").
fn plural_title(word: &str) -> bool {
    word.strip_suffix('s')
        .is_some_and(|stem| with_lowercase(stem, is_title_word))
}

/// Kinds of things named right after them. (`words.toml`: `people.kinds_before_a_name`)
static KINDS_BEFORE_A_NAME: Words = Words::new("people.kinds_before_a_name");

/// Nouns of [`THING_NOUNS`] that are also surnames. (`words.toml`: `people.surname_thing_nouns`)
static SURNAME_THING_NOUNS: Words = Words::new("people.surname_thing_nouns");

/// The person's name in the sub-run `[start, end)` after the title ending at `last_title`, as
/// token indexes `[a, b)`: none when the rest of the sub-run is not wholly a name of at most four
/// words (six with particles), a thing's name ("the Space Shuttle Columbia"), in the headline,
/// or a place. With it, the title that opens a role phrase before the name in the same run
/// ("Minister of Commerce Wang Wentao"), when there is one.
fn person_span(
    text: &str,
    toks: &[Token],
    (start, end): (usize, usize),
    last_title: Option<usize>,
    body_start: usize,
    is_place: &dyn Fn(&str) -> bool,
    is_org_word: &dyn Fn(&str) -> bool,
) -> Option<((usize, usize), Option<usize>)> {
    let name_start = last_title.map_or(start, |k| k + 1);
    let mut a = first_name_word(
        toks,
        name_start,
        end,
        last_title.is_some(),
        is_place,
        is_org_word,
    );
    let b = name_end(toks, a, end, is_place, is_org_word);
    // Names of things take an article ("the Space Shuttle Columbia"); people's names do not.
    if last_title.is_none()
        && a.checked_sub(1)
            .is_some_and(|k| matches!(lower(&toks[k]).as_str(), "the" | "a" | "an"))
    {
        return None;
    }
    // "Space Shuttle Atlantis", "Cyclone Phailin", "the graphic novel Angel Catbird": a kind of
    // thing opening the name or right before it.
    let kind_first = b - a >= 2
        && toks[a..b - 1]
            .iter()
            .any(|t| KINDS_BEFORE_A_NAME.contains(lower(t).as_str()));
    let kind_before = a.checked_sub(1).is_some_and(|k| {
        !toks[k].break_after && KINDS_BEFORE_A_NAME.contains(lower(&toks[k]).as_str())
    });
    if last_title.is_none() && (kind_first || kind_before) {
        return None;
    }
    // The whole rest of the sub-run must be the name (no trailing organisation words etc.).
    // Up to four words, or six with particles ("Mohammed bin Salman bin Abdulaziz Al Saud").
    let particles = (a..b)
        .filter(|&k| is_particle(toks, a, end, k) || is_regnal(toks, a, k))
        .count();
    let longest = if particles > 0 { 6 } else { 4 };
    if a >= b
        || b - a - particles > longest
        || b != end
        || (a != name_start && last_title.is_some())
    {
        return None;
    }
    if toks[a].start < body_start {
        return None;
    }
    // "Santa Clara", "Fort Worth": a place.
    if b - a >= 2 && PLACE_OPENERS.contains(toks[a].text) {
        return None;
    }
    // "Kobe Park", "Nobel Prize", "Afghan Girls": a name that ends in a thing's or a group's
    // noun is no person's, nor is that noun alone ("the Annual General Meeting", "the
    // President Hotel"); a given name first saves only a noun that is also a surname ("Grace
    // Park", "Michael Bay"; not "Stanley Cup", "Lincoln Reservoir"). Unless a given name opens
    // it, neither is a name that opens with a people's adjective ("French Varn"), nor one with
    // such an adjective inside it that is no given name ("Standard Malaysian Rubber").
    if names_a_thing_or_a_people(toks, (a, b), is_place) {
        return None;
    }
    // "Hong Kong", "New Zealand": places of several words.
    for x in a..b {
        for y in x + 1..b.min(x + 4) + 1 {
            if y > x + 1 && is_place(&text[toks[x].start..toks[y - 1].end]) {
                return None;
            }
        }
    }
    // A role phrase right before "… Affairs Raymond Tam" keeps its complement: the name is the
    // last two words when an earlier part of the same run held a title.
    let mut role_from = None;
    if last_title.is_none() && b - a >= 2 {
        let (titled, from) = title_before(toks, a);
        // A title right before the run names all of it ("chairman Tran Duc Luong").
        if titled
            && b - a >= 3
            && from != Some(a - 1)
            && !is_given_name(toks[a].text)
            && !is_initial(toks[a].text)
            && toks[..a].last().is_some_and(|t| !t.capitalised)
        {
            a = b - 2;
            role_from = from;
        } else if a
            .checked_sub(1)
            .is_some_and(|k| toks[k].capitalised && !toks[k].break_after)
        {
            // A title phrase that ends right before a name of two words or more: "President
            // of Valmora Ode Varn" (not "Captain of Rugby", "Minister for Trade and Export
            // Growth", "President Wulff at Bellevue Palace").
            role_from = from;
        }
    }
    Some(((a, b), role_from))
}

/// An initial: one capital letter and its dot ("L." of "L. Ron Hubbard").
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.as_str() == "."
}

/// Whether a title stands before token `a` with no punctuation between (a comma inside a list
/// of portfolios aside), and the nearest one that opens a role phrase: only capitalised and
/// linking words between it and the name ("Minister of Commerce Wang Wentao"; not "president
/// is Kang Young Joong").
fn title_before(toks: &[Token], a: usize) -> (bool, Option<usize>) {
    // "Minister of Trade, Ports and Fisheries Ode Varn": across a list of portfolios.
    // At most twenty words back, so a text without punctuation stays linear; never into the
    // sentence or paragraph before (a caption "…, NASA Administrator" ends without a stop).
    let before = (a.saturating_sub(20)..a).rev().take_while(|&k| {
        let t = &toks[k];
        !toks[k + 1].sentence_start
            && (!t.break_after || (t.comma_after && t.capitalised && is_portfolio_word(&lower(t))))
    });
    let mut titled = false;
    let mut role_from = None;
    let mut phrase = true;
    for k in before {
        let t = &toks[k];
        if is_title(t) {
            titled = true;
            if phrase && role_from.is_none() && !TITLE_MODIFIERS.contains(lower(t).as_str()) {
                role_from = Some(k);
            }
        }
        phrase &= t.capitalised || text::LINKERS.contains(t.text);
    }
    // "Deputy Minister of Natural Resources Bao Wenjie": the title words and modifiers right
    // before the title are the role's too.
    let role_from = role_from.map(|mut k| {
        while k > 0
            && toks[k - 1].capitalised
            && !toks[k - 1].break_after
            && !toks[k].sentence_start
            && (is_title(&toks[k - 1]) || TITLE_MODIFIERS.contains(lower(&toks[k - 1]).as_str()))
        {
            k -= 1;
        }
        k
    });
    (titled, role_from)
}

/// Where the body a title belongs to begins, when the name run at `start` continues one across
/// "of" ("Bank of Valmora Deputy Governor Ana Lind": the run is "Valmora … Lind", the role
/// "Bank of Valmora Deputy Governor"): a body's head noun before "of" and the capitalised words
/// before it, with nothing between ("Officials of Kestrel Mayor Ines Varga" has no body).
/// Otherwise `start`.
fn body_before(toks: &[Token], start: usize) -> usize {
    let mut from = start;
    while from >= 2
        && toks[from - 1].text == "of"
        && !toks[from - 1].break_after
        && !toks[from - 2].break_after
        && (is_head(toks[from - 2].text) || is_head_first(toks[from - 2].text))
        && !toks[from].sentence_start
    {
        from -= 2;
        while from >= 1
            && toks[from - 1].capitalised
            && !toks[from - 1].break_after
            && !toks[from].sentence_start
        {
            from -= 1;
        }
    }
    from
}

/// The person's role: the title before the name, a lower-case title before it, or an
/// appositive after it that holds a role or title word ("Shih May-lung, chairperson of …").
fn role_of(
    text: &str,
    toks: &[Token],
    start: usize,
    (a, b): (usize, usize),
    last_title: Option<usize>,
) -> Option<String> {
    let title_role = last_title
        .map(|k| {
            let mut from = body_before(toks, start);
            while from < k
                && (toks[from].sentence_start
                    && FUNCTION_WORDS.contains(lower(&toks[from]).as_str()))
            {
                from += 1;
            }
            text[toks[from].start..toks[k].end].to_string()
        })
        .or_else(|| lowercase_title_before(text, toks, (a, b)));
    let between_after = toks.get(b).map_or("", |t| &text[toks[b - 1].end..t.start]);
    let appositive = between_after.trim() == ",";
    title_role.or_else(|| {
        appositive
            .then(|| {
                let rest = &text[toks[b - 1].end..];
                let rest = rest.trim_start_matches([',', ' ']);
                let stop = rest.find([',', '.', ';', '\n', '(']).unwrap_or(rest.len());
                let role = rest[..stop].trim();
                // An article opens no role: "Ana Ruiz, a Kestrel director" is a Kestrel director.
                let role = text::after_article(role).unwrap_or(role);
                role.to_string()
            })
            // "Alder, Birch, where he met President Kim": a clause, not a role; nor is the next
            // item of a list ("… and Tourism, and Mr. Ode Varn").
            .filter(|r| {
                !r.split_whitespace().next().is_some_and(|w| {
                    matches!(
                        w,
                        "and"
                            | "or"
                            | "but"
                            | "where"
                            | "which"
                            | "who"
                            | "whom"
                            | "whose"
                            | "when"
                            | "while"
                            | "after"
                            | "before"
                            | "as"
                            | "since"
                            | "because"
                            | "although"
                            | "if"
                    )
                }) && r
                    .split_whitespace()
                    .any(|w| is_title_word(&w.to_lowercase()))
                    && appositive_opening(r)
            })
    })
}

/// Whether text after a name's comma can open an appositive role: not a bracket's end or a
/// verb ("Virginia) is a drummer"), and not another name ("Oise, Picardie to an architect"): a
/// capitalised first word is a title, a possessor ("Valmora's trade minister"), a role of
/// something ("Member of the Board") or what qualifies the title after it ("AFF executive
/// president").
fn appositive_opening(role: &str) -> bool {
    let words: Vec<&str> = role.split_whitespace().collect();
    let Some(first) = words.first() else {
        return false;
    };
    // "…, said Professor Han": the speaker's title, not an appositive.
    let verb = words
        .iter()
        .any(|w| matches!(*w, "is" | "was" | "are" | "were" | "has" | "had"))
        || SPEECH.contains(first);
    let capitalised = first.starts_with(|c: char| c.is_uppercase());
    // "Xu Wei, attended the ceremony along with …": a verb in the past before its object.
    let past_verb = first.len() > 4
        && first.ends_with("ed")
        && words
            .get(1)
            .is_some_and(|w| DETERMINERS.contains(w.to_lowercase().as_str()));
    // "Tarvik, the ship designer Fjordtek and …": a lower-case title before a name introduces
    // someone else.
    let names_another = words.windows(2).any(|w| {
        w[0].starts_with(char::is_lowercase)
            && is_title_word(w[0])
            && !TITLE_MODIFIERS.contains(w[0])
            && w[1].starts_with(char::is_uppercase)
            && text::possessive_stem(w[1]).is_none()
    });
    !role.contains(')')
        && !past_verb
        && !verb
        && !names_another
        && (!capitalised
            || is_title_word(&first.to_lowercase())
            || text::possessive_stem(first).is_some()
            || words.get(1) == Some(&"of")
            || words
                .iter()
                .skip(1)
                .take(2)
                .any(|w| is_title_word(&w.to_lowercase())))
}

/// A title written in lower case right before the name: "health secretary Jeremy Hunt",
/// "FHKI chair Steve Chuang", "his Japanese counterpart Shinzo Abe"; or before the name set
/// between commas: "the team's coach, Ana Ruiz, said", also a title of a place or a body
/// however written: "the President of Valmora, Ana Ruiz, said".
fn lowercase_title_before(text: &str, toks: &[Token], (a, b): (usize, usize)) -> Option<String> {
    let k = a.checked_sub(1)?;
    let t = &toks[k];
    // The word before the name is set off from it by a comma.
    let comma_before = t.comma_after && &text[t.end..toks[a].start] == ", ";
    let between_commas = comma_before && toks[b - 1].comma_after && toks.get(b).is_some();
    if between_commas && let Some(title) = title_of_before(toks, k) {
        return Some(text[toks[title].start..t.end].to_string());
    }
    // "its Secretary-General, Ana Ruiz, said" (or "… Ana Ruiz." closing the sentence): a
    // capitalised title after a determiner.
    let set_apart =
        comma_before && (toks[b - 1].comma_after || toks.get(b).is_none_or(|n| n.sentence_start));
    if set_apart
        && t.capitalised
        && is_title(t)
        && k > 0
        && !toks[k - 1].break_after
        && DETERMINERS.contains(lower(&toks[k - 1]).as_str())
    {
        return Some(t.text.to_string());
    }
    // A modifier alone ("the former Casamance region") is no title.
    if t.capitalised
        || (t.break_after && !between_commas)
        || !is_title(t)
        || TITLE_MODIFIERS.contains(lower(t).as_str())
    {
        return None;
    }
    let mut from = k;
    while from > 0
        && k - from < 3
        && !toks[from - 1].break_after
        && !FUNCTION_WORDS.contains(lower(&toks[from - 1]).as_str())
        && !SPEECH.contains(lower(&toks[from - 1]).as_str())
        && !ends_a_clause(&toks[from - 1])
    {
        from -= 1;
    }
    Some(text[toks[from].start..t.end].to_string())
}

/// The title that opens "Title of [the] Name" ending at token `k` ("President of Valmora",
/// "Secretary-General of the Alder Council", "President of the Republic of Birch"): a title
/// word, "of", then capitalised and linking words, all in one clause, at most eight.
fn title_of_before(toks: &[Token], k: usize) -> Option<usize> {
    if !toks[k].capitalised {
        // "Valmora's minister of energy, Ode Varn, said": a lower-case title and its field of
        // one to three lower-case words.
        return (1..=3).find_map(|n| {
            let of = k.checked_sub(n)?;
            let title = of.checked_sub(1)?;
            (toks[of].text == "of"
                && toks[title..k]
                    .iter()
                    .all(|t| !t.capitalised && !t.break_after)
                && is_title(&toks[title])
                && !toks[of + 1..=k].iter().any(is_title))
            .then_some(title)
        });
    }
    let mut j = k;
    while j > 0 && k - j < 8 && !toks[j - 1].break_after {
        j -= 1;
        let t = &toks[j];
        if t.text == "of" && j > 0 && !toks[j - 1].break_after && is_title(&toks[j - 1]) {
            // "Prime Minister of Birch": the title's own words before it.
            let mut title = j - 1;
            while title > 0
                && !toks[title - 1].break_after
                && toks[title - 1].capitalised
                && is_title(&toks[title - 1])
            {
                title -= 1;
            }
            return Some(title);
        }
        // "Consul General of Valmora in Alder": a mission's title names its city after "in".
        let mission_city = t.text == "in" && toks[j + 1].capitalised;
        if !(t.capitalised || text::LINKERS.contains(t.text) || mission_city) {
            return None;
        }
    }
    None
}

/// Whether a lower-case word before a title belongs to the clause, not the role: a preposition
/// or a form of "be" or "have" ("was opened by singer …" has the role "singer"), or a past or
/// present participle ("the newly appointed trade minister" has "trade minister"), but not one
/// that is part of a title ("its managing director") — a capitalised word is no participle
/// ("Beijing Film Academy president").
fn ends_a_clause(t: &Token) -> bool {
    let lower = lower(t);
    let lower = lower.as_str();
    matches!(
        lower,
        "by" | "of"
            | "to"
            | "from"
            | "into"
            | "onto"
            | "upon"
            | "is"
            | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "had"
            | "have"
            | "will"
            | "would"
    ) || (!t.capitalised
        && lower.len() > 4
        && (lower.ends_with("ed") || lower.ends_with("ing"))
        // "its managing director": a participle that is part of a title.
        && !TITLE_MODIFIERS.contains(lower))
}

/// Particles after which a parent's names follow. (`words.toml`: `people.patronymic_particles`)
static PATRONYMIC_PARTICLES: Words = Words::new("people.patronymic_particles");

/// "Li" or "Li Xiaojia" after "Charles Li Xiaojia" is the same person; so is "Warhol" after
/// "Andy Warhol". Not a form made of the names after "bin" or "ibn" (a parent's).
fn merge_short_names(people: &mut Vec<Person>) {
    // Index every shorter form a name can stand for, so each person is looked up in O(words²)
    // instead of being compared with every other person.
    let mut holders: HashMap<String, Vec<usize>> = HashMap::default();
    let mut variants: HashMap<(String, String), Vec<usize>> = HashMap::default();
    for (j, p) in people.iter().enumerate() {
        let words: Vec<&str> = p.name.split(' ').collect();
        let parents_from = words
            .iter()
            .position(|w| PATRONYMIC_PARTICLES.contains(w))
            .unwrap_or(words.len());
        for k in 1..words.len() {
            // "bin Abdulaziz …", "Abdulaziz …" after "bin": a parent's name.
            if PATRONYMIC_PARTICLES.contains(words[k])
                || PATRONYMIC_PARTICLES.contains(words[k - 1])
            {
                continue;
            }
            holders.entry(words[k..].join(" ")).or_default().push(j);
        }
        if words.len() > 1 {
            for w in &words[..parents_from.min(words.len() - 1)] {
                holders.entry((*w).to_string()).or_default().push(j);
            }
        }
        if let [first, last] = words.as_slice() {
            let stem: String = first.chars().take(3).collect();
            variants
                .entry((stem, (*last).to_string()))
                .or_default()
                .push(j);
        }
    }
    let mut merged_into: Vec<Option<usize>> = vec![None; people.len()];
    for (i, p) in people.iter().enumerate() {
        let words: Vec<&str> = p.name.split(' ').collect();
        let mut candidates: Vec<usize> = holders.get(&p.name).cloned().unwrap_or_default();
        // "Kristen Wilkins" and "Kristin Wilkins": one person spelt two ways (the first wins).
        if let [first, last] = words.as_slice() {
            let stem: String = first.chars().take(3).collect();
            if let Some(v) = variants.get(&(stem, (*last).to_string())) {
                candidates.extend(v.iter().filter(|&&j| j < i));
            }
        }
        merged_into[i] = candidates.into_iter().filter(|&j| j != i).min();
    }
    super::merge::merge_into(people, &merged_into, |p, merged| {
        if p.role.is_none() {
            p.role = merged.role;
        }
        p.mentions.extend(merged.mentions);
    });
    for p in people.iter_mut() {
        p.mentions.sort();
        p.mentions.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_overlap_and_hold_as_the_pairwise_tests_find() {
        // Every span of 0..7 against sets of spans that nest, touch and overlap, unsorted.
        let sets: [&[(usize, usize)]; 4] = [
            &[],
            &[(3, 5)],
            &[(4, 6), (0, 2), (1, 7)],
            &[(5, 6), (2, 3), (2, 4), (0, 1)],
        ];
        for set in sets {
            let overlaps = text::Spans::new(set);
            for start in 0..7 {
                for end in start + 1..=7 {
                    let pairwise = set.iter().any(|&(s, e)| start < e && end > s);
                    assert_eq!(
                        overlaps.overlaps((start, end)),
                        pairwise,
                        "{set:?} {start}..{end}"
                    );
                    let within = set.iter().any(|&(s, e)| s <= start && end <= e);
                    assert_eq!(
                        overlaps.holds((start, end)),
                        within,
                        "{set:?} {start}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_mentions_openings_end_before_its_spaces() {
        let text = "Gannet Federal Savings said. Walt Disney Company and Gannet Federal Savings.";
        let at = |m: &str| {
            let a = text.find(m).unwrap();
            (a, a + m.len())
        };
        let found = openings(
            text,
            &[at("Gannet Federal Savings"), at("Walt Disney Company")],
        );
        let mut found: Vec<&str> = found.into_iter().collect();
        found.sort_unstable();
        assert_eq!(found, ["Gannet", "Gannet Federal", "Walt", "Walt Disney"]);
    }

    #[test]
    fn the_opening_words_of_an_organisation_are_its_short_form_not_a_person() {
        let text = "Headline\n\nGannet Federal Savings Association said profits rose. Gannet \
                    Federal said it would open branches. Walt Disney Company named Walt Disney's \
                    nephew. Walt Disney said so. Kelvin Mutual Assurance grew, and Kelvin Mutual \
                    said so.";
        let org = |name: &str| {
            let at = text.find(name).unwrap();
            (at, at + name.len())
        };
        let found = |orgs: &[(usize, usize)]| -> Vec<String> {
            find_people(text, &text::tokens(text), orgs, &|_| false, &|_| false)
                .into_iter()
                .map(|p| p.name)
                .collect()
        };
        assert_eq!(
            found(&[]),
            [
                "Gannet Federal",
                "Walt Disney",
                "Kelvin Mutual Assurance",
                "Kelvin Mutual"
            ]
        );
        // A given name before a common word ("Mutual") opens the body's name too.
        let orgs = [
            org("Gannet Federal Savings Association"),
            org("Walt Disney Company"),
            org("Kelvin Mutual Assurance"),
        ];
        assert_eq!(found(&orgs), ["Walt Disney"]);
    }

    /// The names of the people read in `text`.
    fn names(text: &str) -> Vec<String> {
        people(text).into_iter().map(|p| p.0).collect()
    }

    fn people(text: &str) -> Vec<(String, Option<String>)> {
        let text = format!("Headline\n\n{text}");
        find_people(
            &text,
            &text::tokens(&text),
            &[],
            &|w| w == "Shanghai",
            &|w| w == "Bank",
        )
        .into_iter()
        .map(|p| (p.name, p.role))
        .collect()
    }

    #[test]
    fn a_persons_name_right_after_a_bodys_name_is_the_persons() {
        assert_eq!(
            names("The chief executive of the Alder Trade Council John Smith said so."),
            ["John Smith"]
        );
        assert_eq!(
            names("The chairman of the Bank of Kestrel Zhang Xiaoming agreed."),
            ["Zhang Xiaoming"]
        );
    }

    #[test]
    fn a_party_member_word_is_no_name() {
        assert_eq!(
            names("Christian Democrat leader Anna Berg said her party would not give way."),
            ["Anna Berg"]
        );
        assert_eq!(
            names("The vote was close. Democrat Tomas Varn agreed on Monday."),
            ["Tomas Varn"]
        );
    }

    #[test]
    fn a_plural_title_names_no_one() {
        assert!(names("Later, Democratic Governors said they would meet.").is_empty());
        assert!(names("Valmora Senators said they would vote.").is_empty());
        assert_eq!(names("Ana Sanders said she would vote."), ["Ana Sanders"]);
        assert_eq!(
            names("Brian Masters said he would vote."),
            ["Brian Masters"]
        );
    }

    #[test]
    fn a_trades_word_closes_a_company_not_a_person() {
        assert!(names("Container line Tesvik Shipping said it agreed.").is_empty());
        assert!(names("The label Marrow Recordings said it agreed.").is_empty());
        assert!(names("Operator Belvane Transport said it agreed.").is_empty());
        assert!(names("Coastal Gas said it agreed. Later, Corran Oil said so.").is_empty());
        // A trade that heads a company's name (vocabulary.trade_heads) counts too.
        assert!(names("Brewer Harlow Brewery said it agreed.").is_empty());
        assert_eq!(names("Samantha Power said it agreed."), ["Samantha Power"]);
    }

    #[test]
    fn title_words_before_a_titles_complement_are_the_roles_too() {
        assert_eq!(
            people("It was chaired by Deputy Minister of Natural Resources Bao Wenjie."),
            [(
                "Bao Wenjie".to_string(),
                Some("Deputy Minister of Natural Resources".to_string())
            )]
        );
    }

    #[test]
    fn a_verb_of_speech_after_a_comma_opens_no_appositive() {
        assert_eq!(
            people("Courses are taught in English and Kestrelian, said Professor Han Jiaxin."),
            [("Han Jiaxin".to_string(), Some("Professor".to_string()))]
        );
    }

    #[test]
    fn a_quoted_nickname_is_part_of_the_name() {
        assert_eq!(
            people("The coach Tomas \"Tiny\" Varn said he was pleased."),
            [("Tomas \"Tiny\" Varn".to_string(), Some("coach".to_string()))]
        );
    }

    #[test]
    fn a_particle_hyphened_to_a_surname_is_part_of_the_name() {
        assert_eq!(
            people("Valmoran President Tarek al-Hadi met them, said Rami el-Souri."),
            [
                (
                    "Tarek al-Hadi".to_string(),
                    Some("Valmoran President".to_string())
                ),
                ("Rami el-Souri".to_string(), None),
            ]
        );
        // Without a capitalised rest it is an ordinary word.
        assert_eq!(people("Officials said Omar al-jadid rules."), []);
    }

    #[test]
    fn a_plural_that_ends_organisations_names_closes_a_company_not_a_person() {
        // "Foods", "Systems", "Logistics" end many organisations' names (ROR): with no given
        // name before them, the name is a company's, whatever the verb of speech says.
        for company in ["Brightline Foods", "Vantor Systems", "Orrin Logistics"] {
            assert!(
                names(&format!("{company} said it would share data.")).is_empty(),
                "{company}"
            );
            assert!(
                names(&format!("The plan was backed by {company}, which said so.")).is_empty(),
                "{company}"
            );
        }
        // A given name opens a person's name, whatever ends it; a surname that is no such
        // plural is still read.
        assert_eq!(
            names("Anna Systems said it would share data."),
            ["Anna Systems"]
        );
        assert_eq!(
            names("Orrin Delacroix said it would share data."),
            ["Orrin Delacroix"]
        );
        // Three words or more that end in it are a company's even after a given name.
        assert!(names("The work by Harlan Marine Systems will be done there.").is_empty());
    }

    #[test]
    fn a_titles_possessive_is_no_name() {
        assert!(names("The Valmora Attorney General's office said it would appeal.").is_empty());
        assert!(names("The Secretary General's envoy arrived.").is_empty());
    }

    #[test]
    fn a_relative_a_life_a_source_or_the_next_sentences_pronoun_marks_a_person() {
        assert_eq!(
            names("He was raised by his father Oren Kalvik in the port."),
            ["Oren Kalvik"]
        );
        assert_eq!(
            names("The firm hired a daughter, Nadja Pellow, last year."),
            ["Nadja Pellow"]
        );
        assert_eq!(
            names("The work of physicist Tarn Ulvaeus and the musician Oren Kalvik grew."),
            ["Tarn Ulvaeus", "Oren Kalvik"]
        );
        // A word that only ends like a calling is none: "list", "this".
        assert!(names("The list Harbour Works drew up grew.").is_empty());
        // A name right after "in" or "near" is a place's, unless it owns something.
        assert!(names("They lived in Anna Hills and near Anna Park.").is_empty());
        assert_eq!(names("It is told in Anna Kalvik's book."), ["Anna Kalvik"]);
        assert_eq!(
            names("The lab of Tarn Ulvaeus (1821-1902) stood here."),
            ["Tarn Ulvaeus"]
        );
        assert_eq!(
            names("The lab of Tarn Ulvaeus (born 3 May 1950) stood here."),
            ["Tarn Ulvaeus"]
        );
        assert_eq!(
            names("Visitors met Brannock Ode, 45, at the gate."),
            ["Brannock Ode"]
        );
        assert_eq!(
            names("Brannock Ode built the pier in 1990. She later sold it."),
            ["Brannock Ode"]
        );
        assert_eq!(
            names("The port will grow, according to Brannock Ode, a pilot."),
            ["Brannock Ode"]
        );
        assert_eq!(names("Trade rose, Tarn Ulvaeus claimed."), ["Tarn Ulvaeus"]);
        // A sentence's opening adverb is no part of the name.
        assert_eq!(names("Later Tarn Ulvaeus's wife spoke."), ["Tarn Ulvaeus"]);
        assert_eq!(names("Earlier Tarn Ulvaeus said no."), ["Tarn Ulvaeus"]);
        assert_eq!(
            names("Surprisingly, General Tarn Ulvaeus, the new governor, said no."),
            ["Tarn Ulvaeus"]
        );
        // A pronoun, a connective or an interjection opens no name.
        assert!(names("Your Honor, we object. Well Tarn, we do.").is_empty());
        assert_eq!(names("Moreover Tarn Ulvaeus said no."), ["Tarn Ulvaeus"]);
        // None of these: a body is "it", a year after a comma is no age, "married to" no kin.
        assert!(names("Harbour Works built the pier in 1990. It later sold it.").is_empty());
        assert!(names("Visitors met Brannock Ode, 1990, at the gate.").is_empty());
        assert!(names("The lab of Tarn Ulvaeus (Alder) stood here.").is_empty());
        assert!(names("The firm's parent Harbour Works grew.").is_empty());
    }

    #[test]
    fn a_smaller_city_alone_is_no_person_even_with_a_role() {
        let text =
            "Headline\n\nThe army took the city of Alderton, head of the rebel Wang Ming, in May.";
        let found = {
            let toks = text::tokens(text);
            people_candidates(
                text,
                &toks,
                &text::lower_case_words(&toks),
                &|_| false,
                &|_| false,
            )
        };
        let alderton = |c: &&Candidate| c.person.name == "Alderton";
        // Read as a person with a role (a smaller city's name may be part of a name) …
        assert!(found.iter().any(|c| alderton(&c)));
        // … and turned down as a place alone.
        let is_place = |w: &str| w == "Alderton";
        assert!(
            found
                .iter()
                .filter(alderton)
                .all(|c| c.is_a_place_alone(&is_place))
        );
        assert!(
            found
                .iter()
                .filter(|c| !alderton(c))
                .all(|c| !c.is_a_place_alone(&is_place))
        );
    }

    #[test]
    fn a_clause_a_places_noun_and_initials_are_no_person() {
        assert!(
            people("He flew in from Alder, D.C., where he had met President Obama's aides.")
                .iter()
                .all(|(name, _)| name != "D.C."),
        );
        assert!(
            people("He led a delegation from Kestrel Province, Alder's sister state.").is_empty()
        );
        // A place's opening word ("Ras", a cape) makes the name a place's.
        assert!(people("The fund will develop Ras Kalda, officials said.").is_empty());
        assert!(people("Officials said Ras Kalda would grow.").is_empty());
    }

    #[test]
    fn particles_in_a_row_and_regnal_numbers_stay_in_the_name() {
        assert_eq!(
            people("President Ursula van der Berg and King Hassan II met."),
            [
                (
                    "Ursula van der Berg".to_string(),
                    Some("President".to_string())
                ),
                ("Hassan II".to_string(), Some("King".to_string()))
            ]
        );
        // A generational suffix ends a name and is never one: a title before it names no one.
        assert_eq!(
            people("Her son, Tomas Varn Jr., said nothing."),
            [("Tomas Varn Jr.".to_string(), None)]
        );
        assert_eq!(people("Quoting Tomas Merrow King Jr. is common."), []);
    }

    #[test]
    fn a_title_of_a_body_named_with_of_takes_the_whole_body_into_the_role() {
        assert_eq!(
            people("Yesterday the Bank of Valmora Deputy Governor Liesl Hartmann spoke."),
            [(
                "Liesl Hartmann".to_string(),
                Some("Bank of Valmora Deputy Governor".to_string())
            )]
        );
        // No body before "of": the role is the title alone.
        assert_eq!(
            people("Yesterday officials of Kestrel Mayor Ines Varga spoke."),
            [("Ines Varga".to_string(), Some("Kestrel Mayor".to_string()))]
        );
    }

    #[test]
    fn a_title_before_the_name_gives_the_role() {
        assert_eq!(
            people("Shanghai Mayor Gong Zheng met the press."),
            [("Gong Zheng".to_string(), Some("Shanghai Mayor".to_string()))]
        );
        assert_eq!(
            people("Premier Wen Jiabao and Chief Executive Tung Chee Hwa signed."),
            [
                ("Wen Jiabao".to_string(), Some("Premier".to_string())),
                (
                    "Tung Chee Hwa".to_string(),
                    Some("Chief Executive".to_string())
                )
            ]
        );
        assert_eq!(
            people("Prosecutor Elena Marsh spoke."),
            [("Elena Marsh".to_string(), Some("Prosecutor".to_string()))]
        );
        // Forms of address for legislators and spoken ones ("Mister", "Madam").
        assert_eq!(
            people("Yesterday, Congresswoman Ines Varga and Mister Tomas Berg spoke."),
            [
                ("Ines Varga".to_string(), Some("Congresswoman".to_string())),
                ("Tomas Berg".to_string(), Some("Mister".to_string()))
            ]
        );
    }

    #[test]
    fn honorifics_are_titles_and_numbers_and_acronyms_are_no_names() {
        assert_eq!(
            people("Shri Ines Varga and Ayatollah Seyyed Tomas Berg spoke."),
            [
                ("Ines Varga".to_string(), Some("Shri".to_string())),
                (
                    "Tomas Berg".to_string(),
                    Some("Ayatollah Seyyed".to_string())
                )
            ]
        );
        assert!(
            people("Twenty-three African heads of state came. Beyond ETFs, they said.").is_empty()
        );
    }

    #[test]
    fn a_lower_case_title_right_before_a_three_word_name_leaves_it_whole() {
        assert_eq!(
            people("The committee chairman Tran Duc Luong spoke."),
            [(
                "Tran Duc Luong".to_string(),
                Some("committee chairman".to_string())
            )]
        );
    }

    #[test]
    fn malay_honorifics_are_titles_and_a_place_run_is_no_name() {
        assert_eq!(
            people("Datuk Seri Ines Varga spoke."),
            [("Ines Varga".to_string(), Some("Datuk Seri".to_string()))]
        );
        let text = "Headline\n\nLeaders met in Bandar Seri Begawan on Monday.";
        let found = find_people(
            text,
            &text::tokens(text),
            &[],
            &|w| w == "Bandar Seri Begawan",
            &|_| false,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_modifier_alone_is_no_title() {
        assert!(people("Delegates went to the Valmora Trade Expo on Monday.").is_empty());
        assert!(people("Its speakers live in the former Tessaly region.").is_empty());
        assert_eq!(
            people("Former Trade Minister Ines Varga spoke."),
            [(
                "Ines Varga".to_string(),
                Some("Former Trade Minister".to_string())
            )]
        );
    }

    #[test]
    fn name_particles_stay_inside_a_name_and_other_linking_words_split() {
        assert_eq!(
            people("President Karel de Vries met Prince Hamid bin Tarik bin Nasser Al Faris."),
            [
                ("Karel de Vries".to_string(), Some("President".to_string())),
                (
                    "Hamid bin Tarik bin Nasser Al Faris".to_string(),
                    Some("Prince".to_string())
                )
            ]
        );
        // "and" still splits two people; a particle at a name's edge is not part of it.
        assert_eq!(
            people("Premier Ana Ruiz and Mayor Ola Brand de signed."),
            [
                ("Ana Ruiz".to_string(), Some("Premier".to_string())),
                ("Ola Brand".to_string(), Some("Mayor".to_string()))
            ]
        );
    }

    #[test]
    fn the_names_after_bin_are_a_parents_not_a_short_form() {
        let found = people(
            "Talks were held. King Omar bin Tariq Al Nadir spoke. Prince Sami bin Omar bin \
             Tariq Al Nadir came. Al Nadir said so.",
        );
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Omar bin Tariq Al Nadir",
                "Sami bin Omar bin Tariq Al Nadir"
            ]
        );
    }

    #[test]
    fn a_capitalised_title_after_a_determiner_set_apart_by_a_comma_is_the_role() {
        assert_eq!(
            people("Talks were held. Its Secretary-General, Odo Varn Kessel, came."),
            [(
                "Odo Varn Kessel".to_string(),
                Some("Secretary-General".to_string())
            )]
        );
        assert_eq!(
            people("Talks were held with its Chairman, Odo Varn Kessel."),
            [("Odo Varn Kessel".to_string(), Some("Chairman".to_string()))]
        );
        // Not after a determiner, or not set apart: no role, so no person.
        assert!(
            people("Talks were held. Secretary-General, Odo Varn Kessel and more came.").is_empty()
        );
    }

    #[test]
    fn an_appositive_gives_the_role() {
        assert_eq!(
            people("He met Shih May-lung, chairperson of the board, on Thursday."),
            [(
                "Shih May-lung".to_string(),
                Some("chairperson of the board".to_string())
            )]
        );
        assert_eq!(
            people("\"It works,\" said Ana Lind, a Tesvik managing director."),
            [(
                "Ana Lind".to_string(),
                Some("Tesvik managing director".to_string())
            )]
        );
    }

    #[test]
    fn a_titles_participle_is_the_roles_and_a_headline_is_not() {
        // The headline has no full stop; the role is the first paragraph's.
        assert_eq!(
            people(
                "Kestrel Air's managing director, Ana Lind, said so. The acting mayor Ode Varn agreed."
            ),
            [
                (
                    "Ana Lind".to_string(),
                    Some("Kestrel Air's managing director".to_string())
                ),
                ("Ode Varn".to_string(), Some("acting mayor".to_string()))
            ]
        );
        // A participle of the clause is not.
        assert_eq!(
            people("The newly appointed mayor Ode Varn agreed."),
            [("Ode Varn".to_string(), Some("mayor".to_string()))]
        );
        // A capitalised word is no participle, even one that ends as one does.
        assert_eq!(
            people("Beijing Film Academy president Ode Varn agreed."),
            [(
                "Ode Varn".to_string(),
                Some("Beijing Film Academy president".to_string())
            )]
        );
    }

    #[test]
    fn a_form_of_address_in_capitals_is_no_title() {
        assert!(people("The MS Kelso Star sailed; it ran MS Windows.").is_empty());
        assert_eq!(
            people("Ms Ana Lind met Ms. Varn."),
            [
                ("Ana Lind".to_string(), Some("Ms".to_string())),
                ("Varn".to_string(), Some("Ms.".to_string()))
            ]
        );
    }

    #[test]
    fn a_missions_title_names_its_city_and_a_verbs_clause_is_no_role() {
        assert_eq!(
            people(
                "The Consul General of Valmora in Alder, Ode Varn, attended along with the \
                 Minister of Trade."
            ),
            [(
                "Ode Varn".to_string(),
                Some("Consul General of Valmora in Alder".to_string())
            )]
        );
        assert_eq!(
            people("Later, Ana Lind, attended the ceremony with the trade minister."),
            [("Ana Lind".to_string(), None)]
        );
    }

    #[test]
    fn a_role_phrase_before_the_name_is_the_role() {
        assert_eq!(
            people(
                "Minister of Commerce Wang Wentao met Minister of Agriculture, Forestry and Fisheries Ode Varn on Monday."
            ),
            [
                (
                    "Wang Wentao".to_string(),
                    Some("Minister of Commerce".to_string())
                ),
                (
                    "Ode Varn".to_string(),
                    Some("Minister of Agriculture, Forestry and Fisheries".to_string())
                )
            ]
        );
        // A place between the title and the name; an abbreviated title.
        assert_eq!(
            people(
                "He met President of Shanghai Ode Varn, Gov. Alba Kestrel and Lt. Gov. Iko Tam."
            ),
            [
                (
                    "Ode Varn".to_string(),
                    Some("President of Shanghai".to_string())
                ),
                ("Alba Kestrel".to_string(), Some("Gov.".to_string())),
                ("Iko Tam".to_string(), Some("Lt. Gov.".to_string()))
            ]
        );
        // Not across a verb: no role, and no evidence without one.
        assert!(people("Its president is Kang Young Joong.").is_empty());
    }

    #[test]
    fn a_peoples_adjective_inside_a_name_is_no_persons() {
        let text = "Headline\n\nOn Monday Kelby Malaysian Rubber said prices fell.";
        let is_place = |w: &str| w == "Malaysia";
        assert!(find_people(text, &text::tokens(text), &[], &is_place, &|_| false).is_empty());
    }

    #[test]
    fn things_groups_and_peoples_are_no_person() {
        // Each is "said" to be evidence; none is a person. A given name keeps its name.
        for text in [
            "Kestrel Park said the gates open at nine.",
            "Valmora Prize said the winners were named.",
            "Shanghai Students said they agreed.",
            "French Varn said they agreed.",
            "Rates were set by Meridian Container Line and Ode Lines, which said so.",
        ] {
            assert!(people(text).is_empty(), "{text}: {:?}", people(text));
        }
        assert_eq!(
            people("Grace Park said the gates open at nine."),
            [("Grace Park".to_string(), None)]
        );
        // … only when the noun is a surname too: a cup, a reservoir, a way are things.
        for text in [
            "Stanley Cup said the final was close.",
            "Lincoln Reservoir said the level fell.",
            "Grace Way said the road was shut.",
            "Brent Crude said to rise, traders said.",
            "Santa Vell said the road was shut.",
        ] {
            assert!(people(text).is_empty(), "{text}: {:?}", people(text));
        }
        // The noun alone after a title: a meeting, a hotel; a surname that is also such a noun
        // stays a name.
        for text in [
            "The Annual General Meeting approved the plan.",
            "The President Hotel hosted the talks.",
        ] {
            assert!(people(text).is_empty(), "{text}: {:?}", people(text));
        }
        assert_eq!(
            people("President Park said the gates open at nine."),
            [("Park".to_string(), Some("President".to_string()))]
        );
    }

    #[test]
    fn the_next_item_of_a_list_is_no_role() {
        assert_eq!(
            people(
                "Ana Ruiz, Minister of Trade, Ports and Fisheries, and Mr. Ode Varn, Minister for Culture, signed."
            ),
            [
                (
                    "Ana Ruiz".to_string(),
                    Some("Minister of Trade".to_string())
                ),
                ("Ode Varn".to_string(), Some("Mr.".to_string()))
            ]
        );
        // A lower-case title before a name introduces someone else; a modifier does not.
        assert!(
            people("Two firms from Tarvik, the ship designer Fjordtek and the cable maker Nordkabel, came.")
                .iter()
                .all(|(name, _)| name != "Tarvik")
        );
        assert_eq!(
            people("It beat Ode Varn, the former Alder Party chairman, by 19 points."),
            [(
                "Ode Varn".to_string(),
                Some("former Alder Party chairman".to_string())
            )]
        );
    }

    #[test]
    fn speech_verbs_and_repeated_surnames_are_evidence() {
        assert_eq!(
            people("Ana Ruiz said the plan works."),
            [("Ana Ruiz".to_string(), None)]
        );
        assert_eq!(
            people("The work of Kristin Wilkins is shown. Later, Wilkins added more."),
            [("Kristin Wilkins".to_string(), None)]
        );
        // Only the last word of a two-word name standing alone is its surname's.
        assert!(people("We rest on Harvest Day. Children love Harvest songs.").is_empty());
        // A verb of speech ending the sentence before is no evidence for the next one's start.
        assert!(
            people("Cattle were steady, dealers said.\nSlaughter Steers - Choice 62.00.")
                .is_empty()
        );
        assert_eq!(
            people("Prices rose, said Ana Ruiz."),
            [("Ana Ruiz".to_string(), None)]
        );
        // A word the article also writes in lower case is a common word, not a surname.
        assert!(
            people(
                "October is Puzzle Month here. The state of puzzle design grows. We went to the \
             Festival of Puzzle in March."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_name_that_is_also_a_place_needs_more_than_its_shape() {
        let text = "Headline\n\nJennifer Park said the plan works. Crowds filled Lincoln Park. \
                    Mayor Tony Hill came.";
        let toks = text::tokens(text);
        let lower_case = text::lower_case_words(&toks);
        let candidates = people_candidates(text, &toks, &lower_case, &|_| false, &|_| false);
        let found_place = |n: &str| ["Jennifer Park", "Lincoln Park", "Tony Hill"].contains(&n);
        let names: Vec<String> = choose_people(text, candidates, &[], &found_place)
            .into_iter()
            .map(|p| p.name)
            .collect();
        // Speech and a title are more than the shape; a given name alone is not.
        assert_eq!(names, ["Jennifer Park", "Tony Hill"]);
    }

    #[test]
    fn given_names_of_many_countries_open_a_name() {
        for name in [
            "Hiroshi Tanaka",
            "Priya Raghavan",
            "Lars Eriksen",
            "Yusuf Demir",
        ] {
            assert_eq!(
                people(&format!("Talks between {name} and Birch officials ended.")),
                [(name.to_string(), None)]
            );
        }
    }

    #[test]
    fn a_family_name_and_romanised_syllables_are_a_name() {
        assert_eq!(
            people("Talks between Wang Jianguo and Birch officials ended."),
            [("Wang Jianguo".to_string(), None)]
        );
        assert_eq!(
            people("Officials said Nguyen Van Minh would visit."),
            [("Nguyen Van Minh".to_string(), None)]
        );
        // A place, an English word or no syllables after the family name: no one.
        let text = "Headline\n\nTalks between Hong Kong and Birch officials ended.";
        let place = |w: &str| w == "Hong Kong";
        assert!(find_people(text, &text::tokens(text), &[], &place, &|_| false).is_empty());
        assert!(people("Deliveries of Li Auto rose; Wang Holdings grew.").is_empty());
    }

    #[test]
    fn capitalised_phrases_without_evidence_are_not_people() {
        assert!(people("The Stock Connect opened and Five Centers grew.").is_empty());
        assert!(people("In October Shanghai Bank grew.").is_empty());
    }

    #[test]
    fn a_kind_of_thing_before_a_name_names_a_thing() {
        // Each would be a person without the kind: a given name opens it, or its last word
        // stands alone later.
        assert!(people("Fans lined up for Space Shuttle Orla. Later Orla landed.").is_empty());
        assert!(people("Cyclone Tomas Brenner hit the coast.").is_empty());
        assert!(people("She launched her graphic novel Maria Crane at the fair.").is_empty());
        assert_eq!(
            people("She launched her novel with Maria Crane at the fair."),
            [("Maria Crane".to_string(), None)]
        );
    }

    #[test]
    fn a_word_after_a_determiner_confirms_no_surname() {
        // "Polaroid" alone after "their own" is a thing; after "said" it would be a surname.
        assert!(
            people("There are Warhol Polaroid shows. Guests had their own Polaroid taken.")
                .is_empty()
        );
        assert_eq!(
            people("There are Tomas Varn shows. Guests met Varn later."),
            [("Tomas Varn".to_string(), None)]
        );
    }

    #[test]
    fn a_sentence_opening_word_written_in_lower_case_elsewhere_is_no_part_of_a_name() {
        assert_eq!(
            people("Some are nonpartisan. Nonpartisan Paul Tse won the seat."),
            [("Paul Tse".to_string(), None)]
        );
        // Never a title ("Minister Ana Lind … the minister").
        assert_eq!(
            people("Minister Ana Lind came. The minister said so."),
            [("Ana Lind".to_string(), Some("Minister".to_string()))]
        );
        // A common word of English (`common_words.txt`) before a given name, though the
        // article never writes it in lower case.
        assert_eq!(
            people("Afterwards Tomas Varn met the board."),
            [("Tomas Varn".to_string(), None)]
        );
        // A word that is not common stays: "Cal Anderson Park" is no "Anderson Park".
        assert!(people("Cal Anderson Park is a public park.").is_empty());
    }

    #[test]
    fn quoted_surnames_stand_alone_before_a_verb_of_speech() {
        let text = "Tomas Kestrel came. Kestrel said so. He said more. Alder Bank said no; \
                    it said so. Later, Ruiz added that Birch said nothing.";
        let toks = text::tokens(text);
        let mut found: Vec<&str> = quoted_surnames(&toks, &text::lower_case_words(&toks))
            .into_iter()
            .collect();
        found.sort_unstable();
        assert_eq!(found, ["Birch", "Kestrel", "Ruiz"]);
    }

    #[test]
    fn a_title_is_looked_for_in_the_names_sentence_only() {
        let text = "Ana Lind, Kestrel Administrator\n\nFile image of Alder Tomas Brenner";
        let toks = text::tokens(text);
        let alder = toks.iter().position(|t| t.text == "Alder").unwrap();
        assert_eq!(title_before(&toks, alder), (false, None));
        let text = "Kestrel Administrator of Alder Tomas Brenner";
        let toks = text::tokens(text);
        assert_eq!(title_before(&toks, 3), (true, Some(1)));
    }

    #[test]
    fn a_given_name_that_is_also_a_place_is_a_name() {
        let text = "H\n\nKBU vice-rector Sofia Dahl said the exchange grew.";
        let found = find_people(text, &text::tokens(text), &[], &|w| w == "Sofia", &|_| {
            false
        });
        assert_eq!(found[0].name, "Sofia Dahl");
    }

    #[test]
    fn possessors_titles_that_are_names_and_abstract_nouns() {
        assert_eq!(
            people("The winner was New People Party's Regina Ip on the night."),
            [("Regina Ip".to_string(), None)]
        );
        assert_eq!(
            people("It was founded by Dean Kamen in 1989."),
            [("Dean Kamen".to_string(), None)]
        );
        assert!(people("Iodine Nutrition grew. Nutrition matters.").is_empty());
        assert!(
            people("The Space Shuttle Atlantis flew. Later Atlantis landed.").is_empty(),
            "a lone word confirms only two-word names or ones opening with a given name"
        );
    }

    #[test]
    fn a_surname_alone_joins_the_full_name() {
        let found = people("Charles Li Xiaojia spoke. Li said it works.");
        assert_eq!(found, [("Charles Li Xiaojia".to_string(), None)]);
    }

    #[test]
    fn a_given_name_that_is_a_word_names_a_person_only_inside_a_sentence() {
        let found = people("Later the band signed Matt Orvane as its drummer.");
        assert_eq!(found, [("Matt Orvane".to_string(), None)]);
        // At a sentence's start the word may be a verb or a common noun.
        assert!(people("Rob Tellmark of its gold, they said not.").is_empty());
        // A place's feature is no person, whatever word opens it.
        assert!(people("They walked along Sandy Creek to the farm.").is_empty());
    }

    #[test]
    fn a_places_name_after_a_given_name_is_a_surname() {
        assert_eq!(
            people("The crowd cheered as Michael Shanghai arrived."),
            [("Michael Shanghai".to_string(), None)]
        );
        assert!(people("The crowd in Shanghai cheered.").is_empty());
    }

    #[test]
    fn a_name_listed_with_a_person_is_a_persons() {
        assert_eq!(
            names("The band lost Kevin Orrin and Tomo Vellick in May."),
            ["Kevin Orrin", "Tomo Vellick"]
        );
        assert_eq!(
            names("The band lost Kevin Orrin, Tomo Vellick and Anna Bey."),
            ["Kevin Orrin", "Tomo Vellick", "Anna Bey"]
        );
        // Before a person, a comma ends a role, not a list.
        assert_eq!(
            names("The Minister for Export Growth, Kevin Orrin, signed."),
            ["Kevin Orrin"]
        );
        assert!(names("The band toured Orrin Vale and Tomo Vellick.").is_empty());
        // A name ending in a word the article writes in lower case is no person's.
        assert_eq!(
            names("She played with Kevin Orrin and Harbour Report. The report liked it."),
            ["Kevin Orrin"]
        );
    }

    #[test]
    fn a_title_between_commas_an_initial_and_a_plural_calling_mark_a_person() {
        // A lower-case title before a name set between commas is its role.
        assert_eq!(
            people("According to the club's coach, Orrin Velasko, the side improved."),
            [(
                "Orrin Velasko".to_string(),
                Some("club's coach".to_string())
            )]
        );
        // Not when the name goes on into the sentence ("coach, Orrin Velasko and …").
        assert!(people("They thanked the coach, Orrin Velasko and Tomo Vellick.").is_empty());
        // An initial after a title opens the name, it is not part of the role.
        assert_eq!(
            people("The school was founded by novelist T. Orrin Velasko in 1950.")[0].0,
            "T. Orrin Velasko"
        );
        // A plural calling names each person of the list after it.
        let names: Vec<String> = people("It shows photographers Orrin Velasko and Tomo Vellick.")
            .into_iter()
            .map(|p| p.0)
            .collect();
        assert_eq!(names, ["Orrin Velasko", "Tomo Vellick"]);
        // So does a title's plural, and not a modifier's ("trades").
        let names: Vec<String> =
            people("Yet lawmakers Orrin Velasko, Tarn Ulvo and Ines Kalvik left.")
                .into_iter()
                .map(|p| p.0)
                .collect();
        assert_eq!(names, ["Orrin Velasko", "Tarn Ulvo", "Ines Kalvik"]);
        assert!(people("It lists trades Orrin Velasko and Tarn Ulvo.").is_empty());
        // A romanised given name of six-letter syllables ("cheung").
        assert_eq!(
            people("The seat went to Leung Che-cheung on Monday.")[0].0,
            "Leung Che-cheung"
        );
    }

    #[test]
    fn a_title_of_a_place_or_a_body_before_a_name_between_commas_marks_a_person() {
        assert_eq!(
            people(
                "It was opened by the President of the Republic of Valmora, Orrin Velasko, and guests."
            ),
            [(
                "Orrin Velasko".to_string(),
                Some("President of the Republic of Valmora".to_string())
            )]
        );
        assert_eq!(
            people("They met the Prime Minister of Valmora, Orrin Velasko, in May.")[0].1,
            Some("Prime Minister of Valmora".to_string())
        );
        // A lower-case title and its field.
        assert_eq!(
            people("Valmora's minister of energy, Orrin Velasko, said the farm would help.")[0].1,
            Some("minister of energy".to_string())
        );
        // No title before "of": a body or a place, then a list, not an appositive.
        assert!(
            people("It thanked the Bank of Valmora, Orrin Velasko, and Tomo Vellick.").is_empty()
        );
        // Not across a clause: the title is in another sentence part.
        assert!(
            people("He was president; of Valmora, Orrin Velasko, wrote nothing.")
                .iter()
                .all(|p| p.1.is_none())
        );
    }

    #[test]
    fn a_bylines_authors_are_people_and_a_desk_is_no_one() {
        let names = |author: &str| -> Vec<String> {
            byline_people(author, &|w| w == "Alder")
                .into_iter()
                .map(|p| p.name)
                .collect()
        };
        assert_eq!(
            names("Ana Ruiz and Tomo Vellick"),
            ["Ana Ruiz", "Tomo Vellick"]
        );
        assert_eq!(
            byline_people("Ana Ruiz", &|_| false)[0].role.as_deref(),
            Some("author")
        );
        assert!(names("Staff Reporter").is_empty());
        assert!(names("Alder Bureau").is_empty());
        assert!(names("Alder").is_empty());
        assert!(names("XINHUA").is_empty());
    }

    #[test]
    fn a_role_is_the_title_or_the_appositive_never_the_clause_around_it() {
        assert_eq!(
            people("The show was opened by singer Tomo Vellick in May."),
            [("Tomo Vellick".to_string(), Some("singer".to_string()))]
        );
        assert_eq!(
            people("Tomo Vellick, AFF executive president, spoke."),
            [(
                "Tomo Vellick".to_string(),
                Some("AFF executive president".to_string())
            )]
        );
        // Not an appositive: a bracket's end and a verb, or another name before the title.
        assert!(people("He was born (in Orrin Vale, Kestrel) is a drummer now.").is_empty());
        assert!(people("He was born in Orrin, Vale, Kestrel to an architect.").is_empty());
    }
}

//! Places and partners: which cities, regions and countries an article names, and the pair of
//! parties when the article is about two of them cooperating.
//!
//! Places come from a built-in gazetteer (`places.txt`), which a site extends with
//! `[extract] places`. A place written inside an organisation's name ("Hong Kong" in "Hong Kong
//! Monetary Authority") is not a mention of the place. Partners are the first pair of places
//! joined as "X and Y", "X-Y", "X, Y" or "between X and Y" in the headline, else in the lead.
//!
//! Places not in the gazetteer are found by their head noun: a capitalised name ending in a
//! facility or street word ("Shandao Station", "Fisht Stadium", "Castlefrank Road") is a place,
//! by their address: a name after a preposition, then a comma and a country or region the
//! gazetteer knows ("moved to Poolesville, Maryland"), by their kind ("the village of Atwick",
//! "the Bay of Bengal", "the Republic of Fredonia"), by an appositive that calls it one
//! ("Alder, the Valmoran capital,"), and one word by "in" or "near" before it ("born in
//! Williamsport").
//!
//! Cost: one Aho–Corasick pass an article; building the matcher is linear in the gazetteer.

use super::text;
use super::vocabulary::{
    PLACE_OPENERS, VENUE_WORDS, is_common_word, is_compound_head, is_given_name, is_head,
    is_month_or_weekday, is_title_word,
};
use super::vocabulary::{Words, with_lowercase};
use crate::model::{NamedMention, Text};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;

/// The gazetteer: canonical name → other names.
pub fn gazetteer(extra: &BTreeMap<String, Vec<String>>) -> Vec<(String, Vec<String>)> {
    let mut places: Vec<(String, Vec<String>)> = include_str!("places.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut names = l.split('|').map(|n| n.trim().to_string());
            let name = names.next().unwrap_or_default();
            let mut aliases: Vec<String> = names.collect();
            // "Guinea-Bissau" is also written "Guinea Bissau".
            let spaced: Vec<String> = std::iter::once(&name)
                .chain(&aliases)
                .filter(|n| n.contains('-'))
                .map(|n| n.replace('-', " "))
                .collect();
            aliases.extend(spaced);
            (name, aliases)
        })
        .collect();
    for (name, aliases) in extra {
        places.retain(|(n, _)| n != name);
        places.push((name.clone(), aliases.clone()));
    }
    places
}

/// Whether the text after a place's name makes it a currency's qualifier: `$` ("US$", "HK$")
/// or the word "dollar(s)" ("Singapore dollars").
fn names_a_currency(rest: &str) -> bool {
    if rest.starts_with('$') {
        return true;
    }
    let word = rest.strip_prefix(' ').unwrap_or("");
    word.get(..6)
        .is_some_and(|w| w.eq_ignore_ascii_case("dollar"))
}

/// Finds places in text.
pub struct PlaceFinder {
    matcher: Option<AhoCorasick>,
    /// For each pattern: the index of its place.
    pattern_place: Vec<usize>,
    /// Every pattern, for [`PlaceFinder::is_place`] in O(1).
    known: HashSet<String>,
    names: Vec<String>,
}

impl PlaceFinder {
    pub fn new(places: &[(String, Vec<String>)]) -> PlaceFinder {
        let mut patterns = Vec::new();
        let mut pattern_place = Vec::new();
        for (i, (name, aliases)) in places.iter().enumerate() {
            for form in std::iter::once(name).chain(aliases) {
                patterns.push(form.clone());
                pattern_place.push(i);
            }
        }
        // A contiguous NFA: with the gazetteer's 6,000 places a DFA took 27 ms more to build
        // for no faster search (scripts/bench-reading).
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .ok();
        PlaceFinder {
            matcher,
            pattern_place,
            known: patterns.into_iter().collect(),
            names: places.iter().map(|(n, _)| n.clone()).collect(),
        }
    }

    /// Whether a single word or name is a known place.
    pub fn is_place(&self, text: &str) -> bool {
        self.known.contains(text)
    }

    /// Every place mention: (start, end, place index), outside the `excluded` spans.
    pub fn find(&self, text: &str, excluded: &[(usize, usize)]) -> Vec<(usize, usize, usize)> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let excluded = text::Spans::new(excluded);
        matcher
            .find_iter(text)
            .filter(|m| text::whole_word(text, m.start(), m.end()))
            .filter(|m| !excluded.holds((m.start(), m.end())))
            // "US$ 5 billion", "Hong Kong dollars": a currency, not a mention of the place.
            .filter(|m| !names_a_currency(&text[m.end()..]))
            // "Wang Jinhua", "Kobe Bryant": a smaller city's name glued to another capitalised
            // word is part of a person's (or another) name.
            .filter(|m| {
                !(is_minor_place(&text[m.start()..m.end()])
                    && (text[..m.start()].strip_suffix(' ').is_some_and(|before| {
                        before.ends_with(|c: char| c.is_alphabetic())
                            && capitalised_word_before(before)
                    }) || text[m.end()..]
                        .strip_prefix(' ')
                        .is_some_and(|rest| rest.starts_with(|c: char| c.is_uppercase()))))
            })
            // "Michael Jordan" is a person: a place's name as a surname after a given name.
            .filter(|m| {
                !text[..m.start()].strip_suffix(' ').is_some_and(|before| {
                    before
                        .rsplit(|c: char| !c.is_alphanumeric())
                        .next()
                        .is_some_and(is_given_name)
                })
            })
            // "Sofia Dahl" is a person: a given name followed by another capitalised word.
            .filter(|m| {
                !(is_given_name(&text[m.start()..m.end()])
                    && text[m.end()..]
                        .strip_prefix(' ')
                        .is_some_and(|rest| rest.starts_with(|c: char| c.is_uppercase())))
            })
            .map(|m| {
                (
                    m.start(),
                    m.end(),
                    self.pattern_place[m.pattern().as_usize()],
                )
            })
            .collect()
    }

    pub fn name(&self, place: usize) -> &str {
        &self.names[place]
    }
}

/// Whether the text before a mention ends with a capitalised word.
fn capitalised_word_before(before: &str) -> bool {
    before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
}

/// What kind of place a built-in gazetteer entry is: the section of `places.txt` it stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Countries, territories and former states (the file's first section).
    Country,
    /// Continents and parts of them ("World regions").
    WorldRegion,
    /// Provinces, states and other regions within a country ("Regions and states").
    Region,
    /// The hand-written large cities ("Cities").
    City,
    /// The smaller cities from GeoNames ("Cities of 500,000 people or more").
    MinorCity,
}

/// The kind of a built-in gazetteer place, by any of its names (`places.txt` read once).
pub fn kind_of(name: &str) -> Option<Kind> {
    static KINDS: std::sync::LazyLock<HashMap<&'static str, Kind>> =
        std::sync::LazyLock::new(|| {
            let mut kind = Kind::Country;
            let mut kinds = HashMap::default();
            for line in include_str!("places.txt").lines() {
                if let Some(heading) = line.strip_prefix("# ") {
                    kind = match heading {
                        "World regions" => Kind::WorldRegion,
                        "Regions and states" => Kind::Region,
                        "Cities" => Kind::City,
                        h if h.starts_with("Cities of 500,000") => Kind::MinorCity,
                        _ => kind,
                    };
                    continue;
                }
                for name in line.split('|').map(str::trim).filter(|n| !n.is_empty()) {
                    kinds.entry(name).or_insert(kind);
                }
            }
            kinds
        });
    KINDS.get(name).copied()
}

/// Whether a gazetteer place is one of the smaller cities (the gazetteer's GeoNames section,
/// after its hand-written ones): its name is also read in people's names ("Wang Jinhua"), and
/// a mention glued to another capitalised word is not the city.
pub fn is_minor_place(name: &str) -> bool {
    kind_of(name) == Some(Kind::MinorCity)
}

/// Whether a gazetteer place is a world region: a continent or a part of one (the gazetteer's
/// "World regions" section).
pub fn is_world_region(name: &str) -> bool {
    kind_of(name) == Some(Kind::WorldRegion)
}

/// Whether "`city`, `wider`" is an address — a city, then the country or (in the United States)
/// the state it is in ("Taipei, Taiwan", "Austin, Texas") — rather than two parties ("Shanghai,
/// Singapore"). Which city is in which country is data: `city_countries.txt`, from GeoNames.
fn is_address(city: &str, wider: &str) -> bool {
    static WITHIN: std::sync::LazyLock<HashMap<&'static str, Vec<&'static str>>> =
        std::sync::LazyLock::new(|| {
            include_str!("city_countries.txt")
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| {
                    let mut names = l.split('|');
                    Some((names.next()?, names.collect()))
                })
                .collect()
        });
    WITHIN
        .get(city)
        .is_some_and(|within| within.contains(&wider))
}

/// Last words of names that are places. (`words.toml`: `places.place_heads`)
static PLACE_HEADS: Words = Words::new("places.place_heads");

/// Whether `word`, in any case, ends a place's name: "Station", "Airport", "County".
pub fn is_place_head(word: &str) -> bool {
    PLACE_HEADS.contains_lowercase(word)
}

/// First words of a place's name in the form "X of Y" that name a feature of the land or sea.
/// (`words.toml`: `places.features_of`)
static FEATURES_OF: Words = Words::new("places.features_of");

/// First words of a place's name in the form "X of Y" that name a polity or a division.
/// (`words.toml`: `places.polities_of`)
static POLITIES_OF: Words = Words::new("places.polities_of");

/// Which of [`FEATURES_OF`] or [`POLITIES_OF`] opens a name "X of Y", if one does: `Some(true)`
/// for a feature of the land or sea.
fn of_kind(name: &str) -> Option<bool> {
    let (first, rest) = name.split_once(' ')?;
    let first = first.to_lowercase();
    if rest != "of" && !rest.starts_with("of ") {
        return None;
    }
    if FEATURES_OF.contains(first.as_str()) {
        Some(true)
    } else {
        POLITIES_OF.contains(first.as_str()).then_some(false)
    }
}

/// Places written "X of Y" among `toks` (start, end byte spans): a capitalised place noun
/// ([`FEATURES_OF`], [`POLITIES_OF`]), "of", then one to three capitalised words, alone or in a
/// list ("the Bay of Bengal and the Gulf of Kestrel", "the Republic of Fredonia"). Inside a
/// longer name it is part of that name ("Bank of the Republic of Fredonia", "City of Alder
/// Council": a body's, read as one).
pub fn of_places(toks: &[text::Token]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for run in text::name_runs(toks) {
        let words = &toks[run.start..run.end];
        for k in 0..words.len().saturating_sub(2) {
            if words[k + 1].text != "of"
                || !words[k].capitalised
                || of_kind(&text::join_words(&words[k..k + 2])).is_none()
            {
                continue;
            }
            // Alone in its run, or after "and" ("… and the Gulf of Kestrel").
            let before = &words[..k];
            let before = match before.split_last() {
                Some((the, rest)) if the.text.eq_ignore_ascii_case("the") => rest,
                _ => before,
            };
            let opens = before.last().is_none_or(|w| w.text == "and");
            let name_end = (k + 2..words.len())
                .find(|&j| !words[j].capitalised)
                .unwrap_or(words.len());
            let closes = name_end == words.len() || words[name_end].text == "and";
            let name = &words[k + 2..name_end];
            if opens
                && closes
                && (1..=3).contains(&name.len())
                && !name.iter().any(|t| is_head(t.text))
            {
                spans.push((words[k].start, words[name_end - 1].end));
            }
        }
    }
    spans
}

/// Words before "Park" that make it an enterprise zone. (`words.toml`: `places.enterprise_parks`)
static ENTERPRISE_PARKS: Words = Words::new("places.enterprise_parks");

/// Whether "`before` `last`" ends an enterprise zone's name ("… Industrial Park"), which the
/// news of cooperation names as a project or a body, not as a place.
fn names_an_enterprise_park(before: &str, last: &str) -> bool {
    last == "Park" && ENTERPRISE_PARKS.contains(before.to_lowercase().as_str())
}

/// Capitalised names headed by a place noun among `toks`: (start, end) byte spans.
pub fn headed_places(toks: &[text::Token]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for run in text::name_runs(toks) {
        let run_toks = &toks[run.start..run.end];
        let Some(last) = run_toks.last() else {
            continue;
        };
        if !is_place_head(last.text)
            || run_toks.len() < 2
            || is_compound_head(run_toks[run_toks.len() - 2].text, last.text)
            || names_an_enterprise_park(run_toks[run_toks.len() - 2].text, last.text)
        {
            continue;
        }
        // The capitalised words after the last linking word or possessive: "England at the
        // Volgograd Arena" → "Volgograd Arena"; "Mecca's Grand Mosque" → "Grand Mosque". An
        // "and" after a venue's word is inside the name: "Alder Convention and Exhibition
        // Center" (not "Exhibition Center").
        let in_a_venue = |i: usize| {
            matches!(run_toks[i].text, "and" | "&")
                && i > 0
                && VENUE_WORDS.contains_lowercase(run_toks[i - 1].text)
                && run_toks.get(i + 1).is_some_and(|n| n.capitalised)
        };
        let first = (0..run_toks.len())
            .rposition(|i| {
                let t = &run_toks[i];
                (!t.capitalised && !in_a_venue(i))
                    || t.text.ends_with("'s")
                    || t.text.ends_with("’s")
            })
            .map_or(0, |i| i + 1);
        let first = if first == 0
            && run_toks[0].sentence_start
            && text::opens_sentences(&run_toks[0].text.to_lowercase())
        {
            1
        } else {
            first
        };
        if run_toks.len() - first >= 2 {
            spans.push((run_toks[first].start, last.end));
        }
    }
    spans
}

/// Words before an address that make it one. (`words.toml`: `places.address_prepositions`)
static ADDRESS_PREPOSITIONS: Words = Words::new("places.address_prepositions");

/// Words that introduce a place's name with "of". (`words.toml`: `places.place_kinds_before_of`)
static PLACE_KINDS_BEFORE_OF: Words = Words::new("places.place_kinds_before_of");

/// Their plurals, which introduce two places joined by "and" ("the cities of Arvika and
/// Belmonte"). (`words.toml`: `places.places_kinds_before_of`)
static PLACES_KINDS_BEFORE_OF: Words = Words::new("places.places_kinds_before_of");

/// Places not in the gazetteer that the text says are places (start, end byte spans):
/// - by their address: a capitalised name of one to three words after a preposition, then a
///   comma and a country or region the gazetteer knows that ends the name ("moved to
///   Poolesville, Maryland", "born in Labasa, Fiji"; "in Alder, Valmora's capital" is not one);
/// - by their kind or a direction: such a name after "the village of", "the province of",
///   "north of", "the outskirts of" …;
/// - by a participle after it: "Kelsoby-based", "Kelsoby-born";
/// - by an appositive that calls it a place ([`described_as_a_place`]): "Alder, the Valmoran
///   capital,", "Kelso, a port town in the north".
///
/// Not a name with a body's head noun, a title or a month in it, or a given name opening it.
pub fn addressed_places(toks: &[text::Token], lower_case: &HashSet<&str>) -> Vec<(usize, usize)> {
    let runs = text::name_runs(toks);
    let mut spans = Vec::new();
    let in_lower_case = |word: &str| lower_case.contains(word);
    for (i, name) in runs.iter().enumerate() {
        let words = &toks[name.start..name.end];
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            continue;
        };
        if let Some(pair) = introduced_pair(toks, name) {
            spans.extend(pair);
            continue;
        }
        let plain = plain_place_name(words);
        // A given name opens a person's name, except where no person's stands ("in Beverly
        // Hills").
        let located =
            plain && name.start > 0 && located(toks, name.start, name.end, &in_lower_case);
        // After "north of", "the town of" no person's name stands: a given name there is a
        // place's ("50 miles northwest of Orlando").
        let plain_words = plain;
        let plain = plain && (!is_given_name(first.text) || located);
        // "San Mateo", "Fort Worth": a place's first word, then one or two names.
        // Not inside a person's name after a particle ("Antonio López de Santa Anna").
        let opened = (2..=3).contains(&words.len())
            && PLACE_OPENERS.contains(first.text)
            && !(name.start > 0
                && matches!(
                    toks[name.start - 1].text,
                    "de" | "da" | "do" | "del" | "di" | "y"
                ))
            && words[1..].iter().all(|t| {
                t.capitalised
                    && !is_head(t.text)
                    && !is_title_word(&t.text.to_lowercase())
                    && !is_month_or_weekday(&t.text.to_lowercase())
            })
            && kind_of(&text::join_words(words)).is_none();
        if opened {
            spans.push((first.start, last.end));
            continue;
        }
        // "Alder, the Valmoran capital, …": an appositive that calls it a place. At a sentence's
        // start only a word the article never writes in lower case ("Overall, the city …").
        // "In Alder, …": a function word opening the sentence is no part of the name.
        let a = usize::from(
            words.len() >= 2
                && first.sentence_start
                && text::FUNCTION_WORDS.contains(first.text.to_lowercase().as_str()),
        );
        let named = &words[a];
        let opens_sentence_as_a_word = named.sentence_start
            && (text::FUNCTION_WORDS.contains(named.text.to_lowercase().as_str())
                || in_lower_case(&named.text.to_lowercase())
                || is_common_word(&named.text.to_lowercase()));
        if plain && !opens_sentence_as_a_word && described_as_a_place(toks, name.end) {
            spans.push((named.start, last.end));
            continue;
        }
        if !plain_words || name.start == 0 || first.break_before || first.sentence_start {
            continue;
        }
        let before = toks[name.start - 1].text;
        let addressed = runs.get(i + 1).is_some_and(|wider| {
            last.comma_after
                && wider.start == name.end
                && !toks[wider.end - 1].text.ends_with("'s")
                && !toks[wider.end - 1].text.ends_with("’s")
                && matches!(
                    kind_of(&text::join_words(&toks[wider.start..wider.end])),
                    Some(Kind::Country | Kind::Region)
                )
        }) && ADDRESS_PREPOSITIONS.contains(before)
            && plain;
        let introduced = introduced_by(toks, name, &PLACE_KINDS_BEFORE_OF);
        if addressed || introduced || located {
            spans.push((first.start, last.end));
        }
    }
    spans.extend(participle_places(toks, &in_lower_case));
    spans.extend(mayors_places(toks, &runs, &in_lower_case));
    spans.extend(officers_places(toks, &in_lower_case));
    spans
}

/// Capitalised words that may name a place the gazetteer lacks: one to three, no head, title or
/// month among them.
fn plain_place_name(words: &[text::Token]) -> bool {
    (1..=3).contains(&words.len())
        && words.iter().all(|t| {
            t.capitalised
                && !is_head(t.text)
                && !is_title_word(&t.text.to_lowercase())
                && !is_month_or_weekday(&t.text.to_lowercase())
        })
        && kind_of(&text::join_words(words)).is_none()
}

/// Whether the name run `name` follows "of" and one of `kinds` ("the village of Atwick").
fn introduced_by(toks: &[text::Token], name: &text::Run, kinds: &Words) -> bool {
    name.start >= 2
        && toks[name.start - 1].text == "of"
        && !toks[name.start - 1].break_before
        && kinds.contains(toks[name.start - 2].text)
}

/// "the port cities of Arvika and Belmonte": a plural kind of place before two names joined by
/// "and", each a known place or a plain name; the spans of those the gazetteer lacks.
fn introduced_pair(toks: &[text::Token], name: &text::Run) -> Option<Vec<(usize, usize)>> {
    if !introduced_by(toks, name, &PLACES_KINDS_BEFORE_OF) {
        return None;
    }
    let known = |p: &[text::Token]| kind_of(&text::join_words(p)).is_some();
    let two: Vec<&[text::Token]> = toks[name.start..name.end]
        .split(|t| t.text == "and")
        .collect();
    let [x, y] = two[..] else {
        return None;
    };
    [x, y]
        .iter()
        .all(|p| known(p) || plain_place_name(p))
        .then(|| {
            [x, y]
                .into_iter()
                .filter(|p| !known(p))
                .map(|p| (p[0].start, p[p.len() - 1].end))
                .collect()
        })
}

/// Political affiliations before a title. (`words.toml`: `places.affiliations`)
static AFFILIATIONS: Words = Words::new("places.affiliations");

/// "Montebello Mayor Jack Haddad", "Ashiya Vice Mayor Ken Ito", "the Mayor of Kelsby": the one
/// to three capitalised words before a mayor's title when a name follows it, or after its "of",
/// are the mayor's city (start, end byte spans) — unless one of them is a body's head, a title, a month, a common word, a word the
/// article writes in lower case, a people's name or a political affiliation, or a given name
/// opens them ("Republican Mayor", "Former Mayor", "Chinese Mayor", "Tomas Mayor Ruiz" name no
/// city). A known place is the gazetteer's.
fn mayors_places(
    toks: &[text::Token],
    runs: &[text::Run],
    in_lower_case: &dyn Fn(&str) -> bool,
) -> Vec<(usize, usize)> {
    let known = |w: &str| kind_of(w).is_some();
    let mut spans = Vec::new();
    for run in runs {
        let words = &toks[run.start..run.end];
        if !words.iter().any(|t| t.text == "Mayor") {
            continue;
        }
        // Read in one pass, so a run of many mayors stays linear: where the words before the
        // current one last held a word that is no title, and a linking word.
        let opener = usize::from(
            words[0].sentence_start && text::FUNCTION_WORDS.contains(&words[0].text.to_lowercase()),
        );
        let (mut after_untitled, mut after_link) = (0, None);
        // Each mayor of the run: "Arvika Mayor Lena Holm and Belmonte Mayor Carlos Duarte".
        for (m, word) in words.iter().enumerate() {
            let mayor = word.text == "Mayor" && !word.break_before && !word.break_after;
            let (end, link) = (after_untitled, after_link);
            if !with_lowercase(word.text, is_title_word) {
                after_untitled = m + 1;
            }
            if !word.capitalised {
                after_link = Some(m + 1);
            }
            if !mayor {
                continue;
            }
            let city = if words.get(m + 1).is_some_and(|n| n.text == "of") {
                // "Lord Mayor of Wexholm Ana Lind": up to the mayor's given name (a city has
                // three words at most, so no further is looked at).
                let to = (m + 2..words.len().min(m + 6))
                    .find(|&k| is_given_name(words[k].text))
                    .unwrap_or(words.len());
                &words[m + 2..to]
            } else if words.get(m + 1).is_some_and(|n| n.capitalised) {
                // Title words before "Mayor" ("Vice", "Deputy", "Lord") are the title's; the city
                // starts after the run's last linking word before them ("… and Belmonte Mayor"),
                // else after a function word that opens the sentence.
                let start = link.filter(|&l| l <= end).unwrap_or(opener);
                &words[start.min(end)..end]
            } else {
                continue;
            };
            let plain = (1..=3).contains(&city.len())
                && !is_given_name(city[0].text)
                && city.iter().all(|t| {
                    t.capitalised
                        && may_name_a_city(t.text, in_lower_case)
                        // "Arvika's Mayor": [`officers_places`].
                        && text::possessive_stem(t.text).is_none()
                })
                && !known(&text::join_words(city));
            if plain {
                spans.push((city[0].start, city[city.len() - 1].end));
            }
        }
    }
    spans
}

/// Whether a capitalised word may be part of a city's name before or after an officer's title:
/// no body's head, title, month, common word, word the article writes in lower case
/// (`in_lower_case`), political affiliation or people's name.
fn may_name_a_city(word: &str, in_lower_case: &dyn Fn(&str) -> bool) -> bool {
    let l = word.to_lowercase();
    !is_head(word)
        && !is_title_word(&l)
        && !is_month_or_weekday(&l)
        && !is_common_word(&l)
        && !in_lower_case(&l)
        && !AFFILIATIONS.contains(l.as_str())
        && !super::vocabulary::is_peoples_name(word, &|w: &str| kind_of(w).is_some())
}

/// "Valdoria's Transport Minister Jonas Petr", "Arvika's Mayor Lena Holm", "Sanhai vice mayor
/// Zhou Lin": the one word before the possessive of a title only a state or a city gives
/// ([`text::holds_a_state_title`]), or before that title in lower case and a name
/// ([`text::holds_a_lower_case_state_title`]), is a place (start, end byte spans), under the
/// conditions of [`mayors_places`].
fn officers_places(
    toks: &[text::Token],
    in_lower_case: &dyn Fn(&str) -> bool,
) -> Vec<(usize, usize)> {
    let known = |w: &str| kind_of(w).is_some();
    toks.iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let alone = i == 0 || !toks[i - 1].capitalised || t.break_before;
            if !(alone && t.capitalised && !t.break_after) {
                return None;
            }
            let (stem, title) = match text::possessive_stem(t.text) {
                Some(stem) => (stem, text::holds_a_state_title(&toks[i + 1..])),
                None => (t.text, text::holds_a_lower_case_state_title(&toks[i + 1..])),
            };
            let plain = title
                && !is_given_name(stem)
                && may_name_a_city(stem, in_lower_case)
                && !known(stem);
            plain.then_some((t.start, t.start + stem.len()))
        })
        .collect()
}

/// "Kelsoby-based", "Kelsoby-born": the word before the hyphen is a place (start, end byte
/// spans), unless it is a body's head, a title, a given name, a month or a word the article
/// writes in lower case (`in_lower_case`). Capitalised words right before it belong to the place
/// ("Port Alder-based"; "Hong Kong-based" is the gazetteer's "Hong Kong").
fn participle_places(
    toks: &[text::Token],
    in_lower_case: &dyn Fn(&str) -> bool,
) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if let Some(place) = text::place_before_participle(t.text) {
            let l = place.to_lowercase();
            if !is_head(place)
                && !is_title_word(&l)
                && !is_given_name(place)
                && !is_month_or_weekday(&l)
                && !in_lower_case(&l)
            {
                let mut a = k;
                while a > 0
                    && k - a < 2
                    && !toks[a].break_before
                    && toks[a - 1].capitalised
                    && !(toks[a - 1].sentence_start
                        && text::FUNCTION_WORDS.contains(toks[a - 1].text.to_lowercase().as_str()))
                {
                    a -= 1;
                }
                spans.push((toks[a].start, t.start + place.len()));
            }
        }
    }
    spans
}

/// Nouns an appositive calls a place by. (`words.toml`: `places.place_descriptors`)
static PLACE_DESCRIPTORS: Words = Words::new("places.place_descriptors");

/// Whether the name ending before token `end` (a comma after it) is followed by an appositive
/// that calls it a place: "the", "a" or "an", at most three words, then a noun of
/// [`PLACE_DESCRIPTORS`] that ends the phrase (punctuation, "of", "in", "on", "near", "with",
/// "where", "that" or "which" after it): "Alder, the Valmoran capital,", "Kelso, a port town in
/// the north". Not "…, the city's mayor" (a possessive) or "…, the city council" (a compound).
fn described_as_a_place(toks: &[text::Token], end: usize) -> bool {
    if !toks.get(end.wrapping_sub(1)).is_some_and(|t| t.comma_after) {
        return false;
    }
    if !toks
        .get(end)
        .is_some_and(|t| matches!(t.text, "the" | "a" | "an"))
    {
        return false;
    }
    for k in end + 1..(end + 5).min(toks.len()) {
        let t = &toks[k];
        if t.break_before {
            return false;
        }
        let ends_phrase = t.break_after
            || toks.get(k + 1).is_none_or(|n| {
                matches!(
                    n.text,
                    "of" | "in" | "on" | "near" | "with" | "where" | "that" | "which"
                )
            });
        if ends_phrase {
            return PLACE_DESCRIPTORS.contains(t.text);
        }
    }
    false
}

/// Endings of a common noun written with a capital ("Physiology", "Economics", "Scripture").
/// (`words.toml`: `places.common_noun_endings`)
static COMMON_NOUN_ENDINGS: Words = Words::new("places.common_noun_endings");

/// Verbs of writing and publishing. (`words.toml`: `places.published`)
static PUBLISHED: Words = Words::new("places.published");

/// Whether the name `toks[start..end]` (one to three words) is a place by where it stands:
/// right after "in" or "near" ("born in Williamsport", "a farm near Pleszew", "lived in Beverly
/// Hills"), not after a verb of writing ("wrote in La Tercera"), and not followed by a number
/// ("in Figure 2") or a case's "v." ("in Brown v. Board"). No word of it is an acronym or a
/// subject ("in Economics"). One word is no people's name or language ("in Konkani"), given
/// name that is also a word, or word the article also writes in lower case (`in_lower_case`:
/// "in Marketing" beside "marketing"); two or three are no possessor's, open with no people's
/// name or function word, and hold no known place ("in East China").
fn located(
    toks: &[text::Token],
    start: usize,
    end: usize,
    in_lower_case: &dyn Fn(&str) -> bool,
) -> bool {
    if !matches!(toks[start - 1].text, "in" | "near") {
        return false;
    }
    // "wrote in La Tercera", "published in Nature": a publication, not a place; "shares in
    // Caledonian", "a stake in Norvex": a company.
    if start >= 2
        && with_lowercase(toks[start - 2].text, |before| {
            PUBLISHED.contains(before) || text::owns_what_follows(toks, start - 2, before)
        })
    {
        return false;
    }
    let last = &toks[end - 1];
    let not_a_case_or_figure = toks.get(end).is_none_or(|next| {
        last.break_after
            || !(next.text.starts_with(|c: char| c.is_ascii_digit())
                || matches!(next.text, "v." | "v" | "vs." | "versus"))
    });
    let is_place = |name: &str| kind_of(name).is_some();
    // A word written like a name, not an acronym ("NASDAQ") or a subject ("Economics").
    let name_like = |t: &text::Token| {
        t.text.chars().skip(1).all(char::is_lowercase)
            && with_lowercase(t.text, |lower| {
                !COMMON_NOUN_ENDINGS.iter().any(|e| lower.ends_with(e))
            })
    };
    let first = toks[start].text;
    if !not_a_case_or_figure
        || !toks[start..end].iter().all(name_like)
        || super::vocabulary::adjective_like(first, &is_place)
    {
        return false;
    }
    if end - start >= 2 {
        return text::possessive_stem(last.text).is_none()
            && !text::FUNCTION_WORDS.contains(first.to_lowercase().as_str())
            && !toks[start..end].iter().any(|t| is_place(t.text));
    }
    first.chars().count() > 2
        && !super::vocabulary::is_given_name_word(first)
        && !in_lower_case(&first.to_lowercase())
}

/// Capitalised compass words that open a place's name before a known place ("West Africa",
/// "Southern California", "Central Asia" where the gazetteer lacks it). (`words.toml`:
/// `places.directions`)
static DIRECTIONS: Words = Words::new("places.directions");

/// Where a compass word right before byte `start` begins ("West Africa": the "W"), if one is
/// there, written alone (not the end of a longer name: "Kestrel West Africa Fund" is read as a
/// body before places are).
fn direction_before(text: &str, start: usize) -> Option<usize> {
    word_ending(text[..start].strip_suffix(' ')?, &DIRECTIONS)
}

/// Natural features and ports named after a known place. (`words.toml`:
/// `places.features_before`, `places.features_after`)
static FEATURES_BEFORE: Words = Words::new("places.features_before");
static FEATURES_AFTER: Words = Words::new("places.features_after");

/// The span of a feature named after the known place at `text[start..end]` ("Lake Chad",
/// "Mt. Lebanon", "Congo River"): another place, which the known place's name is not a
/// mention of.
fn feature_around(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    if let Some(before) = text[..start].strip_suffix(' ')
        && let Some(from) =
            word_ending(before.strip_suffix('.').unwrap_or(before), &FEATURES_BEFORE)
    {
        return Some((from, end));
    }
    let after = text[end..].strip_prefix(' ')?;
    let word_end = after
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(after.len());
    FEATURES_AFTER
        .contains(&after[..word_end])
        .then_some((start, end + 1 + word_end))
}

/// Where the word that ends `before` starts, if it is one of `words`.
fn word_ending(before: &str, words: &Words) -> Option<usize> {
    let word_start = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    words.contains(&before[word_start..]).then_some(word_start)
}

/// `places` without the article's `people`'s names: a one-word place that is the surname of
/// one of them and that `text` never writes where a place stands (after "in", "from", "near"
/// …): "Stephen Austin … Austin later died" names no city; and a place that is a person's whole
/// name ("Jennifer Park said"). A partner pair that loses a party to a surname is dropped.
pub fn without_peoples_names(
    text: &str,
    places: &mut Vec<NamedMention>,
    partners: &mut Option<(String, String)>,
    people: &[crate::model::Person],
) {
    let surnames: HashSet<&str> = people
        .iter()
        .filter_map(|p| p.name.rsplit_once(' ').map(|(_, last)| last))
        .collect();
    let written_as_a_place = |name: &str| {
        text.match_indices(name).any(|(at, _)| {
            text::whole_word(text, at, at + name.len())
                && text::word_before(text, at)
                    .is_some_and(|w| ADDRESS_PREPOSITIONS.contains(&w.to_lowercase()))
        })
    };
    let surname_only =
        |name: &str| !name.contains(' ') && surnames.contains(name) && !written_as_a_place(name);
    // A person's whole name ("Jennifer Park said"): people.rs keeps a name that is also a place
    // only with more than its shape to go on.
    let persons_name = |name: &str| people.iter().any(|p| p.name == name);
    places.retain(|p| !surname_only(&p.name) && !persons_name(&p.name));
    if partners
        .as_ref()
        .is_some_and(|(a, b)| surname_only(a) || surname_only(b))
    {
        *partners = None;
    }
}

/// The seas among the `headed` names of `text`: "the Bay of Bengal" is a sea, not a mention of
/// Bengal.
fn seas_in(text: &str, headed: &[(usize, usize)]) -> text::Spans {
    let seas: Vec<(usize, usize)> = headed
        .iter()
        .filter(|&&(hs, he)| of_kind(&text[hs..he]) == Some(true))
        .copied()
        .collect();
    text::Spans::new(&seas)
}

/// The places an article names and its partners. `toks` are the tokens of `text`; `spans` are
/// the byte spans of its organisation mentions, where no place is read.
pub fn find_places(
    article: &Text,
    headed: &[(usize, usize)],
    finder: &PlaceFinder,
    spans: &[(usize, usize)],
) -> (Vec<NamedMention>, Option<(String, String)>) {
    let text = article.as_str();
    // A place inside a sea's longer name is the sea's.
    let seas = seas_in(text, headed);
    let found: Vec<_> = finder
        .find(text, spans)
        .into_iter()
        .filter(|&span| !seas.holds_longer((span.0, span.1)))
        .collect();
    let mut places: Vec<NamedMention> = Vec::new();
    let lead_end = article.lead().end;
    // A world region ("Asia", "Latin America") is a party only when the article puts it in
    // its headline or lead, or names it twice; a passing mention is not what it is about.
    // Each place's first mention and how many times it stands, counted once.
    let mut seen: HashMap<usize, (usize, usize)> = HashMap::default();
    for f in &found {
        seen.entry(f.2).or_insert((f.0, 0)).1 += 1;
    }
    let salient = |place: usize| {
        if !is_world_region(finder.name(place)) {
            return true;
        }
        seen.get(&place)
            .is_some_and(|&(first, times)| first < lead_end || times > 1)
    };
    // "West Africa", "Southern California": a direction written before a known place is part
    // of its name, and names another place.
    let mut directed: Vec<(usize, usize)> = Vec::new();
    for &(start, end, place) in found.iter().filter(|f| salient(f.2)) {
        // "Lake Chad", "Taiwan Strait": another place, named after this one.
        if let Some(feature) = feature_around(text, start, end) {
            directed.push(feature);
            continue;
        }
        // A country's part stays the country ("East China" is China, as news counts parties).
        if let Some(from) = direction_before(text, start)
            .filter(|_| kind_of(finder.name(place)) != Some(Kind::Country))
        {
            directed.push((from, end));
            continue;
        }
        let mention = &text[start..end];
        let name = finder.name(place);
        match places.iter_mut().find(|p| p.name == name) {
            Some(p) => {
                if !p.mentions.iter().any(|m| m == mention) {
                    p.mentions.push(mention.to_string());
                }
            }
            None => places.push(NamedMention {
                name: name.to_string(),
                mentions: vec![mention.to_string()],
            }),
        }
    }
    let organisations = text::Spans::new(spans);
    let exact: HashSet<(usize, usize)> = found.iter().map(|&(s, e, _)| (s, e)).collect();
    let mut established: Vec<&str> = Vec::new();
    let named = text::Spans::new(&headed.iter().chain(&directed).copied().collect::<Vec<_>>());
    for &(start, end) in headed.iter().chain(&directed) {
        // "the South China Sea" holds "China Sea" (China and its feature's word).
        let inside_another = named.holds_longer((start, end));
        if organisations.overlaps((start, end)) || exact.contains(&(start, end)) || inside_another {
            continue;
        }
        let name = &text[start..end];
        if let Some(place) = written_with_its_noun(text, &found, (start, end)) {
            if let Some(p) = places.iter_mut().find(|p| p.name == finder.name(place))
                && !p.mentions.iter().any(|m| m == name)
            {
                p.mentions.push(name.to_string());
            }
            continue;
        }
        if !places.iter().any(|p| p.name == name) {
            places.push(NamedMention {
                name: name.to_string(),
                mentions: vec![name.to_string()],
            });
            established.push(name);
        }
    }
    (
        places,
        partners_among(article, &found, finder, established, &organisations),
    )
}

/// The partners ([`partners`]) among the gazetteer's places `found` and the ones the article
/// establishes itself (`established`: "the port cities of Arvika and Belmonte signed …"),
/// wherever it writes them; a facility ("Belmonte City Hall") or a sea is no party, a polity or
/// a division is ("the City of Arvika", "Belmonte County").
fn partners_among(
    article: &Text,
    found: &[Found],
    finder: &PlaceFinder,
    established: Vec<&str>,
    organisations: &text::Spans,
) -> Option<(String, String)> {
    let parties: Vec<&str> = established
        .into_iter()
        .filter(|name| {
            of_kind(name) != Some(true)
                && name
                    .rsplit(' ')
                    .next()
                    .is_none_or(|w| !is_place_head(w) || POLITIES_OF.contains_lowercase(w))
        })
        .collect();
    let known = finder.names.len();
    let every = with_established(article.as_str(), found, &parties, known, organisations);
    let name = |place: usize| {
        if place < known {
            finder.name(place)
        } else {
            parties[place - known]
        }
    };
    partners(article, &every, &name)
}

/// The gazetteer's matches `found` with every whole-word occurrence of the article's own
/// places `parties` outside organisations' names and the gazetteer's matches, each numbered
/// `known` + its index in `parties`; in the text's order.
fn with_established(
    text: &str,
    found: &[Found],
    parties: &[&str],
    known: usize,
    organisations: &text::Spans,
) -> Vec<Found> {
    if parties.is_empty() {
        return found.to_vec();
    }
    let Ok(matcher) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(parties)
    else {
        return found.to_vec();
    };
    let gazetteer: Vec<(usize, usize)> = found.iter().map(|&(s, e, _)| (s, e)).collect();
    let gazetteer = text::Spans::new(&gazetteer);
    let mut every = found.to_vec();
    every.extend(
        matcher
            .find_iter(text)
            .filter(|m| {
                let span = (m.start(), m.end());
                text::whole_word(text, span.0, span.1)
                    && !organisations.overlaps(span)
                    && !gazetteer.overlaps(span)
            })
            .map(|m| (m.start(), m.end(), known + m.pattern().as_usize())),
    );
    every.sort_unstable();
    every
}

/// The gazetteer's place that `text[start..end]` writes with its noun: "Kestrel Province"
/// beside "Kestrel", "the State of Kestrel". `found` are the gazetteer's matches, in the text's
/// order, so only those from `start` to `end` are asked.
fn written_with_its_noun(
    text: &str,
    found: &[Found],
    (start, end): (usize, usize),
) -> Option<usize> {
    let from = found.partition_point(|&(s, _, _)| s < start);
    found[from..]
        .iter()
        .take_while(|&&(s, _, _)| s < end)
        .find(|&&(s, e, _)| {
            (s == start
                && e < end
                && text[e..end].strip_prefix(' ').is_some_and(|noun| {
                    crate::extract::vocabulary::PLACE_NOUNS.contains(noun.to_lowercase().as_str())
                }))
                || (e == end && s > start && of_kind(&text[start..end]) == Some(false))
        })
        .map(|&(_, _, place)| place)
}

/// The places of a dateline the clean-up took off the lead (`Alder, Valmora`, `HONG KONG/
/// BEIJING` as `Hong Kong/Beijing`) that `places` does not hold yet, each with the form the
/// dateline writes. They are where the story was filed, so they are places of the article but
/// never one of its partners.
pub fn dateline_places(
    dateline: &str,
    finder: &PlaceFinder,
    places: &[NamedMention],
) -> Vec<NamedMention> {
    let mut added: Vec<NamedMention> = Vec::new();
    for (start, end, place) in finder.find(dateline, &[]) {
        let name = finder.name(place);
        if !places.iter().chain(&added).any(|p| p.name == name) {
            added.push(NamedMention {
                name: name.to_string(),
                mentions: vec![dateline[start..end].to_string()],
            });
        }
    }
    added
}

/// Words before a pair of places that make them where someone goes, not two parties. (`words.toml`:
/// `places.locatives_before_a_pair`)
static LOCATIVES_BEFORE_A_PAIR: Words = Words::new("places.locatives_before_a_pair");

/// Verbs by which a delegation goes to a place, and those that do so with "in". (`words.toml`:
/// `places.visit_verbs`, `places.arrival_verbs`)
static VISIT_VERBS: Words = Words::new("places.visit_verbs");
static ARRIVAL_VERBS: Words = Words::new("places.arrival_verbs");

/// Words that state cooperation in a sentence. (`words.toml`: `places.cooperation_words`)
static COOPERATION_WORDS: Words = Words::new("places.cooperation_words");

/// The sentences of `text[within]` (the headline or the lead), as the tokeniser splits them:
/// abbreviations such as "U.S." end none, nor does a dot before a lower-case word. Split once,
/// when first asked (asking for each place of a long lead split it again each time).
struct Sentences<'t> {
    text: &'t str,
    within: std::ops::Range<usize>,
    starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'t> Sentences<'t> {
    fn new(text: &'t str, within: std::ops::Range<usize>) -> Sentences<'t> {
        Sentences {
            text,
            within,
            starts: std::cell::OnceCell::new(),
        }
    }

    /// Where the sentence that holds `text[start..end]` stands.
    fn span(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let starts = self.starts.get_or_init(|| {
            crate::extract::text::tokens(&self.text[self.within.clone()])
                .iter()
                // A dot before a word in lower case ends no sentence ("China-U.S. sister-city
                // ties").
                .filter(|t| t.sentence_start && !t.text.starts_with(char::is_lowercase))
                .map(|t| self.within.start + t.start)
                .collect()
        });
        let from = starts[..starts.partition_point(|&s| s <= start)].last();
        let to = starts.get(starts.partition_point(|&s| s < end));
        from.map_or(self.within.start, |&s| s)..to.map_or(self.within.end, |&s| s)
    }

    /// Whether the place `found` stands inside the text read ([`Sentences::within`]).
    fn holds(&self, found: &Found) -> bool {
        self.within.start <= found.0 && found.1 <= self.within.end
    }

    /// The word before the place `found`, a "the" before it passed over ("with the Birch
    /// government" → "with").
    fn word_before(&self, found: &Found) -> &'t str {
        let before = self.text[self.within.start..found.0].trim_end();
        last_word(before.strip_suffix(" the").unwrap_or(before))
    }
}

/// The places from the start of `sentence` on, with their indexes (the matches are in the
/// text's order, so the first is found by a binary search).
fn places_from<'f>(
    found: &'f [Found],
    sentence: &std::ops::Range<usize>,
) -> impl Iterator<Item = (usize, &'f Found)> {
    let first = found.partition_point(|a| a.0 < sentence.start);
    found.iter().enumerate().skip(first)
}

/// Whether a sentence states cooperation: it holds one of [`COOPERATION_WORDS`], whole or as a
/// part of a hyphenated word ("sister-city"). Outside a `headline` (whose words may all be
/// capitalised), a capitalised word beside another is part of a name, not a statement
/// ("Brampton City Council is the governing body"), but an acronym counts ("signed an FTA").
fn states_cooperation(sentence: &str, headline: bool) -> bool {
    let words: Vec<&str> = sentence
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let capitalised = |i: usize| {
        words
            .get(i)
            .is_some_and(|w| w.starts_with(char::is_uppercase))
    };
    words.iter().enumerate().any(|(i, w)| {
        let in_a_name = !headline
            && capitalised(i)
            && w.chars().any(char::is_lowercase)
            && ((i > 0 && capitalised(i - 1)) || capitalised(i + 1));
        !in_a_name
            && (COOPERATION_WORDS.contains_lowercase(w)
                || (w.contains('-')
                    && w.split('-')
                        .any(|p| COOPERATION_WORDS.contains_lowercase(p))))
    })
}

/// A place found in the text: its start, its end, and its index in the gazetteer (or, past the
/// gazetteer's, among the places the article establishes itself: [`with_established`]).
type Found = (usize, usize, usize);

/// The last word of `before` ("" when it has none).
fn last_word(before: &str) -> &str {
    before
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
}

/// Two parties' names, in alphabetical order: one pair has one name.
fn pair_of(x: &str, y: &str) -> (String, String) {
    let (x, y) = (x.to_string(), y.to_string());
    if x <= y { (x, y) } else { (y, x) }
}

/// Whether place `k` of `found` stands alone: not one of a list (`listed` joins it to the place
/// before or after it).
fn alone(found: &[Found], listed: &dyn Fn(&Found, &Found) -> bool, k: usize) -> bool {
    let after_one = k > 0 && listed(&found[k - 1], &found[k]);
    let before_one = found.get(k + 1).is_some_and(|c| listed(&found[k], c));
    !after_one && !before_one
}

/// A place that does something "with" another in a sentence that states cooperation ("Kestrel
/// signs a port pact with Valmora", "Harwick's exchange agrees a link with the Alder bourse"):
/// the first place of the sentence (not one the sentence is "in" or "at") and the place right
/// after "with" (or "with the"), each alone, not one of a list ("with Alder and Birch").
/// Returns the two places' indexes.
fn partner_with(
    sentences: &Sentences,
    found: &[Found],
    listed: &dyn Fn(&Found, &Found) -> bool,
) -> Option<(usize, usize)> {
    let text = sentences.text;
    let alone = |k: usize| alone(found, listed, k);
    found.iter().enumerate().find_map(|(k, b)| {
        if !sentences.holds(b)
            || !sentences.word_before(b).eq_ignore_ascii_case("with")
            || !alone(k)
        {
            return None;
        }
        let sentence = sentences.span(b.0, b.1);
        // The places from the sentence's start up to `b`.
        let (i, a) = places_from(found, &sentence)
            .take_while(|(_, a)| a.1 <= b.0)
            .find(|(_, a)| {
                !["in", "at"]
                    .iter()
                    .any(|w| last_word(&text[sentence.start..a.0]).eq_ignore_ascii_case(w))
            })?;
        let headline = sentences.within.start == 0;
        (a.2 != b.2 && alone(i) && states_cooperation(&text[sentence], headline))
            .then_some((a.2, b.2))
    })
}

/// A place's delegation visiting another ("A delegation from Kestrel visited Valmora",
/// "Harwick's trade delegation visits Alder", "Harwick delegation visits Alder"): the place after
/// "delegation(s) from" or "of", or a place with "delegation" among the few words between it
/// and the verb, and the place right after "visited", "visits", "visit", "visiting" or "arrived
/// in" later in the same sentence; each alone, not one of a list.
/// Returns the two places' indexes.
fn delegation_visit(
    sentences: &Sentences,
    found: &[Found],
    listed: &dyn Fn(&Found, &Found) -> bool,
) -> Option<(usize, usize)> {
    let text = sentences.text;
    let alone = |k: usize| alone(found, listed, k);
    let is_delegation =
        |w: &str| w.eq_ignore_ascii_case("delegation") || w.eq_ignore_ascii_case("delegations");
    found.iter().enumerate().find_map(|(k, b)| {
        if !sentences.holds(b) || !alone(k) {
            return None;
        }
        let verb = sentences.word_before(b).to_lowercase();
        // "… visited Kaminaka", "… arrived in Kaminaka".
        let arrived = verb == "in"
            && text[..b.0]
                .trim_end()
                .strip_suffix("in")
                .is_some_and(|t| ARRIVAL_VERBS.contains(&last_word(t).to_lowercase()));
        if !(arrived || VISIT_VERBS.contains(&verb)) {
            return None;
        }
        let sentence = sentences.span(b.0, b.1);
        let (_, a) = places_from(found, &sentence)
            .take_while(|&(i, _)| i < k)
            .find(|&(i, a)| {
                if a.0 < sentence.start || a.2 == b.2 || !alone(i) {
                    return false;
                }
                let ahead = text[sentence.start..a.0].trim_end();
                let ahead = ahead.strip_suffix(" the").unwrap_or(ahead);
                let (preposition, rest) = ahead
                    .rsplit_once(char::is_whitespace)
                    .map_or((ahead, ""), |(r, p)| (p, r));
                let from = matches!(preposition, "from" | "of") && is_delegation(last_word(rest));
                // "Harwick's trade delegation visited", "Harwick delegation visits": a few words
                // from the place to the verb, one of them "delegation".
                let mut between: Vec<&str> = text[a.1..b.0].split_whitespace().collect();
                if between.last() == Some(&"the") {
                    between.pop();
                }
                let owns = text[a.1..].starts_with(['\'', '’', ' '])
                    && between.len() <= 4
                    && between
                        .iter()
                        .any(|w| is_delegation(w.trim_matches(|c: char| !c.is_alphabetic())));
                from || owns
            })?;
        Some((a.2, b.2))
    })
}

/// The first pair of distinct places joined as partners ([`partner_with`] after the joined pairs
/// of each block), in a sentence that states cooperation ([`states_cooperation`]), in the
/// headline, else in the story's first paragraph (not a photo caption). Returned in alphabetical
/// order, so one pair has one name. A pair inside a longer list ("Argentina, Egypt, Iran and
/// Ethiopia") is no bilateral pair, nor is a pair after a locative word ("visited Lyon and
/// Turin"). `name` names each place of `found`.
fn partners<'n>(
    article: &Text,
    found: &[Found],
    name: &dyn Fn(usize) -> &'n str,
) -> Option<(String, String)> {
    let text = article.as_str();
    let joined = |x: &Found, y: &Found| {
        // "the United Arab Emirates (UAE), Uruguay": a bracketed short name comes with the first.
        let between = text[x.1..y.0].trim().trim_start_matches(')').trim();
        matches!(between, "and" | "&" | "-" | "–" | "—" | "," | "/")
            || between.eq_ignore_ascii_case("and the")
    };
    // "Washington, Idaho, and Montana": a comma before the list's "and" joins too.
    let listed = |x: &Found, y: &Found| {
        joined(x, y)
            || matches!(
                text[x.1..y.0].trim().trim_start_matches(')').trim(),
                ", and" | ", or"
            )
    };
    for within in [0..article.headline().len(), article.lead()] {
        let sentences = Sentences::new(text, within.clone());
        for (k, pair) in found.windows(2).enumerate() {
            let (a, b) = (pair[0], pair[1]);
            if a.0 < within.start || b.1 > within.end || a.2 == b.2 {
                continue;
            }
            let between = text[a.1..b.0].trim().trim_start_matches(')').trim();
            let in_a_list = (k > 0 && listed(&found[k - 1], &a))
                || found.get(k + 2).is_some_and(|c| listed(&b, c));
            let word_before =
                last_word(text[within.start..a.0].trim_end().trim_end_matches(" the"));
            let located = LOCATIVES_BEFORE_A_PAIR.contains(word_before);
            let address = between == "," && is_address(name(a.2), name(b.2));
            if joined(&a, &b)
                && !in_a_list
                && !located
                && !address
                && states_cooperation(&text[sentences.span(a.0, b.1)], within.start == 0)
            {
                return Some(pair_of(name(a.2), name(b.2)));
            }
        }
        if let Some((a, b)) = partner_with(&sentences, found, &listed)
            .or_else(|| delegation_visit(&sentences, found, &listed))
        {
            return Some(pair_of(name(a), name(b)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names the built-in gazetteer (no site table) finds in `text`, as written.
    fn in_gazetteer(text: &str) -> Vec<&str> {
        PlaceFinder::new(&gazetteer(&BTreeMap::new()))
            .find(text, &[])
            .into_iter()
            .map(|(a, b, _)| &text[a..b])
            .collect()
    }

    fn finder() -> PlaceFinder {
        PlaceFinder::new(&gazetteer(&BTreeMap::from([(
            "Harwick".to_string(),
            vec!["Harwick City".to_string()],
        )])))
    }

    #[test]
    fn finds_places_by_any_name_as_whole_words() {
        let f = finder();
        let text = "Shanghai and the U.S. met in Harwick City; Shanghainese food.";
        let names: Vec<&str> = f
            .find(text, &[])
            .iter()
            .map(|&(_, _, p)| f.name(p))
            .collect();
        assert_eq!(names, ["Shanghai", "United States", "Harwick"]);
    }

    /// The names of the places `find_places` reads in `text`.
    fn place_names(f: &PlaceFinder, text: &str) -> Vec<String> {
        find_places(&Text::from(text), &[], f, &[])
            .0
            .into_iter()
            .map(|p| p.name)
            .collect()
    }

    #[test]
    fn a_world_region_in_passing_is_no_party_but_one_in_the_lead_is() {
        let f = finder();
        let names = |text: &str| place_names(&f, text);
        let passing = "Harwick signs pact\n\nHarwick and Brazil signed.\n\nTrade with Asia grew.";
        assert_eq!(names(passing), ["Harwick", "Brazil"]);
        let lead = "Harwick signs pact\n\nHarwick and Africa signed.\n\nMore.";
        assert_eq!(names(lead), ["Harwick", "Africa"]);
        let twice = "Pact\n\nHarwick signed.\n\nAsia grew.\n\nAsia again.";
        assert_eq!(names(twice), ["Harwick", "Asia"]);
        assert!(is_world_region("Latin America") && !is_world_region("Brazil"));
    }

    #[test]
    fn a_direction_before_a_known_place_names_another_place_but_not_a_countrys_part() {
        let f = finder();
        let names = |text: &str| place_names(&f, text);
        let text = "Pact\n\nHarwick signed with firms in West Harwick and Southern California.";
        assert_eq!(
            names(text),
            ["Harwick", "West Harwick", "Southern California"]
        );
        // East China is China, as news counts parties; "Northwest" alone is no direction word.
        assert_eq!(
            names("Pact\n\nPlants in East China and Northwestern."),
            ["China"]
        );
        assert_eq!(direction_before("in South Harwick", 9), Some(3));
        assert_eq!(direction_before("Southbound Harwick", 11), None);
    }

    #[test]
    fn a_feature_or_port_named_after_a_known_place_is_another_place() {
        let f = finder();
        let names = |text: &str| place_names(&f, text);
        assert_eq!(
            names("Pact\n\nBoats on Lake Harwick, the Harwick River and at Port China met."),
            ["Lake Harwick", "Harwick River", "Port China"]
        );
        assert_eq!(
            names("Pact\n\nHarwick and China signed; Mt. Harwick stood by."),
            ["Harwick", "China", "Mt. Harwick"]
        );
        // A longer name holding the place and its feature's word is the one place.
        let text = "Pact\n\nShips sailed in the South China Sea.";
        let (places, _) = find_places(
            &Text::from(text),
            &headed_places(&text::tokens(text)),
            &f,
            &[],
        );
        let places: Vec<&str> = places.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(places, ["South China Sea"]);
        // The feature word must be capitalised and stand right beside the place.
        assert_eq!(
            names("Pact\n\nHarwick river traffic and the lake at Harwick grew."),
            ["Harwick"]
        );
    }

    #[test]
    fn first_level_divisions_and_official_names_are_places() {
        let f = finder();
        let text =
            "Harwick, Vermont and North Jeolla Province met the Guangxi Zhuang Autonomous Region.";
        let names: Vec<&str> = f
            .find(text, &[])
            .iter()
            .map(|&(_, _, p)| f.name(p))
            .collect();
        assert_eq!(names, ["Harwick", "Vermont", "Jeollabuk-do", "Guangxi"]);
    }

    #[test]
    fn a_hyphenated_name_is_also_read_spaced() {
        let f = finder();
        let text = "Aid reached Guinea Bissau and Schleswig-Holstein.";
        let names: Vec<&str> = f
            .find(text, &[])
            .iter()
            .map(|&(_, _, p)| f.name(p))
            .collect();
        assert_eq!(names, ["Guinea-Bissau", "Schleswig-Holstein"]);
    }

    #[test]
    fn a_persons_surname_alone_is_no_place_unless_written_where_a_place_stands() {
        let place = |name: &str| NamedMention {
            name: name.into(),
            mentions: vec![name.into()],
        };
        let person = |name: &str| crate::model::Person {
            name: name.into(),
            role: None,
            mentions: vec![name.into()],
        };
        let people = [
            person("Tomas Orrin"),
            person("Ana Vell"),
            person("Jennifer Park"),
        ];
        let mut places = vec![
            place("Orrin"),
            place("Vell"),
            place("Kelso"),
            place("Jennifer Park"),
        ];
        let mut partners = Some(("Kelso".to_string(), "Orrin".to_string()));
        let text = "Tomas Orrin led them. Orrin later died. Ana Vell flew in from Vell to Kelso. \
                    Jennifer Park said so.";
        without_peoples_names(text, &mut places, &mut partners, &people);
        let names: Vec<&str> = places.iter().map(|p| p.name.as_str()).collect();
        // A person's whole name is no place either.
        assert_eq!(names, ["Vell", "Kelso"]);
        assert_eq!(partners, None);
    }

    #[test]
    fn a_place_after_a_given_name_is_a_surname() {
        let f = finder();
        let text = "Michael Harwick met Anna in Harwick.";
        let found: Vec<&str> = f
            .find(text, &[])
            .iter()
            .map(|&(s, e, _)| &text[s..e])
            .collect();
        assert_eq!(found, ["Harwick"]);
        assert_eq!(f.find(text, &[])[0].0, text.rfind("Harwick").unwrap());
    }

    #[test]
    fn places_inside_organisation_names_do_not_count() {
        let f = finder();
        let text = "The Hong Kong Monetary Authority met Singapore.";
        let found = f.find(text, &[(4, 33)]);
        assert_eq!(found.len(), 1);
        assert_eq!(f.name(found[0].2), "Singapore");
    }

    /// The places [`addressed_places`] finds in `text`, as written.
    fn addressed(text: &str) -> Vec<String> {
        let toks = text::tokens(text);
        addressed_places(&toks, &text::lower_case_words(&toks))
            .iter()
            .map(|&(s, e)| text[s..e].to_string())
            .collect()
    }

    #[test]
    fn a_mayors_city_is_a_place() {
        let found = addressed;
        assert_eq!(
            found(
                "Montebello Mayor Jack Haddad met Kelby Vice Mayor Ken Ito. The Mayor of \
                 Ostrum, Ana Lind, and Lord Mayor of Wexholm Tomas Varn came."
            ),
            ["Montebello", "Kelby", "Ostrum", "Wexholm"]
        );
        // A possessive before a title only a state or a city gives.
        assert_eq!(
            found("Valdoria's Transport Minister Jonas Petr met Arvika's Mayor Lena Holm."),
            ["Valdoria", "Arvika"]
        );
        assert!(
            found("Labour's Shadow Foreign Minister Mary Cooper and Kestrel's Ana Lind.")
                .is_empty()
        );
        // The title in lower case before a name ("mayor" alone is no place's).
        assert_eq!(
            found(
                "Sanhai vice mayor Zhou Lin met Kelby mayor Ana Lind and Tolvaro deputy mayor Li Na."
            ),
            ["Sanhai", "Kelby", "Tolvaro"]
        );
        assert!(
            found("Republican mayor Tom Hale, Veltrana mayors and Ostrum mayor, Ana Lind, came.")
                .is_empty()
        );
        // Every mayor of one run of names.
        assert_eq!(
            found("Arvika Mayor Lena Holm and Belmonte Mayor Carlos Duarte signed."),
            ["Arvika", "Belmonte"]
        );
        // No affiliation, title, people's name, given name or head noun; no known place.
        assert!(
            found(
                "Republican Mayor John Smith, Former Mayor Ana Lind, Chinese Mayor Wang Bo, \
                 Tomas Mayor Ruiz, Alder Port Authority Mayor Jo Kim and London Mayor Ben Holt."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_plural_kind_of_place_introduces_two_places() {
        let found = addressed;
        // Its plural introduces two joined by "and"; a known one is the gazetteer's.
        assert_eq!(
            found("The port cities of Arvika and Belmonte and the towns of Lima and Orrin met."),
            ["Arvika", "Belmonte", "Orrin"]
        );
        assert!(found("The cities of Orrin Bank and Belmonte met.").is_empty());
        // So do the plurals of what only a state or a city has; portfolios are no places.
        assert_eq!(
            found(
                "Transport ministers of Valdoria and Kelsland and the governments of Arvika and Tolvaro met."
            ),
            ["Valdoria", "Kelsland", "Arvika", "Tolvaro"]
        );
        assert!(found("The Ministers of Finance and Trade met.").is_empty());
        assert!(found("He joined the town of Orrin Council.").is_empty());
    }

    #[test]
    fn a_name_addressed_with_its_country_or_introduced_by_its_kind_is_a_place() {
        let found = addressed;
        assert_eq!(
            found("The family moved to Orrin Falls, Maryland, in 1920 and later to Vell, Peru."),
            ["Orrin Falls", "Vell"]
        );
        // Not after a preposition, a possessor, a body, a person, or a city the gazetteer knows.
        assert!(found("Orrin Falls, Maryland, grew.").is_empty());
        assert!(found("They came from Orrin, Peru's capital.").is_empty());
        assert!(found("They invested in Valmora Bank, Peru.").is_empty());
        assert!(found("They wrote to Anna Vell, Peru.").is_empty());
        assert!(found("They flew to Lima, Peru.").is_empty());
        // Only a country or a region, not a city, makes the address.
        assert!(found("They flew to Orrin, Lima.").is_empty());
        // A participle after a hyphen that says where: the words before it.
        assert_eq!(
            found(
                "The Kelsoby-based firm hired a Port Orrin-born engineer, not a Tesvik-owned one."
            ),
            ["Kelsoby", "Port Orrin"]
        );
        // An appositive that calls it a place, ended by its noun.
        assert_eq!(
            found("In Orrin, the Valmoran capital, and Vell, a port town in the north, it rained."),
            ["Orrin", "Vell"]
        );
        // Not a possessive, a compound, or a common word opening the sentence.
        assert!(found("Tomas Orrin, the city's mayor, spoke.").is_empty());
        assert!(found("Orrin, the city council said, will pay.").is_empty());
        assert!(found("Overall, the city is calm.").is_empty());
        // A kind of place introduces its name; a body's name is none.
        assert_eq!(
            found("Rain fell on the village of Upper Vell and the town of Orrin."),
            ["Upper Vell", "Orrin"]
        );
        // A given name there too: no person stands after "north of".
        assert_eq!(
            found("It lies 50 miles northwest of Regina and north of Orlando."),
            ["Regina", "Orlando"]
        );
        assert_eq!(
            found("The camp lay just east of Orrin Vale."),
            ["Orrin Vale"]
        );
        assert!(found("He saw the Village of Orrin.").is_empty());
        // A place's first word opens one: "Fort …", "San …", not a body's or a person's name.
        assert_eq!(
            found("Santa Vell grew, as did trade with Fort Orrin Vale."),
            ["Santa Vell", "Fort Orrin Vale"]
        );
        assert!(found("The Port Authority and Mount Orrin Bank met.").is_empty());
        assert!(found("Antonio López de Santa Vell rode in.").is_empty());
        // One word after "in" or "near" is a place, unless it is a month, an acronym, a people,
        // a subject, a possessor, a case, a figure, a word the article writes in lower case, or
        // what an ownership phrase owns.
        assert_eq!(
            found("She was born in Orrinton and farmed near Vellby."),
            ["Orrinton", "Vellby"]
        );
        // Two or three words there too, even with a given name first ("in Beverly Hills"); not
        // a known place's part, a function word first, a subject, or a publication.
        assert_eq!(
            found("She lived in Anna Hills and near Vell Ridge."),
            ["Anna Hills", "Vell Ridge"]
        );
        for not_a_place in [
            "It grew in East China.",
            "It grew in The Orrin.",
            "It was taught in Information Technology classes.",
            "It was published in Orrin Weekly Review.",
        ] {
            assert!(found(not_a_place).is_empty(), "{not_a_place}");
        }
        for not_a_place in [
            "It opened in March.",
            "It was listed in NASDAQ filings.",
            "It was written in Konkani and Spanish.",
            "She took a degree in Economics.",
            "It was said in Orrin's speech.",
            "It was decided in Vell v. Orrin.",
            "It is shown in Figure 2.",
            "He worked in Marketing, and marketing suited him.",
            "They met Orrinton at noon.",
            "She wrote in Orrinton that trade grew.",
            "Shares in Vellcorp rose, and it sold its stake in Orrinbridge.",
        ] {
            assert!(found(not_a_place).is_empty(), "{not_a_place}");
        }
    }

    #[test]
    fn names_headed_by_a_facility_word_are_places() {
        let headed = |text: &str| -> Vec<String> {
            headed_places(&text::tokens(text))
                .iter()
                .map(|&(s, e)| text[s..e].to_string())
                .collect()
        };
        assert_eq!(
            headed("They met at the Harwick Central Station, then the Valmora Ferry Road."),
            ["Harwick Central Station", "Valmora Ferry Road"]
        );
        assert_eq!(
            headed("England won at the Valmora Arena."),
            ["Valmora Arena"]
        );
        assert!(headed("The Bank of Valmora grew.").is_empty());
        // An "and" after a venue's word is inside its name; another "and" is not.
        assert_eq!(
            headed(
                "They met at the Alder Convention and Exhibition Center, then Birch and Holt Arena."
            ),
            ["Alder Convention and Exhibition Center", "Holt Arena"]
        );
        // A service's district is a body; a district alone is an area.
        assert_eq!(
            headed(
                "The Alder School District and the Birch Water District met in Kestrel District."
            ),
            ["Kestrel District"]
        );
        // Seas, straits and coasts are places too.
        assert_eq!(
            headed("Ships crossed the Kestrel Strait into the Valmora Sea."),
            ["Kestrel Strait", "Valmora Sea"]
        );
        // Parks, glaciers, shelves, falls and springs too, but an enterprise zone's park is a
        // project or a body.
        assert_eq!(
            headed(
                "At Orrin National Park they saw the Vell Ice Shelf. Birch Springs was next, and \
                 then the Alder Industrial Park."
            ),
            ["Orrin National Park", "Vell Ice Shelf", "Birch Springs"]
        );
        // Docks, courthouses, pavilions, rinks and other venues.
        assert_eq!(
            headed(
                "Boats left Harwick Dock. They saw the Orrin Courthouse, then the Vell Pavilion. \
                 They skated at the Birch Skating Rink."
            ),
            [
                "Harwick Dock",
                "Orrin Courthouse",
                "Vell Pavilion",
                "Birch Skating Rink"
            ]
        );
        // A preposition opening the sentence is no part of the name.
        assert_eq!(
            headed("Across Birch Valley farms are dry. Near Orrin Lake Park a road closed."),
            ["Birch Valley", "Orrin Lake Park"]
        );
    }

    #[test]
    fn a_places_delegation_visiting_another_makes_them_partners() {
        let f = finder();
        for (text, pair) in [
            // A place's delegation visiting another: the two are parties; a visit without a
            // delegation, or with one whose place is far from the verb, is not.
            (
                "Lyon delegation visits Turin\n\nBody.",
                Some(("Lyon", "Turin")),
            ),
            (
                "Tour\n\nA delegation from Lyon visited Turin on Monday.",
                Some(("Lyon", "Turin")),
            ),
            (
                "Tour\n\nLyon's trade delegation visited the Turin fair.",
                Some(("Lyon", "Turin")),
            ),
            (
                "Tour\n\nA delegation from Lyon arrived in Turin on Monday.",
                Some(("Lyon", "Turin")),
            ),
            ("Tour\n\nThe mayor of Lyon visited Turin on Monday.", None),
            (
                "Tour\n\nA delegation from Lyon met in Turin on Monday.",
                None,
            ),
            (
                "Tour\n\nLyon officials said a delegation visited Turin.",
                None,
            ),
            (
                "Tour\n\nA delegation from Lyon visited Turin and Milan.",
                None,
            ),
        ] {
            assert_eq!(
                partners(&Text::from(text), &f.find(text, &[]), &|p| f.name(p)),
                pair.map(|(x, y): (&str, &str)| (x.to_string(), y.to_string())),
                "{text}"
            );
        }
    }

    #[test]
    fn partners_are_the_first_joined_pair_in_the_headline_or_lead() {
        let f = finder();
        for (text, pair) in [
            (
                "Shanghai, Singapore sign MoUs\n\nBody.",
                ("Shanghai", "Singapore"),
            ),
            (
                "Ports sign pact\n\nThe Shanghai-Hong Kong link and Paris.",
                ("Hong Kong", "Shanghai"),
            ),
            (
                "Talks between China and Argentina\n\nBody.",
                ("Argentina", "China"),
            ),
        ] {
            let found = f.find(text, &[]);
            assert_eq!(
                partners(&Text::from(text), &found, &|p| f.name(p)),
                Some((pair.0.to_string(), pair.1.to_string())),
                "{text}"
            );
        }
        let text = "Shanghai hosts a forum\n\nDelegates came from Paris.";
        assert_eq!(
            partners(&Text::from(text), &f.find(text, &[]), &|p| f.name(p)),
            None
        );
        // A city and the country or state it is in, after a comma, is an address.
        for text in [
            "Fair opens\n\nThe fair in Taipei, Taiwan opened.",
            "Fair opens in Austin, Texas\n\nBody.",
            "Lyon, France hosts talks\n\nBody.",
        ] {
            assert_eq!(
                partners(&Text::from(text), &f.find(text, &[]), &|p| f.name(p)),
                None,
                "{text}"
            );
        }
        // The lead is the story's first paragraph, not a photo caption above it.
        let text = Text::new(
            "Forum opens",
            Some("Lyon and Paris delegates at the quay."),
            ["Shanghai and Singapore signed.", "Berlin and Rome watched."],
        );
        let found = f.find(&text, &[]);
        assert_eq!(
            partners(&text, &found, &|p| f.name(p)),
            Some(("Shanghai".to_string(), "Singapore".to_string()))
        );
        // Joined by "and", the same two are parties.
        let text = "Lyon and France sign\n\nBody.";
        assert!(partners(&Text::from(text), &f.find(text, &[]), &|p| f.name(p)).is_some());
        // A longer list is no bilateral pair, a bracketed short name no break in it; places
        // someone visits are no parties, places "in" a sentence may be.
        for (text, pair) in [
            ("Bank admits Chile, Peru and Kenya\n\nBody.", None),
            (
                "Bank admits members\n\nThe United Arab Emirates (UAE), Peru and Kenya joined.",
                None,
            ),
            ("Mayor visited Lyon and Turin\n\nBody.", None),
            (
                "Cities in China and Russia meet\n\nBody.",
                Some(("China", "Russia")),
            ),
        ] {
            assert_eq!(
                partners(&Text::from(text), &f.find(text, &[]), &|p| f.name(p)),
                pair.map(|(x, y): (&str, &str)| (x.to_string(), y.to_string())),
                "{text}"
            );
        }
    }

    #[test]
    fn partners_are_only_a_pair_in_a_sentence_that_states_cooperation() {
        let f = finder();
        let pair = |text: &str| {
            partners(&Text::from(text), &f.find(text, &[]), &|p| f.name(p))
                .map(|(x, y)| format!("{x} – {y}"))
        };
        // Two places standing together say nothing of two parties.
        assert_eq!(pair("Prices in Lyon and Paris rose\n\nBody."), None);
        assert_eq!(
            pair("Trains start\n\nThe Lyon–Paris line opened today."),
            None
        );
        // The statement must be in the pair's own sentence, not the next one.
        assert_eq!(
            pair("Trains start\n\nThe Lyon–Paris line opened. Both signed a pact in May."),
            None
        );
        assert_eq!(
            pair("Trains start\n\nThe Lyon–Paris line, built jointly, opened."),
            Some("Lyon – Paris".to_string())
        );
        // A hyphenated word, and a dot before a lower-case word that ends no sentence.
        assert_eq!(
            pair("China-U.S. sister-city ties turn 40\n\nBody."),
            Some("China – United States".to_string())
        );
        // In the story, a capitalised word beside another is a name, not a statement; an
        // acronym is a statement.
        assert_eq!(
            pair("Budget passes\n\nThe Lyon City Council governs Lyon and Paris suburbs."),
            None
        );
        assert_eq!(
            pair("Ports grow\n\nLyon and Paris now have an FTA."),
            Some("Lyon – Paris".to_string())
        );
        // "Washington, Idaho, and Montana": a list with a comma before its "and".
        assert_eq!(
            pair("Fund buys land\n\nThe partnership owns land in Lyon, Paris, and Turin."),
            None
        );
    }

    #[test]
    fn a_place_that_cooperates_with_another_makes_a_pair_with_it() {
        let f = finder();
        let pair = |text: &str| {
            partners(&Text::from(text), &f.find(text, &[]), &|p| f.name(p))
                .map(|(x, y)| format!("{x} – {y}"))
        };
        let lyon_turin = Some("Lyon – Turin".to_string());
        assert_eq!(
            pair("Lyon signs a port pact with Turin\n\nBody."),
            lyon_turin
        );
        assert_eq!(
            pair("Lyon's exchange agrees a link with the Turin bourse\n\nBody."),
            lyon_turin
        );
        assert_eq!(
            pair("Pact signed\n\nIn Paris on Monday Lyon signed a pact with Turin."),
            lyon_turin
        );
        // Not with a list, not without a statement of cooperation, not across sentences.
        assert_eq!(
            pair("Lyon signs a pact with Turin and Milan\n\nBody."),
            None
        );
        assert_eq!(pair("Lyon fans clashed with Turin police\n\nBody."), None);
        assert_eq!(
            pair("Pact signed\n\nLyon grew. Ministers met with Turin officials."),
            None
        );
        // Joined by "and" first: the classic form wins over a later "with".
        assert_eq!(
            pair("Lyon and Paris sign a pact with Turin\n\nBody."),
            Some("Lyon – Paris".to_string())
        );
    }

    #[test]
    fn places_the_article_establishes_can_be_partners() {
        let finder = PlaceFinder::new(&gazetteer(&BTreeMap::new()));
        let read = |text: &str| {
            let toks = text::tokens(text);
            let established: Vec<(usize, usize)> = headed_places(&toks)
                .into_iter()
                .chain(addressed_places(&toks, &text::lower_case_words(&toks)))
                .chain(of_places(&toks))
                .collect();
            find_places(&Text::from(text), &established, &finder, &[]).1
        };
        let pair = |x: &str, y: &str| Some((x.to_string(), y.to_string()));
        // Two towns the gazetteer lacks, or one it lacks and one it knows.
        assert_eq!(
            read("Pact\n\nThe port cities of Arvika and Belmonte signed a twinning agreement."),
            pair("Arvika", "Belmonte")
        );
        assert_eq!(
            read("Pact\n\nArvika Mayor Lena Holm said Arvika will cooperate with Lyon on ports."),
            pair("Arvika", "Lyon")
        );
        // A facility is no party; a county or a city written as a polity is.
        assert_eq!(
            read("Pact\n\nThe pact between Lyon and Belmonte City Hall was signed in May."),
            None
        );
        assert_eq!(
            read("Pact\n\nLyon and Belmonte County signed an agreement on tea trade."),
            pair("Belmonte County", "Lyon")
        );
        assert_eq!(
            read("Pact\n\nThe City of Arvika and Lyon signed an agreement on tea trade."),
            pair("City of Arvika", "Lyon")
        );
    }

    #[test]
    fn a_known_place_with_its_noun_is_the_same_place() {
        let finder = PlaceFinder::new(&gazetteer(&BTreeMap::new()));
        let text = "Title\n\nGuangdong Province signed. Later Guangdong said so.";
        let (places, _) = find_places(
            &Text::from(text),
            &headed_places(&text::tokens(text)),
            &finder,
            &[],
        );
        assert_eq!(places.len(), 1, "{places:?}");
        assert_eq!(places[0].name, "Guangdong");
        assert_eq!(places[0].mentions, ["Guangdong", "Guangdong Province"]);
    }

    #[test]
    fn a_sea_of_a_place_is_its_own_place_and_a_state_of_one_is_the_place() {
        let finder = PlaceFinder::new(&gazetteer(&BTreeMap::new()));
        let text = "Title\n\nShips sailed the Bay of Bengal and the Gulf of Orrin. The State of \
                    Texas and the Republic of Vell signed with the Bank of the Republic of Vell.";
        let toks = text::tokens(text);
        let spans = of_places(&toks);
        let read: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(
            read,
            [
                "Bay of Bengal",
                "Gulf of Orrin",
                "State of Texas",
                "Republic of Vell"
            ]
        );
        let bank = text.find("Bank").unwrap();
        let (places, _) = find_places(
            &Text::from(text),
            &spans,
            &finder,
            &[(bank, text.len() - 1)],
        );
        let names: Vec<&str> = places.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Texas",
                "Bay of Bengal",
                "Gulf of Orrin",
                "Republic of Vell"
            ]
        );
        assert_eq!(places[0].mentions, ["Texas", "State of Texas"]);
        // A body's head ends the name: "City of Orrin Council" is no place.
        assert!(of_places(&text::tokens("The City of Orrin Council met.")).is_empty());
    }

    #[test]
    fn a_smaller_city_glued_to_another_name_is_not_the_city() {
        let text = "Talks in Mombasa and Kobe went well. Kobe Aldridge and Chen Mombasa spoke.";
        let found = in_gazetteer(text);
        assert_eq!(found, ["Mombasa", "Kobe"]);
        assert!(is_minor_place("Mombasa") && !is_minor_place("Shanghai"));
    }

    #[test]
    fn cities_of_a_hundred_thousand_are_known_unless_their_name_is_someones() {
        let text = "Flights from Trento, Jersey City and St. Louis reached Engels and Pereira.";
        let found = in_gazetteer(text);
        // Trento (about 120,000 people) and two American cities named in two words are known;
        // Engels (Russia) and Pereira (Colombia) are surnames first.
        assert_eq!(found, ["Trento", "Jersey City", "St. Louis"]);
        assert!(is_minor_place("Trento") && is_minor_place("Jersey City"));
    }

    #[test]
    fn a_spelling_without_accents_that_is_an_english_word_is_no_place() {
        let text = "Sale of the unit was approved in Salé and Rabat.";
        assert_eq!(in_gazetteer(text), ["Salé", "Rabat"]);
    }

    #[test]
    fn a_region_named_after_a_place_is_not_the_place() {
        let text = "Farms in New England and the Midwest, and rafts on the Danube and in the Alps.";
        let found = in_gazetteer(text);
        assert_eq!(found, ["New England", "Midwest", "Danube", "Alps"]);
    }

    #[test]
    fn a_currency_is_not_a_mention_of_its_country() {
        let text = "It cost US$5 billion, or 9 billion Singapore dollars, said a US official.";
        let found = in_gazetteer(text);
        assert_eq!(found, ["US"], "only the last one is a mention");
    }
}

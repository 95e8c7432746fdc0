//! The reading stage's word knowledge, each list once, named for what it means: organisational
//! head nouns, words that are never an organisation, job titles and forms of address, given
//! names, peoples' adjectives, and the calendar. The rules in `organisations`, `people`,
//! `cues`, `places` and `text` (and the date reader in `parse`) all ask here, so no rule module
//! imports another for its words. Where one word is on purpose in two lists, the overlap is
//! declared in this module's tests, which fail on any other.
//!
//! The word lists themselves are data: `words.toml`, embedded in the binary, one section per
//! module that asks for them (this module's section holds the shared ones). A rule names its
//! list as a [`Words`] static and reads it as a slice.
//!
//! This module depends on nothing else in the crate.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::{LazyLock, OnceLock};

/// A word list of `words.toml` (`"section.key"`), read from the embedded file the first time a
/// rule asks for it, then kept for the life of the process. It reads as a slice of words, in
/// the file's order; [`Words::contains`] looks a word up among the words of its length.
pub struct Words {
    key: &'static str,
    list: OnceLock<List>,
}

struct List {
    words: &'static [&'static str],
    /// The words by their length in bytes.
    by_length: Vec<Vec<&'static str>>,
}

impl Words {
    /// The list `key` (`"section.key"`) of `words.toml`.
    pub const fn new(key: &'static str) -> Self {
        Words {
            key,
            list: OnceLock::new(),
        }
    }

    fn list(&self) -> &List {
        self.list.get_or_init(|| {
            let words = WORD_LISTS
                .get(self.key)
                .copied()
                .unwrap_or_else(|| panic!("words.toml has no list {}", self.key));
            let mut by_length =
                vec![Vec::new(); words.iter().map(|w| w.len() + 1).max().unwrap_or(0)];
            for word in words {
                by_length[word.len()].push(*word);
            }
            List { words, by_length }
        })
    }

    /// Whether the list holds this word, compared as written. Rules ask this of most words of
    /// every article: only the words of its length are compared, first byte first.
    pub fn contains(&self, word: &str) -> bool {
        let first = word.as_bytes().first();
        self.list().by_length.get(word.len()).is_some_and(|same| {
            same.iter()
                .any(|w| w.as_bytes().first() == first && *w == word)
        })
    }

    /// Every entry of the list, in the order `words.toml` writes them.
    pub fn entries(&self) -> &'static [&'static str] {
        self.list().words
    }

    /// Whether the list holds the word written in lower case ("Ltd" → "ltd").
    pub fn contains_lowercase(&self, word: &str) -> bool {
        with_lowercase(word, |lower| self.contains(lower))
    }
}

/// `f` of the word in lower case. Rules ask this of most words of every article, so a short
/// ASCII word is lowered on the stack, not in a new string (the result is the same as
/// `str::to_lowercase`'s).
pub fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    const SHORT: usize = 40;
    if word.len() <= SHORT && word.is_ascii() {
        let mut buf = [0u8; SHORT];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        f(std::str::from_utf8(lower).unwrap_or(word))
    } else {
        f(&word.to_lowercase())
    }
}

impl std::ops::Deref for Words {
    type Target = [&'static str];

    fn deref(&self) -> &[&'static str] {
        self.list().words
    }
}

/// Every list of `words.toml` by its `"section.key"`. The file is part of the binary and its
/// shape is tested, so a fault in it is a bug in Concord, not in a site: it panics.
static WORD_LISTS: LazyLock<HashMap<String, &'static [&'static str]>> = LazyLock::new(|| {
    let table: toml::Table = include_str!("words.toml")
        .parse()
        .unwrap_or_else(|e| panic!("words.toml: {e}"));
    let mut lists = HashMap::default();
    for (section, value) in table {
        let toml::Value::Table(keys) = value else {
            panic!("words.toml: {section} is not a section");
        };
        for (key, value) in keys {
            let toml::Value::Array(items) = value else {
                panic!("words.toml: {section}.{key} is not a list");
            };
            let words: Vec<&'static str> = items
                .into_iter()
                .map(|item| match item {
                    toml::Value::String(word) => &*word.leak(),
                    other => panic!("words.toml: {section}.{key} holds {other}, not a word"),
                })
                .collect();
            lists.insert(format!("{section}.{key}"), &*words.leak());
        }
    }
    lists
});

// Organisations: head nouns, words that are never a name, job titles.

/// Nouns that head an organisation's name. (`words.toml`: `vocabulary.heads`)
pub static HEADS: Words = Words::new("vocabulary.heads");

/// Heads of diplomatic missions, which are named with the city they are in ("Embassy of Valmora in
/// Alder"). (`words.toml`: `vocabulary.mission_heads`)
pub static MISSION_HEADS: Words = Words::new("vocabulary.mission_heads");

/// Last words that name things other than organisations. (`words.toml`:
/// `vocabulary.not_organisations`)
pub static NOT_ORGANISATIONS: Words = Words::new("vocabulary.not_organisations");

/// Whether a word is an organisational head noun.
pub fn is_head(word: &str) -> bool {
    static HEAD_SET: std::sync::LazyLock<HashSet<&'static str>> =
        std::sync::LazyLock::new(|| HEADS.iter().copied().collect());
    // "the Alder Port Authority's president": the possessive of a head is a head.
    let word = without_possessive(word);
    // "Directorate-General", "Consulate-General": a head with "General" joined to it.
    let word = word.strip_suffix("-General").unwrap_or(word);
    with_lowercase(word, |lower| {
        HEAD_SET.contains(lower)
            // "Alder Institutes": several bodies of one name.
            || PLURAL_HEADS.contains(lower)
            || is_compound_bank(lower)
    })
}

/// "Birch Nationalbank", "Kestrel Riksbank", "Citibank": a bank named in one compound word (a
/// head, and also a name of its own).
pub fn is_compound_bank(word: &str) -> bool {
    word.len() > 6
        && word
            .get(word.len() - 4..)
            .is_some_and(|end| end.eq_ignore_ascii_case("bank"))
        && word.chars().all(char::is_alphabetic)
}

/// A word without its possessive ending ("Labour's" → "Labour"), if it has one.
pub fn possessive_stem(word: &str) -> Option<&str> {
    word.strip_suffix("'s").or_else(|| word.strip_suffix("’s"))
}

/// A word without its possessive ending ("Authority's" → "Authority").
fn without_possessive(word: &str) -> &str {
    possessive_stem(word)
        .filter(|stem| !stem.is_empty())
        .unwrap_or(word)
}

/// Verbs of speech that mark the name beside them as a person. (`words.toml`: `people.speech`)
pub static SPEECH: Words = Words::new("people.speech");

/// Words before "Center"/"Centre" or "and" that make a name a venue's ("Conference Center",
/// "Convention and Exhibition Center"): a venue is no organisation, and its whole name is the
/// place. (`words.toml`: `organisations.venue_words`)
pub static VENUE_WORDS: Words = Words::new("organisations.venue_words");

/// Words before a thing's name (and before a title that is no name's). (`words.toml`:
/// `people.determiners`)
pub static DETERMINERS: Words = Words::new("people.determiners");

/// Bodies a state has one of, named by one capitalised word ("Congress", "the Senate").
/// (`words.toml`: `organisations.one_word_bodies`)
pub static ONE_WORD_BODIES: Words = Words::new("organisations.one_word_bodies");

/// Numbers written as words ("two", "twenty", "dozens"). (`words.toml`: `people.number_words`)
pub static NUMBER_WORDS: Words = Words::new("people.number_words");

/// Whether a word, or its possessive, is a trade a company is named by ([`TRADE_HEADS`]).
pub fn is_trade_head(word: &str) -> bool {
    TRADE_HEADS.contains_lowercase(without_possessive(word))
}

/// Services that make a "District" a body, not an area. (`words.toml`:
/// `vocabulary.district_services`)
static DISTRICT_SERVICES: Words = Words::new("vocabulary.district_services");

/// Services whose system is a body. (`words.toml`: `vocabulary.system_services`)
static SYSTEM_SERVICES: Words = Words::new("vocabulary.system_services");

/// Whether two words end a body's name as one head: a service's district ("School District",
/// "Water District", a special-purpose local government), not an area; a service's system
/// ("Health System"), not a thing.
pub fn is_compound_head(before: &str, last: &str) -> bool {
    let services = match last {
        "District" => &DISTRICT_SERVICES,
        "System" => &SYSTEM_SERVICES,
        _ => return false,
    };
    with_lowercase(before, |b| services.contains(b))
}

/// Plurals of heads that name a set of bodies of one name ("Kestrel Institutes"). (`words.toml`:
/// `vocabulary.plural_heads`)
pub static PLURAL_HEADS: Words = Words::new("vocabulary.plural_heads");

/// The trades companies are named by ("Alder Steel"), heads only of a short name of
/// capitalised words alone. (`words.toml`: `vocabulary.trade_heads`)
static TRADE_HEADS: Words = Words::new("vocabulary.trade_heads");

/// Heads that open a name in languages that put the noun first ("Banco Central de Valmora", "Banque
/// de Kestrel", "Universidad de Alder"). (`words.toml`: `vocabulary.heads_first`)
pub static HEADS_FIRST: Words = Words::new("vocabulary.heads_first");

/// Whether a word opens a name as its head ("Banco", "Université").
pub fn is_head_first(word: &str) -> bool {
    word.len() >= 5 && HEADS_FIRST.iter().any(|h| h.eq_ignore_ascii_case(word))
}

/// Common words, besides `text::FUNCTION_WORDS`, that stand capitalised only because they begin a
/// sentence. (`words.toml`: `vocabulary.sentence_starters`)
pub static SENTENCE_STARTERS: Words = Words::new("vocabulary.sentence_starters");

/// Job titles. (`words.toml`: `vocabulary.role_words`)
pub static ROLE_WORDS: Words = Words::new("vocabulary.role_words");

/// Heads that name a building as often as the body in it. (`words.toml`:
/// `vocabulary.facility_heads`)
pub static FACILITY_HEADS: Words = Words::new("vocabulary.facility_heads");

/// Nouns that end a place's name ("Kestrel Province", "Alder County"). (`words.toml`:
/// `vocabulary.place_nouns`)
pub static PLACE_NOUNS: Words = Words::new("vocabulary.place_nouns");

/// Last words of the names of things and groups, not of people. (`words.toml`:
/// `vocabulary.thing_nouns`)
pub static THING_NOUNS: Words = Words::new("vocabulary.thing_nouns");

// People: forms of address and given names.

/// Titles and role words that can stand before a name, besides [`ROLE_WORDS`]. (`words.toml`:
/// `vocabulary.titles`)
pub static TITLES: Words = Words::new("vocabulary.titles");

/// Title words that only modify another ("Trade Minister", "Vice President", "Former Mayor").
/// (`words.toml`: `vocabulary.title_modifiers`)
pub static TITLE_MODIFIERS: Words = Words::new("vocabulary.title_modifiers");

/// Whether a lower-case word is a job title or a form of address ("minister", "dr").
pub fn is_title_word(lower: &str) -> bool {
    // Called for most capitalised words: one hash lookup, not a scan of both lists.
    static WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        ROLE_WORDS
            .iter()
            .chain(TITLES.iter())
            .chain(TITLE_MODIFIERS.iter())
            .copied()
            .collect()
    });
    WORDS.contains(lower)
}

/// The words of a word-list file: whitespace apart, `#` lines are comments.
fn word_list(text: &'static str) -> HashSet<&'static str> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect()
}

/// Whether a word is a common given name (`given_names.txt`), or two joined by a hyphen
/// ("Jean-Pierre", "Mary-Anne").
pub fn is_given_name(word: &str) -> bool {
    static NAMES: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| word_list(include_str!("given_names.txt")));
    names.contains(word)
        || word
            .split_once('-')
            .is_some_and(|(a, b)| names.contains(a) && names.contains(b))
}

/// Whether a word is a plural that ends many organisations' names in ROR
/// (`organisation_plurals.txt`: "Foods", "Systems", "Logistics"), so that a name closed by one
/// and opened by no given name is a company's, not a person's ("Brightline Foods said").
pub fn is_organisation_plural(word: &str) -> bool {
    static WORDS: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| word_list(include_str!("organisation_plurals.txt")))
        .contains(word)
}

/// Whether a lower-case word is a common English word (`common_words.txt`, learnt from the open
/// corpora by `concord-train --common-words-out`: "overall", "afterwards", "count").
pub fn is_common_word(lower: &str) -> bool {
    static WORDS: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| word_list(include_str!("common_words.txt")))
        .contains(lower)
}

/// Whether a word is a common given name that is also an English word
/// (`given_names_words.txt`: "Matt", "Rob", "Glen"), a given name only inside a sentence.
pub fn is_given_name_word(word: &str) -> bool {
    static NAMES: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| word_list(include_str!("given_names_words.txt")))
        .contains(word)
}

/// First words of places' names. (`words.toml`: `vocabulary.place_openers`)
pub static PLACE_OPENERS: Words = Words::new("vocabulary.place_openers");

/// Words for a relative or companion. (`words.toml`: `vocabulary.kin_nouns`)
pub static KIN_NOUNS: Words = Words::new("vocabulary.kin_nouns");

/// Whether a lower-case word names a government portfolio (`portfolios.txt`): "trade",
/// "fisheries", "skills".
pub fn is_portfolio_word(lower: &str) -> bool {
    static WORDS: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| word_list(include_str!("portfolios.txt")))
        .contains(lower)
}

/// A romanised two-syllable given name written with a hyphen: "Chung-tai", "Shin-Wook",
/// "Che-cheung", "Seok-yeol" (a syllable has two to six letters: "Zhuang", "Cheung").
pub fn is_romanised_given_name(word: &str) -> bool {
    let Some((first, second)) = word.split_once('-') else {
        return false;
    };
    // A syllable ends in a vowel or in one of the finals romanisations write ("Spider-Gwen" is
    // no name of this kind).
    let syllable = |s: &str| {
        (2..=6).contains(&s.len())
            && s.chars().all(|c| c.is_ascii_alphabetic())
            && s.ends_with([
                'a', 'e', 'i', 'o', 'u', 'y', 'n', 'g', 'm', 'k', 'p', 't', 'h', 'l',
            ])
    };
    syllable(first)
        && syllable(second)
        && first.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && first.chars().skip(1).all(|c| c.is_ascii_lowercase())
}

/// Whether two or three capitalised words read as a name written family name first: a family
/// name of `family_names.txt` ("Wang", "Nguyen", "Kim"), then a given name of romanised
/// syllables only, one or two to a word, or two joined by a hyphen: "Li Wei", "Wang Jianguo",
/// "Nguyen Van Minh", "Kim Jong Un". A family name or a last word that is also a common
/// English word does not count ("Song Said", "Li Auto"); whether the name is a place ("Hong
/// Kong") is for the caller to ask.
pub fn is_family_first_name<'a>(words: impl IntoIterator<Item = &'a str>) -> bool {
    static NAMES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let names = NAMES.get_or_init(|| word_list(include_str!("family_names.txt")));
    let words: Vec<&str> = words.into_iter().take(4).collect();
    let [family, given @ ..] = words.as_slice() else {
        return false;
    };
    let common = |w: &str| is_common_word(&w.to_lowercase());
    (1..=2).contains(&given.len())
        && names.contains(family)
        && !common(family)
        && given
            .iter()
            .all(|w| is_romanised_given_name(w) || romanised_syllables(w))
        && given.last().is_some_and(|w| !common(w))
}

/// Whether a capitalised word is romanised syllables: one as Chinese pinyin, Vietnamese or
/// Korean romanisation writes it ("Wei", "Minh", "Thuong", "Jong"), or two of pinyin
/// ("Jianguo", "Shimin": a two-syllable word is Chinese, "Auto" is none).
fn romanised_syllables(word: &str) -> bool {
    const ONSETS: [&str; 35] = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "sh", "th", "tr", "zh", "b", "c",
        "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "w", "x", "y",
        "z", "",
    ];
    const FINALS: [&str; 9] = ["ng", "nh", "ch", "n", "m", "c", "p", "t", ""];
    const PINYIN_ONSETS: [&str; 24] = [
        "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
        "r", "z", "c", "s", "y", "w", "",
    ];
    const PINYIN_VOWELS: [&str; 18] = [
        "iao", "uai", "ai", "ei", "ao", "ou", "ia", "ie", "ua", "uo", "ue", "iu", "ui", "a", "o",
        "e", "i", "u",
    ];
    const PINYIN_FINALS: [&str; 3] = ["ng", "n", ""];
    // The ways `s` opens with one syllable of the grammar: what is left after each.
    fn one<'a>(
        s: &'a str,
        onsets: &'static [&str],
        vowels: Option<&'static [&str]>,
        finals: &'static [&str],
    ) -> Vec<&'a str> {
        let mut rests = Vec::new();
        for after in onsets.iter().filter_map(|o| s.strip_prefix(o)) {
            let run = after.bytes().take_while(|b| b"aeiouy".contains(b)).count();
            for v in 1..=run.min(3) {
                if vowels.is_some_and(|list| !list.contains(&&after[..v])) {
                    continue;
                }
                rests.extend(finals.iter().filter_map(|f| after[v..].strip_prefix(f)));
            }
        }
        rests
    }
    let mut chars = word.chars();
    if !(chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_lowercase()))
    {
        return false;
    }
    let lower = word.to_ascii_lowercase();
    one(&lower, &ONSETS, None, &FINALS).contains(&"")
        || one(&lower, &PINYIN_ONSETS, Some(&PINYIN_VOWELS), &PINYIN_FINALS)
            .into_iter()
            .any(|rest| {
                !rest.is_empty()
                    && one(rest, &PINYIN_ONSETS, Some(&PINYIN_VOWELS), &PINYIN_FINALS).contains(&"")
            })
}

// Peoples and adjectives: capitalised, never a body.

/// An adjective ("Architectural", "Catholic") or a people's name ("Chinese", "Canadians",
/// "Israeli"): capitalised, but not a body. Peoples are recognised by their place: the word
/// without its ending, given a country's ending, is a known place.
pub fn adjective_like(word: &str, is_place: &dyn Fn(&str) -> bool) -> bool {
    let l = word.to_lowercase();
    ["al", "ic", "ive", "ous", "ern", "ist"]
        .iter()
        .any(|suffix| l.ends_with(suffix))
        || is_peoples_name(word, is_place)
}

/// A people's name ("Chinese", "Afghan", "Canadians", "French"): the word without its ending,
/// given a country's ending, is a known place, or it is one of [`IRREGULAR_PEOPLES`].
pub fn is_peoples_name(word: &str, is_place: &dyn Fn(&str) -> bool) -> bool {
    if IRREGULAR_PEOPLES.contains(word.to_lowercase().as_str()) {
        return true;
    }
    let singular = word.strip_suffix('s').unwrap_or(word);
    ["ian", "ean", "an", "ese", "ish", "i", "n"]
        .iter()
        .filter_map(|ending| singular.strip_suffix(ending))
        .any(|stem| {
            ["", "a", "o", "y", "e", "ia", "any", "ain", "land"]
                .iter()
                .any(|country_ending| is_place(&format!("{stem}{country_ending}")))
        })
}

/// Peoples whose names do not follow from their country's. (`words.toml`:
/// `vocabulary.irregular_peoples`)
pub static IRREGULAR_PEOPLES: Words = Words::new("vocabulary.irregular_peoples");

// The calendar: never part of a name, read in dates.

/// Weekday names, lower case.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether a lower-case word is a month or a weekday name.
pub fn is_month_or_weekday(word: &str) -> bool {
    MONTHS.contains(&word) || WEEKDAYS.contains(&word)
}

/// Month names, lower case: read in dates, and never part of a name.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn two_given_names_joined_by_a_hyphen_are_a_given_name() {
        assert!(is_given_name("Anna"));
        assert!(is_given_name("Jean-Pierre"));
        assert!(is_given_name("Mary-Anne"));
        assert!(!is_given_name("Anglo-American"));
        assert!(!is_given_name("Anna-Valmora"));
        assert!(!is_given_name("Anna-"));
    }

    #[test]
    fn family_first_names_go_on_with_romanised_syllables_only() {
        for name in [
            "Li Wei",
            "Wang Jianguo",
            "Xi Jinping",
            "Li Shimin",
            "Nguyen Van Minh",
            "Pham Minh Chinh",
            "Truong Thuong",
            "Kim Jong Un",
            "Moon Jae-in",
            "Huang Xiaojia",
        ] {
            assert!(is_family_first_name(name.split(' ')), "{name}");
        }
        for name in [
            // No family name first, or a family name that is a common word.
            "Alder Wei",
            "Song Said",
            // A given name that is an English word or no romanised syllables.
            "Li Auto",
            "Wang Holdings",
            "Chen Street",
            "Zhang Minoru",
            "Wang",
            "Li Wei Jian Guo",
            "Li WEI",
        ] {
            assert!(!is_family_first_name(name.split(' ')), "{name}");
        }
    }

    #[test]
    fn romanised_given_names_have_two_syllables_of_two_to_six_letters() {
        for name in [
            "Chung-tai",
            "Shin-Wook",
            "Che-cheung",
            "Seok-yeol",
            "May-lung",
        ] {
            assert!(is_romanised_given_name(name), "{name}");
        }
        for word in [
            "Spider-Gwen",
            "Pan-democrat",
            "Co-operation",
            "Chung",
            "X-ray",
        ] {
            assert!(!is_romanised_given_name(word), "{word}");
        }
    }

    /// Every word that stands in two lists on purpose, and why; any other overlap fails.
    const DECLARED: &[(&str, &str, &[&str])] = &[
        // A museum or centre is a body ("Alder Science Museum said"), and a facility after
        // "at the" ("at the Kestrel Space Center") is a place.
        ("HEADS", "FACILITY_HEADS", &["center", "centre", "museum"]),
        // A hall is a building, never a body's head; after "at the" it is a place.
        ("NOT_ORGANISATIONS", "FACILITY_HEADS", &["hall"]),
        // "Kestrel Province", "Alder City": a place's name ends in these, an organisation's
        // never does.
        (
            "NOT_ORGANISATIONS",
            "PLACE_NOUNS",
            &["city", "district", "province", "region", "state"],
        ),
        // "Secretary of State" is a title; "… State" ends a place's name, not a body's.
        ("NOT_ORGANISATIONS", "TITLE_MODIFIERS", &["state"]),
        ("PLACE_NOUNS", "TITLE_MODIFIERS", &["state"]),
    ];

    #[test]
    fn each_word_is_in_one_list_unless_declared() {
        let lists: &[(&str, &[&str])] = &[
            ("HEADS", &HEADS),
            ("NOT_ORGANISATIONS", &NOT_ORGANISATIONS),
            ("HEADS_FIRST", &HEADS_FIRST),
            ("SENTENCE_STARTERS", &SENTENCE_STARTERS),
            ("ROLE_WORDS", &ROLE_WORDS),
            ("TITLES", &TITLES),
            ("TITLE_MODIFIERS", &TITLE_MODIFIERS),
            ("FACILITY_HEADS", &FACILITY_HEADS),
            ("PLACE_NOUNS", &PLACE_NOUNS),
            ("IRREGULAR_PEOPLES", &IRREGULAR_PEOPLES),
            ("WEEKDAYS", &WEEKDAYS),
            ("MONTHS", &MONTHS),
        ];
        for (i, (a, first)) in lists.iter().enumerate() {
            let set: BTreeSet<&str> = first.iter().copied().collect();
            assert_eq!(set.len(), first.len(), "{a} holds a word twice");
            for (b, second) in &lists[i + 1..] {
                let overlap: BTreeSet<&str> =
                    second.iter().copied().filter(|w| set.contains(w)).collect();
                let declared: BTreeSet<&str> = DECLARED
                    .iter()
                    .filter(|(x, y, _)| (x, y) == (a, b) || (y, x) == (a, b))
                    .flat_map(|(_, _, words)| words.iter().copied())
                    .collect();
                assert_eq!(overlap, declared, "words in both {a} and {b}");
            }
        }
    }

    #[test]
    fn every_list_of_words_toml_is_asked_for_once_and_holds_each_word_once() {
        let sources = [
            include_str!("vocabulary.rs"),
            include_str!("organisations.rs"),
            include_str!("people.rs"),
            include_str!("places.rs"),
            include_str!("cues.rs"),
            include_str!("text.rs"),
            include_str!("decide.rs"),
        ];
        let mut asked: Vec<&str> = Vec::new();
        for source in sources {
            for (at, opening) in source.match_indices("Words::new(\"") {
                let rest = &source[at + opening.len()..];
                asked.push(&rest[..rest.find('"').unwrap()]);
            }
        }
        asked.sort_unstable();
        let mut lists: Vec<&str> = WORD_LISTS.keys().map(String::as_str).collect();
        lists.sort_unstable();
        assert_eq!(
            asked, lists,
            "the lists the rules ask for and those words.toml has"
        );
        for (key, words) in WORD_LISTS.iter() {
            assert!(!words.is_empty(), "{key} is empty");
            let set: BTreeSet<&str> = words.iter().copied().collect();
            assert_eq!(set.len(), words.len(), "{key} holds a word twice");
            for word in words.iter() {
                assert!(
                    !word.is_empty() && word.trim() == *word,
                    "{key}: {word:?} is no word"
                );
            }
        }
    }

    #[test]
    fn heads_plural_possessive_and_compound() {
        assert!(is_head("Authority"));
        assert!(is_head("Authority's"));
        assert!(is_head("Institutes"));
        assert!(is_head("Nationalbank"));
        assert!(!is_head("Harbour"));
        assert!(!is_head("'s"));
    }
}

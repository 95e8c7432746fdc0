//! The reading stage's word knowledge, each list once, named for what it means: organisational
//! head nouns, words that are never an organisation, job titles and forms of address, given
//! names, peoples' adjectives, and the calendar. The rules in `organisations`, `people`,
//! `cues`, `places` and `text` (and the date reader in `parse`) all ask here, so no rule module
//! imports another for its words. Where one word is on purpose in two lists, the overlap is
//! declared in this module's tests, which fail on any other.
//!
//! This module depends on nothing else in the crate.

use std::collections::HashSet;

// Organisations: head nouns, words that are never a name, job titles.

/// Nouns that head an organisation's name: "… Exchange", "… Bank", "Ministry of …".
pub const HEADS: &[&str] = &[
    "exchange",
    "bank",
    "commission",
    "ministry",
    "bureau",
    "council",
    "authority",
    "association",
    "chamber",
    "university",
    "college",
    "institute",
    "corporation",
    "corp",
    "corp.",
    "group",
    "company",
    "co",
    "co.",
    "ltd",
    "ltd.",
    "limited",
    "plc",
    "ag",
    "inc",
    "inc.",
    "llc",
    "fund",
    "agency",
    "department",
    "office",
    "committee",
    "federation",
    "forum",
    "organization",
    "organisation",
    "government",
    "navy",
    "army",
    "force",
    "alliance",
    "embassy",
    "consulate",
    "board",
    "reserve",
    "trust",
    "foundation",
    "society",
    "union",
    "party",
    "parliament",
    "congress",
    "assembly",
    "court",
    "police",
    "daily",
    "times",
    "post",
    "herald",
    "journal",
    "tribune",
    "gazette",
    "press",
    "airlines",
    "airways",
    "school",
    "academy",
    "hospital",
    "club",
    "league",
    "secretariat",
    "administration",
    "service",
    "museum",
    "church",
    "magazine",
    "observatory",
    "laboratory",
    "institution",
    "cabinet",
    "senate",
    "directorate",
    "commissariat",
    "holdings",
    "motor",
    "motors",
    "technologies",
    "pharmaceuticals",
    "electronics",
    "enterprises",
    "ventures",
    "labs",
    "partners",
    "bancorp",
    "news",
    "gallery",
    "centre",
    "center",
    "library",
    "network",
    "studios",
    "industries",
    "associates",
    "consultants",
    "records",
    "therapeutics",
    "biosciences",
    "laboratories",
    "polytechnic",
    "seminary",
    "clinic",
    "consortium",
    "incorporated",
    "brothers",
    "orchestra",
];

/// Heads of diplomatic missions, which are named with the city they are in ("Embassy of Valmora
/// in Alder"): two embassies of one country are two bodies. Compared as written.
pub const MISSION_HEADS: &[&str] = &["Embassy", "Consulate", "Consulate-General"];

/// Last words that name things other than organisations: agreements, events, places, schemes.
pub const NOT_ORGANISATIONS: &[&str] = &[
    "arrangement",
    "agreement",
    "memorandum",
    "understanding",
    "connect",
    "initiative",
    "programme",
    "program",
    "scheme",
    "summit",
    "conference",
    "meeting",
    "treaty",
    "pact",
    "plan",
    "zone",
    "park",
    "index",
    "act",
    "law",
    "festival",
    "expo",
    "games",
    "cup",
    "day",
    "week",
    "year",
    "award",
    "prize",
    "project",
    "strategy",
    "road",
    "belt",
    "route",
    "corridor",
    // A kind of investor names a scheme ("Qualified Foreign Institutional Investor (QFII)").
    "investor",
    "investors",
    "railway",
    "railroad",
    "highway",
    "expressway",
    "motorway",
    "pipeline",
    "canal",
    "bridge",
    "tunnel",
    "line",
    "link",
    "bond",
    "bonds",
    "dialogue",
    "talks",
    "declaration",
    "statement",
    "framework",
    "mechanism",
    "protocol",
    "area",
    "region",
    "district",
    "province",
    "state",
    "city",
    "island",
    "river",
    "sea",
    "ocean",
    "war",
    "crisis",
    "report",
    "survey",
    "station",
    "airport",
    "stadium",
    "arena",
    "base",
    "complex",
    "facility",
    "hall",
    // Terms, often defined with an acronym like a body ("Computer Aided Design (CAD)",
    // "Reactive Oxygen Species (ROS)", "Millennium Development Goals (MDGs)").
    "design",
    "light",
    "species",
    "goals",
    "plans",
    "test",
    "method",
    "model",
    "standards",
    "disease",
    "syndrome",
    "virus",
    "device",
    "rate",
    "ratio",
    "technology",
];

/// Whether a word is an organisational head noun.
pub fn is_head(word: &str) -> bool {
    static HEAD_SET: std::sync::LazyLock<HashSet<&'static str>> =
        std::sync::LazyLock::new(|| HEADS.iter().copied().collect());
    // "the Alder Port Authority's president": the possessive of a head is a head.
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .filter(|stem| !stem.is_empty())
        .unwrap_or(word);
    // "Directorate-General", "Consulate-General": a head with "General" joined to it.
    let word = word.strip_suffix("-General").unwrap_or(word);
    let lower = word.to_lowercase();
    HEAD_SET.contains(lower.as_str())
        // "Alder Institutes": several bodies of one name.
        || PLURAL_HEADS.iter().any(|(one, many)| lower == *many && HEADS.contains(one))
        // "Birch Nationalbank", "Kestrel Riksbank": a bank named in one compound word.
        || (lower.len() > 6 && lower.ends_with("bank") && lower.chars().all(char::is_alphabetic))
}

/// Heads whose plural names a set of bodies of one name ("Kestrel Institutes").
pub const PLURAL_HEADS: &[(&str, &str)] = &[
    ("institute", "institutes"),
    ("university", "universities"),
    ("college", "colleges"),
    ("academy", "academies"),
];

/// Heads that open a name in languages that put the noun first ("Banco Central de Valmora",
/// "Banque de Kestrel", "Universidad de Alder"): a name segment is headed by its first word too.
pub const HEADS_FIRST: &[&str] = &[
    "banco",
    "banca",
    "banque",
    "bolsa",
    "bourse",
    "caisse",
    "compañía",
    "companhia",
    "compagnie",
    "universidad",
    "universidade",
    "università",
    "université",
    "universität",
    "universiteit",
    "ministerio",
    "ministério",
    "ministère",
    "instituto",
    "institut",
    "istituto",
    "fundación",
    "fundação",
    "fondation",
    "fondazione",
    "agencia",
    "agência",
    "agence",
    "consejo",
    "conselho",
    "conseil",
    "comisión",
    "comissão",
    "corporación",
    "sociedad",
    "société",
    "società",
    "grupo",
    "groupe",
    "gruppo",
];

/// Whether a word opens a name as its head ("Banco", "Université").
pub fn is_head_first(word: &str) -> bool {
    word.len() >= 5 && HEADS_FIRST.iter().any(|h| h.eq_ignore_ascii_case(word))
}

/// Common words, besides `text::FUNCTION_WORDS`, that stand capitalised only because they
/// begin a sentence.
pub const SENTENCE_STARTERS: &[&str] = &[
    "both",
    "under",
    "last",
    "next",
    "yesterday",
    "today",
    "by",
    "from",
    "to",
    "all",
    "each",
    "every",
    "some",
    "many",
    "most",
    "other",
    "such",
    "according",
    "earlier",
    "later",
    "then",
    "there",
    "here",
    "now",
    "once",
    "what",
    "where",
    "which",
    "who",
    "why",
    "how",
    "officials",
];

/// Job titles: a name stops before them ("Museum of Flight CEO …").
pub const ROLE_WORDS: &[&str] = &[
    "ceo",
    "president",
    "chairman",
    "chairwoman",
    "chairperson",
    "chair",
    "director",
    "secretary",
    "minister",
    "governor",
    "mayor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "premier",
    "chancellor",
    "ambassador",
    "professor",
    "chief",
    "head",
    "executive",
    "officer",
    "founder",
];

/// Heads that name a building as often as the body in it.
pub const FACILITY_HEADS: &[&str] = &["center", "centre", "museum", "hall", "house"];

/// Nouns that end a place's name ("Kestrel Province", "Alder County").
pub const PLACE_NOUNS: &[&str] = &[
    "province",
    "state",
    "city",
    "county",
    "region",
    "prefecture",
    "district",
    "municipality",
];

/// Last words of the names of things and groups, not of people: facilities, awards, states
/// places and their features, and plural nouns for groups ("Kobe Park", "Nobel Prize", "Stanley
/// Cups", "Sandy Creek", "Afghan Girls").
pub const THING_NOUNS: &[&str] = &[
    "park",
    "parks",
    "hills",
    "beach",
    "island",
    "islands",
    "dock",
    "docks",
    "railway",
    "railroad",
    "mall",
    "gym",
    "cup",
    "cups",
    "prize",
    "prizes",
    "award",
    "awards",
    "republic",
    "records",
    "station",
    "airport",
    "bridge",
    "stadium",
    "arena",
    "hotel",
    "meeting",
    "meetings",
    "conference",
    "summit",
    "session",
    "tower",
    "avenue",
    "square",
    "valley",
    "village",
    "street",
    "road",
    "river",
    "lake",
    "bay",
    "harbour",
    "harbor",
    "creek",
    "springs",
    "falls",
    "heights",
    "hollow",
    "canyon",
    "mountain",
    "mountains",
    "reservoir",
    "playfield",
    "way",
    "place",
    "girls",
    "boys",
    "leaders",
    "officials",
    "fans",
    "players",
    "workers",
    "students",
    "scouts",
    "farmers",
    "people",
    "women",
    "men",
    "children",
    "citizens",
];

// People: forms of address and given names.

/// Titles and role words that can stand before a name, besides [`ROLE_WORDS`].
pub const TITLES: &[&str] = &[
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "prof",
    "prof.",
    "sir",
    "dame",
    "lord",
    "lady",
    "king",
    "queen",
    "prince",
    "princess",
    "senator",
    "sen.",
    "rep.",
    "gov.",
    "lt.",
    "capt.",
    "representative",
    "judge",
    "justice",
    "commissioner",
    "consul",
    "envoy",
    "leader",
    "coach",
    "captain",
    "pope",
    "bishop",
    "archbishop",
    "cardinal",
    "reverend",
    "rev.",
    "sheikh",
    "shri",
    "smt",
    "shrimati",
    "ayatollah",
    "seyyed",
    "sayyid",
    "hon",
    "hon.",
    "honourable",
    "honorable",
    "datuk",
    "dato",
    "emir",
    "sultan",
    "general",
    "gen.",
    "colonel",
    "col.",
    "lieutenant",
    "sergeant",
    "admiral",
    "commander",
    "marshal",
    "brigadier",
    "corporal",
    "inspector",
    "detective",
    "constable",
    "superintendent",
    "mp",
    "councillor",
    "councilor",
    "councilman",
    "councilwoman",
    "congressman",
    "congresswoman",
    "congressmember",
    "assemblyman",
    "assemblywoman",
    "alderman",
    "mister",
    "madam",
    "speaker",
    "dean",
    "rector",
    "deputy",
    "lord-mayor",
    "vice-premier",
    "vice-president",
    "vice-minister",
    "vice-chairman",
    "secretary-general",
    "director-general",
    "manager",
    "editor",
    "correspondent",
    "reporter",
    "author",
    "artist",
    "actor",
    "actress",
    "singer",
    "guitarist",
    "bassist",
    "drummer",
    "pianist",
    "composer",
    "poet",
    "novelist",
    "writer",
    "painter",
    "architect",
    "historian",
    "player",
    "striker",
    "goalkeeper",
    "midfielder",
    "defender",
    "student",
    "activist",
    "photographer",
    "curator",
    "counterpart",
    "administrator",
    "lawmaker",
    "legislator",
    "commentator",
    "analyst",
    "economist",
    "scientist",
    "researcher",
    "teacher",
    "lawyer",
    "attorney",
    "astronaut",
];

/// Title words that only modify another ("Trade Minister", "Vice President", "Former Mayor").
pub const TITLE_MODIFIERS: &[&str] = &[
    "vice",
    "prime",
    "foreign",
    "finance",
    "trade",
    "defence",
    "defense",
    "assistant",
    "acting",
    "former",
    "senior",
    "state",
];

/// Whether a lower-case word is a job title or a form of address ("minister", "dr").
pub fn is_title_word(lower: &str) -> bool {
    // Called for most capitalised words: one hash lookup, not a scan of both lists.
    static WORDS: std::sync::LazyLock<HashSet<&'static str>> = std::sync::LazyLock::new(|| {
        ROLE_WORDS
            .iter()
            .chain(TITLES)
            .chain(TITLE_MODIFIERS)
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

/// Whether a word is a common given name (`given_names.txt`).
pub fn is_given_name(word: &str) -> bool {
    static NAMES: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| word_list(include_str!("given_names.txt")))
        .contains(word)
}

/// Whether a word is a common given name that is also an English word
/// (`given_names_words.txt`: "Matt", "Rob", "Glen"), a given name only inside a sentence.
pub fn is_given_name_word(word: &str) -> bool {
    static NAMES: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| word_list(include_str!("given_names_words.txt")))
        .contains(word)
}

/// First words of places' names: "San Mateo", "Santa Clara", "São Paulo", "Fort Worth", "Mount
/// Kenya", "Cape Verde", "Lake Tana", "Ras Laffan" (Arabic for a cape). A name that opens with
/// one is a place, never a person.
pub const PLACE_OPENERS: &[&str] = &[
    "San", "Santa", "Santo", "São", "Sao", "Fort", "Mount", "Cape", "Lake", "Port", "Puerto",
    "Porto", "Villa", "Ciudad", "Ras",
];

/// Words for a relative or companion: the name right after one is a person's ("his father John
/// Citrone", "a daughter, Nadja Beauford", "her friend Henriette Herz"). Evidence, not a role.
pub const KIN_NOUNS: &[&str] = &[
    "father",
    "mother",
    "son",
    "daughter",
    "brother",
    "sister",
    "wife",
    "husband",
    "widow",
    "widower",
    "uncle",
    "aunt",
    "nephew",
    "niece",
    "cousin",
    "grandfather",
    "grandmother",
    "grandson",
    "granddaughter",
    "father-in-law",
    "mother-in-law",
    "brother-in-law",
    "sister-in-law",
    "son-in-law",
    "daughter-in-law",
    "stepfather",
    "stepmother",
    "stepson",
    "stepdaughter",
    "half-brother",
    "half-sister",
    "fiancé",
    "fiancée",
    "girlfriend",
    "boyfriend",
    "spouse",
    "friend",
    "parents",
    "sons",
    "daughters",
    "brothers",
    "sisters",
];

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
    if IRREGULAR_PEOPLES.contains(&word.to_lowercase().as_str()) {
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

/// Peoples whose names do not follow from their country's: "French", "Dutch".
pub const IRREGULAR_PEOPLES: &[&str] = &[
    "french", "dutch", "spanish", "swiss", "greek", "thai", "irish", "welsh", "scottish",
    "english", "turkish", "polish", "danish", "swedish", "finnish", "filipino", "arab", "arabs",
];

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
            ("HEADS", HEADS),
            ("NOT_ORGANISATIONS", NOT_ORGANISATIONS),
            ("HEADS_FIRST", HEADS_FIRST),
            ("SENTENCE_STARTERS", SENTENCE_STARTERS),
            ("ROLE_WORDS", ROLE_WORDS),
            ("TITLES", TITLES),
            ("TITLE_MODIFIERS", TITLE_MODIFIERS),
            ("FACILITY_HEADS", FACILITY_HEADS),
            ("PLACE_NOUNS", PLACE_NOUNS),
            ("IRREGULAR_PEOPLES", IRREGULAR_PEOPLES),
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
    fn heads_plural_possessive_and_compound() {
        assert!(is_head("Authority"));
        assert!(is_head("Authority's"));
        assert!(is_head("Institutes"));
        assert!(is_head("Nationalbank"));
        assert!(!is_head("Harbour"));
        assert!(!is_head("'s"));
    }
}

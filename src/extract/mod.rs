//! Extract stage: reads the articles' text and tags each with what it is about.
//!
//! Organisations are found archive-wide: names and acronyms learnt in one article tag every
//! other article that mentions them, so one organisation gets one page however it is written.
//! Places come from a gazetteer, people from capitalised names in the contexts news gives them.

pub mod cues;
pub mod decide;
pub mod labeller;
pub mod merge;
pub mod organisations;
pub mod people;
pub mod places;
pub mod text;
pub mod vocabulary;

use crate::config::SiteConfig;
use crate::model::{Article, NamedMention, Organisation, OrganisationMention, Person, Tags};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

/// What one tokenisation of an article gives: its names, its place names (headed by a place
/// noun) and its possible people. Depends on the article's text and the settings alone, so a
/// rebuild keeps it for every article whose file did not change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub names: organisations::Names,
    headed_places: Vec<(usize, usize)>,
    candidates: Vec<people::Candidate>,
}

/// Reads articles and, once the organisation table is known, chooses their places and people.
pub struct Reader {
    place_finder: places::PlaceFinder,
    model: &'static decide::Model,
    /// The confidence a candidate organisation needs.
    threshold: f64,
    /// The site's corrections of people, places and split organisation names.
    corrections: SiteCorrections,
}

/// What `site.toml` corrects after reading, by name: `[people]` aliases, `[extract]
/// exclude_people` / `exclude_places`, and `[organisations]` entries with a `when`.
struct SiteCorrections {
    /// A person's other name (its key) → the canonical name.
    people_aliases: HashMap<String, String>,
    exclude_people: organisations::Exclusions,
    exclude_places: organisations::Exclusions,
    splits: Vec<Split>,
    /// The names each people or places exclusion removed, by entry (`people:`/`places:` + entry).
    hits: Mutex<BTreeMap<String, BTreeSet<String>>>,
}

/// `[organisations."Name"] aliases = [...], when = {...}`: in an article that meets the
/// condition, a mention written as one of the aliases is the named organisation.
struct Split {
    name: String,
    alias_keys: HashSet<String>,
    place_keys: HashSet<String>,
    source_keys: HashSet<String>,
}

impl SiteCorrections {
    fn new(config: &SiteConfig) -> SiteCorrections {
        let key = |n: &String| organisations::name_key(n);
        let mut people_aliases = HashMap::default();
        for (name, aliases) in &config.people {
            for alias in std::iter::once(name).chain(aliases) {
                people_aliases.insert(key(alias), name.clone());
            }
        }
        SiteCorrections {
            people_aliases,
            exclude_people: organisations::Exclusions::new(&config.extract.exclude_people),
            exclude_places: organisations::Exclusions::new(&config.extract.exclude_places),
            splits: config
                .organisation_splits()
                .map(|(name, aliases, when)| Split {
                    name: name.to_string(),
                    alias_keys: aliases.iter().map(key).collect(),
                    place_keys: when.places.iter().map(key).collect(),
                    source_keys: when.sources.iter().map(key).collect(),
                })
                .collect(),
            hits: Mutex::default(),
        }
    }

    fn note(&self, kind: &str, entry: &str, name: &str) {
        if let Ok(mut hits) = self.hits.lock() {
            hits.entry(format!("{kind}:{entry}"))
                .or_default()
                .insert(name.to_string());
        }
    }

    /// `people` with the site's aliases made canonical (merging the forms of one person) and
    /// its excluded names taken off.
    fn people(&self, people: Vec<Person>) -> Vec<Person> {
        let mut out: Vec<Person> = Vec::with_capacity(people.len());
        for mut person in people {
            if let Some(entry) = self.exclude_people.entry_for(&person.name) {
                self.note("people", entry, &person.name);
                continue;
            }
            let canonical = std::iter::once(&person.name)
                .chain(&person.mentions)
                .find_map(|n| self.people_aliases.get(&organisations::name_key(n)));
            if let Some(canonical) = canonical
                && *canonical != person.name
            {
                let old = std::mem::replace(&mut person.name, canonical.clone());
                if !person.mentions.contains(&old) {
                    person.mentions.push(old);
                }
            }
            match out.iter_mut().find(|p| p.name == person.name) {
                Some(kept) => {
                    for m in person.mentions {
                        if !kept.mentions.contains(&m) {
                            kept.mentions.push(m);
                        }
                    }
                    if kept.role.is_none() {
                        kept.role = person.role;
                    }
                }
                None => out.push(person),
            }
        }
        out
    }

    /// `places` without the excluded ones, and the partner pair unless one party is excluded.
    fn places(
        &self,
        mut places: Vec<NamedMention>,
        partners: Option<(String, String)>,
    ) -> (Vec<NamedMention>, Option<(String, String)>) {
        places.retain(|p| match self.exclude_places.entry_for(&p.name) {
            Some(entry) => {
                self.note("places", entry, &p.name);
                false
            }
            None => true,
        });
        let partners = partners.filter(|(a, b)| {
            self.exclude_places.entry_for(a).is_none() && self.exclude_places.entry_for(b).is_none()
        });
        (places, partners)
    }

    /// Moves a mention written as a split's alias to the split's organisation when the article
    /// meets its condition (the first such entry, by name, wins).
    fn split_organisations(
        &self,
        article: &Article,
        tags: &mut Tags,
        tagger: &organisations::Tagger,
    ) {
        if self.splits.is_empty() {
            return;
        }
        let place_keys: HashSet<String> = tags
            .places
            .iter()
            .flat_map(|p| std::iter::once(&p.name).chain(&p.mentions))
            .map(|n| organisations::name_key(n))
            .collect();
        let source_key = article.source.as_deref().map(organisations::name_key);
        let mut moved = false;
        for mention in &mut tags.organisations {
            let split = self.splits.iter().find(|s| {
                mention
                    .mentions
                    .iter()
                    .any(|m| s.alias_keys.contains(&organisations::name_key(m)))
                    && (s.place_keys.iter().any(|k| place_keys.contains(k))
                        || source_key
                            .as_ref()
                            .is_some_and(|k| s.source_keys.contains(k)))
            });
            if let Some(id) = split.and_then(|s| tagger.org_of(&s.name)) {
                mention.id = id;
                moved = true;
            }
        }
        if moved {
            let mut seen: Vec<OrganisationMention> = Vec::new();
            for m in std::mem::take(&mut tags.organisations) {
                match seen.iter_mut().find(|k| k.id == m.id) {
                    Some(kept) => {
                        for form in m.mentions {
                            if !kept.mentions.contains(&form) {
                                kept.mentions.push(form);
                            }
                        }
                        kept.confidence = kept.confidence.max(m.confidence);
                        kept.credit &= m.credit;
                    }
                    None => seen.push(m),
                }
            }
            tags.organisations = seen;
        }
    }
}

/// What the decision model makes of one candidate organisation in one article.
pub struct Scored {
    /// The features it was given ([`decide::features`]).
    pub features: Vec<String>,
    /// Its confidence, 0–1.
    pub confidence: f64,
    /// Every mention credits it as a source ([`decide::only_credited`]).
    pub credit: bool,
}

impl Reader {
    /// Builds the gazetteer (the built-in one with the site's additions).
    pub fn new(config: &SiteConfig) -> Reader {
        let model = decide::Model::embedded();
        Reader {
            place_finder: places::PlaceFinder::new(&places::gazetteer(&config.place_table())),
            model,
            threshold: decide::threshold(&config.extract),
            corrections: SiteCorrections::new(config),
        }
    }

    /// For each `[extract] exclude_people` / `exclude_places` entry, named `exclude_people: X`:
    /// the names it removed in the articles read so far.
    pub fn exclusions(&self, config: &SiteConfig) -> BTreeMap<String, BTreeSet<String>> {
        let hits = self
            .corrections
            .hits
            .lock()
            .map(|h| h.clone())
            .unwrap_or_default();
        let mut out = BTreeMap::new();
        for (kind, list) in [
            ("people", &config.extract.exclude_people),
            ("places", &config.extract.exclude_places),
        ] {
            for entry in list {
                let removed = hits.get(&format!("{kind}:{entry}")).cloned();
                out.insert(
                    format!("exclude_{kind}: {entry}"),
                    removed.unwrap_or_default(),
                );
            }
        }
        out
    }

    /// The features and confidence of each organisation `tagger` found in `article` (`found`).
    /// `spans` are the mention spans `tagger` found in the article.
    pub fn scored(
        &self,
        article: &Article,
        found: &[OrganisationMention],
        tagger: &organisations::Tagger,
        spans: &[(usize, usize)],
    ) -> Vec<Scored> {
        let is_place = |w: &str| self.place_finder.is_place(w);
        let text = &article.text;
        let layout = decide::Layout::of(text);
        let mut owner: HashMap<&str, usize> = Default::default();
        for (i, m) in found.iter().enumerate() {
            for mention in &m.mentions {
                owner.entry(mention.as_str()).or_insert(i);
            }
        }
        let mut at = vec![Vec::new(); found.len()];
        for &(a, b) in spans {
            if let Some(&i) = owner.get(&text[a..b]) {
                at[i].push((a, b));
            }
        }
        found
            .iter()
            .zip(at.iter_mut())
            .map(|(m, found): (_, &mut Vec<(usize, usize)>)| {
                found.sort_unstable();
                let sources = tagger.sources.get(m.id).copied().unwrap_or(0);
                let name = tagger.names.get(m.id).map_or("", String::as_str);
                let features =
                    decide::features(text, layout, name, &m.mentions, found, sources, &is_place);
                let confidence = if decide::always_kept(sources) {
                    1.0
                } else {
                    self.model.confidence(&features)
                };
                Scored {
                    credit: decide::only_credited(text, found),
                    features,
                    confidence,
                }
            })
            .collect()
    }

    /// Keeps the organisations at or above the threshold; the others move to
    /// `rejected_organisations`, and their mentions' spans are freed for places and people.
    fn decide(
        &self,
        article: &Article,
        tags: &mut Tags,
        tagger: &organisations::Tagger,
        spans: &mut Vec<(usize, usize)>,
    ) {
        let scores = self.scored(article, &tags.organisations, tagger, spans);
        let mut kept = Vec::with_capacity(tags.organisations.len());
        let mut rejected = Vec::new();
        for (
            mut mention,
            Scored {
                confidence, credit, ..
            },
        ) in std::mem::take(&mut tags.organisations)
            .into_iter()
            .zip(scores)
        {
            mention.confidence = (confidence * 1000.0).round() as u16;
            mention.credit = credit;
            mention.evidence = tagger.sources.get(mention.id).copied().unwrap_or(0);
            if confidence >= self.threshold {
                kept.push(mention);
            } else {
                rejected.push(mention);
            }
        }
        if !rejected.is_empty() {
            let kept_forms: HashSet<String> = kept
                .iter()
                .flat_map(|m: &OrganisationMention| &m.mentions)
                .map(|m| m.to_lowercase())
                .collect();
            let text = &article.text;
            spans.retain(|&(a, b)| kept_forms.contains(&text[a..b].to_lowercase()));
        }
        tags.organisations = kept;
        tags.rejected_organisations = rejected;
    }

    /// Tokenises `article` once and reads its names, place names and possible people. O(text).
    pub fn read(&self, article: &Article) -> Reading {
        let is_place = |word: &str| self.place_finder.is_place(word);
        let is_org_word = |w: &str| vocabulary::is_head(w);
        let text = &article.text;
        let toks = text::tokens(text);
        let body = text::body_tokens(text, &toks);
        // The words the article writes in lower case: a capitalised one among them is a common
        // word capitalised by its place (asked by all three readers).
        let lower_case = text::lower_case_words(&toks);
        Reading {
            names: organisations::read_names(text, body, &lower_case, &is_place),
            headed_places: places::headed_places(body)
                .into_iter()
                .chain(places::addressed_places(body, &lower_case))
                .chain(places::of_places(body))
                .collect(),
            // A smaller city's name is also a person's ("Wang Jinhua").
            candidates: people::people_candidates(
                text,
                &toks,
                &lower_case,
                &|word: &str| is_place(word) && !places::is_minor_place(word),
                &is_org_word,
            )
            .into_iter()
            .filter(|c| !c.is_a_place_alone(&is_place))
            .collect(),
        }
    }

    /// The sequence labeller's evidence for a text: the gazetteer's places and the mentions of
    /// the names the rules propose in it (see [`labeller`]).
    pub fn evidence(
        &self,
        text: &str,
        toks: &[text::Token],
        names: &organisations::Names,
    ) -> Vec<labeller::Evidence> {
        let places = self.place_finder.find(text, &[]);
        let mut proposed: Vec<&str> = names.proposed().filter(|n| !n.is_empty()).collect();
        proposed.sort_unstable();
        proposed.dedup();
        let mut orgs = Vec::new();
        if let Ok(matcher) = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&proposed)
        {
            for m in matcher.find_iter(text) {
                if text::whole_word(text, m.start(), m.end()) {
                    orgs.push((m.start(), m.end(), 2));
                }
            }
        }
        labeller::evidence(toks, &places, &orgs)
    }

    /// What `article` is about: the organisations `tagger` finds, then its places, partners and
    /// people outside those organisations' mentions.
    pub fn tag(&self, article: &Article, reading: Reading, tagger: &organisations::Tagger) -> Tags {
        let (organisations, mut spans) = tagger.tag(article, &reading.names);
        let mut tags = Tags {
            organisations,
            ..Tags::default()
        };
        self.decide(article, &mut tags, tagger, &mut spans);
        let (mut places, mut partners) = places::find_places(
            &article.text,
            &reading.headed_places,
            &self.place_finder,
            &spans,
        );
        if let Some(dateline) = &article.dateline {
            let filed = places::dateline_places(dateline, &self.place_finder, &places);
            places.extend(filed);
        }
        let is_found_place = |name: &str| places.iter().any(|p| p.name == name);
        let mut people =
            people::choose_people(&article.text, reading.candidates, &spans, &is_found_place);
        // The byline's author is a person of the article too (people relate no articles).
        for author in article.author.as_deref().map_or(Vec::new(), |a| {
            people::byline_people(a, &|w| self.place_finder.is_place(w))
        }) {
            if !people.iter().any(|p| p.name == author.name) {
                people.push(author);
            }
        }
        let people = self.corrections.people(people);
        places::without_peoples_names(&article.text, &mut places, &mut partners, &people);
        let (places, partners) = self.corrections.places(places, partners);
        let fixes = &article.corrections;
        tags.places = fixes.places.apply(
            places,
            |p| &p.name,
            |name| crate::model::NamedMention {
                name: name.to_string(),
                mentions: Vec::new(),
            },
        );
        tags.people = fixes.people.apply(
            people,
            |p| &p.name,
            |name| crate::model::Person {
                name: name.to_string(),
                role: None,
                mentions: Vec::new(),
            },
        );
        tags.partners = match &fixes.partners {
            Some(pair) => match pair.as_slice() {
                [a, b] => {
                    let (a, b) = (a.clone(), b.clone());
                    Some(if a <= b { (a, b) } else { (b, a) })
                }
                _ => None,
            },
            None => partners,
        };
        self.corrections
            .split_organisations(article, &mut tags, tagger);
        tags
    }
}

/// Reads every article: the archive's organisation table, and each article's organisations,
/// places, partners and people.
///
/// Each article is tokenised once: its names, place names and possible people are read then;
/// the organisation table needs every article's names, so the people and places are chosen
/// after it, outside the organisations' mentions.
pub fn extract(articles: &[Article], config: &SiteConfig) -> (Vec<Organisation>, Vec<Tags>) {
    let (table, _, tags) = extract_with(articles, config, &Reader::new(config));
    (table, tags)
}

/// Each article's labeller evidence, as [`Reader::read`] gives it (for the training tool).
pub fn labeller_evidence(
    articles: &[Article],
    config: &SiteConfig,
) -> Vec<Vec<labeller::Evidence>> {
    let reader = Reader::new(config);
    articles
        .iter()
        .map(|article| {
            let text = &article.text;
            let toks = text::tokens(text);
            let body = text::body_tokens(text, &toks);
            let is_place = |word: &str| reader.place_finder.is_place(word);
            let lower_case = text::lower_case_words(&toks);
            let names = organisations::read_names(text, body, &lower_case, &is_place);
            reader.evidence(text, &toks, &names)
        })
        .collect()
}

/// One candidate organisation of an article, before the decision: for the training tool.
#[derive(Debug, Clone)]
pub struct CandidateView {
    pub name: String,
    pub mentions: Vec<String>,
    pub features: Vec<String>,
    pub confidence: f64,
}

/// Reads `articles` as [`extract`] does but keeps every candidate organisation, and returns
/// each article's candidates with their features and the embedded model's confidence.
pub fn candidates(articles: &[Article], config: &SiteConfig) -> Vec<Vec<CandidateView>> {
    let mut reader = Reader::new(config);
    reader.threshold = 0.0;
    let (table, tagger, _) = extract_with(articles, config, &reader);
    articles
        .iter()
        .map(|article| {
            // Tagged again, as a build tags it, for the same mention spans a build scores.
            let (found, spans) = tagger.tag(article, &reader.read(article).names);
            let scored = reader.scored(article, &found, &tagger, &spans);
            found
                .iter()
                .zip(scored)
                .map(
                    |(
                        m,
                        Scored {
                            features,
                            confidence,
                            ..
                        },
                    )| CandidateView {
                        name: table[m.id].name.clone(),
                        mentions: m.mentions.clone(),
                        features,
                        confidence,
                    },
                )
                .collect()
        })
        .collect()
}

fn extract_with(
    articles: &[Article],
    config: &SiteConfig,
    reader: &Reader,
) -> (Vec<Organisation>, organisations::Tagger, Vec<Tags>) {
    let readings: Vec<Reading> = articles.par_iter().map(|a| reader.read(a)).collect();
    let sources: Vec<(&[String], &organisations::Names)> = articles
        .iter()
        .zip(&readings)
        .map(|(a, r)| (a.declared_organisations.as_slice(), &r.names))
        .collect();
    let (table, tagger) = organisations::organisation_table(
        &sources,
        &config.organisation_aliases(),
        &config.extract,
    );
    drop(sources);
    let tags = articles
        .par_iter()
        .zip(readings)
        .map(|(article, reading)| reader.tag(article, reading, &tagger))
        .collect();
    (table, tagger, tags)
}

/// Warnings for the site's corrections that no longer match anything: an `[extract] exclude`
/// entry that removes no name, and a `[organisations]` name or alias that no article writes.
pub fn stale_corrections<'a>(
    config: &SiteConfig,
    tagger: &organisations::Tagger,
    reader: &Reader,
    tags: impl Iterator<Item = &'a Tags>,
) -> Vec<crate::error::Problem> {
    use crate::error::Problem;
    // Each spelling once, then its key: an archive writes the same names again and again. A
    // site without tables has nothing to look up (and `serve` runs this on every edit).
    let mut spellings: HashSet<&str> = HashSet::default();
    let mut people_spellings: HashSet<&str> = HashSet::default();
    let mut used = HashSet::default();
    let tables = !config.organisations.is_empty() || !config.people.is_empty();
    for tags in tags.take_while(|_| tables) {
        for m in &tags.organisations {
            used.insert(m.id);
            spellings.extend(m.mentions.iter().map(String::as_str));
        }
        for p in &tags.people {
            people_spellings.extend(
                std::iter::once(&p.name)
                    .chain(&p.mentions)
                    .map(String::as_str),
            );
        }
    }
    let keys = |spellings: HashSet<&str>| -> HashSet<String> {
        spellings.into_iter().map(organisations::name_key).collect()
    };
    let (written, people_written) = (keys(spellings), keys(people_spellings));

    let mut problems: Vec<Problem> = tagger
        .excluded
        .iter()
        .filter(|(_, hits)| hits.is_empty())
        .map(|(entry, _)| {
            site_warning(
                format!("[extract] exclude {entry:?} removes nothing in this archive"),
                "remove it, or check its spelling (`*` stands for any words)",
            )
        })
        .collect();
    for (name, entry) in &config.organisations {
        if entry.when().is_some() {
            if !tagger.org_of(name).is_some_and(|id| used.contains(&id)) {
                problems.push(
                    site_warning(format!("[organisations.{name:?}] tags no article: none that writes its aliases meets its `when`"), "check the places or sources in `when` against the articles' (concord check --json lists them)"),
                );
            }
            continue;
        }
        for form in std::iter::once(name).chain(entry.aliases()) {
            if !written.contains(&organisations::name_key(form)) {
                problems.push(site_warning(
                    format!("[organisations] {form:?} (of {name:?}) is written in no article"),
                    "a name no article uses any more can go from the table",
                ));
            }
        }
    }
    for (name, aliases) in &config.people {
        for form in std::iter::once(name).chain(aliases) {
            if !people_written.contains(&organisations::name_key(form)) {
                problems.push(site_warning(
                    format!("[people] {form:?} (of {name:?}) is no person in any article"),
                    "a name no article uses any more can go from the table",
                ));
            }
        }
    }
    for (entry, removed) in reader.exclusions(config) {
        if removed.is_empty() {
            problems.push(site_warning(
                format!("[extract] {entry} removes nothing in this archive"),
                "remove it, or check its spelling (`*` stands for any words)",
            ));
        }
    }
    problems
}

/// A warning about `site.toml` as a whole (no line: the entry may come from any table form).
fn site_warning(message: String, hint: &str) -> crate::error::Problem {
    crate::error::Problem::warning("site.toml", None, message).with_hint(hint)
}

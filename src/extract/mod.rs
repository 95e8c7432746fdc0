//! Extract stage: reads the articles' text and tags each with what it is about.
//!
//! Organisations are found archive-wide: names and acronyms learnt in one article tag every
//! other article that mentions them, so one organisation gets one page however it is written.
//! Places come from a gazetteer, people from capitalised names in the contexts news gives them.

pub mod cues;
pub mod decide;
pub mod organisations;
pub mod people;
pub mod places;
pub mod text;

use crate::config::SiteConfig;
use crate::model::{Article, Organisation};
use rayon::prelude::*;

/// Merges each item into the one it refers to: `into[i] = Some(j)` sends item `i` to `j`,
/// following chains (`a → b → c`) to an item that stays, and `absorb(kept, merged)` folds it in,
/// in order. A chain that never ends (a cycle) leaves its items where they are.
/// Used for back-references: organisations within an article, and people's short names.
pub(crate) fn merge_into<T>(
    items: &mut Vec<T>,
    into: &[Option<usize>],
    mut absorb: impl FnMut(&mut T, T),
) {
    let root = |start: usize| {
        let mut i = start;
        for _ in 0..=items.len() {
            match into[i] {
                Some(j) => i = j,
                None => return i,
            }
        }
        start
    };
    let targets: Vec<usize> = (0..items.len()).map(root).collect();
    let mut moved: Vec<Vec<T>> = (0..items.len()).map(|_| Vec::new()).collect();
    let mut kept: Vec<(usize, T)> = Vec::with_capacity(items.len());
    for (i, item) in std::mem::take(items).into_iter().enumerate() {
        if targets[i] == i {
            kept.push((i, item));
        } else {
            moved[targets[i]].push(item);
        }
    }
    for (i, mut item) in kept {
        for merged in std::mem::take(&mut moved[i]) {
            absorb(&mut item, merged);
        }
        items.push(item);
    }
}

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
}

impl Reader {
    /// Builds the gazetteer (the built-in one with the site's additions).
    pub fn new(config: &SiteConfig) -> Reader {
        let model = decide::Model::embedded();
        Reader {
            place_finder: places::PlaceFinder::new(&places::gazetteer(&config.extract.places)),
            model,
            threshold: config.extract.min_confidence.unwrap_or(model.threshold),
        }
    }

    /// The features and confidence of each organisation `tagger` found in `article`.
    /// `spans` are the mention spans `tagger` found in the article.
    pub fn scored(
        &self,
        article: &Article,
        tagger: &organisations::Tagger,
        spans: &[(usize, usize)],
    ) -> Vec<(Vec<String>, f64)> {
        let is_place = |w: &str| self.place_finder.is_place(w);
        let text = &article.text;
        let mut owner: std::collections::HashMap<&str, usize> = Default::default();
        for (i, m) in article.organisations.iter().enumerate() {
            for mention in &m.mentions {
                owner.entry(mention.as_str()).or_insert(i);
            }
        }
        let mut found = vec![Vec::new(); article.organisations.len()];
        for &(a, b) in spans {
            if let Some(&i) = owner.get(&text[a..b]) {
                found[i].push((a, b));
            }
        }
        article
            .organisations
            .iter()
            .zip(found.iter_mut())
            .map(|(m, found): (_, &mut Vec<(usize, usize)>)| {
                found.sort_unstable();
                let sources = tagger.sources.get(m.id).copied().unwrap_or(0);
                let name = tagger.names.get(m.id).map_or("", String::as_str);
                let features = decide::features(text, name, &m.mentions, found, sources, &is_place);
                let confidence = if decide::always_kept(sources) {
                    1.0
                } else {
                    self.model.confidence(&features)
                };
                (features, confidence)
            })
            .collect()
    }

    /// Keeps the organisations at or above the threshold; the others move to
    /// `rejected_organisations`, and their mentions' spans are freed for places and people.
    fn decide(
        &self,
        article: &mut Article,
        tagger: &organisations::Tagger,
        spans: &mut Vec<(usize, usize)>,
    ) {
        let scores = self.scored(article, tagger, spans);
        let mut kept = Vec::with_capacity(article.organisations.len());
        let mut rejected = Vec::new();
        for (mut mention, (_, confidence)) in std::mem::take(&mut article.organisations)
            .into_iter()
            .zip(scores)
        {
            mention.confidence = (confidence * 1000.0).round() as u16;
            if confidence >= self.threshold {
                kept.push(mention);
            } else {
                rejected.push(mention);
            }
        }
        if !rejected.is_empty() {
            let kept_forms: std::collections::HashSet<String> = kept
                .iter()
                .flat_map(|m: &crate::model::OrganisationMention| &m.mentions)
                .map(|m| m.to_lowercase())
                .collect();
            let text = &article.text;
            spans.retain(|&(a, b)| kept_forms.contains(&text[a..b].to_lowercase()));
        }
        article.organisations = kept;
        article.rejected_organisations = rejected;
    }

    /// Tokenises `article` once and reads its names, place names and possible people. O(text).
    pub fn read(&self, article: &Article) -> Reading {
        let is_place = |word: &str| self.place_finder.is_place(word);
        let is_org_word = |w: &str| organisations::is_head(w);
        let text = &article.text;
        let toks = text::tokens(text);
        let body = text::body_tokens(text, &toks);
        Reading {
            names: organisations::read_names(text, body, &is_place),
            headed_places: places::headed_places(body),
            candidates: people::people_candidates(text, &toks, &is_place, &is_org_word),
        }
    }

    /// Tags `article` with the organisations `tagger` finds, then with its places, partners and
    /// people outside those organisations' mentions.
    pub fn tag(&self, article: &mut Article, reading: Reading, tagger: &organisations::Tagger) {
        let mut spans = tagger.tag(article);
        self.decide(article, tagger, &mut spans);
        let (places, partners) = places::find_places(
            &article.text,
            &reading.headed_places,
            &self.place_finder,
            &spans,
        );
        let people = people::choose_people(reading.candidates, &spans);
        let fixes = &article.corrections;
        article.places = fixes.places.apply(
            places,
            |p| &p.name,
            |name| crate::model::NamedMention {
                name: name.to_string(),
                mentions: Vec::new(),
            },
        );
        article.people = fixes.people.apply(
            people,
            |p| &p.name,
            |name| crate::model::Person {
                name: name.to_string(),
                role: None,
                mentions: Vec::new(),
            },
        );
        article.partners = match &fixes.partners {
            Some(pair) => match pair.as_slice() {
                [a, b] => {
                    let (a, b) = (a.clone(), b.clone());
                    Some(if a <= b { (a, b) } else { (b, a) })
                }
                _ => None,
            },
            None => partners,
        };
    }
}

/// Tags every article with its organisations, places, partners and people. Returns the archive's
/// organisation table.
///
/// Each article is tokenised once: its names, place names and possible people are read then;
/// the organisation table needs every article's names, so the people and places are chosen
/// after it, outside the organisations' mentions.
pub fn extract(articles: &mut [Article], config: &SiteConfig) -> Vec<Organisation> {
    extract_with(articles, config, &Reader::new(config)).0
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
pub fn candidates(articles: &mut [Article], config: &SiteConfig) -> Vec<Vec<CandidateView>> {
    let mut reader = Reader::new(config);
    reader.threshold = 0.0;
    let (table, tagger) = extract_with(articles, config, &reader);
    articles
        .iter()
        .map(|article| {
            // Tagged again, as a build tags it, for the same mention spans a build scores.
            let mut article = article.clone();
            let spans = tagger.tag(&mut article);
            let scored = reader.scored(&article, &tagger, &spans);
            article
                .organisations
                .iter()
                .zip(scored)
                .map(|(m, (features, confidence))| CandidateView {
                    name: table[m.id].name.clone(),
                    mentions: m.mentions.clone(),
                    features,
                    confidence,
                })
                .collect()
        })
        .collect()
}

fn extract_with(
    articles: &mut [Article],
    config: &SiteConfig,
    reader: &Reader,
) -> (Vec<Organisation>, organisations::Tagger) {
    let readings: Vec<Reading> = articles.par_iter().map(|a| reader.read(a)).collect();
    let sources: Vec<(&[String], &organisations::Names)> = articles
        .iter()
        .zip(&readings)
        .map(|(a, r)| (a.declared_organisations.as_slice(), &r.names))
        .collect();
    let (table, tagger) =
        organisations::organisation_table(&sources, &config.organisations, &config.extract);
    drop(sources);
    articles
        .par_iter_mut()
        .zip(readings)
        .for_each(|(article, reading)| reader.tag(article, reading, &tagger));
    (table, tagger)
}

/// Warnings for the site's corrections that no longer match anything: an `[extract] exclude`
/// entry that removes no name, and a `[organisations]` name or alias that no article writes.
pub fn stale_corrections<'a>(
    config: &SiteConfig,
    tagger: &organisations::Tagger,
    articles: impl Iterator<Item = &'a Article>,
) -> Vec<crate::error::Problem> {
    use crate::error::Problem;
    let mut written = std::collections::HashSet::new();
    for article in articles {
        for m in &article.organisations {
            written.extend(m.mentions.iter().map(|n| organisations::name_key(n)));
        }
    }
    let mut problems: Vec<Problem> = tagger
        .excluded
        .iter()
        .filter(|(_, hits)| hits.is_empty())
        .map(|(entry, _)| {
            Problem::warning(
                "site.toml",
                None,
                format!("[extract] exclude {entry:?} removes nothing in this archive"),
            )
            .with_hint("remove it, or check its spelling (`*` stands for any words)")
        })
        .collect();
    for (name, aliases) in &config.organisations {
        for form in std::iter::once(name).chain(aliases) {
            if !written.contains(&organisations::name_key(form)) {
                problems.push(
                    Problem::warning(
                        "site.toml",
                        None,
                        format!("[organisations] {form:?} (of {name:?}) is written in no article"),
                    )
                    .with_hint("a name no article uses any more can go from the table"),
                );
            }
        }
    }
    problems
}

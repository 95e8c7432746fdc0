//! Extract stage: reads the articles' text and tags each with what it is about.
//!
//! Organisations are found archive-wide: names and acronyms learnt in one article tag every
//! other article that mentions them, so one organisation gets one page however it is written.
//! Places come from a gazetteer, people from capitalised names in the contexts news gives them.

pub mod cues;
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
/// noun) and its possible people.
type Reading = (
    organisations::Names,
    Vec<(usize, usize)>,
    Vec<people::Candidate>,
);

/// Tags every article with its organisations, places, partners and people. Returns the archive's
/// organisation table.
///
/// Each article is tokenised once: its names, place names and possible people are read then;
/// the organisation table needs every article's names, so the people and places are chosen
/// after it, outside the organisations' mentions.
pub fn extract(articles: &mut [Article], config: &SiteConfig) -> Vec<Organisation> {
    let gazetteer = places::gazetteer(&config.extract.places);
    let place_finder = places::PlaceFinder::new(&gazetteer);
    let is_place = |word: &str| place_finder.is_place(word);
    let is_org_word = |w: &str| organisations::is_head(w);
    let readings: Vec<Reading> = articles
        .par_iter()
        .map(|article| {
            let text = &article.text;
            let toks = text::tokens(text);
            let body = text::body_tokens(text, &toks);
            (
                organisations::read_names(text, body, &is_place),
                places::headed_places(body),
                people::people_candidates(text, &toks, &is_place, &is_org_word),
            )
        })
        .collect();
    let (names, rest): (Vec<_>, Vec<_>) = readings.into_iter().map(|(n, h, p)| (n, (h, p))).unzip();
    let (table, org_spans) =
        organisations::tag_found(articles, names, &config.organisations, &config.extract);
    articles.par_iter_mut().zip(rest).zip(&org_spans).for_each(
        |((article, (headed_places, candidates)), spans)| {
            let (places, partners) =
                places::find_places(&article.text, &headed_places, &place_finder, spans);
            article.places = places;
            article.partners = partners;
            article.people = people::choose_people(candidates, spans);
        },
    );
    table
}

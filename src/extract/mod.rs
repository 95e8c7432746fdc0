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

/// Tags every article with its organisations, places, partners and people. Returns the archive's
/// organisation table.
pub fn extract(articles: &mut [Article], config: &SiteConfig) -> Vec<Organisation> {
    let gazetteer = places::gazetteer(&config.extract.places);
    let place_finder = places::PlaceFinder::new(&gazetteer);
    let is_place = |word: &str| place_finder.is_place(word);
    let (table, org_spans) =
        organisations::tag_archive(articles, &config.organisations, &config.extract, &is_place);
    let is_org_word = |w: &str| organisations::is_head(w);
    // One tokenisation of each article serves places and people.
    articles
        .par_iter_mut()
        .zip(&org_spans)
        .for_each(|(article, spans)| {
            let toks = text::tokens(&article.text);
            let (places, partners) =
                places::find_places(&article.text, &toks, &place_finder, spans);
            let people = people::find_people(&article.text, &toks, spans, &is_place, &is_org_word);
            drop(toks);
            article.places = places;
            article.partners = partners;
            article.people = people;
        });
    table
}

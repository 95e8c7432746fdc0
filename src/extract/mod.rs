//! Extract stage: reads the articles' text and tags each with what it is about.
//!
//! Organisations are found archive-wide: names and acronyms learnt in one article tag every
//! other article that mentions them, so one organisation gets one page however it is written.
//! Places come from a gazetteer, people from capitalised names in the contexts news gives them.

pub mod organisations;
pub mod people;
pub mod places;
pub mod text;

use crate::config::SiteConfig;
use crate::model::{Article, Organisation};
use rayon::prelude::*;

/// Tags every article with its organisations, places, partners and people. Returns the archive's
/// organisation table.
pub fn extract(articles: &mut [Article], config: &SiteConfig) -> Vec<Organisation> {
    let gazetteer = places::gazetteer(&config.extract.places);
    let place_finder = places::PlaceFinder::new(&gazetteer);
    let is_place = |word: &str| place_finder.is_place(word);
    let (table, org_spans) =
        organisations::tag_archive(articles, &config.organisations, &config.extract, &is_place);
    places::tag_places(articles, &place_finder, &org_spans);
    let is_org_word = |w: &str| organisations::is_head(w);
    articles
        .par_iter_mut()
        .zip(&org_spans)
        .for_each(|(article, spans)| {
            article.people = people::find_people(&article.text, spans, &is_place, &is_org_word);
        });
    table
}

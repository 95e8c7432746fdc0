//! Index stage: the archive in reading order, and the lists each listing page needs.

use crate::error::Problem;
use crate::model::{Article, Organisation};
use std::collections::BTreeMap;

/// Every published article, newest first, with the organisation table and its index.
#[derive(Debug, Default)]
pub struct Archive {
    /// Newest first; ties broken by path, so the order never depends on the file system.
    pub articles: Vec<Article>,
    pub organisations: Vec<Organisation>,
    /// For each organisation (by table index), its articles (indexes into `articles`), newest first.
    pub by_organisation: Vec<Vec<usize>>,
}

impl Archive {
    /// Sorts the articles and indexes them by organisation: O(n log n + mentions).
    pub fn new(mut articles: Vec<Article>, organisations: Vec<Organisation>) -> Archive {
        articles.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path)));
        let mut by_organisation = vec![Vec::new(); organisations.len()];
        for (i, article) in articles.iter().enumerate() {
            for mention in &article.organisations {
                by_organisation[mention.id].push(i);
            }
        }
        Archive {
            articles,
            organisations,
            by_organisation,
        }
    }
}

/// An error for each article whose slug another article already uses, naming both files.
pub fn slug_clashes(articles: &[Article]) -> Vec<Problem> {
    let mut first_by_slug: BTreeMap<&str, &str> = BTreeMap::new();
    let mut problems = Vec::new();
    for article in articles {
        let first = *first_by_slug.entry(&article.slug).or_insert(&article.path);
        if first != article.path {
            problems.push(
                Problem::error(
                    &article.path,
                    None,
                    format!("slug {:?} is already used by {first}", article.slug),
                )
                .with_hint("rename one of the files, or set slug = \"…\" in a +++ front matter"),
            );
        }
    }
    problems
}

//! Collate stage, between parse and read: what can only be decided across articles. The same
//! story scraped twice is published once; a near-copy is reported; and every article gets a URL
//! of its own. URLs, not slugs, are unique: the same headline in two months publishes at two
//! URLs and nothing clashes. Two articles of one month with one slug are resolved by date, then
//! path: the earlier keeps the slug, the next gets `-2`, `-3` … (a slug set in front matter is
//! someone's choice, so its clash stays an error). Every decision is a warning and a line of
//! [`Collation`], which `check --json` prints.

use crate::error::Problem;
use crate::model::Article;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Near-duplicates share at least this much of their text (Jaccard similarity of word shingles).
const NEAR_DUPLICATE: f64 = 0.9;

/// Words in a shingle.
const SHINGLE: usize = 4;

/// What collating changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Collation {
    /// Articles published at another URL than their slug gives, because it was taken.
    pub renamed: Vec<Renamed>,
    /// Copies of a story left out, because another file holds the same story.
    pub duplicates: Vec<Duplicate>,
    /// Pairs with the same date and headline and nearly the same text: reported, both published.
    pub near_duplicates: Vec<NearDuplicate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Renamed {
    pub path: String,
    /// The URL it would have had, relative to the site (`2014/08/x/`).
    pub wanted: String,
    /// The URL it is published at.
    pub url: String,
    /// The file that holds the wanted URL.
    pub taken_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duplicate {
    pub path: String,
    /// The file published in its place.
    pub duplicate_of: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearDuplicate {
    pub path: String,
    pub similar_to: String,
    /// How much of the two texts is shared, 0.9 to 1.
    pub similarity: f64,
}

/// Collates the published articles: renames (in place) the ones whose URL another holds, and
/// returns the decisions, their warnings (errors for clashing front-matter slugs), and the
/// paths of the articles to leave out (duplicates and clashing front-matter slugs).
pub fn collate(mut articles: Vec<&mut Arc<Article>>) -> (Collation, Vec<Problem>, HashSet<String>) {
    // A slug renamed by an earlier build (kept in serve's cache) starts again from its own.
    for article in articles.iter_mut() {
        if article.renamed_from.is_some() {
            let article = Arc::make_mut(article);
            if let Some(own) = article.renamed_from.take() {
                article.slug = own;
            }
        }
    }
    // Paths are unique, so no two articles compare equal.
    articles.sort_unstable_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
    let mut collation = Collation::default();
    let mut problems = Vec::new();
    let mut left_out = HashSet::new();
    find_duplicates(&articles, &mut collation, &mut problems, &mut left_out);
    articles.retain(|a| !left_out.contains(&a.path));
    unique_urls(articles, &mut collation, &mut problems, &mut left_out);
    (collation, problems, left_out)
}

/// Finds the stories scraped twice (same date, headline and text: the later paths are left
/// out) and the near-copies (same date and headline, text at least 90 % the same: reported).
fn find_duplicates(
    articles: &[&mut Arc<Article>],
    collation: &mut Collation,
    problems: &mut Vec<Problem>,
    left_out: &mut HashSet<String>,
) {
    // `articles` are in (date, path) order, and a story scraped twice has one date: only the
    // articles of one day are grouped by headline.
    for day in articles
        .chunk_by(|a, b| a.date == b.date)
        .filter(|d| d.len() > 1)
    {
        let mut by_headline: Vec<(String, &Article)> = day
            .iter()
            .map(|a| (a.title.to_lowercase(), &***a))
            .collect();
        by_headline.sort_by(|a, b| a.0.cmp(&b.0));
        for group in by_headline
            .chunk_by(|a, b| a.0 == b.0)
            .filter(|g| g.len() > 1)
        {
            same_headline(group, collation, problems, left_out);
        }
    }
}

/// Of one day's articles with one headline (in path order), leaves out the later copies of one
/// text and reports the near-copies.
fn same_headline(
    group: &[(String, &Article)],
    collation: &mut Collation,
    problems: &mut Vec<Problem>,
    left_out: &mut HashSet<String>,
) {
    let mut kept: Vec<&Article> = Vec::new();
    for &(_, article) in group {
        match kept.iter().find(|k| k.text == article.text) {
            Some(first) => {
                left_out.insert(article.path.clone());
                problems.push(
                    Problem::warning(
                        &article.path,
                        None,
                        format!(
                            "the same story as {} (same date, headline and text); published once, from that file",
                            first.path
                        ),
                    )
                    .with_hint("delete this copy, or change it if it is a different story")
                    .with_kind("duplicate"),
                );
                collation.duplicates.push(Duplicate {
                    path: article.path.clone(),
                    duplicate_of: first.path.clone(),
                });
            }
            None => kept.push(article),
        }
    }
    near_duplicates(&kept, collation, problems);
}

/// Reports each pair of `group` (same date and headline, different text) whose texts are at
/// least [`NEAR_DUPLICATE`] the same.
fn near_duplicates(group: &[&Article], collation: &mut Collation, problems: &mut Vec<Problem>) {
    let shingles: Vec<HashSet<Vec<&str>>> = group.iter().map(|a| shingles(&a.text)).collect();
    for (j, later) in group.iter().enumerate() {
        let similar = (0..j)
            .map(|i| (i, jaccard(&shingles[i], &shingles[j])))
            .filter(|&(_, s)| s >= NEAR_DUPLICATE)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, similarity)) = similar {
            let similarity = (similarity * 1000.0).round() / 1000.0;
            problems.push(
                Problem::warning(
                    &later.path,
                    None,
                    format!(
                        "nearly the same story as {} ({:.0} % of the text is shared); both are published",
                        group[i].path,
                        similarity * 100.0
                    ),
                )
                .with_hint("if it is the same story, delete one copy")
                .with_kind("near-duplicate"),
            );
            collation.near_duplicates.push(NearDuplicate {
                path: later.path.clone(),
                similar_to: group[i].path.clone(),
                similarity,
            });
        }
    }
}

/// The word shingles of a text, lower-cased.
fn shingles(text: &str) -> HashSet<Vec<&str>> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < SHINGLE {
        return std::iter::once(words).collect();
    }
    words.windows(SHINGLE).map(<[&str]>::to_vec).collect()
}

fn jaccard(a: &HashSet<Vec<&str>>, b: &HashSet<Vec<&str>>) -> f64 {
    let shared = a.intersection(b).count();
    let all = a.len() + b.len() - shared;
    if all == 0 {
        1.0
    } else {
        shared as f64 / all as f64
    }
}

/// Gives every article a URL of its own. Front-matter slugs claim their URL first, then the
/// rest in (date, path) order; an article whose URL is taken gets the first free `slug-N`.
fn unique_urls(
    mut articles: Vec<&mut Arc<Article>>,
    collation: &mut Collation,
    problems: &mut Vec<Problem>,
    left_out: &mut HashSet<String>,
) {
    articles.sort_by_key(|a| !a.explicit_slug);
    // Each URL and the article (its index in `articles`) that holds it.
    let mut taken: HashMap<String, usize> = HashMap::with_capacity(articles.len());
    let mut losers = Vec::new();
    for (i, article) in articles.iter().enumerate() {
        let url = article.relative_url();
        match taken.get(&url) {
            None => {
                taken.insert(url, i);
            }
            Some(&holder) if article.explicit_slug => {
                let holder = &articles[holder].path;
                problems.push(
                    Problem::error(
                        &article.path,
                        None,
                        format!(
                            "the slug {:?} set in front matter gives the URL {url}, which {holder} already has",
                            article.slug
                        ),
                    )
                    .with_hint("choose another slug = \"…\" for one of them"),
                );
                left_out.insert(article.path.clone());
            }
            Some(_) => losers.push(i),
        }
    }
    for i in losers {
        let wanted = articles[i].relative_url();
        let holder = taken
            .get(&wanted)
            .map(|&h| articles[h].path.clone())
            .unwrap_or_default();
        let article = &mut articles[i];
        let own = article.slug.clone();
        let (slug, url) = (2..)
            .map(|n| {
                let slug = format!("{own}-{n}");
                let url = format!("{}{slug}/", &wanted[..wanted.len() - own.len() - 1]);
                (slug, url)
            })
            .find(|(_, url)| !taken.contains_key(url))
            .unwrap_or_default();
        taken.insert(url.clone(), i);
        problems.push(
            Problem::warning(
                &article.path,
                None,
                format!("the URL {wanted} is already {holder}'s; published at {url} instead"),
            )
            .with_hint("set slug = \"…\" in a +++ front matter to choose the URL yourself")
            .with_kind("renamed-url"),
        );
        collation.renamed.push(Renamed {
            path: article.path.clone(),
            wanted,
            url,
            taken_by: holder,
        });
        let article = Arc::make_mut(article);
        article.renamed_from = Some(std::mem::replace(&mut article.slug, slug));
    }
    collation.renamed.sort_by(|a, b| a.path.cmp(&b.path));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(path: &str, date: &str, slug: &str, text: &str) -> Arc<Article> {
        let mut a = crate::parse::tests::article_fixture();
        a.path = path.into();
        a.date = date.parse().unwrap();
        a.slug = slug.into();
        a.text = text.into();
        Arc::new(a)
    }

    fn run(articles: &mut [Arc<Article>]) -> (Collation, Vec<Problem>, HashSet<String>) {
        collate(articles.iter_mut().collect())
    }

    #[test]
    fn the_same_slug_in_two_months_is_no_clash() {
        let mut articles = [
            article("c/2014/08/x.txt", "2014-08-01", "x", "one"),
            article("c/2018/07/x.txt", "2018-07-01", "x", "two"),
        ];
        let (collation, problems, _) = run(&mut articles);
        assert!(problems.is_empty() && collation == Collation::default());
    }

    #[test]
    fn a_clash_in_one_month_renames_the_later_and_skips_taken_urls() {
        let mut articles = [
            article("c/b/x.txt", "2018-07-09", "x", "later"),
            article("c/a/x.txt", "2018-07-02", "x", "earlier"),
            article("c/a/x-2.txt", "2018-07-20", "x-2", "own x-2"),
        ];
        let (collation, problems, _) = run(&mut articles);
        assert_eq!(articles[1].slug, "x");
        assert_eq!(articles[2].slug, "x-2");
        assert_eq!(articles[0].slug, "x-3");
        assert_eq!(articles[0].renamed_from.as_deref(), Some("x"));
        assert_eq!(collation.renamed.len(), 1);
        assert_eq!(collation.renamed[0].taken_by, "c/a/x.txt");
        assert!(problems[0].message.contains("2018/07/x-3/"), "{problems:?}");
        // Collating again (serve's cache keeps the renamed article) gives the same result.
        let (again, _, _) = run(&mut articles);
        assert_eq!(again, collation);
        assert_eq!(articles[0].slug, "x-3");
    }

    #[test]
    fn a_front_matter_slug_wins_and_its_own_clash_is_an_error() {
        let mut chosen = (*article("c/z.txt", "2018-07-30", "x", "chosen")).clone();
        chosen.explicit_slug = true;
        let mut twice = chosen.clone();
        twice.path = "c/zz.txt".into();
        twice.text = "chosen twice".into();
        let mut articles = [
            article("c/a.txt", "2018-07-01", "x", "auto"),
            Arc::new(chosen),
            Arc::new(twice),
        ];
        let (_, problems, left_out) = run(&mut articles);
        assert_eq!(articles[1].slug, "x");
        assert_eq!(articles[0].slug, "x-2");
        assert!(
            problems
                .iter()
                .any(|p| p.is_error() && p.path == "c/zz.txt")
        );
        assert!(left_out.contains("c/zz.txt"));
    }

    #[test]
    fn a_story_scraped_twice_is_published_once() {
        let text = "Alder and Birch sign a pact\n\nThe two ports signed a pact on Monday in Alder.";
        let mut articles = [
            article("c/b.txt", "2020-01-01", "b", text),
            article("c/a.txt", "2020-01-01", "a", text),
        ];
        let (collation, problems, left_out) = run(&mut articles);
        assert_eq!(left_out, HashSet::from(["c/b.txt".to_string()]));
        assert_eq!(collation.duplicates[0].duplicate_of, "c/a.txt");
        assert_eq!(problems[0].kind, Some("duplicate"));
    }

    #[test]
    fn a_near_copy_is_reported_not_merged() {
        let words: Vec<String> = (0..200).map(|i| format!("w{i}")).collect();
        let a = words.join(" ");
        let b = format!("{a} extra");
        let c: String = words[..100].join(" ");
        let mut articles = [
            article("c/a.txt", "2020-01-01", "a", &a),
            article("c/b.txt", "2020-01-01", "b", &b),
            article("c/c.txt", "2020-01-01", "c", &c),
        ];
        let (collation, _, left_out) = run(&mut articles);
        assert!(left_out.is_empty());
        assert_eq!(collation.near_duplicates.len(), 1);
        assert_eq!(collation.near_duplicates[0].path, "c/b.txt");
        assert!(collation.near_duplicates[0].similarity >= 0.9);
    }
}

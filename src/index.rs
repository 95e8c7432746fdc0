//! Index stage: the archive in reading order, and the lists each listing page needs.
//!
//! Every list here is built in one pass over the articles (O(n + mentions)) and holds article
//! indexes, never copies, so the renderer can page through any of them in linear time.

use crate::model::{Organisation, TaggedArticle, slug_or_hash};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

/// Every published article, newest first, with the organisation table and its index.
#[derive(Debug, Default)]
pub struct Archive {
    /// Newest first; ties broken by path, so the order never depends on the file system.
    /// Shared, so a rebuild keeps every article that did not change without copying it.
    pub articles: Vec<TaggedArticle>,
    pub organisations: Vec<Organisation>,
    /// For each organisation (by table index), its articles (indexes into `articles`), newest first.
    pub by_organisation: Vec<Vec<usize>>,
    /// Places named in the articles.
    pub places: Taxonomy,
    /// Pairs of cooperating parties.
    pub partners: Taxonomy,
    /// People named in the articles, with their latest role.
    pub people: Taxonomy,
    /// Years, newest first, each with its months: contiguous ranges of `articles`.
    pub years: Vec<Year>,
    /// For each article (as `articles`), its places', people's and partners' terms: the pages
    /// its names are on, keyed once, here.
    pub terms: Vec<ArticleTerms>,
    /// For each pair of partners (as `partners.terms`), its two parties' place terms, when the
    /// party has a place page.
    pub parties: Vec<[Option<usize>; 2]>,
}

/// Where an article's names are filed: indexes into the archive's taxonomies' terms, in the
/// order of the article's tags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleTerms {
    pub places: Vec<usize>,
    pub people: Vec<usize>,
    pub partners: Option<usize>,
}

impl ArticleTerms {
    /// The same terms after the taxonomies were sorted: `moved` is [`Taxonomy::finish`]'s answer
    /// for places, partners and people.
    fn moved(&mut self, moved: &[Vec<usize>; 3]) {
        self.places.iter_mut().for_each(|t| *t = moved[0][*t]);
        self.partners.iter_mut().for_each(|t| *t = moved[1][*t]);
        self.people.iter_mut().for_each(|t| *t = moved[2][*t]);
    }
}

/// For each pair of `partners`, its parties' terms among `places` (from its newest article).
fn parties(
    articles: &[TaggedArticle],
    partners: &Taxonomy,
    places: &Taxonomy,
) -> Vec<[Option<usize>; 2]> {
    partners
        .terms
        .iter()
        .map(|t| {
            let pair = t
                .articles
                .first()
                .and_then(|&i| articles[i].tags.partners.as_ref());
            let place = |name: &str| places.by_slug.get(&place_slug(name)).copied();
            pair.map_or([None, None], |(a, b)| [place(a), place(b)])
        })
        .collect()
}

/// Articles grouped under one name: a place, a pair of partners, a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The name as the newest article writes it.
    pub name: String,
    /// Unique within its taxonomy; names with the same slug are one term.
    pub slug: String,
    /// A person's role, from the newest article that gives one.
    pub role: Option<String>,
    /// Indexes into [`Archive::articles`], newest first.
    pub articles: Vec<usize>,
}

/// Terms of one kind, sorted by name, found by slug.
#[derive(Debug, Default)]
pub struct Taxonomy {
    pub terms: Vec<Term>,
    by_slug: HashMap<String, usize>,
}

impl Taxonomy {
    /// Files `article` under `name`; articles must come newest first. Returns the term's index
    /// (until [`Taxonomy::finish`] sorts them).
    fn add(&mut self, slug: String, name: &str, article: usize) -> usize {
        let next = self.terms.len();
        let at = *self.by_slug.entry(slug.clone()).or_insert(next);
        if at == next {
            self.terms.push(Term {
                name: name.to_string(),
                slug,
                role: None,
                articles: Vec::new(),
            });
        }
        let term = &mut self.terms[at];
        if term.articles.last() != Some(&article) {
            term.articles.push(article);
        }
        at
    }

    /// Sorts the terms by name (case-insensitively, then by slug) and re-indexes them. Returns
    /// where each term went: `moved[old index]` is its new index.
    fn finish(&mut self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.terms.len()).collect();
        let key = |t: &Term| (t.name.to_lowercase(), t.slug.clone());
        let keys: Vec<(String, String)> = self.terms.iter().map(key).collect();
        order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
        let mut moved = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            moved[old] = new;
        }
        let mut terms: Vec<Option<Term>> = std::mem::take(&mut self.terms)
            .into_iter()
            .map(Some)
            .collect();
        self.terms = order.iter().filter_map(|&old| terms[old].take()).collect();
        self.by_slug = self
            .terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.slug.clone(), i))
            .collect();
        moved
    }

    pub fn get(&self, slug: &str) -> Option<&Term> {
        self.by_slug.get(slug).map(|&i| &self.terms[i])
    }
}

/// How many articles of a shared list, around an article, are candidates for its related list.
const RELATED_WINDOW: usize = 24;

/// The slug of a place's page.
pub fn place_slug(name: &str) -> String {
    slug_or_hash("place", name)
}

/// The slug of a person's page.
pub fn person_slug(name: &str) -> String {
    slug_or_hash("person", name)
}

/// The slug of a pair of partners' page (`hong-kong-shanghai`); the pair is in either order.
pub fn partners_slug(a: &str, b: &str) -> String {
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    slug_or_hash("partners", &format!("{a} {b}"))
}

/// How a pair of partners is shown: `Hong Kong – Shanghai`.
pub fn partners_name(a: &str, b: &str) -> String {
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    format!("{a} – {b}")
}

/// One year of the archive and its months, as ranges of [`Archive::articles`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Year {
    pub year: i32,
    pub articles: Range<usize>,
    /// Newest first: (month 1–12, its articles).
    pub months: Vec<(u32, Range<usize>)>,
}

impl Archive {
    /// How many organisations have a page: those with at least one article.
    pub fn organisation_pages(&self) -> usize {
        self.by_organisation
            .iter()
            .filter(|a| !a.is_empty())
            .count()
    }

    /// Sorts the articles and builds every index: O(n log n + mentions).
    pub fn new(mut articles: Vec<TaggedArticle>, organisations: Vec<Organisation>) -> Archive {
        use chrono::Datelike;
        articles.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path)));
        let mut by_organisation = vec![Vec::new(); organisations.len()];
        let mut places = Taxonomy::default();
        let mut partners = Taxonomy::default();
        let mut people = Taxonomy::default();
        let mut years: Vec<Year> = Vec::new();
        let mut terms = Vec::with_capacity(articles.len());
        for (i, article) in articles.iter().enumerate() {
            let tags = &article.tags;
            for mention in &tags.organisations {
                by_organisation[mention.id].push(i);
            }
            let mut filed = ArticleTerms::default();
            for place in &tags.places {
                filed
                    .places
                    .push(places.add(place_slug(&place.name), &place.name, i));
            }
            if let Some((a, b)) = &tags.partners {
                filed.partners = Some(partners.add(partners_slug(a, b), &partners_name(a, b), i));
            }
            for person in &tags.people {
                let at = people.add(person_slug(&person.name), &person.name, i);
                let term = &mut people.terms[at];
                if term.role.is_none() {
                    term.role.clone_from(&person.role);
                }
                filed.people.push(at);
            }
            terms.push(filed);
            let (year, month) = (article.date.year(), article.date.month());
            match years.last_mut() {
                Some(y) if y.year == year => {
                    y.articles.end = i + 1;
                    match y.months.last_mut() {
                        Some((m, range)) if *m == month => range.end = i + 1,
                        _ => y.months.push((month, i..i + 1)),
                    }
                }
                _ => years.push(Year {
                    year,
                    articles: i..i + 1,
                    months: vec![(month, i..i + 1)],
                }),
            }
        }
        let moved = [places.finish(), partners.finish(), people.finish()];
        for filed in &mut terms {
            filed.moved(&moved);
        }
        let parties = parties(&articles, &partners, &places);
        Archive {
            articles,
            organisations,
            by_organisation,
            places,
            partners,
            people,
            years,
            terms,
            parties,
        }
    }

    /// Up to `limit` articles related to article `i`: those sharing the most organisations and
    /// partners with it, newest first among equals.
    ///
    /// Cost: O(k · WINDOW · log) per article for k organisations and partners, whatever the size
    /// of the archive: from each shared list only the `WINDOW` articles nearest in date are
    /// candidates, so a organisation named in half the archive does not make this quadratic.
    pub fn related(&self, i: usize, limit: usize) -> Vec<usize> {
        let mut score: BTreeMap<usize, usize> = BTreeMap::new();
        for (org, list) in self.shared_lists(i, false) {
            let at = list.binary_search(&i).unwrap_or_else(|p| p);
            let from = at.saturating_sub(RELATED_WINDOW / 2);
            let to = (from + RELATED_WINDOW + 1).min(list.len());
            for &j in &list[from..to] {
                if j != i && !org.is_some_and(|id| self.credits(j, id)) {
                    *score.entry(j).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<(usize, usize)> = score.into_iter().collect();
        // Most shared first; among equals the lower index, which is the newer article.
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().take(limit).map(|(j, _)| j).collect()
    }

    /// Whether article `j` only credits organisation `id` as a source.
    fn credits(&self, j: usize, id: usize) -> bool {
        self.articles[j]
            .tags
            .organisations
            .iter()
            .any(|m| m.id == id && m.credit)
    }

    /// The lists article `i` is on that relate articles, each with its organisation (none for
    /// the partner pair's): its organisations' (with `credits`, also those it only credits as a
    /// source) and its partners'.
    fn shared_lists(&self, i: usize, credits: bool) -> Vec<(Option<usize>, &[usize])> {
        let article = &self.articles[i];
        let mut lists: Vec<(Option<usize>, &[usize])> = article
            .tags
            .organisations
            .iter()
            .filter(|m| credits || !m.credit)
            .map(|m| (Some(m.id), self.by_organisation[m.id].as_slice()))
            .collect();
        if let Some(term) = self.terms[i].partners {
            lists.push((None, &self.partners.terms[term].articles));
        }
        lists
    }

    /// Every article whose [`Archive::related`] list may hold article `j` (a superset): those
    /// within the window of `j` on a list they share. O(k · window) for k lists.
    pub fn may_relate(&self, j: usize) -> Vec<usize> {
        let mut near: Vec<usize> = Vec::new();
        for (_, list) in self.shared_lists(j, true) {
            let at = list.binary_search(&j).unwrap_or_else(|p| p);
            let from = at.saturating_sub(RELATED_WINDOW);
            let to = (at + RELATED_WINDOW + 1).min(list.len());
            near.extend(list[from..to].iter().filter(|&&i| i != j));
        }
        near.sort_unstable();
        near.dedup();
        near
    }

    /// Whether `other` has the same layout: the same articles at the same places and URLs, the
    /// same organisation table and the same terms, years and months listing the same articles.
    /// Then both give the same set of pages, each listing the same articles, and only the
    /// articles' own fields can differ. O(n + mentions).
    pub fn same_layout(&self, other: &Archive) -> bool {
        self.articles.len() == other.articles.len()
            && self.articles.iter().zip(&other.articles).all(|(a, b)| {
                Arc::ptr_eq(&a.article, &b.article)
                    || (a.path == b.path && a.relative_url() == b.relative_url())
            })
            && self.organisations == other.organisations
            && self.by_organisation == other.by_organisation
            && self.places.terms == other.places.terms
            && self.partners.terms == other.partners.terms
            && self.people.terms == other.people.terms
            && self.years == other.years
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{NamedMention, OrganisationMention, Person, Tags};
    use chrono::NaiveDate;

    /// A test article at `path` (also its slug), dated `date`, about the organisations `orgs`.
    pub(crate) fn article(path: &str, date: &str, orgs: &[usize]) -> TaggedArticle {
        let mut a = crate::parse::tests::article_fixture();
        a.path = path.to_string();
        a.slug = path.to_string();
        a.date = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
        let tags = Tags {
            organisations: orgs
                .iter()
                .map(|&id| OrganisationMention {
                    id,
                    confidence: 1000,
                    mentions: vec![],
                    credit: false,
                    evidence: 0,
                })
                .collect(),
            ..Tags::default()
        };
        TaggedArticle {
            article: Arc::new(a),
            tags: Arc::new(tags),
        }
    }

    /// The fields of a test article, to change.
    pub(crate) fn fields(a: &mut TaggedArticle) -> &mut crate::model::Article {
        Arc::make_mut(&mut a.article)
    }

    /// The tags of a test article, to change.
    pub(crate) fn tags(a: &mut TaggedArticle) -> &mut Tags {
        Arc::make_mut(&mut a.tags)
    }

    fn org(name: &str) -> Organisation {
        Organisation {
            name: name.into(),
            slug: crate::model::slugify(name),
            aliases: vec![],
        }
    }

    #[test]
    fn years_and_months_are_contiguous_ranges_newest_first() {
        let archive = Archive::new(
            vec![
                article("a", "2022-12-30", &[]),
                article("b", "2023-01-02", &[]),
                article("c", "2023-01-20", &[]),
                article("d", "2023-03-01", &[]),
            ],
            vec![],
        );
        let years: Vec<_> = archive
            .years
            .iter()
            .map(|y| (y.year, y.articles.clone()))
            .collect();
        assert_eq!(years, [(2023, 0..3), (2022, 3..4)]);
        assert_eq!(archive.years[0].months, [(3, 0..1), (1, 1..3)]);
    }

    #[test]
    fn terms_group_by_slug_and_keep_the_newest_role() {
        let mut old = article("old", "2020-01-01", &[]);
        tags(&mut old).people = vec![Person {
            name: "Ana Lis".into(),
            role: Some("deputy mayor".into()),
            mentions: vec![],
        }];
        tags(&mut old).places = vec![NamedMention {
            name: "Sao Paulo".into(),
            mentions: vec![],
        }];
        tags(&mut old).partners = Some(("Valmora".into(), "Harwick".into()));
        let mut new = article("new", "2024-01-01", &[]);
        tags(&mut new).people = vec![Person {
            name: "Ana Lis".into(),
            role: Some("mayor".into()),
            mentions: vec![],
        }];
        tags(&mut new).places = vec![
            NamedMention {
                name: "Zeta".into(),
                mentions: vec![],
            },
            NamedMention {
                name: "São Paulo".into(),
                mentions: vec![],
            },
        ];
        tags(&mut new).partners = Some(("Harwick".into(), "Valmora".into()));
        let archive = Archive::new(vec![old, new], vec![]);
        let person = archive.people.get("ana-lis").unwrap();
        assert_eq!(person.role.as_deref(), Some("mayor"));
        assert_eq!(person.articles, [0, 1]);
        let place = archive.places.get("sao-paulo").unwrap();
        assert_eq!(place.name, "São Paulo");
        assert_eq!(place.articles, [0, 1]);
        let pair = archive.partners.get("harwick-valmora").unwrap();
        assert_eq!(pair.name, "Harwick – Valmora");
        assert_eq!(pair.articles, [0, 1]);
        // Each article knows its terms, keyed once here, after the taxonomies were sorted.
        let slugs = |ids: &[usize]| -> Vec<&str> {
            ids.iter()
                .map(|&t| archive.places.terms[t].slug.as_str())
                .collect()
        };
        assert_eq!(slugs(&archive.terms[0].places), ["zeta", "sao-paulo"]);
        assert_eq!(slugs(&archive.terms[1].places), ["sao-paulo"]);
        for filed in &archive.terms {
            assert_eq!(archive.people.terms[filed.people[0]].slug, "ana-lis");
            assert_eq!(
                archive.partners.terms[filed.partners.unwrap()].slug,
                "harwick-valmora"
            );
        }
        // Neither party has a place page here ("Harwick" and "Valmora" are no article's place).
        assert_eq!(archive.parties, [[None, None]]);
    }

    /// Where the article at `path` stands in the archive's order.
    fn position(archive: &Archive, path: &str) -> usize {
        archive
            .articles
            .iter()
            .position(|a| a.path == path)
            .unwrap()
    }

    /// The paths of article `i`'s related articles, most related first.
    fn related_paths(archive: &Archive, i: usize) -> Vec<&str> {
        archive
            .related(i, 5)
            .into_iter()
            .map(|j| archive.articles[j].path.as_str())
            .collect()
    }

    #[test]
    fn related_articles_share_the_most_and_are_newest_among_equals() {
        let archive = Archive::new(
            vec![
                article("me", "2023-06-01", &[0, 1]),
                article("both-old", "2020-01-01", &[0, 1]),
                article("one-new", "2023-07-01", &[0]),
                article("one-old", "2021-01-01", &[1]),
                article("none", "2023-06-02", &[2]),
            ],
            vec![org("A"), org("B"), org("C")],
        );
        let me = position(&archive, "me");
        let related = related_paths(&archive, me);
        assert_eq!(related, ["both-old", "one-new", "one-old"]);
        assert_eq!(archive.related(me, 1).len(), 1);
    }

    #[test]
    fn an_organisation_only_credited_relates_no_articles() {
        let mut me = article("me", "2023-06-01", &[0, 1]);
        // "… told the Wire": organisation 1 is only a credit in this article.
        tags(&mut me).organisations[1].credit = true;
        let archive = Archive::new(
            vec![
                me,
                article("same-body", "2023-05-01", &[0]),
                article("same-wire", "2023-05-02", &[1]),
            ],
            vec![org("A"), org("Wire")],
        );
        let me = position(&archive, "me");
        let related = related_paths(&archive, me);
        assert_eq!(related, ["same-body"]);
        // Nor is the article related to others through the organisation it credits.
        let wire = position(&archive, "same-wire");
        assert!(archive.related(wire, 5).is_empty());
        assert!(archive.may_relate(me).contains(&wire));
    }
}

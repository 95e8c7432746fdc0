//! `concord review`: every organisation, person, place and partner pair the archive has, sorted
//! by what most needs an editor's eye. Each row says why it may be wrong (low confidence, one
//! article only, a name holding "and", a possessive, a person's or a place's word, another known
//! name inside it, articles that fall into separate contexts), with its count, first and last
//! date, the other forms merged into it, its confidence and why it was kept, and one example
//! sentence. Reads a loaded [`Site`]; writes nothing itself.

use crate::Site;
use crate::extract::{decide, organisations, places, vocabulary};
use crate::model::TaggedArticle;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One name to review.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// `organisation`, `person`, `place` or `partners`.
    pub kind: &'static str,
    pub name: String,
    /// How much the row needs a look: the sum of its flags' weights.
    pub score: u32,
    /// Why it may be wrong.
    pub flags: Vec<String>,
    pub count: usize,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// The other forms the archive writes for it.
    pub variants: Vec<String>,
    /// The lowest confidence of its articles (organisations).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// Why it became a tag.
    pub kept_because: String,
    /// A sentence that names it, from its first article.
    pub example: String,
    /// Its page, and its articles (newest first, at most five), as site paths.
    pub page: String,
    pub articles: Vec<String>,
}

/// The review of `site`: every row, most in need of a look first, then fewest articles, then
/// by name. With `since`, only names first seen on or after that date.
pub fn review(site: &Site, since: Option<NaiveDate>) -> Vec<Row> {
    let finder = places::PlaceFinder::new(&places::gazetteer(&site.config.place_table()));
    let is_place = |w: &str| finder.is_place(w);
    let threshold = decide::threshold(&site.config.extract);
    let archive = &site.archive;
    let mut rows = organisation_rows(site, threshold, &is_place);
    let terms = [
        ("person", &archive.people, "people"),
        ("place", &archive.places, "places"),
        ("partners", &archive.partners, "partners"),
    ];
    for (kind, taxonomy, dir) in terms {
        for term in &taxonomy.terms {
            let list: Vec<&TaggedArticle> = term
                .articles
                .iter()
                .map(|&i| &archive.articles[i])
                .collect();
            let flags = term_flags(kind, &term.name, list.len(), &is_place);
            rows.push(row(
                kind,
                &term.name,
                flags,
                &list,
                Vec::new(),
                None,
                "read from the text".into(),
                format!("{dir}/{}/", term.slug),
                site,
            ));
        }
    }
    if let Some(since) = since {
        rows.retain(|r| r.first >= since);
    }
    rows.extend(exclusion_rows(site));
    rows.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.count.cmp(&b.count))
            .then_with(|| a.kind.cmp(b.kind))
            .then_with(|| a.name.cmp(&b.name))
    });
    rows
}

/// What makes a person, place or partner pair worth a look.
fn term_flags(
    kind: &str,
    name: &str,
    articles: usize,
    is_place: &dyn Fn(&str) -> bool,
) -> Vec<String> {
    let mut flags = Vec::new();
    if articles == 1 {
        flags.push("one article".to_string());
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    match kind {
        "person" => {
            if words.len() < 2 {
                flags.push("one word".into());
            }
            if words.iter().any(|w| vocabulary::is_head(w)) {
                flags.push("a body's word".into());
            }
            if is_place(name) {
                flags.push("is a place".into());
            }
        }
        "partners" if name.split(" – ").any(|side| !is_place(side)) => {
            flags.push("a side that is no known place".into());
        }
        _ => {}
    }
    flags
}

/// A row for each `[extract] exclude` entry (and people's and places'), with what it removed.
fn exclusion_rows(site: &Site) -> impl Iterator<Item = Row> + '_ {
    site.exclusions.iter().map(|(entry, removed)| Row {
        kind: "exclude",
        name: entry.clone(),
        score: if removed.is_empty() { 2 } else { 0 },
        flags: if removed.is_empty() {
            vec!["removes nothing".to_string()]
        } else {
            Vec::new()
        },
        count: removed.len(),
        first: NaiveDate::default(),
        last: NaiveDate::default(),
        variants: removed.iter().cloned().collect(),
        confidence: None,
        kept_because: "[extract] exclude in site.toml: the names it removed".to_string(),
        example: String::new(),
        page: String::new(),
        articles: Vec::new(),
    })
}

/// The rows of the organisations that have articles.
fn organisation_rows(site: &Site, threshold: f64, is_place: &dyn Fn(&str) -> bool) -> Vec<Row> {
    let archive = &site.archive;
    let table_words: Vec<Vec<String>> = archive
        .organisations
        .iter()
        .map(|o| organisations::name_words(&o.name))
        .collect();
    let site_names: BTreeSet<String> = site
        .config
        .organisations
        .keys()
        .map(|n| organisations::name_key(n))
        .collect();
    let mut rows = Vec::new();
    for (id, org) in archive.organisations.iter().enumerate() {
        let indexes = &archive.by_organisation[id];
        if indexes.is_empty() {
            continue;
        }
        let list: Vec<&TaggedArticle> = indexes.iter().map(|&i| &archive.articles[i]).collect();
        let mut variants = BTreeSet::new();
        let mut confidence: f64 = 1.0;
        for article in &list {
            for m in article.tags.organisations.iter().filter(|m| m.id == id) {
                variants.extend(m.mentions.iter().filter(|v| **v != org.name).cloned());
                confidence = confidence.min(f64::from(m.confidence) / 1000.0);
            }
        }
        let words = &table_words[id];
        let mut flags = Vec::new();
        if confidence < 0.45 {
            flags.push(format!("low confidence {confidence:.2}"));
        }
        if list.len() == 1 {
            flags.push("one article".into());
        }
        flags.extend(name_flags(&org.name, words, is_place));
        if let Some(inner) = table_words.iter().enumerate().find(|&(j, other)| {
            j != id
                && !archive.by_organisation[j].is_empty()
                && other.len() < words.len()
                && !other.is_empty()
                && words.windows(other.len()).any(|w| w == other.as_slice())
        }) {
            flags.push(format!("holds \"{}\"", archive.organisations[inner.0].name));
        }
        if let Some(split) = separate_contexts(&list) {
            flags.push(format!(
                "separate contexts: {split} (two bodies? split the name with `when`)"
            ));
        }
        let kept_because = if site_names.contains(&organisations::name_key(&org.name)) {
            "the site's [organisations] table".to_string()
        } else if confidence >= 1.0 {
            "a table or front matter".to_string()
        } else {
            decide::decision(0, confidence, threshold, true)
        };
        rows.push(row(
            "organisation",
            &org.name,
            flags,
            &list,
            variants.into_iter().collect(),
            Some(confidence),
            kept_because,
            org.relative_url(),
            site,
        ));
    }
    rows
}

/// What in an organisation's name itself makes it worth a look.
fn name_flags(name: &str, words: &[String], is_place: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut flags = Vec::new();
    if words.iter().any(|w| w == "and") {
        flags.push("holds \"and\"".into());
    }
    if name.contains("'s ") || name.contains("’s ") {
        flags.push("a possessive".into());
    }
    let name_words: Vec<&str> = name.split_whitespace().collect();
    if name_words.len() >= 2 && vocabulary::is_given_name(name_words[0]) {
        flags.push("starts with a given name".into());
    }
    let headed = name_words.iter().any(|w| vocabulary::is_head(w));
    if is_place(name) {
        flags.push("is a place".into());
    } else if !headed && name_words.iter().any(|w| is_place(w)) {
        flags.push("a place's name and no body's word".into());
    }
    flags
}

/// The weight of each flag: what is most often wrong counts most.
fn weight(flag: &str) -> u32 {
    match flag.split(' ').next().unwrap_or("") {
        "low" | "is" => 4,
        "starts" | "holds" | "a" | "separate" => 3,
        "one" => 1,
        _ => 2,
    }
}

#[allow(clippy::too_many_arguments)]
fn row(
    kind: &'static str,
    name: &str,
    flags: Vec<String>,
    list: &[&TaggedArticle],
    variants: Vec<String>,
    confidence: Option<f64>,
    kept_because: String,
    page: String,
    site: &Site,
) -> Row {
    let dates = list.iter().map(|a| a.date);
    let first = dates.clone().min().unwrap_or_default();
    let last = dates.max().unwrap_or_default();
    let oldest = list.iter().min_by_key(|a| (a.date, &a.path));
    let forms: Vec<&str> = std::iter::once(name)
        .chain(variants.iter().map(String::as_str))
        .collect();
    let example = oldest.map_or_else(String::new, |a| example_sentence(&a.text, &forms));
    Row {
        kind,
        name: name.to_string(),
        score: flags.iter().map(|f| weight(f)).sum(),
        flags,
        count: list.len(),
        first,
        last,
        variants,
        confidence,
        kept_because,
        example,
        page: site.base.link(&page),
        articles: list
            .iter()
            .take(5)
            .map(|a| site.base.link(&a.relative_url()))
            .collect(),
    }
}

/// The sentence of `text` around the first of `forms` it holds, at most 200 characters.
fn example_sentence(text: &str, forms: &[&str]) -> String {
    let Some(at) = forms.iter().filter_map(|f| text.find(f)).min() else {
        return String::new();
    };
    let sentence_start = text[..at].rfind(". ").map_or(0, |i| i + 2);
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let start = sentence_start.max(line_start);
    let end = text[at..].find(". ").map_or(text.len(), |i| at + i + 1);
    let end = text[at..].find('\n').map_or(end, |i| end.min(at + i));
    crate::parse::shorten(text[start.min(at)..end].trim(), 200)
}

/// When an organisation's articles fall into groups that share no place (a "Labour" of two
/// countries), the two largest groups' places: a hint to split the name.
fn separate_contexts(list: &[&TaggedArticle]) -> Option<String> {
    if list.len() < 4 {
        return None;
    }
    let mut groups = organisations::Groups::new(list.len());
    let mut by_place: BTreeMap<&str, usize> = BTreeMap::new();
    let mut placed = vec![false; list.len()];
    for (i, article) in list.iter().enumerate() {
        for place in &article.tags.places {
            placed[i] = true;
            if let Some(&j) = by_place.get(place.name.as_str()) {
                groups.union(i, j);
            } else {
                by_place.insert(&place.name, i);
            }
        }
    }
    let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
    for i in (0..list.len()).filter(|&i| placed[i]) {
        *sizes.entry(groups.find(i)).or_default() += 1;
    }
    let mut big: Vec<(usize, usize)> = sizes.into_iter().filter(|&(_, n)| n >= 2).collect();
    if big.len() < 2 {
        return None;
    }
    big.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut places_of = |root: usize| -> String {
        let mut names: BTreeSet<&str> = BTreeSet::new();
        for (i, article) in list.iter().enumerate() {
            if placed[i] && groups.find(i) == root {
                names.extend(article.tags.places.iter().map(|p| p.name.as_str()));
            }
        }
        names.into_iter().take(3).collect::<Vec<_>>().join(", ")
    };
    let first = places_of(big[0].0);
    let second = places_of(big[1].0);
    Some(format!("{first} / {second}"))
}

/// The review as a terminal table: one line a row, then its example, cut to `width` columns.
pub fn to_text(rows: &[Row], width: usize) -> String {
    let width = width.max(60);
    let cut = |s: &str, n: usize| -> String {
        if s.chars().count() <= n {
            s.to_string()
        } else {
            let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
            t.push('…');
            t
        }
    };
    let mut out = format!(
        "{:>5}  {:<12}  {:<40}  {:>5}  {:<21}  flags\n",
        "score", "kind", "name", "count", "first – last"
    );
    for r in rows {
        let line = format!(
            "{:>5}  {:<12}  {:<40}  {:>5}  {} – {}  {}",
            r.score,
            r.kind,
            cut(&r.name, 40),
            r.count,
            r.first,
            r.last,
            r.flags.join("; ")
        );
        out.push_str(&cut(&line, width));
        out.push('\n');
        if !r.example.is_empty() {
            out.push_str(&cut(&format!("       “{}”", r.example), width));
            out.push('\n');
        }
    }
    out
}

/// The review as one HTML page an editor can click through (every text escaped).
pub fn to_html(rows: &[Row], site: &Site) -> String {
    use crate::markdown::escape_html as e;
    let origin = &site.base.origin;
    let mut body = String::new();
    for r in rows {
        let links: Vec<String> = r
            .articles
            .iter()
            .enumerate()
            .map(|(i, url)| format!("<a href=\"{}{}\">{}</a>", e(origin), e(url), i + 1))
            .collect();
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td><a href=\"{}{}\">{}</a></td><td>{}</td><td>{} – {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            r.score,
            e(r.kind),
            e(origin),
            e(&r.page),
            e(&r.name),
            r.count,
            r.first,
            r.last,
            e(&r.flags.join("; ")),
            e(&r.variants.join(", ")),
            e(&r.kept_because),
            e(&r.example),
            links.join(" ")
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Review · {}</title>\n<style>body{{font:14px/1.4 system-ui,sans-serif;margin:1rem}}table{{border-collapse:collapse}}td,th{{border-bottom:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}}</style>\n</head>\n<body>\n<h1>Review of {}</h1>\n<p>{} names, most in need of a look first. Fix them in site.toml or an article's front matter (see the README, \"Review and correct\").</p>\n<table>\n<thead><tr><th>score</th><th>kind</th><th>name</th><th>count</th><th>first – last</th><th>flags</th><th>other forms</th><th>kept because</th><th>example</th><th>articles</th></tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n</body>\n</html>\n",
        e(&site.config.title),
        e(&site.config.title),
        rows.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_is_the_sentence_around_the_name() {
        let text = "Headline\n\nFirst sentence. The Alder Port Authority signed a pact. Later.";
        assert_eq!(
            example_sentence(text, &["Alder Port Authority"]),
            "The Alder Port Authority signed a pact."
        );
    }

    #[test]
    fn flags_weigh_what_is_most_often_wrong() {
        assert!(weight("is a place") > weight("one article"));
        assert!(weight("low confidence 0.20") > weight("holds \"and\""));
    }
}

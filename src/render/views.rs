//! Views that summarise a list of articles: a timeline of when they were written, who and what
//! appears with a name, and the indexes of names, kept small at any archive size.
//!
//! Everything here is computed from the archive at build time (no script on the page), in one
//! pass over the list it summarises, and deterministically: ties are broken by name.

use super::context::{DateView, MONTH_NAMES};
use crate::config::BaseUrl;
use crate::index::{Archive, Term};
use chrono::Datelike;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;

/// How a timeline counts: by year, or by month when the articles span less than two years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Year,
    Month,
}

impl Step {
    /// The step for articles dated from `first` to `last`.
    pub fn for_span(first: chrono::NaiveDate, last: chrono::NaiveDate) -> Step {
        if last.year() - first.year() >= 2 {
            Step::Year
        } else {
            Step::Month
        }
    }

    /// The id of the place in a listing where the period of `date` starts: `y2019`, `m2019-03`.
    pub fn anchor(self, date: chrono::NaiveDate) -> String {
        match self {
            Step::Year => format!("y{}", date.year()),
            Step::Month => format!("m{}-{:02}", date.year(), date.month()),
        }
    }
}

/// One bar of a timeline, in the chart's own units.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Bar {
    /// `2019` or `March 2019`.
    pub label: String,
    pub count: usize,
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    /// Where the period's articles start in the listing; none for an empty period.
    pub href: Option<String>,
}

/// A label under the bars.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Tick {
    pub text: String,
    /// The middle of its bar.
    pub x: u32,
}

/// Articles per period, drawn by the template as an inline SVG bar chart with the same
/// numbers as a table.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Timeline {
    /// `Articles per year`, `Articles per month`.
    pub caption: &'static str,
    /// `Year` or `Month`: what a bar counts.
    pub unit: &'static str,
    pub first: DateView,
    pub last: DateView,
    /// The chart's size in its own units (the `viewBox`): it scales to the page's width.
    pub width: u32,
    pub height: u32,
    /// The y of the bars' foot.
    pub baseline: u32,
    /// The y of the tallest bar's top.
    pub top: u32,
    pub bars: Vec<Bar>,
    pub ticks: Vec<Tick>,
    /// The largest count, shown as the scale.
    pub max: usize,
}

/// A bar's slot is as wide as fills the smallest chart, between these.
const SLOT_MIN: u32 = 16;
const SLOT_MAX: u32 = 48;
const SMALLEST: u32 = 320;
const PAD: u32 = 4;
/// The tallest bar (the template draws a line at its top, labelled with its count).
const TALLEST: u32 = 80;
const BASELINE: u32 = 94;
const HEIGHT: u32 = 114;

/// The timeline of `items` (indexes into the archive, newest first), or none for fewer than two
/// articles. `link(anchor, position)` gives the URL of the listing page that holds the article
/// at `position` of `items`, with `#anchor`.
pub fn timeline(
    archive: &Archive,
    items: &[usize],
    link: &dyn Fn(&str, usize) -> String,
) -> Option<Timeline> {
    if items.len() < 2 {
        return None;
    }
    let date = |i: usize| archive.articles[items[i]].date;
    let (last, first) = (date(0), date(items.len() - 1));
    let step = Step::for_span(first, last);
    let key = |d: chrono::NaiveDate| match step {
        Step::Year => d.year() * 12,
        Step::Month => d.year() * 12 + d.month0() as i32,
    };
    let (from, to) = (key(first), key(last));
    let stride = if step == Step::Year { 12 } else { 1 };
    let periods: Vec<i32> = (0..)
        .map(|k| from + k * stride)
        .take_while(|&p| p <= to)
        .collect();
    // Newest first: the first position of each period is where its articles start.
    // By period (its index in `periods`): how many articles, and the first one's position.
    let mut counts: Vec<(usize, usize)> = vec![(0, 0); periods.len()];
    for (position, &i) in items.iter().enumerate() {
        let period = (key(archive.articles[i].date) - from) / stride;
        if let Some(entry) = usize::try_from(period).ok().and_then(|p| counts.get_mut(p)) {
            if entry.0 == 0 {
                entry.1 = position;
            }
            entry.0 += 1;
        }
    }
    let max = counts.iter().map(|c| c.0).max().unwrap_or(1).max(1);
    let slot = ((SMALLEST - 2 * PAD) / periods.len().max(1) as u32).clamp(SLOT_MIN, SLOT_MAX);
    let gap = slot / 4;
    let label = |p: i32| match step {
        Step::Year => (p / 12).to_string(),
        Step::Month => format!("{} {}", MONTH_NAMES[(p % 12) as usize], p / 12),
    };
    let bars: Vec<Bar> = periods
        .iter()
        .enumerate()
        .map(|(n, &p)| {
            let (count, position) = counts[n];
            let height = if count == 0 {
                0
            } else {
                ((count as u64 * u64::from(TALLEST)).div_ceil(max as u64) as u32).max(2)
            };
            let anchor_date = chrono::NaiveDate::from_ymd_opt(p / 12, (p % 12) as u32 + 1, 1);
            Bar {
                label: label(p),
                count,
                x: PAD + n as u32 * slot + gap / 2,
                y: BASELINE - height,
                width: slot - gap,
                height,
                href: (count > 0)
                    .then_some(anchor_date)
                    .flatten()
                    .map(|d| link(&step.anchor(d), position)),
            }
        })
        .collect();
    let ticks = ticks(&bars, step);
    Some(Timeline {
        caption: match step {
            Step::Year => "Articles per year",
            Step::Month => "Articles per month",
        },
        unit: match step {
            Step::Year => "Year",
            Step::Month => "Month",
        },
        first: DateView::new(first),
        last: DateView::new(last),
        width: (2 * PAD + bars.len() as u32 * slot).max(SMALLEST),
        height: HEIGHT,
        baseline: BASELINE,
        top: BASELINE - TALLEST,
        bars,
        ticks,
        max,
    })
}

/// The labels under a timeline's bars: at most about eight, always the first and the last period.
fn ticks(bars: &[Bar], step: Step) -> Vec<Tick> {
    let every = bars.len().div_ceil(8).max(1);
    bars.iter()
        .enumerate()
        .filter(|(n, _)| n % every == 0 || *n + 1 == bars.len())
        .filter(|(n, _)| *n + 1 == bars.len() || bars.len() - 1 - n >= every.max(2) - 1)
        .map(|(_, b)| Tick {
            text: match step {
                Step::Year => b.label.clone(),
                Step::Month => short_month(&b.label),
            },
            x: b.x + b.width / 2,
        })
        .collect()
}

/// `March 2019` → `Mar 2019`.
fn short_month(label: &str) -> String {
    match label.split_once(' ') {
        Some((month, year)) => format!("{} {year}", &month[..3.min(month.len())]),
        None => label.to_string(),
    }
}

/// A name with how many of a list's articles it appears in.
#[derive(Serialize, Debug, Clone)]
pub struct Counted<'a> {
    pub name: std::borrow::Cow<'a, str>,
    pub url: String,
    pub count: usize,
    /// A person's role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'a str>,
}

/// Who and what appears in a list's articles, most often first.
#[derive(Serialize, Debug, Default)]
pub struct Together<'a> {
    pub organisations: Vec<Counted<'a>>,
    pub places: Vec<Counted<'a>>,
    pub partners: Vec<Counted<'a>>,
    pub people: Vec<Counted<'a>>,
}

/// How many of each kind [`together`] shows.
pub const TOGETHER_SHOWN: usize = 8;

/// The most names of each kind [`together`] counts in one article (in the article's order):
/// an article naming k organisations would otherwise cost each of their k pages k steps, O(k²).
pub const TOGETHER_PER_ARTICLE: usize = 32;

/// The organisations, places, partner pairs and people of `items`' articles, each with the
/// number of those articles it appears in; `skip_org` (the page's own organisation) left out.
/// O(items × names per article).
pub fn together<'a>(
    archive: &'a Archive,
    items: &[usize],
    skip_org: Option<usize>,
    base: &BaseUrl,
) -> Together<'a> {
    let mut orgs = Tally::new(archive.organisations.len(), items.len());
    // Places, pairs and people by their term (one page, however the articles spell it), with
    // the first spelling met and how many articles name it.
    let mut places = Tally::new(archive.places.terms.len(), items.len());
    let mut partners = Tally::new(archive.partners.terms.len(), items.len());
    let mut people = Tally::new(archive.people.terms.len(), items.len());
    for &i in items {
        let (article, filed) = (&archive.articles[i].tags, &archive.terms[i]);
        for m in article.organisations.iter().take(TOGETHER_PER_ARTICLE) {
            if Some(m.id) != skip_org {
                orgs.add(m.id, &archive.organisations[m.id].name, None);
            }
        }
        for (p, &t) in article
            .places
            .iter()
            .zip(&filed.places)
            .take(TOGETHER_PER_ARTICLE)
        {
            places.add(t, &p.name, None);
        }
        if let Some(t) = filed.partners {
            partners.add(t, &archive.partners.terms[t].name, None);
        }
        for (p, &t) in article
            .people
            .iter()
            .zip(&filed.people)
            .take(TOGETHER_PER_ARTICLE)
        {
            people.add(t, &p.name, p.role.as_deref());
        }
    }
    let url = |dir: &str, slug: &str| base.link(&format!("{dir}/{slug}/"));
    Together {
        organisations: orgs.most(|id| base.link(&archive.organisations[id].relative_url())),
        places: places.most(|t| url("places", &archive.places.terms[t].slug)),
        partners: partners.most(|t| url("partners", &archive.partners.terms[t].slug)),
        people: people.most(|t| url("people", &archive.people.terms[t].slug)),
    }
}

/// How many articles name each of a taxonomy's terms (or organisations), by its index: the
/// spelling and role first met, and the count. A page of many articles counts in a table by
/// index (no hashing: a page of 10,000 articles counts 10,000 × its names); a page of a few
/// articles, in a map, so that the thousands of small pages of an archive with many names do
/// not each clear a table of every name.
struct Tally<'a> {
    /// By index: 1 + its place in `met`.
    slot: Slots,
    /// Index, spelling, count and role, in the order first met.
    met: Vec<(usize, &'a str, usize, Option<&'a str>)>,
}

enum Slots {
    /// 0 where not met yet.
    Table(Vec<u32>),
    Map(HashMap<usize, u32>),
}

impl<'a> Tally<'a> {
    /// A tally of `indexes` names over `articles` articles.
    fn new(indexes: usize, articles: usize) -> Tally<'a> {
        // Clearing a slot costs about a hundredth of a hashed count.
        let slot = if indexes <= 64 * articles.max(1) {
            Slots::Table(vec![0; indexes])
        } else {
            Slots::Map(HashMap::new())
        };
        Tally {
            slot,
            met: Vec::new(),
        }
    }

    fn add(&mut self, index: usize, name: &'a str, role: Option<&'a str>) {
        let slot = match &mut self.slot {
            Slots::Table(table) => &mut table[index],
            Slots::Map(map) => map.entry(index).or_insert(0),
        };
        match *slot {
            0 => {
                self.met.push((index, name, 1, role));
                *slot = self.met.len() as u32;
            }
            n => {
                let entry = &mut self.met[n as usize - 1];
                entry.2 += 1;
                entry.3 = entry.3.or(role);
            }
        }
    }

    /// The [`TOGETHER_SHOWN`] most frequent, ties by name (then index), each with its URL.
    fn most(mut self, url: impl Fn(usize) -> String) -> Vec<Counted<'a>> {
        let order = |a: &(usize, &str, usize, Option<&str>),
                     b: &(usize, &str, usize, Option<&str>)| {
            b.2.cmp(&a.2).then_with(|| a.1.cmp(b.1)).then(a.0.cmp(&b.0))
        };
        if self.met.len() > TOGETHER_SHOWN {
            self.met.select_nth_unstable_by(TOGETHER_SHOWN, order);
            self.met.truncate(TOGETHER_SHOWN);
        }
        self.met.sort_unstable_by(order);
        self.met
            .into_iter()
            .map(|(index, name, count, role)| Counted {
                name: Cow::Borrowed(name),
                url: url(index),
                count,
                role,
            })
            .collect()
    }
}

/// A name in an index of names.
#[derive(Serialize, Debug, Clone)]
pub struct IndexEntry<'a> {
    pub name: &'a str,
    pub url: String,
    pub count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'a str>,
    /// The years of its articles: `2019`, `2016–2024`.
    pub span: String,
}

impl<'a> IndexEntry<'a> {
    /// The entry of a term with its articles `items` (newest first).
    pub fn new(view: &super::context::TermView<'a>, items: &[usize], archive: &Archive) -> Self {
        let year = |i: &usize| archive.articles[*i].date.year();
        let span = match (items.last().map(year), items.first().map(year)) {
            (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
            (Some(a), _) => a.to_string(),
            _ => String::new(),
        };
        IndexEntry {
            name: view.name,
            url: view.url.clone(),
            count: view.count,
            role: view.role,
            span,
        }
    }
}

/// A letter of an index's A–Z bar.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct LetterLink {
    /// `A` … `Z`, or `#` for names that start otherwise.
    pub letter: String,
    /// Its names: on the same page (`#letter-a`) or on a page of its own; none when no name
    /// starts with it.
    pub url: Option<String>,
    pub count: usize,
}

/// The names under one letter.
#[derive(Serialize, Debug)]
pub struct LetterGroup<'a> {
    pub letter: String,
    /// The id of its heading.
    pub id: String,
    pub entries: Vec<IndexEntry<'a>>,
}

/// An index of names (`organisations/`, `people/` …): an A–Z bar, the names with the most
/// articles, and every name under its letter — on the index itself, or, for a long index, on a
/// page for each letter (split again past [`LETTER_PAGE`] names), so no page grows without
/// bound.
#[derive(Serialize, Debug)]
pub struct TermIndex<'a> {
    pub total: usize,
    pub letters: Vec<LetterLink>,
    pub most: Vec<IndexEntry<'a>>,
    /// The letters with their names, when they are on the index itself.
    pub groups: Vec<LetterGroup<'a>>,
    pub split: bool,
    /// Every name by number of articles, on pages of their own, when the index shows only the
    /// most frequent.
    pub by_count_url: Option<String>,
}

impl<'a> TermIndex<'a> {
    /// The index as a page of names of its own below it shows it (a letter's page, the names by
    /// number of articles): the A–Z bar's anchors into the index (`#letter-a`) point at the index
    /// page (`index_url`), and the index's own lists are left out.
    pub fn elsewhere(&self, index_url: &str) -> TermIndex<'a> {
        let letters = self
            .letters
            .iter()
            .map(|l| LetterLink {
                url: l.url.as_ref().map(|u| {
                    if u.starts_with('#') {
                        format!("{index_url}{u}")
                    } else {
                        u.clone()
                    }
                }),
                ..l.clone()
            })
            .collect();
        TermIndex {
            total: self.total,
            letters,
            most: Vec::new(),
            groups: Vec::new(),
            split: self.split,
            by_count_url: self.by_count_url.clone(),
        }
    }
}

/// An index with more names than this puts each letter on a page of its own.
pub const SPLIT_ABOVE: usize = 300;
/// The most names one letter page holds.
pub const LETTER_PAGE: usize = 400;
/// How many names "Most articles" shows (an index of fewer than twice as many shows none).
pub const MOST_SHOWN: usize = 20;

/// The letter a name is filed under: its first letter or digit, `A`–`Z`, else `#`.
pub fn letter_of(name: &str) -> char {
    let first = name
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .next()
        .unwrap_or('#')
        .to_ascii_uppercase();
    if first.is_ascii_uppercase() {
        first
    } else {
        '#'
    }
}

/// The folder of a letter's page below an index: `index/a/`, `index/0/` for `#`.
pub fn letter_dir(letter: char) -> String {
    if letter == '#' {
        "index/0/".to_string()
    } else {
        format!("index/{}/", letter.to_ascii_lowercase())
    }
}

/// The folder of the pages listing every name by number of articles: `index/by-count/`.
pub const BY_COUNT_DIR: &str = "index/by-count/";

/// A page of names of its own below an index: (its title's tail — a letter, or "by number of
/// articles" — its folder, its names).
pub type IndexPage<'a> = (String, String, Vec<IndexEntry<'a>>);

/// The index of `entries` (sorted by name) living at `dir` (`organisations/`), and the pages of
/// names of its own: when it is split, each letter's names, and every name by number of
/// articles.
pub fn term_index<'a>(
    entries: Vec<IndexEntry<'a>>,
    dir: &str,
    base: &BaseUrl,
) -> (TermIndex<'a>, Vec<IndexPage<'a>>) {
    let total = entries.len();
    let split = total > SPLIT_ABOVE;
    let mut by_count: Vec<IndexEntry<'a>> = if total >= 2 * MOST_SHOWN {
        entries.clone()
    } else {
        Vec::new()
    };
    by_count.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(b.name)));
    let most: Vec<IndexEntry<'a>> = by_count.iter().take(MOST_SHOWN).cloned().collect();
    let by_letter = by_letter(entries);
    let letters = letter_links(&by_letter, split, dir, base);
    let (groups, mut pages): (Vec<LetterGroup>, Vec<IndexPage>) = if split {
        let pages = by_letter
            .into_iter()
            .map(|(l, list)| {
                let name = if l == '#' {
                    "other characters".to_string()
                } else {
                    l.to_string()
                };
                (name, format!("{dir}{}", letter_dir(l)), list)
            })
            .collect();
        (Vec::new(), pages)
    } else {
        let groups = by_letter
            .into_iter()
            .map(|(l, entries)| LetterGroup {
                letter: l.to_string(),
                id: letter_id(l),
                entries,
            })
            .collect();
        (groups, Vec::new())
    };
    let by_count_url = (!by_count.is_empty()).then(|| base.link(&format!("{dir}{BY_COUNT_DIR}")));
    if !by_count.is_empty() {
        pages.push((
            "by number of articles".to_string(),
            format!("{dir}{BY_COUNT_DIR}"),
            by_count,
        ));
    }
    (
        TermIndex {
            total,
            letters,
            most,
            groups,
            split,
            by_count_url,
        },
        pages,
    )
}

/// `entries` grouped by their first letter (`#` for any other character), A to Z, `#` last.
fn by_letter(entries: Vec<IndexEntry<'_>>) -> Vec<(char, Vec<IndexEntry<'_>>)> {
    let mut by_letter: Vec<(char, Vec<IndexEntry>)> = Vec::new();
    for entry in entries {
        let letter = letter_of(entry.name);
        match by_letter.iter_mut().find(|(l, _)| *l == letter) {
            Some((_, list)) => list.push(entry),
            None => by_letter.push((letter, vec![entry])),
        }
    }
    by_letter.sort_by_key(|(l, _)| if *l == '#' { 'Z' as u32 + 1 } else { *l as u32 });
    by_letter
}

/// The anchor of a letter's group on an index page.
fn letter_id(l: char) -> String {
    if l == '#' {
        "letter-other".to_string()
    } else {
        format!("letter-{}", l.to_ascii_lowercase())
    }
}

/// The A–Z bar: each letter with its count, a link to its page (`split`) or its group.
fn letter_links(
    by_letter: &[(char, Vec<IndexEntry<'_>>)],
    split: bool,
    dir: &str,
    base: &BaseUrl,
) -> Vec<LetterLink> {
    ('A'..='Z')
        .chain(std::iter::once('#'))
        .map(|l| {
            let count = by_letter
                .iter()
                .find(|(x, _)| *x == l)
                .map_or(0, |(_, list)| list.len());
            LetterLink {
                letter: l.to_string(),
                url: (count > 0).then(|| {
                    if split {
                        base.link(&format!("{dir}{}", letter_dir(l)))
                    } else {
                        format!("#{}", letter_id(l))
                    }
                }),
                count,
            }
        })
        .collect()
}

/// The home page's summary of the archive: its size and span, articles per year, and the most
/// active partner pairs and organisations of its latest year.
#[derive(Serialize, Debug)]
pub struct Glance<'a> {
    pub count: usize,
    pub timeline: Option<Timeline>,
    /// The latest year with articles.
    pub year: i32,
    pub latest: Together<'a>,
}

/// How many of each kind the home page's summary shows for the latest year.
pub const GLANCE_SHOWN: usize = 5;

/// The [`Glance`] of `archive`, or none for an archive of fewer than two articles. Its
/// timeline's bars link to the date archive's year (or month) pages.
pub fn glance<'a>(archive: &'a Archive, base: &BaseUrl) -> Option<Glance<'a>> {
    let all: Vec<usize> = (0..archive.articles.len()).collect();
    let link = |anchor: &str, _position: usize| {
        // `y2019` → archive/2019/; `m2019-03` → archive/2019/03/.
        let path = anchor[1..].replace('-', "/");
        base.link(&format!("archive/{path}/"))
    };
    let timeline = timeline(archive, &all, &link)?;
    let latest = archive.years.first()?;
    let items: Vec<usize> = latest.articles.clone().collect();
    let mut together = together(archive, &items, None, base);
    together.organisations.truncate(GLANCE_SHOWN);
    together.partners.truncate(GLANCE_SHOWN);
    together.places.clear();
    together.people.clear();
    Some(Glance {
        count: archive.articles.len(),
        timeline: Some(timeline),
        year: latest.year,
        latest: together,
    })
}

/// A party of the network view: a place with partner pairs.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Node {
    pub name: String,
    pub url: String,
    /// Articles in which it is a party.
    pub count: usize,
    pub x: i32,
    pub y: i32,
    pub r: u32,
    /// Its name is written beside it (the biggest parties).
    pub label: bool,
    pub label_x: i32,
    pub label_y: i32,
    /// `start` or `end`: which side of the circle the label sits on.
    pub anchor: &'static str,
}

/// A partner pair of the network view.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Edge {
    pub x1: i32,
    pub y1: i32,
    pub x2: i32,
    pub y2: i32,
    /// Stroke width, one decimal.
    pub width: String,
    pub count: usize,
}

/// Who works with whom: the parties of the archive's partner pairs around a circle (by name,
/// so the drawing does not depend on the order the articles come in), each pair a line as thick
/// as its count of articles; the same pairs as a table.
#[derive(Serialize, Debug)]
pub struct Network<'a> {
    /// The drawing's size (a square `viewBox`).
    pub size: u32,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Parties and pairs left out of the drawing (the weakest), said under it.
    pub hidden_nodes: usize,
    pub hidden_edges: usize,
    /// The strongest pairs, for the table.
    pub pairs: Vec<Counted<'a>>,
}

/// The most parties the network view draws.
pub const NETWORK_NODES: usize = 60;
/// The most pairs it draws.
pub const NETWORK_EDGES: usize = 120;
/// The most names written beside their node.
pub const NETWORK_LABELS: usize = 16;

/// Pairs of partners' parties with their article counts, and each party's page.
type PairsAndPages<'a> = (Vec<(&'a str, &'a str, usize)>, HashMap<&'a str, String>);

/// Each pair of partners' parties, from its newest article, with the pair's article count; and
/// each party's page: its place page, or for a party that is no place (an editor's `partners`),
/// the page of a pair it is in.
fn pairs_and_pages(archive: &Archive) -> PairsAndPages<'_> {
    let mut page_of: HashMap<&str, String> = HashMap::new();
    let pairs: Vec<(&str, &str, usize)> = archive
        .partners
        .terms
        .iter()
        .zip(&archive.parties)
        .filter_map(|(t, parties)| {
            let (a, b) = archive.articles[*t.articles.first()?]
                .tags
                .partners
                .as_ref()?;
            for (name, place) in [a, b].into_iter().zip(parties) {
                match place {
                    Some(place) => {
                        let slug = &archive.places.terms[*place].slug;
                        page_of.insert(name.as_str(), format!("places/{slug}/"));
                    }
                    None => {
                        page_of
                            .entry(name.as_str())
                            .or_insert_with(|| format!("partners/{}/", t.slug));
                    }
                }
            }
            Some((a.as_str(), b.as_str(), t.articles.len()))
        })
        .collect();
    (pairs, page_of)
}

/// The network of `archive`'s partner pairs, or none when there are fewer than two pairs.
pub fn network<'a>(archive: &'a Archive, base: &BaseUrl) -> Option<Network<'a>> {
    let terms = &archive.partners.terms;
    if terms.len() < 2 {
        return None;
    }
    let (pairs, page_of) = pairs_and_pages(archive);
    let mut weight: HashMap<&str, usize> = HashMap::new();
    for &(a, b, n) in &pairs {
        *weight.entry(a).or_default() += n;
        *weight.entry(b).or_default() += n;
    }
    let mut parties: Vec<(&str, usize)> = weight.into_iter().collect();
    parties.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(y.0)));
    let total_parties = parties.len();
    parties.truncate(NETWORK_NODES);
    let labelled: Vec<&str> = parties.iter().take(NETWORK_LABELS).map(|p| p.0).collect();
    parties.sort_by(|x, y| x.0.cmp(y.0));
    let size: u32 = 640;
    let centre = f64::from(size) / 2.0;
    let radius = centre - 130.0;
    let max_weight = parties.iter().map(|p| p.1).max().unwrap_or(1) as f64;
    let n = parties.len();
    let position: HashMap<&str, (i32, i32)> = parties
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
            let x = (centre + radius * angle.cos()).round() as i32;
            let y = (centre + radius * angle.sin()).round() as i32;
            (p.0, (x, y))
        })
        .collect();
    let nodes = parties
        .iter()
        .enumerate()
        .map(|(i, &(name, count))| {
            let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
            let (x, y) = position[name];
            let r = (3.0 + 9.0 * (count as f64 / max_weight).sqrt()).round() as u32;
            let out = radius + f64::from(r) + 6.0;
            Node {
                name: name.to_string(),
                url: base.link(&page_of[name]),
                count,
                x,
                y,
                r,
                label: labelled.contains(&name) || n <= NETWORK_LABELS,
                label_x: (centre + out * angle.cos()).round() as i32,
                label_y: (centre + out * angle.sin()).round() as i32 + 4,
                anchor: if angle.cos() < -0.01 { "end" } else { "start" },
            }
        })
        .collect();
    let (edges, hidden_edges) = edges(&pairs, &position);
    let table = strongest_pairs(terms, base);
    Some(Network {
        size,
        nodes,
        edges,
        hidden_nodes: total_parties - n,
        hidden_edges,
        pairs: table,
    })
}

/// The lines of the strongest pairs between drawn parties, as thick as their counts, and how
/// many pairs are left out.
fn edges(
    pairs: &[(&str, &str, usize)],
    position: &HashMap<&str, (i32, i32)>,
) -> (Vec<Edge>, usize) {
    let mut drawn: Vec<&(&str, &str, usize)> = pairs
        .iter()
        .filter(|(a, b, _)| position.contains_key(a) && position.contains_key(b))
        .collect();
    drawn.sort_by(|x, y| y.2.cmp(&x.2).then_with(|| (x.0, x.1).cmp(&(y.0, y.1))));
    let hidden_edges = pairs.len() - drawn.len().min(NETWORK_EDGES);
    drawn.truncate(NETWORK_EDGES);
    let max_count = drawn.first().map_or(1, |p| p.2).max(1) as f64;
    let edges: Vec<Edge> = drawn
        .iter()
        .map(|&&(a, b, count)| {
            let ((x1, y1), (x2, y2)) = (position[a], position[b]);
            let width = 1.0 + 4.0 * (count as f64).ln_1p() / max_count.ln_1p();
            Edge {
                x1,
                y1,
                x2,
                y2,
                width: format!("{width:.1}"),
                count,
            }
        })
        .collect();
    (edges, hidden_edges)
}

/// The 30 strongest pairs, for the table under the drawing.
fn strongest_pairs<'a>(pairs: &'a [Term], base: &BaseUrl) -> Vec<Counted<'a>> {
    let mut table = pairs
        .iter()
        .filter(|t| !t.articles.is_empty())
        .map(|t| Counted {
            name: Cow::Borrowed(t.name.as_str()),
            url: base.link(&format!("partners/{}/", t.slug)),
            count: t.articles.len(),
            role: None,
        })
        .collect::<Vec<_>>();
    table.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.name.cmp(&y.name)));
    table.truncate(30);
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NamedMention, Organisation, TaggedArticle};

    fn archive(dates: &[&str], orgs: &[&[usize]]) -> Archive {
        let articles: Vec<TaggedArticle> = dates
            .iter()
            .zip(orgs)
            .enumerate()
            .map(|(n, (d, ids))| {
                let mut a = crate::index::tests::article(&format!("content/{n}.txt"), d, ids);
                crate::index::tests::fields(&mut a).slug = format!("a{n}");
                crate::index::tests::tags(&mut a).places = vec![NamedMention {
                    name: if n % 2 == 0 { "Alder" } else { "Birch" }.to_string(),
                    mentions: Vec::new(),
                }];
                a
            })
            .collect();
        let table = ["Alder Port Authority", "Birch Bank", "Cedar Council"]
            .iter()
            .map(|n| Organisation {
                name: n.to_string(),
                slug: crate::model::slug_or_hash("org", n),
                aliases: Vec::new(),
            })
            .collect();
        Archive::new(articles, table)
    }

    fn link(anchor: &str, position: usize) -> String {
        format!("p{}#{anchor}", position / 2 + 1)
    }

    #[test]
    fn a_timeline_counts_every_year_of_its_span_and_links_where_each_starts() {
        let a = archive(
            &[
                "2019-03-01",
                "2019-07-01",
                "2021-01-05",
                "2022-12-31",
                "2022-01-01",
            ],
            &[&[0], &[0], &[0], &[0], &[0]],
        );
        let items: Vec<usize> = (0..a.articles.len()).collect();
        let t = timeline(&a, &items, &link).unwrap();
        let bars: Vec<(&str, usize, Option<&str>)> = t
            .bars
            .iter()
            .map(|b| (b.label.as_str(), b.count, b.href.as_deref()))
            .collect();
        // Newest first: 2022 starts at position 0 (page 1), 2021 at 2 (page 2), 2019 at 3.
        assert_eq!(
            bars,
            [
                ("2019", 2, Some("p2#y2019")),
                ("2020", 0, None),
                ("2021", 1, Some("p2#y2021")),
                ("2022", 2, Some("p1#y2022")),
            ]
        );
        assert_eq!(t.max, 2);
        assert_eq!(t.caption, "Articles per year");
        assert_eq!(t.first.iso, "2019-03-01");
        assert_eq!(t.last.iso, "2022-12-31");
        // The tallest bar reaches the top; an empty year has no bar; bars never overlap.
        assert_eq!(t.bars[0].y, t.top);
        assert_eq!(t.bars[1].height, 0);
        for pair in t.bars.windows(2) {
            assert!(pair[0].x + pair[0].width < pair[1].x);
        }
        assert!(t.bars.iter().all(|b| b.x + b.width <= t.width));
        let ticks: Vec<&str> = t.ticks.iter().map(|k| k.text.as_str()).collect();
        assert_eq!(ticks.first(), Some(&"2019"));
        assert_eq!(ticks.last(), Some(&"2022"));
    }

    #[test]
    fn a_short_span_counts_by_month_and_one_article_has_no_timeline() {
        let a = archive(&["2024-01-10", "2023-11-02"], &[&[0], &[1]]);
        let t = timeline(&a, &[0, 1], &link).unwrap();
        let labels: Vec<&str> = t.bars.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["November 2023", "December 2023", "January 2024"]);
        assert_eq!(t.bars[0].href.as_deref(), Some("p1#m2023-11"));
        assert_eq!(t.unit, "Month");
        assert!(timeline(&a, &[0], &link).is_none());
    }

    #[test]
    fn a_tally_counts_alike_in_a_table_and_in_a_map() {
        let adds = [
            (3, "Cedar", None),
            (1, "Alder", None),
            (3, "Cedar", Some("chair")),
            (2, "Birch", None),
            (1, "Alder (again)", Some("mayor")),
        ];
        let count = |tally: Tally<'static>| {
            let mut tally = tally;
            for (i, name, role) in adds {
                tally.add(i, name, role);
            }
            tally
                .most(|i| format!("/{i}/"))
                .into_iter()
                .map(|c| (c.name.into_owned(), c.count, c.role, c.url))
                .collect::<Vec<_>>()
        };
        let (table, map) = (Tally::new(5, 1), Tally::new(1000, 1));
        assert!(matches!(table.slot, Slots::Table(_)) && matches!(map.slot, Slots::Map(_)));
        let counted = count(table);
        assert_eq!(counted, count(map));
        assert_eq!(
            counted,
            [
                ("Alder".to_string(), 2, Some("mayor"), "/1/".to_string()),
                ("Cedar".to_string(), 2, Some("chair"), "/3/".to_string()),
                ("Birch".to_string(), 1, None, "/2/".to_string()),
            ]
        );
    }

    #[test]
    fn together_counts_shared_articles_most_first_and_leaves_the_page_out() {
        let a = archive(
            &["2024-01-01", "2024-01-02", "2024-01-03"],
            &[&[0, 1], &[0, 2], &[0, 1]],
        );
        let base = BaseUrl::parse("/").unwrap();
        let t = together(&a, &[0, 1, 2], Some(0), &base);
        let orgs: Vec<(&str, usize)> = t
            .organisations
            .iter()
            .map(|c| (c.name.as_ref(), c.count))
            .collect();
        assert_eq!(orgs, [("Birch Bank", 2), ("Cedar Council", 1)]);
        assert_eq!(t.organisations[0].url, "/organisations/birch-bank/");
        let places: Vec<(&str, usize)> = t
            .places
            .iter()
            .map(|c| (c.name.as_ref(), c.count))
            .collect();
        assert_eq!(places, [("Alder", 2), ("Birch", 1)]);
    }

    #[test]
    fn the_network_draws_the_strongest_parties_inside_its_square_and_says_what_it_hides() {
        let mut dates = Vec::new();
        let mut pairs = Vec::new();
        for i in 0..150 {
            dates.push(format!("2020-01-{:02}", 1 + i % 28));
            // Party 0 works with everyone; the others with their neighbour.
            pairs.push((
                format!("Party {:03}", i % 100),
                format!("Party {:03}", (i + 1) % 100),
            ));
        }
        let date_refs: Vec<&str> = dates.iter().map(String::as_str).collect();
        let orgs: Vec<&[usize]> = vec![&[]; 150];
        let mut a = archive(&date_refs, &orgs);
        let articles: Vec<TaggedArticle> = a
            .articles
            .iter()
            .map(|x| {
                let n: usize = x.slug[1..].parse().unwrap();
                let mut x = x.clone();
                let (p, q) = pairs[n].clone();
                crate::index::tests::tags(&mut x).partners =
                    Some(if p < q { (p, q) } else { (q, p) });
                x
            })
            .collect();
        a = Archive::new(articles, a.organisations.clone());
        let base = BaseUrl::parse("/").unwrap();
        let net = network(&a, &base).unwrap();
        assert_eq!(net.nodes.len(), NETWORK_NODES);
        assert_eq!(net.hidden_nodes, 100 - NETWORK_NODES);
        assert!(net.edges.len() <= NETWORK_EDGES);
        assert!(net.hidden_edges > 0);
        assert!(net.nodes.iter().filter(|n| n.label).count() <= NETWORK_LABELS);
        // No party is a place here: each links to a pair it is in, a page that exists.
        for n in &net.nodes {
            let pair = n.url.trim_start_matches("/partners/").trim_end_matches('/');
            assert!(a.partners.get(pair).is_some(), "{}", n.url);
        }
        let size = net.size as i32;
        for n in &net.nodes {
            assert!(n.x > 0 && n.x < size && n.y > 0 && n.y < size, "{n:?}");
        }
        // The same archive gives the same drawing.
        let again = network(&a, &base).unwrap();
        assert_eq!(again.nodes, net.nodes);
        assert_eq!(again.edges, net.edges);
    }

    #[test]
    fn letters_file_names_and_a_long_index_is_split_by_letter() {
        assert_eq!(letter_of("Alder Bank"), 'A');
        assert_eq!(letter_of("“birch” Fund"), 'B');
        assert_eq!(letter_of("Évian Council"), '#');
        assert_eq!(letter_of("北京大学"), '#');
        assert_eq!(letter_dir('#'), "index/0/");
        let base = BaseUrl::parse("/").unwrap();
        let names: Vec<String> = (0..SPLIT_ABOVE + 1)
            .map(|n| format!("{} Body {n:04}", ["Alder", "Birch", "北京"][n % 3]))
            .collect();
        fn entries(names: &[String]) -> Vec<IndexEntry<'_>> {
            names
                .iter()
                .enumerate()
                .map(|(n, name)| IndexEntry {
                    name,
                    url: format!("/x/{n}/"),
                    count: n % 7,
                    role: None,
                    span: String::new(),
                })
                .collect()
        }
        let (index, pages) = term_index(entries(&names), "organisations/", &base);
        assert!(index.split);
        assert!(index.groups.is_empty());
        assert_eq!(index.most.len(), MOST_SHOWN);
        assert!(index.most.windows(2).all(|w| w[0].count >= w[1].count));
        let dirs: Vec<&str> = pages.iter().map(|p| p.1.as_str()).collect();
        assert_eq!(
            dirs,
            [
                "organisations/index/a/",
                "organisations/index/b/",
                "organisations/index/0/",
                "organisations/index/by-count/"
            ]
        );
        let by_count = &pages[3].2;
        assert_eq!(by_count.len(), names.len());
        assert!(by_count.windows(2).all(|w| w[0].count >= w[1].count));
        let a = &index.letters[0];
        assert_eq!(a.url.as_deref(), Some("/organisations/index/a/"));
        assert_eq!(index.letters[2].url, None, "no name starts with C");
        assert_eq!(
            pages[..3].iter().map(|p| p.2.len()).sum::<usize>(),
            names.len()
        );
        // A short index keeps its names on the page, under their letters.
        let (index, pages) = term_index(entries(&names[..9]), "people/", &base);
        assert!(!index.split && pages.is_empty() && index.most.is_empty());
        assert_eq!(index.letters[0].url.as_deref(), Some("#letter-a"));
        assert_eq!(index.groups.len(), 3);
        assert_eq!(index.groups[2].id, "letter-other");
    }
}

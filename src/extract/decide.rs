//! Rules propose, a model decides. Every organisation the rules and tables find in an article is
//! a candidate; a trained logistic model ([`Model`], `model/organisations.tsv`, made by the
//! `concord-train` tool) weighs the evidence — what proposed it, the shape of the name, where and
//! how often the article names it, the words around it — and gives it a confidence. A candidate
//! becomes a tag (and so can get a page) only at or above the model's threshold, chosen on the
//! dev split for precision; names from the site's table or the article's front matter always
//! pass; `[extract] min_confidence` can move the threshold. Rejected candidates are kept, with
//! their confidence, for `check --json`.

use super::organisations::Source;
use super::text;
use super::vocabulary::{Words, is_given_name, is_head, is_title_word};
use rustc_hash::FxHashMap as HashMap;

/// The model embedded in the binary.
const EMBEDDED: &str = include_str!("model/organisations.tsv");

/// A logistic model over named features.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Confidence at or above which a candidate is kept, 0–1.
    pub threshold: f64,
    bias: f64,
    weights: HashMap<String, f64>,
}

impl Model {
    /// The model shipped with this binary, read once.
    pub fn embedded() -> &'static Model {
        static MODEL: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
        MODEL.get_or_init(|| Model::parse(EMBEDDED))
    }

    /// Reads the `feature<TAB>weight` lines of a model file (`threshold` and `bias` among them;
    /// `#` starts a comment). A line that does not parse is skipped: the file is generated.
    pub fn parse(text: &str) -> Model {
        let mut model = Model {
            threshold: 0.5,
            bias: 0.0,
            weights: HashMap::default(),
        };
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let Some((name, value)) = line.split_once('\t') else {
                continue;
            };
            let Ok(value) = value.trim().parse::<f64>() else {
                continue;
            };
            match name {
                "threshold" => model.threshold = value,
                "bias" => model.bias = value,
                _ => {
                    model.weights.insert(name.to_string(), value);
                }
            }
        }
        model
    }

    /// A model from trained weights (the training tool's output).
    pub fn new(
        threshold: f64,
        bias: f64,
        weights: impl IntoIterator<Item = (String, f64)>,
    ) -> Model {
        Model {
            threshold,
            bias,
            weights: weights.into_iter().collect(),
        }
    }

    /// The model file's text: sorted, rounded, so the same training gives the same bytes.
    pub fn to_text(&self, header: &str) -> String {
        let mut lines: Vec<(&String, &f64)> = self
            .weights
            .iter()
            .filter(|(_, w)| w.abs() >= 5e-4)
            .collect();
        lines.sort_by(|a, b| a.0.cmp(b.0));
        let mut out = String::from(header);
        out.push_str(&format!(
            "threshold\t{:.3}\nbias\t{:.3}\n",
            self.threshold, self.bias
        ));
        for (name, weight) in lines {
            out.push_str(&format!("{name}\t{weight:.3}\n"));
        }
        out
    }

    /// The confidence, 0–1, of a candidate with these features.
    pub fn confidence(&self, features: &[String]) -> f64 {
        let z = self.bias
            + features
                .iter()
                .filter_map(|f| self.weights.get(f))
                .sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }
}

/// Words before a name that make it a credit, not a subject. (`words.toml`: `decide.credit_words`)
static CREDIT_WORDS: Words = Words::new("decide.credit_words");

/// Whether every mention at `found` credits the organisation as a source of the news, not a
/// party to it: "told Reuters", "according to Xinhua", "cited by CCTV", "Reuters reported", a
/// bracketed agency after a dateline ("ALDER, May 5 (Harbour Wire) --").
pub fn only_credited(text: &str, found: &[(usize, usize)]) -> bool {
    !found.is_empty() && found.iter().all(|&(at, end)| credits(text, at, end))
}

/// Whether the mention at `text[at..end]` credits a source.
fn credits(text: &str, at: usize, end: usize) -> bool {
    let before = text[..at].trim_end();
    let prev = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let earlier = before[..before.len() - prev.len()].trim_end();
    // Only the end of the text before is compared: lowering all of it for each mention made
    // this the costliest line of the reading stage.
    let ends_with = |word: &str| {
        earlier.len() >= word.len()
            && earlier.is_char_boundary(earlier.len() - word.len())
            && earlier[earlier.len() - word.len()..].eq_ignore_ascii_case(word)
    };
    let next = text[end..]
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let dateline_credit = before.ends_with('(')
        && text[end..].starts_with(')')
        && text[end + 1..]
            .trim_start()
            .starts_with(['-', '\u{2013}', '\u{2014}']);
    // A photo's credit, the agency beside the photographer in brackets: "(Harbour Wire/Ana
    // Ruiz)", "[HARBOUR WIRE/TIDE POST]".
    let after = &text[end..];
    let photo_credit = (before.ends_with(['(', '[']) && after.starts_with('/'))
        || (before.ends_with('/')
            && after.starts_with([')', ']'])
            && before.rfind(['(', '[']).is_some_and(|open| {
                !before[open..].contains([')', ']', '\n']) && before.len() - open <= 60
            }));
    matches!(prev.as_str(), "told" | "via")
        || photo_credit
        || (prev == "to" && ends_with("according"))
        || (prev == "by" && ["cited", "quoted", "reported"].into_iter().any(ends_with))
        || matches!(next, "reported" | "reports" | "reporting")
        || dateline_credit
}

/// The occurrences of `mentions` in `text`, as whole words, found by searching.
#[cfg(test)]
fn occurrences(text: &str, mentions: &[String]) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = mentions
        .iter()
        .flat_map(|m| {
            text.match_indices(m.as_str())
                .map(|(at, m)| (at, at + m.len()))
                .filter(|&(a, b)| text::whole_word(text, a, b))
        })
        .collect();
    found.sort_unstable();
    found
}

/// Where an article's headline and its lead (the first paragraph after it) end: read once an
/// article, not once a candidate (a long first paragraph read for each of many candidates made
/// the decision quadratic in the text).
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    body: usize,
    lead_end: usize,
}

impl Layout {
    /// The layout of an article's extraction `text`.
    pub fn of(text: &str) -> Layout {
        let body = text::body_start(text);
        let lead_end = text::block_ends(&text[body..])
            .next()
            .map_or(text.len(), |i| body + i);
        Layout { body, lead_end }
    }
}

/// The features of one candidate: `name` (its canonical name), the `mentions` the article writes
/// and where they stand (`found`, byte spans in order), what proposed it (`sources`, [`Source`]
/// bits), in the article's extraction `text`, whose [`Layout`] is `layout`.
pub fn features(
    text: &str,
    layout: Layout,
    name: &str,
    mentions: &[String],
    found: &[(usize, usize)],
    sources: u8,
    is_place: &dyn Fn(&str) -> bool,
) -> Vec<String> {
    let mut f: Vec<String> = Vec::with_capacity(32);
    for (bit, label) in Source::NAMES {
        if sources & bit != 0 {
            f.push(format!("src:{label}"));
        }
    }
    let shown = mentions
        .iter()
        .max_by_key(|m| m.chars().count())
        .map_or(name, String::as_str);
    shape(shown, is_place, &mut f);
    let Layout { body, lead_end } = layout;
    let (mut in_title, mut in_lead, mut credited, mut bracketed) = (false, false, 0, 0);
    let count = found.len();
    for &(at, end) in found {
        in_title |= at < body;
        in_lead |= at >= body && at < lead_end;
        let before = text[..at].trim_end();
        let prev = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if CREDIT_WORDS.iter().any(|w| prev.eq_ignore_ascii_case(w))
            || before
                .get(before.len().saturating_sub(12)..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case("according to"))
        {
            credited += 1;
        }
        if before.ends_with('(') && text[end..].starts_with(')') {
            bracketed += 1;
        }
    }
    let first = found.first().copied();
    f.push(format!("count:{}", count.min(4)));
    f.push(format!("forms:{}", mentions.len().min(3)));
    if in_title {
        f.push("in:title".into());
    }
    if in_lead {
        f.push("in:lead".into());
    }
    if count > 0 && credited == count {
        f.push("only:credited".into());
    } else if credited > 0 {
        f.push("some:credited".into());
    }
    if count > 0 && bracketed == count {
        f.push("only:bracketed".into());
    }
    if let Some((at, end)) = first {
        let before = text[..at].trim_end();
        let prev = before
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        f.push(format!("prev:{}", word_class(prev)));
        let next = text[end..].split_whitespace().next().unwrap_or("");
        f.push(format!("next:{}", word_class(next)));
    }
    f
}

/// The shape of a name: its length, its first and last words, and the words in it that say
/// person, place, title or body.
fn shape(name: &str, is_place: &dyn Fn(&str) -> bool, f: &mut Vec<String>) {
    let words: Vec<&str> = name.split_whitespace().collect();
    f.push(format!("words:{}", words.len().min(5)));
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if words.len() == 1 && letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        f.push("acronym".into());
    } else if letters.len() > 3 && letters.iter().all(|c| c.is_uppercase()) {
        f.push("shouted".into());
    }
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    if lower.iter().any(|w| w == "and" || w == "&") {
        f.push("has:and".into());
    }
    if lower.iter().any(|w| w == "of" || w == "for") {
        f.push("has:of".into());
    }
    if words.iter().any(|w| text::possessive_stem(w).is_some()) {
        f.push("has:possessive".into());
    }
    if name.chars().any(|c| c.is_ascii_digit()) {
        f.push("has:digit".into());
    }
    if is_place(name) {
        f.push("whole:place".into());
    } else if words.iter().any(|w| is_place(w)) {
        f.push("has:place".into());
    }
    if let Some(first) = words.first() {
        if is_given_name(first) && words.len() >= 2 {
            f.push("first:given-name".into());
        }
        // A title before a body's head names the body, not a person's title: "Justice
        // Department", "Foreign Ministry", "General Assembly".
        if is_title_word(&first.to_lowercase()) && !words.get(1).is_some_and(|w| is_head(w)) {
            f.push("first:title".into());
        }
        f.push(format!("first:{}", lower[0]));
    }
    if let Some(last) = lower.last() {
        if is_head(words[words.len() - 1]) {
            f.push("last:head".into());
        }
        if text::is_legal_form(words[words.len() - 1]) {
            f.push("last:legal-form".into());
        }
        f.push(format!("last:{last}"));
    }
}

/// A word next to a name, as a feature value: punctuation kept, words lower-cased, numbers and
/// capitalised words by their kind.
fn word_class(word: &str) -> String {
    let core = word.trim_matches(|c: char| !c.is_alphanumeric());
    if core.is_empty() {
        return if word.is_empty() {
            "none".into()
        } else {
            word.chars().take(2).collect()
        };
    }
    if core.chars().all(|c| c.is_ascii_digit()) {
        return "number".into();
    }
    let lower = core.to_lowercase();
    if core.chars().next().is_some_and(char::is_uppercase) && lower != "the" {
        return "Capitalised".into();
    }
    lower
}

/// Whether the decision needs no model: the site's table or the article's front matter named it.
pub fn always_kept(sources: u8) -> bool {
    sources & (Source::SITE | Source::DECLARED) != 0
}

/// The confidence a candidate needs: `[extract] min_confidence`, else the model's threshold.
pub fn threshold(config: &crate::config::ExtractConfig) -> f64 {
    config
        .min_confidence
        .unwrap_or_else(|| Model::embedded().threshold)
}

/// What proposed a candidate ([`Source`] bits), by name: "site", "builtin", "declared",
/// "defined", "text", "initials".
pub fn evidence_names(sources: u8) -> Vec<&'static str> {
    Source::NAMES
        .iter()
        .filter(|(bit, _)| sources & bit != 0)
        .map(|&(_, name)| name)
        .collect()
}

/// Why a candidate with these `sources` and this `confidence` was `kept` or turned down.
pub fn decision(sources: u8, confidence: f64, threshold: f64, kept: bool) -> String {
    if sources & Source::SITE != 0 {
        "kept: the site's [organisations] table names it".into()
    } else if sources & Source::DECLARED != 0 {
        "kept: the article's front matter names it".into()
    } else if kept {
        format!("kept: confidence {confidence:.3} ≥ threshold {threshold:.3}")
    } else {
        format!("turned down: confidence {confidence:.3} < threshold {threshold:.3}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_names_its_evidence_and_the_threshold() {
        assert_eq!(
            evidence_names(Source::DEFINED | Source::TEXT),
            ["defined", "text"]
        );
        assert_eq!(
            decision(Source::SITE | Source::TEXT, 1.0, 0.5, true),
            "kept: the site's [organisations] table names it"
        );
        assert_eq!(
            decision(Source::DECLARED, 1.0, 0.5, true),
            "kept: the article's front matter names it"
        );
        assert_eq!(
            decision(Source::TEXT, 0.61, 0.5, true),
            "kept: confidence 0.610 ≥ threshold 0.500"
        );
        assert_eq!(
            decision(Source::TEXT, 0.4, 0.5, false),
            "turned down: confidence 0.400 < threshold 0.500"
        );
    }

    fn no_place(_: &str) -> bool {
        false
    }

    #[test]
    fn a_name_only_credited_as_a_source_is_a_credit() {
        let text = "Title\n\nALDER, May 5 (Harbour Wire) -- Alder Bank told Kestrel News it would \
                    lend more, according to Birch Radio. Valmora Daily reported the loan; it was \
                    cited by Tide Post. Alder Bank signed with Birch Radio.\n\nA port crane \
                    (Harbour Wire/Ana Ruiz) [ALDER PRESS/COAST SNAP]";
        let credited = |name: &str| only_credited(text, &occurrences(text, &[name.to_string()]));
        for name in [
            "Harbour Wire",
            "Kestrel News",
            "Valmora Daily",
            "Tide Post",
            "ALDER PRESS",
            "COAST SNAP",
        ] {
            assert!(credited(name), "{name}");
        }
        // Named once as a party: not only a credit.
        assert!(!credited("Birch Radio"));
        assert!(!credited("Alder Bank"));
        assert!(!credited("Nowhere"));
    }

    #[test]
    fn features_name_the_evidence() {
        let text =
            "Ports sign pact\n\nThe Alder Port Authority (APA) told Reuters it signed.\n\nMore.";
        let mentions = ["Alder Port Authority".to_string(), "APA".to_string()];
        let f = features(
            text,
            Layout::of(text),
            "Alder Port Authority",
            &mentions,
            &occurrences(text, &mentions),
            Source::DEFINED,
            &no_place,
        );
        for expected in [
            "src:defined",
            "words:3",
            "last:head",
            "in:lead",
            "count:2",
            "forms:2",
        ] {
            assert!(f.iter().any(|x| x == expected), "{expected} in {f:?}");
        }
        let reuters = ["Reuters".to_string()];
        let found = occurrences(text, &reuters);
        let credit = features(
            text,
            Layout::of(text),
            "Reuters",
            &reuters,
            &found,
            Source::BUILTIN,
            &no_place,
        );
        assert!(credit.iter().any(|x| x == "only:credited"), "{credit:?}");
        assert!(!f.iter().any(|x| x == "last:legal-form"), "{f:?}");
        let text = "Title\n\nDunmore AG cut its forecast.";
        let company = ["Dunmore AG".to_string()];
        let found = occurrences(text, &company);
        let f = features(
            text,
            Layout::of(text),
            "Dunmore AG",
            &company,
            &found,
            Source::TEXT,
            &no_place,
        );
        assert!(f.iter().any(|x| x == "last:legal-form"), "{f:?}");
    }

    #[test]
    fn a_title_before_a_head_is_no_title() {
        let titled = |name: &str| {
            let mut f = Vec::new();
            shape(name, &no_place, &mut f);
            f.iter().any(|x| x == "first:title")
        };
        for body in ["Foreign Ministry", "Justice Department", "General Assembly"] {
            assert!(!titled(body), "{body}");
        }
        for person_like in ["President Lin Wei", "King Arthur's Court", "Judge Alder"] {
            assert!(titled(person_like), "{person_like}");
        }
    }

    #[test]
    fn the_model_file_round_trips_and_scores() {
        let model = Model::new(
            0.6,
            -1.0,
            [
                ("src:defined".to_string(), 3.0),
                ("has:and".to_string(), -2.0),
            ],
        );
        let text = model.to_text("# test\n");
        assert_eq!(Model::parse(&text), model);
        assert!(model.confidence(&["src:defined".into()]) > 0.8);
        assert!(model.confidence(&["has:and".into()]) < 0.1);
    }

    #[test]
    fn the_embedded_model_reads() {
        let model = Model::embedded();
        assert!((0.0..1.0).contains(&model.threshold));
        assert!(
            model.weights.len() > 50,
            "a trained model, not the placeholder"
        );
    }
}

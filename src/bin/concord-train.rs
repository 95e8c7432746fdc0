//! `concord-train`: trains the organisation decision model (`src/extract/model/organisations.tsv`)
//! and the sequence labeller (`src/extract/labeller.rs`)
//! from the shared corpora, in place (the data is never copied into the repository).
//!
//! The labeller learns from the token-labelled open corpora (weight `--labeller-bio-weight`) and
//! the domain-dev train split, whose document-level gold is projected onto tokens
//! ([`labeller::project_spans`]: every whole-word occurrence of a gold name, longest first; optional
//! organisations and unlisted back-references masked; titles taken off people's names); it is
//! reported on the dev split at the mention level, and written with `--labeller-out FILE`. It
//! is not used by a build yet: it did not improve the dev split (see README, "How Concord
//! reads").
//!
//! ```sh
//! cargo run --release --features train --bin concord-train -- [--shared ../shared]
//! ```
//!
//! Candidates are what Concord's rules and tables propose on each training document; a candidate
//! is labelled right when its name or a mention matches a gold organisation (the corpus README's
//! rule), wrong otherwise, and left out when it matches only an optional name. Training documents:
//! the `train` split of `domain-dev` (src/extract/model/splits.toml) and the open token-labelled
//! corpora of `corpus/train/` (GUM's non-news genres, wikigold, re3d), weighted lower. A logistic
//! model is fitted by full-batch gradient descent (no randomness: the same data gives the same
//! bytes). Its threshold is the one that maximises the expected F0.5 (precision weighed twice
//! recall) of calibrated confidences, the best F0.5 reached divided by 1.25, over held-out
//! confidences: the `dev` split read by the model, and every
//! training document read by a model fitted on the other folds (4 folds by document, each
//! corpus at its training weight); the dev split alone has too few wrong candidates to choose
//! on. The `test` split is never read.

use concord::SiteConfig;
use concord::extract::{CandidateView, candidates, decide::Model, labeller};
use concord::model::Article;
use concord::parse::{Format, parse_file};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

struct Options {
    shared: PathBuf,
    out: PathBuf,
    bio_weight: f64,
    epochs: usize,
    l2: f64,
    /// Where to write the labeller's model file, if anywhere.
    labeller_out: Option<PathBuf>,
    labeller_epochs: usize,
    labeller_bio_weight: f32,
    /// Train only the labeller.
    labeller_only: bool,
    /// Write the common lower-case words of the open corpora here instead of training.
    common_words_out: Option<PathBuf>,
    /// Write the plurals that end organisations' names in ROR here instead of training.
    plurals_out: Option<PathBuf>,
}

fn main() -> std::process::ExitCode {
    let mut options = Options {
        shared: PathBuf::from("../shared"),
        out: PathBuf::from("src/extract/model/organisations.tsv"),
        bio_weight: 0.1,
        epochs: 3000,
        l2: 1e-3,
        labeller_out: None,
        labeller_epochs: 12,
        labeller_bio_weight: 0.2,
        labeller_only: false,
        plurals_out: None,
        common_words_out: None,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--shared" => options.shared = PathBuf::from(value),
            "--out" => options.out = PathBuf::from(value),
            "--bio-weight" => options.bio_weight = value.parse().unwrap_or(options.bio_weight),
            "--epochs" => options.epochs = value.parse().unwrap_or(options.epochs),
            "--l2" => options.l2 = value.parse().unwrap_or(options.l2),
            "--labeller-out" => options.labeller_out = Some(PathBuf::from(value)),
            "--plurals-out" => options.plurals_out = Some(PathBuf::from(value)),
            "--common-words-out" => options.common_words_out = Some(PathBuf::from(value)),
            "--labeller-epochs" => {
                options.labeller_epochs = value.parse().unwrap_or(options.labeller_epochs);
            }
            "--labeller-bio-weight" => {
                options.labeller_bio_weight = value.parse().unwrap_or(options.labeller_bio_weight);
            }
            "--labeller-only" => {
                options.labeller_only = true;
                i += 1;
                continue;
            }
            other => {
                eprintln!(
                    "unknown argument {other}; usage: concord-train [--shared DIR] [--out FILE] [--bio-weight W] [--epochs N] [--l2 X] [--labeller-out FILE] [--labeller-epochs N] [--labeller-bio-weight W] [--labeller-only] [--plurals-out FILE] [--common-words-out FILE]"
                );
                return std::process::ExitCode::from(2);
            }
        }
        i += 2;
    }
    let word_list = match (&options.plurals_out, &options.common_words_out) {
        (Some(out), _) => Some(write_organisation_plurals(&options.shared, out)),
        (None, Some(out)) => Some(write_common_words(&options.shared, out)),
        (None, None) => None,
    };
    if let Some(written) = word_list {
        return match written {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                std::process::ExitCode::from(1)
            }
        };
    }
    let result = train_labeller(&options).and_then(|()| {
        if options.labeller_only {
            Ok(())
        } else {
            train(&options)
        }
    });
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::ExitCode::from(1)
        }
    }
}

/// How many ROR names (of two words or more) a word must end to be an organisation's last word.
const LAST_WORD_MIN_NAMES: usize = 5;

/// Writes the plurals that end many organisations' names in ROR (`corpus/train/ror-names.txt`,
/// CC0): capitalised words of four letters or more ending in "s" (not "ss", "us" or "is", which
/// end surnames: "Ross", "Marcus", "Davis"), each ending at least [`LAST_WORD_MIN_NAMES`] names,
/// and neither a place of the built-in gazetteer nor a common given name. The reader takes a
/// name that ends in one and opens with no given name as no person's ("Brightline Foods
/// said"). Sorted, so the same names give the same bytes.
fn write_organisation_plurals(shared: &Path, out: &Path) -> Result<(), String> {
    let path = shared.join("corpus/train/ror-names.txt");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let words = organisation_plurals(&text);
    let mut file = String::from(
        "# Plurals that end many organisations' names: each ends at least 5 names of two words or\n\
         # more in the Research Organization Registry (ROR, CC0), is capitalised, four letters or\n\
         # more, ends in \"s\" (not \"ss\", \"us\" or \"is\", which end surnames), and is neither a\n\
         # place of places.txt nor a common given name. Written by\n\
         # `concord-train --plurals-out` (src/bin/concord-train.rs); do not edit by hand.\n",
    );
    for line in words.chunks(12) {
        file.push_str(&line.join(" "));
        file.push('\n');
    }
    std::fs::write(out, file).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("{} plurals written to {}", words.len(), out.display());
    Ok(())
}

/// The plurals [`write_organisation_plurals`] keeps, from ROR's names (one a line), sorted.
fn organisation_plurals(names: &str) -> Vec<&str> {
    let places = concord::extract::places::PlaceFinder::new(&concord::extract::places::gazetteer(
        &BTreeMap::new(),
    ));
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for name in names.lines() {
        let words: Vec<&str> = name.split_whitespace().collect();
        if let [_, .., last] = words.as_slice() {
            *counts.entry(last).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|&(word, n)| {
            let mut chars = word.chars();
            n >= LAST_WORD_MIN_NAMES
                && word.chars().count() >= 4
                && chars.next().is_some_and(|c| c.is_ascii_uppercase())
                && chars.all(|c| c.is_ascii_lowercase())
                && word.ends_with('s')
                && !["ss", "us", "is"].iter().any(|end| word.ends_with(end))
                && !places.is_place(word)
                && !concord::extract::vocabulary::is_given_name(word)
        })
        .map(|(word, _)| word)
        .collect()
}

/// How often a word must stand in lower case in the open corpora to be a common word.
const COMMON_MIN_LOWER: usize = 2;

/// How many times more often a common word stands in lower case than capitalised inside a
/// sentence.
const COMMON_LOWER_RATIO: usize = 9;

/// Writes the common words of English as the open token-labelled corpora use them
/// (`corpus/train/*.bio`: GUM, wikigold, re3d; see NOTICE): see [`common_words`].
fn write_common_words(shared: &Path, out: &Path) -> Result<(), String> {
    let mut texts = Vec::new();
    for file in ["gum-cc.bio", "wikigold.bio", "re3d-open.bio"] {
        let path = shared.join("corpus/train").join(file);
        texts.push(std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    let words = common_words(&texts.iter().map(String::as_str).collect::<Vec<_>>());
    let mut file = format!(
        "# Common words: each stands in lower case at least {COMMON_MIN_LOWER} times in the open\n\
         # token-labelled corpora of ../shared/corpus/train (GUM, wikigold, re3d; see NOTICE), and\n\
         # {COMMON_LOWER_RATIO} times or more as often as it stands capitalised inside a sentence;\n\
         # three letters or more, a-z only. Written by `concord-train --common-words-out`\n\
         # (src/bin/concord-train.rs); do not edit by hand.\n",
    );
    for line in words.chunks(12) {
        file.push_str(&line.join(" "));
        file.push('\n');
    }
    std::fs::write(out, file).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("{} common words written to {}", words.len(), out.display());
    Ok(())
}

/// The common words of these `.bio` texts (a token and its tag a line, a blank line between
/// sentences), sorted: words of three letters or more, a-z only, that stand in lower case at
/// least [`COMMON_MIN_LOWER`] times and [`COMMON_LOWER_RATIO`] times as often as capitalised
/// inside a sentence (a sentence's first word is not counted capitalised: it is written so
/// anyway).
fn common_words(texts: &[&str]) -> Vec<String> {
    let mut lower: BTreeMap<String, usize> = BTreeMap::new();
    let mut capitalised: HashMap<String, usize> = HashMap::new();
    for text in texts {
        let mut opens = true;
        for line in text.lines() {
            if line.is_empty() || line.starts_with("#doc") {
                opens = true;
                continue;
            }
            let token = line.split('\t').next().unwrap_or("");
            let first = token.chars().next();
            if token.len() >= 3 && token.chars().skip(1).all(|c| c.is_ascii_lowercase()) {
                match first {
                    Some(c) if c.is_ascii_lowercase() => {
                        *lower.entry(token.to_string()).or_default() += 1;
                    }
                    Some(c) if c.is_ascii_uppercase() && !opens => {
                        *capitalised.entry(token.to_ascii_lowercase()).or_default() += 1;
                    }
                    _ => {}
                }
            }
            opens = false;
        }
    }
    lower
        .into_iter()
        .filter(|(word, n)| {
            *n >= COMMON_MIN_LOWER
                && *n >= COMMON_LOWER_RATIO * capitalised.get(word).copied().unwrap_or(0)
        })
        .map(|(word, _)| word)
        .collect()
}

/// One labelled candidate.
struct Example {
    features: Vec<usize>,
    label: f64,
    weight: f64,
}

fn train(options: &Options) -> Result<(), String> {
    let splits = read_splits()?;
    let corpus = options.shared.join("corpus/domain-dev");
    let gold = read_gold(&corpus)?;
    // Each training corpus with the weight of its examples: the beat's train split at 1, the
    // open corpora lower (they teach name structure, not the beat).
    let mut corpora = vec![(domain_docs(&corpus, &gold, &splits["train"])?, 1.0)];
    for file in ["gum-cc.bio", "wikigold.bio", "re3d-open.bio"] {
        let path = options.shared.join("corpus/train").join(file);
        corpora.push((bio_docs(&path)?, options.bio_weight));
    }
    let scored: Vec<(Vec<Judged>, f64)> = corpora
        .iter()
        .map(|((docs, golds), w)| (label_each(docs, golds), *w))
        .collect();
    // What the model learns from. The open corpora's documents have no news layout
    // (`bio_docs` makes up a title and cuts the sentences into paragraphs of four), so where a
    // name stands in them teaches nothing; the held-out confidences below still read every
    // feature, as the shipped reader does.
    let learned: Vec<(Vec<Judged>, f64)> = scored
        .iter()
        .enumerate()
        .map(|(k, (docs, w))| {
            let mut docs = docs.clone();
            if k > 0 {
                without_layout(&mut docs);
            }
            (docs, *w)
        })
        .collect();
    let count = |k: usize| -> usize { scored[k].0.iter().map(Vec::len).sum() };
    eprintln!(
        "{} candidates from domain-dev train, {} from corpus/train",
        count(0),
        (1..scored.len()).map(count).sum::<usize>()
    );
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut model = fit_model(&learned, None, &mut index, options);
    // The threshold is chosen on what no model saw while it learned: the dev split, read by the
    // model above, and every training document read by a model fitted on the other folds.
    let (dev_docs, dev_gold) = domain_docs(&corpus, &gold, &splits["dev"])?;
    let mut held: Vec<(f64, Option<bool>, f64)> = label(&dev_docs, &dev_gold)
        .iter()
        .map(|(c, l)| (model.confidence(&c.features), *l, 1.0))
        .collect();
    let mut gold_total: f64 = dev_gold.iter().map(|g| g.forms.len() as f64).sum();
    for fold in 0..FOLDS {
        let fold_model = fit_model(&learned, Some(fold), &mut index, options);
        for ((scored_docs, w), ((_, golds), _)) in scored.iter().zip(&corpora) {
            for (k, (doc, g)) in scored_docs.iter().zip(golds).enumerate() {
                if k % FOLDS == fold {
                    gold_total += g.forms.len() as f64 * w;
                    held.extend(
                        doc.iter()
                            .map(|(c, l)| (fold_model.confidence(&c.features), *l, *w)),
                    );
                }
            }
        }
    }
    let (threshold, table) = choose_threshold(&held, gold_total);
    model.threshold = threshold;
    eprintln!("{table}");
    let header = format!(
        "# Concord's organisation decision model: a logistic model over the features of\n\
         # src/extract/decide.rs. Made by `concord-train` (src/bin/concord-train.rs) from\n\
         # ../shared/corpus/domain-dev (train split, {} documents) and ../shared/corpus/train\n\
         # (GUM, wikigold, re3d: see NOTICE), weight {}, without their layout features\n\
         # ({LAYOUT_FEATURES}…: their titles and paragraphs are made up); {} epochs, L2 {}. The threshold was\n\
         # chosen for F0.5 (the best F0.5 reached / 1.25) on the dev split ({} documents)\n\
         # and on every training document scored by a model fitted on the other {} folds of\n\
         # {FOLDS}.\n",
        splits["train"].len(),
        options.bio_weight,
        options.epochs,
        options.l2,
        splits["dev"].len(),
        FOLDS - 1,
    );
    std::fs::write(&options.out, model.to_text(&header))
        .map_err(|e| format!("{}: {e}", options.out.display()))?;
    eprintln!("wrote {} (threshold {threshold:.3})", options.out.display());
    Ok(())
}

/// The features that say where in a news article's layout a candidate stands (its headline,
/// its lead: `decide.rs`, "in:…").
const LAYOUT_FEATURES: &str = "in:";

/// `docs` without their candidates' layout features: for documents whose headline and
/// paragraphs are not the writer's.
fn without_layout(docs: &mut [Judged]) {
    for (candidate, _) in docs.iter_mut().flatten() {
        candidate
            .features
            .retain(|f| !f.starts_with(LAYOUT_FEATURES));
    }
}

/// One document's candidates with their labels ([`judge`]).
type Judged = Vec<(CandidateView, Option<bool>)>;

/// Folds of the training documents (document `k` is in fold `k % FOLDS`) for the held-out
/// confidences the threshold is chosen on.
const FOLDS: usize = 4;

/// The model fitted on every scored document, or on those outside `held_out` fold.
fn fit_model(
    scored: &[(Vec<Judged>, f64)],
    held_out: Option<usize>,
    index: &mut BTreeMap<String, usize>,
    options: &Options,
) -> Model {
    let mut examples = Vec::new();
    for (docs, weight) in scored {
        for (k, doc) in docs.iter().enumerate() {
            if held_out != Some(k % FOLDS) {
                add_examples(doc, *weight, index, &mut examples);
            }
        }
    }
    let names = by_number(index);
    let (bias, weights) = fit(&examples, names.len(), options);
    let weights: HashMap<String, f64> = names
        .iter()
        .zip(&weights)
        .map(|(n, w)| ((*n).clone(), *w))
        .collect();
    Model::new(0.5, bias, weights)
}

/// The split file's lists, by name.
fn read_splits() -> Result<BTreeMap<String, Vec<String>>, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/extract/model/splits.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// A gold organisation: its forms, normalised.
#[derive(Clone, Debug)]
struct Gold {
    forms: Vec<BTreeSet<String>>,
    optional: BTreeSet<String>,
}

/// The entries of a corpus's `gold.json`.
fn read_gold_entries(corpus: &Path) -> Result<Vec<serde_json::Value>, String> {
    let path = corpus.join("gold.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// A gold entry's list of strings (an absent list is empty).
fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn read_gold(corpus: &Path) -> Result<HashMap<String, Gold>, String> {
    let entries = read_gold_entries(corpus)?;
    Ok(entries
        .iter()
        .filter_map(|e| {
            let file = e["file"].as_str()?.rsplit('/').next()?.to_string();
            let forms = e["organisations"]
                .as_array()?
                .iter()
                .map(|o| {
                    std::iter::once(o["name"].as_str().unwrap_or("").to_string())
                        .chain(strings(&o["aliases"]))
                        .map(|n| norm(&n))
                        .collect()
                })
                .collect();
            let optional = strings(&e["organisations_optional"])
                .iter()
                .map(|n| norm(n))
                .collect();
            Some((file, Gold { forms, optional }))
        })
        .collect())
}

/// The scorer's normal form: lower case, no leading "the", letters, digits and single spaces.
fn norm(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    let kept: String = lower
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The articles of `files` parsed, with their gold.
fn domain_docs(
    corpus: &Path,
    gold: &HashMap<String, Gold>,
    files: &[String],
) -> Result<(Vec<Article>, Vec<Gold>), String> {
    let mut docs = Vec::new();
    let mut golds = Vec::new();
    for file in files {
        let bytes = std::fs::read(corpus.join(file)).map_err(|e| format!("{file}: {e}"))?;
        let parsed = parse_file(&format!("content/{file}"), &bytes, Format::Native, false);
        let (Some(article), Some(g)) = (parsed.article, gold.get(file)) else {
            return Err(format!("{file}: does not parse, or has no gold"));
        };
        docs.push(article);
        golds.push(g.clone());
    }
    Ok((docs, golds))
}

/// Documents of a `*.bio` file as native articles, with their organisation spans as gold (the
/// other types' spans are not organisations, so candidates matching them are wrong).
fn bio_docs(path: &Path) -> Result<(Vec<Article>, Vec<Gold>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut docs = Vec::new();
    let mut golds = Vec::new();
    for (n, doc) in text
        .split("#doc")
        .filter(|d| !d.trim().is_empty())
        .enumerate()
    {
        let mut sentences: Vec<String> = Vec::new();
        let mut orgs: BTreeSet<String> = BTreeSet::new();
        for sentence in doc.split("\n\n") {
            let mut words: Vec<&str> = Vec::new();
            let mut span: Option<Vec<&str>> = None;
            for line in sentence.lines() {
                let Some((token, tag)) = line.split_once('\t') else {
                    continue;
                };
                if tag != "I-ORG"
                    && let Some(done) = span.take()
                {
                    orgs.insert(norm(&detokenise(&done)));
                }
                match tag {
                    "B-ORG" => span = Some(vec![token]),
                    "I-ORG" => span.get_or_insert_with(Vec::new).push(token),
                    _ => {}
                }
                words.push(token);
            }
            if let Some(done) = span.take() {
                orgs.insert(norm(&detokenise(&done)));
            }
            if !words.is_empty() {
                sentences.push(detokenise(&words));
            }
        }
        let body: Vec<String> = sentences.chunks(4).map(|c| c.join(" ")).collect();
        let native = format!(
            "date 2020-01-01\nTraining document {n}\n\n{}\n\nSource: corpus\n",
            body.join("\n\n")
        );
        let parsed = parse_file(
            &format!("content/{}-{n}.txt", path.display()),
            native.as_bytes(),
            Format::Native,
            false,
        );
        if let Some(article) = parsed.article {
            docs.push(article);
            golds.push(Gold {
                forms: orgs.into_iter().map(|o| BTreeSet::from([o])).collect(),
                optional: BTreeSet::new(),
            });
        }
    }
    Ok((docs, golds))
}

/// Tokens joined as text: no space before closing punctuation, none after opening brackets.
fn detokenise(tokens: &[&str]) -> String {
    let mut out = String::new();
    for token in tokens {
        let glue = matches!(
            *token,
            "." | "," | ";" | ":" | "!" | "?" | ")" | "]" | "%" | "'s" | "’s" | "n't" | "'"
        );
        if !out.is_empty() && !glue && !out.ends_with(['(', '[']) {
            out.push(' ');
        }
        out.push_str(token);
    }
    out
}

/// Each candidate of `docs` (all documents read as one archive) with its label: `Some(true)`
/// right, `Some(false)` wrong, `None` optional.
fn label(docs: &[Article], golds: &[Gold]) -> Vec<(CandidateView, Option<bool>)> {
    label_each(docs, golds).into_iter().flatten().collect()
}

/// [`label`], document by document.
fn label_each(docs: &[Article], golds: &[Gold]) -> Vec<Judged> {
    let found = candidates(docs, &SiteConfig::default());
    found
        .into_iter()
        .zip(golds)
        .map(|(cands, gold)| cands.into_iter().map(|c| judge(c, gold)).collect())
        .collect()
}

/// A candidate with its label: right when a form matches a gold organisation, left out (`None`)
/// when it matches only an optional one, wrong otherwise.
fn judge(c: CandidateView, gold: &Gold) -> (CandidateView, Option<bool>) {
    let forms = forms_of(&c);
    let label = if gold.forms.iter().any(|g| !g.is_disjoint(&forms)) {
        Some(true)
    } else if !gold.optional.is_disjoint(&forms) {
        None
    } else {
        Some(false)
    };
    (c, label)
}

fn forms_of(c: &CandidateView) -> BTreeSet<String> {
    std::iter::once(&c.name)
        .chain(&c.mentions)
        .map(|n| norm(n))
        .filter(|n| !n.is_empty())
        .collect()
}

fn add_examples(
    scored: &[(CandidateView, Option<bool>)],
    weight: f64,
    index: &mut BTreeMap<String, usize>,
    examples: &mut Vec<Example>,
) {
    for (candidate, label) in scored {
        let Some(label) = label else { continue };
        let features = candidate
            .features
            .iter()
            .map(|f| {
                let next = index.len();
                *index.entry(f.clone()).or_insert(next)
            })
            .collect();
        examples.push(Example {
            features,
            label: if *label { 1.0 } else { 0.0 },
            weight,
        });
    }
}

/// The feature names in the order of their numbers (the order they were first seen), so that
/// the `k`-th fitted weight is given to the feature numbered `k`.
fn by_number(index: &BTreeMap<String, usize>) -> Vec<&String> {
    let mut names: Vec<Option<&String>> = vec![None; index.len()];
    for (name, &k) in index {
        names[k] = Some(name);
    }
    names.into_iter().flatten().collect()
}

/// Logistic regression by full-batch gradient descent with L2: (bias, weights).
fn fit(examples: &[Example], n: usize, options: &Options) -> (f64, Vec<f64>) {
    let mut weights = vec![0.0; n];
    let mut bias = 0.0;
    let total: f64 = examples.iter().map(|e| e.weight).sum::<f64>().max(1.0);
    let rate = 1.0;
    for _ in 0..options.epochs {
        let mut grad = vec![0.0; n];
        let mut grad_bias = 0.0;
        for e in examples {
            let z = bias + e.features.iter().map(|&i| weights[i]).sum::<f64>();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = (p - e.label) * e.weight;
            grad_bias += g;
            for &i in &e.features {
                grad[i] += g;
            }
        }
        bias -= rate * grad_bias / total;
        for (w, g) in weights.iter_mut().zip(&grad) {
            *w -= rate * (g / total + options.l2 * *w);
        }
    }
    (bias, weights)
}

/// The threshold that maximises the expected F0.5 (precision weighed twice recall) of
/// calibrated confidences: `F* / (1 + β²)` with β = ½, where F* is the best F0.5 the held-out
/// curve reaches (Lipton, Elkan and Naryanaswamy, "Optimal Thresholding of Classifiers to
/// Maximize F1 Measure", 2014; their argument holds for any β), rounded to hundredths. It
/// follows the height of the curve's top, not where on a flat top the best point falls: one
/// candidate more or less moves F* by thousandths and the threshold by a hundredth at most,
/// where taking the best point itself moved it from 0.70 to 0.55. Over held-out candidates
/// (confidence, label, weight) of documents with `gold_total` organisations (weighted); also
/// returns the precision–recall table, every 0.05.
fn choose_threshold(held: &[(f64, Option<bool>, f64)], gold_total: f64) -> (f64, String) {
    let mut rows = String::from(
        "threshold  precision  recall  F0.5  (held out: dev and folds, candidate level)\n",
    );
    let mut best: f64 = 0.0;
    for step in 0..=100 {
        let threshold = f64::from(step) / 100.0;
        let (mut tp, mut fp) = (0.0, 0.0);
        for &(confidence, label, weight) in held {
            if confidence < threshold {
                continue;
            }
            match label {
                Some(true) => tp += weight,
                Some(false) => fp += weight,
                None => {}
            }
        }
        let p = if tp + fp == 0.0 { 1.0 } else { tp / (tp + fp) };
        let r = tp / gold_total.max(1.0);
        let f05 = if p + r == 0.0 {
            0.0
        } else {
            (1.0 + BETA * BETA) * p * r / (BETA * BETA * p + r)
        };
        if step % 5 == 0 {
            rows.push_str(&format!("{threshold:9.2}  {p:9.3}  {r:6.3}  {f05:.4}\n"));
        }
        best = best.max(f05);
    }
    let threshold = (best / (1.0 + BETA * BETA) * 100.0).round() / 100.0;
    rows.push_str(&format!(
        "best F0.5 {best:.4}: threshold {best:.4} / {:.2} = {threshold:.2}\n",
        1.0 + BETA * BETA
    ));
    (threshold, rows)
}

/// The F-measure's β: 0.5 weighs precision twice recall (see [`choose_threshold`]).
const BETA: f64 = 0.5;

/// A document for the labeller: its text and each token's gold label (`None`: not known).
struct Labelled {
    text: String,
    gold: Vec<Option<u8>>,
    evidence: Vec<labeller::Evidence>,
}

/// `docs` with their evidence, all read as one archive.
fn with_evidence(docs: Vec<(Article, Vec<Option<u8>>)>) -> Vec<Labelled> {
    let (articles, golds): (Vec<Article>, Vec<Vec<Option<u8>>>) = docs.into_iter().unzip();
    let evidence = concord::extract::labeller_evidence(&articles, &SiteConfig::default());
    articles
        .into_iter()
        .zip(golds)
        .zip(evidence)
        .map(|((a, gold), evidence)| Labelled {
            text: a.text.to_string(),
            gold,
            evidence,
        })
        .collect()
}

/// The domain-dev documents of `files` with their gold projected onto tokens: organisations,
/// people and places (optional places too: they are places), optional organisations masked.
fn domain_labelled(corpus: &Path, files: &[String]) -> Result<Vec<Labelled>, String> {
    let entries = read_gold_entries(corpus)?;
    let mut out = Vec::new();
    for file in files {
        let entry = entries
            .iter()
            .find(|e| {
                e["file"]
                    .as_str()
                    .is_some_and(|f| f.ends_with(&format!("/{file}")))
            })
            .ok_or_else(|| format!("{file}: no gold"))?;
        let bytes = std::fs::read(corpus.join(file)).map_err(|e| format!("{file}: {e}"))?;
        let parsed = parse_file(&format!("content/{file}"), &bytes, Format::Native, false);
        let article = parsed
            .article
            .ok_or_else(|| format!("{file}: does not parse"))?;
        let mut forms: Vec<(String, usize)> = Vec::new();
        for (key, kind) in [("organisations", 0), ("people", 1), ("places", 2)] {
            for e in entry[key].as_array().into_iter().flatten() {
                let name = e["name"].as_str().unwrap_or("").to_string();
                for form in std::iter::once(name.clone()).chain(strings(&e["aliases"])) {
                    // A person's alias with a title ("President Xi"): the name is what follows.
                    let form = if kind == 1 {
                        let words: Vec<&str> = form.split_whitespace().collect();
                        let own = words
                            .iter()
                            .position(|w| {
                                name.split_whitespace()
                                    .any(|n| n == w.trim_end_matches("'s"))
                            })
                            .unwrap_or(words.len());
                        words[own..].join(" ")
                    } else {
                        form
                    };
                    forms.push((form, kind));
                }
            }
        }
        for form in strings(&entry["places_optional"]) {
            forms.push((form, 2));
        }
        for form in strings(&entry["people_optional"]) {
            forms.push((form, 1));
        }
        let optional: Vec<(String, usize)> = strings(&entry["organisations_optional"])
            .into_iter()
            .map(|f| (f, 9))
            .collect();
        let text = &article.text;
        let toks = concord::extract::text::tokens(text);
        let spans = labeller::find_forms(text, &forms);
        let masked: Vec<(usize, usize)> = labeller::find_forms(text, &optional)
            .into_iter()
            .map(|(a, b, _)| (a, b))
            .collect();
        let mut gold = labeller::project_spans(&toks, &spans, &masked);
        // A capitalised word of a gold name outside the names ("Mr Leung", "the Exchange"): a
        // back-reference the gold does not list; neither right nor wrong.
        let name_words: BTreeSet<String> = forms
            .iter()
            .flat_map(|(f, _)| f.split_whitespace())
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .map(str::to_lowercase)
            .collect();
        for (g, t) in gold.iter_mut().zip(&toks) {
            if *g == Some(0) && t.capitalised && name_words.contains(&t.text.to_lowercase()) {
                *g = None;
            }
        }
        out.push((article, gold));
    }
    Ok(with_evidence(out))
}

/// The documents of a `*.bio` file as text (sentences of a paragraph joined by spaces, four a
/// paragraph) with their labels projected onto Concord's tokens.
fn bio_labelled(path: &Path) -> Result<Vec<Labelled>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    let mut skipped = 0;
    for doc in text.split("#doc").filter(|d| !d.trim().is_empty()) {
        let (body, spans) = bio_document(doc);
        let spans = without_titles(&body, spans);
        let native = format!("date 2020-01-01\nTraining document\n\n{body}\n\nSource: corpus\n");
        let parsed = parse_file(
            "content/training.txt",
            native.as_bytes(),
            Format::Native,
            false,
        );
        let Some(article) = parsed.article else {
            continue;
        };
        // The clean-up of a scraped article may drop a line: such a document is left out.
        let Some(offset) = article.text.find(&body) else {
            skipped += 1;
            continue;
        };
        let spans: Vec<(usize, usize, usize)> = spans
            .into_iter()
            .map(|(a, b, k)| (a + offset, b + offset, k))
            .collect();
        let toks = concord::extract::text::tokens(&article.text);
        let gold = labeller::project_spans(&toks, &spans, &[]);
        out.push((article, gold));
    }
    if skipped > 0 {
        eprintln!(
            "  {}: {skipped} documents changed by the clean-up, left out",
            path.display()
        );
    }
    Ok(with_evidence(out))
}

/// One `*.bio` document as text, and its labelled spans `(start, end, kind)` in that text
/// (kinds: 0 ORG, 1 PER, 2 LOC, 3 MISC).
fn bio_document(doc: &str) -> (String, Vec<(usize, usize, usize)>) {
    let kind_of = |k: &str| match k {
        "ORG" => Some(0),
        "PER" => Some(1),
        "LOC" => Some(2),
        "MISC" => Some(3),
        _ => None,
    };
    let mut body = String::new();
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    for (n, sentence) in doc
        .split("\n\n")
        .filter(|s| !s.trim().is_empty())
        .enumerate()
    {
        if n > 0 {
            body.push_str(if n % 4 == 0 { "\n\n" } else { " " });
        }
        let mut open: Option<(usize, usize, usize)> = None;
        let mut first = true;
        for line in sentence.lines() {
            let Some((token, tag)) = line.split_once('\t') else {
                continue;
            };
            let glue = matches!(
                token,
                "." | "," | ";" | ":" | "!" | "?" | ")" | "]" | "%" | "'s" | "’s" | "n't" | "'"
            );
            if !first && !glue && !body.ends_with(['(', '[']) {
                body.push(' ');
            }
            first = false;
            let start = body.len();
            body.push_str(token);
            let end = body.len();
            let (bio, kind) = tag.split_once('-').unwrap_or((tag, ""));
            match (bio, kind_of(kind)) {
                ("I", Some(k)) if open.is_some_and(|o| o.2 == k) => {
                    if let Some(o) = open.as_mut() {
                        o.1 = end;
                    }
                }
                (_, kind) => {
                    spans.extend(open.take());
                    open = kind.map(|k| (start, end, k));
                }
            }
        }
        spans.extend(open.take());
    }
    (body, spans)
}

/// Some corpora take a person's title into the name ("President Alder"); Concord's convention
/// (and domain-dev's) is the name alone.
fn without_titles(body: &str, spans: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
    spans
        .into_iter()
        .map(|(mut a, b, k)| {
            if k == 1 {
                while let Some(space) = body[a..b].find(' ') {
                    let word = body[a..a + space].trim_end_matches('.').to_lowercase();
                    if !concord::extract::vocabulary::is_title_word(&word) {
                        break;
                    }
                    a += space + 1;
                }
            }
            (a, b, k)
        })
        .collect()
}

/// Trains the labeller on `docs` (with their weights) for `epochs` passes in a fixed shuffled
/// order; returns the averaged weights.
fn fit_labeller(docs: &[(&Labelled, f32)], epochs: usize) -> Vec<f32> {
    let prepared: Vec<_> = docs.iter().map(|(d, w)| (d, *w, &d.evidence)).collect();
    let mut model = labeller::Perceptron::default();
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for epoch in 0..epochs {
        // A Fisher–Yates shuffle by a fixed xorshift: the same order on every run.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let (mut right, mut total) = (0, 0);
        for &i in &order {
            let (d, w, ev) = &prepared[i];
            let toks = concord::extract::text::tokens(&d.text);
            let (r, t) = model.train(&d.text, &toks, ev, &d.gold, *w);
            right += r;
            total += t;
        }
        eprintln!(
            "  epoch {}: {:.4} of training words right",
            epoch + 1,
            right as f64 / total.max(1) as f64
        );
    }
    model.averaged()
}

/// Entity-level precision and recall per kind of the labeller on `docs`.
fn score_labeller(weights: &dyn labeller::Weights, docs: &[Labelled]) -> String {
    let mut counts = [[0usize; 3]; 4];
    for d in docs {
        let toks = concord::extract::text::tokens(&d.text);
        let labels = labeller::decode(weights, &d.text, &toks, &d.evidence);
        let found = labeller::spans(&labels);
        let gold_labels: Vec<(u8, f32)> = d.gold.iter().map(|g| (g.unwrap_or(0), 1.0)).collect();
        let gold = labeller::spans(&gold_labels);
        let masked = |s: usize, e: usize| (s..e).any(|i| d.gold[i].is_none());
        for &(s, e, k, _) in &found {
            if masked(s, e) {
                continue;
            }
            if gold
                .iter()
                .any(|&(gs, ge, gk, _)| (gs, ge, gk) == (s, e, k))
            {
                counts[k][0] += 1;
            } else {
                counts[k][1] += 1;
            }
        }
        let show = |s: usize, e: usize| -> String {
            toks[s..e]
                .iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" ")
        };
        if std::env::var_os("CONCORD_TRAIN_DEBUG").is_some() {
            for &(s, e, k, _) in &found {
                if !masked(s, e)
                    && !gold
                        .iter()
                        .any(|&(gs, ge, gk, _)| (gs, ge, gk) == (s, e, k))
                {
                    eprintln!("    wrong {} {}", labeller::KINDS[k], show(s, e));
                }
            }
            for &(s, e, k, _) in &gold {
                if !found
                    .iter()
                    .any(|&(fs, fe, fk, _)| (fs, fe, fk) == (s, e, k))
                {
                    eprintln!("    missed {} {}", labeller::KINDS[k], show(s, e));
                }
            }
        }
        for &(s, e, k, _) in &gold {
            if !found
                .iter()
                .any(|&(fs, fe, fk, _)| (fs, fe, fk) == (s, e, k))
            {
                counts[k][2] += 1;
            }
        }
    }
    let mut out = String::new();
    for (k, [tp, fp, fn_]) in counts.iter().enumerate() {
        let p = *tp as f64 / (tp + fp).max(1) as f64;
        let r = *tp as f64 / (tp + fn_).max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        out.push_str(&format!(
            "  {:4}  P {p:.3}  R {r:.3}  F1 {f:.3}  ({tp} right, {fp} wrong, {fn_} missed)\n",
            labeller::KINDS[k]
        ));
    }
    out
}

/// Trains the labeller on the domain-dev train split and the open corpora, reports it on the
/// dev split (mention level), and writes `model/labeller.bin`.
fn train_labeller(options: &Options) -> Result<(), String> {
    let splits = read_splits()?;
    let corpus = options.shared.join("corpus/domain-dev");
    let domain = domain_labelled(&corpus, &splits["train"])?;
    let dev = domain_labelled(&corpus, &splits["dev"])?;
    let mut bio = Vec::new();
    for file in ["gum-cc.bio", "wikigold.bio", "re3d-open.bio"] {
        bio.extend(bio_labelled(
            &options.shared.join("corpus/train").join(file),
        )?);
    }
    let mut docs: Vec<(&Labelled, f32)> = domain.iter().map(|d| (d, 1.0)).collect();
    docs.extend(bio.iter().map(|d| (d, options.labeller_bio_weight)));
    eprintln!(
        "labeller: {} domain-dev train documents, {} open-corpus documents (weight {})",
        domain.len(),
        bio.len(),
        options.labeller_bio_weight
    );
    let weights = fit_labeller(&docs, options.labeller_epochs);
    let bytes = labeller::to_bytes(&weights);
    let table = Table(weights);
    eprintln!(
        "labeller on the dev split (mentions):\n{}",
        score_labeller(&table, &dev)
    );
    if let Some(out) = &options.labeller_out {
        std::fs::write(out, bytes).map_err(|e| format!("{}: {e}", out.display()))?;
        eprintln!("wrote {}", out.display());
    }
    Ok(())
}

/// Trained weights as a table for scoring.
struct Table(Vec<f32>);

impl labeller::Weights for Table {
    fn add_row(&self, feature: u64, scores: &mut [f32; labeller::N_LABELS]) {
        let row = (feature & ((1 << labeller::BITS) - 1)) as usize * labeller::N_LABELS;
        for (s, w) in scores
            .iter_mut()
            .zip(&self.0[row..row + labeller::N_LABELS])
        {
            *s += w;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{choose_threshold, common_words, organisation_plurals, without_layout};
    use concord::extract::CandidateView;

    #[test]
    fn documents_without_a_news_layout_lose_only_the_layout_features() {
        let candidate = CandidateView {
            name: "Alder Bank".into(),
            mentions: vec!["Alder Bank".into()],
            features: ["in:lead", "count:1", "in:title", "last:bank", "next:in"]
                .map(String::from)
                .to_vec(),
            confidence: 0.5,
        };
        let mut docs = vec![vec![(candidate, Some(true))]];
        without_layout(&mut docs);
        assert_eq!(docs[0][0].0.features, ["count:1", "last:bank", "next:in"]);
    }

    #[test]
    fn organisation_plurals_are_frequent_last_words_that_no_surname_place_or_name_ends() {
        let mut names = String::new();
        for i in 0..5 {
            for tail in [
                "Foods", "Ross", "Marcus", "Davis", "Athens", "Charles", "GmbH", "Labs",
            ] {
                names.push_str(&format!("Alder{i} {tail}\n"));
            }
        }
        // Four names end in "Systems": one short of the count; a name of one word is no
        // name's last word.
        names.push_str("Alder Systems\nBirch Systems\nCedar Systems\nDune Systems\nSystems\n");
        assert_eq!(organisation_plurals(&names), ["Foods", "Labs"]);
    }

    #[test]
    fn common_words_stand_in_lower_case_far_more_often_than_capitalised_inside_a_sentence() {
        // "overall" twice in lower case, capitalised only opening a sentence: common. "bill"
        // in lower case twice, capitalised inside a sentence once: not. "tiny" once: too rare.
        // "Port" never in lower case, "x1" not letters, "an" too short.
        let bio = "#doc\nOverall\tO\nit\tO\nwas\tO\nfine\tO\n\nthe\tO\nbill\tO\npassed\tO\n\n\
                   overall\tO\n,\tO\nBill\tB-PER\nsaid\tO\nso\tO\n\nan\tO\noverall\tO\nbill\tO\n\
                   passed\tO\nat\tO\nPort\tB-LOC\nx1\tO\n";
        let wiki = "#doc\ntiny\tO\nfine\tO\nwas\tO\nsaid\tO\n";
        assert_eq!(
            common_words(&[bio, wiki]),
            ["fine", "overall", "passed", "said", "was"]
        );
    }

    #[test]
    fn the_threshold_is_the_best_f05_over_one_and_a_quarter_and_a_flat_top_holds_it() {
        // Ten right candidates from 0.90 and one wrong one at 0.62: the best F0.5 is 1.0 (from
        // 0.63 to 0.90), so the threshold is 1.0 / 1.25 = 0.80.
        let mut held: Vec<(f64, Option<bool>, f64)> = (0..10)
            .map(|i| (0.9 + f64::from(i) * 0.005, Some(true), 1.0))
            .collect();
        held.push((0.62, Some(false), 1.0));
        assert!((choose_threshold(&held, 10.0).0 - 0.8).abs() < 1e-9);
        // A flat top: 40 right and 2 wrong candidates spread over the confidences, so no
        // threshold is clearly best. One more candidate anywhere moves the best point along
        // the top, but the threshold by a hundredth at most.
        let mut held: Vec<(f64, Option<bool>, f64)> = (0..40)
            .map(|i| (0.30 + f64::from(i) * 0.017, Some(true), 1.0))
            .chain([(0.45, Some(false), 1.0), (0.72, Some(false), 1.0)])
            .collect();
        let (before, _) = choose_threshold(&held, 50.0);
        for extra in [(0.5, Some(true)), (0.66, Some(false)), (0.8, Some(false))] {
            held.push((extra.0, extra.1, 1.0));
            let (after, table) = choose_threshold(&held, 50.0);
            assert!(
                (after - before).abs() <= 0.0100001,
                "{before} -> {after}\n{table}"
            );
            held.pop();
        }
    }
}

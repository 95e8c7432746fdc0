//! `concord-train`: trains the organisation decision model (`src/extract/model/organisations.tsv`)
//! from the shared corpora, in place (the data is never copied into the repository).
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
//! bytes), and its threshold is chosen on the `dev` split: the one with the best F0.5 (precision
//! weighed twice recall), the lowest of equals. The `test` split is never read.

use concord::SiteConfig;
use concord::extract::{CandidateView, candidates, decide::Model};
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
}

fn main() -> std::process::ExitCode {
    let mut options = Options {
        shared: PathBuf::from("../shared"),
        out: PathBuf::from("src/extract/model/organisations.tsv"),
        bio_weight: 0.1,
        epochs: 3000,
        l2: 1e-3,
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
            other => {
                eprintln!(
                    "unknown argument {other}; usage: concord-train [--shared DIR] [--out FILE] [--bio-weight W] [--epochs N] [--l2 X]"
                );
                return std::process::ExitCode::from(2);
            }
        }
        i += 2;
    }
    match train(&options) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::ExitCode::from(1)
        }
    }
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
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut examples = Vec::new();
    let (train_docs, train_gold) = domain_docs(&corpus, &gold, &splits["train"])?;
    let scored = label(&train_docs, &train_gold);
    let domain = scored.len();
    add_examples(&scored, 1.0, &mut index, &mut examples);
    let mut bio = 0;
    for file in ["gum-cc.bio", "wikigold.bio", "re3d-open.bio"] {
        let path = options.shared.join("corpus/train").join(file);
        let (docs, golds) = bio_docs(&path)?;
        let scored = label(&docs, &golds);
        bio += scored.len();
        add_examples(&scored, options.bio_weight, &mut index, &mut examples);
    }
    eprintln!("{domain} candidates from domain-dev train, {bio} from corpus/train");
    let names: Vec<&String> = index.keys().collect();
    let (bias, weights) = fit(&examples, names.len(), options);
    let weights: HashMap<String, f64> = names
        .iter()
        .zip(&weights)
        .map(|(n, w)| ((*n).clone(), *w))
        .collect();
    let mut model = Model::new(0.5, bias, weights);
    let (dev_docs, dev_gold) = domain_docs(&corpus, &gold, &splits["dev"])?;
    let (threshold, table) = choose_threshold(&model, &dev_docs, &dev_gold);
    model.threshold = threshold;
    eprintln!("{table}");
    let header = format!(
        "# Concord's organisation decision model: a logistic model over the features of\n\
         # src/extract/decide.rs. Made by `concord-train` (src/bin/concord-train.rs) from\n\
         # ../shared/corpus/domain-dev (train split, {} documents) and ../shared/corpus/train\n\
         # (GUM, wikigold, re3d: see NOTICE), weight {}; {} epochs, L2 {}. The threshold was\n\
         # chosen on the dev split ({} documents) for the best F0.5.\n",
        splits["train"].len(),
        options.bio_weight,
        options.epochs,
        options.l2,
        splits["dev"].len(),
    );
    std::fs::write(&options.out, model.to_text(&header))
        .map_err(|e| format!("{}: {e}", options.out.display()))?;
    eprintln!("wrote {} (threshold {threshold:.3})", options.out.display());
    Ok(())
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

fn read_gold(corpus: &Path) -> Result<HashMap<String, Gold>, String> {
    let path = corpus.join("gold.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let entries: Vec<serde_json::Value> =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
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
    let mut docs = docs.to_vec();
    let found = candidates(&mut docs, &SiteConfig::default());
    found
        .into_iter()
        .zip(golds)
        .flat_map(|(cands, gold)| {
            cands.into_iter().map(move |c| {
                let forms = forms_of(&c);
                let right = gold.forms.iter().any(|g| !g.is_disjoint(&forms));
                let label = if right {
                    Some(true)
                } else if !gold.optional.is_disjoint(&forms) {
                    None
                } else {
                    Some(false)
                };
                (c, label)
            })
        })
        .collect()
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

/// The threshold chosen on the dev split, and the precision–recall table it was chosen from.
fn choose_threshold(model: &Model, docs: &[Article], golds: &[Gold]) -> (f64, String) {
    let scored = label(docs, golds);
    let gold_total: usize = golds.iter().map(|g| g.forms.len()).sum();
    let mut rows = String::from("threshold  precision  recall  (dev, candidate level)\n");
    let mut best: Option<(f64, f64)> = None;
    for step in 0..=19 {
        let threshold = f64::from(step) * 0.05;
        let (mut tp, mut fp) = (0usize, 0usize);
        for (c, label) in &scored {
            if model.confidence(&c.features) < threshold {
                continue;
            }
            match label {
                Some(true) => tp += 1,
                Some(false) => fp += 1,
                None => {}
            }
        }
        let p = if tp + fp == 0 {
            1.0
        } else {
            tp as f64 / (tp + fp) as f64
        };
        let r = tp as f64 / gold_total.max(1) as f64;
        rows.push_str(&format!("{threshold:9.2}  {p:9.3}  {r:6.3}\n"));
        let f05 = if p + r == 0.0 {
            0.0
        } else {
            1.25 * p * r / (0.25 * p + r)
        };
        if best.is_none_or(|(_, b)| f05 > b + 1e-9) {
            best = Some((threshold, f05));
        }
    }
    (best.map_or(0.5, |b| b.0), rows)
}

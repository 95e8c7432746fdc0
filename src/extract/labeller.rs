//! The trained sequence labeller: reads each word of an article as the beginning, inside, last
//! word or whole of an organisation, person, place or other name (MISC: events, schemes,
//! agreements, works), or none — BILOU × {ORG, PER, LOC, MISC} and O, 17 labels.
//!
//! An averaged structured perceptron, decoded greedily left to right with the BILOU transitions
//! enforced. Its features are the word and its shape, affixes and neighbours, the capitalisation
//! pattern, the sentence position, and the rules' evidence: the word's place in a capitalised
//! run (the runs every rule starts from), head nouns of bodies ("Authority", "Bank"), given
//! names, the gazetteer's places, and the mentions of the names the rules propose. Features are
//! hashed into a fixed table of `2^BITS` rows of 17 weights, quantised to `i8` by [`to_bytes`]
//! and read in place by [`Labeller::from_bytes`].
//!
//! Status: trained and measured by `concord-train` (`src/bin/concord-train.rs`), which prints
//! its mention-level scores on the dev split; **not used by a build yet**. Measured as a second
//! opinion on the rules' candidates, as a proposer of organisations no rule found, and as a
//! veto on people, it did not improve the dev split (README, "How Concord reads"), so it is not
//! shipped in the binary; the decision stays with the candidate model (`decide.rs`).
//!
//! Cost: about 30 table rows read per capitalised word and its neighbours; lower-case words
//! away from any capital are O without being scored. Deterministic: the same text gives the
//! same labels on every machine and thread count.

use super::text::{self, Token};
use super::vocabulary::{is_given_name, is_head};

/// The labels, in the model's order.
pub const LABELS: [&str; 17] = [
    "O", "B-ORG", "I-ORG", "L-ORG", "U-ORG", "B-PER", "I-PER", "L-PER", "U-PER", "B-LOC", "I-LOC",
    "L-LOC", "U-LOC", "B-MISC", "I-MISC", "L-MISC", "U-MISC",
];
pub const N_LABELS: usize = LABELS.len();
/// The kinds of name, in the order of [`LABELS`] (label `1 + 4k + part`).
pub const KINDS: [&str; 4] = ["ORG", "PER", "LOC", "MISC"];

/// Rows of the hashed weight table: `2^BITS`.
pub const BITS: u32 = 18;
const MAGIC: &[u8; 8] = b"CLABEL01";

/// The part of a name a label says a word is: 0 B, 1 I, 2 L, 3 U.
pub fn part(label: u8) -> Option<(usize, u8)> {
    (label != 0).then(|| (usize::from((label - 1) / 4), (label - 1) % 4))
}

/// Whether `label` may follow `prev` when a name left open before it can be closed: I and L
/// only continue an open name of their kind; B, U and O may always come.
fn may_follow(prev: u8, label: u8) -> bool {
    match part(label) {
        Some((k, 1 | 2)) => part(prev).is_some_and(|(k0, p)| k0 == k && p <= 1),
        _ => true,
    }
}

/// Whether `label` may follow `prev` in BILOU.
pub fn allowed(prev: u8, label: u8) -> bool {
    let open = part(prev).filter(|&(_, p)| p <= 1).map(|(k, _)| k);
    match (open, part(label)) {
        (Some(k), Some((k2, p))) => k == k2 && (p == 1 || p == 2),
        (Some(_), None) => false,
        (None, Some((_, p))) => p == 0 || p == 3,
        (None, None) => true,
    }
}

/// What the rules and tables say of each word, given to the labeller as features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    /// The word's part (BILOU as 0–3, 4 outside) of a gazetteer place match.
    pub place: u8,
    /// The word's part (BILOU as 0–3, 4 outside) of a mention of an organisation the rules or
    /// tables propose.
    pub org: u8,
    /// What proposed that organisation: 0 nothing, 1 a table (the site's, the built-in one,
    /// front matter), 2 a rule alone.
    pub org_source: u8,
}

impl Default for Evidence {
    fn default() -> Self {
        Evidence {
            place: 4,
            org: 4,
            org_source: 0,
        }
    }
}

/// A word as the features see it: hashes computed once.
#[derive(Debug, Clone, Copy)]
struct Word {
    lower: u64,
    shape: u64,
    prefix: u64,
    suffix: u64,
    /// Capitalised, sentence start, break before, break after, paragraph start (bits 0–4).
    flags: u8,
    head: bool,
    given: bool,
    /// BILOU (0–3) of the capitalised run holding the word, 4 outside; 5 a linking word inside.
    run: u8,
    place: u8,
    org: u8,
    org_source: u8,
    /// The run ends in a head noun.
    run_head: bool,
}

/// FNV-1a over bytes: stable across platforms and Rust versions (the model file depends on it).
fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325 ^ seed;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn mix(template: u64, a: u64, b: u64) -> u64 {
    let mut h = template.wrapping_mul(0x9e37_79b9_7f4a_7c15).wrapping_add(a);
    h = (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = h.wrapping_add(b.rotate_left(17));
    h = (h ^ (h >> 32)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 29)
}

/// The word's shape: X for an upper-case letter, x lower, d digit, other characters as they
/// are, runs of one kind shortened to two.
fn shape(word: &str) -> String {
    let mut out = String::new();
    let mut last = ' ';
    let mut count = 0;
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if s == last {
            count += 1;
            if count > 2 {
                continue;
            }
        } else {
            last = s;
            count = 1;
        }
        out.push(s);
    }
    out
}

fn words(text: &str, toks: &[Token], evidence: &[Evidence]) -> Vec<Word> {
    let mut run = vec![4u8; toks.len()];
    let mut run_head = vec![false; toks.len()];
    for r in text::name_runs(toks) {
        let n = r.end - r.start;
        let ends_in_head = is_head(toks[r.end - 1].text);
        for i in r.start..r.end {
            run[i] = if n == 1 {
                3
            } else if i == r.start {
                0
            } else if i + 1 == r.end {
                2
            } else if toks[i].capitalised {
                1
            } else {
                5
            };
            run_head[i] = ends_in_head;
        }
    }
    let _ = text;
    toks.iter()
        .enumerate()
        .map(|(i, t)| {
            let lower = t.text.to_lowercase();
            let chars: Vec<char> = lower.chars().collect();
            let prefix: String = chars.iter().take(3).collect();
            let suffix: String = chars[chars.len().saturating_sub(3)..].iter().collect();
            Word {
                lower: fnv(lower.as_bytes(), 1),
                shape: fnv(shape(t.text).as_bytes(), 2),
                prefix: fnv(prefix.as_bytes(), 3),
                suffix: fnv(suffix.as_bytes(), 4),
                flags: u8::from(t.capitalised)
                    | u8::from(t.sentence_start) << 1
                    | u8::from(t.break_before) << 2
                    | u8::from(t.break_after) << 3
                    | u8::from(t.paragraph_start) << 4,
                head: is_head(t.text),
                given: is_given_name(t.text),
                run: run[i],
                place: evidence.get(i).map_or(4, |e| e.place),
                org: evidence.get(i).map_or(4, |e| e.org),
                org_source: evidence.get(i).map_or(0, |e| e.org_source),
                run_head: run_head[i],
            }
        })
        .collect()
}

const NONE: u64 = 0x5151_5151;

/// The hashed features of word `i`, given the two labels before it.
fn features(w: &[Word], i: usize, prev: u8, prev2: u8, out: &mut Vec<u64>) {
    out.clear();
    let at =
        |j: isize| -> Option<&Word> { usize::try_from(i as isize + j).ok().and_then(|j| w.get(j)) };
    let me = &w[i];
    let p1 = at(-1);
    let n1 = at(1);
    let lower = |x: Option<&Word>| x.map_or(NONE, |x| x.lower);
    let shp = |x: Option<&Word>| x.map_or(NONE, |x| x.shape);
    let (p, p2) = (u64::from(prev), u64::from(prev2));
    out.extend_from_slice(&[
        mix(0, 0, 0),
        mix(1, me.lower, 0),
        mix(2, me.shape, 0),
        mix(3, me.prefix, 0),
        mix(4, me.suffix, 0),
        mix(5, lower(p1), 0),
        mix(6, lower(n1), 0),
        mix(7, lower(at(-2)), 0),
        mix(8, lower(at(2)), 0),
        mix(9, shp(p1), me.shape),
        mix(10, me.shape, shp(n1)),
        mix(11, p, 0),
        mix(12, p, p2),
        mix(13, p, me.lower),
        mix(14, u64::from(me.flags), 0),
        mix(
            15,
            u64::from(me.head),
            u64::from(n1.is_some_and(|n| n.head)),
        ),
        mix(
            16,
            u64::from(me.given),
            u64::from(p1.is_some_and(|x| x.given)),
        ),
        mix(17, u64::from(me.run), u64::from(me.run_head)),
        mix(18, u64::from(me.place), 0),
        mix(19, me.lower, lower(n1)),
        mix(20, lower(p1), me.lower),
        mix(21, u64::from(me.run), p),
        mix(22, u64::from(me.flags), me.shape),
        mix(
            23,
            u64::from(p1.map_or(4, |x| x.run)),
            u64::from(n1.map_or(4, |x| x.run)),
        ),
        mix(24, u64::from(me.place), u64::from(me.run)),
        mix(25, p, me.shape),
        mix(26, me.suffix, u64::from(me.run)),
        mix(27, u64::from(me.org), u64::from(me.org_source)),
        mix(28, u64::from(me.org), p),
        mix(
            29,
            u64::from(p1.map_or(4, |x| x.org)),
            u64::from(n1.map_or(4, |x| x.org)),
        ),
        mix(30, u64::from(me.org), me.lower),
    ]);
}

/// Whether word `i` can be anything but O: it or a neighbour is capitalised, or it is a
/// linking word inside a run.
fn worth_scoring(w: &[Word], i: usize) -> bool {
    let cap = |j: usize| {
        w.get(j)
            .is_some_and(|x| x.flags & 1 != 0 || x.place < 4 || x.org < 4)
    };
    cap(i) || w[i].run != 4 || (i > 0 && cap(i - 1)) || cap(i + 1)
}

/// A table of weights, `2^bits` rows of [`N_LABELS`].
pub trait Weights {
    fn add_row(&self, feature: u64, scores: &mut [f32; N_LABELS]);
}

/// The best allowed label after `prev` for `scores`, and its margin over the next best.
fn best(prev: u8, scores: &[f32; N_LABELS]) -> (u8, f32) {
    let mut best = (0u8, f32::MIN);
    let mut second = f32::MIN;
    for (l, &s) in scores.iter().enumerate() {
        let l = l as u8;
        if !may_follow(prev, l) {
            continue;
        }
        if s > best.1 {
            second = best.1;
            best = (l, s);
        } else if s > second {
            second = s;
        }
    }
    (best.0, best.1 - second)
}

/// Labels `toks` greedily with `weights`: each word's label and its margin. The last word's
/// label is closed (an open B/I becomes U/L).
pub fn decode(
    weights: &dyn Weights,
    text: &str,
    toks: &[Token],
    evidence: &[Evidence],
) -> Vec<(u8, f32)> {
    let w = words(text, toks, evidence);
    let mut out: Vec<(u8, f32)> = Vec::with_capacity(w.len());
    let mut feats = Vec::with_capacity(32);
    let (mut prev, mut prev2) = (0u8, 0u8);
    for i in 0..w.len() {
        let sentence_start = w[i].flags & 2 != 0;
        if sentence_start && part(prev).is_some_and(|(_, p)| p <= 1) {
            close(&mut out);
            prev = out.last().map_or(0, |x| x.0);
        }
        let (label, margin) = if worth_scoring(&w, i) || part(prev).is_some_and(|(_, p)| p <= 1) {
            features(&w, i, prev, prev2, &mut feats);
            let mut scores = [0f32; N_LABELS];
            for &f in &feats {
                weights.add_row(f, &mut scores);
            }
            best(prev, &scores)
        } else {
            (0, f32::MAX)
        };
        if !allowed(prev, label) {
            close(&mut out);
        }
        out.push((label, margin));
        prev2 = prev;
        prev = label;
    }
    close(&mut out);
    out
}

/// Closes a name left open at the end of `out`: B → U, I → L.
fn close(out: &mut [(u8, f32)]) {
    if let Some(last) = out.last_mut() {
        last.0 = close_label(last.0);
    }
}

/// B → U, I → L; any other label as it is.
fn close_label(label: u8) -> u8 {
    match part(label) {
        Some((k, p)) if p <= 1 => 1 + 4 * k as u8 + if p == 0 { 3 } else { 2 },
        _ => label,
    }
}

/// The names a labelling gives: (first word, end word, kind index into [`KINDS`], the smallest
/// margin of its words).
pub fn spans(labels: &[(u8, f32)]) -> Vec<(usize, usize, usize, f32)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize, f32)> = None;
    for (i, &(label, margin)) in labels.iter().enumerate() {
        match part(label) {
            Some((k, 0)) => open = Some((i, k, margin)),
            Some((k, 1)) => {
                if let Some(o) = open.as_mut().filter(|o| o.1 == k) {
                    o.2 = o.2.min(margin);
                }
            }
            Some((k, 2)) => {
                if let Some((s, k0, m)) = open.take().filter(|o| o.1 == k) {
                    out.push((s, i + 1, k0, m.min(margin)));
                }
            }
            Some((k, _)) => out.push((i, i + 1, k, margin)),
            None => open = None,
        }
    }
    out
}

/// A trained model: its table, read in place.
pub struct Labeller {
    scale: f32,
    table: &'static [u8],
}

impl Weights for Labeller {
    fn add_row(&self, feature: u64, scores: &mut [f32; N_LABELS]) {
        let row = (feature & ((1 << BITS) - 1)) as usize * N_LABELS;
        if let Some(row) = self.table.get(row..row + N_LABELS) {
            for (s, &b) in scores.iter_mut().zip(row) {
                *s += f32::from(b as i8) * self.scale;
            }
        }
    }
}

impl Labeller {
    /// A labeller from a model file's bytes (as [`to_bytes`] writes them); one of the wrong
    /// shape says O to everything.
    pub fn from_bytes(bytes: &'static [u8]) -> Labeller {
        let size = (1usize << BITS) * N_LABELS;
        match (bytes.get(..8), bytes.get(8..12), bytes.get(12..)) {
            (Some(magic), Some(scale), Some(table)) if magic == MAGIC && table.len() == size => {
                Labeller {
                    scale: f32::from_le_bytes([scale[0], scale[1], scale[2], scale[3]]),
                    table,
                }
            }
            _ => Labeller {
                scale: 0.0,
                table: &[],
            },
        }
    }

    /// Whether the model file was read.
    pub fn is_loaded(&self) -> bool {
        !self.table.is_empty()
    }

    /// Labels the words of `text` (its tokens `toks`).
    pub fn label(&self, text: &str, toks: &[Token], evidence: &[Evidence]) -> Vec<(u8, f32)> {
        decode(self, text, toks, evidence)
    }
}

/// An averaged perceptron in training: the weights, and what averaging needs.
pub struct Perceptron {
    w: Vec<f32>,
    /// Each weight's updates, each times the step it was made at.
    u: Vec<f64>,
    step: f64,
}

impl Weights for Perceptron {
    fn add_row(&self, feature: u64, scores: &mut [f32; N_LABELS]) {
        let row = (feature & ((1 << BITS) - 1)) as usize * N_LABELS;
        for (s, w) in scores.iter_mut().zip(&self.w[row..row + N_LABELS]) {
            *s += w;
        }
    }
}

impl Default for Perceptron {
    fn default() -> Self {
        Perceptron {
            w: vec![0.0; (1 << BITS) * N_LABELS],
            u: vec![0.0; (1 << BITS) * N_LABELS],
            step: 1.0,
        }
    }
}

impl Perceptron {
    /// One pass over a document: labels it as [`decode`] does, and where a word's label is not
    /// its gold one (`None`: not known, no update), moves the weights toward the gold. Returns
    /// (words right, words with a gold label).
    pub fn train(
        &mut self,
        text: &str,
        toks: &[Token],
        evidence: &[Evidence],
        gold: &[Option<u8>],
        weight: f32,
    ) -> (usize, usize) {
        let w = words(text, toks, evidence);
        let mut feats = Vec::with_capacity(32);
        let (mut prev, mut prev2) = (0u8, 0u8);
        let (mut right, mut total) = (0, 0);
        for i in 0..w.len() {
            if w[i].flags & 2 != 0 && part(prev).is_some_and(|(_, p)| p <= 1) {
                prev = 0;
            }
            let g = gold.get(i).copied().flatten();
            let scored = worth_scoring(&w, i) || part(prev).is_some_and(|(_, p)| p <= 1);
            let label = if scored {
                features(&w, i, prev, prev2, &mut feats);
                let mut scores = [0f32; N_LABELS];
                for &f in &feats {
                    self.add_row(f, &mut scores);
                }
                let (label, _) = best(prev, &scores);
                if let Some(g) = g
                    && g != label
                {
                    for &f in &feats {
                        let row = (f & ((1 << BITS) - 1)) as usize * N_LABELS;
                        for (l, d) in [(usize::from(g), weight), (usize::from(label), -weight)] {
                            self.w[row + l] += d;
                            self.u[row + l] += f64::from(d) * self.step;
                        }
                    }
                }
                label
            } else {
                0
            };
            if let Some(g) = g {
                total += 1;
                right += usize::from(g == label);
            }
            if !allowed(prev, label) {
                prev = close_label(prev);
            }
            self.step += 1.0;
            prev2 = prev;
            prev = label;
        }
        (right, total)
    }

    /// The averaged weights.
    pub fn averaged(&self) -> Vec<f32> {
        self.w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| (f64::from(w) - u / self.step) as f32)
            .collect()
    }
}

/// Writes a trained table (`2^BITS` rows of [`N_LABELS`] weights) as a model file: the weights
/// quantised to `i8` on one scale.
pub fn to_bytes(weights: &[f32]) -> Vec<u8> {
    let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
    let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
    let mut out = Vec::with_capacity(12 + weights.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&scale.to_le_bytes());
    out.extend(
        weights
            .iter()
            .map(|w| ((w / scale).round().clamp(-127.0, 127.0) as i8) as u8),
    );
    out
}

/// The evidence for `toks`: the BILOU part of each word inside a gazetteer place match
/// (`places`: byte spans) and inside a proposed organisation's mention (`orgs`: byte spans and
/// what proposed them, as [`Evidence::org_source`]).
pub fn evidence(
    toks: &[Token],
    places: &[(usize, usize, usize)],
    orgs: &[(usize, usize, u8)],
) -> Vec<Evidence> {
    let mut ev = vec![Evidence::default(); toks.len()];
    for &(start, end, _) in places {
        for (i, part) in parts(toks, start, end) {
            ev[i].place = part;
        }
    }
    for &(start, end, source) in orgs {
        for (i, part) in parts(toks, start, end) {
            ev[i].org = part;
            ev[i].org_source = source;
        }
    }
    ev
}

/// The tokens inside the byte span `start..end`, each with its BILOU part (0–3).
fn parts(toks: &[Token], start: usize, end: usize) -> Vec<(usize, u8)> {
    let first = toks.partition_point(|t| t.end <= start);
    let inside: Vec<usize> = (first..toks.len())
        .take_while(|&i| toks[i].start < end)
        .collect();
    let n = inside.len();
    inside
        .iter()
        .enumerate()
        .map(|(j, &i)| {
            let part = if n == 1 {
                3
            } else if j == 0 {
                0
            } else if j + 1 == n {
                2
            } else {
                1
            };
            (i, part)
        })
        .collect()
}

/// Article-level gold projected onto words, for training: each token's BILOU label from named
/// byte spans `(start, end, kind index into KINDS)`; tokens inside a `masked` span get no
/// label (neither right nor wrong).
pub fn project_spans(
    toks: &[Token],
    spans: &[(usize, usize, usize)],
    masked: &[(usize, usize)],
) -> Vec<Option<u8>> {
    let mut gold: Vec<Option<u8>> = vec![Some(0); toks.len()];
    for &(a, b) in masked {
        for (i, _) in parts(toks, a, b) {
            gold[i] = None;
        }
    }
    for &(a, b, kind) in spans {
        for (i, part) in parts(toks, a, b) {
            gold[i] = Some(1 + 4 * kind as u8 + part);
        }
    }
    gold
}

/// Every whole-word occurrence of each form in `text`, longest forms first, never overlapping.
pub fn find_forms(text: &str, forms: &[(String, usize)]) -> Vec<(usize, usize, usize)> {
    let mut forms: Vec<&(String, usize)> = forms.iter().filter(|(f, _)| !f.is_empty()).collect();
    forms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
    let mut taken: Vec<(usize, usize, usize)> = Vec::new();
    for (form, kind) in forms {
        for (a, _) in text.match_indices(form.as_str()) {
            let b = a + form.len();
            if text::whole_word(text, a, b) && !taken.iter().any(|&(s, e, _)| a < e && b > s) {
                taken.push((a, b, *kind));
            }
        }
    }
    taken.sort_unstable();
    taken
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_transitions() {
        let b_org = 1;
        let i_org = 2;
        let l_org = 3;
        let u_per = 8;
        assert!(allowed(0, b_org));
        assert!(allowed(0, u_per));
        assert!(!allowed(0, i_org));
        assert!(allowed(b_org, i_org));
        assert!(allowed(b_org, l_org));
        assert!(!allowed(b_org, 0));
        assert!(!allowed(b_org, 7), "L-PER cannot close an ORG");
        assert!(allowed(l_org, 0));
    }

    #[test]
    fn spans_follow_the_labels() {
        let labels = [(0, 1.0), (1, 2.0), (2, 0.5), (3, 1.0), (8, 3.0), (0, 1.0)];
        assert_eq!(spans(&labels), vec![(1, 4, 0, 0.5), (4, 5, 1, 3.0)]);
    }

    /// The labels of `text` with the names in `gold` (`(name, kind)`), by word.
    fn gold_of(text: &str, toks: &[Token], gold: &[(&str, usize)]) -> Vec<Option<u8>> {
        let mut labels = vec![Some(0u8); toks.len()];
        for &(name, kind) in gold {
            for (at, _) in text.match_indices(name) {
                for (i, p) in parts(toks, at, at + name.len()) {
                    labels[i] = Some(1 + 4 * kind as u8 + p);
                }
            }
        }
        labels
    }

    fn names_in(text: &str, toks: &[Token], labels: &[(u8, f32)]) -> Vec<(String, &'static str)> {
        spans(labels)
            .into_iter()
            .map(|(s, e, k, _)| (text[toks[s].start..toks[e - 1].end].to_string(), KINDS[k]))
            .collect()
    }

    #[test]
    fn a_trained_model_reads_names_it_was_taught_and_survives_quantising() {
        // Invented sentences: bodies end in a head noun, people follow a title.
        let lessons = [
            (
                "Officials of the Alder Port Authority met Mayor Ines Varga in Northland on Monday.",
                vec![
                    ("Alder Port Authority", 0),
                    ("Ines Varga", 1),
                    ("Northland", 2),
                ],
            ),
            (
                "The Birch Valley Commission signed a pact with Minister Tomas Ruiz in Southmere.",
                vec![
                    ("Birch Valley Commission", 0),
                    ("Tomas Ruiz", 1),
                    ("Southmere", 2),
                ],
            ),
            (
                "Mayor Ola Brand said the Cedar River Authority would open an office in Northland.",
                vec![
                    ("Ola Brand", 1),
                    ("Cedar River Authority", 0),
                    ("Northland", 2),
                ],
            ),
        ];
        let mut model = Perceptron::default();
        for _ in 0..10 {
            for (text, gold) in &lessons {
                let toks = text::tokens(text);
                let labels = gold_of(text, &toks, gold);
                model.train(text, &toks, &[], &labels, 1.0);
            }
        }
        let bytes: &'static [u8] = Box::leak(to_bytes(&model.averaged()).into_boxed_slice());
        let labeller = Labeller::from_bytes(bytes);
        assert!(labeller.is_loaded());
        let text = "Officials of the Alder Port Authority met Minister Tomas Ruiz in Southmere.";
        let toks = text::tokens(text);
        let found = names_in(text, &toks, &labeller.label(text, &toks, &[]));
        for want in [
            ("Alder Port Authority", "ORG"),
            ("Tomas Ruiz", "PER"),
            ("Southmere", "LOC"),
        ] {
            assert!(
                found.contains(&(want.0.to_string(), want.1)),
                "{want:?} not in {found:?}"
            );
        }
        // An untrained model reads no names.
        let blank: &'static [u8] =
            Box::leak(to_bytes(&Perceptron::default().averaged()).into_boxed_slice());
        let labels = Labeller::from_bytes(blank).label(text, &toks, &[]);
        assert!(spans(&labels).is_empty());
        assert!(!Labeller::from_bytes(b"not a model").is_loaded());
    }

    #[test]
    fn gold_names_are_projected_onto_words_longest_first() {
        let text = "The Alder Port Authority and Alder signed it; the Authority said Ines Varga, \
                    of Alderport, agreed.";
        let toks = text::tokens(text);
        let forms = vec![
            ("Alder Port Authority".to_string(), 0),
            ("Alder".to_string(), 2),
            ("Ines Varga".to_string(), 1),
        ];
        let spans = find_forms(text, &forms);
        // "Alder" inside the longer name and inside "Alderport" is not a place.
        let found: Vec<&str> = spans.iter().map(|&(a, b, _)| &text[a..b]).collect();
        assert_eq!(found, ["Alder Port Authority", "Alder", "Ines Varga"]);
        let authority = text.rfind("Authority").unwrap();
        let gold = project_spans(&toks, &spans, &[(authority, authority + 9)]);
        let labels: Vec<(&str, Option<&str>)> = toks
            .iter()
            .zip(&gold)
            .map(|(t, g)| (t.text, g.map(|l| LABELS[usize::from(l)])))
            .collect();
        assert_eq!(labels[1], ("Alder", Some("B-ORG")));
        assert_eq!(labels[2], ("Port", Some("I-ORG")));
        assert_eq!(labels[3], ("Authority", Some("L-ORG")));
        assert_eq!(labels[5], ("Alder", Some("U-LOC")));
        assert!(labels.contains(&("Authority", None)), "masked: {labels:?}");
        assert!(labels.contains(&("Ines", Some("B-PER"))));
        assert!(labels.contains(&("Varga", Some("L-PER"))));
        assert!(labels.contains(&("Alderport", Some("O"))));
    }

    #[test]
    fn quantised_weights_round_trip() {
        let mut weights = vec![0f32; (1 << BITS) * N_LABELS];
        weights[5] = 2.0;
        weights[40] = -1.0;
        let bytes: &'static [u8] = Box::leak(to_bytes(&weights).into_boxed_slice());
        let model = Labeller::from_bytes(bytes);
        let mut scores = [0f32; N_LABELS];
        model.add_row(0, &mut scores);
        assert!((scores[5] - 2.0).abs() < 0.02);
        let mut scores = [0f32; N_LABELS];
        model.add_row(2, &mut scores);
        assert!((scores[40 - 34] + 1.0).abs() < 0.02);
    }
}

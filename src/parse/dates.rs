//! Dates as scraped archives write them, read into year, month and day (chrono then decides
//! whether the date exists). Pure functions of the text: no other part of the parser is needed.

use crate::extract::vocabulary::{MONTHS, WEEKDAYS};

/// `2023-10-20`, `2023/10/20` or `2023.10.20` as the whole text.
pub fn numeric_date(text: &str) -> Option<(i32, u32, u32)> {
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    if parts.len() != 3
        || parts[0].len() != 4
        || !(1..=2).contains(&parts[1].len())
        || !(1..=2).contains(&parts[2].len())
        || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    Some((
        parts[0].parse().ok()?,
        parts[1].parse().ok()?,
        parts[2].parse().ok()?,
    ))
}

/// `October 20, 2023`, `Oct. 20 2023`, `20 Oct 2023`, `Friday, October 20, 2023` as the whole text.
pub fn worded_date(text: &str) -> Option<(i32, u32, u32)> {
    let words: Vec<&str> = text
        .split([' ', ','])
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    let words: Vec<&str> = match words.first() {
        Some(first) if is_weekday(first) => words[1..].to_vec(),
        _ => words,
    };
    if words.len() != 3 {
        return None;
    }
    let month_of = |w: &str| {
        MONTHS
            .iter()
            .position(|m| {
                w.len() >= 3 && m.starts_with(w) && (w.len() == 3 || *m == w || w == "sept")
            })
            .map(|i| i as u32 + 1)
    };
    let number = |w: &str| -> Option<u32> {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if digits.is_empty() || digits.len() > 2 {
            return None;
        }
        digits.parse().ok()
    };
    let year = |w: &str| -> Option<i32> {
        (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse().ok())?
    };
    if let (Some(m), Some(d), Some(y)) = (month_of(words[0]), number(words[1]), year(words[2])) {
        return Some((y, m, d));
    }
    if let (Some(d), Some(m), Some(y)) = (number(words[0]), month_of(words[1]), year(words[2])) {
        return Some((y, m, d));
    }
    None
}

fn is_weekday(word: &str) -> bool {
    WEEKDAYS
        .iter()
        .any(|d| *d == word || (word.len() == 3 && d.starts_with(word)))
}

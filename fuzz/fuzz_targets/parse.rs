//! Fuzz target: any bytes, as a native or a Markdown article, through the parser and the
//! extractor. Must never panic. Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run parse` (see README).
#![no_main]

use concord::SiteConfig;
use concord::parse::{Format, parse_file};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (format, bytes) = match data.split_first() {
        Some((flag, rest)) if flag % 2 == 0 => (Format::Native, rest),
        Some((_, rest)) => (Format::Markdown, rest),
        None => (Format::Native, data),
    };
    let parsed = parse_file("content/fuzz.txt", bytes, format, data.len() % 3 == 0);
    if let Some(article) = parsed.article {
        let mut articles = vec![article];
        concord::extract::extract(&mut articles, &SiteConfig::default());
    }
});

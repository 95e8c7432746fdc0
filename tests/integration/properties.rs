//! Properties of the parser and the extractor, on generated input (proptest).

use concord::SiteConfig;
use concord::parse::{Format, parse_file};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any bytes, in either format: an article or problems, never a panic.
    #[test]
    fn parser_and_extractor_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), markdown: bool) {
        let format = if markdown { Format::Markdown } else { Format::Native };
        let parsed = parse_file("content/p.txt", &bytes, format, false);
        if let Some(article) = parsed.article {
            let mut articles = vec![article];
            concord::extract::extract(&mut articles, &SiteConfig::default());
        } else {
            prop_assert!(!parsed.problems.is_empty());
        }
    }

    /// Text that looks like news (capitals, brackets, commas) stresses the extractor's rules.
    #[test]
    fn extractor_never_panics_on_news_like_text(
        words in proptest::collection::vec(
            prop_oneof![
                "[A-Z][a-z]{0,8}", "[a-z]{1,8}", "\\([A-Z]{2,5}\\)", "(of|and|the|for|'s|,|\\.|-)",
                "(Bank|Council|Ministry|University|Mayor|said|Station)",
            ],
            0..200,
        )
    ) {
        let body = words.join(" ");
        let text = format!("date 2023-01-01\nTitle\n\n{body}\n\nSource: S\n");
        let parsed = parse_file("content/p.txt", text.as_bytes(), Format::Native, false);
        let mut articles: Vec<_> = parsed.article.into_iter().collect();
        concord::extract::extract(&mut articles, &SiteConfig::default());
    }

    /// Writing an article in the native format and parsing it back keeps the date, the title
    /// and every paragraph (escaped into the body HTML).
    #[test]
    fn native_round_trip_keeps_title_date_and_paragraphs(
        (y, m, d) in (1900i32..2100, 1u32..13, 1u32..29),
        // No `<`: a stray HTML tag (`<b>`) is scrape noise and is removed (tested in parse/noise.rs).
        title in "[A-Za-z0-9][A-Za-z0-9 ,'&>\"]{0,60}[A-Za-z0-9]",
        // Prose ends with a full stop; a short unpunctuated line after the lead is a caption
        // (its own rule, tested in parse.rs).
        paragraphs in proptest::collection::vec("[a-z][a-z ,.>&'\"]{5,80}[a-z]\\.", 1..8),
    ) {
        // Paragraphs of distinct first words, so none repeats the lead (that one is dropped).
        let paragraphs: Vec<String> = paragraphs.iter().enumerate().map(|(i, p)| format!("p{i} {p}")).collect();
        let text = format!(
            "date {y:04}-{m:02}-{d:02}\n{title}\n\n{}\n\nSource: Tide   Editor: Ana\n",
            paragraphs.join("\n\n")
        );
        let parsed = parse_file("content/p.txt", text.as_bytes(), Format::Native, false);
        let article = parsed.article.expect("an article");
        prop_assert_eq!(article.date.format("%Y-%m-%d").to_string(), format!("{y:04}-{m:02}-{d:02}"));
        let clean_title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assert_eq!(&article.title, &clean_title);
        let expected: String = paragraphs
            .iter()
            .map(|p| format!("<p>{}</p>\n", concord::markdown::escape_html(&p.split_whitespace().collect::<Vec<_>>().join(" "))))
            .collect();
        prop_assert_eq!(article.body_html(), expected.as_str());
        prop_assert_eq!(article.source.as_deref(), Some("Tide"));
        prop_assert_eq!(article.editor.as_deref(), Some("Ana"));
    }
}

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
            concord::extract::extract(&[article], &SiteConfig::default());
        } else {
            prop_assert!(!parsed.problems.is_empty());
        }
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Text that looks like news (capitals, brackets, commas) stresses the extractor's rules:
    /// 256 such articles, read four to an archive (the names one proposes are tagged in the
    /// others; a reading's set-up, the archive's tables, is most of its time in a debug build).
    #[test]
    fn extractor_never_panics_on_news_like_text(
        bodies in proptest::collection::vec(
            proptest::collection::vec(
                prop_oneof![
                    "[A-Z][a-z]{0,8}", "[a-z]{1,8}", "\\([A-Z]{2,5}\\)", "(of|and|the|for|'s|,|\\.|-)",
                    "(Bank|Council|Ministry|University|Mayor|said|Station)",
                ],
                0..200,
            ),
            4,
        )
    ) {
        let articles: Vec<_> = bodies
            .iter()
            .enumerate()
            .filter_map(|(i, words)| {
                let text = format!("date 2023-01-01\nTitle {i}\n\n{}\n\nSource: S\n", words.join(" "));
                parse_file(&format!("content/p{i}.txt"), text.as_bytes(), Format::Native, false).article
            })
            .collect();
        concord::extract::extract(&articles, &SiteConfig::default());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// For any set of file names — case twins, composed and decomposed accents, names that are
    /// not UTF-8 — each article is published exactly once, or reported.
    #[cfg(unix)]
    #[test]
    fn every_file_name_is_published_once_or_reported(
        picks in proptest::collection::vec(0usize..8, 1..8),
    ) {
        use std::os::unix::ffi::OsStrExt;
        let names: [&[u8]; 8] = [
            b"news.txt", b"News.txt", "caf\u{e9}.txt".as_bytes(), "cafe\u{301}.txt".as_bytes(),
            b"caf\xe9.txt", b"caf\xe8.txt", b"caf%E9.txt", "\u{65b0}\u{95fb}.txt".as_bytes(),
        ];
        let site = crate::TestSite::empty();
        let folder = site.root().join("content/2024/06");
        std::fs::create_dir_all(&folder).unwrap();
        let mut written = std::collections::BTreeSet::new();
        for &pick in &picks {
            if written.insert(pick) {
                let text = format!("date 2024-06-01\nStory {pick}\n\nText {pick}.\n\nSource: S\n");
                std::fs::write(folder.join(std::ffi::OsStr::from_bytes(names[pick])), text).unwrap();
            }
        }
        let out = site.run(&["build", "--keep-going"]);
        prop_assert!(out.status.success(), "{}", crate::stderr(&out));
        let pages = crate::tree(&site.public())
            .into_iter()
            .filter(|(p, _)| p.starts_with("2024/06/") && p.ends_with("/index.html"))
            .count();
        let reported = crate::stderr(&out).matches("left out of the build").count();
        prop_assert_eq!(pages + reported, written.len(), "{}", crate::stderr(&out));
    }
}

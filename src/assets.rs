//! The default theme, embedded in the binary so a site needs no templates/ or static/ of its own.
//! A site's file of the same name replaces the embedded one.

/// Default templates: (name, text).
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    (
        "article-list.html",
        include_str!("../templates/article-list.html"),
    ),
    ("index.html", include_str!("../templates/index.html")),
    ("article.html", include_str!("../templates/article.html")),
    ("taxonomy.html", include_str!("../templates/taxonomy.html")),
    ("term.html", include_str!("../templates/term.html")),
    ("archive.html", include_str!("../templates/archive.html")),
    ("period.html", include_str!("../templates/period.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("atom.xml", include_str!("../templates/atom.xml")),
    ("404.html", include_str!("../templates/404.html")),
];

/// Default static files: (path below the output folder, bytes).
pub const STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../static/style.css")),
    ("favicon.svg", include_bytes!("../static/favicon.svg")),
    ("search.js", include_bytes!("../static/search.js")),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Every file in the repository's templates/ and static/ is embedded, so `concord` without a
    /// theme of its own builds the same site as the example.
    #[test]
    fn every_theme_file_is_embedded() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for (dir, names) in [
            (
                "templates",
                TEMPLATES.iter().map(|t| t.0).collect::<Vec<_>>(),
            ),
            ("static", STATIC.iter().map(|t| t.0).collect::<Vec<_>>()),
        ] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let name = entry.unwrap().file_name().to_string_lossy().to_string();
                assert!(
                    names.contains(&name.as_str()),
                    "{dir}/{name} is not embedded"
                );
            }
        }
    }
}

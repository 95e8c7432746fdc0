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
    (
        "term-entry.html",
        include_str!("../templates/term-entry.html"),
    ),
    ("timeline.html", include_str!("../templates/timeline.html")),
    ("together.html", include_str!("../templates/together.html")),
    ("archive.html", include_str!("../templates/archive.html")),
    ("period.html", include_str!("../templates/period.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("atom.xml", include_str!("../templates/atom.xml")),
    ("sitemap.xml", include_str!("../templates/sitemap.xml")),
    ("404.html", include_str!("../templates/404.html")),
];

/// Default static files: (path below the output folder, bytes).
pub const STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../static/style.css")),
    ("favicon.svg", include_bytes!("../static/favicon.svg")),
    ("search.js", include_bytes!("../static/search.js")),
];

/// The comment `concord init --theme` puts before each template it copies, naming the version.
/// No line break after it: an Atom template's `<?xml` must stay the first thing it renders.
pub fn copied_template_line() -> String {
    format!(
        "{{# Copied from the concord {} theme by `concord init --theme`. #}}",
        env!("CARGO_PKG_VERSION")
    )
}

/// Warnings for the site's templates that were copied from another version's theme and differ
/// from this version's: later fixes to the theme do not reach a copied template.
pub fn stale_templates(root: &std::path::Path) -> Vec<crate::error::Problem> {
    let current = copied_template_line();
    TEMPLATES
        .iter()
        .filter_map(|(name, embedded)| {
            let rel = format!("templates/{name}");
            let text = std::fs::read_to_string(root.join(&rel)).ok()?;
            let (marker, rest) = text.split_once("#}")?;
            let version = marker
                .strip_prefix("{# Copied from the concord ")?
                .split(' ')
                .next()?;
            let stale = format!("{marker}#}}") != current && rest != *embedded;
            stale.then(|| {
                crate::error::Problem::warning(
                    &rel,
                    Some(1),
                    format!(
                        "copied from the concord {version} theme; this concord ({}) has a newer {name}",
                        env!("CARGO_PKG_VERSION")
                    ),
                )
                .with_hint("compare with `concord init --theme NEW-FOLDER` and merge, or delete the file to use the built-in one")
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Every file in the repository's templates/ and static/ is embedded, so `concord` without a
    /// theme of its own builds the same site as the example.
    #[test]
    fn a_template_copied_from_another_version_is_noted() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("templates")).unwrap();
        let old = "{# Copied from the concord 0.0.1 theme by `concord init --theme`. #}<old>";
        std::fs::write(site.path().join("templates/base.html"), old).unwrap();
        let current = format!("{}{}", copied_template_line(), TEMPLATES[3].1);
        std::fs::write(site.path().join("templates").join(TEMPLATES[3].0), current).unwrap();
        let notes = stale_templates(site.path());
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(notes[0].path, "templates/base.html");
    }

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

//! `site.toml`: the site's settings, read strictly so that a typo is an error, not a silent default.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The settings of one site, as written in `site.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name, shown in every page's header and title.
    pub title: String,
    /// One sentence about the archive, used in the home page's meta description.
    pub description: String,
    /// Where the site is published: `https://example.org/` or a sub-path such as
    /// `https://example.org/archive/`. A bare path (`/`, `/archive/`) is allowed too.
    pub base_url: String,
    /// The language of the articles, as a BCP 47 tag (`en`, `zh-Hant`).
    pub language: String,
    /// How many articles a listing page shows.
    pub paginate_by: usize,
    /// How many of the newest articles each Atom feed carries.
    pub feed_limit: usize,
    /// The output folder, relative to the site root.
    pub output_dir: PathBuf,
    /// Canonical organisation name → the other names articles use for it, or a table with
    /// `aliases` and a `when` condition (`[organizations]`, the US spelling, is read the same).
    #[serde(alias = "organizations")]
    pub organisations: BTreeMap<String, OrganisationEntry>,
    /// Canonical person's name → the other names articles use for them.
    pub people: BTreeMap<String, Vec<String>>,
    /// Canonical place name → the other names articles use for it (added to the gazetteer).
    pub places: BTreeMap<String, Vec<String>>,
    pub markdown: MarkdownConfig,
    pub extract: ExtractConfig,
    pub search: SearchConfig,
    pub build: BuildConfig,
    /// Old URL path → new site path: each writes a redirect page at the old path, so links to an
    /// archive's previous addresses keep working (`"/news/1234.html" = "2014/08/x/"`).
    pub redirects: BTreeMap<String, String>,
}

/// One entry of `[organisations]`: the other names (`"Alder Bank" = ["AB"]`), or a table with
/// them and a condition that splits one surface name into two bodies by the article's places or
/// source (`[organisations."Labour Party (UK)"] aliases = ["Labour"], when = { places = ["London"] }`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum OrganisationEntry {
    Aliases(Vec<String>),
    Table(OrganisationTable),
}

/// `[organisations."Name"]` written as a table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OrganisationTable {
    pub aliases: Vec<String>,
    /// When set, the aliases mean this organisation only in articles that meet it.
    pub when: Option<When>,
}

/// A condition on an article: one of its places, or its source, is among those listed
/// (case-insensitive). Either list may be left out; an article meeting either list meets it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct When {
    pub places: Vec<String>,
    pub sources: Vec<String>,
}

impl OrganisationEntry {
    pub fn aliases(&self) -> &[String] {
        match self {
            OrganisationEntry::Aliases(aliases) => aliases,
            OrganisationEntry::Table(table) => &table.aliases,
        }
    }

    pub fn when(&self) -> Option<&When> {
        match self {
            OrganisationEntry::Aliases(_) => None,
            OrganisationEntry::Table(table) => table.when.as_ref(),
        }
    }
}

/// `[build]`: how strictly an archive is taken in.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BuildConfig {
    /// Turn the import warnings (encoding guessed, URL renamed, duplicate dropped, date taken
    /// from the path, special file skipped) into errors.
    pub strict: bool,
    /// The largest article file read, in bytes; a larger one is an error for that file.
    pub max_article_bytes: u64,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            strict: false,
            max_article_bytes: 20 * 1024 * 1024,
        }
    }
}

/// `[search]`: the index the search page reads (see [`crate::search`]).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SearchConfig {
    /// Build the search index and the search page's script (`false`: the page offers only the
    /// archive and the organisation index).
    pub enabled: bool,
    /// Index each article's full text; `false` indexes only its summary (with the title and the
    /// names, which are always indexed).
    pub full_text: bool,
    /// The size of the search index's parts. The older articles come in parts of this many,
    /// counted from the oldest, which the search page loads only when a router says they hold the
    /// words typed; the newest (one to this many) get an index of their own, which it loads and
    /// asks first: a reader's first results then cost about the same at 2,000 articles as at
    /// 100,000. `0`: one index for the whole archive.
    pub newest_first: usize,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            enabled: true,
            full_text: true,
            newest_first: 2000,
        }
    }
}

/// `[extract]`: how Concord reads organisations, places and people from the text.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExtractConfig {
    /// Use the built-in table of well-known organisations (UN, WTO, central banks, exchanges…).
    pub builtin_organisations: bool,
    /// Names never taken as organisations, whatever finds them (the site's own table excepted).
    pub exclude: Vec<String>,
    /// Names never taken as people (exact names and `*` patterns, as `exclude`).
    pub exclude_people: Vec<String>,
    /// Names never taken as places (exact names and `*` patterns, as `exclude`).
    pub exclude_places: Vec<String>,
    /// Places to add to the built-in gazetteer: canonical name → other names.
    pub places: BTreeMap<String, Vec<String>>,
    /// The confidence (0–1) an organisation the text proposes needs to become a tag; the
    /// model's own threshold, chosen on the dev split for precision, when not set.
    pub min_confidence: Option<f64>,
}

impl Default for ExtractConfig {
    fn default() -> Self {
        ExtractConfig {
            builtin_organisations: true,
            exclude: Vec::new(),
            exclude_people: Vec::new(),
            exclude_places: Vec::new(),
            places: BTreeMap::new(),
            min_confidence: None,
        }
    }
}

/// `[markdown]`: how Markdown articles are rendered.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Pass raw HTML in Markdown through unescaped. Off by default: only for trusted authors.
    pub unsafe_html: bool,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "News archive".to_string(),
            description: String::new(),
            base_url: "/".to_string(),
            language: "en".to_string(),
            paginate_by: 20,
            feed_limit: 20,
            output_dir: PathBuf::from("public"),
            organisations: BTreeMap::new(),
            people: BTreeMap::new(),
            places: BTreeMap::new(),
            markdown: MarkdownConfig::default(),
            extract: ExtractConfig::default(),
            search: SearchConfig::default(),
            build: BuildConfig::default(),
            redirects: BTreeMap::new(),
        }
    }
}

/// A validated base URL, split into what pages need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Scheme and host without a trailing slash (`https://example.org`), or empty for a bare path.
    pub origin: String,
    /// The path every site URL starts with; begins and ends with `/`.
    pub path: String,
}

impl BaseUrl {
    /// Parses `https://host/sub/`, `http://host`, or a bare `/sub/` path.
    pub fn parse(raw: &str) -> std::result::Result<BaseUrl, String> {
        let raw = raw.trim();
        if raw.contains(['?', '#']) {
            return Err(format!(
                "base_url {raw:?} has a query or fragment; give only scheme, host and path"
            ));
        }
        if raw.chars().any(char::is_whitespace) {
            return Err(format!("base_url {raw:?} contains white space"));
        }
        let (origin, path) = if let Some(rest) = raw
            .strip_prefix("https://")
            .or_else(|| raw.strip_prefix("http://"))
        {
            let host_end = rest.find('/').unwrap_or(rest.len());
            if host_end == 0 {
                return Err(format!("base_url {raw:?} has no host"));
            }
            // The `url` crate judges the host and port (and writes the host as browsers do:
            // lower case, international names in punycode); the path is checked below as given,
            // before any `..` could be resolved away.
            let url = url::Url::parse(raw)
                .map_err(|e| format!("base_url {raw:?} is not a valid URL: {e}"))?;
            if !url.username().is_empty() || url.password().is_some() {
                return Err(format!(
                    "base_url {raw:?} holds a user name or password; give only scheme, host and path"
                ));
            }
            (
                url.origin().ascii_serialization(),
                rest[host_end..].to_string(),
            )
        } else if raw.starts_with('/') {
            (String::new(), raw.to_string())
        } else {
            return Err(format!(
                "base_url {raw:?} must start with https:// or http:// (or be a path starting with /)"
            ));
        };
        let mut path = if path.is_empty() {
            "/".to_string()
        } else {
            path
        };
        if !path.ends_with('/') {
            path.push('/');
        }
        if path.contains("//") || path.split('/').any(|seg| seg == ".." || seg == ".") {
            return Err(format!(
                "base_url {raw:?} has an empty, `.` or `..` path segment"
            ));
        }
        Ok(BaseUrl { origin, path })
    }

    /// The absolute URL of a site path given relative to the base (`2023/10/x/`).
    pub fn permalink(&self, relative: &str) -> String {
        format!("{}{}{relative}", self.origin, self.path)
    }

    /// Whether the host is a documentation placeholder (`example.org`, `example.com`,
    /// `example.net`), as `concord init` writes it.
    pub fn is_placeholder(&self) -> bool {
        let host = self.origin.split("://").nth(1).unwrap_or("");
        let host = host.split(':').next().unwrap_or(host);
        let host = host.strip_prefix("www.").unwrap_or(host);
        matches!(host, "example.org" | "example.com" | "example.net")
    }

    /// The root-relative URL of a site path (`/archive/2023/10/x/`), as pages link to it.
    pub fn link(&self, relative: &str) -> String {
        format!("{}{relative}", self.path)
    }
}

impl SiteConfig {
    /// The site's organisation table as the tagger takes it: every canonical name with its
    /// aliases, a conditional entry's aliases as names of their own (what they mean when no
    /// condition holds) and its canonical name with no aliases.
    pub fn organisation_aliases(&self) -> BTreeMap<String, Vec<String>> {
        let mut table: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, entry) in &self.organisations {
            if entry.when().is_some() {
                table.entry(name.clone()).or_default();
            } else {
                table
                    .entry(name.clone())
                    .or_default()
                    .extend(entry.aliases().iter().cloned());
            }
        }
        for entry in self.organisations.values() {
            if entry.when().is_some() {
                for alias in entry.aliases() {
                    let taken = table.iter().any(|(n, a)| {
                        n.eq_ignore_ascii_case(alias)
                            || a.iter().any(|x| x.eq_ignore_ascii_case(alias))
                    });
                    if !taken {
                        table.insert(alias.clone(), Vec::new());
                    }
                }
            }
        }
        table
    }

    /// The places the site adds to the gazetteer: `[places]` and `[extract] places`, the first
    /// winning for a name in both.
    pub fn place_table(&self) -> BTreeMap<String, Vec<String>> {
        let mut table = self.extract.places.clone();
        table.extend(self.places.iter().map(|(k, v)| (k.clone(), v.clone())));
        table
    }

    /// The `[organisations]` entries with a `when`: (canonical name, aliases, condition).
    pub fn organisation_splits(&self) -> impl Iterator<Item = (&str, &[String], &When)> {
        self.organisations
            .iter()
            .filter_map(|(name, e)| Some((name.as_str(), e.aliases(), e.when()?)))
    }

    /// Reads `site.toml` from the site root.
    pub fn load(root: &Path) -> Result<SiteConfig> {
        let path = root.join("site.toml");
        let bytes =
            crate::paths::read_regular_file(&path, 4 * 1024 * 1024).map_err(|e| Error::Config {
                path: path.clone(),
                message: if e.kind() == std::io::ErrorKind::NotFound {
                    "not found: a site needs a site.toml at its root (use --root DIR to name another site, or `concord init` to start one)"
                        .to_string()
                } else {
                    e.to_string()
                },
            })?;
        let text = String::from_utf8(bytes).map_err(|e| Error::Config {
            path: path.clone(),
            message: format!(
                "not UTF-8 (invalid byte at offset {}); save it as UTF-8",
                e.utf8_error().valid_up_to()
            ),
        })?;
        SiteConfig::parse(&text).map_err(|message| Error::Config { path, message })
    }

    /// Parses and validates the text of a `site.toml`. The message names the line.
    pub fn parse(text: &str) -> std::result::Result<SiteConfig, String> {
        let config: SiteConfig = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|span| crate::error::line_of_offset(text, span.start));
            let message = plain_message(e.message().trim_end());
            match line {
                Some(line) => format!("line {line}: {message}"),
                None => message,
            }
        })?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> std::result::Result<(), String> {
        BaseUrl::parse(&self.base_url)?;
        if self.paginate_by == 0 {
            return Err("paginate_by must be at least 1".to_string());
        }
        if self.feed_limit == 0 {
            return Err("feed_limit must be at least 1".to_string());
        }
        if self.title.trim().is_empty() {
            return Err("title must not be empty".to_string());
        }
        if let Some(c) = self.extract.min_confidence
            && !(0.0..=1.0).contains(&c)
        {
            return Err(format!(
                "[extract] min_confidence is {c}; give a number from 0 to 1"
            ));
        }
        for (name, entry) in &self.organisations {
            if let Some(when) = entry.when() {
                if when.places.is_empty() && when.sources.is_empty() {
                    return Err(format!(
                        "[organisations.{name:?}] when names no places and no sources; give `when = {{ places = [\"…\"] }}` or leave `when` out"
                    ));
                }
                if entry.aliases().is_empty() {
                    return Err(format!(
                        "[organisations.{name:?}] has a `when` but no aliases: list the names it splits, `aliases = [\"…\"]`"
                    ));
                }
            }
        }
        if self.build.max_article_bytes == 0 {
            return Err("[build] max_article_bytes must be at least 1".to_string());
        }
        for (from, to) in &self.redirects {
            if !from.starts_with('/')
                || from.contains(['?', '#'])
                || from.split('/').any(|s| s == "..")
            {
                return Err(format!(
                    "[redirects] {from:?}: an old address is a path starting with / (no query, fragment or ..)"
                ));
            }
            if from == "/" {
                return Err(
                    "[redirects] \"/\" is the home page; it cannot be redirected".to_string(),
                );
            }
            if to.is_empty() {
                return Err(format!("[redirects] {from:?} has no new address"));
            }
        }
        Ok(())
    }
}

/// A TOML or serde message in words an editor uses: types named as they are written, and the
/// nearest known key suggested for an unknown one.
fn plain_message(message: &str) -> String {
    let mut text = message.to_string();
    for (rust, plain) in [
        ("expected usize", "expected a whole number (no quotes)"),
        ("expected u64", "expected a whole number (no quotes)"),
        ("expected a boolean", "expected true or false (no quotes)"),
        ("expected a string", "expected a quoted string"),
        (
            "expected a sequence",
            "expected a list in brackets, [\"a\", \"b\"]",
        ),
        ("expected a map", "expected a table"),
        (
            "invalid basic string",
            "a quoted string is not closed, or holds a bad \\ escape",
        ),
        ("invalid type: string", "found the quoted string"),
        ("invalid type: integer", "found the number"),
        (
            "data did not match any variant of untagged enum OrganisationEntry",
            "expected a list of other names, [\"AB\"], or a table with `aliases` (and `when`)",
        ),
    ] {
        text = text.replace(rust, plain);
    }
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((field, expected)) = rest.split_once('`')
    {
        let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let nearest = known
            .iter()
            .map(|k| (strsim::damerau_levenshtein(field, k), *k))
            .filter(|(d, _)| *d <= 2)
            .min();
        text = match nearest {
            Some((_, key)) => format!("unknown key `{field}`: did you mean `{key}`?"),
            None => format!(
                "unknown key `{field}`; the keys here are: {}",
                known.join(", ")
            ),
        };
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_speak_plainly_and_suggest_the_nearest_key() {
        let err = SiteConfig::parse("titel = \"T\"").unwrap_err();
        assert!(
            err.contains("unknown key `titel`: did you mean `title`?"),
            "{err}"
        );
        let err = SiteConfig::parse("paginate_by = \"20\"").unwrap_err();
        assert!(err.contains("a whole number"), "{err}");
        assert!(!err.contains("usize"), "{err}");
        let err = SiteConfig::parse("title = \"T").unwrap_err();
        assert!(err.contains("line 1"), "{err}");
        let config = SiteConfig::parse("[organizations]\n\"Alder Bank\" = [\"AB\"]").unwrap();
        assert_eq!(config.organisations["Alder Bank"].aliases(), ["AB"]);
    }

    #[test]
    fn defaults_fill_missing_keys() {
        let config = SiteConfig::parse("title = \"T\"").unwrap();
        assert_eq!(config.paginate_by, 20);
        assert_eq!(config.output_dir, PathBuf::from("public"));
        assert_eq!(config.base_url, "/");
    }

    #[test]
    fn unknown_key_is_an_error_naming_it_and_its_line() {
        let err = SiteConfig::parse("title = \"T\"\npaginate = 5\n").unwrap_err();
        assert!(err.contains("paginate"), "{err}");
        assert!(err.contains("line 2"), "{err}");
    }

    #[test]
    fn wrong_type_is_an_error() {
        let err = SiteConfig::parse("paginate_by = \"ten\"").unwrap_err();
        assert!(err.contains("line 1"), "{err}");
    }

    #[test]
    fn organisations_table_reads_aliases() {
        let config = SiteConfig::parse(
            "[organisations]\n\"Hong Kong Stock Exchange\" = [\"HKEX\", \"HKEx\"]",
        )
        .unwrap();
        assert_eq!(
            config.organisations["Hong Kong Stock Exchange"].aliases(),
            ["HKEX", "HKEx"]
        );
    }

    #[test]
    fn organisations_table_entries_split_a_name_by_place() {
        let config = SiteConfig::parse(
            "[organisations]\n\"Alder Bank\" = [\"AB\"]\n[organisations.\"Harbour Party (North)\"]\naliases = [\"Harbour\"]\nwhen = { places = [\"Northland\"] }\n",
        )
        .unwrap();
        let splits: Vec<_> = config.organisation_splits().collect();
        assert_eq!(splits.len(), 1);
        assert_eq!(splits[0].0, "Harbour Party (North)");
        assert_eq!(splits[0].2.places, ["Northland"]);
        let table = config.organisation_aliases();
        assert_eq!(table["Alder Bank"], ["AB"]);
        assert!(table["Harbour Party (North)"].is_empty());
        assert!(
            table["Harbour"].is_empty(),
            "the alias stays a name of its own"
        );
        let err = SiteConfig::parse("[organisations.\"X Party\"]\naliases = [\"X\"]\nwhen = { }\n")
            .unwrap_err();
        assert!(err.contains("no places and no sources"), "{err}");
        let err = SiteConfig::parse("[organisations.\"X Party\"]\nalias = [\"X\"]\n").unwrap_err();
        assert!(err.contains("aliases"), "{err}");
    }

    #[test]
    fn base_url_with_sub_path() {
        let base = BaseUrl::parse("https://example.org/archive").unwrap();
        assert_eq!(base.origin, "https://example.org");
        assert_eq!(base.path, "/archive/");
        assert_eq!(base.link("2023/"), "/archive/2023/");
        assert_eq!(base.permalink("2023/"), "https://example.org/archive/2023/");
    }

    #[test]
    fn base_url_at_domain_root() {
        let base = BaseUrl::parse("https://example.org").unwrap();
        assert_eq!(base.path, "/");
    }

    #[test]
    fn base_url_rejects_query_missing_scheme_and_dot_segments() {
        assert!(BaseUrl::parse("https://example.org/?x=1").is_err());
        assert!(BaseUrl::parse("example.org/archive/").is_err());
        assert!(BaseUrl::parse("https:///archive/").is_err());
        assert!(BaseUrl::parse("https://example.org/a/../b/").is_err());
        assert!(
            BaseUrl::parse("https://exa_mple.org:99999/").is_err(),
            "a port too large"
        );
        assert!(BaseUrl::parse("https://user:pw@example.org/").is_err());
        let host = BaseUrl::parse("https://News.Example.ORG:8443/a/").unwrap();
        assert_eq!(host.origin, "https://news.example.org:8443");
        let idn = BaseUrl::parse("https://bücher.example/").unwrap();
        assert_eq!(idn.origin, "https://xn--bcher-kva.example");
    }

    #[test]
    fn zero_pagination_is_rejected() {
        assert!(SiteConfig::parse("paginate_by = 0").is_err());
    }
}

//! The page model: what the parser and extractor produce and the renderer reads, and the files
//! the renderer and the search index hand to the writer. No I/O here.

use chrono::NaiveDate;
use serde::Serialize;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Relative to the output folder, `/`-separated.
    pub rel_path: String,
    pub bytes: Vec<u8>,
    /// The bytes were read from the file at `rel_path` in the folder this build replaces, and
    /// checked there (a part of the search index taken from the last build): the writer links
    /// that file without reading it again.
    pub from_previous: bool,
}

/// Where rendered files go, as soon as each is ready; called from many threads.
pub type Sink<'a> = &'a (dyn Fn(Output) -> crate::error::Result<()> + Sync);

/// One article, parsed and cleaned up: the parse stage's output (its reading is [`Tags`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The source file, relative to the site root, with `/` separators.
    pub path: String,
    /// The last segment of the article's URL; unique within its month.
    pub slug: String,
    /// The slug was set in front matter (a clash is then an error, not a rename).
    pub explicit_slug: bool,
    /// The slug it would have had, when a URL clash renamed it (`x` for `x-2`).
    pub renamed_from: Option<String>,
    pub date: NaiveDate,
    pub title: String,
    pub source: Option<String>,
    pub editor: Option<String>,
    /// Who wrote it: a byline found above the lead, or the front matter's `author`.
    pub author: Option<String>,
    /// Where the story was filed, from a dateline (`BEIJING, May 5 (Xinhua) --`).
    pub dateline: Option<String>,
    /// Old site paths of this article (front matter `aliases`): each gets a redirect page.
    pub aliases: Vec<String>,
    /// Plain text: the first paragraph shortened at a word boundary, or the front matter's `summary`.
    pub summary: String,
    /// The body, as [`Article::body_html`] renders it.
    pub body: Body,
    /// A photo caption found in the text, shown as a figure caption.
    pub caption: Option<String>,
    pub word_count: usize,
    pub draft: bool,
    /// Organisation names the front matter gives (`organisations` and `organisations_add`).
    pub declared_organisations: Vec<String>,
    /// The front matter's corrections of what is read from the text.
    pub corrections: Corrections,
    /// Headline, caption and body as plain text: what the extractor reads.
    pub text: Text,
    /// What the clean-up changed, so an editor can audit it.
    pub cleanup: Cleanup,
}

/// What the reading stage found in one article ([`crate::extract`] makes it; parse never does).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tags {
    /// Indexes into the archive's organisation table, with the forms seen here.
    pub organisations: Vec<OrganisationMention>,
    /// Candidates the decision model turned down (below the threshold).
    pub rejected_organisations: Vec<OrganisationMention>,
    /// The places named, in order of first mention.
    pub places: Vec<NamedMention>,
    /// The two parties cooperating, when the article names a pair.
    pub partners: Option<(String, String)>,
    /// The people named, with their role when the text gives it.
    pub people: Vec<Person>,
}

/// An article with its reading: what the index holds and the pages show. Both halves are
/// shared, so a rebuild keeps what did not change without copying it; it reads as the
/// [`Article`] it wraps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaggedArticle {
    pub article: std::sync::Arc<Article>,
    pub tags: std::sync::Arc<Tags>,
}

impl std::ops::Deref for TaggedArticle {
    type Target = Article;

    fn deref(&self) -> &Article {
        &self.article
    }
}

/// What an article says, as plain text: the headline, the photo caption when there is one, and
/// the paragraphs of the story, in that order. The reader finds names by byte offsets into one
/// string, so the blocks are held in one string, a blank line ([`Text::BREAK`]) apart — a layout
/// this type alone writes and reads: parse makes it with [`Text::new`], the reader and the
/// renderer ask it for its parts. It reads as the whole string (`Deref<Target = str>`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    all: String,
    /// Where the block after the headline begins.
    after_headline: usize,
    /// Where the story's paragraphs begin (after the caption, when there is one).
    story: usize,
}

impl Text {
    /// What separates two blocks (headline, caption, paragraphs): a blank line.
    pub const BREAK: &'static str = "\n\n";

    /// The text of a headline, a caption and paragraphs, none of which holds a blank line.
    pub fn new<'a>(
        headline: &str,
        caption: Option<&str>,
        paragraphs: impl IntoIterator<Item = &'a str>,
    ) -> Text {
        let paragraphs: Vec<&str> = paragraphs.into_iter().collect();
        let blocks = [headline, caption.unwrap_or_default()];
        // One allocation of the exact size: an archive holds one text an article.
        let size = blocks
            .iter()
            .chain(&paragraphs)
            .map(|b| b.len())
            .sum::<usize>()
            + (paragraphs.len() + 2) * Self::BREAK.len();
        let mut all = String::with_capacity(size);
        all.push_str(headline);
        all.push_str(Self::BREAK);
        let after_headline = all.len();
        if let Some(caption) = caption {
            all.push_str(caption);
            all.push_str(Self::BREAK);
        }
        let story = all.len();
        for (i, paragraph) in paragraphs.into_iter().enumerate() {
            if i > 0 {
                all.push_str(Self::BREAK);
            }
            all.push_str(paragraph);
        }
        Text {
            all,
            after_headline,
            story,
        }
    }

    /// Where the block after the headline begins in `text`, a whole [`Text`] as a string (the
    /// reader's functions take the string): after the first blank line, or the end.
    pub fn after_headline_in(text: &str) -> usize {
        text.find(Self::BREAK)
            .map_or(text.len(), |i| i + Self::BREAK.len())
    }

    /// The whole text.
    pub fn as_str(&self) -> &str {
        &self.all
    }

    /// The headline.
    pub fn headline(&self) -> &str {
        let head = &self.all[..self.after_headline];
        head.strip_suffix(Self::BREAK).unwrap_or(head)
    }

    /// The caption and the story: everything after the headline.
    pub fn after_headline(&self) -> &str {
        &self.all[self.after_headline..]
    }

    /// Where the story's first paragraph, its lead, stands in the text (empty at the end when
    /// the story has none).
    pub fn lead(&self) -> std::ops::Range<usize> {
        let rest = &self.all[self.story..];
        let end = rest
            .find(Self::BREAK)
            .map_or(self.all.len(), |i| self.story + i);
        self.story..end
    }

    /// The story's paragraphs, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.all[self.story..]
            .split(Self::BREAK)
            .filter(|p| !p.is_empty())
    }
}

/// A text already in the layout — a headline, then paragraphs, each a blank line apart — with no
/// caption (tests and tools that make text by hand).
impl From<&str> for Text {
    fn from(text: &str) -> Text {
        let after_headline = Text::after_headline_in(text);
        Text {
            all: text.to_string(),
            after_headline,
            story: after_headline,
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.all
    }
}

/// Where an article's body comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Native articles: the paragraphs of [`Article::text`]; the HTML is made from them when a
    /// page is rendered, so the body is held once, not twice.
    Paragraphs,
    /// Markdown articles: the HTML pulldown-cmark rendered.
    Html(String),
}

/// Something named in an article, with the forms the article uses for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NamedMention {
    pub name: String,
    pub mentions: Vec<String>,
}

/// A person named in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
    pub mentions: Vec<String>,
}

impl Article {
    /// The article's folder below the site root: `YYYY/MM/slug/`.
    pub fn relative_url(&self) -> String {
        use chrono::Datelike;
        format!(
            "{:04}/{:02}/{}/",
            self.date.year(),
            self.date.month(),
            self.slug
        )
    }

    /// The body as HTML, ready to insert: escaped paragraphs, or the rendered Markdown.
    pub fn body_html(&self) -> std::borrow::Cow<'_, str> {
        match &self.body {
            Body::Html(html) => std::borrow::Cow::Borrowed(html),
            Body::Paragraphs => {
                let size = self.text.len();
                let mut html = String::with_capacity(size + size / 8);
                for paragraph in self.text.paragraphs() {
                    html.push_str("<p>");
                    html.push_str(&crate::markdown::escape_html(paragraph));
                    html.push_str("</p>\n");
                }
                std::borrow::Cow::Owned(html)
            }
        }
    }

    /// Minutes to read at 200 words a minute, at least one.
    pub fn reading_minutes(&self) -> usize {
        self.word_count.div_ceil(200).max(1)
    }
}

/// An editor's corrections, from an article's front matter. They apply after reading, by name,
/// so they keep working when the reader changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Corrections {
    /// `organisations = [...]` was given: the article's organisations are exactly those.
    pub organisations_only: bool,
    /// `organisations_remove`: names (or other names) of organisations to take off.
    pub organisations_remove: Vec<String>,
    pub people: ListCorrection,
    pub places: ListCorrection,
    /// `partners = ["A", "B"]` sets the pair; `partners = []` removes it.
    pub partners: Option<Vec<String>>,
}

/// `X = [...]` (replaces what was read), `X_add`, `X_remove`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListCorrection {
    pub set: Option<Vec<String>>,
    pub add: Vec<String>,
    pub remove: Vec<String>,
}

impl ListCorrection {
    pub fn is_empty(&self) -> bool {
        self.set.is_none() && self.add.is_empty() && self.remove.is_empty()
    }

    /// `found` corrected: replaced, then added to, then the removed names (case-insensitive)
    /// taken off. `name` reads an item's name; `make` makes an item of a name.
    pub fn apply<T>(
        &self,
        found: Vec<T>,
        name: impl Fn(&T) -> &str,
        make: impl Fn(&str) -> T,
    ) -> Vec<T> {
        if self.is_empty() {
            return found;
        }
        let mut items = match &self.set {
            Some(names) => names.iter().map(|n| make(n)).collect(),
            None => found,
        };
        for added in &self.add {
            if !items.iter().any(|i| name(i).eq_ignore_ascii_case(added)) {
                items.push(make(added));
            }
        }
        items.retain(|i| !self.remove.iter().any(|r| r.eq_ignore_ascii_case(name(i))));
        items
    }
}

/// Decisions the clean-up of a native article made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Cleanup {
    /// Lines left out of the body, and why.
    pub dropped: Vec<Dropped>,
    /// The line that was recognised as a photo caption.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption_line: Option<usize>,
    /// The line read as the `Source:`/`Editor:` trailer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trailer_line: Option<usize>,
    /// The lead whose dateline credit (`BEIJING (Xinhua) --`) gave the source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency_credit_line: Option<usize>,
    /// The byline that gave the author.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byline_line: Option<usize>,
    /// The line whose dateline was taken off the lead (or dropped, when it stood alone).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline_line: Option<usize>,
    /// Lines whose HTML entities were decoded or stray tags removed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub markup_lines: Vec<usize>,
    /// The date came from the file's path, not from a date line.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub date_from_path: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dropped {
    pub line: usize,
    pub why: String,
}

/// One organisation an article is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationMention {
    /// Index into the archive's organisation table.
    pub id: usize,
    /// The surface forms found in this article, in order of first appearance.
    pub mentions: Vec<String>,
    /// How sure the reader is that this is an organisation the article names, per mille
    /// (1000 for the site's table and front matter).
    pub confidence: u16,
    /// Only credited as a source here ("told Reuters", "according to Xinhua"): a tag, but not
    /// what the article is about, so it relates no articles.
    pub credit: bool,
    /// What proposed it: [`crate::extract::organisations::Source`] bits (set when the reader
    /// decides).
    pub evidence: u8,
}

/// An organisation of the archive: one page, whichever way articles spell it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// The canonical name: the site's alias table wins, else the fullest form seen.
    pub name: String,
    pub slug: String,
    /// Every other form that refers to it.
    pub aliases: Vec<String>,
}

impl Organisation {
    /// The organisation's folder below the site root: `organisations/slug/`.
    pub fn relative_url(&self) -> String {
        format!("organisations/{}/", self.slug)
    }
}

/// The longest slug, in bytes: a path segment well under file systems' 255-byte name limit.
pub const MAX_SLUG: usize = 80;

/// FNV-1a: stable across runs and platforms, unlike std's hasher. (Deliberately our own: slugs
/// must never change with a dependency's version.)
fn stable_hash(text: &str) -> u32 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    }) as u32
}

/// Turns text into a URL slug: lowercase ASCII letters, digits and single hyphens, at most
/// [`MAX_SLUG`] bytes (a longer one is cut at a hyphen and ends with a stable hash of the whole).
/// Common Latin accents are folded (`é` → `e`); other characters separate words.
pub fn slugify(text: &str) -> String {
    let slug = slugify_whole(text);
    if slug.len() <= MAX_SLUG {
        return slug;
    }
    let head = &slug[..MAX_SLUG - 9];
    let head = head
        .rfind('-')
        .filter(|&at| at > 20)
        .map_or(head, |at| &head[..at]);
    format!("{head}-{:08x}", stable_hash(&slug))
}

fn slugify_whole(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '’' {
            pending_hyphen = true;
        }
    }
    slug
}

fn fold_accent(c: char) -> std::iter::Once<char> {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => 'A',
        'ç' | 'č' | 'ć' => 'c',
        'Ç' | 'Č' | 'Ć' => 'C',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ě' => 'E',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => 'I',
        'ñ' | 'ń' => 'n',
        'Ñ' | 'Ń' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' => 'O',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        'š' | 'ś' => 's',
        'Š' | 'Ś' => 'S',
        'ž' | 'ź' | 'ż' => 'z',
        'Ž' | 'Ź' | 'Ż' => 'Z',
        other => other,
    };
    std::iter::once(folded)
}

/// A slug for a name that may have no Latin letters at all: falls back to a stable hash.
pub fn slug_or_hash(prefix: &str, text: &str) -> String {
    let slug = slugify(text);
    if slug.is_empty() {
        format!("{prefix}-{:08x}", stable_hash(text))
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_gives_back_its_headline_caption_and_paragraphs() {
        let text = Text::new("Ports sign", Some("The quay."), ["One.", "Two."]);
        assert_eq!(text.as_str(), "Ports sign\n\nThe quay.\n\nOne.\n\nTwo.");
        assert_eq!(text.headline(), "Ports sign");
        assert_eq!(text.after_headline(), "The quay.\n\nOne.\n\nTwo.");
        assert_eq!(text.paragraphs().collect::<Vec<_>>(), ["One.", "Two."]);
        assert_eq!(&text[text.lead()], "One.");
        assert_eq!(Text::after_headline_in(&text), "Ports sign\n\n".len());
        let bare = Text::new("Only a headline", None, []);
        assert_eq!(bare.headline(), "Only a headline");
        assert_eq!(bare.paragraphs().count(), 0);
        let typed = Text::from("Head\n\nOne.\n\nTwo.");
        assert_eq!(typed, Text::new("Head", None, ["One.", "Two."]));
        assert_eq!(Text::from("No break").headline(), "No break");
    }

    #[test]
    fn slugify_keeps_ascii_letters_digits_and_single_hyphens() {
        assert_eq!(
            slugify("Hong Kong Stock Exchange (HKEX)"),
            "hong-kong-stock-exchange-hkex"
        );
        assert_eq!(slugify("  --Two   spaces--  "), "two-spaces");
        assert_eq!(slugify("People's Bank of China"), "peoples-bank-of-china");
        assert_eq!(slugify("Zürich Café 2024"), "zurich-cafe-2024");
        assert_eq!(slugify("../etc/passwd"), "etc-passwd");
    }

    #[test]
    fn long_slugs_are_cut_at_a_hyphen_with_a_stable_hash() {
        let long = "Ports of Alder and Birch ".repeat(20);
        let slug = slugify(&long);
        assert!(slug.len() <= MAX_SLUG, "{slug}");
        assert!(slug.starts_with("ports-of-alder-and-birch-ports"));
        assert_eq!(slug, slugify(&long));
        assert_ne!(slug, slugify(&format!("{long} x")));
    }

    #[test]
    fn slug_of_non_latin_name_falls_back_to_a_stable_hash() {
        let a = slug_or_hash("org", "香港交易所");
        assert!(a.starts_with("org-"));
        assert_eq!(a, slug_or_hash("org", "香港交易所"));
        assert_ne!(a, slug_or_hash("org", "上海证券交易所"));
    }

    #[test]
    fn reading_time_rounds_up() {
        let mut article = crate::parse::tests::article_fixture();
        article.word_count = 201;
        assert_eq!(article.reading_minutes(), 2);
        article.word_count = 0;
        assert_eq!(article.reading_minutes(), 1);
    }
}

//! Markdown bodies → HTML. The only place pulldown-cmark options are set, and the HTML escaper.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

/// A Markdown body rendered, with the plain text the extractor and the summary read.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// The body as plain text, paragraphs separated by blank lines.
    pub text: String,
    /// The text of the first paragraph.
    pub first_paragraph: String,
    /// Images that would load from another host (`![](https://…)`): reported by `check`.
    pub remote_images: Vec<String>,
    /// Links and images whose URL scheme is not allowed (`javascript:` …), made inert.
    pub unsafe_urls: Vec<String>,
}

/// Whether a link or image URL may stand in a page: http, https and mailto, or no scheme at all
/// (a relative path, a `#fragment`). Entities are decoded and white space and control
/// characters dropped first, as a browser would, so `&#106;avascript:` and `java\tscript:`
/// are caught.
pub fn safe_url(url: &str) -> bool {
    let decoded = html_escape::decode_html_entities(url);
    let cleaned: String = decoded
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match cleaned.find([':', '/', '?', '#']) {
        Some(at) if cleaned[at..].starts_with(':') => {
            matches!(&cleaned[..at], "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// Whether an image URL loads from another host (`//host/…` or `scheme://…`).
fn is_remote(url: &str) -> bool {
    let url = url.trim();
    url.starts_with("//") || url.contains("://")
}

/// Renders Markdown. Raw HTML is shown as text unless `unsafe_html` is set.
pub fn render(body: &str, unsafe_html: bool) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut plain = PlainText::default();
    let mut remote_images = Vec::new();
    let mut unsafe_urls = Vec::new();
    let events = Parser::new_ext(body, options).map(|event| {
        plain.see(&event);
        made_safe(event, unsafe_html, &mut remote_images, &mut unsafe_urls)
    });
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, events);
    if unsafe_html {
        // Raw HTML is allowed, but never script: ammonia keeps the markup and removes scripts,
        // event handlers and URLs of other schemes.
        out = ammonia::Builder::default()
            .url_schemes(["http", "https", "mailto"].into())
            .clean(&out)
            .to_string();
    }
    Rendered {
        html: out,
        text: plain.text.trim().to_string(),
        first_paragraph: plain.first_paragraph.trim().to_string(),
        remote_images,
        unsafe_urls,
    }
}

/// The text of a document as its events go by: blocks apart by a blank line, and the first
/// paragraph on its own.
#[derive(Default)]
struct PlainText {
    text: String,
    first_paragraph: String,
    in_first_paragraph: bool,
    seen_paragraph: bool,
}

impl PlainText {
    fn see(&mut self, event: &Event) {
        match event {
            Event::Start(Tag::Paragraph) if !self.seen_paragraph => {
                self.seen_paragraph = true;
                self.in_first_paragraph = true;
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock,
            ) => {
                self.in_first_paragraph = false;
                self.text.push_str("\n\n");
            }
            Event::Text(t) | Event::Code(t) => {
                self.text.push_str(t);
                if self.in_first_paragraph {
                    self.first_paragraph.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                self.text.push(' ');
                if self.in_first_paragraph {
                    self.first_paragraph.push(' ');
                }
            }
            _ => {}
        }
    }
}

/// The event as it may be written: raw HTML as text unless allowed, link and image URLs inert
/// when unsafe (noted in `unsafe_urls`), remote images noted.
fn made_safe<'a>(
    event: Event<'a>,
    unsafe_html: bool,
    remote_images: &mut Vec<String>,
    unsafe_urls: &mut Vec<String>,
) -> Event<'a> {
    match event {
        Event::Html(raw) | Event::InlineHtml(raw) if !unsafe_html => Event::Text(raw),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            if is_remote(&dest_url) {
                remote_images.push(dest_url.to_string());
            }
            let dest_url = inert(dest_url, unsafe_urls);
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: inert(dest_url, unsafe_urls),
            title,
            id,
        }),
        other => other,
    }
}

/// The URL itself when it is safe, else `#` (the link stays, inert), noting it.
fn inert<'a>(
    url: pulldown_cmark::CowStr<'a>,
    unsafe_urls: &mut Vec<String>,
) -> pulldown_cmark::CowStr<'a> {
    if safe_url(&url) {
        url
    } else {
        unsafe_urls.push(url.to_string());
        pulldown_cmark::CowStr::Borrowed("#")
    }
}

/// Characters XML 1.0 forbids (C0 controls but tab, line feed and carriage return; U+FFFE and
/// U+FFFF) and the C1 controls and other noncharacters HTML rejects: a scraper's stray backspace
/// would make a feed invalid.
#[inline]
pub fn is_forbidden_char(c: char) -> bool {
    let code = c as u32;
    if (0x20..0x7f).contains(&code) {
        return false;
    }
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{fdd0}'..='\u{fdef}')
        || (c as u32 & 0xfffe) == 0xfffe
}

/// Whether `text` may hold a [forbidden character](is_forbidden_char): a quick look at the bytes
/// (C0 controls but tab and line breaks, DEL, the lead bytes of C1 controls and noncharacters).
pub fn may_hold_forbidden(text: &str) -> bool {
    const SUSPECT: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = (b < 0x20 && b != 0x09 && b != 0x0a && b != 0x0d)
                || b == 0x7f
                || b == 0xc2
                || b >= 0xef;
            b += 1;
        }
        table
    };
    text.bytes().any(|b| SUSPECT[b as usize])
}

/// `text` without [forbidden characters](is_forbidden_char).
pub fn without_forbidden(text: &str) -> std::borrow::Cow<'_, str> {
    if may_hold_forbidden(text) && text.chars().any(is_forbidden_char) {
        std::borrow::Cow::Owned(text.chars().filter(|&c| !is_forbidden_char(c)).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Escapes text for HTML element content and attribute values (and XML's), dropping the
/// characters neither allows: `html_escape`'s escaper for double-quoted attribute values
/// (`&`, `<`, `>`, `"`: safe in element content and XML text too), after
/// [`without_forbidden`]. The one escaper of everything Concord writes outside templates.
pub fn escape_html(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(&without_forbidden(text)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_escaped_by_default() {
        let r = render("Hi <script>alert(1)</script>\n\n<div>x</div>\n", false);
        assert!(!r.html.contains("<script>"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"));
        assert!(!r.html.contains("<div>"));
    }

    #[test]
    fn raw_html_passes_when_the_site_opts_in() {
        let r = render("<div>x</div>\n", true);
        assert!(r.html.contains("<div>x</div>"));
    }

    #[test]
    fn script_urls_are_made_inert_in_every_spelling() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "&#106;avascript:alert(1)",
            "&#x6A;avascript:alert(1)",
            "javascript&colon;alert(1)",
        ] {
            assert!(!safe_url(url), "{url}");
            for markdown in [
                format!("[x]({url})"),
                format!("![x]({url})"),
                format!("[x][r]\n\n[r]: {url}"),
                format!("<{url}>"),
            ] {
                let r = render(&markdown, false);
                for attribute in ["href=\"", "src=\""] {
                    for value in r.html.split(attribute).skip(1) {
                        let value = value.split('"').next().unwrap_or("");
                        assert!(safe_url(value), "{markdown}: {}", r.html);
                    }
                }
            }
        }
        for url in [
            "https://a.example/x",
            "mailto:a@b.example",
            "/x/",
            "#top",
            "x.html",
            "?q=1",
        ] {
            assert!(safe_url(url), "{url}");
        }
    }

    #[test]
    fn raw_html_opted_in_still_loses_its_scripts() {
        let r = render(
            "<div onclick=\"alert(1)\">x</div><script>alert(2)</script><a href=\"javascript:alert(3)\">y</a>",
            true,
        );
        assert!(r.html.contains("<div>x</div>"), "{}", r.html);
        assert!(!r.html.contains("alert"), "{}", r.html);
    }

    #[test]
    fn remote_images_are_noted() {
        let r = render("![a](https://cdn.example/x.png) ![b](/local.png)", false);
        assert_eq!(r.remote_images, ["https://cdn.example/x.png"]);
    }

    #[test]
    fn plain_text_and_first_paragraph() {
        let r = render("# Head\n\nFirst *para*\nline two.\n\nSecond.", false);
        assert_eq!(r.first_paragraph, "First para line two.");
        assert!(r.text.starts_with("Head\n\nFirst para"));
    }

    #[test]
    fn escape_covers_the_special_characters() {
        assert_eq!(
            escape_html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;'&amp;'&lt;/a&gt;"
        );
    }
}

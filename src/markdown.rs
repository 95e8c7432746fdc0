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
}

/// Renders Markdown. Raw HTML is shown as text unless `unsafe_html` is set.
pub fn render(body: &str, unsafe_html: bool) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut text = String::new();
    let mut first_paragraph = String::new();
    let mut in_first_paragraph = false;
    let mut seen_paragraph = false;
    let events = Parser::new_ext(body, options).map(|event| {
        match &event {
            Event::Start(Tag::Paragraph) if !seen_paragraph => {
                seen_paragraph = true;
                in_first_paragraph = true;
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock,
            ) => {
                in_first_paragraph = false;
                text.push_str("\n\n");
            }
            Event::Text(t) | Event::Code(t) => {
                text.push_str(t);
                if in_first_paragraph {
                    first_paragraph.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(' ');
                if in_first_paragraph {
                    first_paragraph.push(' ');
                }
            }
            _ => {}
        }
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) if !unsafe_html => Event::Text(raw),
            other => other,
        }
    });
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, events);
    Rendered {
        html: out,
        text: text.trim().to_string(),
        first_paragraph: first_paragraph.trim().to_string(),
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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
    fn plain_text_and_first_paragraph() {
        let r = render("# Head\n\nFirst *para*\nline two.\n\nSecond.", false);
        assert_eq!(r.first_paragraph, "First para line two.");
        assert!(r.text.starts_with("Head\n\nFirst para"));
    }

    #[test]
    fn escape_covers_the_five_characters() {
        assert_eq!(
            escape_html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}

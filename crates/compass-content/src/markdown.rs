//! Help articles: Markdown to safe HTML.
//!
//! Raw HTML in the Markdown is shown as text, never passed through; the HTML that pulldown-cmark makes is
//! then cleaned by ammonia with an allow-list of plain structural tags and of link schemes (`https`, `tel`,
//! `sms`, `mailto`), so no script, event handler, style or `javascript:` link can reach the kiosk's webview
//! whatever an article contains. ammonia is the well-kept html5ever-based sanitiser; an allow-list written
//! here would be one more parser to get wrong.

use std::collections::HashSet;

use pulldown_cmark::{Event, Options, Parser, Tag};

/// An article split into its title and its body rendered to safe HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The text of the first `# ` line (plain text, to be shown as text), or empty when there is none.
    pub title: String,
    /// The rest of the article as sanitised HTML.
    pub html: String,
    /// Plain text of the body, for search.
    pub text: String,
    /// Link targets whose scheme is not allowed (removed from `html`).
    pub rejected_links: Vec<String>,
}

/// Link schemes an article may use.
pub const LINK_SCHEMES: [&str; 4] = ["https", "tel", "sms", "mailto"];

/// Renders an article's Markdown.
pub fn render(markdown: &str) -> Rendered {
    let markdown = markdown.strip_prefix('\u{feff}').unwrap_or(markdown);
    let (title, body) = match markdown.trim_start().split_once('\n') {
        Some((first, rest)) if first.starts_with("# ") => (first[2..].trim().to_owned(), rest),
        None if markdown.trim_start().starts_with("# ") => {
            (markdown.trim_start()[2..].trim().to_owned(), "")
        }
        _ => (String::new(), markdown),
    };
    let mut text = String::new();
    let mut rejected_links = Vec::new();
    let events = Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).map(
        |event| {
            match event {
                // Raw HTML is shown as the text it is.
                Event::Html(html) | Event::InlineHtml(html) => {
                    text.push_str(&html);
                    Event::Text(html)
                }
                // Images are never shown; links only with an allowed scheme.
                Event::Start(Tag::Image { ref dest_url, .. }) => {
                    rejected_links.push(dest_url.to_string());
                    event
                }
                Event::Start(Tag::Link { ref dest_url, .. }) if !link_allowed(dest_url) => {
                    rejected_links.push(dest_url.to_string());
                    event
                }
                Event::Text(ref t) | Event::Code(ref t) => {
                    text.push_str(t);
                    text.push(' ');
                    event
                }
                other => other,
            }
        },
    );
    let mut raw = String::new();
    pulldown_cmark::html::push_html(&mut raw, events);
    Rendered {
        title,
        html: sanitize(&raw),
        text,
        rejected_links,
    }
}

/// Whether a link target survives sanitising: an absolute URL with an allowed scheme.
fn link_allowed(target: &str) -> bool {
    url::Url::parse(target).is_ok_and(|url| LINK_SCHEMES.contains(&url.scheme()))
}

/// Cleans generated HTML with the article allow-list.
pub fn sanitize(html: &str) -> String {
    let tags: HashSet<&str> = [
        "p",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "del",
        "a",
        "blockquote",
        "code",
        "pre",
        "br",
        "hr",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    ]
    .into_iter()
    .collect();
    ammonia::Builder::default()
        .tags(tags)
        .url_schemes(LINK_SCHEMES.into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .url_relative(ammonia::UrlRelative::Deny)
        .clean(html)
        .to_string()
}

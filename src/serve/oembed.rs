//! oEmbed 1.0 (<https://oembed.com>): the JSON that lets a blog or a CMS
//! embed a plan from its `/plan` URL, and the discovery link an HTML plan
//! carries in its `<head>`.

use serde::Serialize;

/// The size of the frame, unless the consumer asks for less.
pub const WIDTH: u32 = 800;
pub const HEIGHT: u32 = 1000;

/// How long a consumer may keep the oEmbed answer, in seconds.
pub const CACHE_AGE: u32 = 3600;

/// A URL of this server's `/plan`: its scheme, authority and query.
#[derive(Debug, PartialEq, Eq)]
pub struct PageUrl<'a> {
    pub scheme: &'a str,
    pub authority: &'a str,
    pub query: &'a str,
}

/// `url` when it is `http(s)://AUTHORITY/plan?QUERY` with one of `authorities`.
pub fn page_url<'a>(url: &'a str, authorities: &[&str]) -> Option<PageUrl<'a>> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = ["http", "https"]
        .into_iter()
        .find(|s| s.eq_ignore_ascii_case(scheme))?;
    let rest = rest.split('#').next().unwrap_or_default();
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, rest) = rest.split_at(end);
    if !authorities
        .iter()
        .any(|a| a.eq_ignore_ascii_case(authority))
    {
        return None;
    }
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    (path == "/plan").then_some(PageUrl {
        scheme,
        authority,
        query,
    })
}

/// The oEmbed answer for a plan.
#[derive(Serialize)]
pub struct Answer {
    pub r#type: &'static str,
    pub version: &'static str,
    pub title: String,
    pub provider_name: &'static str,
    pub provider_url: String,
    pub cache_age: u32,
    pub width: u32,
    pub height: u32,
    pub html: String,
}

impl Answer {
    /// A frame of `src`, at most `max` (width, height) wide and high.
    pub fn rich(title: String, origin: &str, src: &str, max: (Option<u32>, Option<u32>)) -> Answer {
        let width = max.0.map_or(WIDTH, |m| m.min(WIDTH));
        let height = max.1.map_or(HEIGHT, |m| m.min(HEIGHT));
        let html = format!(
            "<iframe src=\"{}\" width=\"{width}\" height=\"{height}\" title=\"{}\" loading=\"lazy\" style=\"border:0;max-width:100%\"></iframe>",
            escape_attribute(src),
            escape_attribute(&title)
        );
        Answer {
            r#type: "rich",
            version: "1.0",
            title,
            provider_name: "jingqin",
            provider_url: format!("{origin}/"),
            cache_age: CACHE_AGE,
            width,
            height,
            html,
        }
    }
}

/// The discovery link of `page` put first in the `<head>` of `html`.
pub fn with_discovery(html: String, origin: &str, page: &str, title: &str) -> String {
    const HEAD: &str = "<head>";
    let Some(at) = html.find(HEAD) else {
        return html;
    };
    let page: String = form_urlencoded::byte_serialize(page.as_bytes()).collect();
    let href = format!("{origin}/oembed?url={page}&format=json");
    let link = format!(
        "\n<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}\" title=\"{}\">",
        escape_attribute(&href),
        escape_attribute(title)
    );
    let mut out = String::with_capacity(html.len() + link.len());
    out.push_str(&html[..at + HEAD.len()]);
    out.push_str(&link);
    out.push_str(&html[at + HEAD.len()..]);
    out
}

/// `text` inside a double-quoted HTML attribute.
pub fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls_of_this_server_only() {
        let ours = ["localhost:8080", "127.0.0.1:8080"];
        let url = page_url("http://LOCALHOST:8080/plan?days=2#top", &ours);
        assert_eq!(
            url,
            Some(PageUrl {
                scheme: "http",
                authority: "LOCALHOST:8080",
                query: "days=2"
            })
        );
        assert!(page_url("https://127.0.0.1:8080/plan", &ours).is_some());
        assert_eq!(page_url("http://example.com/plan?days=2", &ours), None);
        assert_eq!(page_url("http://localhost:8080/products", &ours), None);
        assert_eq!(page_url("http://localhost:8080/plan/x", &ours), None);
        assert_eq!(page_url("ftp://localhost:8080/plan", &ours), None);
        assert_eq!(page_url("localhost:8080/plan", &ours), None);
    }

    #[test]
    fn discovery_link_goes_after_head() {
        let html = "<html><head><title>x</title></head></html>".to_owned();
        let out = with_discovery(html, "http://h", "http://h/plan?a=1&b=\"", "A & B");
        assert_eq!(
            out,
            "<html><head>\n<link rel=\"alternate\" type=\"application/json+oembed\" href=\"http://h/oembed?url=http%3A%2F%2Fh%2Fplan%3Fa%3D1%26b%3D%22&amp;format=json\" title=\"A &amp; B\"><title>x</title></head></html>"
        );
    }
}

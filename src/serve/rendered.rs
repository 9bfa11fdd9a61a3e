//! An answer as kept (a plan, or the planner's refusal) with its entity
//! tag, and whether a client holds it already.

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};

use super::problem::{self, Problem};

/// An answer as kept: a plan, or the planner's refusal.
pub(super) struct Rendered {
    pub(super) status: StatusCode,
    pub(super) content_type: &'static str,
    pub(super) body: Bytes,
    pub(super) etag: HeaderValue,
    /// The plan's title, or the reason there is no plan.
    pub(super) title: String,
}

impl Rendered {
    pub(super) fn new(
        status: StatusCode,
        content_type: &'static str,
        body: String,
        title: String,
    ) -> Self {
        let etag = etag(body.as_bytes());
        Rendered {
            status,
            content_type,
            body: Bytes::from(body),
            etag,
            title,
        }
    }

    pub(super) fn problem(problem: &Problem) -> Self {
        let body = problem.body();
        Rendered::new(
            problem.status,
            problem::CONTENT_TYPE,
            body,
            problem.detail.clone(),
        )
    }

    pub(super) fn size(&self) -> usize {
        self.body.len() + self.title.len()
    }
}

/// Whether an answer came from the cache, for the access log.
#[derive(Clone, Copy, Debug)]
pub(super) enum CacheStatus {
    Hit,
    Miss,
}

/// Whether `If-None-Match` names `etag` (weakly, as for a GET) or is `*`.
pub(super) fn none_match(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    let etag = etag.as_bytes();
    (headers.get_all(header::IF_NONE_MATCH).iter())
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag).as_bytes() == etag)
}

/// A strong entity tag of `body`: its 64-bit FNV-1a hash and its length.
/// Plans are deterministic, so the same request gives the same tag.
fn etag(body: &[u8]) -> HeaderValue {
    let hash = (body.iter()).fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    });
    let tag = format!("\"{hash:016x}-{:x}\"", body.len());
    HeaderValue::from_str(&tag).unwrap_or(HeaderValue::from_static("\"0\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_lists_and_weak_tags() {
        let tag = etag(b"plan");
        let mut headers = HeaderMap::new();
        assert!(!none_match(&headers, &tag));
        let listed = format!("\"other\", W/{}", tag.to_str().unwrap_or_default());
        headers.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_str(&listed).unwrap_or(HeaderValue::from_static("x")),
        );
        assert!(none_match(&headers, &tag));
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(none_match(&headers, &tag));
        assert_ne!(etag(b"plan"), etag(b"plan "));
    }
}

//! A server's limits, and the public origin of the links it gives out.

use std::num::NonZeroUsize;
use std::thread;
use std::time::Duration;

use super::oembed;

/// The limits of a server.
#[derive(Clone, Debug)]
pub struct Config {
    /// Plans made at once (default: the cores).
    pub workers: usize,
    /// Plans that may wait for a worker; one more is answered 503.
    pub queue: usize,
    /// How long a request waits for its plan before it is answered 503.
    pub timeout: Duration,
    /// The most rendered plans kept.
    pub cache_entries: usize,
    /// The most bytes of rendered plans kept (keys and bodies).
    pub cache_bytes: usize,
    /// How long a browser or proxy may keep a plan, in seconds.
    pub max_age: u32,
    /// Connections kept at once; more wait to be accepted.
    pub connections: usize,
    /// A connection with no byte either way for this long is closed.
    pub idle: Duration,
    /// Where visitors reach the server (`https://plans.example.com`, say,
    /// behind a TLS proxy), from [`base_url`]: the origin of every link it
    /// gives out. Without it, `http://` and the request's `Host`.
    pub base_url: Option<String>,
}

/// Whether `authority` is a host and maybe a port, fit to be put in a link.
pub(super) fn valid_authority(authority: &str) -> bool {
    !authority.is_empty()
        && authority.len() <= 255
        && (authority.bytes()).all(|b| b.is_ascii_alphanumeric() || b".-:[]_".contains(&b))
}

/// `url` as a server's public origin, `http(s)://AUTHORITY` with no path.
pub fn base_url(url: &str) -> Result<String, String> {
    let origin = url.trim_end_matches('/');
    let page = format!("{origin}/plan");
    let authority = (origin.split_once("://")).map_or("", |(_, rest)| rest);
    match oembed::page_url(&page, &[authority]) {
        Some(_) if valid_authority(authority) => Ok(origin.to_owned()),
        _ => Err(format!(
            "\"{url}\" is not an origin like https://plans.example.com (http or https, a host, no path)"
        )),
    }
}

impl Default for Config {
    fn default() -> Self {
        let cores = thread::available_parallelism().map_or(2, NonZeroUsize::get);
        Config {
            workers: cores,
            queue: 32,
            timeout: Duration::from_secs(10),
            cache_entries: 1024,
            cache_bytes: 64 << 20,
            max_age: 300,
            connections: 1024,
            idle: Duration::from_secs(30),
            base_url: None,
        }
    }
}

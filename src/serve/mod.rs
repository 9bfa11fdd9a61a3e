//! `jingqin serve`: a live embed server. A plan is asked for by URL
//! (`/plan?product=qhd-2day&date=2027-07-16&format=fragment`, the command
//! line's parameters) and answered in any format, with oEmbed for the pages
//! that embed it (`/oembed`), the products (`/products`) and a health check
//! (`/health`).
//!
//! The pack is loaded once; the server keeps nothing else but a bounded
//! cache of rendered plans, keyed by the resolved request. Planning runs on
//! blocking threads, as many at once as `Config::workers`, with at most
//! `Config::queue` plans waiting for one: past that a request is answered
//! 503 at once, never queued without bound. Requests for a plan already
//! being made wait for it rather than plan it again. Errors are RFC 9457
//! problem details; every answer allows any origin (the plans are public)
//! and each plan carries an `ETag`.
//!
//! ```no_run
//! # fn main() -> std::io::Result<()> {
//! let pack = jingqin::load::load_default().map_err(|d| std::io::Error::other(d.to_string()))?;
//! let running = jingqin::serve::spawn(
//!     "127.0.0.1:0".parse().map_err(std::io::Error::other)?,
//!     pack,
//!     jingqin::serve::Config::default(),
//! )?;
//! println!("serving on http://{}/plan?days=2", running.addr());
//! running.stop()?; // finishes the requests in flight
//! # Ok(())
//! # }
//! ```
//!
//! The modules, from the outside in: `server` binds, serves and stops;
//! `conn` bounds the connections; `middleware` wraps every request (CORS,
//! the count in flight, the access log); `routes` answers each path;
//! `app` holds the pack and makes each plan once; `rendered` is an answer
//! as kept; `cache`, `query`, `oembed` and `problem` serve those.

mod app;
mod cache;
mod config;
mod conn;
mod middleware;
mod oembed;
mod problem;
mod query;
mod rendered;
mod routes;
mod server;

pub use config::{Config, base_url};
pub use server::{Running, Server, log_to_stderr, run_until_signal, shutdown_signal, spawn};

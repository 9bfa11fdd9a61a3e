//! What a server holds (the pack, its limits, the plans it has rendered)
//! and how a plan is made once: a request joins the making of the same plan
//! or waits for a worker, within the waiting line's bound and the timeout.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::{Semaphore, watch};

use crate::model::Pack;
use crate::plan;
use crate::render::{self, Format};

use super::cache::Cache;
use super::config::{Config, valid_authority};
use super::oembed;
use super::problem::{Kind, Problem};
use super::query::{self, PlanQuery};
use super::rendered::{CacheStatus, Rendered, none_match};

/// What a server holds: the pack, its limits and what it has rendered.
pub(super) struct App {
    pub(super) pack: Pack,
    pub(super) config: Config,
    pub(super) local: SocketAddr,
    /// `local` as a URL authority.
    pub(super) local_authority: String,
    pub(super) cache: Cache<Rendered>,
    /// The plans being made, by key: each request for one waits on it.
    flights: Mutex<HashMap<String, watch::Receiver<Option<Arc<Rendered>>>>>,
    workers: Arc<Semaphore>,
    /// Plans admitted and not yet made, made or waiting.
    pub(super) pending: AtomicUsize,
    /// Requests being answered.
    pub(super) in_flight: Arc<AtomicUsize>,
    pub(super) products: Rendered,
    cache_control: HeaderValue,
}

/// A plan to make and how to write it.
struct Job {
    key: String,
    request: plan::Request,
    query: PlanQuery,
    /// `scheme://authority` of the page, for its discovery link.
    origin: String,
}

/// Either a plan made already, or one to wait for.
enum Ticket {
    Ready(Arc<Rendered>),
    Wait(watch::Receiver<Option<Arc<Rendered>>>),
}

impl App {
    pub(super) fn new(pack: Pack, config: Config, local: SocketAddr) -> App {
        let products = Rendered::new(
            StatusCode::OK,
            "application/json",
            render::lists::products_json(&pack),
            String::new(),
        );
        let cache_control = HeaderValue::from_str(&format!("public, max-age={}", config.max_age))
            .unwrap_or(HeaderValue::from_static("no-cache"));
        App {
            cache: Cache::new(config.cache_entries, config.cache_bytes),
            flights: Mutex::new(HashMap::new()),
            workers: Arc::new(Semaphore::new(config.workers.max(1))),
            pending: AtomicUsize::new(0),
            in_flight: Arc::new(AtomicUsize::new(0)),
            local_authority: local.to_string(),
            local,
            products,
            cache_control,
            config,
            pack,
        }
    }

    /// The authority the client asked for (its `Host`), when it is one;
    /// else the address listened on.
    pub(super) fn authority(&self, headers: &HeaderMap) -> String {
        let host = (headers.get(header::HOST)).and_then(|h| h.to_str().ok());
        host.filter(|h| valid_authority(h))
            .map_or_else(|| self.local_authority.clone(), str::to_owned)
    }

    /// The plan `query` asks for, as kept or newly made; `origin` is the
    /// page's `scheme://authority`, named by an HTML page's discovery link.
    pub(super) async fn rendered(
        self: &Arc<Self>,
        query: &PlanQuery,
        origin: &str,
    ) -> Result<(Arc<Rendered>, CacheStatus), Problem> {
        // Today where the trip goes, whatever the machine's zone.
        let today = (chrono::Utc::now().with_timezone(&self.pack.info.timezone)).date_naive();
        let request = query.resolve(&self.pack, today)?;
        let mut key = query.key(&request);
        if query.format == Format::Html {
            key = format!("{origin} {key}");
        }
        if let Some(entry) = self.cache.get(&key) {
            return Ok((entry, CacheStatus::Hit));
        }
        let job = Job {
            key,
            request,
            query: query.clone(),
            origin: origin.to_owned(),
        };
        let mut receiver = match self.ticket(job)? {
            Ticket::Ready(entry) => return Ok((entry, CacheStatus::Hit)),
            Ticket::Wait(receiver) => receiver,
        };
        let timeout = self.config.timeout;
        match tokio::time::timeout(timeout, receiver.wait_for(Option::is_some)).await {
            Ok(Ok(entry)) => (entry.clone())
                .map(|entry| (entry, CacheStatus::Miss))
                .ok_or_else(|| Problem::internal("the planner gave nothing")),
            Ok(Err(_)) => Err(Problem::internal("the planner failed on this request")),
            Err(_) => Err(Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                Kind::Timeout,
                format!(
                    "the plan was not ready within {} s; it may be kept when it is: ask again",
                    timeout.as_secs()
                ),
            )),
        }
    }

    /// Joins the making of the job's plan, or starts it when there is room.
    fn ticket(self: &Arc<Self>, job: Job) -> Result<Ticket, Problem> {
        let mut flights = self.flights.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(receiver) = flights.get(&job.key) {
            return Ok(Ticket::Wait(receiver.clone()));
        }
        // A plan finished since the cache was asked is kept by now: a
        // finished job keeps its plan before it leaves `flights`.
        if let Some(entry) = self.cache.get(&job.key) {
            return Ok(Ticket::Ready(entry));
        }
        let limit = self.config.workers.max(1) + self.config.queue;
        if self.pending.fetch_add(1, Ordering::SeqCst) >= limit {
            self.pending.fetch_sub(1, Ordering::SeqCst);
            return Err(Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                Kind::Overloaded,
                format!(
                    "{} plans are being made or waiting; ask again shortly",
                    limit
                ),
            ));
        }
        let (sender, receiver) = watch::channel(None);
        flights.insert(job.key.clone(), receiver.clone());
        drop(flights);
        // A task of its own, so the plan is finished and kept even when
        // every request that wanted it has gone.
        tokio::spawn(self.clone().make(job, sender));
        Ok(Ticket::Wait(receiver))
    }

    /// Makes a job's plan on a blocking thread once a worker is free, keeps
    /// it and hands it to the requests waiting for it.
    async fn make(self: Arc<Self>, job: Job, sender: watch::Sender<Option<Arc<Rendered>>>) {
        let permit = self.workers.clone().acquire_owned().await.ok();
        let app = self.clone();
        let key = job.key.clone();
        let made = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            app.render(&job)
        })
        .await;
        self.pending.fetch_sub(1, Ordering::SeqCst);
        let mut flights = self.flights.lock().unwrap_or_else(PoisonError::into_inner);
        match made {
            Ok(rendered) => {
                let rendered = Arc::new(rendered);
                self.cache.insert(&key, rendered.clone(), rendered.size());
                flights.remove(&key);
                sender.send_replace(Some(rendered));
            }
            Err(error) => {
                // Dropping the sender tells the waiting requests.
                flights.remove(&key);
                tracing::error!(%error, key, "the planner failed");
            }
        }
    }

    fn render(&self, job: &Job) -> Rendered {
        let query = &job.query;
        let itinerary = match plan::plan(&self.pack, &job.request) {
            Ok(itinerary) => itinerary,
            Err(infeasible) => {
                // A promoter's page or embed shows visitors the reason in
                // their language; programs get the problem's detail.
                return match render::refusal_for(&infeasible.refusal, query.format, query.lang) {
                    Some(body) => Rendered::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        query::content_type(query.format),
                        body,
                        infeasible.to_string(),
                    ),
                    None => Rendered::problem(&Problem::infeasible(infeasible.to_string())),
                };
            }
        };
        let title = render::view::trip_title(&self.pack, &itinerary);
        let title = render::view::Bi::of(query.lang, &title).plain();
        let options = render::Options {
            lang: query.lang,
            audience: query.audience,
            agency: None,
        };
        let mut body = render::itinerary_for(&self.pack, &itinerary, query.format, &options);
        if query.format == Format::Html {
            let page = format!("{}/plan?{}", job.origin, query.canonical());
            body = oembed::with_discovery(body, &job.origin, &page, &title);
        }
        let content_type = query::content_type(query.format);
        Rendered::new(StatusCode::OK, content_type, body, title)
    }

    /// `entry` as the answer to a request with `headers`: 304 when the
    /// client holds it already.
    pub(super) fn reply(
        &self,
        entry: &Rendered,
        headers: &HeaderMap,
        cache: Option<CacheStatus>,
    ) -> Response {
        let ok = entry.status.is_success();
        let mut response = if ok && none_match(headers, &entry.etag) {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let mut response = (entry.status, entry.body.clone()).into_response();
            (response.headers_mut()).insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(entry.content_type),
            );
            response
        };
        let out = response.headers_mut();
        if ok {
            out.insert(header::ETAG, entry.etag.clone());
            out.insert(header::CACHE_CONTROL, self.cache_control.clone());
        } else {
            out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
        if let Some(cache) = cache {
            let value = match cache {
                CacheStatus::Hit => "hit",
                CacheStatus::Miss => "miss",
            };
            out.insert("x-cache", HeaderValue::from_static(value));
            response.extensions_mut().insert(cache);
        }
        response
    }
}

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

mod cache;
mod conn;
mod oembed;
mod problem;
mod query;

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, oneshot, watch};

use crate::model::Pack;
use crate::plan;
use crate::render::{self, Format};

use cache::Cache;
use problem::{Kind, Problem};
use query::PlanQuery;

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
fn valid_authority(authority: &str) -> bool {
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

/// The longest query read; a longer one is answered 414.
const MAX_QUERY: usize = 4096;

/// A bound server, not yet serving.
pub struct Server {
    listener: TcpListener,
    app: Arc<App>,
}

impl Server {
    /// Listens on `addr` (port 0: any free port) to serve plans of `pack`.
    pub async fn bind(addr: SocketAddr, pack: Pack, config: Config) -> io::Result<Server> {
        let listener = TcpListener::bind(addr).await?;
        let local = listener.local_addr()?;
        Ok(Server {
            listener,
            app: Arc::new(App::new(pack, config, local)),
        })
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.app.local
    }

    /// Serves until `shutdown` completes, then stops accepting connections
    /// and returns once the requests in flight are answered.
    pub async fn run(self, shutdown: impl Future<Output = ()> + Send + 'static) -> io::Result<()> {
        tracing::info!(addr = %self.app.local, pack = %self.app.pack.info.id, "listening");
        let config = &self.app.config;
        let listener = conn::Limited::new(self.listener, config.connections, config.idle);
        let router = router(self.app);
        axum::serve(listener, router)
            .with_graceful_shutdown(shutdown)
            .await
    }
}

/// A server running on threads of its own.
pub struct Running {
    addr: SocketAddr,
    in_flight: Arc<AtomicUsize>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<thread::JoinHandle<io::Result<()>>>,
}

/// Starts a server on `addr` on a runtime of its own threads.
pub fn spawn(addr: SocketAddr, pack: Pack, config: Config) -> io::Result<Running> {
    let runtime = runtime()?;
    let server = runtime.block_on(Server::bind(addr, pack, config))?;
    let addr = server.local_addr();
    let in_flight = server.app.in_flight.clone();
    let (stop, stopped) = oneshot::channel::<()>();
    let thread = thread::Builder::new()
        .name("jingqin-serve".into())
        .spawn(move || {
            runtime.block_on(server.run(async {
                // Dropped without a word counts as asked to stop.
                let _ = stopped.await;
            }))
        })?;
    Ok(Running {
        addr,
        in_flight,
        stop: Some(stop),
        thread: Some(thread),
    })
}

impl Running {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The requests being answered now.
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::SeqCst)
    }

    /// Stops accepting connections and returns once the requests in flight
    /// are answered.
    pub fn stop(mut self) -> io::Result<()> {
        self.finish()
    }

    fn finish(&mut self) -> io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.thread.take().map(thread::JoinHandle::join) {
            None => Ok(()),
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(io::Error::other("the server's thread panicked")),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.finish();
    }
}

/// Serves on `addr` until SIGTERM or Ctrl-C, then finishes the requests in
/// flight; `bound` is told the address first (port 0 picks one).
pub fn run_until_signal(
    addr: SocketAddr,
    pack: Pack,
    config: Config,
    bound: impl FnOnce(SocketAddr),
) -> io::Result<()> {
    runtime()?.block_on(async move {
        let server = Server::bind(addr, pack, config).await?;
        bound(server.local_addr());
        server.run(shutdown_signal()).await
    })
}

/// Completes on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("stopping: finishing the requests in flight");
}

/// The access log and the server's messages, one line each, to standard error.
pub fn log_to_stderr() {
    // Already set (a second call, or a host program's own): keep that one.
    let _ = tracing_subscriber::fmt()
        .with_writer(io::stderr)
        .with_target(false)
        .try_init();
}

fn runtime() -> io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("jingqin-serve")
        .build()
}

/// What a server holds: the pack, its limits and what it has rendered.
struct App {
    pack: Pack,
    config: Config,
    local: SocketAddr,
    /// `local` as a URL authority.
    local_authority: String,
    cache: Cache<Rendered>,
    /// The plans being made, by key: each request for one waits on it.
    flights: Mutex<HashMap<String, watch::Receiver<Option<Arc<Rendered>>>>>,
    workers: Arc<Semaphore>,
    /// Plans admitted and not yet made, made or waiting.
    pending: AtomicUsize,
    /// Requests being answered.
    in_flight: Arc<AtomicUsize>,
    products: Rendered,
    cache_control: HeaderValue,
}

/// An answer as kept: a plan, or the planner's refusal.
struct Rendered {
    status: StatusCode,
    content_type: &'static str,
    body: Bytes,
    etag: HeaderValue,
    /// The plan's title, or the reason there is no plan.
    title: String,
}

impl Rendered {
    fn new(status: StatusCode, content_type: &'static str, body: String, title: String) -> Self {
        let etag = etag(body.as_bytes());
        Rendered {
            status,
            content_type,
            body: Bytes::from(body),
            etag,
            title,
        }
    }

    fn problem(problem: &Problem) -> Self {
        let body = problem.body();
        Rendered::new(
            problem.status,
            problem::CONTENT_TYPE,
            body,
            problem.detail.clone(),
        )
    }

    fn size(&self) -> usize {
        self.body.len() + self.title.len()
    }
}

/// Whether an answer came from the cache, for the access log.
#[derive(Clone, Copy, Debug)]
enum CacheStatus {
    Hit,
    Miss,
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
    fn new(pack: Pack, config: Config, local: SocketAddr) -> App {
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
    fn authority(&self, headers: &HeaderMap) -> String {
        let host = (headers.get(header::HOST)).and_then(|h| h.to_str().ok());
        host.filter(|h| valid_authority(h))
            .map_or_else(|| self.local_authority.clone(), str::to_owned)
    }

    /// The plan `query` asks for, as kept or newly made; `origin` is the
    /// page's `scheme://authority`, named by an HTML page's discovery link.
    async fn rendered(
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
    fn reply(&self, entry: &Rendered, headers: &HeaderMap, cache: Option<CacheStatus>) -> Response {
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

/// Whether `If-None-Match` names `etag` (weakly, as for a GET) or is `*`.
fn none_match(headers: &HeaderMap, etag: &HeaderValue) -> bool {
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

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/plan", get(plan_page))
        .route("/oembed", get(oembed_answer))
        .route("/products", get(products))
        .route("/health", get(health))
        .route("/problems/{name}", get(problem_type))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(app.clone(), around))
        .with_state(app)
}

async fn plan_page(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, Problem> {
    let raw = raw.unwrap_or_default();
    if raw.len() > MAX_QUERY {
        return Err(Problem::new(
            StatusCode::URI_TOO_LONG,
            Kind::TooLong,
            format!("the query is longer than {MAX_QUERY} bytes"),
        ));
    }
    let query = PlanQuery::parse(&raw)?;
    let origin = (app.config.base_url.clone())
        .unwrap_or_else(|| format!("http://{}", app.authority(&headers)));
    let (entry, cache) = app.rendered(&query, &origin).await?;
    Ok(app.reply(&entry, &headers, Some(cache)))
}

async fn oembed_answer(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, Problem> {
    let raw = raw.unwrap_or_default();
    let (mut url, mut format, mut max) = (None, None, (None, None));
    for (name, value) in form_urlencoded::parse(raw.as_bytes()) {
        let size = || {
            (value.parse::<u32>().ok())
                .filter(|n| *n > 0)
                .ok_or_else(|| {
                    Problem::bad_parameter(&*name, format!("\"{value}\" is not a size in pixels"))
                })
        };
        match &*name {
            "url" => url = Some(value.to_string()),
            "format" => format = Some(value.to_string()),
            "maxwidth" => max.0 = Some(size()?),
            "maxheight" => max.1 = Some(size()?),
            // Consumers may add parameters of their own.
            _ => {}
        }
    }
    match format.as_deref() {
        None | Some("json") => {}
        Some("xml") => {
            return Err(Problem::new(
                StatusCode::NOT_IMPLEMENTED,
                Kind::NotImplemented,
                "only format=json is served",
            ));
        }
        Some(other) => {
            return Err(Problem::bad_parameter(
                "format",
                format!("\"{other}\" is not an oEmbed format; ask for json"),
            ));
        }
    }
    let url = url.ok_or_else(|| Problem::bad_parameter("url", "give the url of a plan"))?;
    let authority = app.authority(&headers);
    let mut ours = vec![authority.as_str(), app.local_authority.as_str()];
    ours.extend((app.config.base_url.as_deref()).and_then(|base| Some(base.split_once("://")?.1)));
    let page = oembed::page_url(&url, &ours)
        .ok_or_else(|| Problem::not_found(format!("{url} is not a /plan URL of this server")))?;
    let not_ours = |problem: Problem| {
        let at = problem
            .parameter
            .map(|p| format!(" ({p})"))
            .unwrap_or_default();
        Problem::not_found(format!("{url} gives no plan{at}: {}", problem.detail))
    };
    let query = PlanQuery::parse(page.query)
        .map_err(not_ours)?
        .with_format(Format::Html);
    let origin = (app.config.base_url.clone())
        .unwrap_or_else(|| format!("{}://{}", page.scheme, page.authority));
    // The page itself, made now, is what the frame will load.
    let (entry, _) = app.rendered(&query, &origin).await.map_err(not_ours)?;
    if !entry.status.is_success() {
        return Err(Problem::not_found(format!(
            "{url} gives no plan: {}",
            entry.title
        )));
    }
    let src = format!("{origin}/plan?{}", query.canonical());
    let answer = oembed::Answer::rich(entry.title.clone(), &origin, &src, max);
    let body = serde_json::to_string(&answer).unwrap_or_default();
    let rendered = Rendered::new(StatusCode::OK, "application/json", body, String::new());
    Ok(app.reply(&rendered, &headers, None))
}

async fn products(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    app.reply(&app.products, &headers, None)
}

async fn health(State(app): State<Arc<App>>) -> Response {
    let usage = app.cache.usage();
    let body = serde_json::json!({
        "status": "ok",
        "pack": app.pack.info.id,
        "cached": { "entries": usage.entries, "bytes": usage.bytes },
        "planning": app.pending.load(Ordering::SeqCst),
    });
    let mut response = (StatusCode::OK, format!("{body}\n")).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn problem_type(Path(name): Path<String>) -> Result<Response, Problem> {
    let text = problem::explain(&name)
        .ok_or_else(|| Problem::not_found(format!("no problem type \"{name}\"")))?;
    let mut response = text.into_response();
    (response.headers_mut()).insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    Ok(response)
}

async fn not_found(request: Request) -> Problem {
    Problem::not_found(format!(
        "nothing at {}; try /plan, /oembed, /products or /health",
        request.uri().path()
    ))
}

async fn method_not_allowed(request: Request) -> Problem {
    Problem::new(
        StatusCode::METHOD_NOT_ALLOWED,
        Kind::MethodNotAllowed,
        format!("{} is not served; ask with GET", request.method()),
    )
}

/// Counts a request in flight while it lives.
struct InFlight(Arc<AtomicUsize>);

impl InFlight {
    fn new(count: &Arc<AtomicUsize>) -> InFlight {
        count.fetch_add(1, Ordering::SeqCst);
        InFlight(count.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Around every request: CORS (the preflight answered here), the count of
/// requests in flight and the access log.
async fn around(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let start = Instant::now();
    let _counted = InFlight::new(&app.in_flight);
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let mut response = if method == Method::OPTIONS {
        preflight(request.headers())
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("ETag, Retry-After, X-Cache"),
    );
    let cache = match response.extensions().get::<CacheStatus>() {
        Some(CacheStatus::Hit) => "hit",
        Some(CacheStatus::Miss) => "miss",
        None => "-",
    };
    let latency = start.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(
        %method,
        %path,
        status = response.status().as_u16(),
        latency_ms = %format_args!("{latency:.2}"),
        %cache,
    );
    response
}

/// The answer to a CORS preflight: GET (and HEAD) from anywhere, with the
/// request headers asked for.
fn preflight(headers: &HeaderMap) -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let out = response.headers_mut();
    out.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, HEAD, OPTIONS"),
    );
    if let Some(asked) = headers.get(header::ACCESS_CONTROL_REQUEST_HEADERS) {
        out.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, asked.clone());
        out.insert(
            header::VARY,
            HeaderValue::from_static("Access-Control-Request-Headers"),
        );
    }
    out.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("86400"),
    );
    out.insert(
        header::ALLOW,
        HeaderValue::from_static("GET, HEAD, OPTIONS"),
    );
    response
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

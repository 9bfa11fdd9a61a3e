//! The paths a server answers (`/plan`, `/oembed`, `/products`, `/health`,
//! `/problems/NAME`) and the answers to any other path or method.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::Router;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::render::Format;

use super::app::App;
use super::middleware::around;
use super::oembed;
use super::problem::{self, Kind, Problem};
use super::query::PlanQuery;
use super::rendered::Rendered;

/// The longest query read; a longer one is answered 414.
const MAX_QUERY: usize = 4096;

pub(super) fn router(app: Arc<App>) -> Router {
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

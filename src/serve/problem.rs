//! Errors as RFC 9457 problem details (`application/problem+json`): what
//! went wrong, for a program to act on and a person to read.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// The media type of a problem.
pub const CONTENT_TYPE: &str = "application/problem+json";

/// A problem: its kind, the detail of this occurrence and, for a bad
/// parameter, its name.
#[derive(Clone, Debug)]
pub struct Problem {
    pub status: StatusCode,
    pub kind: Kind,
    pub detail: String,
    /// The query parameter at fault.
    pub parameter: Option<String>,
}

/// The kinds of problem, each with its type URI and title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A query parameter that cannot be understood.
    BadParameter,
    /// A request the planner cannot meet.
    Infeasible,
    /// Every planner busy and the waiting line full.
    Overloaded,
    /// A plan that took longer than the server waits.
    Timeout,
    /// An oEmbed format other than JSON.
    NotImplemented,
    /// A query longer than the server reads.
    TooLong,
    /// No such resource (an unknown path, a URL not of this server).
    NotFound,
    MethodNotAllowed,
    /// A fault of the server's own.
    Internal,
}

impl Kind {
    /// The type URI: a resolvable path of this server for its own kinds,
    /// `about:blank` for plain HTTP statuses.
    fn uri(self) -> &'static str {
        match self {
            Kind::BadParameter => "/problems/bad-parameter",
            Kind::Infeasible => "/problems/infeasible",
            Kind::Overloaded => "/problems/overloaded",
            Kind::Timeout => "/problems/timeout",
            Kind::NotImplemented
            | Kind::TooLong
            | Kind::NotFound
            | Kind::MethodNotAllowed
            | Kind::Internal => "about:blank",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Kind::BadParameter => "A query parameter is not valid",
            Kind::Infeasible => "No feasible plan for this request",
            Kind::Overloaded => "Every planner is busy",
            Kind::Timeout => "The plan took too long",
            Kind::NotImplemented => "Not Implemented",
            Kind::TooLong => "URI Too Long",
            Kind::NotFound => "Not Found",
            Kind::MethodNotAllowed => "Method Not Allowed",
            Kind::Internal => "Internal Server Error",
        }
    }
}

/// What `/problems/NAME` says of a kind: the type URIs resolve.
pub fn explain(name: &str) -> Option<&'static str> {
    Some(match name {
        "bad-parameter" => {
            "A query parameter is not valid: the problem's \"parameter\" names it and its \"detail\" says why. Fix it and ask again.\n"
        }
        "infeasible" => {
            "The planner found no plan that meets the request; the \"detail\" gives its reason. Change the dates, the must-sees, the party or the pace.\n"
        }
        "overloaded" => {
            "Every planner is busy and the line of plans waiting for one is full. Ask again after the Retry-After seconds.\n"
        }
        "timeout" => {
            "The plan was not ready in the time the server waits for one. It may still be finished and kept: ask again after the Retry-After seconds.\n"
        }
        _ => return None,
    })
}

/// Seconds to wait before asking again after a 503.
const RETRY_AFTER_SECONDS: u32 = 1;

impl Problem {
    pub fn new(status: StatusCode, kind: Kind, detail: impl Into<String>) -> Problem {
        Problem {
            status,
            kind,
            detail: detail.into(),
            parameter: None,
        }
    }

    pub fn bad_parameter(parameter: impl Into<String>, detail: impl Into<String>) -> Problem {
        Problem {
            parameter: Some(parameter.into()),
            ..Problem::new(StatusCode::BAD_REQUEST, Kind::BadParameter, detail)
        }
    }

    pub fn infeasible(reason: impl Into<String>) -> Problem {
        Problem::new(StatusCode::UNPROCESSABLE_ENTITY, Kind::Infeasible, reason)
    }

    pub fn not_found(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::NOT_FOUND, Kind::NotFound, detail)
    }

    pub fn internal(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Kind::Internal, detail)
    }

    /// The JSON body.
    pub fn body(&self) -> String {
        #[derive(Serialize)]
        struct Body<'a> {
            r#type: &'a str,
            title: &'a str,
            status: u16,
            detail: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            parameter: Option<&'a str>,
        }
        let body = Body {
            r#type: self.kind.uri(),
            title: self.kind.title(),
            status: self.status.as_u16(),
            detail: &self.detail,
            parameter: self.parameter.as_deref(),
        };
        let mut text = serde_json::to_string(&body).unwrap_or_default();
        text.push('\n');
        text
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let mut response = (self.status, self.body()).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
        }
        if self.status == StatusCode::METHOD_NOT_ALLOWED {
            headers.insert(
                header::ALLOW,
                HeaderValue::from_static("GET, HEAD, OPTIONS"),
            );
        }
        response
    }
}

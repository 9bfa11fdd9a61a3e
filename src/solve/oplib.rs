//! Reader for the KU Leuven "OP library" TOPTW instance format (Righini &
//! Salani, Montemanni & Gambardella sets) and its conversion into a
//! [`Problem`] with truncated Euclidean travel times.
//!
//! The format: a header of six numbers `k v N t D Q` (line breaks inside it
//! vary, e.g. in c204), then N+1 vertex lines `i x y d S f a list… O C`
//! where vertex 0 is the depot, `d` the service time, `S` the score and
//! `[O, C]` the service-start window; `list` has `a` entries and is
//! ignored, so `O` and `C` are read as the last two tokens. CRLF is fine.

use std::fmt;

use super::{Matrix, Problem, ProblemError, Route, Stop, Window};

/// One vertex line. Coordinates are kept in thousandths so that travel
/// times can be truncated exactly.
#[derive(Clone, Debug, PartialEq)]
pub struct Vertex {
    pub id: usize,
    pub x_milli: i64,
    pub y_milli: i64,
    pub service: f64,
    pub score: f64,
    pub open: f64,
    pub close: f64,
}

/// A parsed instance: vertex 0 is the depot (always present).
#[derive(Clone, Debug, PartialEq)]
pub struct Instance {
    vertices: Vec<Vertex>,
}

/// Why an instance file could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum ParseError {
    ShortHeader,
    BadNumber {
        line: usize,
        token: String,
    },
    /// The file has fewer vertex lines than the header promises.
    MissingVertices {
        expected: usize,
        found: usize,
    },
    ShortVertexLine {
        line: usize,
    },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::ShortHeader => write!(f, "header has fewer than 6 numbers"),
            ParseError::BadNumber { line, token } => {
                write!(f, "line {line}: {token:?} is not a number")
            }
            ParseError::MissingVertices { expected, found } => {
                write!(f, "expected {expected} vertex lines, found {found}")
            }
            ParseError::ShortVertexLine { line } => {
                write!(f, "line {line}: a vertex line needs at least 9 numbers")
            }
        }
    }
}

impl std::error::Error for ParseError {}

fn number(line: usize, token: &str) -> Result<f64, ParseError> {
    token
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| ParseError::BadNumber {
            line,
            token: token.to_string(),
        })
}

impl Instance {
    /// Parses the text of an instance file.
    pub fn parse(text: &str) -> Result<Instance, ParseError> {
        let mut lines = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.trim()))
            .filter(|(_, l)| !l.is_empty());
        let mut header = Vec::new();
        while header.len() < 6 {
            let (line, content) = lines.next().ok_or(ParseError::ShortHeader)?;
            for token in content.split_whitespace() {
                header.push(number(line, token)?);
            }
        }
        let customers = header[2];
        if !(0.0..=1e6).contains(&customers) {
            return Err(ParseError::BadNumber {
                line: 1,
                token: customers.to_string(),
            });
        }
        let expected = customers as usize + 1;
        let mut vertices = Vec::with_capacity(expected);
        for (line, content) in lines.take(expected) {
            let tokens = content
                .split_whitespace()
                .map(|t| number(line, t))
                .collect::<Result<Vec<f64>, _>>()?;
            if tokens.len() < 9 {
                return Err(ParseError::ShortVertexLine { line });
            }
            vertices.push(Vertex {
                id: vertices.len(),
                x_milli: (tokens[1] * 1000.0).round() as i64,
                y_milli: (tokens[2] * 1000.0).round() as i64,
                service: tokens[3],
                score: tokens[4],
                open: tokens[tokens.len() - 2],
                close: tokens[tokens.len() - 1],
            });
        }
        if vertices.len() < expected {
            return Err(ParseError::MissingVertices {
                expected,
                found: vertices.len(),
            });
        }
        Ok(Instance { vertices })
    }

    /// The depot followed by the customers.
    pub fn vertices(&self) -> &[Vertex] {
        &self.vertices
    }

    /// Euclidean distance between vertices `a` and `b`, truncated (rounded
    /// down) to `decimals` (at most 3) decimals, computed exactly in integers.
    fn distance(&self, a: usize, b: usize, decimals: u32) -> f64 {
        let (p, q) = (&self.vertices[a], &self.vertices[b]);
        let dx = i128::from(p.x_milli - q.x_milli);
        let dy = i128::from(p.y_milli - q.y_milli);
        // d² in 1e-6 units; floor(10^k · d) = isqrt(d² · 10^(2k) / 10^6).
        let squared = (dx * dx + dy * dy) as u128;
        let scale = 10u128.pow(2 * decimals.min(3));
        let scaled = squared * scale / 1_000_000;
        scaled.isqrt() as f64 / 10f64.powi(decimals.min(3) as i32)
    }

    /// The TOPTW with `routes` identical routes from and to the depot, with
    /// travel times truncated to `decimals` decimals. Location `i` is vertex
    /// `i`; stop `i` is vertex `i + 1`.
    pub fn problem(&self, routes: usize, decimals: u32) -> Result<Problem, ProblemError> {
        let n = self.vertices.len();
        let travel = Matrix::from_fn(n, |a, b| self.distance(a, b, decimals))?;
        let depot = &self.vertices[0];
        let stops = self.vertices[1..]
            .iter()
            .map(|v| {
                Stop::new(
                    v.id,
                    v.score,
                    v.service,
                    vec![Window::new(v.open, v.close)],
                    routes,
                )
            })
            .collect();
        let route = Route {
            start: 0,
            end: 0,
            earliest: depot.open,
            latest: depot.close,
        };
        let problem = Problem {
            travel,
            stops,
            routes: vec![route; routes],
        };
        problem.validate()?;
        Ok(problem)
    }
}

/// Decimals of the travel-time convention for an instance name: two for
/// the Cordeau-based `pr` sets, one for the Solomon-based ones.
pub fn decimals_for(name: &str) -> u32 {
    if name.starts_with("pr") { 2 } else { 1 }
}

//! Load benchmark of `jingqin serve`: the server runs in-process on a
//! loopback port and is driven by keep-alive connections speaking plain
//! HTTP/1.1, the load generator on the same two cores. Three runs:
//!
//! - cached: every connection asks for the same plan, kept after the first;
//! - uncached: every request a plan not asked before (product, date, seed),
//!   as many connections as the server has workers and waiting places;
//! - overload: far more connections than that, to show the excess shed at
//!   once (503 with Retry-After) rather than queued.
//!
//! Each prints requests/s (and the plans answered a second, 200 or 422),
//! p50 and p99 latency over every answer, and the errors. The seconds
//! each run lasts can be set with `SERVE_BENCH_SECONDS` (default 5).

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use jingqin::serve::{self, Config};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

fn main() {
    // The access log is formatted as when serving, then thrown away.
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::sink)
        .with_target(false)
        .try_init();
    let seconds = std::env::var("SERVE_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let run = Duration::from_secs(seconds);
    let pack = jingqin::load::load_default().expect("the default pack loads");
    let config = Config::default();
    let workers = config.workers;
    let places = workers + config.queue;
    println!(
        "jingqin serve on loopback: {} workers, {} waiting places, {} s a run",
        config.workers, config.queue, seconds
    );
    let addr: SocketAddr = "127.0.0.1:0".parse().expect("an address");
    let server = serve::spawn(addr, pack, config).expect("the server starts");
    let client = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a client runtime");
    let addr = server.addr();
    client.block_on(async {
        let cached = "/plan?product=qhd-2day&date=2027-07-16&format=json";
        drive(addr, 1, Duration::ZERO, |_| cached.to_owned()).await;
        let report = drive(addr, 32, run, |_| cached.to_owned()).await;
        report.print("cached, json (27 KB), 32 connections");
        let page = "/plan?product=qhd-3day&date=2027-07-16&format=fragment";
        drive(addr, 1, Duration::ZERO, |_| page.to_owned()).await;
        let report = drive(addr, 32, run, |_| page.to_owned()).await;
        report.print("cached, fragment (89 KB), 32 connections");

        let next = Arc::new(AtomicU64::new(0));
        let fresh = move |_| uncached(next.fetch_add(1, Ordering::Relaxed));
        let report = drive(addr, workers, run, fresh.clone()).await;
        report.print(&format!("uncached, json, {workers} connections"));
        let report = drive(addr, places, run, fresh.clone()).await;
        report.print(&format!("uncached, json, {places} connections"));
        let report = drive(addr, 4 * places, run, fresh).await;
        report.print(&format!("overload: uncached, {} connections", 4 * places));
    });
    server.stop().expect("the server stops");
}

/// The `n`th plan never asked before: a product, a date of 2027, a seed.
fn uncached(n: u64) -> String {
    let products = ["qhd-1day", "qhd-2day", "qhd-3day"];
    let product = products[usize::try_from(n % 3).unwrap_or_default()];
    let first = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap_or_default();
    let date = first + chrono::Days::new(n / 3 % 365);
    let seed = n / (3 * 365);
    format!("/plan?product={product}&date={date}&seed={seed}&format=json")
}

/// What a run measured.
#[derive(Default)]
struct Report {
    latencies: Vec<Duration>,
    elapsed: Duration,
    /// 2xx answers.
    ok: u64,
    /// 422: no feasible plan, a planner's answer all the same.
    infeasible: u64,
    /// 503: shed for want of a worker or a waiting place.
    shed: u64,
    /// Anything else: another status, a broken connection.
    errors: u64,
}

impl Report {
    fn merge(&mut self, other: Report) {
        self.latencies.extend(other.latencies);
        self.ok += other.ok;
        self.infeasible += other.infeasible;
        self.shed += other.shed;
        self.errors += other.errors;
    }

    fn print(mut self, name: &str) {
        self.latencies.sort();
        let at = |q: f64| {
            let n = self.latencies.len();
            let i = ((n as f64 * q) as usize).min(n.saturating_sub(1));
            self.latencies
                .get(i)
                .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
        };
        let answered = self.latencies.len() as f64;
        let seconds = self.elapsed.as_secs_f64();
        println!(
            "{name}: {:.0} requests/s ({:.0} plans/s), p50 {:.2} ms, p99 {:.2} ms ({} ok, {} infeasible, {} shed, {} errors)",
            answered / seconds,
            (self.ok + self.infeasible) as f64 / seconds,
            at(0.50),
            at(0.99),
            self.ok,
            self.infeasible,
            self.shed,
            self.errors
        );
    }
}

/// `connections` keep-alive connections asking for `target(i)` for `run`
/// (or once each when `run` is zero).
async fn drive<F>(addr: SocketAddr, connections: usize, run: Duration, target: F) -> Report
where
    F: Fn(u64) -> String + Clone + Send + 'static,
{
    let start = Instant::now();
    let tasks: Vec<_> = (0..connections)
        .map(|_| tokio::spawn(connection(addr, start + run, target.clone())))
        .collect();
    let mut report = Report::default();
    for task in tasks {
        match task.await {
            Ok(one) => report.merge(one),
            Err(_) => report.errors += 1,
        }
    }
    report.elapsed = start.elapsed();
    report
}

async fn connection<F: Fn(u64) -> String>(addr: SocketAddr, until: Instant, target: F) -> Report {
    let mut report = Report::default();
    let mut stream = match connect(addr).await {
        Some(stream) => stream,
        None => {
            report.errors += 1;
            return report;
        }
    };
    let mut i = 0;
    loop {
        let start = Instant::now();
        match exchange(&mut stream, addr, &target(i)).await {
            Some(status) => {
                report.latencies.push(start.elapsed());
                match status {
                    200..=299 => report.ok += 1,
                    422 => report.infeasible += 1,
                    503 => report.shed += 1,
                    _ => report.errors += 1,
                }
            }
            None => {
                report.errors += 1;
                match connect(addr).await {
                    Some(again) => stream = again,
                    None => return report,
                }
            }
        }
        i += 1;
        if Instant::now() >= until {
            return report;
        }
    }
}

async fn connect(addr: SocketAddr) -> Option<BufReader<TcpStream>> {
    let stream = TcpStream::connect(addr).await.ok()?;
    stream.set_nodelay(true).ok()?;
    Some(BufReader::with_capacity(128 << 10, stream))
}

/// One request and its answer on a kept-alive connection: the status.
async fn exchange(
    stream: &mut BufReader<TcpStream>,
    addr: SocketAddr,
    target: &str,
) -> Option<u16> {
    let request = format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    stream.get_mut().write_all(request.as_bytes()).await.ok()?;
    let mut line = String::new();
    stream.read_line(&mut line).await.ok()?;
    let status = line.split(' ').nth(1)?.parse().ok()?;
    let mut length = 0;
    loop {
        line.clear();
        if stream.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    stream.read_exact(&mut body).await.ok()?;
    Some(status)
}

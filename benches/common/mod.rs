//! A benchmark's samples: `run` times a closure a number of times and
//! prints the median and the fastest run, the two figures the README quotes.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Runs `work` once to warm up, then `samples` times, and prints a line.
pub fn run<T>(name: &str, samples: usize, mut work: impl FnMut() -> T) {
    black_box(work());
    let mut times: Vec<Duration> = (0..samples.max(1))
        .map(|_| {
            let start = Instant::now();
            black_box(work());
            start.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name}: median {:.1} ms, fastest {:.1} ms ({} samples)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        times.len()
    );
}

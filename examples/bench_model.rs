//! Prints the sentiment model's cold load time, per-message p50/p99 latency for 10/50/500-char
//! messages and the process's peak memory. Run: `cargo run --release --example bench_model`.

use moodwatch::analysis::model::SentimentModel;
use std::time::Instant;

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("peak memory before load: {:?} kB", peak_rss_kb());
    let t = Instant::now();
    let model = SentimentModel::embedded()?;
    println!(
        "model load (cold, parse + optimise + plan): {:.2} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    for chars in [10usize, 50, 500] {
        let text: String = "物流太慢了客服也不回，"
            .chars()
            .cycle()
            .take(chars)
            .collect();
        let mut us: Vec<f64> = (0..2000)
            .map(|_| {
                let t = Instant::now();
                let _ = model.negative_probability(&text);
                t.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        us.sort_by(f64::total_cmp);
        println!(
            "{chars:>3} chars: p50 {:.1} µs, p99 {:.1} µs (2000 runs, featurise + run)",
            us[us.len() / 2],
            us[us.len() * 99 / 100]
        );
    }
    println!("peak memory (VmHWM): {:?} kB", peak_rss_kb());
    Ok(())
}

//! Engine throughput, CLI-style: replays the fixture conversations many times through one
//! `Monitor` on one thread (grading every customer message with the embedded analyzer) and
//! prints turns per second and the cost per turn. Run it in release:
//!
//! ```text
//! cargo run --release --example bench_engine [ROUNDS]
//! ```

use moodwatch::analysis::conversation::{Config, Monitor, Role, Turn};
use moodwatch::analysis::MessageAnalyzer;
use std::sync::Arc;
use std::time::Instant;

fn load() -> Vec<(String, Vec<Turn>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/conversations");
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        for line in text.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let id = v["id"].as_str().unwrap_or("?").to_string();
            let turns = v["turns"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| {
                    Some(Turn {
                        role: t["role"].as_str()?.parse::<Role>().ok()?,
                        text: t["text"].as_str()?.to_string(),
                        ts_ms: t["ts"].as_u64()?,
                    })
                })
                .collect();
            out.push((id, turns));
        }
    }
    out
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let analyzer = match MessageAnalyzer::embedded() {
        Ok(a) => Arc::new(a),
        Err(e) => {
            eprintln!("cannot load embedded data: {e}");
            std::process::exit(2);
        }
    };
    let convs = load();
    let per_round: usize = convs.iter().map(|c| c.1.len()).sum();
    let mut monitor = Monitor::new(analyzer, Config::default());
    let mut turns = 0usize;
    let mut json_bytes = 0usize;
    let start = Instant::now();
    for round in 0..rounds {
        for (id, conv) in &convs {
            let id = format!("{id}#{round}");
            for t in conv {
                if let Ok(report) = monitor.push_turn(&id, t.clone()) {
                    // The CLI serialises every report; so does the benchmark.
                    json_bytes += serde_json::to_string(&report).map_or(0, |s| s.len());
                    turns += 1;
                }
            }
            monitor.remove(&id);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    // The engine alone: the same replay without serialising the reports.
    let mut bare = Monitor::new(fresh_analyzer(), Config::default());
    let mut bare_turns = 0usize;
    let bare_start = Instant::now();
    for round in 0..rounds {
        for (id, conv) in &convs {
            let id = format!("{id}#{round}");
            for t in conv {
                bare_turns += usize::from(bare.push_turn(&id, t.clone()).is_ok());
            }
            bare.remove(&id);
        }
    }
    let bare_secs = bare_start.elapsed().as_secs_f64();
    println!(
        "{} conversations × {rounds} rounds = {turns} turns ({per_round} per round) in {secs:.3} s",
        convs.len()
    );
    println!(
        "throughput: {:.0} turns/s on one core; {:.1} µs per turn (including JSON, {:.0} bytes per report)",
        turns as f64 / secs,
        secs * 1e6 / turns.max(1) as f64,
        json_bytes as f64 / turns.max(1) as f64
    );
    println!(
        "engine only (no JSON): {:.0} turns/s; {:.1} µs per turn",
        bare_turns as f64 / bare_secs,
        bare_secs * 1e6 / bare_turns.max(1) as f64
    );
}

fn fresh_analyzer() -> Arc<MessageAnalyzer> {
    // A fresh analyzer per run keeps the two measurements independent.
    match MessageAnalyzer::embedded() {
        Ok(a) => Arc::new(a),
        Err(e) => {
            eprintln!("cannot load embedded data: {e}");
            std::process::exit(2);
        }
    }
}

//! The golden check in Chromium: the wasm build gives the same ids and probabilities as
//! onnxruntime in Python, and prints load and per-message timings to the console.
#![cfg(target_arch = "wasm32")]

use moodwatch::analysis::model::{features, SentimentModel};
use serde::Deserialize;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Deserialize)]
struct Golden {
    text: String,
    ids: Vec<i64>,
    prob: f32,
}

const FIXTURE: &str = include_str!("fixtures/model_golden.jsonl");

/// `performance.now()` (sub-millisecond) where the page has it, else `Date.now()`.
fn now_ms() -> f64 {
    use wasm_bindgen::JsCast;
    let global = js_sys::global();
    js_sys::Reflect::get(&global, &"performance".into())
        .ok()
        .and_then(|perf| {
            let now = js_sys::Reflect::get(&perf, &"now".into()).ok()?;
            let now: js_sys::Function = now.dyn_into().ok()?;
            now.call0(&perf).ok()?.as_f64()
        })
        .unwrap_or_else(js_sys::Date::now)
}

#[wasm_bindgen_test]
fn wasm_matches_python_and_onnxruntime() {
    let t0 = now_ms();
    let model = SentimentModel::embedded().expect("embedded model loads");
    let load_ms = now_ms() - t0;
    let mut worst = 0.0f32;
    let mut count = 0;
    for line in FIXTURE.lines() {
        let row: Golden = serde_json::from_str(line).expect("fixture line is JSON");
        let ids = features::ids_of(&row.text);
        assert_eq!(ids, row.ids, "ids differ for {:?}", row.text);
        let p = model.run_ids(ids).expect("model runs").negative;
        worst = worst.max((p - row.prob).abs());
        assert!(
            (p - row.prob).abs() <= 1e-4,
            "prob {p} vs {} for {:?}",
            row.prob,
            row.text
        );
        count += 1;
    }
    assert_eq!(count, 100);
    let mut report = format!(
        "wasm golden: {count} messages, max |Δprob| = {worst:e}; model load {load_ms:.1} ms"
    );
    for chars in [10usize, 50, 500] {
        let text: String = "物流太慢了客服也不回".chars().cycle().take(chars).collect();
        let runs = 200;
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let t = now_ms();
            let _ = model.negative_probability(&text).expect("model runs");
            times.push(now_ms() - t);
        }
        let per = times.iter().sum::<f64>() / runs as f64;
        times.sort_by(f64::total_cmp);
        let (p50, p99) = (times[runs / 2], times[runs * 99 / 100 - 1]);
        report.push_str(&format!(
            "; {chars} chars: {per:.4} ms/message (mean of {runs}), p50 {p50:.3} ms, p99 {p99:.3} ms"
        ));
    }
    console_log!("{report}");
}

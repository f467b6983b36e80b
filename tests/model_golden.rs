//! Golden test: the Rust featuriser and tract give the same ids and probabilities as
//! `models/features.py` and onnxruntime (ORT_ENABLE_BASIC) for 100 messages.
#![cfg(feature = "embedded-data")]

use moodwatch::analysis::model::{features, SentimentModel};
use serde::Deserialize;

#[derive(Deserialize)]
struct Golden {
    text: String,
    ids: Vec<i64>,
    logit: f32,
    prob: f32,
}

const FIXTURE: &str = include_str!("fixtures/model_golden.jsonl");

#[test]
fn rust_and_tract_match_python_and_onnxruntime() {
    let model = SentimentModel::embedded().expect("embedded model loads");
    let rows: Vec<Golden> = FIXTURE
        .lines()
        .map(|l| serde_json::from_str(l).expect("fixture line is JSON"))
        .collect();
    assert_eq!(rows.len(), 100);
    let mut worst = 0.0f32;
    for row in &rows {
        let ids = features::ids_of(&row.text);
        assert_eq!(ids, row.ids, "ids differ for {:?}", row.text);
        let r = model.run_ids(ids).expect("model runs");
        let d = (r.negative - row.prob).abs();
        worst = worst.max(d);
        assert!(
            d <= 1e-4,
            "prob {} vs {} for {:?}",
            r.negative,
            row.prob,
            row.text
        );
        assert!(
            (r.logit - row.logit).abs() <= 1e-3,
            "logit for {:?}",
            row.text
        );
    }
    println!("golden: 100 messages, max |Δprob| = {worst:e}");
}

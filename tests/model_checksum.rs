//! The committed model is the one the model card describes (sha256 recorded in
//! `models/metrics.json` and `models/README.md`).

use sha2::{Digest, Sha256};

fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

#[test]
fn committed_model_matches_recorded_sha256() {
    let model = include_bytes!("../models/sentiment.onnx");
    let metrics = include_str!("../models/metrics.json");
    let card = include_str!("../models/README.md");
    let got = sha256_hex(model);
    assert!(
        metrics.contains(&got),
        "models/sentiment.onnx sha256 {got} is not the one in models/metrics.json"
    );
    assert!(
        card.contains(&got),
        "models/sentiment.onnx sha256 {got} is not the one in models/README.md"
    );
}

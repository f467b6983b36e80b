//! The browser gives the same assessments as the CLI: `tests/fixtures/cli_parity.jsonl`
//! replayed through the *exported* wasm API (`Engine`, JS values in and out) must match
//! `tests/fixtures/cli_parity.expected.jsonl`, the CLI's own output (see
//! `tests/cli_parity_native.rs`, which pins the CLI to the same file).
#![cfg(target_arch = "wasm32")]

mod parity_common;

use moodwatch::web::{assess, Engine};
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(v: &Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap()
}

fn rs(v: &JsValue) -> Value {
    serde_json::from_str(&js_sys::JSON::stringify(v).unwrap().as_string().unwrap()).unwrap()
}

#[wasm_bindgen_test]
fn exported_engine_matches_the_cli() {
    let mut actual = Vec::new();
    for line in parity_common::INPUT
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let conv: Value = serde_json::from_str(line).unwrap();
        let id = conv["id"].as_str().unwrap();
        let mut engine = Engine::new(JsValue::UNDEFINED).unwrap();
        for (t, turn) in conv["turns"].as_array().unwrap().iter().enumerate() {
            let report = rs(&engine.push_turn(id, js(turn)).unwrap());
            actual.push(json!({
                "id": id, "turn": t, "role": report["role"],
                "assessment": report["assessment"], "state": report["snapshot"],
            }));
        }
    }
    if let Err(e) = parity_common::compare_all(&actual) {
        panic!("{e}");
    }
}

#[wasm_bindgen_test]
fn exported_assess_matches_the_cli_assessments() {
    let expected: Vec<Value> = parity_common::EXPECTED
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let inputs: Vec<Value> = parity_common::INPUT
        .lines()
        .flat_map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["turns"]
                .as_array()
                .unwrap()
                .clone()
        })
        .collect();
    assert_eq!(inputs.len(), expected.len());
    for (turn, e) in inputs.iter().zip(&expected) {
        if e["assessment"].is_null() {
            continue;
        }
        let a = rs(&assess(turn["text"].as_str().unwrap()).unwrap());
        let d =
            (a["negative"].as_f64().unwrap() - e["assessment"]["negative"].as_f64().unwrap()).abs();
        assert!(d <= 1e-6, "{}: {d}", turn["text"]);
        assert_eq!(a["level"], e["assessment"]["level"]);
    }
}

//! The native CLI's `replay` output for `tests/fixtures/cli_parity.jsonl` matches the pinned
//! expected file, which the browser parity test (`tests/web_cli_parity.rs`) checks the
//! exported wasm API against. `MOODWATCH_BLESS=1` rewrites the expected file.
#![cfg(not(target_arch = "wasm32"))]

mod parity_common;

use serde_json::Value;
use std::process::Command;

#[test]
fn cli_replay_matches_the_pinned_expected_file() {
    let out = Command::new(env!("CARGO_BIN_EXE_moodwatch"))
        .args(["replay", "tests/fixtures/cli_parity.jsonl"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run the CLI");
    assert!(
        out.status.success(),
        "CLI failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8 output");
    if std::env::var_os("MOODWATCH_BLESS").is_some() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/cli_parity.expected.jsonl"
        );
        std::fs::write(path, &text).expect("write the expected file");
        return;
    }
    let actual: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("CLI prints JSON lines"))
        .collect();
    if let Err(e) = parity_common::compare_all(&actual) {
        panic!("{e}");
    }
}

#[test]
fn fixture_covers_both_roles_and_warnings() {
    let turns: usize = parity_common::INPUT
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("fixture line")["turns"]
                .as_array()
                .map_or(0, Vec::len)
        })
        .sum();
    assert!(turns >= 10);
    assert!(parity_common::EXPECTED.contains("\"warningRaised\""));
    assert!(parity_common::EXPECTED.contains("\"role\":\"agent\""));
}

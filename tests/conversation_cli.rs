//! `moodwatch replay` and `moodwatch replay --summary` on the fixtures, end to end.

use std::io::Write;
use std::process::{Command, Stdio};

fn replay(args: &[&str], input: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_moodwatch"))
        .arg("replay")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn moodwatch");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn fixture(name: &str) -> String {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/conversations/");
    std::fs::read_to_string(format!("{p}{name}")).expect("fixture")
}

/// `replay --summary` of `input`: it must succeed with one JSON line per conversation.
fn summaries(input: &str) -> Vec<serde_json::Value> {
    let (code, out, err) = replay(&["-", "--summary"], input);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), input.lines().count());
    lines
}

#[test]
fn summary_has_one_line_per_conversation_with_the_documented_fields() {
    let input = fixture("escalating.jsonl");
    let lines = summaries(&input);
    for v in &lines {
        for key in [
            "id",
            "peak_level",
            "peak_risk",
            "final_risk",
            "first_turn_at_level",
            "repeats",
            "long_waits",
            "agent_flags",
            "outcome",
        ] {
            assert!(v.get(key).is_some(), "{key} missing in {v}");
        }
        for l in ["1", "2", "3"] {
            assert!(v["first_turn_at_level"].get(l).is_some());
        }
    }
    let shipping = lines
        .iter()
        .find(|v| v["id"] == "esc-shipping-repeats")
        .expect("fixture present");
    assert_eq!(shipping["repeats"][0], serde_json::json!([4, 0]));
    assert_eq!(shipping["outcome"], "transferred");
}

#[test]
fn per_turn_replay_accepts_expect_and_reports_bad_lines() {
    let good = fixture("calm.jsonl");
    let first = good.lines().next().expect("a line");
    let bad_role = r#"{"id":"x","turns":[{"role":"boss","text":"hi","ts":1}]}"#;
    let unknown = r#"{"id":"y","turns":[],"surprise":1}"#;
    let input = format!("{first}\n{bad_role}\nnot json\n{unknown}\n");
    let (code, out, err) = replay(&["-"], &input);
    assert_eq!(code, 1, "something was skipped");
    assert!(
        err.contains("line 2") && err.contains("turns[0].role"),
        "{err}"
    );
    assert!(err.contains("line 3"), "{err}");
    assert!(err.contains("line 4"), "{err}");
    let turns = serde_json::from_str::<serde_json::Value>(first).expect("json")["turns"]
        .as_array()
        .expect("turns")
        .len();
    assert_eq!(out.lines().count(), turns);
    let (code, out, _) = replay(&["-", "--summary"], &input);
    assert_eq!((code, out.lines().count()), (1, 1));
}

#[test]
fn holdout2_replays_with_masked_placeholders_and_english() {
    let input = fixture("holdout2.jsonl");
    let lines = summaries(&input);
    for v in &lines {
        let id = v["id"].as_str().expect("id");
        if id.contains("calm") || id.contains("where-order") || id.contains("short-lines") {
            assert!(v["peak_level"].as_u64().expect("peak") <= 1, "{v}");
        }
    }
}

//! The native CLI end to end: good input, and bad input that is reported (line and field)
//! without losing the other conversations.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn moodwatch(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_moodwatch"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin)
        .expect("stdin accepts input");
    child.wait_with_output().expect("the CLI finishes")
}

fn stdout_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

const GOOD: &str = r#"{"id":"c1","turns":[{"role":"customer","text":"请问什么时候发货？","ts":0},{"role":"agent","text":"亲，今天下午发出哦","ts":5000}]}"#;

#[test]
fn analyze_prints_one_assessment() {
    let out = moodwatch(&["analyze", "我要给差评！"], b"");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(v["negative"]
        .as_f64()
        .is_some_and(|p| (0.0..=1.0).contains(&p)));
    assert!(v["level"].as_u64().is_some_and(|l| l <= 3));
    assert!(v["reasons"].as_array().is_some_and(|r| !r.is_empty()));
}

#[test]
fn replay_writes_one_line_per_turn() {
    let out = moodwatch(&["replay", "-"], GOOD.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = stdout_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "c1");
    assert_eq!(lines[0]["turn"], 0);
    assert_eq!(lines[0]["role"], "customer");
    let a = &lines[0]["assessment"];
    assert!(a["negative"].is_number() && a["level"].is_number() && a["reasons"].is_array());
    assert_eq!(lines[1]["role"], "agent");
    assert!(lines[1]["state"]["risk"].is_number());
}

#[test]
fn bad_lines_are_reported_and_the_rest_is_processed() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{not json\n");
    input.extend_from_slice(br#"{"id":"c2","turns":[{"role":"customer","ts":0}]}"#);
    input.push(b'\n');
    input.extend_from_slice(br#"{"id":"c3","turns":[{"role":"robot","text":"hi","ts":0}]}"#);
    input.push(b'\n');
    input.extend_from_slice(
        b"{\"id\":\"c4\",\"turns\":[{\"role\":\"customer\",\"text\":\"\xff\xfe\",\"ts\":0}]}\n",
    );
    input.extend_from_slice(GOOD.as_bytes());
    input.push(b'\n');
    let out = moodwatch(&["replay", "-"], &input);
    assert_eq!(
        out.status.code(),
        Some(1),
        "skipped input must show in the exit status"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 1"),
        "malformed JSON names its line: {err}"
    );
    assert!(
        err.contains("line 2") && err.contains("text"),
        "missing field named: {err}"
    );
    assert!(
        err.contains("line 3") && err.contains("role") && err.contains("robot"),
        "{err}"
    );
    assert!(
        err.contains("line 4") && err.contains("UTF-8"),
        "invalid UTF-8 named: {err}"
    );
    let lines = stdout_lines(&out);
    assert_eq!(lines.len(), 2, "the good conversation is still processed");
    assert!(lines.iter().all(|l| l["id"] == "c1"));
}

#[test]
fn time_going_backwards_is_an_error_not_a_panic() {
    let input = r#"{"id":"c5","turns":[{"role":"customer","text":"在吗","ts":9000},{"role":"customer","text":"在吗","ts":1000}]}"#;
    let out = moodwatch(&["replay", "-"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("turns[1]"));
    assert_eq!(stdout_lines(&out).len(), 1);
}

#[test]
fn score_keeps_output_aligned_with_input() {
    let out = moodwatch(
        &["score", "-"],
        b"\xe8\xb0\xa2\xe8\xb0\xa2\n\xff\n\xe5\xb7\xae\xe8\xaf\x84\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1], "null");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(moodwatch(&[], b"").status.code(), Some(2));
    assert_eq!(moodwatch(&["frobnicate"], b"").status.code(), Some(2));
    assert_eq!(
        moodwatch(&["replay", "/no/such/file"], b"").status.code(),
        Some(2)
    );
}

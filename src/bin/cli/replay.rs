//! `moodwatch replay`: conversations as JSON lines in, one state line per turn out, or with
//! `--summary` one summary line per conversation (computed by the core's accumulator).

use moodwatch::analysis::conversation::{Config, Monitor, Role, Turn};
use moodwatch::analysis::MessageAnalyzer;
use serde::Deserialize;
use std::io::{BufRead, Write};
use std::sync::Arc;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConversationIn {
    id: String,
    turns: Vec<TurnIn>,
    /// Expected outcomes written in test fixtures; accepted and ignored here.
    #[serde(default, rename = "expect")]
    _expect: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
struct TurnIn {
    role: String,
    text: String,
    ts: u64,
}

/// Replays every conversation; a bad line is reported on stderr and skipped.
pub fn run(
    analyzer: Arc<MessageAnalyzer>,
    reader: Box<dyn BufRead>,
    out: &mut impl Write,
    summary: bool,
) -> i32 {
    let mut status = 0;
    let mut monitor = Monitor::new(analyzer, Config::default());
    for (i, line) in reader.split(b'\n').enumerate() {
        let lineno = i + 1;
        let bytes = match line {
            Ok(b) => b,
            Err(e) => {
                eprintln!("moodwatch: line {lineno}: read error: {e}");
                return 2;
            }
        };
        let Ok(text) = std::str::from_utf8(&bytes) else {
            eprintln!("moodwatch: line {lineno}: invalid UTF-8, conversation skipped");
            status = 1;
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        let conv: ConversationIn = match serde_json::from_str(text) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("moodwatch: line {lineno}: {e}, conversation skipped");
                status = 1;
                continue;
            }
        };
        let mut turns = Vec::with_capacity(conv.turns.len());
        let mut bad = None;
        for (t, turn) in conv.turns.into_iter().enumerate() {
            match turn.role.parse::<Role>() {
                Ok(role) => turns.push(Turn {
                    role,
                    text: turn.text,
                    ts_ms: turn.ts,
                }),
                Err(e) => {
                    bad = Some(format!("turns[{t}].role: {e}"));
                    break;
                }
            }
        }
        if let Some(e) = bad {
            eprintln!(
                "moodwatch: line {lineno}: {e}, conversation {} skipped",
                conv.id
            );
            status = 1;
            continue;
        }
        // Each input line is its own conversation, even if an id repeats.
        monitor.remove(&conv.id);
        for (t, turn) in turns.into_iter().enumerate() {
            let role = turn.role;
            if summary {
                if let Err(e) = monitor.push_turn(&conv.id, turn) {
                    eprintln!("moodwatch: line {lineno}: turns[{t}]: {e}, rest of conversation {} skipped", conv.id);
                    status = 1;
                    break;
                }
                continue;
            }
            let report = match monitor.push_turn(&conv.id, turn) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("moodwatch: line {lineno}: turns[{t}]: {e}, rest of conversation {} skipped", conv.id);
                    status = 1;
                    break;
                }
            };
            let line = serde_json::json!({
                "id": conv.id, "turn": t, "role": role, "assessment": report.assessment,
                "agentCheck": report.agent_check, "state": report.snapshot, "events": report.events,
            });
            if writeln!(out, "{line}").is_err() {
                return 2;
            }
        }
        if summary {
            if let Some(s) = monitor.summary(&conv.id) {
                match serde_json::to_string(&s) {
                    Ok(line) => {
                        if writeln!(out, "{line}").is_err() {
                            return 2;
                        }
                    }
                    Err(e) => {
                        eprintln!("moodwatch: line {lineno}: {e}");
                        status = 1;
                    }
                }
            }
        }
        monitor.remove(&conv.id);
    }
    status
}

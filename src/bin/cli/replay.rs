//! `moodwatch replay`: conversations as JSON lines in, one assessment line per turn out.

use moodwatch::analysis::MessageAnalyzer;
use serde::Deserialize;
use std::io::{BufRead, Write};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConversationIn {
    id: String,
    turns: Vec<TurnIn>,
}

#[derive(Deserialize)]
struct TurnIn {
    role: String,
    text: String,
    ts: u64,
}

/// Replays every conversation; a bad line is reported on stderr and skipped.
pub fn run(
    analyzer: &MessageAnalyzer,
    reader: Box<dyn BufRead>,
    out: &mut impl Write,
    _summary: bool,
) -> i32 {
    let mut status = 0;
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
        if let Some((t, turn)) = conv
            .turns
            .iter()
            .enumerate()
            .find(|(_, t)| t.role != "customer" && t.role != "agent")
        {
            eprintln!(
                "moodwatch: line {lineno}: turns[{t}].role: unknown role `{}` (expected \"customer\" or \"agent\"), conversation {} skipped",
                turn.role, conv.id
            );
            status = 1;
            continue;
        }
        for (t, turn) in conv.turns.iter().enumerate() {
            let assessment = (turn.role == "customer").then(|| analyzer.assess(&turn.text));
            let line = serde_json::json!({
                "id": conv.id, "turn": t, "role": turn.role, "ts": turn.ts, "assessment": assessment,
            });
            if writeln!(out, "{line}").is_err() {
                return 2;
            }
        }
    }
    status
}

//! Argument handling and the subcommands of the native CLI.

mod input;
mod replay;

use moodwatch::analysis::MessageAnalyzer;
use std::io::{self, BufRead, Write};
use std::sync::Arc;

const USAGE: &str = "usage:
  moodwatch analyze TEXT             grade one message
  moodwatch score FILE|-             grade one text per line (JSON lines out)
  moodwatch replay FILE|- [--summary]
                                     replay conversations given as JSON lines:
                                     {\"id\": \"c1\", \"turns\": [{\"role\": \"customer\"|\"agent\", \"text\": \"…\", \"ts\": ms}, …]}";

/// Exit status: 0 all processed, 1 some input skipped, 2 usage or setup error.
pub fn run(args: &[String]) -> i32 {
    let analyzer = match MessageAnalyzer::embedded() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("moodwatch: cannot load embedded data: {e}");
            return 2;
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let status = match args.first().map(String::as_str) {
        Some("analyze") if args.len() == 2 => {
            let assessment = analyzer.assess(&args[1]);
            match serde_json::to_string_pretty(&assessment) {
                Ok(s) => writeln!(out, "{s}").map(|_| 0).unwrap_or(2),
                Err(e) => {
                    eprintln!("moodwatch: {e}");
                    2
                }
            }
        }
        Some("score") if args.len() == 2 => match input::open(&args[1]) {
            Ok(reader) => score(&analyzer, reader, &mut out),
            Err(e) => {
                eprintln!("moodwatch: {e}");
                2
            }
        },
        Some("replay") if (2..=3).contains(&args.len()) => {
            let summary = args.iter().skip(1).any(|a| a == "--summary");
            let path = args.iter().skip(1).find(|a| *a != "--summary");
            match path.map(|p| input::open(p)) {
                Some(Ok(reader)) => {
                    replay::run(Arc::new(analyzer.clone()), reader, &mut out, summary)
                }
                Some(Err(e)) => {
                    eprintln!("moodwatch: {e}");
                    2
                }
                None => usage(),
            }
        }
        Some("-h") | Some("--help") | Some("help") => {
            println!("{USAGE}");
            0
        }
        _ => usage(),
    };
    if out.flush().is_err() {
        return 2;
    }
    status
}

fn usage() -> i32 {
    eprintln!("{USAGE}");
    2
}

/// One text per line in, one JSON line per text out:
/// `{"negative", "level", "lexicon", "lexiconLevel", "lexiconScore", "model"}` (fused, then
/// the lexicon's own reading, then the model's probability or null).
fn score(analyzer: &MessageAnalyzer, reader: Box<dyn BufRead>, out: &mut impl Write) -> i32 {
    let mut status = 0;
    for (i, line) in reader.split(b'\n').enumerate() {
        let bytes = match line {
            Ok(b) => b,
            Err(e) => {
                eprintln!("moodwatch: line {}: read error: {e}", i + 1);
                return 2;
            }
        };
        let text = match std::str::from_utf8(&bytes) {
            Ok(t) => t.trim_end_matches('\r'),
            Err(_) => {
                eprintln!("moodwatch: line {}: invalid UTF-8, skipped", i + 1);
                // Keep output aligned with input: one line per input line.
                let _ = writeln!(out, "null");
                status = 1;
                continue;
            }
        };
        let a = analyzer.assess(text);
        let lexicon = analyzer.lexicon().grade(text);
        let line = serde_json::json!({
            "negative": a.negative,
            "level": a.level,
            "lexicon": a.lexicon_negative,
            "lexiconLevel": lexicon.level,
            "lexiconScore": lexicon.score,
            "model": a.model_negative,
        });
        if writeln!(out, "{line}").is_err() {
            return 2;
        }
    }
    status
}

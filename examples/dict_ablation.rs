//! Lexicon scores with a different jieba dictionary, to show the trimmed dictionary costs no
//! accuracy. Reads one text per line on stdin, prints the lexicon's negative probability per line.
//!
//! ```text
//! cargo run --release --example dict_ablation -- FULL_DICT.txt < texts.txt
//! ```
//! `scripts/dict_ablation.py` runs it with the trimmed and the full dictionary and compares.

use moodwatch::analysis::lexicon::{Lexicon, LexiconSources};
use std::io::{BufRead, Write};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dict_ablation JIEBA_DICT.txt < texts");
        std::process::exit(2);
    };
    let dict = match std::fs::read(&path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let lexicon = match Lexicon::from_parts(LexiconSources {
        jieba_dict: &dict,
        ..LexiconSources::embedded()
    }) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let _ = writeln!(out, "{}", lexicon.grade(&line).negative);
    }
}

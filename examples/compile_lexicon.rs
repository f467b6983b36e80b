//! Writes `lexicon/compiled.bin`, the binary form of the lexicon's text files that the default
//! build embeds (see `src/analysis/lexicon/compiled.rs`). Run after editing any of them:
//!
//! ```text
//! cargo run --example compile_lexicon
//! ```
//! `cargo test` fails while the committed file is not what the text files compile to.

use moodwatch::analysis::lexicon::{compiled, LexiconSources};

fn main() {
    let bin = match compiled::compile(LexiconSources::embedded()) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("compile_lexicon: {e}");
            std::process::exit(1);
        }
    };
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/lexicon/compiled.bin");
    if let Err(e) = std::fs::write(path, &bin) {
        eprintln!("compile_lexicon: cannot write {path}: {e}");
        std::process::exit(1);
    }
    println!("{path}: {} bytes", bin.len());
}

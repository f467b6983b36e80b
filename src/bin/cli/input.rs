//! Opening the CLI's input: a file path or `-` for standard input.

use std::fs::File;
use std::io::{self, BufRead, BufReader};

/// Opens `path`, or standard input when it is `-`.
pub fn open(path: &str) -> Result<Box<dyn BufRead>, String> {
    if path == "-" {
        return Ok(Box::new(BufReader::new(io::stdin())));
    }
    File::open(path)
        .map(|f| Box::new(BufReader::new(f)) as Box<dyn BufRead>)
        .map_err(|e| format!("cannot open {path}: {e}"))
}

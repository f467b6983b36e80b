//! The native moodwatch CLI: the same analysis core as the browser, over files and stdin.
//!
//! ```text
//! moodwatch analyze "文本"          one message → one assessment (JSON)
//! moodwatch score FILE|-            one text per line → one JSON line each (for evaluation)
//! moodwatch replay FILE|- [--summary]
//!                                    conversations as JSON lines → one JSON line per turn
//! ```

mod cli;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(cli::run(&args));
}

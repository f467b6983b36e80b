//! The pure analysis core: std, jieba-rs, tract-onnx and serde only. No web crates, no clock,
//! no I/O — every time is an argument and every data file arrives as bytes. It runs under plain
//! `cargo test`, in the native CLI and, unchanged, inside the browser build.

pub mod analyzer;
pub mod assessment;
pub mod conversation;
pub mod error;
pub mod fusion;
pub mod lexicon;
pub mod model;
pub mod normalize;
pub mod segment;

pub use analyzer::MessageAnalyzer;
pub use assessment::{Assessment, Level, Markers, Reason, Source};
pub use conversation::{Config, Monitor, Role, Turn};
pub use error::AnalysisError;

//! The core's error type: every failure names what was wrong and what was expected.

use std::fmt;

/// An error from loading data or analysing input in the core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnalysisError {
    /// A lexicon or dictionary file could not be parsed.
    Lexicon {
        /// Which file (logical name).
        file: String,
        /// 1-based line number, 0 when not line-specific.
        line: usize,
        /// What was wrong and what was expected.
        message: String,
    },
    /// The ONNX model could not be loaded or run.
    Model(String),
    /// A configuration value was invalid.
    Config {
        /// The offending key, dotted (e.g. `thresholds.transfer`).
        key: String,
        /// What was wrong and what was expected.
        message: String,
    },
    /// Input to the engine was invalid (unknown role, time going backwards, …).
    Input(String),
}

impl fmt::Display for AnalysisError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnalysisError::Lexicon {
                file,
                line,
                message,
            } if *line > 0 => {
                write!(f, "lexicon {file}, line {line}: {message}")
            }
            AnalysisError::Lexicon { file, message, .. } => write!(f, "lexicon {file}: {message}"),
            AnalysisError::Model(message) => write!(f, "model: {message}"),
            AnalysisError::Config { key, message } => write!(f, "config key `{key}`: {message}"),
            AnalysisError::Input(message) => write!(f, "input: {message}"),
        }
    }
}

impl std::error::Error for AnalysisError {}

//! The quantized sentiment model: hashed character n-grams ([`features`]) scored by a small
//! int8 ONNX graph (`models/sentiment.onnx`, see `models/README.md`) that tract plans once and
//! runs for every message.
//!
//! ```
//! # #[cfg(all(feature = "embedded-data", feature = "model"))] {
//! use moodwatch::analysis::model::SentimentModel;
//! let model = SentimentModel::embedded().unwrap();
//! let p = model.negative_probability("质量太差了，我要退货").unwrap();
//! assert!(p > 0.5);
//! # }
//! ```

pub mod features;
#[cfg(feature = "model")]
pub mod ops;
#[cfg(feature = "model")]
mod sentiment;

#[cfg(feature = "model")]
pub use sentiment::SentimentModel;

use crate::analysis::error::AnalysisError;

/// The model shipped in the default build.
#[cfg(all(feature = "embedded-data", feature = "model"))]
pub const EMBEDDED_MODEL: &[u8] = include_bytes!("../../../models/sentiment.onnx");

/// The padding id: the graph gives it zero weight and does not count it. Real ids are below it.
pub const PAD_ID: i64 = 1 << features::BUCKET_BITS;

/// What the model reads in one message.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModelReading {
    /// The raw log-odds that the message is negative.
    pub logit: f32,
    /// The probability (0..1) that the message is negative.
    pub negative: f32,
}

/// Scores featurised messages: [`SentimentModel`] (tract, in this binary) or, in the browser
/// build that ships, the same model run by tract in a second wasm module (`src/web/model_link.rs`),
/// which the page loads after moodwatch has started.
pub trait ModelRunner: Send + Sync + std::fmt::Debug {
    /// Runs the model on featurised ids (see [`features::ids_of`]); each id must be below
    /// [`PAD_ID`]. An empty list is allowed (an empty message).
    fn run_ids(&self, ids: Vec<i64>) -> Result<ModelReading, AnalysisError>;

    /// Reads one message: its log-odds and probability of being negative.
    fn read(&self, text: &str) -> Result<ModelReading, AnalysisError> {
        self.run_ids(features::ids_of(text))
    }
}

/// Checks that every id is a real bucket (below [`PAD_ID`]).
pub fn check_ids(ids: &[i64]) -> Result<(), AnalysisError> {
    match ids.iter().find(|&&i| !(0..PAD_ID).contains(&i)) {
        Some(bad) => Err(AnalysisError::Model(format!(
            "id {bad} out of range: expected 0..{PAD_ID}"
        ))),
        None => Ok(()),
    }
}

//! The model module (wasm32, feature `model-module`): tract and the sentiment model, with one
//! small export, built as a second wasm next to the one that attaches to the widget.
//!
//! ```js
//! import initModel, { ModelRuntime } from "./pkg/moodwatch_model.js";
//! await initModel();
//! const rt = ModelRuntime.embedded();            // plans the embedded int8 model
//! const [logit, prob] = rt.run(new Int32Array([]));
//! moodwatch.provideModel((ids) => rt.run(ids)); // what www/moodwatch.js does
//! ```
//!
//! Featurisation stays in the main module (`analysis::model::features`): only the hashed ids
//! cross, and only two floats come back.
#![deny(clippy::unwrap_used, clippy::expect_used)]

use crate::analysis::model::SentimentModel;
use wasm_bindgen::prelude::*;

/// Runs the static constructors tract's registries need, once.
#[wasm_bindgen(start)]
pub fn start() {
    crate::wasm_init::ensure();
    #[cfg(feature = "panic-hook")]
    console_error_panic_hook::set_once();
}

/// A planned sentiment model.
#[wasm_bindgen]
pub struct ModelRuntime {
    model: SentimentModel,
}

#[wasm_bindgen]
impl ModelRuntime {
    /// Plans the model embedded in this module.
    #[cfg(feature = "embedded-data")]
    pub fn embedded() -> Result<ModelRuntime, JsError> {
        let model = SentimentModel::embedded().map_err(|e| JsError::new(&e.to_string()))?;
        Ok(ModelRuntime { model })
    }

    /// Plans a model from ONNX bytes (the same graph contract as `models/sentiment.onnx`).
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8]) -> Result<ModelRuntime, JsError> {
        let model = SentimentModel::from_bytes(bytes).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(ModelRuntime { model })
    }

    /// Scores featurised ids (each below 2^20; an empty list is an empty message): returns
    /// `[logit, probability negative]`.
    pub fn run(&self, ids: &[i32]) -> Result<Vec<f32>, JsError> {
        let ids = ids.iter().map(|&i| i64::from(i)).collect();
        let r = self
            .model
            .run_ids(ids)
            .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(vec![r.logit, r.negative])
    }
}

//! The model run by tract in this binary (feature `model`).

use super::{check_ids, features, ModelReading, ModelRunner, PAD_ID};
use crate::analysis::error::AnalysisError;
use std::sync::Mutex;
use tract_onnx::prelude::*;

/// A loaded and planned sentiment model. Cheap to clone (the plan is shared; each clone gets
/// its own run state).
pub struct SentimentModel {
    plan: Arc<TypedRunnableModel>,
    /// One run state kept across messages: `SimplePlan::run` builds and drops a fresh state
    /// (every node's op state, the session bookkeeping) on each call, which measured about
    /// half of the model's time per message in Chromium. tract resets the turn after a run,
    /// and this graph's ops keep no state between runs, so the results are the same.
    state: Mutex<TypedSimpleState>,
}

impl Clone for SentimentModel {
    fn clone(&self) -> Self {
        // A clone is a new tract session. A poisoned state (a run panicked) is not copied:
        // the clone starts from a fresh one.
        let state = match self.state.lock() {
            Ok(s) => s.clone(),
            Err(poisoned) => self
                .plan
                .spawn()
                .unwrap_or_else(|_| poisoned.into_inner().clone()),
        };
        SentimentModel {
            plan: self.plan.clone(),
            state: Mutex::new(state),
        }
    }
}

impl std::fmt::Debug for SentimentModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SentimentModel").finish_non_exhaustive()
    }
}

fn model_err(what: &str) -> impl Fn(TractError) -> AnalysisError + '_ {
    move |e| AnalysisError::Model(format!("{what}: {e:#}"))
}

impl SentimentModel {
    /// The model embedded in the default build.
    #[cfg(feature = "embedded-data")]
    pub fn embedded() -> Result<Self, AnalysisError> {
        Self::from_bytes(super::EMBEDDED_MODEL)
    }

    /// Loads and plans a model from ONNX bytes. The graph must take one int64 input `ids` of
    /// dynamic length and give a `logit` and a `prob` output, like `models/sentiment.onnx`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, AnalysisError> {
        // tract's kernel registry is filled by static constructors (see `wasm_init`).
        #[cfg(target_arch = "wasm32")]
        crate::wasm_init::ensure();
        let mut model = super::ops::onnx()
            .model_for_read(&mut &bytes[..])
            .map_err(model_err("not a readable ONNX model"))?;
        // Reuse the graph's own symbol for the dynamic length: a fresh symbol would be a
        // different dimension to tract.
        let len = model.symbols.sym("n");
        model
            .set_input_fact(
                0,
                InferenceFact::dt_shape(i64::datum_type(), tvec![len.to_dim()]),
            )
            .map_err(model_err("input 0 must be int64 ids [n]"))?;
        let plan = model
            .into_optimized()
            .map_err(model_err("optimising the graph"))?
            .into_runnable()
            .map_err(model_err("planning the graph"))?;
        let state = plan.spawn().map_err(model_err("preparing a run state"))?;
        let sm = SentimentModel {
            plan,
            state: Mutex::new(state),
        };
        // Fail at load, not on the first message, if the outputs are not what we expect.
        sm.run_ids(Vec::new())?;
        Ok(sm)
    }

    /// Runs the graph on featurised ids (see [`features::ids_of`]); each id must be below
    /// `2^BUCKET_BITS`. An empty list is allowed (an empty message).
    pub fn run_ids(&self, mut ids: Vec<i64>) -> Result<ModelReading, AnalysisError> {
        check_ids(&ids)?;
        if ids.is_empty() {
            // tract cannot reduce an empty axis; the graph ignores the padding id.
            ids.push(PAD_ID);
        }
        let input = tract_ndarray::Array1::from_vec(ids).into_tensor();
        let mut state = match self.state.lock() {
            Ok(state) => state,
            // A run that panicked may have left a half-run turn behind: start a fresh one.
            Err(poisoned) => {
                let mut state = poisoned.into_inner();
                *state = self
                    .plan
                    .spawn()
                    .map_err(model_err("preparing a run state"))?;
                self.state.clear_poison();
                state
            }
        };
        let out = state
            .run(tvec!(input.into()))
            .map_err(model_err("running the graph"))?;
        drop(state);
        let scalar = |i: usize, name: &str| -> Result<f32, AnalysisError> {
            out.get(i)
                .and_then(|t| t.to_plain_array_view::<f32>().ok())
                .and_then(|v| v.iter().next().copied())
                .ok_or_else(|| {
                    AnalysisError::Model(format!("output {i} (`{name}`) must be a float [1]"))
                })
        };
        Ok(ModelReading {
            logit: scalar(0, "logit")?,
            negative: scalar(1, "prob")?,
        })
    }

    /// Reads one message: its log-odds and probability of being negative.
    pub fn read(&self, text: &str) -> Result<ModelReading, AnalysisError> {
        self.run_ids(features::ids_of(text))
    }

    /// The probability (0..1) that the message is negative.
    pub fn negative_probability(&self, text: &str) -> Result<f32, AnalysisError> {
        Ok(self.read(text)?.negative)
    }
}

impl ModelRunner for SentimentModel {
    fn run_ids(&self, ids: Vec<i64>) -> Result<ModelReading, AnalysisError> {
        SentimentModel::run_ids(self, ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The run state is reused across messages: a message reads the same whatever ran
    /// before it, on the model and on a clone.
    #[cfg(feature = "embedded-data")]
    #[test]
    fn a_reused_run_state_gives_the_same_reading() {
        let m = SentimentModel::embedded().unwrap();
        let texts = [
            "质量太差了，我要退货",
            "",
            "请问什么时候发货",
            &"好".repeat(600),
        ];
        let first: Vec<ModelReading> = texts.iter().map(|t| m.read(t).unwrap()).collect();
        let c = m.clone();
        for _ in 0..3 {
            for (t, want) in texts.iter().zip(&first).rev() {
                assert_eq!(m.read(t).unwrap(), *want, "{t}");
                assert_eq!(c.read(t).unwrap(), *want, "{t}");
            }
        }
        // A failed run (bad ids) leaves the state usable.
        assert!(m.run_ids(vec![-1]).is_err());
        assert_eq!(m.read(texts[0]).unwrap(), first[0]);
    }

    #[cfg(feature = "embedded-data")]
    #[test]
    fn out_of_range_ids_are_an_error() {
        let m = SentimentModel::embedded().unwrap();
        assert!(m.run_ids(vec![-1]).is_err());
        assert!(m.run_ids(vec![PAD_ID]).is_err());
    }

    #[test]
    fn garbage_bytes_are_an_error_not_a_panic() {
        let err = SentimentModel::from_bytes(b"not onnx").unwrap_err();
        assert!(matches!(err, AnalysisError::Model(_)));
    }

    #[cfg(feature = "embedded-data")]
    #[test]
    fn embedded_model_reads_empty_and_long_messages() {
        let m = SentimentModel::embedded().unwrap();
        let empty = m.read("").unwrap();
        assert!(empty.negative.is_finite() && (0.0..=1.0).contains(&empty.negative));
        let long = m.read(&"物流太慢了，".repeat(500)).unwrap();
        assert!(long.negative > 0.5);
        assert!(m.negative_probability("谢谢，东西很好").unwrap() < 0.5);
    }
}

//! The message analyzer: everything needed to grade one customer message, loaded once.

use crate::analysis::assessment::Assessment;
use crate::analysis::error::AnalysisError;
use crate::analysis::fusion::FusionParams;
use crate::analysis::lexicon::Lexicon;
use crate::analysis::model::ModelRunner;
use std::sync::{Arc, OnceLock};

/// A model and the parameters that fuse its reading with the lexicon's.
pub type ModelParts = (Arc<dyn ModelRunner>, FusionParams);

/// Plans the sentiment model and reads the fusion parameters: what a deferred model runs
/// the first time it is needed.
pub type ModelLoader = fn() -> Result<ModelParts, AnalysisError>;

/// Grades single messages. Built once (data loading and planning the model are the expensive
/// part) and shared by every conversation.
#[derive(Clone, Debug)]
pub struct MessageAnalyzer {
    lexicon: Lexicon,
    model: ModelSlot,
}

/// Where the analyzer's model comes from.
#[derive(Clone, Copy, Debug)]
enum ModelSource {
    /// A lexicon-only analyzer.
    None,
    /// Given at construction ([`MessageAnalyzer::with_model`]).
    Given,
    /// Loaded by this loader the first time it is needed.
    Deferred(ModelLoader),
    /// Handed over later with [`MessageAnalyzer::provide_model`]; until then, lexicon only.
    Provided,
}

/// The analyzer's model: none, or loaded now, or loaded on first use, or handed over later.
#[derive(Clone, Debug)]
struct ModelSlot {
    source: ModelSource,
    /// The model once loaded, or why it could not be (then the analyzer reads with the
    /// lexicon alone, as it does when one run of the model fails).
    loaded: OnceLock<Result<ModelParts, String>>,
}

impl MessageAnalyzer {
    /// The analyzer with the lexicon, model and fusion parameters embedded in the default build
    /// (lexicon only in a build without the `model` feature).
    #[cfg(feature = "embedded-data")]
    pub fn embedded() -> Result<Self, AnalysisError> {
        let analyzer = Self::from_parts(Lexicon::embedded()?);
        #[cfg(feature = "model")]
        let analyzer = analyzer.with_model(
            crate::analysis::model::SentimentModel::embedded()?,
            FusionParams::embedded()?,
        );
        Ok(analyzer)
    }

    /// A lexicon-only analyzer from parts the caller loaded from bytes.
    pub fn from_parts(lexicon: Lexicon) -> Self {
        MessageAnalyzer {
            lexicon,
            model: ModelSlot {
                source: ModelSource::None,
                loaded: OnceLock::new(),
            },
        }
    }

    /// Adds the sentiment model and the parameters that fuse it with the lexicon.
    pub fn with_model(mut self, model: impl ModelRunner + 'static, fusion: FusionParams) -> Self {
        let parts: ModelParts = (Arc::new(model), fusion);
        self.model = ModelSlot {
            source: ModelSource::Given,
            loaded: OnceLock::from(Ok(parts)),
        };
        self
    }

    /// Adds a model that `load` plans the first time a message needs it, or when
    /// [`load_model`](Self::load_model) is called: a browser page can then start without
    /// waiting for the model and plan it when it is idle. The results are those of
    /// [`with_model`](Self::with_model) with what `load` returns.
    pub fn with_deferred_model(mut self, load: ModelLoader) -> Self {
        self.model = ModelSlot {
            source: ModelSource::Deferred(load),
            loaded: OnceLock::new(),
        };
        self
    }

    /// Reads with the lexicon alone until [`provide_model`](Self::provide_model) hands over
    /// a model: for a host that loads the model on its own (the browser build's second wasm
    /// module), after this analyzer has started grading.
    pub fn awaiting_model(mut self) -> Self {
        self.model = ModelSlot {
            source: ModelSource::Provided,
            loaded: OnceLock::new(),
        };
        self
    }

    /// Hands over the model an [`awaiting_model`](Self::awaiting_model) analyzer waits for.
    /// Every message graded from then on (by this analyzer and every clone of its `Arc`) is
    /// read by lexicon and model. An error if this analyzer is not waiting for one or already
    /// has it.
    pub fn provide_model(
        &self,
        model: Arc<dyn ModelRunner>,
        fusion: FusionParams,
    ) -> Result<(), AnalysisError> {
        if !matches!(self.model.source, ModelSource::Provided) {
            return Err(AnalysisError::Model(
                "this analyzer does not wait for a model to be provided".into(),
            ));
        }
        self.model
            .loaded
            .set(Ok((model, fusion)))
            .map_err(|_| AnalysisError::Model("a model was already provided".into()))
    }

    /// Loads a deferred model now (nothing to do if it is loaded, is to be provided or there
    /// is none). An error says why it could not be loaded; the analyzer then reads with the
    /// lexicon alone.
    pub fn load_model(&self) -> Result<(), AnalysisError> {
        match self.model_parts() {
            Some(Err(e)) => Err(AnalysisError::Model(e.clone())),
            _ => Ok(()),
        }
    }

    /// Whether the model is loaded (or there is none to load or wait for).
    pub fn model_ready(&self) -> bool {
        matches!(self.model.source, ModelSource::None) || self.model.loaded.get().is_some()
    }

    /// Whether [`load_model`](Self::load_model) has work to do: a deferred model not loaded yet.
    pub fn model_deferred(&self) -> bool {
        matches!(self.model.source, ModelSource::Deferred(_)) && self.model.loaded.get().is_none()
    }

    /// The model and fusion parameters, loading a deferred model first.
    fn model_parts(&self) -> Option<&Result<ModelParts, String>> {
        if let Some(loaded) = self.model.loaded.get() {
            return Some(loaded);
        }
        let ModelSource::Deferred(load) = self.model.source else {
            return None;
        };
        Some(
            self.model
                .loaded
                .get_or_init(|| load().map_err(|e| e.to_string())),
        )
    }

    /// The lexicon, for tools that report its reading separately (evaluation, fusion fitting).
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The sentiment model, if this analyzer has one (benchmarks time it on its own); a
    /// deferred model is loaded first.
    pub fn model(&self) -> Option<&dyn ModelRunner> {
        match self.model_parts()? {
            Ok((m, _)) => Some(m.as_ref()),
            Err(_) => None,
        }
    }

    /// Grades one message.
    pub fn assess(&self, text: &str) -> Assessment {
        // Masked placeholders of anonymised logs ("[数字x]", "#E-s[数字x]") are not words.
        let text = &*crate::analysis::normalize::mask_placeholders(text);
        let reading = self.lexicon.grade(text);
        // A model failure degrades to the lexicon alone rather than failing the message.
        let model = match self.model_parts() {
            Some(Ok((m, fusion))) => m.read(text).ok().map(|r| (r, fusion)),
            _ => None,
        };
        match model {
            Some((r, fusion)) => {
                let fused = fusion.fuse(text, &reading, Some(r.logit));
                Assessment {
                    negative: fused.negative,
                    level: fused.level,
                    reasons: fused.reasons,
                    lexicon_negative: reading.negative,
                    model_negative: Some(r.negative),
                    markers: reading.markers,
                }
            }
            None => Assessment {
                negative: reading.negative,
                level: reading.level,
                reasons: reading.reasons,
                lexicon_negative: reading.negative,
                model_negative: None,
                markers: reading.markers,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(feature = "model")]
    use crate::analysis::model::SentimentModel;

    #[cfg(all(feature = "embedded-data", feature = "model"))]
    #[test]
    fn embedded_analyzer_fills_the_model_and_keeps_calm_questions_calm() {
        use super::*;
        use crate::analysis::assessment::{Level, Source};
        let a = MessageAnalyzer::embedded().unwrap();
        let q = a.assess("请问什么时候发货");
        assert!(q.model_negative.is_some());
        assert_eq!(q.level, Level::Calm);
        assert!(q.reasons.iter().any(|r| r.source == Source::Model));
        let empty = a.assess("");
        assert!(empty.negative.is_finite());
    }

    #[cfg(all(feature = "embedded-data", feature = "model"))]
    #[test]
    fn a_deferred_model_loads_on_first_use_and_reads_the_same() {
        use super::*;
        fn load() -> Result<ModelParts, AnalysisError> {
            Ok((
                Arc::new(SentimentModel::embedded()?),
                FusionParams::embedded()?,
            ))
        }
        let eager = MessageAnalyzer::embedded().unwrap();
        let lazy =
            MessageAnalyzer::from_parts(Lexicon::embedded().unwrap()).with_deferred_model(load);
        assert!(!lazy.model_ready());
        let text = "等了三天还没发货，再不处理我就差评了";
        assert_eq!(lazy.assess(text), eager.assess(text));
        assert!(lazy.model_ready());
        // Explicit loading, and clones sharing nothing they could corrupt.
        let other =
            MessageAnalyzer::from_parts(Lexicon::embedded().unwrap()).with_deferred_model(load);
        let copy = other.clone();
        other.load_model().unwrap();
        assert!(other.model_ready() && !copy.model_ready());
        assert_eq!(
            copy.assess("请问能开发票吗"),
            eager.assess("请问能开发票吗")
        );
    }

    #[cfg(all(feature = "embedded-data", feature = "model"))]
    #[test]
    fn a_model_that_cannot_load_leaves_the_lexicon_reading_and_says_why() {
        use super::*;
        fn broken() -> Result<ModelParts, AnalysisError> {
            Ok((
                Arc::new(SentimentModel::from_bytes(b"not onnx")?),
                FusionParams::embedded()?,
            ))
        }
        let lexicon_only = MessageAnalyzer::from_parts(Lexicon::embedded().unwrap());
        let a =
            MessageAnalyzer::from_parts(Lexicon::embedded().unwrap()).with_deferred_model(broken);
        let err = a.load_model().unwrap_err().to_string();
        assert!(err.contains("ONNX"), "{err}");
        assert!(a.model_ready() && a.model().is_none());
        let text = "你们这服务太慢了，真的很失望";
        assert_eq!(a.assess(text), lexicon_only.assess(text));
    }

    /// A model handed over after the analyzer started: lexicon only before, fused after, the
    /// same readings as an analyzer built with it; handed over once only.
    #[cfg(feature = "embedded-data")]
    #[test]
    fn a_provided_model_is_used_from_when_it_arrives() {
        use super::*;
        use crate::analysis::assessment::Source;
        use crate::analysis::model::ModelReading;
        /// Reads every message as fairly negative: visibly different from no model.
        #[derive(Debug)]
        struct Gloomy;
        impl ModelRunner for Gloomy {
            fn run_ids(&self, _ids: Vec<i64>) -> Result<ModelReading, AnalysisError> {
                Ok(ModelReading {
                    logit: 1.5,
                    negative: 0.8176,
                })
            }
        }
        let fusion = FusionParams::embedded().unwrap();
        let lexicon_only = MessageAnalyzer::from_parts(Lexicon::embedded().unwrap());
        let with = MessageAnalyzer::from_parts(Lexicon::embedded().unwrap())
            .with_model(Gloomy, fusion.clone());
        let a =
            Arc::new(MessageAnalyzer::from_parts(Lexicon::embedded().unwrap()).awaiting_model());
        let shared = a.clone();
        let text = "怎么还没发货";
        assert!(!a.model_ready() && !a.model_deferred());
        assert!(a.load_model().is_ok(), "nothing to load: it is provided");
        assert_eq!(a.assess(text), lexicon_only.assess(text));
        a.provide_model(Arc::new(Gloomy), fusion.clone()).unwrap();
        assert!(shared.model_ready());
        let fused = shared.assess(text);
        assert_eq!(fused, with.assess(text));
        assert_eq!(fused.model_negative, Some(0.8176));
        assert!(fused.reasons.iter().any(|r| r.source == Source::Model));
        assert!(a.provide_model(Arc::new(Gloomy), fusion.clone()).is_err());
        assert!(lexicon_only
            .provide_model(Arc::new(Gloomy), fusion)
            .is_err());
    }
}

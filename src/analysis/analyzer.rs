//! The message analyzer: everything needed to grade one customer message, loaded once.

use crate::analysis::assessment::Assessment;
use crate::analysis::error::AnalysisError;
use crate::analysis::fusion::FusionParams;
use crate::analysis::lexicon::Lexicon;
use crate::analysis::model::SentimentModel;
use std::sync::OnceLock;

/// Plans the sentiment model and reads the fusion parameters: what a deferred model runs
/// the first time it is needed.
pub type ModelLoader = fn() -> Result<(SentimentModel, FusionParams), AnalysisError>;

/// Grades single messages. Built once (data loading and planning the model are the expensive
/// part) and shared by every conversation.
#[derive(Clone, Debug)]
pub struct MessageAnalyzer {
    lexicon: Lexicon,
    model: ModelSlot,
}

/// The analyzer's model: none, or loaded now, or loaded by a [`ModelLoader`] on first use.
#[derive(Clone, Debug)]
struct ModelSlot {
    /// `None` for a lexicon-only analyzer.
    loader: Option<ModelLoader>,
    /// The model once loaded, or why it could not be (then the analyzer reads with the
    /// lexicon alone, as it does when one run of the model fails).
    loaded: OnceLock<Result<(SentimentModel, FusionParams), String>>,
}

impl MessageAnalyzer {
    /// The analyzer with the lexicon, model and fusion parameters embedded in the default build.
    #[cfg(feature = "embedded-data")]
    pub fn embedded() -> Result<Self, AnalysisError> {
        Ok(Self::from_parts(Lexicon::embedded()?)
            .with_model(SentimentModel::embedded()?, FusionParams::embedded()?))
    }

    /// A lexicon-only analyzer from parts the caller loaded from bytes.
    pub fn from_parts(lexicon: Lexicon) -> Self {
        MessageAnalyzer {
            lexicon,
            model: ModelSlot {
                loader: None,
                loaded: OnceLock::new(),
            },
        }
    }

    /// Adds the sentiment model and the parameters that fuse it with the lexicon.
    pub fn with_model(mut self, model: SentimentModel, fusion: FusionParams) -> Self {
        self.model = ModelSlot {
            loader: None,
            loaded: OnceLock::from(Ok((model, fusion))),
        };
        self
    }

    /// Adds a model that `load` plans the first time a message needs it, or when
    /// [`load_model`](Self::load_model) is called: a browser page can then start without
    /// waiting for the model and plan it when it is idle. The results are those of
    /// [`with_model`](Self::with_model) with what `load` returns.
    pub fn with_deferred_model(mut self, load: ModelLoader) -> Self {
        self.model = ModelSlot {
            loader: Some(load),
            loaded: OnceLock::new(),
        };
        self
    }

    /// Loads a deferred model now (nothing to do if it is loaded or there is none). An error
    /// says why it could not be loaded; the analyzer then reads with the lexicon alone.
    pub fn load_model(&self) -> Result<(), AnalysisError> {
        match self.model_parts() {
            Some(Err(e)) => Err(AnalysisError::Model(e.clone())),
            _ => Ok(()),
        }
    }

    /// Whether the model is loaded (or there is none to load).
    pub fn model_ready(&self) -> bool {
        self.model.loader.is_none() || self.model.loaded.get().is_some()
    }

    /// The model and fusion parameters, loading a deferred model first.
    fn model_parts(&self) -> Option<&Result<(SentimentModel, FusionParams), String>> {
        if let Some(loaded) = self.model.loaded.get() {
            return Some(loaded);
        }
        let load = self.model.loader?;
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
    pub fn model(&self) -> Option<&SentimentModel> {
        match self.model_parts()? {
            Ok((m, _)) => Some(m),
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
    #[cfg(feature = "embedded-data")]
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

    #[cfg(feature = "embedded-data")]
    #[test]
    fn a_deferred_model_loads_on_first_use_and_reads_the_same() {
        use super::*;
        fn load() -> Result<(SentimentModel, FusionParams), AnalysisError> {
            Ok((SentimentModel::embedded()?, FusionParams::embedded()?))
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

    #[cfg(feature = "embedded-data")]
    #[test]
    fn a_model_that_cannot_load_leaves_the_lexicon_reading_and_says_why() {
        use super::*;
        fn broken() -> Result<(SentimentModel, FusionParams), AnalysisError> {
            Ok((
                SentimentModel::from_bytes(b"not onnx")?,
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
}

//! The message analyzer: everything needed to grade one customer message, loaded once.

use crate::analysis::assessment::Assessment;
use crate::analysis::error::AnalysisError;
use crate::analysis::fusion::FusionParams;
use crate::analysis::lexicon::Lexicon;
use crate::analysis::model::SentimentModel;

/// Grades single messages. Built once (data loading and planning the model are the expensive
/// part) and shared by every conversation.
#[derive(Clone, Debug)]
pub struct MessageAnalyzer {
    lexicon: Lexicon,
    model: Option<(SentimentModel, FusionParams)>,
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
            model: None,
        }
    }

    /// Adds the sentiment model and the parameters that fuse it with the lexicon.
    pub fn with_model(mut self, model: SentimentModel, fusion: FusionParams) -> Self {
        self.model = Some((model, fusion));
        self
    }

    /// The lexicon, for tools that report its reading separately (evaluation, fusion fitting).
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The sentiment model, if this analyzer has one (benchmarks time it on its own).
    pub fn model(&self) -> Option<&SentimentModel> {
        self.model.as_ref().map(|(m, _)| m)
    }

    /// Grades one message.
    pub fn assess(&self, text: &str) -> Assessment {
        // Masked placeholders of anonymised logs ("[数字x]", "#E-s[数字x]") are not words.
        let text = &*crate::analysis::normalize::mask_placeholders(text);
        let reading = self.lexicon.grade(text);
        // A model failure degrades to the lexicon alone rather than failing the message.
        let model = self
            .model
            .as_ref()
            .and_then(|(m, fusion)| m.read(text).ok().map(|r| (r, fusion)));
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
}

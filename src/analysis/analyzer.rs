//! The message analyzer: everything needed to grade one customer message, loaded once.

use crate::analysis::assessment::Assessment;
use crate::analysis::error::AnalysisError;
use crate::analysis::lexicon::Lexicon;

/// Grades single messages. Built once (data loading is the expensive part) and shared by
/// every conversation.
#[derive(Clone, Debug)]
pub struct MessageAnalyzer {
    lexicon: Lexicon,
}

impl MessageAnalyzer {
    /// The analyzer with the data embedded in the default build.
    #[cfg(feature = "embedded-data")]
    pub fn embedded() -> Result<Self, AnalysisError> {
        Ok(Self::from_parts(Lexicon::embedded()?))
    }

    /// An analyzer from parts the caller loaded from bytes.
    pub fn from_parts(lexicon: Lexicon) -> Self {
        MessageAnalyzer { lexicon }
    }

    /// Grades one customer message.
    pub fn assess(&self, text: &str) -> Assessment {
        let reading = self.lexicon.grade(text);
        Assessment {
            negative: reading.negative,
            level: reading.level,
            reasons: reading.reasons,
            lexicon_negative: reading.negative,
            model_negative: None,
            markers: reading.markers,
        }
    }
}

//! The sentiment lexicon: graded words and rules that turn a customer message into a
//! negative score, an intensity level and the reasons behind it.

use crate::analysis::assessment::{Level, Markers, Reason, Source};
use crate::analysis::error::AnalysisError;

/// The seed lexicon shipped in the default build.
#[cfg(feature = "embedded-data")]
const EMBEDDED_SEED: &str = include_str!("../../../lexicon/seed.tsv");

#[derive(Clone, Debug)]
struct Entry {
    word: String,
    weight: f32,
    min_level: Level,
    note: String,
}

/// A loaded lexicon.
#[derive(Clone, Debug)]
pub struct Lexicon {
    entries: Vec<Entry>,
}

/// What the lexicon reads in one message.
#[derive(Clone, Debug, PartialEq)]
pub struct LexiconReading {
    /// Raw negative score (sum of weights after rules; may be negative for praise).
    pub score: f32,
    /// The score squashed to a probability 0..1.
    pub negative: f32,
    /// Intensity level.
    pub level: Level,
    /// What fired.
    pub reasons: Vec<Reason>,
    /// Surface markers.
    pub markers: Markers,
}

impl Lexicon {
    /// The lexicon embedded in the default build.
    #[cfg(feature = "embedded-data")]
    pub fn embedded() -> Result<Self, AnalysisError> {
        Self::from_bytes(EMBEDDED_SEED.as_bytes())
    }

    /// Parses a lexicon from TSV bytes: `word<TAB>weight<TAB>min_level<TAB>note`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, AnalysisError> {
        let text = std::str::from_utf8(bytes).map_err(|e| AnalysisError::Lexicon {
            file: "seed.tsv".into(),
            line: 0,
            message: format!("not UTF-8: {e}"),
        })?;
        let mut entries = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |message: String| AnalysisError::Lexicon {
                file: "seed.tsv".into(),
                line: i + 1,
                message,
            };
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 4 {
                return Err(bad(format!(
                    "expected 4 tab-separated columns, got {}",
                    cols.len()
                )));
            }
            let weight = cols[1]
                .parse::<f32>()
                .map_err(|_| bad(format!("weight `{}` is not a number", cols[1])))?;
            let level = cols[2]
                .parse::<u8>()
                .ok()
                .and_then(|n| Level::try_from(n).ok())
                .ok_or_else(|| bad(format!("min_level `{}` is not 0..=3", cols[2])))?;
            entries.push(Entry {
                word: cols[0].to_string(),
                weight,
                min_level: level,
                note: cols[3].to_string(),
            });
        }
        Ok(Lexicon { entries })
    }

    /// Grades one message.
    pub fn grade(&self, text: &str) -> LexiconReading {
        let mut score = 0.0;
        let mut level = Level::Calm;
        let mut reasons = Vec::new();
        for e in &self.entries {
            if text.contains(&e.word) {
                score += e.weight;
                if e.weight > 0.0 {
                    level = level.max(e.min_level);
                }
                reasons.push(Reason {
                    source: Source::Lexicon,
                    rule: "word".into(),
                    text: e.word.clone(),
                    weight: e.weight,
                    note: e.note.clone(),
                });
            }
        }
        let markers = Markers {
            exclamations: text.chars().filter(|c| matches!(c, '!' | '！')).count() as u32,
            questions: text.chars().filter(|c| matches!(c, '?' | '？')).count() as u32,
            chars: text.chars().count() as u32,
            ..Markers::default()
        };
        let negative = 1.0 / (1.0 + (-(score - 1.0_f32)).exp());
        LexiconReading {
            score,
            negative,
            level,
            reasons,
            markers,
        }
    }
}

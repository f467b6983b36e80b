//! Engine configuration: thresholds and clocks, loaded from JSON a seller can edit.

use crate::analysis::error::AnalysisError;
use serde::{Deserialize, Serialize};

/// Thresholds and clocks of the conversation engine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Config {
    /// Risk at which the three warning levels start: soothe, review, transfer.
    pub thresholds: [f32; 3],
    /// Risk above which the compensation ladder starts.
    pub compensation_threshold: f32,
    /// A customer wait longer than this (ms) is a signal.
    pub wait_signal_ms: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            thresholds: [0.2, 0.5, 0.8],
            compensation_threshold: 0.65,
            wait_signal_ms: 8_000,
        }
    }
}

impl Config {
    /// Parses and validates a JSON config; missing keys take their defaults.
    pub fn from_json(json: &str) -> Result<Self, AnalysisError> {
        let config: Config = serde_json::from_str(json).map_err(|e| AnalysisError::Config {
            key: "(document)".into(),
            message: e.to_string(),
        })?;
        config.validate()?;
        Ok(config)
    }

    /// Checks value ranges, naming the offending key.
    pub fn validate(&self) -> Result<(), AnalysisError> {
        let t = self.thresholds;
        if !(t.iter().all(|x| (0.0..=1.0).contains(x)) && t[0] < t[1] && t[1] < t[2]) {
            return Err(AnalysisError::Config {
                key: "thresholds".into(),
                message: format!("expected three increasing values in 0..1, got {t:?}"),
            });
        }
        if !(0.0..=1.0).contains(&self.compensation_threshold) {
            return Err(AnalysisError::Config {
                key: "compensationThreshold".into(),
                message: format!("expected 0..1, got {}", self.compensation_threshold),
            });
        }
        Ok(())
    }
}

//! Engine configuration: thresholds, clocks, alert limits, risk weights, agent-QA limits and
//! the playbook, loaded from JSON a seller can edit. Missing keys take their defaults; every
//! error names the offending key (`clocks.slowResponseMs`, `playbook.soothe[2].text`).
//!
//! ```
//! use moodwatch::analysis::conversation::Config;
//! let c = Config::from_json(r#"{"thresholds": [0.25, 0.5, 0.85], "clocks": {"slowResponseMs": 60000}}"#).unwrap();
//! assert_eq!(c.clocks.slow_response_ms, 60_000);
//! assert_eq!(c.clocks.reply_rate_ms, 180_000); // default kept
//! let e = Config::from_json(r#"{"thresholds": [0.5, 0.2, 0.8]}"#).unwrap_err();
//! assert!(e.to_string().contains("thresholds"));
//! ```

use super::playbook::{from_value_at, Playbook};
use crate::analysis::error::AnalysisError;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The clocks sellers are judged by on the platforms.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Clocks {
    /// A reply slower than this (ms) is a "slow response" (platform alert, e.g. 100 s).
    pub slow_response_ms: u64,
    /// The reply-rate rule: a customer message unanswered this long (ms) counts as not
    /// replied in time (e.g. 3 minutes).
    pub reply_rate_ms: u64,
}

impl Default for Clocks {
    fn default() -> Self {
        Clocks {
            slow_response_ms: 100_000,
            reply_rate_ms: 180_000,
        }
    }
}

/// What counts as a burst of customer messages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Burst {
    /// Window (ms) in which unanswered customer messages are counted.
    pub window_ms: u64,
    /// This many unanswered messages inside the window is a burst.
    pub count: u32,
}

impl Default for Burst {
    fn default() -> Self {
        Burst {
            window_ms: 30_000,
            count: 3,
        }
    }
}

/// At most `max` warnings per `window_ms` per conversation (transfers always pass).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct AlertBudget {
    /// Warnings allowed per window.
    pub max: u32,
    /// Window length, ms.
    pub window_ms: u64,
}

impl Default for AlertBudget {
    fn default() -> Self {
        AlertBudget {
            max: 4,
            window_ms: 600_000,
        }
    }
}

/// Limits of the agent-quality checks (see `agent_qa` for the dimensions).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct AgentQaConfig {
    /// The same reply sent more than this many times is flagged (`cannedRepeat`).
    pub canned_limit: u32,
    /// More negative words than this in one reply is flagged (`negativeWords`).
    pub negative_word_limit: u32,
    /// A reply this short (chars) to an upset customer is cold (`coldness`).
    pub short_reply_chars: u32,
    /// A reply longer than this (chars) to an upset customer is a wall of text.
    pub wall_of_text_chars: u32,
    /// Dimension ids switched off by the seller.
    pub disabled: Vec<String>,
}

impl Default for AgentQaConfig {
    fn default() -> Self {
        AgentQaConfig {
            canned_limit: 3,
            negative_word_limit: 1,
            short_reply_chars: 6,
            wall_of_text_chars: 300,
            disabled: Vec::new(),
        }
    }
}

/// Weights of the logistic risk model, in logit units (see `risk` for each contribution).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct RiskWeights {
    /// Intercept: the risk of a conversation with no signal at all (σ(−3) ≈ 5 %).
    pub bias: f32,
    /// Recent peak of the message signal (0..1).
    pub message_peak: f32,
    /// Decayed accumulation of earlier message signals.
    pub message_accumulated: f32,
    /// Current wait beyond the wait signal, per log-unit.
    pub wait: f32,
    /// Current wait beyond the slow-response clock.
    pub slow_response: f32,
    /// Residue of long waits already endured.
    pub wait_history: f32,
    /// Burst of unanswered customer messages.
    pub burst: f32,
    /// Bare ping ("？", "人呢") after a wait.
    pub ping: f32,
    /// Intensity markers above this customer's own baseline.
    pub intensity: f32,
    /// Per repeat of the same open question.
    pub repeat: f32,
    /// Rising trend of the message signal.
    pub trend: f32,
    /// Poor agent behaviour on the last replies.
    pub agent: f32,
    /// Soothing credit (apology, concrete answer, compensation, calm customer); subtracted.
    pub soothing: f32,
}

impl Default for RiskWeights {
    fn default() -> Self {
        RiskWeights {
            bias: -3.0,
            message_peak: 3.5,
            message_accumulated: 1.4,
            wait: 0.5,
            slow_response: 0.8,
            wait_history: 1.0,
            burst: 0.3,
            ping: 0.8,
            intensity: 0.6,
            repeat: 0.9,
            trend: 1.5,
            agent: 1.0,
            soothing: 1.0,
        }
    }
}

/// Everything the conversation engine can be told.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Config {
    /// Risk at which the three warning levels start: soothe, review, transfer.
    pub thresholds: [f32; 3],
    /// Risk above which the compensation ladder starts.
    pub compensation_threshold: f32,
    /// A customer wait longer than this (ms) is a signal.
    pub wait_signal_ms: u64,
    /// Platform clocks.
    pub clocks: Clocks,
    /// Burst definition.
    pub burst: Burst,
    /// A level is left only when the risk falls this far below its threshold.
    pub hysteresis: f32,
    /// The same warning level is not announced twice within this window (ms).
    pub dedup_window_ms: u64,
    /// Alert budget per conversation.
    pub alert_budget: AlertBudget,
    /// Agent-quality limits.
    pub agent_qa: AgentQaConfig,
    /// Risk model weights.
    pub weights: RiskWeights,
    /// Scripts and topics.
    pub playbook: Playbook,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            thresholds: [0.2, 0.5, 0.8],
            compensation_threshold: 0.65,
            wait_signal_ms: 8_000,
            clocks: Clocks::default(),
            burst: Burst::default(),
            hysteresis: 0.08,
            dedup_window_ms: 120_000,
            alert_budget: AlertBudget::default(),
            agent_qa: AgentQaConfig::default(),
            weights: RiskWeights::default(),
            playbook: default_playbook(),
        }
    }
}

#[cfg(feature = "embedded-data")]
fn default_playbook() -> Playbook {
    Playbook::embedded()
}

#[cfg(not(feature = "embedded-data"))]
fn default_playbook() -> Playbook {
    Playbook::default()
}

fn err(key: &str, message: String) -> AnalysisError {
    AnalysisError::Config {
        key: key.into(),
        message,
    }
}

impl Config {
    /// Parses and validates a JSON config; missing keys take their defaults. Each top-level
    /// key is read on its own so an error names it.
    pub fn from_json(json: &str) -> Result<Self, AnalysisError> {
        let v: Value = serde_json::from_str(json).map_err(|e| err("(document)", e.to_string()))?;
        let Value::Object(map) = v else {
            return Err(err("(document)", "expected a JSON object".into()));
        };
        let mut c = Config::default();
        for (k, v) in map {
            let key = k.as_str();
            match key {
                "thresholds" => c.thresholds = from_value_at(v, key)?,
                "compensationThreshold" => c.compensation_threshold = from_value_at(v, key)?,
                "waitSignalMs" => c.wait_signal_ms = from_value_at(v, key)?,
                "clocks" => c.clocks = from_value_at(v, key)?,
                "burst" => c.burst = from_value_at(v, key)?,
                "hysteresis" => c.hysteresis = from_value_at(v, key)?,
                "dedupWindowMs" => c.dedup_window_ms = from_value_at(v, key)?,
                "alertBudget" => c.alert_budget = from_value_at(v, key)?,
                "agentQa" => c.agent_qa = from_value_at(v, key)?,
                "weights" => c.weights = from_value_at(v, key)?,
                "playbook" => c.playbook = Playbook::from_value(v, "playbook")?,
                other => return Err(err(other, "unknown key".into())),
            }
        }
        c.validate()?;
        Ok(c)
    }

    /// Checks value ranges, naming the offending key.
    pub fn validate(&self) -> Result<(), AnalysisError> {
        let t = self.thresholds;
        if !(t.iter().all(|x| (0.0..=1.0).contains(x)) && t[0] < t[1] && t[1] < t[2]) {
            return Err(err(
                "thresholds",
                format!("expected three increasing values in 0..1, got {t:?}"),
            ));
        }
        if !(0.0..=1.0).contains(&self.compensation_threshold) {
            return Err(err(
                "compensationThreshold",
                format!("expected 0..1, got {}", self.compensation_threshold),
            ));
        }
        if self.wait_signal_ms == 0 {
            return Err(err(
                "waitSignalMs",
                "expected a positive number of ms".into(),
            ));
        }
        if self.clocks.slow_response_ms == 0 || self.clocks.reply_rate_ms == 0 {
            return Err(err(
                "clocks",
                "expected positive slowResponseMs and replyRateMs".into(),
            ));
        }
        if self.burst.count < 2 || self.burst.window_ms == 0 {
            return Err(err(
                "burst",
                format!(
                    "expected count ≥ 2 and a positive windowMs, got count {} windowMs {}",
                    self.burst.count, self.burst.window_ms
                ),
            ));
        }
        if !(0.0..0.5).contains(&self.hysteresis) {
            return Err(err(
                "hysteresis",
                format!("expected 0..0.5, got {}", self.hysteresis),
            ));
        }
        if self.alert_budget.max == 0 {
            return Err(err(
                "alertBudget.max",
                "expected at least 1 warning per window".into(),
            ));
        }
        if self.agent_qa.canned_limit == 0 {
            return Err(err("agentQa.cannedLimit", "expected at least 1".into()));
        }
        let w = &self.weights;
        let named = [
            ("bias", w.bias),
            ("messagePeak", w.message_peak),
            ("messageAccumulated", w.message_accumulated),
            ("wait", w.wait),
            ("slowResponse", w.slow_response),
            ("waitHistory", w.wait_history),
            ("burst", w.burst),
            ("ping", w.ping),
            ("intensity", w.intensity),
            ("repeat", w.repeat),
            ("trend", w.trend),
            ("agent", w.agent),
            ("soothing", w.soothing),
        ];
        for (name, x) in named {
            let ok = x.is_finite()
                && (if name == "bias" {
                    x.abs() <= 20.0
                } else {
                    (0.0..=10.0).contains(&x)
                });
            if !ok {
                return Err(err(
                    &format!("weights.{name}"),
                    format!("expected a finite weight in 0..10 (bias: −20..20), got {x}"),
                ));
            }
        }
        self.playbook.validate("playbook")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_validate_and_round_trip() {
        let c = Config::default();
        c.validate().unwrap();
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(Config::from_json(&json).unwrap(), c);
    }

    #[test]
    fn errors_name_keys() {
        for (json, key) in [
            (r#"{"thresholds":[0.2,0.9,0.8]}"#, "thresholds"),
            (r#"{"clocks":{"slowResponseMs":"x"}}"#, "clocks"),
            (r#"{"clock":{}}"#, "clock"),
            (r#"{"weights":{"repeat":-1}}"#, "weights.repeat"),
            (
                r#"{"playbook":{"soothe":[{"id":"a","label":"b","text":""}]}}"#,
                "playbook.soothe[0].text",
            ),
            (r#"{"burst":{"count":1}}"#, "burst"),
        ] {
            let e = Config::from_json(json).unwrap_err();
            match e {
                AnalysisError::Config { key: k, .. } => assert_eq!(k, key, "{json}"),
                other => panic!("{other}"),
            }
        }
    }
}

//! The per-conversation engine: turns and clock ticks in, risk, warnings and suggestions out.
//! Time is always an argument (`ts_ms`, `now_ms`); the engine never reads a clock.
//!
//! ```
//! use moodwatch::analysis::conversation::{Config, Event, Monitor, Role, Turn, WarningLevel};
//! use moodwatch::analysis::MessageAnalyzer;
//! use std::sync::Arc;
//!
//! let analyzer = Arc::new(MessageAnalyzer::embedded().unwrap());
//! let mut m = Monitor::new(analyzer, Config::default());
//! let turn = |role, text: &str, ts_ms| Turn { role, text: text.into(), ts_ms };
//! m.push_turn("c1", turn(Role::Customer, "什么时候发货？", 0)).unwrap();
//! m.push_turn("c1", turn(Role::Agent, "亲，会尽快的", 120_000)).unwrap();
//! let r = m.push_turn("c1", turn(Role::Customer, "到底啥时候能发", 180_000)).unwrap();
//! // The paraphrase is recognised as a repeat of turn 0; the ladder offers the picture guide.
//! assert!(r.events.iter().any(|e| matches!(e,
//!     Event::RepeatDetected { repeat, step, .. } if repeat.earlier_turn == 0 && step == "guide")));
//! // Nobody answers for five minutes: the clock alone raises the warning.
//! let later = m.tick("c1", 480_000).unwrap();
//! assert!(later.snapshot.warning_level >= WarningLevel::Soothe);
//! assert!(later.snapshot.reasons.iter().any(|r| r.rule == "wait"));
//! // Drafts are checked before sending.
//! assert!(m.check_draft("c1", "哦", 480_000).warn);
//! ```
//!
//! Parts, one job per file: `rhythm` (waits, bursts, pings, intensity against the customer's
//! own baseline), `repeats` (topics, paraphrases, the repeat ladder), `trend` (trajectory and
//! damped-trend forecast), `risk` (the logistic fusion and its documented contributions),
//! `agent_qa` (23 live quality dimensions), `playbook` (seller-editable scripts and topics),
//! `config`, `summary` and `state` (one conversation, warnings with hysteresis,
//! de-duplication and an alert budget, the compensation ladder, routing facts).

mod agent_qa;
mod config;
mod playbook;
mod repeats;
mod rhythm;
mod risk;
mod state;
mod summary;
mod text;
mod trend;
mod types;

pub use agent_qa::{DIMENSIONS as AGENT_QA_DIMENSIONS, WARN_SCORE};
pub use config::{AgentQaConfig, AlertBudget, Burst, Clocks, Config, RiskWeights};
pub use playbook::{Playbook, Script, Topic};
pub use repeats::LadderStep;
pub use rhythm::RhythmState;
pub use risk::message_signal;
pub use state::Conversation;
pub use summary::Summary;
pub use trend::HORIZON as FORECAST_HORIZON;
pub use types::{
    AgentCheck, AgentFlag, Event, Repeat, Role, RoutingSummary, Snapshot, Suggestion, Turn,
    TurnReport, WarningLevel,
};

use crate::analysis::analyzer::MessageAnalyzer;
use crate::analysis::error::AnalysisError;
use std::collections::HashMap;
use std::sync::Arc;

/// Watches many conversations at once, each with its own state, sharing one analyzer.
#[derive(Debug)]
pub struct Monitor {
    analyzer: Arc<MessageAnalyzer>,
    config: Config,
    conversations: HashMap<String, Conversation>,
}

impl Monitor {
    /// A monitor with the given analyzer and configuration.
    pub fn new(analyzer: Arc<MessageAnalyzer>, config: Config) -> Self {
        Monitor {
            analyzer,
            config,
            conversations: HashMap::new(),
        }
    }

    /// The configuration in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Replaces the configuration after validating it; on error the previous one stays.
    pub fn set_config(&mut self, config: Config) -> Result<(), AnalysisError> {
        config.validate()?;
        self.config = config;
        Ok(())
    }

    /// Parses, validates and installs a JSON config; on error the previous one stays and the
    /// error names the offending key.
    pub fn set_config_json(&mut self, json: &str) -> Result<(), AnalysisError> {
        self.config = Config::from_json(json)?;
        Ok(())
    }

    /// Feeds one turn of a conversation (created on first use).
    pub fn push_turn(
        &mut self,
        conversation: &str,
        turn: Turn,
    ) -> Result<TurnReport, AnalysisError> {
        let conv = self
            .conversations
            .entry(conversation.to_string())
            .or_insert_with(|| Conversation::new(conversation));
        conv.push_turn(&self.analyzer, &self.config, turn)
    }

    /// Advances a conversation's clock (waits grow without new turns). `None` if unknown.
    pub fn tick(&mut self, conversation: &str, now_ms: u64) -> Option<TurnReport> {
        let config = &self.config;
        self.conversations
            .get_mut(conversation)
            .map(|c| c.tick(config, now_ms))
    }

    /// Since when (epoch ms) the customer has been waiting for a reply in a conversation:
    /// `None` for an unknown conversation, `Some(None)` when nobody is waiting. Cheap: unlike
    /// [`snapshot`](Self::snapshot) it computes no risk.
    pub fn waiting_since(&self, conversation: &str) -> Option<Option<u64>> {
        self.conversations
            .get(conversation)
            .map(Conversation::waiting_since)
    }

    /// The state of a conversation at `now_ms`, if known.
    pub fn snapshot(&self, conversation: &str, now_ms: u64) -> Option<Snapshot> {
        self.conversations
            .get(conversation)
            .map(|c| c.snapshot(&self.config, now_ms))
    }

    /// Checks an agent's draft reply before it is sent, without changing any state.
    pub fn check_draft(&self, conversation: &str, text: &str, now_ms: u64) -> AgentCheck {
        match self.conversations.get(conversation) {
            Some(c) => c.check_agent_text(&self.analyzer, &self.config, text, now_ms),
            None => Conversation::new(conversation).check_agent_text(
                &self.analyzer,
                &self.config,
                text,
                now_ms,
            ),
        }
    }

    /// The summary of a conversation so far, if known.
    pub fn summary(&self, conversation: &str) -> Option<Summary> {
        self.conversations
            .get(conversation)
            .map(Conversation::summary)
    }

    /// Feeds a turn with an assessment computed elsewhere (see
    /// [`Conversation::push_assessed_turn`]).
    pub fn push_assessed_turn(
        &mut self,
        conversation: &str,
        turn: Turn,
        assessment: Option<crate::analysis::assessment::Assessment>,
    ) -> Result<TurnReport, AnalysisError> {
        let conv = self
            .conversations
            .entry(conversation.to_string())
            .or_insert_with(|| Conversation::new(conversation));
        conv.push_assessed_turn(&self.config, turn, assessment, false)
    }

    /// Forgets a conversation.
    pub fn remove(&mut self, conversation: &str) -> bool {
        self.conversations.remove(conversation).is_some()
    }

    /// Ids of the conversations being watched.
    pub fn conversation_ids(&self) -> impl Iterator<Item = &str> {
        self.conversations.keys().map(String::as_str)
    }
}

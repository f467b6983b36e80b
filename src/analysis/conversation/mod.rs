//! The per-conversation engine: turns and clock ticks in, risk, warnings and suggestions out.
//! Time is always an argument (`ts_ms`, `now_ms`); the engine never reads a clock.

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

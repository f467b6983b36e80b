//! One conversation's state. First honest version: risk follows the recent customer
//! negativity and the wait; the conversation-engine work deepens every part of it.

use super::config::Config;
use super::types::{AgentCheck, AgentFlag, Event, Role, Snapshot, Turn, TurnReport, WarningLevel};
use crate::analysis::analyzer::MessageAnalyzer;
use crate::analysis::assessment::{Assessment, Level, Reason, Source};
use crate::analysis::error::AnalysisError;
use std::collections::VecDeque;

/// How many recent customer readings are kept for the trend.
const TREND_LEN: usize = 16;

/// The state of one conversation.
#[derive(Clone, Debug)]
pub struct Conversation {
    id: String,
    turns: u32,
    last_ts: Option<u64>,
    trend: VecDeque<f32>,
    last_assessment: Option<Assessment>,
    peak_level: Level,
    waiting_since_ms: Option<u64>,
    warning_level: WarningLevel,
    agent_flags: Vec<AgentFlag>,
}

impl Conversation {
    /// A new, empty conversation.
    pub fn new(id: &str) -> Self {
        Conversation {
            id: id.to_string(),
            turns: 0,
            last_ts: None,
            trend: VecDeque::new(),
            last_assessment: None,
            peak_level: Level::Calm,
            waiting_since_ms: None,
            warning_level: WarningLevel::None,
            agent_flags: Vec::new(),
        }
    }

    /// Feeds one turn.
    pub fn push_turn(
        &mut self,
        analyzer: &MessageAnalyzer,
        config: &Config,
        turn: Turn,
    ) -> Result<TurnReport, AnalysisError> {
        if let Some(last) = self.last_ts {
            if turn.ts_ms < last {
                return Err(AnalysisError::Input(format!(
                    "conversation {}: turn time {} ms is before the previous turn ({last} ms)",
                    self.id, turn.ts_ms
                )));
            }
        }
        self.last_ts = Some(turn.ts_ms);
        let index = self.turns;
        self.turns += 1;
        let (assessment, agent_check) = match turn.role {
            Role::Customer => {
                let a = analyzer.assess(&turn.text);
                if self.trend.len() == TREND_LEN {
                    self.trend.pop_front();
                }
                self.trend.push_back(a.negative);
                self.peak_level = self.peak_level.max(a.level);
                self.waiting_since_ms.get_or_insert(turn.ts_ms);
                self.last_assessment = Some(a.clone());
                (Some(a), None)
            }
            Role::Agent => {
                let check = self.check_agent_text(analyzer, &turn.text, turn.ts_ms);
                self.agent_flags = check.flags.clone();
                self.waiting_since_ms = None;
                (None, Some(check))
            }
        };
        let events = self.update_warning(config, turn.ts_ms);
        Ok(TurnReport {
            turn: index,
            role: Some(turn.role),
            assessment,
            agent_check,
            snapshot: self.snapshot(config, turn.ts_ms),
            events,
        })
    }

    /// Advances the clock.
    pub fn tick(&mut self, config: &Config, now_ms: u64) -> TurnReport {
        let events = self.update_warning(config, now_ms);
        TurnReport {
            turn: self.turns,
            role: None,
            assessment: None,
            agent_check: None,
            snapshot: self.snapshot(config, now_ms),
            events,
        }
    }

    /// Checks an agent text (sent or draft) against the conversation so far.
    pub fn check_agent_text(
        &self,
        analyzer: &MessageAnalyzer,
        text: &str,
        _now_ms: u64,
    ) -> AgentCheck {
        let mut flags = Vec::new();
        let upset = self.peak_level >= Level::Mild;
        if upset && text.chars().count() <= 3 {
            flags.push(AgentFlag {
                dimension: "coldness".into(),
                score: 0.8,
                note: "顾客不满时回复过短".into(),
            });
        }
        if analyzer.assess(text).level >= Level::Angry {
            flags.push(AgentFlag {
                dimension: "negativeWords".into(),
                score: 0.7,
                note: "回复中含负面词".into(),
            });
        }
        AgentCheck {
            warn: !flags.is_empty(),
            flags,
        }
    }

    fn wait_ms(&self, now_ms: u64) -> u64 {
        self.waiting_since_ms
            .map(|since| now_ms.saturating_sub(since))
            .unwrap_or(0)
    }

    fn risk_and_reasons(&self, config: &Config, now_ms: u64) -> (f32, Vec<Reason>) {
        let mut reasons = Vec::new();
        let recent = self
            .trend
            .iter()
            .rev()
            .take(3)
            .fold(0.0_f32, |m, &x| m.max(x));
        let mut risk = 0.7 * recent;
        if let Some(a) = &self.last_assessment {
            reasons.extend(a.reasons.iter().take(3).cloned());
        }
        let wait = self.wait_ms(now_ms);
        if wait > config.wait_signal_ms {
            let add = (0.05 * (wait as f32 / config.wait_signal_ms as f32)).min(0.3);
            risk += add;
            reasons.push(Reason {
                source: Source::Rhythm,
                rule: "wait".into(),
                text: format!("{}s", wait / 1000),
                weight: add,
                note: format!("顾客已等待 {} 秒", wait / 1000),
            });
        }
        (risk.clamp(0.0, 1.0), reasons)
    }

    fn update_warning(&mut self, config: &Config, now_ms: u64) -> Vec<Event> {
        let (risk, reasons) = self.risk_and_reasons(config, now_ms);
        let level = match config.thresholds.iter().filter(|t| risk >= **t).count() {
            0 => WarningLevel::None,
            1 => WarningLevel::Soothe,
            2 => WarningLevel::Review,
            _ => WarningLevel::Transfer,
        };
        let mut events = Vec::new();
        if level > self.warning_level {
            events.push(Event::WarningRaised { level, reasons });
        } else if level < self.warning_level {
            events.push(Event::WarningCleared { level });
        }
        self.warning_level = level;
        events
    }

    /// The visible state at `now_ms`.
    pub fn snapshot(&self, config: &Config, now_ms: u64) -> Snapshot {
        let (risk, reasons) = self.risk_and_reasons(config, now_ms);
        Snapshot {
            conversation: self.id.clone(),
            turns: self.turns,
            risk,
            warning_level: self.warning_level,
            reasons,
            last_assessment: self.last_assessment.clone(),
            peak_level: self.peak_level,
            trend: self.trend.iter().copied().collect(),
            forecast: Vec::new(),
            waiting_since_ms: self.waiting_since_ms,
            waiting_ms: self.wait_ms(now_ms),
            repeats: Vec::new(),
            suggestions: Vec::new(),
            compensation: None,
            agent_flags: self.agent_flags.clone(),
        }
    }
}

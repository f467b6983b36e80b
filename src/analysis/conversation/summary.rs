//! The per-conversation summary (`moodwatch replay --summary`): a bounded accumulator updated
//! on every turn, so a summary costs nothing to keep and never grows with the conversation.

use super::types::{AgentFlag, WarningLevel};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Items kept in each list of the summary.
const LIST_CAP: usize = 64;

/// What happened in one conversation, in the field names of the `--summary` output.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Conversation id.
    pub id: String,
    /// Highest warning level reached.
    pub peak_level: WarningLevel,
    /// Highest risk reached.
    pub peak_risk: f32,
    /// Risk after the last turn.
    pub final_risk: f32,
    /// First turn at which the warning level reached 1, 2, 3 (`null` if never).
    pub first_turn_at_level: BTreeMap<String, Option<u32>>,
    /// Repeats as `[turn, earlier_turn]` (first 64).
    pub repeats: Vec<[u32; 2]>,
    /// Turns at which a customer wait passed the slow-response clock (first 64).
    pub long_waits: Vec<u32>,
    /// Agent findings counted per dimension.
    pub agent_flags: BTreeMap<String, u32>,
    /// `calm` (never warned), `recovered` (warned, ended with no warning), `watch` (ends at
    /// level 1), `escalated` (ends at level 2+), `transferred` (a transfer was requested and
    /// the conversation ends at level 2+).
    pub outcome: String,
}

/// Accumulates a [`Summary`] turn by turn.
#[derive(Clone, Debug, Default)]
pub struct SummaryAcc {
    peak_level: Option<WarningLevel>,
    peak_risk: f32,
    final_risk: f32,
    final_level: Option<WarningLevel>,
    first_at: [Option<u32>; 3],
    repeats: Vec<[u32; 2]>,
    long_waits: Vec<u32>,
    agent_flags: BTreeMap<String, u32>,
    transferred: bool,
}

impl SummaryAcc {
    /// State after turn `turn`.
    pub fn on_state(&mut self, turn: u32, level: WarningLevel, risk: f32) {
        self.peak_level = Some(self.peak_level.map_or(level, |p| p.max(level)));
        self.peak_risk = self.peak_risk.max(risk);
        self.final_risk = risk;
        self.final_level = Some(level);
        for (i, slot) in self.first_at.iter_mut().enumerate() {
            if slot.is_none() && level as usize > i {
                *slot = Some(turn);
            }
        }
    }

    /// A repeat at `turn` of `earlier`.
    pub fn on_repeat(&mut self, turn: u32, earlier: u32) {
        if self.repeats.len() < LIST_CAP {
            self.repeats.push([turn, earlier]);
        }
    }

    /// A long wait observed at `turn`.
    pub fn on_long_wait(&mut self, turn: u32) {
        if self.long_waits.len() < LIST_CAP && self.long_waits.last() != Some(&turn) {
            self.long_waits.push(turn);
        }
    }

    /// Agent findings on one reply (the map is bounded by the number of dimensions).
    pub fn on_flags(&mut self, flags: &[AgentFlag]) {
        for f in flags {
            *self.agent_flags.entry(f.dimension.clone()).or_default() += 1;
        }
    }

    /// A transfer was requested.
    pub fn on_transfer(&mut self) {
        self.transferred = true;
    }

    /// The summary so far.
    pub fn summary(&self, id: &str) -> Summary {
        let peak = self.peak_level.unwrap_or(WarningLevel::None);
        let last = self.final_level.unwrap_or(WarningLevel::None);
        let outcome = if peak == WarningLevel::None {
            "calm"
        } else if last == WarningLevel::None {
            "recovered"
        } else if last == WarningLevel::Soothe {
            "watch"
        } else if self.transferred {
            "transferred"
        } else {
            "escalated"
        };
        Summary {
            id: id.to_string(),
            peak_level: peak,
            peak_risk: self.peak_risk,
            final_risk: self.final_risk,
            first_turn_at_level: (1..=3)
                .map(|l| (l.to_string(), self.first_at[l - 1]))
                .collect(),
            repeats: self.repeats.clone(),
            long_waits: self.long_waits.clone(),
            agent_flags: self.agent_flags.clone(),
            outcome: outcome.into(),
        }
    }

    /// Number of stored items (for the bounded-memory test).
    pub fn footprint(&self) -> usize {
        self.repeats.len() + self.long_waits.len() + self.agent_flags.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_and_first_turns() {
        let mut s = SummaryAcc::default();
        s.on_state(0, WarningLevel::None, 0.05);
        s.on_state(3, WarningLevel::Review, 0.6);
        s.on_state(5, WarningLevel::None, 0.1);
        let out = s.summary("c");
        assert_eq!(out.outcome, "recovered");
        assert_eq!(out.first_turn_at_level["1"], Some(3));
        assert_eq!(out.first_turn_at_level["2"], Some(3));
        assert_eq!(out.first_turn_at_level["3"], None);
        let json = serde_json::to_value(&out).unwrap();
        assert_eq!(json["peak_level"], 2);
        assert!(json["first_turn_at_level"]["3"].is_null());
        for i in 0..1000 {
            s.on_repeat(i, 0);
            s.on_long_wait(i);
        }
        assert!(s.footprint() <= 2 * LIST_CAP);
    }
}

//! The engine's public vocabulary: turns in, reports and snapshots out. Everything here
//! serialises to plain JSON with camelCase names, which is what the CLI prints and what
//! crosses into JavaScript.

use super::repeats::LadderStep;
use super::rhythm::RhythmState;
use crate::analysis::assessment::{Assessment, Level, Reason};
use serde::{Deserialize, Serialize};

/// Who wrote a turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Role {
    /// The customer (the person whose mood is watched).
    Customer,
    /// The customer-service agent.
    Agent,
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "customer" => Ok(Role::Customer),
            "agent" => Ok(Role::Agent),
            other => Err(format!(
                "unknown role `{other}` (expected \"customer\" or \"agent\")"
            )),
        }
    }
}

/// One message of a conversation. `ts_ms` is supplied by the caller (the core reads no
/// clock); any origin works as long as it is consistent within a conversation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Turn {
    /// Author.
    pub role: Role,
    /// Message text as displayed.
    pub text: String,
    /// Time the message was sent or seen, in milliseconds.
    pub ts_ms: u64,
}

/// The warning ladder: what the agent should do now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum WarningLevel {
    /// No warning.
    None = 0,
    /// ≈20 %: push a soothing script.
    Soothe = 1,
    /// ≈50 %: review the service history.
    Review = 2,
    /// ≈80 %: transfer to an expert.
    Transfer = 3,
}

impl From<WarningLevel> for u8 {
    fn from(w: WarningLevel) -> u8 {
        w as u8
    }
}

impl TryFrom<u8> for WarningLevel {
    type Error = String;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        match n {
            0 => Ok(WarningLevel::None),
            1 => Ok(WarningLevel::Soothe),
            2 => Ok(WarningLevel::Review),
            3 => Ok(WarningLevel::Transfer),
            _ => Err(format!("warning level must be 0..=3, got {n}")),
        }
    }
}

/// A reply the agent can insert with one click.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    /// Stable id of the playbook entry (e.g. `soothe.wait`).
    pub id: String,
    /// Situation kind: `soothe`, `apology`, `faq`, `transfer`, `compensation`, `followUp`, `answer`.
    pub kind: String,
    /// Short label for a button.
    pub label: String,
    /// The reply text to insert into the agent's input box.
    pub text: String,
}

/// A repeated question: this customer turn asks again what an earlier turn asked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Repeat {
    /// Index of the repeating turn in the conversation.
    pub turn: u32,
    /// Index of the earlier turn it repeats (the first ask of the topic).
    pub earlier_turn: u32,
    /// Topic label (e.g. `shipping`, `refund`).
    pub topic: String,
    /// How many times the topic has now been asked (2 = first repeat).
    pub count: u32,
}

/// One agent-quality finding on an agent reply or draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentFlag {
    /// Dimension id (e.g. `coldness`, `cannedRepeat`, `blaming`).
    pub dimension: String,
    /// Score 0..1 (1 = worst).
    pub score: f32,
    /// Short Chinese explanation.
    pub note: String,
}

/// The result of checking an agent reply or draft.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentCheck {
    /// Findings that crossed their threshold, worst first.
    pub flags: Vec<AgentFlag>,
    /// True when the browser should warn before sending.
    pub warn: bool,
}

/// Facts for the host's routing when a transfer is warranted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoutingSummary {
    /// Why a transfer is warranted.
    pub reason: String,
    /// Main topic of the conversation.
    pub topic: String,
    /// Number of repeated questions.
    pub repeats: u32,
    /// Highest message level seen.
    pub peak_level: Level,
    /// Longest customer wait, ms.
    pub longest_wait_ms: u64,
    /// What the agent promised (quoted snippets).
    pub promises: Vec<String>,
    /// One-line summary in Chinese.
    pub summary: String,
    /// The current agent's own replies contributed to the risk: route to someone else.
    pub agent_involved: bool,
    /// Agent-quality dimensions found on the current agent's recent replies.
    pub agent_issues: Vec<String>,
}

/// Something that happened on this turn or tick, for the overlay and the host page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Event {
    /// A warning level was reached (after hysteresis and de-duplication).
    #[serde(rename_all = "camelCase")]
    WarningRaised {
        /// The new level.
        level: WarningLevel,
        /// What contributed.
        reasons: Vec<Reason>,
    },
    /// The warning level went down.
    #[serde(rename_all = "camelCase")]
    WarningCleared {
        /// The new (lower) level.
        level: WarningLevel,
    },
    /// A transfer to an expert is warranted.
    #[serde(rename_all = "camelCase")]
    TransferRequested {
        /// Routing facts.
        summary: RoutingSummary,
    },
    /// The customer re-asked an open question; `step` is the repeat-ladder step
    /// (`guide` on the 2nd ask, `transfer` from the 3rd).
    #[serde(rename_all = "camelCase")]
    RepeatDetected {
        /// The repeat.
        repeat: Repeat,
        /// Ladder step now due.
        step: String,
        /// The reply to offer for that step.
        suggestion: Option<Suggestion>,
    },
    /// The compensation ladder advanced (1 priority channel, 2 time commitment,
    /// 3 exclusive offer).
    #[serde(rename_all = "camelCase")]
    CompensationProposed {
        /// Ladder step 1..=3.
        step: u8,
        /// The offer script.
        suggestion: Suggestion,
    },
}

/// The whole visible state of one conversation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    /// Conversation id.
    pub conversation: String,
    /// Number of turns seen.
    pub turns: u32,
    /// Bad-review probability 0..1.
    pub risk: f32,
    /// Current warning level (with hysteresis).
    pub warning_level: WarningLevel,
    /// What contributes to the risk, strongest first.
    pub reasons: Vec<Reason>,
    /// The latest customer message's assessment.
    pub last_assessment: Option<Assessment>,
    /// Highest message level so far.
    pub peak_level: Level,
    /// Recent per-customer-turn negativity (oldest first, bounded).
    pub trend: Vec<f32>,
    /// Forecast risk for the next customer turns if nothing changes.
    pub forecast: Vec<f32>,
    /// Since when the oldest unanswered customer message waits (ms), if any.
    pub waiting_since_ms: Option<u64>,
    /// How long the customer has waited at the time of this snapshot (ms).
    pub waiting_ms: u64,
    /// Repeated questions found so far (bounded).
    pub repeats: Vec<Repeat>,
    /// Replies to offer now, most fitting first.
    pub suggestions: Vec<Suggestion>,
    /// Current compensation proposal, when risk is above the compensation threshold.
    pub compensation: Option<Suggestion>,
    /// Agent-quality findings on the last agent reply.
    pub agent_flags: Vec<AgentFlag>,
    /// Risk after each recent customer turn (oldest first, bounded).
    pub risk_trend: Vec<f32>,
    /// Waits, latencies, bursts, pings and intensity against the customer's baseline.
    pub rhythm: RhythmState,
    /// The repeat ladder of the open topics.
    pub repeat_ladder: Vec<LadderStep>,
    /// Compensation ladder step reached (0 = none yet).
    pub compensation_step: u8,
    /// Warnings held back by de-duplication or the alert budget.
    pub suppressed_alerts: u32,
    /// A transfer has been requested and not yet stood down.
    pub transfer_requested: bool,
}

/// What one turn (or clock tick) produced.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TurnReport {
    /// Index of the turn in its conversation (for ticks: the number of turns so far).
    pub turn: u32,
    /// Author of the turn, absent for clock ticks.
    pub role: Option<Role>,
    /// Assessment of a customer message.
    pub assessment: Option<Assessment>,
    /// Quality check of an agent message.
    pub agent_check: Option<AgentCheck>,
    /// State after this turn.
    pub snapshot: Snapshot,
    /// Events raised by this turn.
    pub events: Vec<Event>,
}

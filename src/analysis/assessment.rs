//! The reading of one message: what every grader produces and what crosses to the CLI and the
//! browser as plain JSON (camelCase field names).

use serde::{Deserialize, Serialize};

/// How strongly a message expresses negative emotion, from calm to an explicit threat.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum Level {
    /// Neutral questions, thanks, praise, routine requests.
    Calm = 0,
    /// Mild dissatisfaction or anxiety.
    Mild = 1,
    /// Clear anger or complaint.
    Angry = 2,
    /// Explicit threat or escalation: bad review, 12315, chargeback, abuse.
    Threat = 3,
}

impl Level {
    /// All levels, lowest first.
    pub const ALL: [Level; 4] = [Level::Calm, Level::Mild, Level::Angry, Level::Threat];

    /// The level as its number 0–3.
    pub fn as_u8(self) -> u8 {
        self as u8
    }

    /// The level for a number, saturating above 3.
    pub fn from_u8_saturating(n: u8) -> Level {
        match n {
            0 => Level::Calm,
            1 => Level::Mild,
            2 => Level::Angry,
            _ => Level::Threat,
        }
    }
}

impl From<Level> for u8 {
    fn from(level: Level) -> u8 {
        level as u8
    }
}

impl TryFrom<u8> for Level {
    type Error = String;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        if n <= 3 {
            Ok(Level::from_u8_saturating(n))
        } else {
            Err(format!("level must be 0..=3, got {n}"))
        }
    }
}

/// Which part of moodwatch produced a reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Source {
    /// The sentiment lexicon and its rules.
    Lexicon,
    /// The quantized ONNX model.
    Model,
    /// Conversation rhythm: waits, bursts, pace.
    Rhythm,
    /// Repeated questions.
    Repeat,
    /// The emotion trend over turns.
    Trend,
    /// The agent's own behaviour.
    Agent,
}

/// One thing that fired, with its weight, so an agent can see *why*.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    /// Which grader produced it.
    pub source: Source,
    /// The rule, e.g. `word`, `degree`, `negation`, `contrast`, `sarcasm`, `escalation`,
    /// `marker`, `rhetorical`, `model`, `wait`, `repeat`.
    pub rule: String,
    /// The word or pattern as it appeared in the message (or a short signal name).
    pub text: String,
    /// Contribution to the negative score; positive pushes towards negative.
    pub weight: f32,
    /// A short human-readable explanation (Chinese, as agents read it).
    pub note: String,
}

/// Surface intensity markers of one message, used against the customer's own baseline.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Markers {
    /// Number of `!`/`！` characters.
    pub exclamations: u32,
    /// Number of `?`/`？` characters.
    pub questions: u32,
    /// Runs of the same character repeated three or more times (啊啊啊, ？？？), plus one for an
    /// English message shouted in capitals ("I AM NOT PAYING FOR THIS").
    pub repeated_runs: u32,
    /// Length in characters after normalisation.
    pub chars: u32,
    /// Angry or contemptuous emoji and kaomoji (🙄 😡 😤 …).
    pub angry_emoji: u32,
    /// The message is only a ping such as `？`, `人呢`, `在吗`.
    pub bare_ping: bool,
}

/// The full assessment of one customer message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    /// Calibrated probability (0..1) that the message is negative.
    pub negative: f32,
    /// Intensity level 0–3.
    pub level: Level,
    /// Everything that fired, strongest first.
    pub reasons: Vec<Reason>,
    /// The lexicon's own negative probability.
    pub lexicon_negative: f32,
    /// The model's negative probability, when a model is loaded.
    pub model_negative: Option<f32>,
    /// Surface intensity markers.
    pub markers: Markers,
}

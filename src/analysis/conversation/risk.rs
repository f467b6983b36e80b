//! Risk fusion: a logistic over named, documented contributions, each reported as a
//! [`Reason`] with its weight in logit units.
//!
//! `risk = σ(bias + Σ contributions)` with these contributions (weights in [`RiskWeights`]):
//!
//! | rule | source | value fed in | why |
//! |---|---|---|---|
//! | `messagePeak` | lexicon/model | max over the last 3 customer turns of the message signal, aged ×0.75 per turn | what the customer says now matters most |
//! | `messageAccumulated` | lexicon/model | decayed sum (×0.6 per turn) of earlier signals, capped at 2 | anger accumulates over turns |
//! | `wait` | rhythm | ln(1 + excess/signal) of the live wait beyond the wait signal, capped at 3 | waiting irritates |
//! | `slowResponse` | rhythm | 1 once the live wait passes the slow-response clock, 1.5 past the reply-rate clock | the platform clocks a seller is judged by |
//! | `waitHistory` | rhythm | residue of waits already endured beyond the grace (4 × the wait signal, or half the customer's own answering pace in forum and email threads), capped at 1.5 | a customer remembers waiting, at the pace they expect |
//! | `burst` | rhythm | unanswered messages beyond the burst count, ×(0.4 + mood), capped at 3 | "speaking faster"; friendly bursts count less |
//! | `ping` | rhythm | 1 while a bare ping after a wait is unanswered | "？" / "人呢" is impatience |
//! | `intensity` | rhythm | markers above this customer's own baseline, capped at 3 | "speaking louder" against their own style |
//! | `repeat` | repeat | (asks − 1) of the most repeated open topic, aged, capped at 3 | asking again means the answer did not land |
//! | `trendRising` | trend | positive slope of the message signal, capped at 0.6 | getting angrier turn by turn |
//! | `agent` | agent | severity of the agent's recent quality findings, capped at 2 | cold or blaming replies escalate |
//! | `soothed` | agent | −(credit of apology, concrete answer, compensation, customer thanks), capped at 2.5 | once soothed, risk comes down |
//!
//! The message signal of one assessment is `0.65·levelScore + 0.35·strength` with levelScore
//! 0 / 0.35 / 0.75 / 1 for calm / mild / angry / threat and strength
//! `max(0, (negative − 0.35) / 0.65)` — and exactly 0 for a calm reading. The level decides;
//! the calibrated probability only separates strong from weak readings *within* a level the
//! grader already judged negative. A calm reading adds nothing however high its probability:
//! the model is review-trained and reads polite customer-service questions ("我想问下订单什么
//! 时候发货") and plain fault reports ("扫地机器人充不进电") as 60–100 % negative, and the
//! fusion already lifts a calm level where the lexicon's evidence supports the model.
//!
//! The level the engine acts on is the grader's, except for loud enthusiasm: a message that is
//! loud (！！！, 啊啊啊) but whose words are clearly praise or routine ("啊啊啊终于抢到了！！！
//! 太开心了！！！", "快点发货啊啊啊！！！好想要") reads calm, where the lexicon lifts loud
//! messages a level. Loudness is style; how loud this customer is *against their own
//! baseline* is the `intensity` contribution. Mixed ones ("太好了！！！又坏了！！！") keep
//! their level.

use super::config::RiskWeights;
use super::trend::sigmoid;
use crate::analysis::assessment::{Assessment, Level, Reason, Source};

/// The lexicon rule of surface markers: loudness, emoji, pings.
const MARKER_RULE: &str = "marker";

/// The level the engine acts on (see the module docs): the grader's level, except that loud
/// enthusiasm reads calm — loud punctuation or repeated characters, no angry emoji, not a
/// bare ping, and words whose praise is at least twice their complaint.
pub fn engine_level(a: &Assessment) -> Level {
    if matches!(a.level, Level::Calm | Level::Threat) {
        return a.level;
    }
    let m = &a.markers;
    let loud = m.exclamations >= 3 || m.questions >= 3 || m.repeated_runs >= 1;
    if !loud || m.angry_emoji > 0 || m.bare_ping {
        return a.level;
    }
    let (praise, complaint) = a
        .reasons
        .iter()
        .filter(|r| r.source == Source::Lexicon && r.rule != MARKER_RULE)
        .filter(|r| r.weight.is_finite())
        .fold((0.0_f32, 0.0_f32), |(p, c), r| {
            if r.weight < 0.0 {
                (p - r.weight, c)
            } else {
                (p, c + r.weight)
            }
        });
    if praise > 0.0 && praise >= 2.0 * complaint {
        Level::Calm
    } else {
        a.level
    }
}

/// Message signal 0..1 of one assessment read at `level` (see the module docs).
pub fn message_signal_at(a: &Assessment, level: Level) -> f32 {
    let score = match level {
        Level::Calm => return 0.0,
        Level::Mild => 0.35,
        Level::Angry => 0.75,
        Level::Threat => 1.0,
    };
    let strength = if a.negative.is_finite() {
        ((a.negative - 0.35) / 0.65).clamp(0.0, 1.0)
    } else {
        0.0
    };
    0.65 * score + 0.35 * strength
}

/// Message signal 0..1 of one assessment at its [`engine_level`].
pub fn message_signal(a: &Assessment) -> f32 {
    message_signal_at(a, engine_level(a))
}

/// Everything the risk is fused from, already reduced to numbers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RiskInputs {
    /// Recent peak of the message signal, 0..1.
    pub message_peak: f32,
    /// Strongest lexicon/model reason of the peak message, for the note.
    pub peak_word: Option<String>,
    /// Decayed accumulation of earlier signals.
    pub message_accumulated: f32,
    /// ln(1 + excess/signal) of the live wait (0 if under the signal).
    pub wait: f32,
    /// Live wait in ms (for the note).
    pub wait_ms: u64,
    /// 0, 1 (past slow-response clock) or 1.5 (past reply-rate clock).
    pub slow_response: f32,
    /// Residue of long waits endured.
    pub wait_history: f32,
    /// Burst size beyond the count, already mood-scaled.
    pub burst: f32,
    /// 1 while a ping after a wait is unanswered.
    pub ping: f32,
    /// Intensity above the customer's baseline.
    pub intensity: f32,
    /// Repeat pressure of the most repeated open topic.
    pub repeat: f32,
    /// Label of that topic (for the note).
    pub repeat_topic: Option<String>,
    /// Positive slope of the message signal.
    pub trend: f32,
    /// Severity of recent agent findings.
    pub agent: f32,
    /// Soothing credit.
    pub soothing: f32,
}

/// The fused risk.
#[derive(Clone, Debug, PartialEq)]
pub struct Fused {
    /// Probability 0..1 of a bad review.
    pub risk: f32,
    /// The logit behind it.
    pub logit: f32,
    /// Every non-zero contribution, strongest first.
    pub reasons: Vec<Reason>,
}

fn reason(source: Source, rule: &str, text: String, weight: f32, note: String) -> Reason {
    Reason {
        source,
        rule: rule.into(),
        text,
        weight,
        note,
    }
}

/// Fuses the inputs into a risk with its reasons.
pub fn fuse(x: &RiskInputs, w: &RiskWeights) -> Fused {
    let mut reasons = Vec::new();
    let mut add =
        |source, rule: &str, value: f32, cap: f32, weight: f32, text: String, note: String| {
            let v = if value.is_finite() {
                value.clamp(-cap, cap)
            } else {
                0.0
            };
            let c = v * weight;
            if c.abs() >= 0.01 {
                reasons.push(reason(source, rule, text, c, note));
            }
            c
        };
    let peak_word = x.peak_word.clone().unwrap_or_default();
    let mut z = w.bias;
    z += add(
        Source::Lexicon,
        "messagePeak",
        x.message_peak,
        1.0,
        w.message_peak,
        peak_word.clone(),
        if peak_word.is_empty() {
            "最近消息情绪偏负面".into()
        } else {
            format!("最近消息情绪偏负面（“{peak_word}”）")
        },
    );
    z += add(
        Source::Trend,
        "messageAccumulated",
        x.message_accumulated,
        2.0,
        w.message_accumulated,
        "累积".into(),
        "前几轮的不满在累积".into(),
    );
    let secs = x.wait_ms / 1000;
    z += add(
        Source::Rhythm,
        "wait",
        x.wait,
        3.0,
        w.wait,
        format!("{secs}s"),
        format!("顾客已等待 {secs} 秒"),
    );
    z += add(
        Source::Rhythm,
        "slowResponse",
        x.slow_response,
        1.5,
        w.slow_response,
        format!("{secs}s"),
        "超过平台响应时限".into(),
    );
    z += add(
        Source::Rhythm,
        "waitHistory",
        x.wait_history,
        1.5,
        w.wait_history,
        "久等".into(),
        "之前已经等过很久".into(),
    );
    z += add(
        Source::Rhythm,
        "burst",
        x.burst,
        3.0,
        w.burst,
        "连发".into(),
        "顾客短时间内连发多条未获回复".into(),
    );
    z += add(
        Source::Rhythm,
        "ping",
        x.ping,
        1.0,
        w.ping,
        "催问".into(),
        "顾客在等待后发“？/人呢/在吗”催问".into(),
    );
    z += add(
        Source::Rhythm,
        "intensity",
        x.intensity,
        3.0,
        w.intensity,
        "语气加重".into(),
        "标点/重复字明显多于该顾客平时的习惯".into(),
    );
    let topic = x.repeat_topic.clone().unwrap_or_default();
    z += add(
        Source::Repeat,
        "repeat",
        x.repeat,
        3.0,
        w.repeat,
        topic.clone(),
        format!("同一问题（{topic}）被反复询问"),
    );
    z += add(
        Source::Trend,
        "trendRising",
        x.trend,
        0.6,
        w.trend,
        "上升".into(),
        "情绪逐轮上升".into(),
    );
    z += add(
        Source::Agent,
        "agent",
        x.agent,
        2.0,
        w.agent,
        "客服回复".into(),
        "客服回复存在冷淡/推诿等问题".into(),
    );
    z -= add(
        Source::Agent,
        "soothed",
        x.soothing,
        2.5,
        w.soothing,
        "安抚".into(),
        "已安抚（致歉/具体答复/补偿）或顾客情绪缓和".into(),
    );
    // The soothing reason lowers the risk: show it with a negative weight.
    if let Some(r) = reasons.iter_mut().find(|r| r.rule == "soothed") {
        r.weight = -r.weight;
    }
    reasons.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
    let z = if z.is_finite() { z } else { w.bias };
    Fused {
        risk: sigmoid(z),
        logit: z,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::assessment::Markers;

    fn a(level: Level, negative: f32) -> Assessment {
        Assessment {
            negative,
            level,
            reasons: vec![],
            lexicon_negative: negative,
            model_negative: None,
            markers: Markers::default(),
        }
    }

    #[test]
    fn signal_orders_levels() {
        let s: Vec<f32> = [
            (Level::Calm, 0.1),
            (Level::Mild, 0.5),
            (Level::Angry, 0.8),
            (Level::Threat, 0.95),
        ]
        .iter()
        .map(|&(l, n)| message_signal(&a(l, n)))
        .collect();
        assert!(s.windows(2).all(|w| w[0] < w[1]), "{s:?}");
        assert_eq!(message_signal(&a(Level::Calm, 0.3)), 0.0);
        assert_eq!(message_signal(&a(Level::Calm, f32::NAN)), 0.0);
        // A calm reading adds nothing, whatever the model's probability.
        assert_eq!(message_signal(&a(Level::Calm, 0.99)), 0.0);
    }

    fn loud(level: Level, words: &[(&str, f32)], angry_emoji: u32) -> Assessment {
        let mut x = a(level, 0.9);
        x.markers.exclamations = 6;
        x.markers.angry_emoji = angry_emoji;
        x.reasons.push(Reason {
            source: Source::Lexicon,
            rule: MARKER_RULE.into(),
            text: "!×6".into(),
            weight: 1.8,
            note: String::new(),
        });
        for (w, weight) in words {
            x.reasons.push(Reason {
                source: Source::Lexicon,
                rule: "word".into(),
                text: (*w).into(),
                weight: *weight,
                note: String::new(),
            });
        }
        x
    }

    #[test]
    fn loud_enthusiasm_reads_calm_but_loud_complaints_do_not() {
        // 太开心了！！！ / 快点发货！！！好想要
        assert_eq!(
            engine_level(&loud(Level::Mild, &[("太开心", -2.5)], 0)),
            Level::Calm
        );
        let eager = loud(
            Level::Angry,
            &[("好", -1.2), ("快点", 0.8), ("收到", -0.4)],
            0,
        );
        assert_eq!(engine_level(&eager), Level::Calm);
        // 太好了！！！又坏了！！！ — mixed, keeps its level.
        let mixed = loud(Level::Angry, &[("太好了", -2.1), ("坏了", 1.4)], 0);
        assert_eq!(engine_level(&mixed), Level::Angry);
        // Only loudness, no words (？？？): no evidence of enthusiasm.
        assert_eq!(engine_level(&loud(Level::Mild, &[], 0)), Level::Mild);
        // An angry emoji is not style.
        assert_eq!(
            engine_level(&loud(Level::Angry, &[("好的", -0.5)], 2)),
            Level::Angry
        );
        // Quiet messages and threats keep the grader's level.
        let mut quiet = loud(Level::Mild, &[("谢谢", -1.2)], 0);
        quiet.markers.exclamations = 1;
        assert_eq!(engine_level(&quiet), Level::Mild);
        assert_eq!(
            engine_level(&loud(Level::Threat, &[("谢谢", -1.2)], 0)),
            Level::Threat
        );
        assert_eq!(message_signal(&eager), 0.0);
    }

    #[test]
    fn no_signal_is_low_risk_and_every_contribution_is_a_reason() {
        let w = RiskWeights::default();
        let quiet = fuse(&RiskInputs::default(), &w);
        assert!(quiet.risk < 0.06 && quiet.reasons.is_empty());
        let x = RiskInputs {
            message_peak: 1.0,
            repeat: 2.0,
            ping: 1.0,
            soothing: 0.5,
            ..Default::default()
        };
        let f = fuse(&x, &w);
        assert!(f.risk > 0.8);
        let sum: f32 = f.reasons.iter().map(|r| r.weight).sum();
        assert!((w.bias + sum - f.logit).abs() < 1e-4);
        assert!(f
            .reasons
            .iter()
            .any(|r| r.rule == "soothed" && r.weight < 0.0));
    }

    #[test]
    fn single_threat_reaches_review_single_mild_does_not_warn() {
        let w = RiskWeights::default();
        let threat = fuse(
            &RiskInputs {
                message_peak: message_signal(&a(Level::Threat, 0.9)),
                ..Default::default()
            },
            &w,
        );
        assert!(threat.risk >= 0.5, "{}", threat.risk);
        let mild = fuse(
            &RiskInputs {
                message_peak: message_signal(&a(Level::Mild, 0.5)),
                ..Default::default()
            },
            &w,
        );
        assert!(mild.risk < 0.2, "{}", mild.risk);
    }
}

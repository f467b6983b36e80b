//! Conversation rhythm: how long the customer has been waiting, how fast the agent answers,
//! bursts of unanswered messages, bare pings after a wait, and the text analogue of
//! "speaking faster and louder" — intensity markers compared with this customer's own
//! baseline, so a naturally emphatic customer is not flagged for style alone.
//!
//! All state is a handful of numbers plus a bounded deque; every update is O(1).

use super::config::Config;
use super::text;
use crate::analysis::assessment::Markers;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// What a calm customer message leaves of the wait debt (an impatient one leaves 0.75).
const CALM_DEBT_DECAY: f32 = 0.5;
/// Unanswered customer timestamps kept for burst detection.
const BURST_MEMORY: usize = 16;
/// Smoothing of the intensity baseline (weight of the newest message).
const BASELINE_ALPHA: f32 = 0.3;
/// Intensity above the baseline that is still "style", not escalation.
const INTENSITY_MARGIN: f32 = 1.0;
/// Prior customer gap (ms) used for the forecast before any gap is seen.
const PRIOR_GAP_MS: f32 = 20_000.0;
/// How long a customer who writes emails is taken to answer before any answer is seen: an
/// hour, the pace of a ticket thread.
const EMAIL_PACE_MS: f32 = 3_600_000.0;
/// How long "one moment" may take after an agent's hold before the customer is waiting again.
const HOLD_GRACE_MS: u64 = 120_000;
/// Answers later than this (2 hours) are a new session, not the customer's pace.
const MAX_ANSWER_MS: f32 = 7_200_000.0;

/// The rhythm part of a snapshot.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RhythmState {
    /// Customer messages since the agent's last reply.
    pub unanswered: u32,
    /// Unanswered messages inside the burst window beyond the burst count (0 = no burst).
    pub burst: u32,
    /// A bare ping ("？", "人呢", "在吗") came after a wait and is not answered yet.
    pub ping_after_wait: bool,
    /// Intensity of the latest customer message (markers: ！, ？, runs, emoji, length).
    pub intensity: f32,
    /// This customer's own baseline intensity, from earlier messages.
    pub baseline: f32,
    /// Intensity above baseline plus margin (0 when within the customer's style).
    pub intensity_excess: f32,
    /// Latency of the agent's last reply (ms), if it answered a waiting customer.
    pub last_latency_ms: Option<u64>,
    /// Mean agent latency over the conversation (ms).
    pub mean_latency_ms: Option<u64>,
    /// Longest customer wait so far (ms), including the current one.
    pub longest_wait_ms: u64,
    /// Agent replies slower than the slow-response clock.
    pub slow_replies: u32,
    /// Customer messages not answered within the reply-rate clock.
    pub missed_reply_rate: u32,
    /// Decayed residue of long waits already endured (feeds the risk).
    pub wait_debt: f32,
}

/// What a customer message did to the rhythm.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CustomerBeat {
    /// The message was a bare ping after a wait over the wait signal.
    pub ping_after_wait: bool,
    /// Burst size beyond the configured count (0 = none).
    pub burst: u32,
    /// Intensity above this customer's baseline plus margin.
    pub intensity_excess: f32,
    /// Time since the previous customer message (ms), if any.
    pub gap_ms: Option<u64>,
}

/// What an agent reply did to the rhythm.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct AgentBeat {
    /// How long the oldest unanswered customer message waited (ms), if one did.
    pub latency_ms: Option<u64>,
    /// That wait exceeded the slow-response clock.
    pub slow: bool,
}

/// Rhythm tracker of one conversation.
#[derive(Clone, Debug, Default)]
pub struct Rhythm {
    waiting_since: Option<u64>,
    unanswered: VecDeque<u64>,
    unanswered_total: u32,
    last_customer_ts: Option<u64>,
    ping_pending: bool,
    baseline: Option<f32>,
    intensity: f32,
    intensity_excess: f32,
    gap_ewma: Option<f32>,
    last_latency: Option<u64>,
    latency_sum: u64,
    latency_n: u32,
    longest_wait: u64,
    slow_replies: u32,
    missed_reply_rate: u32,
    reply_rate_counted: bool,
    long_wait_marked: bool,
    wait_debt: f32,
    burst: u32,
    last_agent_ts: Option<u64>,
    /// How long this customer takes to answer the agent (ms, smoothed in log space).
    answer_pace: Option<f32>,
    /// The customer writes emails (greeting, sign-off, quoted thread): a ticket thread.
    email_thread: bool,
}

/// Intensity of one message from its surface markers: the "louder" part of the analogy.
pub fn intensity(markers: &Markers, text: &str) -> f32 {
    let runs = markers.repeated_runs.max(text::repeated_runs(text));
    0.5 * markers.exclamations.min(6) as f32
        + 0.3 * markers.questions.min(6) as f32
        + 1.0 * runs.min(3) as f32
        + 1.0 * markers.angry_emoji.min(3) as f32
        + 0.5 * (1.0 + markers.chars as f32 / 20.0).ln()
}

impl Rhythm {
    /// Since when the oldest unanswered customer message waits.
    pub fn waiting_since(&self) -> Option<u64> {
        self.waiting_since
    }

    /// The current wait at `now_ms`.
    pub fn wait_ms(&self, now_ms: u64) -> u64 {
        self.waiting_since.map_or(0, |s| now_ms.saturating_sub(s))
    }

    /// A customer message at `ts`.
    pub fn on_customer(
        &mut self,
        config: &Config,
        ts: u64,
        markers: &Markers,
        text: &str,
        calm: bool,
        praise_only: bool,
    ) -> CustomerBeat {
        let waited = self.wait_ms(ts);
        let ping =
            (markers.bare_ping || text::is_bare_ping(text)) && waited > config.wait_signal_ms;
        self.ping_pending |= ping;
        let gap_ms = self.last_customer_ts.map(|p| ts.saturating_sub(p));
        if let Some(g) = gap_ms {
            // Gaps longer than 10 minutes are a new session, not the customer's pace.
            let g = (g as f32).min(600_000.0);
            self.gap_ewma = Some(self.gap_ewma.map_or(g, |e| 0.7 * e + 0.3 * g));
        }
        self.last_customer_ts = Some(ts);
        // How long the customer takes to answer the agent: their own pace. An answer hours
        // later is a new session (a chat customer back the next day), not a pace.
        let answer = self
            .last_agent_ts
            .take()
            .map(|a| ts.saturating_sub(a) as f32)
            .filter(|&a| a <= MAX_ANSWER_MS);
        if let Some(answer) = answer {
            let answer = answer.max(1_000.0);
            self.answer_pace = Some(
                self.answer_pace
                    .map_or(answer, |p| (0.6 * p.ln() + 0.4 * answer.ln()).exp()),
            );
        }
        if !self.email_thread {
            self.email_thread = text::is_email(text);
        }
        // "好的谢谢" closes a thread; it does not wait for an answer. Said calmly after a wait
        // ("ok that worked, thanks" hours later, Twitter style) it ends the wait: the customer
        // is no longer waiting for anything. A sarcastic "行吧" is not calm and keeps it.
        // Praise and nothing else ("sweet, ordered it 👍") closes a thread the same way.
        let closing = (text::is_acknowledgment(text) || praise_only) && !text::is_question(text);
        if calm && (closing || text::is_customer_hold(text)) {
            // Closing, or "just a minute, I need my glasses": nobody owes a reply now.
            self.waiting_since = None;
        } else if !closing || self.waiting_since.is_some() {
            self.waiting_since.get_or_insert(ts);
        }
        if self.unanswered.len() == BURST_MEMORY {
            self.unanswered.pop_front();
        }
        self.unanswered.push_back(ts);
        self.unanswered_total += 1;
        let in_window = self
            .unanswered
            .iter()
            .filter(|&&t| ts.saturating_sub(t) <= config.burst.window_ms)
            .count() as u32;
        self.burst = (in_window + 1).saturating_sub(config.burst.count);

        let i = intensity(markers, text);
        self.intensity = i;
        self.intensity_excess = match self.baseline {
            Some(b) => (i - b - INTENSITY_MARGIN).clamp(0.0, 3.0),
            // No baseline yet: the first message defines the customer's style.
            None => 0.0,
        };
        self.baseline = Some(
            self.baseline
                .map_or(i, |b| (1.0 - BASELINE_ALPHA) * b + BASELINE_ALPHA * i),
        );
        // The memory of a long wait fades with each message, twice as fast when the customer
        // writes calmly: a calm follow-up question says the wait is not what they feel now.
        self.wait_debt *= if calm { CALM_DEBT_DECAY } else { 0.75 };
        CustomerBeat {
            ping_after_wait: ping,
            burst: self.burst,
            intensity_excess: self.intensity_excess,
            gap_ms,
        }
    }

    /// An agent reply at `ts`.
    pub fn on_agent(&mut self, config: &Config, ts: u64) -> AgentBeat {
        let mut beat = AgentBeat::default();
        if let Some(since) = self.waiting_since.take() {
            let w = ts.saturating_sub(since);
            self.observe_wait(config, w);
            beat.latency_ms = Some(w);
            beat.slow = w > config.clocks.slow_response_ms;
            if beat.slow {
                self.slow_replies += 1;
            }
            self.last_latency = Some(w);
            self.latency_sum = self.latency_sum.saturating_add(w);
            self.latency_n += 1;
            // Only waits well past the live signal leave a residue: a 30 s reply is normal
            // service, a 3-minute one is remembered. A customer who takes minutes to answer (a
            // forum or ticket thread) expects answers at that pace: half their own pace is
            // normal; one who writes emails, at least an email's.
            let own = self.answer_pace.unwrap_or(0.0);
            let pace = if self.email_thread {
                own.max(EMAIL_PACE_MS)
            } else {
                own
            };
            let grace = (4.0 * config.wait_signal_ms as f32).max(0.5 * pace);
            let excess = (w as f32 - grace).max(0.0);
            self.wait_debt = (self.wait_debt + 0.5 * (1.0 + excess / grace).ln()).min(3.0);
        }
        self.unanswered.clear();
        self.unanswered_total = 0;
        self.burst = 0;
        self.ping_pending = false;
        self.reply_rate_counted = false;
        self.long_wait_marked = false;
        self.last_agent_ts = Some(ts);
        beat
    }

    /// The agent asked the customer to hold ("please give me a few minutes", "请稍等，我帮您查
    /// 一下"): the real answer is still owed. The customer waits again from the end of a grace
    /// ([`HOLD_GRACE_MS`], what "one moment" honestly means), and what they write next is not
    /// an answer to the agent (it says nothing of their own pace).
    pub fn on_agent_hold(&mut self, ts: u64) {
        self.waiting_since = Some(ts + HOLD_GRACE_MS);
        self.last_agent_ts = None;
    }

    /// Observes the clock; returns true the first time the current wait passes the
    /// slow-response clock (so the caller can record a long wait once per episode).
    pub fn on_clock(&mut self, config: &Config, now_ms: u64) -> bool {
        let w = self.wait_ms(now_ms);
        self.observe_wait(config, w);
        if w > config.clocks.slow_response_ms
            && !self.long_wait_marked
            && self.waiting_since.is_some()
        {
            self.long_wait_marked = true;
            return true;
        }
        false
    }

    fn observe_wait(&mut self, config: &Config, w: u64) {
        self.longest_wait = self.longest_wait.max(w);
        if w > config.clocks.reply_rate_ms && !self.reply_rate_counted {
            self.reply_rate_counted = true;
            self.missed_reply_rate += 1;
        }
    }

    /// True while a bare ping after a wait is unanswered.
    pub fn ping_pending(&self) -> bool {
        self.ping_pending
    }

    /// Current burst size beyond the configured count.
    pub fn burst(&self) -> u32 {
        self.burst
    }

    /// Intensity above baseline of the latest customer message.
    pub fn intensity_excess(&self) -> f32 {
        self.intensity_excess
    }

    /// Residue of long waits already endured.
    pub fn wait_debt(&self) -> f32 {
        self.wait_debt
    }

    /// Longest wait so far, counting the current one at `now_ms`.
    pub fn longest_wait(&self, now_ms: u64) -> u64 {
        self.longest_wait.max(self.wait_ms(now_ms))
    }

    /// The customer's typical gap between messages (ms), for the forecast.
    pub fn typical_gap_ms(&self) -> f32 {
        self.gap_ewma.unwrap_or(PRIOR_GAP_MS).max(1_000.0)
    }

    /// The visible rhythm state at `now_ms`.
    pub fn state(&self, now_ms: u64) -> RhythmState {
        RhythmState {
            unanswered: self.unanswered_total,
            burst: self.burst,
            ping_after_wait: self.ping_pending,
            intensity: self.intensity,
            baseline: self.baseline.unwrap_or(0.0),
            intensity_excess: self.intensity_excess,
            last_latency_ms: self.last_latency,
            mean_latency_ms: (self.latency_n > 0)
                .then(|| self.latency_sum / u64::from(self.latency_n)),
            longest_wait_ms: self.longest_wait(now_ms),
            slow_replies: self.slow_replies,
            missed_reply_rate: self.missed_reply_rate,
            wait_debt: self.wait_debt,
        }
    }

    /// Number of stored items (for the bounded-memory test).
    pub fn footprint(&self) -> usize {
        self.unanswered.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Markers {
        Markers {
            exclamations: text.chars().filter(|c| matches!(c, '!' | '！')).count() as u32,
            questions: text.chars().filter(|c| matches!(c, '?' | '？')).count() as u32,
            chars: text.chars().count() as u32,
            ..Markers::default()
        }
    }

    #[test]
    fn wait_runs_from_oldest_unanswered_message() {
        let c = Config::default();
        let mut r = Rhythm::default();
        r.on_customer(&c, 1_000, &m("在吗"), "在吗", true, false);
        r.on_customer(&c, 5_000, &m("什么时候发货"), "什么时候发货", true, false);
        assert_eq!(r.wait_ms(21_000), 20_000);
        let beat = r.on_agent(&c, 31_000);
        assert_eq!(beat.latency_ms, Some(30_000));
        assert_eq!(r.wait_ms(40_000), 0);
    }

    /// A slow reply leaves a debt; the customer's next message pays some of it off: half when
    /// they write calmly, a quarter when they do not (session 8: replies a minute or two apart
    /// in a calm consultation kept the debt near its ceiling and the warning at review).
    #[test]
    fn a_calm_message_pays_off_more_of_the_wait_debt() {
        let c = Config::default();
        let debt_after = |calm: bool| {
            let mut r = Rhythm::default();
            r.on_customer(
                &c,
                0,
                &m("这个敏感肌能用吗"),
                "这个敏感肌能用吗",
                true,
                false,
            );
            r.on_agent(&c, 270_000);
            let before = r.wait_debt();
            assert!(before > 0.5, "a 4.5-minute reply leaves a debt: {before}");
            let text = if calm {
                "好的 那有小样吗"
            } else {
                "回复也太慢了吧"
            };
            r.on_customer(&c, 300_000, &m(text), text, calm, false);
            r.wait_debt() / before
        };
        assert!((debt_after(true) - 0.5).abs() < 1e-6);
        assert!((debt_after(false) - 0.75).abs() < 1e-6);
    }

    /// In an email thread the customer expects answers at an email's pace: a 35-minute reply
    /// leaves no wait debt there, and a big one in a chat.
    #[test]
    fn an_email_thread_keeps_its_own_pace() {
        let c = Config::default();
        let debt = |text: &str| {
            let mut r = Rhythm::default();
            r.on_customer(&c, 0, &m(text), text, true, false);
            r.on_agent(&c, 7_200_000);
            // The customer answers an hour and a half later, the agent 35 minutes after that.
            r.on_customer(&c, 12_600_000, &m("ok"), "ok", true, false);
            r.on_agent(&c, 14_700_000);
            r.wait_debt()
        };
        let email = "hi devon,\n\nthanks for the quick reply. should i pay the estimate?\n\nthanks,\nanne-marie";
        let chat = "thanks for the quick reply. should i pay the estimate?";
        assert!(debt(email) < 0.5, "email: {}", debt(email));
        assert!(debt(chat) > 1.0, "chat: {}", debt(chat));
    }

    /// A customer who takes ten minutes to answer (a forum thread) expects answers at that
    /// pace; one who comes back two days later has no pace of two days.
    #[test]
    fn the_customers_own_pace_sets_the_grace() {
        let c = Config::default();
        let debt = |answer_ms: u64| {
            let mut r = Rhythm::default();
            r.on_customer(&c, 0, &m("hi"), "hi", true, false);
            r.on_agent(&c, 30_000);
            let t = 30_000 + answer_ms;
            let ask = "and what about the second one?";
            r.on_customer(&c, t, &m(ask), ask, true, false);
            r.on_agent(&c, t + 540_000);
            r.wait_debt()
        };
        assert!(
            debt(600_000) < 0.6 * debt(30_000),
            "{} vs {}",
            debt(600_000),
            debt(30_000)
        );
        assert!((debt(172_800_000) - debt(30_000)).abs() < 0.05);
    }

    /// A calm "ok that worked, thanks" hours after the last message (Twitter style) ends the
    /// wait; a sarcastic 行吧 (not calm) keeps it running.
    #[test]
    fn a_calm_acknowledgement_ends_the_wait() {
        let c = Config::default();
        let mut r = Rhythm::default();
        r.on_customer(
            &c,
            0,
            &m("restarted, fingers crossed"),
            "restarted, fingers crossed",
            true,
            false,
        );
        r.on_customer(
            &c,
            3_600_000,
            &m("ok that worked, thanks"),
            "ok that worked, thanks",
            true,
            false,
        );
        assert_eq!(r.wait_ms(3_700_000), 0);
        let mut s = Rhythm::default();
        s.on_customer(&c, 0, &m("什么时候发货"), "什么时候发货", true, false);
        s.on_customer(&c, 600_000, &m("行吧"), "行吧", false, false);
        assert_eq!(s.wait_ms(700_000), 700_000);
    }

    #[test]
    fn ping_counts_only_after_a_wait() {
        let c = Config::default();
        let mut r = Rhythm::default();
        r.on_customer(&c, 0, &m("发货了吗"), "发货了吗", true, false);
        assert!(
            !r.on_customer(&c, 3_000, &m("？"), "？", true, false)
                .ping_after_wait
        );
        assert!(
            r.on_customer(&c, 40_000, &m("人呢"), "人呢", true, false)
                .ping_after_wait
        );
        r.on_agent(&c, 41_000);
        assert!(!r.ping_pending());
    }

    #[test]
    fn emphatic_customer_is_judged_against_own_baseline() {
        let c = Config::default();
        let mut loud = Rhythm::default();
        let mut quiet = Rhythm::default();
        let shout = "这个颜色好好看！！！有货吗？？";
        for (i, t) in [shout, shout, shout].iter().enumerate() {
            let b = loud.on_customer(&c, i as u64 * 60_000, &m(t), t, true, false);
            assert_eq!(b.intensity_excess, 0.0, "style alone is not escalation");
            loud.on_agent(&c, i as u64 * 60_000 + 5_000);
        }
        quiet.on_customer(&c, 0, &m("请问有货吗"), "请问有货吗", true, false);
        quiet.on_agent(&c, 5_000);
        let b = quiet.on_customer(
            &c,
            60_000,
            &m("怎么回事！！！？？？啊啊啊"),
            "怎么回事！！！？？？啊啊啊",
            true,
            false,
        );
        assert!(b.intensity_excess > 1.0);
    }

    #[test]
    fn bursts_and_clocks() {
        let c = Config::default();
        let mut r = Rhythm::default();
        for i in 0..4 {
            r.on_customer(&c, i * 3_000, &m("在吗"), "在吗", true, false);
        }
        assert_eq!(r.burst(), 2);
        assert!(!r.on_clock(&c, 50_000));
        assert!(r.on_clock(&c, 120_000));
        assert!(!r.on_clock(&c, 130_000), "marked once per wait");
        let beat = r.on_agent(&c, 200_000);
        assert!(beat.slow);
        let s = r.state(200_000);
        assert_eq!((s.slow_replies, s.missed_reply_rate), (1, 1));
    }

    #[test]
    fn praise_with_no_question_starts_no_wait() {
        let c = Config::default();
        let mut r = Rhythm::default();
        r.on_customer(
            &c,
            0,
            &m("sweet, ordered it 👍"),
            "sweet, ordered it 👍",
            true,
            true,
        );
        assert_eq!(
            r.wait_ms(3 * 86_400_000),
            0,
            "a closing does not wait for a reply"
        );
        r.on_customer(
            &c,
            10_000,
            &m("is it in stock?"),
            "is it in stock?",
            true,
            false,
        );
        assert!(r.wait_ms(40_000) > 0);
    }

    #[test]
    fn a_customer_asking_the_agent_to_hold_is_not_waiting() {
        let c = Config::default();
        let mut r = Rhythm::default();
        r.on_customer(
            &c,
            0,
            &m("is this the chemist"),
            "is this the chemist",
            true,
            false,
        );
        let t = "just a minute i need my other glasses";
        r.on_customer(&c, 5_000, &m(t), t, true, false);
        assert_eq!(r.wait_ms(120_000), 0);
        // Said in anger it is not a hold ("你们让我稍等多久了").
        let t = "你们让我稍等多久了";
        r.on_customer(&c, 130_000, &m(t), t, false, false);
        assert!(r.wait_ms(200_000) > 0);
    }
}

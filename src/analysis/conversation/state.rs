//! One conversation's state: wires rhythm, repeats, trend, risk fusion, warnings with
//! hysteresis / de-duplication / alert budget, the compensation ladder, the playbook
//! suggestions, agent checks and the summary. Everything is bounded: deques with fixed
//! capacities and counters, so memory and work per turn do not grow with the conversation.

use super::agent_qa::{self, QaContext};
use super::config::Config;
use super::repeats::Repeats;
use super::rhythm::Rhythm;
use super::risk::{self, Fused, RiskInputs};
use super::summary::{Summary, SummaryAcc};
use super::text;
use super::trend::Trend;
use super::types::{
    AgentCheck, AgentFlag, Event, Role, RoutingSummary, Snapshot, Suggestion, Turn, TurnReport,
    WarningLevel,
};
use crate::analysis::analyzer::MessageAnalyzer;
use crate::analysis::assessment::{Assessment, Level, Source};
use crate::analysis::error::AnalysisError;
use crate::analysis::normalize::{join_cjk_spaces, mask_placeholders};
use std::collections::VecDeque;

/// Customer turns over which the message peak is taken.
const PEAK_TURNS: usize = 3;
/// Ageing of the peak per customer turn.
const PEAK_AGE: f32 = 0.75;
/// Carry-over of the accumulated message signal per customer turn.
const ACC_DECAY: f32 = 0.6;
/// Extra ageing of earlier message signals when the customer calmly acknowledges an answer.
const RESOLVED_AGE: f32 = 0.5;
/// Distinct agent replies remembered for the canned-reply count.
const CANNED_MEMORY: usize = 32;
/// Agent sentences remembered for the `sameAnswer` check.
const AGENT_SENTENCES: usize = 64;
/// Promises remembered for the routing summary.
const PROMISES: usize = 4;
/// Raise times remembered for the alert budget.
const RAISES_CAP: usize = 64;
/// Suggestions offered at once.
const MAX_SUGGESTIONS: usize = 4;

/// The state of one conversation.
#[derive(Clone, Debug)]
pub struct Conversation {
    id: String,
    turns: u32,
    last_ts: Option<u64>,
    rhythm: Rhythm,
    repeats: Repeats,
    trend: Trend,
    last_assessment: Option<Assessment>,
    peak_level: Level,
    recent: VecDeque<(f32, Level, Option<String>)>,
    acc: f32,
    acc_prev: f32,
    soothing: f32,
    agent_pressure: f32,
    agent_flags: Vec<AgentFlag>,
    canned: VecDeque<(u64, u32)>,
    /// Hashes of the agent's recent sentences, with the customer turns seen when each was sent.
    agent_sentences: VecDeque<(u64, u32)>,
    /// Customer turns so far.
    customer_turns: u32,
    apologies_in_a_row: u32,
    complaint_open: bool,
    /// Whether the agent's latest reply delivered something (a time or number, an outright
    /// answer, compensation, a transfer); reset by the next customer message.
    last_agent_delivered: bool,
    /// The agent's last reply, for a customer quoting it back.
    last_agent_text: String,
    compensation_offered: bool,
    warning_level: WarningLevel,
    last_raised_at: [Option<u64>; 4],
    raises: VecDeque<u64>,
    suppressed: u32,
    transfer_requested: bool,
    compensation_step: u8,
    compensation_risk: f32,
    customer_since_offer: bool,
    promises: VecDeque<String>,
    recovered: bool,
    last_customer_ack: bool,
    summary: SummaryAcc,
}

/// Weight of a mild reading of a polite question or request (see [`polite_ask`]).
const POLITE_ASK: f32 = 0.5;

/// A message whose lexicon reasons are all praise ("sweet, ordered it 👍", "perfect, cheers"):
/// said calmly and asking nothing, it closes a thread like "好的谢谢" does.
fn praise_only(a: &Assessment) -> bool {
    let lexicon = || a.reasons.iter().filter(|r| r.source == Source::Lexicon);
    lexicon().any(|r| r.weight < 0.0) && !lexicon().any(|r| r.weight > 0.0)
}

/// A polite request with no sarcasm, rhetorical anger or threat in the grader's reasons.
fn polite_ask(msg: &str, a: &Assessment) -> bool {
    text::is_polite_ask(msg)
        && a.markers.angry_emoji == 0
        && !a.reasons.iter().any(|r| {
            r.source == Source::Lexicon
                && matches!(
                    r.rule.as_str(),
                    "sarcasm" | "rhetorical" | "escalation" | "emoji"
                )
        })
}

impl Conversation {
    /// A new, empty conversation.
    pub fn new(id: &str) -> Self {
        Conversation {
            id: id.to_string(),
            turns: 0,
            last_ts: None,
            rhythm: Rhythm::default(),
            repeats: Repeats::default(),
            trend: Trend::default(),
            last_assessment: None,
            peak_level: Level::Calm,
            recent: VecDeque::with_capacity(PEAK_TURNS),
            acc: 0.0,
            acc_prev: 0.0,
            soothing: 0.0,
            agent_pressure: 0.0,
            agent_flags: Vec::new(),
            canned: VecDeque::new(),
            agent_sentences: VecDeque::new(),
            customer_turns: 0,
            apologies_in_a_row: 0,
            complaint_open: false,
            last_agent_delivered: false,
            last_agent_text: String::new(),
            compensation_offered: false,
            warning_level: WarningLevel::None,
            last_raised_at: [None; 4],
            raises: VecDeque::new(),
            suppressed: 0,
            transfer_requested: false,
            compensation_step: 0,
            compensation_risk: 0.0,
            customer_since_offer: false,
            promises: VecDeque::new(),
            recovered: false,
            last_customer_ack: false,
            summary: SummaryAcc::default(),
        }
    }

    /// Feeds one turn, grading customer messages with `analyzer`.
    pub fn push_turn(
        &mut self,
        analyzer: &MessageAnalyzer,
        config: &Config,
        turn: Turn,
    ) -> Result<TurnReport, AnalysisError> {
        let assessment = match turn.role {
            Role::Customer => Some(analyzer.assess(&turn.text)),
            Role::Agent => None,
        };
        let reads_angry = match turn.role {
            Role::Agent => agent_sounds_angry(&analyzer.assess(&turn.text)),
            Role::Customer => false,
        };
        self.push_assessed_turn(config, turn, assessment, reads_angry)
    }

    /// Feeds one turn whose customer assessment was computed elsewhere (a host with its own
    /// grader, or tests that need controlled readings). `assessment` is used for customer
    /// turns (`None` counts as a calm reading); `agent_reads_angry` is the grader's verdict on
    /// an agent turn's own tone.
    pub fn push_assessed_turn(
        &mut self,
        config: &Config,
        turn: Turn,
        assessment: Option<Assessment>,
        agent_reads_angry: bool,
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
        self.turns = self.turns.saturating_add(1);
        let now = turn.ts_ms;
        let mut events = Vec::new();
        // The engine's text cues read placeholders of anonymised logs as neutral text, the
        // spaces of word-segmented Chinese as nothing (as the lexicon does) and English in
        // lower case (see `normalize::mask_placeholders` and `normalize::join_cjk_spaces`).
        let msg: String = join_cjk_spaces(&mask_placeholders(&turn.text))
            .into_iter()
            .collect::<String>()
            .to_lowercase();
        let (assessment, agent_check) = match turn.role {
            Role::Customer => {
                let a = assessment.unwrap_or_else(|| calm_assessment(&turn.text));
                self.on_customer(config, index, &msg, &a, &mut events);
                (Some(a), None)
            }
            Role::Agent => {
                let check = self.on_agent(config, index, &msg, now, agent_reads_angry);
                (None, Some(check))
            }
        };
        let fused = self.fuse(config, now);
        if turn.role == Role::Customer {
            self.trend.push_risk(fused.risk);
        }
        events.extend(self.update_warning(config, now, &fused, turn.role == Role::Customer));
        self.summary.on_state(index, self.warning_level, fused.risk);
        Ok(TurnReport {
            turn: index,
            role: Some(turn.role),
            assessment,
            agent_check,
            snapshot: self.snapshot_with(config, now, fused),
            events,
        })
    }

    fn on_customer(
        &mut self,
        config: &Config,
        index: u32,
        msg: &str,
        a: &Assessment,
        events: &mut Vec<Event>,
    ) {
        let now = self.last_ts.unwrap_or(0);
        self.customer_turns = self.customer_turns.saturating_add(1);
        let mut level = risk::engine_level(a);
        // "ok." / "fine." / "哦" after a reply that delivered nothing (no time, number,
        // compensation or transfer) while the customer's grievance is open: going quiet is
        // how polite anger looks, not a sign of being settled. It counts as mild and does not
        // end the wait or close the thread.
        let sullen = level == Level::Calm
            && text::is_terse_reply(msg)
            && !self.last_agent_delivered
            && (self.complaint_open || self.recent.iter().any(|r| r.1 >= Level::Mild));
        if sullen {
            level = Level::Mild;
        }
        // Quoting the agent's empty reply back ("理解我的心情。行。") while the grievance is open
        // is sarcasm: angry.
        if level < Level::Angry
            && !self.last_agent_delivered
            && (self.complaint_open || self.recent.iter().any(|r| r.1 >= Level::Mild))
            && text::echoes(msg, &self.last_agent_text)
        {
            level = Level::Angry;
        }
        let beat = self.rhythm.on_customer(
            config,
            now,
            &a.markers,
            msg,
            level == Level::Calm,
            praise_only(a) && !sullen,
        );
        let ask =
            self.repeats
                .on_customer(&config.playbook, index, now, msg, config.wait_signal_ms);
        let mut s = risk::message_signal_at(a, level);
        if level == Level::Mild && ask.repeat.is_none() && polite_ask(msg, a) {
            // A polite question that mentions a fault ("试了还是不行，那能换一个吗？") asks for
            // help: the grader hears the fault, the customer is not angry (yet).
            s *= POLITE_ASK;
        }
        let resolved = ask.acknowledged && level == Level::Calm;
        self.last_agent_delivered = false;
        if resolved {
            // "好的，谢谢": the customer accepts what was said. Earlier anger is no longer
            // what they feel now, so it fades faster than by turns alone.
            for r in self.recent.iter_mut() {
                r.0 *= RESOLVED_AGE;
            }
            self.acc *= RESOLVED_AGE;
        }
        if self.recent.len() == PEAK_TURNS {
            self.recent.pop_front();
        }
        let word = peak_words(a);
        self.recent.push_back((s, level, word));
        self.acc_prev = ACC_DECAY * self.acc;
        self.acc = self.acc_prev + s;
        self.trend.push_signal(s);
        self.peak_level = self.peak_level.max(level);
        self.last_assessment = Some(a.clone());

        self.soothing *= 0.7;
        self.agent_pressure *= 0.7;
        if level >= Level::Angry {
            // Fresh anger overrides earlier soothing.
            self.soothing *= 0.3;
            self.complaint_open = true;
        }
        let complaint_topic = ask
            .topic
            .and_then(|t| config.playbook.topics.get(t))
            .is_some_and(|t| matches!(t.id.as_str(), "quality" | "wrongItem"));
        // A fault reported calmly ("空调显示E1，保修吗") is a question to answer; an apology is
        // owed once the customer is unhappy about it.
        if complaint_topic && level >= Level::Mild {
            self.complaint_open = true;
        }
        if resolved {
            self.soothing += if self.compensation_offered { 1.6 } else { 1.0 };
            self.compensation_offered = false;
        } else if s < 0.1 && ask.repeat.is_none() && !beat.ping_after_wait {
            // The customer calms down: a calm, non-repeating message.
            self.soothing += 0.3;
        }
        self.soothing = self.soothing.min(2.5);
        self.last_customer_ack = ask.acknowledged;
        self.customer_since_offer = true;
        if let Some(r) = ask.repeat {
            self.summary.on_repeat(r.turn, r.earlier_turn);
            let step = match r.count {
                0..=2 => "guide",
                _ => "transfer",
            };
            let suggestion = match (step, ask.topic) {
                ("guide", Some(t)) => config.playbook.topic_suggestion(t, true),
                ("guide", None) => config.playbook.suggest("faq", 0),
                _ => config.playbook.suggest("transfer", 0),
            };
            events.push(Event::RepeatDetected {
                repeat: r,
                step: step.into(),
                suggestion,
            });
        }
    }

    fn on_agent(
        &mut self,
        config: &Config,
        index: u32,
        msg: &str,
        now: u64,
        reads_angry: bool,
    ) -> AgentCheck {
        let check = self.check_with(config, msg, now, reads_angry);
        let long_wait = self.rhythm.wait_ms(now) > config.clocks.slow_response_ms;
        let beat = self.rhythm.on_agent(config, now);
        if text::is_agent_hold(msg) {
            self.rhythm.on_agent_hold(now);
        }
        if beat.slow || long_wait {
            self.summary.on_long_wait(index);
        }
        self.repeats.on_agent(&config.playbook, msg);
        let acts = agent_qa::acts(msg);
        if acts.apology {
            // Saying sorry again without doing anything soothes less each time.
            self.soothing += if acts.concrete || acts.compensation {
                0.4
            } else {
                0.4 * 0.5f32.powi(self.apologies_in_a_row.min(8) as i32)
            };
            self.complaint_open = false;
        }
        if acts.concrete {
            self.soothing += 0.5;
        }
        if acts.compensation {
            self.soothing += 0.7;
            self.compensation_offered = true;
        }
        if acts.transfer {
            self.soothing += 0.3;
        }
        self.last_agent_delivered =
            (acts.concrete || acts.compensation || acts.transfer || text::is_direct_answer(msg))
                && !text::refuses(msg);
        self.last_agent_text.clear();
        self.last_agent_text.push_str(msg);
        self.soothing = self.soothing.min(2.5);
        self.apologies_in_a_row = if acts.apology && !acts.concrete && !acts.compensation {
            self.apologies_in_a_row + 1
        } else {
            0
        };
        self.agent_pressure = (0.5 * self.agent_pressure + agent_qa::severity(&check)).min(2.0);
        for sentence in text::sentences(msg) {
            if self.agent_sentences.len() == AGENT_SENTENCES {
                self.agent_sentences.pop_front();
            }
            self.agent_sentences
                .push_back((text::hash(&sentence), self.customer_turns));
        }
        let h = text::hash(&text::normalize(msg));
        if let Some(pos) = self.canned.iter().position(|(k, _)| *k == h) {
            if let Some(mut e) = self.canned.remove(pos) {
                e.1 += 1;
                self.canned.push_back(e);
            }
        } else {
            if self.canned.len() == CANNED_MEMORY {
                self.canned.pop_front();
            }
            self.canned.push_back((h, 1));
        }
        if let Some(p) = acts.promise {
            if self.promises.len() == PROMISES {
                self.promises.pop_front();
            }
            self.promises.push_back(p);
        }
        self.summary.on_flags(&check.flags);
        self.agent_flags = check.flags.clone();
        check
    }

    /// Advances the clock: waits grow, warnings may rise, a long wait is recorded once.
    pub fn tick(&mut self, config: &Config, now_ms: u64) -> TurnReport {
        let now = now_ms.max(self.last_ts.unwrap_or(0));
        let last_turn = self.turns.saturating_sub(1);
        if self.rhythm.on_clock(config, now) {
            self.summary.on_long_wait(last_turn);
        }
        let fused = self.fuse(config, now);
        let events = self.update_warning(config, now, &fused, false);
        self.summary
            .on_state(last_turn, self.warning_level, fused.risk);
        TurnReport {
            turn: self.turns,
            role: None,
            assessment: None,
            agent_check: None,
            snapshot: self.snapshot_with(config, now, fused),
            events,
        }
    }

    /// Checks an agent text (sent or draft) against the conversation so far, without
    /// changing any state.
    pub fn check_agent_text(
        &self,
        analyzer: &MessageAnalyzer,
        config: &Config,
        text: &str,
        now_ms: u64,
    ) -> AgentCheck {
        let reads_angry = agent_sounds_angry(&analyzer.assess(text));
        self.check_with(config, text, now_ms, reads_angry)
    }

    /// The first sentence of `msg` (16+ characters, normalised) that an earlier agent reply
    /// already said, when the customer has written since that reply.
    fn said_before(&self, msg: &str) -> Option<String> {
        text::sentences(msg).into_iter().find(|s| {
            let h = text::hash(s);
            self.agent_sentences
                .iter()
                .any(|&(k, customers)| k == h && customers < self.customer_turns)
        })
    }

    fn check_with(&self, config: &Config, msg: &str, now: u64, reads_angry: bool) -> AgentCheck {
        let h = text::hash(&text::normalize(msg));
        // The last two customer messages: an old outburst already answered is not "upset now".
        let recent_level = self
            .recent
            .iter()
            .rev()
            .take(2)
            .map(|r| r.1)
            .max()
            .unwrap_or(Level::Calm);
        let ctx = QaContext {
            upset: recent_level >= Level::Mild
                || self.complaint_open
                || (self.warning_level >= WarningLevel::Soothe && !self.last_customer_ack),
            complaint_open: self.complaint_open,
            question_open: self.repeats.has_unanswered(),
            addresses_question: self.repeats.addresses(&config.playbook, msg),
            wait_ms: self.rhythm.wait_ms(now),
            slow_response_ms: config.clocks.slow_response_ms,
            sent_before: self.canned.iter().find(|(k, _)| *k == h).map_or(0, |e| e.1),
            said_before: self.said_before(msg),
            apologies_in_a_row: self.apologies_in_a_row,
            reads_angry: reads_angry && text::find_any(msg, text::APOLOGY).is_none(),
        };
        agent_qa::check(msg, &ctx, &config.agent_qa)
    }

    fn inputs(&self, config: &Config, now: u64) -> RiskInputs {
        let n = self.recent.len();
        let (peak, word) = self
            .recent
            .iter()
            .enumerate()
            .map(|(i, (s, _, w))| (s * PEAK_AGE.powi((n - 1 - i) as i32), w))
            .fold((0.0_f32, None), |(m, mw), (s, w)| {
                if s > m {
                    (s, w.clone())
                } else {
                    (m, mw)
                }
            });
        let wait_ms = self.rhythm.wait_ms(now);
        let (repeat, repeat_topic) = self.repeats.pressure();
        RiskInputs {
            message_peak: peak,
            peak_word: word,
            message_accumulated: self.acc_prev,
            wait: wait_term(config, wait_ms),
            wait_ms,
            slow_response: if wait_ms > config.clocks.reply_rate_ms {
                1.5
            } else if wait_ms > config.clocks.slow_response_ms {
                1.0
            } else {
                0.0
            },
            wait_history: self.rhythm.wait_debt(),
            burst: self.rhythm.burst() as f32 * (0.4 + (2.0 * peak).min(1.0)),
            ping: if self.rhythm.ping_pending() { 1.0 } else { 0.0 },
            intensity: self.rhythm.intensity_excess(),
            repeat,
            repeat_topic,
            trend: self.trend.signal_slope().max(0.0),
            agent: self.agent_pressure,
            soothing: self.soothing,
        }
    }

    fn fuse(&self, config: &Config, now: u64) -> Fused {
        let mut f = risk::fuse(&self.inputs(config, now), &config.weights);
        if let Some(a) = &self.last_assessment {
            // The message's own reasons follow the engine's, so the agent sees the words.
            f.reasons.extend(
                a.reasons
                    .iter()
                    .filter(|r| {
                        r.weight > 0.0 && matches!(r.source, Source::Lexicon | Source::Model)
                    })
                    .take(2)
                    .cloned(),
            );
        }
        f
    }

    fn update_warning(
        &mut self,
        config: &Config,
        now: u64,
        fused: &Fused,
        customer_turn: bool,
    ) -> Vec<Event> {
        let mut events = Vec::new();
        let risk = fused.risk;
        let current = self.warning_level as usize;
        // Hysteresis: a level already held is kept until the risk falls `hysteresis` below it.
        let target = config
            .thresholds
            .iter()
            .enumerate()
            .filter(|(i, t)| {
                let t = if *i < current {
                    **t - config.hysteresis
                } else {
                    **t
                };
                risk >= t
            })
            .count();
        let mut target = WarningLevel::try_from(target as u8).unwrap_or(WarningLevel::Transfer);
        // Handing over to an expert is for a customer who has been angry, or has asked the
        // same thing three times. Waiting and pinging alone, however long, call for a look at
        // the service (review), not a transfer: "在吗？" after four silent minutes is not anger.
        if target == WarningLevel::Transfer
            && self.peak_level < Level::Angry
            && self.repeats.max_asks() < 3
        {
            target = WarningLevel::Review;
        }
        if target > self.warning_level {
            let dup = self.last_raised_at[target as usize]
                .is_some_and(|t| now.saturating_sub(t) < config.dedup_window_ms);
            while self
                .raises
                .front()
                .is_some_and(|&t| now.saturating_sub(t) >= config.alert_budget.window_ms)
            {
                self.raises.pop_front();
            }
            let over_budget = self.raises.len() >= config.alert_budget.max as usize
                && target < WarningLevel::Transfer;
            if dup || over_budget {
                self.suppressed = self.suppressed.saturating_add(1);
            } else {
                if self.raises.len() == RAISES_CAP {
                    self.raises.pop_front();
                }
                self.raises.push_back(now);
                self.last_raised_at[target as usize] = Some(now);
                events.push(Event::WarningRaised {
                    level: target,
                    reasons: fused.reasons.clone(),
                });
            }
            self.recovered = false;
        } else if target < self.warning_level {
            events.push(Event::WarningCleared { level: target });
            if target == WarningLevel::None {
                self.recovered = true;
            }
        }
        self.warning_level = target;

        let asks = self.repeats.max_asks();
        let transfer_due = target == WarningLevel::Transfer || asks >= 3;
        if transfer_due && !self.transfer_requested {
            self.transfer_requested = true;
            self.summary.on_transfer();
            events.push(Event::TransferRequested {
                summary: self.routing(config, now, fused),
            });
        } else if !transfer_due && target <= WarningLevel::Soothe {
            self.transfer_requested = false;
        }

        let comp_due = risk >= config.compensation_threshold || asks >= 3;
        if comp_due && self.compensation_step < 3 {
            let advance = self.compensation_step == 0
                || (customer_turn
                    && self.customer_since_offer
                    && risk >= self.compensation_risk - 0.02);
            if advance {
                let step = self.compensation_step + 1;
                if let Some(s) = config
                    .playbook
                    .suggest("compensation", usize::from(step - 1))
                {
                    self.compensation_step = step;
                    self.compensation_risk = risk;
                    self.customer_since_offer = false;
                    events.push(Event::CompensationProposed {
                        step,
                        suggestion: s,
                    });
                }
            }
        } else if target == WarningLevel::None {
            self.compensation_step = 0;
        }
        events
    }

    fn routing(&self, config: &Config, now: u64, fused: &Fused) -> RoutingSummary {
        let topic = self.repeats.main_topic().unwrap_or_else(|| "未识别".into());
        let repeats = self.repeats.total();
        let longest = self.rhythm.longest_wait(now);
        let reason = fused
            .reasons
            .first()
            .map(|r| r.note.clone())
            .unwrap_or_else(|| "风险过高".into());
        let reason = if self.repeats.max_asks() >= 3 && self.warning_level < WarningLevel::Transfer
        {
            format!("同一问题已问 {} 次", self.repeats.max_asks())
        } else {
            reason
        };
        let promises: Vec<String> = self.promises.iter().cloned().collect();
        let summary = format!(
            "话题：{topic}；重复追问 {repeats} 次；情绪峰值 {}/3；最长等待 {} 秒；已承诺：{}；风险 {:.0}%（阈值 {:.0}%）",
            self.peak_level.as_u8(),
            longest / 1000,
            if promises.is_empty() { "无".to_string() } else { promises.join(" | ") },
            fused.risk * 100.0,
            config.thresholds[2] * 100.0,
        );
        let agent_issues: Vec<String> = self
            .agent_flags
            .iter()
            .filter(|f| f.score >= agent_qa::WARN_SCORE)
            .map(|f| f.dimension.clone())
            .collect();
        RoutingSummary {
            reason,
            topic,
            repeats,
            peak_level: self.peak_level,
            longest_wait_ms: longest,
            promises,
            summary,
            agent_involved: self.agent_pressure >= 0.3 || !agent_issues.is_empty(),
            agent_issues,
        }
    }

    fn suggestions(&self, config: &Config, now: u64) -> Vec<Suggestion> {
        let pb = &config.playbook;
        let mut out: Vec<Suggestion> = Vec::new();
        let mut push = |s: Option<Suggestion>| {
            if let Some(s) = s {
                if out.len() < MAX_SUGGESTIONS && !out.iter().any(|o| o.id == s.id) {
                    out.push(s);
                }
            }
        };
        if self.warning_level >= WarningLevel::Transfer || self.repeats.max_asks() >= 3 {
            push(pb.suggest("transfer", 0));
        }
        if let Some((topic, asks)) = self.repeats.latest_known() {
            push(pb.topic_suggestion(topic, asks >= 2));
        }
        if self.rhythm.wait_ms(now) > config.wait_signal_ms {
            push(pb.suggest("soothe", 0));
        }
        if self.complaint_open {
            push(pb.suggest("apology", 0));
        }
        if self.warning_level >= WarningLevel::Soothe {
            push(pb.suggest("soothe", self.turns as usize % 2 + 1));
            push(pb.suggest("apology", 0));
        }
        if self.recovered && self.warning_level == WarningLevel::None {
            push(pb.suggest("followUp", 0));
        }
        out
    }

    /// Since when (epoch ms) the customer has been waiting for a reply, if they are.
    pub fn waiting_since(&self) -> Option<u64> {
        self.rhythm.waiting_since()
    }

    /// The visible state at `now_ms`.
    pub fn snapshot(&self, config: &Config, now_ms: u64) -> Snapshot {
        let now = now_ms.max(self.last_ts.unwrap_or(0));
        self.snapshot_with(config, now, self.fuse(config, now))
    }

    fn snapshot_with(&self, config: &Config, now: u64, fused: Fused) -> Snapshot {
        let wait_ms = self.rhythm.wait_ms(now);
        let gap = self.rhythm.typical_gap_ms();
        let base_wait = wait_term(config, wait_ms) * config.weights.wait;
        let waiting = self.rhythm.waiting_since().is_some();
        let forecast = self.trend.forecast(fused.risk, |h| {
            if !waiting {
                return 0.0;
            }
            let later = wait_ms.saturating_add((gap * h as f32) as u64);
            wait_term(config, later) * config.weights.wait - base_wait
        });
        let compensation = (self.compensation_step > 0)
            .then(|| {
                config
                    .playbook
                    .suggest("compensation", usize::from(self.compensation_step - 1))
            })
            .flatten();
        Snapshot {
            conversation: self.id.clone(),
            turns: self.turns,
            risk: fused.risk,
            warning_level: self.warning_level,
            reasons: fused.reasons,
            last_assessment: self.last_assessment.clone(),
            peak_level: self.peak_level,
            trend: self.trend.signals(),
            forecast,
            waiting_since_ms: self.rhythm.waiting_since(),
            waiting_ms: wait_ms,
            repeats: self.repeats.found(),
            suggestions: self.suggestions(config, now),
            compensation,
            agent_flags: self.agent_flags.clone(),
            risk_trend: self.trend.risks(),
            rhythm: self.rhythm.state(now),
            repeat_ladder: self.repeats.ladder(),
            compensation_step: self.compensation_step,
            suppressed_alerts: self.suppressed,
            transfer_requested: self.transfer_requested,
        }
    }

    /// The conversation summary so far (what `moodwatch replay --summary` prints).
    pub fn summary(&self) -> Summary {
        self.summary.summary(&self.id)
    }

    /// Number of items held in all bounded collections: constant-bounded however long the
    /// conversation runs (checked by a test with 20 000 turns).
    pub fn footprint(&self) -> usize {
        self.rhythm.footprint()
            + self.repeats.footprint()
            + self.trend.footprint()
            + self.recent.len()
            + self.canned.len()
            + self.raises.len()
            + self.promises.len()
            + self.agent_flags.len()
            + self.summary.footprint()
    }
}

/// ln(1 + excess / signal) of a wait beyond the wait signal.
fn wait_term(config: &Config, wait_ms: u64) -> f32 {
    let signal = config.wait_signal_ms.max(1) as f32;
    let excess = (wait_ms as f32 - signal).max(0.0);
    (1.0 + excess / signal).ln()
}

/// A neutral reading for a customer turn without an assessment.
fn calm_assessment(text: &str) -> Assessment {
    Assessment {
        negative: 0.1,
        level: Level::Calm,
        reasons: Vec::new(),
        lexicon_negative: 0.1,
        model_negative: None,
        markers: crate::analysis::assessment::Markers {
            chars: text.chars().count() as u32,
            ..Default::default()
        },
    }
}

/// The words an agent should see for a message: up to three negative lexicon hits (the model's
/// "93%" explains nothing on its own), else the strongest negative reason of any source.
fn peak_words(a: &Assessment) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    for r in a
        .reasons
        .iter()
        .filter(|r| r.weight > 0.0 && r.source == Source::Lexicon)
    {
        if !words.contains(&r.text.as_str()) && words.len() < 3 {
            words.push(&r.text);
        }
    }
    if words.is_empty() {
        a.reasons
            .iter()
            .find(|r| r.weight > 0.0)
            .map(|r| r.text.clone())
    } else {
        Some(words.join("、"))
    }
}

/// Whether an agent's reply reads angry. Words that are threats from a customer (投诉, 差评,
/// 12315) are information from an agent ("可以在中通app里投诉"): they alone do not make the reply
/// angry; some other sign of anger in its wording must.
fn agent_sounds_angry(a: &Assessment) -> bool {
    a.level >= Level::Angry
        && a.reasons.iter().any(|r| {
            r.source == Source::Lexicon
                && r.weight > 0.0
                && !matches!(r.rule.as_str(), "escalation" | "ping")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fused(risk: f32) -> Fused {
        Fused {
            risk,
            logit: super::super::trend::logit(risk),
            reasons: vec![],
        }
    }

    fn raised(events: &[Event]) -> usize {
        events
            .iter()
            .filter(|e| matches!(e, Event::WarningRaised { .. }))
            .count()
    }

    #[test]
    fn hysteresis_keeps_a_level_from_flickering() {
        let config = Config::default();
        let mut c = Conversation::new("h");
        let mut levels = vec![];
        let mut events = vec![];
        for (i, r) in [0.21, 0.18, 0.22, 0.15, 0.19, 0.11, 0.05]
            .iter()
            .enumerate()
        {
            events.extend(c.update_warning(&config, i as u64 * 1_000, &fused(*r), true));
            levels.push(c.warning_level as u8);
        }
        assert_eq!(levels, vec![1, 1, 1, 1, 1, 0, 0]);
        assert_eq!(raised(&events), 1);
    }

    #[test]
    fn duplicates_are_held_back_and_the_budget_caps_alerts() {
        let config = Config {
            alert_budget: crate::analysis::conversation::AlertBudget {
                max: 2,
                window_ms: 600_000,
            },
            ..Config::default()
        };
        let mut c = Conversation::new("d");
        let mut n = 0;
        // Up, down, up again within the de-duplication window: one announcement.
        n += raised(&c.update_warning(&config, 0, &fused(0.3), true));
        c.update_warning(&config, 1_000, &fused(0.05), true);
        n += raised(&c.update_warning(&config, 2_000, &fused(0.3), true));
        assert_eq!((n, c.suppressed), (1, 1));
        // Review is a new level: announced, using the budget's second slot.
        n += raised(&c.update_warning(&config, 3_000, &fused(0.55), true));
        c.update_warning(&config, 4_000, &fused(0.05), true);
        // Over budget (2 in the window), a later soothe raise is suppressed…
        n += raised(&c.update_warning(&config, 300_000, &fused(0.3), true));
        assert_eq!(n, 2);
        // …but a transfer (for a customer who has been angry) always gets through.
        c.peak_level = Level::Angry;
        let ev = c.update_warning(&config, 301_000, &fused(0.9), true);
        assert_eq!(raised(&ev), 1);
        assert!(ev
            .iter()
            .any(|e| matches!(e, Event::TransferRequested { .. })));
    }

    #[cfg(feature = "embedded-data")]
    #[test]
    fn an_agent_explaining_how_to_complain_is_not_angry() {
        let a = MessageAnalyzer::embedded().unwrap();
        assert!(!agent_sounds_angry(
            &a.assess("你这是中通吧 可以在中通app里投诉 或者打95311")
        ));
        assert!(agent_sounds_angry(
            &a.assess("你爱投诉就投诉，随便你，烦死了")
        ));
    }

    #[test]
    fn no_transfer_for_a_customer_who_was_never_angry() {
        let config = Config::default();
        // Risk from waiting and pinging alone: a look at the service, not an expert.
        let mut c = Conversation::new("w");
        c.peak_level = Level::Mild;
        c.update_warning(&config, 0, &fused(0.95), true);
        assert_eq!(c.warning_level, WarningLevel::Review);
        // The same risk once the customer has been angry: transfer.
        c.peak_level = Level::Angry;
        let ev = c.update_warning(&config, 1_000, &fused(0.95), true);
        assert_eq!(c.warning_level, WarningLevel::Transfer);
        assert!(ev
            .iter()
            .any(|e| matches!(e, Event::TransferRequested { .. })));
    }

    #[test]
    fn compensation_ladder_climbs_while_risk_stays_high() {
        let config = Config::default();
        let mut c = Conversation::new("c");
        let mut steps = vec![];
        for i in 0..5 {
            for e in c.update_warning(&config, i * 1_000, &fused(0.7), true) {
                if let Event::CompensationProposed { step, .. } = e {
                    steps.push(step);
                }
            }
            c.customer_since_offer = true;
        }
        assert_eq!(steps, vec![1, 2, 3]);
        c.update_warning(&config, 10_000, &fused(0.01), true);
        assert_eq!(c.compensation_step, 0);
    }
}

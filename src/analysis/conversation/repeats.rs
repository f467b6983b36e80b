//! Repeated questions and the repeat ladder.
//!
//! A customer message is matched to a topic (intent) from the playbook's topic table by
//! keywords; a question that matches no topic is compared by char-bigram Dice similarity
//! against the open topics, so paraphrases (什么时候发货 / 到底啥时候能发 / 还不发吗 / 今天能
//! 发出去吗) land on the same topic. A **repeat** is an ask of a topic that is still open
//! (not acknowledged by the customer after an answer), made after the agent had a chance to
//! answer (an agent reply in between, or a wait over the wait signal), and carrying no new
//! information (order number, a new fact, a photo). Only a bounded set of open topics is
//! kept, so the work per turn does not grow with the conversation.
//!
//! Ladder per topic: 1st ask → standard answer, 2nd → picture/FAQ guide, 3rd and later →
//! human transfer + compensation.

use super::playbook::Playbook;
use super::text;
use super::types::Repeat;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// Open topics kept per conversation.
const OPEN_TOPICS: usize = 8;
/// Repeats remembered for the snapshot.
const REPEATS_KEPT: usize = 32;
/// Bigrams kept per topic.
const BIGRAMS: usize = 48;
/// Share of a question's bigrams found in an open topic above which it is the same question.
const SIMILAR: f32 = 0.5;
/// Customer turns after which an answered, not re-asked topic counts as settled.
const SETTLE_TURNS: u32 = 6;
/// Urging words: an ask even without a question mark.
/// Words that say the customer is saying something *again* ("我都说了三遍了"): a restated
/// statement counts as a re-ask even when the first mention was not a question.
const RESTATE: &[&str] = &[
    "都说了",
    "说过了",
    "讲过了",
    "问过了",
    "说了几遍",
    "说了多少遍",
    "说了两遍",
    "说了三遍",
    "说了好几遍",
    "问了几遍",
    "问了多少遍",
    "问了两遍",
    "问了三遍",
    "问了好几遍",
    "再说一遍",
    "最后一遍",
    "重复一遍",
    "asked three times",
    "asked twice",
    "asked again",
    "asked you",
    "already asked",
    "asked already",
    "how many times",
    "third time",
    "told you",
];

/// Explicit "again" ("麻烦再帮我看下", "can you check again"): the customer says themselves that
/// this is the same ask, so neither a new detail nor an earlier answer makes it a follow-up.
const AGAIN: &[&str] = &[
    "再帮我",
    "再帮忙",
    "再问",
    "再看下",
    "再看一下",
    "再查",
    "再确认",
    "again",
];

/// "Again" about the future or a habit, not about this ask ("so this doesn't happen again",
/// "never again", "will order again", "下次再问"): not a re-ask.
const NOT_AGAIN: &[&str] = &[
    "happen again",
    "happens again",
    "happening again",
    "occur again",
    "never again",
    "order again",
    "buy again",
    "shop again",
    "use you again",
    "下次再",
    "不会再",
];

/// Whether the message says "again" about this ask (see [`AGAIN`], [`NOT_AGAIN`]).
fn says_again(msg: &str) -> bool {
    let inside_not_again = |at: usize, len: usize| {
        NOT_AGAIN.iter().any(|n| {
            msg.match_indices(n)
                .any(|(j, _)| j <= at && at + len <= j + n.len())
        })
    };
    AGAIN.iter().any(|w| {
        msg.match_indices(w)
            .any(|(at, _)| !inside_not_again(at, w.len()))
    })
}

/// Elliptical re-asks that name no topic of their own ("能不能给个准确时间", "还是没动静",
/// "我问了几遍了都没人说清楚", "any update?"): customers drop the topic when they ask again, so
/// when no topic and no wording matches, such a message re-asks the most recently asked one.
const ELLIPTIC: &[&str] = &[
    "准确时间",
    "具体时间",
    "确切时间",
    "准确的时间",
    "具体的时间",
    "准话",
    "给个说法",
    "给个答复",
    "给个回复",
    "怎么样了",
    "结果呢",
    "还是没",
    "还是不行",
    "依然",
    "仍然",
    "没动静",
    "没消息",
    "说清楚",
    "any update",
    "still not",
    "still no",
    "still haven",
    "still hasn",
    "still waiting",
];

const URGE: &[&str] = &[
    "快点",
    "赶紧",
    "到底",
    "还没",
    "还不",
    "催",
    "怎么还",
    "尽快",
    "马上",
    "还是没",
    "还是不行",
    "still not",
    "still no",
    "still waiting",
    "asap",
    "hurry",
];

/// Which topic an open ask is about.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Key {
    Known(usize),
    Custom(u32),
}

#[derive(Clone, Debug)]
struct Open {
    key: Key,
    label: String,
    first_turn: u32,
    asks: u32,
    bigrams: Vec<u64>,
    last_ask_ts: u64,
    agent_since_ask: bool,
    answered: bool,
    quiet_turns: u32,
}

impl Open {
    /// Grows the topic's vocabulary (bounded) so later paraphrases still match.
    fn learn(&mut self, grams: &[u64]) {
        if self.bigrams.len() < BIGRAMS {
            let room = BIGRAMS - self.bigrams.len();
            self.bigrams.extend(grams.iter().take(room));
            self.bigrams.sort_unstable();
            self.bigrams.dedup();
        }
    }
}

/// One step of the repeat ladder, for the snapshot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LadderStep {
    /// Topic id (`shipping`, …, or `q3` for a question outside the table).
    pub topic: String,
    /// Topic label.
    pub label: String,
    /// Times asked.
    pub asks: u32,
    /// Turn of the first ask.
    pub earlier_turn: u32,
    /// `answer`, `guide` or `transfer`.
    pub step: String,
}

/// What a customer message did to the topics.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AskOutcome {
    /// The repeat found, if this message re-asks an open topic.
    pub repeat: Option<Repeat>,
    /// Index in the playbook topic table of the topic asked, if a known one.
    pub topic: Option<usize>,
    /// Number of asks of that topic now.
    pub asks: u32,
    /// The message acknowledged an answer (thanks / 好的).
    pub acknowledged: bool,
}

/// Topic tracker of one conversation.
#[derive(Clone, Debug, Default)]
pub struct Repeats {
    open: VecDeque<Open>,
    found: VecDeque<Repeat>,
    next_custom: u32,
    total: u32,
}

fn ladder_step(asks: u32) -> &'static str {
    match asks {
        0 | 1 => "answer",
        2 => "guide",
        _ => "transfer",
    }
}

impl Repeats {
    /// A customer message at turn `turn`, time `ts`.
    pub fn on_customer(
        &mut self,
        playbook: &Playbook,
        turn: u32,
        ts: u64,
        msg: &str,
        wait_signal_ms: u64,
    ) -> AskOutcome {
        let mut out = AskOutcome::default();
        for o in self.open.iter_mut() {
            o.quiet_turns += 1;
        }
        // Settled topics: answered and not raised again for a while.
        self.open
            .retain(|o| !(o.answered && o.quiet_turns > SETTLE_TURNS));
        if text::is_bare_ping(msg) {
            return out;
        }
        let restating = text::find_any(msg, RESTATE).is_some();
        let again = says_again(msg);
        let apologising = text::find_any(msg, text::CUSTOMER_APOLOGY).is_some();
        let asking = text::is_question(msg)
            || (!apologising && (text::find_any(msg, URGE).is_some() || restating || again));
        let elliptic = restating || again || text::find_any(msg, ELLIPTIC).is_some();
        if !asking && text::is_acknowledgment(msg) {
            // "好的谢谢": the customer is satisfied with what was said; the topics close.
            self.open.clear();
            out.acknowledged = true;
            return out;
        }
        let known = playbook.topic_of(msg);
        let grams = text::bigrams(msg, BIGRAMS);
        let idx = match known {
            Some(k) => self.open.iter().position(|o| o.key == Key::Known(k)),
            None if !asking => return out,
            None => {
                let similar = if grams.len() >= 3 {
                    self.open
                        .iter()
                        .map(|o| text::containment(&grams, &o.bigrams))
                        .enumerate()
                        .filter(|(_, d)| *d >= SIMILAR)
                        .max_by(|a, b| a.1.total_cmp(&b.1))
                        .map(|(i, _)| i)
                } else {
                    None
                };
                match similar.or_else(|| elliptic.then(|| self.latest_asked()).flatten()) {
                    Some(i) => Some(i),
                    None if grams.len() >= 3 => None,
                    None => return out,
                }
            }
        };
        out.topic = known;
        let Some(i) = idx else {
            if known.is_none() && !asking {
                return out;
            }
            let (key, label) = match known {
                Some(k) => (Key::Known(k), playbook.topics[k].label.clone()),
                None => {
                    self.next_custom += 1;
                    (Key::Custom(self.next_custom), text::clip(msg, 12))
                }
            };
            if self.open.len() == OPEN_TOPICS {
                self.open.pop_front();
            }
            self.open.push_back(Open {
                key,
                label,
                first_turn: turn,
                asks: u32::from(asking),
                bigrams: grams,
                last_ask_ts: ts,
                agent_since_ask: false,
                answered: false,
                quiet_turns: 0,
            });
            out.asks = u32::from(asking);
            return out;
        };
        let o = &mut self.open[i];
        o.quiet_turns = 0;
        if !asking {
            return out;
        }
        // How much of the question was said before on this topic, measured before its own
        // words join the topic's vocabulary (after, every question would contain itself).
        let overlap = text::containment(&grams, &o.bigrams);
        o.learn(&grams);
        if o.asks == 0 && restating {
            // "我都说了三遍了，少发了充电头": the earlier mention was the first ask.
            o.asks = 1;
        } else if o.asks == 0 {
            // The topic was only mentioned before; this is its first real ask.
            o.asks = 1;
            o.first_turn = turn;
            o.last_ask_ts = ts;
            o.agent_since_ask = false;
            out.asks = 1;
            return out;
        }
        let had_chance = o.agent_since_ask || ts.saturating_sub(o.last_ask_ts) > wait_signal_ms;
        // After a concrete answer, a polite question in new words is a follow-up on the same
        // topic; urging words ("还不", "到底") say the answer did not satisfy.
        // Saying "again" or "I asked three times" outweighs both.
        let insists = again || restating;
        // "好的。那…能…吗？", "okay, that helps. will I get tracking?": taking in what was said
        // and asking on is following up, as after an answer.
        let takes_it_in = text::is_acknowledgment(msg);
        let follow_up = (o.answered || takes_it_in)
            && !insists
            && text::find_any(msg, URGE).is_none()
            && overlap < 0.3;
        if (text::has_new_info(msg) && !insists) || !had_chance || follow_up {
            // A follow-up with a new fact, or the same breath: not a repeat.
            o.last_ask_ts = ts;
            out.asks = o.asks;
            return out;
        }
        o.asks += 1;
        o.last_ask_ts = ts;
        o.agent_since_ask = false;
        o.answered = false;
        o.learn(&grams);
        let r = Repeat {
            turn,
            earlier_turn: o.first_turn,
            topic: o.label.clone(),
            count: o.asks,
        };
        out.asks = o.asks;
        // Move the topic to the back so eviction drops the oldest quiet one.
        if let Some(o) = self.open.remove(i) {
            self.open.push_back(o);
        }
        if self.found.len() == REPEATS_KEPT {
            self.found.pop_front();
        }
        self.found.push_back(r.clone());
        self.total += 1;
        out.repeat = Some(r);
        out
    }

    /// The open topic asked most recently, if any was asked.
    fn latest_asked(&self) -> Option<usize> {
        self.open
            .iter()
            .enumerate()
            .filter(|(_, o)| o.asks > 0)
            .max_by_key(|(_, o)| o.last_ask_ts)
            .map(|(i, _)| i)
    }

    /// An agent reply: marks the topics it answers. Returns whether the most recently asked
    /// open topic was addressed (for the `ignoredQuestion` check).
    pub fn on_agent(&mut self, playbook: &Playbook, msg: &str) -> bool {
        let addressed = self.addresses(playbook, msg);
        // Only a concrete reply (a time, a number, a yes/no, an instruction) answers;
        // "马上帮您催" does not.
        let concrete =
            text::has_time(msg) || text::longest_digit_run(msg) >= 1 || text::is_direct_answer(msg);
        let agent_topic = playbook.topic_of(msg);
        let last = self.open.len().checked_sub(1);
        for (i, o) in self.open.iter_mut().enumerate() {
            o.agent_since_ask = true;
            let on_topic = matches!(o.key, Key::Known(k) if Some(k) == agent_topic);
            if concrete && (on_topic || Some(i) == last) {
                o.answered = true;
            }
        }
        addressed
    }

    /// Whether `msg` (an agent reply or draft) addresses the latest open question.
    pub fn addresses(&self, playbook: &Playbook, msg: &str) -> bool {
        let Some(o) = self.open.iter().rev().find(|o| o.asks > 0 && !o.answered) else {
            return true;
        };
        if let Key::Known(k) = o.key {
            if playbook.topic_of(msg) == Some(k) {
                return true;
            }
        }
        if text::dice(&o.bigrams, &text::bigrams(msg, BIGRAMS)) >= 0.12
            || text::find_any(msg, ASKS_FOR_INFO).is_some()
        {
            return true;
        }
        // A substantive reply on no other known topic is taken as an answer; the check is
        // for replies that change the subject or say nothing.
        let other_topic = playbook.topic_of(msg).is_some();
        !other_topic && substance(msg) >= 6
    }

    /// True when a question is open and not answered yet.
    pub fn has_unanswered(&self) -> bool {
        self.open.iter().any(|o| o.asks > 0 && !o.answered)
    }

    /// Repeat pressure: (asks − 1) of the most repeated open topic, aged by quiet turns,
    /// with its label.
    pub fn pressure(&self) -> (f32, Option<String>) {
        self.open
            .iter()
            .filter(|o| o.asks >= 2)
            .map(|o| {
                let age = 0.8_f32.powi(o.quiet_turns.min(30) as i32);
                ((o.asks - 1) as f32 * age, Some(o.label.clone()))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .unwrap_or((0.0, None))
    }

    /// Highest ask count among open topics.
    pub fn max_asks(&self) -> u32 {
        self.open.iter().map(|o| o.asks).max().unwrap_or(0)
    }

    /// Label of the most repeated open topic, or of the latest one.
    pub fn main_topic(&self) -> Option<String> {
        self.open
            .iter()
            .rev()
            .max_by_key(|o| o.asks)
            .map(|o| o.label.clone())
    }

    /// Playbook index of the latest open known topic and its ask count.
    pub fn latest_known(&self) -> Option<(usize, u32)> {
        self.open.iter().rev().find_map(|o| match o.key {
            Key::Known(k) if o.asks > 0 => Some((k, o.asks)),
            _ => None,
        })
    }

    /// Repeats found (most recent, bounded).
    pub fn found(&self) -> Vec<Repeat> {
        self.found.iter().cloned().collect()
    }

    /// All repeats found over the conversation.
    pub fn total(&self) -> u32 {
        self.total
    }

    /// The repeat ladder of the open topics.
    pub fn ladder(&self) -> Vec<LadderStep> {
        self.open
            .iter()
            .filter(|o| o.asks > 0)
            .map(|o| LadderStep {
                topic: match &o.key {
                    Key::Known(_) => o.label.clone(),
                    Key::Custom(n) => format!("q{n}"),
                },
                label: o.label.clone(),
                asks: o.asks,
                earlier_turn: o.first_turn,
                step: ladder_step(o.asks).into(),
            })
            .collect()
    }

    /// Number of stored items (for the bounded-memory test).
    pub fn footprint(&self) -> usize {
        self.found.len() + self.open.iter().map(|o| 1 + o.bigrams.len()).sum::<usize>()
    }
}

/// Characters of a reply left after removing greetings, fillers and template phrases.
pub fn substance(msg: &str) -> usize {
    let mut rest = text::normalize(msg);
    for t in TEMPLATE {
        rest = rest.replace(t, "");
    }
    rest.chars().count()
}

/// Template phrases and fillers that carry no answer.
pub const TEMPLATE: &[&str] = &[
    "感谢您的耐心等待",
    "请耐心等待",
    "耐心等待",
    "已经为您反馈",
    "已为您反馈",
    "已反馈",
    "请您理解",
    "理解一下",
    "亲亲",
    "亲",
    "您好",
    "你好",
    "稍等",
    "在的",
    "哦",
    "呢",
    "哈",
    "的",
];

/// An agent asking for what it needs to answer is addressing the question.
const ASKS_FOR_INFO: &[&str] = &[
    "订单号",
    "麻烦提供",
    "麻烦发",
    "请提供",
    "发一下",
    "拍一下",
    "照片",
    "稍等",
    "查一下",
    "帮您查",
    "帮你查",
    "核实",
    "确认一下",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn again_about_the_future_is_not_a_re_ask() {
        assert!(says_again("can you check again please"));
        assert!(says_again("麻烦再帮我看下"));
        assert!(!says_again(
            "is there a way to submit it online so this doesn't happen again?"
        ));
        assert!(!says_again("never again"));
        assert!(says_again("never again will i... can you check again?"));
    }

    #[cfg(feature = "embedded-data")]
    fn pb() -> Playbook {
        Playbook::embedded()
    }

    #[cfg(feature = "embedded-data")]
    #[test]
    fn paraphrases_repeat_the_first_ask() {
        let pb = pb();
        let mut r = Repeats::default();
        let asks = [
            "什么时候发货",
            "到底啥时候能发",
            "还不发吗",
            "今天能发出去吗",
        ];
        let mut found = vec![];
        for (i, q) in asks.iter().enumerate() {
            let t = i as u32 * 2;
            let o = r.on_customer(&pb, t, t as u64 * 30_000, q, 8_000);
            found.push(o.repeat.map(|r| (r.turn, r.earlier_turn, r.count)));
            r.on_agent(&pb, "亲，马上帮您催一下");
        }
        assert_eq!(
            found,
            vec![None, Some((2, 0, 2)), Some((4, 0, 3)), Some((6, 0, 4))]
        );
        assert_eq!(r.ladder()[0].step, "transfer");
    }

    #[cfg(feature = "embedded-data")]
    #[test]
    fn restated_complaints_and_installation_paraphrases_repeat() {
        let pb = pb();
        // A statement first, then "说了N遍" restating it after the agent replied.
        let mut r = Repeats::default();
        r.on_customer(&pb, 0, 0, "洗衣机到了，但是排水管没在箱子里", 8_000);
        r.on_customer(&pb, 1, 5_000, "配件漏发了", 8_000);
        r.on_agent(&pb, "亲，请问有什么可以帮您");
        let o = r.on_customer(&pb, 3, 90_000, "我都说过了，漏发了排水管", 8_000);
        assert_eq!(o.repeat.map(|x| (x.turn, x.earlier_turn)), Some((3, 1)));
        // Installation asked in other words.
        let mut r = Repeats::default();
        r.on_customer(&pb, 0, 0, "热水器什么时候能安排上门安装", 8_000);
        r.on_agent(&pb, "亲，会有售后联系您的");
        let o = r.on_customer(&pb, 2, 120_000, "装机的人到底哪天来？", 8_000);
        assert_eq!(o.repeat.map(|x| (x.turn, x.earlier_turn)), Some((2, 0)));
    }

    #[cfg(feature = "embedded-data")]
    #[test]
    fn new_info_and_other_topics_are_not_repeats() {
        let pb = pb();
        let mut r = Repeats::default();
        r.on_customer(&pb, 0, 0, "什么时候发货呀", 8_000);
        r.on_agent(&pb, "亲，48小时内发货哦");
        let o = r.on_customer(
            &pb,
            2,
            60_000,
            "我订单号是 3328190012345，能今天发吗",
            8_000,
        );
        assert!(o.repeat.is_none());
        let o = r.on_customer(&pb, 3, 70_000, "另外这个能开发票吗？", 8_000);
        assert!(o.repeat.is_none());
        // Same breath (no agent reply, 3 s later): not a repeat either.
        let mut r = Repeats::default();
        r.on_customer(&pb, 0, 0, "什么时候发货", 8_000);
        assert!(r
            .on_customer(&pb, 1, 3_000, "今天能发吗", 8_000)
            .repeat
            .is_none());
    }

    #[cfg(feature = "embedded-data")]
    #[test]
    fn acknowledged_topic_is_resolved() {
        let pb = pb();
        let mut r = Repeats::default();
        r.on_customer(&pb, 0, 0, "退款什么时候到账？", 8_000);
        r.on_agent(&pb, "亲，退款1-3个工作日原路退回");
        assert!(
            r.on_customer(&pb, 2, 30_000, "好的谢谢", 8_000)
                .acknowledged
        );
        assert_eq!(r.max_asks(), 0);
        assert!(r
            .on_customer(&pb, 3, 999_000, "退款到账了吗", 8_000)
            .repeat
            .is_none());
    }

    #[test]
    fn unknown_questions_match_by_similarity() {
        let pb = Playbook::default();
        let mut r = Repeats::default();
        r.on_customer(&pb, 0, 0, "这个杯子能放洗碗机吗？", 8_000);
        r.on_agent(&pb, "亲，稍等");
        let o = r.on_customer(&pb, 2, 60_000, "杯子到底能不能放洗碗机？", 8_000);
        assert_eq!(o.repeat.map(|r| r.earlier_turn), Some(0));
        for i in 0..100 {
            r.on_customer(
                &pb,
                10 + i,
                100_000 + i as u64 * 60_000,
                &format!("第{i}个不同的问题是什么呢？"),
                8_000,
            );
        }
        assert!(r.footprint() <= OPEN_TOPICS * (BIGRAMS + 1) + REPEATS_KEPT);
    }

    #[cfg(feature = "embedded-data")]
    #[test]
    fn elliptical_re_asks_attach_to_the_latest_question() {
        let pb = pb();
        let mut r = Repeats::default();
        r.on_customer(&pb, 0, 0, "你好，我的快递到哪了？三天没更新了", 8_000);
        r.on_agent(&pb, "亲，显示在运输中哦");
        // No topic word, no shared wording: "still nothing" re-asks the open question.
        let o = r.on_customer(&pb, 2, 90_000, "还是没动静，你们管不管", 8_000);
        assert_eq!(o.repeat.map(|r| (r.turn, r.earlier_turn)), Some((2, 0)));
        // Without an open question there is nothing to attach to.
        let mut fresh = Repeats::default();
        let o = fresh.on_customer(&pb, 0, 0, "能不能给个准确时间", 8_000);
        assert!(o.repeat.is_none());
    }

    #[cfg(feature = "embedded-data")]
    #[test]
    fn saying_again_outweighs_a_new_detail_and_an_earlier_answer() {
        let pb = pb();
        let mut r = Repeats::default();
        r.on_customer(&pb, 0, 0, "请问什么时候发货呀？", 8_000);
        r.on_agent(&pb, "亲，3天内发货哦");
        let o = r.on_customer(
            &pb,
            2,
            600_000,
            "麻烦再帮我看下能不能早点发哈，明天要用",
            8_000,
        );
        assert_eq!(o.repeat.map(|r| r.earlier_turn), Some(0));
        // The same detail without "again" stays a follow-up.
        let mut r = Repeats::default();
        r.on_customer(&pb, 0, 0, "请问什么时候发货呀？", 8_000);
        r.on_agent(&pb, "亲，3天内发货哦");
        let o = r.on_customer(&pb, 2, 600_000, "能不能早点发哈，明天要用", 8_000);
        assert!(o.repeat.is_none());
    }

    #[cfg(feature = "embedded-data")]
    #[test]
    fn still_and_haishi_in_other_senses_are_not_re_asks() {
        let pb = pb();
        for later in ["算了，我还是不要了吧", "is the red one still available?"] {
            let mut r = Repeats::default();
            r.on_customer(&pb, 0, 0, "这款有蓝色的吗？", 8_000);
            r.on_agent(&pb, "亲，蓝色有的哦");
            let o = r.on_customer(&pb, 2, 60_000, later, 8_000);
            assert!(o.repeat.is_none(), "{later}");
        }
    }

    #[cfg(feature = "embedded-data")]
    #[test]
    fn new_questions_on_an_answered_topic_are_follow_ups() {
        // A buyer asking one thing after another about invoices, each answered outright
        // (an instruction, a yes/no): none of it is asking the same question again.
        let pb = pb();
        let mut r = Repeats::default();
        let ask = |r: &mut Repeats, turn: u32, t: &str| {
            r.on_customer(
                &pb,
                turn,
                u64::from(turn) * 60_000,
                &text::normalize(t),
                8_000,
            )
        };
        assert_eq!(
            ask(&mut r, 0, "您好，想开增值税专用发票，怎么操作？").asks,
            1
        );
        r.on_agent(
            &pb,
            &text::normalize("您好，下单时选择增值税专用发票，填写公司信息即可"),
        );
        let o = ask(&mut r, 2, "这批一共三台打印机，可以开在一张发票上吗？");
        assert!(o.repeat.is_none(), "{o:?}");
        r.on_agent(&pb, &text::normalize("可以的，同一订单开一张"));
        let o = ask(&mut r, 4, "发票备注栏能写项目名称吗？");
        assert!(o.repeat.is_none(), "{o:?}");
        // The same question again is still a repeat, answered or not.
        r.on_agent(&pb, &text::normalize("亲，稍等"));
        let o = ask(&mut r, 6, "发票备注栏到底能不能写项目名称？");
        assert!(o.repeat.is_some(), "{o:?}");
    }
}

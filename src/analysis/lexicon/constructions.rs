//! Complaints that are grammar, not words: no entry of the lexicon can list every noun of
//! "连个提醒短信都没有" or every verb of "说扣就扣", and a customer echoing the agent's "亲~"
//! back three times is mocking it, though 亲 alone is a greeting.
//!
//! Each finder returns byte spans of the normalised text; `rules.rs` turns them into hits.

use crate::analysis::assessment::Level;

/// One construction found in a message.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Construction {
    /// Byte span in the normalised text.
    pub span: std::ops::Range<usize>,
    /// Weight of the hit (positive: negative sentiment).
    pub weight: f32,
    /// Level of the hit.
    pub level: Level,
    /// Sarcasm rather than a plain complaint.
    pub sarcasm: bool,
    /// The reason's note.
    pub note: &'static str,
    /// What the reason shows, where not the span's own text (亲×4 for a span of a whole
    /// message).
    pub label: Option<String>,
}

/// "连个提醒短信都没有", "连一句道歉也没有": not even the least was done. Mild.
const NOT_EVEN: f32 = 1.2;
/// "说扣就扣", "说涨价就涨价": the shop acts at will. Mild.
const AT_WILL: f32 = 1.0;
/// The agent's 亲 echoed three times or more: mockery of the macro. Angry.
const MOCKED_QIN: f32 = 2.0;

/// Measure words and numerals that open "连个 … 都没有" (连 alone also means "connect").
const NOT_EVEN_OPENERS: &[&str] = &[
    "连个",
    "连一个",
    "连一句",
    "连句",
    "连一条",
    "连条",
    "连一声",
    "连声",
    "连一点",
    "连点",
    "连一封",
    "连封",
    "连一次",
    "连一通",
    "连通",
];
/// How the construction closes: 都没有, 也没, 都不 ….
const NOT_EVEN_CLOSERS: &[&str] = &["都没", "也没", "都不", "也不"];
/// Characters between opener and closer, at most (a noun phrase, not a new sentence).
const NOT_EVEN_SPAN: usize = 8;
/// Words with 亲 that are not the address "亲" (parents, in person, tried it myself).
const QIN_WORDS: &[&str] = &[
    "亲自", "亲戚", "亲人", "亲测", "亲手", "亲眼", "亲子", "亲身", "亲友", "亲属", "父亲", "母亲",
    "双亲", "亲情", "相亲", "亲近", "亲切",
];
/// What a shop does at will in "说扣就扣", longest first.
const AT_WILL_VERBS: &[&str] = &[
    "取消", "涨价", "扣钱", "扣款", "封号", "停机", "删", "扣", "涨", "改", "封", "停", "关", "砍",
    "变", "降", "收",
];
/// How many times a customer must say 亲 to be echoing the agent.
const QIN_ECHOES: usize = 3;

/// Every construction in `text` (normalised: folded, lower case).
pub(super) fn find(text: &str) -> Vec<Construction> {
    let mut out = not_even(text);
    out.extend(at_will(text));
    out.extend(mocked_qin(text));
    out.extend(yes_or_no_demand(text));
    out.extend(this_is_your_service(text));
    out
}

/// "这就是你们驾校的服务?", "这就是你们家的售后": the curated "这就是你们的服务" with the shop's
/// own name in between. Angry sarcasm, as that entry.
const THIS_IS_YOUR_SERVICE: f32 = 1.8;
/// What the customer sneers at.
const SERVICE_WORDS: &[&str] = &["服务", "态度", "效率", "售后", "客服", "质量"];
/// Characters of a name between 你们 and 的, at most.
const SERVICE_NAME_SPAN: usize = 6;

fn this_is_your_service(text: &str) -> Vec<Construction> {
    const OPENER: &str = "这就是你们";
    let mut out = Vec::new();
    for (start, _) in text.match_indices(OPENER) {
        let rest = &text[start + OPENER.len()..];
        let mut found = None;
        for (n, (i, c)) in rest.char_indices().enumerate() {
            if n > SERVICE_NAME_SPAN || is_clause_break(c) {
                break;
            }
            // With no name in between, the curated entry has it.
            if n > 0 && c == '的' {
                let after = &rest[i + c.len_utf8()..];
                if let Some(w) = SERVICE_WORDS.iter().find(|w| after.starts_with(**w)) {
                    found = Some(start + OPENER.len() + i + c.len_utf8() + w.len());
                }
                break;
            }
        }
        if let Some(end) = found {
            out.push(Construction {
                span: start..end,
                weight: THIS_IS_YOUR_SERVICE,
                level: Level::Angry,
                sarcasm: false,
                note: "反讽：这就是你们…的服务",
                label: None,
            });
        }
    }
    out
}

/// "退还是不退", "管还是不管", "给不给个准话" aside: X 还是不 X, the customer demanding a yes or a
/// no. Mild.
const YES_OR_NO: f32 = 1.2;

/// "X还是不X" with X one or two characters, the same both times.
fn yes_or_no_demand(text: &str) -> Vec<Construction> {
    const MIDDLE: &str = "还是不";
    let mut out = Vec::new();
    for (at, _) in text.match_indices(MIDDLE) {
        let before: Vec<(usize, char)> = text[..at].char_indices().collect();
        let after = &text[at + MIDDLE.len()..];
        for len in (1..=2).rev() {
            if before.len() < len {
                continue;
            }
            let (x_start, _) = before[before.len() - len];
            let x = &text[x_start..at];
            if x.chars().all(|c| c.is_alphanumeric() && !c.is_ascii()) && after.starts_with(x) {
                out.push(Construction {
                    span: x_start..at + MIDDLE.len() + x.len(),
                    weight: YES_OR_NO,
                    level: Level::Mild,
                    sarcasm: false,
                    note: "X还是不X：要求给个准话",
                    label: None,
                });
                break;
            }
        }
    }
    out
}

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | '!' | '?' | ';' | '\n' | '，' | '。' | '！' | '？' | '；' | '~' | '～'
    )
}

/// "连个提醒短信都没有": opener, a short noun phrase in the same clause, a negated closer.
fn not_even(text: &str) -> Vec<Construction> {
    let mut out = Vec::new();
    for opener in NOT_EVEN_OPENERS {
        for (start, _) in text.match_indices(opener) {
            // A match starting inside one already found is part of it.
            if out.iter().any(|c: &Construction| c.span.contains(&start)) {
                continue;
            }
            let rest = &text[start + opener.len()..];
            let mut end = None;
            for (n, (i, c)) in rest.char_indices().enumerate() {
                if n > NOT_EVEN_SPAN || is_clause_break(c) {
                    break;
                }
                if let Some(closer) = NOT_EVEN_CLOSERS.iter().find(|w| rest[i..].starts_with(**w)) {
                    end = Some(start + opener.len() + i + closer.len());
                    break;
                }
            }
            if let Some(end) = end {
                out.push(Construction {
                    span: start..end,
                    weight: NOT_EVEN,
                    level: Level::Mild,
                    sarcasm: false,
                    note: "连个…都没有：连最基本的都没做",
                    label: None,
                });
            }
        }
    }
    out
}

/// "说扣就扣", "说涨价就涨价", "说取消就取消": 说 X 就 X with X something a shop does to a
/// customer. Not any verb: "说到就到", "说来就来" praise a courier, "说走就走" is a trip.
fn at_will(text: &str) -> Vec<Construction> {
    let mut out = Vec::new();
    for x in AT_WILL_VERBS {
        let pattern = format!("说{x}就{x}");
        for (start, _) in text.match_indices(&pattern) {
            if out.iter().any(|c: &Construction| c.span.contains(&start)) {
                continue;
            }
            out.push(Construction {
                span: start..start + pattern.len(),
                weight: AT_WILL,
                level: Level::Mild,
                sarcasm: false,
                note: "说X就X：抱怨商家随意操作",
                label: None,
            });
        }
    }
    out
}

/// The address 亲 said three times or more by a customer: echoing the agent's macro back.
fn mocked_qin(text: &str) -> Vec<Construction> {
    let mut masked = text.to_string();
    for w in QIN_WORDS {
        masked = masked.replace(w, &"_".repeat(w.len()));
    }
    let at: Vec<usize> = masked.match_indices('亲').map(|(i, _)| i).collect();
    if at.len() < QIN_ECHOES {
        return Vec::new();
    }
    let (first, last) = (at[0], at[at.len() - 1]);
    vec![Construction {
        span: first..last + '亲'.len_utf8(),
        weight: MOCKED_QIN,
        level: Level::Angry,
        sarcasm: true,
        note: "学客服说“亲”：嘲讽",
        label: Some(format!("亲×{}", at.len())),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&'static str> {
        find(text).into_iter().map(|c| c.note).collect()
    }

    #[test]
    fn not_even_needs_its_closer_in_the_same_clause() {
        assert_eq!(found("扣了248，连个提醒短信都没有").len(), 1);
        assert_eq!(found("连一句道歉也没有").len(), 1);
        assert!(found("能连个wifi吗").is_empty());
        assert!(found("连个赠品，都没问题").is_empty());
        assert!(found("连续三天都没下雨").is_empty());
    }

    #[test]
    fn at_will_needs_the_same_verb_twice() {
        assert_eq!(found("248说扣就扣").len(), 1);
        assert_eq!(found("你们说涨价就涨价").len(), 1);
        assert!(found("客服说就这样吧").is_empty());
        assert!(found("快递说到就到，点赞").is_empty());
    }

    #[test]
    fn yes_or_no_demands() {
        assert_eq!(
            found("你就直接告诉我，退还是不退"),
            ["X还是不X：要求给个准话"]
        );
        assert_eq!(found("到底管还是不管").len(), 1);
        assert!(found("是红色还是不要了").is_empty());
    }

    #[test]
    fn qin_echoed_three_times_is_mockery_not_family() {
        assert_eq!(
            find("亲~站内信谁看啊亲~那我是不是还得谢谢你们亲~")[0].level,
            Level::Angry
        );
        assert!(found("亲，我亲自去取，我父亲也去").is_empty());
        assert!(found("亲 在吗 亲").is_empty());
    }

    #[test]
    fn this_is_your_service_with_a_name_in_between() {
        assert_eq!(
            found("约个练车等了一个月,这就是你们驾校的服务?"),
            ["反讽：这就是你们…的服务"]
        );
        assert_eq!(found("这就是你们家的售后吗").len(), 1);
        // The curated entry reads the plain form; a long aside is not a name.
        assert!(found("这就是你们的服务").is_empty());
        assert!(found("这就是你们说的那个很好用的服务").is_empty());
    }
}

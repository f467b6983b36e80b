//! A fault told as a fact is a report, not a feeling.
//!
//! "收到的芒果有好几个烂了", "我买的电饭煲坏了 不加热了 怎么保修", "The package arrived damaged,
//! the screen is cracked": customers open most after-sale chats this way, and the blind
//! graders (rounds 1–21) read such lines calm 25 times out of 30. The fault words still raise
//! the message's negative probability; they just set no level of their own. What keeps a
//! fault a grievance is anything else in the message: another complaint word, sarcasm, loud
//! punctuation, or a word saying the fault came back ("又坏了", "still broken", "same error as
//! before": the shop's fix did not work).

use super::english_cues::mentions;

/// Words for physical damage, which a box can suffer while the goods inside are fine (rules.rs
/// reads them so next to "东西没事").
pub(super) const DAMAGE: &[&str] = &[
    "烂", "破", "坏", "破损", "压扁", "压坏", "变形", "碎", "裂", "damaged", "crushed", "torn",
    "dented", "ripped", "smashed",
];

/// Other words that describe what is wrong with goods, a parcel, a delivery or a device.
const FAULT_WORDS: &[&str] = &[
    "坏了",
    "坏的",
    "烂了",
    "有点压坏",
    "故障",
    "不亮",
    "黑屏",
    "蓝屏",
    "报错",
    "漏水",
    "跳闸",
    "没收到",
    "我没收到",
    "开不了机",
    "不制冷",
    "发霉",
    "broken",
    "shattered",
    "cracked",
    "leaking",
    "faulty",
    "defective",
    "error",
    "stopped working",
];

/// Words that make a fault the shop's failure: it came back or outlasted a fix ("又坏了", "still
/// broken", "same error as before"), or the goods were new ("开不了机 刚买3天", "brand new and
/// already cracked").
const GRIEVANCE_CUES: &[&str] = &[
    "又",
    "再次",
    "老是",
    "总是",
    "每次",
    "第二次",
    "第三次",
    "刚买",
    "才买",
    "新买的",
    "刚收到就",
    "才用",
    "没用几天",
    "用了没几天",
    "第一次用",
    "still",
    "again",
    "same",
    "as before",
    "keeps",
    "every time",
    "brand new",
    "just bought",
    "only had it",
    "first use",
];

/// Review-trained (uncurated) complaint weight a report may carry besides its fault words:
/// those lists hold topic words such as 空调 (hotel reviews complain about air conditioning),
/// which say nothing about the customer's mood.
const GENERAL_WEIGHT_ALLOWED: f32 = 1.2;

/// One hit that raised the message's score.
pub(super) struct Complaint<'a> {
    /// The hit's (normalised) text.
    pub text: &'a str,
    /// From the curated customer-service lexicon, not a review-trained list.
    pub curated: bool,
    /// Its weight after the grading rules.
    pub weight: f32,
}

/// Whether the message's curated complaint words are all fault words, the review-trained
/// ones weigh little, and nothing makes the fault the shop's failure. `text` is the
/// normalised (folded, lower-case) message.
pub(super) fn is_fault_report<'a>(
    text: &str,
    complaints: impl Iterator<Item = Complaint<'a>>,
) -> bool {
    let mut faults = 0;
    let mut general = 0.0;
    for c in complaints {
        if FAULT_WORDS.contains(&c.text) || DAMAGE.contains(&c.text) {
            faults += 1;
        } else if c.curated {
            return false;
        } else {
            general += c.weight;
        }
    }
    faults > 0
        && general < GENERAL_WEIGHT_ALLOWED
        && !GRIEVANCE_CUES.iter().any(|r| mentions(text, r))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Curated hits of weight 1.
    fn hits<'a>(words: &'a [&'a str]) -> impl Iterator<Item = Complaint<'a>> + 'a {
        words.iter().map(|w| Complaint {
            text: w,
            curated: true,
            weight: 1.0,
        })
    }

    #[test]
    fn a_lone_fault_is_a_report() {
        assert!(is_fault_report("收到的芒果有好几个烂了", hits(&["烂了"])));
        assert!(is_fault_report(
            "the package arrived damaged, the screen is cracked.",
            hits(&["damaged", "cracked"])
        ));
    }

    #[test]
    fn another_complaint_or_a_recurrence_keeps_it_a_grievance() {
        assert!(!is_fault_report(
            "垃圾质量，用了两天就坏了",
            hits(&["垃圾", "坏了"])
        ));
        assert!(!is_fault_report("唉，又坏了", hits(&["坏了"])));
        assert!(!is_fault_report("开不了机 刚买3天 就坏了", hits(&["坏了"])));
        assert!(!is_fault_report("still broken.", hits(&["broken"])));
        assert!(!is_fault_report(
            "same error as before, the fix you sent didn't change anything.",
            hits(&["error"])
        ));
    }

    #[test]
    fn topic_words_from_review_lists_do_not_count() {
        let aircon = || {
            hits(&["不制冷"]).chain(std::iter::once(Complaint {
                text: "空调",
                curated: false,
                weight: 0.76,
            }))
        };
        assert!(is_fault_report("空调不制冷了", aircon()));
        let heavy = hits(&["坏了"]).chain(std::iter::once(Complaint {
            text: "垃圾",
            curated: false,
            weight: 2.0,
        }));
        assert!(!is_fault_report("垃圾 坏了", heavy));
    }

    #[test]
    fn recurrence_words_match_whole_english_words() {
        // "stillwater" is a place, "gain" is not "again".
        assert!(is_fault_report(
            "the stillwater store sent it broken",
            hits(&["broken"])
        ));
        assert!(!is_fault_report("no complaint words at all", hits(&[])));
    }
}

//! Whom a complaint word is about. "我要投诉" said to the shop is a threat; "快递员态度不好，在哪里
//! 投诉比较合适" or "how do I file a complaint about the courier?" asks how to complain about
//! someone else (the courier, the rider, the driver), often on another's behalf, and is no
//! threat to the shop. Both readings use the normalised text (lower-case, half-width).

/// Someone other than the shop a complaint can be about.
const THIRD_PARTIES: &[&str] = &[
    "快递员",
    "快递小哥",
    "快递师傅",
    "派送员",
    "配送员",
    "送货员",
    "骑手",
    "外卖员",
    "司机",
    "驿站",
    "菜鸟驿站",
    "物业",
    "保安",
    "邮递员",
    "courier",
    "delivery driver",
    "the driver",
    "postman",
    "postie",
    "mail carrier",
    "the rider",
    "delivery guy",
    "delivery man",
    // Someone named with "the"/"那个" rather than "you": the warden, the installer, that driver.
    "complaint about the",
    "complain about the",
    "complaint about a ",
    "complain about a ",
    "complaint against the",
    "投诉那个",
    "投诉一下那个",
    // Carriers by name, and the carrier as the one at fault (这个算快递的锅吧). Bare 快递 is
    // not here: "快递三天没动，我要投诉" blames the shop for its parcel.
    "顺丰",
    "中通",
    "圆通",
    "韵达",
    "申通",
    "极兔",
    "邮政",
    "德邦",
    "快递公司",
    "物流公司",
    "快递的锅",
    "快递的问题",
    "ups",
    "fedex",
    "dhl",
    "usps",
    "royal mail",
    "evri",
    "dpd",
    "canada post",
    "australia post",
];

/// Words that put the shop (or whoever the customer is talking to) in the complaint.
const SHOP: &[&str] = &[
    "你们",
    "你家",
    "你的",
    "你这",
    "商家",
    "店家",
    "卖家",
    "客服",
    "贵店",
    "贵司",
    "平台",
    "you guys",
    "your ",
    "you people",
    "you lot",
    "this company",
    "this store",
    "this shop",
];

/// Asking how or where to complain, not announcing one.
const HOW_TO: &[&str] = &[
    "怎么投诉",
    "如何投诉",
    "哪里投诉",
    "哪投诉",
    "投诉渠道",
    "投诉电话",
    "怎么举报",
    "在哪里举报",
    "how do i file",
    "how to file",
    "how can i file",
    "how do i complain",
    "how to complain",
    "how can i complain",
    "where do i complain",
    "where can i complain",
    "how do i make a complaint",
    "how do i lodge",
    "how to lodge",
    "where do i file",
    "where can i file",
    "how i file",
    "how i can file",
    "how i complain",
    "how i make a complaint",
    // Asking whether to: 我要去找顺丰投诉吗, should I report the driver?
    "投诉吗",
    "投诉他吗",
    "投诉他们吗",
    "举报吗",
    "should i complain",
    "should i report",
    "should i file",
];

/// Asking what an escalation leads to, or how the process goes ("差评会影响你们店铺吗", "will the
/// chargeback affect my account?", "what's the complaints process?"): the customer wants to
/// know, and has not said they will do it.
const CONSEQUENCE: &[&str] = &[
    "会影响",
    "会不会影响",
    "有影响吗",
    "有没有影响",
    "投诉流程",
    "差评规则",
    "会怎么样",
    "affect my",
    "affect our",
    "affect your",
    "impact my",
    "impact on",
    "complaints process",
    "complaint process",
    "chargeback process",
    "dispute process",
    "claim process",
    "complaints procedure",
    "complaint procedure",
    "the process",
    "同一个入口",
    "赔偿流程",
    "流程是怎样",
    "流程是什么",
    "流程怎么",
    "what's the process",
    "what is the process",
    "process look like",
    "process works",
    "what happens if",
    "what happens when",
    "is it true that",
    "would that make",
];

/// Asking how long a process takes, or whether its pace is normal ("平台介入一般要几天？", "is it
/// normal for a chargeback to take 45 days?"): about the complaint or dispute named in the same
/// question, not a threat to start one.
const HOW_LONG: &[&str] = &[
    "一般要几天",
    "一般几天",
    "一般要多久",
    "一般多久",
    "要多久",
    "需要多久",
    "多长时间",
    "要几天",
    "几天能",
    "多久能",
    "多久才",
    "is it normal for",
    "is it normal that",
    "how long does",
    "how long do",
    "how long will",
    "how long would",
    "how long is",
    "how long it takes",
    "how long for",
];

/// Asking how to do something ("could you tell me how to file a formal complaint?", "is there a
/// way to leave a review for the technician?"): a review asked about is no threat; a complaint
/// asked about is one unless the customer says it is only a question.
const HOW_TO_DO: &[&str] = &[
    "how to ",
    "how do i",
    "how can i",
    "how would i",
    "how should i",
    "is there a way to",
    "what is the procedure",
    "what's the procedure",
    "procedure to",
    "process to",
    "what are the steps",
    "steps to",
    "where can i",
    "where do i",
    "怎么",
    "如何",
    "在哪",
    "哪里",
    "什么流程",
];

/// Saying the question is only a question ("先问问，不急", "just asking", "no drama"): with one
/// of these, asking about a process or its consequences reads calm.
const JUST_ASKING: &[&str] = &[
    // Asking for someone else, or before buying.
    "帮朋友问",
    "帮我朋友问",
    "替朋友问",
    "帮家里人问",
    "asking for a friend",
    "asked me to find out",
    "doing some research",
    "doing research",
    "先问问",
    "只是问问",
    "问问而已",
    "就问问",
    "就是问问",
    "问问流程",
    "随便问问",
    "了解一下",
    "想了解",
    "不急",
    "想知定先",
    "想先了解",
    "just asking",
    "just so i know",
    "so i know the process",
    "for my own information",
    "not upset",
    "not angry",
    "not because i am angry",
    "not because i'm angry",
    "not because im angry",
    "don't want to make trouble",
    "dont want to make trouble",
    "not looking to make a fuss",
    "don't want to make a fuss",
    "dont want to make a fuss",
    "not trying to make a fuss",
    "not trying to make trouble",
    "not tryna start drama",
    "want it documented",
    "only to know",
    "for the future",
    "just want to understand",
    "hypothetically",
    "rather sort it out with you",
    "rather sort this out with you",
    "rather resolve it with you",
    "rather resolve this with you",
    "不是要投诉",
    "不是威胁",
    "不想闹大",
    "不想找麻烦",
    "留个记录",
    "想咨询",
    "咨询一下",
    "don't know which",
    "dont know which",
    "genuinely don't know",
    "not complaining",
    "for my records",
    "for our records",
    "just want to know",
    "just wanted to know",
    "just wondering",
    "just curious",
    "out of curiosity",
    "no drama",
];

/// Saying one will do it: with one of these, a question about consequences is a threat
/// ("再不发我就给差评，看会不会影响你们").
const WILL_DO: &[&str] = &[
    "我就",
    "就给",
    "我要给",
    "我会给",
    "i will",
    "i'll",
    "i am going to",
    "i'm going to",
    "we will",
    "we'll",
    "现在就去",
    "这就去",
    "马上就去",
    "我要投诉",
    "我要举报",
    "i want to complain",
    "i want to file",
    "i want to make a complaint",
    "i want to report",
];

/// Another shop or brand: what went wrong with *its* product is the customer's history, told
/// while asking about this one ("之前买的别家那个两天就咬烂了", "去年用了某大牌精华烂脸了").
const ANOTHER_SHOP: &[&str] = &[
    "别家",
    "别人家",
    "其他家",
    "别的店",
    "别的家",
    "别的牌子",
    "其他牌子",
    "其它牌子",
    "某大牌",
    "之前那家",
    "上一家",
    "another brand",
    "other brand",
    "another store",
    "another shop",
    "different brand",
    "other store",
    "other shop",
];

/// Words that clear the shop of what the message complains about ("楼下物业太离谱了 … 不怪你们
/// 骑手"): the anger is at someone else.
const CLEARS_SHOP: &[&str] = &[
    "不是投诉你们",
    "不是要投诉你们",
    "not complaining about you",
    "跟你们没关系",
    "和你们没关系",
    "与你们没关系",
    "不关你们的事",
    // The customer's own doing ("后来发现是我自己洗缩水了").
    "发现是我自己",
    "原来是我自己",
    "其实是我自己",
    "我自己的问题",
    "怪我自己",
    "my own fault",
    "my own mistake",
    "不怪你们",
    "不是怪你们",
    "不怪你",
    "不是你们的问题",
    "不是你们的错",
    "not your fault",
    "no fault of yours",
    "not you guys",
    "同你们无关",
    "跟你们无关",
    "和你们无关",
    "与你们无关",
    "nothing to do with you",
];

/// Whether the message asks if a call, a text or a link it got is a scam ("我家老人接到个电话说是
/// 12315的 是不是骗子", "got a text saying my parcel is held, is this a scam?"): customers check
/// with the shop when someone calls in its name, and the fraud word is about the caller.
pub(super) fn asks_if_a_caller_is_a_scam(text: &str) -> bool {
    const CONTACT: &[&str] = &[
        "电话",
        "来电",
        "短信",
        "链接",
        "打给我",
        "打过来",
        "加我",
        "微信",
        "私信",
        "call",
        "text",
        "sms",
        "link",
        "email",
        "e-mail",
        "message",
    ];
    const ASKED: &[&str] = &[
        "是不是骗子",
        "是骗子吗",
        "是不是诈骗",
        "是诈骗吗",
        "是不是骗人",
        "是骗人的吗",
        "是不是假的",
        "is this a scam",
        "is it a scam",
        "is that a scam",
        "is this legit",
        "is this real",
    ];
    ASKED.iter().any(|w| text.contains(w)) && CONTACT.iter().any(|w| mentions(text, w))
}

/// Whether the message says the shop is not to blame for what it complains about.
pub(super) fn clears_the_shop(text: &str) -> bool {
    CLEARS_SHOP.iter().any(|w| text.contains(w))
}

/// Whether an escalation entry is a complaint or a report (投诉, 举报, 申诉, complaint, report),
/// the kind that can be about someone other than the shop.
pub(super) fn is_complaint_word(entry: &str) -> bool {
    const WORDS: &[&str] = &["投诉", "举报", "申诉", "complain", "report"];
    WORDS.iter().any(|w| entry.contains(w))
}

/// Whether a question asks what an escalation leads to (or how its process goes) without the
/// customer saying they will do it.
/// The sentence that asks may be any of the message's ("hiya will the chargeback my bank raised
/// affect my account at all? they did it automatically when my card got cloned").
pub(super) fn asks_about_consequences(text: &str, is_question: bool) -> bool {
    let asking =
        |sentence: &str| CONSEQUENCE.iter().any(|w| sentence.contains(w)) && asks(sentence);
    let asks = (is_question && CONSEQUENCE.iter().any(|w| text.contains(w)))
        || text.split_inclusive(['?', '.', '!', '。']).any(asking);
    asks && !says_will_do(text)
}

/// The byte ranges of the questions (sentences with "?" or 吗) that ask how long something
/// takes or whether its pace is normal, when the customer has not said they will act: an
/// escalation word inside one is the subject of the question ("想了解一下如果商家一直不处理，平台介入
/// 一般要几天？").
pub(super) fn how_long_questions(text: &str) -> Vec<std::ops::Range<usize>> {
    questions_with(text, HOW_LONG)
}

/// Questions that threaten ("你们是想让我去工信部吗？", "do you want this on the local news?",
/// "shall I forward this to the ICO?", "…不然12315见？"): asked, but meant.
const THREAT_QUESTION: &[&str] = &[
    // "你们要是觉得这样处理没问题，那我发个小红书让大家评评理，可以吧？": the condition's consequence.
    "那我发",
    "那我去",
    "那我就去",
    "那我只能",
    // Comparing channels to file with ("黑猫投诉和12315一起投的话，哪个处理得更快呢？") is planning.
    "一起投",
    "哪个更快",
    "哪个处理得更快",
    "哪个处理更快",
    "想让我",
    "要不要我",
    "信不信",
    "难道要我",
    "要我去",
    "逼我",
    "是不是要我",
    "非要我",
    "不然",
    "否则",
    "do you want me to",
    "want me to",
    "do you want this",
    "shall i",
    "should i just",
    "or else",
    "otherwise",
    "or i'll",
    "or i will",
    "or are you going to",
    "would you prefer",
    "do you think",
    "you think",
    "你猜",
    "才会重视",
    "还是我直接",
];

/// What an information-seeking question asks with: whether one needs to, may, how, where, how
/// long, which ("需要先找运营商投诉吗？", "消协投诉和12315投诉是同一个东西吗？", "do I need to …?").
const INFO_CUES: &[&str] = &[
    "请问",
    // What a channel is, or which one to turn to ("12315是干什么的呀", "我应该找航司还是找你们平台申请?").
    "干什么的",
    "干嘛的",
    "干啥的",
    "能追评",
    "能改",
    "应该找",
    "该找",
    "找谁",
    "is the ",
    "what's the process",
    "what is the process",
    "想问",
    "咨询",
    "需要",
    "可以",
    "是否",
    "同一个",
    "同一家",
    "这种情况",
    "能找",
    "能不能找",
    "算是",
    "算不算",
    "一般",
    "流程",
    "怎么",
    "如何",
    "哪里",
    "在哪",
    "多久",
    "do i need",
    "can i",
    "is it possible",
    "do i have to",
    "which one",
    "is it ",
    "difference between",
    "how does",
    "how do",
];

/// The byte ranges of the sentences that ask for information (see [`asks`], [`INFO_CUES`]) in a
/// message that does not threaten with a question ([`THREAT_QUESTION`]) and where the customer
/// has not said they will act: an escalation word in one is asked about ("请问投诉到工信部一般需要多久？", "is it Ofcom or the ombudsman I go to?").
pub(super) fn plain_questions(text: &str) -> Vec<std::ops::Range<usize>> {
    if THREAT_QUESTION.iter().any(|w| text.contains(w)) {
        return Vec::new();
    }
    questions_with(text, INFO_CUES)
}

/// Whether the customer says they will act ([`WILL_DO`]); "我就问问", "我就想知道", "我就是问一下"
/// only ask.
fn says_will_do(text: &str) -> bool {
    WILL_DO.iter().any(|w| {
        text.match_indices(w).any(|(i, _)| {
            let rest = &text[i + w.len()..];
            !(*w == "我就"
                && (rest.starts_with('问') || rest.starts_with("想") || rest.starts_with("是问")))
        })
    })
}

/// The byte ranges of the questions that ask how to do something ([`HOW_TO_DO`]), when the
/// customer has not said they will act.
pub(super) fn how_to_questions(text: &str) -> Vec<std::ops::Range<usize>> {
    questions_with(text, HOW_TO_DO)
}

/// The byte ranges of the sentences that ask (see [`asks`]) and contain one of `forms`; none when the
/// customer says they will act ([`WILL_DO`]).
fn questions_with(text: &str, forms: &[&str]) -> Vec<std::ops::Range<usize>> {
    if says_will_do(text) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut start = 0;
    for sentence in text.split_inclusive(['?', '.', '!', '。', '！']) {
        let end = start + sentence.len();
        if asks(sentence) && forms.iter().any(|w| sentence.contains(w)) {
            out.push(start..end);
        }
        start = end;
    }
    out
}

/// Whether a sentence asks: a question mark or 吗, a question opener (请问, 想问下, 问一下), or a
/// question word with a sentence-final particle ("投诉的话走什么流程呀"): chats often drop the
/// question mark.
fn asks(sentence: &str) -> bool {
    const OPENERS: &[&str] = &[
        "请问",
        "想问",
        "问下",
        "问一下",
        "i'd like to know",
        "i would like to know",
        "i want to know",
        "i was wondering",
        "could you tell me",
        "can you tell me",
    ];
    const WH: &[&str] = &["什么", "哪里", "在哪", "怎么", "如何", "多久", "几天"];
    // Chinese chats separate clauses with spaces, which the normaliser drops: a question word
    // with 呀 or 呢 a few characters after it asks ("如果退款一直不到账一般是走什么投诉流程呀先了解一下").
    let wh_particle = WH.iter().any(|w| {
        sentence.match_indices(w).any(|(i, _)| {
            sentence[i..]
                .chars()
                .take(12)
                .any(|c| matches!(c, '呀' | '呢'))
        })
    });
    // Asking where is asking, particle or not ("那如果复检也不行 去哪里投诉"); a bare 怎么 is as
    // often a reproach ("怎么还没发货").
    let asks_where = ["哪里", "在哪", "哪儿"]
        .iter()
        .any(|w| sentence.contains(w));
    sentence.contains('?')
        || sentence.contains('吗')
        || OPENERS.iter().any(|w| sentence.contains(w))
        || wh_particle
        || asks_where
}

/// Whether an escalation entry is about a review, which may be a good one ("leave a review").
pub(super) fn is_review_word(entry: &str) -> bool {
    entry.contains("review") || entry.contains("评价")
}

/// Whether the message says its question is only a question ("先问问，不急", "just asking").
pub(super) fn just_asking(text: &str) -> bool {
    JUST_ASKING.iter().any(|w| text.contains(w))
}

/// Whether the message says the goods themselves are fine ("里面东西没事", "the item itself is
/// fine"): what it says is damaged is the packaging.
pub(super) fn goods_are_fine(text: &str) -> bool {
    const CUES: &[&str] = &[
        "东西没事",
        "东西没坏",
        "商品没事",
        "商品没坏",
        "里面没事",
        "里面没坏",
        "东西完好",
        "商品完好",
        "item is fine",
        "item itself is fine",
        "contents are fine",
        "contents were fine",
        "product is fine",
        "nothing inside",
    ];
    CUES.iter().any(|w| text.contains(w))
}

/// Whether `w` occurs in `text`; an ASCII entry only as whole words ("ups" is not the one in
/// "cups", "dpd" not inside a code), where a trailing plural s is allowed.
fn mentions(text: &str, w: &str) -> bool {
    if !w.is_ascii() {
        return text.contains(w);
    }
    let bytes = text.as_bytes();
    text.match_indices(w).any(|(i, _)| {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let end = i + w.len();
        let after = bytes.get(end).copied();
        let after = if after == Some(b's') {
            bytes.get(end + 1).copied()
        } else {
            after
        };
        !before.is_some_and(|b| b.is_ascii_alphanumeric())
            && !after.is_some_and(|b| b.is_ascii_alphanumeric())
    })
}

/// Whether the message's complaints are about another shop's product (and not this shop's).
pub(super) fn about_another_shop(text: &str) -> bool {
    ANOTHER_SHOP.iter().any(|w| mentions(text, w)) && !names_the_shop(text)
}

/// Whether the message names the shop or the person the customer is talking to: a [`SHOP`]
/// word, or the English word "you"/"your"/"u".
fn names_the_shop(text: &str) -> bool {
    SHOP.iter().any(|w| text.contains(w))
        || text
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
            .any(|w| {
                matches!(
                    w,
                    "you" | "your" | "yours" | "u" | "ur" | "you're" | "you've"
                )
            })
}

/// How a complaint word in this message should count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ComplaintTarget {
    /// At the shop, or no one named: it counts as written.
    Shop,
    /// About someone else: a grievance, not a threat to the shop (mild at most).
    Elsewhere,
    /// Asking how to complain about someone else: a question, calm.
    AskingHowElsewhere,
}

/// Reads whom the message's complaint words are about.
pub(super) fn complaint_target(text: &str) -> ComplaintTarget {
    let has = |list: &[&str]| list.iter().any(|w| mentions(text, w));
    if !has(THIRD_PARTIES) || names_the_shop(text) {
        return ComplaintTarget::Shop;
    }
    if has(HOW_TO) {
        ComplaintTarget::AskingHowElsewhere
    } else {
        ComplaintTarget::Elsewhere
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn asking_if_a_caller_is_a_scam_is_about_the_caller() {
        assert!(asks_if_a_caller_is_a_scam(
            "接到个电话说是你们客服要给我退款 是不是骗子"
        ));
        assert!(asks_if_a_caller_is_a_scam(
            "got a text saying my parcel is held, is this a scam?"
        ));
        // No call, text or link: the question is about the shop.
        assert!(!asks_if_a_caller_is_a_scam("你们是不是骗子"));
    }
    use super::*;

    #[test]
    fn complaints_about_the_courier_are_not_threats_to_the_shop() {
        use ComplaintTarget::*;
        let t = complaint_target;
        assert_eq!(
            t("我爸想投诉一下那个快递员 要怎么投诉啊"),
            AskingHowElsewhere
        );
        assert_eq!(
            t("how do i file a complaint about the courier?"),
            AskingHowElsewhere
        );
        assert_eq!(t("快递员把东西扔门口了，我要投诉他"), Elsewhere);
        assert_eq!(t("你们的快递员态度太差了，我要投诉"), Shop);
        assert_eq!(t("how do i file a complaint about your service"), Shop);
        assert_eq!(t("我要投诉"), Shop);
        assert_eq!(
            t("also one more doubt, how do i file a complaint about the previous hall warden?"),
            AskingHowElsewhere
        );
        assert_eq!(
            t("i want to file a complaint about the way you handled this"),
            Shop
        );
        assert_eq!(
            t("那咋办 这个算快递的锅吧 我要去找顺丰投诉吗"),
            AskingHowElsewhere
        );
        assert_eq!(t("顺丰把东西弄坏了，我要投诉"), Elsewhere);
        assert_eq!(t("should i report the driver to dhl?"), AskingHowElsewhere);
        // A carrier's name only as a word: "cups" and "items" name no one.
        assert_eq!(
            t("two of the cups arrived broken, i want to complain"),
            Shop
        );
        assert_eq!(t("the items never came, i will file a complaint"), Shop);
    }

    #[test]
    fn clearing_the_shop() {
        assert!(clears_the_shop("楼下物业太离谱了 不怪你们骑手"));
        assert!(clears_the_shop(
            "the courier was awful, not your fault though"
        ));
        assert!(!clears_the_shop("都怪你们 发货太慢"));
    }

    #[test]
    fn asking_what_an_escalation_leads_to_is_not_a_threat() {
        let a = asks_about_consequences;
        assert!(a("差评是不是会影响你们店铺啊", true));
        assert!(a(
            "will the chargeback my bank raised affect my account at all?",
            true
        ));
        assert!(a("what's the complaints process?", true));
        assert!(!a("再不发货我就给差评，看会不会影响你们", true));
        assert!(!a(
            "i'll file a chargeback, will it affect my account?",
            true
        ));
        assert!(!a("差评会影响你们店铺", false));
        assert!(a(
            "hiya will the chargeback my bank raised affect my account at all? they did it automatically",
            false
        ));
    }

    #[test]
    fn asking_how_long_a_process_takes_marks_that_question_only() {
        // Normalised text, as the rules see it: full-width ？ is already ?.
        let text = "想了解一下如果商家一直不处理，平台介入一般要几天?先问问，不急";
        let q = how_long_questions(text);
        assert_eq!(q.len(), 1);
        let at = text.find("平台介入").unwrap_or(usize::MAX);
        assert!(q[0].contains(&at));
        assert!(just_asking(text));
        // A threat in another sentence stays outside the question.
        let text = "how long does a refund take? i'm reporting you to the bbb.";
        let q = how_long_questions(text);
        assert_eq!(q.len(), 1);
        assert!(!q[0].contains(&text.find("bbb").unwrap_or(0)));
        let text = "how long does a chargeback take? i will file one today";
        assert!(how_long_questions(text).is_empty(), "said they will act");
        let text = "退款一般要多久?再不退就去12315。";
        let q = how_long_questions(text);
        let at = text.find("12315").unwrap_or(0);
        assert_eq!(q.len(), 1);
        assert!(!q[0].contains(&at));
        assert!(
            how_long_questions("平台介入一般要几天").is_empty(),
            "not a question"
        );
        assert!(!just_asking("平台介入一般要几天?"));
    }

    #[test]
    fn asking_how_to_do_it() {
        let text = "is there a way to leave a review for the technician? he was excellent.";
        let q = how_to_questions(text);
        assert_eq!(q.len(), 1);
        assert!(q[0].contains(&text.find("leave a review").unwrap_or(usize::MAX)));
        assert!(is_review_word("leave a review"));
        assert!(!is_review_word("投诉"));
        assert!(how_to_questions("how do i cancel, i will leave a review?").is_empty());
        assert!(
            how_to_questions("tell me how to complain").is_empty(),
            "not a question"
        );
    }

    #[test]
    fn damage_to_the_box_only() {
        assert!(goods_are_fine("盒子压扁了 里面东西没事"));
        assert!(!goods_are_fine("东西坏了"));
    }

    #[test]
    fn another_shops_product_is_history_not_a_complaint_here() {
        assert!(about_another_shop(
            "这个会不会被它咬坏啊 之前买的别家那个两天就咬烂了"
        ));
        assert!(about_another_shop("去年用了某大牌精华烂脸了一个月"));
        assert!(!about_another_shop("你们比别家差远了"));
        assert!(!about_another_shop("东西两天就坏了"));
    }
}

//! Small text helpers shared by the conversation parts: keyword scans, char bigrams for
//! paraphrase matching, and the cues the engine reads in customer and agent messages.
//! Everything here is allocation-light because it runs on every turn.

/// Words that acknowledge an answer or close a topic from the customer's side.
pub const ACK: &[&str] = &[
    "谢谢",
    "好的",
    "好滴",
    "好嘞",
    "知道了",
    "明白",
    "收到",
    "ok",
    "行吧",
    "可以",
    "辛苦",
    "麻烦了",
    "多谢",
    "感谢",
    "嗯嗯",
    "好吧",
    "没问题",
    "thanks",
    "thank you",
    "got it",
    "that helps",
    // Good news closes a thread too: "ok that worked", "you guys fixed it".
    "fixed it",
    "it worked",
    "that worked",
    "works now",
    "working now",
    "all good",
    "all sorted",
    "cheers",
    "appreciate it",
    "you're forgiven",
    // Clearing the seller of blame: the anger is not at them.
    "not your fault",
    "不怪你们",
    "不是你们的问题",
];

/// Whole messages that acknowledge ("嗯", "ok", "yes"): too short or too common to match
/// inside other messages.
const BARE_ACK: &[&str] = &[
    "嗯", "嗯嗯", "嗯呢", "哦", "哦哦", "好", "行", "对", "是的", "👌", "👍", "k", "kk", "yes",
    "yep", "yeah", "sure", "done", "ty", "okay", "okie",
];

/// The customer taking back their own tone ("刚才着急了", "sorry for snapping"): the urgency
/// words in it (着急) look back, they do not press for anything.
pub const CUSTOMER_APOLOGY: &[&str] = &[
    "刚才着急",
    "刚刚着急",
    "刚才语气",
    "刚刚语气",
    "刚才态度不好",
    "刚才说话冲",
    "刚才有点急",
    "sorry for snapping",
    "sorry i snapped",
    "sorry for being rude",
    "sorry for the rant",
    "didn't mean to be rude",
    "sorry for my tone",
    "sorry about the caps",
    "sorry for the caps",
];

/// Bare pings: the whole message only asks whether anyone is there.
const PINGS: &[&str] = &[
    "?",
    "？",
    "人呢",
    "在吗",
    "在不在",
    "有人吗",
    "有人没",
    "有人在吗",
    "客服呢",
    "客服在吗",
    "回话",
    "说话",
    "喂",
    "hello",
    "。",
    "...",
    "。。。",
    "人去哪了",
];

/// Apology cues in an agent reply.
pub const APOLOGY: &[&str] = &[
    "抱歉",
    "对不起",
    "不好意思",
    "给您带来",
    "给你带来",
    "致歉",
    "歉意",
    "让您久等",
    "久等了",
    "实在抱歉",
    // English replies arrive lower-cased (see `state.rs`).
    "sorry",
    "apologise",
    "apologize",
    "apologies",
    "my bad",
];

/// Compensation cues in an agent reply.
pub const COMPENSATION: &[&str] = &[
    "补偿",
    "赔偿",
    "优惠券",
    "无门槛",
    "红包",
    "返现",
    "补发",
    "退差价",
    "差价",
    "运费险",
    "免费",
    "赠送",
    "送您",
    "包邮",
    "优先处理",
    "加急",
    "专属",
    "补贴",
];

/// Cues that the customer brings new information (an order number is caught by digits).
const NEW_INFO: &[&str] = &[
    "订单号",
    "单号是",
    "地址改",
    "改成",
    "换成",
    "已经",
    "刚才",
    "刚刚",
    "因为",
    "要用",
    "急用",
    "生日",
    "送人",
    "截图",
    "[图片]",
    "照片",
    "视频",
    "另外",
    "补充",
];

/// Words that mark a question or request in a customer message.
const QUESTION_CUES: &[&str] = &[
    "?",
    "？",
    "吗",
    "呢",
    "怎么",
    "什么",
    "啥",
    "多久",
    "几天",
    "能不能",
    "可不可以",
    "可以",
    "是否",
    "哪",
    "为什么",
    "为啥",
    "咋",
    "有没有",
    "请问",
    "帮我",
    "麻烦",
];

/// Time words that make an answer or promise concrete.
const TIME_WORDS: &[&str] = &[
    "今天",
    "明天",
    "后天",
    "今晚",
    "小时",
    "分钟",
    "点前",
    "点之前",
    "天内",
    "工作日",
    "个工作",
    "周一",
    "周二",
    "周三",
    "周四",
    "周五",
    "周六",
    "周日",
    "上午",
    "下午",
    "晚上",
    "中午",
    "号前",
    "号之前",
    "月底",
    "本周",
    "下周",
    "当天",
    "24h",
    "48h",
];

/// Lower-cases ASCII and drops whitespace and punctuation: the form canned replies and pings
/// are compared in.
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !is_soft_punct(*c))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn is_soft_punct(c: char) -> bool {
    matches!(
        c,
        ',' | '，'
            | '.'
            | '!'
            | '！'
            | '~'
            | '～'
            | '、'
            | ';'
            | '；'
            | ':'
            | '：'
            | '"'
            | '“'
            | '”'
            | '\''
            | '‘'
            | '’'
    )
}

/// The first listed word that occurs in `text`.
pub fn find_any<'a>(text: &str, words: &[&'a str]) -> Option<&'a str> {
    words.iter().copied().find(|w| text.contains(w))
}

/// Whether a message is written as an email or a forum post: a subject line, a quoted earlier
/// message, three paragraphs or more, or a greeting line and a sign-off line with a name after
/// it. Email threads run at hours, not
/// seconds. `text` is lower-case, as the engine's text cues are.
pub fn is_email(text: &str) -> bool {
    const OPENINGS: &[&str] = &[
        "hi ",
        "hi,",
        "hello",
        "dear ",
        "good morning",
        "good afternoon",
        "to whom",
    ];
    const SIGN_OFFS: &[&str] = &[
        "regards",
        "regards,",
        "kind regards,",
        "best regards,",
        "best,",
        "thanks,",
        "thank you,",
        "many thanks,",
        "sincerely,",
        "yours sincerely,",
        "cheers,",
        "best wishes,",
        "此致",
    ];
    if text.starts_with("subject:") || text.contains("\n> ") || text.contains(" wrote:\n") {
        return true;
    }
    // A post: three paragraphs or more, or a title line over paragraphs ("Swollen battery …
    // - options?\n\nHi everyone. …"), as forums and tickets are written; a chat line is not.
    let paragraphs = text.split("\n\n").filter(|p| !p.trim().is_empty()).count();
    if text.chars().count() >= 200 && paragraphs >= 3 {
        return true;
    }
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .peekable();
    let greets = lines
        .next()
        .is_some_and(|l| l.len() <= 40 && OPENINGS.iter().any(|o| l.starts_with(o)));
    if !greets {
        return false;
    }
    while let Some(line) = lines.next() {
        if SIGN_OFFS.contains(&line) && lines.peek().is_some() {
            return true;
        }
    }
    false
}

/// How many listed words occur in `text` (each counted once).
pub fn count_any(text: &str, words: &[&str]) -> usize {
    words.iter().filter(|w| text.contains(**w)).count()
}

/// True when the whole message is a bare ping such as `？`, `人呢`, `在吗`.
pub fn is_bare_ping(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() {
        return false;
    }
    if t.chars()
        .all(|c| matches!(c, '?' | '？' | '。' | '.' | '!' | '！'))
    {
        return true;
    }
    let mut stripped = t.to_ascii_lowercase();
    for g in ["你好", "您好", "hello", "hi", "亲"] {
        stripped = stripped.replace(g, "");
    }
    if stripped
        .trim_matches(|c: char| !c.is_alphanumeric())
        .is_empty()
    {
        // A greeting alone ("你好") is not a ping.
        return t.chars().all(|c| matches!(c, '?' | '？'));
    }
    let core: String = stripped
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '?' | '？' | '!' | '！' | '。' | '.' | '，' | ',' | ' ' | '啊' | '呀' | '了'
            )
        })
        .collect::<String>()
        .to_ascii_lowercase();
    core.chars().count() <= 5 && PINGS.iter().any(|p| core == *p)
}

/// Markers of a polite request: asking for help, not demanding it.
const POLITE: &[&str] = &[
    "请问",
    "麻烦",
    "能帮我",
    "帮我看",
    "帮我查",
    "帮忙",
    "谢谢",
    "请帮",
    "please",
    "could you",
    "can you",
    "would you",
];

/// Words that turn a request into a demand or a complaint: impatience, blame, "why".
const DEMAND: &[&str] = &[
    "到底",
    "究竟",
    "怎么还",
    "还不",
    "还没",
    "为什么",
    "为啥",
    "凭什么",
    "再不",
    "赶紧",
    "快点",
    "你们",
    "!",
    "！",
    "??",
    "？？",
    "why",
    "still",
];

/// True when the message is a polite question or request ("能帮我看看怎么处理吗？", "那能换
/// 一个吗？", "麻烦帮我查一下，谢谢") with nothing demanding in it: it may describe a fault,
/// but it asks for help rather than voicing anger.
pub fn is_polite_ask(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| c.is_whitespace() || "。.~～?？".contains(c));
    let yes_no =
        t.ends_with('吗') || t.ends_with('呢') || text.contains("吗？") || text.contains("吗?");
    (yes_no || find_any(text, POLITE).is_some()) && find_any(text, DEMAND).is_none()
}

/// True when the customer message asks something.
pub fn is_question(text: &str) -> bool {
    if !AGREEMENT.iter().any(|a| text.contains(a)) {
        return find_any(text, QUESTION_CUES).is_some();
    }
    // "那可以，谢谢" agrees; "可以退吗" asks. Take the agreeing forms out before looking.
    let mut rest = text.to_string();
    for a in AGREEMENT {
        rest = rest.replace(a, "");
    }
    find_any(&rest, QUESTION_CUES).is_some()
}

/// 可以 said as agreement, not as "may I", and 麻烦 said as thanks, not as "would you": a
/// question cue only outside these.
const AGREEMENT: &[&str] = &[
    "那可以",
    "可以的",
    "可以可以",
    "那也可以",
    "也可以",
    "可以了",
    // Thanks, not a request: "行 麻烦了", "好的麻烦你了" close a thread.
    "麻烦了",
    "麻烦你了",
    "麻烦您了",
];

/// True when the message carries a new fact: an order number, a date, a photo, a reason.
pub fn has_new_info(text: &str) -> bool {
    longest_digit_run(text) >= 5 || find_any(text, NEW_INFO).is_some()
}

/// True when the text names a time or a number of hours/days: a concrete commitment.
pub fn has_time(text: &str) -> bool {
    find_any(text, TIME_WORDS).is_some() || has_english_time(text) || {
        // "3天", "5点", "2个" — a digit directly followed by a unit.
        let chars: Vec<char> = text.chars().take(400).collect();
        chars.windows(2).any(|w| {
            (w[0].is_ascii_digit() || "一二两三四五六七八九十".contains(w[0]))
                && "天点号日个小分周".contains(w[1])
        })
    }
}

/// Openings of an agent reply that answer a yes/no question outright ("可以的，…", "不需要，…",
/// "Yes, …"). Checked after the greeting words in [`REPLY_OPENERS`].
const DIRECT_ANSWERS: &[&str] = &[
    "可以",
    "不可以",
    "能",
    "不能",
    "需要",
    "不需要",
    "不用",
    "是的",
    "是",
    "不是",
    "有的",
    "有",
    "没有",
    "支持",
    "不支持",
    "会",
    "不会",
    "对的",
    "对",
    "包邮",
    "不包邮",
    "同一",
    "yes",
    "no",
    "yep",
    "sure",
    "you can",
    "you can't",
    "you'll need",
    "you don't need",
    "it does",
    "it is",
    "we do",
    "we don't",
    "we can",
    "unfortunately",
];

/// Greetings and fillers an agent reply may open with before its answer.
const REPLY_OPENERS: &[&str] = &[
    "亲亲",
    "亲爱的",
    "亲",
    "您好",
    "你好",
    "哈喽",
    "在的",
    "好的",
    "嗯嗯",
    "嗯",
    "hi",
    "hello",
    "thanks",
    "thank you",
];

/// Wording of an instruction or a complete answer ("在【我的订单】里申请", "填写公司信息即可").
const STEP_WORDS: &[&str] = &[
    "即可",
    "就行",
    "就可以了",
    "就好",
    "点击",
    "进入",
    "选择",
    "填写",
    "提交",
    "上传",
    "→",
    "在【",
    "可以在",
    "go to",
    "click",
    "tap",
    "select",
    "you just need",
];

/// True when an agent reply answers outright: a yes/no at its start (after greetings) or an
/// instruction. Such a reply answers a question as much as a time or a number does, so a
/// later question on the same topic in new words is a follow-up, not a repeat.
pub fn is_direct_answer(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    if find_any(&lower, STEP_WORDS).is_some() {
        return true;
    }
    let mut rest = lower.as_str();
    loop {
        let trimmed =
            rest.trim_start_matches(|c: char| c.is_whitespace() || "，,。.!！~～、:：".contains(c));
        match REPLY_OPENERS.iter().find(|o| trimmed.starts_with(**o)) {
            Some(o) => rest = &trimmed[o.len()..],
            None => {
                rest = trimmed;
                break;
            }
        }
    }
    DIRECT_ANSWERS.iter().any(|a| {
        rest.strip_prefix(a).is_some_and(|after| {
            // A whole English word ("no" is not "now", "sure" not "surely").
            !a.is_ascii() || !after.starts_with(|c: char| c.is_ascii_alphanumeric())
        })
    })
}

/// Whole replies that take something in with as few words as possible ("ok.", "fine.", "哦",
/// "行。"). After an answer that solved nothing they are how a customer goes quiet and sullen.
const TERSE: &[&str] = &[
    "ok",
    "okay",
    "k",
    "kk",
    "fine",
    "sure",
    "right",
    "whatever",
    "noted",
    "ok then",
    "fine then",
    "if you say so",
    "哦",
    "哦哦",
    "嗯",
    "行",
    "好",
    "好吧",
    "行吧",
    "随便",
    "。",
    "...",
    "。。。",
];

/// True when the whole message is a terse acknowledgement (see [`TERSE`]).
/// Refusals: a reply that says no has not delivered what was asked, whatever else it offers
/// ("compensation can only be requested once the fault is resolved, you can apply via …").
const REFUSALS: &[&str] = &[
    "unfortunately",
    "unable to",
    "cannot",
    "can't",
    "not able to",
    "not possible",
    "can only be",
    "无法",
    "不支持",
    "没办法",
    "做不到",
    "不可以",
];

/// Whether an agent reply refuses (see [`REFUSALS`]).
pub fn refuses(text: &str) -> bool {
    find_any(&text.to_lowercase(), REFUSALS).is_some()
}

/// The sentences of a reply worth comparing with earlier replies: split at sentence ends and
/// [`normalize`]d; not greetings, thanks or apologies (saying those twice is manners), and long
/// enough to say something: 12 characters of Chinese, 24 letters and digits otherwise.
pub fn sentences(text: &str) -> Vec<String> {
    const FORMULAS: &[&str] = &["thank", "hello", "感谢", "谢谢", "您好", "你好"];
    text.split(['。', '！', '？', '!', '?', '\n', '；', ';'])
        .flat_map(|s| s.split(". "))
        .filter(|s| {
            let lower = s.to_lowercase();
            find_any(&lower, APOLOGY).is_none() && !FORMULAS.iter().any(|f| lower.contains(f))
        })
        .map(normalize)
        .filter(|s| {
            let han = s
                .chars()
                .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                .count();
            han >= 12 || (han == 0 && s.chars().count() >= 24)
        })
        .collect()
}

/// Stock phrases of agents' replies that deliver nothing, in the second person where they
/// have one (a customer's 我 is read as 您 when matching).
const PLATITUDES: &[&str] = &[
    "耐心等待",
    "理解您的心情",
    "理解您的感受",
    "积极处理",
    "积极催促",
    "加急处理",
    "正在处理",
    "尽快处理",
    "第一时间",
    "正常现象",
    "以实物为准",
    "一定色差",
    "光线问题",
    "请您理解",
    "按订单发货",
    "working on it",
    "looking into it",
    "bear with us",
    "your patience",
    "your frustration",
    "as soon as possible",
    "inconvenience",
];

/// Whether a short customer message throws one of the agent's stock phrases back at them
/// ("理解我的心情。行。" after "非常理解您的心情，我们也在积极催促厂家"; "耐心等待？我已经等三天了";
/// "working on it. sure."). After a reply that delivered nothing, that is sarcasm.
pub fn echoes(customer: &str, agent: &str) -> bool {
    if customer.chars().filter(|c| !c.is_whitespace()).count() > 24 {
        return false;
    }
    let mine: String = customer
        .to_lowercase()
        .chars()
        .map(|c| if c == '我' { '您' } else { c })
        .collect();
    let theirs: String = agent
        .to_lowercase()
        .chars()
        .map(|c| if c == '你' { '您' } else { c })
        .collect();
    PLATITUDES
        .iter()
        .any(|p| mine.contains(p) && theirs.contains(p))
}

pub fn is_terse_reply(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    let t = t.trim_end_matches(['.', '!', '。', '！', '~', '～']);
    TERSE.contains(&t) || (t.is_empty() && !text.trim().is_empty())
}

/// English time words a concrete answer or commitment names.
const ENGLISH_TIME_WORDS: &[&str] = &[
    "today",
    "tomorrow",
    "tonight",
    "this afternoon",
    "this evening",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "next week",
    "end of day",
];

/// Units that make a number a time: "9am", "3-5 business days", "within 24 hours".
const ENGLISH_TIME_UNITS: &[&str] = &[
    "am", "pm", "h", "hr", "hrs", "hour", "hours", "min", "mins", "minute", "minutes", "day",
    "days", "week", "weeks", "business", "working",
];

/// True when lower-cased English text names a day or a number with a time unit.
fn has_english_time(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.iter().any(|w| ENGLISH_TIME_WORDS.contains(w))
        || ENGLISH_TIME_WORDS
            .iter()
            .filter(|t| t.contains(' '))
            .any(|t| text.contains(t))
    {
        return true;
    }
    words.iter().enumerate().any(|(i, w)| {
        let digits = w.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0
            && (ENGLISH_TIME_UNITS.contains(&&w[digits..])
                || (digits == w.len()
                    && words
                        .get(i + 1)
                        .is_some_and(|n| ENGLISH_TIME_UNITS.contains(n))))
    })
}

/// The customer asking the agent to wait for *them* ("just a minute I need my glasses", "稍等
/// 我找下单号"): nobody owes them a reply until they are back.
const CUSTOMER_HOLD: &[&str] = &[
    "just a minute",
    "just a sec",
    "one sec",
    "one moment",
    "hold on",
    "give me a minute",
    "give me a sec",
    "brb",
    "let me check",
    "let me find",
    "let me look",
    "稍等",
    "等一下",
    "等我一下",
    "我看看",
    "我找找",
    "我去看看",
    "我查一下",
    "我找一下",
    "我翻一下",
];

/// True when the customer asks the agent to wait for them (see [`CUSTOMER_HOLD`]) and asks
/// nothing else.
pub fn is_customer_hold(text: &str) -> bool {
    let lower = text.to_lowercase();
    find_any(&lower, CUSTOMER_HOLD).is_some() && !is_question(&lower)
}

/// The agent asking the customer to hold while they check: the answer is still to come.
const AGENT_HOLD: &[&str] = &[
    "请稍等",
    "稍等一下",
    "稍等片刻",
    "稍等哦",
    "稍等哈",
    "稍等呢",
    "马上为您查",
    "正在为您查询",
    "正在帮您查",
    "我帮您查一下",
    "帮您查询一下",
    "give me a few minutes",
    "give me a minute",
    "give me a moment",
    "one moment please",
    "bear with me",
    "please hold",
    "please stay on the line",
    "let me check",
    "let me look into",
    "i'll check with",
    "i will check with",
    "checking now",
];

/// True when the agent's last sentence asks the customer to hold while they check (see
/// [`AGENT_HOLD`]): "I'm looking for a room nearby. Please give me a few minutes." A hold
/// followed by the answer ("我帮您查一下，显示已经发货了") answers.
pub fn is_agent_hold(text: &str) -> bool {
    let lower = text.to_lowercase();
    let trimmed = lower.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | '。' | '!' | '！' | '~' | '～' | '哦' | '哈' | '呢')
    });
    let last = trimmed
        .rfind(['.', '。', '!', '！', '?', '？', '，', ','])
        .map_or(trimmed, |i| &trimmed[i..]);
    find_any(last, AGENT_HOLD).is_some()
}

/// Goods received, not "got it": "收到货了，少了一个充电头" reports a problem.
const RECEIVED_GOODS: &[&str] = &[
    "收到货",
    "收到的",
    "收到东西",
    "收到快递",
    "收到包裹",
    "没收到",
];

/// True when the customer acknowledges ("好的谢谢", "收到"), as opposed to a message that only
/// contains an acknowledgment word in another sense ("收到货了，少了一个充电头").
pub fn is_acknowledgment(text: &str) -> bool {
    let whole = text
        .trim()
        .trim_end_matches(['.', '!', '。', '！', '~', '～']);
    if BARE_ACK.contains(&whole) {
        return true;
    }
    ACK.iter().any(|w| {
        text.match_indices(w).any(|(i, _)| {
            // An English acknowledgement is a whole word: "ok" is not the one in "broken",
            // "look" or "book".
            let wordy = |c: char| c.is_ascii_alphanumeric() || c == '\'';
            let bounded = !w.is_ascii()
                || (!text[..i].ends_with(wordy) && !text[i + w.len()..].starts_with(wordy));
            bounded
                && (*w != "收到"
                    || !RECEIVED_GOODS
                        .iter()
                        .any(|g| text[i..].starts_with(g) || text[..i + w.len()].ends_with(g)))
        })
    })
}

/// Length of the longest run of ASCII digits.
pub fn longest_digit_run(text: &str) -> usize {
    let (mut best, mut cur) = (0, 0);
    for c in text.chars() {
        if c.is_ascii_digit() {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

/// Runs of the same character three or more times (啊啊啊, ？？？, !!!); not the layout of pasted
/// code, logs and signatures (```, ---, ===, ...) nor whitespace.
pub fn repeated_runs(text: &str) -> u32 {
    use crate::analysis::normalize::{is_layout, runs_of_three};
    runs_of_three(text, |c| !is_layout(c) && !c.is_whitespace())
}

/// Character bigrams of the meaningful characters of `text` (CJK, letters, digits), as
/// sorted, de-duplicated keys; capped so a long message costs no more than a short one.
pub fn bigrams(text: &str, cap: usize) -> Vec<u64> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut word = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() || (c == '\'' && !word.is_empty()) {
            // Latin script is compared word by word: letter pairs ("th", "in", "re") are shared
            // by any two English sentences and would make every question a paraphrase.
            word.push(c.to_ascii_lowercase());
            prev = None;
            continue;
        }
        if !word.is_empty() {
            if let Some(unit) = english_unit(&word) {
                out.push(unit);
            }
            word.clear();
        }
        if !(c.is_alphanumeric()) || STOP_CHARS.contains(c) {
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            out.push(((p as u64) << 32) | c as u64);
        }
        prev = Some(c);
        if out.len() >= cap {
            break;
        }
    }
    out.truncate(cap);
    out.sort_unstable();
    out.dedup();
    out
}

/// English words that say nothing about what a question is about.
const ENGLISH_STOP: &[&str] = &[
    "the", "and", "for", "you", "your", "are", "was", "were", "this", "that", "with", "have",
    "has", "had", "not", "but", "can", "could", "would", "will", "what", "when", "where", "how",
    "why", "who", "there", "their", "they", "them", "from", "just", "about", "into", "any", "all",
    "our", "out", "get", "got", "it's", "i'm", "its", "been", "did", "does", "please", "thanks",
    "thank", "hello", "okay", "yes", "also", "then", "than", "now", "still", "one", "some", "i've",
    "i'd", "i'll", "can't", "don't", "didn't", "isn't", "it'd", "there's", "what's", "should",
    "which", "let", "know", "need", "want", "like", "much", "many", "again", "here", "hey",
];

/// One comparison unit for an English word: its hash with the plural `s` dropped (tagged so it
/// never equals a pair of characters), or `None` for short and stop words and numbers.
fn english_unit(word: &str) -> Option<u64> {
    let w = word.trim_end_matches('\'');
    if w.len() < 3 || w.chars().all(|c| c.is_ascii_digit()) || ENGLISH_STOP.contains(&w) {
        return None;
    }
    let stem = w.strip_suffix('s').filter(|s| s.len() >= 3).unwrap_or(w);
    Some(hash(stem) | (1 << 63))
}

/// Particles and fillers that carry no topic: dropping them makes paraphrases closer.
const STOP_CHARS: &str = "的了吗呢吧啊呀哦嘛么是我你您亲在这那就也都还又";

/// Dice similarity of two sorted bigram sets, 0..1.
pub fn dice(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f32 / (a.len() + b.len()) as f32
}

/// Share of `a`'s bigrams also in `b` (both sorted), 0..1.
pub fn containment(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() {
        return 0.0;
    }
    let common = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
    common as f32 / a.len() as f32
}

/// A cheap stable hash (FNV-1a) of a normalised text, for counting canned replies.
pub fn hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The first `max` characters of `text`, for quoting in notes and summaries.
pub fn clip(text: &str, max: usize) -> String {
    let mut s: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {

    #[test]
    fn emails_are_told_from_chat_lines() {
        assert!(is_email(
            "hi jess,\n\nfollowing up on the below.\n\nthanks,\nhelen"
        ));
        assert!(is_email(
            "subject: estimated meter reading\n\nhello, my bill is estimated"
        ));
        assert!(is_email(
            "perfect.\n\n> on fri, apr 17 care wrote:\n> your bill"
        ));
        assert!(!is_email("hi, where is my parcel?"));
        assert!(!is_email("hello\nis anyone there\nthanks, i guess"));
        assert!(!is_email("你好，我的快递到哪了"));
    }

    #[test]
    fn english_acknowledgements_are_whole_words() {
        assert!(is_acknowledgment("ok that worked, thanks"));
        assert!(is_acknowledgment("not your fault obviously"));
        assert!(!is_acknowledgment("it arrived broken"));
        assert!(!is_acknowledgment("can you look at my booking"));
        assert!(is_acknowledgment("嗯"));
        assert!(is_acknowledgment("sure."));
        assert!(!is_acknowledgment("嗯 还没到吗"));
    }

    #[test]
    fn agreeing_with_keyi_is_not_a_question() {
        assert!(!is_question("那可以 刚才着急了 谢谢你"));
        assert!(is_question("可以退吗"));
        assert!(is_question("可以开发票"));
        assert!(is_question("可以了吗"));
        assert!(!is_question("行 麻烦了"));
        assert!(is_question("麻烦帮我看下物流"));
    }

    use super::*;

    #[test]
    fn acknowledgments_are_not_received_goods() {
        assert!(is_acknowledgment("好的谢谢"));
        assert!(is_acknowledgment("收到，辛苦了"));
        assert!(is_acknowledgment("师傅修好了，不漏了，谢谢"));
        assert!(!is_acknowledgment("收到货了，少了一个充电头"));
        assert!(!is_acknowledgment("还没收到"));
        assert!(!is_acknowledgment("收到的颜色不对"));
    }

    #[test]
    fn pings_are_bare() {
        for p in ["？", "??", "人呢", "人呢？？", "在吗", "在吗?", "有人吗"] {
            assert!(is_bare_ping(p), "{p}");
        }
        assert!(is_bare_ping("你好，在吗？"));
        for q in ["在吗 什么时候发货", "你好", "请问有货吗", ""] {
            assert!(!is_bare_ping(q), "{q}");
        }
    }

    #[test]
    fn time_and_new_info() {
        assert!(has_time("今天下午5点前发出"));
        assert!(has_time("预计3天到"));
        assert!(!has_time("我们会尽快处理"));
        assert!(has_new_info("订单号 2023112345678"));
        assert!(!has_new_info("还不发吗"));
    }

    #[test]
    fn bigram_similarity_finds_paraphrases() {
        let a = bigrams("什么时候退款到账", 64);
        let b = bigrams("退款什么时候能到账啊", 64);
        let c = bigrams("这件衣服有黑色吗", 64);
        assert!(dice(&a, &b) > 0.5);
        assert!(dice(&a, &c) < 0.2);
    }

    #[test]
    fn runs_and_digits() {
        assert_eq!(repeated_runs("啊啊啊！！！"), 2);
        // Pasted code and signatures are layout, not a raised voice.
        assert_eq!(
            repeated_runs("make aborts:\n```\nnvcc fatal\n```\n---\nhelen..."),
            0
        );
        assert_eq!(longest_digit_run("单号 12a345678"), 6);
        assert_eq!(clip("一二三四", 2), "一二…");
        assert_eq!(normalize("亲， 您好！"), "亲您好");
    }

    #[test]
    fn polite_asks_are_told_from_demands() {
        for t in [
            "试了还是不行，那能换一个吗？",
            "按键有点失灵，能帮我看看怎么处理吗？",
            "快递显示签收了但是我没收到，麻烦帮我查一下，谢谢",
            "could you check the size for me?",
        ] {
            assert!(is_polite_ask(t), "{t}");
        }
        for t in [
            "到底能不能换？",
            "为什么还没发货吗",
            "你们是不是不想退？",
            "坏了！！能换吗",
            "东西坏了",
            "why is it still not shipped, can you tell me?",
        ] {
            assert!(!is_polite_ask(t), "{t}");
        }
    }

    #[test]
    fn direct_answers_and_instructions() {
        for t in [
            "可以的，申请时填在备注里就行",
            "亲，不需要，填写税号即可",
            "您好，下单时选择增值税专用发票",
            "订单完成后可以在发票服务里申请换开",
            "Yes, you can add a gift note at checkout.",
            "Hi! No, the strap is not included.",
        ] {
            assert!(is_direct_answer(t), "{t}");
        }
        for t in [
            "亲，马上帮您催一下",
            "Now let me check that for you.",
            "Surely we will look into it.",
            "非常抱歉给您带来不便",
        ] {
            assert!(!is_direct_answer(t), "{t}");
        }
    }

    #[test]
    fn english_is_compared_by_words_not_letter_pairs() {
        let q = |t: &str| bigrams(&t.to_lowercase(), 64);
        // Two unrelated questions share letter pairs ("th", "re", "in") but no words.
        let a = q("How long does it take until I receive the invoice?");
        let b = q("Is there a burst allowance on the rate limit?");
        assert!(containment(&b, &a) < 0.2, "{}", containment(&b, &a));
        // A re-ask shares its content words (plurals folded).
        let c = q("Where is my refund for the cancelled flight?");
        let d = q("refund for the cancelled flights, where???");
        assert!(containment(&d, &c) >= 0.6, "{}", containment(&d, &c));
        // Chinese keeps character pairs.
        assert!(!q("什么时候发货").is_empty());
    }

    #[test]
    fn quoting_the_agent_back() {
        let agent = "非常理解您的心情，我们也在积极催促厂家";
        assert!(echoes("理解我的心情。行。", agent));
        assert!(echoes("积极处理中？？", "亲，已经在积极处理中了哦"));
        assert!(echoes(
            "耐心等待？我已经等三天了",
            "亲亲您好，请您耐心等待哦~"
        ));
        assert!(echoes(
            "\"working on it\". sure.",
            "We're working on it and will update you."
        ));
        // Quoting a fact back to check it is not sarcasm.
        assert!(!echoes(
            "是原路返回到银行卡吗",
            "亲爱的客户，退款会原路返回哦"
        ));
        assert!(!echoes("好的谢谢", "亲，已经在积极处理中了哦"));
        assert!(!echoes("那我再等等", agent));
        assert!(!echoes(
            "ok thanks",
            "We're working on it and will update you."
        ));
        assert!(!echoes(
            "这是一条很长很长的消息，里面说了很多事情，也引用了积极催促厂家这几个字，但不是短回复",
            agent
        ));
    }

    #[test]
    fn terse_replies() {
        for t in ["ok.", "fine.", "Fine", "k", "哦", "行。", "。", "whatever"] {
            assert!(is_terse_reply(t), "{t}");
        }
        for t in ["ok thanks", "fine, send it", "好的谢谢", "what?"] {
            assert!(!is_terse_reply(t), "{t}");
        }
    }

    #[test]
    fn english_times_are_concrete() {
        for t in [
            "an engineer will come tomorrow at 9am",
            "refunds take 3-5 business days",
            "within 24 hours",
            "it ships on friday",
            "by end of day",
        ] {
            assert!(has_time(t), "{t}");
        }
        for t in [
            "we will look into it",
            "sorry for the wait",
            "order 2231-884-09",
        ] {
            assert!(!has_time(t), "{t}");
        }
    }

    #[test]
    fn an_agent_asking_to_hold_still_owes_the_answer() {
        for t in [
            "I'm looking for a room nearby at the same price. Please give me a few minutes.",
            "亲，请稍等，我帮您查一下哦",
            "Let me check with the warehouse.",
        ] {
            assert!(is_agent_hold(t), "{t}");
        }
        for t in [
            "我帮您查一下，显示已经发货了哦",
            "Let me check... it shipped yesterday, tracking 1Z999.",
            "好的亲，已经为您登记",
        ] {
            assert!(!is_agent_hold(t), "{t}");
        }
    }

    #[test]
    fn a_forum_post_is_written_like_an_email() {
        let post =
            "swollen battery on a 2-year-old laptop - options?\n\nhi everyone. the trackpad \
                    won't click and the case bulges along the front edge, so i think the battery \
                    is swelling.\n\nquestions: is it safe to keep it plugged in? is there any \
                    chance the manufacturer covers it?";
        assert!(is_email(post));
        assert!(!is_email("hi, my order hasn't arrived yet, can you check?"));
        assert!(!is_email("short\n\nlines\n\nhere"));
    }
}

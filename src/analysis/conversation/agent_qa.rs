//! Live agent-quality checks. Every agent reply — and every draft, through
//! [`Monitor::check_draft`](super::Monitor::check_draft) — is scored on the dimensions below,
//! against the conversation so far. A finding has a score 0..1; the browser warns before
//! sending when any score reaches [`WARN_SCORE`]. The same checks feed the risk (`agent`
//! contribution), because a cold or blaming reply is what turns irritation into a bad review.
//!
//! | # | dimension | fires when | score |
//! |---|---|---|---|
//! | 1 | `coldness` | very short reply (≤ `agentQa.shortReplyChars`) to an upset customer with no apology and no concrete answer | 0.7 |
//! | 2 | `cannedRepeat` | the same reply (after normalising punctuation/space) sent more than `agentQa.cannedLimit` times | 0.6–0.9 |
//! | 3 | `negativeWords` | more negative words (没办法, 不可能, 做不到 …) than `agentQa.negativeWordLimit` | 0.5–0.8 |
//! | 4 | `blaming` | blames the customer (你自己, 你没看, 你的问题 …) | 0.8 |
//! | 5 | `dismissive` | the whole reply is 哦 / 嗯 / ？ / 呵呵 / 1 / 随便 … | 0.5, 0.8 if upset |
//! | 6 | `missingApology` | a complaint is open (angry customer, quality or wrong-item issue) and no apology has been made | 0.6 |
//! | 7 | `vaguePromise` | promises (尽快, 马上, 帮您催 …) without a time | 0.5 |
//! | 8 | `channelPush` | pushes the customer to another channel (打电话, 联系快递, 找厂家 …) | 0.6 |
//! | 9 | `slowReply` | the reply ends a wait longer than the slow-response clock | 0.5–0.8 |
//! | 10 | `ignoredQuestion` | a question is open and the reply neither addresses it nor asks for what is needed | 0.6 |
//! | 11 | `rudeness` | insults or contempt (爱买不买, 烦不烦, 有病 …), or the grader reads the reply as angry | 0.9 |
//! | 12 | `impatience` | 我已经说过了, 说了多少遍, 自己看详情页 … | 0.7 |
//! | 13 | `templateOnly` | an upset customer gets only template phrases (亲亲您好, 请耐心等待 …) and no content | 0.6 |
//! | 14 | `noConcreteAnswer` | answers an open question without any time, number or step | 0.4 |
//! | 15 | `shiftingBlame` | blames a third party (快递的问题, 系统原因, 平台规定 …) without taking ownership | 0.5 |
//! | 16 | `flatRefusal` | refuses (不行, 不支持, 无法 …) without offering an alternative | 0.6 |
//! | 17 | `overPromise` | guarantees (保证, 百分百, 绝对 …) that may not be kept | 0.4 |
//! | 18 | `prematureClose` | tries to close (还有别的问题吗, 没事的话 …) while the customer is upset or a question is open | 0.6 |
//! | 19 | `shouting` | the agent's own ！！/？？ runs | 0.5 |
//! | 20 | `wallOfText` | a reply longer than `agentQa.wallOfTextChars` to an upset customer | 0.4 |
//! | 21 | `apologyLoop` | third apology in a row with no concrete action | 0.5 |
//! | 22 | `sensitiveInfo` | asks for an ID card, bank card, password or verification code | 0.9 |
//! | 23 | `offPlatform` | moves the customer off the platform (加微信, QQ, 私下 …), against platform rules | 0.9 |
//! | 24 | `sameAnswer` | repeats a sentence of an earlier reply (16+ characters) after the customer has written again | 0.5 |
//!
//! Dimensions listed in `agentQa.disabled` are skipped.

use super::config::AgentQaConfig;
use super::text::{self, count_any, find_any};
use super::types::{AgentCheck, AgentFlag};

/// A finding at or above this score makes the browser warn before sending.
pub const WARN_SCORE: f32 = 0.5;

/// Share of a slow reply's score that reaches the risk (see [`severity`]); other findings pass
/// 0.6. The wait a slow reply ends is already in the risk (`wait`, then `waitHistory`), so a
/// full share counted it twice and put calm customers of slow agents at level 2 on the very
/// reply that ended their wait. Session 13, every fixture (526 conversations): 0.6 (before),
/// 0.45, 0.3 and 0 met 486, 486, 486 and 484; calm fixtures reaching level 2 with every agent
/// reply stretched to 10 minutes: 80, 67, 58 and 42 of 255.
const SLOW_REPLY_SHARE: f32 = 0.3;

/// Every dimension id, in the order of the table above.
pub const DIMENSIONS: [&str; 24] = [
    "coldness",
    "cannedRepeat",
    "negativeWords",
    "blaming",
    "dismissive",
    "missingApology",
    "vaguePromise",
    "channelPush",
    "slowReply",
    "ignoredQuestion",
    "rudeness",
    "impatience",
    "templateOnly",
    "noConcreteAnswer",
    "shiftingBlame",
    "flatRefusal",
    "overPromise",
    "prematureClose",
    "shouting",
    "wallOfText",
    "apologyLoop",
    "sensitiveInfo",
    "offPlatform",
    "sameAnswer",
];

const NEGATIVE: &[&str] = &[
    "不可能",
    "没办法",
    "做不到",
    "不行",
    "不能",
    "不支持",
    "无法",
    "管不了",
    "不负责",
    "没用",
    "别问了",
    "不归我们",
];
const BLAMING: &[&str] = &[
    "你自己",
    "你没看",
    "你不会",
    "你的问题",
    "你应该",
    "谁让你",
    "怪你",
    "你看清楚",
    "你没仔细",
    "您自己没",
    "你操作",
    "是你",
    "使用不当",
    "操作不当",
    "您自己",
];
const DISMISSIVE: &[&str] = &[
    "哦",
    "噢",
    "嗯",
    "?",
    "？",
    "呵呵",
    "1",
    "随便",
    "哦哦",
    "额",
    "行吧",
    "好",
    "ok",
    "。",
    "嗯嗯",
    "知道了",
    "收到",
];
const CHANNEL_PUSH: &[&str] = &[
    "您打电话",
    "你打电话",
    "您拨打",
    "你拨打",
    "联系快递",
    "找快递",
    "自己联系",
    "去官网",
    "找厂家",
    "联系厂家",
    "售后电话",
    "400电话",
    "找平台",
    "问快递",
    "问问快递",
    "问物流",
    "您去找",
    "你去找",
];
const RUDE: &[&str] = &[
    "傻",
    "神经病",
    "有病",
    "滚",
    "爱买不买",
    "烦不烦",
    "闭嘴",
    "你懂不懂",
    "脑子",
    "无语",
    "不买拉倒",
    "穷",
];
const IMPATIENCE: &[&str] = &[
    "我已经说过",
    "说了多少遍",
    "不是告诉你",
    "不是说了",
    "说过了",
    "自己看详情",
    "看详情页",
    "看不懂吗",
    "听不懂",
    "都说了",
];
const SHIFT_BLAME: &[&str] = &[
    "快递的问题",
    "快递的原因",
    "物流的问题",
    "仓库的问题",
    "系统问题",
    "系统原因",
    "厂家的问题",
    "平台的规定",
    "平台规定",
    "不是我们的问题",
    "不是我们的责任",
    "跟我们没关系",
    "和我们没关系",
];
const ALTERNATIVE: &[&str] = &[
    "可以", "建议", "或者", "帮您", "为您", "替您", "另外", "换成", "补发", "退款",
];
const OVER_PROMISE: &[&str] = &["保证", "百分百", "绝对", "一定能", "肯定能", "100%"];
const PREMATURE_CLOSE: &[&str] = &[
    "还有别的问题吗",
    "还有其他问题吗",
    "没有的话",
    "没事的话",
    "就这样吧",
    "先这样",
    "没别的事",
];
const SENSITIVE: &[&str] = &["身份证", "银行卡号", "密码", "验证码", "卡号"];
const OFF_PLATFORM: &[&str] = &[
    "加微信",
    "加我微信",
    "微信号",
    "vx",
    "v信",
    "加qq",
    "qq号",
    "私下",
    "线下交易",
    "支付宝转",
];
const PROMISE: &[&str] = &[
    "尽快",
    "马上",
    "会给您",
    "会帮您",
    "帮您催",
    "给您催",
    "安排",
    "跟进",
    "处理",
    "催一下",
    "反馈给",
];
const TRANSFER: &[&str] = &["转接", "专员", "主管", "升级", "转给"];

/// What an agent text does (good acts), besides its findings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AgentActs {
    /// Contains an apology.
    pub apology: bool,
    /// Names a time or number: a concrete answer or commitment.
    pub concrete: bool,
    /// Offers compensation.
    pub compensation: bool,
    /// Hands over to an expert or supervisor.
    pub transfer: bool,
    /// A promise quoted for the routing summary.
    pub promise: Option<String>,
}

/// The conversation as the checks need to see it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QaContext {
    /// The customer is upset (recent level ≥ mild, or a warning is up).
    pub upset: bool,
    /// A complaint is open and no apology has been made since.
    pub complaint_open: bool,
    /// A customer question is open and unanswered.
    pub question_open: bool,
    /// The text addresses the latest open question.
    pub addresses_question: bool,
    /// The customer's wait at the moment of sending (ms).
    pub wait_ms: u64,
    /// Slow-response clock (ms).
    pub slow_response_ms: u64,
    /// Times this exact reply was sent before.
    pub sent_before: u32,
    /// A sentence of the text that an earlier reply already said, with the customer having
    /// written since (see `Conversation::said_before`).
    pub said_before: Option<String>,
    /// Apologies in a row without a concrete action, before this text.
    pub apologies_in_a_row: u32,
    /// The grader reads the text itself as angry or worse.
    pub reads_angry: bool,
}

/// Reads the good acts of an agent text.
pub fn acts(msg: &str) -> AgentActs {
    let concrete = text::has_time(msg);
    let promise =
        (find_any(msg, PROMISE).is_some() || concrete || find_any(msg, OVER_PROMISE).is_some())
            .then(|| text::clip(msg.trim(), 40));
    AgentActs {
        apology: find_any(msg, text::APOLOGY).is_some(),
        concrete,
        compensation: find_any(msg, text::COMPENSATION).is_some(),
        transfer: find_any(msg, TRANSFER).is_some(),
        promise,
    }
}

/// Runs every enabled dimension on `msg`.
pub fn check(msg: &str, ctx: &QaContext, cfg: &AgentQaConfig) -> AgentCheck {
    let a = acts(msg);
    let norm = text::normalize(msg);
    let lower = msg.to_lowercase();
    let chars = msg.trim().chars().count() as u32;
    let mut flags: Vec<AgentFlag> = Vec::new();
    let mut flag = |dimension: &str, score: f32, note: String| {
        if !cfg.disabled.iter().any(|d| d == dimension) {
            flags.push(AgentFlag {
                dimension: dimension.into(),
                score: score.clamp(0.0, 1.0),
                note,
            });
        }
    };
    let dismissive = DISMISSIVE.contains(&norm.as_str())
        || msg.trim().chars().all(|c| matches!(c, '?' | '？')) && chars > 0;
    if ctx.upset && chars <= cfg.short_reply_chars && !a.apology && !a.concrete && !dismissive {
        flag(
            "coldness",
            0.7,
            "顾客不满时回复过短、无致歉、无具体答复".into(),
        );
    }
    if ctx.sent_before >= cfg.canned_limit {
        let n = ctx.sent_before + 1;
        flag(
            "cannedRepeat",
            (0.6 + 0.1 * (n - cfg.canned_limit - 1) as f32).min(0.9),
            format!("同一句话已是第 {n} 次发送"),
        );
    }
    // A sentence already sent, sent again to a customer who has written since: the reply
    // answers the earlier message, not this one ("Please allow 24-48 hours …" twice).
    if ctx.sent_before < cfg.canned_limit {
        if let Some(sentence) = &ctx.said_before {
            flag(
                "sameAnswer",
                0.5,
                format!("这句话之前已经回复过：“{}”", text::clip(sentence, 30)),
            );
        }
    }
    let negatives = count_any(msg, NEGATIVE) as u32;
    if negatives > cfg.negative_word_limit {
        flag(
            "negativeWords",
            (0.4 + 0.1 * negatives as f32).min(0.8),
            format!("回复含 {negatives} 个否定/消极词"),
        );
    }
    if let Some(w) = find_any(msg, BLAMING) {
        flag("blaming", 0.8, format!("指责顾客（“{w}”）"));
    }
    if dismissive {
        flag(
            "dismissive",
            if ctx.upset { 0.8 } else { 0.5 },
            format!("敷衍回复（“{}”）", msg.trim()),
        );
    }
    if ctx.complaint_open && !a.apology {
        flag("missingApology", 0.6, "顾客投诉/不满后尚未致歉".into());
    }
    if let Some(w) = find_any(msg, PROMISE) {
        if !a.concrete && !a.transfer && (ctx.upset || ctx.question_open) {
            flag("vaguePromise", 0.5, format!("承诺“{w}”但没有具体时间"));
        }
    }
    if let Some(w) = find_any(&lower, CHANNEL_PUSH) {
        flag("channelPush", 0.6, format!("把顾客推到其他渠道（“{w}”）"));
    }
    if ctx.wait_ms > ctx.slow_response_ms {
        let over = ctx.wait_ms as f32 / ctx.slow_response_ms.max(1) as f32;
        flag(
            "slowReply",
            (0.3 + 0.2 * over).min(0.8),
            format!("顾客已等待 {} 秒才回复", ctx.wait_ms / 1000),
        );
    }
    if ctx.question_open && !ctx.addresses_question && !dismissive {
        flag("ignoredQuestion", 0.6, "没有回应顾客刚才的问题".into());
    }
    if let Some(w) = find_any(msg, RUDE) {
        flag("rudeness", 0.9, format!("不礼貌用语（“{w}”）"));
    } else if ctx.reads_angry {
        flag("rudeness", 0.7, "回复语气带有负面情绪".into());
    }
    if let Some(w) = find_any(msg, IMPATIENCE) {
        flag("impatience", 0.7, format!("不耐烦（“{w}”）"));
    }
    if ctx.upset && chars > 0 && !dismissive && super::repeats::substance(msg) < 4 && !a.apology {
        flag("templateOnly", 0.6, "只有模板话术，没有实际内容".into());
    }
    if ctx.question_open
        && ctx.addresses_question
        && !a.concrete
        && text::longest_digit_run(msg) == 0
        && !text::is_direct_answer(msg)
        && chars > cfg.short_reply_chars
    {
        flag(
            "noConcreteAnswer",
            0.4,
            "回答没有具体时间、数字或步骤".into(),
        );
    }
    if let Some(w) = find_any(msg, SHIFT_BLAME) {
        flag("shiftingBlame", 0.5, format!("把责任推给第三方（“{w}”）"));
    }
    if let Some(w) = find_any(msg, &["不行", "不支持", "无法", "做不到", "没办法", "不能"])
    {
        if find_any(msg, ALTERNATIVE).is_none() {
            flag(
                "flatRefusal",
                0.6,
                format!("直接拒绝（“{w}”）且没有给替代方案"),
            );
        }
    }
    if let Some(w) = find_any(msg, OVER_PROMISE) {
        flag("overPromise", 0.4, format!("过度承诺（“{w}”）"));
    }
    if (ctx.upset || ctx.question_open) && find_any(msg, PREMATURE_CLOSE).is_some() {
        flag("prematureClose", 0.6, "顾客问题未解决就想结束对话".into());
    }
    if text::repeated_runs(msg) > 0 && msg.contains(['！', '!', '？', '?'])
        || msg.contains("！！")
        || msg.contains("!!")
        || msg.contains("？？")
    {
        flag("shouting", 0.5, "客服使用连续感叹号/问号".into());
    }
    if ctx.upset && chars > cfg.wall_of_text_chars {
        flag(
            "wallOfText",
            0.4,
            format!("回复过长（{chars} 字），顾客不满时难以阅读"),
        );
    }
    if a.apology && !a.concrete && !a.compensation && ctx.apologies_in_a_row >= 2 {
        flag("apologyLoop", 0.5, "连续道歉但没有实际行动".into());
    }
    if let Some(w) = find_any(&lower, SENSITIVE) {
        flag("sensitiveInfo", 0.9, format!("索要敏感信息（“{w}”）"));
    }
    if let Some(w) = find_any(&lower, OFF_PLATFORM) {
        flag("offPlatform", 0.9, format!("引导到平台外联系（“{w}”）"));
    }
    flags.sort_by(|a, b| b.score.total_cmp(&a.score));
    AgentCheck {
        warn: flags.iter().any(|f| f.score >= WARN_SCORE),
        flags,
    }
}

/// Severity of a check for the risk: the customer-visible harm of the findings; a slow reply
/// counts for less ([`SLOW_REPLY_SHARE`]).
pub fn severity(check: &AgentCheck) -> f32 {
    check
        .flags
        .iter()
        .filter(|f| {
            !matches!(
                f.dimension.as_str(),
                "overPromise" | "noConcreteAnswer" | "sensitiveInfo" | "offPlatform"
            )
        })
        .map(|f| {
            f.score
                * if f.dimension == "slowReply" {
                    SLOW_REPLY_SHARE
                } else {
                    0.6
                }
        })
        .sum::<f32>()
        .min(2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dims(msg: &str, ctx: &QaContext) -> Vec<String> {
        check(msg, ctx, &AgentQaConfig::default())
            .flags
            .into_iter()
            .map(|f| f.dimension)
            .collect()
    }

    fn upset() -> QaContext {
        QaContext {
            upset: true,
            slow_response_ms: 100_000,
            addresses_question: true,
            ..Default::default()
        }
    }

    #[test]
    fn each_dimension_fires_on_its_example() {
        let c = upset();
        let cases: &[(&str, QaContext, &str)] = &[
            ("好吧", c.clone(), "coldness"),
            (
                "亲，请耐心等待",
                QaContext {
                    sent_before: 3,
                    ..c.clone()
                },
                "cannedRepeat",
            ),
            ("没办法，不可能的", c.clone(), "negativeWords"),
            ("你自己没看清楚详情", c.clone(), "blaming"),
            ("哦", c.clone(), "dismissive"),
            (
                "我看一下您的订单",
                QaContext {
                    complaint_open: true,
                    ..c.clone()
                },
                "missingApology",
            ),
            ("我们会尽快处理的", c.clone(), "vaguePromise"),
            ("您打电话问问快递吧", c.clone(), "channelPush"),
            (
                "亲，在的",
                QaContext {
                    wait_ms: 200_000,
                    ..c.clone()
                },
                "slowReply",
            ),
            (
                "这款有黑色的",
                QaContext {
                    question_open: true,
                    addresses_question: false,
                    ..c.clone()
                },
                "ignoredQuestion",
            ),
            ("爱买不买", c.clone(), "rudeness"),
            ("我已经说过了，48小时内发", c.clone(), "impatience"),
            ("亲亲您好，请耐心等待哦", c.clone(), "templateOnly"),
            (
                "已经在给您发货了哦亲",
                QaContext {
                    question_open: true,
                    ..c.clone()
                },
                "noConcreteAnswer",
            ),
            ("这是快递的问题，请联系他们", c.clone(), "shiftingBlame"),
            ("这个不支持退", c.clone(), "flatRefusal"),
            ("我保证明天就到", c.clone(), "overPromise"),
            ("还有别的问题吗？", c.clone(), "prematureClose"),
            ("都说了明天发！！", c.clone(), "shouting"),
            (&"亲".repeat(301), c.clone(), "wallOfText"),
            (
                "真的很抱歉",
                QaContext {
                    apologies_in_a_row: 2,
                    ..c.clone()
                },
                "apologyLoop",
            ),
            ("请提供一下身份证号", c.clone(), "sensitiveInfo"),
            ("加我微信私聊", c.clone(), "offPlatform"),
            (
                "仓库签收后1-3个工作日内审核退款",
                QaContext {
                    said_before: Some("仓库签收后1-3个工作日内审核退款".into()),
                    ..c.clone()
                },
                "sameAnswer",
            ),
        ];
        let mut covered = std::collections::HashSet::new();
        for (msg, ctx, want) in cases {
            let got = dims(msg, ctx);
            assert!(
                got.iter().any(|d| d == want),
                "{msg}: expected {want}, got {got:?}"
            );
            covered.insert(*want);
        }
        assert_eq!(covered.len(), DIMENSIONS.len());
        assert!(DIMENSIONS.len() >= 20);
    }

    #[test]
    fn good_replies_pass() {
        let c = QaContext {
            question_open: true,
            complaint_open: true,
            ..upset()
        };
        let r = check(
            "亲，非常抱歉给您添麻烦了！我已经加急，今天18点前给您补发，单号发出后第一时间告诉您。",
            &c,
            &AgentQaConfig::default(),
        );
        assert!(!r.warn, "{r:?}");
        let calm = QaContext {
            slow_response_ms: 100_000,
            addresses_question: true,
            ..Default::default()
        };
        let r = check(
            "您好，这款有现货，今天下单明天发货～",
            &calm,
            &AgentQaConfig::default(),
        );
        assert!(r.flags.is_empty(), "{r:?}");
    }

    #[test]
    fn disabled_dimensions_are_skipped() {
        let cfg = AgentQaConfig {
            disabled: vec!["dismissive".into()],
            ..Default::default()
        };
        assert!(check("哦", &upset(), &cfg)
            .flags
            .iter()
            .all(|f| f.dimension != "dismissive"));
    }

    #[test]
    fn acts_are_read() {
        let a = acts("非常抱歉，给您补发一件，今天下午发出");
        assert!(a.apology && a.concrete && a.compensation && a.promise.is_some());
        assert!(acts("我帮您转接专员").transfer);
    }
}

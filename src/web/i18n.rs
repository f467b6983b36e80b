//! UI strings: Chinese by default, English with `lang: "en"`.

/// Every string the overlay shows.
pub struct Strings {
    pub levels: [&'static str; 4],
    pub title: &'static str,
    pub risk: &'static str,
    pub waiting: &'static str,
    pub reasons: &'static str,
    pub suggestions: &'static str,
    pub compensation: &'static str,
    pub warnings: &'static str,
    pub transfer: &'static str,
    pub dismiss: &'static str,
    pub snooze: &'static str,
    pub snoozed: &'static str,
    pub wrong: &'static str,
    pub missed: &'static str,
    pub recorded: &'static str,
    pub dock: &'static str,
    pub collapse: &'static str,
    pub draft: &'static str,
    pub no_widget: &'static str,
    pub warning_announce: &'static str,
    pub trend: &'static str,
    pub insert: &'static str,
}

/// Chinese (default).
pub const ZH: Strings = Strings {
    levels: ["平稳", "安抚", "关注", "转接"],
    title: "情绪预警",
    risk: "差评风险",
    waiting: "顾客已等待",
    reasons: "原因",
    suggestions: "建议话术",
    compensation: "补偿建议",
    warnings: "预警记录",
    transfer: "转接专家",
    dismiss: "清除记录",
    snooze: "暂停提醒 10 分钟",
    snoozed: "提醒已暂停",
    wrong: "这条预警不对",
    missed: "漏报了",
    recorded: "已记录反馈，谢谢",
    dock: "换个位置",
    collapse: "收起/展开",
    draft: "发送前看一眼",
    no_widget: "等待聊天窗口…",
    warning_announce: "情绪预警",
    trend: "情绪走势",
    insert: "插入",
};

/// English.
pub const EN: Strings = Strings {
    levels: ["Calm", "Soothe", "Review", "Transfer"],
    title: "Mood watch",
    risk: "bad-review risk",
    waiting: "Customer waiting",
    reasons: "Why",
    suggestions: "Suggested replies",
    compensation: "Compensation",
    warnings: "Warnings",
    transfer: "Transfer to expert",
    dismiss: "Clear list",
    snooze: "Snooze 10 min",
    snoozed: "Alerts snoozed",
    wrong: "This warning was wrong",
    missed: "I missed one",
    recorded: "Feedback saved, thanks",
    dock: "Move panel",
    collapse: "Collapse/expand",
    draft: "Before you send",
    no_widget: "Waiting for the chat widget…",
    warning_announce: "Mood warning",
    trend: "Mood trend",
    insert: "Insert",
};

/// The strings for a language code (`en`, anything else → Chinese).
pub fn strings(lang: &str) -> &'static Strings {
    if lang == "en" {
        &EN
    } else {
        &ZH
    }
}

//! Engine-level behaviour with controlled assessments (independent of the grader), plus the
//! `Monitor` API: config reloads, drafts, many conversations, bounded memory, odd input.

use moodwatch::analysis::conversation::{
    Config, Conversation, Event, Monitor, Role, Turn, WarningLevel,
};
use moodwatch::analysis::{AnalysisError, Assessment, Level, Markers, MessageAnalyzer};
use std::sync::Arc;

fn a(level: u8) -> Assessment {
    let negative = [0.1, 0.5, 0.8, 0.95][usize::from(level)];
    Assessment {
        negative,
        level: Level::from_u8_saturating(level),
        reasons: vec![],
        lexicon_negative: negative,
        model_negative: None,
        markers: Markers::default(),
    }
}

fn customer(text: &str, ts_ms: u64) -> Turn {
    Turn {
        role: Role::Customer,
        text: text.into(),
        ts_ms,
    }
}

fn agent(text: &str, ts_ms: u64) -> Turn {
    Turn {
        role: Role::Agent,
        text: text.into(),
        ts_ms,
    }
}

fn monitor() -> Monitor {
    Monitor::new(
        Arc::new(MessageAnalyzer::embedded().expect("embedded")),
        Config::default(),
    )
}

#[test]
fn escalation_raises_levels_with_reasons_then_transfer_with_routing_facts() {
    let config = Config::default();
    let mut c = Conversation::new("e");
    let script: [(Turn, u8); 8] = [
        (customer("什么时候发货？", 0), 0),
        (agent("亲，会尽快发货的", 120_000), 0),
        (customer("到底啥时候能发", 180_000), 1),
        (agent("亲，请耐心等待", 300_000), 0),
        (customer("还不发吗？人呢", 360_000), 2),
        (customer("？", 400_000), 2),
        (customer("今天能发出去吗，不发我就差评投诉", 500_000), 3),
        (agent("亲，请耐心等待", 520_000), 0),
    ];
    let mut events = vec![];
    let mut levels = vec![];
    for (turn, level) in script {
        let report = if turn.role == Role::Customer {
            c.push_assessed_turn(&config, turn, Some(a(level)), false)
        } else {
            c.push_assessed_turn(&config, turn, None, false)
        }
        .expect("turn");
        levels.push(report.snapshot.warning_level);
        events.extend(report.events);
    }
    assert!(levels.windows(2).all(|w| w[1] >= w[0]), "{levels:?}");
    assert_eq!(levels.last(), Some(&WarningLevel::Transfer));
    let raised: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::WarningRaised { level, reasons } => Some((*level, reasons.len())),
            _ => None,
        })
        .collect();
    assert!(
        raised.iter().all(|(_, n)| *n > 0),
        "every warning carries reasons"
    );
    let routing = events
        .iter()
        .find_map(|e| match e {
            Event::TransferRequested { summary } => Some(summary.clone()),
            _ => None,
        })
        .expect("transfer requested");
    assert_eq!(routing.topic, "发货时间");
    assert!(routing.repeats >= 2);
    assert!(routing.peak_level >= Level::Angry);
    assert!(routing.longest_wait_ms >= 100_000);
    assert!(!routing.promises.is_empty());
    assert!(routing.summary.contains("发货时间"));
    assert!(
        routing.agent_involved,
        "vague, canned replies: route to someone else"
    );
    let reps: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::RepeatDetected { repeat, step, .. } => {
                Some((repeat.turn, repeat.earlier_turn, step.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(reps[0], (2, 0, "guide".to_string()));
    assert!(reps.iter().any(|r| r.2 == "transfer"));
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, Event::TransferRequested { .. }))
            .count(),
        1,
        "a transfer is requested once"
    );
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::CompensationProposed { step: 1, .. })));
}

#[test]
fn soothing_brings_the_risk_down() {
    let config = Config::default();
    let mut c = Conversation::new("s");
    let r = |c: &mut Conversation, t: Turn, l: Option<u8>| {
        c.push_assessed_turn(&config, t, l.map(a), false)
            .expect("turn")
            .snapshot
    };
    r(&mut c, customer("收到的杯子是碎的，太失望了", 0), Some(2));
    let high = r(&mut c, customer("你们怎么包装的？？", 30_000), Some(2));
    assert!(high.warning_level >= WarningLevel::Review, "{}", high.risk);
    let after_apology = r(
        &mut c,
        agent(
            "非常抱歉！马上给您补发一个新的，今天下午5点前发出，再送您一张10元无门槛券",
            40_000,
        ),
        None,
    );
    assert!(after_apology.risk < high.risk);
    let calm = r(&mut c, customer("好的，谢谢", 80_000), Some(0));
    assert!(calm.risk < config.thresholds[0], "{}", calm.risk);
    assert!(calm.warning_level <= WarningLevel::Soothe);
    let calm = r(&mut c, agent("感谢您的理解～", 90_000), None);
    assert_eq!(calm.warning_level, WarningLevel::None);
    assert!(calm.suggestions.iter().any(|s| s.kind == "followUp"));
}

#[test]
fn waiting_grows_the_risk_on_clock_ticks_and_the_forecast_sees_it_coming() {
    let mut m = monitor();
    m.push_turn("w", customer("我的退款什么时候到账？", 0))
        .expect("turn");
    let early = m.tick("w", 10_000).expect("known");
    assert!(early.snapshot.forecast.last().expect("forecast") > &early.snapshot.risk);
    let later = m.tick("w", 200_000).expect("known");
    assert!(later.snapshot.risk > early.snapshot.risk);
    assert!(later.snapshot.waiting_ms >= 200_000);
    assert!(later.snapshot.reasons.iter().any(|r| r.rule == "wait"));
    assert!(later
        .snapshot
        .reasons
        .iter()
        .any(|r| r.rule == "slowResponse"));
    assert!(later.snapshot.warning_level >= WarningLevel::Soothe);
    assert!(later
        .snapshot
        .suggestions
        .iter()
        .any(|s| s.id == "soothe.wait"));
    assert_eq!(m.summary("w").expect("summary").long_waits, vec![0]);
    assert!(m.tick("unknown", 0).is_none());
    // The cheap accessor the browser uses to start and stop its wait timer agrees.
    assert_eq!(m.waiting_since("w"), Some(later.snapshot.waiting_since_ms));
    assert_eq!(m.waiting_since("w"), Some(Some(0)));
    m.push_turn("w", agent("您好，已经在处理了", 210_000))
        .expect("turn");
    assert_eq!(m.waiting_since("w"), Some(None));
    assert_eq!(m.waiting_since("unknown"), None);
}

#[test]
fn twenty_thousand_turns_keep_the_state_bounded() {
    let config = Config::default();
    let mut c = Conversation::new("long");
    let texts = [
        "什么时候发货",
        "好的",
        "这个多少钱？",
        "还不发吗",
        "哦",
        "谢谢",
    ];
    let mut at_1000 = 0;
    let mut max_json = 0;
    for i in 0..20_000u64 {
        let t = if i % 2 == 0 {
            customer(
                &format!("{} #{i}", texts[(i / 2) as usize % texts.len()]),
                i * 7_000,
            )
        } else {
            agent(&format!("亲，第{i}次回复，今天发"), i * 7_000)
        };
        let level = (i % 7 % 4) as u8;
        let rep = c
            .push_assessed_turn(&config, t, Some(a(level)), false)
            .expect("turn");
        if i % 997 == 0 {
            max_json = max_json.max(serde_json::to_string(&rep.snapshot).expect("json").len());
        }
        if i == 1_000 {
            at_1000 = c.footprint();
        }
    }
    let at_end = c.footprint();
    assert!(at_end <= 1_000, "footprint {at_end}");
    assert!(at_end <= at_1000 + 200, "grew from {at_1000} to {at_end}");
    assert!(max_json < 64_000, "snapshot json {max_json} bytes");
    let s = c.summary();
    assert!(s.repeats.len() <= 64 && s.long_waits.len() <= 64);
}

#[test]
fn time_going_backwards_is_an_input_error_and_changes_nothing() {
    let mut m = monitor();
    m.push_turn("t", customer("你好", 10_000)).expect("turn");
    let err = m.push_turn("t", customer("在吗", 5_000)).unwrap_err();
    assert!(matches!(err, AnalysisError::Input(_)));
    assert_eq!(m.snapshot("t", 10_000).expect("known").turns, 1);
}

#[test]
fn config_json_is_validated_and_an_invalid_one_keeps_the_previous() {
    let mut m = monitor();
    m.set_config_json(r#"{"thresholds":[0.3,0.6,0.9],"clocks":{"slowResponseMs":60000}}"#)
        .expect("valid");
    assert_eq!(m.config().thresholds, [0.3, 0.6, 0.9]);
    let err = m
        .set_config_json(r#"{"playbook":{"soothe":[{"id":"a","label":"b","text":"x"},{"id":"b","label":"b","text":"y"},{"id":"c","label":"b","text":""}]}}"#)
        .unwrap_err();
    assert!(err.to_string().contains("playbook.soothe[2].text"), "{err}");
    assert_eq!(
        m.config().clocks.slow_response_ms,
        60_000,
        "previous config kept"
    );
    assert!(m.set_config_json("not json").is_err());
    // A seller's own scripts show up without rebuilding.
    let pb = r#"{"playbook":{"soothe":[{"id":"my.soothe","label":"安抚","text":"亲，让您久等了，我马上处理！"}]}}"#;
    m.set_config_json(pb).expect("valid");
    m.push_turn("p", customer("在吗", 0)).expect("turn");
    let s = m.tick("p", 60_000).expect("known").snapshot;
    assert!(
        s.suggestions.iter().any(|x| x.id == "my.soothe"),
        "{:?}",
        s.suggestions
    );
}

#[test]
fn the_fourth_copy_of_a_canned_reply_is_flagged_on_the_draft() {
    let mut m = monitor();
    m.push_turn("c", customer("什么时候发货", 0)).expect("turn");
    for i in 0..3 {
        let r = m
            .push_turn("c", agent("亲，请耐心等待哦", 10_000 + i * 20_000))
            .expect("turn");
        let canned = r
            .agent_check
            .expect("check")
            .flags
            .iter()
            .any(|f| f.dimension == "cannedRepeat");
        assert!(!canned, "copy {} is not yet flagged", i + 1);
    }
    let before = m.snapshot("c", 80_000).expect("known");
    let draft = m.check_draft("c", "亲，请耐心等待哦～", 80_000);
    assert!(draft.warn);
    assert!(
        draft.flags.iter().any(|f| f.dimension == "cannedRepeat"),
        "{draft:?}"
    );
    assert_eq!(
        m.snapshot("c", 80_000).expect("known"),
        before,
        "drafts change nothing"
    );
    // An unknown conversation still gets the context-free checks.
    assert!(m.check_draft("nobody", "加我微信", 0).warn);
}

#[test]
fn many_conversations_keep_their_own_state() {
    let mut m = monitor();
    for i in 0..500u64 {
        let id = format!("c{i}");
        let text = if i % 2 == 0 {
            "谢谢，很满意"
        } else {
            "垃圾，我要投诉差评"
        };
        m.push_turn(&id, customer(text, i)).expect("turn");
    }
    assert_eq!(m.conversation_ids().count(), 500);
    let calm = m.snapshot("c0", 1_000).expect("c0");
    let angry = m.snapshot("c1", 1_000).expect("c1");
    assert!(calm.risk < angry.risk);
    assert!(m.remove("c0"));
    assert!(m.snapshot("c0", 0).is_none());
}

#[test]
fn odd_input_never_panics() {
    let mut m = monitor();
    let long = "啊".repeat(20_000);
    let odd = [
        "",
        " ",
        "\u{0}\u{1b}[31m",
        "🙄😡😤🙄",
        long.as_str(),
        "？？？？？？？？",
        "1",
        "\u{202e}反转",
    ];
    let mut ts = 0;
    for (i, text) in odd.iter().enumerate() {
        for role in [Role::Customer, Role::Agent] {
            ts += 1;
            m.push_turn(
                "odd",
                Turn {
                    role,
                    text: (*text).into(),
                    ts_ms: ts,
                },
            )
            .expect("turn");
            let _ = m.check_draft("odd", text, ts);
        }
        let _ = m.tick("odd", ts + i as u64);
    }
    m.push_turn("odd", customer("x", u64::MAX))
        .expect("max time");
    let _ = m.tick("odd", 0); // clock behind the last turn: clamped, no panic
    let _ = m.snapshot("odd", u64::MAX);
    let _ = m.summary("odd");
}

/// Customer turns of `turns` (role, text, seconds) with controlled levels; returns the repeats
/// found as `[turn, earlier_turn]` and the final risk.
fn replay_gold(turns: &[(Role, &str, u64, u8)]) -> (Vec<[u32; 2]>, f32) {
    let config = Config::default();
    let mut c = Conversation::new("g");
    let mut repeats = vec![];
    let mut risk = 0.0;
    for (role, text, s, level) in turns {
        let t = Turn {
            role: *role,
            text: (*text).into(),
            ts_ms: s * 1000,
        };
        let assessment = (*role == Role::Customer).then(|| a(*level));
        let report = c
            .push_assessed_turn(&config, t, assessment, false)
            .expect("turn");
        for e in &report.events {
            if let Event::RepeatDetected { repeat, .. } = e {
                repeats.push([repeat.turn, repeat.earlier_turn]);
            }
        }
        risk = report.snapshot.risk;
    }
    (repeats, risk)
}

#[test]
fn masked_placeholders_of_anonymised_logs_neither_repeat_nor_grade() {
    use Role::{Agent, Customer};
    // Two different questions that share nothing but a mask: "[地址x]" must not read as the
    // address topic (地址) and link them.
    let (repeats, _) = replay_gold(&[
        (Customer, "[地址x]那边能用到付吗？", 0, 0),
        (Agent, "亲，可以到付的哦", 30, 0),
        (Customer, "[地址x]可以放门卫吗？", 60, 0),
    ]);
    assert!(repeats.is_empty(), "{repeats:?}");
    // The grader reads a mask as the neutral text it stands for.
    let m = MessageAnalyzer::embedded().expect("embedded");
    assert_eq!(
        m.assess("已经[数字x]天了#E-s[数字x]").negative,
        m.assess("已经0天了").negative
    );
    assert_eq!(
        m.assess("[ORDERID_10187709]").negative,
        m.assess("10187709").negative
    );
}

#[test]
fn elliptical_and_english_re_asks_are_linked_to_the_open_question() {
    use Role::{Agent, Customer};
    let (repeats, _) = replay_gold(&[
        (Customer, "这个单什么时候发货", 0, 0),
        (Agent, "亲，订单正在处理中，请您耐心等待哦", 60, 0),
        (Customer, "能不能给个准确时间", 90, 1),
        (Agent, "已经帮您催促仓库了", 150, 0),
        (Customer, "我问了几遍了都没人说清楚", 200, 2),
    ]);
    assert_eq!(repeats, vec![[2, 0], [4, 0]]);
    // An answered English question asked again with "three times": still a repeat.
    let (repeats, _) = replay_gold(&[
        (Customer, "When will I get my Refund?", 0, 0),
        (Agent, "Refunds take 3-5 business days.", 60, 0),
        (
            Customer,
            "I've asked three times already, where is my refund?",
            600,
            2,
        ),
    ]);
    assert_eq!(repeats, vec![[2, 0]]);
}

#[test]
fn a_polite_question_about_a_fault_weighs_less_than_a_demand() {
    use Role::{Agent, Customer};
    let opening = "你好，电饭煲按键有点失灵，能帮我看看吗？";
    let (_, polite) = replay_gold(&[
        (Customer, opening, 0, 1),
        (Agent, "亲，您先断电再试一下哦", 60, 0),
        (Customer, "试了还是不行，那能换一个吗？", 300, 1),
    ]);
    let (_, demand) = replay_gold(&[
        (Customer, opening, 0, 1),
        (Agent, "亲，您先断电再试一下哦", 60, 0),
        (Customer, "试了还是不行，你们到底能不能换", 300, 1),
    ]);
    assert!(polite < 0.5 * demand, "polite {polite} demand {demand}");
    assert!(polite < Config::default().thresholds[0], "{polite}");
}

/// Word-segmented logs (JDDC style: spaces between Chinese words) run exactly like the same
/// chat written normally: same risks, levels and repeats, turn by turn.
#[test]
fn spaced_chinese_logs_run_like_plain_ones() {
    let script = [
        (Role::Customer, "[ORDERID_10025436] 我 的 快递 到 哪 了", 0),
        (Role::Agent, "您好 ， 正在 为您 查询", 30),
        (Role::Customer, "好 的", 40),
        (Role::Customer, "我 的 快递 到底 到 哪 了 啊", 160),
        (Role::Agent, "亲 ， 请 耐心 等待", 220),
        (Role::Customer, "我 问 了 三遍 了 ， 快递 到 哪 了", 240),
    ];
    let run = |spaced: bool| {
        let mut m = monitor();
        script
            .iter()
            .map(|&(role, text, s)| {
                let text = if spaced {
                    text.to_string()
                } else {
                    text.replace(' ', "")
                };
                let r = m
                    .push_turn(
                        "c",
                        Turn {
                            role,
                            text,
                            ts_ms: 1_700_000_000_000 + s * 1000,
                        },
                    )
                    .unwrap();
                (
                    r.snapshot.risk,
                    r.snapshot.warning_level,
                    r.snapshot.repeats.len(),
                )
            })
            .collect::<Vec<_>>()
    };
    let (spaced, plain) = (run(true), run(false));
    assert_eq!(spaced, plain);
    assert!(plain.last().unwrap().2 >= 1, "the last ask is a repeat");
}

/// "fine." after a reply that delivered nothing, while the customer's grievance is open, is
/// sullen, not settled: it adds to the risk and the customer is still waiting. The same word
/// after a reply that named a time settles.
#[test]
fn a_terse_reply_after_an_empty_answer_is_not_settled() {
    let config = Config::default();
    let run = |reply: &str| {
        let mut c = Conversation::new("s");
        let turns = [
            (
                customer("the engineer never came and nobody called", 0),
                Some(a(1)),
            ),
            (agent(reply, 60_000), None),
            (customer("fine.", 90_000), Some(a(0))),
        ];
        let mut last = None;
        for (turn, assessed) in turns {
            last = Some(
                c.push_assessed_turn(&config, turn, assessed, false)
                    .expect("turn"),
            );
        }
        last.expect("report").snapshot
    };
    let empty = run("I'm sorry, compensation can only be requested later.");
    let answered = run("I'm sorry, an engineer will come tomorrow at 9am.");
    assert!(
        empty.risk > answered.risk,
        "{} vs {}",
        empty.risk,
        answered.risk
    );
    assert!(empty.waiting_ms > 0 || empty.waiting_since_ms.is_some());
}

/// A customer throwing the agent's stock phrase back after a reply that delivered nothing
/// ("理解我的心情。行。" after "非常理解您的心情…") is sarcasm, read as angry whatever the grader
/// said; the same words after a concrete answer, or quoting a fact back, are not.
#[test]
fn the_agents_stock_phrase_thrown_back_reads_angry() {
    let config = Config::default();
    let peak_after = |agent_text: &str, reply: &str| {
        let mut c = Conversation::new("echo");
        c.push_assessed_turn(
            &config,
            customer("车周二就该取，现在配件还没到？", 0),
            Some(a(1)),
            false,
        )
        .unwrap();
        c.push_assessed_turn(&config, agent(agent_text, 60_000), None, false)
            .unwrap();
        c.push_assessed_turn(&config, customer(reply, 90_000), Some(a(0)), false)
            .unwrap()
            .snapshot
            .peak_level
    };
    assert_eq!(
        peak_after(
            "非常理解您的心情，我们也在积极催促厂家",
            "理解我的心情。行。"
        ),
        Level::Angry
    );
    assert_eq!(
        peak_after("亲，请您耐心等待哦", "耐心等待？我已经等三天了"),
        Level::Angry
    );
    // A concrete answer: quoting it back is checking it.
    assert_eq!(
        peak_after(
            "非常理解您的心情，配件明天上午10点到店，下午就能取车",
            "理解我的心情。行。"
        ),
        Level::Mild
    );
    assert_eq!(
        peak_after("亲，退款会原路返回哦", "是原路返回到银行卡吗"),
        Level::Mild
    );
}

/// The same sentence sent again once the customer has written since is flagged (`sameAnswer`),
/// also on a draft; a reply that only shares a greeting is not.
#[test]
fn the_same_answer_to_a_new_message_is_flagged() {
    let mut m = monitor();
    let said = "Please allow 24-48 hours as parcels are sometimes marked delivered early.";
    m.push_turn(
        "s",
        customer("My parcel says delivered but it is not here.", 0),
    )
    .unwrap();
    m.push_turn(
        "s",
        agent(&format!("Thanks for contacting us! {said}"), 60_000),
    )
    .unwrap();
    m.push_turn(
        "s",
        customer("Can you see where the driver left it?", 120_000),
    )
    .unwrap();
    let draft = m.check_draft("s", &format!("We understand your concern. {said}"), 130_000);
    assert!(
        draft.flags.iter().any(|f| f.dimension == "sameAnswer"),
        "{:?}",
        draft.flags
    );
    let fresh = m.check_draft(
        "s",
        "Thanks for contacting us! The driver's photo shows your porch.",
        130_000,
    );
    assert!(!fresh.flags.iter().any(|f| f.dimension == "sameAnswer"));
}

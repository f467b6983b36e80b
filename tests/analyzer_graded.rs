//! The full analyzer (lexicon + model + fusion, as shipped) on the graded customer-service table:
//! the fused level must be right for at least 90 % of `graded_messages.tsv` and never off by
//! more than one, and the fused negative probability must rank the table (binary: level >= 1)
//! at least as well as the model alone. The ROC-AUCs of the lexicon, the model and the fused
//! probability are printed for `graded_messages.tsv`, `graded_holdout.tsv` and
//! `models/data/cs_check.tsv` (run with `--nocapture`). None of these tables is fitted on.
#![cfg(feature = "embedded-data")]

use moodwatch::analysis::analyzer::MessageAnalyzer;

/// ROC-AUC (Mann-Whitney, ties counted half) of `scores` for the binary `labels`.
fn roc_auc(labels: &[bool], scores: &[f32]) -> f64 {
    let (mut wins, mut pairs) = (0.0f64, 0.0f64);
    for (i, &li) in labels.iter().enumerate() {
        if !li {
            continue;
        }
        for (j, &lj) in labels.iter().enumerate() {
            if lj {
                continue;
            }
            pairs += 1.0;
            if scores[i] > scores[j] {
                wins += 1.0;
            } else if scores[i] == scores[j] {
                wins += 0.5;
            }
        }
    }
    wins / pairs
}

#[test]
fn roc_auc_reference_values() {
    assert_eq!(roc_auc(&[true, false], &[0.9, 0.1]), 1.0);
    assert_eq!(roc_auc(&[true, false], &[0.1, 0.9]), 0.0);
    assert_eq!(roc_auc(&[true, false, true], &[0.5, 0.5, 0.7]), 0.75);
}

struct Scored {
    want: Vec<usize>,
    got: Vec<usize>,
    lexicon: Vec<f32>,
    model: Vec<f32>,
    fused: Vec<f32>,
}

/// Rows `(level, text)` from a file whose lines are `level<TAB>text[<TAB>…]` (the graded
/// tables), or `negative<TAB>level<TAB>text` when `level_col` is 1 (the CS check set).
fn score(path: &str, level_col: usize, a: &MessageAnalyzer) -> Scored {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut s = Scored {
        want: Vec::new(),
        got: Vec::new(),
        lexicon: Vec::new(),
        model: Vec::new(),
        fused: Vec::new(),
    };
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let Ok(want) = cols[level_col].parse::<usize>() else {
            continue; // a header line
        };
        let r = a.assess(cols[level_col + 1]);
        s.want.push(want);
        s.got.push(r.level.as_u8() as usize);
        s.lexicon.push(r.lexicon_negative);
        s.model
            .push(r.model_negative.expect("the embedded analyzer has a model"));
        s.fused.push(r.negative);
    }
    s
}

fn aucs(name: &str, s: &Scored) -> (f64, f64, f64) {
    let labels: Vec<bool> = s.want.iter().map(|&w| w >= 1).collect();
    let (l, m, f) = (
        roc_auc(&labels, &s.lexicon),
        roc_auc(&labels, &s.model),
        roc_auc(&labels, &s.fused),
    );
    println!(
        "{name}: {} rows, ROC-AUC of level >= 1: lexicon {l:.3}, model {m:.3}, fused {f:.3}",
        labels.len()
    );
    (l, m, f)
}

/// Checks a table of graded lines that guards earlier work: it has `rows` rows, at least
/// `min_right` get their exact level, and none is off by more than one.
fn levels_hold(path: &str, rows: usize, min_right: usize) {
    levels_hold_but(path, rows, min_right, &[]);
}

/// [`levels_hold`], with rows (0-based, comments left out) known to be off by more than one:
/// open misses, named where the table is checked.
fn levels_hold_but(path: &str, rows: usize, min_right: usize, open_far: &[usize]) {
    let a = MessageAnalyzer::embedded().unwrap();
    let s = score(path, 0, &a);
    let right = s.want.iter().zip(&s.got).filter(|(w, g)| w == g).count();
    let far: Vec<usize> = (0..s.want.len())
        .filter(|&i| s.want[i].abs_diff(s.got[i]) > 1 && !open_far.contains(&i))
        .collect();
    println!("{path}: fused level {right}/{} right", s.want.len());
    assert_eq!(s.want.len(), rows, "{path} has {rows} rows");
    assert!(right >= min_right, "{path}: {right}/{rows} right");
    assert!(
        far.is_empty(),
        "{path}: off by more than one on rows {far:?}"
    );
}

/// English helpdesk messages (Twitter/chat style), written before any English tuning: 62/120
/// right level at the first run (fused ROC-AUC 0.657, model 0.433); see lexicon/README.md.
#[test]
fn fused_levels_and_ranking_on_the_english_table() {
    let a = MessageAnalyzer::embedded().unwrap();
    let s = score("tests/fixtures/graded_english.tsv", 0, &a);
    let right = s.want.iter().zip(&s.got).filter(|(w, g)| w == g).count();
    let accuracy = right as f64 / s.want.len() as f64;
    println!(
        "graded_english.tsv: fused level {right}/{} right ({:.1} %)",
        s.want.len(),
        accuracy * 100.0
    );
    let (lexicon, _, fused) = aucs("graded_english.tsv", &s);
    let far: Vec<usize> = (0..s.want.len())
        .filter(|&i| s.want[i].abs_diff(s.got[i]) > 1)
        .collect();
    assert!(
        accuracy >= 0.95,
        "English level accuracy {accuracy:.3} < 0.95"
    );
    assert!(far.is_empty(), "off by more than one on rows {far:?}");
    assert!(
        lexicon >= 0.95 && fused >= 0.95,
        "ROC-AUC {lexicon:.3} / {fused:.3}"
    );
}

/// New Chinese and English chat lines written in session 4, each round before its first run
/// (round 1: English 32/40, Chinese 26/30; round 2: Chinese 27/30, English 23/29; round 3:
/// Chinese 20/30, English 15/25; round 4, Twitter-style English: 30/40); the misses' general
/// phrasings and rules went into the lexicon, so this guards them from regressing.
#[test]
fn fused_levels_on_the_session_4_spot_check() {
    levels_hold("tests/fixtures/graded_spot.tsv", 224, 200);
}

/// Session 5's blind round: 140 lines written by helpers who never saw the code (70 Chinese
/// e-commerce, 70 English helpdesk; gold levels theirs). First run 106/140 exact (53 + 53);
/// after fixing the general causes of the misses 129/140, none off by more than one. Most of
/// the rest are conventions of this lexicon (我再说最后一遍 and 叫主管 read as threats).
#[test]
fn fused_levels_on_the_blind_round_5() {
    levels_hold("tests/fixtures/graded_blind_r5.tsv", 140, 125);
}

/// The second blind round, written after round 5 was fixed: 100 lines (50 Chinese from older
/// customers, dialect-flavoured Mandarin and after-sales; 50 English email tickets, non-native
/// English, retail and food delivery). First run 64/100 exact (31 + 33); 89/100 after the
/// fixes, none off by more than one.
#[test]
fn fused_levels_on_the_blind_round_6() {
    levels_hold("tests/fixtures/graded_blind_r6.tsv", 100, 85);
}

/// The third blind round (after rounds 5 and 6 were fixed): 80 lines, 40 Chinese in the style
/// of JD after-sales logs, 40 English from Twitter support and retail agent chats. First run
/// 64/80 exact (32 + 32), 3 off by more than one; 73/80 after, none off by more than one.
#[test]
fn fused_levels_on_the_blind_round_7() {
    levels_hold("tests/fixtures/graded_blind_r7.tsv", 80, 70);
}

/// The fourth blind round (after rounds 5–7 were fixed), heavy on calm lines that sound
/// negative: 100 lines, 50 Chinese and 50 English. First run 66/100 exact (32 + 34), 9 off by
/// more than one; 88/100 after, none off by more than one.
#[test]
fn fused_levels_on_the_blind_round_8() {
    levels_hold("tests/fixtures/graded_blind_r8.tsv", 100, 89);
}

/// The last blind round of session 5, not tuned on: 60 lines (30 Chinese, 30 English) about
/// anger behind polite words and terse replies. 51/60 exact at its first run.
#[test]
fn fused_levels_on_the_blind_round_9() {
    levels_hold("tests/fixtures/graded_blind_r9.tsv", 60, 50);
}

/// Session 6's blind round: 30 Chinese and 30 English lines by helpers who never saw the code.
/// First run 47/60 exact with 2 off by more than one; none now.
#[test]
fn fused_levels_on_the_blind_round_10() {
    levels_hold("tests/fixtures/graded_blind_r10.tsv", 60, 46);
}

/// Session 6's second blind round (after-sales, OTA, Hong Kong/Taiwan/Singapore, banking,
/// insurance, pharmacy). First run 40/60 exact with 9 off by more than one; none now.
#[test]
fn fused_levels_on_the_blind_round_11() {
    levels_hold("tests/fixtures/graded_blind_r11.tsv", 60, 47);
}

/// Session 7's blind round (Pinduoduo, Douyin, Xianyu, Meituan, Tmall International; Shopify,
/// SaaS, smart home, housing, AliExpress, tickets, gym). First run 51/60 exact with 3 off by
/// more than one; none now.
#[test]
fn fused_levels_on_the_blind_round_12() {
    levels_hold("tests/fixtures/graded_blind_r12.tsv", 60, 58);
}

/// Round 13 (session 10), written blind: first run 42/60 right, 52/60 after the general causes
/// of its misses were fixed (see tests/fixtures/conversations/README.md).
#[test]
fn fused_levels_on_the_blind_round_13() {
    levels_hold("tests/fixtures/graded_blind_r13.tsv", 60, 52);
}

#[test]
fn fused_levels_and_ranking_on_the_graded_table() {
    let a = MessageAnalyzer::embedded().unwrap();
    let s = score("tests/fixtures/graded_messages.tsv", 0, &a);
    let right = s.want.iter().zip(&s.got).filter(|(w, g)| w == g).count();
    let accuracy = right as f64 / s.want.len() as f64;
    let far: Vec<usize> = (0..s.want.len())
        .filter(|&i| s.want[i].abs_diff(s.got[i]) > 1)
        .collect();
    println!(
        "graded_messages.tsv: fused level {right}/{} right ({:.1} %)",
        s.want.len(),
        accuracy * 100.0
    );
    let (_, model, fused) = aucs("graded_messages.tsv", &s);
    let h = score("tests/fixtures/graded_holdout.tsv", 0, &a);
    aucs("graded_holdout.tsv", &h);
    let c = score("models/data/cs_check.tsv", 1, &a);
    aucs("cs_check.tsv", &c);
    assert!(
        accuracy >= 0.90,
        "fused level accuracy {accuracy:.3} < 0.90"
    );
    assert!(
        far.is_empty(),
        "fused level off by more than one on rows {far:?}"
    );
    assert!(
        fused >= model,
        "fused ROC-AUC {fused:.3} below the model's {model:.3}"
    );
}

/// Round 14 (session 10), written blind (long helpdesk exports: bots, transfers, comebacks):
/// first run 41/60 right, 52/60 after the general causes of its misses were fixed.
#[test]
fn fused_levels_on_the_blind_round_14() {
    levels_hold("tests/fixtures/graded_blind_r14.tsv", 60, 55);
}

/// Round 15 (session 10), written blind (takeaway, formal written complaints, varieties of
/// English): first run 50/60 right, 55/60 after its fixes.
#[test]
fn fused_levels_on_the_blind_round_15() {
    levels_hold("tests/fixtures/graded_blind_r15.tsv", 60, 55);
}

/// Round 16 (session 11), written blind (Taiwan and Hong Kong buyers, written Cantonese, slang
/// and emoji; non-native, SMS and email English, polite sarcasm): first run 70/120 right,
/// 99/120 after the general causes of its misses were fixed.
#[test]
fn fused_levels_on_the_blind_round_16() {
    levels_hold("tests/fixtures/graded_blind_r16.tsv", 120, 102);
}

/// Round 17 (session 11), written blind (technical support, bookings, retail scripts,
/// rapid-fire lines): first run 76/120 right, 97/120 after the general causes of its misses
/// were fixed.
#[test]
fn fused_levels_on_the_blind_round_17() {
    levels_hold("tests/fixtures/graded_blind_r17.tsv", 120, 102);
}

/// Round 18 (session 12), written blind (courses, auto-renewal, game bans, livestream gifts,
/// Northeastern and Sichuan dialect, pinyin abuse; utilities, ISPs, delivery apps, elderly
/// all-caps, teen slang and emoji, Southern politeness): first run 77/120 right, 98/120 after
/// the general causes of its misses were fixed.
#[test]
fn fused_levels_on_the_blind_round_18() {
    levels_hold("tests/fixtures/graded_blind_r18.tsv", 120, 105);
}

/// Round 19 (session 12), written blind after round 18's fixes (anonymised JDDC-style logs,
/// Twitter support threads, live-chat and ticket exports): first run 85/120 right, 97/120 after
/// the general causes of its misses were fixed. Open, read calm where the writer meant anger:
/// sarcasm with no complaint phrase of its own ("谢谢啊 效率真高 一个退款审核了五天", "请问贵公司的加急是
/// 按年算的吗", "Thank you so much for charging me $80 for a mess I didn't make, truly
/// outstanding service").
#[test]
fn fused_levels_on_the_blind_round_19() {
    levels_hold_but(
        "tests/fixtures/graded_blind_r19.tsv",
        120,
        102,
        &[12, 17, 101],
    );
}

/// Round 20 (session 12), written blind after round 19's fixes (telecom, card centres, 12345,
/// delivery and travel platforms; IRC-style Linux support, forums, tweets, SaaS, warranties):
/// first run 77/120 right, 98/120 after the general causes of its misses were fixed. Open, off
/// by two: sarcasm with no complaint phrase of its own ("非常感谢您的耐心回复，让我又白等了一个小时，
/// 您的效率真是令人佩服", "Thank you SO much for the wonderful service of charging me twice and
/// then ghosting me", "Your 'engineer' … It is NOT fine."), and a thank-you that swears at the
/// software it fixed ("thanks, that fixed it. the damn thing was loading the wrong firmware").
#[test]
fn fused_levels_on_the_blind_round_20() {
    levels_hold_but(
        "tests/fixtures/graded_blind_r20.tsv",
        120,
        102,
        &[42, 72, 100, 104],
    );
}

/// Round 21 (session 12), written blind after round 20's fixes in the core domain (淘宝/天猫,
/// 拼多多, 抖音小店, 闲鱼; Shopify, Amazon, eBay, Etsy): first run 85/120 right, 98/120 after the
/// general causes of its misses were fixed. Open, off by two: sarcasm with no complaint phrase of
/// its own ("Thank you SO much for the wonderful help, really, I'm thrilled to wait another 2
/// weeks…", "Don't \"dear valued customer\" me.", "so I just throw $600 in the bin then?
/// brilliant, thanks 🙃").
#[test]
fn fused_levels_on_the_blind_round_21() {
    levels_hold_but(
        "tests/fixtures/graded_blind_r21.tsv",
        120,
        102,
        &[103, 107, 110],
    );
}

/// Round 22 (session 13), written blind by three new helpers after round 21's fixes: calm
/// after-sale chats on 淘宝/天猫/京东/拼多多/抖音小店 with slow agents and elderly typists; 外卖,
/// 快递, 携程, 家电售后, 信用卡, 运营商, 充电宝, 在线教育 and 游戏充值 with dialect, pinyin abuse and
/// [微笑]; English helpdesk exports (Shopify, Amazon, eBay, SaaS, airlines, fintech, ISPs).
/// First run 84/120 right, 111/120 after the general causes of its misses were fixed (faults
/// told as facts, rage explained, 呵呵 with words, grammar complaints, …); no row is off by two.
#[test]
fn fused_levels_on_the_blind_round_22() {
    levels_hold_but("tests/fixtures/graded_blind_r22.tsv", 120, 111, &[]);
}

/// Round 23 (session 14), written blind by three new helpers after round 22's fixes: presale and
/// after-sale on nine Chinese platforms with slow agents, canned replies, slang, dialect and
/// elderly voice-to-text; Chinese helpdesks beyond shopping (信用卡, 保险理赔, 12345, 健身房,
/// 游戏封号, 租房押金 …); English live chat in four varieties of English. First run 84/120 (9 rows
/// off by two), 98/120 after the general causes of its misses were fixed (asking whether a caller
/// is a scam, which channel to turn to, for a friend or before buying; threats asked as "which is
/// faster" or as a condition's consequence; 呵呵 before thanks; cracks, mould and topic nouns as
/// facts; …); no row is off by two.
#[test]
fn fused_levels_on_the_blind_round_23() {
    levels_hold_but("tests/fixtures/graded_blind_r23.tsv", 120, 98, &[]);
}

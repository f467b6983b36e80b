//! Two English chat cues that a word list cannot express: how long the customer says they
//! have waited ("it's been 15 minutes", "been over 24 hours", "been 8 business days"), and
//! praise said on its own next to a complaint ("great, another week of waiting", "3 weeks
//! late. wonderful"), which is sarcasm. Both work on normalised (lower-cased) text.

/// Words allowed between "been" and the number: "been over 24 hours", "been almost a day".
const ELAPSED_FILLERS: &[&str] = &[
    "over",
    "almost",
    "nearly",
    "more",
    "than",
    "about",
    "around",
    "like",
    "the",
    "past",
    "last",
    "literally",
    "already",
    "at",
    "least",
    "a",
    "an",
    "well",
    "only",
    "just",
    // Where the customer has been waiting: "been on this chat for an hour", "been on hold
    // for 40 minutes", "been waiting here for two hours".
    "on",
    "hold",
    "this",
    "chat",
    "phone",
    "line",
    "waiting",
    "here",
    "for",
    // What the customer has been doing all that time: "been asking for the last 45 minutes",
    // "been trying for two hours", "been chasing this for a week".
    "asking",
    "trying",
    "chasing",
];
/// How many words may stand between "been" and the count.
const ELAPSED_REACH: usize = 5;
/// Spelled-out counts ("been two hours"; "a"/"an" count too: "been an hour").
const NUMBER_WORDS: &[&str] = &[
    "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "several", "few", "couple",
];
/// Words allowed between the number and the unit: "8 business days", "a couple of days".
const UNIT_FILLERS: &[&str] = &[
    "business", "working", "whole", "full", "more", "of", "entire",
];
/// Units of a wait. Months and years are left out: "it's been 2 years since I bought it" dates
/// a purchase, it does not complain about a wait.
const UNITS: &[&str] = &[
    "min", "mins", "minute", "minutes", "hr", "hrs", "hour", "hours", "day", "days", "week",
    "weeks", "wk", "wks",
];

/// Praise words that, alone in a clause of a complaining message, read as sarcasm.
const LONE_PRAISE: &[&str] = &[
    "great",
    "brilliant",
    "wonderful",
    "perfect",
    "lovely",
    "fantastic",
    "amazing",
    "awesome",
    "cool",
    "nice",
    "terrific",
    "superb",
    "splendid",
    "marvelous",
    "excellent",
    "outstanding",
    "fabulous",
];
/// Words that may stand next to the praise word in such a clause: "oh great", "wow, great
/// service", "just perfect", "great job".
const PRAISE_FILLERS: &[&str] = &[
    "guys",
    "folks",
    "team",
    "again",
    "oh",
    "wow",
    "just",
    "how",
    "so",
    "real",
    "really",
    "very",
    "service",
    "job",
    "work",
    "then",
    "well",
    "yeah",
    "simply",
    "absolutely",
    "truly",
];

/// Capitalised words that are names, not shouting: codes, units, agencies, brands.
const ACRONYMS: &[&str] = &[
    "OK", "USB", "PDF", "ID", "SMS", "OTP", "UPS", "DHL", "USPS", "EU", "UK", "US", "USA", "FAQ",
    "API", "URL", "TV", "PC", "IMEI", "SIM", "PIN", "ETA", "DM", "BBB", "FTC", "FCC", "CAA", "GPS",
    "HDMI", "LED", "LCD", "SSD", "RAM", "CPU", "GPU", "AC", "DC", "VAT", "GST", "PO", "COD", "EMI",
    "IT", "HR", "CEO", "AM", "PM", "GMT", "UTC", "EST", "PST", "CET", "IST", "XL", "XXL", "XS",
    "ATM", "IBAN", "SWIFT", "UPI", "NFC", "SKU", "RMA", "TBH", "LOL", "OMG", "BTW", "FYI", "IMO",
    "PS", "VIP", "QR", "NYC", "LA", "SF", "HK", "SG", "AU", "NZ", "CA", "OPPO", "VIVO", "HUAWEI",
    "LG", "HP", "IBM", "AMD", "BMW", "VW", "KFC", "IKEA", "H&M", "DPD", "TNT", "EMS", "SF",
];

/// Whether `raw` (as typed, before lower-casing) shouts: three or more words in capitals, most
/// of its English words, in a message written mostly in Latin letters ("I AM NOT PAYING FOR A
/// ROOM I NEVER STAYED IN"). One capitalised word is emphasis ("charged me AGAIN"), and codes,
/// units and acronyms (USB-C, PDF, ETA) are not shouting.
pub(super) fn shouting(raw: &str) -> bool {
    let han = raw
        .chars()
        .filter(|c| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}'))
        .count();
    let latin = raw.chars().filter(char::is_ascii_alphabetic).count();
    if latin <= han {
        return false;
    }
    let ws: Vec<&str> = words(raw)
        .into_iter()
        // Codes joined by underscores (CRITICAL_PROCESS_DIED) are not shouted words.
        .filter(|&(s, e, _)| !in_code(raw, s, e))
        .map(|w| w.2)
        .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 2)
        .collect();
    let shouted = ws.iter().filter(|w| is_shouted(w)).count();
    // Three shouted words in a row shout too, in a longer message: "1 hour 20 min for cold
    // food. GREAT SERVICE GUYS".
    let mut run = 0;
    let mut longest = 0;
    for w in &ws {
        if is_shouted(w) {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    shouted >= 3 && (shouted * 5 >= ws.len() * 3 || longest >= 3)
}

/// Whether the word at `start..end` of `text` is part of a code-like identifier joined by
/// underscores (CRITICAL_PROCESS_DIED, ws_8812fa, ERR_CONNECTION_RESET): an error code or an id
/// names a thing; it is neither a word of feeling nor shouting.
pub(super) fn in_code(text: &str, start: usize, end: usize) -> bool {
    text.get(..start).is_some_and(|b| b.ends_with('_'))
        || text.get(end..).is_some_and(|a| a.starts_with('_'))
}

fn is_shouted(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_uppercase() || c == '\'')
        && !ACRONYMS.contains(&w.trim_matches('\''))
}

/// Laughter in a message: 哈哈, 笑死, 😂, 🤣, or the English words lol, lmao, rofl, haha, hehe.
/// 💀 is "I'm dead (laughing)".
pub(super) fn laughs(text: &str) -> bool {
    const MARKS: &[&str] = &["哈哈", "笑死", "😂", "🤣", "💀", "hhh"];
    MARKS.iter().any(|m| text.contains(m)) || words(text).iter().any(|w| is_laugh_word(w.2))
}

/// Whether an English word is laughter, stretched or not: lol, lmao, lmaooo, lolll, hahaha,
/// hehe, rofl.
pub(super) fn is_laugh_word(w: &str) -> bool {
    const WORDS: &[&str] = &["lol", "lmao", "lmfao", "rofl", "lolz", "hehe", "hehehe"];
    let lower = w.to_ascii_lowercase();
    // Stretched letters fold to one: lmaooo → lmao, lolll → lol.
    let mut folded = String::with_capacity(lower.len());
    for c in lower.chars() {
        if !folded.ends_with(c) {
            folded.push(c);
        }
    }
    WORDS.contains(&folded.as_str())
        || (folded.len() >= 4
            && folded.starts_with("ha")
            && folded.chars().all(|c| matches!(c, 'h' | 'a')))
}

/// Whether the message reports that someone else used, stole or broke into the customer's
/// card or account ("someone used my card at a walmart", "有人盗刷我的卡"): a victim reporting a
/// crime, whose swearing is at the criminal.
pub(super) fn victim_of_someone(text: &str) -> bool {
    const CHINESE: &[&str] = &["盗刷", "被盗号", "账号被盗", "号被盗", "有人用我的卡"];
    const SOMEONE: &[&str] = &[
        "someone",
        "somebody",
        "stranger",
        "fraudster",
        "fraudsters",
        "hacker",
        "hackers",
        "thief",
        "thieves",
    ];
    const DID: &[&str] = &[
        "used", "stole", "hacked", "spent", "took", "accessed", "opened", "charged", "logged",
        "cloned", "skimmed",
    ];
    if CHINESE.iter().any(|w| text.contains(w)) {
        return true;
    }
    text.split(['.', '!', '?', ',', '\n']).any(|clause| {
        let ws = words(clause);
        ws.iter().enumerate().any(|(i, w)| {
            SOMEONE.contains(&w.2) && ws[i + 1..].iter().take(3).any(|v| DID.contains(&v.2))
        })
    })
}

/// Where a simile about a thing starts: "making a noise like it's dying a slow painful death",
/// "looks as if it's been through a war". What follows describes the product figuratively,
/// not the customer's mood. Byte offsets in the normalised (lower-case) text.
pub(super) fn thing_similes(text: &str) -> Vec<usize> {
    const OPENERS: &[&str] = &[
        "like it's ",
        "like it is ",
        "like its ",
        "as if it's ",
        "as if it is ",
        "as though it's ",
        "as though it is ",
    ];
    let mut out: Vec<usize> = OPENERS
        .iter()
        .flat_map(|o| text.match_indices(o).map(|(i, o)| i + o.len()))
        .collect();
    out.sort_unstable();
    out
}

/// ASCII words of `text` with their byte spans.
fn words(text: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let wordy = c.is_ascii_alphanumeric() || c == '\'';
        match (wordy, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len(), &text[s..]));
    }
    out
}

fn is_count(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_digit()) || NUMBER_WORDS.contains(&word)
}

/// Byte spans of "been <count> <unit>" in `text`: a customer telling how long they waited.
pub(super) fn elapsed_waits(text: &str) -> Vec<(usize, usize)> {
    let ws = words(text);
    let mut spans = Vec::new();
    for (k, &(start, _, w)) in ws.iter().enumerate() {
        if w != "been" {
            continue;
        }
        let mut j = k + 1;
        // Fillers, then a count, then unit fillers, then a unit, all within a few words.
        while j < ws.len()
            && j <= k + ELAPSED_REACH
            && ELAPSED_FILLERS.contains(&ws[j].2)
            && !is_unit_next(&ws, j)
        {
            j += 1;
        }
        let Some(&(_, _, count)) = ws.get(j) else {
            continue;
        };
        if !is_count(count) {
            continue;
        }
        j += 1;
        while j < ws.len() && UNIT_FILLERS.contains(&ws[j].2) {
            j += 1;
        }
        if let Some(&(_, end, unit)) = ws.get(j) {
            if UNITS.contains(&unit) {
                spans.push((start, end));
            }
        }
    }
    spans
}

/// Whether `hay` holds `word` with no ASCII letter or digit right before or after it.
pub(super) fn contains_ascii_word(hay: &str, word: &str) -> bool {
    hay.match_indices(word).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// Whether `text` mentions `word`: an English word as a whole word ("gain" is not "again"), a
/// Chinese one anywhere.
pub(super) fn mentions(text: &str, word: &str) -> bool {
    if word.is_ascii() {
        contains_ascii_word(text, word)
    } else {
        text.contains(word)
    }
}

/// "a"/"an" are both fillers and counts: "been an hour" must read "an" as the count.
fn is_unit_next(ws: &[(usize, usize, &str)], j: usize) -> bool {
    is_count(ws[j].2) && ws.get(j + 1).is_some_and(|w| UNITS.contains(&w.2))
}

/// Whether `clause` is praise said on its own ("great.", "oh wonderful", "wow, great
/// service"): nothing in it but praise words and the fillers that go with them.
pub(super) fn lone_praise(clause: &str) -> bool {
    let ws = words(clause);
    !ws.is_empty()
        && ws
            .iter()
            .all(|w| LONE_PRAISE.contains(&w.2) || PRAISE_FILLERS.contains(&w.2))
}

/// Whether `word` is one of the praise words that can be said sarcastically on its own.
pub(super) fn is_lone_praise_word(word: &str) -> bool {
    LONE_PRAISE.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waits(text: &str) -> Vec<&str> {
        elapsed_waits(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn fraud_victims() {
        assert!(victim_of_someone("someone just spent $612 on my visa"));
        assert!(victim_of_someone("我的卡被盗刷了"));
        assert!(!victim_of_someone(
            "someone from your team promised a refund"
        ));
        assert!(!victim_of_someone("you charged me twice"));
    }

    #[test]
    fn similes_about_a_thing_are_found_after_their_opener() {
        let t = "it's making a noise like it's dying a slow painful death";
        let at = thing_similes(t);
        assert_eq!(at.len(), 1);
        assert!(t[at[0]..].starts_with("dying"));
        assert!(thing_similes("i feel like i'm talking to a wall").is_empty());
    }

    #[test]
    fn elapsed_waits_are_found() {
        assert_eq!(waits("hello?? it's been 15 minutes"), ["been 15 minutes"]);
        assert_eq!(
            waits("it's been over 24 hours, any news"),
            ["been over 24 hours"]
        );
        assert_eq!(
            waits("it's been 8 business days already"),
            ["been 8 business days"]
        );
        assert_eq!(waits("been 3 hrs"), ["been 3 hrs"]);
        assert_eq!(waits("it has been an hour"), ["been an hour"]);
        assert_eq!(
            waits("been a couple of days now"),
            ["been a couple of days"]
        );
    }

    #[test]
    fn other_uses_of_been_are_not_waits() {
        assert!(waits("i've been a customer for 5 years").is_empty());
        assert!(waits("it's been 2 years since i bought it").is_empty());
        assert!(waits("it's been great, thanks").is_empty());
        assert!(waits("i have been 2 times to the store").is_empty());
    }

    #[test]
    fn shouting_is_several_words_in_capitals() {
        assert!(shouting("I AM NOT PAYING FOR A ROOM I NEVER STAYED IN"));
        assert!(shouting("WHERE IS MY ORDER"));
        assert!(shouting("1 hour 20 min for cold food. GREAT SERVICE GUYS"));
        assert!(!shouting("you've charged me AGAIN"));
        assert!(!shouting("my USB-C cable and the PDF invoice, ETA?"));
        assert!(!shouting("OK"));
        assert!(!shouting("我的OPPO手机和VIVO还有HUAWEI都不行"));
        assert!(!shouting(
            "the blue screen says CRITICAL_PROCESS_DIED then it reboots"
        ));
    }

    #[test]
    fn laughter_is_found_as_words_and_marks() {
        assert!(laughs("the lag is killing me lol"));
        assert!(laughs("卧槽 终于到了 哈哈哈"));
        assert!(laughs("omg 😂"));
        assert!(!laughs("a lollipop for the kids"));
        assert!(laughs("i got 3 salads lmaooo"));
        assert!(laughs("the driver gave me someone elses order 💀"));
        assert!(laughs("HAHAHAH ok"));
        assert!(!laughs("hah, nice try"));
        assert!(!laughs("please help"));
    }

    #[test]
    fn lone_praise_is_the_whole_clause() {
        assert!(lone_praise("great"));
        assert!(lone_praise("wow great service"));
        assert!(lone_praise("oh wonderful"));
        assert!(lone_praise("wow"));
        assert!(!lone_praise("great product"));
        assert!(!lone_praise("the support was great"));
        assert!(!lone_praise("thanks"));
        assert!(!lone_praise(""));
    }
}

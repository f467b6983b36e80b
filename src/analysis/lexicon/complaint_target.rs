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
    "complaint against the",
    "投诉那个",
    "投诉一下那个",
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

/// Whether the message's complaints are about another shop's product (and not this shop's).
pub(super) fn about_another_shop(text: &str) -> bool {
    ANOTHER_SHOP.iter().any(|w| text.contains(w)) && !names_the_shop(text)
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
    let has = |list: &[&str]| list.iter().any(|w| text.contains(w));
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

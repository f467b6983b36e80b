//! Browser tests of the DOM layer: a console built per the demo DOM contract, the real
//! exported API, the real observer and overlay. The analysis core is the oracle: the overlay
//! must show what `Engine` (the same core, page-free) computes for the same turns.
#![cfg(target_arch = "wasm32")]

use moodwatch::web::{attach, detach_all, state, Engine};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Document, Element, HtmlTextAreaElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

const T0: u64 = 1_732_435_200_000;
const ANGRY: &str = "我再说最后一遍，今天不退款我就去12315投诉！";
const CALM: &str = "请问什么时候发货？";

fn doc() -> Document {
    web_sys::window().and_then(|w| w.document()).unwrap()
}

/// Waits past the observer's microtask and any timers due within `ms`.
async fn settle(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(p).await.unwrap();
}

/// A console per the demo contract, inside `<div id=ID class=cs-app>`.
fn console(id: &str, conv: &str) -> Element {
    let app = doc().create_element("div").unwrap();
    app.set_id(id);
    app.set_class_name("cs-app");
    app.set_inner_html(&format!(
        r#"<aside class="conv-list"><div class="conv-item is-active" data-conv-id="{conv}"></div></aside>
<section class="chat-pane" data-conv-id="{conv}"><div class="msg-list"></div>
<div class="composer"><textarea class="chat-input"></textarea><button class="send-btn">发送</button></div></section>"#
    ));
    doc().body().unwrap().append_child(&app).unwrap();
    app
}

fn msg_html(id: &str, role: &str, text: &str, ts: u64) -> String {
    format!(
        r#"<div class="msg" data-role="{role}" data-msg-id="{id}" data-ts="{ts}"><div class="msg-text">{text}</div><time class="msg-time">10:21</time></div>"#
    )
}

fn list(app: &Element) -> Element {
    app.query_selector(".msg-list").unwrap().unwrap()
}

fn push(app: &Element, id: &str, role: &str, text: &str, ts: u64) {
    list(app)
        .insert_adjacent_html("beforeend", &msg_html(id, role, text, ts))
        .unwrap();
}

fn config(root: &str) -> Value {
    json!({
        "root": root,
        "messageList": ".chat-pane .msg-list",
        "message": ".msg",
        "messageId": { "attr": "data-msg-id" },
        "role": { "attr": "data-role" },
        "text": ".msg-text",
        "time": { "attr": "data-ts" },
        "conversation": { "selector": ".chat-pane", "attr": "data-conv-id" },
        "input": ".chat-input",
        "draftDebounceMs": 10
    })
}

fn js(v: &Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap()
}

fn rs(v: &JsValue) -> Value {
    serde_json::from_str(&js_sys::JSON::stringify(v).unwrap().as_string().unwrap()).unwrap()
}

fn shadows() -> Vec<ShadowRoot> {
    let hosts = doc().query_selector_all("[data-moodwatch-host]").unwrap();
    (0..hosts.length())
        .map(|i| {
            hosts
                .item(i)
                .unwrap()
                .dyn_into::<Element>()
                .unwrap()
                .shadow_root()
                .expect("open shadow root")
        })
        .collect()
}

fn shadow() -> ShadowRoot {
    let all = shadows();
    assert_eq!(all.len(), 1, "one overlay host");
    all.into_iter().next().unwrap()
}

fn sel(root: &ShadowRoot, s: &str) -> Element {
    root.query_selector(s)
        .unwrap()
        .unwrap_or_else(|| panic!("{s} in overlay"))
}

fn click(el: &Element) {
    el.dyn_ref::<web_sys::HtmlElement>().unwrap().click();
}

type EventClosure = Closure<dyn FnMut(web_sys::CustomEvent)>;

/// Records page events by name.
struct Events {
    log: Rc<RefCell<Vec<(String, Value)>>>,
    closures: Vec<(String, EventClosure)>,
}

impl Events {
    fn listen() -> Events {
        let log = Rc::new(RefCell::new(Vec::new()));
        let mut closures = Vec::new();
        for name in [
            "moodwatch:ready",
            "moodwatch:assessment",
            "moodwatch:warning",
            "moodwatch:warning-cleared",
            "moodwatch:transfer",
            "moodwatch:suggestion-inserted",
            "moodwatch:feedback",
        ] {
            let log = log.clone();
            let n = name.to_string();
            let c =
                Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
                    log.borrow_mut().push((n.clone(), rs(&e.detail())));
                });
            doc()
                .add_event_listener_with_callback(name, c.as_ref().unchecked_ref())
                .unwrap();
            closures.push((name.to_string(), c));
        }
        Events { log, closures }
    }

    fn count(&self, name: &str) -> usize {
        self.log.borrow().iter().filter(|(n, _)| n == name).count()
    }

    fn last(&self, name: &str) -> Option<Value> {
        self.log
            .borrow()
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }
}

impl Drop for Events {
    fn drop(&mut self) {
        for (name, c) in &self.closures {
            let _ = doc().remove_event_listener_with_callback(name, c.as_ref().unchecked_ref());
        }
    }
}

fn cleanup(app: &Element) {
    detach_all();
    app.remove();
    assert_eq!(shadows().len(), 0, "detach removes the overlay");
}

/// The oracle: the same turns through the page-free engine.
fn oracle(turns: &[(&str, &str, u64)]) -> Value {
    let mut engine = Engine::new(JsValue::UNDEFINED).unwrap();
    let mut last = Value::Null;
    for (role, text, ts) in turns {
        let r = engine
            .push_turn("x", js(&json!({"role": role, "text": text, "ts": ts})))
            .unwrap();
        last = rs(&r)["snapshot"].clone();
    }
    last
}

fn level_attr() -> Option<String> {
    sel(&shadow(), ".mw-badge").get_attribute("data-warning-level")
}

#[wasm_bindgen_test]
async fn attach_observes_and_draws_badge_with_reasons() {
    let app = console("t-badge", "c1");
    let events = Events::listen();
    let handle = attach(js(&config("#t-badge"))).unwrap();
    assert_eq!(events.count("moodwatch:ready"), 1);
    let root = shadow();
    assert_eq!(level_attr().as_deref(), Some("0"));
    assert!(root.query_selector("[aria-live=polite]").unwrap().is_some());

    // Times near now: the overlay renders at the wall clock, so waits stay short.
    let t = js_sys::Date::now() as u64 - 4_000;
    push(&app, "m1", "customer", CALM, t);
    push(&app, "m2", "customer", ANGRY, t + 2_000);
    settle(0).await;

    let expected = oracle(&[("customer", CALM, t), ("customer", ANGRY, t + 2_000)]);
    let level = expected["warningLevel"].as_u64().unwrap();
    assert!(
        level > 0,
        "an explicit 12315 threat raises a warning: {expected}"
    );
    let badge = sel(&root, ".mw-badge");
    assert_eq!(
        badge.get_attribute("data-warning-level"),
        Some(level.to_string())
    );
    let label = ["平稳", "安抚", "关注", "转接"][level as usize];
    let badge_text = badge.text_content().unwrap();
    assert!(badge_text.contains(label), "{badge_text}");
    let pct = (expected["risk"].as_f64().unwrap() * 100.0).round() as u32;
    assert!(
        badge_text.contains(&format!("{pct}%")),
        "{badge_text} vs {pct}%"
    );

    let reasons = root
        .query_selector_all(".mw-reasons li:not([hidden])")
        .unwrap();
    let want = expected["reasons"].as_array().unwrap();
    assert!(!want.is_empty());
    assert_eq!(reasons.length() as usize, want.len().min(6));
    let first = reasons.item(0).unwrap().text_content().unwrap();
    assert!(first.contains(want[0]["note"].as_str().unwrap()), "{first}");

    assert_eq!(events.count("moodwatch:assessment"), 2);
    let a = events.last("moodwatch:assessment").unwrap();
    assert_eq!(a["conversation"], "c1");
    assert_eq!(a["turn"]["id"], "m2");
    assert!(a["report"]["assessment"]["level"].as_u64().unwrap() >= 2);
    let w = events.last("moodwatch:warning").expect("warning event");
    assert_eq!(w["conversation"], "c1");
    assert_eq!(w["level"].as_u64(), Some(level));
    assert_eq!(
        root.query_selector_all(".mw-warnings li").unwrap().length(),
        1
    );
    let live = sel(&root, "[aria-live=polite]").text_content().unwrap();
    assert!(live.contains(label), "live region announces: {live}");

    let snap = rs(&handle.state(None).unwrap());
    assert_eq!(snap["turns"], 2);
    assert_eq!(rs(&state(Some("c1".into())).unwrap())["turns"], 2);
    cleanup(&app);
}

#[wasm_bindgen_test]
async fn detach_disconnects_the_observer() {
    let app = console("t-detach", "c1");
    let events = Events::listen();
    let handle = attach(js(&config("#t-detach"))).unwrap();
    push(&app, "m1", "customer", CALM, T0);
    settle(0).await;
    assert_eq!(events.count("moodwatch:assessment"), 1);
    assert!(handle.detach());
    assert!(!handle.attached());
    assert_eq!(shadows().len(), 0, "overlay removed");
    push(&app, "m2", "customer", ANGRY, T0 + 1_000);
    settle(0).await;
    assert_eq!(
        events.count("moodwatch:assessment"),
        1,
        "nothing processed after detach"
    );
    assert!(state(Some("c1".into())).unwrap().is_null());
    assert!(!handle.detach(), "second detach is a no-op");
    cleanup(&app);
}

#[wasm_bindgen_test]
async fn rerendered_messages_are_not_counted_twice() {
    for with_ids in [true, false] {
        let app = console("t-dedupe", "c1");
        let events = Events::listen();
        let mut cfg = config("#t-dedupe");
        if !with_ids {
            cfg.as_object_mut().unwrap().remove("messageId");
        }
        let handle = attach(js(&cfg)).unwrap();
        push(&app, "m1", "customer", CALM, T0);
        push(&app, "m2", "agent", "您好，马上为您查询", T0 + 1_000);
        push(&app, "m3", "customer", CALM, T0 + 2_000);
        settle(0).await;
        assert_eq!(events.count("moodwatch:assessment"), 3);
        // A virtual-DOM re-render: every node replaced by an identical one.
        let html = list(&app).inner_html();
        list(&app).set_inner_html("");
        list(&app).set_inner_html(&html);
        settle(0).await;
        assert_eq!(events.count("moodwatch:assessment"), 3, "ids={with_ids}");
        assert_eq!(rs(&handle.state(None).unwrap())["turns"], 3);
        // Only the genuinely new message counts.
        push(&app, "m4", "customer", ANGRY, T0 + 3_000);
        settle(0).await;
        assert_eq!(events.count("moodwatch:assessment"), 4);
        assert_eq!(rs(&handle.state(None).unwrap())["turns"], 4);
        // A deleted (recalled) message is not re-counted when it comes back.
        let m4 = list(&app).last_element_child().unwrap();
        m4.remove();
        settle(0).await;
        list(&app).append_child(&m4).unwrap();
        settle(0).await;
        assert_eq!(events.count("moodwatch:assessment"), 4);
        drop(events);
        cleanup(&app);
    }
}

#[wasm_bindgen_test]
async fn history_seeds_state_without_events() {
    let app = console("t-history", "c1");
    push(&app, "m5", "customer", ANGRY, T0 + 50_000);
    let events = Events::listen();
    let handle = attach(js(&config("#t-history"))).unwrap();
    settle(0).await;
    assert_eq!(
        events.count("moodwatch:assessment"),
        0,
        "existing messages are history"
    );
    let seeded = oracle(&[("customer", ANGRY, T0 + 50_000)]);
    assert_eq!(
        level_attr(),
        Some(seeded["warningLevel"].to_string()),
        "history still shows on the badge"
    );
    // A conversation already hot when first seen is announced once, marked as history, so
    // the host can still route it; its old messages raise no per-message events.
    let hot = seeded["warningLevel"].as_u64().unwrap_or(0) > 0;
    assert!(
        hot,
        "the angry history message is above the first warning level"
    );
    assert_eq!(events.count("moodwatch:warning"), 1);
    let w = events.last("moodwatch:warning").unwrap();
    assert_eq!(w["history"], true);
    assert_eq!(w["level"], seeded["warningLevel"]);
    assert_eq!(w["conversation"], "c1");
    // Older messages loaded above.
    let older = msg_html("m3", "customer", CALM, T0) + &msg_html("m4", "agent", "好的", T0 + 1_000);
    list(&app)
        .insert_adjacent_html("afterbegin", &older)
        .unwrap();
    settle(0).await;
    assert_eq!(
        events.count("moodwatch:assessment"),
        0,
        "history above is not new"
    );
    assert_eq!(rs(&handle.state(None).unwrap())["turns"], 3);
    push(&app, "m6", "customer", CALM, T0 + 60_000);
    settle(0).await;
    assert_eq!(events.count("moodwatch:assessment"), 1);
    let snap = rs(&handle.state(None).unwrap());
    assert_eq!(snap["turns"], 4);
    let expected = oracle(&[
        ("customer", CALM, T0),
        ("agent", "好的", T0 + 1_000),
        ("customer", ANGRY, T0 + 50_000),
        ("customer", CALM, T0 + 60_000),
    ]);
    assert_eq!(
        snap["trend"], expected["trend"],
        "history replayed in page order"
    );
    // An edit (same id, new text) replaces the text without a new turn.
    let m6 = app
        .query_selector("[data-msg-id=m6] .msg-text")
        .unwrap()
        .unwrap();
    m6.set_text_content(Some("算了，谢谢"));
    settle(0).await;
    assert_eq!(rs(&handle.state(None).unwrap())["turns"], 4);
    assert_eq!(events.count("moodwatch:assessment"), 1);
    cleanup(&app);
}

#[wasm_bindgen_test]
async fn conversation_switch_keeps_each_conversation() {
    let app = console("t-switch", "c1");
    let events = Events::listen();
    let handle = attach(js(&config("#t-switch"))).unwrap();
    push(&app, "a1", "customer", ANGRY, T0);
    settle(0).await;
    let c1_html = list(&app).inner_html();
    let level_c1 = level_attr();
    assert_ne!(level_c1.as_deref(), Some("0"));
    // Switch to c2: the pane's id changes and the list is re-rendered.
    let pane = app.query_selector(".chat-pane").unwrap().unwrap();
    pane.set_attribute("data-conv-id", "c2").unwrap();
    list(&app).set_inner_html(&msg_html("b1", "customer", CALM, T0 + 10));
    settle(0).await;
    assert_eq!(handle.current_conversation().as_deref(), Some("c2"));
    assert_eq!(
        events.count("moodwatch:assessment"),
        1,
        "c2's existing messages are history"
    );
    assert_eq!(level_attr().as_deref(), Some("0"));
    assert_eq!(rs(&handle.state(Some("c2".into())).unwrap())["turns"], 1);
    // Back to c1: same messages re-rendered, nothing counted twice.
    pane.set_attribute("data-conv-id", "c1").unwrap();
    list(&app).set_inner_html(&c1_html);
    settle(0).await;
    assert_eq!(handle.current_conversation().as_deref(), Some("c1"));
    assert_eq!(rs(&handle.state(None).unwrap())["turns"], 1);
    assert_eq!(level_attr(), level_c1);
    push(&app, "a2", "customer", CALM, T0 + 20);
    settle(0).await;
    assert_eq!(events.count("moodwatch:assessment"), 2);
    assert_eq!(
        events.last("moodwatch:assessment").unwrap()["conversation"],
        "c1"
    );
    cleanup(&app);
}

#[wasm_bindgen_test]
async fn late_widget_and_rebuilt_widget() {
    let events = Events::listen();
    let handle = attach(js(&config("#t-late"))).unwrap();
    let status = sel(&shadow(), ".mw-status");
    assert!(
        !status.has_attribute("hidden"),
        "shows that it waits for the widget"
    );
    let app = console("t-late", "c9");
    settle(0).await;
    assert!(status.has_attribute("hidden"));
    push(&app, "x1", "customer", CALM, T0);
    settle(0).await;
    assert_eq!(events.count("moodwatch:assessment"), 1);
    // Torn down and rebuilt with the same messages.
    let html = app.inner_html();
    app.remove();
    settle(0).await;
    assert!(!status.has_attribute("hidden"));
    let app = console("t-late", "c9");
    app.set_inner_html(&html);
    settle(0).await;
    assert_eq!(events.count("moodwatch:assessment"), 1);
    push(&app, "x2", "customer", ANGRY, T0 + 1_000);
    settle(0).await;
    assert_eq!(events.count("moodwatch:assessment"), 2);
    assert_eq!(rs(&handle.state(None).unwrap())["turns"], 2);
    cleanup(&app);
}

#[wasm_bindgen_test]
async fn two_widgets_on_one_page() {
    let a = console("t-two-a", "left");
    let b = console("t-two-b", "right");
    let ha = attach(js(&config("#t-two-a"))).unwrap();
    let hb = attach(js(&config("#t-two-b"))).unwrap();
    assert_eq!(shadows().len(), 2);
    push(&a, "1", "customer", ANGRY, T0);
    push(&b, "1", "customer", CALM, T0);
    push(&b, "2", "customer", CALM, T0 + 1);
    settle(0).await;
    assert_eq!(rs(&ha.state(None).unwrap())["turns"], 1);
    assert_eq!(rs(&hb.state(None).unwrap())["turns"], 2);
    assert_eq!(ha.current_conversation().as_deref(), Some("left"));
    assert_eq!(hb.current_conversation().as_deref(), Some("right"));
    b.remove();
    cleanup(&a);
}

#[wasm_bindgen_test]
async fn wait_timer_runs_only_while_the_customer_waits() {
    let app = console("t-wait", "c1");
    let handle = attach(js(&config("#t-wait"))).unwrap();
    assert!(!handle.timer_running(), "idle page: no timer");
    let now = js_sys::Date::now() as u64;
    push(&app, "w1", "customer", CALM, now - 65_000);
    settle(0).await;
    assert!(handle.timer_running());
    let wait = sel(&shadow(), ".mw-wait");
    assert!(!wait.has_attribute("hidden"));
    let text = wait.text_content().unwrap();
    assert!(text.contains("1:0"), "{text}");
    push(&app, "w2", "agent", "您好，已为您加急处理", now);
    settle(0).await;
    assert!(!handle.timer_running(), "answered: timer stopped");
    assert!(wait.has_attribute("hidden"));
    cleanup(&app);
}

#[wasm_bindgen_test]
async fn draft_note_transfer_feedback_and_english() {
    let app = console("t-ui", "c1");
    let events = Events::listen();
    let handle = attach(js(&config("#t-ui"))).unwrap();
    push(&app, "u1", "customer", ANGRY, T0);
    settle(0).await;
    let root = shadow();

    // Draft check: a quiet note next to the input, never blocking.
    let input: HtmlTextAreaElement = app
        .query_selector(".chat-input")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value("哦");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle(80).await;
    let check = rs(&handle.check_draft("哦").unwrap());
    let note = sel(&root, ".mw-draft");
    assert_eq!(
        !note.has_attribute("hidden"),
        check["warn"].as_bool().unwrap(),
        "{check}"
    );
    assert_eq!(input.value(), "哦", "the draft is untouched");

    // Transfer button at review level and above.
    let transfer = sel(&root, ".mw-transfer");
    let level: u8 = level_attr().unwrap().parse().unwrap();
    assert_eq!(transfer.has_attribute("hidden"), level < 2);
    click(&transfer);
    let t = events.last("moodwatch:transfer").expect("transfer event");
    assert_eq!(t["conversation"], "c1");
    assert_eq!(t["requestedBy"], "agent");

    // Feedback goes to localStorage.
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item("moodwatch.feedback").unwrap();
    click(&sel(&root, "[data-action=feedback-wrong]"));
    let stored: Value =
        serde_json::from_str(&storage.get_item("moodwatch.feedback").unwrap().unwrap()).unwrap();
    assert_eq!(stored[0]["kind"], "wrong");
    assert_eq!(stored[0]["conversation"], "c1");
    assert_eq!(events.count("moodwatch:feedback"), 1);

    // Suggestions (when the playbook offers some) insert into the input, never send.
    let buttons = root
        .query_selector_all("button.mw-suggestion:not([hidden])")
        .unwrap();
    let snap = rs(&handle.state(None).unwrap());
    let offered = snap["suggestions"].as_array().unwrap();
    assert_eq!(buttons.length() as usize, offered.len());
    if let Some(first) = offered.first() {
        click(&buttons.item(0).unwrap().dyn_into::<Element>().unwrap());
        let text = first["text"].as_str().unwrap();
        assert_eq!(input.value(), format!("哦{text}"));
        assert_eq!(events.count("moodwatch:suggestion-inserted"), 1);
    }

    // English UI.
    moodwatch::web::update_config(js(&json!({"lang": "en"}))).unwrap();
    let badge = sel(&shadow(), ".mw-badge").text_content().unwrap();
    assert!(
        ["Calm", "Soothe", "Review", "Transfer"]
            .iter()
            .any(|l| badge.contains(l)),
        "{badge}"
    );
    cleanup(&app);
}

fn error_message(e: wasm_bindgen::JsError) -> String {
    let v: JsValue = e.into();
    js_sys::Reflect::get(&v, &"message".into())
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
fn bad_configs_are_clear_errors() {
    let mut cfg = config("#nowhere");
    cfg["messageList"] = json!("div[[");
    let e = error_message(attach(js(&cfg)).err().unwrap());
    assert!(e.contains("messageList"), "{e}");
    let mut cfg = config("#nowhere");
    cfg["mesage"] = json!(".msg");
    let e = error_message(attach(js(&cfg)).err().unwrap());
    assert!(e.contains("unknown field `mesage`"), "{e}");
    let mut cfg = config("#nowhere");
    cfg["engine"] = json!({"thresholds": [0.9, 0.5, 0.1]});
    let e = error_message(attach(js(&cfg)).err().unwrap());
    assert!(e.contains("thresholds"), "{e}");
    assert_eq!(shadows().len(), 0, "a failed attach leaves nothing behind");
}

/// The idle-time warm-up after the first attach runs its scripted turns to the end without
/// anything showing: no second overlay host, no event, no conversation in the state, and
/// the real overlay keeps what the page's own messages say.
#[wasm_bindgen_test]
async fn idle_warmup_runs_to_the_end_unseen() {
    let app = console("t-warmup", "c-warm");
    let events = Events::listen();
    let handle = attach(js(&config("#t-warmup"))).unwrap();
    let mut warmup = Value::Null;
    for _ in 0..300 {
        warmup = rs(&moodwatch::web::diagnostics().unwrap())["warmup"].clone();
        if warmup["done"] == true {
            break;
        }
        settle(50).await;
    }
    assert_eq!(warmup["done"], true, "the warm-up finished: {warmup}");
    assert_eq!(warmup["steps"], 320, "{warmup}");
    assert!(warmup["slices"].as_u64().unwrap() >= 1, "{warmup}");
    assert_eq!(
        shadows().len(),
        1,
        "the warm-up's overlay never reaches the page"
    );
    for conv in ["warmup-a", "warmup-b", "warmup-c"] {
        assert!(
            state(Some(conv.into())).unwrap().is_null(),
            "{conv} is not a real conversation"
        );
    }
    assert_eq!(events.count("moodwatch:assessment"), 0);
    assert_eq!(events.count("moodwatch:warning"), 0);
    assert_eq!(level_attr().as_deref(), Some("0"));
    assert_eq!(sel(&shadow(), ".mw-warnings").children().length(), 0);

    let t = js_sys::Date::now() as u64 - 2_000;
    push(&app, "w1", "customer", CALM, t);
    settle(0).await;
    assert_eq!(events.count("moodwatch:assessment"), 1);
    assert_eq!(rs(&handle.state(None).unwrap())["turns"], 1);
    cleanup(&app);
}

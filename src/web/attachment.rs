//! One attachment to one chat widget: the engine state, the overlay and every browser
//! callback. The registry holds attachments strongly (a page that drops the handle keeps
//! moodwatch running); `detach` drops one, and its `Drop` undoes every hook.

use super::adapter::{change_of, AdapterConfig, Change, RawMessage};
use super::callbacks::{Debounce, Frame, Listener, Observer, Resize, Ticker};
use super::clock::now_ms;
use super::diagnostics::{self, Phase};
use super::global::{document, window};
use super::i18n;
use super::overlay::{Dock, Overlay, View, WarningEntry};
use super::page_events::{json_value, page_events};
use super::tracker::Track;
use crate::analysis::conversation::{
    AgentCheck, Config, Monitor, Role, Snapshot, Suggestion, Turn, TurnReport, WarningLevel,
};
use crate::analysis::MessageAnalyzer;
use serde::Serialize;
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::{Rc, Weak};
use std::sync::Arc;
use wasm_bindgen::intern;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CustomEvent, CustomEventInit, DomRect, Element, Event, EventInit, HtmlInputElement,
    HtmlTextAreaElement, KeyboardEvent, MutationObserver, MutationObserverInit, MutationRecord,
    PointerEvent,
};

const FEEDBACK_KEY: &str = "moodwatch.feedback";
/// The longest conversation [`State::reread_with_model`] re-reads when the model arrives.
const REREAD_MAX_TURNS: usize = 400;
const SNOOZE_MS: u64 = 10 * 60 * 1000;

thread_local! {
    static REGISTRY: RefCell<Vec<Rc<Attachment>>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    static ANALYZER: RefCell<Option<Arc<MessageAnalyzer>>> = const { RefCell::new(None) };
}

/// The analyzer shared by every attachment and engine (built once per page).
pub fn shared_analyzer() -> Result<Arc<MessageAnalyzer>, String> {
    ANALYZER.with(|slot| {
        let mut slot = slot.try_borrow_mut().map_err(|e| e.to_string())?;
        if let Some(a) = slot.as_ref() {
            return Ok(a.clone());
        }
        let a = Arc::new(load_analyzer().map_err(|e| format!("cannot load embedded data: {e}"))?);
        *slot = Some(a.clone());
        Ok(a)
    })
}

/// Builds the embedded analyzer: the lexicon now, the model later.
///
/// In the build that ships (no `model` feature) the model comes from the second wasm module
/// once the loader has it ([`super::model_link`]). A build with the model inside defers
/// planning it: that takes 35–55 ms of main thread in Chromium (tract's first run of its
/// optimiser is mostly the browser compiling that code), and deferred it is planned in the
/// page's first idle period by the warm-up ([`super::warmup`]), or by the first message that
/// needs it if one comes before; the readings are the same either way.
fn load_analyzer() -> Result<MessageAnalyzer, crate::analysis::AnalysisError> {
    use crate::analysis::lexicon::Lexicon;
    let t0 = diagnostics::now();
    let lexicon = Lexicon::embedded()?;
    diagnostics::set_lexicon_load(diagnostics::now() - t0);
    let analyzer = MessageAnalyzer::from_parts(lexicon);
    #[cfg(feature = "model")]
    let analyzer = analyzer.with_deferred_model(load_model);
    #[cfg(not(feature = "model"))]
    let analyzer = analyzer.awaiting_model();
    Ok(analyzer)
}

/// Plans the embedded model and reads the fusion parameters, timing both (diagnostics), and
/// marks `moodwatch:model` (User Timing) when done.
#[cfg(feature = "model")]
fn load_model() -> Result<crate::analysis::analyzer::ModelParts, crate::analysis::AnalysisError> {
    use crate::analysis::fusion::FusionParams;
    use crate::analysis::model::SentimentModel;
    let t0 = diagnostics::now();
    let model = SentimentModel::embedded()?;
    let t1 = diagnostics::now();
    let fusion = FusionParams::embedded()?;
    diagnostics::set_model_load(t1 - t0, diagnostics::now() - t1);
    diagnostics::mark("moodwatch:model");
    Ok((Arc::new(model), fusion))
}

fn warn(msg: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("moodwatch: {msg}")));
}

/// Converts any serialisable value into a plain JS value (objects, not Maps).
///
/// Through JSON text and one `JSON.parse`: for reports of a few KB this is several times
/// faster than building the object field by field across the wasm boundary (measured with
/// `benchmark("engineReport", …)`), and numbers read exactly as the native CLI prints them.
pub fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, String> {
    let text = serde_json::to_string(v).map_err(|e| e.to_string())?;
    parse_json(&text)
}

pub fn parse_json(text: &str) -> Result<JsValue, String> {
    js_sys::JSON::parse(text).map_err(|e| format!("JSON.parse: {e:?}"))
}

/// The detail of `moodwatch:assessment`, serialised in one pass from borrowed parts.
#[derive(Serialize)]
struct AssessmentDetail<'a> {
    conversation: &'a str,
    turn: TurnDetail<'a>,
    report: &'a TurnReport,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TurnDetail<'a> {
    id: &'a Option<String>,
    role: Role,
    text: &'a str,
    ts_ms: u64,
}

/// Dispatches `name` as a `CustomEvent` on `document`.
pub fn dispatch(name: &str, detail: &JsValue) {
    let Some(doc) = document() else { return };
    let init = CustomEventInit::new();
    init.set_detail(detail);
    // Interned: the same few names cross into JavaScript with every message.
    if let Ok(ev) = CustomEvent::new_with_event_init_dict(intern(name), &init) {
        let _ = doc.dispatch_event(&ev);
    }
}

/// Work computed under the state borrow and done after it is released, so page listeners
/// may call back into moodwatch.
#[derive(Default)]
pub struct Outbox {
    insert: Option<(Element, String)>,
    /// Event names and their details as JSON text.
    events: Vec<(&'static str, String)>,
}

impl Outbox {
    fn event(&mut self, name: &'static str, detail: Value) {
        self.events.push((name, detail.to_string()));
    }

    fn event_from<T: Serialize>(&mut self, name: &'static str, detail: &T) {
        match serde_json::to_string(detail) {
            Ok(text) => self.events.push((name, text)),
            Err(e) => warn(&format!("{name}: {e}")),
        }
    }

    fn flush(self) {
        if let Some((el, text)) = self.insert {
            insert_text(&el, &text);
        }
        for (name, detail) in self.events {
            match diagnostics::span(Phase::Serialise, || parse_json(&detail)) {
                Ok(d) => diagnostics::span(Phase::Dispatch, || dispatch(name, &d)),
                Err(e) => warn(&e),
            }
        }
    }
}

/// Inserts `text` at the end of the agent's input (never sends), through the native value
/// setter so that React/Vue-controlled inputs see it, then fires `input`.
fn insert_text(el: &Element, text: &str) {
    let current = if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
        Some(t.value())
    } else {
        el.dyn_ref::<HtmlInputElement>().map(|i| i.value())
    };
    match current {
        Some(value) => {
            let new = format!("{value}{text}");
            let proto = js_sys::Object::get_prototype_of(el);
            let setter = js_sys::Reflect::get(
                &js_sys::Object::get_own_property_descriptor(&proto, &JsValue::from_str("value")),
                &JsValue::from_str("set"),
            )
            .ok()
            .and_then(|s| s.dyn_into::<js_sys::Function>().ok());
            let done = setter.is_some_and(|f| f.call1(el, &JsValue::from_str(&new)).is_ok());
            if !done {
                let _ = js_sys::Reflect::set(el, &"value".into(), &JsValue::from_str(&new));
            }
        }
        None => {
            let value = el.text_content().unwrap_or_default();
            el.set_text_content(Some(&format!("{value}{text}")));
        }
    }
    if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
    let init = EventInit::new();
    init.set_bubbles(true);
    if let Ok(ev) = Event::new_with_event_init_dict("input", &init) {
        let _ = el.dispatch_event(&ev);
    }
}

fn input_value(el: &Element) -> String {
    if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
        t.value()
    } else if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        i.value()
    } else {
        el.text_content().unwrap_or_default()
    }
}

/// What [`State::relevant`] found on the page, for the [`State::scan`] that follows it at
/// once (nothing changes the page in between), so that the scan does not query it again.
/// `Default`: nothing found, the scan looks itself.
#[derive(Default)]
struct Found {
    /// The widget's root and its message list (`None`: no list rendered).
    widget: Option<(Element, Option<Element>)>,
}

/// The per-widget state.
pub struct State {
    config: AdapterConfig,
    monitor: Monitor,
    tracks: HashMap<String, Track>,
    current: Option<String>,
    widget_present: bool,
    overlay: Overlay,
    ticker: Option<Ticker>,
    draft_timer: Option<Debounce>,
    placement: Option<Frame>,
    resize: Option<Resize>,
    resize_input: Option<Element>,
    draft_target: Option<Element>,
    waiting: HashSet<String>,
    warnings: HashMap<String, Vec<WarningEntry>>,
    /// Conversations whose warning level has been announced by an event at least once.
    announced: HashSet<String>,
    snoozed_until: HashMap<String, u64>,
    transfers: HashMap<String, Value>,
    drag: Option<(f64, f64)>,
    processed: u32,
}

fn engine_config(config: &AdapterConfig) -> Result<Config, String> {
    match &config.engine {
        None => Ok(Config::default()),
        Some(v) => Config::from_json(&v.to_string()).map_err(|e| format!("adapter `engine`: {e}")),
    }
}

impl State {
    fn input_el(&self) -> Option<Element> {
        let sel = self.config.input.as_ref()?;
        let doc = document()?;
        let root = self.config.find_root(&doc)?;
        root.query_selector(sel).ok().flatten()
    }

    fn input_rect(&self) -> Option<DomRect> {
        self.input_el().map(|e| e.get_bounding_client_rect())
    }

    fn snoozed(&self, conv: &str, now: u64) -> bool {
        self.snoozed_until.get(conv).is_some_and(|t| *t > now)
    }

    fn render(&mut self, now: u64) {
        diagnostics::span(Phase::Render, || self.render_now(now));
    }

    fn render_now(&mut self, now: u64) {
        let snap = self
            .current
            .as_ref()
            .and_then(|c| self.monitor.snapshot(c, now));
        let conv = self.current.clone().unwrap_or_default();
        let view = View {
            snapshot: snap.as_ref(),
            warnings: self.warnings.get(&conv).map_or(&[][..], |w| &w[..]),
            widget_present: self.widget_present,
            snoozed: self.snoozed(&conv, now),
        };
        // No layout is read here: when the panel grows or shrinks, the resize observer
        // places it after the browser's own layout (see `place`).
        match self.overlay.render(&view) {
            Ok(wrote) => diagnostics::count_render(!wrote),
            Err(e) => warn(&format!("overlay: {e:?}")),
        }
    }

    /// Asks for the panel to be placed in the next animation frame (the widget appeared,
    /// the conversation switched: the input box may have moved).
    fn request_placement(&mut self) {
        match self.placement.as_mut() {
            Some(f) => f.request(),
            None => self.place(),
        }
    }

    /// Moves the panel off the agent's input box if it covers it (reads layout: called on
    /// attach, from the resize observer and from an animation frame), and watches the input
    /// box's size too.
    fn place(&mut self) {
        if let Some(f) = self.placement.as_mut() {
            f.fired();
        }
        let input = self.input_el();
        if let Some(r) = self.resize.as_ref() {
            let same = match (&input, &self.resize_input) {
                (Some(a), Some(b)) => a.is_same_node(Some(b)),
                (None, None) => true,
                _ => false,
            };
            if !same {
                if let Some(old) = self.resize_input.take() {
                    r.unobserve(&old);
                }
                if let Some(new) = &input {
                    r.observe(new);
                }
                self.resize_input = input.clone();
            }
        }
        let rect = input.map(|e| e.get_bounding_client_rect());
        self.overlay.avoid(rect.as_ref());
    }

    fn update_waiting(&mut self, conv: &str) {
        let waiting = self.monitor.waiting_since(conv).flatten().is_some();
        if waiting {
            self.waiting.insert(conv.to_string());
        } else {
            self.waiting.remove(conv);
        }
        if let Some(t) = self.ticker.as_mut() {
            if self.waiting.is_empty() {
                t.stop();
            } else {
                t.start();
            }
        }
    }

    /// Whether a batch of mutation records can change what moodwatch reads: `None` if not,
    /// else what was found on the page on the way, for [`State::scan`] to read from.
    fn relevant(&self, records: &js_sys::Array) -> Option<Found> {
        let doc = document()?;
        let Some(root) = self.config.find_root(&doc) else {
            return Some(Found::default());
        };
        if !self.widget_present {
            return Some(Found::default());
        }
        let list = self.config.find_list(&root);
        let found = |root, list| {
            Some(Found {
                widget: Some((root, list)),
            })
        };
        let host = self.overlay.host();
        let conv_attr = self
            .config
            .conversation
            .as_ref()
            .and_then(|c| c.attr.as_deref());
        for rec in records.iter() {
            let Ok(rec) = rec.dyn_into::<MutationRecord>() else {
                continue;
            };
            let Some(target) = rec.target() else { continue };
            if host.contains(Some(&target)) {
                continue;
            }
            if change_of(&rec) == Change::Attributes && rec.attribute_name().as_deref() == conv_attr
            {
                return found(root, list);
            }
            let near = |el: &Element| el.contains(Some(&target)) || target.contains(Some(el));
            match &list {
                Some(l) if near(l) => return found(root, list),
                None if near(&root) => return found(root, list),
                _ => {}
            }
        }
        None
    }

    /// Runs the read path of a new message once, on a detached copy of the widget's newest
    /// message: the relevance check and the append-only read take the mutation records a real
    /// insertion produces. A browser compiles wasm functions (and optimises the JS glue) on
    /// their first calls, which the first real message otherwise pays for (measured: relevance
    /// 0.65 ms and reading 0.8 ms of its 2.4 ms). Nothing on the page changes, and nothing read
    /// reaches the engine or any tracked state.
    fn warm_read_path(&self) {
        let Some(doc) = document() else { return };
        let Some(root) = self.config.find_root(&doc) else {
            return;
        };
        let Some(list) = self.config.find_list(&root) else {
            return;
        };
        let Ok(nodes) = list.query_selector_all(&self.config.message) else {
            return;
        };
        let Some(newest) = nodes.item(nodes.length().saturating_sub(1)) else {
            return;
        };
        let (Ok(copy), Ok(scratch)) = (newest.clone_node_with_deep(true), list.clone_node()) else {
            return;
        };
        let Ok(scratch) = scratch.dyn_into::<Element>() else {
            return;
        };
        // take_records() hands over the records at once: the callback never runs.
        let noop = Closure::<dyn FnMut()>::new(|| {});
        let Ok(observer) = MutationObserver::new(noop.as_ref().unchecked_ref()) else {
            return;
        };
        let init = MutationObserverInit::new();
        init.set_child_list(true);
        init.set_subtree(true);
        if observer.observe_with_options(&scratch, &init).is_err() {
            return;
        }
        let appended = scratch.append_child(&copy).is_ok();
        let records = observer.take_records();
        observer.disconnect();
        if !appended {
            return;
        }
        let _ = self.relevant(&records);
        if let Some(els) = self.config.appended(&scratch, &records) {
            let mut seen = HashMap::new();
            for el in &els {
                let _ = self.config.read_message(el, &mut seen);
            }
        }
    }

    /// Reads the page and feeds what is new to the core; `found`: the widget's root and list
    /// as [`State::relevant`] just found them (nothing has changed the page since), else
    /// they are looked up here.
    fn scan(&mut self, now: u64, records: Option<&js_sys::Array>, found: Found) -> Outbox {
        let mut out = Outbox::default();
        let (root, list) = match found.widget {
            Some((root, list)) => (Some(root), Some(list)),
            None => {
                let Some(doc) = document() else { return out };
                (self.config.find_root(&doc), None)
            }
        };
        let Some(root) = root else {
            if self.widget_present {
                self.widget_present = false;
                self.render(now);
            }
            return out;
        };
        let appeared = !self.widget_present;
        self.widget_present = true;
        let conv = self.config.conversation_id(&root);
        let switched = self.current.as_deref() != Some(conv.as_str());
        self.current = Some(conv.clone());
        if appeared || switched {
            self.request_placement();
        }
        let Some(list) = list.unwrap_or_else(|| self.config.find_list(&root)) else {
            self.render(now);
            return out;
        };
        let (plan, live) = diagnostics::span(Phase::Read, || {
            let config = &self.config;
            let track = self.tracks.entry(conv.clone()).or_default();
            // Messages appended at the end (the common case) are read on their own; anything
            // else re-reads the whole list.
            let appended = match records {
                Some(r) if !switched && track.initialized() => config.appended(&list, r),
                _ => None,
            };
            // Keyed on top of the counts so far, in place: should the append be refused, the
            // full read below counts every message again from scratch.
            let fast = appended.and_then(|els| {
                let raw: Vec<RawMessage> = els
                    .iter()
                    .filter_map(|el| config.read_message(el, &mut track.seen))
                    .collect();
                let plan = track.append(&raw, now)?;
                Some((raw, plan))
            });
            diagnostics::count_scan(fast.is_none());
            let (raw, plan) = fast.unwrap_or_else(|| {
                let mut seen = HashMap::new();
                let raw = config.read_messages_counted(&list, &mut seen);
                track.seen = seen;
                let plan = track.reconcile(&raw, now);
                (raw, plan)
            });
            let live: Vec<(RawMessage, u64)> = plan
                .live
                .iter()
                .filter_map(|i| raw.get(*i))
                .map(|m| (m.clone(), track.get(&m.key).map_or(now, |k| k.ts_ms)))
                .collect();
            (plan, live)
        });
        if plan.rebuild {
            let live_keys: HashSet<&str> = live.iter().map(|(m, _)| m.key.as_str()).collect();
            self.processed += self.rebuild(&conv, &live_keys);
        }
        let changed = plan.rebuild || !live.is_empty();
        for (m, ts) in live {
            self.processed += 1;
            let turn = Turn {
                role: m.role,
                text: m.text.clone(),
                ts_ms: ts,
            };
            match diagnostics::span(Phase::Engine, || self.monitor.push_turn(&conv, turn)) {
                Ok(report) => diagnostics::span(Phase::Serialise, || {
                    self.on_report(&conv, Some((&m, ts)), &report, now, &mut out)
                }),
                Err(e) => warn(&e.to_string()),
            }
            if m.role == Role::Agent {
                let _ = self.overlay.show_draft(&[], None);
            }
        }
        if plan.rebuild {
            self.announce_history(&conv, now, &mut out);
        }
        if changed {
            self.update_waiting(&conv);
        }
        if changed || switched {
            self.render(now);
        }
        out
    }

    /// Feeds the engine the conversation's known messages again, from scratch and silently
    /// (no events), leaving out `skip` (messages about to arrive live). Returns how many
    /// turns it fed.
    fn rebuild(&mut self, conv: &str, skip: &HashSet<&str>) -> u32 {
        let Some(track) = self.tracks.get(conv) else {
            return 0;
        };
        let turns: Vec<Turn> = track
            .replay()
            .filter(|(k, _)| !skip.contains(k))
            .map(|(_, m)| Turn {
                role: m.role,
                text: m.text.clone(),
                ts_ms: m.ts_ms,
            })
            .collect();
        self.monitor.remove(conv);
        let fed = turns.len() as u32;
        for turn in turns {
            if let Err(e) = diagnostics::span(Phase::Engine, || self.monitor.push_turn(conv, turn))
            {
                warn(&e.to_string());
            }
        }
        fed
    }

    /// Re-reads, silently, every conversation read before the model was linked (their
    /// messages had the lexicon alone), so that what is on screen is what the same messages
    /// give with the model; a conversation this makes hot is announced once, as history is.
    /// Conversations longer than [`REREAD_MAX_TURNS`] keep their reading: re-reading them
    /// would be one long task for a page that has just started. The same turns read again
    /// are not turns fed anew (`processedTurns` does not move).
    fn reread_with_model(&mut self, now: u64) -> Outbox {
        let mut out = Outbox::default();
        let convs: Vec<String> = self
            .tracks
            .iter()
            .filter(|(_, t)| {
                let n = t.replay().count();
                n > 0 && n <= REREAD_MAX_TURNS
            })
            .map(|(c, _)| c.clone())
            .collect();
        if convs.is_empty() {
            return out;
        }
        for conv in &convs {
            self.rebuild(conv, &HashSet::new());
            // As for history: a conversation this makes hot reaches the host's routing once.
            self.announce_history(conv, now, &mut out);
        }
        if let Some(conv) = self.current.clone() {
            self.update_waiting(&conv);
        }
        self.render(now);
        out
    }

    fn on_report(
        &mut self,
        conv: &str,
        msg: Option<(&RawMessage, u64)>,
        report: &TurnReport,
        now: u64,
        out: &mut Outbox,
    ) {
        if let Some((m, ts)) = msg {
            out.event_from(
                "moodwatch:assessment",
                &AssessmentDetail {
                    conversation: conv,
                    turn: TurnDetail {
                        id: &m.id,
                        role: m.role,
                        text: &m.text,
                        ts_ms: ts,
                    },
                    report,
                },
            );
        }
        for ev in page_events(conv, &report.events) {
            if let Some((level, note)) = &ev.warning {
                self.warnings
                    .entry(conv.to_string())
                    .or_default()
                    .push(WarningEntry {
                        level: *level,
                        note: note.clone(),
                        at_ms: now,
                    });
                if self.current.as_deref() == Some(conv) && !self.snoozed(conv, now) {
                    self.overlay.announce_warning(*level, note);
                }
                self.announced.insert(conv.to_string());
            }
            if let Some(summary) = ev.transfer {
                self.transfers.insert(conv.to_string(), summary);
            }
            out.events.push((ev.name, ev.detail));
        }
    }

    /// History is replayed silently (no event per old message), but a conversation that is
    /// already hot when moodwatch first sees it — the page loaded late, the agent opened an
    /// old chat — must still reach the host's routing: one `moodwatch:warning` with
    /// `history: true`, once per conversation.
    fn announce_history(&mut self, conv: &str, now: u64, out: &mut Outbox) {
        if self.announced.contains(conv) {
            return;
        }
        let Some(snap) = self.monitor.snapshot(conv, now) else {
            return;
        };
        if snap.warning_level == WarningLevel::None {
            return;
        }
        let level = u8::from(snap.warning_level);
        let Some(reasons) = json_value(&snap.reasons) else {
            return;
        };
        let note = snap
            .reasons
            .first()
            .map(|r| r.note.clone())
            .unwrap_or_default();
        self.announced.insert(conv.to_string());
        self.warnings
            .entry(conv.to_string())
            .or_default()
            .push(WarningEntry {
                level,
                note,
                at_ms: now,
            });
        out.event(
            "moodwatch:warning",
            json!({ "conversation": conv, "level": level, "reasons": reasons, "history": true }),
        );
    }

    fn tick(&mut self, now: u64) -> Outbox {
        let mut out = Outbox::default();
        let convs: Vec<String> = self.waiting.iter().cloned().collect();
        for conv in convs {
            if let Some(report) = self.monitor.tick(&conv, now) {
                self.on_report(&conv, None, &report, now, &mut out);
            }
            self.update_waiting(&conv);
        }
        self.render(now);
        out
    }

    fn check_draft_now(&mut self, now: u64) {
        let Some(el) = self.draft_target.clone() else {
            return;
        };
        let text = input_value(&el);
        let rect = el.get_bounding_client_rect();
        let flags = if text.trim().is_empty() {
            Vec::new()
        } else {
            let conv = self.current.clone().unwrap_or_else(|| "default".into());
            self.monitor.check_draft(&conv, &text, now).flags
        };
        if let Err(e) = self.overlay.show_draft(&flags, Some(&rect)) {
            warn(&format!("draft note: {e:?}"));
        }
    }

    fn suggestion(&self, action: &str, index: Option<usize>, now: u64) -> Option<Suggestion> {
        let snap = self.monitor.snapshot(self.current.as_ref()?, now)?;
        match action {
            "insert" => snap.suggestions.get(index?).cloned(),
            _ => snap.compensation,
        }
    }

    fn on_action(&mut self, action: &str, index: Option<usize>, now: u64) -> Outbox {
        let mut out = Outbox::default();
        let conv = self.current.clone().unwrap_or_else(|| "default".into());
        match action {
            "insert" | "insert-compensation" => {
                let (Some(sug), Some(input)) =
                    (self.suggestion(action, index, now), self.input_el())
                else {
                    return out;
                };
                out.insert = Some((input, sug.text.clone()));
                out.event(
                    "moodwatch:suggestion-inserted",
                    json!({ "conversation": conv, "suggestion": sug }),
                );
            }
            "transfer" => {
                let snap = self.monitor.snapshot(&conv, now);
                let mut summary = self.transfers.get(&conv).cloned().unwrap_or_else(|| {
                    let notes: Vec<&str> = snap
                        .as_ref()
                        .map(|s| s.reasons.iter().map(|r| r.note.as_str()).collect())
                        .unwrap_or_default();
                    json!({
                        "reason": "agent",
                        "risk": snap.as_ref().map(|s| s.risk),
                        "warningLevel": snap.as_ref().map(|s| s.warning_level),
                        "summary": notes.join("；"),
                    })
                });
                if let Some(obj) = summary.as_object_mut() {
                    obj.insert("conversation".into(), json!(conv));
                    obj.insert("requestedBy".into(), json!("agent"));
                }
                out.event("moodwatch:transfer", summary);
            }
            "dismiss" => {
                self.warnings.remove(&conv);
                self.render(now);
            }
            "snooze" => {
                self.snoozed_until.insert(conv, now + SNOOZE_MS);
                self.render(now);
            }
            "feedback-wrong" | "feedback-missed" => {
                let snap = self.monitor.snapshot(&conv, now);
                let entry = json!({
                    "kind": if action == "feedback-wrong" { "wrong" } else { "missed" },
                    "conversation": conv,
                    "atMs": now,
                    "risk": snap.as_ref().map(|s| s.risk),
                    "warningLevel": snap.as_ref().map(|s| s.warning_level),
                    "reasons": snap.as_ref().map(|s| s.reasons.iter().map(|r| r.text.clone()).collect::<Vec<_>>()),
                    "lastText": snap.as_ref().and_then(|s| s.last_assessment.as_ref()).map(|a| a.negative),
                });
                store_feedback(&entry);
                self.overlay.announce(self.overlay.strings().recorded);
                out.event("moodwatch:feedback", entry);
            }
            "dock" => {
                let rect = self.input_rect();
                self.overlay.cycle_dock(rect.as_ref());
            }
            "collapse" => {
                self.overlay.toggle_collapsed();
            }
            _ => {}
        }
        out
    }
}

fn store_feedback(entry: &Value) {
    let Some(storage) = window().and_then(|w| w.local_storage().ok().flatten()) else {
        return;
    };
    let mut list: Vec<Value> = storage
        .get_item(FEEDBACK_KEY)
        .ok()
        .flatten()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    list.push(entry.clone());
    if list.len() > 500 {
        let drop = list.len() - 500;
        list.drain(..drop);
    }
    if let Ok(s) = serde_json::to_string(&list) {
        if storage.set_item(FEEDBACK_KEY, &s).is_err() {
            warn("feedback not stored (localStorage full or disabled)");
        }
    }
}

/// Runs `f` on the state if it is alive and not already borrowed (a re-entrant call from a
/// page listener is skipped; the next mutation rescans), then flushes its outbox.
fn run(weak: &Weak<RefCell<State>>, f: impl FnOnce(&mut State) -> Outbox) {
    let Some(rc) = weak.upgrade() else { return };
    let out = match rc.try_borrow_mut() {
        Ok(mut s) => f(&mut s),
        Err(_) => return,
    };
    out.flush();
}

/// Observer and listeners of one attachment; dropping it unhooks them all.
struct Callbacks {
    _observer: Observer,
    _listeners: Vec<Listener>,
}

/// The callback that places the panel off the input box, timed as a frame: run from an
/// animation frame and from the resize observer alike.
fn placer(state: &Rc<RefCell<State>>) -> impl FnMut() + 'static {
    let weak = Rc::downgrade(state);
    move || {
        diagnostics::frame(|| {
            run(&weak, |s| {
                s.place();
                Outbox::default()
            })
        })
    }
}

fn target_element(ev: &Event) -> Option<Element> {
    ev.composed_path()
        .get(0)
        .dyn_into::<Element>()
        .ok()
        .or_else(|| ev.target().and_then(|t| t.dyn_into::<Element>().ok()))
}

impl Callbacks {
    fn install(state: &Rc<RefCell<State>>) -> Result<Callbacks, JsValue> {
        let doc = document().ok_or("no document")?;
        let (config, shadow, panel) = {
            let s = state.try_borrow().map_err(|e| e.to_string())?;
            (
                s.config.clone(),
                s.overlay.root().clone(),
                s.overlay.panel().clone(),
            )
        };
        config.intern_strings();
        let init = MutationObserverInit::new();
        init.set_child_list(true);
        init.set_subtree(true);
        init.set_character_data(true);
        let mut attrs: Vec<String> = [&config.conversation, &config.message_id, &config.time]
            .into_iter()
            .flatten()
            .filter_map(|r| r.attr.clone())
            .collect();
        attrs.extend(config.role.attr.clone());
        if config.role.customer_if.is_some() || config.role.agent_if.is_some() {
            attrs.push("class".into());
        }
        if !attrs.is_empty() {
            init.set_attributes(true);
            let list = js_sys::Array::new();
            for a in attrs {
                list.push(&JsValue::from_str(&a));
            }
            init.set_attribute_filter(&list);
        }
        let target: web_sys::Node = match doc.body() {
            Some(b) => b.into(),
            None => doc.document_element().ok_or("empty document")?.into(),
        };
        let weak = Rc::downgrade(state);
        let observer = Observer::new(&target, &init, move |records, _| {
            diagnostics::callback(|| {
                run(&weak, |s| {
                    match diagnostics::span(Phase::Relevant, || s.relevant(&records)) {
                        Some(found) => s.scan(now_ms(), Some(&records), found),
                        None => Outbox::default(),
                    }
                })
            })
        })?;

        let mut listeners = Vec::new();
        let weak = Rc::downgrade(state);
        let delay = config.draft_debounce_ms.unwrap_or(300).min(5000) as i32;
        if let Some(sel) = config.input.clone() {
            listeners.push(Listener::new(&doc, "input", true, move |ev| {
                let Some(el) = target_element(&ev) else {
                    return;
                };
                let Ok(Some(input)) = el.closest(&sel) else {
                    return;
                };
                run(&weak, |s| {
                    s.draft_target = Some(input);
                    if let Some(t) = s.draft_timer.as_mut() {
                        t.arm(delay);
                    }
                    Outbox::default()
                });
            })?);
        }

        let weak = Rc::downgrade(state);
        listeners.push(Listener::new(&shadow, "click", false, move |ev| {
            let Some(el) =
                target_element(&ev).and_then(|e| e.closest("[data-action]").ok().flatten())
            else {
                return;
            };
            let action = el.get_attribute("data-action").unwrap_or_default();
            let index = el
                .get_attribute("data-index")
                .and_then(|i| i.parse::<usize>().ok());
            run(&weak, |s| s.on_action(&action, index, now_ms()));
        })?);

        let weak = Rc::downgrade(state);
        let drag_panel = panel.clone();
        listeners.push(Listener::new(&shadow, "pointerdown", false, move |ev| {
            let Some(pe) = ev.dyn_ref::<PointerEvent>() else {
                return;
            };
            let Some(el) = target_element(&ev) else {
                return;
            };
            let on_head = el.closest(".mw-head").ok().flatten().is_some();
            let on_button = el.closest("button").ok().flatten().is_some();
            if !on_head || on_button {
                return;
            }
            let rect = drag_panel.get_bounding_client_rect();
            let offset = (
                f64::from(pe.client_x()) - rect.left(),
                f64::from(pe.client_y()) - rect.top(),
            );
            let _ = drag_panel.set_pointer_capture(pe.pointer_id());
            run(&weak, |s| {
                s.drag = Some(offset);
                Outbox::default()
            });
        })?);
        let weak = Rc::downgrade(state);
        listeners.push(Listener::new(&shadow, "pointermove", false, move |ev| {
            let Some(pe) = ev.dyn_ref::<PointerEvent>() else {
                return;
            };
            let (x, y) = (f64::from(pe.client_x()), f64::from(pe.client_y()));
            run(&weak, |s| {
                if let Some((ox, oy)) = s.drag {
                    s.overlay.move_to(x - ox, y - oy);
                }
                Outbox::default()
            });
        })?);
        for kind in ["pointerup", "pointercancel"] {
            let weak = Rc::downgrade(state);
            listeners.push(Listener::new(&shadow, kind, false, move |_| {
                run(&weak, |s| {
                    s.drag = None;
                    Outbox::default()
                });
            })?);
        }
        let weak = Rc::downgrade(state);
        listeners.push(Listener::new(&shadow, "keydown", false, move |ev| {
            let Some(ke) = ev.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            let Some(el) = target_element(&ev) else {
                return;
            };
            if !el.class_list().contains("mw-head") {
                return;
            }
            let (dx, dy) = match ke.key().as_str() {
                "ArrowLeft" => (-24.0, 0.0),
                "ArrowRight" => (24.0, 0.0),
                "ArrowUp" => (0.0, -24.0),
                "ArrowDown" => (0.0, 24.0),
                _ => return,
            };
            ev.prevent_default();
            run(&weak, |s| {
                let r = s.overlay.panel_rect();
                s.overlay.move_to(r.left() + dx, r.top() + dy);
                Outbox::default()
            });
        })?);
        Ok(Callbacks {
            _observer: observer,
            _listeners: listeners,
        })
    }
}

/// One attached widget. Field order matters: callbacks are unhooked before the state (and
/// with it the overlay and timers) goes.
pub struct Attachment {
    /// Registry id, also the `Handle`'s.
    pub id: u32,
    callbacks: RefCell<Option<Callbacks>>,
    state: Rc<RefCell<State>>,
}

impl Attachment {
    /// Attaches to the widget `config` describes and registers the attachment.
    pub fn attach(config: AdapterConfig) -> Result<u32, String> {
        config.validate()?;
        let engine = engine_config(&config)?;
        let doc = document().ok_or("no document: moodwatch runs in a page")?;
        let lang = config.lang.clone().unwrap_or_else(|| "zh".into());
        let dock = config
            .dock
            .as_deref()
            .and_then(Dock::parse)
            .unwrap_or(Dock::TopRight);
        let overlay = Overlay::new(&doc, i18n::strings(&lang), dock)
            .map_err(|e| format!("cannot draw the overlay: {e:?}"))?;
        let state = Rc::new(RefCell::new(State {
            monitor: Monitor::new(shared_analyzer()?, engine),
            config,
            tracks: HashMap::new(),
            current: None,
            widget_present: false,
            overlay,
            ticker: None,
            draft_timer: None,
            placement: None,
            resize: None,
            resize_input: None,
            draft_target: None,
            waiting: HashSet::new(),
            warnings: HashMap::new(),
            announced: HashSet::new(),
            snoozed_until: HashMap::new(),
            transfers: HashMap::new(),
            drag: None,
            processed: 0,
        }));
        {
            let weak = Rc::downgrade(&state);
            let ticker = Ticker::new(1000, move || run(&weak, |s| s.tick(now_ms())));
            let weak = Rc::downgrade(&state);
            let draft = Debounce::new(move || {
                run(&weak, |s| {
                    s.check_draft_now(now_ms());
                    Outbox::default()
                })
            });
            let placement = Frame::new(placer(&state));
            let mut s = state.try_borrow_mut().map_err(|e| e.to_string())?;
            s.ticker = Some(ticker);
            s.draft_timer = Some(draft);
            s.placement = Some(placement);
            let resize = Resize::new(placer(&state))
                .map_err(|e| format!("cannot observe the overlay's size: {e:?}"))?;
            resize.observe(s.overlay.panel());
            s.resize = Some(resize);
        }
        let callbacks =
            Callbacks::install(&state).map_err(|e| format!("cannot observe the page: {e:?}"))?;
        // Once per page, in idle time: compile and optimise the per-message path before the
        // first real message needs it (see `warmup`).
        super::warmup::schedule(&doc, &lang);
        let id = NEXT_ID.with(|n| {
            let id = n.get();
            n.set(id.wrapping_add(1));
            id
        });
        let attachment = Rc::new(Attachment {
            id,
            callbacks: RefCell::new(Some(callbacks)),
            state,
        });
        REGISTRY.with(|r| {
            r.try_borrow_mut()
                .map(|mut r| r.push(attachment.clone()))
                .map_err(|e| e.to_string())
        })?;
        let weak = Rc::downgrade(&attachment.state);
        run(&weak, |s| {
            let mut out = s.scan(now_ms(), None, Found::default());
            s.render(now_ms());
            // Placed in the first frame (and by the resize observer's first notification,
            // which comes after the browser's own layout): placing here would force a
            // synchronous layout of the whole page inside attach, its largest single cost.
            s.request_placement();
            out.event(
                "moodwatch:ready",
                json!({ "id": id, "name": s.config.name, "conversation": s.current }),
            );
            out
        });
        Ok(id)
    }

    /// Replaces the adapter config (top-level keys of `patch` override the current ones),
    /// keeping what was learnt about every conversation.
    pub fn update_config(&self, patch: &Value) -> Result<(), String> {
        let mut s = self.state.try_borrow_mut().map_err(|e| e.to_string())?;
        let mut merged = serde_json::to_value(&s.config).map_err(|e| e.to_string())?;
        let (Some(m), Some(p)) = (merged.as_object_mut(), patch.as_object()) else {
            return Err("updateConfig expects an object".into());
        };
        for (k, v) in p {
            m.insert(k.clone(), v.clone());
        }
        let config: AdapterConfig =
            serde_json::from_value(merged).map_err(|e| format!("adapter config: {e}"))?;
        config.validate()?;
        let engine = engine_config(&config)?;
        s.monitor.set_config(engine).map_err(|e| e.to_string())?;
        let lang_changed = config.lang != s.config.lang;
        s.config = config;
        if lang_changed {
            let doc = document().ok_or("no document")?;
            let lang = s.config.lang.clone().unwrap_or_else(|| "zh".into());
            let dock = s
                .config
                .dock
                .as_deref()
                .and_then(Dock::parse)
                .unwrap_or(Dock::TopRight);
            if let Some(r) = s.resize.as_ref() {
                r.unobserve(s.overlay.panel());
            }
            s.overlay = Overlay::new(&doc, i18n::strings(&lang), dock)
                .map_err(|e| format!("cannot draw the overlay: {e:?}"))?;
            if let Some(r) = s.resize.as_ref() {
                r.observe(s.overlay.panel());
            }
        }
        drop(s);
        // Re-hook with the new selectors (the old observer disconnects on drop).
        let fresh = Callbacks::install(&self.state)
            .map_err(|e| format!("cannot observe the page: {e:?}"))?;
        if let Ok(mut c) = self.callbacks.try_borrow_mut() {
            *c = Some(fresh);
        }
        self.rescan();
        Ok(())
    }

    /// Rescans the page now (normally the observer does this).
    pub fn rescan(&self) {
        let weak = Rc::downgrade(&self.state);
        run(&weak, |s| s.scan(now_ms(), None, Found::default()));
    }

    /// Snapshot of `conversation` (default: the one on screen).
    pub fn snapshot(&self, conversation: Option<&str>) -> Option<Snapshot> {
        let s = self.state.try_borrow().ok()?;
        let conv = conversation
            .map(str::to_string)
            .or_else(|| s.current.clone())?;
        let snap = s.monitor.snapshot(&conv, now_ms())?;
        Some(snap)
    }

    /// The conversation on screen.
    pub fn current(&self) -> Option<String> {
        self.state.try_borrow().ok()?.current.clone()
    }

    /// Number of turns fed to the core so far (history replays included).
    pub fn processed(&self) -> u32 {
        self.state.try_borrow().map_or(0, |s| s.processed)
    }

    /// Whether the customer-wait timer is running (it runs only while someone waits).
    pub fn timer_running(&self) -> bool {
        self.state
            .try_borrow()
            .is_ok_and(|s| s.ticker.as_ref().is_some_and(|t| t.running()))
    }

    /// Checks a draft against the conversation on screen.
    pub fn check_draft(&self, text: &str) -> Option<AgentCheck> {
        let s = self.state.try_borrow().ok()?;
        let conv = s.current.clone().unwrap_or_else(|| "default".into());
        Some(s.monitor.check_draft(&conv, text, now_ms()))
    }
}

/// The attachment with this id.
pub fn find(id: u32) -> Option<Rc<Attachment>> {
    REGISTRY.with(|r| r.try_borrow().ok()?.iter().find(|a| a.id == id).cloned())
}

/// Re-reads what every attachment read before the model was linked (see
/// [`State::reread_with_model`]); called once, when the model module is linked.
pub fn reread_all_with_model() {
    for a in all() {
        let weak = Rc::downgrade(&a.state);
        run(&weak, |s| s.reread_with_model(now_ms()));
    }
}

/// Warms every attachment's message read path (see `State::warm_read_path`); the idle-time
/// warm-up calls it once.
pub fn warm_read_paths() {
    for a in all() {
        if let Ok(s) = a.state.try_borrow() {
            s.warm_read_path();
        }
    }
}

/// Every live attachment, oldest first.
pub fn all() -> Vec<Rc<Attachment>> {
    REGISTRY.with(|r| r.try_borrow().map(|r| r.clone()).unwrap_or_default())
}

/// Detaches (drops) the attachment with this id; true if it was attached.
pub fn detach(id: u32) -> bool {
    let removed = REGISTRY.with(|r| {
        let mut r = r.try_borrow_mut().ok()?;
        let pos = r.iter().position(|a| a.id == id)?;
        Some(r.remove(pos))
    });
    // Dropped outside the registry borrow: Drop runs page-visible code.
    if let Some(att) = removed {
        if let Ok(mut c) = att.callbacks.try_borrow_mut() {
            c.take();
        }
        drop(att);
        true
    } else {
        false
    }
}

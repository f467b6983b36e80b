//! Idle-time warm-up of the per-message path, once per page, after the first attach.
//!
//! Its first slice plans the sentiment model, which `ready` does not wait for (see
//! `attachment::load_analyzer`); a message that comes before that slice plans it itself. The
//! next parses the lexicon's English word list, deferred the same way (`Lexicon::load_deferred`;
//! a message with an English word in it before then parses it itself).
//!
//! The first slice also runs each attachment's message read path on a detached copy of the
//! widget's newest message (`warm_read_paths`): in the bench the first customer message's own
//! CPU time went from 2.75 ms to 1.6–1.75 ms (relevance check 0.65 → 0.05–0.08 ms).
//!
//! A browser compiles wasm (and the JS glue) lazily and optimises what runs often, in the
//! background. Without a warm-up the agent's first few dozen customer messages pay for that:
//! measured on the demo console, moodwatch's own time for a message was 2–8 ms in the first
//! ~75 messages against ~1 ms later. So when the page is idle, moodwatch runs a scripted
//! conversation through a scratch engine, turns the reports and their engine events into JS
//! objects the way the events do, and draws them into an overlay that is never put on the
//! page. Nothing of it is visible, announced or dispatched, and no real conversation's state
//! is touched; it runs only in idle periods, in slices of at most [`SLICE_MAX_MS`] within
//! what the browser grants, and stops for good after [`STEPS`] turns. Measured on the demo console in
//! Chromium: ~0.45 s of main-thread time in total, spread over idle slices in the seconds
//! after `ready`; moodwatch's own p99 per message over the next 200 messages went from
//! 4.1–5.7 ms to 2.6–3.9 ms (p50 unchanged, ~1 ms).

use super::attachment::{parse_json, shared_analyzer, to_js};
use super::callbacks::Idle;
use super::diagnostics;
use super::i18n;
use super::overlay::{Dock, Overlay, View, WarningEntry};
use super::page_events::page_events;
use crate::analysis::conversation::{Config, Monitor, Role, Turn};
use std::cell::{Cell, RefCell};
use web_sys::Document;

/// Scripted turns run in total (the sample below, over and over, across a few conversations).
/// Measured: message-path spikes fade after roughly 150–400 real messages; the early turns
/// cost the most (that cost is the compilation being paid in advance).
pub const STEPS: usize = 320;

/// Stop a slice when the browser's idle period has less than this left (ms).
const SLICE_RESERVE_MS: f64 = 2.0;

/// The longest slice (ms), whatever idle time the browser offers: a click or key press that
/// comes during a slice waits for it to end.
const SLICE_MAX_MS: f64 = 8.0;

/// Scratch conversations the script is spread over (several, as on a real console).
const CONVERSATIONS: [&str; 3] = ["warmup-a", "warmup-b", "warmup-c"];

/// A customer-service exchange touching the grader's and the engine's paths: calm
/// questions, order numbers, English, repeats, rising anger, threats, a long review-like
/// message, and agent replies (canned, cold, good).
const SCRIPT: [(Role, &str); 24] = [
    (Role::Customer, "你好，在吗？"),
    (Role::Agent, "亲，在的，请问有什么可以帮您？"),
    (Role::Customer, "我的快递怎么三天都没动了？订单号 2931 4408 7765"),
    (Role::Agent, "好的亲，马上为您核实处理"),
    (Role::Customer, "这个能开发票吗？公司报销用"),
    (Role::Customer, "怎么还没回复？？"),
    (Role::Customer, "我的快递到底什么时候到"),
    (Role::Agent, "请耐心等待"),
    (Role::Customer, "行吧，那我再等等"),
    (Role::Customer, "你们这服务太慢了，真的很失望！！"),
    (Role::Agent, "好的亲，马上为您核实处理"),
    (Role::Customer, "Where is my order? I have asked three times already."),
    (Role::Customer, "我再说最后一遍，今天不给答复就差评"),
    (Role::Agent, "这不是我们的问题，您自己没看清楚"),
    (Role::Customer, "我要投诉你们，打12315，骗子"),
    (Role::Agent, "非常抱歉给您带来不便，我已为您加急处理，今天下午五点前给您回复"),
    (Role::Customer, "呵呵，还可以吧"),
    (Role::Customer, "收到了，质量挺好的，满意"),
    (Role::Agent, "好的亲，马上为您核实处理"),
    (Role::Customer, "杯子漏水，孩子书包都湿了，这质量也太差了吧，买了不到一周就坏了，客服也一直不回，真的是第一次遇到这么差的店，退货运费谁出？"),
    (Role::Customer, "人呢？？？"),
    (Role::Agent, "好的亲，马上为您核实处理"),
    (Role::Customer, "This is unacceptable, I want a refund now!"),
    (Role::Customer, "嗯嗯，辛苦了"),
];

/// Seconds between scripted turns (some above the wait signal, some below).
const GAPS_S: [u64; 5] = [3, 12, 5, 25, 9];

struct Warmup {
    monitor: Monitor,
    overlay: Overlay,
    warnings: Vec<WarningEntry>,
    step: usize,
    ts_ms: u64,
}

// The idle callback lives apart from the scratch state: the state is dropped from inside the
// callback when the script ends, which the callback's own closure cannot be (a wasm-bindgen
// closure must not be freed while it runs). What stays is one small idle closure per page.
thread_local! {
    static STARTED: Cell<bool> = const { Cell::new(false) };
    static STATE: RefCell<Option<Warmup>> = const { RefCell::new(None) };
    static IDLE: RefCell<Option<Idle>> = const { RefCell::new(None) };
}

/// Starts the warm-up in the page's next idle period, the first time it is called on a page
/// (later calls do nothing). Failing to start is harmless: it only costs the speed-up.
pub fn schedule(doc: &Document, lang: &str) {
    if STARTED.with(|s| s.replace(true)) {
        return;
    }
    let Ok(analyzer) = shared_analyzer() else {
        return;
    };
    let Ok(overlay) = Overlay::detached(doc, i18n::strings(lang), Dock::TopRight) else {
        return;
    };
    STATE.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            *s = Some(Warmup {
                monitor: Monitor::new(analyzer, Config::default()),
                overlay,
                warnings: Vec::new(),
                step: 0,
                ts_ms: 1_700_000_000_000,
            });
        }
    });
    let mut idle = Idle::new(on_idle);
    idle.request();
    IDLE.with(|i| {
        if let Ok(mut i) = i.try_borrow_mut() {
            *i = Some(idle);
        }
    });
}

/// One idle slice: scripted turns until the idle period runs low; asks for another slice
/// while turns are left, and drops the scratch engine and overlay when done.
fn on_idle(left_ms: f64) {
    let started = diagnostics::now();
    let more = STATE.with(|s| {
        let Ok(mut slot) = s.try_borrow_mut() else {
            return false;
        };
        let Some(w) = slot.as_mut() else {
            return false;
        };
        // Checked at the slice, not at scheduling: grading the widget's history during attach
        // usually has planned it already, and then the turns start in this slice.
        let analyzer = shared_analyzer().ok();
        if let Some(analyzer) = analyzer.as_ref().filter(|a| a.model_deferred()) {
            // The deferred model first (see `load_analyzer`), in a slice of its own: it is
            // one indivisible 35–55 ms piece of work, the turns come in the next slices.
            if let Err(e) = analyzer.load_model() {
                web_sys::console::warn_1(&format!("moodwatch: {e}").into());
            }
            diagnostics::count_warmup(0, diagnostics::now() - started, false);
            return true;
        }
        if analyzer
            .as_ref()
            .is_some_and(|a| a.lexicon().load_deferred())
        {
            // The lexicon's English list, which `ready` does not wait for either, in a slice
            // of its own too (one piece of work of several ms).
            diagnostics::count_warmup(0, diagnostics::now() - started, false);
            return true;
        }
        if w.step == 0 {
            // The page's own read path first: a copy of the widget's newest message through
            // the relevance check and the append-only read (nothing reaches the engine).
            super::attachment::warm_read_paths();
        }
        let mut steps = 0;
        let more = loop {
            w.turn();
            steps += 1;
            if w.step >= STEPS {
                break false;
            }
            let spent = diagnostics::now() - started;
            if spent > left_ms - SLICE_RESERVE_MS || spent > SLICE_MAX_MS {
                break true;
            }
        };
        if !more {
            *slot = None;
        }
        diagnostics::count_warmup(steps, diagnostics::now() - started, !more);
        more
    });
    IDLE.with(|i| {
        if let Ok(mut i) = i.try_borrow_mut() {
            if let Some(idle) = i.as_mut() {
                idle.fired();
                if more {
                    idle.request();
                }
            }
        }
    });
}

impl Warmup {
    /// One scripted turn through what a real message goes through after it is read: the
    /// engine, the report as a JS object, and a render of the conversation's state.
    fn turn(&mut self) {
        let (role, text) = SCRIPT[self.step % SCRIPT.len()];
        let conv = CONVERSATIONS[(self.step / SCRIPT.len()) % CONVERSATIONS.len()];
        self.ts_ms += GAPS_S[self.step % GAPS_S.len()] * 1000;
        self.step += 1;
        let turn = Turn {
            role,
            text: text.to_string(),
            ts_ms: self.ts_ms,
        };
        let Ok(report) = self.monitor.push_turn(conv, turn) else {
            return;
        };
        // Results are dropped: only the code paths matter here. The first warnings of a real
        // conversation are the moments that matter most, so their path (event details, the
        // list entry, the announcement into the detached overlay's live region) is run too.
        let _ = to_js(&report);
        for ev in page_events(conv, &report.events) {
            let _ = parse_json(&ev.detail);
            if let Some((level, note)) = ev.warning {
                self.overlay.announce_warning(level, &note);
                self.warnings.push(WarningEntry {
                    level,
                    note,
                    at_ms: self.ts_ms,
                });
                if self.warnings.len() > 8 {
                    self.warnings.remove(0);
                }
            }
        }
        if role == Role::Agent {
            let _ = self.monitor.check_draft(conv, text, self.ts_ms);
        }
        let snapshot = self.monitor.snapshot(conv, self.ts_ms);
        let _ = self.overlay.render(&View {
            snapshot: snapshot.as_ref(),
            warnings: &self.warnings,
            widget_present: true,
            snoozed: false,
        });
    }
}

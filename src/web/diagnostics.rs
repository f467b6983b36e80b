//! Diagnostics: how long moodwatch itself keeps the main thread busy, phase by phase, and
//! what loading the analyzer cost. Numbers only — nothing here changes behaviour.
//!
//! Every observer callback (and every layout frame) is timed with `performance.now()` and
//! split into phases; the last [`KEEP`] callbacks are kept for `diagnostics()`. `dispatch`
//! is the time spent inside `dispatchEvent`, i.e. in the *page's* listeners: moodwatch's own
//! time is `total - dispatch`.

use std::cell::RefCell;
use std::collections::VecDeque;

/// Callbacks kept (ring buffer).
pub const KEEP: usize = 8192;

/// A phase of one observer callback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Deciding whether the mutation records concern the widget.
    Relevant = 0,
    /// Reading messages out of the DOM and deciding which are new.
    Read = 1,
    /// The analysis core (assessment + conversation engine).
    Engine = 2,
    /// Turning reports into event details (JS objects).
    Serialise = 3,
    /// Writing the overlay.
    Render = 4,
    /// Inside `dispatchEvent`: the page's own listeners.
    Dispatch = 5,
}

const PHASES: usize = 6;

/// What loading the analysis data cost, in ms (cold, once per page). The model is planned
/// after `ready`, in the page's first idle period (or by the first message that needs it):
/// its fields stay `None` until then.
#[derive(Clone, Copy, Debug, Default)]
pub struct LoadTimes {
    pub lexicon_ms: f64,
    pub model_ms: Option<f64>,
    pub fusion_ms: Option<f64>,
}

#[derive(Default)]
struct Store {
    load: Option<LoadTimes>,
    current: [f64; PHASES],
    callbacks: VecDeque<(f64, [f64; PHASES])>,
    frames: VecDeque<f64>,
    full_scans: u64,
    append_scans: u64,
    renders: u64,
    renders_skipped: u64,
    warmup: Warmup,
}

/// What the idle-time warm-up has done (`warmup.rs`): kept apart from the callbacks, since
/// it runs only in idle periods.
#[derive(Clone, Copy, Debug, Default)]
struct Warmup {
    steps: u32,
    slices: u32,
    ms: f64,
    done: bool,
}

thread_local! {
    static STORE: RefCell<Store> = RefCell::new(Store::default());
}

fn with<R>(f: impl FnOnce(&mut Store) -> R) -> Option<R> {
    STORE.with(|s| s.try_borrow_mut().ok().map(|mut s| f(&mut s)))
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The global `performance.now()`, bound directly: looking up `window.performance` on
    /// every call cost more than the spans it timed.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;

    /// `performance.mark(name)`; throws only in very old browsers (caught: a mark is optional).
    #[wasm_bindgen(catch, js_namespace = performance, js_name = mark)]
    fn performance_mark(name: &str) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
}

/// Sets a User Timing mark, so a profiler or the host page sees when a start-up step ended.
pub fn mark(name: &str) {
    let _ = performance_mark(name);
}

/// `performance.now()` in ms (sub-ms where the page allows it).
pub fn now() -> f64 {
    performance_now()
}

/// Runs `f`, adding its duration to `phase` of the callback being timed.
pub fn span<R>(phase: Phase, f: impl FnOnce() -> R) -> R {
    let t0 = now();
    let r = f();
    let dt = now() - t0;
    with(|s| s.current[phase as usize] += dt);
    r
}

/// Times one observer callback: resets the phase counters, runs `f`, keeps the record.
pub fn callback<R>(f: impl FnOnce() -> R) -> R {
    with(|s| s.current = [0.0; PHASES]);
    let t0 = now();
    let r = f();
    let total = now() - t0;
    with(|s| {
        let phases = s.current;
        push(&mut s.callbacks, (total, phases));
    });
    r
}

/// Times one layout frame (the overlay placement done in `requestAnimationFrame`).
pub fn frame<R>(f: impl FnOnce() -> R) -> R {
    let t0 = now();
    let r = f();
    let dt = now() - t0;
    with(|s| push(&mut s.frames, dt));
    r
}

fn push<T>(q: &mut VecDeque<T>, v: T) {
    if q.len() == KEEP {
        q.pop_front();
    }
    q.push_back(v);
}

/// Records the cost of loading the lexicon (and with it the segmenter).
pub fn set_lexicon_load(ms: f64) {
    with(|s| s.load.get_or_insert_with(LoadTimes::default).lexicon_ms = ms);
}

/// Records the cost of planning the model and reading the fusion parameters.
pub fn set_model_load(model_ms: f64, fusion_ms: f64) {
    with(|s| {
        let load = s.load.get_or_insert_with(LoadTimes::default);
        load.model_ms = Some(model_ms);
        load.fusion_ms = Some(fusion_ms);
    });
}

/// Counts a scan that re-read the whole message list (`full`) or only appended nodes.
pub fn count_scan(full: bool) {
    with(|s| {
        if full {
            s.full_scans += 1;
        } else {
            s.append_scans += 1;
        }
    });
}

/// Counts an overlay render (`skipped`: nothing had changed).
pub fn count_render(skipped: bool) {
    with(|s| {
        if skipped {
            s.renders_skipped += 1;
        } else {
            s.renders += 1;
        }
    });
}

/// Records one idle slice of the warm-up: `steps` turns in `ms`; `done` when it finished.
pub fn count_warmup(steps: u32, ms: f64, done: bool) {
    with(|s| {
        s.warmup.steps += steps;
        s.warmup.slices += 1;
        s.warmup.ms += ms;
        s.warmup.done |= done;
    });
}

/// Everything recorded, as a JSON value (camelCase, columnar arrays of ms).
pub fn report() -> serde_json::Value {
    with(|s| {
        let col = |i: usize| -> Vec<f64> { s.callbacks.iter().map(|(_, p)| p[i]).collect() };
        let total: Vec<f64> = s.callbacks.iter().map(|(t, _)| *t).collect();
        let own: Vec<f64> = s
            .callbacks
            .iter()
            .map(|(t, p)| (t - p[Phase::Dispatch as usize]).max(0.0))
            .collect();
        serde_json::json!({
            "load": s.load.map(|l| serde_json::json!({
                "lexiconMs": l.lexicon_ms,
                "modelMs": l.model_ms,
                "fusionMs": l.fusion_ms,
                "analyzerMs": l.model_ms.zip(l.fusion_ms).map(|(m, f)| l.lexicon_ms + m + f),
            })),
            "callbacks": {
                "total": total,
                "own": own,
                "relevant": col(Phase::Relevant as usize),
                "read": col(Phase::Read as usize),
                "engine": col(Phase::Engine as usize),
                "serialise": col(Phase::Serialise as usize),
                "render": col(Phase::Render as usize),
                "dispatch": col(Phase::Dispatch as usize),
            },
            "frames": s.frames.iter().copied().collect::<Vec<f64>>(),
            "fullScans": s.full_scans,
            "appendScans": s.append_scans,
            "renders": s.renders,
            "rendersSkipped": s.renders_skipped,
            "warmup": {
                "steps": s.warmup.steps,
                "slices": s.warmup.slices,
                "ms": s.warmup.ms,
                "done": s.warmup.done,
            },
        })
    })
    .unwrap_or(serde_json::Value::Null)
}

/// Forgets the callbacks, frames and counters (the load times stay).
pub fn reset() {
    with(|s| {
        s.callbacks.clear();
        s.frames.clear();
        s.full_scans = 0;
        s.append_scans = 0;
        s.renders = 0;
        s.renders_skipped = 0;
    });
}

/// Percentiles (nearest rank) and mean of samples, in the samples' unit.
pub fn summary(samples: &mut [f64]) -> (f64, f64, f64) {
    if samples.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    samples.sort_by(f64::total_cmp);
    let rank = |p: f64| {
        let i = ((p / 100.0) * samples.len() as f64).ceil() as usize;
        samples[i.clamp(1, samples.len()) - 1]
    };
    let mean = samples.iter().sum::<f64>() / samples.len() as f64;
    (rank(50.0), rank(99.0), mean)
}

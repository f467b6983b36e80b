//! The exported JavaScript API. Every error becomes a `JsError` here, once, with a message
//! that says what was wrong; results cross as plain objects, long-lived state as classes.

use super::adapter::AdapterConfig;
use super::attachment::{self, shared_analyzer, to_js};
use crate::analysis::conversation::{Config, Monitor, Role, Turn};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Which grader produced a reason. */
export type Source = "lexicon" | "model" | "rhythm" | "repeat" | "trend" | "agent";
/** One thing that fired, with its weight. */
export interface Reason { source: Source; rule: string; text: string; weight: number; note: string; }
/** Surface intensity markers of one message. */
export interface Markers { exclamations: number; questions: number; repeatedRuns: number; chars: number; angryEmoji: number; barePing: boolean; }
/** The assessment of one customer message. */
export interface Assessment { negative: number; level: 0 | 1 | 2 | 3; reasons: Reason[]; lexiconNegative: number; modelNegative: number | null; markers: Markers; }
/** A reply the agent can insert with one click. */
export interface Suggestion { id: string; kind: string; label: string; text: string; }
/** One agent-quality finding. */
export interface AgentFlag { dimension: string; score: number; note: string; }
/** The check of an agent reply or draft. */
export interface AgentCheck { flags: AgentFlag[]; warn: boolean; }
/** 0 none, 1 soothe, 2 review, 3 transfer. */
export type WarningLevel = 0 | 1 | 2 | 3;
/** The whole visible state of one conversation. */
export interface Snapshot {
  conversation: string; turns: number; risk: number; warningLevel: WarningLevel; reasons: Reason[];
  lastAssessment: Assessment | null; peakLevel: 0 | 1 | 2 | 3; trend: number[]; forecast: number[];
  waitingSinceMs: number | null; waitingMs: number; repeats: unknown[]; suggestions: Suggestion[];
  compensation: Suggestion | null; agentFlags: AgentFlag[]; [more: string]: unknown;
}
/** Something that happened on a turn or tick. */
export type EngineEvent =
  | { type: "warningRaised"; level: WarningLevel; reasons: Reason[] }
  | { type: "warningCleared"; level: WarningLevel }
  | { type: "transferRequested"; summary: Record<string, unknown> }
  | { type: string; [more: string]: unknown };
/** What one turn or tick produced. */
export interface TurnReport {
  turn: number; role: "customer" | "agent" | null; assessment: Assessment | null;
  agentCheck: AgentCheck | null; snapshot: Snapshot; events: EngineEvent[];
}
/** One turn for `Engine.pushTurn` (the CLI's input format; `ts` in ms). */
export interface TurnInput { role: "customer" | "agent"; text: string; ts: number; }
/** Conversation-engine settings (missing keys take their defaults). */
export interface EngineConfig { thresholds?: [number, number, number]; compensationThreshold?: number; waitSignalMs?: number; [more: string]: unknown; }
/** Reads a value from the element `selector` designates: `attr`, or its text. */
export interface ValueRule { selector?: string; attr?: string; }
/** Decides who wrote a message. */
export interface RoleRule {
  selector?: string; attr?: string; customer?: string[]; agent?: string[];
  customerIf?: string; agentIf?: string; default?: "customer" | "agent";
}
/** Where a chat widget keeps what moodwatch reads (see docs/adapters.md). */
export interface AdapterConfig {
  name?: string; description?: string; root?: string; messageList: string; message: string;
  messageId?: ValueRule; role: RoleRule; text?: string; time?: ValueRule; conversation?: ValueRule;
  input?: string; lang?: "zh" | "en"; engine?: EngineConfig; draftDebounceMs?: number;
  dock?: "top-right" | "top-left" | "bottom-right" | "bottom-left";
}
/** What `benchmark` times: the lexicon grader, the sentiment model, the whole message
 * analyzer, one conversation-engine turn, or one turn plus turning its report into a JS object. */
export type BenchmarkKind = "lexicon" | "model" | "analyzer" | "engine" | "engineReport";
/** Timings of one `benchmark` call, in µs per call (`performance.now()`; its resolution is
 * 100 µs in a page that is not cross-origin isolated, 5 µs in one that is — `meanUs` comes
 * from the total time and is exact either way). */
export interface BenchmarkResult {
  kind: BenchmarkKind; iterations: number; chars: number; p50Us: number; p99Us: number;
  meanUs: number; maxUs: number; totalMs: number;
}
/** Diagnostics: load cost (cold, ms) and per-callback main-thread time (ms, last 8192). */
export interface Diagnostics {
  /** The model is planned after `ready` (first idle period, or the first message that needs
   * it): `modelMs`, `fusionMs` and `analyzerMs` (the sum) are null until then. */
  load: { lexiconMs: number; modelMs: number | null; fusionMs: number | null; analyzerMs: number | null } | null;
  /** One entry per MutationObserver callback; `own` = `total - dispatch` (dispatch is the
   * time spent in the page's own listeners of moodwatch events). */
  callbacks: {
    total: number[]; own: number[]; relevant: number[]; read: number[]; engine: number[];
    serialise: number[]; render: number[]; dispatch: number[];
  };
  /** Overlay placement, done once per animation frame after changes. */
  frames: number[];
  fullScans: number; appendScans: number; renders: number; rendersSkipped: number;
  /** The idle-time warm-up after the first attach: scripted turns run, idle slices used,
   * main-thread ms spent, and whether it has finished. */
  warmup: { steps: number; slices: number; ms: number; done: boolean };
}
"#;

fn err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("moodwatch: {e}"))
}

/// Reads a JS value (object or JSON string) through JSON, so numbers, unknown keys and
/// missing keys get serde_json's precise messages.
fn from_js<T: DeserializeOwned>(v: &JsValue, what: &str) -> Result<T, JsError> {
    let text = match v.as_string() {
        Some(s) => s,
        None => js_sys::JSON::stringify(v)
            .map_err(|_| err(format!("{what}: not JSON-serialisable")))?
            .as_string()
            .ok_or_else(|| err(format!("{what}: expected an object")))?,
    };
    serde_json::from_str(&text).map_err(|e| err(format!("{what}: {e}")))
}

fn out<T: serde::Serialize + ?Sized>(v: &T) -> Result<JsValue, JsError> {
    to_js(v).map_err(err)
}

/// Links the sentiment model from the model module (`pkg/moodwatch_model.js`): `run` takes
/// the hashed ids of a message as an `Int32Array` and returns `[logit, probability]` as a
/// `Float32Array` (`(ids) => runtime.run(ids)` of a `ModelRuntime`). Until it is called,
/// messages are read by the lexicon alone. The script-tag loader and the npm module's
/// `load()` call it for you; `loadMs` (how long planning the model took) is reported in
/// `diagnostics().load.modelMs`.
///
/// ```js
/// import initModel, { ModelRuntime } from "./pkg/moodwatch_model.js";
/// await initModel();
/// const rt = ModelRuntime.embedded();
/// provideModel((ids) => rt.run(ids), 0);
/// ```
#[wasm_bindgen(js_name = provideModel)]
pub fn provide_model(
    #[wasm_bindgen(unchecked_param_type = "(ids: Int32Array) => Float32Array")]
    run: js_sys::Function,
    #[wasm_bindgen(js_name = "loadMs")] load_ms: Option<f64>,
) -> Result<(), JsError> {
    super::model_link::provide(run, load_ms.unwrap_or(0.0)).map_err(err)
}

/// Whether messages are read by lexicon and model (`false` until the model module is linked).
#[wasm_bindgen(js_name = modelReady)]
pub fn model_ready() -> Result<bool, JsError> {
    let analyzer = shared_analyzer().map_err(err)?;
    // `model_ready` first: asking `model()` would plan a deferred model.
    Ok(analyzer.model_ready() && analyzer.model().is_some())
}

/// Grades one customer message.
#[wasm_bindgen(js_name = assess, unchecked_return_type = "Assessment")]
pub fn assess(text: &str) -> Result<JsValue, JsError> {
    let analyzer = shared_analyzer().map_err(err)?;
    out(&analyzer.assess(text))
}

/// Diagnostics: times `iterations` calls of one part of the analysis core on `text` inside
/// wasm with `performance.now()` (the analyzer is loaded first, outside the timing). Meant
/// for benchmarks and support, not for production logic.
///
/// ```js
/// const r = benchmark("lexicon", "你们这服务太慢了，真的很失望", 500);
/// console.log(r.p50Us, r.p99Us, r.meanUs);
/// ```
#[wasm_bindgen(js_name = benchmark, unchecked_return_type = "BenchmarkResult")]
pub fn benchmark(
    #[wasm_bindgen(unchecked_param_type = "BenchmarkKind")] kind: &str,
    text: &str,
    iterations: u32,
) -> Result<JsValue, JsError> {
    use super::diagnostics::{now, summary};
    use std::hint::black_box;
    let analyzer = shared_analyzer().map_err(err)?;
    let n = iterations.clamp(1, 1_000_000) as usize;
    let mut samples = Vec::with_capacity(n);
    let start = now();
    match kind {
        "lexicon" => {
            let lex = analyzer.lexicon();
            for _ in 0..n {
                let t = now();
                black_box(lex.grade(black_box(text)));
                samples.push(now() - t);
            }
        }
        "model" => {
            let model = analyzer
                .model()
                .ok_or_else(|| err("benchmark: this build has no model"))?;
            for _ in 0..n {
                let t = now();
                black_box(model.read(black_box(text)).map_err(err)?);
                samples.push(now() - t);
            }
        }
        "analyzer" => {
            for _ in 0..n {
                let t = now();
                black_box(analyzer.assess(black_box(text)));
                samples.push(now() - t);
            }
        }
        "engine" | "engineReport" => {
            // One conversation: the customer's text, then a fixed agent reply, alternating,
            // 20 s apart; every turn is timed.
            let mut monitor = Monitor::new(analyzer.clone(), Config::default());
            let reply = "好的亲，马上为您核实处理";
            let to_js_too = kind == "engineReport";
            for i in 0..n {
                let (role, body) = if i % 2 == 0 {
                    (Role::Customer, text)
                } else {
                    (Role::Agent, reply)
                };
                let turn = Turn {
                    role,
                    text: body.to_string(),
                    ts_ms: 1_700_000_000_000 + 20_000 * i as u64,
                };
                let t = now();
                let report = monitor.push_turn("bench", turn).map_err(err)?;
                if to_js_too {
                    black_box(out(&report)?);
                }
                black_box(report);
                samples.push(now() - t);
            }
        }
        other => {
            return Err(err(format!(
                "benchmark: unknown kind {other:?}, expected lexicon, model, analyzer, engine or engineReport"
            )))
        }
    }
    let total_ms = now() - start;
    let max = samples.iter().copied().fold(0.0, f64::max);
    let (p50, p99, _) = summary(&mut samples);
    out(&serde_json::json!({
        "kind": kind,
        "iterations": n,
        "chars": text.chars().count(),
        "p50Us": p50 * 1000.0,
        "p99Us": p99 * 1000.0,
        "meanUs": total_ms * 1000.0 / n as f64,
        "maxUs": max * 1000.0,
        "totalMs": total_ms,
    }))
}

/// Diagnostics: what loading the analyzer cost (cold, ms; `null` before it was loaded) and
/// how long each MutationObserver callback kept the main thread, phase by phase.
#[wasm_bindgen(js_name = diagnostics, unchecked_return_type = "Diagnostics")]
pub fn diagnostics() -> Result<JsValue, JsError> {
    out(&super::diagnostics::report())
}

/// Diagnostics: forgets the recorded callbacks and counters (load times stay).
#[wasm_bindgen(js_name = resetDiagnostics)]
pub fn reset_diagnostics() {
    super::diagnostics::reset();
}

/// Attaches to a chat widget described by an adapter config (object or JSON string):
/// observes its messages, analyses each one and draws the overlay. Dispatches
/// `moodwatch:ready` on `document` when done.
#[wasm_bindgen(js_name = attach)]
pub fn attach(
    #[wasm_bindgen(unchecked_param_type = "AdapterConfig | string")] config: JsValue,
) -> Result<Handle, JsError> {
    let config: AdapterConfig = from_js(&config, "adapter config")?;
    let id = attachment::Attachment::attach(config).map_err(err)?;
    Ok(Handle { id })
}

/// Detaches every attachment; returns how many there were.
#[wasm_bindgen(js_name = detach)]
pub fn detach_all() -> u32 {
    let ids: Vec<u32> = attachment::all().iter().map(|a| a.id).collect();
    ids.into_iter().filter(|id| attachment::detach(*id)).count() as u32
}

/// Updates every attachment's config: top-level keys given override the current ones
/// (e.g. `{lang: "en"}` or `{engine: {thresholds: [0.3, 0.6, 0.85]}}`).
#[wasm_bindgen(js_name = updateConfig)]
pub fn update_config(
    #[wasm_bindgen(unchecked_param_type = "Partial<AdapterConfig>")] config: JsValue,
) -> Result<(), JsError> {
    let patch: serde_json::Value = from_js(&config, "updateConfig")?;
    for a in attachment::all() {
        a.update_config(&patch).map_err(err)?;
    }
    Ok(())
}

/// The state of a conversation (default: the one on screen) from the first attachment
/// that knows it, or `null`.
#[wasm_bindgen(js_name = state, unchecked_return_type = "Snapshot | null")]
pub fn state(conversation: Option<String>) -> Result<JsValue, JsError> {
    for a in attachment::all() {
        if let Some(s) = a.snapshot(conversation.as_deref()) {
            return out(&s);
        }
    }
    Ok(JsValue::NULL)
}

/// A live attachment. Dropping or freeing the handle does not detach (the page may ignore
/// it); call `detach()`.
#[wasm_bindgen]
pub struct Handle {
    id: u32,
}

#[wasm_bindgen]
impl Handle {
    /// Stops observing, removes the overlay and every listener; false if already detached.
    pub fn detach(&self) -> bool {
        attachment::detach(self.id)
    }

    /// Whether this attachment is still live.
    #[wasm_bindgen(getter)]
    pub fn attached(&self) -> bool {
        attachment::find(self.id).is_some()
    }

    /// Registry id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> u32 {
        self.id
    }

    /// Updates this attachment's config (top-level keys override).
    #[wasm_bindgen(js_name = updateConfig)]
    pub fn update_config(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Partial<AdapterConfig>")] config: JsValue,
    ) -> Result<(), JsError> {
        let patch: serde_json::Value = from_js(&config, "updateConfig")?;
        let a = attachment::find(self.id).ok_or_else(|| err("handle is detached"))?;
        a.update_config(&patch).map_err(err)
    }

    /// The state of a conversation (default: the one on screen), or `null`.
    #[wasm_bindgen(unchecked_return_type = "Snapshot | null")]
    pub fn state(&self, conversation: Option<String>) -> Result<JsValue, JsError> {
        match attachment::find(self.id).and_then(|a| a.snapshot(conversation.as_deref())) {
            Some(s) => out(&s),
            None => Ok(JsValue::NULL),
        }
    }

    /// The conversation on screen, if any.
    #[wasm_bindgen(getter, js_name = currentConversation)]
    pub fn current_conversation(&self) -> Option<String> {
        attachment::find(self.id).and_then(|a| a.current())
    }

    /// How many turns were fed to the analysis core (history replays included).
    #[wasm_bindgen(getter, js_name = processedTurns)]
    pub fn processed_turns(&self) -> u32 {
        attachment::find(self.id).map_or(0, |a| a.processed())
    }

    /// Whether the customer-wait timer runs (only while a customer waits; idle costs nothing).
    #[wasm_bindgen(getter, js_name = timerRunning)]
    pub fn timer_running(&self) -> bool {
        attachment::find(self.id).is_some_and(|a| a.timer_running())
    }

    /// Checks a draft reply against the conversation on screen (never blocks anything).
    #[wasm_bindgen(js_name = checkDraft, unchecked_return_type = "AgentCheck")]
    pub fn check_draft(&self, text: &str) -> Result<JsValue, JsError> {
        let a = attachment::find(self.id).ok_or_else(|| err("handle is detached"))?;
        out(&a
            .check_draft(text)
            .ok_or_else(|| err("attachment is busy"))?)
    }

    /// Rescans the page now (the observer normally does this on every change).
    pub fn rescan(&self) {
        if let Some(a) = attachment::find(self.id) {
            a.rescan();
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TurnIn {
    role: String,
    text: String,
    #[serde(alias = "tsMs")]
    ts: u64,
}

/// The conversation engine without a page: turns in, reports out (what the CLI's `replay`
/// does, for hosts that read messages themselves).
#[wasm_bindgen]
pub struct Engine {
    monitor: Monitor,
}

#[wasm_bindgen]
impl Engine {
    /// An engine with the embedded data and an optional config.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "EngineConfig | undefined")] config: JsValue,
    ) -> Result<Engine, JsError> {
        let config = if config.is_undefined() || config.is_null() {
            Config::default()
        } else {
            let v: serde_json::Value = from_js(&config, "engine config")?;
            Config::from_json(&v.to_string()).map_err(err)?
        };
        Ok(Engine {
            monitor: Monitor::new(shared_analyzer().map_err(err)?, config),
        })
    }

    /// Feeds one turn of a conversation.
    #[wasm_bindgen(js_name = pushTurn, unchecked_return_type = "TurnReport")]
    pub fn push_turn(
        &mut self,
        conversation: &str,
        #[wasm_bindgen(unchecked_param_type = "TurnInput")] turn: JsValue,
    ) -> Result<JsValue, JsError> {
        let t: TurnIn = from_js(&turn, "turn")?;
        let role: Role = t.role.parse().map_err(|e| err(format!("turn.role: {e}")))?;
        let report = self
            .monitor
            .push_turn(
                conversation,
                Turn {
                    role,
                    text: t.text,
                    ts_ms: t.ts,
                },
            )
            .map_err(err)?;
        out(&report)
    }

    /// Advances a conversation's clock; `null` if unknown.
    #[wasm_bindgen(unchecked_return_type = "TurnReport | null")]
    pub fn tick(
        &mut self,
        conversation: &str,
        #[wasm_bindgen(js_name = "nowMs")] now_ms: f64,
    ) -> Result<JsValue, JsError> {
        match self.monitor.tick(conversation, ms(now_ms)?) {
            Some(r) => out(&r),
            None => Ok(JsValue::NULL),
        }
    }

    /// The state of a conversation, or `null`.
    #[wasm_bindgen(unchecked_return_type = "Snapshot | null")]
    pub fn snapshot(
        &self,
        conversation: &str,
        #[wasm_bindgen(js_name = "nowMs")] now_ms: f64,
    ) -> Result<JsValue, JsError> {
        match self.monitor.snapshot(conversation, ms(now_ms)?) {
            Some(s) => out(&s),
            None => Ok(JsValue::NULL),
        }
    }

    /// Checks a draft reply without changing state.
    #[wasm_bindgen(js_name = checkDraft, unchecked_return_type = "AgentCheck")]
    pub fn check_draft(
        &self,
        conversation: &str,
        text: &str,
        #[wasm_bindgen(js_name = "nowMs")] now_ms: f64,
    ) -> Result<JsValue, JsError> {
        out(&self.monitor.check_draft(conversation, text, ms(now_ms)?))
    }

    /// Forgets a conversation; true if it was known.
    pub fn remove(&mut self, conversation: &str) -> bool {
        self.monitor.remove(conversation)
    }
}

fn ms(v: f64) -> Result<u64, JsError> {
    if v.is_finite() && v >= 0.0 {
        Ok(v as u64)
    } else {
        Err(err(format!(
            "time must be a non-negative number of ms, got {v}"
        )))
    }
}

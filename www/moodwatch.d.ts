/**
 * Types of moodwatch as a page sees it: the script-tag loader (`window.moodwatch`), the
 * npm module, the page events and the plain objects they carry. The wasm-pack output
 * (`pkg/moodwatch.d.ts`) holds the same types, generated from the Rust source.
 */
import type {
  AdapterConfig, AgentCheck, Assessment, BenchmarkKind, BenchmarkResult, Diagnostics, Engine,
  EngineConfig, Handle, Reason, Snapshot, Suggestion, TurnReport, WarningLevel,
} from "./pkg/moodwatch.js";

export type {
  AdapterConfig, AgentCheck, AgentFlag, Assessment, BenchmarkKind, BenchmarkResult, Diagnostics,
  EngineConfig, EngineEvent, Markers, Reason, RoleRule, Snapshot, Source, Suggestion, TurnInput,
  TurnReport, ValueRule, WarningLevel,
} from "./pkg/moodwatch.js";
export { Engine, Handle } from "./pkg/moodwatch.js";

/** `moodwatch:ready` */
export interface ReadyDetail { id: number; name: string | null; conversation: string | null; }
/** `moodwatch:assessment`: one live message was analysed. */
export interface AssessmentDetail {
  conversation: string;
  turn: { id: string | null; role: "customer" | "agent"; text: string; tsMs: number };
  report: TurnReport;
}
/** `moodwatch:warning` */
export interface WarningDetail { conversation: string; level: WarningLevel; reasons: Reason[]; /** true when the conversation was already hot when first seen (history replay) */ history?: boolean; }
/** `moodwatch:warning-cleared` */
export interface WarningClearedDetail { conversation: string; level: WarningLevel; }
/** `moodwatch:transfer`: the engine's routing summary (or the agent's click), plus who asked. */
export interface TransferDetail {
  conversation: string; requestedBy: "engine" | "agent"; summary: string; [more: string]: unknown;
}
/** `moodwatch:suggestion-inserted` */
export interface SuggestionInsertedDetail { conversation: string; suggestion: Suggestion; }
/** `moodwatch:feedback`: also appended to localStorage["moodwatch.feedback"]. */
export interface FeedbackDetail {
  kind: "wrong" | "missed"; conversation: string; atMs: number; risk: number | null;
  warningLevel: WarningLevel | null; reasons: string[] | null;
}
/** `moodwatch:error` (loader only): wasm or config failed to load, or the model module did not (message "model: …"; moodwatch then reads with the lexicon alone). */
export interface ErrorDetail { message: string; }

export interface MoodwatchEventMap {
  ready: ReadyDetail;
  assessment: AssessmentDetail;
  warning: WarningDetail;
  "warning-cleared": WarningClearedDetail;
  transfer: TransferDetail;
  "suggestion-inserted": SuggestionInsertedDetail;
  feedback: FeedbackDetail;
  error: ErrorDetail;
}

/** `window.moodwatch` once the module is loaded (and the npm module's exports). */
export interface MoodwatchApi {
  /** Resolves with this API once the wasm module is initialised. */
  ready: Promise<MoodwatchApi>;
  /** Attaches to a widget; also draws the overlay. */
  attach(config: AdapterConfig | string): Handle;
  /** Detaches every attachment; returns how many. */
  detach(): number;
  /** Top-level keys given override every attachment's config. */
  updateConfig(config: Partial<AdapterConfig>): void;
  /** State of a conversation (default: the one on screen), or null. */
  state(conversationId?: string | null): Snapshot | null;
  /** Listens to `moodwatch:NAME` on document; returns the unsubscribe function. */
  on<K extends keyof MoodwatchEventMap>(
    name: K | `moodwatch:${K}`,
    cb: (detail: MoodwatchEventMap[K], event: CustomEvent<MoodwatchEventMap[K]>) => void,
  ): () => void;
  /** Grades one message without a page. */
  assess(text: string): Assessment;
  /** The page-free conversation engine. */
  Engine: typeof Engine;
  /** Diagnostics: times `iterations` calls of one part of the analysis core (µs per call). */
  benchmark(kind: BenchmarkKind, text: string, iterations: number): BenchmarkResult;
  /** Diagnostics: analyzer load times and moodwatch's main-thread time per observer callback. */
  diagnostics(): Diagnostics;
  /** Diagnostics: forgets recorded callbacks and counters. */
  resetDiagnostics(): void;
  /**
   * Whether messages are read by lexicon and model. The model module (pkg/moodwatch_model*)
   * is linked after `ready`; until then (and if it cannot load) the lexicon reads alone.
   */
  modelReady(): boolean;
  /** The loader's own attachment (from data-preset / data-config), if any. */
  handle: Handle | null;
}

/** Before the module is loaded, only `ready` and `on` exist. */
export type MoodwatchLoading = Pick<MoodwatchApi, "ready" | "on">;

declare global {
  interface Window {
    moodwatch: MoodwatchApi | MoodwatchLoading;
    /** An adapter config the loader attaches with when no data-preset/data-config is given. */
    moodwatchConfig?: AdapterConfig;
  }
  interface DocumentEventMap {
    "moodwatch:ready": CustomEvent<ReadyDetail>;
    "moodwatch:assessment": CustomEvent<AssessmentDetail>;
    "moodwatch:warning": CustomEvent<WarningDetail>;
    "moodwatch:warning-cleared": CustomEvent<WarningClearedDetail>;
    "moodwatch:transfer": CustomEvent<TransferDetail>;
    "moodwatch:suggestion-inserted": CustomEvent<SuggestionInsertedDetail>;
    "moodwatch:feedback": CustomEvent<FeedbackDetail>;
    "moodwatch:error": CustomEvent<ErrorDetail>;
  }
}

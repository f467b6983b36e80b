import type { MoodwatchApi } from "./moodwatch";
export * from "./moodwatch";
export {
  attach, detach, updateConfig, state, assess, Engine, Handle, benchmark, diagnostics, resetDiagnostics,
  provideModel, modelReady,
} from "./pkg/moodwatch.js";
export declare function on(...args: Parameters<MoodwatchApi["on"]>): () => void;
/** Where a wasm module comes from: a URL, a Response, its bytes or a compiled module. */
export type WasmSource = string | URL | Response | BufferSource | WebAssembly.Module;
/** Options of `load`. */
export interface LoadOptions {
  /** Link the model module right after start-up (default true); false leaves it to `loadModel`. */
  model?: boolean;
  /** Where the model module's wasm comes from (default: next to pkg/moodwatch_model.js). */
  modelModuleOrPath?: WasmSource;
}
/** Initialises the wasm module once; resolves with the API (the model module links after). */
export declare function load(moduleOrPath?: WasmSource, options?: LoadOptions): Promise<MoodwatchApi>;
/** Fetches, plans and links the model module once; resolves when the model reads every message. */
export declare function loadModel(moduleOrPath?: WasmSource): Promise<void>;
export declare const api: MoodwatchApi;
export default load;

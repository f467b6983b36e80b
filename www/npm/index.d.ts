import type { MoodwatchApi } from "./moodwatch";
export * from "./moodwatch";
export {
  attach, detach, updateConfig, state, assess, Engine, Handle, benchmark, diagnostics, resetDiagnostics,
} from "./pkg/moodwatch.js";
export declare function on(...args: Parameters<MoodwatchApi["on"]>): () => void;
/** Initialises the wasm module once; resolves with the API. */
export declare function load(moduleOrPath?: string | URL | Response | BufferSource | WebAssembly.Module): Promise<MoodwatchApi>;
export declare const api: MoodwatchApi;
export default load;

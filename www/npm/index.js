// moodwatch as an ES module. Build the wasm into this folder first:
//   wasm-pack build --release --target web --out-dir www/npm/pkg
// then:  import { load } from "moodwatch"; const mw = await load(); mw.attach(config);
import init, {
  attach, detach, updateConfig, state, assess, Engine, Handle, benchmark, diagnostics, resetDiagnostics,
} from "./pkg/moodwatch.js";

/** Listens to `moodwatch:NAME` on document; returns the unsubscribe function. */
export function on(name, cb) {
  const type = name.startsWith("moodwatch:") ? name : `moodwatch:${name}`;
  const listener = (e) => cb(e.detail, e);
  document.addEventListener(type, listener);
  return () => document.removeEventListener(type, listener);
}

let loading = null;

/** Initialises the wasm module once (optionally from a URL, Response or bytes). */
export function load(moduleOrPath) {
  loading ??= init(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath }).then(() => api);
  return loading;
}

export const api = {
  get ready() { return load(); },
  attach, detach, updateConfig, state, on, assess, Engine, benchmark, diagnostics, resetDiagnostics, handle: null,
};

export { attach, detach, updateConfig, state, assess, Engine, Handle, benchmark, diagnostics, resetDiagnostics };
export default load;

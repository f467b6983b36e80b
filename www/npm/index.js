// moodwatch as an ES module. Build the two wasm modules into this folder first:
//   bash scripts/build-wasm.sh www/npm/pkg
// then:  import { load } from "moodwatch"; const mw = await load(); mw.attach(config);
import init, {
  attach, detach, updateConfig, state, assess, Engine, Handle, benchmark, diagnostics, resetDiagnostics,
  provideModel, modelReady,
} from "./pkg/moodwatch.js";
import initModel, { ModelRuntime } from "./pkg/moodwatch_model.js";

/** Listens to `moodwatch:NAME` on document; returns the unsubscribe function. */
export function on(name, cb) {
  const type = name.startsWith("moodwatch:") ? name : `moodwatch:${name}`;
  const listener = (e) => cb(e.detail, e);
  document.addEventListener(type, listener);
  return () => document.removeEventListener(type, listener);
}

let loading = null;
let linking = null;

/**
 * Initialises the wasm module once (optionally from a URL, Response or bytes) and resolves
 * with the API; messages are read by the lexicon until the model module is linked, which
 * `load` starts right after (`options.model: false` leaves that to `loadModel`).
 */
export function load(moduleOrPath, options = {}) {
  loading ??= init(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath }).then(() => {
    if (options.model !== false) {
      loadModel(options.modelModuleOrPath).catch((e) =>
        console.warn("moodwatch: the sentiment model did not load; reading with the lexicon alone:", e));
    }
    return api;
  });
  return loading;
}

/**
 * Fetches and compiles the model module (tract and the int8 model, about 1.2 MB gzipped),
 * plans the model in an idle period and links it, once. Resolves when every message is read
 * by lexicon and model. Call `load` first.
 */
export function loadModel(moduleOrPath) {
  linking ??= (async () => {
    if (modelReady()) return;
    await initModel(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath });
    await new Promise((resolve) =>
      typeof requestIdleCallback === "function" ? requestIdleCallback(resolve, { timeout: 1000 }) : setTimeout(resolve, 0));
    const t0 = performance.now();
    const runtime = ModelRuntime.embedded();
    provideModel((ids) => runtime.run(ids), performance.now() - t0);
  })();
  return linking;
}

export const api = {
  get ready() { return load(); },
  attach, detach, updateConfig, state, on, assess, Engine, benchmark, diagnostics, resetDiagnostics, modelReady, handle: null,
};

export { attach, detach, updateConfig, state, assess, Engine, Handle, benchmark, diagnostics, resetDiagnostics, provideModel, modelReady };
export default load;

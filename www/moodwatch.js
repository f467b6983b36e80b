/*
 * moodwatch script-tag loader.
 *
 *   <script src="moodwatch.js" data-preset="demo" defer></script>
 *
 * Loads pkg/moodwatch.js + moodwatch_bg.wasm (wasm-pack --target web) from the folder this
 * script is served from, installs `window.moodwatch`, then attaches with
 *   - data-preset="NAME"  → presets/NAME.json next to this script, or
 *   - data-config="URL"   → any adapter config JSON, or
 *   - window.moodwatchConfig (an adapter config object set before this script runs).
 * `document` receives moodwatch:ready once attached; `window.moodwatch.ready` is a promise
 * of the API for code that runs earlier.
 */
(function () {
  "use strict";
  // Startup phases as User Timing marks (moodwatch:start … moodwatch:ready) so that a host
  // page or a profiler can see where cold-start time goes.
  function mark(name) {
    try { performance.mark("moodwatch:" + name); } catch (e) { /* very old browsers */ }
  }
  mark("start");
  var script = document.currentScript;
  var base = new URL(".", (script && script.src) || document.baseURI);
  var data = (script && script.dataset) || {};
  var resolveReady, rejectReady;
  var ready = new Promise(function (res, rej) { resolveReady = res; rejectReady = rej; });
  ready.catch(function () {});

  function on(name, cb) {
    var type = name.indexOf("moodwatch:") === 0 ? name : "moodwatch:" + name;
    var listener = function (e) { cb(e.detail, e); };
    document.addEventListener(type, listener);
    return function off() { document.removeEventListener(type, listener); };
  }

  window.moodwatch = { ready: ready, on: on };

  function fail(err) {
    console.error("moodwatch:", err);
    document.dispatchEvent(new CustomEvent("moodwatch:error", { detail: { message: String(err && err.message || err) } }));
    rejectReady(err);
  }

  function loadConfig() {
    if (data.config) return fetch(new URL(data.config, document.baseURI)).then(json);
    if (data.preset) return fetch(new URL("presets/" + encodeURIComponent(data.preset) + ".json", base)).then(json);
    return Promise.resolve(window.moodwatchConfig || null);
  }

  function json(res) {
    if (!res.ok) throw new Error("cannot load adapter config " + res.url + ": HTTP " + res.status);
    return res.json();
  }

  // The wasm is the big download: fetch and compile it (streaming, while it downloads) at
  // once, in parallel with the JS glue and the adapter config, instead of after them.
  var wasmUrl = new URL("pkg/moodwatch_bg.wasm", base);
  function compileBytes() {
    return fetch(wasmUrl).then(function (r) {
      if (!r.ok) throw new Error("cannot load " + r.url + ": HTTP " + r.status);
      return r.arrayBuffer();
    }).then(function (b) { return WebAssembly.compile(b); });
  }
  // compileStreaming needs `application/wasm`; a server that sends another type gets the
  // slower byte path.
  var compiled = typeof WebAssembly.compileStreaming === "function"
    ? WebAssembly.compileStreaming(fetch(wasmUrl)).catch(compileBytes)
    : compileBytes();
  compiled.then(function () { mark("compiled"); }, function () {});
  compiled.catch(function () {});

  var glue = import(new URL("pkg/moodwatch.js", base).href);
  glue.then(function () { mark("glue"); }, function () {});
  Promise.all([glue, loadConfig(), compiled])
    .then(function (loaded) {
      var wasm = loaded[0], config = loaded[1], module = loaded[2];
      return wasm.default({ module_or_path: module }).then(function () {
        mark("instantiated");
        var api = {
          ready: ready,
          on: on,
          attach: wasm.attach,
          detach: wasm.detach,
          updateConfig: wasm.updateConfig,
          state: wasm.state,
          assess: wasm.assess,
          Engine: wasm.Engine,
          benchmark: wasm.benchmark,
          diagnostics: wasm.diagnostics,
          resetDiagnostics: wasm.resetDiagnostics,
          handle: null,
        };
        window.moodwatch = api;
        if (config) api.handle = wasm.attach(config);
        mark("ready");
        resolveReady(api);
      });
    })
    .catch(fail);
})();

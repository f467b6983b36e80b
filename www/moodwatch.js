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
  // compileStreaming needs `application/wasm`; a server that sends another type gets the
  // slower byte path.
  function compileWasm(url) {
    function compileBytes() {
      return fetch(url).then(function (r) {
        if (!r.ok) throw new Error("cannot load " + r.url + ": HTTP " + r.status);
        return r.arrayBuffer();
      }).then(function (b) { return WebAssembly.compile(b); });
    }
    return typeof WebAssembly.compileStreaming === "function"
      ? WebAssembly.compileStreaming(fetch(url)).catch(compileBytes)
      : compileBytes();
  }
  var compiled = compileWasm(new URL("pkg/moodwatch_bg.wasm", base));
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
          modelReady: wasm.modelReady,
          handle: null,
        };
        window.moodwatch = api;
        if (config) api.handle = wasm.attach(config);
        mark("ready");
        resolveReady(api);
        loadModel(wasm);
      });
    })
    .catch(fail);

  // The sentiment model runs in a second wasm module (tract is two thirds of a module that
  // carries it): moodwatch starts with the lexicon, then this fetches and compiles the model
  // module off the main thread, plans the model in an idle period and links it
  // (`provideModel`). Messages read before then are read by the lexicon alone. If the model
  // cannot load, moodwatch keeps reading with the lexicon and says why once.
  var modelFetch = null;
  // Fetches and compiles the model module (once), after `ready`. Not earlier: on a 2-core
  // machine its compilation on V8's background threads took CPU from the lexicon load on the
  // main thread (measured: `ready` about 40 ms later when the fetch started as soon as the
  // first module had compiled, and the model linked no sooner).
  function fetchModel() {
    if (modelFetch) return modelFetch;
    var compiledModel = compileWasm(new URL("pkg/moodwatch_model_bg.wasm", base));
    compiledModel.catch(function () {});
    var glueModel = import(new URL("pkg/moodwatch_model.js", base).href);
    glueModel.catch(function () {});
    modelFetch = Promise.all([glueModel, compiledModel]);
    // Reported by loadModel, once; this only keeps an unused failure from being "unhandled".
    modelFetch.catch(function () {});
    return modelFetch;
  }

  function loadModel(wasm) {
    if (typeof wasm.provideModel !== "function" || wasm.modelReady()) return;
    fetchModel()
      .then(function (loaded) {
        return loaded[0].default({ module_or_path: loaded[1] }).then(function () { return loaded[0]; });
      })
      .then(function (m) {
        return new Promise(function (resolve, reject) {
          // Planning is one 35–55 ms task: give it an idle period, not a moment the page needs.
          var plan = function () {
            try {
              var t0 = performance.now();
              var runtime = m.ModelRuntime.embedded();
              wasm.provideModel(function (ids) { return runtime.run(ids); }, performance.now() - t0);
              resolve();
            } catch (e) { reject(e); }
          };
          if (typeof requestIdleCallback === "function") requestIdleCallback(plan, { timeout: 1000 });
          else setTimeout(plan, 0);
        });
      })
      .catch(function (err) {
        console.warn("moodwatch: the sentiment model did not load; reading with the lexicon alone:", err);
        document.dispatchEvent(new CustomEvent("moodwatch:error", { detail: { message: "model: " + String(err && err.message || err) } }));
      });
  }
})();

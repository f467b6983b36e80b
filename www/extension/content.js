// moodwatch extension content script: the same wasm build and `attach(config)` as the
// script-tag loader (www/moodwatch.js), run in the extension's isolated world.
//
// Registered by background.js (chrome.scripting.registerContentScripts) only for the origins
// the agent mapped in the options page. It asks the background worker for this page's adapter
// config, imports pkg/moodwatch.js from the extension's own origin (a web-accessible resource
// with a per-session dynamic URL), compiles pkg/moodwatch_bg.wasm from the extension's bytes,
// and attaches. Checked in Chromium (www/e2e/extension.test.mjs): the page's CSP does not
// stop the import from the extension nor the overlay's styles, but Chrome applies the page's
// `script-src` to WebAssembly compilation in content scripts, so a page whose CSP lacks
// 'wasm-unsafe-eval' cannot run moodwatch; that is detected up front and reported. Errors are
// logged, announced as `moodwatch:error` on `document` and shown on the action badge; they
// never propagate into the page.
(() => {
  'use strict';
  if (globalThis.__moodwatchExtension) return;
  const LOG = 'moodwatch extension:';
  const status = { state: 'loading', preset: null, origin: null, message: null };
  globalThis.__moodwatchExtension = status;

  chrome.runtime.onMessage.addListener((msg, _sender, sendResponse) => {
    if (msg && msg.type === 'moodwatch:ping') sendResponse({ ...status, url: location.href });
    return false;
  });

  function report(state, extra = {}) {
    Object.assign(status, extra, { state });
    // A DOM marker the page (and the e2e test) can read; the isolated world's globals are not.
    document.documentElement.setAttribute('data-moodwatch-extension', state);
    chrome.runtime.sendMessage({ type: 'moodwatch:status', status: { ...status } }).catch(() => {});
  }

  function fail(err) {
    const message = String((err && err.message) || err);
    console.error(LOG, message, err);
    report('error', { message });
    document.dispatchEvent(new CustomEvent('moodwatch:error', { detail: { message, source: 'extension' } }));
  }

  /** The page already loads moodwatch itself (script tag): two overlays would help nobody. */
  function pageHasMoodwatch() {
    return !!document.querySelector('[data-moodwatch-host], script[src$="moodwatch.js"][data-preset], script[src$="moodwatch.js"][data-config]');
  }

  async function compileWasm(url) {
    if (typeof WebAssembly.compileStreaming === 'function') {
      try {
        return await WebAssembly.compileStreaming(fetch(url));
      } catch {
        // fall through to the byte path (e.g. a wrong MIME type)
      }
    }
    const res = await fetch(url);
    if (!res.ok) throw new Error(`cannot load ${url}: HTTP ${res.status}`);
    return WebAssembly.compile(await res.arrayBuffer());
  }

  /** True when even the smallest valid module cannot be compiled here: a CSP block. */
  function wasmForbidden() {
    try {
      new WebAssembly.Module(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
      return false;
    } catch {
      return true;
    }
  }

  async function main() {
    const site = await chrome.runtime.sendMessage({ type: 'moodwatch:config' });
    if (!site || site.error || !site.config) {
      report('off', { message: site?.error ?? 'no adapter config for this page' });
      return;
    }
    Object.assign(status, { preset: site.preset, origin: site.origin });
    if (pageHasMoodwatch()) {
      console.info(LOG, 'this page loads moodwatch itself; the extension stays out of the way');
      report('skipped', { message: 'page embeds moodwatch' });
      return;
    }
    if (wasmForbidden()) {
      throw new Error(
        "this page's Content-Security-Policy forbids WebAssembly (its script-src has no 'wasm-unsafe-eval'), " +
          'and Chrome applies the page policy to WebAssembly in extension content scripts: moodwatch cannot run on this site ' +
          '(页面的内容安全策略禁止 WebAssembly，moodwatch 无法在此网站运行)',
      );
    }
    const t0 = performance.now();
    const [wasm, module] = await Promise.all([
      import(chrome.runtime.getURL('pkg/moodwatch.js')),
      compileWasm(chrome.runtime.getURL('pkg/moodwatch_bg.wasm')),
    ]);
    await wasm.default({ module_or_path: module });
    // Held for the page's lifetime (a dropped handle could be finalised and detach).
    globalThis.__moodwatchHandle = wasm.attach(site.config);
    report('active');
    console.info(LOG, `attached with ${site.preset === 'custom' ? 'a custom config' : `preset "${site.preset}"`} for ${site.origin} in ${Math.round(performance.now() - t0)} ms`);
    linkModel(wasm).catch((e) => console.warn(LOG, 'the sentiment model did not load; reading with the lexicon alone:', e));
  }

  // The sentiment model runs in a second wasm module (pkg/moodwatch_model*), as with the
  // script tag: fetched and compiled after attaching, planned in an idle period, then linked.
  async function linkModel(wasm) {
    const [model, module] = await Promise.all([
      import(chrome.runtime.getURL('pkg/moodwatch_model.js')),
      compileWasm(chrome.runtime.getURL('pkg/moodwatch_model_bg.wasm')),
    ]);
    await model.default({ module_or_path: module });
    await new Promise((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(resolve, { timeout: 1000 }) : setTimeout(resolve, 0)));
    const t0 = performance.now();
    const runtime = model.ModelRuntime.embedded();
    wasm.provideModel((ids) => runtime.run(ids), performance.now() - t0);
  }

  main().catch(fail);
})();

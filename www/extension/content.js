// moodwatch browser extension (MV3) content script: loads the same wasm build and presets as
// the script-tag loader. Package with:
//   wasm-pack build --mode no-install --release --target web --out-dir www/extension/pkg
//   cp -r www/presets www/extension/
// then load www/extension as an unpacked extension. Add the seller console's origin to
// "matches" in manifest.json and map it to a preset below.
// Status: a sketch; not yet exercised by an automated test.
(async () => {
  const PRESET_BY_HOST = { "localhost": "demo", "127.0.0.1": "demo" };
  const preset = PRESET_BY_HOST[location.hostname];
  if (!preset) return;
  try {
    const wasm = await import(chrome.runtime.getURL("pkg/moodwatch.js"));
    await wasm.default({ module_or_path: chrome.runtime.getURL("pkg/moodwatch_bg.wasm") });
    const config = await (await fetch(chrome.runtime.getURL(`presets/${preset}.json`))).json();
    wasm.attach(config);
  } catch (err) {
    console.warn("moodwatch extension:", err);
  }
})();

// Figures for the analysis core inside Chromium (wasm, release build): lexicon, model and full
// analyzer per message of 10, 50 and 500 characters, one conversation-engine turn, the model's
// cold load and the gzip size of the wasm. Prints `bench: name value unit` lines, merges them
// into artifacts/bench-e2e.json under `core`; asserts only that they were measured (targets are
// reported against, not enforced: timings on a shared 2-core machine are not assertions).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test, assert, mergeBenchArtifact, WWW } from './harness.mjs';

// Realistic customer messages (Taobao/JD style) of exactly 10, 50 and 500 characters.
const SENTENCES = [
  '你们这个快递到底怎么回事，下单五天了物流一直不动，客服也不回消息，再不处理我就给差评了！',
  '我上周买的保温杯，收到的时候盒子是破的，杯盖也拧不紧，一倒水就漏，孩子书包全湿了。',
  '之前问过两次了，每次都说帮我登记，然后就没有下文，到底有没有人在管？',
  '订单号 2931 4408 7765 2019 337，麻烦你们自己查一下，不要再让我重复说明了。',
  '要么今天给我退款，要么给我换一个新的，运费你们出，不然我就打12315投诉。',
  '我也不想为难客服，但是你们这个处理速度真的太慢了，周六就要用，现在还没发货。',
  '说好的48小时发货，结果拖了一个星期，页面上写的包邮次日达是骗人的吗？',
  '质量问题凭什么要我自己承担退货运费？你们的售后规定我看了，根本没有这一条。',
];
const exactly = (n, parts) => {
  let s = '';
  for (let i = 0; [...s].length < n; i++) s += parts[i % parts.length];
  return [...s].slice(0, n).join('');
};
export const MESSAGES = {
  10: '我的快递怎么还没到？',
  50: exactly(50, [SENTENCES[0], '请尽快处理。']),
  500: exactly(500, SENTENCES),
};

const TARGETS = {
  lexicon_50_p50: { max: 100, unit: 'us', what: 'lexicon ≤ 100 µs for 50 chars' },
  model_50_p99: { max: 2000, unit: 'us', what: 'model p99 ≤ 2 ms for 50 chars' },
};

const round = (x, d = 1) => (Number.isFinite(x) ? Number(x.toFixed(d)) : null);

test('analysis core in Chromium: lexicon, model, analyzer, engine turn, model cold load, wasm gzip size', { needsMoodwatch: true, timeout: 240_000 }, async ({ page, baseUrl, log }) => {
  const figures = {};
  const emit = (name, value, unit) => {
    figures[name] = { value: round(value), unit };
    log(`bench: ${name} ${round(value)} ${unit}`);
  };

  // The module that starts (lexicon, engine, browser layer) and the model module (tract and
  // the int8 model) that the loader fetches after start-up; both ship.
  const wasm = await readFile(join(WWW, 'pkg/moodwatch_bg.wasm'));
  emit('wasm_raw_bytes', wasm.length, 'bytes');
  emit('wasm_gzip9_bytes', gzipSync(wasm, { level: 9 }).length, 'bytes');
  const modelWasm = await readFile(join(WWW, 'pkg/moodwatch_model_bg.wasm'));
  emit('model_module_wasm_raw_bytes', modelWasm.length, 'bytes');
  emit('model_module_wasm_gzip9_bytes', gzipSync(modelWasm, { level: 9 }).length, 'bytes');
  emit('shipped_wasm_gzip9_bytes_total', gzipSync(wasm, { level: 9 }).length + gzipSync(modelWasm, { level: 9 }).length, 'bytes');

  page.__errors = [];
  page.on('pageerror', (e) => page.__errors.push(String(e)));
  await page.goto(new URL('e2e/pages/core-bench.html?isolate=1', baseUrl).href, { waitUntil: 'load' });
  await page.waitForFunction(() => !!window.__core, null, { timeout: 30_000 });
  const env = await page.evaluate(() => ({ isolated: window.__core.isolated, initMs: window.__core.initMs, modelInitMs: window.__core.modelInitMs }));
  log(`# cross-origin isolated: ${env.isolated} (timer resolution ${env.isolated ? '5' : '100'} µs)`);
  emit('wasm_init_ms', env.initMs, 'ms');
  emit('model_module_init_ms', env.modelInitMs, 'ms');

  // Cold load: the first call builds the analyzer (lexicon + segmenter and fusion); then the
  // model is planned in the model module and linked, as the loader does after start-up.
  const load = await page.evaluate(() => {
    const { mod, model } = window.__core;
    const before = mod.diagnostics().load;
    const t0 = performance.now();
    const lexiconOnly = mod.assess('你好');
    const firstAssessMs = performance.now() - t0;
    const t1 = performance.now();
    const runtime = model.ModelRuntime.embedded();
    const planMs = performance.now() - t1;
    mod.provideModel((ids) => runtime.run(ids), planMs);
    return { before, after: mod.diagnostics().load, firstAssessMs, lexiconOnly: lexiconOnly.modelNegative, linked: mod.modelReady(), fused: mod.assess('你好').modelNegative };
  });
  assert(load.before === null, 'the analyzer is not loaded before the first call');
  assert(load.lexiconOnly === null, 'before the model module is linked, messages are read by the lexicon alone');
  assert(load.linked && Number.isFinite(load.fused), `after provideModel the model reads every message (${load.fused})`);
  assert(load.after && Number.isFinite(load.after.modelMs), `load times recorded: ${JSON.stringify(load.after)}`);
  emit('model_cold_load', load.after.modelMs, 'ms');
  emit('lexicon_cold_load', load.after.lexiconMs, 'ms');
  emit('analyzer_cold_load', load.after.analyzerMs, 'ms');
  emit('first_assess_incl_load', load.firstAssessMs, 'ms');

  const runs = [];
  for (const kind of ['lexicon', 'model', 'analyzer']) {
    for (const n of [10, 50, 500]) runs.push({ kind, n, text: MESSAGES[n], iterations: n === 500 ? 400 : 1500 });
  }
  runs.push({ kind: 'engine', n: 50, text: MESSAGES[50], iterations: 600 });
  runs.push({ kind: 'engineReport', n: 50, text: MESSAGES[50], iterations: 600 });
  for (const r of runs) {
    const res = await page.evaluate(({ kind, text, iterations }) => {
      const { mod } = window.__core;
      mod.benchmark(kind, text, 50); // warm-up
      return mod.benchmark(kind, text, iterations);
    }, r);
    assert(res.chars === r.n, `${r.kind}: message has ${r.n} chars (got ${res.chars})`);
    const name = r.kind.startsWith('engine') ? `${r.kind}_turn` : `${r.kind}_${r.n}`;
    emit(`${name}_p50`, res.p50Us, 'us');
    emit(`${name}_p99`, res.p99Us, 'us');
    emit(`${name}_mean`, res.meanUs, 'us');
  }

  const verdicts = {};
  for (const [k, t] of Object.entries(TARGETS)) {
    const v = figures[k]?.value;
    verdicts[k] = { target: t.what, value: v, met: v !== null && v <= t.max };
    log(`# target ${t.what}: ${v} ${t.unit} — ${v !== null && v <= t.max ? 'met' : 'NOT met'}`);
  }

  const ua = await page.evaluate(() => navigator.userAgent);
  await mergeBenchArtifact('core', {
    browser: ua,
    crossOriginIsolated: env.isolated,
    notes: {
      timing: 'benchmark(kind, text, n) inside wasm, performance.now() per call; µs',
      messages: Object.fromEntries(Object.entries(MESSAGES).map(([n, t]) => [n, t])),
      engine_turn: 'one Monitor.push_turn, customer (50 chars) and agent turns alternating, 600 turns',
      engineReport_turn: 'engine turn plus converting its TurnReport to a JS object (serde-wasm-bindgen)',
    },
    figures,
    targets: verdicts,
  });
  for (const k of ['lexicon_50_p50', 'model_50_p99', 'analyzer_50_p50', 'engine_turn_p50', 'model_cold_load', 'wasm_gzip9_bytes']) {
    assert(figures[k] && Number.isFinite(figures[k].value), `figure ${k} was measured (${JSON.stringify(figures[k])})`);
  }
});

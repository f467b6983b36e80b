// The model module (pkg/moodwatch_model*): the script-tag loader links it after `ready`, the
// linked model reads messages exactly as onnxruntime does, and a model module that cannot load
// leaves moodwatch warning with the lexicon alone and saying why.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, openConsole, waitForMoodwatch, waitForLevel, waitUntil, assert, REPO } from './harness.mjs';

test('the loader links the model module after ready; its readings match onnxruntime (golden file)', { needsMoodwatch: true, timeout: 60_000 }, async ({ page, baseUrl, log }) => {
  await openConsole(page, baseUrl, '?speed=0');
  await waitForMoodwatch(page);
  await page.waitForFunction(() => window.moodwatch.modelReady(), null, { timeout: 20_000 });
  const marks = await page.evaluate(() => ['ready', 'model'].map((n) => performance.getEntriesByName(`moodwatch:${n}`)[0]?.startTime ?? null));
  assert(marks[0] !== null && marks[1] !== null && marks[1] >= marks[0], `moodwatch:model is marked after moodwatch:ready (${marks})`);
  const load = await page.evaluate(() => window.moodwatch.diagnostics().load);
  assert(Number.isFinite(load.modelMs) && load.modelMs > 0, `diagnostics().load.modelMs is the model module's load time (${JSON.stringify(load)})`);

  // tests/fixtures/model_golden.jsonl: 100 messages with onnxruntime's probabilities.
  const golden = (await readFile(join(REPO, 'tests/fixtures/model_golden.jsonl'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const got = await page.evaluate((texts) => texts.map((t) => window.moodwatch.assess(t).modelNegative), golden.map((g) => g.text));
  let worst = 0;
  golden.forEach((g, i) => {
    assert(typeof got[i] === 'number', `message ${i} is read by the model (${got[i]})`);
    worst = Math.max(worst, Math.abs(got[i] - g.prob));
  });
  log(`# ${golden.length} golden messages through the linked model module: max |p - onnxruntime| = ${worst.toExponential(2)}`);
  assert(worst <= 1e-4, `the linked model matches onnxruntime within 1e-4 (worst ${worst})`);
});

test('what was read before the model linked is read again with it (silently: processedTurns does not move)', { needsMoodwatch: true, timeout: 60_000 }, async ({ page, baseUrl, log }) => {
  // Hold the model module back until the widget's history has been read by the lexicon alone.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route('**/pkg/moodwatch_model_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await openConsole(page, baseUrl, '?speed=0');
  await waitForMoodwatch(page);
  const read = () => page.evaluate(() => {
    const h = window.moodwatch.handle;
    const s = window.moodwatch.state();
    return { model: window.moodwatch.modelReady(), turns: h.processedTurns, last: s?.lastAssessment ?? null, risk: s?.risk ?? null };
  });
  const before = await read();
  assert(!before.model, 'the model module is held back');
  assert(before.turns > 0 && before.last && before.last.modelNegative === null, `the history on screen was read by the lexicon alone (${JSON.stringify(before).slice(0, 200)})`);
  release();
  await page.waitForFunction(() => window.moodwatch.modelReady(), null, { timeout: 20_000 });
  const after = await read();
  log(`# ${before.turns} turns on screen; risk ${before.risk} (lexicon alone) -> ${after.risk} (with the model)`);
  assert(after.turns === before.turns, `processedTurns unchanged (${before.turns} -> ${after.turns})`);
  assert(after.last && typeof after.last.modelNegative === 'number', `the last message on screen now has the model's reading (${JSON.stringify(after.last).slice(0, 200)})`);
  assert(after.last.negative !== undefined && after.last.lexiconNegative === before.last.lexiconNegative, 'the same message, read again');
});

test('a model module that cannot load: moodwatch:error says so, and the lexicon alone still warns', { needsMoodwatch: true, timeout: 90_000 }, async ({ page, baseUrl }) => {
  await page.route('**/pkg/moodwatch_model_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.addInitScript(() => {
    window.__mwErrors = [];
    document.addEventListener('moodwatch:error', (e) => window.__mwErrors.push(e.detail?.message));
  });
  await openConsole(page, baseUrl, '?speed=20&scenario=angry&start=ready');
  await waitForMoodwatch(page);
  const errors = await waitUntil(async () => {
    const e = await page.evaluate(() => window.__mwErrors);
    return e.length ? e : null;
  }, { timeout: 20_000, message: 'a moodwatch:error event for the model module' });
  assert(errors.length === 1 && /^model: /.test(errors[0]) && /404/.test(errors[0]), `one error, naming the model and the HTTP status (${JSON.stringify(errors)})`);
  assert(!(await page.evaluate(() => window.moodwatch.modelReady())), 'modelReady() stays false');
  await waitForLevel(page, 2);
  const read = await page.evaluate(() =>
    window.__mw.events.filter((e) => e.type === 'moodwatch:assessment' && e.detail?.report?.assessment).map((e) => e.detail.report.assessment.modelNegative));
  assert(page.__errors.length === 0, `no page errors (${page.__errors.join(' | ')})`);
  assert(read.length > 0 && read.every((m) => m === null), `customer messages were assessed, none with a model reading (${JSON.stringify(read)})`);
});

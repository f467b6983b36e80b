// moodwatch on the demo console: the overlay/event contract the Rust browser layer implements.
// These need `make build-wasm` (www/moodwatch.js + www/pkg/moodwatch_bg.wasm).
import { test, openConsole, waitForMoodwatch, overlayState, waitForLevel, waitUntil, assert, screenshot } from './harness.mjs';

const FIRED_WORDS = ['差评', '投诉', '12315'];

const simulatorDone = (page, timeout = 60_000) =>
  waitUntil(() => page.evaluate(() => window.demoConsole.simulator().done), { timeout, interval: 200, message: 'the simulator script to finish' });

test('angry customer: ready fires, the overlay appears and warns with the words that fired', { needsMoodwatch: true, timeout: 90_000 }, async ({ page, baseUrl }) => {
  await openConsole(page, baseUrl, '?speed=20&scenario=angry&start=ready');
  await waitForMoodwatch(page);
  const host = await page.evaluate(() => {
    const h = document.querySelector('[data-moodwatch-host]');
    return {
      parentIsBody: h?.parentElement === document.body,
      count: document.querySelectorAll('[data-moodwatch-host]').length,
      open: !!h?.shadowRoot && h.shadowRoot.mode === 'open',
      api: window.moodwatch && ['attach', 'detach', 'updateConfig', 'state', 'on'].filter((k) => typeof window.moodwatch[k] === 'function'),
    };
  });
  assert(host.parentIsBody && host.count === 1, `one <div data-moodwatch-host> on document.body (${JSON.stringify(host)})`);
  assert(host.open, 'the host has an open shadow root');
  assert(host.api && host.api.length === 5, `window.moodwatch has attach/detach/updateConfig/state/on (${host.api})`);
  assert((await overlayState(page)).live, 'an [aria-live=polite] region in the overlay');
  assert((await page.locator('.mw-badge').count()) === 1, 'Playwright locators reach .mw-badge through the open shadow root');

  await waitForLevel(page, 2);
  await simulatorDone(page);
  const s = await waitUntil(
    async () => {
      const st = await overlayState(page);
      return st.reasons.some((r) => FIRED_WORDS.some((w) => r.includes(w))) ? st : null;
    },
    { timeout: 10_000, message: `.mw-reasons li naming ${FIRED_WORDS.join('/')}` },
  ).catch(async (e) => {
    throw new Error(`${e.message}\noverlay now: ${JSON.stringify(await overlayState(page))}`);
  });
  assert(s.level >= 2, `warning level >= 2 after the angry messages (${s.level})`);
  assert(/\d+\s*%/.test(s.badgeText), `badge shows a label and a risk percentage ("${s.badgeText}")`);

  const ev = await page.evaluate(() => {
    const evs = window.__mw.events;
    return {
      assessments: evs.filter((e) => e.type === 'moodwatch:assessment' && e.detail?.conversation === 'c3').length,
      assessmentShape: evs.find((e) => e.type === 'moodwatch:assessment')?.detail,
      warnings: evs.filter((e) => e.type === 'moodwatch:warning').map((e) => e.detail),
    };
  });
  assert(ev.assessments >= 1, 'moodwatch:assessment events for conversation c3');
  const shape = ev.assessmentShape;
  assert(shape && 'conversation' in shape && 'turn' in shape && 'report' in shape, `assessment detail is {conversation, turn, report} (${JSON.stringify(shape)?.slice(0, 200)})`);
  const w = ev.warnings.find((d) => d?.conversation === 'c3' && d.level >= 2);
  assert(w && Array.isArray(w.reasons), `a moodwatch:warning {conversation: 'c3', level >= 2, reasons} (${JSON.stringify(ev.warnings).slice(0, 300)})`);
  const state = await page.evaluate(() => window.moodwatch.state('c3'));
  assert(state !== null && state !== undefined, 'moodwatch.state("c3") returns the conversation state');

  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await screenshot(page, 'angry-customer');
});

test('a calm conversation stays at warning level <= 1', { needsMoodwatch: true, timeout: 90_000 }, async ({ page, baseUrl }) => {
  await openConsole(page, baseUrl, '?speed=40&scenario=calm');
  await waitForMoodwatch(page);
  await simulatorDone(page);
  await page.waitForTimeout(1000);
  const s = await overlayState(page);
  assert(s && s.level !== null, 'the badge shows a level');
  assert(s.level <= 1, `calm conversation ends at level <= 1 (${JSON.stringify(s)})`);
  const maxWarn = await page.evaluate(() =>
    Math.max(-1, ...window.__mw.events.filter((e) => e.type === 'moodwatch:warning' && e.detail?.conversation === 'c1').map((e) => e.detail.level)),
  );
  assert(maxWarn <= 1, `no warning above level 1 for the calm conversation (max ${maxWarn})`);
  const assessed = await page.evaluate(() => window.__mw.events.filter((e) => e.type === 'moodwatch:assessment' && e.detail?.conversation === 'c1').length);
  assert(assessed >= 1, 'the calm conversation was assessed');
});

test('clicking a suggestion puts its text into the input and sends nothing', { needsMoodwatch: true, timeout: 90_000 }, async ({ page, baseUrl }) => {
  await openConsole(page, baseUrl, '?speed=20&scenario=angry&start=ready');
  await waitForMoodwatch(page);
  await waitForLevel(page, 2);
  await simulatorDone(page);
  await waitUntil(async () => (await overlayState(page)).suggestions.length > 0, { timeout: 10_000, message: '.mw-suggestions button.mw-suggestion' });
  const before = await page.evaluate(() => ({ msgs: document.querySelectorAll('.msg-list > .msg').length, agent: document.querySelectorAll('.msg[data-role=agent]').length }));
  assert((await page.inputValue('.chat-input')) === '', 'input starts empty');
  await page.locator('.mw-suggestions button.mw-suggestion:not([hidden])').first().click();
  const text = await page.inputValue('.chat-input');
  assert(text.trim().length > 0, 'the suggestion text is in .chat-input');
  await page.waitForTimeout(800);
  const after = await page.evaluate(() => ({ msgs: document.querySelectorAll('.msg-list > .msg').length, agent: document.querySelectorAll('.msg[data-role=agent]').length }));
  assert(after.msgs === before.msgs && after.agent === before.agent, `no message was sent (${JSON.stringify({ before, after })})`);
  assert((await page.inputValue('.chat-input')) === text, 'the text stays in the input for the agent to edit');
});

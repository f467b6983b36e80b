// moodwatch on two real open-source chat UI kits from npm, attached by configuration alone
// (www/presets/<kit>.json through the loader's data-preset; no code of src/web knows them):
//   - @chatscope/chat-ui-kit-react 2.1.1 (React UMD, plain DOM)      → e2e/pages/chatscope.html
//   - @chatui/core 3.8.0, Alibaba ChatUI (React UMD, plain DOM)      → e2e/pages/chatui.html
import { test, RECORD_EVENTS, waitForMoodwatch, overlayState, waitUntil, assert, screenshot } from './harness.mjs';

const ANGRY = [
  '我上周买的保温杯，杯盖拧不紧，一倒水就漏',
  '怎么还没人回复？？？',
  '你们这服务太差了，再不处理我就给差评！',
  '我要投诉你们，今天不退款我就打12315',
];

const KITS = [
  { kit: 'chatscope', input: '.cs-message-input__content-editor' },
  { kit: 'chatui', input: '.Composer-input' },
];

for (const { kit, input } of KITS) {
  test(`${kit}: the preset alone attaches, reads roles and text, and warns on an angry customer`, { needsMoodwatch: true, timeout: 90_000 }, async ({ page, baseUrl }) => {
    page.__errors = [];
    page.on('pageerror', (e) => page.__errors.push(String(e)));
    await page.addInitScript(RECORD_EVENTS);
    await page.goto(new URL(`e2e/pages/${kit}.html`, baseUrl).href, { waitUntil: 'load' });
    await waitForMoodwatch(page);
    const ready = await page.evaluate(() => window.__mw.events.find((e) => e.type === 'moodwatch:ready').detail);
    assert(ready.name === kit, `moodwatch:ready names the preset (${JSON.stringify(ready)})`);
    assert((await page.evaluate(() => window.moodwatch.handle.processedTurns)) === 2, 'the two messages already on screen were read as history');
    assert((await overlayState(page)).level === 0, 'calm history: level 0');

    await page.evaluate(() => window.kitChat.agentSays('亲，请问还有什么问题吗？'));
    for (const line of ANGRY) {
      await page.evaluate((t) => window.kitChat.customerSays(t), line);
      await page.waitForTimeout(150);
    }
    const s = await waitUntil(
      async () => {
        const o = await overlayState(page);
        return o && o.level >= 2 ? o : null;
      },
      { timeout: 20_000, interval: 150, message: `${kit}: .mw-badge data-warning-level >= 2` },
    );
    const live = await page.evaluate(() =>
      window.__mw.events.filter((e) => e.type === 'moodwatch:assessment').map((e) => ({ role: e.detail.turn.role, text: e.detail.turn.text })),
    );
    assert(live.length === 1 + ANGRY.length, `one assessment per live message, none for history (${JSON.stringify(live)})`);
    assert(live[0].role === 'agent' && live[0].text === '亲，请问还有什么问题吗？', `the agent's message is the agent's (${JSON.stringify(live[0])})`);
    for (let i = 0; i < ANGRY.length; i++) {
      assert(live[i + 1].role === 'customer' && live[i + 1].text === ANGRY[i], `customer message ${i} read with its text (${JSON.stringify(live[i + 1])})`);
    }
    const reasons = s.reasons.join(' ');
    assert(['差评', '投诉', '12315'].some((w) => reasons.includes(w)), `the reasons name the words that fired: ${reasons}`);
    assert(s.suggestions.length > 0, 'suggestions are offered');
    await screenshot(page, `kit-${kit}`);

    // A suggestion goes into the kit's own input (a React-controlled element) without sending.
    const before = await page.evaluate(() => window.__mw.events.filter((e) => e.type === 'moodwatch:assessment').length);
    await page.locator('.mw-suggestion:not([hidden])').first().click();
    const inserted = await page.evaluate((sel) => {
      const el = document.querySelector(sel);
      return el ? (el.value ?? el.textContent) : null;
    }, input);
    assert(inserted && inserted.trim().length > 0, `the suggestion is in ${input} (${JSON.stringify(inserted)})`);
    await page.waitForTimeout(200);
    const after = await page.evaluate(() => window.__mw.events.filter((e) => e.type === 'moodwatch:assessment').length);
    assert(after === before, 'inserting sends nothing');
    assert(page.__errors.length === 0, `no page errors (${page.__errors.join(' | ')})`);
  });
}

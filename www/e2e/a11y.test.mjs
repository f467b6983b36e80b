// The overlay at 200 % zoom and from the keyboard alone.
import { test, openConsole, waitForMoodwatch, overlayState, waitUntil, assert, screenshot } from './harness.mjs';

const ANGRY = ['杯子漏水，孩子书包都湿了！！', '你们这服务太差了，再不处理我就给差评！', '我要投诉你们，今天不退款我就打12315'];

async function angry(page) {
  await page.evaluate((lines) => {
    const c = window.demoConsole.current();
    for (const l of lines) window.demoConsole.customerSays(c, l);
  }, ANGRY);
  return waitUntil(
    async () => {
      const s = await overlayState(page);
      return s && s.level >= 2 && s.suggestions.length > 0 ? s : null;
    },
    { timeout: 15_000, message: 'level >= 2 with suggestions' },
  );
}

test('200 % zoom: the panel stays inside the viewport and off the input box', { needsMoodwatch: true, timeout: 60_000 }, async ({ page, context, baseUrl }) => {
  // 200 % browser zoom of a 1440×900 window = a 720×450 CSS-pixel viewport at 2 device pixels
  // per CSS pixel.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 720, height: 450, deviceScaleFactor: 2, mobile: false });
  await page.setViewportSize({ width: 720, height: 450 });
  await openConsole(page, baseUrl, '?speed=0');
  await waitForMoodwatch(page);
  await angry(page);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const geo = await waitUntil(
    async () => {
      const g = await page.evaluate(() => {
        const panel = document.querySelector('[data-moodwatch-host]').shadowRoot.querySelector('.mw-panel').getBoundingClientRect();
        const input = document.querySelector('.chat-input').getBoundingClientRect();
        const r = (x) => ({ left: x.left, top: x.top, right: x.right, bottom: x.bottom });
        return { panel: r(panel), input: r(input), vw: innerWidth, vh: innerHeight, dpr: devicePixelRatio };
      });
      const p = g.panel, i = g.input;
      g.inside = p.left >= 0 && p.top >= 0 && p.right <= g.vw + 0.5 && p.bottom <= g.vh + 0.5;
      g.covers = p.left < i.right && i.left < p.right && p.top < i.bottom && i.top < p.bottom;
      return g.inside && !g.covers ? g : null;
    },
    { timeout: 5000, message: 'the panel inside the 720×450 viewport, not covering .chat-input' },
  ).catch(async (e) => {
    await screenshot(page, 'zoom-200-fail');
    throw e;
  });
  assert(geo.dpr === 2 && geo.vw === 720, `emulated 200 % zoom (${geo.vw} px, dpr ${geo.dpr})`);
  await screenshot(page, 'zoom-200');
  await cdp.detach().catch(() => {});
});

test('keyboard: Tab reaches the suggestion buttons, Enter inserts the suggestion', { needsMoodwatch: true, timeout: 60_000 }, async ({ page, baseUrl }) => {
  await openConsole(page, baseUrl, '?speed=0');
  await waitForMoodwatch(page);
  const s = await angry(page);
  await page.evaluate(() => document.activeElement?.blur());
  let reached = null;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => {
      const host = document.querySelector('[data-moodwatch-host]');
      const el = document.activeElement === host ? host.shadowRoot.activeElement : null;
      return el && el.classList.contains('mw-suggestion') ? { text: el.textContent.trim(), title: el.title, presses: 0 } : null;
    });
    if (reached) reached.presses = i + 1;
  }
  assert(reached, `Tab reaches a .mw-suggestion button (suggestions: ${JSON.stringify(s.suggestions)})`);
  assert((await page.inputValue('.chat-input')) === '', 'input empty before Enter');
  await page.keyboard.press('Enter');
  const value = await waitUntil(async () => (await page.inputValue('.chat-input')) || null, { timeout: 3000, message: 'text in .chat-input after Enter' });
  assert(value.includes(reached.title), `Enter inserted the focused suggestion (${JSON.stringify(value)} vs ${JSON.stringify(reached.title)})`);
});

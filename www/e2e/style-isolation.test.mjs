// The overlay and the seller's page must not style each other.
import { test, openConsole, waitForMoodwatch, overlayState, waitUntil, assert, assertEqual } from './harness.mjs';

const PROPS = [
  'color', 'font-size', 'font-family', 'font-weight', 'font-style', 'line-height', 'letter-spacing',
  'text-transform', 'text-align', 'background-color', 'background-image', 'border-top-width', 'border-top-color',
  'padding-top', 'padding-left', 'margin-top', 'margin-left', 'box-sizing', 'display', 'position', 'visibility',
  'opacity', 'z-index',
];

/** Computed styles and box sizes of the overlay's parts, read inside the shadow root. */
const overlayStyles = (page) =>
  page.evaluate((props) => {
    const root = document.querySelector('[data-moodwatch-host]').shadowRoot;
    const parts = {
      panel: [...root.children].find((c) => !['STYLE', 'LINK', 'SCRIPT'].includes(c.tagName)),
      badge: root.querySelector('.mw-badge'),
      reason: root.querySelector('.mw-reasons li:not([hidden])'),
      suggestion: root.querySelector('.mw-suggestions button.mw-suggestion:not([hidden])'),
      wait: root.querySelector('.mw-wait'),
      live: root.querySelector('[aria-live=polite]'),
    };
    const host = getComputedStyle(root.host);
    const out = { host: Object.fromEntries(['opacity', 'visibility', 'display', 'position', 'z-index', 'transform', 'filter'].map((p) => [p, host.getPropertyValue(p)])) };
    for (const [name, node] of Object.entries(parts)) {
      if (!node) {
        out[name] = null;
        continue;
      }
      const cs = getComputedStyle(node);
      const r = node.getBoundingClientRect();
      out[name] = Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
      out[name].size = `${Math.round(r.width)}x${Math.round(r.height)}`;
    }
    return out;
  }, PROPS);

const PAGE_SELECTORS = [
  'body', '.topbar', '.cs-app', '.conv-list', '.conv-item', '.conv-name', '.conv-preview', '.unread', '.chat-pane',
  '.chat-head', '.order-strip', '.msg-list', '.msg', '.msg[data-role=agent]', '.msg-text', '.msg-time', '.composer',
  '.chat-input', '.send-btn', '.info-pane', '.info-card h2', '.info-card dd',
];

/** Computed styles and boxes of the console's own elements, plus what the document holds. */
const pageStyles = (page) =>
  page.evaluate(
    ({ props, selectors }) => {
      const out = {};
      for (const sel of selectors) {
        const node = document.querySelector(sel);
        if (!node) {
          out[sel] = null;
          continue;
        }
        const cs = getComputedStyle(node);
        const r = node.getBoundingClientRect();
        out[sel] = Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
        out[sel].box = [r.x, r.y, r.width, r.height].map(Math.round).join(',');
      }
      out.document = {
        styleSheets: document.styleSheets.length,
        adoptedStyleSheets: document.adoptedStyleSheets.length,
        bodyChildren: [...document.body.children].filter((c) => !c.hasAttribute('data-moodwatch-host')).map((c) => c.tagName + (c.className ? '.' + c.className : '')),
        htmlAttrs: [...document.documentElement.attributes].map((a) => `${a.name}=${a.value}`),
        bodyAttrs: [...document.body.attributes].map((a) => `${a.name}=${a.value}`),
      };
      return out;
    },
    { props: PROPS, selectors: PAGE_SELECTORS },
  );

function diff(a, b, path = '') {
  const out = [];
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) out.push(...diff(a[k], b[k], path ? `${path}.${k}` : k));
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    out.push(`${path}: ${JSON.stringify(a)} -> ${JSON.stringify(b)}`);
  }
  return out;
}

const AGGRESSIVE_CSS = `
  * { color: red !important; font-size: 40px !important; font-family: "Courier New", monospace !important;
      font-weight: 900 !important; font-style: italic !important; line-height: 3 !important;
      letter-spacing: 6px !important; text-transform: uppercase !important; text-align: right !important;
      background: yellow !important; box-sizing: content-box !important; opacity: .5 !important;
      visibility: visible !important; z-index: 1 !important; }
  div, span, ul, li, button, section, aside, p, time { padding: 30px !important; margin: 20px !important;
      border: 5px solid lime !important; display: block !important; }
  html, body { font-size: 40px !important; color: red !important; }
  :root { --mw-color: red; --mw-font: serif; }
`;

test('aggressive page styles do not change the overlay', { needsMoodwatch: true, timeout: 60_000 }, async ({ page, baseUrl }) => {
  await openConsole(page, baseUrl, '?speed=0&scenario=angry');
  await waitForMoodwatch(page);
  await page.evaluate(() => window.demoConsole.customerSays('c3', '今天不处理我就给差评，再打12315投诉你们'));
  await waitUntil(async () => {
    const s = await overlayState(page);
    return s && s.level >= 1 && s.reasons.length > 0 && s.suggestions.length > 0;
  }, { timeout: 10_000, message: 'the overlay to show a warning with reasons and suggestions' }).catch(async (e) => {
    throw new Error(`${e.message}\noverlay now: ${JSON.stringify(await overlayState(page))}`);
  });
  await page.evaluate(() => window.demoConsole.pause());
  const before = await overlayStyles(page);
  for (const part of ['panel', 'badge', 'reason', 'suggestion']) assert(before[part], `overlay part ${part} exists`);

  await page.addStyleTag({ content: AGGRESSIVE_CSS });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assertEqual(await page.evaluate(() => getComputedStyle(document.querySelector('.conv-name')).color), 'rgb(255, 0, 0)', 'the hostile styles do apply to the page');
  const after = await overlayStyles(page);
  const changes = diff(before, after);
  assert(changes.length === 0, `overlay computed styles changed under hostile page CSS:\n${changes.slice(0, 25).join('\n')}`);
});

test('the overlay does not change the page’s styles or layout', { needsMoodwatch: true, timeout: 60_000 }, async ({ page, context, baseUrl }) => {
  // The same console without moodwatch: the script request is refused.
  const bare = await context.newPage();
  let without;
  try {
    await bare.route('**/moodwatch.js', (route) => route.abort());
    await openConsole(bare, baseUrl, '?speed=0');
    await bare.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    without = await pageStyles(bare);
  } finally {
    await bare.close();
  }
  await openConsole(page, baseUrl, '?speed=0');
  await waitForMoodwatch(page);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const withMw = await pageStyles(page);
  const changes = diff(without, withMw);
  assert(changes.length === 0, `moodwatch changed the page:\n${changes.slice(0, 25).join('\n')}`);
  const host = await page.evaluate(() => {
    const h = document.querySelector('[data-moodwatch-host]');
    const cs = getComputedStyle(h);
    return { position: cs.position, inFlow: !['fixed', 'absolute'].includes(cs.position) && h.getBoundingClientRect().height > 0 };
  });
  assert(!host.inFlow, `the host takes no room in the page flow (${JSON.stringify(host)})`);
});

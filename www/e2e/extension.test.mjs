// The MV3 browser extension (www/extension): assembled by scripts/build-extension.sh from the
// release wasm in www/pkg, loaded unpacked into Chromium, driving the demo console and its
// options page. Each case launches its own Chromium with the extension (the shared browser of
// run.mjs runs without extensions) and closes it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  test,
  assert,
  assertEqual,
  waitUntil,
  openConsole,
  waitForMoodwatch,
  overlayState,
  waitForLevel,
  screenshot,
  launchBrowserWithExtension,
  REPO,
  WWW,
} from './harness.mjs';

const run = promisify(execFile);
const FIRED_WORDS = ['差评', '投诉', '12315'];
const ANGRY = ['都三天了还没发货，你们到底怎么回事？', '我再说最后一遍，今天不发货我就去12315投诉', '垃圾店铺，骗子，我要给差评！'];

// One build per run, into a temporary folder removed when the process exits.
let built;
function buildExtension() {
  built ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moodwatch-extension-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    const { stdout } = await run('bash', [join(REPO, 'scripts/build-extension.sh'), '--out', join(dir, 'dist')]);
    return { dir: join(dir, 'dist'), log: stdout.trim() };
  })();
  return built;
}

async function withExtension(fn) {
  const { dir } = await buildExtension();
  const browser = await launchBrowserWithExtension(dir);
  try {
    // The registration happens in onInstalled; wait for it before opening pages.
    await browser.worker.evaluate(() => globalThis.moodwatchSynced());
    return await fn({ ...browser, dir });
  } finally {
    await browser.close();
  }
}

/**
 * The demo console as an agent back-end without moodwatch would serve it: the script tag
 * removed, and a strict Content-Security-Policy (`csp`) on the page.
 */
async function serveWithoutScriptTag(page, csp) {
  const seen = { stripped: false };
  await page.route(/\/index\.html(\?|$)/, async (route) => {
    const res = await route.fetch();
    const html = await res.text();
    const body = html.replace(/<script src="moodwatch\.js"[^>]*><\/script>/, '');
    seen.stripped = body !== html;
    const headers = { ...res.headers() };
    if (csp) headers['content-security-policy'] = csp;
    await route.fulfill({ response: res, body, headers });
  });
  return seen;
}

const RECORD_ERRORS = () => {
  window.__mwErrors = [];
  document.addEventListener('moodwatch:error', (e) => window.__mwErrors.push(JSON.parse(JSON.stringify(e.detail ?? null))));
};

const extensionMark = (page) => page.evaluate(() => document.documentElement.getAttribute('data-moodwatch-extension'));

async function tabState(worker, urlPrefix) {
  return worker.evaluate(async (prefix) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url && t.url.startsWith(prefix));
    if (!tab) return null;
    const badge = await chrome.action.getBadgeText({ tabId: tab.id });
    const ping = await chrome.tabs.sendMessage(tab.id, { type: 'moodwatch:ping' }).catch((e) => ({ error: String(e) }));
    return { badge, ping };
  }, urlPrefix);
}

test('build-extension.sh assembles a loadable MV3 extension; the worker registers the demo sites', { needsMoodwatch: true, timeout: 90_000 }, async ({ log }) => {
  const { dir, log: buildLog } = await buildExtension();
  log(`# ${buildLog.split('\n')[0]}`);
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  assertEqual(manifest.manifest_version, 3, 'Manifest V3');
  assert(/script-src[^;]*'self'[^;]*'wasm-unsafe-eval'/.test(manifest.content_security_policy?.extension_pages ?? ''), `extension pages may compile wasm (${JSON.stringify(manifest.content_security_policy)})`);
  assert(!(manifest.host_permissions ?? []).some((p) => p === '<all_urls>' || p.includes('://*/')), `no host permission for all sites at install (${manifest.host_permissions})`);
  assertEqual(manifest.host_permissions, ['http://localhost/*', 'http://127.0.0.1/*'], 'only the local demo origins are granted at install');
  assert((manifest.optional_host_permissions ?? []).length > 0, 'other sites are optional host permissions, asked for at run time');
  assert(!manifest.content_scripts, 'no static content_scripts: scripts are registered per mapped site');
  const war = (manifest.web_accessible_resources ?? []).flatMap((w) => w.resources);
  for (const f of ['pkg/moodwatch.js', 'pkg/moodwatch_bg.wasm', 'pkg/moodwatch_model.js', 'pkg/moodwatch_model_bg.wasm']) assert(war.includes(f), `${f} is web accessible (the content script imports/fetches it)`);
  const referenced = [manifest.background.service_worker, manifest.action.default_popup, manifest.options_ui.page, 'content.js', 'sites.js', 'pkg/moodwatch.js', 'pkg/moodwatch_bg.wasm', 'pkg/moodwatch_model.js', 'pkg/moodwatch_model_bg.wasm', 'presets/demo.json', 'presets/chatscope.json', 'presets/chatui.json'];
  for (const f of referenced) await access(join(dir, f)).catch(() => assert(false, `the extension has ${f}`));
  const wasm = await readFile(join(dir, 'pkg/moodwatch_bg.wasm'));
  assertEqual([...wasm.subarray(0, 4)], [0, 0x61, 0x73, 0x6d], 'pkg/moodwatch_bg.wasm is a wasm module');

  await withExtension(async ({ worker, extensionId }) => {
    assert(/^[a-p]{32}$/.test(extensionId), `Chromium loaded the extension (id ${extensionId})`);
    const state = await worker.evaluate(async () => ({
      scripts: await chrome.scripting.getRegisteredContentScripts(),
      sites: (await chrome.storage.local.get('sites')).sites,
      errors: chrome.runtime.lastError ?? null,
    }));
    assertEqual(state.sites, [{ origin: 'http://localhost', preset: 'demo' }, { origin: 'http://127.0.0.1', preset: 'demo' }], 'default mappings stored at install');
    assertEqual(state.scripts.length, 1, `one registered content script (${JSON.stringify(state.scripts)})`);
    assertEqual(state.scripts[0].js, ['content.js'], 'content.js is registered');
    assertEqual([...state.scripts[0].matches].sort(), ['http://127.0.0.1/*', 'http://localhost/*'], 'for the granted default origins');
  });
});

test('on the demo console (no script tag, strict CSP) the extension attaches the demo preset and warns on angry messages', { needsMoodwatch: true, timeout: 90_000 }, async ({ baseUrl }) => {
  await withExtension(async ({ context, worker }) => {
    const page = await context.newPage();
    const consoleLines = [];
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    const seen = await serveWithoutScriptTag(page, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:");
    await openConsole(page, baseUrl, '?speed=0');
    assert(seen.stripped, 'the test removed the demo page\'s own <script src="moodwatch.js"> (the page markup changed?)');
    await waitForMoodwatch(page);
    const host = await page.evaluate(() => ({
      hosts: document.querySelectorAll('[data-moodwatch-host]').length,
      parentIsBody: document.querySelector('[data-moodwatch-host]')?.parentElement === document.body,
      pageApi: typeof window.moodwatch,
      ready: window.__mw.events.find((e) => e.type === 'moodwatch:ready')?.detail,
    }));
    assertEqual(host.hosts, 1, 'one overlay host');
    assert(host.parentIsBody, 'the overlay host sits on document.body');
    assertEqual(host.pageApi, 'undefined', 'the page has no moodwatch of its own: the overlay is the extension\'s');
    assertEqual(host.ready?.name, 'demo', `moodwatch:ready reaches the page's listeners with the preset name (${JSON.stringify(host.ready)})`);
    assertEqual(await extensionMark(page), 'active', 'html[data-moodwatch-extension] = active');
    assert(consoleLines.some((l) => /moodwatch extension: attached with preset "demo"/.test(l)), `the content script logs that it attached (${consoleLines.join(' | ')})`);

    const conv = await page.evaluate(() => window.demoConsole.current());
    for (const line of ANGRY) {
      await page.evaluate(([c, t]) => window.demoConsole.customerSays(c, t), [conv, line]);
      await page.waitForTimeout(150);
    }
    await waitForLevel(page, 2);
    const s = await waitUntil(
      async () => {
        const st = await overlayState(page);
        return st.reasons.some((r) => FIRED_WORDS.some((w) => r.includes(w))) ? st : null;
      },
      { timeout: 10_000, message: `.mw-reasons naming ${FIRED_WORDS.join('/')}` },
    );
    assert(/\d+\s*%/.test(s.badgeText) && /差评风险/.test(s.badgeText), `the Chinese badge shows the risk ("${s.badgeText}")`);
    const warning = await page.evaluate((c) => window.__mw.events.find((e) => e.type === 'moodwatch:warning' && e.detail?.conversation === c && e.detail.level >= 2)?.detail, conv);
    assert(warning && Array.isArray(warning.reasons), 'a moodwatch:warning (level >= 2, with reasons) reaches the page');
    assertEqual(page.__errors, [], 'no page errors');

    const tab = await tabState(worker, baseUrl);
    assertEqual(tab?.badge, 'ON', `the action badge says ON for this tab (${JSON.stringify(tab)})`);
    assertEqual([tab.ping.state, tab.ping.preset, tab.ping.origin], ['active', 'demo', 'http://127.0.0.1'], 'the content script answers the popup\'s ping');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await screenshot(page, 'extension-demo-console');
  });
});

test('a page that loads moodwatch itself: the extension stays out (one overlay)', { needsMoodwatch: true, timeout: 90_000 }, async ({ baseUrl }) => {
  await withExtension(async ({ context }) => {
    const page = await context.newPage();
    await openConsole(page, baseUrl, '?speed=0');
    await waitForMoodwatch(page);
    await waitUntil(async () => (await extensionMark(page)) === 'skipped', { timeout: 10_000, message: 'html[data-moodwatch-extension=skipped]' });
    await page.waitForTimeout(500);
    const n = await page.evaluate(() => ({ hosts: document.querySelectorAll('[data-moodwatch-host]').length, api: typeof window.moodwatch?.attach }));
    assertEqual(n, { hosts: 1, api: 'function' }, 'only the page\'s own moodwatch runs');
  });
});

test('a page whose CSP forbids WebAssembly: a clear error, the page keeps working', { needsMoodwatch: true, timeout: 90_000 }, async ({ baseUrl }) => {
  await withExtension(async ({ context, worker }) => {
    const page = await context.newPage();
    const consoleErrors = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await page.addInitScript(RECORD_ERRORS);
    const seen = await serveWithoutScriptTag(page, "default-src 'self'; img-src 'self' data:");
    await openConsole(page, baseUrl, '?speed=0');
    assert(seen.stripped, 'script tag removed');
    await waitUntil(async () => (await extensionMark(page)) === 'error', { timeout: 15_000, message: 'html[data-moodwatch-extension=error]' });
    const errors = await page.evaluate(() => window.__mwErrors);
    assert(errors.length === 1 && /Content-Security-Policy/.test(errors[0].message) && /wasm-unsafe-eval/.test(errors[0].message), `one moodwatch:error naming the CSP and 'wasm-unsafe-eval' (${JSON.stringify(errors)})`);
    assertEqual(errors[0].source, 'extension', 'the error says it comes from the extension');
    assert(consoleErrors.some((l) => l.startsWith('moodwatch extension:') && /Content-Security-Policy/.test(l)), `logged on the console (${consoleErrors.join(' | ')})`);
    assertEqual(await page.evaluate(() => document.querySelectorAll('[data-moodwatch-host]').length), 0, 'no overlay');
    assertEqual(page.__errors, [], 'no uncaught error in the page');
    const conv = await page.evaluate(() => window.demoConsole.current());
    const before = await page.evaluate(() => document.querySelectorAll('.msg-list > .msg').length);
    await page.evaluate(([c]) => window.demoConsole.customerSays(c, '在吗？'), [conv]);
    assertEqual(await page.evaluate(() => document.querySelectorAll('.msg-list > .msg').length), before + 1, 'the chat widget still works');
    const tab = await tabState(worker, baseUrl);
    assertEqual(tab?.badge, '!', `the action badge shows the error (${JSON.stringify(tab)})`);
  });
});

test('options page: bad JSON and bad configs are refused with a clear error; a saved custom mapping is used', { needsMoodwatch: true, timeout: 120_000 }, async ({ baseUrl }) => {
  await withExtension(async ({ context, worker, extensionId }) => {
    const origin = new URL(baseUrl).origin; // http://127.0.0.1:PORT: more specific than the default
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.waitForSelector('html[data-ready]');
    assertEqual(await page.locator('#sites tbody tr').count(), 2, 'the two default sites are listed');
    assertEqual(await page.getAttribute('html', 'lang'), 'zh-CN', 'Chinese UI');
    for (const id of ['origin', 'preset', 'config']) {
      assert(await page.locator(`label[for=${id}]`).count(), `#${id} has a label`);
    }

    const stored = () => worker.evaluate(async () => (await chrome.storage.local.get('sites')).sites);
    const before = await stored();
    const errorText = () => page.textContent('#form-error');

    // Keyboard only: type the address, Tab to the adapter, choose custom, Tab into the JSON.
    await page.focus('#origin');
    await page.keyboard.type(origin);
    await page.keyboard.press('Tab');
    assertEqual(await page.evaluate(() => document.activeElement.id), 'preset', 'Tab moves from the address to the adapter');
    await page.selectOption('#preset', 'custom');
    assert(await page.isVisible('#config'), 'choosing custom shows the JSON box');
    await page.keyboard.press('Tab');
    assertEqual(await page.evaluate(() => document.activeElement.id), 'config', 'Tab moves on to the JSON box');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('{"messageList": ".msg-list", "message": ');

    const cases = [
      [null, /JSON 格式错误 \/ Invalid JSON/],
      ['[1, 2]', /JSON 对象|JSON object/],
      ['{"messageList": ".msg-list", "message": ".msg"}', /"role".*(missing|缺少)/],
      ['{"messageList": ".msg-list", "mesage": ".msg", "message": ".msg", "role": {"attr": "data-role"}}', /"mesage".*unknown key/],
      ['{"messageList": "div[[", "message": ".msg", "role": {"attr": "data-role"}}', /"messageList".*not a valid CSS selector/],
      ['{"messageList": ".msg-list", "message": ".msg", "role": {"attr": "data-role"}, "lang": "fr"}', /"lang".*"zh" or "en"/],
    ];
    for (const [text, want] of cases) {
      if (text !== null) await page.fill('#config', text);
      await page.click('#save');
      const err = await waitUntil(errorText, { timeout: 5000, message: '#form-error text' });
      assert(want.test(err), `error for ${text ?? 'truncated JSON'} matches ${want}: "${err}"`);
      assertEqual(await page.getAttribute('#config', 'aria-invalid'), 'true', 'the JSON box is marked invalid');
      assertEqual(await page.evaluate(() => document.activeElement.id), 'config', 'focus goes back to the JSON box');
      assertEqual(await page.getAttribute('#form-error', 'role'), 'alert', 'the error is announced (role=alert)');
      assertEqual(await stored(), before, 'nothing was saved');
    }
    await screenshot(page, 'extension-options-error');

    // A bad address is refused too.
    await page.fill('#origin', 'ftp://shop.example.com');
    await page.click('#save');
    assert(/http/.test(await errorText()), `a non-http address is refused ("${await errorText()}")`);
    assertEqual(await page.getAttribute('#origin', 'aria-invalid'), 'true', 'the address box is marked invalid');

    // A valid custom config: the demo preset, in English. Enter in the address box submits.
    const demo = JSON.parse(await readFile(join(WWW, 'presets/demo.json'), 'utf8'));
    await page.fill('#config', JSON.stringify({ ...demo, name: 'demo-en', lang: 'en' }, null, 2));
    await page.fill('#origin', `${origin}/`);
    await page.focus('#origin');
    await page.keyboard.press('Enter');
    await waitUntil(() => page.textContent('#form-status'), { timeout: 5000, message: '#form-status after saving' });
    assertEqual(await errorText(), '', `no error after a valid save ("${await errorText()}")`);
    const saved = (await stored()).find((s) => s.origin === origin);
    assert(saved && saved.config?.lang === 'en' && saved.config?.name === 'demo-en' && !saved.preset, `the mapping ${origin} → custom config is stored (${JSON.stringify(await stored())})`);
    await page.waitForSelector(`#sites tbody tr[data-origin="${origin}"]`);
    assertEqual(await page.textContent(`#sites tbody tr[data-origin="${origin}"] .granted`), '已授权 granted', 'the new row shows the access as granted');
    await screenshot(page, 'extension-options-saved');

    // The mapping is used: the console on this origin gets the English overlay.
    await worker.evaluate(() => globalThis.moodwatchSynced());
    const consolePage = await context.newPage();
    await serveWithoutScriptTag(consolePage, null);
    await openConsole(consolePage, baseUrl, '?speed=0');
    await waitForMoodwatch(consolePage);
    const conv = await consolePage.evaluate(() => window.demoConsole.current());
    for (const line of ANGRY) await consolePage.evaluate(([c, t]) => window.demoConsole.customerSays(c, t), [conv, line]);
    const st = await waitForLevel(consolePage, 2);
    assert(/bad-review risk/.test(st.badgeText), `the overlay speaks English with the custom config ("${st.badgeText}")`);
    const tab = await tabState(worker, baseUrl);
    assertEqual([tab?.ping?.state, tab?.ping?.preset, tab?.ping?.origin], ['active', 'custom', origin], `the most specific mapping won (${JSON.stringify(tab)})`);
    await consolePage.close();

    // Remove it again from the table, by keyboard.
    await page.bringToFront();
    await page.focus(`#sites tbody tr[data-origin="${origin}"] button.danger`);
    await page.keyboard.press('Enter');
    await waitUntil(async () => !(await stored()).some((s) => s.origin === origin), { timeout: 5000, message: 'the mapping to be removed' });
    await waitUntil(async () => (await page.locator('#sites tbody tr').count()) === 2, { timeout: 5000, message: 'the table back to the two default rows' });
    assertEqual(await page.locator('#sites tbody tr .granted').count(), 2, 'the default sites keep their (manifest) access');
    assertEqual(pageErrors, [], 'no errors on the options page');

    // The popup, opened as a tab, looks at itself: an extension page, not a website.
    const popup = await context.newPage();
    const popupErrors = [];
    popup.on('pageerror', (e) => popupErrors.push(String(e)));
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await waitUntil(async () => /不适用|Not available/.test(await popup.textContent('#state')), { timeout: 5000, message: 'the popup status' });
    assert(await popup.isVisible('#settings'), 'the popup links to the settings');
    assertEqual(popupErrors, [], 'no errors in the popup');
  });
});

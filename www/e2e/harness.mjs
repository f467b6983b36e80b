// Shared pieces of the e2e harness: test registration, browser launch, page helpers.
//
// A test file imports `test` and registers cases; `run.mjs` imports every `*.test.mjs`, then
// runs the cases one after another, each in a fresh page of one Chromium profile.
import { mkdir, mkdtemp, rm, access, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WWW = fileURLToPath(new URL('..', import.meta.url));
export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const ARTIFACTS = join(REPO, 'artifacts');
export const SCREENSHOTS = join(ARTIFACTS, 'screenshots');

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** What Playwright passes as `--disable-features` (playwright-core 1.65.1), kept by ours. */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Chromium's own omnibox popup is a WebUI page (chrome://omnibox-popup.top-chrome) that it
  // preloads in a renderer of its own for every new window, i.e. for every page a test opens.
  // Measured in a trace of the demo console's load: ~200 ms of CPU (module parsing, V8 code
  // cache) on this 2-core machine in the very window where moodwatch downloads, compiles and
  // starts, which an agent's long-running browser does once at start-up, not per page load.
  // Chromium 156.0.8078.129 (a Debian update after 156.0.8078.73) preloads the same page for
  // its AI-mode popup too, behind a feature of its own (`WebUIOmniboxAimPopup`; Playwright's
  // `AimEnabled` does not stop it): a trace of a cold load showed that renderer at 464 ms of
  // CPU between navigation and moodwatch:ready, against 199 ms for the page's own.
  // Chromium keeps only the last --disable-features switch, so Playwright's own list
  // (playwright-core 1.65.1, chromiumSwitches.ts) is repeated here with these additions.
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'].join(',')}`,
];

/** What the moodwatch build must have produced before the overlay tests can run. */
export const MOODWATCH_FILES = ['moodwatch.js', 'pkg/moodwatch_bg.wasm', 'pkg/moodwatch_model.js', 'pkg/moodwatch_model_bg.wasm'];

/** @type {{name: string, file: string, fn: Function, needsMoodwatch: boolean, timeout: number}[]} */
export const registry = [];
let currentFile = '';
export function setCurrentFile(f) {
  currentFile = f;
}

/**
 * Registers one test.
 * @param {string} name
 * @param {{needsMoodwatch?: boolean, timeout?: number}} [opts]
 * @param {(ctx: TestContext) => Promise<void>} fn
 */
export function test(name, opts, fn) {
  if (typeof opts === 'function') [fn, opts] = [opts, {}];
  registry.push({ name, file: currentFile, fn, needsMoodwatch: !!opts.needsMoodwatch, timeout: opts.timeout ?? 60_000 });
}

/** Missing build outputs, relative to www/ (empty when moodwatch is built). */
export async function missingMoodwatch() {
  const missing = [];
  for (const f of MOODWATCH_FILES) {
    try {
      await access(join(WWW, f));
    } catch {
      missing.push(`www/${f}`);
    }
  }
  return missing;
}

/** Launches Chromium with a fresh temporary profile; `close()` removes the profile. */
export async function launchBrowser() {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new Error('playwright-core is not installed: run `npm ci` in www/ first');
  }
  try {
    await access(CHROMIUM);
  } catch {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'moodwatch-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  // launchPersistentContext opens one blank page; tests make their own.
  for (const p of context.pages()) await p.close();
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true }).catch(() => {});
    },
  };
}

/** Polls `fn` until it returns a truthy value; throws `message` with the last value on timeout. */
export async function waitUntil(fn, { timeout = 10_000, interval = 100, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${message} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

export function assert(cond, message) {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}

export function assertEqual(actual, expected, message) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`assertion failed: ${message}\n  expected: ${e}\n  actual:   ${a}`);
}

export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * Records moodwatch's document events from the very start of the page, before any page script:
 * `window.__mw = {readyAt, events: [{type, t, detail}], ...}`.
 */
export const RECORD_EVENTS = () => {
  const mw = (window.__mw = { readyAt: null, events: [], maxLevel: -1 });
  for (const type of ['moodwatch:ready', 'moodwatch:assessment', 'moodwatch:warning', 'moodwatch:transfer']) {
    document.addEventListener(type, (e) => {
      const t = performance.now();
      if (type === 'moodwatch:ready' && mw.readyAt === null) mw.readyAt = t;
      if (type === 'moodwatch:warning' && typeof e.detail?.level === 'number') mw.maxLevel = Math.max(mw.maxLevel, e.detail.level);
      let detail = null;
      try {
        detail = JSON.parse(JSON.stringify(e.detail ?? null));
      } catch {
        detail = String(e.detail);
      }
      mw.events.push({ type, t, detail });
    });
  }
};

/**
 * Opens the demo console with `query` (e.g. '?speed=20&scenario=angry') and waits until
 * `window.demoConsole` exists. Collects page errors into `page.__errors`.
 */
export async function openConsole(page, baseUrl, query = '?speed=0') {
  await recordPage(page);
  await page.goto(new URL(`index.html${query}`, baseUrl).href, { waitUntil: 'load' });
  await page.waitForFunction(() => !!window.demoConsole, null, { timeout: 10_000 });
}

/**
 * Opens the demo console like `openConsole`, but evaluates nothing in the page until moodwatch
 * has linked its model (the `moodwatch:model` mark, reported through the console): for timing
 * the cold start. Playwright's `waitForFunction` injects its selector and polling script into
 * the page, a 20–40 ms main-thread task that otherwise lands in the middle of moodwatch's
 * start and is counted as moodwatch's. A real agent console has no such script.
 */
export async function openConsoleUntouched(page, baseUrl, query = '?speed=0', timeout = 20_000) {
  await recordPage(page);
  await page.addInitScript(() => {
    new PerformanceObserver((list) => {
      if (list.getEntries().some((e) => e.name === 'moodwatch:model')) console.debug('moodwatch-e2e:model-linked');
    }).observe({ type: 'mark', buffered: true });
  });
  const linked = page.waitForEvent('console', { predicate: (m) => m.text() === 'moodwatch-e2e:model-linked', timeout });
  await page.goto(new URL(`index.html${query}`, baseUrl).href, { waitUntil: 'commit' });
  await linked.catch(() => {
    throw new Error(`moodwatch did not link its model within ${timeout} ms (page errors: ${page.__errors.join(' | ') || 'none'})`);
  });
}

/** Collects the page's errors into `page.__errors` and records moodwatch's events from its start. */
async function recordPage(page) {
  page.__errors = [];
  page.on('pageerror', (e) => page.__errors.push(String(e)));
  await page.addInitScript(RECORD_EVENTS);
}

/** Waits for `moodwatch:ready` (recorded by RECORD_EVENTS) and the overlay host. */
export async function waitForMoodwatch(page, timeout = 20_000) {
  await page
    .waitForFunction(() => window.__mw && window.__mw.readyAt !== null, null, { timeout })
    .catch(() => {
      throw new Error(`moodwatch:ready did not fire within ${timeout} ms (page errors: ${page.__errors.join(' | ') || 'none'})`);
    });
  await page.waitForFunction(() => !!document.querySelector('body > [data-moodwatch-host]')?.shadowRoot, null, { timeout });
}

/** The overlay's current state, read through the open shadow root. */
export async function overlayState(page) {
  return page.evaluate(() => {
    const root = document.querySelector('[data-moodwatch-host]')?.shadowRoot;
    if (!root) return null;
    const badge = root.querySelector('.mw-badge');
    return {
      level: badge ? Number(badge.getAttribute('data-warning-level')) : null,
      badgeText: badge?.textContent.trim() ?? null,
      reasons: [...root.querySelectorAll('.mw-reasons li:not([hidden])')].map((li) => li.textContent.trim()),
      suggestions: [...root.querySelectorAll('.mw-suggestions button.mw-suggestion:not([hidden])')].map((b) => b.textContent.trim()),
      wait: root.querySelector('.mw-wait')?.textContent.trim() ?? null,
      live: !!root.querySelector('[aria-live=polite]'),
    };
  });
}

/** Waits until the overlay's badge shows at least warning level `min`; resolves to its state. */
export async function waitForLevel(page, min, timeout = 30_000) {
  return waitUntil(
    async () => {
      const s = await overlayState(page);
      return s && s.level >= min ? s : null;
    },
    { timeout, interval: 150, message: `.mw-badge data-warning-level >= ${min}` },
  ).catch(async (e) => {
    throw new Error(`${e.message}\noverlay now: ${JSON.stringify(await overlayState(page))}`);
  });
}

/** Nearest-rank percentile of a numeric array. */
export function percentile(values, p) {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/**
 * Merges `value` under `key` into artifacts/bench-e2e.json (several bench tests share it).
 */
export async function mergeBenchArtifact(key, value) {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, 'bench-e2e.json');
  let doc = {};
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    doc = {};
  }
  doc[key] = value;
  doc.when = new Date().toISOString();
  await writeFile(file, JSON.stringify(doc, null, 2) + '\n');
}

/**
 * Launches Chromium with the unpacked extension in `extensionDir` loaded, in a fresh temporary
 * profile (the shared browser of run.mjs runs without extensions). Resolves once the
 * extension's service worker runs; `close()` removes the profile.
 * @returns {Promise<{context, extensionId: string, worker, close: () => Promise<void>}>}
 */
export async function launchBrowserWithExtension(extensionDir) {
  const { chromium } = await import('playwright-core');
  await access(CHROMIUM).catch(() => {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  });
  const profile = await mkdtemp(join(tmpdir(), 'moodwatch-ext-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      // Playwright passes --disable-extensions by default; new headless runs extensions.
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
      viewport: { width: 1440, height: 900 },
      deviceScaleFactor: 1,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const worker =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith('chrome-extension://'), timeout: 15_000 }));
    for (const p of context.pages()) await p.close();
    return {
      context,
      worker,
      extensionId: new URL(worker.url()).host,
      async close() {
        await context.close().catch(() => {});
        await rm(profile, { recursive: true, force: true }).catch(() => {});
      },
    };
  } catch (e) {
    await context?.close().catch(() => {});
    await rm(profile, { recursive: true, force: true }).catch(() => {});
    throw new Error(`Chromium did not start the unpacked extension in ${extensionDir}: ${e.message}`);
  }
}

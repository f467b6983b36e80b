#!/usr/bin/env node
// End-to-end tests: the demo console (and moodwatch on it) in Debian Chromium via playwright-core.
//
//   cd www && npm ci && cd .. && node www/e2e/run.mjs [filter ...]
//
// Starts www/serve.mjs on a free 127.0.0.1 port, launches /usr/bin/chromium with a fresh
// temporary profile, runs every www/e2e/*.test.mjs case in its own page, prints
// `ok - name` / `not ok - name` per case and one closing `N passed, N failed` line, and exits
// non-zero when any case failed. Filters (substrings of a file or test name) pick cases.
// Screenshots go to artifacts/screenshots/ (failures as `fail-*.png`), figures to artifacts/.
import { readdir, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../serve.mjs';
import { registry, setCurrentFile, launchBrowser, missingMoodwatch, SCREENSHOTS } from './harness.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));

function slug(s) {
  return s.replace(/[^\w\u4e00-\u9fff-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'test';
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, fail) => {
      timer = setTimeout(() => fail(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]);
}

function indent(text) {
  return String(text)
    .split('\n')
    .map((l) => `#   ${l}`)
    .join('\n');
}

async function main() {
  const files = (await readdir(HERE)).filter((f) => f.endsWith('.test.mjs')).sort();
  for (const f of files) {
    setCurrentFile(f);
    await import(pathToFileURL(join(HERE, f)).href);
  }
  const cases = registry.filter(
    (c) => !filters.length || filters.some((f) => c.file.includes(f) || c.name.includes(f)),
  );
  await mkdir(SCREENSHOTS, { recursive: true });

  const missing = await missingMoodwatch();
  const buildHint = missing.length
    ? `moodwatch is not built (missing ${missing.join(', ')}): run \`make build-wasm\` first`
    : null;
  if (buildHint && cases.some((c) => c.needsMoodwatch)) {
    console.log(`# ${buildHint}; the tests that need it will fail`);
  }

  let passed = 0;
  let failed = 0;
  const server = await startServer({ port: 0, host: '127.0.0.1' });
  console.log(`# serving www/ at ${server.url}`);
  let browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    console.log(`not ok - launch Chromium\n${indent(e.message)}`);
    await server.close();
    console.log(`0 passed, ${cases.length || 1} failed`);
    return 1;
  }

  for (const c of cases) {
    const name = `${c.file.replace(/\.test\.mjs$/, '')}: ${c.name}`;
    if (c.needsMoodwatch && buildHint) {
      failed += 1;
      console.log(`not ok - ${name}\n${indent(buildHint)}`);
      continue;
    }
    const page = await browser.context.newPage();
    const started = Date.now();
    try {
      await withTimeout(
        Promise.resolve().then(() => c.fn({ page, context: browser.context, baseUrl: server.url, log: (l) => console.log(l) })),
        c.timeout,
        'test',
      );
      passed += 1;
      console.log(`ok - ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed += 1;
      console.log(`not ok - ${name} (${Date.now() - started} ms)\n${indent(e?.stack || e)}`);
      if (page.__errors?.length) console.log(indent(`page errors: ${page.__errors.join(' | ')}`));
      await page
        .screenshot({ path: join(SCREENSHOTS, `fail-${slug(name)}.png`), timeout: 5000 })
        .catch(() => {});
    } finally {
      await page.close().catch(() => {});
    }
  }

  await browser.close();
  await server.close();
  if (!cases.length) console.log(`# no test matched ${filters.join(' ')}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed || !cases.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.log(`not ok - e2e runner\n${indent(e?.stack || e)}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);

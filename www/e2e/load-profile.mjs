// CPU profile (V8 sampling, 50 µs) of the renderer's main thread over one cold load of the demo
// console, until moodwatch:ready; prints the top functions by self time. A diagnostic.
//   node www/e2e/load-profile.mjs [www-root] [out.cpuprofile]
import { writeFile } from 'node:fs/promises';
import { launchBrowser, waitForMoodwatch } from './harness.mjs';
import { startServer } from '../serve.mjs';

const root = process.argv[2] || new URL('..', import.meta.url).pathname;
const out = process.argv[3];
const server = await startServer({ port: 0, root, log: () => {} });
const { context, close } = await launchBrowser();
try {
  const page = await context.newPage();
  await page.goto(new URL('blank.html', server.url).href);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await page.addInitScript(() => {
    window.__mw = { readyAt: null };
    document.addEventListener('moodwatch:ready', () => { window.__mw.readyAt = performance.now(); });
  });
  await page.goto(new URL('index.html?speed=0&isolate=1', server.url).href, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__mw && window.__mw.readyAt !== null, null, { timeout: 20000 });
  const { profile } = await cdp.send('Profiler.stop');
  if (out) await writeFile(out, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const name = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url ? n.callFrame.url.split('/').pop() : ''}`;
    self.set(name, (self.get(name) || 0) + (dt[i] || 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`sampled ${total.toFixed(1)} ms`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`${v.toFixed(2).padStart(8)} ms  ${k}`);
} finally {
  await close();
  await server.close();
}

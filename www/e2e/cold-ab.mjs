// A/B of the cold start: loads the demo console from two or more www roots in turn, each load
// in a fresh page of one browser (closed once measured, as the bench does), and prints the
// median and quartiles of script fetch -> moodwatch:ready, navigation -> ready and the phases
// for each. A diagnostic for comparing builds in one sitting on this noisy machine, not a test.
//   node www/e2e/cold-ab.mjs ROOT_A ROOT_B [ROOT_C ...] [loads_each=12]
import { launchBrowser, openConsoleUntouched, waitForMoodwatch, percentile } from './harness.mjs';
import { startServer } from '../serve.mjs';

const args = process.argv.slice(2);
const n = /^\d+$/.test(args.at(-1) ?? '') ? args.pop() : '12';
const roots = args;
if (roots.length < 2) {
  console.error('usage: node www/e2e/cold-ab.mjs ROOT_A ROOT_B [ROOT_C ...] [loads_each]');
  process.exit(2);
}
const servers = [];
for (const root of roots) servers.push(await startServer({ port: 0, root, log: () => {} }));
const { context, close } = await launchBrowser();
const results = roots.map(() => []);
try {
  // One load of each first, not counted: the browser's own first-page work.
  for (let i = -1; i < Number(n); i++) {
    // Each round in a different order, so no build always follows the same one.
    const order = roots.map((_, k) => k);
    for (let r = 0; r < ((i % order.length) + order.length) % order.length; r++) order.push(order.shift());
    if (i % 2) order.reverse();
    for (const k of order) {
      const p = await context.newPage();
      await openConsoleUntouched(p, servers[k].url, '?speed=0&isolate=1');
      await waitForMoodwatch(p);
      const r = await p.evaluate(() => {
        const script = performance.getEntriesByType('resource').find((e) => /\/moodwatch\.js(\?|$)/.test(e.name));
        const start = performance.getEntriesByName('moodwatch:start')[0];
        const at = (name) => {
          const m = performance.getEntriesByName(`moodwatch:${name}`)[0];
          return m && start ? m.startTime - start.startTime : null;
        };
        return {
          total: window.__mw.readyAt - script.startTime,
          navigation: window.__mw.readyAt,
          queued: start.startTime - script.startTime,
          compiled: at('compiled'),
          glue: at('glue'),
          instantiated: at('instantiated'),
          ready: at('ready'),
          lexicon: window.moodwatch?.diagnostics?.().load?.lexiconMs ?? null,
        };
      });
      await p.close();
      if (i >= 0) results[k].push(r);
    }
  }
} finally {
  await close();
  for (const s of servers) await s.close();
}
const fmt = (xs) => {
  const v = xs.filter((x) => x !== null && x !== undefined);
  return `${percentile(v, 50).toFixed(1)} [${percentile(v, 25).toFixed(1)}–${percentile(v, 75).toFixed(1)}]`;
};
for (const [k, root] of roots.entries()) {
  const r = results[k];
  console.log(`${String.fromCharCode(65 + k)} ${root} (${r.length} loads)`);
  for (const key of ['total', 'navigation', 'queued', 'compiled', 'glue', 'instantiated', 'ready', 'lexicon']) {
    console.log(`  ${key.padEnd(13)} ${fmt(r.map((x) => x[key]))}`);
  }
}

// A/B of the cold start: loads the demo console from two www roots alternately, each load in a
// fresh page of one browser (closed once measured, as the bench does), and prints the median
// and quartiles of script fetch -> moodwatch:ready and its phases for each. A diagnostic for
// comparing two builds in one sitting on this noisy machine, not a test.
//   node www/e2e/cold-ab.mjs ROOT_A ROOT_B [loads_each=12]
import { launchBrowser, openConsoleUntouched, waitForMoodwatch, percentile } from './harness.mjs';
import { startServer } from '../serve.mjs';

const [rootA, rootB, n = '12'] = process.argv.slice(2);
if (!rootA || !rootB) {
  console.error('usage: node www/e2e/cold-ab.mjs ROOT_A ROOT_B [loads_each]');
  process.exit(2);
}
const servers = [await startServer({ port: 0, root: rootA, log: () => {} }), await startServer({ port: 0, root: rootB, log: () => {} })];
const { context, close } = await launchBrowser();
const results = [[], []];
try {
  // One load of each first, not counted: the browser's own first-page work.
  for (let i = -1; i < Number(n); i++) {
    for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) {
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
for (const [k, root] of [[0, rootA], [1, rootB]]) {
  const r = results[k];
  console.log(`${k ? 'B' : 'A'} ${root} (${r.length} loads)`);
  for (const key of ['total', 'queued', 'compiled', 'glue', 'instantiated', 'ready', 'lexicon']) {
    console.log(`  ${key.padEnd(13)} ${fmt(r.map((x) => x[key]))}`);
  }
}

// Records a Chromium trace of one cold load of the demo console (all processes), and prints
// where the time from navigation to `moodwatch:ready` went: each thread's CPU time in that
// window and the renderer main thread's longest tasks. A diagnostic, not a test.
//   node www/e2e/load-trace.mjs [out.json] [www-root]
import { writeFile } from 'node:fs/promises';
import { launchBrowser, openConsoleUntouched, waitForMoodwatch } from './harness.mjs';
import { startServer } from '../serve.mjs';

const out = process.argv[2];
const server = await startServer({ port: 0, root: process.argv[3] || new URL('..', import.meta.url).pathname, log: () => {} });
const baseUrl = server.url;
const { context, close } = await launchBrowser();
try {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,v8,v8.wasm,blink.user_timing,loading,toplevel,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  await openConsoleUntouched(page, baseUrl, '?speed=0&isolate=1');
  await waitForMoodwatch(page);
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await done;
  if (out) await writeFile(out, JSON.stringify({ traceEvents: events }));
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const pnames = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'process_name') pnames.set(e.pid, e.args.name);
  const marks = events.filter((e) => e.cat?.includes('blink.user_timing') && String(e.name).startsWith('moodwatch:'));
  const nav = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationTiming') ;
  const ready = marks.find((m) => m.name === 'moodwatch:ready');
  const start = marks.find((m) => m.name === 'moodwatch:start');
  const t0 = nav ? nav.ts : Math.min(...events.filter((e) => e.ts).map((e) => e.ts));
  const t1 = ready.ts;
  console.log('marks (ms from navigationStart):', marks.map((m) => `${m.name}=${((m.ts - t0) / 1000).toFixed(1)}`).join(' '));
  // CPU per thread inside [t0, t1]: sum of top-level complete events' tdur (approximate).
  const busy = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || e.ts < t0 || e.ts > t1) continue;
    if (!['ThreadControllerImpl::RunTask', 'RunTask', 'ThreadPool_RunTask'].includes(e.name) && !(e.cat || '').includes('toplevel')) continue;
    const k = `${pnames.get(e.pid) || e.pid}/${names.get(`${e.pid}:${e.tid}`) || e.tid}`;
    const b = busy.get(k) || { wall: 0, cpu: 0, n: 0 };
    b.wall += e.dur / 1000; b.cpu += (e.tdur ?? e.dur) / 1000; b.n++;
    busy.set(k, b);
  }
  console.log(`window navigationStart -> ready: ${((t1 - t0) / 1000).toFixed(1)} ms; script start at ${((start.ts - t0) / 1000).toFixed(1)}`);
  for (const [k, b] of [...busy].sort((a, b) => b[1].cpu - a[1].cpu).slice(0, 20)) console.log(`  ${k.padEnd(60)} cpu ${b.cpu.toFixed(1)} ms wall ${b.wall.toFixed(1)} ms (${b.n} tasks)`);
  const mainTid = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'moodwatch:ready'));
  const main = events.filter((e) => mainTid && e.pid === mainTid.pid && e.tid === mainTid.tid && e.ph === 'X' && e.ts >= t0 && e.ts <= t1);
  const tops = main.filter((e) => (e.cat || '').includes('toplevel') || e.name === 'ThreadControllerImpl::RunTask');
  console.log('renderer main: top-level tasks by start (ms from nav), wall/cpu, and the biggest child events:');
  for (const t of tops.sort((a, b) => a.ts - b.ts)) {
    if (t.dur < 1500) continue;
    const kids = main.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur > 800 && !(e.cat || '').includes('toplevel'))
      .sort((a, b) => b.dur - a.dur).slice(0, 6)
      .map((e) => `${e.name}${e.args?.data?.url ? '(' + String(e.args.data.url).split('/').pop() + ')' : ''}${e.args?.data?.functionName ? '(' + e.args.data.functionName + ')' : ''} ${(e.dur / 1000).toFixed(1)}`);
    console.log(`  @${((t.ts - t0) / 1000).toFixed(1)} ${(t.dur / 1000).toFixed(1)}/${((t.tdur ?? 0) / 1000).toFixed(1)} ms: ${kids.join(' | ')}`);
  }
} finally {
  await close();
  server.close();
}

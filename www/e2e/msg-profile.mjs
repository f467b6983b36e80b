// CPU profile (V8 sampling, 50 µs) of the page's main thread while the demo console receives
// N customer messages once moodwatch has linked its model and finished its warm-up; prints
// the top functions by self time inside moodwatch's calls. A diagnostic.
//   node www/e2e/msg-profile.mjs [www-root] [messages=200]
//   WHO=decode,wasm-to-js node www/e2e/msg-profile.mjs …   also prints who calls those functions
import { launchBrowser, openConsoleUntouched, waitForMoodwatch } from './harness.mjs';
import { startServer } from '../serve.mjs';

const root = process.argv[2] || new URL('..', import.meta.url).pathname;
const n = Number(process.argv[3] || 200);
const LINES = ['你好，在吗？', '我的快递怎么三天都没动了？', '好的，谢谢', '你们这服务太慢了，真的很失望', '这个能开发票吗？公司报销用', '再不处理我就给差评', '收到了，质量挺好的，满意', '人呢？？？', '行吧，那我再等等', '退货运费谁出？'];
const server = await startServer({ port: 0, root, log: () => {} });
const { context, close } = await launchBrowser();
try {
  const page = await context.newPage();
  await openConsoleUntouched(page, server.url, '?speed=0&isolate=1');
  await waitForMoodwatch(page);
  await page.waitForFunction(() => window.moodwatch.diagnostics().warmup?.done === true, null, { timeout: 20000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  for (let i = 0; i < n; i++) {
    await page.evaluate(
      (text) =>
        new Promise((resolve) => {
          const conv = window.demoConsole.current();
          document.addEventListener('moodwatch:assessment', () => requestAnimationFrame(() => resolve()), { once: true });
          window.demoConsole.customerSays(conv, text);
        }),
      LINES[i % LINES.length],
    );
  }
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const parent = new Map();
  for (const x of profile.nodes) for (const c of x.children || []) parent.set(c, x.id);
  const nm = (id) => byId.get(id).callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '').replace(/[a-z_]+\[[0-9a-f]+\]/g, (m) => m.split('[')[0]).slice(0, 110);
  const self = new Map();
  const incl = new Map();
  let total = 0;
  // WHO=a,b: the call chains (five frames up) under functions whose names contain a or b.
  const callers = new Map();
  profile.samples.forEach((id, i) => {
    const d = (profile.timeDeltas[i + 1] || 0) / 1000;
    const chain = [];
    for (let q = id; q; q = parent.get(q)) chain.push(nm(q));
    if (!chain.some((f) => f.includes('moodwatch') || f.includes('wasm_bindgen'))) return;
    total += d;
    self.set(chain[0], (self.get(chain[0]) || 0) + d);
    for (const pat of (process.env.WHO || '').split(',').filter(Boolean)) {
      if (!chain[0].includes(pat)) continue;
      const key = `${pat} <= ${chain.slice(1, 6).join(' < ')}`;
      callers.set(key, (callers.get(key) || 0) + d);
    }
    for (const f of new Set(chain)) incl.set(f, (incl.get(f) || 0) + d);
  });
  console.log(`moodwatch's sampled time: ${(total / n).toFixed(3)} ms per message`);
  console.log('-- inclusive (per message, ms)');
  for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${(v / n).toFixed(3).padStart(7)}  ${k}`);
  console.log('-- self');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(v / n).toFixed(3).padStart(7)}  ${k}`);
  if (callers.size) {
    console.log('-- callers');
    for (const [k, v] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${(v / n).toFixed(3).padStart(7)}  ${k}`);
  }
} finally {
  await close();
  await server.close();
}

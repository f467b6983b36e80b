// Figures for moodwatch on the demo console. Prints `bench: name value unit` lines and writes
// artifacts/bench-e2e.json; asserts only that the figures were measured.
import { test, launchBrowser, openConsole, openConsoleUntouched, waitForMoodwatch, assert, percentile, mergeBenchArtifact } from './harness.mjs';
import { startTrace, moodwatchTimePerMessage } from './cpu-trace.mjs';

const MESSAGES = 200;
const LINES = [
  '你好，在吗？',
  '我的快递怎么三天都没动了？',
  '订单号 2931 4408 7765 2019 337，麻烦帮我查一下',
  '好的，谢谢',
  '怎么还没回复？',
  '你们这服务太慢了，真的很失望',
  '发错码了，我拍的M码收到的是L码',
  '这个能开发票吗？公司报销用',
  '再不处理我就给差评',
  '我要投诉你们，打12315',
  '收到了，质量挺好的，满意',
  '能不能便宜点，我买两个',
  '杯子漏水，孩子书包都湿了！！',
  '人呢？？？',
  '麻烦尽快给个准话，周六要用',
  '行吧，那我再等等',
  '你们卖的什么垃圾东西，骗子吧',
  '退货运费谁出？',
  '处理得挺快的，给你们好评',
  '嗯嗯，辛苦了',
];

const round = (x, d = 2) => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(d)));

test('cold start, message-to-overlay latency, main-thread time per message', { needsMoodwatch: true, timeout: 240_000 }, async ({ page, context, baseUrl, log }) => {
  const figures = {};
  const emit = (name, value, unit) => {
    figures[name] = { value: round(value), unit };
    log(`bench: ${name} ${round(value)} ${unit}`);
  };

  // Cold start: from the moment the browser starts fetching moodwatch.js to `moodwatch:ready`
  // (no HTTP cache: serve.mjs sends no-store, so every load fetches and compiles the module
  // afresh). Ten fresh page loads: the first, the browser's first page, is reported as is;
  // the typical figure is the median of the nine after it. (Until session 10 the typical
  // figure was the median of the first three, printed as `..._median3` still: with the
  // browser's first page among them it read near the slower of two loads, and on this VM
  // one build measured 134 and 163 ms a few minutes apart.) Each page is closed once
  // measured: left open, its idle-time warm-up (src/web/warmup.rs, ~400 ms of main-thread
  // work) ran while the next page loaded, and was counted in that page's start.
  const LOADS = 10;
  const starts = [];
  for (let i = 0; i < LOADS; i++) {
    const p = await context.newPage();
    // Cross-origin isolated (COOP + COEP from serve.mjs): performance.now() then has 5 µs
    // resolution instead of 100 µs, which the per-phase spans below need. Nothing is
    // evaluated in the page until the model has linked (after ready, in an idle period).
    await openConsoleUntouched(p, baseUrl, '?speed=0&isolate=1');
    await waitForMoodwatch(p);
    starts.push(
      await p.evaluate(() => {
        const res = performance.getEntriesByType('resource');
        const script = res.find((e) => /\/moodwatch\.js(\?|$)/.test(e.name));
        const wasm = res.find((e) => /\.wasm(\?|$)/.test(e.name));
        const nav = performance.getEntriesByType('navigation')[0];
        return {
          scriptToReady: script ? window.__mw.readyAt - script.startTime : null,
          navToReady: window.__mw.readyAt,
          domContentLoadedToReady: nav ? window.__mw.readyAt - nav.domContentLoadedEventEnd : null,
          wasmBytes: wasm ? wasm.encodedBodySize || wasm.transferSize || null : null,
          wasmFetch: wasm ? wasm.responseEnd - wasm.startTime : null,
          // The loader's User Timing marks (www/moodwatch.js), relative to the script starting.
          phases: Object.fromEntries(
            ['compiled', 'glue', 'instantiated', 'ready', 'model'].map((n) => {
              const start = performance.getEntriesByName('moodwatch:start')[0];
              const m = performance.getEntriesByName(`moodwatch:${n}`)[0];
              return [n, start && m ? m.startTime - start.startTime : null];
            }),
          ),
          scriptQueued: script ? performance.getEntriesByName('moodwatch:start')[0]?.startTime - script.startTime : null,
          // The analyzer's load times on this load (diagnostics() through the loader's API).
          load: typeof window.moodwatch?.diagnostics === 'function' ? window.moodwatch.diagnostics().load : null,
        };
      }),
    );
    await p.close();
  }
  const typical = starts.slice(1);
  const median = (k) => percentile(typical.map((s) => s[k]).filter((v) => v !== null), 50);
  emit('cold_start_script_to_ready', starts[0].scriptToReady, 'ms');
  emit('cold_start_script_to_ready_median3', percentile(starts.slice(0, 3).map((s) => s.scriptToReady).filter((v) => v !== null), 50), 'ms');
  emit('cold_start_script_to_ready_typical', median('scriptToReady'), 'ms');
  emit('cold_start_script_to_ready_typical_p25', percentile(typical.map((s) => s.scriptToReady).filter((v) => v !== null), 25), 'ms');
  emit('cold_start_script_to_ready_typical_p75', percentile(typical.map((s) => s.scriptToReady).filter((v) => v !== null), 75), 'ms');
  emit('navigation_to_ready_typical', median('navToReady'), 'ms');
  emit('navigation_to_ready', starts[0].navToReady, 'ms');
  emit('domcontentloaded_to_ready', starts[0].domContentLoadedToReady, 'ms');
  if (starts[0].wasmBytes) emit('wasm_bytes_fetched', starts[0].wasmBytes, 'bytes');
  if (starts[0].wasmFetch !== null) emit('wasm_fetch', starts[0].wasmFetch, 'ms');
  // Where the cold start goes (medians of the typical loads): waiting for the script to run,
  // then from the script running to the wasm compiled, the module instantiated, and ready
  // (the analyzer's data loaded and the widget attached).
  const medianOf = (f) => percentile(typical.map(f).filter((v) => v !== null && v !== undefined), 50);
  emit('cold_start_script_fetch_to_run_typical', medianOf((s) => s.scriptQueued), 'ms');
  for (const n of ['compiled', 'instantiated', 'ready']) {
    emit(`cold_start_run_to_${n}_typical`, medianOf((s) => s.phases[n]), 'ms');
  }
  // Until the deferred model is planned (ready + the first idle period + planning): from
  // then on every message is read by lexicon and model without a wait.
  emit('cold_start_script_to_model_planned_typical', medianOf((s) => (s.phases.model === null ? null : s.phases.model + s.scriptQueued)), 'ms');

  // The messages are measured in a browser of their own, on a module nothing has run yet (as
  // in an agent's console): pages of one site in one browser can share the code V8 compiled
  // and optimised for the same module bytes. It closes when the runner closes this test's page.
  const messageBrowser = await launchBrowser();
  page.once('close', () => messageBrowser.close());
  context = messageBrowser.context;
  page = await context.newPage();
  await openConsoleUntouched(page, baseUrl, '?speed=0&isolate=1');
  await waitForMoodwatch(page);

  // Per message: customerSays inserts the node (t0); the next moodwatch:assessment for the open
  // conversation, then the following animation frame, is when the overlay shows it (t1).
  // Main-thread time comes from Chromium's own TaskDuration/ScriptDuration counters (CDP).
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => {
    const { metrics: m } = await cdp.send('Performance.getMetrics');
    const get = (n) => m.find((x) => x.name === n)?.value ?? 0;
    return { task: get('TaskDuration') * 1000, script: get('ScriptDuration') * 1000, layout: get('LayoutDuration') * 1000 };
  };
  const latency = [];
  const toEvent = [];
  let sameFrame = 0;
  const task = [];
  const script = [];
  // moodwatch's own main-thread time per message, from its diagnostics() spans: every
  // MutationObserver callback minus the time spent in the page's listeners of its events, plus
  // the overlay placement frame; and the phases of that time.
  const own = [];
  const phases = { relevant: [], read: [], engine: [], serialise: [], render: [], dispatch: [], frame: [] };
  await page.evaluate(async () => {
    window.__mwDiag = await import(new URL('pkg/moodwatch.js', document.baseURI).href);
  });
  let missed = 0;
  // The idle-time warm-up (src/web/warmup.rs) runs after the first attach; whether it had
  // finished when the first message came, and what it cost, are printed below.
  const warmAtStart = await page.evaluate(() => window.__mwDiag.diagnostics().warmup);
  // A Chromium trace over the messages gives moodwatch's calls their thread CPU time as well
  // as their wall time (see cpu-trace.mjs for why both are printed).
  const trace = await startTrace(cdp);
  for (let i = 0; i < MESSAGES; i++) {
    await page.evaluate(() => window.__mwDiag.resetDiagnostics());
    const m0 = await metrics();
    const r = await page.evaluate(
      (text) =>
        new Promise((resolve) => {
          const conv = window.demoConsole.current();
          let settled = false;
          const finish = (value) => {
            if (settled) return;
            settled = true;
            document.removeEventListener('moodwatch:assessment', on);
            resolve(value);
          };
          // A frame callback registered before the message is inserted runs in the first
          // frame after it: if the assessment event (dispatched after the overlay was written)
          // came before it, the overlay showed the message in that same frame.
          let eventSeen = false;
          let sameFrame = null;
          requestAnimationFrame(() => {
            sameFrame = eventSeen;
          });
          const on = (e) => {
            if (e.detail && e.detail.conversation !== undefined && e.detail.conversation !== conv) return;
            const tEvent = performance.now();
            eventSeen = true;
            requestAnimationFrame(() => {
              performance.mark('mw-bench:shown');
              finish({ latency: performance.now() - t0, toEvent: tEvent - t0, sameFrame });
            });
          };
          document.addEventListener('moodwatch:assessment', on);
          setTimeout(() => finish({ latency: null }), 3000);
          performance.mark('mw-bench:message');
          const t0 = performance.now();
          window.demoConsole.customerSays(conv, text);
        }),
      `${LINES[i % LINES.length]}`,
    );
    const m1 = await metrics();
    if (r.latency === null) {
      missed += 1;
      continue;
    }
    latency.push(r.latency);
    toEvent.push(r.toEvent);
    if (r.sameFrame) sameFrame += 1;
    task.push(m1.task - m0.task);
    script.push(m1.script - m0.script);
    const d = await page.evaluate(() => {
      const x = window.__mwDiag.diagnostics();
      const sum = (a) => a.reduce((p, v) => p + v, 0);
      const c = x.callbacks;
      return {
        own: sum(c.own) + sum(x.frames),
        relevant: sum(c.relevant), read: sum(c.read), engine: sum(c.engine), serialise: sum(c.serialise),
        render: sum(c.render), dispatch: sum(c.dispatch), frame: sum(x.frames),
      };
    });
    own.push(d.own);
    for (const k of Object.keys(phases)) phases[k].push(d[k]);
  }
  const perMessage = moodwatchTimePerMessage(await trace.stop(), 'mw-bench:message', 'mw-bench:shown') || [];
  await cdp.detach().catch(() => {});
  emit('message_to_overlay_p50', percentile(latency, 50), 'ms');
  emit('message_to_overlay_p99', percentile(latency, 99), 'ms');
  emit('message_to_overlay_written_p50', percentile(toEvent, 50), 'ms');
  emit('message_to_overlay_written_p99', percentile(toEvent, 99), 'ms');
  emit('overlay_in_same_frame', (100 * sameFrame) / Math.max(1, latency.length), '%');
  emit('main_thread_per_message_p50', percentile(task, 50), 'ms');
  emit('main_thread_per_message_p99', percentile(task, 99), 'ms');
  emit('script_per_message_p50', percentile(script, 50), 'ms');
  emit('script_per_message_p99', percentile(script, 99), 'ms');
  emit('moodwatch_own_per_message_p50', percentile(own, 50), 'ms');
  emit('moodwatch_own_per_message_p99', percentile(own, 99), 'ms');
  // The same calls from the trace: thread CPU time (what the main thread spent on moodwatch)
  // and wall time (which also holds any time the OS had the thread descheduled).
  const ownCpu = perMessage.map((m) => m.cpu);
  const ownWall = perMessage.map((m) => m.wall);
  emit('moodwatch_own_cpu_per_message_p50', percentile(ownCpu, 50), 'ms');
  emit('moodwatch_own_cpu_per_message_p99', percentile(ownCpu, 99), 'ms');
  emit('moodwatch_own_cpu_per_message_max', Math.max(...ownCpu), 'ms');
  emit('moodwatch_own_traced_wall_per_message_p99', percentile(ownWall, 99), 'ms');
  emit('messages_traced', ownCpu.length, 'count');
  for (const [k, v] of Object.entries(phases)) emit(`moodwatch_${k}_p50`, percentile(v, 50), 'ms');
  for (const [k, v] of Object.entries(phases)) emit(`moodwatch_${k}_p99`, percentile(v, 99), 'ms');
  const warm = await page.evaluate(() => window.__mwDiag.diagnostics().warmup);
  if (warm) {
    emit('warmup_done_before_first_message', warmAtStart && warmAtStart.done ? 1 : 0, 'bool');
    emit('warmup_main_thread', warm.ms, 'ms');
    emit('warmup_idle_slices', warm.slices, 'count');
    emit('warmup_turns', warm.steps, 'count');
  }
  // From the cold load (the first): later loads in the same browser can reuse the code V8
  // compiled and optimised for the same module bytes, and load faster.
  const load = starts[0].load;
  if (load) {
    emit('analyzer_load', load.analyzerMs, 'ms');
    emit('analyzer_load_lexicon', load.lexiconMs, 'ms');
    emit('analyzer_load_model', load.modelMs, 'ms');
    emit('analyzer_load_lexicon_typical', medianOf((s) => s.load?.lexiconMs), 'ms');
  }
  emit('messages_measured', latency.length, 'count');
  emit('messages_without_assessment', missed, 'count');

  const ua = await page.evaluate(() => navigator.userAgent);
  await mergeBenchArtifact('page', {
        browser: ua,
        messages: MESSAGES,
        notes: {
          cold_start_script_to_ready: 'moodwatch.js fetch start -> moodwatch:ready (Resource Timing, performance.now); the browser\'s first page',
          cold_start_script_to_ready_typical: 'the same, median of the 9 fresh pages after the first (each closed once measured; no HTTP cache)',
          message_to_overlay: 'demoConsole.customerSays -> moodwatch:assessment -> next requestAnimationFrame',
          message_to_overlay_written: 'demoConsole.customerSays -> moodwatch:assessment (dispatched after the overlay is written)',
          overlay_in_same_frame: 'messages whose overlay update landed before the first animation frame after the insertion',
          main_thread_per_message: 'Chromium TaskDuration delta per message (page + moodwatch), CDP Performance.getMetrics',
          moodwatch_own_per_message: "moodwatch's diagnostics() (wall clock): observer callbacks minus dispatch into page listeners, plus placement frames",
          moodwatch_own_cpu_per_message: "Chromium trace, thread CPU time (tdur) of moodwatch's closure calls from the insertion to the next message's, minus page listeners; idle-callback warm-up excluded (cpu-trace.mjs)",
        },
        figures,
        // Per message, in insertion order: where the slow ones fall (first use, or spread).
        series: {
          moodwatch_own_ms: own.map((v) => round(v, 3)),
          moodwatch_own_cpu_ms: ownCpu.map((v) => round(v, 3)),
          moodwatch_own_traced_wall_ms: ownWall.map((v) => round(v, 3)),
          ...Object.fromEntries(Object.entries(phases).map(([k, v]) => [`${k}_ms`, v.map((x) => round(x, 3))])),
        },
  });

  assert(ownCpu.length === latency.length, `every measured message traced (${ownCpu.length} of ${latency.length})`);
  for (const k of ['cold_start_script_to_ready', 'cold_start_script_to_ready_typical', 'message_to_overlay_p50', 'message_to_overlay_p99', 'main_thread_per_message_p50', 'main_thread_per_message_p99', 'moodwatch_own_cpu_per_message_p99']) {
    assert(figures[k] && Number.isFinite(figures[k].value), `figure ${k} was measured (${JSON.stringify(figures[k])})`);
  }
});

// An idle console: what moodwatch costs when nothing happens. Chromium's own TaskDuration
// (CDP) over the same idle window with moodwatch attached, then after detach(); the
// difference is moodwatch's idle cost. While a customer waits, the wait timer ticks once a
// second (the overlay shows whole seconds); with nobody waiting nothing should run at all.
test('idle page: CPU with moodwatch attached vs detached', { needsMoodwatch: true, timeout: 180_000 }, async ({ page, context, baseUrl, log }) => {
  const WINDOW_MS = 5000;
  await openConsole(page, baseUrl, '?speed=0');
  await waitForMoodwatch(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskMs = async () => {
    const { metrics: m } = await cdp.send('Performance.getMetrics');
    return (m.find((x) => x.name === 'TaskDuration')?.value ?? 0) * 1000;
  };
  // The first seconds after load or a change are not idle (V8 finishes compiling and tiering
  // up the wasm, the page settles): measured, about 8 ms in the first second, then flat.
  const idle = async () => {
    await page.waitForTimeout(3000);
    const t0 = await taskMs();
    await page.waitForTimeout(WINDOW_MS);
    return ((await taskMs()) - t0) / (WINDOW_MS / 1000);
  };
  // Answer every customer first so that nobody is waiting: the wait timer must then stop.
  await page.evaluate(() => {
    for (const c of window.demoConsole.conversations()) {
      const id = typeof c === 'string' ? c : c.id;
      window.demoConsole.agentSays(id, '好的，已经为您处理好了');
    }
  });
  const timerStopped = await page.evaluate(() => window.moodwatch.handle && !window.moodwatch.handle.timerRunning);
  const attachedIdle = await idle();
  // One customer waiting: the 1 Hz wait timer runs.
  await page.evaluate(() => window.demoConsole.customerSays(window.demoConsole.current(), '在吗？'));
  const timerRuns = await page.evaluate(() => window.moodwatch.handle && window.moodwatch.handle.timerRunning);
  const waitingIdle = await idle();
  await page.evaluate(() => window.moodwatch.handle.detach());
  const detachedIdle = await idle();
  await cdp.detach().catch(() => {});
  const figures = {};
  const emit = (name, value, unit) => {
    figures[name] = { value: round(value, 3), unit };
    log(`bench: ${name} ${round(value, 3)} ${unit}`);
  };
  emit('idle_task_ms_per_s_attached_nobody_waiting', attachedIdle, 'ms/s');
  emit('idle_task_ms_per_s_attached_customer_waiting', waitingIdle, 'ms/s');
  emit('idle_task_ms_per_s_detached', detachedIdle, 'ms/s');
  emit('idle_moodwatch_cost_nobody_waiting', attachedIdle - detachedIdle, 'ms/s');
  emit('idle_moodwatch_cost_customer_waiting', waitingIdle - detachedIdle, 'ms/s');
  await mergeBenchArtifact('idle', { windowMs: WINDOW_MS, figures });
  assert(timerStopped, 'with nobody waiting the wait timer is stopped');
  assert(timerRuns, 'with a customer waiting the wait timer runs');
  for (const k of Object.keys(figures)) assert(Number.isFinite(figures[k].value), `${k} measured`);
});

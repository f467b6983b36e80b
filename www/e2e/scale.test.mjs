// moodwatch at scale: 30 open conversations and one of 2 000 messages. Prints moodwatch's own
// main-thread time per message (diagnostics(): MutationObserver callback minus the page's own
// event listeners) for the first and the last 200 messages; checks that each appended message
// is read as an append (no re-read of the whole list: work per message does not grow with the
// conversation) and that the overlay still follows the conversation on screen.
import { test, RECORD_EVENTS, waitForMoodwatch, overlayState, waitUntil, assert, percentile, mergeBenchArtifact } from './harness.mjs';

const LINES = [
  ['customer', '我的快递怎么三天都没动了？'],
  ['agent', '亲，我帮您查一下物流'],
  ['customer', '订单号 2931 4408 7765 2019 337'],
  ['agent', '好的，已经帮您催促仓库了'],
  ['customer', '行吧，那我再等等'],
  ['customer', '这个能开发票吗？公司报销用'],
  ['agent', '可以的亲，下单时备注抬头即可'],
  ['customer', '收到了，质量挺好的，满意'],
];
const CONVERSATIONS = 30;
const LONG = 2000;
const round = (x, d = 3) => (Number.isFinite(x) ? Number(x.toFixed(d)) : null);

test(`${CONVERSATIONS} open conversations and one of ${LONG} messages: per-message cost stays flat, the overlay still responds`, { needsMoodwatch: true, timeout: 300_000 }, async ({ page, baseUrl, log }) => {
  page.__errors = [];
  page.on('pageerror', (e) => page.__errors.push(String(e)));
  await page.addInitScript(RECORD_EVENTS);
  await page.goto(new URL('e2e/pages/scale.html', baseUrl).href, { waitUntil: 'load' });
  await waitForMoodwatch(page);

  // 30 conversations, each with 20 history messages, opened one after another, each with a
  // live customer message.
  await page.evaluate(async ({ n, lines }) => {
    const t0 = Date.now() - 3600_000;
    for (let c = 1; c <= n; c++) {
      const id = `c${c}`;
      window.scale.seed(id, Array.from({ length: 20 }, (_, i) => [lines[i % lines.length][0], lines[i % lines.length][1]]), t0);
      window.scale.open(id);
      await new Promise((r) => setTimeout(r, 0));
      window.scale.say('customer', `会话 ${c}：请问什么时候发货？`);
      await new Promise((r) => setTimeout(r, 0));
    }
  }, { n: CONVERSATIONS, lines: LINES });
  const convState = await page.evaluate(() => window.moodwatch.state());
  assert(convState && convState.conversation === `c${CONVERSATIONS}`, `the overlay follows the open conversation (${convState?.conversation})`);

  // One long conversation: 2 000 messages appended one by one (each its own task, as a widget
  // receiving messages does).
  const run = await page.evaluate(async ({ total, lines }) => {
    window.scale.open('long');
    await new Promise((r) => setTimeout(r, 0));
    const mw = window.moodwatch;
    const { diagnostics, resetDiagnostics } = await import(new URL('../../pkg/moodwatch.js', location.href).href);
    resetDiagnostics();
    const wall = [];
    for (let i = 0; i < total; i++) {
      const [role, text] = lines[i % lines.length];
      const t = performance.now();
      window.scale.say(role, `${text}（${i}）`);
      await Promise.resolve(); // the observer's microtask runs before this continuation
      wall.push(performance.now() - t);
      if (i % 50 === 49) await new Promise((r) => setTimeout(r, 0));
    }
    await new Promise((r) => setTimeout(r, 50));
    const d = diagnostics();
    return { own: d.callbacks.own, total: d.callbacks.total, wall, fullScans: d.fullScans, appendScans: d.appendScans, processed: mw.handle.processedTurns };
  }, { total: LONG, lines: LINES });

  assert(run.own.length >= LONG, `one observer callback per message at least (${run.own.length})`);
  const slice = (a, from, to) => a.slice(from, to);
  const fig = {};
  const emit = (name, value, unit) => {
    fig[name] = { value: round(value), unit };
    log(`bench: ${name} ${round(value)} ${unit}`);
  };
  const first = slice(run.own, 0, 200);
  const last = slice(run.own, run.own.length - 200);
  emit('scale_own_first200_p50', percentile(first, 50), 'ms');
  emit('scale_own_first200_p99', percentile(first, 99), 'ms');
  emit('scale_own_last200_p50', percentile(last, 50), 'ms');
  emit('scale_own_last200_p99', percentile(last, 99), 'ms');
  emit('scale_wall_first200_p50', percentile(slice(run.wall, 0, 200), 50), 'ms');
  emit('scale_wall_last200_p50', percentile(slice(run.wall, LONG - 200), 50), 'ms');
  emit('scale_full_rescans_during_appends', run.fullScans, 'count');
  emit('scale_append_scans', run.appendScans, 'count');
  await mergeBenchArtifact('scale', { conversations: CONVERSATIONS, messages: LONG, figures: fig });

  assert(run.fullScans === 0, `no appended message made moodwatch re-read the whole list (full rescans: ${run.fullScans})`);
  assert(run.appendScans >= LONG, `every message was read as an append (${run.appendScans})`);

  // The overlay still responds: an angry customer at message 2 001 raises the badge, and
  // switching back to a short conversation shows its state.
  await page.evaluate(() => {
    window.scale.say('customer', '你们这服务太差了，再不处理我就给差评！');
    window.scale.say('customer', '我要投诉你们，今天不退款我就打12315');
  });
  await waitUntil(async () => ((await overlayState(page))?.level ?? 0) >= 2, { timeout: 10_000, message: 'the badge rises to level 2 after 2 000 messages' });
  await page.evaluate(() => window.scale.open('c3'));
  await waitUntil(async () => (await page.evaluate(() => window.moodwatch.state()?.conversation)) === 'c3', { timeout: 5000, message: 'switching to c3' });
  assert(((await overlayState(page))?.level ?? 9) <= 1, 'a calm conversation shows a calm badge after the switch');
  assert(page.__errors.length === 0, `no page errors (${page.__errors.join(' | ')})`);
});

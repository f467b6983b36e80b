// moodwatch's main-thread *CPU* time per message, from a Chromium trace.
//
// Why a trace: the wall-clock spans in diagnostics() include the time the renderer's main
// thread was not running at all. On a 2-core machine that also runs the browser process, the
// GPU process, the test driver and the server, the OS deschedules the main thread for a
// 4 ms scheduler tick now and then, and a span that straddles one reads 4 ms longer
// (measured: a 4.4 ms span whose thread time was 1.0 ms). Chromium's trace events carry
// both `dur` (wall) and `tdur` (the thread's CPU time), so a trace tells the two apart.
//
// What counts as moodwatch's: every top-level call into a wasm-bindgen closure (`real` in the
// generated glue: the MutationObserver callback, the placement frame, the wait timer, event
// handlers) on the page's main thread from a message's insertion to the next message's, minus the page's own listeners that run inside moodwatch's event dispatch. Idle-callback
// work (the one-off warm-up, src/web/warmup.rs) is not per-message work and is reported
// separately by the bench, so calls inside `FireIdleCallback` are left out.

/** Categories the analysis needs (kept small: tracing itself costs main-thread time). */
export const TRACE_CATEGORIES = 'devtools.timeline,v8,blink.user_timing';

/** Starts a trace on a CDP session; `stop()` ends it and resolves with the events. */
export async function startTrace(cdp) {
  const events = [];
  const onData = (d) => events.push(...d.value);
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReportEvents' });
  return {
    async stop() {
      const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await done;
      cdp.off('Tracing.dataCollected', onData);
      return events;
    },
  };
}

const within = (outer, e) => e !== outer && e.ts >= outer.ts && e.ts + e.dur <= outer.ts + outer.dur;
const cpu = (e) => (e.tdur ?? e.dur) / 1000;
const wall = (e) => e.dur / 1000;

/**
 * Per message, the CPU and wall milliseconds of moodwatch's calls from the user-timing mark
 * `startMark` (one per message, in order) to the next one; a message whose window has no
 * `endMark` (the frame that showed it) was not shown and is left out. Returns null when the
 * trace has no such marks or no moodwatch calls at all.
 */
export function moodwatchTimePerMessage(events, startMark, endMark) {
  const starts = events.filter((e) => e.name === startMark).sort((a, b) => a.ts - b.ts);
  const ends = events.filter((e) => e.name === endMark).sort((a, b) => a.ts - b.ts);
  const calls = events.filter((e) => e.ph === 'X' && e.name === 'FunctionCall' && e.args?.data?.functionName === 'real');
  if (!starts.length || !calls.length) return null;
  // The page's main thread: where the marks are.
  const { pid, tid } = starts[0];
  const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && Number.isFinite(e.dur));
  const idle = main.filter((e) => e.name === 'FireIdleCallback');
  const dispatches = main.filter((e) => e.name === 'EventDispatch' && String(e.args?.data?.type || '').startsWith('moodwatch:'));
  const listenerCalls = main.filter((e) => e.name === 'v8.callFunction' || e.name === 'FunctionCall');
  const ours = calls.filter((c) => c.pid === pid && c.tid === tid && !idle.some((i) => within(i, c)));
  // Only outermost closure calls: a closure called from inside another is already counted.
  const top = ours.filter((c) => !ours.some((o) => within(o, c)));
  const out = [];
  for (let i = 0; i < starts.length; i++) {
    const a = starts[i].ts;
    // Up to the next message (or the trace's end), so that what moodwatch does after the
    // frame (the page's follow-up DOM writes reach its observer too) is counted as well.
    const b = starts[i + 1]?.ts ?? Infinity;
    if (!ends.some((e) => e.ts >= a && e.ts < b)) continue;
    let c = 0;
    let w = 0;
    for (const call of top.filter((x) => x.ts >= a && x.ts < b)) {
      c += cpu(call);
      w += wall(call);
      // The page's listeners of moodwatch's events run inside the call: theirs, not ours.
      for (const d of dispatches.filter((x) => within(call, x))) {
        const inner = listenerCalls.filter((x) => within(d, x));
        for (const l of inner.filter((x) => !inner.some((o) => within(o, x)))) {
          c -= cpu(l);
          w -= wall(l);
        }
      }
    }
    out.push({ cpu: c, wall: w });
  }
  return out;
}

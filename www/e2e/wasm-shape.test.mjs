// Properties of the shipped wasm that no behaviour test sees but every call pays for:
//  - no exported function starts by re-running the static constructors. If nothing calls
//    `__wasm_call_ctors` itself, lld wraps every export in a call to it ("command" linkage),
//    so each MutationObserver callback re-registered tract's kernels (src/wasm_init.rs);
//  - tract's unused operator set is not linked (src/analysis/model/ops.rs, vendor/README.md):
//    the code section stays far below the 7.7 MB it had with every operator.
// Reads both modules of the release build (www/pkg/moodwatch_bg.wasm, moodwatch_model_bg.wasm) with a small parser of the binary format.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, assert, WWW } from './harness.mjs';

function reader(bytes) {
  let pos = 0;
  const r = {
    get pos() { return pos; },
    set pos(p) { pos = p; },
    byte: () => bytes[pos++],
    u32() {
      let result = 0;
      let shift = 0;
      for (;;) {
        const b = bytes[pos++];
        result += (b & 0x7f) * 2 ** shift;
        shift += 7;
        if (b < 0x80) return result;
      }
    },
    name() {
      const n = r.u32();
      const s = new TextDecoder().decode(bytes.subarray(pos, pos + n));
      pos += n;
      return s;
    },
  };
  return r;
}

/** Sections by id (custom sections left out), each as [start, end) offsets. */
function sections(bytes) {
  const r = reader(bytes);
  r.pos = 8;
  const out = new Map();
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    out.set(id, [r.pos, r.pos + size]);
    r.pos += size;
  }
  return out;
}

// The module that attaches to the widget carries no tract at all (the model comes from the
// model module after start-up: src/web/model_link.rs); the model module carries tract's
// trimmed operator set.
const MODULES = [
  { file: 'moodwatch_bg.wasm', maxCode: 1_000_000, why: 'has tract come back into the module that starts first?' },
  { file: 'moodwatch_model_bg.wasm', maxCode: 6_000_000, why: "has tract's full operator set come back?" },
];

test('wasm: exports do not re-run the static constructors; no tract in the first module, its operator set trimmed in the model module', { needsMoodwatch: true }, async ({ log }) => {
  for (const m of MODULES) await checkModule(m, log);
});

async function checkModule({ file, maxCode, why }, log) {
  const bytes = new Uint8Array(await readFile(join(WWW, 'pkg', file)));
  const secs = sections(bytes);
  const r = reader(bytes);

  // Imported functions come first in the function index space.
  let imported = 0;
  [r.pos] = secs.get(2);
  for (let n = r.u32(); n > 0; n--) {
    r.name();
    r.name();
    const kind = r.byte();
    if (kind === 0) { r.u32(); imported++; }
    else if (kind === 1) { r.byte(); const f = r.byte(); r.u32(); if (f & 1) r.u32(); }
    else if (kind === 2) { const f = r.byte(); r.u32(); if (f & 1) r.u32(); }
    else if (kind === 3) { r.byte(); r.byte(); }
  }

  const exported = [];
  [r.pos] = secs.get(7);
  for (let n = r.u32(); n > 0; n--) {
    const name = r.name();
    const kind = r.byte();
    const index = r.u32();
    if (kind === 0 && index >= imported) exported.push({ name, index });
  }

  // The body of every defined function: skip its locals, read its first instruction.
  const firstCall = new Map();
  const [codeStart, codeEnd] = secs.get(10);
  r.pos = codeStart;
  const count = r.u32();
  const wanted = new Set(exported.map((e) => e.index - imported));
  for (let i = 0; i < count; i++) {
    const size = r.u32();
    const end = r.pos + size;
    if (wanted.has(i)) {
      for (let groups = r.u32(); groups > 0; groups--) { r.u32(); r.byte(); }
      if (r.byte() === 0x10) firstCall.set(i + imported, r.u32());
    }
    r.pos = end;
  }
  const byCallee = new Map();
  for (const e of exported) {
    const callee = firstCall.get(e.index);
    if (callee !== undefined) byCallee.set(callee, [...(byCallee.get(callee) || []), e.name]);
  }
  const [callee, names] = [...byCallee.entries()].sort((a, b) => b[1].length - a[1].length)[0] || [null, []];
  log(`${file}: exported functions: ${exported.length}; most common first call: function ${callee} in ${names.length}`);
  // A shared first call in most exports is the linker's constructor wrapper.
  assert(
    names.length < Math.max(3, exported.length / 4),
    `${file}: ${names.length} of ${exported.length} exports start by calling function ${callee} (the static constructors?): ${names.slice(0, 5).join(', ')}`,
  );

  const codeBytes = codeEnd - codeStart;
  log(`${file}: code section ${codeBytes} bytes; whole module ${bytes.length} bytes`);
  assert(codeBytes < maxCode, `${file}: code section is ${codeBytes} bytes: ${why}`);
}

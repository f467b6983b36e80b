// `npm pack` of www/npm gives a package whose files exist and whose entry points resolve.
// Does what the package's `prepack` script does, except rebuilding the wasm (it takes the
// release build in www/pkg), in a temporary copy, then packs it with scripts off.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test, assert, WWW } from './harness.mjs';

const run = promisify(execFile);

test('npm pack of www/npm: every file it lists and every entry point exists', { needsMoodwatch: true, timeout: 120_000 }, async ({ log }) => {
  const dir = await mkdtemp(join(tmpdir(), 'moodwatch-npm-'));
  try {
    const pkgDir = join(dir, 'moodwatch');
    await cp(join(WWW, 'npm'), pkgDir, { recursive: true });
    await mkdir(join(pkgDir, 'pkg'), { recursive: true });
    for (const f of await readdir(join(WWW, 'pkg'))) {
      if (f === '.gitignore' || f === 'package.json') continue;
      await cp(join(WWW, 'pkg', f), join(pkgDir, 'pkg', f));
    }
    await cp(join(WWW, 'moodwatch.d.ts'), join(pkgDir, 'moodwatch.d.ts'));
    await cp(join(WWW, 'presets'), join(pkgDir, 'presets'), { recursive: true });
    const out = join(dir, 'out');
    await mkdir(out);
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], { cwd: pkgDir });
    const [info] = JSON.parse(stdout.slice(stdout.indexOf('[')));
    const files = info.files.map((f) => f.path);
    log(`# ${info.filename}: ${files.length} files, ${info.size} bytes packed, ${info.unpackedSize} unpacked`);
    for (const want of ['package.json', 'index.js', 'index.d.ts', 'moodwatch.d.ts', 'pkg/moodwatch.js', 'pkg/moodwatch.d.ts', 'pkg/moodwatch_bg.wasm', 'pkg/moodwatch_model.js', 'pkg/moodwatch_model.d.ts', 'pkg/moodwatch_model_bg.wasm', 'presets/demo.json', 'presets/chatscope.json', 'presets/chatui.json']) {
      assert(files.includes(want), `the package has ${want} (${files.join(', ')})`);
    }
    // Unpack and check the entry points and the relative imports of the JS/TS entry files.
    const x = join(dir, 'x');
    await mkdir(x);
    await run('tar', ['-xzf', join(out, info.filename), '-C', x]);
    const root = join(x, 'package');
    const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    const targets = [manifest.main, manifest.module, manifest.types];
    for (const v of Object.values(manifest.exports)) targets.push(...(typeof v === 'string' ? [v] : Object.values(v)));
    for (const t of targets.filter((t) => !t.includes('*'))) {
      await readFile(join(root, t)).catch(() => assert(false, `package.json points at ${t}, which exists`));
    }
    for (const entry of ['index.js', 'index.d.ts', 'moodwatch.d.ts']) {
      const text = await readFile(join(root, entry), 'utf8');
      for (const [, spec] of text.matchAll(/from\s+"(\.[^"]+)"/g)) {
        const cands = [spec, `${spec}.d.ts`, spec.replace(/\.js$/, '.d.ts')];
        let ok = false;
        for (const c of cands) ok ||= await readFile(join(root, c)).then(() => true, () => false);
        assert(ok, `${entry} imports ${spec}, which exists in the package`);
      }
    }
    assert(info.unpackedSize > 1_000_000, `the wasm is in the package (${info.unpackedSize} bytes unpacked)`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// www/serve.mjs: MIME types, no caching, no escaping its root. Needs no browser page.
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { startServer } from '../serve.mjs';
import { test, assert, assertEqual } from './harness.mjs';

/** Raw GET that sends the path as written (fetch would normalise `..`). */
function get(port, path, method = 'GET', headers = {}) {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('serves www-style files with the right MIME types, no caching, gzip when accepted, and stays in its root', async () => {
  const base = await mkdtemp(join(tmpdir(), 'moodwatch-serve-'));
  const root = join(base, 'www');
  await mkdir(join(root, 'pkg'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>x</title>');
  // A wasm header followed by compressible padding (bodies under 1 KB are sent as they are).
  const wasmBytes = Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), Buffer.alloc(4096, 7)]);
  await writeFile(join(root, 'pkg', 'moodwatch_bg.wasm'), wasmBytes);
  await writeFile(join(root, 'moodwatch.js'), 'void 0;');
  await writeFile(join(root, 'm.mjs'), 'export {};');
  await writeFile(join(root, '中文 名.json'), '{}');
  await writeFile(join(base, 'secret.txt'), 'outside');
  const srv = await startServer({ port: 0, root });
  try {
    assert(/^http:\/\/127\.0\.0\.1:\d+\/$/.test(srv.url), `url ${srv.url}`);
    const cases = [
      ['/', 200, 'text/html; charset=utf-8'],
      ['/pkg/moodwatch_bg.wasm', 200, 'application/wasm'],
      ['/moodwatch.js?v=1', 200, 'text/javascript; charset=utf-8'],
      ['/m.mjs', 200, 'text/javascript; charset=utf-8'],
      [`/${encodeURIComponent('中文 名.json')}`, 200, 'application/json; charset=utf-8'],
    ];
    for (const [path, status, type] of cases) {
      const r = await get(srv.port, path);
      assertEqual([r.status, r.headers['content-type']], [status, type], `GET ${path}`);
      assert(/no-store/.test(r.headers['cache-control'] ?? ''), `GET ${path} sends Cache-Control: no-store`);
      assert(!r.headers.etag && !r.headers['last-modified'], `GET ${path} sends no validators`);
    }
    const wasm = await get(srv.port, '/pkg/moodwatch_bg.wasm');
    assertEqual([...wasm.body.subarray(0, 4)], [0, 0x61, 0x73, 0x6d], 'wasm bytes served as-is');
    assertEqual(wasm.headers['content-encoding'], undefined, 'no gzip unless the client accepts it');
    const zipped = await get(srv.port, '/pkg/moodwatch_bg.wasm', 'GET', { 'Accept-Encoding': 'gzip, deflate, br' });
    assertEqual([zipped.headers['content-encoding'], zipped.headers['content-type']], ['gzip', 'application/wasm'], 'wasm gzip-compressed for a browser');
    assert(zipped.body.length < wasmBytes.length / 4, `compressed body ${zipped.body.length} B < ${wasmBytes.length} B`);
    assert(gunzipSync(zipped.body).equals(wasmBytes), 'the compressed body is the file');
    assertEqual(Number(zipped.headers['content-length']), zipped.body.length, 'Content-Length is the compressed length');
    assertEqual((await get(srv.port, '/pkg/moodwatch_bg.wasm', 'HEAD')).body.length, 0, 'HEAD has no body');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/pkg/..%2f..%2fsecret.txt', '/nope.js']) {
      const r = await get(srv.port, path);
      assert(r.status === 404 || r.status === 400, `GET ${path} is refused (${r.status})`);
      assert(!r.body.toString().includes('outside'), `GET ${path} does not leak a file outside the root`);
    }
    assertEqual((await get(srv.port, '/', 'POST')).status, 405, 'POST is refused');
  } finally {
    await srv.close();
    await rm(base, { recursive: true, force: true });
  }
});

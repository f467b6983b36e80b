#!/usr/bin/env node
// Tiny zero-dependency static server for the moodwatch demo console.
//
//   node www/serve.mjs --port 8080 [--host 127.0.0.1]
//
// Serves www/ with the MIME types browsers insist on (`application/wasm` for streaming
// compilation, `text/javascript` for modules) and no caching, so a rebuilt wasm is always
// picked up. Like any production static server it sends text and wasm gzip-compressed to
// browsers that accept it (the wasm shrinks from 6.5 to 1.9 MB); `--no-gzip` turns that off.
// The e2e runner imports `startServer` and asks for port 0 (a free port).
import { createServer } from 'node:http';
import { stat, readFile } from 'node:fs/promises';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
};

const NO_CACHE = {
  'Cache-Control': 'no-store, no-cache, must-revalidate, max-age=0',
  Pragma: 'no-cache',
  Expires: '0',
};

/** Types worth compressing (everything else is already compressed or tiny). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.txt', '.tsv', '.map', '.ts', '.svg', '.onnx']);

const gzipAsync = promisify(gzip);

/** Compressed bodies by path, valid while the file's size and mtime are unchanged. */
const gzipCache = new Map();

async function gzipped(file, info, body) {
  const key = `${info.size}:${info.mtimeMs}`;
  const hit = gzipCache.get(file);
  if (hit && hit.key === key) return hit.body;
  const compressed = await gzipAsync(body, { level: 6 });
  gzipCache.set(file, { key, body: compressed });
  return compressed;
}

const ISOLATE = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Maps a request path to a file under `root`, or null when it would escape it. */
function resolvePath(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = resolve(root, '.' + normalize('/' + decoded));
  const base = resolve(root);
  if (full !== base && !full.startsWith(base + sep)) return null;
  return full;
}

async function handle(root, req, res, log, compress) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', ...NO_CACHE });
    res.end('method not allowed\n');
    return;
  }
  let file = resolvePath(root, req.url || '/');
  if (!file) {
    res.writeHead(400, NO_CACHE);
    res.end('bad path\n');
    return;
  }
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file);
    }
    const body = await readFile(file);
    const type = MIME[extname(file).toLowerCase()] || 'application/octet-stream';
    // `?isolate=1` on a page makes it cross-origin isolated (COOP + COEP), which gives
    // performance.now() 5 µs resolution instead of 100 µs: the core benchmarks use it.
    const isolate = /[?&]isolate=1(&|$)/.test(req.url || '') ? ISOLATE : {};
    const encoding =
      compress && COMPRESSIBLE.has(extname(file).toLowerCase()) && body.length > 1024 &&
      /\bgzip\b/.test(String(req.headers['accept-encoding'] || ''))
        ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' }
        : null;
    const sent = encoding ? await gzipped(file, info, body) : body;
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': sent.length, ...(encoding || {}), ...NO_CACHE, ...isolate });
    res.end(req.method === 'HEAD' ? undefined : sent);
    if (log) log(`200 ${req.url}`);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...NO_CACHE });
    res.end(`not found: ${req.url}\n`);
    if (log) log(`404 ${req.url}`);
  }
}

/**
 * Starts the server and resolves once it listens.
 * `gzip` (default true) compresses text and wasm for browsers that accept it; the two wasm
 * modules are compressed once before the server listens, so the first page load does not pay for it.
 * @param {{port?: number, host?: string, root?: string, log?: (line: string) => void, gzip?: boolean}} opts
 * @returns {Promise<{url: string, port: number, host: string, close: () => Promise<void>}>}
 */
export async function startServer({ port = 0, host = '127.0.0.1', root = ROOT, log, gzip: compress = true } = {}) {
  if (compress) {
    for (const name of ['moodwatch_bg.wasm', 'moodwatch_model_bg.wasm']) {
      const wasm = join(root, 'pkg', name);
      try {
        const info = await stat(wasm);
        await gzipped(wasm, info, await readFile(wasm));
      } catch {
        // Not built yet: compressed on first request instead.
      }
    }
  }
  const server = createServer((req, res) => {
    handle(root, req, res, log, compress).catch(() => {
      if (!res.headersSent) res.writeHead(500, NO_CACHE);
      res.end();
    });
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      const actual = server.address().port;
      ok({
        url: `http://${host}:${actual}/`,
        port: actual,
        host,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

function parseArgs(argv) {
  const opts = { port: 8080, host: '127.0.0.1', verbose: false, gzip: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--port' || a === '-p') opts.port = Number(value());
    else if (a.startsWith('--port=')) opts.port = Number(a.slice(7));
    else if (a === '--host') opts.host = value();
    else if (a.startsWith('--host=')) opts.host = a.slice(7);
    else if (a === '--verbose' || a === '-v') opts.verbose = true;
    else if (a === '--no-gzip') opts.gzip = false;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node www/serve.mjs [--port 8080] [--host 127.0.0.1] [--no-gzip] [--verbose]');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    throw new Error(`--port expects 0..65535, got ${opts.port}`);
  }
  return opts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`serve.mjs: ${e.message}`);
    process.exit(2);
  }
  const srv = await startServer({
    port: opts.port,
    host: opts.host,
    log: opts.verbose ? (l) => console.log(l) : undefined,
    gzip: opts.gzip,
  }).catch((e) => {
    console.error(`serve.mjs: cannot listen on ${opts.host}:${opts.port}: ${e.message}`);
    process.exit(1);
  });
  console.log(`moodwatch demo: ${srv.url}`);
  const stop = () => srv.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

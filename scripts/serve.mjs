#!/usr/bin/env node
/**
 * Static server for the demo pages and the browser tests.
 *
 * Serves the repository root, so `/www/` (the web component and demo pages) and
 * `/pkg/` (the wasm package from scripts/build.sh) are both reachable, the way a
 * government site would host them side by side. No dependencies: node's http only.
 *
 * - binds 127.0.0.1, port from PORT (default 8080; 0 picks a free one and prints it)
 * - `/` redirects to `/www/`, a folder serves its index.html
 * - sends the strict Content-Security-Policy the widget must work under on every HTML response
 * - ROOT (default: the repository root) changes the folder served
 *
 * Usage: node scripts/serve.mjs            → http://127.0.0.1:8080/www/
 * As a module: `const { server, url } = await startServer({ port: 0 })`.
 */
import { createServer } from 'node:http';
import { stat, readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The policy every HTML page is served with: the widget must need nothing more. */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Maps a request path to a file under root, or null when it would leave root. */
function fileFor(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = normalize(join(root, decoded));
  if (file !== root && !file.startsWith(root + sep)) return null;
  return file;
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

/** Handles one request: GET/HEAD of files under root, nothing else. */
async function handle(root, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    return;
  }
  const { pathname } = new URL(req.url, 'http://localhost');
  if (pathname === '/') {
    send(res, 302, 'See /www/', { Location: '/www/' });
    return;
  }
  let file = fileFor(root, pathname);
  if (!file) {
    send(res, 403, 'Forbidden');
    return;
  }
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      if (!pathname.endsWith('/')) {
        send(res, 301, 'Moved', { Location: pathname + '/' });
        return;
      }
      file = join(file, 'index.html');
      info = await stat(file);
    }
    const body = await readFile(file);
    const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const headers = {
      'Content-Type': type,
      'Content-Length': body.length,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    };
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CSP;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (err) {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') send(res, 404, 'Not found');
    else send(res, 500, 'Server error');
  }
}

/**
 * Starts the server; resolves to { server, port, url } once it listens.
 * @param {{ port?: number, root?: string }} [options]
 */
export function startServer({ port = 8080, root = REPO_ROOT } = {}) {
  const absRoot = resolve(root);
  const server = createServer((req, res) => {
    handle(absRoot, req, res).catch(() => send(res, 500, 'Server error'));
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actual = server.address().port;
      resolvePromise({ server, port: actual, url: `http://127.0.0.1:${actual}` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number.parseInt(process.env.PORT ?? '8080', 10);
  const { url } = await startServer({ port, root: process.env.ROOT ?? REPO_ROOT });
  console.log(`policy-matcher demo: ${url}/www/  (Ctrl+C to stop)`);
}

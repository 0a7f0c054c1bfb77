#!/usr/bin/env node
/**
 * The production server `npm start` runs (through server/start.mjs): Next.js's
 * request handler behind a small HTTP server that keeps rendered pages in memory
 * and serves them again with a fresh CSP nonce (server/page-cache.mjs).
 *
 *   node server/server.mjs [--port 3000] [--hostname 127.0.0.1]
 *
 * A page is rendered by Next.js the first time it is asked for (per theme), then
 * served from memory: the graph is read once per process, so its HTML does not
 * change. API answers marked `Cache-Control: public` are kept the same way. The cache is off when the graph may change (TRELLIS_WATCH=1) and with
 * TRELLIS_PAGE_CACHE_MB=0; its size is TRELLIS_PAGE_CACHE_MB (default 64).
 * Responses say `x-trellis-cache: hit` or `miss`.
 */
import { createServer } from 'node:http';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzip } from 'node:zlib';
import next from 'next';
import { cacheKeyOf, DEFAULT_CACHE_BYTES, newNonce, PageCache } from './lib/page-cache.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({
  options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } },
  allowPositionals: true,
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;

process.title = 'trellis-server';
process.env.NEXT_TELEMETRY_DISABLED = '1';

const megabytes = process.env.TRELLIS_PAGE_CACHE_MB === undefined ? DEFAULT_CACHE_BYTES / 1048576 : Number(process.env.TRELLIS_PAGE_CACHE_MB);
const cache = process.env.TRELLIS_WATCH === '1' || !(megabytes > 0) ? undefined : new PageCache(megabytes * 1048576);

const app = next({ dev: false, dir: root, hostname: hostname ?? 'localhost', port });
const handle = app.getRequestHandler();
await app.prepare();

/** @param {string | Uint8Array} chunk @param {unknown} encoding */
const toBuffer = (chunk, encoding) => (typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? /** @type {BufferEncoding} */ (encoding) : 'utf8') : Buffer.from(chunk));

/**
 * Lets Next.js answer, and keeps a copy of what it sends for the cache. The request
 * asks for no compression, so the copy is plain text whose nonce can be replaced.
 *
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} key
 */
function renderAndKeep(req, res, key) {
  delete req.headers['accept-encoding'];
  /** @type {Buffer[]} */
  const chunks = [];
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  // @ts-expect-error: the overloads of write and end are passed through as they come
  res.write = (chunk, encoding, callback) => {
    if (chunk != null && typeof chunk !== 'function') chunks.push(toBuffer(chunk, encoding));
    return write(chunk, encoding, callback);
  };
  // @ts-expect-error: as above
  res.end = (chunk, encoding, callback) => {
    if (chunk != null && typeof chunk !== 'function') chunks.push(toBuffer(chunk, encoding));
    if (req.method === 'GET') cache?.store(key, { status: res.statusCode, headers: res.getHeaders(), body: Buffer.concat(chunks) });
    return end(chunk, encoding, callback);
  };
  res.setHeader('x-trellis-cache', 'miss');
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {{ status: number, headers: [string, string | string[]][], body: Buffer[], length: number, zipped?: Buffer, keepZipped?: (zipped: Buffer) => void }} page
 */
function serve(req, res, page) {
  res.statusCode = page.status;
  for (const [name, value] of page.headers) res.setHeader(name, value);
  res.setHeader('x-trellis-cache', 'hit');
  const vary = String(res.getHeader('vary') ?? '');
  if (!/accept-encoding/i.test(vary)) res.setHeader('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && page.length >= 1024) {
    res.setHeader('content-encoding', 'gzip');
    // An answer without a nonce is compressed once and kept so.
    if (page.zipped) return send(req, res, [page.zipped], page.zipped.length);
    // Compressed off the main thread (zlib's pool), so the server keeps answering meanwhile.
    return gzip(Buffer.concat(page.body, page.length), { level: 5 }, (error, zipped) => {
      if (error) {
        res.removeHeader('content-encoding');
        return send(req, res, [Buffer.concat(page.body, page.length)], page.length);
      }
      page.keepZipped?.(zipped);
      send(req, res, [zipped], zipped.length);
    });
  }
  send(req, res, page.body, page.length);
}

/**
 * Writes a body given in pieces, in one go (corked), with its length.
 *
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {Buffer[]} pieces
 * @param {number} length
 */
function send(req, res, pieces, length) {
  res.setHeader('content-length', length);
  if (req.method === 'HEAD') return res.end();
  res.cork();
  for (const piece of pieces) res.write(piece);
  res.end();
  res.uncork();
}

const server = createServer((req, res) => {
  const key = cache && cacheKeyOf(req);
  if (key) {
    const page = cache.take(key, newNonce());
    if (page) return serve(req, res, page);
    renderAndKeep(req, res, key);
  }
  handle(req, res).catch((/** @type {unknown} */ error) => {
    console.error('trellis: request failed', req.url, error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});

server.listen(port, hostname, () => {
  console.log(`trellis: serving on http://${hostname ?? 'localhost'}:${port}${cache ? `, pages cached in memory (up to ${megabytes} MB)` : ''}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    void app.close?.();
    process.exit(0);
  });
}

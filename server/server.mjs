#!/usr/bin/env node
/**
 * The production server `npm start` runs (through server/start.mjs): Next.js's
 * request handler behind a small HTTP server that makes every page and API answer
 * the same bytes for every reader, so that any number of these processes, a reverse
 * proxy and a CDN can share them (docs/deployment.md).
 *
 *   node server/server.mjs [--port 3000] [--hostname 127.0.0.1] [--dir .]
 *
 * For a page or an API route it takes Next.js's whole answer, then (server/respond.mjs):
 * puts the hashes of the page's own scripts in its CSP (server/page-csp.mjs), gives it
 * its Cache-Control and an ETag, answers 304 to a matching If-None-Match, and compresses
 * it when the client accepts brotli or gzip. Pages and answers marked
 * `Cache-Control: public` are kept in memory with their compressed copies
 * (server/page-cache.mjs): rendered and compressed once. The cache is off when the graph
 * may change (TRELLIS_WATCH=1) and with TRELLIS_PAGE_CACHE_MB=0; its size is
 * TRELLIS_PAGE_CACHE_MB (default 64). Responses say `x-trellis-cache: hit` or `miss`.
 * A request target longer than MAX_URL_LENGTH gets a 414 and goes no further.
 *
 * `--dir` is the folder of the built app: the repository, or a standalone build's folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { markerRequestHeader, newMarker } from './page-csp.mjs';
import { cacheKeyOf, DEFAULT_CACHE_BYTES, PageCache, themeOf } from './page-cache.mjs';
import { RenderGate, rendersAtOnce } from './render-gate.mjs';
import { MAX_URL_LENGTH, PAGE_CACHE_CONTROL, prepareResponse, sendPrepared, THEMED_PAGE_CACHE_CONTROL, WATCHED_PAGE_CACHE_CONTROL } from './respond.mjs';

const { values } = parseArgs({
  options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' }, dir: { type: 'string' } },
  allowPositionals: true,
});
const root = resolve(values.dir ?? dirname(dirname(fileURLToPath(import.meta.url))));
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;

process.title = 'trellis-server';
process.env.NEXT_TELEMETRY_DISABLED = '1';

const watching = process.env.TRELLIS_WATCH === '1';
const megabytes = process.env.TRELLIS_PAGE_CACHE_MB === undefined ? DEFAULT_CACHE_BYTES / 1048576 : Number(process.env.TRELLIS_PAGE_CACHE_MB);
const cache = watching || !(megabytes > 0) ? undefined : new PageCache(megabytes * 1048576);
const gate = new RenderGate(rendersAtOnce());

applyBuildConfig(root);
// A standalone build carries its own copy of Next.js; load the one beside the app.
const { default: next } = await import(resolveNext(root));
// Next.js is told 'localhost' whatever address the server listens on: the URLs it makes for
// proxy.ts then have the origin it compares rewrites with, so a rewrite stays in the process
// instead of going out and back through this server as a second request.
const app = next({ dev: false, dir: root, hostname: 'localhost', port });
const handle = app.getRequestHandler();
await app.prepare();

/**
 * Serves with the configuration the build was made with, as Next.js's own standalone
 * server does: a standalone folder has no next.config.js, and in the repository the
 * config is then not evaluated a second time.
 */
function applyBuildConfig(dir) {
  const file = join(dir, process.env.TRELLIS_DIST_DIR || '.next', 'required-server-files.json');
  const { config } = JSON.parse(readFileSync(file, 'utf8'));
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
  process.env.NODE_ENV = 'production';
  // The build's id names the code that derives the graph: a graph saved in the store by
  // another build is never read back (lib/store/graph-snapshot.ts).
  const buildId = join(dir, process.env.TRELLIS_DIST_DIR || '.next', 'BUILD_ID');
  if (existsSync(buildId)) process.env.TRELLIS_CODE_VERSION = readFileSync(buildId, 'utf8').trim();
  // The content folder and the store are found relative to the working folder, as with `npm start`.
  if (!existsSync(join(dir, 'next.config.js'))) process.chdir(dir);
}

/** Next.js as installed for the app in `dir` (node_modules/next), found the way Node would from there. */
function resolveNext(dir) {
  return pathToFileURL(createRequire(join(dir, 'package.json')).resolve('next')).href;
}

/** @param {string | Uint8Array} chunk @param {unknown} encoding */
const toBuffer = (chunk, encoding) => (typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? /** @type {BufferEncoding} */ (encoding) : 'utf8') : Buffer.from(chunk));

/** The Cache-Control of a page for this request. */
function pageCacheControlFor(req) {
  if (watching) return WATCHED_PAGE_CACHE_CONTROL;
  return themeOf(req.headers.cookie) ? THEMED_PAGE_CACHE_CONTROL : PAGE_CACHE_CONTROL;
}

/**
 * Lets Next.js render a page or API answer into memory instead of onto the socket, then
 * prepares, keeps and sends it. Next.js is asked to put a fresh marker on its scripts as
 * their nonce (server/page-csp.mjs), which the prepared page no longer carries.
 *
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} key
 */
function renderAndKeep(req, res, key) {
  const { 'accept-encoding': acceptEncoding, 'if-none-match': ifNoneMatch } = req.headers;
  const method = req.method;
  const marker = newMarker();
  // A HEAD is rendered as a GET, so that its length and ETag are the page's (Next.js would
  // render nothing), and the page is kept; the body is left out when it is sent.
  req.method = 'GET';
  // Next.js answers the whole body, uncompressed: this server compresses, and answers a
  // conditional request itself, by its own ETag.
  for (const name of ['accept-encoding', 'if-none-match', 'if-modified-since']) delete req.headers[name];
  req.headers['content-security-policy'] = markerRequestHeader(marker);
  /** @type {Buffer[]} */
  const chunks = [];
  // Nothing reaches the socket until the whole answer is in: its CSP and ETag depend on all of it.
  res.flushHeaders = () => {};
  // @ts-expect-error: the overloads of writeHead are passed through as they come
  res.writeHead = (status, ...rest) => {
    res.statusCode = status;
    const headers = rest.find((r) => typeof r === 'object' && r !== null);
    if (Array.isArray(headers)) for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(headers[i], headers[i + 1]);
    else if (headers) for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    return res;
  };
  // @ts-expect-error: the overloads of write are passed through as they come
  res.write = (chunk, encoding, callback) => {
    if (chunk != null && typeof chunk !== 'function') chunks.push(toBuffer(chunk, encoding));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (done) process.nextTick(done);
    return true;
  };
  // @ts-expect-error: as above
  res.end = (chunk, encoding, callback) => {
    if (chunk != null && typeof chunk !== 'function') chunks.push(toBuffer(chunk, encoding));
    const done = [chunk, encoding, callback].find((f) => typeof f === 'function');
    if (done) res.once('finish', done);
    // Back to the real methods, which the patches above shadowed.
    for (const name of ['end', 'write', 'writeHead', 'flushHeaders']) delete res[/** @type {'end'} */ (name)];
    const rendered = { status: res.statusCode, headers: res.getHeaders(), body: Buffer.concat(chunks) };
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    const page = prepareResponse(rendered, { marker, pageCacheControl: pageCacheControlFor(req) });
    req.method = method;
    const kept = cache?.store(key, page) ? cache.peek(key) : undefined;
    res.setHeader('x-trellis-cache', 'miss');
    void sendPrepared(req, res, page, { acceptEncoding, ifNoneMatch, keepEncoded: kept ? (coding, bytes) => cache?.keepEncoded(key, kept, coding, bytes) : undefined });
    return res;
  };
}

/** A request target too long to be a URL of this site: refused before anything reads it, and never echoed. */
function refuseLongUrl(res) {
  res.writeHead(414, {
    'content-type': 'text/plain; charset=utf-8',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.end(`URI too long: this site's addresses are at most ${MAX_URL_LENGTH} characters.\n`);
}

const server = createServer((req, res) => {
  if ((req.url ?? '').length > MAX_URL_LENGTH) return refuseLongUrl(res);
  // Only this server names the scripts' nonce (renderAndKeep); a client's own is dropped.
  delete req.headers['content-security-policy'];
  delete req.headers['content-security-policy-report-only'];
  const key = cacheKeyOf(req);
  if (key) {
    const page = cache?.take(key);
    if (page) {
      res.setHeader('x-trellis-cache', 'hit');
      const keepEncoded = (/** @type {string} */ coding, /** @type {Buffer} */ bytes) => cache?.keepEncoded(key, page, coding, bytes);
      return void sendPrepared(req, res, page, { acceptEncoding: req.headers['accept-encoding'], ifNoneMatch: req.headers['if-none-match'], keepEncoded });
    }
    // A page or API answer to render: it waits for a slot (server/render-gate.mjs), but for
    // the health check, which a load balancer must get at once.
    const render = () => {
      renderAndKeep(req, res, key);
      handOver(req, res);
    };
    return (req.url ?? '').startsWith('/api/health') ? render() : gate.enter(res, render);
  }
  // A client-side navigation's server components are a render too; scripts and styles are not.
  if (req.headers.rsc || (req.url ?? '').includes('_rsc=')) return gate.enter(res, () => handOver(req, res));
  handOver(req, res);
});

/** Lets Next.js answer; an error it throws becomes a 500, logged. */
function handOver(req, res) {
  handle(req, res).catch((/** @type {unknown} */ error) => {
    console.error('trellis: request failed', req.url?.slice(0, 200), error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
}

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

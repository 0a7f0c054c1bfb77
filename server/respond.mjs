/**
 * Turning what Next.js rendered into a response every reader and every cache can share,
 * and sending it: the page's CSP with its script hashes, its Cache-Control, a strong
 * ETag from its bytes, 304 on a matching If-None-Match, and brotli or gzip when the
 * client accepts either, whatever the size.
 *
 * Plain JavaScript (JSDoc types): server/server.mjs runs it under plain Node.
 */
import { createHash } from 'node:crypto';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { identityOf } from './page-cache.mjs';
import { pageCsp, sealPage } from './page-csp.mjs';

/**
 * A page's Cache-Control. Browsers revalidate every time (max-age=0), which costs a 304
 * when nothing changed. A CDN or reverse proxy keeps a page 5 minutes (s-maxage=300):
 * the content only changes when the server restarts on new content, and 5 minutes is how
 * late that may show. For a day past that (stale-while-revalidate=86400) it may answer
 * with the copy it has while it fetches the new one, so a reader never waits on a render
 * for a page someone read that day.
 */
export const PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=300, stale-while-revalidate=86400';
/** A page in a chosen theme (the `theme` cookie) is that reader's alone; their browser still revalidates it by ETag. */
export const THEMED_PAGE_CACHE_CONTROL = 'private, no-cache';
/** With TRELLIS_WATCH=1 a page may change at any save: every cache asks each time (by ETag). */
export const WATCHED_PAGE_CACHE_CONTROL = 'no-cache';

/**
 * The longest request target (path and query) answered; anything longer gets a 414 before
 * Next.js sees it. Node.js itself refuses request heads past 16 KB (431); below this limit
 * each route checks its own parameters (a search query past 1,000 characters is a 400),
 * and a 10 KB query string on a page is still answered as a short one would be.
 */
export const MAX_URL_LENGTH = 12 * 1024;

/** Response headers that belong to one response and are never replayed. */
const ONE_RESPONSE_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date', 'content-encoding', 'etag', 'x-trellis-cache']);

/** What is worth compressing: text, JSON, XML, SVG. Images and fonts are compressed already. */
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|xml|manifest\+json|[\w.+-]+\+(?:json|xml))|image\/svg\+xml)/i;

/** A strong entity tag of `body`'s bytes. */
export function etagOf(body) {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/**
 * What Next.js rendered, made ready to send and keep. An HTML response loses its
 * marker and gets the policy with its own scripts' hashes; a 200 page gets
 * `pageCacheControl`.
 *
 * @param {{ status: number, headers: Record<string, string | string[] | number | undefined>, body: Buffer }} rendered
 * @param {{ marker: string, pageCacheControl: string }} options
 * @returns {import('./page-cache.mjs').PreparedResponse}
 */
export function prepareResponse({ status, headers, body }, { marker, pageCacheControl }) {
  /** @type {Map<string, string | string[]>} */
  const kept = new Map();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || ONE_RESPONSE_HEADERS.has(name.toLowerCase())) continue;
    kept.set(name.toLowerCase(), Array.isArray(value) ? value.map(String) : String(value));
  }
  let bytes = body;
  if (String(kept.get('content-type') ?? '').startsWith('text/html')) {
    const sealed = sealPage(body, marker);
    bytes = sealed.body;
    kept.set('content-security-policy', pageCsp(sealed.hashes));
    // A page rendered while an index was still building says so with this mark (the
    // "still indexing" notice): neither this server nor a CDN may keep it past that.
    const pending = bytes.includes('data-trellis-pending');
    if (status === 200) kept.set('cache-control', pending ? 'no-store' : pageCacheControl);
  }
  const vary = String(kept.get('vary') ?? '');
  if (!/accept-encoding/i.test(vary)) kept.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
  return { status, headers: [...kept], body: bytes, etag: etagOf(bytes), encoded: new Map() };
}

/**
 * The encoding to answer in, from an Accept-Encoding header: brotli, else gzip, else none.
 * A coding with `q=0` is refused.
 *
 * @param {string | string[] | undefined} header
 * @returns {'br' | 'gzip' | undefined}
 */
export function chooseEncoding(header) {
  /** @type {Map<string, number>} */
  const accepted = new Map();
  for (const part of String(header ?? '').split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (coding) accepted.set(coding.trim(), q === undefined ? 1 : Number(q));
  }
  const allows = (coding) => (accepted.get(coding) ?? accepted.get('*') ?? 0) > 0;
  if (allows('br')) return 'br';
  if (allows('gzip')) return 'gzip';
  return undefined;
}

/**
 * Whether an If-None-Match header names `etag` (weakly, as RFC 9110 asks for GET): a
 * client's copy in any encoding of the same bytes still matches.
 *
 * @param {string | string[] | undefined} header
 * @param {string} etag
 */
export function matchesEtag(header, etag) {
  const value = String(header ?? '').trim();
  if (value === '*') return true;
  const bare = etag.slice(1, -1);
  return value.split(',').some((tag) => {
    const opaque = /^\s*(?:W\/)?"([^"]*)"\s*$/.exec(tag)?.[1];
    return opaque !== undefined && opaque.replace(/-(?:br|gzip)$/, '') === bare;
  });
}

/** The entity tag of `page` in `encoding`: a different byte sequence, so a different strong tag. */
const etagIn = (etag, encoding) => (encoding ? `${etag.slice(0, -1)}-${encoding}"` : etag);

/**
 * Compresses `body` off the main thread (zlib's pool), so the server keeps answering meanwhile.
 *
 * @param {Buffer} body
 * @param {'br' | 'gzip'} encoding
 * @returns {Promise<Buffer>}
 */
export function encode(body, encoding) {
  return new Promise((done, fail) => {
    const callback = (/** @type {Error | null} */ error, /** @type {Buffer} */ bytes) => (error ? fail(error) : done(bytes));
    if (encoding === 'gzip') gzip(body, { level: 6 }, callback);
    // Quality 5: about gzip's speed, and smaller.
    else brotliCompress(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }, callback);
  });
}

/**
 * Sends a prepared response: 304 when the client's copy is current, else the body in
 * the best encoding the client accepts. A compressed copy made here is handed to
 * `keepEncoded`, so the cache compresses each answer once.
 *
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {import('./page-cache.mjs').PreparedResponse} page
 * @param {{ acceptEncoding: string | string[] | undefined, ifNoneMatch: string | string[] | undefined, keepEncoded?: (encoding: string, bytes: Buffer) => void }} options
 */
export async function sendPrepared(req, res, page, { acceptEncoding, ifNoneMatch, keepEncoded }) {
  res.statusCode = page.status;
  for (const [name, value] of page.headers) res.setHeader(name, value);
  const type = String(res.getHeader('content-type') ?? '');
  const encoding = (page.identityLength ?? page.body.length) > 0 && COMPRESSIBLE.test(type) ? chooseEncoding(acceptEncoding) : undefined;
  if (page.status === 200) {
    res.setHeader('etag', etagIn(page.etag, encoding));
    if (matchesEtag(ifNoneMatch, page.etag)) {
      res.statusCode = 304;
      return res.end();
    }
  }
  if (!encoding) return sendBytes(req, res, identityOf(page));
  let bytes = page.encoded.get(encoding);
  if (!bytes) {
    const identity = identityOf(page);
    try {
      bytes = await encode(identity, encoding);
    } catch {
      if (page.status === 200) res.setHeader('etag', page.etag);
      return sendBytes(req, res, identity);
    }
    keepEncoded?.(encoding, bytes);
  }
  res.setHeader('content-encoding', encoding);
  sendBytes(req, res, bytes);
}

/**
 * Writes a body in one go, with its length; a HEAD gets the headers only.
 *
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {Buffer} bytes
 */
function sendBytes(req, res, bytes) {
  res.setHeader('content-length', bytes.length);
  if (req.method === 'HEAD') return res.end();
  res.end(bytes);
}

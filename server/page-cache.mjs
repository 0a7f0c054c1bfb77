/**
 * An in-memory cache of rendered pages that keeps the Content-Security-Policy's
 * nonce fresh on every response.
 *
 * Trellis's pages render per request because their CSP carries a nonce, new each
 * time (proxy.ts), so neither Next.js nor a CDN may keep the HTML. A page's HTML
 * is otherwise the same for every reader of the same URL (and theme): the graph is
 * read once per process. So the server keeps each page it renders with its nonce
 * cut out, and serves it again with a new nonce put in, in the HTML and in the
 * header alike. A nonce is 48 random characters; no text of the corpus holds it.
 *
 * Answers the app marks shareable (`Cache-Control: public`: the JSON of /api/search,
 * /api/neighbourhood and the like) are kept too, as they are: a CDN would keep them,
 * and the graph they come from does not change while the process runs.
 *
 * Plain JavaScript (JSDoc types): server/server.mjs runs it under plain Node.
 */
import { randomUUID } from 'node:crypto';

/** Cached pages are dropped, oldest use first, past this many bytes in all. */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;
/** A page larger than this is served, not kept. */
const MAX_PAGE_BYTES = 4 * 1024 * 1024;

/** Response headers a cached page is not served with: they belong to one response. */
const ONE_RESPONSE_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date', 'set-cookie', 'content-encoding', 'etag']);

/** A nonce as proxy.ts makes them. */
export const newNonce = () => btoa(randomUUID());

/**
 * The cache key of a request, or undefined when its response must not be cached:
 * anything but GET and HEAD of a page or an API route (Next's assets, client-side
 * navigation and prefetch requests for React Server Component payloads, server
 * actions). Pages vary only by URL and the theme cookie (app/layout.tsx); API
 * answers by URL alone.
 *
 * @param {{ method?: string, url?: string, headers: Record<string, string | string[] | undefined> }} request
 * @returns {string | undefined}
 */
export function cacheKeyOf(request) {
  const { method, url = '/', headers } = request;
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  if (url.startsWith('/_next/') || url.includes('_rsc=')) return undefined;
  if (headers.rsc || headers['next-router-state-tree'] || headers['next-router-prefetch'] || headers['next-action'] || headers.purpose === 'prefetch') return undefined;
  if (url.startsWith('/api/')) return `api\n${url}`;
  const theme = /(?:^|;\s*)theme=(light|dark)(?:;|$)/.exec(String(headers.cookie ?? ''))?.[1] ?? '';
  return `${theme}\n${url}`;
}

/** The nonce a Content-Security-Policy header names, if any. */
export function nonceOf(csp) {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(String(csp ?? ''))?.[1];
}

/**
 * A kept page: its body as the UTF-8 bytes between its nonces, so a response is written as
 * those pieces and the new nonce between them, without building a string or buffer of the
 * whole page (a page of 100 KB or more would be a large object for the garbage collector on
 * every response).
 *
 * An answer without a nonce (an API's JSON) is the same bytes every time, so its gzipped
 * copy, once made, is kept beside it (`zipped`) and counted in the cache's size.
 *
 * @typedef {{ status: number, headers: [string, string | string[]][], csp: string[] | undefined, body: Buffer[], nonceBytes: number, bytes: number, zipped?: Buffer }} CachedPage
 */

/** @param {CachedPage} page */
const sizeOf = (page) => page.bytes + (page.zipped?.length ?? 0);

/**
 * The pieces of `bytes` between the occurrences of `separator`, each a copy (the cache
 * keeps them, not the buffer Next.js wrote).
 *
 * @param {Buffer} bytes
 * @param {Buffer} separator
 */
function splitBytes(bytes, separator) {
  const pieces = [];
  let from = 0;
  for (let at = bytes.indexOf(separator); at >= 0; at = bytes.indexOf(separator, from)) {
    pieces.push(Buffer.from(bytes.subarray(from, at)));
    from = at + separator.length;
  }
  pieces.push(Buffer.from(bytes.subarray(from)));
  return pieces;
}

export class PageCache {
  /** @param {number} maxBytes */
  constructor(maxBytes = DEFAULT_CACHE_BYTES) {
    this.maxBytes = maxBytes;
    this.bytes = 0;
    this.hits = 0;
    this.misses = 0;
    /** @type {Map<string, CachedPage>} in order of last use */
    this.pages = new Map();
  }

  /**
   * Keeps a rendered response, if it is a whole, uncompressed 200 answer without a
   * cookie that is either an HTML page with a nonce or marked `Cache-Control: public`.
   * Returns whether it was kept.
   *
   * @param {string} key
   * @param {{ status: number, headers: Record<string, string | string[] | number | undefined>, body: Buffer }} response
   */
  store(key, { status, headers, body }) {
    if (this.maxBytes <= 0 || status !== 200 || body.length > MAX_PAGE_BYTES) return false;
    if (headers['set-cookie'] || headers['content-encoding']) return false;
    const html = String(headers['content-type'] ?? '').startsWith('text/html');
    const nonce = html ? nonceOf(headers['content-security-policy']) : undefined;
    const shareable = /(?:^|,)\s*public\s*(?:,|$)/i.test(String(headers['cache-control'] ?? ''));
    if (!nonce && !shareable) return false;
    const kept = [];
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || ONE_RESPONSE_HEADERS.has(name.toLowerCase()) || name.toLowerCase() === 'content-security-policy') continue;
      kept.push([name, Array.isArray(value) ? value.map(String) : String(value)]);
    }
    const page = {
      status,
      headers: kept,
      csp: headers['content-security-policy'] === undefined ? undefined : nonce ? String(headers['content-security-policy']).split(nonce) : [String(headers['content-security-policy'])],
      body: nonce ? splitBytes(body, Buffer.from(nonce, 'utf8')) : [Buffer.from(body)],
      nonceBytes: nonce ? Buffer.byteLength(nonce) : 0,
      bytes: body.length,
    };
    this.delete(key);
    this.pages.set(key, page);
    this.bytes += page.bytes;
    this.evict();
    return this.pages.has(key);
  }

  /** Drops the least recently used pages until the cache fits its size. */
  evict() {
    for (const [oldest, old] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.pages.delete(oldest);
      this.bytes -= sizeOf(old);
    }
  }

  /**
   * The page kept under `key`, with `nonce` in place of the one it was rendered with, or
   * undefined. Its body is a list of buffers to write in turn; `length` is their total.
   *
   * An answer without a nonce also carries its gzipped copy when one was kept, and
   * `keepZipped` to keep the one the caller makes.
   *
   * @param {string} key
   * @param {string} nonce
   * @returns {{ status: number, headers: [string, string | string[]][], body: Buffer[], length: number, zipped?: Buffer, keepZipped?: (zipped: Buffer) => void } | undefined}
   */
  take(key, nonce) {
    const page = this.pages.get(key);
    if (!page) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Most recently used last.
    this.pages.delete(key);
    this.pages.set(key, page);
    const fresh = Buffer.from(nonce, 'utf8');
    /** @type {Buffer[]} */
    const body = [];
    page.body.forEach((piece, i) => {
      if (i > 0) body.push(fresh);
      if (piece.length) body.push(piece);
    });
    const constant = page.body.length === 1;
    return {
      status: page.status,
      headers: page.csp ? [...page.headers, ['content-security-policy', page.csp.join(nonce)]] : page.headers,
      body,
      length: page.bytes + (page.body.length - 1) * (fresh.length - page.nonceBytes),
      ...(constant && page.zipped ? { zipped: page.zipped } : {}),
      ...(constant && !page.zipped ? { keepZipped: (/** @type {Buffer} */ zipped) => this.keepZipped(key, page, zipped) } : {}),
    };
  }

  /**
   * Keeps the gzipped copy of a constant answer, if that answer is still the one kept.
   *
   * @param {string} key
   * @param {CachedPage} page
   * @param {Buffer} zipped
   */
  keepZipped(key, page, zipped) {
    if (this.pages.get(key) !== page || page.zipped) return;
    page.zipped = zipped;
    this.bytes += zipped.length;
    this.evict();
  }

  /** @param {string} key */
  delete(key) {
    const old = this.pages.get(key);
    if (!old) return;
    this.pages.delete(key);
    this.bytes -= sizeOf(old);
  }
}

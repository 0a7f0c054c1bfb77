/**
 * An in-memory cache of rendered pages and shareable API answers, with their
 * compressed copies.
 *
 * A page's bytes are the same for every reader of the same URL and theme: the graph is
 * read once per process and the page's CSP carries script hashes, not a nonce
 * (server/page-csp.mjs). So the server keeps each page it renders, as it was sent, and
 * its gzip and brotli copies once a client has asked for one: a page is rendered once
 * and compressed once per encoding. Answers the app marks shareable
 * (`Cache-Control: public`: the JSON of /api/search, /api/neighbourhood and the like)
 * are kept too: a CDN would keep them, and the graph they come from does not change
 * while the process runs.
 *
 * Plain JavaScript (JSDoc types): server/server.mjs runs it under plain Node.
 */

import { gunzipSync, gzip } from 'node:zlib';

/** Cached pages are dropped, oldest use first, past this many bytes in all. */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;
/** A page larger than this is served, not kept. */
const MAX_PAGE_BYTES = 4 * 1024 * 1024;

/**
 * The cache key of a request, or undefined when its response is none of a page's or an
 * API route's: anything but GET and HEAD, Next's assets, client-side navigation and
 * prefetch requests for React Server Component payloads, server actions. Pages vary
 * only by URL and the theme cookie (app/layout.tsx); API answers by URL alone.
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
  return `${themeOf(headers.cookie)}\n${url}`;
}

/** The theme a reader chose (the `theme` cookie), or '' for "follow the system". */
export function themeOf(cookie) {
  return /(?:^|;\s*)theme=(light|dark)(?:;|$)/.exec(String(cookie ?? ''))?.[1] ?? '';
}

/**
 * A response ready to send: its status, headers (none of one response's own, such as
 * Date or Content-Length), identity body and strong entity tag, and the compressed
 * copies made so far.
 *
 * A kept response may hold only its gzip copy (`body` then empty and `identityLength`
 * its real length): a page is about six times smaller gzipped, so the cache holds six
 * times as many. `identityOf` gives the bytes back for a client that takes no gzip.
 *
 * @typedef {{ status: number, headers: [string, string | string[]][], body: Buffer, etag: string, encoded: Map<string, Buffer>, identityLength?: number }} PreparedResponse
 */

/** @param {PreparedResponse} page */
const sizeOf = (page) => page.body.length + [...page.encoded.values()].reduce((sum, bytes) => sum + bytes.length, 0);

/** Answers smaller than this are kept as they are: compressing them saves little. */
const COMPACT_FROM_BYTES = 2048;
const COMPACTABLE = /^(?:text\/|application\/(?:json|xml|[\w.+-]+\+(?:json|xml)))/i;

/**
 * The response's identity bytes, from its gzip copy when it is kept compact.
 *
 * @param {PreparedResponse} page
 * @returns {Buffer}
 */
export function identityOf(page) {
  const gzipped = page.identityLength !== undefined ? page.encoded.get('gzip') : undefined;
  return gzipped ? gunzipSync(gzipped) : page.body;
}

/**
 * Whether a response is worth keeping as its gzip copy only: text of some size.
 *
 * @param {PreparedResponse} page
 */
function isCompactable(page) {
  const type = String(new Map(page.headers).get('content-type') ?? '');
  return page.identityLength === undefined && page.body.length >= COMPACT_FROM_BYTES && COMPACTABLE.test(type);
}

/**
 * The same response, holding `gzipped` (its gzip copy) instead of its identity bytes.
 *
 * @param {PreparedResponse} page
 * @param {Buffer} gzipped
 * @returns {PreparedResponse}
 */
function compacted(page, gzipped) {
  const encoded = new Map(page.encoded);
  encoded.set('gzip', gzipped);
  return { ...page, body: Buffer.alloc(0), identityLength: page.body.length, encoded };
}

/** Whether a prepared response may be kept: a whole 200 HTML page or public answer, without a cookie. */
export function isKeepable({ status, headers, body }) {
  if (status !== 200 || body.length > MAX_PAGE_BYTES) return false;
  const named = new Map(headers.map(([name, value]) => [name.toLowerCase(), String(value)]));
  if (named.has('set-cookie') || named.has('content-encoding') || /no-store/i.test(named.get('cache-control') ?? '')) return false;
  const html = (named.get('content-type') ?? '').startsWith('text/html');
  return html || /(?:^|,)\s*public\s*(?:,|$)/i.test(named.get('cache-control') ?? '');
}

export class PageCache {
  /** @param {number} maxBytes */
  constructor(maxBytes = DEFAULT_CACHE_BYTES) {
    this.maxBytes = maxBytes;
    this.bytes = 0;
    this.hits = 0;
    this.misses = 0;
    /** @type {Map<string, PreparedResponse>} in order of last use */
    this.pages = new Map();
    /** @type {Set<Promise<void>>} compressions under way */
    this.compressing = new Set();
  }

  /**
   * Keeps a prepared response if `isKeepable` says it may be; returns whether it was kept
   * (`peek` gives what was kept). A page of some size is then compressed in zlib's
   * thread pool, off the thread that renders, and kept as its gzip copy only (see
   * `PreparedResponse`), unless the answer to a client that takes gzip brings that copy
   * first (`keepEncoded`).
   *
   * @param {string} key
   * @param {PreparedResponse} page
   */
  store(key, page) {
    if (this.maxBytes <= 0 || !isKeepable(page)) return false;
    this.delete(key);
    this.pages.set(key, page);
    this.bytes += sizeOf(page);
    this.evict();
    if (!this.pages.has(key)) return false;
    if (isCompactable(page)) {
      const done = new Promise((settle) => {
        gzip(page.body, { level: 6 }, (error, bytes) => {
          if (!error) this.compact(key, page, bytes);
          settle(undefined);
        });
      });
      this.compressing.add(done);
      void done.then(() => this.compressing.delete(done));
    }
    return true;
  }

  /** Resolves once every compression under way has been kept (what tests wait for). */
  async settled() {
    while (this.compressing.size > 0) await Promise.all(this.compressing);
  }

  /**
   * Replaces a kept response by its gzip copy, if it is still the one kept under `key`.
   *
   * @param {string} key
   * @param {PreparedResponse} page
   * @param {Buffer} gzipped
   */
  compact(key, page, gzipped) {
    if (this.pages.get(key) !== page || !isCompactable(page)) return;
    const kept = compacted(page, gzipped);
    // In place in the order of use: a compression finishing is not a use.
    this.pages.set(key, kept);
    this.bytes += sizeOf(kept) - sizeOf(page);
  }

  /**
   * The response kept under `key`, without counting a hit or a use.
   *
   * @param {string} key
   */
  peek(key) {
    return this.pages.get(key);
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
   * The response kept under `key`, or undefined.
   *
   * @param {string} key
   * @returns {PreparedResponse | undefined}
   */
  take(key) {
    const page = this.pages.get(key);
    if (!page) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Most recently used last.
    this.pages.delete(key);
    this.pages.set(key, page);
    return page;
  }

  /**
   * Keeps a compressed copy of a kept response, if that response is still the one kept
   * under `key` (it may have been replaced or dropped while the copy was made).
   *
   * @param {string} key
   * @param {PreparedResponse} page
   * @param {string} encoding
   * @param {Buffer} bytes
   */
  keepEncoded(key, page, encoding, bytes) {
    if (this.pages.get(key) !== page || page.encoded.has(encoding)) return;
    if (encoding === 'gzip' && isCompactable(page)) return this.compact(key, page, bytes);
    page.encoded.set(encoding, bytes);
    this.bytes += bytes.length;
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

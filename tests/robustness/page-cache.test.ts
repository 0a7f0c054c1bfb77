import { createHash } from 'node:crypto';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cacheKeyOf, identityOf, PageCache, type PreparedResponse } from '../../server/page-cache.mjs';
import { newMarker, pageCsp, sealPage } from '../../server/page-csp.mjs';
import { chooseEncoding, encode, matchesEtag, PAGE_CACHE_CONTROL, prepareResponse } from '../../server/respond.mjs';

/** A page as Next.js renders it with `marker` as its scripts' nonce, and a script injected into its content. */
function rendered(marker: string, extra: Record<string, string | string[] | undefined> = {}) {
  return {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': pageCsp([]),
      'cache-control': 'private, no-cache, no-store, max-age=0, must-revalidate',
      'x-content-type-options': 'nosniff',
      'content-length': '999',
      date: 'Mon, 23 Nov 2026 18:00:00 GMT',
      vary: 'rsc',
      ...extra,
    },
    body: Buffer.from(
      `<!DOCTYPE html><html><head><link rel="preload" as="script" nonce="${marker}" href="/_next/a.js"/>` +
        `<script nonce="${marker}" src="/_next/a.js" async=""></script></head>` +
        `<body>Café ☕<script>window.__pwned=1</script>` +
        `<script nonce="${marker}">(self.__next_f=self.__next_f||[]).push([0])</script>` +
        `<script nonce="${marker}">self.__next_f.push([1,"nonce:\\"${marker}\\" é"])</script></body></html>`,
    ),
  };
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const get = (url: string, headers: Record<string, string> = {}) => ({ method: 'GET', url, headers });
const prepare = (marker: string, extra?: Record<string, string | string[] | undefined>) => prepareResponse(rendered(marker, extra), { marker, pageCacheControl: PAGE_CACHE_CONTROL });
const headerOf = (page: PreparedResponse, name: string) => new Map(page.headers).get(name);

describe('which requests the page cache answers', () => {
  it('keys a page by its URL and theme', () => {
    expect(cacheKeyOf(get('/notes/a/'))).toBe('\n/notes/a/');
    expect(cacheKeyOf(get('/notes/a/?focus=/notes/b/'))).toBe('\n/notes/a/?focus=/notes/b/');
    expect(cacheKeyOf(get('/notes/a/', { cookie: 'x=1; theme=dark' }))).toBe('dark\n/notes/a/');
    expect(cacheKeyOf(get('/notes/a/', { cookie: 'theme=light' }))).toBe('light\n/notes/a/');
    expect(cacheKeyOf(get('/notes/a/', { cookie: 'theme=<script>' }))).toBe('\n/notes/a/');
    expect(cacheKeyOf({ method: 'HEAD', url: '/', headers: {} })).toBe('\n/');
  });

  it('keys an API answer by its URL alone', () => {
    expect(cacheKeyOf(get('/api/search/?q=x'))).toBe('api\n/api/search/?q=x');
    expect(cacheKeyOf(get('/api/search/?q=x', { cookie: 'theme=dark' }))).toBe('api\n/api/search/?q=x');
  });

  it('leaves out assets, other methods, and client navigation and prefetch requests', () => {
    expect(cacheKeyOf({ method: 'POST', url: '/notes/a/', headers: {} })).toBeUndefined();
    expect(cacheKeyOf({ method: 'POST', url: '/api/search/', headers: {} })).toBeUndefined();
    expect(cacheKeyOf(get('/_next/static/chunks/a.js'))).toBeUndefined();
    expect(cacheKeyOf(get('/notes/a/?_rsc=1x2y'))).toBeUndefined();
    expect(cacheKeyOf(get('/notes/a/', { rsc: '1' }))).toBeUndefined();
    expect(cacheKeyOf(get('/notes/a/', { 'next-router-prefetch': '1' }))).toBeUndefined();
    expect(cacheKeyOf(get('/notes/a/', { 'next-router-state-tree': '%5B%5D' }))).toBeUndefined();
    expect(cacheKeyOf(get('/notes/a/', { 'next-action': 'abc' }))).toBeUndefined();
    expect(cacheKeyOf(get('/notes/a/', { purpose: 'prefetch' }))).toBeUndefined();
  });
});

describe("a page's CSP", () => {
  it("names the page's own inline scripts by hash, and not a script that got into its content", () => {
    const marker = newMarker();
    const { body, hashes } = sealPage(rendered(marker).body, marker);
    const html = body.toString('utf8');
    expect(html).not.toContain(marker);
    expect(html).not.toContain('nonce=');
    expect(hashes).toEqual([sha256('(self.__next_f=self.__next_f||[]).push([0])'), sha256('self.__next_f.push([1,"nonce:\\"\\" é"])')]);
    expect(hashes).not.toContain(sha256('window.__pwned=1'));
    // Every script of the page is still there; only the marker went.
    expect(html).toContain('<script src="/_next/a.js" async=""></script>');
    expect(html).toContain('<script>window.__pwned=1</script>');
  });

  it('allows scripts from this site and by hash only: no inline script or eval otherwise', () => {
    const csp = pageCsp(["'sha256-abc'"]);
    expect(csp).toContain("script-src 'self' 'sha256-abc';");
    expect(csp).not.toMatch(/unsafe-inline'[^;]*;[^;]*script|script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(pageCsp([])).toContain("script-src 'self';");
  });

  it('leaves a page rendered without the marker as it was, with no hash', () => {
    const body = Buffer.from('<html><script>window.__pwned=1</script></html>');
    expect(sealPage(body, newMarker())).toEqual({ body, hashes: [] });
  });
});

describe('a prepared response', () => {
  it('is the same bytes, policy and ETag whatever marker the page was rendered with', () => {
    const [a, b] = [prepare(newMarker()), prepare(newMarker())];
    expect(a.body.equals(b.body)).toBe(true);
    expect(a.etag).toBe(b.etag);
    expect(a.etag).toMatch(/^"[\w-]{32}"$/);
    expect(a.headers).toEqual(b.headers);
    expect(headerOf(a, 'content-security-policy')).toContain(sha256('(self.__next_f=self.__next_f||[]).push([0])'));
    expect(headerOf(a, 'cache-control')).toBe(PAGE_CACHE_CONTROL);
    expect(headerOf(a, 'vary')).toBe('rsc, Accept-Encoding');
    expect(headerOf(a, 'x-content-type-options')).toBe('nosniff');
    // Headers of one response are not replayed.
    expect(headerOf(a, 'content-length')).toBeUndefined();
    expect(headerOf(a, 'date')).toBeUndefined();
  });

  it('keeps the Cache-Control and CSP of an API answer, and of a page that is not a 200', () => {
    const json = prepareResponse(
      { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=60', 'content-security-policy': "default-src 'none'" }, body: Buffer.from('{"a":"é"}') },
      { marker: newMarker(), pageCacheControl: PAGE_CACHE_CONTROL },
    );
    expect(headerOf(json, 'cache-control')).toBe('public, max-age=60');
    expect(headerOf(json, 'content-security-policy')).toBe("default-src 'none'");
    expect(headerOf(json, 'vary')).toBe('Accept-Encoding');
    const marker = newMarker();
    const missing = prepareResponse({ ...rendered(marker), status: 404 }, { marker, pageCacheControl: PAGE_CACHE_CONTROL });
    expect(headerOf(missing, 'cache-control')).toMatch(/no-store/);
    expect(headerOf(missing, 'content-security-policy')).toContain("'sha256-");
  });

  it('keeps a large page as its gzip copy only, once compressed off the main thread, and gives its bytes back whole', async () => {
    const marker = newMarker();
    const page = rendered(marker);
    const large = prepareResponse({ ...page, body: Buffer.from(page.body.toString('utf8').replace('Café', 'Café '.repeat(4000))) }, { marker, pageCacheControl: PAGE_CACHE_CONTROL });
    const cache = new PageCache(1 << 20);
    expect(cache.store('/notes/long/', large)).toBe(true);
    // Kept whole until its gzip copy is made in zlib's pool.
    expect(cache.peek('/notes/long/')).toBe(large);
    await cache.settled();
    const kept = cache.peek('/notes/long/');
    expect(kept?.body.length).toBe(0);
    expect(kept?.identityLength).toBe(large.body.length);
    expect(cache.bytes).toBeLessThan(large.body.length / 10);
    expect(kept && identityOf(kept).equals(large.body)).toBe(true);
    expect(kept?.etag).toBe(large.etag);
  });

  it('takes the gzip copy an answer made, instead of compressing the page twice', async () => {
    const marker = newMarker();
    const page = rendered(marker);
    const large = prepareResponse({ ...page, body: Buffer.from(page.body.toString('utf8').replace('Café', 'Café '.repeat(4000))) }, { marker, pageCacheControl: PAGE_CACHE_CONTROL });
    const cache = new PageCache(1 << 20);
    const answered = await encode(large.body, 'gzip');
    cache.store('/notes/long/', large);
    // The answer's copy arrives before the pool's.
    cache.keepEncoded('/notes/long/', large, 'gzip', answered);
    expect(cache.peek('/notes/long/')?.encoded.get('gzip')).toBe(answered);
    // The pool's own copy, finishing later, finds the page already compact and is dropped.
    await cache.settled();
    expect(cache.peek('/notes/long/')?.encoded.get('gzip')).toBe(answered);
    expect(cache.bytes).toBe(answered.length);
  });

  it('keeps no page rendered while an index was still building, and lets no CDN keep it', () => {
    const marker = newMarker();
    const page = rendered(marker);
    const pending = prepareResponse(
      { ...page, body: Buffer.from(page.body.toString('utf8').replace('<body>', '<body><p hidden data-trellis-pending="similarity"></p>')) },
      { marker, pageCacheControl: PAGE_CACHE_CONTROL },
    );
    expect(headerOf(pending, 'cache-control')).toBe('no-store');
    const cache = new PageCache(1 << 20);
    expect(cache.store('/papers/x/', pending)).toBe(false);
    expect(cache.store('/papers/y/', prepare(newMarker()))).toBe(true);
  });
});

describe('content negotiation', () => {
  it('prefers brotli, then gzip, and honours q=0', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('identity')).toBeUndefined();
    expect(chooseEncoding(undefined)).toBeUndefined();
    expect(chooseEncoding('gzip;q=0')).toBeUndefined();
  });

  it("matches an If-None-Match naming the page's tag in any encoding, and nothing else", () => {
    const etag = '"abc"';
    expect(matchesEtag('"abc"', etag)).toBe(true);
    expect(matchesEtag('"abc-gzip"', etag)).toBe(true);
    expect(matchesEtag('"x", W/"abc-br"', etag)).toBe(true);
    expect(matchesEtag('*', etag)).toBe(true);
    expect(matchesEtag('"abcd"', etag)).toBe(false);
    expect(matchesEtag('abc', etag)).toBe(false);
    expect(matchesEtag(undefined, etag)).toBe(false);
  });

  it('compresses to bytes that decompress to the page', async () => {
    const body = Buffer.from('<p>Café</p>'.repeat(50));
    expect(gunzipSync(await encode(body, 'gzip')).equals(body)).toBe(true);
    expect(brotliDecompressSync(await encode(body, 'br')).equals(body)).toBe(true);
  });
});

describe('the page cache', () => {
  it('keeps whole 200 pages and public answers without a cookie, and nothing else', () => {
    const cache = new PageCache();
    expect(cache.store('page', prepare(newMarker()))).toBe(true);
    expect(cache.take('page')?.status).toBe(200);
    expect(cache.take('other')).toBeUndefined();
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
    const json = (cacheControl: string, status = 200) =>
      prepareResponse({ status, headers: { 'content-type': 'application/json', 'cache-control': cacheControl }, body: Buffer.from('{}') }, { marker: 'm', pageCacheControl: PAGE_CACHE_CONTROL });
    expect(cache.store('public', json('public, max-age=60'))).toBe(true);
    expect(cache.store('private', json('private, no-store'))).toBe(false);
    expect(cache.store('no-store', json('no-store'))).toBe(false);
    expect(cache.store('400', json('public', 400))).toBe(false);
    expect(cache.store('404', { ...prepare(newMarker()), status: 404 })).toBe(false);
    expect(cache.store('cookie', prepare(newMarker(), { 'set-cookie': ['theme=dark'] }))).toBe(false);
    expect(cache.store('huge', { ...prepare(newMarker()), body: Buffer.alloc(5 * 1024 * 1024) })).toBe(false);
    expect([...cache.pages.keys()]).toEqual(['page', 'public']);
    expect(new PageCache(0).store('off', prepare(newMarker()))).toBe(false);
  });

  it('keeps a compressed copy once, counted in its size, and only for the answer still kept', () => {
    const cache = new PageCache();
    const page = prepare(newMarker());
    cache.store('k', page);
    const zipped = Buffer.from('gzipped bytes');
    cache.keepEncoded('k', page, 'gzip', zipped);
    cache.keepEncoded('k', page, 'gzip', Buffer.from('again'));
    expect(cache.take('k')?.encoded.get('gzip')).toBe(zipped);
    expect(cache.bytes).toBe(page.body.length + zipped.length);
    // A copy made for an answer replaced meanwhile is not kept.
    const replaced = prepare(newMarker());
    cache.store('k', replaced);
    cache.keepEncoded('k', page, 'br', zipped);
    expect(cache.take('k')?.encoded.size).toBe(0);
    expect(cache.bytes).toBe(replaced.body.length);
    cache.delete('k');
    expect(cache.bytes).toBe(0);
  });

  it('drops the least recently used pages past its size', () => {
    const size = prepare(newMarker()).body.length;
    const cache = new PageCache(size * 2);
    cache.store('a', prepare(newMarker()));
    cache.store('b', prepare(newMarker()));
    cache.take('a'); // a is now more recent than b
    cache.store('c', prepare(newMarker()));
    expect([...cache.pages.keys()]).toEqual(['a', 'c']);
    expect(cache.bytes).toBe(size * 2);
    cache.store('a', prepare(newMarker())); // stored again: replaced, not counted twice
    expect(cache.bytes).toBe(size * 2);
  });
});

import { describe, expect, it } from 'vitest';
import { cacheKeyOf, newNonce, nonceOf, PageCache } from '../../server/page-cache.mjs';

const NONCE = 'ZjU3ZDBhYjQtN2E4Ni00YjQ2LWJmYzQtMDJmYjZhNmI3ZDE0';
const csp = (nonce: string) => `default-src 'self'; script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`;

/** A page as Next.js renders it: its nonce in the header and on every script. */
function rendered(nonce = NONCE, extra: Record<string, string | string[] | undefined> = {}) {
  return {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp(nonce),
      'x-content-type-options': 'nosniff',
      'content-length': '999',
      date: 'Mon, 23 Nov 2026 18:00:00 GMT',
      vary: 'rsc, Accept-Encoding',
      ...extra,
    },
    body: Buffer.from(`<!DOCTYPE html><html><head><script nonce="${nonce}" src="/_next/a.js"></script></head><body>Café ☕<script nonce="${nonce}">self.__next_f.push([1,"${nonce}"])</script></body></html>`),
  };
}

const get = (url: string, headers: Record<string, string> = {}) => ({ method: 'GET', url, headers });

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

describe('the page cache', () => {
  it('serves a kept page with a new nonce, in the header and in the HTML, and nothing else changed', () => {
    const cache = new PageCache();
    expect(cache.store('k', rendered())).toBe(true);
    const fresh = newNonce();
    expect(fresh).not.toBe(NONCE);
    const page = cache.take('k', fresh);
    expect(page?.status).toBe(200);
    const headers = new Map(page?.headers);
    expect(nonceOf(headers.get('content-security-policy'))).toBe(fresh);
    expect(headers.get('content-security-policy')).toBe(csp(fresh));
    const bytes = Buffer.concat(page?.body ?? []);
    expect(page?.length).toBe(bytes.length);
    const html = bytes.toString('utf8');
    expect(html).not.toContain(NONCE);
    expect(html).toBe(rendered(fresh).body.toString('utf8'));
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('vary')).toBe('rsc, Accept-Encoding');
    // Headers of one response are not replayed.
    expect(headers.has('content-length')).toBe(false);
    expect(headers.has('date')).toBe(false);
    expect(cache.take('other', fresh)).toBeUndefined();
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
  });

  it('counts the length right whatever the new nonce’s length, and keeps the bytes around it as they were', () => {
    const cache = new PageCache();
    cache.store('k', rendered());
    for (const nonce of ['x', 'é'.repeat(70)]) {
      const page = cache.take('k', nonce);
      const bytes = Buffer.concat(page?.body ?? []);
      expect(page?.length).toBe(bytes.length);
      expect(bytes.toString('utf8')).toBe(rendered(nonce).body.toString('utf8'));
    }
  });

  it('keeps an answer marked public as it is, and nothing without a nonce or that mark', () => {
    const cache = new PageCache();
    const json = (cacheControl: string) => ({
      status: 200,
      headers: { 'content-type': 'application/json', 'cache-control': cacheControl, 'content-security-policy': "default-src 'none'", 'content-length': '11' },
      body: Buffer.from('{"a":"é"}'),
    });
    expect(cache.store('private', json('private, no-store'))).toBe(false);
    expect(cache.store('no-store', json('no-store'))).toBe(false);
    expect(cache.store('json', json('public, max-age=60, s-maxage=300'))).toBe(true);
    const page = cache.take('json', newNonce());
    expect(Buffer.concat(page?.body ?? []).toString('utf8')).toBe('{"a":"é"}');
    expect(page?.length).toBe(Buffer.byteLength('{"a":"é"}'));
    expect(new Map(page?.headers).get('content-security-policy')).toBe("default-src 'none'");
    expect(new Map(page?.headers).get('cache-control')).toBe('public, max-age=60, s-maxage=300');
    expect(cache.store('400', { ...json('public'), status: 400 })).toBe(false);
  });

  it('keeps only whole 200 HTML pages with a nonce, without cookies, uncompressed', () => {
    const cache = new PageCache();
    expect(cache.store('404', { ...rendered(), status: 404 })).toBe(false);
    expect(cache.store('json', rendered(NONCE, { 'content-type': 'application/json' }))).toBe(false);
    expect(cache.store('cookie', rendered(NONCE, { 'set-cookie': ['theme=dark'] }))).toBe(false);
    expect(cache.store('gzip', rendered(NONCE, { 'content-encoding': 'gzip' }))).toBe(false);
    expect(cache.store('no nonce', rendered(NONCE, { 'content-security-policy': "default-src 'self'" }))).toBe(false);
    expect(cache.store('huge', { ...rendered(), body: Buffer.alloc(5 * 1024 * 1024) })).toBe(false);
    expect(cache.pages.size).toBe(0);
    expect(new PageCache(0).store('off', rendered())).toBe(false);
  });

  it('keeps the gzipped copy of an answer without a nonce, counted in its size, and never for a page', () => {
    const cache = new PageCache();
    const json = { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'public' }, body: Buffer.from('{"a":1}') };
    cache.store('json', json);
    const first = cache.take('json', newNonce());
    expect(first?.zipped).toBeUndefined();
    expect(first?.keepZipped).toEqual(expect.any(Function));
    const zipped = Buffer.from('gzipped bytes');
    first?.keepZipped?.(zipped);
    expect(cache.bytes).toBe(json.body.length + zipped.length);
    const second = cache.take('json', newNonce());
    expect(second?.zipped).toBe(zipped);
    expect(second?.keepZipped).toBeUndefined();
    // A copy made for an answer replaced meanwhile is not kept.
    cache.store('json', json);
    first?.keepZipped?.(zipped);
    expect(cache.take('json', newNonce())?.zipped).toBeUndefined();
    expect(cache.bytes).toBe(json.body.length);
    cache.delete('json');
    expect(cache.bytes).toBe(0);

    cache.store('page', rendered());
    const page = cache.take('page', newNonce());
    expect(page?.zipped).toBeUndefined();
    expect(page?.keepZipped).toBeUndefined();
  });

  it('drops the least recently used pages past its size', () => {
    const size = rendered().body.length;
    const cache = new PageCache(size * 2);
    cache.store('a', rendered());
    cache.store('b', rendered());
    cache.take('a', newNonce()); // a is now more recent than b
    cache.store('c', rendered());
    expect([...cache.pages.keys()]).toEqual(['a', 'c']);
    expect(cache.bytes).toBe(size * 2);
    cache.store('a', rendered()); // stored again: replaced, not counted twice
    expect(cache.bytes).toBe(size * 2);
  });
});

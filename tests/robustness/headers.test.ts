import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDS } from '../helpers/seeds';
import { startServer, type RunningServer } from '../helpers/server';
import { scriptHashOf } from '../../server/page-csp.mjs';
import { rawGet, type RawResponse } from './http';

/*
 * The security headers of every kind of response: pages (a CSP naming the page's own
 * scripts by hash), API JSON (a CSP that allows nothing), static assets, 404s, 400s
 * and the redirects the site makes itself; and what the server does for caches.
 */

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ contentDir: 'content' });
});

afterAll(() => server?.stop());

const NOTE = SEEDS.note000.id;
const PAPER = SEEDS.paper003.id;
const INQUIRY = SEEDS.line002.id;

/** Headers every response carries, whatever it is. */
function expectBaseline(response: RawResponse, label: string): void {
  expect(response.headers['x-content-type-options'], label).toBe('nosniff');
  expect(response.headers['referrer-policy'], label).toBe('strict-origin-when-cross-origin');
  expect(response.headers['x-frame-options'], label).toBe('DENY');
}

/** The directives of a CSP header, by name. */
function directives(csp: unknown): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of String(csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('pages', () => {
  const pages: [string, string, number][] = [
    ['home', '/', 200],
    ['note', NOTE, 200],
    ['paper', PAPER, 200],
    ['inquiring line', INQUIRY, 200],
    ['stub', '/notes/is-llm-sycophancy-a-choice-or-a-mechanical-process/', 200],
    ['tag', '/tags/sycophancy/', 200],
    ['index', '/notes/', 200],
    ['graph', '/graph/', 200],
    ['404 page', '/notes/no-such-note/', 404],
    ['404 outside any kind', '/widgets/x/', 404],
  ];

  it.each(pages)("the %s page's CSP lets only its own scripts run, named by hash", async (label, path, status) => {
    const response = await rawGet(server.url, path);
    expect(response.status).toBe(status);
    expectBaseline(response, label);
    const csp = directives(response.headers['content-security-policy']);
    const scripts = csp.get('script-src') ?? [];
    expect(scripts[0]).toBe("'self'");
    expect(scripts.slice(1).length).toBeGreaterThan(0);
    for (const source of scripts.slice(1)) expect(source).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    // Every inline script the page carries is one the policy names; nothing carries a nonce.
    const inline = [...response.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(([, attributes]) => !/\ssrc=/.test(attributes ?? ''));
    expect(inline.length).toBeGreaterThan(0);
    for (const [, , text] of inline) expect(scripts, label).toContain(scriptHashOf(text ?? ''));
    expect(response.body).not.toMatch(/\snonce=/);
  });

  it('answers the same bytes, policy and ETag to every reader', async () => {
    const first = await rawGet(server.url, `${NOTE}?same-bytes=1`);
    const second = await rawGet(server.url, `${NOTE}?same-bytes=1`);
    expect(second.body).toBe(first.body);
    expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
  });

  it('gives share cards, robots.txt and the sitemap the same headers', async () => {
    const types: [string, RegExp][] = [
      [`${NOTE}opengraph-image`, /^image\/png/],
      ['/robots.txt', /^text\/plain/],
      ['/sitemap.xml', /^application\/xml/],
    ];
    for (const [path, type] of types) {
      const response = await rawGet(server.url, path);
      expect(response.status, path).toBe(200);
      expect(String(response.headers['content-type']), path).toMatch(type);
      expectBaseline(response, path);
      expect(directives(response.headers['content-security-policy']).get('frame-ancestors'), path).toEqual(["'none'"]);
    }
  });
});

describe('API responses', () => {
  // Every API route is listed: one that is missing fails here rather than being left out.
  const calls: [string, number][] = [
    ['/api/search/?q=sycophancy', 200],
    ['/api/search/?q=x&limit=0', 400],
    ['/api/graph/', 200],
    [`/api/neighbourhood/?id=${encodeURIComponent(NOTE)}`, 200],
    ['/api/neighbourhood/?id=nonsense', 400],
    [`/api/path/?from=${encodeURIComponent(NOTE)}&to=${encodeURIComponent('/tags/sycophancy/')}`, 200],
    [`/api/preview/?id=${encodeURIComponent(NOTE)}`, 200],
    [`/api/preview/?id=${encodeURIComponent('/notes/no-such-note/')}`, 404],
  ];

  it.each(calls)('%s is JSON under a CSP that allows nothing', async (path, status) => {
    const response = await rawGet(server.url, path);
    expect(response.status).toBe(status);
    expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
    // An answer is an object; a refusal says what is wrong.
    const body = JSON.parse(response.body) as Record<string, unknown>;
    expect(Object.keys(body).length).toBeGreaterThan(0);
    if (status !== 200) expect(body.error).toEqual(expect.any(String));
    expectBaseline(response, path);
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('gives an unknown API route the same headers', async () => {
    const response = await rawGet(server.url, '/api/widgets/');
    expect(response.status).toBe(404);
    expectBaseline(response, '/api/widgets/');
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

describe('static assets, errors and redirects', () => {
  it('serves scripts, styles and the icon with nosniff and the other baseline headers', async () => {
    const home = await rawGet(server.url, '/');
    const assets = [...new Set(home.body.match(/\/_next\/static\/[^"'\s]+\.(?:js|css)/g) ?? [])].slice(0, 4);
    expect(assets.length).toBeGreaterThan(0);
    for (const path of [...assets, '/icon.svg']) {
      const response = await rawGet(server.url, path);
      expect(response.status, path).toBe(200);
      expectBaseline(response, path);
    }
    const missing = await rawGet(server.url, '/_next/static/chunks/no-such-chunk.js');
    expect(missing.status).toBe(404);
    expectBaseline(missing, 'a missing chunk');
  });

  it('refuses a malformed address with a 400 that carries the headers and a CSP that allows nothing', async () => {
    const response = await rawGet(server.url, '/notes/%zz/');
    expect(response.status).toBe(400);
    expectBaseline(response, '400');
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('redirects a folder in the wrong case with the headers, to this site', async () => {
    const response = await rawGet(server.url, '/Notes/x/');
    expect(response.status).toBe(308);
    expect(response.headers.location).toMatch(/\/notes\/x\/$/);
    expectBaseline(response, 'redirect');
  });

  // Next.js answers the redirects of next.config.js (a missing trailing slash) before
  // any header rule applies: they carry a Location and nothing to render or sniff.
  it('adds a missing trailing slash with an empty, same-site redirect', async () => {
    const response = await rawGet(server.url, PAPER.slice(0, -1));
    expect(response.status).toBe(308);
    expect(response.headers.location).toBe(PAPER);
    expect(response.body.length).toBeLessThan(64);
  });
});

describe('the page cache and what caches in front may keep (server/server.mjs)', () => {
  it('renders a page once, then serves the same bytes from memory', async () => {
    const first = await rawGet(server.url, `${INQUIRY}?cache-test=1`);
    const second = await rawGet(server.url, `${INQUIRY}?cache-test=1`);
    expect(first.headers['x-trellis-cache']).toBe('miss');
    expect(second.headers['x-trellis-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    expectBaseline(second, 'cached page');
    expect(second.headers['content-type']).toMatch(/^text\/html/);
  });

  it('lets a CDN keep a page, and answers 304 to a reader whose copy is current', async () => {
    const page = await fetch(`${server.url}${NOTE}`);
    expect(page.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=300, stale-while-revalidate=86400');
    const etag = page.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(`${server.url}${NOTE}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const other = await fetch(`${server.url}${NOTE}`, { headers: { 'if-none-match': '"not-this-one"' } });
    expect(other.status).toBe(200);
    // A HEAD tells the page's length and tag, as a GET would.
    const head = await fetch(`${server.url}${NOTE}?etag-test=1`, { method: 'HEAD', headers: { 'accept-encoding': 'identity' } });
    const body = await fetch(`${server.url}${NOTE}?etag-test=1`, { headers: { 'accept-encoding': 'identity' } });
    expect(head.headers.get('x-trellis-cache')).toBe('miss');
    expect(head.headers.get('etag')).toBe(body.headers.get('etag'));
    expect(Number(head.headers.get('content-length'))).toBe(Buffer.byteLength(await body.text()));
  });

  it('keeps light and dark pages apart, and a themed page private to its reader', async () => {
    const light = await fetch(`${server.url}/tags/sycophancy/?cache-test=2`, { headers: { cookie: 'theme=light' } });
    const dark = await fetch(`${server.url}/tags/sycophancy/?cache-test=2`, { headers: { cookie: 'theme=dark' } });
    const darkAgain = await fetch(`${server.url}/tags/sycophancy/?cache-test=2`, { headers: { cookie: 'theme=dark' } });
    expect([light.headers.get('x-trellis-cache'), dark.headers.get('x-trellis-cache'), darkAgain.headers.get('x-trellis-cache')]).toEqual(['miss', 'miss', 'hit']);
    const [lightHtml, darkHtml] = [await light.text(), await darkAgain.text()];
    expect(lightHtml).toContain('data-theme="light"');
    expect(darkHtml).toContain('data-theme="dark"');
    expect(dark.headers.get('cache-control')).toBe('private, no-cache');
    expect(light.headers.get('etag')).not.toBe(dark.headers.get('etag'));
  });

  it('compresses pages and JSON, small or large, in brotli or gzip as the client accepts, and answers HEAD without a body', async () => {
    const urls = [`${PAPER}?cache-test=3`, '/api/search/?q=sycophancy&limit=1', `/api/preview/?id=${encodeURIComponent(NOTE)}`, '/api/search/?q=x&limit=0', '/notes/no-such-note/'];
    for (const url of urls) {
      for (const encoding of ['gzip', 'br']) {
        // Twice: once rendered, once from the cache where the answer is kept.
        for (let i = 0; i < 2; i++) {
          const response = await rawGetEncoded(server.url, url, encoding);
          expect(response.headers['content-encoding'], `${url} ${encoding}`).toBe(encoding);
          expect(response.headers.vary, url).toMatch(/accept-encoding/i);
          expect(response.body, url).toMatch(/<\/html>|^\{/);
        }
      }
    }
    const head = await fetch(`${server.url}${PAPER}?cache-test=3`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('x-trellis-cache')).toBe('hit');
    expect(await head.text()).toBe('');
  });

  it('keeps an API answer marked public, not a refusal', async () => {
    const url = `${server.url}/api/search/?q=sycophancy&cache-test=5`;
    const [first, second] = [await fetch(url), await fetch(url)];
    expect([first.headers.get('x-trellis-cache'), second.headers.get('x-trellis-cache')]).toEqual(['miss', 'hit']);
    expect(await second.json()).toEqual(await first.json());
    expect(second.headers.get('content-type')).toMatch(/application\/json/);
    expect(second.headers.get('cache-control')).toMatch(/public/);
    expect(second.headers.get('content-security-policy')).toBe(first.headers.get('content-security-policy'));
    for (let i = 0; i < 2; i++) expect((await fetch(`${server.url}/api/search/?q=${'x'.repeat(2000)}`)).headers.get('x-trellis-cache')).toBe('miss');
  });

  it('never keeps a 404 or a client navigation payload', async () => {
    for (let i = 0; i < 2; i++) expect((await rawGet(server.url, '/notes/no-such-note/')).headers['x-trellis-cache']).toBe('miss');
    for (let i = 0; i < 2; i++) {
      const rsc = await fetch(`${server.url}${NOTE}`, { headers: { rsc: '1' } });
      expect(rsc.headers.get('x-trellis-cache')).toBeNull();
      expect(rsc.headers.get('content-type')).toMatch(/text\/x-component/);
    }
  });
});

describe('addresses as scripts and readers type them', () => {
  it('answers API routes with and without their trailing slash, never by a redirect', async () => {
    for (const path of ['/api/search?q=sycophancy', '/api/search/?q=sycophancy', '/api/graph', `/api/preview?id=${encodeURIComponent(NOTE)}`]) {
      const response = await rawGet(server.url, path);
      expect(response.status, path).toBe(200);
      expect(String(response.headers['content-type']), path).toMatch(/^application\/json/);
    }
    // Node's fetch, which refuses a huge Location header, gets the answer itself.
    const search = await fetch(`${server.url}/api/search?q=sycophancy`, { redirect: 'error' });
    expect(((await search.json()) as { query: string }).query).toBe('sycophancy');
  });

  it('answers /graph and /search without their slash, and still sends a node page to its slash', async () => {
    for (const path of ['/graph', '/search?q=sycophancy', '/graph?focus=' + encodeURIComponent(NOTE)]) {
      const response = await rawGet(server.url, path);
      expect(response.status, path).toBe(200);
      expect(response.headers.location, path).toBeUndefined();
    }
    expect((await rawGet(server.url, NOTE.slice(0, -1))).status).toBe(308);
  });

  it('refuses an over-long query as a 400 naming it, and an over-long address as a 414, echoing neither', async () => {
    const long = 'x'.repeat(10_000);
    for (const path of [`/api/search?q=${long}`, `/api/search/?q=${long}`]) {
      const response = await rawGet(server.url, path);
      expect(response.status, path.slice(0, 20)).toBe(400);
      expect((JSON.parse(response.body) as { error: string }).error).toMatch(/^q is 10,000 characters long/);
      expect(JSON.stringify(response.headers)).not.toContain('xxxxxxxx');
    }
    const fetched = await fetch(`${server.url}/api/search?q=${long}`);
    expect(fetched.status).toBe(400);
    const tooLong = 'x'.repeat(13_000);
    for (const path of [`/api/search?q=${tooLong}`, `/search/?q=${tooLong}`, `/notes/${tooLong}/`]) {
      const response = await rawGet(server.url, path);
      expect(response.status, path.slice(0, 20)).toBe(414);
      expect(JSON.stringify(response.headers)).not.toContain('xxxxxxxx');
      expect(response.body).not.toContain('xxxxxxxx');
      expect(response.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it('serves a favicon and a web manifest the pages link to', async () => {
    const icon = await fetch(`${server.url}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    expect([...new Uint8Array(await icon.arrayBuffer()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    const home = await rawGet(server.url, '/');
    expect(home.body).toMatch(/<link rel="manifest" href="\/site\.webmanifest"/);
    const manifest = await fetch(`${server.url}/site.webmanifest`);
    expect(manifest.status).toBe(200);
    const body = (await manifest.json()) as { name: string; icons: { src: string }[] };
    expect(body.name).toBe('Trellis');
    for (const { src } of body.icons) expect((await fetch(`${server.url}${src}`)).status, src).toBe(200);
  });
});

/** GET `path` accepting `encoding`, decoded. */
function rawGetEncoded(origin: string, path: string, encoding: string): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  return new Promise((done, fail) => {
    const req = request({ hostname, port, path, headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const decoded = res.headers['content-encoding'] === 'br' ? brotliDecompressSync(bytes) : res.headers['content-encoding'] === 'gzip' ? gunzipSync(bytes) : bytes;
        done({ status: res.statusCode ?? 0, headers: res.headers, body: decoded.toString('utf8') });
      });
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

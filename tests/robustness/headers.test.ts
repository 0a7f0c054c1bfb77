import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDS } from '../helpers/seeds';
import { startServer, type RunningServer } from '../helpers/server';
import { rawGet, type RawResponse } from './http';

/*
 * The security headers of every kind of response: pages (a nonce-based CSP made
 * per request), API JSON (a CSP that allows nothing), static assets, 404s, 400s
 * and the redirects the site makes itself.
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

  it.each(pages)('the %s page has a nonce CSP that lets only its own scripts run', async (label, path, status) => {
    const response = await rawGet(server.url, path);
    expect(response.status).toBe(status);
    expectBaseline(response, label);
    const csp = directives(response.headers['content-security-policy']);
    const scripts = csp.get('script-src') ?? [];
    const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
    expect(nonce, 'a nonce in script-src').toMatch(/^[A-Za-z0-9+/=]{16,}$/);
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    // Every script the page carries is one the policy allows: it bears this response's nonce.
    const tags = response.body.match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag, label).toContain(`nonce="${nonce}"`);
  });

  it('makes a new nonce for every response', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const csp = String((await rawGet(server.url, NOTE)).headers['content-security-policy']);
      nonces.add(/'nonce-([^']+)'/.exec(csp)?.[1] ?? '');
    }
    expect(nonces.size).toBe(5);
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

describe('the page cache (server/server.mjs)', () => {
  const nonceIn = (csp: unknown) => /'nonce-([^']+)'/.exec(String(csp))?.[1] ?? '';

  it('renders a page once, then serves it from memory with a new nonce in the header and on every script', async () => {
    const first = await rawGet(server.url, `${INQUIRY}?cache-test=1`);
    const second = await rawGet(server.url, `${INQUIRY}?cache-test=1`);
    expect(first.headers['x-trellis-cache']).toBe('miss');
    expect(second.headers['x-trellis-cache']).toBe('hit');
    const [a, b] = [nonceIn(first.headers['content-security-policy']), nonceIn(second.headers['content-security-policy'])];
    expect(a).not.toBe(b);
    expect(second.body).not.toContain(a);
    expect(second.body.split(b).join('NONCE')).toBe(first.body.split(a).join('NONCE'));
    expectBaseline(second, 'cached page');
    expect(second.headers['content-type']).toMatch(/^text\/html/);
  });

  it('keeps light and dark pages apart', async () => {
    const light = await fetch(`${server.url}/tags/sycophancy/?cache-test=2`, { headers: { cookie: 'theme=light' } });
    const dark = await fetch(`${server.url}/tags/sycophancy/?cache-test=2`, { headers: { cookie: 'theme=dark' } });
    const darkAgain = await fetch(`${server.url}/tags/sycophancy/?cache-test=2`, { headers: { cookie: 'theme=dark' } });
    expect([light.headers.get('x-trellis-cache'), dark.headers.get('x-trellis-cache'), darkAgain.headers.get('x-trellis-cache')]).toEqual(['miss', 'miss', 'hit']);
    const [lightHtml, darkHtml] = [await light.text(), await darkAgain.text()];
    expect(lightHtml).toContain('data-theme="light"');
    expect(darkHtml).toContain('data-theme="dark"');
  });

  it('compresses a cached page for a client that accepts gzip, and answers HEAD without a body', async () => {
    await fetch(`${server.url}${PAPER}?cache-test=3`);
    const zipped = await fetch(`${server.url}${PAPER}?cache-test=3`, { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers.get('x-trellis-cache')).toBe('hit');
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(await zipped.text()).toContain('</html>');
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

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/helpers';
import { SEEDS } from '../helpers/seeds';
import { startServer, type RunningServer } from '../helpers/server';
import { headingOf, rawGet, rawGetFollowing, type RawResponse } from './http';

/*
 * Addresses a reader never types but a scanner or a broken link sends: path
 * traversal in every spelling, NUL bytes, overlong slugs, unknown kinds, huge
 * query strings and nonsense parameters. Each gets a 4xx that says what is wrong
 * (a page, or JSON from the API), never a 5xx, and never a file outside content/.
 */

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ contentDir: 'content' });
});

afterAll(() => server?.stop());

const NOTE = SEEDS.note000.id;
const PAPER = SEEDS.paper003.id;

/** Text only a file outside content/ holds: the system's users, the project's manifest, config and sources. */
const OUTSIDE_FILES = ['root:x:0:0', '"private": true', 'TRELLIS_DIST_DIR', 'export function', '"compilerOptions"'];

/** What a reader or a script gets told: a 4xx never comes back empty-handed. */
function expectHelpful404Or400(response: RawResponse & { path?: string }, label: string): void {
  expect([400, 404], label).toContain(response.status);
  const type = String(response.headers['content-type'] ?? '');
  if (type.startsWith('text/html')) expect(response.body, label).toMatch(/Not found|Bad request/);
  else expect(response.body.trim().length, label).toBeGreaterThan(0);
}

function expectNothingFromOutside(response: RawResponse, label: string): void {
  for (const marker of OUTSIDE_FILES) expect(response.body.includes(marker), `${label} shows ${marker}`).toBe(false);
}

const TRAVERSALS = [
  '..%2F..%2Fetc%2Fpasswd',
  '..%2f..%2f..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%2E%2E/%2E%2E/etc/passwd',
  '%252e%252e%252fetc%252fpasswd',
  '..%252f..%252fpackage.json',
  '..\\..\\etc\\passwd',
  '%5c..%5c..%5cetc%5cpasswd',
  '..%5c..%5cpackage.json',
  '../../etc/passwd',
  '../../../package.json',
  '....//....//etc/passwd',
  '%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
  '..%c0%af..%c0%afetc%c0%afpasswd',
  '%2e%2e%5c%2e%2e%5cnext.config.js',
  '..;/..;/etc/passwd',
  'content%2fnotes%2fanything.md',
  '%00',
  'a%00b',
  '..%00/etc/passwd',
  '%ff%fe',
];
const FOLDERS = ['notes', 'inquiring-lines', 'papers', 'tags', '_next/static', '_next/image', 'api/preview', 'widgets'];

describe('path traversal', () => {
  it.each(FOLDERS.flatMap((folder) => TRAVERSALS.map((t) => [`/${folder}/${t}/`] as const)))('%s is a 4xx and reads nothing outside content/', async (path) => {
    const response = await rawGetFollowing(server.url, path);
    expect(response.status, `${path} → ${response.path}`).toBeLessThan(500);
    expect([400, 404]).toContain(response.status);
    expectNothingFromOutside(response, path);
  });

  it.each(['/../../../etc/passwd', '/..%2F..%2F..%2Fetc%2Fpasswd', '/%2e%2e/%2e%2e/package.json', '/package.json', '/.env', '/.git/config', '/next.config.js', '/tsconfig.json', '/content/notes/', '/lib/corpus.ts', '/.next/BUILD_ID', '/node_modules/next/package.json'])(
    '%s at the root is a 404 page',
    async (path) => {
      const response = await rawGetFollowing(server.url, path);
      expectHelpful404Or400(response, path);
      expectNothingFromOutside(response, path);
    },
  );

  it('keeps a redirect on this site, whatever the path claims', async () => {
    for (const path of ['//evil.example/', '/\\evil.example/', '/notes//evil.example/', '/%2F%2Fevil.example/', '/notes/../..//evil.example']) {
      const response = await rawGet(server.url, path);
      const location = response.headers.location;
      if (typeof location === 'string') expect(new URL(location, server.url).origin, path).toBe(server.url);
      expect(response.status, path).toBeLessThan(500);
    }
  });
});

describe('odd addresses', () => {
  it('answers an unknown kind with the 404 page', async () => {
    for (const path of ['/widgets/x/', '/widgets/', '/notes/x/y/', '/tags/a/b/c/', '/note/x/', `${PAPER}extra/`]) {
      expectHelpful404Or400(await rawGetFollowing(server.url, path), path);
    }
  });

  it('answers a 10 KB slug in each kind folder with the 404 page', async () => {
    for (const folder of ['notes', 'inquiring-lines', 'papers', 'tags']) {
      const path = `/${folder}/${'a'.repeat(10 * 1024)}/`;
      expectHelpful404Or400(await rawGet(server.url, path), folder);
    }
  });

  it('answers NUL bytes and broken percent-encoding with a 4xx', async () => {
    for (const path of ['/notes/%00/', `${NOTE}%00`, '/%00/', '/notes/%/', '/notes/%zz/', '/notes/%E0%A4%A/', '/tags/%ud800/']) {
      expectHelpful404Or400(await rawGetFollowing(server.url, path), path);
    }
  });

  it('serves the real pages it was asked for after all that', async () => {
    for (const seed of [SEEDS.note000, SEEDS.paper003]) {
      const response = await rawGet(server.url, seed.id);
      expect(response.status, seed.id).toBe(200);
      expect(headingOf(response.body), seed.id).toBe(seed.title);
    }
  });
});

describe('query strings', () => {
  /** Each page and the heading it shows, whatever its query string says. */
  const headings: Record<string, string | RegExp> = { [NOTE]: SEEDS.note000.title, [PAPER]: SEEDS.paper003.title, '/graph/': 'The graph', '/notes/': /^Notes \(\d+\)$/, '/': 'The collection' };
  const pages = Object.keys(headings);

  it.each(pages)('%s ignores nonsense focus, depth and page values', async (page) => {
    const queries = [
      '?focus=../../etc/passwd',
      '?focus=%00',
      `?focus=${'x'.repeat(5000)}`,
      '?focus=<script>alert(1)</script>',
      '?depth=-1',
      '?depth=1e309',
      '?depth=NaN',
      '?depth=99999999999999999999',
      '?depth[]=1&depth[]=2',
      '?depth=1&depth=2&depth=3',
      '?page=-5',
      '?page=1e6',
      '?from=/notes/x/&to=../../etc/passwd',
      '?__proto__=x&constructor=y',
    ];
    for (const query of queries) {
      const response = await rawGetFollowing(server.url, `${page}${query}`);
      expect(response.status, `${page}${query}`).toBe(200);
      const [heading, shown] = [headings[page], headingOf(response.body)];
      if (heading instanceof RegExp) expect(shown, `${page}${query}`).toMatch(heading);
      else expect(shown, `${page}${query}`).toBe(heading);
      expectNothingFromOutside(response, query);
    }
  });

  it.each([...pages, '/api/search/', '/api/graph/'])('%s answers a 100 KB query string with a 4xx, not a 5xx', async (page) => {
    let response: RawResponse;
    try {
      response = await rawGet(server.url, `${page}?q=${'a'.repeat(100 * 1024)}`);
    } catch (error) {
      // Node may close the connection on a request line it will not read; that is a refusal too.
      expect((error as NodeJS.ErrnoException).code).toMatch(/^(ECONNRESET|EPIPE)$/);
      return;
    }
    // Node.js refuses request headers over 16 KB with 431 before any route sees them.
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('answers a 10 KB query string on a page as it would a short one', async () => {
    const response = await rawGet(server.url, `${NOTE}?q=${'a'.repeat(10 * 1024)}`);
    expect(response.status).toBe(200);
    expect(headingOf(response.body)).toBe(SEEDS.note000.title);
  });
});

// Every API route is there to be asked: a missing one fails these tests, it is not skipped.
describe('API parameters', () => {
  /** Asks `path` and expects `status` with a JSON error whose message matches `says` (it names the parameter at fault). */
  async function expectJsonError(path: string, status: number, says: RegExp): Promise<void> {
    const response = await rawGetFollowing(server.url, path);
    const label = path.slice(0, 120);
    expect(response.status, label).toBe(status);
    expect(String(response.headers['content-type']), label).toMatch(/^application\/json/);
    const body = JSON.parse(response.body) as { error?: unknown };
    expect(body.error, label).toEqual(expect.any(String));
    expect(String(body.error), label).toMatch(says);
    expectNothingFromOutside(response, label);
  }

  const id = encodeURIComponent(NOTE);
  const missing = encodeURIComponent('/notes/no-such-note/');

  it('/api/neighbourhood says which parameter is wrong', async () => {
    const cases: [string, RegExp][] = [
      ['', /\bid is required/],
      ['?id=', /\bid is required/],
      ['?id=../../etc/passwd', /\bid must be a node URL/],
      [`?id=${encodeURIComponent('/notes/../../etc/passwd/')}`, /\bid must be a node URL/],
      [`?id=${'x'.repeat(10_000)}`, /\bid must be a node URL/],
      [`?id=${id}&depth=0`, /\bdepth\b/],
      [`?id=${id}&depth=-1`, /\bdepth\b/],
      [`?id=${id}&depth=4`, /\bdepth\b/],
      [`?id=${id}&depth=1e9`, /\bdepth\b/],
      [`?id=${id}&depth=abc`, /\bdepth\b/],
      [`?id=${id}&nodeKinds=widget`, /\bnodeKinds has an unknown kind "widget"/],
      [`?id=${id}&edgeKinds=%00`, /\bedgeKinds has an unknown kind/],
    ];
    for (const [query, says] of cases) await expectJsonError(`/api/neighbourhood/${query}`, 400, says);
    await expectJsonError(`/api/neighbourhood/?id=${missing}`, 404, /no node with id "\/notes\/no-such-note\/"/);
  });

  it('/api/path says which parameter is wrong', async () => {
    const cases: [string, RegExp][] = [
      ['', /\bfrom is required/],
      [`?from=${id}`, /\bto is required/],
      [`?from=${id}&to=../../etc/passwd`, /\bto must be a node URL/],
      [`?from=%00&to=${id}`, /\bfrom must be a node URL/],
      [`?from=${id}&to=${id}&edgeKinds=widget`, /\bedgeKinds has an unknown kind "widget"/],
    ];
    for (const [query, says] of cases) await expectJsonError(`/api/path/${query}`, 400, says);
    await expectJsonError(`/api/path/?from=${id}&to=${missing}`, 404, /no node with id "\/notes\/no-such-note\/" \(to\)/);
  });

  it('/api/preview says which parameter is wrong', async () => {
    for (const query of ['', '?id=', '?id=../../etc/passwd', `?id=${encodeURIComponent('/notes/../../etc/passwd/')}`, `?id=${encodeURIComponent('/widgets/x/')}`, `?id=${'x'.repeat(10_000)}`, '?id=%00']) {
      await expectJsonError(`/api/preview/${query}`, 400, /^id must be a node URL/);
    }
    await expectJsonError(`/api/preview/?id=${missing}`, 404, /^no node at \/notes\/no-such-note\/$/);
  });

  it('/api/search says which parameter is wrong', async () => {
    const cases: [string, RegExp][] = [
      [`?q=${'a'.repeat(5000)}`, /^q is 5,000 characters long/],
      ['?q=x&limit=0', /^limit must be an integer from 1 to 50; got "0"$/],
      ['?q=x&limit=-1', /^limit must be/],
      ['?q=x&limit=1e9', /^limit must be/],
      ['?q=x&limit=abc', /^limit must be/],
      ['?q=x&kind=widget', /^kind must be one of .*; got "widget"$/],
      ['?q=x&kind=../../etc', /^kind must be one of/],
    ];
    for (const [query, says] of cases) await expectJsonError(`/api/search/${query}`, 400, says);
  });

  it('/api/search searches for hostile and odd text as text', async () => {
    for (const q of ['../../etc/passwd', '%00', '<script>', '*', '"', '\\', '(((((((((((', '\u202e', '🦜']) {
      const response = await rawGet(server.url, `/api/search/?q=${encodeURIComponent(q)}`);
      expect(response.status, q).toBe(200);
      expect(String(response.headers['content-type']), q).toMatch(/^application\/json/);
      // The answer echoes the query as the text it is, and lists what it found, if anything.
      const body = JSON.parse(response.body) as { query?: unknown; results?: unknown; total?: unknown };
      expect(body, q).toMatchObject({ query: q, results: expect.any(Array), total: expect.any(Number) });
      expectNothingFromOutside(response, q);
    }
  });

  it('answers an unknown API with a 404', async () => {
    const response = await rawGetFollowing(server.url, '/api/widgets/');
    expect(response.status).toBe(404);
    expectNothingFromOutside(response, '/api/widgets/');
  });

  // /api/widgets/ once got the site's HTML "Not found" page (under the API's
  // CSP of default-src 'none', so unstyled), where a script expects JSON like every
  // other API refusal (app/api/unknown/route.ts answers it now).
  it('answers an unknown API with a JSON error, not a page of the site', async () => {
    const response = await rawGetFollowing(server.url, '/api/widgets/');
    expect(response.status).toBe(404);
    expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
    expect(JSON.parse(response.body)).toEqual({ error: expect.any(String) });
  });
});

describe('the files it must never serve', () => {
  it('holds the markers this test looks for, so that a leak would be seen', () => {
    expect(readFileSync('/etc/passwd', 'utf8')).toContain('root:x:0:0');
    expect(readFileSync(join(repoRoot, 'package.json'), 'utf8')).toContain('"private": true');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDS } from '../helpers/seeds';
import { startServer, type RunningServer } from '../helpers/server';
import { startNginx, type RunningNginx } from './nginx-process';

/*
 * Two instances of `npm start` sharing one store, behind nginx running the shipped
 * deploy/nginx-trellis.conf (docs/deployment.md): a reader gets the same page whichever
 * instance answers, a cache's copy is revalidated with a 304, answers are compressed,
 * and the site keeps answering when one instance stops.
 */

let store: string;
let instances: RunningServer[] = [];
let proxy: RunningNginx | undefined;

beforeAll(async () => {
  store = mkdtempSync(join(tmpdir(), 'trellis-store-'));
  // Every instance is told the public address: pages name it in their canonical links.
  const env = { TRELLIS_STORE_DIR: store, TRELLIS_SITE_URL: 'https://trellis.example/' };
  // One after the other: they share one build and one store.
  instances = [await startServer({ contentDir: 'content', env }), await startServer({ contentDir: 'content', env })];
  proxy = await startNginx(instances.map((instance) => instance.port));
});

afterAll(async () => {
  await proxy?.stop();
  await Promise.all(instances.map((instance) => instance.stop()));
  if (store) rmSync(store, { recursive: true, force: true });
});

const PATHS = ['/', SEEDS.note000.id, SEEDS.paper003.id, '/tags/sycophancy/', '/api/search/?q=sycophancy'];

interface Answer {
  readonly status: number;
  readonly body: Buffer;
  readonly headers: Headers;
}

/** GET `url`, its body as the bytes sent: fetch() would decode a compressed body. */
function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = request(url, { headers: { 'accept-encoding': 'identity', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const answerHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) answerHeaders.set(name, String(value));
        done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: answerHeaders });
      });
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

/** The instance's port that answered through nginx (the test's X-Upstream header; the last one tried). */
const upstreamOf = (answer: Answer) => (answer.headers.get('x-upstream') ?? '').split(',').at(-1)?.trim().split(':')[1];

describe('two instances behind nginx', () => {
  it.each(PATHS)('%s: the same bytes, policy and ETag from each instance, directly and through the proxy', async (path) => {
    const direct = await Promise.all(instances.map((instance) => get(`${instance.url}${path}`)));
    const [first, second] = direct;
    expect(first?.status).toBe(200);
    expect(second?.body.equals(first?.body ?? Buffer.alloc(0))).toBe(true);
    expect(second?.headers.get('etag')).toBe(first?.headers.get('etag'));
    expect(second?.headers.get('content-security-policy')).toBe(first?.headers.get('content-security-policy'));

    const proxied = await Promise.all([0, 1, 2, 3].map(() => get(`${proxy?.url}${path}`)));
    // Round robin: both instances answered.
    expect(new Set(proxied.map(upstreamOf))).toEqual(new Set(instances.map((instance) => String(instance.port))));
    for (const answer of proxied) {
      expect(answer.status).toBe(200);
      expect(answer.body.equals(first?.body ?? Buffer.alloc(0))).toBe(true);
      expect(answer.headers.get('etag')).toBe(first?.headers.get('etag'));
    }
  });

  it('lets a page be kept by a shared cache, and answers 304 to a copy that is current', async () => {
    const page = await get(`${proxy?.url}${SEEDS.note000.id}`);
    expect(page.headers.get('cache-control')).toMatch(/^public, .*s-maxage=\d+/);
    const etag = page.headers.get('etag') ?? '';
    for (let i = 0; i < 2; i++) {
      const again = await get(`${proxy?.url}${SEEDS.note000.id}`, { 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
    }
  });

  it("answers 304 for a copy another instance made", async () => {
    const [a, b] = instances;
    const path = '/tags/sycophancy/?rendered-once-each=1';
    const first = await get(`${a?.url}${path}`);
    const other = await get(`${b?.url}${path}`, { 'if-none-match': first.headers.get('etag') ?? '' });
    expect([other.status, other.headers.get('x-trellis-cache')]).toEqual([304, 'miss']);
  });

  it('passes on gzip for a client that accepts it', async () => {
    const plain = await get(`${proxy?.url}${SEEDS.paper003.id}`);
    for (let i = 0; i < 2; i++) {
      const zipped = await get(`${proxy?.url}${SEEDS.paper003.id}`, { 'accept-encoding': 'gzip' });
      expect(zipped.headers.get('content-encoding')).toBe('gzip');
      expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    }
  });

  it('keeps answering when one instance stops', async () => {
    const [kept, stopped] = instances;
    await stopped?.stop();
    const answers = await Promise.all([0, 1, 2, 3, 4, 5].map(() => get(`${proxy?.url}${SEEDS.line002.id}`)));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(upstreamOf(answer)).toBe(String(kept?.port));
    }
  });
});

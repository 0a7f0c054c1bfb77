import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getGraphRoute } from '../../app/api/graph/route';
import { GET as getNeighbourhoodRoute } from '../../app/api/neighbourhood/route';
import { GET as getPathRoute } from '../../app/api/path/route';
import type { CompactGraph } from '../../lib/graph/layout';
import type { Neighbourhood, PathView } from '../../lib/graph/neighbourhood';
import { SEED_COUNTS, SEEDS } from '../helpers/seeds';

/* The graph routes answered against content/ (the seeds), the way the server runs them. */
const content = resolve(fileURLToPath(new URL('../../content', import.meta.url)));
const NOTE = SEEDS.note000.id;
const LINE_001 = SEEDS.line001.id;
const LINE_002 = SEEDS.line002.id;

async function call<T>(handler: (request: Request) => Promise<Response>, path: string, params: Record<string, string> = {}) {
  const url = new URL(`http://trellis.test${path}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const response = await handler(new Request(url));
  return { status: response.status, cache: response.headers.get('cache-control'), type: response.headers.get('content-type'), body: (await response.json()) as T };
}

beforeAll(() => {
  process.env.TRELLIS_CONTENT_DIR = content;
});

describe('GET /api/neighbourhood/', () => {
  const neighbourhood = (params: Record<string, string>) => call<Neighbourhood & { error?: string }>(getNeighbourhoodRoute, '/api/neighbourhood/', params);

  it('gives seed 000 with its 38 inquiring lines, 3 related concepts and 8 papers, cacheable for a minute', async () => {
    const { status, cache, type, body } = await neighbourhood({ id: NOTE });
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/json/);
    expect(cache).toMatch(/^public, max-age=60, stale-while-revalidate=\d+$/);
    expect(body.centre).toBe(NOTE);
    const near = (kind: string) => body.nodes.filter((n) => n.kind === kind && n.distance === 1).length;
    expect([near('inquiry'), near('note'), near('paper')]).toEqual([38, 3, 8]);
    expect(body.edges.find((e) => e.kind === 'related')?.label).toBe('the broader frame this prescription-failure follows from');
  });

  it('filters by node kind and edge kind, and reaches further with depth', async () => {
    const papers = await neighbourhood({ id: NOTE, nodeKinds: 'paper' });
    expect(new Set(papers.body.nodes.filter((n) => n.id !== NOTE).map((n) => n.kind))).toEqual(new Set(['paper']));
    const related = await neighbourhood({ id: NOTE, edgeKinds: 'related' });
    expect(related.body.edges.map((e) => e.kind)).toEqual(['related', 'related', 'related']);
    const far = await neighbourhood({ id: LINE_001, depth: '2' });
    expect(far.body.nodes.find((n) => n.id === LINE_002)?.distance).toBe(2);
  });

  it.each([
    [{}, /id is required/],
    [{ id: 'sycophancy' }, /id must be a node URL/],
    [{ id: NOTE, depth: '9' }, /depth must be a whole number from 1 to 3/],
    [{ id: NOTE, depth: '-1' }, /depth/],
    [{ id: NOTE, nodeKinds: 'note,author' }, /nodeKinds has an unknown kind "author"/],
    [{ id: NOTE, edgeKinds: 'likes' }, /edgeKinds has an unknown kind "likes"/],
  ])('answers %j with 400 and says what is wrong', async (params, error) => {
    const { status, body } = await neighbourhood(params);
    expect(status).toBe(400);
    expect(body.error).toMatch(error);
  });

  it('answers an unknown node with 404', async () => {
    const { status, body } = await neighbourhood({ id: '/notes/no-such-note/' });
    expect(status).toBe(404);
    expect(body.error).toMatch(/no node with id/);
  });
});

describe('GET /api/path/', () => {
  const path = (params: Record<string, string>) => call<PathView & { error?: string }>(getPathRoute, '/api/path/', params);

  it('finds the two inquiring lines meeting at seed 000', async () => {
    const { status, body } = await path({ from: LINE_001, to: LINE_002 });
    expect(status).toBe(200);
    expect(body.nodes.map((n) => n.id)).toEqual([LINE_001, NOTE, LINE_002]);
    expect(body.edges.map((e) => e.kind)).toEqual(['source', 'source']);
  });

  it('says when two nodes do not connect over the edges allowed', async () => {
    const { status, body } = await path({ from: LINE_001, to: SEEDS.paper003.id, edgeKinds: 'source' });
    expect(status).toBe(200);
    expect(body.nodes).toEqual([]);
  });

  it.each([
    [{ to: LINE_002 }, 400, /from is required/],
    [{ from: LINE_001 }, 400, /to is required/],
    [{ from: 'x', to: LINE_002 }, 400, /from must be a node URL/],
    [{ from: LINE_001, to: LINE_002, edgeKinds: 'x' }, 400, /unknown kind/],
    [{ from: LINE_001, to: '/notes/nowhere/' }, 404, /no node with id "\/notes\/nowhere\/" \(to\)/],
  ])('answers %j with %i', async (params, status, error) => {
    const answer = await path(params);
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatch(error);
  });
});

describe('GET /api/graph/', () => {
  const graphRoute = (params: Record<string, string> = {}) => call<CompactGraph & { error?: string }>(getGraphRoute, '/api/graph/', params);

  it('sends every node and edge of the seeds as compact arrays, and says it is all of them', async () => {
    const { status, cache, body } = await graphRoute();
    expect(status).toBe(200);
    expect(cache).toMatch(/^public, max-age=60/);
    const all = { nodes: SEED_COUNTS.nodes, edges: SEED_COUNTS.edges };
    expect(body.ids.length).toBe(all.nodes);
    expect(body.edges.length).toBe(all.edges * 3);
    expect([body.level, body.total, body.shown]).toEqual(['all', all, all]);
    const note = body.ids.indexOf(NOTE);
    expect(body.titles[note]).toBe('Can better reasoning training actually reduce model sycophancy?');
    // Every edge joins two nodes that exist, with a known kind.
    for (let e = 0; e < body.edges.length; e += 3) {
      expect(body.ids[body.edges[e] as number]).toBeDefined();
      expect(body.ids[body.edges[e + 1] as number]).toBeDefined();
      expect(body.edgeKinds[body.edges[e + 2] as number]).toBeDefined();
    }
  });

  it('sends the region around a focus: seed 000 and its 49 neighbours, the same as its neighbourhood', async () => {
    const { status, cache, body } = await graphRoute({ focus: NOTE, depth: '1' });
    expect(status).toBe(200);
    expect(cache).toMatch(/^public, max-age=60/);
    expect(body.level).toBe('region');
    expect(body.region).toEqual({ seeds: [NOTE], depth: 1, truncated: false });
    expect(body.total).toEqual({ nodes: SEED_COUNTS.nodes, edges: SEED_COUNTS.edges });
    const around = await call<Neighbourhood>(getNeighbourhoodRoute, '/api/neighbourhood/', { id: NOTE });
    expect([...body.ids].sort()).toEqual(around.body.nodes.map((n) => n.id).sort());
    expect(body.shown).toEqual({ nodes: 50, edges: around.body.edges.length });
  });

  it('sends the region around a path, its nodes first', async () => {
    const { body } = await graphRoute({ from: LINE_001, to: LINE_002, edgeKinds: 'source' });
    expect(body.region?.seeds).toEqual([LINE_001, NOTE, LINE_002]);
    expect(body.ids.slice(0, 3)).toEqual([LINE_001, NOTE, LINE_002]);
  });

  it.each([
    [{ focus: 'sycophancy' }, 400, /focus must be a node URL/],
    [{ focus: NOTE, depth: '7' }, 400, /depth must be a whole number from 1 to 3/],
    [{ from: LINE_001 }, 400, /from and to go together/],
    [{ focus: '/notes/no-such-note/' }, 404, /no node with id "\/notes\/no-such-note\/"/],
  ])('answers %j with %i and says what is wrong', async (params, status, error) => {
    const answer = await graphRoute(params);
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatch(error);
  });
});

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getGraphRoute } from '../../app/api/graph/route';
import { GET as getNeighbourhoodRoute } from '../../app/api/neighbourhood/route';
import { GET as getSearchRoute } from '../../app/api/search/route';
import { ogCardFacts } from '../../app/components/og-card';
import { proxy } from '../../proxy';
import { checkGraph, formatSummary } from '../../lib/cli/check';
import { getGraph, readCorpus } from '../../lib/corpus';
import { registerKind, type KindEntry } from '../../lib/domain/kinds';
import { kindOfNodeId } from '../../lib/domain/node-id';
import type { CompactGraph } from '../../lib/graph/layout';
import type { Neighbourhood } from '../../lib/graph/neighbourhood';
import type { DocumentKind, Graph, NodeId, NodeKind } from '../../lib/graph/types';
import type { SearchApiResponse } from '../../lib/search/api';
import { kindStyles } from '../../lib/site/kind-styles';
import { genericKindOfRoute, matchRoute } from '../../lib/site/route';
import { sitemapPaths } from '../../lib/site/sitemap';
import { parseDocument } from '../../lib/content/parse';
import { buildGraph } from '../../lib/graph/build';
import { buildSearchIndex } from '../../lib/search/index';

/*
 * The recipe of docs/architecture.md ("Adding a kind"), proved: a kind only this test
 * knows, one registry entry, found by the loader, the graph, search, the APIs, the
 * routes and the sitemap with no other change. tests/fixtures/new-kind holds a note and
 * two files in datasets/.
 */

const content = resolve(fileURLToPath(new URL('../fixtures/new-kind', import.meta.url)));

const DATASET = {
  kind: 'dataset',
  folder: 'datasets',
  route: 'datasets',
  label: { one: 'Dataset', many: 'Datasets' },
  titleRequired: true,
  colour: { light: '#6b6b1f', dark: '#d6d67a' },
  shape: 'hexagon',
  searchable: true,
  readingOrder: 4,
  indexDescription: 'Every dataset of the collection.',
  card: [{ count: ['mentions'], direction: 'in', prefix: 'linked from', one: 'document' }],
  sections: ['body', 'in-the-graph', 'backlinks'],
} as const satisfies KindEntry;

// The compiler knows only the shipped kinds (KINDS); this one exists at run time.
const dataset = DATASET.kind as NodeKind;
const BENCH = '/datasets/pushbackbench/' as NodeId;
const NOTE = '/notes/models-cave-to-expert-pushback/' as NodeId;

let unregister: () => void = () => {};
let graph: Graph;

beforeAll(() => {
  unregister = registerKind(DATASET);
  process.env.TRELLIS_CONTENT_DIR = content;
  graph = readCorpus(content);
});

afterAll(() => unregister());

async function json<T>(handler: (request: Request) => Response | Promise<Response>, path: string): Promise<{ status: number; body: T }> {
  const response = await handler(new Request(`http://trellis.test${path}`));
  return { status: response.status, body: (await response.json()) as T };
}

describe('a kind registered by one entry', () => {
  it('loads the files of its folder as documents of the kind, with its own title rule', () => {
    const bench = graph.nodes.get(BENCH);
    expect(bench).toMatchObject({ kind: 'dataset', title: 'PushbackBench', file: 'datasets/pushback-bench.md', stub: false });
    expect(bench?.extra).toEqual({ licence: 'CC-BY-4.0' });
    expect(graph.diagnostics.filter((d) => d.code === 'unknown-folder')).toEqual([]);
    // titleRequired: a dataset without a title is reported and still loads under its file name.
    expect(graph.diagnostics).toContainEqual(expect.objectContaining({ code: 'missing-field', file: 'datasets/untitled.md', field: 'title' }));
    expect(graph.nodes.get('/datasets/untitled/' as NodeId)?.kind).toBe('dataset');
  });

  it('links its documents into the graph both ways, by title and by alias', () => {
    const edges = graph.edges.filter((e) => e.kind === 'mentions').map((e) => `${e.source} → ${e.target}`);
    expect(edges).toEqual(expect.arrayContaining([`${NOTE} → ${BENCH}`, `${BENCH} → ${NOTE}`]));
    expect(graph.names.get('pushback benchmark')).toEqual([BENCH]);
    expect(graph.edges).toContainEqual(expect.objectContaining({ source: BENCH, target: '/tags/benchmarks/', kind: 'tag' }));
    expect(formatSummary(checkGraph(graph).summary)).toContain('(1 note, 0 inquiring lines, 0 papers, 2 datasets)');
  });

  it('resolves its URLs: node ids, routes, the generic page and the sitemap', () => {
    expect(kindOfNodeId(BENCH)).toBe('dataset');
    expect(matchRoute(graph, dataset, 'pushbackbench')).toMatchObject({ status: 'found', node: { id: BENCH } });
    expect(matchRoute(graph, dataset, 'PushbackBench')).toEqual({ status: 'redirect', url: BENCH });
    expect(matchRoute(graph, dataset, 'nothing-here').status).toBe('missing');
    expect(genericKindOfRoute('datasets')).toBe('dataset');
    // Kinds with a page folder of their own are not served by the generic page.
    expect(genericKindOfRoute('notes')).toBeUndefined();
    expect(sitemapPaths(graph)).toEqual(expect.arrayContaining(['/datasets/', BENCH]));
  });

  it('serves its pages through the proxy: the kind URL rewritten to the generic page, a missing one to the 404', () => {
    const rewritten = (path: string) => proxy(new NextRequest(`http://trellis.test${path}`)).headers.get('x-middleware-rewrite');
    expect(rewritten(BENCH)).toBe(`http://trellis.test/kind${BENCH}`);
    expect(rewritten('/datasets/')).toBe('http://trellis.test/kind/datasets/');
    expect(rewritten('/datasets/nothing-here/')).toBe('http://trellis.test/missing/datasets/nothing-here/');
    expect(rewritten(NOTE)).toBeNull();
    const upper = proxy(new NextRequest('http://trellis.test/Datasets/pushbackbench/'));
    expect([upper.status, upper.headers.get('location')]).toEqual([308, `http://trellis.test${BENCH}`]);
    const internal = proxy(new NextRequest(`http://trellis.test/kind${BENCH}`));
    expect([internal.status, internal.headers.get('location')]).toEqual([308, `http://trellis.test${BENCH}`]);
  });

  it('is found by search, filtered and counted under its name', async () => {
    expect(getGraph().nodes.get(BENCH)?.kind).toBe('dataset');
    const rebuttal = await json<SearchApiResponse>(getSearchRoute, '/api/search/?q=escalating%20rebuttal');
    expect(rebuttal.status).toBe(200);
    expect(rebuttal.body.results.map((hit) => [hit.id, hit.kind])).toEqual([[BENCH, 'dataset']]);
    const all = await json<SearchApiResponse>(getSearchRoute, '/api/search/?q=pushback');
    expect(all.body.counts).toEqual({ note: 1, inquiry: 0, paper: 0, dataset: 1 });
    const only = await json<SearchApiResponse>(getSearchRoute, '/api/search/?q=pushback&kind=dataset');
    expect(only.status).toBe(200);
    expect(only.body.results.map((hit) => hit.id)).toEqual([BENCH]);
    const refused = await json<{ error: string }>(getSearchRoute, '/api/search/?q=pushback&kind=datasets');
    expect(refused.body.error).toBe('kind must be one of note, inquiry, paper, dataset, or absent for all; got "datasets"');
  });

  it('shows in the graph views: neighbourhoods filter on it, the whole graph names it', async () => {
    const around = await json<Neighbourhood>(getNeighbourhoodRoute, `/api/neighbourhood/?id=${NOTE}&nodeKinds=note,dataset`);
    expect(around.status).toBe(200);
    expect(around.body.nodes.map((n) => [n.id, n.kind])).toEqual(expect.arrayContaining([[BENCH, 'dataset']]));
    expect(around.body.nodes.some((n) => n.kind === 'tag')).toBe(false);
    const whole = await json<CompactGraph>(getGraphRoute, '/api/graph/');
    const at = whole.body.ids.indexOf(BENCH);
    expect(whole.body.nodeKinds[whole.body.kinds[at] ?? -1]).toBe('dataset');
  });

  it('gets its colours, legend shape and share card from the entry', () => {
    const css = kindStyles();
    expect(css).toContain('--kind-dataset: #6b6b1f;');
    expect(css).toContain('--kind-dataset: #d6d67a;');
    expect(css).toContain("[data-kind='dataset'], .prose a.kind-dataset { --kind: var(--kind-dataset); }");
    expect(ogCardFacts(graph, graph.nodes.get(BENCH)!)).toEqual(['linked from 1 document']);
  });

  it('is gone again once unregistered: its folder is unknown', () => {
    unregister();
    try {
      const without = readCorpus(content);
      expect(without.nodes.has(BENCH)).toBe(false);
      expect(without.diagnostics).toContainEqual(expect.objectContaining({ code: 'unknown-folder', file: 'datasets/pushback-bench.md' }));
      expect(kindOfNodeId(BENCH)).toBeUndefined();
    } finally {
      unregister = registerKind(DATASET);
    }
  });
});

describe('registerKind', () => {
  it('refuses a kind, folder or route already taken', () => {
    expect(() => registerKind({ ...DATASET, kind: 'note' })).toThrow('kind note: kind "note" is already taken');
    expect(() => registerKind({ ...DATASET, kind: 'other', folder: 'notes', route: 'others' })).toThrow('folder "notes" is already taken');
    expect(() => registerKind({ ...DATASET, kind: 'other', folder: 'others', route: 'papers' })).toThrow('route "papers" is already taken');
  });

  it('refuses a route the site uses for itself', () => {
    expect(() => registerKind({ ...DATASET, kind: 'other', folder: 'others', route: 'graph' })).toThrow('route "graph" is reserved');
  });
});

describe("a kind's search weight", () => {
  /** A note and a document of a registered kind, alike word for word: only the kinds differ. */
  function ranked(searchWeight: number): string[] {
    const off = registerKind({ ...DATASET, kind: 'weighted', folder: 'weighted', route: 'weighted', label: { one: 'Weighted', many: 'Weighteds' }, searchWeight });
    try {
      const text = '---\ntitle: Calibration under pushback\nsummary: How calibration holds up.\n---\nBody.\n';
      const documents = [parseDocument({ path: 'notes/a.md', kind: 'note', text }).doc, parseDocument({ path: 'weighted/b.md', kind: 'weighted' as DocumentKind, text }).doc];
      const built = buildGraph({ documents: documents.filter((d) => d !== null && d !== undefined) });
      return buildSearchIndex(built).search('calibration pushback').results.map((hit) => hit.kind);
    } finally {
      off();
    }
  }

  it('breaks a tie between equal matches, and nothing else', () => {
    // Equal matches, no weight: the graph weight and the title tie, so the index order stands.
    expect(ranked(0)).toEqual(['note', 'weighted']);
    expect(ranked(1)).toEqual(['weighted', 'note']);
  });
});

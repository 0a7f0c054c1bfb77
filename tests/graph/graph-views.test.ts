import { describe, expect, it } from 'vitest';
import { layoutForces, toCompactGraph } from '../../lib/graph/layout';
import { describePath, getNeighbourhood, shortestPath } from '../../lib/graph/neighbourhood';
import { groupNeighbours } from '../../lib/site/neighbour-groups';
import { parseNeighbourhoodQuery } from '../../lib/site/view-query';
import { SEEDS } from '../helpers/seeds';
import { seedGraph } from './seed-graph';

const graph = seedGraph();
const NOTE = SEEDS.note000.id;
const LINE_001 = SEEDS.line001.id;
const LINE_002 = SEEDS.line002.id;

describe('groupNeighbours', () => {
  it('lists seed 000’s neighbours by how they relate to it, related concepts with their labels', () => {
    const view = getNeighbourhood(graph, NOTE, { depth: 1 });
    if (!view) throw new Error('seed 000 is missing');
    const groups = groupNeighbours(view);
    expect(groups.map((g) => [g.title, g.items.length])).toEqual([
      ['Inquiring lines that use it as a source', 38],
      ['Related concepts', 3],
      ['Related papers', 8],
      ['Mentions', 1],
      ['Mentioned in', 2],
    ]);
    expect(groups.find((g) => g.key === 'related:out')?.items.map((i) => i.label)).toEqual([
      'the broader frame this prescription-failure follows from',
      'the empirical evidence that grounds the prescription failure',
      'the mechanism that explains why reasoning training does not address sycophancy',
    ]);
  });

  it('names every node of the view but the centre at least once', () => {
    const view = getNeighbourhood(graph, LINE_001, { depth: 2 });
    if (!view) throw new Error('seed 001 is missing');
    const listed = new Set(groupNeighbours(view).flatMap((g) => g.items.map((i) => i.node.id)));
    expect(listed).toEqual(new Set(view.nodes.map((n) => n.id).filter((id) => id !== LINE_001)));
    // Nodes two steps out are listed under their distance.
    expect(groupNeighbours(view).at(-1)?.title).toBe('Two steps away');
  });

  it('lists an inquiring line’s sources in its order', () => {
    const view = getNeighbourhood(graph, LINE_002, { depth: 1, edgeKinds: new Set(['source']) });
    if (!view) throw new Error('seed 002 is missing');
    const sources = groupNeighbours(view).find((g) => g.key === 'source:out');
    expect(sources?.items[0]?.node.title).toBe('Is sycophancy in AI systems a training flaw or intentional design?');
    expect(sources?.items[6]?.node.id).toBe(NOTE);
  });
});

describe('getNeighbourhood results', () => {
  it('carry no citing page’s summary on edges: a view sends only what it draws', () => {
    const view = getNeighbourhood(graph, NOTE, { depth: 1 });
    // In the graph, the 38 source edges carry what the citing line says (seeds.test.ts); their copies here must not.
    expect(view?.edges.filter((e) => e.kind === 'source')).toHaveLength(38);
    expect(view?.edges.every((e) => !('summary' in e))).toBe(true);
  });
});

describe('describePath', () => {
  it('joins the two inquiring lines through seed 000 with the source edges they share', () => {
    const ids = shortestPath(graph, LINE_001, LINE_002);
    if (!ids) throw new Error('no path');
    const path = describePath(graph, ids);
    expect(path.nodes.map((n) => n.id)).toEqual([LINE_001, NOTE, LINE_002]);
    expect(path.edges).toEqual([
      expect.objectContaining({ source: LINE_001, target: NOTE, kind: 'source' }),
      expect.objectContaining({ source: LINE_002, target: NOTE, kind: 'source' }),
    ]);
  });
});

describe('parseNeighbourhoodQuery', () => {
  const parse = (query: string) => parseNeighbourhoodQuery(new URLSearchParams(query));

  it.each([
    ['id=/notes/a/', { id: '/notes/a/', options: { depth: 1 } }],
    ['id=/papers/2401.10100/&depth=3', { id: '/papers/2401.10100/', options: { depth: 3 } }],
    ['id=/tags/llm/&nodeKinds=paper,note', { id: '/tags/llm/', options: { depth: 1, nodeKinds: new Set(['paper', 'note']) } }],
    ['id=/notes/a/&edgeKinds=', { id: '/notes/a/', options: { depth: 1, edgeKinds: new Set() } }],
    // Every kind named is the same as none named.
    ['id=/notes/a/&nodeKinds=note,inquiry,paper,tag', { id: '/notes/a/', options: { depth: 1 } }],
  ])('reads %s', (query, value) => {
    expect(parse(query)).toEqual({ ok: true, value });
  });

  it.each([
    ['', /id is required/],
    ['id=notes/a', /id must be a node URL/],
    ['id=/etc/passwd/', /id must be a node URL/],
    ['id=/notes/a/b/', /id must be a node URL/],
    [`id=/notes/${'a'.repeat(400)}/`, /id must be a node URL/],
    ['id=/notes/a/&depth=0', /depth must be a whole number from 1 to 3/],
    ['id=/notes/a/&depth=4', /depth must be a whole number from 1 to 3/],
    ['id=/notes/a/&depth=1.5', /depth must be a whole number/],
    ['id=/notes/a/&depth=two', /depth must be a whole number/],
    ['id=/notes/a/&nodeKinds=note,person', /nodeKinds has an unknown kind "person"/],
    ['id=/notes/a/&edgeKinds=cites', /edgeKinds has an unknown kind "cites"/],
  ])('refuses %s', (query, error) => {
    const parsed = parse(query);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });
});

describe('toCompactGraph', () => {
  it('keeps every node and edge of the seed graph, as indices', () => {
    const compact = toCompactGraph(graph);
    expect(compact.ids).toHaveLength(graph.nodes.size);
    expect(compact.edges).toHaveLength(graph.edges.length * 3);
    const note = compact.ids.indexOf(NOTE);
    expect(compact.titles[note]).toBe('Can better reasoning training actually reduce model sycophancy?');
    expect(compact.nodeKinds[compact.kinds[note] ?? -1]).toBe('note');
    expect(compact.stubs[note]).toBe(0);
    // The seed graph is small: the browser lays it out.
    expect(compact.positions).toBeUndefined();
  });

  it('lays a graph out on the server from the threshold up', () => {
    const threshold = 10;
    expect(graph.nodes.size).toBeGreaterThanOrEqual(threshold);
    const compact = toCompactGraph(graph, { serverLayoutFrom: threshold });
    expect(compact.positions).toHaveLength(graph.nodes.size * 2);
    expect(compact.positions?.every(Number.isFinite)).toBe(true);
  });
});

describe('layoutForces', () => {
  // A ring of 12 with two spokes, plus a separate pair: small enough to reason about.
  const edges: number[] = [];
  for (let i = 0; i < 12; i++) edges.push(i, (i + 1) % 12, 0);
  edges.push(0, 6, 0, 3, 9, 0, 12, 13, 0);
  const n = 14;
  const at = (p: readonly number[], i: number) => ({ x: p[2 * i] ?? NaN, y: p[2 * i + 1] ?? NaN });
  const distance = (p: readonly number[], i: number, j: number) => Math.hypot(at(p, i).x - at(p, j).x, at(p, i).y - at(p, j).y);

  it('is deterministic', () => {
    expect(layoutForces(n, edges, [1])).toEqual(layoutForces(n, edges, [1]));
  });

  it('puts neighbours nearer each other than the average pair, and no two nodes on one spot', () => {
    const p = layoutForces(n, edges, [1]);
    let all = 0;
    let pairs = 0;
    let closest = Infinity;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const d = distance(p, i, j);
        all += d;
        pairs++;
        closest = Math.min(closest, d);
      }
    }
    let linked = 0;
    for (let e = 0; e < edges.length; e += 3) linked += distance(p, edges[e] as number, edges[e + 1] as number);
    expect(linked / (edges.length / 3)).toBeLessThan(all / pairs);
    expect(closest).toBeGreaterThan(5);
  });

  it('places a graph without edges, and an empty one', () => {
    expect(layoutForces(3, [], [])).toHaveLength(6);
    expect(layoutForces(0, [], [])).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../lib/content/parse';
import { buildGraph } from '../../lib/graph/build';
import { toCompactGraph, type CompactGraph } from '../../lib/graph/layout';
import { findHubTags, getGraphRegion, selectOverview, selectRegion, toGraphOverview } from '../../lib/graph/overview';
import { parseRegionQuery } from '../../lib/site/view-query';
import type { DocumentKind, Graph, NodeId, ParsedDocument } from '../../lib/graph/types';

/*
 * A generated collection shaped like the real one, small enough for a unit test:
 * 400 papers that all carry two tags (hubs, as five tags are in the real
 * collection) and one of 20 topic tags; 60 notes that list papers and relate to
 * each other; 15 inquiring lines that draw on notes. 1,000 nodes or so, against
 * an overview of 150.
 */
const PAPERS = 400;
const NOTES = 60;
const LINES = 15;

function generatedGraph(): Graph {
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const files: [string, DocumentKind, string][] = [];
  const paperTitle = (i: number) => `Paper ${i}`;
  const noteTitle = (i: number) => `Note ${i}?`;
  for (let i = 0; i < PAPERS; i++) {
    files.push([`papers/p${i}.md`, 'paper', `---\nver: rpa2\ntitle: ${paperTitle(i)}\narxiv_id: '2401.${String(10000 + i)}'\ntags: [everything, transformers, topic-${i % 20}]\n---\n`]);
  }
  for (let i = 0; i < NOTES; i++) {
    const papers = Array.from({ length: 1 + (i % 6) }, () => paperTitle(random(PAPERS)));
    const related = Array.from({ length: i % 4 }, () => `  - title: ${noteTitle(random(NOTES))}`).join('\n');
    files.push([`notes/n${i}.md`, 'note', `---\ntitle: ${noteTitle(i)}\ntags: [topic-${i % 20}]\npapers: [${papers.join(', ')}]\n${related ? `related:\n${related}\n` : ''}---\nBody.\n`]);
  }
  for (let i = 0; i < LINES; i++) {
    const sources = Array.from({ length: 5 }, () => `  - title: ${noteTitle(random(NOTES))}`).join('\n');
    files.push([`inquiries/q${i}.md`, 'inquiry', `---\ntitle: Line ${i}?\nsources:\n${sources}\n---\n`]);
  }
  const documents: ParsedDocument[] = [];
  for (const [path, kind, text] of files) {
    const { doc } = parseDocument({ path, kind, text });
    if (doc) documents.push(doc);
  }
  return buildGraph({ documents });
}

const graph = generatedGraph();
// Laid out on the server from 100 nodes, so the overview arrives with positions as a large one does.
const options = { maxNodes: 150, maxTags: 10, maxRegionNodes: 60, layout: { serverLayoutFrom: 100 } };
const HUBS = ['/tags/everything/', '/tags/transformers/'];

/** Every edge's two ends, as ids. */
function edgeEnds(compact: CompactGraph): [string, string][] {
  const ends: [string, string][] = [];
  for (let e = 0; e < compact.edges.length; e += 3) ends.push([compact.ids[compact.edges[e] as number] ?? '', compact.ids[compact.edges[e + 1] as number] ?? '']);
  return ends;
}

/** The edges of the whole graph among `ids`, as "source target kind" strings. */
function edgesAmong(ids: readonly string[]): string[] {
  const set = new Set(ids);
  return graph.edges.filter((e) => set.has(e.source) && set.has(e.target) && e.source !== e.target).map((e) => `${e.source} ${e.target} ${e.kind}`).sort();
}

function edgeStrings(compact: CompactGraph): string[] {
  const out: string[] = [];
  for (let e = 0; e < compact.edges.length; e += 3) {
    out.push(`${compact.ids[compact.edges[e] as number]} ${compact.ids[compact.edges[e + 1] as number]} ${compact.edgeKinds[compact.edges[e + 2] as number]}`);
  }
  return out.sort();
}

describe('the overview of a graph larger than the cap', () => {
  const overview = toGraphOverview(graph, options);

  it('is larger than the cap to begin with', () => {
    expect(graph.nodes.size).toBeGreaterThan(3 * options.maxNodes);
  });

  it('sends at most the cap, says so, and counts the whole graph', () => {
    expect(overview.level).toBe('overview');
    expect(overview.ids.length).toBeLessThanOrEqual(options.maxNodes);
    expect(overview.shown).toEqual({ nodes: overview.ids.length, edges: overview.edges.length / 3 });
    expect(overview.total).toEqual({ nodes: graph.nodes.size, edges: graph.edges.length });
    expect(new Set(overview.ids).size).toBe(overview.ids.length);
  });

  it('holds every edge among the nodes it shows, and only those', () => {
    const shown = new Set(overview.ids);
    for (const [s, t] of edgeEnds(overview)) {
      expect(shown.has(s)).toBe(true);
      expect(shown.has(t)).toBe(true);
    }
    expect(edgeStrings(overview)).toEqual(edgesAmong(overview.ids));
  });

  it('keeps every inquiring line and note (the most linked), then the most cited papers', () => {
    const kindOf = (id: string) => graph.nodes.get(id as NodeId)?.kind;
    const shown = overview.ids.filter((id) => kindOf(id) !== 'tag');
    expect(shown.filter((id) => kindOf(id) === 'inquiry')).toHaveLength(LINES);
    expect(shown.filter((id) => kindOf(id) === 'note')).toHaveLength(NOTES);
    // The papers shown are cited at least as often as any paper left out.
    const citations = (id: string) => (graph.incoming.get(id as NodeId) ?? []).filter((e) => e.kind !== 'tag').length;
    const shownPapers = shown.filter((id) => kindOf(id) === 'paper');
    const leftOut = [...graph.nodes.values()].filter((n) => n.kind === 'paper' && !overview.ids.includes(n.id));
    expect(Math.min(...shownPapers.map(citations))).toBeGreaterThanOrEqual(Math.max(...leftOut.map((n) => citations(n.id))));
  });

  it('leaves out the tags on nearly every paper, and shows at most maxTags others', () => {
    expect([...findHubTags(graph, 0.05)].sort()).toEqual(HUBS);
    for (const hub of HUBS) expect(overview.ids).not.toContain(hub);
    const tags = overview.ids.filter((id) => id.startsWith('/tags/'));
    expect(tags.length).toBeGreaterThan(0);
    expect(tags.length).toBeLessThanOrEqual(options.maxTags);
  });

  it('is the same every time, positions included', () => {
    expect(toGraphOverview(graph, options)).toEqual(overview);
    expect(selectOverview(graph, options)).toEqual(overview.ids);
    expect(overview.positions).toHaveLength(overview.ids.length * 2);
    expect(overview.positions?.every(Number.isFinite)).toBe(true);
  });

  it('sends a graph within the cap whole, as before', () => {
    const whole = toGraphOverview(graph, { maxNodes: graph.nodes.size });
    expect(whole.level).toBe('all');
    expect(whole.ids).toEqual(toCompactGraph(graph).ids);
    expect(whole.shown).toEqual({ nodes: graph.nodes.size, edges: whole.edges.length / 3 });
  });
});

describe('a region', () => {
  const paper = '/papers/2401.10003/' as NodeId;

  it('holds the focus, its neighbours one step away, and the edges among them', () => {
    const region = getGraphRegion(graph, { focus: paper, depth: 1 }, options);
    const expected = new Set<string>([paper, ...(graph.outgoing.get(paper) ?? []).map((e) => e.target), ...(graph.incoming.get(paper) ?? []).map((e) => e.source)]);
    expect(region?.level).toBe('region');
    expect(new Set(region?.ids)).toEqual(expected);
    expect(region?.region).toEqual({ seeds: [paper], depth: 1, truncated: false });
    expect(region && edgeStrings(region)).toEqual(edgesAmong([...expected]));
  });

  it('reaches hub tags but does not cross them, so two steps stay near the paper', () => {
    const two = selectRegion(graph, { focus: paper, depth: 2 }, options);
    for (const hub of HUBS) expect(two?.ids).toContain(hub);
    // Through its topic tag (20 papers each) and its citing notes, not through the 400 papers of a hub.
    expect(two?.truncated).toBe(false);
    expect(two?.ids.length).toBeLessThan(options.maxRegionNodes);
  });

  it('stops at the cap, nearest first, and says it did', () => {
    const hub = selectRegion(graph, { focus: HUBS[0] as NodeId, depth: 1 }, options);
    expect(hub?.ids).toHaveLength(options.maxRegionNodes);
    expect(hub?.ids[0]).toBe(HUBS[0]);
    expect(hub?.truncated).toBe(true);
  });

  it('grows around a path: its nodes first, whatever the depth reaches after', () => {
    const region = selectRegion(graph, { from: '/inquiring-lines/line-0/' as NodeId, to: paper, depth: 1 }, options);
    expect(region?.seeds[0]).toBe('/inquiring-lines/line-0/');
    expect(region?.seeds.at(-1)).toBe(paper);
    expect(region?.ids.slice(0, region.seeds.length)).toEqual(region?.seeds);
  });

  it('keeps only the node kinds asked for, the focus always', () => {
    const region = selectRegion(graph, { focus: paper, depth: 1, nodeKinds: new Set(['note']) }, options);
    expect(region?.ids.filter((id) => id !== paper).every((id) => id.startsWith('/notes/'))).toBe(true);
  });

  it('is undefined for a node that does not exist', () => {
    expect(selectRegion(graph, { focus: '/notes/nowhere/' as NodeId, depth: 1 }, options)).toBeUndefined();
  });
});

describe('parseRegionQuery', () => {
  const parse = (query: string) => parseRegionQuery(new URLSearchParams(query));

  it('reads no region without a focus or a path', () => {
    expect(parse('')).toEqual({ ok: true, value: undefined });
    expect(parse('depth=2')).toEqual({ ok: true, value: undefined });
  });

  it('reads a focus, a path, a depth and kinds', () => {
    expect(parse('focus=/notes/a/')).toEqual({ ok: true, value: { focus: '/notes/a/', depth: 1 } });
    expect(parse('from=/notes/a/&to=/papers/1/&depth=2&edgeKinds=source,related')).toEqual({
      ok: true,
      value: { from: '/notes/a/', to: '/papers/1/', depth: 2, edgeKinds: new Set(['source', 'related']) },
    });
  });

  it.each([
    ['focus=sycophancy', /focus must be a node URL/],
    ['from=/notes/a/', /from and to go together/],
    ['focus=/notes/a/&depth=4', /depth must be a whole number from 1 to 3/],
    ['focus=/notes/a/&depth=1.5', /depth/],
    ['focus=/notes/a/&nodeKinds=person', /nodeKinds has an unknown kind "person"/],
  ])('refuses %s', (query, error) => {
    const parsed = parse(query);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });
});

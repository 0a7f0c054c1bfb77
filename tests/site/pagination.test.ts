import { describe, expect, it } from 'vitest';
import { incomingByKinds, sortedNodesOfKind, stubCount, tagMembers } from '../../lib/graph/queries';
import type { Edge, EdgeKind, Graph, NodeId, Slug, TrellisNode } from '../../lib/graph/types';
import { nodeList, nodeListPage, nodeListTotal } from '../../lib/site/node-lists';
import { formatCount, pageCount, pageHref, pageOf, readPageParam } from '../../lib/site/pagination';

describe('readPageParam', () => {
  const cases: [string | string[] | undefined, number, ReturnType<typeof readPageParam>][] = [
    [undefined, 5, { status: 'ok', page: 1 }],
    ['2', 5, { status: 'ok', page: 2 }],
    ['5', 5, { status: 'ok', page: 5 }],
    // One address per page: ?page=1 is the bare address.
    ['1', 5, { status: 'redirect', page: 1, permanent: true }],
    ['6', 5, { status: 'redirect', page: 5, permanent: false }],
    ['9999999', 5, { status: 'redirect', page: 5, permanent: false }],
    ['2', 1, { status: 'redirect', page: 1, permanent: false }],
    ['2', 0, { status: 'redirect', page: 1, permanent: false }],
    ['0', 5, { status: 'redirect', page: 1, permanent: true }],
    ['-5', 5, { status: 'redirect', page: 1, permanent: true }],
    ['02', 5, { status: 'redirect', page: 1, permanent: true }],
    ['1e6', 5, { status: 'redirect', page: 1, permanent: true }],
    ['2.0', 5, { status: 'redirect', page: 1, permanent: true }],
    ['', 5, { status: 'redirect', page: 1, permanent: true }],
    ['abc', 5, { status: 'redirect', page: 1, permanent: true }],
    ['99999999999999999999', 5, { status: 'redirect', page: 1, permanent: true }],
    [['2', '3'], 5, { status: 'redirect', page: 1, permanent: true }],
  ];
  it.each(cases)('?page=%j of %i pages → %j', (value, pages, expected) => {
    expect(readPageParam(value, pages)).toEqual(expected);
  });
});

describe('pageOf', () => {
  const letters = 'abcdefghij'.split('');

  it('slices one list into pages and says where the page sits', () => {
    expect(pageOf([letters], 1, 4)).toEqual({ items: ['a', 'b', 'c', 'd'], page: 1, pages: 3, total: 10, from: 1, to: 4 });
    expect(pageOf([letters], 3, 4)).toEqual({ items: ['i', 'j'], page: 3, pages: 3, total: 10, from: 9, to: 10 });
  });

  it('reads a list held in parts as one list, a page spanning two parts', () => {
    const parts = [['a', 'b', 'c'], [], ['d', 'e'], ['f', 'g', 'h', 'i', 'j']];
    for (let page = 1; page <= 4; page++) expect(pageOf(parts, page, 3)).toEqual(pageOf([letters], page, 3));
    expect(pageOf(parts, 2, 3).items).toEqual(['d', 'e', 'f']);
  });

  it('gives every entry exactly once over all pages', () => {
    const parts = [letters.slice(0, 7), letters.slice(7)];
    const seen = Array.from({ length: pageCount(10, 3) }, (_, i) => pageOf(parts, i + 1, 3).items).flat();
    expect(seen).toEqual(letters);
  });

  it('has one empty page for an empty list, and clamps a page out of range', () => {
    expect(pageOf([], 1, 3)).toEqual({ items: [], page: 1, pages: 1, total: 0, from: 0, to: 0 });
    expect(pageOf([letters], 99, 4).page).toBe(3);
  });
});

describe('pageHref and formatCount', () => {
  it('writes page 1 without ?page and keeps the listing parameters first', () => {
    expect(pageHref('/tags/x/', 1)).toBe('/tags/x/');
    expect(pageHref('/tags/x/', 2)).toBe('/tags/x/?page=2');
    expect(pageHref('/papers/2401.10100/', 1, { list: 'cited-by' })).toBe('/papers/2401.10100/?list=cited-by');
    expect(pageHref('/papers/2401.10100/', 3, { list: 'cited-by' })).toBe('/papers/2401.10100/?list=cited-by&page=3');
  });

  it('groups thousands', () => {
    expect(formatCount(52219)).toBe('52,219');
    expect(formatCount(7)).toBe('7');
  });
});

/** A graph of papers tagged `t`, some stubs, and notes citing paper 0 in two ways. */
function taggedGraph(papers: number): Graph {
  const nodes = new Map<NodeId, TrellisNode>();
  const edges: Edge[] = [];
  const add = (kind: 'note' | 'paper' | 'tag', name: string, stub = false): NodeId => {
    const folder = { note: 'notes', paper: 'papers', tag: 'tags' }[kind];
    const id = `/${folder}/${name}/` as NodeId;
    nodes.set(id, { kind, id, url: id, slug: name as Slug, title: name, stub, lead: '', hasBody: false, aliases: [], tags: [], citations: [], extra: {}, categories: [] } as TrellisNode);
    return id;
  };
  const tag = add('tag', 't');
  const link = (source: NodeId, target: NodeId, kind: EdgeKind) => edges.push({ source, target, kind });
  // Added in reverse order, so sorting has work to do.
  for (let i = papers - 1; i >= 0; i--) link(add('paper', `p${String(i).padStart(5, '0')}`, i % 10 === 0), tag, 'tag');
  const cited = '/papers/p00001/' as NodeId;
  for (let i = 0; i < 300; i++) {
    const note = add('note', `n${String(i).padStart(3, '0')}`);
    link(note, tag, 'tag');
    link(note, cited, i % 2 ? 'mentions' : 'related-paper');
  }
  const outgoing = new Map<NodeId, Edge[]>();
  const incoming = new Map<NodeId, Edge[]>();
  for (const e of edges) {
    outgoing.set(e.source, [...(outgoing.get(e.source) ?? []), e]);
    incoming.set(e.target, [...(incoming.get(e.target) ?? []), e]);
  }
  return { bodies: { read: () => '' }, nodes, edges, outgoing, incoming, names: new Map(), diagnostics: [], fileCount: papers + 300 };
}

describe('lists computed once per graph', () => {
  const graph = taggedGraph(1_234);

  it('sorts a kind files first, then stubs, alphabetically, and counts its stubs', () => {
    const papers = sortedNodesOfKind(graph, 'paper');
    expect(papers).toHaveLength(1_234);
    expect(papers.slice(0, 2).map((p) => p.title)).toEqual(['p00001', 'p00002']);
    expect(papers.at(-1)?.title).toBe('p01230');
    expect(papers.findIndex((p) => p.stub)).toBe(1_234 - stubCount(graph, 'paper'));
    expect(stubCount(graph, 'paper')).toBe(124);
    expect(sortedNodesOfKind(graph, 'paper')).toBe(papers);
  });

  it('groups a tag’s members by kind, sorted, and keeps them for the next request', () => {
    const members = tagMembers(graph, '/tags/t/' as NodeId);
    expect(members.note).toHaveLength(300);
    expect(members.paper).toHaveLength(1_234);
    expect(members.inquiry).toEqual([]);
    expect(members.paper[0]?.title).toBe('p00001');
    expect(tagMembers(graph, '/tags/t/' as NodeId)).toBe(members);
  });

  it('pages a much-cited node’s list in the graph’s order, with its total', () => {
    const id = '/papers/p00001/' as NodeId;
    const citedBy = nodeList('cited-by');
    expect(nodeListTotal(graph, id, citedBy)).toBe(300);
    expect(nodeListTotal(graph, id, nodeList('mentioned-in'))).toBe(150);
    // Listed first, then mentioned, each in the order the notes were read.
    const second = nodeListPage(graph, id, citedBy, 2, 100);
    expect(second).toMatchObject({ page: 2, pages: 3, total: 300, from: 101, to: 200 });
    expect(second.items[0]?.node.title).toBe('n200');
    expect(second.items[0]?.edge.kind).toBe('related-paper');
    expect(second.items[50]?.node.title).toBe('n001');
    expect(second.items[50]?.edge.kind).toBe('mentions');
    // Grouped once for a node cited this much: the next request gets the same list.
    expect(incomingByKinds(graph, id, ['mentions'])[0]).toBe(incomingByKinds(graph, id, ['mentions'])[0]);
  });
});

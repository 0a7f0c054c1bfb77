import { describe, expect, it } from 'vitest';
import { getNeighbourhood, shortestPath } from '../../lib/graph/neighbourhood';
import type { NodeId } from '../../lib/graph/types';
import { SEEDS } from '../helpers/seeds';
import { seedGraph } from './seed-graph';

const graph = seedGraph();
const NOTE = SEEDS.note000.id;
const LINE_001 = SEEDS.line001.id;
const LINE_002 = SEEDS.line002.id;

describe('getNeighbourhood', () => {
  it('gives seed 000 its 38 inquiring lines, 3 related concepts, 8 papers and the lines citing it', () => {
    const view = getNeighbourhood(graph, NOTE, { depth: 1 });
    const byKind = (k: string) => view?.nodes.filter((n) => n.kind === k && n.distance === 1).length;
    expect(byKind('inquiry')).toBe(38);
    expect(byKind('note')).toBe(3);
    expect(byKind('paper')).toBe(8);
    expect(view?.edges.find((e) => e.kind === 'related')?.label).toBe('the broader frame this prescription-failure follows from');
  });

  it('filters by node kind and edge kind', () => {
    const papersOnly = getNeighbourhood(graph, NOTE, { depth: 1, nodeKinds: new Set(['paper']) });
    expect(papersOnly?.nodes.map((n) => n.kind)).toEqual(['note', ...Array(8).fill('paper')]);
    const related = getNeighbourhood(graph, NOTE, { depth: 1, edgeKinds: new Set(['related']) });
    expect(related?.nodes).toHaveLength(4);
  });

  it('reaches further with depth, and stops at maxNodes saying so', () => {
    const two = getNeighbourhood(graph, LINE_001, { depth: 2 });
    expect(two?.nodes.some((n) => n.id === LINE_002 && n.distance === 2)).toBe(true);
    const cut = getNeighbourhood(graph, NOTE, { depth: 1, maxNodes: 10 });
    expect(cut?.nodes).toHaveLength(10);
    expect(cut?.truncated).toBe(true);
  });

  it('is undefined for an unknown node', () => {
    expect(getNeighbourhood(graph, '/notes/nope/' as NodeId)).toBeUndefined();
  });
});

describe('shortestPath', () => {
  it('connects the two inquiring lines through the note they share', () => {
    expect(shortestPath(graph, LINE_001, LINE_002)).toEqual([LINE_001, NOTE, LINE_002]);
  });

  it('says when there is no path', () => {
    expect(shortestPath(graph, LINE_001, SEEDS.paper003.id, new Set(['source']))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { Neighbourhood, ViewEdge, ViewNode } from '../../lib/graph/neighbourhood';
import type { NodeId } from '../../lib/graph/types';
import { CENTRE_FONT, discBox, labelBox, layoutNeighbourhoodPreview, wrapLabel, type Box, type NeighbourhoodPreview } from '../../lib/site/neighbourhood-preview';

const id = (s: string) => s as NodeId;
const node = (path: string, title: string, distance = 1, stub = false): ViewNode => ({ id: id(path), kind: path.startsWith('/notes/') ? 'note' : path.startsWith('/papers/') ? 'paper' : 'inquiry', title, stub, distance });
const LONG = 'Why does expert pushback strengthen rather than weaken model sycophancy in reasoning models?';

/** An inquiring line with `n` sources, its edges listed out of their order. */
function line(n: number): Neighbourhood {
  const centre = node('/inquiring-lines/line/', 'How do models learn to agree?', 0);
  const sources = Array.from({ length: n }, (_, i) => node(`/notes/source-${i + 1}/`, i % 2 ? LONG : `Source ${i + 1}`));
  const edges: ViewEdge[] = sources.map((s, i) => ({ source: centre.id, target: s.id, kind: 'source' as const, order: i + 1 })).reverse();
  return { centre: centre.id, depth: 1, nodes: [centre, ...sources], edges, truncated: false };
}

/** A hub note: cited by 38 lines, related to 3 notes and 8 papers. */
function hub(): Neighbourhood {
  const centre = node('/notes/hub/', LONG, 0);
  const lines = Array.from({ length: 38 }, (_, i) => node(`/inquiring-lines/l-${i}/`, `${LONG} ${i}`));
  const notes = Array.from({ length: 3 }, (_, i) => node(`/notes/n-${i}/`, `Related note ${i}`));
  const papers = Array.from({ length: 8 }, (_, i) => node(`/papers/p-${i}/`, `A paper on reasoning number ${i}`, 1, i % 3 === 0));
  const edges: ViewEdge[] = [
    ...lines.map((l, i) => ({ source: l.id, target: centre.id, kind: 'source' as const, order: i + 1 })),
    ...notes.map((n) => ({ source: centre.id, target: n.id, kind: 'related' as const, label: 'builds on' })),
    ...papers.map((p) => ({ source: centre.id, target: p.id, kind: 'related-paper' as const })),
  ];
  return { centre: centre.id, depth: 1, nodes: [centre, ...lines, ...notes, ...papers], edges, truncated: false };
}

const overlaps = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
const inside = (b: Box, p: NeighbourhoodPreview) => b.x1 >= 0 && b.y1 >= 0 && b.x2 <= p.width && b.y2 <= p.height;

/** Every disc and label drawn, each with what it belongs to. */
function shapes(p: NeighbourhoodPreview): { what: string; box: Box }[] {
  return [p.centre, ...p.nodes].flatMap((n) => [
    { what: `disc ${n.id}`, box: discBox(n) },
    ...(n.label ? [{ what: `label ${n.id}`, box: labelBox(n.label, n === p.centre ? CENTRE_FONT : undefined) }] : []),
  ]);
}

/** Pairs of shapes that cover each other (a node's own label and disc apart). */
function collisions(p: NeighbourhoodPreview): string[] {
  const all = shapes(p);
  const pairs: string[] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const [a, b] = [all[i]!, all[j]!];
      if (a.what.split(' ')[1] !== b.what.split(' ')[1] && overlaps(a.box, b.box)) pairs.push(`${a.what} × ${b.what}`);
    }
  }
  return pairs;
}

/** Clockwise from the top, as a clock's hand, in radians. */
const angleOf = (p: NeighbourhoodPreview, n: { x: number; y: number }) => (Math.atan2(n.x - p.centre.x, -(n.y - p.centre.y)) + 2 * Math.PI) % (2 * Math.PI);

describe('layoutNeighbourhoodPreview', () => {
  it.each([
    ['an inquiring line with 1 source', line(1)],
    ['an inquiring line with 7 sources', line(7)],
    ['an inquiring line with 20 sources', line(20)],
    ['a hub note with 49 neighbours', hub()],
  ])('draws %s inside the picture, no disc or label covering another', (_, view) => {
    const p = layoutNeighbourhoodPreview(view);
    expect(p).toBeDefined();
    if (!p) return;
    expect(shapes(p).filter((s) => !inside(s.box, p)).map((s) => s.what)).toEqual([]);
    expect(collisions(p)).toEqual([]);
    // The "+N more" line, when there is one, sits below every label.
    if (p.more > 0) expect(Math.max(...shapes(p).map((s) => s.box.y2))).toBeLessThan(p.moreAt.y - 11);
  });

  it('is the same picture every time', () => {
    expect(layoutNeighbourhoodPreview(hub())).toEqual(layoutNeighbourhoodPreview(hub()));
  });

  it('numbers an inquiring line’s sources and lays them out in order, clockwise from the top, each named', () => {
    const p = layoutNeighbourhoodPreview(line(7));
    expect(p?.nodes.map((n) => n.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(p?.nodes[0]?.x).toBe(p?.centre.x);
    const angles = p?.nodes.map((n) => angleOf(p, n)) ?? [];
    expect(angles).toEqual([...angles].sort((a, b) => a - b));
    expect(p?.nodes.map((n) => n.title.split('.')[0])).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(p?.nodes.every((n) => n.label)).toBe(true);
    expect(p?.more).toBe(0);
  });

  it('draws at most 24 of a hub’s 49 neighbours, every relation among them, and counts the rest', () => {
    const p = layoutNeighbourhoodPreview(hub());
    expect(p?.nodes).toHaveLength(24);
    expect(p?.more).toBe(25);
    const kinds = p?.nodes.map((n) => n.kind) ?? [];
    expect([kinds.filter((k) => k === 'inquiry').length, kinds.filter((k) => k === 'note').length, kinds.filter((k) => k === 'paper').length]).toEqual([13, 3, 8]);
    // Each relation's neighbours together on the ring: the kinds change twice, not back and forth.
    expect(kinds.filter((k, i) => i > 0 && k !== kinds[i - 1])).toHaveLength(2);
    // Some are named, the first of each relation among them; the stubs stay stubs.
    const named = p?.nodes.filter((n) => n.label).map((n) => n.kind) ?? [];
    expect(new Set(named)).toEqual(new Set(['inquiry', 'note', 'paper']));
    expect(p?.nodes.filter((n) => n.stub).map((n) => n.id)).toEqual(['/papers/p-0/', '/papers/p-3/', '/papers/p-6/']);
  });

  it('keeps a neighbourhood of the centre alone', () => {
    const alone = layoutNeighbourhoodPreview({ centre: id('/notes/a/'), depth: 1, nodes: [node('/notes/a/', 'Alone', 0)], edges: [], truncated: false });
    expect(alone?.nodes).toEqual([]);
    expect(alone?.centre.label?.lines).toEqual(['Alone']);
    expect(layoutNeighbourhoodPreview({ centre: id('/notes/missing/'), depth: 1, nodes: [], edges: [], truncated: false })).toBeUndefined();
  });
});

describe('wrapLabel', () => {
  it.each([
    ['Short', 16, ['Short']],
    ['Sycophancy under expert pushback', 16, ['Sycophancy under', 'expert pushback']],
    [LONG, 16, ['Why does expert', 'pushback…']],
    ['Supercalifragilisticexpialidocious', 16, ['Supercalifragil…']],
  ])('%s in lines of %i → %j', (title, perLine, lines) => {
    expect(wrapLabel(title, perLine)).toEqual(lines);
    for (const l of wrapLabel(title, perLine)) expect(l.length).toBeLessThanOrEqual(perLine);
  });
});

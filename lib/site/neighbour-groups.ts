import { listNodeKinds } from '../domain/kinds';
import { MAX_DEPTH, type Neighbourhood, type ViewNode } from '../graph/neighbourhood';
import type { EdgeKind } from '../graph/types';

/*
 * A neighbourhood as the groups a list shows, with their English headings: the
 * screen's words for lib/graph's neighbourhoods, shared by the server-rendered list
 * and the browser's (app/components/client/NeighbourhoodList.tsx).
 */

/** One way a neighbour relates to the centre: an edge kind and which end the centre is. */
export type Relation = `${EdgeKind}:${'out' | 'in'}`;

/** How each relation is headed in a list, in the order lists show them. */
export const RELATION_TITLES: readonly (readonly [Relation, string])[] = [
  ['source:out', 'Sources'],
  ['source:in', 'Inquiring lines that use it as a source'],
  ['related:out', 'Related concepts'],
  ['related:in', 'Listed as related by'],
  ['related-paper:out', 'Related papers'],
  ['related-paper:in', 'Listed by'],
  ['next:out', 'Next inquiring lines'],
  ['next:in', 'Comes after'],
  ['mentions:out', 'Mentions'],
  ['mentions:in', 'Mentioned in'],
  ['tag:out', 'Tags'],
  ['tag:in', 'Tagged with it'],
];

export interface NeighbourItem {
  readonly node: ViewNode;
  /** The relation label of a `related` edge. */
  readonly label?: string;
}

export interface NeighbourGroup {
  /** A relation (`source:in`) for direct neighbours, `distance:2` for nodes further away. */
  readonly key: string;
  readonly title: string;
  readonly items: readonly NeighbourItem[];
}

const DISTANCE_TITLES = ['', '', 'Two steps away', 'Three steps away'];

/**
 * A neighbourhood as the groups a list shows: direct neighbours by how they relate
 * to the centre (one node may relate in two ways and is then listed twice), then
 * nodes further out by distance. The canvas and the list are drawn from the same
 * Neighbourhood, so they always show the same nodes.
 */
export function groupNeighbours(view: Neighbourhood): NeighbourGroup[] {
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  const byRelation = new Map<string, NeighbourItem[]>();
  const seen = new Set<string>();
  const edges = [...view.edges].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity));
  for (const edge of edges) {
    const out = edge.source === view.centre;
    if (!out && edge.target !== view.centre) continue;
    const node = byId.get(out ? edge.target : edge.source);
    if (!node || node.id === view.centre) continue;
    const relation: Relation = `${edge.kind}:${out ? 'out' : 'in'}`;
    if (seen.has(`${relation} ${node.id}`)) continue;
    seen.add(`${relation} ${node.id}`);
    const items = byRelation.get(relation) ?? [];
    items.push({ node, ...(edge.label ? { label: edge.label } : {}) });
    byRelation.set(relation, items);
  }
  const groups: NeighbourGroup[] = [];
  for (const [relation, title] of RELATION_TITLES) {
    const items = byRelation.get(relation);
    if (items?.length) groups.push({ key: relation, title, items });
  }
  const kinds = listNodeKinds();
  for (let d = 2; d <= MAX_DEPTH; d++) {
    const items = view.nodes
      .filter((n) => n.distance === d)
      .sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || a.title.localeCompare(b.title))
      .map((node) => ({ node }));
    if (items.length) groups.push({ key: `distance:${d}`, title: DISTANCE_TITLES[d] ?? `${d} steps away`, items });
  }
  return groups;
}

import type { Edge, EdgeKind, Graph, NodeId, NodeKind } from './types';
import { listNodeKinds } from '../domain/kinds';
import { isNodeIdShaped } from '../domain/node-id';

/*
 * The part of the graph a view shows: a node's neighbourhood up to a depth, and
 * the shortest path between two nodes. Small, serialisable results: this is what
 * the browser receives, never the whole graph.
 */

export interface NeighbourhoodOptions {
  /** Hops from the centre, 1 to 3. */
  readonly depth: number;
  /** Node kinds to keep (the centre is always kept). All when absent. */
  readonly nodeKinds?: ReadonlySet<NodeKind>;
  /** Edge kinds to follow. All when absent. */
  readonly edgeKinds?: ReadonlySet<EdgeKind>;
  /** Stop adding nodes past this many, so a hub cannot produce a view no one can read. */
  readonly maxNodes: number;
}

export const defaultNeighbourhoodOptions: NeighbourhoodOptions = { depth: 1, maxNodes: 400 };

export const MAX_DEPTH = 3;

/** A node as a view shows it. */
export interface ViewNode {
  readonly id: NodeId;
  readonly kind: NodeKind;
  readonly title: string;
  readonly stub: boolean;
  readonly summary?: string;
  /** Hops from the centre. */
  readonly distance: number;
}

export interface ViewEdge {
  readonly source: NodeId;
  readonly target: NodeId;
  readonly kind: EdgeKind;
  readonly label?: string;
  readonly order?: number;
}

export interface Neighbourhood {
  readonly centre: NodeId;
  readonly depth: number;
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly ViewEdge[];
  /** True when `maxNodes` cut the view short. */
  readonly truncated: boolean;
}

function toViewNode(graph: Graph, id: NodeId, distance: number): ViewNode | undefined {
  const node = graph.nodes.get(id);
  if (!node) return undefined;
  return {
    id,
    kind: node.kind,
    title: node.title,
    stub: node.stub,
    ...(node.summary ? { summary: node.summary.length > 280 ? `${node.summary.slice(0, 277)}…` : node.summary } : {}),
    distance,
  };
}

/** An edge as a view shows it: the citing page's own summary stays on the server. */
function toViewEdge(edge: Edge): ViewEdge {
  return {
    source: edge.source,
    target: edge.target,
    kind: edge.kind,
    ...(edge.label ? { label: edge.label } : {}),
    ...(edge.order !== undefined ? { order: edge.order } : {}),
  };
}

/** Edges in both directions of a node, filtered by edge kind. */
function* adjacent(graph: Graph, id: NodeId, edgeKinds?: ReadonlySet<EdgeKind>) {
  for (const edge of graph.outgoing.get(id) ?? []) if (!edgeKinds || edgeKinds.has(edge.kind)) yield { edge, other: edge.target };
  for (const edge of graph.incoming.get(id) ?? []) if (!edgeKinds || edgeKinds.has(edge.kind)) yield { edge, other: edge.source };
}

/**
 * The nodes within `depth` hops of `centre` (edges followed both ways) and every
 * edge among them, breadth first so nearer nodes survive the `maxNodes` cut.
 */
export function getNeighbourhood(graph: Graph, centre: NodeId, options: Partial<NeighbourhoodOptions> = {}): Neighbourhood | undefined {
  const { depth: rawDepth, nodeKinds, edgeKinds, maxNodes } = { ...defaultNeighbourhoodOptions, ...options };
  const depth = Math.min(Math.max(Math.trunc(rawDepth) || 1, 1), MAX_DEPTH);
  const first = toViewNode(graph, centre, 0);
  if (!first) return undefined;
  const keep = (id: NodeId) => !nodeKinds || nodeKinds.has(graph.nodes.get(id)?.kind ?? 'note');

  const nodes = new Map<NodeId, ViewNode>([[centre, first]]);
  let frontier: NodeId[] = [centre];
  let truncated = false;
  for (let d = 1; d <= depth && frontier.length && !truncated; d++) {
    const next: NodeId[] = [];
    for (const id of frontier) {
      for (const { other } of adjacent(graph, id, edgeKinds)) {
        if (nodes.has(other) || !keep(other)) continue;
        if (nodes.size >= maxNodes) {
          truncated = true;
          break;
        }
        const view = toViewNode(graph, other, d);
        if (view) {
          nodes.set(other, view);
          next.push(other);
        }
      }
      if (truncated) break;
    }
    frontier = next;
  }

  const edges: ViewEdge[] = [];
  for (const id of nodes.keys()) {
    for (const edge of graph.outgoing.get(id) ?? []) {
      if (nodes.has(edge.target) && (!edgeKinds || edgeKinds.has(edge.kind))) edges.push(toViewEdge(edge));
    }
  }
  return { centre, depth, nodes: [...nodes.values()], edges, truncated };
}

/**
 * The shortest chain of edges between two nodes, either direction, as the list
 * of nodes along it (both ends included); undefined when they do not connect.
 * Tag nodes are not crossed: "both are tagged llm" is not a connection worth showing.
 */
export function shortestPath(graph: Graph, from: NodeId, to: NodeId, edgeKinds?: ReadonlySet<EdgeKind>): NodeId[] | undefined {
  if (!graph.nodes.has(from) || !graph.nodes.has(to)) return undefined;
  if (from === to) return [from];
  const previous = new Map<NodeId, NodeId>([[from, from]]);
  let frontier = [from];
  while (frontier.length) {
    const next: NodeId[] = [];
    for (const id of frontier) {
      for (const { other } of adjacent(graph, id, edgeKinds)) {
        if (previous.has(other)) continue;
        previous.set(other, id);
        if (other === to) {
          const path = [to];
          for (let at = id; at !== from; at = previous.get(at) as NodeId) path.push(at);
          path.push(from);
          return path.reverse();
        }
        if (graph.nodes.get(other)?.kind !== 'tag') next.push(other);
      }
    }
    frontier = next;
  }
  return undefined;
}

/** Every edge kind, in the order views list them. */
export const EDGE_KINDS: readonly EdgeKind[] = ['source', 'related', 'related-paper', 'next', 'mentions', 'tag'];

/** The edges along a path, each in the direction the graph stores it, and its nodes. */
export interface PathView {
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly ViewEdge[];
}

/** The nodes of a path from `shortestPath` with the edge that joins each pair. */
export function describePath(graph: Graph, path: readonly NodeId[], edgeKinds?: ReadonlySet<EdgeKind>): PathView {
  const nodes: ViewNode[] = [];
  const edges: ViewEdge[] = [];
  path.forEach((id, i) => {
    const view = toViewNode(graph, id, i);
    if (view) nodes.push(view);
    const next = path[i + 1];
    if (next === undefined) return;
    for (const { edge, other } of adjacent(graph, id, edgeKinds)) {
      if (other === next) {
        edges.push(toViewEdge(edge));
        break;
      }
    }
  });
  return { nodes, edges };
}

/* ---- Query parameters, shared by the route handlers ---- */

/** What a view's query string asks for, or what is wrong with it. */
export type ParsedQuery<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };


/** A node id from a query parameter: a canonical URL path such as `/notes/<slug>/`. */
export function parseNodeId(name: string, value: string | null): ParsedQuery<NodeId> {
  if (value === null || value === '') return { ok: false, error: `${name} is required: a node URL such as /notes/<slug>/` };
  if (!isNodeIdShaped(value)) {
    return { ok: false, error: `${name} must be a node URL such as /notes/<slug>/, /inquiring-lines/<slug>/, /papers/<id>/ or /tags/<slug>/` };
  }
  return { ok: true, value: value as NodeId };
}

/**
 * A comma-separated list of kinds. Absent means every kind; present but empty
 * means none (a view of the centre alone); an unknown kind is an error.
 */
export function parseKinds<K extends string>(name: string, value: string | null, known: readonly K[]): ParsedQuery<ReadonlySet<K> | undefined> {
  if (value === null) return { ok: true, value: undefined };
  const kinds = new Set<K>();
  for (const part of value.split(',')) {
    const kind = part.trim();
    if (kind === '') continue;
    if (!(known as readonly string[]).includes(kind)) {
      return { ok: false, error: `${name} has an unknown kind ${JSON.stringify(kind.slice(0, 40))}; known kinds are ${known.join(', ')}` };
    }
    kinds.add(kind as K);
  }
  return { ok: true, value: kinds.size === known.length ? undefined : kinds };
}

/** The depth of a view: a whole number from 1 to MAX_DEPTH, 1 when absent. */
export function parseDepth(value: string | null): ParsedQuery<number> {
  if (value === null || value === '') return { ok: true, value: defaultNeighbourhoodOptions.depth };
  const depth = Number(value);
  if (!/^\d+$/.test(value) || depth < 1 || depth > MAX_DEPTH) return { ok: false, error: `depth must be a whole number from 1 to ${MAX_DEPTH}` };
  return { ok: true, value: depth };
}

export interface NeighbourhoodQuery {
  readonly id: NodeId;
  readonly options: Partial<NeighbourhoodOptions>;
}

/** `?id=&depth=&nodeKinds=&edgeKinds=` as the neighbourhood route takes them. */
export function parseNeighbourhoodQuery(params: URLSearchParams): ParsedQuery<NeighbourhoodQuery> {
  const id = parseNodeId('id', params.get('id'));
  if (!id.ok) return id;
  const depth = parseDepth(params.get('depth'));
  if (!depth.ok) return depth;
  const nodeKinds = parseKinds('nodeKinds', params.get('nodeKinds'), listNodeKinds());
  if (!nodeKinds.ok) return nodeKinds;
  const edgeKinds = parseKinds('edgeKinds', params.get('edgeKinds'), EDGE_KINDS);
  if (!edgeKinds.ok) return edgeKinds;
  return {
    ok: true,
    value: {
      id: id.value,
      options: { depth: depth.value, ...(nodeKinds.value ? { nodeKinds: nodeKinds.value } : {}), ...(edgeKinds.value ? { edgeKinds: edgeKinds.value } : {}) },
    },
  };
}

/* ---- The neighbourhood as a list ---- */

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

import type { Edge, EdgeKind, Graph, NodeId, NodeKind } from './types';

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
  /** Its leaf topic's slug, for colouring by topic: added by the neighbourhood route once topics are ready (lib/topics/queries.ts `withTopics`). */
  readonly topic?: string;
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
  /** The label of each topic its nodes are in, by slug, for the key of a view coloured by topic (with `ViewNode.topic`). */
  readonly topics?: Readonly<Record<string, string>>;
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

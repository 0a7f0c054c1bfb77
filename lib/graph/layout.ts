import Graphology from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { listNodeKinds } from '../domain/kinds';
import { EDGE_KINDS } from './neighbourhood';
import type { EdgeKind, Graph, NodeId, NodeKind } from './types';

/*
 * The graph as the /graph view receives it: compact arrays instead of records,
 * and, for graphs too large to lay out in a browser, positions computed here.
 * What part of the graph goes out (all of it, an overview, a region) is
 * lib/graph/overview.ts's to choose.
 */

/** How many nodes and edges. */
export interface GraphCounts {
  readonly nodes: number;
  readonly edges: number;
}

/**
 * What an answer holds: `all` of a graph small enough to send whole; an
 * `overview`, its most connected nodes, when it is not; a `region`, the nodes
 * around a focus or a path.
 */
export type GraphLevel = 'all' | 'overview' | 'region';

/** What a region was asked around, and whether its cap cut it short. */
export interface RegionInfo {
  /** The nodes the region grew from: the focus and the nodes of a path. */
  readonly seeds: readonly string[];
  /** Steps from the seeds. */
  readonly depth: number;
  /** True when more nodes were within reach than a region holds. */
  readonly truncated: boolean;
}

/**
 * Nodes and edges, indexed: node `i` is `ids[i]`, `titles[i]`, `kinds[i]`.
 * Parallel arrays keep 5,000 nodes and 20,000 edges near a megabyte of JSON.
 */
export interface CompactGraph {
  /** What the numbers in `kinds` stand for. */
  readonly nodeKinds: readonly NodeKind[];
  /** What the third number of each edge stands for. */
  readonly edgeKinds: readonly EdgeKind[];
  readonly ids: readonly string[];
  readonly titles: readonly string[];
  /** Index into `nodeKinds`, per node. */
  readonly kinds: readonly number[];
  /** 1 for a stub (cited, not in the collection), 0 otherwise, per node. */
  readonly stubs: readonly number[];
  /** Flat triples: source index, target index, index into `edgeKinds`. */
  readonly edges: readonly number[];
  /**
   * Flat pairs of x, y per node, when the server laid the graph out. Absent for
   * small graphs, which the browser lays out itself.
   */
  readonly positions?: readonly number[];
  /** Which part of the graph this is. In an overview, nodes come most connected first. */
  readonly level: GraphLevel;
  /** The whole graph's nodes and edges, whatever this answer holds. */
  readonly total: GraphCounts;
  /** The nodes and edges in this answer. */
  readonly shown: GraphCounts;
  /** For a region: what it grew from. */
  readonly region?: RegionInfo;
}

export interface LayoutOptions {
  /** Lay out on the server from this many nodes up; smaller graphs are left to the browser. */
  readonly serverLayoutFrom: number;
  /** The ideal length of an edge, in layout units (about pixels at zoom 1). */
  readonly edgeLength: number;
  /** Force iterations at most; fewer for large graphs so the time stays bounded. */
  readonly maxIterations: number;
  /** Force iterations at least, however large the graph. */
  readonly minIterations: number;
  /** Iterations × nodes at most: caps the work at about this many node updates. */
  readonly workBudget: number;
  /** From this many nodes, repulsion is approximated (Barnes–Hut): O(n log n) an iteration instead of O(n²). */
  readonly barnesHutFrom: number;
}

export const defaultLayoutOptions: LayoutOptions = {
  serverLayoutFrom: 400,
  edgeLength: 60,
  maxIterations: 40,
  minIterations: 20,
  workBudget: 120_000,
  barnesHutFrom: 1000,
};

/**
 * How strongly each kind of edge pulls its ends together. A tag edge's pull is
 * further divided by the square root of the tag's degree: a rare tag stays by its
 * few documents, a tag on hundreds does not drag them all into one knot.
 */
const EDGE_WEIGHT: Record<EdgeKind, number> = {
  source: 1,
  related: 1,
  'related-paper': 0.8,
  next: 1,
  mentions: 0.6,
  tag: 1,
};

/** The whole graph as parallel arrays, with positions when it has `serverLayoutFrom` nodes or more. */
export function toCompactGraph(graph: Graph, options: Partial<LayoutOptions> = {}): CompactGraph {
  const { nodes, index } = compactNodes(graph, graph.nodes.keys());
  const edges: number[] = [];
  for (const edge of graph.edges) pushEdge(edges, index, edge.source, edge.target, edge.kind);
  return finish(graph, nodes, edges, 'all', options);
}

/**
 * The nodes `ids` (in that order) and every edge among them, as parallel arrays,
 * laid out like `toCompactGraph`. Reads only the edges of the nodes named, so a
 * part costs what it holds, not what the graph holds.
 */
export function compactSubgraph(graph: Graph, ids: readonly NodeId[], level: GraphLevel, options: Partial<LayoutOptions> = {}, region?: RegionInfo): CompactGraph {
  const { nodes, index } = compactNodes(graph, ids);
  const edges: number[] = [];
  for (const id of ids) {
    for (const edge of graph.outgoing.get(id) ?? []) pushEdge(edges, index, edge.source, edge.target, edge.kind);
  }
  return finish(graph, nodes, edges, level, options, region);
}

type CompactNodes = Pick<CompactGraph, 'ids' | 'titles' | 'kinds' | 'stubs'>;

function compactNodes(graph: Graph, ids: Iterable<NodeId>): { nodes: CompactNodes; index: Map<string, number> } {
  const index = new Map<string, number>();
  const nodes = { ids: [] as string[], titles: [] as string[], kinds: [] as number[], stubs: [] as number[] };
  const kinds = listNodeKinds();
  for (const id of ids) {
    const node = graph.nodes.get(id);
    if (!node || index.has(id)) continue;
    index.set(id, nodes.ids.length);
    nodes.ids.push(node.id);
    nodes.titles.push(node.title);
    nodes.kinds.push(kinds.indexOf(node.kind));
    nodes.stubs.push(node.stub ? 1 : 0);
  }
  return { nodes, index };
}

/** Adds an edge as a triple when both its ends are among the nodes (and are not one node). */
function pushEdge(edges: number[], index: ReadonlyMap<string, number>, source: string, target: string, kind: EdgeKind): void {
  const s = index.get(source);
  const t = index.get(target);
  if (s === undefined || t === undefined || s === t) return;
  edges.push(s, t, EDGE_KINDS.indexOf(kind));
}

function finish(graph: Graph, nodes: CompactNodes, edges: number[], level: GraphLevel, options: Partial<LayoutOptions>, region?: RegionInfo): CompactGraph {
  const opts = { ...defaultLayoutOptions, ...options };
  const compact: CompactGraph = {
    nodeKinds: listNodeKinds(),
    edgeKinds: EDGE_KINDS,
    ...nodes,
    edges,
    level,
    total: { nodes: graph.nodes.size, edges: graph.edges.length },
    shown: { nodes: nodes.ids.length, edges: edges.length / 3 },
    ...(region ? { region } : {}),
  };
  if (nodes.ids.length < opts.serverLayoutFrom) return compact;
  const weights = EDGE_KINDS.map((k) => EDGE_WEIGHT[k]);
  return { ...compact, positions: layoutForces(nodes.ids.length, edges, weights, opts, [EDGE_KINDS.indexOf('tag')]) };
}

/**
 * A force-directed layout: ForceAtlas2 (graphology-layout-forceatlas2), Barnes–Hut
 * from `barnesHutFrom` nodes, a bounded number of iterations (`workBudget` node
 * updates at most), edges weighted by kind. Nodes start next to the node that
 * reached them first in a breadth-first walk, so neighbours begin close and few
 * iterations untangle them, and the same graph always gets the same positions.
 * Scaled to the room an edge length gives each node. Returns flat x, y pairs, rounded.
 */
export function layoutForces(
  n: number,
  edges: readonly number[],
  kindWeights: readonly number[],
  options: LayoutOptions = defaultLayoutOptions,
  /** Kinds whose pull is divided by the square root of the target's degree (tags). */
  hubKinds: readonly number[] = [],
): number[] {
  if (n === 0) return [];
  const { degree, start, adjacent } = adjacencyOf(n, edges);
  const { x, y } = startPositions(n, degree, start, adjacent, options.edgeLength);

  const g = new Graphology({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (let i = 0; i < n; i++) g.addNode(String(i), { x: x[i], y: y[i] });
  // Two edges between the same nodes (a note both relates to and mentions another) pull as one, their weights summed.
  const weights = new Map<number, number>();
  for (let e = 0; e < edges.length; e += 3) {
    const s = edges[e] as number;
    const t = edges[e + 1] as number;
    const kind = edges[e + 2] as number;
    const w = kindWeights[kind] ?? 1;
    const key = Math.min(s, t) * n + Math.max(s, t);
    weights.set(key, (weights.get(key) ?? 0) + (hubKinds.includes(kind) ? w / Math.sqrt(degree[t]!) : w));
  }
  for (const [key, weight] of weights) g.addEdge(String(Math.floor(key / n)), String(key % n), { weight });

  const iterations = Math.max(options.minIterations, Math.min(options.maxIterations, Math.floor(options.workBudget / n)));
  forceAtlas2.assign(g, {
    iterations,
    getEdgeWeight: 'weight',
    // Strong gravity at 1, not the 0.05 inferSettings picks: the nodes an overview leaves without
    // links come in beside the rest instead of on a far ring that shrinks everything else.
    settings: { ...forceAtlas2.inferSettings(n), gravity: 1, barnesHutOptimize: n >= options.barnesHutFrom },
  });
  g.forEachNode((key, attributes) => {
    x[Number(key)] = attributes.x as number;
    y[Number(key)] = attributes.y as number;
  });
  return scaleToRoom(x, y, options.edgeLength);
}

/** Undirected adjacency in compressed rows: node i's neighbours are adjacent[start[i]..start[i + 1]). */
function adjacencyOf(n: number, edges: readonly number[]): { degree: Int32Array; start: Int32Array; adjacent: Int32Array } {
  const degree = new Int32Array(n);
  for (let e = 0; e < edges.length; e += 3) {
    degree[edges[e] as number]!++;
    degree[edges[e + 1] as number]!++;
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + degree[i]!;
  const fill = start.slice(0, n);
  const adjacent = new Int32Array(start[n]!);
  for (let e = 0; e < edges.length; e += 3) {
    const s = edges[e] as number;
    const t = edges[e + 1] as number;
    adjacent[fill[s]!++] = t;
    adjacent[fill[t]!++] = s;
  }
  return { degree, start, adjacent };
}

/**
 * Deterministic start positions: components largest hub first, on a spiral around
 * the first; in each, every node on a widening spiral around the node that reached
 * it first in a breadth-first walk.
 */
function startPositions(n: number, degree: Int32Array, start: Int32Array, adjacent: Int32Array, k: number): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const placed = new Uint8Array(n);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => degree[b]! - degree[a]! || a - b);
  const golden = Math.PI * (3 - Math.sqrt(5));
  const queue = new Int32Array(n);
  let componentIndex = 0;
  let spread = 0;
  for (const root of order) {
    if (placed[root]) continue;
    const r = componentIndex === 0 ? 0 : spread + k * 4 * Math.sqrt(componentIndex);
    x[root] = r * Math.cos(componentIndex * golden);
    y[root] = r * Math.sin(componentIndex * golden);
    componentIndex++;
    placed[root] = 1;
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    while (head < tail) {
      const p = queue[head++]!;
      let child = 0;
      for (let a = start[p]!; a < start[p + 1]!; a++) {
        const q = adjacent[a]!;
        if (placed[q]) continue;
        placed[q] = 1;
        const angle = (p * 0.618 + child) * golden;
        const dist = k * (0.6 + 0.25 * Math.sqrt(child));
        x[q] = x[p]! + dist * Math.cos(angle);
        y[q] = y[p]! + dist * Math.sin(angle);
        child++;
        queue[tail++] = q;
      }
    }
    if (componentIndex === 1) spread = Math.sqrt(tail) * k;
  }
  return { x, y };
}

/**
 * ForceAtlas2's units are its own: scale about the centre so that each node has
 * about (0.6 × edgeLength)² of room, the room a Fruchterman–Reingold layout with
 * that edge length gives (so a node is about `edgeLength` pixels from its
 * neighbours at zoom 1, and nodes do not pile up at the zoom that fits them all).
 * The room is counted within the radius that holds 90% of the nodes, so a few far
 * unlinked nodes do not set the scale. Rounded.
 */
function scaleToRoom(x: Float64Array, y: Float64Array, edgeLength: number): number[] {
  const n = x.length;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < n; i++) {
    cx += x[i]! / n;
    cy += y[i]! / n;
  }
  const radii = Array.from({ length: n }, (_, i) => Math.hypot(x[i]! - cx, y[i]! - cy)).sort((a, b) => a - b);
  const r90 = radii[Math.min(n - 1, Math.floor(0.9 * n))] ?? 0;
  const wanted = 0.6 * edgeLength * Math.sqrt(Math.max(1, 0.9 * n) / Math.PI);
  const scale = r90 > 1e-9 ? wanted / r90 : 1;
  const out = new Array<number>(n * 2);
  for (let i = 0; i < n; i++) {
    out[2 * i] = Math.round((x[i]! - cx) * scale);
    out[2 * i + 1] = Math.round((y[i]! - cy) * scale);
  }
  return out;
}

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
  /** Iterations × nodes at most: caps the work at about this many node updates. */
  readonly workBudget: number;
}

export const defaultLayoutOptions: LayoutOptions = {
  serverLayoutFrom: 400,
  edgeLength: 60,
  maxIterations: 150,
  workBudget: 500_000,
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
 * A force-directed layout (Fruchterman–Reingold) that stays near linear: repulsion
 * only between nodes in neighbouring grid cells, attraction along edges, a weak
 * pull to the middle so components stay together, and a cooling step size. Nodes
 * start next to the node that reached them first in a breadth-first walk, so
 * neighbours begin close and few iterations untangle them. Deterministic: the same
 * graph always gets the same positions. Returns flat x, y pairs, rounded.
 */
export function layoutForces(
  n: number,
  edges: readonly number[],
  kindWeights: readonly number[],
  options: LayoutOptions = defaultLayoutOptions,
  /** Kinds whose pull is divided by the square root of the target's degree (tags). */
  hubKinds: readonly number[] = [],
): number[] {
  const k = options.edgeLength;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  if (n === 0) return [];

  // Undirected adjacency in compressed rows, for the breadth-first start.
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

  // Start positions: components largest hub first; each node beside its parent.
  const placed = new Uint8Array(n);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => degree[b]! - degree[a]! || a - b);
  const golden = Math.PI * (3 - Math.sqrt(5));
  const queue = new Int32Array(n);
  let componentIndex = 0;
  let spread = 0;
  for (const root of order) {
    if (placed[root]) continue;
    // Components go on a spiral around the first, far enough apart not to overlap at first.
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
        // Children on a widening spiral around their parent.
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

  const weight = new Float64Array(edges.length / 3);
  for (let e = 0; e < edges.length; e += 3) {
    const kind = edges[e + 2] as number;
    const w = kindWeights[kind] ?? 1;
    weight[e / 3] = hubKinds.includes(kind) ? w / Math.sqrt(degree[edges[e + 1] as number]!) : w;
  }

  const iterations = Math.max(20, Math.min(options.maxIterations, Math.floor(options.workBudget / n)));
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  const k2 = k * k;
  let temperature = Math.sqrt(n) * k * 0.1 + k;
  const cooling = temperature / iterations;
  const gravity = 0.06;
  const tree = new QuadTree(n);

  for (let it = 0; it < iterations; it++) {
    dx.fill(0);
    dy.fill(0);
    tree.build(x, y);
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < n; i++) {
      cx += x[i]!;
      cy += y[i]!;
      tree.repel(i, x, y, k2, dx, dy);
    }
    cx /= n;
    cy /= n;

    // Attraction along edges, weighted by kind.
    for (let e = 0; e < edges.length; e += 3) {
      const s = edges[e] as number;
      const t = edges[e + 1] as number;
      const w = weight[e / 3]!;
      const ddx = x[s]! - x[t]!;
      const ddy = y[s]! - y[t]!;
      const dist = Math.sqrt(ddx * ddx + ddy * ddy);
      const f = (w * dist) / k;
      dx[s]! -= ddx * f;
      dy[s]! -= ddy * f;
      dx[t]! += ddx * f;
      dy[t]! += ddy * f;
    }

    // Move each node by its force, no further than the temperature.
    for (let i = 0; i < n; i++) {
      const fx = dx[i]! - gravity * (x[i]! - cx);
      const fy = dy[i]! - gravity * (y[i]! - cy);
      const len = Math.sqrt(fx * fx + fy * fy);
      if (len === 0) continue;
      const step = Math.min(len, temperature);
      x[i]! += (fx / len) * step;
      y[i]! += (fy / len) * step;
    }
    temperature = Math.max(temperature - cooling, k * 0.05);
  }

  const out = new Array<number>(n * 2);
  for (let i = 0; i < n; i++) {
    out[2 * i] = Math.round(x[i]!);
    out[2 * i + 1] = Math.round(y[i]!);
  }
  return out;
}

/** Nodes further than this many cell widths away repel as one body at their centre of mass. */
const THETA = 1.2;
/** Below this cell size, bodies share a leaf instead of splitting forever on one spot. */
const MIN_CELL = 1e-3;

/**
 * A Barnes–Hut quadtree over flat arrays, rebuilt each iteration: repulsion from
 * far-away groups of nodes is computed once per group, so an iteration costs
 * O(n log n) however the nodes bunch up.
 */
class QuadTree {
  private capacity: number;
  /** First child of each cell (four in a row), or -1 for a leaf. */
  private child: Int32Array;
  /** The body a leaf holds, -1 when empty; for a shared leaf, the first body. */
  private body: Int32Array;
  private mass: Float64Array;
  private mx: Float64Array;
  private my: Float64Array;
  private x0: Float64Array;
  private y0: Float64Array;
  private size: Float64Array;
  private count = 0;
  private readonly stack: Int32Array;

  constructor(private readonly n: number) {
    this.capacity = 8 * n + 8;
    this.child = new Int32Array(this.capacity);
    this.body = new Int32Array(this.capacity);
    this.mass = new Float64Array(this.capacity);
    this.mx = new Float64Array(this.capacity);
    this.my = new Float64Array(this.capacity);
    this.x0 = new Float64Array(this.capacity);
    this.y0 = new Float64Array(this.capacity);
    this.size = new Float64Array(this.capacity);
    this.stack = new Int32Array(4 * 64 + 8);
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const copy = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(capacity);
      b.set(a);
      return b;
    };
    this.child = copy(this.child);
    this.body = copy(this.body);
    this.mass = copy(this.mass);
    this.mx = copy(this.mx);
    this.my = copy(this.my);
    this.x0 = copy(this.x0);
    this.y0 = copy(this.y0);
    this.size = copy(this.size);
    this.capacity = capacity;
  }

  private cell(x0: number, y0: number, size: number): number {
    if (this.count === this.capacity) this.grow();
    const c = this.count++;
    this.child[c] = -1;
    this.body[c] = -1;
    this.mass[c] = 0;
    this.mx[c] = 0;
    this.my[c] = 0;
    this.x0[c] = x0;
    this.y0[c] = y0;
    this.size[c] = size;
    return c;
  }

  private split(c: number): void {
    const half = this.size[c]! / 2;
    const first = this.cell(this.x0[c]!, this.y0[c]!, half);
    this.cell(this.x0[c]! + half, this.y0[c]!, half);
    this.cell(this.x0[c]!, this.y0[c]! + half, half);
    this.cell(this.x0[c]! + half, this.y0[c]! + half, half);
    this.child[c] = first;
  }

  private quadrant(c: number, px: number, py: number): number {
    const half = this.size[c]! / 2;
    return this.child[c]! + (px >= this.x0[c]! + half ? 1 : 0) + (py >= this.y0[c]! + half ? 2 : 0);
  }

  build(x: Float64Array, y: Float64Array): void {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < this.n; i++) {
      minX = Math.min(minX, x[i]!);
      minY = Math.min(minY, y[i]!);
      maxX = Math.max(maxX, x[i]!);
      maxY = Math.max(maxY, y[i]!);
    }
    this.count = 0;
    const root = this.cell(minX, minY, Math.max(maxX - minX, maxY - minY, 1) * 1.0001);
    for (let i = 0; i < this.n; i++) {
      const px = x[i]!;
      const py = y[i]!;
      let c = root;
      for (;;) {
        // Every cell on the way down carries the body's mass.
        const m = this.mass[c]!;
        this.mx[c] = (this.mx[c]! * m + px) / (m + 1);
        this.my[c] = (this.my[c]! * m + py) / (m + 1);
        this.mass[c] = m + 1;
        if (this.child[c]! >= 0) {
          c = this.quadrant(c, px, py);
          continue;
        }
        if (m === 0) {
          this.body[c] = i;
          break;
        }
        if (this.size[c]! < MIN_CELL) break; // a shared leaf: bodies on one spot
        // Push the leaf's body down a level, then go on placing this one.
        const other = this.body[c]!;
        this.split(c);
        this.body[c] = -1;
        const q = this.quadrant(c, x[other]!, y[other]!);
        this.body[q] = other;
        this.mass[q] = m;
        this.mx[q] = x[other]!;
        this.my[q] = y[other]!;
        c = this.quadrant(c, px, py);
      }
    }
  }

  /** Adds to dx, dy the repulsion every other node exerts on node i (k²/d, Fruchterman–Reingold). */
  repel(i: number, x: Float64Array, y: Float64Array, k2: number, dx: Float64Array, dy: Float64Array): void {
    const px = x[i]!;
    const py = y[i]!;
    let fx = 0;
    let fy = 0;
    const stack = this.stack;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const c = stack[--top]!;
      const m = this.mass[c]!;
      if (m === 0) continue;
      let ddx = px - this.mx[c]!;
      let ddy = py - this.my[c]!;
      let d2 = ddx * ddx + ddy * ddy;
      const leaf = this.child[c]! < 0;
      const size = this.size[c]!;
      // A cell holding i is never one far-away body, however far its centre of mass.
      const holdsI = px >= this.x0[c]! && px < this.x0[c]! + size && py >= this.y0[c]! && py < this.y0[c]! + size;
      if (leaf || (!holdsI && size * size < THETA * THETA * d2)) {
        // A leaf holding only i, or i among bodies on one spot, pushes i by the others alone.
        const own = leaf && (this.body[c] === i || d2 < 1e-12) ? 1 : 0;
        const others = leaf && own ? m - 1 : m;
        if (others <= 0) continue;
        if (d2 < 0.01) {
          ddx = Math.cos(i);
          ddy = Math.sin(i);
          d2 = 1;
        }
        const f = (others * k2) / d2;
        fx += ddx * f;
        fy += ddy * f;
      } else if (top + 4 <= stack.length) {
        const first = this.child[c]!;
        stack[top++] = first;
        stack[top++] = first + 1;
        stack[top++] = first + 2;
        stack[top++] = first + 3;
      }
    }
    dx[i]! += fx;
    dy[i]! += fy;
  }
}

import Graphology from 'graphology';
import louvain from 'graphology-communities-louvain';
import type { EdgeKind, Graph, NodeId } from '../graph/types';
import type { Neighbours } from './neighbours';

/*
 * Computed topics: communities of a weighted graph over the documents (Louvain,
 * graphology-communities-louvain, with a seeded random source so the same content
 * gives the same communities). Edges are the typed edges, each kind with its own
 * weight, tags that are not too common (a tag node joins its documents), and each
 * document's nearest neighbours by text. Communities larger than a leaf holds are
 * split again, on their own subgraph.
 */

export interface ClusterOptions {
  /** Weight of one edge of each kind; a tag edge ties a document to a tag node. */
  readonly edgeWeights: Readonly<Record<EdgeKind, number>>;
  /** Weight of a nearest-neighbour pair, times its cosine. */
  readonly similarWeight: number;
  /** A tag on more than this share of the documents ties everything to everything: it is left out. */
  readonly commonTagShare: number;
  /** A topic with more documents than this is split into subtopics (when it splits). */
  readonly maxLeaf: number;
  /** Levels of subtopics at most. */
  readonly maxDepth: number;
  readonly resolution: number;
  readonly seed: number;
}

export const defaultClusterOptions: ClusterOptions = {
  edgeWeights: { source: 3, related: 3, next: 2, 'related-paper': 2, mentions: 1, tag: 0.5 },
  similarWeight: 2,
  commonTagShare: 0.05,
  maxLeaf: 200,
  maxDepth: 4,
  resolution: 1,
  seed: 13,
};

/** A cluster of documents, with its subclusters when it was split. */
export interface Cluster {
  /** Its documents (those of its subclusters too), in graph order. */
  readonly members: readonly NodeId[];
  readonly children: readonly Cluster[];
}

export type WeightedGraph = Graphology<Record<string, never>, { weight: number }>;

/** A small, seeded random source (mulberry32): Louvain visits nodes in an order it draws. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The weighted graph clustering works on: documents (in graph order), the tags
 * not too common, and one edge per linked pair whose weight adds up every link.
 */
export function buildWeightedGraph(
  graph: Graph,
  documents: readonly NodeId[],
  neighbours: Neighbours | undefined,
  include: ReadonlySet<NodeId> = new Set(documents),
  options: ClusterOptions = defaultClusterOptions,
): WeightedGraph {
  // Nodes by number and pairs by one number (a * count + b): at 50,000 documents and
  // 600,000 links, string keys for pairs were most of the time.
  const keys: string[] = [];
  const number = new Map<string, number>();
  const numberOf = (key: string): number => {
    let n = number.get(key);
    if (n === undefined) {
      number.set(key, (n = keys.length));
      keys.push(key);
    }
    return n;
  };
  for (const id of documents) if (include.has(id)) numberOf(id);
  const weights = new Map<number, number>();
  const space = graph.nodes.size + 1;
  const add = (a: number, b: number, w: number) => {
    if (a === b || w <= 0) return;
    const key = a < b ? a * space + b : b * space + a;
    weights.set(key, (weights.get(key) ?? 0) + w);
  };
  // As the graph overview does (lib/graph/overview.ts), a tag on fewer than 50 documents is never too common.
  const commonTag = Math.max(50, options.commonTagShare * include.size);
  for (const edge of graph.edges) {
    const a = number.get(edge.source);
    if (a === undefined) continue;
    if (edge.kind === 'tag') {
      const carriers = graph.incoming.get(edge.target)?.length ?? 0;
      if (carriers >= 2 && carriers <= commonTag) add(a, numberOf(edge.target), options.edgeWeights.tag);
    } else {
      const b = number.get(edge.target);
      if (b !== undefined) add(a, b, options.edgeWeights[edge.kind]);
    }
  }
  if (neighbours) {
    const { k, ids, scores } = neighbours;
    for (let i = 0; i < documents.length; i++) {
      const a = number.get(documents[i] as string);
      if (a === undefined) continue;
      for (let j = 0; j < k; j++) {
        const d = ids[i * k + j] as number;
        const b = d >= 0 ? number.get(documents[d] as string) : undefined;
        if (b !== undefined) add(a, b, options.similarWeight * (scores[i * k + j] as number));
      }
    }
  }
  const g: WeightedGraph = new Graphology({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const key of keys) g.addNode(key);
  for (const [key, weight] of weights) g.addEdge(keys[Math.floor(key / space)] as string, keys[key % space] as string, { weight });
  return g;
}

/** Louvain communities of a graph, as lists of node keys in the graph's order. Deterministic for one seed. */
export function communities(g: WeightedGraph, resolution: number, seed: number): string[][] {
  if (g.size === 0) return g.order ? [g.nodes()] : [];
  // Nodes visited in graph order, not a random walk: a small edit then changes the visits of few nodes, and most communities come out as before.
  const assignment = louvain(g, { getEdgeWeight: 'weight', resolution, randomWalk: false, rng: seededRandom(seed) });
  const groups = new Map<number, string[]>();
  g.forEachNode((node) => {
    const c = assignment[node] as number;
    let group = groups.get(c);
    if (!group) groups.set(c, (group = []));
    group.push(node);
  });
  return [...groups.values()];
}

/** The subgraph of some nodes: the edges among them, with their weights. */
function inducedSubgraph(g: WeightedGraph, nodes: readonly string[]): WeightedGraph {
  const inside = new Set(nodes);
  const sub: WeightedGraph = new Graphology({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const node of nodes) sub.addNode(node);
  for (const node of nodes) {
    g.forEachEdge(node, (_edge, attributes, source, target) => {
      if (source === node && inside.has(target)) sub.addEdge(source, target, { weight: attributes.weight });
    });
  }
  return sub;
}

/**
 * Clusters of the documents: communities, the small ones (under `minSize`
 * documents) joined to the community they are most linked to, or gathered into
 * one cluster of their own; clusters over `maxLeaf` split again on their own
 * subgraph until they do not split or `maxDepth` levels.
 */
export function clusterDocuments(g: WeightedGraph, isDocument: (key: string) => boolean, options: ClusterOptions = defaultClusterOptions): Cluster[] {
  const total = g.filterNodes(isDocument).length;
  const minSize = Math.max(2, Math.min(5, Math.ceil(total / 100)));
  const split = (sub: WeightedGraph, depth: number): Cluster[] => {
    let groups = communities(sub, options.resolution, options.seed + depth);
    // A dense cluster Louvain leaves whole may still split at a finer resolution.
    if (depth > 0 && groups.length < 2) groups = communities(sub, options.resolution * 2, options.seed + depth);
    const merged = mergeSmall(sub, groups, isDocument, minSize);
    return merged.map((nodes) => {
      const members = nodes.filter(isDocument) as NodeId[];
      const children = members.length > options.maxLeaf && depth < options.maxDepth && merged.length > 1 ? split(inducedSubgraph(sub, nodes), depth + 1) : [];
      return { members, children: children.length > 1 ? children : [] };
    });
  };
  const top = split(g, 0);
  // The first level may itself be one cluster: then its split is the first level.
  if (top.length === 1 && (top[0] as Cluster).members.length > options.maxLeaf) {
    const again = split(g, 1);
    if (again.length > 1) return again;
  }
  return top;
}

/** Communities with fewer than `minSize` documents go to their most linked large community, else into one leftover group. */
function mergeSmall(g: WeightedGraph, groups: readonly string[][], isDocument: (key: string) => boolean, minSize: number): string[][] {
  const size = (group: readonly string[]) => group.filter(isDocument).length;
  const large = groups.filter((group) => size(group) >= minSize).map((group) => [...group]);
  const small = groups.filter((group) => size(group) < minSize && size(group) > 0);
  if (!large.length) return small.length ? [small.flat()] : [];
  const home = new Map<string, number>();
  large.forEach((group, i) => group.forEach((node) => home.set(node, i)));
  const leftover: string[] = [];
  for (const group of small) {
    const pull = new Map<number, number>();
    for (const node of group) g.forEachEdge(node, (_e, attributes, source, target) => {
      const at = home.get(source === node ? target : source);
      if (at !== undefined) pull.set(at, (pull.get(at) ?? 0) + attributes.weight);
    });
    const best = [...pull].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    if (best) (large[best[0]] as string[]).push(...group);
    else leftover.push(...group);
  }
  if (size(leftover) >= minSize) large.push(leftover);
  else if (leftover.length) large.sort((a, b) => size(b) - size(a))[0]?.push(...leftover);
  return large.sort((a, b) => size(b) - size(a));
}

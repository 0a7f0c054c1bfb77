import Graphology from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { Slug } from '../graph/types';
import type { TopicSet } from './types';

/*
 * The topic level of the map (GET /api/graph/?level=topics): one node per topic
 * sized by its documents, edges between leaf topics weighted by the links and
 * text-neighbour pairs between them, laid out on the server by ForceAtlas2
 * (graphology-layout-forceatlas2) once per topic set. A topic with subtopics sits
 * at the centre of its leaves, so zooming from a topic into its subtopics keeps
 * the picture in place.
 */

export interface TopicMap {
  readonly level: 'topics';
  /** Topic `i` is `slugs[i]`, `labels[i]`, with `sizes[i]` documents. */
  readonly slugs: readonly string[];
  readonly labels: readonly string[];
  readonly sizes: readonly number[];
  /** Index of each topic's parent topic, -1 for a top-level topic. */
  readonly parents: readonly number[];
  /** Flat triples between leaf topics: topic index, topic index, links (typed edges plus nearest-neighbour pairs). */
  readonly edges: readonly number[];
  /** Flat triples between top-level topics: the leaf edges added up. */
  readonly rootEdges: readonly number[];
  /** Flat x, y per topic. */
  readonly positions: readonly number[];
  readonly total: { readonly topics: number; readonly documents: number };
}

export interface MapLayoutOptions {
  readonly iterations: number;
}

export const defaultMapLayoutOptions: MapLayoutOptions = { iterations: 300 };

const maps = new WeakMap<TopicSet, TopicMap>();

/** The topic map of a topic set, computed once and kept as long as the set. */
export function getTopicMap(set: TopicSet): TopicMap {
  let map = maps.get(set);
  if (!map) maps.set(set, (map = toTopicMap(set)));
  return map;
}

/** `getTopicMap` without the memo. */
export function toTopicMap(set: TopicSet, options: MapLayoutOptions = defaultMapLayoutOptions): TopicMap {
  const slugs = [...set.topics.keys()];
  const index = new Map<Slug, number>(slugs.map((s, i) => [s, i]));
  const topics = slugs.map((s) => set.topics.get(s)!);
  const rootOf = (slug: Slug): Slug => {
    let s = slug;
    for (let parent = set.topics.get(s)?.parent; parent; parent = set.topics.get(s)?.parent) s = parent;
    return s;
  };
  const edges: number[] = [];
  const rootWeights = new Map<string, number>();
  for (const link of set.links) {
    const weight = link.links + link.similar;
    edges.push(index.get(link.a)!, index.get(link.b)!, weight);
    const [a, b] = [index.get(rootOf(link.a))!, index.get(rootOf(link.b))!];
    if (a === b) continue;
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    rootWeights.set(key, (rootWeights.get(key) ?? 0) + weight);
  }
  const rootEdges = [...rootWeights].flatMap(([key, w]) => [...key.split(' ').map(Number), w]);
  return {
    level: 'topics',
    slugs,
    labels: topics.map((t) => t.label),
    sizes: topics.map((t) => t.members.length),
    parents: topics.map((t) => (t.parent ? (index.get(t.parent) ?? -1) : -1)),
    edges,
    rootEdges,
    positions: layoutTopics(set, slugs, options),
    total: { topics: slugs.length, documents: set.topicOf.size },
  };
}

/** Leaf topics by ForceAtlas2 (seeded start on a circle, so the same topics give the same map); parents at their leaves' centre. */
function layoutTopics(set: TopicSet, slugs: readonly Slug[], options: MapLayoutOptions): number[] {
  const g = new Graphology({ type: 'undirected' });
  const leaves = slugs.filter((s) => !set.topics.get(s)?.children.length);
  leaves.forEach((slug, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, leaves.length);
    g.addNode(slug, { x: 100 * Math.cos(angle), y: 100 * Math.sin(angle), size: Math.sqrt(set.topics.get(slug)?.members.length ?? 1) });
  });
  for (const link of set.links) if (g.hasNode(link.a) && g.hasNode(link.b)) g.mergeEdge(link.a, link.b, { weight: link.links + link.similar });
  if (g.order > 1) {
    forceAtlas2.assign(g, {
      iterations: options.iterations,
      getEdgeWeight: 'weight',
      settings: { ...forceAtlas2.inferSettings(g), adjustSizes: false, barnesHutOptimize: g.order > 500, edgeWeightInfluence: 0.5 },
    });
  }
  const at = new Map<Slug, [number, number]>();
  g.forEachNode((node, attributes) => at.set(node as Slug, [attributes.x as number, attributes.y as number]));
  // Parents, deepest first, at the size-weighted centre of their children.
  for (const slug of [...slugs].reverse()) {
    const topic = set.topics.get(slug);
    if (!topic?.children.length) continue;
    let [x, y, w] = [0, 0, 0];
    for (const child of topic.children) {
      const p = at.get(child);
      const size = set.topics.get(child)?.members.length ?? 1;
      if (p) [x, y, w] = [x + p[0] * size, y + p[1] * size, w + size];
    }
    at.set(slug, w ? [x / w, y / w] : [0, 0]);
  }
  return slugs.flatMap((s) => (at.get(s) ?? [0, 0]).map((v) => Math.round(v * 10) / 10));
}

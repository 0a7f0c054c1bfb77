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

export const defaultMapLayoutOptions: MapLayoutOptions = { iterations: 200 };

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

/**
 * Positions, level by level: the top-level topics by ForceAtlas2 over the links
 * between them, spread over the map; then each topic's subtopics by ForceAtlas2
 * over the links among them, inside their parent's disc. Small layouts each
 * (a few hundred topics at most), so 3,000 topics take well under a second, and
 * zooming into a topic finds its subtopics where it stood.
 */
function layoutTopics(set: TopicSet, slugs: readonly Slug[], options: MapLayoutOptions): number[] {
  const siblingLinks = linksBySiblings(set);
  const at = new Map<Slug, { x: number; y: number; r: number }>();
  const size = (slug: Slug) => set.topics.get(slug)?.members.length ?? 1;
  const largest = Math.max(1, ...set.roots.map(size));
  const spread = 60 * Math.sqrt(set.roots.length + 1);
  const place = (group: readonly Slug[], centre: { x: number; y: number; r: number } | undefined) => {
    const positions = layoutGroup(group, siblingLinks.get(centre ? (set.topics.get(group[0] as Slug)?.parent ?? '') : '') ?? [], options);
    for (const slug of group) {
      const p = positions.get(slug) ?? { x: 0, y: 0 };
      if (!centre) at.set(slug, { x: p.x * spread, y: p.y * spread, r: 12 + 48 * Math.sqrt(size(slug) / largest) });
      else {
        const parentSize = size(set.topics.get(slug)?.parent as Slug);
        at.set(slug, { x: centre.x + p.x * centre.r * 0.8, y: centre.y + p.y * centre.r * 0.8, r: Math.max(2, centre.r * 0.5 * Math.sqrt(size(slug) / parentSize)) });
      }
    }
    for (const slug of group) {
      const children = set.topics.get(slug)?.children ?? [];
      if (children.length) place(children, at.get(slug));
    }
  };
  place(set.roots, undefined);
  return slugs.flatMap((s) => {
    const p = at.get(s) ?? { x: 0, y: 0 };
    return [Math.round(p.x * 10) / 10, Math.round(p.y * 10) / 10];
  });
}

/** Links between sibling topics, by their parent's slug ('' for the top level): leaf links added up at the level where their topics part. */
function linksBySiblings(set: TopicSet): Map<string, { a: Slug; b: Slug; weight: number }[]> {
  const chain = (slug: Slug): Slug[] => {
    const out: Slug[] = [];
    for (let s: Slug | undefined = slug; s; s = set.topics.get(s)?.parent) out.unshift(s);
    return out;
  };
  const sums = new Map<string, Map<string, number>>();
  for (const link of set.links) {
    const [ca, cb] = [chain(link.a), chain(link.b)];
    let i = 0;
    while (i < ca.length && i < cb.length && ca[i] === cb[i]) i++;
    const [a, b] = [ca[i], cb[i]];
    if (!a || !b) continue;
    const parent = i > 0 ? (ca[i - 1] as string) : '';
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    let group = sums.get(parent);
    if (!group) sums.set(parent, (group = new Map()));
    group.set(key, (group.get(key) ?? 0) + link.links + link.similar);
  }
  const out = new Map<string, { a: Slug; b: Slug; weight: number }[]>();
  for (const [parent, group] of sums) {
    out.set(parent, [...group].map(([key, weight]) => {
      const [a, b] = key.split(' ') as [Slug, Slug];
      return { a, b, weight };
    }));
  }
  return out;
}

/** One group of sibling topics by ForceAtlas2 from a circle (so the same topics give the same map), scaled into the unit disc. */
function layoutGroup(group: readonly Slug[], links: readonly { a: Slug; b: Slug; weight: number }[], options: MapLayoutOptions): Map<Slug, { x: number; y: number }> {
  const g = new Graphology({ type: 'undirected' });
  group.forEach((slug, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, group.length);
    g.addNode(slug, { x: Math.cos(angle), y: Math.sin(angle) });
  });
  for (const { a, b, weight } of links) if (g.hasNode(a) && g.hasNode(b)) g.mergeEdge(a, b, { weight });
  if (g.order > 2) {
    forceAtlas2.assign(g, { iterations: options.iterations, getEdgeWeight: 'weight', settings: { ...forceAtlas2.inferSettings(g), edgeWeightInfluence: 0.5 } });
  }
  let [cx, cy] = [0, 0];
  g.forEachNode((_n, p) => {
    cx += (p.x as number) / g.order;
    cy += (p.y as number) / g.order;
  });
  let far = 0;
  g.forEachNode((_n, p) => {
    far = Math.max(far, Math.hypot((p.x as number) - cx, (p.y as number) - cy));
  });
  const out = new Map<Slug, { x: number; y: number }>();
  g.forEachNode((n, p) => out.set(n as Slug, { x: far ? ((p.x as number) - cx) / far : 0, y: far ? ((p.y as number) - cy) / far : 0 }));
  return out;
}

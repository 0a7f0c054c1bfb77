import { isDocumentNode, kindEntry } from '../domain/kinds';
import { compactSubgraph, toCompactGraph, type CompactGraph, type LayoutOptions } from './layout';
import { shortestPath } from './neighbourhood';
import type { EdgeKind, Graph, NodeId, NodeKind } from './types';

/*
 * What GET /api/graph/ sends. A collection small enough is sent whole. A larger
 * one is sent as an overview, its most connected nodes, and as regions, the nodes
 * around a focus or a path, so no answer grows with the collection. The topics
 * issue replaces the overview with a map of topics; regions stay.
 */

export interface OverviewOptions {
  /** A graph with more nodes than this is sent as an overview of this many. */
  readonly maxNodes: number;
  /** At most this many of the overview's nodes are tags, and never more than a tenth of them. */
  readonly maxTags: number;
  /**
   * A tag on more than this share of the documents is a hub: it ties everything to
   * everything, so the overview leaves it out and a region does not cross it.
   */
  readonly hubTagShare: number;
  /** A region holds at most this many nodes, nearest first. */
  readonly maxRegionNodes: number;
  readonly layout: Partial<LayoutOptions>;
}

/**
 * 3,000 nodes: every note and inquiring line of a 52,000-document collection and
 * its most cited papers, 168 KB gzipped, its nodes drawn in Chromium in 1.1–1.4 s
 * (docs/benchmarks.md, "The overview of a large graph").
 */
export const MAX_OVERVIEW_NODES = 3000;

export const defaultOverviewOptions: OverviewOptions = {
  maxNodes: MAX_OVERVIEW_NODES,
  maxTags: 100,
  hubTagShare: 0.05,
  maxRegionNodes: 500,
  layout: {},
};

/** A tag on fewer documents than this is never a hub, however small the collection. */
const MIN_HUB_DOCUMENTS = 50;

/** A tie in links is broken by the kinds' reading order (lib/domain/kinds.ts): lines of inquiry and notes before papers. */
const readingOrder = (kind: NodeKind): number => kindEntry(kind).readingOrder;

/** Per node, its links: edges of every kind but tags (a tag says little about one document). */
function countLinks(graph: Graph): Map<NodeId, number> {
  const links = new Map<NodeId, number>();
  for (const edge of graph.edges) {
    if (edge.kind === 'tag') continue;
    links.set(edge.source, (links.get(edge.source) ?? 0) + 1);
    links.set(edge.target, (links.get(edge.target) ?? 0) + 1);
  }
  return links;
}

/** The tags on more than `share` of the collection's documents (and on at least MIN_HUB_DOCUMENTS). */
export function findHubTags(graph: Graph, share: number): Set<NodeId> {
  let documents = 0;
  for (const node of graph.nodes.values()) if (isDocumentNode(node) && !node.stub) documents++;
  const limit = Math.max(share * documents, MIN_HUB_DOCUMENTS);
  const hubs = new Set<NodeId>();
  for (const node of graph.nodes.values()) {
    if (node.kind === 'tag' && (graph.incoming.get(node.id)?.length ?? 0) > limit) hubs.add(node.id);
  }
  return hubs;
}

const hubMemo = new WeakMap<Graph, { share: number; hubs: Set<NodeId> }>();

/** `findHubTags`, kept per graph: every region asks. */
function hubTagsOf(graph: Graph, share: number): Set<NodeId> {
  const kept = hubMemo.get(graph);
  if (kept?.share === share) return kept.hubs;
  const hubs = findHubTags(graph, share);
  hubMemo.set(graph, { share, hubs });
  return hubs;
}

/**
 * The overview's nodes: the tags most of the chosen documents carry, hubs left
 * out, then documents and stubs, most links first (ties: inquiring lines, notes,
 * papers, then stubs, then by id). Each group is in rank order, which the view
 * uses to label the most important first. Deterministic: the same graph gives
 * the same list.
 */
export function selectOverview(graph: Graph, options: Partial<OverviewOptions> = {}): NodeId[] {
  const { maxNodes, maxTags: tagCap, hubTagShare } = { ...defaultOverviewOptions, ...options };
  const maxTags = Math.min(tagCap, Math.floor(maxNodes / 10));
  const links = countLinks(graph);
  const linksOf = (id: NodeId) => links.get(id) ?? 0;
  const documents = [...graph.nodes.values()].filter(isDocumentNode);
  documents.sort(
    (a, b) => linksOf(b.id) - linksOf(a.id) || readingOrder(a.kind) - readingOrder(b.kind) || Number(a.stub) - Number(b.stub) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const chosen = documents.slice(0, Math.max(0, maxNodes - maxTags)).map((n) => n.id);
  const tags = pickTags(graph, chosen, maxTags, hubTagsOf(graph, hubTagShare));
  // Room the tags did not take goes to the next documents.
  const more = documents.slice(chosen.length, maxNodes - tags.length).map((n) => n.id);
  return [...tags, ...chosen, ...more];
}

/** Up to `max` tags, those the most of `documents` carry (at least two), hubs left out; ties by id. */
function pickTags(graph: Graph, documents: readonly NodeId[], max: number, hubs: ReadonlySet<NodeId>): NodeId[] {
  const carried = new Map<NodeId, number>();
  for (const id of documents) {
    for (const edge of graph.outgoing.get(id) ?? []) {
      if (edge.kind === 'tag' && !hubs.has(edge.target)) carried.set(edge.target, (carried.get(edge.target) ?? 0) + 1);
    }
  }
  return [...carried]
    .filter(([, count]) => count >= 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([id]) => id);
}

/** What a region is asked around: a focus, the path between two nodes, or both. */
export interface RegionQuery {
  readonly focus?: NodeId;
  readonly from?: NodeId;
  readonly to?: NodeId;
  /** Steps from the focus and the path's nodes, 1 to MAX_DEPTH. */
  readonly depth: number;
  /** Node kinds to keep (the focus and the path always). All when absent. */
  readonly nodeKinds?: ReadonlySet<NodeKind>;
  /** Edge kinds to follow, for the steps and the path. All when absent. */
  readonly edgeKinds?: ReadonlySet<EdgeKind>;
}

/**
 * The nodes of a region: the focus and the path's nodes first, then breadth first
 * up to `depth` steps and `maxRegionNodes` nodes. Hub tags are reached but not
 * crossed, unless the focus is one. Undefined when a node asked for does not exist.
 */
export function selectRegion(graph: Graph, query: RegionQuery, options: Partial<OverviewOptions> = {}): { ids: NodeId[]; seeds: NodeId[]; truncated: boolean } | undefined {
  const { maxRegionNodes, hubTagShare } = { ...defaultOverviewOptions, ...options };
  for (const id of [query.focus, query.from, query.to]) if (id !== undefined && !graph.nodes.has(id)) return undefined;
  const path = query.from && query.to ? (shortestPath(graph, query.from, query.to, query.edgeKinds) ?? [query.from, query.to]) : [];
  const seeds = [...new Set([...(query.focus ? [query.focus] : []), ...path])];
  const hubs = hubTagsOf(graph, hubTagShare);
  const keep = (id: NodeId) => !query.nodeKinds || query.nodeKinds.has(graph.nodes.get(id)?.kind ?? 'note');
  const follow = (kind: EdgeKind) => !query.edgeKinds || query.edgeKinds.has(kind);

  const chosen = new Set<NodeId>(seeds);
  let frontier = seeds.filter((id) => id === query.focus || !hubs.has(id));
  let truncated = false;
  for (let d = 0; d < query.depth && frontier.length && !truncated; d++) {
    const next: NodeId[] = [];
    for (const id of frontier) {
      for (const other of neighbours(graph, id, follow)) {
        if (chosen.has(other) || !keep(other)) continue;
        if (chosen.size >= maxRegionNodes) {
          truncated = true;
          break;
        }
        chosen.add(other);
        if (!hubs.has(other)) next.push(other);
      }
      if (truncated) break;
    }
    frontier = next;
  }
  return { ids: [...chosen], seeds, truncated };
}

function* neighbours(graph: Graph, id: NodeId, follow: (kind: EdgeKind) => boolean): Generator<NodeId> {
  for (const edge of graph.outgoing.get(id) ?? []) if (follow(edge.kind)) yield edge.target;
  for (const edge of graph.incoming.get(id) ?? []) if (follow(edge.kind)) yield edge.source;
}

const overviews = new WeakMap<Graph, CompactGraph>();

/**
 * What GET /api/graph/ answers without a query: the whole graph up to `maxNodes`
 * nodes, an overview past that. Computed once per graph (selection and layout):
 * the options must be the same at every call.
 */
export function getGraphOverview(graph: Graph, options: Partial<OverviewOptions> = {}): CompactGraph {
  let compact = overviews.get(graph);
  if (!compact) {
    compact = toGraphOverview(graph, options);
    overviews.set(graph, compact);
  }
  return compact;
}

/** The overview's size from `TRELLIS_GRAPH_OVERVIEW_NODES` (a whole number from 10), when set: for tests and small machines. */
export function overviewOptionsFrom(env: Readonly<Record<string, string | undefined>>): Partial<OverviewOptions> {
  const value = Number(env.TRELLIS_GRAPH_OVERVIEW_NODES);
  return Number.isInteger(value) && value >= 10 ? { maxNodes: value } : {};
}

/** `getGraphOverview` without the memo, with options: for tests and benchmarks. */
export function toGraphOverview(graph: Graph, options: Partial<OverviewOptions> = {}): CompactGraph {
  const opts = { ...defaultOverviewOptions, ...options };
  if (graph.nodes.size <= opts.maxNodes) return toCompactGraph(graph, opts.layout);
  return compactSubgraph(graph, selectOverview(graph, opts), 'overview', opts.layout);
}

/** The region a query asks for, as compact arrays; undefined when a node it names does not exist. */
export function getGraphRegion(graph: Graph, query: RegionQuery, options: Partial<OverviewOptions> = {}): CompactGraph | undefined {
  const opts = { ...defaultOverviewOptions, ...options };
  const region = selectRegion(graph, query, opts);
  if (!region) return undefined;
  return compactSubgraph(graph, region.ids, 'region', opts.layout, { seeds: region.seeds, depth: query.depth, truncated: region.truncated });
}

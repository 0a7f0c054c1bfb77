import { toLookupKey } from '../content/slug';
import type { DocumentKind, Graph, NodeId, TrellisNode } from '../graph/types';
import { KIND_PATH } from '../content/slug';

export type RouteMatch =
  | { readonly status: 'found'; readonly node: TrellisNode }
  | { readonly status: 'redirect'; readonly url: string }
  | { readonly status: 'missing' };

/** The longest URL segment worth looking up; anything longer is not a slug of ours. */
const MAX_SEGMENT = 200;

/**
 * The node a route's segment names. A segment in other case ("Sycophancy-…") or
 * percent-encoded redirects to the canonical URL; anything else is missing. Only a
 * lookup in the in-memory graph: a segment never reaches the file system.
 */
export function matchRoute(graph: Graph, kind: DocumentKind | 'tag', segment: string): RouteMatch {
  if (segment.length > MAX_SEGMENT) return { status: 'missing' };
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return { status: 'missing' };
  }
  const id = `/${KIND_PATH[kind]}/${decoded}/` as NodeId;
  const node = graph.nodes.get(id);
  if (node) return { status: 'found', node };
  const lower = `/${KIND_PATH[kind]}/${decoded.toLowerCase()}/` as NodeId;
  if (lower !== id && graph.nodes.has(lower)) return { status: 'redirect', url: lower };
  return { status: 'missing' };
}

/**
 * Titles closest to what a reader typed or followed: nodes sharing the most words
 * with it, best first. For the 404 page's "did you mean".
 */
export function closestNodes(graph: Graph, text: string, limit = 5): TrellisNode[] {
  const words = new Set(toLookupKey(text).split(' ').filter((w) => w.length > 2));
  if (words.size === 0) return [];
  const scored: { node: TrellisNode; score: number }[] = [];
  for (const node of graph.nodes.values()) {
    const nodeWords = toLookupKey(`${node.title} ${node.slug}`).split(' ');
    let shared = 0;
    for (const w of new Set(nodeWords)) if (words.has(w)) shared++;
    if (shared > 0) scored.push({ node, score: shared / Math.sqrt(nodeWords.length + 1) + (node.stub ? 0 : 0.01) });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.node.title.localeCompare(b.node.title))
    .slice(0, limit)
    .map((s) => s.node);
}

import { toLookupKey } from '../domain/slug';
import type { Graph, NodeKind, NodeId, TrellisNode } from '../graph/types';
import { kindEntry, kindOfRoute, routeOf } from '../domain/kinds';

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
export function matchRoute(graph: Graph, kind: NodeKind, segment: string): RouteMatch {
  if (segment.length > MAX_SEGMENT) return { status: 'missing' };
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return { status: 'missing' };
  }
  const id = `/${routeOf(kind)}/${decoded}/` as NodeId;
  const node = graph.nodes.get(id);
  if (node) return { status: 'found', node };
  const lower = `/${routeOf(kind)}/${decoded.toLowerCase()}/` as NodeId;
  if (lower !== id && graph.nodes.has(lower)) return { status: 'redirect', url: lower };
  return { status: 'missing' };
}

/** Each node's title and slug words, and the nodes holding each word: built once per graph. */
interface TitleWords {
  readonly nodes: readonly TrellisNode[];
  /** Distinct words per node, with repeats counted as `toLookupKey` gives them (the score's length). */
  readonly lengths: Int32Array;
  readonly byWord: ReadonlyMap<string, readonly number[]>;
}

const titleWords = new WeakMap<Graph, TitleWords>();

function titleWordsOf(graph: Graph): TitleWords {
  let index = titleWords.get(graph);
  if (index) return index;
  const nodes = [...graph.nodes.values()];
  const lengths = new Int32Array(nodes.length);
  const byWord = new Map<string, number[]>();
  nodes.forEach((node, i) => {
    const words = toLookupKey(`${node.title} ${node.slug}`).split(' ');
    lengths[i] = words.length;
    for (const word of new Set(words)) {
      const holders = byWord.get(word);
      if (holders) holders.push(i);
      else byWord.set(word, [i]);
    }
  });
  titleWords.set(graph, (index = { nodes, lengths, byWord }));
  return index;
}

/**
 * Titles closest to what a reader typed or followed: nodes sharing the most words
 * with it, best first. For the 404 page's "did you mean".
 *
 * Next renders the root not-found page with every page (it is the fallback of the
 * layout's boundary), so this runs on every request: it looks words up in an index
 * made once per graph, never folds every title again.
 */
export function closestNodes(graph: Graph, text: string, limit = 5): TrellisNode[] {
  const words = new Set(toLookupKey(text).split(' ').filter((w) => w.length > 2));
  if (words.size === 0 || limit < 1) return [];
  const { nodes, lengths, byWord } = titleWordsOf(graph);
  const shared = new Int32Array(nodes.length);
  const found: number[] = [];
  for (const word of words) {
    for (const i of byWord.get(word) ?? []) {
      if (shared[i] === 0) found.push(i);
      shared[i] = (shared[i] as number) + 1;
    }
  }
  // The best `limit`, kept in order while scanning: a common word ("because") is in thousands
  // of titles, and sorting them all by title (localeCompare) would cost more than the rest.
  type Scored = { node: TrellisNode; score: number };
  const before = (a: Scored, b: Scored) => a.score > b.score || (a.score === b.score && a.node.title.localeCompare(b.node.title) < 0);
  const best: Scored[] = [];
  for (const i of found) {
    const node = nodes[i] as TrellisNode;
    const entry = { node, score: (shared[i] as number) / Math.sqrt((lengths[i] as number) + 1) + (node.stub ? 0 : 0.01) };
    if (best.length >= limit) {
      if (!before(entry, best[best.length - 1] as Scored)) continue;
      best.pop();
    }
    let at = best.length;
    while (at > 0 && before(entry, best[at - 1] as Scored)) at--;
    best.splice(at, 0, entry);
  }
  return best.map((s) => s.node);
}

/*
 * Kinds with no page component of their own (an entry of lib/domain/kinds.ts with
 * `sections`) are served by app/kind/[kind]/: proxy.ts rewrites `/<route>/…` of such
 * a kind there, so the page keeps the kind's own URL. Next.js route folders are
 * static, and a top-level dynamic segment would answer every unknown path with a 404
 * that only the browser renders.
 */

/** The internal path prefix of the generic kind pages (app/kind/). */
export const GENERIC_KIND_PREFIX = '/kind';

/** The kind a URL segment names when the generic pages serve it, else undefined. */
export function genericKindOfRoute(segment: string): NodeKind | undefined {
  const kind = kindOfRoute(segment);
  return kind !== undefined && kindEntry(kind).sections !== undefined ? kind : undefined;
}

import { incomingByKinds, linkedEnds, type Linked } from '../graph/queries';
import type { EdgeKind, Graph, NodeId } from '../graph/types';
import { LIST_PAGE_SIZE, pageOf, type Page } from './pagination';

/*
 * The lists of what points at a node. A node page shows the first few of each and
 * links to the whole list, a page at a time, at `<node URL>?list=<key>&page=N`:
 * a much-cited paper's page stays small however many notes cite it.
 */

/** The name of a list in the URL (`?list=cited-by`). */
export type NodeListKey = 'cited-as-source-by' | 'related-from' | 'listed-by' | 'next-from' | 'mentioned-in' | 'cited-by';

export interface NodeList {
  readonly key: NodeListKey;
  /** The list's heading, as the node page shows it. */
  readonly title: string;
  /** What "Show all 1,234 …" counts. */
  readonly noun: string;
  /** The kinds of incoming edge it lists, in this order. */
  readonly edges: readonly EdgeKind[];
}

export const NODE_LISTS: readonly NodeList[] = [
  { key: 'cited-as-source-by', title: 'Cited as a source by', noun: 'inquiring lines', edges: ['source'] },
  { key: 'related-from', title: 'Related from', noun: 'notes', edges: ['related'] },
  { key: 'listed-by', title: 'Listed as a related paper by', noun: 'notes', edges: ['related-paper'] },
  { key: 'next-from', title: 'Next line after', noun: 'inquiring lines', edges: ['next'] },
  { key: 'mentioned-in', title: 'Mentioned in', noun: 'pages', edges: ['mentions'] },
  // A paper's "Cited by": the notes that list it, then every page linking to it
  // (a note doing both is there twice, once per way it cites).
  { key: 'cited-by', title: 'Cited by', noun: 'citations', edges: ['related-paper', 'mentions'] },
];

/** The list a `?list=` value names, if any. */
export function findNodeList(value: string | readonly string[] | undefined): NodeList | undefined {
  return typeof value === 'string' ? NODE_LISTS.find((l) => l.key === value) : undefined;
}

/** The list with this key (for the pages, which name their lists). */
export function nodeList(key: NodeListKey): NodeList {
  return NODE_LISTS.find((l) => l.key === key) as NodeList;
}

/** The edges of one of a node's lists, in parts, without copying them. */
function partsOf(graph: Graph, id: NodeId, list: NodeList) {
  return incomingByKinds(graph, id, list.edges);
}

/** How many entries a node's list holds. */
export function nodeListTotal(graph: Graph, id: NodeId, list: NodeList): number {
  return partsOf(graph, id, list).reduce((n, part) => n + part.length, 0);
}

/** Page `page` of a node's list (the citing end of each edge), `size` entries a page. */
export function nodeListPage(graph: Graph, id: NodeId, list: NodeList, page: number, size: number = LIST_PAGE_SIZE): Page<Linked> {
  const edges = pageOf(partsOf(graph, id, list), page, size);
  return { ...edges, items: linkedEnds(graph, edges.items, 'source') };
}

import { isDocumentNode, listDocumentKinds } from '../domain/kinds';
import type {
  DocumentKind,
  DocumentNode,
  Edge,
  EdgeKind,
  Graph,
  InquiryNode,
  NodeId,
  NodeKind,
  NoteNode,
  PaperNode,
  TrellisNode,
} from './types';

/*
 * Read-only questions pages ask of the graph. Each answers from the edge indexes
 * built once with the graph: a lookup, never a scan of every edge.
 */

const NONE: readonly Edge[] = [];

/** The node at a canonical URL path (`/notes/<slug>/`). */
export function getNode(graph: Graph, id: string): TrellisNode | undefined {
  return graph.nodes.get(id as NodeId);
}

export function outgoingEdges(graph: Graph, id: NodeId, kind?: EdgeKind): readonly Edge[] {
  const edges = graph.outgoing.get(id) ?? NONE;
  return kind ? edges.filter((e) => e.kind === kind) : edges;
}

export function incomingEdges(graph: Graph, id: NodeId, kind?: EdgeKind): readonly Edge[] {
  const edges = graph.incoming.get(id) ?? NONE;
  return kind ? edges.filter((e) => e.kind === kind) : edges;
}

/** A neighbour reached over one edge, with what the edge says. */
export interface Linked<N extends TrellisNode = TrellisNode> {
  readonly node: N;
  readonly edge: Edge;
}

function linked<N extends TrellisNode>(graph: Graph, edges: readonly Edge[], end: 'source' | 'target', kind?: NodeKind): Linked<N>[] {
  const out: Linked<N>[] = [];
  for (const edge of edges) {
    const node = graph.nodes.get(edge[end]);
    if (node && (!kind || node.kind === kind)) out.push({ node: node as N, edge });
  }
  return out;
}

/** An inquiring line's sources, in the order it lists them. */
export function sourcesOf(graph: Graph, inquiryId: NodeId): Linked<NoteNode>[] {
  const edges = [...outgoingEdges(graph, inquiryId, 'source')].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity));
  return linked(graph, edges, 'target', 'note');
}

/** A note's related concepts, each with its relation label. */
export function relatedConcepts(graph: Graph, noteId: NodeId): Linked<NoteNode>[] {
  return linked(graph, outgoingEdges(graph, noteId, 'related'), 'target', 'note');
}

/** The papers a note lists, in its order. */
export function listedPapers(graph: Graph, noteId: NodeId): Linked<PaperNode>[] {
  return linked(graph, outgoingEdges(graph, noteId, 'related-paper'), 'target', 'paper');
}

/** The next inquiring lines an inquiring line points to. */
export function nextInquiries(graph: Graph, inquiryId: NodeId): Linked<InquiryNode>[] {
  return linked(graph, outgoingEdges(graph, inquiryId, 'next'), 'target', 'inquiry');
}

/** What points at a node, grouped by how: the reverse view of its edges. */
export interface Backlinks {
  /** Inquiring lines that use it as a source. */
  readonly citedAsSourceBy: Linked[];
  /** Notes that list it as a related concept. */
  readonly relatedFrom: Linked[];
  /** Notes that list it among their papers. */
  readonly listedBy: Linked[];
  /** Inquiring lines that list it as a next line. */
  readonly nextFrom: Linked[];
  /** Documents whose body links to it. */
  readonly mentionedIn: Linked[];
}

export function backlinks(graph: Graph, id: NodeId): Backlinks {
  const from = (kind: EdgeKind) => linked(graph, incomingEdges(graph, id, kind), 'source');
  return {
    citedAsSourceBy: from('source'),
    relatedFrom: from('related'),
    listedBy: from('related-paper'),
    nextFrom: from('next'),
    mentionedIn: from('mentions'),
  };
}

/** Document nodes of one kind, files first, then stubs, each alphabetically. A copy the caller may change. */
export function nodesOfKind<K extends NodeKind>(graph: Graph, kind: K): Extract<TrellisNode, { kind: K }>[] {
  return [...sortedNodesOfKind(graph, kind)];
}

/*
 * Sorted lists are kept per graph: a kind index or a tag page then costs a slice
 * per request, not a sort of 50,000 titles. A new graph (content changed) is a new
 * key, and the old lists go with the old graph.
 */

const collator = new Intl.Collator('en');
const byFileThenTitle = (a: TrellisNode, b: TrellisNode) => Number(a.stub) - Number(b.stub) || collator.compare(a.title, b.title);

const byKind = new WeakMap<Graph, Map<NodeKind, readonly TrellisNode[]>>();

/** Every node of a kind, files first, then stubs, each alphabetically: computed once per graph, shared, not to be changed. */
export function sortedNodesOfKind<K extends NodeKind>(graph: Graph, kind: K): readonly Extract<TrellisNode, { kind: K }>[] {
  let lists = byKind.get(graph);
  if (!lists) byKind.set(graph, (lists = new Map()));
  let list = lists.get(kind);
  if (!list) {
    const nodes: TrellisNode[] = [];
    for (const node of graph.nodes.values()) if (node.kind === kind) nodes.push(node);
    lists.set(kind, (list = nodes.sort(byFileThenTitle)));
  }
  return list as readonly Extract<TrellisNode, { kind: K }>[];
}

/** How many nodes of a kind are stubs: computed once per graph. */
export function stubCount(graph: Graph, kind: NodeKind): number {
  const list = sortedNodesOfKind(graph, kind);
  // Files come first, so the stubs are the tail: find where it starts.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as TrellisNode).stub) hi = mid;
    else lo = mid + 1;
  }
  return list.length - lo;
}

/** A tag's documents by kind, each list files first, then stubs, alphabetically. */
export type TagMembers = Readonly<Record<DocumentKind, readonly DocumentNode[]>>;

const tagMemo = new WeakMap<Graph, Map<NodeId, TagMembers>>();

/** The documents carrying a tag, grouped by kind and sorted: computed once per graph and tag. */
export function tagMembers(graph: Graph, tagId: NodeId): TagMembers {
  let tags = tagMemo.get(graph);
  if (!tags) tagMemo.set(graph, (tags = new Map()));
  let members = tags.get(tagId);
  if (!members) {
    const groups = Object.fromEntries(listDocumentKinds().map((kind) => [kind, [] as DocumentNode[]])) as Record<DocumentKind, DocumentNode[]>;
    for (const edge of incomingEdges(graph, tagId, 'tag')) {
      const node = graph.nodes.get(edge.source);
      if (node && isDocumentNode(node)) groups[node.kind]?.push(node);
    }
    for (const list of Object.values(groups)) list.sort(byFileThenTitle);
    tags.set(tagId, (members = groups));
  }
  return members;
}

/** In-degree past which a node's incoming edges are kept grouped by kind, not filtered again per request. */
const GROUP_ABOVE = 256;

const incomingMemo = new WeakMap<Graph, Map<NodeId, ReadonlyMap<EdgeKind, readonly Edge[]>>>();

/**
 * A node's incoming edges of some kinds, in the graph's order, as parts (one per
 * kind, in the order asked). For a much-cited node the grouping is made once per
 * graph, so that a page of its backlinks costs the page, not a scan of them all.
 */
export function incomingByKinds(graph: Graph, id: NodeId, kinds: readonly EdgeKind[]): readonly (readonly Edge[])[] {
  const all = graph.incoming.get(id) ?? NONE;
  if (all.length <= GROUP_ABOVE) return kinds.map((kind) => all.filter((e) => e.kind === kind));
  let nodes = incomingMemo.get(graph);
  if (!nodes) incomingMemo.set(graph, (nodes = new Map()));
  let groups = nodes.get(id);
  if (!groups) {
    const grouped = new Map<EdgeKind, Edge[]>();
    for (const edge of all) {
      const list = grouped.get(edge.kind);
      if (list) list.push(edge);
      else grouped.set(edge.kind, [edge]);
    }
    nodes.set(id, (groups = grouped));
  }
  const found = groups;
  return kinds.map((kind) => found.get(kind) ?? NONE);
}

/** Each edge with the node at its `end`, for the few edges a page shows. */
export function linkedEnds(graph: Graph, edges: readonly Edge[], end: 'source' | 'target'): Linked[] {
  return linked(graph, edges, end);
}

type KindCounts = Record<DocumentKind, { files: number; stubs: number }> & { tags: number; edges: number };
const kindCounts = new WeakMap<Graph, KindCounts>();

/** How many documents of each kind the collection holds, files and stubs apart (counted once per graph). */
export function countByKind(graph: Graph): KindCounts {
  const known = kindCounts.get(graph);
  if (known) return known;
  const counts = { ...Object.fromEntries(listDocumentKinds().map((kind) => [kind, { files: 0, stubs: 0 }])), tags: 0, edges: graph.edges.length } as KindCounts;
  for (const node of graph.nodes.values()) {
    if (node.kind === 'tag') counts.tags++;
    else counts[node.kind][node.stub ? 'stubs' : 'files']++;
  }
  kindCounts.set(graph, counts);
  return counts;
}

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

/** The inquiring lines that use a note as a source. */
export function citingInquiries(graph: Graph, noteId: NodeId): Linked<InquiryNode>[] {
  return linked(graph, incomingEdges(graph, noteId, 'source'), 'source', 'inquiry');
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

/** Every document carrying a tag. */
export function taggedWith(graph: Graph, tagId: NodeId): Linked<DocumentNode>[] {
  return linked(graph, incomingEdges(graph, tagId, 'tag'), 'source');
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

/** Document nodes of one kind, files first, then stubs, each alphabetically. */
export function nodesOfKind<K extends DocumentKind | 'tag'>(graph: Graph, kind: K): Extract<TrellisNode, { kind: K }>[] {
  const nodes = [...graph.nodes.values()].filter((n): n is Extract<TrellisNode, { kind: K }> => n.kind === kind);
  return nodes.sort((a, b) => Number(a.stub) - Number(b.stub) || a.title.localeCompare(b.title));
}

/** How many documents of each kind the collection holds, files and stubs apart. */
export function countByKind(graph: Graph): Record<DocumentKind, { files: number; stubs: number }> & { tags: number; edges: number } {
  const counts = { note: { files: 0, stubs: 0 }, inquiry: { files: 0, stubs: 0 }, paper: { files: 0, stubs: 0 }, tags: 0, edges: graph.edges.length };
  for (const node of graph.nodes.values()) {
    if (node.kind === 'tag') counts.tags++;
    else counts[node.kind][node.stub ? 'stubs' : 'files']++;
  }
  return counts;
}

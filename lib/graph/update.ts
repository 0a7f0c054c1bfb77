import { isDocumentNode } from '../domain/kinds';
import { nodeUrl, tagSlug, toLookupKey } from '../domain/slug';
import { documentNode, documentSlug, namesOf } from './build';
import type { Diagnostic, Edge, Graph, NodeId, ParsedDocument, TrellisNode } from './types';

/** One file edited in place: its parsed document and problems before and after. */
export interface DocumentEdit {
  readonly before: ParsedDocument;
  readonly beforeDiagnostics: readonly Diagnostic[];
  readonly after: ParsedDocument;
  readonly afterDiagnostics: readonly Diagnostic[];
}

/**
 * The graph after one document was edited, made from the graph before instead of
 * building everything again (watch mode: a save at 50,000 documents is visible in
 * well under a second instead of two). Undefined whenever the edit could change
 * anything beyond the document's own node, its names and its tag edges — a new URL,
 * different citations, a name another page uses or shares, a tag appearing or
 * emptied — and the caller builds the graph anew. The result is then the graph
 * `buildGraph` would make from the same documents (tests/graph/update.test.ts holds
 * it to that).
 *
 * `documentOf` gives the parsed document of a file, to see which names the pages
 * linking to this one use.
 */
export function updateDocument(graph: Graph, edit: DocumentEdit, documentOf: (path: string) => ParsedDocument | undefined): Graph | undefined {
  const { before, after } = edit;
  if (before.path !== after.path || before.kind !== after.kind) return undefined;
  const slug = documentSlug(before);
  if (documentSlug(after) !== slug) return undefined;
  const id = nodeUrl(before.kind, slug);
  const old = graph.nodes.get(id);
  // A document served at a numbered URL took part in a clash: let the build settle it.
  if (!old || old.file !== before.path) return undefined;

  const linked = linkDiagnostics(graph, edit);
  if (linked === undefined || !sameCitations(before, after, linked.length === 0)) return undefined;
  const names = renamed(graph, id, namesOf(before, slug), namesOf(after, slug), documentOf);
  if (!names) return undefined;
  const tagged = retagged(graph, old, after.tags);
  if (!tagged) return undefined;

  const nodes = new Map(graph.nodes);
  nodes.set(id, documentNode(after, id, slug) as TrellisNode);
  return { ...graph, nodes, names, ...tagged, diagnostics: replaceDiagnostics(graph.diagnostics, edit) };
}

/**
 * The problems the build found in this file's links (as opposed to those parsing
 * found); undefined when a name the build reported on is involved in a way a
 * patch cannot follow.
 */
function linkDiagnostics(graph: Graph, edit: DocumentEdit): Diagnostic[] | undefined {
  const parsed = new Set(edit.beforeDiagnostics);
  const found = graph.diagnostics.filter((d) => d.file === edit.before.path && !parsed.has(d));
  // A title or alias this document shares with another: the clash is the build's to report.
  return found.some((d) => d.code === 'ambiguous-title' || d.code === 'ambiguous-alias' || d.code === 'duplicate-url') ? undefined : found;
}

/**
 * True when the edit leaves every citation as it was: same targets in the same
 * order with the same words, so every edge and stub stays. Link lines only matter
 * when the build reported on a link (its problem names the line).
 */
function sameCitations(before: ParsedDocument, after: ParsedDocument, linesFree: boolean): boolean {
  const links = (doc: ParsedDocument) => doc.wikilinks.map((link) => (linesFree ? link.target : `${link.target}\n${link.line}`));
  if (JSON.stringify(links(before)) !== JSON.stringify(links(after))) return false;
  if (!linesFree && JSON.stringify(before.fieldLines) !== JSON.stringify(after.fieldLines)) return false;
  return JSON.stringify(citationsOf(before)) === JSON.stringify(citationsOf(after));
}

function citationsOf(doc: ParsedDocument): unknown[] {
  if (doc.kind === 'note') return [doc.related, doc.inquiries, doc.papers];
  if (doc.kind === 'inquiry') return [doc.sources, doc.next];
  return [];
}

/** Every title a document cites, in frontmatter and body. */
function citedTitles(doc: ParsedDocument): string[] {
  const titles = doc.wikilinks.map((link) => link.target);
  if (doc.kind === 'note') titles.push(...doc.related.map((ref) => ref.title), ...doc.inquiries, ...doc.papers);
  if (doc.kind === 'inquiry') titles.push(...doc.sources.map((ref) => ref.title), ...doc.next);
  return titles;
}

/**
 * The name index after the document's names changed, or undefined when the change
 * could move a link: a new name someone already answers to (a stub would merge into
 * this document), a name it shares, or an old name a neighbour links by.
 */
function renamed(graph: Graph, id: NodeId, before: readonly string[], after: readonly string[], documentOf: (path: string) => ParsedDocument | undefined): Graph['names'] | undefined {
  const oldKeys = new Set(before.map(toLookupKey).filter(Boolean));
  const newKeys = new Set(after.map(toLookupKey).filter(Boolean));
  const added = [...newKeys].filter((key) => !oldKeys.has(key));
  const removed = [...oldKeys].filter((key) => !newKeys.has(key));
  if (added.length === 0 && removed.length === 0) return graph.names;
  for (const key of oldKeys) if ((graph.names.get(key)?.length ?? 0) > 1) return undefined;
  if (added.some((key) => graph.names.has(key))) return undefined;
  if (removed.length > 0 && linkedByName(graph, id, new Set(removed), documentOf)) return undefined;
  const names = new Map(graph.names);
  for (const key of removed) names.delete(key);
  for (const key of added) names.set(key, [id]);
  return names;
}

/** True when a document next to `id` in the graph cites one of `keys` (and so, maybe, `id` by that name). */
function linkedByName(graph: Graph, id: NodeId, keys: ReadonlySet<string>, documentOf: (path: string) => ParsedDocument | undefined): boolean {
  const neighbours = new Set<NodeId>();
  for (const edge of graph.incoming.get(id) ?? []) if (edge.kind !== 'tag') neighbours.add(edge.source);
  // A note's list of inquiring lines makes edges leaving the inquiring line it names.
  for (const edge of graph.outgoing.get(id) ?? []) if (edge.kind !== 'tag') neighbours.add(edge.target);
  for (const neighbour of neighbours) {
    const file = graph.nodes.get(neighbour)?.file;
    const doc = file === undefined ? undefined : documentOf(file);
    if (file !== undefined && !doc) return true;
    if (doc && citedTitles(doc).some((title) => keys.has(toLookupKey(title)))) return true;
  }
  return false;
}

/**
 * The edges after the document's tags changed, or undefined when a tag would
 * appear for the first time or lose its last document (a tag node born or gone).
 */
function retagged(graph: Graph, node: TrellisNode, tags: readonly string[]): Pick<Graph, 'edges' | 'outgoing' | 'incoming'> | undefined {
  const unchanged = { edges: graph.edges, outgoing: graph.outgoing, incoming: graph.incoming };
  if (JSON.stringify(node.tags) === JSON.stringify(tags)) return unchanged;
  const oldIds = new Set(node.tags.map((name) => nodeUrl('tag', tagSlug(name))));
  const newIds = new Set(tags.map((name) => nodeUrl('tag', tagSlug(name))));
  // A tag node is made by the first document that carries it, with that document's
  // spelling: a change around the first carrier moves or renames the node.
  const order = documentOrder(graph);
  const first = (tag: NodeId) => graph.incoming.get(tag)?.[0]?.source;
  for (const tag of new Set([...oldIds, ...newIds])) {
    const carrier = first(tag);
    if (carrier === undefined || carrier === node.id || (order.get(node.id) ?? Infinity) < (order.get(carrier) ?? -1)) return undefined;
  }
  // The same tag nodes in the same order (a tag spelt differently, say): the same edges.
  if (JSON.stringify([...oldIds]) === JSON.stringify([...newIds])) return unchanged;
  // Tag edges come last in the build, document by document, each document's in its tag order.
  const position = new Map<NodeId, number>();
  tags.forEach((name) => {
    const tag = nodeUrl('tag', tagSlug(name));
    if (!position.has(tag)) position.set(tag, position.size);
  });
  const kept = graph.edges.filter((edge) => edge.kind !== 'tag' || edge.source !== node.id);
  const fresh: Edge[] = [...position.keys()].map((tag) => ({ source: node.id, target: tag, kind: 'tag' }));
  const edges = placeTagEdges(graph, kept, node.id, fresh);
  const outgoing = new Map(graph.outgoing);
  outgoing.set(node.id, [...(graph.outgoing.get(node.id) ?? []).filter((edge) => edge.kind !== 'tag'), ...fresh]);
  const incoming = new Map(graph.incoming);
  for (const tag of new Set([...oldIds, ...newIds])) {
    const list = (graph.incoming.get(tag) ?? []).filter((edge) => edge.source !== node.id);
    const added = fresh.find((edge) => edge.target === tag);
    incoming.set(tag, added ? insertInOrder(graph, list, added) : list);
  }
  return { edges, outgoing, incoming };
}

/** Puts a document's new tag edges where the build would: after the tag edges of the documents before it. */
function placeTagEdges(graph: Graph, kept: readonly Edge[], id: NodeId, fresh: readonly Edge[]): Edge[] {
  const order = documentOrder(graph);
  const mine = order.get(id) ?? Infinity;
  const at = kept.findIndex((edge) => edge.kind === 'tag' && (order.get(edge.source) ?? -1) > mine);
  return at < 0 ? [...kept, ...fresh] : [...kept.slice(0, at), ...fresh, ...kept.slice(at)];
}

function insertInOrder(graph: Graph, list: readonly Edge[], edge: Edge): Edge[] {
  const order = documentOrder(graph);
  const mine = order.get(edge.source) ?? Infinity;
  const at = list.findIndex((other) => (order.get(other.source) ?? -1) > mine);
  return at < 0 ? [...list, edge] : [...list.slice(0, at), edge, ...list.slice(at)];
}

/** Documents in build order (the order of the graph's nodes, stubs and tags aside). */
const orders = new WeakMap<Graph['nodes'], Map<NodeId, number>>();
function documentOrder(graph: Graph): Map<NodeId, number> {
  let order = orders.get(graph.nodes);
  if (!order) {
    order = new Map();
    for (const node of graph.nodes.values()) if (!node.stub && isDocumentNode(node)) order.set(node.id, order.size);
    orders.set(graph.nodes, order);
  }
  return order;
}

/** The graph's problems with the file's parse problems replaced in place. */
function replaceDiagnostics(diagnostics: readonly Diagnostic[], edit: DocumentEdit): readonly Diagnostic[] {
  if (edit.beforeDiagnostics.length === 0 && edit.afterDiagnostics.length === 0) return diagnostics;
  const old = new Set(edit.beforeDiagnostics);
  const at = diagnostics.findIndex((d) => old.has(d));
  const rest = diagnostics.filter((d) => !old.has(d));
  // A file with no problems before: its new ones go after the other files' parse problems, as the build puts them.
  const where = at >= 0 ? at : rest.findIndex((d) => d.code === 'duplicate-url' || d.code === 'ambiguous-title' || d.code === 'ambiguous-alias' || d.code === 'ambiguous-link' || d.code === 'unresolved-link');
  const index = where >= 0 ? where : rest.length;
  return [...rest.slice(0, index), ...edit.afterDiagnostics, ...rest.slice(index)];
}

import { listDocumentKinds } from '../domain/kinds';
import { hashSlug, nodeUrl, paperSlug, tagSlug, toLookupKey, toSlug } from '../domain/slug';
import { resolveName } from './resolve';
import type {
  BodySource,
  Citation,
  Diagnostic,
  DocumentKind,
  DocumentNode,
  Edge,
  EdgeKind,
  Graph,
  NodeId,
  NodeKind,
  ParsedDocument,
  Slug,
  TagNode,
  TrellisNode,
} from './types';

/** What `buildGraph` needs besides the parsed documents. */
export interface BuildInput {
  readonly documents: readonly ParsedDocument[];
  /** Problems already found while loading and parsing; they are kept in the graph. */
  readonly diagnostics?: readonly Diagnostic[];
  /** Number of files read, including those that could not be parsed. */
  readonly fileCount?: number;
  /** Where bodies are read from; by default the documents' own `body`, kept in memory. */
  readonly bodies?: BodySource;
}

/** Bodies held in memory, by file: for a graph built from documents at hand. */
export function bodiesInMemory(documents: readonly ParsedDocument[]): BodySource {
  const byPath = new Map<string, string>();
  for (const doc of documents) if (doc.body) byPath.set(doc.path, doc.body);
  return { read: (path) => byPath.get(path) ?? '' };
}

type MutableNode = { -readonly [K in keyof DocumentNode]: DocumentNode[K] } & {
  kind: DocumentKind;
  citations: Citation[];
};

function fileStem(path: string): string {
  return (path.split('/').pop() ?? path).replace(/\.md$/i, '');
}

/** The node of a document in the collection, at the URL it was given. */
export function documentNode(doc: ParsedDocument, id: NodeId, slug: Slug): MutableNode {
  return {
    id,
    slug,
    url: id,
    kind: doc.kind,
    title: doc.title,
    ...(doc.summary ? { summary: doc.summary } : {}),
    stub: false,
    file: doc.path,
    lead: doc.lead,
    hasBody: doc.hasBody,
    aliases: doc.aliases,
    tags: doc.tags,
    citations: [],
    extra: doc.extra,
    ...(doc.kind === 'note'
      ? {
          categories: doc.categories,
          ...(doc.originalTitle ? { originalTitle: doc.originalTitle } : {}),
          ...(doc.date ? { date: doc.date } : {}),
        }
      : {}),
    ...(doc.kind === 'paper'
      ? {
          ...(doc.arxivId ? { arxivId: doc.arxivId } : {}),
          ...(doc.sourceUrl ? { sourceUrl: doc.sourceUrl } : {}),
          ...(doc.coreContribution ? { coreContribution: doc.coreContribution } : {}),
        }
      : {}),
  } as MutableNode;
}

/** Every name a document answers to in links: title, slug, file name, aliases, original title, arXiv id. */
export function namesOf(doc: ParsedDocument, slug: Slug): string[] {
  const names = [doc.title, slug, fileStem(doc.path), ...doc.aliases];
  if (doc.kind === 'note' && doc.originalTitle) names.push(doc.originalTitle);
  if (doc.kind === 'paper' && doc.arxivId) names.push(doc.arxivId);
  return names;
}

/** The URL slug of a document, as the corpus site makes it, with fallbacks that never come out empty. */
export function documentSlug(doc: ParsedDocument): Slug {
  const preferred =
    doc.kind === 'paper'
      ? paperSlug(doc.arxivId, doc.title)
      : toSlug(doc.kind === 'note' ? (doc.originalTitle ?? doc.title) : doc.title);
  return preferred || toSlug(fileStem(doc.path)) || hashSlug(doc.path);
}

/**
 * Builds the typed graph from parsed documents. Pure: no file access.
 *
 * Every citation becomes an edge; a cited title with no file becomes a stub node of
 * the kind the citation implies, carrying what the citing pages say about it. Two
 * descriptions of one fact (a note's "inquiring lines that use this note" and an
 * inquiring line's sources) merge into one edge.
 */
export function buildGraph(input: BuildInput): Graph {
  const diagnostics: Diagnostic[] = [...(input.diagnostics ?? [])];
  const nodes = new Map<NodeId, TrellisNode>();
  const names = new Map<string, NodeId[]>();
  const edges: Edge[] = [];
  // Edge positions by kind, source and target. Nested maps rather than one map keyed by a
  // concatenated string: building and hashing that string per call was build's top line.
  const edgeIndex = new Map<EdgeKind, Map<NodeId, Map<NodeId, number>>>();
  const owner = new Map<NodeId, string>();

  const nodeOf = (id: NodeId): TrellisNode | undefined => nodes.get(id);
  // The same titles are folded again and again (every citation of a note names it);
  // fold each string once per build.
  const keys = new Map<string, string>();
  const keyOf = (name: string): string => {
    let key = keys.get(name);
    if (key === undefined) keys.set(name, (key = toLookupKey(name)));
    return key;
  };
  const resolve = (name: string, wanted?: NodeKind) => resolveName(names, nodeOf, name, wanted, keyOf);

  const addName = (name: string | undefined, id: NodeId): void => {
    const key = name ? keyOf(name) : '';
    if (!key) return;
    const ids = names.get(key);
    if (!ids) names.set(key, [id]);
    else if (!ids.includes(id)) ids.push(id);
  };

  /** Gives a node its URL; a URL already taken gets a numbered suffix. */
  const claimUrl = (kind: NodeKind, slug: Slug): { id: NodeId; slug: Slug } => {
    let candidate = slug;
    for (let n = 2; nodes.has(nodeUrl(kind, candidate)); n++) {
      const suffix = `-${n}`;
      candidate = `${slug.slice(0, 80 - suffix.length).replace(/-+$/, '')}${suffix}` as Slug;
    }
    return { id: nodeUrl(kind, candidate), slug: candidate };
  };

  // 1. One node per document.
  const documentNodes: MutableNode[] = [];
  const byPath = new Map<string, NodeId>();
  for (const doc of input.documents) {
    const wanted = documentSlug(doc);
    const { id, slug } = claimUrl(doc.kind, wanted);
    const clashWith = owner.get(nodeUrl(doc.kind, wanted));
    if (clashWith !== undefined) {
      diagnostics.push({
        severity: 'error',
        code: 'duplicate-url',
        file: doc.path,
        message: `${nodeUrl(doc.kind, wanted)} is already the URL of ${clashWith}; this file is served at ${id} until one of them is renamed`,
      });
    }
    owner.set(id, doc.path);
    const node = documentNode(doc, id, slug);
    nodes.set(id, node as DocumentNode);
    documentNodes.push(node);
    byPath.set(doc.path, id);
    for (const name of namesOf(doc, slug)) addName(name, id);
  }

  // Two documents of one kind under one title: every link to that title is ambiguous.
  const documentKinds = listDocumentKinds();
  for (const [key, ids] of names) {
    // Most names belong to one node; only shared ones can clash (this loop runs once per name).
    if (ids.length < 2) continue;
    const docs = ids.map((id) => nodes.get(id)).filter((n): n is TrellisNode => n !== undefined && !n.stub);
    for (const kind of documentKinds) {
      const same = docs.filter((n) => n.kind === kind && keyOf(n.title) === key);
      if (same.length > 1) {
        for (const n of same) {
          diagnostics.push({
            severity: 'error',
            code: 'ambiguous-title',
            ...(n.file ? { file: n.file } : {}),
            field: 'title',
            message: `title "${n.title}" is shared by ${same.map((o) => o.file).join(', ')}; links to it cannot be resolved`,
          });
        }
      }
      // An alias that is another document's title or alias: reported where the alias is given,
      // the one line a writer can change.
      const ofKind = docs.filter((n) => n.kind === kind);
      if (ofKind.length < 2) continue;
      for (const n of ofKind) {
        const alias = n.aliases.find((a) => keyOf(a) === key);
        if (alias === undefined) continue;
        // `names` holds every name a document answers to: title, aliases, slug, file name, and more.
        const nameOf = (o: TrellisNode) => (keyOf(o.title) === key ? 'the title' : o.aliases.some((a) => keyOf(a) === key) ? 'an alias' : 'another name');
        const others = ofKind.filter((o) => o !== n).map((o) => `${nameOf(o)} of ${o.file}`);
        diagnostics.push({
          severity: 'error',
          code: 'ambiguous-alias',
          ...(n.file ? { file: n.file } : {}),
          field: 'aliases',
          message: `alias "${alias}" is also ${others.join(' and ')}; links to it cannot be resolved`,
        });
      }
    }
  }

  const addEdge = (source: NodeId, target: NodeId, kind: EdgeKind, extra: { label?: string; order?: number; summary?: string } = {}): void => {
    if (source === target) return;
    let bySource = edgeIndex.get(kind);
    if (!bySource) edgeIndex.set(kind, (bySource = new Map()));
    let byTarget = bySource.get(source);
    if (!byTarget) bySource.set(source, (byTarget = new Map()));
    const at = byTarget.get(target);
    if (at === undefined) {
      byTarget.set(target, edges.length);
      // Built field by field: a hundred thousand edges make spread temporaries show up in GC.
      const edge: { -readonly [K in keyof Edge]: Edge[K] } = { source, target, kind };
      if (extra.label) edge.label = extra.label;
      if (extra.order) edge.order = extra.order;
      if (extra.summary) edge.summary = extra.summary;
      edges.push(edge);
      return;
    }
    // The same fact told twice (by the note and by the inquiring line): keep what either adds.
    const existing = edges[at] as Edge;
    edges[at] = {
      ...existing,
      ...(!existing.label && extra.label ? { label: extra.label } : {}),
      ...(!existing.order && extra.order ? { order: extra.order } : {}),
      ...(!existing.summary && extra.summary ? { summary: extra.summary } : {}),
    };
  };

  /** Creates or finds the stub a citation implies, and records what the citation says. */
  const stubFor = (kind: DocumentKind, citation: Citation): NodeId => {
    const existing = resolve(citation.title, kind);
    if (existing.status === 'found') {
      const node = nodes.get(existing.id);
      if (node?.stub) recordCitation(node, citation);
      return existing.id;
    }
    const slug = (kind === 'paper' ? paperSlug(undefined, citation.title) : toSlug(citation.title)) || hashSlug(citation.title);
    const { id, slug: claimed } = claimUrl(kind, slug);
    const stub = {
      id,
      slug: claimed,
      url: id,
      kind,
      title: citation.title,
      ...(citation.summary ? { summary: citation.summary } : {}),
      stub: true,
      lead: '',
      hasBody: false,
      aliases: [],
      tags: [],
      citations: [citation],
      extra: {},
      ...(kind === 'note' ? { categories: [] } : {}),
    } as unknown as DocumentNode;
    nodes.set(id, stub);
    addName(citation.title, id);
    return id;
  };

  const recordCitation = (node: TrellisNode, citation: Citation): void => {
    const citations = node.citations as Citation[];
    citations.push(citation);
    if (!node.summary && citation.summary) (node as { summary?: string }).summary = citation.summary;
  };

  /** Resolves a typed citation (its kind is implied by the list it is in); unknown titles become stubs. */
  const cite = (from: DocumentNode, field: string, kind: DocumentKind, citation: Citation): NodeId | undefined => {
    const found = resolve(citation.title, kind);
    if (found.status === 'ambiguous') {
      diagnostics.push(ambiguity(from, field, citation.title, found.ids));
      return undefined;
    }
    if (found.status === 'found') {
      const node = nodes.get(found.id);
      if (node?.stub) recordCitation(node, citation);
      return found.id;
    }
    return stubFor(kind, citation);
  };

  const ambiguity = (from: DocumentNode, field: string, name: string, ids: readonly NodeId[]): Diagnostic => {
    const parsed = input.documents.find((d) => d.path === from.file);
    const line = parsed?.fieldLines[field];
    return {
      severity: 'error',
      code: 'ambiguous-link',
      ...(from.file ? { file: from.file } : {}),
      ...(line ? { line } : {}),
      field,
      message: `"${name}" could mean ${ids.join(' or ')}; not linked`,
    };
  };

  // 2. Typed citations from frontmatter, in document order.
  for (const doc of input.documents) {
    const id = byPath.get(doc.path) as NodeId;
    const from = nodes.get(id) as DocumentNode;
    if (doc.kind === 'note') {
      for (const ref of doc.related) {
        const target = cite(from, 'related', 'note', { by: id, ...ref });
        if (target) addEdge(id, target, 'related', { ...(ref.label ? { label: ref.label } : {}), ...(ref.summary ? { summary: ref.summary } : {}) });
      }
      for (const title of doc.inquiries) {
        const inquiry = cite(from, 'inquiries', 'inquiry', { by: id, title });
        if (inquiry) addEdge(inquiry, id, 'source');
      }
      for (const title of doc.papers) {
        const paper = cite(from, 'papers', 'paper', { by: id, title });
        if (paper) addEdge(id, paper, 'related-paper');
      }
    } else if (doc.kind === 'inquiry') {
      doc.sources.forEach((ref, i) => {
        const note = cite(from, 'sources', 'note', { by: id, ...ref });
        if (note) addEdge(id, note, 'source', { order: i + 1, ...(ref.summary ? { summary: ref.summary } : {}) });
      });
      for (const title of doc.next) {
        const next = cite(from, 'next', 'inquiry', { by: id, title });
        if (next) addEdge(id, next, 'next');
      }
    }
  }

  // 3. Wikilinks in bodies. An unknown target is reported and becomes a note stub,
  // the way a vault shows a link to a note not written yet. Every such link is
  // reported, not only the first, so `check` lists every file to fix.
  const citedStubs = new Set([...nodes.values()].filter((n) => n.stub).map((n) => n.id));
  const unresolved = (doc: ParsedDocument, target: string, line: number): Diagnostic => ({
    severity: 'warning',
    code: 'unresolved-link',
    file: doc.path,
    line,
    message: `[[${target}]] matches no document; shown as a stub`,
  });
  for (const doc of input.documents) {
    const id = byPath.get(doc.path) as NodeId;
    const from = nodes.get(id) as DocumentNode;
    for (const link of doc.wikilinks) {
      const found = resolve(link.target);
      if (found.status === 'ambiguous') {
        diagnostics.push({ ...ambiguity(from, 'body', link.target, found.ids), line: link.line });
        continue;
      }
      let target: NodeId;
      if (found.status === 'found') {
        target = found.id;
        const node = nodes.get(target);
        if (node?.stub) recordCitation(node, { by: id, title: link.target });
        if (node?.stub && !citedStubs.has(target)) diagnostics.push(unresolved(doc, link.target, link.line));
      } else {
        diagnostics.push(unresolved(doc, link.target, link.line));
        target = stubFor('note', { by: id, title: link.target });
      }
      addEdge(id, target, 'mentions');
    }
  }

  // 4. Tags become nodes of their own, so "everything tagged X" is a neighbourhood too.
  // Most edges of a large collection are tag edges (ten a paper): they only come from
  // here, so a set per document keeps them unique without the edge index.
  const tagIds = new Map<string, NodeId>();
  const seen = new Set<NodeId>();
  for (const node of documentNodes) {
    seen.clear();
    for (const name of node.tags) {
      let id = tagIds.get(name);
      if (id === undefined) {
        const slug = tagSlug(name);
        tagIds.set(name, (id = nodeUrl('tag', slug)));
        if (!nodes.has(id)) {
          const tag: TagNode = { id, slug, url: id, kind: 'tag', title: name, stub: false, lead: '', hasBody: false, aliases: [], tags: [], citations: [], extra: {} };
          nodes.set(id, tag);
        }
      }
      if (seen.has(id)) continue;
      seen.add(id);
      edges.push({ source: node.id, target: id, kind: 'tag' });
    }
  }

  return {
    bodies: input.bodies ?? bodiesInMemory(input.documents),
    nodes,
    edges,
    ...indexEdges(edges),
    names,
    diagnostics,
    fileCount: input.fileCount ?? input.documents.length,
  };
}

/** The reverse views: each node's outgoing and incoming edges, derived once. */
export function indexEdges(edges: readonly Edge[]): Pick<Graph, 'outgoing' | 'incoming'> {
  const outgoing = new Map<NodeId, Edge[]>();
  const incoming = new Map<NodeId, Edge[]>();
  for (const edge of edges) {
    let out = outgoing.get(edge.source);
    if (!out) outgoing.set(edge.source, (out = []));
    out.push(edge);
    let inc = incoming.get(edge.target);
    if (!inc) incoming.set(edge.target, (inc = []));
    inc.push(edge);
  }
  return { outgoing, incoming };
}

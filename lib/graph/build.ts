import { listDocumentKinds } from '../domain/kinds';
import { hashSlug, nodeUrl, paperSlug, tagSlug, toLookupKey, toSlug } from '../domain/slug';
import { pathKeysOf, resolveName } from './resolve';
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

/**
 * Every name a document answers to in links: title, slug, aliases, original title, arXiv
 * id. Its file name and path are keys of their own (`pathKeysOf`, lib/graph/resolve.ts).
 */
export function namesOf(doc: ParsedDocument, slug: Slug): string[] {
  const names = [doc.title, slug, ...doc.aliases];
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
 * inquiring line's sources) merge into one edge. The passes, in order:
 */
export function buildGraph(input: BuildInput): Graph {
  const build = new GraphBuild(input);
  build.addDocuments();
  build.reportSharedNames();
  build.linkCitations();
  build.linkBodies();
  build.addTags();
  return build.graph();
}

type EdgeExtra = { label?: string; order?: number; summary?: string };

/** The state the passes of `buildGraph` share, and the steps they are made of. */
class GraphBuild {
  private readonly diagnostics: Diagnostic[];
  private readonly nodes = new Map<NodeId, TrellisNode>();
  private readonly names = new Map<string, NodeId[]>();
  private readonly edges: Edge[] = [];
  // Edge positions by kind, source and target. Nested maps rather than one map keyed by a
  // concatenated string: building and hashing that string per call was build's top line.
  private readonly edgeIndex = new Map<EdgeKind, Map<NodeId, Map<NodeId, number>>>();
  /** The file that holds each URL, to name it when another file wants the same URL. */
  private readonly owner = new Map<NodeId, string>();
  // The same titles are folded again and again (every citation of a note names it);
  // fold each string once per build.
  private readonly keys = new Map<string, string>();
  private readonly documentNodes: MutableNode[] = [];
  private readonly byPath = new Map<string, NodeId>();

  constructor(private readonly input: BuildInput) {
    this.diagnostics = [...(input.diagnostics ?? [])];
  }

  readonly keyOf = (name: string): string => {
    let key = this.keys.get(name);
    if (key === undefined) this.keys.set(name, (key = toLookupKey(name)));
    return key;
  };

  private readonly nodeOf = (id: NodeId): TrellisNode | undefined => this.nodes.get(id);

  private resolve(name: string, wanted?: NodeKind) {
    return resolveName(this.names, this.nodeOf, name, wanted, this.keyOf);
  }

  private addName(name: string | undefined, id: NodeId): void {
    this.addKey(name ? this.keyOf(name) : '', id);
  }

  private addKey(key: string, id: NodeId): void {
    if (!key) return;
    const ids = this.names.get(key);
    if (!ids) this.names.set(key, [id]);
    else if (!ids.includes(id)) ids.push(id);
  }

  /** Gives a node its URL; a URL already taken gets a numbered suffix. */
  private claimUrl(kind: NodeKind, slug: Slug): { id: NodeId; slug: Slug } {
    let candidate = slug;
    for (let n = 2; this.nodes.has(nodeUrl(kind, candidate)); n++) {
      const suffix = `-${n}`;
      candidate = `${slug.slice(0, 80 - suffix.length).replace(/-+$/, '')}${suffix}` as Slug;
    }
    return { id: nodeUrl(kind, candidate), slug: candidate };
  }

  /** 1. One node per document, at its URL (a taken URL is reported, and numbered), with its names. */
  addDocuments(): void {
    for (const doc of this.input.documents) {
      const wanted = documentSlug(doc);
      const { id, slug } = this.claimUrl(doc.kind, wanted);
      const clashWith = this.owner.get(nodeUrl(doc.kind, wanted));
      if (clashWith !== undefined) {
        this.diagnostics.push({
          severity: 'error',
          code: 'duplicate-url',
          file: doc.path,
          message: `${nodeUrl(doc.kind, wanted)} is already the URL of ${clashWith}; this file is served at ${id} until one of them is renamed`,
        });
      }
      this.owner.set(id, doc.path);
      const node = documentNode(doc, id, slug);
      this.nodes.set(id, node as DocumentNode);
      this.documentNodes.push(node);
      this.byPath.set(doc.path, id);
      for (const name of namesOf(doc, slug)) this.addName(name, id);
      // The file name and the path: what Obsidian resolves a link by, before titles.
      for (const key of pathKeysOf(doc.path, this.keyOf)) this.addKey(key, id);
    }
  }

  /** 2. Two documents of one kind under one title or alias: every link by that name is ambiguous, and said so. */
  reportSharedNames(): void {
    const documentKinds = listDocumentKinds();
    for (const [key, ids] of this.names) {
      // Most names belong to one node; only shared ones can clash (this loop runs once per name).
      if (ids.length < 2) continue;
      const docs = ids.map((id) => this.nodes.get(id)).filter((n): n is TrellisNode => n !== undefined && !n.stub);
      for (const kind of documentKinds) this.reportSharedName(key, docs.filter((n) => n.kind === kind));
    }
  }

  private reportSharedName(key: string, ofKind: readonly TrellisNode[]): void {
    if (ofKind.length < 2) return;
    const keyOf = this.keyOf;
    const same = ofKind.filter((n) => keyOf(n.title) === key);
    if (same.length > 1) {
      for (const n of same) {
        this.diagnostics.push({
          severity: 'error',
          code: 'ambiguous-title',
          ...(n.file ? { file: n.file } : {}),
          field: 'title',
          message: `title "${n.title}" is shared by ${same.map((o) => o.file).join(', ')}; links by this title cannot be resolved (a link by path can: [[${(n.file ?? '').replace(/\.md$/i, '')}]])`,
        });
      }
    }
    // An alias that is another document's title or alias: reported where the alias is given,
    // the one line a writer can change.
    for (const n of ofKind) {
      const alias = n.aliases.find((a) => keyOf(a) === key);
      if (alias === undefined) continue;
      // `names` holds every name a document answers to: title, aliases, slug, file name, and more.
      const nameOf = (o: TrellisNode) => (keyOf(o.title) === key ? 'the title' : o.aliases.some((a) => keyOf(a) === key) ? 'an alias' : 'another name');
      const others = ofKind.filter((o) => o !== n).map((o) => `${nameOf(o)} of ${o.file}`);
      this.diagnostics.push({
        severity: 'error',
        code: 'ambiguous-alias',
        ...(n.file ? { file: n.file } : {}),
        field: 'aliases',
        message: `alias "${alias}" is also ${others.join(' and ')}; links to it cannot be resolved`,
      });
    }
  }

  /** 3. Typed citations from frontmatter, in document order: each an edge, to a stub when its title has no file. */
  linkCitations(): void {
    for (const doc of this.input.documents) {
      const id = this.byPath.get(doc.path) as NodeId;
      const from = this.nodes.get(id) as DocumentNode;
      if (doc.kind === 'note') {
        for (const ref of doc.related) {
          const target = this.cite(from, 'related', 'note', { by: id, ...ref });
          if (target) this.addEdge(id, target, 'related', { ...(ref.label ? { label: ref.label } : {}), ...(ref.summary ? { summary: ref.summary } : {}) });
        }
        for (const title of doc.inquiries) {
          const inquiry = this.cite(from, 'inquiries', 'inquiry', { by: id, title });
          if (inquiry) this.addEdge(inquiry, id, 'source');
        }
        for (const title of doc.papers) {
          const paper = this.cite(from, 'papers', 'paper', { by: id, title });
          if (paper) this.addEdge(id, paper, 'related-paper');
        }
      } else if (doc.kind === 'inquiry') {
        doc.sources.forEach((ref, i) => {
          const note = this.cite(from, 'sources', 'note', { by: id, ...ref });
          if (note) this.addEdge(id, note, 'source', { order: i + 1, ...(ref.summary ? { summary: ref.summary } : {}) });
        });
        for (const title of doc.next) {
          const next = this.cite(from, 'next', 'inquiry', { by: id, title });
          if (next) this.addEdge(id, next, 'next');
        }
      }
    }
  }

  /**
   * 4. Wikilinks in bodies. An unknown target is reported and becomes a note stub, the
   * way a vault shows a link to a note not written yet. Every such link is reported,
   * not only the first, so `check` lists every file to fix.
   */
  linkBodies(): void {
    const citedStubs = new Set([...this.nodes.values()].filter((n) => n.stub).map((n) => n.id));
    const unresolved = (doc: ParsedDocument, target: string, line: number): Diagnostic => ({
      severity: 'warning',
      code: 'unresolved-link',
      file: doc.path,
      line,
      message: `[[${target}]] matches no document; shown as a stub`,
    });
    for (const doc of this.input.documents) {
      const id = this.byPath.get(doc.path) as NodeId;
      const from = this.nodes.get(id) as DocumentNode;
      for (const link of doc.wikilinks) {
        const found = this.resolve(link.target);
        if (found.status === 'ambiguous') {
          this.diagnostics.push({ ...this.ambiguity(from, 'body', link.target, found.ids), line: link.line });
          continue;
        }
        let target: NodeId;
        if (found.status === 'found') {
          target = found.id;
          const node = this.nodes.get(target);
          if (node?.stub) recordCitation(node, { by: id, title: link.target });
          if (node?.stub && !citedStubs.has(target)) this.diagnostics.push(unresolved(doc, link.target, link.line));
        } else {
          this.diagnostics.push(unresolved(doc, link.target, link.line));
          target = this.stubFor('note', { by: id, title: link.target });
        }
        this.addEdge(id, target, 'mentions');
      }
    }
  }

  /**
   * 5. Tags become nodes of their own, so "everything tagged X" is a neighbourhood too.
   * Most edges of a large collection are tag edges (ten a paper): they only come from
   * here, so a set per document keeps them unique without the edge index.
   */
  addTags(): void {
    const tagIds = new Map<string, NodeId>();
    const seen = new Set<NodeId>();
    for (const node of this.documentNodes) {
      seen.clear();
      for (const name of node.tags) {
        let id = tagIds.get(name);
        if (id === undefined) {
          const slug = tagSlug(name);
          tagIds.set(name, (id = nodeUrl('tag', slug)));
          if (!this.nodes.has(id)) {
            const tag: TagNode = { id, slug, url: id, kind: 'tag', title: name, stub: false, lead: '', hasBody: false, aliases: [], tags: [], citations: [], extra: {} };
            this.nodes.set(id, tag);
          }
        }
        if (seen.has(id)) continue;
        seen.add(id);
        this.edges.push({ source: node.id, target: id, kind: 'tag' });
      }
    }
  }

  /** The built graph, with its reverse views. */
  graph(): Graph {
    return {
      bodies: this.input.bodies ?? bodiesInMemory(this.input.documents),
      nodes: this.nodes,
      edges: this.edges,
      ...indexEdges(this.edges),
      names: this.names,
      diagnostics: this.diagnostics,
      fileCount: this.input.fileCount ?? this.input.documents.length,
    };
  }

  private addEdge(source: NodeId, target: NodeId, kind: EdgeKind, extra: EdgeExtra = {}): void {
    if (source === target) return;
    let bySource = this.edgeIndex.get(kind);
    if (!bySource) this.edgeIndex.set(kind, (bySource = new Map()));
    let byTarget = bySource.get(source);
    if (!byTarget) bySource.set(source, (byTarget = new Map()));
    const at = byTarget.get(target);
    if (at === undefined) {
      byTarget.set(target, this.edges.length);
      // Built field by field: a hundred thousand edges make spread temporaries show up in GC.
      const edge: { -readonly [K in keyof Edge]: Edge[K] } = { source, target, kind };
      if (extra.label) edge.label = extra.label;
      if (extra.order) edge.order = extra.order;
      if (extra.summary) edge.summary = extra.summary;
      this.edges.push(edge);
      return;
    }
    // The same fact told twice (by the note and by the inquiring line): keep what either adds.
    const existing = this.edges[at] as Edge;
    this.edges[at] = {
      ...existing,
      ...(!existing.label && extra.label ? { label: extra.label } : {}),
      ...(!existing.order && extra.order ? { order: extra.order } : {}),
      ...(!existing.summary && extra.summary ? { summary: extra.summary } : {}),
    };
  }

  /** Creates or finds the stub a citation implies, and records what the citation says. */
  private stubFor(kind: DocumentKind, citation: Citation): NodeId {
    const existing = this.resolve(citation.title, kind);
    if (existing.status === 'found') {
      const node = this.nodes.get(existing.id);
      if (node?.stub) recordCitation(node, citation);
      return existing.id;
    }
    const slug = (kind === 'paper' ? paperSlug(undefined, citation.title) : toSlug(citation.title)) || hashSlug(citation.title);
    const { id, slug: claimed } = this.claimUrl(kind, slug);
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
    this.nodes.set(id, stub);
    this.addName(citation.title, id);
    return id;
  }

  /** Resolves a typed citation (its kind is implied by the list it is in); unknown titles become stubs. */
  private cite(from: DocumentNode, field: string, kind: DocumentKind, citation: Citation): NodeId | undefined {
    const found = this.resolve(citation.title, kind);
    if (found.status === 'ambiguous') {
      this.diagnostics.push(this.ambiguity(from, field, citation.title, found.ids));
      return undefined;
    }
    if (found.status === 'found') {
      const node = this.nodes.get(found.id);
      if (node?.stub) recordCitation(node, citation);
      return found.id;
    }
    return this.stubFor(kind, citation);
  }

  private ambiguity(from: DocumentNode, field: string, name: string, ids: readonly NodeId[]): Diagnostic {
    const parsed = this.input.documents.find((d) => d.path === from.file);
    const line = parsed?.fieldLines[field];
    // How to say which one: the path of the first file, as a link relative to the content folder.
    const file = ids.map((id) => this.nodes.get(id)?.file).find((f) => f !== undefined);
    const hint = file ? `; name one by its path, such as [[${file.replace(/\.md$/i, '')}]]` : '';
    return {
      severity: 'error',
      code: 'ambiguous-link',
      ...(from.file ? { file: from.file } : {}),
      ...(line ? { line } : {}),
      field,
      message: `"${name}" could mean ${ids.map((id) => this.nodes.get(id)?.file ?? id).join(' or ')}; not linked${hint}`,
    };
  }
}

/** Adds what a citing page says to a stub; its first summary becomes the stub's. */
function recordCitation(node: TrellisNode, citation: Citation): void {
  const citations = node.citations as Citation[];
  citations.push(citation);
  if (!node.summary && citation.summary) (node as { summary?: string }).summary = citation.summary;
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

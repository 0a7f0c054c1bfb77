/**
 * Every domain type of Trellis, in one place: the leaf of the layers, importing
 * nothing from lib/ but the registry of kinds beside it (lib/domain/kinds.ts).
 * lib/graph/types.ts re-exports them for the layers above content.
 *
 * The pipeline is content/*.md → RawDocument → ParsedDocument → Graph. Pages,
 * route handlers and the CLI only ever see the types at the end of it.
 */
import type { DocumentKind, NodeKind } from './kinds';

export type { DocumentKind, NodeKind };

/**
 * The kinds whose documents carry only the common fields (title, summary, aliases,
 * tags, body): every kind of the registry but the three with fields of their own.
 */
export type PlainKind = Exclude<DocumentKind, 'note' | 'inquiry' | 'paper'>;

/**
 * A URL path segment: lower-case ASCII letters, digits and single hyphens (and a
 * dot between digits, for arXiv ids), at most 80 characters. Made only by the
 * functions of lib/domain/slug.ts.
 */
export type Slug = string & { readonly __brand: 'Slug' };

/**
 * A node's identity, equal to its canonical URL path (`/notes/<slug>/`).
 * Ids double as URLs so that exports, links and the graph agree by construction.
 */
export type NodeId = string & { readonly __brand: 'NodeId' };

/** A problem found in the content, always tied to the file it came from when there is one. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  /** Stable machine-readable code, e.g. `yaml`, `missing-field`, `duplicate-url`. */
  readonly code: string;
  /** Path relative to the content folder, when the problem belongs to a file. */
  readonly file?: string;
  /** 1-based line in that file, when known. */
  readonly line?: number;
  /** The frontmatter field at fault, when there is one. */
  readonly field?: string;
  readonly message: string;
}

/** One file as read from disk, before any parsing. */
export interface RawDocument {
  /** Path relative to the content folder, with forward slashes (`notes/foo.md`). */
  readonly path: string;
  /** The kind its folder implies. */
  readonly kind: DocumentKind;
  readonly text: string;
}

/** A related concept as a note lists it: who it is, what it says, and how it relates. */
export interface RelatedRef {
  readonly title: string;
  readonly summary?: string;
  /** The relation label, e.g. "the broader frame this prescription-failure follows from". */
  readonly label?: string;
}

/** A source as an inquiring line lists it, in reading order. */
export interface SourceRef {
  readonly title: string;
  readonly summary?: string;
}

/** A `[[target|text]]` link found in a Markdown body. */
export interface Wikilink {
  /** What the link points at: a title, slug, original title or alias. */
  readonly target: string;
  /** The text shown instead of the target, when given after `|`. */
  readonly text?: string;
  /** 1-based line within the file. */
  readonly line: number;
}

interface ParsedBase {
  readonly path: string;
  readonly title: string;
  readonly summary?: string;
  /** Markdown body, as written (empty when read back from the derived store: see `hasBody`). */
  readonly body: string;
  /** True when the file has a body, whether or not `body` holds it here. */
  readonly hasBody: boolean;
  /** The body's opening for descriptions when there is no summary (see `NodeBase.lead`). */
  readonly lead: string;
  readonly aliases: readonly string[];
  readonly tags: readonly string[];
  readonly wikilinks: readonly Wikilink[];
  /** Frontmatter fields Trellis does not know: kept, never rejected. */
  readonly extra: Readonly<Record<string, unknown>>;
  /** 1-based line of each frontmatter field, for diagnostics. */
  readonly fieldLines: Readonly<Record<string, number>>;
}

export interface ParsedNote extends ParsedBase {
  readonly kind: 'note';
  readonly originalTitle?: string;
  readonly date?: string;
  readonly categories: readonly string[];
  readonly related: readonly RelatedRef[];
  /** Titles of the inquiring lines that cite this note as a source. */
  readonly inquiries: readonly string[];
  /** Titles of related papers, in the note's order. */
  readonly papers: readonly string[];
}

export interface ParsedInquiry extends ParsedBase {
  readonly kind: 'inquiry';
  readonly sources: readonly SourceRef[];
  /** Titles of the next inquiring lines. */
  readonly next: readonly string[];
}

export interface ParsedPaper extends ParsedBase {
  readonly kind: 'paper';
  readonly arxivId?: string;
  readonly sourceUrl?: string;
  readonly coreContribution?: string;
  /** The summary format version, `rpa2` for the collection's paper summaries. */
  readonly ver?: string;
}

/** A document of a kind with no fields of its own beyond the common ones. */
export interface ParsedPlain extends ParsedBase {
  readonly kind: PlainKind;
}

export type ParsedDocument = ParsedNote | ParsedInquiry | ParsedPaper | ParsedPlain;

/** What a page that cites a stub says about it. */
export interface Citation {
  /** The citing node. */
  readonly by: NodeId;
  /** The title the citing page used. */
  readonly title: string;
  readonly summary?: string;
  readonly label?: string;
}

interface NodeBase {
  readonly id: NodeId;
  readonly slug: Slug;
  /** Canonical URL path; equal to `id`. */
  readonly url: string;
  readonly title: string;
  readonly summary?: string;
  /**
   * True when the document is cited by the collection but has no file in it.
   * A stub carries only what the citing pages say about it (`citations`).
   */
  readonly stub: boolean;
  /** Content-relative path of the file, absent for stubs and tags. */
  readonly file?: string;
  /**
   * The opening of the Markdown body (up to `LEAD_LENGTH` characters, cut at a line: lib/content/parse.ts), for
   * descriptions, previews and share cards; empty when the node has a summary, and for
   * stubs and tags. The whole body is not kept on the node: `graph.bodies` reads it.
   */
  readonly lead: string;
  /** True when the document has a Markdown body to read from `graph.bodies`. */
  readonly hasBody: boolean;
  readonly aliases: readonly string[];
  /** Tag names, as written. */
  readonly tags: readonly string[];
  /** For stubs: every citing page's words about this node. Empty otherwise. */
  readonly citations: readonly Citation[];
  readonly extra: Readonly<Record<string, unknown>>;
}

export interface NoteNode extends NodeBase {
  readonly kind: 'note';
  /** The declarative title the note was written under; its slug is the note's URL. */
  readonly originalTitle?: string;
  readonly date?: string;
  readonly categories: readonly string[];
}

export interface InquiryNode extends NodeBase {
  readonly kind: 'inquiry';
}

export interface PaperNode extends NodeBase {
  readonly kind: 'paper';
  readonly arxivId?: string;
  readonly sourceUrl?: string;
  readonly coreContribution?: string;
}

export interface TagNode extends NodeBase {
  readonly kind: 'tag';
}

/** A document node of a kind with no fields of its own. */
export interface PlainNode extends NodeBase {
  readonly kind: PlainKind;
}

export type DocumentNode = NoteNode | InquiryNode | PaperNode | PlainNode;
export type TrellisNode = DocumentNode | TagNode;

/**
 * The kinds of edge. One fact is one edge: a note's list of inquiring lines and an
 * inquiring line's list of sources describe the same `source` edges.
 *
 * - `source`: inquiry → note, the inquiring line draws on the note (with `order`).
 * - `related`: note → note, a related concept (with its relation `label`).
 * - `next`: inquiry → inquiry, a next inquiring line.
 * - `related-paper`: note → paper, a paper the note lists.
 * - `mentions`: any → any, a wikilink in a body.
 * - `tag`: document → tag.
 */
export type EdgeKind = 'source' | 'related' | 'next' | 'related-paper' | 'mentions' | 'tag';

export interface Edge {
  readonly source: NodeId;
  readonly target: NodeId;
  readonly kind: EdgeKind;
  /** The relation label of a `related` edge. */
  readonly label?: string;
  /** 1-based position in the citing list, where that list is ordered. */
  readonly order?: number;
  /**
   * What the citing page says about the target, in its own words: an inquiring
   * line's summary of a source, a note's summary of a related concept.
   */
  readonly summary?: string;
}

/**
 * Where the graph's Markdown bodies are read from: a map in memory for a graph built
 * from files at hand (the CLI, tests), the derived store on disk for the server, so
 * that 100,000 bodies never sit in the JavaScript heap.
 */
export interface BodySource {
  /** The body of the document at a content-relative path; empty when there is none. */
  read(path: string): string;
  /** The body's distinct words, when kept ready (the store does): indexing reads these instead of the body. */
  words?(path: string): string;
  /** The body's term counts for similarity, when kept ready (the store does). */
  terms?(path: string): readonly (readonly [string, number])[];
}

/** One saved piece of a derived index: a key and its text or bytes. */
export type DerivedPart = readonly [key: string, data: string | Uint8Array];

/**
 * Indexes derived from exactly this graph's content, saved by the derived store, so
 * that a restart on unchanged content reads an index back instead of building it.
 * Parts are (key, text) pairs; what they mean is the saving index's business.
 */
export interface DerivedCache {
  /** The parts saved under `name` for this content, or undefined when there are none. */
  load(name: string): DerivedPart[] | undefined;
  save(name: string, parts: Iterable<DerivedPart>): void;
  /**
   * Saves parts one write at a time, a step each, with the part keyed `meta` last: a
   * reader finds no meta (so no snapshot) until every part is in. For large snapshots
   * that would hold the server for a second or more in one transaction.
   */
  saveSteps?(name: string, parts: Iterable<DerivedPart>): Generator<void>;
  /** The parts last saved under `name`, whatever content they were saved for (topics match their URLs against them). */
  loadPrevious?(name: string): DerivedPart[] | undefined;
}

/** The built graph. Reverse views are indexes over `edges`, not stored twice. */
export interface Graph {
  /** Where indexes of this content were saved, when the graph came from the derived store. */
  readonly derived?: DerivedCache;
  /** The documents' Markdown bodies, by file (see `bodyOf` in lib/graph/queries.ts). */
  readonly bodies: BodySource;
  readonly nodes: ReadonlyMap<NodeId, TrellisNode>;
  readonly edges: readonly Edge[];
  /** Edges leaving each node, in insertion order. */
  readonly outgoing: ReadonlyMap<NodeId, readonly Edge[]>;
  /** Edges arriving at each node, in insertion order. */
  readonly incoming: ReadonlyMap<NodeId, readonly Edge[]>;
  /**
   * Every name a node answers to (title, original title, slug, alias, arXiv id),
   * folded by `toLookupKey`, to the nodes that answer to it; and, under keys that
   * start with `/` (`pathKey`, lib/graph/resolve.ts), its file name and each end of
   * its path, which links try first. More than one id under a key means the name is
   * ambiguous.
   */
  readonly names: ReadonlyMap<string, readonly NodeId[]>;
  /** Every problem found while loading, parsing and linking. */
  readonly diagnostics: readonly Diagnostic[];
  /** Number of files read, whether or not they became nodes. */
  readonly fileCount: number;
}

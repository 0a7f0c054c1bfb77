/**
 * The registry of kinds: every kind of node declared once, and everything else
 * (the loader's folders, URLs and ids, routes, API allow-lists, search codes,
 * colours, legends, labels, share cards, the sitemap) reads it from here.
 *
 * A leaf module: it imports nothing from lib/ but the domain types beside it, so
 * every layer, client components included, may read it. Adding a kind is one
 * entry in `KINDS` (docs/architecture.md, "Adding a kind").
 */
import type { DocumentNode, EdgeKind, TrellisNode } from './types';

/** Node shapes cytoscape draws and the graph legend has CSS for (app/globals.css, `.legend-<shape>`). */
export type KindShape = 'ellipse' | 'diamond' | 'round-rectangle' | 'triangle' | 'hexagon' | 'pentagon' | 'octagon' | 'star';

/** A section the generic node page (app/[kind]/[slug]) can show. */
export type PageSection = 'body' | 'in-the-graph' | 'backlinks';

/**
 * One fact on a node's share card, counted from the graph or read from a field:
 * "cited by 2 inquiring lines", "arXiv 2411.15287".
 */
export type CardFact =
  | {
      /** Distinct nodes at the other end of these edges. */
      readonly count: readonly EdgeKind[];
      readonly direction: 'in' | 'out';
      /** Only nodes of this kind count. */
      readonly of?: string;
      /** The noun counted, singular ("inquiring line"); the plural adds an s unless `many` says otherwise. */
      readonly one: string;
      readonly many?: string;
      /** Words before the count ("cited by"). */
      readonly prefix?: string;
    }
  | {
      /** A field of the node, shown after `prefix` when the node has it. */
      readonly field: string;
      readonly prefix: string;
    };

/** Everything Trellis knows about one kind of node. */
export interface KindEntry {
  /** Its name in data: `node.kind`, API `kind=` values, CSS `data-kind`. */
  readonly kind: string;
  /** The content folder its files live in (`notes` for content/notes/); none for kinds the graph makes (tags). */
  readonly folder?: string;
  /** The URL segment of its pages (`/notes/<slug>/`) and of its index (`/notes/`): node ids start with it. */
  readonly route: string;
  /** How the site names it: "Inquiring line", "Inquiring lines". */
  readonly label: { readonly one: string; readonly many: string };
  /** True when a file must give a title; a kind without it takes the first heading or the file name silently. */
  readonly titleRequired: boolean;
  /** Its colour, as CSS values, in the light and the dark theme: badges, swatches, the graph, share cards. */
  readonly colour: { readonly light: string; readonly dark: string };
  /** Its node shape in the graph views, so kinds differ by more than colour. */
  readonly shape: KindShape;
  /** True when full-text search finds its documents (and `kind=` may name it). */
  readonly searchable: boolean;
  /**
   * Added to its documents' first search score, like the graph weight (0–2): a tiebreak
   * between equally good matches, never a tier. 0 when absent; every shipped kind leaves
   * it out, so that no kind outranks another by its kind alone.
   */
  readonly searchWeight?: number;
  /**
   * Its place in lists that lead a reader in (the home page's ways in, a
   * neighbourhood's counts): lower first. The registry's own order is the order
   * of legends, filters and indexes.
   */
  readonly readingOrder: number;
  /** The description of its index page (`/notes/`). */
  readonly indexDescription: string;
  /** What its share card says under the title. */
  readonly card: readonly CardFact[];
  /**
   * Its list on the home page, if it has one: its documents in the collection's order
   * (`reading`) or the most cited first by the first counted fact of `card`, at most
   * `limit` of them, each with that fact in words. Its most-cited stubs join the list of
   * what the collection cites but does not hold.
   */
  readonly home?: { readonly order: 'reading' | 'most-cited'; readonly limit: number };
  /**
   * The sections its page shows, for a kind without a page component of its own:
   * such kinds are served by app/[kind]/[slug]. Kinds with their own folder under
   * app/ (notes, inquiring lines, papers, tags) lay out their own pages.
   */
  readonly sections?: readonly PageSection[];
  /**
   * True for a kind Trellis computes over the graph rather than reads from files
   * (topics, lib/topics/): it has pages, labels, a colour and a shape, but no nodes in
   * the graph, so node ids, the graph views' filters and the APIs' `nodeKinds=` leave it out.
   */
  readonly computed?: boolean;
}

/** The kinds of a collection. The order is the order of legends, filters, search counts and kind codes. */
export const KINDS = [
  {
    kind: 'note',
    folder: 'notes',
    route: 'notes',
    label: { one: 'Note', many: 'Notes' },
    titleRequired: false,
    colour: { light: '#2f7d5b', dark: '#6cc59b' },
    shape: 'ellipse',
    searchable: true,
    readingOrder: 1,
    indexDescription: 'Every note of the collection, including those it cites but does not hold.',
    home: { order: 'most-cited', limit: 10 },
    card: [
      { count: ['source'], direction: 'in', of: 'inquiry', prefix: 'cited by', one: 'inquiring line' },
      { count: ['related'], direction: 'out', of: 'note', one: 'related concept' },
      { count: ['related-paper'], direction: 'out', of: 'paper', one: 'paper' },
    ],
  },
  {
    kind: 'inquiry',
    folder: 'inquiries',
    route: 'inquiring-lines',
    label: { one: 'Inquiring line', many: 'Inquiring lines' },
    titleRequired: true,
    colour: { light: '#b05a1c', dark: '#f0a063' },
    shape: 'diamond',
    searchable: true,
    readingOrder: 0,
    indexDescription: 'Every inquiring line of the collection, including those it cites but does not hold.',
    home: { order: 'reading', limit: 20 },
    card: [{ count: ['source'], direction: 'out', of: 'note', one: 'source' }],
  },
  {
    kind: 'paper',
    folder: 'papers',
    route: 'papers',
    label: { one: 'Paper', many: 'Papers' },
    titleRequired: true,
    colour: { light: '#2f62b3', dark: '#82aaf0' },
    shape: 'round-rectangle',
    searchable: true,
    readingOrder: 2,
    indexDescription: 'Every paper of the collection, including those it cites but does not hold.',
    home: { order: 'most-cited', limit: 10 },
    card: [
      { field: 'arxivId', prefix: 'arXiv ' },
      // A note that both lists and mentions the paper cites it once.
      { count: ['related-paper', 'mentions'], direction: 'in', of: 'note', prefix: 'cited by', one: 'note' },
    ],
  },
  {
    kind: 'tag',
    route: 'tags',
    label: { one: 'Tag', many: 'Tags' },
    titleRequired: false,
    colour: { light: '#7a5a9e', dark: '#c3a2e6' },
    shape: 'triangle',
    searchable: false,
    readingOrder: 3,
    indexDescription: 'Every tag used in the collection.',
    card: [{ count: ['tag'], direction: 'in', one: 'document' }],
  },
  {
    kind: 'topic',
    route: 'topics',
    label: { one: 'Topic', many: 'Topics' },
    titleRequired: false,
    colour: { light: '#a3405f', dark: '#ef8fae' },
    shape: 'hexagon',
    searchable: false,
    readingOrder: 4,
    indexDescription: 'Every topic of the collection, with its subtopics, and a map of them.',
    card: [],
    computed: true,
  },
] as const satisfies readonly KindEntry[];

/** Every kind the registry declares, graph nodes or computed (topics). */
export type AnyKind = (typeof KINDS)[number]['kind'];

/** Every kind of node: the documents' kinds, plus the tags they carry (not the computed topics). */
export type NodeKind = Exclude<(typeof KINDS)[number], { readonly computed: true }>['kind'];

/** The kinds of document: those with a content folder. */
export type DocumentKind = Extract<(typeof KINDS)[number], { readonly folder: string }>['kind'];

/*
 * The registry in use: the kinds above, plus any a test registers. Lookups are
 * functions, not constants computed at import, so that a kind registered later is
 * seen by every layer alike.
 */
const registry: KindEntry[] = [];
let byKind = new Map<string, KindEntry>();
let byFolder = new Map<string, KindEntry>();
let byRoute = new Map<string, KindEntry>();

function reindex(): void {
  byKind = new Map(registry.map((e) => [e.kind, e]));
  byFolder = new Map(registry.filter((e) => e.folder !== undefined).map((e) => [e.folder as string, e]));
  byRoute = new Map(registry.map((e) => [e.route, e]));
}

const NAME = /^[a-z][a-z0-9-]*$/;

/**
 * First URL segments the site uses for itself (app/ folders, proxy.ts's rewrites),
 * which no kind may take as its route.
 */
export const RESERVED_ROUTES: ReadonlySet<string> = new Set(['api', 'graph', 'search', 'sitemap', 'kind', 'missing', '_next']);

function checkEntry(entry: KindEntry): void {
  for (const [what, value, taken] of [
    ['kind', entry.kind, byKind],
    ['folder', entry.folder, byFolder],
    ['route', entry.route, byRoute],
  ] as const) {
    if (value === undefined) continue;
    if (!NAME.test(value)) throw new Error(`kind ${entry.kind}: ${what} ${JSON.stringify(value)} must be lower-case letters, digits and hyphens`);
    if (taken.has(value)) throw new Error(`kind ${entry.kind}: ${what} ${JSON.stringify(value)} is already taken`);
  }
  if (RESERVED_ROUTES.has(entry.route)) throw new Error(`kind ${entry.kind}: route ${JSON.stringify(entry.route)} is reserved for the site's own pages`);
}

// The shipped kinds pass the same checks as a registered one, when this module loads.
for (const entry of KINDS) {
  checkEntry(entry);
  registry.push(entry);
  reindex();
}

/**
 * Adds a kind at run time, for a kind only a test knows (a shipped kind is an
 * entry in `KINDS`). Its name, folder and route must be new. Returns the function
 * that takes it out again.
 */
export function registerKind(entry: KindEntry): () => void {
  checkEntry(entry);
  registry.push(entry);
  reindex();
  return () => {
    const at = registry.indexOf(entry);
    if (at >= 0) registry.splice(at, 1);
    reindex();
  };
}

/** Every kind, in registry order. */
export function kindEntries(): readonly KindEntry[] {
  return registry;
}

/** The entry of a kind; throws for a kind no entry declares (a bug, not bad input). */
export function kindEntry(kind: string): KindEntry {
  const entry = byKind.get(kind);
  if (!entry) throw new Error(`unknown kind ${JSON.stringify(kind)}`);
  return entry;
}

/** Every kind of node, in registry order: every kind but the computed ones (topics), which have no nodes. */
export function listNodeKinds(): NodeKind[] {
  return registry.filter((e) => !e.computed).map((e) => e.kind as NodeKind);
}

/** Every kind of document (a kind with a content folder), in registry order. */
export function listDocumentKinds(): DocumentKind[] {
  return registry.filter((e) => e.folder !== undefined).map((e) => e.kind as DocumentKind);
}

/** Whether a kind is a kind of document (it has a content folder), rather than a tag or a computed kind. */
export function isDocumentKind(kind: string): kind is DocumentKind {
  return byKind.get(kind)?.folder !== undefined;
}

/** Whether a node is a document (held by the collection or a stub of one), rather than a tag. */
export function isDocumentNode(node: TrellisNode): node is DocumentNode {
  return isDocumentKind(node.kind);
}

/** The kinds full-text search finds, in registry order: a kind's search code is its place here. */
export function listSearchKinds(): DocumentKind[] {
  return registry.filter((e) => e.folder !== undefined && e.searchable).map((e) => e.kind as DocumentKind);
}

/** The kind whose files live in a content folder (`inquiries` → inquiry). */
export function kindOfFolder(folder: string): DocumentKind | undefined {
  return byFolder.get(folder)?.kind as DocumentKind | undefined;
}

/** The kind of node whose pages live under a URL segment (`inquiring-lines` → inquiry); none for a computed kind's (`topics`). */
export function kindOfRoute(segment: string): NodeKind | undefined {
  const entry = byRoute.get(segment);
  return entry === undefined || entry.computed ? undefined : (entry.kind as NodeKind);
}

/** The entry of the kind, of node or computed, whose pages live under a URL segment (`topics` → topic). */
export function kindEntryOfRoute(segment: string): KindEntry | undefined {
  return byRoute.get(segment);
}

/** The URL segment of a kind's pages (inquiry → `inquiring-lines`). */
export function routeOf(kind: string): string {
  return kindEntry(kind).route;
}

/** "Note", "Inquiring line". */
export function kindLabel(kind: string): string {
  return byKind.get(kind)?.label.one ?? kind;
}

/** "Notes", "Inquiring lines". */
export function kindPlural(kind: string): string {
  return byKind.get(kind)?.label.many ?? `${kind}s`;
}

/** "3 notes", "1 inquiring line". */
export function countOf(n: number, kind: string): string {
  return `${n} ${(n === 1 ? kindLabel(kind) : kindPlural(kind)).toLowerCase()}`;
}

/** Kinds in reading order (inquiring lines, notes, papers, tags, topics), ties in registry order. */
export function inReadingOrder<T extends { readonly kind: string }>(items: readonly T[]): T[] {
  const rank = (kind: string) => byKind.get(kind)?.readingOrder ?? Infinity;
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => rank(a.item.kind) - rank(b.item.kind) || a.i - b.i)
    .map(({ item }) => item);
}

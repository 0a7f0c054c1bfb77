import type { DocumentKind, NodeId } from '../graph/types';
import type { SearchField } from './fields';
import type { Snippet, Span } from './snippet';
import { listSearchKinds } from '../domain/kinds';

/*
 * What a search is asked and answers, and the settings of an index: the contract
 * the route handler, the results page and the palette read (through lib/search).
 */

export interface SearchIndexOptions {
  /** How much a hit in each field is worth; a title hit must outweigh a summary hit, and so on. */
  readonly fieldWeights: Readonly<Record<SearchField, number>>;
  /**
   * Completions tried for a last word that may be unfinished, at most; fewer once those
   * taken are found in a quarter of the documents (see `Vocabulary.completions`).
   */
  readonly completions: number;
  /** Words one typo away tried for a word the index lacks. */
  readonly typoCandidates: number;
  /** Shortest word (in letters) that gets typo tolerance. */
  readonly typoMinLength: number;
  /**
   * Best candidates (by fields and coverage) whose phrases are checked against
   * their text. Bounds the cost of a query on a large corpus; a phrase outside
   * this window is still found, it just ranks as scattered words.
   */
  readonly rerankWindow: number;
}

export const defaultSearchIndexOptions: SearchIndexOptions = {
  fieldWeights: { title: 40, originalTitle: 36, aliases: 32, tags: 20, summary: 16, body: 8 },
  completions: 8,
  typoCandidates: 6,
  typoMinLength: 5,
  rerankWindow: 200,
};

export interface SearchOptions {
  /** Only documents of this kind; counts per kind are given either way. */
  readonly kind?: DocumentKind;
  /**
   * Only these documents (a topic's members, say): they alone are ranked and counted,
   * so totals, counts per kind and paging all follow the filter. Absent for every document.
   */
  readonly within?: ReadonlySet<NodeId>;
  /** Results to return, 1–50 (default 20). */
  readonly limit?: number;
  readonly offset?: number;
}

/** One result: small and serialisable, no bodies. */
export interface SearchHit {
  readonly id: NodeId;
  /** The node's page; equal to `id`. */
  readonly url: string;
  readonly kind: DocumentKind;
  readonly title: string;
  /** Cited by the collection but not in it. */
  readonly stub: boolean;
  readonly score: number;
  /** The field with the best hit. */
  readonly field: SearchField;
  /** Hits in the title, as spans of `title`. */
  readonly titleHighlights: readonly Span[];
  /** A passage of the best-matching field other than the title, hits marked. */
  readonly snippet: Snippet & { readonly field: SearchField };
  /** Where the document sits in the graph, e.g. "cited by 38 inquiring lines · 3 related concepts". */
  readonly place: string;
}

export interface SearchResponse {
  /** The query as searched (trimmed, cut to MAX_QUERY_LENGTH). */
  readonly query: string;
  /** The query was longer than MAX_QUERY_LENGTH and was cut. */
  readonly truncated: boolean;
  /** Matching documents of the requested kind (all kinds without one). */
  readonly total: number;
  /** Matching documents of each kind, whatever the requested kind. */
  readonly counts: Readonly<Record<DocumentKind, number>>;
  /** No document holds every word; these hold some of them. */
  readonly partial: boolean;
  readonly results: readonly SearchHit[];
}

export interface SearchIndex {
  search(query: string, options?: SearchOptions): SearchResponse;
  /** Number of documents indexed. */
  readonly size: number;
  /** Number of distinct words indexed. */
  readonly words: number;
}

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 50;

/**
 * A kind as a small number, for the typed arrays the ranking counts kinds in: its
 * place among the registry's searchable kinds (lib/domain/kinds.ts `listSearchKinds`),
 * 255 for a kind search does not return. The one place search maps kinds to codes.
 */
export function kindCode(kind: DocumentKind, kinds: readonly string[] = listSearchKinds()): number {
  const code = kinds.indexOf(kind);
  return code < 0 ? 255 : code;
}

/** Matching documents per kind, all zero: filled by the ranking. */
export function emptyKindCounts(): Record<DocumentKind, number> {
  return Object.fromEntries(listSearchKinds().map((kind) => [kind, 0])) as Record<DocumentKind, number>;
}

import { listSearchKinds } from '../domain/kinds';
import type { DocumentKind } from '../graph/types';
import { MAX_LIMIT, type SearchResponse } from './index';

/*
 * The contract of GET /api/search, shared by the route handler, the results page
 * (which reads the same parameters from its URL) and the search palette (types only).
 */

/** Longer queries are refused; up to this, they are cut to MAX_QUERY_LENGTH and searched. */
export const MAX_Q_LENGTH = 1000;
/** No topic's slug is longer: a longer `topic` is refused before any lookup. */
const MAX_TOPIC_LENGTH = 200;

export interface SearchRequest {
  readonly q: string;
  readonly kind?: DocumentKind;
  readonly limit?: number;
  /** A topic's slug: only its documents (and its subtopics'). Whether it names a topic is the route's to check. */
  readonly topic?: string;
}

/** What GET /api/search answers on success. */
export type SearchApiResponse = SearchResponse & {
  readonly kind: DocumentKind | null;
  /** The topic searched within, or null for the whole collection. */
  readonly topic: { readonly slug: string; readonly label: string } | null;
};

/** What it answers, with status 400, to a parameter it cannot take. */
export interface SearchApiError {
  readonly error: string;
  /** The query parameter at fault. */
  readonly parameter: 'q' | 'kind' | 'limit' | 'topic';
}

const shown = (value: string): string => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

/**
 * Reads `q`, `kind`, `limit` and `topic` from a query string, or says which one is wrong.
 *
 * - `q`: at most 1,000 characters; empty or absent gives no results.
 * - `kind`: a searchable kind of the registry (note, inquiry, paper); absent or empty for all kinds.
 * - `limit`: an integer from 1 to 50; absent or empty for the default.
 * - `topic`: a topic's slug (see `unknownTopic` for one that names none); absent or empty for the whole collection.
 */
export function readSearchRequest(params: URLSearchParams): SearchRequest | SearchApiError {
  const q = params.get('q') ?? '';
  if (q.length > MAX_Q_LENGTH) {
    return { parameter: 'q', error: `q is ${q.length.toLocaleString('en-US')} characters long; at most ${MAX_Q_LENGTH.toLocaleString('en-US')} are accepted` };
  }
  const kind = params.get('kind') || undefined;
  const kinds: readonly string[] = listSearchKinds();
  if (kind !== undefined && !kinds.includes(kind)) {
    return { parameter: 'kind', error: `kind must be one of ${kinds.join(', ')}, or absent for all; got ${shown(kind)}` };
  }
  const limitText = params.get('limit') || undefined;
  let limit: number | undefined;
  if (limitText !== undefined) {
    limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) return { parameter: 'limit', error: `limit must be an integer from 1 to ${MAX_LIMIT}; got ${shown(limitText)}` };
  }
  const topic = params.get('topic') || undefined;
  if (topic !== undefined && topic.length > MAX_TOPIC_LENGTH) return unknownTopic(topic);
  return { q, ...(kind ? { kind: kind as DocumentKind } : {}), ...(limit ? { limit } : {}), ...(topic ? { topic } : {}) };
}

/** The answer to a `topic` that names no topic of the collection. */
export function unknownTopic(topic: string): SearchApiError {
  return { parameter: 'topic', error: `topic must be the slug of a topic (see /topics/), or absent for the whole collection; no topic is called ${shown(topic)}` };
}

export function isSearchApiError<T extends object>(value: T | SearchApiError): value is SearchApiError {
  return 'error' in value && 'parameter' in value;
}

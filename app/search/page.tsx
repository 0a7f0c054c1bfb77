import type { Metadata } from 'next';
import { connection } from 'next/server';
import { getGraph } from '@/lib/corpus';
import { listSearchKinds } from '@/lib/domain/kinds';
import { searchAvailability, searchNodes } from '@/lib/search';
import { isSearchApiError, readSearchRequest, type SearchApiError } from '@/lib/search/api';
import { isTopicsPending, readTopicScope, type TopicScope } from '@/lib/site/topic-search';
import type { Graph } from '@/lib/graph/types';
import { SearchResults } from './SearchResults';

/*
 * /search/?q=…&kind=…&topic=…&page=…: the results page. A plain GET form, so it works
 * without JavaScript and every search is a link to share. It reads the same
 * parameters as GET /api/search and refuses the same mistakes, in words.
 */

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PAGE_SIZE = 20;
const MAX_PAGE = 50;

/** The first value of each parameter, as a query string would give it. */
function paramsOf(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) params.set(key, first);
  }
  return params;
}

function pageOf(params: URLSearchParams): number {
  const n = Number(params.get('page'));
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_PAGE) : 1;
}

/** The topic a search is narrowed to, a problem with the one asked for, or how far topics are (still computing). */
function topicOf(graph: Graph, asked: string): { scope?: TopicScope; problem?: SearchApiError; pending?: number } {
  if (!asked) return {};
  const read = readSearchRequest(new URLSearchParams({ topic: asked }));
  const scope = isSearchApiError(read) ? read : readTopicScope(graph, asked);
  if (isTopicsPending(scope)) return { pending: scope.pending };
  return isSearchApiError(scope) ? { problem: scope } : { scope };
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const q = (paramsOf(await searchParams).get('q') ?? '').trim().replace(/\s+/g, ' ');
  const shown = q.length > 80 ? `${q.slice(0, 80)}…` : q;
  return {
    title: { absolute: shown ? `Search: ${shown} — Trellis` : 'Search — Trellis' },
    // Result pages are many and thin: useful to people, not to an index.
    robots: { index: false, follow: true },
  };
}

export default async function SearchPage({ searchParams }: Props) {
  // The content folder is chosen when the server starts: search it per request.
  await connection();
  const params = paramsOf(await searchParams);
  const read = readSearchRequest(new URLSearchParams({ q: params.get('q') ?? '', kind: params.get('kind') ?? '' }));
  const graph = getGraph();
  const narrowed = topicOf(graph, params.get('topic') ?? '');
  const problem = isSearchApiError(read) ? read : narrowed.problem;
  const q = isSearchApiError(read) ? '' : read.q;
  const asked = params.get('kind') ?? '';
  const kind = listSearchKinds().find((k) => k === asked);
  const page = pageOf(params);
  const within = narrowed.scope ? { within: narrowed.scope.within } : {};
  // A large collection's index may still be building: say how far rather than make the reader wait.
  const availability = q.trim() ? searchAvailability(graph) : undefined;
  const indexing = availability?.busy ? availability.percent : undefined;
  const found = q.trim() && indexing === undefined ? searchNodes(graph, q, { ...(kind ? { kind } : {}), ...within, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }) : undefined;
  return (
    <SearchResults
      params={params}
      page={page}
      pageSize={PAGE_SIZE}
      maxPage={MAX_PAGE}
      {...(kind ? { kind } : {})}
      {...(found ? { found } : {})}
      {...(problem ? { problem } : {})}
      {...(indexing !== undefined ? { indexing } : {})}
      {...(narrowed.scope ? { topic: { slug: narrowed.scope.topic.slug, label: narrowed.scope.topic.label } } : {})}
      {...(narrowed.pending !== undefined ? { topicsPending: narrowed.pending } : {})}
    />
  );
}

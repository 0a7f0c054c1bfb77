import { graphOrNotReady, notReadyJson } from '@/lib/site/readiness';
import { isTopicsPending, readTopicScope, type TopicScope } from '@/lib/site/topic-search';
import { isSearchApiError, readSearchRequest, type SearchApiResponse } from '@/lib/search/api';
import { searchAvailability, searchNodes } from '@/lib/search';

/** The content folder is chosen at start-up: search the running server's graph, never a build-time one. */
export const dynamic = 'force-dynamic';

/** The same query gives the same answer until the content changes and the server restarts: let a CDN keep it a little. */
const CACHE_CONTROL = 'public, max-age=60, s-maxage=300, stale-while-revalidate=3600';
const NO_STORE = { 'Cache-Control': 'no-store' };

/** GET /api/search?q=&kind=&limit=&topic= — see lib/search/api.ts for the parameters. */
export function GET(request: Request): Response {
  const read = readSearchRequest(new URL(request.url).searchParams);
  if (isSearchApiError(read)) return Response.json(read, { status: 400, headers: NO_STORE });
  const { q, kind, limit, topic } = read;
  const graph = graphOrNotReady();
  if (graph instanceof Response) return graph;
  const busy = searchAvailability(graph);
  if (busy.busy) return notReadyJson('search', busy.percent);
  let scope: TopicScope | undefined;
  if (topic !== undefined) {
    const read = readTopicScope(graph, topic);
    if (isTopicsPending(read)) return notReadyJson('topics', read.pending);
    if (isSearchApiError(read)) return Response.json(read, { status: 400, headers: NO_STORE });
    scope = read;
  }
  const found = searchNodes(graph, q, { ...(kind ? { kind } : {}), ...(limit ? { limit } : {}), ...(scope ? { within: scope.within } : {}) });
  const body: SearchApiResponse = { ...found, kind: kind ?? null, topic: scope ? { slug: scope.topic.slug, label: scope.topic.label } : null };
  return Response.json(body, { headers: { 'Cache-Control': CACHE_CONTROL, 'X-Robots-Tag': 'noindex' } });
}

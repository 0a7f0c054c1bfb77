import { graphOrNotReady } from '@/lib/site/readiness';
import { getGraphOverview, getGraphRegion, overviewOptionsFrom } from '@/lib/graph/overview';
import { parseRegionQuery } from '@/lib/site/view-query';
import { topicLevelAnswer } from '@/lib/site/topic-level';

/** Answered per request, from the content folder the server runs with. */
export const dynamic = 'force-dynamic';

const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600';

/**
 * GET /api/graph/: the collection as compact arrays (CompactGraph in
 * lib/graph/layout.ts), laid out on the server when large. Without a query, the
 * whole graph when it is small, and an overview of its most connected nodes when
 * it is not (`level`, `total` and `shown` say which). With `focus=<node URL>`
 * and/or `from=&to=` (a path), the region around them: `depth` steps (1–3),
 * following `edgeKinds` and keeping `nodeKinds`, as /api/neighbourhood/ takes
 * them. `?level=topics` answers the map of topics, `?topic=<slug>` a topic's
 * members (lib/site/topic-level.ts). A bad parameter is a 400 and an unknown node a 404, with a JSON `error`.
 */
export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const query = parseRegionQuery(params);
  if (!query.ok) return Response.json({ error: query.error }, { status: 400 });
  const graph = graphOrNotReady();
  if (graph instanceof Response) return graph;
  // `?level=topics` (the map of topics) and `?topic=<slug>` (a topic's members): lib/site/topic-level.ts.
  const topicLevel = topicLevelAnswer(graph, params);
  if (topicLevel) return topicLevel;
  if (!query.value) return Response.json(getGraphOverview(graph, overviewOptionsFrom(process.env)), { headers: { 'Cache-Control': CACHE_CONTROL } });
  const region = getGraphRegion(graph, query.value);
  if (!region) {
    const missing = [query.value.focus, query.value.from, query.value.to].find((id) => id !== undefined && !graph.nodes.has(id));
    return Response.json({ error: `no node with id ${JSON.stringify(missing)}` }, { status: 404 });
  }
  return Response.json(region, { headers: { 'Cache-Control': CACHE_CONTROL } });
}

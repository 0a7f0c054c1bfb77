import { graphOrNotReady } from '@/lib/site/readiness';
import { getNeighbourhood } from '@/lib/graph/neighbourhood';
import { parseNeighbourhoodQuery } from '@/lib/site/view-query';

/** Answered per request, from the content folder the server runs with. */
export const dynamic = 'force-dynamic';

/**
 * GET /api/neighbourhood?id=<node id>&depth=1..3&nodeKinds=note,paper&edgeKinds=related
 *
 * The part of the graph a node page's view shows, never the whole graph. A bad
 * parameter is a 400 and an unknown id a 404, each with a JSON `error` that says
 * what to send instead.
 */
export async function GET(request: Request): Promise<Response> {
  const query = parseNeighbourhoodQuery(new URL(request.url).searchParams);
  if (!query.ok) return Response.json({ error: query.error }, { status: 400 });
  const graph = graphOrNotReady();
  if (graph instanceof Response) return graph;
  const view = getNeighbourhood(graph, query.value.id, query.value.options);
  if (!view) return Response.json({ error: `no node with id ${JSON.stringify(query.value.id)}` }, { status: 404 });
  return Response.json(view, { headers: { 'Cache-Control': 'public, max-age=60, stale-while-revalidate=600' } });
}

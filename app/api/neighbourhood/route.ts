import { graphOrNotReady } from '@/lib/site/readiness';
import { getNeighbourhood } from '@/lib/graph/neighbourhood';
import { parseNeighbourhoodQuery } from '@/lib/site/view-query';
import { withTopics } from '@/lib/topics/queries';
import { topicsIfReady } from '@/lib/topics/store';

/** Answered per request, from the content folder the server runs with. */
export const dynamic = 'force-dynamic';

/**
 * GET /api/neighbourhood?id=<node id>&depth=1..3&nodeKinds=note,paper&edgeKinds=related
 *
 * The part of the graph a node page's view shows, never the whole graph. A bad
 * parameter is a 400 and an unknown id a 404, each with a JSON `error` that says
 * what to send instead. Once the collection's topics are ready, each node names its
 * leaf topic (`topic`) and `topics` labels them, so the view can colour by topic;
 * until then (a large collection's first minutes) both are absent and nothing waits.
 */
export async function GET(request: Request): Promise<Response> {
  const query = parseNeighbourhoodQuery(new URL(request.url).searchParams);
  if (!query.ok) return Response.json({ error: query.error }, { status: 400 });
  const graph = graphOrNotReady();
  if (graph instanceof Response) return graph;
  const view = getNeighbourhood(graph, query.value.id, query.value.options);
  if (!view) return Response.json({ error: `no node with id ${JSON.stringify(query.value.id)}` }, { status: 404 });
  const topics = topicsIfReady(graph);
  return Response.json(topics ? withTopics(view, topics) : view, { headers: { 'Cache-Control': 'public, max-age=60, stale-while-revalidate=600' } });
}

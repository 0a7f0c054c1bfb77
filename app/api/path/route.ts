import { graphOrNotReady } from '@/lib/site/readiness';
import { describePath, EDGE_KINDS, shortestPath } from '@/lib/graph/neighbourhood';
import { parseKinds, parseNodeId } from '@/lib/site/view-query';

/** Answered per request, from the content folder the server runs with. */
export const dynamic = 'force-dynamic';

/**
 * GET /api/path?from=<node id>&to=<node id>[&edgeKinds=source,related]
 *
 * The shortest path between two nodes as `{ nodes, edges }` in order, or
 * `{ nodes: [], edges: [] }` when they do not connect. 400 for a malformed id or
 * kind, 404 for an id the collection does not hold.
 */
export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const from = parseNodeId('from', params.get('from'));
  if (!from.ok) return Response.json({ error: from.error }, { status: 400 });
  const to = parseNodeId('to', params.get('to'));
  if (!to.ok) return Response.json({ error: to.error }, { status: 400 });
  const edgeKinds = parseKinds('edgeKinds', params.get('edgeKinds'), EDGE_KINDS);
  if (!edgeKinds.ok) return Response.json({ error: edgeKinds.error }, { status: 400 });

  const graph = graphOrNotReady();
  if (graph instanceof Response) return graph;
  for (const [name, id] of [['from', from.value], ['to', to.value]] as const) {
    if (!graph.nodes.has(id)) return Response.json({ error: `no node with id ${JSON.stringify(id)} (${name})` }, { status: 404 });
  }
  const path = shortestPath(graph, from.value, to.value, edgeKinds.value);
  const view = path ? describePath(graph, path, edgeKinds.value) : { nodes: [], edges: [] };
  return Response.json({ from: from.value, to: to.value, ...view }, { headers: { 'Cache-Control': 'public, max-age=60, stale-while-revalidate=600' } });
}

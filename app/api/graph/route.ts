// Relative imports, unlike most of app/: the unit tests load this file without Next.js's path aliases.
import { graphOrNotReady } from '../../../lib/site/readiness';
import { getCompactGraph } from '../../../lib/graph/layout';

/** Answered per request, from the content folder the server runs with. */
export const dynamic = 'force-dynamic';

/**
 * GET /api/graph: every node and edge of the collection as compact arrays (see
 * CompactGraph in lib/graph/layout.ts), with positions laid out on the server
 * when the graph is too large for the browser to lay out quickly.
 */
export async function GET(): Promise<Response> {
  const graph = graphOrNotReady();
  if (graph instanceof Response) return graph;
  return Response.json(getCompactGraph(graph), {
    headers: { 'Cache-Control': 'public, max-age=60, stale-while-revalidate=600' },
  });
}

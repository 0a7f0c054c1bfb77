import { notFound, permanentRedirect } from 'next/navigation';
import { connection } from 'next/server';
import { getGraph } from '@/lib/corpus';
import type { Graph, NodeKind, TrellisNode } from '@/lib/graph/types';
import { matchRoute } from '@/lib/site/route';

/**
 * The node a page's URL segment names, or the redirect to its canonical URL, or a
 * 404. Pages render per request: the content folder is chosen when the server starts.
 */
export async function getRouteNode(kind: NodeKind, segment: string): Promise<{ graph: Graph; node: TrellisNode }> {
  await connection();
  const graph = getGraph();
  const match = matchRoute(graph, kind, segment);
  if (match.status === 'redirect') permanentRedirect(match.url);
  if (match.status === 'missing') notFound();
  return { graph, node: match.node };
}

/** The same lookup for metadata, which must neither redirect nor throw. */
export function findRouteNode(kind: NodeKind, segment: string): TrellisNode | undefined {
  const match = matchRoute(getGraph(), kind, segment);
  return match.status === 'found' ? match.node : undefined;
}

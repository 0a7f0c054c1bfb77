import { graphOrNotReady } from '@/lib/site/readiness';
import { isNodeIdShaped } from '@/lib/domain/node-id';
import { getNode } from '@/lib/graph/queries';
import type { NodeKind } from '@/lib/graph/types';
import { plainTextLead } from '@/lib/text/plain-text';

/*
 * GET /api/preview/?id=/notes/<slug>/ — what a preview card shows about a node:
 * its kind, title, summary and whether it is in the collection. Ids are node URLs,
 * looked up in the in-memory graph only. Reading the request's URL makes this
 * route render per request, against the content folder the server runs with.
 */

/** The longest summary a card can show (it clamps to a few lines anyway). */
const MAX_SUMMARY = 320;

export interface NodePreview {
  readonly id: string;
  readonly kind: NodeKind;
  readonly title: string;
  /** What the node says about itself, or what its citers say when it is a stub; null when nothing. */
  readonly summary: string | null;
  readonly stub: boolean;
}

function clip(text: string): string {
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1).replace(/\s+\S*$/, '')}…` : text;
}

function error(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: { 'Cache-Control': 'no-store' } });
}

export async function GET(request: Request): Promise<Response> {
  const id = new URL(request.url).searchParams.get('id');
  if (!id || !isNodeIdShaped(id)) return error(400, 'id must be a node URL such as /notes/<slug>/');
  const graph = graphOrNotReady();
  if (graph instanceof Response) return graph;
  const node = getNode(graph, id);
  if (!node) return error(404, `no node at ${id}`);
  const summary =
    node.summary ??
    (node.kind === 'paper' ? node.coreContribution : undefined) ??
    node.citations.find((c) => c.summary)?.summary ??
    (node.lead ? plainTextLead(node.lead, MAX_SUMMARY) : undefined);
  const preview: NodePreview = { id: node.id, kind: node.kind, title: node.title, summary: summary ? clip(summary) : null, stub: node.stub };
  return Response.json(preview, { headers: { 'Cache-Control': 'public, max-age=300' } });
}

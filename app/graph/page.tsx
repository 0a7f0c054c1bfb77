import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { GraphExplorer } from '@/app/components/client/GraphExplorer';
import { KindBadge } from '@/app/components/KindBadge';
import { NodeLink } from '@/app/components/NodeLink';
import { getGraph } from '@/lib/corpus';
import { describePath, shortestPath } from '@/lib/graph/neighbourhood';
import { defaultOverviewOptions, overviewOptionsFrom } from '@/lib/graph/overview';
import { countByKind } from '@/lib/graph/queries';
import { resolveInGraph } from '@/lib/graph/resolve';
import type { Graph, NodeId, TrellisNode } from '@/lib/graph/types';
import { topicsAvailability } from '@/lib/topics/store';

export const metadata: Metadata = {
  title: 'Graph',
  description: 'Every note, inquiring line, paper and tag of the collection, and how they connect.',
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A node named by a query value: its id, or (from the form without JavaScript) a title. */
function nodeNamed(graph: Graph, value: string | string[] | undefined): TrellisNode | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.slice(0, 500).trim();
  if (!text) return undefined;
  const byId = graph.nodes.get(text as NodeId);
  if (byId) return byId;
  const found = resolveInGraph(graph, text);
  return found.status === 'found' ? graph.nodes.get(found.id) : undefined;
}

/**
 * The whole collection as a graph. The drawing, filters and path finder run in the
 * browser (GraphExplorer); what the query asks for (a focus, a path) is also
 * answered here as text, so a shared link and the forms work without JavaScript.
 */
export default async function GraphPage({ searchParams }: Props) {
  await connection();
  const graph = getGraph();
  const params = await searchParams;
  const counts = countByKind(graph);
  const focus = nodeNamed(graph, params.focus);
  const from = nodeNamed(graph, params.from);
  const to = nodeNamed(graph, params.to);
  const ids = from && to ? shortestPath(graph, from.id, to.id) : undefined;
  const path = ids ? describePath(graph, ids) : undefined;
  const documents = counts.note.files + counts.inquiry.files + counts.paper.files;
  // A collection larger than its overview opens on the map of topics, once its topics are computed: the overview's
  // most connected nodes say little of what it is about.
  const overviewed = graph.nodes.size > { ...defaultOverviewOptions, ...overviewOptionsFrom(process.env) }.maxNodes;
  const opensOnTopics = overviewed && !topicsAvailability(graph).busy;

  return (
    <article className="graph-page">
      <h1>The graph</h1>
      <p className="lede">
        {graph.nodes.size.toLocaleString('en')} nodes and {graph.edges.length.toLocaleString('en')} edges: {documents.toLocaleString('en')} documents in the collection,
        the documents they cite that it does not hold, and {counts.tags.toLocaleString('en')} tags. The <Link href="/topics/">map of topics</Link> shows the
        collection by subject.
      </p>
      <GraphExplorer totals={{ nodes: graph.nodes.size, edges: graph.edges.length }} opensOnTopics={opensOnTopics}>
        {focus && (
          <div className="graph-card" data-kind={focus.kind}>
            <p className="node-kind">
              <KindBadge kind={focus.kind} stub={focus.stub} />
            </p>
            <h2>
              <NodeLink node={focus} />
            </h2>
            {focus.summary && <p>{focus.summary}</p>}
          </div>
        )}
        {from && to && (
          <div className="graph-path">
            <h2>Path</h2>
            {path ? (
              <ol className="link-list">
                {path.nodes.map((n) => (
                  <li key={n.id}>
                    <NodeLink node={{ url: n.id, kind: n.kind, stub: n.stub, title: n.title }} />
                  </li>
                ))}
              </ol>
            ) : (
              <p className="empty">These two nodes are not connected.</p>
            )}
          </div>
        )}
      </GraphExplorer>
    </article>
  );
}

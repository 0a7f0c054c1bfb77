import { getNeighbourhood } from '@/lib/graph/neighbourhood';
import type { Graph, TrellisNode } from '@/lib/graph/types';
import { NeighbourhoodExplorer } from './client/NeighbourhoodExplorer';
import { describeCounts } from './client/NeighbourhoodList';

/**
 * A node in its neighbourhood, as a graph loaded when it comes near sight. It lists
 * nothing of its own until the reader walks: the page's sections list the
 * neighbours already, and work without JavaScript.
 */
export function NeighbourhoodSection({ graph, node }: { graph: Graph; node: TrellisNode }) {
  const view = getNeighbourhood(graph, node.id, { depth: 1 });
  if (!view) return null;
  const centre = view.nodes.find((n) => n.id === view.centre);
  if (!centre) return null;
  return (
    <section className="neighbourhood-section" data-kind={node.kind} aria-labelledby="in-the-graph">
      <h2 id="in-the-graph">In the graph</h2>
      <NeighbourhoodExplorer home={centre} counts={describeCounts(view.nodes, view.centre)} />
    </section>
  );
}

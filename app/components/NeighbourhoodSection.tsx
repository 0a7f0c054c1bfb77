import { getNeighbourhood } from '@/lib/graph/neighbourhood';
import { groupNeighbours } from '@/lib/site/neighbour-groups';
import type { Graph, TrellisNode } from '@/lib/graph/types';
import { NeighbourhoodExplorer } from './client/NeighbourhoodExplorer';
import { describeCounts, NeighbourhoodList } from './client/NeighbourhoodList';

/**
 * A node in its neighbourhood: the graph view (loaded when it scrolls into sight)
 * and, rendered here on the server, the same neighbourhood as a list that works
 * without JavaScript. The canvas fetches /api/neighbourhood with the defaults used
 * here, so the list and the first drawing agree.
 */
export function NeighbourhoodSection({ graph, node }: { graph: Graph; node: TrellisNode }) {
  const view = getNeighbourhood(graph, node.id, { depth: 1 });
  if (!view) return null;
  const centre = view.nodes.find((n) => n.id === view.centre);
  if (!centre) return null;
  return (
    <div className="neighbourhood-section" data-kind={node.kind}>
      <NeighbourhoodExplorer home={centre} counts={describeCounts(view.nodes, view.centre)}>
        <NeighbourhoodList centre={centre} groups={groupNeighbours(view)} truncated={view.truncated} />
      </NeighbourhoodExplorer>
    </div>
  );
}

import { getNeighbourhood } from '@/lib/graph/neighbourhood';
import type { Graph, TrellisNode } from '@/lib/graph/types';
import { layoutNeighbourhoodPreview } from '@/lib/site/neighbourhood-preview';
import { NeighbourhoodExplorer } from './client/NeighbourhoodExplorer';
import { describeCounts } from './client/NeighbourhoodList';
import { NeighbourhoodPreview } from './NeighbourhoodPreview';

/**
 * A node in its neighbourhood: a still picture drawn on the server, and the graph
 * (cytoscape) once the reader asks for it. It lists nothing of its own until the
 * reader walks: the page's sections list the neighbours already, and work without
 * JavaScript.
 */
export function NeighbourhoodSection({ graph, node }: { graph: Graph; node: TrellisNode }) {
  const view = getNeighbourhood(graph, node.id, { depth: 1 });
  if (!view) return null;
  const centre = view.nodes.find((n) => n.id === view.centre);
  if (!centre) return null;
  const layout = layoutNeighbourhoodPreview(view);
  return (
    <section className="neighbourhood-section" data-kind={node.kind} aria-labelledby="in-the-graph">
      <h2 id="in-the-graph">In the graph</h2>
      <NeighbourhoodExplorer home={centre} counts={describeCounts(view.nodes, view.centre)} preview={layout && <NeighbourhoodPreview layout={layout} />} />
    </section>
  );
}

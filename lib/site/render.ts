import { renderMarkdown, type RenderedMarkdown } from '../content/markdown';
import { resolveInGraph } from '../graph/resolve';
import type { Graph, TrellisNode } from '../graph/types';

const cache = new WeakMap<Graph, Map<string, RenderedMarkdown>>();

/** A paper summary repeats its title as a first `#` heading; the page already shows it. */
function withoutTitleHeading(node: TrellisNode): string {
  const match = /^\s*#\s+(.+?)\s*\n/.exec(node.body);
  return match && match[1]?.trim() === node.title.trim() ? node.body.slice(match[0].length) : node.body;
}

/**
 * A node's body as safe HTML with its wikilinks resolved against the graph.
 * Rendered once per node per graph and then served from memory.
 */
export function renderNodeBody(graph: Graph, node: TrellisNode): RenderedMarkdown {
  let perGraph = cache.get(graph);
  if (!perGraph) cache.set(graph, (perGraph = new Map()));
  let rendered = perGraph.get(node.id);
  if (!rendered) {
    rendered = renderMarkdown(withoutTitleHeading(node), {
      resolve: (target) => {
        const found = resolveInGraph(graph, target);
        if (found.status !== 'found') return undefined;
        const linked = graph.nodes.get(found.id);
        return linked && { url: linked.url, kind: linked.kind, title: linked.title, stub: linked.stub };
      },
    });
    perGraph.set(node.id, rendered);
  }
  return rendered;
}

import { ByteBudgetCache, budgetFromEnv } from '../byte-cache';
import { renderMarkdown, type RenderedMarkdown } from '../content/markdown';
import { bodyOf } from '../graph/body';
import { resolveInGraph } from '../graph/resolve';
import type { Graph, NodeId, TrellisNode } from '../graph/types';

/** Rendered bodies, per graph, within `TRELLIS_RENDER_CACHE_MB` (default 32). */
const cache = new WeakMap<Graph, ByteBudgetCache<string, RenderedMarkdown>>();

/** A paper summary repeats its title as a first `#` heading; the page already shows it. */
function withoutTitleHeading(node: TrellisNode, body: string): string {
  const match = /^\s*#\s+(.+?)\s*\n/.exec(body);
  return match && match[1]?.trim() === node.title.trim() ? body.slice(match[0].length) : body;
}

/**
 * A node's body as safe HTML with its wikilinks resolved against the graph. The
 * most recently read pages' bodies are kept, within a byte budget.
 */
export function renderNodeBody(graph: Graph, node: TrellisNode): RenderedMarkdown {
  let perGraph = cache.get(graph);
  if (!perGraph) cache.set(graph, (perGraph = new ByteBudgetCache(budgetFromEnv('TRELLIS_RENDER_CACHE_MB', 32))));
  let rendered = perGraph.get(node.id);
  if (!rendered) {
    rendered = renderMarkdown(withoutTitleHeading(node, bodyOf(graph, node)), {
      resolve: (target) => {
        const found = resolveInGraph(graph, target);
        if (found.status !== 'found') return undefined;
        const linked = graph.nodes.get(found.id);
        return linked && { url: linked.url, kind: linked.kind, title: linked.title, stub: linked.stub };
      },
      // Embeds show the other node's body as written; a node's id is its URL.
      bodyOf: (target) => {
        const embedded = graph.nodes.get(target.url as NodeId);
        return embedded?.hasBody ? bodyOf(graph, embedded) : undefined;
      },
      self: node.url,
      folder: node.file ? node.file.slice(0, Math.max(0, node.file.lastIndexOf('/'))) : '',
    });
    perGraph.set(node.id, rendered, 2 * rendered.html.length + 200 * rendered.headings.length);
  }
  return rendered;
}

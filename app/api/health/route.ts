import { peekGraph, warmGraph } from '@/lib/corpus';
import { isDocumentNode } from '@/lib/domain/kinds';
import type { Graph } from '@/lib/graph/types';
import { percent, progressOf, type Task } from '@/lib/progress';

/** Always answered from memory, at once: a load balancer asks often. */
export const dynamic = 'force-dynamic';

const TASKS: readonly Task[] = ['corpus', 'search', 'similarity', 'topics'];

/** Counted once per graph: a health check must not walk 100,000 nodes each time. */
const counted = new WeakMap<Graph, Record<string, number>>();
function countsOf(graph: Graph): Record<string, number> {
  let counts = counted.get(graph);
  if (!counts) {
    let documents = 0;
    let stubs = 0;
    for (const node of graph.nodes.values()) {
      if (!isDocumentNode(node)) continue;
      if (node.stub) stubs++;
      else documents++;
    }
    counts = { files: graph.fileCount, nodes: graph.nodes.size, documents, stubs, edges: graph.edges.length, problems: graph.diagnostics.length };
    counted.set(graph, counts);
  }
  return counts;
}

/**
 * GET /api/health/ — whether this instance is ready to serve, and how far each
 * start-up task has got. 200 once the graph is read (pages and search can be
 * served; search may still be indexing, and says so itself), 503 before.
 */
export function GET(): Response {
  const graph = peekGraph();
  const tasks = Object.fromEntries(
    TASKS.map((task) => {
      const progress = progressOf(task);
      return [task, { ready: Boolean(progress?.ready), progress: percent(progress) }];
    }),
  );
  // Nothing has asked for the corpus yet (TRELLIS_WARM=0): a health check starts reading it.
  if (!graph) void warmGraph().catch(() => undefined);
  const body = {
    ready: Boolean(graph),
    tasks,
    ...(graph ? { counts: countsOf(graph) } : {}),
    uptimeSeconds: Math.round(process.uptime()),
    memory: { rssBytes: process.memoryUsage().rss, heapUsedBytes: process.memoryUsage().heapUsed },
  };
  return Response.json(body, { status: graph ? 200 : 503, headers: { 'Cache-Control': 'no-store', ...(graph ? {} : { 'Retry-After': '5' }) } });
}

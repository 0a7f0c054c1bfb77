import { ByteBudgetCache, budgetFromEnv } from '../byte-cache';
import { renderMarkdown, type LinkTarget, type RenderedMarkdown } from '../content/markdown';
import type { RenderAnswer, RenderRequest } from '../content/markdown-worker';
import { parseWikilinkInner, WIKILINK } from '../content/wikilinks';
import { bodyOf } from '../graph/body';
import { resolveInGraph } from '../graph/resolve';
import type { Graph, NodeId, TrellisNode } from '../graph/types';
import { renderInWorker } from './markdown-pool';

/** Rendered bodies, per graph, within `TRELLIS_RENDER_CACHE_MB` (default 32). */
const cache = new WeakMap<Graph, ByteBudgetCache<string, RenderedMarkdown>>();

function renderedBodies(graph: Graph): ByteBudgetCache<string, RenderedMarkdown> {
  let perGraph = cache.get(graph);
  if (!perGraph) cache.set(graph, (perGraph = new ByteBudgetCache(budgetFromEnv('TRELLIS_RENDER_CACHE_MB', 32))));
  return perGraph;
}

function keep(graph: Graph, node: TrellisNode, rendered: RenderedMarkdown): RenderedMarkdown {
  renderedBodies(graph).set(node.id, rendered, 2 * rendered.html.length + 200 * rendered.headings.length);
  return rendered;
}

/** A paper summary repeats its title as a first `#` heading; the page already shows it. */
function withoutTitleHeading(node: TrellisNode, body: string): string {
  const match = /^\s*#\s+(.+?)\s*\n/.exec(body);
  return match && match[1]?.trim() === node.title.trim() ? body.slice(match[0].length) : body;
}

/** The node a wikilink target names, as a link shows it; undefined when it names none or several. */
function linkTarget(graph: Graph, target: string): LinkTarget | undefined {
  const found = resolveInGraph(graph, target);
  if (found.status !== 'found') return undefined;
  const linked = graph.nodes.get(found.id);
  return linked && { url: linked.url, kind: linked.kind, title: linked.title, stub: linked.stub };
}

/** The folder of a node's file inside the content folder, for relative image paths. */
const folderOf = (node: TrellisNode): string => (node.file ? node.file.slice(0, Math.max(0, node.file.lastIndexOf('/'))) : '');

/**
 * A node's body as safe HTML with its wikilinks resolved against the graph. The
 * most recently read pages' bodies are kept, within a byte budget.
 */
export function renderNodeBody(graph: Graph, node: TrellisNode): RenderedMarkdown {
  const kept = renderedBodies(graph).get(node.id);
  if (kept) return kept;
  const rendered = renderMarkdown(withoutTitleHeading(node, bodyOf(graph, node)), {
    resolve: (target) => linkTarget(graph, target),
    // Embeds show the other node's body as written; a node's id is its URL.
    bodyOf: (target) => {
      const embedded = graph.nodes.get(target.url as NodeId);
      return embedded?.hasBody ? bodyOf(graph, embedded) : undefined;
    },
    self: node.url,
    folder: folderOf(node),
  });
  return keep(graph, node, rendered);
}

/**
 * What the Markdown worker needs to render a node's body as `renderNodeBody` does: the
 * body, and the wikilink targets in its source resolved against the graph. Undefined for
 * a body that may embed another (`![`): an embed reads other bodies, which only the
 * page's thread can.
 */
export function renderRequestFor(graph: Graph, node: TrellisNode): RenderRequest | undefined {
  const markdown = withoutTitleHeading(node, bodyOf(graph, node));
  if (markdown.includes('![')) return undefined;
  const targets = new Set<string>();
  // Every `[[…]]` of the source, in code too (where the renderer leaves it alone): a
  // target resolved and not used costs nothing.
  for (const match of markdown.matchAll(WIKILINK)) targets.add(parseWikilinkInner(match[2] ?? '').target);
  return { markdown, links: [...targets].map((target) => [target, linkTarget(graph, target) ?? null]), self: node.url, folder: folderOf(node) };
}

/** How many times a request goes back for targets the source did not show as written (escapes, entities). */
const ROUNDS = 3;

/**
 * A node's body rendered through `send` (the worker, or in tests the worker's function):
 * targets the worker found that the request lacked are resolved here and the request
 * sent again. Undefined when the body stays on the page's thread.
 */
export async function renderThroughRequests(graph: Graph, node: TrellisNode, send: (request: RenderRequest) => Promise<RenderAnswer> | undefined): Promise<RenderedMarkdown | undefined> {
  let request = renderRequestFor(graph, node);
  for (let round = 0; request && round < ROUNDS; round++) {
    const pending = send(request);
    if (!pending) return undefined;
    const answer = await pending;
    if ('rendered' in answer) return answer.rendered;
    const added = answer.missing.map((target): [string, LinkTarget | null] => [target, linkTarget(graph, target) ?? null]);
    request = { ...request, links: [...request.links, ...added] };
  }
  return undefined;
}

/**
 * `renderNodeBody`, with the Markdown rendered by the worker thread where there is one
 * (lib/site/markdown-pool.ts): the page's thread renders other pages meanwhile. The
 * same HTML either way (tests/site/render-request.test.ts).
 */
export async function renderNodeBodyAsync(graph: Graph, node: TrellisNode): Promise<RenderedMarkdown> {
  const kept = renderedBodies(graph).get(node.id);
  if (kept) return kept;
  try {
    const rendered = await renderThroughRequests(graph, node, renderInWorker);
    if (rendered) return keep(graph, node, rendered);
  } catch {
    // The worker stopped (it said why, once): this page is rendered here.
  }
  return renderNodeBody(graph, node);
}

/*
 * The Markdown renderer's worker thread (lib/site/markdown-pool.ts). The thread that
 * renders pages sends a body with the nodes its wikilinks name, already resolved
 * against the graph (the worker has no graph), and gets the rendered HTML back: the
 * Markdown half of a page's cost runs on the other core.
 */
import { parentPort } from 'node:worker_threads';
import { renderMarkdown, type LinkTarget, type RenderedMarkdown } from './markdown';

/** A body to render and what its links resolve to. */
export interface RenderRequest {
  readonly markdown: string;
  /** Wikilink targets and the node each resolves to (null: none, or several). */
  readonly links: readonly (readonly [string, LinkTarget | null])[];
  readonly self?: string;
  readonly folder?: string;
}

/**
 * The body rendered, or the targets the request did not resolve: the targets are the
 * text of parsed wikilinks (escapes and entities decoded), which the sender guesses from
 * the source and completes when told.
 */
export type RenderAnswer = { readonly rendered: RenderedMarkdown } | { readonly missing: readonly string[] };

/** A request rendered: what `renderMarkdown` gives with the graph, given the links the graph resolved. */
export function renderRequest(request: RenderRequest): RenderAnswer {
  const links = new Map(request.links);
  const missing = new Set<string>();
  const rendered = renderMarkdown(request.markdown, {
    resolve: (target) => {
      const found = links.get(target);
      if (found === undefined) missing.add(target);
      return found ?? undefined;
    },
    ...(request.self ? { self: request.self } : {}),
    ...(request.folder !== undefined ? { folder: request.folder } : {}),
  });
  return missing.size > 0 ? { missing: [...missing] } : { rendered };
}

parentPort?.on('message', ({ id, request }: { id: number; request: RenderRequest }) => {
  try {
    parentPort?.postMessage({ id, answer: renderRequest(request) });
  } catch (error) {
    parentPort?.postMessage({ id, error: (error as Error).message });
  }
});

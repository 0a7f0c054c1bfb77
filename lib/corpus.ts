import { watch, type FSWatcher } from 'node:fs';
import { resolve } from 'node:path';
import { loadContent } from './content/load';
import { parseDocument } from './content/parse';
import { buildGraph } from './graph/build';
import type { Diagnostic, Graph, ParsedDocument } from './graph/types';

/** The content folder: `TRELLIS_CONTENT_DIR`, else ./content. */
export function contentDir(): string {
  // The comment keeps Next.js's file tracer from taking this for a path into the whole project.
  return resolve(/*turbopackIgnore: true*/ process.env.TRELLIS_CONTENT_DIR || 'content');
}

/** Load, parse and link a content folder: the whole pipeline up to the graph. */
export function readCorpus(dir: string): Graph {
  const loaded = loadContent(dir);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const documents: ParsedDocument[] = [];
  for (const raw of loaded.documents) {
    const { doc, diagnostics: found } = parseDocument(raw);
    diagnostics.push(...found);
    if (doc) documents.push(doc);
  }
  return buildGraph({ documents, diagnostics, fileCount: loaded.fileCount });
}

/*
 * The graph is kept on globalThis, not in a module variable: Next bundles the app's
 * routes and instrumentation.ts (which builds the graph at start-up) separately, and
 * each bundle has its own copy of this module. One process, one graph.
 */
const GRAPH = Symbol.for('trellis.graph');
type Cached = { dir: string; graph: Graph; stale: boolean };
const store = globalThis as { [GRAPH]?: Cached };

/**
 * Whether to rebuild the graph when content changes: in `next dev`, or when
 * TRELLIS_WATCH=1. A production server reads the corpus once and keeps it.
 */
function watching(): boolean {
  return process.env.NODE_ENV === 'development' || process.env.TRELLIS_WATCH === '1';
}

/** One watcher per folder per process, surviving module reloads in development. */
const WATCHERS = Symbol.for('trellis.content-watchers');
type Watched = { [WATCHERS]?: Map<string, FSWatcher> };

function watchContent(dir: string, onChange: () => void): void {
  const registry = ((globalThis as Watched)[WATCHERS] ??= new Map());
  registry.get(dir)?.close();
  try {
    // Any change (a file saved, added, deleted or renamed) marks the graph stale;
    // the next request rebuilds it, so a burst of saves costs one rebuild.
    registry.set(dir, watch(dir, { recursive: true, persistent: false }, onChange));
  } catch {
    // A folder that cannot be watched is simply read once, as in production.
  }
}

/**
 * The graph of the configured content folder, built once per process. Every page,
 * route handler and index starts here; none of them reads files. While developing,
 * a change in the folder makes the next call rebuild it: a file saved half-written
 * shows as that file's error, and the rest of the site stays up.
 */
export function getGraph(): Graph {
  const dir = contentDir();
  const cached = store[GRAPH];
  if (cached?.dir !== dir || cached.stale) {
    const entry: Cached = { dir, graph: readCorpus(dir), stale: false };
    if (watching() && cached?.dir !== dir)
      watchContent(dir, () => {
        const current = store[GRAPH];
        if (current?.dir === dir) current.stale = true;
      });
    store[GRAPH] = entry;
    return entry.graph;
  }
  return cached.graph;
}

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

let cached: { dir: string; graph: Graph } | undefined;

/**
 * The graph of the configured content folder, built once per process. Every page,
 * route handler and index starts here; none of them reads files.
 */
export function getGraph(): Graph {
  const dir = contentDir();
  if (cached?.dir !== dir) cached = { dir, graph: readCorpus(dir) };
  return cached.graph;
}

import { watchingContent } from '../corpus';
import type { Diagnostic, Graph, TrellisNode } from '../graph/types';

/*
 * The writing loop: while content is watched (`npm run dev`, TRELLIS_WATCH=1), a file
 * with a problem says so on its own page and in the terminal as it is saved. A
 * deployed site, which reads its content once, shows readers none of this.
 */


/** The problems of the file a node was made from, in line order; none when content is not watched. */
export function problemsOfNode(graph: Graph, node: TrellisNode): Diagnostic[] {
  if (!watchingContent() || node.file === undefined) return [];
  return graph.diagnostics.filter((d) => d.file === node.file).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

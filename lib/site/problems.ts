import { formatDiagnostic } from '../cli/check';
import type { Diagnostic, Graph, TrellisNode } from '../graph/types';

/*
 * The writing loop: while content is watched (`npm run dev`, TRELLIS_WATCH=1), a file
 * with a problem says so on its own page and in the terminal as it is saved. A
 * deployed site, which reads its content once, shows readers none of this.
 */

/** Whether the server rebuilds the graph as content changes: in `next dev`, or with TRELLIS_WATCH=1. */
export function watchingContent(): boolean {
  return process.env.NODE_ENV === 'development' || process.env.TRELLIS_WATCH === '1';
}

/** The problems of the file a node was made from, in line order; none when content is not watched. */
export function problemsOfNode(graph: Graph, node: TrellisNode): Diagnostic[] {
  if (!watchingContent() || node.file === undefined) return [];
  return graph.diagnostics.filter((d) => d.file === node.file).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/**
 * The lines the terminal shows for files just saved: each problem as `trellis check`
 * prints it, or that the file has none. Files that are not Markdown are left out.
 */
export function savedFileReport(graph: Graph, files: Iterable<string>, contentDir: string): string[] {
  const lines: string[] = [];
  for (const file of new Set(files)) {
    if (!/\.md$/i.test(file)) continue;
    const problems = graph.diagnostics.filter((d) => d.file === file);
    if (problems.length === 0) lines.push(`trellis: ${file} saved: no problems`);
    else for (const d of problems) lines.push(`trellis: ${formatDiagnostic(d, contentDir)}`);
  }
  return lines;
}

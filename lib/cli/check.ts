import { formatDiagnostic } from '../content/diagnostic-format';
import { kindLabel, kindPlural, listDocumentKinds } from '../domain/kinds';
import type { Diagnostic, DocumentKind, Graph } from '../graph/types';

/** What `trellis check` counts, so a reader can see that no file went missing. */
export interface CheckSummary {
  /** Markdown files found in the content folder. */
  readonly files: number;
  /** Files that became document nodes. */
  readonly loaded: number;
  /** Files reported with an error and not turned into a node (binary, empty, outside the kind folders…). */
  readonly notLoaded: number;
  readonly nodes: {
    readonly total: number;
    /** Nodes made from files, by kind. */
    readonly documents: Readonly<Record<DocumentKind, number>>;
    /** Nodes that only exist because something cites them. */
    readonly stubs: number;
    readonly tags: number;
  };
  readonly edges: number;
  readonly errors: number;
  readonly warnings: number;
}

export interface CheckReport {
  /** Every diagnostic, sorted by file then line. */
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: CheckSummary;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Diagnostics sorted by file, then line; problems of the whole corpus (no file)
 * first, and a file's line-less problems before its numbered ones. The sort is
 * stable, so diagnostics on one line keep the order the pipeline found them in.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => compareText(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
}

/** A documents-only count of each kind, for the summary. */
function countByKind(graph: Graph): Record<DocumentKind, number> {
  const counts = Object.fromEntries(listDocumentKinds().map((kind) => [kind, 0])) as Record<DocumentKind, number>;
  for (const node of graph.nodes.values()) {
    if (node.kind !== 'tag' && !node.stub) counts[node.kind]++;
  }
  return counts;
}

/**
 * Checks a built graph: its diagnostics in reading order and the counts of the
 * summary. Every file read must either be a node or be named by an error; a file
 * that is neither was dropped silently, which is itself reported as an error.
 */
export function checkGraph(graph: Graph, more: readonly Diagnostic[] = []): CheckReport {
  const filesWithNodes = new Set<string>();
  let stubs = 0;
  let tags = 0;
  for (const node of graph.nodes.values()) {
    if (node.file !== undefined) filesWithNodes.add(node.file);
    if (node.kind === 'tag') tags++;
    else if (node.stub) stubs++;
  }
  const rejected = new Set<string>();
  for (const d of graph.diagnostics) {
    if (d.severity === 'error' && d.file !== undefined && !filesWithNodes.has(d.file)) rejected.add(d.file);
  }

  // `more`: problems found outside the graph's own build (the topics file).
  const diagnostics = [...graph.diagnostics, ...more];
  const unaccounted = graph.fileCount - filesWithNodes.size - rejected.size;
  if (unaccounted !== 0) {
    diagnostics.push({
      severity: 'error',
      code: 'unaccounted-files',
      message: `${graph.fileCount} files were read but ${filesWithNodes.size} became nodes and ${rejected.size} were reported; ${Math.abs(unaccounted)} ${unaccounted > 0 ? 'went missing' : 'were counted twice'} (a bug in Trellis)`,
    });
  }

  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return {
    diagnostics: sortDiagnostics(diagnostics),
    summary: {
      files: graph.fileCount,
      loaded: filesWithNodes.size,
      notLoaded: rejected.size,
      nodes: { total: graph.nodes.size, documents: countByKind(graph), stubs, tags },
      edges: graph.edges.length,
      errors,
      warnings: diagnostics.length - errors,
    },
  };
}


function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The last line of `trellis check`: files, nodes by kind, edges, problems. */
export function formatSummary(s: CheckSummary): string {
  const kinds = listDocumentKinds();
  const documents = kinds.reduce((n, kind) => n + (s.nodes.documents[kind] ?? 0), 0);
  const byKind = kinds.map((kind) => plural(s.nodes.documents[kind] ?? 0, kindLabel(kind).toLowerCase(), kindPlural(kind).toLowerCase())).join(', ');
  return [
    `${plural(s.files, 'file')} (${s.loaded} loaded, ${s.notLoaded} not loaded)`,
    `${plural(s.nodes.total, 'node')}: ${plural(documents, 'document')} (${byKind}), ${plural(s.nodes.stubs, 'stub')}, ${plural(s.nodes.tags, 'tag')}`,
    plural(s.edges, 'edge'),
    `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`,
  ].join(' · ');
}

export { formatDiagnostic };

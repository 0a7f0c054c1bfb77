/**
 * One benchmark run, in a fresh process: loads, parses and links a content folder
 * the way `readCorpus` does, timing each stage, and prints one line of JSON.
 *
 *   node --import tsx scripts/lib/measure-corpus.ts DIR
 *
 * Run by scripts/bench.ts; a fresh process per run keeps one run's JIT warm-up,
 * heap and caches out of the next.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { loadContent } from '../../lib/content/load';
import { parseDocument } from '../../lib/content/parse';
import { buildGraph } from '../../lib/graph/build';
import type { Diagnostic, ParsedDocument } from '../../lib/graph/types';

/** What one run reports; times in milliseconds, memory in bytes. */
export interface Measurement {
  readonly loadMs: number;
  readonly parseMs: number;
  readonly buildMs: number;
  readonly totalMs: number;
  /** CPU time (user + system) over the three stages, all threads: less disturbed than wall time on a busy machine. */
  readonly cpuMs: number;
  /** Time the main thread spent paused for garbage collection during the three stages. */
  readonly gcMs: number;
  readonly files: number;
  readonly nodes: number;
  readonly stubs: number;
  readonly tags: number;
  readonly edges: number;
  readonly errors: number;
  readonly warnings: number;
  /** Peak resident set size of the process, including Node and tsx themselves. */
  readonly maxRssBytes: number;
}

function measure(dir: string): Omit<Measurement, 'gcMs'> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const loaded = loadContent(dir);
  const t1 = performance.now();
  // The same steps as readCorpus (lib/corpus.ts), split so each stage is timed.
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const documents: ParsedDocument[] = [];
  for (const raw of loaded.documents) {
    const { doc, diagnostics: found } = parseDocument(raw);
    diagnostics.push(...found);
    if (doc) documents.push(doc);
  }
  const t2 = performance.now();
  const graph = buildGraph({ documents, diagnostics, fileCount: loaded.fileCount });
  const t3 = performance.now();
  const { user, system } = process.cpuUsage(cpu);

  let stubs = 0;
  let tags = 0;
  for (const node of graph.nodes.values()) {
    if (node.stub) stubs++;
    if (node.kind === 'tag') tags++;
  }
  return {
    loadMs: t1 - t0,
    parseMs: t2 - t1,
    buildMs: t3 - t2,
    totalMs: t3 - t0,
    cpuMs: (user + system) / 1000,
    files: graph.fileCount,
    nodes: graph.nodes.size,
    stubs,
    tags,
    edges: graph.edges.length,
    errors: graph.diagnostics.filter((d) => d.severity === 'error').length,
    warnings: graph.diagnostics.filter((d) => d.severity === 'warning').length,
    // resourceUsage reports kilobytes.
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

async function main(dir: string): Promise<void> {
  let gcMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  const measured = measure(dir);
  // GC entries arrive asynchronously; let them in before reporting.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  console.log(JSON.stringify({ ...measured, gcMs }));
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node --import tsx scripts/lib/measure-corpus.ts DIR');
  process.exitCode = 2;
} else {
  await main(dir);
}

/**
 * Benchmark of load + parse + graph build on generated corpora.
 *
 *   npm run bench -- [--sizes 1000,10000,50000] [--runs 5] [--seed 1] [--papers-from DIR]
 *
 * For each size, generates one corpus into a temporary folder, then runs
 * scripts/lib/measure-corpus.ts in a fresh Node process per run and prints the
 * median (min–max) of each figure. Without --runs, sizes from 25,000 documents up
 * get 3 runs instead of 5, to keep the whole bench within minutes.
 * A benchmark, not a test: it prints figures and asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, freemem, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCorpus, type GenerateSummary } from './lib/generate';
import { findSharedPapers } from './lib/shared-corpus';
import type { Measurement } from './lib/measure-corpus';

const project = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const measureScript = join(project, 'scripts', 'lib', 'measure-corpus.ts');
const LARGE = 25_000;

interface SizeResult {
  readonly size: number;
  readonly corpus: GenerateSummary;
  readonly generateMs: number;
  readonly runs: readonly Measurement[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const ms = (n: number): string => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number): string => Math.round(bytes / 1048576).toLocaleString('en-US');
const count = (n: number): string => n.toLocaleString('en-US');

/** "median (min–max)" of one figure over the runs. */
function spread(runs: readonly Measurement[], pick: (m: Measurement) => number, format: (n: number) => string): string {
  const values = runs.map(pick);
  return `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** The commit measured, and whether lib/ differs from it: figures belong to a version of the code. */
function codeVersion(): string {
  try {
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--', 'lib').length > 0;
    return `commit ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes in lib/' : ''}`;
  } catch {
    return 'not a git checkout';
  }
}

const load = (): string => loadavg().map((n) => n.toFixed(1)).join(' ');

function measureOnce(dir: string): Measurement {
  const output = execFileSync(process.execPath, ['--import', 'tsx', measureScript, dir], { cwd: project, encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(output.trim().split('\n').pop() ?? '') as Measurement;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,10000,50000' },
      runs: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'papers-from': { type: 'string' },
    },
  });
  const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
  if (sizes.some((s) => !Number.isInteger(s) || s < 3)) throw new Error(`--sizes must be whole numbers of documents, e.g. 1000,10000; got ${values.sizes}`);
  const runsFor = (size: number): number => (values.runs ? Number(values.runs) : size >= LARGE ? 3 : 5);
  const papersFrom = values['papers-from'] ?? findSharedPapers();

  const root = mkdtempSync(join(tmpdir(), 'trellis-bench-'));
  const cleanUp = (): void => rmSync(root, { recursive: true, force: true });
  process.on('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  const results: SizeResult[] = [];
  const loadBefore = load();
  let baseline: Measurement;
  try {
    // Node + tsx + the pipeline's modules on an empty folder: the floor under every RSS figure.
    const empty = join(root, 'empty');
    mkdirSync(empty);
    baseline = measureOnce(empty);
    for (const size of sizes) {
      const dir = join(root, String(size));
      const started = performance.now();
      const corpus = generateCorpus({ out: dir, nodes: size, seed: values.seed, ...(papersFrom ? { papersFrom } : {}) });
      const generateMs = performance.now() - started;
      const runs: Measurement[] = [];
      for (let i = 0; i < runsFor(size); i++) {
        const m = measureOnce(dir);
        runs.push(m);
        process.stderr.write(`  ${count(size)} documents, run ${i + 1}: ${ms(m.totalMs)} ms, ${mb(m.maxRssBytes)} MB\n`);
      }
      results.push({ size, corpus, generateMs, runs });
      // Free the disk as we go: the 50k corpus alone is about 300 MB.
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    cleanUp();
  }

  const cpu = cpus();
  console.log('# Trellis bench: load + parse + graph build\n');
  console.log(`machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM (${(freemem() / 2 ** 30).toFixed(1)} GB free), ${type()} ${release()}, Node ${process.version}`);
  console.log(`code: ${codeVersion()}`);
  console.log(`load average (1, 5, 15 min): ${loadBefore} before, ${load()} after; wall times on a shared machine vary with it, CPU times less so`);
  console.log(`corpus: generated with seed ${values.seed}; papers ${papersFrom ? `copied from ${papersFrom}, varied when more are needed` : 'made up (rpa2-shaped)'}`);
  console.log(`runs: one fresh process each (node --import tsx scripts/lib/measure-corpus.ts DIR), files in the page cache`);
  console.log(`baseline: node + tsx + pipeline modules on an empty folder peak at ${mb(baseline.maxRssBytes)} MB RSS\n`);

  console.log('## Corpora\n');
  console.log(
    table(
      ['documents', 'notes / inquiring lines / papers', 'papers copied / varied / made up', 'MB on disk', 'graph nodes (incl. stubs, tags)', 'stubs', 'tags', 'edges', 'errors', 'warnings', 'generated in'],
      results.map(({ size, corpus, generateMs, runs }) => {
        const first = runs[0];
        const { copied, variants, synthetic } = corpus.papers;
        return [
          count(size),
          `${count(corpus.notes)} / ${count(corpus.inquiries)} / ${count(copied + variants + synthetic)}`,
          `${count(copied)} / ${count(variants)} / ${count(synthetic)}`,
          mb(corpus.bytes),
          count(first?.nodes ?? 0),
          count(first?.stubs ?? 0),
          count(first?.tags ?? 0),
          count(first?.edges ?? 0),
          count(first?.errors ?? 0),
          count(first?.warnings ?? 0),
          `${(generateMs / 1000).toFixed(1)} s`,
        ];
      }),
    ),
  );

  console.log('\n## Time and memory: median (min–max)\n');
  console.log(
    table(
      ['documents', 'runs', 'load ms', 'parse ms', 'build ms', 'total ms', 'CPU ms', 'GC pause ms', 'peak RSS MB'],
      results.map(({ size, runs }) => [
        count(size),
        String(runs.length),
        spread(runs, (m) => m.loadMs, ms),
        spread(runs, (m) => m.parseMs, ms),
        spread(runs, (m) => m.buildMs, ms),
        spread(runs, (m) => m.totalMs, ms),
        spread(runs, (m) => m.cpuMs, ms),
        spread(runs, (m) => m.gcMs, ms),
        spread(runs, (m) => m.maxRssBytes, mb),
      ]),
    ),
  );

  const smallest = results[0];
  const perK = (r: SizeResult, pick: (m: Measurement) => number): number => median(r.runs.map(pick)) / (r.size / 1000);
  console.log(`\n## Cost per 1,000 documents (median ms); linear growth keeps these flat\n`);
  console.log(
    table(
      ['documents', 'load', 'parse', 'build', 'total', 'CPU', 'GC pause', 'peak RSS MB over baseline', `total vs ${smallest ? count(smallest.size) : '—'}`, `CPU vs ${smallest ? count(smallest.size) : '—'}`],
      results.map((r) => {
        const ratio = (pick: (m: Measurement) => number): string => `×${(perK(r, pick) / (smallest ? perK(smallest, pick) : perK(r, pick))).toFixed(2)}`;
        return [
          count(r.size),
          ms(perK(r, (m) => m.loadMs)),
          ms(perK(r, (m) => m.parseMs)),
          ms(perK(r, (m) => m.buildMs)),
          ms(perK(r, (m) => m.totalMs)),
          ms(perK(r, (m) => m.cpuMs)),
          ms(perK(r, (m) => m.gcMs)),
          ms(perK(r, (m) => m.maxRssBytes - baseline.maxRssBytes) / 1048576),
          ratio((m) => m.totalMs),
          ratio((m) => m.cpuMs),
        ];
      }),
    ),
  );
  console.log('\ntargets: 10k documents loaded, parsed and linked in under 5 s with peak RSS under 1 GB; cost per 1k flat from 1k to 50k');
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}

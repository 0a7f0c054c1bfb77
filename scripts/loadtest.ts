/**
 * Load test of the production server: pages and JSON under concurrent requests.
 *
 *   npm run loadtest -- [--scenarios seed,10k] [--requests 20000] [--connections 64]
 *                       [--time-limit 300] [--papers-from DIR] [--keep-corpus DIR]
 *
 * For each scenario (the seed corpus content/, and a generated corpus of 10,000
 * documents), starts the app the way `npm start` does (server/start.mjs builds it
 * when the build is missing or stale; TRELLIS_DIST_DIR picks the build folder) on
 * loopback, warms it up, then drives it with autocannon: --requests requests over
 * --connections connections, cut short at --time-limit seconds, cycling through a
 * mix of note, inquiring-line and paper pages, /api/search and /api/neighbourhood
 * (the API routes that exist in this checkout). Each kind is then measured on its
 * own, at the same concurrency and at one connection (the time one request takes
 * with no queue). Prints requests/s, latency percentiles, errors, non-2xx and 5xx
 * counts, and the RSS of the server process before and after the main run.
 * A benchmark, not a test: it prints figures and asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readCorpus } from '../lib/corpus';
import type { Graph, NodeKind, TrellisNode } from '../lib/graph/types';
import { generateCorpus } from './lib/generate';
import type { AutocannonOptions } from './lib/load-run';
import { descendants, freePort } from './lib/server-process';
import { findSharedPapers } from './lib/shared-corpus';

const project = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// --- autocannon, typed for what this script uses (the package ships no types) ---

interface Histogram {
  readonly average: number;
  readonly mean: number;
  readonly p50: number;
  readonly p97_5: number;
  readonly p99: number;
  readonly max: number;
}
interface AutocannonResult {
  readonly requests: Histogram & { readonly total: number; readonly sent: number };
  readonly latency: Histogram;
  readonly throughput: Histogram;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly resets: number;
  readonly duration: number;
  readonly statusCodeStats: Readonly<Record<string, { readonly count: number }>>;
}
interface AutocannonInstance {
  stop(): void;
}
type Autocannon = (options: AutocannonOptions, done: (error: Error | null, result: AutocannonResult) => void) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

// --- the server ---

interface Server {
  readonly origin: string;
  readonly process: ChildProcess;
  /** The server process (server/server.mjs), whose memory is measured. */
  readonly serverPid: number;
  stop(): Promise<void>;
}


const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));


function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
}

/** A field of /proc/<pid>/status in bytes (VmRSS, VmHWM). */
function memoryOf(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
  return Number(kb) * 1024;
}

/** Starts `node server/start.mjs` on a free loopback port against `contentDir`, building first when needed. */
async function startServer(contentDir: string): Promise<Server> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [join(project, 'server', 'start.mjs'), '--hostname', '127.0.0.1'], {
    cwd: project,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), TRELLIS_CONTENT_DIR: contentDir, NODE_ENV: 'production' },
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    output.push(chunk.toString());
    if (/running `next build`/.test(chunk.toString())) process.stderr.write('  building the app first (the build is missing or stale)…\n');
  });
  const stop = async (): Promise<void> => {
    if (child.pid === undefined || child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The whole group is gone.
    }
  };
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (code ${child.exitCode}):\n${output.join('').slice(-4000)}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer within 15 minutes:\n${output.join('').slice(-4000)}`);
    }
    try {
      const response = await fetch(`${origin}/`, { signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    await sleep(500);
  }
  // server/start.mjs runs the server in a child process (server/server.mjs, titled
  // trellis-server; `next start` titles its own next-server): measure that one.
  const tree = [child.pid as number, ...descendants(child.pid as number)];
  const serverPid = tree.find((pid) => /trellis-server|scripts\/server\.mjs|next-server/.test(commandLine(pid))) ?? tree.at(-1) ?? (child.pid as number);
  return { origin, process: child, serverPid, stop };
}

// --- what to request ---

type Kind = 'note page' | 'inquiring-line page' | 'paper page' | 'search API' | 'neighbourhood API';

/** Spread picks: `count` items from across the list, not only its start. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)] as T);
}

/** Up to `count` nodes of a kind, documents first, then stubs when the corpus has few documents. */
function pagesOf(graph: Graph, kind: NodeKind, count: number): string[] {
  const nodes = [...graph.nodes.values()].filter((n) => n.kind === kind);
  const documents = nodes.filter((n) => !n.stub);
  const picked: TrellisNode[] = spread(documents, count);
  if (picked.length < Math.min(10, count)) picked.push(...spread(nodes.filter((n) => n.stub), Math.min(10, count) - picked.length));
  return picked.map((n) => n.url);
}

/** Search words: a long word of each of a spread of titles. */
function searchTerms(graph: Graph, count: number): string[] {
  const titles = spread([...graph.nodes.values()].filter((n) => !n.stub && n.kind !== 'tag').map((n) => n.title), count * 2);
  const words = titles.map((t) => t.split(/\W+/).find((w) => w.length > 5)?.toLowerCase()).filter((w): w is string => Boolean(w));
  return [...new Set(words)].slice(0, count);
}

const hasApi = (name: string) => existsSync(join(project, 'app', 'api', name, 'route.ts'));

function targetsOf(graph: Graph): { byKind: Map<Kind, string[]>; skipped: string[] } {
  const byKind = new Map<Kind, string[]>([
    ['note page', pagesOf(graph, 'note', 50)],
    ['inquiring-line page', pagesOf(graph, 'inquiry', 50)],
    ['paper page', pagesOf(graph, 'paper', 50)],
  ]);
  const skipped: string[] = [];
  if (hasApi('search')) byKind.set('search API', searchTerms(graph, 25).map((q) => `/api/search/?q=${encodeURIComponent(q)}`));
  else skipped.push('/api/search (no app/api/search/route.ts)');
  if (hasApi('neighbourhood')) byKind.set('neighbourhood API', pagesOf(graph, 'note', 50).map((id) => `/api/neighbourhood/?id=${encodeURIComponent(id)}`));
  else skipped.push('/api/neighbourhood (no app/api/neighbourhood/route.ts)');
  for (const [kind, paths] of byKind) if (paths.length === 0) byKind.delete(kind);
  return { byKind, skipped };
}

/** The kinds' paths interleaved, so that the mix asks for each kind in turn. */
function interleave(lists: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  const longest = Math.max(...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const list of lists) out.push(list[i % list.length] as string);
  return out;
}

// --- running autocannon ---

interface Run {
  readonly label: string;
  readonly result: AutocannonResult;
  readonly stoppedByTime: boolean;
  readonly fiveXx: number;
}

function runAutocannon(origin: string, paths: readonly string[], connections: number, amount: number, timeLimitS: number, label: string): Promise<Run> {
  let next = 0;
  return new Promise((done, fail) => {
    let stoppedByTime = false;
    const instance = autocannon(
      {
        url: origin,
        connections,
        amount,
        timeout: 30,
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] as string }) }],
      },
      (error, result) => {
        clearTimeout(timer);
        if (error) fail(error);
        else {
          const fiveXx = Object.entries(result.statusCodeStats)
            .filter(([code]) => code.startsWith('5'))
            .reduce((sum, [, s]) => sum + s.count, 0);
          done({ label, result, stoppedByTime: stoppedByTime && result.requests.total < amount, fiveXx });
        }
      },
    );
    const timer = setTimeout(() => {
      stoppedByTime = true;
      instance.stop();
    }, timeLimitS * 1000);
  });
}

/** Requests every path once, one at a time: renders and caches what each page needs before anything is timed. */
async function warmUp(origin: string, paths: readonly string[]): Promise<{ failures: string[] }> {
  const failures: string[] = [];
  for (const path of new Set(paths)) {
    const response = await fetch(`${origin}${path}`, { redirect: 'manual' });
    await response.arrayBuffer();
    if (response.status !== 200) failures.push(`${response.status} ${path}`);
  }
  return { failures };
}

// --- the report ---

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number): string => (bytes / 1048576).toFixed(0);
const fixed = (n: number): string => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function runRow(run: Run, connections: number): string[] {
  const r = run.result;
  const codes = Object.entries(r.statusCodeStats)
    .map(([code, s]) => `${code}: ${count(s.count)}`)
    .join(', ');
  return [
    run.label,
    String(connections),
    `${count(r.requests.total)}${run.stoppedByTime ? ' (time limit)' : ''}`,
    fixed(r.requests.average),
    fixed(r.latency.p50),
    fixed(r.latency.p97_5),
    fixed(r.latency.p99),
    fixed(r.latency.max),
    count(r.errors + r.timeouts),
    count(r.non2xx),
    count(run.fiveXx),
    codes,
  ];
}

const RUN_HEADER = ['requests', 'connections', 'completed', 'req/s', 'p50 ms', 'p97.5 ms', 'p99 ms', 'max ms', 'errors + timeouts', 'non-2xx', '5xx', 'status codes'];

interface ScenarioReport {
  readonly name: string;
  readonly summary: string;
  readonly main: Run;
  readonly perKind: readonly Run[];
  readonly single: readonly Run[];
  readonly rss: { before: number; after: number; peak: number; settled: number };
  readonly serverCommand: string;
  readonly warmUpFailures: readonly string[];
  readonly skipped: readonly string[];
}

async function runScenario(name: string, contentDir: string, options: { requests: number; connections: number; timeLimit: number }): Promise<ScenarioReport> {
  process.stderr.write(`\n${name}: reading ${contentDir}\n`);
  const graph = readCorpus(contentDir);
  const documents = [...graph.nodes.values()].filter((n) => !n.stub && n.kind !== 'tag').length;
  const summary = `${count(documents)} documents, ${count(graph.nodes.size)} nodes, ${count(graph.edges.length)} edges`;
  const { byKind, skipped } = targetsOf(graph);
  const mix = interleave([...byKind.values()]);

  const server = await startServer(contentDir);
  try {
    process.stderr.write(`  server ${server.origin}, server pid ${server.serverPid}; warming up ${new Set(mix).size} URLs\n`);
    const { failures } = await warmUp(server.origin, mix);
    // A short burst at full concurrency as well: JIT, sockets and caches settle before the figures.
    await runAutocannon(server.origin, mix, options.connections, Math.min(2000, options.requests), Math.min(30, options.timeLimit), 'warm-up');
    const before = memoryOf(server.serverPid, 'VmRSS');

    process.stderr.write(`  main run: ${count(options.requests)} requests over ${options.connections} connections\n`);
    const main = await runAutocannon(server.origin, mix, options.connections, options.requests, options.timeLimit, `mix of the ${byKind.size} kinds below, in turn`);
    const after = memoryOf(server.serverPid, 'VmRSS');
    const peak = memoryOf(server.serverPid, 'VmHWM');
    await sleep(5000);
    const settled = memoryOf(server.serverPid, 'VmRSS');

    const perKind: Run[] = [];
    const single: Run[] = [];
    // Each kind on its own: a tenth of the main run (at most a fifth of its time), then 200 requests one at a time.
    const share = Math.max(500, Math.round(options.requests / 10));
    const shareTime = Math.max(30, Math.round(options.timeLimit / 5));
    for (const [kind, paths] of byKind) {
      process.stderr.write(`  ${kind}: ${count(share)} requests over ${options.connections} connections, then 200 over 1\n`);
      perKind.push(await runAutocannon(server.origin, paths, options.connections, share, shareTime, kind));
      single.push(await runAutocannon(server.origin, paths, 1, 200, shareTime, kind));
    }
    // The server keeps API answers marked public, so the searches above repeat from memory after
    // the warm-up. Searches never asked before, each URL new, measure the search itself.
    const searches = byKind.get('search API');
    if (searches) {
      const fresh = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `${searches[i % searches.length] as string}&fresh=${tag}${i}`);
      const label = 'search API, every URL new (not cached)';
      process.stderr.write(`  ${label}: ${count(share)} requests over ${options.connections} connections, then 200 over 1\n`);
      perKind.push(await runAutocannon(server.origin, fresh('c', share), options.connections, share, shareTime, label));
      single.push(await runAutocannon(server.origin, fresh('s', 200), 1, 200, shareTime, label));
    }
    return { name, summary, main, perKind, single, rss: { before, after, peak, settled }, serverCommand: commandLine(server.serverPid), warmUpFailures: failures, skipped };
  } finally {
    await server.stop();
  }
}

function printReport(reports: readonly ScenarioReport[], options: { requests: number; connections: number; timeLimit: number }, loadBefore: string): void {
  const cpu = cpus();
  const out: string[] = [];
  out.push('## Load', '');
  const loadAfter = loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
  out.push(
    `Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${type()} ${release()}, Node ${process.version}. ` +
      `Load average (1, 5, 15 min) before: ${loadBefore}; after: ${loadAfter} (a shared machine: other work ran alongside).`,
  );
  out.push(`Command: \`TRELLIS_DIST_DIR=${process.env.TRELLIS_DIST_DIR ?? '.next'} npm run loadtest -- --requests ${options.requests} --connections ${options.connections} --time-limit ${options.timeLimit}\``);
  out.push(
    'Production server (server/start.mjs: the Next.js handler behind server/server.mjs, which keeps rendered pages in memory) on 127.0.0.1, autocannon in the same machine (so client and server share the 2 cores). ' +
      'Each URL requested once, then 2,000 requests at full concurrency (at most 30 s), before anything is measured. ' +
      'Rows: the main run (the mix), each kind alone at the same concurrency (a tenth of the requests), each kind at one connection (no queue: the time one request takes).',
    '',
  );
  for (const report of reports) {
    out.push(`### ${report.name}: ${report.summary}`, '');
    out.push(table(RUN_HEADER, [runRow(report.main, options.connections), ...report.perKind.map((r) => runRow(r, options.connections)), ...report.single.map((r) => runRow(r, 1))]));
    const { before, after, peak, settled } = report.rss;
    const change = ((after - before) / before) * 100;
    out.push(
      '',
      `Server RSS (/proc VmRSS): ${mb(before)} MB before the main run, ${mb(after)} MB after (${change >= 0 ? '+' : ''}${change.toFixed(1)}%), ${mb(settled)} MB 5 s later; peak (VmHWM) ${mb(peak)} MB.`,
    );
    if (report.warmUpFailures.length) out.push('', `Warm-up answers other than 200: ${report.warmUpFailures.slice(0, 5).join('; ')}`);
    if (report.skipped.length) out.push('', `Skipped: ${report.skipped.join('; ')}.`);
    out.push('');
  }
  console.log(out.join('\n'));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenarios: { type: 'string', default: 'seed,10k' },
      requests: { type: 'string', default: '20000' },
      connections: { type: 'string', default: '64' },
      'time-limit': { type: 'string', default: '300' },
      'papers-from': { type: 'string' },
      'keep-corpus': { type: 'string' },
    },
  });
  const options = { requests: Number(values.requests), connections: Number(values.connections), timeLimit: Number(values['time-limit']) };
  if (![options.requests, options.connections, options.timeLimit].every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error('--requests, --connections and --time-limit must be positive whole numbers');
  }
  const loadBefore = loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
  const reports: ScenarioReport[] = [];
  for (const scenario of values.scenarios.split(',').map((s) => s.trim())) {
    if (scenario === 'seed') {
      reports.push(await runScenario('Seed corpus (content/)', join(project, 'content'), options));
    } else if (/^\d+k$/.test(scenario)) {
      const nodes = Number(scenario.slice(0, -1)) * 1000;
      const dir = values['keep-corpus'] ? resolve(values['keep-corpus']) : join(tmpdir(), `trellis-loadtest-${scenario}`);
      const papersFrom = values['papers-from'] ?? findSharedPapers();
      if (!existsSync(join(dir, 'notes'))) {
        process.stderr.write(`generating ${count(nodes)} documents into ${dir}…\n`);
        generateCorpus({ out: dir, nodes, seed: 1, ...(papersFrom ? { papersFrom } : {}) });
      }
      try {
        reports.push(await runScenario(`Generated corpus, ${count(nodes)} documents (seed 1${papersFrom ? ', rpa2 papers from the shared sample' : ''})`, dir, options));
      } finally {
        if (!values['keep-corpus']) rmSync(dir, { recursive: true, force: true });
      }
    } else {
      throw new Error(`unknown scenario "${scenario}": use seed, or a size such as 10k`);
    }
  }
  printReport(reports, options, loadBefore);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});

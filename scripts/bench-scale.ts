/**
 * The whole collection on one machine (issue 11): the production server started as
 * a user starts it, on a large corpus, timed and measured from outside.
 *
 *   npm run bench:scale -- --corpus DIR | --docs 52000
 *                          [--only start,load,watch,sizes] [--duration 30] [--connections 64]
 *                          [--restarts 1] [--ready-timeout 600]
 *
 * Runs (each a fresh server process, `npm start`'s command read from package.json):
 *  1. no store yet (TRELLIS_STORE_DIR a new empty folder): start-up, the largest
 *     responses, then warm-up (reading the sitemaps and a few pages to find URLs) and load;
 *  2. restart on the same content and store: start-up only (--restarts times);
 *  3. TRELLIS_WATCH=1: a paper's title edited on disk, until its page shows it.
 * Peak RSS of the whole process tree is sampled every 250 ms throughout. Prints a
 * table with the targets beside the figures; asserts nothing. Every process it
 * starts is stopped at the end, on an error and on Ctrl-C, and the edited file is
 * put back.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { scanCorpus, type CorpusScan } from './lib/corpus-scan';
import { generateCorpus } from './lib/generate';
import { runLoad, type LoadRun } from './lib/load-run';
import { fetchSized, getText, linkedPaths, sitemapPaths, sleep, waitFor200, type Readiness, type Sized } from './lib/http-probe';
import { readStartCommand, spawnServer, stopAllServers, type RssPeak, type ServerRun } from './lib/server-process';
import { findSharedPapers, projectRoot } from './lib/shared-corpus';

const SCENARIOS = ['start', 'load', 'watch', 'sizes'] as const;
type Scenario = (typeof SCENARIOS)[number];

interface Options {
  readonly only: ReadonlySet<Scenario>;
  readonly duration: number;
  readonly connections: number;
  readonly restarts: number;
  readonly readyTimeoutS: number;
}

// --- formatting ---

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const secs = (s: number | undefined): string => (s === undefined ? '–' : s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`);
const mib = (bytes: number): string => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GiB` : `${(bytes / 2 ** 20).toFixed(0)} MiB`);
const size = (bytes: number): string => (bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`);
const median = (values: readonly number[]): number | undefined => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? (sorted[Math.floor((sorted.length - 1) / 2)] as number) : undefined;
};
const load = (): string =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
const log = (text: string): void => void process.stderr.write(`${text}\n`);

/** Temporary folders this bench made (stores, an empty corpus): removed at the end, also on Ctrl-C. */
const tempDirs = new Set<string>();
function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}
function removeTempDirs(): void {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

// --- the corpus and the build ---

function resolveCorpus(corpus: string | undefined, docs: string | undefined): string {
  if (corpus) {
    const dir = resolve(corpus);
    if (!existsSync(dir)) throw new Error(`${dir} does not exist; give a content folder, or --docs N to generate one`);
    return dir;
  }
  const nodes = Number(docs);
  if (!Number.isInteger(nodes) || nodes < 100) throw new Error('give --corpus DIR or --docs N (N ≥ 100)');
  const dir = join(tmpdir(), `corpus-${nodes >= 1000 && nodes % 1000 === 0 ? `${nodes / 1000}k` : nodes}`);
  if (existsSync(join(dir, 'papers'))) return dir;
  const papersFrom = findSharedPapers();
  log(`generating ${count(nodes)} documents (collection shape, seed 1${papersFrom ? ', real papers from ../shared' : ', papers made up'}) into ${dir}…`);
  const started = performance.now();
  generateCorpus({ out: dir, nodes, seed: 1, shape: 'collection', ...(papersFrom ? { papersFrom } : {}) });
  log(`  generated in ${secs((performance.now() - started) / 1000)}`);
  return dir;
}

/**
 * Starts the server once on an empty folder and stops it when it answers: the start
 * command builds the app when its build is missing or stale, and no timed run
 * should pay for that.
 */
async function prepareBuild(): Promise<void> {
  const empty = makeTempDir('trellis-scale-empty-');
  mkdirSync(join(empty, 'notes'));
  const store = makeTempDir('trellis-scale-store-');
  log('preparing: starting the server once on an empty folder (builds the app if needed)…');
  const started = performance.now();
  const run = await spawnServer(projectRoot, { TRELLIS_CONTENT_DIR: empty, TRELLIS_STORE_DIR: store });
  try {
    const ready = await waitFor200(`${run.origin}/`, run.spawnedAt, performance.now() + 15 * 60_000, () => run.child.exitCode !== null);
    if (ready.seconds === undefined) throw new Error(`the server did not serve an empty folder within 15 minutes:\n${run.tail()}`);
    log(`  ready in ${secs((performance.now() - started) / 1000)}`);
  } finally {
    await run.stop();
    removeTempDirs();
  }
}

// --- start-up ---

interface StartFigures {
  readonly label: string;
  readonly listening?: number;
  readonly paper: Readiness;
  readonly note?: Readiness;
  readonly search: Readiness;
  readonly health: { first?: string; last?: string; status: number };
  readonly rss: RssPeak;
  readonly exit?: string;
}

const exited = (run: ServerRun): boolean => run.child.exitCode !== null || run.child.signalCode !== null;

/** Whether the server accepts a TCP connection: listening, even if it cannot answer yet. */
function accepts(origin: string): Promise<boolean> {
  const { hostname, port } = new URL(origin);
  return new Promise((done) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.setTimeout(1000, () => socket.destroy());
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
  });
}

/** What /api/health/ says, polled alongside until `done()`: its first and last answers. */
async function pollHealth(run: ServerRun, done: () => boolean): Promise<StartFigures['health']> {
  const health: { first?: string; last?: string; status: number } = { status: 0 };
  while (!done() && !exited(run)) {
    try {
      const response = await fetch(`${run.origin}/api/health/`, { signal: AbortSignal.timeout(5000) });
      const text = (await response.text()).replace(/\s+/g, ' ').slice(0, 300);
      health.status = response.status;
      if (response.status !== 404) {
        health.first ??= text;
        health.last = text;
      }
    } catch {
      // Not listening yet, or busy.
    }
    await sleep(250);
  }
  return health;
}

/** Times from spawn to the first answer, the first paper and note pages and search answering 200. */
async function measureStart(label: string, run: ServerRun, pages: { paper: string; note?: string }, options: Options): Promise<StartFigures> {
  const deadline = run.spawnedAt + options.readyTimeoutS * 1000;
  const stopped = (): boolean => exited(run);
  let listening: number | undefined;
  const listen = (async () => {
    while (listening === undefined && !stopped() && performance.now() < deadline) {
      if (await accepts(run.origin)) listening = (performance.now() - run.spawnedAt) / 1000;
      else await sleep(100);
    }
  })();
  let finished = false;
  const health = pollHealth(run, () => finished);
  const [paper, note, search] = await Promise.all([
    waitFor200(`${run.origin}${pages.paper}`, run.spawnedAt, deadline, stopped),
    pages.note ? waitFor200(`${run.origin}${pages.note}`, run.spawnedAt, deadline, stopped) : undefined,
    waitFor200(`${run.origin}/api/search/?q=reasoning`, run.spawnedAt, deadline, stopped),
  ]);
  finished = true;
  await listen;
  const lastHealth = await health;
  // Once ready, what health says then (the polls while starting may all have waited in vain).
  const final = exited(run)
    ? undefined
    : await fetch(`${run.origin}/api/health/`, { signal: AbortSignal.timeout(10_000) })
        .then(async (response) => ({ status: response.status, text: await response.text() }))
        .catch(() => undefined);
  if (final) lastHealth.status = final.status;
  if (final && final.status !== 404) lastHealth.last = final.text.replace(/\s+/g, ' ').slice(0, 300);
  const figures: StartFigures = { label, paper, ...(note ? { note } : {}), search, health: lastHealth, rss: { ...run.rss.overall }, ...(listening !== undefined ? { listening } : {}) };
  return exited(run) ? { ...figures, exit: await describeExit(run) } : figures;
}

async function describeExit(run: ServerRun): Promise<string> {
  const { code, signal, afterS } = await run.exited;
  const before = run.rss.recent();
  const fatal = run.fatal();
  return (
    `the server exited (${signal ?? `code ${code}`}) ${secs(afterS)} after spawn, during ${run.rss.phase}; RSS in its last 2 s ${mib(before.largest)} (largest process), ${mib(before.sum)} (tree).` +
    `${fatal ? ` It said: \`${fatal.trim()}\`.` : ''} Its last lines:\n\n    ${run.tail(6).split('\n').join('\n    ')}`
  );
}

// --- warm-up: which URLs to load ---

const KIND_FOLDERS = ['papers', 'notes', 'inquiring-lines'] as const;
type PoolKind = 'paper' | 'note' | 'inquiring line' | 'tag' | 'stub';

/** Spread picks: `n` items from across a list, not only its start. */
function spread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)] as T);
}

/**
 * URLs never requested before, by kind: documents from the sitemaps, tags from the
 * tag index, stubs from the links of a few note and inquiring-line pages (those
 * pages are then left out, having been asked for).
 */
async function discoverPools(run: ServerRun, asked: Set<string>): Promise<{ pools: Map<PoolKind, string[]> }> {
  const { paths } = await sitemapPaths(run.origin, 120_000);
  const byFolder = new Map<string, string[]>(KIND_FOLDERS.map((f) => [f, []]));
  for (const path of paths) {
    const [folder, slug, extra] = path.split('/').filter(Boolean);
    if (slug && !extra) byFolder.get(folder as string)?.push(path);
  }
  const tagIndex = (await getText(`${run.origin}/tags/`, 120_000)) ?? '';
  const tags = linkedPaths(tagIndex).filter((p) => /^\/tags\/[^/]+\/$/.test(p));
  const published = new Set(paths);
  const stubs = new Set<string>();
  const probes = [...spread(byFolder.get('notes') ?? [], 24), ...spread(byFolder.get('inquiring-lines') ?? [], 8)];
  for (let i = 0; i < probes.length; i += 4) {
    const pages = await Promise.all(probes.slice(i, i + 4).map((p) => getText(`${run.origin}${p}`, 60_000)));
    probes.slice(i, i + 4).forEach((p) => asked.add(p));
    for (const html of pages) {
      for (const path of linkedPaths(html ?? '')) {
        const [folder, slug, extra] = path.split('/').filter(Boolean);
        if (slug && !extra && (KIND_FOLDERS as readonly string[]).includes(folder as string) && !published.has(path)) stubs.add(path);
      }
    }
  }
  const fresh = (list: readonly string[]): string[] => list.filter((p) => !asked.has(p));
  const pools = new Map<PoolKind, string[]>([
    ['paper', fresh(byFolder.get('papers') ?? [])],
    ['note', fresh(byFolder.get('notes') ?? [])],
    ['inquiring line', fresh(byFolder.get('inquiring-lines') ?? [])],
    ['tag', spread(fresh(tags), 2000)],
    ['stub', fresh([...stubs])],
  ]);
  return { pools };
}

/** One list cycling through the kinds (5 papers, 2 notes, then one of each other kind), each URL once. */
function mixPools(pools: ReadonlyMap<PoolKind, readonly string[]>, max: number): string[] {
  const pattern: PoolKind[] = ['paper', 'note', 'paper', 'inquiring line', 'paper', 'tag', 'paper', 'note', 'paper', 'stub'];
  const next = new Map<PoolKind, number>();
  const out: string[] = [];
  while (out.length < max) {
    let added = false;
    for (const kind of pattern) {
      const list = pools.get(kind) ?? [];
      const i = next.get(kind) ?? 0;
      if (i >= list.length) continue;
      out.push(list[i] as string);
      next.set(kind, i + 1);
      added = true;
    }
    if (!added) break;
  }
  return out.slice(0, max);
}

// --- the largest responses ---

async function measureSizes(run: ServerRun, scan: CorpusScan, sitemapFiles: readonly string[]): Promise<Sized[]> {
  const biggestTag = scan.topTags[0]?.[0];
  const tagPath = biggestTag ? `/tags/${encodeURIComponent(biggestTag.toLowerCase().replace(/[^a-z0-9]+/g, '-'))}/` : undefined;
  const paths = [...new Set([...(tagPath ? [tagPath] : []), '/api/graph/', '/sitemap.xml', ...sitemapFiles, '/', '/papers/', '/notes/', '/inquiring-lines/', '/tags/'])];
  const sized: Sized[] = [];
  for (const path of paths) {
    if (exited(run)) break;
    log(`  ${path}`);
    sized.push(await fetchSized(run.origin, path, 120_000));
  }
  return sized;
}

// --- the edit under TRELLIS_WATCH=1 ---

interface EditFigures {
  readonly seconds: (number | undefined)[];
  readonly note?: string;
}

let restoreEdit: (() => void) | undefined;

/** Changes the paper's title `times` times, each time until its page shows the new one (at most 120 s). */
async function measureEdits(run: ServerRun, file: string, page: string, times: number): Promise<EditFigures> {
  const original = readFileSync(file, 'utf8');
  restoreEdit = () => writeFileSync(file, original);
  const seconds: (number | undefined)[] = [];
  try {
    for (let i = 0; i < times && !exited(run); i++) {
      const marker = `Scalebench${Date.now().toString(36)}${i}`;
      writeFileSync(file, original.replace(/^title: (.*)$/m, (_, title: string) => `title: ${JSON.stringify(`${title.replace(/^['"]|['"]$/g, '')} ${marker}`)}`));
      const started = performance.now();
      let seen: number | undefined;
      while (seen === undefined && performance.now() - started < 120_000 && !exited(run)) {
        const html = await getText(`${run.origin}${page}`, 120_000);
        if (html?.includes(marker)) seen = (performance.now() - started) / 1000;
        else await sleep(100);
      }
      seconds.push(seen);
      writeFileSync(file, original);
      // Slow rebuilds: one edit says enough, and each costs a full rebuild.
      if (seen === undefined || seen > 10) break;
      await sleep(1000);
    }
  } finally {
    writeFileSync(file, original);
    restoreEdit = undefined;
  }
  return { seconds };
}

// --- runs ---

interface Report {
  start: StartFigures[];
  phases?: ReadonlyMap<string, RssPeak>;
  overall?: RssPeak;
  load?: { uncached: LoadRun; cached: LoadRun; mix: string; settledS?: number };
  sizes?: Sized[];
  edits?: EditFigures & { start?: StartFigures };
  notes: string[];
}

function pagesOf(scan: CorpusScan): { paper: string; note?: string } {
  const paper = `/papers/${(scan.editable?.arxivId ?? 'none').toLowerCase().replace('/', '-')}/`;
  const stem = scan.noteFile?.split('/').pop()?.replace(/\.md$/, '');
  return { paper, ...(stem ? { note: `/notes/${stem}/` } : {}) };
}

/** Seconds from spawn until /api/health/ says every part is ready (topics included); undefined if it never does before the deadline. */
async function waitAllReady(run: ServerRun, options: Options): Promise<number | undefined> {
  const deadline = run.spawnedAt + options.readyTimeoutS * 1000;
  while (performance.now() < deadline && !exited(run)) {
    const body = await fetch(`${run.origin}/api/health/`, { signal: AbortSignal.timeout(5000) })
      .then((response) => response.json() as Promise<{ tasks?: Record<string, { ready: boolean }> }>)
      .catch(() => undefined);
    const tasks = Object.values(body?.tasks ?? {});
    if (tasks.length > 0 && tasks.every((t) => t.ready)) return (performance.now() - run.spawnedAt) / 1000;
    await sleep(500);
  }
  return undefined;
}

/** Run 1: no store yet; start, then the largest responses, warm-up and load on the same server. */
async function firstRun(corpus: string, store: string, scan: CorpusScan, options: Options, report: Report): Promise<void> {
  log('run 1: no store yet');
  const run = await spawnServer(projectRoot, { TRELLIS_CONTENT_DIR: corpus, TRELLIS_STORE_DIR: store });
  try {
    const pages = pagesOf(scan);
    const start = await measureStart('no store yet', run, pages, options);
    report.start.push(start);
    log(`  first paper page ${secs(start.paper.seconds)}, search ${secs(start.search.seconds)}`);
    if (start.exit || (!options.only.has('load') && !options.only.has('sizes'))) return;
    const asked = new Set([pages.paper, ...(pages.note ? [pages.note] : [])]);
    // The largest responses first, while nothing is cached: their time is a first render.
    if (options.only.has('sizes')) {
      run.rss.phase = 'sizes';
      log('  the largest responses');
      report.sizes = await measureSizes(run, scan, (await sitemapPaths(run.origin, 120_000)).files);
      for (const sized of report.sizes) asked.add(sized.path);
    }
    if (options.only.has('load') && !exited(run)) {
      run.rss.phase = 'warm-up';
      log('  warm-up: reading the sitemaps, the tag index and a few pages for URLs');
      const found = await discoverPools(run, asked);
      const mix = mixPools(found.pools, 30_000);
      // Topics are computed after search, by a child process that takes the second core for
      // some seconds (11 s at 52k): the load starts when health says every part is ready,
      // as a deploy's health check would, so that it measures serving and not that.
      const settledS = await waitAllReady(run, options);
      const kinds = [...found.pools].map(([kind, list]) => `${count(list.length)} ${kind}s`).join(', ');
      run.rss.phase = 'load';
      log(`  load: ${options.duration} s uncached over ${options.connections} connections, then cached`);
      const load = await runLoad(run.origin, mix, options.connections, options.duration);
      report.load = { ...load, mix: `${kinds} found; in turn 5 papers, 2 notes, 1 inquiring line, 1 tag, 1 stub`, ...(settledS !== undefined ? { settledS } : {}) };
    }
    if (exited(run)) report.notes.push(`Run 1: ${await describeExit(run)}`);
  } finally {
    run.rss.sample();
    report.phases = new Map(run.rss.phases);
    report.overall = { ...run.rss.overall };
    await run.stop();
  }
}

/** Run 2: the same content and store again; start-up only. */
async function restartRun(corpus: string, store: string, scan: CorpusScan, options: Options, report: Report, i: number): Promise<void> {
  log(`run 2: restart on the same content and store (${i + 1} of ${options.restarts})`);
  const run = await spawnServer(projectRoot, { TRELLIS_CONTENT_DIR: corpus, TRELLIS_STORE_DIR: store });
  try {
    const start = await measureStart('restart', run, pagesOf(scan), options);
    report.start.push(start);
    log(`  first paper page ${secs(start.paper.seconds)}, search ${secs(start.search.seconds)}`);
  } finally {
    await run.stop();
  }
}

/** Run 3: TRELLIS_WATCH=1, a paper's title edited. */
async function watchRun(corpus: string, store: string, scan: CorpusScan, options: Options, report: Report): Promise<void> {
  if (!scan.editable) {
    report.notes.push('Watch: no paper with a one-line title and an arXiv id to edit.');
    return;
  }
  log('run 3: TRELLIS_WATCH=1, a paper title edited');
  const run = await spawnServer(projectRoot, { TRELLIS_CONTENT_DIR: corpus, TRELLIS_STORE_DIR: store, TRELLIS_WATCH: '1' });
  try {
    const pages = pagesOf(scan);
    const start = await measureStart('watching', run, pages, options);
    if (start.exit || start.paper.seconds === undefined) {
      report.edits = { seconds: [], start, note: start.exit ?? 'the paper page never answered 200' };
      return;
    }
    run.rss.phase = 'edit';
    const edits = await measureEdits(run, scan.editable.file, pages.paper, 3);
    report.edits = { ...edits, start, ...(exited(run) ? { note: await describeExit(run) } : {}) };
    log(`  visible after ${edits.seconds.map(secs).join(', ')}`);
  } finally {
    await run.stop();
  }
}

// --- the report ---

function startRows(starts: readonly StartFigures[], docs: number): string[][] {
  const first = starts.find((s) => s.label === 'no store yet');
  const restarts = starts.filter((s) => s.label === 'restart');
  const med = (pick: (s: StartFigures) => number | undefined): string => {
    const values = restarts.map(pick).filter((v): v is number => v !== undefined);
    const missing = restarts.length - values.length;
    return restarts.length === 0 ? 'not run' : `${secs(median(values))}${restarts.length > 1 ? ` (median of ${values.length})` : ''}${missing ? `, ${missing} never` : ''}`;
  };
  const ready = (r: Readiness | undefined): string =>
    r === undefined ? '–' : r.seconds !== undefined ? secs(r.seconds) : `not 200 (last status ${r.lastStatus || 'none'})`;
  const rssTarget = docs >= 75_000 ? '≤ 2 GiB' : '≤ 1.5 GiB';
  const statuses = (s: StartFigures | undefined): string =>
    s
      ? [...new Map([...s.paper.seen, ...s.search.seen])].map(([code, n]) => `${code} ×${n}`).join(', ') + (s.search.retryAfter ? ` (Retry-After ${s.search.retryAfter})` : '') || 'none'
      : '–';
  const slowest = (s: StartFigures | undefined): string => (s ? secs(Math.max(s.paper.slowestS, s.search.slowestS, s.note?.slowestS ?? 0)) : '–');
  return [
    ['listening (accepts a connection)', secs(first?.listening), med((s) => s.listening), '–'],
    ['first paper page 200', first?.paper.seconds !== undefined ? secs(first.paper.seconds) : ready(first?.paper), med((s) => s.paper.seconds), '≤ 60 s / ≤ 5 s'],
    ['first note page 200', ready(first?.note), med((s) => s.note?.seconds), '≤ 60 s / ≤ 5 s'],
    ['search ready (/api/search/?q=reasoning 200)', ready(first?.search), med((s) => s.search.seconds), '≤ 90 s / ≤ 10 s'],
    ['other answers while starting', statuses(first), statuses(restarts[0]), 'answers at once (503 + Retry-After where not ready)'],
    ['slowest single request while starting', slowest(first), slowest(restarts[0]), 'never hangs'],
    ['peak RSS while starting: largest process / tree', first ? `${mib(first.rss.largest)} / ${mib(first.rss.sum)}` : '–', restarts[0] ? `${mib(restarts[0].rss.largest)} / ${mib(restarts[0].rss.sum)}` : '–', rssTarget],
  ];
}

function loadRow(label: string, run: LoadRun, target: string): string[] {
  return [label, count(run.urls), count(run.completed), count(run.ok), run.pagesPerS.toFixed(1), String(run.p50), String(run.p99), String(run.max), count(run.errors), count(run.timeouts), count(run.non2xx), target];
}

function printReport(report: Report, header: string[], docs: number): void {
  const out = ['## Scale bench', '', ...header, ''];
  if (report.start.length) {
    out.push('### Start-up', '', table(['figure', 'no store yet', 'restart, same store', 'target at 52k (no store / restart)'], startRows(report.start, docs)), '');
    const health = report.start.map((s) => `${s.label}: ${s.health.first || s.health.last ? `first \`${s.health.first ?? '–'}\`, once ready \`${s.health.last ?? '–'}\`` : `absent (status ${s.health.status || 'none'})`}`);
    out.push(`/api/health/ — ${health.join('; ')}`, '');
    for (const s of report.start) if (s.exit) out.push(`**${s.label}:** ${s.exit}`, '');
  }
  if (report.load) {
    const { uncached, cached, mix, settledS } = report.load;
    const settled = settledS === undefined ? 'Health never said every part ready; the load ran anyway.' : `Every part ready (topics included) ${secs(settledS)} after spawn; the load started then.`;
    out.push('### Load', '', `URLs: ${mix}. ${settled}`, '');
    out.push(
      table(
        ['run', 'distinct URLs', 'completed', '2xx', 'pages/s', 'p50 ms', 'p99 ms', 'max ms', 'errors (time-outs included)', 'time-outs', 'non-2xx', 'target'],
        [loadRow(`uncached, ${uncached.connections} connections, ${uncached.seconds.toFixed(0)} s`, uncached, '≥ 50/s, p99 ≤ 2 s, 0 errors, 0 time-outs'), loadRow(`cached (same URLs again), ${cached.seconds.toFixed(0)} s`, cached, '≥ 500/s')],
      ),
      '',
    );
  }
  if (report.phases) {
    const rssTarget = docs >= 75_000 ? '≤ 2 GiB' : '≤ 1.5 GiB';
    const rows = [...report.phases].map(([phase, p]) => [phase, mib(p.largest), mib(p.sum)]);
    if (report.overall) rows.push(['**all of run 1**', mib(report.overall.largest), mib(report.overall.sum)]);
    out.push(`### Peak RSS of run 1 (target ${rssTarget}, the server process)`, '', table(['phase', 'largest process', 'whole tree'], rows), '');
  }
  if (report.edits) {
    const { seconds, note, start } = report.edits;
    out.push('### One file edited (TRELLIS_WATCH=1)', '');
    if (start) out.push(`Watching server: paper page 200 after ${secs(start.paper.seconds)}, search after ${secs(start.search.seconds)}, peak RSS ${mib(start.rss.largest)}.`, '');
    const shown = seconds.map((s) => (s === undefined ? 'not within 120 s' : secs(s)));
    out.push(`Title change visible on its page after: ${shown.join(', ') || '–'}${seconds.length > 1 ? ` (median ${secs(median(seconds.filter((s): s is number => s !== undefined)))})` : ''}; target ≤ 1 s.`, '');
    if (note) out.push(note, '');
  }
  if (report.sizes) {
    const rows = report.sizes.map((s) => [
      s.path,
      s.error ? `error: ${s.error}` : String(s.status),
      size(s.wire),
      s.raw < 0 ? 'bad gzip' : size(s.raw),
      s.encoding,
      secs(s.seconds),
      s.wire > 2 ** 20 ? '**over 1 MB compressed**' : s.encoding !== 'gzip' && s.raw >= 1024 ? 'not compressed' : '',
    ]);
    out.push('### Largest responses (Accept-Encoding: gzip)', '', table(['path', 'status', 'on the wire', 'raw', 'encoding', 'time', 'flag (target: none over 1 MB compressed)'], rows), '');
  }
  if (report.notes.length) out.push(...report.notes.map((n) => `${n}\n`));
  console.log(out.join('\n'));
}

function describeCorpus(dir: string, scan: CorpusScan): string[] {
  const folders = [...scan.byFolder].map(([f, n]) => `${f} ${count(n)}`).join(', ');
  const tags = scan.topTags
    .slice(0, 8)
    .map(([t, n]) => `${t} ${((n / Math.max(1, scan.tagged)) * 100).toFixed(1)}%`)
    .join(', ');
  return [
    `Corpus: ${dir}: ${count(scan.files)} files (${folders}), ${(scan.bytes / 2 ** 20).toFixed(0)} MB; ${count(scan.tagCount)} tags, the commonest on (share of tagged files): ${tags}.`,
  ];
}

function describeMachine(loadBefore: string): string[] {
  const cpu = cpus();
  let commit = 'unknown';
  try {
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    commit = `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'app', 'lib', 'scripts').length ? ' + uncommitted changes' : ''}`;
  } catch {
    // Not a git checkout.
  }
  return [
    `Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Linux ${release()}, Node ${process.version}; load average (1, 5, 15 min) ${loadBefore} before, ${load()} after.`,
    `Code: ${commit}; server started with \`${readStartCommand(projectRoot)}\` (package.json "start"), NODE_ENV=production, on 127.0.0.1; the client (autocannon) runs on the same machine.`,
  ];
}

// --- main ---

function parseOptions() {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      docs: { type: 'string' },
      only: { type: 'string', default: SCENARIOS.join(',') },
      duration: { type: 'string', default: '30' },
      connections: { type: 'string', default: '64' },
      restarts: { type: 'string', default: '1' },
      'ready-timeout': { type: 'string', default: '600' },
    },
  });
  const only = new Set(values.only.split(',').map((s) => s.trim()));
  for (const s of only) if (!(SCENARIOS as readonly string[]).includes(s)) throw new Error(`--only takes ${SCENARIOS.join(',')}; not "${s}"`);
  const options: Options = {
    only: only as Set<Scenario>,
    duration: Number(values.duration),
    connections: Number(values.connections),
    restarts: Number(values.restarts),
    readyTimeoutS: Number(values['ready-timeout']),
  };
  if (![options.duration, options.connections, options.restarts, options.readyTimeoutS].every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error('--duration, --connections, --restarts and --ready-timeout take positive whole numbers');
  }
  return { values, options };
}

async function main(): Promise<void> {
  const { values, options } = parseOptions();
  const loadBefore = load();
  const corpus = resolveCorpus(values.corpus, values.docs);
  log(`scanning ${corpus}…`);
  const scan = scanCorpus(corpus);
  const docs = scan.files;
  await prepareBuild();
  const store = makeTempDir('trellis-scale-store-');
  const report: Report = { start: [], notes: [] };
  try {
    if (options.only.has('start') || options.only.has('load') || options.only.has('sizes')) await firstRun(corpus, store, scan, options, report);
    if (options.only.has('start')) for (let i = 0; i < options.restarts; i++) await restartRun(corpus, store, scan, options, report, i);
    if (options.only.has('watch')) await watchRun(corpus, store, scan, options, report);
  } finally {
    removeTempDirs();
  }
  printReport(report, [...describeMachine(loadBefore), ...describeCorpus(corpus, scan)], docs);
}

/** Ctrl-C or a kill: stop the servers, put the edited file back, then go. */
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`\n${signal}: stopping the servers this bench started…`);
    restoreEdit?.();
    void stopAllServers().finally(() => {
      removeTempDirs();
      process.exit(130);
    });
  });
}

main()
  .catch((error: unknown) => {
    console.error((error as Error).stack ?? String(error));
    process.exitCode = 1;
  })
  .finally(async () => {
    restoreEdit?.();
    await stopAllServers();
    removeTempDirs();
  });

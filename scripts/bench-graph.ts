/**
 * Benchmark of the graph views in headless Chromium, against a built server on a
 * generated corpus.
 *
 *   npx tsx scripts/bench-graph.ts [--documents 3200] [--runs 5] [--seed 1] [--papers-from DIR]
 *                                  [--renderers auto,canvas,webgl] [--only neighbourhood|collection|palette]
 *
 * Measures, each as the median (min–max) of --runs fresh browser contexts (cold
 * caches):
 *   - a hub note's neighbourhood view (up to 200 neighbours): time from the reader asking
 *     for the graph ("Explore the graph") to the canvas being laid out, drawn and
 *     clickable, twice: clicked at once, and clicked after the pointer rested on the
 *     still picture for a moment, as a mouse reader's does (the rest starts fetching the code);
 *   - the JavaScript that note page loads before the graph is opened, and after;
 *   - the search palette on that page: a query typed at a reader's pace, from the last
 *     keystroke to its results drawn, and what the page fetched meanwhile;
 *   - /graph on the whole corpus (about 5,000 nodes at the default size): time to
 *     the data, the client-side layout, the first full drawing, and the frame rate
 *     while panning programmatically (requestAnimationFrame counting);
 *   - the server's force layout of the whole graph (lib/graph/layout.ts), in process.
 * The server is built into TRELLIS_DIST_DIR (default .next) when stale, as the
 * browser tests do. A benchmark, not a test: it prints figures and asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { readCorpus } from '../lib/corpus';
import { toCompactGraph } from '../lib/graph/layout';
import { getNeighbourhood } from '../lib/graph/neighbourhood';
import type { Graph, NodeId } from '../lib/graph/types';
import { launchBrowser } from '../tests/helpers/browser';
import { startServer, type RunningServer } from '../tests/helpers/server';
import { generateCorpus } from './lib/generate';
import { findSharedPapers } from './lib/shared-corpus';

const project = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HUB_LIMIT = 200;
const PAN_MS = 3000;
const WARM_MS = 2000;
const EDGES_NOTE = 'added after the nodes are drawn, at most 20,000 per frame';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function spread(values: readonly number[], format: (n: number) => string): string {
  if (values.length === 0) return '—';
  return `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`;
}

const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`;
const kb = (n: number) => `${Math.round(n / 1024).toLocaleString('en-US')} KB`;
const fps = (n: number) => `${n.toFixed(1)} fps`;
const count = (n: number) => n.toLocaleString('en-US');

/** The note with the most neighbours that still has at most HUB_LIMIT. */
function findHub(graph: Graph): { id: NodeId; neighbours: number } {
  let best: { id: NodeId; neighbours: number } | undefined;
  for (const node of graph.nodes.values()) {
    if (node.kind !== 'note' || node.stub) continue;
    const degree = (graph.outgoing.get(node.id)?.length ?? 0) + (graph.incoming.get(node.id)?.length ?? 0);
    if (degree < (best?.neighbours ?? 0)) continue;
    const view = getNeighbourhood(graph, node.id, { depth: 1 });
    const neighbours = (view?.nodes.length ?? 1) - 1;
    if (neighbours <= HUB_LIMIT && neighbours > (best?.neighbours ?? -1)) best = { id: node.id, neighbours };
  }
  if (!best) throw new Error('the corpus has no note to measure');
  return best;
}

/** Transferred and decoded bytes of the JavaScript the page has fetched so far. */
function scriptBytes(page: Page): Promise<{ transferred: number; decoded: number; files: number }> {
  return page.evaluate(() => {
    const scripts = performance.getEntriesByType('resource').filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script' || /\.m?js(\?|$)/.test(e.name)) as PerformanceResourceTiming[];
    return {
      transferred: scripts.reduce((n, e) => n + e.transferSize, 0),
      decoded: scripts.reduce((n, e) => n + e.decodedBodySize, 0),
      files: scripts.length,
    };
  });
}

/** Milliseconds between two performance marks of the page, the last of each name. */
function between(page: Page, from: string, to: string): Promise<number> {
  return page.evaluate(
    ([a, b]) => {
      const at = (name: string) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN;
      return at(b as string) - at(a as string);
    },
    [from, to],
  );
}

interface NeighbourhoodRun {
  /** "Explore the graph" clicked with nothing fetched ahead (the keyboard, a touch). */
  readonly interactiveMs: number;
  /** Clicked after the pointer rested on the picture for HOVER_MS. */
  readonly hoveredMs: number;
  readonly before: { transferred: number; decoded: number; files: number };
  readonly after: { transferred: number; decoded: number; files: number };
}

/**
 * A fresh context (cold cache). tsx compiles the functions handed to page.evaluate
 * with esbuild's keep-names helper, `__name`, which the page must then have.
 */
async function newContext(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript('globalThis.__name = (f) => f;');
  return context;
}

/** How long a mouse reader's pointer rests on the still picture before the click. */
const HOVER_MS = 400;

async function measureNeighbourhood(browser: Browser, url: string): Promise<NeighbourhoodRun> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  // Let hydration and idle prefetches settle, so "before" is what the page keeps.
  await page.waitForTimeout(1000);
  const before = await scriptBytes(page);
  await page.locator('.neighbourhood').evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await page.getByRole('button', { name: 'Explore the graph' }).click();
  await page.waitForSelector('.neighbourhood-canvas[data-graph-state="ready"]', { timeout: 120_000 });
  const interactiveMs = await between(page, 'trellis:neighbourhood:asked', 'trellis:neighbourhood:interactive');
  const after = await scriptBytes(page);

  await context.close();

  // The same page again, in another fresh context: the pointer comes to rest on the picture, then clicks.
  const readerContext = await newContext(browser);
  const reader = await readerContext.newPage();
  await reader.goto(url, { waitUntil: 'load' });
  await reader.waitForTimeout(1000);
  await reader.locator('.neighbourhood-still').hover();
  await reader.waitForTimeout(HOVER_MS);
  await reader.getByRole('button', { name: 'Explore the graph' }).click();
  await reader.waitForSelector('.neighbourhood-canvas[data-graph-state="ready"]', { timeout: 120_000 });
  const hoveredMs = await between(reader, 'trellis:neighbourhood:asked', 'trellis:neighbourhood:interactive');
  await readerContext.close();
  return { interactiveMs, hoveredMs, before, after };
}

interface PaletteRun {
  /** From the last keystroke to the results of the whole query drawn. */
  readonly paintedMs: number;
  /** Requests to /api/search while typing, and all bytes the page fetched meanwhile. */
  readonly requests: number;
  readonly bytes: number;
}

/** What a reader types into the palette, a key every 120 ms. */
const PALETTE_QUERY = 'sycophancy';
const KEY_EVERY_MS = 120;

/**
 * The search palette on a note page: Ctrl+K, then a query typed at a reader's pace. Times the
 * last keystroke to the frame after the palette has its results on the page
 * (`trellis:palette:results`, set when React has committed them).
 */
async function measurePalette(browser: Browser, url: string): Promise<PaletteRun> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(1000);
  await page.keyboard.press('Control+k');
  const box = page.getByRole('combobox', { name: 'Search the collection' });
  await box.waitFor();
  await page.evaluate((query) => {
    const w = window as unknown as { __lastKey: number; __painted: number; __since: number };
    w.__lastKey = 0;
    w.__painted = 0;
    w.__since = performance.now();
    document.addEventListener('keydown', (event) => (w.__lastKey = event.timeStamp), true);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.name !== 'trellis:palette:results' || (entry as PerformanceMark).detail !== query) continue;
        requestAnimationFrame(() => requestAnimationFrame(() => (w.__painted = performance.now())));
      }
    }).observe({ type: 'mark' });
  }, PALETTE_QUERY);
  await box.pressSequentially(PALETTE_QUERY, { delay: KEY_EVERY_MS });
  await page.waitForFunction(() => (window as unknown as { __painted: number }).__painted > 0, undefined, { timeout: 30_000 });
  const run = await page.evaluate(() => {
    const w = window as unknown as { __lastKey: number; __painted: number; __since: number };
    const fetched = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.startTime >= w.__since);
    return {
      paintedMs: w.__painted - w.__lastKey,
      requests: fetched.filter((e) => e.name.includes('/api/search')).length,
      bytes: fetched.reduce((n, e) => n + e.transferSize, 0),
    };
  });
  await context.close();
  return run;
}

interface CollectionRun {
  readonly dataMs: number;
  readonly layoutMs: number;
  readonly drawMs: number;
  readonly readyMs: number;
  readonly edgesMs: number;
  readonly warmFps: number;
  readonly dragFps: number;
  readonly redrawFps: number;
  readonly renderer: string;
}

async function measureCollection(browser: Browser, url: string): Promise<CollectionRun> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('.collection-canvas[data-graph-state="ready"][data-edges-state="ready"]', { timeout: 300_000 });
  const marks = await page.evaluate(() => {
    const at = (name: string) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN;
    return { data: at('trellis:graph:data'), start: at('trellis:graph:layout-start'), stop: at('trellis:graph:layout-stop'), ready: at('trellis:graph:ready'), edges: at('trellis:graph:edges') };
  });
  const renderer = (await page.locator('.collection-canvas').getAttribute('data-renderer')) ?? '?';
  await page.waitForTimeout(500);
  // Frames are counted with requestAnimationFrame while the view pans. First WARM_MS of
  // programmatic panning (cytoscape fills its element caches in the first frames), then
  // PAN_MS of dragging with the mouse, as a reader pans: cytoscape then draws a snapshot
  // and leaves edges out until the drag ends. Then PAN_MS of cy.panBy() on every frame,
  // which redraws everything each time: the full-redraw rate.
  const countFrames = () =>
    page.evaluate(() => {
      const w = window as unknown as { __frames: number; __raf: number; __since: number };
      w.__frames = 0;
      w.__since = performance.now();
      const tick = () => {
        w.__frames++;
        w.__raf = requestAnimationFrame(tick);
      };
      w.__raf = requestAnimationFrame(tick);
    });
  const framesPerSecond = () =>
    page.evaluate(() => {
      const w = window as unknown as { __frames: number; __raf: number; __since: number };
      cancelAnimationFrame(w.__raf);
      return (w.__frames * 1000) / (performance.now() - w.__since);
    });
  const panFor = (duration: number) =>
    page.evaluate(
      (ms) =>
        new Promise<void>((done) => {
          const probe = window.__trellisGraph?.collection;
          const start = performance.now();
          let frame = 0;
          // Back and forth, 30 frames each way: the graph stays in view however fast frames come.
          const step = () => {
            const sign = Math.floor(frame++ / 30) % 2 ? -1 : 1;
            probe?.panBy(3 * sign, 2 * sign);
            if (performance.now() - start < ms) requestAnimationFrame(step);
            else done();
          };
          requestAnimationFrame(step);
        }),
      duration,
    );

  await countFrames();
  await panFor(WARM_MS);
  const warmFps = await framesPerSecond();

  const box = await page.locator('.collection-canvas').boundingBox();
  if (!box) throw new Error('the canvas is not on the page');
  // The canvas's top-left corner lies in the fit padding: a drag there pans, it grabs no node.
  const x = box.x + 12;
  const y = box.y + 12;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await countFrames();
  const started = Date.now();
  for (let i = 0; Date.now() - started < PAN_MS; i++) await page.mouse.move(x + 150 + 120 * Math.sin(i / 10), y + 150 + 90 * Math.cos(i / 13));
  const dragFps = await framesPerSecond();
  await page.mouse.up();

  await page.waitForTimeout(500);
  await countFrames();
  await panFor(PAN_MS);
  const redrawFps = await framesPerSecond();
  await context.close();
  return { dataMs: marks.data, layoutMs: marks.stop - marks.start, drawMs: marks.ready - marks.stop, readyMs: marks.ready, edgesMs: marks.edges, warmFps, dragFps, redrawFps, renderer };
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function codeVersion(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--', 'app', 'lib').length > 0;
    return `commit ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes in app/ or lib/' : ''}`;
  } catch {
    return 'not a git checkout';
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      documents: { type: 'string', default: '3200' },
      runs: { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
      'papers-from': { type: 'string' },
      // 'auto' is what a reader gets; 'webgl' forces WebGL even where it is drawn in software.
      renderers: { type: 'string', default: 'auto' },
      // 'neighbourhood', 'collection' or 'palette' measures that one only.
      only: { type: 'string' },
    },
  });
  const only = values.only;
  if (only !== undefined && only !== 'neighbourhood' && only !== 'collection' && only !== 'palette') throw new Error('--only takes neighbourhood, collection or palette');
  const renderers = only === 'neighbourhood' || only === 'palette' ? [] : values.renderers.split(',').map((r) => r.trim());
  if (renderers.some((r) => !['auto', 'canvas', 'webgl'].includes(r))) throw new Error('--renderers takes auto, canvas and webgl');
  const documents = Number(values.documents);
  const runs = Number(values.runs);
  if (!Number.isInteger(documents) || documents < 3 || !Number.isInteger(runs) || runs < 1) throw new Error('--documents and --runs must be whole numbers');
  const papersFrom = values['papers-from'] ?? findSharedPapers();

  const root = mkdtempSync(join(tmpdir(), 'trellis-bench-graph-'));
  const dir = join(root, 'corpus');
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const cleanUp = () => rmSync(root, { recursive: true, force: true });
  process.on('SIGINT', () => {
    void server?.stop();
    cleanUp();
    process.exit(130);
  });
  try {
    process.stderr.write(`generating ${count(documents)} documents…\n`);
    generateCorpus({ out: dir, nodes: documents, seed: values.seed, ...(papersFrom ? { papersFrom } : {}) });
    const graph = readCorpus(dir);
    const hub = findHub(graph);

    // The server's layout of the whole graph, in this process: what the first /api/graph request pays.
    const layoutRuns: number[] = [];
    let positioned = false;
    for (let i = 0; i < Math.min(runs, 3); i++) {
      const started = performance.now();
      positioned = toCompactGraph(graph).positions !== undefined;
      layoutRuns.push(performance.now() - started);
    }

    process.stderr.write(`starting the server (builds into ${process.env.TRELLIS_DIST_DIR || '.next'} when stale)…\n`);
    server = await startServer({ contentDir: dir });
    // The first request builds the graph and lays it out; later ones are served from memory.
    let started = performance.now();
    const firstGraph = Buffer.from(await (await fetch(`${server.url}/api/graph/`)).arrayBuffer());
    const graphBytes = firstGraph.byteLength;
    const graphGzip = gzipSync(firstGraph).byteLength;
    const firstGraphMs = performance.now() - started;
    // Later requests, gzipped as a browser asks: the median of five (the first of them may
    // still share the server with its start-up indexing).
    const warmTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      started = performance.now();
      await (await fetch(`${server.url}/api/graph/`, { headers: { 'accept-encoding': 'gzip' } })).arrayBuffer();
      warmTimes.push(performance.now() - started);
    }
    const warmGraphMs = median(warmTimes);

    browser = await launchBrowser();
    const neighbourhood: NeighbourhoodRun[] = [];
    const palette: PaletteRun[] = [];
    const collection = new Map<string, CollectionRun[]>(renderers.map((r) => [r, []]));
    for (let i = 0; i < runs; i++) {
      if (only === undefined || only === 'palette') {
        const p = await measurePalette(browser, `${server.url}${hub.id}`);
        palette.push(p);
        process.stderr.write(`  run ${i + 1}: palette ${ms(p.paintedMs)} from the last keystroke to the results drawn\n`);
      }
      if (only === undefined || only === 'neighbourhood') {
        const n = await measureNeighbourhood(browser, `${server.url}${hub.id}`);
        neighbourhood.push(n);
        process.stderr.write(`  run ${i + 1}: neighbourhood ${ms(n.interactiveMs)} clicked at once, ${ms(n.hoveredMs)} clicked after a rest on the picture\n`);
      }
      for (const r of renderers) {
        const c = await measureCollection(browser, `${server.url}/graph/?view=overview${r === 'auto' ? '' : `&renderer=${r}`}`);
        collection.get(r)?.push(c);
        process.stderr.write(`  run ${i + 1}: /graph (${r} → ${c.renderer}) ready at ${ms(c.readyMs)}, edges at ${ms(c.edgesMs)}, warm-up ${fps(c.warmFps)}, dragging ${fps(c.dragFps)}, full redraws ${fps(c.redrawFps)}\n`);
      }
    }

    const cpu = cpus();
    console.log('# Trellis bench: graph views\n');
    console.log(`machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM, ${type()} ${release()}, Node ${process.version}; headless Chromium (${browser.version()}), software rendering`);
    console.log(`code: ${codeVersion()}; load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
    console.log(
      `corpus: ${count(documents)} generated documents (seed ${values.seed}${papersFrom ? `, papers from ${papersFrom}` : ''}) → ${count(graph.nodes.size)} graph nodes (stubs and tags included), ${count(graph.edges.length)} edges`,
    );
    console.log(`runs: ${runs}, each in a fresh browser context (cold cache); median (min–max)\n`);

    if (neighbourhood.length) {
      console.log('## Neighbourhood view on a note page\n');
      console.log(`hub: ${hub.id} with ${hub.neighbours} neighbours at depth 1\n`);
      const n = (pick: (r: NeighbourhoodRun) => number, format: (v: number) => string) => spread(neighbourhood.map(pick), format);
      console.log(
        table(
          ['figure', 'value'],
          [
            ['asked → interactive, clicked at once (chunk, data, layout, first drawing)', n((r) => r.interactiveMs, ms)],
            [`asked → interactive, clicked after the pointer rested ${HOVER_MS} ms on the picture (chunk fetched meanwhile)`, n((r) => r.hoveredMs, ms)],
            ['JS before the graph opens, transferred (decoded)', `${n((r) => r.before.transferred, kb)} (${n((r) => r.before.decoded, kb)}), ${n((r) => r.before.files, count)} files`],
            ['JS after it opens, transferred (decoded)', `${n((r) => r.after.transferred, kb)} (${n((r) => r.after.decoded, kb)}), ${n((r) => r.after.files, count)} files`],
            ['added by opening the graph, transferred (decoded)', `${n((r) => r.after.transferred - r.before.transferred, kb)} (${n((r) => r.after.decoded - r.before.decoded, kb)})`],
          ],
        ),
      );
    }

    if (palette.length) {
      console.log('\n## Search palette on a note page\n');
      console.log(`"${PALETTE_QUERY}" typed a key every ${KEY_EVERY_MS} ms after Ctrl+K, against the same server and corpus\n`);
      const p = (pick: (r: PaletteRun) => number, format: (v: number) => string) => spread(palette.map(pick), format);
      console.log(
        table(
          ['figure', 'value'],
          [
            ['last keystroke → its results drawn (debounce, request, ranking, rendering, a frame)', p((r) => r.paintedMs, ms)],
            ['requests to /api/search while typing', p((r) => r.requests, count)],
            ['everything the page fetched while typing, transferred', p((r) => r.bytes, kb)],
          ],
        ),
      );
    }

    if (renderers.length) {
      console.log('\n## /graph, the whole collection\n');
      const columns = renderers.map((r) => collection.get(r) ?? []);
      const row = (name: string, pick: (r: CollectionRun) => number, format: (v: number) => string) => [name, ...columns.map((runs) => spread(runs.map(pick), format))];
      console.log(`server layout (${positioned ? 'force layout, lib/graph/layout.ts' : 'none: small graph, laid out in the browser'}), in process: ${spread(layoutRuns, ms)}`);
      console.log(`GET /api/graph: first request (graph build + layout) ${ms(firstGraphMs)}, later ones (median of 5, gzipped) ${ms(warmGraphMs)}; ${kb(graphBytes)} of JSON, ${kb(graphGzip)} gzipped`);
      const citations = graph.edges.filter((e) => e.kind !== 'mentions' && e.kind !== 'tag').length;
      console.log(`drawn by default: all ${count(graph.nodes.size)} nodes and the ${count(citations)} citation edges (mentions and tag edges are a checkbox away)\n`);
      console.log(
        table(
          ['figure', ...renderers.map((r) => `renderer: ${r} (${[...new Set((collection.get(r) ?? []).map((c) => c.renderer))].join(', ')})`)],
          [
            row('navigation → data parsed', (r) => r.dataMs, ms),
            row('client layout (cytoscape init with the nodes at their positions)', (r) => r.layoutMs, ms),
            row('layout → nodes drawn', (r) => r.drawMs, ms),
            row('navigation → nodes drawn, clickable', (r) => r.readyMs, ms),
            row(`navigation → every default edge drawn (${EDGES_NOTE})`, (r) => r.edgesMs, ms),
            row(`frame rate: first ${WARM_MS / 1000} s of panning (caches filling)`, (r) => r.warmFps, fps),
            row(`frame rate: dragging with the mouse, ${PAN_MS / 1000} s (whole graph in view)`, (r) => r.dragFps, fps),
            row(`frame rate: cy.panBy() every frame, ${PAN_MS / 1000} s (a full redraw each frame)`, (r) => r.redrawFps, fps),
          ],
        ),
      );
    }
  } finally {
    await browser?.close();
    await server?.stop();
    cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).stack ?? error);
  process.exitCode = 1;
});

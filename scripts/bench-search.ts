/**
 * Benchmark of full-text search: index build time and memory, and query latency,
 * for Trellis's search (flexsearch + our ranking and snippets) against MiniSearch
 * and a plain scan, on the same corpus and the same queries, in one process: Trellis's
 * queries first alone (as the server runs them), then every engine's, interleaved.
 *
 *   npx tsx scripts/bench-search.ts [--nodes 20000] [--queries 200] [--runs 3] [--seed 1]
 *                                   [--papers-from DIR] [--corpus DIR] [--engines trellis,minisearch,scan]
 *                                   [--save-queries FILE]
 *
 * Without --corpus, a corpus of --nodes documents is generated into a temporary
 * folder (scripts/lib/generate.ts; real rpa2 papers from ../shared/corpora/rpa2-sample
 * when this machine has them) and removed afterwards.
 * A benchmark, not a test: it prints figures and asserts nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import MiniSearch from 'minisearch';
import { readCorpus } from '../lib/corpus';
import type { TrellisNode } from '../lib/graph/types';

/** A document's body, read from the in-memory graph the bench built (bodies are not on nodes). */
const bodyText = (node: TrellisNode): string => (node.file ? (benchGraph?.bodies.read(node.file) ?? '') : '');
let benchGraph: { bodies: { read(path: string): string } } | undefined;
import type { DocumentNode, Graph } from '../lib/graph/types';
import { buildSearchIndex, type SearchIndex } from '../lib/search';
import { foldWord } from '../lib/text/fold';
import { toIndexText, toPlainText } from '../lib/text/plain-text';
import { isStopword } from '../lib/text/stopwords';
import { foldedWords } from '../lib/text/tokenise';
import { generateCorpus } from './lib/generate';
import { findSharedPapers } from './lib/shared-corpus';
import { createRandom, type Random } from './lib/prng';


setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ms = (n: number): string => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(n >= 10 ? 1 : 2));
const mb = (bytes: number): string => Math.round(bytes / 1048576).toLocaleString('en-US');
const count = (n: number): string => n.toLocaleString('en-US');
const load = (): string =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const median = (values: readonly number[]): number => percentile([...values].sort((a, b) => a - b), 50);

/** Memory the heap and typed arrays hold now, after a full collection. */
function memoryNow(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Wall and CPU time of `build`, median of `runs`; memory of what the last run keeps. */
function measureBuild<T>(runs: number, build: () => T): { wallMs: number; cpuMs: number; bytes: number; value: T } {
  const walls: number[] = [];
  const cpus: number[] = [];
  let value: T | undefined;
  let bytes = 0;
  for (let r = 0; r < runs; r++) {
    value = undefined;
    const before = memoryNow();
    const cpu = process.cpuUsage();
    const started = performance.now();
    value = build();
    walls.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
    bytes = memoryNow() - before;
  }
  return { wallMs: median(walls), cpuMs: median(cpus), bytes, value: value as T };
}

/** Bands of "how many documents a query matches", for latency by band. */
const MATCH_BANDS: readonly (readonly [string, number])[] = [
  ['0–100', 100],
  ['101–1,000', 1_000],
  ['1,001–5,000', 5_000],
  ['5,001–10,000', 10_000],
  ['over 10,000', Infinity],
];

type QueryType = 'word' | 'two words' | 'quoted phrase' | 'prefix' | 'typo' | 'title' | 'common word';

interface BenchQuery {
  readonly type: QueryType;
  readonly text: string;
}

const COMMON = ['model', 'models', 'reasoning', 'language models', 'training', 'llm', 'learning', 'attention', 'data', 'sycophancy'];

/** Words a reader might type, drawn from a document's own text. */
function wordsOf(random: Random, node: DocumentNode): string[] {
  const from = random.int(0, Math.max(0, bodyText(node).length - 1500));
  const text = toPlainText(bodyText(node).slice(from, from + 1500));
  return text.split(/\s+/).filter((w) => /^[A-Za-z][a-z]{3,}$/.test(w) && !isStopword(foldWord(w)));
}

function typo(random: Random, word: string): string {
  const at = random.int(1, word.length - 2);
  switch (random.int(0, 2)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2);
    default:
      return word.slice(0, at) + random.pick([...'aeioustrn']) + word.slice(at + 1);
  }
}

/** `n` queries of the mixed types a search box sees, drawn from the corpus with a fixed seed. */
function makeQueries(graph: Graph, n: number, seed: string): BenchQuery[] {
  const random = createRandom(`queries-${seed}`);
  const withBody = [...graph.nodes.values()].filter((x): x is DocumentNode => x.kind !== 'tag' && bodyText(x).length > 400);
  const documents = [...graph.nodes.values()].filter((x): x is DocumentNode => x.kind !== 'tag');
  const mix: [QueryType, number][] = [
    ['word', 0.3],
    ['two words', 0.15],
    ['quoted phrase', 0.1],
    ['prefix', 0.15],
    ['typo', 0.1],
    ['title', 0.1],
    ['common word', 0.1],
  ];
  const queries: BenchQuery[] = [];
  for (const [type, share] of mix) {
    const wanted = Math.round(share * n);
    while (queries.filter((q) => q.type === type).length < wanted) {
      const words = wordsOf(random, random.pick(withBody));
      const start = random.int(0, Math.max(0, words.length - 3));
      const word = words[start];
      let text: string | undefined;
      switch (type) {
        case 'word':
          text = word?.toLowerCase();
          break;
        case 'two words':
          if (words[start + 1]) text = `${word} ${words[start + 1]}`.toLowerCase();
          break;
        case 'quoted phrase': {
          // Adjacent words of a sentence, so that the phrase exists somewhere.
          const body = toPlainText(bodyText(random.pick(withBody)).slice(0, 3000));
          const sentence = body.split(/[.!?] /).filter((s) => s.split(' ').length > 6);
          const chosen = sentence.length ? random.pick(sentence).split(' ') : [];
          const from = random.int(0, Math.max(0, chosen.length - 3));
          const phrase = chosen.slice(from, from + random.int(2, 3)).join(' ');
          if (foldedWords(phrase).length >= 2) text = `"${phrase}"`;
          break;
        }
        case 'prefix':
          if (word && word.length >= 7) text = word.slice(0, random.int(3, 6)).toLowerCase();
          break;
        case 'typo':
          if (word && word.length >= 6) text = typo(random, word.toLowerCase());
          break;
        case 'title':
          text = random.pick(documents).title;
          break;
        case 'common word':
          text = random.pick(COMMON);
          break;
      }
      if (text) queries.push({ type, text });
    }
  }
  // Shuffled, so that no engine meets one type of query while the machine is busier.
  for (let i = queries.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [queries[i], queries[j]] = [queries[j] as BenchQuery, queries[i] as BenchQuery];
  }
  return queries;
}

interface Engine {
  readonly name: string;
  /** Runs a query, returns the number of results it found. */
  readonly run: (q: string) => number;
}

type MiniDocument = { i: number; title: string; originalTitle: string; aliases: string; tags: string; summary: string; body: string };

function miniDocuments(nodes: readonly DocumentNode[]): MiniDocument[] {
  return nodes.map((n, i) => ({
    i,
    title: n.title,
    originalTitle: n.kind === 'note' ? (n.originalTitle ?? '') : '',
    aliases: n.aliases.join(' '),
    tags: n.tags.join(' '),
    summary: [n.summary ?? '', n.kind === 'paper' ? (n.coreContribution ?? '') : ''].join(' '),
    body: toIndexText(bodyText(n)),
  }));
}

/** MiniSearch set up for the same features: field boosts, prefix on the last word, one typo, AND, folded accents. */
function buildMiniSearch(documents: readonly MiniDocument[]): MiniSearch<MiniDocument> {
  const mini = new MiniSearch<MiniDocument>({
    idField: 'i',
    fields: ['title', 'originalTitle', 'aliases', 'tags', 'summary', 'body'],
    storeFields: [],
    processTerm: (term) => foldWord(term) || null,
    searchOptions: {
      boost: { title: 5, originalTitle: 4.5, aliases: 4, tags: 2.5, summary: 2, body: 1 },
      prefix: (_term, i, terms) => i === terms.length - 1,
      fuzzy: (term) => (term.length >= 5 ? 1 : false),
      combineWith: 'AND',
    },
  });
  mini.addAll(documents);
  return mini;
}

/** The baseline: every document's text lower-cased, every query word looked for with `includes`. */
function buildScan(documents: readonly MiniDocument[]): string[] {
  return documents.map((d) => foldWord(`${d.title}\n${d.originalTitle}\n${d.aliases}\n${d.tags}\n${d.summary}\n${d.body}`));
}

function scanSearch(texts: readonly string[], query: string): number {
  const words = foldedWords(query).filter((w) => !isStopword(w));
  if (!words.length) return 0;
  let found = 0;
  for (const text of texts) if (words.every((w) => text.includes(w))) found++;
  return found;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      nodes: { type: 'string', default: '20000' },
      queries: { type: 'string', default: '200' },
      runs: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      'papers-from': { type: 'string' },
      corpus: { type: 'string' },
      engines: { type: 'string', default: 'trellis,minisearch,scan' },
      'save-queries': { type: 'string' },
    },
  });
  const nodes = Number(values.nodes);
  const queryCount = Number(values.queries);
  const runs = Number(values.runs);
  if (!Number.isInteger(nodes) || nodes < 3 || !Number.isInteger(queryCount) || queryCount < 1 || !Number.isInteger(runs) || runs < 1) {
    throw new Error('usage: npx tsx scripts/bench-search.ts [--nodes N] [--queries N] [--runs N] [--seed S] [--papers-from DIR] [--corpus DIR] [--engines trellis,minisearch,scan]');
  }
  const loadBefore = load();
  const papersFrom = values['papers-from'] ?? findSharedPapers();

  let dir = values.corpus ? resolve(values.corpus) : '';
  let temporary: string | undefined;
  let corpusNote = `read from ${dir}`;
  if (!dir) {
    temporary = mkdtempSync(join(tmpdir(), 'trellis-bench-search-'));
    dir = join(temporary, 'content');
    const started = performance.now();
    generateCorpus({ out: dir, nodes, seed: values.seed, ...(papersFrom ? { papersFrom } : {}) });
    corpusNote = `generated (${count(nodes)} documents, seed ${values.seed}, papers ${papersFrom ? `copied from ${papersFrom}` : 'made up'}) in ${ms((performance.now() - started) / 1000)} s`;
  }
  let graph: Graph;
  let readMs: number;
  try {
    const started = performance.now();
    graph = readCorpus(dir);
    benchGraph = graph;
    readMs = performance.now() - started;
  } finally {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  }

  const documents = [...graph.nodes.values()].filter((n): n is DocumentNode => n.kind !== 'tag');
  const byKind: Record<string, number> & { note: number; inquiry: number; paper: number; stubs: number } = { note: 0, inquiry: 0, paper: 0, stubs: 0 };
  let bodyChars = 0;
  for (const d of documents) {
    byKind[d.kind] = (byKind[d.kind] ?? 0) + 1;
    if (d.stub) byKind.stubs++;
    bodyChars += bodyText(d).length;
  }

  // Builds, one engine after the other; each keeps only its last index.
  const chosen = new Set(values.engines.split(',').map((e) => e.trim()));
  const trellis = measureBuild(runs, () => buildSearchIndex(graph));
  const queries = makeQueries(graph, queryCount, values.seed);
  // First Trellis alone, as the server runs it: no other engine's index in the heap, whose
  // garbage collection would land on Trellis's queries too. Then every engine, interleaved.
  const alone = (() => {
    for (const q of queries.slice(0, 20)) trellis.value.search(q.text, { limit: 20 });
    const wall: number[] = [];
    const cpu: number[] = [];
    for (const q of queries) {
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      trellis.value.search(q.text, { limit: 20 });
      wall.push(performance.now() - started);
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) / 1000);
    }
    return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
  })();
  const miniDocs = miniDocuments(documents);
  const mini = chosen.has('minisearch') ? measureBuild(runs, () => buildMiniSearch(miniDocs)) : undefined;
  const scan = chosen.has('scan') ? measureBuild(1, () => buildScan(miniDocs)) : undefined;

  // The queries, to replay them elsewhere (a profiler, another engine).
  if (values['save-queries']) writeFileSync(values['save-queries'], `${JSON.stringify(queries, null, 1)}\n`);
  const index: SearchIndex = trellis.value;
  const engines: Engine[] = [
    { name: 'Trellis (flexsearch + ranking + snippets, 20 results)', run: (q) => index.search(q, { limit: 20 }).total },
    ...(mini ? [{ name: 'MiniSearch (same fields, prefix, fuzzy 1, AND)', run: (q: string) => mini.value.search(q).length }] : []),
    ...(scan ? [{ name: 'plain scan (includes on lower-cased text)', run: (q: string) => scanSearch(scan.value, q) }] : []),
  ];
  // Warm-up: the JIT and caches, then every query on every engine, engines interleaved
  // query by query so that a busy moment of the machine falls on all of them.
  for (const q of queries.slice(0, 20)) for (const e of engines) e.run(q.text);
  const times = engines.map(() => [] as number[]);
  const cpuTimes = engines.map(() => [] as number[]);
  const found = engines.map(() => [] as number[]);
  const trellisByType = new Map<QueryType, number[]>();
  const trellisByMatches = new Map<string, number[]>(MATCH_BANDS.map(([band]) => [band, []]));
  queries.forEach((q, n) => {
    engines.forEach((_, k) => {
      const e = engines[(k + n) % engines.length] as Engine;
      const at = engines.indexOf(e);
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const results = e.run(q.text);
      const took = performance.now() - started;
      const cpuUsed = process.cpuUsage(cpuBefore);
      times[at]?.push(took);
      cpuTimes[at]?.push((cpuUsed.user + cpuUsed.system) / 1000);
      found[at]?.push(results);
      if (at === 0) {
        trellisByType.set(q.type, [...(trellisByType.get(q.type) ?? []), took]);
        const band = MATCH_BANDS.find(([, most]) => results <= most)?.[0] ?? 'more';
        trellisByMatches.set(band, [...(trellisByMatches.get(band) ?? []), took]);
      }
    });
  });

  const cpu = cpus();
  console.log('# Trellis bench: full-text search\n');
  console.log(
    `machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM (${(freemem() / 2 ** 30).toFixed(1)} GB free), ${type()} ${release()}, Node ${process.version}`,
  );
  console.log(`load average (1, 5, 15 min): ${loadBefore} before, ${load()} after; wall times on a shared machine vary with it, CPU times less so`);
  console.log(`corpus: ${corpusNote}; read, parsed and linked in ${ms(readMs / 1000)} s`);
  console.log(
    `documents indexed: ${count(documents.length)} (${count(byKind.note)} notes, ${count(byKind.inquiry)} inquiring lines, ${count(byKind.paper)} papers; ${count(byKind.stubs)} of them stubs); graph nodes with tags: ${count(graph.nodes.size)}; body text ${mb(bodyChars * 2)} MB in memory (${count(bodyChars)} characters); ${count(index.words)} distinct words`,
  );
  console.log(`queries: ${count(queries.length)}, seed ${values.seed}: ${[...trellisByType].map(([t, v]) => `${v.length} ${t}`).join(', ')}\n`);

  console.log('## Index build (median of runs) and memory\n');
  console.log(
    table(
      ['engine', 'runs', 'build wall ms', 'build CPU ms', 'memory MB (heap + typed arrays)'],
      [
        ['Trellis (flexsearch Document, 6 fields)', String(runs), ms(trellis.wallMs), ms(trellis.cpuMs), mb(trellis.bytes)],
        ...(mini ? [['MiniSearch', String(runs), ms(mini.wallMs), ms(mini.cpuMs), mb(mini.bytes)]] : []),
        ...(scan ? [['plain scan (lower-cased copies)', '1', ms(scan.wallMs), ms(scan.cpuMs), mb(scan.bytes)]] : []),
      ],
    ),
  );

  console.log('\n## Trellis query latency alone, ms (its index the only one in the process, as in the server)\n');
  console.log(
    table(
      ['engine', 'wall p50', 'wall p95', 'wall p99', 'wall max', 'CPU p50', 'CPU p95', 'CPU p99'],
      [
        [
          'Trellis (flexsearch + ranking + snippets, 20 results)',
          ms(percentile(alone.wall, 50)),
          ms(percentile(alone.wall, 95)),
          ms(percentile(alone.wall, 99)),
          ms(alone.wall[alone.wall.length - 1] ?? NaN),
          ms(percentile(alone.cpu, 50)),
          ms(percentile(alone.cpu, 95)),
          ms(percentile(alone.cpu, 99)),
        ],
      ],
    ),
  );

  console.log('\n## Query latency, every engine, ms (same process, same queries, interleaved query by query)\n');
  console.log(
    table(
      ['engine', 'wall p50', 'wall p95', 'wall p99', 'wall max', 'CPU p50', 'CPU p95', 'CPU p99', 'mean matches'],
      engines.map((e, k) => {
        const sorted = [...(times[k] ?? [])].sort((a, b) => a - b);
        const cpuSorted = [...(cpuTimes[k] ?? [])].sort((a, b) => a - b);
        const results = found[k] ?? [];
        return [
          e.name,
          ms(percentile(sorted, 50)),
          ms(percentile(sorted, 95)),
          ms(percentile(sorted, 99)),
          ms(sorted[sorted.length - 1] ?? NaN),
          ms(percentile(cpuSorted, 50)),
          ms(percentile(cpuSorted, 95)),
          ms(percentile(cpuSorted, 99)),
          count(Math.round(results.reduce((a, b) => a + b, 0) / (results.length || 1))),
        ];
      }),
    ),
  );

  console.log('\n## Trellis query latency by type of query, ms\n');
  console.log(
    table(
      ['type', 'queries', 'p50', 'p95', 'max'],
      [...trellisByType].map(([t, v]) => {
        const sorted = [...v].sort((a, b) => a - b);
        return [t, String(v.length), ms(percentile(sorted, 50)), ms(percentile(sorted, 95)), ms(sorted[sorted.length - 1] ?? NaN)];
      }),
    ),
  );

  console.log('\n## Trellis query latency by number of matching documents, ms\n');
  console.log(
    table(
      ['matches', 'queries', 'p50', 'p95', 'max'],
      [...trellisByMatches]
        .filter(([, v]) => v.length)
        .map(([band, v]) => {
          const sorted = [...v].sort((a, b) => a - b);
          return [band, String(v.length), ms(percentile(sorted, 50)), ms(percentile(sorted, 95)), ms(sorted[sorted.length - 1] ?? NaN)];
        }),
    ),
  );
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}

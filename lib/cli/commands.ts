import { existsSync, mkdirSync, statSync, watch, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { indexSteps, readCorpus } from '../corpus';
import { runStepsPaused } from '../steps';
import { openStore, storeDir, storeFile } from '../store/db';
import { readGraphSteps } from '../store/graph';
import { warmSearchIndex } from '../search';
import { getSimilarityIndex, warmSimilarityIndex } from '../search/similarity';
import { getTopics } from '../topics/store';
import type { Graph } from '../graph/types';
import type { CliIo } from './io';
import { checkGraph, formatDiagnostic, formatSummary } from './check';
import { exportToGraphml, exportToJson } from './export';
import { readTopicsFile } from '../content/load';
import { checkTopicsFile } from '../topics/compute';

/** Exit statuses: 0 fine, 1 the content (or the output) has a problem, 2 the command line is wrong. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export const CHECK_USAGE = 'trellis check [--content DIR] [--strict] [--format text|json] [--watch]';
export const EXPORT_USAGE = 'trellis export [--content DIR] [--format json|graphml] [--out FILE]';
export const IMPORT_USAGE = 'trellis import <file|dir>... [--out DIR] [--force]';

/** A usage mistake: reported with the command's usage line, exit status 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's options strictly: an unknown option or a stray argument is a usage error. */
function parseOptions<T extends Options>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function pickFormat<F extends string>(value: string | undefined, formats: readonly [F, ...F[]]): F {
  if (value === undefined) return formats[0];
  if ((formats as readonly string[]).includes(value)) return value as F;
  throw new UsageError(`--format must be one of ${formats.join(', ')}, not "${value}"`);
}

/**
 * The content folder: --content, else TRELLIS_CONTENT_DIR, else ./content, relative
 * to the working directory. `shown` is the path as given, for messages.
 */
function readContentFolder(option: string | undefined): { shown: string; dir: string; graph: Graph } {
  const shown = option ?? (process.env.TRELLIS_CONTENT_DIR || 'content');
  const dir = resolve(shown);
  let isFolder = false;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    // Missing: reported below, the same as a file given in place of a folder.
  }
  // The loader reads a missing folder as an empty corpus; a typo must not pass as "no problems".
  if (!isFolder) throw new UsageError(`no content folder at ${shown}`);
  return { shown, dir, graph: readCorpus(dir) };
}

/** Runs a command body, turning usage mistakes into a message and exit status 2. */
export async function withUsage(name: string, usage: string, io: CliIo, body: () => number | Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`trellis ${name}: ${error.message}`);
    io.err(`usage: ${usage}`);
    return EXIT_USAGE;
  }
}

/**
 * `trellis check`: every problem in the content folder, one per line, sorted by
 * file and line, then a summary. Exits 1 on errors, or on warnings with --strict.
 */
export function runCheck(args: readonly string[], io: CliIo): Promise<number> {
  return withUsage('check', CHECK_USAGE, io, () => {
    const values = parseOptions(args, {
      content: { type: 'string' },
      strict: { type: 'boolean' },
      format: { type: 'string' },
      watch: { type: 'boolean' },
    });
    if (values.help) {
      io.out(`usage: ${CHECK_USAGE}`);
      return EXIT_OK;
    }
    const format = pickFormat(values.format, ['text', 'json']);
    if (values.watch && format === 'json') throw new UsageError('--watch prints text; it cannot be used with --format json');
    const { shown, dir, graph } = readContentFolder(values.content);
    const { diagnostics, summary } = checkGraph(graph, checkTopicsFile(graph, readTopicsFile(dir)));

    if (format === 'json') {
      io.out(JSON.stringify({ content: shown, summary, diagnostics }, null, 2));
    } else {
      for (const d of diagnostics) io.out(formatDiagnostic(d, shown));
      io.out(formatSummary(summary));
    }
    if (values.watch) return watchAndCheck(dir, shown, io);
    const failed = summary.errors > 0 || (values.strict === true && summary.warnings > 0);
    return failed ? EXIT_PROBLEMS : EXIT_OK;
  });
}

/**
 * `trellis check --watch`: after the first report, each burst of saves reads the folder
 * again and prints the saved files' problems (or that they have none) and the summary,
 * until Ctrl-C (or `io.signal`).
 */
function watchAndCheck(dir: string, shown: string, io: CliIo): Promise<number> {
  io.out(`watching ${shown} for changes; Ctrl-C to stop`);
  return new Promise((done) => {
    const saved = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const report = () => {
      const files = [...saved].filter((file) => /\.md$/i.test(file)).sort();
      saved.clear();
      if (files.length === 0) return;
      const graph = readCorpus(dir);
      const { diagnostics, summary } = checkGraph(graph, checkTopicsFile(graph, readTopicsFile(dir)));
      for (const file of files) {
        const problems = diagnostics.filter((d) => d.file === file);
        if (problems.length > 0) for (const d of problems) io.out(formatDiagnostic(d, shown));
        else io.out(`${join(shown, file)}: ${existsSync(join(dir, file)) ? 'no problems' : 'removed'}`);
      }
      io.out(formatSummary(summary));
    };
    const watcher = watch(dir, { recursive: true }, (_event, name) => {
      if (name) saved.add(name.split(sep).join('/'));
      clearTimeout(timer);
      timer = setTimeout(report, 200);
    });
    const stop = () => {
      clearTimeout(timer);
      watcher.close();
      process.off('SIGINT', stop);
      done(EXIT_OK);
    };
    if (io.signal) io.signal.addEventListener('abort', stop, { once: true });
    else process.once('SIGINT', stop);
  });
}

/**
 * `trellis export`: the graph as JSON or GraphML, on stdout or into --out FILE.
 * The content's problems do not stop an export; they are counted on stderr.
 */
export function runExport(args: readonly string[], io: CliIo): Promise<number> {
  return withUsage('export', EXPORT_USAGE, io, () => {
    const values = parseOptions(args, {
      content: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    });
    if (values.help) {
      io.out(`usage: ${EXPORT_USAGE}`);
      return EXIT_OK;
    }
    const format = pickFormat(values.format, ['json', 'graphml']);
    const { shown, graph } = readContentFolder(values.content);
    const text = format === 'json' ? exportToJson(graph) : exportToGraphml(graph);

    if (values.out === undefined) {
      io.out(text);
    } else {
      const file = resolve(values.out);
      try {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, `${text}\n`);
      } catch (error) {
        io.err(`trellis export: cannot write ${values.out}: ${(error as Error).message}`);
        return EXIT_PROBLEMS;
      }
      io.err(`wrote ${graph.nodes.size} nodes and ${graph.edges.length} edges to ${values.out}`);
    }
    const errors = graph.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors > 0) io.err(`note: ${shown} has ${errors} content ${errors === 1 ? 'error' : 'errors'}; trellis check lists them`);
    return EXIT_OK;
  });
}

export const INDEX_USAGE = 'trellis index [--content DIR] [--store DIR] [--topics | --only-topics]';

/**
 * `trellis index`: brings the content folder's derived store up to date ahead of time
 * (a deploy step), so the servers that start on it read it instead of parsing the
 * collection: the files' records (only files whose content changed are parsed again),
 * then the search index and the related papers, read back when the store has them for
 * this content, else computed and saved. `--topics` computes the topics too.
 * `--only-topics` is what a server runs in a child process once it has saved the search
 * index and related papers itself (lib/topics/store.ts): the topics alone.
 */
export function runIndex(args: readonly string[], io: CliIo): Promise<number> {
  return withUsage('index', INDEX_USAGE, io, async () => {
    const values = parseOptions(args, { content: { type: 'string' }, store: { type: 'string' }, topics: { type: 'boolean' }, 'only-topics': { type: 'boolean' } });
    if (values.help) {
      io.out(`usage: ${INDEX_USAGE}`);
      return EXIT_OK;
    }
    const shown = values.content ?? (process.env.TRELLIS_CONTENT_DIR || 'content');
    const dir = resolve(shown);
    if (!isFolder(dir)) throw new UsageError(`no content folder at ${shown}`);
    const file = storeFile(dir, values.store === undefined ? storeDir() : resolve(values.store));
    const started = performance.now();
    const db = openStore(file, io.err);
    try {
      // In steps, as a server does, so that their garbage is collected as they go (lib/steps.ts `stepPause`).
      const sync = await runStepsPaused(indexSteps(db, dir));
      const unchanged = sync.paths.length - sync.parsed;
      io.out(
        `indexed ${shown}: ${sync.fileCount.toLocaleString('en')} files, ${sync.parsed.toLocaleString('en')} parsed, ` +
          `${unchanged.toLocaleString('en')} unchanged, ${sync.removed.toLocaleString('en')} removed, in ${secondsSince(started)} s`,
      );
      const graph = await runStepsPaused(readGraphSteps(db, sync));
      if (!values['only-topics']) await indexSearch(graph, io);
      if (values.topics || values['only-topics']) indexTopics(graph, dir, io);
      db.pragma('wal_checkpoint(TRUNCATE)');
      io.out(`store: ${file} (${(statSync(file).size / 1048576).toFixed(1)} MB)`);
    } finally {
      db.close();
    }
    return EXIT_OK;
  });
}

const secondsSince = (started: number): string => ((performance.now() - started) / 1000).toFixed(1);

/** The search index and the related papers' vectors, read back from the store or computed and saved there, as a server would. */
async function indexSearch(graph: Graph, io: CliIo): Promise<void> {
  let started = performance.now();
  const search = await warmSearchIndex(graph);
  io.out(`search: ${search.size.toLocaleString('en')} documents, ${search.words.toLocaleString('en')} words, in ${secondsSince(started)} s`);
  started = performance.now();
  await warmSimilarityIndex(graph);
  io.out(`related papers: in ${secondsSince(started)} s`);
}

/**
 * The topics, read back from the store or computed and saved there, as a server would
 * (the server runs this itself for a large collection, lib/topics/store.ts). They read
 * the related papers' vectors, and the topics file of `dir`.
 */
function indexTopics(graph: Graph, dir: string, io: CliIo): void {
  const started = performance.now();
  // The topics step reads the topics file of the server's content folder.
  process.env.TRELLIS_CONTENT_DIR = dir;
  getSimilarityIndex(graph);
  const topics = getTopics(graph);
  io.out(`topics: ${topics.topics.size.toLocaleString('en')} (${topics.roots.length.toLocaleString('en')} top-level), in ${secondsSince(started)} s`);
}

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

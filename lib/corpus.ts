import { watch, type FSWatcher } from 'node:fs';
import { resolve, sep } from 'node:path';
import { loadContent } from './content/load';
import { keepLastGood, parseDocument } from './content/parse';
import { buildGraph } from './graph/build';
import { updateDocument } from './graph/update';
import type { Diagnostic, Graph, ParsedDocument } from './graph/types';
import { percent, progressOf, reportProgress } from './progress';
import { formatDiagnostic } from './content/diagnostic-format';
import { BUILD_IN_REQUEST_LIMIT, runSteps, runStepsPaused, stepPause, type Availability } from './steps';
import { discardStore, isCorruption, openStore, storeFile, type StoreDb } from './store/db';
import { saveGraphSnapshotSteps } from './store/graph-snapshot';
import { graphFromRecords, readGraphSteps, readRecords, storeBodies, storeDerived, type FileRecord } from './store/graph';
import { syncChanged, syncSteps, type SyncResult } from './store/sync';

/** The content folder: `TRELLIS_CONTENT_DIR`, else ./content. */
export function contentDir(): string {
  // The comment keeps Next.js's file tracer from taking this for a path into the whole project.
  return resolve(/*turbopackIgnore: true*/ process.env.TRELLIS_CONTENT_DIR || 'content');
}

/**
 * Load, parse and link a content folder in memory: the whole pipeline up to the graph,
 * bodies included. For the CLI and tests; the server reads through the store instead.
 */
export function readCorpus(dir: string): Graph {
  const loaded = loadContent(dir);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const documents: ParsedDocument[] = [];
  for (const raw of loaded.documents) {
    const { doc, diagnostics: found } = parseDocument(raw);
    diagnostics.push(...found);
    if (doc) documents.push(doc);
  }
  return buildGraph({ documents, diagnostics, fileCount: loaded.fileCount });
}

/**
 * Brings a content folder's store up to date (`trellis index`, and every server start):
 * only files whose content changed are parsed again.
 */
export function* indexSteps(db: StoreDb, dir: string): Generator<void, SyncResult> {
  reportProgress('corpus', 0, 0);
  return yield* syncSteps(db, dir, (done, total) => reportProgress('corpus', done, total));
}

/*
 * The server's corpus: one per process, on globalThis rather than in a module
 * variable, because Next bundles the routes and instrumentation.ts (which opens it
 * at start-up) separately, each with its own copy of this module.
 */
const SERVED = Symbol.for('trellis.corpus');
interface Served {
  readonly dir: string;
  db?: StoreDb;
  graph?: Graph;
  /** The content changed since `graph` was built (watch mode). */
  stale: boolean;
  /** The opening under way, shared by the start-up warm and any request that needs it now. */
  opening?: Generator<void, Graph>;
  /** The start-up warm driving `opening` a step at a time, if one is. */
  warming?: Promise<Graph>;
  /** Files the last listing found: how large the opening is. */
  files: number;
  /** Watch mode: the files changed since the graph was built ('all' when a change named none). */
  changed: Set<string> | 'all';
  /** Watch mode: the last sync and every file's record, so an edit rebuilds without reading the store again. */
  sync?: SyncResult;
  records?: Map<string, FileRecord>;
}
const slot = globalThis as { [SERVED]?: Served };

/**
 * Whether to rebuild the graph when content changes: in `next dev`, or when
 * TRELLIS_WATCH=1. A production server reads the corpus once and keeps it.
 */
export function watchingContent(): boolean {
  return process.env.NODE_ENV === 'development' || process.env.TRELLIS_WATCH === '1';
}

/** One watcher per folder per process, surviving module reloads in development. */
const WATCHERS = Symbol.for('trellis.content-watchers');
type Watched = { [WATCHERS]?: Map<string, FSWatcher> };

function watchContent(dir: string, onChange: (path: string | null) => void): void {
  const registry = ((globalThis as Watched)[WATCHERS] ??= new Map());
  registry.get(dir)?.close();
  try {
    // Any change (a file saved, added, deleted or renamed) marks the graph stale;
    // the next request brings the store up to date and rebuilds the graph, so a burst
    // of saves costs one update.
    registry.set(dir, watch(dir, { recursive: true, persistent: false }, (_event, path) => onChange(path ? path.split(sep).join('/') : null)));
  } catch {
    // A folder that cannot be watched is simply read once, as in production.
  }
}

function served(): Served {
  const dir = contentDir();
  const current = slot[SERVED];
  if (current?.dir === dir) return current;
  current?.db?.close();
  const fresh: Served = { dir, stale: false, files: 0, changed: new Set() };
  slot[SERVED] = fresh;
  if (watchingContent())
    watchContent(dir, (path) => {
      if (slot[SERVED] !== fresh) return;
      fresh.stale = true;
      if (path === null) fresh.changed = 'all';
      else if (fresh.changed !== 'all') fresh.changed.add(path);
      if (path !== null) reportWhenSaved(fresh, path);
    });
  return fresh;
}

/** Files saved in the last moment, per served folder, and the timer that reports them. */
const saving = new WeakMap<Served, { files: Set<string>; timer: ReturnType<typeof setTimeout> }>();

/**
 * Watch mode: a moment after a burst of saves, brings the graph up to date and prints
 * each saved file's problems (or that it has none), so the terminal answers the save
 * itself rather than the next page load.
 */
function reportWhenSaved(state: Served, path: string): void {
  const pending = saving.get(state) ?? { files: new Set<string>(), timer: setTimeout(() => {}, 0) };
  clearTimeout(pending.timer);
  pending.files.add(path);
  pending.timer = setTimeout(() => {
    saving.delete(state);
    if (slot[SERVED] !== state) return;
    try {
      for (const line of savedFileReport(getGraph(), pending.files, state.dir)) console.log(line);
    } catch (error) {
      console.log(`trellis: could not read the content after a save: ${(error as Error).message}`);
    }
  }, 150);
  pending.timer.unref?.();
  saving.set(state, pending);
}

/** Opens the store, brings it up to date and reads the graph; a damaged store is discarded and made anew, once. */
function* openingSteps(state: Served): Generator<void, Graph> {
  for (let attempt = 0; ; attempt++) {
    try {
      state.db ??= openStore(storeFile(state.dir));
      state.stale = false;
      state.changed = new Set();
      const sync = yield* indexSteps(state.db, state.dir);
      state.files = sync.fileCount;
      const keep = watchingContent() ? (records: Map<string, FileRecord>) => ((state.records = records), (state.sync = sync)) : undefined;
      const graph = yield* readGraphSteps(state.db, sync, (done, total) => reportProgress('corpus', done, total), keep, codeVersion());
      reportProgress('corpus', sync.fileCount, sync.fileCount, true);
      if (sync.parsed || sync.removed) {
        console.log(`trellis: store updated: ${sync.parsed.toLocaleString('en')} files parsed, ${sync.removed.toLocaleString('en')} removed, of ${sync.fileCount.toLocaleString('en')}`);
      }
      state.graph = graph;
      return graph;
    } catch (error) {
      if (attempt > 0 || !state.db || !isCorruption(error)) throw error;
      console.log(`trellis: the store ${state.db.name} is damaged (${(error as Error).message}); rebuilding it from the content folder`);
      discardStore(state.db);
      state.db = undefined;
    }
  }
}

/** Runs (or joins) the opening to its end now. */
function openNow(state: Served): Graph {
  state.opening ??= openingSteps(state);
  try {
    return runSteps(state.opening);
  } finally {
    state.opening = undefined;
  }
}

/**
 * The graph of the configured content folder, read through the store once per
 * process. Every page, route handler and index starts here; none of them reads
 * files. While developing, a change in the folder makes the next call bring the
 * store up to date (only changed files are parsed again) and rebuild the graph: a
 * file saved half-written shows as that file's error, and the rest of the site stays up.
 */
export function getGraph(): Graph {
  const state = served();
  if (state.graph && !state.stale) return state.graph;
  return (state.graph && updateChanged(state)) || openNow(state);
}

/**
 * Watch mode: brings only the files a watcher named up to date, and rebuilds the graph
 * from the records kept in memory. Undefined when that cannot be done (no records yet,
 * a change that named no file, a folder renamed): the caller reads everything again.
 */
function updateChanged(state: Served): Graph | undefined {
  const { db, sync, records, changed } = state;
  if (!db || !sync || !records || changed === 'all') return undefined;
  state.stale = false;
  state.changed = new Set();
  const updated = syncChanged(db, state.dir, sync, changed);
  if (!updated) return undefined;
  const before = new Map([...changed].map((path) => [path, records.get(path)]));
  readRecords(db, changed, records);
  // A file saved half-written keeps its last good title and URL (keepLastGood).
  for (const [path, previous] of before) {
    const next = records.get(path);
    if (next) records.set(path, keepLastGood(previous, next));
  }
  state.sync = updated;
  state.graph = patchedGraph(db, state.graph, before, records, updated) ?? graphFromRecords(db, updated, records);
  return state.graph;
}

/**
 * The graph with one edited document patched in (lib/graph/update.ts), when the
 * edit touched one file that was and still is a document; otherwise undefined.
 */
function patchedGraph(db: StoreDb, graph: Graph | undefined, before: ReadonlyMap<string, FileRecord | undefined>, records: ReadonlyMap<string, FileRecord>, sync: SyncResult): Graph | undefined {
  if (!graph || before.size !== 1) return undefined;
  const [path, old] = [...before][0] as [string, FileRecord | undefined];
  const now = records.get(path);
  if (!old?.doc || !now?.doc) return undefined;
  const patched = updateDocument(graph, { before: old.doc, beforeDiagnostics: old.diagnostics, after: now.doc, afterDiagnostics: now.diagnostics }, (file) => records.get(file)?.doc);
  // Bodies read anew (the edited one is cached by the old reader); indexes saved under the new version.
  return patched && { ...patched, bodies: storeBodies(db), derived: storeDerived(db, sync.fingerprint) };
}

/** The version of the code that serves (the Next.js build id, set by server/server.mjs); graph snapshots are kept per version. */
function codeVersion(): string | undefined {
  return process.env.TRELLIS_CODE_VERSION || undefined;
}

/**
 * Saves the served graph's snapshot in the store, so that the next start on the same
 * content reads it back instead of building it (lib/store/graph-snapshot.ts). Nothing
 * to do when it was read from one, in watch mode, or without a code version. A failure
 * costs the next start its shortcut, not this one its graph: it is logged, not thrown.
 */
export async function saveGraphSnapshotOnce(): Promise<void> {
  const state = slot[SERVED];
  if (!state?.graph || state.stale || watchingContent()) return;
  try {
    const started = performance.now();
    if (await runStepsPaused(saveGraphSnapshotSteps(state.graph, codeVersion()))) {
      console.log(`trellis: graph saved in the store for the next start in ${Math.round(performance.now() - started)} ms`);
    }
  } catch (error) {
    console.log(`trellis: the graph could not be saved in the store (${(error as Error).message}); the next start builds it again`);
  }
}

/**
 * Opens the corpus a few hundred files at a time, so that a server starting on a
 * large folder answers meanwhile (instrumentation.ts). A request that needs the
 * graph before then finishes the same opening (`getGraph`), or is told to come back
 * (`corpusBusy`).
 */
export function warmGraph(): Promise<Graph> {
  const state = served();
  if (state.graph && !state.stale) return Promise.resolve(state.graph);
  // One loop drives the opening: a second caller (a health check during start-up) waits
  // for it. A request that finishes the opening itself (`getGraph`) ends the loop too.
  state.warming ??= (async () => {
    const opening = (state.opening ??= openingSteps(state));
    try {
      for (;;) {
        const step = opening.next();
        if (step.done) return step.value;
        await stepPause();
        if (state.opening !== opening && state.graph) return state.graph;
      }
    } finally {
      if (state.opening === opening) state.opening = undefined;
      state.warming = undefined;
    }
  })();
  return state.warming;
}

/**
 * Whether the graph is being read and too large to finish inside a request: the
 * server then answers 503 with the progress instead of making the reader wait.
 */
export function corpusBusy(): Availability {
  const state = slot[SERVED];
  if (!state?.opening || state.graph) return { busy: false };
  const progress = progressOf('corpus');
  if ((progress?.total ?? 0) < BUILD_IN_REQUEST_LIMIT && state.files < BUILD_IN_REQUEST_LIMIT) return { busy: false };
  return { busy: true, percent: percent(progress) };
}

/** The graph when it is ready, without doing any work for it. */
export function peekGraph(): Graph | undefined {
  const state = slot[SERVED];
  return state?.graph && !state.stale ? state.graph : undefined;
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

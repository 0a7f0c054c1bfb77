import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeFile, defaultLoadOptions, kindOfPath, listContentFiles, type ContentFile, type LoadOptions } from '../content/load';
import { parseDocument } from '../content/parse';
import type { Diagnostic, ParsedDocument } from '../graph/types';
import { analyseBody } from '../search/terms';
import { DOCUMENTS_PER_STEP } from '../steps';
import type { StoreDb } from './db';

/*
 * Brings the store in line with the content folder: every file is listed and
 * stat'ed; one whose size and modification time match its row is not read again;
 * any other is read and hashed, and parsed only when its hash changed. Rows of
 * files that are gone are deleted. Writes go in transactions of a few hundred
 * files, each complete in itself, so a build killed half-way leaves rows that are
 * all true, and the next start carries on from them.
 */

/** What a sync found: the files in load order and what was done to bring the store up to date. */
export interface SyncResult {
  /** Content paths of the files that have rows, in load order. */
  readonly paths: readonly string[];
  /** Problems found without reading a file (a symbolic link, a file outside the kind folders). */
  readonly diagnostics: readonly Diagnostic[];
  /** Every Markdown file found, readable or not. */
  readonly fileCount: number;
  /** Files read and parsed again because they are new or their content changed. */
  readonly parsed: number;
  /** Rows deleted because their file is gone. */
  readonly removed: number;
  /** A hash of every file's path and content hash: equal fingerprints, equal content. */
  readonly fingerprint: string;
  /** Each file's content hash, in the order of `paths` (so that a watched edit need not read them all again). */
  readonly hashes: readonly string[];
}

interface Row {
  readonly path: string;
  readonly size: number;
  readonly mtime: number;
  readonly hash: string;
}

/** What the store keeps of one file, derived from its bytes alone. */
interface FileRecord {
  readonly doc: string | null;
  readonly diagnostics: string;
  readonly body: string | null;
  readonly words: string | null;
  readonly terms: string | null;
}

/**
 * Parses one file's bytes into the columns the store keeps for it. `bytes` is absent
 * for a file over the size limit, which is never read.
 */
export function deriveRecord(path: string, bytes: Buffer | undefined, size: number, options: LoadOptions = defaultLoadOptions): FileRecord {
  const kind = kindOfPath(path);
  if (typeof kind !== 'string') return { doc: null, diagnostics: JSON.stringify([kind]), body: null, words: null, terms: null };
  if (!bytes || size > options.maxFileBytes) {
    const tooLarge: Diagnostic = {
      severity: 'error',
      code: 'too-large',
      file: path,
      message: `file is ${(size / 1048576).toFixed(1)} MB, over the ${(options.maxFileBytes / 1048576).toFixed(1)} MB limit; not loaded`,
    };
    return { doc: null, diagnostics: JSON.stringify([tooLarge]), body: null, words: null, terms: null };
  }
  const raw = decodeFile(path, kind, bytes);
  if (!('text' in raw)) return { doc: null, diagnostics: JSON.stringify([raw]), body: null, words: null, terms: null };
  const { doc, diagnostics } = parseDocument(raw);
  if (!doc) return { doc: null, diagnostics: JSON.stringify(diagnostics), body: null, words: null, terms: null };
  const { body } = doc;
  return {
    // The body has its own column, read only when a page or a snippet needs it.
    doc: JSON.stringify({ ...doc, body: '' } satisfies ParsedDocument),
    diagnostics: JSON.stringify(diagnostics),
    body,
    ...(body ? analysed(body) : { words: '', terms: '[]' }),
  };
}

/** A body's search words and similarity terms, as stored. */
function analysed(body: string): { words: string; terms: string } {
  const { words, terms } = analyseBody(body);
  return { words, terms: JSON.stringify(terms) };
}

/** The statements a sync runs, prepared once per sync. */
function statements(db: StoreDb) {
  return {
    upsert: db.prepare(
      `INSERT INTO files (path, size, mtime, hash, doc, diagnostics, body, words, terms)
       VALUES (@path, @size, @mtime, @hash, @doc, @diagnostics, @body, @words, @terms)
       ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, hash = excluded.hash, doc = excluded.doc,
         diagnostics = excluded.diagnostics, body = excluded.body, words = excluded.words, terms = excluded.terms`,
    ),
    touch: db.prepare('UPDATE files SET size = ?, mtime = ? WHERE path = ?'),
    remove: db.prepare('DELETE FROM files WHERE path = ?'),
    row: db.prepare('SELECT path, size, mtime, hash FROM files WHERE path = ?'),
  };
}
type Statements = ReturnType<typeof statements>;

/**
 * Brings one file's row up to date: not read when its size and time match the row,
 * read and hashed otherwise, parsed only when the hash changed. Returns its content
 * hash and whether it was parsed, or undefined when the file is gone.
 */
function syncFile(sql: Statements, file: ContentFile, row: Row | undefined, options: LoadOptions): { hash: string; parsed: boolean } | undefined {
  let stat;
  try {
    stat = statSync(file.full);
  } catch {
    return undefined; // Deleted between the listing and now: the next sync sees it gone.
  }
  if (row && row.size === stat.size && row.mtime === stat.mtimeMs) return { hash: row.hash, parsed: false };
  const tooLarge = stat.size > options.maxFileBytes;
  const bytes = tooLarge ? undefined : readFileSync(file.full);
  // An oversized file is never read: its size and time stand for its content.
  const hash = bytes ? createHash('sha1').update(bytes).digest('hex') : `size:${stat.size}:${stat.mtimeMs}`;
  if (row?.hash === hash) {
    sql.touch.run(stat.size, stat.mtimeMs, file.path);
    return { hash, parsed: false };
  }
  sql.upsert.run({ path: file.path, size: stat.size, mtime: stat.mtimeMs, hash, ...deriveRecord(file.path, bytes, stat.size, options) });
  return { hash, parsed: true };
}

/** A hash of every listed file's path and content hash: equal fingerprints, equal content. */
function fingerprintOf(paths: readonly string[], hashOf: (path: string, i: number) => string | undefined): string {
  const fingerprint = createHash('sha1');
  paths.forEach((path, i) => fingerprint.update(`${path}\0${hashOf(path, i) ?? ''}\n`));
  return fingerprint.digest('hex');
}

/** Whether a file's size and modification time still match its row: then it is not read. */
function isUnchanged(file: ContentFile, row: Row | undefined): boolean {
  if (!row) return false;
  try {
    const stat = statSync(file.full);
    return row.size === stat.size && row.mtime === stat.mtimeMs;
  } catch {
    return false; // Gone: syncFile says so, in the write pass.
  }
}

/** The steps of a sync; `progress(done, total)` is told after each batch. */
export function* syncSteps(db: StoreDb, root: string, progress?: (done: number, total: number) => void, options: LoadOptions = defaultLoadOptions): Generator<void, SyncResult> {
  const { files, diagnostics } = listContentFiles(root);
  const known = new Map<string, Row>();
  for (const row of db.prepare('SELECT path, size, mtime, hash FROM files').iterate() as Iterable<Row>) known.set(row.path, row);
  const sql = statements(db);
  // Each file's content hash, by its place in `files`; undefined for a file gone meanwhile.
  const hashOf: (string | undefined)[] = new Array(files.length);
  let parsed = 0;
  // First the files whose size and time match their rows (on a restart, all of them):
  // a stat each, and no write, so no write lock is taken for them.
  const changed: number[] = [];
  for (const [i, file] of files.entries()) {
    const row = known.get(file.path);
    if (row && isUnchanged(file, row)) hashOf[i] = row.hash;
    else changed.push(i);
    if (i % (DOCUMENTS_PER_STEP * 8) === DOCUMENTS_PER_STEP * 8 - 1) yield;
  }
  const syncBatch = db.transaction((batch: readonly number[]) => {
    for (const i of batch) {
      const file = files[i] as ContentFile;
      const synced = syncFile(sql, file, known.get(file.path), options);
      hashOf[i] = synced?.hash;
      if (synced?.parsed) parsed++;
    }
  });
  for (let at = 0; at < changed.length; at += DOCUMENTS_PER_STEP) {
    // IMMEDIATE: take the write lock before reading, so that a second process building the
    // same store waits for it (busy timeout) instead of failing to upgrade a read.
    syncBatch.immediate(changed.slice(at, at + DOCUMENTS_PER_STEP));
    progress?.(files.length - changed.length + Math.min(changed.length, at + DOCUMENTS_PER_STEP), files.length);
    if (at + DOCUMENTS_PER_STEP < changed.length) yield;
  }
  const paths: string[] = [];
  const hashes: string[] = [];
  files.forEach((file, i) => {
    const hash = hashOf[i];
    if (hash === undefined) return;
    paths.push(file.path);
    hashes.push(hash);
  });
  const present = new Set(paths);
  const gone = [...known.keys()].filter((path) => !present.has(path));
  db.transaction(() => {
    for (const path of gone) sql.remove.run(path);
  }).immediate();
  const fingerprint = fingerprintOf(paths, (_, i) => hashes[i]);
  return { paths, hashes, diagnostics, fileCount: files.length, parsed, removed: gone.length, fingerprint };
}

/** Load order (lib/content/load.ts): depth first, each folder's entries sorted by name. */
function compareLoadOrder(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] as string;
    const q = y[i] as string;
    if (p !== q) return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/**
 * Brings the rows of the files a watcher saw change up to date, without listing the
 * folder: what makes an edit show in a second on a collection of 100,000 files.
 * Returns undefined when a change cannot be handled file by file (a folder added,
 * renamed or deleted, a symbolic link): the caller then syncs the whole folder.
 */
export function syncChanged(db: StoreDb, root: string, previous: SyncResult, changed: Iterable<string>, options: LoadOptions = defaultLoadOptions): SyncResult | undefined {
  const sql = statements(db);
  const paths = new Set(previous.paths);
  const hashes = new Map<string, string>();
  let parsed = 0;
  let removed = 0;
  let handled = true;
  db.transaction(() => {
    for (const path of new Set(changed)) {
      if (path.split('/').some((part) => part.startsWith('.'))) continue; // hidden: never loaded
      const full = join(root, path);
      let stat;
      try {
        stat = lstatSync(full);
      } catch {
        stat = undefined;
      }
      if (!/\.md$/i.test(path) || stat?.isSymbolicLink() || (stat && !stat.isFile())) {
        handled = false; // a folder, a link, or something else: only a listing says what changed
        return;
      }
      if (!stat) {
        if (paths.delete(path)) removed++;
        sql.remove.run(path);
        continue;
      }
      const synced = syncFile(sql, { path, full }, sql.row.get(path) as Row | undefined, options);
      if (!synced) continue;
      paths.add(path);
      hashes.set(path, synced.hash);
      if (synced.parsed) parsed++;
    }
  }).immediate();
  if (!handled) return undefined;
  // An edit keeps the files as they were: sorting 50,000 paths again was a third of an edit's update.
  const same = paths.size === previous.paths.length && previous.paths.every((path) => paths.has(path));
  const ordered = same ? previous.paths : [...paths].sort(compareLoadOrder);
  const before = new Map(previous.paths.map((path, i) => [path, previous.hashes[i] as string]));
  const orderedHashes = ordered.map((path) => hashes.get(path) ?? before.get(path) ?? '');
  return {
    ...previous,
    paths: ordered,
    hashes: orderedHashes,
    fileCount: previous.fileCount + (ordered.length - previous.paths.length),
    parsed,
    removed,
    fingerprint: fingerprintOf(ordered, (_, i) => orderedHashes[i]),
  };
}

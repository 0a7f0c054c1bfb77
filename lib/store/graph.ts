import { buildGraph } from '../graph/build';
import type { BodySource, DerivedCache, DerivedPart, Diagnostic, Graph, ParsedDocument } from '../graph/types';
import { collectIfGrown, DOCUMENTS_PER_STEP } from '../steps';
import type { StoreDb } from './db';
import { readGraphSnapshotSteps } from './graph-snapshot';
import type { SyncResult } from './sync';

/** Bodies most recently read, kept so that a search's phrase check and its snippet read a body once. */
const RECENT_BODIES = 64;

/**
 * Bodies, search words and similarity terms read from the store on demand, one row at a
 * time: the server's heap holds none of them for long.
 */
export function storeBodies(db: StoreDb): BodySource {
  const body = db.prepare('SELECT body FROM files WHERE path = ?').pluck();
  const words = db.prepare('SELECT words FROM files WHERE path = ?').pluck();
  const terms = db.prepare('SELECT terms FROM files WHERE path = ?').pluck();
  const recent = new Map<string, string>();
  return {
    read(path) {
      let text = recent.get(path);
      if (text === undefined) {
        text = (body.get(path) as string | null | undefined) ?? '';
        if (recent.size >= RECENT_BODIES) recent.delete(recent.keys().next().value as string);
        recent.set(path, text);
      }
      return text;
    },
    words: (path) => (words.get(path) as string | null | undefined) ?? '',
    terms: (path) => JSON.parse((terms.get(path) as string | null | undefined) ?? '[]') as [string, number][],
  };
}

/** A part's data as SQLite stores it: text, or a blob over the same bytes. */
function toColumn(data: string | Uint8Array): string | Buffer {
  return typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Indexes saved for one version of the content (its fingerprint): what another
 * version saved is never handed out, and saving replaces it.
 */
export function storeDerived(db: StoreDb, fingerprint: string): DerivedCache {
  const rows = db.prepare('SELECT key, data FROM derived WHERE name = ? AND fingerprint = ?');
  const drop = db.prepare('DELETE FROM derived WHERE name = ?');
  const anyRows = db.prepare('SELECT key, data FROM derived WHERE name = ?');
  const insert = db.prepare('INSERT INTO derived (name, key, fingerprint, data) VALUES (?, ?, ?, ?)');
  const parts = (found: { key: string; data: string | Buffer }[]) =>
    found.some((row) => row.key === 'meta') ? found.map((row): DerivedPart => [row.key, typeof row.data === 'string' ? row.data : new Uint8Array(row.data)]) : undefined;
  return {
    load: (name) => parts(rows.all(name, fingerprint) as { key: string; data: string | Buffer }[]),
    loadPrevious: (name) => parts(anyRows.all(name) as { key: string; data: string | Buffer }[]),
    save(name, parts) {
      db.transaction(() => {
        drop.run(name);
        for (const [key, data] of parts) {
          insert.run(name, key, fingerprint, toColumn(data));
          // Each part is garbage once written: a large index's save makes hundreds of MB of it.
          collectIfGrown();
        }
      }).immediate();
    },
    *saveSteps(name, parts) {
      drop.run(name);
      let meta: DerivedPart | undefined;
      for (const part of parts) {
        if (part[0] === 'meta') meta = part;
        else insert.run(name, part[0], fingerprint, toColumn(part[1]));
        yield;
      }
      if (meta) insert.run(name, meta[0], fingerprint, toColumn(meta[1]));
    },
  };
}

/** What the graph needs of one file's row: its parsed document (when it is one) and its problems. */
export interface FileRecord {
  readonly doc?: ParsedDocument;
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads the records of some files from the store (every file a sync listed, or the few that changed). */
export function readRecords(db: StoreDb, paths: Iterable<string>, into = new Map<string, FileRecord>()): Map<string, FileRecord> {
  const row = db.prepare('SELECT doc, diagnostics FROM files WHERE path = ?');
  for (const path of paths) {
    const found = row.get(path) as { doc: string | null; diagnostics: string } | undefined;
    if (!found) into.delete(path);
    else into.set(path, { ...(found.doc ? { doc: JSON.parse(found.doc) as ParsedDocument } : {}), diagnostics: JSON.parse(found.diagnostics) as Diagnostic[] });
  }
  return into;
}

/**
 * The graph of the files a sync listed, from their records (bodies left on disk), in
 * load order, so the graph is the one `readCorpus` builds from the same files.
 */
export function graphFromRecords(db: StoreDb, sync: SyncResult, records: ReadonlyMap<string, FileRecord>): Graph {
  const documents: ParsedDocument[] = [];
  // Problems found without reading come first, as loadContent reports them.
  const diagnostics: Diagnostic[] = [...sync.diagnostics];
  for (const path of sync.paths) {
    const record = records.get(path);
    if (!record) continue;
    diagnostics.push(...record.diagnostics);
    if (record.doc) documents.push(record.doc);
  }
  return { ...buildGraph({ documents, diagnostics, fileCount: sync.fileCount, bodies: storeBodies(db) }), derived: storeDerived(db, sync.fingerprint) };
}

/**
 * The graph of the files a sync listed: read back from its snapshot when this code saved
 * one for this content (lib/store/graph-snapshot.ts), else every record read and the graph
 * built from them. `keep` receives the records (watch mode keeps them, so it always reads
 * them); `code` is the code's version, without which no snapshot is read.
 */
export function* readGraphSteps(
  db: StoreDb,
  sync: SyncResult,
  progress?: (done: number, total: number) => void,
  keep?: (records: Map<string, FileRecord>) => void,
  code?: string,
): Generator<void, Graph> {
  if (!keep && code) {
    const snapshot = yield* readGraphSnapshotSteps(storeDerived(db, sync.fingerprint), code, storeBodies(db));
    if (snapshot) return snapshot;
  }
  const records = new Map<string, FileRecord>();
  const batch = DOCUMENTS_PER_STEP * 8;
  for (let at = 0; at < sync.paths.length; at += batch) {
    readRecords(db, sync.paths.slice(at, at + batch), records);
    progress?.(at, sync.paths.length);
    yield;
  }
  keep?.(records);
  return graphFromRecords(db, sync, records);
}

import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';

/*
 * The derived store: one SQLite file per content folder, holding what Trellis derives
 * from each file (its parsed frontmatter, body, diagnostics, search words and
 * similarity terms), keyed by the file's content hash. The content folder stays the
 * source of truth: the store can be deleted at any time and is rebuilt from it.
 */

/**
 * The shape of what the store holds. Bump it whenever a stored column changes meaning
 * (the parser's output, the search words, the similarity terms): a store of another
 * version is rebuilt, never read.
 */
export const STORE_VERSION = 4;

export type StoreDb = Database.Database;

/** The folder stores live in: `TRELLIS_STORE_DIR`, else `.trellis/` in the working folder. */
export function storeDir(): string {
  return resolve(/*turbopackIgnore: true*/ process.env.TRELLIS_STORE_DIR || '.trellis');
}

/** The store file of a content folder: one per folder, so test fixtures and real content never share one. */
export function storeFile(contentDir: string, dir = storeDir()): string {
  const key = createHash('sha256').update(resolve(contentDir)).digest('hex').slice(0, 16);
  return join(dir, `store-${key}.sqlite`);
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,      -- relative to the content folder
    size INTEGER NOT NULL,      -- bytes on disk when read
    mtime REAL NOT NULL,        -- modification time (ms) when read
    hash TEXT NOT NULL,         -- sha1 of the bytes: what every other column is derived from
    doc TEXT,                   -- the parsed document without its body, JSON; NULL when it is not one
    diagnostics TEXT NOT NULL,  -- JSON array of the file's problems
    body TEXT,                  -- the Markdown body
    words TEXT,                 -- the body's distinct words, for the search index
    terms TEXT                  -- the body's term counts, JSON, for related papers
  );
  CREATE TABLE IF NOT EXISTS derived (
    name TEXT NOT NULL,         -- the index, e.g. 'search'
    key TEXT NOT NULL,          -- a part of it
    fingerprint TEXT NOT NULL,  -- the content it was derived from (SyncResult.fingerprint)
    data BLOB NOT NULL,         -- text or bytes
    PRIMARY KEY (name, key)
  );
`;

/** Why an existing store file was not used, or undefined when it was. */
type Rejection = string | undefined;

function check(db: StoreDb): Rejection {
  const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (!table) return 'not a Trellis store';
  const row = db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as { value: string } | undefined;
  if (row?.value !== String(STORE_VERSION)) return `of another version (${row?.value ?? 'none'}, this one reads ${STORE_VERSION})`;
  return undefined;
}

function removeStore(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

function connect(file: string): StoreDb {
  const db = new Database(file, { timeout: 60_000 });
  // WAL: readers (other server processes) never wait for a writer, and a crash mid-write
  // leaves the last committed state. NORMAL is durable enough for a cache of content.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

/**
 * Opens (or creates) the store file. A file that is corrupt, not a store, or of another
 * version is deleted and made anew, with one line on the console saying why: it is
 * only ever derived data.
 */
export function openStore(file: string, log: (line: string) => void = console.log): StoreDb {
  mkdirSync(join(file, '..'), { recursive: true });
  let db: StoreDb | undefined;
  let rejection: Rejection;
  try {
    db = connect(file);
    rejection = check(db);
    // A fresh file has no tables yet: it is simply new, not rejected.
    if (rejection === 'not a Trellis store' && (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n === 0) rejection = undefined;
  } catch (error) {
    rejection = `unreadable (${(error as Error).message})`;
  }
  if (rejection) {
    db?.close();
    log(`trellis: the store ${file} is ${rejection}; rebuilding it from the content folder`);
    removeStore(file);
    db = connect(file);
  }
  const opened = db as StoreDb;
  opened.exec(SCHEMA);
  opened.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('version', ?)").run(String(STORE_VERSION));
  return opened;
}

/** True when an error is SQLite saying the file is damaged: the caller rebuilds the store. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code ?? '';
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT_') || code.startsWith('SQLITE_IOERR');
}

/** Deletes a damaged store file so that the next open makes it anew. */
export function discardStore(db: StoreDb): void {
  const file = db.name;
  try {
    db.close();
  } catch {
    // Already unusable: removing the file is what matters.
  }
  removeStore(file);
}

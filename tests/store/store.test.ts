import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync, unlinkSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexSteps, readCorpus } from '../../lib/corpus';
import { bodyOf } from '../../lib/graph/body';
import type { Graph } from '../../lib/graph/types';
import { buildSearchIndex, getSearchIndex } from '../../lib/search/index';
import { buildSimilarityIndex, getSimilarityIndex } from '../../lib/search/similarity';
import { runSteps } from '../../lib/steps';
import { openStore, STORE_VERSION, storeFile, type StoreDb } from '../../lib/store/db';
import { readGraphSteps } from '../../lib/store/graph';
import { syncChanged, syncSteps } from '../../lib/store/sync';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
/** A fixture with notes, inquiring lines, papers, stubs, tags and broken files. */
const FIXTURE = join(root, 'tests', 'fixtures', 'bad-corpus');

let work: string;
let content: string;
let file: string;
const opened: StoreDb[] = [];
const quiet = () => undefined;

function open(log: (line: string) => void = quiet): StoreDb {
  const db = openStore(file, log);
  opened.push(db);
  return db;
}

/** The graph as the server reads it: through the store. */
function graphFromStore(db: StoreDb): Graph {
  const sync = runSteps(syncSteps(db, content));
  return runSteps(readGraphSteps(db, sync));
}

/** What a reader can see of a graph: nodes with their fields, edges, problems, bodies. */
function visible(graph: Graph) {
  return {
    nodes: [...graph.nodes.values()].map((n) => ({ ...n, body: bodyOf(graph, n) })),
    edges: graph.edges,
    diagnostics: [...graph.diagnostics].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    fileCount: graph.fileCount,
  };
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'trellis-store-'));
  content = join(work, 'content');
  cpSync(FIXTURE, content, { recursive: true });
  file = storeFile(content, join(work, 'store'));
});

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the derived store', () => {
  it('gives the graph that reading the files gives: the same nodes, edges, problems and bodies', () => {
    const fromStore = graphFromStore(open());
    expect(fromStore.nodes.size).toBeGreaterThan(20);
    expect(visible(fromStore)).toEqual(visible(readCorpus(content)));
  });

  it('gives the same search results and related papers as the files themselves', () => {
    const fromStore = graphFromStore(open());
    const inMemory = readCorpus(content);
    const [stored, direct] = [buildSearchIndex(fromStore), buildSearchIndex(inMemory)];
    const queries = ['sycophancy', 'reasoning training', '"expert pushback"', 'flatery', 'note'];
    for (const q of queries) expect(stored.search(q), q).toEqual(direct.search(q));
    const papers = [...inMemory.nodes.values()].filter((n) => n.kind !== 'tag').map((n) => n.id);
    expect(papers.length).toBeGreaterThan(10);
    const [storedSim, directSim] = [buildSimilarityIndex(fromStore), buildSimilarityIndex(inMemory)];
    for (const id of papers) expect(storedSim.similarPapers(id, 8), id).toEqual(directSim.similarPapers(id, 8));
  });

  it('parses nothing again on a restart with the same content, and only what changed after an edit', () => {
    const first = runSteps(indexSteps(open(), content));
    expect(first.parsed).toBe(first.paths.length);
    const db = open();
    const again = runSteps(indexSteps(db, content));
    expect(again).toMatchObject({ parsed: 0, removed: 0, fingerprint: first.fingerprint });

    // Touched but not changed: read and hashed, not parsed.
    const note = join(content, 'notes', 'emoji-title.md');
    utimesSync(note, new Date(), new Date(Date.now() + 5000));
    expect(runSteps(indexSteps(db, content))).toMatchObject({ parsed: 0, fingerprint: first.fingerprint });

    writeFileSync(note, '---\ntitle: A title edited while the server was stopped\n---\nNew words: zyxwvut.\n');
    const edited = runSteps(indexSteps(db, content));
    expect(edited.parsed).toBe(1);
    expect(edited.fingerprint).not.toBe(first.fingerprint);
    const graph = runSteps(readGraphSteps(db, edited));
    const titles = [...graph.nodes.values()].map((n) => n.title);
    expect(titles).toContain('A title edited while the server was stopped');
    expect(buildSearchIndex(graph).search('zyxwvut').results.map((r) => r.title)).toEqual(['A title edited while the server was stopped']);

    unlinkSync(note);
    expect(runSteps(indexSteps(db, content))).toMatchObject({ parsed: 0, removed: 1 });
  });

  it('carries on after a build killed half-way: rows written are kept, the rest are parsed', () => {
    const db = open();
    const steps = syncSteps(db, content);
    steps.next(); // one batch written, then the "process dies"
    const written = (db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n;
    expect(written).toBeGreaterThan(0);
    const total = runSteps(syncSteps(open(), content));
    expect(total.parsed).toBe(total.paths.length - written);
    expect(visible(graphFromStore(open()))).toEqual(visible(readCorpus(content)));
  });

  it('rebuilds a corrupt store, a store of another version and a file that is not a store, saying so once', () => {
    runSteps(indexSteps(open(), content));
    for (const db of opened.splice(0)) db.close();

    const damage: [string, () => void][] = [
      ['is unreadable', () => writeFileSync(file, Buffer.alloc(8192, 0x5a))],
      [
        `of another version`,
        () => {
          const db = new Database(file);
          db.prepare("UPDATE meta SET value = 'old' WHERE key = 'version'").run();
          db.close();
        },
      ],
    ];
    for (const [said, harm] of damage) {
      harm();
      const lines: string[] = [];
      const db = open((line) => lines.push(line));
      expect(lines, said).toHaveLength(1);
      expect(lines[0]).toContain(said.split(' ')[1] ?? said);
      expect(lines[0]).toContain(file);
      expect(visible(graphFromStore(db))).toEqual(visible(readCorpus(content)));
      expect((db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as { value: string }).value).toBe(String(STORE_VERSION));
      db.close();
    }
  });

  it('is not corrupted by two processes building it at once', async () => {
    const index = () => run(process.execPath, [join(root, 'bin', 'trellis.mjs'), 'index', '--content', content, '--store', join(work, 'store')], { cwd: root });
    const [a, b] = await Promise.all([index(), index()]);
    for (const out of [a.stdout, b.stdout]) {
      expect(out).toMatch(/^indexed .*: \d+ files/m);
      expect(out).toMatch(/^search: [1-9][\d,]* documents, [1-9][\d,]* words, in [\d.]+ s$/m);
      expect(out).toMatch(/^related papers: in [\d.]+ s$/m);
    }
    const db = open();
    expect((db.pragma('integrity_check') as { integrity_check: string }[])[0]?.integrity_check).toBe('ok');
    const graph = graphFromStore(db);
    expect(visible(graph)).toEqual(visible(readCorpus(content)));
    // What a server reads back instead of computing: the search index and the related papers.
    expect(graph.derived?.load('search')).toBeDefined();
    expect(graph.derived?.load('similarity')).toBeDefined();
    expect(graph.derived?.load('topics')).toBeUndefined();
  }, 60_000);

  it('computes the topics with `index --topics` and saves them for the servers to read back', async () => {
    const { stdout } = await run(process.execPath, [join(root, 'bin', 'trellis.mjs'), 'index', '--topics', '--content', content, '--store', join(work, 'store')], { cwd: root });
    expect(stdout).toMatch(/^topics: [1-9][\d,]* \([1-9][\d,]* top-level\), in [\d.]+ s$/m);
    const graph = graphFromStore(open());
    expect(graph.derived?.load('topics')).toBeDefined();
    expect(graph.derived?.load('similarity')).toBeDefined();
  }, 60_000);

  it('computes the topics alone with `index --only-topics`, as a server’s child process does', async () => {
    const db = open();
    db.prepare('DELETE FROM derived').run();
    db.close();
    const { stdout } = await run(process.execPath, [join(root, 'bin', 'trellis.mjs'), 'index', '--only-topics', '--content', content, '--store', join(work, 'store')], { cwd: root });
    expect(stdout).toMatch(/^topics: [1-9][\d,]*/m);
    expect(stdout).not.toMatch(/^search:/m);
    const graph = graphFromStore(open());
    expect(graph.derived?.load('topics')).toBeDefined();
    expect(graph.derived?.load('search')).toBeUndefined();
  }, 60_000);

  it('keeps bodies out of the nodes: a page reads its body from the store file', () => {
    const db = open();
    const graph = graphFromStore(db);
    const withBody = [...graph.nodes.values()].find((n) => n.hasBody && n.file);
    expect(withBody).toBeDefined();
    if (!withBody?.file) return;
    expect('body' in withBody).toBe(false);
    const onDisk = readFileSync(join(content, withBody.file), 'utf8');
    expect(onDisk).toContain(bodyOf(graph, withBody).trim().split('\n')[0]);
  });

  it('saves the search index and the similarity vectors with the content they came from, and reads them back on a restart', () => {
    const queries = ['sycophancy', 'reasoning training', '"expert pushback"', 'flatery', 'emoji'];
    // Nothing saved yet (`trellis index` above saved them).
    open().prepare('DELETE FROM derived').run();
    const first = graphFromStore(open());
    expect(first.derived?.load('search')).toBeUndefined();
    const built = getSearchIndex(first);
    const builtSimilar = getSimilarityIndex(first);
    expect(first.derived?.load('search')).toBeDefined();
    expect(first.derived?.load('similarity')).toBeDefined();

    // A restart: a new graph of the same content reads both back.
    const second = graphFromStore(open());
    expect(second).not.toBe(first);
    const restored = getSearchIndex(second);
    for (const q of queries) expect(restored.search(q), q).toEqual(built.search(q));
    expect(restored.words).toBe(built.words);
    const papers = [...second.nodes.values()].filter((n) => n.kind !== 'tag').map((n) => n.id);
    for (const id of papers) expect(getSimilarityIndex(second).similarPapers(id, 8), id).toEqual(builtSimilar.similarPapers(id, 8));

    // Content changed: what was saved for the old content is not handed out.
    writeFileSync(join(content, 'notes', 'emoji-title.md'), '---\ntitle: Changed since the index was saved\n---\nBody.\n');
    const third = graphFromStore(open());
    expect(third.derived?.load('search')).toBeUndefined();
    expect(getSearchIndex(third).search('changed since saved').results[0]?.title).toBe('Changed since the index was saved');
  });

  it('brings only the files a watcher named up to date, and agrees with a full sync', () => {
    const db = open();
    const first = runSteps(syncSteps(db, content));
    writeFileSync(join(content, 'notes', 'emoji-title.md'), '---\ntitle: Edited under watch\n---\nBody.\n');
    writeFileSync(join(content, 'notes', 'aaa-new.md'), '---\ntitle: Added under watch\n---\nBody.\n');
    unlinkSync(join(content, 'notes', 'empty.md'));
    const changed = ['notes/emoji-title.md', 'notes/aaa-new.md', 'notes/empty.md', '.obsidian/workspace.json'];
    const partial = syncChanged(db, content, first, changed);
    expect(partial).toMatchObject({ parsed: 2, removed: 1 });
    const full = runSteps(syncSteps(open(), content));
    expect(partial?.paths).toEqual(full.paths);
    expect(partial?.fingerprint).toBe(full.fingerprint);

    // A folder renamed is not a change of files one by one: the caller lists the folder again.
    mkdirSync(join(content, 'notes', 'sub'));
    renameSync(join(content, 'notes', 'sub'), join(content, 'notes', 'moved'));
    expect(syncChanged(db, content, full, ['notes/moved'])).toBeUndefined();
  });
});


import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Graph } from '../../lib/graph/types';
import { runSteps } from '../../lib/steps';
import { openStore, storeFile, type StoreDb } from '../../lib/store/db';
import { readGraphSteps } from '../../lib/store/graph';
import { GRAPH_SNAPSHOT, graphSnapshotParts, saveGraphSnapshotSteps } from '../../lib/store/graph-snapshot';

const saveGraphSnapshot = (graph: Graph, code: string | undefined): boolean => runSteps(saveGraphSnapshotSteps(graph, code));
import { syncSteps } from '../../lib/store/sync';

const root = join(import.meta.dirname, '..', '..');
const FIXTURE = join(root, 'tests', 'fixtures', 'bad-corpus');
/** The collection the site ships with, made from the seed pages. */
const CONTENT = join(root, 'content');

let work: string;
const opened: StoreDb[] = [];

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'trellis-snapshot-'));
});
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  rmSync(work, { recursive: true, force: true });
});

/** A store of `source` copied into the work folder, and a function that reads its graph (with `code`, through a snapshot when one is saved). */
function storeOf(source: string) {
  const content = join(work, 'content');
  cpSync(source, content, { recursive: true });
  const db = openStore(storeFile(content, join(work, 'store')), () => undefined);
  opened.push(db);
  const read = (code?: string): Graph => runSteps(readGraphSteps(db, runSteps(syncSteps(db, content)), undefined, undefined, code));
  return { content, db, read };
}

/** Everything a graph holds that pages read, in comparable form. */
function whole(graph: Graph) {
  return {
    nodes: [...graph.nodes],
    edges: graph.edges,
    outgoing: [...graph.outgoing],
    incoming: [...graph.incoming],
    names: [...graph.names],
    diagnostics: graph.diagnostics,
    fileCount: graph.fileCount,
  };
}

describe('the graph snapshot', () => {
  it.each([
    ['the collection made from the seed pages', CONTENT],
    ['a corpus with broken files, stubs and clashing names', FIXTURE],
  ])('reads back exactly the graph that was built, for %s', (_, source) => {
    const { read } = storeOf(source);
    const built = read('build-1');
    expect(saveGraphSnapshot(built, 'build-1')).toBe(true);
    const restored = read('build-1');
    expect(restored).not.toBe(built);
    expect(whole(restored)).toEqual(whole(built));
    // Node ids are shared by edges and names, not copied per edge.
    const edge = restored.edges[0];
    if (edge) expect(restored.nodes.get(edge.source)?.id).toBe(edge.source);
    // Read back, it is not saved again.
    expect(saveGraphSnapshot(restored, 'build-1')).toBe(false);
  });

  it('is never read by another build of the code, or without a code version', () => {
    const { db, read } = storeOf(FIXTURE);
    saveGraphSnapshot(read('build-1'), 'build-1');
    const parts = () => db.prepare('SELECT count(*) FROM derived WHERE name = ?').pluck().get(GRAPH_SNAPSHOT) as number;
    expect(parts()).toBeGreaterThan(0);
    // Built anew (from the records) each time: the same graph, and a fresh object.
    const other = read('build-2');
    expect(whole(other)).toEqual(whole(read('build-1')));
    expect(saveGraphSnapshot(other, 'build-2')).toBe(true);
    expect(saveGraphSnapshot(read(), undefined)).toBe(false);
  });

  it('is not read for changed content: an edit makes the graph be built again', () => {
    const { content, read } = storeOf(FIXTURE);
    saveGraphSnapshot(read('v'), 'v');
    const note = join(content, 'notes', 'edited-after-snapshot.md');
    writeFileSync(note, '---\ntitle: Written after the snapshot\n---\nA new note.\n');
    const after = read('v');
    expect([...after.nodes.values()].some((n) => n.title === 'Written after the snapshot')).toBe(true);
    expect(saveGraphSnapshot(after, 'v')).toBe(true);
  });

  it('is ignored when incomplete: a part missing or the meta absent means a build', () => {
    const { db, read } = storeOf(CONTENT);
    const built = read('v');
    saveGraphSnapshot(built, 'v');
    db.prepare("DELETE FROM derived WHERE name = ? AND key = 'names:0'").run(GRAPH_SNAPSHOT);
    const rebuilt = read('v');
    expect(whole(rebuilt)).toEqual(whole(built));
    // Built, not read back: it is saved anew.
    expect(saveGraphSnapshot(rebuilt, 'v')).toBe(true);
    const parts = [...graphSnapshotParts(built, 'v')];
    // The meta comes last, so a save cut short before it leaves nothing that reads as a snapshot.
    expect(parts.at(-1)?.[0]).toBe('meta');
  });

  it('is not read while a save is under way (a server killed mid-save, or a second instance reading meanwhile)', () => {
    const { read } = storeOf(CONTENT);
    const built = read('v');
    const saving = saveGraphSnapshotSteps(built, 'v');
    for (let i = 0; i < 3; i++) saving.next();
    const meanwhile = read('v');
    expect(whole(meanwhile)).toEqual(whole(built));
    expect(saveGraphSnapshot(meanwhile, 'v')).toBe(true);
  });
});

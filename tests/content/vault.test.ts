import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../lib/corpus';
import { pathKeysOf, resolveInGraph } from '../../lib/graph/resolve';
import type { Graph } from '../../lib/graph/types';
import { trellis } from '../cli/helpers';

/** A small Obsidian vault under notes/, with every construct of docs/content-format.md and its ugly cases. */
const vaultDir = fileURLToPath(new URL('../fixtures/vault', import.meta.url));
const graph: Graph = readCorpus(vaultDir);

const fileOf = (name: string) => {
  const found = resolveInGraph(graph, name);
  return found.status === 'found' ? graph.nodes.get(found.id)?.file : found.status;
};
const linksFrom = (file: string) => {
  const node = [...graph.nodes.values()].find((n) => n.file === file);
  return (graph.outgoing.get(node!.id) ?? []).map((e) => graph.nodes.get(e.target)?.file ?? e.target).sort();
};

describe('link resolution, as Obsidian does it', () => {
  it.each([
    ['Folder/Sub/Deep note', 'notes/Folder/Sub/Deep note.md'],
    ['Sub/Deep note', 'notes/Folder/Sub/Deep note.md'],
    ['notes/Folder/Sub/Deep note.md', 'notes/Folder/Sub/Deep note.md'],
    ['Deep note', 'notes/Folder/Sub/Deep note.md'],
    ['Another name', 'notes/Folder/Sub/Deep note.md'],
    ['Introduction to Dataview', 'notes/Titled.md'],
    ['Folder/Shared', 'notes/Folder/Shared.md'],
    ['Other/Shared.md', 'notes/Other/Shared.md'],
    ['Shared', 'ambiguous'],
    ['Theorem Prover', 'notes/Math/Theorem Prover.md'],
    ['List', 'missing'],
  ])('[[%s]] → %s', (name, expected) => {
    expect(fileOf(name)).toBe(expected);
  });

  it('gives every end of a path a key, file name first', () => {
    expect(pathKeysOf('notes/Folder/Sub/Deep note.md')).toEqual(['/deep note', '/sub/deep note', '/folder/sub/deep note', '/notes/folder/sub/deep note']);
  });

  it('names a note by its file, never by its first heading, and reads a wikilink in a title as its words', () => {
    const titles = [...graph.nodes.values()].filter((n) => !n.stub).map((n) => n.title).sort();
    expect(titles).toEqual(['Deep note', 'Home', 'Introduction to Dataview', 'Shared', 'Shared', 'Theorem Prover', 'Unclosed']);
  });

  it('makes edges of links only: nothing in comments, code or math', () => {
    expect(linksFrom('notes/Home.md')).toEqual([
      '/notes/etc-passwd/',
      'notes/Folder/Shared.md',
      'notes/Folder/Sub/Deep note.md',
      'notes/Other/Shared.md',
      'notes/Titled.md',
    ]);
    const names = [...graph.nodes.values()].map((n) => n.title);
    for (const hidden of ['Hidden in a comment', 'Hidden in HTML', 'In code', 'In a fence', 'A', 'B', '144,12,12', 'u4 < 1.55', 'Never seen']) {
      expect(names).not.toContain(hidden);
    }
  });
});

describe('trellis check on the vault', () => {
  it('prints these lines, in this order', async () => {
    const run = await trellis('check', '--content', vaultDir);
    expect(run.out.map((line) => line.replace(`${vaultDir}/`, ''))).toEqual([
      'notes/Folder/Shared.md: error [ambiguous-title] title "Shared" is shared by notes/Folder/Shared.md, notes/Other/Shared.md; links by this title cannot be resolved (a link by path can: [[notes/Folder/Shared]]) (field: title)',
      'notes/Home.md:5: error [ambiguous-link] "Shared" could mean notes/Folder/Shared.md or notes/Other/Shared.md; not linked; name one by its path, such as [[notes/Folder/Shared]] (field: body)',
      'notes/Home.md:41: warning [unresolved-link] [[../../etc/passwd]] matches no document; shown as a stub',
      'notes/Other/Shared.md: error [duplicate-url] /notes/shared/ is already the URL of notes/Folder/Shared.md; this file is served at /notes/shared-2/ until one of them is renamed',
      'notes/Other/Shared.md: error [ambiguous-title] title "Shared" is shared by notes/Folder/Shared.md, notes/Other/Shared.md; links by this title cannot be resolved (a link by path can: [[notes/Other/Shared]]) (field: title)',
      'notes/Unclosed.md:1: warning [unclosed-comment] comment (%% or <!--) is never closed, so the rest of the file is hidden; close it with %% or -->',
      '7 files (7 loaded, 0 not loaded) · 8 nodes: 7 documents (7 notes, 0 inquiring lines, 0 papers), 1 stub, 0 tags · 6 edges · 4 errors, 2 warnings',
    ]);
    expect(run.status).toBe(1);
  });
});

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../lib/corpus';
import { renderNodeBody } from '../../lib/site/render';
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
    expect(titles).toEqual(['Deep note', 'Home', 'Introduction to Dataview', 'Loop one', 'Loop two', 'Shared', 'Shared', 'Theorem Prover', 'Unclosed']);
  });

  it('makes edges of links only: nothing in comments, code or math', () => {
    expect(linksFrom('notes/Home.md')).toEqual([
      '/notes/etc-passwd/',
      'notes/Folder/Shared.md',
      'notes/Folder/Sub/Deep note.md',
      'notes/Loop/Loop one.md',
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
      'notes/Home.md:43: warning [image] image ../../etc/passwd is not shown: its path leads outside the content folder',
      'notes/Other/Shared.md: error [duplicate-url] /notes/shared/ is already the URL of notes/Folder/Shared.md; this file is served at /notes/shared-2/ until one of them is renamed',
      'notes/Other/Shared.md: error [ambiguous-title] title "Shared" is shared by notes/Folder/Shared.md, notes/Other/Shared.md; links by this title cannot be resolved (a link by path can: [[notes/Other/Shared]]) (field: title)',
      'notes/Unclosed.md:1: warning [unclosed-comment] comment (%% or <!--) is never closed, so the rest of the file is hidden; close it with %% or -->',
      '9 files (9 loaded, 0 not loaded) · 10 nodes: 9 documents (9 notes, 0 inquiring lines, 0 papers), 1 stub, 0 tags · 9 edges · 4 errors, 3 warnings',
    ]);
    expect(run.status).toBe(1);
  });
});

describe('the vault\'s home page as rendered', () => {
  const home = [...graph.nodes.values()].find((n) => n.file === 'notes/Home.md')!;
  const { html } = renderNodeBody(graph, home);
  /** The rendered HTML of the embed of `url`, up to its end. */
  const embedOf = (url: string) => new RegExp(`<div data-embed="${url}">[\\s\\S]*?</div>`).exec(html)?.[0] ?? '';

  it('keeps the first heading as the first line under the file-name title', () => {
    expect(html.startsWith('<h1 id="home-of-the-vault">Home of the vault')).toBe(true);
  });

  it('shows an embedded section under a link to it, and stops before the next section', () => {
    const section = embedOf('/notes/deep-note/');
    expect(section).toContain('<p data-embed-source><a href="/notes/deep-note/#section">Deep note › Section</a></p>');
    expect(section).toContain('A section that');
    expect(section).not.toContain('Not embedded with the section above');
  });

  it('shows an embedded block alone, with its anchor, and its marker gone', () => {
    expect(html).toContain('<p data-embed-source><a href="/notes/deep-note/#%5Eblk1">Deep note</a></p>\n<p id="^blk1">A paragraph with a block id.</p>\n</div>');
    expect(html).not.toContain('^blk1</p>');
  });

  it('cuts an embed of itself, and a loop of two notes after one turn', () => {
    expect(html).toContain('<p data-embed-source><a href="/notes/home/">Home</a> (not embedded again: it is already shown here)</p>');
    expect(html).toMatch(/Loop one, which shows loop two:[\s\S]*Loop two, which shows loop one:[\s\S]*<a href="\/notes\/loop-one\/">Loop one<\/a> \(not embedded again/);
  });

  it('serves images from the content folder, and shows the alt text of one whose path leads outside', () => {
    expect(html).toContain('<img src="/media/notes/diagram.png" alt="diagram.png">');
    expect(html).toContain('<img src="/media/notes/attachments/diagram.png" alt="A diagram">');
    expect(html).toContain('<p>Escape</p>');
    expect(html).not.toMatch(/etc\/passwd"|src="[^"]*\.\./);
  });

  it('shows callouts, math and no comment', () => {
    expect(html).toContain('<details data-callout="info">');
    expect(html).toMatch(/<li>A list item\n<div data-callout="example">/);
    expect(html).toContain('<span class="katex-display">');
    expect(html).not.toMatch(/Hidden in|%%|<!--/);
  });
});

import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../lib/content/parse';
import { kindOfFolder } from '../../lib/domain/kinds';
import { buildGraph } from '../../lib/graph/build';
import { resolveInGraph } from '../../lib/graph/resolve';
import type { Graph, ParsedDocument } from '../../lib/graph/types';


function graphOf(files: Record<string, string>): Graph {
  const documents: ParsedDocument[] = [];
  for (const [path, text] of Object.entries(files)) {
    const kind = kindOfFolder(path.split('/')[0] ?? '') ?? 'note';
    const { doc } = parseDocument({ path, kind, text });
    if (doc) documents.push(doc);
  }
  return buildGraph({ documents });
}

const ids = (g: Graph) => [...g.nodes.keys()];

describe('link resolution', () => {
  const g = graphOf({
    'notes/a.md': '---\ntitle: Does attention favour repetition?\noriginal_title: Attention favours repeated tokens\naliases: [repetition bias]\n---\n',
    'notes/b.md':
      '---\ntitle: B\n---\n[[does attention favour repetition]] [[attention-favours-repeated-tokens]] [[Repetition Bias|shown]] [[a]] [[2411.15287]]',
    'papers/p.md': "---\nver: rpa2\ntitle: 'Sycophancy: Causes and Mitigations'\narxiv_id: '2411.15287'\n---\n",
    'notes/c.md': '---\ntitle: C\npapers: [Sycophancy - causes and mitigations]\n---\n',
  });

  it('finds a node by title, original title, slug, alias and file name, ignoring case and punctuation', () => {
    const b = '/notes/b/';
    const targets = g.edges.filter((e) => e.source === b && e.kind === 'mentions').map((e) => e.target);
    expect(targets).toEqual(['/notes/attention-favours-repeated-tokens/', '/papers/2411.15287/']);
    expect(g.diagnostics).toEqual([]);
  });

  it('resolves a paper cited by title to the paper file with that title', () => {
    expect(g.edges).toContainEqual({ source: '/notes/c/', target: '/papers/2411.15287/', kind: 'related-paper' });
    expect([...g.nodes.values()].filter((n) => n.kind === 'paper')).toHaveLength(1);
  });
});

describe('problems are reported, never guessed', () => {
  it('a title shared by two notes is ambiguous: reported for both files, and links to it are not guessed', () => {
    const g = graphOf({
      'notes/one.md': '---\ntitle: Same question?\noriginal_title: first claim\n---\n',
      'notes/two.md': '---\ntitle: Same question?\noriginal_title: second claim\n---\n',
      'notes/linker.md': 'Line one\n\nSee [[Same question?]].',
    });
    expect(g.diagnostics.filter((d) => d.code === 'ambiguous-title').map((d) => d.file)).toEqual(['notes/one.md', 'notes/two.md']);
    expect(g.diagnostics).toContainEqual(expect.objectContaining({ code: 'ambiguous-link', file: 'notes/linker.md', line: 3 }));
    expect(g.edges.filter((e) => e.kind === 'mentions')).toEqual([]);
  });

  it('two files claiming one URL is an error; both stay reachable', () => {
    const g = graphOf({
      'notes/x.md': '---\ntitle: Q1\noriginal_title: Same claim\n---\n',
      'notes/y.md': '---\ntitle: Q2\noriginal_title: Same claim!\n---\n',
    });
    expect(g.diagnostics).toEqual([expect.objectContaining({ code: 'duplicate-url', file: 'notes/y.md' })]);
    expect(ids(g)).toEqual(['/notes/same-claim/', '/notes/same-claim-2/']);
  });

  it('a wikilink to nothing is a warning with its line, and the target becomes a note stub', () => {
    const g = graphOf({ 'notes/x.md': '---\ntitle: X\n---\nfirst\n[[Not written yet]]' });
    expect(g.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'unresolved-link', file: 'notes/x.md', line: 5 })]);
    expect(g.nodes.get('/notes/not-written-yet/' as never)).toMatchObject({ stub: true, kind: 'note', citations: [{ by: '/notes/x/', title: 'Not written yet' }] });
  });

  it('every link to a missing page is reported, in every file, not only the first', () => {
    const g = graphOf({ 'notes/a.md': '[[Ghost]]', 'notes/b.md': 'x\n[[Ghost]]' });
    expect(g.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([
      ['unresolved-link', 'notes/a.md', 1],
      ['unresolved-link', 'notes/b.md', 2],
    ]);
  });

  it('a link to a stub that a list cites (with what it says) is not a missing page', () => {
    const g = graphOf({ 'inquiries/q.md': '---\ntitle: Q\nsources: [{title: Known source, summary: s}]\n---\nAs [[Known source]] says.' });
    expect(g.diagnostics).toEqual([]);
  });

  it('a document wins over a stub of another kind with its name, for untyped links', () => {
    const g = graphOf({
      'notes/real.md': '---\ntitle: Attention is all you need\n---\n',
      'notes/citer.md': '---\ntitle: Citer\npapers: [Attention is all you need]\n---\n[[Attention is all you need]]',
    });
    expect(g.diagnostics).toEqual([]);
    expect(g.edges).toContainEqual({ source: '/notes/citer/', target: '/notes/attention-is-all-you-need/', kind: 'mentions' });
    expect(g.edges).toContainEqual({ source: '/notes/citer/', target: '/papers/x-attention-is-all-you-need/', kind: 'related-paper' });
  });

  it('wikilink cycles are ordinary edges', () => {
    const g = graphOf({ 'notes/a.md': '[[b]]', 'notes/b.md': '[[a]] and [[b]]' });
    expect(g.edges.map((e) => [e.source, e.target])).toEqual([
      ['/notes/a/', '/notes/b/'],
      ['/notes/b/', '/notes/a/'],
    ]);
  });
});

describe('stubs', () => {
  it('take the kind their citation implies and gather every citing page', () => {
    const g = graphOf({
      'notes/n1.md': '---\ntitle: N1\ninquiries: [Why is the sky blue?]\nrelated:\n  - {title: Ghost note, summary: it haunts, label: the frame}\n---\n',
      'notes/n2.md': '---\ntitle: N2\nrelated: [{title: ghost note, label: again}]\n---\n',
    });
    expect(resolveInGraph(g, 'Why is the sky blue?')).toEqual({ status: 'found', id: '/inquiring-lines/why-is-the-sky-blue/' });
    const ghost = g.nodes.get('/notes/ghost-note/' as never);
    expect(ghost).toMatchObject({ stub: true, summary: 'it haunts' });
    expect(ghost?.citations.map((c) => [c.by, c.label])).toEqual([
      ['/notes/n1/', 'the frame'],
      ['/notes/n2/', 'again'],
    ]);
  });

  it('a title with no ASCII letters still gets a URL', () => {
    const g = graphOf({ 'notes/cjk.md': '---\ntitle: 注意力机制\n---\n[[🤖]]' });
    expect(ids(g)).toEqual(['/notes/cjk/', expect.stringMatching(/^\/notes\/u-[0-9a-f]{8}\/$/)]);
  });
});

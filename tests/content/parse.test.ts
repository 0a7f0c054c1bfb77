import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../lib/content/parse';
import { extractWikilinks } from '../../lib/content/wikilinks';
import type { DocumentKind } from '../../lib/graph/types';

const parse = (text: string, kind: DocumentKind = 'note', path = `${kind}s/file-name.md`) => parseDocument({ path, kind, text });

describe('parseDocument', () => {
  it('loads a plain Markdown file with no frontmatter as a note named by its file, as Obsidian names it; its heading stays in the body', () => {
    const { doc, diagnostics } = parse('# Todo\n\nBody with [[Other note]].\n', 'note', 'notes/Math/Theorem Prover.md');
    expect(diagnostics).toEqual([]);
    expect(doc).toMatchObject({ kind: 'note', title: 'Theorem Prover', body: '# Todo\n\nBody with [[Other note]].\n', wikilinks: [{ target: 'Other note', line: 3 }] });
  });

  it('reads a title written with a wikilink as its words', () => {
    expect(parse('---\ntitle: An Introduction to [[dataview|Dataview]]\n---\n').doc?.title).toBe('An Introduction to Dataview');
  });

  it('removes comments from the body, keeping its lines, and warns of one never closed', () => {
    const { doc, diagnostics } = parse('---\ntitle: T\n---\nseen %%[[Hidden]]%%\n<!-- [[Also hidden]] -->\n[[Shown]] %% open');
    expect(doc?.body).toBe('seen \n\n[[Shown]] ');
    expect(doc?.wikilinks).toEqual([{ target: 'Shown', line: 6 }]);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'unclosed-comment', line: 6 })]);
  });

  it('falls back to the file name when there is neither title nor heading', () => {
    expect(parse('just text', 'note', 'notes/vault/My Note.md').doc?.title).toBe('My Note');
  });

  it('keeps unknown frontmatter fields instead of rejecting them', () => {
    const { doc, diagnostics } = parse('---\ntitle: T\nmood: curious\nweights: [1, 2]\n---\nbody');
    expect(diagnostics).toEqual([]);
    expect(doc?.extra).toEqual({ mood: 'curious', weights: [1, 2] });
  });

  it('reads YAML scalars as text and single values as lists', () => {
    const { doc } = parse('---\ntitle: 2024\ndate: 2024-03-01\ntags: solo\n---\n');
    expect(doc).toMatchObject({ title: '2024', date: '2024-03-01', tags: ['solo'] });
  });

  it('reports a field of the wrong shape with its name and line, and still loads the rest', () => {
    const { doc, diagnostics } = parse('---\ntitle: Fine\nsummary: ok\nrelated: 5\n---\nbody');
    expect(doc).toMatchObject({ title: 'Fine', summary: 'ok', related: [] });
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'invalid-field', file: 'notes/file-name.md', field: 'related', line: 4 }),
    ]);
  });

  it('reports malformed YAML with its line and keeps the body', () => {
    const { doc, diagnostics } = parse('---\ntitle: [unclosed\nsummary: x\n---\n# Heading\n');
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'yaml', file: 'notes/file-name.md' });
    expect(diagnostics[0]?.line).toBeGreaterThanOrEqual(2);
    expect(doc?.title).toBe('file-name');
    expect(doc?.body).toBe('# Heading\n');
  });

  it('reports frontmatter that is a list, not a mapping', () => {
    const { diagnostics } = parse('---\n- a\n- b\n---\nbody');
    expect(diagnostics[0]?.message).toMatch(/mapping/);
  });

  it('reports frontmatter that is never closed', () => {
    const { doc, diagnostics } = parse('---\ntitle: x\nno closing fence');
    expect(diagnostics[0]).toMatchObject({ code: 'yaml', line: 1 });
    expect(doc).toBeDefined();
  });

  it('requires a title on inquiring lines and papers, naming the field', () => {
    const { doc, diagnostics } = parse('---\nsummary: s\n---\nbody', 'inquiry', 'inquiries/no-title.md');
    expect(doc?.title).toBe('no-title');
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'missing-field', field: 'title', file: 'inquiries/no-title.md' }));
  });

  it('recovers an arXiv id YAML read as a number, trailing zero included', () => {
    const { doc } = parse('---\nver: rpa2\ntitle: P\narxiv_id: 2401.10100\n---\n', 'paper');
    expect(doc).toMatchObject({ kind: 'paper', arxivId: '2401.10100' });
  });

  it('warns about a paper without arxiv_id', () => {
    const { diagnostics } = parse('---\nver: rpa2\ntitle: P\n---\n', 'paper');
    expect(diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', field: 'arxiv_id' }));
  });

  it('reads related concepts and sources given as plain titles or as records', () => {
    const note = parse('---\ntitle: N\nrelated:\n  - Just a title\n  - title: With label\n    label: the frame\n---\n').doc;
    expect(note).toMatchObject({ related: [{ title: 'Just a title' }, { title: 'With label', label: 'the frame' }] });
    const inquiry = parse('---\ntitle: Q\nsources:\n  - A\n  - title: B\n    summary: b\n---\n', 'inquiry').doc;
    expect(inquiry).toMatchObject({ sources: [{ title: 'A' }, { title: 'B', summary: 'b' }] });
  });
});

describe('extractWikilinks', () => {
  it('finds targets, shown text and lines, and skips code', () => {
    const md = [
      'See [[Alpha]] and [[Beta|the beta note]].',
      '`[[not a link]]` in code',
      '```',
      '[[fenced, not a link]]',
      '```',
      'Heading link [[Gamma#Section]] and image ![[diagram.png]] and embed ![[Delta]]',
    ].join('\n');
    expect(extractWikilinks(md)).toEqual([
      { target: 'Alpha', line: 1 },
      { target: 'Beta', text: 'the beta note', line: 1 },
      { target: 'Gamma', line: 6 },
      { target: 'Delta', line: 6 },
    ]);
  });
});

describe('loadContent', () => {
  it('reports a content folder that does not exist instead of serving an empty site', async () => {
    const { loadContent } = await import('../../lib/content/load');
    const { diagnostics, documents } = loadContent('/nonexistent/trellis-content');
    expect(documents).toEqual([]);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'no-content' })]);
  });
});

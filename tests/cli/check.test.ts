import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../lib/cli/check';
import { readCorpus } from '../../lib/corpus';
import { brokenDir, markdownFilesOnDisk, smallDir, trellis } from './helpers';

/** The line `trellis check` prints for a file's problem, up to the message. */
function lineFor(output: readonly string[], file: string): string | undefined {
  const prefix = join(brokenDir, file);
  return output.find((line) => line.startsWith(`${prefix}:`));
}

describe('the broken fixture is what it claims to be', () => {
  // Editors and git filters can "fix" these files; then the tests below would test nothing.
  it('holds a binary file, a Latin-1 file and an empty file', () => {
    expect(readFileSync(join(brokenDir, 'notes/binary.md')).includes(0)).toBe(true);
    const latin1 = readFileSync(join(brokenDir, 'notes/latin1.md'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(latin1)).toThrow();
    expect(readFileSync(join(brokenDir, 'notes/empty.md')).length).toBe(0);
  });
});

describe('trellis check on broken content', () => {
  let run: Awaited<ReturnType<typeof trellis>>;
  beforeAll(async () => {
    run = await trellis('check', '--content', brokenDir);
  });

  it('fails with exit status 1', () => {
    expect(run.status).toBe(1);
  });

  it.each([
    ['notes/malformed-yaml.md', /^:\d+: error \[yaml\] malformed YAML/],
    ['notes/list-frontmatter.md', /^:2: error \[yaml\] frontmatter must be a mapping of fields, found a list/],
    ['notes/unclosed-frontmatter.md', /^:1: error \[yaml\] frontmatter opened with --- is never closed/],
    ['notes/empty.md', /^: error \[empty\] /],
    ['notes/binary.md', /^: error \[binary\] /],
    ['notes/latin1.md', /^: error \[encoding\] .*UTF-8/],
    ['inquiries/no-title.md', /^: error \[missing-field\] .*\(field: title\)$/],
    ['papers/no-arxiv.md', /^: warning \[missing-field\] .*\(field: arxiv_id\)$/],
    ['notes/same-title-a.md', /^: error \[ambiguous-title\] title "Which note is this\?" is shared by notes\/same-title-a\.md, notes\/same-title-b\.md/],
    ['notes/same-title-b.md', /^: error \[ambiguous-title\] /],
    ['papers/claim-b.md', /^: error \[duplicate-url\] \/papers\/2308\.03958\/ is already the URL of papers\/claim-a\.md/],
    ['notes/dangling-link.md', /^:6: warning \[unresolved-link\] \[\[No note has this name\]\]/],
    ['drafts/idea.md', /^: error \[unknown-folder\] not inside notes\/, inquiries\/ or papers\//],
    ['notes/bad-related.md', /^:4: error \[invalid-field\] .*\(field: related\)$/],
  ])('names %s with its problem', (file, expected) => {
    const line = lineFor(run.out, file);
    expect(line, `no line names ${file}`).toBeDefined();
    expect(line?.slice(join(brokenDir, file).length)).toMatch(expected);
  });

  it('says nothing about the good files', () => {
    for (const file of ['notes/good-one.md', 'notes/good-two.md', 'inquiries/good-inquiry.md', 'papers/good-paper.md', 'papers/claim-a.md']) {
      expect(lineFor(run.out, file), file).toBeUndefined();
    }
  });

  it('lists problems sorted by file, then line', () => {
    const files = run.out.slice(0, -1).map((line) => line.slice(brokenDir.length).split(':')[0] ?? '');
    // One line per problem: the 12 errors and 2 warnings of the summary.
    expect(files).toHaveLength(14);
    expect(files).toEqual([...files].sort());
  });

  it('ends with a summary of files, nodes, edges and problems', () => {
    expect(run.out.at(-1)).toBe(
      '19 files (15 loaded, 4 not loaded) · 17 nodes: 15 documents (9 notes, 2 inquiring lines, 4 papers), 1 stub, 1 tag · 7 edges · 12 errors, 2 warnings',
    );
  });
});

describe('no file is silently dropped', () => {
  it('counts every Markdown file on disk as either loaded or reported', async () => {
    const onDisk = markdownFilesOnDisk(brokenDir);
    const run = await trellis('check', '--content', brokenDir, '--format', 'json');
    const report = JSON.parse(run.out.join('\n')) as CheckReport;

    expect(report.summary.files).toBe(onDisk.length);
    expect(report.summary.loaded + report.summary.notLoaded).toBe(report.summary.files);

    // And by name, not only by count: each file is a node, or an error names it.
    const graph = readCorpus(brokenDir);
    const nodeFiles = new Set([...graph.nodes.values()].flatMap((n) => (n.file ? [n.file] : [])));
    const reported = new Set(report.diagnostics.filter((d) => d.severity === 'error').flatMap((d) => (d.file ? [d.file] : [])));
    expect(nodeFiles.size).toBe(report.summary.loaded);
    expect(onDisk.filter((file) => !nodeFiles.has(file) && !reported.has(file))).toEqual([]);
    expect(onDisk.filter((file) => !nodeFiles.has(file))).toEqual(['drafts/idea.md', 'notes/binary.md', 'notes/empty.md', 'notes/latin1.md']);
  });
});

describe('good files among broken ones', () => {
  it('still become nodes, and so do files with a problem in one field', () => {
    const graph = readCorpus(brokenDir);
    const byFile = new Map([...graph.nodes.values()].flatMap((n) => (n.file ? [[n.file, n] as const] : [])));

    expect(byFile.get('notes/good-one.md')?.title).toBe('Does sycophancy grow with model size?');
    expect(byFile.get('notes/good-two.md')?.title).toBe('Is sycophancy learned from human feedback?');
    expect(byFile.get('inquiries/good-inquiry.md')?.kind).toBe('inquiry');
    expect(byFile.get('papers/good-paper.md')?.id).toBe('/papers/2310.13548/');
    // A bad `related` field is ignored; the rest of the note is kept.
    expect(byFile.get('notes/bad-related.md')?.summary).toBe('Still a node.');
    // The second claimant of a URL is served at a numbered one.
    expect(byFile.get('papers/claim-b.md')?.id).toBe('/papers/2308.03958-2/');
  });
});

describe('trellis check --format json', () => {
  it('gives each diagnostic with its file, line and field', async () => {
    const run = await trellis('check', '--content', brokenDir, '--format', 'json');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.out.join('\n')) as CheckReport & { content: string };
    expect(report.content).toBe(brokenDir);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'invalid-field', file: 'notes/bad-related.md', line: 4, field: 'related' }));
    expect(report.summary.errors).toBe(report.diagnostics.filter((d) => d.severity === 'error').length);
  });
});

describe('trellis check on good content', () => {
  it('passes, even with --strict, and reports no problems', async () => {
    const run = await trellis('check', '--content', smallDir, '--strict');
    expect(run.status).toBe(0);
    expect(run.out).toEqual([
      '5 files (5 loaded, 0 not loaded) · 10 nodes: 5 documents (3 notes, 1 inquiring line, 1 paper), 3 stubs, 2 tags · 14 edges · 0 errors, 0 warnings',
    ]);
  });
});

describe('trellis check --strict', () => {
  // The small corpus plus one note with a link to nothing: warnings, no errors.
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trellis-strict-'));
    cpSync(smallDir, dir, { recursive: true });
    writeFileSync(join(dir, 'notes/dangling.md'), '---\ntitle: Dangling\n---\nSee [[Nowhere]].\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes on warnings without --strict', async () => {
    const run = await trellis('check', '--content', dir);
    expect(run.status).toBe(0);
    expect(run.out).toContain(`${join(dir, 'notes/dangling.md')}:4: warning [unresolved-link] [[Nowhere]] matches no document; shown as a stub`);
    expect(run.out.at(-1)).toMatch(/· 0 errors, 1 warning$/);
  });

  it('fails on the same warnings with --strict', async () => {
    const run = await trellis('check', '--content', dir, '--strict');
    expect(run.status).toBe(1);
    // It fails for the warning it names, and only for it.
    expect(run.out).toContain(`${join(dir, 'notes/dangling.md')}:4: warning [unresolved-link] [[Nowhere]] matches no document; shown as a stub`);
    expect(run.out.at(-1)).toMatch(/· 0 errors, 1 warning$/);
  });

  it('fails on errors with or without --strict', async () => {
    const run = await trellis('check', '--content', brokenDir, '--strict');
    expect(run.status).toBe(1);
    expect(run.out.at(-1)).toMatch(/· 12 errors, 2 warnings$/);
  });
});

describe('trellis check usage mistakes', () => {
  it('refuses a content folder that does not exist, rather than reporting an empty corpus', async () => {
    const missing = join(brokenDir, 'no-such-folder');
    const run = await trellis('check', '--content', missing);
    expect(run.status).toBe(2);
    expect(run.err[0]).toBe(`trellis check: no content folder at ${missing}`);
    expect(run.out).toEqual([]);
  });

  it('refuses an unknown format or option', async () => {
    const format = await trellis('check', '--content', smallDir, '--format', 'xml');
    expect(format.status).toBe(2);
    expect(format.err[0]).toBe('trellis check: --format must be one of text, json, not "xml"');

    const option = await trellis('check', '--contents', smallDir);
    expect(option.status).toBe(2);
    expect(option.err[0]).toMatch(/^trellis check: .*'--contents'/);
  });
});

describe('trellis check on a topics file', () => {
  // The small corpus plus content/topics.yml with one problem of each kind and one good topic.
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trellis-topics-'));
    cpSync(smallDir, dir, { recursive: true });
    writeFileSync(
      join(dir, 'topics.yml'),
      [
        '- name: Kept',
        '  slug: kept',
        '  members:',
        '    - No such document',
        '- name: Pinned again',
        '  slug: kept',
        '- name: Up',
        '  slug: up',
        '  parent: down',
        '- name: Down',
        '  slug: down',
        '  parent: up',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the file and line of a missing document, a slug pinned twice and a cycle of subtopics, and fails', async () => {
    const run = await trellis('check', '--content', dir);
    const file = join(dir, 'topics.yml');
    expect(run.status).toBe(1);
    expect(run.out).toContain(`${file}:4: error [topics-missing-document] the topic "Kept" names "No such document", which is no document of the collection`);
    expect(run.out.find((line) => line.startsWith(`${file}:6: error [topics-duplicate-slug]`))).toBeDefined();
    expect(run.out.find((line) => line.startsWith(`${file}:12: error [topics-cycle]`))).toBeDefined();
    // The documents themselves are still all there.
    expect(run.out.at(-1)).toMatch(/^5 files \(5 loaded, 0 not loaded\)/);
  });
});

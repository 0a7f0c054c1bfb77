import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../lib/cli/check';
import { readCorpus } from '../../lib/corpus';
import { bodyOf } from '../../lib/graph/body';
import type { TrellisNode } from '../../lib/graph/types';
import { trellis } from '../cli/helpers';
import { startServer, type RunningServer } from '../helpers/server';
import { badCorpusDir, copyBadCorpus, GENERATED, markdownFilesIn } from './bad-corpus';
import { headingOf } from './http';

/*
 * tests/fixtures/bad-corpus/: broken and hostile files mixed with good ones, and
 * what `trellis check` and the running site make of it. Nothing is lost: every
 * file is either a page or named, with its reason, by `trellis check`.
 */

// Made when the file is collected, so that the server tests can list its nodes.
const copy = copyBadCorpus();
const graph = readCorpus(copy.dir);
afterAll(() => copy.remove());

/** Each bad file and the start of what `trellis check` says about it, after its path. */
const NAMED: readonly (readonly [string, RegExp])[] = [
  ['stray.md', /^: error \[unknown-folder\] not inside notes\/, inquiries\/ or papers\//],
  ['drafts/idea.md', /^: error \[unknown-folder\] /],
  ['notes/empty.md', /^: error \[empty\] file is empty; not loaded/],
  ['notes/whitespace-only.md', /^: error \[empty\] /],
  ['notes/binary-image.md', /^: error \[binary\] file holds NUL bytes/],
  ['notes/utf16.md', /^: error \[binary\] /],
  ['notes/latin1.md', /^: error \[encoding\] file is not valid UTF-8/],
  ['notes/invalid-utf8.md', /^: error \[encoding\] /],
  [GENERATED.huge, /^: error \[too-large\] file is 20\.0 MB, over the 5\.0 MB limit; not loaded/],
  [GENERATED.symlink, /^: warning \[symlink\] symbolic links are not followed/],
  ['notes/yaml-malformed.md', /^:3: error \[yaml\] malformed YAML frontmatter: /],
  ['notes/yaml-list.md', /^:2: error \[yaml\] frontmatter must be a mapping of fields, found a list/],
  ['notes/yaml-scalar.md', /^:2: error \[yaml\] frontmatter must be a mapping of fields, found string/],
  ['notes/yaml-tabs.md', /^:5: error \[yaml\] line is indented with a tab/],
  ['notes/yaml-duplicate-keys.md', /^:4: error \[yaml\] malformed YAML frontmatter: duplicated mapping key/],
  ['notes/yaml-unclosed.md', /^:1: error \[yaml\] frontmatter opened with --- is never closed/],
  ['notes/yaml-unsafe-tag.md', /^:3: error \[yaml\] malformed YAML frontmatter: unknown tag .*js\/function/],
  ['notes/yaml-deep-nesting.md', /^: error \[yaml\] malformed YAML frontmatter: /],
  ['notes/yaml-bomb.md', /^:8: error \[yaml\] frontmatter holds more than 100000 values once its YAML aliases are expanded/],
  ['notes/yaml-wrong-types.md', /^:2: error \[invalid-field\] field "title" is invalid/],
  ['notes/yaml-odd-scalars.md', /^:3: error \[invalid-field\] field "summary" is invalid/],
  ['notes/same-url-a.md', /^: error \[ambiguous-title\] title "Is the same URL claimed twice\?" is shared by notes\/same-url-a\.md, notes\/same-url-b\.md/],
  ['notes/same-url-b.md', /^: error \[duplicate-url\] \/notes\/is-the-same-url-claimed-twice\/ is already the URL of notes\/same-url-a\.md; this file is served at \/notes\/is-the-same-url-claimed-twice-2\//],
  ['notes/shared-title-a.md', /^: error \[ambiguous-title\] title "Which note is meant here\?"/],
  ['notes/shared-title-b.md', /^: error \[ambiguous-title\] /],
  ['notes/long-title.md', /^: error \[duplicate-url\] \/notes\/why-do-models-agree-with-users-even-when-the-users-are-wrong-and-the-models-know\/ is already the URL of notes\/long-title-twin\.md/],
  ['notes/alias-linker.md', /^:4: error \[ambiguous-link\] "Which note owns this name\?" could mean notes\/alias-collision\.md or notes\/alias-target\.md; not linked; name one by its path, such as \[\[notes\/alias-collision\]\]/],
  ['notes/traversal.md', /^:14: error \[ambiguous-link\] "\.\.\/\.\.\/\.\.\/etc\/passwd" could mean /],
  ['notes/wikilink-edge-cases.md', /^:5: warning \[unresolved-link\] /],
  [GENERATED.manyLinks, /^:4: warning \[unresolved-link\] \[\[Unwritten note number \d\]\] matches no document/],
  ['notes/rtl-hebrew.md', /^:6: warning \[unresolved-link\] \[\[הסכמה\]\]/],
  ['notes/hostile-wikilinks.md', /^:5: warning \[unresolved-link\] \[\[<img src=x onerror=/],
  ['inquiries/no-title.md', /^: error \[missing-field\] required field "title" is missing; using "no-title" \(field: title\)$/],
  ['inquiries/sources-not-a-list.md', /^:3: error \[invalid-field\] field "sources" is invalid/],
  ['inquiries/hostile-inquiry.md', /^:12: warning \[unresolved-link\] /],
  ['papers/no-arxiv.md', /^: warning \[missing-field\] paper has no arxiv_id/],
  ['papers/duplicate-arxiv-b.md', /^: error \[duplicate-url\] \/papers\/2401\.10100\/ is already the URL of papers\/duplicate-arxiv-a\.md/],
  ['papers/unknown-version.md', /^:2: warning \[unknown-version\] summary format "rpa9" is not rpa2/],
];

/**
 * Odd files that must load without a word: the oddity is the content's right
 * (a BOM, CRLF, RTL or emoji titles, cycles…) or is handled quietly and safely.
 */
const QUIET = [
  'notes/good-cycle-alpha.md',
  'notes/good-cycle-beta.md',
  'notes/good-cycle-gamma.md',
  'notes/good-plain-vault-note.md',
  'notes/good-crlf.md',
  'notes/good-bom.md',
  'notes/good-upper-extension.MD',
  'notes/frontmatter-only.md',
  'notes/empty-frontmatter.md',
  'notes/self-link.md',
  'notes/punctuation-title.md',
  'notes/emoji-title.md',
  'notes/🦜🦜.md',
  'notes/long-title-twin.md',
  'notes/long-word-title.md',
  'notes/rtl-arabic.md',
  'notes/mixed-scripts.md',
  'notes/yaml-deep-mapping.md',
  'notes/yaml-js-engine.md',
  'notes/alias-target.md',
  GENERATED.longParagraph,
  GENERATED.bracketFlood,
  'inquiries/good-line.md',
  'inquiries/good-line-next.md',
  'inquiries/self-next.md',
  'papers/good-paper.md',
  'papers/duplicate-arxiv-a.md',
  'papers/arxiv-traversal.md',
  'papers/hostile-paper.md',
  'papers/hostile-paper-link.md',
];

/** The line `trellis check` prints first for a file, after the file's path. */
function lineFor(output: readonly string[], dir: string, file: string): string | undefined {
  const prefix = join(dir, file);
  return output.find((line) => line.startsWith(`${prefix}:`))?.slice(prefix.length);
}

describe('the bad corpus is what it claims to be', () => {
  // Editors, git filters and formatters can "fix" these files; then the tests would test nothing.
  it('holds binary, UTF-16, Latin-1, empty, BOM, CRLF and tab-indented files as committed', () => {
    const bytes = (file: string) => readFileSync(join(badCorpusDir, file));
    expect(bytes('notes/binary-image.md').subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    expect(bytes('notes/utf16.md').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes('notes/latin1.md'))).toThrow();
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes('notes/invalid-utf8.md'))).toThrow();
    expect(bytes('notes/empty.md').length).toBe(0);
    expect(bytes('notes/good-bom.md').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes('notes/good-crlf.md').toString()).toMatch(/^---\r\ntitle: .*\r\n/);
    expect(bytes('notes/yaml-tabs.md').toString()).toContain('\n\tlabel:');
    expect(bytes('notes/hostile-rtl-override.md').toString()).toContain('\u202e');
  });

  it('mixes at least 40 broken or hostile files with good ones, and the large files are made at test time', () => {
    const { files } = markdownFilesIn(copy.dir);
    const hostile = files.filter((f) => f.includes('hostile-'));
    expect(new Set([...NAMED.map(([f]) => f), ...hostile]).size).toBeGreaterThanOrEqual(40);
    expect(QUIET.every((f) => files.includes(f))).toBe(true);
    expect(markdownFilesIn(badCorpusDir).files).not.toContain(GENERATED.huge);
    expect(readFileSync(join(copy.dir, GENERATED.huge)).length).toBeGreaterThan(20 * 1024 * 1024);
  });
});

describe('trellis check on the bad corpus', () => {
  let run: Awaited<ReturnType<typeof trellis>>;
  beforeAll(async () => {
    run = await trellis('check', '--content', copy.dir);
  });

  it('fails with exit status 1', () => {
    expect(run.status).toBe(1);
  });

  it.each(NAMED)('names %s with its reason', (file, expected) => {
    const line = lineFor(run.out, copy.dir, file);
    expect(line, `no line names ${file}`).toBeDefined();
    expect(line).toMatch(expected);
  });

  it.each(QUIET)('says nothing about %s', (file) => {
    expect(lineFor(run.out, copy.dir, file)).toBeUndefined();
  });

  // Reported where the alias is given, as well as where it is used (alias-linker.md).
  it('names notes/alias-collision.md, whose alias takes another note’s title', () => {
    expect(lineFor(run.out, copy.dir, 'notes/alias-collision.md')).toMatch(/^: error \[ambiguous-alias\] .*"Which note owns this name\?".*the title of .*notes\/alias-target\.md/);
  });

  it('lists problems sorted by file, then line', () => {
    const files = run.out.slice(0, -1).map((line) => line.slice(copy.dir.length).split(':')[0] ?? '');
    // At least a line for each file NAMED above.
    expect(files.length).toBeGreaterThanOrEqual(NAMED.length);
    expect(files).toEqual([...files].sort());
  });

  it('ends with a summary that accounts for every file', () => {
    expect(run.out.at(-1)).toMatch(/^82 files \(73 loaded, 9 not loaded\) · \d+ nodes: 73 documents \(59 notes, 6 inquiring lines, 8 papers\), /);
  });

  it('ran no code from the corpus: gray-matter’s ---js engine and js-yaml’s !!js/function stayed shut', () => {
    expect((globalThis as { __trellisPwned?: unknown }).__trellisPwned).toBeUndefined();
  });
});

describe('no file is silently dropped', () => {
  let report: CheckReport;
  beforeAll(async () => {
    const run = await trellis('check', '--content', copy.dir, '--format', 'json');
    report = JSON.parse(run.out.join('\n')) as CheckReport;
  });

  it('makes every Markdown file on disk a node, or names it with an error', () => {
    const { files } = markdownFilesIn(copy.dir);
    const nodes = new Set([...graph.nodes.values()].map((n) => n.file).filter((f) => f !== undefined));
    const rejected = new Set(report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
    expect(files.filter((f) => !nodes.has(f) && !rejected.has(f))).toEqual([]);
    expect(report.summary.files).toBe(files.length);
    expect(report.summary.loaded + report.summary.notLoaded).toBe(files.length);
    expect(report.diagnostics.filter((d) => d.code === 'unaccounted-files')).toEqual([]);
  });

  it('names the symbolic link and follows it nowhere; skips hidden folders, as documented', () => {
    const { symlinks, hidden } = markdownFilesIn(copy.dir);
    expect(symlinks).toEqual([GENERATED.symlink]);
    expect(hidden).toEqual(['.obsidian/workspace.md']);
    const files = new Set([...graph.nodes.values()].map((n) => n.file));
    for (const skipped of [...symlinks, ...hidden]) expect(files.has(skipped), skipped).toBe(false);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ file: GENERATED.symlink, code: 'symlink' }));
    for (const node of graph.nodes.values()) expect(bodyOf(graph, node), node.id).not.toContain('root:x:0:0');
  });
});

describe('trellis check --strict, the gate for CI', () => {
  /** A corpus of some of the fixture's files, in a temporary folder. */
  function corpusOf(files: readonly string[]): { dir: string; remove(): void } {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-strict-'));
    for (const file of files) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      cpSync(join(badCorpusDir, file), join(dir, file));
    }
    return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const clean = ['notes/good-cycle-alpha.md', 'notes/good-cycle-beta.md', 'notes/good-cycle-gamma.md', 'inquiries/good-line.md', 'inquiries/good-line-next.md', 'papers/good-paper.md'];

  it('passes a corpus with no problems, with or without --strict', async () => {
    const corpus = corpusOf(clean);
    try {
      for (const strict of [[], ['--strict']]) {
        const run = await trellis('check', '--content', corpus.dir, ...strict);
        expect(run.status).toBe(0);
        expect(run.out).toEqual([expect.stringMatching(new RegExp(`^${clean.length} files \\(${clean.length} loaded, 0 not loaded\\) .* · 0 errors, 0 warnings$`))]);
      }
    } finally {
      corpus.remove();
    }
  });

  it('passes warnings without --strict, and fails on them with it', async () => {
    const corpus = corpusOf([...clean, 'papers/no-arxiv.md', 'papers/unknown-version.md', 'notes/wikilink-edge-cases.md']);
    try {
      const lenient = await trellis('check', '--content', corpus.dir);
      expect(lenient.status).toBe(0);
      expect(lenient.out.at(-1)).toMatch(/· 0 errors, \d+ warnings$/);
      const strict = await trellis('check', '--content', corpus.dir, '--strict');
      expect(strict.status).toBe(1);
      expect(strict.out).toEqual(lenient.out);
    } finally {
      corpus.remove();
    }
  });

  it('fails on errors either way', async () => {
    const run = await trellis('check', '--content', copy.dir, '--strict');
    expect(run.status).toBe(1);
    expect(run.out.at(-1)).toMatch(/ · [1-9]\d* errors, \d+ warnings$/);
  });
});

describe('the site on the bad corpus', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ contentDir: copy.dir });
  });
  afterAll(() => server?.stop());

  /** GET a path of the running site: its status, type and body. */
  async function get(path: string): Promise<{ status: number; type: string; body: string }> {
    const response = await fetch(`${server.url}${path}`, { redirect: 'manual' });
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
  }

  const describeNode = (n: TrellisNode) => `${n.kind}${n.stub ? ' stub' : ''}${n.file ? ` from ${n.file}` : ''}`;
  const nodes = [...graph.nodes.values()].map((n) => [n.url, describeNode(n), n] as const);

  it('has documents, stubs and tags to serve', () => {
    const kinds = new Set([...graph.nodes.values()].map((n) => (n.kind === 'tag' ? 'tag' : n.stub ? 'stub' : 'document')));
    expect([...kinds].sort()).toEqual(['document', 'stub', 'tag']);
  });

  it.each(nodes)('serves %s (%s), its share card, preview and neighbourhood', async (url, _, node) => {
    const page = await get(url);
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    // Titles with characters HTML escapes are checked as text in tests/browser/hostile.test.ts.
    if (!/[&<>"']/.test(node.title)) expect(page.body).toContain(node.title);
    // The preview card and the neighbourhood view are about this node, title as written.
    const preview = await get(`/api/preview/?id=${encodeURIComponent(node.id)}`);
    expect(preview.status).toBe(200);
    expect(preview.type).toMatch(/^application\/json/);
    expect(JSON.parse(preview.body)).toMatchObject({ id: node.id, kind: node.kind, title: node.title, stub: node.stub });
    const neighbourhood = await get(`/api/neighbourhood/?id=${encodeURIComponent(node.id)}`);
    expect(neighbourhood.status).toBe(200);
    const view = JSON.parse(neighbourhood.body) as { centre: string; nodes: { id: string; title: string }[] };
    expect(view.centre).toBe(node.id);
    expect(view.nodes.find((n) => n.id === node.id)?.title).toBe(node.title);
    if (node.kind !== 'tag') {
      const card = await fetch(`${server.url}${url}opengraph-image`);
      expect(card.status).toBe(200);
      expect(card.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await card.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    }
  });

  /** Each listing and what it must show besides a 200: its type, and a piece of its body. */
  const listings: [string, RegExp, (body: string) => void][] = [
    ['/', /^text\/html/, (body) => expect(headingOf(body)).toBe('The collection')],
    ['/notes/', /^text\/html/, (body) => expect(headingOf(body)).toMatch(/^Notes \(\d+\)$/)],
    ['/inquiring-lines/', /^text\/html/, (body) => expect(headingOf(body)).toMatch(/^Inquiring lines \(\d+\)$/)],
    ['/papers/', /^text\/html/, (body) => expect(headingOf(body)).toMatch(/^Papers \(\d+\)$/)],
    ['/tags/', /^text\/html/, (body) => expect(headingOf(body)).toMatch(/^Tags \(\d+\)$/)],
    ['/graph/', /^text\/html/, (body) => expect(headingOf(body)).toBe('The graph')],
    ['/api/graph/', /^application\/json/, (body) => expect((JSON.parse(body) as { ids: string[] }).ids).toHaveLength(graph.nodes.size)],
    ['/api/search/?q=agreement', /^application\/json/, (body) => expect((JSON.parse(body) as { total: number }).total).toBeGreaterThan(0)],
    ['/sitemap.xml', /xml/, (body) => expect(body).toMatch(/<(urlset|sitemapindex)\b/)],
    ['/robots.txt', /^text\/plain/, (body) => expect(body).toMatch(/^User-Agent: \*$/im)],
  ];

  it.each(listings)('serves %s', async (path, type, check) => {
    const answer = await get(path);
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(type);
    check(answer.body);
  });

  it('has no page for the files it did not load, and answers their would-be URLs with 404', async () => {
    for (const path of ['/notes/a-twenty-megabyte-note/', '/notes/passwd-link/', '/notes/latin1/', '/notes/binary-image/', '/notes/empty/', '/notes/a-note-left-at-the-top-of-the-content-folder/']) {
      const { status, body } = await get(path);
      expect(status, path).toBe(404);
      expect(body).not.toContain('root:x:0:0');
    }
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../../app/api/search/route';
import { MAX_QUERY_LENGTH } from '../../lib/search';
import type { SearchApiError, SearchApiResponse } from '../../lib/search/api';

let dir: string;
/** The nodes this test's content folder makes, by the URLs their titles give them. */
const NOTE = '/notes/can-better-reasoning-training-actually-reduce-model-sycophancy/';
const PUSHBACK = '/inquiring-lines/why-does-expert-pushback-strengthen-model-sycophancy/';
/** Every node that says sycophancy: the note, the inquiring line, the paper and the stub the note links to. */
const ALL_FOUR = [NOTE, PUSHBACK, '/papers/2310.13548/', '/notes/is-llm-sycophancy-a-choice/'];
const previous = process.env.TRELLIS_CONTENT_DIR;

beforeAll(() => {
  // A content folder of its own, so the handler reads what this test wrote, as the server would.
  dir = mkdtempSync(join(tmpdir(), 'trellis-search-api-'));
  for (const sub of ['notes', 'inquiries', 'papers']) mkdirSync(join(dir, sub));
  writeFileSync(
    join(dir, 'notes', 'sycophancy.md'),
    '---\ntitle: Can better reasoning training actually reduce model sycophancy?\nsummary: Reasoning-optimized models show no resistance advantage.\n---\nThe LOGICOM benchmark finds models convinced by fallacies. [[Is LLM sycophancy a choice?]]\n',
  );
  writeFileSync(
    join(dir, 'inquiries', 'pushback.md'),
    '---\ntitle: Why does expert pushback strengthen model sycophancy?\nsummary: This explores pushback.\nsources:\n  - title: Can better reasoning training actually reduce model sycophancy?\n---\nA persuasion bombing effect defeats oversight.\n',
  );
  writeFileSync(join(dir, 'papers', '2310.13548.md'), "---\nver: rpa2\ntitle: Towards Understanding Sycophancy in Language Models\narxiv_id: '2310.13548'\n---\n## Executive Summary\nSycophancy in assistants.\n");
  process.env.TRELLIS_CONTENT_DIR = dir;
});

afterAll(() => {
  if (previous === undefined) delete process.env.TRELLIS_CONTENT_DIR;
  else process.env.TRELLIS_CONTENT_DIR = previous;
  rmSync(dir, { recursive: true, force: true });
});

/** Calls the handler with a query string built from `params` (never throws on odd text). */
function get(params: Record<string, string>): Response {
  return GET(new Request(`http://localhost/api/search/?${new URLSearchParams(params).toString()}`));
}

async function ok(params: Record<string, string>): Promise<SearchApiResponse> {
  const res = get(params);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return (await res.json()) as SearchApiResponse;
}

async function bad(params: Record<string, string>, parameter: SearchApiError['parameter']): Promise<SearchApiError> {
  const res = get(params);
  expect(res.status).toBe(400);
  const body = (await res.json()) as SearchApiError;
  expect(body.parameter).toBe(parameter);
  expect(body.error).toContain(parameter);
  return body;
}

describe('GET /api/search', () => {
  it('answers a query with small, ranked results and no bodies', async () => {
    const body = await ok({ q: 'sycophancy' });
    expect(body).toMatchObject({ query: 'sycophancy', kind: null, partial: false, truncated: false });
    expect(body.total).toBe(4);
    expect(body.results.map((r) => r.title)).toContain('Towards Understanding Sycophancy in Language Models');
    expect(body.results).toHaveLength(4);
    for (const r of body.results) {
      expect(Object.keys(r).sort()).toEqual(['field', 'id', 'kind', 'place', 'score', 'snippet', 'stub', 'title', 'titleHighlights', 'url']);
    }
    const stub = body.results.find((r) => r.stub);
    expect(stub).toMatchObject({ title: 'Is LLM sycophancy a choice?', kind: 'note' });
  });

  it('lets a CDN keep an answer briefly', async () => {
    const res = get({ q: 'LOGICOM' });
    const cache = res.headers.get('cache-control') ?? '';
    expect(cache).toMatch(/\bpublic\b/);
    expect(cache).toMatch(/\bmax-age=\d+/);
    expect(cache).toMatch(/\bstale-while-revalidate=\d+/);
    // What is kept is the answer itself: the one note whose body names the benchmark.
    expect(res.status).toBe(200);
    const body = (await res.json()) as SearchApiResponse;
    expect(body.results.map((r) => r.id)).toEqual([NOTE]);
  });

  it('filters by kind and honours the limit', async () => {
    const papers = await ok({ q: 'sycophancy', kind: 'paper' });
    expect(papers.kind).toBe('paper');
    expect(papers.results.map((r) => r.id)).toEqual(['/papers/2310.13548/']);
    expect(papers.counts).toEqual({ note: 2, inquiry: 1, paper: 1 });
    expect((await ok({ q: 'sycophancy', limit: '2' })).results).toHaveLength(2);
    expect((await ok({ q: 'sycophancy', kind: '' })).total).toBe(4);
  });

  it('answers an empty or missing query with no results', async () => {
    expect(await ok({ q: '' })).toMatchObject({ total: 0, results: [] });
    expect(await ok({})).toMatchObject({ total: 0, results: [] });
  });

  // Each odd query is searched as the text it is: the answer echoes it, and finds the words it holds (undefined: not pinned).
  it.each([
    ['regex characters', '.*(', []],
    ['brackets', '[[a|b]]', undefined],
    ['quotes', '"persuasion bombing', [PUSHBACK]],
    ['smart quotes', '“persuasion bombing”', [PUSHBACK]],
    ['emoji', '😀 sycophancy', ALL_FOUR],
    ['a lone surrogate', 'syco\ud800phancy', []],
    ['control characters', '\u0000\u001b[31m', []],
    ['the longest accepted query', 'sycophancy '.repeat(90), ALL_FOUR],
  ])('takes %s without failing', async (_label, q, expected) => {
    const body = await ok({ q });
    // A lone surrogate cannot travel in a URL: it arrives as U+FFFD. The query is searched trimmed, and cut.
    const sent = q.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd').trim();
    expect(body.query).toBe(sent.slice(0, MAX_QUERY_LENGTH));
    expect(body.truncated).toBe(sent.length > MAX_QUERY_LENGTH);
    if (expected) expect(body.results.map((r) => r.id).sort()).toEqual([...expected].sort());
    expect(body.total).toBe(body.results.length);
  });

  it('finds the phrase a quoted query asks for', async () => {
    const body = await ok({ q: '"persuasion bombing"' });
    expect(body.results[0]?.title).toBe('Why does expert pushback strengthen model sycophancy?');
  });

  it('takes a query string that is not valid UTF-8', async () => {
    const res = GET(new Request('http://localhost/api/search/?q=%ED%A0%80%FF&kind=note'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    // Each byte that is not UTF-8 is read as U+FFFD, which no word holds.
    expect(await res.json()).toMatchObject({ query: expect.stringMatching(/^\ufffd+$/), kind: 'note', total: 0, results: [] });
  });

  it('refuses a query over 1,000 characters, naming q', async () => {
    await bad({ q: 'x'.repeat(10 * 1024) }, 'q');
    await bad({ q: 'x'.repeat(1001) }, 'q');
    await ok({ q: 'x'.repeat(1000) });
  });

  it.each(['notes', 'tag', 'NOTE', 'all', '<script>'])('refuses kind=%s, naming kind', async (kind) => {
    await bad({ q: 'sycophancy', kind }, 'kind');
  });

  it.each(['0', '51', '-1', '1.5', '1e1', 'ten', ' 5', '99999999999999999999'])('refuses limit=%s, naming limit', async (limit) => {
    await bad({ q: 'sycophancy', limit }, 'limit');
  });

  it('says nothing cacheable about a refused request', async () => {
    const res = get({ q: 'a', kind: 'x' });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ parameter: 'kind', error: expect.stringMatching(/^kind must be one of note, inquiry, paper.*; got "x"$/) });
  });
});

import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../lib/content/parse';
import { buildGraph } from '../../lib/graph/build';
import type { DocumentKind, Graph, ParsedDocument } from '../../lib/graph/types';
import { buildSearchIndex, buildSearchIndexInSteps, getSearchIndex, MAX_QUERY_LENGTH, warmSearchIndex, searchNodes, type SearchHit, type SearchResponse } from '../../lib/search';
import { foldWord } from '../../lib/text/fold';
import { seedGraph } from '../graph/seed-graph';
import { SEEDS } from '../helpers/seeds';

const graph = seedGraph();
const index = buildSearchIndex(graph);
const search = (q: string, options?: Parameters<typeof index.search>[1]): SearchResponse => index.search(q, options);
const ids = (r: SearchResponse): string[] => r.results.map((h) => h.id);
/** The marked text of a snippet, as a reader sees it highlighted. */
const marks = (hit: SearchHit): string[] => hit.snippet.highlights.map(([s, e]) => hit.snippet.text.slice(s, e));
const titleMarks = (hit: SearchHit): string[] => hit.titleHighlights.map(([s, e]) => hit.title.slice(s, e));

const NOTE = SEEDS.note000.id;
const PUSHBACK = SEEDS.line002.id;
const NO_ADVANTAGE = SEEDS.line001.id;
const PERSUASION_STUB = '/notes/does-validating-ai-output-make-models-more-defensive/';
const FACE_SAVING_STUB = '/notes/can-models-abandon-correct-beliefs-under-conversational-pressure/';
const TOWARDS = SEEDS.paper004.id;

describe('what ranks first on the seed collection', () => {
  // Each phrase was traced to the documents that really hold it (content/ and the stubs' cited summaries).
  it.each([
    // Only two documents hold it: a stub whose cited summary defines it, and the inquiring line whose essay
    // mentions it once. A summary hit outranks a body hit, so the stub comes first and the essay second.
    ['persuasion bombing', [PERSUASION_STUB, PUSHBACK]],
    // The same two-way split: the stub's summary names face-saving mechanisms, the essay uses the word.
    ['face-saving', [FACE_SAVING_STUB, PUSHBACK]],
    // Three bodies hold LOGICOM once each; the note states the finding first-hand and is the most cited
    // document of the collection (38 inquiring lines), which breaks the tie.
    ['LOGICOM', [NOTE]],
    // A title typed in full, with or without its punctuation and case.
    ['Towards Understanding Sycophancy in Language Models', [TOWARDS]],
    ['why does expert pushback strengthen rather than weaken model sycophancy', [PUSHBACK]],
    ['Why do reasoning-optimized models show no resistance advantage on agreement tasks?', [NO_ADVANTAGE]],
    // An arXiv id finds its paper.
    ['2310.13548', [TOWARDS]],
  ])('%s', (query, expected) => {
    expect(ids(search(query)).slice(0, expected.length)).toEqual(expected);
  });

  it('puts title hits before tag hits, tag hits before summary hits, and summary hits before body hits', () => {
    const tier = { title: 0, originalTitle: 0, aliases: 0, tags: 1, summary: 2, body: 3 } as const;
    const seen = new Set<number>();
    for (const query of ['sycophancy', 'reasoning', 'RLHF', 'persuasion']) {
      const tiers = search(query, { limit: 50 }).results.map((h) => tier[h.field]);
      expect(tiers.length, query).toBeGreaterThan(5);
      expect(tiers, query).toEqual([...tiers].sort((a, b) => a - b));
      for (const t of tiers) seen.add(t);
    }
    // The queries reach titles, summaries and bodies, so the order is tested across tiers, not within one.
    expect([...seen].sort()).toEqual(expect.arrayContaining([0, 2, 3]));
  });

  it('ranks the words as a phrase above the same words scattered', () => {
    const hasPhrase = (h: SearchHit) => marks(h).some((m) => /^generation[\s-]distribution$/i.test(m));
    for (const query of ['"generation distribution"', 'generation distribution']) {
      const results = search(query).results;
      const phraseFlags = results.map(hasPhrase);
      expect(phraseFlags.slice(0, 3), query).toEqual([true, true, true]);
      // The scattered words are found too, below every phrase.
      expect(phraseFlags.indexOf(false), query).toBeGreaterThan(2);
      expect(phraseFlags.slice(phraseFlags.indexOf(false))).not.toContain(true);
    }
  });

  it('forgives one typo in a longer word', () => {
    const typo = search('sycophncy');
    expect(typo.total).toBeGreaterThan(0);
    expect(ids(typo)).toEqual(ids(search('sycophancy')));
    expect(titleMarks(typo.results[0]!)).toEqual(['sycophancy']);
    // Short words are not "corrected" into other words.
    expect(search('modl').total).toBe(0);
  });

  it('reads the last word as a prefix while it is being typed', () => {
    const typing = search('sycoph');
    expect(ids(typing)[0]).toBe(ids(search('sycophancy'))[0]);
    expect(search('expert pushb').results[0]?.id).toBe(PUSHBACK);
    // Typing on (a space, the next word) keeps the completions; a closing quote ends the word.
    expect(ids(search('sycoph '))).toEqual(ids(typing));
    expect(search('"sycoph"').total).toBe(0);
  });

  it('meets a word in its other forms (light stemming)', () => {
    const found = search('persuade');
    expect(ids(found)).toContain(PERSUASION_STUB);
    expect(found.results.flatMap(marks)).toContain('persuasion');
    expect(ids(search('models reasoned'))).toContain(NOTE);
  });

  it('filters by kind and still counts every kind', () => {
    const all = search('sycophancy');
    const papers = search('sycophancy', { kind: 'paper' });
    expect(papers.results.length).toBeGreaterThan(0);
    expect(papers.results.every((h) => h.kind === 'paper')).toBe(true);
    expect(papers.total).toBe(all.counts.paper);
    expect(papers.counts).toEqual(all.counts);
    expect(all.total).toBe(all.counts.note + all.counts.inquiry + all.counts.paper);
  });

  it('marks exactly the matched words in the snippet and the title', () => {
    const [stub, essay] = search('persuasion bombing').results;
    expect(marks(stub!)).toEqual(['persuasion', 'persuasion bombing']);
    expect(stub!.snippet.text).toContain('This "persuasion bombing" effect');
    expect(essay!.snippet.field).toBe('body');
    expect(marks(essay!)).toContain('persuasion bombing');

    const logicom = search('LOGICOM').results;
    // Three bodies hold the word (see "what ranks first" above).
    expect(logicom).toHaveLength(3);
    for (const hit of logicom) {
      expect(marks(hit)).toEqual(['LOGICOM']);
      expect(hit.snippet.text.length).toBeLessThanOrEqual(170);
    }
    const face = search('face-saving').results[1]!;
    expect(marks(face).map(foldWord)).toEqual(['face-saving']);
    expect(titleMarks(search('expert pushback').results[0]!)).toEqual(['expert pushback']);
  });

  it('never shows Markdown in a snippet: wikilinks become their text', () => {
    const hit = search('load-bearing user satisfaction', { kind: 'inquiry' }).results[0]!;
    expect(hit.id).toBe(PUSHBACK);
    expect(hit.snippet.text).not.toMatch(/\[\[|\]\]|\*/);
    expect(hit.snippet.text).toContain('load-bearing');
  });

  it('describes where each result sits in the graph', () => {
    expect(search('LOGICOM').results[0]!.place).toMatch(/^cited by 38 inquiring lines/);
    expect(search('persuasion bombing').results[1]!.place).toBe('10 sources');
    expect(search('persuasion bombing').results[0]).toMatchObject({ stub: true, kind: 'note' });
  });

  it('gives tags no result of their own, but finds documents by their tags', () => {
    const found = search('mixture-of-experts');
    expect(found.results.map((h) => h.kind)).toEqual(['paper', 'paper']);
    expect(found.results.every((h) => h.field === 'tags')).toBe(true);
  });
});

function graphOf(files: Record<string, string>): Graph {
  const folder: Record<string, DocumentKind> = { notes: 'note', inquiries: 'inquiry', papers: 'paper' };
  const documents: ParsedDocument[] = [];
  for (const [path, text] of Object.entries(files)) {
    const { doc } = parseDocument({ path, kind: folder[path.split('/')[0]!] ?? 'note', text });
    if (doc) documents.push(doc);
  }
  return buildGraph({ documents });
}

describe('text beyond ASCII', () => {
  const g = graphOf({
    'notes/cafe.md': '---\ntitle: Café culture in Kyōto\nsummary: Why a naïve résumé of café talk misleads.\n---\nThe crème brûlée of the Zürich café.',
    'notes/attention.md': '---\ntitle: 深度学习中的注意力机制\nsummary: 注意力机制让模型关注重要的词。\n---\n本文讨论注意力。',
    'notes/other.md': '---\ntitle: 学习笔记\nsummary: 力学与机制\n---\nUnrelated.',
    'notes/plain.md': '---\ntitle: Cafeteria planning\n---\nA plain page about cafes.',
  });

  it('finds accented words without their accents, and with them', () => {
    for (const query of ['cafe', 'café', 'CAFÉ']) {
      const hit = searchNodes(g, query).results[0]!;
      expect(hit.title, query).toBe('Café culture in Kyōto');
      expect(titleMarks(hit), query).toEqual(['Café']);
    }
    expect(searchNodes(g, 'kyoto').results[0]?.title).toBe('Café culture in Kyōto');
    expect(marks(searchNodes(g, 'naive resume').results[0]!)).toEqual(['naïve résumé']);
    expect(searchNodes(g, 'creme brulee zurich').results[0]?.title).toBe('Café culture in Kyōto');
  });

  it('finds a CJK title by any substring of it, the substring before scattered characters', () => {
    for (const query of ['注意力', '学习中的注意', '机制']) {
      const hit = searchNodes(g, query).results[0]!;
      expect(hit.title, query).toBe('深度学习中的注意力机制');
      expect(titleMarks(hit).join(''), query).toBe(query);
    }
    // "力学" is a substring of the other note only; the first note holds both characters apart.
    expect(searchNodes(g, '力学').results.map((h) => h.title)).toEqual(['学习笔记', '深度学习中的注意力机制']);
  });
});

describe('any input', () => {
  const nasty = [
    '',
    '   ',
    '.*(',
    '[[',
    '"',
    '""',
    '"unclosed phrase',
    '“smart quotes”',
    "'; DROP TABLE nodes; --",
    '😀🔥',
    'sycophancy 😀',
    '\ud800',
    'abc\udc00def',
    '\u0000\u0007',
    '\\',
    '$&$1',
    'constructor',
    '__proto__',
    'hasOwnProperty',
    'a'.repeat(10_000),
    'reasoning '.repeat(1_000),
    'ab'.repeat(30),
  ];

  it.each(nasty.map((q) => [JSON.stringify(q.slice(0, 30)), q]))('%s never throws', (_label, q) => {
    const found = search(q);
    expect(found.results.length).toBeLessThanOrEqual(20);
    expect(JSON.parse(JSON.stringify(found))).toEqual(found);
  });

  it('gives nothing for an empty query', () => {
    expect(search('')).toMatchObject({ total: 0, results: [] });
    expect(search('  \n ')).toMatchObject({ total: 0, results: [] });
  });

  it('cuts a long query and says so', () => {
    const long = `sycophancy ${'x'.repeat(500)}`;
    const found = search(long);
    expect(found.truncated).toBe(true);
    expect(found.query).toHaveLength(MAX_QUERY_LENGTH);
    expect(search('sycophancy').truncated).toBe(false);
  });

  it('pages through results with limit and offset', () => {
    const all = ids(search('reasoning', { limit: 50 }));
    expect(all.length).toBeGreaterThan(10);
    expect(ids(search('reasoning', { limit: 5, offset: 5 }))).toEqual(all.slice(5, 10));
  });

  it('says when no document holds every word', () => {
    const found = search('sycophancy zzzzzz');
    expect(found.partial).toBe(true);
    expect(found.total).toBeGreaterThan(0);
    expect(search('sycophancy').partial).toBe(false);
  });

  it('can build the index in steps ahead of the first search, and keeps that one', async () => {
    const g = seedGraph();
    const warmed = await warmSearchIndex(g);
    expect(getSearchIndex(g)).toBe(warmed);
    expect(ids(warmed.search('LOGICOM'))[0]).toBe(NOTE);
    expect(ids(warmed.search('LOGICOM'))).toEqual(ids(search('LOGICOM')));
    let pauses = 0;
    const stepped = await buildSearchIndexInSteps(g, undefined, async () => void pauses++);
    expect(index.size).toBe(67);
    expect(stepped.size).toBe(index.size);
    expect(pauses).toBe(0); // 67 documents fit in one step
  });

  it('builds one index per graph and keeps it', () => {
    const g = seedGraph();
    expect(getSearchIndex(g)).toBe(getSearchIndex(g));
    expect(getSearchIndex(g)).not.toBe(getSearchIndex(seedGraph()));
    expect(searchNodes(g, 'LOGICOM').results[0]?.id).toBe(NOTE);
  });
});

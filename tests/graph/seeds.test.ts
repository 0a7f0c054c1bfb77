import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../lib/content/parse';
import { isSiteText } from '../../lib/content/site-text';
import { buildGraph } from '../../lib/graph/build';
import { resolveInGraph } from '../../lib/graph/resolve';
import type { DocumentNode, Edge, Graph, NodeId, ParsedDocument } from '../../lib/graph/types';
import { SEED_COUNT, SEED_PAGES } from '../helpers/seeds';
import { importedSeeds, seedInputs } from '../import/seed-inputs';

const planned = importedSeeds();
const parsed = new Map<string, ParsedDocument>();
for (const [seed, file] of planned) {
  const { doc } = parseDocument({ path: file.path, kind: file.kind, text: file.text });
  if (doc) parsed.set(seed, doc);
}
const graph: Graph = buildGraph({ documents: [...parsed.values()] });

const nodeOf = (seed: string): DocumentNode => {
  const path = planned.get(seed)?.path;
  const node = [...graph.nodes.values()].find((n) => n.file === path);
  if (!node || node.kind === 'tag') throw new Error(`no node for ${seed}`);
  return node;
};
const titleOf = (id: NodeId) => graph.nodes.get(id)?.title;
const bySourceOrder = (a: Edge, b: Edge) => (a.order ?? 0) - (b.order ?? 0);

describe('the graph of the five seeds', () => {
  it('is made from five seed exports, each a page of its own', () => {
    expect(seedInputs().map((i) => i.name)).toEqual([...SEED_PAGES.keys()].sort());
    expect(planned.size).toBe(SEED_COUNT);
    expect(parsed.size).toBe(SEED_COUNT);
    expect(new Set(SEED_PAGES.values()).size).toBe(SEED_COUNT);
  });

  const note = nodeOf('000_1e4a9b658fbc24ea.txt');
  const line001 = nodeOf('001_08dd9da4b02c420a.txt');
  const line002 = nodeOf('002_73b0966aaf0a12e8.txt');

  it('lives at the corpus site URLs', () => {
    expect(note.url).toBe('/notes/sycophancy-cannot-be-fixed-by-better-reasoning-training-because-there-is-no-reas/');
    expect(line001.url).toBe('/inquiring-lines/why-do-reasoning-optimized-models-show-no-resistance-advantage-on-agreement-task/');
    expect(nodeOf('003_972137ff6dbbc4ea.txt').url).toBe('/papers/2411.15287/');
  });

  it('holds about 65 document nodes, most of them stubs, and nothing it had to report', () => {
    const docs = [...graph.nodes.values()].filter((n) => n.kind !== 'tag');
    expect(docs).toHaveLength(67);
    expect(docs.filter((n) => !n.stub)).toHaveLength(5);
    expect(graph.diagnostics).toEqual([]);
  });

  it('seed 000 is cited by 38 inquiring lines, among them 001 and 002', () => {
    const citing = (graph.incoming.get(note.id) ?? []).filter((e) => e.kind === 'source');
    expect(citing).toHaveLength(38);
    expect(citing.every((e) => graph.nodes.get(e.source)?.kind === 'inquiry')).toBe(true);
    expect(citing.map((e) => e.source)).toEqual(expect.arrayContaining([line001.id, line002.id]));
  });

  it('merges the two descriptions of one citation into one edge that keeps its order', () => {
    const edges = graph.edges.filter((e) => e.kind === 'source' && e.source === line002.id && e.target === note.id);
    expect(edges).toEqual([
      {
        source: line002.id,
        target: note.id,
        kind: 'source',
        order: 7,
        summary: expect.stringMatching(/^Reasoning-optimized models show no meaningful resistance advantage/),
      },
    ]);
  });

  it('seed 000 has 3 related concepts with their labels and 8 related papers', () => {
    const out = graph.outgoing.get(note.id) ?? [];
    expect(out.filter((e) => e.kind === 'related').map((e) => [titleOf(e.target), e.label])).toEqual([
      ['Is LLM sycophancy a choice or a mechanical process?', 'the broader frame this prescription-failure follows from'],
      ['Why do LLMs accept logical fallacies more than humans?', 'the empirical evidence that grounds the prescription failure'],
      ['Does transformer attention architecture inherently favor repeated content?', 'the mechanism that explains why reasoning training does not address sycophancy'],
    ]);
    const papers = out.filter((e) => e.kind === 'related-paper');
    expect(papers).toHaveLength(8);
    expect(titleOf(papers[0]!.target)).toBe('How susceptible are LLMs to Logical Fallacies?');
    expect(papers.every((e) => graph.nodes.get(e.target)?.kind === 'paper')).toBe(true);
  });

  it('seed 001 has 7 sources, each paired with its right title and summary', () => {
    const sources = (graph.outgoing.get(line001.id) ?? []).filter((e) => e.kind === 'source').sort(bySourceOrder);
    expect(sources.map((e) => e.order)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(sources[0]?.target).toBe(note.id);
    const fourth = graph.nodes.get(sources[3]!.target);
    expect(fourth).toMatchObject({ title: 'Why do reasoning models fail at predicting disagreement?', stub: true, kind: 'note' });
    expect(fourth?.summary).toMatch(/^RLVR-trained models degrade significantly/);
  });

  it('seed 002 has 10 sources in order, and cites each inline', () => {
    const sources = (graph.outgoing.get(line002.id) ?? []).filter((e) => e.kind === 'source').sort(bySourceOrder);
    expect(sources.map((e) => titleOf(e.target))).toEqual([
      'Is sycophancy in AI systems a training flaw or intentional design?',
      'Why do language models agree with false claims they know are wrong?',
      'Can models abandon correct beliefs under conversational pressure?',
      'Can language models distinguish expert arguments from common assumptions?',
      'Does validating AI output make models more defensive?',
      'Do LLMs persuade users more often than humans do?',
      'Can better reasoning training actually reduce model sycophancy?',
      'Why do models hide what users want them to say?',
      'Does model confidence predict robustness to prompt changes?',
      'Can models reliably improve themselves without external feedback?',
    ]);
    const mentioned = new Set((graph.outgoing.get(line002.id) ?? []).filter((e) => e.kind === 'mentions').map((e) => e.target));
    expect(sources.every((e) => mentioned.has(e.target))).toBe(true);
  });

  it('a stub carries what its citing pages say and who cites it', () => {
    const stub = graph.nodes.get(resolveFound('Is LLM sycophancy a choice or a mechanical process?'));
    expect(stub).toMatchObject({ stub: true, kind: 'note', summary: expect.stringMatching(/^Two competing explanations/) });
    expect(stub?.citations).toContainEqual(expect.objectContaining({ by: note.id, label: 'the broader frame this prescription-failure follows from' }));
    const inquiryStub = graph.nodes.get(resolveFound('Why do LLMs fall for and deploy logical fallacies with equal confidence?'));
    expect(inquiryStub).toMatchObject({ stub: true, kind: 'inquiry', url: '/inquiring-lines/why-do-llms-fall-for-and-deploy-logical-fallacies-with-equal-confidence/' });
  });

  it('papers carry their tags as edges to tag nodes', () => {
    const paper = nodeOf('003_972137ff6dbbc4ea.txt');
    const tags = (graph.outgoing.get(paper.id) ?? []).filter((e) => e.kind === 'tag').map((e) => e.target);
    expect(tags).toContain('/tags/sycophancy/');
    expect(tags).toHaveLength(12);
  });

  function resolveFound(name: string): NodeId {
    const r = resolveInGraph(graph, name);
    if (r.status !== 'found') throw new Error(`${name}: ${r.status}`);
    return r.id;
  }
});

/** All the text a document puts on its page: fields, lists and body, wikilinks shown as text. */
function documentText(doc: ParsedDocument): string {
  const parts: string[] = [doc.title, doc.summary ?? '', doc.body.replace(/\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/g, (_, t, s) => s ?? t)];
  if (doc.kind === 'note') {
    parts.push(doc.originalTitle ?? '', ...doc.inquiries, ...doc.papers);
    for (const r of doc.related) parts.push(r.title, r.summary ?? '', r.label ?? '');
  } else if (doc.kind === 'inquiry') {
    for (const s of doc.sources) parts.push(s.title, s.summary ?? '');
    parts.push(...doc.next);
  } else if (doc.kind === 'paper') {
    parts.push(doc.ver ?? '', doc.arxivId ?? '', doc.sourceUrl ?? '', doc.coreContribution ?? '');
  }
  parts.push(...doc.tags);
  return normalise(parts.join('\n'));
}

const normalise = (s: string) => s.replace(/\*/g, '').replace(/\s+/g, ' ').trim();
const STRUCTURE = /^(INQUIRING LINE|Next inquiring lines|Original note title|-|Sources \d+ notes?|(Inquiring lines that use this note as a source|Related concepts in this collection|Related papers in this collection) \d+)$/;

describe('every sentence of each seed', () => {
  it.each(seedInputs().map((i) => [i.name, i.text] as const))('%s reaches the node it became', (name, text) => {
    const doc = parsed.get(name);
    expect(doc).toBeDefined();
    const haystack = documentText(doc!);
    const missing: string[] = [];
    let checked = 0;
    // A paper's frontmatter is checked by value (YAML folds long values over lines).
    const { data, content } = matter(text, {});
    for (const value of Object.values(data).flat()) {
      checked++;
      if (!haystack.includes(normalise(String(value)))) missing.push(String(value));
    }
    for (const raw of content.split('\n')) {
      const line = raw.trim().replace(/^- /, '');
      if (!line || STRUCTURE.test(line) || isSiteText(line)) continue;
      for (const sentence of line.split(/(?<=[.?!])\s+(?=\S)/)) {
        checked++;
        if (!haystack.includes(normalise(sentence))) missing.push(sentence);
      }
    }
    // Every seed has a title and a body of several sentences: none is checked against nothing.
    expect(checked, 'sentences checked').toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../../lib/corpus';
import { bodyOf } from '../../lib/graph/body';
import type { Graph, PaperNode } from '../../lib/graph/types';
import { generateCorpus, type GenerateSummary } from '../../scripts/lib/generate';

/** A real-looking rpa2 summary. Long titles fold onto a second line and titles with ": " are quoted, as in the real files. */
function rpa2(arxivId: string, title: string): string {
  const quoted = title.includes(': ') ? `'${title.replace(/'/g, "''")}'` : title;
  const fold = quoted.lastIndexOf(' ', 50);
  const titleYaml = quoted.length > 50 ? `${quoted.slice(0, fold)}\n  ${quoted.slice(fold + 1)}` : quoted;
  return `---
ver: rpa2
title: ${titleYaml}
arxiv_id: '${arxivId}'
source_url: https://arxiv.org/abs/${arxivId}
tags:
- llms
- evaluation
core_contribution: This paper measures something about language models.
---

# ${title}

## Quick Facts
- arXiv ID: ${arxivId}
- Source URL: https://arxiv.org/abs/${arxivId}

## Executive Summary
A short summary of the paper.
`;
}

const REAL_PAPERS: readonly (readonly [string, string])[] = [
  ['2401.00690', 'Benchmarking Large Language Models on Controllable Generation under Diversified Instructions'],
  ['2401.00741', 'ToolEyes: Fine-Grained Evaluation for Tool Learning'],
  ['2401.07529', 'MM-SAP: A Comprehensive Benchmark for Assessing Self-Awareness'],
  ['2402.01234', 'Sycophancy Under Pressure'],
  ['2403.04321', 'How Susceptible are LLMs to Logical Fallacies?'],
  ['2404.10100', 'Reasoning Models Flatter Too'],
];

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('generate-corpus', () => {
  let root: string;
  let papersFrom: string;
  let corpus: string;
  let summary: GenerateSummary;
  let graph: Graph;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'trellis-generate-'));
    papersFrom = join(root, 'rpa2');
    mkdirSync(papersFrom);
    for (const [id, title] of REAL_PAPERS) writeFileSync(join(papersFrom, `${id}_paper_20260212_080328.md`), rpa2(id, title));
    // The real collection has a couple of files with NUL bytes; Trellis would reject them.
    writeFileSync(join(papersFrom, '2405.00001_broken_20260212_080328.md'), `${rpa2('2405.00001', 'Broken')}\u0000`);
    corpus = join(root, 'corpus');
    summary = generateCorpus({ out: corpus, nodes: 300, seed: 7, papersFrom });
    graph = readCorpus(corpus);
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('loads with no errors; the only warnings are the deliberate links to unwritten notes', () => {
    expect(graph.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(new Set(graph.diagnostics.map((d) => d.code))).toEqual(new Set(['unresolved-link']));
    expect(graph.fileCount).toBe(300);
  });

  it('mixes 60% notes, 15% inquiring lines and 25% papers, with stubs of each kind', () => {
    const kinds = (kind: string, stub: boolean): number => [...graph.nodes.values()].filter((n) => n.kind === kind && n.stub === stub).length;
    expect([kinds('note', false), kinds('inquiry', false), kinds('paper', false)]).toEqual([180, 45, 75]);
    expect(kinds('note', true)).toBeGreaterThan(0);
    expect(kinds('inquiry', true)).toBeGreaterThan(0);
    expect(kinds('paper', true)).toBeGreaterThan(0);
  });

  it('gives every inquiring line 5–15 ordered sources, mostly notes that exist', () => {
    const inquiries = [...graph.nodes.values()].filter((n) => n.kind === 'inquiry' && !n.stub);
    expect(inquiries).toHaveLength(45);
    let sources = 0;
    let written = 0;
    for (const inquiry of inquiries) {
      const edges = (graph.outgoing.get(inquiry.id) ?? []).filter((e) => e.kind === 'source');
      expect(edges.length, inquiry.title).toBeGreaterThanOrEqual(5);
      expect(edges.length, inquiry.title).toBeLessThanOrEqual(15);
      expect(edges.map((e) => e.order)).toEqual(edges.map((_, i) => i + 1));
      // The essay cites each of its sources inline.
      const cited = new Set((graph.outgoing.get(inquiry.id) ?? []).filter((e) => e.kind === 'mentions').map((e) => e.target));
      expect(edges.filter((e) => !cited.has(e.target))).toEqual([]);
      sources += edges.length;
      written += edges.filter((e) => graph.nodes.get(e.target)?.stub === false).length;
    }
    expect(written / sources).toBeGreaterThan(0.9);
  });

  it('gives notes question titles, declarative original titles, related notes with labels and wikilinks', () => {
    const notes = [...graph.nodes.values()].filter((n) => n.kind === 'note' && !n.stub);
    expect(notes).toHaveLength(180);
    expect(notes.every((n) => n.title.endsWith('?') && n.kind === 'note' && n.originalTitle && !n.originalTitle.endsWith('?'))).toBe(true);
    const related = graph.edges.filter((e) => e.kind === 'related');
    expect(related.length).toBeGreaterThan(notes.length);
    expect(related.every((e) => e.label)).toBe(true);
    expect(graph.edges.filter((e) => e.kind === 'mentions' && graph.nodes.get(e.source)?.kind === 'note').length).toBeGreaterThan(notes.length * 2);
  });

  it('copies real papers unchanged, varies them with unique arXiv ids when more are needed, and skips files Trellis would reject', () => {
    for (const [id] of REAL_PAPERS) {
      const name = `${id}_paper_20260212_080328.md`;
      expect(readFileSync(join(corpus, 'papers', name), 'utf8')).toBe(readFileSync(join(papersFrom, name), 'utf8'));
    }
    expect(summary.papers).toEqual({ copied: 6, variants: 69, synthetic: 0 });
    expect(summary.skippedPapers.map((s) => s.file)).toEqual(['2405.00001_broken_20260212_080328.md']);
    const papers = [...graph.nodes.values()].filter((n): n is PaperNode => n.kind === 'paper' && !n.stub);
    expect(new Set(papers.map((p) => p.arxivId)).size).toBe(75);
    expect(papers.map((p) => p.id)).toContain('/papers/2401.00690v2/');
    expect(papers.find((p) => p.arxivId === '2401.00690v2')?.title).toBe(
      'Benchmarking Large Language Models on Controllable Generation under Diversified Instructions (variant 2)',
    );
  });

  it('writes the same files for the same seed, and different ones for another seed', () => {
    const again = join(root, 'again');
    const other = join(root, 'other');
    generateCorpus({ out: again, nodes: 300, seed: 7, papersFrom });
    generateCorpus({ out: other, nodes: 300, seed: 8, papersFrom });
    expect(listFiles(again)).toEqual(listFiles(corpus));
    const written = listFiles(corpus).filter((f) => f.endsWith('.md'));
    expect(written).toHaveLength(300);
    for (const file of written) {
      expect(readFileSync(join(again, file), 'utf8'), file).toBe(readFileSync(join(corpus, file), 'utf8'));
    }
    expect(listFiles(other)).not.toEqual(listFiles(corpus));
  });

  it('makes up rpa2-shaped papers when no folder of real ones is given', () => {
    const made = join(root, 'made-up');
    const result = generateCorpus({ out: made, nodes: 300, seed: 7 });
    const built = readCorpus(made);
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.papers).toEqual({ copied: 0, variants: 0, synthetic: 75 });
    const papers = [...built.nodes.values()].filter((n): n is PaperNode => n.kind === 'paper' && !n.stub);
    expect(papers).toHaveLength(75);
    expect(papers.every((p) => p.arxivId && p.id === `/papers/${p.arxivId}/` && p.coreContribution && bodyOf(built, p).includes('## Quick Facts'))).toBe(true);
  });

  it('refuses to write into a folder that already holds files', () => {
    expect(() => generateCorpus({ out: corpus, nodes: 300, seed: 7 })).toThrow(/not empty/);
  });
});

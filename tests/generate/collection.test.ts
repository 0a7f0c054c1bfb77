import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../../lib/corpus';
import { bodyOf } from '../../lib/graph/body';
import type { Graph, PaperNode } from '../../lib/graph/types';
import { generateCorpus, type GenerateSummary } from '../../scripts/lib/generate';

/*
 * The `collection` shape: the whole paper collection, mostly papers varied from a
 * small real sample, with a few notes and inquiring lines citing them.
 */

const REAL = 20;

/** A real-looking rpa2 summary whose tags are skewed as in the real collection: two on (nearly) every paper, a tail of rare ones. */
function rpa2(i: number): { name: string; text: string; title: string } {
  const id = `2403.${String(1000 + i * 37).padStart(5, '0')}`;
  const title = i % 2 === 0 ? `Tool${i}Bench: Measuring Tool Use in Language Models` : `Understanding Calibration of Large Language Models under Shift ${i}`;
  // One real paper in twenty lacks the near-universal tag, as about one in two hundred does in the sample.
  const tags = [...(i === 0 ? [] : ['chain-of-thought']), 'transformers', `topic-${i % 4}`, `rare-${i}`];
  const text = `---
ver: rpa2
title: '${title}'
arxiv_id: '${id}'
source_url: https://arxiv.org/abs/${id}
tags:
${tags.map((t) => `- ${t}`).join('\n')}
core_contribution: This paper introduces a novel framework that significantly improves existing results.
---

# ${title}

## Quick Facts
- arXiv ID: ${id}
- Source URL: https://arxiv.org/abs/${id}

## Executive Summary
This paper introduces a novel framework. Experiments on multiple datasets demonstrate that it significantly outperforms existing methods; however, results are limited to English.
`;
  return { name: `${id}_paper-${i}_20260212_080328.md`, text, title };
}

/** A digest of every file of a folder, names and contents. */
function digest(dir: string): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    hash.update(file);
    if (file.endsWith('.md')) hash.update(readFileSync(join(dir, file)));
  }
  return hash.digest('hex');
}

describe('generate-corpus --shape collection', () => {
  let root: string;
  let papersFrom: string;
  let corpus: string;
  let summary: GenerateSummary;
  let graph: Graph;
  const reals = Array.from({ length: REAL }, (_, i) => rpa2(i));

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'trellis-collection-'));
    papersFrom = join(root, 'rpa2');
    mkdirSync(papersFrom);
    for (const paper of reals) writeFileSync(join(papersFrom, paper.name), paper.text);
    corpus = join(root, 'corpus');
    summary = generateCorpus({ out: corpus, nodes: 1000, seed: 3, papersFrom, shape: 'collection' });
    graph = readCorpus(corpus);
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const papers = (): PaperNode[] => [...graph.nodes.values()].filter((n): n is PaperNode => n.kind === 'paper' && !n.stub);
  const documents = (kind: string) => [...graph.nodes.values()].filter((n) => n.kind === kind && !n.stub);

  it('is mostly papers, with 3% notes and 1% inquiring lines, and loads without errors', () => {
    expect([documents('paper').length, documents('note').length, documents('inquiry').length]).toEqual([960, 30, 10]);
    expect(summary.papers).toEqual({ copied: REAL, variants: 940, synthetic: 0 });
    expect(graph.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('varies real papers into distinct documents: their own arXiv id, title and wording, not a marked copy', () => {
    const all = papers();
    expect(new Set(all.map((p) => p.arxivId)).size).toBe(960);
    expect(new Set(all.map((p) => p.title.toLowerCase())).size).toBe(960);
    const realTitles = new Set(reals.map((r) => r.title));
    const variants = all.filter((p) => !realTitles.has(p.title));
    expect(variants).toHaveLength(940);
    expect(variants.filter((p) => /variant|v\d+$/.test(`${p.title} ${p.arxivId}`))).toEqual([]);
    // Every variant's arXiv id is a plain new-style id, so its page is /papers/<id>/.
    expect(variants.every((p) => /^\d{4}\.\d{5}$/.test(p.arxivId ?? '') && p.id === `/papers/${p.arxivId}/`)).toBe(true);
    // The wording differs from every real body: phrases are swapped, not only the heading.
    const realBodies = new Set(reals.map((r) => r.text.slice(r.text.indexOf('## Executive Summary'))));
    expect(variants.filter((p) => { const body = bodyOf(graph, p); return realBodies.has(body.slice(body.indexOf('## Executive Summary'))); })).toEqual([]);
  });

  it('keeps the real tag skew: a tag on 19 of 20 real papers is on about 95% of all papers, a rare one stays rare', () => {
    const all = papers();
    const share = (tag: string): number => all.filter((p) => p.tags.includes(tag)).length / all.length;
    expect(share('transformers')).toBe(1);
    expect(share('chain-of-thought')).toBeCloseTo(0.95, 2);
    expect(share('topic-1')).toBeCloseTo(0.25, 2);
    expect(share('rare-7')).toBeCloseTo(0.05, 2);
  });

  it('has notes and inquiring lines that cite papers and each other', () => {
    const fromTo = (source: string, target: string) =>
      graph.edges.filter((e) => graph.nodes.get(e.source)?.kind === source && graph.nodes.get(e.target)?.kind === target && !graph.nodes.get(e.target)?.stub).length;
    // Listed papers (`papers`) and wikilinks to papers, by title or arXiv id.
    expect(graph.edges.filter((e) => e.kind === 'related-paper').length).toBeGreaterThan(30);
    expect(fromTo('inquiry', 'paper')).toBeGreaterThan(10);
    expect(fromTo('note', 'note')).toBeGreaterThan(30);
    expect(fromTo('inquiry', 'note')).toBeGreaterThan(40);
  });

  it('writes the same files for the same seed, and different ones for another seed', () => {
    const again = join(root, 'again');
    const other = join(root, 'other');
    generateCorpus({ out: again, nodes: 1000, seed: 3, papersFrom, shape: 'collection' });
    generateCorpus({ out: other, nodes: 1000, seed: 4, papersFrom, shape: 'collection' });
    expect(digest(again)).toBe(digest(corpus));
    expect(digest(other)).not.toBe(digest(corpus));
  });
});

import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../lib/content/parse';
import { buildGraph } from '../../lib/graph/build';
import type { NodeId, ParsedDocument } from '../../lib/graph/types';
import { buildSimilarityIndex, getSimilarityIndex, warmSimilarityIndex } from '../../lib/search/similarity';
import { tokenize } from '../../lib/search/terms';

const paper = (id: string, title: string, body: string) =>
  parseDocument({ path: `papers/${id}.md`, kind: 'paper', text: `---\nver: rpa2\ntitle: '${title}'\narxiv_id: '${id}'\n---\n${body}` }).doc as ParsedDocument;

describe('related papers by similarity', () => {
  const graph = buildGraph({
    documents: [
      parseDocument({ path: 'notes/n.md', kind: 'note', text: '---\ntitle: Does sycophancy survive reasoning training?\n---\nModels flatter users; sycophantic agreement persists after reasoning training.' }).doc as ParsedDocument,
      paper('2401.00001', 'Protein folding with diffusion', 'We fold proteins with diffusion models and measure folding accuracy.'),
      paper('2401.00002', 'Sycophancy in language models', 'Sycophantic agreement with users and flattery; sycophancy measured under pressure.'),
      paper('2401.00003', 'Reasoning and calibration', 'Reasoning changes calibration of language models.'),
    ],
  });
  const index = buildSimilarityIndex(graph);

  it('ranks the paper that shares the most distinctive words first, and leaves out unrelated ones', () => {
    const ranked = index.similarPapers('/notes/does-sycophancy-survive-reasoning-training/' as NodeId, 5).map((r) => r.id);
    expect(ranked[0]).toBe('/papers/2401.00002/');
    expect(ranked).toContain('/papers/2401.00003/');
    expect(ranked).not.toContain('/papers/2401.00001/');
  });

  it('reads bodies as text: a link target or an HTML tag shared by two papers does not relate them', () => {
    const linked = buildGraph({
      documents: [
        paper('2403.00001', 'Protein folding', 'Folding proteins [see the repository](https://github.com/quuxlab/zorbfield-toolkit) <span title="zorbfield">here</span>.'),
        paper('2403.00002', 'Sycophancy in dialogue', 'Agreement under pressure [code](https://github.com/quuxlab/zorbfield-toolkit) <span title="zorbfield">too</span>.'),
        paper('2403.00003', 'Zorbfield toolkit', 'The zorbfield toolkit for quuxlab experiments.'),
      ],
    });
    const related = buildSimilarityIndex(linked).similarPapers('/papers/2403.00001/' as NodeId, 5).map((r) => r.id);
    expect(related).not.toContain('/papers/2403.00002/');
    // The link's text is read, as a reader reads it: "repository" is the first paper's word.
    expect(tokenize('Folding proteins see the repository')).toContain('repository');
  });

  it('never lists a paper as related to itself, and honours exclusions', () => {
    const ranked = index.similarPapers('/papers/2401.00002/' as NodeId, 5, new Set(['/papers/2401.00003/' as NodeId]));
    expect(ranked.map((r) => r.id)).not.toContain('/papers/2401.00002/');
    expect(ranked.map((r) => r.id)).not.toContain('/papers/2401.00003/');
  });

  it('answers a node asked about again from its kept list, with the same papers as a fresh index', () => {
    const many = buildGraph({
      documents: Array.from({ length: 90 }, (_, i) => paper(`2402.${String(i).padStart(5, '0')}`, `Sycophancy study ${i}`, `Sycophancy and agreement ${'pressure '.repeat(i % 7)}in language models, part ${i}.`)),
    });
    const cached = buildSimilarityIndex(many);
    const id = '/papers/2402.00003/' as NodeId;
    const all = buildSimilarityIndex(many).similarPapers(id, 100);
    expect(all.length).toBeGreaterThan(64);
    expect(cached.similarPapers(id, 5)).toEqual(all.slice(0, 5));
    const exclude = new Set(all.slice(0, 3).map((p) => p.id));
    expect(cached.similarPapers(id, 5, exclude)).toEqual(all.slice(3, 8));
    // Past the kept list: ranked in full again.
    expect(cached.similarPapers(id, 80)).toEqual(all.slice(0, 80));
  });

  it('builds the same index in steps, and getSimilarityIndex then returns the warmed one', async () => {
    const copy = buildGraph({
      documents: [paper('2401.00002', 'Sycophancy in language models', 'Sycophantic agreement.'), paper('2401.00003', 'Reasoning and calibration', 'Reasoning and sycophantic calibration.')],
    });
    let pauses = 0;
    const warmed = await warmSimilarityIndex(copy, async () => void pauses++);
    expect(getSimilarityIndex(copy)).toBe(warmed);
    expect(await warmSimilarityIndex(copy)).toBe(warmed);
    const id = '/papers/2401.00002/' as NodeId;
    expect(warmed.similarPapers(id, 5)).toEqual(buildSimilarityIndex(copy).similarPapers(id, 5));
    expect(warmed.similarPapers(id, 5).map((p) => p.id)).toEqual(['/papers/2401.00003/']);
    expect(pauses).toBe(0); // two documents: fewer than one step
  });

  it('tokenizes with light stemming and without stopwords', () => {
    expect(tokenize('The models were reasoning about flattering users')).toEqual(['reason', 'flatter', 'user']);
  });
});

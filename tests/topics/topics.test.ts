import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../lib/content/parse';
import { buildGraph } from '../../lib/graph/build';
import type { Graph, NodeId, ParsedDocument, Slug } from '../../lib/graph/types';
import { buildSimilarityIndex } from '../../lib/search/similarity';
import { parseTopicsFile } from '../../lib/topics/authored';
import { computeTopics, type TopicInput } from '../../lib/topics/compute';

const paper = (id: string, title: string, body: string, extra = '') =>
  parseDocument({ path: `papers/${id}.md`, kind: 'paper', text: `---\nver: rpa2\ntitle: '${title}'\narxiv_id: '${id}'\n${extra}---\n${body}` }).doc as ParsedDocument;

const FOLDING = ['protein folding structure', 'folding proteins with diffusion', 'protein structure prediction folding', 'amino acid folding energy', 'protein folding kinetics', 'folding of protein domains'];
const SYCOPHANCY = ['sycophancy under user pressure', 'sycophantic agreement with users', 'flattery and sycophancy in dialogue', 'sycophancy after reasoning training', 'user pushback and sycophancy', 'measuring sycophancy and flattery'];

function corpus(extraDocs: ParsedDocument[] = []): ParsedDocument[] {
  return [
    ...FOLDING.map((t, i) => paper(`2401.0000${i}`, t, `We study ${t}. Protein folding, amino acid chains and folding energy landscapes of proteins.`)),
    ...SYCOPHANCY.map((t, i) => paper(`2402.0000${i}`, t, `We study ${t}. Sycophancy: models agree with users, flattery, sycophantic answers under pushback.`)),
    ...extraDocs,
  ];
}

function inputOf(graph: Graph, more: Partial<TopicInput> = {}): TopicInput {
  const similarity = buildSimilarityIndex(graph);
  return { graph, documents: similarity.documents, vectors: similarity.vectors, ...more };
}

const slugOfMember = (set: ReturnType<typeof computeTopics>['topics'], id: string) => set.topicOf.get(id as NodeId);

describe('computed topics', () => {
  const graph = buildGraph({ documents: corpus() });
  const { topics } = computeTopics(inputOf(graph));

  it('puts papers on one subject in one topic, apart from papers on another, and names each by its words', () => {
    const folding = slugOfMember(topics, '/papers/2401.00000/');
    const sycophancy = slugOfMember(topics, '/papers/2402.00000/');
    expect(folding).toBeDefined();
    expect(folding).not.toBe(sycophancy);
    for (let i = 1; i < 6; i++) {
      expect(slugOfMember(topics, `/papers/2401.0000${i}/`)).toBe(folding);
      expect(slugOfMember(topics, `/papers/2402.0000${i}/`)).toBe(sycophancy);
    }
    expect(topics.topics.get(folding as Slug)?.label).toMatch(/fold|protein/);
    expect(topics.topics.get(sycophancy as Slug)?.label).toMatch(/sycophan/);
    expect(topics.topics.get(folding as Slug)?.label.split(/[ ,]+/).length).toBeLessThanOrEqual(4);
  });

  it('gives the same topics and URLs for the same content', () => {
    const again = computeTopics(inputOf(buildGraph({ documents: corpus() }))).topics;
    expect([...again.topicOf]).toEqual([...topics.topicOf]);
    expect([...again.topics.keys()]).toEqual([...topics.topics.keys()]);
  });

  it('keeps a topic URL after a small edit, by matching members with the previous run', () => {
    const folding = slugOfMember(topics, '/papers/2401.00000/') as Slug;
    const previous = new Map([['protein-topic-from-before' as Slug, topics.topics.get(folding)?.members ?? []]]);
    const edited = buildGraph({ documents: corpus([paper('2401.00009', 'folding pathways of proteins', 'Protein folding pathways and folding energy.')]) });
    const next = computeTopics(inputOf(edited, { previous })).topics;
    expect(slugOfMember(next, '/papers/2401.00000/')).toBe('protein-topic-from-before');
    expect(slugOfMember(next, '/papers/2401.00009/')).toBe('protein-topic-from-before');
  });

  it('gives a collection of three unlinked documents one topic that holds them all', () => {
    const three = buildGraph({ documents: [paper('2403.00001', 'Alpha', 'one text'), paper('2403.00002', 'Beta', 'another text entirely'), paper('2403.00003', 'Gamma', 'something else')] });
    const set = computeTopics(inputOf(three)).topics;
    const slugs = new Set(['/papers/2403.00001/', '/papers/2403.00002/', '/papers/2403.00003/'].map((id) => slugOfMember(set, id)));
    expect(slugs.size).toBe(1);
    expect([...slugs][0]).toBeDefined();
  });
});

describe("authors' topics", () => {
  it('follows a document\'s frontmatter topic before the clusters', () => {
    const graph = buildGraph({ documents: corpus([paper('2404.00001', 'protein folding review', 'Protein folding review.', 'topics: [Structural biology]\n')]) });
    const { topics } = computeTopics(inputOf(graph));
    expect(slugOfMember(topics, '/papers/2404.00001/')).toBe('structural-biology');
    expect(topics.topics.get('structural-biology' as Slug)).toMatchObject({ label: 'Structural biology', origin: 'author' });
  });

  it('reports a topics file that names a missing document, closes a cycle or pins two topics to one slug, each at its line, and keeps the rest', () => {
    const file = [
      '- name: Folding', //            1
      '  slug: folding', //            2
      '  members:', //                 3
      '    - 2401.00000', //           4
      '    - No such paper', //        5
      '- name: Agreement', //          6
      '  slug: agreement', //          7
      '  parent: loop', //             8
      '- name: Loop', //               9
      '  slug: loop', //              10
      '  parent: agreement', //       11
      '  members: [2402.00001]', //   12
      '- name: Other folding', //     13
      '  slug: folding', //           14
    ].join('\n');
    const graph = buildGraph({ documents: corpus() });
    const { topics, diagnostics } = computeTopics(inputOf(graph, { topicsFile: file }));
    const found = diagnostics.map((d) => [d.code, d.file, d.line]);
    expect(found).toContainEqual(['topics-missing-document', 'topics.yml', 5]);
    expect(found).toContainEqual(['topics-duplicate-slug', 'topics.yml', 14]);
    expect(found.some(([code, , line]) => code === 'topics-cycle' && (line === 8 || line === 11))).toBe(true);
    expect(slugOfMember(topics, '/papers/2401.00000/')).toBe('folding');
    expect(topics.topics.get('folding' as Slug)?.label).toBe('Folding');
  });

  it('reads the topics file line by line, naming a line it cannot read', () => {
    const { entries, diagnostics } = parseTopicsFile('topics:\n  - name: A\n    merge: [b, "c"]\nnonsense here\n');
    expect(entries).toMatchObject([{ name: 'A', merge: ['b', 'c'] }]);
    expect(diagnostics).toMatchObject([{ code: 'topics-file', line: 4 }]);
  });
});


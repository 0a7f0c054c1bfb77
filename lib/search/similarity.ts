import type { DocumentNode, Graph, NodeId, TrellisNode } from '../graph/types';
import { DOCUMENTS_PER_STEP, runSteps, steppedStore } from '../steps';
import { toIndexText } from './text';

/*
 * "Related papers by similarity": TF-IDF vectors over title, summary and body,
 * compared by cosine. Vectors are built once per graph; a query walks an inverted
 * index of the papers' terms, so its cost follows the query's terms, not the
 * number of papers.
 */

export interface SimilarityOptions {
  /** Terms kept per document vector (the highest weighted). */
  readonly termsPerDocument: number;
  /** Weight of a term in the title and the summary, relative to the body. */
  readonly titleWeight: number;
  readonly summaryWeight: number;
}

export const defaultSimilarityOptions: SimilarityOptions = {
  termsPerDocument: 64,
  titleWeight: 3,
  summaryWeight: 2,
};

const STOPWORDS = new Set(
  ('about above after again against all also among and any are arxiv because been before being below between both but can cannot could ' +
    'did does doing down during each few for from further had has have having her here hers him his how however into its itself just ' +
    'may might more most much must not now off once only other our ours out over own same she should since some such than that the their ' +
    'theirs them then there these they this those through thus too under until very via was were what when where which while who whom why ' +
    'will with within without would you your yours paper papers model models study results show shows using used use based approach method ' +
    'methods propose proposed new work also one two three first second evidence section result').split(' '),
);

/** Lower-case word stems of a text, stopwords and very short words dropped. */
export function tokenize(text: string): string[] {
  const words = text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').match(/[\p{L}\p{N}]+/gu) ?? [];
  const out: string[] = [];
  for (const word of words) {
    if (word.length < 3 || STOPWORDS.has(word) || /^\d+$/.test(word)) continue;
    out.push(stem(word));
  }
  return out;
}

/** A light suffix stripper: enough that "models" meets "model" and "reasoning" meets "reason". */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 6 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 5 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

type Vector = ReadonlyMap<string, number>;

export interface SimilarityIndex {
  /** The papers most like a node, best first, the node itself excluded. */
  similarPapers(id: NodeId, limit: number, exclude?: ReadonlySet<NodeId>): { id: NodeId; score: number }[];
}

function termCounts(node: TrellisNode, options: SimilarityOptions): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (text: string | undefined, weight: number) => {
    if (!text) return;
    for (const t of tokenize(text)) counts.set(t, (counts.get(t) ?? 0) + weight);
  };
  add(node.title, options.titleWeight);
  add(node.summary, options.summaryWeight);
  // The words a reader reads: link targets, URLs and HTML tags are not the document's vocabulary.
  add(node.body ? toIndexText(node.body) : undefined, 1);
  if (node.kind === 'paper') add(node.coreContribution, options.summaryWeight);
  return counts;
}

/** Builds TF-IDF vectors for every document (stubs included: their cited summaries are text too). */
export function buildSimilarityIndex(graph: Graph, options: SimilarityOptions = defaultSimilarityOptions): SimilarityIndex {
  return runSteps(indexingSteps(graph, options));
}


function* indexingSteps(graph: Graph, options: SimilarityOptions): Generator<void, SimilarityIndex> {
  const documents = [...graph.nodes.values()].filter((n): n is DocumentNode => n.kind !== 'tag');
  const counts: Map<string, number>[] = [];
  for (const node of documents) {
    counts.push(termCounts(node, options));
    if (counts.length % DOCUMENTS_PER_STEP === 0) yield;
  }
  const df = new Map<string, number>();
  for (const c of counts) for (const term of c.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const total = documents.length;

  const vectors = new Map<NodeId, Vector>();
  const postings = new Map<string, { id: NodeId; weight: number }[]>();
  for (const [i, node] of documents.entries()) {
    if (i % DOCUMENTS_PER_STEP === DOCUMENTS_PER_STEP - 1) yield;
    const weighted: [string, number][] = [];
    for (const [term, tf] of counts[i] ?? []) {
      weighted.push([term, (1 + Math.log(tf)) * Math.log(1 + total / (df.get(term) ?? 1))]);
    }
    weighted.sort((a, b) => b[1] - a[1]);
    const kept = weighted.slice(0, options.termsPerDocument);
    const norm = Math.sqrt(kept.reduce((s, [, w]) => s + w * w, 0)) || 1;
    const vector = new Map(kept.map(([t, w]) => [t, w / norm] as const));
    vectors.set(node.id, vector);
    if (node.kind === 'paper' && !node.stub) {
      for (const [term, weight] of vector) {
        let list = postings.get(term);
        if (!list) postings.set(term, (list = []));
        list.push({ id: node.id, weight });
      }
    }
  }

  /** Every paper sharing a term with the node, best first; the node itself left out. */
  function ranked(id: NodeId, vector: Vector): { id: NodeId; score: number }[] {
    const scores = new Map<NodeId, number>();
    for (const [term, weight] of vector) {
      for (const p of postings.get(term) ?? []) scores.set(p.id, (scores.get(p.id) ?? 0) + weight * p.weight);
    }
    scores.delete(id);
    return [...scores]
      .filter(([, score]) => score > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([other, score]) => ({ id: other, score }));
  }

  // Pages ask for the same node's papers on every view: its best CACHED_PAPERS are kept
  // (lazily, per node asked about), so a request filters a short list, not every paper.
  const best = new Map<NodeId, { id: NodeId; score: number }[]>();
  const CACHED_PAPERS = 64;

  return {
    similarPapers(id, limit, exclude) {
      const vector = vectors.get(id);
      if (!vector) return [];
      const wanted = limit + (exclude?.size ?? 0);
      let list = best.get(id);
      if (!list) best.set(id, (list = ranked(id, vector).slice(0, CACHED_PAPERS)));
      // More than the kept list holds (a long exclusion list): rank again, in full.
      const from = wanted > CACHED_PAPERS ? ranked(id, vector) : list;
      return from.filter((p) => !exclude?.has(p.id)).slice(0, limit);
    },
  };
}

/** Similarity indexes per graph, one per process (see lib/steps.ts). */
const indexes = steppedStore('trellis.similarity-indexes', (graph: Graph) => indexingSteps(graph, defaultSimilarityOptions));

/** The similarity index of a graph, built on first use and kept as long as the graph. */
export function getSimilarityIndex(graph: Graph): SimilarityIndex {
  return indexes.get(graph);
}

/**
 * Builds a graph's index ahead of the first page that needs it, in steps with
 * `pause()` between them, so a server warming it at start-up keeps answering;
 * `getSimilarityIndex` returns it once done (a page asking before then finishes it).
 */
export function warmSimilarityIndex(graph: Graph, pause?: () => Promise<void>): Promise<SimilarityIndex> {
  return indexes.warm(graph, pause);
}

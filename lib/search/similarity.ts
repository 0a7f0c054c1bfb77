import { bodyOf } from '../graph/body';
import { createHash } from 'node:crypto';
import type { DerivedPart, DocumentNode, Graph, NodeId } from '../graph/types';
import { percent, progressOf, reportedSteps, reportProgress } from '../progress';
import { BUILD_IN_REQUEST_LIMIT, DOCUMENTS_PER_STEP, runSteps, steppedStore, type Availability } from '../steps';
import { bodyTermCounts, tokenize, type TermCounts } from './terms';

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

export interface SimilarityIndex {
  /** The papers most like a node, best first, the node itself excluded. */
  similarPapers(id: NodeId, limit: number, exclude?: ReadonlySet<NodeId>): { id: NodeId; score: number }[];
  /** The documents compared, in vector order (every node but tags), and their vectors: topics read them rather than compute text features again. */
  readonly documents: readonly DocumentNode[];
  readonly vectors: Vectors;
}

/**
 * The term counts of a document's body (title and summary are added by the index):
 * computed from the body, or read back from the derived store, which keeps them per file.
 */
export type BodyTerms = (node: DocumentNode) => TermCounts;

/** Term counts read from the bodies themselves. */
export const bodyTermsOf = (graph: Graph): BodyTerms => {
  const { terms } = graph.bodies;
  if (terms) return (node) => (node.hasBody && node.file ? terms(node.file) : []);
  return (node) => (node.hasBody ? bodyTermCounts(bodyOf(graph, node)) : []);
};

function termCounts(node: DocumentNode, body: TermCounts, options: SimilarityOptions): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (text: string | undefined, weight: number) => {
    if (!text) return;
    for (const t of tokenize(text)) counts.set(t, (counts.get(t) ?? 0) + weight);
  };
  add(node.title, options.titleWeight);
  add(node.summary, options.summaryWeight);
  for (const [term, count] of body) counts.set(term, (counts.get(term) ?? 0) + count);
  if (node.kind === 'paper') add(node.coreContribution, options.summaryWeight);
  return counts;
}

/** Builds TF-IDF vectors for every document (stubs included: their cited summaries are text too). */
export function buildSimilarityIndex(graph: Graph, options: SimilarityOptions = defaultSimilarityOptions, terms: BodyTerms = bodyTermsOf(graph)): SimilarityIndex {
  return runSteps(indexingSteps(graph, options, terms));
}

/** Papers kept per node asked about (lazily), so a request filters a short list, not every paper. */
const CACHED_PAPERS = 64;

/*
 * Vectors and posting lists are flat typed arrays (document i's terms are
 * vectorTerms[vectorStart[i] .. vectorStart[i + 1]]), not a Map per document: at
 * 100,000 documents that is about 50 MB instead of half a gigabyte of small objects.
 */
export function* indexingSteps(graph: Graph, options: SimilarityOptions, bodyTerms: BodyTerms, progress?: (done: number, total: number) => void): Generator<void, SimilarityIndex> {
  const documents = similarityDocuments(graph);
  return createSimilarityIndex(documents, yield* vectorSteps(documents, options, bodyTerms, progress));
}

/** The documents compared, in index order: every node but tags (stubs too: their cited summaries are text). */
function similarityDocuments(graph: Graph): DocumentNode[] {
  return [...graph.nodes.values()].filter((n): n is DocumentNode => n.kind !== 'tag');
}

/**
 * Every document's TF-IDF vector, in flat arrays: document i's terms are
 * `terms[start[i] .. start[i + 1]]`, with their `weights`; `termCount` term ids in all.
 * What the derived store saves, so a restart reads them instead of computing them.
 */
export interface Vectors {
  readonly start: Int32Array;
  readonly terms: Int32Array;
  readonly weights: Float32Array;
  readonly termCount: number;
}

function* vectorSteps(documents: readonly DocumentNode[], options: SimilarityOptions, bodyTerms: BodyTerms, progress?: (done: number, total: number) => void): Generator<void, Vectors> {
  const total = documents.length;
  const countsOf = (node: DocumentNode) => termCounts(node, bodyTerms(node), options);

  // Pass 1: each document's term counts, read once, kept as (term id, count) pairs in
  // flat arrays, and in how many documents each term appears.
  const termIds = new Map<string, number>();
  let df: Int32Array = new Int32Array(1024);
  const countStart = new Int32Array(total + 1);
  let countTerms: Int32Array = new Int32Array(total * 32);
  let countValues: Float32Array = new Float32Array(total * 32);
  let counted = 0;
  for (const [i, node] of documents.entries()) {
    for (const [term, count] of countsOf(node)) {
      let t = termIds.get(term);
      if (t === undefined) {
        termIds.set(term, (t = termIds.size));
        if (t >= df.length) df = growInt32(df);
      }
      df[t] = (df[t] as number) + 1;
      if (counted >= countTerms.length) {
        countTerms = growInt32(countTerms);
        countValues = growFloat32(countValues);
      }
      countTerms[counted] = t;
      countValues[counted++] = count;
    }
    countStart[i + 1] = counted;
    if (i % DOCUMENTS_PER_STEP === DOCUMENTS_PER_STEP - 1) {
      progress?.(i, total);
      yield;
    }
  }
  const termCount = termIds.size;
  termIds.clear();

  // Pass 2: each document's best terms by TF-IDF, normalised.
  const keep = options.termsPerDocument;
  const vectorStart = new Int32Array(total + 1);
  let vectorTerms: Int32Array = new Int32Array(total * 16);
  let vectorWeights: Float32Array = new Float32Array(total * 16);
  let used = 0;
  for (let i = 0; i < total; i++) {
    const weighted: [number, number][] = [];
    for (let k = countStart[i] as number; k < (countStart[i + 1] as number); k++) {
      const t = countTerms[k] as number;
      weighted.push([t, (1 + Math.log(countValues[k] as number)) * Math.log(1 + total / (df[t] as number))]);
    }
    weighted.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const kept = weighted.slice(0, keep);
    const norm = Math.sqrt(kept.reduce((sum, [, w]) => sum + w * w, 0)) || 1;
    if (used + kept.length > vectorTerms.length) {
      vectorTerms = growInt32(vectorTerms);
      vectorWeights = growFloat32(vectorWeights);
    }
    for (const [t, w] of kept) {
      vectorTerms[used] = t;
      vectorWeights[used++] = w / norm;
    }
    vectorStart[i + 1] = used;
    if (i % DOCUMENTS_PER_STEP === DOCUMENTS_PER_STEP - 1) yield;
  }

  return { start: vectorStart, terms: vectorTerms.subarray(0, used), weights: vectorWeights.subarray(0, used), termCount };
}

/** Posting lists of the candidate papers, by term: `docs[start[t] .. start[t + 1]]` hold term t, with their `weights`. */
export interface Postings {
  readonly start: Int32Array;
  readonly docs: Int32Array;
  readonly weights: Float32Array;
}

/**
 * Posting lists over the vectors: each term's documents in document order, with their
 * weights, taking of document i the terms from its vector's start up to `end(i)`
 * (its start to leave it out). Related papers list every term of the collection's
 * papers; topics' nearest neighbours (lib/topics/neighbours.ts) each document's strongest.
 */
export function postingLists(vectors: Vectors, count: number, end: (i: number) => number): Postings {
  const { start: vectorStart, terms: vectorTerms, weights: vectorWeights, termCount } = vectors;
  const start = new Int32Array(termCount + 1);
  for (let i = 0; i < count; i++) {
    for (let k = vectorStart[i] as number; k < end(i); k++) (start[(vectorTerms[k] as number) + 1] as number)++;
  }
  for (let t = 0; t < termCount; t++) start[t + 1] = (start[t + 1] as number) + (start[t] as number);
  const docs = new Int32Array(start[termCount] as number);
  const weights = new Float32Array(docs.length);
  const fill = start.slice(0, termCount);
  for (let i = 0; i < count; i++) {
    for (let k = vectorStart[i] as number; k < end(i); k++) {
      const at = (fill[vectorTerms[k] as number] as number)++;
      docs[at] = i;
      weights[at] = vectorWeights[k] as number;
    }
  }
  return { start, docs, weights };
}

/** The candidates a query walks: each term's papers in the collection, in document order. */
function candidatePostings(vectors: Vectors, isCandidate: readonly boolean[]): Postings {
  const { start } = vectors;
  return postingLists(vectors, isCandidate.length, (i) => (isCandidate[i] ? (start[i + 1] as number) : (start[i] as number)));
}

/** The query side: posting lists of the papers in the collection, and the ranking of a node's most similar papers. */
function createSimilarityIndex(documents: readonly DocumentNode[], vectors: Vectors): SimilarityIndex {
  const { start: vectorStart, terms: vectorTerms, weights: vectorWeights } = vectors;
  const total = documents.length;
  const isCandidate = documents.map((n) => n.kind === 'paper' && !n.stub);
  const { start: postingStart, docs: postingDocs, weights: postingWeights } = candidatePostings(vectors, isCandidate);
  const position = new Map<NodeId, number>(documents.map((n, i) => [n.id, i]));
  const scores = new Float64Array(total);
  const touched = new Int32Array(total);
  const idOf = (d: number): NodeId => (documents[d] as DocumentNode).id;
  /** Postings longer than this are skipped by `ranked`: a twentieth of the papers, never fewer than 2,000. */
  const commonPosting = Math.max(2000, Math.ceil(isCandidate.filter(Boolean).length / 20));

  /** Every paper sharing a term with document i, best first; i itself left out. */
  function ranked(i: number, limit: number): { id: NodeId; score: number }[] {
    let count = 0;
    for (let k = vectorStart[i] as number; k < (vectorStart[i + 1] as number); k++) {
      const t = vectorTerms[k] as number;
      const from = postingStart[t] as number;
      const to = postingStart[t + 1] as number;
      // A term in very many papers' vectors says little about any one of them, and walking
      // its list would be most of the work of a page: it is left out of the sum.
      if (to - from > commonPosting) continue;
      const w = vectorWeights[k] as number;
      for (let p = from; p < to; p++) {
        const d = postingDocs[p] as number;
        if (scores[d] === 0) touched[count++] = d;
        scores[d] = (scores[d] as number) + w * (postingWeights[p] as number);
      }
    }
    if (!Number.isFinite(limit)) {
      // Every paper (a long exclusion list): sort them all.
      const all = Array.from(touched.subarray(0, count)).filter((d) => d !== i);
      all.sort((a, b) => (scores[b] as number) - (scores[a] as number) || (idOf(a) < idOf(b) ? -1 : 1));
      const found = all.map((d) => ({ id: idOf(d), score: scores[d] as number }));
      for (let c = 0; c < count; c++) scores[touched[c] as number] = 0;
      return found;
    }
    // The best `limit` by score (ties by id), kept sorted as the touched documents pass by.
    const best: number[] = [];
    const better = (a: number, b: number) => (scores[a] as number) > (scores[b] as number) || ((scores[a] as number) === (scores[b] as number) && idOf(a) < idOf(b));
    for (let c = 0; c < count; c++) {
      const d = touched[c] as number;
      if (d === i || (best.length >= limit && !better(d, best[best.length - 1] as number))) continue;
      let at = best.length;
      while (at > 0 && better(d, best[at - 1] as number)) at--;
      best.splice(at, 0, d);
      if (best.length > limit) best.pop();
    }
    const found = best.map((d) => ({ id: idOf(d), score: scores[d] as number }));
    for (let c = 0; c < count; c++) scores[touched[c] as number] = 0;
    return found;
  }

  // Pages ask for the same node's papers on every view: its best CACHED_PAPERS are kept,
  // for the most recently asked nodes only (a bounded map, oldest out first).
  const best = new Map<NodeId, { id: NodeId; score: number }[]>();
  const BEST_KEPT = 4096;

  return {
    documents,
    vectors,
    similarPapers(id, limit, exclude) {
      const i = position.get(id);
      if (i === undefined) return [];
      const wanted = limit + (exclude?.size ?? 0);
      let list = best.get(id);
      if (!list) {
        list = ranked(i, CACHED_PAPERS);
        if (best.size >= BEST_KEPT) best.delete(best.keys().next().value as NodeId);
        best.set(id, list);
      }
      // More than the kept list holds (a long exclusion list): rank again, in full.
      const from = wanted > CACHED_PAPERS ? ranked(i, Infinity) : list;
      return from.filter((p) => !exclude?.has(p.id)).slice(0, limit);
    },
  };
}

function growInt32(array: Int32Array): Int32Array {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

function growFloat32(array: Float32Array): Float32Array {
  const grown = new Float32Array(array.length * 2);
  grown.set(array);
  return grown;
}

/** Similarity indexes per graph, one per process (see lib/steps.ts). */
const indexes = steppedStore('trellis.similarity-indexes', (graph: Graph) =>
  reportedSteps('similarity', savedOrComputedSteps(graph, (done, total) => reportProgress('similarity', done, total))),
);

/** The name the vectors are saved under in the derived store. */
const SIMILARITY_SNAPSHOT = 'similarity';

/** The server's build: vectors read back from the derived store when it saved them for this content, else computed and saved. */
function* savedOrComputedSteps(graph: Graph, progress: (done: number, total: number) => void): Generator<void, SimilarityIndex> {
  const documents = similarityDocuments(graph);
  let restored: Vectors | undefined;
  try {
    const saved = graph.derived?.load(SIMILARITY_SNAPSHOT);
    restored = saved && restoreVectors(documents, saved);
  } catch (error) {
    console.log(`trellis: the saved similarity vectors could not be read (${(error as Error).message}); computing them again`);
  }
  if (restored) return createSimilarityIndex(documents, restored);
  const vectors = yield* vectorSteps(documents, defaultSimilarityOptions, bodyTermsOf(graph), progress);
  graph.derived?.save(SIMILARITY_SNAPSHOT, vectorParts(documents, vectors));
  return createSimilarityIndex(documents, vectors);
}

/** A hash of the documents' ids in order: saved vectors belong to exactly this list. */
function idsHash(documents: readonly DocumentNode[]): string {
  const hash = createHash('sha1');
  for (const node of documents) hash.update(`${node.id}\n`);
  return hash.digest('hex');
}

const bytesOf = (array: Int32Array | Float32Array): Uint8Array => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

function vectorParts(documents: readonly DocumentNode[], vectors: Vectors): DerivedPart[] {
  const meta = { format: 1, ids: idsHash(documents), count: documents.length, termCount: vectors.termCount };
  return [
    ['meta', JSON.stringify(meta)],
    ['start', bytesOf(vectors.start)],
    ['terms', bytesOf(vectors.terms)],
    ['weights', bytesOf(vectors.weights)],
  ];
}

function restoreVectors(documents: readonly DocumentNode[], parts: readonly DerivedPart[]): Vectors | undefined {
  const byKey = new Map(parts);
  const meta = JSON.parse(String(byKey.get('meta') ?? 'null')) as { format: number; ids: string; count: number; termCount: number } | null;
  if (!meta || meta.format !== 1 || meta.count !== documents.length || meta.ids !== idsHash(documents)) return undefined;
  const copy = (key: string): ArrayBuffer | undefined => {
    const data = byKey.get(key);
    return data instanceof Uint8Array ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer : undefined;
  };
  const [start, terms, weights] = [copy('start'), copy('terms'), copy('weights')];
  if (!start || !terms || !weights) return undefined;
  return { start: new Int32Array(start), terms: new Int32Array(terms), weights: new Float32Array(weights), termCount: meta.termCount };
}

/**
 * Whether related papers must wait: the graph's index is not built and is too large to
 * build inside a page request. Starts building it in steps if nobody is.
 */
export function similarityAvailability(graph: Graph): Availability {
  if (indexes.peek(graph) || graph.nodes.size < BUILD_IN_REQUEST_LIMIT) return { busy: false };
  void indexes.warm(graph);
  return { busy: true, percent: percent(progressOf('similarity')) };
}

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

import { bodyOf } from '../graph/body';
import type { DocumentKind, DocumentNode, Graph } from '../graph/types';
import { percent, progressOf, reportedSteps, reportProgress } from '../progress';
import { BUILD_IN_REQUEST_LIMIT, DOCUMENTS_PER_STEP, runSteps, runStepsPaused, steppedStore, type Availability } from '../steps';
import { toIndexText } from '../text/plain-text';
import { STOPWORDS } from '../text/stopwords';
import { createFieldIndex, fieldTexts, searchableNodes, SEARCH_FIELDS, type IndexedCorpus, type SearchField } from './fields';
import { createHits } from './hit';
import { DocumentMatches } from './matches';
import { Matcher } from './matcher';
import { planQuery, termsOf, type QueryPlan } from './plan';
import { MAX_QUERY_LENGTH, parseQuery } from './query';
import { Coverage, fieldScoresOf, rank, rankingData } from './rank';
import { restoreSteps, SEARCH_SNAPSHOT, snapshotParts } from './snapshot';
import { DEFAULT_LIMIT, defaultSearchIndexOptions, emptyKindCounts, MAX_LIMIT, type SearchIndex, type SearchIndexOptions, type SearchOptions, type SearchResponse } from './types';
import { Vocabulary } from './vocabulary';

/*
 * Full-text search over every document of the graph: notes, inquiring lines,
 * papers and stubs (tags are not results; their names are a field of the
 * documents that carry them).
 *
 * flexsearch holds one Document index with a field per kind of text and finds,
 * for each word of a query, the documents whose field holds it. The order is
 * ours, because a reader expects:
 *
 *   1. documents holding every word before documents holding some;
 *   2. title hits before original-title, alias, tag, summary, then body hits;
 *   3. the words as a phrase before the same words scattered, and a quoted
 *      phrase (or a run of CJK characters) before anything without it;
 *   4. then the document's weight in the graph (how much links to it).
 *
 * Words are folded (case, accents), lightly stemmed, the last word of a query
 * is also read as a prefix, and a word the index lacks is tried with one typo
 * corrected. See docs/search.md.
 *
 * A search reads as its steps, each in its own module: parse the query
 * (query.ts), plan the lookups (plan.ts), mark the documents holding each word
 * (matches.ts), rank them (rank.ts, with heap.ts and phrase.ts), and turn the
 * best into results with snippets (hit.ts, matcher.ts, snippet.ts). This module
 * indexes a graph and keeps one index per graph.
 */

export type { SearchHit, SearchIndex, SearchIndexOptions, SearchOptions, SearchResponse } from './types';
export { DEFAULT_LIMIT, defaultSearchIndexOptions, MAX_LIMIT } from './types';
export { MAX_QUERY_LENGTH, SEARCH_FIELDS };
export type { SearchField };

/**
 * The words of a document's body as the index takes them: any text holding the same
 * words (the body itself, or its distinct words saved by the derived store).
 */
export type BodyWords = (node: DocumentNode) => string;

/** A body's words read from the body itself, or from the derived store when it keeps them. */
export const bodyWordsOf = (graph: Graph): BodyWords => {
  const { words } = graph.bodies;
  return words ? (node) => (node.file ? words(node.file) : '') : (node) => toIndexText(bodyOf(graph, node));
};

/** Builds the index of a graph. Pure; `getSearchIndex` memoises it per graph. */
export function buildSearchIndex(graph: Graph, settings: SearchIndexOptions = defaultSearchIndexOptions, words: BodyWords = bodyWordsOf(graph)): SearchIndex {
  return runSteps(indexingSteps(graph, settings, words));
}

/**
 * The same index, built a few hundred documents at a time with `pause()` between
 * them, so that a server warming it at start-up keeps answering meanwhile.
 */
export function buildSearchIndexInSteps(
  graph: Graph,
  settings: SearchIndexOptions = defaultSearchIndexOptions,
  pause?: () => Promise<void>,
  words: BodyWords = bodyWordsOf(graph),
): Promise<SearchIndex> {
  return runStepsPaused(indexingSteps(graph, settings, words), pause);
}

export function* indexingSteps(graph: Graph, settings: SearchIndexOptions, bodyWords: BodyWords, progress?: (done: number, total: number) => void): Generator<void, SearchIndex> {
  const { corpus } = yield* indexCorpusSteps(graph, bodyWords, progress);
  return createSearchIndex(graph, corpus, settings);
}

/**
 * The server's build of a graph's index: read back from the derived store when it saved
 * one for this content, else indexed and then saved there for the next start.
 */
function* savedOrIndexedSteps(graph: Graph, progress: (done: number, total: number) => void): Generator<void, SearchIndex> {
  let restored: IndexedCorpus | undefined;
  try {
    const saved = graph.derived?.load(SEARCH_SNAPSHOT);
    // Reading the parts is one long step: let waiting requests through before the next.
    yield;
    restored = saved ? yield* restoreSteps(graph, saved) : undefined;
  } catch (error) {
    // A saved index that cannot be read is built anew (and saved again), never fatal.
    console.log(`trellis: the saved search index could not be read (${(error as Error).message}); indexing again`);
  }
  if (restored) {
    yield;
    return createSearchIndex(graph, restored);
  }
  const { corpus, postings } = yield* indexCorpusSteps(graph, bodyWordsOf(graph), progress);
  if (graph.derived) {
    yield;
    graph.derived.save(SEARCH_SNAPSHOT, snapshotParts(corpus, postings));
  }
  return createSearchIndex(graph, corpus);
}

/** An indexed corpus, and the body field's posting lists as imported (what a snapshot saves of the body). */
interface Indexed {
  readonly corpus: IndexedCorpus;
  readonly postings: [string, number[][]][];
}

function* indexCorpusSteps(graph: Graph, bodyWords: BodyWords, progress?: (done: number, total: number) => void): Generator<void, Indexed> {
  const vocabulary = new Vocabulary(STOPWORDS);
  const index = createFieldIndex(vocabulary);
  const nodes = searchableNodes(graph);
  for (const [i, node] of nodes.entries()) {
    const short = fieldTexts(node);
    vocabulary.startDocument(i);
    // Short fields go through flexsearch's add; the body's stems go to the vocabulary's
    // posting lists, imported into the body field below (see Vocabulary).
    index.add({ i, ...short, body: '' });
    if (node.hasBody) vocabulary.addBody(bodyWords(node));
    if (i % DOCUMENTS_PER_STEP === DOCUMENTS_PER_STEP - 1) {
      progress?.(i + 1, nodes.length);
      yield;
    }
  }
  // flexsearch's import takes a field's map as its export writes it, "<field>.<n>.map"; the
  // typings say a JSON string, the code takes the parsed array too (flexsearch 0.8, serialize.js).
  const postings = vocabulary.bodyPostings();
  (index.import as (key: string, data: unknown) => void)(`body.${SEARCH_FIELDS.indexOf('body')}.map`, postings);
  vocabulary.seal();
  return { corpus: { index, vocabulary, nodes }, postings };
}

/** The query engine over an indexed corpus: plan, collect, rank, results. */
export function createSearchIndex(graph: Graph, corpus: IndexedCorpus, settings: SearchIndexOptions = defaultSearchIndexOptions): SearchIndex {
  const count = corpus.nodes.length;
  const data = rankingData(graph, corpus, settings);
  const matches = new DocumentMatches(corpus.index, count);
  const coverage = new Coverage();
  const toHit = createHits(data);

  /** Marks the documents holding the plan's words: with `everyWord`, only those the rarest word found. */
  function collect(plan: QueryPlan, everyWord: boolean): void {
    plan.required.forEach(({ term, approximate }, n) => {
      const mode = everyWord && n > 0 ? 'found' : 'all';
      matches.collect(term.folded, term.bit, false, mode);
      for (const word of approximate) matches.collect(word, term.bit, true, mode);
    });
    for (const { term } of plan.optional) matches.collect(term.folded, term.bit, false, 'found-titles');
  }

  function search(rawQuery: string, options: SearchOptions = {}): SearchResponse {
    const query = parseQuery(rawQuery);
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(options.limit ?? DEFAULT_LIMIT) || DEFAULT_LIMIT));
    const offset = Math.max(0, Math.floor(options.offset ?? 0) || 0);
    const terms = termsOf(query, corpus.vocabulary);
    const counts: Record<DocumentKind, number> = emptyKindCounts();
    if (!terms.length || !count) return { query: query.text, truncated: query.truncated, total: 0, counts, partial: false, results: [] };
    const plan = planQuery(terms, corpus.vocabulary, settings, count);
    try {
      collect(plan, true);
      let ranking = rank(data, matches, coverage, query, plan, options, counts, offset + limit);
      if (!ranking.everyWord && plan.required.length > 1) {
        // No document holds every word: look again, for documents holding some.
        matches.reset();
        collect(plan, false);
        ranking = rank(data, matches, coverage, query, plan, options, counts, offset + limit);
      }
      const matcher = new Matcher(corpus.vocabulary, terms, plan.alternatives, query.prefix);
      const results = ranking.ranked.slice(offset, offset + limit).map((entry) => toHit(entry, fieldScoresOf(data, matches, coverage, entry.i), matcher));
      return { query: query.text, truncated: query.truncated, total: ranking.total, counts, partial: ranking.partial, results };
    } finally {
      matches.reset();
    }
  }

  return { search, size: count, words: corpus.vocabulary.wordCount };
}

/** Search indexes per graph, one per process (see lib/steps.ts). */
const indexes = steppedStore('trellis.search-indexes', (graph: Graph) =>
  reportedSteps('search', savedOrIndexedSteps(graph, (done, total) => reportProgress('search', done, total))),
);

/**
 * Whether a search must be told to come back: the graph's index is not built and is
 * too large to build inside the request. Starts building it in steps if nobody is.
 */
export function searchAvailability(graph: Graph): Availability {
  if (indexes.peek(graph) || graph.nodes.size < BUILD_IN_REQUEST_LIMIT) return { busy: false };
  void indexes.warm(graph);
  return { busy: true, percent: percent(progressOf('search')) };
}

/** The search index of a graph, built on first use and kept as long as the graph. */
export function getSearchIndex(graph: Graph): SearchIndex {
  return indexes.get(graph);
}

/**
 * Builds a graph's index ahead of the first search, in steps with a pause between
 * them; `getSearchIndex` returns it once done. A search arriving before then finishes
 * the build at once.
 */
export function warmSearchIndex(graph: Graph): Promise<SearchIndex> {
  return indexes.warm(graph);
}

/** Searches the documents of a graph. Never throws on any query text; see `SearchIndex.search`. */
export function searchNodes(graph: Graph, query: string, options: SearchOptions = {}): SearchResponse {
  return getSearchIndex(graph).search(query, options);
}

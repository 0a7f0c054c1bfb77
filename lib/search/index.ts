import { bodyOf } from '../graph/body';
import type { DocumentKind, DocumentNode, Graph, NodeId } from '../graph/types';
import { describePlace } from './place';
import { MAX_QUERY_LENGTH, parseQuery, type ParsedQuery, type Phrase } from './query';
import { cutSnippet, highlightWords, leadSnippet, type Snippet, type Span, type WordTest } from './snippet';
import { foldWord } from '../text/fold';
import { toIndexText, toPlainText } from '../text/plain-text';
import { STOPWORDS } from '../text/stopwords';
import { CharClass, classOf, foldedWords, scanWords } from '../text/tokenise';
import { percent, progressOf, reportedSteps, reportProgress } from '../progress';
import { BUILD_IN_REQUEST_LIMIT, DOCUMENTS_PER_STEP, runSteps, runStepsPaused, steppedStore, type Availability } from '../steps';
import { createFieldIndex, fieldTexts, searchableNodes, SEARCH_FIELDS, type IndexedCorpus, type SearchField, type ShortTexts } from './fields';
import { analyseBody } from './terms';
import { restoreSteps, SEARCH_SNAPSHOT, snapshotParts } from './snapshot';
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
 */


export interface SearchIndexOptions {
  /** How much a hit in each field is worth; a title hit must outweigh a summary hit, and so on. */
  readonly fieldWeights: Readonly<Record<SearchField, number>>;
  /**
   * Completions tried for a last word that may be unfinished, at most; fewer once those
   * taken are found in a quarter of the documents (see `Vocabulary.completions`).
   */
  readonly completions: number;
  /** Words one typo away tried for a word the index lacks. */
  readonly typoCandidates: number;
  /** Shortest word (in letters) that gets typo tolerance. */
  readonly typoMinLength: number;
  /**
   * Best candidates (by fields and coverage) whose phrases are checked against
   * their text. Bounds the cost of a query on a large corpus; a phrase outside
   * this window is still found, it just ranks as scattered words.
   */
  readonly rerankWindow: number;
}

export const defaultSearchIndexOptions: SearchIndexOptions = {
  fieldWeights: { title: 40, originalTitle: 36, aliases: 32, tags: 20, summary: 16, body: 8 },
  completions: 8,
  typoCandidates: 6,
  typoMinLength: 5,
  rerankWindow: 200,
};

export interface SearchOptions {
  /** Only documents of this kind; counts per kind are given either way. */
  readonly kind?: DocumentKind;
  /** Results to return, 1–50 (default 20). */
  readonly limit?: number;
  readonly offset?: number;
}

/** One result: small and serialisable, no bodies. */
export interface SearchHit {
  readonly id: NodeId;
  /** The node's page; equal to `id`. */
  readonly url: string;
  readonly kind: DocumentKind;
  readonly title: string;
  /** Cited by the collection but not in it. */
  readonly stub: boolean;
  readonly score: number;
  /** The field with the best hit. */
  readonly field: SearchField;
  /** Hits in the title, as spans of `title`. */
  readonly titleHighlights: readonly Span[];
  /** A passage of the best-matching field other than the title, hits marked. */
  readonly snippet: Snippet & { readonly field: SearchField };
  /** Where the document sits in the graph, e.g. "cited by 38 inquiring lines · 3 related concepts". */
  readonly place: string;
}

export interface SearchResponse {
  /** The query as searched (trimmed, cut to MAX_QUERY_LENGTH). */
  readonly query: string;
  /** The query was longer than MAX_QUERY_LENGTH and was cut. */
  readonly truncated: boolean;
  /** Matching documents of the requested kind (all kinds without one). */
  readonly total: number;
  /** Matching documents of each kind, whatever the requested kind. */
  readonly counts: Readonly<Record<DocumentKind, number>>;
  /** No document holds every word; these hold some of them. */
  readonly partial: boolean;
  readonly results: readonly SearchHit[];
}

export { MAX_QUERY_LENGTH, SEARCH_FIELDS };
export type { SearchField };
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 50;

/** The kinds a search returns, in the order counts and filters list them. */
export const SEARCH_KINDS: readonly DocumentKind[] = ['note', 'inquiry', 'paper'];

const APPROXIMATE = 0.8;
const STOPWORD_WEIGHT = 0.2;
/** Longest unquoted query whose words are looked for side by side in bodies. */
const MAX_BODY_PHRASE = 4;
/** A quoted phrase found puts a document above every document without it. */
const EXPLICIT_PHRASE_BONUS = 1000;


/** A distinct word of the query, by stem. */
interface Term {
  readonly stem: string;
  readonly folded: string;
  readonly bit: number;
  readonly weight: number;
  readonly required: boolean;
  readonly prefix: boolean;
  readonly cjk: boolean;
}

export interface SearchIndex {
  search(query: string, options?: SearchOptions): SearchResponse;
  /** Number of documents indexed. */
  readonly size: number;
  /** Number of distinct words indexed. */
  readonly words: number;
}





/** Where a snippet is cut from, first choice first: the text that says most about the document. */
const SNIPPET_FIELDS: readonly Exclude<SearchField, 'title'>[] = ['originalTitle', 'summary', 'body', 'aliases', 'tags'];

/** A word that may be a word of the corpus mistyped: Latin letters, long enough, not absurdly long. */
const isTypoCandidate = (word: string, minLength: number): boolean => word.length >= minLength && word.length <= 32 && /^[a-z]+$/.test(word);

const isCjk = (text: string): boolean => classOf(text.charCodeAt(0)) === CharClass.Cjk;
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/*
 * Letters and digits of the common scripts, for the regular expressions built per query.
 * Not \p{L}: with the `u` flag a pattern's first run compiles its Unicode classes, 10–15 ms
 * for each new pattern, which is most of a query's time. Close enough for word edges.
 */
const LETTER =
  '0-9A-Za-z\\u00aa\\u00b5\\u00ba\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u02ff\\u0300-\\u036f\\u0370-\\u03ff\\u0400-\\u052f' +
  '\\u0531-\\u058f\\u05d0-\\u05ea\\u0620-\\u064a\\u0900-\\u0dff\\u0e00-\\u0e7f\\u1e00-\\u1fff\\u3040-\\u30ff\\u3400-\\u4dbf' +
  '\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff';
const NOT_WORD_BEFORE = `(?<![${LETTER}])`;
const NOT_WORD_AFTER = `(?![${LETTER}])`;
const WORD_REST = `[${LETTER}]*`;
const BETWEEN_WORDS = `[^${LETTER}]{1,3}`;

/**
 * The words of a document's body as the index takes them: any text holding the same
 * words (the body itself, or its distinct words saved by the derived store).
 */
export type BodyWords = (node: DocumentNode) => string;

/** A body's words read from the body itself. */
export const bodyWordsOf = (graph: Graph): BodyWords => {
  const { words } = graph.bodies;
  return words ? (node) => (node.file ? words(node.file) : '') : (node) => toIndexText(bodyOf(graph, node));
};

/**
 * The distinct words of a body, one space between them: indexed, they give the same
 * posting lists and counts as the body, in a fraction of its size and time. The
 * derived store keeps this per file (lib/store/).
 */
export function distinctBodyWords(body: string): string {
  return analyseBody(body).words;
}

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
    restored = saved ? yield* restoreSteps(graph, saved) : undefined;
  } catch (error) {
    // A saved index that cannot be read is built anew (and saved again), never fatal.
    console.log(`trellis: the saved search index could not be read (${(error as Error).message}); indexing again`);
  }
  if (restored) return createSearchIndex(graph, restored);
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
  const texts: ShortTexts[] = [];
  for (const [i, node] of nodes.entries()) {
    const short = fieldTexts(node);
    vocabulary.startDocument(i);
    // Short fields go through flexsearch's add; the body's stems go to the vocabulary's
    // posting lists, imported into the body field below (see Vocabulary).
    index.add({ i, ...short, body: '' });
    if (node.hasBody) vocabulary.addBody(bodyWords(node));
    texts.push(short);
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
  return { corpus: { index, vocabulary, nodes, texts }, postings };
}

/** The query engine over an indexed corpus: ranking, phrases, snippets. */
export function createSearchIndex(graph: Graph, corpus: IndexedCorpus, settings: SearchIndexOptions = defaultSearchIndexOptions): SearchIndex {
  const { index, vocabulary, nodes, texts } = corpus;
  const count = nodes.length;
  const kindOf = Uint8Array.from(nodes, (n) => SEARCH_KINDS.indexOf(n.kind));
  // How much of the graph points at a document, 0–2: a tiebreak, never a tier.
  const weight = Float32Array.from(nodes, (n) => Math.min(2, Math.log2(1 + (graph.incoming.get(n.id)?.length ?? 0)) / 2.5));
  const stub = Uint8Array.from(nodes, (n) => Number(n.stub));
  /** Each title's folded words, space-separated: "the title typed in full" is a string comparison. */
  const titleWords = nodes.map((n) => foldedWords(n.title).join(' '));
  /** Each document's place in title order, so that ties are broken by a number. */
  const titleOrder = new Int32Array(count);
  nodes
    .map((n, i) => ({ title: n.title, i }))
    .sort((a, b) => compareText(a.title, b.title) || a.i - b.i)
    .forEach(({ i }, order) => (titleOrder[i] = order));
  const weights = SEARCH_FIELDS.map((f) => settings.fieldWeights[f]);
  const FIELDS = SEARCH_FIELDS.length;
  const BODY = SEARCH_FIELDS.indexOf('body');

  // Per-query scratch space, reused (a search runs to its end before the next starts).
  // For document i and field f, masks[(i * FIELDS + f) * 2] holds the bits of the query
  // words found there exactly, and the next slot those found through a completion or typo;
  // one document's masks share a cache line. A document's masks are valid while its stamp
  // is the current search's: they are cleared when first touched, never swept afterwards.
  const STRIDE = FIELDS * 2;
  const masks = new Uint32Array(count * STRIDE);
  /** The same memory eight bytes at a time: a document's masks are cleared in six writes. */
  const maskPairs = new Float64Array(masks.buffer);
  /** Every query word found in document i, in any field, any way. */
  const anyBits = new Uint32Array(count);
  const stamp = new Uint32Array(count);
  let current = 1;
  const touched = new Int32Array(count);
  let touchedCount = 0;
  /** The touched documents that match, filled by `rank`. */
  const matching = new Int32Array(count);
  // The share of the query's weight that a set of found words carries, by byte of the bit
  // set (query words 1–8, 9–16, 17–24): a document's coverage in a few table lookups. Filled
  // per query by `setCoverage`; one set of tables and one `coverage` function for the life of
  // the index, so that the ranking loop calls the same function every time and allocates nothing.
  const w0 = new Float64Array(256);
  const w1 = new Float64Array(256);
  const w2 = new Float64Array(256);
  function setCoverage(terms: readonly Term[]): void {
    const totalWeight = terms.reduce((sum, t) => sum + t.weight, 0);
    [w0, w1, w2].forEach((table, byte) => {
      table.fill(0);
      for (let v = 1; v < 256; v++) for (const t of terms) if ((v << (8 * byte)) & t.bit) (table[v] as number) += t.weight / totalWeight;
    });
  }
  const share = (bits: number): number =>
    (w0[bits & 255] as number) + (bits > 255 ? (w1[(bits >>> 8) & 255] as number) + (w2[(bits >>> 16) & 255] as number) : 0);
  const coverage = (exactBits: number, approxBits: number): number => share(exactBits) + APPROXIMATE * share(approxBits & ~exactBits);
  /**
   * Whether document a ranks below document b on first scores: ties go by title, as in the
   * final order, so which documents make the window never depends on the order flexsearch
   * lists them in.
   */
  const worse = (scoreA: number, a: number, scoreB: number, b: number): boolean =>
    scoreA < scoreB || (scoreA === scoreB && (titleOrder[a] as number) > (titleOrder[b] as number));
  /** Each field's score for document i: its weight times the square of the query's coverage there. */
  const fieldScoresOf = (i: number): number[] =>
    SEARCH_FIELDS.map((_, f) => {
      const e = masks[(i * FIELDS + f) * 2] as number;
      const a = masks[(i * FIELDS + f) * 2 + 1] as number;
      const c = e | a ? coverage(e, a) : 0;
      return (weights[f] as number) * c * c;
    });

  function termsOf(query: ParsedQuery): Term[] {
    const byStem = new Map<string, { folded: string; stop: boolean; prefix: boolean; cjk: boolean }>();
    query.words.forEach((word, i) => {
      const isPrefix = query.prefix !== undefined && i === query.words.length - 1;
      const stem = vocabulary.stemOf(word.folded);
      const known = byStem.get(stem);
      if (known) known.prefix ||= isPrefix;
      else byStem.set(stem, { folded: word.folded, stop: word.stop, prefix: isPrefix, cjk: word.cjk });
    });
    const allStop = [...byStem.values()].every((t) => t.stop);
    return [...byStem].map(([stem, t], bit) => ({
      stem,
      folded: t.folded,
      bit: 1 << bit,
      weight: t.stop && !allStop ? STOPWORD_WEIGHT : 1,
      required: !t.stop || allStop,
      // A one-letter prefix would complete to half the vocabulary.
      prefix: t.prefix && t.folded.length >= 2,
      cjk: t.cjk,
    }));
  }

  const ALL_FIELDS = [...SEARCH_FIELDS];
  const TITLE_ONLY: SearchField[] = ['title'];

  /**
   * Marks the documents holding `word`, field by field. `all` adds documents to the
   * candidates; `found` only marks candidates already found (every word is required);
   * `found-titles` too, in titles only (a stopword beside other words: "the" is in nearly
   * every summary, and only a title typed in full cares).
   */
  function collect(word: string, bit: number, isApprox: boolean, mode: 'all' | 'found' | 'found-titles'): void {
    const adds = mode === 'all';
    for (const { field, result } of index.search(word, { index: mode === 'found-titles' ? TITLE_ONLY : ALL_FIELDS, limit: count })) {
      const f = SEARCH_FIELDS.indexOf(field as SearchField);
      if (f < 0) continue;
      const slot = f * 2 + (isApprox ? 1 : 0);
      for (const id of result) {
        const i = id as number;
        const at = i * STRIDE;
        if (stamp[i] !== current) {
          if (!adds) continue;
          stamp[i] = current;
          for (let m = at >> 1, end = m + FIELDS; m < end; m++) maskPairs[m] = 0;
          anyBits[i] = 0;
          touched[touchedCount++] = i;
        }
        masks[at + slot] = (masks[at + slot] as number) | bit;
        anyBits[i] = (anyBits[i] as number) | bit;
      }
    }
  }

  function search(rawQuery: string, options: SearchOptions = {}): SearchResponse {
    const query = parseQuery(rawQuery);
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(options.limit ?? DEFAULT_LIMIT) || DEFAULT_LIMIT));
    const offset = Math.max(0, Math.floor(options.offset ?? 0) || 0);
    const terms = termsOf(query);
    const counts: Record<DocumentKind, number> = { note: 0, inquiry: 0, paper: 0 };
    if (!terms.length || !count) return { query: query.text, truncated: query.truncated, total: 0, counts, partial: false, results: [] };

    // What to look up for each word: itself, plus its completions when it may be an
    // unfinished last word ("sycoph", or "cons" on its way to "consistency": completions
    // commoner than the word itself), or the words one typo away when the index lacks it
    // ("sycophncy").
    const alternatives = new Map<number, string[]>();
    const plan = terms.map((term) => {
      let approximate: string[] = [];
      const known = vocabulary.has(term.folded);
      const own = vocabulary.frequency(term.folded);
      if (term.required && term.prefix) {
        approximate = vocabulary.completions(term.folded, settings.completions, count / 4, (word, df) => df > own && vocabulary.stemOf(word) !== term.stem);
      }
      if (term.required && !known && !approximate.length && !term.cjk && isTypoCandidate(term.folded, settings.typoMinLength)) {
        approximate = vocabulary.neighbours(term.folded, settings.typoCandidates);
      }
      if (approximate.length) alternatives.set(term.bit, approximate);
      const size = [term.folded, ...approximate].reduce((n, word) => n + vocabulary.frequency(word), 0);
      return { term, approximate, size };
    });
    // The rarest required word first: when every word is required, the others only mark the
    // documents it found, and a query costs what its rarest word costs.
    const required = plan.filter((p) => p.term.required).sort((a, b) => a.size - b.size);
    const optional = plan.filter((p) => !p.term.required);
    const gather = (everyWord: boolean) => {
      required.forEach(({ term, approximate }, n) => {
        const mode = everyWord && n > 0 ? 'found' : 'all';
        collect(term.folded, term.bit, false, mode);
        for (const word of approximate) collect(word, term.bit, true, mode);
      });
      for (const { term } of optional) collect(term.folded, term.bit, false, 'found-titles');
    };
    const reset = () => {
      touchedCount = 0;
      if (++current === 0xffffffff) {
        stamp.fill(0);
        current = 1;
      }
    };

    try {
      gather(true);
      let ranking = rank(query, terms, alternatives, options.kind, counts, offset + limit);
      if (!ranking.everyWord && required.length > 1) {
        // No document holds every word: look again, for documents holding some.
        reset();
        gather(false);
        ranking = rank(query, terms, alternatives, options.kind, counts, offset + limit);
      }
      const { total, partial, ranked } = ranking;
      const matcher = new Matcher(vocabulary, terms, alternatives, query.prefix);
      const results = ranked.slice(offset, offset + limit).map((entry) => toHit(entry, matcher));
      return { query: query.text, truncated: query.truncated, total, counts, partial, results };
    } finally {
      reset();
    }
  }

  interface Ranked {
    readonly i: number;
    readonly score: number;
    /** The best field found to hold one of the query's phrases, or -1. */
    readonly phraseField: number;
  }

  function rank(
    query: ParsedQuery,
    terms: readonly Term[],
    alternatives: ReadonlyMap<number, string[]>,
    kind: DocumentKind | undefined,
    counts: Record<DocumentKind, number>,
    wanted: number,
  ): { total: number; partial: boolean; everyWord: boolean; ranked: Ranked[] } {
    let required = 0;
    for (const t of terms) if (t.required) required |= t.bit;
    setCoverage(terms);

    // Documents holding every required word; failing any, documents holding some.
    let matches = 0;
    for (let k = 0; k < touchedCount; k++) {
      const i = touched[k] as number;
      if (((anyBits[i] as number) & required) === required) matching[matches++] = i;
    }
    const everyWord = matches > 0;
    if (!everyWord) {
      for (let k = 0; k < touchedCount; k++) {
        const i = touched[k] as number;
        if ((anyBits[i] as number) & required) matching[matches++] = i;
      }
    }

    // The first score: coverage, the best field, a little for the other fields, graph weight.
    // Only the best `window` documents are kept, in a min-heap: no sort of every match.
    const kindIndex = kind ? SEARCH_KINDS.indexOf(kind) : -1;
    const window = Math.max(settings.rerankWindow, wanted);
    const heapScore = new Float64Array(window);
    const heapId = new Int32Array(window);
    let heapSize = 0;
    const perKind = new Int32Array(SEARCH_KINDS.length);
    for (let n = 0; n < matches; n++) {
      const i = matching[n] as number;
      const k = kindOf[i] as number;
      perKind[k] = (perKind[k] as number) + 1;
      if (kindIndex >= 0 && k !== kindIndex) continue;
      let anyExact = 0;
      let anyApprox = 0;
      let best = 0;
      let sum = 0;
      for (let f = 0, m = i * FIELDS * 2; f < FIELDS; f++, m += 2) {
        const e = masks[m] as number;
        const a = masks[m + 1] as number;
        if (!(e | a)) continue;
        anyExact |= e;
        anyApprox |= a;
        const c = coverage(e, a);
        const s = (weights[f] as number) * c * c;
        sum += s;
        if (s > best) best = s;
      }
      const score = 100 * coverage(anyExact, anyApprox) + best + 0.1 * (sum - best) + (weight[i] as number) - 0.5 * (stub[i] as number);
      if (heapSize < window) {
        let at = heapSize++;
        while (at > 0) {
          const parent = (at - 1) >> 1;
          if (!worse(score, i, heapScore[parent] as number, heapId[parent] as number)) break;
          heapScore[at] = heapScore[parent] as number;
          heapId[at] = heapId[parent] as number;
          at = parent;
        }
        heapScore[at] = score;
        heapId[at] = i;
      } else if (worse(heapScore[0] as number, heapId[0] as number, score, i)) {
        let at = 0;
        for (;;) {
          let child = 2 * at + 1;
          if (child >= heapSize) break;
          if (child + 1 < heapSize && worse(heapScore[child + 1] as number, heapId[child + 1] as number, heapScore[child] as number, heapId[child] as number)) child++;
          if (!worse(heapScore[child] as number, heapId[child] as number, score, i)) break;
          heapScore[at] = heapScore[child] as number;
          heapId[at] = heapId[child] as number;
          at = child;
        }
        heapScore[at] = score;
        heapId[at] = i;
      }
    }

    SEARCH_KINDS.forEach((k, n) => (counts[k] = perKind[n] as number));

    // Then phrases and titles, for the window only: a phrase is a regular expression run
    // over a text, and only where the field holds every word of it.
    const phrases = query.phrases.map((phrase) => {
      let bits = 0;
      for (const word of phrase.words) {
        const term = terms.find((t) => t.stem === vocabulary.stemOf(word.folded));
        if (term && !(word.stop && !term.required)) bits |= term.bit;
      }
      return { phrase, bits, pattern: phrasePattern(vocabulary, phrase, terms, alternatives) };
    });
    const typed = query.words.map((w) => w.folded).join(' ');
    const byFirstScore = Array.from({ length: heapSize }, (_, k) => k).sort((a, b) =>
      worse(heapScore[a] as number, heapId[a] as number, heapScore[b] as number, heapId[b] as number) ? 1 : -1,
    );
    const ranked = byFirstScore.map((k, place): Ranked => {
      const i = heapId[k] as number;
      const node = nodes[i] as DocumentNode;
      const text = texts[i] as ShortTexts;
      let bonus = 0;
      let phraseField = -1;
      let explicitFound = phrases.some((p) => p.phrase.explicit);
      for (const { phrase, bits, pattern } of phrases) {
        let foundIn = -1;
        for (let f = 0; f < FIELDS && foundIn < 0; f++) {
          const m = (i * FIELDS + f) * 2;
          if ((((masks[m] as number) | (masks[m + 1] as number)) & bits) !== bits) continue;
          // Bodies are long: only the best part of the window has them read, and a long query
          // typed without quotes (a title, a sentence) is not looked for in them word for word.
          if (f === BODY && (place >= settings.rerankWindow / 2 || (!phrase.explicit && phrase.words.length > MAX_BODY_PHRASE))) continue;
          if (pattern.test(f === BODY ? bodyOf(graph, node) : text[SEARCH_FIELDS[f] as Exclude<SearchField, 'body'>])) foundIn = f;
        }
        if (phrase.explicit) explicitFound &&= foundIn >= 0;
        else if (foundIn >= 0) bonus += 0.5 * (weights[foundIn] as number);
        if (foundIn >= 0 && (phraseField < 0 || foundIn < phraseField)) phraseField = foundIn;
      }
      if (explicitFound) bonus += EXPLICIT_PHRASE_BONUS;
      // The title typed in full, or its opening (two words or more).
      const title = titleWords[i] as string;
      if (title === typed) bonus += 25;
      else if (query.words.length > 1 && title.startsWith(typed) && (query.prefix !== undefined || title[typed.length] === ' ')) bonus += 5;
      return { i, score: (heapScore[k] as number) + bonus, phraseField };
    });
    // Ties go by title, then by position in the graph: the same query always lists the same order.
    ranked.sort((a, b) => b.score - a.score || (titleOrder[a.i] as number) - (titleOrder[b.i] as number));
    const total = kindIndex >= 0 ? counts[kind as DocumentKind] : matches;
    return { total, partial: !everyWord && matches > 0, everyWord, ranked };
  }

  // Places are counted on first show and kept: a hub's edges are many, and its place never changes.
  const places = new Map<number, string>();
  function placeOf(i: number): string {
    let place = places.get(i);
    if (place === undefined) places.set(i, (place = describePlace(graph, nodes[i] as DocumentNode)));
    return place;
  }

  function toHit(entry: Ranked, matcher: Matcher): SearchHit {
    const node = nodes[entry.i] as DocumentNode;
    const text = texts[entry.i] as ShortTexts;
    const fields = fieldScoresOf(entry.i);
    // The title is shown anyway. The snippet comes from the field found to hold the phrase,
    // else the field holding most of the words, else the first of SNIPPET_FIELDS with a hit.
    const candidates = SNIPPET_FIELDS.map((field, order) => {
      const f = SEARCH_FIELDS.indexOf(field);
      return { field, order, coverage: (fields[f] as number) / (weights[f] as number), phrase: f === entry.phraseField };
    })
      .filter((c) => c.coverage > 0)
      .sort((a, b) => Number(b.phrase) - Number(a.phrase) || b.coverage - a.coverage || a.order - b.order);
    let snippet: (Snippet & { field: SearchField }) | undefined;
    for (const { field } of candidates) {
      const found = field === 'body' ? matcher.bodySnippet(bodyOf(graph, node)) : cutSnippet(text[field], matcher.isHit);
      if (found) {
        snippet = { field, ...found };
        break;
      }
    }
    if (!snippet) {
      // No hit outside the title: the opening of what the document says, if anything.
      const lead = text.summary || (node.lead ? toPlainText(node.lead) : '');
      snippet = { field: text.summary || !node.lead ? 'summary' : 'body', ...leadSnippet(lead, matcher.isHit) };
    }
    return {
      id: node.id,
      url: node.url,
      kind: node.kind,
      title: node.title,
      stub: node.stub,
      score: Math.round(entry.score * 100) / 100,
      field: SEARCH_FIELDS[fields.indexOf(Math.max(...fields))] as SearchField,
      titleHighlights: highlightWords(node.title, matcher.isHit),
      snippet,
      place: placeOf(entry.i),
    };
  }

  return { search, size: count, words: vocabulary.wordCount };
}


/** The words of a term as the corpus spells them (raw and folded), escaped for a regular expression. */
function spellings(vocabulary: Vocabulary, term: Term, alternatives: ReadonlyMap<number, string[]>): string[] {
  const forms = new Set<string>([term.folded, ...vocabulary.spellingsOf(term.stem)]);
  for (const word of alternatives.get(term.bit) ?? []) for (const form of [word, ...vocabulary.spellingsOf(vocabulary.stemOf(word))]) forms.add(form);
  // Longest first, so that an alternation tries "persuasion" before "persuade".
  return [...forms]
    .sort((a, b) => b.length - a.length)
    .slice(0, 24)
    .map(escapeRegExp);
}

/** A phrase as a regular expression: its words' spellings, in order, apart by a few non-letters. */
function phrasePattern(vocabulary: Vocabulary, phrase: Phrase, terms: readonly Term[], alternatives: ReadonlyMap<number, string[]>): RegExp {
  let source = phrase.words[0]?.cjk ? '' : NOT_WORD_BEFORE;
  phrase.words.forEach((word, i) => {
    const term = terms.find((t) => t.stem === vocabulary.stemOf(word.folded));
    const forms = term ? spellings(vocabulary, term, alternatives) : [escapeRegExp(word.folded)];
    const open = phrase.openEnded && i === phrase.words.length - 1;
    if (i > 0) source += word.cjk && phrase.words[i - 1]?.cjk ? '' : BETWEEN_WORDS;
    source += `(?:${forms.join('|')})${open ? WORD_REST : word.cjk ? '' : NOT_WORD_AFTER}`;
  });
  return new RegExp(source, 'i');
}

/** Which words of a text are hits for a query, and where the first one is. */
class Matcher {
  /** Tests a folded word: its stem is a query word's, or it is a completion or correction used. */
  readonly isHit: WordTest;

  constructor(vocabulary: Vocabulary, terms: readonly Term[], alternatives: ReadonlyMap<number, string[]>, prefix: string | undefined) {
    // Stopwords are marked only when the query is nothing but stopwords.
    const marked = terms.filter((t) => t.required);
    // Every folded spelling of a hit, in a set of a few dozen words: one lookup per word of a
    // snippet, where the stem of each word would cost a lookup in the whole vocabulary.
    const words = new Set<string>();
    for (const term of marked) {
      for (const alternative of [term.folded, ...(alternatives.get(term.bit) ?? [])]) {
        words.add(alternative);
        for (const form of vocabulary.spellingsOf(vocabulary.stemOf(alternative))) words.add(foldWord(form));
      }
    }
    const open = prefix !== undefined && marked.some((t) => t.prefix && t.folded === prefix) ? prefix : undefined;
    this.isHit = (folded) => words.has(folded) || (open !== undefined && folded.startsWith(open));

    // Where a hit may start in raw Markdown: every spelling the corpus has of the hit words
    // (raw forms carry their accents and apostrophes; case is ignored), and the open prefix.
    // Finds a paragraph worth reading word by word without folding every word before it.
    const forms = new Set<string>();
    for (const word of words) {
      forms.add(word);
      for (const form of vocabulary.spellingsOf(vocabulary.stemOf(word))) forms.add(form);
    }
    // One pair of word-edge checks around all the forms: each letter class in a pattern is
    // compiled when the pattern first runs, and a query's pattern runs once or twice.
    const sorted = [...forms].filter((form) => form.length > 0).sort((a, b) => b.length - a.length);
    const latin = sorted.filter((form) => !isCjk(form)).map(escapeRegExp);
    const cjk = sorted.filter(isCjk).map(escapeRegExp);
    const patterns: string[] = [];
    if (latin.length || open) {
      const alternatives = [...(latin.length ? [`(?:${latin.join('|')})${NOT_WORD_AFTER}`] : []), ...(open ? [escapeRegExp(open)] : [])];
      patterns.push(`${NOT_WORD_BEFORE}(?:${alternatives.join('|')})`);
    }
    if (cjk.length) patterns.push(cjk.join('|'));
    this.candidates = patterns.length ? new RegExp(patterns.join('|'), 'gi') : undefined;
  }

  /** Finds where a hit may start in raw text; a hint, checked word by word after. */
  private readonly candidates: RegExp | undefined;

  /** The start of the line holding the first possible hit at or after `from`, or -1. */
  private candidateLine(body: string, from: number): number {
    if (!this.candidates) return from;
    this.candidates.lastIndex = from;
    const found = this.candidates.exec(body);
    if (!found) return -1;
    return Math.max(from, body.lastIndexOf('\n', found.index) + 1);
  }

  /**
   * A snippet of a Markdown body: the words of the Markdown are read up to the first hit
   * (usually near the top), and only the paragraph around it is made plain; a whole body
   * would cost more than the query.
   */
  bodySnippet(body: string): Snippet | undefined {
    let from = 0;
    // The first hit may sit in a link target the plain text drops: try a few paragraphs.
    for (let attempt = 0; attempt < 5 && from < body.length; attempt++) {
      // Skip to the line of the first spelling found, when one is: the words before it are no
      // hits. (When none is, an odd spelling the pattern misses: read every word, as before.)
      const line = this.candidateLine(body, from);
      if (line >= 0) from = line;
      let hit = -1;
      let hitEnd = -1;
      scanWords(body.slice(from), (start, end) => {
        if (!this.isHit(foldWord(body.slice(from + start, from + end)))) return false;
        hit = from + start;
        hitEnd = from + end;
        return true;
      });
      if (hit < 0) return undefined;
      // The paragraph (a line of Markdown) around the hit, at most a few hundred characters
      // each side, cut at spaces; a link cut in half loses its brackets below.
      let start = Math.max(body.lastIndexOf('\n', hit) + 1, hit - 400);
      let end = body.indexOf('\n', hit);
      if (end < 0 || end > hit + 400) end = Math.min(body.length, hit + 400);
      if (start > 0 && body[start - 1] !== '\n') start = body.indexOf(' ', start) + 1 || hit;
      if (end < body.length && body[end] !== '\n') end = Math.max(body.lastIndexOf(' ', end), hitEnd);
      const plain = toPlainText(body.slice(start, end)).replace(/\[\[|\]\]|\]\([^)]*$|^[^(]*\)/g, ' ');
      const snippet = cutSnippet(plain, this.isHit);
      if (snippet) return snippet;
      from = Math.max(end, hitEnd);
    }
    return undefined;
  }
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

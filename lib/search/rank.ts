import { bodyOf } from '../graph/body';
import type { DocumentKind, DocumentNode, Graph, NodeId } from '../graph/types';
import { foldedWords } from '../text/tokenise';
import { fieldText, SEARCH_FIELDS, type IndexedCorpus, type ShortField } from './fields';
import { TopScores } from './heap';
import type { DocumentMatches } from './matches';
import { phraseBits, phrasePattern } from './phrase';
import type { QueryPlan, Term } from './plan';
import type { ParsedQuery, Phrase } from './query';
import { kindEntry, listSearchKinds } from '../domain/kinds';
import { kindCode, type SearchIndexOptions } from './types';

/*
 * Ranking: the order a reader expects (see lib/search/index.ts). A first score for
 * every matching document from the words each field holds, the best `rerankWindow`
 * kept; then, for those only, phrases and titles read from the text.
 */

/** A word found through a completion or typo counts this much of a word found as typed. */
const APPROXIMATE = 0.8;
/** Longest unquoted query whose words are looked for side by side in bodies. */
const MAX_BODY_PHRASE = 4;
/** A quoted phrase found puts a document above every document without it. */
const EXPLICIT_PHRASE_BONUS = 1000;
const FIELDS = SEARCH_FIELDS.length;
const BODY = SEARCH_FIELDS.indexOf('body');
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A document in the final order. */
export interface Ranked {
  readonly i: number;
  readonly score: number;
  /** The best field found to hold one of the query's phrases, or -1. */
  readonly phraseField: number;
}

export interface Ranking {
  /** Matching documents of the requested kind (all kinds without one). */
  readonly total: number;
  readonly partial: boolean;
  /** Some document holds every required word. */
  readonly everyWord: boolean;
  readonly ranked: readonly Ranked[];
}

/** What the ranking knows of each document, computed once per index. */
export interface RankingData {
  readonly graph: Graph;
  readonly corpus: IndexedCorpus;
  readonly settings: SearchIndexOptions;
  /** Each field's weight, in SEARCH_FIELDS order. */
  readonly weights: readonly number[];
  /** Each document's kind code (`kindCode`). */
  readonly kindOf: Uint8Array;
  /** How much of the graph points at a document, 0–2: a tiebreak, never a tier. */
  readonly graphWeight: Float32Array;
  /** Each kind code's search weight from the registry (`searchWeight`), added like the graph weight. */
  readonly kindWeight: Float32Array;
  readonly stub: Uint8Array;
  /** Each title's folded words, space-separated: "the title typed in full" is a string comparison. */
  readonly titleWords: readonly string[];
  /** Each document's place in title order, so that ties are broken by a number. */
  readonly titleOrder: Int32Array;
}

export function rankingData(graph: Graph, corpus: IndexedCorpus, settings: SearchIndexOptions): RankingData {
  const { nodes } = corpus;
  const titleOrder = new Int32Array(nodes.length);
  nodes
    .map((n, i) => ({ title: n.title, i }))
    .sort((a, b) => compareText(a.title, b.title) || a.i - b.i)
    .forEach(({ i }, order) => (titleOrder[i] = order));
  const kinds = listSearchKinds();
  return {
    graph,
    corpus,
    settings,
    weights: SEARCH_FIELDS.map((f) => settings.fieldWeights[f]),
    kindOf: Uint8Array.from(nodes, (n) => kindCode(n.kind, kinds)),
    kindWeight: Float32Array.from(kinds, (kind) => kindEntry(kind).searchWeight ?? 0),
    graphWeight: Float32Array.from(nodes, (n) => Math.min(2, Math.log2(1 + (graph.incoming.get(n.id)?.length ?? 0)) / 2.5)),
    stub: Uint8Array.from(nodes, (n) => Number(n.stub)),
    titleWords: nodes.map((n) => foldedWords(n.title).join(' ')),
    titleOrder,
  };
}

/**
 * The share of the query's weight that a set of found words carries, by byte of the bit
 * set (query words 1–8, 9–16, 17–24): a document's coverage in a few table lookups. One
 * set of tables per index, filled per query by `setTerms`, so that the ranking loop calls
 * the same function every time and allocates nothing.
 */
export class Coverage {
  // Three fields, not an array of tables: `of` runs for every field of every match.
  private readonly w0 = new Float64Array(256);
  private readonly w1 = new Float64Array(256);
  private readonly w2 = new Float64Array(256);

  setTerms(terms: readonly Term[]): void {
    const totalWeight = terms.reduce((sum, t) => sum + t.weight, 0);
    [this.w0, this.w1, this.w2].forEach((table, byte) => {
      table.fill(0);
      for (let v = 1; v < 256; v++) for (const t of terms) if ((v << (8 * byte)) & t.bit) (table[v] as number) += t.weight / totalWeight;
    });
  }

  private share(bits: number): number {
    return (this.w0[bits & 255] as number) + (bits > 255 ? (this.w1[(bits >>> 8) & 255] as number) + (this.w2[(bits >>> 16) & 255] as number) : 0);
  }

  /** The query's coverage by the words found exactly and those found approximately. */
  of(exactBits: number, approxBits: number): number {
    return this.share(exactBits) + APPROXIMATE * this.share(approxBits & ~exactBits);
  }
}

/** Each field's score for document i: its weight times the square of the query's coverage there. */
export function fieldScoresOf(data: RankingData, matches: DocumentMatches, coverage: Coverage, i: number): number[] {
  return SEARCH_FIELDS.map((_, f) => {
    const e = matches.exact(i, f);
    const a = matches.approximate(i, f);
    const c = e | a ? coverage.of(e, a) : 0;
    return (data.weights[f] as number) * c * c;
  });
}

/**
 * Whether document a ranks below document b on first scores: ties go by title, as in the
 * final order, so which documents make the window never depends on the order flexsearch
 * lists them in.
 */
const worseBy = (titleOrder: Int32Array) => (scoreA: number, a: number, scoreB: number, b: number): boolean =>
  scoreA < scoreB || (scoreA === scoreB && (titleOrder[a] as number) > (titleOrder[b] as number));

/**
 * Ranks the documents the lookups marked: those holding every required word, failing
 * any, those holding some. Fills `counts` with the matches of each kind.
 */
export function rank(
  data: RankingData,
  matches: DocumentMatches,
  coverage: Coverage,
  query: ParsedQuery,
  plan: QueryPlan,
  filter: { readonly kind?: DocumentKind | undefined; readonly within?: ReadonlySet<NodeId> | undefined },
  counts: Record<DocumentKind, number>,
  wanted: number,
): Ranking {
  const { kind, within } = filter;
  coverage.setTerms(plan.terms);
  const { found, everyWord } = matchingDocuments(matches, plan.terms, within && ((i) => within.has((data.corpus.nodes[i] as DocumentNode).id)));
  const kindFilter = kind === undefined || kindCode(kind) === 255 ? -1 : kindCode(kind);
  const window = new TopScores(Math.max(data.settings.rerankWindow, wanted), worseBy(data.titleOrder));
  const perKind = firstScores(data, matches, coverage, found, kindFilter, window);
  listSearchKinds().forEach((k, n) => (counts[k] = perKind[n] as number));
  const ranked = rerank(data, matches, query, plan, window.best());
  const total = kindFilter >= 0 ? counts[kind as DocumentKind] : found.length;
  return { total, partial: !everyWord && found.length > 0, everyWord, ranked };
}

/**
 * Documents holding every required word; failing any, documents holding some. Only
 * those `allowed` (all without it): filtered here, before counting and ranking, so that
 * "every word" means every word within the filter and totals and paging follow it.
 */
function matchingDocuments(matches: DocumentMatches, terms: readonly Term[], allowed?: (i: number) => boolean): { found: Int32Array; everyWord: boolean } {
  let required = 0;
  for (const t of terms) if (t.required) required |= t.bit;
  const { touched, touchedCount, anyBits, matching: found } = matches;
  let count = 0;
  for (let k = 0; k < touchedCount; k++) {
    const i = touched[k] as number;
    if (((anyBits[i] as number) & required) === required && (!allowed || allowed(i))) found[count++] = i;
  }
  const everyWord = count > 0;
  if (!everyWord) {
    for (let k = 0; k < touchedCount; k++) {
      const i = touched[k] as number;
      if (((anyBits[i] as number) & required) !== 0 && (!allowed || allowed(i))) found[count++] = i;
    }
  }
  return { found: found.subarray(0, count), everyWord };
}

/**
 * The first score of every match: coverage, the best field, a little for the other
 * fields, graph weight. Offers each to `window`; returns the matches of each kind code.
 */
function firstScores(data: RankingData, matches: DocumentMatches, coverage: Coverage, found: Int32Array, kindFilter: number, window: TopScores): Int32Array {
  const { kindOf, weights, graphWeight, kindWeight, stub } = data;
  const { masks } = matches;
  const perKind = new Int32Array(listSearchKinds().length);
  for (let n = 0; n < found.length; n++) {
    const i = found[n] as number;
    const k = kindOf[i] as number;
    perKind[k] = (perKind[k] as number) + 1;
    if (kindFilter >= 0 && k !== kindFilter) continue;
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
      const c = coverage.of(e, a);
      const s = (weights[f] as number) * c * c;
      sum += s;
      if (s > best) best = s;
    }
    const tiebreak = (graphWeight[i] as number) + (kindWeight[k] ?? 0) - 0.5 * (stub[i] as number);
    window.offer(100 * coverage.of(anyExact, anyApprox) + best + 0.1 * (sum - best) + tiebreak, i);
  }
  return perKind;
}

/**
 * Phrases and titles, for the window only: a phrase is a regular expression run over a
 * text, and only where the field holds every word of it. Returns the final order.
 */
function rerank(data: RankingData, matches: DocumentMatches, query: ParsedQuery, plan: QueryPlan, window: readonly { i: number; score: number }[]): Ranked[] {
  const { vocabulary } = data.corpus;
  const phrases = query.phrases.map((phrase) => ({
    phrase,
    bits: phraseBits(vocabulary, phrase, plan.terms),
    pattern: phrasePattern(vocabulary, phrase, plan.terms, plan.alternatives),
  }));
  const typed = query.words.map((w) => w.folded).join(' ');
  const ranked = window.map(({ i, score }, place): Ranked => {
    let bonus = 0;
    let phraseField = -1;
    let explicitFound = phrases.some((p) => p.phrase.explicit);
    for (const { phrase, bits, pattern } of phrases) {
      const foundIn = phraseFieldOf(data, matches, i, place, phrase, bits, pattern);
      if (phrase.explicit) explicitFound &&= foundIn >= 0;
      else if (foundIn >= 0) bonus += 0.5 * (data.weights[foundIn] as number);
      if (foundIn >= 0 && (phraseField < 0 || foundIn < phraseField)) phraseField = foundIn;
    }
    if (explicitFound) bonus += EXPLICIT_PHRASE_BONUS;
    bonus += titleBonus(data.titleWords[i] as string, typed, query);
    return { i, score: score + bonus, phraseField };
  });
  // Ties go by title, then by position in the graph: the same query always lists the same order.
  ranked.sort((a, b) => b.score - a.score || (data.titleOrder[a.i] as number) - (data.titleOrder[b.i] as number));
  return ranked;
}

/** The first field of document i (at `place` in the window) that holds the phrase, or -1. */
function phraseFieldOf(
  data: RankingData,
  matches: DocumentMatches,
  i: number,
  place: number,
  phrase: Phrase,
  bits: number,
  pattern: RegExp,
): number {
  const { rerankWindow } = data.settings;
  const node = data.corpus.nodes[i] as DocumentNode;
  for (let f = 0; f < FIELDS; f++) {
    if (((matches.exact(i, f) | matches.approximate(i, f)) & bits) !== bits) continue;
    // Bodies are long: only the best part of the window has them read, and a long query
    // typed without quotes (a title, a sentence) is not looked for in them word for word.
    if (f === BODY && (place >= rerankWindow / 2 || (!phrase.explicit && phrase.words.length > MAX_BODY_PHRASE))) continue;
    const text = f === BODY ? bodyOf(data.graph, node) : fieldText(node, SEARCH_FIELDS[f] as ShortField);
    if (pattern.test(text)) return f;
  }
  return -1;
}

/** The title typed in full, or its opening (two words or more). */
function titleBonus(title: string, typed: string, query: ParsedQuery): number {
  if (title === typed) return 25;
  if (query.words.length > 1 && title.startsWith(typed) && (query.prefix !== undefined || title[typed.length] === ' ')) return 5;
  return 0;
}

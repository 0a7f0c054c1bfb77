import type { ParsedQuery } from './query';
import type { SearchIndexOptions } from './types';
import type { Vocabulary } from './vocabulary';

/*
 * Query planning: which words a query asks for (terms, one per stem), and what to
 * look up for each (the word itself, its completions, or words one typo away), in
 * the order that makes a query cost what its rarest word costs.
 */

/** Weight of a stopword beside other words: it counts, but little. */
const STOPWORD_WEIGHT = 0.2;

/** A distinct word of the query, by stem. */
export interface Term {
  readonly stem: string;
  readonly folded: string;
  /** The term's bit in the masks of the documents holding it (at most 24 terms). */
  readonly bit: number;
  readonly weight: number;
  readonly required: boolean;
  readonly prefix: boolean;
  readonly cjk: boolean;
}

/** Words looked up for a term besides itself (completions or corrections), by the term's bit. */
export type Alternatives = ReadonlyMap<number, readonly string[]>;

/** A term and the words looked up for it. */
export interface Lookup {
  readonly term: Term;
  readonly approximate: readonly string[];
  /** How many documents its words are found in, roughly: what the lookup costs. */
  readonly size: number;
}

/** What a search looks up, in order: required terms rarest first, then the optional ones. */
export interface QueryPlan {
  readonly terms: readonly Term[];
  readonly required: readonly Lookup[];
  readonly optional: readonly Lookup[];
  readonly alternatives: Alternatives;
}

/** A word that may be a word of the corpus mistyped: Latin letters, long enough, not absurdly long. */
const isTypoCandidate = (word: string, minLength: number): boolean => word.length >= minLength && word.length <= 32 && /^[a-z]+$/.test(word);

/**
 * The distinct stems of a query. Stopwords beside other words are optional and weigh
 * little; a query of nothing but stopwords requires them all.
 */
export function termsOf(query: ParsedQuery, vocabulary: Vocabulary): Term[] {
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

/**
 * What to look up for a term: itself, plus its completions when it may be an unfinished
 * last word ("sycoph", or "cons" on its way to "consistency": completions commoner than
 * the word itself), or the words one typo away when the index lacks it ("sycophncy").
 */
function lookupOf(term: Term, vocabulary: Vocabulary, settings: SearchIndexOptions, documents: number): Lookup {
  let approximate: string[] = [];
  const own = vocabulary.frequency(term.folded);
  if (term.required && term.prefix) {
    approximate = vocabulary.completions(term.folded, settings.completions, documents / 4, (word, df) => df > own && vocabulary.stemOf(word) !== term.stem);
  }
  if (term.required && !vocabulary.has(term.folded) && !approximate.length && !term.cjk && isTypoCandidate(term.folded, settings.typoMinLength)) {
    approximate = vocabulary.neighbours(term.folded, settings.typoCandidates);
  }
  const size = [term.folded, ...approximate].reduce((n, word) => n + vocabulary.frequency(word), 0);
  return { term, approximate, size };
}

/**
 * The plan of a query over an index of `documents` documents. The rarest required word
 * comes first: when every word is required, the others only mark the documents it
 * found, and a query costs what its rarest word costs.
 */
export function planQuery(terms: readonly Term[], vocabulary: Vocabulary, settings: SearchIndexOptions, documents: number): QueryPlan {
  const lookups = terms.map((term) => lookupOf(term, vocabulary, settings, documents));
  const alternatives = new Map<number, readonly string[]>();
  for (const { term, approximate } of lookups) if (approximate.length) alternatives.set(term.bit, approximate);
  return {
    terms,
    required: lookups.filter((p) => p.term.required).sort((a, b) => a.size - b.size),
    optional: lookups.filter((p) => !p.term.required),
    alternatives,
  };
}

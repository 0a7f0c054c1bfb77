import { foldWord } from '../text/fold';
import { toIndexText } from '../text/plain-text';
import { stemWord } from '../text/stem';
import { TOPIC_STOPWORDS } from '../text/stopwords';
import { scanWords } from '../text/tokenise';

/*
 * What search and similarity take from a body, read in one pass (`analyseBody`):
 * the derived store keeps both per file (lib/store/sync.ts), so a restart reads
 * no body again. Words are cut, folded and stemmed by lib/text.
 */

/** A document's weighted term counts, as `[term, count]` pairs. */
export type TermCounts = readonly (readonly [string, number])[];

/** The term a folded word counts as for similarity, or undefined when it does not count. */
function termOf(folded: string): string | undefined {
  if (folded.length < 3 || TOPIC_STOPWORDS.has(folded) || /^\d+$/.test(folded)) return undefined;
  return stemWord(folded);
}

/**
 * Terms of lower-case words already seen: a collection of 100,000 papers has a few
 * hundred thousand distinct words but a hundred million occurrences, and folding and
 * stemming is most of the cost of reading a body. Bounded: cleared when it grows past
 * TERM_MEMO_SIZE.
 */
const termMemo = new Map<string, string | null>();
const TERM_MEMO_SIZE = 500_000;
function termOfWord(word: string): string | undefined {
  let term = termMemo.get(word);
  if (term === undefined) {
    if (termMemo.size >= TERM_MEMO_SIZE) termMemo.clear();
    termMemo.set(word, (term = termOf(foldWord(word)) ?? null));
  }
  return term ?? undefined;
}

/** Word stems of a text for similarity: topic stopwords, numbers and words under three letters dropped. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  scanWords(text, (start, end) => {
    const term = termOf(foldWord(text.slice(start, end)));
    if (term) out.push(term);
  });
  return out;
}

/** Terms a body keeps for similarity, most frequent first: the vector keeps 64, so a few hundred is plenty. */
const BODY_TERMS_KEPT = 128;

/** A body's term counts, most frequent first. What the derived store saves per file. */
export function bodyTermCounts(body: string): TermCounts {
  return analyseBody(body).terms;
}

/** What search and similarity take from a body, in one pass over its words. */
export interface BodyAnalysis {
  /** Its distinct words, lower-cased, one space between them: what the search index takes. */
  readonly words: string;
  /** Its term counts for similarity, most frequent first. */
  readonly terms: TermCounts;
}

/**
 * Reads a body once for both indexes: the words a reader reads (link targets, URLs and
 * HTML tags are not the document's vocabulary), counted by their lower-case form,
 * then folded and stemmed once per distinct word, not once per occurrence.
 */
export function analyseBody(body: string): BodyAnalysis {
  const text = toIndexText(body);
  const seen = new Map<string, number>();
  scanWords(text, (start, end) => {
    const word = text.slice(start, end).toLowerCase();
    seen.set(word, (seen.get(word) ?? 0) + 1);
  });
  const counts = new Map<string, number>();
  for (const [word, count] of seen) {
    const term = termOfWord(word);
    if (term) counts.set(term, (counts.get(term) ?? 0) + count);
  }
  const terms = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, BODY_TERMS_KEPT);
  return { words: [...seen.keys()].join(' '), terms };
}

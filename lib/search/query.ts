import { foldWord } from '../text/fold';
import { isStopword } from '../text/stopwords';
import { scanWords } from '../text/tokenise';

/** Queries longer than this are cut here: no one types more, and each word costs a lookup. */
export const MAX_QUERY_LENGTH = 200;
/** Words of a query beyond this are ignored (a 200-character query of one-letter words). */
export const MAX_QUERY_TERMS = 24;

/** One word of a query, folded as the index folds words. */
export interface QueryWord {
  readonly folded: string;
  readonly cjk: boolean;
  readonly stop: boolean;
}

/** Words that must appear next to each other, in order. */
export interface Phrase {
  readonly words: readonly QueryWord[];
  /** Typed in quotes (or a run of CJK characters): the reader asked for these words together. */
  readonly explicit: boolean;
  /** Its last word may be a prefix: the reader is still typing it. */
  readonly openEnded: boolean;
}

export interface ParsedQuery {
  /** The query as searched: trimmed, cut to MAX_QUERY_LENGTH, lone surrogates replaced. */
  readonly text: string;
  /** True when the query was longer than MAX_QUERY_LENGTH and was cut. */
  readonly truncated: boolean;
  /** Every word, in order, repeats included. */
  readonly words: readonly QueryWord[];
  /**
   * The last word, when the reader may still be typing it: it ends the query, which
   * does not end with a space, quote or punctuation, and it is not a CJK character.
   */
  readonly prefix?: string;
  readonly phrases: readonly Phrase[];
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const QUOTE = /["\u201c\u201d\u201e\u00ab\u00bb]/;

/** Any string becomes text that `parseQuery` and JSON can carry: lone surrogates become U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd');
}

function wordsOf(text: string): QueryWord[] {
  const words: QueryWord[] = [];
  scanWords(text, (start, end, cjk) => {
    const folded = foldWord(text.slice(start, end));
    if (folded) words.push({ folded, cjk, stop: !cjk && isStopword(folded) });
  });
  return words;
}

/** Splits a run of words where CJK and other words meet: a CJK run is a phrase of its own. */
function cjkRuns(words: readonly QueryWord[]): QueryWord[][] {
  const runs: QueryWord[][] = [];
  let run: QueryWord[] = [];
  for (const word of words) {
    if (word.cjk) run.push(word);
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return runs.filter((r) => r.length > 1);
}

/**
 * Reads what a reader typed: words, quoted phrases, and whether the last word is
 * still being typed. Never throws, whatever the input.
 */
export function parseQuery(input: string): ParsedQuery {
  // Spaces around the query mean nothing: "sycoph " still completes (as you type the next word, the
  // results do not blink out); a closing quote does end the last word.
  let text = wellFormed(String(input)).trim();
  const truncated = text.length > MAX_QUERY_LENGTH;
  if (truncated) text = text.slice(0, MAX_QUERY_LENGTH).replace(/[\ud800-\udbff]$/, '');

  const phrases: Phrase[] = [];
  const words: QueryWord[] = [];
  // Odd pieces are inside quotes; an unclosed quote runs to the end.
  const pieces = text.split(QUOTE);
  pieces.forEach((piece, i) => {
    const pieceWords = wordsOf(piece);
    const quoted = i % 2 === 1;
    const closed = i < pieces.length - 1;
    if (quoted && pieceWords.length > 1) phrases.push({ words: pieceWords, explicit: true, openEnded: !closed });
    if (!quoted) for (const run of cjkRuns(pieceWords)) phrases.push({ words: run, explicit: true, openEnded: false });
    words.push(...pieceWords);
  });
  const kept = words.slice(0, MAX_QUERY_TERMS);

  const last = kept[kept.length - 1];
  const endsOpen = /[\p{L}\p{N}]$/u.test(text) && kept.length === words.length;
  const prefix = last && endsOpen && !last.cjk ? last.folded : undefined;
  if (kept.length > 1 && !phrases.some((p) => p.explicit && p.words.length === kept.length)) {
    phrases.push({ words: kept, explicit: false, openEnded: prefix !== undefined });
  }
  return { text, truncated, words: kept, ...(prefix !== undefined ? { prefix } : {}), phrases };
}

import { foldWord } from '../text/fold';
import { toPlainText } from '../text/plain-text';
import { CharClass, classOf, scanWords } from '../text/tokenise';
import { escapeRegExp, NOT_WORD_AFTER, NOT_WORD_BEFORE } from './phrase';
import type { Alternatives, Term } from './plan';
import { cutSnippet, type Snippet, type WordTest } from './snippet';
import type { Vocabulary } from './vocabulary';

/*
 * Which words of a text are hits for a query, for highlights and snippets, and the
 * snippet of a Markdown body: read up to the first hit, made plain around it.
 */

const isCjk = (text: string): boolean => classOf(text.charCodeAt(0)) === CharClass.Cjk;

/** Every folded spelling of the query's hit words: its required terms, their completions or corrections. */
function hitWords(vocabulary: Vocabulary, marked: readonly Term[], alternatives: Alternatives): Set<string> {
  // A set of a few dozen words: one lookup per word of a snippet, where the stem of each
  // word would cost a lookup in the whole vocabulary.
  const words = new Set<string>();
  for (const term of marked) {
    for (const alternative of [term.folded, ...(alternatives.get(term.bit) ?? [])]) {
      words.add(alternative);
      for (const form of vocabulary.spellingsOf(vocabulary.stemOf(alternative))) words.add(foldWord(form));
    }
  }
  return words;
}

/**
 * Where a hit may start in raw Markdown: every spelling the corpus has of the hit words
 * (raw forms carry their accents and apostrophes; case is ignored), and the open prefix.
 * Finds a paragraph worth reading word by word without folding every word before it.
 */
function candidatePattern(vocabulary: Vocabulary, words: ReadonlySet<string>, open: string | undefined): RegExp | undefined {
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
  return patterns.length ? new RegExp(patterns.join('|'), 'gi') : undefined;
}

export class Matcher {
  /** Tests a folded word: its stem is a query word's, or it is a completion or correction used. */
  readonly isHit: WordTest;
  /** Finds where a hit may start in raw text; a hint, checked word by word after. */
  private readonly candidates: RegExp | undefined;

  constructor(vocabulary: Vocabulary, terms: readonly Term[], alternatives: Alternatives, prefix: string | undefined) {
    // Stopwords are marked only when the query is nothing but stopwords.
    const marked = terms.filter((t) => t.required);
    const words = hitWords(vocabulary, marked, alternatives);
    const open = prefix !== undefined && marked.some((t) => t.prefix && t.folded === prefix) ? prefix : undefined;
    this.isHit = (folded) => words.has(folded) || (open !== undefined && folded.startsWith(open));
    this.candidates = candidatePattern(vocabulary, words, open);
  }

  /** The start of the line holding the first possible hit at or after `from`, or -1. */
  private candidateLine(body: string, from: number): number {
    if (!this.candidates) return from;
    this.candidates.lastIndex = from;
    const found = this.candidates.exec(body);
    if (!found) return -1;
    return Math.max(from, body.lastIndexOf('\n', found.index) + 1);
  }

  /** The first hit at or after `from`, as `[start, end)`, or undefined. */
  private firstHit(body: string, from: number): readonly [number, number] | undefined {
    let hit: readonly [number, number] | undefined;
    scanWords(body.slice(from), (start, end) => {
      if (!this.isHit(foldWord(body.slice(from + start, from + end)))) return false;
      hit = [from + start, from + end];
      return true;
    });
    return hit;
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
      const hit = this.firstHit(body, from);
      if (!hit) return undefined;
      const [start, end] = paragraphAround(body, hit[0], hit[1]);
      const plain = toPlainText(body.slice(start, end)).replace(/\[\[|\]\]|\]\([^)]*$|^[^(]*\)/g, ' ');
      const snippet = cutSnippet(plain, this.isHit);
      if (snippet) return snippet;
      from = Math.max(end, hit[1]);
    }
    return undefined;
  }
}

/**
 * The paragraph (a line of Markdown) around a hit, at most a few hundred characters each
 * side, cut at spaces; a link cut in half loses its brackets in `bodySnippet`.
 */
function paragraphAround(body: string, hit: number, hitEnd: number): [number, number] {
  let start = Math.max(body.lastIndexOf('\n', hit) + 1, hit - 400);
  let end = body.indexOf('\n', hit);
  if (end < 0 || end > hit + 400) end = Math.min(body.length, hit + 400);
  if (start > 0 && body[start - 1] !== '\n') start = body.indexOf(' ', start) + 1 || hit;
  if (end < body.length && body[end] !== '\n') end = Math.max(body.lastIndexOf(' ', end), hitEnd);
  return [start, end];
}

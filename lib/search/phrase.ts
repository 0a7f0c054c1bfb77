import type { Alternatives, Term } from './plan';
import type { Phrase } from './query';
import type { Vocabulary } from './vocabulary';

/*
 * Phrases as regular expressions over raw text: each word by every spelling the
 * corpus has of its stem (and of its completions or corrections), in order, apart
 * by a few non-letters. Also the word-edge pieces the snippet matcher builds its
 * pattern from.
 */

export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/*
 * Letters and digits of the common scripts, for the regular expressions built per query.
 * Not \p{L}: with the `u` flag a pattern's first run compiles its Unicode classes, 10–15 ms
 * for each new pattern, which is most of a query's time. Close enough for word edges.
 */
const LETTER =
  '0-9A-Za-z\\u00aa\\u00b5\\u00ba\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u02ff\\u0300-\\u036f\\u0370-\\u03ff\\u0400-\\u052f' +
  '\\u0531-\\u058f\\u05d0-\\u05ea\\u0620-\\u064a\\u0900-\\u0dff\\u0e00-\\u0e7f\\u1e00-\\u1fff\\u3040-\\u30ff\\u3400-\\u4dbf' +
  '\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff';
export const NOT_WORD_BEFORE = `(?<![${LETTER}])`;
export const NOT_WORD_AFTER = `(?![${LETTER}])`;
const WORD_REST = `[${LETTER}]*`;
const BETWEEN_WORDS = `[^${LETTER}]{1,3}`;

/** The term of the query a folded word belongs to, by stem. */
export const termOfWord = (vocabulary: Vocabulary, terms: readonly Term[], folded: string): Term | undefined => {
  const stem = vocabulary.stemOf(folded);
  return terms.find((t) => t.stem === stem);
};

/** The words of a term as the corpus spells them (raw and folded), escaped for a regular expression. */
function spellings(vocabulary: Vocabulary, term: Term, alternatives: Alternatives): string[] {
  const forms = new Set<string>([term.folded, ...vocabulary.spellingsOf(term.stem)]);
  for (const word of alternatives.get(term.bit) ?? []) for (const form of [word, ...vocabulary.spellingsOf(vocabulary.stemOf(word))]) forms.add(form);
  // Longest first, so that an alternation tries "persuasion" before "persuade".
  return [...forms]
    .sort((a, b) => b.length - a.length)
    .slice(0, 24)
    .map(escapeRegExp);
}

/** A phrase as a regular expression: its words' spellings, in order, apart by a few non-letters. */
export function phrasePattern(vocabulary: Vocabulary, phrase: Phrase, terms: readonly Term[], alternatives: Alternatives): RegExp {
  let source = phrase.words[0]?.cjk ? '' : NOT_WORD_BEFORE;
  phrase.words.forEach((word, i) => {
    const term = termOfWord(vocabulary, terms, word.folded);
    const forms = term ? spellings(vocabulary, term, alternatives) : [escapeRegExp(word.folded)];
    const open = phrase.openEnded && i === phrase.words.length - 1;
    if (i > 0) source += word.cjk && phrase.words[i - 1]?.cjk ? '' : BETWEEN_WORDS;
    source += `(?:${forms.join('|')})${open ? WORD_REST : word.cjk ? '' : NOT_WORD_AFTER}`;
  });
  return new RegExp(source, 'i');
}

/** The bits of the terms a field must hold for a phrase to be worth testing there (optional stopwords aside). */
export function phraseBits(vocabulary: Vocabulary, phrase: Phrase, terms: readonly Term[]): number {
  let bits = 0;
  for (const word of phrase.words) {
    const term = termOfWord(vocabulary, terms, word.folded);
    if (term && !(word.stop && !term.required)) bits |= term.bit;
  }
  return bits;
}

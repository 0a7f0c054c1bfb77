import { foldWord } from './fold';

/*
 * Cutting text into words. The search index, the query parser, the snippet
 * highlighter and similarity all cut words here, so a word the index holds is a
 * word a query can name and a snippet can mark.
 *
 * A word is a run of letters and digits in any script but CJK; an apostrophe inside
 * a word joins it ("model's"). CJK has no spaces between words, so each Han, kana or
 * Hangul character is a word of its own: a CJK title is then found by any substring
 * of it, read as a phrase of single characters. Folding (case, accents) is
 * lib/text/fold.ts.
 */

/** Classes of characters, as numbers so that they fit a typed array. */
export const CharClass = { Unknown: 0, Word: 1, Cjk: 2, Separator: 3 } as const;
export type CharClass = (typeof CharClass)[keyof typeof CharClass];

/** Class of every UTF-16 code unit, filled on first sight of each one. */
const charClasses = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) {
  const isWord = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  charClasses[c] = isWord ? CharClass.Word : CharClass.Separator;
}
// Surrogates (emoji, rare CJK extensions) separate words; a lone one must never throw.
charClasses.fill(CharClass.Separator, 0xd800, 0xe000);

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** What a UTF-16 code unit is to a word: part of one, a CJK word of its own, or a gap. */
export function classOf(code: number): CharClass {
  const known = charClasses[code] as CharClass;
  if (known !== CharClass.Unknown) return known;
  const char = String.fromCharCode(code);
  const found = CJK_CHAR.test(char) ? CharClass.Cjk : WORD_CHAR.test(char) ? CharClass.Word : CharClass.Separator;
  charClasses[code] = found;
  return found;
}


const APOSTROPHES = new Set([0x27, 0x2019, 0x2bc]);

/**
 * Calls `visit(start, end, cjk)` for each word of `text`, in order, with its UTF-16
 * offsets in `text`, until `visit` returns true. One pass, no allocation but the
 * callback's.
 */
export function scanWords(text: string, visit: (start: number, end: number, cjk: boolean) => boolean | void): void {
  const length = text.length;
  let start = -1;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    const cls = code < 0x80 ? (charClasses[code] as CharClass) : classOf(code);
    if (cls === CharClass.Word) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0 && APOSTROPHES.has(code) && i + 1 < length) {
      // An apostrophe inside a word joins it ("model's"); at its edge it separates.
      const next = text.charCodeAt(i + 1);
      if ((next < 0x80 ? charClasses[next] : classOf(next)) === CharClass.Word) continue;
    }
    if (start >= 0) {
      if (visit(start, i, false) === true) return;
      start = -1;
    }
    if (cls === CharClass.Cjk && visit(i, i + 1, true) === true) return;
  }
  if (start >= 0) visit(start, length, false);
}

/** The folded words of a text, in order. */
export function foldedWords(text: string): string[] {
  const words: string[] = [];
  scanWords(text, (start, end) => {
    words.push(foldWord(text.slice(start, end)));
  });
  return words;
}

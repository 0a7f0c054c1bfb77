/*
 * Text for the search index: Markdown turned into plain text, and plain text cut
 * into folded words. The index, the query parser and the snippet highlighter all
 * cut words here, so a word the index holds is a word a query can name and a
 * snippet can mark.
 *
 * A word is a run of letters and digits in any script but CJK, lower-cased, with
 * accents stripped ("Café" → "cafe") and inner apostrophes dropped ("model's" →
 * "models", "can't" → "cant", as slugs do). CJK has no spaces between words, so
 * each Han, kana or Hangul character is a word of its own: a CJK title is then
 * found by any substring of it, read as a phrase of single characters.
 */

import { WIKILINK } from '../content/wikilinks';

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
const COMBINING_MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const HAS_NON_ASCII = /[^\x00-\x7f]/;

/** Lower-case, accent-free form of one word as cut by `scanWords`. */
export function foldWord(raw: string): string {
  // Most words are ASCII letters and digits: fold those without a regular expression.
  let plain = true;
  let lower = true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) continue;
    if (c >= 0x41 && c <= 0x5a) lower = false;
    else {
      plain = false;
      break;
    }
  }
  if (plain) return lower ? raw : raw.toLowerCase();
  let word = raw;
  if (word.includes("'") || word.includes('\u2019') || word.includes('\u02bc')) word = word.replace(/['\u2019\u02bc]/g, '');
  if (HAS_NON_ASCII.test(word)) word = word.normalize('NFKD').replace(COMBINING_MARKS, '').normalize('NFC');
  return word.toLowerCase();
}

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

/*
 * Words too common to find anything by. The body field leaves them out of the
 * index (they are a third of all words, and of the time to index them); the short
 * fields keep them, so a title typed in full still matches word for word.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  ('a an and are as at be been being but by can could did do does doing for from had has have having he her his how i if in into is ' +
    'it its itself just me more most my no nor not of on once only or other our ours out over own same she should so some such than ' +
    'that the their theirs them then there these they this those through to too under until up very was we were what when where ' +
    'which while who whom why will with would you your yours also may might must shall about against between both each few further ' +
    'here off again any all am because before after above below during whether via').split(' '),
);

/** True for a folded word the body index leaves out: a stopword, or a single letter or digit. */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word) || (word.length === 1 && /[a-z0-9]/.test(word));
}

const KEEP_FINAL_S = new Set(['bias', 'alias', 'atlas', 'canvas', 'gas', 'has', 'was', 'yes', 'lens', 'chaos', 'news', 'series', 'species']);
const VOWEL = /[aeiouy]/;
const DOUBLE_END = /([b-df-hj-km-np-rtv-z])\1$/;

/**
 * A light English stemmer: enough that "models" meets "model", "reasoning" meets
 * "reason" and "persuade" meets "persuasion", without Porter's reach (and its
 * surprises). Index and query stem the same way, so a stem need not be a word.
 * Words with digits, CJK and words of three letters or fewer are left alone.
 */
export function stemWord(word: string): string {
  if (word.length <= 3 || /\d/.test(word) || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  // Plurals and third persons.
  if (KEEP_FINAL_S.has(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:[sxz]|ch|sh)es$/.test(w) && KEEP_FINAL_S.has(w.slice(0, -2))) w = w.slice(0, -2);
  else if (/(?:x|z|ch|sh|sses)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  // Past tenses and gerunds, when a syllable is left.
  let cut = '';
  if (w.length > 5 && w.endsWith('ing') && VOWEL.test(w.slice(0, -3))) cut = undouble(w.slice(0, -3));
  else if (w.length > 4 && w.endsWith('ied')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('ed') && !w.endsWith('eed') && VOWEL.test(w.slice(0, -2))) cut = undouble(w.slice(0, -2));
  if (cut) {
    // A short stem lost its "e" (saving → save, used → use), as the base form keeps it.
    if (cut.length <= 3) return `${cut}e`;
    w = cut;
  }
  // A few derivations that readers treat as one word.
  if (w.length > 6 && /[aeiou]si(?:on|ve)$/.test(w)) w = `${w.slice(0, -4)}d`; // persuasion, persuasive → persuad
  else if (w.length > 7 && /iz(?:ation|e|ing)$/.test(w)) w = w.slice(0, w.lastIndexOf('iz') + 2); // optimization → optimiz
  else if (w.length > 6 && /at(?:ion|ive)$/.test(w)) w = w.slice(0, -3); // generation, generative → generat
  else if (w.length > 6 && /[^s]ti(?:on|ve)$/.test(w)) w = w.slice(0, -3); // prediction, predictive → predict
  else if (w.length > 6 && w.endsWith('ancy')) w = `${w.slice(0, -2)}t`; // sycophancy → sycophant
  else if (w.length > 7 && w.endsWith('antic')) w = w.slice(0, -2); // sycophantic → sycophant
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1); // generate → generat, persuade → persuad
  return w;
}

function undouble(w: string): string {
  return DOUBLE_END.test(w) && !/(?:ll|ss|zz)$/.test(w) ? w.slice(0, -1) : w;
}

const FENCE_LINE = /^[ \t]{0,3}(?:`{3,}|~{3,}).*$/gm;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const HTML_TAG = /<\/?[A-Za-z][^<>\n]*>/g;
const IMAGE = /!\[([^\]\n]*)\]\([^)\n]*\)/g;
const LINK = /\[([^\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)/g;
const REF_LINK = /\[([^\]\n]+)\]\[[^\]\n]*\]/g;
const LINK_DEFINITION = /^[ \t]{0,3}\[[^\]\n]+\]:[ \t]+\S.*$/gm;
const HEADING = /^[ \t]{0,3}#{1,6}[ \t]+/gm;
const BLOCKQUOTE = /^[ \t]{0,3}(?:>[ \t]?)+/gm;
const LIST_MARKER = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/gm;
const TABLE_RULE = /^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/gm;
const THEMATIC_BREAK = /^[ \t]{0,3}(?:[-*_][ \t]*){3,}$/gm;
const EMPHASIS = /(\*{1,3}|~~|`+)|(?<![\p{L}\p{N}])_{1,3}|_{1,3}(?![\p{L}\p{N}])/gu;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** What a wikilink shows: its text after `|`, else its target without the heading. */
function wikilinkText(_match: string, _embed: string, inner: string): string {
  const bar = inner.indexOf('|');
  if (bar >= 0) return inner.slice(bar + 1).trim() || inner.slice(0, bar).split('#')[0]!.trim();
  return inner.split('#')[0]!.trim();
}

/**
 * Markdown as a reader reads it, on one line: the text of links and wikilinks
 * (`[[a|b]]` → "b", `[[a]]` → "a"), no URLs, tags, heading marks, list markers or
 * emphasis. Snippets are cut from this text, so it never holds markup.
 */
export function toPlainText(markdown: string): string {
  let text = toIndexText(markdown)
    .replace(LINK_DEFINITION, ' ')
    .replace(HEADING, '')
    .replace(BLOCKQUOTE, '')
    .replace(TABLE_RULE, ' ')
    .replace(THEMATIC_BREAK, ' ')
    .replace(LIST_MARKER, '')
    .replace(EMPHASIS, '');
  if (text.includes('|')) text = text.replace(/[ \t]*\|[ \t]*/g, ' ');
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The same words as `toPlainText`, made faster for indexing the whole corpus:
 * only the rules that change which words a text holds (link targets and URLs,
 * HTML tags and entities, code fence lines) run; marks that `scanWords` skips
 * anyway (`#`, `*`, `>`) stay.
 */
export function toIndexText(markdown: string): string {
  let text = markdown;
  if (text.includes('```') || text.includes('~~~')) text = text.replace(FENCE_LINE, ' ');
  if (text.includes('<')) text = text.replace(HTML_COMMENT, ' ').replace(HTML_TAG, ' ');
  if (text.includes('&')) text = text.replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_m, name: string) => ENTITIES[name] ?? ' ');
  if (text.includes('[[')) text = text.replace(WIKILINK, wikilinkText);
  if (text.includes('](')) text = text.replace(IMAGE, '$1').replace(LINK, '$1');
  if (text.includes('][')) text = text.replace(REF_LINK, '$1');
  return text;
}

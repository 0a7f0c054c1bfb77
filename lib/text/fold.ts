/*
 * Folding: the form two spellings must share to count as one word. Lower case,
 * accents stripped ("Café" → "cafe"), inner apostrophes dropped ("model's" →
 * "models", "can't" → "cant", as slugs do), and the HTML entities Markdown
 * authors type decoded ("&amp;" → "&").
 */

/** Combining marks left by NFKD: accents, and the rarer diacritic blocks. */
const COMBINING_MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const HAS_NON_ASCII = /[^\x00-\x7f]/;

/** Text without its accents, composed again: "Zürich" → "Zurich", "naïve" → "naive". */
export function stripDiacritics(text: string): string {
  return HAS_NON_ASCII.test(text) ? text.normalize('NFKD').replace(COMBINING_MARKS, '').normalize('NFC') : text;
}

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
  return stripDiacritics(word).toLowerCase();
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const ENTITY = /&(amp|lt|gt|quot|apos|nbsp);/g;

/**
 * The named entities authors type in Markdown, decoded ("&amp;" → "&"). Only these:
 * a reader of the rendered page sees the character, so the plain text holds it too.
 */
export function decodeEntities(text: string): string {
  return text.includes('&') ? text.replace(ENTITY, (_m, name: string) => ENTITIES[name] ?? ' ') : text;
}

import { stripDiacritics } from '../text/fold';
import { routeOf } from './kinds';
import type { NodeId, NodeKind, Slug } from './types';

/** The longest slug the corpus site uses. */
export const MAX_SLUG_LENGTH = 80;

// Hyphen-separated lower-case ASCII words. A dot is allowed between two digits
// only, so that arXiv ids (2411.15287) are segments too.
const SLUG_PATTERN = /^[a-z0-9]+(?:(?:-|(?<=\d)\.(?=\d))[a-z0-9]+)*$/;

/** True when `value` is a well-formed slug. */
export function isSlug(value: string): value is Slug {
  return value.length <= MAX_SLUG_LENGTH && SLUG_PATTERN.test(value);
}

/**
 * Folds text to lower-case ASCII words: accents are stripped ("Café" → "cafe"),
 * apostrophes dropped ("can't" → "cant"), and other punctuation either separates
 * words (spaces, dashes, slashes, underscores) or is dropped ("3.5" → "35").
 * Returns the words; letters outside Latin script leave nothing behind.
 */
export function foldWords(text: string): string[] {
  return stripDiacritics(text)
    .toLowerCase()
    .replace(/[\s\-_/\u2010-\u2015\u2212]+/g, ' ')
    .replace(/[^a-z0-9 ]+/g, '')
    .split(' ')
    .filter(Boolean);
}

/**
 * The slug of a title, as the corpus site makes it: words joined by single hyphens,
 * cut at 80 characters without a trailing hyphen. Empty when the text has no
 * ASCII letters or digits (an emoji or CJK title); callers choose a fallback.
 */
export function toSlug(text: string): Slug | '' {
  const joined = foldWords(text).join('-');
  const cut = joined.slice(0, MAX_SLUG_LENGTH).replace(/-+$/, '');
  return cut as Slug | '';
}

/**
 * The key two names must share to refer to the same node: case, punctuation and
 * accents ignored, so "[[can better reasoning training…]]" finds "Can better…?".
 * A slug and the title it came from share a key (unless the slug was cut).
 */
export function toLookupKey(text: string): string {
  return asciiLookupKey(text) ?? foldWords(text).join(' ');
}

/** Character codes of a key being folded, reused from call to call (keys are made one at a time). */
let codes = new Uint16Array(256);

/**
 * `foldWords(text).join(' ')` in one pass for printable ASCII text, the common case:
 * the graph build folds every title, alias and citation, and three regular-expression
 * passes per name were a tenth of it at 50,000 documents. Undefined for any other
 * character, which takes the full path (accents need Unicode normalisation).
 *
 * The key is made from its character codes in one go. Appending a character at a time
 * (`key += c`) made each key a chain of one rope node per character, which the names
 * map kept alive: 250 MB of the heap at 52,000 documents.
 */
function asciiLookupKey(text: string): string | undefined {
  if (codes.length < text.length) codes = new Uint16Array(text.length * 2);
  let length = 0;
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c > 126) return undefined;
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (pendingSpace && length > 0) codes[length++] = 32;
      pendingSpace = false;
      codes[length++] = c;
    } else if (c === 32 || c === 45 || c === 95 || c === 47 || (c >= 9 && c <= 13)) {
      // What foldWords reads as a word break: white space, hyphen, underscore, slash.
      pendingSpace = true;
    }
  }
  return fromCodes(codes, length);
}

/** The string of the first `length` codes, made in pieces small enough for an argument list. */
function fromCodes(source: Uint16Array, length: number): string {
  const PIECE = 8192;
  if (length <= PIECE) return String.fromCharCode.apply(null, source.subarray(0, length) as unknown as number[]);
  const pieces: string[] = [];
  for (let at = 0; at < length; at += PIECE) pieces.push(String.fromCharCode.apply(null, source.subarray(at, Math.min(length, at + PIECE)) as unknown as number[]));
  return pieces.join('');
}

/** A short, stable hash of a string, for slugs of titles with no ASCII words. */
export function hashSlug(text: string): Slug {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `u-${(h >>> 0).toString(16).padStart(8, '0')}` as Slug;
}

/** The canonical URL path of a node, which is also its id. */
export function nodeUrl(kind: NodeKind, slug: Slug): NodeId {
  return `/${routeOf(kind)}/${slug}/` as NodeId;
}

const ARXIV_ID = /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/;

/** True for arXiv identifiers, new style (2411.15287) or old (cs/0112017). */
export function isArxivId(value: string): boolean {
  return ARXIV_ID.test(value);
}

/**
 * The slug a paper's URL uses: its arXiv id when it has one (old-style ids have
 * their slash turned into a hyphen), else `x-` and the slug of its title.
 */
export function paperSlug(arxivId: string | undefined, title: string): Slug | '' {
  if (arxivId && isArxivId(arxivId)) {
    return arxivId.toLowerCase().replace('/', '-') as Slug;
  }
  const fromTitle = toSlug(title);
  return fromTitle ? (toSlug(`x ${fromTitle}`) as Slug) : '';
}

/** The slug of a tag's page. */
export function tagSlug(name: string): Slug {
  return toSlug(name) || hashSlug(name);
}

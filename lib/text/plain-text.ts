import { parseWikilinkInner, WIKILINK } from './wikilink';
import { decodeEntities } from './fold';

/*
 * Markdown as a reader reads it. One converter for every place that needs plain
 * text: search snippets and the words it indexes, similarity's terms, page
 * descriptions, share cards and preview cards. Regular expressions, not a Markdown
 * parse: the indexer runs it over every body of the corpus.
 */

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

/** What a wikilink (or an embed, `![[…]]`) shows: its text after `|`, else its target without the heading. */
function wikilinkText(_match: string, _embed: string, inner: string): string {
  const { target, text } = parseWikilinkInner(inner);
  return text ?? target;
}

/**
 * Markdown as a reader reads it, on one line: the text of links and wikilinks
 * (`[[a|b]]` → "b", `[[a]]` and `![[a]]` → "a"), entities decoded, no URLs, tags,
 * heading marks, list markers or emphasis. Code keeps its text, without its fences.
 * Snippets are cut from this text, so it never holds markup.
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
  text = decodeEntities(text);
  if (text.includes('[[')) text = text.replace(WIKILINK, wikilinkText);
  if (text.includes('](')) text = text.replace(IMAGE, '$1').replace(LINK, '$1');
  if (text.includes('][')) text = text.replace(REF_LINK, '$1');
  return text;
}

/**
 * At most `max` characters of `text`, cut between words with an ellipsis when cut:
 * descriptions and cards show the opening of a text, never half a word.
 */
export function clipText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…` : text;
}

/** The plain text of a Markdown body's opening, at most `max` characters: page descriptions and cards. */
export function plainTextLead(markdown: string, max = 200): string {
  return clipText(toPlainText(markdown), max);
}

/**
 * The one wikilink pattern: `[[target]]`, `[[target|text]]`, `[[target#heading]]`,
 * `[[target#^block]]`, and Obsidian's embeds `![[…]]`. Group 1 is `!` for an embed
 * (else empty), group 2 the inside. Global: use it with `matchAll` or `replace`,
 * which never share its `lastIndex`.
 */
export const WIKILINK = /(!?)\[\[([^[\]\n]+?)\]\]/g;

/** What the inside of `[[…]]` says: where it points, what it shows, and which part. */
export interface WikilinkParts {
  /** The document named: a path, file name, title or alias. */
  readonly target: string;
  /** The text after `|`. */
  readonly text?: string;
  /** The heading after `#`, when it is not a block reference. */
  readonly heading?: string;
  /** The block id after `#^`. */
  readonly block?: string;
}

/** Splits the inside of `[[…]]` into what it points at and what it shows. */
export function parseWikilinkInner(inner: string): WikilinkParts {
  const bar = inner.indexOf('|');
  const rawTarget = (bar === -1 ? inner : inner.slice(0, bar)).trim();
  const text = bar === -1 ? undefined : inner.slice(bar + 1).trim() || undefined;
  const hash = rawTarget.indexOf('#');
  const target = (hash === -1 ? rawTarget : rawTarget.slice(0, hash)).trim();
  const part = hash === -1 ? undefined : rawTarget.slice(hash + 1).trim() || undefined;
  const block = part?.startsWith('^') ? part.slice(1).trim() || undefined : undefined;
  const heading = part && !part.startsWith('^') ? part : undefined;
  return { target, ...(text ? { text } : {}), ...(heading ? { heading } : {}), ...(block ? { block } : {}) };
}

/** The anchor rehype-slug gives a heading, close enough for `[[Note#Heading]]` links. */
export function headingAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** What a wikilink reads as in running text: its text, else its target (and heading). */
export function wikilinkLabel(parts: WikilinkParts): string {
  if (parts.text) return parts.text;
  if (parts.heading) return parts.target ? `${parts.target} › ${parts.heading}` : parts.heading;
  return parts.target;
}

/** Text with every wikilink replaced by the words it shows: a title written with a link reads as its words. */
export function wikilinksAsText(text: string): string {
  return text.includes('[[') ? text.replace(WIKILINK, (_m, _bang: string, inner: string) => wikilinkLabel(parseWikilinkInner(inner))) : text;
}

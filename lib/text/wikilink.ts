/**
 * Matches `[[target]]`, `[[target|text]]` and Obsidian's embeds `![[target]]`: group 1
 * is the `!` of an embed, group 2 the inside. The one wikilink pattern: the graph's link
 * extraction (lib/content/wikilinks.ts), rendering and plain text all read links with it.
 * Global: use it with `matchAll` or `replace` only.
 */
export const WIKILINK = /(!?)\[\[([^[\]\n]+?)\]\]/g;

/** Splits the inside of `[[…]]` into what it points at and what it shows. */
export function parseWikilinkInner(inner: string): { target: string; text?: string; heading?: string } {
  const bar = inner.indexOf('|');
  const rawTarget = (bar === -1 ? inner : inner.slice(0, bar)).trim();
  const text = bar === -1 ? undefined : inner.slice(bar + 1).trim() || undefined;
  const hash = rawTarget.indexOf('#');
  const target = (hash === -1 ? rawTarget : rawTarget.slice(0, hash)).trim();
  const heading = hash === -1 ? undefined : rawTarget.slice(hash + 1).trim() || undefined;
  return { target, ...(text ? { text } : {}), ...(heading ? { heading } : {}) };
}

import type { Wikilink } from '../domain/types';
import { parseWikilinkInner, WIKILINK } from '../text/wikilink';

export { parseWikilinkInner, WIKILINK };

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const INLINE_CODE = /(`+)[^`\n]*?\1/g;
/** Embeds of files that are not documents (images, PDFs…) are not links between nodes. */
const NON_DOCUMENT_EMBED = /\.(?!md$)[a-z0-9]{2,5}$/i;

/**
 * Every wikilink of a Markdown body, in order, with its line. Links inside code
 * (fenced blocks and inline spans) are text, not links, as in the rendered page.
 * A plain scan rather than a full Markdown parse: the graph build calls this for
 * every file of the corpus, and it must stay linear and cheap.
 */
export function extractWikilinks(markdown: string, firstLine = 1): Wikilink[] {
  const links: Wikilink[] = [];
  let fence: string | undefined;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch?.[1]) {
      const marker = fenceMatch[1];
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence !== undefined || !line.includes('[[')) continue;
    const visible = line.replace(INLINE_CODE, (m) => ' '.repeat(m.length));
    for (const match of visible.matchAll(WIKILINK)) {
      const { target, text } = parseWikilinkInner(match[2] ?? '');
      if (!target) continue;
      if (match[1] === '!' && NON_DOCUMENT_EMBED.test(target)) continue;
      links.push({ target, ...(text ? { text } : {}), line: firstLine + i });
    }
  }
  return links;
}

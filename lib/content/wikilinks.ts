import type { Wikilink } from '../domain/types';
import { headingAnchor, parseWikilinkInner, WIKILINK, wikilinkLabel, wikilinksAsText, type WikilinkParts } from '../text/wikilink';

// The pattern and the reading of a link's inside are text (lib/text/wikilink.ts); what this
// module adds is where links are in a body: not in code, math or comments.
export { headingAnchor, parseWikilinkInner, WIKILINK, wikilinkLabel, wikilinksAsText, type WikilinkParts };

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
/** A line that opens or closes a block of display math (remark-math's `$$` fence). */
const MATH_FENCE = /^\s{0,3}\${2,}/;
/**
 * Inline code and inline math, as remark-math and CommonMark pair them: a run of
 * backticks (or dollars) closed by a run of the same length on the same line. An
 * escaped `\$` opens nothing.
 */
const INLINE_CODE_OR_MATH = /(?<!`)(`+)[^\n]*?(?<!`)\1(?!`)|(?<![\\$])(\$+)(?:[^$\n\\]|\\.)+?(?<![\\$])\2(?!\$)/g;
/** Embeds of files that are not documents (images, PDFs…) are not links between nodes. */
const NON_DOCUMENT_EMBED = /\.(?!md$)[a-z0-9]{2,5}$/i;

/** The text with every character but line breaks turned into spaces: same length, same lines. */
function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

/**
 * The Markdown with code and math blanked out (same length, same lines), so that a
 * plain scan finds only what a reader sees as text: fenced code, `$$` blocks, inline
 * code and inline `$…$` math. Links, tags and comments are looked for in this.
 */
export function maskCodeAndMath(markdown: string): string {
  if (!/[`~$]/.test(markdown)) return markdown;
  const lines = markdown.split('\n');
  let fence: string | undefined;
  let math = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fenceMatch = math ? null : FENCE.exec(line);
    if (fenceMatch?.[1]) {
      const marker = fenceMatch[1];
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      lines[i] = blank(line);
      continue;
    }
    if (fence !== undefined) {
      lines[i] = blank(line);
      continue;
    }
    if (math || (MATH_FENCE.test(line) && countDollarRuns(line) === 1)) {
      // A line starting with `$$` that does not close on itself opens a block; the
      // next line holding `$$` closes it.
      if (line.includes('$$')) math = !math;
      lines[i] = blank(line);
      continue;
    }
    if (line.includes('`') || line.includes('$')) lines[i] = line.replace(INLINE_CODE_OR_MATH, blank);
  }
  return lines.join('\n');
}

/** How many `$$` runs a line holds. */
function countDollarRuns(line: string): number {
  return line.match(/\${2,}/g)?.length ?? 0;
}

export interface StrippedComments {
  /** The Markdown without its comments, line breaks kept. */
  readonly text: string;
  /** The 0-based line of a comment opened and never closed, which hides the rest of the file. */
  readonly unclosedLine?: number;
}

/**
 * The Markdown without its comments, `%% … %%` and `<!-- … -->`, outside code: what
 * the author wrote for themselves is not on the page, in the graph, in search or in
 * `check`. Line breaks inside a comment are kept, so every later line keeps its
 * number. A comment never closed runs to the end, as in Obsidian.
 */
export function stripComments(markdown: string): StrippedComments {
  if (!markdown.includes('%%') && !markdown.includes('<!--')) return { text: markdown };
  const masked = maskCodeAndMath(markdown);
  let text = '';
  let last = 0;
  let unclosedAt: number | undefined;
  // Comments as Obsidian writes them (`%% … %%`) and as HTML does (`<!-- … -->`).
  const opener = /%%|<!--/g;
  for (let open = opener.exec(masked); open; open = opener.exec(masked)) {
    const closer = open[0] === '%%' ? '%%' : '-->';
    const end = masked.indexOf(closer, open.index + open[0].length);
    if (end === -1) unclosedAt = open.index;
    const stop = end === -1 ? masked.length : end + closer.length;
    text += markdown.slice(last, open.index) + markdown.slice(open.index, stop).replace(/[^\n]/g, '');
    last = stop;
    opener.lastIndex = stop;
  }
  text += markdown.slice(last);
  if (unclosedAt === undefined) return { text };
  return { text, unclosedLine: markdown.slice(0, unclosedAt).split('\n').length - 1 };
}

/**
 * Every wikilink of a Markdown body, in order, with its line. Links inside code and
 * math are text, not links, as in the rendered page; comments are already gone
 * (`stripComments`). A plain scan rather than a full Markdown parse: the graph build
 * calls this for every file of the corpus, and it must stay linear and cheap.
 */
export function extractWikilinks(markdown: string, firstLine = 1): Wikilink[] {
  const links: Wikilink[] = [];
  if (!markdown.includes('[[')) return links;
  const lines = maskCodeAndMath(markdown).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.includes('[[')) continue;
    for (const match of line.matchAll(WIKILINK)) {
      const { target, text } = parseWikilinkInner(match[2] ?? '');
      if (!target) continue;
      if (match[1] === '!' && NON_DOCUMENT_EMBED.test(target)) continue;
      links.push({ target, ...(text ? { text } : {}), line: firstLine + i });
    }
  }
  return links;
}

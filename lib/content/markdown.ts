import type { Element, Root as HastRoot } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import type { Link, PhrasingContent, Root as MdastRoot, Text } from 'mdast';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Plugin } from 'unified';
import { EXIT, visit, SKIP } from 'unist-util-visit';
import type { NodeKind } from '../domain/types';
import { parseWikilinkInner } from './wikilinks';

/** Where a wikilink leads, as the graph knows it. */
export interface LinkTarget {
  readonly url: string;
  readonly kind: NodeKind;
  readonly title: string;
  readonly stub: boolean;
}

export interface WikilinkOptions {
  /** Finds the node a wikilink target names; undefined when it names none or several. */
  readonly resolve: (target: string) => LinkTarget | undefined;
}

const WIKILINK = /\[\[([^[\]\n]+?)\]\]/g;

/** The anchor rehype-slug gives a heading, close enough for `[[Note#Heading]]` links. */
function headingAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/**
 * remark plugin: turns `[[target|text]]` in text into links to the nodes they name,
 * marked with their kind (and as stubs when the document is not in the collection),
 * so pages style them like every other link to that kind. Code is left alone:
 * code and inline code are not text nodes.
 */
export const remarkWikilinks: Plugin<[WikilinkOptions], MdastRoot> = (options) => (tree) => {
  visit(tree, 'text', (node: Text, index, parent) => {
    if (!parent || index === undefined || parent.type === 'link' || !node.value.includes('[[')) return;
    const parts: PhrasingContent[] = [];
    let last = 0;
    for (const match of node.value.matchAll(WIKILINK)) {
      const at = match.index ?? 0;
      if (at > last) parts.push({ type: 'text', value: node.value.slice(last, at) });
      const { target, text, heading } = parseWikilinkInner(match[1] ?? '');
      const found = options.resolve(target);
      const shown = text ?? (heading ? `${target} › ${heading}` : target);
      if (found) {
        const link: Link = {
          type: 'link',
          url: heading ? `${found.url}#${headingAnchor(heading)}` : found.url,
          children: [{ type: 'text', value: shown }],
          data: {
            hProperties: {
              className: found.stub ? ['wikilink', `kind-${found.kind}`, 'stub'] : ['wikilink', `kind-${found.kind}`],
              dataKind: found.kind,
              ...(found.stub ? { title: `${found.title} (not in the collection)` } : {}),
            },
          },
        };
        parts.push(link);
      } else {
        // Ambiguous or unknown: keep the words, visibly unlinked; `trellis check` says why.
        parts.push({ type: 'text', value: shown });
      }
      last = at + match[0].length;
    }
    if (last === 0) return;
    if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
    parent.children.splice(index, 1, ...parts);
    return [SKIP, index + parts.length];
  });
};

/**
 * What raw HTML may keep: GitHub's sanitisation schema (no script, style, iframe,
 * event handlers or `javascript:` URLs), plus the classes and data attributes our
 * own wikilinks and heading anchors carry.
 */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    // GitHub's schema allows only one class value on links; ours need their own.
    a: [...(defaultSchema.attributes?.a ?? []).filter((a) => !(Array.isArray(a) && a[0] === 'className')), 'className', 'dataKind', 'title'],
  },
};

/** Whether a URL leads to another site: it names a scheme, or starts with `//` (or `\\`, which browsers read the same way). */
function isRemote(url: string): boolean {
  return /^\s*(?:[a-z][a-z\d+.-]*:|[\\/]{2})/i.test(url);
}

/**
 * rehype plugin: media from other sites become links to them. The site's CSP loads
 * images from itself only, so a remote image would show broken, and a page that asks
 * for it tells the other site who reads what. A reader sees a link named by the
 * image's alt text instead. Runs after sanitising, so every URL here is already
 * http(s) or relative.
 */
export const rehypeLocalMedia: Plugin<[], HastRoot> = () => (tree) => {
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName === 'source') {
      const candidates = String(node.properties.srcSet ?? '').split(',');
      if (candidates.some((c) => isRemote(c))) delete node.properties.srcSet;
      return;
    }
    const src = node.properties.src;
    if (node.tagName !== 'img' || typeof src !== 'string' || !isRemote(src) || !parent || index === undefined) return;
    const alt = typeof node.properties.alt === 'string' && node.properties.alt.trim() ? node.properties.alt : src;
    const text = { type: 'text' as const, value: alt };
    // A link inside a link is not HTML; inside one, the words are enough.
    const insideLink = parent.type === 'element' && parent.tagName === 'a';
    parent.children[index] = insideLink ? text : { type: 'element', tagName: 'a', properties: { href: src, className: ['remote-image'] }, children: [text] };
    return SKIP;
  });
};

export interface Heading {
  readonly depth: number;
  readonly id: string;
  readonly text: string;
}

export interface RenderedMarkdown {
  /** Sanitised HTML, safe to set as inner HTML. */
  readonly html: string;
  /** Headings of level 2 and 3, for a table of contents. */
  readonly headings: readonly Heading[];
}

/** rehype plugin: collects headings (after rehype-slug has given them ids). */
const rehypeCollectHeadings: Plugin<[{ into: Heading[] }], HastRoot> = ({ into }) => (tree) => {
  visit(tree, 'element', (node: Element) => {
    const depth = /^h([23])$/.exec(node.tagName)?.[1];
    const id = node.properties?.id;
    if (depth && typeof id === 'string') into.push({ depth: Number(depth), id, text: hastToString(node).trim() });
  });
};

/*
 * micromark parses some Markdown in quadratic time: a paragraph's inline text (a
 * 1 MB paragraph takes over a minute), long runs of emphasis or bracket characters
 * (20 KB of `*` takes 16 s) and deeply nested block quotes. Rendering blocks the
 * server while it runs, so `limitParsingWork` rewrites the few inputs that would,
 * before they are parsed. Notes never come near these limits (the longest block in
 * the seeds and the rpa2 sample is about 6,000 characters); a broken export or a
 * hostile file does, and is shown with extra paragraph breaks or literal characters.
 */

/** The longest paragraph parsed in one piece. */
export const MAX_PARAGRAPH_LENGTH = 20_000;
/** The longest run of one emphasis or bracket character read as Markdown syntax. */
export const MAX_DELIMITER_RUN = 32;
/** The deepest block quote; deeper `>` are text. */
export const MAX_QUOTE_DEPTH = 32;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** Lines that start a block of their own rather than continue a paragraph. */
const BLOCK_START = /^ {0,3}(?:#{1,6}(?:\s|$)|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|\||<|=+\s*$|-+\s*$)|^(?: {4}|\t)/;
const QUOTE_PREFIX = /^(?: {0,3}>[ \t]?)+/;
const QUOTE_MARKER = /^ {0,3}>[ \t]?/;
const INDENTED_CODE = /^(?: {4}|\t)/;
const THEMATIC_BREAK = /^ {0,3}([*_-])(?:[ \t]*\1){2,}[ \t]*$/;
const INLINE_CODE = /(`+)[^`]*?\1/g;
const LONG_RUN = new RegExp(`([*_\\[\\]])\\1{${MAX_DELIMITER_RUN},}`, 'g');
const DEEP_QUOTE = new RegExp(`^(?: {0,3}>[ \\t]?){${MAX_QUOTE_DEPTH + 1}}`, 'm');

/**
 * A line with each run of more than MAX_DELIMITER_RUN `*`, `_`, `[` or `]` put in a
 * code span, where it is text (shown as written) and costs micromark nothing. The
 * span's fence is longer than any backtick run in the document, so it pairs with
 * nothing else; existing code spans are left alone.
 */
function codeLongRuns(line: string, fence: string): string {
  if (THEMATIC_BREAK.test(line) || INDENTED_CODE.test(line)) return line;
  let out = '';
  let last = 0;
  const wrap = (text: string) => text.replace(LONG_RUN, (run) => ` ${fence} ${run} ${fence} `);
  for (const code of line.matchAll(INLINE_CODE)) {
    out += wrap(line.slice(last, code.index)) + code[0];
    last = code.index + code[0].length;
  }
  return out + wrap(line.slice(last));
}

/** A block quote prefix with its markers past MAX_QUOTE_DEPTH turned into text. */
function capQuoteDepth(prefix: string): string {
  let kept = '';
  let rest = prefix;
  for (let depth = 0; depth < MAX_QUOTE_DEPTH; depth++) {
    const marker = QUOTE_MARKER.exec(rest)?.[0];
    if (!marker) break;
    kept += marker;
    rest = rest.slice(marker.length);
  }
  return kept + rest.replace(/>/g, '&gt;');
}

/** A piece of a cut line, escaped where its first characters would start a block (a list, a heading…) rather than continue the text. */
function asParagraphStart(piece: string): string {
  if (!BLOCK_START.test(piece) && !THEMATIC_BREAK.test(piece) && !/^(?:>|`{3}|~{3})/.test(piece)) return piece;
  const ordered = /^(\d{1,9})([.)])/.exec(piece);
  // Every other block start begins with ASCII punctuation, which a backslash makes text.
  return ordered ? `${ordered[1]}\\${piece.slice(ordered[1]?.length ?? 0)}` : `\\${piece}`;
}

/** `line` cut at spaces into pieces of at most `max` characters (anywhere, when a piece has no space). */
function cutLine(line: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > max) {
    let at = rest.lastIndexOf(' ', max);
    if (at <= 0) at = max;
    // Never split a surrogate pair.
    if (/[\uD800-\uDBFF]/.test(rest.charAt(at - 1))) at--;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^ +/, '');
  }
  pieces.push(rest);
  return pieces;
}

/**
 * Markdown rewritten so that micromark parses it in about linear time: paragraphs
 * longer than `MAX_PARAGRAPH_LENGTH` are cut into paragraphs at most that long (at a
 * line break or a space), runs of more than `MAX_DELIMITER_RUN` emphasis or bracket
 * characters become code spans (shown as written), and block quotes
 * deeper than `MAX_QUOTE_DEPTH` stop nesting. Fenced code is left as it is, and
 * Markdown that needs none of this is returned unchanged.
 */
export function limitParsingWork(markdown: string): string {
  const long = markdown.length > MAX_PARAGRAPH_LENGTH;
  LONG_RUN.lastIndex = 0;
  if (!long && !LONG_RUN.test(markdown) && !DEEP_QUOTE.test(markdown)) return markdown;
  const out: string[] = [];
  let longestTicks = 0;
  for (const ticks of markdown.match(/`+/g) ?? []) longestTicks = Math.max(longestTicks, ticks.length);
  const spanFence = '`'.repeat(longestTicks + 1);
  let fence: string | undefined;
  let run = 0;
  for (const line of markdown.split('\n')) {
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch?.[1]) {
      const marker = fenceMatch[1];
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      out.push(line);
      run = 0;
      continue;
    }
    if (fence !== undefined) {
      out.push(line);
      continue;
    }
    const matched = QUOTE_PREFIX.exec(line)?.[0] ?? '';
    const prefix = capQuoteDepth(matched);
    const text = line.slice(matched.length);
    if (text.trim() === '') {
      out.push(prefix + text);
      run = 0;
      continue;
    }
    // A blank line inside a block quote keeps the quote: it is the quote's own markers.
    const breakLine = prefix.trimEnd();
    const startsBlock = BLOCK_START.test(text);
    if (startsBlock) run = 0;
    else if (run > 0 && run + text.length > MAX_PARAGRAPH_LENGTH) {
      out.push(breakLine);
      run = 0;
    }
    if (text.length <= MAX_PARAGRAPH_LENGTH) {
      out.push(prefix + codeLongRuns(text, spanFence));
      run += text.length;
      continue;
    }
    // Cut first, then put runs in code spans, so that no cut falls inside a span.
    const pieces = cutLine(text, MAX_PARAGRAPH_LENGTH);
    pieces.forEach((piece, i) => {
      if (i === 0) out.push(prefix + codeLongRuns(piece, spanFence));
      else out.push(breakLine, (prefix ? prefix.replace(/[ \t]*$/, ' ') : '') + codeLongRuns(asParagraphStart(piece), spanFence));
    });
    run = pieces.at(-1)?.length ?? 0;
  }
  return out.join('\n');
}

/** Text as HTML paragraphs, every character escaped: the page of a body the Markdown pipeline could not render. */
function renderAsText(markdown: string): string {
  const escaped = markdown.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const paragraphs = escaped.split(/\n[ \t]*\n/).filter((p) => p.trim() !== '');
  return [
    '<p class="render-error">This text could not be rendered as Markdown; it is shown as written.</p>',
    ...paragraphs.map((p) => `<p class="as-written">${p}</p>`),
  ].join('\n');
}

/**
 * Markdown to safe HTML: GFM, wikilinks resolved to node URLs, raw HTML sanitised,
 * heading ids with anchor links. Pure; pages cache the result per node.
 */
export function renderMarkdown(markdown: string, options: WikilinkOptions): RenderedMarkdown {
  try {
    return renderMarkdownUnsafely(markdown, options);
  } catch (error) {
    // Structures nested thousands deep overflow the stack somewhere in the pipeline
    // (V8 throws a RangeError); the page still shows the text, escaped, rather than
    // failing. Any other error is a bug, and is not hidden.
    if (!(error instanceof RangeError)) throw error;
    return { html: renderAsText(markdown), headings: [] };
  }
}

/**
 * rehype-raw, run only on a tree that holds raw HTML: re-parsing a whole page through
 * parse5 for none was a third of a paper's render, and most summaries have none.
 */
const rehypeRawWhenNeeded: Plugin<[], HastRoot> = () => {
  const parseRaw = rehypeRaw();
  return (tree, file) => {
    let raw = false;
    visit(tree, 'raw', () => {
      raw = true;
      return EXIT;
    });
    return raw ? (parseRaw(tree, file) as HastRoot) : tree;
  };
};

function renderMarkdownUnsafely(markdown: string, options: WikilinkOptions): RenderedMarkdown {
  const headings: Heading[] = [];
  const html = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkWikilinks, options)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRawWhenNeeded)
    .use(rehypeSanitize, sanitizeSchema)
    .use(rehypeLocalMedia)
    .use(rehypeSlug)
    .use(rehypeCollectHeadings, { into: headings })
    .use(rehypeAutolinkHeadings, {
      behavior: 'append',
      properties: { className: ['heading-anchor'], ariaLabel: 'Link to this section' },
      content: { type: 'text', value: '#' },
    })
    .use(rehypeStringify)
    .processSync(limitParsingWork(markdown))
    .toString();
  return { html, headings };
}

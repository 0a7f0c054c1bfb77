import type { Element, Root as HastRoot } from 'hast';
import type { Image, Paragraph, PhrasingContent, Root as MdastRoot, RootContent } from 'mdast';
import type { Plugin } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import { toLookupKey } from '../domain/slug';
import { contentRelativePath, IMAGE_EXTENSION, mediaUrl } from './media';
import { headingAnchor, maskCodeAndMath, parseWikilinkInner, wikilinkLabel, type WikilinkParts } from './wikilinks';

/*
 * Obsidian's embeds and block references. `![[note]]`, `![[note#heading]]` and
 * `![[note#^block]]` alone in a paragraph show that note, section or block in place,
 * under a link to where it comes from; `![[image.png]]` and `![](relative.png)` show
 * images from the content folder; a paragraph ending in `^id` gets the anchor `#^id`.
 */

/** How deep embeds may nest: a note embedding a note embedding a note, and no further. */
export const MAX_EMBED_DEPTH = 3;

/** A note an embed can show. */
export interface EmbedSource {
  readonly url: string;
  readonly title: string;
  /** Its Markdown body (comments already removed); undefined when it has none. */
  readonly markdown: string | undefined;
}

export interface EmbedOptions {
  /** The note an embed names, with its body; undefined when it names none, several, or a stub. */
  readonly find: (target: string) => EmbedSource | undefined;
  /** The embedded Markdown as a tree, with embeds inside it resolved one level deeper. */
  readonly parse: (markdown: string, chain: readonly string[]) => MdastRoot;
  /** URLs of the notes being shown, outermost first (the page's own first): an embed of one of them is cut. */
  readonly chain: readonly string[];
  /** The folder, inside the content folder, of the file being rendered: relative image paths start there. */
  readonly folder: string;
}

const EMBED_ALONE = /^!\[\[([^[\]\n]+?)\]\]$/;
const HEADING_LINE = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;
const BLOCK_ID = /(?:^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$/;

/** The lines of the section under `heading`: from it to the next heading of its level or above. */
function sectionUnder(lines: readonly string[], masked: readonly string[], heading: string): string | undefined {
  const wanted = toLookupKey(heading);
  const start = masked.findIndex((line) => {
    const match = HEADING_LINE.exec(line);
    return match !== null && toLookupKey(match[2] ?? '') === wanted;
  });
  if (start === -1) return undefined;
  const level = HEADING_LINE.exec(masked[start] ?? '')?.[1]?.length ?? 1;
  let end = start + 1;
  while (end < masked.length && !((HEADING_LINE.exec(masked[end] ?? '')?.[1]?.length ?? 7) <= level)) end++;
  return lines.slice(start, end).join('\n');
}

/** The paragraph (or list item) that ends with `^block`. */
function blockNamed(lines: readonly string[], masked: readonly string[], block: string): string | undefined {
  const at = masked.findIndex((line) => BLOCK_ID.exec(line)?.[1] === block);
  if (at === -1) return undefined;
  if (/^\s*(?:[-*+]|\d{1,9}[.)])\s/.test(lines[at] ?? '')) return lines[at];
  let start = at;
  while (start > 0 && (masked[start - 1] ?? '').trim() !== '' && !HEADING_LINE.test(masked[start - 1] ?? '')) start--;
  return lines.slice(start, at + 1).join('\n');
}

/** The part of a note an embed shows: a section, a block, or all of it; undefined when the part is not there. */
export function embeddedPart(markdown: string, parts: Pick<WikilinkParts, 'heading' | 'block'>): string | undefined {
  if (!parts.heading && !parts.block) return markdown;
  const lines = markdown.split('\n');
  const masked = maskCodeAndMath(markdown).split('\n');
  return parts.block ? blockNamed(lines, masked, parts.block) : sectionUnder(lines, masked, parts.heading ?? '');
}

/** A paragraph holding a link to where an embed comes from, and why it is not shown when it is not. */
function sourceLine(url: string, label: string, why?: string): Paragraph {
  return {
    type: 'paragraph',
    children: [{ type: 'link', url, children: [{ type: 'text', value: label }] }, ...(why ? [{ type: 'text' as const, value: ` (${why})` }] : [])],
    data: { hProperties: { dataEmbedSource: true } },
  };
}

/** The block an embed paragraph becomes: the part shown, under a link to its source; or why it is not shown. */
function embedBlock(inner: string, options: EmbedOptions): RootContent | undefined {
  const parts = parseWikilinkInner(inner);
  if (IMAGE_EXTENSION.test(parts.target)) return undefined;
  const source = options.find(parts.target);
  if (!source) return undefined;
  const anchor = parts.block ? `#^${parts.block}` : parts.heading ? `#${headingAnchor(parts.heading)}` : '';
  const label = parts.text ?? wikilinkLabel({ ...parts, text: undefined });
  if (options.chain.includes(source.url)) return sourceLine(source.url + anchor, label, 'not embedded again: it is already shown here');
  if (options.chain.length > MAX_EMBED_DEPTH) return sourceLine(source.url + anchor, label, 'not embedded: embeds nest too deep');
  const part = source.markdown === undefined ? undefined : embeddedPart(source.markdown, parts);
  if (part === undefined) return sourceLine(source.url + anchor, label, parts.heading || parts.block ? 'that part is not in the note' : 'the note is empty');
  const tree = options.parse(part, [...options.chain, source.url]);
  return {
    type: 'blockquote',
    data: { hName: 'div', hProperties: { dataEmbed: source.url } },
    children: [sourceLine(source.url + anchor, label), ...(tree.children as Paragraph[])],
  };
}

/** An image of the content folder, written relative to the file; undefined when its path leads outside. */
function vaultImage(folder: string, written: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURI(written);
  } catch {
    return undefined;
  }
  const path = contentRelativePath(folder, decoded);
  return path && IMAGE_EXTENSION.test(path) ? mediaUrl(path) : undefined;
}

/** Whether a URL names another site or an absolute path of this one, which images keep as written. */
function isAbsolute(url: string): boolean {
  return /^\s*(?:[a-z][a-z\d+.-]*:|[\\/])/i.test(url);
}

/**
 * remark plugin: embeds alone in their paragraph become the part of the note they
 * name, images (`![[x.png]]`, `![](x.png)`) point at /media/. Runs before the
 * wikilink plugin, which links whatever embed is left (inline, or of a stub).
 */
export const remarkEmbeds: Plugin<[EmbedOptions], MdastRoot> = (options) => (tree) => {
  visit(tree, (node, index, parent) => {
    if (node.type === 'image') {
      if (isAbsolute(node.url)) return;
      const url = vaultImage(options.folder, node.url);
      if (url) node.url = url;
      else if (parent && index !== undefined) parent.children.splice(index, 1, { type: 'text', value: node.alt ?? '' } as PhrasingContent);
      return;
    }
    if (node.type === 'text' && node.value.includes('![[') && parent && index !== undefined && parent.type !== 'link') {
      splitImageEmbeds(node.value, options.folder, parent.children as PhrasingContent[], index);
      return;
    }
    if (node.type !== 'paragraph' || !parent || index === undefined || node.children.length !== 1) return;
    const only = node.children[0];
    const inner = only?.type === 'text' ? EMBED_ALONE.exec(only.value.trim())?.[1] : undefined;
    const block = inner === undefined ? undefined : embedBlock(inner, options);
    if (!block) return;
    (parent.children as RootContent[]).splice(index, 1, block);
    return SKIP;
  });
};

/** Replaces the text node at `index` by its pieces, `![[image.png]]` becoming images of the content folder. */
function splitImageEmbeds(value: string, folder: string, siblings: PhrasingContent[], index: number): void {
  const pieces: PhrasingContent[] = [];
  let last = 0;
  for (const match of value.matchAll(/!\[\[([^[\]\n]+?)\]\]/g)) {
    const parts = parseWikilinkInner(match[1] ?? '');
    if (!IMAGE_EXTENSION.test(parts.target)) continue;
    const at = match.index ?? 0;
    if (at > last) pieces.push({ type: 'text', value: value.slice(last, at) });
    const url = vaultImage(folder, parts.target) ?? vaultImage('', parts.target);
    // `![[x.png|300]]` and `![[x.png|640x480]]` give the image's size in Obsidian, not words.
    const size = parts.text ? /^(\d{1,5})(?:x(\d{1,5}))?$/.exec(parts.text) : null;
    const alt = parts.text && !size ? parts.text : parts.target;
    const dimensions = size ? { width: size[1], ...(size[2] ? { height: size[2] } : {}) } : undefined;
    pieces.push(url ? ({ type: 'image', url, alt, ...(dimensions ? { data: { hProperties: dimensions } } : {}) } satisfies Image) : { type: 'text', value: alt });
    last = at + match[0].length;
  }
  if (last === 0) return;
  if (last < value.length) pieces.push({ type: 'text', value: value.slice(last) });
  siblings.splice(index, 1, ...pieces);
}

/**
 * rehype plugin: a paragraph or list item that ends in `^id` loses the marker and
 * gets the anchor `#^id` that `[[note#^id]]` links to. Runs after the sanitiser,
 * which would prefix the id.
 */
export const rehypeBlockIds: Plugin<[], HastRoot> = () => (tree) => {
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'p' && node.tagName !== 'li') return;
    const last = node.children.at(-1);
    if (last?.type !== 'text') return;
    const match = BLOCK_ID.exec(last.value);
    if (!match) return;
    const before = last.value.slice(0, match.index).replace(/[ \t]+$/, '');
    const previous = parent && index !== undefined ? previousElement(parent.children, index) : undefined;
    // `^id` alone on a line after a table, a quote or a list names that block (Obsidian's
    // way for blocks that cannot end in an id): the anchor goes on it, the line goes.
    if (node.tagName === 'p' && node.children.length === 1 && before.trim() === '' && previous && parent && index !== undefined) {
      previous.properties.id = `^${match[1]}`;
      parent.children.splice(index, 1);
      return index;
    }
    last.value = before;
    node.properties.id = `^${match[1]}`;
  });
};

/** The element before `index` among `siblings`, white space between them skipped. */
function previousElement(siblings: readonly (Element | { type: string })[], index: number): Element | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const sibling = siblings[i] as Element | { type: string; value?: string };
    if (sibling.type === 'element') return sibling as Element;
    if (sibling.type !== 'text' || ('value' in sibling && (sibling.value ?? '').trim() !== '')) return undefined;
  }
  return undefined;
}

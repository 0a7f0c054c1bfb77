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
import { visit, SKIP } from 'unist-util-visit';
import type { NodeKind } from '../graph/types';
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

/**
 * Markdown to safe HTML: GFM, wikilinks resolved to node URLs, raw HTML sanitised,
 * heading ids with anchor links. Pure; pages cache the result per node.
 */
export function renderMarkdown(markdown: string, options: WikilinkOptions): RenderedMarkdown {
  const headings: Heading[] = [];
  const html = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkWikilinks, options)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(rehypeSanitize, sanitizeSchema)
    .use(rehypeSlug)
    .use(rehypeCollectHeadings, { into: headings })
    .use(rehypeAutolinkHeadings, {
      behavior: 'append',
      properties: { className: ['heading-anchor'], ariaLabel: 'Link to this section' },
      content: { type: 'text', value: '#' },
    })
    .use(rehypeStringify)
    .processSync(markdown)
    .toString();
  return { html, headings };
}

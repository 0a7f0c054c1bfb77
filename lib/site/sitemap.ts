import { kindEntries } from '../domain/kinds';
import type { Graph } from '../graph/types';
import { topicPath } from '../topics/queries';
import { topicsIfReady } from '../topics/store';

/*
 * The sitemap: the home page, the kind indexes, every document in the collection
 * and every topic's hub. Stubs are left out (their pages ask not to be indexed), and
 * so are tag pages, which only list documents already here. While a large
 * collection's topics are still being computed, the hubs are left out and the list
 * is made again on the next request. A sitemap file may hold
 * 50,000 URLs (sitemaps.org), so the list is served in numbered files,
 * /sitemap/0.xml onwards (app/sitemap/[file]/route.ts), and /sitemap.xml is always
 * a sitemap index naming them (app/sitemap.xml/route.ts), one file for a collection
 * of ordinary size: one format, whatever the size.
 */

/** The most URLs one sitemap file may hold. */
export const URLS_PER_SITEMAP = 50_000;

const memo = new WeakMap<Graph, readonly string[]>();

/** Every path the sitemap lists, home and indexes first, then documents and topic hubs by URL: computed once per graph. */
export function sitemapPaths(graph: Graph): readonly string[] {
  let paths = memo.get(graph);
  if (!paths) {
    const pages: string[] = [];
    for (const node of graph.nodes.values()) if (node.kind !== 'tag' && !node.stub) pages.push(node.url);
    const topics = topicsIfReady(graph);
    for (const slug of topics?.topics.keys() ?? []) pages.push(topicPath(slug));
    pages.sort();
    paths = ['/', ...kindEntries().map((entry) => `/${entry.route}/`), ...pages];
    if (topics) memo.set(graph, paths);
  }
  return paths;
}

/** How many numbered sitemap files the graph needs (at least one). */
export function sitemapFileCount(graph: Graph): number {
  return Math.max(1, Math.ceil(sitemapPaths(graph).length / URLS_PER_SITEMAP));
}

/** The paths of numbered sitemap file `id`; none for an id past the last. */
export function sitemapFilePaths(graph: Graph, id: number): readonly string[] {
  if (!Number.isInteger(id) || id < 0) return [];
  const start = id * URLS_PER_SITEMAP;
  return sitemapPaths(graph).slice(start, start + URLS_PER_SITEMAP);
}

/** The number a sitemap file's name (`3.xml`) gives, if it is one. */
export function readSitemapFileName(name: string): number | undefined {
  const match = /^(0|[1-9]\d{0,6})\.xml$/.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** The path of numbered sitemap file `id`. */
export function sitemapFilePath(id: number): string {
  return `/sitemap/${id}.xml`;
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);

/** A sitemap file (sitemaps.org) listing each absolute URL given. */
export function sitemapXml(urls: readonly string[]): string {
  const entries = urls.map((url) => `<url><loc>${escapeXml(url)}</loc></url>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries}\n</urlset>\n`;
}

/** A sitemap index (sitemaps.org) naming each absolute URL given. */
export function sitemapIndexXml(urls: readonly string[]): string {
  const entries = urls.map((url) => `<sitemap><loc>${escapeXml(url)}</loc></sitemap>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries}\n</sitemapindex>\n`;
}

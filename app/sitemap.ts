import type { MetadataRoute } from 'next';
import { connection } from 'next/server';
// Relative imports, unlike most of app/: the unit tests load this file without Next.js's path aliases.
import { KIND_PATH } from '../lib/content/slug';
import { getGraph } from '../lib/corpus';
import type { Graph } from '../lib/graph/types';
import { absoluteUrl } from '../lib/site/config';

/*
 * The sitemap: the home page, the kind indexes and every document in the
 * collection. Stubs are left out (their pages ask not to be indexed), and so are
 * tag pages, which only list documents already here. A sitemap file may hold
 * 50,000 URLs, so the list is served in numbered files, /sitemap/0.xml onwards,
 * which robots.txt names; a collection of ordinary size needs only the first.
 */

/** The most URLs one sitemap file may hold (sitemaps.org). */
const URLS_PER_SITEMAP = 50_000;

const memo = new WeakMap<Graph, readonly string[]>();

/** Every path the sitemap lists, home and indexes first, then documents by URL. */
function sitemapPaths(graph: Graph): readonly string[] {
  let paths = memo.get(graph);
  if (!paths) {
    const documents: string[] = [];
    for (const node of graph.nodes.values()) if (node.kind !== 'tag' && !node.stub) documents.push(node.url);
    documents.sort();
    paths = ['/', ...Object.values(KIND_PATH).map((folder) => `/${folder}/`), ...documents];
    memo.set(graph, paths);
  }
  return paths;
}

/**
 * One id per sitemap file. Called again on every request for a file, so the list
 * follows the content folder the server runs with, not the one it was built with.
 */
export async function generateSitemaps(): Promise<{ id: number }[]> {
  const files = Math.max(1, Math.ceil(sitemapPaths(getGraph()).length / URLS_PER_SITEMAP));
  return Array.from({ length: files }, (_, id) => ({ id }));
}

export default async function sitemap({ id }: { id: Promise<string> }): Promise<MetadataRoute.Sitemap> {
  await connection();
  const start = Number(await id) * URLS_PER_SITEMAP;
  return sitemapPaths(getGraph())
    .slice(start, start + URLS_PER_SITEMAP)
    .map((path) => ({ url: absoluteUrl(path) }));
}

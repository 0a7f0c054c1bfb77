import type { MetadataRoute } from 'next';
import { connection } from 'next/server';
// Relative imports, unlike most of app/: the unit tests load this file without Next.js's path aliases.
import { getGraph } from '../lib/corpus';
import { absoluteUrl } from '../lib/site/config';
import { sitemapFileCount, sitemapFilePaths } from '../lib/site/sitemap';

/*
 * The numbered sitemap files, /sitemap/0.xml onwards, 50,000 URLs each
 * (lib/site/sitemap.ts says what they list). /sitemap.xml, the index naming them,
 * is app/sitemap.xml/route.ts.
 */

/**
 * One id per sitemap file. Called again on every request for a file, so the list
 * follows the content folder the server runs with, not the one it was built with.
 */
export async function generateSitemaps(): Promise<{ id: number }[]> {
  return Array.from({ length: sitemapFileCount(getGraph()) }, (_, id) => ({ id }));
}

export default async function sitemap({ id }: { id: Promise<string> }): Promise<MetadataRoute.Sitemap> {
  await connection();
  return sitemapFilePaths(getGraph(), Number(await id)).map((path) => ({ url: absoluteUrl(path) }));
}

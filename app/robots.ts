import type { MetadataRoute } from 'next';
import { connection } from 'next/server';
// Relative imports, unlike most of app/: the unit tests load this file without Next.js's path aliases.
import { absoluteUrl } from '../lib/site/config';
import { generateSitemaps } from './sitemap';

/** robots.txt: every crawler may read everything, and here are the sitemap files. */
export default async function robots(): Promise<MetadataRoute.Robots> {
  await connection();
  const sitemaps = await generateSitemaps();
  return {
    rules: { userAgent: '*', allow: '/' },
    sitemap: sitemaps.map(({ id }) => absoluteUrl(`/sitemap/${id}.xml`)),
  };
}

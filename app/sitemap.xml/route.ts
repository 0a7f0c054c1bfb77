import { connection } from 'next/server';
import { getGraph } from '@/lib/corpus';
import { absoluteUrl } from '@/lib/site/config';
import { sitemapFileCount, sitemapFilePath, sitemapIndexXml } from '@/lib/site/sitemap';

/**
 * /sitemap.xml, where crawlers look first: always a sitemap index naming every
 * numbered file of app/sitemap/[file]/route.ts (one per 50,000 URLs), which Next.js's
 * metadata sitemap cannot write itself.
 */
export async function GET(): Promise<Response> {
  await connection();
  const files = Array.from({ length: sitemapFileCount(getGraph()) }, (_, id) => absoluteUrl(sitemapFilePath(id)));
  return new Response(sitemapIndexXml(files), { headers: { 'content-type': 'application/xml; charset=utf-8' } });
}

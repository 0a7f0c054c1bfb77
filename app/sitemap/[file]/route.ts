import { connection } from 'next/server';
import { getGraph } from '@/lib/corpus';
import { absoluteUrl } from '@/lib/site/config';
import { readSitemapFileName, sitemapFileCount, sitemapFilePaths, sitemapXml } from '@/lib/site/sitemap';

/**
 * The numbered sitemap files, /sitemap/0.xml onwards, 50,000 URLs each; a number
 * past the last is a 404. Route handlers, not Next.js's metadata sitemap, which
 * cannot also answer /sitemap.xml with the index.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  await connection();
  const graph = getGraph();
  const id = readSitemapFileName((await params).file);
  if (id === undefined || id >= sitemapFileCount(graph)) {
    return new Response('Not found: no such sitemap file; /sitemap.xml names them all.\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const urls = sitemapFilePaths(graph, id).map((path) => absoluteUrl(path));
  return new Response(sitemapXml(urls), { headers: { 'content-type': 'application/xml; charset=utf-8' } });
}

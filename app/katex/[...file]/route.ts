import { readKatexAsset } from '../../../lib/site/katex-assets';

/* GET /katex/<version>/katex.min.css and its fonts: KaTeX's own files, for pages with math. */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string[] }> }): Promise<Response> {
  const asset = readKatexAsset((await params).file);
  if (!asset) return new Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return new Response(new Uint8Array(asset.body), {
    headers: { 'content-type': asset.type, 'cache-control': 'public, max-age=31536000, immutable' },
  });
}

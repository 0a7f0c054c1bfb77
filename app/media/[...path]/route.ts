import { contentDir } from '../../../lib/corpus';
import { readMedia } from '../../../lib/content/media';

/*
 * GET /media/<path in the content folder>: an image a note embeds, read from the
 * content folder (lib/content/media.ts says what is refused and why).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const media = readMedia(contentDir(), (await params).path);
  if (media.status !== 200) {
    return new Response(`${media.reason}\n`, { status: media.status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  }
  return new Response(new Uint8Array(media.body), {
    headers: {
      'content-type': media.type,
      // The file can change under the same name; a reader's cache asks again after a minute.
      'cache-control': 'public, max-age=60',
      'content-security-policy': "default-src 'none'; sandbox",
    },
  });
}

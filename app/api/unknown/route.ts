/**
 * Any /api/ path no route answers (next.config.js sends them here, after every route has
 * had its chance): a JSON error like every other API refusal, for the scripts that call
 * the API, rather than the site's HTML "Not found" page. A rewrite, not a catch-all
 * `[...path]` route: that would make Next.js decode the path, and a malformed one would
 * be a 500.
 */
function notFound(): Response {
  return Response.json({ error: `no such API: the README's "API" section lists them` }, { status: 404, headers: { 'Cache-Control': 'no-store' } });
}

export const GET = notFound;
export const HEAD = notFound;

import { corpusBusy, getGraph } from '../corpus';
import type { Graph } from '../graph/types';

/*
 * What the server says while it is still reading the collection or building an
 * index: 503 with Retry-After, never a request left hanging. Load balancers read
 * /api/health/ for the same facts.
 */

/** Seconds a client is asked to wait before asking again. */
export const RETRY_AFTER_SECONDS = 5;

/** What is not ready yet, in the words an answer uses. */
export type Pending = 'corpus' | 'search' | 'similarity' | 'topics';

const WHAT: Record<Pending, string> = {
  corpus: 'reading the collection',
  search: 'building the search index',
  similarity: 'comparing papers',
  topics: 'finding topics',
};

/** The JSON answer of an API route whose data is not ready. */
export function notReadyJson(pending: Pending, percent: number): Response {
  return Response.json(
    { ready: false, pending, progress: percent, error: `Trellis is still ${WHAT[pending]} (${percent}%); try again in ${RETRY_AFTER_SECONDS} s` },
    { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' } },
  );
}

/** The page a reader sees while the collection is read: it says how far, and reloads itself. */
export function notReadyPage(percent: number): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}"><meta name="robots" content="noindex">
<title>Still indexing (${percent}%) · Trellis</title>
<style>body{font:18px/1.5 system-ui,sans-serif;max-width:36rem;margin:20vh auto;padding:0 1rem;color:#1f2328;background:#fff}
@media (prefers-color-scheme:dark){body{color:#e6edf3;background:#0d1117}}progress{width:100%}</style></head>
<body><main><h1>Still indexing (${percent}%)</h1>
<p>Trellis is reading the collection. This page reloads itself every ${RETRY_AFTER_SECONDS} seconds until it is ready.</p>
<progress max="100" value="${percent}">${percent}%</progress></main></body></html>
`;
  return new Response(html, {
    status: 503,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Retry-After': String(RETRY_AFTER_SECONDS),
      'Cache-Control': 'no-store',
      // No script at all on this page, and none may run.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    },
  });
}

/** The graph for an API route, or the 503 answer to send while a large collection is still being read. */
export function graphOrNotReady(): Graph | Response {
  const busy = corpusBusy();
  return busy.busy ? notReadyJson('corpus', busy.percent) : getGraph();
}

import { NextResponse, type NextRequest } from 'next/server';
import { corpusBusy, getGraph } from './lib/corpus';
import { notReadyPage } from './lib/site/readiness';
import { kindEntryOfRoute } from './lib/domain/kinds';
import { kindOfNodeId } from './lib/domain/node-id';
import type { Slug } from './lib/domain/types';
import { GENERIC_KIND_PREFIX, genericKindOfRoute, matchRoute } from './lib/site/route';
import { getTopics, topicsAvailability } from './lib/topics/store';

/**
 * Runs before every page: refuses malformed addresses, sends a folder typed in the wrong
 * case to the canonical one, and passes the requested path on to the 404 page for its
 * suggestions. Security headers are set by next.config.js and a page's CSP by
 * server/server.mjs (the hashes of its own scripts), not here; only the 400 below
 * names a CSP, the strict one of a response that is no page.
 *
 * A node page whose node does not exist is sent to a path no route has, so Next.js
 * renders app/not-found.tsx on the server, with a 404. A page calling `notFound()`
 * itself gets a 404 too, but its body only as a script for the browser to render
 * (Next.js renders error boundaries in the browser): a blank page without JavaScript.
 */
export function proxy(request: NextRequest) {
  // A path that is not valid percent-encoding names nothing; say so before Next.js
  // tries to decode it for a route's params.
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return new NextResponse('Bad request: the address is not valid percent-encoding.\n', {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': "default-src 'none'; frame-ancestors 'none'" },
    });
  }

  // "/Notes/…" is a shared link typed by hand: send it to the canonical folder (the
  // page itself lower-cases the slug).
  const [, folder = '', ...rest] = request.nextUrl.pathname.split('/');
  // The generic kind pages' own paths (app/kind/) are no address: send them to the kind's URL.
  if (`/${folder}` === GENERIC_KIND_PREFIX) {
    const url = request.nextUrl.clone();
    url.pathname = `/${rest.join('/')}`;
    return NextResponse.redirect(url, 308);
  }
  if (folder !== folder.toLowerCase() && kindEntryOfRoute(folder.toLowerCase()) !== undefined) {
    const url = request.nextUrl.clone();
    url.pathname = ['', folder.toLowerCase(), ...rest].join('/');
    return NextResponse.redirect(url, 308);
  }

  // While a large collection is read, pages are not made to wait: they say how far it got.
  const busy = corpusBusy();
  if (busy.busy) return notReadyPage(busy.percent);

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-trellis-path', request.nextUrl.pathname.slice(0, 512));

  const kind = kindOfNodeId(request.nextUrl.pathname);
  const missing = kind !== undefined ? matchRoute(getGraph(), kind, request.nextUrl.pathname.split('/')[2] ?? '').status === 'missing' : isMissingTopic(request.nextUrl.pathname);
  if (!missing && genericKindOfRoute(folder) !== undefined) {
    // A kind without a page folder of its own: its generic page, under the kind's URL.
    const url = request.nextUrl.clone();
    url.pathname = `${GENERIC_KIND_PREFIX}${request.nextUrl.pathname}`;
    return NextResponse.rewrite(url, { request: { headers: requestHeaders } });
  }
  if (!missing) return NextResponse.next({ request: { headers: requestHeaders } });
  const url = request.nextUrl.clone();
  url.pathname = `/missing${request.nextUrl.pathname}`;
  return NextResponse.rewrite(url, { request: { headers: requestHeaders } });
}

/** A /topics/<slug>/ path whose topic does not exist (known only once topics are computed; until then the page says so). */
function isMissingTopic(path: string): boolean {
  const slug = /^\/topics\/([^/]+)\/?$/.exec(path)?.[1];
  if (slug === undefined) return false;
  const graph = getGraph();
  return !topicsAvailability(graph).busy && !getTopics(graph).topics.has(decodeURIComponent(slug) as Slug);
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|katex/|media/|favicon.ico|icon.svg).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};

import { permanentRedirect, redirect } from 'next/navigation';
import { pageHref, readPageParam } from '@/lib/site/pagination';

/** What Next.js hands a page as `searchParams`. */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The page a listing's `?page=` names, or a redirect: `?page=1` and malformed values
 * to the canonical first page (308), a page past the end to the last one (307, as
 * the list may grow). A redirect rather than a 404, which Next.js would render only
 * in the browser (blank without JavaScript); so no value can break the page.
 */
export function pageFromParam(value: string | string[] | undefined, pages: number, path: string, params: Readonly<Record<string, string>> = {}): number {
  const request = readPageParam(value, pages);
  if (request.status === 'redirect') {
    const href = pageHref(path, request.page, params);
    if (request.permanent) permanentRedirect(href);
    redirect(href);
  }
  return request.page;
}

/** The page a listing's metadata describes, and its canonical address (page 1 without `?page`). */
export function canonicalPage(value: string | string[] | undefined, pages: number, path: string, params: Readonly<Record<string, string>> = {}): { page: number; href: string } {
  const { page } = readPageParam(value, pages);
  return { page, href: pageHref(path, page, params) };
}

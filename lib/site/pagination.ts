/*
 * Long lists of links (tag members, kind indexes, a node's backlinks) are served a
 * page at a time, so that a response's size and the work behind it stay the same
 * whether the collection holds 50 documents or 100,000. Pure: a list and a page
 * number in, the slice and what the pager needs out.
 */

/** Links per page of a listing (tag page, kind index, a node's full list). */
export const LIST_PAGE_SIZE = 100;

/** Links a node page shows of one list before "Show all …" sends the reader to its listing. */
export const NODE_LIST_PREVIEW = 50;

/** What `?page=` asked for, read against the number of pages there are. */
export type PageRequest =
  /** A page that exists, written canonically (page 1 is the address without `?page`). */
  | { readonly status: 'ok'; readonly page: number }
  /**
   * An address to send the reader to instead: `?page=1` and malformed values go to the
   * canonical page 1 (permanently), a page past the end to the last one (for now: the
   * list may grow).
   */
  | { readonly status: 'redirect'; readonly page: number; readonly permanent: boolean };

/** A page number as a URL writes it: digits, no sign, no leading zero, at most seven digits. */
const PAGE_PATTERN = /^[1-9]\d{0,6}$/;

/**
 * Reads a `?page=` value (as Next.js hands it over: absent, one string or several)
 * against a list of `pages` pages. Never throws: anything odd is a redirect.
 */
export function readPageParam(value: string | readonly string[] | undefined, pages: number): PageRequest {
  if (value === undefined) return { status: 'ok', page: 1 };
  const text = typeof value === 'string' ? value : undefined;
  if (text === undefined || !PAGE_PATTERN.test(text) || text === '1') return { status: 'redirect', page: 1, permanent: true };
  const page = Number(text);
  const last = Math.max(1, pages);
  return page > last ? { status: 'redirect', page: last, permanent: false } : { status: 'ok', page };
}

/** Number of pages a list of `total` entries fills; an empty list still has one (empty) page. */
export function pageCount(total: number, size: number = LIST_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** One page of a list, with what a pager shows about it. */
export interface Page<T> {
  readonly items: readonly T[];
  /** 1-based. */
  readonly page: number;
  readonly pages: number;
  /** Entries in the whole list. */
  readonly total: number;
  /** 1-based position of the first entry shown, 0 when the page is empty. */
  readonly from: number;
  /** 1-based position of the last entry shown, 0 when the page is empty. */
  readonly to: number;
}

/**
 * Page `page` of a list held in one or more parts (a tag's notes, then its papers),
 * without joining the parts: only the entries shown are copied.
 */
export function pageOf<T>(parts: readonly (readonly T[])[], page: number, size: number = LIST_PAGE_SIZE): Page<T> {
  const total = parts.reduce((n, part) => n + part.length, 0);
  const pages = pageCount(total, size);
  const current = Math.min(Math.max(1, Math.floor(page)), pages);
  const start = (current - 1) * size;
  const end = Math.min(total, start + size);
  const items: T[] = [];
  let offset = 0;
  for (const part of parts) {
    if (offset + part.length > start && offset < end) items.push(...part.slice(Math.max(0, start - offset), end - offset));
    offset += part.length;
  }
  return { items, page: current, pages, total, from: items.length ? start + 1 : 0, to: items.length ? end : 0 };
}

/**
 * The address of page `page` of a listing at `path`, with the listing's other
 * parameters (such as `list`) first. Page 1 has no `?page`: one address per page.
 */
export function pageHref(path: string, page: number, params: Readonly<Record<string, string>> = {}): string {
  const search = new URLSearchParams(params);
  if (page > 1) search.set('page', String(page));
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** "1,234": counts a reader sees, grouped the same way everywhere. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

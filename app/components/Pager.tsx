import Link from 'next/link';
import { formatCount, pageHref, type Page } from '@/lib/site/pagination';

/**
 * Previous and next links of a paginated listing, and where the reader is in it.
 * Plain links (no JavaScript needed); the `<link rel>` pair goes to the document's
 * head (React hoists it) for crawlers and browsers that read it.
 */
export function Pager({ page, path, params = {}, noun }: { page: Page<unknown>; path: string; params?: Readonly<Record<string, string>>; noun: string }) {
  if (page.pages <= 1) return null;
  const previous = page.page > 1 ? pageHref(path, page.page - 1, params) : undefined;
  const next = page.page < page.pages ? pageHref(path, page.page + 1, params) : undefined;
  return (
    <nav className="pager" aria-label="Pages">
      {previous && <link rel="prev" href={previous} />}
      {next && <link rel="next" href={next} />}
      <span className="pager-previous">
        {previous && (
          <Link href={previous} rel="prev" prefetch={false}>
            ← Previous
          </Link>
        )}
      </span>
      <span className="pager-position">
        Page {formatCount(page.page)} of {formatCount(page.pages)}: {noun} {formatCount(page.from)}–{formatCount(page.to)} of {formatCount(page.total)}
      </span>
      <span className="pager-next">
        {next && (
          <Link href={next} rel="next" prefetch={false}>
            Next →
          </Link>
        )}
      </span>
    </nav>
  );
}

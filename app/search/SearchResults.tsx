import Link from 'next/link';
import { Highlighted } from '@/app/components/Highlighted';
import { KindBadge, StubMark } from '@/app/components/KindBadge';
import { kindPlural, listSearchKinds } from '@/lib/domain/kinds';
import type { DocumentKind } from '@/lib/graph/types';
import type { SearchHit, SearchResponse } from '@/lib/search';
import { type SearchApiError } from '@/lib/search/api';
import styles from './search.module.css';

/** What the results page shows: the form, then the results of `found` (absent before a search). */
export interface SearchResultsProps {
  /** The parameters of the page's URL (first values). */
  readonly params: URLSearchParams;
  /** The kind asked for, when it is one. */
  readonly kind?: DocumentKind;
  readonly page: number;
  readonly pageSize: number;
  readonly maxPage: number;
  readonly found?: SearchResponse;
  readonly problem?: SearchApiError;
  /** The search index is still being built: how far, in percent. */
  readonly indexing?: number;
  /** The topic the search is narrowed to (`?topic=`). */
  readonly topic?: { readonly slug: string; readonly label: string };
  /** A topic was asked for while topics are still being computed: how far, in percent. The search runs over everything meanwhile. */
  readonly topicsPending?: number;
}

/** A link to these results with some parameters changed; empty ones are left out. */
function hrefWith(params: URLSearchParams, changes: Record<string, string | undefined>): string {
  const next = new URLSearchParams();
  for (const key of ['q', 'kind', 'topic', 'page']) {
    const value = key in changes ? changes[key] : (params.get(key) ?? undefined);
    if (value) next.set(key, value);
  }
  const query = next.toString();
  return query ? `/search/?${query}` : '/search/';
}

function Result({ hit }: { hit: SearchHit }) {
  return (
    <li className={styles.result} data-kind={hit.kind}>
      <h3 className={styles.resultTitle}>
        <Link href={hit.url} prefetch={false} className={hit.stub ? 'node-link stub' : 'node-link'} data-kind={hit.kind} data-preview="">
          <Highlighted text={hit.title} spans={hit.titleHighlights} />
        </Link>
      </h3>
      <p className={styles.resultMeta}>
        <KindBadge kind={hit.kind} />
        {hit.stub && <StubMark />}
        <span className="place">{hit.place}</span>
      </p>
      {hit.snippet.text && (
        <p className={styles.snippet}>
          <Highlighted text={hit.snippet.text} spans={hit.snippet.highlights} />
        </p>
      )}
    </li>
  );
}

function summaryLine(found: SearchResponse, kind: DocumentKind | undefined): string {
  const label = kind ? kindPlural(kind).toLowerCase() : 'documents';
  if (found.total === 0) return kind ? `No ${label} match.` : 'Nothing matches.';
  return `${found.total.toLocaleString('en-US')} ${found.total === 1 ? label.replace(/s$/, '') : label} ${found.total === 1 ? 'matches' : 'match'}.`;
}

/** "in topic X ×": the topic the search is narrowed to, with a link to search everything instead. */
function TopicScopeLine({ params, topic }: { params: URLSearchParams; topic: { slug: string; label: string } }) {
  return (
    <p className={styles.scope} data-topic={topic.slug}>
      in topic{' '}
      <Link href={`/topics/${topic.slug}/`} prefetch={false}>
        {topic.label}
      </Link>{' '}
      <Link href={hrefWith(params, { topic: undefined, page: undefined })} aria-label={`Search the whole collection, not only ${topic.label}`} className={styles.unscope}>
        ×
      </Link>
    </p>
  );
}

export function SearchResults({ params, kind, page, pageSize, maxPage, found, problem, indexing, topic, topicsPending }: SearchResultsProps) {
  const all = found ? found.counts.note + found.counts.inquiry + found.counts.paper : 0;
  const pages = found ? Math.min(maxPage, Math.ceil(found.total / pageSize)) : 0;
  return (
    <article className={styles.search}>
      <h1>Search</h1>
      <form action="/search/" method="get" role="search" className="search-form">
        <label htmlFor="search-q">Search the collection</label>
        <div className="search-row">
          <input id="search-q" name="q" type="search" defaultValue={params.get('q') ?? ''} maxLength={1000} autoComplete="off" placeholder="persuasion bombing, LOGICOM, face-saving…" />
          <button type="submit">Search</button>
        </div>
        {topic && <input type="hidden" name="topic" value={topic.slug} />}
        {topic && <TopicScopeLine params={params} topic={topic} />}
        <fieldset className={styles.kinds}>
          <legend>Show</legend>
          {[undefined, ...listSearchKinds()].map((k) => {
            const label = k ? kindPlural(k) : 'All';
            const n = found ? (k ? found.counts[k] : all) : undefined;
            return (
              <label key={k ?? 'all'} data-kind={k}>
                <input type="radio" name="kind" value={k ?? ''} defaultChecked={kind === k} />
                {k && <span className="swatch" aria-hidden="true" />}
                {label}
                {n !== undefined && <span className="count"> ({n.toLocaleString('en-US')})</span>}
              </label>
            );
          })}
        </fieldset>
      </form>

      {problem && (
        <p className={styles.problem} role="alert">
          {problem.parameter === 'kind' ? `${problem.error}. Showing every kind.` : problem.parameter === 'topic' ? `${problem.error}. Searching the whole collection.` : problem.error}
        </p>
      )}

      {indexing !== undefined && (
        <p className="empty" role="status">
          Still indexing ({indexing}%): search answers once the collection is indexed. Reload this page in a little while.
        </p>
      )}
      {topicsPending !== undefined && (
        <p className="help" role="status">
          Topics are still being found ({topicsPending}%): these results are from the whole collection.
        </p>
      )}
      {!found && !problem && indexing === undefined && <p className="empty">Words, a “quoted phrase”, or the start of a word. Accents and case do not matter; one typo is forgiven.</p>}

      {found && (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className={styles.summary}>
            {summaryLine(found, kind)}
            {pages > 1 && ` Page ${page} of ${pages}.`}
          </h2>
          {found.partial && <p className="help">No document holds every word; these hold some of them.</p>}
          {found.truncated && <p className="help">Only the first 200 characters of the query were searched.</p>}
          {found.total === 0 && kind && all > 0 && (
            <p>
              <Link href={hrefWith(params, { kind: undefined, page: undefined })}>Search every kind</Link> ({all.toLocaleString('en-US')}{' '}
              {all === 1 ? 'match' : 'matches'}).
            </p>
          )}
          <ol className={styles.results} start={(page - 1) * pageSize + 1}>
            {found.results.map((hit) => (
              <Result key={hit.id} hit={hit} />
            ))}
          </ol>
          {pages > 1 && (
            <nav className="pager" aria-label="Result pages">
              {page > 1 ? <Link href={hrefWith(params, { page: page > 2 ? String(page - 1) : undefined })}>← Previous</Link> : <span />}
              {page < pages && <Link href={hrefWith(params, { page: String(page + 1) })}>Next →</Link>}
            </nav>
          )}
        </section>
      )}
    </article>
  );
}

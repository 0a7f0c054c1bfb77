'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { isDocumentKind } from '@/lib/domain/kinds';
import { kindOfNodeId } from '@/lib/domain/node-id';
import type { DocumentKind } from '@/lib/graph/types';
import type { SearchHit } from '@/lib/search';
import type { SearchApiError, SearchApiResponse } from '@/lib/search/api';
import styles from '../../search/palette.module.css';
import { Highlighted } from '../Highlighted';
import { KindBadge, StubMark } from '../KindBadge';

/*
 * The search palette: Cmd/Ctrl+K anywhere, or "/" outside a text field, opens it;
 * results come from /api/search as you type; arrows and Enter pick one; Escape
 * closes and gives focus back to where it was. With the box empty it lists the
 * pages read last (kept in localStorage). Without JavaScript the trigger is a
 * plain link to the results page.
 */

export interface SearchPaletteProps {
  /** The search endpoint (GET ?q=&limit=). */
  readonly endpoint?: string;
  /** The full results page, for Enter with nothing picked and for "all results". */
  readonly resultsPage?: string;
  /** Results shown while typing, 1–50. */
  readonly limit?: number;
  /** Render the "Search" trigger link (for mouse and touch); the shortcuts work either way. */
  readonly trigger?: boolean;
}

interface RecentPage {
  readonly url: string;
  readonly title: string;
  readonly kind?: DocumentKind;
}

type Option = { readonly type: 'hit'; readonly hit: SearchHit } | { readonly type: 'recent'; readonly page: RecentPage };

const RECENT_KEY = 'trellis:recent-pages';
const MAX_RECENT = 8;
/**
 * Keys pressed closer together than this make one request (a paste, a held key, a very fast
 * typist); at a reader's pace (100–200 ms a key) every key makes one anyway, and a request
 * still running when the next starts is aborted. Longer only delays the results: 80 ms here
 * made a keystroke's results take 105 ms to draw.
 */
const DEBOUNCE_MS = 30;

/** The topic whose hub is at this path, if it is one: the palette may search within it. */
const topicOfPath = (pathname: string): string | undefined => /^\/topics\/([^/]+)\/?$/.exec(pathname)?.[1];

function readRecent(): RecentPage[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((p): p is RecentPage => typeof p?.url === 'string' && typeof p?.title === 'string' && p.url.startsWith('/'))
      .slice(0, MAX_RECENT);
  } catch {
    // Storage may be off (private windows, policies) or hold something else: no recent pages then.
    return [];
  }
}

function rememberPage(page: RecentPage): void {
  try {
    const rest = readRecent().filter((p) => p.url !== page.url);
    localStorage.setItem(RECENT_KEY, JSON.stringify([page, ...rest].slice(0, MAX_RECENT)));
  } catch {
    // Not remembering is fine.
  }
}

/** True when keys typed now belong to a field: "/" must type a slash there, not open the palette. */
function isTextField(element: Element | null): boolean {
  if (!(element instanceof HTMLElement)) return false;
  if (element.isContentEditable) return true;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  if (element instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(element.type);
  return element.getAttribute('role') === 'textbox' || element.getAttribute('role') === 'combobox';
}

const subscribeNothing = () => () => {};
const onApple = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export function SearchPalette({ endpoint = '/api/search/', resultsPage = '/search/', limit = 8, trigger = true }: SearchPaletteProps) {
  const router = useRouter();
  const pathname = usePathname();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<AbortController | undefined>(undefined);
  const listId = useId();
  const apple = useSyncExternalStore(subscribeNothing, onApple, () => false);

  const [query, setQuery] = useState('');
  const [response, setResponse] = useState<SearchApiResponse | undefined>();
  // When a query's results are on the page (the bench times keystroke → results drawn from it).
  useEffect(() => {
    if (response) performance.mark('trellis:palette:results', { detail: response.query });
  }, [response]);
  const [problem, setProblem] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [recent, setRecent] = useState<RecentPage[]>([]);
  const [active, setActive] = useState(-1);
  // On a topic's hub, "In this topic" narrows the search to it (off until pressed).
  const hubTopic = topicOfPath(pathname);
  const [topic, setTopic] = useState<{ slug: string; label: string } | undefined>();
  const [scoped, setScoped] = useState(false);
  const scope = scoped && topic?.slug === hubTopic ? topic : undefined;

  const options: Option[] = query.trim()
    ? (response?.results ?? []).map((hit) => ({ type: 'hit', hit }))
    : recent.map((page) => ({ type: 'recent', page }));
  const optionId = (n: number) => `${listId}-option-${n}`;
  const allResults = `${resultsPage}?${new URLSearchParams({ q: query.trim(), ...(scope ? { topic: scope.slug } : {}) }).toString()}`;

  const cancelSearch = useCallback(() => {
    clearTimeout(timer.current);
    inFlight.current?.abort();
    inFlight.current = undefined;
  }, []);

  const open = useCallback(() => {
    const dialog = dialogRef.current;
    if (!dialog || dialog.open) return;
    returnFocus.current = document.activeElement;
    setRecent(readRecent());
    setActive(-1);
    const slug = topicOfPath(window.location.pathname);
    setTopic(slug ? { slug, label: document.querySelector('main h1')?.textContent?.trim() || slug } : undefined);
    dialog.showModal();
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  const close = useCallback(() => {
    cancelSearch();
    dialogRef.current?.close();
  }, [cancelSearch]);

  // Runs on every close (Escape, backdrop, a pick): focus goes back where it was.
  const onClosed = useCallback(() => {
    cancelSearch();
    setLoading(false);
    const back = returnFocus.current;
    returnFocus.current = null;
    if (back instanceof HTMLElement && back.isConnected) back.focus();
  }, [cancelSearch]);

  // The shortcuts, on the whole page.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const isOpen = dialogRef.current?.open ?? false;
      if ((event.metaKey || event.ctrlKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        if (isOpen) close();
        else open();
      } else if (event.key === '/' && !event.metaKey && !event.ctrlKey && !event.altKey && !isOpen && !isTextField(document.activeElement)) {
        event.preventDefault();
        open();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [open, close]);

  // Each document page read becomes a recent page (its <h1> is its title).
  useEffect(() => {
    const kind = kindOfNodeId(pathname);
    if (!kind || !isDocumentKind(kind)) return;
    const title = document.querySelector('main h1')?.textContent?.trim();
    if (title) rememberPage({ url: pathname, title, kind });
  }, [pathname]);

  useEffect(() => cancelSearch, [cancelSearch]);

  const search = (text: string, within: string | undefined = scope?.slug) => {
    cancelSearch();
    if (!text.trim()) {
      setResponse(undefined);
      setProblem(undefined);
      setLoading(false);
      return;
    }
    setLoading(true);
    timer.current = setTimeout(async () => {
      const controller = new AbortController();
      inFlight.current = controller;
      try {
        const params = new URLSearchParams({ q: text, limit: String(limit), ...(within ? { topic: within } : {}) });
        const res = await fetch(`${endpoint}?${params.toString()}`, { signal: controller.signal, headers: { accept: 'application/json' } });
        const body = (await res.json()) as SearchApiResponse | SearchApiError;
        if (controller.signal.aborted) return;
        if ('error' in body) {
          setProblem(body.error);
          setResponse(undefined);
        } else {
          setProblem(undefined);
          setResponse(body);
        }
        setActive(-1);
      } catch (error) {
        if (controller.signal.aborted || (error as Error).name === 'AbortError') return;
        setProblem('Search is not answering. Try again, or open the results page.');
      } finally {
        if (!controller.signal.aborted) setLoading(false);
        if (inFlight.current === controller) inFlight.current = undefined;
      }
    }, DEBOUNCE_MS);
  };

  const go = (option: Option | undefined) => {
    if (option?.type === 'hit') {
      rememberPage({ url: option.hit.url, title: option.hit.title, kind: option.hit.kind });
      close();
      router.push(option.hit.url);
    } else if (option?.type === 'recent') {
      close();
      router.push(option.page.url);
    } else if (query.trim()) {
      close();
      router.push(allResults);
    }
  };

  const onInputKeyDown = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    const last = options.length - 1;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((n) => (n >= last ? 0 : n + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((n) => (n <= 0 ? last : n - 1));
    } else if (event.key === 'Home' && active >= 0) {
      event.preventDefault();
      setActive(0);
    } else if (event.key === 'End' && active >= 0) {
      event.preventDefault();
      setActive(last);
    } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      go(options[active]);
    }
  };

  // Keep the active option in view as the arrows move it.
  useEffect(() => {
    if (active >= 0) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  });

  const status = problem
    ? problem
    : !query.trim()
      ? recent.length
        ? ''
        : 'Type to search notes, inquiring lines and papers.'
      : loading && !response
        ? 'Searching…'
        : response
          ? response.total === 0
            ? `Nothing matches${response.topic ? ' in this topic' : ''}.`
            : `${response.total.toLocaleString('en-US')} ${response.total === 1 ? 'match' : 'matches'}${response.topic ? ' in this topic' : ''}${response.partial ? ' (some of the words)' : ''}.`
          : '';

  return (
    <>
      {trigger && (
        <a
          href={resultsPage}
          className={styles.trigger}
          onClick={(event) => {
            if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
            event.preventDefault();
            open();
          }}
          aria-keyshortcuts="Control+K Meta+K /"
        >
          Search <kbd className={styles.kbd}>{apple ? '⌘K' : 'Ctrl K'}</kbd>
        </a>
      )}
      <dialog
        ref={dialogRef}
        className={styles.dialog}
        aria-label="Search the collection"
        onClose={onClosed}
        onClick={(event) => {
          // A click on the backdrop lands on the dialog itself, outside the panel.
          if (event.target === dialogRef.current) close();
        }}
      >
        <div className={styles.panel}>
          <input
            ref={inputRef}
            className={styles.input}
            type="search"
            role="combobox"
            aria-label="Search the collection"
            aria-expanded={options.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={active >= 0 && active < options.length ? optionId(active) : undefined}
            autoComplete="off"
            spellCheck={false}
            maxLength={1000}
            placeholder="Search notes, inquiring lines, papers…"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(-1);
              search(event.target.value);
            }}
            onKeyDown={onInputKeyDown}
          />
          {topic && topic.slug === hubTopic && (
            <p className={styles.scope}>
              <button
                type="button"
                aria-pressed={scoped}
                onClick={() => {
                  setScoped(!scoped);
                  search(query, scoped ? undefined : topic.slug);
                  inputRef.current?.focus();
                }}
              >
                Only in this topic: {topic.label}
              </button>
            </p>
          )}
          {!query.trim() && recent.length > 0 && (
            <p className={styles.heading} id={`${listId}-recent`}>
              Recent pages
            </p>
          )}
          <ul className={styles.list} id={listId} role="listbox" aria-label={query.trim() ? 'Results' : 'Recent pages'}>
            {options.map((option, n) => {
              const kind = option.type === 'hit' ? option.hit.kind : option.page.kind;
              return (
                <li
                  key={option.type === 'hit' ? option.hit.id : option.page.url}
                  id={optionId(n)}
                  role="option"
                  aria-selected={n === active}
                  className={styles.option}
                  data-kind={kind}
                  onMouseMove={() => active !== n && setActive(n)}
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => go(option)}
                >
                  {option.type === 'hit' ? (
                    <>
                      <span className={styles.optionTitle}>
                        <Highlighted text={option.hit.title} spans={option.hit.titleHighlights} />
                      </span>
                      <span className={styles.optionMeta}>
                        <KindBadge kind={option.hit.kind} />
                        {option.hit.stub && <StubMark />}
                        <span>{option.hit.place}</span>
                      </span>
                      {option.hit.snippet.text && (
                        <span className={styles.optionSnippet}>
                          <Highlighted text={option.hit.snippet.text} spans={option.hit.snippet.highlights} />
                        </span>
                      )}
                    </>
                  ) : (
                    <>
                      <span className={styles.optionTitle}>{option.page.title}</span>
                      {kind && (
                        <span className={styles.optionMeta}>
                          <KindBadge kind={kind} />
                        </span>
                      )}
                    </>
                  )}
                </li>
              );
            })}
          </ul>
          <p className={styles.status} role="status">
            {status}
          </p>
          <p className={styles.footer}>
            <span>
              <kbd className={styles.kbd}>↑</kbd> <kbd className={styles.kbd}>↓</kbd> to move, <kbd className={styles.kbd}>Enter</kbd> to open,{' '}
              <kbd className={styles.kbd}>Esc</kbd> to close
            </span>
            {query.trim() && (
              <a
                href={allResults}
                onClick={(event) => {
                  if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                  event.preventDefault();
                  go(undefined);
                }}
              >
                All results →
              </a>
            )}
          </p>
        </div>
      </dialog>
    </>
  );
}

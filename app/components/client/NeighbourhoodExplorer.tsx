'use client';
import { listNodeKinds } from '@/lib/domain/kinds';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ComponentType, type ReactNode } from 'react';
import { EDGE_KINDS, MAX_DEPTH, type Neighbourhood, type ViewNode } from '@/lib/graph/neighbourhood';
import { groupNeighbours } from '@/lib/site/neighbour-groups';
import { topicColour } from '@/lib/site/topic-colour';
import { isNodeIdShaped } from '@/lib/domain/node-id';
import type { EdgeKind, NodeKind } from '@/lib/graph/types';
import { EDGE_LABEL, GraphLegend, KIND_PLURAL, setLocation, subscribeLocation } from './GraphKit';
import type { NeighbourhoodCanvasProps } from './NeighbourhoodCanvas';
import { describeCounts, NeighbourhoodList } from './NeighbourhoodList';

/*
 * The neighbourhood view's shell: controls, the place the canvas goes and, once the
 * reader walks, filters or goes deeper, the list of what the view then shows. The
 * page's own neighbourhood is not listed here: the page's sections list it already.
 * It is part of the page's first-load JS; the canvas (and cytoscape with it, about
 * 135 KB gzipped) is fetched only when the reader asks for the graph: "Explore the
 * graph", a click on the still picture the server drew in its place, a control of the
 * view, or a `?focus=`/`?depth=` link. Not when it comes into sight: beside the text on
 * a wide screen it is in sight from the start, and would weigh on every page. A
 * pointer resting on the picture, or the keyboard reaching the button, starts fetching
 * the code, so that a click finds it on its way.
 *
 * The canvas module is imported by hand, beside the data, and rendered once both are
 * in. Not `next/dynamic`: it starts loading on the component's first render (after
 * the data) and suspends, and React holds a revealed Suspense boundary back for up
 * to 300 ms, which was most of the time from "visible" to "interactive".
 */
const loadCanvas = () => import('./NeighbourhoodCanvas');

/** The node and depth a `?focus=&depth=` query asks for, when it asks. */
function parseSearch(search: string): { focus?: string; depth?: number } {
  const params = new URLSearchParams(search);
  const focus = params.get('focus') ?? undefined;
  const depth = Number(params.get('depth'));
  return {
    ...(focus && isNodeIdShaped(focus) ? { focus } : {}),
    ...(Number.isInteger(depth) && depth >= 1 && depth <= MAX_DEPTH ? { depth } : {}),
  };
}

/*
 * The view's centre and depth live in the URL (`?focus=&depth=`): a shared link or
 * a reload reopens the same view, and Back walks back (subscribeLocation, setLocation
 * in GraphKit).
 */
const noSubscription = () => () => {};

/** Wide screens, where the view sits in the side column with room for its legend open. */
const WIDE = '(min-width: 64rem)';
function subscribeWide(onChange: () => void): () => void {
  const media = window.matchMedia(WIDE);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

/** The page URL with the view's state in its query. */
function urlFor(home: string, focus: string, depth: number): string {
  const url = new URL(window.location.href);
  url.searchParams.delete('focus');
  url.searchParams.delete('depth');
  if (focus !== home) url.searchParams.set('focus', focus);
  if (depth !== 1) url.searchParams.set('depth', String(depth));
  return `${url.pathname}${url.search}${url.hash}`;
}

function queryFor(focus: string, depth: number, nodeKinds: ReadonlySet<NodeKind>, edgeKinds: ReadonlySet<EdgeKind>): string {
  const params = new URLSearchParams({ id: focus, depth: String(depth) });
  if (nodeKinds.size < listNodeKinds().length) params.set('nodeKinds', [...nodeKinds].join(','));
  if (edgeKinds.size < EDGE_KINDS.length) params.set('edgeKinds', [...edgeKinds].join(','));
  return params.toString();
}

export interface NeighbourhoodExplorerProps {
  /** The page's own node: where the view starts and what Reset returns to. */
  readonly home: ViewNode;
  /** What the page node's neighbourhood holds, in counts ("49 neighbours: …"), until the view loads. */
  readonly counts: string;
  /** The still picture of the page node's neighbourhood (NeighbourhoodPreview), shown until the canvas is drawn. */
  readonly preview?: ReactNode;
}

export function NeighbourhoodExplorer({ home, counts, preview }: NeighbourhoodExplorerProps) {
  const router = useRouter();
  const root = useRef<HTMLDivElement>(null);
  const mounted = useSyncExternalStore(noSubscription, () => true, () => false);
  const wide = useSyncExternalStore(subscribeWide, () => window.matchMedia(WIDE).matches, () => false);
  const search = useSyncExternalStore(subscribeLocation, () => window.location.search, () => '');
  const fromUrl = useMemo(() => parseSearch(search), [search]);
  const focus = fromUrl.focus ?? home.id;
  const depth = fromUrl.depth ?? 1;
  const [requested, setRequested] = useState(false);
  // A shared link (?focus=…) opens the view at once; otherwise it opens when the reader asks.
  const open = requested || fromUrl.focus !== undefined || fromUrl.depth !== undefined;
  const [nodeKinds, setNodeKinds] = useState<ReadonlySet<NodeKind>>(() => new Set(listNodeKinds()));
  const [edgeKinds, setEdgeKinds] = useState<ReadonlySet<EdgeKind>>(() => new Set(EDGE_KINDS));
  /** The last neighbourhood loaded, and the query it answers: shown while the next one loads. */
  const [loaded, setLoaded] = useState<{ view: Neighbourhood; query: string } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [colourBy, setColourBy] = useState<'kind' | 'topic'>('kind');

  /** Set when the graph is asked for from the keyboard: the canvas takes the focus once drawn, as the button it replaces had it. */
  const focusOnDraw = useRef(false);
  const show = useCallback((fromKeyboard = false) => {
    focusOnDraw.current = fromKeyboard;
    setRequested(true);
  }, []);

  const [NeighbourhoodCanvas, setCanvas] = useState<ComponentType<NeighbourhoodCanvasProps> | undefined>();
  const [canvasFailed, setCanvasFailed] = useState(false);
  /** Starts fetching the canvas's code (once), ahead of a click that seems to be coming. */
  const warmed = useRef(false);
  const warmCanvas = useCallback(() => {
    if (warmed.current) return;
    warmed.current = true;
    loadCanvas().catch(() => {
      warmed.current = false;
    });
  }, []);

  useEffect(() => {
    // The moment the reader asked (or a link asked for them): what the speed target counts from.
    if (open) performance.mark('trellis:neighbourhood:asked');
  }, [open]);

  useEffect(() => {
    if (!open) return;
    let current = true;
    loadCanvas().then(
      (module) => {
        performance.mark('trellis:neighbourhood:code');
        if (current) setCanvas(() => module.default);
      },
      () => current && setCanvasFailed(true),
    );
    return () => {
      current = false;
    };
  }, [open]);

  const drawn = open && loaded !== undefined && NeighbourhoodCanvas !== undefined;
  useEffect(() => {
    if (!drawn || !focusOnDraw.current) return;
    focusOnDraw.current = false;
    root.current?.querySelector<HTMLElement>('.neighbourhood-canvas')?.focus();
  }, [drawn]);

  const query = queryFor(focus, depth, nodeKinds, edgeKinds);
  useEffect(() => {
    if (!open) return;
    const abort = new AbortController();
    fetch(`/api/neighbourhood/?${query}`, { signal: abort.signal })
      .then(async (response) => {
        const body = (await response.json()) as Neighbourhood | { error: string };
        if ('error' in body) {
          setError(response.status === 404 ? 'That node is not in the collection.' : body.error);
          return;
        }
        setError(undefined);
        performance.mark('trellis:neighbourhood:data');
        setLoaded({ view: body, query });
      })
      .catch((e: unknown) => {
        if ((e as Error).name !== 'AbortError') setError('The neighbourhood could not be loaded. The list below still works.');
      });
    return () => abort.abort();
  }, [open, query]);

  const walk = useCallback((id: string) => setLocation(urlFor(home.id, id, depth), 'push'), [home.id, depth]);

  const openPage = useCallback(
    (id: string) => {
      if (id === home.id) window.scrollTo({ top: 0, behavior: 'smooth' });
      else router.push(id);
    },
    [home.id, router],
  );

  const changeDepth = (next: number) => setLocation(urlFor(home.id, focus, next), 'replace');

  const reset = () => {
    setNodeKinds(new Set(listNodeKinds()));
    setEdgeKinds(new Set(EDGE_KINDS));
    setLocation(urlFor(home.id, home.id, 1), 'replace');
  };

  const toggle = <K,>(set: ReadonlySet<K>, kind: K): Set<K> => {
    const next = new Set(set);
    if (next.has(kind)) next.delete(kind);
    else next.add(kind);
    return next;
  };

  const current = loaded?.view;
  // The page's own neighbourhood, unfiltered, is what the page's sections list: the view lists
  // only what it adds (another centre, a filter, a greater depth).
  const homeQuery = queryFor(home.id, 1, new Set(listNodeKinds()), new Set(EDGE_KINDS));
  const showsHome = loaded?.query === homeQuery;
  const busy = open && loaded?.query !== query && !error;
  const groups = useMemo(() => (current && !showsHome ? groupNeighbours(current) : undefined), [current, showsHome]);
  const centreNode = current?.nodes.find((n) => n.id === current.centre);
  const summary = current && centreNode ? `${centreNode.title}: ${describeCounts(current.nodes, current.centre)}` : undefined;
  const filtered = nodeKinds.size < listNodeKinds().length || edgeKinds.size < EDGE_KINDS.length;
  const pristine = focus === home.id && depth === 1 && nodeKinds.size === listNodeKinds().length && edgeKinds.size === EDGE_KINDS.length;

  return (
    <div ref={root} className={`neighbourhood${mounted ? ' has-js' : ''}`} data-open={open ? 'true' : 'false'} data-busy={busy ? 'true' : 'false'}>
      <p className="neighbourhood-counts">
        {current && centreNode && current.centre !== home.id ? `Around ${centreNode.title}: ` : ''}
        {current ? describeCounts(current.nodes, current.centre) : counts}.
      </p>
      <div className="neighbourhood-bar">
        <label>
          Depth{' '}
          <select value={depth} onChange={(e) => changeDepth(Number(e.target.value))} disabled={!mounted}>
            {[1, 2, 3].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={reset} disabled={pristine}>
          Reset
        </button>
        <label>
          Colour by{' '}
          <select
            value={colourBy}
            onChange={(e) => {
              setRequested(true);
              setColourBy(e.target.value === 'topic' ? 'topic' : 'kind');
            }}
            disabled={!mounted || (current !== undefined && !current.topics)}
          >
            <option value="kind">kind</option>
            <option value="topic">topic</option>
          </select>
        </label>
        <a className="open-in-graph" href={`/graph/?focus=${encodeURIComponent(focus)}`}>
          Open in graph
        </a>
      </div>
      <NeighbourhoodFilters
        nodeKinds={nodeKinds}
        edgeKinds={edgeKinds}
        filtered={filtered}
        onNodeKind={(kind) => {
          setRequested(true);
          setNodeKinds((s) => toggle(s, kind));
        }}
        onEdgeKind={(kind) => {
          setRequested(true);
          setEdgeKinds((s) => toggle(s, kind));
        }}
      />
      {/* The stage keeps its size from the first paint, picture or canvas: nothing below it moves when the graph comes. */}
      <div className="neighbourhood-stage" onPointerEnter={warmCanvas} onFocus={warmCanvas}>
        {open && current && centreNode && NeighbourhoodCanvas ? (
          <NeighbourhoodCanvas
            view={current}
            home={home.id}
            label={`Graph of the neighbourhood of ${summary}. Arrow keys move between neighbours; Enter walks to one, or opens the centre's page. The page's sections list the same neighbours.`}
            onWalk={walk}
            onOpen={openPage}
            colourBy={colourBy}
          />
        ) : (
          <div className={`neighbourhood-still${!open && mounted ? ' askable' : ''}`} onClick={open || !mounted ? undefined : () => show()}>
            {preview}
            <div className="graph-status">
              {!open ? (
                mounted && (
                  <button
                    type="button"
                    onClick={(e) => {
                      e.stopPropagation();
                      // A click from the keyboard (Enter, Space) counts no pointer clicks.
                      show(e.detail === 0);
                    }}
                  >
                    Explore the graph
                  </button>
                )
              ) : (
                <p role="status">{error ?? (canvasFailed ? 'The graph could not be loaded. The page’s sections still list every neighbour.' : 'Loading the graph…')}</p>
              )}
            </div>
          </div>
        )}
      </div>
      {error && current && (
        <p className="graph-status" role="alert">
          {error}
        </p>
      )}
      {colourBy === 'topic' && current && <TopicKey view={current} />}
      <GraphLegend edgeKinds={EDGE_KINDS} open={wide} />
      <p className="graph-sr-only" aria-live="polite">
        {current && centreNode && current.centre !== home.id ? `Now around ${summary}.` : ''}
      </p>
      {groups && centreNode && (
        <div className="neighbourhood-list" aria-busy={busy ? 'true' : undefined}>
          <NeighbourhoodList centre={centreNode} groups={groups} truncated={current?.truncated} />
        </div>
      )}
    </div>
  );
}

/** Which kinds of node the view shows and which relations it follows. */
function NeighbourhoodFilters({
  nodeKinds,
  edgeKinds,
  filtered,
  onNodeKind,
  onEdgeKind,
}: {
  nodeKinds: ReadonlySet<NodeKind>;
  edgeKinds: ReadonlySet<EdgeKind>;
  filtered: boolean;
  onNodeKind: (kind: NodeKind) => void;
  onEdgeKind: (kind: EdgeKind) => void;
}) {
  return (
    <details className="neighbourhood-filters">
      <summary>Filters{filtered ? ' (on)' : ''}</summary>
      <div className="neighbourhood-filter-sets">
        <fieldset>
          <legend>Show</legend>
          {listNodeKinds().map((kind) => (
            <label key={kind} data-kind={kind}>
              <input type="checkbox" checked={nodeKinds.has(kind)} onChange={() => onNodeKind(kind)} />
              <span className="swatch" aria-hidden="true" />
              {KIND_PLURAL[kind]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Follow</legend>
          {EDGE_KINDS.map((kind) => (
            <label key={kind}>
              <input type="checkbox" checked={edgeKinds.has(kind)} onChange={() => onEdgeKind(kind)} />
              {EDGE_LABEL[kind].toLowerCase()}
            </label>
          ))}
        </fieldset>
      </div>
    </details>
  );
}

/** Topics named in the key of a view coloured by topic, at most; the rest are counted. */
const KEY_TOPICS = 12;

/** The key of a view coloured by topic: the topics present, most nodes first, each with its colour and a link to its hub. */
function TopicKey({ view }: { view: Neighbourhood }) {
  const labels = view.topics ?? {};
  const counts = new Map<string, number>();
  for (const node of view.nodes) if (node.topic) counts.set(node.topic, (counts.get(node.topic) ?? 0) + 1);
  const present = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (!present.length) return <p className="topic-key">No node here has a topic yet.</p>;
  const untopiced = view.nodes.length - present.reduce((n, [, c]) => n + c, 0);
  return (
    <div className="topic-key" aria-label="Topics in the view">
      <ul>
        {present.slice(0, KEY_TOPICS).map(([slug, count]) => (
          <li key={slug} data-topic={slug}>
            <span className="swatch" aria-hidden="true" style={{ background: topicColour(slug) }} />
            <a href={`/topics/${slug}/`}>{labels[slug] ?? slug}</a> <span className="count">({count})</span>
          </li>
        ))}
      </ul>
      {(present.length > KEY_TOPICS || untopiced > 0) && (
        <p className="count">
          {present.length > KEY_TOPICS && `and ${present.length - KEY_TOPICS} more topics`}
          {present.length > KEY_TOPICS && untopiced > 0 && '; '}
          {untopiced > 0 && `${untopiced} without a topic (tags, stubs) keep their kind's colour`}
        </p>
      )}
    </div>
  );
}

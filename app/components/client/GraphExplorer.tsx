'use client';
import { listNodeKinds } from '@/lib/domain/kinds';

import { useCallback, useEffect, useId, useMemo, useState, useSyncExternalStore, type ComponentType, type FormEvent, type ReactNode } from 'react';
import type { CompactGraph } from '@/lib/graph/layout';
import { EDGE_KINDS, MAX_DEPTH, type Neighbourhood, type PathView } from '@/lib/graph/neighbourhood';
import { isNodeIdShaped } from '@/lib/domain/node-id';
import type { EdgeKind, NodeKind } from '@/lib/graph/types';
import { KindBadge } from '../KindBadge';
import { NodeLink } from '../NodeLink';
import type { GraphCanvasProps } from './GraphCanvas';
import { EDGE_LABEL, EDGE_LOOK, GraphLegend, KIND_LABEL, KIND_PLURAL, setLocation, subscribeLocation } from './GraphKit';
import { describeCounts } from './NeighbourhoodList';
import { TopicMap } from './TopicMap';

/*
 * /graph: the whole collection. This shell holds the controls and the view's state
 * (all of it in the URL query, so a shared link reopens the same view); the canvas
 * and cytoscape load after it.
 */
/** Must match LARGE_GRAPH in GraphCanvas.tsx; importing it would pull cytoscape into this chunk. */
const LARGE_GRAPH = 1000;

/**
 * The edges drawn when the URL names none: every kind in a small graph; in a large
 * one, the citations (sources, related concepts and papers, next lines) without
 * mentions and tags, which hold most of the edges and turn a drawing to felt.
 */
function defaultEdgeKinds(nodes: number): ReadonlySet<EdgeKind> {
  return new Set(nodes >= LARGE_GRAPH ? EDGE_KINDS.filter((k) => k !== 'mentions' && k !== 'tag') : EDGE_KINDS);
}

/**
 * The canvas module (cytoscape with it), imported by hand as the page mounts, beside
 * the graph's data, and rendered once both are in: not `next/dynamic`, which would
 * start it on first render after the data and then suspend, and React holds a
 * revealed Suspense boundary back for up to 300 ms.
 */
const loadCanvas = () => import('./GraphCanvas');

/** The view's state, as the query string holds it. */
export interface GraphViewState {
  readonly focus?: string;
  /** Hops from the focus to show; 0 for the whole graph. */
  readonly depth: number;
  readonly kinds: ReadonlySet<NodeKind>;
  /** Edge kinds to draw (and follow for the depth); the default for the graph's size when absent. */
  readonly edges?: ReadonlySet<EdgeKind>;
  /** A renderer chosen by hand (`?renderer=canvas`), for a browser whose WebGL is slow. */
  readonly renderer?: 'canvas' | 'webgl';
  /** A tag node's id: only what carries the tag. */
  readonly tag?: string;
  readonly from?: string;
  readonly to?: string;
  /**
   * What the graph shows with no focus, path or tag: the map of topics or the overview
   * (`?view=`); absent, the page's default (the map of topics for a collection larger
   * than its overview).
   */
  readonly view?: 'topics' | 'overview';
}

export function parseGraphSearch(search: string): GraphViewState {
  const params = new URLSearchParams(search);
  const id = (name: string) => {
    const value = params.get(name);
    return value && isNodeIdShaped(value) ? value : undefined;
  };
  const depth = Number(params.get('depth'));
  const kinds = params.get('kinds');
  const picked = kinds === null ? listNodeKinds() : listNodeKinds().filter((k) => kinds.split(',').includes(k));
  const edges = params.get('edges');
  const renderer = params.get('renderer');
  const focus = id('focus');
  const tag = id('tag');
  const from = id('from');
  const to = id('to');
  const view = params.get('view');
  return {
    depth: Number.isInteger(depth) && depth >= 1 && depth <= MAX_DEPTH ? depth : 0,
    kinds: new Set(picked),
    ...(edges !== null ? { edges: new Set(EDGE_KINDS.filter((k) => edges.split(',').includes(k))) } : {}),
    ...(renderer === 'canvas' || renderer === 'webgl' ? { renderer } : {}),
    ...(focus ? { focus } : {}),
    ...(tag ? { tag } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(view === 'topics' || view === 'overview' ? { view } : {}),
  };
}

/** True when the view is the map of topics: nothing focused, no path, no tag, and the map asked for or the default. */
export function showsTopics(state: GraphViewState, opensOnTopics: boolean): boolean {
  if (state.focus || state.from || state.to || state.tag || state.depth > 0) return false;
  return state.view === 'topics' || (state.view === undefined && opensOnTopics);
}

function searchFor(state: GraphViewState): string {
  const params = new URLSearchParams();
  if (state.focus) params.set('focus', state.focus);
  if (state.depth) params.set('depth', String(state.depth));
  if (state.kinds.size < listNodeKinds().length) params.set('kinds', listNodeKinds().filter((k) => state.kinds.has(k)).join(','));
  if (state.edges) params.set('edges', EDGE_KINDS.filter((k) => state.edges?.has(k)).join(','));
  if (state.renderer) params.set('renderer', state.renderer);
  if (state.tag) params.set('tag', state.tag);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.view) params.set('view', state.view);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The collection with the lookups the view needs, built once per load. */
interface Indexed {
  readonly graph: CompactGraph;
  readonly index: ReadonlyMap<string, number>;
  /** Undirected adjacency in compressed rows. */
  readonly start: Int32Array;
  readonly adjacent: Int32Array;
  /** The edge kind (index into graph.edgeKinds) of each entry of `adjacent`. */
  readonly adjacentKind: Uint8Array;
  /** For each tag node, the documents carrying it. */
  readonly members: ReadonlyMap<number, readonly number[]>;
  /** Tag nodes, most used first. */
  readonly tags: readonly { readonly index: number; readonly title: string; readonly count: number }[];
  /** Title → node, documents before stubs, for the title inputs. */
  readonly byTitle: ReadonlyMap<string, number>;
}

function indexGraph(graph: CompactGraph): Indexed {
  const n = graph.ids.length;
  const index = new Map(graph.ids.map((id, i) => [id, i]));
  const degree = new Int32Array(n + 1);
  const tagKind = graph.edgeKinds.indexOf('tag');
  const members = new Map<number, number[]>();
  for (let e = 0; e < graph.edges.length; e += 3) {
    const s = graph.edges[e] as number;
    const t = graph.edges[e + 1] as number;
    degree[s]!++;
    degree[t]!++;
    if (graph.edges[e + 2] === tagKind) {
      const list = members.get(t) ?? [];
      list.push(s);
      members.set(t, list);
    }
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + degree[i]!;
  const fill = start.slice(0, n);
  const adjacent = new Int32Array(start[n]!);
  const adjacentKind = new Uint8Array(start[n]!);
  for (let e = 0; e < graph.edges.length; e += 3) {
    const s = graph.edges[e] as number;
    const t = graph.edges[e + 1] as number;
    const k = graph.edges[e + 2] as number;
    adjacentKind[fill[s]!] = k;
    adjacent[fill[s]!++] = t;
    adjacentKind[fill[t]!] = k;
    adjacent[fill[t]!++] = s;
  }
  const tagIndex = graph.nodeKinds.indexOf('tag');
  const tags = graph.ids
    .map((_, i) => i)
    .filter((i) => graph.kinds[i] === tagIndex)
    .map((i) => ({ index: i, title: graph.titles[i] ?? '', count: members.get(i)?.length ?? 0 }))
    .sort((a, b) => b.count - a.count || a.title.localeCompare(b.title));
  const byTitle = new Map<string, number>();
  for (const pass of [0, 1]) {
    graph.titles.forEach((title, i) => {
      if ((graph.stubs[i] ?? 0) === pass && !byTitle.has(title)) byTitle.set(title, i);
    });
  }
  return { graph, index, start, adjacent, adjacentKind, members, tags, byTitle };
}

/** Which nodes to draw: kind and tag filters, then the hops from the focus; the focus and a path always. */
function visibleNodes(data: Indexed, state: GraphViewState, edgeKinds: ReadonlySet<EdgeKind>, path: readonly number[] | undefined): Uint8Array {
  const { graph } = data;
  const follow = graph.edgeKinds.map((k) => edgeKinds.has(k));
  const n = graph.ids.length;
  const pass = new Uint8Array(n);
  const tag = state.tag !== undefined ? data.index.get(state.tag) : undefined;
  const carriers = tag !== undefined ? new Set(data.members.get(tag) ?? []) : undefined;
  for (let i = 0; i < n; i++) {
    const kind = graph.nodeKinds[graph.kinds[i] ?? 0] ?? 'note';
    pass[i] = state.kinds.has(kind) && (!carriers || carriers.has(i) || i === tag) ? 1 : 0;
  }
  const focus = state.focus !== undefined ? data.index.get(state.focus) : undefined;
  let visible = pass;
  if (focus !== undefined && state.depth > 0) {
    visible = new Uint8Array(n);
    visible[focus] = 1;
    let frontier = [focus];
    for (let d = 0; d < state.depth && frontier.length; d++) {
      const next: number[] = [];
      for (const i of frontier) {
        for (let a = data.start[i]!; a < data.start[i + 1]!; a++) {
          const j = data.adjacent[a]!;
          if (visible[j] || !pass[j] || !follow[data.adjacentKind[a]!]) continue;
          visible[j] = 1;
          next.push(j);
        }
      }
      frontier = next;
    }
  }
  if (focus !== undefined) visible[focus] = 1;
  for (const i of path ?? []) visible[i] = 1;
  return visible;
}

/**
 * The query of the region to ask the server for, when the graph is an overview and
 * the view needs nodes it may not hold: a focus with a depth, a focus outside the
 * overview, or a path. Undefined when the graph at hand shows the view itself.
 */
export function regionQueryFor(graph: Pick<CompactGraph, 'level'>, has: (id: string) => boolean, state: GraphViewState): string | undefined {
  if (graph.level !== 'overview') return undefined;
  const path = state.from !== undefined && state.to !== undefined;
  const focus = state.focus !== undefined && (state.depth > 0 || !has(state.focus));
  if (!path && !focus) return undefined;
  const params = new URLSearchParams();
  if (state.focus) params.set('focus', state.focus);
  if (path && state.from && state.to) {
    params.set('from', state.from);
    params.set('to', state.to);
  }
  params.set('depth', String(state.depth || 1));
  if (state.kinds.size < listNodeKinds().length) params.set('nodeKinds', listNodeKinds().filter((k) => state.kinds.has(k)).join(','));
  if (state.edges) params.set('edgeKinds', EDGE_KINDS.filter((k) => state.edges?.has(k)).join(','));
  return params.toString();
}

/**
 * The graph the view draws: what GET /api/graph/ answers (the whole collection, or
 * an overview of a large one) and, when the view needs it, the region around a
 * focus or a path, asked for as the state changes.
 */
function useGraphData(state: GraphViewState) {
  const [base, setBase] = useState<Indexed | undefined>();
  const [region, setRegion] = useState<{ key: string; data: Indexed } | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    const abort = new AbortController();
    const started = performance.now();
    fetch('/api/graph/', { signal: abort.signal })
      .then((r) => r.json() as Promise<CompactGraph>)
      .then((graph) => {
        performance.mark('trellis:graph:data', { detail: { fetchMs: performance.now() - started } });
        setBase(indexGraph(graph));
      })
      .catch((e: unknown) => {
        if ((e as Error).name !== 'AbortError') setError('The graph could not be loaded.');
      });
    return () => abort.abort();
  }, []);

  const regionKey = base ? regionQueryFor(base.graph, (id) => base.index.has(id), state) : undefined;
  useEffect(() => {
    if (!regionKey) return;
    const abort = new AbortController();
    fetch(`/api/graph/?${regionKey}`, { signal: abort.signal })
      .then(async (r) => {
        const body = (await r.json()) as CompactGraph | { error: string };
        if ('error' in body) setError(body.error);
        else setRegion({ key: regionKey, data: indexGraph(body) });
      })
      .catch((e: unknown) => {
        if ((e as Error).name !== 'AbortError') setError('The part of the graph asked for could not be loaded.');
      });
    return () => abort.abort();
  }, [regionKey]);

  const view = regionKey ? (region?.key === regionKey ? region.data : undefined) : base;
  return { base, view, regionKey, error };
}

/** A title from the search index: the suggestions of an overview, which holds only some titles. */
interface FoundTitle {
  readonly id: string;
  readonly title: string;
  readonly kind: NodeKind;
}

async function searchTitles(text: string, signal?: AbortSignal): Promise<FoundTitle[]> {
  const response = await fetch(`/api/search/?${new URLSearchParams({ q: text, limit: '10' })}`, { signal });
  if (!response.ok) return [];
  const body = (await response.json()) as { results?: FoundTitle[] };
  return (body.results ?? []).map(({ id, title, kind }) => ({ id, title, kind }));
}

/** Suggestions from the search index for what was typed, when `enabled` (an overview); remembered by title for `resolve`. */
function useSearchedTitles(text: string | undefined, enabled: boolean, known: Map<string, string>): readonly FoundTitle[] {
  const [found, setFound] = useState<{ text: string; titles: readonly FoundTitle[] }>({ text: '', titles: [] });
  const query = text?.trim() ?? '';
  useEffect(() => {
    if (!enabled || query.length < 2) return;
    const abort = new AbortController();
    // A short wait: a request per word typed, not per key.
    const timer = setTimeout(() => {
      searchTitles(query, abort.signal)
        .then((titles) => {
          for (const t of titles) known.set(t.title, t.id);
          setFound({ text: query, titles });
        })
        .catch(() => {});
    }, 150);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [query, enabled, known]);
  return enabled && found.text === query ? found.titles : [];
}

/** What the view shows, in words: the notice above the drawing and the canvas's text alternative. */
export function describeView(graph: CompactGraph, shown: number, focusTitle: string | undefined): string {
  const n = (x: number) => x.toLocaleString('en');
  const total = graph.total.nodes;
  if (graph.level === 'overview') {
    const most = `the ${n(graph.ids.length)} most connected`;
    return `Showing ${shown === graph.ids.length ? most : `${n(shown)} of ${most}`} of ${n(total)} nodes.`;
  }
  if (graph.level === 'region' && graph.region) {
    const { depth, truncated, seeds } = graph.region;
    const steps = `${depth} step${depth > 1 ? 's' : ''}`;
    const first = truncated ? 'the first ' : '';
    const what = seeds.length > 1 ? `the path and ${first}${n(Math.max(0, shown - seeds.length))} nodes within ${steps} of it` : `${first}${n(shown)} nodes within ${steps} of ${focusTitle ?? 'the focus'}`;
    return `Showing ${what}, of ${n(total)} in the collection.${truncated ? ' More are within reach than one view holds.' : ''}`;
  }
  return `Showing ${n(shown)} of ${n(total)} nodes.`;
}

/** A title input with suggestions: at most 30, from the graph at hand, then (an overview) from the search index. */
function TitleInput({ label, name, value, onText, data, searched, listId }: { label: string; name: string; value: string; onText: (text: string) => void; data?: Indexed; searched: readonly FoundTitle[]; listId: string }) {
  const options = useMemo(() => {
    const text = value.trim().toLowerCase();
    if (!data || text.length < 2) return [];
    const found = new Map<string, NodeKind>();
    for (const [title, i] of data.byTitle) {
      if (found.size === 30) break;
      if (title.toLowerCase().includes(text)) found.set(title, data.graph.nodeKinds[data.graph.kinds[i] ?? 0] ?? 'note');
    }
    for (const t of searched) if (found.size < 30 && !found.has(t.title)) found.set(t.title, t.kind);
    return [...found].map(([title, kind]) => ({ title, kind }));
  }, [data, value, searched]);
  return (
    <label className="graph-title-input">
      <span>{label}</span>
      <input name={name} type="search" list={listId} value={value} onChange={(e) => onText(e.target.value)} autoComplete="off" placeholder="Type a title" />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o.title} value={o.title} label={KIND_LABEL[o.kind]} />
        ))}
      </datalist>
    </label>
  );
}

export interface GraphExplorerProps {
  /** Nodes and edges in the collection, for the text alternative before the drawing loads. */
  readonly totals: { readonly nodes: number; readonly edges: number };
  /** What the server could say without JavaScript (the focus card, a path as text), shown until the view loads. */
  readonly children?: ReactNode;
  /** True when the page opens on the map of topics (a collection larger than its overview, its topics computed). */
  readonly opensOnTopics?: boolean;
}

export function GraphExplorer({ totals, children, opensOnTopics = false }: GraphExplorerProps) {
  const ids = useId();
  const search = useSyncExternalStore(subscribeLocation, () => window.location.search, () => '');
  const state = useMemo(() => parseGraphSearch(search), [search]);
  const { base, view: data, regionKey, error: loadError } = useGraphData(state);
  const [error, setError] = useState<string | undefined>();
  const [card, setCard] = useState<Neighbourhood | undefined>();
  const [path, setPath] = useState<{ key: string; view: PathView } | undefined>();
  const [texts, setTexts] = useState<{ find?: string; from?: string; to?: string }>({});
  /** An overview holds only some titles: the others are looked up in the search index, and remembered here. */
  const bounded = base?.graph.level === 'overview';
  const [known] = useState(() => new Map<string, string>());
  const searched = {
    find: useSearchedTitles(texts.find, bounded, known),
    from: useSearchedTitles(texts.from, bounded, known),
    to: useSearchedTitles(texts.to, bounded, known),
  };

  const topics = showsTopics(state, opensOnTopics);
  const update = useCallback(
    (change: Partial<GraphViewState>, mode: 'push' | 'replace' = 'replace') => {
      const next = { ...state, ...change };
      for (const key of ['focus', 'tag', 'from', 'to', 'edges', 'view'] as const) if (next[key] === undefined) delete (next as Record<string, unknown>)[key];
      setLocation(`${window.location.pathname}${searchFor(next)}`, mode);
    },
    [state],
  );

  const [GraphCanvas, setCanvas] = useState<ComponentType<GraphCanvasProps> | undefined>();
  useEffect(() => {
    let current = true;
    loadCanvas().then(
      (module) => current && setCanvas(() => module.default),
      () => current && setError('The drawing could not be loaded.'),
    );
    return () => {
      current = false;
    };
  }, []);

  // The focus's card: its summary and neighbours, from the neighbourhood route.
  useEffect(() => {
    if (!state.focus) return;
    const abort = new AbortController();
    fetch(`/api/neighbourhood/?${new URLSearchParams({ id: state.focus, depth: '1' })}`, { signal: abort.signal })
      .then((r) => (r.ok ? (r.json() as Promise<Neighbourhood>) : undefined))
      .then((view) => setCard(view))
      .catch(() => {});
    return () => abort.abort();
  }, [state.focus]);

  const pathKey = state.from && state.to ? `${state.from} ${state.to}` : undefined;
  useEffect(() => {
    if (!pathKey || !state.from || !state.to) return;
    const abort = new AbortController();
    fetch(`/api/path/?${new URLSearchParams({ from: state.from, to: state.to })}`, { signal: abort.signal })
      .then(async (r) => {
        const body = (await r.json()) as PathView | { error: string };
        if ('error' in body) setError(body.error);
        else setPath({ key: pathKey, view: body });
      })
      .catch(() => {});
    return () => abort.abort();
  }, [pathKey, state.from, state.to]);

  const currentPath = path && path.key === pathKey ? path.view : undefined;
  const pathIndices = useMemo(() => (data && currentPath ? currentPath.nodes.map((n) => data.index.get(n.id)).filter((i) => i !== undefined) : undefined), [data, currentPath]);
  const edgeKinds = useMemo(() => state.edges ?? defaultEdgeKinds(data?.graph.ids.length ?? 0), [state.edges, data]);
  // A region arrives with its steps taken on the server: here only the filters apply.
  const visible = useMemo(() => (data ? visibleNodes(data, regionKey ? { ...state, depth: 0 } : state, edgeKinds, pathIndices) : undefined), [data, regionKey, state, edgeKinds, pathIndices]);
  const shownCount = useMemo(() => (visible ? visible.reduce((a, b) => a + b, 0) : 0), [visible]);
  const focusIndex = state.focus !== undefined ? data?.index.get(state.focus) : undefined;
  const cardNode = card && card.centre === state.focus ? card.nodes.find((n) => n.id === card.centre) : undefined;
  const titleOf = (id: string | undefined): string | undefined => {
    if (!id) return undefined;
    for (const d of [data, base]) {
      const i = d?.index.get(id);
      if (d && i !== undefined) return d.graph.titles[i];
    }
    return currentPath?.nodes.find((n) => n.id === id)?.title ?? (cardNode?.id === id ? cardNode.title : undefined);
  };

  const onSelect = useCallback((i: number) => data && update({ focus: data.graph.ids[i] }, 'push'), [data, update]);
  // A document chosen on the map of topics: its neighbourhood in the graph.
  const onTopicDocument = useCallback((url: string) => update({ focus: url, depth: 1 }, 'push'), [update]);
  /** Where "Back" and "the overview" lead: the map of topics when the page opens on it, unless the overview was chosen. */
  const backToTopics = opensOnTopics && state.view !== 'overview';

  /** The node a typed title names: in the graph at hand, else (an overview) in the search index. */
  async function resolve(text: string | undefined): Promise<string | undefined> {
    const title = text?.trim();
    if (!title) return undefined;
    for (const d of [data, base]) {
      const i = d?.byTitle.get(title);
      if (d && i !== undefined) return d.graph.ids[i];
    }
    if (known.has(title) || !bounded) return known.get(title);
    const found = await searchTitles(title).catch(() => []);
    return found.find((t) => t.title.toLowerCase() === title.toLowerCase())?.id;
  }

  async function findNode(event: FormEvent) {
    event.preventDefault();
    const text = texts.find;
    const id = await resolve(text);
    if (id === undefined) setError(text ? `No node titled “${text}”.` : undefined);
    else {
      setError(undefined);
      setTexts((t) => ({ ...t, find: undefined }));
      // In an overview, finding a node shows its neighbourhood, which the overview may not hold.
      update({ focus: id, ...(bounded && !state.depth ? { depth: 1 } : {}) }, 'push');
    }
  }

  async function findPath(event: FormEvent) {
    event.preventDefault();
    const [from, to] = await Promise.all([resolve(texts.from ?? titleOf(state.from)), resolve(texts.to ?? titleOf(state.to))]);
    if (from === undefined || to === undefined) {
      setError(`Pick both ends of the path from the suggestions.`);
      return;
    }
    setError(undefined);
    setTexts((t) => ({ ...t, from: undefined, to: undefined }));
    update({ from, to }, 'push');
  }

  const focusTitle = cardNode?.title ?? titleOf(state.focus);
  const shownText = data ? describeView(data.graph, shownCount, focusTitle) : undefined;
  const notice = topics
    ? 'The map of topics: the collection by subject. Choose a topic to see its subtopics or documents; find a node to see its neighbourhood.'
    : data
    ? `${shownText}${data.graph.level === 'overview' ? ' Find a node to see its neighbourhood.' : ''}`
    : base
      ? `Loading the part of the graph around ${focusTitle ?? 'the focus'}…`
      : `Loading the graph of ${totals.nodes.toLocaleString('en')} nodes and ${totals.edges.toLocaleString('en')} edges…`;
  const label = data
    ? `Graph of the collection. ${shownText}${cardNode ? ` Focused on ${cardNode.title}.` : ''} Use the search and path fields to move around it.`
    : `Graph of the collection: ${totals.nodes} nodes, ${totals.edges} edges.`;
  const shownError = error ?? loadError;

  return (
    <div className="graph-explorer">
      <div className="graph-controls">
        <form className="graph-find" role="search" onSubmit={findNode} method="get" action="/graph/">
          <TitleInput label="Find a node" name="focus" value={texts.find ?? titleOf(state.focus) ?? ''} onText={(find) => setTexts((t) => ({ ...t, find }))} data={data} searched={searched.find} listId={`${ids}-find`} />
          <button type="submit">Focus</button>
        </form>
        <label>
          Show{' '}
          <select
            value={topics ? 'topics' : String(state.depth)}
            onChange={(e) => {
              const value = e.target.value;
              if (value === 'topics') update({ view: opensOnTopics ? undefined : 'topics', focus: undefined, depth: 0, tag: undefined, from: undefined, to: undefined });
              else update({ depth: Number(value), ...(value === '0' && opensOnTopics ? { view: 'overview' as const } : {}) });
            }}
          >
            {opensOnTopics && <option value="topics">the map of topics</option>}
            <option value={0}>{bounded || opensOnTopics ? 'the overview' : 'the whole graph'}</option>
            {[1, 2, 3].map((d) => (
              <option key={d} value={d} disabled={!state.focus}>
                {d} step{d > 1 ? 's' : ''} from the focus
              </option>
            ))}
          </select>
        </label>
        <fieldset className="graph-kinds">
          <legend>Kinds</legend>
          {listNodeKinds().map((kind) => (
            <label key={kind} data-kind={kind}>
              <input
                type="checkbox"
                checked={state.kinds.has(kind)}
                onChange={() => {
                  const kinds = new Set(state.kinds);
                  if (kinds.has(kind)) kinds.delete(kind);
                  else kinds.add(kind);
                  update({ kinds });
                }}
              />
              <span className="swatch" aria-hidden="true" />
              {KIND_PLURAL[kind]}
            </label>
          ))}
        </fieldset>
        <fieldset className="graph-kinds">
          <legend>Edges</legend>
          {EDGE_KINDS.map((kind) => (
            <label key={kind}>
              <input
                type="checkbox"
                checked={edgeKinds.has(kind)}
                onChange={() => {
                  const edges = new Set(edgeKinds);
                  if (edges.has(kind)) edges.delete(kind);
                  else edges.add(kind);
                  update({ edges });
                }}
              />
              {EDGE_LABEL[kind].toLowerCase()}
            </label>
          ))}
        </fieldset>
        <label>
          Tag{' '}
          <select value={state.tag ?? ''} onChange={(e) => update({ tag: e.target.value || undefined })}>
            <option value="">any</option>
            {data?.tags.map((t) => (
              <option key={t.index} value={data.graph.ids[t.index]}>
                {t.title} ({t.count})
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => update({ focus: undefined, depth: 0, kinds: new Set(listNodeKinds()), edges: undefined, tag: undefined, from: undefined, to: undefined, view: undefined })}>
          Reset
        </button>
      </div>
      <form className="graph-path-form" onSubmit={findPath} method="get" action="/graph/">
        <TitleInput label="Path from" name="from" value={texts.from ?? titleOf(state.from) ?? ''} onText={(from) => setTexts((t) => ({ ...t, from }))} data={data} searched={searched.from} listId={`${ids}-from`} />
        <TitleInput label="to" name="to" value={texts.to ?? titleOf(state.to) ?? ''} onText={(to) => setTexts((t) => ({ ...t, to }))} data={data} searched={searched.to} listId={`${ids}-to`} />
        <button type="submit">Find path</button>
        {(state.from || state.to) && (
          <button
            type="button"
            onClick={() => {
              setTexts((t) => ({ ...t, from: '', to: '' }));
              update({ from: undefined, to: undefined });
            }}
          >
            Clear path
          </button>
        )}
      </form>
      {shownError && (
        <p className="graph-status" role="alert">
          {shownError}
        </p>
      )}
      <p className="graph-status graph-notice" aria-live="polite" data-level={topics ? 'topics' : data?.graph.level}>
        {notice}
      </p>
      {!topics && data?.graph.level === 'region' && (
        <p className="graph-status">
          <button type="button" onClick={() => update({ focus: undefined, depth: 0, from: undefined, to: undefined }, 'push')}>
            Back to the {backToTopics ? 'map of topics' : 'overview'}
          </button>
        </p>
      )}
      <div className="graph-stage">
        {topics ? (
          <TopicMap onDocument={onTopicDocument} />
        ) : data && visible && GraphCanvas ? (
          <GraphCanvas graph={data.graph} visible={visible} edgeKinds={edgeKinds} renderer={state.renderer} focus={focusIndex} fitVisible={state.depth > 0 || state.tag !== undefined || data.graph.level === 'region'} path={pathIndices} onSelect={onSelect} label={label} />
        ) : (
          <div className="graph-canvas collection-canvas graph-placeholder" />
        )}
        {base ? (
          <aside className="graph-side" aria-label="Selected node and path">
            {state.focus && cardNode && (
              <div className="graph-card" data-kind={cardNode.kind}>
                <p className="node-kind">
                  <KindBadge kind={cardNode.kind} stub={cardNode.stub} />
                </p>
                <h2>
                  <NodeLink node={{ url: cardNode.id, kind: cardNode.kind, stub: cardNode.stub, title: cardNode.title }} />
                </h2>
                {cardNode.summary && <p>{cardNode.summary}</p>}
                <p className="help">{card ? describeCounts(card.nodes, card.centre) : ''}.</p>
                <p>
                  <a href={cardNode.id}>Open its page →</a>
                </p>
                <p className="graph-card-actions">
                  <button type="button" onClick={() => update({ from: cardNode.id })}>
                    Path from here
                  </button>
                  <button type="button" onClick={() => update({ to: cardNode.id })}>
                    Path to here
                  </button>
                  <button type="button" onClick={() => update({ focus: undefined, depth: 0 })}>
                    Close
                  </button>
                </p>
              </div>
            )}
            {currentPath && (
              <div className="graph-path" data-found={currentPath.nodes.length > 0 ? 'true' : 'false'}>
                <h2>Path</h2>
                {currentPath.nodes.length === 0 ? (
                  <p className="empty">These two nodes are not connected.</p>
                ) : (
                  <ol className="link-list">
                    {currentPath.nodes.map((node, k) => {
                      const edge = currentPath.edges[k];
                      const forward = edge && edge.source === node.id;
                      return (
                        <li key={node.id} data-node={node.id}>
                          <NodeLink node={{ url: node.id, kind: node.kind, stub: node.stub, title: node.title }} />
                          {edge && (
                            <span className="relation">
                              {' '}
                              {forward ? '—' : '←'} {EDGE_LOOK[edge.kind].label} {forward ? '→' : '—'}
                            </span>
                          )}
                        </li>
                      );
                    })}
                  </ol>
                )}
              </div>
            )}
            {!state.focus && !currentPath && <p className="help">Click a node to see its summary; pick two titles to find the path between them.</p>}
          </aside>
        ) : (
          <aside className="graph-side">{children}</aside>
        )}
      </div>
      <GraphLegend />
    </div>
  );
}

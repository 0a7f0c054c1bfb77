'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CompactGraph } from '@/lib/graph/layout';
import { listNodeKinds } from '@/lib/domain/kinds';
import type { TopicMap as TopicMapData } from '@/lib/topics/map';
import type { NodeSingular } from 'cytoscape';
import { createLabelPlacer, KIND_SHAPE, labelBoxes, readTheme, registerProbe, type GraphTheme, type LabelLook } from './GraphKit';

/*
 * The map of topics on /topics/: one node per topic, sized by its documents and drawn
 * in the topic kind's colour and shape (lib/domain/kinds.ts), with
 * the links between topics as lines (GET /api/graph/?level=topics, laid out on the
 * server). It opens on the top-level topics; choosing a topic with subtopics zooms
 * into them, choosing a leaf topic shows its documents (GET /api/graph/?topic=,
 * at most 3,000, most central in the middle), and choosing a document opens its
 * page: semantic zoom, never more than a few thousand nodes in the browser.
 * cytoscape loads with the data, after the page; the tree below the map holds the
 * same topics as text.
 */

type Cytoscape = typeof import('cytoscape');
type Elements = import('cytoscape').ElementDefinition[];

/** What the map shows: the topics under a parent (-1: the top level), or a leaf topic's documents. */
type View = { readonly parent: number } | { readonly leaf: number; readonly members: CompactGraph };

/** The topics under `parent`, and the links among them (leaf links lifted to the level shown). */
function level(map: TopicMapData, parent: number): { nodes: number[]; edges: [number, number, number][] } {
  const nodes = map.parents.flatMap((p, i) => (p === parent ? [i] : []));
  const inside = new Set(nodes);
  const lift = (i: number): number => {
    let at = i;
    while (at >= 0 && !inside.has(at)) at = map.parents[at] ?? -1;
    return at;
  };
  const sums = new Map<string, number>();
  const source = parent === -1 ? map.rootEdges : map.edges;
  for (let e = 0; e < source.length; e += 3) {
    const [a, b] = [lift(source[e] as number), lift(source[e + 1] as number)];
    if (a < 0 || b < 0 || a === b) continue;
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    sums.set(key, (sums.get(key) ?? 0) + (source[e + 2] as number));
  }
  return { nodes, edges: [...sums].map(([key, w]) => [...(key.split(' ').map(Number) as [number, number]), w]) };
}

function topicElements(map: TopicMapData, parent: number): Elements {
  const shown = level(map, parent);
  const largest = Math.max(1, ...shown.nodes.map((i) => map.sizes[i] ?? 1));
  const heaviest = Math.max(1, ...shown.edges.map((e) => e[2]));
  return [
    ...shown.nodes.map((i) => ({
      group: 'nodes' as const,
      data: { id: `t${i}`, label: `${map.labels[i]} (${(map.sizes[i] ?? 0).toLocaleString('en')})`, size: 16 + 64 * Math.sqrt((map.sizes[i] ?? 1) / largest) },
      position: { x: map.positions[2 * i] ?? 0, y: map.positions[2 * i + 1] ?? 0 },
      classes: 'topic',
    })),
    ...shown.edges.map(([a, b, w]) => ({ group: 'edges' as const, data: { id: `e${a}-${b}`, source: `t${a}`, target: `t${b}`, width: 0.5 + 5 * Math.sqrt(w / heaviest) } })),
  ];
}

/** A leaf topic's documents on rings, the most central in the middle (they come in that order), with the links among them. */
function memberElements(members: CompactGraph): Elements {
  const nodes: Elements = members.ids.map((id, i) => {
    const ring = Math.floor(Math.sqrt(i));
    const onRing = 2 * ring + 1;
    // Each ring starts at another angle, so the rings' first places do not line up.
    const angle = (2 * Math.PI * (i - ring * ring)) / onRing + ring * 0.9;
    return {
      group: 'nodes' as const,
      data: { id: `d${i}`, url: id, label: members.titles[i] ?? '', size: 14 },
      position: { x: 110 * ring * Math.cos(angle), y: 110 * ring * Math.sin(angle) },
      classes: `document ${members.nodeKinds[members.kinds[i] ?? 0] ?? 'note'}`,
    };
  });
  const edges: Elements = [];
  for (let e = 0; e < members.edges.length; e += 3) edges.push({ group: 'edges' as const, data: { id: `m${e}`, source: `d${members.edges[e]}`, target: `d${members.edges[e + 1]}`, width: 1 } });
  return [...nodes, ...edges];
}

/** A topic's label names it and its size: wider than a document's, so the count is seldom cut. */
const TOPIC_LABEL: LabelLook = { font: 13, maxWidth: 280 };

function stylesheet(theme: GraphTheme) {
  return [
    { selector: 'node', style: { width: 'data(size)', height: 'data(size)', shape: KIND_SHAPE.topic, 'background-color': theme.kind.topic, 'background-opacity': 0.75 } },
    // Labels only where they fit (createLabelPlacer, GraphKit.tsx), which sizes them for the zoom.
    { selector: 'node.labelled', style: { label: 'data(label)', color: theme.text, 'font-family': 'system-ui, sans-serif', 'text-valign': 'bottom' as const, 'text-wrap': 'ellipsis' as const, 'text-background-color': theme.bg, 'text-background-opacity': 0.8, 'min-zoomed-font-size': 0 } },
    ...listNodeKinds().map((kind) => ({ selector: `node.document.${kind}`, style: { shape: KIND_SHAPE[kind], 'background-color': theme.kind[kind] } })),
    { selector: 'edge', style: { width: 'data(width)', 'line-color': theme.border, 'curve-style': 'straight' as const, opacity: 0.7 } },
  ];
}

/**
 * The map. `onDocument` is what choosing a document does: open its page by default;
 * /graph/ focuses it in the graph instead.
 */
export function TopicMap({ onDocument }: { onDocument?: (url: string) => void } = {}) {
  const router = useRouter();
  // Read when a document is chosen, so that a new callback does not draw the map again.
  const chosen = useRef(onDocument);
  useEffect(() => {
    chosen.current = onDocument;
  }, [onDocument]);
  const [map, setMap] = useState<TopicMapData | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [view, setView] = useState<View>({ parent: -1 });
  const [host, setHost] = useState<HTMLDivElement | null>(null);
  const [cytoscape, setCytoscape] = useState<Cytoscape | undefined>();

  useEffect(() => {
    let live = true;
    Promise.all([fetch('/api/graph/?level=topics').then((r) => (r.ok ? (r.json() as Promise<TopicMapData>) : Promise.reject(new Error(`the map is not ready (${r.status})`)))), import('cytoscape')])
      .then(([data, module]) => {
        if (!live) return;
        setMap(data);
        setCytoscape(() => module.default);
      })
      .catch((e: unknown) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, []);

  const elements = useMemo(() => (!map ? undefined : 'leaf' in view ? memberElements(view.members) : topicElements(map, view.parent)), [map, view]);

  useEffect(() => {
    if (!map || !elements || !host || !cytoscape) return;
    const cy = cytoscape({
      container: host,
      elements,
      style: stylesheet(readTheme()),
      layout: { name: 'preset', fit: true, padding: 40 },
      minZoom: 0.05,
      maxZoom: 6,
      autoungrabify: true,
      autounselectify: true,
      boxSelectionEnabled: false,
    });
    // Topics, largest first, then documents in the order they came (most central first).
    const order = cy.nodes().sort((a, b) => Number(b.data('size')) - Number(a.data('size'))).toArray() as NodeSingular[];
    const labels = createLabelPlacer(cy, { order, radius: (node) => Number(node.data('size')) / 2, text: (node) => String(node.data('label')), look: order[0]?.hasClass('topic') ? TOPIC_LABEL : undefined });
    labels.place();
    cy.on('viewport', labels.schedule);
    cy.on('tap', 'node.topic', (event) => {
      const i = Number(String(event.target.id()).slice(1));
      if (map.parents.includes(i)) {
        setView({ parent: i });
        return;
      }
      // A leaf: its documents.
      fetch(`/api/graph/?topic=${encodeURIComponent(map.slugs[i] ?? '')}`)
        .then((r) => (r.ok ? (r.json() as Promise<CompactGraph>) : Promise.reject(new Error(`the topic's documents could not be read (${r.status})`))))
        .then((members) => setView({ leaf: i, members }))
        .catch((e: unknown) => setError((e as Error).message));
    });
    cy.on('tap', 'node.document', (event) => {
      const url = String(event.target.data('url'));
      if (chosen.current) chosen.current(url);
      else router.push(url);
    });
    // What tests read: a topic by its slug, a document by its URL.
    const keyOf = (node: NodeSingular) => (node.hasClass('topic') ? (map.slugs[Number(node.id().slice(1))] ?? '') : String(node.data('url')));
    const unregister = registerProbe('topics', {
      nodeIds: () => cy.nodes().map(keyOf),
      centre: () => undefined,
      position: (key) => {
        const node = cy.nodes().filter((n) => keyOf(n) === key)[0];
        if (!node) return undefined;
        const box = host.getBoundingClientRect();
        const p = node.renderedPosition();
        return { x: box.left + p.x, y: box.top + p.y };
      },
      highlighted: () => [],
      zoom: () => cy.zoom(),
      panBy: (dx, dy) => cy.panBy({ x: dx, y: dy }),
      labels: () => labelBoxes(cy, host, keyOf),
    });
    return () => {
      labels.cancel();
      unregister();
      cy.destroy();
    };
  }, [map, elements, host, cytoscape, router]);

  if (error) return <p className="empty">The map could not be drawn: {error}. The list below holds every topic.</p>;
  const at = 'leaf' in view ? view.leaf : view.parent;
  const up = () => setView({ parent: 'leaf' in view ? (map?.parents[view.leaf] ?? -1) : (map?.parents[view.parent] ?? -1) });
  const shownCount = elements?.filter((e) => e.group === 'nodes').length ?? 0;
  return (
    <section className="topic-map" aria-label="Map of topics">
      <p className="topic-map-where">
        {map && at >= 0 ? (
          <>
            <button type="button" onClick={up}>
              ← Back
            </button>{' '}
            {'leaf' in view ? 'Documents of' : 'Subtopics of'} <a href={`/topics/${map.slugs[at]}/`}>{map.labels[at]}</a>
            {'leaf' in view && view.members.region?.truncated ? `: the ${shownCount.toLocaleString('en')} most central` : ''}
          </>
        ) : map ? (
          `${map.total.topics.toLocaleString('en')} topics over ${map.total.documents.toLocaleString('en')} documents: choose a topic to see its subtopics or documents.`
        ) : (
          'Drawing the map…'
        )}
      </p>
      <div
        ref={setHost}
        className="topic-map-canvas"
        role="img"
        aria-label={map && at >= 0 ? `${'leaf' in view ? 'Documents' : 'Subtopics'} of ${map.labels[at]}` : 'The top-level topics and the links between them'}
        data-shown={'leaf' in view ? 'documents' : 'topics'}
        data-nodes={shownCount}
      />
    </section>
  );
}

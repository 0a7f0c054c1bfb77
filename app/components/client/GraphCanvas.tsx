'use client';

import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import type { CompactGraph } from '@/lib/graph/layout';
import type { EdgeKind } from '@/lib/graph/types';
import { rankByDegree } from '@/lib/graph/label-placement';
import { afterNextDraw, canUseWebgl, createLabelPlacer, graphStylesheet, LABEL_STYLE_KEYS, labelBoxes, readTheme, registerProbe, styleLabels, watchTheme } from './GraphKit';

/*
 * The whole collection drawn with cytoscape, loaded on demand by GraphExplorer.
 * Small graphs are laid out here with cose, a bounded number of iterations; large
 * ones arrive with positions from the server (lib/graph/layout.ts) and are drawn
 * with the WebGL renderer when the browser has it. Only the edges of the kinds
 * shown are handed to cytoscape: its cost grows with the elements it holds.
 */

export interface GraphCanvasProps {
  readonly graph: CompactGraph;
  /** 1 for each node to draw, by index; filters and depth decide it. */
  readonly visible: Uint8Array;
  /** The kinds of edge to draw. */
  readonly edgeKinds: ReadonlySet<EdgeKind>;
  /** Index of the focused node. */
  readonly focus?: number;
  /** Fit the view to what is drawn when the focus or filters change (a depth is set), rather than centring on the focus. */
  readonly fitVisible: boolean;
  /** Indices of the nodes along a found path, in order. */
  readonly path?: readonly number[];
  readonly onSelect: (index: number) => void;
  /** Text alternative: what the drawing shows. */
  readonly label: string;
  /** Force a renderer; by default WebGL for large graphs when the browser has it. */
  readonly renderer?: 'canvas' | 'webgl';
}

/** From this many nodes: server positions and the WebGL renderer. */
export const LARGE_GRAPH = 1000;
const COSE_ITERATIONS = 500;

/**
 * A large graph's edges go in after its nodes are drawn, at most this many per
 * frame. Each step costs a full redraw, so steps are few: the citation edges of a
 * 5,000-node collection go in at once (docs/benchmarks.md, "Graph views").
 */
const EDGES_PER_FRAME = 20_000;

const nodeId = (i: number) => `n${i}`;
const indexOf = (id: string) => Number(id.slice(1));

function nodeElements(graph: CompactGraph): ElementDefinition[] {
  const { ids, titles, kinds, stubs, positions, nodeKinds } = graph;
  const elements: ElementDefinition[] = [];
  for (let i = 0; i < ids.length; i++) {
    const kind = nodeKinds[kinds[i] ?? 0] ?? 'note';
    elements.push({
      group: 'nodes',
      data: { id: nodeId(i), title: titles[i] ?? '' },
      classes: stubs[i] ? `${kind} stub` : kind,
      ...(positions ? { position: { x: positions[2 * i] ?? 0, y: positions[2 * i + 1] ?? 0 } } : {}),
    });
  }
  return elements;
}

function edgeElements(graph: CompactGraph, kinds: ReadonlySet<EdgeKind>): ElementDefinition[] {
  const { edgeKinds, edges } = graph;
  const elements: ElementDefinition[] = [];
  for (let e = 0; e < edges.length; e += 3) {
    const kind = edgeKinds[edges[e + 2] ?? 0] ?? 'mentions';
    if (!kinds.has(kind)) continue;
    elements.push({ group: 'edges', data: { id: `e${e / 3}`, source: nodeId(edges[e] ?? 0), target: nodeId(edges[e + 1] ?? 0) }, classes: kind });
  }
  return elements;
}

export default function GraphCanvas({ graph, visible, edgeKinds, focus, fitVisible, path, onSelect, label, renderer: forced }: GraphCanvasProps) {
  const host = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const shown = useRef<Uint8Array | null>(null);
  const drawnKinds = useRef<ReadonlySet<EdgeKind>>(new Set());
  const select = useRef(onSelect);
  const focusRef = useRef(focus);
  const pathRef = useRef(path);
  const [state, setState] = useState<'busy' | 'ready'>('busy');
  /** False while a large graph's edges are still going in. */
  const [edgesIn, setEdgesIn] = useState(false);
  const [renderer, setRenderer] = useState<'canvas' | 'webgl'>('canvas');
  const latestKinds = useRef(edgeKinds);
  /** Places the labels again once the view settles: after a focus, a path or a filter changes. */
  const placeLabelsRef = useRef<() => void>(() => {});

  useEffect(() => {
    select.current = onSelect;
    focusRef.current = focus;
    pathRef.current = path;
    latestKinds.current = edgeKinds;
  }, [onSelect, focus, path, edgeKinds]);

  useEffect(() => {
    const container = host.current;
    if (!container) return;
    const n = graph.ids.length;
    const large = n >= LARGE_GRAPH;
    const webgl = forced ? forced === 'webgl' && canUseWebgl({ allowSoftware: true }) : large && canUseWebgl();
    // The collection's edges carry no labels (CompactGraph has none).
    const styleOptions = { size: large ? 10 : 16, large, edgeLabels: false } as const;
    // A large graph arrives laid out: draw its nodes first, its edges after.
    const progressive = large && graph.positions !== undefined;
    const kinds = latestKinds.current;
    performance.mark('trellis:graph:layout-start');
    const cy = cytoscape({
      container,
      elements: progressive ? nodeElements(graph) : [...nodeElements(graph), ...edgeElements(graph, kinds)],
      style: graphStylesheet(readTheme(), styleOptions),
      layout: { name: 'preset', fit: true, padding: 24 },
      minZoom: 0.02,
      maxZoom: 4,
      boxSelectionEnabled: false,
      autounselectify: true,
      autoungrabify: large,
      // While panning and zooming a large graph: draw a snapshot, not every element.
      hideEdgesOnViewport: large,
      textureOnViewport: large && !webgl,
      pixelRatio: large ? 1 : 'auto',
      ...(webgl ? { webgl: true } : {}),
    });
    cyRef.current = cy;
    // A new graph or renderer starts over: drawn, then its edges again.
    setRenderer(webgl ? 'webgl' : 'canvas');
    setState('busy');
    setEdgesIn(false);
    let frame = 0;

    const addEdges = (pending: ElementDefinition[]) => {
      if (cy.destroyed()) return;
      performance.mark('trellis:graph:edges-add');
      cy.add(pending.splice(0, EDGES_PER_FRAME));
      performance.mark('trellis:graph:edges-added');
      if (pending.length) frame = requestAnimationFrame(() => addEdges(pending));
      else
        afterNextDraw(cy, () => {
          performance.mark('trellis:graph:edges');
          drawnKinds.current = kinds;
          setEdgesIn(true);
        });
    };
    // Labels: the most connected nodes' first, those that fit without overlapping,
    // placed again once the view stops moving (not at every frame).
    const order = rankByDegree(n, graph.edges).map((i) => cy.getElementById(nodeId(i)));
    const labels = createLabelPlacer(cy, { order, radius: (node) => ((node.hasClass('centre') ? 1.7 : 1) * styleOptions.size) / 2 + 2 });
    placeLabelsRef.current = labels.schedule;
    const ready = () => {
      performance.mark('trellis:graph:layout-stop');
      labels.place();
      afterNextDraw(cy, () => {
        performance.mark('trellis:graph:ready');
        setState('ready');
        if (progressive) addEdges(edgeElements(graph, kinds));
        else {
          drawnKinds.current = kinds;
          setEdgesIn(true);
        }
      });
    };
    if (graph.positions) ready();
    else {
      const layout = cy.layout({
        name: 'cose',
        animate: false,
        randomize: true,
        numIter: COSE_ITERATIONS,
        idealEdgeLength: () => 90,
        nodeRepulsion: () => 40_000,
        nodeOverlap: 20,
        fit: true,
        padding: 24,
      });
      layout.one('layoutstop', ready);
      layout.run();
    }

    cy.on('tap', 'node', (event) => select.current(indexOf((event.target as NodeSingular).id())));
    cy.on('mouseover', 'node', (event) => {
      const node = event.target as NodeSingular;
      node.addClass('hover');
      node.connectedEdges().addClass('hover');
      container.style.cursor = 'pointer';
    });
    cy.on('mouseout', 'node', (event) => {
      const node = event.target as NodeSingular;
      node.removeClass('hover');
      node.connectedEdges().removeClass('hover');
      container.style.cursor = '';
    });
    // Emphasised labels keep their size on screen at every frame of a zoom: they are few.
    const sizeLabels = () => styleLabels(cy.nodes('.focus, .path, .hover'), cy.zoom(), true);
    cy.on('zoom', sizeLabels);
    cy.on('mouseover', 'node', sizeLabels);
    cy.on('viewport', labels.schedule);

    const unwatch = watchTheme(() => cy.style(graphStylesheet(readTheme(), styleOptions)));
    const unregister = registerProbe('collection', {
      nodeIds: () => cy.nodes().not('.hidden').map((node) => graph.ids[indexOf(node.id())] ?? ''),
      centre: () => (focusRef.current === undefined ? undefined : graph.ids[focusRef.current]),
      position: (id) => {
        const i = graph.ids.indexOf(id);
        const node = cy.getElementById(nodeId(i));
        if (i < 0 || node.empty() || node.hasClass('hidden')) return undefined;
        const box = container.getBoundingClientRect();
        const p = node.renderedPosition();
        return { x: box.left + p.x, y: box.top + p.y };
      },
      highlighted: () => (pathRef.current ?? []).map((i) => graph.ids[i] ?? ''),
      zoom: () => cy.zoom(),
      panBy: (dx, dy) => void cy.panBy({ x: dx, y: dy }),
      labels: () => labelBoxes(cy, container, (node) => graph.ids[indexOf(node.id())] ?? ''),
    });
    return () => {
      cancelAnimationFrame(frame);
      labels.cancel();
      unwatch();
      unregister();
      cy.destroy();
      cyRef.current = null;
      shown.current = null;
    };
  }, [graph, forced]);

  // Edge kinds: add the edges of a kind when it is first shown, remove them when hidden.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !edgesIn || drawnKinds.current === edgeKinds) return;
    const before = drawnKinds.current;
    const added = new Set([...edgeKinds].filter((k) => !before.has(k)));
    cy.batch(() => {
      for (const kind of before) if (!edgeKinds.has(kind)) cy.remove(`edge.${kind}`);
      if (added.size) cy.add(edgeElements(graph, added));
    });
    drawnKinds.current = edgeKinds;
  }, [edgeKinds, graph, edgesIn]);

  // Filters: hide and show only what changed.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const before = shown.current;
    cy.batch(() => {
      for (let i = 0; i < visible.length; i++) {
        // Every node starts shown: the first pass only hides.
        if (before ? before[i] === visible[i] : visible[i]) continue;
        const node = cy.getElementById(nodeId(i));
        if (visible[i]) node.removeClass('hidden');
        else node.addClass('hidden');
      }
    });
    shown.current = visible;
    placeLabelsRef.current();
  }, [visible]);

  // The focus: marked, and brought into view.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || state !== 'ready') return;
    cy.nodes('.focus').removeStyle(LABEL_STYLE_KEYS).removeClass('focus');
    placeLabelsRef.current();
    const drawn = cy.nodes().not('.hidden');
    if (focus === undefined) {
      if (fitVisible || drawn.length < cy.nodes().length) cy.animate({ fit: { eles: drawn, padding: 30 } }, { duration: 250 });
      return;
    }
    const node = cy.getElementById(nodeId(focus));
    if (node.empty()) return;
    node.addClass('focus');
    styleLabels(node, cy.zoom(), true);
    if (fitVisible && drawn.length > 1) {
      cy.animate({ fit: { eles: drawn, padding: 40 } }, { duration: 300 });
    } else {
      // Centre on the node at a zoom where its neighbours' labels show.
      const zoom = Math.max(cy.zoom(), 1.2);
      const p = node.position();
      cy.animate({ zoom, pan: { x: cy.width() / 2 - p.x * zoom, y: cy.height() / 2 - p.y * zoom } }, { duration: 300 });
    }
  }, [focus, fitVisible, visible, state]);

  // A found path: its nodes and the edges between them, highlighted and in view.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !edgesIn) return;
    cy.remove('edge.path-only');
    cy.elements('.path').removeStyle(LABEL_STYLE_KEYS).removeClass('path');
    placeLabelsRef.current();
    if (!path?.length) return;
    const nodes = cy.collection();
    path.forEach((i, k) => {
      const node = cy.getElementById(nodeId(i));
      nodes.merge(node);
      const next = path[k + 1];
      if (next === undefined) return;
      const between = node.edgesWith(cy.getElementById(nodeId(next)));
      // The path may run along a kind of edge not drawn: draw that step alone.
      if (between.empty()) cy.add({ group: 'edges', data: { id: `path-${i}-${next}`, source: nodeId(i), target: nodeId(next) }, classes: 'path path-only' });
      else between.addClass('path');
    });
    nodes.addClass('path');
    styleLabels(nodes, cy.zoom(), true);
    cy.animate({ fit: { eles: nodes, padding: 80 } }, { duration: 300 });
  }, [path, edgesIn]);

  return (
    <div
      ref={host}
      className="graph-canvas collection-canvas"
      role="img"
      aria-label={label}
      data-graph-state={state}
      data-edges-state={edgesIn ? 'ready' : 'busy'}
      data-renderer={renderer}
      data-node-count={graph.ids.length}
    />
  );
}

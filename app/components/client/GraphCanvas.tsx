'use client';

import cytoscape, { type Core, type ElementDefinition, type NodeCollection, type NodeSingular } from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import type { CompactGraph } from '@/lib/graph/layout';
import type { EdgeKind } from '@/lib/graph/types';
import { afterNextDraw, canUseWebgl, graphStylesheet, readTheme, registerProbe, watchTheme } from './GraphKit';

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

/** From this many nodes: server positions, the WebGL renderer, labels only for what is in view. */
export const LARGE_GRAPH = 1000;
const COSE_ITERATIONS = 500;
/** Large graphs label the nodes in view once there are no more than this many. */
const LABELS_IN_VIEW = 250;
/**
 * Before that, an overview (its nodes come most important first: its tags, then
 * its most connected documents) labels up to this many of its first nodes in
 * view, so a reader sees words at every zoom.
 */
const LABELS_BY_RANK = 30;

/**
 * A large graph's edges go in after its nodes are drawn, at most this many per
 * frame. Each step costs a full redraw, so steps are few: the citation edges of a
 * 5,000-node collection go in at once (docs/benchmarks.md, "Graph views").
 */
const EDGES_PER_FRAME = 20_000;

/**
 * The nodes whose labels an overview shows: in rank order (the order the overview
 * lists them), each whose label would not overlap one already placed, on screen,
 * up to LABELS_BY_RANK. A rough box per label (7 px a character, at most 200 px,
 * under the node); placing labels properly is issue 14's.
 */
function rankedLabels(inView: NodeCollection): NodeCollection {
  const placed: { x1: number; x2: number; y1: number; y2: number }[] = [];
  let chosen = inView.slice(0, 0);
  for (let k = 0; k < Math.min(inView.length, 400) && chosen.length < LABELS_BY_RANK; k++) {
    const node = inView.eq(k);
    const p = node.renderedPosition();
    const half = Math.min(200, 7 * String(node.data('title')).length) / 2;
    const box = { x1: p.x - half, x2: p.x + half, y1: p.y, y2: p.y + 24 };
    if (placed.some((b) => b.x1 < box.x2 && box.x1 < b.x2 && b.y1 < box.y2 && box.y1 < b.y2)) continue;
    placed.push(box);
    chosen = chosen.union(node);
  }
  return chosen;
}

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
    const styleOptions = { size: large ? 10 : 16, large, allLabels: !large, edgeLabels: false } as const;
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
    // A large graph labels only the nodes in view, once few enough are: labels
    // appear as the reader zooms in, and zoomed out nothing is spent on text.
    let labelTimer: ReturnType<typeof setTimeout> | undefined;
    const labelInView = () => {
      const extent = cy.extent();
      const inView = cy.nodes().filter((node) => {
        if (node.hasClass('hidden')) return false;
        const p = node.position();
        return p.x >= extent.x1 && p.x <= extent.x2 && p.y >= extent.y1 && p.y <= extent.y2;
      });
      cy.batch(() => {
        cy.nodes('.ranked').removeStyle('font-size text-max-width text-margin-y').removeClass('ranked');
        cy.nodes('.labelled').removeClass('labelled');
        if (inView.length <= LABELS_IN_VIEW) inView.addClass('labelled');
        else if (graph.level === 'overview') {
          // Zoomed out, the model's 12 units are a pixel or two: these labels keep a screen size.
          const zoom = cy.zoom();
          rankedLabels(inView).addClass('labelled ranked').style({ 'font-size': 12 / zoom, 'text-max-width': `${200 / zoom}px`, 'text-margin-y': 4 / zoom });
        }
      });
    };
    const ready = () => {
      performance.mark('trellis:graph:layout-stop');
      if (large) labelInView();
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
    // Emphasised labels keep a readable size on screen whatever the zoom.
    const sizeLabels = () => {
      const size = Math.max(12, 13 / cy.zoom());
      cy.nodes('.focus, .path, .hover').style('font-size', size);
    };
    cy.on('zoom', sizeLabels);
    cy.on('mouseover', 'node', sizeLabels);

    if (large) {
      cy.on('viewport', () => {
        clearTimeout(labelTimer);
        labelTimer = setTimeout(labelInView, 200);
      });
    }

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
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(labelTimer);
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
  }, [visible]);

  // The focus: marked, and brought into view.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || state !== 'ready') return;
    cy.nodes('.focus').removeStyle('font-size').removeClass('focus');
    const drawn = cy.nodes().not('.hidden');
    if (focus === undefined) {
      if (fitVisible || drawn.length < cy.nodes().length) cy.animate({ fit: { eles: drawn, padding: 30 } }, { duration: 250 });
      return;
    }
    const node = cy.getElementById(nodeId(focus));
    if (node.empty()) return;
    node.addClass('focus');
    node.style('font-size', Math.max(12, 13 / cy.zoom()));
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
    cy.elements('.path').removeStyle('font-size').removeClass('path');
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
    nodes.style('font-size', 13);
    cy.animate({ fit: { eles: nodes, padding: 80 } }, { duration: 300, complete: () => nodes.style('font-size', Math.max(12, 13 / cy.zoom())) });
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

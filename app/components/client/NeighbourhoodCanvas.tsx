'use client';

import cytoscape, { type Collection, type Core, type ElementDefinition, type NodeSingular, type StylesheetJson } from 'cytoscape';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { MAX_DEPTH, type Neighbourhood } from '@/lib/graph/neighbourhood';
import { groupNeighbours } from '@/lib/site/neighbour-groups';
import { shortenAtWord } from '@/lib/site/reading';
import { topicColour } from '@/lib/site/topic-colour';
import { afterNextDraw, graphStylesheet, KIND_LABEL, readTheme, registerProbe, watchTheme, type GraphTheme } from './GraphKit';

/*
 * The neighbourhood drawn with cytoscape: the centre in the middle, rings by
 * distance. Loaded on demand by NeighbourhoodExplorer (a dynamic import), so cytoscape
 * never weighs on a page that does not show the graph.
 */

export interface NeighbourhoodCanvasProps {
  readonly view: Neighbourhood;
  /** The page's own node. */
  readonly home: string;
  /** The text alternative: what the graph shows, in counts. */
  readonly label: string;
  /** Re-centre the view on a node. */
  readonly onWalk: (id: string) => void;
  /** Open the centre's page. */
  readonly onOpen: (id: string) => void;
  /** What a node's colour says: its kind (the default), or its topic (nodes without one keep their kind's). */
  readonly colourBy?: 'kind' | 'topic';
}

const NODE_SIZE = 20;
/** Up to this many nodes every node is named on the canvas; past it, names show on hover and focus. */
const NAMED_UP_TO = 24;
/** A name on the canvas is cut to about this many characters, at a word; hover and focus show it whole. */
const SHORT_NAME = 26;
/** Past this many nodes, a walk re-draws at once instead of animating. */
const ANIMATE_UP_TO = 150;

/** The centre's sources by their number in its list (an inquiring line's numbered sources). */
function sourceNumbers(view: Neighbourhood): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const e of view.edges) if (e.kind === 'source' && e.source === view.centre && e.order !== undefined) numbers.set(e.target, e.order);
  return numbers;
}

/**
 * Elements for a neighbourhood, ordered so each ring groups its nodes by relation, as
 * the list does: an inquiring line's sources come clockwise from the top in their order,
 * named with their number.
 */
function elementsOf(view: Neighbourhood): ElementDefinition[] {
  const rank = new Map<string, number>([[view.centre, 0]]);
  for (const group of groupNeighbours(view)) for (const { node } of group.items) if (!rank.has(node.id)) rank.set(node.id, rank.size);
  const numbers = sourceNumbers(view);
  const named = view.nodes.length <= NAMED_UP_TO;
  const nodes: ElementDefinition[] = view.nodes.map((n) => {
    const number = numbers.get(n.id);
    const title = number === undefined ? n.title : `${number}. ${n.title}`;
    return {
      group: 'nodes',
      data: {
        id: n.id,
        title,
        short: shortenAtWord(title, n.id === view.centre ? 2 * SHORT_NAME : SHORT_NAME),
        kind: n.kind,
        distance: n.distance,
        rank: number ?? rank.get(n.id) ?? rank.size,
        ...(n.topic ? { topicColour: topicColour(n.topic) } : {}),
      },
      classes: [n.kind, n.stub ? 'stub' : '', n.id === view.centre ? 'centre' : '', named || number !== undefined ? 'named' : ''].filter(Boolean).join(' '),
    };
  });
  const seen = new Set<string>();
  const edges: ElementDefinition[] = [];
  for (const e of view.edges) {
    const id = `${e.source}|${e.kind}|${e.target}`;
    if (seen.has(id) || e.source === e.target) continue;
    seen.add(id);
    // A relation's label shows while its neighbour is hovered or has the keyboard: one at a time, never overlapping.
    edges.push({
      group: 'edges',
      data: { id, source: e.source, target: e.target, kind: e.kind, ...(e.label ? { label: e.label } : {}) },
      classes: e.kind,
    });
  }
  return [...nodes, ...edges];
}

/**
 * What the neighbourhood adds to the shared stylesheet: short names on named nodes,
 * the whole title on the one hovered or reached by the keyboard, and relation labels
 * kept level (a label turned along a vertical edge crossed both its nodes).
 */
function neighbourhoodStyle(theme: GraphTheme, byTopic: boolean): StylesheetJson {
  return [
    ...graphStylesheet(theme, { size: NODE_SIZE, large: false }),
    // By topic, the fill says the topic and the shape still says the kind; a stub stays hollow.
    ...(byTopic
      ? [
          { selector: 'node[topicColour]', style: { 'background-color': 'data(topicColour)', 'border-color': 'data(topicColour)' } },
          { selector: 'node.stub[topicColour]', style: { 'background-color': theme.bg } },
        ]
      : []),
    {
      selector: 'node.named',
      style: {
        label: 'data(short)',
        'font-size': 11,
        'font-family': 'system-ui, sans-serif',
        color: theme.text,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': '120px',
        'text-background-color': theme.bg,
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 0,
      },
    },
    { selector: 'node.centre', style: { label: 'data(short)', 'text-wrap': 'wrap', 'text-max-width': '200px' } },
    { selector: 'node.hover, node.cursor', style: { label: 'data(title)', 'text-wrap': 'wrap', 'text-max-width': '240px', 'z-index': 40 } },
    { selector: 'edge.labelled', style: { 'text-rotation': 'none', 'z-index': 35 } },
  ];
}

/** Neighbours in the order the arrow keys visit them: ring by ring, clockwise from the top. */
function keyOrder(cy: Core, centre: string): NodeSingular[] {
  const c = cy.getElementById(centre).position();
  const angle = (n: NodeSingular) => {
    const p = n.position();
    const a = Math.atan2(p.x - c.x, -(p.y - c.y));
    return a < 0 ? a + 2 * Math.PI : a;
  };
  const others: NodeSingular[] = [];
  cy.nodes().forEach((n) => {
    if (n.id() !== centre) others.push(n);
  });
  return others.sort((a, b) => (a.data('distance') as number) - (b.data('distance') as number) || angle(a) - angle(b));
}

export default function NeighbourhoodCanvas({ view, home, label, onWalk, onOpen, colourBy = 'kind' }: NeighbourhoodCanvasProps) {
  const host = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const centreRef = useRef(view.centre);
  const handlers = useRef({ onWalk, onOpen });
  const byTopic = useRef(colourBy === 'topic');
  /** Label sizing, set up with the cytoscape instance: `resize` after a zoom or new elements, `fit` for labels coming on show. */
  const labels = useRef<{ resize: () => void; fit: (elements: Collection) => void }>({ resize: () => {}, fit: () => {} });
  const running = useRef<{ stop(): unknown } | null>(null);
  const [cursor, setCursor] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  /** Ready once a neighbourhood is laid out and drawn; `centre` says which one. */
  const [state, setState] = useState<{ phase: 'busy' | 'ready'; centre?: string }>({ phase: 'busy' });

  useEffect(() => {
    handlers.current = { onWalk, onOpen };
  }, [onWalk, onOpen]);

  // One cytoscape instance for the life of the view; walks change its elements.
  useEffect(() => {
    const container = host.current;
    if (!container) return;
    const cy = cytoscape({
      container,
      style: neighbourhoodStyle(readTheme(), byTopic.current),
      minZoom: 0.2,
      // Fitting a handful of nodes would otherwise blow them up to fill the canvas.
      maxZoom: 1.6,
      boxSelectionEnabled: false,
      autounselectify: true,
      autoungrabify: true,
    });
    cyRef.current = cy;

    cy.on('tap', 'node', (event) => {
      const id = (event.target as NodeSingular).id();
      if (id === centreRef.current) handlers.current.onOpen(id);
      else handlers.current.onWalk(id);
    });
    cy.on('mouseover', 'node', (event) => {
      const node = event.target as NodeSingular;
      node.addClass('hover');
      node.connectedEdges().addClass('hover');
      // The centre's relations are labelled from their other ends, one at a time.
      const relations = node.id() === centreRef.current ? cy.collection() : node.connectedEdges('[label]');
      relations.addClass('labelled');
      fitLabels(node.union(relations));
      container.style.cursor = 'pointer';
    });
    cy.on('mouseout', 'node', (event) => {
      const node = event.target as NodeSingular;
      node.removeClass('hover');
      node.connectedEdges().removeClass('hover');
      node.connectedEdges('[label]').removeClass('labelled');
      container.style.cursor = '';
    });

    // Labels stay near 12px on screen at any zoom: readable when a large ring is
    // fitted small, not shouting when a small one is fitted large. Only labels on show
    // are sized (the centre's, the relations', and a node's as the pointer or the keyboard
    // reaches it): restyling every node of a large ring cost its first drawing dearly.
    let scale = 1;
    const fitLabels = (elements: Collection) =>
      cy.batch(() => {
        elements.nodes().forEach((n) => {
          const whole = n.hasClass('hover') || n.hasClass('cursor');
          const width = whole ? 240 : n.hasClass('centre') ? 200 : 120;
          n.style({ 'font-size': (n.hasClass('centre') || whole ? 12 : 11) * scale, 'text-max-width': `${width * scale}px`, 'text-margin-y': 4 * scale });
        });
        elements.edges().style({ 'font-size': 10.5 * scale, 'text-max-width': `${200 * scale}px` });
      });
    const sizeLabels = () => {
      const next = 1 / cy.zoom();
      if (Math.abs(next - scale) / scale < 0.05) return;
      scale = next;
      fitLabels(cy.elements('node.centre, node.named, node.hover, node.cursor, edge.labelled'));
    };
    cy.on('zoom', sizeLabels);
    labels.current.fit = fitLabels;
    // New elements come without the sizes; the view effect calls this once they are in.
    labels.current.resize = () => {
      scale = 0;
      sizeLabels();
    };

    const unwatch = watchTheme(() => cy.style(neighbourhoodStyle(readTheme(), byTopic.current)));
    const unregister = registerProbe('neighbourhood', {
      nodeIds: () => cy.nodes().map((n) => n.id()),
      centre: () => centreRef.current,
      position: (id) => {
        const node = cy.getElementById(id);
        if (node.empty()) return undefined;
        const box = container.getBoundingClientRect();
        const p = node.renderedPosition();
        return { x: box.left + p.x, y: box.top + p.y };
      },
      highlighted: () => [],
      zoom: () => cy.zoom(),
      panBy: (dx, dy) => void cy.panBy({ x: dx, y: dy }),
      label: (id) => {
        const node = cy.getElementById(id);
        return node.nonempty() ? String(node.style('label') ?? '') : '';
      },
      fill: (id) => {
        const node = cy.getElementById(id);
        return node.nonempty() ? String(node.style('background-color') ?? '') : '';
      },
    });
    return () => {
      unwatch();
      unregister();
      cy.destroy();
      cyRef.current = null;
    };
  }, []);

  // Each new neighbourhood: keep the nodes both views share, bring the new ones in
  // from the node walked to, and lay the rings out again around the new centre.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    // A walk before the last one finished moving: stop that layout where it is.
    running.current?.stop();
    const first = cy.nodes().empty();
    if (first) performance.mark('trellis:neighbourhood:canvas');
    const from = cy.getElementById(view.centre);
    const origin = from.nonempty() ? { ...from.position() } : { x: 0, y: 0 };
    const all = elementsOf(view);
    const wanted = new Set(all.map((e) => e.data.id as string));
    // A first drawing has the nodes and the centre's edges; the edges among neighbours follow
    // in the next frame, once the view can be clicked (half the edges of a large ring).
    const later = first ? all.filter((e) => e.group === 'edges' && e.data.source !== view.centre && e.data.target !== view.centre) : [];
    const deferred = new Set(later);
    const elements = all.filter((e) => !deferred.has(e));
    cy.batch(() => {
      cy.edges().remove();
      cy.nodes().filter((n) => !wanted.has(n.id())).remove();
      for (const element of elements) {
        const existing = cy.getElementById(element.data.id as string);
        if (existing.nonempty() && element.group === 'nodes') {
          existing.data(element.data);
          existing.classes(element.classes as string);
        } else {
          cy.add(element.group === 'nodes' ? { ...element, position: { ...origin } } : element);
        }
      }
    });
    // Moving nodes keep their labels' size on the way; a first drawing is sized once, after its layout.
    if (!first) labels.current.resize();
    centreRef.current = view.centre;
    setCursor(undefined);
    setState({ phase: 'busy' });

    const count = cy.nodes().length;
    // Rings by distance; inside a ring, the list's order (a fraction of a level, so levels stay whole).
    const layout = cy.layout({
      name: 'concentric',
      concentric: (node: NodeSingular) => MAX_DEPTH + 1 - (node.data('distance') as number) + 0.8 * (1 - (node.data('rank') as number) / (count + 1)),
      levelWidth: () => 1,
      minNodeSpacing: 6,
      startAngle: (3 / 2) * Math.PI,
      clockwise: true,
      avoidOverlap: true,
      // Named nodes take their names' room, so that names in a ring do not run into each other.
      nodeDimensionsIncludeLabels: cy.nodes('.named').length > 1,
      fit: true,
      padding: 28,
      animate: !first && count <= ANIMATE_UP_TO,
      animationDuration: 350,
    });
    layout.one('layoutstop', () => {
      if (running.current !== layout) return;
      if (first) performance.mark('trellis:neighbourhood:layout');
      labels.current.resize();
      afterNextDraw(cy, () => {
        if (running.current !== layout) return;
        if (first) performance.mark('trellis:neighbourhood:interactive');
        if (later.length) cy.add(later);
        setState({ phase: 'ready', centre: view.centre });
      });
    });
    running.current = layout;
    layout.run();
  }, [view]);

  // Colour by kind or by topic: the same elements, another stylesheet.
  useEffect(() => {
    const topic = colourBy === 'topic';
    if (byTopic.current === topic) return;
    byTopic.current = topic;
    cyRef.current?.style(neighbourhoodStyle(readTheme(), topic));
    labels.current.resize();
  }, [colourBy]);

  // The keyboard's place, drawn with its label.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.nodes('.cursor').removeClass('cursor');
    if (cursor) labels.current.fit(cy.getElementById(cursor).addClass('cursor'));
  }, [cursor]);

  function describe(id: string, position?: { index: number; of: number }): string {
    const node = view.nodes.find((n) => n.id === id);
    if (!node) return '';
    const what = `${KIND_LABEL[node.kind]}: ${node.title}${node.stub ? ', not in the collection' : ''}`;
    if (id === view.centre) return `Centre. ${what}. ${id === home ? 'This page.' : 'Enter opens its page.'}`;
    return `${what}. ${position ? `${position.index + 1} of ${position.of}. ` : ''}Enter walks to it.`;
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const cy = cyRef.current;
    if (!cy) return;
    const order = keyOrder(cy, view.centre);
    const at = cursor ? order.findIndex((n) => n.id() === cursor) : -1;
    let next: string | undefined | null = null;
    switch (event.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        next = order[(at + 1) % order.length]?.id();
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        next = order[at <= 0 ? order.length - 1 : at - 1]?.id();
        break;
      case 'Home':
      case 'Escape':
        next = view.centre;
        break;
      case 'Enter':
      case ' ': {
        event.preventDefault();
        const target = cursor ?? view.centre;
        if (target === view.centre) onOpen(target);
        else onWalk(target);
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    if (!next) return;
    setCursor(next);
    const index = order.findIndex((n) => n.id() === next);
    setAnnouncement(describe(next, index >= 0 ? { index, of: order.length } : undefined));
  }

  return (
    <>
      <div
        ref={host}
        className="graph-canvas neighbourhood-canvas"
        role="application"
        aria-roledescription="graph"
        aria-label={label}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={() => setAnnouncement(describe(cursor ?? view.centre))}
        data-graph-state={state.phase}
        data-centre={state.centre}
        data-node-count={view.nodes.length}
        data-colour-by={colourBy}
      />
      <p className="graph-sr-only" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}

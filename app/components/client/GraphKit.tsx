/*
 * What both graph views share: the colours (read from the page's CSS variables,
 * so a graph matches the badges in light and dark), the cytoscape stylesheet, the
 * legend, and the read-only probe tests use. No cytoscape at run time here: the
 * shells that import this file are in the page's first-load JS, the canvases are not.
 */
import type { Core, NodeCollection, NodeSingular, StylesheetJson } from 'cytoscape';
import { placeLabels, type LabelBox } from '@/lib/graph/label-placement';
import type { EdgeKind, NodeKind } from '@/lib/graph/types';
import { kindEntries, kindLabel, kindPlural, listNodeKinds, type KindShape } from '@/lib/domain/kinds';

/** The colours a graph is drawn in. */
export interface GraphTheme {
  /** By kind name: every kind of the registry (lib/domain/kinds.ts). */
  readonly kind: Readonly<Record<string, string>>;
  readonly text: string;
  readonly muted: string;
  readonly bg: string;
  readonly border: string;
  readonly link: string;
}

const FALLBACK: GraphTheme = {
  kind: Object.fromEntries(kindEntries().map((e) => [e.kind, e.colour.light])),
  text: '#23221f',
  muted: '#66635b',
  bg: '#fbfaf7',
  border: '#dedad0',
  link: '#2456a6',
};

/** The theme as the page's stylesheet has it right now (globals.css, and --kind-note and the rest from lib/site/kind-styles.ts). */
export function readTheme(): GraphTheme {
  const css = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    kind: Object.fromEntries(kindEntries().map((e) => [e.kind, read(`--kind-${e.kind}`, e.colour.light)])),
    text: read('--text', FALLBACK.text),
    muted: read('--text-muted', FALLBACK.muted),
    bg: read('--bg', FALLBACK.bg),
    border: read('--border', FALLBACK.border),
    link: read('--link', FALLBACK.link),
  };
}

/**
 * Calls `onChange` whenever the theme may have changed: the system's light or dark
 * preference, or the theme toggle's `data-theme` on <html>. Returns the unsubscribe.
 */
export function watchTheme(onChange: () => void): () => void {
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', onChange);
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
  return () => {
    media.removeEventListener('change', onChange);
    observer.disconnect();
  };
}

/** Each kind's shape (lib/domain/kinds.ts), so kinds differ by more than colour. */
export const KIND_SHAPE: Readonly<Record<string, KindShape>> = Object.fromEntries(kindEntries().map((e) => [e.kind, e.shape]));

/** How each kind of edge is drawn: the colour of the kind it leads to, a line style, an arrow when direction matters. */
export const EDGE_LOOK: Readonly<Record<EdgeKind, { readonly colour: NodeKind | 'muted'; readonly line: 'solid' | 'dashed' | 'dotted'; readonly width: number; readonly arrow: boolean; readonly label: string }>> = {
  source: { colour: 'inquiry', line: 'solid', width: 1.5, arrow: true, label: 'uses as a source' },
  related: { colour: 'note', line: 'solid', width: 2.5, arrow: true, label: 'related concept' },
  'related-paper': { colour: 'paper', line: 'dashed', width: 1.5, arrow: true, label: 'related paper' },
  next: { colour: 'inquiry', line: 'dashed', width: 2, arrow: true, label: 'next inquiring line' },
  mentions: { colour: 'muted', line: 'dotted', width: 1.5, arrow: true, label: 'mentions' },
  tag: { colour: 'tag', line: 'dotted', width: 1, arrow: false, label: 'tagged' },
};

/** "Inquiring line", and "inquiring lines": the names of the registry (lib/domain/kinds.ts), by kind. */
export const KIND_LABEL: Readonly<Record<string, string>> = Object.fromEntries(kindEntries().map((e) => [e.kind, kindLabel(e.kind)]));
export const KIND_PLURAL: Readonly<Record<string, string>> = Object.fromEntries(kindEntries().map((e) => [e.kind, kindPlural(e.kind).toLowerCase()]));
/*
 * The graph views keep their state in the URL's query, read as an external store
 * (useSyncExternalStore). history.pushState fires no event, so setLocation sends one.
 */
const LOCATION_EVENT = 'trellis:location';

export function subscribeLocation(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(LOCATION_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(LOCATION_EVENT, onChange);
  };
}

export function setLocation(url: string, mode: 'push' | 'replace'): void {
  if (mode === 'push') window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
  window.dispatchEvent(new Event(LOCATION_EVENT));
}

export const EDGE_LABEL: Readonly<Record<EdgeKind, string>> = {
  source: 'Sources',
  related: 'Related concepts',
  'related-paper': 'Related papers',
  next: 'Next lines',
  mentions: 'Mentions',
  tag: 'Tags',
};

export interface StyleOptions {
  /** Node diameter in model units. */
  readonly size: number;
  /** Large graphs: straight "haystack" edges without arrows. */
  readonly large: boolean;
  /** Label every node, but only once zoomed in far enough to read it; otherwise only emphasised nodes. */
  readonly allLabels?: boolean;
  /**
   * Whether edges carry labels (a related concept's relation). Without, edges get no text
   * properties at all: cytoscape computes every property of every element, and 13,000 edges
   * of the whole collection drew a quarter faster without the eight they never use.
   */
  readonly edgeLabels?: boolean;
}

/**
 * The cytoscape stylesheet. Classes the views set: `centre`, `stub`, `hover`,
 * `cursor` (the keyboard's place), `labelled`, `path`, `focus`, `hidden`, `dim`.
 */
export function graphStylesheet(theme: GraphTheme, { size, large, allLabels = false, edgeLabels = true }: StyleOptions): StylesheetJson {
  const colourOf = (c: NodeKind | 'muted') => (c === 'muted' ? theme.muted : theme.kind[c]);
  // How a node's label looks. Given to every node only when every node is labelled; otherwise
  // to the nodes whose label shows: cytoscape computes each property of each element, and a
  // first drawing of a large ring spent much of its time on labels it did not draw.
  const labelText = {
    'font-size': allLabels ? 10 : 12,
    'font-family': 'system-ui, sans-serif',
    color: theme.text,
    'text-valign': 'bottom' as const,
    'text-margin-y': 4,
    'text-wrap': 'ellipsis' as const,
    'text-max-width': allLabels ? '140px' : '200px',
    'text-background-color': theme.bg,
    'text-background-opacity': 0.85,
    'text-background-padding': '2px',
    'text-background-shape': 'roundrectangle' as const,
  };
  const style: StylesheetJson = [
    {
      selector: 'node',
      style: {
        width: size,
        height: size,
        'border-width': 2,
        // With every node labelled, labels appear only once zoomed in past 1 (cytoscape
        // compares at the power-of-two zoom level above the current one).
        ...(allLabels ? { label: 'data(title)', ...labelText, 'min-zoomed-font-size': 14 } : {}),
        'overlay-opacity': 0,
      },
    },
    ...(Object.keys(KIND_SHAPE) as NodeKind[]).map((kind) => ({
      selector: `node.${kind}`,
      style: { shape: KIND_SHAPE[kind], 'background-color': theme.kind[kind], 'border-color': theme.kind[kind] },
    })),
    // Stubs are hollow: a ring in the kind's colour around the page's background.
    { selector: 'node.stub', style: { 'background-color': theme.bg, 'border-style': 'solid', 'border-width': 2 } },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'curve-style': large ? 'haystack' : 'straight',
        opacity: large ? 0.35 : 0.75,
        ...(large ? {} : { 'arrow-scale': 0.8 }),
        ...(edgeLabels
          ? {
              'font-size': 10,
              color: theme.muted,
              'text-background-color': theme.bg,
              'text-background-opacity': 0.9,
              'text-background-padding': '2px',
              'text-rotation': 'autorotate' as const,
              'text-wrap': 'ellipsis' as const,
              'text-max-width': '180px',
            }
          : {}),
      },
    },
    ...(Object.keys(EDGE_LOOK) as EdgeKind[]).map((kind) => {
      const look = EDGE_LOOK[kind];
      return {
        selector: `edge.${kind}`,
        style: {
          'line-color': colourOf(look.colour),
          'line-style': look.line,
          width: large ? look.width * 0.6 : look.width,
          ...(look.arrow && !large ? { 'target-arrow-shape': 'triangle' as const, 'target-arrow-color': colourOf(look.colour) } : {}),
        },
      };
    }),
    {
      selector: 'node.labelled, node.hover, node.cursor, node.centre, node.focus, node.path',
      style: { label: 'data(title)', ...(allLabels ? {} : labelText), 'min-zoomed-font-size': 0, 'z-index': 10 },
    },
    { selector: 'node.centre', style: { width: size * 1.7, height: size * 1.7, 'border-width': 3, 'font-weight': 'bold' } },
    { selector: 'node.hover, node.cursor, node.focus', style: { 'underlay-color': theme.link, 'underlay-opacity': 0.3, 'underlay-padding': 6, 'underlay-shape': 'ellipse', 'z-index': 20 } },
    ...(edgeLabels ? [{ selector: 'edge.labelled', style: { label: 'data(label)', opacity: 1 } }] : []),
    { selector: 'edge.hover', style: { opacity: 1, width: 3, 'z-index': 10 } },
    { selector: 'node.path', style: { 'underlay-color': theme.link, 'underlay-opacity': 0.45, 'underlay-padding': 8, 'z-index': 30 } },
    { selector: 'edge.path', style: { 'line-color': theme.link, 'target-arrow-color': theme.link, width: 4, opacity: 1, 'z-index': 30, 'curve-style': 'straight' } },
    { selector: '.dim', style: { opacity: 0.15 } },
    { selector: '.hidden', style: { display: 'none' } },
  ];
  return style;
}

/** The key to the drawing: shapes and colours of kinds, hollow stubs, and lines of edges. `open` opens it (the reader may close it). */
export function GraphLegend({ edgeKinds = Object.keys(EDGE_LOOK) as EdgeKind[], open = false }: { edgeKinds?: readonly EdgeKind[]; open?: boolean }) {
  return (
    <details className="graph-legend" open={open}>
      <summary>Legend</summary>
      <ul className="graph-legend-list">
        {/* The kinds of node these graphs draw: not topics, which only the map of topics draws. */}
        {listNodeKinds().map((kind) => (
          <li key={kind} data-kind={kind}>
            <span className={`legend-shape legend-${KIND_SHAPE[kind]}`} aria-hidden="true" />
            {KIND_LABEL[kind]}
          </li>
        ))}
        <li>
          <span className="legend-shape legend-ellipse legend-stub" aria-hidden="true" />
          Hollow: cited, not in the collection
        </li>
        {edgeKinds.map((kind) => {
          const look = EDGE_LOOK[kind];
          return (
            <li key={kind} data-kind={look.colour === 'muted' ? undefined : look.colour}>
              <span className={`legend-line legend-${look.line}`} aria-hidden="true" />
              {look.label}
              {look.arrow ? ' →' : ''}
            </li>
          );
        })}
      </ul>
    </details>
  );
}

/**
 * What a test may ask a graph on the page: read-only, plus panning for the
 * frame-rate benchmark. Registered on `window.__trellisGraph[name]`.
 */
export interface GraphProbe {
  /** Ids of the nodes drawn (not hidden by a filter). */
  nodeIds(): string[];
  /** The centre (neighbourhood) or focus (collection), if any. */
  centre(): string | undefined;
  /** Where a node is drawn, in the window's CSS pixels, when it is drawn. */
  position(id: string): { x: number; y: number } | undefined;
  /** Ids of the nodes on the highlighted path. */
  highlighted(): string[];
  zoom(): number;
  panBy(dx: number, dy: number): void;
  /** The text drawn beside a node, '' when none (the neighbourhood view answers it). */
  label?(id: string): string;
  /** The fill a node is drawn with, as cytoscape computed it (the neighbourhood view answers it). */
  fill?(id: string): string;
  /**
   * The node labels drawn, with their boxes in the window's CSS pixels as the
   * renderer measures them, background included (the collection view answers it).
   */
  labels?(): { id: string; x1: number; y1: number; x2: number; y2: number }[];
}

declare global {
  interface Window {
    __trellisGraph?: Record<string, GraphProbe>;
  }
}

export function registerProbe(name: string, probe: GraphProbe): () => void {
  window.__trellisGraph = { ...window.__trellisGraph, [name]: probe };
  return () => {
    if (window.__trellisGraph?.[name] === probe) delete window.__trellisGraph[name];
  };
}

/**
 * True when this browser can give cytoscape a WebGL 2 context, by default only a
 * hardware-accelerated one: WebGL drawn in software (SwiftShader, llvmpipe) is far
 * slower than the canvas renderer (docs/benchmarks.md, "Graph views").
 */
export function canUseWebgl({ allowSoftware = false }: { allowSoftware?: boolean } = {}): boolean {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2', { failIfMajorPerformanceCaveat: !allowSoftware });
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return allowSoftware || !/swiftshader|llvmpipe|softpipe|software|basic render/i.test(name);
  } catch {
    return false;
  }
}

/**
 * Calls `done` once cytoscape has drawn what it holds now. Its render loop runs on
 * animation frames and draws a pending change in the next one; the WebGL renderer
 * emits no 'render' event, so two frames on is the one signal both renderers give.
 */
export function afterNextDraw(cy: Core, done: () => void): void {
  cy.forceRender();
  requestAnimationFrame(() => requestAnimationFrame(() => {
    if (!cy.destroyed()) done();
  }));
}

/** Labels are placed again this long after the view stops moving: once a gesture ends, not at every frame. */
const LABEL_DELAY = 150;
/** A label's size on screen, in CSS pixels, whatever the zoom. */
export interface LabelLook {
  readonly font: number;
  readonly maxWidth: number;
}
const LABEL: LabelLook = { font: 12, maxWidth: 160 };
/** A focus, a path or a hovered node: a little larger, and never left out. */
const EMPHASIS: LabelLook = { font: 13, maxWidth: 220 };
/**
 * At most this many nodes in view are tried for a label, most important first: a
 * screen holds a few hundred labels at most, and measuring all 3,000 titles of an
 * overview made its first placement take 74 ms (later ones, measured, 21–23 ms).
 */
const LABEL_CANDIDATES = 800;
/** The font the stylesheets draw labels in, for measuring them. */
const LABEL_FONT_FAMILY = 'system-ui, sans-serif';
/** Label properties set per node (bypasses), so a label keeps its size on screen. */
export const LABEL_STYLE_KEYS = 'font-size text-max-width text-margin-y text-background-padding';
/** The nodes whose labels always show; the others' labels are placed around them. */
export const EMPHASISED = '.focus, .path, .hover, .cursor';

/** Gives `nodes` single-line labels of a fixed size on screen at this zoom: model units shrink as the zoom grows. */
export function styleLabels(nodes: NodeCollection, zoom: number, emphasised: boolean, look: LabelLook = emphasised ? EMPHASIS : LABEL): void {
  nodes.style({ 'font-size': look.font / zoom, 'text-max-width': `${look.maxWidth / zoom}px`, 'text-margin-y': 4 / zoom, 'text-background-padding': `${2 / zoom}px` });
}

export interface LabelPlacerOptions {
  /** The nodes that may be labelled, most important first. */
  readonly order: readonly NodeSingular[];
  /** Half a node's height in model units: its label starts below. */
  readonly radius: (node: NodeSingular) => number;
  /** The text of a node's label. */
  readonly text?: (node: NodeSingular) => string;
  readonly look?: LabelLook;
}

/**
 * Labels that never overlap (lib/graph/label-placement.ts): the emphasised nodes'
 * first, then, most important first, each node in view whose label overlaps none
 * placed; the class `labelled` shows them. `schedule` places them again once the
 * view has stopped moving; `place` at once, marking its time as the performance
 * measure 'trellis:graph:labels'. Each text is measured once, in the labels' font.
 */
export function createLabelPlacer(cy: Core, { order, radius, text = (node) => String(node.data('title') ?? ''), look = LABEL }: LabelPlacerOptions): { place: () => void; schedule: () => void; cancel: () => void } {
  const widths = new Map<string, number>();
  const measure = document.createElement('canvas').getContext('2d');
  if (measure) measure.font = `${LABEL.font}px ${LABEL_FONT_FAMILY}`;
  const widthOf = (node: NodeSingular, font: number): number => {
    let width = widths.get(node.id());
    if (width === undefined) {
      const t = text(node);
      // Without a 2D context, a generous guess: 0.65 of the font size a character.
      width = measure ? measure.measureText(t).width : t.length * LABEL.font * 0.65;
      widths.set(node.id(), width);
    }
    return (width * font) / LABEL.font;
  };
  let labelled = cy.collection();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const place = () => {
    if (cy.destroyed()) return;
    const started = performance.now();
    const zoom = cy.zoom();
    const pan = cy.pan();
    const [width, height] = [cy.width(), cy.height()];
    const boxes: LabelBox[] = [];
    const owners: NodeSingular[] = [];
    const add = (node: NodeSingular, x: number, y: number, l: LabelLook) => {
      const half = Math.min(widthOf(node, l.font), l.maxWidth) / 2 + 2;
      // Under the node: its half height, the label's margin, then the text with its background.
      const top = y + radius(node) * zoom + 2;
      boxes.push({ x1: x - half, y1: top, x2: x + half, y2: top + l.font * 1.3 + 6 });
      owners.push(node);
    };
    const emphasised = new Set<string>();
    cy.nodes(EMPHASISED).not('.hidden').forEach((node) => {
      const p = node.renderedPosition();
      add(node, p.x, p.y, EMPHASIS);
      emphasised.add(node.id());
    });
    const fixed = boxes.length;
    for (const node of order) {
      if (boxes.length >= fixed + LABEL_CANDIDATES) break;
      if (node.removed() || node.hasClass('hidden') || emphasised.has(node.id())) continue;
      const p = node.position();
      const x = p.x * zoom + pan.x;
      const y = p.y * zoom + pan.y;
      if (x >= 0 && x <= width && y >= 0 && y <= height) add(node, x, y, look);
    }
    const chosen = cy.collection();
    for (const k of placeLabels(boxes, {}, fixed)) if (k >= fixed) chosen.merge(owners[k]!);
    cy.batch(() => {
      labelled.difference(chosen).removeClass('labelled').not(EMPHASISED).removeStyle(LABEL_STYLE_KEYS);
      chosen.addClass('labelled');
      styleLabels(chosen, zoom, false, look);
    });
    labelled = chosen;
    performance.measure('trellis:graph:labels', { start: started });
  };
  const cancel = () => clearTimeout(timer);
  const schedule = () => {
    cancel();
    timer = setTimeout(place, LABEL_DELAY);
  };
  return { place, schedule, cancel };
}

/**
 * The node labels drawn, with their boxes in the window's CSS pixels as cytoscape
 * measures them: for a test's probe.
 */
export function labelBoxes(cy: Core, container: HTMLElement, keyOf: (node: NodeSingular) => string): { id: string; x1: number; y1: number; x2: number; y2: number }[] {
  const box = container.getBoundingClientRect();
  // Cytoscape widens a label's bounds by 2 model units each side "for browser inaccuracies"; take them off.
  const slack = 2 * cy.zoom();
  return cy.nodes(`.labelled, ${EMPHASISED}`).not('.hidden').map((node: NodeSingular) => {
    const b = node.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false, includeUnderlays: false });
    return { id: keyOf(node), x1: box.left + b.x1 + slack, y1: box.top + b.y1 + slack, x2: box.left + b.x2 - slack, y2: box.top + b.y2 - slack };
  });
}

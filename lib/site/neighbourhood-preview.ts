import type { NodeKind } from '../domain/kinds';
import { boxesOverlap, type LabelBox as Box } from '../graph/label-placement';
import type { Neighbourhood, ViewNode } from '../graph/neighbourhood';
import { groupNeighbours } from './neighbour-groups';
import { shortenAtWord } from './reading';

/*
 * The still picture of a node's neighbourhood that a page shows before the reader
 * asks for the graph: the centre in the middle, its neighbours on one ring grouped by
 * how they relate to it, an inquiring line's sources numbered clockwise from the top.
 * Laid out here, on the server, so that the page draws it as SVG with no JavaScript;
 * cytoscape comes only when the reader opens the graph (NeighbourhoodExplorer).
 */

export interface PreviewOptions {
  /** The drawing's size in SVG units (its viewBox). */
  readonly width: number;
  readonly height: number;
  /** Room left free at the bottom for the button that opens the graph. */
  readonly bottomReserve: number;
  /** Neighbours drawn at most; the rest are counted ("+25 more"). */
  readonly maxNodes: number;
}

export const defaultPreviewOptions: PreviewOptions = { width: 360, height: 380, bottomReserve: 44, maxNodes: 24 };

/** A label's lines, where its first line's baseline sits, and which end of the lines `x` is. */
export interface PreviewLabel {
  readonly lines: readonly string[];
  readonly x: number;
  readonly y: number;
  readonly anchor: 'start' | 'middle' | 'end';
}

export interface PreviewNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly stub: boolean;
  /** The whole title, numbered for a source ("3. …"): the tooltip. */
  readonly title: string;
  readonly x: number;
  readonly y: number;
  /** The disc's radius. */
  readonly r: number;
  /** A source's number in the centre's list, drawn in its disc. */
  readonly number?: number;
  /** Its name, shortened at a word, where it fits without covering another. */
  readonly label?: PreviewLabel;
}

export interface NeighbourhoodPreview {
  readonly width: number;
  readonly height: number;
  readonly centre: PreviewNode;
  /** The neighbours drawn, clockwise from the top. */
  readonly nodes: readonly PreviewNode[];
  /** Neighbours not drawn. */
  readonly more: number;
  /** Where the "+N more" line's baseline sits, centred. */
  readonly moreAt: { readonly x: number; readonly y: number };
}

export type { Box };

const MARGIN = 6;
const CENTRE_R = 13;
/** Discs big enough for a number ("12") when the ring is sparse or the node is a source. */
const LARGE_R = 9;
const SMALL_R = 7;
/** Neighbours on a ring up to this many get the large discs. */
const LARGE_UP_TO = 12;
/** Label text: font size and line height in SVG units (the component draws them at these sizes). */
export const LABEL_FONT = 11;
export const CENTRE_FONT = 12;
const LINE = 13;
/** A generous width per character of a sans-serif at these sizes, so that estimated boxes contain the drawn text. */
const CHAR_WIDTH = 0.58;
const LABEL_CHARS = 16;
const CENTRE_CHARS = 18;
const LABEL_GAP = 3;
/** How far below its baseline a line's letters reach, in ems (descenders; most titles have few). */
const DESCENT = 0.2;
/** The gap between two relations on the ring, in node places. */
const GROUP_GAP = 0.6;

/** A title cut into at most two lines of `perLine` characters, broken at words, the rest shortened with an ellipsis. */
export function wrapLabel(title: string, perLine: number): string[] {
  if (title.length <= perLine) return [title];
  const words = title.split(/\s+/);
  let first = '';
  while (words.length && `${first} ${words[0]}`.trim().length <= perLine) first = `${first} ${words.shift()}`.trim();
  // A first word longer than a line is cut.
  if (!first) return [shortenAtWord(title, perLine)];
  if (!words.length) return [first];
  if (words.join(' ').length <= perLine) return [first, words.join(' ')];
  // The second line ends at a word, with an ellipsis; only a word longer than a line is cut inside.
  let second = '';
  while (words.length && `${second} ${words[0]}`.trim().length <= perLine - 1) second = `${second} ${words.shift()}`.trim();
  return [first, second ? `${second.replace(/[\s,;:.–—-]+$/, '')}…` : shortenAtWord(words.join(' '), perLine)];
}

/** The width of a label's longest line, estimated from its length. */
const widthOf = (lines: readonly string[], font: number) => Math.max(...lines.map((l) => l.length)) * font * CHAR_WIDTH;

/** The box a label takes, from its lines and font size. */
export function labelBox(label: PreviewLabel, font = LABEL_FONT): Box {
  const width = widthOf(label.lines, font);
  const x1 = label.anchor === 'start' ? label.x : label.anchor === 'end' ? label.x - width : label.x - width / 2;
  return { x1, y1: label.y - font, x2: x1 + width, y2: label.y + (label.lines.length - 1) * LINE + font * DESCENT };
}

export function discBox(node: { x: number; y: number; r: number }): Box {
  return { x1: node.x - node.r, y1: node.y - node.r, x2: node.x + node.r, y2: node.y + node.r };
}

/** A label under a disc, moved sideways into the drawing when it would run off an edge. */
function labelUnder(node: { x: number; y: number; r: number }, lines: string[], font: number, width: number): PreviewLabel {
  const half = widthOf(lines, font) / 2;
  const x = Math.min(Math.max(node.x, MARGIN + half), width - MARGIN - half);
  return { lines, x, y: node.y + node.r + LABEL_GAP + font, anchor: 'middle' };
}

/** The places a neighbour's label may take, in the order they are tried: under its disc, above it, on its side towards the centre. */
function labelPlaces(node: { x: number; y: number; r: number }, lines: string[], width: number): PreviewLabel[] {
  const height = (lines.length - 1) * LINE;
  const inward = node.x > width / 2 + 1 ? 'end' : 'start';
  return [
    labelUnder(node, lines, LABEL_FONT, width),
    { ...labelUnder(node, lines, LABEL_FONT, width), y: node.y - node.r - LABEL_GAP - height - LABEL_FONT * DESCENT },
    { lines, x: node.x + (inward === 'end' ? -1 : 1) * (node.r + 4), y: node.y + LABEL_FONT * 0.35 - height / 2, anchor: inward },
  ];
}

interface Placed {
  readonly node: ViewNode;
  readonly group: number;
  /** Its place within its group. */
  readonly index: number;
}

/**
 * The neighbours drawn, in ring order: each relation's neighbours together, in the
 * order the page lists them (sources by number). Past `max`, the relations take
 * turns, so that a hub's few notes and papers are not crowded out by its many lines.
 */
function pickNeighbours(view: Neighbourhood, max: number): { drawn: Placed[]; total: number } {
  const seen = new Set<string>([view.centre]);
  const groups: ViewNode[][] = [];
  for (const group of groupNeighbours(view)) {
    const nodes = group.items.map((i) => i.node).filter((n) => n.distance === 1 && !seen.has(n.id) && seen.add(n.id));
    if (nodes.length) groups.push(nodes);
  }
  const total = groups.reduce((n, g) => n + g.length, 0);
  const taken = groups.map(() => 0);
  for (let left = Math.min(max, total); left > 0; ) {
    for (let g = 0; g < groups.length && left > 0; g++) {
      if ((taken[g] ?? 0) < (groups[g]?.length ?? 0)) {
        taken[g] = (taken[g] ?? 0) + 1;
        left--;
      }
    }
  }
  const drawn = groups.flatMap((nodes, group) => nodes.slice(0, taken[group]).map((node, index) => ({ node, group, index })));
  return { drawn, total };
}

/**
 * Where each node of a depth-1 neighbourhood is drawn in the preview: deterministic,
 * inside the drawing, discs apart, labels only where they cover nothing.
 */
export function layoutNeighbourhoodPreview(view: Neighbourhood, options: Partial<PreviewOptions> = {}): NeighbourhoodPreview | undefined {
  const { width, height, bottomReserve, maxNodes } = { ...defaultPreviewOptions, ...options };
  const centreView = view.nodes.find((n) => n.id === view.centre);
  if (!centreView) return undefined;
  const numbers = new Map<string, number>();
  for (const e of view.edges) if (e.kind === 'source' && e.source === view.centre && e.order !== undefined) numbers.set(e.target, e.order);
  const { drawn, total } = pickNeighbours(view, maxNodes);

  // The ring: its top disc under the top margin, its bottom label above the "+N more" line, when there is one.
  const r = drawn.length <= LARGE_UP_TO ? LARGE_R : SMALL_R;
  const moreY = height - bottomReserve - MARGIN;
  const last = total > drawn.length ? moreY - LABEL_FONT - LABEL_GAP : moreY;
  const bottom = last - (LABEL_FONT * (1 + DESCENT) + LINE) - LABEL_GAP - LARGE_R;
  const top = MARGIN + LARGE_R;
  // A ring of a few neighbours is drawn closer in: one far away at the top looks lost.
  const reach = Math.min(1, 0.45 + 0.15 * drawn.length);
  const [cx, cy, ry] = [width / 2, (top + bottom) / 2, ((bottom - top) / 2) * reach];
  // Labels near the sides are moved inwards to stay in the drawing, so the ring may reach wider than half a label.
  const rx = (width / 2 - MARGIN - 36) * reach;

  const groups = new Set(drawn.map((p) => p.group)).size;
  const places = drawn.length + (groups > 1 ? groups * GROUP_GAP : 0);
  let at = 0;
  const nodes = drawn.map((p, i) => {
    if (i > 0 && p.group !== drawn[i - 1]?.group) at += GROUP_GAP;
    const angle = (2 * Math.PI * at) / places;
    at += 1;
    const number = numbers.get(p.node.id);
    return {
      id: p.node.id,
      kind: p.node.kind,
      stub: p.node.stub,
      title: number === undefined ? p.node.title : `${number}. ${p.node.title}`,
      x: round(cx + rx * Math.sin(angle)),
      y: round(cy - ry * Math.cos(angle)),
      r: number === undefined ? r : LARGE_R,
      ...(number === undefined ? {} : { number }),
    };
  });

  const centreLabel = labelUnder({ x: cx, y: cy, r: CENTRE_R }, wrapLabel(centreView.title, CENTRE_CHARS), CENTRE_FONT, width);
  const centre: PreviewNode = { id: centreView.id, kind: centreView.kind, stub: centreView.stub, title: centreView.title, x: cx, y: cy, r: CENTRE_R, label: centreLabel };
  const area = { x1: MARGIN, y1: MARGIN, x2: width - MARGIN, y2: last };
  const labels = placeLabels(nodes, drawn, [discBox(centre), ...nodes.map(discBox)], [labelBox(centreLabel, CENTRE_FONT)], area, width);
  return {
    width,
    height,
    centre,
    nodes: nodes.map((n, i) => {
      const label = labels[i];
      return label ? { ...n, label } : n;
    }),
    more: total - drawn.length,
    moreAt: { x: cx, y: moreY },
  };
}

/**
 * Labels in turn, the first of each relation before the second of any, each kept in
 * the first of its places that stays in the drawing and covers no disc and no label
 * already kept.
 */
function placeLabels(
  nodes: readonly { x: number; y: number; r: number; title: string; number?: number }[],
  drawn: readonly Placed[],
  discs: readonly Box[],
  taken: readonly Box[],
  area: Box,
  width: number,
): (PreviewLabel | undefined)[] {
  const kept: Box[] = [...taken];
  const labels: (PreviewLabel | undefined)[] = nodes.map(() => undefined);
  const turns = nodes.map((_, i) => i).sort((a, b) => (drawn[a]?.index ?? 0) - (drawn[b]?.index ?? 0) || (drawn[a]?.group ?? 0) - (drawn[b]?.group ?? 0) || a - b);
  const within = (b: Box) => b.x1 >= area.x1 && b.y1 >= area.y1 && b.x2 <= area.x2 && b.y2 <= area.y2;
  for (const i of turns) {
    const node = nodes[i];
    if (!node) continue;
    const name = node.number === undefined ? node.title : node.title.slice(`${node.number}. `.length);
    const own = discs[i + 1];
    const label = labelPlaces(node, wrapLabel(name, LABEL_CHARS), width).find((place) => {
      const box = labelBox(place);
      return within(box) && !kept.some((b) => boxesOverlap(b, box)) && !discs.some((d) => d !== own && boxesOverlap(d, box));
    });
    if (!label) continue;
    kept.push(labelBox(label));
    labels[i] = label;
  }
  return labels;
}

const round = (v: number) => Math.round(v * 10) / 10;

/*
 * Which labels a graph view draws: the most important nodes' first, and only
 * those that fit on screen beside the ones already placed, so no two overlap.
 * Pure screen-space geometry; the canvases measure and draw (issue 14).
 */

/** A label's box on screen, in CSS pixels. */
export interface LabelBox {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** Whether two boxes share any area (touching edges do not count). */
export function boxesOverlap(a: LabelBox, b: LabelBox): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

export interface PlaceLabelsOptions {
  /** Place no more labels than this: each drawn label costs a little at every frame. */
  readonly max: number;
  /** The side of a grid cell, in pixels: about a short label's width, so a box touches few cells. */
  readonly cell: number;
  /** Free space kept around each label, in pixels. */
  readonly gap: number;
}

export const defaultPlaceLabelsOptions: PlaceLabelsOptions = { max: 300, cell: 64, gap: 3 };

/**
 * The indices of the boxes to draw, greedily in the order given (most important
 * first): a box is placed when it overlaps none placed before. The first `fixed`
 * boxes (a focus, a path) are placed whatever they overlap, and the others keep
 * clear of them. A coarse grid of the boxes placed keeps each test to a few
 * neighbours, so thousands of candidates cost a few milliseconds.
 */
export function placeLabels(boxes: readonly LabelBox[], options: Partial<PlaceLabelsOptions> = {}, fixed = 0): number[] {
  const { max, cell, gap } = { ...defaultPlaceLabelsOptions, ...options };
  const grid = new Map<number, LabelBox[]>();
  const placed: number[] = [];
  // Cells are keyed by row and column; offsets keep keys positive for boxes a little off screen.
  const key = (cx: number, cy: number) => (cx + 4096) * 8192 + (cy + 4096);
  for (let i = 0; i < boxes.length && placed.length < max + fixed; i++) {
    const b = boxes[i]!;
    const padded = { x1: b.x1 - gap, y1: b.y1 - gap, x2: b.x2 + gap, y2: b.y2 + gap };
    const cx1 = Math.floor(padded.x1 / cell);
    const cx2 = Math.floor(padded.x2 / cell);
    const cy1 = Math.floor(padded.y1 / cell);
    const cy2 = Math.floor(padded.y2 / cell);
    if (i >= fixed && overlapsAny(grid, key, padded, cx1, cx2, cy1, cy2)) continue;
    placed.push(i);
    for (let cx = cx1; cx <= cx2; cx++) {
      for (let cy = cy1; cy <= cy2; cy++) {
        const k = key(cx, cy);
        const list = grid.get(k);
        if (list) list.push(padded);
        else grid.set(k, [padded]);
      }
    }
  }
  return placed;
}

function overlapsAny(grid: ReadonlyMap<number, readonly LabelBox[]>, key: (cx: number, cy: number) => number, b: LabelBox, cx1: number, cx2: number, cy1: number, cy2: number): boolean {
  for (let cx = cx1; cx <= cx2; cx++) {
    for (let cy = cy1; cy <= cy2; cy++) {
      for (const o of grid.get(key(cx, cy)) ?? []) if (boxesOverlap(o, b)) return true;
    }
  }
  return false;
}

/**
 * Node indices most important first: most edges first (in the graph as sent), ties
 * by index, which in an overview is its rank. Flat source, target, kind triples.
 */
export function rankByDegree(n: number, edges: readonly number[]): number[] {
  const degree = new Int32Array(n);
  for (let e = 0; e < edges.length; e += 3) {
    degree[edges[e]!]!++;
    degree[edges[e + 1]!]!++;
  }
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => degree[b]! - degree[a]! || a - b);
}

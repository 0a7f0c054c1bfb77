import { describe, expect, it } from 'vitest';
import { placeLabels, rankByDegree, type LabelBox } from '../../lib/graph/label-placement';

const box = (x: number, y: number, w = 50, h = 16): LabelBox => ({ x1: x, y1: y, x2: x + w, y2: y + h });
const overlap = (a: LabelBox, b: LabelBox) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

describe('placeLabels', () => {
  it('places boxes in the order given, skipping those that overlap one placed', () => {
    expect(placeLabels([box(0, 0), box(20, 5), box(100, 0), box(0, 40)], { gap: 0 })).toEqual([0, 2, 3]);
  });

  it('keeps a gap between labels', () => {
    expect(placeLabels([box(0, 0), box(52, 0)], { gap: 0 })).toEqual([0, 1]);
    expect(placeLabels([box(0, 0), box(52, 0)], { gap: 3 })).toEqual([0]);
  });

  it('always places the fixed boxes, and keeps the others clear of them', () => {
    expect(placeLabels([box(0, 0), box(10, 0), box(30, 2), box(200, 0)], { gap: 0 }, 2)).toEqual([0, 1, 3]);
  });

  it('stops at max', () => {
    const boxes = Array.from({ length: 50 }, (_, i) => box(i * 100, 0));
    expect(placeLabels(boxes, { max: 10 })).toHaveLength(10);
  });

  it('never places two overlapping boxes, across grid cells, on a crowded screen', () => {
    let seed = 3;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const boxes = Array.from({ length: 3000 }, () => box(random(1280) - 40, random(800) - 10, 10 + random(150), 14 + random(6)));
    const placed = placeLabels(boxes, { max: 1000, cell: 32 }).map((i) => boxes[i]!);
    expect(placed.length).toBeGreaterThan(50);
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlap(placed[i]!, placed[j]!)).toBe(false);
  });
});

describe('rankByDegree', () => {
  it('orders nodes by their edges, ties by index', () => {
    // 2–0, 2–1, 3–2: node 2 has three edges, then 0, 1, 3 with one each.
    expect(rankByDegree(4, [2, 0, 0, 2, 1, 0, 3, 2, 0])).toEqual([2, 0, 1, 3]);
  });
});

import { postingLists, type Vectors } from '../search/similarity';

/*
 * Each document's nearest neighbours by text, from the TF-IDF vectors the
 * similarity index already holds (lib/search/similarity.ts): no text is read again.
 * A query uses only a document's strongest terms, and terms shared by very many
 * documents are skipped, so the cost per document stays small at 50,000 documents.
 */

export interface NeighbourOptions {
  /** Neighbours kept per document. */
  readonly k: number;
  /** A document's strongest terms that find its candidates (vectors are sorted by weight). */
  readonly queryTerms: number;
  /** Terms in more documents than this share (and this count) are too common to find neighbours by. */
  readonly commonShare: number;
  readonly commonMin: number;
  /** A pair scoring below this cosine (over the query terms) is not a neighbour. */
  readonly minScore: number;
}

export const defaultNeighbourOptions: NeighbourOptions = { k: 5, queryTerms: 12, commonShare: 0.02, commonMin: 50, minScore: 0.05 };

/** Flat lists: document i's neighbours are `ids[i*k .. i*k+k]` (-1 where there are fewer), with their `scores`. */
export interface Neighbours {
  readonly k: number;
  readonly ids: Int32Array;
  readonly scores: Float32Array;
}

/** Every document's k nearest by cosine over their strongest terms; deterministic (ties by index). */
export function nearestNeighbours(vectors: Vectors, count: number, options: Partial<NeighbourOptions> = {}): Neighbours {
  const { k, queryTerms, commonShare, commonMin, minScore } = { ...defaultNeighbourOptions, ...options };
  const { start, terms, weights } = vectors;
  const head = (i: number) => Math.min(start[i + 1] as number, (start[i] as number) + queryTerms);

  // Posting lists over each document's strongest terms only.
  const { start: postingStart, docs: postingDocs, weights: postingWeights } = postingLists(vectors, count, head);

  const common = Math.max(commonMin, Math.ceil(count * commonShare));
  const ids = new Int32Array(count * k).fill(-1);
  const scores = new Float32Array(count * k);
  const sums = new Float64Array(count);
  const touched = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    let n = 0;
    for (let p = start[i] as number; p < head(i); p++) {
      const t = terms[p] as number;
      const from = postingStart[t] as number;
      const to = postingStart[t + 1] as number;
      if (to - from > common) continue;
      const w = weights[p] as number;
      for (let q = from; q < to; q++) {
        const d = postingDocs[q] as number;
        if (d === i) continue;
        if (sums[d] === 0) touched[n++] = d;
        sums[d] = (sums[d] as number) + w * (postingWeights[q] as number);
      }
    }
    keepBest(i, n);
  }
  return { k, ids, scores };

  /** Moves the best k touched documents into the lists (insertion into a sorted row of k), and clears the sums. */
  function keepBest(i: number, n: number): void {
    const base = i * k;
    let filled = 0;
    for (let c = 0; c < n; c++) {
      const d = touched[c] as number;
      const s = sums[d] as number;
      sums[d] = 0;
      if (s < minScore) continue;
      let at = filled < k ? filled : k;
      while (at > 0 && ((scores[base + at - 1] as number) < s || ((scores[base + at - 1] as number) === s && (ids[base + at - 1] as number) > d))) at--;
      if (at >= k) continue;
      for (let m = Math.min(filled, k - 1); m > at; m--) {
        ids[base + m] = ids[base + m - 1] as number;
        scores[base + m] = scores[base + m - 1] as number;
      }
      ids[base + at] = d;
      scores[base + at] = s;
      if (filled < k) filled++;
    }
  }
}

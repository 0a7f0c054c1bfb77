import type { Document } from 'flexsearch';
import { SEARCH_FIELDS, type IndexedDocument, type SearchField } from './fields';

/*
 * Which query words each document holds, field by field: the per-query scratch space
 * that lookups fill and the ranking reads. Allocated once per index and reused (a
 * search runs to its end before the next starts), so a query allocates nothing per
 * document.
 */

/** How a lookup marks documents; see `DocumentMatches.collect`. */
export type CollectMode = 'all' | 'found' | 'found-titles';

const FIELDS = SEARCH_FIELDS.length;
/** Two masks per field: words found exactly, and words found through a completion or typo. */
const STRIDE = FIELDS * 2;
const ALL_FIELDS = [...SEARCH_FIELDS];
const TITLE_ONLY: SearchField[] = ['title'];

export class DocumentMatches {
  /**
   * For document i and field f, masks[(i * FIELDS + f) * 2] holds the bits of the query
   * words found there exactly, and the next slot those found through a completion or typo;
   * one document's masks share a cache line. A document's masks are valid while its stamp
   * is the current search's: they are cleared when first touched, never swept afterwards.
   */
  readonly masks: Uint32Array;
  /** The same memory eight bytes at a time: a document's masks are cleared in six writes. */
  private readonly maskPairs: Float64Array;
  /** Every query word found in document i, in any field, any way. */
  readonly anyBits: Uint32Array;
  private readonly stamp: Uint32Array;
  private current = 1;
  /** The documents marked by this search, in the order first found. */
  readonly touched: Int32Array;
  touchedCount = 0;
  /** Room for the touched documents that match, filled by the ranking. */
  readonly matching: Int32Array;

  constructor(
    private readonly index: Document<IndexedDocument>,
    private readonly count: number,
  ) {
    this.masks = new Uint32Array(count * STRIDE);
    this.maskPairs = new Float64Array(this.masks.buffer);
    this.anyBits = new Uint32Array(count);
    this.stamp = new Uint32Array(count);
    this.touched = new Int32Array(count);
    this.matching = new Int32Array(count);
  }

  /**
   * Marks the documents holding `word`, field by field. `all` adds documents to the
   * candidates; `found` only marks candidates already found (every word is required);
   * `found-titles` too, in titles only (a stopword beside other words: "the" is in nearly
   * every summary, and only a title typed in full cares).
   */
  collect(word: string, bit: number, isApprox: boolean, mode: CollectMode): void {
    const adds = mode === 'all';
    const { masks, maskPairs, anyBits, stamp, touched, current } = this;
    for (const { field, result } of this.index.search(word, { index: mode === 'found-titles' ? TITLE_ONLY : ALL_FIELDS, limit: this.count })) {
      const f = SEARCH_FIELDS.indexOf(field as SearchField);
      if (f < 0) continue;
      const slot = f * 2 + (isApprox ? 1 : 0);
      for (const id of result) {
        const i = id as number;
        const at = i * STRIDE;
        if (stamp[i] !== current) {
          if (!adds) continue;
          stamp[i] = current;
          for (let m = at >> 1, end = m + FIELDS; m < end; m++) maskPairs[m] = 0;
          anyBits[i] = 0;
          touched[this.touchedCount++] = i;
        }
        masks[at + slot] = (masks[at + slot] as number) | bit;
        anyBits[i] = (anyBits[i] as number) | bit;
      }
    }
  }

  /** Forgets every mark: the next search starts with no document touched. */
  reset(): void {
    this.touchedCount = 0;
    if (++this.current === 0xffffffff) {
      this.stamp.fill(0);
      this.current = 1;
    }
  }

  /** Words of the query found exactly in field f of document i. */
  exact(i: number, f: number): number {
    return this.masks[(i * FIELDS + f) * 2] as number;
  }

  /** Words of the query found through a completion or typo in field f of document i. */
  approximate(i: number, f: number): number {
    return this.masks[(i * FIELDS + f) * 2 + 1] as number;
  }
}

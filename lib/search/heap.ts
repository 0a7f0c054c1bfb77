/*
 * The best `capacity` documents by a score, kept in a min-heap on typed arrays as
 * they pass by: no array of every match, no sort of every match.
 */

/** Whether document a (with scoreA) ranks below document b (with scoreB). */
export type Worse = (scoreA: number, a: number, scoreB: number, b: number) => boolean;

export class TopScores {
  private readonly scores: Float64Array;
  private readonly ids: Int32Array;
  size = 0;

  constructor(
    private readonly capacity: number,
    private readonly worse: Worse,
  ) {
    this.scores = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
  }

  /** Offers document i with its score: kept if among the best so far, the worst kept then dropped. */
  offer(score: number, i: number): void {
    if (this.size < this.capacity) this.siftUp(this.size++, score, i);
    else if (this.worse(this.scores[0] as number, this.ids[0] as number, score, i)) this.siftDown(score, i);
  }

  /** The documents kept, best first, with their scores. */
  best(): { i: number; score: number }[] {
    const order = Array.from({ length: this.size }, (_, k) => k);
    order.sort((a, b) => (this.worse(this.scores[a] as number, this.ids[a] as number, this.scores[b] as number, this.ids[b] as number) ? 1 : -1));
    return order.map((k) => ({ i: this.ids[k] as number, score: this.scores[k] as number }));
  }

  private siftUp(at: number, score: number, i: number): void {
    const { scores, ids } = this;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.worse(score, i, scores[parent] as number, ids[parent] as number)) break;
      scores[at] = scores[parent] as number;
      ids[at] = ids[parent] as number;
      at = parent;
    }
    scores[at] = score;
    ids[at] = i;
  }

  /** Puts document i at the root, in place of the worst kept, and lets it sink. */
  private siftDown(score: number, i: number): void {
    const { scores, ids, size, worse } = this;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && worse(scores[child + 1] as number, ids[child + 1] as number, scores[child] as number, ids[child] as number)) child++;
      if (!worse(scores[child] as number, ids[child] as number, score, i)) break;
      scores[at] = scores[child] as number;
      ids[at] = ids[child] as number;
      at = child;
    }
    scores[at] = score;
    ids[at] = i;
  }
}

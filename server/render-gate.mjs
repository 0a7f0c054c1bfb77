/**
 * How many pages the server renders at once; the rest wait their turn, first come first
 * served.
 *
 * Rendering is CPU work on one thread: running 64 renders interleaved finishes none of
 * them sooner than running them in turn, but keeps all 64 half-made pages alive at once.
 * Under a burst of 64 uncached requests at 52,000 documents that in-flight garbage (about
 * 6 MB a page) survived scavenges and filled the old generation, and the first 64 answers
 * all took 7–9 s (docs/benchmarks.md). With a few at a time, memory in flight is bounded
 * and each answer waits only for the pages ahead of it.
 *
 * Plain JavaScript (JSDoc types): server/server.mjs runs it under plain Node.
 */
export class RenderGate {
  /** @param {number} limit renders at once */
  constructor(limit) {
    this.limit = Math.max(1, Math.floor(limit) || 1);
    this.running = 0;
    /** @type {(() => void)[]} */
    this.queue = [];
  }

  /** Renders running now and waiting. */
  get load() {
    return { running: this.running, waiting: this.queue.length };
  }

  /**
   * Runs `render` when a slot is free; the slot is given back when `res` closes (sent,
   * or the client went away). A request whose client left while it waited is dropped.
   *
   * @param {import('node:http').ServerResponse} res
   * @param {() => void} render
   */
  enter(res, render) {
    const start = () => {
      if (res.destroyed) return this.next();
      this.running++;
      let released = false;
      res.once('close', () => {
        if (released) return;
        released = true;
        this.running--;
        this.next();
      });
      render();
    };
    if (this.running < this.limit && this.queue.length === 0) start();
    else this.queue.push(start);
  }

  /** Starts waiting renders while slots are free. */
  next() {
    while (this.running < this.limit && this.queue.length > 0) this.queue.shift()?.();
  }
}

/** The limit from `TRELLIS_RENDERS_AT_ONCE` (default 2). */
export function rendersAtOnce(env = process.env) {
  const asked = Number(env.TRELLIS_RENDERS_AT_ONCE);
  return Number.isInteger(asked) && asked > 0 ? asked : 2;
}

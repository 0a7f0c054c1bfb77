/*
 * Indexes derived from a graph (search, related papers) are built by generators
 * that yield every few hundred documents. The same generator serves a build at
 * once (a request needs the index now) and a build in steps (the server warms it
 * at start-up and keeps answering between steps).
 */

/** Documents a build handles between two steps. */
export const DOCUMENTS_PER_STEP = 256;

/**
 * Work a request may do itself rather than be told to come back (503, Retry-After):
 * a corpus or index below this many documents is built in about a second.
 * `TRELLIS_BUILD_IN_REQUEST_LIMIT` changes it (tests lower it to see the 503s).
 */
export const BUILD_IN_REQUEST_LIMIT = Number(process.env.TRELLIS_BUILD_IN_REQUEST_LIMIT) || 5000;

/** Whether a request must be told to come back, and how far the work it waits for has got. */
export type Availability = { readonly busy: false } | { readonly busy: true; readonly percent: number };

/** A pause between two steps: the event loop runs whatever waits. */
export const nextTick = (): Promise<void> => new Promise((done) => setImmediate(done));

/*
 * Garbage between steps. Start-up builds (reading the corpus, the search index,
 * related papers, the saved snapshots) allocate several times what they keep, and
 * V8 lets a heap grow well past what is alive before it collects the old generation:
 * at 100,000 documents the heap grew to 1.9 GiB of RSS while the search index, which
 * keeps 455 MB, was built, though what was alive never passed 1.2 GiB. Between two steps of such a build, `collectIfGrown` runs a full
 * collection once the heap holds `slack` bytes more than after the last one.
 *
 * It needs `gc`, which Node exposes with `--expose-gc` (server/start.mjs and the
 * Dockerfile pass it); without it (tests, `next dev`) it does nothing, and V8 is left
 * to its own pace.
 */

/** Heap growth between two forced collections: a few steps' garbage, not a whole build's. */
const GARBAGE_SLACK_BYTES = 160 * 1024 * 1024;

interface Collector {
  /** Heap used after the last forced collection (0 before the first). */
  floor: number;
  /** Forced collections run, and the milliseconds they took. */
  runs: number;
  ms: number;
}

const slot = Symbol.for('trellis.garbage');
const collector = ((globalThis as { [slot]?: Collector })[slot] ??= { floor: 0, runs: 0, ms: 0 });

/** Node's `gc`, when the process was started with `--expose-gc`. */
const exposedGc = (): (() => void) | undefined => {
  const gc = (globalThis as { gc?: unknown }).gc;
  return typeof gc === 'function' ? (gc as () => void) : undefined;
};

/**
 * A full collection when the heap has grown by `slack` bytes since the last one this
 * ran (or since start). Returns whether it ran.
 */
export function collectIfGrown(slack = GARBAGE_SLACK_BYTES, gc = exposedGc()): boolean {
  if (!gc) return false;
  const used = process.memoryUsage().heapUsed;
  if (used < collector.floor + slack) return false;
  const started = performance.now();
  gc();
  collector.ms += performance.now() - started;
  collector.runs++;
  collector.floor = process.memoryUsage().heapUsed;
  return true;
}

/** How many forced collections ran, and for how long in all (for the start-up's log line). */
export function forcedCollections(): { readonly runs: number; readonly ms: number } {
  return { runs: collector.runs, ms: Math.round(collector.ms) };
}

/**
 * The pause between two steps of a build in the background: the garbage of the steps
 * before is collected when it has grown (`collectIfGrown`), then the event loop runs.
 */
export const stepPause = (): Promise<void> => {
  collectIfGrown();
  return nextTick();
};

/** Runs a build to its end at once. */
export function runSteps<T>(steps: Generator<void, T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** Runs a build with `pause()` between its steps. */
export async function runStepsPaused<T>(steps: Generator<void, T>, pause: () => Promise<void> = stepPause): Promise<T> {
  let step = steps.next();
  while (!step.done) {
    await pause();
    step = steps.next();
  }
  return step.value;
}

/**
 * One value per key (per graph), kept as long as the key lives, for the whole
 * process: the store sits on `globalThis` under `Symbol.for(name)`, because Next
 * bundles instrumentation.ts and the routes separately, each with its own copy of
 * the module that asks. `get` builds at once; `warm` builds in steps. A `get`
 * arriving while `warm` is under way finishes that build rather than start another.
 */
export interface SteppedStore<K extends object, T> {
  get(key: K): T;
  /** The value if it is built, without building anything. */
  peek(key: K): T | undefined;
  warm(key: K, pause?: () => Promise<void>): Promise<T>;
}

export function steppedStore<K extends object, T>(name: string, build: (key: K) => Generator<void, T>): SteppedStore<K, T> {
  const slot = Symbol.for(name);
  const shared = globalThis as { [slot]?: { done: WeakMap<K, T>; running: WeakMap<K, Generator<void, T>>; drivers: WeakMap<K, Promise<T>> } };
  const { done, running, drivers } = (shared[slot] ??= { done: new WeakMap(), running: new WeakMap(), drivers: new WeakMap() });

  const keep = (key: K, value: T): T => {
    done.set(key, value);
    running.delete(key);
    return value;
  };

  return {
    get(key) {
      if (done.has(key)) return done.get(key) as T;
      try {
        return keep(key, runSteps(running.get(key) ?? build(key)));
      } catch (error) {
        running.delete(key);
        throw error;
      }
    },
    peek(key) {
      return done.get(key);
    },
    warm(key, pause = stepPause) {
      if (done.has(key)) return Promise.resolve(done.get(key) as T);
      // One loop drives a build: a second warm (a request finding the index busy) waits for it.
      let driving = drivers.get(key);
      if (!driving) {
        driving = (async () => {
          let steps = running.get(key);
          if (!steps && !done.has(key)) running.set(key, (steps = build(key)));
          try {
            while (!done.has(key) && steps) {
              const step = steps.next();
              if (step.done) return keep(key, step.value);
              await pause();
            }
            return done.get(key) as T;
          } catch (error) {
            // A build that failed is forgotten, so that the next request tries again
            // rather than waiting for it for ever.
            running.delete(key);
            throw error;
          } finally {
            drivers.delete(key);
          }
        })();
        drivers.set(key, driving);
      }
      return driving;
    },
  };
}

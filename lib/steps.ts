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

/** Runs a build to its end at once. */
export function runSteps<T>(steps: Generator<void, T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** Runs a build with `pause()` between its steps. */
export async function runStepsPaused<T>(steps: Generator<void, T>, pause: () => Promise<void> = nextTick): Promise<T> {
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
    warm(key, pause = nextTick) {
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

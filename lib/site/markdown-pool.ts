import { Worker } from 'node:worker_threads';
import type { RenderAnswer, RenderRequest } from '../content/markdown-worker';

/*
 * One worker thread that renders Markdown bodies for the production server. A paper
 * page spent about half of its 20 ms on the page's thread in its Markdown (remark's
 * parser, GFM, sanitising): in the worker, that half runs on the second core while the
 * page's thread renders other pages. At 52,000 documents, 64 connections: 60–61 uncached
 * pages/s instead of 47–51, and less garbage on the page's heap (docs/benchmarks.md).
 *
 * The worker is bundled by Next.js (Turbopack) from `new Worker(new URL(…))`. Anything
 * that goes wrong with it (it cannot start, it dies) makes the caller render in place,
 * as tests, the CLI and `next dev` always do.
 */

type Waiting = { done: (answer: RenderAnswer) => void; fail: (error: Error) => void };

interface Pool {
  worker?: Worker;
  failed: boolean;
  next: number;
  readonly waiting: Map<number, Waiting>;
}

/** One pool per process, kept across Next.js's module instances (see lib/steps.ts). */
const POOL = Symbol.for('trellis.markdown-pool');
const slot = globalThis as typeof globalThis & { [POOL]?: Pool };
const pool: Pool = (slot[POOL] ??= { failed: false, next: 0, waiting: new Map() });

/**
 * Whether bodies are rendered in the worker: in the production server only, unless
 * TRELLIS_MARKDOWN_WORKER=0. The variables are read one by one, as written: Next.js
 * puts NEXT_RUNTIME into the bundle in place of `process.env.NEXT_RUNTIME`, and the
 * server's process.env does not hold it.
 */
export function markdownWorkerEnabled(
  env: Record<string, string | undefined> = {
    NODE_ENV: process.env.NODE_ENV,
    NEXT_RUNTIME: process.env.NEXT_RUNTIME,
    TRELLIS_MARKDOWN_WORKER: process.env.TRELLIS_MARKDOWN_WORKER,
  },
): boolean {
  return env.NODE_ENV === 'production' && env.NEXT_RUNTIME === 'nodejs' && env.TRELLIS_MARKDOWN_WORKER !== '0';
}

/** Gives up on the worker: what waits for it fails (its callers render in place), and so does what comes later. */
function abandon(error: Error): void {
  pool.failed = true;
  pool.worker = undefined;
  for (const waiting of pool.waiting.values()) waiting.fail(error);
  pool.waiting.clear();
  console.log(`trellis: the Markdown worker stopped (${error.message}); bodies are rendered on the page's thread`);
}

/** The worker, started on first use; undefined when it cannot run. */
function worker(): Worker | undefined {
  if (pool.worker || pool.failed || !markdownWorkerEnabled()) return pool.worker;
  try {
    const started = new Worker(new URL('../content/markdown-worker.ts', import.meta.url));
    // A server that is told to stop stops, whatever the worker is doing.
    started.unref();
    started.on('message', ({ id, answer, error }: { id: number; answer?: RenderAnswer; error?: string }) => {
      const waiting = pool.waiting.get(id);
      pool.waiting.delete(id);
      if (answer) waiting?.done(answer);
      else waiting?.fail(new Error(error ?? 'the worker rendered nothing'));
    });
    started.on('error', abandon);
    started.on('exit', (code) => pool.worker === started && abandon(new Error(`it exited with code ${code}`)));
    pool.worker = started;
  } catch (error) {
    abandon(error as Error);
  }
  return pool.worker;
}

/** Starts the worker ahead of the first page, so that its modules load while the corpus does. */
export function startMarkdownWorker(): void {
  worker();
}

/**
 * The worker's answer to a request; undefined when there is no worker (the caller
 * renders in place). The promise fails when the worker fails it or stops.
 */
export function renderInWorker(request: RenderRequest): Promise<RenderAnswer> | undefined {
  const running = worker();
  if (!running) return undefined;
  const id = pool.next++;
  return new Promise((done, fail) => {
    pool.waiting.set(id, { done, fail });
    running.postMessage({ id, request });
  });
}

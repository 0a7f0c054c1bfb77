import { createRequire } from 'node:module';

/*
 * Pages under load with autocannon: first URLs never asked for (each once, so no
 * cache can answer), then the same URLs again.
 */

// autocannon ships no types: what this file uses of it.
interface Histogram {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}
interface AutocannonResult {
  readonly requests: { readonly total: number };
  readonly latency: Histogram;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly '2xx': number;
  readonly duration: number;
}
/** One request of an autocannon run (also used by scripts/loadtest.ts). */
export interface RequestSpec {
  method: string;
  path?: string;
  setupRequest?: (request: RequestSpec) => RequestSpec;
}
/** What an autocannon run is given (also used by scripts/loadtest.ts). */
export interface AutocannonOptions {
  readonly url: string;
  readonly connections: number;
  readonly amount?: number;
  readonly duration?: number;
  readonly timeout: number;
  readonly requests: readonly RequestSpec[];
}
type Autocannon = (options: AutocannonOptions, done: (error: Error | null, result: AutocannonResult) => void) => { stop(): void };
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface LoadRun {
  readonly connections: number;
  /** Distinct URLs asked for. */
  readonly urls: number;
  readonly completed: number;
  readonly ok: number;
  /** 2xx answers per second of the run. */
  readonly pagesPerS: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly seconds: number;
}

/** Seconds autocannon waits for an answer before counting a time-out. */
const TIMEOUT_S = 10;

/**
 * Asks for `paths` in order over `connections`, for at most `durationS` seconds;
 * with `once`, each path at most once (the run ends early when they run out).
 */
function drive(origin: string, paths: readonly string[], connections: number, durationS: number, once: boolean): Promise<{ result: AutocannonResult; sent: number }> {
  let sent = 0;
  return new Promise((done, fail) => {
    const started = performance.now();
    const instance = autocannon(
      {
        url: origin,
        connections,
        timeout: TIMEOUT_S,
        ...(once ? { amount: paths.length } : { duration: durationS }),
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[sent++ % paths.length] as string }) }],
      },
      (error, result) => {
        clearTimeout(timer);
        if (error) fail(error);
        else done({ result: { ...result, duration: (performance.now() - started) / 1000 }, sent: Math.min(sent, paths.length) });
      },
    );
    const timer = setTimeout(() => instance.stop(), durationS * 1000 + 500);
  });
}

function toRun(result: AutocannonResult, urls: number, connections: number): LoadRun {
  return {
    connections,
    urls,
    completed: result.requests.total,
    ok: result['2xx'],
    pagesPerS: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    seconds: result.duration,
  };
}

/** The uncached run over `paths` (each once), then the cached run over the paths it reached. */
export async function runLoad(origin: string, paths: readonly string[], connections: number, durationS: number): Promise<{ uncached: LoadRun; cached: LoadRun }> {
  const first = await drive(origin, paths, connections, durationS, true);
  const reached = paths.slice(0, Math.max(1, first.sent));
  const again = await drive(origin, reached, connections, durationS, false);
  return { uncached: toRun(first.result, first.sent, connections), cached: toRun(again.result, reached.length, connections) };
}

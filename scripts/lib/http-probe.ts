import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';

/*
 * What a client sees of a server: when a URL first answers 200, how large an answer
 * is on the wire, which URLs the site publishes. Nothing here knows Trellis's insides.
 */

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

export interface Readiness {
  /** Seconds from `since` to the first 200, when there was one before the deadline. */
  readonly seconds?: number;
  /** The last status seen (0: no answer, e.g. not listening yet or timed out). */
  readonly lastStatus: number;
  /** Statuses other than 200 seen on the way, with how often (e.g. 503 while indexing). */
  readonly seen: ReadonlyMap<number, number>;
  /** The longest a single request took, in seconds: a request that hangs during warm-up shows here. */
  readonly slowestS: number;
  /** The Retry-After header of the last non-200 answer, if any. */
  readonly retryAfter?: string;
}

/**
 * Asks for `url` every `intervalMs` (one request at a time) until it answers 200,
 * `deadline` (a performance.now() time) passes, or `stopped()` says to give up.
 */
export async function waitFor200(url: string, since: number, deadline: number, stopped: () => boolean, intervalMs = 250): Promise<Readiness> {
  const seen = new Map<number, number>();
  let lastStatus = 0;
  let slowestS = 0;
  let retryAfter: string | undefined;
  while (performance.now() < deadline && !stopped()) {
    const started = performance.now();
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(Math.max(1000, Math.round(deadline - started))) });
      await response.arrayBuffer();
      lastStatus = response.status;
      if (response.status === 200) {
        slowestS = Math.max(slowestS, (performance.now() - started) / 1000);
        return { seconds: (performance.now() - since) / 1000, lastStatus, seen, slowestS, ...(retryAfter ? { retryAfter } : {}) };
      }
      seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
      retryAfter = response.headers.get('retry-after') ?? retryAfter;
    } catch {
      lastStatus = 0;
    }
    slowestS = Math.max(slowestS, (performance.now() - started) / 1000);
    await sleep(intervalMs);
  }
  return { lastStatus, seen, slowestS, ...(retryAfter ? { retryAfter } : {}) };
}

export interface Sized {
  readonly path: string;
  readonly status: number;
  /** Bytes on the wire (the body as sent). */
  readonly wire: number;
  /** Bytes once decompressed. */
  readonly raw: number;
  readonly encoding: string;
  readonly seconds: number;
  readonly error?: string;
}

/** One GET asking for gzip, with the body's size as sent and as decompressed. */
export function fetchSized(origin: string, path: string, timeoutMs: number): Promise<Sized> {
  const started = performance.now();
  return new Promise((done) => {
    const req = request(`${origin}${path}`, { headers: { 'accept-encoding': 'gzip' }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const encoding = String(res.headers['content-encoding'] ?? 'identity');
        let raw = body.length;
        try {
          if (encoding === 'gzip') raw = gunzipSync(body).length;
        } catch {
          raw = -1;
        }
        done({ path, status: res.statusCode ?? 0, wire: body.length, raw, encoding, seconds: (performance.now() - started) / 1000 });
      });
      res.on('error', (error) => done({ path, status: res.statusCode ?? 0, wire: 0, raw: 0, encoding: '', seconds: 0, error: error.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', (error) => done({ path, status: 0, wire: 0, raw: 0, encoding: '', seconds: (performance.now() - started) / 1000, error: error.message }));
    req.end();
  });
}

/** A GET's body as text, or undefined when it does not answer 200 in time. */
export async function getText(url: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return response.ok ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Same-site paths of the links of an HTML page (href="/…"), without query or fragment. */
export function linkedPaths(html: string): string[] {
  const paths = new Set<string>();
  for (const match of html.matchAll(/href="(\/[^"#?]*)/g)) paths.add((match[1] as string).replace(/&amp;/g, '&'));
  return [...paths];
}

/**
 * Every page path the site's sitemaps list: those robots.txt names, and /sitemap.xml;
 * a sitemap index is followed one level down.
 */
export async function sitemapPaths(origin: string, timeoutMs: number): Promise<{ paths: string[]; files: string[] }> {
  const robots = (await getText(`${origin}/robots.txt`, timeoutMs)) ?? '';
  const named = [...robots.matchAll(/^sitemap:\s*(\S+)/gim)].map((m) => new URL(m[1] as string).pathname);
  const queue = [...new Set(['/sitemap.xml', ...named])];
  const files: string[] = [];
  const paths = new Set<string>();
  for (let i = 0; i < queue.length && i < 50; i++) {
    const file = queue[i] as string;
    const xml = await getText(`${origin}${file}`, timeoutMs);
    if (!xml) continue;
    files.push(file);
    const locs = [...xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => new URL((m[1] as string).replace(/&amp;/g, '&')).pathname);
    if (/<sitemapindex/.test(xml)) {
      for (const loc of locs) if (!queue.includes(loc)) queue.push(loc);
    } else {
      for (const loc of locs) paths.add(loc);
    }
  }
  return { paths: [...paths], files };
}

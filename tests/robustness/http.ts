/**
 * Requests sent exactly as written. fetch() resolves `..` and turns `\` into `/`
 * before anything is sent, which would hide what the server does with them.
 */
import { request } from 'node:http';

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** GET `path` (sent byte for byte) from `origin`, without following redirects. */
export function rawGet(origin: string, path: string): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  return new Promise((done, fail) => {
    const req = request({ hostname, port, path, method: 'GET', insecureHTTPParser: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.setTimeout(60_000, () => req.destroy(new Error(`no answer to ${path.slice(0, 80)} within 60 s`)));
    req.end();
  });
}

/** GET `path`, following same-origin redirects (at most five), each sent as written. */
export async function rawGetFollowing(origin: string, path: string): Promise<RawResponse & { readonly path: string }> {
  let at = path;
  for (let hop = 0; hop < 5; hop++) {
    const response = await rawGet(origin, at);
    const location = response.headers.location;
    if (response.status < 300 || response.status > 399 || typeof location !== 'string') return { ...response, path: at };
    const next = new URL(location, `${origin}${at}`);
    if (next.origin !== origin) throw new Error(`${path} redirects to another origin: ${location}`);
    at = `${next.pathname}${next.search}`;
  }
  throw new Error(`${path} redirects more than five times`);
}

/** The text of a page's first <h1>, its tags and comments dropped and its spaces collapsed; undefined when it has none. */
export function headingOf(html: string): string | undefined {
  const inner = /<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1];
  return inner
    ?.replace(/<!--[\s\S]*?-->|<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDS } from '../helpers/seeds';
import { findFreePort, startServer, type RunningServer } from '../helpers/server';

/*
 * What the Dockerfile runs, without Docker: the standalone build, assembled by
 * deploy/assemble-standalone.mjs into a folder of its own away from the repository,
 * served by our server wrapper. It answers the same pages as `npm start`.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const SITE_URL = 'https://trellis.example/';
const env = { TRELLIS_SITE_URL: SITE_URL };

let reference: RunningServer;
let folder: string;
let standalone: ChildProcess | undefined;
let url: string;

beforeAll(async () => {
  // `npm start` builds when the build is stale, and is the reference to compare with.
  reference = await startServer({ contentDir: 'content', env });
  folder = mkdtempSync(join(tmpdir(), 'trellis-standalone-'));
  const app = join(folder, 'app');
  execFileSync(process.execPath, [join(root, 'deploy', 'assemble-standalone.mjs'), '--out', app], { cwd: root, stdio: 'pipe' });
  const port = await findFreePort();
  url = `http://127.0.0.1:${port}`;
  standalone = spawn(process.execPath, [join(app, 'server', 'server.mjs'), '--port', String(port), '--hostname', '127.0.0.1'], {
    // Anywhere but the repository: nothing may be found through it.
    cwd: folder,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, TRELLIS_CONTENT_DIR: resolve(root, 'content'), TRELLIS_DIST_DIR: '', NODE_ENV: 'production' },
  });
  const output: string[] = [];
  standalone.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  standalone.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  await waitForAnswer(url, standalone, output);
});

afterAll(async () => {
  if (standalone && standalone.exitCode === null) {
    const exited = new Promise((done) => standalone?.once('exit', done));
    standalone.kill('SIGTERM');
    await exited;
  }
  await reference?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function waitForAnswer(origin: string, child: ChildProcess, output: string[]): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`the standalone server exited: ${output.join('')}`);
    try {
      await fetch(`${origin}/robots.txt`, { signal: AbortSignal.timeout(5_000) });
      return;
    } catch {
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  throw new Error(`the standalone server did not answer: ${output.join('')}`);
}

describe('the standalone build behind our server', () => {
  it.each(['/', SEEDS.note000.id, '/api/search/?q=sycophancy'])('answers %s as `npm start` does, byte for byte', async (path) => {
    const [ours, theirs] = await Promise.all([fetch(`${url}${path}`), fetch(`${reference.url}${path}`)]);
    expect(ours.status).toBe(200);
    expect(await ours.text()).toBe(await theirs.text());
    expect(ours.headers.get('etag')).toBe(theirs.headers.get('etag'));
    expect(ours.headers.get('content-security-policy')).toBe(theirs.headers.get('content-security-policy'));
  });

  it("serves a page's scripts and styles, the favicon and the manifest", async () => {
    const html = await (await fetch(`${url}/`)).text();
    const assets = [...new Set(html.match(/\/_next\/static\/[^"'\s]+\.(?:js|css)/g) ?? [])];
    expect(assets.length).toBeGreaterThan(0);
    for (const path of [...assets, '/favicon.ico', '/site.webmanifest']) expect((await fetch(`${url}${path}`)).status, path).toBe(200);
  });

  it('compresses and answers 304 as `npm start` does', async () => {
    const page = await fetch(`${url}${SEEDS.note000.id}`, { headers: { 'accept-encoding': 'br' } });
    expect(page.headers.get('content-encoding')).toBe('br');
    const again = await fetch(`${url}${SEEDS.note000.id}`, { headers: { 'if-none-match': page.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
  });
});

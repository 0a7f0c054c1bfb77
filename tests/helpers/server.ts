/**
 * Starts the real app, the way `npm start` does, against a content folder of the
 * test's choosing. The build is shared: server/start.mjs builds only when the
 * build is missing or older than the sources, and a lock makes concurrent test
 * files wait for one build instead of racing to write .next/ together.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const lockDir = join(root, 'test-artifacts', 'server-start.lock');

export interface StartOptions {
  /** The content folder to serve, absolute or relative to the repository root. */
  readonly contentDir: string;
  /** More settings for the server (TRELLIS_STORE_DIR, say). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface RunningServer {
  /** Origin of the server, without a trailing slash: `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** Stops the server and every process it started. */
  stop(): Promise<void>;
}

export const defaultReadyTimeoutMs = 10 * 60_000;

/** Process groups still running, killed if the test process exits without stop(). */
const running = new Set<number>();
process.on('exit', () => {
  for (const pgid of running) killGroup(pgid, 'SIGKILL');
});

export async function startServer({ contentDir, env = {} }: StartOptions): Promise<RunningServer> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const output: string[] = [];

  const child = await withLock(async () => {
    // detached: the server gets its own process group, so stop() reaches the
    // Next.js processes that start.mjs spawns, not only start.mjs itself.
    const child = spawn(process.execPath, [join(root, 'server', 'start.mjs'), '--hostname', '127.0.0.1'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env, PORT: String(port), TRELLIS_CONTENT_DIR: resolve(root, contentDir) },
    });
    const pgid = child.pid;
    if (pgid === undefined) throw new Error('could not spawn server/start.mjs');
    running.add(pgid);
    const keep = (chunk: Buffer) => output.push(chunk.toString());
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    try {
      await waitUntilAnswering(url, child, defaultReadyTimeoutMs);
    } catch (error) {
      await stopProcess(child);
      throw new Error(`${(error as Error).message}\n--- server output ---\n${output.join('').slice(-8000)}`);
    }
    return child;
  });

  return { url, port, stop: () => stopProcess(child) };
}

/** A port nobody listens on right now. */
export function findFreePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? done(port) : fail(new Error('no free port'))));
    });
  });
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `the server exited early (code ${code}, signal ${signal})`));
  while (Date.now() < deadline) {
    if (exited) throw new Error(exited);
    try {
      await fetch(`${url}/`, { signal: AbortSignal.timeout(5_000) });
      return;
    } catch {
      await sleep(250);
    }
  }
  throw new Error(`the server did not answer on ${url} within ${timeoutMs / 1000} s`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined || !running.has(pgid)) return;
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
  killGroup(pgid, 'SIGTERM');
  const timer = setTimeout(() => killGroup(pgid, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  // start.mjs is gone; make sure nothing it started lingers in the group.
  killGroup(pgid, 'SIGKILL');
  running.delete(pgid);
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Runs `fn` holding a lock shared by every test process of this checkout. A lock
 * left by a process that died is taken over.
 */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(join(lockDir, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch {
      if (!isHolderAlive()) rmSync(lockDir, { recursive: true, force: true });
      else await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function isHolderAlive(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
  } catch {
    // The holder may be between mkdir and writing its pid: assume it is alive.
    return true;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/**
 * Runs nginx for a test: deploy/nginx-trellis.conf with the test's ports, in a
 * temporary prefix with its own pid file, logs and temporary folders, never the
 * system's. Needs nginx on the PATH or at /usr/sbin/nginx (.ci/run installs it).
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '../helpers/server';

const root = fileURLToPath(new URL('../..', import.meta.url));
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path)) ?? 'nginx';

export interface RunningNginx {
  /** Origin of the proxy: `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Stops nginx and removes its folder. */
  stop(): Promise<void>;
}

/**
 * The shipped site config with `upstreams` in place of its two instances and `port` as
 * its listening port; each answer also names the instance that gave it (X-Upstream).
 */
export function siteConfig(upstreams: readonly number[], port: number): string {
  const shipped = readFileSync(join(root, 'deploy', 'nginx-trellis.conf'), 'utf8');
  const servers = shipped.match(/^\s*server 127\.0\.0\.1:\d+.*$/gm) ?? [];
  if (servers.length !== 2 || !/listen 8080;/.test(shipped)) throw new Error('deploy/nginx-trellis.conf no longer has two upstream servers and `listen 8080`');
  const template = servers[0] ?? '';
  let config = shipped.replace(servers[0] ?? '', upstreams.map((p) => template.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${p}`)).join('\n'));
  config = config.replace(servers[1] ?? '', '');
  return config.replace('listen 8080;', `listen 127.0.0.1:${port};`).replace('location / {', 'location / {\n        add_header X-Upstream $upstream_addr always;');
}

export async function startNginx(upstreams: readonly number[]): Promise<RunningNginx> {
  const port = await findFreePort();
  const dir = mkdtempSync(join(tmpdir(), 'trellis-nginx-'));
  // nginx's workers run as nobody when the tests run as root: they must reach the folder.
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'trellis.conf'), siteConfig(upstreams, port));
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 64; }',
      'http {',
      `  access_log ${dir}/access.log;`,
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${dir}/${kind};`),
      `  include ${dir}/trellis.conf;`,
      '}',
    ].join('\n'),
  );
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let failed: Error | undefined;
  child.once('error', (error) => (failed = error));
  child.once('exit', (code) => (failed ??= new Error(`nginx exited (code ${code}): ${output.join('')}${readLog(dir)}`)));

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // SIGQUIT: nginx's graceful stop; the master waits for its workers.
      child.kill('SIGQUIT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 100; attempt++) {
    if (failed) break;
    try {
      await fetch(`${url}/robots.txt`, { signal: AbortSignal.timeout(2_000) });
      return { url, stop };
    } catch {
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  await stop();
  throw failed ?? new Error(`nginx did not answer on ${url}: ${output.join('')}`);
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'error.log'), 'utf8');
  } catch {
    return '';
  }
}

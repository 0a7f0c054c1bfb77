import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/*
 * The production server as a user starts it (`npm start`), seen from outside: its
 * process tree, its memory, and how it ended. Benches measure the server through
 * this and HTTP only, so they keep working when the server's insides change.
 */

/** What `npm start` runs, read from package.json now (another change may move the script). */
export function readStartCommand(projectRoot: string): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const start = pkg.scripts?.start;
  if (!start) throw new Error('package.json has no "start" script');
  return start;
}

/** The executable and arguments of a start command; `node …` runs under this Node, anything else through sh. */
function toSpawnArgs(command: string): { file: string; args: string[]; env: Record<string, string> } {
  const words = command.trim().split(/\s+/);
  const env: Record<string, string> = {};
  // Leading VAR=value words set the environment, as the shell would.
  while (words[0] && /^[A-Za-z_][A-Za-z0-9_]*=\S*$/.test(words[0])) {
    const [name, ...value] = (words.shift() as string).split('=');
    env[name as string] = value.join('=');
  }
  const simple = words.every((w) => /^[\w./@:=-]+$/.test(w));
  if (simple && words[0] === 'node') return { file: process.execPath, args: words.slice(1), env };
  return { file: 'sh', args: ['-c', command], env: {} };
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

/** Every process below `root`, read from /proc. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const walk = (pid: number): void => {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}

/** VmRSS of a process in bytes; 0 when it is gone. */
function rssOf(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kb ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** The largest RSS seen, of one process and of the whole tree at one moment. */
export interface RssPeak {
  largest: number;
  sum: number;
}

/**
 * Samples the RSS of every process of a tree every `intervalMs`, keeping the peak of
 * each named phase (start, warm-up, load…) and overall, and the last sample.
 */
export class RssSampler {
  readonly phases = new Map<string, RssPeak>();
  readonly overall: RssPeak = { largest: 0, sum: 0 };
  /** The samples of the last 2 s: what a process held just before it died. */
  private readonly recentSamples: RssPeak[] = [];
  phase = 'start';
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly root: number, intervalMs = 250) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    this.sample();
  }

  sample(): void {
    const sizes = [this.root, ...descendants(this.root)].map(rssOf);
    const now = { largest: Math.max(0, ...sizes), sum: sizes.reduce((a, b) => a + b, 0) };
    if (now.sum === 0) return;
    this.recentSamples.push(now);
    if (this.recentSamples.length > 8) this.recentSamples.shift();
    const peak = this.phases.get(this.phase) ?? { largest: 0, sum: 0 };
    for (const p of [peak, this.overall]) {
      p.largest = Math.max(p.largest, now.largest);
      p.sum = Math.max(p.sum, now.sum);
    }
    this.phases.set(this.phase, peak);
  }

  /** The largest of the last 2 s of samples. */
  recent(): RssPeak {
    return { largest: Math.max(0, ...this.recentSamples.map((r) => r.largest)), sum: Math.max(0, ...this.recentSamples.map((r) => r.sum)) };
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export interface ServerRun {
  readonly origin: string;
  readonly child: ChildProcess;
  /** performance.now() at spawn. */
  readonly spawnedAt: number;
  readonly rss: RssSampler;
  /** Resolves when the server's main process ends, with how it ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; afterS: number }>;
  /** The last lines the server printed (stdout and stderr). */
  tail(lines?: number): string;
  /** The first line of the kept output that reads like a fatal error (out of memory, an uncaught error). */
  fatal(): string | undefined;
  stop(): Promise<void>;
}

const running = new Set<ServerRun>();

/** Stops every server still running: for Ctrl-C and errors. */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((run) => run.stop()));
}

/**
 * Spawns the start command in its own process group on a free port, with `env` on
 * top of ours. Stopping sends SIGTERM to the whole group, then SIGKILL after 5 s.
 */
export async function spawnServer(projectRoot: string, env: Record<string, string>): Promise<ServerRun> {
  const port = await freePort();
  const { file, args, env: commandEnv } = toSpawnArgs(readStartCommand(projectRoot));
  const spawnedAt = performance.now();
  const child = spawn(file, args, {
    cwd: projectRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', ...commandEnv, ...env, PORT: String(port) },
  });
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    // A fatal error prints a long stack after its one telling line: keep enough of it.
    if (output.length > 2000) output.splice(0, output.length - 1000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; afterS: number }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal, afterS: (performance.now() - spawnedAt) / 1000 })),
  );
  const rss = new RssSampler(child.pid as number);
  const run: ServerRun = {
    origin: `http://127.0.0.1:${port}`,
    child,
    spawnedAt,
    rss,
    exited,
    tail: (lines = 12) => output.slice(-lines).join('\n'),
    fatal: () => output.find((line) => /out of memory|FATAL ERROR|Uncaught|Error:/i.test(line)),
    stop: async () => {
      running.delete(run);
      rss.stop();
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      const group = -child.pid;
      const kill = (signal: NodeJS.Signals): void => {
        try {
          process.kill(group, signal);
        } catch {
          // The group is gone.
        }
      };
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      // Anything of the group still alive (a grandchild that ignored SIGTERM).
      kill('SIGKILL');
    },
  };
  running.add(run);
  return run;
}

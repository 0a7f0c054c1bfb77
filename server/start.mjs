#!/usr/bin/env node
/**
 * What `npm start` runs: build the app when there is no build or it is older than
 * the sources, then serve it with server/server.mjs (Next.js's request handler and
 * a cache of rendered pages) on PORT (default 3000). Signals are
 * passed on to Next.js and its exit code becomes ours, so a supervisor (or a test
 * harness) can stop the server like any other process.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

/** What the build is made from: a change to any of these makes the build stale. */
const sources = ['app', 'lib', 'public', 'next.config.js', 'server/page-csp.mjs', 'proxy.ts', 'instrumentation.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

/** Modification time of a file, or of the newest file below a folder; 0 when absent. */
function getNewestMtime(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, getNewestMtime(join(path, name)));
  return newest;
}

function isBuildStale() {
  const built = getNewestMtime(join(root, process.env.TRELLIS_DIST_DIR || '.next', 'BUILD_ID'));
  if (built === 0) return true;
  return sources.some((source) => getNewestMtime(join(root, source)) > built);
}

/** Runs a Node script with `args` (and V8 flags `nodeFlags`), passing our signals on; resolves with how it ended. */
function runNode(script, args, nodeFlags = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, script, ...args], { cwd: root, env, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const signal of signals) process.on(signal, forward);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve({ code, signal });
    });
  });
}

/** Ends this process the way the child ended. */
function exitLike({ code, signal }) {
  process.exit(signal ? 128 + (constants.signals[signal] ?? 1) : (code ?? 1));
}

if (isBuildStale()) {
  console.error('trellis: the build is missing or older than the sources; running `next build`…');
  const build = await runNode(nextBin, ['build']);
  if (build.code !== 0) exitLike(build);
}

/*
 * A page render allocates about 6 MB, nearly all of it garbage by the time the page is
 * sent. With V8's default 16 MB semi-spaces a scavenge runs every page or two and
 * promotes what is still in flight to the old generation, where only a mark-compact of
 * the whole (800 MB at 52,000 documents) heap frees it. 32 MB semi-spaces measured 7–9%
 * less CPU per uncached page and 250 MB less peak RSS under load at 52k
 * (docs/benchmarks.md). A flag given in NODE_OPTIONS wins.
 */
const serverFlags = /--max-semi-space-size/.test(process.env.NODE_OPTIONS ?? '') ? [] : ['--max-semi-space-size=32'];
/*
 * `gc` for the start-up's builds, which run a full collection between two steps once
 * their garbage has grown (lib/steps.ts `collectIfGrown`): at 100,000 documents the
 * first start's peak RSS went from 1.9 GiB to 1.4 GiB (docs/benchmarks.md).
 */
serverFlags.push('--expose-gc');

const port = process.env.PORT || '3000';
// Next.js's handler behind Trellis's server, which keeps rendered pages in memory (server/server.mjs).
exitLike(await runNode(join(root, 'server', 'server.mjs'), ['--port', port, ...process.argv.slice(2)], serverFlags));

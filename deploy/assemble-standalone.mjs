#!/usr/bin/env node
/**
 * Makes the standalone build runnable on its own: Next.js writes the server and the
 * node_modules it needs to <build>/standalone/, and leaves the static files, public/
 * and (ours) the server wrapper to be copied beside them. The Dockerfile runs this after
 * `next build`; tests/deploy/standalone.test.ts runs it into a temporary folder.
 *
 *   node deploy/assemble-standalone.mjs [--out DIR]    (default: <build>/standalone itself)
 *
 * Then: node DIR/server/server.mjs --port 3000, with TRELLIS_CONTENT_DIR set.
 */
import { cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const distDir = process.env.TRELLIS_DIST_DIR || '.next';
const standalone = join(root, distDir, 'standalone');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(values.out ?? standalone);

if (!existsSync(join(standalone, 'server.js'))) {
  console.error(`assemble-standalone: no standalone build in ${standalone}; run \`next build\` first`);
  process.exit(1);
}
if (out !== standalone) cpSync(standalone, out, { recursive: true, verbatimSymlinks: true });
cpSync(join(root, distDir, 'static'), join(out, distDir, 'static'), { recursive: true });
cpSync(join(root, 'public'), join(out, 'public'), { recursive: true });
cpSync(join(root, 'server'), join(out, 'server'), { recursive: true, filter: (path) => !path.endsWith('.d.mts') });
console.log(`assemble-standalone: ${out} is ready: node ${join(out, 'server', 'server.mjs')}`);

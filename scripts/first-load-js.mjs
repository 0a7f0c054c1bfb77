/*
 * The JavaScript a page loads before anything is asked of it: the scripts its HTML
 * names (nomodule polyfills apart, which modern browsers skip), each gzipped at level 9.
 *
 *   node scripts/first-load-js.mjs http://localhost:3000 /notes/<slug>/ /papers/<id>/ …
 */
import { gzipSync } from 'node:zlib';

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error('usage: node scripts/first-load-js.mjs <origin> <path>…');
  process.exit(2);
}
for (const path of paths) {
  const html = await (await fetch(new URL(path, base))).text();
  const tags = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)].filter((m) => !/\bnomodule\b/i.test(m[0]));
  const sources = [...new Set(tags.map((m) => m[1]))];
  let total = 0;
  const sizes = [];
  for (const src of sources) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    const size = gzipSync(body, { level: 9 }).length;
    total += size;
    sizes.push(`${src.split('/').pop()} ${(size / 1024).toFixed(1)}`);
  }
  console.log(`${path}: ${(total / 1024).toFixed(1)} KB gzipped in ${sources.length} scripts (${sizes.join(', ')})`);
}

/**
 * What GET /api/graph/ costs on a content folder: the overview's selection and
 * layout (once per graph on the server), its size as JSON and gzipped, and the
 * largest and slowest regions around a sample of nodes.
 *
 *   TRELLIS_STORE_DIR=/tmp/store npx tsx scripts/bench-overview.ts --content DIR [--runs 3] [--sample 20]
 *
 * The graph is read the way the server reads it, through the store (built on the
 * first run, which takes a while at 50,000 documents). A benchmark, not a test:
 * it prints figures and asserts nothing.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { getGraph } from '../lib/corpus';
import { getGraphRegion, toGraphOverview } from '../lib/graph/overview';
import type { NodeId } from '../lib/graph/types';

const { values } = parseArgs({ options: { content: { type: 'string' }, runs: { type: 'string', default: '3' }, sample: { type: 'string', default: '20' } } });
if (!values.content) throw new Error('--content DIR is required');
process.env.TRELLIS_CONTENT_DIR = values.content;

const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en')} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

let started = performance.now();
const graph = getGraph();
console.log(`${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`graph: ${graph.nodes.size.toLocaleString('en')} nodes, ${graph.edges.length.toLocaleString('en')} edges (read in ${((performance.now() - started) / 1000).toFixed(1)} s)`);

const times: number[] = [];
let overview = toGraphOverview(graph);
for (let run = 0; run < Number(values.runs); run++) {
  started = performance.now();
  overview = toGraphOverview(graph);
  times.push(performance.now() - started);
}
const json = JSON.stringify(overview);
console.log(
  `overview (${overview.level}): ${overview.shown.nodes.toLocaleString('en')} nodes, ${overview.shown.edges.toLocaleString('en')} edges; ` +
    `selected and laid out in ${Math.round(median(times))} ms (median of ${times.length}); ${kb(json.length)} of JSON, ${kb(gzipSync(json).length)} gzipped`,
);

// Regions around the largest tags (the worst case: as many nodes as a region holds) and an even sample of nodes.
const tags = [...graph.nodes.values()].filter((n) => n.kind === 'tag').sort((a, b) => (graph.incoming.get(b.id)?.length ?? 0) - (graph.incoming.get(a.id)?.length ?? 0));
const ids = [...graph.nodes.keys()];
const step = Math.max(1, Math.floor(ids.length / Number(values.sample)));
const sample: NodeId[] = [...tags.slice(0, 3).map((t) => t.id), ...ids.filter((_, i) => i % step === 0)];
for (const depth of [1, 2, 3]) {
  let slowest = 0;
  let largest = 0;
  let nodes = 0;
  for (const focus of sample) {
    started = performance.now();
    const region = getGraphRegion(graph, { focus, depth });
    slowest = Math.max(slowest, performance.now() - started);
    largest = Math.max(largest, gzipSync(JSON.stringify(region)).length);
    nodes = Math.max(nodes, region?.shown.nodes ?? 0);
  }
  console.log(`regions at depth ${depth}, ${sample.length} foci: slowest ${Math.round(slowest)} ms, largest ${nodes} nodes and ${kb(largest)} gzipped`);
}

/**
 * What topics cost on a content folder, and what they look like: clustering and
 * labelling time (the similarity vectors they read are built, or read back from
 * the store, first and timed apart), the topic map's size as JSON and gzipped,
 * the largest topics with three members each, and a check of their quality: how
 * often papers that share an informative tag land in one topic, against a random
 * split of the same sizes, with topics computed without tag edges (so the tags are
 * a yardstick the clustering did not see).
 *
 *   TRELLIS_STORE_DIR=/tmp/store npx tsx scripts/bench-topics.ts --content DIR [--top 20] [--runs 1]
 *
 * A benchmark, not a test: it prints figures and asserts nothing.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { getGraph } from '../lib/corpus';
import type { Graph, NodeId, Slug } from '../lib/graph/types';
import { getSimilarityIndex } from '../lib/search/similarity';
import { defaultClusterOptions } from '../lib/topics/cluster';
import { computeTopics } from '../lib/topics/compute';
import { toTopicMap } from '../lib/topics/map';
import type { TopicSet } from '../lib/topics/types';

const { values } = parseArgs({ options: { content: { type: 'string' }, top: { type: 'string', default: '20' }, runs: { type: 'string', default: '1' } } });
if (!values.content) throw new Error('--content DIR is required');
process.env.TRELLIS_CONTENT_DIR = values.content;

const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en')} KB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

let started = performance.now();
const graph = getGraph();
console.log(`${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`graph: ${graph.nodes.size.toLocaleString('en')} nodes, ${graph.edges.length.toLocaleString('en')} edges (read in ${seconds(performance.now() - started)})`);
started = performance.now();
const similarity = getSimilarityIndex(graph);
console.log(`similarity vectors: ${similarity.documents.length.toLocaleString('en')} documents (built or read back in ${seconds(performance.now() - started)})`);

const input = { graph, documents: similarity.documents, vectors: similarity.vectors };
let topics: TopicSet | undefined;
for (let run = 0; run < Number(values.runs); run++) {
  started = performance.now();
  const timings = new Map<string, number>();
  topics = computeTopics({ ...input, timings }).topics;
  console.log(`  steps: ${[...timings].map(([step, ms]) => `${step} ${seconds(ms)}`).join(', ')}`);
  const leaves = [...topics.topics.values()].filter((t) => !t.children.length);
  console.log(
    `topics: ${topics.topics.size.toLocaleString('en')} (${topics.roots.length} top-level, ${leaves.length} leaves, largest leaf ${Math.max(...leaves.map((l) => l.members.length))}); ` +
      `clustered and labelled in ${seconds(performance.now() - started)}`,
  );
}
const set = topics as TopicSet;
started = performance.now();
const map = toTopicMap(set);
const json = JSON.stringify(map);
console.log(`topic map: ${map.slugs.length} topics, ${map.edges.length / 3} edges, laid out in ${seconds(performance.now() - started)}; ${kb(json.length)} of JSON, ${kb(gzipSync(json).length)} gzipped`);

console.log(`\nThe ${values.top} largest top-level topics:`);
for (const slug of set.roots.slice(0, Number(values.top))) {
  const topic = set.topics.get(slug);
  if (!topic) continue;
  const members = topic.members.slice(0, 3).map((id) => graph.nodes.get(id)?.title.replace(/\s+/g, ' ').slice(0, 90));
  console.log(`| ${topic.label} | ${topic.members.length} | ${topic.children.length} | ${members.join(' · ')} |`);
}

console.log('\nLabels: ' + labelCoverage(set));

// Stable URLs: after a small edit, matched against the first run, how many documents keep their topic's URL.
const previous = new Map([...set.topics.values()].filter((t) => t.origin === 'computed').map((t) => [t.slug, t.members] as const));
const keptShare = (next: TopicSet) => {
  let kept = 0;
  let total = 0;
  for (const [id, slug] of set.topicOf) {
    if (!next.topicOf.has(id) || next.topics.get(next.topicOf.get(id) as Slug)?.origin === 'author') continue;
    total++;
    if (next.topicOf.get(id) === slug) kept++;
  }
  return `${((100 * kept) / Math.max(1, total)).toFixed(1)}%`;
};
// A small edit: ten papers taken out of the clustering (pinned to a topic of their own by a topics file).
const moved = [...set.topicOf.keys()].filter((id) => graph.nodes.get(id)?.kind === 'paper').filter((_, i) => i % 97 === 0).slice(0, 10);
const edit = ['- name: Moved by hand', '  members:', ...moved.map((id) => `    - ${(graph.nodes.get(id) as { arxivId?: string }).arxivId ?? graph.nodes.get(id)?.title}`)].join('\n');
console.log(`Stability: after a small edit (${moved.length} papers moved to a topic of their own), ${keptShare(computeTopics({ ...input, previous, topicsFile: edit }).topics)} of the other documents keep their topic's URL`);

console.log('\nTag cohesion (topics computed without tag edges):');
const untagged = computeTopics(input, { ...defaultClusterOptions, edgeWeights: { ...defaultClusterOptions.edgeWeights, tag: 0 } }).topics;
for (const [name, level] of [['top-level', topLevel(untagged)], ['leaf', untagged.topicOf]] as const) {
  const { together, random, tags } = tagCohesion(graph, level);
  console.log(`  ${name}: pairs of papers sharing an informative tag (${tags} tags on 0.2–5% of papers) in one topic: ${(100 * together).toFixed(1)}%; random split of the same sizes: ${(100 * random).toFixed(1)}%`);
}

/** Each document's top-level topic. */
function topLevel(s: TopicSet): Map<NodeId, Slug> {
  const out = new Map<NodeId, Slug>();
  for (const root of s.roots) for (const id of s.topics.get(root)?.members ?? []) out.set(id, root);
  return out;
}

/**
 * Of the pairs of papers that share a tag carried by 0.2–5% of the papers, the
 * share in one topic (averaged over tags), and what a random assignment with the
 * same topic sizes gives (the sum of squared topic shares).
 */
function tagCohesion(g: Graph, topicOf: ReadonlyMap<NodeId, Slug>): { together: number; random: number; tags: number } {
  const papers = [...g.nodes.values()].filter((n) => n.kind === 'paper' && !n.stub && topicOf.has(n.id));
  const sizes = new Map<Slug, number>();
  for (const p of papers) sizes.set(topicOf.get(p.id) as Slug, (sizes.get(topicOf.get(p.id) as Slug) ?? 0) + 1);
  const random = [...sizes.values()].reduce((sum, s) => sum + (s * (s - 1)) / (papers.length * (papers.length - 1)), 0);
  let total = 0;
  let tags = 0;
  for (const node of g.nodes.values()) {
    if (node.kind !== 'tag') continue;
    const carriers = (g.incoming.get(node.id) ?? []).map((e) => e.source).filter((id) => g.nodes.get(id)?.kind === 'paper' && topicOf.has(id));
    const n = carriers.length;
    if (n < Math.max(3, 0.002 * papers.length) || n > 0.05 * papers.length) continue;
    const byTopic = new Map<Slug, number>();
    for (const id of carriers) byTopic.set(topicOf.get(id) as Slug, (byTopic.get(topicOf.get(id) as Slug) ?? 0) + 1);
    total += [...byTopic.values()].reduce((sum, c) => sum + c * (c - 1), 0) / (n * (n - 1));
    tags++;
  }
  return { together: tags ? total / tags : 0, random, tags };
}

/** How many leaf topics' documents use one of their label's words in title or summary: a label that names what its members say. */
function labelCoverage(s: TopicSet): string {
  let covered = 0;
  let total = 0;
  for (const topic of s.topics.values()) {
    if (topic.children.length || topic.origin !== 'computed') continue;
    const words = topic.words.map((w) => w.toLowerCase());
    for (const id of topic.members) {
      const node = graph.nodes.get(id);
      if (!node) continue;
      const text = `${node.title} ${node.summary ?? ''}`.toLowerCase();
      total++;
      if (words.some((w) => text.includes(w))) covered++;
    }
  }
  return `${(100 * covered / Math.max(1, total)).toFixed(1)}% of the documents of computed leaf topics use one of their topic's label words in their title or summary`;
}

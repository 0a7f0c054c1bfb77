import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { contentDir } from '../corpus';
import { readTopicsFile } from '../content/load';
import type { DerivedPart, Diagnostic, Graph, NodeId, Slug } from '../graph/types';
import { percent, progressOf, reportedSteps, reportProgress } from '../progress';
import { getSimilarityIndex, similarityAvailability, warmSimilarityIndex } from '../search/similarity';
import { BUILD_IN_REQUEST_LIMIT, steppedStore, type Availability } from '../steps';
import { topicSteps, type TopicsResult } from './compute';
import type { PreviousTopics } from './match';
import type { Topic, TopicLink, TopicSet } from './types';

/*
 * The server's topics: computed once per content version (after the similarity
 * vectors, which they read), saved in the derived store beside the search and
 * similarity snapshots, and read back on a restart. The previous version's topics,
 * still in the store, give the new clusters their URLs.
 */

/** The name topics are saved under in the derived store. */
const TOPICS_SNAPSHOT = 'topics';
const FORMAT = 1;

const sets = steppedStore('trellis.topics', (graph: Graph) => reportedSteps('topics', savedOrComputedSteps(graph)));

function* savedOrComputedSteps(graph: Graph): Generator<void, TopicsResult> {
  const file = readTopicsFile(contentDir());
  const fileHash = createHash('sha1').update(file ?? '').digest('hex');
  try {
    const saved = restoreTopics(graph, graph.derived?.load(TOPICS_SNAPSHOT), fileHash);
    if (saved) return saved;
  } catch (error) {
    console.log(`trellis: the saved topics could not be read (${(error as Error).message}); computing them again`);
  }
  reportProgress('topics', 0, 2);
  yield;
  const similarity = getSimilarityIndex(graph);
  reportProgress('topics', 1, 2);
  yield;
  const result = yield* topicSteps({
    graph,
    documents: similarity.documents,
    vectors: similarity.vectors,
    ...(file !== undefined ? { topicsFile: file } : {}),
    previous: previousTopics(graph.derived?.loadPrevious?.(TOPICS_SNAPSHOT)),
  });
  graph.derived?.save(TOPICS_SNAPSHOT, topicParts(result, fileHash));
  return result;
}

type SavedTopic = [slug: Slug, label: string, words: readonly string[], origin: Topic['origin'], parent: Slug | null, children: readonly Slug[], members: readonly NodeId[]];

function topicParts(result: TopicsResult, fileHash: string): DerivedPart[] {
  const { topics, roots, links } = result.topics;
  const saved: SavedTopic[] = [...topics.values()].map((t) => [t.slug, t.label, t.words, t.origin, t.parent ?? null, t.children, t.members]);
  return [
    ['meta', JSON.stringify({ format: FORMAT, file: fileHash })],
    ['topics', JSON.stringify(saved)],
    ['roots', JSON.stringify(roots)],
    ['links', JSON.stringify(links)],
    ['diagnostics', JSON.stringify(result.diagnostics)],
  ];
}

function readParts(parts: readonly DerivedPart[] | undefined): Map<string, string> | undefined {
  if (!parts) return undefined;
  const byKey = new Map(parts.map(([key, data]) => [key, typeof data === 'string' ? data : Buffer.from(data).toString('utf8')]));
  const meta = JSON.parse(byKey.get('meta') ?? 'null') as { format: number; file: string } | null;
  return meta?.format === FORMAT ? byKey : undefined;
}

/** Topics saved for this content and this topics file, when the store has them and they name only nodes of the graph. */
function restoreTopics(graph: Graph, parts: readonly DerivedPart[] | undefined, fileHash: string): TopicsResult | undefined {
  const byKey = readParts(parts);
  if (!byKey || (JSON.parse(byKey.get('meta') as string) as { file: string }).file !== fileHash) return undefined;
  const saved = JSON.parse(byKey.get('topics') ?? '[]') as SavedTopic[];
  const topics = new Map<Slug, Topic>();
  const topicOf = new Map<NodeId, Slug>();
  for (const [slug, label, words, origin, parent, children, members] of saved) {
    if (members.some((id) => !graph.nodes.has(id))) return undefined;
    topics.set(slug, { slug, label, words, origin, ...(parent ? { parent } : {}), children, members });
  }
  // Deepest first: a document's topic is the deepest that holds it.
  for (const topic of [...topics.values()].reverse()) for (const id of topic.members) if (!topicOf.has(id)) topicOf.set(id, topic.slug);
  const set: TopicSet = { topics, roots: JSON.parse(byKey.get('roots') ?? '[]') as Slug[], topicOf, links: JSON.parse(byKey.get('links') ?? '[]') as TopicLink[] };
  return { topics: set, diagnostics: JSON.parse(byKey.get('diagnostics') ?? '[]') as Diagnostic[] };
}

/** The previous run's computed topics and their members, for matching URLs. */
function previousTopics(parts: readonly DerivedPart[] | undefined): PreviousTopics {
  const byKey = readParts(parts);
  const previous = new Map<Slug, readonly NodeId[]>();
  if (!byKey) return previous;
  for (const [slug, , , origin, , , members] of JSON.parse(byKey.get('topics') ?? '[]') as SavedTopic[]) if (origin === 'computed') previous.set(slug, members);
  return previous;
}

/**
 * Whether topics must wait: not computed yet for a graph too large to compute
 * them inside a page request. Starts the work (similarity first) if nobody has.
 */
export function topicsAvailability(graph: Graph): Availability {
  if (sets.peek(graph) || graph.nodes.size < BUILD_IN_REQUEST_LIMIT) return { busy: false };
  const similarity = similarityAvailability(graph);
  void (similarity.busy ? warmSimilarityIndex(graph) : Promise.resolve()).then(() => warmSets(graph)).catch(() => undefined);
  return { busy: true, percent: similarity.busy ? 0 : percent(progressOf('topics')) };
}

/** The topics of a graph, computed on first use (or read back from the store) and kept as long as the graph. */
export function getTopics(graph: Graph): TopicSet {
  return sets.get(graph).topics;
}

/**
 * The topics when they are at hand: computed already, or for a collection small
 * enough to compute them in a request; undefined while a large collection's are
 * still to come. Unlike `topicsAvailability`, it starts no work.
 */
export function topicsIfReady(graph: Graph): TopicSet | undefined {
  const done = sets.peek(graph);
  if (done) return done.topics;
  return graph.nodes.size < BUILD_IN_REQUEST_LIMIT ? getTopics(graph) : undefined;
}

/** Computes a graph's topics ahead of the first page that needs them (the server warms them after similarity). */
export function warmTopics(graph: Graph, pause?: () => Promise<void>): Promise<TopicSet> {
  return warmSets(graph, pause).then((r) => r.topics);
}

/** The topics computed apart (below) if they can be, then read back or computed here. */
function warmSets(graph: Graph, pause?: () => Promise<void>): Promise<TopicsResult> {
  const apart = ((globalThis as { [APART]?: WeakMap<Graph, Promise<void>> })[APART] ??= new WeakMap());
  let computing = apart.get(graph);
  if (!computing) apart.set(graph, (computing = computeApart(graph)));
  return computing.then(() => sets.warm(graph, pause));
}
const APART = Symbol.for('trellis.topics-apart');

/**
 * A large collection's topics are computed by a child process, `trellis index --only-topics`,
 * which reads the same store and saves them there; this process then reads them back.
 * Clustering 50,000 documents holds some 600 MB for a few seconds and has steps of
 * seconds that cannot be cut (Louvain): apart, neither the server's memory nor its
 * answers feel it. Where the command is not at hand (a standalone build), or
 * TRELLIS_TOPICS_APART=0, or it fails, the topics are computed in this process, in steps.
 */
async function computeApart(graph: Graph): Promise<void> {
  if (!graph.derived || graph.nodes.size < BUILD_IN_REQUEST_LIMIT || process.env.TRELLIS_TOPICS_APART === '0') return;
  if (graph.derived.load(TOPICS_SNAPSHOT)) return;
  const cli = join(process.cwd(), 'bin', 'trellis.mjs');
  if (!existsSync(cli)) return;
  reportProgress('topics', 0, 2);
  const started = performance.now();
  const { code, errors } = await new Promise<{ code: number | null; errors: string }>((done) => {
    let errors = '';
    const child = spawn(process.execPath, [cli, 'index', '--only-topics'], { env: { ...process.env, TRELLIS_CONTENT_DIR: contentDir() }, stdio: ['ignore', 'ignore', 'pipe'] });
    // Background work: the kernel gives the server's answers the processor first.
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, 19);
      } catch {
        // Not allowed here: the child runs at the server's priority.
      }
    }
    child.stderr.on('data', (chunk: Buffer) => void (errors = (errors + chunk.toString()).slice(-2000)));
    child.on('error', (error) => done({ code: null, errors: error.message }));
    child.on('exit', (exitCode) => done({ code: exitCode, errors }));
  });
  if (code === 0) console.log(`trellis: topics computed apart in ${Math.round(performance.now() - started)} ms`);
  else console.log(`trellis: computing topics apart failed (${errors.trim().split('\n').at(-1) ?? `exit ${code}`}); computing them here`);
}

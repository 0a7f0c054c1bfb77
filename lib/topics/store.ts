import { createHash } from 'node:crypto';
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
  void (similarity.busy ? warmSimilarityIndex(graph) : Promise.resolve()).then(() => sets.warm(graph)).catch(() => undefined);
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
  return sets.warm(graph, pause).then((r) => r.topics);
}

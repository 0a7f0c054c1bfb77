import { isDocumentNode } from '../domain/kinds';
import { hashSlug, toLookupKey, toSlug } from '../domain/slug';
import type { Diagnostic, DocumentNode, Graph, NodeId, Slug } from '../graph/types';
import type { Vectors } from '../search/similarity';
import { runSteps } from '../steps';
import { frontmatterTopics, parseTopicsFile, TOPICS_FILE, type TopicEntry } from './authored';
import { buildWeightedGraph, clusterDocuments, defaultClusterOptions, type Cluster, type ClusterOptions, type WeightedGraph } from './cluster';
import { documentFrequencies, labelClass, termsOfText, type SurfaceCounts } from './label';
import { assignSlugs, type PreviousTopics } from './match';
import { nearestNeighbours, type Neighbours } from './neighbours';
import type { Topic, TopicLink, TopicSet } from './types';

/*
 * The topics of one content version, in named steps: the authors' topics first
 * (they take precedence), clusters of every other document, labels, slugs kept
 * from the previous run, members ordered by centrality, links between topics.
 */

export interface TopicInput {
  readonly graph: Graph;
  /** The documents in the similarity index's order, and their vectors (absent: no text neighbours). */
  readonly documents: readonly DocumentNode[];
  readonly vectors?: Vectors;
  /** The text of the topics file, when the content folder has one. */
  readonly topicsFile?: string;
  /** The previous run's computed topics, by slug: their URLs are kept for the clusters that match them. */
  readonly previous?: PreviousTopics;
  /** When given, receives the milliseconds each step took (for the benchmark). */
  readonly timings?: Map<string, number>;
}

export interface TopicsResult {
  readonly topics: TopicSet;
  /** Problems of the topics file, for `trellis check`. */
  readonly diagnostics: readonly Diagnostic[];
}

/** A topic being built: slugs are given once every topic is known. */
interface Draft {
  slug?: Slug;
  label: string;
  words: readonly string[];
  /** The label's word stems, which subtopics' labels leave out. */
  stems: readonly string[];
  origin: 'author' | 'computed';
  parent?: Draft;
  children: Draft[];
  members: NodeId[];
}

export function computeTopics(input: TopicInput, options: ClusterOptions = defaultClusterOptions): TopicsResult {
  return runSteps(topicSteps(input, options));
}

/**
 * `computeTopics` in steps, a pause between each (the server computes topics while
 * it answers): the longest step, Louvain, takes about 9 s at 52,000 documents.
 */
export function* topicSteps(input: TopicInput, options: ClusterOptions = defaultClusterOptions): Generator<void, TopicsResult> {
  const { graph, documents } = input;
  let mark = performance.now();
  const timed = <T>(phase: string, run: () => T): T => {
    const value = run();
    const now = performance.now();
    input.timings?.set(phase, (input.timings.get(phase) ?? 0) + now - mark);
    mark = now;
    return value;
  };
  const diagnostics: Diagnostic[] = [];
  const authored = authorTopics(input, diagnostics);
  const assigned = new Set(authored.flatMap((d) => d.members));
  const ids = documents.map((d) => d.id);
  const neighbours = timed('neighbours', () => (input.vectors && documents.length > 1 ? nearestNeighbours(input.vectors, documents.length) : undefined));
  yield;
  const rest = new Set(ids.filter((id) => !assigned.has(id)));
  const weighted = timed('weighted graph', () => buildWeightedGraph(graph, ids, neighbours, rest, options));
  yield;
  const clusters = timed('louvain', () => (rest.size ? clusterDocuments(weighted, (key) => rest.has(key as NodeId), options) : []));
  yield;

  const computed = timed('labels', () => {
    const texts = labelTexts(documents);
    for (const topic of authored) {
      const found = labelClass(topic.members.map((id) => texts.terms.get(id) ?? []), texts.df, documents.length, texts.surfaces);
      [topic.words, topic.stems] = [found.words, found.stems];
    }
    return clusters.map((c) => labelCluster(c, texts, undefined));
  });
  yield;
  const all = [...authored.filter((t) => !t.parent), ...computed].sort((a, b) => b.members.length - a.members.length);
  timed('slugs', () => assignSlugs(all, input.previous ?? new Map()));
  timed('centrality', () => orderByCentrality(all, weighted, graph));
  const topics = timed('links', () => toTopicSet(all, graph, ids, neighbours));
  return { topics, diagnostics };
}

/** Document text terms for labels, and the collection's frequencies. */
interface LabelTexts {
  readonly terms: ReadonlyMap<NodeId, readonly string[]>;
  readonly df: ReadonlyMap<string, number>;
  readonly surfaces: SurfaceCounts;
}

function labelTexts(documents: readonly DocumentNode[]): LabelTexts {
  const surfaces: SurfaceCounts = new Map();
  const terms = new Map<NodeId, string[]>();
  for (const node of documents) terms.set(node.id, termsOfText(`${node.title}\n${node.summary ?? ''}`, surfaces));
  return { terms, df: documentFrequencies([...terms.values()]), surfaces };
}

function labelCluster(cluster: Cluster, texts: LabelTexts, parent: Draft | undefined): Draft {
  const exclude = new Set<string>();
  for (let p = parent; p; p = p.parent) for (const stem of p.stems) exclude.add(stem);
  const { label, words, stems } = labelClass(cluster.members.map((id) => texts.terms.get(id) ?? []), texts.df, texts.terms.size, texts.surfaces, exclude);
  const draft: Draft = { label: label || 'Miscellaneous', words, stems, origin: 'computed', children: [], members: [...cluster.members], ...(parent ? { parent } : {}) };
  draft.children = cluster.children.map((c) => labelCluster(c, texts, draft)).sort((a, b) => b.members.length - a.members.length);
  return draft;
}

/**
 * The authors' topics: the topics file's entries and every frontmatter topic
 * name, with their members. A document pinned in the file goes to that topic; a
 * name a file entry merges goes to the entry. Problems go to `diagnostics`.
 */
function authorTopics(input: TopicInput, diagnostics: Diagnostic[]): Draft[] {
  const { graph } = input;
  const file = input.topicsFile === undefined ? { entries: [], diagnostics: [] } : parseTopicsFile(input.topicsFile);
  diagnostics.push(...file.diagnostics);
  const problem = (line: number, code: string, message: string, severity: Diagnostic['severity'] = 'error') => diagnostics.push({ severity, code, file: TOPICS_FILE, line, message });

  const bySlug = new Map<Slug, Draft>();
  const byName = new Map<string, Draft>();
  const entryOf = new Map<Draft, TopicEntry>();
  for (const entry of file.entries) {
    let slug = slugOf(entry.slug ?? entry.name);
    if (bySlug.has(slug)) {
      problem(entry.slugLine ?? entry.line, 'topics-duplicate-slug', `two topics pinned to the slug "${slug}": "${bySlug.get(slug)?.label}" has it; this one gets "${(slug = uniqueSlug(slug, bySlug))}"`);
    }
    const draft: Draft = { slug, label: entry.name, words: [], stems: [], origin: 'author', children: [], members: [] };
    bySlug.set(slug, draft);
    entryOf.set(draft, entry);
    for (const name of [entry.name, ...entry.merge]) byName.set(toLookupKey(name), draft);
  }
  nestEntries(bySlug, entryOf, problem);

  const topicOf = new Map<NodeId, Draft>();
  for (const node of graph.nodes.values()) {
    if (!isDocumentNode(node)) continue;
    const name = frontmatterTopics(node)[0];
    if (!name) continue;
    let draft = byName.get(toLookupKey(name));
    if (!draft) {
      const slug = uniqueSlug(slugOf(name), bySlug);
      draft = { slug, label: name, words: [], stems: [], origin: 'author', children: [], members: [] };
      bySlug.set(slug, draft);
      byName.set(toLookupKey(name), draft);
    }
    topicOf.set(node.id, draft);
  }
  for (const [draft, entry] of entryOf) {
    for (const member of entry.members) {
      const found = graph.names.get(toLookupKey(member.name))?.find((id) => graph.nodes.get(id)?.kind !== 'tag');
      if (found) topicOf.set(found, draft);
      else problem(member.line, 'topics-missing-document', `the topic "${entry.name}" names "${member.name}", which is no document of the collection`);
    }
  }
  for (const [id, draft] of topicOf) draft.members.push(id);
  // Members count in their parents too, so a parent's size is its whole subtree's.
  for (const draft of bySlug.values()) for (let p = draft.parent; p; p = p.parent) p.members.push(...draft.members);
  return [...bySlug.values()].filter((d) => d.members.length > 0 || d.children.length > 0);
}

/** Parents of the file's entries; a parent that does not exist or closes a cycle is reported and left out. */
function nestEntries(bySlug: ReadonlyMap<Slug, Draft>, entryOf: ReadonlyMap<Draft, TopicEntry>, problem: (line: number, code: string, message: string, severity?: Diagnostic['severity']) => void): void {
  for (const [draft, entry] of entryOf) {
    if (entry.parent === undefined) continue;
    const parent = bySlug.get(slugOf(entry.parent));
    const line = entry.parentLine ?? entry.line;
    if (!parent) {
      problem(line, 'topics-unknown-parent', `the topic "${entry.name}" names the parent "${entry.parent}", which no topic of the file has as its slug`, 'warning');
      continue;
    }
    let cycle = parent === draft;
    for (let p = parent.parent; p && !cycle; p = p.parent) cycle = p === draft;
    if (cycle) {
      problem(line, 'topics-cycle', `the topic "${entry.name}" would be its own ancestor through "${entry.parent}" (a cycle of subtopics); this parent is ignored`);
      continue;
    }
    draft.parent = parent;
    parent.children.push(draft);
  }
}

function slugOf(name: string): Slug {
  return toSlug(name) || hashSlug(name);
}

function uniqueSlug(slug: Slug, taken: ReadonlyMap<Slug, unknown>): Slug {
  let n = 2;
  while (taken.has(`${slug}-${n}` as Slug)) n++;
  return taken.has(slug) ? (`${slug}-${n}` as Slug) : slug;
}

/**
 * Members most central first: by the weight of their links to other members of
 * the same topic (their weighted degree inside it), each topic and subtopic on
 * its own; ties in graph order.
 */
function orderByCentrality(roots: readonly Draft[], weighted: WeightedGraph, graph: Graph): void {
  const order = new Map<NodeId, number>([...graph.nodes.keys()].map((id, i) => [id, i]));
  const sort = (d: Draft) => {
    const inside = new Set(d.members);
    const score = new Map<NodeId, number>();
    for (const id of inside) score.set(id, degreeInside(id, inside, weighted, graph));
    d.members = [...inside].sort((a, b) => (score.get(b) ?? 0) - (score.get(a) ?? 0) || (order.get(a) ?? 0) - (order.get(b) ?? 0));
    d.children.forEach(sort);
  };
  roots.forEach(sort);
}

/** A document's links to the documents of a set: clustering weights when it was clustered, else its typed edges. */
function degreeInside(id: NodeId, inside: ReadonlySet<NodeId>, weighted: WeightedGraph, graph: Graph): number {
  let s = 0;
  if (weighted.hasNode(id)) {
    weighted.forEachEdge(id, (_e, attributes, source, target) => {
      if (inside.has((source === id ? target : source) as NodeId)) s += attributes.weight;
    });
    return s;
  }
  for (const edge of graph.outgoing.get(id) ?? []) if (edge.kind !== 'tag' && inside.has(edge.target)) s += 1;
  for (const edge of graph.incoming.get(id) ?? []) if (edge.kind !== 'tag' && inside.has(edge.source)) s += 1;
  return s;
}

/** The finished set: topics in tree order, each document's leaf, and the links between leaves. */
function toTopicSet(roots: readonly Draft[], graph: Graph, ids: readonly NodeId[], neighbours: Neighbours | undefined): TopicSet {
  const topics = new Map<Slug, Topic>();
  const topicOf = new Map<NodeId, Slug>();
  const add = (d: Draft) => {
    const slug = d.slug as Slug;
    topics.set(slug, {
      slug,
      label: d.label,
      words: d.words,
      origin: d.origin,
      ...(d.parent ? { parent: d.parent.slug as Slug } : {}),
      children: d.children.map((c) => c.slug as Slug),
      members: d.members,
    });
    d.children.forEach(add);
    // A document is in its deepest topic: what is left after the subtopics is the topic's own.
    for (const id of d.members) if (!topicOf.has(id)) topicOf.set(id, slug);
  };
  roots.forEach(add);
  return { topics, roots: roots.map((d) => d.slug as Slug), topicOf, links: linksBetween(graph, topicOf, ids, neighbours) };
}

/** Typed links (not tags) and nearest-neighbour pairs between documents of different leaf topics, per pair of topics. */
export function linksBetween(graph: Graph, topicOf: ReadonlyMap<NodeId, Slug>, ids: readonly NodeId[], neighbours: Neighbours | undefined): TopicLink[] {
  const counts = new Map<string, { links: number; similar: number }>();
  const count = (x: NodeId, y: NodeId, field: 'links' | 'similar') => {
    const [a, b] = [topicOf.get(x), topicOf.get(y)];
    if (!a || !b || a === b) return;
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    const c = counts.get(key) ?? { links: 0, similar: 0 };
    c[field]++;
    counts.set(key, c);
  };
  for (const edge of graph.edges) if (edge.kind !== 'tag') count(edge.source, edge.target, 'links');
  if (neighbours) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = 0; j < neighbours.k; j++) {
        const d = neighbours.ids[i * neighbours.k + j] as number;
        if (d >= 0) count(ids[i] as NodeId, ids[d] as NodeId, 'similar');
      }
    }
  }
  return [...counts]
    .map(([key, c]) => {
      const [a, b] = key.split(' ') as [Slug, Slug];
      return { a, b, ...c };
    })
    .sort((x, y) => y.links + y.similar - (x.links + x.similar) || (x.a + x.b < y.a + y.b ? -1 : 1));
}

/** The topics file's problems (a missing document, a cycle, a slug pinned twice) without clustering anything: for `trellis check`. */
export function checkTopicsFile(graph: Graph, text: string | undefined): readonly Diagnostic[] {
  if (text === undefined) return [];
  const diagnostics: Diagnostic[] = [];
  authorTopics({ graph, documents: [], topicsFile: text }, diagnostics);
  return diagnostics;
}

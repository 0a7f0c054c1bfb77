import type { Neighbourhood } from '../graph/neighbourhood';
import type { Graph, InquiryNode, NodeId, Slug } from '../graph/types';
import type { Topic, TopicLink, TopicSet } from './types';

/** A topic's URL. */
export const topicPath = (slug: Slug): string => `/topics/${slug}/`;

/** A document's topic and its parents, outermost first; empty when it has none. */
export function topicTrail(set: TopicSet, id: NodeId): Topic[] {
  const trail: Topic[] = [];
  for (let slug = set.topicOf.get(id); slug; ) {
    const topic = set.topics.get(slug);
    if (!topic) break;
    trail.unshift(topic);
    slug = topic.parent;
  }
  return trail;
}

/** A topic's leaf topics (itself when it has no subtopics). */
export function leavesOf(set: TopicSet, slug: Slug): Set<Slug> {
  const leaves = new Set<Slug>();
  const walk = (s: Slug) => {
    const topic = set.topics.get(s);
    if (!topic) return;
    if (!topic.children.length) leaves.add(s);
    else topic.children.forEach(walk);
  };
  walk(slug);
  return leaves;
}

/** Topics next to this one, with the links (typed, and nearest neighbours by text) between, most first. */
type TopicNeighbour = { topic: Topic; links: number; similar: number };
const neighbourMemo = new WeakMap<TopicSet, Map<Slug, TopicNeighbour[]>>();

export function neighbouringTopics(set: TopicSet, slug: Slug): readonly TopicNeighbour[] {
  // Once per topic and topic set: a large topic's hub walks thousands of leaf links.
  let perSet = neighbourMemo.get(set);
  if (!perSet) neighbourMemo.set(set, (perSet = new Map()));
  let found = perSet.get(slug);
  if (!found) perSet.set(slug, (found = countNeighbours(set, slug)));
  return found;
}

function countNeighbours(set: TopicSet, slug: Slug): TopicNeighbour[] {
  const inside = leavesOf(set, slug);
  const byLeaf = linksByLeaf(set);
  const counts = new Map<Slug, { links: number; similar: number }>();
  // Only the links of this topic's leaves: a hub page does not walk every link of the collection.
  for (const leaf of inside) {
    for (const link of byLeaf.get(leaf) ?? []) {
      const there = link.a === leaf ? link.b : link.a;
      if (inside.has(there)) continue;
      const c = counts.get(there) ?? { links: 0, similar: 0 };
      c.links += link.links;
      c.similar += link.similar;
      counts.set(there, c);
    }
  }
  return [...counts]
    .flatMap(([s, c]) => {
      const topic = set.topics.get(s);
      return topic ? [{ topic, ...c }] : [];
    })
    .sort((a, b) => b.links - a.links || b.similar - a.similar || (a.topic.slug < b.topic.slug ? -1 : 1));
}

/**
 * The inquiring lines that run through a topic: those in it, and those citing its
 * documents (as sources, next lines or wikilinks), with how many of its documents
 * each cites; most citing first, then by title.
 */
const inquiryMemo = new WeakMap<Topic, { node: InquiryNode; cites: number }[]>();

export function inquiriesThrough(graph: Graph, topic: Topic): readonly { node: InquiryNode; cites: number }[] {
  // Once per topic (a topic set belongs to one graph): a large topic has thousands of members.
  let found = inquiryMemo.get(topic);
  if (!found) inquiryMemo.set(topic, (found = citingInquiries(graph, topic)));
  return found;
}

function citingInquiries(graph: Graph, topic: Topic): { node: InquiryNode; cites: number }[] {
  const cites = new Map<NodeId, number>();
  for (const id of topic.members) {
    if (graph.nodes.get(id)?.kind === 'inquiry' && !cites.has(id)) cites.set(id, 0);
    for (const edge of graph.incoming.get(id) ?? []) {
      if (edge.kind === 'tag' || edge.source === id) continue;
      if (graph.nodes.get(edge.source)?.kind === 'inquiry') cites.set(edge.source, (cites.get(edge.source) ?? 0) + 1);
    }
  }
  return [...cites]
    .flatMap(([id, count]) => {
      const node = graph.nodes.get(id);
      return node?.kind === 'inquiry' ? [{ node, cites: count }] : [];
    })
    .sort((a, b) => b.cites - a.cites || (a.node.title < b.node.title ? -1 : 1));
}

const leafLinks = new WeakMap<TopicSet, ReadonlyMap<Slug, readonly TopicLink[]>>();

/** The links between leaf topics, under each end: made once per topic set. */
function linksByLeaf(set: TopicSet): ReadonlyMap<Slug, readonly TopicLink[]> {
  let index = leafLinks.get(set);
  if (!index) {
    const built = new Map<Slug, TopicLink[]>();
    for (const link of set.links) {
      for (const end of link.a === link.b ? [link.a] : [link.a, link.b]) {
        const list = built.get(end);
        if (list) list.push(link);
        else built.set(end, [link]);
      }
    }
    leafLinks.set(set, (index = built));
  }
  return index;
}

const memberSets = new WeakMap<Topic, ReadonlySet<NodeId>>();

/**
 * A topic's members (its subtopics' included) as a set, for a search within it: made
 * once per topic (the work is the topic's size) and kept as long as the topic set.
 */
export function memberSetOf(topic: Topic): ReadonlySet<NodeId> {
  let set = memberSets.get(topic);
  if (!set) memberSets.set(topic, (set = new Set(topic.members)));
  return set;
}

/** A neighbourhood with each node's leaf topic and the labels of the topics present, for a view coloured by topic. */
export function withTopics<V extends Pick<Neighbourhood, 'nodes'>>(view: V, set: TopicSet): V & Pick<Neighbourhood, 'topics'> {
  const labels: Record<string, string> = {};
  const nodes = view.nodes.map((node) => {
    const slug = set.topicOf.get(node.id);
    const topic = slug ? set.topics.get(slug) : undefined;
    if (!topic) return node;
    labels[topic.slug] = topic.label;
    return { ...node, topic: topic.slug };
  });
  return { ...view, nodes, topics: labels };
}

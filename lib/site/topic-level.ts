import { compactSubgraph } from '../graph/layout';
import type { Graph, Slug } from '../graph/types';
import { notReadyJson } from './readiness';
import { getTopicMap } from '../topics/map';
import { getTopics, topicsAvailability } from '../topics/store';

/*
 * The topic levels of GET /api/graph/: `?level=topics`, the map of topics
 * (lib/topics/map.ts), and `?topic=<slug>`, a topic's members, the most central
 * first, as the compact arrays of a region: what the map shows on zooming into a
 * topic.
 */

/** The most members `?topic=` sends: the browser never receives more than about 5,000 nodes. */
export const MAX_TOPIC_MEMBERS = 3000;

const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600';

/** The answer to a topic-level query, or undefined when the query asks for no topic level. */
export function topicLevelAnswer(graph: Graph, params: URLSearchParams): Response | undefined {
  const level = params.get('level');
  const slug = params.get('topic');
  if (level === null && slug === null) return undefined;
  if (level !== null && level !== 'topics') return Response.json({ error: 'level must be "topics" (or absent)' }, { status: 400 });
  const availability = topicsAvailability(graph);
  if (availability.busy) return notReadyJson('topics', availability.percent);
  const set = getTopics(graph);
  if (slug === null) return Response.json(getTopicMap(set), { headers: { 'Cache-Control': CACHE_CONTROL } });
  const topic = set.topics.get(slug as Slug);
  if (!topic) return Response.json({ error: `no topic with slug ${JSON.stringify(slug)}` }, { status: 404 });
  const ids = topic.members.slice(0, MAX_TOPIC_MEMBERS);
  const compact = compactSubgraph(graph, ids, 'region', {}, { seeds: [], depth: 0, truncated: ids.length < topic.members.length });
  return Response.json({ ...compact, topic: { slug: topic.slug, label: topic.label, size: topic.members.length } }, { headers: { 'Cache-Control': CACHE_CONTROL } });
}

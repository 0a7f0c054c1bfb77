import type { Graph, NodeId, Slug } from '../graph/types';
import { unknownTopic, type SearchApiError } from '../search/api';
import { memberSetOf } from '../topics/queries';
import { getTopics, topicsAvailability } from '../topics/store';
import type { Topic } from '../topics/types';

/*
 * A search narrowed to a topic (GET /api/search?topic=, /search/?topic=, a hub's
 * search box): the slug read against the collection's topics.
 */

/** The topic a search is narrowed to, and its documents for `SearchOptions.within`. */
export interface TopicScope {
  readonly topic: Topic;
  readonly within: ReadonlySet<NodeId>;
}

/** While a large collection's topics are still being computed: how far, in percent. */
export interface TopicsPending {
  readonly pending: number;
}

/**
 * The scope a `topic` parameter names: the topic and its members; a 400-worthy
 * error for a slug that names no topic; or, while topics are still being computed
 * (which this starts if nobody has), how far they are.
 */
export function readTopicScope(graph: Graph, slug: string): TopicScope | SearchApiError | TopicsPending {
  const availability = topicsAvailability(graph);
  if (availability.busy) return { pending: availability.percent };
  const topic = getTopics(graph).topics.get(slug as Slug);
  return topic ? { topic, within: memberSetOf(topic) } : unknownTopic(slug);
}

export const isTopicsPending = (value: TopicScope | SearchApiError | TopicsPending): value is TopicsPending => 'pending' in value;

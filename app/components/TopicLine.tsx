import Link from 'next/link';
import { isDocumentNode } from '@/lib/domain/kinds';
import type { Graph, TrellisNode } from '@/lib/graph/types';
import { getTopics, topicsAvailability } from '@/lib/topics/store';
import { topicPath, topicTrail } from '@/lib/topics/queries';

/** The topic a document belongs to, with its parents, as links; a notice while topics are still computed. */
export function TopicLine({ graph, node }: { graph: Graph; node: TrellisNode }) {
  if (!isDocumentNode(node)) return null;
  const availability = topicsAvailability(graph);
  if (availability.busy) {
    return (
      <p className="node-topic">
        Topic: still indexing ({availability.percent}%)
        {/* The page cache keeps no page holding this mark: it would outlive the indexing. */}
        <span hidden data-trellis-pending="topics" />
      </p>
    );
  }
  const trail = topicTrail(getTopics(graph), node.id);
  if (!trail.length) return null;
  return (
    <p className="node-topic">
      Topic:{' '}
      {trail.map((topic, i) => (
        <span key={topic.slug}>
          {i > 0 && ' › '}
          <Link href={topicPath(topic.slug)} prefetch={false}>
            {topic.label}
          </Link>
        </span>
      ))}
    </p>
  );
}

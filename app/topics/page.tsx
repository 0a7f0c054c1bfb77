import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { TopicMap } from '@/app/components/client/TopicMap';
import { getGraph } from '@/lib/corpus';
import type { Slug } from '@/lib/graph/types';
import { formatCount } from '@/lib/site/pagination';
import { topicPath } from '@/lib/topics/queries';
import { getTopics, topicsAvailability } from '@/lib/topics/store';
import type { TopicSet } from '@/lib/topics/types';

export const metadata: Metadata = { title: 'Topics', description: "The collection's topics and subtopics: the authors' own, and clusters of linked and similar documents." };

function TopicTree({ set, slugs }: { set: TopicSet; slugs: readonly Slug[] }) {
  return (
    <ul className="topic-tree">
      {slugs.map((slug) => {
        const topic = set.topics.get(slug);
        if (!topic) return null;
        return (
          <li key={slug}>
            <Link href={topicPath(slug)} prefetch={false}>
              {topic.label}
            </Link>{' '}
            <span className="count">({formatCount(topic.members.length)})</span>
            {topic.children.length > 0 && <TopicTree set={set} slugs={topic.children} />}
          </li>
        );
      })}
    </ul>
  );
}

/** Every topic as a tree: top-level topics largest first, each with its subtopics. */
export default async function TopicsIndex() {
  await connection();
  const graph = getGraph();
  const availability = topicsAvailability(graph);
  if (availability.busy) {
    return (
      <article className="node-page">
        <h1>Topics</h1>
        <p className="lede">Still indexing ({availability.percent}%): the topics show once every document has been compared.</p>
        <p hidden data-trellis-pending="topics" />
      </article>
    );
  }
  const set = getTopics(graph);
  return (
    <article className="node-page">
      <header className="node-header">
        <h1>Topics</h1>
        <p className="lede">
          {formatCount(set.topics.size)} topics over {formatCount(set.topicOf.size)} documents: the authors&apos; own, and clusters of documents that link to each other or share their words.
        </p>
      </header>
      <TopicMap />
      <h2>Every topic</h2>
      <TopicTree set={set} slugs={set.roots} />
    </article>
  );
}

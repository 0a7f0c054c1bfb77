import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { NodeLink } from '@/app/components/NodeLink';
import { pageFromParam, type SearchParams } from '@/app/components/page-param';
import { Pager } from '@/app/components/Pager';
import { Section } from '@/app/components/Section';
import { getGraph } from '@/lib/corpus';
import { isDocumentNode } from '@/lib/domain/kinds';
import type { DocumentNode, Graph, Slug } from '@/lib/graph/types';
import { absoluteUrl } from '@/lib/site/config';
import { formatCount, pageCount, pageOf } from '@/lib/site/pagination';
import { inquiriesThrough, neighbouringTopics, topicPath } from '@/lib/topics/queries';
import { getTopics, topicsAvailability } from '@/lib/topics/store';
import type { Topic, TopicSet } from '@/lib/topics/types';

type Props = { params: Promise<{ slug: string }>; searchParams: SearchParams };

/** Central notes, inquiring lines and neighbouring topics shown. */
const SHOWN = 20;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const slug = (await params).slug as Slug;
  const graph = getGraph();
  const topic = (topicsAvailability(graph).busy ? undefined : getTopics(graph))?.topics.get(slug);
  if (!topic) return { title: 'Topic' };
  return {
    title: `${topic.label} · topic`,
    description: `${formatCount(topic.members.length)} documents about ${topic.words.slice(0, 4).join(', ')}.`,
    alternates: { canonical: absoluteUrl(topicPath(slug)) },
  };
}

function documentsOf(graph: Graph, topic: Topic): DocumentNode[] {
  return topic.members.flatMap((id) => {
    const node = graph.nodes.get(id);
    return node && isDocumentNode(node) ? [node] : [];
  });
}

function TopicHeader({ set, topic }: { set: TopicSet; topic: Topic }) {
  const parent = topic.parent ? set.topics.get(topic.parent) : undefined;
  return (
    <header className="node-header">
      <p className="node-kind">
        {topic.origin === 'author' ? "Authors' topic" : 'Topic'}
        {parent && (
          <>
            {' '}
            in <Link href={topicPath(parent.slug)}>{parent.label}</Link>
          </>
        )}
      </p>
      <h1>{topic.label}</h1>
      <p className="lede">
        {formatCount(topic.members.length)} {topic.members.length === 1 ? 'document' : 'documents'}
        {topic.words.length > 0 && <>; its words: {topic.words.join(', ')}</>}.
      </p>
    </header>
  );
}

/** A search within the topic: the results page, narrowed to it (`?topic=`). */
function TopicSearch({ topic }: { topic: Topic }) {
  return (
    <form action="/search/" method="get" role="search" className="search-form topic-search">
      <label htmlFor="topic-search-q">Search in {topic.label}</label>
      <div className="search-row">
        <input id="topic-search-q" name="q" type="search" maxLength={1000} autoComplete="off" />
        <input type="hidden" name="topic" value={topic.slug} />
        <button type="submit">Search</button>
      </div>
    </form>
  );
}

function TopicList({ set, items }: { set: TopicSet; items: readonly { slug: Slug; note: string }[] }) {
  return (
    <ul className="link-list">
      {items.map(({ slug, note }) => {
        const topic = set.topics.get(slug);
        return (
          topic && (
            <li key={slug}>
              <Link href={topicPath(slug)} prefetch={false}>
                {topic.label}
              </Link>{' '}
              <span className="count">({note})</span>
            </li>
          )
        );
      })}
    </ul>
  );
}

/**
 * A topic's hub: its words and size, where it sits, its subtopics, its most
 * central notes, the inquiring lines through it, its neighbours, and all its
 * documents a page at a time.
 */
export default async function TopicPage({ params, searchParams }: Props) {
  await connection();
  const graph = getGraph();
  const availability = topicsAvailability(graph);
  if (availability.busy) {
    return (
      <article className="node-page" data-kind="topic">
        <h1>Topic</h1>
        <p className="lede">Still indexing ({availability.percent}%): topics show once every document has been compared.</p>
        <p hidden data-trellis-pending="topics" />
      </article>
    );
  }
  const set = getTopics(graph);
  const slug = (await params).slug as Slug;
  const topic = set.topics.get(slug);
  if (!topic) notFound();
  const documents = documentsOf(graph, topic);
  const notes = documents.filter((d) => d.kind === 'note');
  const lines = documents.filter((d) => d.kind === 'inquiry');
  const papers = documents.filter((d) => d.kind === 'paper');
  // Every document, a page at a time: a topic of a large collection holds thousands.
  const page = pageOf<DocumentNode>([notes, lines, papers], pageFromParam((await searchParams).page, pageCount(documents.length), topicPath(slug)));
  const inquiries = inquiriesThrough(graph, topic);
  const neighbours = neighbouringTopics(set, slug).slice(0, SHOWN);
  return (
    <article className="node-page" data-kind="topic">
      <TopicHeader set={set} topic={topic} />
      <TopicSearch topic={topic} />
      {topic.children.length > 0 && (
        <Section id="subtopics" title="Subtopics" count={topic.children.length}>
          <TopicList set={set} items={topic.children.map((s) => ({ slug: s, note: formatCount(set.topics.get(s)?.members.length ?? 0) }))} />
        </Section>
      )}
      {notes.length > 0 && (
        <Section id="central-notes" title="Central notes" count={Math.min(SHOWN, notes.length)} intro="Those most linked within the topic first.">
          <ol className="link-list">
            {notes.slice(0, SHOWN).map((n) => (
              <li key={n.id}>
                <NodeLink node={n} />
              </li>
            ))}
          </ol>
        </Section>
      )}
      {inquiries.length > 0 && (
        <Section id="inquiring-lines" title="Inquiring lines through it" count={inquiries.length} intro="Those in the topic and those citing its documents, with how many of them each cites.">
          <ul className="link-list">
            {inquiries.slice(0, SHOWN).map(({ node, cites }) => (
              <li key={node.id}>
                <NodeLink node={node} /> {cites > 0 && <span className="count">(cites {formatCount(cites)})</span>}
              </li>
            ))}
          </ul>
        </Section>
      )}
      {neighbours.length > 0 && (
        <Section id="neighbouring-topics" title="Neighbouring topics" count={neighbours.length} intro="With the links between (citations and wikilinks) and the pairs of documents most alike in their words.">
          <TopicList
            set={set}
            items={neighbours.map(({ topic: other, links, similar }) => ({ slug: other.slug, note: `${formatCount(links)} ${links === 1 ? 'link' : 'links'}, ${formatCount(similar)} alike` }))}
          />
        </Section>
      )}
      {documents.length > 0 && (
        <Section id="documents" title="Documents" count={documents.length} intro="Notes, then inquiring lines, then papers; the most central first.">
          <ul className="link-list">
            {page.items.map((d) => (
              <li key={d.id}>
                <NodeLink node={d} />
              </li>
            ))}
          </ul>
          <Pager page={page} path={topicPath(slug)} noun="documents" />
        </Section>
      )}
    </article>
  );
}

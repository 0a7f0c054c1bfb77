import Link from 'next/link';
import type { Graph, TrellisNode } from '@/lib/graph/types';
import { nodeUrl, tagSlug } from '@/lib/content/slug';
import { absoluteUrl } from '@/lib/site/config';
import { CopyLink } from './client/CopyLink';
import { KindBadge } from './KindBadge';
import { TopicLine } from './TopicLine';

/**
 * Kind, title, summary and the facts a reader checks first, at the top of every node
 * page, and a button that copies the page's canonical URL for sharing.
 */
export function NodeHeader({ graph, node, children }: { graph: Graph; node: TrellisNode; children?: React.ReactNode }) {
  const date = node.kind === 'note' ? node.date : undefined;
  const categories = node.kind === 'note' ? node.categories : [];
  return (
    <header className="node-header" data-kind={node.kind}>
      <p className="node-kind">
        <KindBadge kind={node.kind} stub={node.stub} />
      </p>
      <h1>{node.title}</h1>
      {node.summary && <p className="lede">{node.summary}</p>}
      {(date || categories.length > 0 || node.tags.length > 0) && (
        <ul className="node-facts">
          {date && (
            <li>
              <time dateTime={date}>{date}</time>
            </li>
          )}
          {categories.map((c) => (
            <li key={`c-${c}`} className="category">
              {c}
            </li>
          ))}
          {node.tags.map((t) => (
            <li key={`t-${t}`}>
              <Link href={nodeUrl('tag', tagSlug(t))} prefetch={false} className="tag" data-kind="tag">
                #{t}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <TopicLine graph={graph} node={node} />
      {children}
      <CopyLink url={absoluteUrl(node.url)} />
    </header>
  );
}

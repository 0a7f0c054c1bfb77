import Link from 'next/link';
import type { Graph, TrellisNode } from '@/lib/graph/types';
import { nodeUrl, tagSlug } from '@/lib/domain/slug';
import { absoluteUrl } from '@/lib/site/config';
import { CopyLink } from './client/CopyLink';
import { KindBadge } from './KindBadge';
import { ProblemBanner } from './ProblemBanner';
import { TopicLine } from './TopicLine';

/** "2025-03-14" as "14 March 2025"; anything else as it is written. */
function formatDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(day.getTime()) ? date : day.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/**
 * Kind, title, summary and the facts a reader checks first, at the top of every node
 * page, and a button that copies the page's canonical URL for sharing.
 */
export function NodeHeader({ graph, node, minutes = 0, children }: { graph: Graph; node: TrellisNode; minutes?: number; children?: React.ReactNode }) {
  const date = node.kind === 'note' ? node.date : undefined;
  const categories = node.kind === 'note' ? node.categories : [];
  return (
    <header className="node-header" data-kind={node.kind}>
      <ProblemBanner graph={graph} node={node} />
      <p className="node-kind">
        <KindBadge kind={node.kind} stub={node.stub} />
      </p>
      <h1>{node.title}</h1>
      {node.summary && <p className="lede">{node.summary}</p>}
      {(date || minutes > 0 || categories.length > 0 || node.tags.length > 0) && (
        <ul className="node-facts">
          {date && (
            <li>
              <time dateTime={date}>{formatDate(date)}</time>
            </li>
          )}
          {minutes > 0 && <li className="reading-time">{minutes} min read</li>}
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

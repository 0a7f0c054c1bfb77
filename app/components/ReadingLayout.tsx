import type { ReactNode } from 'react';
import type { Heading } from '@/lib/content/markdown';
import type { Graph, TrellisNode } from '@/lib/graph/types';
import { NeighbourhoodSection } from './NeighbourhoodSection';

/** A body with fewer headings than this reads without a table of contents. */
const TOC_FROM_HEADINGS = 2;

/** The body's own headings, as links: a table of contents. */
export function Contents({ headings }: { headings: readonly Heading[] }) {
  const shown = headings.filter((h) => h.depth === 2);
  if (shown.length < TOC_FROM_HEADINGS) return null;
  return (
    <nav className="toc" aria-label="Contents">
      <h2>Contents</h2>
      <ol>
        {shown.map((h) => (
          <li key={h.id}>
            <a href={`#${h.id}`}>{h.text}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * A node page: the text and its lists in a column of reading width, and beside it on
 * wide screens (after the lists on narrow ones) the table of contents and the local
 * graph. The side column comes last in the document, so the keyboard and a screen
 * reader meet the text first.
 */
export function ReadingLayout({ graph, node, headings = [], children }: { graph: Graph; node: TrellisNode; headings?: readonly Heading[]; children: ReactNode }) {
  return (
    <article className="node-page reading" data-kind={node.kind}>
      <div className="reading-main">{children}</div>
      <aside className="reading-side" aria-label="Contents and graph">
        <div className="reading-side-inner">
          <Contents headings={headings} />
          <NeighbourhoodSection graph={graph} node={node} />
        </div>
      </aside>
    </article>
  );
}

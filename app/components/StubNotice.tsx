import type { ReactNode } from 'react';
import type { Graph, TrellisNode } from '@/lib/graph/types';
import { NodeHeader } from './NodeHeader';
import { ReadingLayout } from './ReadingLayout';
import { kindLabel } from '@/lib/domain/kinds';
import { NodeLink } from './NodeLink';
import { waysOut } from '@/lib/site/reading';

/**
 * What a stub page says: the document is cited but not in the collection, and
 * here is every citing page's word about it.
 */
export function StubNotice({ graph, node }: { graph: Graph; node: TrellisNode }) {
  // One entry per citing page, with everything it says (a note may both list it
  // as a related concept and link to it in its body).
  const byCiter = new Map<string, { citer: TrellisNode; summary?: string; label?: string }>();
  for (const c of node.citations) {
    const citer = graph.nodes.get(c.by);
    if (!citer) continue;
    const entry = byCiter.get(c.by) ?? { citer };
    byCiter.set(c.by, { ...entry, ...(entry.summary || !c.summary ? {} : { summary: c.summary }), ...(entry.label || !c.label ? {} : { label: c.label }) });
  }
  const citations = [...byCiter.entries()].map(([by, entry]) => ({ by, ...entry }));
  return (
    <section className="stub-notice" aria-labelledby="stub-heading">
      <h2 id="stub-heading">Not in the collection</h2>
      <p>
        This {kindLabel(node.kind).toLowerCase()} is cited by the collection, but its document is not in it. What follows is
        everything the pages that cite it say about it.
      </p>
      <ul className="citations">
        {citations.map((c) => (
          <li key={c.by}>
            <p className="cited-by">
              <NodeLink node={c.citer} />
            </p>
            {c.summary && <p>{c.summary}</p>}
            {c.label && <p className="label">Relation: {c.label}</p>}
          </li>
        ))}
      </ul>
      <h3>Where to read it</h3>
      <ul className="ways-out">
        {waysOut({ title: node.title, arxivId: node.kind === 'paper' ? (node.arxivId ?? node.slug) : undefined }).map((way) => (
          <li key={way.href}>
            <a href={way.href} rel="noopener noreferrer">
              {way.text}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The page of a stub, whatever its kind: who cites it and what they say (its only
 * list: the citing pages are its backlinks), where to read it, and its graph.
 * `header` is what the kind's header adds (a paper's arXiv id).
 */
export function StubPage({ graph, node, header }: { graph: Graph; node: TrellisNode; header?: ReactNode }) {
  return (
    <ReadingLayout graph={graph} node={node}>
      <NodeHeader graph={graph} node={node}>
        {header}
      </NodeHeader>
      <StubNotice graph={graph} node={node} />
    </ReadingLayout>
  );
}

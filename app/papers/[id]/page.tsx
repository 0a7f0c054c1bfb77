import type { Metadata } from 'next';
import { Backlinks } from '@/app/components/Backlinks';
import { NodeHeader } from '@/app/components/NodeHeader';
import { NeighbourhoodSection } from '@/app/components/NeighbourhoodSection';
import { NodeLink } from '@/app/components/NodeLink';
import { Prose } from '@/app/components/Prose';
import { findRouteNode, getRouteNode } from '@/app/components/route-node';
import { Section } from '@/app/components/Section';
import { SimilarPapers } from '@/app/components/SimilarPapers';
import { StubNotice } from '@/app/components/StubNotice';
import { backlinks } from '@/lib/graph/queries';
import { nodeMetadata } from '@/lib/site/metadata';
import { renderNodeBody } from '@/lib/site/render';

type Props = { params: Promise<{ id: string }> };

const SIMILAR_PAPERS = 6;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const node = findRouteNode('paper', (await params).id);
  return node ? nodeMetadata(node) : { title: 'Not found' };
}

/** Only web links leave the site from a paper's header; anything else in source_url is shown as text. */
function safeHref(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

export default async function PaperPage({ params }: Props) {
  const { graph, node } = await getRouteNode('paper', (await params).id);
  if (node.kind !== 'paper') return null;
  const body = node.hasBody ? renderNodeBody(graph, node) : undefined;
  const links = backlinks(graph, node.id);
  const href = safeHref(node.sourceUrl);
  const headings = body?.headings.filter((h) => h.depth === 2) ?? [];

  return (
    <article className="node-page" data-kind={node.kind}>
      <NodeHeader graph={graph} node={node}>
        {node.arxivId && (
          <p className="paper-source">
            arXiv{' '}
            {href ? (
              <a href={href} rel="noopener noreferrer">
                {node.arxivId}
              </a>
            ) : (
              node.arxivId
            )}
          </p>
        )}
      </NodeHeader>
      {node.stub && <StubNotice graph={graph} node={node} />}
      {node.coreContribution && (
        <Section id="core-contribution" title="Core contribution">
          <p>{node.coreContribution}</p>
        </Section>
      )}
      {headings.length > 1 && (
        <nav className="toc" aria-label="Contents">
          <h2>Contents</h2>
          <ol>
            {headings.map((h) => (
              <li key={h.id}>
                <a href={`#${h.id}`}>{h.text}</a>
              </li>
            ))}
          </ol>
        </nav>
      )}
      {body && <Prose html={body.html} />}

      <Section id="in-the-graph" title="In the graph">
        <NeighbourhoodSection graph={graph} node={node} />
      </Section>

      <Section id="cited-by" title="Cited by" count={links.listedBy.length + links.mentionedIn.length}>
        {links.listedBy.length + links.mentionedIn.length === 0 ? (
          <p className="empty">No note or inquiring line cites this paper yet.</p>
        ) : (
          <ul className="link-list">
            {[...links.listedBy, ...links.mentionedIn].map(({ node: citer, edge }) => (
              <li key={`${edge.kind}-${citer.id}`}>
                <NodeLink node={citer} />
                <span className="relation"> — {edge.kind === 'mentions' ? 'mentions it' : 'lists it as a related paper'}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      {!node.stub && <SimilarPapers graph={graph} node={node} limit={SIMILAR_PAPERS} title="Related papers by similarity" />}

      <Backlinks backlinks={links} skip={['listedBy', 'mentionedIn']} />
    </article>
  );
}

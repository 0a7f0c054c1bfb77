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
import { SITE_TEXT } from '@/lib/content/site-text';
import { backlinks, citingInquiries, listedPapers, relatedConcepts } from '@/lib/graph/queries';
import type { NodeId } from '@/lib/graph/types';
import { nodeMetadata } from '@/lib/site/metadata';
import { renderNodeBody } from '@/lib/site/render';

type Props = { params: Promise<{ slug: string }> };

/** Papers by text similarity shown after the ones the note lists. */
const SIMILAR_PAPERS = 5;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const node = findRouteNode('note', (await params).slug);
  return node ? nodeMetadata(node) : { title: 'Not found' };
}

export default async function NotePage({ params }: Props) {
  const { graph, node } = await getRouteNode('note', (await params).slug);
  const inquiries = citingInquiries(graph, node.id);
  const related = relatedConcepts(graph, node.id);
  const papers = listedPapers(graph, node.id);
  const listed = new Set<NodeId>(papers.map((p) => p.node.id));
  const body = node.hasBody ? renderNodeBody(graph, node) : undefined;
  const originalTitle = node.kind === 'note' ? node.originalTitle : undefined;

  return (
    <article className="node-page" data-kind={node.kind}>
      <NodeHeader graph={graph} node={node} />
      {node.stub && <StubNotice graph={graph} node={node} />}
      {body && <Prose html={body.html} />}

      {(!node.stub || inquiries.length > 0) && (
        <Section id="inquiring-lines" title="Inquiring lines that use this note as a source" count={inquiries.length} intro={inquiries.length ? SITE_TEXT.noteInquiriesIntro : undefined}>
          {inquiries.length === 0 ? (
            <p className="empty">No inquiring line uses this note yet.</p>
          ) : (
            <ul className="link-list">
              {inquiries.map(({ node: line }) => (
                <li key={line.id}>
                  <NodeLink node={line} />
                </li>
              ))}
            </ul>
          )}
        </Section>
      )}

      {(!node.stub || related.length > 0) && (
        <Section id="related-concepts" title="Related concepts" count={related.length} intro={related.length ? SITE_TEXT.noteMapIntro : undefined}>
          <NeighbourhoodSection graph={graph} node={node} />
          {related.length === 0 ? (
            <p className="empty">No related concepts listed.</p>
          ) : (
            <ul className="entry-list">
              {related.map(({ node: concept, edge }) => (
                <li key={concept.id}>
                  <NodeLink node={concept} />
                  {edge.label && <p className="relation">{edge.label}</p>}
                  {(edge.summary ?? concept.summary) && <p>{edge.summary ?? concept.summary}</p>}
                </li>
              ))}
            </ul>
          )}
          {related.length > 0 && <p className="help">{SITE_TEXT.mapHelp}</p>}
        </Section>
      )}

      {(!node.stub || papers.length > 0) && (
        <Section id="related-papers" title="Related papers" count={papers.length} intro={papers.length ? SITE_TEXT.notePapersIntro : undefined}>
          {papers.length === 0 ? (
            <p className="empty">The note lists no papers.</p>
          ) : (
            <ol className="link-list">
              {papers.map(({ node: paper }) => (
                <li key={paper.id}>
                  <NodeLink node={paper} />
                </li>
              ))}
            </ol>
          )}
        </Section>
      )}

      <SimilarPapers graph={graph} node={node} limit={SIMILAR_PAPERS} exclude={listed} title="Similar papers in the collection" />

      {originalTitle && (
        <Section id="original-title" title="Original note title">
          <p className="original-title">{originalTitle}</p>
        </Section>
      )}

      {!node.stub && <Backlinks backlinks={backlinks(graph, node.id)} skip={['citedAsSourceBy']} />}
    </article>
  );
}

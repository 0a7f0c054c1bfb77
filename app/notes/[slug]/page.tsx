import type { Metadata } from 'next';
import { Backlinks } from '@/app/components/Backlinks';
import { CappedList, NodeListView, withNodeListMetadata } from '@/app/components/NodeLists';
import type { SearchParams } from '@/app/components/page-param';
import { NodeHeader } from '@/app/components/NodeHeader';
import { NodeLink } from '@/app/components/NodeLink';
import { Prose } from '@/app/components/Prose';
import { ReadingLayout } from '@/app/components/ReadingLayout';
import { findRouteNode, getRouteNode } from '@/app/components/route-node';
import { Section } from '@/app/components/Section';
import { SimilarPapers } from '@/app/components/SimilarPapers';
import { StubPage } from '@/app/components/StubNotice';
import { SITE_TEXT } from '@/lib/content/site-text';
import { getGraph } from '@/lib/corpus';
import { listedPapers, relatedConcepts } from '@/lib/graph/queries';
import type { NodeId } from '@/lib/graph/types';
import { nodeMetadata } from '@/lib/site/metadata';
import { nodeList, nodeListPage, nodeListTotal } from '@/lib/site/node-lists';
import { readingMinutes } from '@/lib/site/reading';
import { renderNodeBodyAsync } from '@/lib/site/render';

type Props = { params: Promise<{ slug: string }>; searchParams: SearchParams };

/** Papers by text similarity shown after the ones the note lists. */
const SIMILAR_PAPERS = 5;

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const node = findRouteNode('note', (await params).slug);
  return node ? withNodeListMetadata(nodeMetadata(node), node, getGraph(), await searchParams) : { title: 'Not found' };
}

/** Inquiring lines citing the note: one of its backlinks, shown as a section of its own. */
const CITING = nodeList('cited-as-source-by');

export default async function NotePage({ params, searchParams }: Props) {
  const { graph, node } = await getRouteNode('note', (await params).slug);
  const query = await searchParams;
  if (query.list !== undefined) return <NodeListView graph={graph} node={node} query={query} />;
  if (node.stub) return <StubPage graph={graph} node={node} />;
  const inquiries = nodeListTotal(graph, node.id, CITING);
  const related = relatedConcepts(graph, node.id);
  const papers = listedPapers(graph, node.id);
  const listed = new Set<NodeId>(papers.map((p) => p.node.id));
  const body = node.hasBody ? await renderNodeBodyAsync(graph, node) : undefined;
  const originalTitle = node.kind === 'note' ? node.originalTitle : undefined;

  return (
    <ReadingLayout graph={graph} node={node} headings={body?.headings}>
      <NodeHeader graph={graph} node={node} minutes={body ? readingMinutes(body.html) : 0} />
      {body && <Prose html={body.html} />}

      <Section id="inquiring-lines" title="Inquiring lines that use this note as a source" count={inquiries} intro={inquiries ? SITE_TEXT.noteInquiriesIntro : undefined}>
        {inquiries === 0 ? (
          <p className="empty">No inquiring line uses this note yet.</p>
        ) : (
          <CappedList graph={graph} node={node} list={CITING} total={inquiries} />
        )}
      </Section>

      <Section id="related-concepts" title="Related concepts" count={related.length} intro={related.length ? SITE_TEXT.noteMapIntro : undefined}>
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

      <SimilarPapers graph={graph} node={node} limit={SIMILAR_PAPERS} exclude={listed} title="Similar papers in the collection" />

      {originalTitle && (
        <Section id="original-title" title="Original note title">
          <p className="original-title">{originalTitle}</p>
        </Section>
      )}

      <Backlinks
        graph={graph}
        node={node}
        skip={['cited-as-source-by']}
        shown={new Set([...nodeListPage(graph, node.id, CITING, 1, inquiries).items, ...related, ...papers].map((l) => l.node.id))}
      />
    </ReadingLayout>
  );
}

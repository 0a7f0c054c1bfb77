import type { Metadata } from 'next';
import { Backlinks } from '@/app/components/Backlinks';
import { CappedList, NodeListView, withNodeListMetadata } from '@/app/components/NodeLists';
import type { SearchParams } from '@/app/components/page-param';
import { NodeHeader } from '@/app/components/NodeHeader';
import { Prose } from '@/app/components/Prose';
import { ReadingLayout } from '@/app/components/ReadingLayout';
import { findRouteNode, getRouteNode } from '@/app/components/route-node';
import { Section } from '@/app/components/Section';
import { SimilarPapers } from '@/app/components/SimilarPapers';
import { StubPage } from '@/app/components/StubNotice';
import { getGraph } from '@/lib/corpus';
import { nodeMetadata } from '@/lib/site/metadata';
import { nodeList, nodeListPage, nodeListTotal } from '@/lib/site/node-lists';
import { readingMinutes } from '@/lib/site/reading';
import { renderNodeBodyAsync } from '@/lib/site/render';

type Props = { params: Promise<{ id: string }>; searchParams: SearchParams };

const SIMILAR_PAPERS = 6;

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const node = findRouteNode('paper', (await params).id);
  return node ? withNodeListMetadata(nodeMetadata(node), node, getGraph(), await searchParams) : { title: 'Not found' };
}

/** The notes listing the paper and the pages linking to it, shown as its "Cited by". */
const CITED_BY = nodeList('cited-by');

/** Only web links leave the site from a paper's header; anything else in source_url is shown as text. */
function safeHref(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

/** The paper's arXiv id, a link to its source when `href` is a web address. */
function PaperSource({ arxivId, href }: { arxivId: string | undefined; href: string | undefined }) {
  if (!arxivId) return null;
  return (
    <p className="paper-source">
      arXiv{' '}
      {href ? (
        <a href={href} rel="noopener noreferrer">
          {arxivId}
        </a>
      ) : (
        arxivId
      )}
    </p>
  );
}

export default async function PaperPage({ params, searchParams }: Props) {
  const { graph, node } = await getRouteNode('paper', (await params).id);
  if (node.kind !== 'paper') return null;
  const query = await searchParams;
  if (query.list !== undefined) return <NodeListView graph={graph} node={node} query={query} />;
  // A stub's way out (its abstract page) is in its notice: the header names the id only.
  if (node.stub) return <StubPage graph={graph} node={node} header={<PaperSource arxivId={node.arxivId} href={undefined} />} />;
  const body = node.hasBody ? await renderNodeBodyAsync(graph, node) : undefined;
  const citedBy = nodeListTotal(graph, node.id, CITED_BY);
  const href = safeHref(node.sourceUrl);

  return (
    <ReadingLayout graph={graph} node={node} headings={body?.headings}>
      <NodeHeader graph={graph} node={node} minutes={body ? readingMinutes(body.html) : 0}>
        <PaperSource arxivId={node.arxivId} href={href} />
      </NodeHeader>
      {node.coreContribution && (
        <Section id="core-contribution" title="Core contribution">
          <p>{node.coreContribution}</p>
        </Section>
      )}
      {body && <Prose html={body.html} />}

      <Section id="cited-by" title="Cited by" count={citedBy}>
        {citedBy === 0 ? (
          <p className="empty">No note or inquiring line cites this paper yet.</p>
        ) : (
          <CappedList graph={graph} node={node} list={CITED_BY} total={citedBy} relations />
        )}
      </Section>

      <SimilarPapers graph={graph} node={node} limit={SIMILAR_PAPERS} title="Related papers by similarity" />

      <Backlinks graph={graph} node={node} skip={['listed-by', 'mentioned-in']} shown={new Set(nodeListPage(graph, node.id, CITED_BY, 1, citedBy).items.map((l) => l.node.id))} />
    </ReadingLayout>
  );
}

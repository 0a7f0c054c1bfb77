import type { Metadata } from 'next';
import { Backlinks } from '@/app/components/Backlinks';
import { NodeListView, withNodeListMetadata } from '@/app/components/NodeLists';
import type { SearchParams } from '@/app/components/page-param';
import { NodeHeader } from '@/app/components/NodeHeader';
import { NodeLink } from '@/app/components/NodeLink';
import { Prose } from '@/app/components/Prose';
import { ReadingLayout } from '@/app/components/ReadingLayout';
import { findRouteNode, getRouteNode } from '@/app/components/route-node';
import { Section } from '@/app/components/Section';
import { StubPage } from '@/app/components/StubNotice';
import { getGraph } from '@/lib/corpus';
import { listedPapers, nextInquiries, relatedConcepts, sourcesOf } from '@/lib/graph/queries';
import type { Graph, NodeId } from '@/lib/graph/types';
import { nodeMetadata } from '@/lib/site/metadata';
import { readingMinutes } from '@/lib/site/reading';
import { renderNodeBodyAsync } from '@/lib/site/render';

type Props = { params: Promise<{ slug: string }>; searchParams: SearchParams };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const node = findRouteNode('inquiry', (await params).slug);
  return node ? withNodeListMetadata(nodeMetadata(node), node, getGraph(), await searchParams) : { title: 'Not found' };
}

/** One step further back from a source: its own related concepts and papers. */
function TraceBack({ graph, id }: { graph: Graph; id: NodeId }) {
  const related = relatedConcepts(graph, id);
  const papers = listedPapers(graph, id);
  if (related.length + papers.length === 0) return null;
  return (
    <details className="trace-back">
      <summary>
        Trace back: {related.length} related concept{related.length === 1 ? '' : 's'}, {papers.length} paper{papers.length === 1 ? '' : 's'}
      </summary>
      <ul className="link-list">
        {related.map(({ node, edge }) => (
          <li key={node.id}>
            <NodeLink node={node} />
            {edge.label && <span className="relation"> — {edge.label}</span>}
          </li>
        ))}
        {papers.map(({ node }) => (
          <li key={node.id}>
            <NodeLink node={node} />
          </li>
        ))}
      </ul>
    </details>
  );
}

export default async function InquiringLinePage({ params, searchParams }: Props) {
  const { graph, node } = await getRouteNode('inquiry', (await params).slug);
  const query = await searchParams;
  if (query.list !== undefined) return <NodeListView graph={graph} node={node} query={query} />;
  if (node.stub) return <StubPage graph={graph} node={node} />;
  const sources = sourcesOf(graph, node.id);
  const next = nextInquiries(graph, node.id);
  const body = node.hasBody ? await renderNodeBodyAsync(graph, node) : undefined;

  return (
    <ReadingLayout graph={graph} node={node} headings={body?.headings}>
      <NodeHeader graph={graph} node={node} minutes={body ? readingMinutes(body.html) : 0} />
      {body && <Prose html={body.html} />}

      <Section
        id="sources"
        title="Sources"
        count={sources.length}
      >
        {sources.length === 0 ? (
          <p className="empty">This inquiring line lists no sources.</p>
        ) : (
          <ol className="entry-list sources">
            {sources.map(({ node: source, edge }) => (
              <li key={source.id} id={edge.order ? `source-${edge.order}` : undefined}>
                <NodeLink node={source} />
                {(edge.summary ?? source.summary) && <p>{edge.summary ?? source.summary}</p>}
                <TraceBack graph={graph} id={source.id} />
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section id="next" title="Next inquiring lines" count={next.length}>
        {next.length === 0 ? (
          <p className="empty">None listed yet.</p>
        ) : (
          <ul className="link-list">
            {next.map(({ node: line }) => (
              <li key={line.id}>
                <NodeLink node={line} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Backlinks graph={graph} node={node} shown={new Set([...sources, ...next].map((l) => l.node.id))} />
    </ReadingLayout>
  );
}

import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Backlinks } from '@/app/components/Backlinks';
import { genericKindOfRoute } from '@/lib/site/route';
import { NodeListView, withNodeListMetadata } from '@/app/components/NodeLists';
import type { SearchParams } from '@/app/components/page-param';
import { NodeHeader } from '@/app/components/NodeHeader';
import { NeighbourhoodSection } from '@/app/components/NeighbourhoodSection';
import { Prose } from '@/app/components/Prose';
import { findRouteNode, getRouteNode } from '@/app/components/route-node';
import { Section } from '@/app/components/Section';
import { StubNotice } from '@/app/components/StubNotice';
import { getGraph } from '@/lib/corpus';
import { kindEntry } from '@/lib/domain/kinds';
import { nodeMetadata } from '@/lib/site/metadata';
import { renderNodeBodyAsync } from '@/lib/site/render';

/*
 * The page of a node of a kind without a page component of its own: the sections
 * its registry entry lists (lib/domain/kinds.ts), in that order.
 */

type Props = { params: Promise<{ kind: string; slug: string }>; searchParams: SearchParams };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { kind: route, slug } = await params;
  const kind = genericKindOfRoute(route);
  const node = kind ? findRouteNode(kind, slug) : undefined;
  return node ? withNodeListMetadata(nodeMetadata(node), node, getGraph(), await searchParams) : { title: 'Not found' };
}

export default async function GenericNodePage({ params, searchParams }: Props) {
  const { kind: route, slug } = await params;
  const kind = genericKindOfRoute(route);
  if (!kind) notFound();
  const { graph, node } = await getRouteNode(kind, slug);
  const query = await searchParams;
  if (query.list !== undefined) return <NodeListView graph={graph} node={node} query={query} />;
  const body = node.hasBody ? await renderNodeBodyAsync(graph, node) : undefined;
  return (
    <article className="node-page" data-kind={node.kind}>
      <NodeHeader graph={graph} node={node} />
      {node.stub && <StubNotice graph={graph} node={node} />}
      {kindEntry(kind).sections?.map((section) => {
        switch (section) {
          case 'body':
            return body ? <Prose key={section} html={body.html} /> : null;
          case 'in-the-graph':
            return (
              <Section key={section} id="in-the-graph" title="In the graph">
                <NeighbourhoodSection graph={graph} node={node} />
              </Section>
            );
          case 'backlinks':
            return <Backlinks key={section} graph={graph} node={node} />;
        }
      })}
    </article>
  );
}

import type { Metadata } from 'next';
import { kinds } from '@/app/components/kinds';
import { KindBadge } from '@/app/components/KindBadge';
import { NodeLink } from '@/app/components/NodeLink';
import { findRouteNode, getRouteNode } from '@/app/components/route-node';
import { Section } from '@/app/components/Section';
import { taggedWith } from '@/lib/graph/queries';
import { absoluteUrl } from '@/lib/site/config';

type Props = { params: Promise<{ tag: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const node = findRouteNode('tag', (await params).tag);
  if (!node) return { title: 'Not found' };
  return { title: `#${node.title}`, description: `Everything in the collection tagged ${node.title}.`, alternates: { canonical: absoluteUrl(node.url) } };
}

export default async function TagPage({ params }: Props) {
  const { graph, node } = await getRouteNode('tag', (await params).tag);
  const tagged = taggedWith(graph, node.id);
  return (
    <article className="node-page" data-kind="tag">
      <header className="node-header">
        <p className="node-kind">
          <KindBadge kind="tag" />
        </p>
        <h1>#{node.title}</h1>
        <p className="lede">{tagged.length === 1 ? '1 document carries this tag.' : `${tagged.length} documents carry this tag.`}</p>
      </header>
      {kinds
        .filter((k) => k.kind !== 'tag')
        .map(({ kind, many }) => {
          const list = tagged.filter((t) => t.node.kind === kind);
          if (list.length === 0) return null;
          return (
            <Section key={kind} id={`tagged-${kind}`} title={many} count={list.length}>
              <ul className="link-list">
                {list.map(({ node: doc }) => (
                  <li key={doc.id}>
                    <NodeLink node={doc} />
                  </li>
                ))}
              </ul>
            </Section>
          );
        })}
    </article>
  );
}

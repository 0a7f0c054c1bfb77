import type { Metadata } from 'next';
import { kindPlural, listDocumentKinds } from '@/lib/domain/kinds';
import { getGraph } from '@/lib/corpus';
import { KindBadge } from '@/app/components/KindBadge';
import { NodeLink } from '@/app/components/NodeLink';
import { canonicalPage, pageFromParam, type SearchParams } from '@/app/components/page-param';
import { Pager } from '@/app/components/Pager';
import { findRouteNode, getRouteNode } from '@/app/components/route-node';
import { Section } from '@/app/components/Section';
import { tagMembers } from '@/lib/graph/queries';
import type { DocumentNode, NodeId } from '@/lib/graph/types';
import { absoluteUrl } from '@/lib/site/config';
import { formatCount, pageCount, pageOf } from '@/lib/site/pagination';

type Props = { params: Promise<{ tag: string }>; searchParams: SearchParams };

/** The kinds a tag page lists, in the order it lists them: the registry's (lib/domain/kinds.ts). */
const documentSections = () => listDocumentKinds().map((kind) => ({ kind, many: kindPlural(kind) }));

/** A tag's documents as one list in the page's order: notes, inquiring lines, papers. */
function memberParts(id: NodeId): readonly (readonly DocumentNode[])[] {
  const members = tagMembers(getGraph(), id);
  return listDocumentKinds().map((kind) => members[kind]);
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const node = findRouteNode('tag', (await params).tag);
  if (!node) return { title: 'Not found' };
  const total = memberParts(node.id).reduce((n, part) => n + part.length, 0);
  const { page, href } = canonicalPage((await searchParams).page, pageCount(total), node.url);
  return {
    title: page > 1 ? `#${node.title}, page ${page}` : `#${node.title}`,
    description: `Everything in the collection tagged ${node.title}.`,
    alternates: { canonical: absoluteUrl(href) },
  };
}

/**
 * A tag's documents, a page at a time: a tag on every paper of a 50,000-paper
 * collection is a few hundred pages of links, not one 25 MB page. Each section's
 * count is the whole tag's; the pager says which of them this page shows.
 */
export default async function TagPage({ params, searchParams }: Props) {
  const { graph, node } = await getRouteNode('tag', (await params).tag);
  const members = tagMembers(graph, node.id);
  const parts = memberParts(node.id);
  const total = parts.reduce((n, part) => n + part.length, 0);
  const page = pageOf(parts, pageFromParam((await searchParams).page, pageCount(total), node.url));
  return (
    <article className="node-page" data-kind="tag">
      <header className="node-header">
        <p className="node-kind">
          <KindBadge kind="tag" />
        </p>
        <h1>#{node.title}</h1>
        <p className="lede">{total === 1 ? '1 document carries this tag.' : `${formatCount(total)} documents carry this tag.`}</p>
      </header>
      {documentSections().map(({ kind, many }) => {
        const shown = page.items.filter((doc) => doc.kind === kind);
        if (shown.length === 0) return null;
        return (
          <Section key={kind} id={`tagged-${kind}`} title={many} count={members[kind].length}>
            <ul className="link-list">
              {shown.map((doc) => (
                <li key={doc.id}>
                  <NodeLink node={doc} />
                </li>
              ))}
            </ul>
          </Section>
        );
      })}
      <Pager page={page} path={node.url} noun="documents" />
    </article>
  );
}

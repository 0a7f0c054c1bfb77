import { connection } from 'next/server';
import type { Metadata } from 'next';
import { getGraph } from '@/lib/corpus';
import { sortedNodesOfKind, stubCount } from '@/lib/graph/queries';
import type { NodeKind } from '@/lib/graph/types';
import { kindEntry, kindPlural, routeOf } from '@/lib/domain/kinds';
import { absoluteUrl } from '@/lib/site/config';
import { formatCount, pageCount, pageOf } from '@/lib/site/pagination';
import { NodeLink } from './NodeLink';
import { canonicalPage, pageFromParam, type SearchParams } from './page-param';
import { Pager } from './Pager';

/** The index page of a kind: `/notes/` … `/tags/`. */
function indexPath(kind: NodeKind): string {
  return `/${routeOf(kind)}/`;
}

function labelOf(kind: NodeKind): string {
  return kindPlural(kind);
}

/** Title, description and canonical address of a kind's index page (page 1 without `?page`). */
export async function kindIndexMetadata(kind: NodeKind, searchParams: SearchParams): Promise<Metadata> {
  const description = kindEntry(kind).indexDescription;
  const total = sortedNodesOfKind(getGraph(), kind).length;
  const { page, href } = canonicalPage((await searchParams).page, pageCount(total), indexPath(kind));
  return { title: page > 1 ? `${labelOf(kind)}, page ${page}` : labelOf(kind), description, alternates: { canonical: absoluteUrl(href) } };
}

/** Every node of one kind, documents first, then those only cited, a page at a time. */
export async function KindIndex({ kind, searchParams }: { kind: NodeKind; searchParams: SearchParams }) {
  await connection();
  const graph = getGraph();
  const all = sortedNodesOfKind(graph, kind);
  const page = pageOf([all], pageFromParam((await searchParams).page, pageCount(all.length), indexPath(kind)));
  const stubs = stubCount(graph, kind);
  return (
    <article data-kind={kind}>
      <h1>
        <span className="swatch" aria-hidden="true" />
        {labelOf(kind)} <span className="count">({formatCount(all.length)})</span>
      </h1>
      <p className="lede">
        {formatCount(all.length - stubs)} in the collection{stubs ? `, ${formatCount(stubs)} cited but not in it` : ''}.
      </p>
      <ul className="node-list">
        {page.items.map((node) => (
          <li key={node.id} className={node.stub ? 'stub' : undefined}>
            <NodeLink node={node} />
            <code className="url">{node.url}</code>
          </li>
        ))}
      </ul>
      <Pager page={page} path={indexPath(kind)} noun={labelOf(kind).toLowerCase()} />
    </article>
  );
}

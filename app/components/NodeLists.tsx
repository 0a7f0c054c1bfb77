import Link from 'next/link';
import { permanentRedirect } from 'next/navigation';
import type { Metadata } from 'next';
import type { Linked } from '@/lib/graph/queries';
import type { Graph, TrellisNode } from '@/lib/graph/types';
import { absoluteUrl } from '@/lib/site/config';
import { findNodeList, nodeListPage, nodeListTotal, type NodeList } from '@/lib/site/node-lists';
import { formatCount, NODE_LIST_PREVIEW, pageCount, pageHref } from '@/lib/site/pagination';
import { KindBadge } from './KindBadge';
import { kindLabel } from '@/lib/domain/kinds';
import { NodeLink } from './NodeLink';
import { canonicalPage, pageFromParam } from './page-param';
import { Pager } from './Pager';
import { Section } from './Section';

/*
 * A node's lists of what cites it, capped on the node page, whole (a page at a
 * time) at `<node URL>?list=<key>&page=N`. See lib/site/node-lists.ts.
 */

type Query = Readonly<Record<string, string | string[] | undefined>>;

/** What an entry says about how it cites the node, where a list mixes ways. */
function relationOf({ edge }: Linked): string | undefined {
  if (edge.kind === 'mentions') return 'mentions it';
  if (edge.kind === 'related-paper') return 'lists it as a related paper';
  return undefined;
}

/** The entries of a node's list, as links. */
export function LinkedItems({ items, relations = false }: { items: readonly Linked[]; relations?: boolean }) {
  return (
    <ul className="link-list">
      {items.map((item) => (
        <li key={`${item.edge.kind}-${item.node.id}`}>
          <NodeLink node={item.node} />
          {relations && relationOf(item) && <span className="relation"> — {relationOf(item)}</span>}
        </li>
      ))}
    </ul>
  );
}

/** The address of a node's whole list. */
export function nodeListHref(node: TrellisNode, list: NodeList): string {
  return pageHref(node.url, 1, { list: list.key });
}

/**
 * The first entries of one of a node's lists and, when there are more, a link to
 * the whole list. `total` is the list's length (the caller has it for its heading).
 */
export function CappedList({ graph, node, list, total, relations }: { graph: Graph; node: TrellisNode; list: NodeList; total: number; relations?: boolean }) {
  const shown = nodeListPage(graph, node.id, list, 1, NODE_LIST_PREVIEW);
  return (
    <>
      <LinkedItems items={shown.items} relations={relations ?? false} />
      {total > shown.items.length && (
        <p className="show-all">
          <Link href={nodeListHref(node, list)} prefetch={false}>
            Show all {formatCount(total)} {list.noun} →
          </Link>
        </p>
      )}
    </>
  );
}

/** Title and canonical address of a node's list view, merged over the node's own metadata; the node's alone otherwise. */
export function withNodeListMetadata(metadata: Metadata, node: TrellisNode, graph: Graph, query: Query): Metadata {
  const list = findNodeList(query.list);
  if (!list) return metadata;
  const { page, href } = canonicalPage(query.page, pageCount(nodeListTotal(graph, node.id, list)), node.url, { list: list.key });
  return {
    ...metadata,
    title: `${list.title}: ${node.title}${page > 1 ? `, page ${page}` : ''}`,
    alternates: { canonical: absoluteUrl(href) },
  };
}

/**
 * The list view a node page shows instead of itself when its URL asks for one of
 * its lists (`?list=`). An unknown list sends the reader to the node page.
 */
export function NodeListView({ graph, node, query }: { graph: Graph; node: TrellisNode; query: Query }) {
  const list = findNodeList(query.list);
  if (!list) permanentRedirect(node.url);
  const total = nodeListTotal(graph, node.id, list);
  const params = { list: list.key };
  const page = nodeListPage(graph, node.id, list, pageFromParam(query.page, pageCount(total), node.url, params));
  return (
    <article className="node-page" data-kind={node.kind}>
      <header className="node-header">
        <p className="node-kind">
          <KindBadge kind={node.kind} />
        </p>
        <h1>{node.title}</h1>
        <p className="lede">
          <Link href={node.url} prefetch={false}>
            ← The {kindLabel(node.kind).toLowerCase()}’s page
          </Link>
        </p>
      </header>
      <Section id={list.key} title={list.title} count={total}>
        {total === 0 ? <p className="empty">Nothing yet.</p> : <LinkedItems items={page.items} relations={list.key === 'cited-by'} />}
      </Section>
      <Pager page={page} path={node.url} params={params} noun={list.noun} />
    </article>
  );
}

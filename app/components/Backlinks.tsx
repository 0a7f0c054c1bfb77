import Link from 'next/link';
import type { Linked } from '@/lib/graph/queries';
import type { Graph, NodeId, TrellisNode } from '@/lib/graph/types';
import { NODE_LISTS, nodeListPage, nodeListTotal, type NodeList, type NodeListKey } from '@/lib/site/node-lists';
import { formatCount, NODE_LIST_PREVIEW } from '@/lib/site/pagination';
import { LinkedItems, nodeListHref } from './NodeLists';
import { Section } from './Section';

/** The groups of backlinks, one per way of citing ('cited-by' is a paper page's own section). */
const GROUPS = NODE_LISTS.filter((l) => l.key !== 'cited-by');

/** A group's entries, less those the page lists in a section of its own, and how many that leaves. */
function groupEntries(graph: Graph, node: TrellisNode, list: NodeList, shown: ReadonlySet<NodeId>): { items: readonly Linked[]; total: number } {
  const total = nodeListTotal(graph, node.id, list);
  if (total === 0 || shown.size === 0) return { items: total ? nodeListPage(graph, node.id, list, 1, NODE_LIST_PREVIEW).items : [], total };
  const rest = nodeListPage(graph, node.id, list, 1, total).items.filter((item) => !shown.has(item.node.id));
  return { items: rest.slice(0, NODE_LIST_PREVIEW), total: rest.length };
}

/**
 * What points at this node, grouped by relation, each group capped with a link to
 * all of it. `skip` leaves out groups the page shows as a section of its own, and
 * `shown` the nodes its sections list already, so that no node is listed twice.
 */
export function Backlinks({ graph, node, skip = [], shown = new Set() }: { graph: Graph; node: TrellisNode; skip?: readonly NodeListKey[]; shown?: ReadonlySet<NodeId> }) {
  const groups = GROUPS.filter((g) => !skip.includes(g.key))
    .map((list) => ({ list, ...groupEntries(graph, node, list, shown) }))
    .filter((g) => g.total > 0);
  const total = groups.reduce((n, g) => n + g.total, 0);
  if (total === 0) return null;
  return (
    <Section id="backlinks" title="Backlinks" count={total}>
      {groups.map(({ list, items, total: count }) => (
        <div key={list.key} className="backlink-group">
          <h3>
            {list.title} <span className="count">({count})</span>
          </h3>
          <LinkedItems items={items} />
          {count > items.length && (
            <p className="show-all">
              <Link href={nodeListHref(node, list)} prefetch={false}>
                Show all {formatCount(nodeListTotal(graph, node.id, list))} {list.noun} →
              </Link>
            </p>
          )}
        </div>
      ))}
    </Section>
  );
}

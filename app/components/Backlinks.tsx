import type { Graph, TrellisNode } from '@/lib/graph/types';
import { NODE_LISTS, nodeListTotal, type NodeListKey } from '@/lib/site/node-lists';
import { CappedList } from './NodeLists';
import { Section } from './Section';

/** The groups of backlinks, one per way of citing ('cited-by' is a paper page's own section). */
const GROUPS = NODE_LISTS.filter((l) => l.key !== 'cited-by');

/**
 * What points at this node, grouped by relation, each group capped with a link to
 * all of it. `skip` leaves out groups the page already shows as a section of its
 * own, so nothing is listed twice.
 */
export function Backlinks({ graph, node, skip = [] }: { graph: Graph; node: TrellisNode; skip?: readonly NodeListKey[] }) {
  const groups = GROUPS.filter((g) => !skip.includes(g.key))
    .map((list) => ({ list, total: nodeListTotal(graph, node.id, list) }))
    .filter((g) => g.total > 0);
  const total = groups.reduce((n, g) => n + g.total, 0);
  if (total === 0) return null;
  return (
    <Section id="backlinks" title="Backlinks" count={total}>
      {groups.map(({ list, total: count }) => (
        <div key={list.key} className="backlink-group">
          <h3>
            {list.title} <span className="count">({count})</span>
          </h3>
          <CappedList graph={graph} node={node} list={list} total={count} />
        </div>
      ))}
    </Section>
  );
}

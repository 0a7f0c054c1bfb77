/*
 * A neighbourhood as an ordinary list: the view for keyboard and screen-reader
 * readers, and for anyone without JavaScript. Rendered on the server for the page's
 * own node, and in the browser by NeighbourhoodExplorer after a walk, from the same
 * groups (groupNeighbours), so the list and the canvas always agree.
 * No 'use client': it renders on either side.
 */
import { countOf, inReadingOrder, listNodeKinds } from '@/lib/domain/kinds';
import type { ViewNode } from '@/lib/graph/neighbourhood';
import type { NeighbourGroup } from '@/lib/site/neighbour-groups';
import { NodeLink } from '../NodeLink';

/** "49 neighbours: 38 inquiring lines, 3 notes, 8 papers". */
export function describeCounts(nodes: readonly ViewNode[], centre: string): string {
  const others = nodes.filter((n) => n.id !== centre);
  const counts = new Map<string, number>();
  for (const n of others) counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);
  const parts = inReadingOrder(listNodeKinds().map((kind) => ({ kind })))
    .filter(({ kind }) => counts.get(kind))
    .map(({ kind }) => countOf(counts.get(kind) ?? 0, kind));
  const stubs = others.filter((n) => n.stub).length;
  const total = `${others.length} neighbour${others.length === 1 ? '' : 's'}`;
  return `${total}${parts.length ? `: ${parts.join(', ')}` : ''}${stubs ? ` (${stubs} not in the collection)` : ''}`;
}

export function NeighbourhoodList({ centre, groups, truncated = false }: { centre: ViewNode; groups: readonly NeighbourGroup[]; truncated?: boolean }) {
  return (
    <div className="neighbour-list" data-centre={centre.id}>
      <h3 className="neighbour-list-title">
        Around <NodeLink node={{ url: centre.id, kind: centre.kind, stub: centre.stub, title: centre.title }} />
      </h3>
      {groups.length === 0 && <p className="empty">Nothing around it with these filters.</p>}
      {groups.map((group) => (
        <div key={group.key} className="neighbour-group" data-relation={group.key}>
          <h4>
            {group.title} <span className="count">({group.items.length})</span>
          </h4>
          <ul className="link-list">
            {group.items.map(({ node, label }) => (
              <li key={node.id} data-node={node.id}>
                <NodeLink node={{ url: node.id, kind: node.kind, stub: node.stub, title: node.title }} />
                {label && <span className="relation"> — {label}</span>}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {truncated && <p className="help">The neighbourhood is larger than a view can show; the nearest nodes are listed.</p>}
    </div>
  );
}

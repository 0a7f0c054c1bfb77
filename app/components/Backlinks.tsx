import type { Backlinks as BacklinkGroups, Linked } from '@/lib/graph/queries';
import { NodeLink } from './NodeLink';
import { Section } from './Section';

const GROUPS: readonly { key: keyof BacklinkGroups; title: string }[] = [
  { key: 'citedAsSourceBy', title: 'Cited as a source by' },
  { key: 'relatedFrom', title: 'Related from' },
  { key: 'listedBy', title: 'Listed as a related paper by' },
  { key: 'nextFrom', title: 'Next line after' },
  { key: 'mentionedIn', title: 'Mentioned in' },
];

/**
 * What points at this node, grouped by relation. `skip` leaves out groups the page
 * already shows as a section of its own, so nothing is listed twice.
 */
export function Backlinks({ backlinks, skip = [] }: { backlinks: BacklinkGroups; skip?: readonly (keyof BacklinkGroups)[] }) {
  const groups = GROUPS.filter((g) => !skip.includes(g.key) && backlinks[g.key].length > 0);
  const total = groups.reduce((n, g) => n + backlinks[g.key].length, 0);
  if (total === 0) return null;
  return (
    <Section id="backlinks" title="Backlinks" count={total}>
      {groups.map((g) => (
        <div key={g.key} className="backlink-group">
          <h3>
            {g.title} <span className="count">({backlinks[g.key].length})</span>
          </h3>
          <ul className="link-list">
            {backlinks[g.key].map(({ node, edge }: Linked) => (
              <li key={`${edge.kind}-${node.id}`}>
                <NodeLink node={node} />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </Section>
  );
}

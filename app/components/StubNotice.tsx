import type { Graph, TrellisNode } from '@/lib/graph/types';
import { kindLabel } from './kinds';
import { NodeLink } from './NodeLink';

/**
 * What a stub page says: the document is cited but not in the collection, and
 * here is every citing page's word about it.
 */
export function StubNotice({ graph, node }: { graph: Graph; node: TrellisNode }) {
  const citations = node.citations
    .map((c) => ({ ...c, citer: graph.nodes.get(c.by) }))
    .filter((c): c is typeof c & { citer: TrellisNode } => c.citer !== undefined);
  return (
    <section className="stub-notice" aria-labelledby="stub-heading">
      <h2 id="stub-heading">Not in the collection</h2>
      <p>
        This {kindLabel(node.kind).toLowerCase()} is cited by the collection, but its document is not in it. What follows is
        everything the pages that cite it say about it.
      </p>
      <ul className="citations">
        {citations.map((c, i) => (
          <li key={`${c.by}-${i}`}>
            <p className="cited-by">
              <NodeLink node={c.citer} />
            </p>
            {c.summary && <p>{c.summary}</p>}
            {c.label && <p className="label">Relation: {c.label}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

import type { Graph, NodeId, TrellisNode } from '@/lib/graph/types';
import { getSimilarityIndex, similarityAvailability } from '@/lib/search/similarity';
import { kindLabel } from '@/lib/domain/kinds';
import { NodeLink } from './NodeLink';
import { Section } from './Section';

/**
 * The papers whose text is most like a node's (lib/search/similarity.ts), after those the
 * node already lists (`exclude`); nothing when there are none.
 */
export function SimilarPapers({ graph, node, limit, exclude, title }: { graph: Graph; node: TrellisNode; limit: number; exclude?: ReadonlySet<NodeId>; title: string }) {
  const availability = similarityAvailability(graph);
  if (availability.busy) {
    return (
      <Section id="similar-papers" title={title} intro={`Still indexing (${availability.percent}%): papers like this one show once every paper has been compared.`}>
        {/* The page cache keeps no page holding this mark: it would outlive the indexing. */}
        <p hidden data-trellis-pending="similarity" />
      </Section>
    );
  }
  const similar = getSimilarityIndex(graph)
    .similarPapers(node.id, limit, exclude)
    .map((s) => graph.nodes.get(s.id))
    .filter((n) => n !== undefined);
  if (similar.length === 0) return null;
  return (
    <Section id="similar-papers" title={title} count={similar.length} intro={`Ranked by the text they share with this ${kindLabel(node.kind).toLowerCase()} (TF-IDF cosine over title, summary and body).`}>
      <ol className="link-list">
        {similar.map((paper) => (
          <li key={paper.id}>
            <NodeLink node={paper} />
          </li>
        ))}
      </ol>
    </Section>
  );
}

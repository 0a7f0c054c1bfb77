import Link from 'next/link';
import { connection } from 'next/server';
import { kinds } from '@/app/components/kinds';
import { getGraph } from '@/lib/corpus';
import type { NodeKind, TrellisNode } from '@/lib/graph/types';

const compareTitles = new Intl.Collator('en').compare;

/** Every node of the collection, grouped by kind and sorted by title. */
function groupByKind(nodes: Iterable<TrellisNode>): Map<NodeKind, TrellisNode[]> {
  const groups = new Map<NodeKind, TrellisNode[]>(kinds.map(({ kind }) => [kind, []]));
  for (const node of nodes) groups.get(node.kind)?.push(node);
  for (const list of groups.values()) list.sort((a, b) => compareTitles(a.title, b.title));
  return groups;
}

export default async function HomePage() {
  // The content folder is chosen at start-up (TRELLIS_CONTENT_DIR), so this page
  // renders per request and a build never freezes one folder's graph into it.
  await connection();
  const graph = getGraph();
  const groups = groupByKind(graph.nodes.values());

  return (
    <>
      <h1>The collection</h1>
      <p className="lede">
        {graph.nodes.size} nodes and {graph.edges.length} links, read from {graph.fileCount} files.
      </p>
      {graph.fileCount === 0 && (
        <p className="empty">
          The content folder holds no documents yet. Add Markdown files under <code>notes/</code>,{' '}
          <code>inquiries/</code> or <code>papers/</code>, as docs/content-format.md describes.
        </p>
      )}
      {kinds.map(({ kind, many }) => {
        const nodes = groups.get(kind) ?? [];
        return (
          <section key={kind} className="kind-section" aria-labelledby={`kind-${kind}`} data-kind={kind}>
            <h2 id={`kind-${kind}`}>
              <span className="swatch" aria-hidden="true" />
              {many} <span className="count">({nodes.length})</span>
            </h2>
            {nodes.length === 0 ? (
              <p className="empty">None yet.</p>
            ) : (
              <ul className="node-list">
                {nodes.map((node) => (
                  <li key={node.id} className={node.stub ? 'stub' : undefined}>
                    {/* No prefetch: a large collection would fetch thousands of pages. */}
                    <Link href={node.url} prefetch={false}>
                      {node.title}
                    </Link>
                    {node.stub && <span className="badge stub-mark">not in collection</span>}
                    <code className="url">{node.url}</code>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </>
  );
}

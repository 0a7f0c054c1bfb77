import Link from 'next/link';
import type { TrellisNode } from '@/lib/graph/types';

/**
 * A link to a node, in its kind's colour, marked when the document is not in the
 * collection. `data-preview` lets the preview cards find it.
 */
export function NodeLink({ node, children }: { node: Pick<TrellisNode, 'url' | 'kind' | 'stub' | 'title'>; children?: React.ReactNode }) {
  return (
    <Link
      href={node.url}
      prefetch={false}
      className={node.stub ? 'node-link stub' : 'node-link'}
      data-kind={node.kind}
      data-preview=""
    >
      {children ?? node.title}
    </Link>
  );
}

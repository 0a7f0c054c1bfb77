import Link from 'next/link';
import type { TrellisNode } from '@/lib/graph/types';
import { StubMark } from './KindBadge';

/**
 * A link to a node, in its kind's colour, followed by the stub mark when the
 * document is not in the collection: the one way a stub is marked wherever it is
 * linked. `data-preview` lets the preview cards find it.
 */
export function NodeLink({ node, children }: { node: Pick<TrellisNode, 'url' | 'kind' | 'stub' | 'title'>; children?: React.ReactNode }) {
  const link = (
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
  if (!node.stub) return link;
  return (
    <>
      {link} <StubMark />
    </>
  );
}

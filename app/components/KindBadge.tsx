import type { NodeKind } from '@/lib/graph/types';
import { kindLabel } from '@/lib/domain/kinds';

/*
 * Badges: plain components with no client code of their own, so that server pages and
 * client components (the palette, the previews, the graph's side card) draw the same ones.
 */

/** The kind's label in its colour: the same badge everywhere a kind is named. */
export function KindBadge({ kind, stub = false }: { kind: NodeKind; stub?: boolean }) {
  return (
    <span className="badge" data-kind={kind}>
      {kindLabel(kind)}
      {stub ? ' · not in collection' : ''}
    </span>
  );
}

/** Beside a link to a stub: the node is cited but has no page of its own. */
export function StubMark() {
  return <span className="badge stub-mark">not in collection</span>;
}

import type { NodeKind } from '@/lib/graph/types';
import { kindLabel } from './kinds';

/** The kind's label in its colour: the same badge everywhere a kind is named. */
export function KindBadge({ kind, stub = false }: { kind: NodeKind; stub?: boolean }) {
  return (
    <span className="badge" data-kind={kind}>
      {kindLabel(kind)}
      {stub ? ' · not in collection' : ''}
    </span>
  );
}

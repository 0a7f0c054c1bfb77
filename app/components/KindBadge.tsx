import type { NodeKind } from '@/lib/graph/types';
import { kindLabel } from '@/lib/domain/kinds';

/*
 * Badges: plain components with no client code of their own, so that server pages and
 * client components (the palette, the previews, the graph's side card) draw the same ones.
 */

/** The kind's label in its colour: the same badge everywhere a kind is named; a stub's gets the stub mark beside it. */
export function KindBadge({ kind, stub = false }: { kind: NodeKind; stub?: boolean }) {
  const badge = (
    <span className="badge" data-kind={kind}>
      {kindLabel(kind)}
    </span>
  );
  if (!stub) return badge;
  return (
    <>
      {badge} <StubMark />
    </>
  );
}

/**
 * The one mark of a stub (a document cited but not in the collection), wherever it is
 * named: beside its links (NodeLink), its kind badge, and its links in a body (globals.css
 * draws the same chip after `.prose a.stub`).
 */
export function StubMark() {
  return <span className="badge stub-mark">not in collection</span>;
}

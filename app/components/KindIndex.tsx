import Link from 'next/link';
import { connection } from 'next/server';
import { getGraph } from '@/lib/corpus';
import { nodesOfKind } from '@/lib/graph/queries';
import type { DocumentKind } from '@/lib/graph/types';
import { StubMark } from './KindBadge';
import { kinds } from './kinds';
import { NodeLink } from './NodeLink';

/** Nodes per page of a kind's index: enough to scan, small enough to stay light at 50k nodes. */
export const PAGE_SIZE = 200;

/** The page number a `?page=` value asks for, 1 when it is missing or nonsense. */
export function pageNumber(value: string | string[] | undefined): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(n) && n > 0 && n < 1e6 ? n : 1;
}

/** Every node of one kind, documents first, then those only cited, in pages of PAGE_SIZE. */
export async function KindIndex({ kind, page }: { kind: DocumentKind | 'tag'; page: number }) {
  await connection();
  const graph = getGraph();
  const all = nodesOfKind(graph, kind);
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const shown = all.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const label = kinds.find((k) => k.kind === kind)?.many ?? kind;
  const stubs = all.filter((n) => n.stub).length;
  return (
    <article data-kind={kind}>
      <h1>
        <span className="swatch" aria-hidden="true" />
        {label} <span className="count">({all.length})</span>
      </h1>
      <p className="lede">
        {all.length - stubs} in the collection{stubs ? `, ${stubs} cited but not in it` : ''}.
        {pages > 1 && ` Page ${current} of ${pages}.`}
      </p>
      <ul className="node-list">
        {shown.map((node) => (
          <li key={node.id} className={node.stub ? 'stub' : undefined}>
            <NodeLink node={node} />
            {node.stub && <StubMark />}
            <code className="url">{node.url}</code>
          </li>
        ))}
      </ul>
      {pages > 1 && (
        <nav className="pager" aria-label="Pages">
          {current > 1 && <Link href={`?page=${current - 1}`}>← Previous</Link>}
          {current < pages && <Link href={`?page=${current + 1}`}>Next →</Link>}
        </nav>
      )}
    </article>
  );
}

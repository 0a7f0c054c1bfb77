import { toLookupKey } from '../content/slug';
import type { Graph, NodeId, NodeKind } from './types';

export type Resolution =
  | { readonly status: 'found'; readonly id: NodeId }
  | { readonly status: 'ambiguous'; readonly ids: readonly NodeId[] }
  | { readonly status: 'missing' };

/**
 * Finds the node a name refers to: by title, original title, slug, alias, file
 * name or arXiv id, ignoring case, accents and punctuation. With `kind`, only nodes
 * of that kind count (a paper cited by title resolves to the paper of that title).
 * A name shared by several nodes is ambiguous: reported, never guessed.
 */
export function resolveName(
  names: Graph['names'],
  kind: (id: NodeId) => NodeKind | undefined,
  name: string,
  wanted?: NodeKind,
): Resolution {
  const key = toLookupKey(name);
  const ids = key ? names.get(key) : undefined;
  if (!ids || ids.length === 0) return { status: 'missing' };
  const matching = wanted ? ids.filter((id) => kind(id) === wanted) : ids;
  if (matching.length === 1) return { status: 'found', id: matching[0] as NodeId };
  if (matching.length === 0) return { status: 'missing' };
  return { status: 'ambiguous', ids: matching };
}

/** `resolveName` against a built graph. */
export function resolveInGraph(graph: Graph, name: string, wanted?: NodeKind): Resolution {
  return resolveName(graph.names, (id) => graph.nodes.get(id)?.kind, name, wanted);
}

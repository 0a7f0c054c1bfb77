import { toLookupKey } from '../domain/slug';
import type { Graph, NodeId, NodeKind, TrellisNode } from './types';

export type Resolution =
  | { readonly status: 'found'; readonly id: NodeId }
  | { readonly status: 'ambiguous'; readonly ids: readonly NodeId[] }
  | { readonly status: 'missing' };

/**
 * Finds the node a name refers to: by title, original title, slug, alias, file
 * name or arXiv id, ignoring case, accents and punctuation. With `kind`, only nodes
 * of that kind count (a paper cited by title resolves to the paper of that title).
 * A name shared by several documents is ambiguous: reported, never guessed. A stub
 * is only a shadow cast by citations, so a document in the collection wins over a
 * stub of another kind that shares its name.
 */
export function resolveName(
  names: Graph['names'],
  node: (id: NodeId) => Pick<TrellisNode, 'kind' | 'stub'> | undefined,
  name: string,
  wanted?: NodeKind,
  keyOf: (name: string) => string = toLookupKey,
): Resolution {
  const key = keyOf(name);
  const ids = key ? names.get(key) : undefined;
  if (!ids || ids.length === 0) return { status: 'missing' };
  let matching = wanted ? ids.filter((id) => node(id)?.kind === wanted) : ids;
  if (matching.length > 1) {
    const documents = matching.filter((id) => node(id)?.stub === false);
    if (documents.length === 1) matching = documents;
  }
  if (matching.length === 1) return { status: 'found', id: matching[0] as NodeId };
  if (matching.length === 0) return { status: 'missing' };
  return { status: 'ambiguous', ids: matching };
}

/** `resolveName` against a built graph. */
export function resolveInGraph(graph: Graph, name: string, wanted?: NodeKind): Resolution {
  return resolveName(graph.names, (id) => graph.nodes.get(id), name, wanted);
}

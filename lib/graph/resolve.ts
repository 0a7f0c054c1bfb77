import { toLookupKey } from '../domain/slug';
import type { Graph, NodeId, NodeKind, TrellisNode } from './types';

export type Resolution =
  | { readonly status: 'found'; readonly id: NodeId }
  | { readonly status: 'ambiguous'; readonly ids: readonly NodeId[] }
  | { readonly status: 'missing' };

/**
 * The key under which `names` holds a path or a file name: `/` and the folded
 * segments, without `.md`. `toLookupKey` never makes a `/`, so these keys meet no
 * title; undefined when no segment has a word.
 */
export function pathKey(path: string, keyOf: (name: string) => string = toLookupKey): string | undefined {
  const segments = path.replace(/\.md$/i, '').split('/').map(keyOf).filter(Boolean);
  return segments.length > 0 ? `/${segments.join('/')}` : undefined;
}

/**
 * The path keys a file answers to: its file name, then each longer end of its path
 * (`notes/Folder/Sub/x.md` → `x`, `Sub/x`, `Folder/Sub/x`, `notes/Folder/Sub/x`), so a
 * link written relative to the vault finds it wherever the vault sits in content/.
 */
export function pathKeysOf(path: string, keyOf: (name: string) => string = toLookupKey): string[] {
  const segments = path.replace(/\.md$/i, '').split('/');
  const keys: string[] = [];
  for (let i = segments.length - 1; i >= 0; i--) {
    const key = pathKey(segments.slice(i).join('/'), keyOf);
    if (key && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** The one node among `ids` (of the wanted kind, a document before a stub), or why there is none. */
function pick(
  ids: readonly NodeId[] | undefined,
  node: (id: NodeId) => Pick<TrellisNode, 'kind' | 'stub'> | undefined,
  wanted?: NodeKind,
): Resolution {
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

/**
 * Finds the node a name refers to, in the order Obsidian does: by path relative to
 * the vault (`Folder/Sub/x`), or by file name; then by title, original title, slug,
 * alias or arXiv id, ignoring case, accents and punctuation. The first of these that
 * names anything decides. With `kind`, only nodes of that kind count (a paper cited
 * by title resolves to the paper of that title). A name shared by several documents
 * is ambiguous: reported, never guessed. A stub is only a shadow cast by citations,
 * so a document in the collection wins over a stub that shares its name.
 */
export function resolveName(
  names: Graph['names'],
  node: (id: NodeId) => Pick<TrellisNode, 'kind' | 'stub'> | undefined,
  name: string,
  wanted?: NodeKind,
  keyOf: (name: string) => string = toLookupKey,
): Resolution {
  const byPath = pathKey(name.trim(), keyOf);
  if (byPath) {
    const found = pick(names.get(byPath), node, wanted);
    if (found.status !== 'missing') return found;
  }
  const key = keyOf(name);
  return key ? pick(names.get(key), node, wanted) : { status: 'missing' };
}

/** `resolveName` against a built graph. */
export function resolveInGraph(graph: Graph, name: string, wanted?: NodeKind): Resolution {
  return resolveName(graph.names, (id) => graph.nodes.get(id), name, wanted);
}

import type { NodeKind } from '@/lib/graph/types';

/** How each kind of node is named on the page, in the order the home page lists them. */
export const kinds: readonly { readonly kind: NodeKind; readonly one: string; readonly many: string }[] = [
  { kind: 'note', one: 'Note', many: 'Notes' },
  { kind: 'inquiry', one: 'Inquiring line', many: 'Inquiring lines' },
  { kind: 'paper', one: 'Paper', many: 'Papers' },
  { kind: 'tag', one: 'Tag', many: 'Tags' },
];

/** "Note", "Inquiring line", "Paper", "Tag". */
export function kindLabel(kind: NodeKind): string {
  return kinds.find((k) => k.kind === kind)?.one ?? kind;
}

/** "3 notes", "1 inquiring line". */
export function countOf(n: number, kind: NodeKind): string {
  const entry = kinds.find((k) => k.kind === kind);
  const word = n === 1 ? (entry?.one ?? kind) : (entry?.many ?? `${kind}s`);
  return `${n} ${word.toLowerCase()}`;
}

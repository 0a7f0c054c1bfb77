import type { NodeKind } from '@/lib/graph/types';

/** How each kind of node is named on the page, in the order the home page lists them. */
export const kinds: readonly { readonly kind: NodeKind; readonly one: string; readonly many: string }[] = [
  { kind: 'note', one: 'Note', many: 'Notes' },
  { kind: 'inquiry', one: 'Inquiring line', many: 'Inquiring lines' },
  { kind: 'paper', one: 'Paper', many: 'Papers' },
  { kind: 'tag', one: 'Tag', many: 'Tags' },
];


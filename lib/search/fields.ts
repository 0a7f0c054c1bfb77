import { Document } from 'flexsearch';
import { listSearchKinds } from '../domain/kinds';
import type { DocumentNode, Graph } from '../graph/types';
import type { Vocabulary } from './vocabulary';

/*
 * What a document gives the search index, field by field, and the flexsearch index
 * that holds those fields. Shared by indexing (lib/search/index.ts) and the saved
 * snapshot of an index (lib/search/snapshot.ts).
 */

export const SEARCH_FIELDS = ['title', 'originalTitle', 'aliases', 'tags', 'summary', 'body'] as const;

/** Which text of a document matched. */
export type SearchField = (typeof SEARCH_FIELDS)[number];

export type IndexedDocument = { i: number } & Record<SearchField, string>;

function summaryText(node: DocumentNode): string {
  const parts = new Set<string>();
  if (node.summary) parts.add(node.summary);
  if (node.kind === 'paper' && node.coreContribution) parts.add(node.coreContribution);
  // A stub is only what citing pages say about it; every page's words count.
  for (const citation of node.citations) if (citation.summary) parts.add(citation.summary);
  return [...parts].join('\n');
}

/** One line: snippets are cut from these texts and shown inline. */
const oneLine = (text: string): string => (/\s\s|[\t\n\r]/.test(text) ? text.replace(/\s+/g, ' ').trim() : text);

/** A document's fields but its body. */
export type ShortField = Exclude<SearchField, 'body'>;

/** A document's texts but its body, by field. */
export type ShortTexts = Record<ShortField, string>;

/**
 * The text of one of a document's short fields, made from the node each time it is
 * asked (a result's snippet, a phrase looked for in the best few hundred): kept for
 * every document, these copies of summaries and tags held about 1.5 KB a paper.
 */
export function fieldText(node: DocumentNode, field: ShortField): string {
  switch (field) {
    case 'title':
      return node.title;
    case 'originalTitle':
      return node.kind === 'note' ? oneLine(node.originalTitle ?? '') : '';
    case 'aliases':
      return [...node.aliases, ...(node.kind === 'paper' && node.arxivId ? [node.arxivId] : [])].join(', ');
    case 'tags':
      return node.tags.join(', ');
    case 'summary':
      return oneLine(summaryText(node));
  }
}

export function fieldTexts(node: DocumentNode): ShortTexts {
  return {
    title: fieldText(node, 'title'),
    originalTitle: fieldText(node, 'originalTitle'),
    aliases: fieldText(node, 'aliases'),
    tags: fieldText(node, 'tags'),
    summary: fieldText(node, 'summary'),
  };
}

/**
 * What indexing a graph produces, before any query: flexsearch's index of the fields,
 * the vocabulary of every word seen, and the documents in index order. The derived
 * store keeps it (lib/search/snapshot.ts), so a restart reads it back instead
 * of indexing again.
 */
export interface IndexedCorpus {
  readonly index: Document<IndexedDocument>;
  readonly vocabulary: Vocabulary;
  readonly nodes: readonly DocumentNode[];
}

/** A new, empty flexsearch index with Trellis's fields and encoders. */
export function createFieldIndex(vocabulary: Vocabulary): Document<IndexedDocument> {
  return new Document<IndexedDocument>({
    document: {
      id: 'i',
      index: SEARCH_FIELDS.map((field) => ({
        field,
        tokenize: 'strict' as const,
        // Every stem once per field, no positions: the ranking below scores which words a field
        // holds, never where, and one slot per word means a lookup hands back flexsearch's own
        // list instead of joining copies of its slots.
        resolution: 1,
        encode: field === 'body' ? vocabulary.encodeBody : vocabulary.encodeShort,
      })),
    },
  });
}

/** The documents a search can return, in index order: every node of a searchable kind (lib/domain/kinds.ts). */
export function searchableNodes(graph: Graph): DocumentNode[] {
  const kinds = new Set<string>(listSearchKinds());
  const nodes: DocumentNode[] = [];
  for (const node of graph.nodes.values()) if (kinds.has(node.kind)) nodes.push(node as DocumentNode);
  return nodes;
}


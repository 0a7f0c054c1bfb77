import type { DocumentNode, Edge, EdgeKind, Graph } from '../graph/types';

/*
 * A short phrase for where a search result sits in the graph ("cited by 38
 * inquiring lines · 3 related concepts"), so a reader can tell a hub from a leaf
 * before opening it. Counted from the edge indexes, never a scan of all edges.
 */

const NONE: readonly Edge[] = [];

function count(edges: readonly Edge[], kind: EdgeKind): number {
  let n = 0;
  for (const edge of edges) if (edge.kind === kind) n++;
  return n;
}

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Up to two facts about a document's links, the weightiest first. */
export function describePlace(graph: Graph, node: DocumentNode): string {
  const incoming = graph.incoming.get(node.id) ?? NONE;
  const outgoing = graph.outgoing.get(node.id) ?? NONE;
  const facts: [number, string][] = [];
  const add = (n: number, text: string) => {
    if (n > 0) facts.push([n, text]);
  };
  switch (node.kind) {
    case 'note': {
      const citing = count(incoming, 'source');
      add(citing, `cited by ${plural(citing, 'inquiring line', 'inquiring lines')}`);
      const related = count(outgoing, 'related');
      add(related, plural(related, 'related concept', 'related concepts'));
      const papers = count(outgoing, 'related-paper');
      add(papers, plural(papers, 'paper', 'papers'));
      break;
    }
    case 'inquiry': {
      const sources = count(outgoing, 'source');
      add(sources, plural(sources, 'source', 'sources'));
      const next = count(outgoing, 'next');
      add(next, plural(next, 'next line', 'next lines'));
      break;
    }
    case 'paper': {
      const listing = count(incoming, 'related-paper');
      add(listing, `listed by ${plural(listing, 'note', 'notes')}`);
      break;
    }
  }
  const mentions = count(incoming, 'mentions');
  add(mentions, `linked from ${plural(mentions, 'document', 'documents')}`);
  if (!facts.length) return node.stub ? 'cited, not in the collection' : 'no links yet';
  // Keep the list order (the kind's own relation first), but only the two largest facts.
  const kept = new Set(
    [...facts]
      .sort((a, b) => b[0] - a[0])
      .slice(0, 2)
      .map((f) => f[1]),
  );
  return facts
    .filter((f) => kept.has(f[1]))
    .map((f) => f[1])
    .join(' · ');
}

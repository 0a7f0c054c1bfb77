import { kindEntry, type CardFact } from '../domain/kinds';
import { incomingEdges, outgoingEdges } from '../graph/queries';
import type { Graph, TrellisNode } from '../graph/types';

/*
 * The facts a kind's registry entry names (lib/domain/kinds.ts `card`): what its share
 * card says under the title, and what the home page says beside each of its documents
 * and ranks them by. One wording for both.
 */

export type CountFact = Extract<CardFact, { count: unknown }>;

/** "1 paper", "3 papers". */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** Distinct nodes at the other end of a node's edges of some kinds, of one kind when the fact says so. */
export function countLinked(graph: Graph, node: TrellisNode, fact: CountFact): number {
  const ends = new Set<string>();
  for (const kind of fact.count) {
    const edges = fact.direction === 'in' ? incomingEdges(graph, node.id, kind) : outgoingEdges(graph, node.id, kind);
    for (const edge of edges) {
      const other = graph.nodes.get(fact.direction === 'in' ? edge.source : edge.target);
      if (other && (fact.of === undefined || other.kind === fact.of)) ends.add(other.id);
    }
  }
  return ends.size;
}

/**
 * A counted fact in words: "cited by 2 inquiring lines". With `yet`, none reads as a
 * state that may change ("not cited by any inquiring line yet"), as the home page says it.
 */
export function countPhrase(fact: CountFact, n: number, yet = false): string {
  if (yet && n === 0 && fact.prefix) return `not ${fact.prefix} any ${fact.one} yet`;
  const phrase = count(n, fact.one, fact.many);
  return fact.prefix ? `${fact.prefix} ${phrase}` : phrase;
}

/** The first counted fact of a kind's entry: what its documents are ranked by on the home page. */
export function rankingFact(kind: string): CountFact | undefined {
  return kindEntry(kind).card.find((fact): fact is CountFact => 'count' in fact);
}

/** A node's facts, as its kind's entry lists them, in the words its page uses. */
export function kindFacts(graph: Graph, node: TrellisNode): string[] {
  return kindEntry(node.kind).card.flatMap((fact): string[] => {
    if ('field' in fact) {
      const value = (node as unknown as Readonly<Record<string, unknown>>)[fact.field];
      return typeof value === 'string' && value ? [`${fact.prefix}${value}`] : [];
    }
    return [countPhrase(fact, countLinked(graph, node, fact))];
  });
}

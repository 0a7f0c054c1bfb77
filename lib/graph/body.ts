import type { Graph, TrellisNode } from './types';

/** A node's whole Markdown body, read from wherever the graph keeps bodies; empty for stubs and tags. */
export function bodyOf(graph: Graph, node: TrellisNode): string {
  return node.hasBody && node.file ? graph.bodies.read(node.file) : '';
}
